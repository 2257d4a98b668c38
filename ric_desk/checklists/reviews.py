"""Scoring a call on a check-list, and what follows (issue 12, points 4, 6, 7 and 9).

- `open_review`: what the review screen shows: the call (client, person, stage, closing reason,
  result, goal answers, ПРИЗ items marked in its work, instruments), the script path the
  operator took, the stage's check-list pre-selected, and the criteria the path answers
  pre-filled: a criterion checks a script step when its section is titled as the step, or its
  text names the step in «»; a step of the script the operator skipped pre-marks its criteria
  missed, labelled «по скрипту» (`ReviewScore.by_script`) until the supervisor changes the mark.
- `save_review`: a draft (its author's only) or publishing; marks are checked against their
  scale, a miss needs the comment the criterion asks for, the total is `scoring.score`'s. A
  sample's or targeted call's review needs the call held (`sample.claim`); publishing releases
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

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from ric_desk.actor import Actor, Role
from ric_desk.changes import NOTHING, Changes, Done
from ric_desk.checklists import sample
from ric_desk.checklists.access import (
    SCORERS,
    require_operator,
    require_reader,
    require_scorer,
)
from ric_desk.checklists.scoring import Mark, ReviewResult, check_mark, percent_text, rule_of, score
from ric_desk.errors import (
    CONFLICT_MESSAGE,
    ConflictError,
    LeaseLost,
    NotAllowed,
    NotFound,
    UserError,
)
from ric_desk.models import (
    CallScript,
    CallScriptVersion,
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
    DisputeOutcome,
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
from ric_desk.validation import clean_field, clip

BY_SCRIPT = "по скрипту"
COMMENT_LIMIT = 4000
MAX_DISPUTES = 2
REVIEW_NOT_FOUND = "Оценка не найдена: возможно, её удалили."
BLIND = (
    "Это калибровка: оценку коллеги по этому звонку вы увидите, когда обе оценки будут "
    "опубликованы."
)


# -- views -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PathStep:
    step: int
    title: str
    branch: str | None


@dataclass(frozen=True)
class ScriptPathView:
    """The script path recorded on the contact, and the steps of its script not taken."""

    script: str
    version: int | None
    steps: list[PathStep]
    skipped: list[PathStep]  # known when the script version is still in the database


@dataclass(frozen=True)
class CallFacts:
    contact_id: int
    work_id: int
    work_number: int
    at: datetime | None
    duration_sec: int | None
    operator_id: int | None
    operator: str
    client_id: int
    client: str
    person: str
    stage_id: int | None
    stage: str
    closing_reason: str
    result: str
    goal_answers: list[dict[str, str]]
    priz: list[str]  # the ПРИЗ items marked in the contact's work: "title — state/result"
    instruments: list[tuple[str, int]]


@dataclass(frozen=True)
class Prefill:
    grade: int
    comment: str
    label: str = BY_SCRIPT


@dataclass(frozen=True)
class Given:
    """A mark as the screen sends it: `grade` None is "not applicable"; `by_script` when the
    supervisor left the script's pre-filled mark as it was."""

    grade: int | None
    comment: str | None = None
    by_script: bool = False


@dataclass(frozen=True)
class MarkView:
    grade: int | None  # None: not applicable
    comment: str | None
    by_script: bool

    @property
    def label(self) -> str:
        return BY_SCRIPT if self.by_script else ""


@dataclass(frozen=True)
class CriterionView:
    id: int
    text: str
    hint: str | None
    scale: str
    top: int
    points: int
    critical: bool
    may_be_na: bool
    comment_on_miss: bool
    mark: MarkView | None  # None: not scored yet
    prefill: Prefill | None  # what the script path says, if anything


@dataclass(frozen=True)
class SectionView:
    title: str
    weight: int
    criteria: list[CriterionView]
    percent: Fraction | None = None  # on a scored review


