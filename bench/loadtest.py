"""`make loadtest`: how many simulated users the app holds, stepping the crowd (50, 100, 200, 400
users, 60 s each) against the app served as `make run` serves it, with an ETL rebuild (an atomic
replace of the database file) in the middle of every step; then the same steps against the tutorial
baseline (bench/baseline_app.py).

Each user, like a person at the dashboard, opens the overview (the pages router call plus the
callbacks the new content fires), changes filters, opens province pages and downloads CSV, pausing
between actions (think time). Users are asyncio tasks on one aiohttp session, so one process can
play 400 of them beside the server on a small machine. Every HTTP request is timed; anything but
200/204 or a broken connection is an error. A step holds when it has no errors and p95 under 300 ms;
`capacity_users` is the largest step held (stepping stops at the first step that fails). Writes
bench/loadtest.json and the README's load-test line (`--readme-only` rewrites that line from the
existing json without a run).
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bench.dash_client import (
    DashClient,
    callback_payload,
    component_props,
    find_dependency,
    initial_callbacks,
    page_payload,
    server_timings,
)
from bench.report import update_readme_loadtest
from bench.serve import THREADS, WORKERS, Served
from bench.stats import percentile
from etl.reference import read_reference

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "loadtest.json"
README = ROOT / "README.md"
DEFAULT_DB = ROOT / "data" / "sdg.duckdb"
RAW = ROOT / "data" / "raw"
TARGET_P95_MS = 300.0
TARGET_USERS = 400
TARGET_RATIO = 5.0
STEPS = (50, 100, 200, 400)
OK = (200, 204)
METRICS = ("completeness", "projects", "goal_projects")
UPDATE_PATH = "/_dash-update-component"
HEADERS = {"Accept-Encoding": "gzip, br", "Accept": "application/json"}
# gunicorn closes a connection idle for bench.serve.KEEPALIVE_S (10 s, as `make run`); the users drop
# theirs far sooner, so a request never races the server's close even when this process lags.
KEEPALIVE_S = 1.5


@dataclass(frozen=True)
class Settings:
    """One load test: the steps, how long each runs, how users pace themselves, what they hit."""

    steps: tuple[int, ...] = STEPS
    duration_s: float = 60.0
    rebuild_at_s: float = 30.0
    think_min_s: float = 2.0  # a person looks at the map or the grid before the next click
    think_max_s: float = 6.0
    workers: int = WORKERS
    threads: int = THREADS
    seed: int = 2566
    source: Path = RAW
    db: Path = DEFAULT_DB
    baseline: bool = True


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
    """What all users of one step recorded (one event loop: no locks needed)."""

    started: float
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    resets: list[str] = field(default_factory=list)  # kept-alive connections lost as they were reused

    def record(self, action: str, status: int, ms: float, server_ms: float | None = None) -> None:
        sample = Sample(action, status, ms, time.monotonic() - self.started, server_ms)
        self.samples.append(sample)
        if status not in OK:
            self.errors.append(f"{action}: HTTP {status} at {sample.at_s:.1f}s")

    def fail(self, action: str, exc: BaseException) -> None:
        at = time.monotonic() - self.started
        self.errors.append(f"{action}: {type(exc).__name__}: {exc} at {at:.1f}s")


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes


class Client:
    """The shared session, timing every request into the step's Run."""

    def __init__(self, session: aiohttp.ClientSession, url: str, run: Run) -> None:
        self.session = session
        self.url = url
        self.run = run
        self._initial: dict[str, list[dict[str, Any]]] = {}  # page body digest -> callbacks it fires

    async def send(self, action: str, method: str, path: str, payload: Any = None) -> Reply:
        for attempt in (1, 2):
            start = time.perf_counter()
            try:
                async with self.session.request(method, self.url + path, json=payload,
                                                headers=HEADERS) as resp:
                    body = await resp.read()
                    server = server_timings(resp.headers.get("Server-Timing")).get("app")
                break
            except (aiohttp.ClientOSError, aiohttp.ServerDisconnectedError) as exc:
                if attempt == 2:
                    raise
                self.run.resets.append(f"{action}: {type(exc).__name__} at "
                                       f"{time.monotonic() - self.run.started:.1f}s")
                # a kept-alive connection the server closed just as it was reused: a browser
                # retries such a request once on a new connection, and so does this user
        self.run.record(action, resp.status, (time.perf_counter() - start) * 1000, server)
        return Reply(resp.status, body)

    def fired_by(self, deps: list[dict[str, Any]], body: bytes) -> list[dict[str, Any]]:
        """The callbacks a page's content fires (parsed once per distinct page: the generator's CPU
        is shared with the server)."""
        digest = hashlib.blake2b(body, digest_size=16).hexdigest()
        found = self._initial.get(digest)
        if found is None:
            found = self._initial[digest] = initial_callbacks(deps, component_props(json.loads(body)))
        return found


