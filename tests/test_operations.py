"""The UI's database worker, the change hub, typed errors and the error log, on both backends."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from sqlalchemy import Engine, select, text, update

from ric_desk.changes import Changes, Done
from ric_desk.errors import (
    BUSY_MESSAGE,
    CONFLICT_MESSAGE,
    DUPLICATE_MESSAGE,
    ConflictError,
    NotAllowed,
    UserError,
)
from ric_desk.logs import error_log_path
from ric_desk.models import Client, Employee
from ric_desk.store import Store
from ric_desk.ui import messages
from ric_desk.ui.operations import Database
from tests import factories

pytestmark = pytest.mark.gui


@pytest.fixture
def store(fresh_engine: Engine) -> Store:
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:
        login = factories.employee(s, "Егорова Мария Анатольевна").login
        factories.client(s, "ООО «Ромашка»")
    store.sign_in(login)
    return store


@pytest.fixture
def db(store: Store, qapp) -> Iterator[Database]:
    database = Database(store)
    yield database
    database.shutdown()


def first_client_id(store: Store) -> int:
    with store.session() as s:
        client_id = s.scalar(select(Client.id).limit(1))
    assert client_id is not None
    return client_id


def test_a_query_runs_off_the_gui_thread_and_answers_on_it(db: Database, qtbot) -> None:
    seen: dict[str, object] = {}

    def query(session: object) -> int:
        seen["worker"] = threading.current_thread()
        return len(list(session.scalars(select(Employee.id))))  # type: ignore[attr-defined]

    db.run_query(None, query, lambda n: seen.update(result=n, gui=threading.current_thread()))
    qtbot.waitUntil(db.idle)
    assert seen["result"] == 1
    assert seen["worker"] is not threading.main_thread()
    assert seen["gui"] is threading.main_thread()


def test_jobs_run_in_the_order_given(db: Database, qtbot) -> None:
    order: list[int] = []
    for n in range(5):
        db.run_query(None, lambda _s, n=n: (time.sleep(0.01 * (5 - n)), n)[1], order.append)
    qtbot.waitUntil(db.idle)
    assert order == [0, 1, 2, 3, 4]


def test_an_operation_tells_the_hub_then_the_caller(db: Database, store: Store, qtbot) -> None:
    client_id = first_client_id(store)
    heard: list[object] = []
    db.hub.changed.connect(lambda changes, origin: heard.append(("hub", changes, origin)))
    widget = QWidget()
    qtbot.addWidget(widget)

    def rename(session: object) -> Done[str]:
        session.execute(  # type: ignore[attr-defined]
            update(Client).where(Client.id == client_id).values(name="ООО «Василёк»")
        )
        return Done("renamed", Changes.of(clients=[client_id]))

    db.run_op(widget, rename, lambda value: heard.append(("done", value)))
    qtbot.waitUntil(db.idle)
    assert heard == [("hub", Changes.of(clients=[client_id]), widget), ("done", "renamed")]
    with store.session() as s:
        assert s.get(Client, client_id).name == "ООО «Василёк»"  # type: ignore[union-attr]


def test_an_operation_that_changed_nothing_is_not_announced(db: Database, qtbot) -> None:
    heard: list[object] = []
    db.hub.changed.connect(lambda *args: heard.append(args))
    done: list[object] = []
    db.run_op(None, lambda _s: Changes(), done.append)
    qtbot.waitUntil(db.idle)
    assert heard == [] and done == [Changes()]


def test_a_failed_operation_writes_nothing_and_reaches_on_error(
    db: Database, store: Store, qtbot
) -> None:
    client_id = first_client_id(store)
    errors: list[BaseException] = []

    def half_then_refused(session: object) -> Changes:
        session.execute(  # type: ignore[attr-defined]
            update(Client).where(Client.id == client_id).values(name="Наполовину")
        )
        raise NotAllowed("Это может только руководитель группы.")

    db.run_op(None, half_then_refused, lambda _v: pytest.fail("no success"), on_error=errors.append)
    qtbot.waitUntil(db.idle)
    assert [type(e) for e in errors] == [NotAllowed]
    with store.session() as s:
        assert s.get(Client, client_id).name == "ООО «Ромашка»"  # type: ignore[union-attr]


def test_an_error_without_a_handler_is_shown_by_type(db: Database, qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def refused(_s: object) -> None:
        raise UserError("Клиент не найден.")

    db.run_query(parent, refused, lambda _v: None)
    qtbot.waitUntil(db.idle)
    box = parent.findChild(QMessageBox, "errorMessage")
    assert box is not None and box.text() == "Клиент не найден."


def test_a_result_for_a_closed_screen_is_dropped(db: Database, qtbot) -> None:
    parent = QWidget()
    got: list[int] = []
    db.run_query(parent, lambda _s: (time.sleep(0.05), 1)[1], got.append)
    parent.deleteLater()
    qtbot.waitUntil(db.idle)
    assert got == []


@pytest.mark.parametrize("flush_in_block", [True, False], ids=["at a flush", "at the commit"])
def test_a_stale_save_is_a_conflict(store: Store, flush_in_block: bool) -> None:
    """The one translation of StaleDataError: a versioned row saved by someone else meanwhile,
    found stale by a flush in the block or by the commit's."""
    client_id = first_client_id(store)
    with store.session() as s:
        mine = s.get(Client, client_id)
        assert mine is not None
    with store.session() as s:
        theirs = s.get(Client, client_id)
        assert theirs is not None
        theirs.name = "Их название"
    with pytest.raises(ConflictError) as stale, store.session() as s:
        mine = s.merge(mine)
        mine.version = 1  # what I read before their save
        mine.name = "Моё название"
        if flush_in_block:
            s.flush()
    assert stale.value.message == CONFLICT_MESSAGE
    with store.session() as s:
        assert s.get(Client, client_id).name == "Их название"  # type: ignore[union-attr]


