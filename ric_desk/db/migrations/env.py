"""alembic environment: always run with a connection handed in by `ric_desk.db.migrate`."""

from __future__ import annotations

from alembic import context

from ric_desk.db.migrate import include_object
from ric_desk.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
