"""The one place database exceptions become the user's typed errors (`ric_desk.errors`).

A stale optimistic-lock save, a unique key taken meanwhile and rows locked by another user right
now (a deadlock, a serialization failure, SQLite's busy file) are conflicts; a lost or refused
connection is `NoConnection`. Recognised by exception type and SQLSTATE, never by message text.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from ric_desk.errors import (
    BUSY_MESSAGE,
    CONFLICT_MESSAGE,
    CONNECTION_MESSAGE,
    DUPLICATE_MESSAGE,
    ConflictError,
    NoConnection,
)

UNIQUE_VIOLATION = "23505"  # PostgreSQL's SQLSTATE
CONNECTION_CLASS = "08"  # PostgreSQL's connection exception class
# deadlock, serialization failure, lock not available: someone else holds the rows right now
BUSY_STATES = ("40P01", "40001", "55P03")
SQLITE_BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")
SQLITE_UNREACHABLE = ("SQLITE_CANTOPEN", "SQLITE_IOERR")  # the file's disk or share is gone


def is_unique_violation(exc: IntegrityError) -> bool:
    orig = exc.orig
    if isinstance(orig, sqlite3.IntegrityError):
        return getattr(orig, "sqlite_errorname", "") in (
            "SQLITE_CONSTRAINT_UNIQUE",
            "SQLITE_CONSTRAINT_PRIMARYKEY",
        )
    return getattr(orig, "sqlstate", None) == UNIQUE_VIOLATION


def _is_connection_lost(exc: DBAPIError) -> bool:
    if exc.connection_invalidated:
        return True
    if isinstance(exc.orig, sqlite3.Error):
        return getattr(exc.orig, "sqlite_errorname", "").startswith(SQLITE_UNREACHABLE)
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if isinstance(sqlstate, str):
        return sqlstate.startswith(CONNECTION_CLASS)
    # psycopg raises OperationalError without a SQLSTATE when it cannot connect at all
    return isinstance(exc, OperationalError) and type(exc.orig).__module__.startswith("psycopg")


def _is_busy(exc: DBAPIError) -> bool:
    orig = exc.orig
    if isinstance(orig, sqlite3.OperationalError):
        return getattr(orig, "sqlite_errorname", "").startswith(SQLITE_BUSY)
    return getattr(orig, "sqlstate", None) in BUSY_STATES


def translate(exc: BaseException) -> BaseException:
    """The typed user error for a database exception, or the exception itself (a bug)."""
    if isinstance(exc, StaleDataError):
        return ConflictError(CONFLICT_MESSAGE)
    if isinstance(exc, IntegrityError) and is_unique_violation(exc):
        return ConflictError(DUPLICATE_MESSAGE)
    if isinstance(exc, DBAPIError) and _is_busy(exc):
        return ConflictError(BUSY_MESSAGE)
    if isinstance(exc, DBAPIError) and _is_connection_lost(exc):
        return NoConnection(CONNECTION_MESSAGE)
    return exc
