"""Quality analytics on hand-made reviews with known answers, on both databases: averages of the
scored reviews only (a review where nothing applies is left out), a critical miss zeroing its
review, calibration reviews never counted, targeted ones on request, coverage of the sample,
criteria's fail rates and the weakest; who sees what; the .xlsx and .docx read back; the
command line; the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.changes import Changes
from ric_desk.checklists import (
    analytics,
    analytics_export,
    calibration,
    claims,
    disputes,
    reviews,
    sample,
)
from ric_desk.checklists.analytics import Filter
from ric_desk.checklists.review_views import Given
from ric_desk.checklists.templates import CriterionDraft, SectionDraft, TemplateDraft, publish
from ric_desk.cli import main
from ric_desk.errors import NotAllowed, UserError
from ric_desk.models import ChecklistVersion, Employee
from ric_desk.store import Store
from ric_desk.ui.operations import Database
from ric_desk.ui.table_model import OBJECT_ROLE
from tests.gui import settle
from tests.test_qc_reviews import criteria, full_marks, template
from tests.test_qc_sample import NOW, call, staff

NOV = (datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC))
DEC = (datetime(2026, 12, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
PERIOD = Filter(date(2026, 11, 1), date(2026, 12, 31))


@dataclass
class World:
    team: dict[str, Actor]
    v: ChecklistVersion
    a: list[int]  # Anna's reviews: full, 75 %, critical miss, not scored
    b: int  # Boris's full-marks review
    targeted: int  # Boris's targeted review (75 %)
    calibration: int  # the second review of Anna's first call (75 %): never counted


def published(session: Session, sup: Actor, contact: int, v: ChecklistVersion, marks: dict) -> int:
    claims.claim(session, sup, contact, now=NOW)
    return reviews.save_review(
        session, sup, contact, version_id=v.id, marks=marks, draft=False, now=NOW
    ).value


def world(session: Session) -> World:
    """November: Anna's six sampled calls (four reviewed), a short and a failed call; December:
    Boris's two sampled calls of stage 1 (one reviewed) and one picked on purpose."""
    team = staff(session)
    sup1, sup2, anna, boris = team["sup1"], team["sup2"], team["anna"], team["boris"]
    v = template(session)
    na_only = publish(
        session,
        TemplateDraft(
            name="Только неприменимое",
            sheet_name="Неприменимое",
            stage_id=7,
            sections=[
                SectionDraft("Вебинар", criteria=[CriterionDraft("пригласил", may_be_na=True)])
            ],
        ),
    ).version
    sample.save_settings(session, sup1, share_percent=100)
    nov = [call(session, anna, at=NOV[0] + timedelta(days=2, hours=i)) for i in range(6)]
    call(session, anna, at=NOV[0] + timedelta(days=3), seconds=10)  # too short for the sample
    call(session, anna, at=NOV[0] + timedelta(days=3, hours=1), successful=False)
    dec = [call(session, boris, stage=1, at=DEC[0] + timedelta(hours=9 + i)) for i in range(2)]
    picked = call(session, boris, stage=1, at=DEC[0] + timedelta(hours=12))
    claims.pick_targeted(session, sup1, picked, now=NOW)  # before the draw: never drawn then
    sample.draw_sample(session, sup1, *NOV, now=NOW)
    sample.draw_sample(session, sup1, *DEC, now=NOW)
    c = criteria(v)
    full = full_marks(v)
    a = [
        published(session, sup1, nov[0], v, full),
        published(session, sup1, nov[1], v, {**full, c[0]: Given(0)}),  # 75 %
        published(session, sup1, nov[2], v, {**full, c[3]: Given(0)}),  # critical: 0 (87.5)
        published(session, sup1, nov[3], na_only, {criteria(na_only)[0]: Given(None)}),
    ]
    b = published(session, sup1, dec[0], v, full)
    targeted = reviews.save_review(
        session, sup1, picked, version_id=v.id, marks={**full, c[1]: Given(0)},
        draft=False, now=NOW,
    ).value  # fmt: skip
    second = calibration.request_calibration(session, sup1, a[0], sup2.employee_id, now=NOW).value
    reviews.save_review(
        session, sup2, nov[0], version_id=v.id, marks={**full, c[0]: Given(0)},
        draft=False, now=NOW,
    )  # fmt: skip
    session.flush()
    return World(team, v, a, b, targeted, second)


