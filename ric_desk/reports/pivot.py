"""The pivot over the facts: a total, then each group before its children, every level exact.

Distinct counts (works, clients, assignments) are counted over the group itself, never summed
from the children; sums add up; the share of successful contacts and the average duration are
recomputed from the group's own rows; deviation is planned minus used at every level.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ric_desk.reports.facts import ReportError

Key = Any  # a dimension's value in the facts (an id, a code, a flag, a day) or None

# the stable names (for scripts) and the facts' columns behind them
DIMENSIONS: dict[str, str] = {
    "operator": "operator_id",
    "reason": "reason_id",
    "reason_group": "reason_group",
    "stage": "stage_id",
    "direction": "direction_id",
    "campaign": "campaign_id",
    "client": "client_id",
    "responsible": "responsible_id",
    "region": "region_code",
    "status_group": "status_group_id",
    "method": "method",
    "successful": "successful",
    "incoming": "incoming",
    "day": "day",
}
MEASURES = (
    "works",
    "clients",
    "contacts",
    "successful",
    "successful_share",
    "duration",
    "avg_duration",
    "assignments",
    "planned_instruments",
    "used_instruments_in_works",
    "deviation",
)
TOTAL = "Итого"


@dataclass(frozen=True)
class Group:
    """One row of the report: `level` 0 is the total; `key` the values of the first `level`
    row dimensions; `size` the number of its child groups; `values` by measure name."""

    level: int
    key: tuple[Key, ...]
    size: int
    values: dict[str, int | float | None]


def check_names(rows: list[str], measures: list[str]) -> None:
    unknown = [r for r in rows if r not in DIMENSIONS]
    if unknown:
        raise ReportError(
            f"Неизвестный разрез: {', '.join(unknown)}; допустимые: {', '.join(DIMENSIONS)}."
        )
    if len(set(rows)) != len(rows):
        raise ReportError("Разрез указан дважды.")
    unknown = [m for m in measures if m not in MEASURES]
    if unknown:
        raise ReportError(
            f"Неизвестный показатель: {', '.join(unknown)}; допустимые: {', '.join(MEASURES)}."
        )


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value


def _level(facts: pd.DataFrame, keys: list[str]) -> dict[tuple[Key, ...], dict[str, Any]]:
    """The measures of every group of `keys` (the first key is the constant `_all`)."""
    grouped = facts.groupby(keys, dropna=False, sort=False)
    table = pd.DataFrame(
        {
            "contacts": grouped.size(),
            "successful": grouped["successful"].sum(),
            "duration": grouped["duration_sec"].sum(),
            "timed": grouped["duration_sec"].count(),
            "used_instruments_in_works": grouped["used"].sum(),
            "works": grouped["work_id"].nunique(),
            "clients": grouped["client_id"].nunique(),
        }
    )
    per_work = (
        facts[[*keys, "work_id", "work_assignments", "work_planned"]]
        .drop_duplicates([*keys, "work_id"])
        .groupby(keys, dropna=False, sort=False)[["work_assignments", "work_planned"]]
        .sum()
    )
    table["assignments"] = per_work["work_assignments"]
    table["planned_instruments"] = per_work["work_planned"]
    result: dict[tuple[Key, ...], dict[str, Any]] = {}
    for index, row in table.to_dict("index").items():
        key = index if isinstance(index, tuple) else (index,)
        values = {name: _plain(v) for name, v in row.items()}
        contacts, timed = values.pop("contacts"), values.pop("timed")
        values["contacts"] = contacts
        values["successful_share"] = values["successful"] / contacts
        values["avg_duration"] = values["duration"] / timed if timed else None
        values["deviation"] = values["planned_instruments"] - values["used_instruments_in_works"]
        result[tuple(_plain(k) for k in key[1:])] = values
    return result


def _order(key: tuple[Key, ...]) -> tuple[tuple[bool, Key], ...]:
    return tuple((k is None, k) for k in key)


def build(facts: pd.DataFrame, rows: list[str], measures: list[str]) -> list[Group]:
    """The total, then depth first each group (sorted by its key, no value last) before its
    children. The total of an empty frame has zero counts and no share or average."""
    check_names(rows, measures)
    columns = [DIMENSIONS[r] for r in rows]
    frame = facts.assign(_all=0)
    levels = [_level(frame, ["_all", *columns[:k]]) for k in range(len(columns) + 1)]
    if not levels[0]:
        empty: dict[str, Any] = dict.fromkeys(MEASURES, 0)
        empty["successful_share"] = empty["avg_duration"] = None
        levels[0] = {(): empty}
    children: dict[tuple[Key, ...], list[tuple[Key, ...]]] = defaultdict(list)
    for level in levels[1:]:
        for key in level:
            children[key[:-1]].append(key)
    out: list[Group] = []

    def walk(key: tuple[Key, ...]) -> None:
        values = levels[len(key)][key]
        kids = sorted(children.get(key, []), key=_order)
        out.append(Group(len(key), key, len(kids), {m: values[m] for m in measures}))
        for kid in kids:
            walk(kid)

    walk(())
    return out
