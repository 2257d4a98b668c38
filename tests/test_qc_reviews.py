"""Reviews of calls: the screen's data with the script path's pre-fill, drafts and publishing,
blind calibration and agreement, the operator's acknowledgement and disputes, permissions."""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.checklists import (
    calibration,
    claims,
    disputes,
    review_reads,
    review_views,
    reviews,
)
from ric_desk.checklists.review_views import BY_SCRIPT, Given
from ric_desk.checklists.templates import CriterionDraft, SectionDraft, TemplateDraft, publish
from ric_desk.errors import LeaseLost, NotAllowed, UserError
from ric_desk.models import (
    CallScript,
    CallScriptStep,
    CallScriptVersion,
    ChecklistCriterion,
    ChecklistReview,
    ChecklistVersion,
    Contact,
    ContactInstrument,
    DisputeOutcome,
    Instrument,
    PrizItem,
    PrizKind,
    QcDispute,
    QcReviewEvent,
    ReviewKind,
    ReviewScore,
    ReviewState,
)
from ric_desk.models.checklists import Scale
from tests.test_qc_sample import NOW, call, staff

STEPS = ("Установление контакта", "Выявление потребности", "Договорённость")


def template(session: Session, name: str = "Чек-лист теста", *, stage: int = 7) -> ChecklistVersion:
    """Three sections titled as the script's steps; the last criterion names a step in «»."""
    draft = TemplateDraft(
        name=name,
        sheet_name=name[:31],
        stage_id=stage,
        sections=[
            SectionDraft(STEPS[0], criteria=[CriterionDraft("поздоровался и представился")]),
            SectionDraft(
                "Выявление потребности",
                weight=2,
                criteria=[
                    CriterionDraft("задал открытые вопросы", scale=Scale.ZERO_TWO),
                    CriterionDraft("выяснил ЛПР", comment_on_miss=True),
                ],
            ),
            SectionDraft(
                "Итоги",
                criteria=[
                    CriterionDraft("подвёл итоги по шагу «Договоренность»", critical=True),
                    CriterionDraft("предложил вебинар", may_be_na=True),
                ],
            ),
        ],
    )
    return publish(session, draft).version


def script(session: Session) -> CallScriptVersion:
    version = CallScriptVersion(
        script=CallScript(name="Скрипт теста контроля", stage_id=7),
        number=1,
        title="Тест",
        steps=[CallScriptStep(position=i, title=t, texts=["…"]) for i, t in enumerate(STEPS, 1)],
    )
    session.add(version)
    session.flush()
    return version


def path(version: CallScriptVersion, taken: tuple[int, ...]) -> dict[str, object]:
    return {
        "script": "Скрипт теста контроля",
        "version": 1,
        "version_id": version.id,
        "steps": [{"step": p, "title": STEPS[p - 1], "branch": None} for p in taken],
    }


def criteria(v: ChecklistVersion) -> list[int]:
    return [c.id for s in sorted(v.sections, key=lambda s: s.position) for c in s.criteria]


def full_marks(v: ChecklistVersion) -> dict[int, Given]:
    return {c.id: Given(top(c)) for c in all_of(v)}


def all_of(v: ChecklistVersion) -> list[ChecklistCriterion]:
    return [c for s in sorted(v.sections, key=lambda s: s.position) for c in s.criteria]


def top(criterion: ChecklistCriterion) -> int:
    return Scale(criterion.scale).top


def scored(session: Session, sup: Actor, contact: int, v: ChecklistVersion, **kw: object) -> int:
    """Take the call on purpose and publish full marks (or `marks`)."""
    claims.pick_targeted(session, sup, contact, now=NOW)
    marks = kw.pop("marks", None) or full_marks(v)
    return reviews.save_review(
        session,
        sup,
        contact,
        version_id=v.id,
        marks=marks,
        draft=False,
        now=NOW,
        **kw,  # type: ignore[arg-type]
    ).value


