"""The first paint the server writes into each page's index HTML: the layout's text, escaped, with no
ids, working links, and controls that wait for the live page."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

import dash_bootstrap_components as dbc
import pytest
from dash import dcc, html

from dashboard.server.index_page import LOADER_PATH, RENDERER_START_PATH, listed_scripts
from dashboard.ui import ids
from dashboard.ui.first_paint import COPY_FRAME_CLASS, FIRST_PAINT_ID, render
from dashboard.ui.links import aria_attrs, data_attrs
from dashboard.ui.static_html import StaticHtml
from tests.dashboard.layout_tree import text as layout_text

LOADER_SRC, RENDERER_SRC = f"/{LOADER_PATH}", f"/{RENDERER_START_PATH}"


class _Reader(HTMLParser):
    """Tags with their attributes, and the text, of a piece of HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)


def _read(markup: str) -> _Reader:
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    return reader


def _words(text: str) -> list[str]:
    return text.split()


def test_text_and_attributes_are_escaped_and_ids_left_out() -> None:
    markup = render(html.Div([
        html.Span('<script>alert("x")</script> & co', id="name", title='a "b" <c>',
                  **aria_attrs(labelledby="name"), **data_attrs(code="50")),
        html.A("link", href="javascript:alert(1)", id="bad"),
        dcc.Link("ok", href="/province/50?year=2566&lang=en"),
        html.Button("press", id="go"),
        dbc.Input(id="box", placeholder="type"),
    ], className="page-frame x", id="frame"))
    read = _read(markup)
    assert "<script" not in markup and "&lt;script&gt;" in markup
    assert all("id" not in attrs and "aria-labelledby" not in attrs for _, attrs in read.tags)
    span = next(attrs for tag, attrs in read.tags if tag == "span")
    assert span == {"title": 'a "b" <c>', "data-code": "50"}
    links = [attrs for tag, attrs in read.tags if tag == "a"]
    assert links == [{}, {"href": "/province/50?year=2566&lang=en"}]  # the javascript: address is dropped
    assert ("button", {"type": "button", "disabled": None}) in read.tags
    assert ("input", {"class": "form-control", "placeholder": "type", "disabled": None}) in read.tags
    assert read.tags[0] == ("div", {"class": f"{COPY_FRAME_CLASS} x"})  # scripts look for the live frame


def test_bootstrap_and_dash_components_draw_as_their_markup() -> None:
    markup = render(dbc.Row([
        dbc.Col(dbc.Card(dbc.CardBody("body")), md=7, xl=8, className="c"),
        dbc.Col(dbc.Alert("careful", color="warning")),
        dcc.Store(id="s", data={"a": 1}),
        dcc.Graph(id="g", figure={"layout": {}},
                  style={"height": "620px"}),
        dcc.Dropdown(id="d", options=[{"label": "FY2566", "value": 2566}], value=2566),
        StaticHtml('<tr><td class="x">1</td></tr>', tag="tbody", id="rows"),
    ], className="g-3"))
    assert markup.startswith('<div class="row g-3"><div class="col-md-7 col-xl-8 c"><div class="card">'
                             '<div class="card-body">body</div></div></div>')
    assert '<div class="alert alert-warning" role="alert">careful</div>' in markup
    # an empty box: the page's own heading above the graph names the chart
    assert '<div class="first-paint-box first-paint-chart" style="height: 620px"></div>' in markup
    assert ">FY2566</div>" in markup and "a&quot;" not in markup and '"a": 1' not in markup
    assert markup.endswith('<tbody><tr><td class="x">1</td></tr></tbody></div>')


@pytest.mark.parametrize("query", [{}, {"lang": "en", "goal": "3", "metric": "change"}])
def test_the_overview_paint_holds_the_pages_text_and_links(sample_env: Path, overview: ModuleType,
                                                           query: dict[str, Any]) -> None:
    layout = overview.layout(year="2566", **query)
    read = _read(render(layout))
    painted = _words(" ".join(read.texts))
    expected = _words(layout_text(layout))
    missing = [w for w in set(expected) if w not in set(painted)]
    assert not missing, missing[:10]
    hrefs = {attrs.get("href") for tag, attrs in read.tags if tag == "a"}
    assert {f"/province/{code}" for code in ("10", "50", "96")} <= {h.split("?")[0] for h in hrefs if h}
    assert not [attrs for _, attrs in read.tags if "id" in attrs]


def test_the_index_page_carries_the_first_paint(sample_env: Path, dash_app: ModuleType) -> None:
    client = dash_app.server.test_client()
    page = client.get("/?year=2566&lang=en").get_data(as_text=True)
    copy_at, entry_at = page.find(f'<div id="{FIRST_PAINT_ID}">'), page.find('<div id="react-entry-point">')
    assert 0 < copy_at < entry_at
    assert "Sample data" in page[copy_at:entry_at] and 'lang="en"' in page[copy_at:entry_at]
    province = client.get("/province/50").get_data(as_text=True)
    assert "เชียงใหม่" in province.split('<div id="react-entry-point">')[0]
    pilots = client.get("/pilots?lang=en").get_data(as_text=True).split('<div id="react-entry-point">')[0]
    assert f'<div id="{FIRST_PAINT_ID}">' in pilots and "Chiang Mai" in pilots
    # the live page's ids stay unique: the copy has none
    assert not re.search(r'\sid="', page[copy_at + len(FIRST_PAINT_ID) + 10:entry_at])
    missing = client.get("/no-such-page")  # no page: only the live not-found page
    assert missing.status_code == 404 and f'id="{FIRST_PAINT_ID}"' not in missing.get_data(as_text=True)
    assert ids.MAIN_CONTENT not in page[copy_at:entry_at]


def test_scripts_load_in_order_without_stopping_the_parser(sample_env: Path, dash_app: ModuleType) -> None:
    client = dash_app.server.test_client()
    page = client.get("/").get_data(as_text=True)
    external = re.findall(r'<script ([^>]*src=[^>]*)>', page)
    assert external == [f'id="_dash-renderer" src="{LOADER_SRC}" async']  # the parser does not wait for it
    scripts = listed_scripts(page)
    assert len(scripts) >= 8 and scripts[-1] == RENDERER_SRC  # the renderer starts after the libraries
    assert [i for i, s in enumerate(scripts) if "/deps/react@" in s] < \
           [i for i, s in enumerate(scripts) if "dash_renderer" in s]
    assert "new DashRenderer" not in page  # the inline start is gone: it would run before the scripts
    assert page.index('id="dash-script-list"') < page.index(f'src="{LOADER_SRC}"')  # the list is there first
    for src, body in ((RENDERER_SRC, "window.renderer = new DashRenderer();"), (LOADER_SRC, "async=false")):
        answer = client.get(src)
        assert answer.status_code == 200 and answer.mimetype == "application/javascript"
        assert body in answer.get_data(as_text=True)
