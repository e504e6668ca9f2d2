"""Options and helpers shared by the subcommands (corpus arguments, skip reporting)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable

from framing.corpus import Corpus, Skipped, load_corpus

_COLUMN_FIELDS = ("text", "id", "outlet", "title", "date", "url")


def add_corpus_args(parser: argparse.ArgumentParser, *, optional: bool = True) -> None:
    """Add the CORPUS argument and the loading options."""
    if optional:
        parser.add_argument("corpus", nargs="?", default=None, metavar="CORPUS",
                            help="folder of .txt/.md/.html files or a table (.csv/.jsonl/.parquet); "
                                 "default: the bundled seeds")
    else:
        parser.add_argument("corpus", metavar="CORPUS",
                            help="folder of .txt/.md/.html files or a table (.csv/.jsonl/.parquet)")
    g = parser.add_argument_group("loading")
    for f in _COLUMN_FIELDS:
        g.add_argument(f"--{f}-column", dest=f"{f}_column", metavar="NAME", help=f"table column holding the {f}")
    g.add_argument("--manifest", metavar="CSV", help="manifest CSV for a folder (default: sources.csv in it)")
    g.add_argument("--no-manifest", action="store_true", help="ignore any manifest in the folder")
    g.add_argument("--recursive", action="store_true", help="read sub-folders too")
    g.add_argument("--keep-duplicates", action="store_true", help="score exact duplicates instead of skipping them")
    g.add_argument("--strict", action="store_true", help="exit with status 1 if any input is skipped")


def columns_from_args(args: argparse.Namespace) -> dict[str, str]:
    return {f: getattr(args, f"{f}_column") for f in _COLUMN_FIELDS if getattr(args, f"{f}_column", None)}


def corpus_from_args(args: argparse.Namespace) -> Corpus:
    """Load the corpus named on the command line."""
    manifest = False if args.no_manifest else args.manifest
    return load_corpus(
        args.corpus,
        columns=columns_from_args(args),
        manifest=manifest,
        recursive=args.recursive,
        drop_duplicates=not args.keep_duplicates,
    )


def report_skipped(skipped: Iterable[Skipped], *, strict: bool, command: str) -> int:
    """List skipped inputs on stderr; return 1 under ``--strict`` if any, else 0."""
    skipped = list(skipped)
    for s in skipped:
        print(f"framing {command}: skipped {s.source}: {s.reason}", file=sys.stderr)
    if skipped and strict:
        print(f"framing {command}: {len(skipped)} input(s) skipped and --strict is set", file=sys.stderr)
        return 1
    return 0
