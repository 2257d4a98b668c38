"""a contact's recording: a file path or a URL the supervisor listens to when scoring the call

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # contact is referred to: the column is added in place (SQLite must not copy the table)
    op.add_column("contact", sa.Column("recording", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("contact", "recording")
