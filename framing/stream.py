"""Score corpora of any size: chunked, on every core or a Dask cluster, resumable.

:func:`score_stream` reads a corpus (a folder or a CSV / JSON-lines / Parquet
table) in chunks of ``chunksize`` records, scores each chunk with
:class:`~framing.analyze.ArticleScorer` in a pool of worker processes (or on
Dask workers), and commits the results chunk by chunk **in input order**, so
memory is bounded by the chunks in flight, never by the corpus size.

How a run is laid out on disk
-----------------------------
While a run for ``--out scores.jsonl`` is going on, everything lives in a
*run folder* beside the output, ``scores.jsonl.partial/``:

``state.json``
    Settings of the run, the number of committed chunks and, for every file
    below that is appended to, its byte length after the last committed
    chunk. Replaced atomically (temporary file, ``fsync``, rename) after each
    chunk.
``output``
    JSON lines or CSV: the output rows, appended chunk by chunk.
``parts/000042.parquet``
    Parquet: one part file per chunk, written under a temporary name and
    renamed (atomic).
``skipped.jsonl``, ``outlets.jsonl``, ``stats.jsonl``, ``terms.jsonl``
    Skipped items with the reason; per-chunk outlet accumulators; per-article
    sufficient statistics (``--level outlet`` / ``stats_dir``); per-chunk term
    counts (``stats_dir``).

When the last chunk is committed the output is moved into place in one
atomic step (``os.replace`` of ``output``; for Parquet the parts are merged
into one file with :class:`pyarrow.parquet.ParquetWriter`, one part at a time,
under a temporary name, then renamed), the skipped items go to
``scores.skipped.jsonl`` and the run folder is deleted. So ``scores.jsonl`` is
either the previous file, untouched, or the complete new one: an interrupted
run never leaves a corrupt output.

Resume
------
``resume=True`` reopens the run folder, truncates every appended file to the
length recorded after the last committed chunk (a chunk half-written when the
run died is thrown away), deletes part files of uncommitted chunks, re-reads
the input, skips the committed chunks without scoring them and carries on. The
settings (level, format, chunk size, column mapping, scorer, input size and
modification time) must match, or the run stops with a message saying what
differs. Chunks are committed in input order, so the committed chunks are
always the first ``k``.

Failures
--------
* A bad record (undecodable, malformed row, no text, nothing left after
  cleaning, an error inside a scorer) is listed as skipped with the reason;
  every other record is scored.
* A worker process that dies (killed, out of memory, ``os._exit``) breaks the
  pool: the uncommitted chunks are resubmitted to a fresh pool up to
  ``max_retries`` times, then the run stops with a :class:`FramingError`
  saying which chunks were being scored; the committed chunks stay in the run
  folder for ``--resume``.
* A write that fails (disk full, ``ENOSPC``) truncates the appended files back
  to the last committed chunk and stops with a :class:`FramingError` naming
  the file; any earlier output file is untouched.

Statistics from streamed scores
-------------------------------
Per article the workers compute sufficient statistics (count, sum, sum of
squares) of every numeric sentence column and keep every numeric article
column; :func:`framing.compare.outlet_estimates_from_summaries` turns them into
outlet estimates with cluster-bootstrap intervals without any text in memory.
Term counts (:class:`framing.score.distinctive.TermCounts`) are counted per
chunk and summed at the end for :func:`framing.score.distinctive.
distinctive_terms` (Monroe, Colaresi & Quinn 2008).
"""

from __future__ import annotations

import contextlib
import csv
import errno
import gc
import hashlib
import io
import json
import math
import os
import pickle
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from framing import config
from framing._io import write_table
from framing._log import get_logger
from framing.analyze import Scored, scored_one
from framing.corpus import TEXT_SUFFIXES, Article, Skipped, iter_records
from framing.errors import FramingError, InputError

__all__ = ["LEVELS", "FORMATS", "StreamSummary", "score_stream", "read_output"]

log = get_logger(__name__)

#: Output levels: the table written to ``out``.
LEVELS = ("sentence", "article", "outlet")
#: Output formats by file extension.
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
#: Table written per level (``outlet`` is computed from the per-article statistics).
_LEVEL_TABLE = {"sentence": "sentences", "article": "articles", "outlet": None}
#: Numeric sentence columns that locate a sentence rather than measure it.
SENTENCE_STRUCTURE = frozenset(
    {"sentence", "start", "end", "raw_start", "raw_end", "paragraph", "rel_position"}
)
#: Numeric article columns that are not outlet measures.
ARTICLE_STRUCTURE = frozenset({"raw_start", "raw_end"})
_NOT_MEASURE_SUFFIXES = ("ci_low", "ci_high", "ci_lo", "ci_hi")
_STATE_VERSION = 1
#: Skipped items kept in memory for the summary (all of them are in the skipped file).
MAX_SKIPPED_IN_MEMORY = 10_000


# ---------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------


@dataclass
class StreamSummary:
    """What a streamed run did.

    Attributes
    ----------
    out : Path or None
        The output file (``None`` when no output was asked for).
    level, format, engine : str
    jobs : int
        Worker processes (local) or Dask workers.
    n_read : int
        Records read (articles plus items skipped while reading).
    n_scored : int
        Articles scored.
    n_skipped : int
        Records skipped (``n_read == n_scored + n_skipped``).
    n_rows : int
        Rows in the output file.
    n_words : int
        Words of the scored articles (after cleaning).
    n_chunks : int
        Chunks in the run; ``n_resumed`` of them were committed by an earlier run.
    seconds : float
        Wall time of this call.
    skipped : list of Skipped
        The first :data:`MAX_SKIPPED_IN_MEMORY` skipped items with the reason.
    skipped_path : Path or None
        File listing every skipped item (JSON lines ``{"source", "reason"}``).
    outlets : DataFrame
        Per outlet: ``articles``, ``words`` and the mean of every numeric
        article column (plain means, no intervals).
    stats : dict of str to Path
        Statistics files written (``outlet_estimates``, ``distinctive_terms``,
        ``article_stats``).
    retries : int
        Times a broken worker pool was replaced and its chunks resubmitted.
    """

    out: Path | None
    level: str
    format: str | None
    engine: str
    jobs: int
    n_read: int = 0
    n_scored: int = 0
    n_skipped: int = 0
    n_rows: int = 0
    n_words: int = 0
    n_chunks: int = 0
    n_resumed: int = 0
    seconds: float = 0.0
    skipped: list[Skipped] = field(default_factory=list)
    skipped_path: Path | None = None
    outlets: pd.DataFrame = field(default_factory=pd.DataFrame)
    stats: dict[str, Path] = field(default_factory=dict)
    retries: int = 0

    @property
    def articles_per_second(self) -> float:
        """Articles scored per second of wall time in this call."""
        return self.n_scored / self.seconds if self.seconds > 0 else math.nan


# ---------------------------------------------------------------------------
# Work done in the workers
# ---------------------------------------------------------------------------


