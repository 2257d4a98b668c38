"""Named numpy columns of equal length: the little of a data frame the report's facts need.

The workstation keeps pandas out of its process: importing it costs about 60 MB of resident
memory, a quarter of the report's budget with a year loaded (DESIGN.md §8), and the report
only ever needs columns, row selection, concatenation, sorting and de-duplication by a key.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Literal

import numpy as np


class Table:
    """Columns by name in their order; each a one-dimensional numpy array, all of one length."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, np.ndarray]) -> None:
        self._data: dict[str, np.ndarray] = {name: np.asarray(v) for name, v in data.items()}
        lengths = {len(v) for v in self._data.values()}
        if len(lengths) > 1:
            raise ValueError(f"columns of different lengths: {sorted(lengths)}")

    @property
    def columns(self) -> list[str]:
        return list(self._data)

    def __len__(self) -> int:
        return len(next(iter(self._data.values()))) if self._data else 0

    def __contains__(self, name: object) -> bool:
        return name in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __getitem__(self, name: str) -> np.ndarray:
        return self._data[name]

    def __setitem__(self, name: str, values: np.ndarray) -> None:
        values = np.asarray(values)
        if self._data and len(values) != len(self):
            raise ValueError(f"column {name!r} has {len(values)} rows, the table {len(self)}")
        self._data[name] = values

    def __repr__(self) -> str:
        return f"Table({len(self)} rows: {', '.join(self._data)})"

    def records(self) -> list[dict[str, object]]:
        """The rows as dictionaries of Python values (for tests and small tables)."""
        names = self.columns
        columns = [self._data[n].tolist() for n in names]
        return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]

    def take(self, rows: np.ndarray) -> Table:
        """The rows a boolean mask or an array of positions selects, in that order."""
        return Table({name: values[rows] for name, values in self._data.items()})

    def sorted_by(self, key: str) -> Table:
        """The rows in the order of `key` (stable: equal keys keep their order)."""
        values = self._data[key]
        if len(values) < 2 or bool((values[1:] >= values[:-1]).all()):
            return self
        return self.take(np.argsort(values, kind="stable"))

    def unique_by(self, key: str, keep: Literal["first", "last"] = "first") -> Table:
        """One row per value of `key`, the first or the last of its rows, in the rows' order."""
        values = self._data[key]
        if len(values) < 2:
            return self
        order = np.argsort(values, kind="stable")  # timsort: fast on the nearly sorted keys
        ordered = values[order]
        differs = ordered[1:] != ordered[:-1]
        if bool(differs.all()):
            return self
        if keep == "first":
            chosen = order[np.concatenate(([True], differs))]
        else:
            chosen = order[np.concatenate((differs, [True]))]
        return self.take(np.sort(chosen))

    @staticmethod
    def concat(tables: Sequence[Table]) -> Table:
        """The rows of each table after another; the columns are the first table's."""
        if not tables:
            raise ValueError("nothing to join")
        names = tables[0].columns
        return Table({n: np.concatenate([t[n] for t in tables]) for n in names})


def factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Dense codes 0..k-1 of integer values and the k distinct values (in ascending order):
    `uniques[codes] == values`. A lookup table when the values span little, else a sort."""
    if not len(values):
        return np.empty(0, dtype="int64"), np.empty(0, dtype=values.dtype)
    low, high = int(values.min()), int(values.max())
    if high - low <= 4 * len(values) + (1 << 20):
        present = np.zeros(high - low + 1, dtype=bool)
        shifted = values - low
        present[shifted] = True
        uniques = np.flatnonzero(present)
        lookup = np.cumsum(present, dtype="int64") - 1
        return lookup[shifted], (uniques + low).astype(values.dtype, copy=False)
    uniques, codes = np.unique(values, return_inverse=True)
    return codes.reshape(-1).astype("int64", copy=False), uniques


def distinct_pairs(groups: np.ndarray, items: np.ndarray, by_item: np.ndarray) -> np.ndarray:
    """The positions of one row per distinct (group, item) pair. `by_item` orders the rows by
    item (a stable argsort of `items`, made once per loaded facts): then every pair's rows lie
    in one run of its item, and sorting the runs by group is a nearly sorted sort."""
    if not len(items):
        return np.empty(0, dtype="int64")
    span = int(groups.max()) + 1
    keys = items[by_item].astype("int64") * span + groups[by_item]
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    first = np.concatenate(([True], keys[1:] != keys[:-1]))
    result: np.ndarray = by_item[order[first]]
    return result
