"""Starting the workstation: who is working, demo data, the daily ПРИЗ refresh, the self-test."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ric_desk.config import parse_db_url
from ric_desk.demo.generator import generate
from ric_desk.logs import error_log_path
from ric_desk.models import Employee, PrizItem, PrizState
from ric_desk.priz import daily
from ric_desk.store import Store
from ric_desk.ui import app
from ric_desk.ui.main_window import MainWindow
from ric_desk.ui.operations import Database
from ric_desk.ui.sign_in import SignInDialog
from tests import factories
from tests.gui import settle
from tests.test_screens import squeezed

pytestmark = pytest.mark.gui
TODAY = date.today()


def test_first_start_on_an_empty_database(new_db_url, qapp, qtbot) -> None:
    from ric_desk.db import migrate
    from ric_desk.db.engine import open_engine

    url = parse_db_url(new_db_url())
    engine = open_engine(url)
    migrate.upgrade(engine)
    store = Store(engine, url)
    db = Database(store)
    dialog = SignInDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()  # shown and active before the employees are read, as on a real screen
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    settle(qtbot, db)
    # the wrapped warning takes the lines it needs at the dialog's width; the fields stay whole
    for field in (dialog.full_name, dialog.login):
        assert field.height() >= field.minimumSizeHint().height()
    assert squeezed(dialog) == []
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.full_name)  # not OK's Space
    dialog.accept()
    settle(qtbot, db)
    assert dialog.error.text()  # no name typed: stays open with a reason
    assert dialog.result() != SignInDialog.DialogCode.Accepted
    dialog.full_name.setText("Егорова Мария Анатольевна")
    dialog.login.setText("egorova")
    dialog.accept()
    settle(qtbot, db)
    assert store.actor is not None and store.actor.login == "egorova"
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    w = MainWindow(store, db)
    qtbot.addWidget(w)
    settle(qtbot, db)
    assert w.client_list.model.total == 0
    assert "ric-desk --demo" in w.statusBar().currentMessage()
    assert "Егорова Мария Анатольевна" in w.user_label.text()
    with Session(engine) as s:
        assert s.scalar(select(Employee.role).where(Employee.login == "egorova")) == "admin"
    w.close()


def test_sign_in_remembers_the_choice_per_system_user(fresh_engine: Engine, qapp, qtbot) -> None:
    generate(fresh_engine, clients=3, seed=1, as_of=TODAY)
    store = Store(fresh_engine, fresh_engine.url)
    db = Database(store)
    dialog = SignInDialog(db)
    qtbot.addWidget(dialog)
    settle(qtbot, db)
    dialog.combo.setCurrentIndex(dialog.combo.findData("morozova_np"))
    dialog.accept()
    settle(qtbot, db)
    assert store.actor is not None and store.actor.login == "morozova_np"
    again = SignInDialog(db)
    qtbot.addWidget(again)
    settle(qtbot, db)
    assert again.combo.currentData() == "morozova_np"
    db.shutdown()


def test_selftest_command(fresh_engine: Engine, capsys) -> None:
    from ric_desk.cli import main

    generate(fresh_engine, clients=5, seed=1, as_of=TODAY)
    url = fresh_engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "selftest"]) == 0
    out = capsys.readouterr().out
    assert "главное окно, карточка клиента" in out


def test_demo_database_is_filled_behind_a_progress_bar(
    fresh_engine: Engine, qapp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bar only moves forward, through every part of the fill, up to 100%."""
    from ric_desk.db.summary import summarize
    from ric_desk.ui import operations

    shown: list[tuple[int, int]] = []
    progress = operations._Job.progress

    def recorded(job: operations._Job, done: int, total: int) -> None:
        shown.append((done, total))
        progress(job, done, total)

    monkeypatch.setattr(operations._Job, "progress", recorded)
    store = Store(fresh_engine, fresh_engine.url)
    db = Database(store)
    app.fill_demo(db, 250)
    assert summarize(fresh_engine).clients == 250
    percents = [done for done, _total in shown]
    assert percents == sorted(percents) and percents[-1] == 100 and len(set(percents)) > 20
    db.shutdown()


def test_selftest_says_nothing_on_stderr(tmp_path) -> None:
    """The installer's smoke test, run as people run it: offscreen, no Qt warning on stderr."""
    import os
    import subprocess
    import sys

    from ric_desk.db import migrate
    from ric_desk.db.engine import open_engine

    url = f"sqlite:///{(tmp_path / 'smoke.sqlite3').as_posix()}"
    engine = open_engine(url)
    migrate.upgrade(engine)
    generate(engine, clients=5, seed=1, as_of=TODAY)
    engine.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RIC_DESK_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "ric_desk", "--db", url, "selftest"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "главное окно, карточка клиента" in result.stdout
    assert result.stderr == ""