@dataclass
class _Task:
    """One chunk of input records and what to produce from it."""

    index: int
    items: list[Article | Skipped]
    level: str
    fmt: str | None
    want_stats: bool
    want_terms: bool


@dataclass
class _Result:
    """What a worker sends back for one chunk (all of it small or already serialised)."""

    index: int
    n_items: int
    payload: bytes = b""
    columns: list[str] = field(default_factory=list)
    n_rows: int = 0
    n_articles: int = 0
    n_words: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    stats: bytes = b""
    terms: bytes = b""
    outlets: dict[str, dict[str, list[float]]] = field(default_factory=dict)


#: The scorer of this worker process (set by the pool initializer).
_WORKER: dict[str, Any] = {}


def prepare_worker(scorer: Any) -> None:
    """Ready this process to score with ``scorer``: load its state, then settle the garbage collector.

    Every worker process (local pool or Dask) runs this once before its first
    chunk. The scorer's lexicons and models and the imported libraries are
    some 130,000 container objects that live as long as the process; left in
    the collector's oldest generation, each full collection (triggered by the
    rows a chunk keeps) walks them all again, 0.1-0.2 s each time. After a
    ``gc.collect()``, ``gc.freeze()`` moves them to the permanent generation,
    which the collector never scans; objects created later are collected as
    usual, less often (:data:`WORKER_GC_THRESHOLDS`). Call it in processes
    that exist to score (the CLI, workers, a benchmark), not in the middle
    of an interactive session, whose live objects it would exempt from cycle
    collection for good (and collect less often).

    Parameters
    ----------
    scorer : object
        The scorer (e.g. :class:`framing.analyze.ArticleScorer`). Its ``warm_up``
        method (else its ``_load`` method), when it has one, loads the heavy state
        now rather than on the first article, and builds what the first article
        would build lazily, so that the freeze covers it too.
    """
    warm = getattr(scorer, "warm_up", None)
    load = warm if callable(warm) else getattr(scorer, "_load", None)
    if callable(load):
        load()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)


#: The collector's thresholds in a scoring process (:func:`prepare_worker`). Python's default
#: (700, 10, 10) collects the youngest generation every 700 new container objects; a worker
#: holding its chunk's rows then spends some 0.26-0.30 ms per article in the collector, 7-8% of
#: scoring (measured with ``gc.callbacks``, chunks of 500). A first threshold of 50,000 (a few
#: MB of garbage in cycles at most before it is collected) brings that to some 0.06 ms.
WORKER_GC_THRESHOLDS = (50_000, 20, 10)


def _init_worker(scorer: Any) -> None:
    """Pool initializer: keep one scorer per worker process, its state loaded (:func:`prepare_worker`)."""
    _WORKER["scorer"] = scorer
    prepare_worker(scorer)


def _worker_task(task: _Task) -> _Result:
    return score_chunk(_WORKER["scorer"], task)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) or _is_np_number(v)


def _is_np_number(v: Any) -> bool:
    return type(v).__module__ == "numpy" and hasattr(v, "dtype") and v.dtype.kind in "biuf"


def _measure_name(col: str, structure: frozenset[str]) -> bool:
    return col not in structure and not col.endswith(_NOT_MEASURE_SUFFIXES)


def _float(v: Any) -> float | None:
    """A finite float of a numeric value (bools as 0/1), else None."""
    if v is None or isinstance(v, str):
        return None
    if _is_number(v):
        f = float(v)
        return f if math.isfinite(f) else None
    return None


def _jsonable(v: Any) -> Any:
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if v is None or isinstance(v, (str, int, bool)):
        return v
    if _is_np_number(v):
        return _jsonable(v.item())
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if hasattr(v, "tolist"):
        return _jsonable(v.tolist())
    return str(v)


def _json_line(row: Mapping[str, Any]) -> str:
    clean = {}
    for k, v in row.items():
        t = type(v)
        if t is str or t is int or t is bool or v is None:
            clean[k] = v
        elif t is float:
            clean[k] = v if math.isfinite(v) else None
        else:
            clean[k] = _jsonable(v)
    return json.dumps(clean, ensure_ascii=False, allow_nan=False)


def _csv_cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, float) and not math.isfinite(v):
        return ""
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(_jsonable(v), ensure_ascii=False)
    return v


def _serialise(rows: list[dict[str, Any]], fmt: str | None) -> tuple[bytes, list[str]]:
    """Rows -> bytes in the output format (no CSV header) and the column names."""
    if not rows or fmt is None:
        return b"", list(rows[0]) if rows else []
    columns = list(rows[0])
    seen = set(columns)
    for r in rows:
        if len(r) != len(columns) or r.keys() != seen:
            for k in r:
                if k not in seen:
                    seen.add(k)
                    columns.append(k)
    if fmt == "jsonl":
        return ("\n".join(_json_line(r) for r in rows) + "\n").encode("utf-8"), columns
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        for r in rows:
            w.writerow([_csv_cell(r.get(c)) for c in columns])
        return buf.getvalue().encode("utf-8"), columns
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist([{c: _jsonable_parquet(r.get(c)) for c in columns} for r in rows])
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink)
        return sink.getvalue().to_pybytes(), columns
    raise ValueError(f"unknown format {fmt!r}")


def _jsonable_parquet(v: Any) -> Any:
    if isinstance(v, float) and not math.isfinite(v):
        return None if math.isnan(v) else v
    if isinstance(v, dict):
        return json.dumps(_jsonable(v), ensure_ascii=False)
    return v


def _score_each(scorer: Any, articles: list[Article], want_doc: bool) -> Iterator[Scored]:
    """One :class:`~framing.analyze.Scored` per article, in order, failures included.

    Uses ``scorer.score_many`` when the scorer has it (stage by stage over
    batches: see :meth:`framing.analyze.ArticleScorer.score_many`); otherwise
    scores each article with :func:`framing.analyze.scored_one`.
    """
    many = getattr(scorer, "score_many", None)
    if many is not None:
        return iter(many(articles))
    return (scored_one(scorer, a, want_doc=want_doc) for a in articles)


def _reason(exc: BaseException, source: str) -> str:
    msg = str(exc)
    if msg.startswith(source + ": "):
        msg = msg[len(source) + 2 :]
    if isinstance(exc, InputError):
        return msg
    return f"error while scoring ({type(exc).__name__}: {msg})"


