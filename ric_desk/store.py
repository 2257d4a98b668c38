"""The open database and the employee working with it: what every screen and command shares."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from ric_desk.actor import Actor
from ric_desk.config import describe_url
from ric_desk.db.errors import translate
from ric_desk.errors import NotFound, UserError
from ric_desk.models import Employee, Role

DbSession = Session  # what an operation or query is given; screens name it without SQLAlchemy


def actor_of(employee: Employee) -> Actor:
    return Actor(employee.id, employee.login, Role(employee.role), employee.full_name)


@dataclass
class Store:
    engine: Engine
    url: URL
    employee: Employee | None = None
    actor: Actor | None = None

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short unit of work: committed when the block ends, rolled back on an error.

        Screens never keep a transaction open while a person reads or types; on SQLite that would
        block the next writer. A database error the user can act on (a stale save, a key taken
        meanwhile, a lost connection) leaves as its typed `UserError`.
        """
        try:
            with self._sessions() as session, session.begin():
                yield session
        except Exception as exc:
            typed = translate(exc)
            if typed is exc:
                raise
            raise typed from exc

    @property
    def description(self) -> str:
        return describe_url(self.url)

    @property
    def is_local_file(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def employees(self) -> list[Employee]:
        with self.session() as s:
            return list(
                s.scalars(
                    select(Employee).where(Employee.active.is_(True)).order_by(Employee.full_name)
                )
            )

    def sign_in(self, login: str) -> Employee:
        with self.session() as s:
            employee = s.scalar(select(Employee).where(Employee.login == login))
        if employee is None or not employee.active:
            raise NotFound(f"Сотрудник «{login}» не найден или отключён.")
        self.employee, self.actor = employee, actor_of(employee)
        return employee

    def create_first_employee(self, full_name: str, login: str) -> Employee:
        """An empty database has nobody to work as: its first user becomes its administrator."""
        full_name, login = full_name.strip(), login.strip()
        if len(full_name.split()) < 2:
            raise UserError("Укажите фамилию и имя (например: Егорова Мария Анатольевна).")
        if not login:
            raise UserError("Укажите имя для входа.")
        with self.session() as s:
            if s.scalar(select(Employee.id).limit(1)) is not None:
                raise UserError("В базе уже есть сотрудники: выберите себя из списка.")
            employee = Employee(full_name=full_name, login=login, role=Role.ADMIN)
            s.add(employee)
        self.employee, self.actor = employee, actor_of(employee)
        return employee
