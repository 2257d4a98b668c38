"""The supervisor's sample page and review screen, on both databases, through the real worker:
the sample drawn from the page, a call taken with Enter and scored from the keyboard (a critical
miss makes the total 0, the script's pre-filled mark says «по скрипту» until changed), a draft
saved and the review published, the progress updated; a second supervisor cannot open the same
call; the recording's button only where the contact has a recording."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ric_desk.calls.planning import office_today
from ric_desk.checklists.review_views import BY_SCRIPT
from ric_desk.checklists.sample import month_period, previous_month
from ric_desk.checklists.sample_export import PICK_HEADERS
from ric_desk.models import ChecklistReview, Contact, Employee, ReviewScore, ReviewState
from ric_desk.store import Store
from ric_desk.ui.main_window import MainWindow
from ric_desk.ui.operations import Database
from ric_desk.ui.quality.review import CRITERION_ROLE, ReviewPage
from ric_desk.ui.quality.sample_page import SamplePage
from ric_desk.ui.quality.view import QualityView
from tests.gui import open_window, settle
from tests.test_qc_reviews import path, script, template
from tests.test_qc_sample import call, staff

pytestmark = pytest.mark.gui


def last_month() -> date:
    return previous_month(office_today())


@pytest.fixture
def office(fresh_engine: Engine, qapp: Any) -> dict[str, Any]:
    """Two operators' calls of last month (every call took steps 1 and 3 of the script: step 2
    skipped), the stage's check-list, two supervisors, a director and an operator."""
    from ric_desk.ui import i18n

    i18n.install_russian(qapp)
    start, _end = month_period(last_month())
    with Session(fresh_engine, expire_on_commit=False) as s:
        team = staff(s)
        version = template(s)
        steps = script(s)
        anna = [
            call(s, team["anna"], at=start + timedelta(days=9, hours=10 + i),
                 script_path=path(steps, (1, 3)))
            for i in range(10)
        ]  # fmt: skip
        boris = [
            call(s, team["boris"], at=start + timedelta(days=12, hours=9 + i)) for i in range(5)
        ]
        s.commit()
        logins = {k: s.get(Employee, a.employee_id).login for k, a in team.items()}  # type: ignore[union-attr]
    return {
        "engine": fresh_engine,
        "team": team,
        "logins": logins,
        "version": version.id,
        "anna": anna,
        "boris": boris,
    }


def signed_in(office: dict[str, Any], who: str) -> Store:
    engine = office["engine"]
    store = Store(engine, engine.url)
    store.sign_in(office["logins"][who])
    return store


