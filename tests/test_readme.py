"""The README's generated parts match their sources: the bench table and the load-test line are what
bench/report.py writes from the committed results, and the environment-variable table lists exactly
the variables the code and the Makefile read."""
from __future__ import annotations

import json
import re

from bench.report import END, LOADTEST_END, LOADTEST_START, START, loadtest_section, readme_section
from tests.source_files import ROOT, python_sources

README = ROOT / "README.md"
# Read on the code's behalf by the standard library (tempfile), so no os.environ call names it.
READ_BY_STDLIB = {"TMPDIR"}
_READ = re.compile(r"os\.(?:environ\.get|environ\.setdefault|getenv)\(\s*([A-Za-z_][A-Za-z0-9_]*|\"[^\"]+\")"
                   r"|os\.environ\[\s*([A-Za-z_][A-Za-z0-9_]*|\"[^\"]+\")\s*\]")
_CONSTANT = re.compile(r"^([A-Z][A-Z0-9_]*)\s*(?::\s*str\s*)?=\s*\"([A-Z][A-Z0-9_]*)\"\s*$", re.M)


def _between(start: str, end: str) -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(re.escape(start) + r"\n(.*?)" + re.escape(end), text, re.S)
    assert found, f"README.md has no {start} ... {end} block"
    return found[1]



def variables_read() -> set[str]:
    """Names passed to os.environ.get/setdefault/[]/os.getenv (literally or through a NAME = "VAR"
    constant), every `*_ENV = "VAR"` constant (code that reads through a helper's parameter names the
    variable that way), and the Makefile's `?=` variables, which the environment overrides."""
    texts = [p.read_text(encoding="utf-8") for p in python_sources()]
    constants = {name: value for text in texts for name, value in _CONSTANT.findall(text)}
    found: set[str] = set()
    for text in texts:
        for match in _READ.finditer(text):
            token = match[1] or match[2]
            if token.startswith('"'):
                found.add(token.strip('"'))
            elif token.isupper():  # a constant; a lower-case name is a helper's parameter
                found.add(constants.get(token, f"?{token}"))
    found |= {value for name, value in constants.items() if name.endswith("_ENV")}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    found |= set(re.findall(r"^([A-Z][A-Z0-9_]*)\s*\?=", makefile, re.M))
    return found


def test_bench_table_is_generated_from_results_json() -> None:
    results = json.loads((ROOT / "bench" / "results.json").read_text(encoding="utf-8"))
    assert _between(START, END) == readme_section(results), "run make bench (or update_readme) again"


def test_loadtest_line_is_generated_from_loadtest_json() -> None:
    result = json.loads((ROOT / "bench" / "loadtest.json").read_text(encoding="utf-8"))
    assert _between(LOADTEST_START, LOADTEST_END) == loadtest_section(result), \
        "run python -m bench.loadtest --readme-only"


def test_environment_table_lists_exactly_the_variables_read() -> None:
    read = variables_read()
    assert not {v for v in read if v.startswith("?")}, f"unresolved variable-name constants: {read}"
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", README.read_text(encoding="utf-8"), re.M))
    assert read - documented == set(), "read but missing from the README's environment table"
    assert documented - read - READ_BY_STDLIB == set(), "in the README's table but read nowhere"
