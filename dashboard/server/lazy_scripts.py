"""Every page downloads only the component libraries it draws.

Dash writes the script of every imported component library into every page: the overview paid for
the AG Grid bundle (about 290 KB compressed, 1.3 MB of JavaScript to parse) that only the province
page draws, for the DataTable bundle that no page draws, and for Dash's `@babel/polyfill` bundle
(31 KB compressed and, on a phone, seconds of script evaluation) that a current browser needs only one
part of: the `regeneratorRuntime` global of the libraries' compiled async functions, which
`assets/regenerator-runtime.js` provides in the polyfill's place. Here the index page leaves those
scripts out. A deferred library is listed by URL in a JSON block (`#lazy-libraries`, data, not code:
the CSP is untouched); `assets/lazy-libraries.js` stands in for its components and fetches the
bundle, from the app's own origin, the first time a page renders one of them. Unused bundles stay
registered with Dash, so their URLs still answer, but no page asks for them.

The charts are the same kind of cost inside a library every page loads: dcc.Graph needs plotly.js
(1 MB of script, about a quarter of a second of a phone's time to run) and the wrapper that staggers
its drawings. Those scripts stay in the page's ordered list, and are listed again as what the Graph
needs: the page's script loader leaves them out when none of the first paint's charts is near the
screen (on a phone, none of the overview's is), and the Graph's stand-in runs them when a chart comes
near.
"""
from __future__ import annotations

import html
import importlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dash import Dash
from flask import has_request_context, request

LAZY_LIBRARIES_ID = "lazy-libraries"
_SCRIPT_TAG = re.compile(r'<script src="(?P<src>[^"]+)"></script>\n?')


@dataclass(frozen=True)
class Deferred:
    """A component library loaded on first use: its namespace and the bundle's file name."""

    namespace: str
    bundle: str
    preload_paths: tuple[str, ...] = ()  # pages that draw it at once: fetch it with the page


# The grid is drawn by the province pages only; they fetch it alongside Dash's own scripts.
DEFERRED: tuple[Deferred, ...] = (Deferred("dash_ag_grid", "dash_ag_grid.", ("/province/",)),)


@dataclass(frozen=True)
class Waiting:
    """Components of a library every page loads that draw only once other scripts have run: the
    scripts (files in assets/, in the order they run) load when such a component first comes near."""

    namespace: str
    components: tuple[str, ...]
    assets: tuple[str, ...]
    box_class: str  # the waiting box's classes, those the component's own box has while it loads


# The charts: plotly.js, then the wrapper that staggers its drawings (it wraps Plotly.react).
WAITING: tuple[Waiting, ...] = (
    Waiting("dash_core_components", ("Graph",), ("plotly-sdg.min.js", "staggered-draws.js"),
            "dash-graph dash-graph--pending"),)
# Bundles of libraries Dash registers itself but no page of this app draws.
UNUSED: tuple[str, ...] = ("/_dash-component-suites/dash/dash_table/",)
# Dash's polyfill bundle, and the asset (served from assets/) that takes its place in the page.
POLYFILL = "/_dash-component-suites/dash/deps/polyfill@"
RUNTIME_ASSET = "/assets/regenerator-runtime.js"


def components_of(namespace: str) -> list[str]:
    """The component names a library exports (what the renderer looks up in window[namespace])."""
    module = importlib.import_module(namespace)
    return sorted(str(name) for name in getattr(module, "__all__", ()))


def _bundle_of(src: str, deferred: Deferred) -> bool:
    prefix = f"/_dash-component-suites/{deferred.namespace}/"
    return prefix in src and src.split(prefix, 1)[1].startswith(deferred.bundle)


def _asset_name(src: str) -> str:
    return src.split("?", 1)[0].rsplit("/assets/", 1)[-1] if "/assets/" in src else ""


def slim_scripts(scripts: str, path: str, deferred: Sequence[Deferred] = DEFERRED,
                 unused: Sequence[str] = UNUSED, waiting: Sequence[Waiting] = WAITING) -> str:
    """Dash's script tags without unused and deferred bundles, with the deferred ones listed by URL
    (and preloaded on the paths that draw them at once), and the scripts waiting components need
    listed by URL too (they stay in the page, in their place, for pages that draw a chart at once)."""
    listed: dict[str, dict[str, Any]] = {}
    sources = [m.group("src") for m in _SCRIPT_TAG.finditer(scripts)]
    for lib in waiting:
        needs = [next((src for src in sources if _asset_name(src) == name), None) for name in lib.assets]
        if all(needs):
            listed[lib.namespace] = {"components": list(lib.components), "needs": needs,
                                     "boxClass": lib.box_class}
    preloads: list[str] = []
    runtime = next((m.group(0) for m in _SCRIPT_TAG.finditer(scripts) if RUNTIME_ASSET in m.group("src")),
                   None)

    def keep(match: re.Match[str]) -> str:
        src = match.group("src")
        if runtime is not None and RUNTIME_ASSET in src:
            return ""  # moved to where the polyfill was, before every library
        if runtime is not None and POLYFILL in src:
            return runtime
        if any(part in src for part in unused):
            return ""
        for lib in deferred:
            if _bundle_of(src, lib):
                listed[lib.namespace] = {"src": src, "components": components_of(lib.namespace)}
                if any(path.startswith(p) for p in lib.preload_paths):
                    preloads.append(f'<link rel="preload" href="{html.escape(src)}" as="script">\n')
                return ""
        return match.group(0)

    kept = _SCRIPT_TAG.sub(keep, scripts)
    # JSON in a non-executable script block; "<" escaped so no value can close the element
    data = json.dumps(listed, sort_keys=True).replace("<", "\\u003c")
    block = f'<script id="{LAZY_LIBRARIES_ID}" type="application/json">{data}</script>\n'
    return "".join(preloads) + block + kept


def add_lazy_scripts(app: Dash) -> None:
    """Filter the scripts of every index page Dash renders (its `interpolate_index` hook)."""
    original: Callable[..., str] = app.interpolate_index

    def interpolate_index(**parts: Any) -> str:
        path = request.path if has_request_context() else "/"
        scripts = parts.get("scripts")
        if isinstance(scripts, str):
            parts = {**parts, "scripts": slim_scripts(scripts, path)}
        return original(**parts)

    app.interpolate_index = interpolate_index  # type: ignore[method-assign,assignment]


def lazy_libraries(index_html: str) -> Mapping[str, Any]:
    """The deferred libraries an index page lists (for tests and the bench)."""
    found = re.search(rf'<script id="{LAZY_LIBRARIES_ID}" type="application/json">(.*?)</script>',
                      index_html, re.S)
    return json.loads(found.group(1)) if found else {}
