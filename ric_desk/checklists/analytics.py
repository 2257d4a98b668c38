"""Quality analytics (issue 12): how the operators' calls were scored over a period.

What counts: the published reviews of calls made in the period (the contact's date, UTC days as
the contact report counts them), never calibration ones (a second opinion, not the operator's
score), of the listening sample; reviews of calls picked on purpose (targeted) only when asked
for, as they are kept out of the sample's statistics. A review counts with its marks as they
stand, so a dispute resolved by changing a mark counts with the changed mark. An operator reads
only their own reviews; supervisors, directors and administrators everyone's, except a review
whose blind calibration partner is the reader's own unpublished one.

Per group (operator, stage, month, and operator × month for the trend): reviews counted, the
average total of the scored ones (a review where nothing applies is "not scored" and left out of
the averages and rates), the pass rate and the critical-miss rate (of the scored ones), and the
coverage: sampled calls reviewed / the calls the sample draws from (`sample.eligible`: successful,
long enough, targeted ones left out). Per criterion (same text in the same check-list, whatever
its version): how often it applied and how often it was missed (grade 0); the weakest are those
missed most often among the criteria that applied at least `min_applicable` times.

Counts come from SQL (grouped per month by operator and stage); each review's total from
`scoring`, in Python, on exact fractions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session, aliased

from ric_desk.actor import Actor, Role
from ric_desk.checklists import sample
from ric_desk.checklists.access import require_reader
from ric_desk.checklists.review_scores import Scorer, versions
from ric_desk.checklists.scoring import (
    Mark,
    ReviewResult,
    rule_of,
)
from ric_desk.errors import NotAllowed, UserError
from ric_desk.models import (
    ChecklistReview,
    ChecklistTemplate,
    ChecklistVersion,
    Contact,
    Employee,
    PickKind,
    QcCalibration,
    QcPick,
    ReviewKind,
    ReviewScore,
    ReviewState,
    Stage,
    Work,
)

NO_STAGE = "без этапа"
MIN_APPLICABLE = 5  # a criterion applied fewer times says too little to be called weak
WEAKEST = 10


@dataclass(frozen=True)
class Filter:
    """What is counted: calls of [start, end] (dates, inclusive), one operator or all, the
    sample alone or with the targeted reviews too."""

    start: date
    end: date
    operator_id: int | None = None
    targeted: bool = False

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise UserError(
                f"Конец периода {self.end:%d.%m.%Y} раньше его начала {self.start:%d.%m.%Y}."
            )

    def bounds(self) -> tuple[datetime, datetime]:
        start = datetime.combine(self.start, time(), tzinfo=UTC)
        return start, datetime.combine(self.end + timedelta(days=1), time(), tzinfo=UTC)


@dataclass(frozen=True)
class Stats:
    """One group's figures; the rates are exact fractions (None where nothing was counted)."""

    key: Hashable  # the operator's or stage's id, the month's first day; None: no stage
    label: str
    reviews: int = 0
    scored: int = 0  # reviews with a total (not "not scored")
    total_sum: Fraction = Fraction(0)  # of the scored reviews' totals
    without_critical_sum: Fraction = Fraction(0)
    passed: int = 0
    critical_misses: int = 0
    eligible: int = 0  # calls the sample draws from
    reviewed_calls: int = 0  # of them, sampled and reviewed

    @property
    def average(self) -> Fraction | None:
        return self.total_sum / self.scored if self.scored else None

    @property
    def average_without_critical(self) -> Fraction | None:
        """The average had critical misses not zeroed their reviews."""
        return self.without_critical_sum / self.scored if self.scored else None

    @property
    def pass_rate(self) -> Fraction | None:
        return Fraction(self.passed, self.scored) if self.scored else None

    @property
    def critical_rate(self) -> Fraction | None:
        return Fraction(self.critical_misses, self.scored) if self.scored else None

    @property
    def coverage(self) -> Fraction | None:
        return Fraction(self.reviewed_calls, self.eligible) if self.eligible else None


@dataclass(frozen=True)
class CriterionStats:
    checklist: str
    section: str
    text: str
    critical: bool
    applicable: int  # reviews where it applied
    missed: int  # of them, graded 0
    earned: Fraction  # sum of grade / top over the applicable ones

    @property
    def fail_rate(self) -> Fraction | None:
        return Fraction(self.missed, self.applicable) if self.applicable else None

    @property
    def fulfilment(self) -> Fraction | None:
        """The mean grade as a share of the scale's top."""
        return self.earned / self.applicable if self.applicable else None