class User:
    """One person at the dashboard: a random stream and the four things they do."""

    def __init__(self, client: Client, deps: list[dict[str, Any]], codes: Sequence[str],
                 regions: Sequence[str], years: Sequence[int], rng: random.Random) -> None:
        self.client = client
        self.deps = deps
        self.update = find_dependency(deps, "..province-map.figure")
        self.codes = codes
        self.regions = regions
        self.years = years
        self.rng = rng

    async def _open(self, action: str, pathname: str, search: str) -> None:
        """The router call, then the server callbacks the new page content fires at once."""
        reply = await self.client.send(action, "POST", UPDATE_PATH, page_payload(pathname, search))
        if reply.status != 200:
            return
        await asyncio.gather(*(self.client.send(f"{action} callbacks", "POST", UPDATE_PATH, payload)
                               for payload in self.client.fired_by(self.deps, reply.body)))

    def _filters(self) -> dict[str, Any]:
        goals = sorted(self.rng.sample(range(1, 18), self.rng.choice((0, 0, 1, 2, 3))))
        regions = sorted(self.rng.sample(list(self.regions), self.rng.choice((0, 0, 1, 2))))
        return {"year": self.rng.choice(self.years), "goals": goals, "regions": regions,
                "pilots": self.rng.random() < 0.2, "metric": self.rng.choice(METRICS)}

    async def open_overview(self) -> None:
        f = self._filters()
        search = f"?year={f['year']}" + (f"&goal={','.join(map(str, f['goals']))}" if f["goals"] else "")
        await self._open("open overview", "/", search)

    async def change_filters(self) -> None:
        f = self._filters()
        values = {"year-filter.value": f["year"], "goal-filter.value": f["goals"],
                  "region-filter.value": f["regions"], "pilot-toggle.value": f["pilots"],
                  "map-metric.value": f["metric"], "overview-lang.data": self.rng.choice(("th", "en"))}
        changed = self.rng.choice(["goal-filter.value", "region-filter.value", "map-metric.value"])
        await self.client.send("change filters", "POST", UPDATE_PATH,
                               callback_payload(self.update, values, [changed]))

    async def open_province(self) -> None:
        await self._open("open province", f"/province/{self.rng.choice(self.codes)}",
                         self.rng.choice(("", "?lang=en", f"?year={self.years[0]}")))

    async def export_csv(self) -> None:
        f = self._filters()
        query = f"year={f['year']}" + "".join(f"&goal={g}" for g in f["goals"])
        if self.rng.random() < 0.3:
            query += f"&province={self.rng.choice(self.codes)}"
        await self.client.send("export csv", "GET", f"/export/data.csv?{query}")

    def actions(self) -> list[tuple[Callable[[], Awaitable[None]], int]]:
        """What people do most: change filters, then open the overview, a province, a download."""
        return [(self.change_filters, 40), (self.open_overview, 25), (self.open_province, 25),
                (self.export_csv, 10)]


