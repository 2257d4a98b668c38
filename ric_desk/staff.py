"""Employees' groups: each operator may work in the group of a supervisor («Руководитель
группы»), who then sees the group's rows of the reports."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ric_desk.actor import Role
from ric_desk.changes import Changes, Done
from ric_desk.errors import NotFound, UserError
from ric_desk.models.employees import Employee

LOGIN_LIMIT = 63  # the column's length (a PostgreSQL role name)


@dataclass(frozen=True)
class StaffRow:
    login: str
    full_name: str
    role: Role
    active: bool
    supervisor: str | None  # the group supervisor's login


def staff(session: Session) -> list[StaffRow]:
    """Every employee by name, with their group's supervisor."""
    chief = aliased(Employee)
    rows = session.execute(
        select(Employee, chief.login)
        .outerjoin(chief, chief.id == Employee.supervisor_id)
        .order_by(Employee.full_name, Employee.id)
    ).all()
    return [StaffRow(e.login, e.full_name, e.role, e.active, boss) for e, boss in rows]


def _employee(session: Session, login: str) -> Employee:
    shown = login if len(login) <= LOGIN_LIMIT and login.isprintable() else "…"
    searchable = len(login) <= LOGIN_LIMIT and "\x00" not in login  # PostgreSQL takes no NUL
    employee = (
        session.scalar(select(Employee).where(Employee.login == login)) if searchable else None
    )
    if employee is None:
        raise NotFound(f"Сотрудник с логином «{shown}» не найден.")
    return employee


def set_supervisor(session: Session, login: str, supervisor: str | None) -> Done[None]:
    """Put the employee `login` into the group of `supervisor` (a supervisor's login), or out
    of any group (None)."""
    employee = _employee(session, login)
    if supervisor is None:
        employee.supervisor_id = None
    else:
        chief = _employee(session, supervisor)
        if chief.id == employee.id:
            raise UserError("Сотрудник не может быть руководителем своей же группы.")
        if chief.role != Role.SUPERVISOR:
            raise UserError(
                f"{chief.full_name} — не руководитель группы: руководителем группы назначают "
                "сотрудника с ролью «руководитель»."
            )
        employee.supervisor_id = chief.id
    session.flush()
    return Done(None, Changes.of(dictionaries=True))
