"""What GUI tests share: waiting for the UI's database worker to finish what it was given."""

from __future__ import annotations

from typing import Any

from ric_desk.ui.operations import Database


def settle(qtbot: Any, db: Database, timeout: int = 10_000) -> None:
    """Wait until every job given to the worker has run and its callback has updated the screen."""
    qtbot.waitUntil(db.idle, timeout=timeout)


def demo_store(engine: Any, qapp: Any, *, clients: int, seed: int, login: str) -> Any:
    """A database with demo data (as of today), Russian installed, signed in as `login`."""
    from datetime import date

    from ric_desk.demo.generator import generate
    from ric_desk.store import Store
    from ric_desk.ui import i18n

    i18n.install_russian(qapp)
    generate(engine, clients=clients, seed=seed, as_of=date.today())
    store = Store(engine, engine.url)
    store.sign_in(login)
    return store


def open_window(store: Any, qtbot: Any) -> Any:
    """The main window at 1280×800, shown, with what it asked for on opening arrived."""
    from ric_desk.ui.main_window import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    settle(qtbot, window.db)
    return window