# -- ПРИЗ: what time alone changes is refreshed once a day ----------------------------------------
def open_items(engine: Engine) -> int:
    with Session(engine) as s:
        return (
            s.scalar(
                select(func.count()).select_from(PrizItem).where(PrizItem.state == PrizState.OPEN)
            )
            or 0
        )


def test_the_first_start_of_the_day_runs_the_rules_for_every_client(
    fresh_engine: Engine, qapp, qtbot
) -> None:
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:
        login = factories.employee(s).login
        for _ in range(2):
            factories.client(s, service_ends_on=TODAY + timedelta(days=1))
    store.sign_in(login)
    window = MainWindow(store)
    qtbot.addWidget(window)
    app.refresh_priz_for_today(window, TODAY)
    settle(qtbot, window.db)
    assert open_items(fresh_engine) == 2  # "service ends" for both clients
    assert "ПРИЗ" in window.statusBar().currentMessage()
    with store.session() as s:
        assert daily.refreshed_on(s) == TODAY
        # a second workstation started the same day does not run it again
        assert daily.refresh_for_today(s, TODAY)[0] is None
        assert daily.refresh_for_today(s, TODAY + timedelta(days=1))[0] is not None
    window.close()


def test_a_refused_daily_refresh_leaves_the_workstation_usable(
    fresh_engine: Engine, qapp, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:
        login = factories.employee(s).login
        factories.client(s, service_ends_on=TODAY + timedelta(days=1))
    store.sign_in(login)

    def refused(*_args: object) -> None:
        raise OperationalError("UPDATE priz_item", {}, Exception("permission denied"))

    monkeypatch.setattr(daily, "refresh", refused)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    app.refresh_priz_for_today(window, TODAY)
    settle(qtbot, window.db)
    assert "at the next start" in window.statusBar().currentMessage() or (
        "при следующем запуске" in window.statusBar().currentMessage()
    )
    assert "permission denied" in error_log_path().read_text(encoding="utf-8")
    assert open_items(fresh_engine) == 0
    with store.session() as s:
        assert daily.refreshed_on(s) is None  # the claim was rolled back with the refresh
    assert window.isVisible()
    window.close()


def test_a_second_workstation_does_not_queue_behind_the_days_refresh(fresh_engine: Engine) -> None:
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:
        assert daily.mark_refreshed(s, TODAY - timedelta(days=1))  # yesterday's
    first = Session(fresh_engine)
    first.begin()
    assert daily.mark_refreshed(first, TODAY)  # ... and the first one's refresh is running
    if fresh_engine.dialect.name == "postgresql":
        with store.session() as s:  # SKIP LOCKED: answered at once, not after the refresh
            assert not daily.mark_refreshed(s, TODAY)
    first.commit()
    first.close()
    with store.session() as s:
        assert not daily.mark_refreshed(s, TODAY)  # done for today
        assert daily.mark_refreshed(s, TODAY + timedelta(days=1))


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_the_main_window_lands_in_the_log_and_the_window_stays(
    fresh_engine: Engine, qapp, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ric_desk.ui import messages

    def broken(self: MainWindow) -> None:
        raise RuntimeError("raised on purpose in the main window")

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    messages.install_excepthook()
    monkeypatch.setattr(MainWindow, "show_client_list", broken)
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:
        login = factories.employee(s).login
    store.sign_in(login)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, window.db)
    to_list = next(a for a in window.findChildren(QAction) if a.shortcut().toString() == "Ctrl+L")
    to_list.trigger()
    log = error_log_path().read_text(encoding="utf-8")
    assert "RuntimeError: raised on purpose in the main window" in log and "in broken" in log
    boxes = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "errorMessage" and w.isVisible()
    ]
    assert boxes and str(error_log_path()) in boxes[0].text()
    for box in boxes:
        box.close()
    assert window.isVisible()
    window.show_session()  # the window still works
    settle(qtbot, window.db)
    assert window.session_view is not None and window.tabs.currentWidget() is window.session_view
    window.close()


def test_the_first_window_fits_the_screen(fresh_engine: Engine, qapp, qtbot) -> None:
    """No remembered layout yet: 1280×800 or the screen's free area, whichever is smaller."""
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:
        login = factories.employee(s).login
    store.sign_in(login)
    window = MainWindow(store)
    qtbot.addWidget(window)
    free = window.screen().availableGeometry()
    assert window.width() <= min(1280, free.width()) and window.height() <= min(800, free.height())
    assert free.contains(window.geometry())
    assert window.width() >= min(1280, free.width() - 16) - 1  # as big as it may be
    window.close()


def test_the_main_window_loads_without_the_report_s_libraries() -> None:
    """Start-up stays light: pandas, numpy and the chart's pyqtgraph load with the report's
    screen, openpyxl and python-docx with an export, not with the main window."""
    import subprocess
    import sys

    code = (
        "import sys, ric_desk.ui.app, ric_desk.ui.main_window; "
        "print(sorted(m for m in ('pandas', 'numpy', 'pyqtgraph', 'openpyxl', 'docx') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"
