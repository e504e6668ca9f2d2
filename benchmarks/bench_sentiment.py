"""Benchmark ``framing sentiment --targets`` on the NewsMTSC dev sets.

Runs the CLI as a subprocess on ``newsmtsc_dev_rw.jsonl`` and
``newsmtsc_dev_mt.jsonl`` (default folder ``../shared/data`` beside the
repository), scores its output against the gold polarity and prints accuracy
and 3-class macro-F1 for each, the model file size, and the time to score
1,000 targets on one core (in process, model already loaded, one thread).

Targets (issue 4): macro-F1 >= 0.65 on both dev sets, model < 20 MB,
1,000 targets < 1 s. Usage: ``python benchmarks/bench_sentiment.py [DATA_DIR]``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def macro_f1(gold: list[int], pred: list[int]) -> float:
    f1s = []
    for c in (-1, 0, 1):
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / 3


def framing_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("framing")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "framing.cli"]


def main() -> int:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    from framing.resources import package_file
    from framing.score.targeted import MODEL_FILE, load_target_model

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("rw", "mt"):
            src = data / f"newsmtsc_dev_{name}.jsonl"
            gold_rows = [json.loads(x) for x in src.read_text(encoding="utf-8").splitlines() if x.strip()]
            inp = Path(tmp) / f"{name}.jsonl"
            inp.write_text("".join(json.dumps({"id": i, "sentence": r["sentence"],
                                               "target_span": r["target_span"]}) + "\n"
                                   for i, r in enumerate(gold_rows)), encoding="utf-8")
            out = Path(tmp) / f"{name}.out.jsonl"
            t = time.perf_counter()
            proc = subprocess.run(framing_cmd() + ["sentiment", "--targets", str(inp), "--out", str(out), "--strict"],
                                  capture_output=True, text=True)
            wall = time.perf_counter() - t
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return 1
            pred_by_id = {d["id"]: d["polarity"] for d in map(json.loads, out.read_text().splitlines())}
            gold = [r["polarity"] for r in gold_rows]
            pred = [pred_by_id[i] for i in range(len(gold_rows))]
            acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
            f1 = macro_f1(gold, pred)
            results.append(f1)
            print(f"dev_{name}: n={len(gold)}  accuracy {acc:.3f}  macro-F1 {f1:.3f}  "
                  f"(CLI wall time {wall:.2f} s incl. start-up and model load)")

    size = len(package_file("models", MODEL_FILE).read_bytes())
    print(f"model file: framing/models/{MODEL_FILE}  {size / 1e6:.2f} MB")

    t = time.perf_counter()
    model = load_target_model()
    load_s = time.perf_counter() - t
    rows = [json.loads(x) for x in (data / "newsmtsc_dev_mt.jsonl").read_text().splitlines() if x.strip()]
    rows += [json.loads(x) for x in (data / "newsmtsc_dev_rw.jsonl").read_text().splitlines() if x.strip()]
    items = [(r["sentence"], *r["target_span"]) for r in (rows * 3)[:1000]]
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        model.predict(items)
        best = min(best, time.perf_counter() - t)
    print(f"1,000 targets on one core: {best:.3f} s (best of 3; model load {load_s:.2f} s, once)")
    ok = all(f >= 0.65 for f in results) and size < 20e6 and best < 1.0
    print("targets (macro-F1 >= 0.65 on both, < 20 MB, < 1 s per 1,000):", "MET" if ok else "NOT MET")
    return 0


if __name__ == "__main__":
    sys.exit(main())
