"""Opening the database, its schema migrations and its backups."""
