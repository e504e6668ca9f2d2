"""Benchmark: quote extraction on PolNeAR dev (Newell, Margolin & Ruths, LREC 2018).

Runs ``framing quotes`` (the CLI, as a subprocess) over
``../shared/data/polnear_dev.jsonl``, scores the predictions with the
reference scorer ``../shared/tools/score_quotes.py`` (also a subprocess; its
output is printed as is), overall and per publisher, and times
:func:`framing.extract_quotes` per article.

Usage::

    .venv/bin/python benchmarks/bench_quotes.py [--gold FILE] [--attributions all|speech]

Targets on dev: direct-quote F1 >= 0.90, speaker accuracy >= 0.85,
all-attributions F1 >= 0.55. Tune on train/dev only; the test split is held out.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))
SCORER = SHARED / "tools" / "score_quotes.py"
DEFAULT_GOLD = SHARED / "data" / "polnear_dev.jsonl"


def _framing_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("framing")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "framing.cli"]


def score(gold: Path, pred: Path) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred)], capture_output=True,
                         text=True, check=True)
    sys.stdout.write(out.stdout)
    return json.loads(out.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--attributions", choices=("speech", "all"), default="all")
    args = ap.parse_args()

    articles = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        pred = tmpd / "pred.jsonl"
        t0 = time.perf_counter()
        cmd = _framing_cmd() + ["quotes", str(args.gold), "--out", str(pred), "--attributions", args.attributions]
        subprocess.run(cmd, check=True)
        wall = time.perf_counter() - t0
        print(f"# framing quotes on {args.gold.name}: {len(articles)} articles, CLI wall time {wall:.2f} s "
              f"(--attributions {args.attributions})")
        print("# overall")
        res = score(args.gold, pred)
        by_pub: dict[str, list[dict]] = {}
        for a in articles:
            by_pub.setdefault(a.get("publisher", "unknown"), []).append(a)
        for pub in sorted(by_pub):
            g = tmpd / f"gold_{pub}.jsonl"
            g.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in by_pub[pub]), encoding="utf-8")
            print(f"# {pub}")
            score(g, pred)

    # speed of extract_quotes alone (segmentation excluded), per article
    from framing.quotes import extract_quotes
    from framing.segment import segment

    docs = [segment(a["text"], doc_id=a["id"]) for a in articles]
    extract_quotes(docs[0], attributions=args.attributions)  # load lexicons once
    words = sum(d.n_words for d in docs)
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for d in docs:
            extract_quotes(d, attributions=args.attributions)
        best = min(best, time.perf_counter() - t0)
    per = best / len(docs)
    print(f"# extract_quotes: {per * 1000:.2f} ms per article ({words / len(docs):.0f} words on average), "
          f"{len(docs) / best:.0f} articles/s, {words / best / 1000:.0f}k words/s on one core")
    t = res
    ok = (t["direct"]["f1"] >= 0.90, t["speaker_accuracy"] >= 0.85, t["all"]["f1"] >= 0.55)
    print(f"# targets: direct F1 >= 0.90 {'met' if ok[0] else 'NOT met'}; speaker accuracy >= 0.85 "
          f"{'met' if ok[1] else 'NOT met'}; all-attributions F1 >= 0.55 {'met' if ok[2] else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
