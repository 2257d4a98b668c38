"""The functional map: segments with entry dates and history, indicators with validity."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ric_desk.models.base import Base, Timestamped, Versioned, enum_column


class Scope(StrEnum):
    """Whom an indicator or a status group describes."""

    CLIENT = "client"
    CONTACT = "contact"


class ValueType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DATE = "date"
    CHOICE = "choice"
    PHONE = "phone"
    PERSON = "person"


class SegmentType(Versioned, Base):
    __tablename__ = "segment_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    values: Mapped[list[SegmentValue]] = relationship(
        back_populates="segment_type", order_by="SegmentValue.position"
    )


class SegmentValue(Versioned, Base):
    __tablename__ = "segment_value"
    __table_args__ = (UniqueConstraint("segment_type_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_type_id: Mapped[int] = mapped_column(ForeignKey("segment_type.id"))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    segment_type: Mapped[SegmentType] = relationship(back_populates="values")


class ClientSegment(Base):
    """One period of a client in a segment value; `left_on` is None for the current one.

    Rows are history: a change closes the current row and opens a new one, never edits it.
    """

    __tablename__ = "client_segment"
    __table_args__ = (
        Index(
            "uq_client_segment_current",
            "client_id",
            "segment_type_id",
            unique=True,
            sqlite_where=text("left_on IS NULL"),
            postgresql_where=text("left_on IS NULL"),
        ),
        Index("ix_client_segment_value", "segment_value_id", "left_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    segment_type_id: Mapped[int] = mapped_column(ForeignKey("segment_type.id"))
    segment_value_id: Mapped[int] = mapped_column(ForeignKey("segment_value.id"))
    entered_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))

    segment_value: Mapped[SegmentValue] = relationship()


status_group_indicator = Table(
    "status_group_indicator",
    Base.metadata,
    Column("status_group_id", ForeignKey("status_group.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "indicator_def_id", ForeignKey("indicator_def.id", ondelete="CASCADE"), primary_key=True
    ),
)


class StatusGroup(Versioned, Base):
    """A named set of indicators whose fill % tells how complete the map is ("Готов к продаже")."""

    __tablename__ = "status_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    scope: Mapped[Scope] = mapped_column(enum_column(Scope))

    indicators: Mapped[list[IndicatorDef]] = relationship(
        secondary=status_group_indicator, order_by="IndicatorDef.position"
    )


class IndicatorDef(Versioned, Base):
    __tablename__ = "indicator_def"
    __table_args__ = (UniqueConstraint("scope", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    scope: Mapped[Scope] = mapped_column(enum_column(Scope))
    value_type: Mapped[ValueType] = mapped_column(enum_column(ValueType))
    validity_days: Mapped[int | None] = mapped_column(Integer)  # None: never expires
    choices: Mapped[list[str] | None] = mapped_column(JSON)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class IndicatorValue(Versioned, Timestamped, Base):
    """A fact about a client or a contact person, and who confirmed it when, until when."""

    __tablename__ = "indicator_value"
    __table_args__ = (
        CheckConstraint("(client_id IS NULL) <> (contact_person_id IS NULL)", name="one_owner"),
        Index(
            "uq_indicator_value_client",
            "client_id",
            "indicator_def_id",
            unique=True,
            sqlite_where=text("client_id IS NOT NULL"),
            postgresql_where=text("client_id IS NOT NULL"),
        ),
        Index(
            "uq_indicator_value_contact",
            "contact_person_id",
            "indicator_def_id",
            unique=True,
            sqlite_where=text("contact_person_id IS NOT NULL"),
            postgresql_where=text("contact_person_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_def_id: Mapped[int] = mapped_column(ForeignKey("indicator_def.id"))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    contact_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_person.id", ondelete="CASCADE")
    )
    value: Mapped[str | None] = mapped_column(Text)
    is_actual: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_on: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))

    definition: Mapped[IndicatorDef] = relationship()

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<IndicatorValue {self.indicator_def_id}={self.value!r}>"
