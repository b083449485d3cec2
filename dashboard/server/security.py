"""Security headers on every response, a shape check on callback requests, and short error pages.

The app may sit on a ministry network: the browser is told to load nothing from other origins and
to refuse framing by other sites, a malformed callback request is answered 400 before Dash can trip
over it, and no error ever shows a traceback or the Werkzeug debugger (details go to the log only).
"""
from __future__ import annotations

import html
import threading
from collections.abc import Callable, Sequence
from typing import Any

import dash
from dash import Dash
from dash.exceptions import DependencyException, InvalidResourceError, UnsupportedRelativePath
from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from dashboard.i18n import t

CALLBACK_PATH = "/_dash-update-component"
MAX_BODY_BYTES = 4 * 1024 * 1024  # a filter callback sends a few KB; grid states stay well below this
_MAX_PROP_IDS = 256
_PAGES_CONTENT = "_pages_content."  # Dash pages' router callback, which trusts its inputs to be text

_KNOWN_STATUSES = frozenset({400, 404, 405, 413, 429, 500})


def content_security_policy(script_hashes: Sequence[str]) -> str:
    """Only the app's own origin; Dash's inline bootstrap scripts are allowed by hash, nothing else.

    Styles allow 'unsafe-inline' because plotly.js and the grid set style attributes at run time;
    images and fonts allow data: because Bootstrap's CSS embeds its form icons that way.
    """
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def security_headers(csp: str) -> dict[str, str]:
    """The headers every response carries."""
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "SAMEORIGIN",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    }


class _LazyHeaders:
    """The header set, computed at the first request (when every page and callback is registered)."""

    def __init__(self, script_hashes: Callable[[], Sequence[str]]) -> None:
        self._script_hashes = script_hashes
        self._headers: dict[str, str] | None = None
        self._lock = threading.Lock()

    def get(self) -> dict[str, str]:
        if self._headers is None:
            with self._lock:
                if self._headers is None:
                    self._headers = security_headers(content_security_policy(self._script_hashes()))
        return self._headers


class _SetupGate:
    """Runs Dash's one-time first-request hooks to completion, once, before any request goes on.

    Dash marks its setup (callback map, pages router, the router's inline script) as done before
    it has finished it, so the other threads of a fresh gunicorn worker could dispatch against a
    half-filled callback map, or fix a CSP without the router's script hash. Its hooks return
    early once done, so running them here first and again in their own place is harmless.
    """

    def __init__(self, hooks: list[Callable[[], Any]]) -> None:
        self._hooks = hooks
        self._done = threading.Event()
        self._lock = threading.Lock()

    def __call__(self) -> None:
        if self._done.is_set():
            return
        with self._lock:
            if not self._done.is_set():
                for hook in self._hooks:
                    hook()
                self._done.set()


def callback_problem(body: Any, callback_map: dict[str, Any]) -> str | None:
    """Why a callback request body cannot be dispatched, or None when its shape is right."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        return "unknown callback output"
    spec = callback_map[output]
    for key in ("inputs", "state"):
        items = body.get(key, [])
        if not isinstance(items, list) or len(items) != len(spec.get(key, [])):
            return f"'{key}' must list exactly the callback's {key}"
        if not all(_is_dependency(item) or _is_dependency_list(item) for item in items):
            return f"every entry of '{key}' needs an id and a property"
    outputs = body.get("outputs", [])
    if not (_is_dependency(outputs) or _is_dependency_list(outputs)
            or (isinstance(outputs, list) and all(_is_dependency_list(o) for o in outputs))):
        return "'outputs' must name ids and properties"
    if output.lstrip(".").startswith(_PAGES_CONTENT) and not all(
            isinstance(item, dict) and isinstance(item.get("value"), str) for item in body.get("inputs", [])):
        return "the pages router takes a pathname and a search string"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or len(changed) > _MAX_PROP_IDS or not all(
            isinstance(c, str) for c in changed):
        return "'changedPropIds' must be a short list of strings"
    return None


def _is_dependency(item: Any) -> bool:
    return (isinstance(item, dict) and isinstance(item.get("id"), str | dict)
            and isinstance(item.get("property"), str))


def _is_dependency_list(item: Any) -> bool:
    return isinstance(item, list) and all(_is_dependency(i) for i in item)


def error_response(status: int) -> Response:
    """A short Thai/English answer: plain text for the app's own endpoints, a small page otherwise."""
    key = f"http_{status if status in _KNOWN_STATUSES else (500 if status >= 500 else 400)}"
    th, en = t(key, "th"), t(key, "en")
    if request.path.startswith("/_dash-"):
        return Response(f"{status} {en}\n", status=status, mimetype="text/plain")
    page = (
        "<!doctype html>\n"
        '<html lang="th"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{status} - {html.escape(en)}</title>"
        '<link rel="stylesheet" href="/assets/01-bootstrap.min.css"></head>'
        '<body class="container py-5">'
        f'<h1 class="h3">{html.escape(th)}</h1>'
        f'<p lang="en" class="text-muted">{html.escape(en)}</p>'
        f'<p><a href="/">{t("http_back", "th")} / <span lang="en">{t("http_back", "en")}</span></a></p>'
        "</body></html>\n"
    )
    return Response(page, status=status, mimetype="text/html")


def register_security(server: Flask, app: Dash | None = None) -> None:
    """Wire headers, the callback check and the error pages into the Flask server Dash runs on.

    `app` is the Dash app served (for its inline-script hashes and callback map); by default the
    running one. Both are read at the first request, once every page has registered its callbacks.
    """

    def dash_app() -> Dash:
        return app if app is not None else dash.get_app()

    headers = _LazyHeaders(lambda: dash_app().csp_hashes())
    hooks = server.before_request_funcs.setdefault(None, [])
    hooks.insert(0, _SetupGate(list(hooks)))  # the hooks so far are Dash's own
    server.config["MAX_CONTENT_LENGTH"] = server.config.get("MAX_CONTENT_LENGTH") or MAX_BODY_BYTES

    @server.before_request
    def check_callback_request() -> Response | None:
        if request.path != CALLBACK_PATH or request.method != "POST":
            return None
        problem = callback_problem(request.get_json(silent=True), dash_app().callback_map)
        if problem is None:
            return None
        return Response(f"400 {problem}\n", status=400, mimetype="text/plain")

    @server.after_request
    def add_headers(response: Response) -> Response:
        response.headers.update(headers.get())
        return response

    @server.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        return error_response(exc.code or 500)

    @server.errorhandler(DependencyException)
    @server.errorhandler(InvalidResourceError)
    def unknown_resource(exc: Exception) -> Response:
        return error_response(404)  # Dash raises these for a component-suite file it does not have

    @server.errorhandler(UnsupportedRelativePath)
    def foreign_path(exc: Exception) -> Response:
        return error_response(400)  # the pages router was sent a pathname outside the app

    @server.errorhandler(Exception)
    def server_error(exc: Exception) -> Response:
        server.logger.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500)