class BaselineUser:
    """The same person at the tutorial app: opening it (layout plus its one callback) and filtering."""

    def __init__(self, client: Client, deps: list[dict[str, Any]], years: Sequence[int],
                 regions: Sequence[str], rng: random.Random) -> None:
        self.client = client
        self.update = find_dependency(deps, "..baseline-map.figure")
        self.years = years
        self.regions = regions
        self.rng = rng

    def _payload(self, changed: str) -> dict[str, Any]:
        goals = sorted(self.rng.sample(range(1, 18), self.rng.choice((0, 0, 1, 2, 3))))
        regions = sorted(self.rng.sample(list(self.regions), self.rng.choice((0, 0, 1, 2))))
        values = {"baseline-year.value": self.rng.choice(self.years), "baseline-goal.value": goals,
                  "baseline-region.value": regions}
        return callback_payload(self.update, values, [changed])

    async def open_page(self) -> None:
        reply = await self.client.send("open overview", "GET", "/_dash-layout")
        if reply.status == 200:
            await self.client.send("open overview callbacks", "POST", UPDATE_PATH,
                                   self._payload("baseline-year.value"))

    async def change_filters(self) -> None:
        changed = self.rng.choice(["baseline-goal.value", "baseline-region.value"])
        await self.client.send("change filters", "POST", UPDATE_PATH, self._payload(changed))

    def actions(self) -> list[tuple[Callable[[], Awaitable[None]], int]]:
        """The baseline has no province pages or downloads: their share goes to opening the page."""
        return [(self.change_filters, 40), (self.open_page, 60)]


async def user_loop(user: User | BaselineUser, settings: Settings, stop: asyncio.Event) -> None:
    """Act, think, repeat until the step is over."""
    actions = user.actions()
    moves, weights = [a for a, _ in actions], [w for _, w in actions]
    if await _wait(stop, user.rng.uniform(0, settings.think_max_s)):  # users do not all arrive at once
        return
    while not stop.is_set():
        action = user.rng.choices(moves, weights)[0]
        try:
            await action()
        except (TimeoutError, aiohttp.ClientError, OSError, ValueError) as exc:
            user.client.run.fail(action.__name__, exc)  # a broken connection or unreadable body
        if await _wait(stop, user.rng.uniform(settings.think_min_s, settings.think_max_s)):
            return


async def _wait(stop: asyncio.Event, seconds: float) -> bool:
    """Sleep up to `seconds`; True when the step ended meanwhile."""
    try:
        await asyncio.wait_for(stop.wait(), seconds)
        return True
    except TimeoutError:
        return False


async def rebuild(settings: Settings, db: Path, run: Run, stop: asyncio.Event) -> dict[str, Any]:
    """Mid-step: the real ETL rebuilds the served file (temp file, then os.replace)."""
    if await _wait(stop, settings.rebuild_at_s):
        return {}
    began = time.monotonic()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "etl", "build", "--source", str(settings.source), "--db", str(db),
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    _, err = await proc.communicate()
    outcome = {"started_at_s": round(began - run.started, 1),
               "duration_s": round(time.monotonic() - began, 1), "exit_code": proc.returncode}
    if proc.returncode != 0:
        run.errors.append(f"ETL rebuild failed ({proc.returncode}): {err.decode(errors='replace')[-500:]}")
    return outcome


def latency(values: Sequence[float]) -> dict[str, float | int]:
    if not values:
        return {"n": 0}
    return {"n": len(values), **{f"p{q}": round(percentile(values, q), 1) for q in (50, 95, 99)},
            "max": round(max(values), 1)}


def summarise(run: Run, users: int, elapsed: float, rebuilt: dict[str, Any]) -> dict[str, Any]:
    """One step: throughput, latency and errors, per action too, and whether it held."""
    times = [s.ms for s in run.samples]
    actions = sorted({s.action for s in run.samples})
    overall = latency(times)
    held = bool(not run.errors and times and overall["p95"] < TARGET_P95_MS
                and rebuilt.get("exit_code") == 0)
    return {
        "users": users,
        "duration_s": round(elapsed, 1),
        "requests": len(times),
        "requests_per_s": round(len(times) / elapsed, 1) if elapsed else 0.0,
        "latency_ms": overall,
        "server_ms": latency([s.server_ms for s in run.samples if s.server_ms is not None]),
        "errors": len(run.errors),
        "error_samples": run.errors[:20],
        "retried_after_reset": len(run.resets),
        "reset_samples": run.resets[:20],
        "by_action": {a: latency([s.ms for s in run.samples if s.action == a]) for a in actions},
        "rebuild": rebuilt,
        "held": held,
        "load_average_1m_at_end": round(os.getloadavg()[0], 2),
    }


