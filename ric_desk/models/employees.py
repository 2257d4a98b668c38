"""Employees and their application roles (DESIGN.md §1)."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ric_desk.actor import Role
from ric_desk.models.base import Base, Timestamped, Versioned, enum_column


class Employee(Versioned, Timestamped, Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    login: Mapped[str] = mapped_column(String(63), unique=True)  # PostgreSQL role name
    role: Mapped[Role] = mapped_column(enum_column(Role))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # «Руководитель группы»: the supervisor whose group the employee works in; a supervisor
    # sees the reports of their group's operators
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"), index=True)

    @property
    def short_name(self) -> str:
        """ "Егорова Мария Анатольевна" -> "Егорова М.А." as the seed's screens show it."""
        parts = self.full_name.split()
        if len(parts) < 2:
            return self.full_name
        return parts[0] + " " + "".join(p[0] + "." for p in parts[1:3])
