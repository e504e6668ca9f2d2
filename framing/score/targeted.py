"""Target-dependent sentiment: the tone of a sentence toward one person or actor in it.

A multinomial logistic regression (scikit-learn) over sparse features of the
target's context, trained on NewsMTSC (Hamborg & Donnay 2021; MIT licence):
sentences from US news in which annotators labelled the sentiment toward each
named person as negative (-1), neutral (0) or positive (1). The shipped model
``framing/models/target_sentiment.json.gz`` is rebuilt bit for bit by
``scripts/train_target_model.py``.

Features (all computed from the sentence and the target's character span):

* the words of the sentence with the target masked (``<t>``), unigrams and
  bigrams, down-weighted so the local context dominates;
* the words at distance 1-4 left and right of the target and the bags and
  bigrams of the 6-word windows on each side;
* the same local context with VADER lexicon words replaced by their sign and
  other capitalised words by ``<cap>`` (generalises "``<t>`` praised ``<cap>``");
* the target's own words (people recur in the news; down-weighted);
* VADER (Hutto & Gilbert 2014) of the whole sentence, of 3- and 8-word windows
  left and right of the target, of the clause holding the target and of the rest;
* whether the target is inside quotation marks, next to a speech verb,
  sentence-initial, possessive, a pronoun.

What it does not handle: sarcasm, sentiment that needs world knowledge or
coreference across sentences, and targets that are not people (it was trained
on people only); it is an English model.

References
----------
Hamborg, F. & Donnay, K. (2021). NewsMTSC: A Dataset for (Multi-)Target-dependent
Sentiment Classification in Political News Articles. EACL 2021.
Dataset: github.com/fhamborg/NewsMTSC (MIT licence).
Hutto, C.J. & Gilbert, E.E. (2014). VADER. ICWSM-14.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
import sys
import time
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, islice, repeat
from math import sqrt as _sqrt
from operator import getitem, itemgetter
from pathlib import Path
from typing import Any

import numpy as np

from framing._accel import load
from framing._io import write_bytes_atomic
from framing._log import get_logger
from framing.errors import InputError
from framing.resources import package_file
from framing.score.vader import Vader, get_vader

__all__ = [
    "MODEL_FILE",
    "TargetPrediction",
    "TargetSentimentModel",
    "check_span",
    "extract_features",
    "load_target_model",
    "looks_non_english",
    "predict_targets",
    "target_sentiment",
    "train_target_model",
]

log = get_logger(__name__)

#: The compiled twin of the per-target features and logits (framing/_ext/targeted.pyx), or None.
_c = load("targeted")
#: Its tables per model (built on first use, once per process; not pickled with the model).
_C_TABLES: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()

#: File name of the shipped model inside ``framing/models/``.
MODEL_FILE = "target_sentiment.json.gz"
FORMAT = "framing-target-sentiment"
FORMAT_VERSION = 1

#: Feature settings of the shipped model (stored in the model file).
DEFAULT_CONFIG: dict[str, Any] = {
    "bag_weight": 0.5,  # weight of the whole-sentence bag of words
    "context": 4,  # words at distance 1..context on each side
    "window": 6,  # bag/bigram window on each side
    "backoff": 3,  # sign/<cap> back-off context on each side
    "target_weight": 0.5,  # weight of the target's own words
    "vader_windows": [3, 8],
}
#: Default regularisation of the logistic regression (chosen by 5-fold grouped CV on train).
DEFAULT_C = 0.1
#: Default minimum number of training targets a feature must occur in.
DEFAULT_MIN_DF = 1

_WS_RE = re.compile(r"\S+")
_SPEECH = frozenset(
    "said says say saying told tells tweeted tweets wrote writes added adds stated states "
    "declared argued argues claimed claims insisted insists noted notes explained explains "
    "asked asks announced announces warned warns according acknowledged admitted replied "
    "responded suggested suggests believes believed thinks thought recalled urged urges "
    "called calls".split()
)
_PRONOUNS = frozenset("he she him her his they them i we you it me us".split())
_POSSESSIVE = ("'s", "’s", "s'", "s’")
_CLAUSE_END = frozenset(",;:")
_DASHES = frozenset(("—", "–", "-", "--"))
_EN_FUNCTION = frozenset(
    "the of and to in a is that for on with as by was it at from be are this an has have not "
    "but or its said will which were their been his her they he she who would after also i "
    "you we".split()
)


_OTHER_FUNCTION = frozenset(
    "le la les des du et est une un dans pour que qui pas sur au avec il elle ce sont "
    "der die das und ist nicht ein eine mit von zu den dem im auf für sich auch "
    "el los las de y es en una por con para del se su lo como "
    "il lo gli di che è per della non si sono "
    "os em um uma do da não no na "
    "ve bir bu da için ile olarak olan gibi daha çok ama "
    "və üçün ilə kimi çox amma".split()
) - _EN_FUNCTION
_LETTER_RE = re.compile(r"[^\W\d_]")
_NON_LATIN_RE = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f]")


def _sq(x: float) -> float:
    return x / math.sqrt(x * x + 15.0)


def looks_non_english(text: str) -> bool:
    """Heuristic: True when ``text`` is mostly not English.

    Most letters outside the Latin alphabet (Chinese, Cyrillic, Armenian, ...
    scripts), or at least six words with at least two function words of French,
    German, Spanish, Italian, Portuguese, Turkish or Azerbaijani and more than
    twice as many of those as English ones (an English headline without "the"
    stays English).
    """
    if not text.isascii():
        letters = len(_LETTER_RE.findall(text))
        if letters and len(_NON_LATIN_RE.findall(text)) / letters > 0.5:
            return True
    words = [w.strip(".,;:!?\"'“”‘’()").lower() for w in text.split()]
    words = [w for w in words if w.isalpha()]
    if len(words) < 6:
        return False
    en = sum(w in _EN_FUNCTION for w in words)
    other = sum(w in _OTHER_FUNCTION for w in words)
    return other >= 2 and other > 2 * en


def check_span(sentence: Any, span: Any) -> tuple[int, int]:
    """Validate a target span; return ``(start, end)``.

    Raises
    ------
    framing.errors.InputError
        If ``sentence`` is not a non-empty string or ``span`` is not two integers
        with ``0 <= start < end <= len(sentence)``, or covers only white space.
    """
    if not isinstance(sentence, str):
        raise InputError(f"'sentence' must be a string, got {type(sentence).__name__}")
    if not sentence.strip():
        raise InputError("'sentence' is empty")
    if (
        not isinstance(span, (list, tuple))
        or len(span) != 2
        or not all(isinstance(x, int) and not isinstance(x, bool) for x in span)
    ):
        raise InputError(f"'target_span' must be [start, end] (two integers), got {span!r}")
    s, e = span
    if not 0 <= s < e <= len(sentence):
        raise InputError(
            f"'target_span' [{s}, {e}] is outside the sentence (length {len(sentence)}); "
            "need 0 <= start < end <= length"
        )
    if not sentence[s:e].strip():
        raise InputError(f"'target_span' [{s}, {e}] covers only white space")
    return s, e


class _Prepared:
    """Per-sentence work shared by all targets of the sentence (tokens, VADER)."""

    __slots__ = (
        "sentence", "spans", "raw", "lows", "items", "scores", "n",
        "uprof", "bprof", "wcols", "bcols", "counts", "sign", "vsent", "has_quote",
    )  # fmt: skip

    def __init__(self, sentence: str, v: Vader, analysis: Any = None) -> None:
        """Tokens and VADER of ``sentence``; ``analysis`` is :meth:`Vader.analyse` of it, when at hand."""
        self.sentence = sentence
        self.spans: list[tuple[int, int]] | None = None  # token offsets, when needed (:meth:`token_spans`)
        if analysis is not None:  # the tokens of str.split are those of \S+
            self.raw, self.lows, vals, scores = analysis
            self.n = len(self.raw)
            self.scores = scores if self.n else None
        else:
            spans = self.token_spans()
            self.n = len(spans)
            self.raw = [sentence[a:b] for a, b in spans]
            self.lows = v._tokens(self.raw)
            vals = v._valences(self.raw, self.lows) if self.n else []
            if not self.n:
                self.scores = None
            elif v.has_emoji(sentence):  # VADER scores emojis as their descriptions: other tokens
                self.scores = v.scores(sentence)
            else:  # the same tokens and valences: no second pass
                self.scores = v.scores_of_tokens(sentence, self.raw, self.lows, vals)
        self.items = vals  # (token index, valence) in token order
        # the sentence's tokens and token pairs looked up in the model (_FeatureIndex.profile)
        self.uprof: list[tuple[int | None, ...]] | None = None  # token j's profile at j + context
        self.bprof: list[tuple[int | None, ...]] = []  # the pair (j, j + 1)'s columns at j
        self.wcols: list[int | None] = []  # token j's column in w
        self.bcols: list[int | None] = []  # the pair (j, j + 1)'s column in b
        # how often each known column occurs in wcols + bcols, in first-seen order
        self.counts: dict[int | None, int] = {}
        self.sign: dict[int, str] = {}  # "<+>" / "<->" of the tokens of non-zero valence
        self.vsent: list[tuple[int, float]] = []  # the known non-zero VADER features of the sentence
        self.has_quote = False  # the sentence holds a quotation mark (“ or ")

    def token_spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` of every token (run of non-white space), in order (computed once)."""
        spans = self.spans
        if spans is None:
            spans = self.spans = [m.span() for m in _WS_RE.finditer(self.sentence)]
        return spans

    def target_tokens(self, start: int, end: int) -> tuple[int, int]:
        """First and last token index overlapping ``[start, end)`` (nearest token if none)."""
        s = self.sentence
        # the tokens overlapping are those ending after start and starting before end: t0 tokens
        # end at or before start (those of s[:start], but for one running on past start) and
        # t1 + 1 start before end (str.split tokens are those of \S+)
        t0 = len(s[:start].split())
        if 0 < start < len(s) and not s[start - 1].isspace() and not s[start].isspace():
            t0 -= 1
        t1 = len(s[:end].split()) - 1
        if t0 <= t1:
            return t0, t1
        spans = self.token_spans()  # span on white space only: nearest token
        i = min(range(self.n), key=lambda i: abs(spans[i][0] - start))
        return i, i


