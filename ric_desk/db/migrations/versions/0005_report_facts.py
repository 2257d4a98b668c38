"""the contact report: change stamps and the deleted-row record for its fact cache
(`ric_desk.db.stamps`), saved report configurations, and the employee's group supervisor

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ric_desk.db import stamps

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in stamps.STAMPED:
        op.add_column(table, sa.Column("change_stamp", sa.BigInteger(), nullable=True))
        op.create_index(f"ix_{table}_change_stamp", table, ["change_stamp"])
    op.create_table(
        "deleted_row",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("change_stamp", sa.BigInteger(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("work_id", sa.Integer(), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deleted_row")),
    )
    op.create_index("ix_deleted_row_change_stamp", "deleted_row", ["change_stamp"])
    op.create_table(
        "report_config",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("shared", sa.Boolean(), nullable=False),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["employee.id"],
            name=op.f("fk_report_config_owner_id_employee"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_config")),
    )
    op.create_index(
        "uq_report_config_owner_name", "report_config", ["owner_id", "name"], unique=True
    )
    # added in place: other tables refer to employee, so SQLite must not copy it
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE employee ADD COLUMN supervisor_id INTEGER "
            "CONSTRAINT fk_employee_supervisor_id_employee REFERENCES employee (id)"
        )
    else:
        op.add_column("employee", sa.Column("supervisor_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_employee_supervisor_id_employee"),
            "employee",
            "employee",
            ["supervisor_id"],
            ["id"],
        )
    op.create_index("ix_employee_supervisor_id", "employee", ["supervisor_id"])
    stamps.install(op.get_bind())


def downgrade() -> None:
    bind = op.get_bind()
    stamps.uninstall(bind)
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE change_clock")
    op.drop_index("ix_employee_supervisor_id", table_name="employee")
    if bind.dialect.name != "sqlite":
        op.drop_constraint(
            op.f("fk_employee_supervisor_id_employee"), "employee", type_="foreignkey"
        )
    op.drop_column("employee", "supervisor_id")
    op.drop_index("uq_report_config_owner_name", table_name="report_config")
    op.drop_table("report_config")
    op.drop_index("ix_deleted_row_change_stamp", table_name="deleted_row")
    op.drop_table("deleted_row")
    for table in stamps.STAMPED:
        op.drop_index(f"ix_{table}_change_stamp", table_name=table)
        op.drop_column(table, "change_stamp")
