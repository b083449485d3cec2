"""One way to remember results: least-recently-used stores bounded by bytes, not by entry count.

A count bound lets one kind of entry (a 100k-row export frame at national scale) fill the memory of
every worker; a byte bound keeps each store within a known budget whatever it holds. An entry larger
than a quarter of its store's budget is returned but not kept.
"""
from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import pandas as pd

P = ParamSpec("P")
R = TypeVar("R")

WAIT_S = 30.0  # how long a thread waits for another computing the same value
UNKNOWN_SIZE = 1 << 20  # bytes assumed for values whose size cannot be measured (rendered layouts)


EXACT_ROWS = 1000  # frames from this many rows up are measured exactly; smaller ones are estimated
CELL_BYTES = 112  # estimate for a text or object cell: an 8-byte pointer to a short string


def _frame_size(frame: pd.DataFrame | pd.Series) -> int:
    """Bytes of a frame: measured when large, estimated from its dtypes when small.

    Measuring (`memory_usage(deep=True)`) costs about 0.4 ms even for a 5-row frame, and the query
    cache stores several small frames on every filter change; a budget only needs the large ones right.
    """
    rows = len(frame)
    if rows >= EXACT_ROWS:
        return int(frame.memory_usage(deep=True).sum() if isinstance(frame, pd.DataFrame)
                   else frame.memory_usage(deep=True))
    dtypes = frame.dtypes.tolist() if isinstance(frame, pd.DataFrame) else [frame.dtype]
    widths = (getattr(dt, "itemsize", CELL_BYTES) if dt.kind in "biufcmM" else CELL_BYTES for dt in dtypes)
    return rows * (8 + sum(widths))  # 8: the index


def size_of(value: object) -> int:
    """Approximate bytes held by a cached value."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return _frame_size(value)
    if isinstance(value, bytes | bytearray | str):
        return sys.getsizeof(value)
    nbytes = getattr(value, "nbytes", None)
    if isinstance(nbytes, int):
        return nbytes
    return UNKNOWN_SIZE


class Store:
    """A thread-safe LRU map whose values add up to at most `max_bytes`."""

    def __init__(self, name: str, max_bytes: int) -> None:
        self.name = name
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Event] = {}

    @property
    def bytes_used(self) -> int:
        """Bytes currently held."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable) -> tuple[bool, Any]:
        """(True, value) when kept, else (False, None); a hit becomes the most recent entry."""
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return False, None
            self._items.move_to_end(key)
            return True, item[0]

    def put(self, key: Hashable, value: Any, size: int | None = None) -> None:
        """Keep `value`, evicting the oldest entries to stay within budget (too large: not kept)."""
        size = size_of(value) if size is None else size
        if size > self.max_bytes // 4:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._items[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes and self._items:
                _, (_, dropped) = self._items.popitem(last=False)
                self._bytes -= dropped

    def claim(self, key: Hashable) -> threading.Event | None:
        """None when the caller should compute `key` (and `release` it after); else the event that
        is set once the thread already computing it is done."""
        with self._lock:
            busy = self._computing.get(key)
            if busy is None:
                self._computing[key] = threading.Event()
            return busy

    def release(self, key: Hashable) -> None:
        """The claimed value is kept (or failed): wake the threads waiting for it."""
        with self._lock:
            done = self._computing.pop(key, None)
        if done is not None:
            done.set()

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._items.clear()
            self._bytes = 0


def cached(store: Store, key: Callable[..., Hashable | None]) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Memoise a function in `store` under `key(*args)`; a key of None means "do not cache this call".

    A value is computed once even when several threads ask for it at the same time (after a new
    build every request misses at once): the others wait for it, up to WAIT_S, then compute it
    themselves if it was not kept (too large, or the computation failed)."""

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            k = key(*args, **kwargs)
            if k is None:
                return fn(*args, **kwargs)
            k = (fn.__module__, fn.__qualname__, k)
            hit, value = store.get(k)
            if hit:
                return value  # type: ignore[no-any-return]
            busy = store.claim(k)
            if busy is not None:  # another thread is computing it: wait rather than compute it twice
                busy.wait(WAIT_S)
                hit, value = store.get(k)
                return value if hit else fn(*args, **kwargs)  # type: ignore[no-any-return]
            try:
                result = fn(*args, **kwargs)
                store.put(k, result)
            finally:
                store.release(k)
            return result

        return wrapper

    return decorate
