"""Outlet estimates with honest uncertainty: cluster bootstrap and permutation tests.

Scorer-independent statistics on tidy tables of *units* (sentences, quotes,
articles) nested in articles nested in outlets. Every function takes explicit
column names, so the same code compares tone (one row per sentence), theme
emphasis (one 0/1 row per sentence: does it touch the theme?) and voices
(one 0/1 row per quote: is the speaker from group g?).

The computation runs on **per-article sufficient statistics** (count, sum and
sum of squares of the unit values): :func:`article_summaries` builds them,
:func:`combine_summaries` adds up summaries built chunk by chunk (streaming),
and :func:`outlet_estimates_from_summaries` gives the outlet table without any
unit in memory. :func:`outlet_estimates` is the convenience entry point on a
unit table; with the units at hand it resamples them exactly.

References
----------
Davison, A.C. & Hinkley, D.V. (1997). *Bootstrap Methods and their
Application*, section 3.8 (hierarchical data). Cambridge University Press.
Field, C.A. & Welsh, A.H. (2007). Bootstrapping clustered data. *JRSS B* 69(3).
Efron, B. & Tibshirani, R. (1993). *An Introduction to the Bootstrap*, ch. 13
(percentile intervals) and ch. 15 (permutation tests).
Phipson, B. & Smyth, G.K. (2010). Permutation p-values should never be zero.
*Statistical Applications in Genetics and Molecular Biology* 9(1).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framing import config
from framing._log import get_logger
from framing.errors import InputError

__all__ = [
    "STATS",
    "compare",
    "headline_vs_body",
    "article_summaries",
    "combine_summaries",
    "outlet_estimates",
    "outlet_estimates_from_summaries",
]

log = get_logger(__name__)

#: Statistics an outlet estimate can use. ``"mean"``: mean over the outlet's
#: units (sentences) pooled, so long articles weigh more; ``"article_mean"``:
#: mean of the article means, each article weighs the same. Both are
#: functions of per-article sums and counts, so both run from streamed
#: summaries. (A median cannot: it needs every value.)
STATS = ("mean", "article_mean")

#: Units above which the within-article stage switches from exact resampling
#: of the values to its normal approximation (per outlet, per replicate block).
EXACT_BUDGET = 20_000_000
#: Largest ``replicates x articles`` block held in memory at once.
BLOCK_CELLS = 2_000_000

_SUMMARY_COLUMNS = ["n", "sum", "sumsq"]


# ---------------------------------------------------------------------------
# Sufficient statistics
# ---------------------------------------------------------------------------


def _check_columns(df: pd.DataFrame, columns: Iterable[str | None], what: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{what} must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c is not None and c not in df.columns]
    if missing:
        raise InputError(
            f"{what} has no column {missing[0]!r} (columns: {', '.join(map(str, df.columns))})"
        )


def article_summaries(
    df: pd.DataFrame,
    value: str,
    *,
    outlet: str = "outlet",
    article: str = "article_id",
    genre: str | None = None,
) -> pd.DataFrame:
    """Per-article sufficient statistics of a unit-level value.

    Parameters
    ----------
    df : DataFrame
        One row per unit (sentence, quote, ...).
    value : str
        Numeric column to summarise. Missing values are dropped with a
        logged warning naming how many and in which articles.
    outlet, article : str, default="outlet", "article_id"
        Grouping columns.
    genre : str, optional
        Column with the article's genre (``"news"``, ``"opinion"``, ...),
        carried along so genres are never pooled silently.

    Returns
    -------
    DataFrame
        Columns ``outlet``, ``article_id``, [``genre``], ``n``, ``sum``,
        ``sumsq`` (always these names), one row per article with at least
        one unit. Summaries of chunks of a corpus can be concatenated and
        added up with :func:`combine_summaries`.
    """
    _check_columns(df, [value, outlet, article, genre], "the unit table")
    vals = pd.to_numeric(df[value], errors="coerce")
    bad = vals.isna() & df[value].notna()
    if bad.any():
        raise InputError(
            f"column {value!r} is not numeric: row {df.index[bad.to_numpy()][0]!r} "
            f"holds {df.loc[bad, value].iloc[0]!r}"
        )
    keep = vals.notna().to_numpy()
    if not keep.all():
        dropped = df.loc[~keep, article].astype(str).unique()
        log.warning(
            "%s: %d unit(s) with a missing value dropped (articles: %s)",
            value, int((~keep).sum()), ", ".join(dropped[:10]) + (" ..." if len(dropped) > 10 else ""),
        )
    keys = [outlet, article] + ([genre] if genre else [])
    work = df.loc[keep, keys].copy()
    work.columns = ["outlet", "article_id"] + (["genre"] if genre else [])
    work["outlet"] = work["outlet"].astype(str)
    work["article_id"] = work["article_id"].astype(str)
    if genre:
        work["genre"] = work["genre"].fillna("unknown").astype(str)
    v = vals[keep].to_numpy(dtype=float)
    work["n"] = 1
    work["sum"] = v
    work["sumsq"] = v * v
    if genre:
        # one genre per article: the first one seen
        g = work.groupby("article_id", sort=False)["genre"].first()
        work["genre"] = work["article_id"].map(g)
    out = work.groupby(
        ["outlet", "article_id"] + (["genre"] if genre else []), sort=False, as_index=False
    )[_SUMMARY_COLUMNS].sum()
    return out


def combine_summaries(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Add up article summaries computed on chunks of a corpus (streaming).

    The sums are additive, so an article split across chunks is summed back
    into one row.
    """
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        return pd.DataFrame(columns=["outlet", "article_id", *_SUMMARY_COLUMNS])
    cat = pd.concat(frames, ignore_index=True)
    keys = [c for c in ("outlet", "article_id", "genre") if c in cat.columns]
    return cat.groupby(keys, sort=False, as_index=False)[_SUMMARY_COLUMNS].sum()


