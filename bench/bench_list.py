"""The client list screen's query at reference scale: count + first page, as the user types.

The same queries as `bench_search` (real INNs, name fragments, phone digits) but through
`ric_desk.client_list` (filter condition, ORDER BY name, a page of 200 and the total count), plus
the list with no text and the "only with expired indicators" filter.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from bench.common import parser, percentiles, sample_queries, save, timed
from ric_desk.clients import listing
from ric_desk.clients.listing import ClientFilter
from ric_desk.db.engine import open_engine

AS_OF = date(2026, 11, 23)


def main() -> None:
    p = parser(__doc__ or "")
    p.add_argument("--queries", type=int, default=200)
    args = p.parse_args()
    engine = open_engine(args.db)
    sample = sample_queries(engine, args.queries, args.seed)
    inns, fragments, digits = sample["inn"], sample["name"], sample["phone"]

    def screen(f: ClientFilter) -> None:
        with Session(engine) as s:
            where = listing.conditions(s, f, AS_OF)
            listing.count(s, f, AS_OF, limit=listing.count_limit(f), where=where)
            listing.fetch_page(s, f, on=AS_OF, limit=listing.FIRST_PAGE, where=where)

    results = {}
    for kind, queries in (("inn", inns), ("name", fragments), ("phone", digits)):
        for q in queries[:10]:
            screen(ClientFilter(text=q))
        results[kind] = percentiles(
            [timed(lambda q=q: screen(ClientFilter(text=q))) for q in queries]
        )
    for kind, f in (("all", ClientFilter()), ("expired", ClientFilter(only_with_expired=True))):
        screen(f)
        results[kind] = percentiles([timed(lambda f=f: screen(f)) for _ in range(20)])
    save("list", engine, {"count_and_first_page": results})


if __name__ == "__main__":
    main()