def _bag_features(p: _Prepared, t0: int, t1: int, bw: float, f: dict[str, float]) -> None:
    """The whole-sentence bag (unigrams, bigrams) with the target collapsed to ``<t>``."""
    seq = p.lows[:t0] + ["<t>"] + p.lows[t1 + 1 :]
    for tok in set(seq):
        f["w:" + tok] = bw
    for a, b in set(zip(seq, seq[1:])):
        f["b:" + a + " " + b] = bw


def _local_features(p: _Prepared, start: int, t0: int, t1: int, cfg: dict[str, Any]) -> dict[str, float]:
    """Every feature except the whole-sentence bag."""
    raw, lows, vals, n = p.raw, p.lows, dict(p.items), p.n
    sentence = p.sentence
    f: dict[str, float] = {}

    # sign / <cap> back-off of the local context
    k = int(cfg["backoff"])
    lo, hi = max(0, t0 - k), min(n, t1 + 1 + k)
    left_b = [_backoff(j, raw, lows, vals) for j in range(lo, t0)]
    right_b = [_backoff(j, raw, lows, vals) for j in range(t1 + 1, hi)]
    for d in range(1, k + 1):
        f[f"bl{d}:" + (left_b[-d] if d <= len(left_b) else "<s>")] = 1.0
        f[f"br{d}:" + (right_b[d - 1] if d <= len(right_b) else "</s>")] = 1.0
    lw = left_b + ["<t>"]
    rw = ["<t>"] + right_b
    for a, b in zip(lw, lw[1:]):
        f["blb:" + a + " " + b] = 1.0
    for a, b in zip(rw, rw[1:]):
        f["brb:" + a + " " + b] = 1.0
    for a, b, c in zip(lw, lw[1:], lw[2:]):
        f["blt:" + a + " " + b + " " + c] = 1.0
    for a, b, c in zip(rw, rw[1:], rw[2:]):
        f["brt:" + a + " " + b + " " + c] = 1.0

    # target identity
    tw = float(cfg["target_weight"])
    for j in range(t0, t1 + 1):
        w = lows[j]
        for suf in _POSSESSIVE:
            if w.endswith(suf):
                w = w[: -len(suf)]
                break
        f["tid:" + w] = tw

    # positional context (the target collapsed to one position)
    c = int(cfg["context"])
    left = lows[max(0, t0 - c) : t0]
    right = lows[t1 + 1 : t1 + 1 + c]
    for d in range(1, c + 1):
        f[f"l{d}:" + (left[-d] if d <= len(left) else "<s>")] = 1.0
        f[f"r{d}:" + (right[d - 1] if d <= len(right) else "</s>")] = 1.0
    win = int(cfg["window"])
    lwin = lows[max(0, t0 - win) : t0]
    rwin = lows[t1 + 1 : t1 + 1 + win]
    for tok in lwin:
        f["lw:" + tok] = 1.0
    for tok in rwin:
        f["rw:" + tok] = 1.0
    for a, b in zip(lwin, lwin[1:]):
        f["lb:" + a + " " + b] = 1.0
    for a, b in zip(rwin, rwin[1:]):
        f["rb:" + a + " " + b] = 1.0

    # VADER: sentence, windows, clause
    sc = p.scores
    f["v:comp"] = sc.compound
    f["v:pos"] = sc.pos
    f["v:neg"] = sc.neg
    items = p.items

    def vsum(a: int, b: int) -> float:
        return sum(x for i, x in items if a <= i < b and not t0 <= i <= t1)

    for w2 in cfg["vader_windows"]:
        f[f"v:l{w2}"] = _sq(vsum(t0 - w2, t0))
        f[f"v:r{w2}"] = _sq(vsum(t1 + 1, t1 + 1 + w2))
    c_lo = t0
    while c_lo > 0 and not _is_boundary(raw[c_lo - 1]):
        c_lo -= 1
    c_hi = t1
    while c_hi < n - 1 and not _is_boundary(raw[c_hi]):
        c_hi += 1
    f["v:clause"] = _sq(vsum(c_lo, c_hi + 1))
    f["v:outside"] = _sq(vsum(0, c_lo) + vsum(c_hi + 1, n))

    # quotes, speech, position
    before = sentence[:start]
    in_quote = before.rfind("“") > before.rfind("”") or before.count('"') % 2 == 1
    f["q:in"] = 1.0 if in_quote else 0.0
    f["q:has"] = 1.0 if ("“" in sentence or '"' in sentence) else 0.0
    sp_after = any(x in _SPEECH for x in lows[t1 + 1 : t1 + 4])
    f["sp:after"] = 1.0 if sp_after else 0.0
    f["sp:before"] = 1.0 if any(x in _SPEECH for x in lows[max(0, t0 - 3) : t0]) else 0.0
    if sp_after:
        f["sp:after_v"] = sc.compound
    if in_quote:
        f["q:in_v"] = sc.compound
    f["pos:first"] = 1.0 if t0 == 0 else 0.0
    f["pos:rel"] = t0 / n
    f["t:poss"] = 1.0 if raw[t1].endswith(_POSSESSIVE) else 0.0
    f["t:pron"] = 1.0 if lows[t0] in _PRONOUNS else 0.0
    return f


