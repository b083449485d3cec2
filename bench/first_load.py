"""First load in headless Chromium: time until the 77 provinces are drawn, and bytes on the wire.

Each load uses a new browser context (empty cache, no cookies). Bytes are what Chromium reports as
Resource Timing `transferSize` (headers plus compressed bodies) for the page and every request.
"""
from __future__ import annotations

import os
import shutil
import statistics
from typing import Any
from urllib.parse import urlsplit

from bench.stats import summary

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
# The same flags as tests/conftest.py CHROMIUM_ARGS.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
MAP_DRAWN_JS = "n => document.querySelectorAll('#province-map path.choroplethlocation').length >= n"
PROVINCES = 77
TIMEOUT_MS = 60_000


RESOURCES_JS = """() => [...performance.getEntriesByType('navigation'),
                         ...performance.getEntriesByType('resource')]
    .map(e => [e.name, e.transferSize, e.encodedBodySize])"""


def _kind(path: str) -> str:
    return ("callbacks" if path.startswith("/_dash-update-component") else
            "scripts" if path.endswith(".js") else
            "styles" if path.endswith(".css") else
            "fonts" if path.endswith((".woff2", ".woff", ".ttf")) else
            "topojson" if "topojson" in path else "other")


def _one_load(browser: Any, url: str) -> dict[str, Any]:
    """One cold load, not instrumented while it runs (DevTools network events slow the page down):
    sizes come afterwards from the Resource Timing entries (transferSize: headers plus the body as
    sent, i.e. compressed)."""
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(MAP_DRAWN_JS, arg=PROVINCES, timeout=TIMEOUT_MS, polling="raf")
        drawn_ms = float(page.evaluate("performance.now()"))
        page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
        entries = page.evaluate(RESOURCES_JS)
        host = urlsplit(url).netloc
        foreign = sorted({name for name, _, _ in entries
                          if urlsplit(name).netloc not in (host, "") and not name.startswith("data:")})
        by_kind: dict[str, float] = {}
        for name, transferred, _ in entries:
            kind = _kind(urlsplit(name).path)
            by_kind[kind] = by_kind.get(kind, 0) + transferred
        return {"drawn_ms": drawn_ms, "bytes": sum(t for _, t, _ in entries), "requests": len(entries),
                "by_kind": by_kind, "foreign_requests": foreign}
    finally:
        context.close()


def warm_static(url: str, paths: tuple[str, ...] = ("/", "/province/50")) -> int:
    """Have the server make and keep its strongest (slow, background) encoding of every script and
    stylesheet these pages use, so that measured loads get what every later visitor gets."""
    import re
    import urllib.request

    base = url.rstrip("/")
    found: set[str] = set()
    for path in paths:
        with urllib.request.urlopen(base + path, timeout=60) as resp:
            page = resp.read().decode("utf-8", "replace")
        found.update(re.findall(r'(?:src|href)="(/(?:assets|_dash-component-suites)/[^"]+)"', page))
        found.update(re.findall(r'"src": "(/_dash-component-suites/[^"]+)"', page))  # deferred libraries
    for asset in sorted(found):
        request = urllib.request.Request(base + asset, headers={"Accept-Encoding": "br"})
        with urllib.request.urlopen(request, timeout=120) as resp:
            resp.read()
    return len(found)


def first_loads(url: str, loads: int = 5) -> dict[str, Any]:
    """`loads` cold loads of url; medians of time-to-map and compressed bytes."""
    from playwright.sync_api import sync_playwright

    warm_static(url)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            _one_load(browser, url)  # Chromium's own first start (disk, fonts) is not the app's cost
            runs = [_one_load(browser, url) for _ in range(loads)]
        finally:
            browser.close()
    kinds = sorted({k for r in runs for k in r["by_kind"]})
    return {
        "method": "new browser context per load (empty cache); time from navigation start until 77 "
                  "province paths are in #province-map; bytes = Resource Timing transferSize (headers + "
                  "compressed bodies) of the page and every request, read after network idle; one "
                  "unmeasured load first (Chromium's own start; static bundles compressed once per install)",
        "url_path": urlsplit(url).path or "/",
        "loads": loads,
        "map_drawn_ms": summary([r["drawn_ms"] for r in runs], 0),
        "bytes_compressed": summary([r["bytes"] for r in runs], 0),
        "bytes_by_kind_median": {k: statistics.median(r["by_kind"].get(k, 0) for r in runs) for k in kinds},
        "requests_median": statistics.median(r["requests"] for r in runs),
        "foreign_requests": sorted({u for r in runs for u in r["foreign_requests"]}),
    }
