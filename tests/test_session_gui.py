"""The call session driven by keys only, offscreen, on SQLite and PostgreSQL."""

from __future__ import annotations

import time as time_module
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QTreeWidgetItem, QWidget
from sqlalchemy import Engine, select

from ric_desk.calls import queue as work_queue
from ric_desk.calls import rules as calling
from ric_desk.changes import Changes
from ric_desk.demo.generator import generate
from ric_desk.models import (
    Client,
    ClosingReason,
    Contact,
    ContactPerson,
    PrizItem,
    PrizKind,
    Work,
    WorkState,
)
from ric_desk.priz import tasks
from ric_desk.scripts.versions import ScriptDraft, StepDraft, publish
from ric_desk.store import Store
from ric_desk.ui import i18n
from ric_desk.ui.clients.card_view import ClientCardView
from ric_desk.ui.main_window import MainWindow
from ric_desk.ui.operations import Database
from ric_desk.ui.session.close_dialog import CloseWorkDialog
from ric_desk.ui.session.models import WAITING_FOREGROUND
from ric_desk.ui.session.view import SessionView
from tests import factories
from tests.gui import settle

pytestmark = pytest.mark.gui


class Clock:
    """The session's clock: 11:00 in Moscow on the first working day from today, movable."""

    def __init__(self, rules: calling.CallingRules) -> None:
        day = date.today()
        while rules.day_off(day) is not None:
            day += timedelta(days=1)
        self.day = day
        self.now = datetime.combine(day, time(11, 0), calling.zone("Europe/Moscow")).astimezone(UTC)

    def __call__(self) -> datetime:
        return self.now


