"""The RIC's working calendar and the settings of the calling rules, kept as data."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Boolean, Date, String
from sqlalchemy.orm import Mapped, mapped_column

from ric_desk.models.base import Base, Versioned


class CalendarDay(Versioned, Base):
    """A day that differs from the usual week: a public holiday on a weekday, a working Saturday."""

    __tablename__ = "calendar_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    title: Mapped[str | None] = mapped_column(String(200))


class AppSetting(Versioned, Base):
    """One named setting of the whole database (calling hours, lease length...), as JSON."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