def test_the_screen_shows_the_call_and_prefills_the_skipped_step(session: Session) -> None:
    team = staff(session)
    other = TemplateDraft(  # of the same stage, with no section of the script
        name="Другой чек-лист этапа",
        sheet_name="Другой",
        stage_id=7,
        sections=[SectionDraft("Прочее", criteria=[CriterionDraft("вежлив")])],
    )
    publish(session, other)
    mine = template(session)
    version = script(session)
    contact = call(session, team["anna"], script_path=path(version, (1, 3)))
    instrument = session.scalar(select(Instrument.id).order_by(Instrument.id).limit(1))
    session.add(ContactInstrument(contact_id=contact, instrument_id=instrument, used_count=2))
    c = session.get(Contact, contact)
    assert c is not None
    c.goal_answers = [{"question": "Кто ЛПР?", "answer": "Главный бухгалтер"}]
    session.add(
        PrizItem(client_id=c.client_id, kind=PrizKind.TASK, title="Обучить бухгалтера",
                 work_id=c.work_id, done=True, result="Обучен")
    )  # fmt: skip
    session.flush()
    claims.pick_targeted(session, team["sup1"], contact, now=NOW)
    screen = reviews.open_review(session, team["sup1"], contact, now=NOW)
    assert screen.held and screen.review is None
    assert screen.call.operator == "Егорова Мария Анатольевна"
    assert screen.call.goal_answers == [{"question": "Кто ЛПР?", "answer": "Главный бухгалтер"}]
    assert screen.call.priz == ["Обучить бухгалтера — выполнено: Обучен"]
    assert screen.call.instruments[0][1] == 2
    assert screen.path is not None
    assert [s.title for s in screen.path.steps] == [STEPS[0], STEPS[2]]
    assert [s.title for s in screen.path.skipped] == [STEPS[1]]
    assert screen.version_id == mine.id  # the stage's check-list that follows the script
    assert {ch.name for ch in screen.choices[:2]} == {"Чек-лист теста", "Другой чек-лист этапа"}
    by_text = {c.text: c for s in screen.sections for c in s.criteria}
    assert by_text["задал открытые вопросы"].prefill == review_views.Prefill(
        0, "по скрипту: шаг «Выявление потребности» пропущен"
    )
    assert by_text["выяснил ЛПР"].prefill is not None
    # the step named in «» was taken, the first section's step too
    assert by_text["подвёл итоги по шагу «Договоренность»"].prefill is None
    assert by_text["поздоровался и представился"].prefill is None
    # the pre-fill goes in as «по скрипту» and stays so until the supervisor changes it
    marks = {**full_marks(mine), **screen.prefilled()}
    reviews.save_review(session, team["sup1"], contact, version_id=mine.id, marks=marks, now=NOW)
    again = reviews.open_review(session, team["sup1"], contact, now=NOW)
    by_text = {c.text: c for s in again.sections for c in s.criteria}
    assert by_text["задал открытые вопросы"].mark == review_views.MarkView(
        0, "по скрипту: шаг «Выявление потребности» пропущен", True
    )
    assert by_text["задал открытые вопросы"].mark.label == BY_SCRIPT  # type: ignore[union-attr]
    assert by_text["поздоровался и представился"].mark.by_script is False  # type: ignore[union-attr]
    assert again.review is not None and again.review.state == ReviewState.DRAFT
    changed_id = by_text["задал открытые вопросы"].id
    changed = {**marks, changed_id: Given(1, None, True)}
    reviews.save_review(session, team["sup1"], contact, version_id=mine.id, marks=changed, now=NOW)
    third = reviews.open_review(session, team["sup1"], contact, now=NOW)
    mark = {c.text: c for s in third.sections for c in s.criteria}["задал открытые вопросы"].mark
    assert mark is not None and (mark.grade, mark.by_script) == (1, False)
    assert third.review is not None
    history = review_reads.review_detail(session, team["sup1"], third.review.id).history
    assert [e.action for e in history] == ["created", "draft_saved", "draft_saved"]
    assert history[-1].detail == {"marks": 5, "changed": [[changed_id, 0, 1]]}