# ---------------------------------------------------------------------------
# Bootstrap engine
# ---------------------------------------------------------------------------


@dataclass
class _Part:
    """The units of one outlet for one quantity: per-article n, sum, sumsq (+ values)."""

    n: np.ndarray  # (K,) units per article (may be 0)
    s: np.ndarray  # (K,) sums
    ss: np.ndarray  # (K,) sums of squares
    values: np.ndarray | None = None  # concatenated unit values, article by article
    starts: np.ndarray | None = None  # (K,) offset of each article in ``values``


def _article_weights(rng: np.random.Generator, k: int, b: int, resample: bool) -> np.ndarray:
    """``(b, k)`` multiplicities of articles in ``b`` bootstrap samples of ``k`` articles."""
    if not resample or k == 1:
        return np.ones((b, k), dtype=np.int64)
    return rng.multinomial(k, np.full(k, 1.0 / k), size=b)


def _within_sums(
    rng: np.random.Generator, part: _Part, w: np.ndarray, resample_units: bool, exact: bool
) -> np.ndarray:
    """``(b, k)`` resampled unit sums: article ``i`` drawn ``w[:, i]`` times, each copy resampled.

    Exact mode draws ``n_i`` units with replacement for every copy; the
    approximate mode uses the bootstrap distribution's normal limit
    ``N(w n m, w n v)`` with ``v`` the within-article (plug-in) variance,
    which has the exact bootstrap mean and variance.
    """
    b, k = w.shape
    if not resample_units:
        return w * part.s[None, :]
    if exact and part.values is not None:
        draws = (w * part.n[None, :]).ravel()
        total = int(draws.sum())
        if total == 0:
            return np.zeros((b, k))
        slot = np.repeat(np.arange(b * k), draws)
        art = slot % k
        idx = part.starts[art] + (rng.random(total) * part.n[art]).astype(np.int64)
        return np.bincount(slot, weights=part.values[idx], minlength=b * k).reshape(b, k)
    n = part.n.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, part.s / np.maximum(n, 1), 0.0)
        var = np.where(n > 0, np.maximum(part.ss / np.maximum(n, 1) - mean**2, 0.0), 0.0)
    return w * part.s[None, :] + np.sqrt(w * (n * var)[None, :]) * rng.standard_normal((b, k))


