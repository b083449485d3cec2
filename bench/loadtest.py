"""`make loadtest`: 50 simulated users for 60 s against the app served as `make run` serves it, with an
ETL rebuild (atomic replace of the database file) in the middle of the run.

Each user is a thread with its own keep-alive connection that, like a person at the dashboard,
opens the overview (the pages router call plus the callbacks the new content fires), changes
filters, opens province pages and downloads CSV, pausing between actions (think time). Every
HTTP request is timed; anything but 200/204 or a broken connection is an error. Bounded by time
and by a request cap. Prints requests/s, p50/p95/p99 and errors; writes bench/loadtest.json and the
README's load-test line (`--readme-only` rewrites that line from the existing json without a run).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.dash_client import (
    DashClient,
    callback_payload,
    component_props,
    find_dependency,
    initial_callbacks,
    page_payload,
)
from bench.report import update_readme_loadtest
from bench.serve import Served
from bench.stats import percentile
from etl.reference import read_reference

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "loadtest.json"
README = ROOT / "README.md"
DEFAULT_DB = ROOT / "data" / "sdg.duckdb"
RAW = ROOT / "data" / "raw"
TARGET_P95_MS = 300.0
OK = (200, 204)
YEARS = (2566,)
METRICS = ("completeness", "projects", "goal_projects")


@dataclass(frozen=True)
class Settings:
    """One load run: how many users, for how long, how they pace themselves, what they hit."""

    users: int = 50
    duration_s: float = 60.0
    rebuild_at_s: float = 30.0
    think_min_s: float = 2.0  # a person looks at the map or the grid before the next click
    think_max_s: float = 6.0
    max_requests: int = 200_000
    workers: int = 2
    threads: int = 4
    seed: int = 2566
    source: Path = RAW
    db: Path = DEFAULT_DB


@dataclass(frozen=True)
class Sample:
    """One HTTP request as a user saw it."""

    action: str
    status: int
    ms: float
    at_s: float
    server_ms: float | None = None  # the app's own time (Server-Timing), without the wait for a worker


@dataclass
class Run:
    """What all users recorded; shared, guarded by a lock."""

    started: float
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, action: str, status: int, ms: float, server_ms: float | None = None) -> None:
        sample = Sample(action, status, ms, time.monotonic() - self.started, server_ms)
        with self.lock:
            self.samples.append(sample)
            if status not in OK:
                self.errors.append(f"{action}: HTTP {status} at {sample.at_s:.1f}s")

    def fail(self, action: str, exc: BaseException) -> None:
        with self.lock:
            at = time.monotonic() - self.started
            self.errors.append(f"{action}: {type(exc).__name__}: {exc} at {at:.1f}s")

    def count(self) -> int:
        with self.lock:
            return len(self.samples)


class User:
    """One person at the dashboard: a connection, a random stream, and the four things they do."""

    def __init__(self, url: str, deps: list[dict[str, Any]], codes: Sequence[str], regions: Sequence[str],
                 rng: random.Random, run: Run) -> None:
        self.client = DashClient(url)
        self.deps = deps
        self.update = find_dependency(deps, "..province-map.figure")
        self.codes = codes
        self.regions = regions
        self.rng = rng
        self.run = run

    def _send(self, action: str, method: str, path: str, payload: Any = None) -> Any:
        reply = self.client.request(method, path, payload)
        self.run.record(action, reply.status, reply.elapsed_ms, reply.server_ms)
        return reply

    def _open(self, action: str, pathname: str, search: str) -> None:
        """The router call, then the server callbacks the new page content fires at once."""
        reply = self._send(action, "POST", "/_dash-update-component", page_payload(pathname, search))
        if reply.status != 200:
            return
        props = component_props(reply.json())
        for payload in initial_callbacks(self.deps, props):
            self._send(f"{action} callbacks", "POST", "/_dash-update-component", payload)

    def _filters(self) -> dict[str, Any]:
        goals = sorted(self.rng.sample(range(1, 18), self.rng.choice((0, 0, 1, 2, 3))))
        regions = sorted(self.rng.sample(list(self.regions), self.rng.choice((0, 0, 1, 2))))
        return {"year": self.rng.choice(YEARS), "goals": goals, "regions": regions,
                "pilots": self.rng.random() < 0.2, "metric": self.rng.choice(METRICS)}

    def open_overview(self) -> None:
        f = self._filters()
        search = f"?year={f['year']}" + (f"&goal={','.join(map(str, f['goals']))}" if f["goals"] else "")
        self._open("open overview", "/", search)

    def change_filters(self) -> None:
        f = self._filters()
        values = {"year-filter.value": f["year"], "goal-filter.value": f["goals"],
                  "region-filter.value": f["regions"], "pilot-toggle.value": f["pilots"],
                  "map-metric.value": f["metric"], "overview-lang.data": self.rng.choice(("th", "en"))}
        changed = self.rng.choice(["goal-filter.value", "region-filter.value", "map-metric.value"])
        self._send("change filters", "POST", "/_dash-update-component",
                   callback_payload(self.update, values, [changed]))

    def open_province(self) -> None:
        self._open("open province", f"/province/{self.rng.choice(self.codes)}",
                   self.rng.choice(("", "?lang=en", f"?year={YEARS[0]}")))

    def export_csv(self) -> None:
        f = self._filters()
        query = f"year={f['year']}" + "".join(f"&goal={g}" for g in f["goals"])
        if self.rng.random() < 0.3:
            query += f"&province={self.rng.choice(self.codes)}"
        self._send("export csv", "GET", f"/export/data.csv?{query}")

    def actions(self) -> list[tuple[Callable[[], None], int]]:
        """What people do most: change filters, then open the overview, a province, a download."""
        return [(self.change_filters, 40), (self.open_overview, 25), (self.open_province, 25),
                (self.export_csv, 10)]


def user_loop(user: User, settings: Settings, stop: threading.Event) -> None:
    """Act, think, repeat until the time is up or the request cap is reached."""
    actions = user.actions()
    moves, weights = [a for a, _ in actions], [w for _, w in actions]
    try:
        stop.wait(user.rng.uniform(0, settings.think_max_s))  # users do not all arrive at once
        while not stop.is_set() and user.run.count() < settings.max_requests:
            action = user.rng.choices(moves, weights)[0]
            try:
                action()
            except (OSError, ValueError) as exc:  # a broken connection or an unreadable body is an error
                user.run.fail(action.__name__, exc)
            stop.wait(user.rng.uniform(settings.think_min_s, settings.think_max_s))
    finally:
        user.client.close()


def rebuild(settings: Settings, db: Path, run: Run, outcome: dict[str, Any], stop: threading.Event) -> None:
    """Mid-run: the real ETL rebuilds the served file (temp file, then os.replace)."""
    if stop.wait(settings.rebuild_at_s):
        return
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "etl", "build", "--source", str(settings.source), "--db", str(db)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    outcome.update(started_at_s=round(began - run.started, 1), duration_s=round(time.monotonic() - began, 1),
                   exit_code=result.returncode)
    if result.returncode != 0:
        with run.lock:
            run.errors.append(f"ETL rebuild failed ({result.returncode}): {result.stderr[-500:]}")


def served_copy(settings: Settings, folder: Path) -> Path:
    """The database to serve, in a folder of its own: a copy of data/sdg.duckdb, else a fresh build."""
    target = folder / "sdg.duckdb"
    if settings.db.is_file():
        shutil.copy2(settings.db, target)
        return target
    result = subprocess.run([sys.executable, "-m", "etl", "build", "--source", str(settings.source),
                             "--db", str(target)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"cannot build the database to serve:\n{result.stdout}\n{result.stderr}")
    return target


def latency(values: Sequence[float]) -> dict[str, float | int]:
    if not values:
        return {"n": 0}
    return {"n": len(values), **{f"p{q}": round(percentile(values, q), 1) for q in (50, 95, 99)},
            "max": round(max(values), 1)}


def summarise(run: Run, settings: Settings, elapsed: float, rebuilt: dict[str, Any]) -> dict[str, Any]:
    """Throughput, latency and errors, per action as well, and whether the targets were met."""
    times = [s.ms for s in run.samples]
    actions = sorted({s.action for s in run.samples})
    overall = latency(times)
    result = {
        "run_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "users": settings.users,
        "duration_s": round(elapsed, 1),
        "think_time_s": [settings.think_min_s, settings.think_max_s],
        "server": {"gunicorn_workers": settings.workers, "threads_per_worker": settings.threads},
        "requests": len(times),
        "requests_per_s": round(len(times) / elapsed, 1) if elapsed else 0.0,
        "latency_ms": overall,
        "server_ms": latency([s.server_ms for s in run.samples if s.server_ms is not None]),
        "errors": len(run.errors),
        "error_samples": run.errors[:20],
        "by_action": {a: latency([s.ms for s in run.samples if s.action == a]) for a in actions},
        "server_ms_by_action": {a: latency([s.server_ms for s in run.samples
                                            if s.action == a and s.server_ms is not None]) for a in actions},
        "rebuild": rebuilt,
        "target": {"p95_ms": TARGET_P95_MS, "errors": 0},
        "machine": {"cpus": os.cpu_count(), "load_average_1m_at_end": round(os.getloadavg()[0], 2),
                    "python": platform.python_version()},
    }
    result["target_met"] = bool(not run.errors and times and overall["p95"] < TARGET_P95_MS and rebuilt)
    return result


def load_test(settings: Settings) -> dict[str, Any]:
    """Serve a copy of the database, run the users and the mid-run rebuild, return the summary."""
    codes = [f"{int(c):02d}" for c in read_reference("provinces")["province_code"]]
    regions = [str(c) for c in read_reference("regions")["region_code"]]
    with tempfile.TemporaryDirectory(prefix="sdg-loadtest-") as tmp:
        db = served_copy(settings, Path(tmp))
        with Served("app:server", db, workers=settings.workers, threads=settings.threads) as server:
            deps = DashClient(server.url).get_json("/_dash-dependencies")
            run = Run(started=time.monotonic())
            stop = threading.Event()
            rebuilt: dict[str, Any] = {}
            master = random.Random(settings.seed)
            users = [User(server.url, deps, codes, regions, random.Random(master.random()), run)
                     for _ in range(settings.users)]
            threads = [threading.Thread(target=user_loop, args=(u, settings, stop), daemon=True)
                       for u in users]
            threads.append(threading.Thread(target=rebuild, args=(settings, db, run, rebuilt, stop),
                                            daemon=True))
            for thread in threads:
                thread.start()
            stop.wait(settings.duration_s)
            stop.set()
            for thread in threads:
                thread.join(timeout=600)
            elapsed = time.monotonic() - run.started
    return summarise(run, settings, elapsed, rebuilt)


def report(result: dict[str, Any]) -> str:
    """The console table."""
    lat = result["latency_ms"]
    lines = [
        f"{result['users']} users, {result['duration_s']} s, think time {result['think_time_s'][0]}-"
        f"{result['think_time_s'][1]} s, gunicorn {result['server']['gunicorn_workers']} workers x "
        f"{result['server']['threads_per_worker']} threads",
        f"requests: {result['requests']}  ({result['requests_per_s']} req/s)",
        f"latency ms: p50 {lat.get('p50')}  p95 {lat.get('p95')}  p99 {lat.get('p99')}  max {lat.get('max')}",
        f"server time ms (Server-Timing): p50 {result['server_ms'].get('p50')}  "
        f"p95 {result['server_ms'].get('p95')}",
        f"errors: {result['errors']}",
        f"ETL rebuild: {result['rebuild'] or 'did not run'}",
        "",
        f"{'action':<26}{'n':>7}{'p50':>9}{'p95':>9}{'p99':>9}",
    ]
    for action, stats in result["by_action"].items():
        lines.append(f"{action:<26}{stats['n']:>7}{stats['p50']:>9}{stats['p95']:>9}{stats['p99']:>9}")
    verdict = "met" if result["target_met"] else "NOT met"
    lines += ["", f"target (0 errors, p95 < {TARGET_P95_MS:.0f} ms): {verdict}"]
    lines += [f"  {e}" for e in result["error_samples"][:5]]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    d = Settings()
    p = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__.splitlines()[0])
    p.add_argument("--users", type=int, default=d.users)
    p.add_argument("--duration", type=float, default=d.duration_s, help="seconds (default %(default)s)")
    p.add_argument("--rebuild-at", type=float, default=d.rebuild_at_s, help="seconds into the run")
    p.add_argument("--think-min", type=float, default=d.think_min_s)
    p.add_argument("--think-max", type=float, default=d.think_max_s)
    p.add_argument("--max-requests", type=int, default=d.max_requests)
    p.add_argument("--workers", type=int, default=d.workers, help="gunicorn workers, as `make run`")
    p.add_argument("--db", type=Path, default=d.db, help="database to copy and serve")
    p.add_argument("--source", type=Path, default=d.source, help="ETL source for the mid-run rebuild")
    p.add_argument("--out", type=Path, default=RESULTS)
    p.add_argument("--no-readme", action="store_true", help="do not touch README.md")
    p.add_argument("--readme-only", action="store_true",
                   help="no run: rewrite the README's load-test line from the --out json")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run once, print, write the JSON and the README line; exit 1 when the target is missed."""
    args = _parser().parse_args(argv)
    if args.readme_only:
        result = json.loads(args.out.read_text(encoding="utf-8"))
        print(f"{README.name}: {'updated' if update_readme_loadtest(README, result) else 'already current'}")
        return 0
    settings = Settings(users=args.users, duration_s=args.duration, rebuild_at_s=args.rebuild_at,
                        think_min_s=args.think_min, think_max_s=args.think_max,
                        max_requests=args.max_requests, workers=args.workers, db=args.db, source=args.source)
    result = load_test(settings)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report(result))
    print(f"written {args.out}")
    if not args.no_readme and update_readme_loadtest(README, result):
        print(f"updated the load-test line of {README.name}")
    return 0 if result["target_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