def test_a_draft_is_its_authors_and_publishing_checks_every_mark(session: Session) -> None:
    team = staff(session)
    v = template(session)
    contact = call(session, team["anna"])
    ids = criteria(v)
    with pytest.raises(LeaseLost):  # not taken
        reviews.save_review(session, team["sup1"], contact, version_id=v.id, marks={}, now=NOW)
    claims.pick_targeted(session, team["sup1"], contact, now=NOW)
    with pytest.raises(UserError, match="вне шкалы 0–2"):
        reviews.save_review(
            session, team["sup1"], contact, version_id=v.id, marks={ids[1]: Given(3)}, now=NOW
        )
    with pytest.raises(UserError, match="не может быть «неприменим»"):
        reviews.save_review(
            session, team["sup1"], contact, version_id=v.id, marks={ids[0]: Given(None)}, now=NOW
        )
    partial = {ids[0]: Given(1), ids[1]: Given(2)}
    review_id = reviews.save_review(
        session, team["sup1"], contact, version_id=v.id, marks=partial, now=NOW
    ).value
    for who in ("anna", "boss", "sup2"):
        assert review_reads.reviews(session, team[who]) == []
    with pytest.raises(NotAllowed, match="Черновик"):
        review_reads.review_detail(session, team["sup2"], review_id)
    with pytest.raises(NotAllowed, match="свои опубликованные"):
        review_reads.review_detail(session, team["anna"], review_id)
    [own] = review_reads.reviews(session, team["sup1"])
    assert own.state == ReviewState.DRAFT and own.kind == ReviewKind.TARGETED
    with pytest.raises(UserError, match="не оценён"):
        reviews.save_review(
            session, team["sup1"], contact, version_id=v.id, marks=partial, draft=False, now=NOW
        )
    missed = {**full_marks(v), ids[2]: Given(0)}
    with pytest.raises(UserError, match="напишите комментарий"):
        reviews.save_review(
            session, team["sup1"], contact, version_id=v.id, marks=missed, draft=False, now=NOW
        )
    missed[ids[2]] = Given(0, "не спросил, кто решает")
    missed[ids[4]] = Given(None)  # may be not applicable
    reviews.save_review(
        session, team["sup1"], contact, version_id=v.id, marks=missed, draft=False, now=NOW
    )
    # sections 100 %, 50 % (weight 2; ЛПР missed), 100 % (the webinar not applicable)
    [seen] = review_reads.reviews(session, team["anna"])
    assert seen.id == review_id and seen.total == 75
    assert seen.total_text == "75,0 %" and seen.passed is False
    assert review_reads.reviews(session, team["boss"])[0].id == review_id
    assert claims.holds(session, team["sup1"], contact, NOW) is False  # released on publishing
    with pytest.raises(UserError, match="уже оценён"):
        claims.claim(session, team["sup2"], contact, now=NOW)
    # a critical miss makes it 0 and fails it
    other = call(session, team["anna"])
    marks = {**full_marks(v), ids[3]: Given(0)}
    scored(session, team["sup2"], other, v, marks=marks)
    worst = next(r for r in review_reads.reviews(session, team["anna"]) if r.contact_id == other)
    assert worst.total == 0 and worst.critical_miss and worst.passed is False
    assert worst.without_critical == Fraction(175, 2)  # (100 + 2 * 100 + 50) / 4 without it


