"""An overlay makes one build take some files' rows only for some keys and leave other files' rows for
those keys out, before any check: what it leaves out is neither loaded nor reported."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from etl.build import BuildSettings, build
from etl.overlay import Overlay
from tests.conftest import RAW_DIR

HEADER = "รหัสโครงการ,จังหวัด,ปีงบประมาณ,ชื่อโครงการ,เป้าหมายหลัก,เป้าหมายย่อย,หน่วยงานรับผิดชอบ,งบประมาณ (บาท),สถานะ"
CHIANG_MAI = ("50", 2566, "projects")
LAMPANG = ("52", 2566, "projects")


def _folder(tmp_path: Path) -> Path:
    """FY2566 of the sample with a bad Chiang Mai row in the base, and a submission for Chiang Mai
    (two good rows) that also carries a bad Lampang row."""
    folder = tmp_path / "source"
    folder.mkdir()
    for path in [*RAW_DIR.glob("*_2566.csv"), RAW_DIR / "dataset.json"]:
        shutil.copyfile(path, folder / path.name)
    with (folder / "projects_2566.csv").open("a", encoding="utf-8") as f:
        f.write("50-2566-900,เชียงใหม่,2566,โครงการงบไม่ระบุ,1,1.1,สำนักงานจังหวัด,ไม่ทราบ,\n")
    (folder / "submission-1-cm.csv").write_text("\n".join([
        HEADER,
        "50-2566-801,เชียงใหม่,2566,โครงการส่งใหม่หนึ่ง,1,1.1,สำนักงานจังหวัด,100000,",
        "50-2566-802,เชียงใหม่,2566,โครงการส่งใหม่สอง,2,2.1,สำนักงานจังหวัด,200000,",
        "52-2566-803,ลำปาง,2566,โครงการจังหวัดอื่น,3,3.1,สำนักงานจังหวัด,งบผิด,",
    ]) + "\n", encoding="utf-8")
    return folder


def _projects(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {str(code): int(n) for code, n in con.execute(
            "SELECT province_code, count(*) FROM projects GROUP BY 1").fetchall()}


def test_without_an_overlay_the_bad_rows_fail_the_build(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    outcome = build(BuildSettings(folder, tmp_path / "sdg.duckdb", tmp_path / "report.txt"))
    assert outcome.exit_code == 1
    assert "projects_2566.csv, row 744" in outcome.text and "submission-1-cm.csv, row 4" in outcome.text
    assert not (tmp_path / "sdg.duckdb").exists()


def test_the_overlay_replaces_one_key_and_leaves_the_rest(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    plain = tmp_path / "plain.duckdb"
    assert build(BuildSettings(_base_only(tmp_path), plain, tmp_path / "plain.txt")).exit_code == 0
    db = tmp_path / "sdg.duckdb"
    overlay = Overlay(drop={"projects_2566.csv": frozenset({CHIANG_MAI})},
                      only={"submission-1-cm.csv": frozenset({CHIANG_MAI})})
    outcome = build(BuildSettings(folder, db, tmp_path / "report.txt", overlay=overlay))
    assert outcome.exit_code == 0, outcome.text
    assert "ไม่ทราบ" not in outcome.text and "งบผิด" not in outcome.text
    before, after = _projects(plain), _projects(db)
    assert after["50"] == 2 and before["50"] > 2
    assert after.get("52") == before.get("52")
    assert {k: v for k, v in after.items() if k != "50"} == {k: v for k, v in before.items() if k != "50"}


def _base_only(tmp_path: Path) -> Path:
    """The sample's FY2566 alone: what every province but the replaced one must still equal."""
    base = tmp_path / "base"
    base.mkdir()
    for path in [*RAW_DIR.glob("*_2566.csv"), RAW_DIR / "dataset.json"]:
        shutil.copyfile(path, base / path.name)
    return base
