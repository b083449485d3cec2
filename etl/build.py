"""The build and check runs: read a folder, validate every row, report, and (build) load atomically.

`__main__` only parses arguments; everything a run decides (exit code, what it prints, which files
it writes) is decided here, so tests and the CLI exercise the same path.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl.changes import ChangeSummary
from etl.errors import WARNING, InputProblem, Located, Problem
from etl.ingest import Ingested, add_problems, ingest
from etl.load import Provenance, load, read_provenance
from etl.overlay import Overlay
from etl.readers import Limits, is_input_file, skip_reason
from etl.report import Counts, counts, problems, summary, write_quarantine, write_report
from etl.scratch import scratch_folder
from etl.validate import validate

MEMORY_LIMIT = "1GB"


@dataclass(frozen=True)
class BuildSettings:
    """What `build` reads and writes, and how strict it is."""

    source: Path
    db: Path
    report: Path
    keep_going: bool = False
    limits: Limits = field(default_factory=Limits)
    dry_run: bool = False
    overlay: Overlay | None = None  # rows of some files left out (files laid over others)

    @property
    def quarantine(self) -> Path:
        """Rejected rows go next to the report."""
        return self.report.with_name("quarantine.csv")


@dataclass(frozen=True)
class Outcome:
    """What a run tells the user, and the process exit code."""

    exit_code: int
    text: str
    summary: ChangeSummary | None = None


def input_files(source: Path) -> list[Path]:
    """The CSV/TXT/XLSX files of a folder, in name order; a missing or empty folder is a problem."""
    if not source.is_dir():
        raise InputProblem(Problem(str(source), None, None, None, "input folder does not exist",
                                   "pass the folder holding the CSV/XLSX files with --source"))
    files = sorted(p for p in source.iterdir() if is_input_file(p))
    if not files:
        raise InputProblem(Problem(str(source), None, None, None,
                                   "no .csv, .txt or .xlsx files in the input folder",
                                   "put the provinces' files (or the template, filled in) in this folder"))
    return files


def skipped_files(source: Path) -> list[Problem]:
    """Every other entry of the folder, as a warning saying why it is not read (dataset.json excepted)."""
    found = []
    for path in sorted(source.iterdir()):
        reason = skip_reason(path)
        if reason is not None and path.name != "dataset.json":
            found.append(Problem(path.name, None, None, None, f"not read: {reason}",
                                 "nothing to fix if it is not data; otherwise save it as .xlsx or CSV",
                                 WARNING))
    return found


def _work_connection(scratch: Path) -> duckdb.DuckDBPyConnection:
    """In-memory scratch database, spilling to the temp folder instead of exceeding its memory limit."""
    return duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": str(scratch)})


def _validated(con: duckdb.DuckDBPyConnection, paths: list[Path], limits: Limits,
               scratch: Path, skipped: list[Problem], overlay: Overlay | None) -> tuple[Ingested, Counts]:
    """Read and validate; the counts decide what happens next."""
    ingested = ingest(con, paths, limits, scratch)
    add_problems(con, skipped)
    validate(con, overlay)
    return ingested, counts(con, ingested)


def _report_header(title: str, paths: list[Path], ingested: Ingested, found: Counts,
                   result: str, changes: ChangeSummary | None = None,
                   skipped: list[Problem] | None = None) -> list[str]:
    """What was read, as what, and the outcome: the top of the report."""
    lines = [title, f"run at {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M:%S} UTC", "", "files read:"]
    lines += [f"  {p}" for p in paths]
    if skipped:
        lines += ["files not read:"]
        lines += [f"  {p.file}: {p.message.removeprefix('not read: ')}" for p in skipped]
    lines += ["tables:"]
    lines += [
        f"  {t.where}: {t.columns.dataset.name if t.columns else 'not recognised'}, {t.rows} data row(s)"
        for t in ingested.tables
    ]
    lines += ["",
              f"{found.errors} error(s), {found.warnings} warning(s), {found.rejected_rows} row(s) rejected",
              f"result: {result}"]
    if changes is not None:
        lines += ["", "what this build changes:", *(f"  {line}" for line in changes.lines("en"))]
    return lines


def build(settings: BuildSettings) -> Outcome:
    """Validate every input; on success (or --keep-going) replace the database atomically."""
    paths = input_files(settings.source)
    skipped = skipped_files(settings.source)
    provenance: Provenance = read_provenance(settings.source)
    with checked(paths, settings.limits, skipped, settings.overlay) as checking:
        con, ingested, found, scratch = checking.con, checking.ingested, checking.found, checking.scratch
        failed = found.errors > 0 and not settings.keep_going
        settings.report.parent.mkdir(parents=True, exist_ok=True)
        settings.quarantine.unlink(missing_ok=True)
        changes: ChangeSummary | None = None
        if not failed:
            rejected = write_quarantine(con, ingested, settings.quarantine) if found.rejected_rows else 0
            try:
                changes = load(con, settings.db, provenance, scratch if settings.dry_run else None)
            except InputProblem as exc:  # found only once the tables exist (generated id clashes)
                add_problems(con, exc.problems)
                found, failed = counts(con, ingested), True
                settings.quarantine.unlink(missing_ok=True)
        if failed:
            changes = None
            result = f"FAILED: the database {settings.db} was not changed"
        else:
            result = (f"dry run: nothing written, {settings.db} is unchanged" if settings.dry_run
                      else f"built {settings.db}") + (
                f"; {found.rejected_rows} row(s) rejected, see {settings.quarantine} ({rejected} written)"
                if found.rejected_rows else "") + (
                f"; {found.unread_files} file(s) could not be read at all and were left out"
                if found.unread_files else "")
        header = _report_header("ETL build report", paths, ingested, found, result, changes, skipped)
        write_report(con, settings.report, header)
        shown = [] if changes is None else changes.lines("en")
        text = "\n".join([summary(con, found), *shown, result, f"full report: {settings.report}"])
    return Outcome(1 if failed else 0, text, changes)


@dataclass(frozen=True)
class Checked:
    """What a check found, and the scratch database holding the validated rows while it is open."""

    con: duckdb.DuckDBPyConnection
    paths: list[Path]
    ingested: Ingested
    found: Counts
    scratch: Path

    def problems(self) -> list[Located]:
        """Every problem in report order, each naming its file, sheet, row and column apart."""
        names = [p.name for p in self.paths]
        return [Located.of(p, names) for p in problems(self.con)]


def check_paths(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """The files to check (folders expanded) and the folder entries not read; a missing one is refused."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise InputProblem(*(Problem(str(p), None, None, None, "file does not exist", "check the path")
                             for p in missing))
    skipped = [s for p in paths if p.is_dir() for s in skipped_files(p)]
    return [f for p in paths for f in (input_files(p) if p.is_dir() else [p])], skipped


@contextmanager
def checked(paths: list[Path], limits: Limits, skipped: list[Problem] | None = None,
            overlay: Overlay | None = None) -> Iterator[Checked]:
    """The same reading and validation as build, for these files: open while the caller reads the result.

    `check` reports from it; the intake also reads which province, year and dataset each valid row
    belongs to from `con` (clean_<dataset>, valid_<dataset>) before it closes.
    """
    with scratch_folder() as scratch:
        con = _work_connection(scratch)
        try:
            ingested, found = _validated(con, paths, limits, scratch, skipped or [], overlay)
            yield Checked(con, paths, ingested, found, scratch)
        finally:
            con.close()


def check(paths: list[Path], limits: Limits, report: Path | None) -> Outcome:
    """The same validation as build, for the given files (or folders), without touching any database."""
    paths, skipped = check_paths(paths)
    with checked(paths, limits, skipped) as result:
        found = result.found
        verdict = "problems found" if found.errors else "OK: the files can be loaded"
        if report is not None:
            write_report(result.con, report, _report_header("ETL check report", paths, result.ingested, found,
                                                            verdict, skipped=skipped))
        text = "\n".join([summary(result.con, found), verdict])
    return Outcome(1 if found.errors else 0, text)
