"""The CSV download's rows are written by DuckDB; Python's csv module is the reference they must
match byte for byte: the same fields, quoting, neutralising, number forms and line ends, for every
filter and for the awkward values a database can hold."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dashboard.data import db, queries
from dashboard.data.state import Filters
from dashboard.exports import downloads
from dashboard.exports.captions import CaptionContext, caption_context
from tests.conftest import RAW_DIR, build_db


def python_csv(snap: db.Snapshot, ctx: CaptionContext) -> bytes:
    """The download as Python's csv module writes the export's project rows."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(downloads.export_tables(snap, ctx).project_rows())
    return (downloads.BOM + buffer.getvalue()).encode("utf-8")


def context(snap: db.Snapshot, query: dict[str, list[str]], province: str | None = None) -> CaptionContext:
    filters = queries.resolve_year(snap, Filters.from_query(query))
    if province is None:
        return caption_context(snap, filters)
    return caption_context(snap, filters, queries.province_profile(snap, filters, province).iloc[0].to_dict())


CASES: list[tuple[dict[str, list[str]], str | None]] = [
    ({}, None),
    ({"year": ["2565"]}, None),
    ({"year": ["2567"], "lang": ["en"]}, None),
    ({"goal": ["3"]}, None),
    ({"goal": ["1", "17"], "lang": ["en"]}, None),
    ({"region": ["north"]}, None),
    ({"pilots": ["1"]}, None),
    ({"year": ["2565"]}, "50"),
    ({"lang": ["en"]}, "10"),
    ({"goal": ["16"]}, "96"),
]


@pytest.mark.parametrize(("query", "province"), CASES)
def test_the_download_is_what_pythons_csv_module_writes(snap: db.Snapshot, query: dict[str, list[str]],
                                                        province: str | None) -> None:
    ctx = context(snap, query, province)
    written = downloads.to_csv(snap, ctx)
    assert written == python_csv(snap, ctx)
    assert written.count(b"\r\n") == len(downloads.export_tables(snap, ctx).projects) + 1


AWKWARD_TITLES = [
    "a, b", 'say "hi"', "two\nlines", "cr\r\nlf", "-2+3", "+SUM(1,2)", "@x", "\tTAB", "\rCR", "=\u0e31 mark",
    "'quoted already", "", "ends with ,", "โครงการ \"ทดสอบ\", ระยะที่ 2",
]
AWKWARD_BUDGETS = [1234.5, 0.1, 1e-05, None, float("nan"), 925000.0, 0.30000000000000004, 12345678901234.5]


@pytest.fixture
def awkward_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The sample with awkward titles, agencies, budgets and statuses planted after the build."""
    target = build_db(RAW_DIR, tmp_path / "sdg.duckdb")
    with duckdb.connect(str(target)) as conn:
        ids = [row[0] for row in conn.execute("SELECT project_id FROM projects WHERE fiscal_year = 2566 "
                                              "AND province_code = '50' ORDER BY project_id").fetchall()]
        for index, project_id in enumerate(ids):
            agency = None if index % 5 == 0 else AWKWARD_TITLES[(index + 3) % len(AWKWARD_TITLES)]
            values: list[Any] = [AWKWARD_TITLES[index % len(AWKWARD_TITLES)], agency,
                                 AWKWARD_BUDGETS[index % len(AWKWARD_BUDGETS)],
                                 (None, "not-a-status", "completed")[index % 3], project_id]
            conn.execute("UPDATE projects SET title = ?, agency = ?, budget_thb = ?, status = ? "
                         "WHERE project_id = ?", values)
    monkeypatch.setenv(db.DB_ENV, str(target))
    queries.clear_cache()
    yield target
    queries.clear_cache()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_awkward_values_are_written_exactly_as_pythons_csv_module_writes_them(awkward_db: Path,
                                                                               lang: str) -> None:
    snap = db.snapshot()
    ctx = context(snap, {"year": ["2566"], "lang": [lang]}, "50")
    written = downloads.to_csv(snap, ctx)
    assert written == python_csv(snap, ctx)
    rows = list(csv.reader(io.StringIO(written.decode("utf-8-sig"), newline="")))
    titles = {row[11] for row in rows[1:]}
    assert {"a, b", 'say "hi"', "two\nlines", "cr\r\nlf", "'-2+3", "'+SUM(1,2)", "'\tTAB",
            "'=\u0e31 mark"} <= titles
    assert {"1234.5", "1e-05", "", "925000", "12345678901234.5"} <= {row[13] for row in rows[1:]}
    assert "not-a-status" in {row[14] for row in rows[1:]}
