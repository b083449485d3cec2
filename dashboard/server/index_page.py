"""The HTML page every URL starts from: `<html lang>` in the language of the URL (screen readers pick
their voice from it before any script runs), Dash's scripts outside any landmark (Dash wraps them
in a `<footer>`, a second "contentinfo" beside the site's own footer), and those scripts deferred.

Dash writes its scripts as ordinary ones at the end of the body: the parser stops at each to run it,
so the page's first paint (the server's copy of the page, see dashboard/ui/first_paint.py) waited for
about 700 KB of scripts to run, and Lighthouse counted their download in the first paint's time.
Deferred, they download while the page is parsed and painted and then run in the same order as
before; the renderer's start, an inline script Dash writes after them, becomes a deferred script of
the app's own so that it still runs last.
"""
from __future__ import annotations

import re
from typing import Any

from dash import Dash
from flask import Flask, Response, has_request_context, request

from dashboard.i18n import lang_or_default

_DASH_FOOTER = ("<footer>", "</footer>")
_SCRIPTS_BOX = ('<div class="dash-scripts">', "</div>")
_SCRIPT_SRC = re.compile(r'<script src="([^"]+)"></script>')
RENDERER_INLINE = ('<script id="_dash-renderer" type="application/javascript">'
                   "var renderer = new DashRenderer();</script>")
RENDERER_START_PATH = "_dash-renderer-start.js"
RENDERER_START = "window.renderer = new DashRenderer();\n"


def request_lang() -> str:
    """The language the requested URL asks for (`?lang=en`), Thai otherwise."""
    return lang_or_default(request.args.get("lang")) if has_request_context() else lang_or_default(None)


def defer_scripts(page: str, start_src: str) -> str:
    """Every `<script src>` deferred, and Dash's inline renderer start replaced by `start_src`, deferred
    after them (inline scripts cannot be deferred)."""
    if RENDERER_INLINE not in page:
        return page  # not Dash's index: leave it as it is
    page = _SCRIPT_SRC.sub(r'<script src="\1" defer></script>', page)
    return page.replace(RENDERER_INLINE, f'<script id="_dash-renderer" src="{start_src}" defer></script>', 1)


def _serve_renderer_start(server: Flask, route: str) -> None:
    def start() -> Response:
        response = Response(RENDERER_START, mimetype="application/javascript")
        response.headers["Cache-Control"] = "public, max-age=3600"
        return response

    server.add_url_rule(route, "dash_renderer_start", start, methods=["GET"])


def localise_index(app: Dash) -> None:
    """Serve the index page with `<html lang>` set per request, Dash's scripts in a plain box and
    deferred."""
    template = app.index_string
    for old, new in zip(_DASH_FOOTER, _SCRIPTS_BOX, strict=True):
        if old not in template:
            raise ValueError(f"the index template has no {old} to replace")
        template = template.replace(old, new, 1)
    app.index_string = template
    start_src = f"{app.config.requests_pathname_prefix or '/'}{RENDERER_START_PATH}"
    _serve_renderer_start(app.server, f"{app.config.routes_pathname_prefix or '/'}{RENDERER_START_PATH}")
    render = app.interpolate_index

    def interpolate_index(**parts: Any) -> str:
        html = defer_scripts(render(**parts), start_src)
        return html.replace("<html>", f'<html lang="{request_lang()}">', 1)

    app.interpolate_index = interpolate_index  # type: ignore[method-assign,assignment]
