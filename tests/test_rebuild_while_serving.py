"""A rebuild while the app is serving: gunicorn serves database A, threads hammer the overview
(page render, filter callback and CSV export) while a database B, built by the real ETL from different data,
is `os.replace`d over A. Every response is 200 and wholly A or wholly B (its headline, goal chart
and map agree), and afterwards every worker serves B without a restart.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from bench.dash_client import DashClient, callback_payload, component_props, find_dependency, page_payload
from tests.conftest import LiveServer, build_db, run_etl

pytestmark = pytest.mark.slow

YEAR = 2566
THREADS = 6
PROJECTS_FILE = "projects_2566.csv"
PROVINCE_HEADER = "จังหวัด"


def drop_province(source: Path, out: Path) -> str:
    """A copy of `source` without the projects of the first province listed; returns its name."""
    shutil.copytree(source, out)
    path = out / PROJECTS_FILE
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    column = rows[0].index(PROVINCE_HEADER)
    dropped = rows[1][column]
    kept = [rows[0], *(r for r in rows[1:] if r[column] != dropped)]
    assert len(kept) < len(rows) - 1
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(kept)
    return dropped


def project_count(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("SELECT count(*) FROM projects WHERE fiscal_year = ?", [YEAR]).fetchone()
    assert row is not None
    return int(row[0])


@dataclass(frozen=True)
class Seen:
    """What one response showed: its status and the project total each view implies."""

    kind: str
    status: int
    totals: tuple[int, ...]
    started: float
    finished: float = 0.0


def headline_total(props: dict[str, dict[str, Any]]) -> int:
    return int(str(props["headline-projects"]["children"]).replace(",", ""))


def trace_values(figure: dict[str, Any], key: str) -> list[Any]:
    """`data[0][key]` of a figure, or the value a Patch assigns to it."""
    if "__dash_patch_update" not in figure:
        return list(figure["data"][0][key])
    for op in figure["operations"]:
        if op["location"] == ["data", 0, key]:
            return list(op["params"]["value"])
    raise AssertionError(f"the patch does not set data[0].{key}")


def bar_total(figure: dict[str, Any]) -> int:
    return int(sum(trace_values(figure, "x")))


def map_total(figure: dict[str, Any]) -> int:
    """Sum of the map values (the map shows projects per province)."""
    return int(sum(v or 0 for v in trace_values(figure, "z")))


class Visitor:
    """One simulated user: opens the overview and changes the map metric, reading the totals shown."""

    def __init__(self, url: str, deps: list[dict[str, Any]]) -> None:
        self.client = DashClient(url)
        self.update = find_dependency(deps, "..province-map.figure")

    def open_overview(self) -> Seen:
        started = time.monotonic()
        reply = self.client.call(page_payload("/", f"?year={YEAR}"))
        if reply.status != 200:
            return Seen("page", reply.status, (), started, time.monotonic())
        props = component_props(reply.json())
        return Seen("page", 200, (headline_total(props), bar_total(props["goal-chart"]["figure"])), started,
                    time.monotonic())

    def change_filters(self) -> Seen:
        started = time.monotonic()
        values = {"year-filter.value": YEAR, "goal-filter.value": [], "region-filter.value": [],
                  "pilot-toggle.value": False, "map-metric.value": "projects", "overview-lang.data": "th"}
        reply = self.client.call(callback_payload(self.update, values, ["map-metric.value"]))
        if reply.status != 200:
            return Seen("callback", reply.status, (), started, time.monotonic())
        response = reply.json()["response"]
        return Seen("callback", 200, (
            headline_total(component_props(response["overview-headlines"]["children"])),
            bar_total(response["goal-chart"]["figure"]),
            map_total(response["province-map"]["figure"]),
        ), started, time.monotonic())

    def export_csv(self) -> Seen:
        started = time.monotonic()
        reply = self.client.request("GET", f"/export/data.csv?year={YEAR}")
        if reply.status != 200:
            return Seen("export", reply.status, (), started, time.monotonic())
        rows = list(csv.reader(io.StringIO(reply.body.decode("utf-8-sig"))))
        return Seen("export", 200, (len(rows) - 1,), started, time.monotonic())


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A from a freshly generated sample, B from the same sample minus one province's projects."""
    work = tmp_path_factory.mktemp("rebuild")
    source_a = work / "source-a"
    assert run_etl("sample", "--out", str(source_a)).returncode == 0
    drop_province(source_a, work / "source-b")
    db_a = build_db(source_a, work / "a" / "sdg.duckdb")
    return db_a, build_db(work / "source-b", work / "b" / "sdg.duckdb")


@pytest.fixture
def served(databases: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
           ) -> Iterator[tuple[LiveServer, Path]]:
    """gunicorn serving a copy of A from a folder of its own.

    Every thread may export at once: this test is about consistency across a rebuild, and the export
    limit's 429 (tested with the exports) would hide what it looks for."""
    monkeypatch.setenv("SDG_EXPORT_SLOTS", str(THREADS))
    db = tmp_path / "served" / "sdg.duckdb"
    db.parent.mkdir()
    shutil.copy2(databases[0], db)
    server = LiveServer(db)
    yield server, db
    server.stop()


def test_readers_see_old_or_new_never_an_error_or_a_mix(databases: tuple[Path, Path],
                                                         served: tuple[LiveServer, Path]) -> None:
    server, db = served
    total_a, total_b = project_count(databases[0]), project_count(databases[1])
    assert total_a > total_b > 0
    deps = DashClient(server.url).get_json("/_dash-dependencies")

    seen: list[Seen] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def hammer() -> None:
        visitor = Visitor(server.url, deps)
        try:
            while not stop.is_set():
                for action in (visitor.open_overview, visitor.change_filters, visitor.export_csv):
                    result = action()
                    with lock:
                        seen.append(result)
        except Exception as exc:  # a failure in a thread must fail the test, not vanish
            failures.append(repr(exc))
        finally:
            visitor.client.close()

    threads = [threading.Thread(target=hammer) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    staged = db.with_name("sdg.duckdb.new")
    shutil.copy2(databases[1], staged)
    os.replace(staged, db)
    replaced = time.monotonic()
    time.sleep(4)
    stop.set()
    for thread in threads:
        thread.join(timeout=120)

    assert failures == []
    assert {s.kind for s in seen} == {"page", "callback", "export"}
    assert [s for s in seen if s.status != 200] == []
    mixed = [s for s in seen if set(s.totals) not in ({total_a}, {total_b})]
    assert mixed == [], f"views mixing builds or showing other totals (A={total_a}, B={total_b}): {mixed[:5]}"
    before = [s for s in seen if s.finished < replaced]
    after = [s for s in seen if s.started > replaced + 1]
    assert len(before) >= THREADS and all(s.totals[0] == total_a for s in before)
    assert len(after) >= THREADS and all(s.totals[0] == total_b for s in after)
    print(f"{len(seen)} responses: {len(before)} before the replace, {len(after)} after")

    # Fresh connections (so both workers answer) all see B, without a restart.
    for _ in range(8):
        visitor = Visitor(server.url, deps)
        assert visitor.open_overview().totals == (total_b, total_b)
        assert visitor.change_filters().totals == (total_b, total_b, total_b)
        assert visitor.export_csv().totals == (total_b,)
        visitor.client.close()
