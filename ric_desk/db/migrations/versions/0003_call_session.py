"""call session: working calendar, database settings, the goal answers and script path of a contact

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("working", sa.Boolean(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_calendar_day")),
    )
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_setting")),
    )
    op.add_column("contact", sa.Column("goal_answers", sa.JSON(), nullable=True))
    op.add_column("contact", sa.Column("script_path", sa.JSON(), nullable=True))
    op.create_index("ix_work_executor_closed", "work", ["executor_id", "closed_at"])


def downgrade() -> None:
    op.drop_index("ix_work_executor_closed", table_name="work")
    op.drop_column("contact", "script_path")
    op.drop_column("contact", "goal_answers")
    op.drop_table("app_setting")
    op.drop_table("calendar_day")
