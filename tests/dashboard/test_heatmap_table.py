"""The heatmap's table form (shown on phones): the heatmap's numbers, goals down and regions across."""
from __future__ import annotations

from pathlib import Path
from types import ModuleType

from dashboard import figures
from dashboard.data import db, queries
from dashboard.data.state import Filters
from dashboard.ui import heatmap_table, ids
from tests.dashboard.layout_tree import by_id as _by_id
from tests.dashboard.layout_tree import children_of, parse_markup
from tests.dashboard.layout_tree import text as _text


def _cells(table: list) -> list[list[int]]:
    body = table[2]
    return [[int(children_of(cell).replace(",", "")) for cell in children_of(row)[1:]]
            for row in children_of(body)]


def test_table_holds_the_heatmaps_numbers(snap: db.Snapshot, base: Filters) -> None:
    filters = base.replace(regions=("north", "south"), goals=(2, 13), lang="en")
    cells = queries.goal_region_counts(snap, filters)
    table = heatmap_table.table_children(cells, "en", filters.year)
    heatmap = figures.heatmap_update(cells, "en", filters.year)
    z = heatmap["trace"]["z"]  # regions x goals
    assert _cells(table) == [[z[r][g] for r in range(len(z))] for g in range(len(z[0]))]
    assert children_of(table[0]) == heatmap["title"]
    header = children_of(children_of(table[1]))
    assert [children_of(th) for th in header] == ["Goal \\ region", "North", "South"]
    rows = children_of(table[2])
    assert [children_of(children_of(row)[0]) for row in rows] == ["2 Zero Hunger", "13 Climate Action"]


def test_overview_renders_and_updates_the_table(sample_env: Path, overview: ModuleType) -> None:
    page = overview.layout(year="2566")
    table = _by_id(page, ids.GOAL_REGION_TABLE)
    assert "จำนวนโครงการ: เป้าหมาย × ภาค · ปีงบประมาณ 2566" in _text(table)
    assert sum(map(sum, _cells(children_of(table)))) == 742
    out = overview.update_overview(2566, [2], ["north"], False, "completeness", "en")
    filters = Filters(year=2566, goals=(2,), regions=("north",), lang="en")
    heatmap = figures.heatmap_update(queries.goal_region_counts(db.snapshot(), filters), "en", 2566)
    assert _cells(parse_markup(out[10])) == [[heatmap["trace"]["z"][0][0]]]  # the table's markup
    assert heatmap["trace"]["z"][0][0] > 0
