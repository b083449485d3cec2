"""Every third-party package the code imports is pinned with an exact version in a requirements
file, so a fresh `make setup` installs what the code was tested with, not whatever a dependency drags in."""
from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

from tests.source_files import ROOT, python_sources

LOCAL = {"app", "dashboard", "etl", "geo", "intake", "bench", "tests"}
# Imported under one of two names depending on the Python version (compression.zstd from 3.14).
VERSION_DEPENDENT = {"compression"}


def imported_top_level_modules() -> dict[str, Path]:
    """Top-level module name -> one file that imports it (absolute imports only)."""
    found: dict[str, Path] = {}
    for file in python_sources():
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], file)
    return found


def pinned_distributions() -> dict[str, str]:
    """Normalised distribution name -> exact version from requirements*.txt."""
    pins: dict[str, str] = {}
    for req in ROOT.glob("requirements*.txt"):
        for line in req.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line.strip())
            if match:
                pins[_normalise(match[1])] = match[2]
    return pins


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_third_party_import_is_pinned_exactly() -> None:
    pins = pinned_distributions()
    owners = packages_distributions()
    stdlib = set(sys.stdlib_module_names)
    unpinned = []
    for module, file in sorted(imported_top_level_modules().items()):
        if module in stdlib or module in LOCAL or module == "__future__" or module in VERSION_DEPENDENT:
            continue
        distributions = {_normalise(d) for d in owners.get(module, [])}
        assert distributions, f"{module} (imported in {file.relative_to(ROOT)}) is not installed"
        if not distributions & pins.keys():
            unpinned.append(f"{module} ({', '.join(sorted(distributions))}; {file.relative_to(ROOT)})")
    assert not unpinned, "imported but not pinned in requirements*.txt: " + "; ".join(unpinned)
