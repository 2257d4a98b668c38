"""The facts in memory: the period's contacts, each pointing at its work's and client's rows,
the views of them through a report's filters, and the dimensions' values per contact."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from ric_desk.reports.errors import ReportError
from ric_desk.reports.names import QC_MEASURES, dimension_title
from ric_desk.reports.spec import Filters, Period, ReportSpec
from ric_desk.reports.table import Table

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
    client on its day (`segments["segment:<name>"]`); the quality control's columns
    (`names.QC_COLUMNS`: the contact's counted reviews, of them scored, their total in
    thousandths of a percent, passed, with a critical miss) when a report asked for them."""

    contacts: Table
    works: Table  # sorted by work_id
    clients: Table  # sorted by client_id
    work_pos: np.ndarray
    client_pos: np.ndarray
    reason_groups: np.ndarray  # reason id -> group code; its last item (-1) for "no reason"
    client_regions: np.ndarray  # client row -> region code, -1 for none
    labels: dict[str, dict[int, str]]
    period: Period
    segments: dict[str, np.ndarray] = field(default_factory=dict)
    segment_values: dict[int, str] = field(default_factory=dict)  # segment value id -> type
    qc: dict[str, np.ndarray] = field(default_factory=dict)
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
            or name in self.qc
        )

    def column(self, name: str) -> np.ndarray:
        """One value per contact (looked-up ones are made anew on each call)."""
        values: np.ndarray
        if name in self.contacts.columns:
            values = self.contacts[name]
        elif name in WORK_ATTRIBUTES:
            values = self.works[name][self.work_pos]
        elif name in CLIENT_ATTRIBUTES:
            values = self.clients[name][self.client_pos]
        elif name == "reason_group":
            reasons = self.works["reason_id"][self.work_pos]
            values = self.reason_groups[reasons]
        elif name == "region":
            values = self.client_regions[self.client_pos]
        elif name == "_work":  # dense codes: the row of the work, of the client
            values = self.work_pos
        elif name == "_client":
            values = self.client_pos
        elif name in self.segments:
            values = self.segments[name]
        elif name in self.qc:
            values = self.qc[name]
        else:
            raise KeyError(name)
        return values

    @property
    def frame(self) -> Table:
        """Every column as one table (for tests and comparisons; the pivot reads columns)."""
        names = [
            *self.contacts.columns,
            *WORK_ATTRIBUTES,
            *CLIENT_ATTRIBUTES,
            "reason_group",
            "region",
            *self.segments,
            *self.qc,
        ]
        return Table({name: self.column(name) for name in names})

    def covers(self, spec: ReportSpec) -> bool:
        """Whether these facts can answer `spec` (segment types, client names or the quality
        control's columns not loaded need a new load)."""
        needed = spec.segment_types() | {
            self.segment_values[v]
            for v in spec.filters.segment_value_ids
            if v in self.segment_values
        }
        clients = "client" not in (*spec.rows, *spec.cols) or "client" in self.labels
        quality = not QC_MEASURES & set(spec.measures) or bool(self.qc)
        return (
            clients
            and quality
            and all(f"segment:{s}" in self.segments for s in needed)
            and all(v in self.segment_values for v in spec.filters.segment_value_ids)
        )


def dimension_values(rows: Table | View, dimension: str) -> np.ndarray:
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

    def __init__(self, facts: Facts | Table, mask: np.ndarray | None = None) -> None:
        self.facts = facts
        self.mask = mask
        self.rows = len(facts) if mask is None else int(mask.sum())
        self._columns: dict[str, np.ndarray] = {}
        self.inputs = Inputs(self)

    def __len__(self) -> int:
        return self.rows

    def has(self, name: str) -> bool:
        if isinstance(self.facts, Table):
            return name in self.facts
        return self.facts.has(name)

    def column(self, name: str) -> np.ndarray:
        if name not in self._columns:
            values: np.ndarray = (
                self.facts[name] if isinstance(self.facts, Table) else self.facts.column(name)
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


def filtered(facts: Facts, spec: ReportSpec) -> Table:
    """The facts' rows that pass the spec's filters, as a table (for tests)."""
    mask = _mask(facts, spec.filters)
    frame = facts.frame
    return frame if mask is None else frame.take(mask)


class Inputs:
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

    def qc(self, name: str) -> np.ndarray:
        """A quality control column (`names.QC_COLUMNS`), refused in words when not loaded."""
        if not self._view.has(name):
            raise ReportError("Показатели контроля качества не загружены: нажмите F9.")
        return self._ints(name)

    # dense codes of works and clients: their rows in the facts' tables
    @property
    def work(self) -> np.ndarray:
        values: np.ndarray = self._view.column("_work").astype("int64")
        return values

    @cached_property
    def n_works(self) -> int:
        facts = self._view.facts
        if isinstance(facts, Table):
            return int(facts["_work"].max()) + 1 if len(facts) else 1
        return max(len(facts.works), 1)

    @property
    def client(self) -> np.ndarray:
        values: np.ndarray = self._view.column("_client").astype("int64")
        return values

    @cached_property
    def n_clients(self) -> int:
        facts = self._view.facts
        if isinstance(facts, Table):
            return int(facts["_client"].max()) + 1 if len(facts) else 1
        return max(len(facts.clients), 1)

    @cached_property
    def by_work(self) -> np.ndarray:
        """The rows in the order of their works (for distinct counts: `table.distinct_pairs`)."""
        return _order(self._view.column("_work"))

    @cached_property
    def by_client(self) -> np.ndarray:
        return _order(self._view.column("_client"))

    def per_work(self, name: str) -> np.ndarray:
        """Each work's value (by its dense code) of a per-work column."""
        facts = self._view.facts
        if not isinstance(facts, Table):
            values: np.ndarray = facts.works[name]
            return values
        out = np.zeros(self.n_works, dtype="int64")
        out[self.work] = self._view.column(name)
        return out


def _order(codes: np.ndarray) -> np.ndarray:
    """A stable argsort, kept small. The contacts come in id (time) order and so, nearly, do
    their works' rows: that sort is quick; the clients' is a real one, made once per view."""
    order: np.ndarray = np.argsort(codes, kind="stable")
    return order.astype("int32") if len(order) < 2**31 else order
