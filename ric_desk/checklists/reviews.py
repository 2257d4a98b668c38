"""Scoring a call on a check-list, and what follows (issue 12, points 4, 6, 7 and 9).

- `open_review`: what the review screen shows: the call (client, person, stage, closing reason,
  result, goal answers, ПРИЗ items marked in its work, instruments), the script path the
  operator took, the stage's check-list pre-selected, and the criteria the path answers
  pre-filled: a criterion checks a script step when its section is titled as the step, or its
  text names the step in «»; a step of the script the operator skipped pre-marks its criteria
  missed, labelled «по скрипту» (`ReviewScore.by_script`) until the supervisor changes the mark.
- `save_review`: a draft (its author's only) or publishing; marks are checked against their
  scale, a miss needs the comment the criterion asks for, the total is `scoring.score`'s. A
  sample's or targeted call's review needs the call held (`claims.claim`); publishing releases
  it.
- Calibration: `request_calibration` asks another supervisor for a blind second review of the
  same call on the same version; neither of the two sees the other's marks or total until both
  are published; calibration reviews never count for the operator (`agreement` compares them).
- The operator side: an operator sees their own published reviews (never drafts, never
  calibration ones), acknowledges each or disputes at most two criteria with a comment; another
  supervisor than the author upholds or changes the score.
- Every step is appended to the review's history (`QcReviewEvent`), which never changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from ric_desk.actor import Actor
from ric_desk.changes import Changes, Done
from ric_desk.checklists import claims, sample
from ric_desk.checklists.access import (
    require_scorer,
)
from ric_desk.checklists.prefill import _overlap, prefill_of, script_path
from ric_desk.checklists.review_views import (
    CallFacts,
    CriterionView,
    Given,
    MarkView,
    Prefill,
    ReviewScreen,
    ReviewSummary,
    SectionView,
    TemplateChoice,
)
from ric_desk.checklists.scoring import Mark, ReviewResult, check_mark, percent_text, rule_of, score
from ric_desk.errors import (
    CONFLICT_MESSAGE,
    ConflictError,
    LeaseLost,
    NotFound,
    UserError,
)
from ric_desk.models import (
    ChecklistCriterion,
    ChecklistReview,
    ChecklistSection,
    ChecklistTemplate,
    ChecklistVersion,
    Client,
    ClosingReason,
    Contact,
    ContactInstrument,
    ContactPerson,
    Employee,
    Instrument,
    PickKind,
    PrizItem,
    QcCalibration,
    QcDispute,
    QcPick,
    QcReviewEvent,
    ReviewKind,
    ReviewScore,
    ReviewState,
    Stage,
    Work,
)
from ric_desk.validation import clean_field

COMMENT_LIMIT = 4000
REVIEW_NOT_FOUND = "Оценка не найдена: возможно, её удалили."
BLIND = (
    "Это калибровка: оценку коллеги по этому звонку вы увидите, когда обе оценки будут "
    "опубликованы."
)


def _version(session: Session, version_id: int) -> ChecklistVersion:
    version = session.scalar(
        select(ChecklistVersion)
        .where(ChecklistVersion.id == version_id)
        .options(
            joinedload(ChecklistVersion.template),
            selectinload(ChecklistVersion.sections).selectinload(ChecklistSection.criteria),
        )
    )
    if version is None:
        raise NotFound("Версия чек-листа не найдена.")
    return version


def _criteria(version: ChecklistVersion) -> dict[int, ChecklistCriterion]:
    return {c.id: c for s in version.sections for c in s.criteria}


def _names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    found = session.execute(select(Employee.id, Employee.full_name).where(Employee.id.in_(wanted)))
    return {i: name for i, name in found}


def _event(
    session: Session,
    review_id: int,
    actor: Actor,
    action: str,
    now: datetime,
    detail: dict[str, Any] | None = None,
) -> None:
    session.add(
        QcReviewEvent(
            review_id=review_id, at=now, actor_id=actor.employee_id, action=action, detail=detail
        )
    )


def _result(review: ChecklistReview, version: ChecklistVersion) -> ReviewResult | None:
    try:
        return score(review, version)
    except UserError:
        return None  # a draft not scored through


def _partners(session: Session, review_ids: Sequence[int]) -> dict[int, list[int]]:
    """Each review's calibration partners."""
    out: dict[int, list[int]] = defaultdict(list)
    if not review_ids:
        return out
    for a, b in session.execute(
        select(QcCalibration.review_id, QcCalibration.of_review_id).where(
            or_(
                QcCalibration.review_id.in_(review_ids),
                QcCalibration.of_review_id.in_(review_ids),
            )
        )
    ):
        out[a].append(b)
        out[b].append(a)
    return out


