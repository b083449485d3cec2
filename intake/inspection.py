"""Runs the ETL's own check on uploaded files and sorts what it finds by file.

Nothing is checked here that the ETL does not check: `etl.build.checked` reads and validates the
files exactly as `python -m etl check` and a build do, and hands back its problems (file, sheet, row,
column, message, fix). This only reads, from the same scratch database, which province, fiscal year
and dataset each row belongs to, so the intake can decide permissions and what a file replaces.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from etl.build import checked
from etl.errors import ERROR, Located, split_place
from etl.readers import Limits
from etl.schema import DATASETS, PLANS

Key = tuple[str, int, str]  # (province code, fiscal year, dataset)
COMPONENTS = tuple(c.name for c in PLANS.columns if c.name.startswith("has_"))


@dataclass
class FileInspection:
    """What validation found in one file, and which keys its rows carry."""

    name: str
    findings: list[Located] = field(default_factory=list)
    keys: set[Key] = field(default_factory=set)
    rows_by_province: dict[str, list[tuple[str | None, int]]] = field(default_factory=dict)
    plan_components: dict[str, dict[str, bool]] = field(default_factory=dict)  # "code-year" -> has_*

    @property
    def errors(self) -> list[Located]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Located]:
        return [f for f in self.findings if f.severity != ERROR]


def inspect(paths: list[Path], limits: Limits) -> dict[str, FileInspection]:
    """Check the files together (as a build would) and sort findings and keys by file name."""
    names = [p.name for p in paths]
    found = {name: FileInspection(name) for name in names}
    with checked(paths, limits) as result:
        for problem in result.problems():
            if problem.file in found:
                found[problem.file].findings.append(problem)
        con = result.con
        for dataset in DATASETS:
            rows = con.execute(
                f"SELECT _file, _row, province__v, TRY_CAST(fiscal_year__v AS INTEGER) "
                f"FROM clean_{dataset.name} WHERE province__v IS NOT NULL ORDER BY _file, _row"
            ).fetchall()
            for where, row, code, year in rows:
                name, sheet = split_place(str(where), names)
                target = found.get(name)
                if target is None:
                    continue
                target.rows_by_province.setdefault(str(code), []).append((sheet, int(row)))
                if year is not None:
                    target.keys.add((str(code), int(year), dataset.name))
        picked = ", ".join(f"{c}__v" for c in COMPONENTS)
        for where, code, year, *flags in con.execute(
                f"SELECT _file, province__v, fiscal_year__v, {picked} FROM valid_plans").fetchall():
            name, _ = split_place(str(where), names)
            if name in found and code is not None and year is not None:
                found[name].plan_components[f"{code}-{year}"] = {
                    c: str(v).lower() in ("true", "1") for c, v in zip(COMPONENTS, flags, strict=True)}
    return found
