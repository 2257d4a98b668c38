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

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Integer,
    and_,
    bindparam,
    case,
    func,
    literal,
    or_,
    select,
    union_all,
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
from ric_desk.models.base import UtcDateTime
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


def _visible(operator_id: Any, overdue_before: Any) -> ColumnElement[bool]:
    """Works this operator may see in the session: theirs, the pool's, and re-calls planned
    before `overdue_before` (now less the grace), which are the team's again."""
    return or_(
        Work.executor_id == operator_id,
        Work.executor_id.is_(None),
        and_(Work.state == WorkState.RESCHEDULED, Work.planned_at < overdue_before),
    )


def _free(operator_id: Any, now: Any) -> ColumnElement[bool]:
    """Not leased to anyone else: free, ours, or its lease has run out."""
    return or_(
        Work.claimed_by_id.is_(None),
        Work.claimed_by_id == operator_id,
        Work.lease_expires_at < now,
    )


def _lanes(
    operator_id: Any, flt: SessionFilter, overdue_before: Any
) -> list[list[ColumnElement[bool]]]:
    """The queue as three lanes, each walked in planned order along an index: re-calls, the
    operator's own planned works, the team's pool. Sorting all of a fortnight's open
    works to find the first one would read thousands of rows per claim."""
    common = [Work.planned_at < flt.end, *_narrowing(flt)]
    return [
        [Work.state == WorkState.RESCHEDULED, _visible(operator_id, overdue_before), *common],
        [Work.state == WorkState.PLANNED, Work.executor_id == operator_id, *common],
        [Work.state == WorkState.PLANNED, Work.executor_id.is_(None), *common],
    ]


@functools.lru_cache(maxsize=32)
def _claim_statement(flt: SessionFilter, one_work: bool) -> Any:
    """The claim as one statement with the operator, the moments and the work as parameters:
    built once per session filter (building it is most of a claim's cost on the client)."""
    operator = bindparam("operator_id", type_=Integer)
    now = bindparam("now", type_=UtcDateTime)
    offers = []
    for rank, lane in enumerate(
        _lanes(operator, flt, bindparam("overdue_before", type_=UtcDateTime))
    ):
        pick = select(
            Work.id.label("id"),
            Work.planned_at.label("planned_at"),
            literal(min(rank, 1)).label("rank"),
        ).where(*lane, _free(operator, now))
        if rank == 0:
            pick = pick.where(Work.planned_at <= now)  # a re-call waits for its time
        if one_work:
            pick = pick.where(Work.id == bindparam("work_id", type_=Integer))
        offers.append(
            pick.order_by(Work.planned_at, Work.id)
            .limit(1)
            .with_for_update(skip_locked=True)
            .cte(f"lane{rank}")
        )
    every = union_all(*(select(o.c.id, o.c.planned_at, o.c.rank) for o in offers)).subquery()
    chosen = (
        select(every.c.id)
        .order_by(every.c.rank, every.c.planned_at, every.c.id)
        .limit(1)
        .scalar_subquery()
    )
    return (
        update(Work)
        .where(Work.id == chosen)
        .values(
            claimed_by_id=operator,
            lease_expires_at=bindparam("lease_until", type_=UtcDateTime),
            version=Work.version + 1,
        )
        .returning(Work.id)
        .execution_options(synchronize_session=False)
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
    """Take the next work of the queue (or `work_id`, if it may be taken); None: nothing to take.

    One statement: each lane offers its first free work, locked with SKIP LOCKED (a concurrent
    claimer passes over it), the earliest offer is leased (a due re-call before anything else)
    and its id returned. On PostgreSQL it runs as its own transaction, one round trip; the
    offers not taken are unlocked when it ends.
    """
    statement = _claim_statement(flt, work_id is not None)
    values = {
        "operator_id": operator_id,
        "now": now,
        "overdue_before": now - grace,
        "lease_until": now + lease,
        "work_id": work_id,
    }
    if work_id is None:
        del values["work_id"]
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            with conn.begin():
                # a lease need not wait for the disk: should the server crash before the WAL is
                # flushed, the claim is lost and the work is simply back in the queue
                conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
                return conn.execute(statement, values).scalar()
        conn = conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        with conn.begin():
            return conn.execute(statement, values).scalar()


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


def _rank_of(state: WorkState, planned_at: datetime, now: datetime) -> int:
    if state == WorkState.RESCHEDULED:
        return 0 if planned_at <= now else 3
    return 1 if planned_at <= now else 2


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
    picked: list[tuple[int, datetime, int]] = []
    for lane in _lanes(operator_id, flt, now - grace):
        for work_id, state, planned_at in session.execute(
            select(Work.id, Work.state, Work.planned_at)
            .where(*lane)
            .order_by(Work.planned_at, Work.id)
            .limit(limit)
        ):
            picked.append((_rank_of(state, planned_at, now), planned_at, work_id))
    picked = sorted(picked)[:limit]
    if not picked:
        return []
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
    details = {
        r[0]: r
        for r in session.execute(
            select(
                Work.id,
                Work.number,
                Work.planned_at,
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
            .where(Work.id.in_([p[2] for p in picked]))
        )
    }
    out = []
    for rank, _planned, work_id in picked:
        r = details[work_id]
        person = " ".join(p for p in (r[7], r[8], r[9]) if p)
        out.append(
            QueueRow(
                work_id=r[0],
                number=r[1],
                planned_at=r[2],
                rank=rank,
                state=r[3],
                client_id=r[4],
                client=f"{r[5]} - {r[6]}",
                person=person,
                phone=format_phone(r[10]) if r[10] else "",
                stage=r[11] or "",
                direction=r[12],
                executor=r[13] or "",
                taken_by=r[14] or "",
            )
        )
    return out


def counts(
    session: Session, operator_id: int, flt: SessionFilter, *, now: datetime, grace: timedelta
) -> Counts:
    """Works of the session visible to the operator: closed in its period, and still open."""
    left = 0
    for lane in _lanes(operator_id, flt, now - grace):
        left += session.scalar(select(func.count()).select_from(Work).where(*lane)) or 0
    done = 0
    for whose in (Work.executor_id == operator_id, Work.executor_id.is_(None)):
        done += (
            session.scalar(
                select(func.count())
                .select_from(Work)
                .where(
                    whose,
                    Work.closed_at >= flt.start,
                    Work.closed_at < flt.end,
                    Work.state == WorkState.CLOSED,
                    *_narrowing(flt),
                )
            )
            or 0
        )
    return Counts(planned=done + left, done=done, left=left)


def holders(session: Session, work_ids: Sequence[int]) -> dict[int, int | None]:
    """Who holds each work now (for tests and diagnostics)."""
    if not work_ids:
        return {}
    return dict(
        session.execute(select(Work.id, Work.claimed_by_id).where(Work.id.in_(work_ids))).all()
    )
