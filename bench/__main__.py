"""`python -m bench` (`make bench`): every performance figure the project has a target for, in one run.

ETL time and memory (bundled sample, 1,000,000 synthetic projects), interaction latency and bytes
against the app served as `make run` serves it (both databases), first loads in headless Chromium,
and the tutorial-style baseline in the same run. Writes bench/results.json, prints the table, and
refreshes the README's performance section.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import duckdb

from bench import interactions as ix
from bench.dash_client import DashClient
from bench.etl_run import etl_build, etl_sample
from bench.first_load import first_loads
from bench.intake_bench import intake_figures
from bench.lighthouse_audit import lighthouse
from bench.report import table, update_readme, write_results
from bench.serve import THREADS, WORKERS, Served
from bench.stats import ratio
from etl.reference import read_reference

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
RAW = ROOT / "data" / "raw"
RESULTS = ROOT / "bench" / "results.json"
README = ROOT / "README.md"
GENERATOR_SOURCES = (
    "etl/sample.py", "etl/sample_common.py", "etl/sample_national.py", "etl/sample_vocab.py", "etl/schema.py",
    "etl/sample_years.py",
)
PACKAGES = ("dash", "plotly", "pandas", "duckdb", "flask-compress", "gunicorn")
_T0 = time.monotonic()


def log(message: str) -> None:
    """Progress on stderr, with the time since the start."""
    print(f"[bench {time.monotonic() - _T0:6.1f}s] {message}", file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--requests", type=int, default=200, help="measured actions per interaction")
    p.add_argument("--open-requests", type=int, default=50,
                   help="measured overview openings, seen and new (a new one builds the whole page)")
    p.add_argument("--warmup", type=int, default=10, help="unmeasured actions before each interaction")
    p.add_argument("--loads", type=int, default=5, help="cold first loads in Chromium per database")
    p.add_argument("--projects", type=int, default=1_000_000, help="size of the national-scale set")
    p.add_argument("--baseline-requests", type=int, default=200,
                   help="measured map-recolour actions on the baseline (each takes about a second)")
    p.add_argument("--baseline-region-requests", type=int, default=100,
                   help="measured region-filter actions on the baseline (fewer, to stay under 10 minutes)")
    p.add_argument("--lighthouse-runs", type=int, default=3,
                   help="Lighthouse runs per page and mode (median reported; 0 skips Lighthouse)")
    p.add_argument("--intake-users", type=int, default=50,
                   help="simulated dashboard users during the intake publish (0 skips the intake figures)")
    p.add_argument("--out", type=Path, default=RESULTS, help="results file")
    p.add_argument("--no-readme", action="store_true", help="do not touch README.md")
    return p


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    from importlib.metadata import version

    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                    if line.startswith("model name")), "")
    import psutil

    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "packages": {name: version(name) for name in PACKAGES},
        "chromium": _chromium_version(),
        "load_before": [round(x, 2) for x in os.getloadavg()],
    }


def _chromium_version() -> str:
    from bench.first_load import CHROMIUM

    try:
        done = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30)
        return done.stdout.strip()
    except OSError:
        return "not found"


def git_commit() -> str:
    """The commit measured, with '+dirty' when tracked files differ from it."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def _generator_stamp(projects: int) -> str:
    digest = hashlib.sha256(str(projects).encode())
    for name in GENERATOR_SOURCES:
        path = ROOT / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def national_inputs(projects: int) -> tuple[Path, dict[str, Any]]:
    """The synthetic inputs, regenerated only when the generator or the size changed."""
    folder = WORK / f"national-{projects}"
    stamp_file = WORK / f"national-{projects}.stamp"
    stamp = _generator_stamp(projects)
    if folder.is_dir() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return folder, {"reused": True}
    shutil.rmtree(folder, ignore_errors=True)
    log(f"generating {projects:,} synthetic projects into {folder.relative_to(ROOT)}")
    figures = etl_sample(folder, projects, WORK / "sample-national.log")
    stamp_file.write_text(stamp)
    return folder, {"reused": False, **asdict(figures)}


