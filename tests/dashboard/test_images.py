"""The server's PNG of one chart (what the camera button saves), fetched through the real app's
route and measured: slide size, named like the camera's file, a white frame, and nothing drawn up
to the edge of the plotly render inside it (text that reaches the edge has been cut)."""
from __future__ import annotations

import io
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import plotly.graph_objects as go
import pytest
from PIL import Image

from dashboard.exports.captions import EDGE_PX, EXPORT_SCALE, PIXEL_HEIGHT, PIXEL_WIDTH, render_unframed

WHITE = 250  # a channel value at or above this counts as background


@pytest.fixture
def client(sample_env: Path, dash_app: ModuleType) -> Any:
    return dash_app.server.test_client()


def ink(png: bytes) -> np.ndarray:
    """True where a pixel is not background."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    assert pixels.shape == (PIXEL_HEIGHT, PIXEL_WIDTH, 3)
    drawn: np.ndarray = np.asarray((pixels < WHITE).any(axis=2))
    return drawn


CASES = [
    ("view=map", "sdg-map-completeness-2566.png"),
    ("view=map&lang=en", "sdg-map-completeness-2566-en.png"),
    ("view=map&metric=projects&goal=2&region=north", "sdg-map-projects-2566-goal-2-region-north.png"),
    ("view=goals", "sdg-goals-2566.png"),
    ("view=goals&lang=en&pilots=1", "sdg-goals-2566-pilots-en.png"),
    ("view=regions&lang=en", "sdg-regions-2566-en.png"),
    ("view=heatmap", "sdg-heatmap-2566.png"),
    ("view=heatmap&lang=en&goal=1,2,3", "sdg-heatmap-2566-goal-1-2-3-en.png"),
    ("view=trend", "sdg-trend-2566.png"),
    ("view=status&lang=en", "sdg-status-2566-en.png"),
    ("view=goals&measure=budget&lang=en", "sdg-goals-2566-en.png"),
    ("view=map&metric=change", "sdg-map-change-2566.png"),
    ("view=map&province=50&lang=en", "sdg-province-50-map-completeness-2566-en.png"),
    ("view=goal-mix&province=50", "sdg-province-50-goal-mix-2566.png"),
    ("view=districts&province=10", "sdg-province-10-districts-2566.png"),
    ("view=districts&province=96&lang=en", "sdg-province-96-districts-2566-en.png"),
]


@pytest.mark.parametrize(("query", "filename"), CASES)
def test_chart_png_is_framed_and_nothing_reaches_the_edge(client: Any, query: str, filename: str) -> None:
    response = client.get(f"/export/image.png?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "image/png"
    assert f'filename="{filename}"' in response.headers["Content-Disposition"]
    drawn = ink(response.data)
    edge = round(EDGE_PX * EXPORT_SCALE)
    frame = np.ones_like(drawn)
    frame[edge:-edge, edge:-edge] = False
    assert not drawn[frame].any(), "the white frame has ink in it"
    assert cut_at(drawn[edge:-edge, edge:-edge]) == [], filename
    assert drawn.mean() > 0.02, "the picture is (nearly) empty"


def cut_at(drawn: np.ndarray) -> list[str]:
    """The sides of plotly's own render that have ink in their outermost pixels: text cut there."""
    sides = {"top": drawn[0], "bottom": drawn[-1], "left": drawn[:, 0], "right": drawn[:, -1]}
    return [side for side, line in sides.items() if line.any()]


def test_the_edge_check_sees_text_cut_by_the_edge() -> None:
    figure = go.Figure(layout={"template": "none", "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
                               "xaxis": {"visible": False},
                               "yaxis": {"visible": False}})
    figure.add_annotation(text="องค์ประกอบของแผน (จาก 4)", x=1.0, xref="paper", y=0.5, yref="paper",
                          xanchor="center", showarrow=False, font={"size": 40})
    inner = np.asarray(Image.open(io.BytesIO(render_unframed(figure))).convert("RGB"))
    assert cut_at(np.asarray((inner < WHITE).any(axis=2))) == ["right"]


