"""`python -m bench.export_bench`: how long the default overview slide deck takes to export.

Builds the bundled sample with the real ETL (unless --db names a database), then fetches
`/export/slides.pptx` through the app's own route (Flask test client, same process), first cold
(kaleido starts its Chromium) and then warm (the one kaleido server stays up between exports, as
it does in a gunicorn worker). Also times a province deck and the CSV/XLSX downloads. Target:
the default overview deck under 10 s on this machine. A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 10.0


def build_sample(target: Path) -> Path:
    """The bundled sample built by the real ETL into `target`."""
    result = subprocess.run(
        [sys.executable, "-m", "etl", "build", "--source", str(ROOT / "data" / "raw"), "--db", str(target)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0:
        raise SystemExit(f"ETL build failed:\n{result.stdout}\n{result.stderr}")
    return target


def timed_get(client: Any, url: str) -> tuple[float, int, int]:
    """Seconds, status and body size of one GET."""
    start = time.perf_counter()
    response = client.get(url)
    return time.perf_counter() - start, response.status_code, len(response.data)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the export timings and print them; exit 1 if the warm overview deck misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing database (default: build the sample)")
    parser.add_argument("--runs", type=int, default=5, help="warm runs of the overview deck")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file (for make bench)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        db_file = args.db or build_sample(Path(tmp) / "sdg.duckdb")
        os.environ["SDG_DB"] = str(db_file.resolve())
        import app

        client = app.server.test_client()
        rows: list[tuple[str, float, str]] = []
        cold, status, size = timed_get(client, "/export/slides.pptx")
        assert status == 200, f"overview deck answered {status}"
        rows.append(("overview deck, cold (Chromium starts)", cold, f"{size / 1e6:.2f} MB"))
        warm = [timed_get(client, "/export/slides.pptx")[0] for _ in range(max(args.runs, 1))]
        rows.append((f"overview deck, warm (median of {len(warm)})", statistics.median(warm),
                     f"max {max(warm):.2f} s"))
        for label, url in [("overview deck, English, goal 2", "/export/slides.pptx?goal=2&lang=en"),
                           ("province deck (Chiang Mai)", "/export/slides.pptx?province=50"),
                           ("CSV, all projects", "/export/data.csv"),
                           ("XLSX, all projects", "/export/data.xlsx")]:
            seconds, status, size = timed_get(client, url)
            assert status == 200, f"{url} answered {status}"
            rows.append((label, seconds, f"{size / 1e3:.0f} KB"))

    width = max(len(label) for label, _, _ in rows)
    print(f"{'export':<{width}}  seconds  note")
    for label, seconds, note in rows:
        print(f"{label:<{width}}  {seconds:7.2f}  {note}")
    verdict = "meets" if statistics.median(warm) < TARGET_SECONDS and cold < TARGET_SECONDS else "MISSES"
    if args.json:
        figures = {
            "overview_deck_cold_s": round(cold, 2),
            "overview_deck_warm_median_s": round(statistics.median(warm), 2),
            "rows": [{"export": label, "seconds": round(s, 2), "note": note} for label, s, note in rows],
        }
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(f"target: default overview deck under {TARGET_SECONDS:.0f} s -> {verdict} (cold and warm)")
    return 0 if verdict == "meets" else 1


if __name__ == "__main__":
    raise SystemExit(main())
