"""Loading a corpus: folders of text/HTML files or one table file, with a manifest.

Every item read is either loaded as an :class:`Article` or listed in
:attr:`Corpus.skipped` with the reason, so ``n_read == len(articles) +
len(skipped)`` always holds. Nothing is dropped silently.

Readers stream: :func:`iter_records` yields one article (or one skip) at a
time and reads table files in chunks, so the scale engine can process
corpora larger than memory; :func:`load_corpus` collects them for the
everyday case.
"""

from __future__ import annotations

import codecs
import copy
import csv
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing._log import get_logger
from framing.config import MANIFEST_NAMES
from framing.errors import InputError

log = get_logger(__name__)

__all__ = [
    "Article",
    "Corpus",
    "Skipped",
    "decode_bytes",
    "iter_records",
    "load_corpus",
    "TEXT_SUFFIXES",
    "TABLE_SUFFIXES",
]

#: File suffixes read as articles from a folder.
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
#: File suffixes read as one table of articles.
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet")

#: Candidate column names for each field of a table, in order of preference.
COLUMN_CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text", "maintext"),
    "id": ("id", "article_id", "doc_id", "uid", "guid"),
    "outlet": ("outlet", "publisher", "source", "site", "sitename", "domain", "media"),
    "title": ("title", "headline", "heading"),
    "date": ("date", "published", "publish_date", "date_publish", "pubdate", "datetime", "time"),
    "url": ("url", "link", "href"),
}

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "zip archive"),
    (b"%PDF", "PDF document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"SQLite format 3", "SQLite database"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


@dataclass
class Article:
    """One article as read, before cleaning.

    Attributes
    ----------
    id : str
        Stable id: the file name without suffix, or the table's id column
        (else ``<file stem>:<row number>``).
    text : str
        The decoded raw text (for HTML, the main text extracted by trafilatura).
    source : str
        Where it came from (``path`` or ``path:row N``).
    outlet, title, date, url, author, language, genre : str or None
        Metadata from the manifest, the table or the HTML page.
    encoding : str or None
        The encoding the bytes were decoded with.
    content_hash : str
        SHA-1 of the text with white space folded and case lowered.
    meta : dict
        Everything else (manifest provenance columns, extra table columns).
    """

    id: str
    text: str
    source: str
    outlet: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    genre: str | None = None
    encoding: str | None = None
    content_hash: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)

    def metadata(self) -> dict[str, Any]:
        """The metadata fields (no text) as one flat dict."""
        # as ``asdict`` without "text" and "meta" (a deep copy of any value that is not a
        # string or None), then the extra metadata
        d = {
            k: v if v is None or type(v) is str else copy.deepcopy(v)
            for k in _ARTICLE_META_FIELDS
            for v in (getattr(self, k),)
        }
        d.update(self.meta)
        return d


#: The fields of :meth:`Article.metadata`, in order.
_ARTICLE_META_FIELDS = tuple(f.name for f in fields(Article) if f.name not in ("text", "meta"))


@dataclass(frozen=True)
class Skipped:
    """An item that was read but not loaded, with the reason."""

    source: str
    reason: str


def content_hash(text: str) -> str:
    """SHA-1 of ``text`` with white space folded and case lowered (exact-duplicate key).

    Computed over 1 MiB pieces, so a very large text costs no more than a
    small multiple of a piece in extra memory.
    """
    h = hashlib.sha1()
    step = 1 << 20
    carry = ""
    sep = b""
    n = len(text)
    for i in range(0, n, step):
        piece = carry + text[i : i + step]
        words = piece.split()
        carry = words.pop() if (i + step < n and words and not piece[-1].isspace()) else ""
        if words:
            h.update(sep + " ".join(words).lower().encode("utf-8"))
            sep = b" "
    if carry:
        h.update(sep + carry.lower().encode("utf-8"))
    return h.hexdigest()


# ---------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------


