"""Cleaning: strip what is not the article, with an audit trail.

Scraped news carries page furniture: share widgets, photo credits, view
counters, font-size widgets, ad banners, teasers of other articles, section
tags, repeated headlines. :func:`clean` removes it line by line and records
every removal (raw offsets, text, rule) so nothing disappears silently.
Bylines, datelines and editor's notes are moved into metadata (author, place,
note) rather than scored as body text. The genre is flagged (opinion pieces,
republished articles).

The rules are data (``framing/lexicons/boilerplate.toml``, user-extensible)
plus general heuristics that do not depend on a site:

- *top block*: among short heading-like lines before the first body
  paragraph, the one sharing most words with the body is the headline; the
  others are alternative headlines (kept in metadata) or, when they share
  almost nothing with the body, teasers of other articles;
- *repeated headline*: a later line equal to the headline (a photo caption);
- *bottom block*: after the last body paragraph, a line that is only a
  person's name is the byline; short runs of section names are tags.

What it does not do: remove boilerplate inside a paragraph (only whole lines,
or the matched span of a ``strip`` rule), or recognise site furniture that
looks like prose.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add, sub
from pathlib import Path
from typing import Any

import numpy as np

from framing._accel import load as _load_accel
from framing._log import get_logger
from framing.resources import LexiconError, load_toml_with_text, toml_line_of
from framing.segment import WORD_RE, OffsetMap, _ascii_fold, _folded_token_bounds

log = get_logger(__name__)

#: The compiled twin of the line scan of :func:`clean` (:mod:`framing._ext.text`), or None: pure
#: Python (the same results).
_c = _load_accel("text")

__all__ = ["CleanResult", "Removal", "Rule", "clean", "load_rules"]

_ACTIONS = ("remove", "meta", "strip")
_WHERE = ("any", "top", "bottom", "end")
_META_KEYS = ("author", "place", "note", "date", "photo_credit", "agency")
_META_ALIASES = {"note2": "note"}


@dataclass(frozen=True)
class Rule:
    """One boilerplate rule (see ``framing/lexicons/boilerplate.toml``)."""

    name: str
    pattern: re.Pattern[str]
    action: str = "remove"
    max_words: int | None = None
    where: str = "any"
    description: str = ""
    skip_prose: bool = False


@dataclass(frozen=True)
class Removal:
    """A removed line or span: raw offsets, its text and the rule that removed it."""

    start: int
    end: int
    rule: str
    text: str


@dataclass
class CleanResult:
    """The cleaned text, the map back to raw offsets, the audit trail and metadata.

    Attributes
    ----------
    text : str
        The article without boilerplate.
    offset_map : OffsetMap
        Cleaned -> raw offsets.
    removed : list of Removal
        Every removed line or span, in raw order.
    meta : dict
        ``headline``, ``alt_titles``, ``author``, ``place``, ``note``, ``date``,
        ``photo_credit``, ``genre`` (``"opinion"`` or ``"news"``),
        ``genre_evidence``, ``republished`` (bool), ``republished_evidence``,
        ``words_before``, ``words_after``.
    """

    text: str
    offset_map: OffsetMap
    removed: list[Removal] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


def load_rules(path: str | Path | None = None, *, replace: bool = False) -> tuple[Rule, ...]:
    """Load boilerplate rules: the packaged ones, plus (or only) the user's file.

    Raises
    ------
    LexiconError
        Naming the file, the rule's line and the problem (bad regex, unknown action).
    """
    rules: list[Rule] = [] if (replace and path is not None) else list(_packaged_rules())
    if path is not None:
        rules.extend(_parse_rules(path))
    return tuple(rules)


@lru_cache(maxsize=1)
def _packaged_rules() -> tuple[Rule, ...]:
    return tuple(_parse_rules(None))


def _parse_rules(path: str | Path | None) -> list[Rule]:
    data, text, name = load_toml_with_text(path, "lexicons", "boilerplate.toml")
    if path is None:
        text = ""  # packaged rules: no line numbers needed in messages
    items = data.get("rule")
    if not isinstance(items, list) or not items:
        raise LexiconError(f"{name}: no [[rule]] tables found")
    out: list[Rule] = []
    for i, item in enumerate(items, 1):
        rname = item.get("name") or f"rule {i}"
        line = toml_line_of(text, "name") if text else None
        where_msg = f"{name}: rule {rname!r}" + (f" (near line {line})" if line else "")
        pat = item.get("pattern")
        if not isinstance(pat, str) or not pat:
            raise LexiconError(f"{where_msg}: needs a non-empty 'pattern' string")
        try:
            rx = re.compile(pat)
        except re.error as exc:
            raise LexiconError(f"{where_msg}: bad regular expression: {exc}") from None
        action = item.get("action", "remove")
        if action not in _ACTIONS:
            raise LexiconError(f"{where_msg}: action {action!r} is not one of {', '.join(_ACTIONS)}")
        where = item.get("where", "any")
        if where not in _WHERE:
            raise LexiconError(f"{where_msg}: where {where!r} is not one of {', '.join(_WHERE)}")
        mw = item.get("max_words")
        if mw is not None and (not isinstance(mw, int) or mw < 1):
            raise LexiconError(f"{where_msg}: max_words must be a positive integer, got {mw!r}")
        skip_prose = item.get("skip_prose", False)
        if not isinstance(skip_prose, bool):
            raise LexiconError(f"{where_msg}: skip_prose must be true or false, got {skip_prose!r}")
        out.append(Rule(rname, rx, action, mw, where, item.get("description", ""), skip_prose))
    return out


# ---------------------------------------------------------------------------

_OPINION_RE = re.compile(
    r"(?i)\b(?:op-?ed|opinion|commentary|column(?:ist)?|editorial|analysis by|"
    r"views? expressed|author['’]s own|views of the author|does not necessarily reflect)\b"
)
_REPUBLISH_RE = re.compile(
    r"(?i)\b(?:republish(?:es|ed|ing)?|re-published|reprinted|originally (?:published|appeared)"
    r"(?: in| on| by| at)?|first published (?:in|on|by)|cross-?posted)\b"
)
_STOP = frozenset(
    "a an the of and or to in on at for with by from as is are was were be been has have had it its "
    "this that these those his her their our after before during over into about than then but not "
    "will would can could may might should who which what when where why how us".split()
)
_SECTION_WORDS = frozenset(
    "politics news world business economy sport sports culture society opinion analysis region "
    "regions technology science health lifestyle video photo photos latest top local national "
    "international europe asia africa americas middle east caucasus tags tag topics".split()
)
_CAMEL_JOIN_RE = re.compile(r"[A-Z][a-z]{3,}[A-Z][a-z]{2,}")
_NORM_RE = re.compile(r"\W+")
_FIRST_WORD_RE = re.compile(r"\w+")
_NAME_LINE_RE = re.compile(r"^[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|da|van|von|al|bin)){1,3}$")
# a prose line: 8+ words ending in one of these (the body, and what skip_prose rules skip)
_BODY_END = frozenset(".!?\"”’'»)…")
# a lower-cased literal that each alternative of _REPUBLISH_RE contains (keep in step)
_REPUBLISH_KEYS = (
    b"republish",
    b"re-published",
    b"reprinted",
    b"originally published",
    b"originally appeared",
    b"first published ",
    b"crossposted",
    b"cross-posted",
)
# a shorter part of each key, tested first (most texts hold none)
_REPUBLISH_HINTS = (b"publish", b"printed", b"posted", b"originally")


def _norm(s: str) -> str:
    return _NORM_RE.sub(" ", s).strip().lower()


def _content_words(s: str) -> set[str]:
    return {w.lower() for w in WORD_RE.findall(s) if w.lower() not in _STOP and len(w) > 2}


_group = re.Match.group
# the characters that join two parts of a word (``WORD_RE``), lower-cased
_JOINTS = "’'-."


def _lower_safe(text: str) -> bool:
    """Whether ``text.lower()`` lower-cases each character on its own, one for one.

    Then the tokens of the lower-cased text are the lower-cased tokens: each
    character keeps its word class (``tests/test_clean_fast.py`` checks every
    code point). Only the capital sigma is lower-cased by its context.
    """
    return len(text.lower()) == len(text) and "\u03a3" not in text


def _whole_token_in(low: str, word: str) -> bool:
    """Whether ``word`` (a ``WORD_RE`` token on its own) is one of the tokens of ``low``."""
    n = len(word)
    i = low.find(word)
    while i >= 0:
        j = i + n
        c = low[i - 1] if i else " "
        if not (c.isalnum() or (c in _JOINTS and i > 1 and low[i - 2].isalnum())):
            c = low[j] if j < len(low) else " "
            if not (c.isalnum() or (c in _JOINTS and j + 1 < len(low) and low[j + 1].isalnum())):
                return True
        i = low.find(word, i + 1)
    return False


def _head_overlaps(texts: list[str], heads: list[int], body: list[int]) -> dict[int, float] | None:
    """The share of each heading line's content words that the first body lines use.

    ``None`` when the body lines hold no content word. The same as comparing
    :func:`_content_words` sets, but the words of the heading lines are looked
    up in the body text instead of listing every word of the body.
    """
    body_text = "\n".join(texts[i] for i in body)
    if not (_lower_safe(body_text) and all(_lower_safe(texts[i]) for i in heads)):
        body_words: set[str] = set()
        for i in body:
            body_words |= _content_words(texts[i])
        if not body_words:
            return None
        out = {}
        for i in heads:
            cw = _content_words(texts[i])
            out[i] = len(cw & body_words) / max(1, len(cw))
        return out
    low = body_text.lower()
    if not any(len(w) > 2 and w not in _STOP for w in map(_group, WORD_RE.finditer(low))):
        return None  # (stops at the first content word)
    out = {}
    for i in heads:
        cw = {w for w in WORD_RE.findall(texts[i].lower()) if len(w) > 2 and w not in _STOP}
        out[i] = sum(1 for w in cw if _whole_token_in(low, w)) / max(1, len(cw))
    return out


def _is_heading_line(line: str, n_words: int) -> bool:
    return 0 < n_words <= 25 and line.rstrip()[-1:] not in ".!?:;,\"”’'»…"


def _might_republish(folded: bytes, folds_to_ascii: bool) -> bool:
    """False only when ``_REPUBLISH_RE`` cannot match the text (a cheap substring test).

    ``_REPUBLISH_RE`` only matches ASCII letters, hyphens and blanks (and
    ``framing.segment._FOLDS_TO_ASCII`` case-insensitively), so a match leaves one of the keys in
    the lower-cased ``folded`` text (or any part of it, such as the cleaned text).
    """
    if folds_to_ascii:
        return True
    low = folded.lower()
    return any(h in low for h in _REPUBLISH_HINTS) and any(k in low for k in _REPUBLISH_KEYS)


# ---------------------------------------------------------------------------
# Prefilters: a line can only match a pattern that must begin with one of a few
# characters (``related_teaser`` starts with a digit or a bullet) when it holds one
# of them; one scan for a character class is much cheaper than trying every
# alternative at every position.

try:  # the parser behind ``re``: re._parser from Python 3.11, sre_parse before
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_P = _sre_parse
_REPEATS = tuple(
    op for op in (_P.MAX_REPEAT, _P.MIN_REPEAT, getattr(_P, "POSSESSIVE_REPEAT", None)) if op is not None
)
_CATEGORY_CLASS = {
    _P.CATEGORY_DIGIT: r"\d",
    _P.CATEGORY_NOT_DIGIT: r"\D",
    _P.CATEGORY_SPACE: r"\s",
    _P.CATEGORY_NOT_SPACE: r"\S",
    _P.CATEGORY_WORD: r"\w",
    _P.CATEGORY_NOT_WORD: r"\W",
}
_NO_PREFILTER_FLAGS = re.IGNORECASE | re.LOCALE | re.ASCII


class _GiveUp(Exception):
    pass


def _first_chars(items: Any, out: list[str]) -> bool:
    """Add to ``out`` the class members a match of ``items`` can begin with.

    Returns True when ``items`` can match the empty string. Raises ``_GiveUp``
    on anything it does not model (case-insensitivity, ``.``, negated sets,
    back-references).
    """
    for op, av in items:
        if op is _P.LITERAL:
            out.append(f"\\U{av:08x}")
            return False
        if op is _P.IN:
            for iop, iav in av:
                if iop is _P.LITERAL:
                    out.append(f"\\U{iav:08x}")
                elif iop is _P.RANGE:
                    out.append(f"\\U{iav[0]:08x}-\\U{iav[1]:08x}")
                elif iop is _P.CATEGORY and iav in _CATEGORY_CLASS:
                    out.append(_CATEGORY_CLASS[iav])
                else:
                    raise _GiveUp
            return False
        if op is _P.BRANCH:
            nullable = False
            for branch in av[1]:
                nullable |= _first_chars(branch, out)
            if not nullable:
                return False
        elif op is _P.SUBPATTERN:
            if av[1] & _NO_PREFILTER_FLAGS:
                raise _GiveUp
            if not _first_chars(av[3], out):
                return False
        elif op is getattr(_P, "ATOMIC_GROUP", None):
            if not _first_chars(av, out):
                return False
        elif op in _REPEATS:
            lo, hi, body = av
            if hi == 0:
                continue
            if not _first_chars(body, out) and lo > 0:
                return False
        elif op in (_P.AT, _P.ASSERT, _P.ASSERT_NOT):
            continue  # zero width: the match begins with what follows
        else:
            raise _GiveUp
    return True


@lru_cache(maxsize=256)
def _prefilter(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A character class every line matched by ``pattern`` contains, or None.

    None when the pattern is anchored at the start of the line (the regex engine
    already fails such patterns at once), can match the empty string, or uses
    what :func:`_first_chars` does not model.
    """
    if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str) or pattern.flags & _NO_PREFILTER_FLAGS:
        return None
    try:
        items = _sre_parse.parse(pattern.pattern, pattern.flags).data
        if items and items[0][0] is _P.AT and items[0][1] in (_P.AT_BEGINNING, _P.AT_BEGINNING_STRING):
            return None
        out: list[str] = []
        if _first_chars(items, out) or not out:
            return None
        return re.compile("[" + "".join(dict.fromkeys(out)) + "]")
    except Exception:  # any surprise means: no prefilter, always search
        return None


