"""The app's own small scripts, and its stylesheets, go to the browser as one file each.

Dash writes one tag per `.js` and `.css` file in assets/; a page loaded a dozen of the app's small
scripts and six stylesheets, each a request with its own headers and its own, less effective,
compression. Here the index page gets one tag per kind instead, for a file that is those files
joined in Dash's (name) order, served from assets/ so relative URLs (the fonts) still resolve.
Every script is a self-contained function or a `window.*` assignment, so joined they run as they
did apart. The plotly.js bundle (large, changes rarely, better cached alone) and the regenerator
runtime (placed before the component libraries) keep their own tags, and so does the one script that
needs plotly.js loaded before it runs.

Each file is minified as it is joined (rjsmin, rcssmin: comments and spaces out, code untouched): the
assets' comments are written for the people who read the code, and they were about two fifths of the
scripts' compressed bytes.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]
from dash import Dash
from flask import Response, request

# staggered-draws.js wraps Plotly.react as it loads, so it must run after plotly.js; the bundle runs
# before it (geo-assets.js has to).
KEPT_APART = frozenset({"plotly-sdg.min.js", "regenerator-runtime.js", "staggered-draws.js"})
CHARSET_RULE = re.compile(r'^@charset "[^"]*";')


@dataclass(frozen=True)
class Bundle:
    """One joined file: its name under assets/, the files it holds, its body and version."""

    name: str
    members: tuple[str, ...]
    body: bytes
    mimetype: str

    @property
    def version(self) -> str:
        return hashlib.sha256(self.body).hexdigest()[:16]


def member_names(assets: Path, suffix: str, ignore: str | None) -> list[str]:
    """The top-level assets of one kind Dash would include, in its order, minus those kept apart."""
    ignored = re.compile(ignore) if ignore else None
    return [path.name for path in sorted(assets.glob(f"*{suffix}"))
            if path.name not in KEPT_APART and not path.name.startswith("app-")
            and not (ignored and ignored.search(path.name))]


def minified(text: str, name: str) -> str:
    """A script or stylesheet without its comments and spare spaces."""
    return str(rjsmin.jsmin(text) if name.endswith(".js") else rcssmin.cssmin(text)).strip()


def joined(assets: Path, names: list[str], comment: str) -> bytes:
    """The files minified and joined, each under a comment naming it (for finding a file in the bundle
    in DevTools); a stylesheet's @charset (valid only at the very start) is dropped, the bundle is sent
    as UTF-8."""
    parts = []
    for name in names:
        text = CHARSET_RULE.sub("", (assets / name).read_text(encoding="utf-8"))
        parts.append(f"/* assets/{name} */\n{minified(text, name)}\n{comment}\n")
    return "".join(parts).encode("utf-8")


def make_bundles(assets: Path, ignore: str | None) -> list[Bundle]:
    """The script bundle and the stylesheet bundle."""
    scripts = member_names(assets, ".js", ignore)
    styles = member_names(assets, ".css", ignore)
    return [Bundle("app-scripts.js", tuple(scripts), joined(assets, scripts, ";"), "text/javascript"),
            Bundle("app-styles.css", tuple(styles), joined(assets, styles, ""), "text/css")]


def replace_tags(html: str, prefix: str, bundle: Bundle) -> str:
    """The index's tags for the bundle's members replaced by one, where the first was."""
    members = set(bundle.members)
    path = rf'{re.escape(prefix)}assets/(?P<name>[^"?/]+)(?:\?[^"]*)?'
    tag = re.compile(rf'<script src="{path}"></script>\n?' if bundle.name.endswith(".js")
                     else rf'<link rel="stylesheet" href="{path}">\n?')
    url = f"{prefix}assets/{bundle.name}?v={bundle.version}"
    placed = False

    def swap(match: re.Match[str]) -> str:
        nonlocal placed
        if match.group("name") not in members:
            return match.group(0)
        if placed:
            return ""
        placed = True
        return (f'<script src="{url}"></script>\n' if bundle.name.endswith(".js")
                else f'<link rel="stylesheet" href="{url}">\n')

    return tag.sub(swap, html)


def add_asset_bundles(app: Dash, assets: Path) -> list[Bundle]:
    """Serve the bundles and put their tags in every index page instead of their members'."""
    bundles = make_bundles(assets, app.config.assets_ignore)
    prefix = app.config.requests_pathname_prefix or "/"
    for bundle in bundles:
        app.server.add_url_rule(f"{app.config.routes_pathname_prefix}assets/{bundle.name}",
                                f"asset_bundle_{bundle.name}", _server(bundle), methods=["GET"])
    original: Callable[..., str] = app.interpolate_index

    def interpolate_index(**parts: Any) -> str:
        for key in ("scripts", "css"):
            if isinstance(parts.get(key), str):
                for bundle in bundles:
                    parts = {**parts, key: replace_tags(parts[key], prefix, bundle)}
        return original(**parts)

    app.interpolate_index = interpolate_index  # type: ignore[method-assign,assignment]
    return bundles


def _server(bundle: Bundle) -> Callable[[], Response]:
    def serve() -> Response:
        response = Response(bundle.body, mimetype=bundle.mimetype)
        response.headers["Cache-Control"] = "no-cache"
        response.set_etag(bundle.version)
        response.make_conditional(request)
        return response
    return serve