def sniff_binary(data: bytes) -> str | None:
    """Name the kind of a binary file from its first bytes, or ``None`` for text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes, detecting the encoding rather than guessing blindly.

    Order: byte-order marks (UTF-8/16/32); strict UTF-8; UTF-16 without BOM
    (recognised by its NUL-byte pattern); then charset-normalizer's detection
    (which tells cp1251 from latin-1 and the other legacy encodings by
    language models of the decoded text).

    Returns
    -------
    text : str
    encoding : str

    Raises
    ------
    InputError
        For binary data or bytes no encoding decodes convincingly.
    """
    kind = sniff_binary(data[:16])
    if kind:
        raise InputError(f"binary file ({kind}), not text")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {enc} byte-order mark but does not decode: {exc.reason}") from None
    head = data[:4096]
    if head.count(0) > len(head) // 4:
        even_nuls = head[0::2].count(0)
        odd_nuls = head[1::2].count(0)
        enc = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            raise InputError("binary file (contains NUL bytes), not text") from None
    if 0 in data[:65536]:
        raise InputError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1 << 20]).best()
    if best is None or best.encoding is None:
        raise InputError("cannot decode: no text encoding fits these bytes")
    enc = best.encoding
    try:
        return data.decode(enc), enc
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"cannot decode as detected encoding {enc}: {exc}") from None


# ---------------------------------------------------------------------------
# Manifest
# ---------------------------------------------------------------------------

_MANIFEST_FIELDS = ("outlet", "title", "date", "url", "author", "language", "genre")


def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Read a manifest CSV keyed by its ``file`` column.

    Values ``""`` and ``"unknown"`` mean not established; other columns
    (``*_source`` provenance, notes) are kept as metadata.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "file" not in reader.fieldnames:
                raise InputError(f"manifest {path}: needs a 'file' column, has {reader.fieldnames}")
            rows: dict[str, dict[str, str]] = {}
            for lineno, row in enumerate(reader, start=2):
                name = (row.get("file") or "").strip()
                if not name:
                    log.warning("manifest %s line %d: no file name; row ignored", path, lineno)
                    continue
                if name in rows:
                    log.warning("manifest %s line %d: %s listed twice; the later row wins", path, lineno, name)
                rows[name] = {k: (v or "").strip() for k, v in row.items() if k and k != "file"}
            return rows
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"manifest {path}: cannot read: {exc}") from None