@pytest.mark.parametrize(("query", "says"), [
    ("view=nope", "No chart is called 'nope'. Use view= with one of: map, goals, regions, heatmap, trend, "
                  "status."),
    ("view=goals&province=50", "one of: map, goal-mix, districts"),
    ("", "No chart is called ''"),
    ("view=map&province=99", "No province has the code '99'"),
])
def test_unknown_chart_or_province_is_a_clear_404(client: Any, query: str, says: str) -> None:
    response = client.get(f"/export/image.png?{query}&lang=en")
    assert response.status_code == 404
    assert says in response.get_data(as_text=True)


def test_a_long_filters_line_wraps_above_the_goal_charts_top_axis(sample_env: Path) -> None:
    from dashboard import figures
    from dashboard.data import db, queries
    from dashboard.data.state import Filters
    from dashboard.exports.captions import caption, caption_context

    snap = db.snapshot()
    filters = queries.resolve_year(snap, Filters.from_query(
        {"goal": "1,2,3,4,5,6,7,8,9,10,11,12", "region": "north,northeast,central,east,west", "pilots": "1",
         "lang": "en"}))
    ctx = caption_context(snap, filters)

    def chart() -> go.Figure:
        return go.Figure(figures.goal_chart(queries.projects_by_goal(snap, filters), "en", filters.year))

    page, export = caption(chart(), ctx, "goals"), caption(chart(), ctx, "goals", wide=True)
    lines = export.layout.title.subtitle.text.split("<br>")
    assert len(lines) == 2 and all(len(line) <= 120 for line in lines)
    assert "<br>" not in page.layout.title.subtitle.text
    assert export.layout.margin.t - page.layout.margin.t >= 18  # room for the second line
    assert page.layout.margin.t >= 48 + 24 + 24  # title, subtitle and the axis labels above the plot


def test_a_page_chart_sets_its_title_and_filters_as_page_text(sample_env: Path) -> None:
    from dashboard import figures
    from dashboard.data import db, queries
    from dashboard.data.state import Filters
    from dashboard.exports.captions import caption, caption_context, page_chart

    snap = db.snapshot()
    filters = queries.resolve_year(snap, Filters.from_query({"goal": "2", "lang": "en"}))
    ctx = caption_context(snap, filters)
    expected = {"goals": "FY2566 (2023) · goal 2 · all regions",
                "trend": "FY2565–2567 · goal 2 · all regions"}
    for view, build in (("goals", lambda: figures.goal_chart(queries.projects_by_goal(snap, filters), "en",
                                                                filters.year)),
                        ("trend", lambda: figures.trend_chart(queries.trend(snap, filters), "en"))):
        captioned, chart = caption(build(), ctx, view), page_chart(build(), ctx, view)
        assert chart.title == captioned["layout"]["title"]["text"]
        assert chart.subtitle == expected[view]
        layout, drawn = chart.figure["layout"], captioned["layout"]
        assert "title" not in layout  # plotly draws neither title nor caption lines
        assert not [a for a in layout.get("annotations", []) if a.get("name") == "export-caption"]
        assert chart.notes[0].startswith("SAMPLE DATA") and len(chart.notes) == 1
        assert next(a["text"] for a in drawn["annotations"] if a.get("name") == "export-caption").startswith(
            "SAMPLE DATA")  # where an export draws them
        # the room title and caption lines had is given back: the plot and its legend keep their size
        plot = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
        assert plot == drawn["height"] - drawn["margin"]["t"] - drawn["margin"]["b"]
        assert layout["margin"]["t"] < drawn["margin"]["t"] - 48
        assert layout["margin"]["b"] < drawn["margin"]["b"] - 18 * len(chart.notes)
