"""Where the program keeps its files and which database it opens."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ric_desk.errors import UserError

APP_NAME = "ric_desk"
DB_ENV = "RIC_DESK_DB"
DATA_DIR_ENV = "RIC_DESK_DATA_DIR"  # overrides the user data directory (tests, portable installs)


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_db_url() -> str:
    return f"sqlite:///{(data_dir() / 'ric_desk.sqlite3').as_posix()}"


def demo_db_url() -> str:
    return f"sqlite:///{(data_dir() / 'ric_desk-demo.sqlite3').as_posix()}"


def parse_db_url(raw: str) -> URL:
    """Check a database URL and bring it to the drivers we ship (psycopg 3 for PostgreSQL)."""
    try:
        url = make_url(raw)
    except ArgumentError:
        raise UserError(
            f"Не удалось разобрать адрес базы данных «{raw}». "
            "Примеры: sqlite:///C:/data/ric.sqlite3, "
            "postgresql+psycopg://user@host/db"
        ) from None
    backend = url.get_backend_name()
    if backend == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if url.database in (None, "", ":memory:"):
            raise UserError("Для SQLite укажите путь к файлу: sqlite:///путь/к/файлу.sqlite3")
        return url.set(drivername="sqlite")
    raise UserError(
        f"База данных «{backend}» не поддерживается: используйте sqlite:/// или postgresql+psycopg://"
    )


def resolve_db_url(cli_url: str | None, *, demo: bool = False) -> URL:
    """--db beats RIC_DESK_DB, which beats the embedded file; the demo is always its own file."""
    if cli_url:
        return parse_db_url(cli_url)
    if demo:
        return parse_db_url(demo_db_url())
    env = os.environ.get(DB_ENV)
    if env:
        return parse_db_url(env)
    return parse_db_url(default_db_url())


def describe_url(url: URL) -> str:
    """A URL for messages: never shows a password."""
    return url.render_as_string(hide_password=True)
