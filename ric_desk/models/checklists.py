"""Supervisors' check-lists (versioned templates) and the reviews scored on them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ric_desk.models.base import Base, UtcDateTime, Versioned, utcnow


class ChecklistTemplate(Versioned, Base):
    __tablename__ = "checklist_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)  # the workbook's sheet name
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

    criteria: Mapped[list[ChecklistCriterion]] = relationship(
        order_by="ChecklistCriterion.position", cascade="all, delete-orphan"
    )


class ChecklistCriterion(Base):
    __tablename__ = "checklist_criterion"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("checklist_section.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    max_score: Mapped[int] = mapped_column(Integer, default=1)


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

    scores: Mapped[list[ReviewScore]] = relationship(cascade="all, delete-orphan")


class ReviewScore(Versioned, Base):
    __tablename__ = "review_score"

    review_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_review.id", ondelete="CASCADE"), primary_key=True
    )
    criterion_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_criterion.id"), primary_key=True
    )
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
