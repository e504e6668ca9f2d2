"""Text shared between articles: passages, containment, direction, republication.

Outlets copy each other and the wires. Before comparing outlets, find the
passages two or more articles share, so that a wire paragraph printed by three
outlets is not counted three times, and flag articles that republish another.

Method: word shingling (Broder 1997). Each article's word tokens (the shared
``Doc.tokens``, lower-cased, apostrophes unified) are hashed (CRC-32, stable
across processes) and every run of ``k`` consecutive words (a *shingle*) gets
a 64-bit polynomial hash. An inverted index (one sort of all shingle hashes)
pairs the occurrences of each shingle in different articles; matching
shingles close to each other in both articles (gaps of at most ``max_gap``
words, on nearly the same diagonal) are chained into one passage, so a
changed, inserted or deleted word breaks no passage, and every passage is
mapped back to character offsets in both ``Doc.text``. The containment of
article A in B is the share of A's distinct shingles found in B
(Broder 1997's *containment*).

What it does not handle: paraphrase (rewritten sentences share no five-word
run: see :mod:`framing.elements` for story elements told in other words),
translation, and copy shorter than ``min_words``.

Complexity: tokenising and hashing are linear in the corpus; the index is one
sort, ``O(S log S)`` for ``S`` shingles. Pairing is quadratic only in the
number of articles that share one shingle: a shingle found in more than
``max_docs`` articles (boilerplate, or a wire story run everywhere) links each
article to the first of them only (earliest date, then input order), which
keeps the work linear while still tracing every copy to one source.

References
----------
Broder, A.Z. (1997). On the resemblance and containment of documents.
*Compression and Complexity of Sequences*, 21-29.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing._log import get_logger
from framing.errors import InputError
from framing.resources import LexiconError, read_lexicon_text
from framing.segment import Doc

__all__ = [
    "ReuseIndex",
    "build_index",
    "containment_matrix",
    "containment_pairs",
    "original_spans",
    "republication",
    "sentence_originality",
    "shared_passages",
    "shared_spans",
]

log = get_logger(__name__)

_P = np.uint64(1_000_003)
_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'"})

PASSAGE_COLUMNS = [
    "article_a", "article_b", "a_start", "a_end", "b_start", "b_end", "words",
    "matched_shingles", "text", "b_text", "direction", "source", "copy_article",
]


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------


def _as_docs(docs: Iterable[Doc] | Mapping[str, Doc]) -> list[Doc]:
    if isinstance(docs, (str, Doc)):
        raise InputError(
            "expected a collection of Doc objects (e.g. analysis.docs), got a single "
            f"{type(docs).__name__}"
        )
    items = list(docs.values()) if isinstance(docs, Mapping) else list(docs)
    seen: set[str] = set()
    for i, d in enumerate(items):
        if not isinstance(d, Doc):
            raise InputError(
                f"item {i} is a {type(d).__name__}, not a Doc: segment texts first "
                "(framing.segment.segment)"
            )
        if d.id in seen:
            raise InputError(f"article id {d.id!r} occurs twice: ids must be unique")
        seen.add(d.id)
    return items


def outlet_of(doc: Doc) -> str:
    """The outlet of an article: ``meta["outlet"]`` when known, else the article id."""
    o = doc.meta.get("outlet")
    if o is None or (isinstance(o, float) and np.isnan(o)) or str(o).strip().lower() in ("", "unknown", "nan"):
        return doc.id
    return str(o)


def _date_of(doc: Doc) -> pd.Timestamp | None:
    d = doc.meta.get("date")
    if d is None or d == "":
        return None
    ts = pd.to_datetime(d, errors="coerce", utc=True)
    return None if pd.isna(ts) else ts


# ---------------------------------------------------------------------------
# Shingle index
# ---------------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def _token_hash(tok: str) -> int:
    return zlib.crc32(tok.encode("utf-8")) + 1


def _shingles(doc: Doc, k: int) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Shingle hashes (uint64, one per start word) and the word spans of ``doc``."""
    spans = doc.tokens
    if len(spans) < k:
        return np.empty(0, dtype=np.uint64), spans
    low = doc.lower
    th = np.fromiter(
        (_token_hash(low[s:e].translate(_APOS)) for s, e in spans), dtype=np.uint64, count=len(spans)
    )
    m = len(th) - k + 1
    h = th[:m].copy()
    with np.errstate(over="ignore"):
        for j in range(1, k):
            h = h * _P + th[j : j + m]
    return h, spans


