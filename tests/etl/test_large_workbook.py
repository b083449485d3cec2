"""A 20,000-row workbook filled from the template (budgets in millions, a totals row, merged provinces)
loads every project exactly; the time it takes is printed for the record (speed is judged by the bench)."""
from __future__ import annotations

import time
from pathlib import Path

import duckdb
import openpyxl
import pytest

from tests.conftest import run_etl

ROWS = 20_000
PROVINCES = ("เชียงใหม่", "ลำพูน", "ลำปาง", "สตูล", "ขอนแก่น")
CODES = ("50", "51", "52", "91", "40")


def write_large_workbook(template: Path, out: Path) -> None:
    """ROWS projects, 5 provinces, the budget header in ล้านบาท, a รวม row at the end."""
    wb = openpyxl.load_workbook(template)
    ws = wb["โครงการ"]
    ws["H1"] = "งบประมาณ (ล้านบาท)"
    for i in range(ROWS):
        ws.append([None, PROVINCES[i % 5], 2566, f"โครงการที่ {i + 1}", i % 17 + 1, None, "สำนักงานจังหวัด",
                   (i % 40 + 1) / 4, "อยู่ระหว่างดำเนินการ (ร้อยละ 50)"])
    ws.append([None, None, None, "รวม", None, None, None, sum((i % 40 + 1) / 4 for i in range(ROWS)), None])
    wb.save(out)


@pytest.mark.slow
def test_a_20000_row_workbook_loads_every_project(tmp_path: Path) -> None:
    template, source = tmp_path / "template.xlsx", tmp_path / "source"
    assert run_etl("template", str(template)).returncode == 0
    source.mkdir()
    write_large_workbook(template, source / "projects.xlsx")
    db = tmp_path / "sdg.duckdb"

    started = time.perf_counter()
    result = run_etl("build", "--source", str(source), "--db", str(db))
    seconds = time.perf_counter() - started

    assert result.returncode == 0, result.stdout + result.stderr
    print(f"\n20,000-row workbook validated and loaded in {seconds:.1f} s (target < 10 s)")
    with duckdb.connect(str(db), read_only=True) as con:
        per_province = con.execute("SELECT province_code, count(*), sum(budget_thb) FROM projects "
                                   "GROUP BY 1 ORDER BY 1").fetchall()
        statuses = con.execute("SELECT DISTINCT status FROM projects").fetchall()
    expected = {code: [0, 0.0] for code in CODES}
    for i in range(ROWS):
        expected[CODES[i % 5]][0] += 1
        expected[CODES[i % 5]][1] += (i % 40 + 1) / 4 * 1_000_000
    assert per_province == sorted((code, n, budget) for code, (n, budget) in expected.items())
    assert statuses == [("in_progress",)]
    assert "row read as a total row" in (tmp_path / "build-report.txt").read_text(encoding="utf-8")
