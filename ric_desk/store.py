"""The open database and the employee working with it: what every screen and command shares."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from ric_desk.actor import Actor
from ric_desk.changes import Changes, Done
from ric_desk.config import describe_url
from ric_desk.db.engine import WRITE_BEGIN
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
    actor: Actor | None = None

    def __post_init__(self) -> None:
        self._reads = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine
        if self.engine.dialect.name == "sqlite":
            writer = self.engine.execution_options(sqlite_begin=WRITE_BEGIN)
        self._writes = sessionmaker(writer, expire_on_commit=False)

    @contextmanager
    def session(self, *, read_only: bool = False) -> Iterator[Session]:
        """A short unit of work: committed when the block ends, rolled back on an error.

        Screens never keep a transaction open while a person reads or types; on SQLite that would
        block the next writer. On SQLite a session takes the file's write lock when it begins
        (`db.engine.WRITE_BEGIN`): writers of several workstations queue for up to the busy
        time-out instead of failing, and a stale save is found stale by its version check. A
        `read_only` session (a screen's query) begins deferred: it waits for nobody and must not
        write. A database error the user can act on (a stale save, a key taken meanwhile, rows
        or the file busy, a lost connection), raised in the block, at a flush or at the commit,
        leaves as its typed `UserError`.
        """
        sessions = self._reads if read_only else self._writes
        try:
            with sessions() as session, session.begin():
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

    def sign_in(self, login: str) -> Actor:
        """Work as `login` from now on (the command line, the self-test, a shared server)."""
        with self.session() as s:
            self.set_actor(find_actor(s, login))
        assert self.actor is not None
        return self.actor

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor


@dataclass(frozen=True)
class EmployeeChoice:
    login: str
    full_name: str


def employee_choices(session: Session) -> list[EmployeeChoice]:
    """The active employees, for "who is working" on a local file."""
    rows = session.execute(
        select(Employee.login, Employee.full_name)
        .where(Employee.active.is_(True))
        .order_by(Employee.full_name)
    )
    return [EmployeeChoice(login, full_name) for login, full_name in rows]


def find_actor(session: Session, login: str) -> Actor:
    employee = session.scalar(select(Employee).where(Employee.login == login))
    if employee is None or not employee.active:
        raise NotFound(f"Сотрудник «{login}» не найден или отключён.")
    return actor_of(employee)


def add_first_employee(session: Session, full_name: str, login: str) -> Done[Actor]:
    """An empty database has nobody to work as: its first user becomes its administrator."""
    from ric_desk.validation import clean_field, column_limit

    full_name = clean_field(full_name, "ФИО", column_limit(Employee.full_name)) or ""
    login = clean_field(login, "Имя для входа", column_limit(Employee.login)) or ""
    if len(full_name.split()) < 2:
        raise UserError("Укажите фамилию и имя (например: Егорова Мария Анатольевна).")
    if not login:
        raise UserError("Укажите имя для входа.")
    if session.scalar(select(Employee.id).limit(1)) is not None:
        raise UserError("В базе уже есть сотрудники: выберите себя из списка.")
    employee = Employee(full_name=full_name, login=login, role=Role.ADMIN)
    session.add(employee)
    session.flush()
    return Done(actor_of(employee), Changes(dictionaries=True))
