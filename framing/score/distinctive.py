"""Distinctive vocabulary: which words set one outlet's coverage apart.

Weighted log-odds ratios with an informative Dirichlet prior, the "Fightin'
Words" method of Monroe, Colaresi & Quinn (2008). For a word ``w`` used
``y_i`` times by group ``i`` (``n_i`` words in all) and ``y_j`` times by the
comparison group ``j``, with prior pseudo-counts ``a_w = a0 * p_w`` taken from
the whole corpus (``p_w`` the pooled frequency, ``a0`` the prior strength)::

    delta_w = log((y_i + a_w) / (n_i + a0 - y_i - a_w))
            - log((y_j + a_w) / (n_j + a0 - y_j - a_w))
    var_w  ~= 1 / (y_i + a_w) + 1 / (y_j + a_w)
    z_w     = delta_w / sqrt(var_w)

The prior shrinks the log-odds of rare words toward zero, and the z-score
weighs the estimate by its uncertainty, so the list is not dominated by rare
words (as raw log-odds are) nor by frequent ones (as raw differences are).

Counts are kept in a :class:`TermCounts`, which can be built chunk by chunk
and summed (``a + b``), so a corpus can be streamed without holding its texts.

Tokens are the shared word tokens of :class:`~framing.segment.Doc`
(``doc.tokens``), lower-cased, with the possessive ``'s`` removed; stop words
(``framing/lexicons/stopwords_en.txt``), numbers and one-letter tokens are
dropped; an all-capitals token (``US``, ``AI``) is never a stop word. Bigrams
are two adjacent kept words in the same sentence with no stop word between
them. Non-English text is skipped. No stemming.

References
----------
Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words:
Lexical feature selection and evaluation for identifying the content of
political conflict. Political Analysis, 16(4), 372-403.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from framing._log import get_logger
from framing.errors import InputError
from framing.resources import read_package_text
from framing.segment import Doc, Sentence

__all__ = [
    "TermCounts",
    "distinctive_terms",
    "log_odds",
    "sentence_terms",
    "stop_words",
]

log = get_logger(__name__)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The packaged English stop-word list (``framing/lexicons/stopwords_en.txt``)."""
    words = set()
    for line in read_package_text("lexicons", "stopwords_en.txt").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.add(line.replace("’", "'"))
    return frozenset(words)


def _norm_token(tok: str) -> str:
    t = tok.lower().replace("’", "'")
    if t.endswith("'s"):
        t = t[:-2]
    return t


def _keep(tok: str, orig: str, stops: frozenset[str]) -> bool:
    if len(tok) < 2 or not any(c.isalpha() for c in tok):
        return False
    if tok in stops:
        return orig.isupper() and len(orig) >= 2  # "US", "IT", "AI"
    return True


def _check_range(ngram_range: tuple[int, int]) -> tuple[int, int]:
    try:
        lo, hi = (int(x) for x in ngram_range)
    except (TypeError, ValueError):
        raise InputError(f"ngram_range must be (min_n, max_n), got {ngram_range!r}") from None
    if not 1 <= lo <= hi <= 2:
        raise InputError(f"ngram_range must be (1, 1), (1, 2) or (2, 2), got {ngram_range!r}")
    return lo, hi


