"""Each messy submission (tests/data/messy/cases.py) built by the real `python -m etl build` from the real
template, and the database it writes compared row for row with what the clerk meant."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
import pytest

from etl.ingest import ingest
from etl.readers import Limits
from tests.conftest import run_etl
from tests.data.messy.cases import CASES, SATUN, Case, budget_in_millions, prefilled


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The blank template and Satun's pre-filled one, written by the CLI a secretariat officer uses."""
    folder = tmp_path_factory.mktemp("templates")
    blank = folder / "template.xlsx"
    for args in ((str(blank),), (str(prefilled(blank, SATUN)), "--province", "สตูล")):
        result = run_etl("template", *args)
        assert result.returncode == 0, result.stderr
    return blank


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_there_are_at_least_thirty_distinct_cases() -> None:
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_messy_submission_loads_what_the_clerk_meant(case: Case, template: Path, tmp_path: Path) -> None:
    source, db = tmp_path / "source", tmp_path / "db" / "sdg.duckdb"
    source.mkdir()
    case.write(template, source)

    result = run_etl("build", "--source", str(source), "--db", str(db))

    output = result.stdout + result.stderr
    report = (db.parent / "build-report.txt").read_text(encoding="utf-8")
    assert "Traceback" not in output
    expected = case.expected
    if expected.errors:
        assert result.returncode == 1, output
        assert not db.exists()
        for message in expected.errors:
            assert message in report, f"{message!r} not in the report:\n{report}"
        return
    assert result.returncode == 0, f"{case.story}:\n{report}"
    assert " 0 error(s)" in report or report.count("\nERROR") == 0, report
    for message in expected.warnings:
        assert message in report, f"{message!r} not in the report:\n{report}"
    if expected.plans is not None:
        assert rows(db,
                    "SELECT province_code, fiscal_year, has_committee_order, has_framework, has_action_plan, "
                        "has_project_details, completeness FROM plans ORDER BY 1, 2") == [
            (*p, sum(p[2:])) for p in sorted(expected.plans)]
    if expected.not_assessed is not None:
        assert rows(db, "SELECT province_code, fiscal_year FROM plans_not_assessed ORDER BY 1, 2") == sorted(
            expected.not_assessed)
    if expected.projects is not None:
        loaded = rows(db, "SELECT province_code, fiscal_year, goal, target, title, budget_thb, status "
                          "FROM projects")
        assert sorted(loaded, key=repr) == sorted(expected.projects, key=repr)
        per_province = Counter(p[0] for p in expected.projects)
        counted = rows(db, "SELECT province_code, sum(projects) FROM project_counts GROUP BY 1")
        assert {code: count for code, count in counted} == per_province
    if expected.project_ids is not None:
        assert [r[0] for r in rows(db, "SELECT project_id FROM projects ORDER BY 1")] == expected.project_ids
    if expected.districts is not None:
        counted = rows(db, "SELECT province_code, count(*) FROM district_projects GROUP BY 1")
        assert {code: count for code, count in counted} == expected.districts
    if expected.district_codes is not None:
        assert [r[0] for r in rows(db, "SELECT district_code FROM district_projects ORDER BY 1")] == (
            expected.district_codes)


def test_canonical_budget_text_carries_its_unit(template: Path, tmp_path: Path) -> None:
    """Rows copied out of the canonical table (the intake merges them into one CSV) keep their meaning."""
    budget_in_millions(template, tmp_path / "source")
    with duckdb.connect() as con:
        ingest(con, sorted((tmp_path / "source").iterdir()), Limits(), tmp_path)
        texts = con.execute("SELECT budget_thb FROM canon_projects ORDER BY _row").fetchall()
    assert texts == [("1.5 ล้านบาท",), ("2.25 ล้านบาท",)]
