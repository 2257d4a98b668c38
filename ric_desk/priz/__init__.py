"""ПРИЗ (problems and tasks) of a client: rules raise and retire items, tasks are assigned."""