def _required_chars(items: Any, ci: bool) -> set[str] | None:
    """Characters one of which every match of ``items`` holds; None when not known.

    A sequence needs each of its items: the smallest set found among them is
    returned. A branch needs one of its alternatives: the union of theirs.
    Under case-insensitivity only ASCII symbols count (they match themselves
    only). Optional, zero-width and unmodelled items give nothing.
    """
    best: set[str] | None = None
    for op, av in items:
        found: set[str] | None = None
        if op is _P.LITERAL:
            c = chr(av)
            if not ci or (c.isascii() and not c.isalpha()):
                found = {c}
        elif op is _P.IN:
            if av and all(iop is _P.LITERAL for iop, _ in av):
                chars = {chr(iav) for _, iav in av}
                if not ci or all(c.isascii() and not c.isalpha() for c in chars):
                    found = chars
        elif op is _P.BRANCH:
            sets = [_required_chars(b, ci) for b in av[1]]
            if sets and all(x is not None for x in sets):
                found = set().union(*sets)  # type: ignore[arg-type]
        elif op is _P.SUBPATTERN:
            _group, add, delete, sub = av
            found = _required_chars(sub, (ci or bool(add & re.IGNORECASE)) and not delete & re.IGNORECASE)
        elif op is getattr(_P, "ATOMIC_GROUP", None):
            found = _required_chars(av, ci)
        elif op in _REPEATS:
            lo, _hi, body = av
            if lo >= 1:
                found = _required_chars(body, ci)
        if found and (best is None or len(found) < len(best)):
            best = found
    return best


