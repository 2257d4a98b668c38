"""Check-list templates (versioned, frozen once published) and the scoring rule of the README."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from ric_desk.checklists import templates
from ric_desk.checklists.defaults import default_drafts
from ric_desk.checklists.scoring import (
    Mark,
    Rule,
    SectionPart,
    percent_text,
    score,
    score_parts,
    shown,
)
from ric_desk.checklists.templates import CriterionDraft, SectionDraft, TemplateDraft, publish
from ric_desk.db import migrate
from ric_desk.errors import UserError
from ric_desk.models import (
    ChecklistCriterion,
    ChecklistReview,
    ChecklistSection,
    ChecklistTemplate,
    ChecklistVersion,
    Contact,
    Direction,
    ReviewScore,
    Role,
    Stage,
    Work,
)
from ric_desk.models.checklists import Scale
from ric_desk.resources import load_defaults
from tests import factories

# ------------------------------------------------------------------------------ scoring rule


@st.composite
def criteria(draw: st.DrawFn) -> tuple[Rule, Mark]:
    rule = Rule(
        text="критерий",
        points=draw(st.integers(1, 100)),
        scale=draw(st.sampled_from(Scale)),
        critical=draw(st.booleans()),
        may_be_na=draw(st.booleans()),
        comment_on_miss=draw(st.booleans()),
    )
    grades = st.integers(0, rule.scale.top)
    grade = draw(st.one_of(st.none(), grades) if rule.may_be_na else grades)
    return rule, Mark(grade, "так и было")


sections = st.builds(
    SectionPart, weight=st.integers(1, 100), criteria=st.lists(criteria(), min_size=1, max_size=6)
)
reviews = st.lists(sections, min_size=1, max_size=5)


def applicable_only(parts: list[SectionPart]) -> list[SectionPart]:
    kept = [
        replace(p, criteria=[(r, m) for r, m in p.criteria if m.grade is not None]) for p in parts
    ]
    return [p for p in kept if p.criteria]


def uncritical(parts: list[SectionPart]) -> list[SectionPart]:
    return [
        replace(p, criteria=[(replace(r, critical=False), m) for r, m in p.criteria]) for p in parts
    ]


@given(reviews)
def test_not_applicable_criteria_count_as_if_they_were_not_there(parts: list[SectionPart]) -> None:
    result = score_parts(parts, 80)
    kept = applicable_only(parts)
    if not kept:
        assert not result.scored and result.total is None and result.passed is None
        return
    alone = score_parts(kept, 80)
    assert (result.total, result.without_critical) == (alone.total, alone.without_critical)
    for part, section in zip(parts, result.sections, strict=True):
        applicable = [(r, m) for r, m in part.criteria if m.grade is not None]
        assert section.possible == sum(r.points for r, _ in applicable)
        if applicable:
            assert section.percent == Fraction(100) * sum(
                (Fraction(r.points * (m.grade or 0), r.scale.top) for r, m in applicable),
                Fraction(0),
            ) / sum(r.points for r, _ in applicable)
        else:
            assert section.percent is None  # does not count: not 0 %, not 100 %


@given(st.lists(st.builds(SectionPart, weight=st.integers(1, 100), criteria=st.lists(
    st.builds(lambda p, s: (Rule("к", p, s, may_be_na=True), Mark(None)),
              st.integers(1, 100), st.sampled_from(Scale)), min_size=1, max_size=4)),
    min_size=1, max_size=4))  # fmt: skip
def test_a_review_where_nothing_applies_is_not_scored(parts: list[SectionPart]) -> None:
    result = score_parts(parts, 0)
    assert not result.scored
    assert result.total is None and result.without_critical is None and result.passed is None
    assert not result.critical_miss
    assert percent_text(result.total) == "не оценено"


@given(reviews)
def test_a_critical_miss_makes_the_total_zero_and_keeps_the_score_without_it(
    parts: list[SectionPart],
) -> None:
    result = score_parts(parts, 0)
    missed = any(r.critical and m.grade == 0 for p in parts for r, m in p.criteria)
    assert result.critical_miss == missed
    plain = score_parts(uncritical(parts), 0)
    assert result.without_critical == plain.total == plain.without_critical
    if missed:
        assert result.total == 0 and result.passed is False  # failed even at a pass mark of 0
    else:
        assert result.total == result.without_critical


@given(reviews, st.integers(2, 50))
def test_the_total_is_the_weighted_mean_of_the_sections_that_count(
    parts: list[SectionPart], factor: int
) -> None:
    result = score_parts(parts, 80)
    counted = [
        (p.weight, s.percent) for p, s in zip(parts, result.sections, strict=True) if s.possible
    ]
    if not counted:
        return
    percents = [pct for _, pct in counted if pct is not None]
    assert result.without_critical is not None
    assert min(percents) <= result.without_critical <= max(percents)
    assert result.without_critical == sum(
        (w * pct for w, pct in counted if pct is not None), Fraction(0)
    ) / sum(w for w, _ in counted)
    scaled = score_parts([replace(p, weight=p.weight * factor) for p in parts], 80)
    assert scaled.without_critical == result.without_critical  # only the weights' ratio counts
    equal = score_parts([replace(p, weight=1) for p in parts], 80)
    assert equal.without_critical == sum(percents, Fraction(0)) / len(percents)


@given(reviews)
def test_full_grades_give_100_and_zero_grades_0(parts: list[SectionPart]) -> None:
    def graded(top: bool) -> list[SectionPart]:
        return [
            replace(
                p,
                criteria=[
                    (r, Mark(None if m.grade is None else (r.scale.top if top else 0), "ок"))
                    for r, m in p.criteria
                ],
            )
            for p in parts
        ]

    best, worst = score_parts(graded(True), 100), score_parts(graded(False), 0)
    if best.scored:
        assert best.total == 100 and best.passed is True
        assert worst.without_critical == 0 and worst.total == 0


@given(st.fractions(min_value=0, max_value=100))
def test_shown_rounds_half_up_to_one_decimal(percent: Fraction) -> None:
    with localcontext() as ctx:
        ctx.prec = 80
        exact = Decimal(percent.numerator) / Decimal(percent.denominator)
        assert shown(percent) == exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert abs(Fraction(shown(percent)) - percent) <= Fraction(1, 20)


def test_rounding_examples_and_comparison_on_the_exact_fraction() -> None:
    assert shown(Fraction(8725, 100)) == Decimal("87.3")  # half up, not to even
    assert shown(Fraction(8765, 100)) == Decimal("87.7")
    assert shown(Fraction(200, 3)) == Decimal("66.7")
    assert percent_text(Fraction(25, 2)) == "12,5 %" and percent_text(Fraction(0)) == "0,0 %"
    # 79.96 % is shown as 80,0 % but does not pass a pass mark of 80: comparisons are exact
    first = Rule("к", points=1)
    parts = [SectionPart(1, [(first, Mark(1))] * 1999 + [(first, Mark(0))] * 501)]
    result = score_parts(parts, 80)
    assert result.total == Fraction(7996, 100)
    assert percent_text(result.total) == "80,0 %" and result.passed is False
    parts = [SectionPart(1, [(first, Mark(1))] * 4 + [(first, Mark(0))])]
    assert score_parts(parts, 80).passed is True  # exactly the pass mark passes


def test_marks_outside_the_rules_are_refused_in_words() -> None:
    def one(rule: Rule, mark: Mark) -> None:
        score_parts([SectionPart(1, [(rule, mark)])], 80)

    with pytest.raises(UserError, match="вне шкалы 0–2"):
        one(Rule("Приветствие", scale=Scale.ZERO_TWO), Mark(3))
    with pytest.raises(UserError, match=r"нужна 1 \(да\) или 0 \(нет\)"):
        one(Rule("Приветствие"), Mark(-1))
    with pytest.raises(UserError, match="не может быть «неприменим»"):
        one(Rule("Приветствие"), Mark(None))
    with pytest.raises(UserError, match="напишите комментарий"):
        one(Rule("Приветствие", comment_on_miss=True), Mark(0, "  "))
    one(Rule("Приветствие", comment_on_miss=True), Mark(0, "не поздоровался"))
    one(Rule("Приветствие", comment_on_miss=True), Mark(1))  # no miss, no comment needed


# ------------------------------------------------------------------------------ templates


def small_draft(name: str = "Чек-лист проверки", sheet: str = "Проверка") -> TemplateDraft:
    return TemplateDraft(
        name=name,
        sheet_name=sheet,
        stage_id=4,
        pass_mark=75,
        sections=[
            SectionDraft(
                "Установление контакта",
                weight=2,
                criteria=[
                    CriterionDraft("приветствие", critical=True),
                    CriterionDraft("по имени", scale=Scale.ZERO_TWO, points=3, hint="весь звонок"),
                ],
            ),
            SectionDraft(
                "Договоренность",
                criteria=[CriterionDraft("дата звонка", may_be_na=True, comment_on_miss=True)],
            ),
        ],
    )


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_default_check_lists_one_per_sheet(session: Session) -> None:
    expected = ["Знакомство", "Вовлечение в сервис", "Вовлечение в систему", "Вывод новостей"]
    expected += ["ОС", "Оплата", "ФК"]
    rows = session.execute(
        select(ChecklistTemplate.sheet_name, ChecklistTemplate.stage_id).order_by(
            ChecklistTemplate.id
        )
    ).all()
    assert [r.sheet_name for r in rows] == expected
    assert [r.stage_id for r in rows] == [2, 4, 5, 5, 6, None, 3]
    first = templates.latest(session, "Знакомство")
    assert first is not None and first.number == 1
    assert first.title == "Чек-лист знакомство с новым Клиентом/пользователем/расширение контакта"
    assert [s.title for s in first.sections] == [
        "Установление контакта",
        "Информирование о своем функционале",
        "Выявление потребностей/диагностика",
    ]
    assert [len(s.criteria) for s in first.sections] == [5, 2, 1]
    assert first.sections[0].criteria[0].text == "приветствие, представление себя и компании"
    for draft in default_drafts():
        templates.validate(draft)
        latest = templates.latest(session, draft.sheet_name)
        assert latest is not None and templates.to_draft(latest) == draft
    every = [c for d in default_drafts() for s in d.sections for c in s.criteria]
    assert {c.scale for c in every} == set(Scale)
    assert any(c.critical for c in every) and any(c.may_be_na for c in every)
    assert any(c.comment_on_miss for c in every) and any(c.hint for c in every)


def test_a_change_publishes_the_next_version_and_an_identical_draft_nothing(
    session: Session,
) -> None:
    first = publish(session, small_draft())
    assert first.new_version and first.version.number == 1
    again = publish(session, small_draft())
    assert not again.new_version and again.version.id == first.version.id
    assert count(session, ChecklistVersion) == 8

    changed = small_draft()
    changed.sections[0].criteria[1].points = 4
    second = publish(session, changed)
    assert second.new_version and second.version.number == 2
    session.expire_all()
    old = templates.latest(session, "Чек-лист проверки")
    assert old is not None and old.number == 2
    v1 = session.get(ChecklistVersion, first.version.id)
    assert v1 is not None and templates.to_draft(v1) == small_draft()  # untouched

    moved = replace(small_draft(), stage_id=5, sections=changed.sections)
    third = publish(session, moved)  # the stage belongs to the template: no new version
    assert not third.new_version and third.stage_changed and third.template.stage_id == 5
    kept = publish(session, replace(moved, stage_id=None))  # no stage said: the template keeps it
    assert not kept.new_version and kept.template.stage_id == 5
    found = templates.latest(session, "Проверка")  # by its sheet's name too
    assert found is not None and found.number == 2
    assert templates.latest(session, "Нет такого") is None


def test_publishing_refuses_in_words(session: Session) -> None:
    with pytest.raises(UserError, match="этапа 99 нет"):
        publish(session, replace(small_draft(), stage_id=99))
    with pytest.raises(UserError, match="Лист «Знакомство» в базе — у чек-листа"):
        publish(session, small_draft(sheet="Знакомство"))
    bad: list[tuple[TemplateDraft, str]] = []
    draft = small_draft()
    draft.sections[1].criteria = []
    bad.append((draft, "нет ни одного критерия"))
    draft = small_draft()
    draft.sections[0].weight = 0
    bad.append((draft, "вес 0"))
    draft = small_draft()
    draft.sections[0].criteria[0].points = 101
    bad.append((draft, "баллов 101"))
    draft = small_draft()
    draft.sections[0].criteria[0].text = "при\x00ветствие"
    bad.append((draft, "управляющие символы"))
    draft = small_draft()
    draft.sections[0].title = "- раздел"
    bad.append((draft, "с «-» начинаются критерии"))
    bad.append((replace(small_draft(), pass_mark=101), "проходной балл 101"))
    bad.append((replace(small_draft(), sheet_name="Лист/1"), "Excel не допускает"))
    bad.append((replace(small_draft(), sections=[]), "нет ни одного раздела"))
    for draft, words in bad:
        with pytest.raises(UserError, match=words):
            publish(session, draft)
    assert templates.latest(session, "Чек-лист проверки") is None


def make_review(session: Session, version: ChecklistVersion, grades: list[int | None]) -> int:
    supervisor = factories.employee(session, "Морозова Наталья Петровна", Role.SUPERVISOR)
    client = factories.client(session)
    direction = session.scalar(select(Direction).limit(1))
    assert direction is not None
    at = datetime(2020, 9, 17, 7, 0, tzinfo=UTC)
    work = Work(number=1, client_id=client.id, direction_id=direction.id, planned_at=at)
    session.add(work)
    session.flush()
    contact = Contact(work_id=work.id, client_id=client.id, planned_at=at)
    session.add(contact)
    session.flush()
    criteria = [c for s in version.sections for c in s.criteria]
    review = ChecklistReview(
        version_id=version.id,
        contact_id=contact.id,
        supervisor_id=supervisor.id,
        scores=[
            ReviewScore(criterion_id=c.id, score=g, comment="нет даты")
            for c, g in zip(criteria, grades, strict=True)
        ],
    )
    session.add(review)
    session.flush()
    return review.id


def test_a_published_version_is_frozen_and_old_reviews_keep_their_score(
    session: Session,
) -> None:
    version = publish(session, small_draft()).version
    review_id = make_review(session, version, [1, 1, 0])
    review = session.get(ChecklistReview, review_id)
    assert review is not None
    before = score(review, version)
    # contact (weight 2): 1 of 1 and 3 * 1/2 of 3 points, 2.5 of 4; the agreement (weight 1): 0
    assert before.sections[0].percent == Fraction(100 * 5, 2 * 4)
    assert before.total == Fraction(2 * Fraction(250, 4) + 0, 3)

    criterion = version.sections[0].criteria[0]
    criterion.text = "приветствие и представление"
    with pytest.raises(UserError, match="Опубликованная версия чек-листа не меняется"):
        session.flush()
    session.rollback()

    version = publish(session, small_draft()).version
    section = version.sections[0]
    section.criteria.append(ChecklistCriterion(position=9, text="лишний", points=1))
    with pytest.raises(UserError, match="не меняется"):
        session.flush()
    session.rollback()

    version = publish(session, small_draft()).version
    session.delete(version)
    with pytest.raises(UserError, match="не удаляется"):
        session.flush()
    session.rollback()

    with pytest.raises(UserError, match="не меняется"):
        session.execute(update(ChecklistCriterion).values(points=5))
    with pytest.raises(UserError, match="не меняется"):
        session.execute(update(ChecklistSection).values(weight=5))
    session.rollback()

    version = publish(session, small_draft()).version
    session.add(ChecklistSection(version_id=version.id, position=9, title="Лишний"))
    with pytest.raises(UserError, match="не меняется"):
        session.flush()
    session.rollback()

    # the template edited: the next version; the old review still scores on its own version
    version = publish(session, small_draft()).version
    review_id = make_review(session, version, [1, 1, 0])
    changed = small_draft()
    changed.sections[1].criteria[0].critical = True
    changed.sections[0].weight = 5
    second = publish(session, changed)
    assert second.version.number == 2
    session.expire_all()
    review = session.get(ChecklistReview, review_id)
    old = session.get(ChecklistVersion, version.id)
    assert review is not None and old is not None
    assert score(review, old) == before
    with pytest.raises(UserError, match="другой версии"):
        score(review, second.version)


def test_a_review_scores_not_applicable_and_refuses_a_missing_mark(session: Session) -> None:
    version = publish(session, small_draft()).version
    review_id = make_review(session, version, [0, 2, None])  # a critical miss, an N/A
    review = session.get(ChecklistReview, review_id)
    assert review is not None
    result = score(review, version)
    assert result.critical_miss and result.total == 0 and result.passed is False
    assert result.without_critical == Fraction(300, 4)  # the only counted section: 3 of 4
    assert result.sections[1].percent is None
    review.scores.pop()
    with pytest.raises(UserError, match="«дата звонка» не оценён"):
        score(review, version)


def test_a_database_from_0005_gets_the_default_check_lists_once(new_db_url) -> None:
    from ric_desk.db.engine import open_engine

    def at_0005_with_stages() -> Engine:
        engine = open_engine(new_db_url())
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0005")
        with Session(engine) as s, s.begin():
            for stage in load_defaults("work")["stage"]:
                s.add(Stage(**stage))
        return engine

    engine = at_0005_with_stages()
    migrate.upgrade(engine)
    with Session(engine) as s:
        assert count(s, ChecklistTemplate) == 7 and count(s, ChecklistVersion) == 7
        latest = templates.latest(s, "ФК")
        assert latest is not None and latest.template.stage_id == 3
    assert migrate.upgrade(engine) is None
    with Session(engine) as s:
        assert count(s, ChecklistVersion) == 7
    engine.dispose()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.integers(1, 100), min_size=1, max_size=4))
def test_versions_number_on_from_one(session: Session, weights: list[int]) -> None:
    before = count(session, ChecklistVersion)
    name = f"Чек-лист {len(weights)}-{sum(weights)}-{before}"
    numbers = []
    for weight in weights:
        draft = small_draft(name=name, sheet=f"Лист {before}")
        draft.sections[0].weight = weight
        numbers.append(publish(session, draft).version.number)
    distinct = [w for i, w in enumerate(weights) if i == 0 or weights[i - 1] != w]
    assert numbers[-1] == len(distinct) and numbers == sorted(numbers)
    assert count(session, ChecklistVersion) == before + len(distinct)
