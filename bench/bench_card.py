"""Client card load p95 at reference scale (DESIGN.md §8: ≤ 50 ms of database time).

Loads the header, functional map, contact persons with phones and the last works of random
clients through `ric_desk.client_card.load_card`, each in a fresh session (no identity-map hits).
"""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bench.common import parser, percentiles, save, timed
from ric_desk.clients.card import load_card
from ric_desk.db.engine import open_engine
from ric_desk.models import Client

AS_OF = date(2026, 11, 23)


def main() -> None:
    p = parser(__doc__ or "")
    p.add_argument("--cards", type=int, default=500)
    args = p.parse_args()
    engine = open_engine(args.db)
    rng = random.Random(args.seed)
    with Session(engine) as s:
        top = s.scalar(select(func.max(Client.id))) or 0
    ids = [rng.randint(1, top) for _ in range(args.cards)]
    for client_id in ids[:20]:
        with Session(engine) as s:
            load_card(s, client_id, AS_OF)
    samples = []
    sizes = []
    for client_id in ids:
        with Session(engine) as s:
            samples.append(timed(lambda s=s, c=client_id: load_card(s, c, AS_OF)))
            card = load_card(s, client_id, AS_OF)
            sizes.append(len(card.indicators) + len(card.persons) + len(card.works))
    save(
        "card", engine, {"load": percentiles(samples), "rows_per_card_avg": sum(sizes) / len(sizes)}
    )


if __name__ == "__main__":
    main()
