"""Benchmark: quote extraction on PolNeAR dev (Newell, Margolin & Ruths, LREC 2018).

Runs ``framing quotes`` (the CLI, as a subprocess) over
``../shared/data/polnear_dev.jsonl`` and the train sample
``../shared/data/polnear_train_sample.jsonl`` (printed too, so that tuning to
dev that does not carry over to train shows), scores the predictions with the
reference scorer ``../shared/tools/score_quotes.py`` (also a subprocess; its
output is printed as is), overall and per publisher, and times
:func:`framing.extract_quotes` per article given a ``Doc`` (CPU time, best of
several runs), on the dev articles and on the same articles cut to ~600 words.

Usage::

    .venv/bin/python benchmarks/bench_quotes.py [--gold FILE] [--attributions all|speech]

Targets on dev: direct-quote F1 >= 0.90, speaker accuracy >= 0.85,
all-attributions F1 >= 0.55. Tune on train/dev only; the test split is held out.
"""

from __future__ import annotations

import argparse
import dataclasses
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
TRAIN_SAMPLE = SHARED / "data" / "polnear_train_sample.jsonl"


def _framing_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("framing")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "framing.cli"]


def score(gold: Path, pred: Path) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred)], capture_output=True,
                         text=True, check=True)
    sys.stdout.write(out.stdout)
    return json.loads(out.stdout)


def run_split(gold: Path, attributions: str, tmpd: Path) -> dict:
    """Run the CLI over one gold file and print the scorer's output, overall and per publisher."""
    articles = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    pred = tmpd / f"pred_{gold.stem}.jsonl"
    t0 = time.perf_counter()
    cmd = _framing_cmd() + ["quotes", str(gold), "--out", str(pred), "--attributions", attributions]
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    print(f"# framing quotes on {gold.name}: {len(articles)} articles, CLI wall time {wall:.2f} s "
          f"(--attributions {attributions})")
    print("# overall")
    res = score(gold, pred)
    by_pub: dict[str, list[dict]] = {}
    for a in articles:
        by_pub.setdefault(a.get("publisher", "unknown"), []).append(a)
    for pub in sorted(by_pub):
        g = tmpd / f"gold_{gold.stem}_{pub}.jsonl"
        g.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in by_pub[pub]), encoding="utf-8")
        print(f"# {pub}")
        score(g, pred)
    return res


def _cpu_best(docs: list, attributions: str, repeats: int) -> float:
    """Best CPU time of extract_quotes over ``docs``; fresh Doc copies each run, so that
    actor mentions cached for a Doc (framing.actors) are matched again and counted."""
    from framing.quotes import extract_quotes

    best = float("inf")
    for _ in range(repeats):
        fresh = [dataclasses.replace(d) for d in docs]
        t0 = time.process_time()
        for d in fresh:
            extract_quotes(d, attributions=attributions)
        best = min(best, time.process_time() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--train", type=Path, default=TRAIN_SAMPLE,
                    help="also score this file (the train sample) so that overfitting to dev shows; "
                         "'-' to skip")
    ap.add_argument("--attributions", choices=("speech", "all"), default="all")
    ap.add_argument("--repeats", type=int, default=5, help="timing runs (the best CPU time is kept)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        print(f"## dev: {args.gold}")
        res = run_split(args.gold, args.attributions, tmpd)
        if str(args.train) != "-" and args.train.exists():
            print(f"## train sample: {args.train}")
            run_split(args.train, args.attributions, tmpd)

    # speed of extract_quotes alone (segmentation excluded), CPU time, best of several runs
    from framing.quotes import extract_quotes
    from framing.segment import segment

    articles = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [segment(a["text"], doc_id=a["id"]) for a in articles]
    # 600-word articles: each dev article cut at the paragraph where it passes 600 words
    short = []
    for d in docs:
        cut = len(d.text)
        for p in d.paragraphs:
            if len(d.text[: p.end].split()) >= 600:
                cut = p.end
                break
        short.append(segment(d.text[:cut], doc_id=d.id))
    extract_quotes(docs[0])  # load lexicons once
    for label, ds in (("dev articles", docs), ("dev articles cut to ~600 words", short)):
        words = sum(d.n_words for d in ds)
        for attr in ("speech", "all"):
            best = _cpu_best(ds, attr, args.repeats)
            per = best / len(ds)
            print(f"# extract_quotes ({label}, attributions={attr!r}): {per * 1000:.2f} ms per article "
                  f"({words / len(ds):.0f} words on average), {per * 1000 * 600 / (words / len(ds)):.2f} ms "
                  f"per 600 words, {len(ds) / best:.0f} articles/s on one core (CPU time, best of {args.repeats})")
    # reference on the same machine, same moment: plain VADER (Hutto & Gilbert 2014) over the
    # sentences of the same ~600-word articles ("quote finding must not cost more than sentiment")
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:  # pragma: no cover - vaderSentiment is a dependency
        SentimentIntensityAnalyzer = None
    if SentimentIntensityAnalyzer is not None:
        sia = SentimentIntensityAnalyzer()
        words = sum(d.n_words for d in short)
        best_v = float("inf")
        for _ in range(args.repeats):
            t0 = time.process_time()
            for d in short:
                for sent in d.sentences:
                    sia.polarity_scores(d.text[sent.start : sent.end])
            best_v = min(best_v, time.process_time() - t0)
        best_q = _cpu_best(short, "speech", args.repeats)
        per_v = best_v / len(short) * 1000 * 600 / (words / len(short))
        per_q = best_q / len(short) * 1000 * 600 / (words / len(short))
        print(f"# plain VADER on the sentences of the same ~600-word articles: {per_v:.2f} ms per 600 words; "
              f"extract_quotes (speech) in the same run: {per_q:.2f} ms per 600 words = {per_q / per_v:.2f}x VADER")
    t = res
    ok = (t["direct"]["f1"] >= 0.90, t["speaker_accuracy"] >= 0.85, t["all"]["f1"] >= 0.55)
    print(f"# targets on dev: direct F1 >= 0.90 {'met' if ok[0] else 'NOT met'}; speaker accuracy >= 0.85 "
          f"{'met' if ok[1] else 'NOT met'}; all-attributions F1 >= 0.55 {'met' if ok[2] else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
