"""Contact persons with their channels, characteristics and interest rubrics."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ric_desk.models.base import Base, Timestamped, Versioned, enum_column


class ChannelKind(StrEnum):
    WORK_PHONE = "work_phone"
    MOBILE = "mobile"
    HOME_PHONE = "home_phone"
    FAX = "fax"
    WORK_EMAIL = "work_email"
    PERSONAL_EMAIL = "personal_email"

    @property
    def is_phone(self) -> bool:
        return self not in (ChannelKind.WORK_EMAIL, ChannelKind.PERSONAL_EMAIL)


CHANNEL_TITLES = {
    ChannelKind.WORK_PHONE: "Телефон рабочий",
    ChannelKind.MOBILE: "Сотовый личный",
    ChannelKind.HOME_PHONE: "Телефон домашний",
    ChannelKind.FAX: "Факс",
    ChannelKind.WORK_EMAIL: "E-Mail рабочий",
    ChannelKind.PERSONAL_EMAIL: "E-Mail личный",
}

contact_characteristic = Table(
    "contact_characteristic",
    Base.metadata,
    Column(
        "contact_person_id", ForeignKey("contact_person.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("characteristic_id", ForeignKey("characteristic.id"), primary_key=True),
)

contact_interest = Table(
    "contact_interest",
    Base.metadata,
    Column(
        "contact_person_id", ForeignKey("contact_person.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("interest_id", ForeignKey("interest.id"), primary_key=True),
)


class Characteristic(Versioned, Base):
    """A flag of a person: "Принимает решения" (ЛПР), "Противник", "Ключевой пользователь"..."""

    __tablename__ = "characteristic"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    code: Mapped[str | None] = mapped_column(String(40), unique=True)  # rules find these by code


class Interest(Versioned, Base):
    """A topic rubric a person cares about, e.g. "(Бух) Зарплатные вопросы"."""

    __tablename__ = "interest"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    area: Mapped[str] = mapped_column(String(40))  # Бух, Закуп, Кадр, Юр...


class ContactPerson(Versioned, Timestamped, Base):
    __tablename__ = "contact_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str | None] = mapped_column(String(100))
    position: Mapped[str | None] = mapped_column(String(200))
    department: Mapped[str | None] = mapped_column(String(200))
    started_on: Mapped[date | None] = mapped_column(Date)
    profile: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    status_group_id: Mapped[int | None] = mapped_column(ForeignKey("status_group.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    channels: Mapped[list[ContactChannel]] = relationship(
        back_populates="contact_person", cascade="all, delete-orphan"
    )
    characteristics: Mapped[list[Characteristic]] = relationship(secondary=contact_characteristic)
    interests: Mapped[list[Interest]] = relationship(secondary=contact_interest)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)


class ContactChannel(Versioned, Base):
    """A typed phone or e-mail of a person (or of the client itself when no person is set)."""

    __tablename__ = "contact_channel"
    __table_args__ = (
        Index("ix_contact_channel_digits", "digits"),
        Index("ix_contact_channel_digits_reversed", "digits_reversed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    contact_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_person.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ChannelKind] = mapped_column(enum_column(ChannelKind))
    value: Mapped[str] = mapped_column(String(200))  # canonical: 11 digits or lower-case e-mail
    # phones only: the 11 digits, and reversed so a search by the last digits uses an index
    digits: Mapped[str | None] = mapped_column(String(15))
    digits_reversed: Mapped[str | None] = mapped_column(String(15))
    region: Mapped[str | None] = mapped_column(String(100))
    favourite: Mapped[bool] = mapped_column(Boolean, default=False)
    undesirable: Mapped[bool] = mapped_column(Boolean, default=False)

    contact_person: Mapped[ContactPerson | None] = relationship(back_populates="channels")