def test_averages_rates_and_coverage_of_known_reviews(session: Session) -> None:
    w = world(session)
    got = analytics.results(session, w.team["sup1"], PERIOD, min_applicable=4)
    assert [(s.label, s.reviews, s.scored) for s in got.by_operator] == [
        ("Егорова Мария Анатольевна", 4, 3),  # the calibration review is not counted
        ("Кузнецова Юлия Борисовна", 1, 1),  # the targeted one is not either
    ]
    anna, boris = got.by_operator
    assert anna.average == Fraction(175, 3)  # (100 + 75 + 0) / 3: "not scored" left out
    assert anna.average_without_critical == Fraction(175, 2)  # (100 + 75 + 87.5) / 3
    assert (anna.pass_rate, anna.critical_rate) == (Fraction(1, 3), Fraction(1, 3))
    assert (anna.eligible, anna.reviewed_calls, anna.coverage) == (6, 4, Fraction(2, 3))
    assert (boris.average, boris.pass_rate, boris.critical_rate) == (100, 1, 0)
    assert (boris.eligible, boris.reviewed_calls) == (2, 1)  # the targeted call is left out
    assert [(s.label, s.reviews, s.average) for s in got.by_month] == [
        ("11.2026", 4, Fraction(175, 3)),
        ("12.2026", 1, 100),
    ]
    assert [(s.key, s.reviews, s.eligible) for s in got.by_stage] == [(1, 1, 2), (7, 4, 6)]
    assert got.by_stage[0].label.startswith("1. ")
    assert (got.total.reviews, got.total.scored, got.total.average) == (5, 4, Fraction(275, 4))
    assert (got.total.eligible, got.total.reviewed_calls) == (8, 5)
    [anna_trend, boris_trend] = got.trends
    assert [(m.label, m.reviews, m.average) for m in anna_trend.months] == [
        ("11.2026", 4, Fraction(175, 3)),
        ("12.2026", 0, None),
    ]
    assert got.trend(None) == got.by_month
    assert [m.average for m in got.trend(boris_trend.operator_id)] == [None, 100]
    by_text = {c.text: c for c in got.criteria}
    greeted = by_text["поздоровался и представился"]
    assert (greeted.applicable, greeted.missed, greeted.fail_rate) == (4, 1, Fraction(1, 4))
    assert by_text["подвёл итоги по шагу «Договоренность»"].critical
    assert by_text["задал открытые вопросы"].fulfilment == 1
    assert by_text["пригласил"].applicable == 0  # the not-scored review's only criterion
    assert [c.text for c in got.criteria[1:]] == [  # by check-list, then its order
        "поздоровался и представился",
        "задал открытые вопросы",
        "выяснил ЛПР",
        "подвёл итоги по шагу «Договоренность»",
        "предложил вебинар",
    ]
    assert {c.text for c in got.weakest} == {
        "поздоровался и представился",
        "подвёл итоги по шагу «Договоренность»",
    }
    assert analytics.results(session, w.team["sup1"], PERIOD, min_applicable=5).weakest == ()
    assert [r.id for r in got.reviews] == [w.b, *reversed(w.a)]  # the newest call first
    assert got.reviews[-1].total == 100 and got.reviews[-3].critical_miss
    assert got.reviews[-4].total is None  # not scored


def test_targeted_reviews_count_when_asked(session: Session) -> None:
    w = world(session)
    flt = Filter(PERIOD.start, PERIOD.end, operator_id=w.team["boris"].employee_id, targeted=True)
    got = analytics.results(session, w.team["boss"], flt)
    [boris] = got.by_operator
    assert (boris.reviews, boris.average, boris.pass_rate) == (2, Fraction(175, 2), Fraction(1, 2))
    assert (boris.eligible, boris.reviewed_calls) == (2, 1)  # coverage is the sample's
    assert got.operator == "Кузнецова Юлия Борисовна"


def test_a_changed_dispute_counts_with_its_new_mark(session: Session) -> None:
    w = world(session)
    anna = w.team["anna"]
    [dispute] = disputes.dispute(
        session, anna, w.a[1], {criteria(w.v)[0]: "Я представилась"}, now=NOW
    ).value
    disputes.resolve_dispute(
        session, w.team["sup2"], dispute, upheld=False, grade=1, resolution="Есть", now=NOW
    )
    got = analytics.results(session, anna, PERIOD)
    assert got.by_operator[0].average == Fraction(200, 3)  # (100 + 100 + 0) / 3