@dataclass
class ReuseIndex:
    """Shingles of a collection of articles, built once and read by every reuse function.

    Attributes
    ----------
    docs : list of Doc
    k : int
        Words per shingle.
    hashes, doc_of, pos_of : ndarray
        All shingle occurrences (hash, article index, start word), sorted by hash.
    spans : list of list of (start, end)
        Word character spans of every article.
    n_distinct : ndarray
        Distinct shingles per article.
    order : ndarray
        Rank of every article in time (earliest date first, undated last,
        ties in input order): the "first" article of a shared shingle.
    """

    docs: list[Doc]
    k: int
    hashes: np.ndarray
    doc_of: np.ndarray
    pos_of: np.ndarray
    spans: list[list[tuple[int, int]]]
    n_distinct: np.ndarray
    order: np.ndarray
    dates: list[pd.Timestamp | None]


def build_index(docs: Iterable[Doc] | Mapping[str, Doc], *, k: int = 5) -> ReuseIndex:
    """Hash the ``k``-word shingles of every article into one sorted index.

    Parameters
    ----------
    docs : iterable of Doc or mapping of id to Doc
    k : int, default=5
        Words per shingle; 5 finds shared sentences while ignoring common
        three- and four-word phrases.
    """
    if not isinstance(k, int) or k < 2:
        raise InputError(f"k={k!r}: a shingle needs an integer of at least 2 words")
    items = _as_docs(docs)
    hs, ds, ps, spans, nd = [], [], [], [], []
    for i, d in enumerate(items):
        h, sp = _shingles(d, k)
        spans.append(sp)
        hs.append(h)
        ds.append(np.full(len(h), i, dtype=np.int64))
        ps.append(np.arange(len(h), dtype=np.int64))
        nd.append(len(np.unique(h)))
    hashes = np.concatenate(hs) if hs else np.empty(0, dtype=np.uint64)
    doc_of = np.concatenate(ds) if ds else np.empty(0, dtype=np.int64)
    pos_of = np.concatenate(ps) if ps else np.empty(0, dtype=np.int64)
    srt = np.lexsort((pos_of, doc_of, hashes))
    dates = [_date_of(d) for d in items]
    far = pd.Timestamp.max.tz_localize("UTC")
    rank = sorted(range(len(items)), key=lambda i: (dates[i] is None, dates[i] or far, i))
    order = np.empty(len(items), dtype=np.int64)
    order[rank] = np.arange(len(items))
    return ReuseIndex(
        items, k, hashes[srt], doc_of[srt], pos_of[srt], spans, np.asarray(nd, dtype=np.int64), order, dates
    )


def _index(docs: Any, k: int) -> ReuseIndex:
    if isinstance(docs, ReuseIndex):
        if docs.k != k:
            return build_index(docs.docs, k=k)
        return docs
    return build_index(docs, k=k)


def _groups(ix: ReuseIndex) -> tuple[np.ndarray, np.ndarray]:
    """Start and end of every run of equal hashes found in at least two articles."""
    h = ix.hashes
    if len(h) < 2:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    brk = np.flatnonzero(h[1:] != h[:-1]) + 1
    starts = np.concatenate([[0], brk])
    ends = np.concatenate([brk, [len(h)]])
    multi = ends - starts > 1
    starts, ends = starts[multi], ends[multi]
    d = ix.doc_of
    cross = d[starts] != d[ends - 1]  # sorted by doc inside a run
    return starts[cross], ends[cross]


def _matches(ix: ReuseIndex, max_docs: int) -> np.ndarray:
    """Occurrence pairs ``(a, b, pos_a, pos_b)`` with ``a < b`` sharing a shingle."""
    starts, ends = _groups(ix)
    out: list[np.ndarray] = []
    d, p, order = ix.doc_of, ix.pos_of, ix.order
    capped = 0
    for s, e in zip(starts.tolist(), ends.tolist()):
        dd, pp = d[s:e], p[s:e]
        docs_here = np.unique(dd)
        if len(docs_here) > max_docs:
            capped += 1
            first = docs_here[np.argmin(order[docs_here])]
            fa = pp[dd == first]
            others = dd != first
            ob, op = dd[others], pp[others]
            ia = np.repeat(fa, len(ob))
            ib = np.tile(ob, len(fa))
            ipb = np.tile(op, len(fa))
            ifa = np.full(len(ia), first)
            a = np.minimum(ifa, ib)
            swap = ifa > ib
            out.append(np.stack([a, np.maximum(ifa, ib), np.where(swap, ipb, ia), np.where(swap, ia, ipb)], 1))
            continue
        ii, jj = np.triu_indices(len(dd), 1)
        keep = dd[ii] != dd[jj]
        ii, jj = ii[keep], jj[keep]
        out.append(np.stack([dd[ii], dd[jj], pp[ii], pp[jj]], 1))  # dd sorted: dd[ii] < dd[jj]
    if capped:
        log.info("%d shingle(s) occur in more than %d articles: linked to their first article only", capped, max_docs)
    if not out:
        return np.empty((0, 4), dtype=np.int64)
    m = np.concatenate(out)
    return m[np.lexsort((m[:, 3], m[:, 2], m[:, 1], m[:, 0]))]


