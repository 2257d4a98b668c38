"""From an empty database to a planned work, through real widgets, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ric_desk.models import Client, Work, WorkState
from ric_desk.store import Store, add_first_employee
from ric_desk.ui import i18n
from ric_desk.ui.clients.card_view import ClientCardView
from ric_desk.ui.clients.plan_dialogs import PlanListDialog, PlanWorkDialog
from ric_desk.ui.main_window import MainWindow
from tests.gui import open_window, settle
from tests.test_import_clients import inn, write_xlsx

pytestmark = pytest.mark.gui


@pytest.fixture
def empty_store(fresh_engine: Engine, qapp) -> Store:
    i18n.install_russian(qapp)
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:
        add_first_employee(s, "Морозова Наталья Петровна", "morozova_np")
    store.sign_in("morozova_np")
    return store


def count(engine: Engine, model: type) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_an_empty_database_says_what_to_do_and_imports_from_its_button(
    empty_store: Store, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(empty_store, qtbot)
    view = window.client_list
    assert view.database_is_empty and view.empty.isVisible()
    file = write_xlsx(
        tmp_path / "clients.xlsx",
        ["Наименование", "ИНН"],
        [["ООО Первый", inn(21)], ["ООО Второй", inn(22)]],
    )
    monkeypatch.setattr(
        "ric_desk.ui.main_window.QFileDialog.getOpenFileName", lambda *a, **k: (str(file), "")
    )
    qtbot.mouseClick(view.empty.findChild(QPushButton, "emptyImport"), Qt.MouseButton.LeftButton)
    settle(qtbot, window.db, timeout=20_000)
    assert not view.database_is_empty and view.model.total == 2
    view.search.setText("нет такого")
    view.apply()
    settle(qtbot, window.db)
    assert not view.database_is_empty  # a search that finds nobody is not an empty database


def test_the_demo_button_fills_the_empty_database_once_asked(
    empty_store: Store, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ric_desk.ui.main_window.DEMO_CLIENTS", 12)
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(
        "ric_desk.ui.main_window.QMessageBox.question", lambda *a, **k: answers.pop(0)
    )
    window = open_window(empty_store, qtbot)
    demo = window.client_list.empty.findChild(QPushButton, "emptyDemo")
    qtbot.mouseClick(demo, Qt.MouseButton.LeftButton)
    settle(qtbot, window.db)
    assert window.client_list.database_is_empty  # "No": nothing was made
    qtbot.mouseClick(demo, Qt.MouseButton.LeftButton)
    settle(qtbot, window.db, timeout=60_000)
    assert not window.client_list.database_is_empty
    assert window.client_list.model.total == 12 == count(empty_store.engine, Client)


def opened_card(qtbot, window: MainWindow, client_id: int) -> ClientCardView:
    window.open_client(client_id)
    settle(qtbot, window.db)
    card = window.tabs.currentWidget()
    assert isinstance(card, ClientCardView)
    return card


def test_ins_on_the_works_tab_plans_a_work_that_the_card_shows(
    empty_store: Store, qtbot, tmp_path: Path
) -> None:
    window = open_window(empty_store, qtbot)
    file = write_xlsx(tmp_path / "one.xlsx", ["Наименование", "ИНН"], [["ООО Первый", inn(31)]])
    window.import_from(file)
    settle(qtbot, window.db, timeout=20_000)
    with Session(empty_store.engine) as s:
        client_id = s.scalar(select(Client.id))
    assert client_id is not None
    card = opened_card(qtbot, window, client_id)
    card.sections.setCurrentIndex(card.works_tab)
    card.work_table.setFocus()
    qtbot.keyClick(card.work_table, Qt.Key.Key_Insert)
    settle(qtbot, window.db)
    dialog = card.dialog
    assert isinstance(dialog, PlanWorkDialog) and dialog.isVisible()
    dialog.grab().save(str(tmp_path / "plan-work.png"))
    dialog.accept()  # no stage chosen: refused with words
    settle(qtbot, window.db)
    assert dialog.isVisible() and "этап" in dialog.error.text()
    dialog.stage.setCurrentIndex(dialog.stage.findData(2))
    assert "Цель этапа" in dialog.goal.placeholderText()
    dialog.accept()
    settle(qtbot, window.db)
    assert not dialog.isVisible(), dialog.error.text()
    assert card.works.rowCount() == 1  # the hub told the card
    with Session(empty_store.engine) as s:
        work = s.scalars(select(Work)).one()
    assert (work.stage_id, work.state, work.executor_id) == (2, WorkState.PLANNED, None)
    assert work.planned_at >= datetime.now(UTC) - timedelta(minutes=6)

    window.activateWindow()  # a window manager gives the window back its focus
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    card.work_table.setFocus()
    qtbot.keyClick(card.work_table, Qt.Key.Key_Insert)  # the same stage again: refused
    settle(qtbot, window.db)
    again = card.dialog
    assert isinstance(again, PlanWorkDialog) and again is not dialog
    again.stage.setCurrentIndex(again.stage.findData(2))
    again.accept()
    settle(qtbot, window.db)
    assert again.isVisible() and f"№{work.number}" in again.error.text()
    again.again.setChecked(True)
    again.accept()
    settle(qtbot, window.db)
    assert not again.isVisible() and card.works.rowCount() == 2


def test_a_supervisor_plans_the_listed_clients_over_working_days(
    empty_store: Store, qtbot, tmp_path: Path
) -> None:
    window = open_window(empty_store, qtbot)
    rows = [[f"ООО Клиент {n}", inn(40 + n)] for n in range(6)]
    window.import_from(write_xlsx(tmp_path / "six.xlsx", ["Наименование", "ИНН"], rows))
    settle(qtbot, window.db, timeout=20_000)
    window.plan_works()
    settle(qtbot, window.db)
    dialog = window.dialog
    assert isinstance(dialog, PlanListDialog) and dialog.isVisible()
    dialog.grab().save(str(tmp_path / "plan-list.png"))
    dialog.stage.setCurrentIndex(dialog.stage.findData(3))
    dialog.first_day.setDate(QDate.currentDate().addDays(7))
    dialog.days.setValue(3)
    dialog.accept()
    settle(qtbot, window.db, timeout=20_000)
    assert not shiboken6.isValid(dialog)  # closed and deleted
    assert window.statusBar().currentMessage().startswith("Запланировано работ: 6 на ")
    with Session(empty_store.engine) as s:
        days = {w.planned_at.date() for w in s.scalars(select(Work))}
    assert count(empty_store.engine, Work) == 6 and 3 <= len(days) <= 4  # 3 days, in UTC

    window.plan_works()  # again: every client has its open work of the stage
    settle(qtbot, window.db)
    second = window.dialog
    assert isinstance(second, PlanListDialog)
    second.stage.setCurrentIndex(second.stage.findData(3))
    second.accept()
    settle(qtbot, window.db, timeout=20_000)
    assert "6 клиентов уже была открытая работа" in window.statusBar().currentMessage()
    assert count(empty_store.engine, Work) == 6
