"""The listening sample (issue 12, point 4): which calls supervisors listen to, and who is
listening to which.

For a period [start, end), each operator's successful contacts at least `min_seconds` long are
eligible; `share_percent` of them (rounded half up) is the operator's quota, spread over the
strata (the work's stage and closing reason) by their sizes (largest remainders), and each
stratum takes its calls in the order of a hash of (contact id, period, seed): the same period
and seed always draw the same calls, whatever Python's random state. A call is picked at most
once (`QcPick.contact_id` is unique): drawing the period again adds only what is missing, and a
call already reviewed or picked on purpose ("targeted", kept out of the sample's statistics) is
never drawn. The settings live in the database (setting "quality", defaults in
`resources/defaults/quality.toml`).

Taking a call to score it is a lease, as an operator takes a work (`ric_desk.calls.queue`): one
UPDATE of the pick (on PostgreSQL the next one is found with FOR UPDATE SKIP LOCKED; on SQLite
the transaction begins immediate), held until it expires or is released; an expired lease may
be taken by another supervisor, so two supervisors never score the same call by accident.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, case, exists, func, insert, or_, select
from sqlalchemy.orm import Session, aliased

from ric_desk.actor import Actor
from ric_desk.calls.rules import zone
from ric_desk.changes import NOTHING, Changes, Done
from ric_desk.checklists.access import require_reader, require_scorer
from ric_desk.errors import UserError
from ric_desk.models import (
    AppSetting,
    ChecklistReview,
    Client,
    ClosingReason,
    Contact,
    Employee,
    PickKind,
    QcPick,
    ReviewKind,
    ReviewState,
    Stage,
    Work,
)
from ric_desk.resources import load_defaults

SETTING_KEY = "quality"


@dataclass(frozen=True)
class QualitySettings:
    share_percent: int = 20
    min_seconds: int = 30
    lease_minutes: int = 30
    seed: int = 1

    @property
    def lease(self) -> timedelta:
        return timedelta(minutes=self.lease_minutes)


LIMITS = {
    "share_percent": (1, 100, "доля прослушиваемых звонков, %"),
    "min_seconds": (0, 3600, "минимальная длительность звонка, с"),
    "lease_minutes": (1, 24 * 60, "срок захвата звонка на оценку, мин"),
    "seed": (0, 2**31 - 1, "зерно выборки"),
}


def load_settings(session: Session) -> QualitySettings:
    setting = session.get(AppSetting, SETTING_KEY)
    merged = {**load_defaults("quality")["quality"], **(dict(setting.value) if setting else {})}
    return QualitySettings(**{name: int(merged[name]) for name in LIMITS})


def save_settings(session: Session, actor: Actor, **values: Any) -> Changes:
    """Change quality settings (share_percent=25, min_seconds=45...), checked in words."""
    require_scorer(actor)
    for name, value in values.items():
        if name not in LIMITS:
            raise UserError(f"Настройки «{name}» у контроля качества нет.")
        low, high, title = LIMITS[name]
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise UserError(f"Настройка «{title}»: нужно целое число от {low} до {high}.")
    setting = session.get(AppSetting, SETTING_KEY)
    if setting is None:
        session.add(AppSetting(key=SETTING_KEY, value=dict(values)))
    else:
        setting.value = {**setting.value, **values}
    session.flush()
    return Changes(dictionaries=True)


# -- drawing -----------------------------------------------------------------------------------


class Candidate(NamedTuple):
    contact_id: int
    operator_id: int
    stage_id: int | None
    reason_id: int | None


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime given where an aware one is required")
    return moment.astimezone(UTC)


def month_period(month: date) -> tuple[datetime, datetime]:
    """The month of `month` from the office's midnight to the office's midnight, as UTC: the
    period a supervisor's sample covers, the same on every workstation whatever its clock's
    zone."""
    office = zone(None)
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    start = datetime.combine(first, time(0), office)
    end = datetime.combine(following, time(0), office)
    return start.astimezone(UTC), end.astimezone(UTC)


def previous_month(day: date) -> date:
    """The first day of the month before `day`'s."""
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


def sample_key(start: datetime, end: datetime, seed: int) -> str:
    """What, with a call's id, fixes its place in the draw."""
    return f"{_utc(start):%Y-%m-%dT%H:%M:%S}/{_utc(end):%Y-%m-%dT%H:%M:%S}/{seed}"