def extract_features(
    sentence: str, start: int, end: int, config: dict[str, Any] | None = None, vader: Vader | None = None
) -> dict[str, float]:
    """Sparse features of the target ``sentence[start:end]`` (name -> value).

    Linear in the length of the sentence. The span is not validated here (see
    :func:`check_span`).
    """
    cfg = DEFAULT_CONFIG if config is None else config
    p = _Prepared(sentence, vader or get_vader())
    if p.n == 0:
        return {"empty": 1.0}
    t0, t1 = p.target_tokens(start, end)
    f: dict[str, float] = {}
    _bag_features(p, t0, t1, float(cfg["bag_weight"]), f)
    f.update(_local_features(p, start, t0, t1, cfg))
    return f


def _backoff(j: int, raw: list[str], lows: list[str], vals: dict[int, float]) -> str:
    x = vals.get(j, 0)
    if x > 0:
        return "<+>"
    if x < 0:
        return "<->"
    if j > 0 and raw[j][:1].isupper():
        return "<cap>"
    return lows[j]


def _is_boundary(tok: str) -> bool:
    return tok[-1] in _CLAUSE_END or tok in _DASHES or tok[-1] in "”\"" or tok[0] in "“\"("


class _Boundary(dict[str, bool]):
    """Token -> :func:`_is_boundary` (computed once per distinct token)."""

    def __missing__(self, tok: str) -> bool:
        if len(self) >= 200_000:
            self.clear()
        v = self[tok] = _is_boundary(tok)
        return v


_BOUNDARY = _Boundary()
#: the back-off tokens (interned, as the tokens of the model's back-off n-grams)
_MASK, _CAP, _PLUS, _MINUS = map(sys.intern, ("<t>", "<cap>", "<+>", "<->"))


