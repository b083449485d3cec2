"""In headless Chromium: the served assets make the boundaries draw and Thai render in Sarabun, offline."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest
from dash import Dash, dcc, html
from werkzeug.serving import make_server

import geo

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser


def boundary_figure(level: geo.Level, collection: dict[str, Any]) -> go.Figure:
    """The map the dashboard draws: our GeoJSON joined on codes, no base map."""
    codes = [f["id"] for f in collection["features"]]
    figure = go.Figure(go.Choropleth(
        geojson=collection, featureidkey=geo.FEATURE_ID_KEY, locations=codes, z=list(range(len(codes))),
        showscale=False, name=level,
    ))
    figure.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    return figure


@pytest.fixture(scope="module")
def asset_app_url() -> Iterator[str]:
    """A real HTTP server for a Dash app over the project's assets/ with both boundary maps."""
    app = Dash(__name__, assets_folder=str(ROOT / "assets"), serve_locally=True)
    app.layout = html.Div([
        html.H1("แผนที่จังหวัด", id="thai-heading"),
        dcc.Graph(id="provinces", figure=boundary_figure("provinces", geo.load_boundaries("provinces")),
                  config={"topojsonURL": "/assets/topojson/"}),
        dcc.Graph(id="districts", figure=boundary_figure("districts", geo.province_districts("50")),
                  config={"topojsonURL": "/assets/topojson/"}),
    ])
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


def test_maps_draw_and_fonts_load_without_leaving_the_host(browser: Any, asset_app_url: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(asset_app_url + "/")
        page.wait_for_function(
            "document.querySelectorAll('#districts path.choroplethlocation').length === 25", timeout=30_000
        )
        assert page.locator("#provinces path.choroplethlocation").count() == 77
        page.evaluate("document.fonts.ready")
        assert page.evaluate("document.fonts.check('16px Sarabun', 'แผนที่')")
        loaded = page.evaluate(
            "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight)"
        )
        assert any("Sarabun" in face for face in loaded)
        family = page.evaluate("getComputedStyle(document.getElementById('thai-heading')).fontFamily")
        assert family.startswith('"Sarabun"') or family.startswith("Sarabun")
    finally:
        context.close()
    # plotly's world layers are off: assets/geo-assets.js stands in for the world topology it would fetch
    assert not [url for url in requested if "/assets/topojson/" in url]
    assert any("/assets/fonts/sarabun-" in url for url in requested)
    foreign = [url for url in requested if not url.startswith(asset_app_url + "/")]
    assert foreign == [], f"requests left the app's host: {foreign}"