_MASK = (1 << 64) - 1
_GAMMA = 0x9E3779B97F4A7C15  # SplitMix64's increment: 2**64 / the golden ratio


def key_seed(key: str) -> int:
    """The draw's key as a 64-bit number: the first 8 bytes of BLAKE2b of it."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big")


def _mix(seed: int, contact_id: int) -> int:
    """SplitMix64's output for the `contact_id`-th step from `seed`: integer arithmetic only,
    the same on every platform and Python."""
    x = (seed + contact_id * _GAMMA) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


def rank(contact_id: int, key: str) -> int:
    """A call's place in the draw: a 64-bit mix of its id and the hash of (period, seed)."""
    return _mix(key_seed(key), contact_id)


def quota(share_percent: int, eligible: int) -> int:
    """`share_percent` of `eligible` calls, rounded half up."""
    exact = Fraction(share_percent * eligible, 100)
    return math.floor(exact + Fraction(1, 2))


def _allocate(total: int, sizes: dict[Any, int]) -> dict[Any, int]:
    """`total` spread over strata in proportion to their sizes, by largest remainders (ties by
    the stratum's key)."""
    whole = sum(sizes.values())
    if not whole or not total:
        return dict.fromkeys(sizes, 0)
    exact = {k: Fraction(total * n, whole) for k, n in sizes.items()}
    shares = {k: math.floor(v) for k, v in exact.items()}
    left = total - sum(shares.values())
    order = sorted(sizes, key=lambda k: (-(exact[k] - shares[k]), _sortable(k)))
    for k in order[:left]:
        shares[k] += 1
    return shares


def _sortable(key: tuple[int | None, int | None]) -> tuple[int, int]:
    return tuple(-1 if part is None else part for part in key)  # type: ignore[return-value]


def choose(
    candidates: Sequence[Candidate],
    share_percent: int,
    key: str,
    *,
    chosen: Iterable[int] = (),
    excluded: Iterable[int] = (),
    uncounted: Iterable[int] = (),
) -> list[int]:
    """The calls to add to a sample (sorted ids). `candidates`: every eligible call of the
    period; `chosen`: those already in this sample; `excluded`: those never to be drawn
    (reviewed, or picked elsewhere); `uncounted`: those that do not count in an operator's
    total either (picked on purpose)."""
    chosen_set, excluded_set, uncounted_set = set(chosen), set(excluded), set(uncounted)
    seed = key_seed(key)
    by_operator: dict[int, list[Candidate]] = defaultdict(list)
    for c in candidates:
        if c.contact_id not in uncounted_set:
            by_operator[c.operator_id].append(c)
    added: list[int] = []
    for _operator, calls in sorted(by_operator.items()):
        strata: dict[tuple[int | None, int | None], list[Candidate]] = defaultdict(list)
        for c in calls:
            strata[c.stage_id, c.reason_id].append(c)
        target = quota(share_percent, len(calls))
        shares = _allocate(target, {k: len(v) for k, v in strata.items()})
        taken = sum(1 for c in calls if c.contact_id in chosen_set)
        leftovers: list[tuple[int, int]] = []  # (rank, id)
        for k in sorted(strata, key=_sortable):
            free = sorted(
                (_mix(seed, c.contact_id), c.contact_id)
                for c in strata[k]
                if c.contact_id not in chosen_set and c.contact_id not in excluded_set
            )
            have = sum(1 for c in strata[k] if c.contact_id in chosen_set)
            want = max(0, min(shares[k] - have, target - taken))
            added.extend(contact_id for _, contact_id in free[:want])
            taken += len(free[:want])
            leftovers.extend(free[want:])
        # a stratum short of free calls (reviewed already) leaves its share to the others
        leftovers.sort()
        more = max(0, target - taken)
        added.extend(contact_id for _, contact_id in leftovers[:more])
    return sorted(added)


def _eligible(session: Session, start: datetime, end: datetime, min_seconds: int) -> Any:
    return (
        select(Contact.id, Contact.operator_id, Work.stage_id, Work.closing_reason_id)
        .join(Work, Work.id == Contact.work_id)
        .where(
            Contact.successful.is_(True),
            Contact.operator_id.is_not(None),
            Contact.actual_at >= start,
            Contact.actual_at < end,
            Contact.duration_sec >= min_seconds,
        )
    )


@dataclass(frozen=True)
class Eligible:
    candidates: list[Candidate]
    chosen: set[int]  # in this sample already
    excluded: set[int]  # never drawn: reviewed or picked elsewhere
    uncounted: set[int]  # picked on purpose: out of the sample's statistics


