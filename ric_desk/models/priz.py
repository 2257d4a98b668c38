"""ПРИЗ (problems and tasks) items shown during a call, and the rules that raise them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from ric_desk.models.base import Base, Stamped, Timestamped, UtcDateTime, Versioned, enum_column


class PrizKind(StrEnum):
    DYNAMIC = "dynamic"  # raised and retired by a rule from data
    TASK = "task"  # assigned by a supervisor or a campaign
    COMPETITOR = "competitor"


class PrizState(StrEnum):
    OPEN = "open"
    DONE = "done"
    RETIRED = "retired"  # its rule no longer holds


class PrizRuleKind(StrEnum):
    PAYMENT_DELAY = "payment_delay"
    KEY_USER_CHANGED = "key_user_changed"
    INDICATOR_EXPIRED = "indicator_expired"
    SEGMENT_CHANGED = "segment_changed"
    PROMISE_BROKEN = "promise_broken"
    SERVICE_ENDS = "service_ends"


class PrizRule(Versioned, Base):
    """A rule as data: its kind, the item title it raises and its threshold in days."""

    __tablename__ = "priz_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[PrizRuleKind] = mapped_column(enum_column(PrizRuleKind, 30))
    title: Mapped[str] = mapped_column(String(300), unique=True)
    threshold_days: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PrizItem(Versioned, Timestamped, Stamped, Base):
    __tablename__ = "priz_item"
    __table_args__ = (
        Index("ix_priz_item_client", "client_id", "state"),
        # a rule raises at most one open item per client and source key
        Index(
            "uq_priz_item_open_rule",
            "client_id",
            "rule_id",
            "source_key",
            unique=True,
            sqlite_where=text("state = 'open' AND rule_id IS NOT NULL"),
            postgresql_where=text("state = 'open' AND rule_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    kind: Mapped[PrizKind] = mapped_column(enum_column(PrizKind))
    title: Mapped[str] = mapped_column(String(300))
    state: Mapped[PrizState] = mapped_column(enum_column(PrizState), default=PrizState.OPEN)
    worked_on: Mapped[bool] = mapped_column(Boolean, default=False)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    unplanned: Mapped[bool] = mapped_column(Boolean, default=False)
    comment: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("priz_rule.id"))
    source_key: Mapped[str | None] = mapped_column(String(100))  # what in the data raised it
    author_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    work_id: Mapped[int | None] = mapped_column(ForeignKey("work.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
