"""The call session's queue: which works an operator sees, and taking the next one atomically.

An operator sees their own works and the team's pool (works with no executor). F8 takes only a
work whose client may be called now by the calling rules (the client's local time, weekend, the
working calendar: `calls.rules.CallingNow`, computed per time zone in use and passed to the
statement as the zone names that allow a call); the others stay listed after the callable ones
with the time they may be called from, until their client's time comes. Taking a work is a
lease: `claimed_by_id` and `lease_expires_at`, renewed while the operator works it; a lease left
by a crashed workstation expires and the work is back in the queue by itself. A re-call keeps its
operator's lease until it is overdue by the configured grace, then any operator may take it.

Taking is one statement, `UPDATE ... WHERE id = (SELECT ... LIMIT 1 FOR UPDATE SKIP LOCKED)`: on
PostgreSQL concurrent claimers skip each other's locked rows; on SQLite the statement opens an
immediate transaction, so claimers queue on the write lock.

Claiming, renewing and giving back are operations: they take the acting `Actor` and say what
they changed; the queue as listed is plain data (`QueueRow`, `Counts`, `QueueListing`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    and_,
    bindparam,
    case,
    func,
    literal,
    not_,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.orm import Session, aliased

from ric_desk.actor import Actor
from ric_desk.calls import rules as calling
from ric_desk.changes import NOTHING, Changes, Done
from ric_desk.db.engine import WRITE_BEGIN
from ric_desk.errors import LeaseLost, NotFound
from ric_desk.models import (
    ChannelKind,
    Client,
    ContactChannel,
    ContactPerson,
    Direction,
    Employee,
    Region,
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


def _callable() -> ColumnElement[bool]:
    """The work's client may be called now by the time rules: its time zone (its own, else its
    region's, else the default) is one of the parameter `callable_zones` (`CallingNow.allowed`).
    The statement must select from `Work` joined to `Client` and outer-joined to `Region`."""
    zone = func.coalesce(Client.time_zone, Region.time_zone, literal(calling.DEFAULT_ZONE))
    return zone.in_(bindparam("callable_zones", expanding=True))


@functools.lru_cache(maxsize=32)
def _claim_statement(flt: SessionFilter, one_work: bool) -> Any:
    """The claim as one statement with the operator, the moments and the work as parameters:
    built once per session filter (building it is most of a claim's cost on the client).

    F8 takes only a work whose client may be called now (`_callable`: the lanes walk their
    index and look each work's client up until one may); a work chosen from the list is taken
    whoever its client is (the call screen then says why not to call)."""
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
        else:
            pick = (
                pick.join(Client, Client.id == Work.client_id)
                .outerjoin(Region, Region.code == Client.region_code)
                .where(_callable())
            )
        offers.append(
            pick.order_by(Work.planned_at, Work.id)
            .limit(1)
            .with_for_update(skip_locked=True, of=Work)
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
        .returning(Work.id, Work.client_id)
        .execution_options(synchronize_session=False)
    )


def begin_claim(session: Session) -> Connection:
    """Begin the session's transaction the way a claim needs it (see `claim_next`); a second
    call in the same transaction returns the same connection. Call it before anything else reads,
    when the transaction reads more than the claim (F8 reads the calling rules once for all)."""
    begun = session.get_transaction()
    if begun is not None and session.info.get("claim_begun") is begun:
        return session.connection()
    if session.get_bind().dialect.name == "sqlite":
        # a `Store.session` begins so anyway; a read-only one or a bare session must too
        conn = session.connection(execution_options={"sqlite_begin": WRITE_BEGIN})
    else:
        # the commit does not wait for the disk (see `claim_next`); and the claim is planned for
        # the values it runs with (until `claim_next` has run it): the driver prepares a
        # statement run often, and the server may then keep one generic plan for it, which knows
        # neither the operator nor where the period ends nor how few clients may be called now
        # (for an operator with no works of their own, one walked every planned work: 65-125 ms
        # instead of 0.3 ms)
        conn = session.connection()
        conn.exec_driver_sql(
            "SELECT set_config('synchronous_commit', 'off', true), "
            "set_config('plan_cache_mode', 'force_custom_plan', true)"
        )
    session.info["claim_begun"] = session.get_transaction()
    return conn


def claim_next(
    session: Session,
    actor: Actor,
    flt: SessionFilter,
    *,
    now: datetime,
    lease: timedelta | None = None,
    grace: timedelta | None = None,
    work_id: int | None = None,
    calling_now: calling.CallingNow | None = None,
) -> Done[int | None]:
    """Take the next work of the queue (or `work_id`, if it may be taken); None: nothing to take.

    The next work is one whose client may be called now (`calling_now`, by default read by the
    calling rules at `now`): a work whose client it is night or a day off for is left in the
    queue, never taken by F8, until its client's time comes; `work_id` is taken whoever its
    client is. One statement: each lane offers its first free work, locked with SKIP LOCKED (a
    concurrent claimer passes over it), the earliest offer is leased (a due re-call before
    anything else) and its id returned. It must be the first statement of the session's
    transaction: on SQLite it opens that transaction with BEGIN IMMEDIATE (claimers queue on the
    write lock instead of failing to upgrade a read lock); on PostgreSQL the transaction's
    commit does not wait for the disk (should the server crash before the WAL is flushed, the
    lease is lost and the work is simply back in the queue). The offers not taken are unlocked
    when the transaction ends.
    `lease` and `grace` default to the calling rules' (read once the transaction has begun).
    """
    conn = begin_claim(session)
    if lease is None or grace is None or (calling_now is None and work_id is None):
        rules = calling.load_rules(session)
        lease = rules.lease if lease is None else lease
        grace = rules.recall_grace if grace is None else grace
        if calling_now is None and work_id is None:
            calling_now = calling.calling_now(session, rules, now)
    statement = _claim_statement(flt, work_id is not None)
    values: dict[str, Any] = {
        "operator_id": actor.employee_id,
        "now": now,
        "overdue_before": now - grace,
        "lease_until": now + lease,
    }
    if work_id is not None:
        values["work_id"] = work_id
    else:
        assert calling_now is not None
        if calling_now.allowed:
            values["callable_zones"] = sorted(calling_now.allowed)
        else:
            statement = None  # nobody may be called now: no need to walk the queue
    taken = conn.execute(statement, values).first() if statement is not None else None
    if conn.dialect.name == "postgresql":
        # what the transaction reads next (F8: the work, its card, the queue) is planned as
        # usual: planning each of those statements again would cost more than it saves
        conn.exec_driver_sql("SET LOCAL plan_cache_mode TO DEFAULT")
    if taken is None:
        return Done(None, NOTHING)
    return Done(taken[0], Changes.of(works=[taken[0]], clients=[taken[1]]))


def renew(
    session: Session, actor: Actor, work_id: int, *, now: datetime, lease: timedelta
) -> Changes:
    """Extend the lease of a work being worked; `LeaseLost` if it is no longer this operator's.

    Nothing another screen shows changes (the work stays taken by the same operator)."""
    renewed = session.execute(
        update(Work)
        .where(
            Work.id == work_id,
            Work.claimed_by_id == actor.employee_id,
            Work.state.in_(OPEN_STATES),
        )
        .values(lease_expires_at=now + lease)
        .returning(Work.id)
        .execution_options(synchronize_session=False)
    ).first()
    if renewed is None:
        raise lease_lost(session, work_id)
    return NOTHING


LEASE_LOST = (
    "Работа №{number} больше не закреплена за вами (срок захвата истёк, её мог взять другой "
    "оператор). Ваш ввод остался в форме: возьмите работу снова или скопируйте результат."
)
WORK_NOT_FOUND = "Работа не найдена: возможно, её удалили."


def lease_lost(session: Session, work_id: int) -> LeaseLost | NotFound:
    """The error for a work this operator no longer holds (or that is gone)."""
    number = session.scalar(select(Work.number).where(Work.id == work_id))
    if number is None:
        return NotFound(WORK_NOT_FOUND)
    return LeaseLost(LEASE_LOST.format(number=number))


def release(session: Session, actor: Actor, work_id: int) -> Changes:
    """Give a taken work back to the queue untouched (the operator skipped it); a work no
    longer held by this operator is left as it is."""
    released = session.execute(
        update(Work)
        .where(Work.id == work_id, Work.claimed_by_id == actor.employee_id)
        .values(claimed_by_id=None, lease_expires_at=None, version=Work.version + 1)
        .returning(Work.client_id)
        .execution_options(synchronize_session=False)
    ).first()
    if released is None:
        return NOTHING
    return Changes.of(works=[work_id], clients=[released[0]])


@dataclass(frozen=True)
class QueueRow:
    work_id: int
    number: int
    planned_at: datetime
    # 0 re-call due, 1 due or overdue, 2 later in the period, each with a client who may be
    # called now; 3 the client may not be called now; 4 a re-call not yet due
    rank: int
    state: WorkState
    client_id: int
    client: str
    person: str
    phone: str
    stage: str
    direction: str
    executor: str  # "" for the pool
    taken_by: str  # who holds an unexpired lease, "" if nobody
    # the client may not be called now (its calling hours, weekend or holiday): from when it
    # may, UTC, at the client, and why not; None if it may
    wait: calling.Wait | None = None


@dataclass(frozen=True)
class Counts:
    planned: int
    done: int
    left: int


@dataclass(frozen=True)
class QueueListing:
    """The session's queue as the screen lists it, with its counts."""

    rows: list[QueueRow]
    counts: Counts


QUEUE_LIMIT = 500


def _rank(now: Any) -> ColumnElement[int]:
    """0 a re-call that is due, 1 due or overdue, 2 later in the period, 3 a re-call not yet due."""
    return case(
        (and_(Work.state == WorkState.RESCHEDULED, Work.planned_at <= now), 0),
        (Work.state == WorkState.RESCHEDULED, 3),
        (Work.planned_at <= now, 1),
        else_=2,
    )


def _listed_rank(rank: Any) -> ColumnElement[int]:
    """`QueueRow.rank` from `_rank`: 0-2 as it is if the client may be called now (the order
    F8 takes them in), 3 if not (F8 leaves it), 4 a re-call not yet due."""
    return case((rank == 3, 4), (not_(_callable()), 3), else_=rank)


@functools.lru_cache(maxsize=32)
def _rows_statement(flt: SessionFilter, limit: int) -> Any:
    """The listing as one statement (each lane's first `limit` works, ranked, the first `limit`
    of them with their details, those whose client may be called now first), the operator and
    the moments as parameters: built once per session filter, and the same text every time, so
    the drivers cache it too. Whether a client may be called is looked at for the works listed
    only, with their details (a lookup of each lane's works cost 6 ms on PostgreSQL)."""
    operator = bindparam("operator_id", type_=Integer)
    now = bindparam("now", type_=UtcDateTime)
    lanes = [
        select(Work.id.label("id"), _rank(now).label("rank"), Work.planned_at.label("planned_at"))
        .where(*lane)
        .order_by(Work.planned_at, Work.id)
        .limit(limit)
        .cte(f"lane{n}")
        for n, lane in enumerate(
            _lanes(operator, flt, bindparam("overdue_before", type_=UtcDateTime))
        )
    ]
    every = union_all(*(select(lane.c.id, lane.c.rank, lane.c.planned_at) for lane in lanes))
    picked = every.subquery("every")
    top = (
        select(picked.c.id, picked.c.rank, picked.c.planned_at)
        .order_by(picked.c.rank, picked.c.planned_at, picked.c.id)
        .limit(limit)
        .subquery("top")
    )
    rank = _listed_rank(top.c.rank)
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
    return (
        select(
            rank,
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
            func.coalesce(Client.time_zone, Region.time_zone),
        )
        .select_from(top)
        .join(Work, Work.id == top.c.id)
        .join(Client, Client.id == Work.client_id)
        .outerjoin(Region, Region.code == Client.region_code)
        .join(Direction, Direction.id == Work.direction_id)
        .outerjoin(ContactPerson, ContactPerson.id == Work.contact_person_id)
        .outerjoin(Stage, Stage.id == Work.stage_id)
        .outerjoin(executor, executor.id == Work.executor_id)
        .outerjoin(holder, holder.id == Work.claimed_by_id)
        .order_by(rank, top.c.planned_at, top.c.id)
    )


def rows(
    session: Session,
    operator_id: int,
    flt: SessionFilter,
    *,
    now: datetime,
    grace: timedelta,
    limit: int = QUEUE_LIMIT,
    calling_now: calling.CallingNow | None = None,
) -> list[QueueRow]:
    """The session's open works in the order `claim_next` takes them, then those whose client
    may not be called now (`calling_now`, by default read by the calling rules at `now`) with
    from when it may, later re-calls last.

    One statement: each lane walks its index for its first `limit` works, and only the first
    `limit` of them all are joined to their client, person, phone and people, and put in that
    order. (So when the first `limit` works are all of clients who may not be called now, F8
    takes one not listed: the list shows what comes first, up to its length.)"""
    if calling_now is None:
        calling_now = calling.calling_now(session, calling.load_rules(session), now)
    found = session.execute(
        _rows_statement(flt, limit),
        {
            "operator_id": operator_id,
            "now": now,
            "overdue_before": now - grace,
            "callable_zones": sorted(calling_now.allowed),
        },
    )
    out = []
    for r in found:
        person = " ".join(p for p in (r[8], r[9], r[10]) if p)
        out.append(
            QueueRow(
                work_id=r[1],
                number=r[2],
                planned_at=r[3],
                rank=r[0],
                state=r[4],
                client_id=r[5],
                client=f"{r[6]} - {r[7]}",
                person=person,
                phone=format_phone(r[11]) if r[11] else "",
                stage=r[12] or "",
                direction=r[13],
                executor=r[14] or "",
                taken_by=r[15] or "",
                wait=calling_now.wait(r[16]),
            )
        )
    return out


@functools.lru_cache(maxsize=32)
def _counts_statement(flt: SessionFilter) -> Any:
    """The session's counts as one statement of scalar subqueries (one round trip)."""
    operator = bindparam("operator_id", type_=Integer)
    lanes = _lanes(operator, flt, bindparam("overdue_before", type_=UtcDateTime))
    left = [select(func.count()).select_from(Work).where(*lane).scalar_subquery() for lane in lanes]
    done = [
        select(func.count())
        .select_from(Work)
        .where(
            whose,
            Work.closed_at >= flt.start,
            Work.closed_at < flt.end,
            Work.state == WorkState.CLOSED,
            *_narrowing(flt),
        )
        .scalar_subquery()
        for whose in (Work.executor_id == operator, Work.executor_id.is_(None))
    ]
    return select(*left, *done)


def counts(
    session: Session, operator_id: int, flt: SessionFilter, *, now: datetime, grace: timedelta
) -> Counts:
    """Works of the session visible to the operator: closed in its period, and still open."""
    found = session.execute(
        _counts_statement(flt), {"operator_id": operator_id, "overdue_before": now - grace}
    ).one()
    left = sum(int(n or 0) for n in found[:3])
    done = sum(int(n or 0) for n in found[3:])
    return Counts(planned=done + left, done=done, left=left)


def listing(
    session: Session,
    operator_id: int,
    flt: SessionFilter,
    *,
    now: datetime,
    grace: timedelta | None = None,
    calling_now: calling.CallingNow | None = None,
) -> QueueListing:
    """The queue and its counts as the session screen shows them, by the calling rules now
    (`grace` and `calling_now` if the caller has read them already)."""
    if grace is None or calling_now is None:
        rules = calling.load_rules(session)
        grace = rules.recall_grace if grace is None else grace
        if calling_now is None:
            calling_now = calling.calling_now(session, rules, now)
    return QueueListing(
        rows(session, operator_id, flt, now=now, grace=grace, calling_now=calling_now),
        counts(session, operator_id, flt, now=now, grace=grace),
    )


def holders(session: Session, work_ids: Sequence[int]) -> dict[int, int | None]:
    """Who holds each work now (for tests and diagnostics)."""
    if not work_ids:
        return {}
    return dict(
        session.execute(select(Work.id, Work.claimed_by_id).where(Work.id.in_(work_ids))).all()
    )