def _known(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    s = str(value).strip()
    return None if not s or s.lower() in ("unknown", "nan", "none", "null") else s


# ---------------------------------------------------------------------------
# Readers
# ---------------------------------------------------------------------------


def _read_text_file(path: Path, *, name: str, max_bytes: int | None) -> Article | Skipped:
    src = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return Skipped(src, f"cannot read: {exc.strerror}")
    if size == 0:
        return Skipped(src, "empty file")
    if max_bytes is not None and size > max_bytes:
        return Skipped(src, f"file of {size:,} bytes is over the limit of {max_bytes:,} (max_bytes)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Skipped(src, f"cannot read: {exc.strerror}")
    try:
        text, enc = decode_bytes(data)
    except InputError as exc:
        return Skipped(src, str(exc))
    del data
    meta: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    if path.suffix.lower() in (".html", ".htm"):
        extracted = _extract_html(text)
        if extracted is None:
            return Skipped(src, "HTML page without extractable main text")
        text, fields = extracted
        meta["format"] = "html"
    if not text.strip():
        return Skipped(src, "only white space")
    return Article(id=name, text=text, source=src, encoding=enc, meta=meta, **fields)


def _extract_html(html: str) -> tuple[str, dict[str, Any]] | None:
    """Main text and metadata of a news page with trafilatura (Barbaresi 2021)."""
    import trafilatura

    out = trafilatura.extract(
        html,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=True,
    )
    if not out:
        return None
    doc = json.loads(out)
    text = doc.get("text") or ""
    title = _known(doc.get("title"))
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    fields = {
        "title": title,
        "author": _known(doc.get("author")),
        "date": _known(doc.get("date")),
        "url": _known(doc.get("url") or doc.get("source")),
        "outlet": _known(doc.get("sitename") or doc.get("hostname")),
    }
    return text, {k: v for k, v in fields.items() if v}


def _iter_folder(
    root: Path, *, manifest: Path | None | bool, recursive: bool, max_bytes: int | None
) -> Iterator[Article | Skipped]:
    pattern = "**/*" if recursive else "*"
    files = sorted(
        p for p in root.glob(pattern) if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
    )
    mpath: Path | None = None
    if manifest is None or manifest is True:
        for n in MANIFEST_NAMES:
            if (root / n).is_file():
                mpath = root / n
                break
    elif manifest is not False:
        mpath = Path(manifest)
    rows = read_manifest(mpath) if mpath else {}
    if mpath:
        listed = set(rows)
        present = {str(p.relative_to(root)) for p in files} | {p.name for p in files}
        for missing in sorted(listed - present):
            log.warning("manifest %s names %s, which is not in %s", mpath, missing, root)
    if not files:
        others = sorted(p.name for p in root.iterdir() if p.is_file()) if root.is_dir() else []
        hint = f" (found: {', '.join(others[:5])})" if others else " (the folder is empty)"
        raise InputError(f"{root}: no articles ({', '.join(TEXT_SUFFIXES)}){hint}")
    seen_ids: dict[str, int] = {}
    for p in files:
        rel = str(p.relative_to(root))
        stem = str(Path(rel).with_suffix(""))
        n = seen_ids.get(stem, 0)
        seen_ids[stem] = n + 1
        art_id = stem if n == 0 else f"{stem}{p.suffix}"
        item = _read_text_file(p, name=art_id, max_bytes=max_bytes)
        if isinstance(item, Article):
            row = rows.get(rel) or rows.get(p.name)
            if row is not None:
                _apply_manifest(item, row)
            elif mpath:
                log.warning("%s is not in manifest %s; its metadata is unknown", rel, mpath)
                item.meta["in_manifest"] = False
        yield item


def _apply_manifest(art: Article, row: Mapping[str, str]) -> None:
    for f in _MANIFEST_FIELDS:
        v = _known(row.get(f))
        if v is not None:
            setattr(art, f, v)
    for k, v in row.items():
        if k not in _MANIFEST_FIELDS and v:
            art.meta[k] = v
    art.meta["in_manifest"] = True


def resolve_columns(available: Iterable[str], columns: Mapping[str, str] | None, source: str) -> dict[str, str]:
    """Map the fields ``text, id, outlet, title, date, url`` to the table's columns.

    Explicit ``columns`` win; otherwise the first candidate name present is used.

    Raises
    ------
    InputError
        If no text column is found or an explicit column is missing.
    """
    avail = list(available)
    lower = {c.lower(): c for c in avail}
    out: dict[str, str] = {}
    columns = dict(columns or {})
    for fld, col in columns.items():
        if fld not in COLUMN_CANDIDATES:
            raise InputError(f"unknown field {fld!r} in the column mapping; allowed: {', '.join(COLUMN_CANDIDATES)}")
        if col is None:
            continue
        if col not in avail:
            raise InputError(f"{source}: no column {col!r} for {fld}; columns are: {', '.join(map(str, avail))}")
        out[fld] = col
    for fld, cands in COLUMN_CANDIDATES.items():
        if fld in out:
            continue
        for c in cands:
            if c in lower:
                out[fld] = lower[c]
                break
    if "text" not in out:
        raise InputError(
            f"{source}: no text column (looked for {', '.join(COLUMN_CANDIDATES['text'])}); "
            f"columns are: {', '.join(map(str, avail))}. Name it with --text-column."
        )
    return out


def _record_to_article(
    rec: Mapping[str, Any], cols: Mapping[str, str], *, source: str, rowno: int, stem: str
) -> Article | Skipped:
    where = f"{source}:row {rowno}"
    text = rec.get(cols["text"])
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return Skipped(where, f"no text (column {cols['text']!r} is empty)")
    if not isinstance(text, str):
        return Skipped(where, f"text is not a string but {type(text).__name__}")
    if text == "":
        return Skipped(where, f"no text (column {cols['text']!r} is empty)")
    if not text.strip():
        return Skipped(where, "only white space")
    rid = _known(rec.get(cols["id"])) if "id" in cols else None
    fields = {f: _known(rec.get(cols[f])) for f in ("outlet", "title", "date", "url") if f in cols}
    used = set(cols.values())
    meta = {k: v for k, v in rec.items() if k not in used and not isinstance(v, (list, dict))}
    return Article(id=rid or f"{stem}:{rowno}", text=text, source=where, meta=meta, **fields)


def _iter_jsonl(path: Path, columns: Mapping[str, str] | None) -> Iterator[Article | Skipped]:
    cols: dict[str, str] | None = None
    with open(path, "rb") as fh:
        for rowno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            where = f"{path}:line {rowno}"
            try:
                rec = json.loads(raw.decode("utf-8-sig" if rowno == 1 else "utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield Skipped(where, f"malformed JSON: {exc}")
                continue
            if not isinstance(rec, dict):
                yield Skipped(where, f"expected a JSON object, got {type(rec).__name__}")
                continue
            if cols is None:
                cols = resolve_columns(rec.keys(), columns, str(path))
            if cols["text"] not in rec:
                yield Skipped(where, f"no {cols['text']!r} key")
                continue
            item = _record_to_article(rec, cols, source=str(path), rowno=rowno, stem=path.stem)
            if isinstance(item, Skipped):
                item = Skipped(where, item.reason)
            else:
                item.source = where
            yield item


def _iter_csv(path: Path, columns: Mapping[str, str] | None, chunksize: int) -> Iterator[Article | Skipped]:
    """Stream a CSV/TSV row by row with the csv module (exact line numbers for bad rows)."""
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with open(path, "rb") as fb:
        head = fb.read(1 << 16)
    if not head.strip():
        raise InputError(f"{path}: empty table (no header row)")
    try:
        _, enc = decode_bytes(head)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    csv.field_size_limit(1 << 30)
    with open(path, encoding=enc, errors="strict", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            header = next(reader)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot parse the header row: {exc}") from None
        header = [h.strip() for h in header]
        cols = resolve_columns(header, columns, str(path))
        rowno = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                yield Skipped(f"{path}:line {reader.line_num}", f"malformed CSV: {exc}")
                continue
            rowno += 1
            where = f"{path}:line {reader.line_num}"
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) != len(header):
                yield Skipped(where, f"malformed CSV row: {len(row)} fields where the header has {len(header)}")
                continue
            item = _record_to_article(dict(zip(header, row)), cols, source=str(path), rowno=rowno, stem=path.stem)
            if isinstance(item, Skipped):
                item = Skipped(where, item.reason)
            else:
                item.source = where
            yield item


def _iter_parquet(path: Path, columns: Mapping[str, str] | None, chunksize: int) -> Iterator[Article | Skipped]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for corrupt files
        raise InputError(f"{path}: cannot read as Parquet: {exc}") from None
    cols = resolve_columns(pf.schema_arrow.names, columns, str(path))
    rowno = 0
    for batch in pf.iter_batches(batch_size=chunksize):
        for rec in batch.to_pylist():
            rowno += 1
            yield _record_to_article(rec, cols, source=str(path), rowno=rowno, stem=path.stem)


def _iter_json_array(path: Path, columns: Mapping[str, str] | None) -> Iterator[Article | Skipped]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        # maybe JSON lines with a .json suffix
        yield from _iter_jsonl(path, columns) if isinstance(exc, json.JSONDecodeError) else iter(
            [Skipped(str(path), f"cannot read JSON: {exc}")]
        )
        return
    if isinstance(data, dict):
        data = data.get("articles") or data.get("data") or [data]
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a JSON array of objects")
    cols = None
    for rowno, rec in enumerate(data, start=1):
        if not isinstance(rec, dict):
            yield Skipped(f"{path}:item {rowno}", f"expected an object, got {type(rec).__name__}")
            continue
        if cols is None:
            cols = resolve_columns(rec.keys(), columns, str(path))
        yield _record_to_article(rec, cols, source=str(path), rowno=rowno, stem=path.stem)


def iter_records(
    path: str | Path,
    *,
    columns: Mapping[str, str] | None = None,
    manifest: str | Path | bool | None = None,
    recursive: bool = False,
    chunksize: int = 10_000,
    max_bytes: int | None = None,
) -> Iterator[Article | Skipped]:
    """Stream the articles (and skips) of a folder or a table file.

    Parameters
    ----------
    path : str or Path
        A folder of ``.txt``/``.md``/``.html`` files, one such file, or a table
        file (``.csv``, ``.tsv``, ``.jsonl``, ``.json``, ``.parquet``).
    columns : mapping, optional
        For tables: ``{"text": ..., "id": ..., "outlet": ..., "title": ...,
        "date": ..., "url": ...}``; unnamed fields are found by common names.
    manifest : path, bool or None, default=None
        For folders: a manifest CSV (``file`` column plus metadata). ``None``
        looks for ``sources.csv`` / ``manifest.csv`` in the folder; ``False``
        ignores any.
    recursive : bool, default=False
        Read sub-folders too.
    chunksize : int, default=10_000
        Rows per chunk when reading tables (memory stays bounded).
    max_bytes : int or None, default=None
        Skip text files larger than this (``None``: no limit).

    Yields
    ------
    Article or Skipped

    Raises
    ------
    InputError
        A path that does not exist, a folder with no articles, a table without a text column.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or folder")
    if p.is_dir():
        yield from _iter_folder(p, manifest=manifest, recursive=recursive, max_bytes=max_bytes)
        return
    suffix = p.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        yield from _iter_jsonl(p, columns)
    elif suffix in (".csv", ".tsv"):
        yield from _iter_csv(p, columns, chunksize)
    elif suffix == ".parquet":
        yield from _iter_parquet(p, columns, chunksize)
    elif suffix == ".json":
        yield from _iter_json_array(p, columns)
    elif suffix in TEXT_SUFFIXES:
        yield _read_text_file(p, name=p.stem, max_bytes=max_bytes)
    else:
        raise InputError(
            f"{p}: unsupported file type {suffix!r}; use a folder of {', '.join(TEXT_SUFFIXES)} "
            f"files or a table ({', '.join(TABLE_SUFFIXES)})"
        )


# ---------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------


@dataclass
class Corpus:
    """Articles loaded from one source, with what was skipped and why.

    Attributes
    ----------
    articles : list of Article
    skipped : list of Skipped
    source : str
    duplicates : DataFrame
        Pairs of exact or near duplicates (``article_id``, ``duplicate_of``,
        ``kind``, ``similarity``).
    """

    articles: list[Article]
    skipped: list[Skipped] = field(default_factory=list)
    source: str = ""
    duplicates: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["article_id", "duplicate_of", "kind", "similarity"]))

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __getitem__(self, key: int | str) -> Article:
        if isinstance(key, str):
            for a in self.articles:
                if a.id == key:
                    return a
            raise KeyError(key)
        return self.articles[key]

    @property
    def n_read(self) -> int:
        """Items read: loaded plus skipped."""
        return len(self.articles) + len(self.skipped)

    def to_frame(self) -> pd.DataFrame:
        """One row per article: id, metadata, text, content hash."""
        rows = []
        for a in self.articles:
            d = a.metadata()
            d["article_id"] = d.pop("id")
            d["text"] = a.text
            rows.append(d)
        df = pd.DataFrame(rows)
        if df.empty:
            return pd.DataFrame(columns=["article_id", "text"])
        first = ["article_id", "outlet", "title", "date", "genre", "language", "source"]
        return df[[c for c in first if c in df] + [c for c in df if c not in first]]

    def skipped_frame(self) -> pd.DataFrame:
        """One row per skipped item: source and reason."""
        return pd.DataFrame([asdict(s) for s in self.skipped], columns=["source", "reason"])


def find_duplicates(articles: list[Article], *, threshold: float = 0.8, shingle: int = 5) -> pd.DataFrame:
    """Exact and near duplicates among articles.

    Exact duplicates share :func:`content_hash`. Near duplicates are found with
    MinHash over word ``shingle``-grams and locality-sensitive hashing (Broder
    1997; 64 hashes in 16 bands), then confirmed by the Jaccard similarity of the
    shingle sets (``>= threshold``). Linear in the corpus size apart from the
    candidate pairs.
    """
    rows: list[dict[str, Any]] = []
    first_by_hash: dict[str, str] = {}
    for a in articles:
        if a.content_hash in first_by_hash:
            rows.append({"article_id": a.id, "duplicate_of": first_by_hash[a.content_hash], "kind": "exact", "similarity": 1.0})
        else:
            first_by_hash[a.content_hash] = a.id
    uniq = [a for a in articles if first_by_hash.get(a.content_hash) == a.id]
    if len(uniq) < 2:
        return pd.DataFrame(rows, columns=["article_id", "duplicate_of", "kind", "similarity"])
    rng = np.random.default_rng(12345)
    n_hash, bands = 64, 16
    mask = np.uint64((1 << 61) - 1)
    a_coef = rng.integers(1, 1 << 61, size=n_hash, dtype=np.uint64)
    b_coef = rng.integers(0, 1 << 61, size=n_hash, dtype=np.uint64)
    sets: list[set[int]] = []
    sigs = np.empty((len(uniq), n_hash), dtype=np.uint64)
    word_re = re.compile(r"\w+")
    for i, a in enumerate(uniq):
        words = word_re.findall(a.text.lower())
        sh = {hash(" ".join(words[j : j + shingle])) & ((1 << 61) - 1) for j in range(max(1, len(words) - shingle + 1))}
        sets.append(sh)
        arr = np.fromiter(sh, dtype=np.uint64, count=len(sh))
        with np.errstate(over="ignore"):
            sigs[i] = ((np.outer(arr, a_coef) + b_coef) & mask).min(axis=0)
    rows_per_band = n_hash // bands
    cand: set[tuple[int, int]] = set()
    for b in range(bands):
        buckets: dict[bytes, list[int]] = {}
        for i in range(len(uniq)):
            buckets.setdefault(sigs[i, b * rows_per_band : (b + 1) * rows_per_band].tobytes(), []).append(i)
        for members in buckets.values():
            if 1 < len(members) <= 50:
                cand.update((members[x], members[y]) for x in range(len(members)) for y in range(x + 1, len(members)))
    for i, j in sorted(cand):
        inter = len(sets[i] & sets[j])
        jac = inter / len(sets[i] | sets[j])
        if jac >= threshold:
            rows.append({"article_id": uniq[j].id, "duplicate_of": uniq[i].id, "kind": "near", "similarity": jac})
    return pd.DataFrame(rows, columns=["article_id", "duplicate_of", "kind", "similarity"])


def load_corpus(
    path: str | Path | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    manifest: str | Path | bool | None = None,
    recursive: bool = False,
    drop_duplicates: bool = True,
    max_bytes: int | None = None,
) -> Corpus:
    """Load a corpus from a folder of articles or a table file.

    Parameters
    ----------
    path : str or Path, optional
        See :func:`iter_records`. Defaults to the bundled seed corpus.
    columns, manifest, recursive, max_bytes
        See :func:`iter_records`.
    drop_duplicates : bool, default=True
        Skip exact duplicates (same text up to white space and case), listing
        each with the id it duplicates; near duplicates are kept and flagged in
        :attr:`Corpus.duplicates`.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> import framing
    >>> corpus = framing.load_corpus()          # the bundled seeds
    >>> len(corpus), corpus.n_read
    (5, 5)
    """
    from framing.config import SEEDS_DIR

    p = Path(path) if path is not None else SEEDS_DIR
    articles: list[Article] = []
    skipped: list[Skipped] = []
    ids: dict[str, int] = {}
    for item in iter_records(p, columns=columns, manifest=manifest, recursive=recursive, max_bytes=max_bytes):
        if isinstance(item, Skipped):
            log.warning("skipped %s: %s", item.source, item.reason)
            skipped.append(item)
            continue
        if item.id in ids:
            ids[item.id] += 1
            new_id = f"{item.id}~{ids[item.id]}"
            log.warning("%s: id %r is used twice; renamed %r", item.source, item.id, new_id)
            item.id = new_id
        else:
            ids[item.id] = 1
        articles.append(item)
    dups = find_duplicates(articles)
    if drop_duplicates and not dups.empty:
        exact = dups[dups["kind"] == "exact"]
        drop = dict(zip(exact["article_id"], exact["duplicate_of"]))
        kept = []
        for a in articles:
            if a.id in drop:
                reason = f"exact duplicate of {drop[a.id]}"
                log.warning("skipped %s: %s", a.source, reason)
                skipped.append(Skipped(a.source, reason))
            else:
                kept.append(a)
        articles = kept
    for _, r in dups[dups["kind"] == "near"].iterrows():
        log.warning("%s is a near duplicate of %s (similarity %.2f)", r["article_id"], r["duplicate_of"], r["similarity"])
    if not articles and not skipped:
        raise InputError(f"{p}: no articles found")
    return Corpus(articles=articles, skipped=skipped, source=str(p), duplicates=dups)


def corpus_from_texts(
    texts: Iterable[str] | Mapping[str, str], *, outlets: Iterable[str | None] | None = None
) -> Corpus:
    """Build a :class:`Corpus` from strings (ids ``doc0, doc1, ...`` or the mapping's keys)."""
    if isinstance(texts, str):
        raise TypeError("corpus_from_texts() needs an iterable of texts, not a single str")
    items = list(texts.items()) if isinstance(texts, Mapping) else [(f"doc{i}", t) for i, t in enumerate(texts)]
    outs = list(outlets) if outlets is not None else [None] * len(items)
    if len(outs) != len(items):
        raise InputError(f"outlets has {len(outs)} values for {len(items)} texts")
    arts = [Article(id=str(k), text=t, source="<memory>", outlet=o) for (k, t), o in zip(items, outs)]
    return Corpus(articles=arts, source="<memory>", duplicates=find_duplicates(arts))