def _hidden(
    session: Session, actor: Actor, review: ChecklistReview, partners: dict[int, list[int]]
) -> bool:
    """A review whose calibration partner is the actor's, while not both are published."""
    if review.supervisor_id == actor.employee_id:
        return False
    both = review.state == ReviewState.PUBLISHED
    for other_id in partners.get(review.id, ()):
        other = session.get(ChecklistReview, other_id)
        if other is None or other.supervisor_id != actor.employee_id:
            continue
        if not (both and other.state == ReviewState.PUBLISHED):
            return True
    return False


def _summaries(
    session: Session, actor: Actor, reviews: Sequence[ChecklistReview]
) -> list[ReviewSummary]:
    partners = _partners(session, [r.id for r in reviews])
    names = _names(session, {r.operator_id for r in reviews} | {r.supervisor_id for r in reviews})
    at = {
        i: moment
        for i, moment in session.execute(
            select(Contact.id, Contact.actual_at).where(
                Contact.id.in_({r.contact_id for r in reviews})
            )
        )
    }
    disputes = {
        i: count
        for i, count in session.execute(
            select(QcDispute.review_id, func.count())
            .where(QcDispute.review_id.in_([r.id for r in reviews]), QcDispute.outcome.is_(None))
            .group_by(QcDispute.review_id)
        )
    }
    versions: dict[int, ChecklistVersion] = {}
    out = []
    for r in reviews:
        if r.version_id not in versions:
            versions[r.version_id] = _version(session, r.version_id)
        version = versions[r.version_id]
        hidden = _hidden(session, actor, r, partners)
        result = None if hidden else _result(r, version)
        out.append(
            ReviewSummary(
                id=r.id,
                contact_id=r.contact_id,
                contact_at=at.get(r.contact_id),
                operator_id=r.operator_id,
                operator=names.get(r.operator_id, "") if r.operator_id else "",
                supervisor_id=r.supervisor_id,
                supervisor=names.get(r.supervisor_id, ""),
                kind=ReviewKind(r.kind),
                state=ReviewState(r.state),
                version_id=r.version_id,
                checklist=version.template.name,
                row_version=r.version,
                reviewed_at=r.reviewed_at,
                published_at=r.published_at,
                acknowledged_at=r.acknowledged_at,
                hidden=hidden,
                total=result.total if result else None,
                without_critical=result.without_critical if result else None,
                critical_miss=result.critical_miss if result else False,
                passed=result.passed if result else None,
                open_disputes=disputes.get(r.id, 0),
            )
        )
    return out


def _sections(
    version: ChecklistVersion,
    marks: Mapping[int, ReviewScore],
    prefill: Mapping[int, Prefill],
    result: ReviewResult | None = None,
) -> list[SectionView]:
    out = []
    for i, s in enumerate(sorted(version.sections, key=lambda s: s.position)):
        criteria = []
        for c in sorted(s.criteria, key=lambda c: c.position):
            m = marks.get(c.id)
            rule = rule_of(c)
            criteria.append(
                CriterionView(
                    id=c.id,
                    text=c.text,
                    hint=c.hint,
                    scale=rule.scale.value,
                    top=rule.scale.top,
                    points=c.points,
                    critical=c.critical,
                    may_be_na=c.may_be_na,
                    comment_on_miss=c.comment_on_miss,
                    mark=MarkView(m.score, m.comment, m.by_script) if m is not None else None,
                    prefill=prefill.get(c.id),
                )
            )
        percent = result.sections[i].percent if result is not None else None
        out.append(SectionView(s.title, s.weight, criteria, percent))
    return out


# -- the script path ---------------------------------------------------------------------------


def _choices(session: Session, stage_id: int | None) -> list[ChecklistVersion]:
    """The latest version of every check-list, the stage's first."""
    latest = (
        select(ChecklistVersion.template_id, func.max(ChecklistVersion.number).label("number"))
        .group_by(ChecklistVersion.template_id)
        .subquery()
    )
    versions = list(
        session.scalars(
            select(ChecklistVersion)
            .join(
                latest,
                (latest.c.template_id == ChecklistVersion.template_id)
                & (latest.c.number == ChecklistVersion.number),
            )
            .join(ChecklistTemplate, ChecklistTemplate.id == ChecklistVersion.template_id)
            .options(
                joinedload(ChecklistVersion.template),
                selectinload(ChecklistVersion.sections).selectinload(ChecklistSection.criteria),
            )
            .order_by(ChecklistTemplate.id)
        )
    )
    return sorted(versions, key=lambda v: v.template.stage_id != stage_id or stage_id is None)


# -- the call ----------------------------------------------------------------------------------


