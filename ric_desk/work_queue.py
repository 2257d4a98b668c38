"""The call session's queue: which works an operator sees, and taking the next one atomically.

An operator sees their own works and the team's pool (works with no executor). Taking a work is a
lease: `claimed_by_id` and `lease_expires_at`, renewed while the operator works it; a lease left
by a crashed workstation expires and the work is back in the queue by itself. A re-call keeps its
operator's lease until it is overdue by the configured grace, then any operator may take it.

Taking is one statement, `UPDATE ... WHERE id = (SELECT ... LIMIT 1 FOR UPDATE SKIP LOCKED)`: on
PostgreSQL concurrent claimers skip each other's locked rows; on SQLite the statement runs in an
immediate transaction, so claimers queue on the write lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Engine,
    and_,
    case,
    func,
    not_,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, aliased

from ric_desk.models import (
    ChannelKind,
    Client,
    ContactChannel,
    ContactPerson,
    Direction,
    Employee,
    Stage,
    Work,
    WorkState,
)
from ric_desk.validation import format_phone

OPEN_STATES = (WorkState.PLANNED, WorkState.RESCHEDULED, WorkState.IN_PROGRESS)
PHONE_KINDS = (ChannelKind.WORK_PHONE, ChannelKind.MOBILE, ChannelKind.HOME_PHONE)


@dataclass(frozen=True)
class SessionFilter:
    """The operator's session: a period of planned times and optional narrowing."""

    start: datetime  # aware; works planned before it and still open are overdue and included
    end: datetime  # aware, exclusive
    direction_ids: tuple[int, ...] = ()
    campaign_id: int | None = None
    stage_id: int | None = None  # the kind of work: its life-cycle stage


