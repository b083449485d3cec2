"""The overview built the way the Dash tutorials build it, as the benchmark's point of comparison.

A pandas DataFrame of every project is loaded when the app starts; one callback filters it and
returns brand-new `px` figures: a choropleth carrying the boundaries as shipped
(geo/source/thailand-provinces.geojson, unsimplified), and the goal, region and goal-by-region
charts. Served the same way as the real app: `SDG_DB=... gunicorn --workers 4 --threads 4
bench.baseline_app:server`. Only the columns the views need are loaded, which flatters the
baseline (less memory, faster filtering), so the ratios reported against it are conservative.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from dash import Dash, Input, Output, callback, dcc, html

from dashboard.server.timing import add_server_timing

ROOT = Path(__file__).resolve().parent.parent
GEOJSON_PATH = ROOT / "geo" / "source" / "thailand-provinces.geojson"


def load_projects(db: Path) -> pd.DataFrame:
    """All projects with their province's names and region, read once at start-up."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            """
            SELECT pj.project_id, pj.province_code, pj.fiscal_year, pj.goal,
                   pv.name_en, pv.name_th, pv.region_code, pv.is_pilot
            FROM projects pj JOIN provinces pv USING (province_code)
            """
        ).df()


def _db_path() -> Path:
    return Path(os.environ.get("SDG_DB", str(ROOT / "data" / "sdg.duckdb")))


df = load_projects(_db_path())
with GEOJSON_PATH.open(encoding="utf-8") as f:
    geojson = json.load(f)

YEARS = sorted(df["fiscal_year"].unique().tolist(), reverse=True)
REGIONS = sorted(df["region_code"].unique().tolist())

app = Dash(__name__)
server = app.server
add_server_timing(server)  # measurement only: the same header the real app sends
app.layout = html.Div([
    html.H1("SDG projects by province"),
    dcc.Dropdown(YEARS, YEARS[0], id="baseline-year"),
    dcc.Dropdown(list(range(1, 18)), [], multi=True, id="baseline-goal"),
    dcc.Dropdown(REGIONS, [], multi=True, id="baseline-region"),
    dcc.Graph(id="baseline-map"),
    dcc.Graph(id="baseline-goals"),
    dcc.Graph(id="baseline-regions"),
    dcc.Graph(id="baseline-heatmap"),
])


@callback(
    Output("baseline-map", "figure"),
    Output("baseline-goals", "figure"),
    Output("baseline-regions", "figure"),
    Output("baseline-heatmap", "figure"),
    Input("baseline-year", "value"),
    Input("baseline-goal", "value"),
    Input("baseline-region", "value"),
)
def update(year: Any, goals: Any, regions: Any) -> tuple[go.Figure, go.Figure, go.Figure, go.Figure]:
    """Filter the DataFrame and draw every figure again from scratch."""
    dff = df[df["fiscal_year"] == year]
    if goals:
        dff = dff[dff["goal"].isin(goals)]
    if regions:
        dff = dff[dff["region_code"].isin(regions)]
    by_province = dff.groupby(["province_code", "name_en"]).size().reset_index(name="projects")
    fig_map = px.choropleth(by_province, geojson=geojson, locations="province_code",
                            featureidkey="properties.pro_code", color="projects", hover_name="name_en")
    fig_map.update_geos(fitbounds="locations", visible=False)
    by_goal = dff.groupby("goal").size().reset_index(name="projects")
    fig_goals = px.bar(by_goal, x="projects", y="goal", orientation="h")
    by_region = dff.groupby("region_code").size().reset_index(name="projects")
    fig_regions = px.bar(by_region, x="region_code", y="projects")
    fig_heat = px.density_heatmap(dff, x="region_code", y="goal", text_auto=True)
    return fig_map, fig_goals, fig_regions, fig_heat
