"""Refreshing ПРИЗ items (problems and tasks): the rules raise and retire them.

`refresh` runs every active rule as set-based SQL: the rule's query (`ric_desk.priz.rules`) says
which (client, source key) should be open; one INSERT ... SELECT adds the missing items and one
UPDATE retires the open ones no longer in it, for every client or for a few. The partial unique
index on open rule items turns a second workstation's insert of the same item into a no-op.

An item someone marked done (state `done`) stands for its source: while the condition holds, no
new item is raised for it. Rules whose source can come back (an indicator confirmed again that
expires again) say when the condition began; only a done item closed on or after that counts.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, TypeVar

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Connection,
    Delete,
    Insert,
    Select,
    String,
    Update,
    and_,
    bindparam,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from ric_desk.changes import Changes
from ric_desk.models import (
    Base,
    IndicatorDef,
    IndicatorValue,
    PrizKind,
    PrizRule,
    PrizRuleKind,
    PrizState,
    Scope,
)
from ric_desk.models.base import UtcDateTime, utcnow
from ric_desk.priz.items import COMPETITORS_INDICATOR, competitor_names
from ric_desk.priz.rules import (
    CLIENT_ID,
    CLIENT_IDS,
    RULE_ID,
    RULES,
    ClientScope,
    rule_params,
)

T = TypeVar("T")

CHUNK = 500  # client ids per statement when a refresh or an assignment names clients
ANALYZE_AFTER = 1000  # rows raised or retired at once

_items = Base.metadata.tables["priz_item"]
_other_items = _items.alias("other_item")
NOW = bindparam("p_now", type_=UtcDateTime())
ITEM_IDS: BindParameter[int] = bindparam("p_item_ids", expanding=True)


@dataclass
class RuleCount:
    """What a refresh did for one rule (no rule id: the competitor items)."""

    rule_id: int | None
    title: str
    raised: int = 0
    retired: int = 0


@dataclass
class RefreshResult:
    rules: list[RuleCount] = field(default_factory=list)

    @property
    def raised(self) -> int:
        return sum(r.raised for r in self.rules)

    @property
    def retired(self) -> int:
        return sum(r.retired for r in self.rules)

    @property
    def changed(self) -> bool:
        return self.raised > 0 or self.retired > 0


# -- the statements, built once per rule kind, scope and backend ---------------------------------
_NEW_ITEM = ["kind", "state", "worked_on", "done", "unplanned", "created_at", "updated_at"]


def _new_item(kind: PrizKind, now: ColumnElement[Any]) -> list[ColumnElement[Any]]:
    """Values of the `_NEW_ITEM` columns of a new open item, for an INSERT ... SELECT."""
    no = literal(False, Boolean())
    open_ = literal(PrizState.OPEN.value, String())
    return [literal(kind.value, String()), open_, no, no, no, now, now]


def _new_row(kind: PrizKind, now: datetime) -> dict[str, Any]:
    """The `_NEW_ITEM` columns of a new open item, for an INSERT of rows made in Python."""
    return {
        "kind": kind.value,
        "state": PrizState.OPEN.value,
        "worked_on": False,
        "done": False,
        "unplanned": False,
        "created_at": now,
        "updated_at": now,
    }


# which clients a statement works on: every one, one (`client_id`), a list (`client_ids`)
Reach = Literal["all", "one", "many"]


def _scope(reach: Reach) -> ClientScope:
    if reach == "one":
        return lambda column: column == CLIENT_ID  # no list to expand: the card's path, kept lean
    if reach == "many":
        return lambda column: column.in_(CLIENT_IDS)
    return lambda _column: true()


def _retire(where: ColumnElement[bool]) -> Update:
    return (
        update(_items)
        .where(where)
        .values(
            state=PrizState.RETIRED.value,
            closed_at=NOW,
            updated_at=NOW,
            version=_items.c.version + 1,
        )
    )


@dataclass(frozen=True)
class _RuleStatements:
    any_missing: Select[tuple[bool]] | None  # None: the rule is off, nothing is raised
    raise_missing: Insert | None
    any_stale: Select[tuple[bool]]
    retire_stale: Update


def _rule_statements(
    kind: PrizRuleKind, active: bool, reach: Reach, dialect: str
) -> _RuleStatements:
    scope = _scope(reach)
    if not active:
        stale = and_(
            _items.c.rule_id == RULE_ID,
            _items.c.state == PrizState.OPEN,
            scope(_items.c.client_id),
        )
        return _RuleStatements(None, None, select(exists().where(stale)), _retire(stale))
    wanted = RULES[kind](scope, dialect)
    rows = wanted.query.subquery("wanted")
    client_id, source_key, title = rows.c[0], rows.c[1], rows.c[2]
    items = _other_items.c
    done_counts: ColumnElement[bool] = items.state == PrizState.DONE
    if wanted.has_since:
        began = rows.c[3]
        done_counts = and_(done_counts, func.coalesce(items.closed_at, items.updated_at) >= began)
    not_there = ~exists().where(
        items.client_id == client_id,
        items.rule_id == RULE_ID,
        items.source_key == source_key,
        or_(items.state == PrizState.OPEN, done_counts),
    )
    values = select(client_id, source_key, title, RULE_ID, *_new_item(PrizKind.DYNAMIC, NOW))
    raise_missing: Any
    if dialect == "postgresql":
        raise_missing = postgresql.insert(_items)
    elif dialect == "sqlite":
        raise_missing = sqlite.insert(_items)
    else:
        raise_missing = insert(_items)
    raise_missing = raise_missing.from_select(
        ["client_id", "source_key", "title", "rule_id", *_NEW_ITEM],
        values.select_from(rows).where(not_there),
    )
    if dialect in ("postgresql", "sqlite"):
        raise_missing = raise_missing.on_conflict_do_nothing()  # see the module docstring
    stale = and_(
        _items.c.rule_id == RULE_ID,
        _items.c.state == PrizState.OPEN,
        scope(_items.c.client_id),
        ~exists().where(client_id == _items.c.client_id, source_key == _items.c.source_key),
    )
    return _RuleStatements(
        any_missing=select(select(client_id).select_from(rows).where(not_there).exists()),
        raise_missing=raise_missing,
        any_stale=select(exists().where(stale)),
        retire_stale=_retire(stale),
    )


_statements: dict[tuple[Any, ...], Any] = {}


def _cached(build: Callable[..., T], *key: Any) -> T:
    """Statements are built once: building them costs more than running them for one client."""
    found: T | None = _statements.get((build, *key))
    if found is None:
        found = _statements[build, *key] = build(*key)
    return found


def _rowcount(conn: Connection, statement: Insert | Update | Delete, params: Any) -> int:
    result = conn.execute(statement, params, execution_options={"preserve_rowcount": True})
    return int(result.rowcount)


def _apply_rule(
    conn: Connection, rule: PrizRule, params: dict[str, Any], reach: Reach, count: RuleCount
) -> None:
    s = _cached(_rule_statements, rule.kind, rule.active, reach, conn.dialect.name)
    raised = retired = 0
    if (
        s.raise_missing is not None
        and s.any_missing is not None
        and conn.scalar(s.any_missing, params)
    ):
        raised = _rowcount(conn, s.raise_missing, params)
        _analyze_if_big(conn, raised)
    if conn.scalar(s.any_stale, params):
        retired = _rowcount(conn, s.retire_stale, params)
        _analyze_if_big(conn, retired)
    count.raised += raised
    count.retired += retired


def _analyze_if_big(conn: Connection, changed: int) -> None:
    """Fresh statistics after a big change: planned with the old ones, PostgreSQL took a rule's
    thousands of new items for one row and checked them in a nested loop (85 s for 35,000).

    Without the owner's right PostgreSQL only warns; a big change is an administrator's run."""
    if changed >= ANALYZE_AFTER:
        conn.exec_driver_sql("ANALYZE priz_item")


# -- competitor items ----------------------------------------------------------------------------
def _competitor_statements(
    reach: Reach,
) -> tuple[Select[*tuple[Any, ...]], Select[*tuple[Any, ...]]]:
    scope = _scope(reach)
    values = (
        select(IndicatorValue.client_id, IndicatorValue.value)
        .join(IndicatorDef, IndicatorDef.id == IndicatorValue.indicator_def_id)
        .where(
            scope(IndicatorValue.client_id),
            IndicatorDef.scope == Scope.CLIENT,
            IndicatorDef.name == COMPETITORS_INDICATOR,
            IndicatorDef.active.is_(True),
            IndicatorValue.value.is_not(None),
        )
    )
    items = (
        select(_items.c.id, _items.c.client_id, _items.c.source_key, _items.c.state)
        .where(
            scope(_items.c.client_id),
            _items.c.kind == PrizKind.COMPETITOR.value,
            _items.c.rule_id.is_(None),
            _items.c.source_key.is_not(None),
            _items.c.state.in_([PrizState.OPEN.value, PrizState.DONE.value]),
        )
        .order_by(_items.c.id)
    )
    return values, items


_RETIRE_ITEMS = _retire(_items.c.id.in_(ITEM_IDS))


def _refresh_competitors(
    conn: Connection, reach: Reach, params: dict[str, Any], count: RuleCount
) -> None:
    """One open competitor item per competitor named in the client's "Конкуренты" indicator;
    retired when the name is removed. Items added by hand (no source key) are left alone.

    The text is split here, not in SQL (no portable way): one value per client is read."""
    now = params["p_now"]
    values, items = _cached(_competitor_statements, reach)
    wanted: dict[tuple[int, str], str] = {}
    for owner, value in conn.execute(values, params):
        for key, name in competitor_names(value).items():
            wanted[owner, key] = name
    have: set[tuple[int, str]] = set()
    stale: list[int] = []
    for item_id, client_id, source_key, state in conn.execute(items, params):
        source = (client_id, source_key)
        if state == PrizState.OPEN.value and (source not in wanted or source in have):
            stale.append(item_id)  # no longer named, or a second open item for the same name
        have.add(source)
    missing = [
        {"client_id": c, "source_key": k, "title": name, **_new_row(PrizKind.COMPETITOR, now)}
        for (c, k), name in wanted.items()
        if (c, k) not in have
    ]
    if missing:
        conn.execute(insert(_items), missing)
        count.raised += len(missing)
    for chunk in _chunks(stale):
        count.retired += _rowcount(conn, _RETIRE_ITEMS, {"p_now": now, "p_item_ids": chunk})


# -- refresh -------------------------------------------------------------------------------------
def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def refresh(
    session: Session, today: date, client_ids: Collection[int] | None = None
) -> RefreshResult:
    """Run every rule (and the competitor items) for all clients, or only for `client_ids`.

    Open items of a rule that was switched off are retired. Works in the caller's transaction;
    items already loaded in the session are not updated (expire them to see the change)."""
    session.flush()
    conn = session.connection()
    now = utcnow()
    rules = list(session.scalars(select(PrizRule).order_by(PrizRule.id)))
    counts = [RuleCount(rule.id, rule.title) for rule in rules]
    competitors = RuleCount(None, COMPETITORS_INDICATOR)
    chunks: list[Sequence[int] | None]
    chunks = [None] if client_ids is None else list(_chunks(sorted(set(client_ids))))
    for chunk in chunks:
        scope: dict[str, Any] = {"p_now": now}
        reach: Reach = "all"
        if chunk is not None and len(chunk) == 1:
            reach, scope["p_client_id"] = "one", chunk[0]
        elif chunk is not None:
            reach, scope["p_client_ids"] = "many", list(chunk)
        for rule, count in zip(rules, counts, strict=True):
            _apply_rule(conn, rule, rule_params(rule, today) | scope, reach, count)
        _refresh_competitors(conn, reach, scope, competitors)
    return RefreshResult([*counts, competitors])


def refresh_client(session: Session, client_id: int, today: date) -> RefreshResult:
    """The rules for one client."""
    return refresh(session, today, [client_id])


def after_change(session: Session, client_ids: Collection[int], today: date) -> Changes:
    """The rules for the clients an operation just changed, in that operation's transaction.

    Operations that change what the rules read (indicators, segments, persons, payments,
    promises) call this, so a read never has to: opening a card or a work writes nothing."""
    ids = sorted({i for i in client_ids if i is not None})
    if not ids:
        return Changes()
    result = refresh(session, today, ids)
    return Changes.of(priz=ids) if result.changed else Changes()
