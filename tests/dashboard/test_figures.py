"""Figure builders on real query results: what each chart promises, checked on the figure."""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard import figures
from dashboard.data import db, queries
from dashboard.data.state import Filters
from geo import load_boundaries


@pytest.fixture
def status(snap: db.Snapshot, base: Filters) -> pd.DataFrame:
    return queries.province_status(snap, base)


def _settings(lang: str = "th", metric: str = "completeness",
              goals: tuple[int, ...] = ()) -> figures.MapSettings:
    return figures.MapSettings(lang=lang, metric=metric, goals=goals, year=2566)


def test_map_draws_all_provinces_with_classes(status: pd.DataFrame) -> None:
    fig = go.Figure(figures.province_map(status, load_boundaries("provinces"), _settings()))
    trace = fig.data[0]
    assert len(trace.locations) == 77 and trace.featureidkey == "id"
    ids = {f["id"] for f in trace.geojson["features"]}
    assert set(trace.locations) == ids
    z = dict(zip(trace.locations, trace.z, strict=True))
    assert z["10"] == figures.NOT_ASSESSED_Z, "Bangkok is its own class"
    assert sorted(set(trace.z)) == [-1, 1, 2, 3, 4]
    assert list(trace.colorbar.tickvals) == [-1, 0, 1, 2, 3, 4]
    assert trace.colorbar.title.text == "องค์ประกอบของแผน (จาก 4)"
    # every class, "not assessed" included, gets a distinct colour
    colours = [c[2] for c in figures.completeness_classes("th")]
    assert len(set(colours)) == 6
    widths = dict(zip(trace.locations, trace.marker.line.width, strict=True))
    assert widths["50"] > widths["51"], "pilot Chiang Mai is outlined, Lamphun is not"
    assert sum(w == figures.PILOT_BORDER[1] for w in trace.marker.line.width) == 15
    assert fig.data[1].name == "จังหวัดนำร่อง (ขอบหนา)" and fig.data[1].showlegend
    assert fig.layout.geo.visible is False and fig.layout.geo.projection.type == "mercator"
    assert not fig.layout.geo.fitbounds, "ranges frame the map (and meeting mode zooms by ranges)"
    lon, lat = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    assert 97 < lon[0] + 0.4 < 98 and 105 < lon[1] - 0.4 < 106, "Thailand spans 97.3-105.7 E"
    assert 5 < lat[0] + 0.4 < 6 and 20 < lat[1] - 0.4 < 21, "and 5.6-20.5 N"


def test_hover_names_components_and_projects(status: pd.DataFrame) -> None:
    update = figures.map_update(status, _settings(lang="en", goals=(2,)))
    hover = dict(zip(status["province_code"], update["trace"]["hovertext"], strict=True))
    assert "Chiang Mai" in hover["50"] and "เชียงใหม่" in hover["50"]
    assert "Present" in hover["50"] and "Missing" in hover["50"]
    assert "Projects:" in hover["50"] and "Projects (goal 2):" in hover["50"]
    assert "Plan not assessed" in hover["10"]


def test_map_update_carries_no_geometry(status: pd.DataFrame) -> None:
    update = figures.map_update(status, _settings(metric="projects"))
    text = json.dumps(update, default=str)
    assert "coordinates" not in text and "geojson" not in text
    assert update["trace"]["zmin"] == 0 and update["trace"]["zmax"] == max(update["trace"]["z"])
    assert sum(update["trace"]["z"]) == 742


def test_map_goal_metric_counts_selected_goals(snap: db.Snapshot, base: Filters) -> None:
    filtered = queries.province_status(snap, base.replace(goals=(2,)))
    update = figures.map_update(filtered, _settings(metric="goal_projects", goals=(2,)))
    assert sum(update["trace"]["z"]) == 106
    assert "goal 2" in update["title"] or "เป้าหมาย 2" in update["title"]


def test_goal_chart(snap: db.Snapshot, base: Filters) -> None:
    by_goal = queries.projects_by_goal(snap, base)
    fig = go.Figure(figures.goal_chart(by_goal, "en", 2566))
    bar = fig.data[0]
    assert len(bar.y) == 17
    assert bar.y[0] == "1 No Poverty ★" and bar.y[10] == "11 Sustainable Cities and Communities ★"
    assert sum("★" in label for label in bar.y) == 2
    assert list(bar.marker.color) == by_goal["color"].tolist()
    assert list(bar.customdata) == list(range(1, 18))
    assert "FY2566 (2023)" in fig.layout.title.text


def test_goal_chart_dims_unselected(snap: db.Snapshot, base: Filters) -> None:
    fig = go.Figure(figures.goal_chart(queries.projects_by_goal(snap, base.replace(goals=(2,))), "th"))
    opacity = list(fig.data[0].marker.opacity)
    assert opacity[1] == 1.0 and opacity.count(1.0) == 1