def quality(window: MainWindow, qtbot: Any) -> QualityView:
    qtbot.keyClick(
        window,
        Qt.Key.Key_Q,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    settle(qtbot, window.db)
    view = window.quality_view
    assert isinstance(view, QualityView)
    return view


def sample_page(view: QualityView) -> SamplePage:
    page = view.page("samplePage")
    assert isinstance(page, SamplePage)
    return page


def errors(widget: QWidget) -> list[str]:
    """The texts of the error boxes open over `widget`'s window; closed once read."""
    found = []
    for box in widget.window().findChildren(QMessageBox):
        if box.objectName() == "errorMessage" and box.isVisible():
            found.append(box.text())
            box.close()
    return found


def item_of(page: ReviewPage, text: str) -> Any:
    for item in page._items:
        if item.data(0, CRITERION_ROLE).text == text:
            return item
    raise AssertionError(text)


def focus(qtbot: Any, widget: QWidget) -> None:
    """Give `widget` the keyboard focus as a click would; offscreen windows are not activated."""
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def key(qtbot: Any, widget: QWidget, name: Any, modifier: Any = None) -> None:
    if modifier is None:
        qtbot.keyClick(widget, name)
    else:
        qtbot.keyClick(widget, name, modifier)


def test_draw_take_score_from_the_keyboard_publish(
    office: dict[str, Any], qtbot: Any, tmp_path: Path, qtmodeltester: Any
) -> None:
    store = signed_in(office, "sup1")
    window = open_window(store, qtbot)
    window.resize(1366, 768)
    view = quality(window, qtbot)
    page = sample_page(view)
    settle(qtbot, window.db)
    assert page.model.rowCount() == 0
    assert page.month.date().month() == last_month().month
    qtbot.mouseClick(page.draw_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window.db)
    progress = {p.operator: p for p in page.progress_model.rows}
    anna = progress["Егорова Мария Анатольевна"]
    assert (anna.eligible, anna.quota, anna.sampled, anna.reviewed) == (10, 2, 2, 0)
    assert progress["Кузнецова Юлия Борисовна"].sampled == 1
    assert page.model.rowCount() == 3
    for model in (page.model, page.progress_model, page.filter):
        qtmodeltester.check(model)
    # the operator filter and the state filter
    page.operator.setCurrentIndex(page.operator.findText("Егорова Мария Анатольевна"))
    assert page.filter.rowCount() == 2
    first = page.listed()[0]
    assert first.contact_id in office["anna"]
    focus(qtbot, page.table)
    page.table.selectRow(0)
    key(qtbot, page.table, Qt.Key.Key_Return)
    settle(qtbot, window.db)
    review = view.pages.currentWidget()
    assert isinstance(review, ReviewPage) and review.contact_id == first.contact_id
    assert review.data is not None and review.data.held
    assert view.pages.tabText(view.pages.currentIndex()).startswith("Оценка")
    assert "Выявление потребности" in review.facts.toPlainText()  # the skipped step
    assert not review.play_button.isVisibleTo(review)  # no recording
    # the script's pre-fill, labelled, changeable
    questions = item_of(review, "задал открытые вопросы")
    assert BY_SCRIPT in questions.text(1)
    assert BY_SCRIPT in item_of(review, "выяснил ЛПР").text(1)
    tree = review.tree
    focus(qtbot, tree)
    assert review.current_criterion().text == "поздоровался и представился"  # type: ignore[union-attr]
    key(qtbot, tree, Qt.Key.Key_1)
    key(qtbot, tree, Qt.Key.Key_Down)
    key(qtbot, tree, Qt.Key.Key_5)  # off the 0–2 scale: refused
    assert BY_SCRIPT in questions.text(1)
    assert "0–2" in review.state.text()
    key(qtbot, tree, Qt.Key.Key_2)
    assert BY_SCRIPT not in questions.text(1) and "2 из 2" in questions.text(1)
    key(qtbot, tree, Qt.Key.Key_Down)  # ЛПР: left as the script says
    key(qtbot, tree, Qt.Key.Key_Down)
    # the critical criterion, its mark leading (a long text's end is cut off by the column)
    critical = item_of(review, "подвёл итоги по шагу «Договоренность»")
    assert critical.text(0) == "[критичный] подвёл итоги по шагу «Договоренность»"
    key(qtbot, tree, Qt.Key.Key_0)  # the critical criterion missed
    assert "Итог: 0,0 %" in review.total.text()
    assert "без него" in review.total.text()
    key(qtbot, tree, Qt.Key.Key_Down)
    key(qtbot, tree, Qt.Key.Key_N)  # not applicable
    assert "неприменим" in item_of(review, "предложил вебинар").text(1)
    assert "не пройдено" in review.total.text()
    key(qtbot, tree, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window.db)
    assert not review.dirty
    with Session(office["engine"]) as s:
        saved = s.scalar(
            select(ChecklistReview).where(ChecklistReview.contact_id == first.contact_id)
        )
        assert saved is not None and saved.state == ReviewState.DRAFT
        by_script = s.scalars(
            select(ReviewScore.by_script).where(ReviewScore.review_id == saved.id)
        ).all()
        assert sorted(by_script) == [False, False, False, False, True]
    settle(qtbot, window.db)
    assert "черновик" in page.listed()[0].status or page.listed()[0].taken_by
    # the critical criterion now met; ЛПР changed to a miss without a comment: refused
    focus(qtbot, tree)
    review.tree.setCurrentItem(item_of(review, "подвёл итоги по шагу «Договоренность»"))
    key(qtbot, tree, Qt.Key.Key_1)
    assert "Итог: 0,0 %" not in review.total.text()
    review.tree.setCurrentItem(item_of(review, "выяснил ЛПР"))
    key(qtbot, tree, Qt.Key.Key_1)
    key(qtbot, tree, Qt.Key.Key_0)
    assert BY_SCRIPT not in item_of(review, "выяснил ЛПР").text(1)
    assert review.comment.text() == ""
    key(qtbot, tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window.db)
    said = errors(review)
    assert said and "напишите комментарий" in said[0]
    focus(qtbot, tree)
    key(qtbot, tree, Qt.Key.Key_C)
    qtbot.waitUntil(review.comment.hasFocus)
    qtbot.keyClicks(review.comment, "LPR: no")  # QTest types ASCII only
    key(qtbot, review.comment, Qt.Key.Key_Return)
    assert tree.hasFocus()
    assert item_of(review, "выяснил ЛПР").text(2) == "LPR: no"
    key(qtbot, tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window.db)
    assert errors(review) == []
    assert review.data.review is not None
    assert review.data.review.state == ReviewState.PUBLISHED
    assert not review.publish_button.isEnabled()
    # the sample page, refreshed by the hub: one of Anna's two reviewed
    anna = {p.operator: p for p in page.progress_model.rows}["Егорова Мария Анатольевна"]
    assert anna.reviewed == 1
    done = next(r for r in page.model.rows if r.contact_id == first.contact_id)
    assert done.reviewed and done.taken_by == ""
    # closing the published review gives nothing to ask
    key(qtbot, tree, Qt.Key.Key_Escape)
    settle(qtbot, window.db)
    assert view.reviews() == []
    # the list exported as shown
    target = tmp_path / "sample.xlsx"
    page.operator.setCurrentIndex(0)
    page.export_to(target)
    settle(qtbot, window.db)
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == PICK_HEADERS and len(rows) == 4
    assert "оценён" in [r[8] for r in rows[1:]]


def test_a_second_supervisor_cannot_open_the_same_call(office: dict[str, Any], qtbot: Any) -> None:
    window = open_window(signed_in(office, "sup1"), qtbot)
    view = quality(window, qtbot)
    page = sample_page(view)
    page.draw()
    settle(qtbot, window.db)
    page.take_next()  # F8
    settle(qtbot, window.db)
    review = view.pages.currentWidget()
    assert isinstance(review, ReviewPage)
    taken = review.contact_id
    assert review.data is not None and review.data.held
    # the other supervisor, at another workstation
    other_store = signed_in(office, "sup2")
    other_db = Database(other_store)
    other = SamplePage(other_db, other_store.actor)  # type: ignore[arg-type]
    qtbot.addWidget(other)
    other.show()
    settle(qtbot, other_db)
    opened: list[int] = []
    other.open_review.connect(opened.append)
    row = next(r for r in other.model.rows if r.contact_id == taken)
    assert row.taken_by == "Морозова Наталья Петровна"
    assert other.select(taken)
    focus(qtbot, other.table)
    key(qtbot, other.table, Qt.Key.Key_Return)
    settle(qtbot, other_db)
    said = errors(other)
    assert opened == [] and said and "сейчас оценивает Морозова Наталья Петровна" in said[0]
    # F8 there takes another call
    other.take_next()
    settle(qtbot, other_db)
    assert len(opened) == 1 and opened[0] != taken
    # closing the review with unsaved marks asks; giving them up releases the call
    focus(qtbot, review.tree)
    key(qtbot, review.tree, Qt.Key.Key_1)
    assert review.dirty
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        return QMessageBox.StandardButton.Discard

    original = QMessageBox.exec
    QMessageBox.exec = answer  # type: ignore[assignment, method-assign]
    try:
        review.request_close()
    finally:
        QMessageBox.exec = original  # type: ignore[method-assign]
    settle(qtbot, window.db)
    assert asked and "не сохранены" in asked[0]
    assert view.reviews() == []
    other.refresh()
    settle(qtbot, other_db)
    assert next(r for r in other.model.rows if r.contact_id == taken).taken_by == ""
    other_db.shutdown()


def test_the_recording_button_only_with_a_recording(
    office: dict[str, Any], qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recording = tmp_path / "звонок.wav"
    recording.write_bytes(b"RIFF")
    with_file, missing, without = office["anna"][:3]
    with Session(office["engine"]) as s:
        s.get(Contact, with_file).recording = str(recording)  # type: ignore[union-attr]
        s.get(Contact, missing).recording = str(tmp_path / "нет.wav")  # type: ignore[union-attr]
        s.commit()
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window = open_window(signed_in(office, "sup1"), qtbot)
    view = quality(window, qtbot)
    page = sample_page(view)
    for contact in (with_file, missing, without):
        page._targeted(contact)  # picked on purpose, by its number
        settle(qtbot, window.db)
    first, second, third = view.reviews()
    assert [p.contact_id for p in (first, second, third)] == [with_file, missing, without]
    assert first.play_button.isVisibleTo(first)
    assert str(recording) in first.facts.toPlainText()
    assert not third.play_button.isVisibleTo(third)
    view.pages.setCurrentWidget(first)
    focus(qtbot, first.tree)
    key(qtbot, first.tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert [u.toLocalFile() for u in opened] == [str(recording)]
    view.pages.setCurrentWidget(second)
    second.play()
    said = errors(second)
    assert said and "не найден" in said[0] and len(opened) == 1
    # the targeted calls count apart from the sample
    settle(qtbot, window.db)
    assert all(p.sampled == 0 for p in page.progress_model.rows)
    assert {r.contact_id for r in page.model.rows} == {with_file, missing, without}


def test_operators_get_no_sample_page_directors_read_it(office: dict[str, Any], qtbot: Any) -> None:
    window = open_window(signed_in(office, "anna"), qtbot)
    view = quality(window, qtbot)
    assert view.page("samplePage") is None
    window.close()
    window = open_window(signed_in(office, "boss"), qtbot)
    view = quality(window, qtbot)
    page = sample_page(view)
    assert not page.draw_button.isVisibleTo(page) and not page.next_button.isVisibleTo(page)
    assert page.export_button.isVisibleTo(page)


def test_the_period_is_the_office_s_month_whatever_the_workstation_s_zone() -> None:
    start, end = month_period(date(2026, 11, 17))
    moscow = ZoneInfo("Europe/Moscow")  # the default office zone (calls.rules.DEFAULT_ZONE)
    assert start == datetime.combine(date(2026, 11, 1), time(0), moscow).astimezone(UTC)
    assert end == datetime.combine(date(2026, 12, 1), time(0), moscow).astimezone(UTC)
    assert previous_month(date(2026, 1, 31)) == date(2025, 12, 1)
