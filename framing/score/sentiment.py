"""Tone: per sentence, per article, toward each actor, narration apart from quotes.

* :func:`sentence_tone`: VADER (Hutto & Gilbert 2014) compound of every sentence
  (or the AFINN lexicon, ``lexicon="afinn"``), a positive / negative / neutral
  label with thresholds as parameters, and the tone of the sentence's
  narration (the journalist's words) and quoted words separately.
* :func:`article_tone`: aggregates over sentences, never the compound of the
  whole text (which saturates on long texts): mean and median sentence
  compound, shares of positive / negative / neutral sentences, headline, lead,
  narration and quoted-material tone, each with a seeded bootstrap interval
  over sentences and the number of sentences behind it.
* :func:`actor_tone` / :func:`mention_tone`: tone toward each actor found by
  :mod:`framing.actors` (aliases folded to one canonical name), from the
  target-dependent model of :mod:`framing.score.targeted` (NewsMTSC, Hamborg &
  Donnay 2021); the sentence's VADER score only as a fallback. Mentions inside
  a quote or reported speech are the speaker's tone, not the outlet's.
* :class:`ToneFeatures`: the article measures as a scikit-learn transformer.

Non-English sentences (``Sentence.lang != "en"``, or text that looks
non-English) are flagged, scored neutral (0) and logged with a warning; an
English lexicon says nothing reliable about them.

The second lexicon is AFINN-165 (Nielsen 2011; ODbL 1.0, shipped unchanged as
``framing/lexicons/afinn-en-165.txt`` with its licence). The Lexicoder
Sentiment Dictionary (Young & Soroka 2012), built for political news, would be
the natural choice, but its licence (free for academic use, no
redistribution) does not allow shipping it; a user who has it can pass it as
``lexicon=<path>`` in AFINN's format (``word<TAB>score`` lines, ``*`` wildcards
are not expanded). AFINN scores are summed per sentence (multi-word entries
first, no negation rules) and normalised like VADER's compound,
``x / sqrt(x**2 + 15)``, so the same thresholds apply.

References
----------
Hutto, C.J. & Gilbert, E.E. (2014). VADER. ICWSM-14.
Nielsen, F.Å. (2011). A new ANEW: Evaluation of a word list for sentiment
analysis in microblogs. ESWC 2011 Workshop on Making Sense of Microposts.
Hamborg, F. & Donnay, K. (2021). NewsMTSC. EACL 2021.
Young, L. & Soroka, S. (2012). Affective News: The Automated Coding of
Sentiment in Political Texts. Political Communication 29(2).
"""

from __future__ import annotations

import bisect
import math
import re
import weakref
import zlib
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing import config
from framing._docs import as_docs
from framing._log import get_logger
from framing.errors import InputError
from framing.resources import LexiconError, read_lexicon_text
from framing.score.vader import get_vader

__all__ = [
    "ARTICLE_MEASURES",
    "ToneFeatures",  # noqa: F822  (module __getattr__: framing.score.transformers)
    "actor_tone",
    "article_tone",
    "load_afinn",
    "mention_tone",
    "mention_rows",
    "quoted_spans",
    "sentence_tone",
    "sentence_tone_rows",
    "set_quotes",
    "tone_features",
]

log = get_logger(__name__)

#: Measures of :func:`article_tone`, in order (also the ToneFeatures columns).
ARTICLE_MEASURES = (
    "mean",
    "median",
    "share_positive",
    "share_negative",
    "share_neutral",
    "headline",
    "lead",
    "narration",
    "quoted",
)
_DIRECT = frozenset({"direct", "partial", "block"})
_AFINN_FILE = ("lexicons", "afinn-en-165.txt")
_AFINN_WORD_RE = re.compile(r"[a-z0-9]+(?:['’][a-z]+)*")
#: Longest quote or reported clause looked back over when placing a mention (characters).
_MAX_SPEECH_CHARS = 20_000
#: A quoted or narration part shorter than this many words is not scored separately.
MIN_PART_WORDS = 3


# ---------------------------------------------------------------------------
# lexicons
# ---------------------------------------------------------------------------


@lru_cache(maxsize=8)
def load_afinn(path: str | None = None) -> tuple[dict[str, float], dict[str, float]]:
    """The AFINN lexicon: ``(single words, multi-word phrases)`` -> score.

    Parameters
    ----------
    path : str or None, default=None
        A file of ``term<TAB>score`` lines; ``None`` loads the shipped AFINN-165.

    Raises
    ------
    framing.resources.LexiconError
        Naming file and line of a malformed entry.
    """
    text, name = read_lexicon_text(path, *_AFINN_FILE)
    words: dict[str, float] = {}
    phrases: dict[str, float] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        term, sep, score = line.rpartition("\t")
        if not sep:
            raise LexiconError(f"{name}: line {lineno}: expected 'term<TAB>score', got {line!r}")
        try:
            val = float(score)
        except ValueError:
            raise LexiconError(f"{name}: line {lineno}: score {score!r} is not a number") from None
        term = term.strip().lower()
        (phrases if " " in term else words)[term] = val
    return words, phrases


def _afinn_compound(text: str, path: str | None = None) -> float:
    words, phrases = load_afinn(path)
    toks = _AFINN_WORD_RE.findall(text.lower().replace("’", "'"))
    total = 0.0
    i = 0
    n = len(toks)
    while i < n:
        hit = False
        for k in (3, 2):
            if i + k <= n:
                ph = " ".join(toks[i : i + k])
                if ph in phrases:
                    total += phrases[ph]
                    i += k
                    hit = True
                    break
        if not hit:
            total += words.get(toks[i], 0.0)
            i += 1
    return total / math.sqrt(total * total + 15.0) if total else 0.0


