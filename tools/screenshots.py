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
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt
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
            quality_screens(engine, url, args.out)
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


def quality_screens(engine: Any, url: Any, out: Path) -> None:
    """The quality-control flow on last month's sample: a supervisor draws it, scores a call the
    script pre-filled and publishes one with a critical miss; its operator reads it and disputes
    two marks; another supervisor resolves, looks at the calibration, the analytics and the
    check-lists."""
    supervisor = quality_window(engine, url, "morozova_np")
    sample_page = sample_screen(supervisor, out)
    prefill_screen(supervisor, sample_page, out)
    review_id, operator_id = critical_screen(supervisor, sample_page, out)
    supervisor.close()
    with supervisor.store.session() as s:
        operator_login = s.scalar(select(Employee.login).where(Employee.id == operator_id))
    assert operator_login
    operator = quality_window(engine, url, operator_login)
    operator_screens(operator, review_id, out)
    operator.close()
    other = quality_window(engine, url, "volkov_ds")
    disputes_screen(other, out)
    calibration_screen(other, out)
    analytics_screen(other, operator_id, out)
    templates_screen(other, out)
    other.close()


def quality_window(engine: Any, url: Any, login: str) -> Any:
    """The main window of `login`, signed in afresh, on its «Контроль качества» tab."""
    from ric_desk.ui.main_window import MainWindow

    store = Store(engine, url)
    store.sign_in(login)
    window = MainWindow(store)
    window.resize(1366, 768)
    window.show()
    settle(window)
    view = window.show_quality()
    assert view is not None
    settle(window)
    return window


def quality_page(window: Any, name: str) -> Any:
    """A page of the quality tab brought to the front."""
    view = window.quality_view
    page = view.page(name)
    assert page is not None, name
    view.pages.setCurrentWidget(page)
    settle(window)
    return page


def last_month() -> tuple[date, date]:
    """The office's previous calendar month, first and last day (the demo's sample month)."""
    first = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=31)).replace(day=1)
    return first, following - timedelta(days=1)


def with_dialog(window: Any, dialog: Any) -> Any:
    """The window with a dialog on top, centred and framed (a grab of the window leaves
    top-level dialogs out)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QPainter

    picture = window.grab()
    shown = dialog.grab()
    at = QPoint((picture.width() - shown.width()) // 2, (picture.height() - shown.height()) // 2)
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))
    painter.drawPixmap(at, shown)
    painter.setPen(QColor(90, 90, 90))
    painter.drawRect(at.x() - 1, at.y() - 1, shown.width() + 1, shown.height() + 1)
    painter.end()
    return picture


def type_text(widget: Any, text: str) -> None:
    """Type `text` into a widget key by key, as a keyboard would (QTest's key clicks know no
    Cyrillic)."""
    from PySide6.QtGui import QKeyEvent

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def waiting_call(window: Any, page: Any, wanted: Callable[[Any], bool]) -> int:
    """A call listed on the sample page, not reviewed and held by nobody, whose review screen
    (read through the core, nothing written) is as `wanted`: one nobody has begun first, else a
    draft."""
    from ric_desk.checklists import reviews

    store, now = window.store, datetime.now(UTC)
    waiting = [r for r in page.listed() if not r.reviewed and not r.taken_by]
    with store.session() as s:
        for row in sorted(waiting, key=lambda r: r.drafted):
            screen = reviews.open_review(s, store.actor, row.contact_id, now=now)
            if screen.version_id is not None and wanted(screen):
                return int(row.contact_id)
    raise LookupError("no call of the sample is as the screenshot needs")


def take(window: Any, page: Any, contact_id: int) -> Any:
    """Take a call from the sample page (Enter on its row) and return its review screen."""
    from ric_desk.ui.quality.review import ReviewPage

    assert page.select(contact_id)
    page.take_selected()
    settle(window)
    review = window.quality_view.pages.currentWidget()
    assert isinstance(review, ReviewPage) and review.contact_id == contact_id
    review.tree.setFocus()
    return review


def sample_screen(window: Any, out: Path) -> Any:
    """1. The supervisor's sample of last month, drawn."""
    page = quality_page(window, "samplePage")
    page.draw()
    settle(window)
    window.grab().save(str(out / "quality-sample.png"))
    return page


def prefill_screen(window: Any, page: Any, out: Path) -> None:
    """2. A call whose operator skipped a script step: its criteria missed «по скрипту», a few
    marks given by hand, the live total."""
    from ric_desk.ui.quality.review import CRITERION_ROLE

    def skipped(screen: Any) -> bool:
        marks = screen.prefilled().values()
        return bool(screen.path and screen.path.skipped and any(m.by_script for m in marks))

    review = take(window, page, waiting_call(window, page, skipped))
    by_hand = [
        item
        for item in review._items
        if item.data(0, CRITERION_ROLE).id not in review.marks  # the script's marks stay
    ][:4]
    for n, item in enumerate(by_hand):
        criterion = item.data(0, CRITERION_ROLE)
        review.tree.setCurrentItem(item)
        review.set_mark(0 if n == 1 and not criterion.critical else criterion.top)
    review.step_to(1)
    QApplication.processEvents()
    window.grab().save(str(out / "quality-review-prefill.png"))
    review.finish()
    settle(window)