def _call(session: Session, contact_id: int) -> tuple[Contact, Work, CallFacts]:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFound("Звонок не найден: возможно, его удалили.")
    work = session.get(Work, contact.work_id)
    assert work is not None
    client = session.get(Client, contact.client_id)
    assert client is not None
    person_id = contact.contact_person_id or work.contact_person_id
    person = session.get(ContactPerson, person_id) if person_id else None
    stage = session.get(Stage, work.stage_id) if work.stage_id else None
    reason = session.get(ClosingReason, work.closing_reason_id) if work.closing_reason_id else None
    operator = session.get(Employee, contact.operator_id) if contact.operator_id else None
    priz = [
        f"{title} — {'выполнено' if done else 'в работе'}" + (f": {result}" if result else "")
        for title, done, result in session.execute(
            select(PrizItem.title, PrizItem.done, PrizItem.result)
            .where(PrizItem.work_id == work.id)
            .order_by(PrizItem.id)
        )
    ]
    instruments = [
        (name, count)
        for name, count in session.execute(
            select(Instrument.name, ContactInstrument.used_count)
            .join(Instrument, Instrument.id == ContactInstrument.instrument_id)
            .where(ContactInstrument.contact_id == contact.id)
            .order_by(Instrument.name)
        )
    ]
    facts = CallFacts(
        contact_id=contact.id,
        work_id=work.id,
        work_number=work.number,
        at=contact.actual_at,
        duration_sec=contact.duration_sec,
        operator_id=contact.operator_id,
        operator=operator.full_name if operator else "",
        client_id=client.id,
        client=f"{client.reg_number} - {client.name}",
        person=person.full_name if person else "",
        stage_id=work.stage_id,
        stage=stage.name if stage else "",
        closing_reason=reason.name if reason else "",
        result=contact.result or "",
        goal_answers=list(contact.goal_answers or []),
        priz=priz,
        instruments=instruments,
        recording=(contact.recording or "").strip() or None,
    )
    return contact, work, facts


def _own(session: Session, actor: Actor, contact_id: int) -> ChecklistReview | None:
    """The actor's review of the call being worked on: an unpublished calibration review first,
    then their draft, then their published one."""
    mine = list(
        session.scalars(
            select(ChecklistReview).where(
                ChecklistReview.contact_id == contact_id,
                ChecklistReview.supervisor_id == actor.employee_id,
            )
        )
    )

    def order(r: ChecklistReview) -> tuple[int, int]:
        draft = r.state == ReviewState.DRAFT
        calibration = r.kind == ReviewKind.CALIBRATION
        return (0 if draft and calibration else 1 if draft else 2, -r.id)

    return min(mine, key=order) if mine else None


def open_review(
    session: Session,
    actor: Actor,
    contact_id: int,
    *,
    now: datetime,
    version_id: int | None = None,
) -> ReviewScreen:
    """The review screen of one call for the acting supervisor (nothing is written)."""
    require_scorer(actor)
    contact, work, facts = _call(session, contact_id)
    path = script_path(session, contact.script_path)
    own = _own(session, actor, contact_id)
    versions = _choices(session, work.stage_id)
    choices = [TemplateChoice(v.id, v.template.name, v.template.stage_id) for v in versions]
    chosen: ChecklistVersion | None
    if own is not None and (version_id is None or own.state != ReviewState.DRAFT):
        chosen = _version(session, own.version_id)
    elif version_id is not None:
        chosen = _version(session, version_id)
    else:
        stage_ones = [v for v in versions if v.template.stage_id == work.stage_id]
        chosen = max(stage_ones, key=lambda v: _overlap(v, path), default=None)
    sections: list[SectionView] = []
    if chosen is not None:
        marks = (
            {s.criterion_id: s for s in own.scores}
            if own is not None and own.version_id == chosen.id
            else {}
        )
        result = _result(own, chosen) if own is not None and marks else None
        sections = _sections(chosen, marks, prefill_of(chosen, path), result)
    others_rows = [
        r
        for r in session.scalars(
            select(ChecklistReview)
            .where(
                ChecklistReview.contact_id == contact_id,
                ChecklistReview.state == ReviewState.PUBLISHED,
            )
            .order_by(ChecklistReview.id)
        )
        if own is None or r.id != own.id
    ]
    own_summary = _summaries(session, actor, [own])[0] if own is not None else None
    return ReviewScreen(
        call=facts,
        path=path,
        choices=choices,
        version_id=chosen.id if chosen is not None else None,
        sections=sections,
        review=own_summary,
        others=_summaries(session, actor, others_rows),
        held=claims.holds(session, actor, contact_id, now),
        pass_mark=chosen.pass_mark if chosen is not None else None,
        comment=own.comment if own is not None else None,
    )