def test_region_chart_and_heatmap(snap: db.Snapshot, base: Filters) -> None:
    region = go.Figure(figures.region_chart(queries.projects_by_region(snap, base), "th", 2566))
    assert list(region.data[0].y) == ["ภาคเหนือ", "ภาคตะวันออกเฉียงเหนือ", "ภาคกลาง", "ภาคตะวันออก",
                                      "ภาคตะวันตก", "ภาคใต้"]
    assert list(region.data[0].x) == [287, 122, 86, 67, 49, 131]
    heat = go.Figure(figures.goal_region_heatmap(queries.goal_region_counts(snap, base), "en", 2566))
    z = heat.data[0].z
    assert len(z) == 6 and all(len(row) == 17 for row in z)
    assert sum(map(sum, z)) == 742
    assert list(heat.data[0].y) == ["North", "Northeast", "Central", "East", "West", "South"]
    assert list(heat.data[0].x) == [str(g) for g in range(1, 18)]
    assert sum(row[1] for row in z) == 106, "goal 2 across the regions"


def test_full_figures_and_updates_agree(snap: db.Snapshot, base: Filters) -> None:
    filters = base.replace(goals=(2, 11), regions=("south",))
    pairs: list[tuple[Callable[..., Any], Callable[..., Any], pd.DataFrame]] = [
        (figures.goal_chart, figures.goal_chart_update, queries.projects_by_goal(snap, filters)),
        (figures.region_chart, figures.region_chart_update, queries.projects_by_region(snap, filters)),
        (figures.goal_region_heatmap, figures.heatmap_update, queries.goal_region_counts(snap, filters)),
        (figures.status_chart, figures.status_chart_update, queries.projects_by_status(snap, filters)),
    ]
    for build, update, frame in pairs:
        fig, changed = go.Figure(build(frame, "en", 2566)), update(frame, "en", 2566)
        assert fig.layout.title.text == changed["title"]
        full = fig.data[0].to_plotly_json()
        for key, value in changed["trace"].items():
            assert full[key] == value, (build.__name__, key)


def test_empty_selection_says_no_data(snap: db.Snapshot) -> None:
    update = figures.goal_chart_update(queries.projects_by_goal(snap, Filters(year=2400)), "en", 2400)
    assert "No data for these filters" in update["title"]


def test_figures_serialise_small(snap: db.Snapshot, base: Filters) -> None:
    for fig in (go.Figure(figures.goal_chart(queries.projects_by_goal(snap, base), "th")),
                go.Figure(figures.region_chart(queries.projects_by_region(snap, base), "th")),
                go.Figure(figures.goal_region_heatmap(queries.goal_region_counts(snap, base), "th"))):
        assert len(pio.to_json(fig)) < 20_000



def test_trend_chart_and_its_update_agree(snap: db.Snapshot, base: Filters) -> None:
    trend = queries.trend(snap, base.replace(regions=("north",)))
    fig, update = go.Figure(figures.trend_chart(trend, "en")), figures.trend_update(trend, "en")
    assert fig.layout.title.text == update["title"] and len(fig.data) == len(update["traces"])
    for trace, changed in zip(fig.data, update["traces"], strict=True):
        full = trace.to_plotly_json()
        assert all(list(full[key]) == list(value) for key, value in changed.items())
    assert [d.type for d in fig.data] == ["bar"] * 6 + ["scatter"]


def test_overview_figures_are_plain_valid_data(snap: db.Snapshot, base: Filters) -> None:
    """The overview's builders return plotly's JSON form, which a Figure accepts as it stands."""
    filters = base.replace(goals=(2,), regions=("north",), pilots_only=True, metric="change",
                           measure="budget")
    status = queries.province_status(snap, filters)
    built = [
        figures.province_map(status, load_boundaries("provinces"), _settings()),
        figures.goal_chart(queries.projects_by_goal(snap, filters), "th", 2566, "budget"),
        figures.region_chart(queries.projects_by_region(snap, filters), "th", 2566, "budget"),
        figures.goal_region_heatmap(queries.goal_region_counts(snap, filters), "th", 2566),
        figures.trend_chart(queries.trend(snap, filters), "th"),
        figures.status_chart(queries.projects_by_status(snap, filters), "th", 2566),
    ]
    for fig in built:
        assert isinstance(fig, dict) and fig["data"] and fig["layout"]["template"]
        validated = json.loads(pio.to_json(go.Figure(fig)))
        assert validated == json.loads(pio.to_json(fig, validate=False)), "plotly changes nothing"


def test_shape_ranges_are_the_shapes_geo_ranges_worked_out_once() -> None:
    from geo import map_shapes, province_districts

    for shapes, pad in ((map_shapes("provinces"), 0.4), (province_districts("50"), 0.05)):
        first = figures.shape_ranges(shapes, pad)
        assert first == figures.geo_ranges(shapes, pad)
        first[0][0] = 0.0  # a caller changing its copy changes nothing kept
        assert figures.shape_ranges(shapes, pad) == figures.geo_ranges(shapes, pad)
    other = {"features": [{"geometry": {"type": "Point", "coordinates": [100.0, 15.0]}}]}
    assert figures.shape_ranges(other, 0.0) == ([100.0, 100.0], [15.0, 15.0])