class _FeatureIndex:
    """The model's columns by feature family, for building feature vectors without feature names.

    :func:`_local_features` names every feature (``"l1:" + word``) and the model
    looks each name up in one dict of all its features. Here the columns are
    looked up by the tokens themselves, with no string built: each token of a
    sentence is looked up once in :attr:`uni`, which gives the token's columns
    in the word families ``w``, ``l1``.., ``r1``.., ``lw``, ``rw`` and ``tid``
    as one tuple, its second field the columns (``b``, ``lb``, ``rb``) of the
    bigrams the token opens, by their second token (:meth:`profile`), so the
    word features of a target are mostly indexing into the sentence's tuples;
    the back-off features (``bl1``.., ``blb``, ...) have their own dicts, keyed
    by tokens or token tuples. Features the model does not know and zero
    values (which add nothing) are skipped.
    :meth:`target` gives exactly the non-zero known entries of
    :func:`_local_features`, in the same order, as ``column -> value``;
    ``tests/test_targeted.py`` checks the two agree.

    The compiled twin (``framing/_ext/targeted.pyx``, used by
    :meth:`TargetSentimentModel.predict_many_tuples` when built) holds the
    same columns as C tables keyed by token ids and gives the entries of
    :meth:`target` and :meth:`bag_delta` in the same order;
    ``tests/test_accel_targeted.py`` checks that too.
    """

    def __init__(self, features: Sequence[str], config: dict[str, Any]) -> None:
        fam: dict[str, dict[str, int]] = {}
        for i, name in enumerate(features):
            pre, _, suf = name.partition(":")
            fam.setdefault(pre, {})[suf] = i
        self.fam = fam

        def get(pre: str) -> dict[str, int]:
            return fam.get(pre, {})

        self.k = k = int(config["backoff"])
        self.c = c = int(config["context"])
        self.win = int(config["window"])
        self.tw = float(config["target_weight"])
        self.vader_windows = [int(w) for w in config["vader_windows"]]
        self.bl = [get(f"bl{d}") for d in range(1, k + 1)]
        self.br = [get(f"br{d}") for d in range(1, k + 1)]

        def by_tuple(pre: str) -> dict[tuple[str, ...], int]:
            # n-gram features keyed by their token tuples: looked up from zip() without joining
            # strings (tokens never hold white space, so the split is exact)
            # (interned: the back-off tokens <t>, <cap>, ... below are these very strings, so they
            # compare by identity)
            return {tuple(map(sys.intern, key.split(" "))): col for key, col in get(pre).items()}

        self.blb, self.brb, self.blt, self.brt = by_tuple("blb"), by_tuple("brb"), by_tuple("blt"), by_tuple("brt")
        self.tid = get("tid")
        w = get("w")
        self.w_mask = w.get("<t>")  # the masked target's word
        # the word families, one field each of a token's profile: w, (its bigrams,) l1..lc, r1..rc,
        # lw, rw, tid
        ufams = [w, *(get(f"l{d}") for d in range(1, c + 1)), *(get(f"r{d}") for d in range(1, c + 1))]
        ufams += [get("lw"), get("rw"), self.tid]
        self._L, self._R, self._LW = 2, 2 + c, 2 + 2 * c
        self._TID = 4 + 2 * c
        self._lw, self._rw = itemgetter(self._LW), itemgetter(self._LW + 1)
        self._Ls, self._Rs = range(self._L, self._L + c), range(self._R, self._R + c)
        # bigram families (b, lb, rb): a token's profile holds the columns of the bigrams it opens,
        # by the next token (a small dict: no tuple of two strings to hash and compare), next to
        # its w column (both are read for every token of a sentence: one cache line)
        bfams = [get("b"), get("lb"), get("rb")]
        self.bi_none: tuple[int | None, ...] = (None,) * 3
        nexts: dict[str, dict[str, tuple[int | None, ...]]] = {}
        for key in dict.fromkeys(key for f in bfams for key in f):
            pair = key.split(" ")
            if len(pair) == 2:  # (tokens hold no white space: no other key is a sentence's bigram)
                nexts.setdefault(pair[0], {})[pair[1]] = tuple(f.get(key) for f in bfams)
        self._NEXT = 1
        self._next = itemgetter(self._NEXT)
        no_next: dict[str, tuple[int | None, ...]] = {}
        self.uni_none: tuple[Any, ...] = (None, no_next) + (None,) * (len(ufams) - 1)
        self.uni: dict[str, tuple[Any, ...]] = {
            tok: (w.get(tok), nexts.get(tok, no_next), *(f.get(tok) for f in ufams[1:]))
            for tok in dict.fromkeys([*(t for f in ufams for t in f), *nexts])
        }
        # the sentence boundaries of l1..lc and r1..rc, as profiles (for padding a sentence's)
        self.uni_start = self.uni.get("<s>", self.uni_none)
        self.uni_end = self.uni.get("</s>", self.uni_none)
        self.mask_next = nexts.get("<t>", no_next)  # the bigrams opened by the masked target
        v = get("v")
        self.v_comp, self.v_pos, self.v_neg = v.get("comp"), v.get("pos"), v.get("neg")
        # the known sentence features v:comp, v:pos, v:neg, as (column, field of VaderScores)
        self.v_sent = [(col, i) for col, i in ((self.v_comp, 3), (self.v_pos, 2), (self.v_neg, 0)) if col is not None]
        self.v_win = [(v.get(f"l{w}"), v.get(f"r{w}"), w) for w in self.vader_windows]
        self.v_clause, self.v_outside = v.get("clause"), v.get("outside")
        q, sp = get("q"), get("sp")
        self.q_in, self.q_has, self.q_in_v = q.get("in"), q.get("has"), q.get("in_v")
        self.sp_after, self.sp_before, self.sp_after_v = sp.get("after"), sp.get("before"), sp.get("after_v")
        self.pos_first, self.pos_rel = get("pos").get("first"), get("pos").get("rel")
        self.t_poss, self.t_pron = get("t").get("poss"), get("t").get("pron")
        self.empty = get("empty").get("")

    def profile(self, p: _Prepared) -> None:
        """Look the sentence's tokens and token pairs up once (:attr:`_Prepared.uprof` and the rest)."""
        lows, n = p.lows, p.n
        c = self.c
        # token j's profile at j + c, between the sentence-boundary paddings
        p.uprof = uprof = [self.uni_start] * c
        uprof += map(self.uni.get, lows, repeat(self.uni_none, n))
        m = max(n - 1, 0)  # the pairs of adjacent tokens: by the first token's bigrams
        p.bprof = bprof = list(map(dict.get, map(self._next, islice(uprof, c, c + m)), islice(lows, 1, None), repeat(self.bi_none, m)))
        p.wcols = list(map(_FIRST, islice(uprof, c, None)))
        p.bcols = list(map(_FIRST, bprof))
        # the columns counted once per sentence (Counter counts in C, in first-seen order) for
        # sentence_bag and bag_delta, instead of a list.count scan of wcols / bcols per target,
        # which compares distinct ints and None through rich comparison (w and b columns are
        # distinct: one count dict serves both)
        p.counts = counts = Counter(chain(p.wcols, p.bcols))
        counts.pop(None, None)
        uprof += [self.uni_end] * c
        p.sign = {i: _PLUS if x > 0 else _MINUS for i, x in p.items if x}
        sc = p.scores
        p.vsent = [(col, sc[i]) for col, i in self.v_sent if sc[i]]
        p.has_quote = "“" in p.sentence or '"' in p.sentence

    def sentence_bag(self, p: _Prepared) -> list[int]:
        """Columns of the sentence's whole bag (unigrams, then bigrams, first-seen order)."""
        if p.uprof is None:
            self.profile(p)
        # distinct tokens have distinct columns: the first-seen columns are those of the first-seen
        # tokens (and likewise for bigrams; no word is a bigram): the keys of the column counts
        return list(p.counts)

    def bag_delta(self, p: _Prepared, t0: int, t1: int) -> tuple[list[int], list[int]]:
        """Columns the target mask removes from and adds to the sentence's full bag (removed, added).

        Exactly the difference between :func:`_bag_features` of the sentence
        and of the masked sentence (counts decide whether a word or bigram
        survives the masking), in time proportional to the target. Known
        words and bigrams are counted by their columns (one column each).
        """
        if p.uprof is None:
            self.profile(p)
        lows, n, wcols, bcols = p.lows, p.n, p.wcols, p.bcols
        # occurrences of a column in wcols (w columns) or bcols (b columns): a count of the
        # sentence, 0 for a column not in it
        count = p.counts.get
        rm: list[int] = []
        add: list[int] = []
        # the target's words that occur nowhere else
        if t0 == t1:
            col = wcols[t0]
            if col is not None and count(col) == 1:
                rm.append(col)
            tcols = [col]
        else:
            tcols = wcols[t0 : t1 + 1]
            for col in dict.fromkeys(tcols):
                if col is not None and count(col) == tcols.count(col):
                    rm.append(col)
        wm = self.w_mask
        if wm is not None and count(wm, 0) == tcols.count(wm):
            add.append(wm)
        # the bigrams touching the target that occur nowhere else
        rc: dict[int, int] = {}
        for col in bcols[t0 - 1 if t0 else 0 : t1 + 1]:
            if col is not None:
                rc[col] = rc.get(col, 0) + 1
        for col, m in rc.items():
            if count(col) == m:
                rm.append(col)
        # the bigrams of the target's mask, in the order of their strings
        none = self.bi_none
        g0 = p.uprof[t0 - 1 + self.c][self._NEXT].get("<t>", none)[0] if t0 > 0 else None
        g1 = self.mask_next.get(lows[t1 + 1], none)[0] if t1 < n - 1 else None
        if g0 is not None and g1 is not None:
            if g0 == g1:
                g1 = None
            elif "<t> " + lows[t1 + 1] < lows[t0 - 1] + " <t>":
                g0, g1 = g1, g0
        for col in (g0, g1):
            if col is not None and count(col, 0) == rc.get(col, 0):
                add.append(col)
        return rm, add

    def target(self, p: _Prepared, start: int, t0: int, t1: int) -> dict[int, float]:
        """``column -> value`` of the non-zero known features of :func:`_local_features`, in its order."""
        if p.uprof is None:
            self.profile(p)
        raw, lows, n = p.raw, p.lows, p.n
        sentence = p.sentence
        uprof, bprof, c = p.uprof, p.bprof, self.c  # uprof[j + c] is token j's profile

        # sign / <cap> back-off of the local context (as _backoff); the columns of value 1.0 are
        # gathered in feature order (None when unknown), those of the target's words remembered
        k = self.k
        sign = p.sign.get
        lw = []
        for j in range(t0 - k if t0 > k else 0, t0):
            tok = sign(j)
            lw.append(tok if tok else _CAP if j and raw[j][:1].isupper() else lows[j])
        rw = [_MASK]
        for j in range(t1 + 1, t1 + 1 + k if t1 + 1 + k < n else n):
            tok = sign(j)
            rw.append(tok if tok else _CAP if raw[j][:1].isupper() else lows[j])
        nl, nr = len(lw), len(rw) - 1
        bl, br = self.bl, self.br
        ones: list[int | None] = []
        for d in range(k):
            ones.append(bl[d].get(lw[-d - 1] if d < nl else "<s>"))
            ones.append(br[d].get(rw[d + 1] if d < nr else "</s>"))
        lw.append(_MASK)
        ones += map(self.blb.get, zip(lw, lw[1:]))
        ones += map(self.brb.get, zip(rw, rw[1:]))
        ones += map(self.blt.get, zip(lw, lw[1:], lw[2:]))
        ones += map(self.brt.get, zip(rw, rw[1:], rw[2:]))

        # target identity
        tw = self.tw
        tids: list[int | None] = []
        if tw:
            TID = self._TID
            for j in range(t0, t1 + 1):
                w = lows[j]
                if w.endswith(_POSSESSIVE):
                    for suf in _POSSESSIVE:
                        if w.endswith(suf):
                            w = w[: -len(suf)]
                            break
                    tids.append(self.tid.get(w))
                else:
                    tids.append(uprof[j + c][TID])
            ones += tids

        # positional context (the target collapsed to one position): l1, r1, l2, r2, ...
        o, o1 = t0 + c, t1 + 1 + c  # the target's first token, the token after it, in uprof
        lr: list[int | None] = [None] * (2 * c)
        lr[::2] = map(getitem, uprof[t0:o][::-1], self._Ls)
        lr[1::2] = map(getitem, uprof[o1 : o1 + c], self._Rs)
        ones += lr
        win = self.win
        lo = t0 - win if t0 > win else 0
        ones += map(self._lw, uprof[lo + c : o])
        ones += map(self._rw, uprof[o1 : o1 + win if t1 + 1 + win < n else n + c])
        if t0 > 1:
            ones += map(_SECOND, bprof[lo : t0 - 1])
        ones += map(_THIRD, bprof[t1 + 1 : t1 + win])
        acc: dict[Any, float] = dict.fromkeys(ones, 1.0)
        for col in tids:
            acc[col] = tw
        acc.pop(None, None)

        # VADER: sentence, windows, clause (valences of the tokens outside the target)
        comp = p.scores.compound
        acc.update(p.vsent)  # the sentence's compound, pos and neg
        out = [(i, x) for i, x in p.items if not t0 <= i <= t1] if p.items else None
        if out:
            # each sum adds its valences in token order from 0.0, as sum() does (one pass for all);
            # x / sqrt(x * x + 15) is _sq
            for cl, cr, w2 in self.v_win:
                lo, hi = t0 - w2, t1 + 1 + w2
                left_sum = right_sum = 0.0
                for i, val in out:
                    if lo <= i < t0:
                        left_sum += val
                    elif t1 < i < hi:
                        right_sum += val
                if left_sum and cl is not None:
                    acc[cl] = left_sum / _sqrt(left_sum * left_sum + 15.0)
                if right_sum and cr is not None:
                    acc[cr] = right_sum / _sqrt(right_sum * right_sum + 15.0)
            # the clause: from after the last boundary token before the target to the first
            # boundary token at or after its last token (the last token at most)
            is_boundary = _BOUNDARY.__getitem__
            c_lo = t0
            while c_lo and not is_boundary(raw[c_lo - 1]):
                c_lo -= 1
            c_hi = t1
            while c_hi < n - 1 and not is_boundary(raw[c_hi]):
                c_hi += 1
            clause_sum = before_sum = after_sum = 0.0
            for i, val in out:
                if i < c_lo:
                    before_sum += val
                elif i <= c_hi:
                    clause_sum += val
                else:
                    after_sum += val
            if clause_sum and self.v_clause is not None:
                acc[self.v_clause] = clause_sum / _sqrt(clause_sum * clause_sum + 15.0)
            x = before_sum + after_sum
            if x and self.v_outside is not None:
                acc[self.v_outside] = x / _sqrt(x * x + 15.0)

        # quotes (none in a sentence without quotation marks), speech, position
        in_quote = p.has_quote and (
            sentence.rfind("“", 0, start) > sentence.rfind("”", 0, start)
            or sentence.count('"', 0, start) % 2 == 1
        )
        if in_quote and self.q_in is not None:
            acc[self.q_in] = 1.0
        if p.has_quote and self.q_has is not None:
            acc[self.q_has] = 1.0
        sp_after = not _SPEECH.isdisjoint(lows[t1 + 1 : t1 + 4])
        if sp_after and self.sp_after is not None:
            acc[self.sp_after] = 1.0
        if self.sp_before is not None and not _SPEECH.isdisjoint(lows[max(0, t0 - 3) : t0]):
            acc[self.sp_before] = 1.0
        if sp_after and comp and self.sp_after_v is not None:
            acc[self.sp_after_v] = comp
        if in_quote and comp and self.q_in_v is not None:
            acc[self.q_in_v] = comp
        if t0 == 0 and self.pos_first is not None:
            acc[self.pos_first] = 1.0
        if t0 and self.pos_rel is not None:
            acc[self.pos_rel] = t0 / n
        if self.t_poss is not None and raw[t1].endswith(_POSSESSIVE):
            acc[self.t_poss] = 1.0
        if self.t_pron is not None and lows[t0] in _PRONOUNS:
            acc[self.t_pron] = 1.0
        return acc