@dataclass(frozen=True)
class TemplateChoice:
    version_id: int
    name: str
    stage_id: int | None


@dataclass(frozen=True)
class ReviewSummary:
    id: int
    contact_id: int
    contact_at: datetime | None
    operator_id: int | None
    operator: str
    supervisor_id: int
    supervisor: str
    kind: ReviewKind
    state: ReviewState
    version_id: int
    checklist: str
    row_version: int  # for the optimistic check of the next save
    reviewed_at: datetime
    published_at: datetime | None
    acknowledged_at: datetime | None
    hidden: bool  # a calibration partner's, not to be seen yet: no marks, no total
    total: Fraction | None = None
    without_critical: Fraction | None = None
    critical_miss: bool = False
    passed: bool | None = None
    open_disputes: int = 0

    @property
    def total_text(self) -> str:
        return "скрыто до публикации обеих оценок" if self.hidden else percent_text(self.total)


@dataclass(frozen=True)
class ReviewScreen:
    """What the review screen needs for one call."""

    call: CallFacts
    path: ScriptPathView | None
    choices: list[TemplateChoice]  # the stage's check-lists first
    version_id: int | None  # the check-list pre-selected (None: the stage has none)
    sections: list[SectionView]
    review: ReviewSummary | None  # the supervisor's own review of the call, if begun
    others: list[ReviewSummary]  # the other reviews of the call the supervisor may see
    held: bool  # the supervisor holds the call (needed to save a sample's or targeted review)

    def prefilled(self) -> dict[int, Given]:
        """The marks to send as they stand: the review's own, else the script's pre-fill."""
        out: dict[int, Given] = {}
        for section in self.sections:
            for c in section.criteria:
                if c.mark is not None:
                    out[c.id] = Given(c.mark.grade, c.mark.comment, c.mark.by_script)
                elif c.prefill is not None:
                    out[c.id] = Given(c.prefill.grade, c.prefill.comment, True)
        return out


@dataclass(frozen=True)
class DisputeView:
    id: int
    criterion_id: int
    criterion: str
    comment: str
    raised_at: datetime
    resolved_by: str
    resolved_at: datetime | None
    outcome: DisputeOutcome | None
    resolution: str | None
    row_version: int


@dataclass(frozen=True)
class EventView:
    at: datetime
    who: str
    action: str
    detail: dict[str, Any] | None


@dataclass(frozen=True)
class ReviewDetail:
    summary: ReviewSummary
    comment: str | None
    sections: list[SectionView]
    disputes: list[DisputeView]
    history: list[EventView] = field(default_factory=list)


# -- loading -----------------------------------------------------------------------------------


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


