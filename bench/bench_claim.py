"""Claim the next work with 16 concurrent claimers (DESIGN.md §8: p95 ≤ 10 ms, zero double claims).

On the reference data set, 16 operators (the demo's own and extra ones who see only the team's
pool) each run in a process of their own, as 16 workstations would, with one connection each.
They open a session over the data set's two planned weeks and claim in rounds: in each round all
16 claim at the same instant (a barrier); when all have their work, each closes it in its own
short transaction, as a session does. Every claim is timed (a session and its transaction around
the `claim_next` call, as the workstation's database worker runs it: connection from the pool,
transaction, the time zones in use read and judged, the statement, commit); the works taken are
checked for duplicates. The taken works are put back as they were at the end.

`--mode saturated` drops the barrier: each claimer claims again as soon as it has closed, the
worst case of a machine with 2 cores running 16 claimers and the database server at once.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bench.common import parser, percentiles, save
from ric_desk.actor import Actor
from ric_desk.calls import queue as work_queue
from ric_desk.calls import rules as calling
from ric_desk.db.engine import open_engine
from ric_desk.models import Employee, Role, Work, WorkState

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # 11:00 in Moscow on the data set's day
PERIOD = work_queue.SessionFilter(start=NOW - timedelta(hours=11), end=NOW + timedelta(days=14))
LEASE = timedelta(minutes=10)
GRACE = timedelta(minutes=60)


_RULES: dict[int, calling.CallingRules] = {}


def claim(engine: Any, operator: Actor, **kw: Any) -> int | None:
    """One claim in a transaction of its own, as F8 makes it: the time zones in use read and
    judged (who may be called now), then the claim statement. F8 reads the calling rules once
    for all it shows; here they are read once per claimer, as the lease and grace were always
    given."""
    with Session(engine) as s, s.begin():
        work_queue.begin_claim(s)
        rules = _RULES.get(id(engine))
        if rules is None:
            rules = _RULES[id(engine)] = calling.load_rules(s)
        return work_queue.claim_next(
            s,
            operator,
            PERIOD,
            now=NOW,
            lease=LEASE,
            grace=GRACE,
            calling_now=calling.calling_now(s, rules, NOW),
            **kw,
        ).value


def claimer(
    url: str,
    operator: Actor,
    claims: int,
    barrier: Any,
    out: Any,
) -> None:
    engine = open_engine(url, pool_size=1)
    samples: list[float] = []
    works: list[int] = []
    errors: list[str] = []
    # warm up as a workstation would be: connected, the statement compiled (a claim of a work
    # that does not exist takes nothing)
    for _ in range(3):
        claim(engine, operator, work_id=-1)
    try:
        for _ in range(claims):
            if barrier is not None:
                barrier.wait()
            started = time.perf_counter()
            work = claim(engine, operator)
            samples.append((time.perf_counter() - started) * 1000)
            if work is None:
                break
            works.append(work)
            if barrier is not None:  # the round's claims are over: now each closes its work
                barrier.wait()
            with Session(engine) as s, s.begin():
                s.execute(
                    update(Work)
                    .where(Work.id == work)
                    .values(state=WorkState.CLOSED, claimed_by_id=None, lease_expires_at=None)
                )
    except Exception as exc:  # a deadlock or a serialisation failure is a finding
        errors.append(repr(exc))
        if barrier is not None:
            barrier.abort()
    engine.dispose()
    out.put((samples, works, errors))


def main() -> None:
    p = parser(__doc__ or "")
    p.add_argument("--claimers", type=int, default=16)
    p.add_argument("--claims", type=int, default=100, help="claims per claimer")
    p.add_argument("--mode", choices=("rounds", "saturated"), default="rounds")
    args = p.parse_args()
    engine = open_engine(args.db)
    with Session(engine) as s, s.begin():
        operators = [
            Actor(employee_id, login, Role.OPERATOR)
            for employee_id, login in s.execute(
                select(Employee.id, Employee.login)
                .where(Employee.role == Role.OPERATOR)
                .order_by(Employee.id)
            )
        ]
        for n in range(len(operators), args.claimers):
            extra = Employee(
                full_name=f"Оператор Нагрузочный {n}",
                login=f"bench_claimer_{n}",
                role=Role.OPERATOR,
            )
            s.add(extra)
            s.flush()
            operators.append(Actor(extra.id, extra.login, Role.OPERATOR))
    operators = operators[: args.claimers]

    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(len(operators)) if args.mode == "rounds" else None
    out = ctx.Queue()
    url = engine.url.render_as_string(hide_password=False)
    processes = [
        ctx.Process(target=claimer, args=(url, op, args.claims, barrier, out)) for op in operators
    ]
    for proc in processes:
        proc.start()
    samples: list[float] = []
    taken: Counter[int] = Counter()
    errors: list[str] = []
    for _ in processes:
        got_samples, works, errs = out.get()
        samples.extend(got_samples)
        taken.update(works)
        errors.extend(errs)
    for proc in processes:
        proc.join()

    # put the data set back as it was
    with Session(engine) as s, s.begin():
        s.execute(
            update(Work)
            .where(Work.id.in_(list(taken)))
            .values(state=WorkState.PLANNED, claimed_by_id=None, lease_expires_at=None)
        )
        s.execute(
            Employee.__table__.delete().where(
                Employee.login.like("bench\\_claimer\\_%", escape="\\")
            )
        )
    save(
        f"claim-{args.mode}",
        engine,
        {
            "claimers": len(operators),
            "mode": args.mode,
            "claim": percentiles(samples),
            "works_taken": len(taken),
            "double_claims": sum(1 for n in taken.values() if n > 1),
            "errors": errors[:5],
            "error_count": len(errors),
        },
    )


if __name__ == "__main__":
    main()
