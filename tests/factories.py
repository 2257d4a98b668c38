"""Small builders of valid records for tests."""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy.orm import Session

from ric_desk.models import Client, ContactPerson, Employee, Role
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