# -- saving ------------------------------------------------------------------------------------


def _check_row_version(review: ChecklistReview, expected: int | None) -> None:
    if expected is not None and review.version != expected:
        raise ConflictError(CONFLICT_MESSAGE)


def save_review(
    session: Session,
    actor: Actor,
    contact_id: int,
    *,
    version_id: int,
    marks: Mapping[int, Given],
    comment: str | None = None,
    draft: bool = True,
    now: datetime,
    expected_version: int | None = None,
) -> Done[int]:
    """Save the acting supervisor's review of a call as a draft, or publish it (every criterion
    marked, the comments the criteria ask for written). Returns the review's id."""
    require_scorer(actor)
    contact, _work, _facts = _call(session, contact_id)
    comment = clean_field(comment, "Комментарий к оценке", COMMENT_LIMIT, multiline=True)
    review = _own(session, actor, contact_id)
    if review is not None and review.state == ReviewState.PUBLISHED:
        review = None
    if review is None or review.kind != ReviewKind.CALIBRATION:
        if not claims.holds(session, actor, contact_id, now):
            raise LeaseLost(claims.LEASE_LOST)
        if session.scalar(select(sample._published_primary(contact_id))):
            raise UserError("Этот звонок уже оценён: оценка опубликована.")
    version = _version(session, version_id)
    criteria = _criteria(version)
    path = script_path(session, contact.script_path)
    prefill = prefill_of(version, path)
    texts: dict[int, str | None] = {}  # every comment checked before anything is written
    for criterion_id, given in marks.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise UserError("В оценке есть критерий, которого нет в этой версии чек-листа.")
        check_mark(rule_of(criterion), Mark(given.grade, "-"))  # the scale; comments below
        texts[criterion_id] = clean_field(
            given.comment, "Комментарий к критерию", COMMENT_LIMIT, multiline=True
        )
    if review is None:
        kind = session.scalar(select(QcPick.kind).where(QcPick.contact_id == contact_id))
        review = ChecklistReview(
            version_id=version.id,
            contact_id=contact_id,
            operator_id=contact.operator_id,
            supervisor_id=actor.employee_id,
            reviewed_at=now,
            state=ReviewState.DRAFT,
            kind=ReviewKind.TARGETED if kind == PickKind.TARGETED else ReviewKind.SAMPLE,
        )
        session.add(review)
        session.flush()
        _event(session, review.id, actor, "created", now, {"checklist": version.template.name})
    else:
        _check_row_version(review, expected_version)
        if review.version_id != version.id:
            if review.kind == ReviewKind.CALIBRATION:
                raise UserError(
                    "Калибровочная оценка ставится по той же версии чек-листа, что и первая."
                )
            review.version_id = version.id
    existing = {s.criterion_id: s for s in review.scores}
    changed: list[list[int | None]] = []  # [criterion, from, to]; to None: not applicable
    for criterion_id, old in existing.items():
        if criterion_id not in marks or criterion_id not in criteria:
            review.scores.remove(old)
            changed.append([criterion_id, old.score, None])
    for criterion_id, given in marks.items():
        text = texts[criterion_id]
        expected = prefill.get(criterion_id)
        by_script = given.by_script and expected is not None and given.grade == expected.grade
        row = existing.get(criterion_id)
        if row is None:
            review.scores.append(
                ReviewScore(
                    criterion_id=criterion_id, score=given.grade, comment=text, by_script=by_script
                )
            )
        elif (row.score, row.comment, row.by_script) != (given.grade, text, by_script):
            if row.score != given.grade:
                changed.append([criterion_id, row.score, given.grade])
            row.score, row.comment, row.by_script = given.grade, text, by_script
    review.comment = comment
    review.reviewed_at = now
    session.flush()
    session.expire(review, ["scores"])
    if draft:
        detail: dict[str, Any] = {"marks": len(marks)}
        if changed:
            detail["changed"] = changed
        _event(session, review.id, actor, "draft_saved", now, detail)
    else:
        result = score(review, version)  # refuses, in words, a mark missing or uncommented
        review.state = ReviewState.PUBLISHED
        review.published_at = now
        _event(
            session,
            review.id,
            actor,
            "published",
            now,
            {"total": percent_text(result.total), "critical_miss": result.critical_miss},
        )
        if review.kind != ReviewKind.CALIBRATION:
            claims.release(session, actor, contact_id)
    session.flush()
    return Done(review.id, Changes.of(contacts=[contact_id]))


# -- calibration -------------------------------------------------------------------------------


def _review(session: Session, review_id: int) -> ChecklistReview:
    review = session.get(ChecklistReview, review_id)
    if review is None:
        raise NotFound(REVIEW_NOT_FOUND)
    return review