class Keys:
    """Presses keys on whatever has the keyboard focus, as a person would, and counts them;
    after each key it waits for what the key gave the database worker, as a person waits for
    the screen."""

    def __init__(self, qtbot, db: Database) -> None:
        self.qtbot = qtbot
        self.db = db
        self.count = 0

    def press(self, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        # focus moves by events (a closed dialog hands it back to the window): let them arrive
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
        target = QApplication.focusWidget()
        assert target is not None
        self.count += 1
        self.qtbot.keyClick(target, key, modifiers)
        settle(self.qtbot, self.db)


@pytest.fixture
def store(fresh_engine: Engine, qapp) -> Store:
    i18n.install_russian(qapp)
    generate(fresh_engine, clients=60, seed=2, as_of=date.today())
    s = Store(fresh_engine, fresh_engine.url)
    s.sign_in("egorova_ma")
    return s


@pytest.fixture
def session_screen(store: Store, qtbot) -> tuple[MainWindow, SessionView, Clock]:
    with store.session() as s:
        clock = Clock(calling.load_rules(s))
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    view = SessionView(window.db, clock=clock)
    window.session_view = view
    window.tabs.insertTab(1, view, "Сессия обзвонки")
    window.tabs.setCurrentWidget(view)
    day = QDate(clock.day.year, clock.day.month, clock.day.day)
    view.queue.date_from.setDate(day)
    view.queue.date_to.setDate(day)
    settle(qtbot, window.db)
    window.activateWindow()
    view.queue.table.setFocus()
    qtbot.waitUntil(view.queue.table.hasFocus)
    return window, view, clock


def first_in_queue(store: Store, view: SessionView, clock: Clock) -> work_queue.QueueRow:
    with store.session() as s:
        rows = work_queue.rows(
            s, view.operator_id, view.session_filter(), now=clock(), grace=view.rules.recall_grace
        )
    assert rows, "the demo data has no work for the session's day"
    return rows[0]


def test_the_standard_cycle_takes_seven_keys_and_the_typed_text(
    store: Store, session_screen, qtbot, qtmodeltester
) -> None:
    _window, view, clock = session_screen
    first = first_in_queue(store, view, clock)
    with store.session() as s:
        work = s.get(Work, first.work_id)
        assert work is not None and work.stage_id is not None
        publish(
            s,
            ScriptDraft(
                name="Скрипт проверки цикла",
                title="Проверка цикла",
                branches=["Посещает", "Не посещает"],
                steps=[
                    StepDraft("Установление контакта", ["Добрый день! Это Мария из РИЦ."]),
                    StepDraft("Диагностика", ["Как вам семинар?", "Что вам интересно?"]),
                ],
                stage_id=work.stage_id,
            ),
        )
        task = PrizItem(
            client_id=first.client_id, kind=PrizKind.TASK, title="Подписать на рассылку"
        )
        s.add(task)
    keys = Keys(qtbot, view.db)

    """Take (F8: the call is checked by itself, the cursor is on the script), one script step,
    one ПРИЗ item marked, the result typed, closed with the stage's reason, which the closing
    dialog shows and Enter confirms: seven keys. Each of the three places the call is written in
    takes the key that goes there (F8 goes to the script), and the reason stays a choice the
    operator sees and confirms."""
    keys.press(Qt.Key.Key_F8)  # next
    assert view.call.work is not None and view.call.work.work_id == first.work_id
    assert view.call.verdict.text()  # checked with the taking: F6 is only a re-check
    assert view.call.script.table.hasFocus() and view.call.script.script is not None
    keys.press(Qt.Key.Key_Space)  # the first step, taken
    keys.press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # to ПРИЗ
    marked = view.call.priz.lines[view.call.priz_table.currentIndex().row()].row.item_id
    keys.press(Qt.Key.Key_Space)  # worked on
    keys.press(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # to the result
    assert view.call.result.hasFocus()
    view.call.result.insertPlainText(
        "Новшества понравились, письма госорганов читает"
    )  # typed text
    path = view.call.script.recorded_path()
    assert path is not None and len(path["steps"]) == 1
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # close
    dialog = view.call.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.tree)
    assert dialog.reason_id() == view.call.preselected_reason  # shown, for Enter to confirm
    assert dialog.took_place.isChecked()  # a productive reason: the contact took place
    keys.press(Qt.Key.Key_Return)  # the stage's reason, preselected
    qtbot.waitUntil(lambda: view.call.work is None)

    assert keys.count <= 7, keys.count
    with store.session() as s:
        closed = s.get(Work, first.work_id)
        assert closed is not None and closed.state == WorkState.CLOSED
        reason = s.get(ClosingReason, closed.closing_reason_id)
        assert reason is not None and reason.stage_id == closed.stage_id
        contact = s.scalar(select(Contact).where(Contact.work_id == first.work_id))
        assert contact is not None and contact.successful
        assert contact.result == "Новшества понравились, письма госорганов читает"
        assert contact.script_path == path
        item = s.get(PrizItem, marked)
        assert item is not None and item.worked_on and item.work_id == first.work_id
    call = view.call
    for model in (view.queue.model, call.phones, call.goal, call.priz, call.instruments):
        qtmodeltester.check(model)


def reason_item(dialog: CloseWorkDialog, name: str) -> QTreeWidgetItem:
    return dialog.tree.findItems(name, Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive)[
        0
    ]


def test_the_goal_the_contact_mark_and_the_sections_by_key(
    store: Store, session_screen, qtbot
) -> None:
    """Ctrl+G types into the first unanswered answer; F9 says whether the contact took place,
    and the closing dialog's mark follows the reason until the operator says it; Alt+N and
    Ctrl+PgUp/PgDn switch the call's sections, and the embedded card's when in it; Ctrl+F goes
    to the client list's search from the call."""
    window, view, clock = session_screen
    first = first_in_queue(store, view, clock)
    with store.session() as s:
        work = s.get(Work, first.work_id)
        assert work is not None
        work.goal = "Как вам семинар?\nЧто вам интересно?"
    keys = Keys(qtbot, view.db)
    call = view.call
    keys.press(Qt.Key.Key_F8)
    assert call.work is not None and call.goal.rowCount() == 2

    keys.press(Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    index = call.goal_table.currentIndex()
    assert (index.row(), index.column()) == (0, 1)
    assert call.goal_table.state() == call.goal_table.State.EditingState
    qtbot.keyClicks(QApplication.focusWidget(), "Ok")  # typed into the answer's editor
    keys.press(Qt.Key.Key_Return)  # the editor commits on the next turn of the event loop
    qtbot.waitUntil(lambda: call.goal.answers()[0] == ("Как вам семинар?", "Ok"))
    keys.press(Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)  # the next one unanswered
    assert call.goal_table.currentIndex().row() == 1
    keys.press(Qt.Key.Key_Escape)

    keys.press(Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)  # the client card
    assert call.sections.currentWidget() is call.card_holder
    assert QApplication.focusWidget() is call.card.indicator_table
    keys.press(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # in the card: its own
    assert call.card.sections.currentIndex() == 1 and call.sections.currentIndex() == 3
    assert QApplication.focusWidget() is call.card.segment_table
    call.result.setFocus()
    keys.press(Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)  # the call's
    assert call.sections.currentIndex() == 2

    # the mark follows the reason while nobody said it
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog = call.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.tree)
    assert dialog.took_place.isChecked()  # the stage's reason: productive
    dialog.tree.setCurrentItem(reason_item(dialog, "Не берут трубку."))
    assert not dialog.took_place.isChecked()
    keys.press(Qt.Key.Key_Up)  # another reason, productive or not: the mark follows
    assert dialog.took_place.isChecked() == (not dialog.unproductive[dialog.reason_id()])
    keys.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    # said on the call screen (reached the secretary only): kept over the productive reason
    window.activateWindow()  # a window manager does it when the dialog goes; offscreen, not
    call.result.setFocus()
    qtbot.waitUntil(call.result.hasFocus)
    keys.press(Qt.Key.Key_F9)
    assert call.successful.isChecked()
    keys.press(Qt.Key.Key_F9)
    assert not call.successful.isChecked() and call.took_place_said
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog = call.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.tree)
    assert dialog.reason_id() == call.preselected_reason and not dialog.took_place.isChecked()
    stage = dialog.tree.currentItem()
    dialog.tree.setCurrentItem(reason_item(dialog, "Не берут трубку."))  # still as said
    assert not dialog.took_place.isChecked()
    dialog.tree.setCurrentItem(stage)
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: call.work is None)
    with store.session() as s:
        contact = s.scalar(select(Contact).where(Contact.work_id == first.work_id))
        assert contact is not None and not contact.successful

    # Ctrl+F from the call session: the client list's search, ready to type
    view.queue.table.setFocus()
    keys.press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.client_list
    assert window.client_list.search.hasFocus()