def _article_stats(
    art: dict[str, Any], sentences: list[dict[str, Any]]
) -> dict[str, Any]:
    """Sufficient statistics of one article: its numeric columns and, per numeric
    sentence column ``m``, ``m__n``, ``m__sum``, ``m__sumsq`` over its sentences."""
    row: dict[str, Any] = {
        "outlet": art.get("outlet"),
        "article_id": art.get("article_id"),
        "genre": art.get("genre"),
    }
    for k, v in art.items():
        if k in row or not _measure_name(k, ARTICLE_STRUCTURE):
            continue
        f = _float(v)
        if f is not None:
            row[k] = f
    acc: dict[str, list[float]] = {}
    for s in sentences:
        for k, v in s.items():
            f = _float(v)
            if f is None or not _measure_name(k, SENTENCE_STRUCTURE):
                continue
            a = acc.get(k)
            if a is None:
                a = acc[k] = [0.0, 0.0, 0.0]
            a[0] += 1
            a[1] += f
            a[2] += f * f
    for k, (n, s_, ss) in acc.items():
        row[f"{k}__n"] = int(n)
        row[f"{k}__sum"] = s_
        row[f"{k}__sumsq"] = ss
    return row


def score_chunk(scorer: Any, task: _Task) -> _Result:
    """Score one chunk of records (runs in a worker; also used in-process).

    Every record becomes either rows or a skipped item with the reason; the
    output rows are serialised here, in the worker, so the parent process only
    appends bytes.
    """
    res = _Result(index=task.index, n_items=len(task.items))
    table = _LEVEL_TABLE[task.level]
    rows: list[dict[str, Any]] = []
    stats_lines: list[str] = []
    terms = None
    if task.want_terms:
        from framing.score.distinctive import TermCounts

        terms = TermCounts()
    # (the skipped records and the scored articles are listed in the chunk's order)
    scored = _score_each(scorer, [it for it in task.items if not isinstance(it, Skipped)], terms is not None)
    for item in task.items:
        if isinstance(item, Skipped):
            res.skipped.append((item.source, item.reason))
            continue
        _, tables, doc, exc = next(scored)
        if exc is None:
            try:
                art = tables["articles"][0]
            except Exception as err:  # a scorer that returned no article row
                exc = err
        if exc is not None:
            reason = _reason(exc, item.source)
            if not isinstance(exc, InputError):
                log.warning("%s: %s", item.source, reason, exc_info=(type(exc), exc, exc.__traceback__) if log.isEnabledFor(10) else None)
            res.skipped.append((item.source, reason))
            continue
        res.n_articles += 1
        words = _float(art.get("words"))
        res.n_words += int(words or 0)
        if table is not None:
            rows.extend(tables.get(table, ()))
        outlet = str(art.get("outlet"))
        acc = res.outlets.setdefault(outlet, {})
        acc.setdefault("articles", [0, 0.0, 0.0])[0] += 1
        for k, v in art.items():
            if not _measure_name(k, ARTICLE_STRUCTURE):
                continue
            f = _float(v)
            if f is None:
                continue
            a = acc.setdefault(k, [0, 0.0, 0.0])
            a[0] += 1
            a[1] += f
            a[2] += f * f
        if task.want_stats:
            stats_lines.append(_json_line(_article_stats(art, tables.get("sentences", []))))
        if terms is not None and doc is not None:
            terms.add(doc, group=outlet)
    res.payload, res.columns = _serialise(rows, task.fmt)
    res.n_rows = len(rows)
    if stats_lines:
        res.stats = ("\n".join(stats_lines) + "\n").encode("utf-8")
    if terms is not None:
        res.terms = (
            json.dumps(
                {"n_docs": dict(terms.n_docs), "counts": {g: dict(c) for g, c in terms.counts.items()}},
                ensure_ascii=False,
            )
            + "\n"
        ).encode("utf-8")
    return res


# ---------------------------------------------------------------------------
# Reading the input in chunks
# ---------------------------------------------------------------------------


class _Dedupe:
    """Unique ids (``id~2`` for a repeat) and exact-duplicate texts skipped, as in
    :func:`framing.corpus.load_corpus`. Keeps one id and one 64-bit text key per
    article (about 150 bytes each)."""

    def __init__(self, drop_duplicates: bool) -> None:
        self.drop = drop_duplicates
        self.ids: dict[str, int] = {}
        self.texts: dict[int, str] = {}

    def __call__(self, item: Article | Skipped) -> Article | Skipped:
        if isinstance(item, Skipped):
            return item
        n = self.ids.get(item.id)
        if n is not None:
            self.ids[item.id] = n + 1
            new_id = f"{item.id}~{n + 1}"
            log.warning("%s: id %r is used twice; renamed %r", item.source, item.id, new_id)
            item.id = new_id
        else:
            self.ids[item.id] = 1
        if self.drop:
            key = int(item.content_hash[:16], 16)
            first = self.texts.get(key)
            if first is not None:
                return Skipped(item.source, f"exact duplicate of {first}")
            self.texts[key] = item.id
        return item


def _iter_chunks(
    records: Iterable[Article | Skipped], chunksize: int, dedupe: _Dedupe
) -> Iterator[list[Article | Skipped]]:
    chunk: list[Article | Skipped] = []
    for item in records:
        chunk.append(dedupe(item))
        if len(chunk) >= chunksize:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def count_records(path: str | Path) -> int | None:
    """Number of records in a corpus, cheaply (for the progress bar); ``None`` if unknown.

    Parquet: from the file metadata. JSON lines: non-blank lines. CSV: rows as
    parsed by :mod:`csv`. Folder: article files.
    """
    p = Path(path)
    try:
        if p.is_dir():
            return sum(1 for q in p.iterdir() if q.is_file() and q.suffix.lower() in TEXT_SUFFIXES)
        suffix = p.suffix.lower()
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(p).metadata.num_rows)
        if suffix in (".jsonl", ".ndjson"):
            n = 0
            with open(p, "rb") as fh:
                for line in fh:
                    if line.strip():
                        n += 1
            return n
        if suffix in (".csv", ".tsv"):
            csv.field_size_limit(1 << 30)
            with open(p, encoding="utf-8", errors="replace", newline="") as fh:
                reader = csv.reader(fh, delimiter="\t" if suffix == ".tsv" else ",")
                n = sum(1 for row in reader if row and any(c.strip() for c in row))
            return max(n - 1, 0)
        if suffix in TEXT_SUFFIXES:
            return 1
    except (OSError, csv.Error, ValueError):
        return None
    return None


def _fingerprint(path: str | Path | None) -> dict[str, Any]:
    if path is None:
        return {"input": "<records>"}
    p = Path(path).resolve()
    st = p.stat()
    fp: dict[str, Any] = {"input": str(p), "mtime_ns": st.st_mtime_ns}
    if p.is_file():
        fp["size"] = st.st_size
    return fp


# ---------------------------------------------------------------------------
# The run folder and the committed output
# ---------------------------------------------------------------------------


def run_dir_for(out: str | Path) -> Path:
    """The run folder of an output file (``scores.jsonl`` -> ``scores.jsonl.partial``)."""
    out = Path(out)
    return out.with_name(out.name + ".partial")


def skipped_path_for(out: str | Path) -> Path:
    """Where the skipped items of a run are listed (``scores.jsonl`` -> ``scores.skipped.jsonl``)."""
    out = Path(out)
    return out.with_name(out.stem + ".skipped.jsonl")


