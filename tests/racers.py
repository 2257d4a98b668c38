"""What the racing processes of `test_races` run: each opens its own engine on the database's URL,
as a workstation on the same file or server does. Kept apart from the tests so that a spawned
process imports only this and `ric_desk`."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.clients import editing
from ric_desk.db.engine import open_engine
from ric_desk.errors import ConflictError
from ric_desk.models import Client
from ric_desk.store import Store

DAY = date(2026, 11, 29)
BARRIER_WAIT = 120.0  # seconds; only a hung partner ever waits that long


def _race(
    url: str,
    login: str,
    rounds: int,
    me: int,
    barrier: Any,
    results: Any,
    see: Callable[[Session], Any],
    save: Callable[[Session, Actor, Any, int], str],
) -> None:
    """Each round: read what the dialog shows (`see`), wait for the partner, save one's own
    (`save`, with what was seen), wait again. Puts (me, [(outcome, detail), ...])."""
    engine = open_engine(url)
    store = Store(engine, engine.url)
    actor = store.sign_in(login)
    outcomes: list[tuple[str, str]] = []
    try:
        for round_ in range(rounds):
            with store.session(read_only=True) as s:
                seen = see(s)
            barrier.wait(BARRIER_WAIT)
            try:
                with store.session() as s:
                    saved = save(s, actor, seen, round_)
            except ConflictError as exc:
                outcomes.append(("conflict", exc.message))
            except Exception as exc:  # any other kind is what the test counts
                outcomes.append(("other", f"{type(exc).__name__}: {exc}"))
            else:
                outcomes.append(("saved", saved))
            barrier.wait(BARRIER_WAIT)
    finally:
        results.put((me, outcomes))
        engine.dispose()


def race_indicator(
    url: str,
    login: str,
    client_id: int,
    definition_id: int,
    rounds: int,
    me: int,
    barrier: Any,
    results: Any,
) -> None:
    """Load the indicator as the card's dialog does, save a value of one's own with the version
    seen."""

    def save(s: Session, actor: Actor, seen: int, round_: int) -> str:
        raw = str(1000 * round_ + me)
        editing.set_indicator(s, client_id, definition_id, raw, actor, DAY, seen)
        return raw

    _race(
        url, login, rounds, me, barrier, results,
        lambda s: editing.saved_indicator(s, client_id, definition_id).version,
        save,
    )  # fmt: skip


def write_in_a_loop(
    url: str, client_id: int, seconds: float, me: int, barrier: Any, results: Any
) -> None:
    """Short write transactions for `seconds`: read a counter, write it plus one. Puts
    (me, writes, failures, longest transaction in seconds, first failure or "")."""
    engine = open_engine(url)
    store = Store(engine, engine.url)
    writes = failures = 0
    longest = 0.0
    first_failure = ""
    try:
        barrier.wait(BARRIER_WAIT)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            started = time.monotonic()
            try:
                with store.session() as s:
                    counter = s.scalar(select(Client.name).where(Client.id == client_id))
                    s.execute(
                        update(Client)
                        .where(Client.id == client_id)
                        .values(name=str(int(counter or 0) + 1))
                    )
            except Exception as exc:  # counted: there must be none
                failures += 1
                first_failure = first_failure or f"{type(exc).__name__}: {exc}"
            else:
                writes += 1
            longest = max(longest, time.monotonic() - started)
    finally:
        results.put((me, writes, failures, longest, first_failure))
        engine.dispose()


def race_segment(
    url: str,
    login: str,
    client_id: int,
    value_ids: list[int],
    segment_type_id: int,
    rounds: int,
    me: int,
    barrier: Any,
    results: Any,
) -> None:
    """See the client's segment as the card's dialog does, move the client into a value of one's
    own (another than the one seen, and than the partner's)."""
    from ric_desk.functional_map import segments

    def see(s: Session) -> int | None:
        current = segments.current_segment(s, client_id, segment_type_id)
        return current.segment_value_id if current else None

    def save(s: Session, actor: Actor, seen: int | None, _round: int) -> str:
        mine = [v for v in value_ids if v != seen][me]
        editing.change_segment(s, client_id, mine, actor, DAY, seen)
        return str(mine)

    _race(url, login, rounds, me, barrier, results, see, save)


def race_qc_claim(
    url: str,
    login: str,
    contact_ids: list[int],
    now: Any,
    me: int,
    barrier: Any,
    results: Any,
) -> None:
    """Each round both supervisors take the same picked call at the same moment, as the queue's
    «Взять» runs it. Puts (me, [(taken | refused | other, detail), ...])."""
    from ric_desk.checklists import claims
    from ric_desk.errors import UserError

    engine = open_engine(url)
    store = Store(engine, engine.url)
    actor = store.sign_in(login)
    outcomes: list[tuple[str, str]] = []
    try:
        for contact_id in contact_ids:
            barrier.wait(BARRIER_WAIT)
            try:
                with store.session() as s:
                    claims.claim(s, actor, contact_id, now=now)
            except UserError as exc:
                outcomes.append(("refused", exc.message))
            except Exception as exc:  # any other kind is what the test counts
                outcomes.append(("other", f"{type(exc).__name__}: {exc}"))
            else:
                outcomes.append(("taken", ""))
            barrier.wait(BARRIER_WAIT)
    finally:
        results.put((me, outcomes))
        engine.dispose()
