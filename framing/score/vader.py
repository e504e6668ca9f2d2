"""VADER sentence sentiment: a faithful, faster re-implementation of ``vaderSentiment``.

VADER (Valence Aware Dictionary and sEntiment Reasoner) scores a sentence by
summing the valences of its lexicon words, adjusted by rules for negation,
degree adverbs ("very", "barely"), ALL-CAPS emphasis, "but", "least", idioms and
exclamation/question marks, and maps the sum to ``[-1, 1]`` with
``x / sqrt(x**2 + 15)``.

This module runs the same rules as ``SentimentIntensityAnalyzer.polarity_scores``
of the ``vaderSentiment`` package (version 3.3.2) with the lexicon files that
package ships (``vader_lexicon.txt`` and ``emoji_utf8_lexicon.txt``, read once
through :mod:`importlib.resources`; nothing is downloaded). It is several times
faster because it lower-cases each token once, looks at the context of
lexicon words only, and skips the emoji pass and idiom checks when they cannot
apply. The results are identical, floating-point operation for floating-point
operation (including the reference's quirks, e.g. the list-index behaviour of
its "but" rule); ``tests/test_vader.py`` checks this on real news sentences.

When the compiled twin :mod:`framing._ext.vader` is built (and
``FRAMING_PURE_PYTHON`` is not set), :meth:`Vader.scores`, :meth:`Vader.analyse`
and the other entry points run one sentence in C: the lexicon as a C hash
table, tokens lower-cased and stripped in a C buffer, the same rules with the
same floating-point operations; text it does not handle (emojis, characters
that ``str.lower`` changes outside ASCII, characters outside the BMP) runs the
Python code below. Both give identical results (``tests/test_accel_vader.py``).

The one deliberate difference: :meth:`Vader.scores` and :func:`compound` return
full-precision numbers, while :meth:`Vader.polarity_scores` rounds exactly as
the reference does (compound to 4 decimals, the proportions to 3) so it is a
drop-in replacement.

References
----------
Hutto, C.J. & Gilbert, E.E. (2014). VADER: A Parsimonious Rule-based Model for
Sentiment Analysis of Social Media Text. Eighth International Conference on
Weblogs and Social Media (ICWSM-14). Ann Arbor, MI, June 2014.
Lexicon and rules: github.com/cjhutto/vaderSentiment (MIT licence).
"""

from __future__ import annotations

import math
import re
import string
import sys
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from itertools import compress
from typing import NamedTuple

from framing._accel import load
from framing._log import get_logger
from framing.resources import LexiconError, read_lexicon_text

log = get_logger(__name__)

#: The compiled twin of the rules (:mod:`framing._ext.vader`), or None: pure Python.
_c = load("vader")

__all__ = [
    "Vader",
    "VaderScores",
    "compound",
    "get_vader",
    "polarity_scores",
]

# Constants of the reference implementation (vaderSentiment 3.3.2).
B_INCR = 0.293
B_DECR = -0.293
C_INCR = 0.733
N_SCALAR = -0.74

