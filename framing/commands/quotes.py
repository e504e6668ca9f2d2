"""``framing quotes INPUT [--out FILE.jsonl]``: quotes and their speakers, article by article.

INPUT is a JSON-lines file of ``{"id", "text"}`` (offsets in the output index
the given text) or a folder of ``.txt`` articles (the raw file text is
segmented as it is; offsets index it). Each output line is
``{"id", "quotes": [{"content", "content_span", "content_spans", "speaker",
"speaker_span", "cue", "kind", "group", "confidence", ...}]}``, the format of
the reference scorer ``score_quotes.py``. Without ``--out`` (or with ``--out
-``) a readable list of each article's voices is printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from framing._io import atomic_write
from framing.config import SEEDS_DIR
from framing.errors import InputError

_MAX_BYTES = 50_000_000


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "quotes",
        help="extract quotes, reported speech and their speakers",
        description="Find direct, partial, block and indirect quotes, media sources, and who is "
        "quoted, in a JSON-lines file of {\"id\", \"text\"} or a folder of .txt articles.",
    )
    p.add_argument("input", nargs="?", default=None, metavar="INPUT",
                   help="a .jsonl file of {\"id\", \"text\"} or a folder of .txt files "
                        "(default: the bundled seeds)")
    p.add_argument("--out", metavar="FILE", default=None,
                   help="write JSON lines here; '-' or omitted: print a readable voice list")
    p.add_argument("--text-column", default="text", metavar="KEY", help="JSONL key of the text (default: text)")
    p.add_argument("--id-column", default="id", metavar="KEY", help="JSONL key of the id (default: id)")
    p.add_argument("--actors", metavar="TOML", help="your actors file (added to the packaged one)")
    p.add_argument("--replace-actors", action="store_true", help="use only your --actors file")
    p.add_argument("--speech-verbs", metavar="TXT", help="your speech-verb file (replaces the packaged one)")
    p.add_argument("--attributions", choices=("speech", "all"), default="speech",
                   help="'all' adds beliefs and intentions (X thinks, X wants): PolNeAR's scope")
    p.add_argument("--strict", action="store_true", help="exit with status 1 if any input is skipped")
    p.set_defaults(func=run)


def _read_jsonl(path: Path, text_key: str, id_key: str, skips: list[str]) -> Iterator[tuple[str, str]]:
    seen: set[str] = set()
    with open(path, encoding="utf-8-sig", errors="strict") as fh:
        lineno = 0
        while True:
            try:
                line = fh.readline()
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: not UTF-8 text after line {lineno} ({exc.reason})") from None
            if not line:
                break
            lineno += 1
            if not line.strip():
                continue
            where = f"{path}, line {lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                skips.append(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                skips.append(f"{where}: not a JSON object")
                continue
            text = obj.get(text_key)
            if not isinstance(text, str):
                skips.append(f"{where}: no string {text_key!r} field (use --text-column)")
                continue
            aid = obj.get(id_key, f"line{lineno}")
            if aid is None or isinstance(aid, (dict, list)):
                skips.append(f"{where}: bad {id_key!r} field {aid!r}")
                continue
            aid = str(aid)
            if aid in seen:
                skips.append(f"{where}: duplicate id {aid!r}")
                continue
            seen.add(aid)
            yield aid, text


def _read_folder(path: Path, skips: list[str]) -> Iterator[tuple[str, str]]:
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".txt", ".md"))
    if not files:
        raise InputError(f"{path}: no .txt or .md files in the folder")
    for f in files:
        try:
            if f.stat().st_size > _MAX_BYTES:
                skips.append(f"{f}: larger than {_MAX_BYTES // 1_000_000} MB")
                continue
            raw = f.read_bytes()
        except OSError as exc:
            skips.append(f"{f}: cannot read ({exc.strerror})")
            continue
        if b"\x00" in raw[:4096]:
            skips.append(f"{f}: binary file")
            continue
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                from charset_normalizer import from_bytes

                best = from_bytes(raw).best()
                text = str(best) if best is not None else None
            except Exception:  # pragma: no cover - charset-normalizer failure
                text = None
            if text is None:
                skips.append(f"{f}: cannot decode the text")
                continue
        if not text.strip():
            skips.append(f"{f}: empty")
            continue
        yield f.stem, text


def _iter_input(args: argparse.Namespace, skips: list[str]) -> Iterator[tuple[str, str]]:
    path = Path(args.input) if args.input else SEEDS_DIR
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir():
        yield from _read_folder(path, skips)
    elif path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        yield from _read_jsonl(path, args.text_column, args.id_column, skips)
    elif path.suffix.lower() in (".txt", ".md"):
        yield path.stem, path.read_text(encoding="utf-8-sig", errors="replace")
    else:
        raise InputError(f"{path}: expected a .jsonl file or a folder of .txt files")


_OUT_KEYS = (
    "content", "content_span", "content_spans", "speaker", "speaker_span", "speaker_name", "actor",
    "speaker_kind", "speaker_title", "group", "cue", "cue_span", "cue_class", "kind", "media",
    "confidence",
)


def _record(q) -> dict:
    d = q.to_dict()
    return {k: d[k] for k in _OUT_KEYS}


def _print_voices(aid: str, quotes: list, out) -> None:
    voices = [q for q in quotes if q.is_voice]
    media = [q for q in quotes if q.media]
    other = [q for q in quotes if q.kind in ("scare", "title")]
    print(f"== {aid}: {len(voices)} voice record(s), {len(media)} media source(s), "
          f"{len(other)} quoted string(s) that are not speech", file=out)
    for q in voices:
        who = q.speaker_name or (f"{q.speaker} (unresolved)" if q.speaker else "(no speaker)")
        content = q.content if len(q.content) <= 110 else q.content[:107] + "..."
        print(f"  {q.kind:<12} {who:<28} [{q.group}] {q.cue or '':<12} {content}", file=out)
    for q in media:
        print(f"  {'source':<12} {q.speaker_name or q.speaker:<28} [media] {q.cue or ''}", file=out)
    for q in other:
        print(f"  {q.kind:<12} {q.content}", file=out)


def run(args: argparse.Namespace) -> int:
    from framing.actors import load_actors
    from framing.quotes import extract_quotes
    from framing.segment import segment

    actors = load_actors(args.actors, extend=not args.replace_actors) if args.actors else load_actors()
    skips: list[str] = []
    n = 0

    def results() -> Iterator[tuple[str, list]]:
        nonlocal n
        for aid, text in _iter_input(args, skips):
            try:
                doc = segment(text, doc_id=aid)
                quotes = extract_quotes(
                    doc, actors=actors, speech_verbs=args.speech_verbs, attributions=args.attributions
                )
            except (ValueError, TypeError) as exc:
                skips.append(f"{aid}: {exc}")
                continue
            n += 1
            yield aid, quotes

    if args.out and args.out != "-":
        with atomic_write(args.out, "w") as fh:
            for aid, quotes in results():
                fh.write(json.dumps({"id": aid, "quotes": [_record(q) for q in quotes]}, ensure_ascii=False))
                fh.write("\n")
        print(f"framing quotes: wrote {n} article(s) to {args.out}", file=sys.stderr)
    else:
        for aid, quotes in results():
            _print_voices(aid, quotes, sys.stdout)
    for s in skips:
        print(f"framing quotes: skipped {s}", file=sys.stderr)
    if skips and args.strict:
        print(f"framing quotes: {len(skips)} input(s) skipped and --strict is set", file=sys.stderr)
        return 1
    return 0
