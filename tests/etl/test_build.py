"""The real `python -m etl build` on a fixture folder in every accepted form, checked by SQL on the
DuckDB file it writes; failures leave the previous file byte-identical; --keep-going quarantines."""
from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.load import TEMP_MARK
from tests.conftest import ROOT, build_db, run_etl
from tests.etl.fixtures import write_good_inputs

BAD_PROJECT = "P-9;Atlantis;2566;Lost city;18;;Nobody;-5;\n"

SCHEMA: dict[str, list[tuple[str, str]]] = {
    "provinces": [("province_code", "VARCHAR"), ("iso_code", "VARCHAR"), ("name_th", "VARCHAR"),
                  ("name_en", "VARCHAR"), ("region_code", "VARCHAR"), ("is_pilot", "BOOLEAN")],
    "regions": [("region_code", "VARCHAR"), ("name_th", "VARCHAR"), ("name_en", "VARCHAR"),
                ("sort_order", "INTEGER")],
    "sdg_goals": [("goal", "INTEGER"), ("short_en", "VARCHAR"), ("short_th", "VARCHAR"),
                  ("name_en", "VARCHAR"), ("name_th", "VARCHAR"), ("color", "VARCHAR")],
    "sdg_targets": [("target", "VARCHAR"), ("goal", "INTEGER"), ("sort_order", "INTEGER")],
    "pilots": [("province_code", "VARCHAR"), ("pilot_order", "INTEGER")],
    "moi_roles": [("role", "VARCHAR"), ("goal", "INTEGER"), ("target", "VARCHAR")],
    "districts": [("district_code", "VARCHAR"), ("province_code", "VARCHAR"), ("name_th", "VARCHAR"),
                  ("name_en", "VARCHAR")],
    "district_categories": [("category", "VARCHAR"), ("name_th", "VARCHAR"), ("name_en", "VARCHAR"),
                            ("sort_order", "INTEGER")],
    "plans": [("province_code", "VARCHAR"), ("fiscal_year", "INTEGER"), ("has_committee_order", "BOOLEAN"),
              ("has_framework", "BOOLEAN"), ("has_action_plan", "BOOLEAN"),
              ("has_project_details", "BOOLEAN"), ("completeness", "INTEGER")],
    "plans_not_assessed": [("province_code", "VARCHAR"), ("fiscal_year", "INTEGER")],
    "projects": [("project_id", "VARCHAR"), ("province_code", "VARCHAR"), ("fiscal_year", "INTEGER"),
                 ("goal", "INTEGER"), ("target", "VARCHAR"), ("title", "VARCHAR"), ("agency", "VARCHAR"),
                 ("budget_thb", "DOUBLE"), ("status", "VARCHAR")],
    "district_projects": [("district_code", "VARCHAR"), ("province_code", "VARCHAR"),
                          ("fiscal_year", "INTEGER"), ("category", "VARCHAR"), ("title", "VARCHAR")],
    "dataset": [("source", "VARCHAR"), ("is_sample", "BOOLEAN"), ("built_at", "TIMESTAMP WITH TIME ZONE"),
                ("fiscal_years", "INTEGER[]"), ("source_th", "VARCHAR"), ("default_year", "INTEGER")],
    "project_status_counts": [("fiscal_year", "INTEGER"), ("province_code", "VARCHAR"), ("goal", "INTEGER"),
                              ("status", "VARCHAR"), ("projects", "INTEGER"), ("budget_thb", "DOUBLE")],
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = write_good_inputs(tmp_path_factory.mktemp("inputs") / "provinces-2566")
    return build_db(source, tmp_path_factory.mktemp("db") / "sdg.duckdb")


def test_tables_have_the_agreed_columns_and_types(fixture_db: Path) -> None:
    for table, columns in SCHEMA.items():
        rows = query(fixture_db, f"SELECT column_name, data_type FROM information_schema.columns "
                                 f"WHERE table_name = '{table}' ORDER BY ordinal_position")
        assert rows == columns, table


def test_reference_tables_are_complete(fixture_db: Path) -> None:
    counts = {t: query(fixture_db, f"SELECT count(*) FROM {t}")[0][0]
              for t in ("provinces", "regions", "sdg_goals", "sdg_targets", "pilots", "districts")}
    assert counts == {"provinces": 77, "regions": 6, "sdg_goals": 17, "sdg_targets": 169, "pilots": 15,
                      "districts": 928}
    assert query(fixture_db, "SELECT count(*) FROM provinces WHERE is_pilot") == [(15,)]
    assert query(fixture_db, "SELECT color FROM sdg_goals WHERE goal = 17") == [("#19486A",)]


def test_plans_from_cp874_thai_numerals_and_ce_years(fixture_db: Path) -> None:
    rows = query(fixture_db, "SELECT province_code, fiscal_year, has_committee_order, has_framework, "
                             "has_action_plan, has_project_details, completeness FROM plans ORDER BY 1")
    assert rows == [
        ("50", 2566, True, True, True, True, 4),     # the identical repeat of this row is loaded once
        ("52", 2566, True, False, False, True, 2),   # จ.ลำปาง, ๒๕๖๖, 1/0/blank/ใช่
        ("57", 2566, True, False, True, False, 2),   # Chiang Rai, 2023 (CE), yes/no/Y/N
    ]


def test_projects_from_english_csv_and_xlsx_with_title_row(fixture_db: Path) -> None:
    rows = query(fixture_db, "SELECT project_id, province_code, fiscal_year, goal, target, title, "
                             "budget_thb, status FROM projects ORDER BY project_id")
    assert rows == [
        ("CR-9", "57", 2566, 3, "3.6", "Road safety", None, None),
        ("P2566-50-0001", "50", 2566, 2, "2.3", "Safe vegetables", 1250000.0, "in_progress"),
        ("P2566-50-0002", "50", 2566, 6, "6.1", "Clean water", 12500.0, "completed"),
        ("P2566-52-0001", "52", 2566, 15, "15.1", "โครงการป่าชุมชน", 500000.0, "completed"),
    ]


def test_district_projects_by_name_and_by_code(fixture_db: Path) -> None:
    rows = query(fixture_db, "SELECT district_code, province_code, fiscal_year, category "
                             "FROM district_projects ORDER BY 1")
    assert rows == [("5001", "50", 2566, "poverty"), ("5002", "50", 2566, "drugs")]


def test_dataset_row_names_the_folder_when_there_is_no_dataset_json(fixture_db: Path) -> None:
    rows = query(fixture_db, "SELECT source, is_sample, fiscal_years, built_at IS NOT NULL FROM dataset")
    assert rows == [("provinces-2566", False, [2566], True)]


def test_dataset_json_sets_source_and_sample_flag(tmp_path: Path) -> None:
    source = write_good_inputs(tmp_path / "in", {"source": "ตัวอย่าง (sample)", "is_sample": True})
    db = build_db(source, tmp_path / "sdg.duckdb")
    assert query(db, "SELECT source, is_sample, source_th FROM dataset") == [
        ("ตัวอย่าง (sample)", True, "ตัวอย่าง (sample)")]


def test_dataset_json_source_th_is_the_thai_wording(tmp_path: Path) -> None:
    meta = {"source": "Sample data", "source_th": "ข้อมูลตัวอย่าง", "is_sample": True}
    db = build_db(write_good_inputs(tmp_path / "in", meta), tmp_path / "sdg.duckdb")
    assert query(db, "SELECT source, source_th FROM dataset") == [("Sample data", "ข้อมูลตัวอย่าง")]


def test_failed_build_leaves_previous_db_byte_identical(tmp_path: Path, fixture_db: Path) -> None:
    db = tmp_path / "sdg.duckdb"
    shutil.copyfile(fixture_db, db)
    before = sha256(db)
    source = write_good_inputs(tmp_path / "in")
    with (source / "projects_en.csv").open("a", encoding="utf-8") as f:
        f.write(BAD_PROJECT)

    result = run_etl("build", "--source", str(source), "--db", str(db))

    assert result.returncode == 1
    assert "was not changed" in result.stdout
    assert sha256(db) == before
    assert not list(tmp_path.glob(f".sdg.duckdb{TEMP_MARK}*"))
    report = (tmp_path / "build-report.txt").read_text(encoding="utf-8")
    expected_lines = ("unknown province 'Atlantis'", "'18'", "budget cannot be negative",
                      "projects_en.csv, row 5")
    for expected in expected_lines:
        assert expected in report


def test_successful_build_replaces_the_db_and_cleans_stale_temps(tmp_path: Path, fixture_db: Path) -> None:
    db = tmp_path / "sdg.duckdb"
    shutil.copyfile(fixture_db, db)
    stale = tmp_path / f".sdg.duckdb{TEMP_MARK}999999999"
    stale.write_bytes(b"left by a killed build")
    source = write_good_inputs(tmp_path / "in", {"source": "second build", "is_sample": False})

    build_db(source, db)

    assert query(db, "SELECT source FROM dataset") == [("second build",)]
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build-report.txt", "in", "sdg.duckdb"]


def test_keep_going_loads_valid_rows_and_quarantines_the_rest(tmp_path: Path) -> None:
    source = write_good_inputs(tmp_path / "in")
    with (source / "projects_en.csv").open("a", encoding="utf-8") as f:
        f.write(BAD_PROJECT)
    (source / "broken.csv").write_text("Provnce;Fiscal year;Title;Goal\nเชียงใหม่;2566;x;1\n", encoding="utf-8")
    db = tmp_path / "out" / "sdg.duckdb"

    result = run_etl("build", "--source", str(source), "--db", str(db), "--keep-going")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 row(s) rejected" in result.stdout
    assert query(db, "SELECT count(*) FROM projects") == [(4,)]
    with (tmp_path / "out" / "quarantine.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    by_file = {r["file"]: r for r in rows}
    assert set(by_file) == {"projects_en.csv", "broken.csv"}
    bad = by_file["projects_en.csv"]
    assert (bad["row"], bad["Province"], bad["Goal"], bad["Budget (THB)"]) == ("5", "Atlantis", "18", "-5")
    assert "unknown province 'Atlantis'" in bad["problem"] and "negative" in bad["problem"]
    assert by_file["broken.csv"]["Provnce"] == "เชียงใหม่"
    assert "required column" in by_file["broken.csv"]["problem"]


def test_quarantine_from_an_earlier_run_does_not_linger(tmp_path: Path) -> None:
    quarantine = tmp_path / "quarantine.csv"
    quarantine.write_text("old", encoding="utf-8")
    build_db(write_good_inputs(tmp_path / "in"), tmp_path / "sdg.duckdb", "--keep-going")
    assert not quarantine.exists()


def test_check_validates_without_writing_a_database(tmp_path: Path) -> None:
    source = write_good_inputs(tmp_path / "in")
    good = run_etl("check", *(str(p) for p in sorted(source.iterdir())))
    assert good.returncode == 0, good.stdout + good.stderr
    assert "OK" in good.stdout
    assert run_etl("check", str(source)).stdout == good.stdout  # a folder means its input files
    with (source / "projects_en.csv").open("a", encoding="utf-8") as f:
        f.write(BAD_PROJECT)
    bad = run_etl("check", str(source / "projects_en.csv"), "--report", str(tmp_path / "r.txt"))
    assert bad.returncode == 1
    assert "projects_en.csv, row 5" in bad.stdout
    assert "unknown province 'Atlantis'" in (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert not list(tmp_path.rglob("*.duckdb"))


def test_missing_source_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = run_etl("build", "--source", str(tmp_path / "nowhere"), "--db", str(tmp_path / "sdg.duckdb"))
    assert result.returncode == 1
    assert "input folder does not exist" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_unexpected_failure_is_one_line_and_a_log_file(tmp_path: Path) -> None:
    """A db path under a regular file cannot be created: not a data problem, so exit 2 with a log."""
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    source = write_good_inputs(tmp_path / "in")
    result = run_etl("build", "--source", str(source), "--db", str(blocker / "sdg.duckdb"),
                     "--report", str(tmp_path / "report.txt"))
    assert result.returncode == 2
    assert "internal error:" in result.stderr and "details in" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    log = Path(result.stderr.split("details in ", 1)[1].rstrip().rstrip(")"))
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_resolve_and_sample_commands(tmp_path: Path) -> None:
    ok = run_etl("resolve", "Chiang Mai", "กทม.")
    assert ok.returncode == 0
    assert ok.stdout.splitlines()[0].split("\t")[:2] == ["Chiang Mai", "50"]
    assert run_etl("resolve", "Atlantis").returncode == 1
    sample = run_etl("sample", "--out", str(tmp_path / "raw"))
    assert sample.returncode == 0, sample.stderr
    assert {p.name for p in (tmp_path / "raw").iterdir()} >= {"dataset.json", "plans_2566.csv"}


def test_quotes_and_line_breaks_inside_cells_survive(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "p.csv").write_text(
        'Province,Fiscal year,Title,Goal,Agency\n'
        'Chiang Mai,2566,"Water ""for all""\nphase 2",6,"Office, north"\n',
        encoding="utf-8",
    )
    db = build_db(source, tmp_path / "sdg.duckdb")
    assert query(db, "SELECT title, agency FROM projects") == [('Water "for all" phase 2', "Office, north")]


def test_a_misspelt_province_is_resolved_with_one_warning(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "p.csv").write_text(
        "Province,Fiscal year,Title,Goal\nLampnag,2566,a,1\nLampnag,2566,b,2\nLampang,2566,c,3\n",
        encoding="utf-8",
    )
    result = run_etl("build", "--source", str(source), "--db", str(tmp_path / "sdg.duckdb"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s), 1 warning(s)" in result.stdout
    assert 'p.csv, row 2, column "Province" value "Lampnag"' in result.stdout and "(2 rows)" in result.stdout
    assert query(tmp_path / "sdg.duckdb", "SELECT DISTINCT province_code FROM projects") == [("52",)]


def test_values_under_a_blank_header_are_reported_not_dropped_silently(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("Province,Fiscal year,,Title,Goal\nChiang Mai,2566,secret,A,1\nChiang Mai,2566,,B,2\n",
                    encoding="utf-8")
    result = run_etl("check", str(path))
    assert result.returncode == 0
    assert 'p.csv, row 2, column "(column 3, no header)" value "secret"' in result.stdout
    assert "1 value(s) in column 3 have no header" in result.stdout


def test_keep_going_says_which_files_could_not_be_read(tmp_path: Path) -> None:
    source = write_good_inputs(tmp_path / "in")
    (source / "empty.csv").write_bytes(b"")
    result = run_etl("build", "--source", str(source), "--db", str(tmp_path / "sdg.duckdb"), "--keep-going")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "empty.csv: file is empty" in result.stdout
    assert "1 file(s) could not be read at all and were left out" in result.stdout
    assert not (tmp_path / "quarantine.csv").exists()
    assert query(tmp_path / "sdg.duckdb", "SELECT count(*) FROM projects") == [(4,)]


@pytest.mark.parametrize(("command", "raised"), [("build", 10), ("check", 0), ("sample", 0)])
def test_only_a_build_from_the_command_line_yields_the_cpu(command: str, raised: int) -> None:
    # a rebuild beside a served dashboard runs after the dashboard's requests, as a publish's build does
    probe = ("import os, sys; from etl.__main__ import _yield_cpu; before = os.nice(0); "
             f"_yield_cpu([{command!r}, '--db', 'x']); print(os.nice(0) - before)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert int(done.stdout) == raised
