"""A page's layout built once per database build and address, then reused.

The overview's layout depends only on the database and the URL query, and building it (four full
figures, the boundaries, the captions) costs 150-400 ms of CPU, on every first visit and reload.
Kept per build, a repeat costs only Dash's serialisation. A rebuilt database changes the build token,
so a stale page is never served; while the database cannot be read nothing is kept, so the friendly
error page is computed each time.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any

from dashboard.data import db
from dashboard.data.cache import Store, cached

PAGE_CACHE_BYTES = 64 << 20  # per process; a rendered layout is counted as about 1 MB
PAGES = Store("pages", PAGE_CACHE_BYTES)

Layout = Callable[..., Any]


def _query_key(query: dict[str, Any]) -> Hashable:
    """The query as Dash pages passes it (strings or lists of strings), as a hashable key."""
    return tuple(sorted((str(k), repr(v)) for k, v in query.items()))


def _page_key(**query: Any) -> Hashable | None:
    """(database file, its build, the query); None while the database cannot be read."""
    try:
        return (str(db.db_path()), db.db_version(), _query_key(query))
    except db.DatabaseUnavailable:
        return None


def cached_page(layout: Layout) -> Layout:
    """Memoise a Dash pages `layout(**query)` on (database file, its build, the query)."""
    memo = cached(PAGES, _page_key)(layout)

    @wraps(layout)
    def wrapper(**query: Any) -> Any:
        return memo(**query)

    wrapper.cache_clear = PAGES.clear  # type: ignore[attr-defined]
    return wrapper
