"""Engines for the embedded SQLite file and for PostgreSQL, set up the same way everywhere.

On SQLite the transactions are ours, not pysqlite's: a connection begins with plain `BEGIN`
(deferred: a read takes no lock and never waits), or with the statement given as the execution
option `sqlite_begin` (`WRITE_BEGIN`, "BEGIN IMMEDIATE": the file's write lock is taken first,
waiting up to `BUSY_TIMEOUT` for another process's write to end). A write transaction must begin
immediate: a deferred one that has read and then writes cannot wait for the lock (its snapshot
may be stale) and fails at once with "database is locked".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL

from ric_desk import secrets
from ric_desk.config import parse_db_url

BUSY_TIMEOUT = 30.0  # seconds a SQLite writer waits for another's write transaction to end
WRITE_BEGIN = "BEGIN IMMEDIATE"


def open_engine(url: URL | str, **kwargs: Any) -> Engine:
    if isinstance(url, str):
        url = parse_db_url(url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, **kwargs)
    if url.password is None and url.username:
        password = secrets.get_password(url)
        if password is not None:
            url = url.set(password=password)
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_engine(url: URL, busy_timeout: float = BUSY_TIMEOUT, **kwargs: Any) -> Engine:
    assert url.database is not None
    Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": busy_timeout}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # take transaction control from pysqlite so BEGIN (and BEGIN IMMEDIATE) are ours
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))

    return engine
