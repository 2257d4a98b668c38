"""Quality control around the check-list reviews: the listening sample with its leases, the
calibration pairs, the operators' disputes and the append-only history of every review."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, Text, event
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from ric_desk.errors import UserError
from ric_desk.models.base import Base, UtcDateTime, Versioned, enum_column, utcnow


class PickKind(StrEnum):
    SAMPLE = "sample"  # drawn at random for a period
    TARGETED = "targeted"  # chosen on purpose by a supervisor


class QcPick(Versioned, Base):
    """A call to be listened to: drawn into a period's sample or picked on purpose. A call is
    picked at most once (never drawn again once reviewed), and is leased to the supervisor
    scoring it, as a work is to its operator."""

    __tablename__ = "qc_pick"
    __table_args__ = (Index("ix_qc_pick_period", "period_start", "period_end", "operator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), unique=True
    )
    kind: Mapped[PickKind] = mapped_column(enum_column(PickKind), default=PickKind.SAMPLE)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("stage.id"))
    closing_reason_id: Mapped[int | None] = mapped_column(ForeignKey("closing_reason.id"))
    # the sample's period [start, end) and seed; None for a targeted pick
    period_start: Mapped[datetime | None] = mapped_column(UtcDateTime)
    period_end: Mapped[datetime | None] = mapped_column(UtcDateTime)
    seed: Mapped[int | None] = mapped_column(Integer)
    picked_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    picked_by_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class QcCalibration(Base):
    """A second, blind review (`review_id`, of kind calibration) of the call `of_review_id`
    scored first."""

    __tablename__ = "qc_calibration"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_review.id", ondelete="CASCADE"), unique=True
    )
    of_review_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_review.id", ondelete="CASCADE"), index=True
    )
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class DisputeOutcome(StrEnum):
    UPHELD = "upheld"  # the score stays
    CHANGED = "changed"


class QcDispute(Versioned, Base):
    """An operator disputes one criterion of a published review; another supervisor than the
    review's author re-reviews it."""

    __tablename__ = "qc_dispute"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_review.id", ondelete="CASCADE"), index=True
    )
    criterion_id: Mapped[int] = mapped_column(ForeignKey("checklist_criterion.id"))
    comment: Mapped[str] = mapped_column(Text)
    raised_by_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    raised_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    outcome: Mapped[DisputeOutcome | None] = mapped_column(enum_column(DisputeOutcome))
    resolution: Mapped[str | None] = mapped_column(Text)


class QcReviewEvent(Base):
    """The history of a review, appended to and never changed: who did what, when."""

    __tablename__ = "qc_review_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_review.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    action: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


HISTORY_MESSAGE = "История оценки не меняется: события только добавляются."


@event.listens_for(Session, "before_flush")
def _refuse_history_changes(session: Session, _context: Any, _instances: Any) -> None:
    for obj in session.deleted:
        if isinstance(obj, QcReviewEvent):
            raise UserError(HISTORY_MESSAGE)
    for obj in session.dirty:
        if isinstance(obj, QcReviewEvent) and session.is_modified(obj):
            raise UserError(HISTORY_MESSAGE)


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_history_changes(state: ORMExecuteState) -> None:
    mapper = state.bind_mapper
    if (
        (state.is_update or state.is_delete)
        and mapper is not None
        and mapper.class_ is QcReviewEvent
    ):
        raise UserError(HISTORY_MESSAGE)
