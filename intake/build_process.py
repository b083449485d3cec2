"""A publish's build (and its dry run) in a child process at low CPU priority, not in a server worker.

The ETL build is long pandas, DuckDB and Python work. In a thread of the worker it held the
worker's interpreter lock and both CPUs against the requests that worker serves, so dashboard users
waited seconds. The child (`python -m intake.build_process <job.json>`) builds, compares and counts
at low priority, so users' requests run first, and hands back its result as JSON; the
worker only waits. The child dies with the thread that started it (Linux), so a worker killed
mid-publish leaves no build running and frees the publish lock with its own process.
"""
from __future__ import annotations

import ctypes
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

from intake.config import ROOT, Settings

log = logging.getLogger(__name__)
NICENESS = 10  # a tenth of a CPU against a busy request: users first, yet a build never starves
PR_SET_PDEATHSIG = 1
FAILED_EXIT = 3  # the build refused its inputs: the result file says why
CRASHED = "the build process ended unexpectedly ({why}); nothing was published, publish again"


def run(settings: Settings, plan: list[dict[str, Any]], archive: Path, build_id: int | None,
        dry_run: bool = False) -> dict[str, Any]:
    """Run one build in a child and return its result: {"counts", "summary"} (summary as recorded).

    PublishFailed with the ETL's own text when the build refuses the inputs, or a plain sentence when
    the child ended without a result (killed, out of memory); its traceback goes to the server log.
    """
    from intake.publishing import PublishFailed

    settings.work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=settings.work, prefix="job-") as scratch:
        job, out = Path(scratch) / "job.json", Path(scratch) / "result.json"
        job.write_text(json.dumps({
            "intake_dir": str(settings.intake_dir), "base_dir": str(settings.base_dir),
            "published_db": str(settings.published_db), "plan": plan, "archive": str(archive),
            "build_id": build_id, "dry_run": dry_run, "result": str(out), "parent": os.getpid(),
        }), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "intake.build_process", str(job)], cwd=ROOT,
                              stdin=subprocess.DEVNULL, check=False)
        result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {}
    if done.returncode == 0 and "summary" in result:
        return result
    if "error" in result:
        raise PublishFailed(str(result["error"]))
    why = f"signal {-done.returncode}" if done.returncode < 0 else f"exit code {done.returncode}"
    log.error("publish build %s: child ended with %s and no result", build_id, why)
    raise PublishFailed(CRASHED.format(why=why))


def _lowest_priority(parent: int) -> None:
    """Yield the CPU to every request, and end when the thread that started this build ends."""
    os.nice(NICENESS)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent ended before the signal was asked for
            raise SystemExit(1)


def _child(job_file: Path) -> int:
    """Build, compare and count as the job file says; write the result (or the refusal) as JSON."""
    job = json.loads(job_file.read_text(encoding="utf-8"))
    _lowest_priority(int(job["parent"]))
    from etl.changes import compare
    from intake.publish_jobs import set_stage
    from intake.publishing import Plan, PublishFailed, build_from, counts_of, recorded

    settings = Settings(Path(job["intake_dir"]), Path(job["base_dir"]), Path(job["published_db"]))
    archive, build_id = Path(job["archive"]), job["build_id"]
    plan = Plan.from_list(job["plan"])
    result: dict[str, Any]
    code = 0
    try:
        if job["dry_run"]:
            outcome = build_from(settings, plan, settings.published_db, dry_run=True)
            assert outcome.summary is not None
            result = {"counts": {}, "summary": recorded(outcome.summary)}
        else:
            build_from(settings, plan, archive)
            if build_id is not None:
                set_stage(settings, int(build_id), "compare")
            summary = compare(settings.published_db if settings.published_db.exists() else None, archive)
            result = {"counts": counts_of(archive), "summary": recorded(summary)}
    except PublishFailed as exc:
        result, code = {"error": exc.text}, FAILED_EXIT
    except Exception as exc:  # the user reads one line; the traceback goes to the server's log
        traceback.print_exc()
        result, code = {"error": f"{type(exc).__name__}: {exc}"}, FAILED_EXIT
    Path(job["result"]).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return code


if __name__ == "__main__":
    raise SystemExit(_child(Path(sys.argv[1])))
