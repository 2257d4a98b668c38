"""The operator's side of a published review: acknowledging it, or disputing at most two of its
criteria with a comment; another supervisor than the author upholds or changes the score;
every step goes to the review's history."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.changes import NOTHING, Changes, Done
from ric_desk.checklists.access import (
    require_operator,
    require_scorer,
)
from ric_desk.checklists.review_reads import _visible
from ric_desk.checklists.reviews import (
    COMMENT_LIMIT,
    _criteria,
    _event,
    _review,
    _version,
)
from ric_desk.checklists.scoring import Mark, check_mark, rule_of
from ric_desk.errors import (
    CONFLICT_MESSAGE,
    ConflictError,
    NotAllowed,
    NotFound,
    UserError,
)
from ric_desk.models import (
    ChecklistCriterion,
    ChecklistReview,
    DisputeOutcome,
    QcDispute,
)
from ric_desk.validation import clean_field, clip

MAX_DISPUTES = 2


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
    checked: list[tuple[ChecklistCriterion, str]] = []  # all of them, before writing any
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
        checked.append((criterion, text))
    made = []
    for criterion, text in checked:
        criterion_id = criterion.id
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
