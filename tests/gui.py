"""What GUI tests share: waiting for the UI's database worker to finish what it was given."""

from __future__ import annotations

from typing import Any

from ric_desk.ui.operations import Database


def settle(qtbot: Any, db: Database, timeout: int = 10_000) -> None:
    """Wait until every job given to the worker has run and its callback has updated the screen."""
    qtbot.waitUntil(db.idle, timeout=timeout)
