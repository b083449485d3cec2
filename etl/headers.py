"""Which dataset a table holds, and which of its columns is which: decided by headers, not file names.

A sheet name may also name the dataset; the headers must then agree. Problems name the headers found
and the ones expected, and suggest the closest expected header for a misspelt one.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from etl.errors import ERROR, WARNING, InputProblem, Problem
from etl.readers import Table
from etl.schema import DATASETS, Dataset, header_lookup, normalise_header
from etl.units import strip_unit

_LOOKUPS: dict[str, dict[str, str]] = {d.name: header_lookup(d) for d in DATASETS}


@dataclass(frozen=True)
class ColumnMap:
    """A table matched to a dataset: canonical column -> index in the table, plus header problems."""

    dataset: Dataset
    index: dict[str, int]
    headers: dict[str, str]
    problems: tuple[Problem, ...]


def _distinctive(dataset: Dataset) -> set[str]:
    """Canonical columns only this dataset has, the ones that tell datasets apart."""
    others = {c.name for d in DATASETS if d is not dataset for c in d.columns}
    return {c.name for c in dataset.columns} - others


def _by_sheet_name(sheet: str | None) -> Dataset | None:
    if sheet is None:
        return None
    key = normalise_header(sheet)
    return next((d for d in DATASETS if key in {normalise_header(n) for n in d.sheet_names}), None)


def detect_dataset(table: Table) -> Dataset:
    """The dataset whose distinctive headers this table carries (or that its sheet is named after)."""
    found = {_LOOKUPS[d.name].get(normalise_header(h)) for d in DATASETS for h in table.headers}
    scores = {d.name: len(found & _distinctive(d)) for d in DATASETS}
    best = max(DATASETS, key=lambda d: scores[d.name])
    named = _by_sheet_name(table.sheet)
    if named is not None and (scores[best.name] == 0 or scores[named.name] > 0):
        return named
    if scores[best.name] > 0:
        return best
    expected = "; ".join(
        f"{d.name} ({d.title_en}): "
        + ", ".join(f"{c.header_th} / {c.header_en}" for c in d.columns if c.required)
        for d in DATASETS
    )
    shown = ", ".join(f'"{h}"' for h in table.headers if h) or "(none)"
    sheet_hint = ""
    if table.sheet is not None:
        names = ", ".join(f'"{n}"' for d in DATASETS for n in d.sheet_names)
        sheet_hint = f'; sheet "{table.sheet}" is not one of the expected sheet names ({names})'
    raise InputProblem(Problem(
        table.where, table.header_row, None, None,
        f"cannot tell which dataset this is: headers found {shown}{sheet_hint}",
        f"use the headers of the template (python -m etl template). Expected {expected}",
    ))


def map_columns(table: Table, dataset: Dataset) -> ColumnMap:
    """Canonical column -> position; missing required columns are errors, unknown ones warnings."""
    lookup = _LOOKUPS[dataset.name]
    index: dict[str, int] = {}
    headers: dict[str, str] = {}
    problems: list[Problem] = []
    unknown: list[str] = []
    for i, header in enumerate(table.headers):
        name = lookup.get(normalise_header(header))
        if name is None and lookup.get(normalise_header(strip_unit(header))) == "budget_thb":
            name = "budget_thb"  # "งบประมาณ ล้านบาท": the unit is read from the header later
        if name is None:
            if header:
                unknown.append(header)
            continue
        if name in index:
            problems.append(Problem(
                table.where, table.header_row, header, None,
                f'column "{header}" means the same as column "{headers[name]}"',
                "keep one of the two columns and delete the other",
            ))
            continue
        index[name], headers[name] = i, header
    missing = [c for c in dataset.columns if c.required and c.name not in index]
    claimed: set[str] = set()
    for col in missing:
        guess = closest_header(col.header_th, col.header_en, [u for u in unknown if u not in claimed])
        if guess:
            claimed.add(guess)
        hint = (f'; did you mean "{guess}"? rename it to "{col.header_th}" or "{col.header_en}"'
                if guess else "")
        problems.append(Problem(
            table.where, table.header_row, guess or col.header_en, None,
            f'required column "{col.header_th}" ({col.header_en}) is missing{hint}',
            f'add a column headed "{col.header_th}" or "{col.header_en}"',
        ))
    for header in unknown:
        if header in claimed:
            continue
        problems.append(Problem(
            table.where, table.header_row, header, None,
            f'column "{header}" is not a {dataset.title_en} column and is ignored',
            "rename it to one of: " + ", ".join(c.header_en for c in dataset.columns) + " (or delete it)",
            WARNING,
        ))
    return ColumnMap(dataset, index, headers, tuple(problems))


def closest_header(header_th: str, header_en: str, candidates: list[str]) -> str | None:
    """The candidate header most like an expected one (for "did you mean"), if any is close."""
    keys = {normalise_header(c): c for c in candidates}
    for expected in (header_en, header_th):
        match = difflib.get_close_matches(normalise_header(expected), list(keys), n=1, cutoff=0.7)
        if match:
            return keys[match[0]]
    return None


def has_errors(problems: tuple[Problem, ...] | list[Problem]) -> bool:
    """True if any problem is an error rather than a warning."""
    return any(p.severity == ERROR for p in problems)
