"""The one cache: least-recently-used, bounded by bytes, never keeping an entry too big for it."""
from __future__ import annotations

import pandas as pd

from dashboard.data.cache import Store, cached, size_of


def _frame(rows: int) -> pd.DataFrame:
    return pd.DataFrame({"title": [f"project {i}" for i in range(rows)], "budget": range(rows)})


def test_oldest_entries_leave_first_when_the_budget_is_spent() -> None:
    one = size_of(_frame(100))
    store = Store("t", max_bytes=one * 4)
    for key in "abcd":
        store.put(key, _frame(100))
    store.get("a")  # a is now the most recent
    store.put("e", _frame(100))
    assert store.get("b") == (False, None)
    assert store.get("a")[0] and store.get("e")[0]
    assert store.bytes_used <= store.max_bytes


def test_an_entry_larger_than_a_quarter_of_the_budget_is_not_kept() -> None:
    store = Store("t", max_bytes=size_of(_frame(1000)))
    store.put("big", _frame(1000))
    assert len(store) == 0 and store.bytes_used == 0


def test_cached_calls_once_per_key_and_skips_keys_of_none() -> None:
    store = Store("t", max_bytes=64 << 20)
    calls: list[int] = []

    @cached(store, lambda n: None if n < 0 else n)
    def square(n: int) -> int:
        calls.append(n)
        return n * n

    assert [square(3), square(3), square(-2), square(-2)] == [9, 9, 4, 4]
    assert calls == [3, -2, -2]


def test_small_frames_are_estimated_close_to_their_measured_size() -> None:
    frame = pd.DataFrame({"name": ["จังหวัดเชียงใหม่"] * 77, "plans": range(77), "share": [0.5] * 77,
                          "pilot": [True] * 77})
    measured = int(frame.memory_usage(deep=True).sum())
    assert measured / 2 <= size_of(frame) <= measured * 2
    assert size_of(_frame(5000)) == int(_frame(5000).memory_usage(deep=True).sum())


def test_a_result_split_per_province_counts_as_its_frames() -> None:
    parts = {"10": _frame(40), "50": _frame(60)}
    assert size_of(parts) == size_of(parts["10"]) + size_of(parts["50"])