def normalized(text: str) -> str:
    """A title as matched: case, ё/е, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    return " ".join(re.findall(r"\w+", text))


QUOTED = re.compile(r"«([^»]+)»")


def script_path(session: Session, raw: dict[str, Any] | None) -> ScriptPathView | None:
    """The recorded path, with the steps of its script version the operator did not take."""
    if not raw or not isinstance(raw.get("steps"), list):
        return None
    steps = [
        PathStep(int(s.get("step") or 0), str(s.get("title") or ""), s.get("branch"))
        for s in raw["steps"]
        if isinstance(s, dict)
    ]
    version = None
    if isinstance(raw.get("version_id"), int):
        version = session.scalar(
            select(CallScriptVersion)
            .where(CallScriptVersion.id == raw["version_id"])
            .options(selectinload(CallScriptVersion.steps))
        )
    if version is None and raw.get("script") and isinstance(raw.get("version"), int):
        version = session.scalar(
            select(CallScriptVersion)
            .join(CallScript)
            .where(CallScript.name == raw["script"], CallScriptVersion.number == raw["version"])
            .options(selectinload(CallScriptVersion.steps))
        )
    skipped: list[PathStep] = []
    if version is not None:
        taken = {s.step for s in steps}
        skipped = [
            PathStep(s.position, s.title, None) for s in version.steps if s.position not in taken
        ]
    number = raw.get("version")
    return ScriptPathView(
        str(raw.get("script") or ""), number if isinstance(number, int) else None, steps, skipped
    )


def _checks(section: ChecklistSection, criterion: ChecklistCriterion) -> set[str]:
    """The script steps (normalized titles) a criterion checks: its section's title, and any
    step its text names in «»."""
    return {normalized(section.title)} | {normalized(q) for q in QUOTED.findall(criterion.text)}


def prefill_of(version: ChecklistVersion, path: ScriptPathView | None) -> dict[int, Prefill]:
    """The criteria a skipped script step pre-marks missed."""
    if path is None or not path.skipped:
        return {}
    skipped = {normalized(s.title): s.title for s in path.skipped}
    out: dict[int, Prefill] = {}
    for section in version.sections:
        for criterion in section.criteria:
            hit = sorted(skipped[k] for k in _checks(section, criterion) if k in skipped)
            if hit:
                steps = ", ".join(f"«{t}»" for t in hit)
                word = "шаг" if len(hit) == 1 else "шаги"
                out[criterion.id] = Prefill(0, f"{BY_SCRIPT}: {word} {steps} пропущен"
                                            + ("ы" if len(hit) > 1 else ""))  # fmt: skip
    return out


def _overlap(version: ChecklistVersion, path: ScriptPathView | None) -> int:
    if path is None:
        return 0
    titles = {normalized(s.title) for s in [*path.steps, *path.skipped]}
    return sum(1 for s in version.sections if normalized(s.title) in titles)


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
        held=sample.holds(session, actor, contact_id, now),
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
        if not sample.holds(session, actor, contact_id, now):
            raise LeaseLost(sample.LEASE_LOST)
        if session.scalar(select(sample._published_primary(contact_id))):
            raise UserError("Этот звонок уже оценён: оценка опубликована.")
    version = _version(session, version_id)
    criteria = _criteria(version)
    path = script_path(session, contact.script_path)
    prefill = prefill_of(version, path)
    for criterion_id, given in marks.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise UserError("В оценке есть критерий, которого нет в этой версии чек-листа.")
        check_mark(rule_of(criterion), Mark(given.grade, "-"))  # the scale; comments below
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
        text = clean_field(given.comment, "Комментарий к критерию", COMMENT_LIMIT, multiline=True)
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
            sample.release(session, actor, contact_id)
    session.flush()
    return Done(review.id, Changes.of(contacts=[contact_id]))


# -- calibration -------------------------------------------------------------------------------


def _review(session: Session, review_id: int) -> ChecklistReview:
    review = session.get(ChecklistReview, review_id)
    if review is None:
        raise NotFound(REVIEW_NOT_FOUND)
    return review


def request_calibration(
    session: Session, actor: Actor, review_id: int, reviewer_id: int, *, now: datetime
) -> Done[int]:
    """Ask `reviewer_id` for a blind second review of the call `review_id` scored; returns the
    calibration review's id (a draft of the reviewer's, on the same check-list version)."""
    require_scorer(actor)
    first = _review(session, review_id)
    if first.kind == ReviewKind.CALIBRATION:
        raise UserError("Калибровку назначают к первой оценке звонка, а не к калибровочной.")
    if first.state != ReviewState.PUBLISHED and first.supervisor_id != actor.employee_id:
        raise NotFound(REVIEW_NOT_FOUND)
    reviewer = session.get(Employee, reviewer_id)
    if reviewer is None or not reviewer.active or Role(reviewer.role) not in SCORERS:
        raise UserError("Второй оценщик — руководитель группы или администратор, и он активен.")
    if reviewer_id == first.supervisor_id:
        raise UserError("Калибровку проводит другой руководитель, а не автор первой оценки.")
    already = session.scalar(
        select(QcCalibration.id)
        .join(ChecklistReview, ChecklistReview.id == QcCalibration.review_id)
        .where(QcCalibration.of_review_id == first.id, ChecklistReview.supervisor_id == reviewer_id)
    )
    if already is not None:
        raise UserError(f"{reviewer.full_name} уже калибрует эту оценку.")
    second = ChecklistReview(
        version_id=first.version_id,
        contact_id=first.contact_id,
        operator_id=first.operator_id,
        supervisor_id=reviewer_id,
        reviewed_at=now,
        state=ReviewState.DRAFT,
        kind=ReviewKind.CALIBRATION,
    )
    session.add(second)
    session.flush()
    session.add(
        QcCalibration(
            review_id=second.id,
            of_review_id=first.id,
            requested_by_id=actor.employee_id,
            requested_at=now,
        )
    )
    detail = {"reviewer": reviewer.full_name, "review": second.id}
    _event(session, first.id, actor, "calibration_requested", now, detail)
    _event(session, second.id, actor, "calibration_requested", now, {"of_review": first.id})
    session.flush()
    return Done(second.id, Changes.of(contacts=[first.contact_id]))


# -- reading -----------------------------------------------------------------------------------


def reviews(
    session: Session,
    actor: Actor,
    *,
    operator_id: int | None = None,
    contact_id: int | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> list[ReviewSummary]:
    """The reviews the actor may see, newest first: an operator their own published ones
    (calibration ones never); a director all published ones; a supervisor those and their own
    drafts, a calibration partner's without marks until both are published."""
    stmt = select(ChecklistReview).join(Contact, Contact.id == ChecklistReview.contact_id)
    if actor.role == Role.OPERATOR:
        stmt = stmt.where(
            ChecklistReview.operator_id == actor.employee_id,
            ChecklistReview.state == ReviewState.PUBLISHED,
            ChecklistReview.kind != ReviewKind.CALIBRATION,
        )
    else:
        require_reader(actor)
        stmt = stmt.where(
            or_(
                ChecklistReview.state == ReviewState.PUBLISHED,
                ChecklistReview.supervisor_id == actor.employee_id,
            )
        )
    if operator_id is not None:
        stmt = stmt.where(ChecklistReview.operator_id == operator_id)
    if contact_id is not None:
        stmt = stmt.where(ChecklistReview.contact_id == contact_id)
    if start is not None:
        stmt = stmt.where(Contact.actual_at >= start)
    if end is not None:
        stmt = stmt.where(Contact.actual_at < end)
    found = list(session.scalars(stmt.order_by(ChecklistReview.id.desc())))
    return _summaries(session, actor, found)


