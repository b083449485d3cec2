"""The goal x region heatmap as a table: on a phone the heatmap's 102 cells are too small to read, so
the page shows this table there instead (goals down, regions across, so it fits the width). Its
numbers come from the heatmap's own builder (figures.heatmap_update), so the two cannot disagree."""
from __future__ import annotations

from typing import Any

import pandas as pd
from dash import html
from dash.development.base_component import Component

from dashboard import figures
from dashboard.i18n import goal_label, number, t


def table_children(cells: pd.DataFrame, lang: str, year: int | None,
                   grid: dict[str, Any] | None = None) -> list[Component]:
    """Caption (the heatmap's title), a header of regions, and one row per goal of project counts;
    `grid` is figures.heatmap_update of the same cells when the caller has it already."""
    grid = grid or figures.heatmap_update(cells, lang, year)
    counts = grid["trace"]["z"]  # regions x goals
    regions = grid["trace"]["y"]
    goals = [int(g) for g in grid["trace"]["x"]]
    names = {int(r.goal): goal_label(r.goal, r.short_th, r.short_en, lang)
             for r in cells.drop_duplicates("goal").itertuples()}
    header = html.Tr([html.Th(t("heatmap_table_corner", lang), scope="col"),
                      *[html.Th(name, scope="col", className="text-end") for name in regions]])
    rows = [
        html.Tr([html.Th(names[goal], scope="row"),
                 *[html.Td(number(counts[r][g]), className="text-end") for r in range(len(regions))]])
        for g, goal in enumerate(goals)
    ]
    return [
        html.Caption(grid["title"], className="caption-top fw-semibold text-body"),
        html.Thead(header),
        html.Tbody(rows),
    ]
