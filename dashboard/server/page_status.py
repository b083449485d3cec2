"""What the server says about a Dash page before the browser renders it: its HTTP status and language.

Dash answers every path with the same index HTML and lets the browser pick the page, so an unknown
path or province would show the friendly not-found page with a 200 that search engines and link
checkers take for a real page. Here the path is checked against the registered pages (a page may
register `exists=callable(**path_variables) -> bool` to refuse values such as unknown codes) and a
miss answers 404, still with the index HTML, so the browser shows the same friendly page (and its
meta description, which Dash leaves empty for a path no page claims, says so).
`robots.txt` is a real file in assets/, served at the root where crawlers look for it.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import dash
from flask import Flask, Response, has_request_context, request, send_file

from dashboard.i18n import Lang, lang_or_default, t

ROBOTS_FILE = Path(__file__).resolve().parents[2] / "assets" / "robots.txt"
_VARIABLE = re.compile(r"<([A-Za-z_][A-Za-z0-9_]*)>")
_EMPTY_DESCRIPTION = '<meta name="description" content="">'


def request_lang() -> Lang:
    """The language the current request's URL asks for (`?lang=en`), Thai outside a request."""
    if not has_request_context():
        return lang_or_default(None)
    return lang_or_default(request.args.get("lang"))


def _template_pattern(template: str) -> re.Pattern[str]:
    """`/province/<code>` -> a pattern taking one path segment per variable."""
    parts = _VARIABLE.split(template.strip("/"))
    pattern = "".join(f"(?P<{part}>[^/]+)" if i % 2 else re.escape(part) for i, part in enumerate(parts))
    return re.compile(pattern)


def _page_variables(path: str, page: Mapping[str, Any]) -> dict[str, str] | None:
    """The path's variables if `page` claims it ({} for a fixed path), else None."""
    stripped = path.strip("/")
    template = page.get("path_template")
    if template:
        match = _template_pattern(template).fullmatch(stripped)
        return match.groupdict() if match else None
    return {} if stripped == str(page.get("path", "")).strip("/") else None


def page_exists(path: str, pages: Iterable[Mapping[str, Any]]) -> bool:
    """True when a registered page claims `path` and accepts its variables (e.g. a real province)."""
    for page in pages:
        variables = _page_variables(path, page)
        if variables is None:
            continue
        exists: Callable[..., bool] | None = page.get("exists")
        return exists is None or bool(exists(**variables))
    return False


def register_page_status(server: Flask, index_endpoints: Iterable[str]) -> None:
    """Answer 404 for page paths no page accepts, and serve `/robots.txt`.

    `index_endpoints` are the Flask endpoints of Dash's index and catch-all routes; every other
    route (callbacks, assets, exports) keeps its own status.
    """
    endpoints = frozenset(index_endpoints)

    @server.after_request
    def not_found_status(response: Response) -> Response:
        if (request.endpoint in endpoints and response.status_code == 200
                and not page_exists(request.path, dash.page_registry.values())):
            response.status_code = 404
            body = response.get_data(as_text=True)
            if _EMPTY_DESCRIPTION in body:
                text = html.escape(t("meta_not_found", request_lang()))
                described = f'<meta name="description" content="{text}">'
                response.set_data(body.replace(_EMPTY_DESCRIPTION, described, 1))
        return response

    def robots() -> Response:
        response = send_file(ROBOTS_FILE, mimetype="text/plain", max_age=3600)
        response.headers["Content-Type"] = "text/plain; charset=utf-8"
        return response

    server.add_url_rule("/robots.txt", "robots_txt", robots)
