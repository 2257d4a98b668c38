"""The workstation's fact cache: the report's tables (`ric_desk.reports.facts`) for a period,
kept on disk in the user's data directory and refreshed incrementally.

A refresh takes a change-stamp bound (`ric_desk.db.stamps`) and reads what was written since the
previous one: the works whose contacts, assignments, instruments or ПРИЗ items changed (or were
deleted) are read again whole and replace their rows, as do the clients that changed. A work
re-closed with another reason or an old contact edited is therefore never missed.

On disk: `base.npz` (the tables when last compacted), `delta.npz` (the rows of the works and
clients changed since, and which ones they replace) and `meta.json` (format, schema, database,
reader's scope, period, bound). Only the delta is rewritten after a refresh until it grows past
a fifth of the base; then the whole is written again. Anything that does not match (another
format, schema revision, database, scope, a clock gone back after a restore) makes a cold
rebuild. The cache lives also in memory between builds, so a second build reads no file.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import CompoundSelect, Connection, select, union

from ric_desk.db import migrate, stamps
from ric_desk.errors import Cancelled
from ric_desk.models.clients import Client
from ric_desk.models.priz import PrizItem
from ric_desk.models.reports import DeletedRow
from ric_desk.models.works import (
    Assignment,
    AssignmentInstrument,
    Contact,
    ContactInstrument,
    Work,
)
from ric_desk.reports.facts import (
    CLIENT_COLUMNS,
    CONTACT_COLUMNS,
    WORK_COLUMNS,
    Progress,
    Tables,
    Where,
    read_clients,
    read_period,
    read_works_of,
    small,
)
from ric_desk.reports.spec import Period
from ric_desk.reports.table import Table
from ric_desk.store import Store

FORMAT = 1
TABLES = {"contacts": CONTACT_COLUMNS, "works": WORK_COLUMNS, "clients": CLIENT_COLUMNS}
KEYS = {"contacts": "work_id", "works": "work_id", "clients": "client_id"}


@dataclass
class Stats:
    """What the last `load` did, for the benchmark and the screen's status line."""

    cold: bool = False
    read_disk: bool = False
    dirty_works: int = 0
    dirty_clients: int = 0
    compacted: bool = False


@dataclass
class _State:
    meta: dict[str, Any]
    tables: Tables  # base with the delta applied
    delta: Tables  # rows of the changed works and clients since the base
    dirty_works: np.ndarray = field(default_factory=lambda: np.empty(0, dtype="int64"))
    dirty_clients: np.ndarray = field(default_factory=lambda: np.empty(0, dtype="int64"))


def _replace(table: Table, key: str, ids: np.ndarray, rows: Table) -> Table:
    """`table` without the rows of `ids`, with `rows` in their place. A table sorted by its
    key stays sorted (the works and clients are looked up by key); the rest are appended."""
    if len(ids):
        gone = np.isin(table[key], ids)
        if gone.any():
            table = table.take(~gone)
    if not len(rows):
        return table
    keys = table[key]
    if len(keys) > 1 and not bool((keys[1:] >= keys[:-1]).all()):
        return _narrow(Table.concat([table, rows]))
    rows = rows.sorted_by(key)
    at = np.searchsorted(keys, rows[key])
    merged = {}
    for column in table.columns:
        old, new = table[column], rows[column]
        kind = np.result_type(old, new)
        merged[column] = np.insert(old.astype(kind, copy=False), at, new.astype(kind, copy=False))
    return _narrow(Table(merged))


def _narrow(table: Table) -> Table:
    """Every integer column in the narrowest type that holds it: joining parts read apart (or
    an empty table's default int32) must not widen a year's columns for good."""
    for column in table.columns:
        if table[column].dtype.kind == "i":
            table[column] = small(table[column])
    return table


def _save(path: Path, tables: Tables, extra: dict[str, np.ndarray] | None = None) -> None:
    arrays: dict[str, np.ndarray] = dict(extra or {})
    for name, columns in TABLES.items():
        data: Table = getattr(tables, name)
        for column, dtype in columns.items():
            values = data[column]
            arrays[f"{name}.{column}"] = values.astype("U") if dtype == "str" else values
    tmp = path.with_suffix(f".{uuid.uuid4().hex}.tmp")
    with open(tmp, "wb") as out:
        np.savez(out, **arrays)  # type: ignore[arg-type]
    os.replace(tmp, path)


def _load(path: Path) -> tuple[Tables, dict[str, np.ndarray]]:
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    tables = {}
    for name, columns in TABLES.items():
        tables[name] = Table(
            {
                # as stored: each column keeps the narrow type it was read in
                c: arrays.pop(f"{name}.{c}")
                for c in columns
            }
        )
    return Tables(**tables), arrays


