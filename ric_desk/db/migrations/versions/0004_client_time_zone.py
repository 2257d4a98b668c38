"""the clients' own time zones indexed: the call session reads the names in use every time it
orders or takes works by who may be called now

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_client_time_zone", "client", ["time_zone"])


def downgrade() -> None:
    op.drop_index("ix_client_time_zone", table_name="client")
