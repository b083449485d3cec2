"""A page rendered once per database build and canonical address, then reused.

The overview's layout depends only on the database and the state its URL describes, and building it
(four full figures, the boundaries, the captions) costs 150-400 ms of CPU; serialising and compressing
it for the browser costs tens of milliseconds more. Both are kept per build, under the page's
canonical form of the query (`?goal=3,2` and `?goal=2&goal=3` are one page), so a page opened before
costs a lookup. A rebuilt database changes the build token, so a stale page is never served; while the
database cannot be read nothing is kept, so the friendly error page is computed each time.
"""
from __future__ import annotations

import gzip
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import Any
from urllib.parse import parse_qs

import brotli
from flask import Flask, Response, g, request

from dashboard.data import db
from dashboard.data.cache import Store, cached

try:  # Python 3.14+
    from compression import zstd  # type: ignore[import-not-found]
except ImportError:  # Flask-Compress brings the backport on older Pythons
    from backports import zstd

PAGE_CACHE_BYTES = 64 << 20  # per process; a rendered layout is counted as about 1 MB
RESPONSE_CACHE_BYTES = 32 << 20  # per process; a compressed overview answer is about 35 KB
PAGES = Store("pages", PAGE_CACHE_BYTES)
RESPONSES = Store("page-responses", RESPONSE_CACHE_BYTES)
CALLBACK_PATH = "/_dash-update-component"
PAGES_ROUTER_OUTPUT = ".._pages_content.children..._pages_store.data.."
MAX_SEARCH = 4096  # longer addresses are answered, not kept

Layout = Callable[..., Any]
Canonical = Callable[[Mapping[str, Any]], Hashable]
# Fast levels: an answer is compressed once per page and encoding, while its first visitor waits.
# Preferred in this order: on the overview's answer brotli 5 is 5 % smaller than zstd 6 (30.0 vs
# 31.8 KB) for about a millisecond more, paid once per page.
ENCODERS: dict[str, Callable[[bytes], bytes]] = {
    "br": lambda data: brotli.compress(data, quality=5),
    "zstd": lambda data: zstd.compress(data, 6),
    "gzip": lambda data: gzip.compress(data, 6, mtime=0),
}
_CANONICAL: dict[str, Canonical] = {}  # page path or template -> its canonical query, for pages that opt in


def raw_query(query: Mapping[str, Any]) -> Hashable:
    """The query as Dash pages passes it (strings or lists of strings), as a hashable key."""
    return tuple(sorted((str(k), repr(v)) for k, v in query.items()))


def _build_key(page: Hashable | None) -> Hashable | None:
    """(database file, its build, the page); None while the database cannot be read, or when the page
    is not to be kept (its canonical query is None)."""
    if page is None:
        return None
    try:
        return (str(db.db_path()), db.db_version(), page)
    except db.DatabaseUnavailable:
        return None


def cached_page(path: str | None = None, canonical: Canonical = raw_query) -> Callable[[Layout], Layout]:
    """Memoise a Dash pages `layout(**query)` on (database file, its build, canonical(query)); with a
    `path` (or a template such as `/province/<code>`, whose variables join the query), the browser's
    answer for that page is kept too (see `register_page_responses`). A canonical query of None
    keeps nothing."""

    def decorate(layout: Layout) -> Layout:
        memo = cached(PAGES, lambda **query: _build_key(canonical(query)))(layout)

        @wraps(layout)
        def wrapper(**query: Any) -> Any:
            return memo(**query)

        wrapper.cache_clear = clear  # type: ignore[attr-defined]
        if path is not None:
            _CANONICAL[path] = canonical
        return wrapper

    return decorate


def clear() -> None:
    """Forget every kept layout and answer."""
    PAGES.clear()
    RESPONSES.clear()


# ---------------------------------------------------------------- the router's answers


@dataclass(frozen=True)
class Kept:
    """A compressed answer of the pages router, ready to send again."""

    body: bytes
    encoding: str
    mimetype: str


def query_of(search: str) -> dict[str, Any]:
    """A `?a=1&b=2` search string as Dash pages hands it to a layout (one value: a string)."""
    if not search.startswith("?"):
        return {}
    return {k: v[0] if len(v) == 1 else v for k, v in parse_qs(search[1:]).items()}


