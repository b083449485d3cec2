"""The goal x region heatmap as a table: on a phone the heatmap's 102 cells are too small to read, so
the page shows this table there instead (goals down, regions across, so it fits the width). Its
numbers come from the heatmap's own builder (figures.heatmap_update), so the two cannot disagree.
Every filter change sends it anew, so it is built as plain elements (about 90 per table)."""
from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard import figures
from dashboard.i18n import goal_label, number, t
from dashboard.ui.plain_html import Element, element


def table_children(cells: pd.DataFrame, lang: str, year: int | None,
                   grid: dict[str, Any] | None = None) -> list[Element]:
    """Caption (the heatmap's title), a header of regions, and one row per goal of project counts;
    `grid` is figures.heatmap_update of the same cells when the caller has it already."""
    grid = grid or figures.heatmap_update(cells, lang, year)
    counts = grid["trace"]["z"]  # regions x goals
    regions = grid["trace"]["y"]
    goals = [int(g) for g in grid["trace"]["x"]]
    names = {int(goal): goal_label(goal, th, en, lang) for goal, th, en in
             zip(cells["goal"].tolist(), cells["short_th"].tolist(), cells["short_en"].tolist(), strict=True)}
    header = element("Tr", [element("Th", t("heatmap_table_corner", lang), scope="col"),
                            *[element("Th", name, scope="col", className="text-end") for name in regions]])
    rows = [
        element("Tr", [element("Th", names[goal], scope="row"),
                       *[element("Td", number(counts[r][g]), className="text-end")
                         for r in range(len(regions))]])
        for g, goal in enumerate(goals)
    ]
    return [
        element("Caption", grid["title"], className="caption-top fw-semibold text-body"),
        element("Thead", header),
        element("Tbody", rows),
    ]
