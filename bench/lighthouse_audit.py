"""Lighthouse (pinned in bench/lighthouse/package.json, installed with `npm ci` when missing) against
Debian's Chromium: performance and accessibility scores and the main metrics, median of 3 runs.

Scores move several points between runs on a shared 2-core machine, so each page and mode runs
three times and the run with the median performance score is reported (its metrics with it). A run
that fails inside Lighthouse (now and then it cannot read its own trace: "NO_NAVSTART") is run again,
at most RETRIES times per page and mode; the failures are reported with the results.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.first_load import CHROMIUM

FOLDER = Path(__file__).resolve().parent / "lighthouse"
BINARY = FOLDER / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
RUNS = 3
RETRIES = 2
TIMEOUT_S = 300
METRICS = {"lcp_ms": "largest-contentful-paint", "tbt_ms": "total-blocking-time",
           "cls": "cumulative-layout-shift", "bytes": "total-byte-weight", "fcp_ms": "first-contentful-paint",
           "tti_ms": "interactive", "speed_index_ms": "speed-index"}


@dataclass(frozen=True)
class Audit:
    """One page in one mode: a name for the results, the path, desktop or mobile emulation."""

    name: str
    path: str
    desktop: bool


AUDITS = (Audit("overview_mobile", "/", False), Audit("overview_desktop", "/", True),
          Audit("province_desktop", "/province/50", True))


def ensure_installed() -> None:
    """`npm ci` in bench/lighthouse when the pinned Lighthouse is not installed yet."""
    if BINARY.exists():
        return
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=FOLDER, check=True, timeout=900,
                   capture_output=True)


def _one_run(url: str, desktop: bool, out: Path) -> dict[str, Any]:
    """One Lighthouse run; its scores (0-100) and metrics."""
    args = [str(BINARY), url, "--output=json", f"--output-path={out}", "--quiet",
            "--only-categories=performance,accessibility", f"--chrome-flags={CHROME_FLAGS}"]
    if desktop:
        args.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    if done.returncode != 0 or not out.exists():
        return {"error": (done.stdout + done.stderr)[-1000:]}
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    result: dict[str, Any] = {
        "performance": _score(report, "performance"),
        "accessibility": _score(report, "accessibility"),
        **{key: _number(audits.get(audit, {})) for key, audit in METRICS.items()},
        "failed_accessibility": sorted(a["id"] for a in audits.values()
                                       if a.get("score") == 0 and a["id"] in _a11y_ids(report)),
        "run_warnings": report.get("runWarnings", []),
    }
    return result


def _score(report: dict[str, Any], category: str) -> float | None:
    score = report.get("categories", {}).get(category, {}).get("score")
    return None if score is None else round(score * 100)


def _number(audit: dict[str, Any]) -> float | None:
    value = audit.get("numericValue")
    if value is None:
        return None
    return round(float(value), 3 if audit.get("id") == "cumulative-layout-shift" else 0)


def _a11y_ids(report: dict[str, Any]) -> set[str]:
    refs = report.get("categories", {}).get("accessibility", {}).get("auditRefs", [])
    return {ref["id"] for ref in refs}


def audit_page(base_url: str, audit: Audit, runs: int = RUNS) -> dict[str, Any]:
    """`runs` runs of one page and mode (a failed run run again, at most RETRIES times); the median
    run by performance score, and every run's scores."""
    good: list[dict[str, Any]] = []
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="sdg-lighthouse-") as tmp:
        for attempt in range(runs + RETRIES):
            if len(good) == runs:
                break
            result = _one_run(base_url + audit.path, audit.desktop, Path(tmp) / f"run-{attempt}.json")
            if "error" in result or result.get("performance") is None:
                failed.append(str(result.get("error", "no performance score"))[-300:])
            else:
                good.append(result)
    if not good:
        return {"path": audit.path, "desktop": audit.desktop, "runs": runs, "errors": failed}
    ordered = sorted(good, key=lambda r: r["performance"])
    median = ordered[(len(ordered) - 1) // 2]
    return {
        "path": audit.path, "desktop": audit.desktop, "runs": runs, "completed": len(good),
        "failed_runs": failed,
        "performance": statistics.median(r["performance"] for r in good),
        "accessibility": statistics.median(r["accessibility"] for r in good),
        **{key: median[key] for key in METRICS},
        "failed_accessibility": median["failed_accessibility"],
        "all_runs": [{"performance": r["performance"], "accessibility": r["accessibility"],
                      "tbt_ms": r["tbt_ms"], "lcp_ms": r["lcp_ms"]} for r in good],
    }


def lighthouse(base_url: str, runs: int = RUNS) -> dict[str, Any]:
    """Every audited page and mode against a served app."""
    try:
        ensure_installed()
    except (OSError, subprocess.SubprocessError) as exc:
        return {"error": f"could not install Lighthouse in {FOLDER}: {exc}"}
    version = json.loads((FOLDER / "node_modules" / "lighthouse" / "package.json").read_text())["version"]
    found: dict[str, Any] = {
        "version": version,
        "method": f"lighthouse {version} against {CHROMIUM} ({CHROME_FLAGS}); mobile = Lighthouse's default "
                  "emulation and simulated throttling, desktop = --preset=desktop; median of "
                  f"{runs} runs (metrics of the run with the median performance score)",
    }
    for audit in AUDITS:
        found[audit.name] = audit_page(base_url, audit, runs)
    return found