_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)


def _prepared(
    items: Sequence[tuple[str, Sequence[tuple[int, int]]]],
    v: Vader,
    check_language: bool,
    analyses: Sequence[Any] | None,
    out: list[list[Any]],
) -> Iterator[tuple[int, Sequence[tuple[int, int]], _Prepared]]:
    """``(item, targets, prepared sentence)`` of the items with targets in English, in order.

    The targets of a sentence that looks non-English (when ``check_language``)
    get the neutral prediction in ``out`` instead; sentences without targets are
    skipped. ``analyses``, aligned with ``items``, may hold :meth:`Vader.analyse`
    of each sentence (or None).
    """
    for ii, (sentence, targets) in enumerate(items):
        if not targets:
            continue
        if check_language and looks_non_english(sentence):
            out[ii] = [(0, 0.0, 1.0, 0.0, 0.0, True) for _ in targets]
            continue
        yield ii, targets, _Prepared(sentence, v, None if analyses is None else analyses[ii])


def _intp(ints: list[int]) -> np.ndarray:
    """A list of indices as an array (``np.fromiter``: faster than ``np.array`` on a list)."""
    return np.fromiter(ints, dtype=np.intp, count=len(ints))


@dataclass(frozen=True, slots=True)
class TargetPrediction:
    """Sentiment toward one target.

    Attributes
    ----------
    polarity : int
        -1 negative, 0 neutral, 1 positive (the most probable class).
    p_negative, p_neutral, p_positive : float
        Class probabilities of the model.
    vader : float
        VADER compound of the whole sentence (the fallback, for reference).
    non_english : bool
        The sentence looked non-English: polarity 0, probabilities of a neutral call.
    """

    polarity: int
    p_negative: float
    p_neutral: float
    p_positive: float
    vader: float
    non_english: bool = False


