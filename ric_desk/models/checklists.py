"""Supervisors' check-lists (versioned templates) and the reviews scored on them.

A template's versions are published whole and never change afterwards: a review points at the
version it was scored against and its scores at that version's criterion rows, so editing a
check-list (publishing its next version) never rewrites an old review. The guard below refuses,
in words, any change or deletion of a published version, section or criterion made through the
ORM (`ric_desk.checklists.templates.publish` is the one way to add a version).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column, relationship

from ric_desk.errors import UserError
from ric_desk.models.base import Base, UtcDateTime, Versioned, enum_column, utcnow


class Scale(StrEnum):
    """How a criterion is graded: done or not, or a grade 0..2 or 0..5."""

    YES_NO = "yes_no"
    ZERO_TWO = "0-2"
    ZERO_FIVE = "0-5"

    @property
    def top(self) -> int:
        """The best grade on the scale (the worst is 0)."""
        return {Scale.YES_NO: 1, Scale.ZERO_TWO: 2, Scale.ZERO_FIVE: 5}[self]


DEFAULT_PASS_MARK = 80  # percent


class ChecklistTemplate(Versioned, Base):
    __tablename__ = "checklist_template"
    __table_args__ = (Index("ix_checklist_template_sheet_name", "sheet_name", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # the check-list's title (row 1 of its workbook sheet), else its sheet's name
    name: Mapped[str] = mapped_column(String(300), unique=True)
    sheet_name: Mapped[str | None] = mapped_column(String(31))  # its sheet in a workbook
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("stage.id"))

    versions: Mapped[list[ChecklistVersion]] = relationship(
        back_populates="template", order_by="ChecklistVersion.number"
    )


class ChecklistVersion(Base):
    """A published version of a template; a review always points at the one it used."""

    __tablename__ = "checklist_version"
    __table_args__ = (UniqueConstraint("template_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_template.id", ondelete="CASCADE")
    )
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # a review passes when its total (an exact fraction) is at least this many percent
    pass_mark: Mapped[int] = mapped_column(
        Integer, default=DEFAULT_PASS_MARK, server_default=str(DEFAULT_PASS_MARK)
    )

    template: Mapped[ChecklistTemplate] = relationship(back_populates="versions")
    sections: Mapped[list[ChecklistSection]] = relationship(
        order_by="ChecklistSection.position", cascade="all, delete-orphan"
    )


class ChecklistSection(Base):
    __tablename__ = "checklist_section"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("checklist_version.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    weight: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    criteria: Mapped[list[ChecklistCriterion]] = relationship(
        order_by="ChecklistCriterion.position", cascade="all, delete-orphan"
    )


class ChecklistCriterion(Base):
    __tablename__ = "checklist_criterion"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("checklist_section.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    hint: Mapped[str | None] = mapped_column(Text)
    scale: Mapped[Scale] = mapped_column(
        enum_column(Scale), default=Scale.YES_NO, server_default=Scale.YES_NO.value
    )
    points: Mapped[int] = mapped_column(Integer, default=1)  # its weight within its section
    critical: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    may_be_na: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    comment_on_miss: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ReviewState(StrEnum):
    DRAFT = "draft"  # seen by its author only
    PUBLISHED = "published"


class ReviewKind(StrEnum):
    SAMPLE = "sample"  # a call of the random listening sample
    TARGETED = "targeted"  # picked on purpose: kept out of the sample's statistics
    CALIBRATION = "calibration"  # a second, blind review: never counts for the operator


class ChecklistReview(Versioned, Base):
    """A supervisor's scoring of one recorded contact (прослушка)."""

    __tablename__ = "checklist_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("checklist_version.id"))
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), index=True
    )
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"), index=True)
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    reviewed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    comment: Mapped[str | None] = mapped_column(Text)
    state: Mapped[ReviewState] = mapped_column(
        enum_column(ReviewState),
        default=ReviewState.DRAFT,
        server_default=ReviewState.PUBLISHED.value,  # reviews from before revision 0007
    )
    kind: Mapped[ReviewKind] = mapped_column(
        enum_column(ReviewKind), default=ReviewKind.SAMPLE, server_default=ReviewKind.SAMPLE.value
    )
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # the operator read the published review and accepted it
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    scores: Mapped[list[ReviewScore]] = relationship(cascade="all, delete-orphan")


class ReviewScore(Versioned, Base):
    """The grade one criterion (a row of the review's frozen version) got; None: not applicable."""

    __tablename__ = "review_score"

    review_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_review.id", ondelete="CASCADE"), primary_key=True
    )
    criterion_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_criterion.id"), primary_key=True
    )
    score: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    # pre-filled from the operator's script path ("по скрипту"), not the supervisor's own mark
    by_script: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


FROZEN = (ChecklistVersion, ChecklistSection, ChecklistCriterion)
FROZEN_MESSAGE = (
    "Опубликованная версия чек-листа не меняется и не удаляется: изменения публикуются "
    "следующей версией."
)


@event.listens_for(Session, "before_flush")
def _refuse_changes_to_published(session: Session, _context: Any, _instances: Any) -> None:
    """A published version, its sections and criteria are never updated nor deleted, and no
    section or criterion is added to one (they come with their new version, all at once)."""
    for obj in session.deleted:
        if isinstance(obj, FROZEN):
            raise UserError(FROZEN_MESSAGE)
    for obj in session.dirty:
        if isinstance(obj, FROZEN) and session.is_modified(obj):
            raise UserError(FROZEN_MESSAGE)
    for obj in session.new:
        if (isinstance(obj, ChecklistSection) and obj.version_id is not None) or (
            isinstance(obj, ChecklistCriterion) and obj.section_id is not None
        ):
            raise UserError(FROZEN_MESSAGE)


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes_to_published(state: ORMExecuteState) -> None:
    mapper = state.bind_mapper
    if (state.is_update or state.is_delete) and mapper is not None and mapper.class_ in FROZEN:
        raise UserError(FROZEN_MESSAGE)
