"""Starting the workstation: the application, Russian, who is working, demo data, the window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ric_desk.errors import UserError
from ric_desk.store import Store
from ric_desk.ui.i18n import install_russian
from ric_desk.ui.main_window import MainWindow
from ric_desk.ui.messages import install_excepthook, show_error
from ric_desk.ui.sign_in import SignInDialog
from ric_desk.ui.tasks import Task

USER_ENV = "RIC_DESK_USER"  # a login to work as without asking (automation, the self-test)


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("ric_desk")
    app.setOrganizationName("ric_desk")
    install_russian(app)
    return app


def sign_in(store: Store, parent: QWidget | None = None) -> bool:
    """Decide who is working; False if the person cancelled."""
    login = os.environ.get(USER_ENV)
    if login:
        store.sign_in(login)
        return True
    if not store.is_local_file and store.url.username:
        store.sign_in(store.url.username)  # on a shared server the database login is the employee
        return True
    return SignInDialog(store, parent).exec() == QDialog.DialogCode.Accepted


def fill_demo(store: Store, clients: int) -> None:
    """Fill an empty demo database behind a progress bar, keeping the GUI alive."""
    from ric_desk.demo.generator import generate

    loop = QEventLoop()
    failure: list[BaseException] = []

    def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
        return generate(
            store.engine,
            clients=clients,
            as_of=date.today(),
            progress=lambda _what, share: progress(int(share * 100), 100),
            cancelled=cancelled,
        )

    def failed(exc: BaseException) -> None:
        failure.append(exc)
        loop.quit()

    title = QCoreApplication.translate("app", "Filling the demo database…")
    task = Task(None, title, job, lambda _r: loop.quit(), failed)
    task.start()
    loop.exec()
    if failure:
        raise failure[0]


def run(store: Store, *, demo_clients: int | None = None) -> int:
    """Open the workstation on an upgraded database; returns the exit status."""
    app = application()
    install_excepthook()
    try:
        if demo_clients is not None:
            from ric_desk.db.summary import summarize

            if summarize(store.engine).clients == 0:
                fill_demo(store, demo_clients)
        if not sign_in(store):
            return 0
    except UserError as exc:
        show_error(None, exc)
        app.exec()
        return 1
    window = MainWindow(store)
    window.show()
    return app.exec()


def selftest(store: Store, screenshot_dir: str | None = None) -> list[str]:
    """Render the main window and a client card offscreen; returns what was checked."""
    from sqlalchemy import select

    from ric_desk.models import Client, Employee

    application()
    checked = []
    if store.employee is None:
        with store.session() as s:
            first = s.scalar(select(Employee.login).order_by(Employee.id).limit(1))
        if first is not None:
            store.sign_in(first)
    window = MainWindow(store)
    window.resize(1280, 800)
    window.show()
    QApplication.processEvents()
    image = window.grab()
    if image.isNull():
        raise UserError("Главное окно не отрисовалось.")
    checked.append("главное окно")
    with store.session() as s:
        client_id = s.scalar(select(Client.id).order_by(Client.id).limit(1))
    if client_id is not None:
        card = window.open_client(client_id)
        QApplication.processEvents()
        if card is None or card.grab().isNull():
            raise UserError("Карточка клиента не отрисовалась.")
        checked.append("карточка клиента")
    if screenshot_dir:
        image.save(os.path.join(screenshot_dir, "selftest-main.png"))
    window.close()
    return checked