@lru_cache(maxsize=256)
def _needles(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A character class that every line matched by ``pattern`` holds somewhere, or None.

    Only for patterns with a :func:`_prefilter` (unanchored: the engine tries them
    at many positions; an anchored one fails at once anyway). ``related_teaser``
    needs ``:`` or a bullet, which most lines with a digit lack.
    """
    if _prefilter(pattern) is None:
        return None
    try:
        items = _sre_parse.parse(pattern.pattern, pattern.flags).data
        chars = _required_chars(items, bool(pattern.flags & re.IGNORECASE))
    except Exception:  # any surprise means: no filter
        return None
    if not chars or len(chars) > 8:
        return None
    return re.compile("[" + "".join(f"\\U{ord(c):08x}" for c in sorted(chars)) + "]")


_NAMED_GROUP_RE = re.compile(r"\(\?P<\w+>")
_GROUP_REFS = tuple(
    op
    for op in (getattr(_P, n, None) for n in ("GROUPREF", "GROUPREF_EXISTS", "GROUPREF_IGNORE", "GROUPREF_UNI_IGNORE"))
    if op is not None
)


def _shape(items: Any) -> Any:
    """A parsed pattern as nested tuples, without groups (but their flags); ``_GiveUp`` on a back-reference."""
    out = []
    for op, av in items:
        if op in _GROUP_REFS:
            raise _GiveUp
        if op is _P.SUBPATTERN:
            if not av[1] and not av[2]:  # a group without flags only groups: its items in line
                out.extend(_shape(av[3]))
                continue
            av = (av[1], av[2], _shape(av[3]))
        elif op is _P.BRANCH:
            av = tuple(_shape(b) for b in av[1])
        elif op in _REPEATS:
            av = (av[0], av[1], _shape(av[2]))
        elif op in (_P.ASSERT, _P.ASSERT_NOT):
            av = (av[0], _shape(av[1]))
        elif op is getattr(_P, "ATOMIC_GROUP", None):
            av = _shape(av)
        elif isinstance(av, list):  # a set's members
            av = tuple(av)
        out.append((op, av))
    return tuple(out)


@lru_cache(maxsize=256)
def _gate_piece(pattern: re.Pattern[str]) -> str | None:
    """``pattern``'s source with its named groups made non-capturing, to join in a gate; or None.

    Only for a pattern anchored at the start of the line (``^``), without flags
    of its own (inline ``(?i:...)`` groups are fine) or back-references. The
    rewritten source must parse to the same tree as the pattern but for group
    numbers: it matches exactly where the pattern matches.
    """
    if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str) or pattern.flags != re.UNICODE:
        return None
    try:
        items = _sre_parse.parse(pattern.pattern, pattern.flags).data
        if not items or items[0][0] is not _P.AT or items[0][1] is not _P.AT_BEGINNING:
            return None
        piece = _NAMED_GROUP_RE.sub("(?:", pattern.pattern)
        if _shape(_sre_parse.parse(piece, pattern.flags).data) != _shape(items):
            return None
        return piece
    except Exception:  # any surprise means: no gate
        return None


def _gate(rules: tuple[tuple[Rule, re.Pattern[str] | None, re.Pattern[str] | None], ...]) -> tuple[
    re.Pattern[str] | None, tuple[tuple[Rule, re.Pattern[str] | None, re.Pattern[str] | None], ...]
]:
    """One regex for the rules anchored at the start of the line, and the other rules.

    The gate (``None`` when there is none) matches at the start of a line where
    one of the anchored rules (:func:`_gate_piece`) matches: when it does not,
    only the other rules (in order) need trying, as the anchored ones would all
    fail; one ``match`` replaces a search per rule on most lines.
    """
    pieces = [_gate_piece(r.pattern) if pre is None else None for r, pre, _need in rules]
    if sum(x is not None for x in pieces) < 2:
        return None, rules
    try:
        gate = re.compile("|".join(f"(?:{x})" for x in pieces if x is not None))
    except re.error:
        return None, rules
    return gate, tuple(r for r, x in zip(rules, pieces) if x is None)


# 0 top, 1 body, 2 bottom: the regions a rule's ``where`` admits, by whether the line
# is at the end (bottom or one of the last two lines)
_WHERE_OK = {
    "any": lambda region, at_end: True,
    "top": lambda region, at_end: region == 0,
    "bottom": lambda region, at_end: region == 2,
    "end": lambda region, at_end: at_end,
}


class _Plan:
    """The rules that can apply to a line, precomputed by (region, at end, prose, words).

    ``cands[(region, at_end, prose)][k]`` lists, in file order, the rules admitted
    (with their :func:`_prefilter` and :func:`_needles`)
    for a line of ``n`` words where ``k = bisect_left(limits, n)`` (the number of
    distinct ``max_words`` limits below ``n``); a line of more than ``max_words``
    words never reaches a rule with that limit. With them, their :func:`_gate`
    and the rules the gate does not cover.
    """

    __slots__ = ("rules", "limits", "cands")

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self.limits = sorted({r.max_words for r in rules if r.max_words is not None})
        self.cands: dict[tuple[int, bool, bool], list[tuple[Any, re.Pattern[str] | None, Any]]] = {}
        for region in (0, 1, 2):
            for at_end in (False, True):
                for prose in (False, True):
                    by_k = []
                    for k in range(len(self.limits) + 1):
                        low = self.limits[k - 1] if k else 0  # n > low
                        admitted = tuple(
                            (r, _prefilter(r.pattern), _needles(r.pattern))
                            for r in rules
                            if _WHERE_OK.get(r.where, _WHERE_OK["any"])(region, at_end)
                            and (r.max_words is None or r.max_words > low)
                            and not (r.skip_prose and prose)
                        )
                        by_k.append((admitted, *_gate(admitted)))
                    self.cands[(region, at_end, prose)] = by_k


_PLANS: dict[int, _Plan] = {}


def _plan(rules: tuple[Rule, ...]) -> _Plan:
    if not isinstance(rules, tuple):  # a list may change between calls: no caching
        return _Plan(tuple(rules))
    p = _PLANS.get(id(rules))
    if p is None or p.rules is not rules:
        if len(_PLANS) > 32:
            _PLANS.clear()
        p = _PLANS[id(rules)] = _Plan(rules)
    return p


def clean(
    text: str,
    *,
    rules: tuple[Rule, ...] | None = None,
    title: str | None = None,
) -> CleanResult:
    """Remove boilerplate from one article's raw text, keeping an audit trail.

    Parameters
    ----------
    text : str
        The raw article text.
    rules : tuple of Rule, optional
        From :func:`load_rules`; the packaged rules when omitted.
    title : str, optional
        The known headline (from a manifest or table); a later line repeating
        it is removed as ``repeated_headline``.

    Returns
    -------
    CleanResult

    Notes
    -----
    Linear in the text and cheap (about 0.15 ms of CPU for an 800-word
    article, ``benchmarks/bench_clean.py``): the rules admitted for each kind
    of line (region, prose or not, word count) are precomputed once per rule
    set, so a prose paragraph longer than every ``max_words`` meets only the
    few rules without a word limit; an unanchored rule is tried only on lines
    holding a character its matches can begin with (and one they all hold,
    :func:`_needles`); words are counted in one vectorised pass instead of a
    regex per line; the headline candidates' words are looked up in the body
    text rather than listing every body word.

    Examples
    --------
    >>> r = clean("Big news\\n\\nThe minister said the deal was done.\\nShare on social media")
    >>> r.text
    'Big news\\n\\nThe minister said the deal was done.'
    >>> [(x.rule, x.text) for x in r.removed]
    [('share_widget', 'Share on social media')]
    """
    if rules is None:
        rules = _packaged_rules()
    plan = _plan(rules)
    # 1. lines with raw offsets (stripped): starts, ends, texts, word counts
    nwords: list[int]
    folded, folds_to_ascii = _ascii_fold(text)
    if _c is not None and type(text) is str:
        # the same lists in one pass over the code points, in C (framing/_ext/text.pyx)
        texts, starts, ends, nwords = _c.line_words(text)
    else:
        raws = text.split("\n")
        texts = list(map(str.strip, raws))
        lens = list(map(len, raws))
        # a line begins after the previous lines and their newlines, and its own leading blanks
        at = accumulate(map(add, lens, repeat(1)), initial=0)
        starts = list(map(add, at, map(sub, lens, map(len, map(str.lstrip, raws)))))
        ends = list(map(add, starts, map(len, texts)))
        # words per line: the word starts (found in one vectorised pass) in [start, end)
        word_starts = _folded_token_bounds(folded, ends=False)[0]
        nwords = (np.searchsorted(word_starts, ends) - np.searchsorted(word_starts, starts)).tolist()
    nonblank = [i for i, line in enumerate(texts) if line]
    body_idx = [i for i in nonblank if nwords[i] >= 8 and texts[i][-1] in _BODY_END]
    first_body = body_idx[0] if body_idx else (nonblank[0] if nonblank else 0)
    last_body = body_idx[-1] if body_idx else (nonblank[-1] if nonblank else 0)
    end_lines = set(nonblank[-2:])

    meta: dict[str, Any] = {}
    removed: list[Removal] = []
    status: dict[int, str] = {}  # line index -> rule name (removed)
    strip_from: dict[int, int] = {}  # line index -> new start (strip rules)

    # 2. pattern rules (only those admitted for the line's region, length and kind)
    limits, cands = plan.limits, plan.cands
    for i in nonblank:
        line = texts[i]
        n = nwords[i]
        region = 0 if i < first_body else (2 if i > last_body else 1)
        at_end = region == 2 or i in end_lines
        prose = n >= 8 and line[-1] in _BODY_END
        admitted, gate, ungated = cands[(region, at_end, prose)][bisect_left(limits, n)]
        for rule, pre, need in admitted if gate is None or gate.match(line) else ungated:
            if pre is None:
                m = rule.pattern.search(line)
            else:  # no match can begin before the first character of the prefilter's class
                if need is not None and need.search(line) is None:
                    continue  # a character every match holds is missing
                m0 = pre.search(line)
                if m0 is None:
                    continue
                m = rule.pattern.search(line, m0.start())
            if not m:
                continue
            if rule.action == "strip":
                if m.end() > m.start():
                    s = starts[i]
                    removed.append(Removal(s + m.start(), s + m.end(), rule.name, m.group(0)))
                    if m.start() == 0:
                        strip_from[i] = s + m.end()
                continue
            if rule.action == "meta":
                for k, v in m.groupdict().items():
                    k = _META_ALIASES.get(k, k)
                    if v and k in _META_KEYS:
                        _add_meta(meta, k, v.strip())
            status[i] = rule.name
            break

    # 3. heuristics: the top block (headline, alternatives, unrelated teasers)
    heads = [
        i for i in nonblank if i < first_body and i not in status and _is_heading_line(texts[i], nwords[i])
    ]
    overlaps = _head_overlaps(texts, heads, body_idx[:4]) if heads else None
    headline_i: int | None = None
    if heads and overlaps is not None:
        strong = [i for i in heads if overlaps[i] >= 0.34]
        headline_i = strong[0] if strong else max(heads, key=lambda i: (overlaps[i], -i))
        for i in heads:
            if i == headline_i:
                continue
            if overlaps[i] >= 0.2:
                status[i] = "alternate_headline"
                meta.setdefault("alt_titles", []).append(texts[i])
            elif i < headline_i:
                status[i] = "unrelated_teaser"
    elif heads:
        headline_i = heads[0]
    if headline_i is None and title and nonblank:
        # a known title on the first line is the headline, whatever its punctuation
        i0 = next((i for i in nonblank if i not in status), None)
        if i0 is not None and _norm(texts[i0]) == _norm(title):
            headline_i = i0
    headline = texts[headline_i] if headline_i is not None else None
    if headline:
        meta["headline"] = headline

    # repeated headline later in the text. A line normalises to a repeat only if its
    # first word (lower-cased) is the repeat's first word, and (without "_", when
    # every word holds a \w+ run of its own) it has at most as many words as the
    # repeat has \w+ runs
    repeats = {_norm(t) for t in (headline, title, *meta.get("alt_titles", [])) if t}
    if repeats:
        firsts = {r.split(" ", 1)[0] for r in repeats}
        most_runs = max(r.count(" ") + 1 for r in repeats)
        after = -1 if headline_i is None else headline_i
        for i in nonblank:
            if i <= after or i in status or (nwords[i] > most_runs and "_" not in texts[i]):
                continue
            m = _FIRST_WORD_RE.search(texts[i])
            if (m.group().lower() if m else "") in firsts and _norm(texts[i]) in repeats:
                status[i] = "repeated_headline"

    # bottom block: byline names and section tags
    for i in nonblank:
        if i <= last_body or i in status:
            continue
        line = texts[i]
        if _NAME_LINE_RE.match(line) and nwords[i] <= 4 and not (set(w.lower() for w in line.split()) & _SECTION_WORDS):
            status[i] = "byline"
            _add_meta(meta, "author", line)
        elif nwords[i] <= 8 and line[-1:] not in ".!?\"”’'»" and (
            _CAMEL_JOIN_RE.search(line)
            or all(w.lower() in _SECTION_WORDS or w.lower() in _STOP for w in WORD_RE.findall(line))
        ):
            status[i] = "section_tags"

    for i, rule_name in status.items():
        removed.append(Removal(starts[i], ends[i], rule_name, texts[i]))
    removed.sort(key=lambda r: (r.start, r.end))

    # 4. compose the cleaned text in one pass, keeping the line structure of what
    # stays (a blank line where lines were blank or removed); count its words
    parts: list[str] = []
    blocks: list[tuple[int, int, int]] = []
    out_len = 0
    prev_kept = -1
    removed_since = False
    words_after = 0
    for i in nonblank:
        if i in status:
            removed_since = True
            continue
        s, e = starts[i], ends[i]
        piece = texts[i]
        if i in strip_from:
            s = strip_from[i]
            if s >= e:
                continue
            piece = text[s:e]
            words_after += len(WORD_RE.findall(piece))
        else:
            words_after += nwords[i]
        if prev_kept >= 0:
            sep = "\n\n" if (i - prev_kept > 1 or removed_since) else "\n"
            parts.append(sep)
            out_len += len(sep)
        blocks.append((out_len, s, e - s))
        parts.append(piece)
        out_len += e - s
        prev_kept = i
        removed_since = False
    cleaned = "".join(parts)

    # 5. genre and republication
    note = meta.get("note", "")
    edge_text = " ".join(texts[i] for i in nonblank if i < first_body or i > last_body or i in status)
    m = _OPINION_RE.search(note) or _OPINION_RE.search(edge_text)
    meta["genre"] = "opinion" if m else "news"
    meta["genre_evidence"] = (m.group(0) if m else "no opinion marker in the notes, header or footer")
    rm_clean = _REPUBLISH_RE.search(cleaned) if _might_republish(folded, folds_to_ascii) else None
    rm = rm_clean or _REPUBLISH_RE.search(edge_text)
    meta["republished"] = bool(rm)
    if rm:
        a = max(0, rm.start() - 60)
        meta["republished_evidence"] = (cleaned if rm_clean else edge_text)[a : rm.end() + 40]
    meta["words_before"] = sum(nwords)
    meta["words_after"] = words_after
    meta["lines_removed"] = len(status)
    return CleanResult(cleaned, OffsetMap(blocks), removed, meta)


def _add_meta(meta: dict[str, Any], key: str, value: str) -> None:
    if key in ("photo_credit",):
        meta.setdefault(key + "s", []).append(value)
        meta.setdefault(key, value)
    elif key in meta and meta[key] != value:
        meta.setdefault(key + "_other", []).append(value)
    else:
        meta[key] = value


def clean_metadata(result: CleanResult, known: Mapping[str, Any]) -> dict[str, Any]:
    """Merge metadata found by cleaning under metadata already known (manifest wins)."""
    out = dict(result.meta)
    for k, v in known.items():
        if v not in (None, "", "unknown"):
            out[k] = v
    return out
