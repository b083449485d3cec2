"""Start the downloads the first paint waits for as soon as the page arrives.

The Sarabun web fonts are fetched when text first needs them, which makes the browser lay the page
out and measure every chart label again. Preload hints in the page head fetch them in parallel with
Dash's own scripts (plotly.js itself is an ordinary script in assets/, see scripts/plotly-bundle;
the world topology plotly.js would fetch before drawing a map is an empty stand-in defined by
assets/geo-assets.js). Same origin only (the CSP allows nothing else); these are files the page
fetches anyway, so nothing extra crosses the wire.
"""
from __future__ import annotations

import re
from pathlib import Path

from dash import Dash

ROOT = Path(__file__).resolve().parents[2]
FONTS_CSS = ROOT / "assets" / "00-fonts.css"
_FONT_URL = re.compile(r"""url\(["']?([^"')]+\.woff2)["']?\)""")


def font_files(css: Path = FONTS_CSS) -> list[str]:
    """The woff2 files the app's font stylesheet declares, relative to assets/."""
    if not css.exists():
        return []
    return sorted(dict.fromkeys(_FONT_URL.findall(css.read_text(encoding="utf-8"))))


def preload_links(prefix: str, fonts: list[str]) -> list[str]:
    """The <link rel=preload> tags, for an app served under `prefix` (usually "/")."""
    return [f'<link rel="preload" href="{prefix}assets/{font}" as="font" type="font/woff2" '
            f'crossorigin="anonymous">' for font in fonts]


def add_preloads(app: Dash) -> None:
    """Put the preload tags right after the stylesheets in the app's index page."""
    marker = "{%css%}"
    if marker not in app.index_string:
        raise ValueError("the index template has no {%css%} placeholder to put preload hints after")
    prefix = app.config.requests_pathname_prefix or "/"
    tags = "\n        ".join(preload_links(prefix, font_files()))
    app.index_string = app.index_string.replace(marker, f"{marker}\n        {tags}", 1)