@dataclass(frozen=True)
class ReviewLine:
    """A review counted, for the list beside the tables."""

    id: int
    contact_id: int
    at: datetime
    operator_id: int
    operator: str
    stage: str
    checklist: str
    supervisor: str
    kind: ReviewKind
    total: Fraction | None
    critical_miss: bool
    passed: bool | None


@dataclass(frozen=True)
class OperatorTrend:
    operator_id: int
    operator: str
    months: tuple[Stats, ...]  # each month of the period, in order (key: its first day)


@dataclass(frozen=True)
class Results:
    filter: Filter
    operator: str  # the filter's operator's name, "" for all
    total: Stats
    by_operator: tuple[Stats, ...]
    by_stage: tuple[Stats, ...]
    by_month: tuple[Stats, ...]
    trends: tuple[OperatorTrend, ...]
    criteria: tuple[CriterionStats, ...]  # by check-list, then its order
    weakest: tuple[CriterionStats, ...]
    reviews: tuple[ReviewLine, ...] = field(default=())  # newest call first

    def trend(self, operator_id: int | None) -> tuple[Stats, ...]:
        """The months of one operator, or of everyone counted (None)."""
        if operator_id is None:
            return self.by_month
        for t in self.trends:
            if t.operator_id == operator_id:
                return t.months
        return tuple(Stats(m.key, m.label) for m in self.by_month)


@dataclass(frozen=True)
class OperatorChoice:
    id: int
    name: str
    login: str


# -- reading -----------------------------------------------------------------------------------


def operators(session: Session, actor: Actor) -> list[OperatorChoice]:
    """Whom the actor may choose: every operator for a reader, themself for an operator."""
    stmt = select(Employee.id, Employee.full_name, Employee.login)
    if actor.role == Role.OPERATOR:
        stmt = stmt.where(Employee.id == actor.employee_id)
    else:
        require_reader(actor)
        stmt = stmt.where(Employee.role == Role.OPERATOR)
    return [OperatorChoice(*row) for row in session.execute(stmt.order_by(Employee.full_name))]


def months_of(start: date, end: date) -> list[date]:
    """The first days of the months [start, end] touches."""
    out = []
    month = start.replace(day=1)
    while month <= end:
        out.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return out


def month_label(month: date) -> str:
    return f"{month:%m.%Y}"


def _scope(actor: Actor, flt: Filter) -> int | None:
    """The operator the actor's reading is limited to (None: all), refused in words."""
    if actor.role == Role.OPERATOR:
        if flt.operator_id is not None and flt.operator_id != actor.employee_id:
            raise NotAllowed("Оператор видит только свои оценки.")
        return actor.employee_id
    require_reader(actor)
    return flt.operator_id


def _kinds(flt: Filter) -> tuple[ReviewKind, ...]:
    return (ReviewKind.SAMPLE, ReviewKind.TARGETED) if flt.targeted else (ReviewKind.SAMPLE,)


def _hidden_from(actor: Actor) -> ColumnElement[bool]:
    """A primary review whose calibration partner is the actor's unpublished review."""
    mine = aliased(ChecklistReview)
    return ChecklistReview.id.in_(
        select(QcCalibration.of_review_id)
        .join(mine, mine.id == QcCalibration.review_id)
        .where(mine.supervisor_id == actor.employee_id, mine.state != ReviewState.PUBLISHED)
    )


@dataclass
class _Acc:
    """A group's figures while they are summed."""

    reviews: int = 0
    scored: int = 0
    total_sum: Fraction = Fraction(0)
    without_critical_sum: Fraction = Fraction(0)
    passed: int = 0
    critical_misses: int = 0
    eligible: int = 0
    reviewed_calls: int = 0

    def add_review(self, result: ReviewResult | None) -> None:
        self.reviews += 1
        if result is None or result.total is None or result.without_critical is None:
            return
        self.scored += 1
        self.total_sum += result.total
        self.without_critical_sum += result.without_critical
        self.passed += bool(result.passed)
        self.critical_misses += result.critical_miss

    def stats(self, key: Hashable, label: str) -> Stats:
        return Stats(
            key,
            label,
            self.reviews,
            self.scored,
            self.total_sum,
            self.without_critical_sum,
            self.passed,
            self.critical_misses,
            self.eligible,
            self.reviewed_calls,
        )


