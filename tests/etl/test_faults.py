"""SIGKILL of `python -m etl build` at any point leaves the previous database byte-identical and the
next build working: the ETL writes a hidden temp file and renames it into place (etl/load.py).

A national-scale source (200,000 projects: a build long enough for every fixed delay to land while it
runs) is killed after a fixed delay, or as soon as the temp database file appears (the load phase, the
riskiest moment).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl.load import TEMP_MARK
from tests.conftest import ROOT, build_db, run_etl

pytestmark = pytest.mark.slow

# Seconds after the start, or in the load phase: as soon as the temp database appears ("load") or once it
# holds 1 MB ("load+1MB", mid-write). The load phase lasts well under a second, so a fixed delay
# after it starts could land after the rename, when the new database is rightly in place.
KILL_POINTS = ["0.2s", "0.5s", "1s", "2s", "load", "load+1MB"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def project_count(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("SELECT count(*) FROM projects").fetchone()
    assert row is not None
    return int(row[0])


def temp_files(db: Path) -> list[Path]:
    return sorted(db.parent.glob(f".{db.name}{TEMP_MARK}*"))


def temp_bytes(db: Path) -> int:
    """Size of the largest temp file a running build has written so far (0 if none)."""
    sizes = [0]
    for path in temp_files(db):
        try:
            sizes.append(path.stat().st_size)
        except FileNotFoundError:  # renamed or removed between the listing and the stat
            continue
    return max(sizes)


@pytest.fixture(scope="module")
def big_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200,000 synthetic projects over 77 provinces and ten fiscal years."""
    out = tmp_path_factory.mktemp("big") / "source"
    result = run_etl("sample", "--projects", "200000", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def small_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The FY2566 sample inputs, freshly generated (the previous database and the next build's source)."""
    out = tmp_path_factory.mktemp("small") / "source"
    result = run_etl("sample", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def previous_db(small_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database the killed builds must not damage, built once."""
    return build_db(small_source, tmp_path_factory.mktemp("prev") / "sdg.duckdb")


def start_build(source: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "etl", "build", "--source", str(source), "--db", str(db)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "TMPDIR": str(db.parent / "scratch")},
    )


def kill_build(source: Path, db: Path, point: str, sig: signal.Signals) -> subprocess.Popen[bytes]:
    """Start a build of `source` into `db` and send it `sig` at the kill point; return it once it ended."""
    proc = start_build(source, db)
    try:
        wait_for_kill_point(proc, db, point)
    finally:
        proc.send_signal(sig)
        proc.wait(timeout=60)
    return proc


def wait_for_kill_point(proc: subprocess.Popen[bytes] | subprocess.Popen[str], db: Path, point: str) -> None:
    """Return at the kill point while the build is still running (fail if it already ended)."""
    if point.startswith("load"):
        while not temp_files(db):
            assert proc.poll() is None, "the build ended before it started writing the database"
            time.sleep(0.005)
        point = point.removeprefix("load").removeprefix("+") or "0s"
        if point.endswith("MB"):
            size = float(point.removesuffix("MB")) * 2**20
            while temp_bytes(db) < size:
                assert proc.poll() is None and temp_files(db), f"the build ended before {point}"
                time.sleep(0.002)
            return
    time.sleep(float(point.removesuffix("s")))
    assert proc.poll() is None, f"the build ended before the kill point {point}"


@pytest.mark.parametrize("point", KILL_POINTS)
def test_sigkill_leaves_previous_database_intact(point: str, big_source: Path, small_source: Path,
                                                  previous_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "sdg.duckdb"
    shutil.copy2(previous_db, db)
    (tmp_path / "scratch").mkdir()
    before, projects = sha256(db), project_count(db)

    proc = kill_build(big_source, db, point, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL

    assert sha256(db) == before, "a killed build changed the previous database"
    assert project_count(db) == projects

    scratch = tmp_path / "scratch"
    if point.startswith("load"):  # by then the build has its scratch folder, and SIGKILL skips cleanup
        assert [p.name for p in scratch.iterdir()], "expected the dead build's scratch folder"

    # The next build succeeds, replaces the file and sweeps the dead build's temp file and folder away.
    result = subprocess.run(
        [sys.executable, "-m", "etl", "build", "--source", str(small_source), "--db", str(db)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, "TMPDIR": str(scratch)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert sha256(db) != before
    assert temp_files(db) == []
    assert list(scratch.iterdir()) == []
    assert project_count(db) == projects


def test_killed_build_then_full_build_of_the_same_source(big_source: Path, tmp_path: Path) -> None:
    """After a kill in the load phase, rebuilding the big source itself completes with every project."""
    db = tmp_path / "sdg.duckdb"
    (tmp_path / "scratch").mkdir()
    kill_build(big_source, db, "load", signal.SIGKILL)
    assert not db.exists(), "a killed first build left a database file in place"

    result = run_etl("build", "--source", str(big_source), "--db", str(db))
    assert result.returncode == 0, result.stdout + result.stderr
    assert temp_files(db) == []
    assert project_count(db) == 200_000


def test_ctrl_c_in_the_load_phase_says_nothing_changed(big_source: Path, small_source: Path,
                                                       previous_db: Path, tmp_path: Path) -> None:
    """SIGINT (Ctrl-C) while the database is being written: exit 130, one clear line, old file kept."""
    db = tmp_path / "sdg.duckdb"
    shutil.copy2(previous_db, db)
    (tmp_path / "scratch").mkdir()
    before = sha256(db)
    proc = subprocess.Popen(
        [sys.executable, "-m", "etl", "build", "--source", str(big_source), "--db", str(db)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TMPDIR": str(tmp_path / "scratch")},
    )
    try:
        wait_for_kill_point(proc, db, "load")
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "database was not changed" in err and "Traceback" not in err
    assert sha256(db) == before
    assert temp_files(db) == []
    assert list((tmp_path / "scratch").iterdir()) == []  # the scratch folder was cleaned up too


def test_sigterm_leaves_previous_database_intact(big_source: Path, previous_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "sdg.duckdb"
    shutil.copy2(previous_db, db)
    (tmp_path / "scratch").mkdir()
    before = sha256(db)
    proc = kill_build(big_source, db, "load", signal.SIGTERM)
    assert proc.returncode != 0
    assert sha256(db) == before


def test_two_builds_at_once_leave_one_whole_database(small_source: Path, previous_db: Path,
                                                     tmp_path: Path) -> None:
    """Two people rebuilding at the same moment: both finish, the file is one complete build."""
    db = tmp_path / "sdg.duckdb"
    shutil.copy2(previous_db, db)
    (tmp_path / "scratch").mkdir()
    procs = [start_build(small_source, db) for _ in range(2)]
    codes = [p.wait(timeout=600) for p in procs]
    assert codes == [0, 0]
    assert project_count(db) == project_count(previous_db)
    assert temp_files(db) == []