async def _step(url: str, users: int, settings: Settings, db: Path, make_user: Callable[..., Any],
                seed: int) -> dict[str, Any]:
    """One step: `users` users for the step's duration, with the mid-step rebuild."""
    run = Run(started=time.monotonic())
    stop = asyncio.Event()
    connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=KEEPALIVE_S)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        client = Client(session, url, run)
        master = random.Random(seed)
        tasks = [asyncio.create_task(user_loop(make_user(client, random.Random(master.random())), settings,
                                               stop)) for _ in range(users)]
        rebuilding = asyncio.create_task(rebuild(settings, db, run, stop))
        await asyncio.sleep(settings.duration_s)
        stop.set()
        await asyncio.gather(*tasks)
        rebuilt = await rebuilding
    return summarise(run, users, time.monotonic() - run.started, rebuilt)


def user_factory(probe: DashClient, label: str) -> Callable[[Client, random.Random], User | BaselineUser]:
    """How to make one user of this app, from what the served app offers."""
    deps = probe.get_json("/_dash-dependencies")
    if label == "app":
        codes = [f"{int(c):02d}" for c in read_reference("provinces")["province_code"]]
        regions = [str(c) for c in read_reference("regions")["region_code"]]
        years = _years(probe)
        return lambda client, rng: User(client, deps, codes, regions, years, rng)
    props = component_props(probe.get_json("/_dash-layout"))
    base_years = [int(o) for o in props["baseline-year"]["options"]]
    base_regions = [str(o) for o in props["baseline-region"]["options"]]
    return lambda client, rng: BaselineUser(client, deps, base_years, base_regions, rng)


def log(message: str) -> None:
    """Progress on stderr."""
    print(f"[loadtest] {message}", file=sys.stderr, flush=True)


def step_app(target: str, settings: Settings, folder: Path, label: str) -> dict[str, Any]:
    """Every step against one app (a fresh server per step), stopping at the first step not held."""
    steps: list[dict[str, Any]] = []
    for users in settings.steps:
        db = served_copy(settings, folder)
        with Served(target, db, workers=settings.workers, threads=settings.threads) as server:
            probe = DashClient(server.url)
            make = user_factory(probe, label)
            probe.close()
            log(f"{label}: {users} users for {settings.duration_s:g} s")
            step = asyncio.run(_step(server.url, users, settings, db, make, settings.seed + users))
        log(f"{label}: {users} users: {step['errors']} errors, p95 {step['latency_ms'].get('p95')} ms -> "
            f"{'held' if step['held'] else 'not held'}")
        steps.append(step)
        if not step["held"]:
            break
    return {"steps": steps, "capacity_users": max((s["users"] for s in steps if s["held"]), default=0)}


def _years(client: DashClient) -> list[int]:
    """The fiscal years the overview offers (users pick among them, the latest most)."""
    reply = client.call(page_payload("/"))
    props = component_props(reply.json())
    years = [int(o["value"]) for o in props["year-filter"]["options"]]
    return sorted(years, reverse=True) or [2566]


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


