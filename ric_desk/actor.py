"""Who is acting: one small value every operation takes, instead of an ORM employee."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    DIRECTOR = "director"
    ADMIN = "admin"


@dataclass(frozen=True)
class Actor:
    """The signed-in employee as the core needs it: who (for audit and leases) and what role."""

    employee_id: int
    login: str
    role: Role
    full_name: str = ""

    @property
    def gives_tasks(self) -> bool:
        """Supervisors and administrators give ПРИЗ tasks and plan works."""
        return self.role in (Role.SUPERVISOR, Role.ADMIN)