def _replicates(
    rng: np.random.Generator,
    parts: Sequence[_Part],
    n_boot: int,
    stat: str,
    *,
    resample_articles: bool = True,
    resample_units: bool = True,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Bootstrap numerators and denominators of ``stat`` for parts sharing article draws.

    Returns one ``(num, den)`` pair of ``(n_boot,)`` arrays per part; the
    replicate estimate is ``num / den``. All parts use the same article
    multiplicities, so paired quantities (headline vs body of the same
    articles) stay paired.
    """
    k = len(parts[0].n)
    n_units = int(sum(p.n.sum() for p in parts))
    exact = n_units * n_boot <= EXACT_BUDGET
    block = max(1, min(n_boot, BLOCK_CELLS // max(k, 1)))
    out = [(np.empty(n_boot), np.empty(n_boot)) for _ in parts]
    for lo in range(0, n_boot, block):
        hi = min(n_boot, lo + block)
        w = _article_weights(rng, k, hi - lo, resample_articles)
        for part, (num, den) in zip(parts, out):
            sums = _within_sums(rng, part, w, resample_units, exact)
            if stat == "mean":
                num[lo:hi] = sums.sum(axis=1)
                den[lo:hi] = (w * part.n[None, :]).sum(axis=1)
            else:  # article_mean: each copy of an article contributes its resampled mean
                has = part.n > 0
                num[lo:hi] = (sums[:, has] / part.n[has][None, :]).sum(axis=1)
                den[lo:hi] = w[:, has].sum(axis=1)
    return out


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _interval(x: np.ndarray, confidence: float) -> tuple[float, float]:
    x = x[np.isfinite(x)]
    if not len(x):
        return math.nan, math.nan
    a = (1 - confidence) / 2
    lo, hi = np.quantile(x, [a, 1 - a])
    return float(lo), float(hi)


def _point(n: np.ndarray, s: np.ndarray, stat: str) -> float:
    if stat == "mean":
        tot = n.sum()
        return float(s.sum() / tot) if tot > 0 else math.nan
    has = n > 0
    return float((s[has] / n[has]).mean()) if has.any() else math.nan


# ---------------------------------------------------------------------------
# Permutation tests
# ---------------------------------------------------------------------------


def _perm_pvalues(
    rng: np.random.Generator, codes: np.ndarray, num: np.ndarray, den: np.ndarray, n_out: int, n_perm: int
) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided permutation p-values of ``outlet - rest`` for every outlet at once.

    ``codes`` are the outlet codes of the exchangeable units (articles or
    sentences); each unit contributes ``num`` and ``den`` to its outlet's
    ratio. Labels are shuffled ``n_perm`` times; ``p = (1 + #{|T*| >= |T|})
    / (1 + n_perm)`` (Phipson & Smyth 2010). Returns ``(observed, p)``.
    """
    m = len(codes)
    tot_n, tot_d = num.sum(), den.sum()

    def diff(s: np.ndarray, d: np.ndarray) -> np.ndarray:
        return _ratio(s, d) - _ratio(tot_n - s, tot_d - d)

    obs = diff(
        np.bincount(codes, weights=num, minlength=n_out), np.bincount(codes, weights=den, minlength=n_out)
    )
    exceed = np.zeros(n_out)
    block = max(1, min(n_perm, BLOCK_CELLS // max(m, 1)))
    tol = 1e-12 * max(1.0, float(np.nanmax(np.abs(obs))) if np.isfinite(obs).any() else 1.0)
    for lo in range(0, n_perm, block):
        c = min(block, n_perm - lo)
        lab = rng.permuted(np.broadcast_to(codes, (c, m)), axis=1)
        flat = (lab + (np.arange(c) * n_out)[:, None]).ravel()
        s = np.bincount(flat, weights=np.tile(num, c), minlength=c * n_out).reshape(c, n_out)
        d = np.bincount(flat, weights=np.tile(den, c), minlength=c * n_out).reshape(c, n_out)
        t = diff(s, d)
        exceed += (np.abs(t) >= np.abs(obs)[None, :] - tol).sum(axis=0)
    return obs, (1 + exceed) / (1 + n_perm)


def _welch_p(n1: float, s1: float, ss1: float, n2: float, s2: float, ss2: float) -> float:
    """Welch's t-test p-value from sums (units treated as independent)."""
    from scipy import stats as sst

    if n1 < 2 or n2 < 2:
        return math.nan
    m1, m2 = s1 / n1, s2 / n2
    v1 = max(ss1 - n1 * m1 * m1, 0.0) / (n1 - 1)
    v2 = max(ss2 - n2 * m2 * m2, 0.0) / (n2 - 1)
    se2 = v1 / n1 + v2 / n2
    if se2 <= 0:
        return 1.0 if m1 == m2 else 0.0
    t = (m1 - m2) / math.sqrt(se2)
    df = se2**2 / ((v1 / n1) ** 2 / (n1 - 1) + (v2 / n2) ** 2 / (n2 - 1)) if v1 + v2 > 0 else n1 + n2 - 2
    return float(2 * sst.t.sf(abs(t), df))


# ---------------------------------------------------------------------------
# Outlet table
# ---------------------------------------------------------------------------

_OUT_COLUMNS = [
    "outlet", "genre", "measure", "stat", "estimate", "ci_low", "ci_high", "se",
    "n_sentences", "n_articles", "rest_estimate", "diff_from_rest", "diff_ci_low",
    "diff_ci_high", "p_value", "perm_level", "n_boot", "confidence", "warning",
]


def _validate(stat: str, n_boot: int, confidence: float, rest: str) -> None:
    if stat not in STATS:
        raise InputError(f"stat={stat!r} is not supported; use one of {', '.join(map(repr, STATS))}")
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise InputError(f"n_boot={n_boot!r}: need a positive integer number of resamples")
    if not 0 < confidence < 1:
        raise InputError(f"confidence={confidence!r}: need a level strictly between 0 and 1")
    if rest not in ("pooled", "outlets"):
        raise InputError(f"rest={rest!r}: use 'pooled' or 'outlets'")


def outlet_estimates(
    df: pd.DataFrame,
    value: str,
    *,
    outlet: str = "outlet",
    article: str = "article_id",
    stat: str = "mean",
    genre: str | None = None,
    by_genre: bool = False,
    n_boot: int = config.N_BOOTSTRAP,
    n_perm: int | None = None,
    confidence: float = config.CONFIDENCE,
    random_state: int | None = config.RANDOM_STATE,
    min_sentences: int = 10,
    min_articles: int = 5,
    rest: str = "pooled",
    unit: str = "sentences",
) -> pd.DataFrame:
    """Per-outlet estimate of a unit-level value with cluster-bootstrap intervals.

    Parameters
    ----------
    df : DataFrame
        One row per unit (a sentence, a quote, ...) with ``value``,
        ``outlet`` and ``article`` columns.
    value : str
        The numeric column (e.g. a VADER compound; a 0/1 "touches the
        theme"; a 0/1 "speaker is civil society").
    outlet, article : str, default="outlet", "article_id"
        Column names of the groups.
    stat : {"mean", "article_mean"}, default="mean"
        ``"mean"`` pools the outlet's units; ``"article_mean"`` averages
        article means (each article weighs the same).
    genre : str, optional
        Column with each article's genre. An outlet mixing genres, or
        compared with a rest of another genre, gets a warning saying so.
    by_genre : bool, default=False
        Estimate each (outlet, genre) separately and compare it with the
        rest *of the same genre* only.
    n_boot : int, default=2000
        Bootstrap resamples.
    n_perm : int, optional
        Permutations for the p-value; default ``n_boot``.
    confidence : float, default=0.95
        Level of the percentile intervals.
    random_state : int or None, default=0
        Seed of :func:`numpy.random.default_rng`; same seed, same table.
    min_sentences, min_articles : int, default=10, 5
        Below these, the row's ``warning`` says the sample is small.
    rest : {"pooled", "outlets"}, default="pooled"
        The comparison group: all other outlets' units pooled, or the
        unweighted mean of the other outlets' estimates.
    unit : str, default="sentences"
        Word used for the units in warnings (``"quotes"``, ...).

    Returns
    -------
    DataFrame
        One row per outlet (per outlet and genre with ``by_genre``):
        ``outlet, genre, measure, stat, estimate, ci_low, ci_high, se,
        n_sentences, n_articles, rest_estimate, diff_from_rest, diff_ci_low,
        diff_ci_high, p_value, perm_level, n_boot, confidence, warning``.
        ``n_sentences`` counts the units whatever they are. ``warning`` is
        ``""`` when nothing is wrong, otherwise a ``"; "``-joined list.

    Notes
    -----
    **Interval.** A two-stage (hierarchical, cluster) bootstrap: when an
    outlet has several articles, its articles are resampled with
    replacement, then the units of every drawn article are resampled with
    replacement (Davison & Hinkley 1997, §3.8). With one article only the
    second stage remains, so the interval reflects sentence-to-sentence
    variation inside that one article, not how the outlet's coverage
    varies: the ``warning`` says so. Resampling both stages is slightly
    conservative when there are many articles (the article means already
    carry the within-article noise; Field & Welsh 2007). Percentile
    intervals; ``se`` is the standard deviation of the replicates.

    **Difference from the rest.** The outlet and every other outlet are
    resampled independently (stratified by outlet), so the interval of
    ``estimate - rest_estimate`` accounts for both sides.

    **p-value.** A two-sided permutation test of "the outlet label does not
    matter" for ``diff_from_rest``. Labels are permuted at the level that
    is exchangeable under that hypothesis: *articles* when the outlet and
    the rest have at least two articles each and there are enough distinct
    relabelings for the test to reach ``1 - confidence`` (a whole article
    moves with its label, so within-article correlation is respected);
    otherwise *units* (``perm_level="sentence"``), which treats sentences
    of different articles as independent and is anti-conservative when
    sentences of one article resemble each other; the warning says so.
    ``p = (1 + #exceed) / (1 + n_perm)`` (Phipson & Smyth 2010).

    From per-article summaries only (no units in memory) see
    :func:`outlet_estimates_from_summaries`: same result up to Monte-Carlo
    noise, with the within-article stage from its normal approximation and
    Welch's test in place of the unit-level permutation.
    """
    summ = article_summaries(df, value, outlet=outlet, article=article, genre=genre)
    _check_columns(df, [value, outlet, article], "the unit table")
    vals = pd.to_numeric(df[value], errors="coerce")
    keep = vals.notna().to_numpy()
    units = pd.DataFrame(
        {
            "article_id": df.loc[keep, article].astype(str).to_numpy(),
            "v": vals[keep].to_numpy(dtype=float),
        }
    )
    return _estimate(
        summ, units, measure=value, stat=stat, by_genre=by_genre and genre is not None,
        n_boot=n_boot, n_perm=n_perm, confidence=confidence, random_state=random_state,
        min_sentences=min_sentences, min_articles=min_articles, rest=rest, unit=unit,
    )


def outlet_estimates_from_summaries(
    summaries: pd.DataFrame,
    *,
    measure: str = "value",
    stat: str = "mean",
    by_genre: bool = False,
    n_boot: int = config.N_BOOTSTRAP,
    n_perm: int | None = None,
    confidence: float = config.CONFIDENCE,
    random_state: int | None = config.RANDOM_STATE,
    min_sentences: int = 10,
    min_articles: int = 5,
    rest: str = "pooled",
    unit: str = "sentences",
) -> pd.DataFrame:
    """:func:`outlet_estimates` from per-article sums only (streaming, bounded memory).

    Parameters
    ----------
    summaries : DataFrame
        Columns ``outlet``, ``article_id``, ``n``, ``sum``, ``sumsq`` and
        optionally ``genre`` (see :func:`article_summaries` and
        :func:`combine_summaries`).
    measure : str, default="value"
        Name written in the ``measure`` column.
    Others
        As in :func:`outlet_estimates`.

    Notes
    -----
    Memory and time are ``O(n_boot x articles)`` per outlet, in blocks of
    at most :data:`BLOCK_CELLS` cells; no unit values are needed. The
    within-article bootstrap stage uses its normal approximation
    (mean ``n m``, variance ``n v`` of the resampled sum: the exact first
    two moments); when units cannot be permuted (outlets of one article)
    the p-value comes from Welch's t-test on the pooled units
    (``perm_level="welch"``), which, like a unit-level permutation, treats
    units as independent.
    """
    _check_columns(summaries, ["outlet", "article_id", *_SUMMARY_COLUMNS], "the summaries table")
    return _estimate(
        summaries, None, measure=measure, stat=stat, by_genre=by_genre and "genre" in summaries,
        n_boot=n_boot, n_perm=n_perm, confidence=confidence, random_state=random_state,
        min_sentences=min_sentences, min_articles=min_articles, rest=rest, unit=unit,
    )


def _estimate(
    summ: pd.DataFrame,
    units: pd.DataFrame | None,
    *,
    measure: str,
    stat: str,
    by_genre: bool,
    n_boot: int,
    n_perm: int | None,
    confidence: float,
    random_state: int | None,
    min_sentences: int,
    min_articles: int,
    rest: str,
    unit: str,
) -> pd.DataFrame:
    _validate(stat, n_boot, confidence, rest)
    n_perm = n_boot if n_perm is None else int(n_perm)
    summ = summ[summ["n"] > 0]
    if summ.empty:
        raise InputError(f"{measure}: no {unit} with a value: nothing to compare")
    if by_genre:
        frames = []
        for g, sub in summ.groupby("genre", sort=True):
            t = _estimate(
                sub, units, measure=measure, stat=stat, by_genre=False, n_boot=n_boot,
                n_perm=n_perm, confidence=confidence, random_state=random_state,
                min_sentences=min_sentences, min_articles=min_articles, rest=rest, unit=unit,
            )
            t["warning"] = [
                "; ".join([w for w in (s,) if w] + [f"compared within genre {g!r} only"]) for s in t["warning"]
            ]
            frames.append(t)
        return pd.concat(frames, ignore_index=True)

    dup = summ["article_id"].duplicated(keep=False)
    if dup.any():
        a = summ.loc[dup, "article_id"].iloc[0]
        raise InputError(
            f"article {a!r} appears under several outlets or genres "
            f"({', '.join(summ.loc[summ['article_id'] == a, 'outlet'].astype(str))}); "
            "article ids must be unique"
        )
    rng = np.random.default_rng(random_state)
    summ = summ.sort_values(["outlet", "article_id"], kind="stable").reset_index(drop=True)
    outlets = list(dict.fromkeys(summ["outlet"]))
    n_out = len(outlets)
    codes = summ["outlet"].map({o: i for i, o in enumerate(outlets)}).to_numpy()
    n = summ["n"].to_numpy(dtype=float)
    s = summ["sum"].to_numpy(dtype=float)
    ss = summ["sumsq"].to_numpy(dtype=float)
    genres = summ["genre"].astype(str).to_numpy() if "genre" in summ else None

    # unit values ordered like the summaries (for exact resampling)
    values = starts = None
    if units is not None:
        order = {a: i for i, a in enumerate(summ["article_id"])}
        u = units[units["article_id"].isin(order.keys())]
        pos = u["article_id"].map(order).to_numpy()
        srt = np.argsort(pos, kind="stable")
        values = u["v"].to_numpy(dtype=float)[srt]
        starts = np.concatenate([[0], np.cumsum(n.astype(np.int64))[:-1]])

    # bootstrap replicates per outlet
    reps: list[tuple[np.ndarray, np.ndarray]] = []
    for i in range(n_out):
        idx = np.flatnonzero(codes == i)
        part = _Part(n[idx].astype(np.int64), s[idx], ss[idx])
        if values is not None:
            lens = n[idx].astype(np.int64)
            part.values = np.concatenate([values[starts[j] : starts[j] + lens[t]] for t, j in enumerate(idx)])
            part.starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
        reps.extend(_replicates(rng, [part], n_boot, stat))
    num = np.stack([r[0] for r in reps])  # (n_out, B)
    den = np.stack([r[1] for r in reps])
    est_b = _ratio(num, den)

    # permutation p-values
    n_art = np.bincount(codes, minlength=n_out)
    a_num = s if stat == "mean" else s / n
    a_den = n if stat == "mean" else np.ones_like(n)
    need_perm = n_out > 1 and n_perm > 0
    art_obs = art_p = unit_obs = unit_p = None
    alpha = 1 - confidence
    k_tot = len(codes)
    level = []
    for i in range(n_out):
        k = int(n_art[i])
        distinct = math.comb(k_tot, k) if k_tot < 1000 else math.inf
        if k >= 2 and k_tot - k >= 2 and distinct * alpha >= 1:
            level.append("article")
        elif values is not None:
            level.append("sentence")
        else:
            level.append("welch")
    if need_perm and "article" in level:
        art_obs, art_p = _perm_pvalues(rng, codes, a_num, a_den, n_out, n_perm)
    if need_perm and "sentence" in level:
        ucodes = np.repeat(codes, n.astype(np.int64))
        unit_obs, unit_p = _perm_pvalues(rng, ucodes, values, np.ones_like(values), n_out, n_perm)

    rows = []
    tot_num, tot_den = num.sum(axis=0), den.sum(axis=0)
    for i, o in enumerate(outlets):
        sel = codes == i
        est = _point(n[sel], s[sel], stat)
        lo, hi = _interval(est_b[i], confidence)
        se = float(np.nanstd(est_b[i], ddof=1)) if n_boot > 1 else math.nan
        warn: list[str] = []
        k, n_units = int(n_art[i]), int(n[sel].sum())
        if k == 1:
            warn.append(
                f"one article: the interval reflects only {unit[:-1]}-to-{unit[:-1]} variation "
                "within that article, not variation across the outlet's coverage"
            )
        elif k < min_articles:
            warn.append(f"only {k} articles: the interval is unstable")
        if n_units < min_sentences:
            warn.append(f"only {n_units} {unit if n_units != 1 else unit[:-1]}")
        if lo == hi and np.isfinite(lo):
            warn.append(f"no variation in the resamples (all {unit} have the same value)")
        g_txt = ""
        if genres is not None:
            mine = sorted(set(genres[sel]))
            g_txt = ",".join(mine)
            if len(mine) > 1:
                counts = pd.Series(genres[sel]).value_counts().sort_index()
                warn.append(
                    "pools genres: " + ", ".join(f"{g} ({c} articles)" for g, c in counts.items())
                )
            others = sorted(set(genres[~sel]))
            if others and others != mine:
                warn.append(f"genre {g_txt!r} compared with a rest of genre {','.join(others)!r}")
        if n_out == 1:
            warn.append("only one outlet: no comparison with the rest")
            rest_est = diff = dlo = dhi = p = math.nan
            lvl = ""
        else:
            if rest == "pooled":
                rest_b = _ratio(tot_num - num[i], tot_den - den[i])
                others = ~sel
                rest_est = _point(n[others], s[others], stat) if stat == "mean" else float(
                    np.mean(s[others] / n[others])
                )
            else:
                mask = np.arange(n_out) != i
                rest_b = np.nanmean(est_b[mask], axis=0)
                rest_est = float(np.mean([_point(n[codes == j], s[codes == j], stat) for j in np.flatnonzero(mask)]))
            diff = est - rest_est
            dlo, dhi = _interval(est_b[i] - rest_b, confidence)
            lvl = level[i]
            if lvl == "article":
                p = float(art_p[i])
            elif lvl == "sentence":
                p = float(unit_p[i])
                warn.append(
                    f"p-value permutes {unit}, not articles (too few articles): it treats {unit} "
                    "of one article as independent and overstates significance"
                )
            else:
                p = _welch_p(n[sel].sum(), s[sel].sum(), ss[sel].sum(),
                             n[~sel].sum(), s[~sel].sum(), ss[~sel].sum())
                warn.append(f"p-value from Welch's t-test on {unit} treated as independent")
        rows.append(
            {
                "outlet": o, "genre": g_txt, "measure": measure, "stat": stat, "estimate": est,
                "ci_low": lo, "ci_high": hi, "se": se, "n_sentences": n_units, "n_articles": k,
                "rest_estimate": rest_est, "diff_from_rest": diff, "diff_ci_low": dlo,
                "diff_ci_high": dhi, "p_value": p, "perm_level": lvl, "n_boot": int(n_boot),
                "confidence": float(confidence), "warning": "; ".join(warn),
            }
        )
    if n_out == 1:
        log.warning("%s: only one outlet (%s): estimates without a comparison", measure, outlets[0])
    return pd.DataFrame(rows, columns=_OUT_COLUMNS)


# ---------------------------------------------------------------------------
# Headline versus body
# ---------------------------------------------------------------------------

_HB_COLUMNS = [
    "outlet", "measure", "headline", "body", "diff", "diff_ci_low", "diff_ci_high",
    "n_headline", "n_body", "n_articles", "n_boot", "confidence", "warning",
]


def headline_vs_body(
    sentences: pd.DataFrame,
    value: str,
    *,
    outlet: str = "outlet",
    article: str = "article_id",
    position: str = "position",
    headline: str | Sequence[str] = "headline",
    n_boot: int = config.N_BOOTSTRAP,
    confidence: float = config.CONFIDENCE,
    random_state: int | None = config.RANDOM_STATE,
    min_articles: int = 5,
) -> pd.DataFrame:
    """Headline against body, per outlet: mean value of each and their difference.

    Parameters
    ----------
    sentences : DataFrame
        One row per sentence with ``value``, ``outlet``, ``article`` and
        ``position`` columns.
    value : str
        The numeric column (tone; a 0/1 "touches the theme").
    headline : str or sequence of str, default="headline"
        Position label(s) counted as headline; every other position
        (``lead``, ``body``) is body.
    n_boot, confidence, random_state
        As in :func:`outlet_estimates`.
    min_articles : int, default=5
        Fewer articles with both a headline and a body get a warning.

    Returns
    -------
    DataFrame
        ``outlet, measure, headline, body, diff`` (headline minus body),
        ``diff_ci_low, diff_ci_high, n_headline, n_body`` (sentences),
        ``n_articles`` (with both parts), ``n_boot, confidence, warning``.

    Notes
    -----
    Only articles with both a headline and a body count. The bootstrap
    resamples the outlet's articles (headline and body of an article stay
    together, so the difference is paired) and, inside each drawn article,
    its headline and body sentences. With one article, the interval shows
    only the spread of the body sentences (a headline is usually one
    sentence): the warning says so.
    """
    _check_columns(sentences, [value, outlet, article, position], "the sentences table")
    _validate("mean", n_boot, confidence, "pooled")
    heads = {headline} if isinstance(headline, str) else set(headline)
    df = sentences[[outlet, article, position]].copy()
    df.columns = ["outlet", "article_id", "position"]
    df["v"] = pd.to_numeric(sentences[value], errors="coerce")
    df = df[df["v"].notna()]
    df["outlet"] = df["outlet"].astype(str)
    df["article_id"] = df["article_id"].astype(str)
    df["is_head"] = df["position"].isin(heads)
    has = df.groupby("article_id")["is_head"].agg(["any", "all"])
    both = has.index[has["any"] & ~has["all"]]
    no_head = has.index[~has["any"]]
    rng = np.random.default_rng(random_state)
    rows = []
    for o, sub in df.groupby("outlet", sort=True):
        n_without = int(sub["article_id"].isin(no_head).groupby(sub["article_id"]).first().sum())
        sub = sub[sub["article_id"].isin(both)].sort_values(["article_id"], kind="stable")
        warn = []
        if n_without:
            warn.append(f"{n_without} article(s) without a detected headline left out")
        if sub.empty:
            warn.append("no article with both a headline and a body")
            rows.append({"outlet": o, "measure": value, "headline": math.nan, "body": math.nan,
                         "diff": math.nan, "diff_ci_low": math.nan, "diff_ci_high": math.nan,
                         "n_headline": 0, "n_body": 0, "n_articles": 0, "n_boot": int(n_boot),
                         "confidence": float(confidence), "warning": "; ".join(warn)})
            continue
        parts = []
        for flag in (True, False):
            part_df = sub[sub["is_head"] == flag]
            arts = pd.Index(sorted(sub["article_id"].unique()))
            g = part_df.groupby("article_id")["v"]
            nn = g.size().reindex(arts, fill_value=0).to_numpy(dtype=np.int64)
            ssum = g.sum().reindex(arts, fill_value=0.0).to_numpy(dtype=float)
            sq = (part_df["v"] ** 2).groupby(part_df["article_id"]).sum().reindex(arts, fill_value=0.0)
            order = part_df.set_index("article_id").loc[arts[nn > 0], "v"].to_numpy(dtype=float)
            parts.append(_Part(nn, ssum, sq.to_numpy(dtype=float), order,
                               np.concatenate([[0], np.cumsum(nn)[:-1]])))
        (hn, hd), (bn, bd) = _replicates(rng, parts, n_boot, "mean")
        h_est = _point(parts[0].n, parts[0].s, "mean")
        b_est = _point(parts[1].n, parts[1].s, "mean")
        lo, hi = _interval(_ratio(hn, hd) - _ratio(bn, bd), confidence)
        k = len(parts[0].n)
        if k == 1:
            warn.append("one article: the interval shows only the spread of its body sentences")
        elif k < min_articles:
            warn.append(f"only {k} articles: the interval is unstable")
        rows.append({"outlet": o, "measure": value, "headline": h_est, "body": b_est,
                     "diff": h_est - b_est, "diff_ci_low": lo, "diff_ci_high": hi,
                     "n_headline": int(parts[0].n.sum()), "n_body": int(parts[1].n.sum()),
                     "n_articles": k, "n_boot": int(n_boot), "confidence": float(confidence),
                     "warning": "; ".join(warn)})
    if df.empty:
        raise InputError(f"{value}: no sentence with a value")
    return pd.DataFrame(rows, columns=_HB_COLUMNS)


# ---------------------------------------------------------------------------
# The whole comparison
# ---------------------------------------------------------------------------

#: Sentence-table columns read as the tone of a sentence, first found wins.
TONE_COLUMNS = ("compound", "tone", "vader_compound", "sentiment__compound")
#: Quote-table columns read as the speaker's group, first found wins.
GROUP_COLUMNS = ("group", "speaker_group", "role")
#: Quote kinds that are not voices (names and titles in quotation marks, media sourcing).
NON_VOICE_KINDS = frozenset({"scare", "title", "media", "media_source", "source"})


def _table(analysis: Any, name: str) -> pd.DataFrame | None:
    tables = getattr(analysis, "tables", None)
    if isinstance(tables, dict) and name in tables:
        return tables[name]
    t = getattr(analysis, "__dict__", {}).get(name)
    return t if isinstance(t, pd.DataFrame) else None


def _sentence_theme_flags(sentences: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """One 0/1 column per theme: does the sentence hold a hit of that theme?"""
    themes = sorted(hits["theme"].dropna().astype(str).unique())
    flags = pd.DataFrame(0, index=sentences.index, columns=themes, dtype=np.int8)
    if "sentence" in hits.columns:
        key = pd.MultiIndex.from_frame(sentences[["article_id", "sentence"]].astype({"article_id": str}))
        pos = pd.Series(np.arange(len(sentences)), index=key)
        for th, h in hits.groupby(hits["theme"].astype(str)):
            k = pd.MultiIndex.from_arrays([h["article_id"].astype(str), h["sentence"]])
            rows = pos.reindex(k).dropna().astype(int).to_numpy()
            flags.iloc[rows, flags.columns.get_loc(th)] = 1
        return flags
    for art, s_idx in sentences.groupby(sentences["article_id"].astype(str)).groups.items():
        sub = sentences.loc[s_idx].sort_values("start")
        starts, ends = sub["start"].to_numpy(), sub["end"].to_numpy()
        h = hits[hits["article_id"].astype(str) == art]
        if h.empty:
            continue
        j = np.searchsorted(starts, h["start"].to_numpy(), side="right") - 1
        ok = (j >= 0) & (h["start"].to_numpy() < ends[np.clip(j, 0, None)])
        for th, jj in zip(h["theme"].astype(str).to_numpy()[ok], j[ok]):
            flags.loc[sub.index[jj], th] = 1
    return flags


def compare(
    analysis: Any,
    *,
    stat: str = "mean",
    by_genre: bool = False,
    n_boot: int = config.N_BOOTSTRAP,
    confidence: float = config.CONFIDENCE,
    random_state: int | None = config.RANDOM_STATE,
    min_sentences: int = 10,
    min_articles: int = 5,
    reuse: bool = True,
    elements: bool = True,
    element_threshold: float = 0.22,
) -> dict[str, pd.DataFrame]:
    """Compare outlets on every measure of an analysis, with honest uncertainty.

    Parameters
    ----------
    analysis : Analysis
        The output of :func:`framing.analyze.analyze`. Read: ``docs``;
        ``articles`` (``article_id``, ``outlet``, ``genre``); ``sentences``
        (``article_id``, ``outlet``, ``sentence``, ``start``, ``end``,
        ``position``, ``lang``, ``text`` and a tone column among
        :data:`TONE_COLUMNS`: when none is there, sentences are scored with
        VADER here); optional ``hits`` (``article_id``, ``theme``,
        ``start`` or ``sentence``) and ``quotes`` (``article_id``, ``kind``,
        a group column among :data:`GROUP_COLUMNS`).
    stat, by_genre, n_boot, confidence, random_state, min_sentences, min_articles
        Passed to :func:`outlet_estimates`.
    reuse : bool, default=True
        Find shared copy (:mod:`framing.reuse`) and, when there is some,
        add ``<measure>_original`` tables computed on original text only.
    elements : bool, default=True
        Find story elements and omissions (:mod:`framing.elements`).
    element_threshold : float, default=0.22
        Similarity threshold of story elements.

    Returns
    -------
    dict of str to DataFrame
        ``tone``; ``theme_<name>`` per theme (share of sentences touching
        it); ``voices_<group>`` per speaker group (share of quotes);
        ``outlets`` (all of these stacked); ``headline_vs_body``;
        ``shared_passages``, ``containment``, ``republication``,
        ``original_sentences``; ``elements``, ``element_sentences``,
        ``coverage``, ``exclusive``, ``exclusive_passages``, ``omissions``;
        ``notes`` (``topic``, ``message``: what was left out and why, one
        outlet only, pooled genres).

    Raises
    ------
    InputError
        When the analysis has no article or no sentence.
    """
    from framing.reuse import (
        build_index,
        containment_pairs,
        republication,
        sentence_originality,
        shared_passages,
        shared_spans,
    )

    docs = list(getattr(analysis, "docs", []) or [])
    sentences = getattr(analysis, "sentences", None)
    if not docs or sentences is None or len(sentences) == 0:
        raise InputError("the corpus has no scored article: nothing to compare (is it empty?)")
    notes: list[dict[str, str]] = []
    out: dict[str, pd.DataFrame] = {}
    sent = sentences.copy()
    sent["article_id"] = sent["article_id"].astype(str)
    arts = getattr(analysis, "articles", None)
    genre = None
    if arts is not None and "genre" in arts.columns:
        g = arts.assign(article_id=arts["article_id"].astype(str)).set_index("article_id")["genre"]
        sent["genre"] = sent["article_id"].map(g).fillna("unknown").astype(str)
        genre = "genre"
        gs = sorted(sent["genre"].unique())
        if len(gs) > 1 and not by_genre:
            notes.append({"topic": "genre", "message": f"genres {', '.join(gs)} are compared in one table; "
                          "rows whose genre differs from the rest say so (by_genre=True separates them)"})
    if "outlet" not in sent.columns or sent["outlet"].isna().any():
        omap = {d.id: d.meta.get("outlet") or d.id for d in docs}
        sent["outlet"] = sent["article_id"].map(omap).fillna(sent["article_id"])
    sent["outlet"] = sent["outlet"].astype(str)
    outlets = sorted(sent["outlet"].unique())
    if len(outlets) == 1:
        msg = f"only one outlet ({outlets[0]}): estimates are given without a comparison"
        log.warning(msg)
        notes.append({"topic": "outlets", "message": msg})
    if "lang" in sent.columns:
        foreign = sent["lang"].astype(str) != "en"
        if foreign.any():
            notes.append({"topic": "language", "message": f"{int(foreign.sum())} non-English sentence(s) left out"})
            sent = sent[~foreign]

    tone_col = next((c for c in TONE_COLUMNS if c in sent.columns), None)
    if tone_col is None:
        from framing.score.vader import compound

        tone_col = "compound"
        sent[tone_col] = [compound(t) for t in sent["text"].astype(str)]
        notes.append({"topic": "tone", "message": "no tone column in the sentences table: scored with VADER "
                      "(Hutto & Gilbert 2014) compound per sentence"})

    est_kw = {"stat": stat, "genre": genre, "by_genre": by_genre, "n_boot": n_boot, "confidence": confidence,
              "random_state": random_state, "min_sentences": min_sentences, "min_articles": min_articles}
    measures: list[tuple[str, pd.DataFrame, str, str]] = [("tone", sent, tone_col, "sentences")]
    hits = _table(analysis, "hits")
    if hits is not None and len(hits):
        flags = _sentence_theme_flags(sent, hits)
        for th in flags.columns:
            col = f"theme__{th}"
            sent[col] = flags[th].to_numpy()
            measures.append((f"theme_{th}", sent, col, "sentences"))
    else:
        notes.append({"topic": "themes", "message": "no theme hits in the analysis: theme tables left out"})
    quotes = _table(analysis, "quotes")
    gcol = next((c for c in GROUP_COLUMNS if quotes is not None and c in quotes.columns), None)
    if quotes is not None and len(quotes) and gcol:
        q = quotes.copy()
        q["article_id"] = q["article_id"].astype(str)
        if "kind" in q.columns:
            q = q[~q["kind"].astype(str).isin(NON_VOICE_KINDS)]
        omap = sent.drop_duplicates("article_id").set_index("article_id")["outlet"]
        q["outlet"] = q["article_id"].map(omap)
        if genre:
            q["genre"] = q["article_id"].map(sent.drop_duplicates("article_id").set_index("article_id")["genre"])
        q = q[q["outlet"].notna()]
        groups = sorted(q[gcol].fillna("unresolved").astype(str).unique())
        for grp in groups:
            col = f"voice__{grp}"
            q[col] = (q[gcol].fillna("unresolved").astype(str) == grp).astype(np.int8)
            measures.append((f"voices_{grp}", q, col, "quotes"))
    else:
        notes.append({"topic": "voices", "message": "no quotes with a speaker group in the analysis: "
                      "voice tables left out"})

    def run_measures(frame_filter: Any, suffix: str) -> None:
        for name, frame, col, unit in measures:
            f = frame_filter(frame) if frame_filter else frame
            if f is None or f.empty:
                continue
            t = outlet_estimates(f, col, unit=unit, **est_kw)
            t["measure"] = name
            out[name + suffix] = t

    run_measures(None, "")
    out["outlets"] = pd.concat([out[m[0]] for m in measures if m[0] in out], ignore_index=True)

    hb = [headline_vs_body(sent, tone_col, n_boot=n_boot, confidence=confidence,
                           random_state=random_state, min_articles=min_articles).assign(measure="tone")]
    for name, _frame, col, unit in measures[1:]:
        if unit == "sentences":
            hb.append(headline_vs_body(sent, col, n_boot=n_boot, confidence=confidence,
                                       random_state=random_state, min_articles=min_articles).assign(measure=name))
    out["headline_vs_body"] = pd.concat(hb, ignore_index=True)

    if reuse:
        ix = build_index(docs)
        passages = shared_passages(ix)
        out["shared_passages"] = passages
        out["containment"] = containment_pairs(ix)
        out["republication"] = republication(ix)
        spans = shared_spans(ix, passages)
        orig = sentence_originality(ix, spans)
        out["original_sentences"] = orig
        if not orig["original"].all():
            keep = set(map(tuple, orig.loc[orig["original"], ["article_id", "sentence"]].astype(
                {"article_id": str}).itertuples(index=False, name=None)))
            n_shared = int((~orig["original"]).sum())
            notes.append({"topic": "shared copy", "message": f"{n_shared} sentence(s) repeat text kept in an "
                          "earlier article: <measure>_original tables leave them out"})

            def only_original(frame: pd.DataFrame) -> pd.DataFrame | None:
                if "sentence" not in frame.columns or frame is not sent:
                    return None
                mask = [(a, s) in keep for a, s in zip(frame["article_id"], frame["sentence"])]
                return frame[np.asarray(mask, dtype=bool)]

            run_measures(only_original, "_original")

    if elements:
        from framing.elements import story_elements

        omap = dict(zip(sent["article_id"], sent["outlet"]))
        try:
            se = story_elements(docs, outlets=omap, threshold=element_threshold)
        except InputError as exc:
            notes.append({"topic": "story elements", "message": str(exc)})
        else:
            out["elements"] = se.elements
            out["element_sentences"] = se.sentences
            out["coverage"] = se.coverage.reset_index()
            out["exclusive"] = se.exclusive
            out["exclusive_passages"] = se.exclusive_passages
            out["omissions"] = se.omissions
    out["notes"] = pd.DataFrame(notes, columns=["topic", "message"])
    return out