class TargetSentimentModel:
    """A trained target-dependent sentiment model (feature weights of a logistic regression).

    Parameters
    ----------
    features : sequence of str
        Feature names, in column order.
    coef : sequence of sequence of float
        One row of weights per class (columns as ``features``).
    intercept : sequence of float
        One per class.
    classes : sequence of int
        Class labels (``[-1, 0, 1]``).
    config : dict
        Feature settings used by :func:`extract_features`.
    meta : dict, optional
        Provenance (training file hash, counts, C, scores).
    """

    def __init__(
        self,
        features: Sequence[str],
        coef: Sequence[Sequence[float]],
        intercept: Sequence[float],
        classes: Sequence[int],
        config: dict[str, Any],
        meta: dict[str, Any] | None = None,
    ) -> None:
        self.features = list(features)
        self.coef = [list(map(float, row)) for row in coef]
        self.intercept = [float(x) for x in intercept]
        self.classes = [int(c) for c in classes]
        self.config = dict(config)
        self.meta = dict(meta or {})
        if self.classes != [-1, 0, 1] or len(self.coef) != 3:
            raise ValueError(f"model classes must be [-1, 0, 1], got {self.classes}")
        if any(len(row) != len(self.features) for row in self.coef):
            raise ValueError("model coef rows must have one weight per feature")
        self._index = {name: i for i, name in enumerate(self.features)}
        # weights as (n_features + 1, 3): the last row is zeros, for unknown features
        self._W = np.zeros((len(self.features) + 1, 3))
        if self.features:
            self._W[:-1] = np.array(self.coef, dtype=float).T
        self._zero_row = len(self.features)
        self._b = np.array(self.intercept, dtype=float)

    # -- persistence ----------------------------------------------------------------

    def to_json_bytes(self) -> bytes:
        """Serialise deterministically (sorted keys, ``repr`` floats, no white space)."""
        doc = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "classes": self.classes,
            "config": self.config,
            "meta": self.meta,
            "intercept": self.intercept,
            "features": self.features,
            "coef": self.coef,
        }
        return (json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n").encode()

    def save(self, path: str | Path) -> None:
        """Write the model atomically as JSON, gzip-compressed when ``path`` ends in ``.gz``.

        The gzip stream has no file name and a zero time stamp, so the same
        model gives the same bytes.
        """
        data = self.to_json_bytes()
        if str(path).endswith(".gz"):
            data = gzip.compress(data, compresslevel=9, mtime=0)
        write_bytes_atomic(path, data)

    @classmethod
    def from_json(cls, text: str | bytes, name: str = "model") -> TargetSentimentModel:
        """Read a model written by :meth:`to_json_bytes`."""
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}: not a JSON model file ({exc})") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise InputError(f"{name}: not a {FORMAT} model file")
        if doc.get("version") != FORMAT_VERSION:
            raise InputError(f"{name}: model format version {doc.get('version')!r}, expected {FORMAT_VERSION}")
        try:
            return cls(doc["features"], doc["coef"], doc["intercept"], doc["classes"], doc["config"], doc.get("meta"))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"{name}: malformed model file ({exc})") from None

    # -- prediction -----------------------------------------------------------------

    def _features_index(self) -> _FeatureIndex:
        """The columns by feature family (built on first use)."""
        fx = self.__dict__.get("_fx")
        if fx is None:
            fx = self._fx = _FeatureIndex(self.features, self.config)
        return fx

    def _c_tables(self) -> Any:
        """The compiled tables of this model (:class:`framing._ext.targeted.Tables`), built on first use.

        None when the extension is not built (or not wanted), or cannot hold
        this model; the pure-Python path then runs.
        """
        if _c is None:
            return None
        tab = _C_TABLES.get(self)
        if tab is None:
            t = time.perf_counter()
            try:
                tab = _c.Tables(self.features, self.config, self._W, self.intercept, _SPEECH, _PRONOUNS)
            except (ValueError, TypeError, KeyError, OverflowError) as exc:
                log.warning("target model: compiled tables not built (%s); pure Python", exc)
                tab = False
            else:
                log.debug(
                    "target model: compiled tables of %d tokens, %d bigrams, %d back-off n-grams, "
                    "%.1f MB, built in %.2f s",
                    tab.n_tokens, tab.n_bigrams, tab.n_backoff, tab.nbytes / 1e6, time.perf_counter() - t,
                )
            _C_TABLES[self] = tab
        return tab or None

    def decision(self, feats: dict[str, float]) -> np.ndarray:
        """Class scores (logits) of one feature dict: ``intercept + x @ W``."""
        if not feats:
            return self._b.copy()
        n = len(feats)
        idx = list(map(self._index.get, feats, repeat(self._zero_row, n)))
        x = np.fromiter(feats.values(), dtype=float, count=n)
        return self._b + x @ self._W[idx]

    def predict_many(
        self,
        items: Sequence[tuple[str, Sequence[tuple[int, int]]]],
        *,
        check_language: bool = True,
        analyses: Sequence[Any] | None = None,
    ) -> list[list[TargetPrediction]]:
        """Predict the targets of many sentences at once: ``[(sentence, [(start, end), ...]), ...]``.

        Each sentence is tokenised and scored by VADER once for all its targets,
        the masked whole-sentence bag is derived from the sentence's bag, and
        the weights of all targets are gathered in one vectorised step. Spans
        must be valid (:func:`check_span`). ``check_language=False`` skips the
        non-English heuristic (when the caller knows the language, e.g. from
        :class:`framing.segment.Sentence`). ``analyses``, aligned with
        ``items``, may hold :meth:`Vader.analyse` of each sentence (or None)
        when the caller has it, to skip tokenising and scoring it again.

        The masked bag of a target is the sentence's bag plus the target's
        changes, so the weights of the sentence's bag are summed once per
        sentence and added to each of its targets.
        """
        got = self.predict_many_tuples(items, check_language=check_language, analyses=analyses)
        return [[TargetPrediction(*r) for r in row] for row in got]

    def predict_many_tuples(
        self,
        items: Sequence[tuple[str, Sequence[tuple[int, int]]]],
        *,
        check_language: bool = True,
        analyses: Sequence[Any] | None = None,
    ) -> list[list[tuple[int, float, float, float, float, bool]]]:
        """:meth:`predict_many` with each prediction as the tuple of its :class:`TargetPrediction` fields.

        ``(polarity, p_negative, p_neutral, p_positive, vader, non_english)``:
        for callers that read the fields right away (no object per target).
        """
        v = get_vader()
        tab = self._c_tables()
        if tab is not None:
            return self._predict_tuples_c(tab, v, items, check_language, analyses)
        fx = self._features_index()
        bw = float(self.config["bag_weight"])
        zero = self._zero_row
        out: list[list[Any]] = [[None] * len(t) for _, t in items]
        # one segment of (column, value) pairs per target, opened by the zero row (so none is
        # empty): its local features, the bag changes of masking it, the sentence's bag
        idx: list[int] = []
        xs: list[float] = []
        ptr: list[int] = []
        rows: list[tuple[int, int, float]] = []  # (item, target, vader)
        # the sentences' bags: one segment per sentence, opened by the zero row
        bag_idx: list[int] = []
        bag_ptr: list[int] = []
        bag_of: list[int] = []  # per target: its sentence's bag segment
        for ii, targets, p in _prepared(items, v, check_language, analyses, out):
            nb = len(bag_ptr)
            if p.n == 0:
                bag_ptr.append(len(bag_idx))
                bag_idx.append(zero)
                for k in range(len(targets)):
                    ptr.append(len(idx))
                    idx.append(zero if fx.empty is None else fx.empty)
                    xs.append(1.0)
                    rows.append((ii, k, 0.0))
                    bag_of.append(nb)
                continue
            bag = fx.sentence_bag(p)
            bag_ptr.append(len(bag_idx))
            bag_idx.append(zero)
            bag_idx.extend(bag)
            vc = p.scores.compound
            for k, (s, e) in enumerate(targets):
                t0, t1 = p.target_tokens(s, e)
                f = fx.target(p, s, t0, t1)
                rm, add = fx.bag_delta(p, t0, t1)
                ptr.append(len(idx))
                idx.append(zero)
                xs.append(0.0)
                idx.extend(f)
                xs.extend(f.values())
                if rm:
                    idx.extend(rm)
                    xs.extend([-bw] * len(rm))
                if add:
                    idx.extend(add)
                    xs.extend([bw] * len(add))
                rows.append((ii, k, vc))
                bag_of.append(nb)
        if rows:
            W = self._W
            # the lists as arrays by np.fromiter (no per-element type discovery), the rows by take
            x = np.fromiter(xs, dtype=float, count=len(xs))
            g = W.take(_intp(idx), axis=0)
            g *= x[:, None]  # (in place: no second array of the gathered rows' size)
            z = np.add.reduceat(g, _intp(ptr), axis=0)
            bags = np.add.reduceat(W.take(_intp(bag_idx), axis=0), _intp(bag_ptr), axis=0)
            z += bags.take(_intp(bag_of), axis=0) * bw
            z += self._b
            self._softmax_into(z, rows, out)
        return out

    def _softmax_into(self, z: np.ndarray, rows: list[tuple[int, int, float]], out: list[list[Any]]) -> None:
        """The class probabilities of the logits ``z`` (one row per target), as tuples into ``out``."""
        # (the ufunc reductions that ndarray.max and .sum call, without their Python wrappers)
        z -= np.maximum.reduce(z, axis=1, keepdims=True)
        ez = np.exp(z)
        prob = ez / np.add.reduce(ez, axis=1, keepdims=True)
        best = prob.argmax(axis=1).tolist()  # the first of equal maxima, as max() would
        classes = self.classes
        for (ii, k, vc), c, pr in zip(rows, best, prob.tolist()):
            out[ii][k] = (classes[c], pr[0], pr[1], pr[2], vc, False)

    def _predict_tuples_c(
        self,
        tab: Any,
        v: Vader,
        items: Sequence[tuple[str, Sequence[tuple[int, int]]]],
        check_language: bool,
        analyses: Sequence[Any] | None,
    ) -> list[list[tuple[int, float, float, float, float, bool]]]:
        """:meth:`predict_many_tuples` with the features and logits of the compiled tables ``tab``.

        The same logits, bit for bit: ``tab`` looks the same columns up in
        the same order and sums the weights as ``np.add.reduceat`` does; the
        softmax is the same numpy code.
        """
        out: list[list[Any]] = [[None] * len(t) for _, t in items]
        z = np.empty((sum(len(t) for _, t in items), 3))
        rows: list[tuple[int, int, float]] = []  # (item, target, vader), one per row of z
        for ii, targets, p in _prepared(items, v, check_language, analyses, out):
            r = len(rows)
            if p.n == 0:
                tab.empty_rows(z, r, len(targets))
                rows.extend([(ii, k, 0.0) for k in range(len(targets))])
                continue
            tab.sentence(p.raw, p.lows, p.items, p.scores, p.sentence, targets, p.target_tokens, z, r)
            vc = p.scores.compound
            rows.extend([(ii, k, vc) for k in range(len(targets))])
        if rows:
            self._softmax_into(z[: len(rows)], rows, out)
        return out

    def predict_sentence(
        self, sentence: str, targets: Sequence[tuple[int, int]], *, check_language: bool = True
    ) -> list[TargetPrediction]:
        """Predict every target ``(start, end)`` of one sentence (see :meth:`predict_many`)."""
        return self.predict_many([(sentence, targets)], check_language=check_language)[0]

    def predict_one(self, sentence: str, start: int, end: int) -> TargetPrediction:
        """Predict the sentiment toward ``sentence[start:end]`` (span already validated)."""
        return self.predict_sentence(sentence, [(start, end)])[0]

    def predict(self, items: Iterable[tuple[str, int, int]]) -> list[TargetPrediction]:
        """Predict ``(sentence, start, end)`` triples.

        Raises
        ------
        framing.errors.InputError
            If a span is not inside its sentence (the message names the item).
        """
        batch = []
        for i, (sentence, s, e) in enumerate(items):
            try:
                s, e = check_span(sentence, [s, e])
            except InputError as exc:
                raise InputError(f"item {i}: {exc}") from None
            batch.append((sentence, [(s, e)]))
        return [r[0] for r in self.predict_many(batch)]