def test_a_taken_unique_key_is_a_conflict(store: Store) -> None:
    assert store.actor is not None
    with pytest.raises(ConflictError) as refused, store.session() as s:
        s.add(Employee(full_name="Другая Мария", login=store.actor.login, role="operator"))
    assert refused.value.message == DUPLICATE_MESSAGE


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_postgresql_serialization_failure_is_busy_in_words(store: Store) -> None:
    """SQLSTATE 40001: the rows changed since this transaction's snapshot."""
    client_id = first_client_id(store)
    with pytest.raises(ConflictError) as busy, store.session() as s:
        s.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        s.execute(select(Client.name).where(Client.id == client_id))  # the snapshot
        with store.engine.begin() as other:
            other.execute(update(Client).where(Client.id == client_id).values(name="Их"))
        s.execute(update(Client).where(Client.id == client_id).values(name="Моё"))
    assert busy.value.message == BUSY_MESSAGE
    assert getattr(busy.value.__cause__.orig, "sqlstate", None) == "40001"  # type: ignore[union-attr]


def _wait_until_blocked(store: Store, pid: int) -> None:
    """Until the server's backend `pid` waits for a row lock."""
    for _ in range(500):
        with store.engine.connect() as look:
            waits = look.scalar(
                text("SELECT wait_event_type FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}
            )
        if waits == "Lock":
            return
        time.sleep(0.02)
    raise AssertionError("the other transaction never waited for the row")


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_postgresql_deadlock_is_busy_in_words(store: Store) -> None:
    """SQLSTATE 40P01: two transactions each wait for a row the other holds; the server ends
    one of them (here ours: it looks for deadlocks sooner) and the other goes on."""
    with store.session() as s:
        second = factories.client(s, "ООО «Лютик»").id
    first = first_client_id(store)
    holder = store.engine.connect()
    holder.begin()
    holder_pid = holder.scalar(text("SELECT pg_backend_pid()"))
    holder.execute(text("SET LOCAL deadlock_timeout = '10s'"))
    holder.execute(update(Client).where(Client.id == first).values(name="Держу"))
    waiting = threading.Thread(
        target=lambda: holder.execute(update(Client).where(Client.id == second).values(name="Жду"))
    )
    try:
        with pytest.raises(ConflictError) as busy, store.session() as s:
            s.execute(text("SET LOCAL deadlock_timeout = '100ms'"))
            s.execute(update(Client).where(Client.id == second).values(name="Держу"))
            waiting.start()
            _wait_until_blocked(store, holder_pid)
            s.execute(update(Client).where(Client.id == first).values(name="Жду"))
    finally:
        waiting.join(30)
        holder.rollback()
        holder.close()
    assert busy.value.message == BUSY_MESSAGE
    assert getattr(busy.value.__cause__.orig, "sqlstate", None) == "40P01"  # type: ignore[union-attr]


def test_an_unexpected_error_goes_to_the_log(db: Database, qtbot) -> None:
    def broken(_s: object) -> None:
        raise ZeroDivisionError("on purpose")

    db.run_query(None, broken, lambda _v: None)
    qtbot.waitUntil(db.idle)
    log = error_log_path().read_text(encoding="utf-8")
    assert "ZeroDivisionError: on purpose" in log and "Traceback" in log
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == "errorMessage":
            assert str(error_log_path()) in widget.text()
            widget.close()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_screen_lands_in_the_log_and_the_window_stays(
    qtbot, private_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    messages.install_excepthook()
    window = QWidget()
    qtbot.addWidget(window)
    button = QPushButton("Сломать", window)

    def fail() -> None:
        raise RuntimeError("raised on purpose in a screen")

    button.clicked.connect(fail)
    window.show()
    button.click()
    log = error_log_path().read_text(encoding="utf-8")
    assert "RuntimeError: raised on purpose in a screen" in log
    assert 'in fail\n    raise RuntimeError("raised on purpose in a screen")' in log
    assert window.isVisible()
    button.clicked.disconnect(fail)
    for widget in QApplication.topLevelWidgets():  # a box with no window stays: leave none behind
        if isinstance(widget, QMessageBox) and widget.objectName() == "errorMessage":
            assert str(error_log_path()) in widget.text()
            widget.close()
    button.clicked.connect(lambda: window.setWindowTitle("живо"))
    button.click()
    assert window.windowTitle() == "живо"


def test_rows_someone_else_holds_right_now_are_a_conflict_to_retry(
    store: Store, backend: str
) -> None:
    """A lock held by another user is said as such (SQLite's busy file, PostgreSQL's
    lock_timeout/deadlock/serialization), not as a program error."""
    from ric_desk.db.engine import open_engine

    client_id = first_client_id(store)
    holder = store.engine.connect().execution_options(sqlite_begin="BEGIN IMMEDIATE")
    # on SQLite a session takes the write lock as it begins: a colleague's workstation that
    # waits only a moment for it
    impatient = open_engine(store.url, busy_timeout=0.05) if backend == "sqlite" else None
    colleague = store if impatient is None else Store(impatient, store.url)
    try:
        holder.begin()  # on SQLite: the file's write lock
        holder.execute(select(Client.id).where(Client.id == client_id).with_for_update())
        with pytest.raises(ConflictError) as busy, colleague.session() as s:
            if backend == "postgresql":
                s.execute(text("SET LOCAL lock_timeout = '50ms'"))
            s.execute(update(Client).where(Client.id == client_id).values(name="Занято"))
        assert busy.value.message == BUSY_MESSAGE
    finally:
        holder.rollback()
        holder.close()
        if impatient is not None:
            impatient.dispose()


def test_a_slow_job_with_a_title_shows_progress_cancel_only_where_it_stops_something(
    db: Database, qtbot
) -> None:
    from PySide6.QtWidgets import QProgressDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    dialogs: list[tuple[str, bool]] = []

    def look(_s: object) -> None:
        time.sleep(0.8)  # longer than a moment: the dialog appears meanwhile

    def seen() -> None:
        for dialog in parent.findChildren(QProgressDialog):
            buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisible()]
            dialogs.append((dialog.labelText(), bool(buttons)))

    db.run_query(parent, look, lambda _v: seen(), title="Читаю")
    qtbot.waitUntil(lambda: bool(parent.findChildren(QProgressDialog)), timeout=5000)
    seen()
    qtbot.waitUntil(db.idle)
    assert ("Читаю", False) in dialogs  # a read cannot be stopped: no Cancel to press

    def long_work(_store: object, _progress: object, cancelled: object) -> int:
        for _ in range(100):
            time.sleep(0.02)
        return 1

    db.run_long(parent, "Загружаю", long_work, lambda _v: None)
    qtbot.waitUntil(
        lambda: any(d.labelText() == "Загружаю" for d in parent.findChildren(QProgressDialog)),
        timeout=5000,
    )
    seen()
    qtbot.waitUntil(db.idle)
    assert ("Загружаю", True) in dialogs


def test_closing_cancels_a_long_job_and_it_rolls_back(db: Database, store: Store, qtbot) -> None:
    from ric_desk.errors import Cancelled

    client_id = first_client_id(store)
    started = threading.Event()
    outcome: list[object] = []

    def rename_until_cancelled(st: Store, _progress: object, cancelled: Any) -> None:
        with st.session() as s:
            s.execute(update(Client).where(Client.id == client_id).values(name="Не дописано"))
            started.set()
            while not cancelled():
                time.sleep(0.01)
            raise Cancelled

    db.run_long(
        None, "Переименовываю", rename_until_cancelled, outcome.append, on_error=outcome.append
    )
    assert started.wait(5)
    db.shutdown()  # the window closes: the long job is told to stop, and it does
    qtbot.waitUntil(lambda: bool(outcome))
    assert isinstance(outcome[0], Cancelled)
    with store.session() as s:
        assert s.get(Client, client_id).name == "ООО «Ромашка»"  # type: ignore[union-attr]


def test_a_lost_connection_is_said_as_such(store: Store, backend: str, tmp_path: Path) -> None:
    """The server went away (PostgreSQL) or the file cannot be reached (SQLite): NoConnection,
    whose message says the input stays, not the apology for a bug."""
    from ric_desk.db.engine import open_engine
    from ric_desk.errors import NoConnection

    if backend == "postgresql":
        with pytest.raises(NoConnection) as lost, store.session() as s:
            pid = s.scalar(text("SELECT pg_backend_pid()"))
            with store.engine.connect() as admin:
                admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                admin.commit()
            s.execute(select(Client.id).limit(1))
    else:
        folder = tmp_path / "share"
        gone = open_engine(f"sqlite:///{(folder / 'ric.sqlite3').as_posix()}")
        folder.rmdir()  # the network drive went away before the first connection
        with pytest.raises(NoConnection) as lost, Store(gone, gone.url).session() as s:
            s.execute(text("SELECT 1"))
        gone.dispose()
    assert "Нет связи с базой данных" in lost.value.message


def test_reads_asked_together_with_one_key_share_one_read(db: Database, qtbot) -> None:
    started = threading.Event()
    release = threading.Event()
    calls: list[int] = []
    answers: list[tuple[str, object]] = []

    def busy(_s: object) -> None:
        started.set()
        release.wait(5)

    def count(_s: object) -> int:
        calls.append(1)
        return len(calls)

    db.run_query(None, busy, lambda _v: None)
    assert started.wait(5)  # the worker is busy: both reads below wait in line
    db.run_query(None, count, lambda v: answers.append(("tab", v)), share=("card", 1))
    db.run_query(None, count, lambda v: answers.append(("embedded", v)), share=("card", 1))
    db.run_query(None, count, lambda v: answers.append(("other", v)), share=("card", 2))
    release.set()
    qtbot.waitUntil(db.idle)
    assert answers == [("tab", 1), ("embedded", 1), ("other", 2)]
    db.run_query(None, count, lambda v: answers.append(("later", v)), share=("card", 1))
    qtbot.waitUntil(db.idle)
    assert answers[-1] == ("later", 3)  # the shared read was over: a new one
