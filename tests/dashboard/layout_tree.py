"""Reading a Dash layout tree in tests: walk it, find a component by id, collect its text.

A tree holds component objects and, in large generated tables, the same elements as the plain JSON
Dash sends (`dashboard.ui.plain_html`); both are read alike.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def _is_plain(node: Any) -> bool:
    return isinstance(node, dict) and "props" in node and "type" in node and "namespace" in node


def children_of(node: Any) -> Any:
    """A node's children (a component's, or a plain element's)."""
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