@lru_cache(maxsize=4)
def _load_cached(path: str | None) -> TargetSentimentModel:
    if path is None:
        name = f"framing/models/{MODEL_FILE}"
        ref = package_file("models", MODEL_FILE)
        if not ref.is_file():
            raise InputError(
                f"{name} is missing: rebuild it with `python scripts/train_target_model.py`"
            )
        data = ref.read_bytes()
    else:
        p = Path(path)
        name = str(p)
        if not p.is_file():
            raise InputError(f"{name}: model file not found")
        data = p.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise InputError(f"{name}: corrupt gzip model file ({exc})") from None
    return TargetSentimentModel.from_json(data, name)


def load_target_model(path: str | Path | None = None) -> TargetSentimentModel:
    """The target sentiment model: the shipped one, or the file at ``path``. Cached."""
    return _load_cached(None if path is None else str(Path(path).resolve()))


def target_sentiment(sentence: str, target_span: Sequence[int]) -> TargetPrediction:
    """Sentiment of ``sentence`` toward ``sentence[start:end]`` with the shipped model.

    Parameters
    ----------
    sentence : str
        One sentence.
    target_span : [start, end]
        Character offsets of the target in ``sentence``.

    Returns
    -------
    TargetPrediction

    Raises
    ------
    framing.errors.InputError
        If the span is not inside the sentence.

    Examples
    --------
    >>> target_sentiment("Critics slammed Smith for the failed deal.", [16, 21]).polarity
    -1
    """
    s, e = check_span(sentence, target_span)
    model = load_target_model()
    pred = model.predict_one(sentence, s, e)
    if pred.non_english:
        log.warning("sentence looks non-English; target %r scored neutral", sentence[s:e])
    return pred


