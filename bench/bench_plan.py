"""Plan a work for every client of a list at once (File → Plan works for the listed clients).

The supervisor's largest plan, `planning.BULK_LIMIT` clients of the reference data set: one
work each, in turn to the operators, over ten working days, in one transaction that is rolled
back afterwards (the data set stays as it was). The workstation runs it as a long job behind a
progress bar with Cancel; this times the whole operation, `--runs` times.

    python -m bench.bench_plan --db URL
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bench.common import parser, save
from ric_desk.actor import Actor, Role
from ric_desk.calls.planning import BULK_LIMIT, BulkPlan, Executors, plan_matching
from ric_desk.clients.listing import ClientFilter
from ric_desk.db.engine import open_engine
from ric_desk.models import Client, Direction, Employee

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # 11:00 in Moscow on the data set's day


def main() -> None:
    p = parser("Plan a work for each of the list's clients at once.")
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    engine = open_engine(args.db)
    with Session(engine) as s:
        direction = s.scalar(select(Direction.id).order_by(Direction.id))
        operators = tuple(s.scalars(select(Employee.id).where(Employee.role == Role.OPERATOR)))
        supervisor = s.scalar(select(Employee.id).where(Employee.role == Role.SUPERVISOR))
        clients = list(s.scalars(select(Client.id).order_by(Client.id).limit(BULK_LIMIT)))
    assert direction is not None and operators and supervisor is not None
    actor = Actor(supervisor, "bench", Role.SUPERVISOR)
    plan = BulkPlan(
        stage_id=7,
        direction_id=direction,
        first_day=date(2026, 11, 24),
        days=10,
        executors=Executors.ROUND_ROBIN,
        executor_ids=operators,
        again=True,
    )
    seconds: list[float] = []
    planned = 0
    for _ in range(args.runs):
        with engine.connect() as conn:
            outer = conn.begin()
            with Session(bind=conn, join_transaction_mode="create_savepoint") as s:
                started = time.perf_counter()
                report = plan_matching(
                    s, actor, ClientFilter(), plan, now=NOW - timedelta(days=1), only=clients
                )
                s.flush()
                seconds.append(time.perf_counter() - started)
                planned = report.value.planned
            outer.rollback()
    result = {
        "clients_limit": BULK_LIMIT,
        "planned": planned,
        "runs_s": [round(x, 2) for x in seconds],
        "best_s": round(min(seconds), 2),
    }
    print(result)
    save("plan", engine, result)


if __name__ == "__main__":
    main()
