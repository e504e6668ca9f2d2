"""Time the outlet comparison: PolNeAR dev (84 articles, 7 publishers) and a large synthetic table.

Usage::

    .venv/bin/python benchmarks/bench_compare.py [--polnear ../shared/data/polnear_dev.jsonl]
        [--n-boot 2000] [--articles 5000]

1. PolNeAR dev: ``framing.analyze`` on the JSON-lines file with ``publisher`` as
   the outlet, then :func:`framing.compare.compare` (tone from the sentences
   table, or VADER when the sentiment scorer is not wired yet; shared copy;
   story elements), timing each stage, and the tone table as printed.
2. Scale of the statistics alone: :func:`framing.compare.outlet_estimates` on a
   synthetic sentence table of ``--articles`` articles x 25 sentences over 10
   outlets, and :func:`outlet_estimates_from_summaries` on the same data as
   per-article sums (the streaming path), with ``--n-boot`` resamples.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

from framing.analyze import analyze
from framing.compare import (
    article_summaries,
    compare,
    outlet_estimates,
    outlet_estimates_from_summaries,
)
from framing.corpus import load_corpus

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", default=str(ROOT.parent / "shared" / "data" / "polnear_dev.jsonl"))
    ap.add_argument("--n-boot", type=int, default=2000)
    ap.add_argument("--articles", type=int, default=5000)
    args = ap.parse_args()

    t0 = time.perf_counter()
    corpus = load_corpus(args.polnear, columns={"outlet": "publisher"})
    t1 = time.perf_counter()
    analysis = analyze(corpus)
    t2 = time.perf_counter()
    tables = compare(analysis, n_boot=args.n_boot, reuse=False, elements=False)
    t3 = time.perf_counter()
    from framing.reuse import build_index, containment_pairs, republication, shared_passages

    ix = build_index(analysis.docs)
    sp = shared_passages(ix)
    containment_pairs(ix)
    republication(ix)
    t4 = time.perf_counter()
    from framing.elements import story_elements

    se = story_elements(analysis.docs)
    t5 = time.perf_counter()
    n_sent = len(analysis.sentences)
    print(f"PolNeAR dev: {len(analysis.docs)} articles, {n_sent} sentences, "
          f"{analysis.articles['outlet'].nunique()} outlets, n_boot={args.n_boot}")
    print(f"  load            {t1 - t0:7.2f} s")
    print(f"  analyze         {t2 - t1:7.2f} s")
    print(f"  outlet tables   {t3 - t2:7.2f} s   ({', '.join(k for k in tables if k not in ('notes',))})")
    print(f"  shared copy     {t4 - t3:7.2f} s   ({len(sp)} shared passages)")
    print(f"  story elements  {t5 - t4:7.2f} s   ({len(se.elements)} elements, "
          f"{int((se.elements.n_outlets > 1).sum())} told by 2+ outlets, {len(se.omissions)} omissions)")
    print(f"  compare total   {t5 - t2:7.2f} s (after analyze)")
    cols = ["outlet", "estimate", "ci_low", "ci_high", "n_sentences", "n_articles", "diff_from_rest",
            "diff_ci_low", "diff_ci_high", "p_value", "perm_level"]
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(tables["tone"][cols].to_string(index=False))
    for msg in tables["notes"]["message"]:
        print("  note:", msg)

    rng = np.random.default_rng(0)
    k, per = args.articles, 25
    outlets = np.repeat(np.arange(k) % 10, per)
    arts = np.repeat(np.arange(k), per)
    tone = np.clip(0.05 * (outlets == 3) + rng.normal(0, 0.1, k)[arts] + rng.normal(0, 0.4, k * per), -1, 1)
    df = pd.DataFrame({"outlet": outlets.astype(str), "article_id": arts.astype(str), "tone": tone})
    t0 = time.perf_counter()
    est = outlet_estimates(df, "tone", n_boot=args.n_boot)
    t1 = time.perf_counter()
    summ = article_summaries(df, "tone")
    t2 = time.perf_counter()
    est2 = outlet_estimates_from_summaries(summ, n_boot=args.n_boot)
    t3 = time.perf_counter()
    print(f"synthetic: {k} articles x {per} sentences, 10 outlets, n_boot={args.n_boot}")
    print(f"  outlet_estimates (exact within-article stage when it fits)  {t1 - t0:6.2f} s")
    print(f"  article_summaries                                           {t2 - t1:6.2f} s")
    print(f"  outlet_estimates_from_summaries (streaming path)            {t3 - t2:6.2f} s")
    o3 = est.set_index("outlet").loc["3"]
    o3s = est2.set_index("outlet").loc["3"]
    print(f"  planted +0.05 for outlet 3: diff {o3['diff_from_rest']:.4f} "
          f"[{o3['diff_ci_low']:.4f}, {o3['diff_ci_high']:.4f}] p={o3['p_value']:.4f}; "
          f"from summaries [{o3s['diff_ci_low']:.4f}, {o3s['diff_ci_high']:.4f}] p={o3s['p_value']:.4f}")


if __name__ == "__main__":
    main()
