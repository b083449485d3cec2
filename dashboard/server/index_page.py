"""The HTML page every URL starts from: `<html lang>` in the language of the URL (screen readers pick
their voice from it before any script runs), Dash's scripts outside any landmark (Dash wraps them
in a `<footer>`, a second "contentinfo" beside the site's own footer), and those scripts loaded
without stopping the parser.

Dash writes its scripts as ordinary ones at the end of the body: the parser stops at each to run it,
so the page's first paint (the server's copy of the page, see dashboard/ui/first_paint.py) waited for
about 700 KB of scripts, and Lighthouse counted their download in the first paint's time. Deferred,
they all ran in one task of a third of a second on a desktop, during which the page ignored input.
Here they are listed (data, in `#dash-script-list`) and `script_loader.js` inserts them as ordered
scripts: they download together while the page is painted and run in the same order as before, each
in a task of its own. The renderer's start, an inline script Dash writes after them, becomes the
app's own last script.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from dash import Dash
from flask import Flask, Response, has_request_context, request

from dashboard.i18n import lang_or_default
from dashboard.server.asset_bundle import minified

_DASH_FOOTER = ("<footer>", "</footer>")
_SCRIPTS_BOX = ('<div class="dash-scripts">', "</div>")
_SCRIPT_SRC = re.compile(r'<script src="([^"]+)"></script>')
RENDERER_INLINE = ('<script id="_dash-renderer" type="application/javascript">'
                   "var renderer = new DashRenderer();</script>")
RENDERER_START_PATH = "_dash-renderer-start.js"
RENDERER_START = "window.renderer = new DashRenderer();\n"
LOADER_PATH = "_dash-renderer-loader.js"  # Dash checks its index for a dash-renderer script and its id
LOADER_FILE = Path(__file__).with_name("script_loader.js")
LOADER = minified(LOADER_FILE.read_text(encoding="utf-8"), LOADER_FILE.name)
SCRIPT_LIST_ID = "dash-script-list"


def request_lang() -> str:
    """The language the requested URL asks for (`?lang=en`), Thai otherwise."""
    return lang_or_default(request.args.get("lang")) if has_request_context() else lang_or_default(None)


def load_scripts_in_order(page: str, start_src: str, loader_src: str) -> str:
    """Every `<script src>` of Dash's index listed, then Dash's inline renderer start as `start_src`,
    loaded by `loader_src` in that order (where the first of them was)."""
    if RENDERER_INLINE not in page:
        return page  # not Dash's index: leave it as it is
    sources = [*_SCRIPT_SRC.findall(page), start_src]
    first = _SCRIPT_SRC.search(page)
    at = first.start() if first else page.index(RENDERER_INLINE)
    listing = json.dumps(sources).replace("</", "<\\/")
    tags = (f'<script id="{SCRIPT_LIST_ID}" type="application/json">{listing}</script>'
            f'<script id="_dash-renderer" src="{loader_src}" async></script>')
    page = page[:at] + tags + _SCRIPT_SRC.sub("", page[at:])
    return page.replace(RENDERER_INLINE, "", 1)


def listed_scripts(page: str) -> list[str]:
    """The scripts an index page has the loader run, in their order."""
    found = re.search(rf'<script id="{SCRIPT_LIST_ID}" type="application/json">(.*?)</script>', page, re.S)
    return list(json.loads(found.group(1))) if found else []


def _serve_script(server: Flask, route: str, endpoint: str, body: str) -> None:
    def script() -> Response:
        response = Response(body, mimetype="application/javascript")
        response.headers["Cache-Control"] = "no-cache"
        return response

    server.add_url_rule(route, endpoint, script, methods=["GET"])


def localise_index(app: Dash) -> None:
    """Serve the index page with `<html lang>` set per request, Dash's scripts in a plain box and
    loaded in order without stopping the parser."""
    template = app.index_string
    for old, new in zip(_DASH_FOOTER, _SCRIPTS_BOX, strict=True):
        if old not in template:
            raise ValueError(f"the index template has no {old} to replace")
        template = template.replace(old, new, 1)
    app.index_string = template
    prefix, routes = app.config.requests_pathname_prefix or "/", app.config.routes_pathname_prefix or "/"
    _serve_script(app.server, routes + RENDERER_START_PATH, "dash_renderer_start", RENDERER_START)
    _serve_script(app.server, routes + LOADER_PATH, "dash_renderer_loader", LOADER)
    render = app.interpolate_index

    def interpolate_index(**parts: Any) -> str:
        html = load_scripts_in_order(render(**parts), prefix + RENDERER_START_PATH, prefix + LOADER_PATH)
        return html.replace("<html>", f'<html lang="{request_lang()}">', 1)

    app.interpolate_index = interpolate_index  # type: ignore[method-assign,assignment]
