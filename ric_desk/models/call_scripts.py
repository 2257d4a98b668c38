"""Call scripts (речевки): versioned, with steps and branches by the client's situation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ric_desk.models.base import Base, UtcDateTime, Versioned, utcnow


class CallScript(Versioned, Base):
    __tablename__ = "call_script"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("stage.id"))

    versions: Mapped[list[CallScriptVersion]] = relationship(
        back_populates="script", order_by="CallScriptVersion.number"
    )


class CallScriptVersion(Base):
    """A published version; never edited, a change publishes the next number."""

    __tablename__ = "call_script_version"
    __table_args__ = (UniqueConstraint("script_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    script_id: Mapped[int] = mapped_column(ForeignKey("call_script.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    goal: Mapped[str | None] = mapped_column(Text)
    tasks: Mapped[list[str]] = mapped_column(JSON, default=list)  # "Шаги/задачи"
    branches: Mapped[list[str]] = mapped_column(JSON, default=list)  # e.g. Посещает, Не посещает
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))

    script: Mapped[CallScript] = relationship(back_populates="versions")
    steps: Mapped[list[CallScriptStep]] = relationship(
        order_by="CallScriptStep.position", cascade="all, delete-orphan"
    )


class CallScriptStep(Base):
    __tablename__ = "call_script_step"
    __table_args__ = (UniqueConstraint("version_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("call_script_version.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    # the operator's words per branch; one element when the row is merged across branches
    texts: Mapped[list[str]] = mapped_column(JSON, default=list)
    expected_answers: Mapped[str | None] = mapped_column(Text)
