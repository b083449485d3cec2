"""Exports and meeting mode in headless Chromium against the app under gunicorn: the camera button
saves a named slide-size PNG, the export links carry the page's query and download, and
`?present=1` steps through the pilots with the arrow keys at projector and full-HD sizes."""
from __future__ import annotations

import io
import struct
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import plotly.graph_objects as go
import pytest
from PIL import Image

from dashboard.data import db, queries
from dashboard.data.state import Filters
from dashboard.exports import images
from dashboard.exports.captions import caption_context, render_png
from tests.conftest import draw_chart
from tests.conftest import wait_until as _wait

pytestmark = pytest.mark.browser

MAP_PATHS = "#province-map .choroplethlocation"
DRAWN = f"document.querySelectorAll('{MAP_PATHS}').length >= 77"
# the camera button, found by plotly's camera icon (its title follows plotly's locale)
CAMERA = "#{graph} .modebar-btn:has(path[d^='m500 450c-83'])"
GD = "document.querySelector('#province-map .js-plotly-plot')"


def _open(page: Any, path: str, drawn: str = DRAWN) -> None:
    page.goto(page.base_url + path)
    _wait(page, drawn, timeout=30)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _camera(page: Any, graph: str, tmp_path: Path) -> tuple[str, Path]:
    """Click a graph's camera button and return the download's suggested name and saved file."""
    page.hover(f"#{graph}")
    with page.expect_download(timeout=60_000) as info:
        page.click(CAMERA.format(graph=graph))
    download = info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    return download.suggested_filename, target


def _all_local(page: Any) -> None:
    host = urlsplit(page.base_url).netloc
    foreign = [u for u in page.requested_urls
               if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != host]
    assert not foreign, f"requests left the host: {foreign}"


def test_map_camera_saves_named_slide_size_png(page: Any, tmp_path: Path) -> None:
    _open(page, "/?goal=2")
    name, path = _camera(page, "province-map", tmp_path)
    assert name == "sdg-map-completeness-2566-goal-2.png"
    assert _png_size(path) == (1920, 1080)
    _all_local(page)


def test_camera_name_follows_the_filters(page: Any, tmp_path: Path) -> None:
    _open(page, "/")
    bar = page.locator("#region-chart .point path").first
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    _wait(page, "window.location.search.includes('region=north')")
    _wait(page, "document.querySelector('#export-csv').getAttribute('href').includes('region=north')")
    name, path = _camera(page, "goal-chart", tmp_path)
    assert name == "sdg-goals-2566-region-north.png"
    assert _png_size(path) == (1920, 1080)


def test_province_district_map_camera_and_export_links(page: Any, tmp_path: Path) -> None:
    page.goto(page.base_url + "/province/50?lang=en")
    draw_chart(page, "district-map")  # below the pilot card: drawn as it is scrolled to
    _wait(page, "document.querySelectorAll('#district-map path').length > 20")
    name, path = _camera(page, "district-map", tmp_path)
    assert name == "sdg-province-50-districts-2566-en.png"
    assert _png_size(path) == (1920, 1080)
    assert page.get_attribute("#export-slides", "href") == "/export/slides.pptx?year=2566&lang=en&province=50"
    with page.expect_download(timeout=60_000) as info:
        page.click("#export-grid-csv")
    assert info.value.suggested_filename == "sdg-province-50-projects-2566-en.csv"
    csv_path = tmp_path / "p.csv"
    info.value.save_as(csv_path)
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbfProject ID,")
    _all_local(page)