def _chain(pa: np.ndarray, pb: np.ndarray, max_gap: int) -> list[tuple[int, int, int, int, int]]:
    """Chain matches of one article pair into passages ``(a0, a1, b0, b1, n_matches)`` (word starts)."""
    active: list[list[int]] = []  # [first_a, last_a, first_b, last_b, count, min_b, max_b]
    done: list[list[int]] = []
    for x, y in zip(pa.tolist(), pb.tolist()):
        still = []
        for c in active:
            (done if x - c[1] > max_gap else still).append(c)
        active = still
        best, best_dd = None, None
        for c in active:
            dx, dy = x - c[1], y - c[3]
            if 0 < dx <= max_gap and 0 < dy <= max_gap:
                dd = abs(dx - dy)
                if dd <= max_gap and (best is None or dd < best_dd):
                    best, best_dd = c, dd
        if best is None:
            active.append([x, x, y, y, 1, y, y])
        else:
            best[1], best[3], best[4] = x, y, best[4] + 1
            best[5], best[6] = min(best[5], y), max(best[6], y)
    done.extend(active)
    return [(c[0], c[1], c[5], c[6], c[4]) for c in done]


def _direction(ix: ReuseIndex, a: int, b: int) -> tuple[str, str, str]:
    """``(direction, source_id, copy_id)`` from dates; ``"unknown"`` when they cannot tell."""
    da, db = ix.dates[a], ix.dates[b]
    ida, idb = ix.docs[a].id, ix.docs[b].id
    if da is not None and db is not None and da != db:
        return ("a->b", ida, idb) if da < db else ("b->a", idb, ida)
    return "unknown", "", ""


def shared_passages(
    docs: Iterable[Doc] | Mapping[str, Doc] | ReuseIndex,
    *,
    k: int = 5,
    min_words: int = 12,
    max_gap: int = 15,
    max_docs: int = 50,
) -> pd.DataFrame:
    """Passages shared by two articles, with offsets in both.

    Parameters
    ----------
    docs : iterable of Doc, mapping of id to Doc, or ReuseIndex
    k : int, default=5
        Words per shingle.
    min_words : int, default=12
        Shorter shared runs are ignored (names such as "the Trump Route for
        International Peace and Prosperity" are 8 words and not copy).
    max_gap : int, default=15
        Largest gap, in words, between matching shingles of one passage in
        either article: a changed word breaks ``k`` shingles, so this must
        exceed ``k`` for one edit not to split a passage.
    max_docs : int, default=50
        Shingles found in more articles link each to the first one only.

    Returns
    -------
    DataFrame
        One row per passage and article pair: ``article_a``, ``article_b``
        (``a`` first in input order), ``a_start``, ``a_end``, ``b_start``,
        ``b_end`` (character offsets into each ``Doc.text``), ``words``
        (length in A's words), ``matched_shingles``, ``text`` (A's
        passage), ``b_text``, ``direction`` (``"a->b"``, ``"b->a"`` from
        the dates in ``meta["date"]``, or ``"unknown"``), ``source`` and
        ``copy_article`` (ids, empty when unknown).
    """
    ix = _index(docs, k)
    if max_gap < 1:
        raise InputError(f"max_gap={max_gap!r}: need at least 1 word")
    m = _matches(ix, max_docs)
    rows = []
    if len(m):
        brk = np.flatnonzero((m[1:, 0] != m[:-1, 0]) | (m[1:, 1] != m[:-1, 1])) + 1
        for s, e in zip(np.concatenate([[0], brk]).tolist(), np.concatenate([brk, [len(m)]]).tolist()):
            a, b = int(m[s, 0]), int(m[s, 1])
            da, db = ix.docs[a], ix.docs[b]
            sa, sb = ix.spans[a], ix.spans[b]
            direction, src, cpy = _direction(ix, a, b)
            for a0, a1, b0, b1, cnt in _chain(m[s:e, 2], m[s:e, 3], max_gap):
                words = a1 + k - a0
                if words < min_words:
                    continue
                cs, ce = sa[a0][0], sa[a1 + k - 1][1]
                bs, be = sb[b0][0], sb[b1 + k - 1][1]
                rows.append(
                    {
                        "article_a": da.id, "article_b": db.id, "a_start": cs, "a_end": ce,
                        "b_start": bs, "b_end": be, "words": words, "matched_shingles": cnt,
                        "text": da.text[cs:ce], "b_text": db.text[bs:be],
                        "direction": direction, "source": src, "copy_article": cpy,
                    }
                )
    out = pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
    return out.sort_values(["article_a", "article_b", "a_start"], kind="stable", ignore_index=True)


