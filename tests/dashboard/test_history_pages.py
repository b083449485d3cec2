"""The province page's year-by-year history, the pilots table's change column and sorting, and links that
keep the page's year and language, rendered by the real page functions on the three-year sample."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict

from dashboard.ui import ids
from tests.dashboard.layout_tree import by_id, text, walk


@pytest.fixture
def province(dash_app: ModuleType) -> ModuleType:
    from dashboard.pages import province as module

    return module


@pytest.fixture
def pilots(dash_app: ModuleType) -> ModuleType:
    from dashboard.pages import pilots as module

    return module


def _attr(node: Any, name: str) -> Any:
    return node.to_plotly_json()["props"].get(name)


def _rows(tree: Any) -> list[Any]:
    return [n for n in walk(tree) if type(n).__name__ == "Tr" and _attr(n, "data-province") is not None]


@pytest.mark.parametrize(("year", "progress"), [(2565, "not_assessed"), (2566, "new"), (2567, "improved")])
def test_province_history_lists_every_year_and_marks_the_shown_one(
        sample_env: Path, province: ModuleType, year: int, progress: str) -> None:
    page = province.layout(code="50", year=str(year), lang="en")
    history = by_id(page, ids.PROVINCE_HISTORY)
    rows = [n for n in walk(history) if type(n).__name__ == "Tr" and _attr(n, "data-year")]
    assert [int(_attr(r, "data-year")) for r in rows] == [2565, 2566, 2567]
    current = [r for r in rows if _attr(r, "aria-current") == "true"]
    assert len(current) == 1 and int(_attr(current[0], "data-year")) == year
    assert _attr(current[0], "data-progress") == progress
    words = text(history)
    assert "Year by year" in words and "not assessed" in words  # Chiang Mai sent no plan in 2565


def test_province_links_keep_year_and_language(sample_env: Path, province: ModuleType) -> None:
    page = province.layout(code="50", year="2565", lang="en")
    assert by_id(page, ids.NAV_OVERVIEW).href == "/?year=2565&lang=en"
    assert by_id(page, ids.NAV_PILOTS).href == "/pilots?year=2565&lang=en"
    assert by_id(page, ids.PROVINCE_NEXT_PILOT).href == "/province/58?year=2565&lang=en"


def test_pilots_table_shows_change_since_previous_year(sample_env: Path, pilots: ModuleType) -> None:
    page = pilots.layout(year="2566", lang="en")
    rows = _rows(by_id(page, ids.PILOTS_TABLE))
    assert len(rows) == 15
    words = text(by_id(page, ids.PILOTS_TABLE))
    assert "Change since previous year" in words and "Improved" in words and "components +" in words
    first_year = text(by_id(pilots.layout(year="2565", lang="en"), ids.PILOTS_TABLE))
    assert "Nothing to compare (first year)" in first_year


def _sort(pilots: ModuleType, column: str, shown: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """Press one sort button as Dash would (the trigger is that button's n_clicks)."""
    prop = f"{pilots.sort_button_id(column)}.n_clicks"
    token = context_value.set(AttributeDict(triggered_inputs=[{"prop_id": prop, "value": 1}]))
    try:
        clicks = [1 if key == column else 0 for key, _, _ in pilots.COLUMNS]
        result: tuple[Any, dict[str, Any]] = pilots.sort_clicked(*clicks, shown, 2566, "en")
        return result
    finally:
        context_value.reset(token)


def test_sorting_by_projects_then_reversing(sample_env: Path, pilots: ModuleType) -> None:
    table, state = _sort(pilots, "projects", {"col": "order", "desc": False})
    assert state == {"col": "projects", "desc": False}
    counts = [int(str(r.children[5].children).replace(",", "")) for r in _rows(table)]
    assert counts == sorted(counts)
    headers = {_attr(n, "aria-sort") for n in walk(table) if type(n).__name__ == "Th"}
    assert headers == {"ascending", "none"}
    table, state = _sort(pilots, "projects", state)
    assert state == {"col": "projects", "desc": True}
    counts = [int(str(r.children[5].children).replace(",", "")) for r in _rows(table)]
    assert counts == sorted(counts, reverse=True)
    assert "descending" in {_attr(n, "aria-sort") for n in walk(table) if type(n).__name__ == "Th"}


@pytest.mark.parametrize(("year", "rows"), [(2565, 526), (2566, 742), (2567, 864)])
def test_csv_honours_the_year_and_carries_it(sample_env: Path, dash_app: ModuleType, year: int,
                                           rows: int) -> None:
    client = dash_app.server.test_client()
    response = client.get(f"/export/data.csv?year={year}&lang=en")
    assert response.status_code == 200
    table = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    header, body = table[0], table[1:]
    year_column = next(i for i, name in enumerate(header) if "year" in name.lower())
    assert len(body) == rows and {row[year_column] for row in body} == {str(year)}


def test_change_slide_of_the_first_year_says_there_is_nothing_to_compare(sample_env: Path,
                                                                        dash_app: ModuleType) -> None:
    from dashboard.data import db
    from dashboard.data.state import Filters
    from dashboard.exports import captions, slides

    snap = db.snapshot()
    view = slides.change_view(snap, captions.caption_context(snap, Filters(year=2565, lang="en")))
    assert view.headline == "FY2565 is the first year with data: there is nothing to compare."
    assert view.details == ()