def table_counts(db: Path) -> dict[str, int]:
    """Row counts of the main tables, to show what was measured."""
    with duckdb.connect(str(db), read_only=True) as con:
        counts = {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[index]
                  for t in ("projects", "plans", "district_projects")}
        counts["fiscal_years"] = int(con.execute(  # type: ignore[index]
            "SELECT count(DISTINCT fiscal_year) FROM projects").fetchone()[0])
        return counts


def measure_app(url: str, settings: argparse.Namespace, seed: int) -> dict[str, Any]:
    """Every interaction of the real app, on one keep-alive connection."""
    client = DashClient(url)
    try:
        deps = client.get_json("/_dash-dependencies")
        state = ix.overview_state(client)
        codes = [str(c) for c in read_reference("provinces")["province_code"]]
        found: dict[str, Any] = {}
        for interaction, count in (
                (ix.goal_change(deps, state, seed), settings.requests),
                (ix.goal_change(deps, state, seed, repeat=True), settings.requests),
                (ix.region_change(deps, state, seed + 1), settings.requests),
                (ix.province_page(deps, codes, state.years, seed + 2), settings.requests),
                (ix.overview_open(deps, state, seed + 3, seen=True), settings.open_requests),
                (ix.overview_open(deps, state, seed + 4, seen=False), settings.open_requests)):
            log(f"  {interaction.name}: {count} actions")
            found[interaction.name] = ix.measure(client, interaction, count, settings.warmup)
        return found
    finally:
        client.close()


def measure_baseline(url: str, settings: argparse.Namespace, seed: int) -> dict[str, Any]:
    """The tutorial app: the same two filter changes."""
    client = DashClient(url)
    try:
        deps = client.get_json("/_dash-dependencies")
        layout = client.get_json("/_dash-layout")
        from bench.dash_client import component_props

        props = component_props(layout)
        years = [int(o) for o in props["baseline-year"]["options"]]
        regions = [str(o) for o in props["baseline-region"]["options"]]
        found: dict[str, Any] = {}
        for changed, count in (("baseline-goal.value", settings.baseline_requests),
                               ("baseline-region.value", settings.baseline_region_requests)):
            interaction = ix.baseline_change(deps, years, regions, seed, changed)
            log(f"  baseline {interaction.name}: {count} actions")
            found[interaction.name] = ix.measure(client, interaction, count, min(settings.warmup, 3))
        return found
    finally:
        client.close()