def containment_pairs(
    docs: Iterable[Doc] | Mapping[str, Doc] | ReuseIndex, *, k: int = 5, max_docs: int = 50
) -> pd.DataFrame:
    """Containment of every article in every other that shares a shingle with it (tidy, sparse).

    Returns
    -------
    DataFrame
        ``article``, ``other``, ``shared`` (distinct shingles in both),
        ``shingles`` (distinct shingles of ``article``), ``containment``
        (``shared / shingles``: the share of ``article``'s text found in
        ``other``), ``direction`` (``"other->article"`` when ``other`` is
        dated earlier, ``"article->other"`` when later, else ``"unknown"``).
        Pairs sharing nothing are left out.
    """
    ix = _index(docs, k)
    m = _matches(ix, max_docs)
    if len(m):
        # distinct shingles shared: one per (a, b, hash); recover hash via positions
        ha = _hash_at(ix, m[:, 0], m[:, 2])
        key = pd.DataFrame({"a": m[:, 0], "b": m[:, 1], "h": ha}).drop_duplicates()
        cnt = key.groupby(["a", "b"], sort=True).size()
        a_idx = cnt.index.get_level_values(0).to_numpy()
        b_idx = cnt.index.get_level_values(1).to_numpy()
        shared = cnt.to_numpy()
    else:
        a_idx = b_idx = shared = np.empty(0, dtype=np.int64)
    rows = []
    for a, b, sh in zip(a_idx.tolist(), b_idx.tolist(), shared.tolist()):
        for x, y in ((a, b), (b, a)):
            direction, src, _ = _direction(ix, x, y)
            if direction != "unknown":
                direction = "other->article" if src == ix.docs[y].id else "article->other"
            rows.append(
                {
                    "article": ix.docs[x].id, "other": ix.docs[y].id, "shared": sh,
                    "shingles": int(ix.n_distinct[x]),
                    "containment": sh / ix.n_distinct[x] if ix.n_distinct[x] else 0.0,
                    "direction": direction,
                }
            )
    cols = ["article", "other", "shared", "shingles", "containment", "direction"]
    return pd.DataFrame(rows, columns=cols).sort_values(["article", "other"], ignore_index=True)


