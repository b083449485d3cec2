"""The page head asks early for what the first paint needs, and every hinted file is really served."""
from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

from dashboard.server.preload import font_files


def test_every_preload_hint_is_served(dash_app: ModuleType, sample_env: Path) -> None:
    client = dash_app.server.test_client()
    page = client.get("/").data.decode()
    hints = re.findall(r'<link rel="preload" href="([^"]+)" as="(\w+)"', page)
    kinds = {kind for _, kind in hints}
    assert kinds == {"font"}
    assert not [href for href, _ in hints if "topojson" in href], "the world topology is a stand-in"
    for href, _ in hints:
        assert client.get(href).status_code == 200, href
    head = page.split("</head>")[0]
    assert all(f'href="{href}"' in head for href, _ in hints), "hints belong in the head"


def test_fonts_come_from_the_font_stylesheet() -> None:
    fonts = font_files()
    assert len(fonts) == 3 and all(f.startswith("fonts/sarabun-") and f.endswith(".woff2") for f in fonts)