def test_an_operator_reads_their_own_only(session: Session) -> None:
    w = world(session)
    anna, boris = w.team["anna"], w.team["boris"]
    got = analytics.results(session, anna, PERIOD)
    assert [s.label for s in got.by_operator] == ["Егорова Мария Анатольевна"]
    assert got.total.reviews == 4 and got.total.eligible == 6
    with pytest.raises(NotAllowed):
        analytics.results(session, anna, Filter(PERIOD.start, PERIOD.end, boris.employee_id))
    assert [o.name for o in analytics.operators(session, anna)] == ["Егорова Мария Анатольевна"]
    assert [o.login for o in analytics.operators(session, w.team["boss"])][:2] == [
        o.login for o in analytics.operators(session, w.team["sup1"])
    ][:2]
    with pytest.raises(UserError, match="раньше его начала"):
        Filter(date(2026, 12, 1), date(2026, 11, 1))


def test_a_calibration_partner_does_not_see_the_first_review_in_the_figures(
    session: Session,
) -> None:
    w = world(session)
    calibration.request_calibration(
        session, w.team["sup1"], w.b, w.team["sup2"].employee_id, now=NOW
    )
    seen = analytics.results(session, w.team["sup2"], PERIOD)
    assert w.b not in {r.id for r in seen.reviews}
    assert w.b in {r.id for r in analytics.results(session, w.team["boss"], PERIOD).reviews}


# -- the files ---------------------------------------------------------------------------------


def test_the_xlsx_has_a_sheet_per_table_with_the_period_and_formats(
    session: Session, tmp_path: Path
) -> None:
    w = world(session)
    got = analytics.results(session, w.team["sup1"], PERIOD, min_applicable=4)
    target = tmp_path / "кк.xlsx"
    made = datetime(2026, 12, 2, 10, 30)
    assert analytics_export.write_results_xlsx(got, target, made_at=made) == 5
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [
        "По операторам",
        "По этапам",
        "По месяцам",
        "Динамика",
        "Критерии",
        "Слабые критерии",
        "Оценки",
    ]
    sheet = book["По операторам"]
    assert sheet["A1"].value == "Контроль качества: по операторам"
    assert sheet["A2"].value == "Период: 01.11.2026 – 31.12.2026 (по дате звонка)"
    assert sheet["A3"].value.startswith("Отбор: все операторы; только выборка")
    assert sheet["A4"].value == "Сформирован: 02.12.2026 10:30"
    header = [c.value for c in sheet[6]]
    assert header[:4] == ["Оператор", "Оценок", "С баллом", "Средний балл"]
    assert sheet.freeze_panes == "B7"
    anna = [c.value for c in sheet[7]]
    assert anna[:3] == ["Егорова Мария Анатольевна", 4, 3]
    assert anna[3] == pytest.approx(175 / 300) and sheet["D7"].number_format == "0.0%"
    assert anna[7:] == [6, 4, pytest.approx(2 / 3)]
    total = [c.value for c in sheet[9]]
    assert total[:3] == ["Итого", 5, 4] and sheet["A9"].font.bold
    trend = book["Динамика"]
    assert trend["A1"].value == "Контроль качества: средний балл операторов по месяцам"
    assert [c.value for c in trend[6]] == ["Оператор", "11.2026", "12.2026"]
    assert [c.value for c in trend[8]] == ["Кузнецова Юлия Борисовна", None, 1]
    weakest = book["Слабые критерии"]
    assert {weakest.cell(row=r, column=3).value for r in (7, 8)} == {
        "поздоровался и представился",
        "подвёл итоги по шагу «Договоренность»",
    }
    assert weakest["G7"].value == pytest.approx(0.25)
    listed = book["Оценки"]
    assert [listed.cell(row=r, column=1).value for r in range(7, 12)] == [w.b, *reversed(w.a)]
    assert listed["H8"].value == "не оценено"
    assert listed["I9"].value == "да"  # the critical miss
    assert isinstance(listed["B7"].value, datetime)
    assert not list(tmp_path.glob("*.part"))


