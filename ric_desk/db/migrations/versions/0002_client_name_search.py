"""client name fragment search: FTS5 trigram table on SQLite, pg_trgm GIN index on PostgreSQL

A plain LIKE '%fragment%' scans all clients (36 ms at 100,000 on SQLite, over the 30 ms budget
of DESIGN.md §8); a trigram index answers fragments of three or more letters from the index.
These objects live outside the ORM metadata (see `ric_desk.db.migrate.SEARCH_OBJECTS`).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = [
    "CREATE VIRTUAL TABLE client_name_fts USING fts5("
    "name_search, content='client', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER client_name_fts_insert AFTER INSERT ON client BEGIN "
    "INSERT INTO client_name_fts(rowid, name_search) VALUES (new.id, new.name_search); END",
    "CREATE TRIGGER client_name_fts_delete AFTER DELETE ON client BEGIN "
    "INSERT INTO client_name_fts(client_name_fts, rowid, name_search) "
    "VALUES ('delete', old.id, old.name_search); END",
    "CREATE TRIGGER client_name_fts_update AFTER UPDATE OF name_search ON client BEGIN "
    "INSERT INTO client_name_fts(client_name_fts, rowid, name_search) "
    "VALUES ('delete', old.id, old.name_search); "
    "INSERT INTO client_name_fts(rowid, name_search) VALUES (new.id, new.name_search); END",
    "INSERT INTO client_name_fts(client_name_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER client_name_fts_update",
    "DROP TRIGGER client_name_fts_delete",
    "DROP TRIGGER client_name_fts_insert",
    "DROP TABLE client_name_fts",
]
POSTGRESQL_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_client_name_trgm ON client USING gin (name_search gin_trgm_ops)",
]
POSTGRESQL_DOWN = ["DROP INDEX ix_client_name_trgm"]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _run(SQLITE_UP)
    else:
        _run(POSTGRESQL_UP)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _run(SQLITE_DOWN)
    else:
        _run(POSTGRESQL_DOWN)