def _narrowing(flt: SessionFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if flt.direction_ids:
        conditions.append(Work.direction_id.in_(flt.direction_ids))
    if flt.campaign_id is not None:
        conditions.append(Work.campaign_id == flt.campaign_id)
    if flt.stage_id is not None:
        conditions.append(Work.stage_id == flt.stage_id)
    return conditions


def _visible(operator_id: int, now: datetime, grace: timedelta) -> ColumnElement[bool]:
    """Works this operator may see in the session: theirs, the pool's, re-calls left overdue."""
    return or_(
        Work.executor_id == operator_id,
        Work.executor_id.is_(None),
        and_(Work.state == WorkState.RESCHEDULED, Work.planned_at < now - grace),
    )


def claimable(
    operator_id: int, flt: SessionFilter, now: datetime, grace: timedelta
) -> list[ColumnElement[bool]]:
    """The conditions of a work `operator_id` may take at `now`."""
    return [
        Work.state.in_(OPEN_STATES),
        Work.planned_at < flt.end,
        _visible(operator_id, now, grace),
        # free, ours, or its lease has run out
        or_(
            Work.claimed_by_id.is_(None),
            Work.claimed_by_id == operator_id,
            Work.lease_expires_at < now,
        ),
        # a re-call is not taken before its time
        not_(and_(Work.state == WorkState.RESCHEDULED, Work.planned_at > now)),
        *_narrowing(flt),
    ]


def _rank(now: datetime) -> ColumnElement[int]:
    """Re-calls that are due first, then overdue and due works, then the rest of the period."""
    return case(
        (and_(Work.state == WorkState.RESCHEDULED, Work.planned_at <= now), 0),
        (Work.planned_at <= now, 1),
        else_=2,
    )


def claim_next(
    engine: Engine,
    operator_id: int,
    flt: SessionFilter,
    *,
    now: datetime,
    lease: timedelta,
    grace: timedelta,
    work_id: int | None = None,
) -> int | None:
    """Take the next work of the queue (or `work_id`, if it may be taken); None: nothing to take."""
    pick = select(Work.id).where(*claimable(operator_id, flt, now, grace))
    if work_id is not None:
        pick = pick.where(Work.id == work_id)
    pick = (
        pick.order_by(_rank(now), Work.planned_at, Work.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    statement = (
        update(Work)
        .where(Work.id == pick.scalar_subquery())
        .values(
            claimed_by_id=operator_id,
            lease_expires_at=now + lease,
            version=Work.version + 1,
        )
        .returning(Work.id)
        .execution_options(synchronize_session=False)
    )
    with engine.connect() as conn:
        conn = conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        with conn.begin():
            return conn.execute(statement).scalar()


def renew(
    session: Session, work_id: int, operator_id: int, *, now: datetime, lease: timedelta
) -> bool:
    """Extend the lease of a work being worked; False if it is no longer this operator's."""
    result = session.execute(
        update(Work)
        .where(
            Work.id == work_id,
            Work.claimed_by_id == operator_id,
            Work.state.in_(OPEN_STATES),
        )
        .values(lease_expires_at=now + lease)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def release(session: Session, work_id: int, operator_id: int) -> None:
    """Give a taken work back to the queue untouched (the operator skipped it)."""
    session.execute(
        update(Work)
        .where(Work.id == work_id, Work.claimed_by_id == operator_id)
        .values(claimed_by_id=None, lease_expires_at=None, version=Work.version + 1)
        .execution_options(synchronize_session=False)
    )


@dataclass(frozen=True)
class QueueRow:
    work_id: int
    number: int
    planned_at: datetime
    rank: int  # 0 re-call due, 1 due or overdue, 2 later in the period, 3 re-call not yet due
    state: WorkState
    client_id: int
    client: str
    person: str
    phone: str
    stage: str
    direction: str
    executor: str  # "" for the pool
    taken_by: str  # who holds an unexpired lease, "" if nobody


@dataclass(frozen=True)
class Counts:
    planned: int
    done: int
    left: int


QUEUE_LIMIT = 500


def rows(
    session: Session,
    operator_id: int,
    flt: SessionFilter,
    *,
    now: datetime,
    grace: timedelta,
    limit: int = QUEUE_LIMIT,
) -> list[QueueRow]:
    """The session's open works in the order `claim_next` takes them, later re-calls last."""
    rank = case(
        (and_(Work.state == WorkState.RESCHEDULED, Work.planned_at > now), 3), else_=_rank(now)
    )
    executor = aliased(Employee)
    holder = aliased(Employee)
    phone = (
        select(ContactChannel.value)
        .where(
            ContactChannel.contact_person_id == Work.contact_person_id,
            ContactChannel.kind.in_(PHONE_KINDS),
        )
        .order_by(ContactChannel.favourite.desc(), ContactChannel.undesirable, ContactChannel.id)
        .limit(1)
        .correlate(Work)
        .scalar_subquery()
    )
    statement = (
        select(
            Work.id,
            Work.number,
            Work.planned_at,
            rank.label("rank"),
            Work.state,
            Client.id,
            Client.reg_number,
            Client.name,
            ContactPerson.last_name,
            ContactPerson.first_name,
            ContactPerson.middle_name,
            phone.label("phone"),
            Stage.name,
            Direction.name,
            executor.full_name,
            case(
                (
                    and_(Work.claimed_by_id.is_not(None), Work.lease_expires_at >= now),
                    holder.full_name,
                ),
                else_=None,
            ),
        )
        .join(Client, Client.id == Work.client_id)
        .join(Direction, Direction.id == Work.direction_id)
        .outerjoin(ContactPerson, ContactPerson.id == Work.contact_person_id)
        .outerjoin(Stage, Stage.id == Work.stage_id)
        .outerjoin(executor, executor.id == Work.executor_id)
        .outerjoin(holder, holder.id == Work.claimed_by_id)
        .where(
            Work.state.in_(OPEN_STATES),
            Work.planned_at < flt.end,
            _visible(operator_id, now, grace),
            *_narrowing(flt),
        )
        .order_by(rank, Work.planned_at, Work.id)
        .limit(limit)
    )
    out = []
    for r in session.execute(statement):
        person = " ".join(p for p in (r[8], r[9], r[10]) if p)
        out.append(
            QueueRow(
                work_id=r[0],
                number=r[1],
                planned_at=r[2],
                rank=r[3],
                state=r[4],
                client_id=r[5],
                client=f"{r[6]} - {r[7]}",
                person=person,
                phone=format_phone(r[11]) if r[11] else "",
                stage=r[12] or "",
                direction=r[13],
                executor=r[14] or "",
                taken_by=r[15] or "",
            )
        )
    return out


def counts(
    session: Session, operator_id: int, flt: SessionFilter, *, now: datetime, grace: timedelta
) -> Counts:
    """Works of the session's period visible to the operator: planned, closed, still open."""
    in_period = and_(Work.planned_at >= flt.start, Work.planned_at < flt.end)
    closed_in_period = and_(
        Work.state == WorkState.CLOSED, Work.closed_at >= flt.start, Work.closed_at < flt.end
    )
    open_now = and_(Work.state.in_(OPEN_STATES), Work.planned_at < flt.end)
    row = session.execute(
        select(
            func.count().filter(closed_in_period),
            func.count().filter(open_now),
        ).where(
            _visible(operator_id, now, grace),
            or_(in_period, open_now, closed_in_period),
            *_narrowing(flt),
        )
    ).one()
    done, left = int(row[0]), int(row[1])
    return Counts(planned=done + left, done=done, left=left)


def holders(session: Session, work_ids: Sequence[int]) -> dict[int, int | None]:
    """Who holds each work now (for tests and diagnostics)."""
    if not work_ids:
        return {}
    return dict(
        session.execute(select(Work.id, Work.claimed_by_id).where(Work.id.in_(work_ids))).all()
    )