def sentence_terms(
    doc: Doc,
    *,
    ngram_range: tuple[int, int] = (1, 2),
    stop: frozenset[str] | None = None,
    skip_spans: Mapping[int, list[tuple[int, int]]] | None = None,
) -> Iterator[tuple[Sentence, list[str]]]:
    """Unigrams and bigrams of each English sentence of a document.

    Parameters
    ----------
    doc : Doc
    ngram_range : (int, int), default=(1, 2)
    stop : frozenset of str, default=None
        Stop words (the packaged list when omitted).
    skip_spans : mapping of sentence index to list of (start, end), optional
        Character spans whose tokens are dropped (and break bigrams).

    Yields
    ------
    (Sentence, list of str)
        Bigrams are ``"w1 w2"``.
    """
    lo, hi = _check_range(ngram_range)
    stops = stop_words() if stop is None else stop
    tokens = doc.tokens
    starts = [s for s, _ in tokens]
    text = doc.text
    foreign = [(s, e) for s, e, _ in doc.foreign_spans]
    for sent in doc.sentences:
        if sent.lang != "en":
            continue
        i0 = bisect.bisect_left(starts, sent.start)
        i1 = bisect.bisect_left(starts, sent.end)
        skips = (skip_spans or {}).get(sent.index, ())
        out: list[str] = []
        prev: str | None = None
        for s, e in tokens[i0:i1]:
            orig = text[s:e]
            if (foreign and any(a <= s < b for a, b in foreign)) or (
                skips and any(a <= s < b for a, b in skips)
            ):
                prev = None
                continue
            t = _norm_token(orig)
            if not _keep(t, orig, stops):
                prev = None
                continue
            if lo == 1:
                out.append(t)
            if hi == 2 and prev is not None:
                out.append(prev + " " + t)
            prev = t
        yield sent, out


class TermCounts:
    """Unigram and bigram counts per group (outlet), summable across chunks.

    Parameters
    ----------
    ngram_range : (int, int), default=(1, 2)
        Unigrams and/or bigrams.

    Attributes
    ----------
    counts : dict of str to Counter
        Group -> term -> count. Bigrams are ``"w1 w2"``.
    n_docs : Counter
        Documents per group.

    Examples
    --------
    >>> from framing.segment import segment
    >>> a = TermCounts().add(segment("Pipelines carry gas."), group="x")
    >>> b = TermCounts().add(segment("Pipelines carry oil."), group="y")
    >>> (a + b).counts["y"]["pipelines"]
    1
    """

    def __init__(self, ngram_range: tuple[int, int] = (1, 2)) -> None:
        self.ngram_range = _check_range(ngram_range)
        self.counts: dict[str, Counter[str]] = {}
        self.n_docs: Counter[str] = Counter()

    def add(self, doc: Doc, group: str | None = None) -> TermCounts:
        """Count one document under ``group`` (default: its outlet, else its id); returns self."""
        if not isinstance(doc, Doc):
            raise InputError(f"TermCounts.add() needs a Doc, got {type(doc).__name__}")
        if group is None:
            group = doc.meta.get("outlet")
            if not group:
                log.warning("article %r has no outlet; counted under its own id", doc.id)
                group = doc.id
        c = self.counts.setdefault(str(group), Counter())
        for _sent, terms in sentence_terms(doc, ngram_range=self.ngram_range):
            c.update(terms)
        self.n_docs[str(group)] += 1
        return self

    @classmethod
    def from_docs(
        cls, docs: Iterable[Doc], *, by: str = "outlet", ngram_range: tuple[int, int] = (1, 2)
    ) -> TermCounts:
        """Count documents grouped by ``doc.meta[by]`` (``by="id"`` groups by article)."""
        tc = cls(ngram_range)
        if isinstance(docs, (str, Doc)):
            raise InputError(f"TermCounts.from_docs() needs an iterable of Doc, got a single {type(docs).__name__}")
        for i, d in enumerate(docs):
            if not isinstance(d, Doc):
                raise InputError(f"TermCounts.from_docs(): item {i} is a {type(d).__name__}, not a Doc")
            if by == "id":
                g = d.id
            else:
                g = d.meta.get(by)
                if not g:
                    log.warning("article %r has no %r; counted under its own id", d.id, by)
                    g = d.id
            tc.add(d, group=str(g))
        return tc

    def __add__(self, other: TermCounts) -> TermCounts:
        out = TermCounts(self.ngram_range)
        out += self
        out += other
        return out

    def __iadd__(self, other: TermCounts) -> TermCounts:
        if not isinstance(other, TermCounts):
            return NotImplemented
        if other.ngram_range != self.ngram_range:
            raise InputError(
                f"cannot add TermCounts with ngram_range {other.ngram_range} to {self.ngram_range}"
            )
        for g, c in other.counts.items():
            self.counts.setdefault(g, Counter()).update(c)
        self.n_docs.update(other.n_docs)
        return self

    def __radd__(self, other: Any) -> TermCounts:
        if other == 0:  # sum([...])
            out = TermCounts(self.ngram_range)
            out += self
            return out
        return NotImplemented

    @property
    def groups(self) -> list[str]:
        """Group names, sorted."""
        return sorted(self.counts)

    def to_frame(self) -> pd.DataFrame:
        """Tidy counts: ``group``, ``term``, ``ngram``, ``count``."""
        rows = [(g, t, t.count(" ") + 1, n) for g in self.groups for t, n in self.counts[g].items()]
        return pd.DataFrame(rows, columns=["group", "term", "ngram", "count"])

    def __repr__(self) -> str:
        return f"TermCounts({len(self.counts)} groups, ngram_range={self.ngram_range})"


