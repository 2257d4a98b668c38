"""Works with their contacts, assignments and instruments; the dictionaries they use."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ric_desk.models.base import Base, Stamped, Timestamped, UtcDateTime, Versioned, enum_column


class Direction(Versioned, Base):
    """Направление деятельности: "Обслуживание", "Продажи"..."""

    __tablename__ = "direction"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Stage(Versioned, Base):
    """One of the seven life-cycle stages of work with a client (seed 002)."""

    __tablename__ = "stage"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # the stage number
    name: Mapped[str] = mapped_column(String(300))
    goal: Mapped[str | None] = mapped_column(Text)


class ClosingReason(Versioned, Base):
    __tablename__ = "closing_reason"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    group_name: Mapped[str] = mapped_column(String(200))
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("stage.id"))
    needs_comment: Mapped[bool] = mapped_column(Boolean, default=False)
    unproductive: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Instrument(Versioned, Base):
    """A technique used in a contact: "Заход в систему КонсультантПлюс", a demonstration..."""

    __tablename__ = "instrument"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CampaignKind(StrEnum):
    RENEWAL = "renewal"
    PAYMENT = "payment"
    INTAKE = "intake"
    STAGE = "stage"


class Campaign(Versioned, Timestamped, Base):
    """A rule that generates works for a set of clients on a schedule."""

    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[CampaignKind] = mapped_column(enum_column(CampaignKind))
    direction_id: Mapped[int | None] = mapped_column(ForeignKey("direction.id"))
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("stage.id"))
    rule: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # kind-specific parameters
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))


class WorkState(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    RESCHEDULED = "rescheduled"
    CLOSED = "closed"


class Work(Versioned, Timestamped, Stamped, Base):
    """One planned piece of work with a client: one or more contact attempts toward a goal."""

    __tablename__ = "work"
    __table_args__ = (
        # the queue's lanes walk these in planned order (ties by id) until a work whose client
        # may be called now: with the id in the index, the walk stops at the first one
        Index("ix_work_queue", "state", "planned_at", "id"),
        Index("ix_work_executor_queue", "executor_id", "state", "planned_at", "id"),
        Index("ix_work_client", "client_id", "planned_at"),
        # the session's count of works closed in its period, own and the pool's
        Index("ix_work_executor_closed", "executor_id", "closed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(BigInteger, unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    direction_id: Mapped[int] = mapped_column(ForeignKey("direction.id"))
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("stage.id"))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaign.id"))
    contact_person_id: Mapped[int | None] = mapped_column(ForeignKey("contact_person.id"))
    executor_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))  # None: team pool
    author_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    planned_at: Mapped[datetime] = mapped_column(UtcDateTime)
    state: Mapped[WorkState] = mapped_column(enum_column(WorkState), default=WorkState.PLANNED)
    goal: Mapped[str | None] = mapped_column(Text)
    closing_reason_id: Mapped[int | None] = mapped_column(ForeignKey("closing_reason.id"))
    closing_comment: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # a claimed work is leased to one workstation until the lease expires
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="work", order_by="Contact.planned_at"
    )
    assignments: Mapped[list[Assignment]] = relationship(back_populates="work")


class ContactMethod(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    VISIT = "visit"
    MESSENGER = "messenger"


class Contact(Versioned, Stamped, Base):
    """One contact attempt inside a work, successful or not; never deleted."""

    __tablename__ = "contact"
    __table_args__ = (
        Index("ix_contact_work", "work_id"),
        Index("ix_contact_client", "client_id", "actual_at"),
        Index("ix_contact_actual_at", "actual_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    work_id: Mapped[int] = mapped_column(ForeignKey("work.id", ondelete="CASCADE"))
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    contact_person_id: Mapped[int | None] = mapped_column(ForeignKey("contact_person.id"))
    channel_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_channel.id", ondelete="SET NULL")
    )
    planned_at: Mapped[datetime] = mapped_column(UtcDateTime)
    actual_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    method: Mapped[ContactMethod] = mapped_column(
        enum_column(ContactMethod), default=ContactMethod.PHONE
    )
    incoming: Mapped[bool] = mapped_column(Boolean, default=False)
    duration_sec: Mapped[int | None] = mapped_column(Integer)
    successful: Mapped[bool] = mapped_column(Boolean, default=False)
    result: Mapped[str | None] = mapped_column(Text)
    # the contact goal's questions with the operator's answers: [{"question": .., "answer": ..}]
    goal_answers: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    # the script the operator followed and the steps taken, readable without the script tables:
    # {"script": name, "version": n, "version_id": id, "steps": [{"step": n, "title": ..,
    # "branch": name | None}]}
    script_path: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # the call's recording: a file path or a URL the supervisor listens to (issue 12)
    recording: Mapped[str | None] = mapped_column(Text)

    work: Mapped[Work] = relationship(back_populates="contacts")
    instruments: Mapped[list[ContactInstrument]] = relationship(cascade="all, delete-orphan")


class Assignment(Versioned, Timestamped, Stamped, Base):
    """Поручение: what to do in a work and with which instruments, from a supervisor or campaign."""

    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    work_id: Mapped[int] = mapped_column(ForeignKey("work.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    text: Mapped[str] = mapped_column(Text)

    work: Mapped[Work] = relationship(back_populates="assignments")
    instruments: Mapped[list[AssignmentInstrument]] = relationship(cascade="all, delete-orphan")


class AssignmentInstrument(Versioned, Stamped, Base):
    __tablename__ = "assignment_instrument"

    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignment.id", ondelete="CASCADE"), primary_key=True
    )
    instrument_id: Mapped[int] = mapped_column(ForeignKey("instrument.id"), primary_key=True)
    planned_count: Mapped[int] = mapped_column(Integer, default=1)


class ContactInstrument(Versioned, Stamped, Base):
    __tablename__ = "contact_instrument"

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True
    )
    instrument_id: Mapped[int] = mapped_column(ForeignKey("instrument.id"), primary_key=True)
    used_count: Mapped[int] = mapped_column(Integer, default=1)
