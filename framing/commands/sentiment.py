"""``framing sentiment``: tone toward targets, or sentence / article / actor tone of a corpus.

Two modes:

* ``framing sentiment --targets INPUT.jsonl --out FILE.jsonl``: INPUT lines are
  ``{"id", "sentence", "target_span": [s, e]}``; each output line is
  ``{"id", "polarity": -1|0|1, "p_negative", "p_neutral", "p_positive",
  "vader_compound", "non_english"}`` (the target-dependent model; the VADER
  compound of the whole sentence is the fallback score, given for reference).
  Bad lines are listed on stderr with their line number and reason and the
  others are still scored; ``--strict`` turns any skip into exit status 1.
* ``framing sentiment [CORPUS] --out FILE`` (``.csv``, ``.jsonl``, ``.parquet``):
  the tone table of the corpus at ``--level sentence|article|actor|mention``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from framing.commands._common import add_corpus_args, corpus_from_args, report_skipped
from framing.errors import InputError

LEVELS = ("sentence", "article", "actor", "mention")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sentiment",
        help="tone toward targets (--targets), or sentence/article/actor tone of a corpus",
        description="With --targets: score the sentiment toward each target of a JSON-lines file "
        'of {"id", "sentence", "target_span": [start, end]} with the target-dependent model '
        "(NewsMTSC-trained). Otherwise: write the tone table of CORPUS (VADER per sentence, "
        "article aggregates with bootstrap intervals, tone toward actors).",
    )
    add_corpus_args(p)
    p.add_argument("--targets", metavar="INPUT.jsonl", help="JSON lines of targets to score")
    p.add_argument("--out", required=True, metavar="FILE",
                   help="output: .jsonl for --targets; .csv/.jsonl/.parquet for a corpus; '-' for stdout")
    p.add_argument("--model", metavar="PATH", help="a target model file (default: the shipped one)")
    p.add_argument("--level", choices=LEVELS, default="article", help="corpus table to write (default article)")
    p.add_argument("--lexicon", choices=("vader", "afinn"), default="vader",
                   help="sentence lexicon for corpus tone (default vader)")
    p.add_argument("--pos-threshold", type=float, default=0.05, metavar="X",
                   help="compound >= X is a positive sentence (default 0.05)")
    p.add_argument("--neg-threshold", type=float, default=-0.05, metavar="X",
                   help="compound <= X is a negative sentence (default -0.05)")
    p.add_argument("--n-boot", type=int, default=None, metavar="N", help="bootstrap resamples for intervals")
    p.add_argument("--actors", metavar="TOML", help="an actors file extending the packaged one")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.targets:
        if args.corpus is not None:
            raise InputError("give either --targets INPUT.jsonl or a CORPUS, not both")
        return _run_targets(args)
    return _run_corpus(args)


def _parse_line(line: str) -> tuple[Any, str, tuple[int, int]]:
    from framing.score.targeted import check_span

    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"bad JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(rec, dict):
        raise InputError(f"expected a JSON object, got {type(rec).__name__}")
    missing = [k for k in ("id", "sentence", "target_span") if k not in rec]
    if missing:
        raise InputError("missing key(s) " + ", ".join(repr(k) for k in missing))
    s, e = check_span(rec["sentence"], rec["target_span"])
    return rec["id"], rec["sentence"], (s, e)


def _run_targets(args: argparse.Namespace) -> int:
    from framing._io import atomic_write
    from framing.score.targeted import load_target_model

    src = Path(args.targets)
    if not src.is_file():
        raise InputError(f"--targets {src}: file not found")
    model = load_target_model(args.model)
    skipped: list[str] = []
    out_lines: list[str] = []
    n_non_en = 0
    try:
        fh = src.open(encoding="utf-8-sig")
        lines = fh.read().split("\n")
        fh.close()
    except UnicodeDecodeError as exc:
        raise InputError(f"--targets {src}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    good: list[tuple[int, Any, str, tuple[int, int]]] = []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            tid, sentence, span = _parse_line(line)
        except InputError as exc:
            skipped.append(f"{src}: line {lineno}: {exc}")
            continue
        good.append((lineno, tid, sentence, span))
    preds = model.predict_many([(sentence, [span]) for _, _, sentence, span in good])
    for (lineno, tid, _, _), (pred,) in zip(good, preds):
        if pred.non_english:
            n_non_en += 1
            print(f"framing sentiment: warning: {src}: line {lineno}: sentence looks non-English; "
                  "scored neutral", file=sys.stderr)
        out_lines.append(json.dumps({
            "id": tid,
            "polarity": pred.polarity,
            "p_negative": pred.p_negative,
            "p_neutral": pred.p_neutral,
            "p_positive": pred.p_positive,
            "vader_compound": pred.vader,
            "non_english": pred.non_english,
        }, ensure_ascii=False))
    text = "".join(x + "\n" for x in out_lines)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with atomic_write(args.out, "w") as out:
            out.write(text)
    for msg in skipped:
        print(f"framing sentiment: skipped {msg}", file=sys.stderr)
    print(f"framing sentiment: scored {len(out_lines)} target(s), skipped {len(skipped)}"
          + (f", {n_non_en} non-English" if n_non_en else ""), file=sys.stderr)
    if skipped and args.strict:
        print(f"framing sentiment: {len(skipped)} line(s) skipped and --strict is set", file=sys.stderr)
        return 1
    return 0


def _run_corpus(args: argparse.Namespace) -> int:
    from framing._io import write_table
    from framing.analyze import make_doc
    from framing.score import sentiment as st

    corpus = corpus_from_args(args)
    docs = [make_doc(a)[0] for a in corpus]
    kw = {"lexicon": args.lexicon, "pos_threshold": args.pos_threshold, "neg_threshold": args.neg_threshold}
    if args.level == "sentence":
        df = st.sentence_tone(docs, **kw)
    elif args.level == "article":
        extra = {} if args.n_boot is None else {"n_boot": args.n_boot}
        df = st.article_tone(docs, **kw, **extra)
    elif args.level == "actor":
        df = st.actor_tone(docs, actors=args.actors)
    else:
        df = st.mention_tone(docs, actors=args.actors)
    if args.out == "-":
        sys.stdout.write(df.to_csv(index=False))
    else:
        write_table(df, args.out)
    return report_skipped(corpus.skipped, strict=args.strict, command="sentiment")
