"""The report's column table and its counting helpers against pandas, which they replace in
the workstation's process."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ric_desk.reports.table import Table, distinct_pairs, factorize

ints = st.lists(st.integers(-5, 40), max_size=60)


@settings(max_examples=200, deadline=None)
@given(ints, st.sampled_from(["first", "last"]))
def test_unique_by_keeps_the_rows_pandas_keeps(keys: list[int], keep: str) -> None:
    table = Table({"key": np.array(keys, dtype="int64"), "row": np.arange(len(keys))})
    frame = pd.DataFrame({"key": keys, "row": range(len(keys))}, dtype="int64")
    expected = frame.drop_duplicates("key", keep=keep)["row"].tolist()
    assert table.unique_by("key", keep=keep)["row"].tolist() == expected


@settings(max_examples=200, deadline=None)
@given(ints)
def test_sorted_by_is_stable(keys: list[int]) -> None:
    table = Table({"key": np.array(keys, dtype="int64"), "row": np.arange(len(keys))})
    expected = sorted(range(len(keys)), key=lambda i: keys[i])
    assert table.sorted_by("key")["row"].tolist() == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-(2**40), 2**40), max_size=60) | ints)
def test_factorize_codes_give_back_the_values(values: list[int]) -> None:
    array = np.array(values, dtype="int64")
    codes, uniques = factorize(array)
    assert uniques.tolist() == sorted(set(values))
    assert uniques[codes].tolist() == values


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 9)), max_size=80))
def test_distinct_pairs_picks_one_row_of_each_pair(pairs: list[tuple[int, int]]) -> None:
    groups = np.array([g for g, _ in pairs], dtype="int64")
    items = np.array([i for _, i in pairs], dtype="int64")
    rows = distinct_pairs(groups, items, np.argsort(items, kind="stable"))
    chosen = [pairs[r] for r in rows.tolist()]
    assert sorted(chosen) == sorted(set(pairs))


def test_columns_must_be_of_one_length() -> None:
    with pytest.raises(ValueError, match="different lengths"):
        Table({"a": np.zeros(2), "b": np.zeros(3)})
    table = Table({"a": np.zeros(2)})
    with pytest.raises(ValueError, match="has 3 rows"):
        table["b"] = np.zeros(3)
    assert Table.concat([table, table])["a"].tolist() == [0.0] * 4
    assert table.records() == [{"a": 0.0}, {"a": 0.0}]