def predict_targets(items: Iterable[tuple[str, int, int]]) -> list[TargetPrediction]:
    """Predict ``(sentence, start, end)`` triples with the shipped model."""
    return load_target_model().predict(items)


# -- training ------------------------------------------------------------------------


def read_newsmtsc(path: str | Path) -> list[dict[str, Any]]:
    """Read a NewsMTSC JSON-lines file (``sentence``, ``target_span``, ``polarity``)."""
    rows = []
    p = Path(path)
    with p.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
                check_span(r["sentence"], r["target_span"])
                if r["polarity"] not in (-1, 0, 1):
                    raise InputError(f"'polarity' must be -1, 0 or 1, got {r['polarity']!r}")
            except (json.JSONDecodeError, KeyError, TypeError, InputError) as exc:
                raise InputError(f"{p}: line {lineno}: {exc}") from None
            rows.append(r)
    return rows


def _short_float(x: float) -> float:
    """A weight to 7 significant digits: a file half the size, predictions unchanged in practice."""
    return float(f"{float(x):.7g}")


def train_target_model(
    rows: Sequence[dict[str, Any]],
    *,
    C: float = DEFAULT_C,
    min_df: int = DEFAULT_MIN_DF,
    config: dict[str, Any] | None = None,
    meta: dict[str, Any] | None = None,
) -> TargetSentimentModel:
    """Train the model on NewsMTSC-style rows (deterministic).

    Parameters
    ----------
    rows : sequence of dict
        Each with ``sentence``, ``target_span`` and ``polarity`` in {-1, 0, 1}.
    C : float, default=0.1
        Inverse L2 regularisation of the logistic regression.
    min_df : int, default=1
        Sparse features seen in fewer training targets are dropped (a smaller
        file; 2 halves it but costs about 0.01-0.02 macro-F1 on dev).
    config : dict, optional
        Feature settings; default :data:`DEFAULT_CONFIG`.
    meta : dict, optional
        Extra provenance stored in the model file.

    Returns
    -------
    TargetSentimentModel
    """
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    cfg = dict(DEFAULT_CONFIG if config is None else config)
    v = get_vader()
    X_dicts = [extract_features(r["sentence"], *r["target_span"], cfg, v) for r in rows]
    y = np.array([int(r["polarity"]) for r in rows])
    if set(y.tolist()) != {-1, 0, 1}:
        raise InputError("training data must contain all three polarities -1, 0 and 1")
    if min_df > 1:
        df: dict[str, int] = {}
        for d in X_dicts:
            for name in d:
                df[name] = df.get(name, 0) + 1
        X_dicts = [{k: x for k, x in d.items() if df[k] >= min_df} for d in X_dicts]
    dv = DictVectorizer(sort=True)
    X = dv.fit_transform(X_dicts)
    clf = LogisticRegression(C=C, max_iter=5000, tol=1e-6)
    clf.fit(X, y)
    names = dv.get_feature_names_out().tolist()
    coef = clf.coef_
    keep = [i for i in range(len(names)) if np.any(coef[:, i] != 0.0)]
    digest = hashlib.sha256(
        "\n".join(json.dumps([r["sentence"], list(r["target_span"]), int(r["polarity"])]) for r in rows).encode()
    ).hexdigest()
    info = {"n_train": len(rows), "C": C, "min_df": min_df, "train_sha256": digest, "solver": "lbfgs"}
    info.update(meta or {})
    return TargetSentimentModel(
        [names[i] for i in keep],
        [[_short_float(coef[c, i]) for i in keep] for c in range(3)],
        [_short_float(x) for x in clf.intercept_],
        [int(c) for c in clf.classes_],
        cfg,
        info,
    )