def test_calibration_is_blind_until_both_are_published(session: Session) -> None:
    team = staff(session)
    v = template(session)
    contact = call(session, team["anna"])
    first = scored(session, team["sup1"], contact, v)
    with pytest.raises(UserError, match="другой руководитель"):
        calibration.request_calibration(
            session, team["sup1"], first, team["sup1"].employee_id, now=NOW
        )
    with pytest.raises(UserError, match="руководитель группы или администратор"):
        calibration.request_calibration(
            session, team["sup1"], first, team["anna"].employee_id, now=NOW
        )
    second = calibration.request_calibration(
        session, team["sup1"], first, team["sup2"].employee_id, now=NOW
    ).value
    # the second reviewer sees the call and the first review's existence, not its marks
    screen = reviews.open_review(session, team["sup2"], contact, now=NOW)
    assert screen.review is not None and screen.review.kind == ReviewKind.CALIBRATION
    assert screen.version_id == v.id
    [theirs] = screen.others
    assert theirs.id == first and theirs.hidden and theirs.total is None
    assert theirs.total_text == "скрыто до публикации обеих оценок"
    with pytest.raises(NotAllowed, match="калибровка"):
        review_reads.review_detail(session, team["sup2"], first)
    hidden = next(r for r in review_reads.reviews(session, team["sup2"]) if r.id == first)
    assert hidden.hidden and hidden.total is None
    # the second reviewer saves without holding the call (no lease for calibration)
    ids = criteria(v)
    marks = {**full_marks(v), ids[0]: Given(0)}
    reviews.save_review(session, team["sup2"], contact, version_id=v.id, marks=marks, now=NOW)
    # the first does not see the second's draft, nor its marks while it is a draft
    assert second not in {r.id for r in review_reads.reviews(session, team["sup1"])}
    with pytest.raises(NotAllowed):
        review_reads.review_detail(session, team["sup1"], second)
    # a third supervisor is no party: sees the published first review
    assert review_reads.review_detail(session, team["admin"], first).summary.total == 100
    reviews.save_review(
        session, team["sup2"], contact, version_id=v.id, marks=marks, draft=False, now=NOW
    )
    assert review_reads.review_detail(session, team["sup2"], first).summary.total == 100
    assert review_reads.review_detail(session, team["sup1"], second).summary.total == 75
    # never the operator's, never in the operator's score
    assert [r.id for r in review_reads.reviews(session, team["anna"])] == [first]
    with pytest.raises(NotAllowed):
        review_reads.review_detail(session, team["anna"], second)
    [score] = review_reads.operator_scores(
        session, team["boss"], start=NOW - timedelta(days=60), end=NOW
    )
    assert (score.sample_reviews, score.targeted_reviews, score.targeted_mean) == (0, 1, 100)
    result = calibration.agreement(session, team["boss"])
    [pair] = result.pairs
    assert pair.mean_difference == 25 and (pair.compared, pair.agreed) == (5, 4)
    assert [d.text for d in result.disagreements] == ["поздоровался и представился"]


def test_kappa_of_a_known_case() -> None:
    # Cohen's classic table: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> kappa 0.4
    pairs = [(1, 1)] * 20 + [(1, 0)] * 5 + [(0, 1)] * 10 + [(0, 0)] * 15
    assert calibration.kappa(pairs) == Fraction(2, 5)
    assert calibration.kappa([(1, 1)] * 4) is None  # one grade throughout: undefined
    assert calibration.kappa([(1, 0), (0, 1)]) == -1
    assert calibration.kappa([]) is None


def test_agreement_of_two_reviewers_on_ten_calls(session: Session) -> None:
    team = staff(session)
    draft = TemplateDraft(
        name="Калибровочный",
        sheet_name="Калибровочный",
        stage_id=7,
        sections=[
            SectionDraft("Всё", criteria=[CriterionDraft(f"критерий {i}") for i in range(5)])
        ],
    )
    v = publish(session, draft).version
    c = criteria(v)
    for i in range(10):
        early = i < 5
        a = [1 if early else 0, 0 if early else 1, 1, 0, 1 if early else 0]
        b = [0 if early else 1, 1, 1, 0, 1 if early else 0]
        contact = call(session, team["anna"])
        first = scored(session, team["sup1"], contact, v,
                       marks={k: Given(g, "нет") for k, g in zip(c, a, strict=True)})  # fmt: skip
        calibration.request_calibration(
            session, team["admin"], first, team["sup2"].employee_id, now=NOW
        )
        reviews.save_review(
            session, team["sup2"], contact, version_id=v.id, draft=False, now=NOW,
            marks={k: Given(g, "нет") for k, g in zip(c, b, strict=True)},
        )  # fmt: skip
    result = calibration.agreement(session, team["sup1"])
    [pair] = result.pairs
    assert (pair.reviewer_a, pair.reviewer_b) == (
        "Морозова Наталья Петровна",
        "Волков Дмитрий Сергеевич",
    )
    assert (pair.compared, pair.agreed, pair.agreement) == (50, 35, Fraction(7, 10))
    assert pair.kappa == Fraction(2, 5)
    assert pair.mean_difference == 10
    assert [c.difference for c in pair.calls] == [0] * 5 + [20] * 5
    assert [(d.text, d.rate) for d in result.disagreements] == [
        ("критерий 0", 1),
        ("критерий 1", Fraction(1, 2)),
    ]
    with pytest.raises(NotAllowed):
        calibration.agreement(session, team["anna"])


