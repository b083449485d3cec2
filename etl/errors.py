"""Problems found in input files, and the exceptions that carry them to the CLI.

Every problem names where it is (file, row as Excel shows it, column header as written), the value,
what is wrong and how to fix it, so a provincial officer can correct the file without help.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in one place of one input file."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    fix: str
    severity: str = ERROR

    def render(self) -> str:
        """One line for the report and the screen."""
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f'column "{self.column}"')
        value = "" if self.value is None else f' value "{_short(self.value)}"'
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{self.severity.upper():7} {', '.join(where)}{value}: {self.message}.{fix}"


def split_place(where: str, file_names: list[str]) -> tuple[str, str | None]:
    """'name.xlsx [sheet]' (how the ETL names a sheet) -> ('name.xlsx', 'sheet'); a file stays itself."""
    for name in file_names:
        if where == name:
            return name, None
        if where.startswith(name + " [") and where.endswith("]"):
            return name, where[len(name) + 2:-1]
    return where, None


@dataclass(frozen=True)
class Located:
    """A problem as a report table shows it: the file and the sheet apart, then row, column, what and fix."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    message: str
    fix: str
    severity: str

    @classmethod
    def of(cls, problem: Problem, file_names: list[str]) -> Located:
        """The problem with its place split against the names of the files read."""
        file, sheet = split_place(problem.file, file_names)
        return cls(file, sheet, problem.row, problem.column, problem.value, problem.message, problem.fix,
                   problem.severity)

    def to_dict(self) -> dict[str, object]:
        """The JSON shape: file, sheet, row, column, value, message, fix, severity."""
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column,
                "value": self.value, "message": self.message, "fix": self.fix, "severity": self.severity}


def _short(value: str, limit: int = 80) -> str:
    """Long cell values would drown the report line; keep their start."""
    flat = value.replace("\r", " ").replace("\n", " ")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class InputProblem(Exception):
    """A file cannot be read at all; carries the problem(s) that say why."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__("; ".join(p.render() for p in problems))
        self.problems: list[Problem] = list(problems)


@dataclass
class BuildFailed(Exception):
    """Validation found errors and the build was not allowed to continue."""

    errors: int
    warnings: int
    report: str | None = None
    details: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.errors} error(s), {self.warnings} warning(s)"
