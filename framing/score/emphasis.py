"""Emphasis: which themes an article treats, how much and how prominently.

Framing is selection and salience (Entman 1993): what an outlet talks about,
how early and how loudly. This module matches theme lexicons (packaged data,
``framing/lexicons/themes.toml``, extensible with user files) against the word
tokens of each :class:`~framing.segment.Doc` and turns the hits into per
article x theme scores:

* ``hits`` and ``hits_per_1k`` (hits per 1,000 English words),
* ``sentence_share``: share of English sentences with at least one hit,
* ``prominence``: the sentence share computed per position (headline, lead,
  body) and averaged with weights that favour headline and lead,
* ``first_sentence`` / ``first_position``: where the theme is first mentioned,
* ``hit_share``: the theme's share of all theme hits of the article.

Every hit is kept with its character offsets (:func:`hits_frame`: the evidence).

Matching is token based: one pass over the tokens (``doc.token_offsets``) with a per-lexicon
cache from token to candidate terms, so the cost is a dictionary look-up per
token however many terms the lexicon holds (no regex per term); when built, the
compiled twin of that loop (``framing/_ext/emphasis.pyx``) runs it in C, with the
same results. Text outside
English (``doc.foreign_spans``, sentences with ``lang != "en"``) is skipped and
counted in ``skipped_words``.

What it does not handle: word senses beyond the listed exclusions (a lexicon
counts words, it does not understand them: "invasion of the state regulatory
domain" is a ``security`` hit), negation ("no military option"), irregular
inflections not listed in the lexicon, and languages other than English.

See Also
--------
framing.score.distinctive : distinctive vocabulary per outlet (Monroe et al. 2008).
"""

from __future__ import annotations

import bisect
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from framing._accel import load as _load_accel
from framing._log import get_logger
from framing.errors import InputError
from framing.resources import LexiconError, read_lexicon_text, read_package_text
from framing.segment import WORD_RE, Doc

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "DEFAULT_WEIGHTS",
    "MEASURES",
    "Hit",
    "Theme",
    "ThemeFeatures",  # noqa: F822  (module __getattr__: framing.score.transformers)
    "ThemeLexicon",
    "find_hits",
    "hits_frame",
    "load_themes",
    "suggest_terms",
    "theme_columns",
    "theme_scores",
]

log = get_logger(__name__)

#: The compiled twin of the token loop of :func:`_scan` (:mod:`framing._ext.emphasis`), or None:
#: pure Python. It reads ``Doc.token_bounds`` as int64 arrays (numpy's index type on 64-bit
#: platforms; elsewhere: pure Python).
_c = _load_accel("emphasis") if np.dtype(np.intp).itemsize == 8 else None

#: Default prominence weights per sentence position (see :func:`theme_scores`).
DEFAULT_WEIGHTS: Mapping[str, float] = {"headline": 3.0, "lead": 2.0, "body": 1.0}

#: Per article x theme measures (columns of :func:`theme_scores`) usable as features.
MEASURES = ("hits", "per_1k", "sentence_share", "prominence", "first_position", "hit_share")
_MEASURE_COLUMN = {
    "hits": "hits",
    "per_1k": "hits_per_1k",
    "sentence_share": "sentence_share",
    "prominence": "prominence",
    "first_position": "first_position",
    "hit_share": "hit_share",
}

_THEME_NAME_RE = re.compile(r"[a-z][a-z0-9_]*\Z")
_THEME_KEYS = {"label", "description", "terms", "exclude", "mode", "remove"}
_PLACEHOLDERS = {"{name}": "name", "{any}": "any"}
_MIN_STEM = 3
_DASHES = "-‐‑‒–—"
_GAP_DROP = str.maketrans("", "", " \t\r\n\u00a0\u2009\u202f" + _DASHES)


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


class Hit(NamedTuple):
    """One theme-term hit: ``doc.text[start:end] == text``."""

    theme: str
    term: str
    text: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class Theme:
    """A theme: its terms and exclusions as written, with where they came from.

    ``term_exclude`` maps a term to the exclusions that apply to it only;
    ``exclude`` applies to every term of the theme.
    """

    name: str
    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    term_exclude: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    label: str = ""
    description: str = ""
    sources: tuple[str, ...] = ()


# ---------------------------------------------------------------------------
# Term syntax -> token patterns
# ---------------------------------------------------------------------------

# An element matches one token: (kind, value, case_sensitive_value)
#   kind "lit": the token equals value (plus possessive; plural on the last element)
#   kind "stem": the token starts with value
#   kind "name": a capitalised non-stop word;  kind "any": any token
_Elem = tuple[str, str, str | None]


@dataclass(frozen=True)
class _Pattern:
    theme: int
    term: str
    elems: tuple[_Elem, ...]
    gaps: tuple[str, ...]  # punctuation required between elements ("" = space/hyphen)
    anchor: int  # the element the pattern is indexed by (see _anchor)
    exclusion: bool = False
    scope: str | None = None  # exclusion: the term it applies to (None = whole theme)


def _norm(token: str) -> str:
    return token.replace("’", "'").replace("‘", "'")


class _TermSyntaxError(ValueError):
    pass


def _parse_words(term: str, *, allow_placeholders: bool) -> tuple[list[_Elem], list[str]] | None:
    """Token elements and gap keys of a term, or None when it must be matched literally."""
    raw = term.strip()
    case = raw.startswith("=") and len(raw) > 1
    if case:
        raw = raw[1:].strip()
    if not raw:
        raise _TermSyntaxError("empty term")
    elems: list[_Elem] = []
    gaps: list[str] = []
    words = raw.split()
    for wi, w in enumerate(words):
        core = w
        trail = ""
        # punctuation after a word ("Moscow," "St.") is required between it and the next word
        while len(core) > 1 and core[-1] in ",.;:":
            trail = core[-1] + trail
            core = core[:-1]
        low = core.lower()
        if low in _PLACEHOLDERS:
            if not allow_placeholders:
                raise _TermSyntaxError(f"placeholder {core!r} is only allowed in exclusions, not in terms")
            elems.append((_PLACEHOLDERS[low], "", None))
        else:
            stem = core.endswith("*") and len(core) > 1
            if stem:
                core = core[:-1]
            if not WORD_RE.fullmatch(core):
                return None  # symbols: matched literally
            if stem and len(core) < _MIN_STEM:
                raise _TermSyntaxError(
                    f"stem {w!r} is too short: at least {_MIN_STEM} characters before '*'"
                )
            elems.append(("stem" if stem else "lit", _norm(core.lower()), _norm(core) if case else None))
        if wi < len(words) - 1:
            gaps.append(trail)
        elif trail:
            return None  # trailing punctuation ("U.S."): matched literally
    return elems, gaps


