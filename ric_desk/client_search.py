"""Finding a client as an operator types: by registration number, INN, phone digits or name.

Budget: p95 ≤ 30 ms at 100,000 clients (DESIGN.md §8, measured by `bench/bench_search.py`).
Name fragments of three letters or more use the trigram index of revision 0002 (FTS5 on SQLite,
pg_trgm on PostgreSQL); shorter ones fall back to a bounded scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, CompoundSelect, and_, select, text, union
from sqlalchemy.orm import InstrumentedAttribute, Session

from ric_desk.models import Client, ContactChannel

DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class ClientHit:
    id: int
    reg_number: int
    name: str
    inn: str

    @property
    def display_name(self) -> str:
        return f"{self.reg_number} - {self.name}"


def _escape_like(fragment: str) -> str:
    return fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _prefix(
    column: ColumnElement[Any] | InstrumentedAttribute[Any], prefix: str
) -> ColumnElement[bool]:
    """`column` starts with the digits `prefix`, as a range any B-tree index answers."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper)


def _digits_query(digits: str) -> CompoundSelect[int]:
    """Client ids whose reg. number is `digits`, whose INN starts with it, or whose phone ends
    with it (or is it, written with 8 or +7)."""
    selects = [select(Client.id).where(_prefix(Client.inn, digits))]
    if len(digits) <= 18:
        selects.append(select(Client.id).where(Client.reg_number == int(digits)))
    phone = digits
    if len(phone) == 11 and phone[0] == "8":
        phone = "7" + phone[1:]
    if len(phone) >= 4:
        selects.append(
            select(ContactChannel.client_id).where(
                _prefix(ContactChannel.digits_reversed, phone[::-1])
            )
        )
    return union(*selects)


def _name_ids(session: Session, fragment: str, limit: int) -> list[int]:
    fragment = fragment.lower()
    if session.get_bind().dialect.name == "sqlite" and len(fragment) >= 3:
        rows = session.execute(
            text(
                "SELECT rowid FROM client_name_fts WHERE name_search LIKE :p ESCAPE '\\' LIMIT :n"
            ),
            {"p": f"%{_escape_like(fragment)}%", "n": limit * 20},
        )
        return [r[0] for r in rows]
    stmt = (
        select(Client.id)
        .where(Client.name_search.like(f"%{_escape_like(fragment)}%", escape="\\"))
        .limit(limit * 20)
    )
    return list(session.scalars(stmt))


def search_clients(session: Session, query: str, limit: int = DEFAULT_LIMIT) -> list[ClientHit]:
    """Up to `limit` clients matching what was typed, ordered by name."""
    query = query.strip()
    if not query:
        return []
    digits = re.sub(r"[\s()\-+]", "", query)
    if digits.isdigit():
        ids_query = _digits_query(digits).limit(limit * 20)
        ids = list(session.scalars(ids_query))
    else:
        ids = _name_ids(session, query, limit)
    if not ids:
        return []
    rows = session.execute(
        select(Client.id, Client.reg_number, Client.name, Client.inn)
        .where(Client.id.in_(ids))
        .order_by(Client.name_search, Client.id)
        .limit(limit)
    )
    return [ClientHit(*row) for row in rows]


__all__ = ["ClientHit", "search_clients"]