def _coverage(
    session: Session, flt: Filter, operator_id: int | None
) -> list[tuple[date, int, int | None, int, int]]:
    """(month, operator, stage, eligible calls, of them sampled and reviewed) from one grouped
    query per month of the period."""
    settings = sample.load_settings(session)
    start, end = flt.bounds()
    out = []
    for month in months_of(flt.start, flt.end):
        m_start = max(start, datetime.combine(month, time(), tzinfo=UTC))
        next_month = (month + timedelta(days=32)).replace(day=1)
        m_end = min(end, datetime.combine(next_month, time(), tzinfo=UTC))
        found = sample._eligible(session, m_start, m_end, settings.min_seconds)
        if operator_id is not None:
            found = found.where(Contact.operator_id == operator_id)
        calls = found.subquery()
        targeted = select(QcPick.contact_id).where(QcPick.kind == PickKind.TARGETED)
        reviewed = select(ChecklistReview.contact_id).where(
            ChecklistReview.state == ReviewState.PUBLISHED,
            ChecklistReview.kind == ReviewKind.SAMPLE,
        )
        rows = session.execute(
            select(
                calls.c.operator_id,
                calls.c.stage_id,
                func.count(),
                func.sum(case((calls.c.id.in_(reviewed), 1), else_=0)),
            )
            .where(calls.c.id.not_in(targeted))
            .group_by(calls.c.operator_id, calls.c.stage_id)
        )
        out += [(month, op, stage, n, int(r or 0)) for op, stage, n, r in rows]
    return out


def _counted(actor: Actor, flt: Filter, operator_id: int | None) -> Select[*tuple[Any, ...]]:
    """The reviews that count, as the actor may see them."""
    start, end = flt.bounds()
    supervisor = aliased(Employee)
    operator = aliased(Employee)
    stmt = (
        select(
            ChecklistReview.id,
            ChecklistReview.contact_id,
            ChecklistReview.version_id,
            ChecklistReview.operator_id,
            ChecklistReview.kind,
            Contact.actual_at,
            Work.stage_id,
            operator.full_name,
            supervisor.full_name,
        )
        .join(Contact, Contact.id == ChecklistReview.contact_id)
        .join(Work, Work.id == Contact.work_id)
        .join(operator, operator.id == ChecklistReview.operator_id)
        .join(supervisor, supervisor.id == ChecklistReview.supervisor_id)
        .where(
            ChecklistReview.state == ReviewState.PUBLISHED,
            ChecklistReview.kind.in_(_kinds(flt)),
            Contact.actual_at >= start,
            Contact.actual_at < end,
        )
    )
    if operator_id is not None:
        stmt = stmt.where(ChecklistReview.operator_id == operator_id)
    if actor.role != Role.OPERATOR:
        stmt = stmt.where(~_hidden_from(actor))
    return stmt


def _marks(session: Session, counted: Select[*tuple[Any, ...]]) -> dict[int, dict[int, Mark]]:
    """The marks of the reviews `counted` selects, by review and criterion."""
    ids = counted.with_only_columns(ChecklistReview.id).subquery()
    marks: dict[int, dict[int, Mark]] = defaultdict(dict)
    for review_id, criterion_id, grade, comment in session.execute(
        select(
            ReviewScore.review_id, ReviewScore.criterion_id, ReviewScore.score, ReviewScore.comment
        ).join(ids, ids.c.id == ReviewScore.review_id)
    ):
        marks[review_id][criterion_id] = Mark(grade, comment)
    return marks


def contact_results(
    session: Session, actor: Actor, flt: Filter
) -> list[tuple[int, ReviewResult | None]]:
    """Each review that counts (as `results` counts them) as its contact and its result (None:
    not scored through), for the contact report's quality measures."""
    stmt = _counted(actor, flt, _scope(actor, flt))
    rows = session.execute(
        stmt.with_only_columns(
            ChecklistReview.id, ChecklistReview.contact_id, ChecklistReview.version_id
        )
    ).all()
    if not rows:
        return []
    marks = _marks(session, stmt)
    score = Scorer(versions(session, {r.version_id for r in rows}))
    return [(r.contact_id, score(r.version_id, marks.get(r.id, {}))) for r in rows]