def _variants(elems: list[_Elem], gaps: list[str]) -> list[tuple[tuple[_Elem, ...], tuple[str, ...]]]:
    """Forms a term can take on the token stream (hyphen/space/closed variants)."""
    out = [(tuple(elems), tuple(gaps))]
    # split hyphenated words into parts ("counter-terror*" -> "counter" "terror*")
    if any(e[0] in ("lit", "stem") and "-" in e[1] for e in elems):
        split_e: list[_Elem] = []
        split_g: list[str] = []
        for i, (kind, value, cs) in enumerate(elems):
            if i > 0:
                split_g.append(gaps[i - 1])
            if kind in ("lit", "stem") and "-" in value:
                parts = [p for p in value.split("-") if p]
                cs_parts = cs.split("-") if cs else [None] * len(parts)
                for j, p in enumerate(parts):
                    if j > 0:
                        split_g.append("")
                    k = kind if j == len(parts) - 1 else "lit"
                    split_e.append((k, p, cs_parts[j] if cs else None))
            else:
                split_e.append((kind, value, cs))
        if all(WORD_RE.fullmatch(e[1]) for e in split_e if e[0] in ("lit", "stem")):
            out.append((tuple(split_e), tuple(split_g)))
        # closed form of a single hyphenated word ("counter-terror*" -> "counterterror*")
        if len(elems) == 1:
            kind, value, cs = elems[0]
            closed = value.replace("-", "")
            if WORD_RE.fullmatch(closed) and len(closed) >= _MIN_STEM:
                out.append((((kind, closed, cs.replace("-", "") if cs else None),), ()))
    # several plain words with plain gaps: also the hyphen-joined single token
    if (
        len(elems) > 1
        and all(g == "" for g in gaps)
        and all(e[0] == "lit" for e in elems[:-1])
        and elems[-1][0] in ("lit", "stem")
        and all(e[2] is None for e in elems)
    ):
        joined = "-".join(e[1] for e in elems)
        if WORD_RE.fullmatch(joined):
            out.append((((elems[-1][0], joined, None),), ()))
    seen = set()
    uniq = []
    for v in out:
        if v not in seen:
            seen.add(v)
            uniq.append(v)
    return uniq


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from framing.score.distinctive import stop_words

    return stop_words()


def _lit_ok(value: str, low: str, last: bool) -> bool:
    """Whether lower-case token ``low`` is the word ``value`` (possessive; plural when last)."""
    if low == value:
        return True
    if not low.startswith(value):
        return False
    rest = low[len(value):]
    return rest == "'s" or (last and rest in ("s", "es", "s'"))


def _elem_match(elem: _Elem, low: str, orig: str, last: bool) -> bool:
    kind, value, cs = elem
    if kind == "lit":
        if low == value:
            ok = True
        elif low.startswith(value):
            rest = low[len(value):]
            ok = rest == "'s" or (last and rest in ("s", "es", "s'"))
        else:
            return False
        if ok and cs is not None:
            return _norm(orig).startswith(cs)
        return ok
    if kind == "stem":
        if not low.startswith(value):
            return False
        return cs is None or _norm(orig).startswith(cs)
    if kind == "name":
        return orig[:1].isupper() and low not in _stop_words()
    return True  # any


# ---------------------------------------------------------------------------
# The lexicon and its compiled matcher
# ---------------------------------------------------------------------------


def _anchor(elems: tuple[_Elem, ...]) -> int | None:
    """The element a pattern is indexed by: its longest non-stop word (rarest, roughly)."""
    best, best_key = None, None
    stops = _stop_words()
    for i, (kind, value, _cs) in enumerate(elems):
        if kind not in ("lit", "stem"):
            continue
        key = (kind == "lit" and value not in stops, len(value), -i)
        if best_key is None or key > best_key:
            best, best_key = i, key
    return best


def _neighbour_check(p: _Pattern, a: int) -> tuple[int, str]:
    """(offset, prefix) of a neighbouring token a match needs: a cheap pre-check."""
    for off in (1, -1):
        k = a + off
        if 0 <= k < len(p.elems):
            kind, value, _cs = p.elems[k]
            if kind in ("lit", "stem") and "'" not in value:
                return off, value
    return 0, ""


#: ASCII symbols, roughly the rarest in news text first, for :func:`_literal_hint`.
_HINT_ORDER = "`~^|\\{}<>[]=+*#@&_%$;!?()/:\"',.-"


def _literal_hint(body: str) -> str | None:
    """A character every match of the literal term ``body`` holds and case cannot change.

    The term's rarest ASCII symbol (``&`` in ``R&D``): a symbol is matched as
    itself, also by a case-insensitive regex. ``None`` when the term has none.
    """
    for ch in _HINT_ORDER:
        if ch in body:
            return ch
    return None


#: Characters of a token's prefix looked up by :meth:`_PrefixFilter.candidates` (5 keep about one
#: token in eight of news text; more would select hardly fewer)
_PREFIX_LEN = 5
#: The first ``k`` characters of a prefix packed as ``uint64`` (a byte each, little-endian)
_PREFIX_MASKS = tuple((1 << (8 * k)) - 1 for k in range(1, _PREFIX_LEN + 1))
#: Multiplicative hashing: a packed prefix times this odd constant, its top bits are its slot
_HASH_MULT = 0x9E3779B97F4A7C15
_TABLE_BITS = 18


def _latin1(text: str) -> bytes:
    """``text`` a byte a character: Latin-1, ``?`` for any other character (lossy, same length)."""
    return text.encode("latin-1", "replace")


def _prefix_slot(packed: int) -> int:
    """The slot of a packed prefix in the prefilter table (as the ``uint64`` arithmetic computes it)."""
    return ((packed * _HASH_MULT) & ((1 << 64) - 1)) >> (64 - _TABLE_BITS)


class _PrefixFilter:
    """Which tokens may have theme candidates: a key of the lexicon begins them.

    A token has candidates (:meth:`_Matcher.candidates`) only when a key of the
    lexicon's tables is a prefix of it (a literal, with its possessive or plural
    ending; a stem) or of one of its hyphen-separated parts. The first
    ``min(len(key), _PREFIX_LEN)`` characters of every key are packed into an
    integer (:func:`_latin1` bytes: equal strings give equal bytes) and their slot
    (:func:`_prefix_slot`) is set in a table; a token is kept when the slot of
    its first ``k`` characters is set, for a ``k`` some key needs, or when it holds
    a hyphen. A collision (of slots, or of characters outside Latin-1) only keeps
    a token for nothing.
    """

    __slots__ = ("lengths", "masks", "table")

    def __init__(self, keys: Iterable[str]) -> None:
        table = np.zeros(1 << _TABLE_BITS, dtype=bool)
        lengths: set[int] = set()
        for key in keys:
            prefix = _latin1(key[:_PREFIX_LEN])
            lengths.add(len(prefix))
            table[_prefix_slot(int.from_bytes(prefix, "little"))] = True
        self.table = table
        #: The prefix lengths the keys need (a packed prefix of each is looked up)
        self.lengths = tuple(sorted(lengths))
        self.masks = tuple(np.uint64(_PREFIX_MASKS[n - 1]) for n in self.lengths)

    def candidates(self, low: str, starts: np.ndarray, ends: np.ndarray) -> list[int]:
        """Indices of the tokens to look at, in order.

        ``low`` is the lower-cased text with ``’`` and ``‘`` read as ``'`` (``_norm``),
        ``starts`` and ``ends`` the token offsets (arrays).
        """
        n = len(starts)
        if not n or not self.masks:
            return []  # no token, or no key (a lexicon of literal terms only)
        data = _latin1(low) + bytes(8)
        # the first characters of each token, packed in a uint64 (a window onto the bytes)
        window = np.ndarray((len(low),), dtype="<u8", buffer=data, strides=(1,))
        packed = window[starts]
        mult, shift = np.uint64(_HASH_MULT), np.uint64(64 - _TABLE_BITS)
        keep = np.zeros(n, dtype=bool)
        for mask in self.masks:
            keep |= self.table[(((packed & mask) * mult) >> shift).view(np.int64)]
        if "-" in low:
            dash = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 45)
            tok = np.searchsorted(starts, dash, side="right") - 1
            inside = tok >= 0
            tok = tok[inside]
            keep[tok[dash[inside] < ends[tok]]] = True
        return np.flatnonzero(keep).tolist()