def test_overview_export_links_download(page: Any, tmp_path: Path) -> None:
    _open(page, "/?goal=2&lang=en")
    assert page.get_attribute("#export-slides", "href") == "/export/slides.pptx?year=2566&goal=2&lang=en"
    with page.expect_download(timeout=60_000) as info:
        page.click("#export-xlsx")
    assert info.value.suggested_filename == "sdg-projects-2566-goal-2-en.xlsx"
    with page.expect_download(timeout=120_000) as info:
        page.click("#export-slides")
    assert info.value.suggested_filename == "sdg-slides-2566-goal-2-en.pptx"
    deck = tmp_path / "deck.pptx"
    info.value.save_as(deck)
    assert deck.read_bytes()[:2] == b"PK"
    _all_local(page)


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_meeting_mode_arrow_keys_step_through_the_pilots(page: Any, size: tuple[int, int]) -> None:
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    _open(page, "/?present=1&lang=en")
    assert not page.is_visible("#year-filter") and not page.is_visible("#goal-chart")
    assert not page.is_visible(".navbar")
    box = page.locator("#province-map").bounding_box()
    assert box is not None and box["height"] >= 0.5 * height and box["y"] + box["height"] <= height + 1
    headline = page.locator("#overview-headlines .headline-value").first
    assert float(headline.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 32

    page.keyboard.press("ArrowRight")
    page.wait_for_selector(".present-pilot-name[data-province='10']", timeout=15_000)
    assert page.inner_text(".present-pilot-name").startswith("Bangkok")
    assert page.is_visible(".present-pilot-name")
    _wait(page, f"{GD}.getAttribute('data-present-province') === '10'")
    at = f"{GD}.data[0].locations.indexOf('10')"
    assert page.evaluate(f"{GD}.data[0].marker.line.color[{at}]") == "#d7191c"
    lon = page.evaluate(f"{GD}.layout.geo.lonaxis.range")
    assert lon[0] < 100.5 < lon[1] and lon[1] - lon[0] < 8  # zoomed on Bangkok (100.5 E)

    page.keyboard.press("ArrowRight")
    page.wait_for_selector(".present-pilot-name[data-province='57']", timeout=15_000)  # Chiang Rai
    page.keyboard.press("ArrowLeft")
    page.wait_for_selector(".present-pilot-name[data-province='10']", timeout=15_000)
    page.keyboard.press("ArrowLeft")
    page.wait_for_selector(".present-pilot-name[data-province='96']", timeout=15_000)  # the 15th

    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: "present" not in url, timeout=30_000)
    page.wait_for_load_state()
    _wait(page, DRAWN, timeout=30)
    assert page.is_visible("#year-filter")
    assert page.evaluate("new URLSearchParams(window.location.search).get('lang')") == "en"
    _all_local(page)


def test_meeting_mode_button_keeps_the_filters(page: Any) -> None:
    _open(page, "/?goal=2")
    href = page.get_attribute("#present-start", "href")
    assert href == "/?year=2566&goal=2&present=1"
    page.click("#present-start")
    _wait(page, "document.getElementById('present-root') !== null", timeout=30)
    assert "present=1" in page.url and "goal=2" in page.url


def _changed_share(png: bytes, path: Path) -> float:
    """Share of pixels that differ noticeably between a PNG and a saved file of the same size."""
    a = np.asarray(Image.open(io.BytesIO(png)).convert("L")).astype(int)
    b = np.asarray(Image.open(path).convert("L")).astype(int)
    assert a.shape == b.shape
    return float((np.abs(a - b) > 48).mean())


@pytest.mark.parametrize(("path", "graph", "view", "filename"), [
    ("/?goal=2", "goal-chart", "goals", "sdg-goals-2566-goal-2.png"),
    ("/?lang=en", "province-map", "map", "sdg-map-completeness-2566-en.png"),
])
def test_camera_png_is_the_servers_render_in_sarabun(page: Any, tmp_path: Path, sample_db: Path,
                                                     monkeypatch: pytest.MonkeyPatch, path: str, graph: str,
                                                     view: str, filename: str) -> None:
    """The camera saves the server's render: pixel for pixel the Sarabun render of the same view,
    and far from the same figure drawn in Loma (the Thai font a browser falls back to here)."""
    _open(page, path)
    page.hover(f"#{graph}")
    with page.expect_download(timeout=60_000) as info:
        page.click(CAMERA.format(graph=graph))
    assert info.value.suggested_filename == filename
    fetched = [urlsplit(u) for u in page.requested_urls if urlsplit(u).path == "/export/image.png"]
    assert len(fetched) == 1 and ("view", view) in parse_qsl(fetched[0].query)
    saved = tmp_path / filename
    info.value.save_as(saved)
    assert _png_size(saved) == (1920, 1080)
    _all_local(page)

    monkeypatch.setenv(db.DB_ENV, str(sample_db))
    snap = db.snapshot()
    filters = queries.resolve_year(snap, Filters.from_query(dict(parse_qsl(urlsplit(path).query))))
    figure = images.view_figure(snap, caption_context(snap, filters), view)
    sarabun = render_png(figure)
    fallback = render_png(go.Figure(figure).update_layout(font_family="Loma"))
    assert _changed_share(sarabun, saved) < 0.0005
    assert _changed_share(fallback, saved) > 10 * max(_changed_share(sarabun, saved), 0.0005)


def test_camera_falls_back_to_plotly_when_the_server_cannot_answer(page: Any, tmp_path: Path) -> None:
    """A server that answers with an error (here: a chart it does not know) never saves a broken
    file: plotly's own export runs, under the same name."""
    _open(page, "/?lang=en")
    page.evaluate("document.querySelector('#goal-chart .js-plotly-plot').layout.meta.export_url = "
                  "'/export/image.png?view=nope'")
    name, path = _camera(page, "goal-chart", tmp_path)
    assert name == "sdg-goals-2566-en.png"
    assert _png_size(path) == (1920, 1080)
    assert any(urlsplit(u).query == "view=nope" for u in page.requested_urls)
