"""Error analysis for quote extraction on PolNeAR (train sample or dev).

Lists, per publisher, the direct-quote false positives and false negatives and
the speaker misses (matched direct quotes whose predicted speaker the reference
scorer rejects), each with its context, using the matching rules of
``../shared/tools/score_quotes.py`` (imported, not copied).

Usage::

    .venv/bin/python benchmarks/analyse_quotes.py [--gold FILE] [--publisher P]
        [--show fp,fn,speaker] [--limit N] [--summary]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))


def _scorer():
    spec = importlib.util.spec_from_file_location("score_quotes", SHARED / "tools" / "score_quotes.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def _ctx(text: str, s: int, e: int, width: int = 90) -> str:
    a, b = max(0, s - width), min(len(text), e + width)
    return (text[a:s] + "[[" + text[s:e] + "]]" + text[e:b]).replace("\n", " | ")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=SHARED / "data" / "polnear_train_sample.jsonl")
    ap.add_argument("--publisher", default=None)
    ap.add_argument("--show", default="fp,fn,speaker")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--summary", action="store_true", help="counts only")
    args = ap.parse_args()
    sq = _scorer()
    from framing.quotes import extract_quotes
    from framing.segment import segment

    show = set(args.show.split(","))
    counts: Counter[tuple[str, str]] = Counter()
    shown: Counter[str] = Counter()
    for line in args.gold.read_text(encoding="utf-8").splitlines():
        art = json.loads(line)
        pub = art["publisher"]
        if args.publisher and pub != args.publisher:
            continue
        text = art["text"]
        qs = [q.to_dict() for q in extract_quotes(segment(text, doc_id=art["id"]), attributions="all")]
        pset = [(sq.chars(q["content_spans"]), q) for q in qs if q["kind"] not in sq.NOT_SPEECH]
        pdirect = [x for x in pset if x[1]["kind"] in sq.DIRECT]
        gdirect = []
        for g in art["quotes"]:
            if g["quote_type"] in ("direct", "mixed"):
                parts = sq.quoted_parts(text, g["content_fragments"])
                if parts:
                    gdirect.append((sq.chars(parts), g, parts))
        m = sq.match([(c, g) for c, g, _ in gdirect], pdirect)
        mg = {gi for gi, _ in m}
        mp = {pi for _, pi in m}
        out = []
        for pi, (_c, q) in enumerate(pdirect):
            key = f"{q['kind']}/{q['cue_class']}"
            counts[("by_kind", key + (" tp" if pi in mp else " fp"))] += 1
        gall = [sq.chars(g["content_fragments"]) for g in art["quotes"] if g["quote_type"] != "indirect"]
        for pi, (pc, q) in enumerate(pdirect):
            if pi not in mp:
                counts[(pub, "fp")] += 1
                # inside a gold direct/mixed attribution whose quoted parts the scorer does not
                # see whole (multi-sentence quotes are split into per-sentence BRAT fragments)
                if any(len(pc & g) >= 0.5 * len(pc) for g in gall):
                    counts[(pub, "fp_in_gold_attr")] += 1
                if "fp" in show:
                    s, e = q["content_span"]
                    out.append(f"FP {q['kind']} spk={q['speaker']!r} cue={q['cue']!r}: {_ctx(text, s, e)}")
        for gi, (_c, g, parts) in enumerate(gdirect):
            if gi not in mg:
                counts[(pub, "fn")] += 1
                if "fn" in show:
                    s, e = parts[0][0], parts[-1][1]
                    near = [q for q in qs if q["content_span"][0] < e and s < q["content_span"][1]]
                    near_s = "; ".join(f"{q['kind']}{q['content_spans']}" for q in near)
                    out.append(f"FN {g['quote_type']} gold_spk={g['speaker']!r} parts={parts} pred~[{near_s}]: "
                               f"{_ctx(text, s, e)}")
        for gi, pi in m:
            g = gdirect[gi][1]
            q = pdirect[pi][1]
            if not sq.is_name(g.get("speaker")):
                continue
            ok = False
            if q.get("speaker_span") and g.get("speaker_span"):
                a, b = q["speaker_span"]
                c, d = g["speaker_span"]
                ok = a < d and c < b
            if not ok and q.get("speaker"):
                ok = q["speaker"].split()[-1].lower().strip(".,") in g["speaker"].lower()
            counts[(pub, "spk_n")] += 1
            if not ok:
                counts[(pub, "spk_miss")] += 1
                if "speaker" in show:
                    s, e = q["content_span"]
                    out.append(f"SPK gold={g['speaker']!r} pred={q['speaker']!r} ({q['cue_class']}, cue={q['cue']!r}): "
                               f"{_ctx(text, s, e, 150)}")
        if not args.summary:
            for o in out:
                if shown[pub] < args.limit:
                    print(f"[{pub} {art['id']}] {o}\n")
                    shown[pub] += 1
    kinds = sorted({k.rsplit(" ", 1)[0] for p, k in counts if p == "by_kind"})
    for k in kinds:
        print(f"# {k}: tp {counts[('by_kind', k + ' tp')]} fp {counts[('by_kind', k + ' fp')]}")
    pubs = sorted({p for p, _ in counts if p != "by_kind"})
    for p in pubs:
        print(f"# {p}: fp {counts[(p, 'fp')]} (inside a gold quote {counts[(p, 'fp_in_gold_attr')]}) fn {counts[(p, 'fn')]} speaker misses "
              f"{counts[(p, 'spk_miss')]}/{counts[(p, 'spk_n')]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
