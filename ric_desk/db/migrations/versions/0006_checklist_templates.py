"""supervisors' check-lists: a template's sheet name, a version's pass mark, a section's weight,
a criterion's hint, scale, points (was max_score), critical, may-be-not-applicable and
comment-on-a-miss flags, and a review score that may be "not applicable" (NULL)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCALE = sa.Enum(
    "yes_no", "0-2", "0-5", name="scale", native_enum=False, length=20, create_constraint=False
)
FLAGS = ("critical", "may_be_na", "comment_on_miss")


def upgrade() -> None:
    # the template, version, section and criterion tables are referred to by others: columns
    # are added in place (SQLite must not copy them)
    op.add_column("checklist_template", sa.Column("sheet_name", sa.String(length=31)))
    op.create_index(
        "ix_checklist_template_sheet_name", "checklist_template", ["sheet_name"], unique=True
    )
    op.add_column(
        "checklist_version",
        sa.Column("pass_mark", sa.Integer(), server_default="80", nullable=False),
    )
    op.add_column(
        "checklist_section", sa.Column("weight", sa.Integer(), server_default="1", nullable=False)
    )
    op.alter_column("checklist_criterion", "max_score", new_column_name="points")
    op.add_column("checklist_criterion", sa.Column("hint", sa.Text()))
    op.add_column(
        "checklist_criterion",
        sa.Column("scale", SCALE, server_default="yes_no", nullable=False),
    )
    for flag in FLAGS:
        op.add_column(
            "checklist_criterion",
            sa.Column(flag, sa.Boolean(), server_default=sa.false(), nullable=False),
        )
    # no table refers to review_score: SQLite copies it to let the score be NULL
    with op.batch_alter_table("review_score") as batch_op:
        batch_op.alter_column("score", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM review_score WHERE score IS NULL")
    with op.batch_alter_table("review_score") as batch_op:
        batch_op.alter_column("score", existing_type=sa.Integer(), nullable=False)
    for column in ("comment_on_miss", "may_be_na", "critical", "scale", "hint"):
        op.drop_column("checklist_criterion", column)
    op.alter_column("checklist_criterion", "points", new_column_name="max_score")
    op.drop_column("checklist_section", "weight")
    op.drop_column("checklist_version", "pass_mark")
    op.drop_index("ix_checklist_template_sheet_name", table_name="checklist_template")
    op.drop_column("checklist_template", "sheet_name")