class _Matcher:
    """Token index of every pattern of a lexicon, with a token -> candidates cache."""

    _CACHE_MAX = 200_000

    def __init__(self, patterns: list[_Pattern], literals: list[tuple[str, int, str, bool, str | None]]):
        self.lit: dict[str, list[tuple[_Pattern, int]]] = defaultdict(list)
        self.stem: dict[str, list[tuple[_Pattern, int]]] = defaultdict(list)
        self.single: dict[str, list[tuple[_Pattern, int]]] = defaultdict(list)  # for word parts
        self.single_stem: dict[str, list[tuple[_Pattern, int]]] = defaultdict(list)
        for p in patterns:
            kind, value, _ = p.elems[p.anchor]
            table = self.lit if kind == "lit" else self.stem
            table[value].append((p, p.anchor))
            if len(p.elems) == 1:
                (self.single if kind == "lit" else self.single_stem)[value].append((p, 0))
        self.stem_lengths = sorted({len(k) for k in self.stem})
        self.single_stem_lengths = sorted({len(k) for k in self.single_stem})
        self.lit = dict(self.lit)
        self.stem = dict(self.stem)
        self.single = dict(self.single)
        self.single_stem = dict(self.single_stem)
        self.cache: dict[str, Any] = {}
        #: The tokens worth a look: a key of ``lit`` or ``stem`` begins them (those of
        #: ``single`` and ``single_stem`` are among these keys)
        self.prefix_filter = _PrefixFilter([*self.lit, *self.stem])
        #: The prefilter as the compiled token loop reads it (:meth:`prefix_bits`), made on first use
        self._prefix_bits: Any = None
        # literal terms (symbols): one compiled regex for all of them
        self.literal_info: dict[str, list[tuple[int, str, bool, str | None]]] = defaultdict(list)
        ci_parts: list[tuple[int, str]] = []
        cs_parts: list[tuple[int, str]] = []
        ci_hints: list[str | None] = []
        cs_hints: list[str | None] = []
        for text, theme, term, exclusion, scope in literals:
            cs = text.startswith("=") and len(text) > 1
            body = text[1:].strip() if cs else text.strip()
            key = re.sub(r"\s+", " ", body if cs else body.lower())
            self.literal_info[key].append((theme, term, exclusion, scope))
            rx = r"\s+".join(re.escape(part) for part in body.split())
            if body[:1].isalnum() or body[:1] == "_":
                # no word character before the term; the check sits after the term's first
                # character (which re.escape leaves as it is), so the regex opens with a
                # character and the scan skips to it in C instead of trying every position
                rx = rx[0] + r"(?<![^\W_][\s\S])" + rx[1:]
            if body[-1:].isalnum() or body[-1:] == "_":
                rx = rx + r"(?![^\W_])"
            (cs_parts if cs else ci_parts).append((len(body), rx))
            (cs_hints if cs else ci_hints).append(_literal_hint(body))
        self.literal_ci = (
            re.compile("|".join(r for _, r in sorted(ci_parts, reverse=True)), re.IGNORECASE)
            if ci_parts
            else None
        )
        self.literal_cs = (
            re.compile("|".join(r for _, r in sorted(cs_parts, reverse=True))) if cs_parts else None
        )
        #: For each literal regex, characters one of which a text must hold for it to match
        #: (``None``: no such test, always search): each term's least common symbol.
        self.literal_hints: dict[re.Pattern[str] | None, tuple[str, ...] | None] = {
            self.literal_ci: None if None in ci_hints else tuple(dict.fromkeys(ci_hints)),  # type: ignore[arg-type]
            self.literal_cs: None if None in cs_hints else tuple(dict.fromkeys(cs_hints)),  # type: ignore[arg-type]
        }

    def prefix_bits(self) -> Any:
        """The prefilter table as bits (``framing._ext.emphasis.PrefixBits``), made once."""
        if self._prefix_bits is None:
            pf = self.prefix_filter
            self._prefix_bits = _c.PrefixBits(pf.table, pf.lengths)
        return self._prefix_bits

    def _lookup(self, low: str, table: dict, stems: dict, lengths: list[int]) -> list[tuple[_Pattern, int]]:
        cands: list[tuple[_Pattern, int]] = []
        seen_keys = [low]
        if low.endswith("'s"):
            seen_keys.append(low[:-2])
        if low.endswith("s'"):
            seen_keys.append(low[:-2])
        if low.endswith("es"):
            seen_keys.append(low[:-2])
        if low.endswith("s"):
            seen_keys.append(low[:-1])
        done = set()
        for k in seen_keys:
            if k in done:
                continue
            done.add(k)
            for pa in table.get(k, ()):
                p, a = pa
                if _lit_ok(p.elems[a][1], low, a == len(p.elems) - 1):
                    cands.append(pa)
        n = len(low)
        for L in lengths:
            if L > n:
                break
            cands.extend(stems.get(low[:L], ()))
        return cands

    def candidates(self, key: str) -> Any:
        """(whole-token candidates, word-part candidates) of a lower-cased token, cached."""
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        low = _norm(key)
        whole = tuple(self._lookup(low, self.lit, self.stem, self.stem_lengths))
        parts: list[tuple[int, int, tuple[tuple[_Pattern, int], ...]]] = []
        if "-" in low:
            pos = 0
            for piece in low.split("-"):
                if piece and piece != low:
                    pc = self._lookup(piece, self.single, self.single_stem, self.single_stem_lengths)
                    if pc:
                        parts.append((pos, pos + len(piece), tuple(pc)))
                pos += len(piece) + 1
        singles = tuple(
            (p.theme, p.term, p.exclusion, p.scope)
            for p, _a in whole
            if len(p.elems) == 1 and p.elems[0][2] is None
        )
        multis = tuple(
            (p, a) + _neighbour_check(p, a)
            for p, a in whole
            if len(p.elems) > 1 or p.elems[0][2] is not None
        )
        value = (singles, multis, tuple(parts)) if (whole or parts) else False
        if len(self.cache) >= self._CACHE_MAX:
            self.cache.clear()
        self.cache[key] = value
        return value