def router_page(body: Any) -> tuple[str, str] | None:
    """(pathname, search) of a pages-router callback body, or None for any other callback."""
    if not isinstance(body, dict) or body.get("output") != PAGES_ROUTER_OUTPUT:
        return None
    values = {f"{i.get('id')}.{i.get('property')}": i.get("value") for i in body.get("inputs", [])
              if isinstance(i, dict)}
    pathname, search = values.get("_pages_location.pathname"), values.get("_pages_location.search") or ""
    if not isinstance(pathname, str) or not isinstance(search, str) or len(search) > MAX_SEARCH:
        return None
    return pathname, search


def encoding_for(accept_encoding: str) -> str | None:
    """The strongest encoding the client accepts, or None (answer uncompressed, keep nothing)."""
    offered = {part.split(";")[0].strip() for part in accept_encoding.lower().split(",")
               if not part.replace(" ", "").endswith(("q=0", "q=0.0"))}
    return next((name for name in ENCODERS if name in offered), None)


def path_variables(template: str, pathname: str) -> dict[str, str] | None:
    """The variables of `pathname` under `template` (`/province/<code>`), None when it does not match."""
    want, got = template.strip("/").split("/"), pathname.strip("/").split("/")
    if len(want) != len(got):
        return None
    found: dict[str, str] = {}
    for part, value in zip(want, got, strict=True):
        if part.startswith("<") and part.endswith(">"):
            found[part[1:-1]] = value
        elif part != value:
            return None
    return found


def _page_query(pathname: str, search: str) -> tuple[Canonical, dict[str, Any]] | None:
    """The canonical query of the page at `pathname` and the query it sees, or None if it keeps none."""
    for path, canonical in _CANONICAL.items():
        variables = path_variables(path, pathname)
        if variables is not None:
            return canonical, {**query_of(search), **variables}
    return None


def page_key(pathname: str, search: str) -> Hashable | None:
    """(path, database build, canonical query) of a kept page at this address; None for any other."""
    found = _page_query(pathname, search)
    if found is None:
        return None
    canonical, query = found
    build = _build_key(canonical(query))
    return None if build is None else (pathname, build)


def response_key(body: Any, accept_encoding: str) -> Hashable | None:
    """The key of a router answer worth keeping: (page, canonical query, build, encoding), else None."""
    page = router_page(body)
    encoding = encoding_for(accept_encoding)
    if page is None or encoding is None:
        return None
    pathname, search = page
    found = _page_query(pathname, search)
    if found is None:
        return None
    canonical, query = found
    build = _build_key(canonical(query))
    return None if build is None else (pathname, build, encoding)


def register_page_responses(server: Flask) -> None:
    """Answer a page opened before from memory; keep the compressed answer of a new one. Registered
    after the security hooks, so every request is still checked before it is answered."""

    @server.before_request
    def answer_kept_page() -> Response | None:
        if request.method != "POST" or request.path != CALLBACK_PATH:
            return None
        key = response_key(request.get_json(silent=True), request.headers.get("Accept-Encoding", ""))
        if key is None:
            return None
        hit, kept = RESPONSES.get(key)
        if hit:
            return _send(kept)
        g.page_response_key = key
        return None

    @server.after_request
    def keep_page(response: Response) -> Response:
        key = g.pop("page_response_key", None)
        if (key is None or response.status_code != 200 or "Content-Encoding" in response.headers
                or "Set-Cookie" in response.headers or response.mimetype != "application/json"):
            return response
        data = response.get_data()
        encoding = key[-1]
        kept = Kept(ENCODERS[encoding](data), encoding, response.mimetype)
        RESPONSES.put(key, kept, size=len(kept.body))
        return _send(kept, response)



def _send(kept: Kept, response: Response | None = None) -> Response:
    """The kept answer (into `response`, keeping its headers, when there is one)."""
    out = response or Response(mimetype=kept.mimetype)
    out.set_data(kept.body)
    out.headers["Content-Encoding"] = kept.encoding
    out.headers["Content-Length"] = str(len(kept.body))
    vary = out.headers.get("Vary", "")
    if "accept-encoding" not in vary.lower():
        out.headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
    return out