# what a candidate's pick and reviews make of it in the draw
_FREE, _CHOSEN, _EXCLUDED, _TARGETED = 0, 1, 2, 3


def eligible(
    session: Session, start: datetime, end: datetime, settings: QualitySettings
) -> Eligible:
    """The period's calls as the draw sees them: one read of the period's calls, each with
    what its pick (a contact has at most one) and its reviews make of it."""
    start, end = _utc(start), _utc(end)
    reviewed = exists(
        select(ChecklistReview.id).where(ChecklistReview.contact_id == Contact.id)
    ).correlate(Contact)
    state = case(
        (QcPick.kind == PickKind.TARGETED, _TARGETED),
        (
            and_(
                QcPick.period_start == start,
                QcPick.period_end == end,
                QcPick.seed == settings.seed,
            ),
            _CHOSEN,
        ),
        (or_(QcPick.contact_id.is_not(None), reviewed), _EXCLUDED),
        else_=_FREE,
    )
    rows = session.execute(
        _eligible(session, start, end, settings.min_seconds)
        .add_columns(state)
        .outerjoin(QcPick, QcPick.contact_id == Contact.id)
    )
    candidates: list[Candidate] = []
    chosen: set[int] = set()
    excluded: set[int] = set()
    uncounted: set[int] = set()
    for contact_id, operator_id, stage_id, reason_id, kind in rows:
        candidates.append(Candidate(contact_id, operator_id, stage_id, reason_id))
        if kind == _CHOSEN:
            chosen.add(contact_id)
        elif kind == _EXCLUDED:
            excluded.add(contact_id)
        elif kind == _TARGETED:
            excluded.add(contact_id)
            uncounted.add(contact_id)
    return Eligible(candidates, chosen, excluded, uncounted)


@dataclass(frozen=True)
class Draw:
    added: int  # calls newly drawn
    total: int  # calls of this sample now


def draw_sample(
    session: Session, actor: Actor, start: datetime, end: datetime, *, now: datetime
) -> Done[Draw]:
    """Draw (or complete) the period's sample by the settings; drawing again adds only what is
    missing (new calls since, a raised share)."""
    require_scorer(actor)
    if _utc(end) <= _utc(start):
        raise UserError("Конец периода выборки должен быть позже его начала.")
    settings = load_settings(session)
    found = eligible(session, start, end, settings)
    key = sample_key(start, end, settings.seed)
    added = choose(
        found.candidates,
        settings.share_percent,
        key,
        chosen=found.chosen,
        excluded=found.excluded,
        uncounted=found.uncounted,
    )
    by_id = {c.contact_id: c for c in found.candidates}
    if added:  # one bulk statement: a month of 16 operators is some twenty thousand calls
        session.execute(
            insert(QcPick),
            [
                {
                    "contact_id": contact_id,
                    "kind": PickKind.SAMPLE,
                    "operator_id": by_id[contact_id].operator_id,
                    "stage_id": by_id[contact_id].stage_id,
                    "closing_reason_id": by_id[contact_id].reason_id,
                    "period_start": _utc(start),
                    "period_end": _utc(end),
                    "seed": settings.seed,
                    "picked_at": now,
                    "picked_by_id": actor.employee_id,
                }
                for contact_id in added
            ],
        )
    return Done(
        Draw(len(added), len(found.chosen) + len(added)),
        Changes.of(contacts=added) if added else NOTHING,
    )


# -- the supervisor's queue --------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    operator_id: int
    operator: str
    eligible: int  # successful calls long enough (targeted ones left out)
    quota: int  # share of them, rounded half up
    sampled: int  # calls drawn
    reviewed: int  # drawn calls with a published review
    targeted: int  # calls picked on purpose and reviewed (out of the sample's statistics)


@dataclass(frozen=True)
class PickRow:
    contact_id: int
    kind: PickKind
    at: datetime | None
    duration_sec: int | None
    operator_id: int | None
    operator: str
    client: str
    stage: str
    closing_reason: str
    status: str  # "ждёт", "оценивает ...", "черновик ...", "оценён"
    reviewed: bool
    taken_by: str  # who holds an unexpired lease, "" if nobody
    drafted: bool = False  # a draft review of it waits (and nobody holds it)


@dataclass(frozen=True)
class QcQueue:
    progress: list[Progress]
    rows: list[PickRow]