class ThemeLexicon:
    """Theme lexicons, compiled once into a token matcher.

    Build it with :func:`load_themes`. It pickles (for parallel workers) and is
    safe to share between scorers.

    Attributes
    ----------
    themes : dict of str to Theme
        The themes in file order.
    sources : tuple of str
        The files the themes were read from.
    """

    def __init__(self, themes: Mapping[str, Theme], sources: Sequence[str] = ()) -> None:
        self.themes: dict[str, Theme] = dict(themes)
        self.sources = tuple(sources)
        self._matcher: _Matcher | None = None

    # -- container protocol -------------------------------------------------
    @property
    def names(self) -> list[str]:
        """Theme names, in order."""
        return list(self.themes)

    def __len__(self) -> int:
        return len(self.themes)

    def __contains__(self, name: object) -> bool:
        return name in self.themes

    def __iter__(self):
        return iter(self.themes)

    def __getitem__(self, name: str) -> Theme:
        return self.themes[name]

    def __repr__(self) -> str:
        n = sum(len(t.terms) for t in self.themes.values())
        return f"ThemeLexicon({len(self.themes)} themes, {n} terms, sources={list(self.sources)})"

    def __getstate__(self) -> dict[str, Any]:
        return {"themes": self.themes, "sources": self.sources}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.themes = state["themes"]
        self.sources = state["sources"]
        self._matcher = None

    # -- compilation ---------------------------------------------------------
    @property
    def matcher(self) -> _Matcher:
        if self._matcher is None:
            self._matcher = self._compile()
        return self._matcher

    def _compile(self) -> _Matcher:
        patterns: list[_Pattern] = []
        literals: list[tuple[str, int, str, bool, str | None]] = []
        for ti, theme in enumerate(self.themes.values()):
            items: list[tuple[str, bool, str | None]] = [(t, False, None) for t in theme.terms]
            items += [(x, True, None) for x in theme.exclude]
            for term, xs in theme.term_exclude.items():
                items += [(x, True, term) for x in xs]
            for text, exclusion, scope in items:
                parsed = _parse_words(text, allow_placeholders=exclusion)
                if parsed is None:
                    literals.append((text, ti, text, exclusion, scope))
                    continue
                elems, gaps = parsed
                for ev, gv in _variants(elems, gaps):
                    anchor = _anchor(ev)
                    if anchor is None:
                        continue  # only placeholders: validated at load time
                    patterns.append(_Pattern(ti, text, ev, gv, anchor, exclusion, scope))
        return _Matcher(patterns, literals)


# ---------------------------------------------------------------------------
# Loading and validation
# ---------------------------------------------------------------------------


def _line_of(text: str, needle: str, start_line: int = 1) -> int | None:
    lines = text.splitlines()
    for i in range(max(start_line - 1, 0), len(lines)):
        if needle in lines[i]:
            return i + 1
    return None


def _table_line(text: str, name: str) -> int | None:
    for i, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith("[") and s.split("]")[0].strip("[ ").strip("\"'") == name:
            return i
    return None