def critical_screen(window: Any, page: Any, out: Path) -> tuple[int, int]:
    """3. A review with a critical criterion missed (its total 0, "without it" shown), published;
    returns the review's id and its operator's."""
    from ric_desk.ui.quality.review import CRITERION_ROLE

    def critical(screen: Any) -> bool:
        return any(c.critical for section in screen.sections for c in section.criteria)

    review = take(window, page, waiting_call(window, page, critical))
    missed = False
    for item in review._items:
        criterion = item.data(0, CRITERION_ROLE)
        review.tree.setCurrentItem(item)
        if criterion.critical and not missed:
            review.set_mark(0)
            review.edit_comment()
            type_text(review.comment, "На записи этого нет")
            review.tree.setFocus()
            missed = True
        elif criterion.id not in review.marks:
            review.set_mark(criterion.top)
    review.review_comment.setPlainText(
        "Разговор доброжелательный, но критичный пункт чек-листа не выполнен."
    )
    review.save(draft=False)
    settle(window)
    assert review.data.review is not None and review.data.review.operator_id is not None
    review.tree.setCurrentItem(review._items[0])
    QApplication.processEvents()
    window.grab().save(str(out / "quality-review-critical.png"))
    found = review.data.review.id, review.data.review.operator_id
    review.finish()
    settle(window)
    return found


def operator_screens(window: Any, review_id: int, out: Path) -> None:
    """4. The operator's «Мои оценки» with the review chosen, and the dispute of two of its
    marks, sent."""
    page = quality_page(window, "reviewsPage")
    assert page.select_review(review_id)
    settle(window)
    window.grab().save(str(out / "quality-reviews-operator.png"))
    dialog = page.open_dispute()
    assert dialog is not None
    reasons = (
        "Это было в конце разговора, послушайте запись ещё раз",
        "Клиент сам завершил эту часть разговора, оценка занижена",
    )
    criteria = [c for section in page.detail.detail.sections for c in section.criteria]
    # the misses first (the critical one leading), then the marks below the top
    criteria.sort(key=lambda c: (c.mark is None or c.mark.grade != 0, not c.critical))
    ticked = [c.id for c in criteria][:2]
    for index in range(dialog.criteria.count()):
        item = dialog.criteria.item(index)
        if int(item.data(Qt.ItemDataRole.UserRole)) in ticked:
            item.setCheckState(Qt.CheckState.Checked)
    for criterion_id, reason in zip(ticked, reasons, strict=True):
        dialog.set_comment(criterion_id, reason)
    QApplication.processEvents()
    with_dialog(window, dialog).save(str(out / "quality-dispute.png"))
    dialog.accept()  # through the page's submit_dispute
    settle(window)
    assert not dialog.isVisible(), "the dispute was not written"


def disputes_screen(window: Any, out: Path) -> None:
    """5. Another supervisor's «Споры» with the operator's dispute being resolved."""
    from ric_desk.ui.table_model import OBJECT_ROLE

    page = quality_page(window, "disputesPage")
    rows = page.table.model()
    missed = next(
        r for r in range(rows.rowCount()) if rows.index(r, 0).data(OBJECT_ROLE).grade == 0
    )
    page.table.selectRow(missed)
    dialog = page.open_current()
    assert dialog is not None
    dialog.change.setChecked(True)
    dialog.grade.setCurrentIndex(0)  # the top mark
    dialog.resolution.setPlainText("Прослушал запись повторно: выполнено, оценка изменена.")
    QApplication.processEvents()
    with_dialog(window, dialog).save(str(out / "quality-disputes.png"))
    dialog.reject()


def calibration_screen(window: Any, out: Path) -> None:
    """6. The agreement of the supervisors over last month's calibration pair."""
    page = quality_page(window, "calibrationPage")
    page.period.set_period(*last_month())
    settle(window)
    window.grab().save(str(out / "quality-calibration.png"))


def analytics_screen(window: Any, operator_id: int, out: Path) -> None:
    """7. The analytics of the last months by operator, one chosen: their trend chart."""
    from ric_desk.ui.table_model import OBJECT_ROLE

    page = quality_page(window, "analyticsPage")
    first, _last = last_month()
    this_month = date.today().replace(day=1)
    this_month_end = (this_month + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    page.period_bar.set_period((first - timedelta(days=92)).replace(day=1), this_month_end)
    page.reload()
    settle(window)
    rows = page.groups.model()
    chosen = next(
        r for r in range(rows.rowCount()) if rows.index(r, 0).data(OBJECT_ROLE).key == operator_id
    )
    page.groups.selectRow(chosen)
    QApplication.processEvents()
    window.grab().save(str(out / "quality-analytics.png"))


def templates_screen(window: Any, out: Path) -> None:
    """8. The check-lists with «Знакомство» shown."""
    page = quality_page(window, "templatesPage")
    page.filter.setText("Знакомство")
    page.table.setCurrentIndex(page.table.model().index(0, 0))
    settle(window)
    window.grab().save(str(out / "quality-templates.png"))


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
