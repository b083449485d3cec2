"""A page's layout built once per database build and address, then reused.

The overview's layout depends only on the database and the URL query, and building it (four full
figures, the boundaries, the captions) costs 150-400 ms of CPU, on every first visit and reload.
Kept per build, a repeat costs only Dash's serialisation. A rebuilt database changes the build token,
so a stale page is never served; while the database cannot be read nothing is kept, so the friendly
error page is computed each time.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any

from dashboard import db

PAGES_KEPT = 32  # different addresses kept per process (each a few MB of components)

Layout = Callable[..., Any]


def _query_key(query: dict[str, Any]) -> Hashable:
    """The query as Dash pages passes it (strings or lists of strings), as a hashable key."""
    return tuple(sorted((str(k), repr(v)) for k, v in query.items()))


def cached_page(layout: Layout) -> Layout:
    """Memoise a Dash pages `layout(**query)` on (database file, its build, the query)."""
    kept: OrderedDict[Hashable, Any] = OrderedDict()
    lock = threading.Lock()

    @wraps(layout)
    def wrapper(**query: Any) -> Any:
        try:
            build = (str(db.db_path()), db.db_version())
        except db.DatabaseUnavailable:
            return layout(**query)
        key = (build, _query_key(query))
        with lock:
            page = kept.get(key)
            if page is not None:
                kept.move_to_end(key)
                return page
        page = layout(**query)
        with lock:
            kept[key] = page
            while len(kept) > PAGES_KEPT:
                kept.popitem(last=False)
        return page

    wrapper.cache_clear = kept.clear  # type: ignore[attr-defined]
    return wrapper
