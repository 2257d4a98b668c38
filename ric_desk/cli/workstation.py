"""Opening the workstation window, and `ric-desk selftest` that renders it without a screen."""

from __future__ import annotations

import argparse
import os
import sys

from sqlalchemy.engine import URL

from ric_desk import config
from ric_desk.cli.common import connect
from ric_desk.errors import UserError

DEMO_CLIENTS = 2000


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_open(args: argparse.Namespace, url: URL) -> int:
    """Open the workstation window; the demo database is filled on first use."""
    from ric_desk.db import migrate
    from ric_desk.store import Store

    if not _has_display():
        raise UserError(
            "Нет графического экрана (DISPLAY не задан): окно открыть негде. Без экрана работают "
            "команды «ric-desk summary» и «ric-desk selftest»."
        )
    engine = connect(url)
    migrate.upgrade(engine)
    from ric_desk.ui.app import run as run_gui

    return run_gui(Store(engine, url), demo_clients=DEMO_CLIENTS if args.demo else None)


def cmd_selftest(url: URL) -> int:
    """The installer's smoke test: database, schema, main window and a card, rendered offscreen."""
    from ric_desk.db import migrate
    from ric_desk.store import Store

    if not _has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    engine = connect(url)
    migrate.upgrade(engine)
    migrate.require_current(engine)
    from ric_desk.ui.app import selftest

    checked = selftest(Store(engine, url))
    print(f"База: {config.describe_url(url)}, схема {migrate.current_revision(engine)}")
    print("Проверено: " + ", ".join(checked) + ".")
    return 0