def load_test(settings: Settings) -> dict[str, Any]:
    """The app's steps, then the baseline's; the capacities and their ratio."""
    with tempfile.TemporaryDirectory(prefix="sdg-loadtest-") as tmp:
        app = step_app("app:server", settings, Path(tmp), "app")
        baseline = (step_app("bench.baseline_app:server", settings, Path(tmp), "baseline")
                    if settings.baseline else {"steps": [], "capacity_users": None})
    capacity, base = app["capacity_users"], baseline["capacity_users"]
    ratio = round(capacity / base, 1) if base else None
    return {
        "run_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "method": "asyncio users on one aiohttp session (keep-alive connections), on the same machine as "
                  "the server; a fresh server and database copy per step; ETL rebuild mid-step; stepping "
                  "stops at the first step not held",
        "steps_planned": list(settings.steps),
        "duration_s": settings.duration_s,
        "think_time_s": [settings.think_min_s, settings.think_max_s],
        "server": {"gunicorn_workers": settings.workers, "threads_per_worker": settings.threads},
        "capacity_users": capacity,
        "baseline_capacity_users": base,
        "capacity_ratio": ratio,
        "steps": app["steps"],
        "baseline_steps": baseline["steps"],
        "target": {"p95_ms": TARGET_P95_MS, "errors": 0, "capacity_users": TARGET_USERS,
                   "capacity_ratio": TARGET_RATIO},
        "target_met": bool(capacity >= TARGET_USERS and (base == 0 or (ratio or 0) >= TARGET_RATIO)),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_1m_at_end": round(os.getloadavg()[0], 2)},
    }


def report(result: dict[str, Any]) -> str:
    """The console table."""
    lines = [f"{'app':<9}{'users':>6}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}{'errors':>8}  held"]
    for label, steps in (("app", result["steps"]), ("baseline", result["baseline_steps"])):
        for s in steps:
            lat = s["latency_ms"]
            lines.append(f"{label:<9}{s['users']:>6}{s['requests_per_s']:>8}{lat.get('p50', 0):>8}"
                         f"{lat.get('p95', 0):>8}{lat.get('p99', 0):>8}{s['errors']:>8}  {s['held']}")
    lines += ["", f"capacity_users {result['capacity_users']}, baseline_capacity_users "
                  f"{result['baseline_capacity_users']}, ratio {result['capacity_ratio']}",
              f"target (400 users, >= 5x the baseline): {'met' if result['target_met'] else 'NOT met'}"]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    d = Settings()
    p = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=lambda s: tuple(int(x) for x in s.split(",")), default=d.steps,
                   help="users per step, comma-separated (default 50,100,200,400)")
    p.add_argument("--duration", type=float, default=d.duration_s, help="seconds per step")
    p.add_argument("--rebuild-at", type=float, default=d.rebuild_at_s, help="seconds into each step")
    p.add_argument("--think-min", type=float, default=d.think_min_s)
    p.add_argument("--think-max", type=float, default=d.think_max_s)
    p.add_argument("--workers", type=int, default=d.workers, help="gunicorn workers, as `make run`")
    p.add_argument("--db", type=Path, default=d.db, help="database to copy and serve")
    p.add_argument("--source", type=Path, default=d.source, help="ETL source for the mid-step rebuild")
    p.add_argument("--no-baseline", action="store_true", help="skip the tutorial baseline's steps")
    p.add_argument("--out", type=Path, default=RESULTS)
    p.add_argument("--no-readme", action="store_true", help="do not touch README.md")
    p.add_argument("--readme-only", action="store_true",
                   help="no run: rewrite the README's load-test line from the --out json")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the steps, print, write the JSON and the README line; exit 1 when the target is missed."""
    args = _parser().parse_args(argv)
    if args.readme_only:
        result = json.loads(args.out.read_text(encoding="utf-8"))
        print(f"{README.name}: {'updated' if update_readme_loadtest(README, result) else 'already current'}")
        return 0
    settings = Settings(steps=args.steps, duration_s=args.duration, rebuild_at_s=args.rebuild_at,
                        think_min_s=args.think_min, think_max_s=args.think_max, workers=args.workers,
                        db=args.db, source=args.source, baseline=not args.no_baseline)
    result = load_test(settings)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report(result))
    print(f"written {args.out}")
    if not args.no_readme and update_readme_loadtest(README, result):
        print(f"updated the load-test line of {README.name}")
    return 0 if result["target_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