_APPENDED = ("output", "skipped.jsonl", "outlets.jsonl", "stats.jsonl", "terms.jsonl")


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_json_atomic(path: Path, data: Any) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class _Run:
    """The run folder: appended files, Parquet parts, the state file and a lock."""

    def __init__(self, out: Path, fmt: str, settings: dict[str, Any], *, resume: bool) -> None:
        self.out = out
        self.fmt = fmt
        self.dir = run_dir_for(out)
        self.settings = settings
        self._lock_fh: Any = None
        self.files: dict[str, Any] = {}
        self.lengths: dict[str, int] = {}
        self.state: dict[str, Any]
        state_path = self.dir / "state.json"
        if self.dir.exists() and not resume:
            done = "?"
            with contextlib.suppress(OSError, ValueError, KeyError):
                done = json.loads(state_path.read_text(encoding="utf-8"))["chunks_done"]
            raise FramingError(
                f"{self.dir} holds an unfinished run ({done} chunk(s) committed). "
                "Pass --resume (resume=True) to continue it, or delete that folder to start over."
            )
        self.dir.mkdir(parents=True, exist_ok=True)
        self._lock()
        if resume and state_path.exists():
            try:
                self.state = json.loads(state_path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise FramingError(f"{state_path}: cannot read the state of the run to resume: {exc}") from None
            self._check_settings()
            self._restore()
        else:
            if resume:
                log.info("nothing to resume for %s: starting a new run", out)
            for name in _APPENDED:
                with contextlib.suppress(FileNotFoundError):
                    (self.dir / name).unlink()
            shutil.rmtree(self.dir / "parts", ignore_errors=True)
            self.state = {
                "version": _STATE_VERSION,
                "settings": settings,
                "chunks_done": 0,
                "lengths": {},
                "columns": None,
                "counts": {"n_read": 0, "n_scored": 0, "n_skipped": 0, "n_rows": 0, "n_words": 0},
                "complete": False,
            }
            _write_json_atomic(state_path, self.state)
        if fmt == "parquet":
            (self.dir / "parts").mkdir(exist_ok=True)
        for name in _APPENDED:
            self.files[name] = open(self.dir / name, "ab")
            self.lengths[name] = self.files[name].tell()

    # -- opening -----------------------------------------------------------

    def _lock(self) -> None:
        import fcntl

        self._lock_fh = open(self.dir / "lock", "w")
        try:
            fcntl.flock(self._lock_fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock_fh.close()
            raise FramingError(f"{self.dir} is in use by another run writing {self.out}") from None

    def _check_settings(self) -> None:
        if self.state.get("version") != _STATE_VERSION:
            raise FramingError(f"{self.dir}: written by another version of framing; delete it to start over")
        old = self.state.get("settings", {})
        diffs = [
            f"{k}: {old.get(k)!r} then, {v!r} now"
            for k, v in self.settings.items()
            if old.get(k) != v
        ]
        if diffs:
            raise FramingError(
                f"cannot resume {self.dir}: the run was started with other settings or input "
                f"({'; '.join(diffs)}). Rerun with the same settings, or delete the folder to start over."
            )

    def _restore(self) -> None:
        """Cut every appended file back to its length after the last committed chunk."""
        lengths = self.state.get("lengths", {})
        for name in _APPENDED:
            p = self.dir / name
            want = int(lengths.get(name, 0))
            if p.exists():
                have = p.stat().st_size
                if have < want:
                    raise FramingError(
                        f"cannot resume: {p} is shorter ({have} bytes) than recorded ({want}); "
                        "delete the run folder to start over"
                    )
                if have > want:
                    log.info("resume: dropping %d bytes of an uncommitted chunk from %s", have - want, p)
                    with open(p, "r+b") as fh:
                        fh.truncate(want)
            elif want:
                raise FramingError(f"cannot resume: {p} is missing; delete the run folder to start over")
        parts = self.dir / "parts"
        if parts.is_dir():
            done = int(self.state["chunks_done"])
            for q in parts.iterdir():
                stem = q.name.split(".")[0]
                if q.name.startswith(".") or not stem.isdigit() or int(stem) >= done:
                    q.unlink()
            for i in range(done):
                if self.state.get("rows_per_chunk", {}).get(str(i), 0) and not self._part(i).exists():
                    raise FramingError(f"cannot resume: part {self._part(i)} is missing; delete the run folder")

    # -- committing ----------------------------------------------------------

    def _part(self, index: int) -> Path:
        return self.dir / "parts" / f"{index:06d}.parquet"

    @property
    def chunks_done(self) -> int:
        return int(self.state["chunks_done"])

    def commit(self, res: _Result, blobs: dict[str, bytes], counts: dict[str, int]) -> None:
        """Append one chunk's bytes, fsync, then record the new lengths (atomically)."""
        tmp_part: Path | None = None
        try:
            if self.fmt == "parquet" and res.payload:
                tmp_part = self.dir / "parts" / f".{res.index:06d}.tmp"
                with open(tmp_part, "wb") as fh:
                    fh.write(res.payload)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp_part, self._part(res.index))
                tmp_part = None
                self.state.setdefault("rows_per_chunk", {})[str(res.index)] = res.n_rows
            for name, data in blobs.items():
                if data:
                    self.files[name].write(data)
            for name, data in blobs.items():
                if data:
                    fh = self.files[name]
                    fh.flush()
                    os.fsync(fh.fileno())
            new_lengths = {name: fh.tell() for name, fh in self.files.items()}
            state = dict(self.state)
            state["chunks_done"] = res.index + 1
            state["lengths"] = new_lengths
            state["counts"] = counts
            _write_json_atomic(self.dir / "state.json", state)
        except OSError as exc:
            self._rollback(tmp_part, res.index)
            raise _write_error(exc, self.dir, self.out, self.chunks_done) from exc
        self.state = state
        self.lengths = new_lengths

    def _rollback(self, tmp_part: Path | None, index: int) -> None:
        if tmp_part is not None:
            with contextlib.suppress(OSError):
                tmp_part.unlink()
        with contextlib.suppress(OSError):
            self._part(index).unlink()
        for name, fh in self.files.items():
            with contextlib.suppress(OSError, ValueError):
                fh.seek(0, os.SEEK_END)
                if fh.tell() != self.lengths[name]:
                    fh.truncate(self.lengths[name])
                    fh.seek(0, os.SEEK_END)

    def set_columns(self, columns: list[str]) -> None:
        self.state["columns"] = columns

    # -- finishing -------------------------------------------------------------

    def close(self) -> None:
        for fh in self.files.values():
            with contextlib.suppress(OSError, ValueError):
                fh.close()
        self.files = {}
        if self._lock_fh is not None:
            with contextlib.suppress(OSError):
                self._lock_fh.close()
            self._lock_fh = None

    def path(self, name: str) -> Path:
        return self.dir / name


def _write_error(exc: OSError, run_dir: Path, out: Path, done: int) -> FramingError:
    what = "no space left on the device" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
    where = exc.filename or run_dir
    return FramingError(
        f"cannot write {where}: {what}. The {done} chunk(s) committed so far are kept in {run_dir}; "
        f"free some space and rerun with --resume to finish. {out} was not changed."
    )


def _assemble_text(run: _Run, out: Path, fmt: str, columns: list[str] | None) -> None:
    """Move the appended JSON-lines / CSV output into place (CSV gets its header first)."""
    src = run.path("output")
    if fmt == "csv":
        # the header goes in front: copy once into a temporary file beside ``out``
        from framing._io import atomic_write

        with atomic_write(out, "wb") as dst, open(src, "rb") as fh:
            if columns:
                buf = io.StringIO()
                csv.writer(buf, lineterminator="\n").writerow(columns)
                dst.write(buf.getvalue().encode("utf-8"))
            shutil.copyfileobj(fh, dst, 1 << 20)
        return
    run.files["output"].close()
    os.replace(src, out)
    _fsync_dir(out.parent)


def _assemble_parquet(run: _Run, out: Path, n_chunks: int) -> None:
    """Merge the part files into one Parquet file, one part in memory at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from framing._io import atomic_write

    parts = [run._part(i) for i in range(n_chunks) if run._part(i).exists()]
    schemas = [pq.read_schema(p) for p in parts]
    if schemas:
        schema = pa.unify_schemas(schemas, promote_options="permissive")
    else:
        schema = pa.schema([])
    with atomic_write(out, "wb") as fh:
        writer = pq.ParquetWriter(fh, schema)
        try:
            for p in parts:
                t = pq.read_table(p)
                missing = [f for f in schema if f.name not in t.column_names]
                for f in missing:
                    t = t.append_column(f, pa.nulls(len(t), f.type))
                writer.write_table(t.select(schema.names).cast(schema))
        finally:
            writer.close()


# ---------------------------------------------------------------------------
# Engines
# ---------------------------------------------------------------------------


def _run_inline(scorer: Any, tasks: Iterator[_Task], on_result: Callable[[_Result], None]) -> int:
    for task in tasks:
        on_result(score_chunk(scorer, task))
    return 0


def _run_local(
    scorer: Any,
    tasks: Iterator[_Task],
    on_result: Callable[[_Result], None],
    *,
    jobs: int,
    max_pending: int,
    max_retries: int,
    mp_context: Any = None,
) -> int:
    """Score on a process pool; commit in input order; resubmit after a broken pool."""
    pending: dict[int, _Task] = {}  # submitted, not yet committed
    futures: dict[Future[_Result], int] = {}
    ready: dict[int, _Result] = {}
    next_index: int | None = None
    retries = 0
    exhausted = False

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=jobs, initializer=_init_worker, initargs=(scorer,), mp_context=mp_context
        )

    pool = new_pool()
    broken: BaseException | None = None

    def submit(i: int) -> None:
        nonlocal broken
        try:
            futures[pool.submit(_worker_task, pending[i])] = i
        except BrokenProcessPool as exc:  # the pool broke before we noticed
            broken = exc

    try:
        while True:
            while broken is None and not exhausted and len(pending) < max_pending:
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                    break
                if next_index is None:
                    next_index = task.index
                pending[task.index] = task
                submit(task.index)
            if not pending:
                pool.shutdown(wait=True)
                return retries
            if broken is None and futures:
                done, _ = wait(list(futures), return_when=FIRST_COMPLETED)
                for fut in done:
                    idx = futures.pop(fut)
                    try:
                        ready[idx] = fut.result()
                    except BrokenProcessPool as exc:
                        broken = exc
                while next_index in ready:
                    on_result(ready.pop(next_index))
                    del pending[next_index]
                    next_index += 1
            if broken is not None:
                lost = sorted(i for i in pending if i not in ready)
                pool.shutdown(wait=True, cancel_futures=True)
                futures.clear()
                if retries >= max_retries:
                    raise FramingError(
                        f"a worker process died (killed or crashed) while scoring chunk(s) "
                        f"{_ranges(lost)}, {retries + 1} time(s); gave up. The chunks before them are "
                        "committed: rerun with --resume to continue."
                    ) from broken
                retries += 1
                log.warning(
                    "a worker process died while scoring chunk(s) %s; retrying them on a new pool (%d/%d)",
                    _ranges(lost), retries, max_retries,
                )
                broken = None
                pool = new_pool()
                for i in lost:
                    submit(i)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _ranges(idx: list[int]) -> str:
    if not idx:
        return "-"
    out = []
    start = prev = idx[0]
    for i in idx[1:] + [None]:  # type: ignore[list-item]
        if i is not None and i == prev + 1:
            prev = i
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        if i is not None:
            start = prev = i
    return ", ".join(out)


def _dask_score(scorer: Any, task: _Task) -> _Result:
    """Dask task: ``scorer`` is the scattered object kept in the worker's memory.

    The first task a worker process runs with a given scorer prepares the
    process (:func:`prepare_worker`).
    """
    key = id(scorer)
    if _WORKER.get("dask_prepared") != key:
        prepare_worker(scorer)
        _WORKER["dask_prepared"] = key
    return score_chunk(scorer, task)


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, *, n_workers: int = 2) -> Iterator[Any]:
    """A Dask client: to ``scheduler`` when given, else to a new ``LocalCluster`` on loopback.

    The local cluster has ``n_workers`` worker processes with one thread each
    and no dashboard; it is closed on exit.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise FramingError(
            "the Dask engine needs the 'distributed' package: pip install 'framing[distributed]'"
        ) from None
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise FramingError(f"cannot connect to the Dask scheduler at {scheduler}: {exc}") from None
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=n_workers, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, silence_logs=40,
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _run_dask(
    scorer: Any,
    tasks: Iterator[_Task],
    on_result: Callable[[_Result], None],
    *,
    client: Any,
    max_pending: int,
) -> int:
    """Score chunks as Dask tasks (``client.submit``), at most ``max_pending`` at a time."""
    from distributed import as_completed

    try:
        from distributed.scheduler import KilledWorker
    except ImportError:  # pragma: no cover
        KilledWorker = RuntimeError
    scattered = client.scatter(scorer, broadcast=True, hash=False)
    ready: dict[int, _Result] = {}
    next_index: int | None = None
    ac = as_completed()
    n_pending = 0

    def submit_more() -> None:
        nonlocal next_index, n_pending
        while n_pending < max_pending:
            task = next(tasks, None)
            if task is None:
                return
            if next_index is None:
                next_index = task.index
            ac.add(client.submit(_dask_score, scattered, task, pure=False))
            n_pending += 1

    submit_more()
    for fut in ac:
        try:
            res = fut.result()
        except KilledWorker as exc:
            raise FramingError(
                f"Dask workers died repeatedly while scoring a chunk ({exc}); the chunks before it are "
                "committed: rerun with --resume to continue"
            ) from None
        ready[res.index] = res
        while next_index in ready:
            on_result(ready.pop(next_index))
            n_pending -= 1
            next_index += 1
        submit_more()
    return 0


# ---------------------------------------------------------------------------
# Statistics at the end of a run
# ---------------------------------------------------------------------------


def _read_stats(path: Path) -> pd.DataFrame:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return pd.DataFrame(rows)


def outlet_table(
    stats: pd.DataFrame,
    *,
    n_boot: int = config.N_BOOTSTRAP,
    random_state: int | None = config.RANDOM_STATE,
) -> pd.DataFrame:
    """Outlet estimates of every measure from per-article sufficient statistics.

    Parameters
    ----------
    stats : DataFrame
        One row per article: ``outlet``, ``article_id``, ``genre``, numeric
        article columns, and ``m__n``, ``m__sum``, ``m__sumsq`` per sentence
        measure ``m`` (as written by :func:`score_stream`).
    n_boot : int, default=2000
    random_state : int or None, default=0

    Returns
    -------
    DataFrame
        :func:`framing.compare.outlet_estimates_from_summaries` for each measure,
        stacked (column ``measure``; ``level`` is ``"sentence"`` for sentence
        measures pooled over an outlet's sentences, ``"article"`` for article
        columns averaged over its articles).
    """
    from framing.compare import outlet_estimates_from_summaries

    if stats.empty:
        return pd.DataFrame()
    keys = stats[["outlet", "article_id", "genre"]].copy()
    keys["outlet"] = keys["outlet"].astype(str)
    keys["article_id"] = keys["article_id"].astype(str)
    keys["genre"] = keys["genre"].fillna("unknown").astype(str)
    frames = []
    sentence_measures = [c[: -len("__n")] for c in stats.columns if c.endswith("__n")]
    derived = {f"{m}__{s}" for m in sentence_measures for s in ("n", "sum", "sumsq")}
    article_measures = [
        c for c in stats.columns if c not in ("outlet", "article_id", "genre") and c not in derived
    ]
    for m in sentence_measures:
        summ = keys.assign(
            n=stats[f"{m}__n"].fillna(0).to_numpy(),
            sum=stats[f"{m}__sum"].fillna(0.0).to_numpy(),
            sumsq=stats[f"{m}__sumsq"].fillna(0.0).to_numpy(),
        )
        summ = summ[summ["n"] > 0]
        if summ.empty:
            continue
        t = outlet_estimates_from_summaries(summ, measure=m, n_boot=n_boot, random_state=random_state)
        t.insert(3, "level", "sentence")
        frames.append(t)
    for m in article_measures:
        v = pd.to_numeric(stats[m], errors="coerce")
        ok = v.notna().to_numpy()
        if not ok.any():
            continue
        vals = v[ok].to_numpy(dtype=float)
        summ = keys[ok].assign(n=1, sum=vals, sumsq=vals * vals)
        t = outlet_estimates_from_summaries(
            summ, measure=m, n_boot=n_boot, random_state=random_state, unit="articles"
        )
        t.insert(3, "level", "article")
        frames.append(t)
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def _read_terms(path: Path) -> Any:
    from framing.score.distinctive import TermCounts

    total = TermCounts()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            d = json.loads(line)
            for g, c in d["counts"].items():
                total.counts.setdefault(g, Counter()).update(c)
            total.n_docs.update(d["n_docs"])
    return total


def _outlet_summary(acc: dict[str, dict[str, list[float]]]) -> pd.DataFrame:
    rows = []
    for outlet in sorted(acc):
        a = acc[outlet]
        row: dict[str, Any] = {"outlet": outlet, "articles": int(a.get("articles", [0])[0])}
        for k, (n, s, _ss) in a.items():
            if k == "articles":
                continue
            row[k] = s / n if n else math.nan
        rows.append(row)
    return pd.DataFrame(rows)


def _merge_acc(into: dict[str, dict[str, list[float]]], part: Mapping[str, Mapping[str, list[float]]]) -> None:
    for outlet, measures in part.items():
        dst = into.setdefault(outlet, {})
        for k, (n, s, ss) in measures.items():
            a = dst.setdefault(k, [0, 0.0, 0.0])
            a[0] += n
            a[1] += s
            a[2] += ss


# ---------------------------------------------------------------------------
# The entry point
# ---------------------------------------------------------------------------


def _format_of(out: Path | None) -> str | None:
    if out is None:
        return None
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise InputError(
            f"--out {out}: extension {out.suffix or '(none)'!r} is not one of "
            f"{', '.join(sorted(set(FORMATS)))}"
        )
    return fmt


def _scorer_token(scorer: Any) -> str:
    try:
        data = pickle.dumps(scorer)
    except Exception as exc:
        raise FramingError(f"the scorer {scorer!r} cannot be pickled for the worker processes: {exc}") from None
    return f"{type(scorer).__module__}.{type(scorer).__qualname__}:{hashlib.sha1(data).hexdigest()[:16]}"


def score_stream(
    source: str | Path | Iterable[Article | Skipped],
    out: str | Path | None = None,
    *,
    level: str = "article",
    jobs: int | None = None,
    chunksize: int = 500,
    resume: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = True,
    columns: Mapping[str, str] | None = None,
    manifest: str | Path | bool | None = None,
    recursive: bool = False,
    drop_duplicates: bool = True,
    strict: bool = False,
    scorer: Any = None,
    stats_dir: str | Path | None = None,
    n_boot: int = config.N_BOOTSTRAP,
    max_retries: int = 2,
    max_pending: int | None = None,
    client: Any = None,
) -> StreamSummary:
    """Score a corpus in chunks, in parallel, with bounded memory; resumable.

    Parameters
    ----------
    source : path or iterable of Article/Skipped
        A folder or a table file for :func:`framing.corpus.iter_records`, or
        records already read.
    out : path, optional
        Output file; the format follows the extension: ``.jsonl`` (JSON lines),
        ``.csv`` or ``.parquet`` (one file). ``None`` writes nothing (the
        summary still has the per-outlet means).
    level : {"sentence", "article", "outlet"}, default="article"
        One row per sentence, per article, or per outlet and measure (outlet
        estimates with bootstrap intervals computed from streamed per-article
        sufficient statistics; see :func:`outlet_table`).
    jobs : int, optional
        Worker processes; default all cores (``os.cpu_count()``). ``1`` scores
        in this process (no pool). For ``engine="dask"`` with a local cluster:
        the number of workers.
    chunksize : int, default=500
        Records per chunk: the unit of work, of commit and of resume.
    resume : bool, default=False
        Continue the unfinished run of ``out`` (see the module notes).
    engine : {"local", "dask"}, default="local"
    scheduler : str, optional
        Address of a Dask scheduler (``tcp://host:8786``); default a new
        ``LocalCluster`` on 127.0.0.1. Workers need ``framing`` installed.
    progress : bool, default=True
        A progress bar on stderr (articles/s and ETA).
    columns, manifest, recursive
        Passed to :func:`framing.corpus.iter_records`.
    drop_duplicates : bool, default=True
        Skip exact duplicate texts (repeated ids are always renamed ``id~2``).
    strict : bool, default=False
        Raise :class:`InputError` at the end (after writing) if anything was skipped.
    scorer : ArticleScorer, optional
        Default ``ArticleScorer()``. Must pickle (its settings only).
    stats_dir : path, optional
        Also write ``outlet_estimates.csv``, ``article_stats.csv`` and
        ``distinctive_terms.csv`` (Monroe et al. 2008 log-odds per outlet vs
        the rest) here; term counting adds to the scoring time.
    n_boot : int, default=2000
        Bootstrap resamples for the outlet estimates.
    max_retries : int, default=2
        Times a broken process pool (a worker died) is replaced before giving up.
    max_pending : int, optional
        Chunks in flight or waiting to be committed; default ``2 * jobs``. Memory
        is bounded by ``max_pending * chunksize`` records and their results.
    client : distributed.Client, optional
        An existing Dask client (overrides ``scheduler``).

    Returns
    -------
    StreamSummary

    Raises
    ------
    InputError
        Bad options, unreadable input; with ``strict``, any skipped record.
    FramingError
        A write that failed (disk full), workers that kept dying, a run folder
        that cannot be resumed.
    """
    t0 = time.perf_counter()
    if level not in LEVELS:
        raise InputError(f"level={level!r}: use one of {', '.join(LEVELS)}")
    if engine not in ("local", "dask"):
        raise InputError(f"engine={engine!r}: use 'local' or 'dask'")
    if not isinstance(chunksize, int) or chunksize < 1:
        raise InputError(f"chunksize={chunksize!r}: need a positive integer")
    if jobs is not None and (not isinstance(jobs, int) or jobs < 1):
        raise InputError(f"jobs={jobs!r}: need a positive integer")
    out_path = Path(out) if out is not None else None
    fmt = _format_of(out_path)
    if resume and out_path is None:
        raise InputError("resume needs an output file (--out)")
    if scheduler and engine != "dask":
        raise InputError("--scheduler needs --engine dask")
    n_jobs = jobs or os.cpu_count() or 1
    if engine == "dask" and jobs is None:
        n_jobs = 2
    max_pending = max_pending or 2 * n_jobs
    if scorer is None:
        from framing.analyze import ArticleScorer

        scorer = ArticleScorer()
    stats_dir = Path(stats_dir) if stats_dir is not None else None
    want_stats = level == "outlet" or stats_dir is not None
    want_terms = stats_dir is not None
    payload_fmt = fmt if level != "outlet" else None
    source_path = Path(source) if isinstance(source, (str, os.PathLike)) else None

    settings = {
        **_fingerprint(source_path),
        "level": level,
        "format": fmt,
        "chunksize": chunksize,
        "columns": dict(sorted((columns or {}).items())),
        "manifest": str(manifest) if manifest not in (None, True, False) else manifest,
        "recursive": recursive,
        "drop_duplicates": drop_duplicates,
        "stats": want_stats,
        "terms": want_terms,
        "scorer": _scorer_token(scorer),
    }
    summary = StreamSummary(out=out_path, level=level, format=fmt, engine=engine, jobs=n_jobs)
    run: _Run | None = None
    if out_path is not None:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        run = _Run(out_path, fmt or "jsonl", settings, resume=resume)
    try:
        return _stream(
            source, source_path, run, summary,
            level=level, fmt=fmt, payload_fmt=payload_fmt, chunksize=chunksize, engine=engine,
            scheduler=scheduler, progress=progress, columns=columns, manifest=manifest,
            recursive=recursive, drop_duplicates=drop_duplicates, strict=strict, scorer=scorer,
            stats_dir=stats_dir, want_stats=want_stats, want_terms=want_terms, n_boot=n_boot,
            max_retries=max_retries, max_pending=max_pending, client=client, t0=t0,
        )
    finally:
        if run is not None:
            run.close()


def _stream(
    source: Any,
    source_path: Path | None,
    run: _Run | None,
    summary: StreamSummary,
    *,
    level: str,
    fmt: str | None,
    payload_fmt: str | None,
    chunksize: int,
    engine: str,
    scheduler: str | None,
    progress: bool,
    columns: Mapping[str, str] | None,
    manifest: Any,
    recursive: bool,
    drop_duplicates: bool,
    strict: bool,
    scorer: Any,
    stats_dir: Path | None,
    want_stats: bool,
    want_terms: bool,
    n_boot: int,
    max_retries: int,
    max_pending: int,
    client: Any,
    t0: float,
) -> StreamSummary:
    n_done = run.chunks_done if run is not None else 0
    complete = bool(run is not None and run.state.get("complete"))
    counts = dict(run.state["counts"]) if run is not None else {
        "n_read": 0, "n_scored": 0, "n_skipped": 0, "n_rows": 0, "n_words": 0
    }
    columns_out: list[str] | None = run.state.get("columns") if run is not None else None
    acc: dict[str, dict[str, list[float]]] = {}
    skipped_mem: list[Skipped] = []
    if run is not None and n_done:
        summary.n_resumed = n_done
        with open(run.path("outlets.jsonl"), encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    _merge_acc(acc, json.loads(line))
        with open(run.path("skipped.jsonl"), encoding="utf-8") as fh:
            for line in fh:
                if line.strip() and len(skipped_mem) < MAX_SKIPPED_IN_MEMORY:
                    d = json.loads(line)
                    skipped_mem.append(Skipped(d["source"], d["reason"]))
        log.info("resuming %s: %d chunk(s) already committed", summary.out, n_done)

    if source_path is not None:
        records: Iterable[Article | Skipped] = iter_records(
            source_path, columns=columns, manifest=manifest, recursive=recursive, chunksize=max(chunksize, 1000)
        )
    else:
        if isinstance(source, (str, bytes)):
            raise InputError("source must be a path or an iterable of Article records, not a bare string")
        records = source
    dedupe = _Dedupe(drop_duplicates)
    chunk_iter = _iter_chunks(records, chunksize, dedupe)

    total = count_records(source_path) if (progress and source_path is not None) else None
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(
            total=total, initial=counts["n_read"], desc="scoring", unit=" articles",
            file=sys.stderr, dynamic_ncols=True, smoothing=0.1,
        )

    def tasks() -> Iterator[_Task]:
        for i, items in enumerate(chunk_iter):
            if i < n_done:
                continue  # committed by an earlier run: read (for ids and duplicates), not scored
            yield _Task(i, items, level, payload_fmt, want_stats, want_terms)

    def on_result(res: _Result) -> None:
        nonlocal columns_out
        payload = res.payload
        if payload_fmt == "csv" and payload:
            if columns_out is None:
                columns_out = res.columns
                if run is not None:
                    run.set_columns(columns_out)
            elif res.columns != columns_out:
                payload = _recast_csv(payload, res.columns, columns_out, res.index)
        skipped_blob = "".join(
            json.dumps({"source": s, "reason": r}, ensure_ascii=False) + "\n" for s, r in res.skipped
        ).encode("utf-8")
        new_counts = {
            "n_read": counts["n_read"] + res.n_items,
            "n_scored": counts["n_scored"] + res.n_articles,
            "n_skipped": counts["n_skipped"] + len(res.skipped),
            "n_rows": counts["n_rows"] + res.n_rows,
            "n_words": counts["n_words"] + res.n_words,
        }
        if run is not None:
            blobs = {
                "output": payload if payload_fmt in ("jsonl", "csv") else b"",
                "skipped.jsonl": skipped_blob,
                "outlets.jsonl": (json.dumps(res.outlets, ensure_ascii=False) + "\n").encode("utf-8"),
                "stats.jsonl": res.stats,
                "terms.jsonl": res.terms,
            }
            run.commit(res, blobs, new_counts)
        counts.update(new_counts)
        _merge_acc(acc, res.outlets)
        for s, r in res.skipped:
            log.warning("skipped %s: %s", s, r)
            if len(skipped_mem) < MAX_SKIPPED_IN_MEMORY:
                skipped_mem.append(Skipped(s, r))
        if bar is not None:
            bar.update(res.n_items)
            if counts["n_skipped"]:
                bar.set_postfix(skipped=counts["n_skipped"], refresh=False)

    try:
        if complete:
            pass
        elif engine == "dask":
            if client is not None:
                summary.retries = _run_dask(scorer, tasks(), on_result, client=client, max_pending=max_pending)
            else:
                with dask_client(scheduler, n_workers=summary.jobs) as c:
                    if scheduler:
                        summary.jobs = len(c.scheduler_info().get("workers", {})) or summary.jobs
                    summary.retries = _run_dask(scorer, tasks(), on_result, client=c, max_pending=max_pending)
        elif summary.jobs == 1:
            _run_inline(scorer, tasks(), on_result)
        else:
            summary.retries = _run_local(
                scorer, tasks(), on_result, jobs=summary.jobs, max_pending=max_pending, max_retries=max_retries
            )
    except KeyboardInterrupt:
        if run is not None:
            log.warning(
                "interrupted: %d chunk(s) committed in %s; rerun with --resume to continue",
                run.chunks_done, run.dir,
            )
        raise
    finally:
        if bar is not None:
            bar.close()

    summary.n_chunks = run.chunks_done if run is not None else summary.n_resumed
    for k in ("n_read", "n_scored", "n_skipped", "n_rows", "n_words"):
        setattr(summary, k, counts[k])
    summary.skipped = skipped_mem
    summary.outlets = _outlet_summary(acc)

    if run is not None:
        if not complete:
            run.state["complete"] = True
            _write_json_atomic(run.dir / "state.json", run.state)
        _finish(run, summary, level=level, fmt=fmt, columns=columns_out, stats_dir=stats_dir,
                want_stats=want_stats, want_terms=want_terms, n_boot=n_boot)
    summary.seconds = time.perf_counter() - t0
    if strict and summary.n_skipped:
        first = summary.skipped[0] if summary.skipped else None
        raise InputError(
            f"{summary.n_skipped} input(s) skipped and strict is set"
            + (f" (first: {first.source}: {first.reason})" if first else "")
        )
    return summary


def _recast_csv(payload: bytes, have: list[str], want: list[str], index: int) -> bytes:
    extra = [c for c in have if c not in want]
    if extra:
        log.warning("chunk %d has columns not in the CSV header, dropped: %s", index, ", ".join(extra))
    rows = csv.reader(io.StringIO(payload.decode("utf-8"), newline=""))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    pos = {c: i for i, c in enumerate(have)}
    for r in rows:
        w.writerow([r[pos[c]] if c in pos else "" for c in want])
    return buf.getvalue().encode("utf-8")


def _finish(
    run: _Run,
    summary: StreamSummary,
    *,
    level: str,
    fmt: str | None,
    columns: list[str] | None,
    stats_dir: Path | None,
    want_stats: bool,
    want_terms: bool,
    n_boot: int,
) -> None:
    """Statistics, then the output moved into place, then the run folder removed."""
    out = run.out
    stats_df = _read_stats(run.path("stats.jsonl")) if want_stats else None
    try:
        if stats_dir is not None:
            stats_dir.mkdir(parents=True, exist_ok=True)
            est = outlet_table(stats_df, n_boot=n_boot) if stats_df is not None else pd.DataFrame()
            write_table(est, stats_dir / "outlet_estimates.csv")
            summary.stats["outlet_estimates"] = stats_dir / "outlet_estimates.csv"
            write_table(stats_df if stats_df is not None else pd.DataFrame(), stats_dir / "article_stats.csv")
            summary.stats["article_stats"] = stats_dir / "article_stats.csv"
            if want_terms:
                from framing.score.distinctive import distinctive_terms

                tc = _read_terms(run.path("terms.jsonl"))
                if len(tc.groups) >= 2:
                    dt = distinctive_terms(tc)
                else:
                    log.warning("distinctive terms need at least two outlets; found %s", tc.groups)
                    dt = pd.DataFrame()
                write_table(dt, stats_dir / "distinctive_terms.csv")
                summary.stats["distinctive_terms"] = stats_dir / "distinctive_terms.csv"
        if level == "outlet":
            est = outlet_table(stats_df, n_boot=n_boot) if stats_df is not None else pd.DataFrame()
            write_table(est, out)
            summary.n_rows = len(est)
        elif fmt == "parquet":
            _assemble_parquet(run, out, run.chunks_done)
        else:
            _assemble_text(run, out, fmt or "jsonl", columns)
        skip_file = skipped_path_for(out)
        if summary.n_skipped:
            run.files["skipped.jsonl"].close()
            os.replace(run.path("skipped.jsonl"), skip_file)
            summary.skipped_path = skip_file
        else:
            with contextlib.suppress(FileNotFoundError):
                skip_file.unlink()
    except OSError as exc:
        raise _write_error(exc, run.dir, out, run.chunks_done) from exc
    run.close()
    shutil.rmtree(run.dir, ignore_errors=True)


def read_output(path: str | Path) -> pd.DataFrame:
    """Read a file written by :func:`score_stream` (JSON lines, CSV or Parquet) into a DataFrame."""
    p = Path(path)
    fmt = _format_of(p)
    if fmt == "jsonl":
        with open(p, encoding="utf-8") as fh:
            return pd.DataFrame([json.loads(line) for line in fh if line.strip()])
    if fmt == "csv":
        return pd.read_csv(p, keep_default_na=False, na_values=[""])
    return pd.read_parquet(p)
