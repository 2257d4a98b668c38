"""The pivot over the loaded facts: a total, then each group before its children, every level exact.

Distinct counts (works, clients, and what is counted once per work: assignments, their planned
instruments, ПРИЗ items worked on) are counted over the group itself, never summed from its
children; sums add up; the share of successful contacts and the average duration are
recomputed from the group's own rows; deviation is planned minus used at every level.

Everything here is numpy over integer codes: a level's groups are the distinct combinations of
its dimensions' codes; sums are `bincount`s; a distinct count is the `bincount` of the distinct
(group, work) pairs. A level's measures are computed when its groups are first asked for, so a
collapsed level costs nothing until it is opened.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from ric_desk import memory
from ric_desk.reports.errors import ReportError
from ric_desk.reports.facts import METHODS
from ric_desk.reports.names import DISTINCT, TIME_DIMENSIONS, dimension_title, segment_type
from ric_desk.reports.spec import Filters, Period, ReportSpec

Key = Any  # a dimension's value: an int, or None where the data has none
Number = int | float | None
NONE_LABEL = "(не указано)"
TOTAL = "Итого"
MONTHS = (
    "Январь", "Февраль", "Март", "Апрель", "Май", "Июнь",
    "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь",
)  # fmt: skip
QUARTERS = ("I", "II", "III", "IV")
EPOCH = date(1970, 1, 1)

# the facts' column behind each plain dimension (time ones are derived from `day`)
COLUMNS: dict[str, str] = {
    "operator": "operator_id",
    "reason": "reason_id",
    "reason_group": "reason_group",
    "stage": "stage_id",
    "direction": "direction_id",
    "campaign": "campaign_id",
    "client": "client_id",
    "responsible": "responsible_id",
    "region": "region",
    "status_group": "status_group_id",
    "method": "method",
    "successful": "successful",
    "incoming": "incoming",
}


WORK_ATTRIBUTES = (
    "reason_id",
    "stage_id",
    "direction_id",
    "campaign_id",
    "assignments",
    "planned",
    "priz",
)
CLIENT_ATTRIBUTES = ("responsible_id", "status_group_id")


@dataclass
class Facts:
    """The loaded facts (`service.make_facts`): the period's contacts, each pointing at its
    work's row (`work_pos`) and client's row (`client_pos`); a column of a work's or client's
    attribute per contact is looked up when a report asks for it. Also the labels of the
    values by dimension, the period, and each loaded segment type's value of the contact's
    client on its day (`segments["segment:<name>"]`)."""

    contacts: pd.DataFrame
    works: pd.DataFrame  # sorted by work_id
    clients: pd.DataFrame  # sorted by client_id
    work_pos: np.ndarray
    client_pos: np.ndarray
    reason_groups: np.ndarray  # reason id -> group code; its last item (-1) for "no reason"
    client_regions: np.ndarray  # client row -> region code, -1 for none
    labels: dict[str, dict[int, str]]
    period: Period
    segments: dict[str, np.ndarray] = field(default_factory=dict)
    segment_values: dict[int, str] = field(default_factory=dict)  # segment value id -> type
    _views: dict[Filters, View] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.contacts)

    def has(self, name: str) -> bool:
        return (
            name in self.contacts.columns
            or name in WORK_ATTRIBUTES
            or name in CLIENT_ATTRIBUTES
            or name in ("reason_group", "region", "_work", "_client")
            or name in self.segments
        )

    def column(self, name: str) -> np.ndarray:
        """One value per contact (looked-up ones are made anew on each call)."""
        values: np.ndarray
        if name in self.contacts.columns:
            values = self.contacts[name].to_numpy()
        elif name in WORK_ATTRIBUTES:
            values = self.works[name].to_numpy()[self.work_pos]
        elif name in CLIENT_ATTRIBUTES:
            values = self.clients[name].to_numpy()[self.client_pos]
        elif name == "reason_group":
            reasons = self.works["reason_id"].to_numpy()[self.work_pos]
            values = self.reason_groups[reasons]
        elif name == "region":
            values = self.client_regions[self.client_pos]
        elif name == "_work":  # dense codes: the row of the work, of the client
            values = self.work_pos
        elif name == "_client":
            values = self.client_pos
        elif name in self.segments:
            values = self.segments[name]
        else:
            raise KeyError(name)
        return values

    @property
    def frame(self) -> pd.DataFrame:
        """Every column as one frame (for tests and comparisons; the pivot reads columns)."""
        names = [
            *self.contacts.columns,
            *WORK_ATTRIBUTES,
            *CLIENT_ATTRIBUTES,
            "reason_group",
            "region",
            *self.segments,
        ]
        return pd.DataFrame({name: self.column(name) for name in names})

    def covers(self, spec: ReportSpec) -> bool:
        """Whether these facts can answer `spec` (segment types or client names not loaded
        need a new load)."""
        needed = spec.segment_types() | {
            self.segment_values[v]
            for v in spec.filters.segment_value_ids
            if v in self.segment_values
        }
        clients = "client" not in (*spec.rows, *spec.cols) or "client" in self.labels
        return (
            clients
            and all(f"segment:{s}" in self.segments for s in needed)
            and all(v in self.segment_values for v in spec.filters.segment_value_ids)
        )


@dataclass(frozen=True)
class Group:
    """One row of the report: `level` 0 is the total; `key` the values of the first `level`
    row dimensions; `size` the number of its child groups; `values` by measure (over all
    columns); `cells` the same per column key (empty without column dimensions)."""

    level: int
    key: tuple[Key, ...]
    size: int
    values: dict[str, Number]
    cells: dict[tuple[Key, ...], dict[str, Number]] = field(default_factory=dict)


def dimension_values(rows: pd.DataFrame | View, dimension: str) -> np.ndarray:
    """The dimension's value of every row (int64, -1 for none)."""
    values: np.ndarray = _dimension_values(
        rows if isinstance(rows, View) else View(rows), dimension
    )
    return values


