"""``framing score CORPUS --out FILE``: per-sentence, per-article or per-outlet scores, streamed.

The corpus is read in chunks and scored on every core (or on Dask) with
bounded memory; the output is written chunk by chunk and moved into place at
the end, so an interrupted run leaves no corrupt file and ``--resume``
continues it. See :mod:`framing.stream`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing.commands._common import add_corpus_args, columns_from_args, report_skipped
from framing.errors import FramingError
from framing.stream import FORMATS, LEVELS

#: Skipped items listed on stderr before pointing to the skipped file.
MAX_LISTED = 50


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}")
    return n


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "score",
        help="score a corpus (streamed, parallel, resumable) into a .csv/.jsonl/.parquet file",
        description="Score every article (tone, themes, voices, ...) in chunks on all cores, with "
                    "bounded memory, and write one row per sentence, article or outlet. Without "
                    "--out, print a per-outlet summary table.",
    )
    add_corpus_args(p)
    p.add_argument("--out", metavar="FILE",
                   help="output file: .jsonl, .csv or .parquet (written atomically at the end)")
    p.add_argument("--level", choices=LEVELS, default="article",
                   help="one row per sentence, per article (default) or per outlet and measure "
                        "(estimates with bootstrap intervals)")
    p.add_argument("--jobs", type=_positive, metavar="N", help="worker processes (default: all cores)")
    p.add_argument("--chunksize", type=_positive, default=500, metavar="N",
                   help="records per chunk: unit of work, commit and resume (default: 500)")
    p.add_argument("--resume", action="store_true",
                   help="continue the interrupted run of --out without redoing finished chunks")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local process pool (default) or Dask")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address (default: a LocalCluster on this machine)")
    p.add_argument("--stats", metavar="DIR",
                   help="also write outlet estimates, per-article statistics and distinctive terms "
                        "(CSV) to DIR")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from framing.stream import score_stream

    if args.scheduler and args.engine != "dask":
        print("framing score: error: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    if args.resume and not args.out:
        print("framing score: error: --resume needs --out", file=sys.stderr)
        return 2
    if args.out and Path(args.out).suffix.lower() not in FORMATS:
        print(f"framing score: error: --out {args.out}: use a .jsonl, .csv or .parquet file", file=sys.stderr)
        return 2
    if args.corpus is None:
        from framing.config import SEEDS_DIR

        args.corpus = str(SEEDS_DIR)
    manifest = False if args.no_manifest else args.manifest
    summary = score_stream(
        args.corpus,
        args.out,
        level=args.level,
        jobs=args.jobs,
        chunksize=args.chunksize,
        resume=args.resume,
        engine=args.engine,
        scheduler=args.scheduler,
        progress=not (args.no_progress or getattr(args, "quiet", False)),
        columns=columns_from_args(args),
        manifest=manifest,
        recursive=args.recursive,
        drop_duplicates=not args.keep_duplicates,
        stats_dir=args.stats,
    )
    if summary.n_read == 0:
        raise FramingError(f"{args.corpus}: no articles found")
    if not args.out:
        import pandas as pd

        with pd.option_context("display.max_rows", 500, "display.width", 200,
                               "display.max_columns", 30, "display.float_format", "{:.3f}".format):
            df = summary.outlets
            print(df.to_string(index=False) if not df.empty else "(no articles scored)")
    where = f" -> {summary.out}" if summary.out else ""
    resumed = f" ({summary.n_resumed} of {summary.n_chunks} chunks from the earlier run)" if summary.n_resumed else ""
    print(
        f"framing score: read {summary.n_read}: scored {summary.n_scored}, skipped {summary.n_skipped}; "
        f"{summary.n_rows} {args.level} rows{where}{resumed}; {summary.seconds:.1f} s, "
        f"{summary.articles_per_second:.0f} articles/s on {summary.jobs} "
        f"{'Dask workers' if summary.engine == 'dask' else 'processes'}",
        file=sys.stderr,
    )
    for name, path in summary.stats.items():
        print(f"framing score: {name} -> {path}", file=sys.stderr)
    listed = summary.skipped[:MAX_LISTED]
    status = report_skipped(listed, strict=False, command="score")
    if summary.n_skipped > len(listed):
        print(f"framing score: ... {summary.n_skipped - len(listed)} more skipped; all are listed in "
              f"{summary.skipped_path}", file=sys.stderr)
    elif summary.skipped_path:
        print(f"framing score: skipped items are listed in {summary.skipped_path}", file=sys.stderr)
    if summary.n_skipped and args.strict:
        print(f"framing score: {summary.n_skipped} input(s) skipped and --strict is set", file=sys.stderr)
        return 1
    return status
