"""Client search p95 at reference scale (DESIGN.md §8: ≤ 30 ms) by INN, name fragment, phone.

Queries are drawn from the data itself: real INNs, fragments of real names (3-8 letters from a
random position, as an operator types them), the last 4-7 digits of real phones.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bench.common import parser, percentiles, sample_queries, save, timed
from ric_desk.clients.search import search_clients
from ric_desk.db.engine import open_engine


def main() -> None:
    p = parser(__doc__ or "")
    p.add_argument("--queries", type=int, default=500)
    args = p.parse_args()
    engine = open_engine(args.db)
    sample = sample_queries(engine, args.queries, args.seed)
    inns, fragments, digits = sample["inn"], sample["name"], sample["phone"]
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