def _dimension_values(rows: View, dimension: str) -> Any:
    if dimension in COLUMNS:
        return rows.column(COLUMNS[dimension]).astype("int64")
    if dimension.startswith("segment:"):
        if not rows.has(dimension):
            raise ReportError(f"Разрез «{dimension_title(dimension)}» не загружен: нажмите F9.")
        return rows.column(dimension).astype("int64")
    days = rows.column("day")
    if dimension == "day":
        return days.astype("int64")
    if dimension not in ("week", "month", "quarter", "year"):
        raise ReportError(f"Неизвестный разрез: {dimension}.")
    if not len(days):
        return np.empty(0, dtype="int64")
    # the period's few hundred days mapped once, then each row looks its day up
    first = int(days.min())
    span = np.arange(first, int(days.max()) + 1, dtype="int64")
    if dimension == "week":  # the Monday of the week (1970-01-01 was a Thursday)
        table = span - (span + 3) % 7
    else:
        months = span.astype("datetime64[D]").astype("datetime64[M]").astype("int64")
        table = {
            "month": months,  # months since 1970-01
            "quarter": months // 3,
            "year": months // 12 + 1970,
        }[dimension]
    return table[days - first]


def time_label(dimension: str, value: int) -> str:
    if dimension == "day":
        return f"{EPOCH + timedelta(days=value):%d.%m.%Y}"
    if dimension == "week":
        monday = EPOCH + timedelta(days=value)
        return f"{monday:%d.%m}–{monday + timedelta(days=6):%d.%m.%Y}"
    if dimension == "month":
        return f"{MONTHS[value % 12]} {1970 + value // 12}"
    if dimension == "quarter":
        return f"{QUARTERS[value % 4]} кв. {1970 + value // 4}"
    return str(value)


