"""Finding a client as an operator types: by registration number, INN, phone digits or name.

Budget: p95 ≤ 30 ms at 100,000 clients (DESIGN.md §8, measured by `bench/bench_search.py`).
Name fragments of three letters or more use the trigram index of revision 0002 (FTS5 on SQLite,
pg_trgm on PostgreSQL); shorter ones fall back to a bounded scan.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Integer,
    Select,
    and_,
    select,
    text,
    union,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from ric_desk.models import Client, ContactChannel

DEFAULT_LIMIT = 50
RARE = 500  # up to this many matches are sorted; more are walked in name order
QUERY_LENGTH = 200  # longer than any name, INN or phone; the rest of a pasted text is ignored


def clean_query(text: str) -> str:
    """What was typed, as the search reads it: Unicode's compatibility forms folded (NFKC:
    «²», «①», full-width digits become digits), every decimal digit as an ASCII one, control
    and format characters (NUL included) dropped, spaces collapsed, at most QUERY_LENGTH."""
    folded = unicodedata.normalize("NFKC", text)
    kept = []
    for c in folded:
        category = unicodedata.category(c)
        if category == "Nd":
            kept.append(str(unicodedata.decimal(c)))
        elif category in ("Cc", "Cf", "Cs", "Co", "Cn"):
            kept.append(" ")
        else:
            kept.append(c)
    return " ".join("".join(kept).split())[:QUERY_LENGTH]


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


def _name_condition(fragment: str) -> ColumnElement[bool]:
    return Client.name_search.like(f"%{_escape_like(fragment.lower())}%", escape="\\")


def _fts_candidates(fragment: str) -> Select[int] | None:
    """SQLite: ids whose name contains `fragment`, from the trigram table of revision 0002.

    The trigram index serves LIKE only without ESCAPE, so a fragment holding % or _ is left to
    the plain scan.
    """
    fragment = fragment.lower()
    if len(fragment) < 3 or "%" in fragment or "_" in fragment:
        return None
    fts = text("SELECT rowid AS id FROM client_name_fts WHERE name_search LIKE :p")
    subquery = fts.bindparams(p=f"%{fragment}%").columns(id=Integer).subquery()
    return select(subquery.c.id)


def _name_candidates(session: Session, fragment: str) -> Select[int] | None:
    """Ids of clients whose name holds `fragment`, from a trigram index (three letters or more)."""
    if session.get_bind().dialect.name == "sqlite":
        return _fts_candidates(fragment)
    if len(fragment) < 3:
        return None
    return select(Client.id).where(_name_condition(fragment))  # pg_trgm GIN, revision 0002


def _hits(session: Session, ids: Sequence[int], limit: int) -> list[ClientHit]:
    """The rows of `ids` in the database's name order (the same order the walk follows)."""
    rows = session.execute(
        select(Client.id, Client.reg_number, Client.name, Client.inn)
        .where(Client.id.in_(ids))
        .order_by(Client.name_search, Client.id)
    ).all()
    return [ClientHit(*row) for row in rows[:limit]]


def _ordered_hits(session: Session, condition: ColumnElement[bool], limit: int) -> list[ClientHit]:
    """Walk the clients in name order and keep the matching ones: fast when matches are many.

    Only ids are read in the walk, so it stays on the name index; the rows come after.
    """
    ids = session.scalars(
        select(Client.id).where(condition).order_by(Client.name_search, Client.id).limit(limit)
    ).all()
    return _hits(session, ids, limit)


@dataclass(frozen=True)
class TextMatch:
    condition: ColumnElement[bool]
    many: bool  # more than RARE clients are known to match
    ids: list[int] | None = None  # all the matches, when they are few


def match(session: Session, query: str) -> TextMatch | None:
    """The WHERE condition for clients matching `query` (None when nothing was typed).

    The same two plans as `search_clients`: a few matches become an id list, many a condition
    that an ordered walk evaluates; for lists that sort and page by any column.
    """
    query = clean_query(query)
    if not query:
        return None
    digits = re.sub(r"[\s()\-+]", "", query)
    if digits.isascii() and digits.isdigit():
        candidates: Select[int] | CompoundSelect[int] | None = _digits_query(digits)
        condition: ColumnElement[bool] = Client.id.in_(_digits_query(digits))
    else:
        condition = _name_condition(query)
        candidates = _name_candidates(session, query)
    if candidates is None:
        return TextMatch(condition, many=False)
    ids = list(session.scalars(candidates.limit(RARE + 1)))
    if len(ids) <= RARE:
        return TextMatch(Client.id.in_(ids), many=False, ids=ids)
    return TextMatch(condition, many=True)


def search_clients(session: Session, query: str, limit: int = DEFAULT_LIMIT) -> list[ClientHit]:
    """The first `limit` clients by name matching what was typed.

    Two plans, chosen by `match`: a few matches (≤ RARE) are read by id and sorted; many are
    found by walking the clients in name order until `limit` of them match.
    Either alone is slow in the other case (see bench/bench_search.py).
    """
    found = match(session, query)
    if found is None:
        return []
    if found.ids is not None:
        return _hits(session, found.ids, limit) if found.ids else []
    return _ordered_hits(session, found.condition, limit)


__all__ = ["ClientHit", "TextMatch", "match", "search_clients"]
