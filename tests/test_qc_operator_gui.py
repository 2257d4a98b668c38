"""The operator's side of quality control through real widgets and the real database worker, on
SQLite and PostgreSQL: an operator sees their published reviews only, acknowledges one, disputes
two criteria (a third refused in the core's words); another supervisor resolves the disputes
and the history shows each step; the calibration page shows the core's kappa; both exports are
read back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import Engine

from ric_desk.actor import Actor
from ric_desk.checklists import calibration, reviews
from ric_desk.checklists.review_list import ReviewStatus
from ric_desk.checklists.review_views import Given
from ric_desk.store import Store
from ric_desk.ui import i18n
from ric_desk.ui.operations import Database
from ric_desk.ui.quality.calibration_page import CalibrationPage
from ric_desk.ui.quality.common import kappa_text, status_name
from ric_desk.ui.quality.disputes_page import DisputesPage
from ric_desk.ui.quality.review_detail import event_text
from ric_desk.ui.quality.review_dialogs import DisputeDialog
from ric_desk.ui.quality.reviews_page import ReviewsPage
from ric_desk.ui.quality.view import QualityView
from ric_desk.ui.table_model import OBJECT_ROLE
from tests.gui import settle
from tests.test_qc_reviews import criteria, full_marks, scored, template
from tests.test_qc_sample import NOW, START, call, staff

pytestmark = pytest.mark.gui


@dataclass
class World:
    engine: Engine
    team: dict[str, Actor]
    criteria: list[int]
    disputed: int  # anna's review with two misses
    accepted: int  # anna's review with full marks
    draft: int  # a draft of anna's call: never hers to see
    calibrated: int  # boris's call's first review, calibrated by sup2


@pytest.fixture
def world(fresh_engine: Engine, qapp) -> World:
    i18n.install_russian(qapp)
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:
        team = staff(s)
        v = template(s)
        ids = criteria(v)
        misses = {**full_marks(v), ids[0]: Given(0), ids[2]: Given(0, "не выяснил, кто решает")}
        disputed = scored(s, team["sup1"], call(s, team["anna"]), v, marks=misses)
        accepted = scored(s, team["sup1"], call(s, team["anna"]), v)
        drafted = call(s, team["anna"])
        from ric_desk.checklists import claims

        claims.pick_targeted(s, team["sup2"], drafted, now=NOW)
        draft = reviews.save_review(
            s, team["sup2"], drafted, version_id=v.id, marks=full_marks(v), now=NOW
        ).value
        boris_call = call(s, team["boris"])
        first = scored(s, team["sup1"], boris_call, v, marks=misses)
        calibration.request_calibration(s, team["admin"], first, team["sup2"].employee_id, now=NOW)
        other = {**full_marks(v), ids[2]: Given(0, "не выяснил"), ids[4]: Given(None)}
        reviews.save_review(
            s, team["sup2"], boris_call, version_id=v.id, marks=other, draft=False, now=NOW
        )
    return World(fresh_engine, team, ids, disputed, accepted, draft, first)


def database(world: World, who: str) -> Database:
    store = Store(world.engine, world.engine.url)
    store.set_actor(world.team[who])
    return Database(store)


def november(page: ReviewsPage | CalibrationPage, qtbot) -> None:
    page.period.set_period(START.date(), date(2026, 11, 30))
    settle(qtbot, page.db)


def shown_ids(page: ReviewsPage) -> list[int]:
    proxy = page.table.model()
    return [proxy.index(r, 0).data(OBJECT_ROLE).summary.id for r in range(proxy.rowCount())]


def status_of(page: ReviewsPage, review_id: int) -> ReviewStatus:
    assert page.select_review(review_id)
    row = page.current()
    assert row is not None
    return row.status


def test_an_operator_acknowledges_disputes_and_another_supervisor_resolves(
    world: World, qtbot, tmp_path: Path
) -> None:
    db = database(world, "anna")
    tab = QualityView(db)
    qtbot.addWidget(tab)
    assert tab.page("disputesPage") is None and tab.page("calibrationPage") is None
    page = tab.page("reviewsPage")
    assert isinstance(page, ReviewsPage)
    tab.resize(1366, 768)
    tab.show()
    november(page, qtbot)
    # her two published reviews; the draft and the calibration of Boris's call never
    assert sorted(shown_ids(page)) == sorted([world.disputed, world.accepted])
    assert page.operators.isHidden() and page.calibrate_button.isHidden()

    # acknowledging: Ctrl+Return on the row; the list follows through the hub
    assert status_of(page, world.accepted) == ReviewStatus.PUBLISHED
    settle(qtbot, db)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, db)
    assert status_of(page, world.accepted) == ReviewStatus.ACKNOWLEDGED
    settle(qtbot, db)
    proxy = page.table.model()
    shown = proxy.index(page.table.currentIndex().row(), 8).data()
    assert shown == status_name(ReviewStatus.ACKNOWLEDGED)
    assert not page.acknowledge_button.isEnabled() and not page.dispute_button.isEnabled()
    assert page.detail.history.rows[-1].action == "acknowledged"

    # disputing: at most two criteria ticked, a comment for each
    assert status_of(page, world.disputed) == ReviewStatus.PUBLISHED
    settle(qtbot, db)
    qtbot.keyClick(
        page.table,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = page.dialog
    assert isinstance(dialog, DisputeDialog) and dialog.isVisible()
    dialog.grab().save(str(tmp_path / "qc-operator-dispute.png"))
    items = [dialog.criteria.item(i) for i in range(dialog.criteria.count())]
    dialog.criteria.setCurrentRow(0)
    qtbot.keyClick(dialog.criteria, Qt.Key.Key_Space)  # the keyboard ticks
    items[2].setCheckState(Qt.CheckState.Checked)
    assert dialog.checked() == [world.criteria[0], world.criteria[2]]
    third = items[1]
    assert not third.flags() & Qt.ItemFlag.ItemIsEnabled  # two ticked: no third
    dialog.set_comment(world.criteria[0], "Я представилась в начале")
    dialog.accept()
    settle(qtbot, db)
    assert dialog.isVisible()  # a comment missing: the core's words, the dialog stays
    box = dialog.findChild(QMessageBox, "errorMessage")
    assert box is not None and "почему вы не согласны" in box.text()
    box.close()
    dialog.set_comment(world.criteria[2], "ЛПР известен по карточке")
    dialog.grab().save(str(tmp_path / "qc-operator-dispute-filled.png"))
    dialog.accept()
    settle(qtbot, db)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert status_of(page, world.disputed) == ReviewStatus.DISPUTED
    settle(qtbot, db)
    assert not page.dispute_button.isEnabled() and not page.acknowledge_button.isEnabled()
    # a third, from a screen that had not seen the two: refused in the core's words
    page.submit_dispute(world.disputed, {world.criteria[1]: "и это"})
    settle(qtbot, db)
    box = page.findChild(QMessageBox, "errorMessage")
    assert box is not None
    assert box.text() == "Оспорить можно не больше 2 критериев одной оценки: уже оспорено 2."
    box.close()
    tab.grab().save(str(tmp_path / "qc-operator-reviews.png"))

    # the author does not see the disputes; another supervisor resolves them
    author_db = database(world, "sup1")
    author = DisputesPage(author_db, world.team["sup1"])
    qtbot.addWidget(author)
    settle(qtbot, author_db)
    assert author.model.rowCount() == 0
    other_db = database(world, "sup2")
    other = DisputesPage(other_db, world.team["sup2"])
    qtbot.addWidget(other)
    other.resize(1366, 768)
    other.show()
    settle(qtbot, other_db)
    box = other.findChild(QMessageBox, "errorMessage")
    assert box is None, box.text()
    assert other.model.rowCount() == 2
    other.grab().save(str(tmp_path / "qc-operator-disputes.png"))
    other.table.setFocus()
    other.table.selectRow(0)
    qtbot.keyClick(other.table, Qt.Key.Key_Return)
    resolve = other.dialog
    assert resolve is not None and resolve.isVisible()
    assert resolve.row.criterion == "поздоровался и представился"
    resolve.grade.setCurrentIndex(resolve.grade.findData(1))
    assert resolve.change.isChecked()
    resolve.resolution.setPlainText("В записи есть приветствие")
    resolve.grab().save(str(tmp_path / "qc-operator-resolve.png"))
    resolve.accept()
    settle(qtbot, other_db)
    assert not resolve.isVisible() and other.model.rowCount() == 1  # the hub refreshed it
    other.table.selectRow(0)
    second = other.open_current()
    assert second is not None
    second.resolution.setPlainText("Надо было уточнить")
    second.accept()  # upheld: the default
    settle(qtbot, other_db)
    assert other.model.rowCount() == 0

    # the operator's F5: revised; the history shows each step
    other.close()
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F5)
    settle(qtbot, db)
    assert status_of(page, world.disputed) == ReviewStatus.REVISED
    settle(qtbot, db)
    history = page.detail.history.rows
    assert [e.action for e in history] == [
        "created",
        "published",
        "disputed",
        "disputed",
        "dispute_resolved",
        "dispute_resolved",
    ]
    texts = [event_text(e) for e in history]
    assert "поздоровался и представился" in texts[2] and "Я представилась" in texts[2]
    assert "0 → 1" in texts[4] and history[4].who == "Волков Дмитрий Сергеевич"
    marks = page.detail.marks.topLevelItem(0).child(0)
    assert marks.text(1) == "1/1"
    critical = page.detail.marks.topLevelItem(2).child(0)  # its mark leads, never cut off
    assert critical.text(0) == "[критичный] подвёл итоги по шагу «Договоренность»"
    assert [d.outcome for d in page.detail.disputes.rows] == ["changed", "upheld"]
    tab.grab().save(str(tmp_path / "qc-operator-history.png"))
    page.acknowledge()
    settle(qtbot, db)
    assert status_of(page, world.disputed) == ReviewStatus.ACKNOWLEDGED

    # the list as shown to Excel
    page.export_to(tmp_path / "reviews.xlsx")
    settle(qtbot, db)
    sheet = load_workbook(tmp_path / "reviews.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Дата звонка", "Оператор", "Руководитель")
    assert len(rows) == 3 and {r[8] for r in rows[1:]} == {"признана"}
    assert sorted(r[6] for r in rows[1:]) == [75.0, 100.0]
    for made in (author_db, other_db, db):
        made.shutdown()


def test_a_supervisor_sees_drafts_of_their_own_and_asks_for_calibration(
    world: World, qtbot
) -> None:
    db = database(world, "sup2")
    page = ReviewsPage(db, world.team["sup2"])
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    settle(qtbot, db)
    november(page, qtbot)
    ids = shown_ids(page)
    assert world.draft in ids and world.disputed in ids
    assert status_of(page, world.draft) == ReviewStatus.DRAFT
    settle(qtbot, db)
    assert not page.calibrate_button.isEnabled()  # a draft is not calibrated
    page.statuses.setCurrentIndex(page.statuses.findData(ReviewStatus.DRAFT))
    assert shown_ids(page) == [world.draft]
    page.statuses.setCurrentIndex(0)
    page.operators.setCurrentIndex(page.operators.findText("Кузнецова Юлия Борисовна"))
    assert len(shown_ids(page)) == 2  # Boris's call: the first review and the calibration
    page.operators.setCurrentIndex(0)
    assert status_of(page, world.accepted) == ReviewStatus.PUBLISHED
    settle(qtbot, db)
    assert page.calibrate_button.isEnabled()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, db)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    names = [dialog.reviewer.itemText(i) for i in range(dialog.reviewer.count())]
    assert "Морозова Наталья Петровна" not in names  # the author
    assert "Волков Дмитрий Сергеевич" in names
    # supervisors first (the one usually asked), then administrators
    assert names.index("Волков Дмитрий Сергеевич") < names.index("Администратор Системы")
    assert dialog.reviewer.currentText() == names[0] == "Волков Дмитрий Сергеевич"
    dialog.reviewer.setCurrentIndex(dialog.reviewer.findText("Администратор Системы"))
    dialog.accept()
    settle(qtbot, db)
    assert not dialog.isVisible()
    settle(qtbot, db)
    last = page.detail.history.rows[-1]
    assert last.action == "calibration_requested" and "Администратор Системы" in event_text(last)
    assert len(shown_ids(page)) == len(ids)  # the calibration draft is the administrator's
    db.shutdown()


def test_the_calibration_page_shows_the_cores_kappa_and_exports_it(
    world: World, qtbot, tmp_path: Path
) -> None:
    db = database(world, "boss")
    tab = QualityView(db)
    qtbot.addWidget(tab)
    assert tab.page("disputesPage") is None  # a director reads, never resolves
    page = tab.page("calibrationPage")
    assert isinstance(page, CalibrationPage)
    tab.pages.setCurrentWidget(page)
    tab.resize(1366, 768)
    tab.show()
    november(page, qtbot)
    with Store(world.engine, world.engine.url).session() as s:
        expected = calibration.agreement(
            s, world.team["boss"], start=START, end=START + timedelta(days=30)
        )
    [pair] = expected.pairs
    assert pair.kappa is not None
    assert page.pairs.rowCount() == 1
    cells = [page.pairs.index(0, c).data() for c in range(page.pairs.columnCount())]
    assert cells[:3] == ["Морозова Наталья Петровна", "Волков Дмитрий Сергеевич", "1"]
    assert cells[7] == kappa_text(pair.kappa)
    assert page.worst.rowCount() == len(expected.disagreements) > 0
    tab.grab().save(str(tmp_path / "qc-operator-calibration.png"))
    page.export_to(tmp_path / "calibration.xlsx")
    settle(qtbot, db)
    book = load_workbook(tmp_path / "calibration.xlsx")
    pairs = list(book["Пары"].iter_rows(values_only=True))
    assert pairs[0][7] == "Каппа Коэна"
    assert pairs[1][:3] == ("Морозова Наталья Петровна", "Волков Дмитрий Сергеевич", 1)
    assert pairs[1][7] == pytest.approx(float(pair.kappa), abs=0.001)
    worst = list(book["Расхождения"].iter_rows(values_only=True))
    assert [r[1] for r in worst[1:]] == [d.text for d in expected.disagreements]
    db.shutdown()