def _visible(session: Session, actor: Actor, review: ChecklistReview) -> None:
    """Refuse, in words, a review the actor may not open."""
    if actor.role == Role.OPERATOR:
        if (
            review.operator_id != actor.employee_id
            or review.state != ReviewState.PUBLISHED
            or review.kind == ReviewKind.CALIBRATION
        ):
            raise NotAllowed("Оператор видит только свои опубликованные оценки.")
        return
    require_reader(actor)
    if review.state != ReviewState.PUBLISHED and review.supervisor_id != actor.employee_id:
        raise NotAllowed("Черновик оценки видит только его автор.")
    if _hidden(session, actor, review, _partners(session, [review.id])):
        raise NotAllowed(BLIND)


def review_detail(session: Session, actor: Actor, review_id: int) -> ReviewDetail:
    """One review with its marks by section, disputes and history."""
    review = _review(session, review_id)
    _visible(session, actor, review)
    version = _version(session, review.version_id)
    marks = {s.criterion_id: s for s in review.scores}
    result = _result(review, version)
    criteria = _criteria(version)
    disputes = list(
        session.scalars(
            select(QcDispute).where(QcDispute.review_id == review.id).order_by(QcDispute.id)
        )
    )
    events = list(
        session.scalars(
            select(QcReviewEvent)
            .where(QcReviewEvent.review_id == review.id)
            .order_by(QcReviewEvent.id)
        )
    )
    names = _names(session, {d.resolved_by_id for d in disputes} | {e.actor_id for e in events})
    return ReviewDetail(
        summary=_summaries(session, actor, [review])[0],
        comment=review.comment,
        sections=_sections(version, marks, {}, result),
        disputes=[
            DisputeView(
                id=d.id,
                criterion_id=d.criterion_id,
                criterion=criteria[d.criterion_id].text if d.criterion_id in criteria else "",
                comment=d.comment,
                raised_at=d.raised_at,
                resolved_by=names.get(d.resolved_by_id, "") if d.resolved_by_id else "",
                resolved_at=d.resolved_at,
                outcome=DisputeOutcome(d.outcome) if d.outcome else None,
                resolution=d.resolution,
                row_version=d.version,
            )
            for d in disputes
        ],
        history=[
            EventView(e.at, names.get(e.actor_id, "") if e.actor_id else "", e.action, e.detail)
            for e in events
        ],
    )


