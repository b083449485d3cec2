"""Plain elements reach the browser as exactly the JSON of the Dash components they stand for."""
from __future__ import annotations

import json
from typing import Any

import pytest
from dash import dcc, html

from dashboard.server.json_encoding import to_json
from dashboard.ui.links import data_attrs
from dashboard.ui.plain_html import element, link
from dashboard.ui.province_table import table_children
from tests.dashboard.layout_tree import children_of


@pytest.mark.parametrize(("plain", "component"), [
    (element("Td", "12", className="text-end"), html.Td("12", className="text-end")),
    (element("Td", ""), html.Td("")),
    (element("Span", None, className="x"), html.Span(className="x")),
    (element("Tr", [element("Th", [link("เชียงใหม่", "/province/50?lang=en"), None], scope="row")],
             className="", **data_attrs(province="50", selected=1)),
     html.Tr([html.Th([dcc.Link("เชียงใหม่", href="/province/50?lang=en"), None], scope="row")],
             className="", **data_attrs(province="50", selected=1))),
    (element("Tbody", [element("Tr", [element("Td", 'a "quoted" <b>')])]),
     html.Tbody([html.Tr([html.Td('a "quoted" <b>')])])),
])
def test_a_plain_element_is_sent_as_its_component(plain: Any, component: Any) -> None:
    assert json.loads(to_json(plain)) == json.loads(to_json(component))  # key order aside, the same


def test_the_province_table_rows_carry_no_ids(snap: Any, base: Any) -> None:
    from dashboard.data import queries
    from dashboard.ui.province_table import DEFAULT_SORT

    body = table_children(queries.province_status(snap, base), queries.regions(snap, base), base,
                          DEFAULT_SORT)[-1]
    rows = children_of(body)
    assert len(rows) == 77 and all(r["type"] == "Tr" for r in rows)
    assert " id=" not in body.html  # callbacks never target an element inside the markup
    assert {r["props"]["data-province"] for r in rows} >= {"10", "50", "96"}


def test_the_finder_suggests_every_province_name_as_its_option_component() -> None:
    from dashboard.ui.province_finder import name_options
    from etl.provinces import provinces

    names = sorted({p.name_th for p in provinces()}) + sorted({p.name_en for p in provinces()})
    assert len(names) == 154
    options = [html.Option(value=n) for n in names]
    assert json.loads(to_json(list(name_options()))) == json.loads(to_json(options))
