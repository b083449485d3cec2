"""Runs the ETL's own reading and validation on uploaded files and sorts what it finds by file.

Nothing is checked here that the ETL does not check: this only calls its ingest and validate steps
(those `etl.build.check` runs) and then reads, from the same scratch database, which province, fiscal
year and dataset each row belongs to, so the intake can decide permissions and what a file replaces.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from etl.errors import ERROR
from etl.ingest import ingest
from etl.readers import Limits
from etl.report import problems
from etl.schema import DATASETS, PLANS
from etl.scratch import scratch_folder
from etl.validate import validate

MEMORY_LIMIT = "1GB"
Key = tuple[str, int, str]  # (province code, fiscal year, dataset)
COMPONENTS = tuple(c.name for c in PLANS.columns if c.name.startswith("has_"))


@dataclass(frozen=True)
class Finding:
    """One problem as the report shows it: where (file, sheet, row, column), what and how to fix it."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    message: str
    fix: str
    severity: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class FileInspection:
    """What validation found in one file, and which keys its rows carry."""

    name: str
    findings: list[Finding] = field(default_factory=list)
    keys: set[Key] = field(default_factory=set)
    rows_by_province: dict[str, list[tuple[str | None, int]]] = field(default_factory=dict)
    plan_components: dict[str, dict[str, bool]] = field(default_factory=dict)  # "code-year" -> has_*

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != ERROR]


def _split_where(where: str, names: list[str]) -> tuple[str, str | None]:
    """'name.xlsx [sheet]' -> ('name.xlsx', 'sheet'); a file-level name stays as it is."""
    for name in names:
        if where == name:
            return name, None
        if where.startswith(name + " [") and where.endswith("]"):
            return name, where[len(name) + 2:-1]
    return where, None


@contextmanager
def validated(paths: list[Path], limits: Limits) -> Iterator[duckdb.DuckDBPyConnection]:
    """A scratch DuckDB holding the ETL's canonical, cleaned and validated tables for these files."""
    with scratch_folder() as scratch:
        con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": str(scratch)})
        try:
            ingest(con, paths, limits, scratch)
            validate(con)
            yield con
        finally:
            con.close()


def inspect(paths: list[Path], limits: Limits) -> dict[str, FileInspection]:
    """Validate the files together (as a build would) and sort findings and keys by file name."""
    names = [p.name for p in paths]
    found = {name: FileInspection(name) for name in names}
    with validated(paths, limits) as con:
        for p in problems(con):
            name, sheet = _split_where(p.file, names)
            target = found.get(name)
            if target is None:
                continue
            target.findings.append(Finding(name, sheet, p.row, p.column, p.value, p.message, p.fix,
                                           p.severity))
        for dataset in DATASETS:
            rows = con.execute(
                f"SELECT _file, _row, province__v, TRY_CAST(fiscal_year__v AS INTEGER) "
                f"FROM clean_{dataset.name} WHERE province__v IS NOT NULL ORDER BY _file, _row"
            ).fetchall()
            for where, row, code, year in rows:
                name, sheet = _split_where(str(where), names)
                target = found.get(name)
                if target is None:
                    continue
                target.rows_by_province.setdefault(str(code), []).append((sheet, int(row)))
                if year is not None:
                    target.keys.add((str(code), int(year), dataset.name))
        picked = ", ".join(f"{c}__v" for c in COMPONENTS)
        for where, code, year, *flags in con.execute(
                f"SELECT _file, province__v, fiscal_year__v, {picked} FROM valid_plans").fetchall():
            name, _ = _split_where(str(where), names)
            if name in found and code is not None and year is not None:
                found[name].plan_components[f"{code}-{year}"] = {
                    c: str(v).lower() in ("true", "1") for c, v in zip(COMPONENTS, flags, strict=True)}
    return found