def time_script_value(dimension: str, value: int) -> str:
    if dimension == "day":
        return (EPOCH + timedelta(days=value)).isoformat()
    if dimension == "week":
        year, week, _ = (EPOCH + timedelta(days=value)).isocalendar()
        return f"{year}-W{week:02d}"
    if dimension == "month":
        return f"{1970 + value // 12}-{value % 12 + 1:02d}"
    if dimension == "quarter":
        return f"{1970 + value // 4}-Q{value % 4 + 1}"
    return str(value)


def _mask(facts: Facts, f: Filters) -> np.ndarray | None:
    """Which rows pass the filters; None: all of them."""
    mask = np.ones(len(facts), dtype=bool)
    for ids, column in (
        (f.operator_ids, "operator_id"),
        (f.direction_ids, "direction_id"),
        (f.campaign_ids, "campaign_id"),
        (f.stage_ids, "stage_id"),
    ):
        if ids:
            mask &= np.isin(facts.column(column), np.array(sorted(ids), dtype="int64"))
    if f.region_codes:
        regions = facts.labels.get("region_code", {})
        codes = [code for code, text in regions.items() if text in f.region_codes]
        mask &= np.isin(facts.column("region"), np.array(codes, dtype="int64"))
    if f.segment_value_ids:
        by_type: dict[str, list[int]] = {}
        for value in f.segment_value_ids:
            kind = facts.segment_values.get(value)
            if kind is None or f"segment:{kind}" not in facts.segments:
                raise ReportError("Фильтр по сегменту не загружен: нажмите F9.")
            by_type.setdefault(kind, []).append(value)
        for kind, values in by_type.items():
            mask &= np.isin(facts.column(f"segment:{kind}"), np.array(values, dtype="int64"))
    return None if mask.all() else mask


class View:
    """The rows of the facts that pass a spec's filters, read column by column when needed
    (a re-pivot touches only the columns of its dimensions and measures)."""

    def __init__(self, facts: Facts | pd.DataFrame, mask: np.ndarray | None = None) -> None:
        self.facts = facts
        self.mask = mask
        self.rows = len(facts) if mask is None else int(mask.sum())
        self._columns: dict[str, np.ndarray] = {}
        self.inputs = _Inputs(self)

    def __len__(self) -> int:
        return self.rows

    def has(self, name: str) -> bool:
        if isinstance(self.facts, pd.DataFrame):
            return name in self.facts.columns
        return self.facts.has(name)

    def column(self, name: str) -> np.ndarray:
        if name not in self._columns:
            values: np.ndarray = (
                self.facts[name].to_numpy()
                if isinstance(self.facts, pd.DataFrame)
                else self.facts.column(name)
            )
            self._columns[name] = values if self.mask is None else values[self.mask]
        return self._columns[name]


def view(facts: Facts, filters: Filters) -> View:
    """The facts through `filters`, kept on the facts for the next re-pivot (the last two)."""
    cached = facts._views.get(filters)
    if cached is None:
        cached = View(facts, _mask(facts, filters))
        if len(facts._views) >= 2:
            facts._views.pop(next(iter(facts._views)))
        facts._views[filters] = cached
    return cached


def filtered(facts: Facts, spec: ReportSpec) -> pd.DataFrame:
    """The facts' rows that pass the spec's filters, as a frame (for tests)."""
    mask = _mask(facts, spec.filters)
    frame = facts.frame
    return frame if mask is None else frame[mask]