def test_a_review_in_word_has_the_call_the_marks_and_the_total(
    session: Session, tmp_path: Path
) -> None:
    w = world(session)
    paper = analytics_export.review_paper(session, w.team["anna"], w.a[2])
    target = tmp_path / "оценка.docx"
    analytics_export.write_review_docx(paper, target)
    document = docx.Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Оценка звонка № " in text and "Итог: 0,0 % — критичная ошибка" in text
    assert "без обнуления 87,5 %" in text and "Оценка не пройдена." in text
    assert "Руководитель: Морозова Наталья Петровна" in text
    facts = {r.cells[0].text: r.cells[1].text for r in document.tables[0].rows}
    assert facts["Оператор"] == "Егорова Мария Анатольевна"
    assert facts["Чек-лист"] == "Чек-лист теста" and facts["Вид оценки"] == "выборка"
    rows = [[c.text for c in r.cells] for t in document.tables[1:] for r in t.rows]
    assert ["подвёл итоги по шагу «Договоренность» (критичный)", "нет", ""] in rows
    assert ["задал открытые вопросы", "2 из 2", ""] in rows
    with pytest.raises(NotAllowed):  # Boris may not see Anna's review
        analytics_export.review_paper(session, w.team["boris"], w.a[2])
    with pytest.raises(UserError, match=r"\*\.docx"):
        analytics_export.write_review_docx(paper, tmp_path / "оценка.pdf")


# -- the command line --------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def saved(fresh_engine: Engine) -> tuple[str, World, dict[str, str]]:
    """The world committed to a database of its own; its url and the staff's logins."""
    with Session(fresh_engine) as s:
        w = world(s)
        logins = {k: s.get(Employee, a.employee_id).login for k, a in w.team.items()}  # type: ignore[union-attr]
        s.commit()
    return fresh_engine.url.render_as_string(hide_password=False), w, logins


def test_the_commands_write_an_operator_s_results_and_a_review(
    capsys: pytest.CaptureFixture[str], saved: tuple[str, World, dict[str, str]], tmp_path: Path
) -> None:
    url, w, logins = saved
    out_file = tmp_path / "анна.xlsx"
    code, out, err = run(
        capsys, "--db", url, "qc", "results", "--from", "01.11.2026", "--to", "31.12.2026",
        "--operator", logins["anna"], "--author", logins["sup1"], "--out", str(out_file),
    )  # fmt: skip
    assert code == 0, err
    assert out.strip() == f"Оценок в расчёте: 4; сохранено в {out_file}."
    sheet = openpyxl.load_workbook(out_file)["По операторам"]
    assert sheet["A3"].value.startswith("Отбор: Егорова Мария Анатольевна;")
    assert [sheet.cell(row=7, column=c).value for c in (1, 2)] == ["Егорова Мария Анатольевна", 4]
    doc_file = tmp_path / "оценка.docx"
    code, out, err = run(
        capsys, "--db", url, "qc", "review", str(w.a[0]), "--out", str(doc_file),
        "--author", logins["anna"],
    )  # fmt: skip
    assert code == 0, err
    assert out.strip() == f"Оценка № {w.a[0]} сохранена в {doc_file}."
    assert f"Оценка звонка № {w.a[0]}" in docx.Document(str(doc_file)).paragraphs[0].text


def test_every_bad_input_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], saved: tuple[str, World, dict[str, str]], tmp_path: Path
) -> None:
    url, w, logins = saved
    results = ["--db", url, "qc", "results", "--from", "01.11.2026", "--to", "30.11.2026"]
    review = ["--db", url, "qc", "review"]
    ok = str(tmp_path / "r.xlsx")
    cases = [
        ([*results, "--operator", "nobody", "--out", ok], "«nobody» не найден"),
        (
            ["--db", url, "qc", "results", "--from", "01.12.2026", "--to", "01.11.2026",
             "--out", ok],
            "Конец периода 01.11.2026 раньше его начала 01.12.2026",
        ),
        ([*results, "--out", str(tmp_path / "нет" / "r.xlsx")], "Папки"),
        ([*results, "--out", str(tmp_path / "r.txt")], "*.xlsx"),
        ([*results, "--out", ok, "--author", logins["anna"], "--operator", logins["boris"]],
         "только свои оценки"),
        ([*review, "999999", "--out", str(tmp_path / "r.docx")], "Оценка не найдена"),
        ([*review, "0", "--out", str(tmp_path / "r.docx")], "больше нуля"),
        ([*review, str(w.a[0]), "--out", str(tmp_path / "r.xlsx")], "*.docx"),
        ([*review, str(w.b), "--out", str(tmp_path / "r.docx"), "--author", logins["anna"]],
         "только свои"),
    ]  # fmt: skip
    for args, message in cases:
        code, out, err = run(capsys, *args)
        assert code == 1, (args, err)
        assert message in err and len(err.strip().splitlines()) == 1 and out == "", (args, err)
    assert list(tmp_path.glob("r.*")) == []


# -- the page ----------------------------------------------------------------------------------


