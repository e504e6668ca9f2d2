"""``framing report [CORPUS] [--out reports/]``: notebooks, HTML and PDF report, tables, evidence view."""

from __future__ import annotations

import argparse
import logging
import sys

from framing import config


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report", help="render the report of a corpus: HTML, PDF, figures, tables, evidence view",
        description="Analyse a corpus, execute the notebooks with papermill and render a self-contained "
                    "HTML report, its PDF, every figure (SVG and PNG), every table (CSV) and an evidence "
                    "view of each article. The folder is replaced atomically at the end; an interrupted "
                    "run leaves the previous report intact. Prints the time of every stage on stderr.")
    p.add_argument("corpus", nargs="?", default=None, metavar="CORPUS",
                   help="folder of .txt/.md/.html files or a table (.csv/.jsonl/.parquet); "
                        "default: the bundled seeds")
    p.add_argument("--out", default=None, metavar="DIR",
                   help=f"report folder (default: {config.REPORTS_DIR.name}/ of the checkout)")
    p.add_argument("--lexicon", metavar="TOML", help="extra theme lexicon file")
    p.add_argument("--actors", metavar="TOML", help="actors file extending the packaged one")
    p.add_argument("--boilerplate", metavar="TOML", help="extra boilerplate rules")
    p.add_argument("--notebooks", metavar="DIR", help="folder of the notebooks (default: notebooks/)")
    p.add_argument("--no-pdf", action="store_true", help="skip the PDF")
    p.add_argument("--jobs", type=int, default=None, metavar="N", help="notebooks run at once (default: 2)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from framing.report import build_report

    if args.jobs is not None and args.jobs < 1:
        print("framing report: error: --jobs must be at least 1", file=sys.stderr)
        return 2
    res = build_report(
        args.corpus, args.out, lexicon=args.lexicon, actors=args.actors, boilerplate=args.boilerplate,
        notebooks=args.notebooks, pdf=not args.no_pdf, jobs=args.jobs,
        progress=not args.no_progress and not args.quiet,
    )
    if not args.quiet or logging.getLogger("framing").level <= logging.INFO:
        for name, dt in res.timings.items():
            print(f"framing report: {name:<30} {dt:7.2f} s", file=sys.stderr)
        print(f"framing report: {'total (wall clock)':<30} {res.wall:7.2f} s", file=sys.stderr)
        extra = f", PDF {res.pdf_pages} pages" if res.pdf_pages else ""
        print(f"framing report: wrote {len(res.files)} files to {res.out_dir}{extra}", file=sys.stderr)
    return 0
