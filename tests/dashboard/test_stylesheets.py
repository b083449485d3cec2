"""The app's own stylesheets stay cheap for the browser to apply while plotly draws.

Plotly measures every label by adding it to the page and reading its size; with a `:has()` selector
anywhere in the page's CSS, Chromium recomputed the style of the whole document (about 2,000
elements) at each of those measurements, which blocked the overview's first load for seconds.
"""
from __future__ import annotations

import re
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[2] / "assets"


def test_no_stylesheet_uses_has() -> None:
    offenders = [f"{css.name}:{n}" for css in sorted(ASSETS.glob("*.css"))
                 for n, line in enumerate(css.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r":has\(", line)]
    assert not offenders, f":has() in the app's CSS (use a class set by the page instead): {offenders}"


def test_meeting_mode_styles_key_on_the_frame_class() -> None:
    from dashboard.ui.layout import page_frame

    plain = page_frame([], "th", None, "/?lang=en")
    present = page_frame([], "th", None, "/?lang=en", present=True)
    assert "present-mode" not in str(getattr(plain, "className", "")).split()
    assert "present-mode" in str(getattr(present, "className", "")).split()
    assert ".present-mode" in (ASSETS / "present.css").read_text(encoding="utf-8")