def _scorer(lexicon: str) -> Any:
    """A function text -> compound for ``lexicon`` ("vader", "afinn" or an AFINN-format path)."""
    if lexicon == "vader":
        return get_vader().compound
    if lexicon == "afinn":
        load_afinn(None)
        return _afinn_compound
    if isinstance(lexicon, (str, Path)) and Path(lexicon).is_file():
        path = str(lexicon)
        load_afinn(path)
        return lambda text: _afinn_compound(text, path)
    raise InputError(f"lexicon={lexicon!r}: expected 'vader', 'afinn' or the path of an AFINN-format file")


# ---------------------------------------------------------------------------
# quotes
# ---------------------------------------------------------------------------


#: Quote records per Doc: ``id(doc) -> (weak reference, records)``. A ``Doc`` is an
#: (unhashable) dataclass, so it is keyed by identity; the entry goes with the Doc.
_QUOTE_CACHE: dict[int, tuple[weakref.ref[Any], list[Any] | None]] = {}


#: VADER analyses of the English sentences of a Doc by :func:`sentence_tone_rows`:
#: ``id(doc) -> (weak reference, {sentence index: (text, analysis, scores)})``, reused
#: by :func:`mention_rows` (the target model needs the same tokens and valences).
#: ``analysis`` is ``(words, lows, vals, scores)`` of :meth:`Vader.analyse`, or None
#: when the compiled VADER scored the sentence without making the token lists (the
#: target model then asks :meth:`Vader.analyse` for the few sentences with actors);
#: ``scores[3]`` is the sentence's compound either way.
_ANALYSED: dict[int, tuple[weakref.ref[Any], Any]] = {}


def _recall(cache: dict[int, tuple[weakref.ref[Any], Any]], doc: Any) -> tuple[bool, Any]:
    """(found, value) of ``doc`` in a per-Doc cache."""
    hit = cache.get(id(doc))
    if hit is not None and hit[0]() is doc:
        return True, hit[1]
    return False, None


def _remember(cache: dict[int, tuple[weakref.ref[Any], Any]], doc: Any, value: Any) -> None:
    """Keep ``value`` for ``doc`` in a per-Doc cache while ``doc`` lives."""
    key = id(doc)

    def drop(ref: weakref.ref[Any], key: int = key) -> None:
        hit = cache.get(key)
        if hit is not None and hit[0] is ref:
            del cache[key]

    try:
        ref = weakref.ref(doc, drop)
    except TypeError:  # pragma: no cover - a Doc that cannot be weakly referenced
        return
    cache[key] = (ref, value)


def _cached_quotes(doc: Any) -> tuple[bool, list[Any] | None]:
    return _recall(_QUOTE_CACHE, doc)


def _cache_quotes(doc: Any, quotes: list[Any] | None) -> None:
    _remember(_QUOTE_CACHE, doc, quotes)


def _quotes(doc: Any) -> list[Any] | None:
    """The voices module's quote records of ``doc`` (extracted once per Doc), or None if unavailable."""
    found, quotes = _cached_quotes(doc)
    if found:
        return quotes
    try:
        from framing.quotes import extract_quotes
    except ImportError:  # pragma: no cover - voices module not installed
        return None
    try:
        quotes = extract_quotes(doc)
    except Exception as exc:  # never lose the tone table over a quote failure
        log.warning("article %s: quote extraction failed (%s); using quotation marks only", doc.id, exc)
        quotes = None
    _cache_quotes(doc, quotes)
    return quotes


def set_quotes(doc: Any, quotes: list[Any] | None) -> None:
    """Use ``quotes`` (from :func:`framing.quotes.extract_quotes`) as the quote records of ``doc``.

    For callers that already extracted quotes (with their own actors catalog):
    tone then splits narration from quoted material with those records
    instead of extracting them again (kept while ``doc`` lives).
    """
    _cache_quotes(doc, quotes)


def quoted_spans(doc: Any, quotes: list[Any] | None = None) -> list[tuple[int, int]]:
    """Sorted, merged spans of quoted material (words in quotation marks spoken by someone).

    Uses the direct, partial and block quotes of :func:`framing.quotes.extract_quotes`
    (scare quotes and titles are the journalist's words, so they stay narration);
    falls back to every balanced quotation-mark span of the Doc.
    """
    if quotes is None:
        quotes = _quotes(doc)
    if quotes is not None:
        spans = [sp for q in quotes if q.kind in _DIRECT for sp in q.content_spans]
    else:
        spans = [q.inner for q in doc.quote_spans if q.balanced]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _split_parts(text: str, s: int, e: int, qspans: list[tuple[int, int]], j: int) -> tuple[str, str, int]:
    """Narration text, quoted text, quoted chars of ``text[s:e]``; ``j`` is a cursor into qspans."""
    narr: list[str] = []
    quoted: list[str] = []
    pos = s
    qchars = 0
    k = j
    while k < len(qspans) and qspans[k][0] < e:
        qs, qe = qspans[k]
        if qe > s:
            a, b = max(qs, s), min(qe, e)
            if a > pos:
                narr.append(text[pos:a])
            quoted.append(text[a:b])
            qchars += b - a
            pos = max(pos, b)
        k += 1
    if pos < e:
        narr.append(text[pos:e])
    return " ".join(narr), " ".join(quoted), qchars


