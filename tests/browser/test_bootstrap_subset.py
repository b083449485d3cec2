"""The shipped Bootstrap (assets/01-bootstrap.min.css, built by `make bootstrap-css`) keeps every rule
the pages use: no class in a rendered page that the full Bootstrap styles has lost its rules."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import wait_until

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FULL = ROOT / "scripts" / "bootstrap-css" / "bootstrap.min.css"
SHIPPED = ROOT / "assets" / "01-bootstrap.min.css"
# overview, a province, the pilots, the 404 page, meeting mode and the intake's login, both languages
PAGES = ("/", "/province/50", "/pilots", "/no-such-page", "/?present=1", "/login")
SETTLED = "document.readyState === 'complete' && !document.querySelector('[data-dash-is-loading]')"
CLASSES_JS = "() => [...new Set([...document.querySelectorAll('[class]')].flatMap(e => [...e.classList]))]"


def selectors(css: str) -> set[str]:
    """Every single selector of the stylesheet (lists split at top-level commas)."""
    found: set[str] = set()
    for chunk in css.split("}"):
        for text in chunk.split("{")[:-1]:
            if not text.lstrip().startswith("@"):
                found.update(part.strip() for part in re.split(r",(?![^(]*\))", text))
    return found


def classes(selector: str) -> set[str]:
    return set(re.findall(r"\.(-?[A-Za-z_][\w-]*)", selector))


def test_the_shipped_css_is_a_subset_of_the_full_bootstrap() -> None:
    full, shipped = selectors(FULL.read_text("utf-8")), selectors(SHIPPED.read_text("utf-8"))
    names = set().union(*map(classes, shipped))
    assert {"btn", "card", "col-md-7", "navbar", "alert-warning", "table-borderless"} <= names
    assert shipped < full and len(shipped) < len(full) * 0.8


@pytest.mark.parametrize("lang", ["th", "en"])
def test_no_class_on_any_page_lost_its_bootstrap_rules(page: Any, lang: str) -> None:
    """Each full-Bootstrap selector whose classes all occur in a rendered page is still shipped."""
    full = selectors(FULL.read_text("utf-8"))
    shipped = selectors(SHIPPED.read_text("utf-8"))
    lost: dict[str, list[str]] = {}
    for path in PAGES:
        url = page.base_url + path + (("&" if "?" in path else "?") + "lang=en" if lang == "en" else "")
        page.goto(url)
        page.wait_for_load_state("networkidle")
        wait_until(page, SETTLED)
        used = set(page.evaluate(CLASSES_JS))
        assert len(used) > 10, f"{path}: the page did not render"
        missing = sorted(sel for sel in full - shipped if classes(sel) and classes(sel) <= used)
        if missing:
            lost[path] = missing
    assert not lost, f"rules for classes the page uses are missing from the shipped subset: {lost}"