def page_of(qtbot: Any, qapp: Any, engine: Engine, login: str) -> tuple[Any, Database]:
    """The analytics page signed in as `login`, the period November-December 2026, read."""
    from PySide6.QtCore import QDate

    from ric_desk.ui import i18n
    from ric_desk.ui.quality.analytics_page import AnalyticsPage

    i18n.install_russian(qapp)
    store = Store(engine, engine.url)
    store.sign_in(login)
    db = Database(store)
    page = AnalyticsPage(db, db.actor)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    settle(qtbot, db)
    page.period_bar.date_from.setDate(QDate(2026, 11, 1))
    page.period_bar.date_to.setDate(QDate(2026, 12, 31))
    page.reload()
    settle(qtbot, db)
    return page, db


@pytest.mark.gui
def test_the_page_shows_the_groups_the_trend_and_exports(
    qtbot: Any, qapp: Any, qtmodeltester: Any, fresh_engine: Engine, tmp_path: Path,
    saved: tuple[str, World, dict[str, str]],
) -> None:  # fmt: skip
    from PySide6.QtCore import Qt

    from ric_desk.ui.quality.view import page_factories

    _url, _w, logins = saved
    assert any(f.__module__.endswith("analytics_page") for f in page_factories())
    page, db = page_of(qtbot, qapp, fresh_engine, logins["sup1"])
    try:
        assert page.objectName() == "analyticsPage"
        groups = page.groups.model()
        assert groups.rowCount() == 2
        assert [groups.index(r, 0).data() for r in range(2)] == [
            "Егорова Мария Анатольевна",
            "Кузнецова Юлия Борисовна",
        ]
        assert groups.index(0, 3).data() == "58,3\u00a0%"  # 175 / 3
        assert groups.index(0, 9).data() == "66,7\u00a0%"  # coverage 4 of 6
        qtmodeltester.check(page.groups_model)
        qtmodeltester.check(page.reviews_model)
        assert "Оценок: 5" in page.summary.text()
        # sorted by the average, descending: Boris (100) first
        page.groups.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        assert groups.index(0, 0).data() == "Кузнецова Юлия Борисовна"
        page.groups.setCurrentIndex(groups.index(0, 0))
        assert page.trend_operator()[1] == "Кузнецова Юлия Борисовна"
        assert [m.average for m in page.chart.months] == [None, 100]
        page.grouping.setCurrentIndex(2)
        page.grouping.activated.emit(2)
        page.groups.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        assert [groups.index(r, 0).data() for r in range(2)] == ["11.2026", "12.2026"]
        assert page.trend_operator() == (None, "все операторы")
        assert page.weakest.model().rowCount() == 0  # none applied 5 times
        assert page.reviews.model().rowCount() == 5
        page.grab().save(str(tmp_path / "analytics.png"))
        # Ctrl+E's export: the tables as shown, read back
        target = tmp_path / "кк.xlsx"
        page.export_to(target)
        settle(qtbot, db)
        book = openpyxl.load_workbook(target)
        assert book["По операторам"]["B7"].value == 4
        # one review to Word
        page.reviews.setCurrentIndex(page.reviews.model().index(0, 0))
        assert page.word_button.isEnabled()
        review_id = page.reviews.currentIndex().data(OBJECT_ROLE).id
        doc = tmp_path / "оценка.docx"
        page.review_to(review_id, doc)
        settle(qtbot, db)
        assert f"Оценка звонка № {review_id}" in docx.Document(str(doc)).paragraphs[0].text
        # a review published elsewhere reads again
        page.reviews.setCurrentIndex(page.reviews.model().index(0, 0))
        db.hub.changed.emit(Changes.of(contacts=[1]), None)
        qtbot.waitUntil(lambda: not page.reload_timer.isActive(), timeout=5000)
        settle(qtbot, db)
        assert page.results is not None and page.results.total.reviews == 5
    finally:
        db.shutdown()


@pytest.mark.gui
def test_an_operator_s_page_has_their_own_figures_only(
    qtbot: Any, qapp: Any, fresh_engine: Engine, saved: tuple[str, World, dict[str, str]]
) -> None:
    _url, _w, logins = saved
    page, db = page_of(qtbot, qapp, fresh_engine, logins["boris"])
    try:
        assert not page.operator.isEnabled()
        assert page.operator.currentText() == "Кузнецова Юлия Борисовна"
        assert page.groups.model().rowCount() == 1
        assert page.results is not None and page.results.total.reviews == 1
        assert page.trend_operator()[1] == "Кузнецова Юлия Борисовна"
    finally:
        db.shutdown()
