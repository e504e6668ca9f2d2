"""``framing corpus [PATH]``: what was read, cleaned and flagged, article by article."""

from __future__ import annotations

import argparse
import json
import sys

from framing.analyze import article_row, prepare
from framing.commands._common import add_corpus_args, corpus_from_args, report_skipped

COLUMNS = ["article_id", "outlet", "genre", "republished", "foreign_languages", "words_raw", "words",
           "lines_removed", "n_sentences"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("corpus", help="summarise a corpus: articles, genre, language flags, cleaning",
                       description="Load, clean and segment a corpus and print one line per article "
                                   "(id, outlet, genre, language flags, words before/after cleaning, "
                                   "lines removed).")
    add_corpus_args(p)
    p.add_argument("--json", action="store_true", help="print JSON for machines")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    corpus = corpus_from_args(args)
    docs, results, skipped = prepare(corpus)
    rows = [article_row(d, r) for d, r in zip(docs, results)]
    all_skipped = list(corpus.skipped) + skipped
    if args.json:
        out = {
            "source": corpus.source,
            "read": corpus.n_read,
            "loaded": len(rows),
            "skipped": [{"source": s.source, "reason": s.reason} for s in all_skipped],
            "duplicates": corpus.duplicates.to_dict("records"),
            "articles": rows,
        }
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1, default=str)
        sys.stdout.write("\n")
    else:
        import pandas as pd

        df = pd.DataFrame(rows, columns=list(rows[0]) if rows else COLUMNS)
        with pd.option_context("display.max_rows", 500, "display.width", 200, "display.max_colwidth", 40):
            print(df[COLUMNS].to_string(index=False) if not df.empty else "(no articles)")
        print(f"\nread {corpus.n_read}: loaded {len(rows)}, skipped {len(all_skipped)}")
    return report_skipped(all_skipped, strict=args.strict, command="corpus")