# -- the operator side -------------------------------------------------------------------------


def _operators_review(session: Session, actor: Actor, review_id: int) -> ChecklistReview:
    require_operator(actor)
    review = _review(session, review_id)
    _visible(session, actor, review)
    return review


def acknowledge(session: Session, actor: Actor, review_id: int, *, now: datetime) -> Changes:
    """The operator has read the published review and accepts it."""
    review = _operators_review(session, actor, review_id)
    if review.acknowledged_at is not None:
        return NOTHING
    pending = session.scalar(
        select(func.count())
        .select_from(QcDispute)
        .where(QcDispute.review_id == review.id, QcDispute.outcome.is_(None))
    )
    if pending:
        raise UserError("Спор по этой оценке ещё разбирается: ознакомьтесь после решения.")
    review.acknowledged_at = now
    _event(session, review.id, actor, "acknowledged", now)
    session.flush()
    return Changes.of(contacts=[review.contact_id])


def dispute(
    session: Session,
    actor: Actor,
    review_id: int,
    items: Mapping[int, str],
    *,
    now: datetime,
) -> Done[list[int]]:
    """The operator disputes criteria of their published review, each with a comment: at most
    two per review. Returns the disputes' ids."""
    review = _operators_review(session, actor, review_id)
    if review.acknowledged_at is not None:
        raise UserError("С этой оценкой вы уже ознакомились и согласились: оспорить её нельзя.")
    if not items:
        raise UserError("Выберите критерий, который оспариваете.")
    version = _version(session, review.version_id)
    criteria = _criteria(version)
    before = {
        d.criterion_id: d
        for d in session.scalars(select(QcDispute).where(QcDispute.review_id == review.id))
    }
    if len(before) + len(items) > MAX_DISPUTES:
        raise UserError(
            f"Оспорить можно не больше {MAX_DISPUTES} критериев одной оценки"
            + (f": уже оспорено {len(before)}." if before else ".")
        )
    made = []
    for criterion_id, raw in items.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise UserError("Такого критерия в этой оценке нет.")
        if criterion_id in before:
            raise UserError(f"Критерий «{clip(criterion.text)}» уже оспорен.")
        text = clean_field(raw, "Комментарий к спору", COMMENT_LIMIT, multiline=True)
        if not text:
            raise UserError(
                f"Напишите, почему вы не согласны с оценкой критерия «{clip(criterion.text)}»."
            )
        row = QcDispute(
            review_id=review.id,
            criterion_id=criterion_id,
            comment=text,
            raised_by_id=actor.employee_id,
            raised_at=now,
        )
        session.add(row)
        session.flush()
        made.append(row.id)
        _event(session, review.id, actor, "disputed", now,
               {"criterion": criterion.text, "comment": text})  # fmt: skip
    session.flush()
    return Done(made, Changes.of(contacts=[review.contact_id]))


