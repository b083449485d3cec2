"""Reading a Dash layout tree in tests: walk it, find a component by id, collect its text.

A tree holds component objects and, in large generated tables, the same elements as the plain JSON
Dash sends (`dashboard.ui.plain_html`) or as markup (`dashboard.ui.static_html`, read back here into
plain elements by the standard library's HTML parser); all are read alike.
"""
from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from dashboard.ui.static_html import APP_LINK, StaticHtml

_PROP_NAMES = {"class": "className", "tabindex": "tabIndex", "for": "htmlFor", "colspan": "colSpan",
               "rowspan": "rowSpan"}
_VOID = {"br", "hr", "img", "input", "wbr"}


class _Elements(HTMLParser):
    """Markup back into plain elements: tags capitalised as Dash names them, attributes as Dash's
    property names, a marked link as `dcc.Link`; one text child stays a string, as Dash writes it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict[str, Any]] = [{"props": {"children": []}}]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        props: dict[str, Any] = {_PROP_NAMES.get(k, k): (True if v is None else v) for k, v in attrs}
        if tag == "a" and props.pop(APP_LINK, None):
            node = {"type": "Link", "namespace": "dash_core_components", "props": {**props, "children": []}}
        else:
            node = {"type": tag.capitalize(), "namespace": "dash_html_components",
                    "props": {**props, "children": []}}
        self.stack[-1]["props"]["children"].append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            _settle(self.stack.pop())

    def handle_data(self, data: str) -> None:
        self.stack[-1]["props"]["children"].append(data)


def _settle(node: dict[str, Any]) -> None:
    children = node["props"]["children"]
    node["props"]["children"] = (None if not children else children[0]
                                 if len(children) == 1 and isinstance(children[0], str) else children)


def parse_markup(markup: str) -> list[Any]:
    """The plain elements (and texts) of a piece of markup."""
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    children: list[Any] = parser.stack[0]["props"]["children"]
    return children


def _is_plain(node: Any) -> bool:
    return isinstance(node, dict) and "props" in node and "type" in node and "namespace" in node


def children_of(node: Any) -> Any:
    """A node's children (a component's, a plain element's, or a static markup's as plain elements)."""
    if isinstance(node, StaticHtml):
        return parse_markup(node.html)
    if _is_plain(node) and node.get("type") == StaticHtml._type:
        return parse_markup(node["props"].get("html", ""))
    if _is_plain(node):
        return node["props"].get("children")
    return getattr(node, "children", None)


def prop(node: Any, name: str) -> Any:
    """A property of a component or a plain element; None when it is not set."""
    if _is_plain(node):
        return node["props"].get(name)
    return getattr(node, name, None)


def walk(node: Any) -> Iterator[Any]:
    """Every component under `node` (itself included), depth first."""
    yield node
    children = children_of(node)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from walk(child)


def by_id(tree: Any, component_id: str) -> Any:
    """The first component with this id; fails the test when there is none."""
    found = [n for n in walk(tree) if prop(n, "id") == component_id]
    assert found, f"no component with id {component_id!r}"
    return found[0]


def has_id(tree: Any, component_id: str) -> bool:
    return any(prop(n, "id") == component_id for n in walk(tree))


def text(tree: Any) -> str:
    """The text a user would read in the tree, joined by spaces."""
    parts: list[str] = []
    for node in walk(tree):
        children = children_of(node)
        items = children if isinstance(children, list | tuple) else [children]
        parts += [str(c) for c in items if isinstance(c, str | int)]
    return " ".join(parts)
