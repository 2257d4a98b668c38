"""Small builders of valid records for tests."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk.models import (
    ChannelKind,
    Client,
    ContactChannel,
    ContactPerson,
    Direction,
    Employee,
    Role,
    Work,
)
from ric_desk.validation import inn_check_digits

_numbers = itertools.count(1)


def employee(
    session: Session, name: str = "Егорова Мария Анатольевна", role: Role = Role.OPERATOR
) -> Employee:
    n = next(_numbers)
    e = Employee(full_name=name, login=f"user{n}", role=role)
    session.add(e)
    session.flush()
    return e


def client(session: Session, name: str = 'ООО "Мебель"', **kw: Any) -> Client:
    n = next(_numbers)
    body = f"60{n:07d}"
    values: dict[str, Any] = {
        "reg_number": 42_000_000 + n,
        "name": name,
        "name_search": name.lower(),
        "inn": body + inn_check_digits(body),
        "region_code": "60",
    }
    values.update(kw)
    c = Client(**values)
    session.add(c)
    session.flush()
    return c


def person(session: Session, client_: Client, last: str = "Петракова") -> ContactPerson:
    p = ContactPerson(
        client_id=client_.id, last_name=last, first_name="Светлана", middle_name="Викторовна"
    )
    session.add(p)
    session.flush()
    return p


def work(
    session: Session,
    client_: Client,
    planned_at: datetime,
    *,
    executor: Employee | None = None,
    person: ContactPerson | None = None,
    stage_id: int | None = 4,
    goal: str | None = None,
    **kw: Any,
) -> Work:
    values: dict[str, Any] = {
        "number": 9_000_000 + next(_numbers),
        "client_id": client_.id,
        "direction_id": session.scalar(select(Direction.id).order_by(Direction.id).limit(1)),
        "stage_id": stage_id,
        "contact_person_id": person.id if person else None,
        "executor_id": executor.id if executor else None,
        "planned_at": planned_at,
        "goal": goal,
    }
    values.update(kw)
    w = Work(**values)
    session.add(w)
    session.flush()
    return w


def phone(
    session: Session, person_: ContactPerson, digits: str = "78112590051", **kw: Any
) -> ContactChannel:
    ch = ContactChannel(
        client_id=person_.client_id,
        contact_person_id=person_.id,
        kind=ChannelKind.WORK_PHONE,
        value=digits,
        digits=digits,
        digits_reversed=digits[::-1],
        **kw,
    )
    session.add(ch)
    session.flush()
    return ch
