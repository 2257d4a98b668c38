"""Every main screen at a laptop's 1366×768 and at 1280×720, offscreen: nothing squeezed below
the size it needs, the panes that must show something show it, and a picture of each is saved.

The pictures go to a temporary folder, or to the folder named by RIC_DESK_SCREENSHOTS (to look
at them).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QTableView,
    QTabWidget,
    QWidget,
)
from sqlalchemy import Engine, select

from ric_desk.calls import rules as calling
from ric_desk.models import Client, PrizItem, PrizKind, Work
from ric_desk.scripts.versions import ScriptDraft, StepDraft, publish
from ric_desk.store import Store
from ric_desk.ui.clients.card_view import ClientCardView
from ric_desk.ui.main_window import MainWindow
from ric_desk.ui.session.view import SessionView
from tests.gui import demo_store, settle
from tests.test_session_gui import Clock, first_in_queue

pytestmark = pytest.mark.gui

SIZES = [(1366, 768), (1280, 720)]
# a window on a 1280×720 screen: the title bar, the borders and a task bar take some of it
SMALLEST_FREE = QSize(1280 - 16, 720 - 40 - 40)
LONG_BRANCHES = [
    "Знаком с сервисом и пользуется им каждый день",
    "Первый контакт с организацией",
    "Отказался от обслуживания в прошлом году",
]


@pytest.fixture
def store(fresh_engine: Engine, qapp) -> Store:
    return demo_store(fresh_engine, qapp, clients=60, seed=2, login="egorova_ma")


def _least(size_hint: int, min_hint: int, explicit: int, policy: QSizePolicy.Policy) -> int:
    """What a layout gives a widget at the least in one direction (Qt's qSmartMinSize)."""
    if explicit > 0:
        return explicit
    if policy == QSizePolicy.Policy.Ignored:
        return 0
    if policy.value & QSizePolicy.PolicyFlag.ShrinkFlag.value:
        return min_hint
    return max(size_hint, min_hint)


def squeezed(root: QWidget) -> list[str]:
    """The labels, buttons and fields shown in `root` that are smaller than they need: their
    text is cut. A word-wrapped label needs the height of its lines at its width."""
    found = []
    kinds = (QLabel, QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(root):
            continue
        if widget.parentWidget() is not None and widget.parentWidget().objectName().startswith(
            "qt_"
        ):
            continue  # Qt's own parts (a spin box's line edit, a scroll area's corner)
        hint, least_hint, policy = (
            widget.sizeHint(),
            widget.minimumSizeHint(),
            widget.sizePolicy(),
        )
        width = _least(
            hint.width(), least_hint.width(), widget.minimumWidth(), policy.horizontalPolicy()
        )
        height = _least(
            hint.height(), least_hint.height(), widget.minimumHeight(), policy.verticalPolicy()
        )
        width, height = min(width, widget.maximumWidth()), min(height, widget.maximumHeight())
        if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
            height = max(height, widget.heightForWidth(widget.width()))
            width = 0
        if widget.width() < width - 1 or widget.height() < height - 1:
            text = widget.text() if hasattr(widget, "text") else ""
            found.append(
                f"{type(widget).__name__} {widget.objectName()!r} {text!r}: "
                f"{widget.width()}×{widget.height()} < {width}×{height}"
            )
    return found


def all_tabs_shown(tabs: QTabWidget) -> bool:
    bar = tabs.tabBar()
    return bar.tabRect(bar.count() - 1).right() <= bar.width()


def rows_shown(table: QTableView) -> float:
    return table.viewport().height() / table.verticalHeader().defaultSectionSize()


class Look:
    """Renders a window or a dialog at the screen's size, saves its picture, checks it."""

    def __init__(self, qtbot, window: MainWindow, size: tuple[int, int], out: Path) -> None:
        self.qtbot, self.window, self.out = qtbot, window, out
        self.width, self.height = size
        self.seen: list[str] = []

    def __call__(self, name: str, widget: QWidget | None = None) -> None:
        widget = widget or self.window
        if isinstance(widget, QDialog):
            # as the dialog opens on such a screen: no taller or wider than its free area
            free = QSize(self.width - 16, self.height - 40 - 40)
            widget.resize(widget.size().boundedTo(free))
            assert widget.minimumSizeHint().boundedTo(free) == widget.minimumSizeHint(), name
        settle(self.qtbot, self.window.db)
        QApplication.processEvents()
        path = self.out / f"{name}-{self.width}x{self.height}.png"
        assert widget.grab().save(str(path)), path
        self.seen.append(path.name)
        assert squeezed(widget) == [], name


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits_a_small_screen(
    store: Store, qtbot, tmp_path: Path, size: tuple[int, int]
) -> None:
    out = Path(os.environ.get("RIC_DESK_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    width, height = size
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    settle(qtbot, window.db)
    look = Look(qtbot, window, size, out)
    assert window.size() == QSize(width, height)  # not held bigger by what it holds

    look("client-list")
    with store.session() as s:
        longest = max(s.scalars(select(Client)), key=lambda c: len(c.display_name))
        client_id = longest.id
    card = window.open_client(client_id)
    assert isinstance(card, ClientCardView)
    settle(qtbot, window.db)
    assert all_tabs_shown(card.sections)
    for section in range(card.sections.count()):
        card.sections.setCurrentIndex(section)
        look(f"card-{section + 1}")
    assert rows_shown(card.indicator_table) >= 15

    card.sections.setCurrentIndex(0)
    assert card.select_indicator("Штат бухгалтеров")
    card.edit_current()
    look("indicator-dialog", card.dialog)
    card.dialog.reject()
    card.sections.setCurrentIndex(1)
    card.segment_table.setCurrentIndex(card.segment_table.model().index(0, 0))
    card.change_segment()
    settle(qtbot, window.db)
    look("segment-dialog", card.dialog)
    card.dialog.reject()
    card.sections.setCurrentIndex(2)
    card.add_person()
    settle(qtbot, window.db)
    look("person-dialog", card.dialog)
    card.dialog.reject()
    card.person_table.setCurrentIndex(card.person_table.model().index(0, 0))
    card.open_person()
    settle(qtbot, window.db)
    person = card.dialog
    assert person is not None and all_tabs_shown(person.sections)
    for section in range(person.sections.count()):
        person.sections.setCurrentIndex(section)
        look(f"person-card-{section + 1}", person)
    person.reject()
    task = window.assign_task()
    look("task-dialog", task)
    task.reject()

    # the call session with a work taken: a script of long branch names, a ПРИЗ task
    with store.session() as s:
        clock = Clock(calling.load_rules(s))
    view = SessionView(window.db, clock=clock)
    window.session_view = view
    window.tabs.insertTab(1, view, "Сессия обзвонки")
    window.tabs.setCurrentWidget(view)
    day = QDate(clock.day.year, clock.day.month, clock.day.day)
    view.queue.date_from.setDate(day)
    view.queue.date_to.setDate(day.addDays(13))
    settle(qtbot, window.db)
    look("session-queue")
    first = first_in_queue(store, view, clock)
    with store.session() as s:
        work = s.get(Work, first.work_id)
        assert work is not None
        publish(
            s,
            ScriptDraft(
                name="Скрипт с длинными ситуациями",
                title="Проверка экрана",
                branches=LONG_BRANCHES,
                steps=[
                    StepDraft("Приветствие", ["Добрый день! Это Мария из РИЦ."]),
                    StepDraft("Диагностика", ["Как вам сервис?", "Что вам интересно?", "Почему?"]),
                ],
                stage_id=work.stage_id,
            ),
        )
        s.add(PrizItem(client_id=first.client_id, kind=PrizKind.TASK, title="Подписать"))
    view.take_next()
    settle(qtbot, window.db)
    call = view.call
    assert call.work is not None and call.script.script is not None
    look("session-call")
    assert rows_shown(view.queue.table) > 4  # more than three rows, even with a work taken
    # the number and its kind whole; the person and the position may end in "…"
    phones = call.phone_table
    for column in (2, 3):
        assert phones.columnWidth(column) >= phones.sizeHintForColumn(column), column
    header = call.script.table.horizontalHeader()
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    wrap = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
    for column, branch in enumerate(LONG_BRANCHES, start=1):
        room = QRect(0, 0, header.sectionSize(column) - 2 * margin, 10_000)
        needed = header.fontMetrics().boundingRect(room, wrap, branch).height()
        assert needed > header.fontMetrics().height()  # too long for one line: wrapped
        assert needed <= header.height(), branch  # ... and shown whole
    assert all_tabs_shown(call.sections)

    call.sections.setCurrentWidget(call.card_holder)
    settle(qtbot, window.db)
    look("session-card")
    # the client's card in the call: whole in its tab, its indicators a table of rows
    assert call.card_holder.verticalScrollBar().maximum() == 0
    assert call.card_holder.horizontalScrollBar().maximum() == 0
    assert all_tabs_shown(call.card.sections)
    assert rows_shown(call.card.indicator_table) >= (5 if height >= 768 else 4)

    call.close_work()
    look("close-dialog", call.dialog)
    call.dialog.reject()

    # the contact report over the last year, built; a cell's contacts
    reports = window.show_reports()
    assert reports is not None
    settle(qtbot, window.db)
    today = QDate.currentDate()
    reports.date_from.setDate(today.addDays(-365))
    reports.date_to.setDate(today)
    reports.build()
    settle(qtbot, window.db, timeout=30_000)
    assert reports.model.root is not None
    look("report")
    assert reports.tree.viewport().height() > 8 * reports.tree.fontMetrics().height()
    assert reports.chart.shown() >= 1
    reports.tree.setCurrentIndex(reports.model.index(0, 1, reports.model.index(0, 0)))
    reports.drill_current()
    settle(qtbot, window.db)
    look("report-drill", reports.dialog)
    reports.dialog.reject()

    # the window holding all of it still fits the free area of a 1280×720 screen
    least = window.minimumSizeHint()
    assert least.boundedTo(SMALLEST_FREE) == least, least