def results(
    session: Session, actor: Actor, flt: Filter, *, min_applicable: int = MIN_APPLICABLE
) -> Results:
    """The period's quality figures as the actor may see them."""
    operator_id = _scope(actor, flt)
    stmt = _counted(actor, flt, operator_id)
    rows = session.execute(stmt.order_by(Contact.actual_at.desc(), ChecklistReview.id.desc())).all()
    marks = _marks(session, stmt)
    frozen = versions(session, {r.version_id for r in rows})
    score = Scorer(frozen)
    stages: dict[int, str] = {i: n for i, n in session.execute(select(Stage.id, Stage.name))}
    # every employee's name: an operator of the coverage may have no review
    names: dict[int, str] = {
        i: n for i, n in session.execute(select(Employee.id, Employee.full_name))
    }

    periods = months_of(flt.start, flt.end)
    total = _Acc()
    by_operator: dict[int, _Acc] = defaultdict(_Acc)
    by_stage: dict[int | None, _Acc] = defaultdict(_Acc)
    by_month: dict[date, _Acc] = defaultdict(_Acc)
    by_operator_month: dict[tuple[int, date], _Acc] = defaultdict(_Acc)
    criteria: dict[tuple[int, str, str], _Tally] = {}
    lines = []
    for r in rows:
        version = frozen[r.version_id]
        review_marks = marks.get(r.id, {})
        result = score(r.version_id, review_marks)
        at = r.actual_at.astimezone(UTC)
        month = at.date().replace(day=1)
        for acc in (
            total,
            by_operator[r.operator_id],
            by_stage[r.stage_id],
            by_month[month],
            by_operator_month[r.operator_id, month],
        ):
            acc.add_review(result)
        if result is not None:
            _count_criteria(criteria, version, review_marks)
        lines.append(
            ReviewLine(
                id=r.id,
                contact_id=r.contact_id,
                at=r.actual_at,
                operator_id=r.operator_id,
                operator=r[7],
                stage=stages.get(r.stage_id, NO_STAGE) if r.stage_id else NO_STAGE,
                checklist=version.template.name,
                supervisor=r[8],
                kind=ReviewKind(r.kind),
                total=result.total if result else None,
                critical_miss=result.critical_miss if result else False,
                passed=result.passed if result else None,
            )
        )
    for month, op, stage, eligible, reviewed in _coverage(session, flt, operator_id):
        for acc in (
            total,
            by_operator[op],
            by_stage[stage],
            by_month[month],
            by_operator_month[op, month],
        ):
            acc.eligible += eligible
            acc.reviewed_calls += reviewed

    def stage_label(stage_id: int | None) -> str:
        return f"{stage_id}. {stages[stage_id]}" if stage_id in stages else NO_STAGE

    operator_ids = sorted(by_operator, key=lambda op: (names.get(op, ""), op))
    trends = tuple(
        OperatorTrend(
            op,
            names.get(op, ""),
            tuple(by_operator_month.get((op, m), _Acc()).stats(m, month_label(m)) for m in periods),
        )
        for op in operator_ids
    )
    criterion_stats = _criterion_stats(criteria)
    weakest = sorted(
        (c for c in criterion_stats if c.applicable >= min_applicable and c.missed),
        key=lambda c: (-(c.fail_rate or 0), -c.missed, c.checklist, c.text),
    )[:WEAKEST]
    stage_ids = sorted(by_stage, key=lambda st: (st is None, st or 0))
    return Results(
        filter=flt,
        operator=names.get(flt.operator_id, "") if flt.operator_id is not None else "",
        total=total.stats(None, "Итого"),
        by_operator=tuple(by_operator[op].stats(op, names.get(op, "")) for op in operator_ids),
        by_stage=tuple(by_stage[st].stats(st, stage_label(st)) for st in stage_ids),
        by_month=tuple(by_month.get(m, _Acc()).stats(m, month_label(m)) for m in periods),
        trends=trends,
        criteria=criterion_stats,
        weakest=tuple(weakest),
        reviews=tuple(lines),
    )


@dataclass
class _Tally:
    """A criterion's counts while they are summed; `order` places it (the latest version's)."""

    checklist: str
    section: str
    text: str
    critical: bool
    order: tuple[int, int, int]
    applicable: int = 0
    missed: int = 0
    earned: Fraction = Fraction(0)


def _count_criteria(
    tallies: dict[tuple[int, str, str], _Tally],
    version: ChecklistVersion,
    marks: dict[int, Mark],
) -> None:
    """Add a scored review's marks: one tally per check-list, section and criterion text."""
    template: ChecklistTemplate = version.template
    for s_index, section in enumerate(sorted(version.sections, key=lambda s: s.position)):
        for c_index, criterion in enumerate(sorted(section.criteria, key=lambda c: c.position)):
            key = (template.id, section.title, criterion.text)
            order = (version.number, s_index, c_index)
            tally = tallies.get(key)
            if tally is None:
                tally = tallies[key] = _Tally(
                    template.name, section.title, criterion.text, criterion.critical, order
                )
            elif order[0] > tally.order[0]:
                tally.critical, tally.order = criterion.critical, order
            mark = marks.get(criterion.id)
            if mark is None or mark.grade is None:
                continue
            tally.applicable += 1
            tally.missed += mark.grade == 0
            tally.earned += Fraction(mark.grade, rule_of(criterion).scale.top)


def _criterion_stats(tallies: dict[tuple[int, str, str], _Tally]) -> tuple[CriterionStats, ...]:
    ordered = sorted(tallies.values(), key=lambda t: (t.checklist, t.order[1:]))
    return tuple(
        CriterionStats(t.checklist, t.section, t.text, t.critical, t.applicable, t.missed, t.earned)
        for t in ordered
    )