def _published_primary(contact: Any) -> ColumnElement[bool]:
    return exists(
        select(ChecklistReview.id).where(
            ChecklistReview.contact_id == contact,
            ChecklistReview.state == ReviewState.PUBLISHED,
            ChecklistReview.kind != ReviewKind.CALIBRATION,
        )
    )


def _in_period(start: datetime, end: datetime, seed: int) -> ColumnElement[bool]:
    return or_(
        and_(
            QcPick.kind == PickKind.SAMPLE,
            QcPick.period_start == start,
            QcPick.period_end == end,
            QcPick.seed == seed,
        ),
        and_(
            QcPick.kind == PickKind.TARGETED,
            Contact.actual_at >= start,
            Contact.actual_at < end,
        ),
    )


def queue(
    session: Session, actor: Actor, start: datetime, end: datetime, *, now: datetime
) -> QcQueue:
    """The period's picks, those to score first, with each operator's progress against the
    quota (reviewed / quota)."""
    require_reader(actor)
    start, end = _utc(start), _utc(end)
    settings = load_settings(session)
    found = eligible(session, start, end, settings)
    names = dict(session.execute(select(Employee.id, Employee.full_name)).all())
    holder = aliased(Employee)
    drafts = (
        select(func.min(ChecklistReview.supervisor_id))
        .where(
            ChecklistReview.contact_id == QcPick.contact_id,
            ChecklistReview.state == ReviewState.DRAFT,
            ChecklistReview.kind != ReviewKind.CALIBRATION,
        )
        .correlate(QcPick)
        .scalar_subquery()
    )
    listed = session.execute(
        select(
            QcPick.contact_id,
            QcPick.kind,
            Contact.actual_at,
            Contact.duration_sec,
            QcPick.operator_id,
            Client.reg_number,
            Client.name,
            Stage.name,
            ClosingReason.name,
            _published_primary(QcPick.contact_id),
            QcPick.claimed_by_id,
            QcPick.lease_expires_at,
            holder.full_name,
            drafts,
        )
        .join(Contact, Contact.id == QcPick.contact_id)
        .join(Client, Client.id == Contact.client_id)
        .outerjoin(Stage, Stage.id == QcPick.stage_id)
        .outerjoin(ClosingReason, ClosingReason.id == QcPick.closing_reason_id)
        .outerjoin(holder, holder.id == QcPick.claimed_by_id)
        .where(_in_period(start, end, settings.seed))
        .order_by(Contact.actual_at, QcPick.contact_id)
    ).all()
    rows = []
    for r in listed:
        held = r[10] is not None and r[11] is not None and r[11] >= now
        if r[9]:
            status = "оценён"
        elif held:
            status = f"оценивает {r[12]}"
        elif r[13] is not None:
            status = f"черновик: {names.get(r[13], '')}"
        else:
            status = "ждёт"
        rows.append(
            PickRow(
                contact_id=r[0],
                kind=PickKind(r[1]),
                at=r[2],
                duration_sec=r[3],
                operator_id=r[4],
                operator=names.get(r[4], "") if r[4] is not None else "",
                client=f"{r[5]} - {r[6]}",
                stage=r[7] or "",
                closing_reason=r[8] or "",
                status=status,
                reviewed=bool(r[9]),
                taken_by=(r[12] or "") if held else "",
                drafted=not r[9] and not held and r[13] is not None,
            )
        )
    counted: dict[int, int] = defaultdict(int)
    for c in found.candidates:
        if c.contact_id not in found.uncounted:
            counted[c.operator_id] += 1
    sampled: dict[int, int] = defaultdict(int)
    reviewed: dict[int, int] = defaultdict(int)
    targeted: dict[int, int] = defaultdict(int)
    for row in rows:
        if row.operator_id is None:
            continue
        if row.kind == PickKind.SAMPLE:
            sampled[row.operator_id] += 1
            reviewed[row.operator_id] += row.reviewed
        else:
            targeted[row.operator_id] += row.reviewed
    operators = sorted(set(counted) | set(sampled) | set(targeted), key=lambda o: names.get(o, ""))
    progress = [
        Progress(
            operator_id=o,
            operator=names.get(o, ""),
            eligible=counted[o],
            quota=quota(settings.share_percent, counted[o]),
            sampled=sampled[o],
            reviewed=reviewed[o],
            targeted=targeted[o],
        )
        for o in operators
    ]
    return QcQueue(progress, rows)