def resolve_dispute(
    session: Session,
    actor: Actor,
    dispute_id: int,
    *,
    upheld: bool,
    grade: int | None = None,
    resolution: str,
    now: datetime,
    expected_version: int | None = None,
) -> Changes:
    """Another supervisor than the review's author re-reviews a disputed criterion: the score
    upheld, or changed to `grade` (None: not applicable); `resolution` says why."""
    require_scorer(actor)
    row = session.get(QcDispute, dispute_id)
    if row is None:
        raise NotFound("Спор не найден: возможно, его удалили.")
    if expected_version is not None and row.version != expected_version:
        raise ConflictError(CONFLICT_MESSAGE)
    if row.outcome is not None:
        raise UserError("Этот спор уже разобран.")
    review = _review(session, row.review_id)
    if review.supervisor_id == actor.employee_id:
        raise NotAllowed("Спор по оценке разбирает другой руководитель, а не её автор.")
    text = clean_field(resolution, "Решение по спору", COMMENT_LIMIT, multiline=True)
    if not text:
        raise UserError("Напишите решение по спору: почему оценка остаётся или меняется.")
    mark = next((s for s in review.scores if s.criterion_id == row.criterion_id), None)
    criterion = session.get(ChecklistCriterion, row.criterion_id)
    assert mark is not None and criterion is not None
    old = mark.score
    detail: dict[str, Any] = {"criterion": criterion.text, "from": old}
    if upheld or grade == old:
        row.outcome = DisputeOutcome.UPHELD
        detail["to"] = old
    else:
        check_mark(rule_of(criterion), Mark(grade, text))
        mark.score = grade
        mark.by_script = False
        mark.comment = text
        row.outcome = DisputeOutcome.CHANGED
        detail["to"] = grade
    detail["outcome"] = row.outcome.value
    row.resolved_by_id = actor.employee_id
    row.resolved_at = now
    row.resolution = text
    _event(session, review.id, actor, "dispute_resolved", now, detail)
    session.flush()
    return Changes.of(contacts=[review.contact_id])


# -- the operator's score ----------------------------------------------------------------------


@dataclass(frozen=True)
class OperatorScore:
    operator_id: int
    operator: str
    sample_reviews: int
    sample_mean: Fraction | None  # mean total of the sample's scored reviews
    critical_misses: int  # in the sample
    targeted_reviews: int  # picked on purpose: out of the sample's statistics
    targeted_mean: Fraction | None


def operator_scores(
    session: Session, actor: Actor, *, start: datetime, end: datetime
) -> list[OperatorScore]:
    """Each operator's published reviews of calls in [start, end): the sample's mean and its
    critical misses, targeted reviews apart; calibration reviews never count."""
    found = [
        s
        for s in reviews(session, actor, start=start, end=end)
        if s.state == ReviewState.PUBLISHED
        and s.kind != ReviewKind.CALIBRATION
        and s.operator_id is not None
    ]
    by_operator: dict[int, list[ReviewSummary]] = defaultdict(list)
    for s in found:
        assert s.operator_id is not None
        by_operator[s.operator_id].append(s)

    def mean(items: list[ReviewSummary]) -> Fraction | None:
        totals = [s.total for s in items if s.total is not None]
        return sum(totals, Fraction(0)) / len(totals) if totals else None

    out = []
    for operator_id, items in by_operator.items():
        sampled = [s for s in items if s.kind == ReviewKind.SAMPLE]
        targeted = [s for s in items if s.kind == ReviewKind.TARGETED]
        out.append(
            OperatorScore(
                operator_id=operator_id,
                operator=items[0].operator,
                sample_reviews=len(sampled),
                sample_mean=mean(sampled),
                critical_misses=sum(1 for s in sampled if s.critical_miss),
                targeted_reviews=len(targeted),
                targeted_mean=mean(targeted),
            )
        )
    return sorted(out, key=lambda o: o.operator)
