"""The one cache: least-recently-used, bounded by bytes, never keeping an entry too big for it."""
from __future__ import annotations

import threading
import time

import pandas as pd
import pytest

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



def test_threads_asking_at_once_compute_a_value_once() -> None:
    store = Store("t", max_bytes=64 << 20)
    calls: list[int] = []
    started = threading.Event()

    @cached(store, lambda n: n)
    def slow(n: int) -> int:
        calls.append(n)
        started.set()
        time.sleep(0.3)
        return n * 2

    results: list[int] = []
    first = threading.Thread(target=lambda: results.append(slow(21)))
    first.start()
    started.wait(5)
    others = [threading.Thread(target=lambda: results.append(slow(21))) for _ in range(3)]
    for thread in others:
        thread.start()
    for thread in [first, *others]:
        thread.join(5)
    assert results == [42, 42, 42, 42] and calls == [21]


def test_a_failed_computation_lets_the_next_caller_try_again() -> None:
    store = Store("t", max_bytes=64 << 20)
    attempts: list[int] = []

    @cached(store, lambda n: n)
    def flaky(n: int) -> int:
        attempts.append(n)
        if len(attempts) == 1:
            raise RuntimeError("database replaced")
        return n

    with pytest.raises(RuntimeError):
        flaky(1)
    assert flaky(1) == 1 and attempts == [1, 1]
