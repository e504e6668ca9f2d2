"""Speed of :func:`framing.clean.clean` and agreement with a saved snapshot.

Runs ``clean()`` on the five seeds, the 84 PolNeAR dev articles and the 280
articles of the PolNeAR train sample (369 texts), each with and without the
known title, plus a few variants that move lines across regions (lines
reversed) and edge cases (empty, blank, one long line, CRLF). It prints the
CPU time per article on PolNeAR dev (best of several runs, ``time.process_time``)
and, when given a snapshot, how many results (cleaned text, offset map, removed
list, metadata) are identical to it.

Usage::

    python benchmarks/bench_clean.py --save /tmp/clean_before.pkl   # record
    python benchmarks/bench_clean.py --check /tmp/clean_before.pkl  # compare
    python benchmarks/bench_clean.py --segment   # also time make_doc / segment
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"


def _texts() -> list[tuple[str, str, str | None]]:
    """(key, text, title) of every input of the snapshot."""
    from framing.corpus import load_corpus

    out: list[tuple[str, str, str | None]] = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        out.append((f"seed/{p.name}", p.read_text(encoding="utf-8"), None))
    for a in load_corpus(ROOT / "seeds"):
        out.append((f"seedcorpus/{a.id}", a.text, a.title))
    for name in ("polnear_dev.jsonl", "polnear_train_sample.jsonl"):
        for a in load_corpus(DATA / name):
            out.append((f"{name}/{a.id}", a.text, None))
            if a.title:
                out.append((f"{name}/{a.id}/title", a.text, a.title))
    base = [x for x in out if x[2] is None]
    for key, text, _ in base:
        out.append((key + "/reversed", "\n".join(reversed(text.split("\n"))), None))
        out.append((key + "/crlf", text.replace("\n", "\r\n"), None))
    out += [
        ("edge/empty", "", None),
        ("edge/blank", " \n\n \t\n", None),
        ("edge/long", "word " * 20_000, None),
        ("edge/long_title", "Big News Today\n\n" + "word " * 5000 + ".", "Big news today"),
    ]
    return out


def _result(res) -> tuple:
    return (
        res.text,
        res.offset_map.blocks,
        [(r.start, r.end, r.rule, r.text) for r in res.removed],
        repr(sorted(res.meta.items())),
    )


def snapshot() -> dict[str, tuple]:
    from framing.clean import clean

    return {key: _result(clean(text, title=title)) for key, text, title in _texts()}


def time_per_article(fn, items, repeat: int = 7) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        for x in items:
            fn(x)
        best = min(best, time.process_time() - t)
    return best / len(items) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--save", type=Path, help="write the snapshot here")
    ap.add_argument("--check", type=Path, help="compare with this snapshot")
    ap.add_argument("--segment", action="store_true", help="also time make_doc and segment")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    from framing.analyze import make_doc
    from framing.clean import clean
    from framing.corpus import load_corpus
    from framing.segment import segment

    dev = list(load_corpus(DATA / "polnear_dev.jsonl"))
    texts = [a.text for a in dev]
    words = sum(len(t.split()) for t in texts) / len(texts)
    for t in texts:  # warm up caches
        clean(t)
    ms = time_per_article(clean, texts, args.repeat)
    print(f"clean: {ms:.3f} ms/article CPU (PolNeAR dev, {len(texts)} articles, {words:.0f} words avg, best of {args.repeat})")
    if args.segment:
        cleaned = [clean(t) for t in texts]
        ms_seg = time_per_article(lambda r: segment(r.text, offset_map=r.offset_map), cleaned, args.repeat)
        ms_doc = time_per_article(make_doc, dev, args.repeat)
        print(f"segment: {ms_seg:.3f} ms/article CPU; make_doc (clean + segment + meta): {ms_doc:.3f} ms/article CPU")

    if args.save or args.check:
        snap = snapshot()
        if args.save:
            args.save.write_bytes(pickle.dumps(snap))
            print(f"snapshot: saved {len(snap)} results to {args.save}")
        if args.check:
            ref = pickle.loads(args.check.read_bytes())
            same = sum(1 for k in ref if snap.get(k) == ref[k])
            diff = [k for k in ref if snap.get(k) != ref[k]]
            print(f"snapshot: {same}/{len(ref)} results identical to {args.check}")
            for k in diff[:10]:
                print(f"  differs: {k}")
            if diff or set(snap) != set(ref):
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
