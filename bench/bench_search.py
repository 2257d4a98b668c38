"""Client search p95 at reference scale (DESIGN.md §8: ≤ 30 ms) by INN, name fragment, phone.

Queries are drawn from the data itself: real INNs, fragments of real names (3-8 letters from a
random position, as an operator types them), the last 4-7 digits of real phones.
"""

from __future__ import annotations

import random

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bench.common import parser, percentiles, save, timed
from ric_desk.client_search import search_clients
from ric_desk.db.engine import open_engine
from ric_desk.models import Client, ContactChannel


def main() -> None:
    p = parser(__doc__ or "")
    p.add_argument("--queries", type=int, default=500)
    args = p.parse_args()
    engine = open_engine(args.db)
    rng = random.Random(args.seed)
    with Session(engine) as s:
        top = s.scalar(select(func.max(Client.id))) or 0
        ids = [rng.randint(1, top) for _ in range(args.queries)]
        inns = [s.scalar(select(Client.inn).where(Client.id == i)) for i in ids]
        names = [s.scalar(select(Client.name).where(Client.id == i)) or "" for i in ids]
        phones = [
            s.scalar(
                select(ContactChannel.digits)
                .where(ContactChannel.client_id == i, ContactChannel.digits.is_not(None))
                .limit(1)
            )
            or ""
            for i in ids
        ]
    fragments = []
    for name in names:
        word = max(name.replace('"', " ").split(), key=len)
        size = min(len(word), rng.randint(3, 8))
        start = rng.randint(0, len(word) - size)
        fragments.append(word[start : start + size])
    digits = [p[-rng.randint(4, 7) :] for p in phones]
    results = {}
    hits = {}
    with Session(engine) as s:
        for kind, queries in (("inn", inns), ("name", fragments), ("phone", digits)):
            for q in queries[:20]:  # warm the cache as a working day would
                search_clients(s, q)
            samples = []
            found = 0
            for q in queries:
                samples.append(timed(lambda q=q: search_clients(s, q)))
                found += bool(search_clients(s, q))
            results[kind] = percentiles(samples)
            hits[kind] = found
    everything = [v for r in results.values() for v in [r["p95_ms"]]]
    save(
        "search",
        engine,
        {"by_kind": results, "queries_with_hits": hits, "worst_p95_ms": max(everything)},
    )


if __name__ == "__main__":
    main()
