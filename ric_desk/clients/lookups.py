"""Finding the records a command names: clients by registration number, employees by login (and
as the acting user), a stage by its number."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.errors import UserError
from ric_desk.models import Client, Employee, Stage
from ric_desk.store import actor_of


def employee_id(session: Session, login: str) -> int | None:
    """The id of the employee with this login, None when there is none."""
    found: int | None = session.scalar(select(Employee.id).where(Employee.login == login))
    return found


def actor(session: Session, login: str) -> Actor | None:
    """The employee with this login as the acting user of a command, None when there is none."""
    employee = session.scalar(select(Employee).where(Employee.login == login))
    if employee is None:
        return None
    return actor_of(employee)


def client_ids(session: Session, reg_numbers: Collection[int]) -> dict[int, int]:
    """Registration number -> client id for each of `reg_numbers`; refused naming the unknown."""
    found: dict[int, int] = {
        reg_number: client_id
        for reg_number, client_id in session.execute(
            select(Client.reg_number, Client.id).where(Client.reg_number.in_(reg_numbers))
        )
    }
    unknown = [str(n) for n in dict.fromkeys(reg_numbers) if n not in found]
    if unknown:
        raise UserError(f"Нет клиентов с рег. номером: {', '.join(unknown)}.")
    return found


def stage_exists(session: Session, stage_id: int) -> bool:
    return session.get(Stage, stage_id) is not None


def first_client_id(session: Session) -> int | None:
    """The oldest client, for the self-test's card."""
    return session.scalar(select(Client.id).order_by(Client.id).limit(1))
