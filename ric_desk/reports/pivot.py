"""The pivot over the loaded facts: a total, then each group before its children, every level exact.

Distinct counts (works, clients, and what is counted once per work: assignments, their planned
instruments, ПРИЗ items worked on) are counted over the group itself, never summed from its
children; sums add up; the share of successful contacts and the average duration are
recomputed from the group's own rows (so are the quality control's average score, pass and
critical rates, from the group's sums over its scored reviews); deviation is planned minus used
at every level.

Everything here is numpy over integer codes: a level's groups are the distinct combinations of
its dimensions' codes; sums are `bincount`s; a distinct count is the `bincount` of the distinct
(group, work) pairs. A level's measures are computed when its groups are first asked for, so a
collapsed level costs nothing until it is opened.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from ric_desk import memory
from ric_desk.reports.facts import METHODS
from ric_desk.reports.loaded import Facts, Inputs, dimension_values, view
from ric_desk.reports.names import DISTINCT, QC_MEASURES, RATIOS, TIME_DIMENSIONS, segment_type
from ric_desk.reports.spec import ReportSpec
from ric_desk.reports.table import distinct_pairs, factorize

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


def _measures(
    g: np.ndarray, n: int, data: Inputs, measures: tuple[str, ...]
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
    if wanted & QC_MEASURES:
        out["qc_reviews"] = total(data.qc("qc_reviewed"))
        scored = total(data.qc("qc_scored"))
        with np.errstate(invalid="ignore", divide="ignore"):
            for measure, column, scale in (
                ("qc_avg_score", "qc_score_milli", 100_000),  # thousandths of a percent
                ("qc_pass_rate", "qc_passed", 1),
                ("qc_critical_rate", "qc_critical", 1),
            ):
                if measure in wanted:
                    summed = total(data.qc(column))
                    out[measure] = np.where(scored > 0, summed / scale / scored, np.nan)
    if "used_instruments_in_works" in wanted:
        out["used_instruments_in_works"] = total(data.used)
    if wanted & {"used_instruments", "deviation"}:
        out["used_instruments"] = total(data.used_assigned)
    if n == 1:  # the total: a distinct count is the number of codes present
        g = np.zeros(len(g), dtype="int64")
    if wanted & DISTINCT - {"clients"}:
        if n == 1:
            works = np.flatnonzero(np.bincount(data.work, minlength=data.n_works))
            groups = np.zeros(len(works), dtype="int64")
        else:
            first = distinct_pairs(g, data.work, data.by_work)
            groups, works = g[first], data.work[first]
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
        if n == 1:
            present = np.bincount(data.client, minlength=data.n_clients) > 0
            out["clients"] = np.array([float(np.count_nonzero(present))])
        else:
            first = distinct_pairs(g, data.client, data.by_client)
            out["clients"] = np.bincount(g[first], minlength=n).astype("float64")
    return out


def _number(measure: str, value: float) -> Number:
    if value != value:  # NaN: no share or average for an empty or untimed group
        return None
    if measure in RATIOS:
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
            codes, uniques = factorize(combined)
            # a row's group at each level: kept, so kept small
            codes = codes.astype("int16" if len(uniques) <= np.iinfo("int16").max else "int32")
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
            codes, found = factorize(level.codes.astype("int64") * ncols + self._col_codes)
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
                row = {m: (None if m in RATIOS else 0) for m in measures}
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
