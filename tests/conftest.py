"""Shared fixtures: an in-memory keyring, a private data directory, and databases on both backends.

Every database test runs twice: on an SQLite file and on the real PostgreSQL server
(127.0.0.1:5432 by default, `RIC_DESK_TEST_PG` to change). Outside CI a missing server skips the
PostgreSQL half; in CI (`CI` set) it fails the run.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from ric_desk.db import migrate
from ric_desk.db.engine import open_engine

PG_ADMIN_URL = os.environ.get(
    "RIC_DESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ["sqlite", "postgresql"]


class MemoryKeyring(KeyringBackend):
    """A keyring that forgets everything when the test ends; no OS keychain prompt, ever."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[service, username] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    from ric_desk import secrets

    # the program trusts only the OS's own password stores; this one stands in for them
    monkeypatch.setattr(secrets, "OS_KEYRINGS", secrets.OS_KEYRINGS | {f"{__name__}.MemoryKeyring"})
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "user-data"
    monkeypatch.setenv("RIC_DESK_DATA_DIR", str(data))
    monkeypatch.delenv("RIC_DESK_DB", raising=False)
    return data


class PgServer:
    """Creates throw-away databases on the test server and drops them at the end."""

    def __init__(self, admin_url: str) -> None:
        self.admin: Engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.created: list[str] = []

    def new_database(self) -> str:
        name = f"ric_desk_test_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        with self.admin.connect() as conn:
            for name in self.created:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = PgServer(PG_ADMIN_URL)
    try:
        with server.admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        message = f"PostgreSQL test server unreachable at {PG_ADMIN_URL}: {exc}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must run the PostgreSQL half)")
        pytest.skip(message)
    yield server
    server.drop_all()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def new_db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[], str]:
    """A maker of empty databases on the test's backend."""
    counter = iter(range(1000))

    def make() -> str:
        if backend == "sqlite":
            return f"sqlite:///{(tmp_path / f'db{next(counter)}.sqlite3').as_posix()}"
        server: PgServer = request.getfixturevalue("pg_server")
        return server.new_database()

    return make


@pytest.fixture
def fresh_engine(new_db_url: Callable[[], str]) -> Iterator[Engine]:
    """An empty, upgraded database (with the default dictionaries) of its own."""
    engine = open_engine(new_db_url())
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def _template_dbs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return {}


@pytest.fixture
def engine(
    backend: str, _template_dbs: dict[str, Any], tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Engine]:
    """An upgraded database shared by the tests of a session; use with `session` (rolled back)."""
    if backend not in _template_dbs:
        if backend == "sqlite":
            template = tmp_path.parent / "template.sqlite3"
            eng = open_engine(f"sqlite:///{template.as_posix()}")
            migrate.upgrade(eng)
            eng.dispose()
            _template_dbs[backend] = template
        else:
            server: PgServer = request.getfixturevalue("pg_server")
            eng = open_engine(server.new_database())
            migrate.upgrade(eng)
            _template_dbs[backend] = eng
    if backend == "sqlite":
        copy = tmp_path / "test.sqlite3"
        shutil.copyfile(_template_dbs[backend], copy)
        eng = open_engine(f"sqlite:///{copy.as_posix()}")
        yield eng
        eng.dispose()
    else:
        yield _template_dbs[backend]


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session whose work is rolled back after the test, commits included."""
    conn = engine.connect()
    outer = conn.begin()
    s = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
    yield s
    s.close()
    outer.rollback()
    conn.close()
