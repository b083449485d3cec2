"""AG Grid's infinite-model `getRowsRequest` read into a small typed query, whatever the browser sends.

Only whitelisted columns and operators survive; anything malformed is dropped (an unknown sort
column, a filter of the wrong shape), so the SQL layer never sees a value it did not expect.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

BLOCK_SIZE = 100
MAX_ROWS = 500  # the most rows one request may ask for (the grid asks for BLOCK_SIZE)
MAX_TEXT = 100
MAX_CONDITIONS = 2  # AG Grid's filter UI offers two conditions per column

TEXT_COLUMNS = ("project_id", "title", "target", "agency", "status")
NUMBER_COLUMNS = ("goal", "budget_thb")
SORT_COLUMNS = TEXT_COLUMNS + NUMBER_COLUMNS
TEXT_OPS = ("contains", "notContains", "equals", "notEqual", "startsWith", "endsWith", "blank", "notBlank")
NUMBER_OPS = ("equals", "notEqual", "lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual",
              "inRange", "blank", "notBlank")
NO_VALUE_OPS = ("blank", "notBlank")


@dataclass(frozen=True)
class Condition:
    """One column filter condition: `column <op> value` (and `value_to` for a range)."""

    column: str
    op: str
    value: str | float | None = None
    value_to: float | None = None


@dataclass(frozen=True)
class ColumnFilter:
    """A column's conditions joined by AND or OR."""

    conditions: tuple[Condition, ...]
    join: str = "AND"


@dataclass(frozen=True)
class GridQuery:
    """What one block request asks for: the row window, its order, its filters and the search text."""

    start: int = 0
    limit: int = BLOCK_SIZE
    sort: tuple[tuple[str, bool], ...] = ()  # (column, descending)
    filters: tuple[ColumnFilter, ...] = field(default_factory=tuple)
    search: str = ""


def _int(value: Any, default: int) -> int:
    """A non-negative int from JSON, or the default (bools and floats that are not whole are refused)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return default
    if isinstance(value, float) and (not math.isfinite(value) or not value.is_integer()):
        return default
    return int(value) if 0 <= value <= 10**9 else default


def _number(value: Any) -> float | None:
    """A finite number from JSON, or None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) and abs(number) < 1e15 else None


def _sort(model: Any) -> tuple[tuple[str, bool], ...]:
    """Whitelisted sort columns in order, each once."""
    if not isinstance(model, list):
        return ()
    out: dict[str, bool] = {}
    for item in model[:len(SORT_COLUMNS)]:
        if not isinstance(item, dict):
            continue
        if item.get("colId") in SORT_COLUMNS and item.get("sort") in ("asc", "desc"):
            out.setdefault(str(item["colId"]), item["sort"] == "desc")
    return tuple(out.items())


def _condition(column: str, raw: Any) -> Condition | None:
    """One condition of a column's filter, or None if it is not a shape AG Grid sends for that column."""
    if not isinstance(raw, dict):
        return None
    op = raw.get("type")
    if column in TEXT_COLUMNS:
        if raw.get("filterType", "text") != "text" or op not in TEXT_OPS:
            return None
        if op in NO_VALUE_OPS:
            return Condition(column, str(op))
        text = raw.get("filter")
        if not isinstance(text, str) or not text:
            return None
        return Condition(column, str(op), text[:MAX_TEXT])
    if raw.get("filterType", "number") != "number" or op not in NUMBER_OPS:
        return None
    if op in NO_VALUE_OPS:
        return Condition(column, str(op))
    value = _number(raw.get("filter"))
    if value is None:
        return None
    if op == "inRange":
        value_to = _number(raw.get("filterTo"))
        return None if value_to is None else Condition(column, "inRange", value, value_to)
    return Condition(column, str(op), value)


def _filters(model: Any) -> tuple[ColumnFilter, ...]:
    """Column filters on whitelisted columns; a combined filter keeps its AND/OR."""
    if not isinstance(model, dict):
        return ()
    out = []
    for column in SORT_COLUMNS:
        raw = model.get(column)
        if not isinstance(raw, dict):
            continue
        if "conditions" in raw:
            parts = raw["conditions"] if isinstance(raw["conditions"], list) else []
            join = "OR" if raw.get("operator") == "OR" else "AND"
        else:
            parts, join = [raw], "AND"
        conditions = tuple(c for c in (_condition(column, p) for p in parts[:MAX_CONDITIONS]) if c)
        if conditions:
            out.append(ColumnFilter(conditions, join))
    return tuple(out)


def parse(request: Any, search: Any = "") -> GridQuery:
    """The grid's block request and the search box text as a GridQuery (safe defaults for anything odd)."""
    request = request if isinstance(request, dict) else {}
    start = _int(request.get("startRow"), 0)
    end = _int(request.get("endRow"), start + BLOCK_SIZE)
    limit = min(max(end - start, 0), MAX_ROWS) or BLOCK_SIZE
    text = search.strip()[:MAX_TEXT] if isinstance(search, str) else ""
    return GridQuery(start=start, limit=limit, sort=_sort(request.get("sortModel")),
                     filters=_filters(request.get("filterModel")), search=text)