def test_an_operator_acknowledges_or_disputes_and_another_supervisor_resolves(
    session: Session,
) -> None:
    team = staff(session)
    v = template(session)
    ids = criteria(v)
    contact = call(session, team["anna"])
    marks = {**full_marks(v), ids[0]: Given(0), ids[2]: Given(0, "не выяснил")}
    review = scored(session, team["sup1"], contact, v, marks=marks)
    # Boris cannot see or dispute Anna's review
    with pytest.raises(NotAllowed):
        disputes.dispute(session, team["boris"], review, {ids[0]: "нет"}, now=NOW)
    with pytest.raises(UserError, match="почему вы не согласны"):
        disputes.dispute(session, team["anna"], review, {ids[0]: "  "}, now=NOW)
    with pytest.raises(UserError, match="не больше 2"):
        disputes.dispute(session, team["anna"], review, dict.fromkeys(ids[:3], "не так"), now=NOW)
    made = disputes.dispute(
        session, team["anna"], review, {ids[0]: "Я представилась в начале"}, now=NOW
    ).value
    with pytest.raises(UserError, match="уже оспорен"):
        disputes.dispute(session, team["anna"], review, {ids[0]: "ещё раз"}, now=NOW)
    made += disputes.dispute(
        session, team["anna"], review, {ids[2]: "ЛПР известен по карточке"}, now=NOW
    ).value
    with pytest.raises(UserError, match="уже оспорено 2"):
        disputes.dispute(session, team["anna"], review, {ids[1]: "и это"}, now=NOW)
    with pytest.raises(UserError, match="ещё разбирается"):
        disputes.acknowledge(session, team["anna"], review, now=NOW)
    # the author may not resolve; nor an operator
    with pytest.raises(NotAllowed, match="не её автор"):
        disputes.resolve_dispute(
            session, team["sup1"], made[0], upheld=True, resolution="ок", now=NOW
        )
    with pytest.raises(NotAllowed):
        disputes.resolve_dispute(
            session, team["anna"], made[0], upheld=True, resolution="ок", now=NOW
        )
    with pytest.raises(UserError, match="Напишите решение"):
        disputes.resolve_dispute(
            session, team["sup2"], made[0], upheld=True, resolution="", now=NOW
        )
    later = NOW + timedelta(hours=1)
    disputes.resolve_dispute(
        session, team["sup2"], made[0], upheld=False, grade=1, resolution="В записи есть", now=later
    )
    disputes.resolve_dispute(
        session, team["sup2"], made[1], upheld=True, resolution="Надо было уточнить", now=later
    )
    with pytest.raises(UserError, match="уже разобран"):
        disputes.resolve_dispute(
            session, team["sup2"], made[1], upheld=True, resolution="x", now=NOW
        )
    detail = review_reads.review_detail(session, team["anna"], review)
    assert [d.outcome for d in detail.disputes] == [DisputeOutcome.CHANGED, DisputeOutcome.UPHELD]
    assert detail.disputes[0].resolved_by == "Волков Дмитрий Сергеевич"
    first_mark = detail.sections[0].criteria[0].mark
    assert first_mark is not None and first_mark.grade == 1
    assert [e.action for e in detail.history] == [
        "created",
        "published",
        "disputed",
        "disputed",
        "dispute_resolved",
        "dispute_resolved",
    ]
    changed = detail.history[4]
    assert changed.who == "Волков Дмитрий Сергеевич" and changed.at == later
    assert changed.detail == {
        "criterion": "поздоровался и представился",
        "from": 0,
        "to": 1,
        "outcome": "changed",
    }
    disputes.acknowledge(session, team["anna"], review, now=later)
    assert review_reads.reviews(session, team["anna"])[0].acknowledged_at == later
    assert (
        review_reads.review_detail(session, team["anna"], review).history[-1].action
        == "acknowledged"
    )
    with pytest.raises(UserError, match="уже ознакомились"):
        disputes.dispute(session, team["anna"], review, {ids[1]: "поздно"}, now=later)
    # the history never changes
    event = session.scalar(select(QcReviewEvent).limit(1))
    assert event is not None
    event.action = "forged"
    with pytest.raises(UserError, match="История оценки не меняется"):
        session.flush()
    session.expunge(event)
    with pytest.raises(UserError, match="История"):
        session.execute(update(QcReviewEvent).values(action="forged"))


