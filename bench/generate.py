"""Generate the reference data set of DESIGN.md §8 (100,000 clients) and time it.

python bench/generate.py --db sqlite:///ref.sqlite3
python bench/generate.py --db postgresql+psycopg://postgres@127.0.0.1/ric_bench
"""

from __future__ import annotations

import sys
import time
from datetime import date

from bench.common import parser, save
from ric_desk.db import migrate
from ric_desk.db.engine import open_engine
from ric_desk.demo.generator import generate

REFERENCE_CLIENTS = 100_000
AS_OF = date(2026, 11, 23)


def main() -> None:
    p = parser(__doc__ or "")
    p.add_argument("--clients", type=int, default=REFERENCE_CLIENTS)
    args = p.parse_args()
    engine = open_engine(args.db)
    migrate.upgrade(engine)
    started = time.perf_counter()
    summary = generate(
        engine,
        clients=args.clients,
        seed=args.seed,
        as_of=AS_OF,
        progress=lambda what, done: print(f"\r{what}: {done:4.0%}  ", end="", file=sys.stderr),
    )
    seconds = time.perf_counter() - started
    print(file=sys.stderr)
    save(
        "generate",
        engine,
        {
            "clients": args.clients,
            "seconds": round(seconds, 1),
            "rows": summary.rows,
            "total_rows": sum(summary.rows.values()),
        },
    )


if __name__ == "__main__":
    main()
