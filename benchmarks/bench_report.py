"""Benchmark ``framing report`` on the seeds and on the 84 PolNeAR dev articles.

Runs the CLI as a subprocess (as a user would) into temporary folders and
prints the time of every stage as the CLI prints it, then the wall-clock time
against the targets of issue 7: seeds < 90 s, PolNeAR dev (84 articles) < 3 min,
on this 2-core machine.

Usage: ``python benchmarks/bench_report.py [DATA_DIR]`` (default
``../shared/data`` beside the repository).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRAMING = Path(sys.executable).with_name("framing")


def run(label: str, corpus: Path | None, target: float, out_root: Path) -> bool:
    out = out_root / label
    cmd = [str(FRAMING) if FRAMING.exists() else sys.executable, *([] if FRAMING.exists() else ["-m", "framing.cli"]),
           "report", *([str(corpus)] if corpus else []), "--out", str(out), "--no-progress"]
    print(f"== {label}: {' '.join(cmd[1:])}", flush=True)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    for line in proc.stderr.splitlines():
        if line.startswith("framing report:") or "error" in line.lower():
            print("  " + line)
    ok = proc.returncode == 0 and wall < target
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) if out.exists() else 0
    print(f"  exit status {proc.returncode}; wall clock {wall:.1f} s (target < {target:.0f} s): "
          f"{'met' if ok else 'NOT met'}; report size {size / 1e6:.2f} MB", flush=True)
    return ok


def main(argv: list[str]) -> int:
    data = Path(argv[0]) if argv else ROOT.parent / "shared" / "data"
    polnear = data / "polnear_dev.jsonl"
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        ok = run("seeds", None, 90.0, Path(tmp))
        if polnear.is_file():
            ok &= run("polnear_dev", polnear, 180.0, Path(tmp))
        else:
            print(f"== polnear_dev: {polnear} not found, skipped")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
