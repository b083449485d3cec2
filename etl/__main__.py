"""The ETL command line: python -m etl build|check|resolve|template|sample.

Expected problems (bad files, bad arguments) end with a clear message and exit 1; anything else
ends with one line pointing at a log file holding the traceback, and exit 2. No traceback reaches
the user's screen.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from etl.errors import InputProblem
from etl.readers import MB, Limits

DEFAULT_SOURCE = Path("data/raw")
DEFAULT_DB = Path("data/sdg.duckdb")


class _Parser(argparse.ArgumentParser):
    """Argument mistakes are expected problems: usage and message, exit 1 (2 means an internal error)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(1, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    """The subcommands and their options."""
    parser = _Parser(prog="python -m etl", description=__doc__.splitlines()[0], allow_abbrev=False)
    sub = parser.add_subparsers(dest="command", required=True)

    def limits(p: argparse.ArgumentParser) -> None:
        p.add_argument("--max-xlsx-mb", type=float, default=Limits().max_xlsx_bytes / MB,
                       help="refuse larger .xlsx files unread (default %(default)s)")
        p.add_argument("--max-csv-mb", type=float, default=Limits().max_csv_bytes / MB,
                       help="refuse larger .csv files unread (default %(default)s)")

    b = sub.add_parser("build", allow_abbrev=False, help="validate all inputs and load them into DuckDB")
    b.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder of CSV/XLSX inputs")
    b.add_argument("--db", type=Path, default=DEFAULT_DB, help="DuckDB file to (re)write")
    b.add_argument("--keep-going", action="store_true", help="load valid rows, quarantine the rest")
    b.add_argument("--report", type=Path, help="report file (default: build-report.txt next to the db)")
    b.add_argument("--dry-run", action="store_true",
                   help="validate, write the report and print what would change; the database is not touched")
    limits(b)

    c = sub.add_parser("check", allow_abbrev=False, help="validate files without loading them")
    c.add_argument("files", nargs="+", type=Path)
    c.add_argument("--report", type=Path, help="also write the full report to this file")
    limits(c)

    r = sub.add_parser("resolve", allow_abbrev=False, help="resolve province names to codes")
    r.add_argument("names", nargs="+")

    t = sub.add_parser("template", allow_abbrev=False, help="write the submission workbook for provinces")
    t.add_argument("out", type=Path)
    t.add_argument("--province", help="province (code or name) to pre-fill")

    s = sub.add_parser("sample", allow_abbrev=False, help="regenerate the bundled sample inputs")
    s.add_argument("--out", type=Path, default=DEFAULT_SOURCE)
    s.add_argument("--projects", type=int, help="national-scale synthetic set with N projects")
    s.add_argument("--seed", type=int, default=2566)
    return parser


def _limits(args: argparse.Namespace) -> Limits:
    """Size limits from the --max-*-mb options."""
    return Limits(max_xlsx_bytes=int(args.max_xlsx_mb * MB), max_csv_bytes=int(args.max_csv_mb * MB))


def _run(args: argparse.Namespace) -> int:
    """Dispatch to the command; heavy modules are imported only when their command runs."""
    if args.command == "build":
        from etl.build import BuildSettings, build

        report = args.report or args.db.parent / "build-report.txt"
        outcome = build(BuildSettings(args.source, args.db, report, args.keep_going, _limits(args),
                                      dry_run=args.dry_run))
        print(outcome.text)
        return outcome.exit_code
    if args.command == "check":
        from etl.build import check

        outcome = check(args.files, _limits(args), args.report)
        print(outcome.text)
        return outcome.exit_code
    if args.command == "resolve":
        from etl.provinces import resolve_cli

        return resolve_cli(args.names, sys.stdout)
    if args.command == "template":
        from etl.template import write_template

        path = write_template(args.out, args.province)
        print(f"wrote {path}")
        return 0
    from etl.sample import write_sample

    for path in write_sample(args.out, args.projects, args.seed):
        print(f"wrote {path}")
    return 0


def _log_file(args: argparse.Namespace) -> Path:
    """Next to the database when there is one, else in the system temp folder."""
    db = getattr(args, "db", None)
    folder = db.parent if isinstance(db, Path) and db.parent.is_dir() else Path(tempfile.gettempdir())
    return folder / "etl-error.log"


_INTERRUPTED = threading.Event()


def _note_interrupt(signum: int, frame: object) -> NoReturn:
    """Remember Ctrl-C, since DuckDB turns it into its own error when it lands mid-query."""
    _INTERRUPTED.set()
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; map every outcome to an exit code and a message."""
    from etl.values import ValueProblem

    args = _parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _note_interrupt)
    try:
        return _run(args)
    except InputProblem as exc:
        for problem in exc.problems:
            print(problem.render(), file=sys.stderr)
        return 1
    except ValueProblem as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; the database was not changed", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: log it, tell the user where, exit 2
        if _INTERRUPTED.is_set():
            print("interrupted; the database was not changed", file=sys.stderr)
            return 130
        log = _log_file(args)
        try:
            log.write_text(traceback.format_exc(), encoding="utf-8")
            where = str(log)
        except OSError:
            where = "log file could not be written"
        print(f"internal error: {type(exc).__name__}: {exc} (details in {where})", file=sys.stderr)
        return 2


# A build run from the command line yields the CPU: beside a served dashboard (a rebuild of the file
# it reads) its requests run first, as with a publish's build (intake/build_process.py); alone on the
# machine it runs at full speed. Only the command lowers its priority, not main() called in process.
BUILD_NICENESS = 10


def _yield_cpu(argv: Sequence[str]) -> None:
    if list(argv[:1]) == ["build"] and hasattr(os, "nice"):
        with contextlib.suppress(OSError):  # not allowed here: build at the priority given
            os.nice(BUILD_NICENESS)


if __name__ == "__main__":
    _yield_cpu(sys.argv[1:])
    sys.exit(main())