def _hash_at(ix: ReuseIndex, doc: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Hash of the shingle starting at word ``pos`` of article ``doc``."""
    # position of each (doc, pos) in the sorted index
    n = np.bincount(ix.doc_of, minlength=len(ix.docs))
    base = np.concatenate([[0], np.cumsum(n)[:-1]])
    flat = np.empty(len(ix.hashes), dtype=np.uint64)
    flat[base[ix.doc_of] + ix.pos_of] = ix.hashes
    return flat[base[doc] + pos]


def containment_matrix(
    docs: Iterable[Doc] | Mapping[str, Doc] | ReuseIndex, *, k: int = 5, max_docs: int = 50
) -> pd.DataFrame:
    """Square matrix: row A, column B = share of A's distinct shingles found in B.

    The diagonal is 1 (0 for an article too short to have a shingle). Dense:
    for large corpora use :func:`containment_pairs`, which lists only the
    pairs that share something.
    """
    ix = _index(docs, k)
    ids = [d.id for d in ix.docs]
    if len(ids) > 5000:
        log.warning("containment_matrix: %d articles make a dense %d x %d matrix; "
                    "containment_pairs() is the sparse form", len(ids), len(ids), len(ids))
    mat = pd.DataFrame(0.0, index=pd.Index(ids, name="article"), columns=pd.Index(ids, name="other"))
    for i, d in enumerate(ix.docs):
        mat.loc[d.id, d.id] = 1.0 if ix.n_distinct[i] else 0.0
    pairs = containment_pairs(ix, k=k, max_docs=max_docs)
    for a, o, c in zip(pairs["article"], pairs["other"], pairs["containment"]):
        mat.loc[a, o] = c
    return mat


# ---------------------------------------------------------------------------
# Republication
# ---------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _republish_rules(path: str | None = None) -> tuple[tuple[str, re.Pattern[str]], ...]:
    text, name = read_lexicon_text(path, "lexicons", "republish_patterns.txt")
    rules = []
    for ln, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, sep, rx = line.partition("\t")
        if not sep or kind not in ("flag", "source"):
            raise LexiconError(f"{name}, line {ln}: expected 'flag<TAB>regex' or 'source<TAB>regex'")
        try:
            rules.append((kind, re.compile(rx, re.IGNORECASE)))
        except re.error as exc:
            raise LexiconError(f"{name}, line {ln}: bad regular expression ({exc})") from None
    return tuple(rules)


def republication(
    docs: Iterable[Doc] | Mapping[str, Doc] | ReuseIndex,
    *,
    threshold: float = 0.5,
    k: int = 5,
    patterns: str | Path | None = None,
    max_docs: int = 50,
) -> pd.DataFrame:
    """Flag articles that republish another article or say they republish one.

    Parameters
    ----------
    docs : iterable of Doc, mapping, or ReuseIndex
    threshold : float, default=0.5
        An article is a copy when at least this share of its shingles is
        found in another article that is dated earlier (or undated: then
        both are flagged, direction unknown).
    patterns : path, optional
        A rules file like ``framing/lexicons/republish_patterns.txt``
        (``flag``/``source`` lines of regexes) instead of the packaged one.

    Returns
    -------
    DataFrame
        One row per article: ``article_id``, ``outlet``, ``republished``
        (bool), ``by_containment``, ``by_text``, ``max_containment``,
        ``contained_in`` (the article holding most of it), ``direction``,
        ``source_named`` (outlet named by the text, if any), ``evidence``,
        ``evidence_start``, ``evidence_end`` (offsets of the phrase that
        says so, -1 when none), ``reason``.
    """
    if not 0 < threshold <= 1:
        raise InputError(f"threshold={threshold!r}: need a share in (0, 1]")
    ix = _index(docs, k)
    rules = _republish_rules(None if patterns is None else str(patterns))
    pairs = containment_pairs(ix, k=k, max_docs=max_docs)
    rows = []
    for d in ix.docs:
        mine = pairs[pairs["article"] == d.id]
        best = mine.loc[mine["containment"].idxmax()] if len(mine) else None
        cont = float(best["containment"]) if best is not None else 0.0
        by_cont = bool(best is not None and cont >= threshold and best["direction"] != "article->other")
        flag = src = None
        for kind, rx in rules:
            mt = rx.search(d.text)
            if mt is None:
                continue
            if kind == "flag" and flag is None:
                flag = mt
            if src is None and "source" in rx.groupindex and mt.group("source"):
                src = mt.group("source")
        reasons = []
        if by_cont:
            reasons.append(
                f"{cont:.0%} of its text is found in {best['other']}"
                + (" (dated earlier)" if best["direction"] == "other->article" else " (dates unknown)")
            )
        if flag is not None:
            reasons.append(f"the text says so: {flag.group(0)!r}")
        rows.append(
            {
                "article_id": d.id, "outlet": outlet_of(d), "republished": by_cont or flag is not None,
                "by_containment": by_cont, "by_text": flag is not None, "max_containment": cont,
                "contained_in": "" if best is None else str(best["other"]),
                "direction": "" if best is None else str(best["direction"]),
                "source_named": src or "", "evidence": flag.group(0) if flag else "",
                "evidence_start": flag.start() if flag else -1,
                "evidence_end": flag.end() if flag else -1, "reason": "; ".join(reasons),
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# Original text only
# ---------------------------------------------------------------------------


def _merge(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def shared_spans(
    docs: Iterable[Doc] | Mapping[str, Doc] | ReuseIndex,
    passages: pd.DataFrame | None = None,
    **kwargs: Any,
) -> pd.DataFrame:
    """Spans to leave out to score original text only: a shared passage is kept once.

    Of every shared passage, the copy in the *later* article is dropped
    (earlier by ``meta["date"]``; undated or same date: later in input
    order), so a paragraph printed by three outlets stays in the first one
    only. Overlapping spans are merged.

    Parameters
    ----------
    docs : iterable of Doc, mapping, or ReuseIndex
    passages : DataFrame, optional
        The output of :func:`shared_passages` (computed when omitted, with
        ``**kwargs``).

    Returns
    -------
    DataFrame
        ``article_id``, ``start``, ``end``, ``kept_in`` (the article whose
        copy is kept; several joined by ``;``).
    """
    k = kwargs.get("k", 5)
    ix = _index(docs, k)
    if passages is None:
        passages = shared_passages(ix, **kwargs)
    pos = {d.id: i for i, d in enumerate(ix.docs)}
    drop: dict[str, list[tuple[int, int, str]]] = {}
    for r in passages.itertuples(index=False):
        a, b = pos[r.article_a], pos[r.article_b]
        later_is_b = ix.order[b] > ix.order[a]
        if later_is_b:
            drop.setdefault(r.article_b, []).append((r.b_start, r.b_end, r.article_a))
        else:
            drop.setdefault(r.article_a, []).append((r.a_start, r.a_end, r.article_b))
    rows = []
    for art in sorted(drop, key=pos.get):
        spans = sorted(drop[art])
        for s, e in _merge([(x, y) for x, y, _ in spans]):
            kept = sorted({o for x, y, o in spans if x < e and y > s}, key=pos.get)
            rows.append({"article_id": art, "start": s, "end": e, "kept_in": ";".join(kept)})
    return pd.DataFrame(rows, columns=["article_id", "start", "end", "kept_in"])


def original_spans(
    docs: Iterable[Doc] | Mapping[str, Doc] | ReuseIndex, spans: pd.DataFrame | None = None, **kwargs: Any
) -> dict[str, list[tuple[int, int]]]:
    """The complement of :func:`shared_spans`: each article's original text as ``(start, end)`` spans."""
    ix = _index(docs, kwargs.get("k", 5))
    if spans is None:
        spans = shared_spans(ix, **kwargs)
    by_art: dict[str, list[tuple[int, int]]] = {}
    for r in spans.itertuples(index=False):
        by_art.setdefault(r.article_id, []).append((r.start, r.end))
    out = {}
    for d in ix.docs:
        keep, cur = [], 0
        for s, e in _merge(by_art.get(d.id, [])):
            if s > cur:
                keep.append((cur, s))
            cur = max(cur, e)
        if cur < len(d.text):
            keep.append((cur, len(d.text)))
        out[d.id] = keep
    return out


def sentence_originality(
    docs: Iterable[Doc] | Mapping[str, Doc] | ReuseIndex,
    spans: pd.DataFrame | None = None,
    *,
    min_shared: float = 0.5,
    **kwargs: Any,
) -> pd.DataFrame:
    """Which sentences are original: join it to a sentences table to score original text only.

    Parameters
    ----------
    docs : iterable of Doc, mapping, or ReuseIndex
    spans : DataFrame, optional
        Output of :func:`shared_spans`.
    min_shared : float, default=0.5
        A sentence with at least this share of its characters inside a
        dropped span is not original.

    Returns
    -------
    DataFrame
        ``article_id``, ``sentence`` (index in ``Doc.sentences``), ``start``,
        ``end``, ``shared_chars``, ``shared_share``, ``original`` (bool),
        ``kept_in``.
    """
    ix = _index(docs, kwargs.get("k", 5))
    if spans is None:
        spans = shared_spans(ix, **kwargs)
    by_art: dict[str, list[tuple[int, int, str]]] = {}
    for r in spans.itertuples(index=False):
        by_art.setdefault(r.article_id, []).append((r.start, r.end, r.kept_in))
    rows = []
    for d in ix.docs:
        sp = by_art.get(d.id, [])
        for s in d.sentences:
            shared, kept = 0, []
            for a, b, kin in sp:
                ov = min(b, s.end) - max(a, s.start)
                if ov > 0:
                    shared += ov
                    kept.append(kin)
            length = max(s.end - s.start, 1)
            rows.append(
                {
                    "article_id": d.id, "sentence": s.index, "start": s.start, "end": s.end,
                    "shared_chars": shared, "shared_share": shared / length,
                    "original": shared / length < min_shared, "kept_in": ";".join(kept),
                }
            )
    return pd.DataFrame(
        rows,
        columns=["article_id", "sentence", "start", "end", "shared_chars", "shared_share", "original", "kept_in"],
    )