def log_odds(
    y_i: np.ndarray,
    y_j: np.ndarray,
    prior: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted log-odds ratio and its z-score (Monroe et al. 2008, eq. 16, 18-20).

    Parameters
    ----------
    y_i, y_j : ndarray of shape (n_terms,)
        Counts of each term in the two groups.
    prior : ndarray of shape (n_terms,)
        Dirichlet pseudo-counts ``a_w`` (> 0).

    Returns
    -------
    delta : ndarray
        Log-odds ratio of group ``i`` over group ``j`` (positive: more typical of ``i``).
    z : ndarray
        ``delta / sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))``.
    """
    y_i = np.asarray(y_i, dtype=float)
    y_j = np.asarray(y_j, dtype=float)
    a = np.asarray(prior, dtype=float)
    a0 = a.sum()
    n_i = y_i.sum()
    n_j = y_j.sum()
    delta = np.log((y_i + a) / (n_i + a0 - y_i - a)) - np.log((y_j + a) / (n_j + a0 - y_j - a))
    var = 1.0 / (y_i + a) + 1.0 / (y_j + a)
    return delta, delta / np.sqrt(var)


_COLUMNS = [
    "group", "versus", "ngram", "term", "count", "count_versus", "per_1k", "per_1k_versus",
    "log_odds", "se", "z",
]


def distinctive_terms(
    data: TermCounts | Iterable[Doc],
    *,
    by: str = "outlet",
    pair: tuple[str, str] | None = None,
    ngram_range: tuple[int, int] = (1, 2),
    prior_strength: float | None = None,
    min_count: int = 2,
    top: int | None = None,
) -> pd.DataFrame:
    """Distinctive words of each outlet against the rest, or of two outlets.

    Parameters
    ----------
    data : TermCounts or iterable of Doc
        Counts (possibly summed from streamed chunks) or documents to count.
    by : str, default="outlet"
        Grouping key of ``doc.meta`` when ``data`` holds documents.
    pair : (str, str), default=None
        Compare these two groups directly (``group`` vs ``versus``); by default
        each group is compared with all the others pooled.
    ngram_range : (int, int), default=(1, 2)
        When counting documents.
    prior_strength : float, default=None
        ``a0``, the total pseudo-count of the informative prior. ``None`` uses
        the pooled corpus counts themselves (``a_w`` = the word's count in the
        whole corpus, i.e. ``a0`` = corpus size), the usual choice (as in the
        ``tidylo`` package); smaller values shrink less.
    min_count : int, default=2
        Drop terms used fewer times than this by the two sides together.
    top : int, default=None
        Keep the ``top`` terms with the highest z per group and n-gram order
        (the most typical of ``group``); all terms when ``None``.

    Returns
    -------
    DataFrame
        Tidy: ``group``, ``versus`` (``"rest"`` or the other outlet), ``ngram``
        (1 or 2), ``term``, raw ``count`` and ``count_versus``, ``per_1k`` and
        ``per_1k_versus`` (per 1,000 n-grams of that order), ``log_odds``
        (``delta``), ``se`` and ``z``; sorted by group, n-gram and descending
        ``z``. Unigrams and bigrams are modelled separately (each order is its
        own multinomial).

    Raises
    ------
    InputError
        Fewer than two groups, an unknown group in ``pair``, a bad parameter.
    """
    if isinstance(data, TermCounts):
        tc = data
    else:
        tc = TermCounts.from_docs(data, by=by, ngram_range=ngram_range)
    groups = tc.groups
    if len(groups) < 2:
        raise InputError(
            f"distinctive_terms() needs at least two groups ({by!r}) to compare, got {groups}"
        )
    if prior_strength is not None and not prior_strength > 0:
        raise InputError(f"prior_strength must be > 0 or None, got {prior_strength!r}")
    if min_count < 0:
        raise InputError(f"min_count must be >= 0, got {min_count}")
    if pair is not None:
        a, b = pair
        for g in (a, b):
            if g not in tc.counts:
                raise InputError(f"distinctive_terms(): unknown group {g!r}; groups: {groups}")
        if a == b:
            raise InputError(f"distinctive_terms(): pair compares {a!r} with itself")
        comparisons = [(a, [b], b)]
    else:
        comparisons = [(g, [h for h in groups if h != g], "rest") for g in groups]
    frames = []
    for order in (1, 2):
        vocab = sorted({t for c in tc.counts.values() for t in c if t.count(" ") + 1 == order})
        if not vocab:
            continue
        index = {t: k for k, t in enumerate(vocab)}
        mat = np.zeros((len(groups), len(vocab)))
        for gi, g in enumerate(groups):
            for t, n in tc.counts[g].items():
                k = index.get(t)
                if k is not None:
                    mat[gi, k] = n
        gpos = {g: gi for gi, g in enumerate(groups)}
        for g, others, label in comparisons:
            y_i = mat[gpos[g]]
            y_j = mat[[gpos[h] for h in others]].sum(axis=0)
            # background: the whole corpus (all groups), as in Monroe et al. sec. 3.5.3
            pooled = mat.sum(axis=0) if pair is None else y_i + y_j
            if prior_strength is None:
                prior = pooled.copy()
            else:
                prior = prior_strength * pooled / pooled.sum()
            keep = (pooled > 0) & (y_i + y_j > 0)
            prior = np.where(prior > 0, prior, 1e-9)
            delta, z = log_odds(y_i[keep], y_j[keep], prior[keep])
            yi, yj = y_i[keep], y_j[keep]
            se = np.sqrt(1.0 / (yi + prior[keep]) + 1.0 / (yj + prior[keep]))
            terms = np.array(vocab, dtype=object)[keep]
            ni, nj = y_i.sum(), y_j.sum()
            df = pd.DataFrame(
                {
                    "group": g,
                    "versus": label,
                    "ngram": order,
                    "term": terms,
                    "count": yi.astype("int64"),
                    "count_versus": yj.astype("int64"),
                    "per_1k": 1000.0 * yi / ni if ni else np.nan,
                    "per_1k_versus": 1000.0 * yj / nj if nj else np.nan,
                    "log_odds": delta,
                    "se": se,
                    "z": z,
                }
            )
            df = df[df["count"] + df["count_versus"] >= min_count]
            df = df.sort_values(["z", "term"], ascending=[False, True], kind="mergesort")
            if top is not None:
                df = df.head(top)
            frames.append(df)
    if not frames:
        return pd.DataFrame(columns=_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    order_groups = {g: k for k, (g, _, _) in enumerate(comparisons)}
    out["_g"] = out["group"].map(order_groups)
    out = out.sort_values(["_g", "ngram", "z"], ascending=[True, True, False], kind="mergesort")
    return out.drop(columns="_g").reset_index(drop=True)[_COLUMNS]
