"""``framing compare [CORPUS] --out DIR``: outlet tables with intervals, shared copy, omissions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing import config
from framing.commands._common import add_corpus_args, corpus_from_args, report_skipped
from framing.errors import InputError

#: Columns of the outlet tables echoed on stdout (all columns go to the CSV files).
SUMMARY_COLUMNS = ["outlet", "genre", "estimate", "ci_low", "ci_high", "n_sentences", "n_articles",
                   "diff_from_rest", "diff_ci_low", "diff_ci_high", "p_value"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help="compare outlets: estimates with intervals, shared copy, story elements, omissions",
        description="Analyse a corpus and write one CSV per table into DIR: tone, each theme and "
                    "each voice group per outlet (estimate, bootstrap interval, difference from the "
                    "rest, permutation p-value, small-sample warnings), headline vs body, shared "
                    "passages, containment, republication, story elements, coverage, omissions.",
    )
    add_corpus_args(p)
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the CSV tables")
    p.add_argument("--stat", choices=["mean", "article_mean"], default="mean",
                   help="pool sentences (mean) or average article means (article_mean)")
    p.add_argument("--by-genre", action="store_true", help="compare news and opinion separately")
    p.add_argument("--n-boot", type=int, default=config.N_BOOTSTRAP, metavar="N",
                   help=f"bootstrap resamples and permutations (default {config.N_BOOTSTRAP})")
    p.add_argument("--confidence", type=float, default=config.CONFIDENCE, metavar="LEVEL",
                   help=f"interval level (default {config.CONFIDENCE})")
    p.add_argument("--seed", type=int, default=config.RANDOM_STATE, help="random seed")
    p.add_argument("--element-threshold", type=float, default=0.22, metavar="SIM",
                   help="similarity at which clauses tell the same story element (default 0.22)")
    p.add_argument("--no-elements", action="store_true", help="skip story elements and omissions")
    p.add_argument("--no-reuse", action="store_true", help="skip shared-copy detection")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from framing._io import write_table
    from framing.analyze import analyze
    from framing.compare import compare

    if args.n_boot < 1:
        raise InputError(f"--n-boot {args.n_boot}: need at least 1 resample")
    corpus = corpus_from_args(args)
    analysis = analyze(corpus)
    tables = compare(
        analysis, stat=args.stat, by_genre=args.by_genre, n_boot=args.n_boot,
        confidence=args.confidence, random_state=args.seed, reuse=not args.no_reuse,
        elements=not args.no_elements, element_threshold=args.element_threshold,
    )
    out = Path(args.out)
    for name, df in tables.items():
        write_table(df, out / f"{name}.csv")
    print(f"framing compare: wrote {len(tables)} tables to {out}", file=sys.stderr)
    for msg in tables["notes"]["message"]:
        print(f"framing compare: note: {msg}", file=sys.stderr)
    import pandas as pd

    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.max_colwidth", 40):
        print(tables["tone"][SUMMARY_COLUMNS].to_string(index=False))
    return report_skipped(list(corpus.skipped) + list_skipped(analysis), strict=args.strict, command="compare")


def list_skipped(analysis) -> list:
    """Articles skipped during analysis (after loading), as ``Skipped`` records."""
    from framing.corpus import Skipped

    sk = getattr(analysis, "skipped", None)
    if sk is None or sk.empty:
        return []
    return [Skipped(s, r) for s, r in zip(sk["source"], sk["reason"])]