class _Inputs:
    """The measure inputs of a view's rows, coded for counting; each made on first use."""

    def __init__(self, rows: View) -> None:
        self._view = rows
        self.rows = len(rows)

    def _ints(self, name: str) -> np.ndarray:
        return self._view.column(name)

    @property
    def successful(self) -> np.ndarray:
        return self._ints("successful")

    @property
    def timed(self) -> np.ndarray:
        values: np.ndarray = self._ints("duration_sec") >= 0
        return values

    @property
    def duration(self) -> np.ndarray:
        values = self._ints("duration_sec")
        result: np.ndarray = np.where(values >= 0, values, 0)
        return result

    @property
    def used(self) -> np.ndarray:
        return self._ints("used")

    @property
    def used_assigned(self) -> np.ndarray:
        return self._ints("used_assigned")

    # dense codes of works and clients: their rows in the facts' tables
    @property
    def work(self) -> np.ndarray:
        values: np.ndarray = self._view.column("_work").astype("int64")
        return values

    @cached_property
    def n_works(self) -> int:
        facts = self._view.facts
        if isinstance(facts, pd.DataFrame):
            return int(facts["_work"].max()) + 1 if len(facts) else 1
        return max(len(facts.works), 1)

    @property
    def client(self) -> np.ndarray:
        values: np.ndarray = self._view.column("_client").astype("int64")
        return values

    @cached_property
    def n_clients(self) -> int:
        facts = self._view.facts
        if isinstance(facts, pd.DataFrame):
            return int(facts["_client"].max()) + 1 if len(facts) else 1
        return max(len(facts.clients), 1)

    def per_work(self, name: str) -> np.ndarray:
        """Each work's value (by its dense code) of a per-work column."""
        facts = self._view.facts
        if not isinstance(facts, pd.DataFrame):
            values: np.ndarray = facts.works[name].to_numpy()
            return values
        out = np.zeros(self.n_works, dtype="int64")
        out[self.work] = self._view.column(name)
        return out


def _measures(
    g: np.ndarray, n: int, data: _Inputs, measures: tuple[str, ...]
) -> dict[str, np.ndarray]:
    """Every measure asked for, per group code 0..n-1 of each row."""
    g = g.astype("int64")
    out: dict[str, np.ndarray] = {}
    wanted = set(measures)

    def total(weights: np.ndarray) -> np.ndarray:
        if n == 1:  # the total: a sum, no grouping
            return np.array([weights.sum(dtype="float64")])
        summed: np.ndarray = np.bincount(g, weights=weights, minlength=n)
        return summed

    contacts = (
        np.array([float(len(g))]) if n == 1 else np.bincount(g, minlength=n).astype("float64")
    )
    out["contacts"] = contacts
    if wanted & {"successful", "successful_share"}:
        out["successful"] = total(data.successful)
        with np.errstate(invalid="ignore", divide="ignore"):
            out["successful_share"] = np.where(contacts > 0, out["successful"] / contacts, np.nan)
    if wanted & {"duration", "avg_duration"}:
        out["duration"] = total(data.duration)
        timed = total(data.timed)
        with np.errstate(invalid="ignore", divide="ignore"):
            out["avg_duration"] = np.where(timed > 0, out["duration"] / timed, np.nan)
    if "used_instruments_in_works" in wanted:
        out["used_instruments_in_works"] = total(data.used)
    if wanted & {"used_instruments", "deviation"}:
        out["used_instruments"] = total(data.used_assigned)
    if n == 1:  # the total: a distinct count is the number of codes present
        g = np.zeros(len(g), dtype="int64")
    if wanted & DISTINCT - {"clients"}:
        pairs = (
            np.flatnonzero(np.bincount(data.work, minlength=data.n_works))
            if n == 1
            else pd.unique(g * data.n_works + data.work)
        )
        groups, works = pairs // data.n_works, pairs % data.n_works
        out["works"] = np.bincount(groups, minlength=n).astype("float64")
        for name, measure in (
            ("assignments", "assignments"),
            ("planned", "planned_instruments"),
            ("priz", "priz_worked"),
        ):
            out[measure] = np.bincount(groups, weights=data.per_work(name)[works], minlength=n)
        if "deviation" in wanted:
            out["deviation"] = out["planned_instruments"] - out["used_instruments"]
    if "clients" in wanted:
        pairs = (
            np.flatnonzero(np.bincount(data.client, minlength=data.n_clients))
            if n == 1
            else pd.unique(g * data.n_clients + data.client)
        )
        out["clients"] = np.bincount(pairs // data.n_clients, minlength=n).astype("float64")
    return out


def _number(measure: str, value: float) -> Number:
    if value != value:  # NaN: no share or average for an empty or untimed group
        return None
    if measure in ("successful_share", "avg_duration"):
        return float(value)
    return round(float(value))


@dataclass
class _Level:
    codes: np.ndarray  # each row's group at this level
    keys: np.ndarray  # (groups, level) dimension values, -1 for none
    parents: np.ndarray  # each group's parent at the level above
    index: dict[tuple[Key, ...], int] | None = None
    values: dict[str, np.ndarray] | None = None
    cells: tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]] | None = None  # group, col, values
    children: list[np.ndarray] | None = None


