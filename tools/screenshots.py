"""Render the screens offscreen on fresh demo data and save them to docs/screenshots/, at an
operator's laptop screen, 1366×768 (tests/test_screens.py checks every screen fits it).

python tools/screenshots.py [--out docs/screenshots] [--only clients|session|report|quality]

The screens read through the database worker: each picture is taken once the worker is idle and
its answers are on the screen.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time as clock_time
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from ric_desk.db import migrate
from ric_desk.db.engine import open_engine
from ric_desk.demo.generator import generate
from ric_desk.models import ChannelKind, Client, Employee
from ric_desk.store import Store

ROOT = Path(__file__).resolve().parents[1]


def settle(window: Any) -> None:
    """Let the worker finish what it was given and the screen show its answers."""
    deadline = clock_time.monotonic() + 30
    while not window.db.idle():
        if clock_time.monotonic() > deadline:
            raise TimeoutError("the database worker did not finish within 30 s")
        QApplication.processEvents()
        clock_time.sleep(0.01)
    QApplication.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--only", choices=("clients", "session", "report", "quality"), help="render one part only"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RIC_DESK_DATA_DIR"] = tmp
        from ric_desk.config import parse_db_url
        from ric_desk.ui.app import application
        from ric_desk.ui.main_window import MainWindow

        url = parse_db_url(f"sqlite:///{Path(tmp, 'demo.sqlite3').as_posix()}")
        engine = open_engine(url)
        migrate.upgrade(engine)
        generate(engine, clients=300, seed=1, as_of=date.today())
        store = Store(engine, url)
        with store.session() as s:
            login = s.scalar(select(Employee.login).where(Employee.login == "egorova_ma"))
            client_id = s.scalar(
                select(Client.id).where(Client.name.like("%Дирекция спортивных%")).limit(1)
            ) or s.scalar(select(Client.id).limit(1))
        assert login and client_id
        store.sign_in(login)
        application()
        window = MainWindow(store)
        window.resize(1366, 768)
        window.show()
        settle(window)
        if args.only in (None, "clients"):
            client_screens(window, client_id, args.out)
        if args.only in (None, "session"):
            session_screens(window, store, args.out)
        window.close()
        if args.only in (None, "report"):
            report_screens(Store(engine, url), args.out)
        if args.only in (None, "quality"):
            quality_screens(Store(engine, url), args.out)
        engine.dispose()
    print(f"saved to {args.out}")


def client_screens(window: Any, client_id: int, out: Path) -> None:
    """The client list, a card's sections, the person dialogs, a refused value, the history."""
    window.grab().save(str(out / "client-list.png"))
    card = window.open_client(client_id)
    assert card is not None
    settle(window)
    window.grab().save(str(out / "client-card-indicators.png"))
    for section, name in ((1, "segments"), (2, "persons"), (3, "works")):
        card.sections.setCurrentIndex(section)
        QApplication.processEvents()
        window.grab().save(str(out / f"client-card-{name}.png"))
    card.sections.setCurrentIndex(2)
    card.add_person()
    settle(window)
    person = card.dialog
    assert person is not None
    person.last_name.setText("Петракова")
    person.first_name.setText("Светлана")
    person.middle_name.setText("Викторовна")
    person.position.setText("Главный бухгалтер")
    person.channels.cellWidget(0, 1).setText("7(8112)56-14-55")
    person.add_channel(ChannelKind.PERSONAL_EMAIL, "petrakova_1967@mail.ru")
    QApplication.processEvents()
    person.grab().save(str(out / "contact-person-dialog.png"))
    person.reject()
    card.person_table.setCurrentIndex(card.person_table.model().index(0, 0))
    card.open_person()
    settle(window)
    person_card = card.dialog
    assert person_card is not None
    person_card.grab().save(str(out / "contact-person-card.png"))
    person_card.sections.setCurrentIndex(2)
    QApplication.processEvents()
    person_card.grab().save(str(out / "contact-person-indicators.png"))
    person_card.reject()
    card.sections.setCurrentIndex(0)
    card.select_indicator("Штат бухгалтеров")
    card.edit_current()
    dialog = card.dialog
    assert dialog is not None
    dialog.line.setText("три")
    dialog.accept()
    settle(window)
    dialog.grab().save(str(out / "indicator-dialog-refused.png"))
    dialog.reject()
    card.select_indicator("Штат юристов")
    card.edit_current()
    card.dialog.line.setText("2")
    card.dialog.accept()
    settle(window)
    card.sections.setCurrentIndex(4)
    QApplication.processEvents()
    window.grab().save(str(out / "client-card-history.png"))


