"""HTML elements as the JSON Dash sends to the browser, not as component objects.

A Dash component object checks and records its properties when it is made, and is turned back into
this JSON on the way out. The overview's province table is 77 rows of about nine elements: some 700
objects and about 10 ms of every new overview page. Built as the JSON itself, it renders the same
(the browser only ever sees the JSON) at a fraction of the cost. Meant for large generated tables
only: Dash's layout checks do not look inside a plain element, so it must hold no id a callback uses.
"""
from __future__ import annotations

from typing import Any

Element = dict[str, Any]


def element(tag: str, children: Any = None, **props: Any) -> Element:
    """`html.<tag>(children, **props)` as its JSON, attribute names as Dash writes them (`className`,
    `data-*`); like Dash it always sends `children`, and leaves out other properties that are None."""
    values = {"children": children, **{k: v for k, v in props.items() if v is not None}}
    return {"props": values, "type": tag, "namespace": "dash_html_components"}


def link(children: Any, href: str) -> Element:
    """`dcc.Link(children, href=href)` as its JSON: a link the page follows without reloading."""
    return {"props": {"children": children, "href": href}, "type": "Link",
            "namespace": "dash_core_components"}
