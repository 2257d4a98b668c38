"""The list of reviews as the quality screens show it: each review the actor may see (as
`review_reads.reviews` decides) with its call's client and stage and where it stands for the
operator (a draft, published, acknowledged, disputed, revised after a dispute); the
supervisors who may give a calibration review; the disputes waiting for another supervisor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk.actor import Actor, Role
from ric_desk.checklists.access import SCORERS, require_scorer
from ric_desk.checklists.review_reads import reviews
from ric_desk.checklists.review_views import ReviewSummary
from ric_desk.checklists.scoring import rule_of
from ric_desk.models import (
    ChecklistCriterion,
    ChecklistReview,
    ChecklistSection,
    Client,
    Contact,
    Employee,
    QcDispute,
    ReviewScore,
    ReviewState,
    Stage,
    Work,
)


class ReviewStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"  # waiting for the operator
    ACKNOWLEDGED = "acknowledged"
    DISPUTED = "disputed"  # a dispute not resolved yet
    REVISED = "revised"  # every dispute resolved, not acknowledged yet


STATUS_NAMES = {
    ReviewStatus.DRAFT: "черновик",
    ReviewStatus.PUBLISHED: "опубликована",
    ReviewStatus.ACKNOWLEDGED: "признана",
    ReviewStatus.DISPUTED: "оспорена",
    ReviewStatus.REVISED: "пересмотрена",
}


@dataclass(frozen=True)
class ReviewRow:
    summary: ReviewSummary
    client_id: int
    client: str
    stage: str
    disputes: int  # raised, resolved or not
    status: ReviewStatus


def status_of(summary: ReviewSummary, disputes: int) -> ReviewStatus:
    if summary.state != ReviewState.PUBLISHED:
        return ReviewStatus.DRAFT
    if summary.open_disputes:
        return ReviewStatus.DISPUTED
    if summary.acknowledged_at is not None:
        return ReviewStatus.ACKNOWLEDGED
    return ReviewStatus.REVISED if disputes else ReviewStatus.PUBLISHED


def review_rows(
    session: Session,
    actor: Actor,
    *,
    operator_id: int | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> list[ReviewRow]:
    """The reviews the actor may see of calls in [start, end), newest first."""
    found = reviews(session, actor, operator_id=operator_id, start=start, end=end)
    if not found:
        return []
    calls = {
        contact_id: (client_id, f"{number} - {name}", stage or "")
        for contact_id, client_id, number, name, stage in session.execute(
            select(Contact.id, Client.id, Client.reg_number, Client.name, Stage.name)
            .join(Client, Client.id == Contact.client_id)
            .join(Work, Work.id == Contact.work_id)
            .outerjoin(Stage, Stage.id == Work.stage_id)
            .where(Contact.id.in_({s.contact_id for s in found}))
        )
    }
    raised: dict[int, int] = {}
    for review_id in session.scalars(
        select(QcDispute.review_id).where(QcDispute.review_id.in_([s.id for s in found]))
    ):
        raised[review_id] = raised.get(review_id, 0) + 1
    out = []
    for s in found:
        client_id, client, stage = calls[s.contact_id]
        count = raised.get(s.id, 0)
        out.append(ReviewRow(s, client_id, client, stage, count, status_of(s, count)))
    return out


@dataclass(frozen=True)
class Scorer:
    id: int
    name: str


def scorers(session: Session, actor: Actor) -> list[Scorer]:
    """The active supervisors, then the administrators, each by name: who may give a
    calibration review (a supervisor is the one usually asked, so first)."""
    require_scorer(actor)
    rows = sorted(
        session.execute(
            select(Employee.id, Employee.full_name, Employee.role)
            .where(Employee.active.is_(True), Employee.role.in_(SCORERS))
            .order_by(Employee.full_name, Employee.id)
        ),
        key=lambda row: row.role != Role.SUPERVISOR,  # stable: names stay in order
    )
    return [Scorer(row.id, row.full_name) for row in rows]


@dataclass(frozen=True)
class OpenDispute:
    """A disputed criterion waiting for a supervisor other than the review's author."""

    id: int
    row_version: int
    review_id: int
    contact_id: int
    contact_at: datetime | None
    operator: str
    author: str
    section: str
    criterion: str
    grade: int | None  # the disputed mark; None: not applicable
    top: int  # the criterion's scale: 0..top
    may_be_na: bool
    mark_comment: str | None
    comment: str  # the operator's
    raised_at: datetime


def open_disputes(session: Session, actor: Actor) -> list[OpenDispute]:
    """The disputes not resolved yet of reviews the actor did not write, oldest first."""
    require_scorer(actor)
    rows = session.execute(
        select(QcDispute, ChecklistReview, ChecklistCriterion, ChecklistSection.title)
        .join(ChecklistReview, ChecklistReview.id == QcDispute.review_id)
        .join(ChecklistCriterion, ChecklistCriterion.id == QcDispute.criterion_id)
        .join(ChecklistSection, ChecklistSection.id == ChecklistCriterion.section_id)
        .where(
            QcDispute.outcome.is_(None),
            ChecklistReview.supervisor_id != actor.employee_id,
        )
        .order_by(QcDispute.raised_at, QcDispute.id)
    ).all()
    if not rows:
        return []
    people = {r.operator_id for _, r, _, _ in rows} | {r.supervisor_id for _, r, _, _ in rows}
    names = {
        i: name
        for i, name in session.execute(
            select(Employee.id, Employee.full_name).where(Employee.id.in_(people))
        )
    }
    at = {
        i: moment
        for i, moment in session.execute(
            select(Contact.id, Contact.actual_at).where(
                Contact.id.in_({r.contact_id for _, r, _, _ in rows})
            )
        )
    }
    marks = {
        (review_id, criterion_id): (score, comment)
        for review_id, criterion_id, score, comment in session.execute(
            select(
                ReviewScore.review_id,
                ReviewScore.criterion_id,
                ReviewScore.score,
                ReviewScore.comment,
            ).where(ReviewScore.review_id.in_({r.id for _, r, _, _ in rows}))
        )
    }
    out = []
    for dispute, review, criterion, section in rows:
        grade, mark_comment = marks.get((review.id, criterion.id), (None, None))
        out.append(
            OpenDispute(
                id=dispute.id,
                row_version=dispute.version,
                review_id=review.id,
                contact_id=review.contact_id,
                contact_at=at.get(review.contact_id),
                operator=names.get(review.operator_id, "") if review.operator_id else "",
                author=names.get(review.supervisor_id, ""),
                section=section,
                criterion=criterion.text,
                grade=grade,
                top=rule_of(criterion).scale.top,
                may_be_na=criterion.may_be_na,
                mark_comment=mark_comment,
                comment=dispute.comment,
                raised_at=dispute.raised_at,
            )
        )
    return out