_WORDISH_RE = re.compile(r"\S*[^\W_]\S*")
_WORDISH_CACHE_MAX = 200_000


class _Wordish(dict[str, int]):
    """Token -> 1 if it holds a letter or digit, else 0 (computed once per distinct token)."""

    def __missing__(self, tok: str) -> int:
        if len(self) >= _WORDISH_CACHE_MAX:
            self.clear()
        v = self[tok] = 1 if _WORDISH_RE.search(tok) else 0
        return v


_WORDISH = _Wordish()


def _n_words(text: str) -> int:
    """White-space tokens holding at least one letter or digit.

    The same count as ``len(re.findall(r"\\S*[^\\W_]\\S*", text))`` (each such
    token is one maximal match), from the tokens of ``str.split`` with a cache.
    """
    return sum(map(_WORDISH.__getitem__, text.split()))


# ---------------------------------------------------------------------------
# sentence tone
# ---------------------------------------------------------------------------

SENTENCE_COLUMNS = [
    "article_id", "outlet", "sentence", "start", "end", "position", "lang", "non_english",
    "in_quote", "quoted_share", "compound", "label", "narration_compound", "quoted_compound",
    "n_words",
]  # fmt: skip


def _check_thresholds(pos_threshold: float, neg_threshold: float) -> None:
    if neg_threshold > pos_threshold:
        raise InputError(
            f"neg_threshold={neg_threshold} is above pos_threshold={pos_threshold}; need neg <= pos"
        )


def _sentence_tuples(
    doc: Any, score: Any, quotes: list[Any] | None, pos_threshold: float, neg_threshold: float
) -> list[tuple[Any, ...]]:
    """The :data:`SENTENCE_COLUMNS` values of every sentence of one Doc, as tuples.

    Each part is scored once: a sentence without quoted material is its own
    narration (one VADER call); a sentence with quoted material is scored
    whole, and its narration and quoted parts apart when they have at least
    :data:`MIN_PART_WORDS` words. (:func:`_sentence_rows_vader` gives the
    same values for VADER, faster.)
    """
    rows: list[tuple[Any, ...]] = []
    nan = math.nan
    text = doc.text
    outlet = doc.meta.get("outlet")
    qspans = quoted_spans(doc, quotes)
    nq = len(qspans)
    j = 0
    n_foreign = 0
    doc_id = doc.id
    for s in doc.sentences:
        st, en = s.start, s.end
        while j < nq and qspans[j][1] <= st:
            j += 1
        sent = text[st:en]
        if s.lang != "en":
            n_foreign += 1
            rows.append((doc_id, outlet, s.index, st, en, s.position, s.lang, True, False, 0.0,
                         0.0, "neutral", nan, nan, _n_words(sent)))
            continue
        if j < nq and qspans[j][0] < en:
            narr, quoted, qchars = _split_parts(text, st, en, qspans, j)
            share = qchars / max(1, en - st)
            narr_c = score(narr) if _n_words(narr) >= MIN_PART_WORDS else nan
            quot_c = score(quoted) if _n_words(quoted) >= MIN_PART_WORDS else nan
            comp = score(sent)
        else:
            share = 0.0
            comp = score(sent)
            narr_c = comp
            quot_c = nan
        label = "positive" if comp >= pos_threshold else ("negative" if comp <= neg_threshold else "neutral")
        rows.append((doc_id, outlet, s.index, st, en, s.position, s.lang, False, share >= 0.5,
                     share, comp, label, narr_c, quot_c, _n_words(sent)))
    if n_foreign:
        log.warning(
            "article %s: %d non-English sentence(s) flagged and scored neutral (English lexicon)",
            doc_id, n_foreign,
        )
    return rows


