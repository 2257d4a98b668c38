"""Quality control on the reference data set (issue 12's budgets): drawing a month's listening
sample for every operator, and opening a review (the call, its script path, the stage's
check-list and the pre-fill) for calls of that sample.

    python -m bench.bench_qc --db URL

The sample is drawn in a transaction rolled back afterwards (the data set stays as it was),
`--runs` times; then it is drawn once more, kept open, and `--reviews` of its calls are opened
as their supervisor would (nothing is written by opening).
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bench.common import parser, percentiles, save
from ric_desk.actor import Actor, Role
from ric_desk.checklists.reviews import open_review
from ric_desk.checklists.sample import draw_sample
from ric_desk.db.engine import open_engine
from ric_desk.models import Contact, Employee, QcPick

START = datetime(2026, 9, 1, tzinfo=UTC)  # a month before the demo's own sampled days
END = datetime(2026, 10, 1, tzinfo=UTC)
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def main() -> None:
    p = parser("Draw a month's listening sample; open reviews of its calls.")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--reviews", type=int, default=100)
    args = p.parse_args()
    engine = open_engine(args.db)
    with Session(engine) as s:
        supervisor = s.scalar(select(Employee.id).where(Employee.role == Role.SUPERVISOR))
        operators = s.scalar(
            select(func.count(Contact.operator_id.distinct())).where(
                Contact.actual_at >= START, Contact.actual_at < END
            )
        )
    assert supervisor is not None
    actor = Actor(supervisor, "bench", Role.SUPERVISOR)
    draws: list[float] = []
    drawn = 0
    for _ in range(args.runs):
        with Session(engine) as s, s.begin():
            started = time.perf_counter()
            done = draw_sample(s, actor, START, END, now=NOW)
            draws.append((time.perf_counter() - started) * 1000)
            drawn = done.value.added
            s.rollback()
    opens: list[float] = []
    with Session(engine) as s, s.begin():
        draw_sample(s, actor, START, END, now=NOW)
        picks = list(
            s.scalars(
                select(QcPick.contact_id).where(
                    QcPick.period_start == START, QcPick.period_end == END
                )
            )
        )
        rng = random.Random(args.seed)
        for contact_id in rng.sample(picks, min(args.reviews, len(picks))):
            started = time.perf_counter()
            open_review(s, actor, contact_id, now=NOW)
            opens.append((time.perf_counter() - started) * 1000)
        s.rollback()
    save(
        "qc",
        engine,
        {
            "period": f"{START:%d.%m.%Y}-{END:%d.%m.%Y} (exclusive)",
            "operators": operators,
            "calls_drawn": drawn,
            "draw_ms": [round(d, 1) for d in draws],
            "draw_best_ms": round(min(draws), 1),
            "open_review": percentiles(opens),
        },
    )


if __name__ == "__main__":
    main()