def compare(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """Ratios of our figures to the baseline's (how many times fewer bytes, lower latency)."""
    out: dict[str, Any] = {}
    for name in ("map_recolour_goal", "charts_region"):
        a, b = ours.get(name), theirs.get(name)
        if not a or not b:
            continue
        out[name] = {
            "bytes_gzip_x": ratio(a["bytes_gzip"]["median"], b["bytes_gzip"]["median"]),
            "bytes_wire_x": ratio(a["bytes_wire"]["median"], b["bytes_wire"]["median"]),
            "bytes_raw_x": ratio(a["bytes_raw"]["median"], b["bytes_raw"]["median"]),
            "p95_x": ratio(a["latency_ms"]["p95"], b["latency_ms"]["p95"]),
            "median_x": ratio(a["latency_ms"]["median"], b["latency_ms"]["median"]),
            "latency_basis": "client-side, keep-alive loopback, same method for both apps",
        }
    return out


def measure_exports(db: Path) -> dict[str, Any]:
    """bench.export_bench in its own process (it imports the app and starts kaleido's Chromium)."""
    out = WORK / "exports.json"
    out.unlink(missing_ok=True)
    done = subprocess.run([sys.executable, "-m", "bench.export_bench", "--db", str(db), "--runs", "3",
                           "--json", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    if not out.exists():
        return {"error": (done.stdout + done.stderr)[-2000:]}
    return dict(json.loads(out.read_text(encoding="utf-8")))


def fiscal_years(db: Path) -> list[int]:
    """The fiscal years the database holds (the dataset row lists them), to say what was measured."""
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("SELECT fiscal_years FROM dataset").fetchone()
    return sorted(int(y) for y in (row[0] if row else []))


def run(settings: argparse.Namespace) -> dict[str, Any]:
    """The whole benchmark; returns the results."""
    WORK.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "timestamp": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "git_commit": git_commit(),
        "machine": machine(),
        "settings": {k: str(v) if isinstance(v, Path) else v for k, v in vars(settings).items()},
        "method": {
            "serving": f"gunicorn --workers {WORKERS} --threads {THREADS} app:server with SDG_DB, "
                       "as `make run`, loopback",
            "interactions": "POST /_dash-update-component with the renderer's payloads (built from "
                            "/_dash-dependencies), one keep-alive connection, Accept-Encoding: gzip, "
                            "a new filter combination per request unless *_repeat; latency_ms is "
                            "client-side, "
                            "server_timing_ms the app's Server-Timing header",
            "province_page": "router callback for /province/<code> plus the callbacks its content fires",
            "etl": "wall time and peak RSS (wait4 maxrss and psutil tree samples) of python -m etl build",
        },
        "etl": {}, "interactions": {}, "first_load": {}, "baseline": {},
    }
    log("ETL: bundled sample")
    sample_db = WORK / "sample.duckdb"
    results["etl"]["sample"] = {**asdict(etl_build(RAW, sample_db, WORK / "etl-sample.log")),
                                "rows": table_counts(sample_db), "fiscal_years": fiscal_years(sample_db)}
    source, generated = national_inputs(settings.projects)
    results["etl"]["national_generate"] = generated
    log(f"ETL: {settings.projects:,} projects")
    national_db = WORK / f"national-{settings.projects}.duckdb"
    results["etl"]["national"] = {**asdict(etl_build(source, national_db, WORK / "etl-national.log")),
                                  "rows": table_counts(national_db),
                                  "fiscal_years": fiscal_years(national_db)}
    for label in ("sample", "national"):
        years = results["etl"][label]["fiscal_years"]
        log(f"{label}: {results['etl'][label]['rows']['projects']:,} projects over {len(years)} fiscal years "
            f"({years[0]}-{years[-1]})" if years else f"{label}: no fiscal years")

    write_results(settings.out, {**results, "partial": True})  # a run cut short keeps what it measured
    for seed, (label, db) in enumerate((("national", national_db), ("sample", sample_db))):
        log(f"app on the {label} database")
        with Served("app:server", db) as served:
            results["interactions"][label] = measure_app(served.url, settings, 100 * seed + 1)
            if label == "national":  # the page is the same with the sample, only the numbers differ
                log(f"  first load x{settings.loads}")
                results["first_load"][label] = first_loads(served.url + "/", settings.loads)
                write_results(settings.out, {**results, "partial": True})
                if settings.lighthouse_runs:
                    log(f"  Lighthouse x{settings.lighthouse_runs} per page and mode")
                    results["lighthouse"] = lighthouse(served.url, settings.lighthouse_runs)

    write_results(settings.out, {**results, "partial": True})
    if settings.intake_users:
        log(f"intake: 20,000-row upload, publish of {settings.projects:,} projects under "
            f"{settings.intake_users} users")
        results["intake"] = intake_figures(source, national_db, WORK, settings.intake_users)

    write_results(settings.out, {**results, "partial": True})
    log("slide deck export (kaleido)")
    results["exports"] = measure_exports(sample_db)

    write_results(settings.out, {**results, "partial": True})
    log("baseline on the national database")
    with Served("bench.baseline_app:server", national_db) as served:
        results["baseline"]["national"] = measure_baseline(served.url, settings, 7)
    results["vs_baseline"] = compare(results["interactions"]["national"], results["baseline"]["national"])
    results["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    results["total_seconds"] = round(time.monotonic() - _T0, 1)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Run, write, print; exit 0 even when a target is missed (the table says which)."""
    settings = _parser().parse_args(argv)
    results = run(settings)
    write_results(settings.out, results)
    print(table(results))
    print(f"\nresults: {settings.out}  ({results['total_seconds']:.0f} s)")
    if not settings.no_readme and update_readme(README, results):
        print(f"updated the performance section of {README.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