def _sentence_rows_vader(
    doc: Any,
    vader: Any,
    quotes: list[Any] | None,
    pos_threshold: float,
    neg_threshold: float,
    into: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """The rows of :func:`sentence_tone_rows` with VADER: the values of :func:`_sentence_tuples`, each text split once.

    Each text is split into tokens once for its word count and its score, and
    the tokens and valences of every English sentence (:meth:`Vader.analyse`)
    are kept with the Doc (:data:`_ANALYSED`) for the target model of
    :func:`mention_rows`. With the compiled VADER, each text is scored and its
    words counted in C (``Table.sentence``, ``Table.compound_words``), and
    only the scores are kept: :func:`mention_rows` makes the token lists of
    the sentences holding actors. With ``into`` (one row per sentence of ``doc``, in
    order, already holding the sentence's keys: the ``sentences`` rows of
    :class:`framing.analyze.ArticleScorer`), the tone columns are added to
    those rows, in :data:`SENTENCE_COLUMNS` order, and they are returned.
    """
    rows: list[dict[str, Any]] = []
    if into is not None:
        _check_into(into, doc)
    nan = math.nan
    text = doc.text
    outlet = doc.meta.get("outlet")
    qspans = quoted_spans(doc, quotes)
    nq = len(qspans)
    j = 0
    n_foreign = 0
    doc_id = doc.id
    analyse = vader.analyse
    compound_of = vader.compound_of_words
    wordish = _WORDISH.__getitem__
    analysed: dict[int, Any] = {}
    # the compiled VADER (framing._ext.vader), when built: scores and word counts without
    # Python objects per token; None from it means text it leaves to the Python code
    ct = getattr(vader, "_ct", None)
    sentence_c = None if ct is None else ct.sentence
    compound_c = None if ct is None else ct.compound_words

    def part_compound(part: str) -> float:
        """The compound of a narration or quoted part, NaN when it has too few words."""
        got = None if compound_c is None else compound_c(part)  # (compound, word count)
        if got is not None:
            return got[0] if got[1] >= MIN_PART_WORDS else nan
        words = part.split()
        return compound_of(part, words) if sum(map(wordish, words)) >= MIN_PART_WORDS else nan

    for k, s in enumerate(doc.sentences):
        st, en = s.start, s.end
        while j < nq and qspans[j][1] <= st:
            j += 1
        sent = text[st:en]
        lang = s.lang
        foreign = lang != "en"
        if foreign:
            n_foreign += 1
            comp, label, share, narr_c, quot_c = 0.0, "neutral", 0.0, nan, nan
            n_words = _n_words(sent)
        else:
            got = None if sentence_c is None else sentence_c(sent)
            if got is not None:  # (neg, neu, pos, compound, word count)
                analysed[s.index] = (sent, None, got)
                comp = got[3]
                n_words = got[4]
            else:
                a = analyse(sent)
                analysed[s.index] = (sent, a, a[3])
                comp = a[3][3]
                n_words = sum(map(wordish, a[0]))
            if j < nq and qspans[j][0] < en:
                qs, qe = qspans[j]
                if qs <= st and qe >= en:
                    # one quoted span covers the sentence: no narration, and the quoted
                    # part is the sentence itself (its compound and word count, reused)
                    share = (en - st) / max(1, en - st)
                    narr_c = nan
                    quot_c = comp if n_words >= MIN_PART_WORDS else nan
                else:
                    narr, quoted, qchars = _split_parts(text, st, en, qspans, j)
                    share = qchars / max(1, en - st)
                    narr_c = part_compound(narr)
                    quot_c = part_compound(quoted)
            else:
                share = 0.0
                narr_c = comp
                quot_c = nan
            label = "positive" if comp >= pos_threshold else ("negative" if comp <= neg_threshold else "neutral")
        if into is None:
            rows.append({
                "article_id": doc_id, "outlet": outlet, "sentence": s.index, "start": st, "end": en,
                "position": s.position, "lang": lang, "non_english": foreign,
                "in_quote": share >= 0.5, "quoted_share": share, "compound": comp, "label": label,
                "narration_compound": narr_c, "quoted_compound": quot_c, "n_words": n_words,
            })  # fmt: skip
        else:
            row = into[k]
            row["non_english"] = foreign
            row["in_quote"] = share >= 0.5
            row["quoted_share"] = share
            row["compound"] = comp
            row["label"] = label
            row["narration_compound"] = narr_c
            row["quoted_compound"] = quot_c
            row["n_words"] = n_words
    _remember(_ANALYSED, doc, analysed)
    if n_foreign:
        log.warning(
            "article %s: %d non-English sentence(s) flagged and scored neutral (English lexicon)",
            doc_id, n_foreign,
        )
    return rows if into is None else into


def sentence_tone_rows(
    doc: Any,
    *,
    quotes: list[Any] | None = None,
    lexicon: str = "vader",
    pos_threshold: float = 0.05,
    neg_threshold: float = -0.05,
    into: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Tone of every sentence of one article, as rows (dicts keyed by :data:`SENTENCE_COLUMNS`).

    The row-level form of :func:`sentence_tone` (which is built on it), for
    per-article scoring without a DataFrame.

    Parameters
    ----------
    doc : Doc
        A segmented article.
    quotes : list of quote records, optional
        The records of :func:`framing.quotes.extract_quotes` for ``doc``, when the
        caller already has them; default: extracted once per Doc (or those given
        to :func:`set_quotes`).
    lexicon, pos_threshold, neg_threshold
        As in :func:`sentence_tone`.
    into : list of dict, optional
        Rows to add the tone columns to instead of making new ones: one per
        sentence of ``doc``, in order, already holding the other keys of
        :data:`SENTENCE_COLUMNS` with the same values (the ``sentences`` rows of
        :class:`framing.analyze.ArticleScorer`); the tone keys are added in
        :data:`SENTENCE_COLUMNS` order.

    Returns
    -------
    list of dict
        One per sentence, in order; values as in :func:`sentence_tone`
        (the rows of ``into`` when given).
    """
    _check_thresholds(pos_threshold, neg_threshold)
    if quotes is None:
        quotes = _quotes(doc)
    if lexicon == "vader":
        return _sentence_rows_vader(doc, get_vader(), quotes, pos_threshold, neg_threshold, into)
    cols = SENTENCE_COLUMNS
    rows = [dict(zip(cols, r)) for r in _sentence_tuples(doc, _scorer(lexicon), quotes, pos_threshold, neg_threshold)]
    if into is None:
        return rows
    _check_into(into, doc)
    for row, t in zip(into, rows):
        row.update(t)
    return into


def _check_into(into: list[dict[str, Any]], doc: Any) -> None:
    if len(into) != len(doc.sentences):
        raise InputError(f"into: {len(into)} rows for the {len(doc.sentences)} sentences of {doc.id!r}")


def sentence_tone(
    docs: Iterable[Any],
    *,
    lexicon: str = "vader",
    pos_threshold: float = 0.05,
    neg_threshold: float = -0.05,
) -> pd.DataFrame:
    """Tone of every sentence: one row per article x sentence.

    Parameters
    ----------
    docs : iterable of Doc or str
        Segmented articles (a str is segmented with :func:`framing.segment.segment`).
    lexicon : {"vader", "afinn"} or path, default="vader"
        Sentence scorer: VADER, AFINN-165, or an AFINN-format file.
    pos_threshold, neg_threshold : float, default=0.05, -0.05
        ``compound >= pos_threshold`` is positive, ``<= neg_threshold`` negative.

    Returns
    -------
    DataFrame
        Columns ``article_id, outlet, sentence, start, end, position, lang,
        non_english, in_quote, quoted_share, compound, label,
        narration_compound, quoted_compound, n_words``. ``start``/``end`` index
        ``Doc.text``; ``quoted_share`` is the share of the sentence's characters
        inside quoted material, ``in_quote`` is ``quoted_share >= 0.5``;
        ``narration_compound`` / ``quoted_compound`` score the sentence's own and
        quoted words separately (NaN when that part has fewer than 3 words).
        Non-English sentences have ``non_english=True`` and compound 0.

    See Also
    --------
    sentence_tone_rows : the rows of one article, without a DataFrame.
    """
    _check_thresholds(pos_threshold, neg_threshold)
    _scorer(lexicon)
    rows: list[dict[str, Any]] = []
    for doc in as_docs(docs):
        rows.extend(sentence_tone_rows(doc, lexicon=lexicon, pos_threshold=pos_threshold,
                                       neg_threshold=neg_threshold))
    df = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    return df.astype({"in_quote": bool, "non_english": bool})


# ---------------------------------------------------------------------------
# article tone
# ---------------------------------------------------------------------------

ARTICLE_COLUMNS = ["article_id", "outlet", "measure", "estimate", "ci_low", "ci_high", "n_sentences"]


def _measure_values(st: pd.DataFrame, pos: float, neg: float) -> dict[str, tuple[np.ndarray, str]]:
    """Per measure: the per-sentence values and the statistic ("mean" or "median")."""
    en = st[~st["non_english"]]
    comp = en["compound"].to_numpy(dtype=float)
    out: dict[str, tuple[np.ndarray, str]] = {
        "mean": (comp, "mean"),
        "median": (comp, "median"),
        "share_positive": ((comp >= pos).astype(float), "mean"),
        "share_negative": ((comp <= neg).astype(float), "mean"),
        "share_neutral": (((comp < pos) & (comp > neg)).astype(float), "mean"),
        "headline": (en.loc[en["position"] == "headline", "compound"].to_numpy(dtype=float), "mean"),
        "lead": (en.loc[en["position"] == "lead", "compound"].to_numpy(dtype=float), "mean"),
    }
    narr = en["narration_compound"].to_numpy(dtype=float)
    quot = en["quoted_compound"].to_numpy(dtype=float)
    out["narration"] = (narr[~np.isnan(narr)], "mean")
    out["quoted"] = (quot[~np.isnan(quot)], "mean")
    return out


def _median(xs: Sequence[float]) -> float:
    """``float(np.median(xs))`` of finite floats, without building an array (the same value)."""
    ys = sorted(xs)
    n = len(ys)
    h = n // 2
    return float(ys[h]) if n % 2 else float((ys[h - 1] + ys[h]) / 2)


def tone_features(
    rows: Sequence[Mapping[str, Any]], *, pos_threshold: float = 0.05, neg_threshold: float = -0.05
) -> dict[str, float]:
    """Article tone measures of one article from its :func:`sentence_tone` rows, without intervals.

    The same estimates as :func:`article_tone` (and :class:`ToneFeatures`):
    ``sentiment__mean``, ``sentiment__median``, ``sentiment__share_positive``,
    ``sentiment__share_negative``, ``sentiment__share_neutral``,
    ``sentiment__headline``, ``sentiment__lead``, ``sentiment__narration``,
    ``sentiment__quoted`` (NaN where no sentence backs a measure) and
    ``sentiment__n_sentences`` (English sentences).
    """
    nan = float("nan")
    comp: list[float] = []
    by_position: dict[str, list[float]] = {"headline": [], "lead": []}
    narration: list[float] = []
    quoted: list[float] = []
    n_pos = n_neg = n_neu = 0
    for r in rows:  # one pass; each list keeps the sentence order (the same sums)
        if r["non_english"]:
            continue
        c = r["compound"]
        comp.append(c)
        if c >= pos_threshold:
            n_pos += 1
        if c <= neg_threshold:
            n_neg += 1
        if neg_threshold < c < pos_threshold:
            n_neu += 1
        at = by_position.get(r["position"])
        if at is not None:
            at.append(c)
        x = r["narration_compound"]
        if x == x:  # not NaN
            narration.append(x)
        x = r["quoted_compound"]
        if x == x:
            quoted.append(x)

    def mean(xs: Sequence[float]) -> float:
        return float(sum(xs) / len(xs)) if xs else nan

    n = len(comp)
    # a share is the mean of 0/1 values: the count over n, exactly
    return {
        "sentiment__mean": mean(comp),
        "sentiment__median": _median(comp) if comp else nan,
        "sentiment__share_positive": n_pos / n if n else nan,
        "sentiment__share_negative": n_neg / n if n else nan,
        "sentiment__share_neutral": n_neu / n if n else nan,
        "sentiment__headline": mean(by_position["headline"]),
        "sentiment__lead": mean(by_position["lead"]),
        "sentiment__narration": mean(narration),
        "sentiment__quoted": mean(quoted),
        "sentiment__n_sentences": float(n),
    }


def _article_seed(random_state: int, article_id: Any) -> np.random.Generator:
    return np.random.default_rng([int(random_state), zlib.crc32(str(article_id).encode("utf-8"))])


def _bootstrap(values: np.ndarray, stat: str, n_boot: int, confidence: float,
               rng: np.random.Generator) -> tuple[float, float, float]:
    n = len(values)
    if n == 0:
        return math.nan, math.nan, math.nan
    est = float(np.median(values)) if stat == "median" else float(values.mean())
    if n < 2 or n_boot < 1:
        return est, math.nan, math.nan
    idx = rng.integers(0, n, size=(n_boot, n))
    res = values[idx]
    boot = np.median(res, axis=1) if stat == "median" else res.mean(axis=1)
    a = (1.0 - confidence) / 2.0
    lo, hi = np.quantile(boot, [a, 1.0 - a])
    return est, float(lo), float(hi)


def article_tone(
    docs: Iterable[Any] | pd.DataFrame,
    *,
    lexicon: str = "vader",
    pos_threshold: float = 0.05,
    neg_threshold: float = -0.05,
    n_boot: int = config.N_BOOTSTRAP,
    confidence: float = config.CONFIDENCE,
    random_state: int = config.RANDOM_STATE,
) -> pd.DataFrame:
    """Article tone from its sentences, in tidy form: one row per article x measure.

    Parameters
    ----------
    docs : iterable of Doc or str, or DataFrame
        Articles, or the output of :func:`sentence_tone` (then ``lexicon`` is unused).
    lexicon, pos_threshold, neg_threshold
        As in :func:`sentence_tone`.
    n_boot : int, default=config.N_BOOTSTRAP
        Bootstrap resamples (over sentences) for the intervals; 0 skips them.
    confidence : float, default=config.CONFIDENCE
        Interval level (percentile bootstrap).
    random_state : int, default=config.RANDOM_STATE
        Seed; each article's resampling is seeded from it and the article id, so
        an article's interval does not depend on the other articles.

    Returns
    -------
    DataFrame
        Columns ``article_id, outlet, measure, estimate, ci_low, ci_high,
        n_sentences``; ``measure`` in :data:`ARTICLE_MEASURES`. Means and
        shares are over English sentences (never the compound of the whole
        text); ``headline``/``lead`` over those positions; ``narration`` and
        ``quoted`` over the sentences' own and quoted words (parts of at least
        3 words). ``estimate`` is NaN when no sentence backs the measure;
        intervals are NaN with fewer than 2 sentences.
    """
    if not 0 < confidence < 1:
        raise InputError(f"confidence={confidence}: must be between 0 and 1")
    st = docs if isinstance(docs, pd.DataFrame) else sentence_tone(
        docs, lexicon=lexicon, pos_threshold=pos_threshold, neg_threshold=neg_threshold
    )
    rows = []
    for aid, g in st.groupby("article_id", sort=False):
        outlet = g["outlet"].iloc[0]
        rng = _article_seed(random_state, aid)
        for measure, (vals, stat) in _measure_values(g, pos_threshold, neg_threshold).items():
            est, lo, hi = _bootstrap(vals, stat, n_boot, confidence, rng)
            rows.append((aid, outlet, measure, est, lo, hi, len(vals)))
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


# ---------------------------------------------------------------------------
# actor tone
# ---------------------------------------------------------------------------

MENTION_COLUMNS = [
    "article_id", "outlet", "actor", "kind", "start", "end", "text", "via", "attributive",
    "sentence", "voice", "speaker", "quote_kind", "polarity", "p_negative", "p_neutral",
    "p_positive", "tone", "vader", "method",
]  # fmt: skip


def _speech_index(quotes: list[Any] | None, doc: Any) -> list[tuple[int, int, str, str]]:
    """(start, end, speaker, kind) of every voice's content span (quotes and reported speech)."""
    out = []
    if quotes is not None:
        for q in quotes:
            if not (q.kind in _DIRECT or getattr(q, "is_voice", False)):
                continue
            speaker = q.actor or q.speaker_name or q.speaker or "unknown speaker"
            for s, e in q.content_spans:
                out.append((s, e, speaker, q.kind))
    else:
        for q in doc.quote_spans:
            s, e = q.inner
            out.append((s, e, "unknown speaker", "quotation marks"))
    out.sort()
    return out


def _catalog(actors: Any) -> Any:
    from framing.actors import ActorCatalog, load_actors

    return actors if isinstance(actors, ActorCatalog) else load_actors(actors)


def _default_model() -> Any:
    """The shipped target model, or None (with a warning) when it cannot be loaded."""
    from framing.score.targeted import load_target_model

    try:
        return load_target_model()
    except InputError as exc:
        log.warning("target sentiment model unavailable (%s); using sentence VADER as fallback", exc)
        return None


def _mention_dicts(doc: Any, catalog: Any, model: Any, quotes: list[Any] | None) -> list[dict[str, Any]]:
    """The rows (:data:`MENTION_COLUMNS`, in order) of every actor mention of one Doc."""
    mentions = catalog.find_mentions(doc)
    if not mentions:
        return []
    rows: list[dict[str, Any]] = []
    speech = _speech_index(quotes, doc)
    speech_starts = [sp[0] for sp in speech]
    # reach[k]: the furthest end of speech[: k + 1] (none of those spans holds a mention starting there or after)
    reach = list(accumulate([sp[1] for sp in speech], max))
    outlet = doc.meta.get("outlet")
    text = doc.text
    sentences = doc.sentences
    # group the mentions by sentence: one tokenisation / VADER pass per sentence,
    # one vectorised model call per article
    by_sentence: dict[int, list[Any]] = {}
    for m in mentions:
        si = doc.sentence_at(m.start)
        if si >= 0:
            by_sentence.setdefault(si, []).append(m)
    batch: list[tuple[str, list[tuple[int, int]]]] = []
    batch_mentions: list[list[Any]] = []
    batch_sents: list[int] = []
    for si, ms in by_sentence.items():
        sent = sentences[si]
        st, en = sent.start, sent.end
        if sent.lang != "en":
            continue
        scored = [m for m in ms if not m.attributive and m.start - st < min(m.end, en) - st]
        if scored:
            batch.append((text[st:en], [(m.start - st, min(m.end, en) - st) for m in scored]))
            batch_mentions.append(scored)
            batch_sents.append(si)
    preds: dict[int, Any] = {}
    sent_vader: dict[int, float] = {}
    vader = None
    # the tokens and VADER of sentence_tone_rows, when it ran on this Doc (same text)
    found, analysed = _recall(_ANALYSED, doc)
    if batch and model is not None:
        analyses = None
        if found:
            analyses = []
            for si, (sent_text, _) in zip(batch_sents, batch):
                a = analysed.get(si)
                if a is None or a[0] != sent_text:
                    analyses.append(None)
                elif a[1] is not None:
                    analyses.append(a[1])
                else:  # scored by the compiled VADER without token lists: made now (compiled too)
                    if vader is None:
                        vader = get_vader()
                    analyses.append(vader.analyse(sent_text))
        # (polarity, p_negative, p_neutral, p_positive, vader, non_english) per mention
        predict = getattr(model, "predict_many_tuples", None)
        if predict is not None:
            got_all = predict(batch, check_language=False, analyses=analyses)
        else:  # another model object: its TargetPrediction fields
            got_all = [
                [(p.polarity, p.p_negative, p.p_neutral, p.p_positive, p.vader, p.non_english) for p in got]
                for got in model.predict_many(batch, check_language=False, analyses=analyses)
            ]
        for si, ms, got in zip(batch_sents, batch_mentions, got_all):
            for m, pr in zip(ms, got):
                preds[id(m)] = pr
            sent_vader[si] = got[0][4]
    n_foreign = 0
    doc_id = doc.id
    nan = math.nan
    for si, ms in by_sentence.items():
        sent = sentences[si]
        english = sent.lang == "en"
        vc = sent_vader.get(si)
        if vc is None:
            if english:
                sent_text = text[sent.start : sent.end]
                a = analysed.get(si) if found else None
                if a is not None and a[0] == sent_text:  # its scores are those of Vader.scores
                    vc = a[2][3]
                else:
                    if vader is None:
                        vader = get_vader()
                    vc = vader.compound(sent_text)
            else:
                vc = 0.0
            sent_vader[si] = vc
        for m in ms:
            voice, speaker, qkind = "outlet", None, None
            # the innermost (last-starting) speech span holding the mention
            ms0 = m.start
            k = bisect.bisect_right(speech_starts, ms0) - 1
            while k >= 0 and reach[k] > ms0:
                qs, qe, spk, kind = speech[k]
                if ms0 < qe:
                    voice, speaker, qkind = "quoted", spk, kind
                    break
                if ms0 - qs > _MAX_SPEECH_CHARS:
                    break
                k -= 1
            if not english:
                n_foreign += 1
                pol, pn, pu, pp, tone, method = 0, 0.0, 1.0, 0.0, 0.0, "non_english"
            elif m.attributive:
                pol, pn, pu, pp, tone, method = 0, nan, nan, nan, nan, "attributive"
            elif id(m) in preds:
                pol, pn, pu, pp, _, _ = preds[id(m)]
                tone, method = pp - pn, "target_model"
            else:
                pol = 1 if vc >= 0.05 else (-1 if vc <= -0.05 else 0)
                pn = pu = pp = nan
                tone, method = vc, "vader_fallback"
            rows.append({
                "article_id": doc_id, "outlet": outlet, "actor": m.actor, "kind": m.kind, "start": m.start,
                "end": m.end, "text": m.text, "via": m.via, "attributive": m.attributive, "sentence": si,
                "voice": voice, "speaker": speaker, "quote_kind": qkind, "polarity": pol, "p_negative": pn,
                "p_neutral": pu, "p_positive": pp, "tone": tone, "vader": vc, "method": method,
            })  # fmt: skip
    if n_foreign:
        log.warning("article %s: %d actor mention(s) in non-English text scored neutral", doc_id, n_foreign)
    return rows


def mention_rows(
    doc: Any, actors: Any = None, *, model: Any = None, quotes: list[Any] | None = None
) -> list[dict[str, Any]]:
    """Tone toward every actor mention of one article, as rows (dicts keyed by :data:`MENTION_COLUMNS`).

    The row-level form of :func:`mention_tone` (which is built on it), for
    per-article scoring without a DataFrame. Missing ``speaker`` and
    ``quote_kind`` (mentions in the outlet's own words) are ``None``.

    Parameters
    ----------
    doc : Doc
        A segmented article.
    actors : ActorCatalog, path or None, default=None
        The actors catalog (:func:`framing.actors.load_actors`); a path extends the packaged one.
    model : TargetSentimentModel, optional
        Default: the shipped NewsMTSC model.
    quotes : list of quote records, optional
        The records of :func:`framing.quotes.extract_quotes` for ``doc``, when the
        caller already has them; default: extracted once per Doc (or those given
        to :func:`set_quotes`).

    Returns
    -------
    list of dict
        One per mention, grouped by sentence; values as in :func:`mention_tone`.
    """
    catalog = _catalog(actors)
    if model is None:
        model = _default_model()
    if quotes is None:
        quotes = _quotes(doc)
    return _mention_dicts(doc, catalog, model, quotes)


def mention_tone(docs: Iterable[Any], actors: Any = None, *, model: Any = None) -> pd.DataFrame:
    """Tone toward every actor mention: one row per mention (the evidence of :func:`actor_tone`).

    Parameters
    ----------
    docs : iterable of Doc or str
    actors : ActorCatalog, path or None, default=None
        The actors catalog (:func:`framing.actors.load_actors`); a path extends the packaged one.
    model : TargetSentimentModel, optional
        Default: the shipped NewsMTSC model.

    Returns
    -------
    DataFrame
        Columns ``article_id, outlet, actor, kind, start, end, text, via,
        attributive, sentence, voice, speaker, quote_kind, polarity,
        p_negative, p_neutral, p_positive, tone, vader, method``. ``voice`` is
        ``"outlet"`` for narration and ``"quoted"`` inside a quote or reported
        speech, whose ``speaker`` holds the tone. ``tone`` is ``p_positive -
        p_negative`` of the target model (``method="target_model"``), or the
        sentence's VADER compound when the model is unavailable
        (``method="vader_fallback"``); 0 for non-English sentences
        (``method="non_english"``); NaN for attributive mentions
        (``Armenian Prime Minister ...``: the sentence is about the person,
        ``method="attributive"``). Rows are grouped by sentence, in text order
        within a sentence.

    See Also
    --------
    mention_rows : the rows of one article, without a DataFrame.
    """
    catalog = _catalog(actors)
    if model is None:
        model = _default_model()
    cols = MENTION_COLUMNS
    rows: list[dict[str, Any]] = []
    for doc in as_docs(docs):
        rows.extend(_mention_dicts(doc, catalog, model, _quotes(doc)))
    return pd.DataFrame(rows, columns=cols)


ACTOR_COLUMNS = [
    "article_id", "outlet", "actor", "kind", "voice", "speaker", "n_mentions", "n_sentences",
    "n_scored", "tone", "share_negative", "share_neutral", "share_positive", "vader_mean", "method",
]  # fmt: skip


def actor_tone(docs: Iterable[Any] | pd.DataFrame, actors: Any = None, *, model: Any = None) -> pd.DataFrame:
    """Tone toward each actor in each article: one row per article x actor x voice.

    Aliases fold to the canonical actor (``Russia``, ``Russian``, ``Moscow``,
    ``the Kremlin`` -> one row). The outlet's own tone (``voice="outlet"``) is
    kept apart from tone inside quotes and reported speech, which is the
    speaker's (``voice="quoted"``, one row per speaker).

    Parameters
    ----------
    docs : iterable of Doc or str, or DataFrame
        Articles, or the output of :func:`mention_tone`.
    actors : ActorCatalog, path or None, default=None
    model : TargetSentimentModel, optional

    Returns
    -------
    DataFrame
        Columns ``article_id, outlet, actor, kind, voice, speaker, n_mentions,
        n_sentences, n_scored, tone, share_negative, share_neutral,
        share_positive, vader_mean, method``. ``tone`` is the mean over scored
        mentions of ``p_positive - p_negative`` (in [-1, 1]); the shares count
        the model's labels; attributive mentions (``Armenian Prime Minister``:
        the sentence is about the person) are counted in ``n_mentions`` but not
        scored; ``vader_mean`` is the mean sentence compound, for comparison.
    """
    mt = docs if isinstance(docs, pd.DataFrame) else mention_tone(docs, actors, model=model)
    if mt.empty:
        return pd.DataFrame(columns=ACTOR_COLUMNS)
    mt = mt.assign(speaker=mt["speaker"].fillna(""))
    rows = []
    for (aid, actor, voice, speaker), g in mt.groupby(
        ["article_id", "actor", "voice", "speaker"], sort=False
    ):
        scored = g[g["method"].isin(["target_model", "vader_fallback"])]
        n = len(scored)
        pol = scored["polarity"]
        methods = sorted(set(scored["method"])) or ["none"]
        rows.append((
            aid, g["outlet"].iloc[0], actor, g["kind"].iloc[0], voice, speaker or None, len(g),
            g["sentence"].nunique(), n,
            float(scored["tone"].mean()) if n else math.nan,
            float((pol == -1).mean()) if n else math.nan,
            float((pol == 0).mean()) if n else math.nan,
            float((pol == 1).mean()) if n else math.nan,
            float(scored["vader"].mean()) if n else math.nan,
            "+".join(methods),
        ))
    return pd.DataFrame(rows, columns=ACTOR_COLUMNS)


# ---------------------------------------------------------------------------
# scikit-learn
# ---------------------------------------------------------------------------


def __getattr__(name: str) -> Any:
    """``ToneFeatures`` lives in :mod:`framing.score.transformers`, imported on first use (with
    scikit-learn, which scoring itself does not need)."""
    if name == "ToneFeatures":
        from framing.score.transformers import ToneFeatures

        return ToneFeatures
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
