"""`records` gives exactly what `DataFrame.to_dict("records")` gives, for every kind of column."""
from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from dashboard.data import db, queries
from dashboard.data.records import records
from dashboard.data.state import Filters


def _same(a: Any, b: Any) -> bool:
    if a is b:  # None, NaT
        return True
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


def _assert_as_to_dict(frame: pd.DataFrame) -> None:
    got, wanted = records(frame), frame.to_dict("records")
    assert len(got) == len(wanted)
    for mine, theirs in zip(got, wanted, strict=True):
        assert list(mine) == list(theirs)
        assert all(_same(mine[k], theirs[k]) for k in theirs), (mine, theirs)


def test_every_kind_of_column_reads_as_to_dict_reads_it() -> None:
    frame = pd.DataFrame({
        "text": pd.array(["เชียงใหม่", None, "Bangkok"], dtype="string"),
        "plain_text": ["a", None, "c"],
        "count": [1, 2, 3],
        "share": [0.5, float("nan"), 2.0],
        "flag": [True, False, True],
        "maybe": pd.array([True, None, False], dtype="boolean"),
        "level": pd.array([4, None, 0], dtype="Int32"),
        "at": pd.to_datetime(["2023-04-24", None, "2024-01-01"], utc=True),
    })
    _assert_as_to_dict(frame)
    assert records(frame)[1]["maybe"] is None and records(frame)[1]["level"] is None
    _assert_as_to_dict(frame.iloc[:0])


@pytest.mark.parametrize("goals", [(), (3,), (1, 17)])
def test_the_query_results_pages_walk_read_alike(snap: db.Snapshot, base: Filters,
                                                  goals: tuple[int, ...]) -> None:
    filters = base.replace(goals=goals)
    for frame in (queries.province_status(snap, filters), queries.goals(snap, filters),
                  queries.regions(snap, filters), queries.goal_region_counts(snap, filters)):
        assert len(frame)
        _assert_as_to_dict(frame)