NEGATE = frozenset(
    [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
        "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
        "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
        "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
        "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
        "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
        "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
        "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    ]
)  # fmt: skip

_INC = (
    "absolutely amazingly awfully completely considerable considerably decidedly deeply "
    "effing enormous enormously entirely especially exceptional exceptionally extreme "
    "extremely fabulously flipping flippin frackin fracking fricking frickin frigging "
    "friggin fully fuckin fucking fuggin fugging greatly hella highly hugely incredible "
    "incredibly intensely major majorly more most particularly purely quite really "
    "remarkably so substantially thoroughly total totally tremendous tremendously uber "
    "unbelievably unusually utter utterly very"
).split()
_DEC = (
    "almost barely hardly kinda kindof kind-of less little marginal marginally occasional "
    "occasionally partly scarce scarcely slight slightly somewhat sorta sortof sort-of"
).split() + ["just enough", "kind of", "sort of"]
BOOSTER_DICT: dict[str, float] = {**dict.fromkeys(_INC, B_INCR), **dict.fromkeys(_DEC, B_DECR)}

SPECIAL_CASES: dict[str, float] = {
    "the shit": 3, "the bomb": 3, "bad ass": 1.5, "badass": 1.5, "bus stop": 0.0,
    "yeah right": -2, "kiss of death": -1.5, "to die for": 3, "beating heart": 3.5,
}  # fmt: skip

#: Words that can take part in a multi-word special case or booster n-gram; the
#: idiom check is skipped when none of them is near the lexicon word.
_IDIOM_WORDS = frozenset(
    w for key in list(SPECIAL_CASES) + list(BOOSTER_DICT) if " " in key for w in key.split()
)
_NEVER_SO = ("so", "this")
#: Tokens that can change the valence of a lexicon word within three tokens before it
#: or two after it: boosters, negations, "no", "least", "so"/"this" (after "never" or
#: before the word), "kind" (of). A lexicon word with none of them nearby, no token
#: with "n't" in the sentence and no multi-word idiom or booster in it keeps its
#: lexicon valence, ALL-CAPS emphasis aside.
_CONTEXT_WORDS = (
    frozenset(k for k in BOOSTER_DICT if " " not in k) | NEGATE | {"no", "least", "so", "this", "kind"}
)
#: The same when the sentence holds a multi-word idiom or booster (any of its words counts).
_CONTEXT_IDIOM = _CONTEXT_WORDS | _IDIOM_WORDS
_IDIOM_KEYS = tuple(k for k in list(SPECIAL_CASES) + list(BOOSTER_DICT) if " " in k)
#: The words of the idioms above but the common "the", "of", "to", "for": each idiom
#: has one, so a sentence holding none of them as a token holds no idiom (the
#: substring test on its tokens is then skipped).
_IDIOM_TRIGGERS = frozenset(w for k in _IDIOM_KEYS for w in k.split()) - {"the", "of", "to", "for"}
_PUNCT = string.punctuation
_TOKEN_CACHE_MAX = 200_000


class VaderScores(NamedTuple):
    """VADER scores of one text, full precision.

    Attributes
    ----------
    neg, neu, pos : float
        Proportions of negative, neutral and positive valence (sum to 1 unless the
        text has no tokens, then all 0).
    compound : float
        Normalised sum of valences in ``[-1, 1]``.
    """

    neg: float
    neu: float
    pos: float
    compound: float


_ZERO = VaderScores(0.0, 0.0, 0.0, 0.0)
#: The scores of a text without sentiment-bearing tokens (shared: a tuple is immutable).
_NEUTRAL = VaderScores(0.0, 1.0, 0.0, 0.0)
#: ``_new_scores(VaderScores, (neg, neu, pos, compound))`` builds VaderScores without the
#: Python-level ``__new__`` of the named tuple (the same object, a little faster).
_new_scores = tuple.__new__


def _read_lexicon(text: str, name: str) -> dict[str, float]:
    lex: dict[str, float] = {}
    for lineno, line in enumerate(text.rstrip("\n").split("\n"), 1):
        if not line:
            continue
        parts = line.strip().split("\t")
        if len(parts) < 2:
            raise LexiconError(f"{name}: line {lineno}: expected 'word<TAB>valence', got {line!r}")
        try:
            lex[parts[0]] = float(parts[1])
        except ValueError:
            raise LexiconError(
                f"{name}: line {lineno}: valence {parts[1]!r} is not a number"
            ) from None
    return lex


def _read_emoji(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.rstrip("\n").split("\n"):
        parts = line.strip().split("\t")
        if len(parts) >= 2:
            out[parts[0]] = parts[1]
    return out


class Vader:
    """VADER analyser with the ``vaderSentiment`` lexicon (or a user lexicon).

    Build it through :func:`get_vader`, which caches one instance per lexicon, so
    the lexicon is read once per process.

    Parameters
    ----------
    lexicon : dict of str to float
        Lower-cased word (or emoticon) -> valence.
    emojis : dict of str to str
        Emoji character -> textual description (scored as words).

    See Also
    --------
    get_vader, compound
    """

    def __init__(self, lexicon: dict[str, float], emojis: dict[str, str]) -> None:
        self.lexicon = lexicon
        self.emojis = {k: v for k, v in emojis.items() if len(k) == 1}
        chars = "".join(re.escape(c) for c in sorted(self.emojis))
        self._emoji_re = re.compile(f"[{chars}]") if chars else None
        self._emoji_set = frozenset(self.emojis)
        self._emoji_hint = _emoji_hint(self.emojis)
        self._tok_cache = _TokenCache()
        self._tok = self._tok_cache.__getitem__
        self._in_lex = lexicon.__contains__
        #: The compiled table of the lexicon and rules (:func:`_compiled_table`), or None.
        self._ct = _compiled_table(self) if _c is not None else None

    # -- tokenisation --------------------------------------------------------------

    def _replace_emoji(self, text: str) -> str:
        emojis = self.emojis

        def repl(m: re.Match[str]) -> str:
            k = m.start()
            desc = emojis[m.group()]
            return " " + desc if k > 0 and text[k - 1] != " " else desc

        return self._emoji_re.sub(repl, text)  # type: ignore[union-attr]

    def _tokens(self, words: list[str]) -> list[str]:
        """Lower-cased tokens, punctuation stripped as the reference does (cached per word).

        The reference strips leading/trailing punctuation unless fewer than three
        characters remain. Case tests can use the raw words: punctuation is
        uncased, so ``word.isupper() == stripped.isupper()``.
        """
        return list(map(self._tok, words))

    # -- the rules --------------------------------------------------------------------

    def _valences(self, words: list[str], lows: list[str], text: str | None = None) -> list[tuple[int, float]]:
        """Valence of every lexicon token, as (index, valence) in token order.

        Tokens not returned have valence 0 (as in the reference, boosters and the
        "kind" of "kind of" are 0 too). ``text``, when given, is the text that
        ``words`` split: without an apostrophe in it, no token holds "n't".
        """
        lex = self.lexicon
        hits = list(compress(range(len(lows)), map(self._in_lex, lows)))
        if not hits:
            return []
        out: list[tuple[int, float]] = []
        joined = " ".join(lows) if text is None or "'" in text else None
        if joined is not None and "n't" in joined:
            plain = None
        elif not _IDIOM_TRIGGERS.isdisjoint(lows) and _has_idiom(joined or " ".join(lows)):
            plain = _CONTEXT_IDIOM.isdisjoint
        else:
            plain = _CONTEXT_WORDS.isdisjoint
        cap_diff: bool | None = None  # some but not all words ALL-CAPS (computed when needed)
        for i in hits:
            if plain is not None and plain(lows[i - 3 if i > 3 else 0 : i + 3]):
                # no rule applies but ALL-CAPS emphasis (the rules of _context_valence, short-cut)
                v = lex[lows[i]]
                if words[i].isupper():
                    if cap_diff is None:
                        cap_diff = _cap_diff(words)
                    if cap_diff:
                        if v > 0:
                            v += C_INCR
                        else:
                            v -= C_INCR
                out.append((i, v))
            else:
                if cap_diff is None:
                    cap_diff = _cap_diff(words)
                out.append((i, self._context_valence(words, lows, i, cap_diff)))
        return out

    def _context_valence(self, words: list[str], lows: list[str], i: int, cap_diff: bool) -> float:
        """Valence of lexicon token ``i`` with all the reference's rules (negation, boosters, idioms, ...)."""
        lex = self.lexicon
        n = len(lows)
        w = lows[i]
        if w == "kind" and i < n - 1 and lows[i + 1] == "of":
            return 0
        v = lex[w]
        p1 = lows[i - 1] if i > 0 else None
        p2 = lows[i - 2] if i > 1 else None
        p3 = lows[i - 3] if i > 2 else None
        if w == "no" and i != n - 1 and lows[i + 1] in lex:
            v = 0.0
        if p1 == "no" or p2 == "no" or (p3 == "no" and p1 in ("or", "nor")):
            v = lex[w] * N_SCALAR
        if cap_diff and words[i].isupper():
            if v > 0:
                v += C_INCR
            else:
                v -= C_INCR
        boost = BOOSTER_DICT
        # start_i = 0
        if p1 is not None and p1 not in lex:
            s = boost.get(p1)
            v = v + (0.0 if s is None else _booster(s, v, cap_diff and words[i - 1].isupper()))
            if p1 in NEGATE or "n't" in p1:
                v = v * N_SCALAR
        # start_i = 1
        if p2 is not None and p2 not in lex:
            s = boost.get(p2)
            v = v + (0.0 if s is None else _booster(s, v, cap_diff and words[i - 2].isupper(), 0.95))
            if p2 == "never" and (p1 == "so" or p1 == "this"):
                v = v * 1.25
            elif p2 == "without" and p1 == "doubt":
                pass
            elif p2 in NEGATE or "n't" in p2:
                v = v * N_SCALAR
        # start_i = 2
        if p3 is not None and p3 not in lex:
            s = boost.get(p3)
            v = v + (0.0 if s is None else _booster(s, v, cap_diff and words[i - 3].isupper(), 0.9))
            if (p3 == "never" and p2 in _NEVER_SO) or p1 in _NEVER_SO:
                v = v * 1.25
            elif p3 == "without" and (p2 == "doubt" or p1 == "doubt"):
                pass
            elif p3 in NEGATE or "n't" in p3:
                v = v * N_SCALAR
            iw = _IDIOM_WORDS
            if (
                p1 in iw
                or p2 in iw
                or p3 in iw
                or w in iw
                or (i + 1 < n and lows[i + 1] in iw)
                or (i + 2 < n and lows[i + 2] in iw)
            ):
                v = _special_idioms(v, lows, i)
        # "least" check
        if p1 == "least":
            if i > 1:
                if p2 != "at" and p2 != "very":
                    v = v * N_SCALAR
            else:
                v = v * N_SCALAR
        return v

    def _score(self, text: str) -> VaderScores:
        if not isinstance(text, str):
            raise TypeError(f"VADER scores text (str), got {type(text).__name__}")
        ct = self._ct
        if ct is not None:
            got = ct.scores(text)  # None: text the compiled code leaves to this code
            if got is not None:
                return got
        if not text.isascii() and self._emoji_hint(text) is not None and not self._emoji_set.isdisjoint(text):
            text = self._replace_emoji(text)
        words = text.split()
        if not words:
            return _ZERO
        lows = self._tokens(words)
        return self._finish(text, len(words), lows, self._valences(words, lows, text))

    def has_emoji(self, text: str) -> bool:
        """True when ``text`` holds an emoji of the lexicon (scored as its description)."""
        return not text.isascii() and self._emoji_hint(text) is not None and not self._emoji_set.isdisjoint(text)

    def _finish(self, text: str, n: int, lows: list[str], vals: list[tuple[int, float]]) -> VaderScores:
        """Scores from the valences of the ``n`` tokens of ``text`` (the "but" rule, sums, punctuation)."""
        if not vals:
            return _NEUTRAL
        nonzero = _nonzero(lows, vals) if "but" in lows else [v for _, v in vals if v != 0]
        if not nonzero:
            return _NEUTRAL
        amp = _punctuation_emphasis(text)
        comp = _normalised(float(sum(nonzero)), amp)
        pos_sum = 0.0
        neg_sum = 0.0
        for v in nonzero:
            if v > 0:
                pos_sum += float(v) + 1
            else:
                neg_sum += float(v) - 1
        neu_count = n - len(nonzero)
        abs_neg = 0.0 - neg_sum  # neg_sum <= 0: math.fabs(neg_sum), exactly
        if pos_sum > abs_neg:
            pos_sum += amp
        elif pos_sum < abs_neg:
            neg_sum -= amp
            abs_neg = 0.0 - neg_sum
        total = pos_sum + abs_neg + neu_count
        # total > 0 and the sums' signs are known: the reference's math.fabs of each ratio, exactly
        return _new_scores(VaderScores, (abs_neg / total, neu_count / total, pos_sum / total, comp))

    def _compound_of_tokens(self, text: str, lows: list[str], vals: list[tuple[int, float]]) -> float:
        """The compound of :meth:`_finish` alone (the same floating-point operations)."""
        if not vals:
            return 0.0
        nonzero = _nonzero(lows, vals) if "but" in lows else [v for _, v in vals if v != 0]
        if not nonzero:
            return 0.0
        return _normalised(float(sum(nonzero)), _punctuation_emphasis(text))

    # -- public -----------------------------------------------------------------------

    def scores(self, text: str) -> VaderScores:
        """Full-precision VADER scores of ``text`` (one sentence).

        Parameters
        ----------
        text : str
            A sentence. Empty or whitespace-only text scores all zeros.

        Returns
        -------
        VaderScores
            ``(neg, neu, pos, compound)``.
        """
        return self._score(text)

    def compound(self, text: str) -> float:
        """Full-precision VADER compound score of ``text`` in ``[-1, 1]``."""
        return self._score(text)[3]

    def polarity_scores(self, text: str) -> dict[str, float]:
        """Scores rounded exactly as ``vaderSentiment`` rounds them (drop-in replacement)."""
        neg, neu, pos, comp = self._score(text)
        return {
            "neg": round(neg, 3),
            "neu": round(neu, 3),
            "pos": round(pos, 3),
            "compound": round(comp, 4),
        }

    def scores_of_tokens(
        self, text: str, words: list[str], lows: list[str], vals: list[tuple[int, float]]
    ) -> VaderScores:
        """:meth:`scores` of ``text`` from its tokens and their valences, without tokenising again.

        ``words`` must be ``text.split()``, ``lows`` and ``vals`` what
        :meth:`_tokens` and :meth:`_valences` give for them, and ``text`` free of
        emojis (:meth:`has_emoji`); the result is then identical to ``scores(text)``.
        """
        if not words:
            return _ZERO
        return self._finish(text, len(words), lows, vals)

    def analyse(self, text: str) -> tuple[list[str], list[str], list[tuple[int, float]], VaderScores]:
        """Tokens, their valences and the scores of one sentence, from one pass.

        Returns ``(words, lows, vals, scores)``: ``words`` is ``text.split()``,
        ``lows`` and ``vals`` what :meth:`_tokens` and :meth:`_valences` give
        for them (before any emoji replacement) and ``scores`` equals
        :meth:`scores` of ``text``. Callers that need the tokens as well as
        the scores (word counts, the target model) avoid a second pass.
        """
        if not isinstance(text, str):
            raise TypeError(f"VADER scores text (str), got {type(text).__name__}")
        ct = self._ct
        if ct is not None:
            got = ct.analyse(text)  # None: text the compiled code leaves to this code
            if got is not None:
                return got
        words = text.split()
        if not words:
            return words, [], [], _ZERO
        lows = list(map(self._tok, words))
        vals = self._valences(words, lows, text)
        if text.isascii() or self._emoji_hint(text) is None or self._emoji_set.isdisjoint(text):
            return words, lows, vals, self._finish(text, len(words), lows, vals) if vals else _NEUTRAL
        return words, lows, vals, self._score(text)

    def compound_of_words(self, text: str, words: list[str]) -> float:
        """:meth:`compound` of ``text`` when its tokens ``words == text.split()`` are at hand.

        Parameters
        ----------
        text : str
            A sentence (or part of one).
        words : list of str
            ``text.split()``; not split again.

        Returns
        -------
        float
            Exactly ``compound(text)``.
        """
        if not words:
            return 0.0
        ct = self._ct
        if ct is not None:
            got = ct.compound_words(text)  # (compound, word count), or None
            if got is not None:
                return got[0]
        if text.isascii() or self._emoji_hint(text) is None or self._emoji_set.isdisjoint(text):
            lows = list(map(self._tok, words))
            return self._compound_of_tokens(text, lows, self._valences(words, lows, text))
        return self._score(text)[3]

    def scores_of_words(self, text: str, words: list[str]) -> VaderScores:
        """:meth:`scores` of ``text`` when its tokens ``words == text.split()`` are at hand."""
        if not words:
            return _ZERO
        if self._ct is not None:
            return self._score(text)  # the compiled code where it applies
        if not text.isascii() and self._emoji_hint(text) is not None and not self._emoji_set.isdisjoint(text):
            return self._score(text)
        lows = self._tokens(words)
        return self._finish(text, len(words), lows, self._valences(words, lows, text))

    def token_valences(self, words: list[str]) -> list[tuple[int, float]]:
        """Valences of whitespace tokens (no emoji pass, no "but" rule): ``(index, valence)``.

        Used for features of a window of a sentence: the rules (negation, boosters,
        caps) see the whole token list, but only lexicon tokens are returned.
        """
        return self._valences(words, self._tokens(words))


class _TokenCache(dict[str, str]):
    """Word -> lower-cased token with punctuation stripped as the reference does (computed once per word).

    The reference strips leading/trailing punctuation unless fewer than three
    characters remain.
    """

    def __missing__(self, word: str) -> str:
        s = word.strip(_PUNCT)
        low = (word if len(s) <= 2 else s).lower()
        if len(self) >= _TOKEN_CACHE_MAX:
            self.clear()
        self[word] = low
        return low


@lru_cache(maxsize=4)
def _char_classes(emojis: frozenset[str]) -> bytes:
    """The class of every character of the Basic Multilingual Plane for the compiled code.

    One byte per character, from Python's own ``str`` methods (so the compiled
    code follows them exactly): 1 handled (ASCII, or a character ``str.lower``
    keeps that is neither an emoji of the lexicon nor a surrogate), 2 white
    space of ``str.split``, 4 ``str.isalnum``, 8 lower- or title-case (a token
    holding it is not ALL-CAPS), 16 upper-case, 32 in ``string.punctuation``,
    64 ``!`` or ``?`` (punctuation emphasis), 128 the apostrophe (of "n't").
    Built once per set of emojis (cached).
    """
    out = bytearray(65536)
    punct = frozenset(_PUNCT)
    for c in range(65536):
        ch = chr(c)
        if ch.isspace():
            out[c] = 2
            continue
        f = 0
        if c < 128 or (ch.lower() == ch and ch not in emojis and not 0xD800 <= c < 0xE000):
            f |= 1
        if ch.isalnum():
            f |= 4
        if not ("A" + ch).isupper():  # str.isupper's test of each character
            f |= 8
        elif ch.isupper():
            f |= 16
        if ch in punct:
            f |= 32
        if ch in "!?":
            f |= 64
        if ch == "'":
            f |= 128
        out[c] = f
    return bytes(out)


def _compiled_table(v: Vader) -> object | None:
    """The compiled lexicon and rules of ``v`` (:class:`framing._ext.vader.Table`), or None.

    None when the lexicon holds what the compiled code does not support (the
    Python code then runs); it gives the results of the Python code exactly.
    """
    if any(c.isascii() for c in v._emoji_set):  # the Python code skips emojis in ASCII text only
        return None
    try:
        return _c.Table(  # type: ignore[union-attr]
            v.lexicon, BOOSTER_DICT, NEGATE, _CONTEXT_WORDS, _CONTEXT_IDIOM, _IDIOM_WORDS, _IDIOM_TRIGGERS,
            SPECIAL_CASES, _IDIOM_KEYS, _char_classes(v._emoji_set),
            # sum() of floats adds them one by one before Python 3.12 (compensated since)
            sys.version_info < (3, 12), VaderScores,
        )
    except (ValueError, TypeError, OverflowError) as exc:
        log.debug("compiled VADER not used for this lexicon (%s): pure Python", exc)
        return None


def _emoji_hint(emojis: dict[str, str]) -> Callable[[str], re.Match[str] | None]:
    """A fast pre-test for emojis: the ``search`` of a character class holding every emoji.

    The class lists the emojis of the Basic Multilingual Plane one by one (``re``
    compiles them to a bitmap) and covers the others with one range from the
    lowest to the highest (a list of hundreds of them would be tested one by
    one for every character). No match: the text holds no emoji; a match: it
    may (the caller checks with the emoji set).
    """
    bmp = "".join(re.escape(c) for c in sorted(emojis) if c <= "\uffff")
    astral = sorted(c for c in emojis if c > "\uffff")
    span = f"{astral[0]}-{astral[-1]}" if astral else ""
    return re.compile(f"[{bmp}{span}]" if bmp or span else "(?!)").search


def _booster(s: float, v: float, capped: bool, damp: float = 1.0) -> float:
    """The increment of a booster word of scalar ``s`` before a word of valence ``v``.

    VADER's ``scalar_inc_dec`` (Hutto and Gilbert, 2014): the booster's sign
    follows the valence, and an ALL-CAPS booster (``capped``: in a sentence
    that mixes cases) adds ``C_INCR`` more; a booster two or three words back
    is damped (``damp`` 0.95 or 0.9).
    """
    if v < 0:
        s *= -1
    if capped:
        if v > 0:
            s += C_INCR
        else:
            s -= C_INCR
    if s != 0 and damp != 1.0:
        s = s * damp
    return s


def _has_idiom(joined: str) -> bool:
    """True when the space-joined tokens hold a multi-word idiom or booster (as a substring)."""
    return any(k in joined for k in _IDIOM_KEYS)


def _cap_diff(words: list[str]) -> bool:
    """True when some, but not all, of ``words`` are ALL-CAPS (the reference's emphasis condition)."""
    n = len(words)
    return 0 < n - sum(map(str.isupper, words)) < n


def _nonzero(lows: list[str], vals: list[tuple[int, float]]) -> list[float]:
    """The non-zero valences of a sentence holding "but", after the reference's "but" rule.

    The reference walks the list of all token valences and, for each value,
    scales the *first* entry equal to it (``list.index``): by 0.5 before the
    first "but", by 1.5 after it. Zero entries never equal a non-zero value and
    stay zero, and at the ``k``-th step only entries up to ``k`` have changed, so
    walking the non-zero valences alone gives exactly the reference's result,
    including its behaviour on repeated values.
    """
    bi = lows.index("but")
    pos = [i for i, v in vals if v != 0]
    cur = [v for _, v in vals if v != 0]
    for v in tuple(cur):
        k = cur.index(v)
        if pos[k] < bi:
            cur[k] = v * 0.5
        elif pos[k] > bi:
            cur[k] = v * 1.5
    return cur


def _normalised(sum_s: float, amp: float) -> float:
    """The compound score: the valence sum, pushed away from 0 by ``amp``, mapped to ``[-1, 1]``."""
    if sum_s > 0:
        sum_s += amp
    elif sum_s < 0:
        sum_s -= amp
    comp = sum_s / math.sqrt((sum_s * sum_s) + 15)
    if comp < -1.0:
        return -1.0
    if comp > 1.0:
        return 1.0
    return comp


def _special_idioms(valence: float, lows: list[str], i: int) -> float:
    """The reference's ``_special_idioms_check`` (called only when ``i > 2``)."""
    n = len(lows)
    w3, w2, w1, w0 = lows[i - 3], lows[i - 2], lows[i - 1], lows[i]
    onezero = f"{w1} {w0}"
    twoonezero = f"{w2} {w1} {w0}"
    twoone = f"{w2} {w1}"
    threetwoone = f"{w3} {w2} {w1}"
    threetwo = f"{w3} {w2}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    if n - 1 > i:
        zeroone = f"{w0} {lows[i + 1]}"
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
    if n - 1 > i + 1:
        zeroonetwo = f"{w0} {lows[i + 1]} {lows[i + 2]}"
        if zeroonetwo in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence


def _punctuation_emphasis(text: str) -> float:
    ep = text.count("!")
    if ep > 4:
        ep = 4
    amp = ep * 0.292
    qm = text.count("?")
    qm_amp = 0
    if qm > 1:
        qm_amp = qm * 0.18 if qm <= 3 else 0.96
    return amp + qm_amp


@lru_cache(maxsize=8)
def get_vader(lexicon: str | None = None) -> Vader:
    """The VADER analyser, built once per lexicon and cached.

    Parameters
    ----------
    lexicon : str or None, default=None
        Path of a user lexicon in VADER's format (``word<TAB>valence[<TAB>...]``
        per line). ``None`` uses ``vader_lexicon.txt`` shipped by the
        ``vaderSentiment`` package.

    Returns
    -------
    Vader

    Raises
    ------
    framing.resources.LexiconError
        If the file is missing or a line is malformed (the message names file and line).
    """
    pkg = resources.files("vaderSentiment")
    if lexicon is None:
        lex_text = pkg.joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
        name = "vaderSentiment/vader_lexicon.txt"
    else:
        lex_text, name = read_lexicon_text(lexicon)
    emoji_text = pkg.joinpath("emoji_utf8_lexicon.txt").read_text(encoding="utf-8")
    return Vader(_read_lexicon(lex_text, name), _read_emoji(emoji_text))


def compound(text: str) -> float:
    """Full-precision VADER compound of one sentence with the default lexicon."""
    return get_vader().compound(text)


def polarity_scores(text: str) -> dict[str, float]:
    """``vaderSentiment``-compatible rounded scores with the default lexicon."""
    return get_vader().polarity_scores(text)
