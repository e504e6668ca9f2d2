"""Benchmark of the emphasis scorer (issue 5): speed on the 84 PolNeAR dev articles
and agreement with the human readings in tests/data/theme_reading_*.toml.

Run: ``.venv/bin/python benchmarks/bench_emphasis.py [--repeat N]``

Prints the time to segment the articles and the time to score their themes
(separately), the theme matching cost per article and per 600 words, and the
agreement of the scorer with the readings (presence per article x theme,
Spearman correlation of the article ranking per theme).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.resources import tomllib  # noqa: E402
from framing.score.emphasis import _scan, load_themes, theme_scores  # noqa: E402
from framing.segment import segment  # noqa: E402

POLNEAR = Path("/work/shared/data/polnear_dev.jsonl")
DATA = ROOT / "tests" / "data"
THEMES = [
    "security", "energy", "human_rights", "russia", "economy_trade", "transport_connectivity",
    "diplomacy_peace", "technology_ai",
]


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def agreement(reading: dict, scores: pd.DataFrame, label: str) -> None:
    ids = list(dict.fromkeys(scores["article_id"]))
    idx = scores.set_index(["article_id", "theme"])
    agree = total = 0
    misses = []
    for art, spec in reading["articles"].items():
        for theme in THEMES:
            present = spec[theme]["present"]
            hits = int(idx.loc[(art, theme), "hits"])
            total += 1
            if present == (hits > 0):
                agree += 1
            else:
                misses.append(f"{art} {theme}: reading {'present' if present else 'absent'}, {hits} hits")
    print(f"{label}: presence agreement {agree}/{total} = {agree / total:.3f}")
    for m in misses:
        print(f"    disagreement: {m}")
    for measure in ("hits_per_1k", "prominence"):
        rhos = {}
        for theme, order in reading["ranking"].items():
            order = [a for a in order if reading["articles"][a][theme]["present"]]
            tied = (len(order) + len(ids) - 1) / 2
            expected = pd.Series({a: -float(order.index(a)) if a in order else -tied for a in ids})
            got = scores[scores["theme"] == theme].set_index("article_id")[measure].reindex(ids)
            rhos[theme] = expected.rank().corr(got.rank())
        mean = sum(rhos.values()) / len(rhos)
        print(f"{label}: Spearman by {measure}: mean {mean:.3f}; "
              + " ".join(f"{t}={r:.2f}" for t, r in rhos.items()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="best of N timings (default 5)")
    args = ap.parse_args()
    if not POLNEAR.exists():
        print(f"missing {POLNEAR}", file=sys.stderr)
        return 1
    records = [json.loads(line) for line in POLNEAR.open(encoding="utf-8")]

    def seg():
        return [segment(r["text"], doc_id=r["id"], meta={"outlet": r["publisher"], "title": r["title"]})
                for r in records]

    t_seg = best_of(seg, args.repeat)
    docs = seg()
    t0 = time.perf_counter()
    for d in docs:
        d.tokens  # noqa: B018  (shared word tokens, computed once per Doc, used by every scorer)
        d.lower  # noqa: B018
    t_tok = time.perf_counter() - t0
    t0 = time.perf_counter()
    lex = load_themes()
    lex.matcher  # noqa: B018
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d in docs:
        _scan(d, lex)
    t_cold = time.perf_counter() - t0
    t_match = best_of(lambda: [_scan(d, lex) for d in docs], args.repeat)
    t_scores = best_of(lambda: theme_scores(docs, lex), args.repeat)
    n = len(docs)
    words = sum(d.n_words for d in docs)
    per600 = 600 / words
    print(f"PolNeAR dev: {n} articles, {words} words ({words / n:.0f} per article)")
    print(f"segmentation (segment(), best of {args.repeat}): {t_seg:.3f} s = {1e3 * t_seg / n:.3f} ms/article")
    print(f"word tokens + lower-case (Doc.tokens, shared): {t_tok:.3f} s = {1e3 * t_tok / n:.3f} ms/article")
    print(f"lexicon load + compile (once): {1e3 * t_load:.1f} ms")
    print(f"theme matching, first pass (cold token cache): {t_cold:.3f} s = {1e3 * t_cold / n:.3f} ms/article")
    print(f"theme matching (find_hits, warm): {t_match:.4f} s = {1e3 * t_match / n:.3f} ms/article"
          f" = {1e3 * t_match * per600:.3f} ms per 600 words")
    print(f"theme scoring (theme_scores: matching + measures + DataFrame): {t_scores:.3f} s"
          f" = {1e3 * t_scores / n:.3f} ms/article = {1e3 * t_scores * per600:.3f} ms per 600 words"
          f" = {n / t_scores:.0f} articles/s")
    print(f"segmentation + theme scoring: {n / (t_seg + t_tok + t_scores):.0f} articles/s on one core")

    seeds_reading = tomllib.loads((DATA / "theme_reading_seeds.toml").read_text(encoding="utf-8"))
    seed_docs = [segment(p.read_text(encoding="utf-8"), doc_id=p.name[:3], meta={"outlet": p.name[:3]})
                 for p in sorted((ROOT / "seeds").glob("*.txt"))]
    agreement(seeds_reading, theme_scores(seed_docs, lex), "seeds (segment() on raw text)")
    try:
        from framing.analyze import prepare
        from framing.corpus import load_corpus

        cleaned, _res, _sk = prepare(load_corpus(ROOT / "seeds"))
        for d in cleaned:
            d.id = d.id[:3]
        agreement(seeds_reading, theme_scores(cleaned, lex), "seeds (load_corpus + clean)")
    except ImportError as exc:  # pragma: no cover - the lead's pipeline is optional here
        print(f"seeds (load_corpus + clean): not available ({exc})")

    pn_reading = tomllib.loads((DATA / "theme_reading_polnear.toml").read_text(encoding="utf-8"))
    pn_docs = [d for d in docs if d.id in pn_reading["articles"]]
    agreement(pn_reading, theme_scores(pn_docs, lex), "PolNeAR 10 read articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
