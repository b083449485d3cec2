"""What a build changes: `--dry-run` on a changed copy of the sample leaves the database byte for byte,
and the summary (printed, in the report, and from `compare`) names each province's change exactly."""
from __future__ import annotations

import csv
import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from etl.build import BuildSettings, build
from etl.changes import compare
from tests.conftest import RAW_DIR, build_db, run_etl

CHIANG_MAI, LAMPHUN, SATUN = "50", "51", "91"


def _fy2566_sample(folder: Path) -> Path:
    """The bundled sample's FY2566 files (the published year) and dataset.json, copied into folder."""
    folder.mkdir(parents=True)
    for path in [*RAW_DIR.glob("*_2566.csv"), RAW_DIR / "dataset.json"]:
        shutil.copyfile(path, folder / path.name)
    return folder


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rewrite(path: Path, change: Callable[[list[str]], list[list[str]]]) -> None:
    """Rewrite a sample CSV row by row (header kept); change returns the new rows for one row."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    out = [rows[0]]
    for row in rows[1:]:
        out += change(row)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(out)


def _changed_sample(folder: Path) -> Path:
    """The sample with Chiang Mai's projects gone, Lamphun's budgets ten times larger, Satun's plan
    now 4 of 4, one Satun project retitled and one added."""
    _fy2566_sample(folder)

    def projects(row: list[str]) -> list[list[str]]:
        if row[1] == "เชียงใหม่":
            return []
        if row[1] == "ลำพูน" and row[7]:
            return [[*row[:7], str(int(row[7]) * 10), row[8]]]
        if row[1] == "สตูล" and row[0].endswith("-001"):
            return [[*row[:3], row[3] + " (ปรับปรุง)", *row[4:]],
                    ["", row[1], row[2], "โครงการใหม่ทดสอบ", "1", "", "", "1000", ""]]
        return [row]

    def plans(row: list[str]) -> list[list[str]]:
        return [[*row[:2], "มี", "มี", "มี", "มี"]] if row[0] == "สตูล" else [row]

    _rewrite(folder / "projects_2566.csv", projects)
    _rewrite(folder / "plans_2566.csv", plans)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = _fy2566_sample(tmp_path_factory.mktemp("raw") / "fy2566")
    return build_db(source, tmp_path_factory.mktemp("db") / "sdg.duckdb")


def test_dry_run_leaves_the_database_byte_identical_and_says_what_would_change(
        built: Path, tmp_path: Path) -> None:
    db = tmp_path / "sdg.duckdb"
    shutil.copyfile(built, db)
    before = sha256(db)
    source = _changed_sample(tmp_path / "changed")

    result = run_etl("build", "--source", str(source), "--db", str(db), "--dry-run")

    assert result.returncode == 0, result.stdout + result.stderr
    assert sha256(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build-report.txt", "changed", "sdg.duckdb"]
    out = result.stdout
    assert f"dry run: nothing written, {db} is unchanged" in out
    assert "!! SUSPICIOUS CHANGES" in out.splitlines()[1]
    assert "!! Chiang Mai (50), FY2566: all 68 projects are gone" in out
    assert "Lamphun (51), FY2566: budget" in out and "(multiplied by 10.0)" in out
    assert ("Satun (91), FY2566: plan components 3 of 4 -> 4 of 4; "
            "projects 7 -> 8 (+1 added, -0 removed, 1 changed)") in out
    assert "National, FY2566: provinces reporting 76 -> 76; complete plans 7 -> 8; projects 742 -> 675" in out
    report = (tmp_path / "build-report.txt").read_text(encoding="utf-8")
    assert "what this build changes:" in report and "all 68 projects are gone" in report


def test_the_outcome_carries_the_summary_in_numbers(built: Path, tmp_path: Path) -> None:
    db = tmp_path / "sdg.duckdb"
    shutil.copyfile(built, db)
    source = _changed_sample(tmp_path / "changed")
    outcome = build(BuildSettings(source, db, tmp_path / "report.txt", dry_run=True))
    assert outcome.exit_code == 0 and outcome.summary is not None
    by_code = {p.province_code: p for p in outcome.summary.provinces}
    assert set(by_code) == {CHIANG_MAI, LAMPHUN, SATUN}
    satun = by_code[SATUN]
    assert (satun.components_before, satun.components_after) == (3, 4)
    assert (satun.projects_before, satun.projects_after, satun.projects_added, satun.projects_removed,
            satun.projects_changed) == (7, 8, 1, 0, 1)
    assert satun.budget_after - satun.budget_before == 1000.0
    assert satun.suspicious == ()
    lamphun = by_code[LAMPHUN]
    assert lamphun.budget_after == pytest.approx(lamphun.budget_before * 10)
    assert lamphun.projects_changed == lamphun.projects_before and lamphun.projects_added == 0
    assert "budget" in lamphun.suspicious[0]
    assert by_code[CHIANG_MAI].projects_removed == 68 and by_code[CHIANG_MAI].name_th == "เชียงใหม่"
    national = outcome.summary.national
    assert (national["projects_before"], national["projects_after"]) == (742, 675)
    assert (national["projects_added"], national["projects_removed"]) == (1, 68)
    assert (national["complete_before"], national["complete_after"]) == (7, 8)
    assert (national["provinces_reporting_before"], national["provinces_reporting_after"]) == (76, 76)
    assert len(outcome.summary.suspicious) == 2
    json.dumps(outcome.summary.to_dict(), ensure_ascii=False)
    thai = outcome.summary.lines("th")
    assert any("เชียงใหม่ (50) ปีงบประมาณ 2566" in line for line in thai)


def test_a_real_build_prints_and_reports_the_same_summary(built: Path, tmp_path: Path) -> None:
    db = tmp_path / "sdg.duckdb"
    shutil.copyfile(built, db)
    source = _changed_sample(tmp_path / "changed")
    dry = run_etl("build", "--source", str(source), "--db", str(db), "--dry-run")
    real = run_etl("build", "--source", str(source), "--db", str(db))
    assert real.returncode == 0, real.stdout + real.stderr
    changes = [ln for ln in dry.stdout.splitlines() if ln.startswith(("!!", "  ", "National"))]
    assert changes and all(ln in real.stdout.splitlines() for ln in changes)
    again = run_etl("build", "--source", str(source), "--db", str(db), "--dry-run")
    assert "Nothing changes in the data." in again.stdout
    assert "!!" not in again.stdout


def test_reordered_rows_without_ids_are_not_changes(built: Path, tmp_path: Path) -> None:
    source = tmp_path / "reordered"
    _fy2566_sample(source)
    path = source / "projects_2566.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    body = [["", *r[1:]] for r in rows[1:]]
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([rows[0], *reversed(body)])
    after = build_db(source, tmp_path / "after.duckdb")
    summary = compare(built, after)
    assert summary.provinces == ()
    assert summary.national["projects_changed"] == 0


def test_compare_with_no_previous_database_counts_everything_as_added(built: Path, tmp_path: Path) -> None:
    summary = compare(None, built)
    assert summary.national["projects_added"] == 742
    assert summary.national["provinces_reporting_after"] == 76
    assert summary.suspicious == ()
    assert compare(tmp_path / "missing.duckdb", built).to_dict() == summary.to_dict()
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"not a database")
    noted = compare(garbage, built)
    assert noted.national == summary.national and "cannot be read" in noted.lines()[0]


def test_plans_moved_to_another_year_are_compared_per_year(built: Path, tmp_path: Path) -> None:
    source = tmp_path / "other-year"
    _fy2566_sample(source)
    _rewrite(source / "plans_2566.csv", lambda row: [[row[0], "2567", *row[2:]]])
    summary = compare(built, build_db(source, tmp_path / "after.duckdb"))
    assert summary.by_year[2566]["provinces_reporting_after"] == 0
    assert summary.by_year[2567]["provinces_reporting_after"] == 76
    assert summary.national["provinces_reporting_after"] == 76
    lines = summary.lines("en")
    assert not any("vanish" in line for line in lines)  # the projects of 2566 are still there
    assert "  Chiang Mai (50), FY2566: plan components 1 of 4 -> no plan" in lines
    assert any(line.startswith("National, FY2567: provinces reporting 0 -> 76") for line in lines)
    assert any(line.startswith("National, all fiscal years:") for line in lines)


def test_a_vanished_fiscal_year_is_one_warning_not_one_per_province(built: Path, tmp_path: Path) -> None:
    source = tmp_path / "next-year"
    _fy2566_sample(source)
    _rewrite(source / "plans_2566.csv", lambda row: [[row[0], "2567", *row[2:]]])
    _rewrite(source / "projects_2566.csv", lambda row: [["", row[1], "2567", *row[3:]]])
    _rewrite(source / "district_projects_2566.csv", lambda row: [[*row[:2], "2567", *row[3:]]])
    summary = compare(built, build_db(source, tmp_path / "after.duckdb"))
    assert summary.suspicious == ("fiscal year 2566 vanishes from the data",)
    assert summary.lines("th")[1] == "!! ปีงบประมาณ 2566 หายไปจากข้อมูลทั้งหมด"
