"""Sentence-boundary accuracy on the hand-segmented gold set, and segmentation speed.

Usage::

    .venv/bin/python benchmarks/bench_sentences.py [--gold tests/data/sentences_gold.jsonl]
        [--polnear ../shared/data/polnear_dev.jsonl] [--repeat 5]

Gold: ``tests/data/sentences_gold.jsonl`` (seeds + 7 PolNeAR dev articles; the rules were
fixed while looking at its errors) and ``tests/data/sentences_heldout.jsonl`` (4 more
PolNeAR dev articles segmented by hand after the rules were fixed); see
``tests/data/build_sentences_gold.py`` for how both were made.

Accuracy: every gold text is segmented with :func:`framing.segment.segment`;
sentence ends are compared as sets of offsets (trailing white space ignored).
A *missed* boundary is a gold end the splitter did not produce, a *false*
boundary one it produced that the gold does not have. Precision, recall and
F1 are over boundaries. The same counts are printed for nltk's Punkt (untrained
``PunktSentenceTokenizer()``, no data download) and pysbd (if installed); both
get the same paragraphs (non-empty lines) as input, since their own splitting
does not break at line ends.

Speed: :func:`segment` over the PolNeAR dev texts on one core (best of
``--repeat`` runs), in sentences/s, words/s and ms per article.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from framing.segment import WORD_RE, segment

ROOT = Path(__file__).resolve().parent.parent
LINE_RE = re.compile(r"[^\n]+")


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def ends_of(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    """Sentence-end offsets with trailing white space removed (empty spans dropped)."""
    out = set()
    for s, e in spans:
        e = _rstrip_end(text, s, e)
        if text[s:e].strip():
            out.add(e)
    return out


def per_line(split: Callable[[str], Iterable[tuple[int, int]]]) -> Callable[[str], list[tuple[int, int]]]:
    """Run a paragraph splitter on every non-empty line, with absolute offsets."""

    def run(text: str) -> list[tuple[int, int]]:
        spans = []
        for m in LINE_RE.finditer(text):
            line = m.group(0)
            if not line.strip():
                continue
            for s, e in split(line):
                spans.append((m.start() + s, m.start() + e))
        return spans

    return run


def score(name: str, gold: list[dict], splitter: Callable[[str], list[tuple[int, int]]], show: int) -> dict:
    n_gold = missed = false = 0
    examples: list[str] = []
    for row in gold:
        text = row["text"]
        g = ends_of(text, row["sentences"])
        p = ends_of(text, splitter(text))
        n_gold += len(g)
        for kind, offs in (("missed", g - p), ("false", p - g)):
            for o in sorted(offs):
                if len(examples) < show:
                    ctx = text[max(0, o - 45) : o].replace("\n", "⏎") + " ‖ " + text[o : o + 30].replace("\n", "⏎")
                    examples.append(f"    {kind:6s} {row['id'][:28]:28s} {ctx}")
        missed += len(g - p)
        false += len(p - g)
    tp = n_gold - missed
    prec = tp / (tp + false) if tp + false else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    print(
        f"{name:24s} gold sentences {n_gold:4d}  errors {missed + false:3d} "
        f"(missed {missed:3d}, false {false:3d})  P {prec:.4f}  R {rec:.4f}  F1 {f1:.4f}"
    )
    for line in examples:
        print(line)
    return {"n_gold": n_gold, "missed": missed, "false": false, "precision": prec, "recall": rec, "f1": f1}


def _framing_spans(text: str) -> list[tuple[int, int]]:
    doc = segment(text)
    return [(s.start, s.end) for s in doc.sentences]


def _references() -> list[tuple[str, Callable[[str], list[tuple[int, int]]]]]:
    refs = []
    try:
        from nltk.tokenize.punkt import PunktSentenceTokenizer

        punkt = PunktSentenceTokenizer()
        refs.append(("nltk Punkt (untrained)", per_line(lambda t: list(punkt.span_tokenize(t)))))
    except Exception as exc:  # pragma: no cover - reference only
        print(f"nltk Punkt unavailable: {exc}")
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
        refs.append(("pysbd " + getattr(pysbd, "__version__", ""), per_line(lambda t: [(c.start, c.end) for c in seg.segment(t)])))
    except ImportError:
        print("pysbd not installed: skipped")
    return refs


def speed(texts: list[str], repeat: int) -> None:
    n_words = sum(len(WORD_RE.findall(t)) for t in texts)
    best = float("inf")
    n_sent = 0
    for _ in range(repeat):
        t0 = time.process_time()
        n_sent = 0
        for t in texts:
            n_sent += len(segment(t).sentences)
        best = min(best, time.process_time() - t0)
    per_article = best / len(texts)
    print(
        f"speed on {len(texts)} PolNeAR dev articles ({n_words} words, {n_sent} sentences), one core, CPU time, "
        f"best of {repeat}: {n_sent / best:,.0f} sentences/s, {n_words / best:,.0f} words/s, "
        f"{per_article * 1000:.3f} ms/article, {best / n_words * 600 * 1000:.3f} ms per 600 words"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--gold",
        nargs="+",
        default=[
            str(ROOT / "tests" / "data" / "sentences_gold.jsonl"),
            str(ROOT / "tests" / "data" / "sentences_heldout.jsonl"),
        ],
        help="gold files (default: the development gold set and the held-out set)",
    )
    ap.add_argument("--polnear", default=str(ROOT.parent / "shared" / "data" / "polnear_dev.jsonl"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--show", type=int, default=20, help="boundary errors to list per splitter")
    ap.add_argument("--no-refs", action="store_true", help="skip the reference splitters")
    args = ap.parse_args(argv)

    refs = [] if args.no_refs else _references()
    for path in args.gold:
        with open(path, encoding="utf-8") as f:
            gold = [json.loads(line) for line in f if line.strip()]
        print(f"gold: {Path(path).name}: {len(gold)} articles, {sum(len(r['sentences']) for r in gold)} sentences")
        score("framing.segment", gold, _framing_spans, args.show)
        for name, fn in refs:
            score(name, gold, fn, 0)
    polnear = Path(args.polnear)
    if polnear.is_file():
        with polnear.open(encoding="utf-8") as f:
            texts = [json.loads(line)["text"] for line in f if line.strip()]
        speed(texts, args.repeat)
    else:
        print(f"speed skipped: {polnear} not found")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
