"""Employees' groups: the core, the demo's two groups, and the `staff` command, both databases."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ric_desk import staff
from ric_desk.actor import Role
from ric_desk.cli import main
from ric_desk.demo.generator import generate
from ric_desk.errors import NotFound, UserError
from ric_desk.models import Employee
from tests import factories


def test_a_group_is_set_and_left(session: Session) -> None:
    operator = factories.employee(session)
    chief = factories.employee(session, "Волкова Анна Сергеевна", Role.SUPERVISOR)
    other = factories.employee(session, "Иванова Ольга Петровна")
    staff.set_supervisor(session, operator.login, chief.login)
    assert operator.supervisor_id == chief.id
    rows = {r.login: r for r in staff.staff(session)}
    assert rows[operator.login].supervisor == chief.login
    assert rows[chief.login].supervisor is None
    with pytest.raises(UserError, match="не руководитель группы"):
        staff.set_supervisor(session, operator.login, other.login)
    with pytest.raises(UserError, match="своей же группы"):
        staff.set_supervisor(session, chief.login, chief.login)
    for hostile in ("nobody", "x" * 10_000, "a\x00b", "\u202eevil"):
        with pytest.raises(NotFound, match="не найден"):
            staff.set_supervisor(session, hostile, chief.login)
        with pytest.raises(NotFound, match="не найден"):
            staff.set_supervisor(session, operator.login, hostile)
    assert operator.supervisor_id == chief.id  # nothing changed by the refusals
    staff.set_supervisor(session, operator.login, None)
    assert operator.supervisor_id is None


def test_the_demo_has_two_groups_and_the_command_moves_people(
    capsys: Any, fresh_engine: Engine
) -> None:
    generate(fresh_engine, clients=5, seed=1, as_of=date(2026, 11, 23))
    with Session(fresh_engine) as s:
        chiefs = s.scalars(select(Employee).where(Employee.role == Role.SUPERVISOR)).all()
        operators = s.scalars(select(Employee).where(Employee.role == Role.OPERATOR)).all()
        assert {o.supervisor_id for o in operators} == {c.id for c in chiefs}
        login, chief = operators[0].login, chiefs[-1].login
    url = fresh_engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "staff", "group", login, "--supervisor", chief]) == 0
    assert main(["--db", url, "staff"]) == 0
    out, _ = capsys.readouterr()
    assert any(line.startswith(login) and f"группа {chief}" in line for line in out.splitlines())
    assert main(["--db", url, "staff", "group", login, "--supervisor", "x" * 500]) == 1
    _, err = capsys.readouterr()
    assert "не найден" in err and len(err.strip().splitlines()) == 1
    assert main(["--db", url, "staff", "group", login, "--none"]) == 0
    with Session(fresh_engine) as s:
        assert s.scalar(select(Employee.supervisor_id).where(Employee.login == login)) is None