def test_only_supervisors_score_and_directors_read(session: Session) -> None:
    team = staff(session)
    v = template(session)
    contact = call(session, team["anna"])
    for who in ("anna", "boss"):
        with pytest.raises(NotAllowed, match="руководители групп и администраторы"):
            reviews.open_review(session, team[who], contact, now=NOW)
        with pytest.raises(NotAllowed):
            reviews.save_review(session, team[who], contact, version_id=v.id, marks={}, now=NOW)
    review = scored(session, team["admin"], contact, v)
    for who in ("boss", "boris"):
        with pytest.raises(NotAllowed):
            disputes.acknowledge(session, team[who], review, now=NOW)
    with pytest.raises(NotAllowed):
        calibration.request_calibration(
            session, team["boss"], review, team["sup2"].employee_id, now=NOW
        )
    assert review_reads.review_detail(session, team["boss"], review).summary.total == 100
    assert review_reads.reviews(session, team["boris"]) == []
    with pytest.raises(NotAllowed):
        review_reads.review_detail(session, team["boris"], review)


HOSTILE = [
    ("я" * (reviews.COMMENT_LIMIT + 1), "длиннее 4000 знаков"),
    ("запись\x00удалить", "управляющие символы"),
    ("\x1b[31mкрасный", "управляющие символы"),
]


@pytest.mark.parametrize(("text", "why"), HOSTILE)
def test_hostile_or_over_long_texts_are_refused_in_words_and_nothing_is_written(
    session: Session, text: str, why: str
) -> None:
    """A review's comments, a dispute's and a resolution's: the same words on both databases,
    and the review, its marks, disputes and history as they were."""
    team = staff(session)
    v = template(session)
    ids = criteria(v)
    contact = call(session, team["anna"])

    def written() -> tuple[int, ...]:
        session.expire_all()
        return tuple(
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (ChecklistReview, ReviewScore, QcDispute, QcReviewEvent)
        )

    claims.pick_targeted(session, team["sup1"], contact, now=NOW)
    before = written()
    with pytest.raises(UserError, match=why):
        reviews.save_review(
            session, team["sup1"], contact, version_id=v.id, marks=full_marks(v),
            draft=True, now=NOW, comment=text,
        )  # fmt: skip
    with pytest.raises(UserError, match=why):
        marks = {**full_marks(v), ids[2]: Given(0, text)}
        reviews.save_review(
            session, team["sup1"], contact, version_id=v.id, marks=marks, draft=False, now=NOW
        )
    assert written() == before
    review = scored(session, team["sup1"], contact, v, marks={**full_marks(v), ids[0]: Given(0)})
    before = written()
    with pytest.raises(UserError, match=why):
        disputes.dispute(session, team["anna"], review, {ids[0]: text}, now=NOW)
    with pytest.raises(UserError, match=why):  # the first one fine, the second not: neither
        disputes.dispute(session, team["anna"], review, {ids[1]: "верно", ids[0]: text}, now=NOW)
    assert written() == before
    made = disputes.dispute(session, team["anna"], review, {ids[0]: "Я представилась"}, now=NOW)
    before = written()
    with pytest.raises(UserError, match=why):
        disputes.resolve_dispute(
            session, team["sup2"], made.value[0], upheld=True, resolution=text, now=NOW
        )
    assert written() == before
    # "changed" to the very mark disputed is recorded as upheld, not as a change
    disputes.resolve_dispute(
        session, team["sup2"], made.value[0], upheld=False, grade=0, resolution="Так и есть",
        now=NOW,
    )  # fmt: skip
    detail = review_reads.review_detail(session, team["anna"], review)
    assert [d.outcome for d in detail.disputes] == [DisputeOutcome.UPHELD]
