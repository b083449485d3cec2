"""Reading a Dash layout tree in tests: walk it, find a component by id, collect its text."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def walk(node: Any) -> Iterator[Any]:
    """Every component under `node` (itself included), depth first."""
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from walk(child)


def by_id(tree: Any, component_id: str) -> Any:
    """The first component with this id; fails the test when there is none."""
    found = [n for n in walk(tree) if getattr(n, "id", None) == component_id]
    assert found, f"no component with id {component_id!r}"
    return found[0]


def has_id(tree: Any, component_id: str) -> bool:
    return any(getattr(n, "id", None) == component_id for n in walk(tree))


def text(tree: Any) -> str:
    """The text a user would read in the tree, joined by spaces."""
    parts: list[str] = []
    for node in walk(tree):
        children = getattr(node, "children", None)
        items = children if isinstance(children, list | tuple) else [children]
        parts += [str(c) for c in items if isinstance(c, str | int)]
    return " ".join(parts)