def session_screens(window: Any, store: Store, out: Path) -> None:
    """The call session at 11:00 in Moscow on the first working day from today."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QMessageBox

    from ric_desk.calls import rules as calling
    from ric_desk.ui.session.view import SessionView

    with store.session() as s:
        rules = calling.load_rules(s)
    day = date.today()
    while rules.day_off(day) is not None:
        day += timedelta(days=1)
    moscow = calling.zone("Europe/Moscow")
    clock = [datetime.combine(day, time(11, 0), moscow).astimezone(UTC)]
    view = SessionView(window.db, clock=lambda: clock[0])
    window.session_view = view
    window.tabs.insertTab(1, view, "Сессия обзвонки")
    window.tabs.setCurrentWidget(view)
    view.queue.date_from.setDate(QDate(day.year, day.month, day.day))
    view.queue.date_to.setDate(QDate(day.year, day.month, day.day).addDays(2))
    settle(window)
    window.grab().save(str(out / "session-queue.png"))
    view.take_next()
    settle(window)
    call = view.call
    if call.goal.rowCount():
        call.goal.setData(call.goal.index(0, 1), "Понравились. Письма госорганов читает.")
    if call.priz.rowCount():
        call.priz.toggle(0, call.priz.WORKED_ON)
    call.script.take_current()
    call.script.take_current()
    call.successful.setChecked(True)
    call.result.setPlainText("Новшества будут полезны, договорились о демонстрации в четверг.")
    settle(window)
    window.grab().save(str(out / "session-call.png"))
    call.sections.setCurrentIndex(3)
    settle(window)
    window.grab().save(str(out / "session-call-card.png"))
    call.sections.setCurrentIndex(0)
    call.close_work()
    dialog = call.dialog
    assert dialog is not None
    settle(window)
    dialog.grab().save(str(out / "session-close-reasons.png"))
    dialog.reject()
    clock[0] = datetime.combine(day, time(17, 45), moscow).astimezone(UTC)
    call.reschedule_in(30)
    settle(window)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            widget.grab().save(str(out / "session-recall-refused.png"))
            widget.close()


def quality_screens(store: Store, out: Path) -> None:
    """A supervisor's sample of last month, drawn, and a call of it being scored."""
    from ric_desk.ui.main_window import MainWindow
    from ric_desk.ui.quality.review import ReviewPage
    from ric_desk.ui.quality.sample_page import SamplePage

    store.sign_in("morozova_np")
    window = MainWindow(store)
    window.resize(1366, 768)
    window.show()
    settle(window)
    view = window.show_quality()
    assert view is not None
    settle(window)
    page = view.page("samplePage")
    assert isinstance(page, SamplePage)
    page.draw()
    settle(window)
    window.grab().save(str(out / "quality-sample.png"))
    page.take_next()
    settle(window)
    review = view.pages.currentWidget()
    assert isinstance(review, ReviewPage)
    review.tree.setFocus()
    for grade in (1, 1, 1, 0):
        review.set_mark(grade)
        review.step_to(1)
    QApplication.processEvents()
    window.grab().save(str(out / "quality-review.png"))
    review.finish()
    settle(window)
    window.close()


def report_screens(store: Store, out: Path) -> None:
    """The director's contact report for this year: all open, collapsed from the specialists
    with the deviation's chart, a cell's contacts, columns by success."""
    from ric_desk.ui.main_window import MainWindow

    store.sign_in("barteva_iv")
    window = MainWindow(store)
    window.resize(1366, 768)
    window.show()
    settle(window)
    view = window.show_reports()
    assert view is not None
    settle(window)
    view.period_bar.this_year.click()
    view.build()
    settle(window)
    window.grab().save(str(out / "report.png"))
    view.collapse.setCurrentIndex(view.collapse.findData(1))
    view.apply_collapse()
    view.chart_measure.setCurrentIndex(view.chart_measure.findData("deviation"))
    view.update_chart()
    QApplication.processEvents()
    window.grab().save(str(out / "report-collapsed-chart.png"))
    root = view.model.index(0, 0)
    view.tree.setCurrentIndex(view.model.index(0, 1, root))
    view.drill_current()
    settle(window)
    dialog = view.dialog
    assert dialog is not None
    dialog.resize(1200, 600)
    QApplication.processEvents()
    dialog.grab().save(str(out / "report-drill.png"))
    dialog.reject()
    view.setup.set_dimensions(("stage",), ("successful",))
    view.setup.changed.emit()
    view.build()
    settle(window)
    window.grab().save(str(out / "report-columns.png"))
    window.close()


if __name__ == "__main__":
    main()
