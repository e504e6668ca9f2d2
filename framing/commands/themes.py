"""``framing themes CORPUS``: theme emphasis per article, distinctive terms, lexicon help.

Writes one row per article x theme (hits, hits per 1,000 words, sentence
share, prominence, first mention, share of hits) to ``--out`` (``.csv``,
``.jsonl``, ``.parquet``) or CSV on stdout; ``--hits`` writes the evidence
(every hit with offsets); ``--distinctive`` writes the distinctive-terms
table (Monroe et al. 2008); ``--suggest THEME`` prints candidate terms for a
theme from the corpus.
"""

from __future__ import annotations

import argparse
import sys

from framing._io import write_table
from framing.commands._common import add_corpus_args, corpus_from_args, report_skipped
from framing.errors import FramingError, InputError
from framing.resources import LexiconError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "themes",
        help="theme emphasis per article (security, energy, ...), distinctive terms, lexicon help",
        description="Score every article for the themes of the packaged lexicons (and your own "
                    "with --lexicon): hits, hits per 1,000 words, share of sentences, prominence "
                    "(headline and lead weighted), first mention, share of all theme hits.",
    )
    add_corpus_args(p)
    g = p.add_argument_group("themes")
    g.add_argument("--lexicon", action="append", metavar="FILE", default=None,
                   help="a theme TOML file adding or changing themes (repeatable)")
    g.add_argument("--replace-lexicon", action="store_true",
                   help="use only the --lexicon files, not the packaged themes")
    g.add_argument("--weights", metavar="H,L,B", default=None,
                   help="prominence weights of headline, lead and body (default 3,2,1)")
    g.add_argument("--out", metavar="FILE",
                   help="per article x theme scores (.csv, .jsonl, .parquet); default: CSV on stdout")
    g.add_argument("--hits", metavar="FILE", help="every theme hit with its offsets (the evidence)")
    g.add_argument("--distinctive", metavar="FILE",
                   help="write distinctive terms per outlet (weighted log-odds, Monroe et al. 2008)")
    g.add_argument("--pair", nargs=2, metavar=("A", "B"),
                   help="with --distinctive: compare outlets A and B directly")
    g.add_argument("--top", type=int, default=None, metavar="N",
                   help="with --distinctive: keep the N most distinctive terms per outlet and n-gram")
    g.add_argument("--suggest", metavar="THEME",
                   help="print candidate terms that co-occur with THEME's terms (G2 ranking)")
    g.add_argument("--min-count", type=int, default=3, metavar="N",
                   help="with --suggest: minimum number of theme sentences a candidate occurs in (default 3)")
    p.set_defaults(func=run)


def _weights(spec: str | None) -> dict[str, float] | None:
    if spec is None:
        return None
    try:
        h, lead, b = (float(x) for x in spec.split(","))
    except ValueError:
        raise InputError(f"--weights must be three numbers H,L,B (e.g. 3,2,1), got {spec!r}") from None
    return {"headline": h, "lead": lead, "body": b}


_TABLE_EXTENSIONS = (".csv", ".jsonl", ".ndjson", ".parquet")


def run(args: argparse.Namespace) -> int:
    from framing.analyze import prepare
    from framing.score.distinctive import distinctive_terms
    from framing.score.emphasis import hits_frame, load_themes, suggest_terms, theme_scores

    try:
        lexicon = load_themes(args.lexicon, replace=args.replace_lexicon)
    except LexiconError as exc:
        raise FramingError(str(exc)) from None
    weights = _weights(args.weights)
    for opt in ("out", "hits", "distinctive"):
        path = getattr(args, opt)
        if path and not str(path).lower().endswith(_TABLE_EXTENSIONS):
            raise InputError(f"--{opt} {path}: the file name must end in one of {', '.join(_TABLE_EXTENSIONS)}")
    if args.pair and not args.distinctive:
        raise InputError("--pair A B needs --distinctive FILE")
    corpus = corpus_from_args(args)
    docs, _results, skipped = prepare(corpus)
    all_skipped = list(corpus.skipped) + skipped
    if not docs:
        raise FramingError(f"no articles to score in {corpus.source}")
    try:
        if args.suggest:
            sug = suggest_terms(docs, args.suggest, lexicon=lexicon, min_count=args.min_count)
            if sug.empty:
                print(f"framing themes: no suggestions for {args.suggest!r}", file=sys.stderr)
            else:
                view = sug.drop(columns="examples").assign(example=[e[0] for e in sug["examples"]])
                import pandas as pd

                with pd.option_context("display.width", 200, "display.max_colwidth", 90,
                                       "display.max_rows", 500):
                    print(view.to_string(index=False))
        if args.distinctive:
            table = distinctive_terms(docs, pair=tuple(args.pair) if args.pair else None, top=args.top)
            write_table(table, args.distinctive)
        if args.hits:
            write_table(hits_frame(docs, lexicon), args.hits)
        if args.out or not args.suggest:
            scores = theme_scores(docs, lexicon, weights=weights)
            if args.out:
                write_table(scores, args.out)
            else:
                scores.to_csv(sys.stdout, index=False, lineterminator="\n")
    except ValueError as exc:  # e.g. an unsupported output extension
        if isinstance(exc, FramingError):
            raise
        raise FramingError(str(exc)) from None
    return report_skipped(all_skipped, strict=args.strict, command="themes")
