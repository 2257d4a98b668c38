"""How well supervisors agree (issue 12, point 6): over the calibration pairs both published,
per pair of reviewers the difference of totals, the share of criteria graded alike, Cohen's
kappa over every criterion's grade ("not applicable" is a grade of its own), and the criteria
reviewers disagree on most; and `request_calibration`, a blind second review of a call."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ric_desk.actor import Actor, Role
from ric_desk.changes import Changes, Done
from ric_desk.checklists.access import (
    SCORERS,
    require_reader,
    require_scorer,
)
from ric_desk.checklists.reviews import (
    REVIEW_NOT_FOUND,
    _event,
    _names,
    _result,
    _review,
    _version,
)
from ric_desk.errors import (
    NotFound,
    UserError,
)
from ric_desk.models import (
    ChecklistCriterion,
    ChecklistReview,
    ChecklistSection,
    ChecklistVersion,
    Contact,
    Employee,
    QcCalibration,
    ReviewKind,
    ReviewState,
)

NA = "н/п"


def kappa(pairs: Sequence[tuple[object, object]]) -> Fraction | None:
    """Cohen's kappa of two raters' grades of the same items; None when it is undefined (no
    items, or both raters gave one and the same grade throughout)."""
    n = len(pairs)
    if not n:
        return None
    observed = Fraction(sum(1 for a, b in pairs if a == b), n)
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(
        (Fraction(first[k], n) * Fraction(second[k], n) for k in first.keys() & second.keys()),
        Fraction(0),
    )
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


@dataclass(frozen=True)
class CalibrationCall:
    contact_id: int
    first_review_id: int
    second_review_id: int
    first_total: Fraction | None
    second_total: Fraction | None

    @property
    def difference(self) -> Fraction | None:
        if self.first_total is None or self.second_total is None:
            return None
        return abs(self.first_total - self.second_total)


@dataclass(frozen=True)
class PairAgreement:
    reviewer_a_id: int
    reviewer_a: str
    reviewer_b_id: int
    reviewer_b: str
    calls: list[CalibrationCall]
    compared: int  # criteria graded by both
    agreed: int
    kappa: Fraction | None

    @property
    def agreement(self) -> Fraction | None:
        return Fraction(self.agreed, self.compared) if self.compared else None

    @property
    def mean_difference(self) -> Fraction | None:
        """The mean of |total A - total B| over the pair's calls both scored."""
        gaps = [c.difference for c in self.calls if c.difference is not None]
        return sum(gaps, Fraction(0)) / len(gaps) if gaps else None


@dataclass(frozen=True)
class Disagreement:
    criterion_id: int
    text: str
    section: str
    compared: int
    disagreed: int

    @property
    def rate(self) -> Fraction:
        return Fraction(self.disagreed, self.compared)


@dataclass(frozen=True)
class Agreement:
    pairs: list[PairAgreement]
    disagreements: list[Disagreement]  # most disagreed first; only criteria with a disagreement


def _grade(value: int | None) -> str:
    return NA if value is None else str(value)


def agreement(
    session: Session,
    actor: Actor,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    top: int = 10,
) -> Agreement:
    """Agreement of the calibration pairs whose both reviews are published (of calls in
    [start, end), if given)."""
    require_reader(actor)
    first = aliased(ChecklistReview)
    second = aliased(ChecklistReview)
    stmt = (
        select(first, second)
        .select_from(QcCalibration)
        .join(first, first.id == QcCalibration.of_review_id)
        .join(second, second.id == QcCalibration.review_id)
        .join(Contact, Contact.id == first.contact_id)
        .where(first.state == ReviewState.PUBLISHED, second.state == ReviewState.PUBLISHED)
        .order_by(QcCalibration.id)
    )
    if start is not None:
        stmt = stmt.where(Contact.actual_at >= start)
    if end is not None:
        stmt = stmt.where(Contact.actual_at < end)
    found = [(a, b) for a, b in session.execute(stmt)]
    versions: dict[int, ChecklistVersion] = {}
    calls: dict[tuple[int, int], list[CalibrationCall]] = defaultdict(list)
    grades: dict[tuple[int, int], list[tuple[str, str]]] = defaultdict(list)
    per_criterion: dict[int, list[bool]] = defaultdict(list)
    for a, b in found:
        if a.version_id not in versions:
            versions[a.version_id] = _version(session, a.version_id)
        version = versions[a.version_id]
        if a.supervisor_id > b.supervisor_id:
            a_side, b_side = b, a
        else:
            a_side, b_side = a, b
        key = (a_side.supervisor_id, b_side.supervisor_id)
        ra, rb = _result(a, version), _result(b, version)
        calls[key].append(
            CalibrationCall(
                a.contact_id,
                a.id,
                b.id,
                ra.total if ra else None,
                rb.total if rb else None,
            )
        )
        marks_a = {s.criterion_id: s.score for s in a_side.scores}
        marks_b = {s.criterion_id: s.score for s in b_side.scores}
        for criterion_id in sorted(marks_a.keys() & marks_b.keys()):
            pair = (_grade(marks_a[criterion_id]), _grade(marks_b[criterion_id]))
            grades[key].append(pair)
            per_criterion[criterion_id].append(pair[0] == pair[1])
    names = _names(session, {k for key in calls for k in key})
    pairs = [
        PairAgreement(
            reviewer_a_id=key[0],
            reviewer_a=names.get(key[0], ""),
            reviewer_b_id=key[1],
            reviewer_b=names.get(key[1], ""),
            calls=calls[key],
            compared=len(grades[key]),
            agreed=sum(1 for x, y in grades[key] if x == y),
            kappa=kappa(grades[key]),
        )
        for key in sorted(calls, key=lambda k: (names.get(k[0], ""), names.get(k[1], "")))
    ]
    texts = {
        cid: (text, section)
        for cid, text, section in session.execute(
            select(ChecklistCriterion.id, ChecklistCriterion.text, ChecklistSection.title)
            .join(ChecklistSection, ChecklistSection.id == ChecklistCriterion.section_id)
            .where(ChecklistCriterion.id.in_(per_criterion))
        )
    }
    disagreements = [
        Disagreement(cid, texts[cid][0], texts[cid][1], len(same), same.count(False))
        for cid, same in per_criterion.items()
        if False in same
    ]
    disagreements.sort(key=lambda d: (-d.rate, -d.disagreed, d.text, d.criterion_id))
    return Agreement(pairs, disagreements[:top])


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