def _parse_file(text: str, name: str, *, user: bool) -> list[tuple[str, dict[str, Any], int | None]]:
    """Validate one themes file; returns (theme, spec, line) triples."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{name}: {exc}") from None
    if not data:
        raise LexiconError(f"{name}: no themes (expected one [theme] table per theme)")
    out = []
    for theme, spec in data.items():
        tline = _table_line(text, theme)
        where = f"{name}, line {tline}" if tline else name
        if not isinstance(spec, dict):
            line = _line_of(text, theme) or tline
            raise LexiconError(
                f"{name}, line {line}: {theme!r} must be a table ([{theme}] with terms = [...]), "
                f"got {type(spec).__name__}"
            )
        if not _THEME_NAME_RE.match(theme):
            raise LexiconError(
                f"{where}: theme name {theme!r} must be lower-case letters, digits and "
                "underscores, starting with a letter (it becomes a column name)"
            )
        unknown = set(spec) - _THEME_KEYS
        if unknown:
            key = sorted(unknown)[0]
            line = _line_of(text, key, tline or 1) or tline
            raise LexiconError(
                f"{name}, line {line}: theme {theme!r}: unknown key {key!r}; "
                f"allowed: {', '.join(sorted(_THEME_KEYS))}"
            )
        mode = spec.get("mode", "extend")
        if mode not in ("extend", "replace"):
            line = _line_of(text, "mode", tline or 1) or tline
            raise LexiconError(
                f"{name}, line {line}: theme {theme!r}: mode must be 'extend' or 'replace', got {mode!r}"
            )
        if not user and ("mode" in spec or "remove" in spec):
            raise LexiconError(f"{where}: theme {theme!r}: 'mode' and 'remove' are for user files")
        terms = spec.get("terms")
        if terms is None and not spec.get("remove"):
            raise LexiconError(f"{where}: theme {theme!r} has no 'terms' list (an empty theme)")
        terms = terms if terms is not None else []
        if not isinstance(terms, list):
            raise LexiconError(f"{where}: theme {theme!r}: 'terms' must be a list, got {type(terms).__name__}")
        for key in ("exclude", "remove"):
            val = spec.get(key, [])
            if not isinstance(val, list) or not all(isinstance(v, str) for v in val):
                line = _line_of(text, key, tline or 1) or tline
                raise LexiconError(f"{name}, line {line}: theme {theme!r}: {key!r} must be a list of strings")
        plain: list[str] = []
        term_exclude: dict[str, tuple[str, ...]] = {}
        for t in terms:
            if isinstance(t, dict):
                extra = set(t) - {"term", "exclude"}
                term = t.get("term")
                excl = t.get("exclude", [])
                if extra or not isinstance(term, str) or not isinstance(excl, list) or not all(
                    isinstance(x, str) for x in excl
                ):
                    line = _line_of(text, "term", tline or 1) or tline
                    raise LexiconError(
                        f"{name}, line {line}: theme {theme!r}: a term table needs term = \"...\" "
                        f"and optionally exclude = [\"...\"], got {t!r}"
                    )
                plain.append(term)
                if excl:
                    term_exclude[term] = tuple(excl)
            elif isinstance(t, str):
                plain.append(t)
            else:
                line = _line_of(text, repr(t), tline or 1) or tline
                raise LexiconError(
                    f"{name}, line {line}: theme {theme!r}: term {t!r} is a {type(t).__name__}, "
                    "expected a string or {term = ..., exclude = [...]}"
                )
        # syntax of every term and exclusion
        for t in plain + list(spec.get("exclude", [])) + [x for xs in term_exclude.values() for x in xs]:
            is_excl = t not in plain
            try:
                parsed = _parse_words(t, allow_placeholders=is_excl) if t.strip() else None
                if not t.strip():
                    raise _TermSyntaxError("empty term")
                if parsed is not None and not any(e[0] in ("lit", "stem") for e in parsed[0]):
                    raise _TermSyntaxError("an exclusion needs at least one word besides placeholders")
            except _TermSyntaxError as exc:
                line = _line_of(text, f'"{t}"', tline or 1) or tline
                raise LexiconError(f"{name}, line {line}: theme {theme!r}: {t!r}: {exc}") from None
        if not plain and not spec.get("remove"):
            raise LexiconError(f"{where}: theme {theme!r} is empty (terms = [])")
        out.append(
            (
                theme,
                {
                    "terms": plain,
                    "exclude": list(spec.get("exclude", [])),
                    "term_exclude": term_exclude,
                    "label": str(spec.get("label", "")),
                    "description": str(spec.get("description", "")),
                    "mode": mode,
                    "remove": list(spec.get("remove", [])),
                },
                tline,
            )
        )
    return out


def _term_key(term: str) -> str:
    t = term.strip()
    return t if t.startswith("=") else re.sub(r"\s+", " ", t.lower())


def _merge(
    acc: dict[str, dict[str, Any]], parsed: list[tuple[str, dict[str, Any], int | None]], name: str
) -> None:
    for theme, spec, line in parsed:
        cur = acc.get(theme)
        if cur is None or spec["mode"] == "replace":
            if cur is None and spec["remove"]:
                log.warning("%s: theme %r: 'remove' on a new theme has no effect", name, theme)
            cur = {"terms": [], "exclude": [], "term_exclude": {}, "label": "", "description": "", "sources": []}
            acc[theme] = cur
        if spec["remove"]:
            drop = {_term_key(r) for r in spec["remove"]}
            missing = drop - {_term_key(t) for t in cur["terms"]}
            for m in sorted(missing):
                log.warning("%s: theme %r: cannot remove %r: not a term of the theme", name, theme, m)
            cur["terms"] = [t for t in cur["terms"] if _term_key(t) not in drop]
        have = {_term_key(t) for t in cur["terms"]}
        for t in spec["terms"]:
            k = _term_key(t)
            if k in have:
                log.warning("%s: theme %r: term %r is listed twice; kept once", name, theme, t)
                continue
            have.add(k)
            cur["terms"].append(t)
        cur["exclude"] += [x for x in spec["exclude"] if x not in cur["exclude"]]
        cur["term_exclude"].update(spec["term_exclude"])
        cur["label"] = spec["label"] or cur["label"]
        cur["description"] = spec["description"] or cur["description"]
        cur["sources"].append(name)
        if not cur["terms"]:
            where = f"{name}, line {line}" if line else name
            raise LexiconError(f"{where}: theme {theme!r} is empty (no terms left)")


def _build(acc: dict[str, dict[str, Any]], sources: list[str]) -> ThemeLexicon:
    owner: dict[str, str] = {}
    for theme, cur in acc.items():
        for t in cur["terms"]:
            k = _term_key(t)
            if k in owner and owner[k] != theme:
                log.warning(
                    "term %r is in themes %r and %r; it counts for both", t, owner[k], theme
                )
            else:
                owner[k] = theme
    themes = {
        name: Theme(
            name=name,
            terms=tuple(cur["terms"]),
            exclude=tuple(cur["exclude"]),
            term_exclude=dict(cur["term_exclude"]),
            label=cur["label"] or name.replace("_", " ").capitalize(),
            description=cur["description"],
            sources=tuple(cur["sources"]),
        )
        for name, cur in acc.items()
    }
    return ThemeLexicon(themes, sources)


@lru_cache(maxsize=1)
def _default_lexicon() -> ThemeLexicon:
    name = "framing/lexicons/themes.toml"
    acc: dict[str, dict[str, Any]] = {}
    _merge(acc, _parse_file(read_package_text("lexicons", "themes.toml"), name, user=False), name)
    return _build(acc, [name])


def load_themes(
    paths: str | Path | Iterable[str | Path] | None = None, *, replace: bool = False
) -> ThemeLexicon:
    """Load the packaged theme lexicons and/or the user's theme files.

    Parameters
    ----------
    paths : path-like or iterable of path-like, default=None
        User TOML files in the format documented at the top of
        ``framing/lexicons/themes.toml``. A user theme with a new name adds a
        theme; one with an existing name adds its terms and exclusions
        (``mode = "replace"`` replaces the theme's terms instead, and
        ``remove = [...]`` drops single terms). Files are applied in order.
    replace : bool, default=False
        Use only the user files, not the packaged themes.

    Returns
    -------
    ThemeLexicon
        The packaged default is built once and cached (do not mutate it).

    Raises
    ------
    LexiconError
        A missing, non-UTF-8 or malformed file, with the file name, the line
        and what is wrong: TOML syntax, an empty theme, a term of the wrong
        type, a stem shorter than three characters, an unknown key.

    Notes
    -----
    A term listed in two themes is allowed (it counts for both) and logged as a
    warning. Terms with symbols (``C++``, ``R&D``, ``(``) are matched literally.
    """
    if paths is None:
        if replace:
            raise InputError("load_themes(replace=True) needs at least one user theme file in paths")
        return _default_lexicon()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = list(paths)
    if not paths and replace:
        raise InputError("load_themes(replace=True) needs at least one user theme file in paths")
    acc: dict[str, dict[str, Any]] = {}
    sources: list[str] = []
    if not replace:
        base = _default_lexicon()
        for name, th in base.themes.items():
            acc[name] = {
                "terms": list(th.terms),
                "exclude": list(th.exclude),
                "term_exclude": dict(th.term_exclude),
                "label": th.label,
                "description": th.description,
                "sources": list(th.sources),
            }
        sources += list(base.sources)
    for p in paths:
        text, name = read_lexicon_text(p)
        _merge(acc, _parse_file(text, name, user=True), name)
        sources.append(name)
    return _build(acc, sources)


def _as_lexicon(lexicon: ThemeLexicon | str | Path | Iterable[str | Path] | None) -> ThemeLexicon:
    if isinstance(lexicon, ThemeLexicon):
        return lexicon
    return load_themes(lexicon)


# ---------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------


def _skip_intervals(doc: Doc) -> list[tuple[int, int]]:
    iv = [(s, e) for s, e, _ in doc.foreign_spans]
    iv += [(s.start, s.end) for s in doc.sentences if s.lang != "en"]
    if not iv:
        return []
    iv.sort()
    merged = [list(iv[0])]
    for s, e in iv[1:]:
        if s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _scan_tokens(
    doc: Doc, m: _Matcher, skip: list[tuple[int, int]]
) -> tuple[list[tuple[int, int, int, str, bool, str | None]], int]:
    """The raw hits of the word terms (``(theme, start, end, term, exclusion, scope)``, in token
    order) and the number of tokens in ``skip``: the token loop of :func:`_scan`."""
    text = doc.text
    low = doc.lower
    starts, ends = doc.token_offsets  # shared with the other scorers (not modified here)
    n_tok = len(starts)
    foreign: list[bool] | None = None
    n_skipped = 0
    if skip:
        foreign = [False] * n_tok
        j = 0
        for i, s in enumerate(starts):
            while j < len(skip) and skip[j][1] <= s:
                j += 1
            if j < len(skip) and skip[j][0] <= s < skip[j][1]:
                foreign[i] = True
                n_skipped += 1
    cand_get = m.cache.get
    candidates = m.candidates
    raw: list[tuple[int, int, int, str, bool, str | None]] = []  # theme, start, end, term, excl, scope
    # the tokens that may start a hit (a key of the lexicon begins them), found with numpy
    tok_starts, tok_ends = doc.token_bounds
    for i in m.prefix_filter.candidates(_norm(low), tok_starts, tok_ends):
        key = low[starts[i] : ends[i]]
        c = cand_get(key)
        if c is None:
            c = candidates(key)
        if c is False:
            continue
        if foreign is not None and foreign[i]:
            continue
        singles, multis, parts = c
        if singles:
            s, e = starts[i], ends[i]
            for theme, term, exclusion, scope in singles:
                raw.append((theme, s, e, term, exclusion, scope))
        for p, a, off, prefix in multis:
            if off:
                j = i + off
                if j < 0 or j >= n_tok or not low.startswith(prefix, starts[j], ends[j]):
                    continue
            span = _match_at(p, a, i, starts, ends, low, text, foreign)
            if span is not None:
                raw.append((p.theme, span[0], span[1], p.term, p.exclusion, p.scope))
        if parts:
            s = starts[i]
            for rs, re_, pcs in parts:
                for p, _a in pcs:
                    cs = p.elems[0][2]
                    if cs is not None and not _norm(text[s + rs : s + re_]).startswith(cs):
                        continue
                    raw.append((p.theme, s + rs, s + re_, p.term, p.exclusion, p.scope))
    return raw, n_skipped


def _scan(doc: Doc, lexicon: ThemeLexicon) -> tuple[list[Hit], int, int]:
    """Hits of a document, its number of English tokens and of skipped tokens."""
    m = lexicon.matcher
    text = doc.text
    skip = _skip_intervals(doc)
    if _c is not None:
        # the same loop in C (framing/_ext/emphasis.pyx), without doc.lower when the tokens
        # that need a look are in Latin-1
        tok_starts, tok_ends = doc.token_bounds
        n_tok = len(tok_starts)
        raw, n_skipped = _c.scan_tokens(
            text, tok_starts, tok_ends, skip, m.prefix_bits(), m.cache, m.candidates, doc, _match_at,
            _stop_words,
        )
    else:
        n_tok = len(doc.token_offsets[0])
        raw, n_skipped = _scan_tokens(doc, m, skip)
    for rx in (m.literal_ci, m.literal_cs):
        if rx is None:
            continue
        hints = m.literal_hints[rx]
        if hints is not None and not any(h in text for h in hints):
            continue  # no term can match: each needs one of these characters
        for mm in rx.finditer(text):
            a, b = mm.span()
            if skip and any(x <= a < y for x, y in skip):
                continue
            g = re.sub(r"\s+", " ", mm.group(0))
            infos = m.literal_info.get(g.lower() if rx is m.literal_ci else g, ())
            for theme, term, exclusion, scope in infos:
                raw.append((theme, a, b, term, exclusion, scope))
    if not raw:
        return [], n_tok - n_skipped, n_skipped
    names = lexicon.names
    hits = [r for r in raw if not r[4]]
    if len(hits) < len(raw):
        excl: dict[int, list[tuple[int, int, int, str, bool, str | None]]] = defaultdict(list)
        for r in raw:
            if r[4]:
                excl[r[0]].append(r)
        hits = [
            h
            for h in hits
            if h[0] not in excl
            or not any(
                x[1] <= h[1] and h[2] <= x[2] and (x[5] is None or x[5] == h[3]) for x in excl[h[0]]
            )
        ]
    # longest match wins within a theme
    hits.sort(key=lambda h: (h[0], h[1], -(h[2] - h[1])))
    out: list[Hit] = []
    last_theme, last_end = -1, -1
    starts = doc._sentence_starts
    for th, a, b, term, _x, _sc in hits:
        if th == last_theme and a < last_end:
            continue
        last_theme, last_end = th, b
        out.append(Hit(names[th], term, text[a:b], a, b, bisect.bisect_right(starts, a) - 1))
    out.sort(key=lambda h: (h.start, h.theme))
    return out, n_tok - n_skipped, n_skipped


def _gap_ok(text: str, a: int, b: int, key: str) -> bool:
    if a == b:
        return False
    gap = text[a:b]
    if len(gap) == 1 and key == "" and (gap == " " or gap in _DASHES):
        return True
    return gap.translate(_GAP_DROP) == key and "\n\n" not in gap


def _match_at(
    p: _Pattern,
    a: int,
    i: int,
    starts: list[int],
    ends: list[int],
    low: str,
    text: str,
    foreign: list[bool] | None,
) -> tuple[int, int] | None:
    """Span of pattern ``p`` with element ``a`` at token ``i`` (already matched), or None."""
    elems = p.elems
    n = len(elems)
    if n == 1:
        kind, value, cs = elems[0]
        if cs is not None:
            s, e = starts[i], ends[i]
            if not _elem_match(elems[0], _norm(low[s:e]), text[s:e], True):
                return None
        return starts[i], ends[i]
    first = i - a
    last = i + (n - 1 - a)
    if first < 0 or last >= len(starts):
        return None
    for k in range(n):
        t = first + k
        s, e = starts[t], ends[t]
        if foreign is not None and foreign[t]:
            return None
        if k > 0 and not _gap_ok(text, ends[t - 1], s, p.gaps[k - 1]):
            return None
        if k == a and elems[k][2] is None:
            continue
        if not _elem_match(elems[k], _norm(low[s:e]), text[s:e], k == n - 1):
            return None
    return starts[first], ends[last]


def find_hits(doc: Doc, lexicon: ThemeLexicon | None = None) -> list[Hit]:
    """Theme-term hits in a segmented article.

    Parameters
    ----------
    doc : Doc
        The article (see :func:`framing.segment.segment`).
    lexicon : ThemeLexicon, default=None
        The themes; the packaged ones when omitted.

    Returns
    -------
    list of Hit
        Sorted by start offset. Within a theme the longest match at a place
        wins and hits never overlap; one stretch of text can be a hit for two
        themes (``energy security``: ``energy``; ``security`` is excluded there).
        Text in ``doc.foreign_spans`` or in sentences whose ``lang`` is not
        ``"en"`` is skipped.
    """
    if not isinstance(doc, Doc):
        raise InputError(f"find_hits() needs a framing.segment.Doc, got {type(doc).__name__}")
    return _scan(doc, _as_lexicon(lexicon))[0]


# ---------------------------------------------------------------------------
# Scores
# ---------------------------------------------------------------------------


def _check_docs(docs: Iterable[Doc], func: str) -> list[Doc]:
    if isinstance(docs, (str, Doc)):
        raise InputError(f"{func}() needs an iterable of Doc objects, got a single {type(docs).__name__}")
    out = []
    for i, d in enumerate(docs):
        if not isinstance(d, Doc):
            raise InputError(
                f"{func}(): item {i} is a {type(d).__name__}, not a framing.segment.Doc "
                "(segment texts with framing.segment.segment first)"
            )
        out.append(d)
    return out


def _weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    w = dict(DEFAULT_WEIGHTS if weights is None else weights)
    for key in ("headline", "lead", "body"):
        if key not in w:
            raise InputError(f"weights must give 'headline', 'lead' and 'body', got {sorted(w)}")
        v = w[key]
        if not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
            raise InputError(f"weights[{key!r}] must be a finite number >= 0, got {v!r}")
    if sum(w[k] for k in ("headline", "lead", "body")) <= 0:
        raise InputError("weights must not all be zero")
    return w


def _doc_rows(
    doc: Doc, lexicon: ThemeLexicon, w: dict[str, float]
) -> tuple[list[dict[str, Any]], list[Hit]]:
    hits, n_words, n_skipped = _scan(doc, lexicon)
    outlet = doc.meta.get("outlet")
    sentences = doc.sentences
    # English sentences per position, in order of first appearance (the order of the sums)
    pos_total: dict[str, int] = {}
    n_sent = 0
    for s in sentences:
        if s.lang == "en":
            p = s.position
            pos_total[p] = pos_total.get(p, 0) + 1
            n_sent += 1
    if n_words == 0:
        reason = (
            "all its text is non-English" if n_skipped else "it has no words after cleaning"
        )
        log.warning("article %r: %s; its theme rates are NaN", doc.id, reason)
    elif n_skipped:
        log.info("article %r: %d non-English words skipped by the theme lexicons", doc.id, n_skipped)
    by_theme: dict[str, list[Hit]] = {}
    for h in hits:
        th = by_theme.get(h.theme)
        if th is None:
            by_theme[h.theme] = [h]
        else:
            th.append(h)
    total_hits = len(hits)
    positions = {s.index: s.position for s in sentences} if hits else {}
    present_w = sum(w[p] for p in pos_total)
    scored = bool(n_words) and present_w > 0
    several = len(sentences) > 1
    last_sent = max(len(sentences) - 1, 1)
    doc_id = doc.id
    rows = []
    for theme in lexicon.names:
        th = by_theme.get(theme)
        n_th = len(th) if th else 0
        sents = {h.sentence for h in th if h.sentence >= 0} if th else ()
        if not scored:
            prominence = math.nan
        elif th:
            touched: dict[str, int] = {}
            for i in sents:
                p = positions[i]
                touched[p] = touched.get(p, 0) + 1
            prominence = sum(w[p] * touched.get(p, 0) / pos_total[p] for p in pos_total) / present_w
        else:
            prominence = 0.0  # no sentence touched (weights are finite and >= 0)
        # hits are sorted by start and never overlap within a theme: the first is th[0]
        first = th[0].sentence if th else None
        rows.append({
            "article_id": doc_id,
            "outlet": outlet,
            "theme": theme,
            "hits": n_th,
            "words": n_words,
            "hits_per_1k": (1000.0 * n_th / n_words) if n_words else math.nan,
            "sentences": len(sents),
            "sentence_share": (len(sents) / n_sent) if n_sent and n_words else math.nan,
            "prominence": prominence,
            "first_sentence": first,
            "first_position": math.nan if first is None else first / last_sent if several else 0.0,
            "hit_share": (n_th / total_hits) if total_hits else math.nan,
            "skipped_words": n_skipped,
        })
    return rows, hits


def _in_quote_flags(doc: Doc, offsets: Iterable[int]) -> list[bool]:
    """Whether each offset falls inside a quotation-mark span (``doc.in_quote(o) is not None``).

    The spans are merged into disjoint intervals once, then each offset is
    located by binary search.
    """
    starts: list[int] = []
    ends: list[int] = []
    for q in sorted((q.start, q.end) for q in doc.quote_spans):
        qs, qe = q
        if qs >= qe:
            continue  # empty: holds no offset
        if ends and qs <= ends[-1]:
            if qe > ends[-1]:
                ends[-1] = qe
        else:
            starts.append(qs)
            ends.append(qe)
    if not starts:
        return [False for _ in offsets]
    bisect_right = bisect.bisect_right
    out = []
    for o in offsets:
        k = bisect_right(starts, o) - 1
        out.append(k >= 0 and o < ends[k])
    return out


def score_doc(
    doc: Doc,
    lexicon: ThemeLexicon | None = None,
    *,
    weights: Mapping[str, float] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Theme score rows and hit rows of one article, without building DataFrames.

    The per-article unit of :func:`theme_scores` and :func:`hits_frame` (same
    columns), for the streaming engine and :class:`framing.analyze.ArticleScorer`.
    """
    lex = _as_lexicon(lexicon)
    rows, hits = _doc_rows(doc, lex, _weights(weights))
    if not hits:
        return rows, []
    outlet = doc.meta.get("outlet")
    doc_id = doc.id
    sentences = doc.sentences
    quoted = _in_quote_flags(doc, [h.start for h in hits])
    hit_rows = [
        {
            "article_id": doc_id,
            "outlet": outlet,
            "theme": h.theme,
            "term": h.term,
            "text": h.text,
            "start": h.start,
            "end": h.end,
            "sentence": h.sentence,
            "position": sentences[h.sentence].position if h.sentence >= 0 else None,
            "in_quote": q,
        }
        for h, q in zip(hits, quoted)
    ]
    return rows, hit_rows


_SCORE_COLUMNS = [
    "article_id", "outlet", "theme", "hits", "words", "hits_per_1k", "sentences",
    "sentence_share", "prominence", "first_sentence", "first_position", "hit_share",
    "skipped_words",
]


def theme_scores(
    docs: Iterable[Doc],
    lexicon: ThemeLexicon | None = None,
    *,
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Per article x theme emphasis scores.

    Parameters
    ----------
    docs : iterable of Doc
        Segmented articles (``doc.meta["outlet"]`` fills the ``outlet`` column).
    lexicon : ThemeLexicon, default=None
        The themes; the packaged ones when omitted.
    weights : mapping, default={"headline": 3.0, "lead": 2.0, "body": 1.0}
        Prominence weight of each sentence position.

    Returns
    -------
    DataFrame
        One row per article and theme (tidy), with columns

        - ``article_id``, ``outlet``, ``theme``
        - ``hits``: number of hits; ``words``: English word tokens
        - ``hits_per_1k``: ``1000 * hits / words``
        - ``sentences``: English sentences with a hit; ``sentence_share``: their share
        - ``prominence``: ``sum_p w_p * s_p / sum_p w_p`` over the positions ``p``
          (headline, lead, body) the article has, where ``s_p`` is the share of
          its sentences in position ``p`` that touch the theme. In ``[0, 1]``; a
          theme in the headline alone scores ``3 / 6 = 0.5`` with the default
          weights and all three positions present.
        - ``first_sentence``: index of the first sentence with a hit;
          ``first_position``: that index / (number of sentences - 1), 0 = first
          sentence, 1 = last (NaN when the theme is absent)
        - ``hit_share``: the theme's share of all theme hits of the article
          (NaN when the article has no hit at all)
        - ``skipped_words``: non-English word tokens not scored

        Rates are NaN, with a logged warning, for an article without English
        words. Full precision (nothing is rounded).
    """
    lex = _as_lexicon(lexicon)
    w = _weights(weights)
    rows: list[dict[str, Any]] = []
    for doc in _check_docs(docs, "theme_scores"):
        rows.extend(_doc_rows(doc, lex, w)[0])
    df = pd.DataFrame(rows, columns=_SCORE_COLUMNS)
    df["first_sentence"] = df["first_sentence"].astype("Int64")
    for col in ("hits", "words", "sentences", "skipped_words"):
        df[col] = df[col].astype("int64")
    for col in ("hits_per_1k", "sentence_share", "prominence", "first_position", "hit_share"):
        df[col] = df[col].astype("float64")
    return df


_HIT_COLUMNS = [
    "article_id", "outlet", "theme", "term", "text", "start", "end", "sentence", "position",
    "in_quote",
]


def hits_frame(docs: Iterable[Doc], lexicon: ThemeLexicon | None = None) -> pd.DataFrame:
    """Every theme hit with its offsets: the evidence behind :func:`theme_scores`.

    Parameters
    ----------
    docs : iterable of Doc
    lexicon : ThemeLexicon, default=None

    Returns
    -------
    DataFrame
        Columns ``article_id``, ``outlet``, ``theme``, ``term`` (as written in
        the lexicon), ``text`` (as in the article; ``doc.text[start:end]``),
        ``start``, ``end``, ``sentence``, ``position`` (headline/lead/body) and
        ``in_quote`` (inside quotation marks).
    """
    lex = _as_lexicon(lexicon)
    rows = []
    for doc in _check_docs(docs, "hits_frame"):
        outlet = doc.meta.get("outlet")
        for h in _scan(doc, lex)[0]:
            pos = doc.sentences[h.sentence].position if h.sentence >= 0 else None
            rows.append(
                (doc.id, outlet, h.theme, h.term, h.text, h.start, h.end, h.sentence, pos,
                 doc.in_quote(h.start) is not None)
            )
    return pd.DataFrame(rows, columns=_HIT_COLUMNS)


def theme_columns(scores: pd.DataFrame, measures: Sequence[str] = ("per_1k", "prominence")) -> pd.DataFrame:
    """Wide per-article table ``emphasis__<theme>_<measure>`` from :func:`theme_scores`.

    Parameters
    ----------
    scores : DataFrame
        Output of :func:`theme_scores`.
    measures : sequence of str, default=("per_1k", "prominence")
        Any of ``MEASURES``.

    Returns
    -------
    DataFrame
        Indexed by ``article_id`` in input order; columns theme-major
        (``emphasis__security_per_1k``, ``emphasis__security_prominence``, ...).
    """
    bad = [m for m in measures if m not in _MEASURE_COLUMN]
    if bad:
        raise InputError(f"unknown measure(s) {bad}; choose from {list(MEASURES)}")
    themes = list(dict.fromkeys(scores["theme"]))
    ids = list(dict.fromkeys(scores["article_id"]))
    out = {}
    for theme in themes:
        sub = scores[scores["theme"] == theme].set_index("article_id")
        for m in measures:
            out[f"emphasis__{theme}_{m}"] = sub[_MEASURE_COLUMN[m]].astype("float64").reindex(ids)
    df = pd.DataFrame(out, index=pd.Index(ids, name="article_id"))
    return df


# ---------------------------------------------------------------------------
# Lexicon help
# ---------------------------------------------------------------------------


def _g2(a: np.ndarray, b: np.ndarray, n_t: int, n: int) -> np.ndarray:
    """Dunning's log-likelihood G2 of 2x2 tables (a: with theme, b: without)."""
    c = n_t - a
    d = (n - n_t) - b
    row1 = a + b
    row2 = c + d
    col1 = n_t
    col2 = n - n_t

    def term(o: np.ndarray, e: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(o > 0, o * np.log(o / e), 0.0)

    e_a = row1 * col1 / n
    e_b = row1 * col2 / n
    e_c = row2 * col1 / n
    e_d = row2 * col2 / n
    return 2.0 * (term(a, e_a) + term(b, e_b) + term(c, e_c) + term(d, e_d))


def suggest_terms(
    docs: Iterable[Doc],
    theme_terms: str | Sequence[str],
    *,
    lexicon: ThemeLexicon | None = None,
    min_count: int = 3,
    top: int = 30,
    n_examples: int = 3,
    ngram_range: tuple[int, int] = (1, 2),
) -> pd.DataFrame:
    """Candidate terms for a theme: words that co-occur with its terms in a sentence.

    Every English sentence is a trial: it either touches the theme (has a hit
    of ``theme_terms``) or not. For each candidate unigram/bigram (stop words
    and the theme's own hits removed) we count the theme sentences and other
    sentences containing it and rank candidates by Dunning's log-likelihood
    ratio G2 on that 2x2 table, keeping only positive association (more often
    with the theme than expected) and at least ``min_count`` co-occurrences.

    G2 rather than PMI because PMI rewards rare words (a word seen once, in a
    theme sentence, gets the highest PMI), while G2 weighs the evidence and is
    reliable at the small counts of a single story's coverage (Dunning 1993).
    PMI is reported alongside.

    Parameters
    ----------
    docs : iterable of Doc
    theme_terms : str or sequence of str
        A theme name of ``lexicon`` or a list of terms in the lexicon syntax.
    lexicon : ThemeLexicon, default=None
        Where a theme name is looked up (the packaged themes when omitted).
    min_count : int, default=3
        Minimum number of theme sentences a candidate must occur in.
    top : int, default=30
        Number of candidates returned.
    n_examples : int, default=3
        Example sentences per candidate.
    ngram_range : (int, int), default=(1, 2)
        Unigrams and/or bigrams.

    Returns
    -------
    DataFrame
        ``term``, ``ngram``, ``cooccurrences`` (theme sentences with the term),
        ``occurrences`` (all sentences with it), ``expected`` (co-occurrences
        expected under independence), ``g2``, ``pmi`` (log2), ``theme_sentences``,
        ``sentences`` and ``examples`` (list of ``"[article_id] sentence"``),
        sorted by ``g2``.

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and
    coincidence. Computational Linguistics, 19(1), 61-74.
    """
    from framing.score.distinctive import sentence_terms

    docs = _check_docs(docs, "suggest_terms")
    if isinstance(theme_terms, str):
        lex = _as_lexicon(lexicon)
        if theme_terms not in lex:
            raise InputError(
                f"suggest_terms(): unknown theme {theme_terms!r}; themes: {', '.join(lex.names)}"
            )
        theme = lex[theme_terms]
    else:
        terms = [t for t in theme_terms if isinstance(t, str) and t.strip()]
        if not terms:
            raise InputError("suggest_terms(): theme_terms is empty; give a theme name or some terms")
        text = "[t]\nterms = [" + ", ".join(_toml_str(t) for t in terms) + "]\n"
        acc: dict[str, dict[str, Any]] = {}
        _merge(acc, _parse_file(text, "theme_terms", user=True), "theme_terms")
        theme = _build(acc, ["theme_terms"])["t"]
    sub = ThemeLexicon({"t": Theme("t", theme.terms, theme.exclude, theme.term_exclude)})
    if min_count < 1:
        raise InputError(f"min_count must be >= 1, got {min_count}")
    with_t: Counter[str] = Counter()
    total: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    n = n_t = 0
    for doc in docs:
        hits = _scan(doc, sub)[0]
        by_sent: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for h in hits:
            by_sent[h.sentence].append((h.start, h.end))
        for sent, terms in sentence_terms(doc, ngram_range=ngram_range, skip_spans=by_sent):
            n += 1
            uniq = set(terms)
            total.update(uniq)
            if sent.index in by_sent:
                n_t += 1
                with_t.update(uniq)
                for t in uniq:
                    if len(examples[t]) < n_examples:
                        examples[t].append(f"[{doc.id}] {doc.text[sent.start:sent.end]}")
    cols = ["term", "ngram", "cooccurrences", "occurrences", "expected", "g2", "pmi",
            "theme_sentences", "sentences", "examples"]
    if n_t == 0:
        log.warning("suggest_terms(): no sentence touches the theme; nothing to suggest")
        return pd.DataFrame(columns=cols)
    cand = [t for t, c in with_t.items() if c >= min_count]
    if not cand:
        return pd.DataFrame(columns=cols)
    a = np.array([with_t[t] for t in cand], dtype=float)
    occ = np.array([total[t] for t in cand], dtype=float)
    expected = occ * n_t / n
    g2 = _g2(a, occ - a, n_t, n)
    pmi = np.log2(a * n / (occ * n_t))
    keep = a > expected
    df = pd.DataFrame(
        {
            "term": cand,
            "ngram": [t.count(" ") + 1 for t in cand],
            "cooccurrences": a.astype("int64"),
            "occurrences": occ.astype("int64"),
            "expected": expected,
            "g2": g2,
            "pmi": pmi,
            "theme_sentences": n_t,
            "sentences": n,
            "examples": [examples[t] for t in cand],
        }
    )[keep]
    df = df.sort_values(["g2", "cooccurrences", "term"], ascending=[False, False, True], kind="mergesort")
    return df.head(top).reset_index(drop=True)


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------------------
# scikit-learn
# ---------------------------------------------------------------------------


def __getattr__(name: str) -> Any:
    """``ThemeFeatures`` lives in :mod:`framing.score.transformers`, imported on first use (with
    scikit-learn, which scoring itself does not need)."""
    if name == "ThemeFeatures":
        from framing.score.transformers import ThemeFeatures

        return ThemeFeatures
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
