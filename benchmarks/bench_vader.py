"""Speed and agreement of :mod:`framing.score.vader` against ``vaderSentiment``.

Scores every distinct sentence of NewsMTSC train (real news sentences) with
``vaderSentiment.SentimentIntensityAnalyzer.polarity_scores`` and with
``framing.score.vader.get_vader().polarity_scores`` / ``.scores``; prints the
time per sentence of each (best of 3, one core) and the number of sentences
whose scores differ. Usage: ``python benchmarks/bench_vader.py [DATA_DIR]``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best_of(fn, items, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for x in items:
            fn(x)
        best = min(best, time.perf_counter() - t)
    return best


def main() -> int:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.score.vader import get_vader

    lines = (data / "newsmtsc_train.jsonl").read_text(encoding="utf-8").splitlines()
    sents = list(dict.fromkeys(json.loads(x)["sentence"] for x in lines if x.strip()))
    ref = SentimentIntensityAnalyzer()
    fast = get_vader()
    diff = sum(ref.polarity_scores(s) != fast.polarity_scores(s) for s in sents)
    print(f"{len(sents)} distinct NewsMTSC train sentences; rounded scores differing: {diff}")
    t_ref = best_of(ref.polarity_scores, sents)
    t_fast = best_of(fast.polarity_scores, sents)
    t_raw = best_of(fast.scores, sents)
    n = len(sents)
    print(f"vaderSentiment polarity_scores:        {t_ref / n * 1e6:7.1f} us/sentence")
    print(f"framing vader polarity_scores:         {t_fast / n * 1e6:7.1f} us/sentence  ({t_ref / t_fast:.1f}x faster)")
    print(f"framing vader scores (full precision): {t_raw / n * 1e6:7.1f} us/sentence  ({t_ref / t_raw:.1f}x faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