class Report:
    """A built report: the total, and each group's children on demand (see the module)."""

    def __init__(self, facts: Facts, spec: ReportSpec) -> None:
        spec.check()
        self.spec = spec
        self.period = facts.period
        self._labels = facts.labels
        frame = view(facts, spec.filters)
        self._data = frame.inputs
        rows = len(frame)
        self._levels: list[_Level] = [
            _Level(
                np.zeros(rows, dtype="int8"),  # the total: one group
                np.empty((1, 0), dtype="int64"),
                np.zeros(1, dtype="int64"),
            )
        ]
        values = [dimension_values(frame, d) for d in spec.rows]
        for depth, column in enumerate(values, start=1):
            above = self._levels[-1]
            # a group's key: its parent's code and its own value, in one integer
            span = int(column.max(initial=-1)) + 2
            combined = column + 1 if depth == 1 else above.codes.astype("int64") * span + column + 1
            codes, uniques = pd.factorize(combined)
            codes = codes.astype("int32")  # a row's group at each level: kept, so kept small
            n = len(uniques)
            uniques = np.asarray(uniques, dtype="int64")
            parents = uniques // span
            keys = (
                np.column_stack([above.keys[parents], uniques % span - 1])
                if n
                else np.empty((0, depth), dtype="int64")
            )
            self._levels.append(_Level(codes, keys.astype("int64"), parents))
        col_values = [dimension_values(frame, d) for d in spec.cols]
        self.columns: list[tuple[Key, ...]] = []
        self._col_codes = np.zeros(0, dtype="int64")  # made only with column dimensions
        if spec.cols:
            stacked = (
                np.column_stack(col_values)
                if rows
                else np.empty((0, len(spec.cols)), dtype="int64")
            )
            unique_cols, inverse = np.unique(stacked, axis=0, return_inverse=True)
            order = sorted(
                range(len(unique_cols)),
                key=lambda i: self._sort_key(spec.cols, tuple(int(v) for v in unique_cols[i])),
            )
            position = np.empty(len(order), dtype="int64")
            position[order] = np.arange(len(order))
            self._col_codes = position[inverse.reshape(-1)] if rows else self._col_codes
            self.columns = [self._key(tuple(int(v) for v in unique_cols[i])) for i in order]
        self.total = self._groups(0, np.array([0]))[0]

    # --- the tree ------------------------------------------------------------------------------

    def children(self, key: tuple[Key, ...]) -> list[Group]:
        """The groups one level below `key`, sorted by their label (time in time order)."""
        depth = len(key)
        if depth >= len(self.spec.rows):
            return []
        node = self._node(depth, key)
        if node is None:
            return []
        below = self._levels[depth + 1]
        if below.children is None:
            order = np.argsort(below.parents, kind="stable")
            bounds = np.searchsorted(
                below.parents[order], np.arange(len(self._levels[depth].keys) + 1)
            )
            below.children = [order[bounds[i] : bounds[i + 1]] for i in range(len(bounds) - 1)]
        groups = self._groups(depth + 1, below.children[node])
        return sorted(groups, key=lambda g: self._sort_key(self.spec.rows[: depth + 1], g.key)[-1])

    def walk(self, depth: int | None = None) -> Iterator[Group]:
        """The total, then depth first each group before its children, down to `depth` levels."""
        limit = len(self.spec.rows) if depth is None else min(depth, len(self.spec.rows))

        def visit(group: Group) -> Iterator[Group]:
            yield group
            if group.level < limit:
                for child in self.children(group.key):
                    yield from visit(child)

        yield from visit(self.total)

    # --- labels --------------------------------------------------------------------------------

    def label(self, dimension: str, value: Key) -> str:
        if value is None:
            return NONE_LABEL
        if dimension in TIME_DIMENSIONS:
            return time_label(dimension, int(value))
        names = self._labels.get((segment_type(dimension) and "segment") or dimension, {})
        return names.get(int(value), str(value))

    def script_value(self, dimension: str, value: Key) -> str:
        if value is None:
            return ""
        if dimension in TIME_DIMENSIONS:
            return time_script_value(dimension, int(value))
        if dimension == "method":
            return METHODS[int(value)].value
        if dimension == "region":
            return self._labels.get("region_code", {}).get(int(value), "")
        if dimension == "reason_group" or segment_type(dimension):
            return self.label(dimension, value)
        return str(value)

    def row_labels(self, group: Group) -> list[str]:
        return [self.label(d, v) for d, v in zip(self.spec.rows, group.key, strict=False)]

    def column_title(self, col_key: tuple[Key, ...]) -> str:
        return " / ".join(self.label(d, v) for d, v in zip(self.spec.cols, col_key, strict=True))

    # --- inside --------------------------------------------------------------------------------

    def _key(self, raw: tuple[int, ...]) -> tuple[Key, ...]:
        return tuple(None if v == -1 else v for v in raw)

    def _sort_key(self, dims: tuple[str, ...], key: tuple[Key, ...]) -> list[tuple[bool, Any]]:
        out: list[tuple[bool, Any]] = []
        for d, v in zip(dims, key, strict=False):
            v = None if v == -1 else v
            if v is None:
                out.append((True, ""))
            elif d in TIME_DIMENSIONS or d in ("successful", "incoming"):
                out.append((False, v))
            else:
                out.append((False, (self.label(d, v).casefold(), v)))
        return out

    def _node(self, depth: int, key: tuple[Key, ...]) -> int | None:
        level = self._levels[depth]
        if level.index is None:
            level.index = {self._key(tuple(int(x) for x in k)): i for i, k in enumerate(level.keys)}
        return level.index.get(key)

    def _groups(self, depth: int, nodes: np.ndarray) -> list[Group]:
        level = self._levels[depth]
        measures = self.spec.measures
        n = len(level.keys)
        if level.values is None:
            level.values = _measures(level.codes, n, self._data, measures)
            memory.give_back()  # the counting's temporary arrays
        if self.spec.cols and level.cells is None:
            ncols = max(len(self.columns), 1)
            codes, found = pd.factorize(level.codes.astype("int64") * ncols + self._col_codes)
            per_cell = _measures(codes.astype("int64"), len(found), self._data, measures)
            found = found.astype("int64")
            order = np.argsort(found // ncols, kind="stable")
            level.cells = (
                found[order] // ncols,
                found[order] % ncols,
                {m: v[order] for m, v in per_cell.items()},
            )
        sizes = (
            np.bincount(self._levels[depth + 1].parents, minlength=n)
            if depth + 1 < len(self._levels)
            else np.zeros(n, dtype="int64")
        )
        out = []
        for node in nodes.tolist():
            cells: dict[tuple[Key, ...], dict[str, Number]] = {}
            if level.cells is not None:
                groups, cols, values = level.cells
                lo, hi = np.searchsorted(groups, [node, node + 1])
                for i in range(lo, hi):
                    cells[self.columns[cols[i]]] = {m: _number(m, values[m][i]) for m in measures}
            row: dict[str, Number]
            if self._data.rows == 0:
                row = {
                    m: (None if m in ("successful_share", "avg_duration") else 0) for m in measures
                }
            else:
                row = {m: _number(m, level.values[m][node]) for m in measures}
            out.append(
                Group(
                    level=depth,
                    key=self._key(tuple(int(x) for x in level.keys[node])),
                    size=int(sizes[node]),
                    values=row,
                    cells=cells,
                )
            )
        return out


def build(facts: Facts, spec: ReportSpec) -> Report:
    return Report(facts, spec)