def test_three_calls_closed_and_a_recall_in_thirty_minutes_comes_back(
    store: Store, session_screen, qtbot
) -> None:
    _window, view, clock = session_screen
    with store.session() as s:
        rows = work_queue.rows(
            s, view.operator_id, view.session_filter(), now=clock(), grace=view.rules.recall_grace
        )
    if len(rows) < 4:  # the demo day is thin: widen the session to the fortnight it planned
        view.queue.date_to.setDate(view.queue.date_to.date().addDays(13))
    keys = Keys(qtbot, view.db)
    closed = []
    for _ in range(3):
        keys.press(Qt.Key.Key_F8)
        assert view.call.work is not None
        closed.append(view.call.work.work_id)
        view.call.result.setFocus()
        view.call.result.insertPlainText("Клиент не ответил")
        keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        dialog = view.call.dialog
        assert dialog is not None
        qtbot.waitUntil(lambda d=dialog: QApplication.focusWidget() is d.tree)
        # an unproductive reason: down to "Не берут трубку."
        target = next(
            i
            for i in range(dialog.tree.topLevelItemCount())
            if dialog.tree.topLevelItem(i).text(0) == "Нерезультативные"
        )
        dialog.tree.setCurrentItem(dialog.tree.topLevelItem(target).child(1))
        keys.press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: view.call.work is None)
    keys.press(Qt.Key.Key_F8)
    assert view.call.work is not None
    recall = view.call.work.work_id
    keys.press(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # +30
    qtbot.waitUntil(lambda: view.call.work is None)
    with store.session() as s:
        works = {w.id: w for w in s.scalars(select(Work).where(Work.id.in_([*closed, recall])))}
        unsuccessful = s.scalars(select(Contact.successful).where(Contact.work_id.in_(closed)))
        assert all(not ok for ok in unsuccessful)
    assert all(works[w].state == WorkState.CLOSED for w in closed)
    back = works[recall]
    assert back.state == WorkState.RESCHEDULED
    assert back.planned_at == (clock.now + timedelta(minutes=30)).replace(second=0, microsecond=0)
    listed = [r for r in view.queue.model.rows if r.work_id == recall]
    assert listed and listed[0].rank == 4  # listed, not yet due
    assert "Выполнено: 3" in view.queue.counts.text()

    clock.now += timedelta(minutes=31)
    keys.press(Qt.Key.Key_F5)
    assert view.queue.model.rows[0].work_id == recall and view.queue.model.rows[0].rank == 0
    keys.press(Qt.Key.Key_F8)
    assert view.call.work is not None and view.call.work.work_id == recall
    assert [a.successful for a in view.call.work.attempts] == [False]  # the first attempt is kept


def test_a_reason_that_needs_a_comment_refuses_an_empty_one(
    store: Store, session_screen, qtbot
) -> None:
    _window, view, _clock = session_screen
    view.take_next()
    settle(qtbot, view.db)
    assert view.call.work is not None
    work_id = view.call.work.work_id
    view.call.close_work()
    dialog = view.call.dialog
    assert dialog is not None
    item = dialog.tree.findItems(
        "Смена обстоятельств", Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive
    )[0]
    dialog.tree.setCurrentItem(item)
    dialog.accept()
    assert dialog.isVisible() and view.call.work is not None  # refused, the input stays
    dialog.comment.setPlainText("Клиент закрывается")
    dialog.accept()
    qtbot.waitUntil(lambda: view.call.work is None)
    with store.session() as s:
        work = s.get(Work, work_id)
        assert work is not None and work.closing_comment == "Клиент закрывается"


def test_reschedule_outside_hours_offers_the_next_allowed_time(
    store: Store, session_screen, qtbot
) -> None:
    _window, view, clock = session_screen
    view.take_next()
    settle(qtbot, view.db)
    assert view.call.work is not None
    clock.now = clock.now.replace(hour=14, minute=45)  # 17:45 in Moscow: +30 is after hours
    view.call.reschedule_in(30)
    settle(qtbot, view.db)
    assert view.call.work is not None  # refused: the work is still on the screen
    offered = view.call.recall_at.dateTime().toPython().astimezone()
    local = offered.astimezone(calling.zone("Europe/Moscow"))
    assert (local.hour, local.minute) == (9, 0) and local.date() > clock.day
    view.call.reschedule_exact()
    qtbot.waitUntil(lambda: view.call.work is None)


def test_the_session_opens_from_the_navigator_and_keeps_a_taken_work(store: Store, qtbot) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    view = window.show_session()
    assert view is not None and window.tabs.currentWidget() is view
    assert window.show_session() is view  # one per window


def test_a_supervisor_gives_a_task_to_the_listed_clients_and_the_call_shows_it(
    store: Store, qtbot
) -> None:
    supervisor = Store(store.engine, store.url)
    supervisor.sign_in("morozova_np")
    window = MainWindow(supervisor)
    qtbot.addWidget(window)
    window.show()
    with supervisor.session() as s:
        client = s.scalars(select(Client).order_by(Client.id)).first()
        assert client is not None
        inn, client_id = client.inn, client.id
    window.client_list.search.setText(inn)
    window.client_list.apply()
    settle(qtbot, window.db)
    dialog = window.assign_task()
    dialog.title.setText("Презентовать услугу Видеосеминары")
    dialog.accept()
    settle(qtbot, window.db)
    assert dialog.assigned == 1
    with supervisor.session() as s:
        items = s.scalars(
            select(PrizItem).where(PrizItem.client_id == client_id, PrizItem.kind == PrizKind.TASK)
        ).all()
        assert "Презентовать услугу Видеосеминары" in [i.title for i in items]
        author = {i.author_id for i in items if i.title.startswith("Презентовать услугу В")}
        assert supervisor.actor is not None and author == {supervisor.actor.employee_id}
    # an operator's window offers no such action
    operator_window = MainWindow(store)
    qtbot.addWidget(operator_window)
    assert operator_window.findChild(QAction, "assignTask") is None
    assert window.findChild(QAction, "assignTask") is not None


def test_a_lost_lease_is_said_plainly_and_the_input_stays(
    store: Store, session_screen, qtbot
) -> None:
    _window, view, clock = session_screen
    view.take_next()
    settle(qtbot, view.db)
    assert view.call.work is not None
    work_id = view.call.work.work_id
    view.call.result.setPlainText("Договорились о демонстрации")
    # the workstation was asleep past its lease; a colleague took the work meanwhile
    clock.now += view.rules.lease + timedelta(minutes=1)
    colleague = Store(store.engine, store.url)
    colleague.sign_in("kuznetsova_yb")
    with store.session() as s:
        s.execute(
            Work.__table__.update()
            .where(Work.id == work_id)
            .values(
                claimed_by_id=colleague.actor.employee_id,
                lease_expires_at=clock.now + view.rules.lease,
            )
        )
    view.call.renew_lease()
    settle(qtbot, view.db)
    assert not view.call.lease_warning.isHidden()
    assert "больше не ваша" in view.call.lease_warning.text()
    view.call.record()
    settle(qtbot, view.db)
    assert any("больше не закреплена за вами" in text for text in error_boxes(view.call))
    assert view.call.work is not None  # nothing closed, nothing cleared
    assert view.call.result.toPlainText() == "Договорились о демонстрации"
    with store.session() as s:
        assert s.scalar(select(Contact.id).where(Contact.work_id == work_id)) is None


def test_the_queue_exports_to_excel_as_listed(session_screen, tmp_path) -> None:
    _window, view, _clock = session_screen
    view.queue.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # by client, Я→А
    written = view.export_to(tmp_path / "очередь")
    sheet = load_workbook(tmp_path / "очередь.xlsx", read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("План", "Работа №", "Клиент")
    assert written == len(rows) - 1 == len(view.queue.model.rows) > 0
    clients = [r[2] for r in rows[1:]]
    assert clients == sorted(clients, reverse=True)
    assert {r[1] for r in rows[1:]} == {q.number for q in view.queue.model.rows}
    assert rows[0][-1] == "Звонить можно с"
    waits = {q.number: q.wait for q in view.queue.model.rows}
    for r in rows[1:]:
        wait = waits[r[1]]
        assert r[-1] == (wait.allowed_from.astimezone().replace(tzinfo=None) if wait else None)
    # a folder that is not there: said in words on the screen, nothing written
    assert view.export_to(tmp_path / "нет" / "очередь.xlsx") == -1
    box = view.findChild(QMessageBox, "errorMessage")
    assert box is not None and "Папки" in box.text() and "нет" in box.text()
    box.close()
    assert not (tmp_path / "нет").exists()


@pytest.fixture
def moscow_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The workstation's local time is Moscow's (the operator's time the queue shows)."""
    monkeypatch.setenv("TZ", "Europe/Moscow")
    time_module.tzset()
    yield
    monkeypatch.undo()
    time_module.tzset()


def test_the_queue_lists_clients_who_may_not_be_called_now_after_the_others(
    store: Store, session_screen, qtbot, moscow_time, qtmodeltester
) -> None:
    _window, view, clock = session_screen
    clock.now = clock.now.replace(hour=13, minute=45)  # 16:45 in Moscow, 20:45 in Novosibirsk
    long_ago = clock.now - timedelta(days=30)  # before every work of the demo
    with store.session() as s:
        works = {}
        for n, region in enumerate(("54", "77")):
            client = factories.client(
                s, f'ООО "Регион {region}"', region_code=region, reg_number=99_000_000 + n
            )
            person = factories.person(s, client, "Зонова")
            work = factories.work(s, client, long_ago, person=person, number=99_000_000 + n)
            works[region] = work.id
    keys = Keys(qtbot, view.db)
    keys.press(Qt.Key.Key_F5)
    rows = view.queue.listed()
    ids = [r.work_id for r in rows]
    waiting = next(i for i, r in enumerate(rows) if r.wait is not None)
    assert ids.index(works["77"]) < waiting and ids[waiting] == works["54"]
    assert all(r.wait is None for r in rows[:waiting])
    assert all(r.wait is not None or r.rank == 4 for r in rows[waiting:])
    # from 09:00 in Novosibirsk on its next working day: 05:00 in Moscow
    day = clock.day + timedelta(days=1)
    while view.rules is not None and view.rules.day_off(day) is not None:
        day += timedelta(days=1)
    proxy = view.queue.table.model()
    header = proxy.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "Звонок"
    call = proxy.index(waiting, 1)
    assert proxy.data(call) == f"можно с {day:%d.%m} 05:00"
    tooltip = proxy.data(call, Qt.ItemDataRole.ToolTipRole)
    assert "у клиента сейчас 20:45, звонить можно с 09:00 до 18:00" in tooltip
    assert f"({day:%d.%m} 09:00 у клиента)" in tooltip
    assert proxy.data(proxy.index(0, 1)) == ""
    grey = proxy.data(proxy.index(waiting, 2), Qt.ItemDataRole.ForegroundRole)
    assert grey is not None and grey.color() == WAITING_FOREGROUND
    qtmodeltester.check(view.queue.model)
    # F8 takes the first listed; the Novosibirsk client only when chosen from the list
    keys.press(Qt.Key.Key_F8)
    assert view.call.work is not None and view.call.work.work_id == ids[0]


def test_f8_says_when_nobody_in_the_queue_may_be_called(session_screen, qtbot, moscow_time) -> None:
    _window, view, clock = session_screen
    clock.now = clock.now.replace(hour=16, minute=0)  # 19:00 in Moscow: no region is in its hours
    keys = Keys(qtbot, view.db)
    keys.press(Qt.Key.Key_F5)
    rows = view.queue.model.rows
    assert rows and all(r.wait is not None or r.rank == 4 for r in rows)
    keys.press(Qt.Key.Key_F8)
    assert view.call.work is None
    first = min(r.wait.allowed_from for r in rows if r.wait is not None)
    said, why = view.call.work_title.text().split("\n")  # the title's two lines
    at = f"{first.astimezone():%d.%m %H:%M}"
    assert said == f"Сейчас никому из очереди звонить нельзя: первому можно с {at}."
    assert why == "(у клиентов нерабочее время, выходной или праздник)"
    assert _window.statusBar().currentMessage() == f"{said} {why}"  # whole, in one line


def more_in_todays_queue(store: Store, view: SessionView, clock: Clock, qtbot) -> None:
    """Two more works planned for now in the queue, whatever day the demo was made for (on
    some days it plans one work or none for the operator)."""
    listed = {r.work_id for r in view.queue.model.rows}
    with store.session() as s:
        assert store.actor is not None
        more = s.scalars(
            select(Work.id)
            .where(
                Work.state == WorkState.PLANNED,
                Work.id.not_in(listed),
                (Work.executor_id == store.actor.employee_id) | Work.executor_id.is_(None),
            )
            .order_by(Work.id)
            .limit(2)
        ).all()
        assert more
        s.execute(Work.__table__.update().where(Work.id.in_(more)).values(planned_at=clock.now))
    view.queue.refresh()
    settle(qtbot, view.db)


def error_boxes(widget: QWidget) -> list[str]:
    """The texts of the error messages shown over `widget` and still open."""
    return [
        box.text() for box in widget.findChildren(QMessageBox, "errorMessage") if box.isVisible()
    ]


def test_a_recorded_call_shows_at_once_in_the_embedded_card_the_card_tab_and_the_queue(
    store: Store, session_screen, qtbot
) -> None:
    """The change hub, not a timer: Ctrl+S with the client's card open in a tab of the window,
    and the queue refreshed by what the operations said they changed."""
    window, view, clock = session_screen
    view.queue.timer.stop()  # no timer: whatever shows it, the hub made it show
    more_in_todays_queue(store, view, clock, qtbot)
    keys = Keys(qtbot, view.db)
    keys.press(Qt.Key.Key_F8)
    work = view.call.work
    assert work is not None
    tab = window.open_client(work.client_id)
    assert tab is not None
    settle(qtbot, view.db)
    embedded = view.call.card
    assert embedded.client_id == work.client_id and tab.card is not None
    contacts_before = len(tab.contacts.rows)
    assert len(embedded.contacts.rows) == contacts_before
    me = store.actor.full_name
    # a colleague's workstation closes another work of this queue: no screen here is told
    other = next(
        r
        for r in view.queue.model.rows
        if r.work_id != work.work_id and r.executor in ("", me) and not r.taken_by
    )
    with store.session() as s:
        s.execute(
            Work.__table__.update()
            .where(Work.id == other.work_id)
            .values(state=WorkState.CLOSED, closed_at=clock.now, version=Work.version + 1)
        )
    done_before = view.queue.counts.text()

    window.tabs.setCurrentWidget(view)
    view.call.result.setFocus()
    typed = "Договорились о демонстрации в четверг"
    view.call.result.insertPlainText(typed)
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # record

    def shows_the_contact(card: ClientCardView) -> bool:
        return any(c.result == typed and c.work_number == work.number for c in card.contacts.rows)

    assert shows_the_contact(embedded)  # the call screen's own card
    assert shows_the_contact(tab)  # the card in a tab of the window
    assert len(tab.contacts.rows) == len(embedded.contacts.rows) == contacts_before + 1
    assert [a.result for a in view.call.work.attempts] == [typed]
    # the queue read itself again: the colleague's closing shows too
    assert other.work_id not in [r.work_id for r in view.queue.model.rows]
    assert view.queue.counts.text() != done_before
    assert work.work_id in [r.work_id for r in view.queue.model.rows]  # still ours, still listed

    # closing the work: gone from the queue, one more done, closed in the card tab
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog = view.call.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.tree)
    keys.press(Qt.Key.Key_Return)
    assert view.call.work is None
    assert work.work_id not in [r.work_id for r in view.queue.model.rows]
    assert "Выполнено: 2" in view.queue.counts.text()
    closed = [w for w in tab.works.rows if w.id == work.work_id]
    assert closed and closed[0].state == WorkState.CLOSED


def take_with_a_task(store: Store, view, qtbot, client_id: int):  # type: ignore[no-untyped-def]
    """A ПРИЗ task «Подписать на ЭДО» for the client, then F8: the task's id and the call panel."""
    with store.session() as s:
        task = PrizItem(client_id=client_id, kind=PrizKind.TASK, title="Подписать на ЭДО")
        s.add(task)
        s.flush()
        task_id = task.id
    view.take_next()
    settle(qtbot, view.db)
    return task_id, view.call


def test_a_conflict_on_a_priz_item_is_shown_and_the_input_stays(
    store: Store, session_screen, qtbot
) -> None:
    _window, view, clock = session_screen
    first = first_in_queue(store, view, clock)
    task_id, call = take_with_a_task(store, view, qtbot, first.client_id)
    assert call.work is not None and call.work.work_id == first.work_id
    row = next(i for i, line in enumerate(call.priz.lines) if line.row.item_id == task_id)
    call.priz.toggle(row, call.priz.WORKED_ON)
    call.result.setPlainText("Рассказала про ЭДО")
    # a supervisor edits the same item meanwhile, from another workstation
    with store.session() as s:
        item = s.get(PrizItem, task_id)
        assert item is not None
        item.comment = "Уточнить у главного бухгалтера"
    call.record()
    settle(qtbot, view.db)
    assert any("уже изменил другой пользователь" in text for text in error_boxes(call))
    assert call.work is not None and call.contact_id is None  # nothing recorded
    assert call.result.toPlainText() == "Рассказала про ЭДО"
    assert call.priz.lines[row].worked_on  # the mark stays
    with store.session() as s:
        assert s.scalar(select(Contact.id).where(Contact.work_id == first.work_id)) is None


def test_a_task_given_meanwhile_shows_in_the_call_and_what_was_typed_stays(
    store: Store, session_screen, qtbot
) -> None:
    """The call screen follows changes made to its client elsewhere in the window (here the
    task a supervisor gives to the listed clients) without losing the operator's input."""
    window, view, clock = session_screen
    first = first_in_queue(store, view, clock)
    marked, call = take_with_a_task(store, view, qtbot, first.client_id)
    assert call.work is not None and call.work.client_id == first.client_id
    row = next(i for i, line in enumerate(call.priz.lines) if line.row.item_id == marked)
    call.priz.toggle(row, call.priz.WORKED_ON)
    call.result.setPlainText("Клиент просит прислать счёт")
    window.db.run_op(
        None,
        lambda s: tasks.assign_task(
            s, "Презентовать услугу Видеосеминары", [first.client_id], None
        ),
    )
    settle(qtbot, view.db)
    titles = [line.row.title for line in call.priz.lines]
    assert "Презентовать услугу Видеосеминары" in titles
    assert call.result.toPlainText() == "Клиент просит прислать счёт"
    line = next(line for line in call.priz.lines if line.row.item_id == marked)
    assert line.worked_on and line.changed  # the mark stays, still to be recorded


def test_f8_right_after_an_ending_key_takes_the_next_work_once_it_is_written(
    store: Store, session_screen, qtbot
) -> None:
    """Ctrl+2 or Ctrl+Shift+Q, then F8 before the worker answered: F8 waits for the ending
    instead of saying "finish the work you have first"."""
    window, view, clock = session_screen
    more_in_todays_queue(store, view, clock, qtbot)
    keys = Keys(qtbot, view.db)
    keys.press(Qt.Key.Key_F8)
    assert view.call.work is not None
    rescheduled = view.call.work.work_id
    view.call.reschedule_in(30)  # Ctrl+2, still with the worker …
    view.take_next()  # … when F8 comes
    assert not error_boxes(window)
    settle(qtbot, view.db)
    assert not error_boxes(window)
    assert view.call.work is not None and view.call.work.work_id != rescheduled
    released = view.call.work.work_id
    view.call.release()  # Ctrl+Shift+Q, then F8 at once
    view.take_next()
    settle(qtbot, view.db)
    assert not error_boxes(window)
    # the next work is on the screen (the one given back, first in the queue, may be it again)
    assert view.call.work is not None and view.call.work.work_id != rescheduled
    with store.session() as s:
        first = s.get(Work, rescheduled)
        assert first is not None and first.state == WorkState.RESCHEDULED
        assert s.scalar(select(Contact.id).where(Contact.work_id == released)) is None


def test_the_session_is_not_closed_while_a_work_is_being_taken_or_written(
    store: Store, session_screen, qtbot
) -> None:
    window, view, _clock = session_screen
    view.take_next()  # F8 with the worker: the tab stays
    window.close_tab(window.tabs.indexOf(view))
    assert window.tabs.indexOf(view) >= 0 and window.session_view is view
    assert any("ждёт ответа базы данных" in text for text in error_boxes(window))
    settle(qtbot, view.db)
    assert view.call.work is not None
    work_id = view.call.work.work_id
    view.call.release()  # a write with the worker: neither the tab nor the window closes
    window.close_tab(window.tabs.indexOf(view))
    assert window.tabs.indexOf(view) >= 0
    assert not window.close() and window.isVisible()
    settle(qtbot, view.db)
    with store.session() as s:
        work = s.get(Work, work_id)
        assert work is not None and work.claimed_by_id is None
    window.close_tab(window.tabs.indexOf(view))  # nothing with the worker now
    assert window.session_view is None and window.tabs.indexOf(view) < 0


def contacts_of(store: Store, work_id: int) -> list[Contact]:
    with store.session() as s:
        return list(s.scalars(select(Contact).where(Contact.work_id == work_id)))


def test_keys_pressed_while_the_contact_is_written_wait_for_it(
    store: Store, session_screen, qtbot
) -> None:
    """Ctrl+S, then at once the closing, Ctrl+1 or Ctrl+Shift+Q: each waits for the recording
    and goes with its contact (one contact per call), none is dropped."""
    window, view, _clock = session_screen
    call = view.call
    view.queue.date_to.setDate(view.queue.date_to.date().addDays(13))  # works enough for three
    settle(qtbot, view.db)

    def take() -> int:
        view.take_next()
        settle(qtbot, view.db)
        assert call.work is not None
        call.result.setPlainText("Клиент просит перезвонить")
        return call.work.work_id

    closed = take()
    call.record()
    call.close_work()  # Ctrl+Enter and Enter in the dialog, before the recording answered
    dialog = call.dialog
    assert dialog is not None
    dialog.accept()
    settle(qtbot, view.db)
    assert call.work is None and not error_boxes(window)
    assert len(contacts_of(store, closed)) == 1

    rescheduled = take()
    call.record()
    call.reschedule_in(15)
    settle(qtbot, view.db)
    assert call.work is None and not error_boxes(window)
    assert len(contacts_of(store, rescheduled)) == 1

    released = take()
    call.record()
    call.release()
    settle(qtbot, view.db)
    assert call.work is None and not error_boxes(window)
    assert len(contacts_of(store, released)) == 1
    with store.session() as s:
        states = {
            w.id: w
            for w in s.scalars(select(Work).where(Work.id.in_([closed, rescheduled, released])))
        }
    assert states[closed].state == WorkState.CLOSED
    assert states[rescheduled].state == WorkState.RESCHEDULED
    assert states[released].claimed_by_id is None


def test_after_a_priz_conflict_the_items_are_read_again_and_the_next_write_saves(
    store: Store, session_screen, qtbot
) -> None:
    window, view, clock = session_screen
    first = first_in_queue(store, view, clock)
    task_id, call = take_with_a_task(store, view, qtbot, first.client_id)
    row = next(i for i, line in enumerate(call.priz.lines) if line.row.item_id == task_id)
    call.priz.toggle(row, call.priz.WORKED_ON)
    call.result.setPlainText("Рассказала про ЭДО")
    with store.session() as s:  # a supervisor edits the same item meanwhile
        item = s.get(PrizItem, task_id)
        assert item is not None
        item.comment = "Уточнить у главного бухгалтера"
    call.record()
    settle(qtbot, view.db)
    texts = error_boxes(window)
    assert any("уже изменил другой пользователь" in t and "прочитаны заново" in t for t in texts)
    assert call.contact_id is None
    line = next(line for line in call.priz.lines if line.row.item_id == task_id)
    assert line.worked_on and line.changed  # the mark stays, on the current version
    assert line.comment == "Уточнить у главного бухгалтера"  # not typed over: as it is now
    call.record()  # saved now, over the change the operator was told about
    settle(qtbot, view.db)
    assert call.contact_id is not None
    with store.session() as s:
        item = s.get(PrizItem, task_id)
        assert item is not None and item.worked_on
        assert item.comment == "Уточнить у главного бухгалтера"


def test_the_filter_changed_while_f8_is_with_the_worker_is_listed_after_it(
    store: Store, session_screen, qtbot
) -> None:
    _window, view, clock = session_screen
    queue = view.queue
    queue.timer.stop()
    day_only = {r.work_id for r in queue.model.rows}
    view.take_next()
    queue.date_to.setDate(queue.date_to.date().addDays(13))  # while F8 is with the worker
    settle(qtbot, view.db)
    with store.session() as s:
        wide = work_queue.listing(s, view.operator_id, queue.session_filter(), now=clock())
    assert {r.work_id for r in wide.rows} != day_only  # the fortnight lists more
    assert [r.work_id for r in queue.model.rows] == [r.work_id for r in wide.rows]


def test_a_contact_person_renamed_elsewhere_shows_in_the_queue(
    store: Store, session_screen, qtbot
) -> None:
    window, view, _clock = session_screen
    view.queue.timer.stop()
    with store.session() as s:
        row = next(r for r in view.queue.model.rows if r.person)
        work = s.get(Work, row.work_id)
        assert work is not None and work.contact_person_id is not None
        person_id, client_id = work.contact_person_id, work.client_id

    def rename(session):
        person = session.get(ContactPerson, person_id)
        person.last_name = "Переименованная"
        return Changes.of(clients=[client_id], persons=[person_id])

    window.db.run_op(None, rename)  # as a card tab of the window would save it
    settle(qtbot, view.db)
    shown = next(r for r in view.queue.model.rows if r.work_id == row.work_id)
    assert shown.person.startswith("Переименованная")
