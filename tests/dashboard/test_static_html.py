"""Generated tables sent as markup: escaped, and read back as exactly the elements they were built from."""
from __future__ import annotations

from typing import Any

import pytest

from dashboard.data import queries
from dashboard.data.state import Filters
from dashboard.ui import heatmap_table
from dashboard.ui.plain_html import element, link
from dashboard.ui.province_finder import name_options, name_options_html
from dashboard.ui.province_table import DEFAULT_SORT, sorted_rows, table_children
from dashboard.ui.static_html import StaticHtml, to_html
from tests.dashboard.layout_tree import children_of, parse_markup


def _normal(node: Any) -> Any:
    """A plain element as the parser gives it back: no None children, one text child as a string,
    numbers as text, no empty class."""
    if isinstance(node, list | tuple):
        items = [_normal(child) for child in node if child is not None and child is not False]
        return items
    if isinstance(node, int | float):
        return str(node)
    if not isinstance(node, dict):
        return node
    props = {k: (str(v) if isinstance(v, int) and not isinstance(v, bool) else v)
             for k, v in node["props"].items() if k != "children" and v is not None}
    children = node["props"].get("children")
    kids = _normal(children if isinstance(children, list | tuple) else [children])
    kids = None if not kids else kids[0] if len(kids) == 1 and isinstance(kids[0], str) else kids
    return {"type": node["type"], "namespace": node["namespace"], "props": {**props, "children": kids}}


@pytest.mark.parametrize(("node", "markup"), [
    (element("Td", 'a "quoted" <b> & </td>', className="text-end"),
     '<td class="text-end">a "quoted" &lt;b&gt; &amp; &lt;/td&gt;</td>'),
    (element("Tr", [element("Th", [link("เชียงใหม่", "/province/50?lang=en&year=2566"), None], scope="row")],
             **{"data-province": "50", "data-selected": 1}),
     '<tr data-province="50" data-selected="1"><th scope="row">'
     '<a href="/province/50?lang=en&amp;year=2566" data-app-link>เชียงใหม่</a></th></tr>'),
    (element("Option", None, value='x" onmouseover="alert(1)'),
     '<option value="x&quot; onmouseover=&quot;alert(1)"></option>'),
    ([element("Span", 12), "text", None, element("Br")], "<span>12</span>text<br>"),
])
def test_markup_is_escaped(node: Any, markup: str) -> None:
    assert to_html(node) == markup


def test_only_plain_elements_are_written() -> None:
    with pytest.raises(TypeError):
        to_html(object())
    with pytest.raises(ValueError, match="StaticHtml draws one of"):
        StaticHtml("<p>x</p>", tag="script")


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("change", [False, True])
def test_the_province_table_reads_back_as_its_rows(snap: Any, base: Filters, lang: str, change: bool) -> None:
    filters = base.replace(lang=lang, goals=(3, 13), regions=("north",),
                           metric="change" if change else base.metric)
    status, regions = queries.province_status(snap, filters), queries.regions(snap, filters)
    body = table_children(status, regions, filters, DEFAULT_SORT)[-1]
    assert isinstance(body, StaticHtml) and body.tag == "tbody"
    rows = children_of(body)
    assert len(rows) == 77
    expected = [str(r["province_code"]) for r in sorted_rows(status, regions, DEFAULT_SORT, lang)]
    assert [r["props"]["data-province"] for r in rows] == expected
    # built from plain elements and read back from the markup: the same elements, text and links
    plain = [element("Tr", children_of(r), **{k: v for k, v in r["props"].items() if k != "children"})
             for r in rows]
    assert to_html(plain) == body.html
    assert _normal(parse_markup(body.html)) == rows
    first = rows[0]["props"]["children"][0]["props"]["children"][0]
    assert first["type"] == "Link" and first["props"]["href"].startswith(f"/province/{expected[0]}")


def test_the_heatmap_table_reads_back_as_built(snap: Any, base: Filters) -> None:
    filters = base.replace(lang="en", regions=("north", "south"))
    built = heatmap_table.table_children(queries.goal_region_counts(snap, filters), "en", filters.year)
    assert parse_markup(to_html(built)) == _normal(built)


def test_the_finder_suggestions_read_back_as_the_options() -> None:
    assert parse_markup(name_options_html()) == _normal(list(name_options()))
    assert len(parse_markup(name_options_html())) == 154
