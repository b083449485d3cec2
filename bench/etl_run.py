"""ETL figures: wall time and peak memory of `python -m etl build` (and `sample`) run as a user runs them.

Peak memory is the larger of two readings: the child's own maxrss from wait4 (exact, but only the
process itself) and the highest summed RSS of the child and any children it starts, sampled by psutil.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_EVERY_S = 0.02


@dataclass(frozen=True)
class RunFigures:
    """One finished command: exit code, wall seconds, peak memory in MB, and its last output line."""

    exit_code: int
    seconds: float
    peak_mb: float
    last_line: str


def _tree_rss(proc: psutil.Process) -> int:
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total


def run_measured(args: list[str], log: Path) -> RunFigures:
    """Run `python <args>` in the repository; time it and track its peak memory."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            watched = psutil.Process(proc.pid)
            while not done.is_set():
                peak = max(peak, _tree_rss(watched))
                time.sleep(SAMPLE_EVERY_S)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    maxrss = usage.ru_maxrss * 1024  # Linux reports kilobytes
    lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return RunFigures(proc.returncode, round(seconds, 2), round(max(peak, maxrss) / 2**20, 1),
                      lines[-1] if lines else "")


def etl_build(source: Path, db: Path, log: Path) -> RunFigures:
    """`python -m etl build --source SOURCE --db DB`, measured; a failed build is an error."""
    figures = run_measured(["-m", "etl", "build", "--source", str(source), "--db", str(db)], log)
    if figures.exit_code != 0:
        raise RuntimeError(f"ETL build of {source} failed (exit {figures.exit_code}); see {log}")
    return figures


def etl_sample(out: Path, projects: int, log: Path) -> RunFigures:
    """`python -m etl sample --out OUT --projects N`, measured."""
    figures = run_measured(["-m", "etl", "sample", "--out", str(out), "--projects", str(projects)], log)
    if figures.exit_code != 0:
        raise RuntimeError(f"generating {projects} projects failed (exit {figures.exit_code}); see {log}")
    return figures
