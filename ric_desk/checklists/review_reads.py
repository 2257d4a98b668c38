"""Reading reviews: a supervisor's, an operator's or a director's list, one review in detail
(a calibration partner's marks hidden until both are published), and the operator's scores
(calibration reviews never count; targeted ones apart)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ric_desk.actor import Actor, Role
from ric_desk.checklists.access import (
    require_reader,
)
from ric_desk.checklists.review_views import (
    DisputeView,
    EventView,
    ReviewDetail,
    ReviewSummary,
)
from ric_desk.checklists.reviews import (
    BLIND,
    _criteria,
    _hidden,
    _names,
    _partners,
    _result,
    _review,
    _sections,
    _summaries,
    _version,
)
from ric_desk.errors import (
    NotAllowed,
)
from ric_desk.models import (
    ChecklistReview,
    Contact,
    DisputeOutcome,
    QcDispute,
    QcReviewEvent,
    ReviewKind,
    ReviewState,
)


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
