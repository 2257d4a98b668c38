"""Starting the workstation: the application, Russian, who is working, demo data, the window.

Everything here that reads or writes the database goes through the window's database worker;
before the window exists, a local event loop waits for the answer so the screen stays painted.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QMessageLogContext,
    QtMsgType,
    qFormatLogMessage,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ric_desk.changes import Changes, Done
from ric_desk.clients.lookups import first_client_id
from ric_desk.db.summary import has_clients
from ric_desk.errors import Cancelled, UserError
from ric_desk.priz import daily
from ric_desk.priz.refresh import RefreshResult
from ric_desk.store import DbSession, Store, employee_choices, find_actor
from ric_desk.ui.i18n import app_title, install_russian
from ric_desk.ui.main_window import MainWindow
from ric_desk.ui.messages import install_excepthook, show_error
from ric_desk.ui.operations import Database
from ric_desk.ui.sign_in import SignInDialog

USER_ENV = "RIC_DESK_USER"  # a login to work as without asking (automation, the self-test)
T = TypeVar("T")


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    _drop_harmless_qt_warnings()
    app.setApplicationName("ric_desk")
    app.setOrganizationName("ric_desk")
    install_russian(app)
    app.setApplicationDisplayName(app_title())  # window titles end with it (Windows, X11)
    _freeze_what_lives_forever()
    return app


# Qt's offscreen platform (the self-test, a machine without a screen) cannot hand a window's
# size limits to a window system it does not have, and says so each time a window's layout
# settles: true, harmless, and nothing a person could act on
HARMLESS_QT_WARNINGS = frozenset({"This plugin does not support propagateSizeHints()"})


def _drop_harmless_qt_warnings() -> None:
    """Qt's messages go where they went (stderr, or a handler installed before), but these."""
    previous: Callable[[QtMsgType, QMessageLogContext, str], None] | None = None

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message in HARMLESS_QT_WARNINGS:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(qFormatLogMessage(kind, context, message), file=sys.stderr)

    previous = qInstallMessageHandler(handler)


def _freeze_what_lives_forever() -> None:
    """What start-up loaded (the modules, Qt's and SQLAlchemy's tables) lives as long as the
    program: moved out of the cyclic garbage collector's way, whose full collections would walk
    it and hold the GUI thread for 50 ms and more (bench/bench_session.py measured it)."""
    gc.collect()
    gc.freeze()


def wait_for(db: Database, query: Callable[[DbSession], T]) -> T:
    """The answer of a query, waited for in a local event loop (start-up, before any window)."""
    loop = QEventLoop()
    outcome: list[Any] = []
    failure: list[BaseException] = []

    def done(value: T) -> None:
        outcome.append(value)
        loop.quit()

    def failed(exc: BaseException) -> None:
        failure.append(exc)
        loop.quit()

    db.run_query(None, query, done, on_error=failed)
    if not outcome and not failure:
        loop.exec()
    if failure:
        raise failure[0]
    return outcome[0]  # type: ignore[no-any-return]


def sign_in(db: Database, parent: QWidget | None = None) -> bool:
    """Decide who is working; False if the person cancelled."""
    store = db.store
    login = os.environ.get(USER_ENV)
    if not login and not store.is_local_file and store.url.username:
        login = store.url.username  # on a shared server the database login is the employee
    if login:
        store.set_actor(wait_for(db, lambda s: find_actor(s, login)))
        return True
    return SignInDialog(db, parent).exec() == QDialog.DialogCode.Accepted


def fill_demo(db: Database, clients: int) -> bool:
    """Fill an empty demo database behind a progress bar, keeping the GUI alive; False if the
    person pressed Cancel (nothing is left half-filled)."""
    from ric_desk.demo.generator import fill_store

    loop = QEventLoop()
    failure: list[BaseException] = []

    def failed(exc: BaseException) -> None:
        failure.append(exc)
        loop.quit()

    title = QCoreApplication.translate("app", "Filling the demo database…")
    db.run_long(
        None,
        title,
        lambda store, progress, cancelled: fill_store(store, clients, progress, cancelled),
        lambda _summary: loop.quit(),
        on_error=failed,
        changes=lambda _summary: Changes(all_clients=True),
    )
    loop.exec()
    if failure and isinstance(failure[0], Cancelled):
        return False
    if failure:
        raise failure[0]
    return True


def refresh_priz_for_today(window: MainWindow, today: date | None = None) -> None:
    """What time alone changes (expiry, deadlines): the ПРИЗ rules once a day, at the first
    start of the day on any workstation; a refusal is said in the status bar, work goes on."""
    day = today or date.today()

    def done(result: RefreshResult | None) -> None:
        if result is not None:
            window.statusBar().showMessage(
                QCoreApplication.translate(
                    "app", "ПРИЗ updated for today: {raised} raised, {retired} retired."
                ).format(raised=result.raised, retired=result.retired),
                10_000,
            )

    def failed(exc: BaseException) -> None:
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "app", "ПРИЗ were not updated for today; they will be at the next start."
            )
        )
        if not isinstance(exc, UserError):
            from ric_desk.logs import log_unexpected

            log_unexpected(exc, "the daily ПРИЗ refresh failed")

    window.db.run_op(
        window,
        lambda s: _daily(s, day),
        done,
        on_error=failed,
        title=QCoreApplication.translate("app", "Updating ПРИЗ for today…"),
    )


def _daily(session: DbSession, day: date) -> Done[RefreshResult | None]:
    result, changes = daily.refresh_for_today(session, day)
    return Done(result, changes)


def run(store: Store, *, demo_clients: int | None = None) -> int:
    """Open the workstation on an upgraded database; returns the exit status."""
    app = application()
    install_excepthook()
    db = Database(store)
    try:
        if (
            demo_clients is not None
            and not wait_for(db, has_clients)
            and not fill_demo(db, demo_clients)
        ):
            return 0  # the person cancelled the demo data: nothing to open
        if not sign_in(db):
            return 0
    except UserError as exc:
        show_error(None, exc)
        app.exec()
        return 1
    window = MainWindow(store, db)
    window.show()
    refresh_priz_for_today(window)
    return app.exec()


def selftest(store: Store, screenshot_dir: str | None = None) -> list[str]:
    """Render the main window and a client card offscreen; returns what was checked."""
    application()
    db = Database(store)
    checked = []
    if store.actor is None:
        employees = wait_for(db, employee_choices)
        if employees:
            store.set_actor(wait_for(db, lambda s: find_actor(s, employees[0].login)))
    window = MainWindow(store, db)
    window.resize(1280, 800)
    window.show()
    wait_for(db, lambda _s: None)  # what the window asked for on opening has arrived
    QApplication.processEvents()
    image = window.grab()
    if image.isNull():
        raise UserError("Главное окно не отрисовалось.")
    checked.append("главное окно")
    client_id = wait_for(db, first_client_id)
    if client_id is not None:
        card = window.open_client(client_id)
        wait_for(db, lambda _s: None)
        QApplication.processEvents()
        if card is None or card.grab().isNull():
            raise UserError("Карточка клиента не отрисовалась.")
        checked.append("карточка клиента")
    if screenshot_dir:
        image.save(os.path.join(screenshot_dir, "selftest-main.png"))
    window.close()
    return checked