class FactCache:
    """One reader's cache of one database (see the module). Not thread-safe: one worker uses it."""

    def __init__(self, root: Path, database: str, reader: str) -> None:
        digest = hashlib.sha256(f"{database}\n{reader}".encode()).hexdigest()[:24]
        self.dir = root / digest
        self.database = database
        self._state: _State | None = None
        self.stats = Stats()

    # --- the public step -------------------------------------------------------------------

    def load(
        self,
        store: Store,
        period: Period,
        scope_key: str,
        scope: Where | None,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Tables:
        """The tables for `period` (or a wider one), refreshed to now. `scope` narrows the
        contacts to those the reader may see; `scope_key` names it (another scope: rebuilt)."""
        self.stats = Stats()
        with store.session() as session:  # a short write on SQLite: the clock moves on
            conn = session.connection()
            revision = migrate.current_revision(conn)
            current = stamps.current(conn)
            bound = stamps.take_bound(conn)
        if self._state is None:
            self._state = self._read_disk()
        state = self._state
        if state is not None and not self._matches(state.meta, revision, scope_key, current):
            state = None
        with store.session(read_only=True) as session:
            conn = session.connection()
            if state is None:
                self.stats.cold = True
                tables = read_period(
                    conn, period, scope, progress=progress, cancelled=cancelled, parallel=True
                )
                state = _State(
                    self._meta(revision, scope_key, period, bound), tables, Tables.empty()
                )
                self._state = state
                self._write_all(state)
                return state.tables
            self._refresh(conn, state, scope, state.meta["bound"], cancelled)
            wider = self._widen(conn, state, period, scope, progress, cancelled)
        state.meta["bound"] = bound
        if wider or len(state.delta.contacts) > len(state.tables.contacts) // 5:
            self.stats.compacted = True
            state.delta = Tables.empty()
            state.dirty_works = np.empty(0, dtype="int64")
            state.dirty_clients = np.empty(0, dtype="int64")
            self._write_all(state)
        else:
            self._write_delta(state)
        return state.tables

    def forget(self) -> None:
        """Drop the cache, in memory and on disk."""
        self._state = None
        for name in ("meta.json", "base.npz", "delta.npz"):
            (self.dir / name).unlink(missing_ok=True)

    def size_on_disk(self) -> int:
        return sum(p.stat().st_size for p in self.dir.glob("*") if p.is_file())

    # --- the parts ---------------------------------------------------------------------------

    def _meta(
        self, revision: str | None, scope_key: str, period: Period, bound: int
    ) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "revision": revision,
            "database": self.database,
            "scope": scope_key,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "bound": bound,
            "generation": uuid.uuid4().hex,
        }

    def _matches(
        self, meta: dict[str, Any], revision: str | None, scope_key: str, current: int
    ) -> bool:
        return (
            meta.get("format") == FORMAT
            and meta.get("revision") == revision
            and meta.get("database") == self.database
            and meta.get("scope") == scope_key
            and isinstance(meta.get("bound"), int)
            and current >= meta["bound"]
        )

    def _period(self, state: _State) -> Period:
        return Period(
            date.fromisoformat(state.meta["start"]), date.fromisoformat(state.meta["end"])
        )

    def _refresh(
        self,
        conn: Connection,
        state: _State,
        scope: Where | None,
        since: int,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        """Read again the works and clients written since `since`."""
        works_q: CompoundSelect[tuple[int]] = union(
            select(Contact.work_id).where(Contact.change_stamp >= since),
            select(Work.id).where(Work.change_stamp >= since),
            select(Assignment.work_id).where(Assignment.change_stamp >= since),
            select(Assignment.work_id)
            .join(AssignmentInstrument, AssignmentInstrument.assignment_id == Assignment.id)
            .where(AssignmentInstrument.change_stamp >= since),
            select(Contact.work_id)
            .join(ContactInstrument, ContactInstrument.contact_id == Contact.id)
            .where(ContactInstrument.change_stamp >= since),
            select(PrizItem.work_id).where(
                PrizItem.change_stamp >= since, PrizItem.work_id.is_not(None)
            ),
            select(DeletedRow.work_id).where(
                DeletedRow.change_stamp >= since, DeletedRow.work_id.is_not(None)
            ),
        )
        clients_q: CompoundSelect[tuple[int]] = union(
            select(Client.id).where(Client.change_stamp >= since),
            select(DeletedRow.client_id).where(
                DeletedRow.change_stamp >= since, DeletedRow.client_id.is_not(None)
            ),
        )
        works = np.array(sorted(conn.scalars(works_q).all()), dtype="int64")
        clients = np.array(sorted(conn.scalars(clients_q).all()), dtype="int64")
        self.stats.dirty_works, self.stats.dirty_clients = len(works), len(clients)
        if not len(works) and not len(clients):
            return
        if cancelled is not None and cancelled():
            raise Cancelled()
        period = self._period(state)
        contacts, work_rows = read_works_of(conn, works.tolist(), period, scope)
        known = state.tables.clients["client_id"]
        new_clients = np.setdiff1d(contacts["client_id"], known)
        client_ids = np.union1d(clients, new_clients)
        client_rows = read_clients(conn, client_ids.tolist())
        changed = Tables(contacts, work_rows, client_rows)
        for name in TABLES:
            ids = client_ids if name == "clients" else works
            setattr(
                state.tables,
                name,
                _replace(getattr(state.tables, name), KEYS[name], ids, getattr(changed, name)),
            )
            setattr(
                state.delta,
                name,
                _replace(getattr(state.delta, name), KEYS[name], ids, getattr(changed, name)),
            )
        state.dirty_works = np.union1d(state.dirty_works, works)
        state.dirty_clients = np.union1d(state.dirty_clients, client_ids)

    def _widen(
        self,
        conn: Connection,
        state: _State,
        period: Period,
        scope: Where | None,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> bool:
        """Read the days of `period` the cache does not hold yet; the cache then holds both
        (and the days between)."""
        have = self._period(state)
        start, end = min(have.start, period.start), max(have.end, period.end)
        missing = []
        if start < have.start:
            missing.append(Period(start, date.fromordinal(have.start.toordinal() - 1)))
        if end > have.end:
            missing.append(Period(date.fromordinal(have.end.toordinal() + 1), end))
        if not missing:
            return False
        self.stats.cold = True
        for part in missing:
            extra = read_period(
                conn, part, scope, progress=progress, cancelled=cancelled, parallel=True
            )
            contacts = Table.concat([state.tables.contacts, extra.contacts])
            works = Table.concat([state.tables.works, extra.works])
            works = works.unique_by("work_id", keep="last").sorted_by("work_id")
            state.tables = Tables(_narrow(contacts), _narrow(works), extra.clients)
        # a work seen in both parts has all of its period's contacts in the table once each
        state.tables.contacts = state.tables.contacts.unique_by("contact_id", keep="last")
        state.meta["start"], state.meta["end"] = start.isoformat(), end.isoformat()
        return True

    # --- disk --------------------------------------------------------------------------------

    def _read_disk(self) -> _State | None:
        try:
            meta = json.loads((self.dir / "meta.json").read_text(encoding="utf-8"))
            base, extra = _load(self.dir / "base.npz")
            if str(extra.get("generation", np.array(""))) != meta.get("generation"):
                return None
            state = _State(meta, base, Tables.empty())
            delta_path = self.dir / "delta.npz"
            if delta_path.exists():
                delta, marks = _load(delta_path)
                if str(marks.get("generation", np.array(""))) == meta.get("generation"):
                    state.delta = delta
                    state.dirty_works = marks["dirty_works"].astype("int64")
                    state.dirty_clients = marks["dirty_clients"].astype("int64")
                    for name in TABLES:
                        ids = state.dirty_clients if name == "clients" else state.dirty_works
                        setattr(
                            state.tables,
                            name,
                            _replace(getattr(base, name), KEYS[name], ids, getattr(delta, name)),
                        )
            self.stats.read_disk = True
            return state
        except (OSError, ValueError, KeyError, json.JSONDecodeError, TypeError):
            return None  # no cache, or one this version cannot read: built again

    def _write_all(self, state: _State) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        state.meta["generation"] = uuid.uuid4().hex
        (self.dir / "delta.npz").unlink(missing_ok=True)
        _save(
            self.dir / "base.npz", state.tables, {"generation": np.array(state.meta["generation"])}
        )
        self._write_meta(state)

    def _write_delta(self, state: _State) -> None:
        if not len(state.dirty_works) and not len(state.dirty_clients):
            self._write_meta(state)
            return
        _save(
            self.dir / "delta.npz",
            state.delta,
            {
                "generation": np.array(state.meta["generation"]),
                "dirty_works": state.dirty_works,
                "dirty_clients": state.dirty_clients,
            },
        )
        self._write_meta(state)

    def _write_meta(self, state: _State) -> None:
        tmp = self.dir / f"meta.{uuid.uuid4().hex}.tmp"
        tmp.write_text(json.dumps(state.meta), encoding="utf-8")
        os.replace(tmp, self.dir / "meta.json")
