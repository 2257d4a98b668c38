"""quality control: a review's state (draft/published), kind (sample/targeted/calibration),
publication and acknowledgement; a score pre-filled from the script path; the listening sample
with its leases, calibration pairs, disputes and the reviews' history

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ric_desk.models.base import UtcDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=20, create_constraint=False)


def upgrade() -> None:
    # checklist_review is referred to: its columns are added in place (SQLite must not copy it);
    # reviews from before this revision were published samples
    op.add_column(
        "checklist_review",
        sa.Column(
            "state",
            _enum("reviewstate", "draft", "published"),
            server_default="published",
            nullable=False,
        ),
    )
    op.add_column(
        "checklist_review",
        sa.Column(
            "kind",
            _enum("reviewkind", "sample", "targeted", "calibration"),
            server_default="sample",
            nullable=False,
        ),
    )
    op.add_column("checklist_review", sa.Column("published_at", UtcDateTime()))
    op.add_column("checklist_review", sa.Column("acknowledged_at", UtcDateTime()))
    op.execute("UPDATE checklist_review SET published_at = reviewed_at")
    op.add_column(
        "review_score",
        sa.Column("by_script", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_table(
        "qc_pick",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum("pickkind", "sample", "targeted"), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("stage_id", sa.Integer(), nullable=True),
        sa.Column("closing_reason_id", sa.Integer(), nullable=True),
        sa.Column("period_start", UtcDateTime(), nullable=True),
        sa.Column("period_end", UtcDateTime(), nullable=True),
        sa.Column("seed", sa.Integer(), nullable=True),
        sa.Column("picked_at", UtcDateTime(), nullable=False),
        sa.Column("picked_by_id", sa.Integer(), nullable=True),
        sa.Column("claimed_by_id", sa.Integer(), nullable=True),
        sa.Column("lease_expires_at", UtcDateTime(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name="fk_qc_pick_contact_id_contact", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["employee.id"], name="fk_qc_pick_operator_id_employee"
        ),
        sa.ForeignKeyConstraint(["stage_id"], ["stage.id"], name="fk_qc_pick_stage_id_stage"),
        sa.ForeignKeyConstraint(
            ["closing_reason_id"],
            ["closing_reason.id"],
            name="fk_qc_pick_closing_reason_id_closing_reason",
        ),
        sa.ForeignKeyConstraint(
            ["picked_by_id"], ["employee.id"], name="fk_qc_pick_picked_by_id_employee"
        ),
        sa.ForeignKeyConstraint(
            ["claimed_by_id"], ["employee.id"], name="fk_qc_pick_claimed_by_id_employee"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_qc_pick"),
        sa.UniqueConstraint("contact_id", name="uq_qc_pick_contact_id"),
    )
    op.create_index("ix_qc_pick_period", "qc_pick", ["period_start", "period_end", "operator_id"])
    op.create_table(
        "qc_calibration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("of_review_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["checklist_review.id"],
            name="fk_qc_calibration_review_id_checklist_review",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["of_review_id"],
            ["checklist_review.id"],
            name="fk_qc_calibration_of_review_id_checklist_review",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"], ["employee.id"], name="fk_qc_calibration_requested_by_id_employee"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_qc_calibration"),
        sa.UniqueConstraint("review_id", name="uq_qc_calibration_review_id"),
    )
    op.create_index("ix_qc_calibration_of_review_id", "qc_calibration", ["of_review_id"])
    op.create_table(
        "qc_dispute",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("raised_by_id", sa.Integer(), nullable=False),
        sa.Column("raised_at", UtcDateTime(), nullable=False),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.Column("resolved_at", UtcDateTime(), nullable=True),
        sa.Column("outcome", _enum("disputeoutcome", "upheld", "changed"), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["checklist_review.id"],
            name="fk_qc_dispute_review_id_checklist_review",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["checklist_criterion.id"],
            name="fk_qc_dispute_criterion_id_checklist_criterion",
        ),
        sa.ForeignKeyConstraint(
            ["raised_by_id"], ["employee.id"], name="fk_qc_dispute_raised_by_id_employee"
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"], ["employee.id"], name="fk_qc_dispute_resolved_by_id_employee"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_qc_dispute"),
    )
    op.create_index("ix_qc_dispute_review_id", "qc_dispute", ["review_id"])
    op.create_table(
        "qc_review_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["checklist_review.id"],
            name="fk_qc_review_event_review_id_checklist_review",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["employee.id"], name="fk_qc_review_event_actor_id_employee"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_qc_review_event"),
    )
    op.create_index("ix_qc_review_event_review_id", "qc_review_event", ["review_id"])


def downgrade() -> None:
    op.drop_index("ix_qc_review_event_review_id", table_name="qc_review_event")
    op.drop_table("qc_review_event")
    op.drop_index("ix_qc_dispute_review_id", table_name="qc_dispute")
    op.drop_table("qc_dispute")
    op.drop_index("ix_qc_calibration_of_review_id", table_name="qc_calibration")
    op.drop_table("qc_calibration")
    op.drop_index("ix_qc_pick_period", table_name="qc_pick")
    op.drop_table("qc_pick")
    op.drop_column("review_score", "by_script")
    # drafts and second opinions did not exist before: only published first reviews stay
    op.execute("DELETE FROM checklist_review WHERE state = 'draft' OR kind = 'calibration'")
    for column in ("acknowledged_at", "published_at", "kind", "state"):
        op.drop_column("checklist_review", column)
