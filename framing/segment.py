"""Segmentation: one :class:`Doc` per article, shared by every scorer.

An article's cleaned text is segmented once into paragraphs, sentences (with
their position: headline, lead, body), quotation-mark spans and word tokens,
all as character offsets into :attr:`Doc.text`, plus a map back to offsets in
the raw file (:meth:`Doc.to_raw`). Scorers read the ``Doc``; nothing
re-tokenises the text.

The sentence splitter is rule-based and ships its data (an abbreviation list,
``framing/lexicons/abbreviations.txt``); it is in the spirit of Punkt (Kiss &
Strunk 2006) with hand-set parameters instead of unsupervised training:
abbreviations, initials (``J.D. Vance``), abbreviations that may end a sentence
(``U.S.``, ``D.C.``) split only before a common sentence opener, ``p.m.`` before
any capitalised word but a day, month or time zone, a closing quote mark stays
with its sentence, and a quotation is split only when it holds several
sentences (see :func:`split_sentences`). On 468 hand-segmented sentences of the
seeds and PolNeAR dev (``tests/data/sentences_*.jsonl``,
``benchmarks/bench_sentences.py``) it makes no boundary error; untrained Punkt
makes 68, pysbd 45.

Every step is one precompiled regex pass plus work per match (no per-character
Python loop), so segmentation is linear in the text: about 0.25 ms of CPU for an
800-word article. Word tokens (:attr:`Doc.token_bounds`) are found in one
vectorised numpy pass over the text. When the optional compiled accelerator
``framing/_ext/text.pyx`` is built, the paragraph, double-quotation-mark and
sentence-boundary loops and the language gate run in C over the code points
(about a third less CPU), with the same results.

What it does not handle: sentences without terminal punctuation inside one
paragraph (they stay joined), CJK full stops not followed by white space,
languages other than English beyond flagging them, an abbreviation that may end
a sentence followed by a capitalised word that is not a common opener
(``in the U.S. Officials said`` stays one sentence), and abbreviations missing
from the list that are followed by a capitalised word.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from typing import Any

import numpy as np

from framing._accel import load as _load_accel
from framing.errors import InputError
from framing.resources import read_package_text

__all__ = [
    "Doc",
    "OffsetMap",
    "Paragraph",
    "QuoteSpan",
    "SegmentInputError",
    "Sentence",
    "find_quote_spans",
    "segment",
    "split_paragraphs",
    "split_sentences",
    "WORD_RE",
]

#: The compiled twins of the paragraph, quotation-mark and sentence loops (:mod:`framing._ext.text`),
#: or None: pure Python (the same results).
_c = _load_accel("text")


class SegmentInputError(InputError, TypeError):
    """The text given to :func:`segment` is not a string (also a ``TypeError``, as before)."""


#: Word tokens: letters/digits joined by internal apostrophes, hyphens or periods
#: (``Vance's``, ``east-west``, ``U.S``). Shared by every scorer.
WORD_RE = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*")

# characters outside ASCII that a case-insensitive regex matches to an ASCII letter
# (İ ı -> i, ſ -> s, the Kelvin sign -> k); see :func:`_ascii_fold`
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
# word classes of ``WORD_RE`` for the vectorised token scan: "a" for a letter or digit
# (``[^\W_]``, i.e. ``str.isalnum``), "s" for a separator that joins two parts of a
# word, " " for anything else (indexed by the byte of an :func:`_ascii_fold` text)
_ASCII_CLASSES = bytes(97 if chr(i).isalnum() else 115 if chr(i) in "'-." else 32 for i in range(128)) + bytes(128)
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
# the commonest characters outside ASCII in English news and their ASCII stand-ins (none is a
# letter or digit; ``’`` is a separator); none is in ``_FOLDS_TO_ASCII``
_COMMON_MARKS = (("’", "'"), ("“", " "), ("”", " "), ("—", " "), ("‘", " "), ("–", " "), ("…", " "))


def _ascii_fold(text: str) -> tuple[bytes, bool]:
    """``text`` as ASCII bytes of the same length, for counting words and prefiltering.

    Each non-ASCII character is replaced by an ASCII one of its word class
    (``a``, ``'`` or a blank). Also returns whether the text holds one of
    ``_FOLDS_TO_ASCII``.
    """
    if text.isascii():
        return text.encode("ascii"), False
    # the typographic marks of English news first (a replace each, in C): often nothing is left
    for c, r in _COMMON_MARKS:
        text = text.replace(c, r)
    if text.isascii():
        return text.encode("ascii"), False
    chars = set(_NON_ASCII_RE.findall(text))
    table = {ord(c): ("a" if c.isalnum() else "'" if c == "’" else " ") for c in chars}
    if len(chars) <= 16:
        for c in chars:
            text = text.replace(c, table[ord(c)])
    else:
        text = text.translate(table)
    return text.encode("ascii"), not _FOLDS_TO_ASCII.isdisjoint(chars)


def _folded_token_bounds(folded: bytes, *, ends: bool = True) -> tuple[np.ndarray, np.ndarray | None]:
    """Token starts (and ends, unless ``ends`` is false) of an :func:`_ascii_fold` text.

    A character belongs to a token (``WORD_RE``) when it is a letter or digit, or a
    separator (``’ ' - .``) between two of them; tokens are the runs of such
    characters. Their edges are found in one pass: the places where membership
    changes, alternately a start and an end.
    """
    # two blanks on each side: index i + 2 of a class mask is character i
    c = np.frombuffer(b"  " + folded.translate(_ASCII_CLASSES) + b"  ", np.uint8)
    alnum = c == 97
    # in_token[j] tells whether character j - 1 belongs to a token (j = 0 and the last: blanks)
    in_token = alnum[1:-1] | ((c[1:-1] == 115) & alnum[:-2] & alnum[2:])
    edges = np.flatnonzero(in_token[1:] != in_token[:-1])
    return edges[0::2], (edges[1::2] if ends else None)


def token_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the ``WORD_RE`` tokens of ``text``, in one vectorised pass.

    The same spans as ``[m.span() for m in WORD_RE.finditer(text)]``, about ten
    times faster on an article.

    Returns
    -------
    starts, ends : ndarray of int64
        Character offsets (``ends`` exclusive), in text order.
    """
    starts, ends = _folded_token_bounds(_ascii_fold(text)[0])
    assert ends is not None
    return starts, ends


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph: ``text[start:end]`` with its kind.

    ``kind`` is ``"headline"``, ``"subhead"`` (a short line without terminal
    punctuation inside the body), ``"list_item"`` or ``"text"``.
    """

    index: int
    start: int
    end: int
    kind: str = "text"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text[start:end]``.

    ``position`` is ``"headline"``, ``"lead"`` (the first text paragraph of the
    body) or ``"body"``; ``lang`` is ``"en"`` or a hint (``"zh"``, ``"ru"``,
    ``"non-en"``) when most of its letters are not English.
    """

    index: int
    start: int
    end: int
    paragraph: int
    position: str
    lang: str = "en"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation-mark span ``text[start:end]``, marks included.

    ``close`` is ``None`` and ``balanced`` is ``False`` when no closing mark
    was found; the span then ends at the end of its paragraph (an unbalanced
    mark never swallows the rest of the article). ``paragraphs`` counts the
    paragraphs it covers (the convention where a continuing paragraph reopens
    the quote).
    """

    start: int
    end: int
    open: str
    close: str | None
    balanced: bool
    paragraphs: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the quoted text without the marks."""
        return self.start + len(self.open), self.end - (len(self.close) if self.close else 0)


def _positional_constructor(cls: type) -> Any:
    """A fast constructor of the frozen, slotted dataclass ``cls``, taking every field in order.

    ``make(*values)`` returns the object ``cls(*values)`` returns, without the
    generated ``__init__`` (whose ``object.__setattr__`` per field, needed to get
    past ``frozen``, costs most of a constructor call); used where the
    segmenter builds many records. Every field must be given (no defaults).
    """
    names = [f.name for f in fields(cls)]
    env = {"new": object.__new__, "cls": cls} | {f"set_{n}": getattr(cls, n).__set__ for n in names}
    args = ", ".join(names)
    body = "".join(f"    set_{n}(obj, {n})\n" for n in names)
    src = f"def make({args}):\n    obj = new(cls)\n{body}    return obj\n"
    exec(src, env)  # a constructor generated from the field names, as dataclasses does
    make = env["make"]
    make.__doc__ = f"``{cls.__name__}({args})``, faster (see :func:`_positional_constructor`)."
    return make


_new_paragraph = _positional_constructor(Paragraph)
_new_sentence = _positional_constructor(Sentence)
_new_quote_span = _positional_constructor(QuoteSpan)


class OffsetMap:
    """Map offsets of a cleaned text back to the raw text it was cut from.

    The cleaned text is a concatenation of raw pieces (and inserted
    separators). ``blocks`` are ``(clean_start, raw_start, length)`` triples
    sorted by ``clean_start``; an offset outside every block maps to the raw
    end of the preceding block.
    """

    __slots__ = ("_clean", "_raw", "_len")

    def __init__(self, blocks: Iterable[tuple[int, int, int]] = ()) -> None:
        blocks = sorted(blocks)
        self._clean = [b[0] for b in blocks]
        self._raw = [b[1] for b in blocks]
        self._len = [b[2] for b in blocks]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text that was not changed."""
        return cls([(0, 0, length)])

    @property
    def blocks(self) -> list[tuple[int, int, int]]:
        return list(zip(self._clean, self._raw, self._len))

    def to_raw_many(self, offsets: Sequence[int]) -> list[int]:
        """Raw offsets of many cleaned ``offsets`` at once (as :meth:`to_raw` of each)."""
        if not self._clean or not len(offsets):
            return list(offsets)  # no blocks: to_raw is the identity
        off = np.asarray(offsets, dtype=np.int64)
        clean = np.asarray(self._clean, dtype=np.int64)
        i = np.searchsorted(clean, off, side="right") - 1
        before = i < 0
        i[before] = 0
        raw = np.asarray(self._raw, dtype=np.int64)[i] + np.minimum(
            off - clean[i], np.asarray(self._len, dtype=np.int64)[i]
        )
        raw[before] = self._raw[0]
        return raw.tolist()

    def to_raw_ascending(self, offsets: list[int]) -> list[int]:
        """Raw offsets of cleaned ``offsets`` given in ascending order (as :meth:`to_raw_many`).

        One walk along the offsets and the blocks together: for the few dozen offsets
        of an article (its sentence starts) cheaper than the vectorised
        :meth:`to_raw_many`, which it calls when the offsets are not in order.
        """
        clean, raw, lens = self._clean, self._raw, self._len
        if not clean or not offsets:
            return list(offsets)
        nb = len(clean)
        out: list[int] = []
        i = 0  # the number of blocks starting at or before the offset
        prev = offsets[0]
        for off in offsets:
            if off < prev:
                return self.to_raw_many(offsets)
            prev = off
            while i < nb and clean[i] <= off:
                i += 1
            if i:
                delta, n = off - clean[i - 1], lens[i - 1]
                out.append(raw[i - 1] + (delta if delta < n else n))
            else:
                out.append(raw[0])
        return out

    def to_raw(self, offset: int) -> int:
        """Raw offset of cleaned ``offset``."""
        i = bisect.bisect_right(self._clean, offset) - 1
        if i < 0:
            return self._raw[0] if self._raw else offset
        delta = offset - self._clean[i]
        return self._raw[i] + min(delta, self._len[i])

    def __getstate__(self) -> tuple[list[int], list[int], list[int]]:
        return self._clean, self._raw, self._len

    def __setstate__(self, state: tuple[list[int], list[int], list[int]]) -> None:
        self._clean, self._raw, self._len = state


@dataclass
class Doc:
    """One article, segmented once and read by every scorer.

    Attributes
    ----------
    id : str
        Article id.
    text : str
        The cleaned text; every offset in the ``Doc`` indexes it.
    paragraphs, sentences, quote_spans : list
        See :class:`Paragraph`, :class:`Sentence`, :class:`QuoteSpan`.
    foreign_spans : list of (start, end, lang_hint)
        Runs of text not in English (another script, or a Latin-script
        sentence in another language). English lexicons skip them.
    meta : dict
        Outlet, title, date, genre, language, author, ... from loading and cleaning.
    offset_map : OffsetMap
        Cleaned -> raw offsets.
    """

    id: str
    text: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    quote_spans: list[QuoteSpan]
    foreign_spans: list[tuple[int, int, str]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    offset_map: OffsetMap | None = None

    # -- convenience -------------------------------------------------------
    def sentence_text(self, i: int) -> str:
        """The text of sentence ``i``."""
        s = self.sentences[i]
        return self.text[s.start : s.end]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence that contains (or last starts before) ``offset``; -1 if none."""
        return bisect.bisect_right(self._sentence_starts, offset) - 1

    def to_raw(self, offset: int) -> int:
        """Offset in the raw file of cleaned ``offset``."""
        return self.offset_map.to_raw(offset) if self.offset_map is not None else offset

    @cached_property
    def token_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Starts and ends (arrays) of the word tokens (``WORD_RE``), computed once.

        See :func:`token_bounds`; :attr:`tokens` holds the same spans as pairs.
        """
        return token_bounds(self.text)

    @cached_property
    def tokens(self) -> list[tuple[int, int]]:
        """Word token spans (``WORD_RE``) over the whole text, computed once."""
        starts, ends = self.token_offsets
        return list(zip(starts, ends))

    @cached_property
    def token_offsets(self) -> tuple[list[int], list[int]]:
        """Starts and ends of the word tokens as two lists of int, computed once.

        The spans of :attr:`tokens`, without a tuple per token: what ``bisect`` on
        the starts and loops over ``zip(starts, ends)`` want.
        """
        starts, ends = self.token_bounds
        return starts.tolist(), ends.tolist()

    @cached_property
    def lower(self) -> str:
        """``text.lower()``, computed once (same length as ``text`` for the scripts we score)."""
        low = self.text.lower()
        return low if len(low) == len(self.text) else _safe_lower(self.text)

    @property
    def n_words(self) -> int:
        """Number of word tokens."""
        return len(self.token_bounds[0])

    @cached_property
    def n_english_words(self) -> int:
        """Number of word tokens outside :attr:`foreign_spans`."""
        if not self.foreign_spans:
            return len(self.tokens)
        return sum(1 for s, e in self.tokens if not self.in_foreign(s))

    def in_foreign(self, offset: int) -> bool:
        """Whether ``offset`` falls inside a non-English span."""
        for s, e, _ in self.foreign_spans:
            if s <= offset < e:
                return True
        return False

    def in_quote(self, offset: int) -> QuoteSpan | None:
        """The innermost quotation-mark span containing ``offset``, if any."""
        best = None
        for q in self.quote_spans:
            if q.start <= offset < q.end and (best is None or q.start >= best.start):
                best = q
        return best

    @property
    def headline(self) -> str | None:
        """The headline paragraph's text, if one was detected."""
        for p in self.paragraphs:
            if p.kind == "headline":
                return self.text[p.start : p.end]
        return None


def _safe_lower(text: str) -> str:
    """Lower-case character by character, keeping the length (for offset safety)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# ---------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------

_BULLET_RE = re.compile(r"\s*(?:[•·▪●◦‣∙*\-–—]|\d{1,2}[.)])\s+")
# what ``_BULLET_RE`` matches first in a paragraph (no white space opens one): a mark, or a
# decimal digit (``\d``: ``str.isdecimal``)
_BULLET_FIRST = frozenset("•·▪●◦‣∙*-–—")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: lines, or blank-line blocks when the text is hard-wrapped.

    Scraped news puts one paragraph on a line, with or without blank lines
    between. A block of lines is joined into one paragraph only when it looks
    hard-wrapped: at least three lines, all but the last of similar width
    (40-100 characters) and not ending in sentence punctuation.
    """
    if _c is not None and type(text) is str:
        return _c.split_paragraphs(text)  # the same loop over the code points, in C
    spans: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []  # the non-blank lines since the last blank one
    pos = 0  # where the line begins
    for line in text.split("\n"):
        n = len(line)
        stripped = line.strip()  # (the white space of str.isspace, as everywhere here)
        if stripped:
            s = pos + n - len(line.lstrip())
            block.append((s, s + len(stripped)))
        elif block:  # a blank line ends the block
            _flush_block(text, block, spans)
            block = []
        pos += n + 1
    if block:
        _flush_block(text, block, spans)
    return spans


def _flush_block(text: str, block: list[tuple[int, int]], spans: list[tuple[int, int]]) -> None:
    """Add a block of lines to ``spans``: one paragraph when hard-wrapped, else a paragraph a line."""
    if len(block) >= 3 and _hard_wrapped(text, block):
        spans.append((block[0][0], block[-1][1]))
    else:
        spans.extend(block)


def _hard_wrapped(text: str, block: list[tuple[int, int]]) -> bool:
    if len(block) < 3:
        return False
    widths = [e - s for s, e in block[:-1]]
    if min(widths) < 40 or max(widths) > 100 or max(widths) - min(widths) > 30:
        return False
    ends_open = sum(1 for s, e in block[:-1] if text[e - 1] not in ".!?”\"")
    return ends_open >= 0.6 * (len(block) - 1)


# ---------------------------------------------------------------------------
# Quotation-mark spans
# ---------------------------------------------------------------------------

_PAIRS = {"“": "”", "«": "»", "„": "“", "「": "」", "『": "』", "‹": "›"}
_OPENERS_BEFORE = set(" \t\n([{—–-/:;,") | {"“", "‘", "«", "„", "\u00a0"}
#: The double quotation marks the scanner looks at; also the first of two straight single
#: marks or backticks (``''`` and ````)``, see :func:`_double_marks`.
_DQ_MARKS = "“”\"«»„「」『』"


def find_quote_spans(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Find quotation-mark spans in ``text``.

    Handles curly double quotes, straight double quotes, ``''`` and ````...''``
    used as quote marks, curly and straight single quotes used as quotes (told
    apart from apostrophes by their neighbours and by requiring a closing mark
    in the same paragraph), and guillemets / „ “ / 「 」. Quotes are tracked per
    paragraph; a quote left open at the end of a paragraph continues when the
    next paragraph opens with a quote mark (the multi-paragraph convention),
    and otherwise ends, unbalanced, at the paragraph end.

    The marks are found with one regex pass over the whole text and walked
    paragraph by paragraph, so the cost is linear in the text and
    proportional to the number of marks.

    Parameters
    ----------
    text : str
        The text.
    paragraphs : list of (start, end), optional
        Paragraph spans (computed with :func:`split_paragraphs` if omitted).

    Returns
    -------
    list of QuoteSpan
        Sorted by start; single-quote spans may nest inside double-quote spans.
    """
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    spans: list[QuoteSpan] = []
    # the marks found and paired in C (framing/_ext/text.pyx) when the text is a str and the
    # paragraphs a list of spans inside it; else (or when it declines) in Python
    if not (
        _c is not None
        and type(text) is str
        and type(paragraphs) is list
        and _c.double_quotes(text, paragraphs, spans, _new_quote_span)
    ):
        marks = _double_marks(text)
        if marks:
            _double_quotes(text, paragraphs, marks, spans)
    n_double = len(spans)
    if "'" in text or "‘" in text:
        openers = _single_openers(text)
        if openers:
            _single_quotes(text, paragraphs, openers, spans)
    if len(spans) > n_double:
        # (the double-quote spans alone are in order: one is open at a time, and they come
        # in the order of their opening marks)
        spans.sort(key=lambda q: (q.start, -q.end))
    return spans


def _double_marks(text: str) -> list[tuple[int, str]]:
    """The double marks of ``text`` in order: (position, mark), ``''`` and ````)`` as one mark.

    Each kind of mark is found with ``str.find`` (a scan in C, at once over when
    the text cannot hold the character): cheaper than a regex trying a character
    set at every position. A second ``'`` or backtick of a pair, or a third in a
    row, is no mark of its own.
    """
    found: list[int] = []
    for ch in _DQ_MARKS:
        i = text.find(ch)
        while i >= 0:
            found.append(i)
            i = text.find(ch, i + 1)
    for ch in "'`":
        i = text.find(ch)
        while i >= 0:
            if text.startswith(ch, i + 1):
                found.append(i)
            i = text.find(ch, i + 1)
    found.sort()
    marks: list[tuple[int, str]] = []
    last = -1
    for i in found:
        if i < last:
            continue  # the second mark of a '' or ``, or a third ' in a row
        mark = text[i]
        if mark in "'`":
            mark += mark
        marks.append((i, mark))
        last = i + len(mark)
    return marks


def _single_openers(text: str) -> list[int]:
    """Offsets where ``_SINGLE_OPEN_RE`` matches, in order.

    The same positions as ``finditer`` (every match is one character long), but
    the few single marks are found with ``str.find`` and only they are tried:
    a regex scan would test every character of the text.
    """
    out: list[int] = []
    match = _SINGLE_OPEN_RE.match
    for mark in ("'", "‘"):
        i = text.find(mark)
        while i >= 0:
            if match(text, i) is not None:  # look-behind sees the text before i
                out.append(i)
            i = text.find(mark, i + 1)
    out.sort()
    return out


def _opens_with_quote(text: str, pos: int, mark: str) -> bool:
    if mark in ("''", "``"):
        return text.startswith(("''", "``"), pos)
    return pos < len(text) and text[pos] in ('"', "“", "«", "„")


def _double_quotes(
    text: str,
    paragraphs: list[tuple[int, int]],
    marks: list[tuple[int, str]],
    out: list[QuoteSpan],
) -> None:
    """Pair the double marks (``marks``: position and mark, in text order) paragraph by paragraph."""
    k, n = 0, len(marks)
    carry: tuple[int, str, int] | None = None  # (start, open mark, paragraphs so far)
    n_par = len(paragraphs)
    for pi, (ps, pe) in enumerate(paragraphs):
        while k < n and marks[k][0] < ps:
            k += 1  # marks outside every paragraph (none in practice)
        if carry is None and (k == n or marks[k][0] >= pe):
            continue  # no mark in this paragraph
        open_ = carry
        skip_to = ps
        if carry is not None:
            # the continuing paragraph's opening mark is part of the same quote
            skip_to = ps + (2 if text.startswith(("''", "``"), ps) else 1)
        carry = None
        while k < n and marks[k][0] < pe:
            i, mark = marks[k]
            k += 1
            if i < skip_to:
                continue
            w = len(mark)
            prev = text[i - 1] if i > ps else " "
            nxt = text[i + w] if i + w < pe else " "
            if open_ is None:
                # opening mark?
                if mark in ("”", "»", "」", "』"):
                    continue  # stray closer
                if mark in ('"', "''") and (prev not in _OPENERS_BEFORE and not prev.isspace()):
                    continue  # a closer-like straight mark with nothing open: stray
                if nxt.isspace() and mark in ('"', "''", "“"):
                    continue  # mark followed by space cannot open
                open_ = (i, mark, 1)
                continue
            start, omark, npar = open_
            closer = "''" if omark == "``" else _PAIRS.get(omark, omark)
            is_close = mark == closer or (omark in ('"', "''", "``") and mark in ('"', "''"))
            if omark == "“" and mark == '"':
                is_close = True  # mixed marks in sloppy text
            if omark == "„" and mark in ("“", "”"):
                is_close = True
            if is_close and not (prev.isspace() and not nxt.isspace() and mark in ('"', "''")):
                out.append(_new_quote_span(start, i + w, omark, mark, True, npar))
                open_ = None
            elif mark in ("“", "«", "„", "「", "『") or (mark in ('"', "''", "``") and prev.isspace()):
                # a new opening mark while one is open: the first was never closed
                out.append(_new_quote_span(start, _trim_end(text, start, i), omark, None, False, npar))
                open_ = (i, mark, 1)
        if open_ is not None:
            start, mark, npar = open_
            if pi + 1 < n_par and _opens_with_quote(text, paragraphs[pi + 1][0], mark):
                carry = (start, mark, npar + 1)
            else:
                out.append(_new_quote_span(start, pe, mark, None, False, npar))


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


#: A single mark that can open a quote: after white space, a bracket, a double mark or a dash
#: (or at the start of a line), before a letter or digit.
_SINGLE_OPEN_RE = re.compile(
    r"['‘](?<![^\s(\[“\"—–]['‘])(?=[^\W_])(?!(?:\d0s|em|til|cause|n)(?![^\W_]))"
)
#: Longest single-quoted stretch looked at (keeps the scan linear on texts full of apostrophes).
_SINGLE_MAX = 600


def _single_quotes(
    text: str, paragraphs: list[tuple[int, int]], openers: list[int], out: list[QuoteSpan]
) -> None:
    """Single quotes used as quotation marks: ``‘...’`` or ``'...'`` closed in the paragraph.

    An opening mark must follow white space, a bracket, a double quote or a
    dash and precede a letter or digit; the closing mark must follow a
    non-space and precede a non-alphanumeric (so ``Vance’s`` is an
    apostrophe), and a possessive ``s’`` right after a very short stretch
    (``countries’``) is not taken as a closer. The closer is looked for at most
    ``_SINGLE_MAX`` characters ahead, inside the opener's paragraph.
    """
    starts = [s for s, _ in paragraphs]
    pos = 0  # openers inside an accepted quote are skipped
    # [lo, hi) is known to hold no acceptable closer of kind ``mark`` (a failed search is not
    # repeated for the next opener: the scan stays linear on texts full of apostrophes)
    lo = hi = -1
    lo_mark = ""
    for s in openers:
        if s < pos:
            continue
        pi = bisect.bisect_right(starts, s) - 1
        if pi < 0 or s >= paragraphs[pi][1]:
            continue
        pe = paragraphs[pi][1]
        mark = text[s]
        closer_re = _SINGLE_CLOSE_RE[mark]
        limit = min(pe, s + _SINGLE_MAX)
        j = s + 1
        if mark == lo_mark and lo <= j < hi:
            j = hi
        end = -1
        while j < limit:
            # one character past the window, so the look-ahead sees the real next character
            c = closer_re.search(text, j, min(pe, limit + 1))
            if c is None or c.start() >= limit:
                break
            j = c.start()
            if text[j - 1] == "s" and j - s < 3 and text.startswith(" ", j + 1):
                j += 1  # a possessive "s’" right after the opener
                continue
            end = j + 1
            break
        if end < 0:
            lo, hi, lo_mark = s + 1, limit, mark
            continue
        if end - s >= 4:  # at least two characters inside
            out.append(_new_quote_span(s, end, mark, "’" if mark == "‘" else "'", True, 1))
        pos = end


#: A closing single mark: after a non-space, not before a letter or digit (so not ``Vance’s``).
_SINGLE_CLOSE_RE = {
    "‘": re.compile(r"’(?<=[^\s]’)(?![^\W_])"),
    "'": re.compile(r"'(?<=[^\s]')(?![^\W_])"),
}


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Abbrevs:
    never: frozenset[str]  # never end a sentence (Mr, Sen, Feb)
    final: frozenset[str]  # may end one: split only before a common opener (U.S., Inc.)
    usually: frozenset[str]  # usually end one before a capital (a.m., p.m., etc.)
    number: frozenset[str]  # abbreviations only before a number (No. 5, Vol. 2)
    lower_never: frozenset[str]  # lower-case entries, matched case-insensitively
    lower_final: frozenset[str]
    lower_usually: frozenset[str]
    lower_number: frozenset[str]
    lower_any: frozenset[str]  # every lower-case entry


_ABBREV_KINDS = ("never", "final", "usually", "number")


@lru_cache(maxsize=1)
def _abbreviations() -> _Abbrevs:
    """The packaged abbreviation list, parsed once (see ``framing/lexicons/abbreviations.txt``)."""
    from framing.resources import LexiconError

    sets: dict[str, set[str]] = {k: set() for k in _ABBREV_KINDS}
    name = "framing/lexicons/abbreviations.txt"
    for lineno, line in enumerate(read_package_text("lexicons", "abbreviations.txt").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        kind = parts[1] if len(parts) > 1 else "never"
        if kind not in sets or len(parts) > 2:
            raise LexiconError(
                f"{name}, line {lineno}: expected 'ABBREV [{'|'.join(_ABBREV_KINDS[1:])}]', got {line!r}"
            )
        sets[kind].add(parts[0].rstrip("."))
    lower = [frozenset(a.lower() for a in sets[k] if a.islower()) for k in _ABBREV_KINDS]
    return _Abbrevs(
        *(frozenset(sets[k]) for k in _ABBREV_KINDS), *lower, frozenset().union(*lower)
    )


#: Common sentence openers: after an abbreviation that may end a sentence
#: (``U.S.``), a split happens only before one of these.
_OPENERS = frozenset(
    """The A An He She It They We I You This That These Those There Here But And Or So Yet
    In On At As After Before While When If Although Though Because Since For With Without
    His Her Its Their Our My Your Some Many Most Both Each Every No None Other Others Such
    Meanwhile However Moreover Also Still Then Now Today Yesterday Earlier Later Last Next
    What Who Why How Where Which According During Under Over About Among Despite""".split()
)
#: Words that continue a time or date after ``a.m.`` / ``p.m.`` (no split before them).
_CALENDAR = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs
    Fri Sat Sun January February March April May June July August September October November
    December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec ET EST EDT CT CST CDT MT MST MDT PT
    PST PDT GMT UTC BST CET CEST Eastern Central Mountain Pacific Moscow Baku Local""".split()
)

# candidate boundary: terminal punctuation, optional closing marks/brackets, white space,
# then something that can start a sentence (capital, digit, opening quote or bracket,
# or an elision mark that opens the next sentence: "He left. … he came back"); the full
# stops of other scripts (։ । ؟ 。) count when white space follows. Groups: the rest of the
# punctuation run after its first character, the closing marks, the white space. The
# pattern opens with a bare character set, so the scan skips to the next punctuation
# mark in C (a leading group would make the engine try every position)
_BOUNDARY_RE = re.compile(
    r"""[.!?…։।؟。！？]([.!?…։।؟。！？]*)([”"’'»)\]」』]*)(\s+)(?=[“"‘'«„「(\[]?[^\W_a-z]|\.\.\.|…)"""
)
_OPENING_MARKS = "“\"‘'«([ "
_TOKEN_BEFORE_RE = re.compile(r"[^\s“\"‘'(\[]+$")
_DOTTED_CAPS_RE = re.compile(r"(?:[A-Z]\.)+[A-Z]")
_NEXT_WORD_RE = re.compile(r"[^\W_]+")


def split_sentences(
    text: str, start: int = 0, end: int | None = None, quote_spans: Sequence[QuoteSpan] = ()
) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]`` (one paragraph).

    Rules (in the spirit of Punkt, Kiss & Strunk 2006, with hand-set data):

    - a candidate is terminal punctuation (``.``, ``!``, ``?``, ``…``, ``...``)
      with any closing quote marks or brackets, then white space, then a
      capital, digit, opening mark or an elision mark; the closing marks stay
      with the sentence;
    - a period after an abbreviation of the packaged list is no boundary
      (``Mr.``, ``Sen.``, ``Feb.``); one that may end a sentence (``U.S.``,
      ``D.C.``, ``Inc.``) is a boundary only before a common sentence opener;
      ``a.m.`` / ``p.m.`` / ``etc.`` are boundaries before any capitalised word
      except a day, month or time zone; ``No.`` / ``Vol.`` are abbreviations
      only before a number; single capitals and dotted capitals are initials
      (``J. Vance``, ``J.D. Vance``) unless a sentence opener follows;
    - a list number (``1.``) or an elision mark opening a sentence is no boundary;
    - a boundary inside a quotation is kept only when the quotation holds
      several sentences (at least three words follow inside the quote).

    Parameters
    ----------
    text : str
        The whole text (offsets are absolute).
    start, end : int
        The paragraph to split.
    quote_spans : sequence of QuoteSpan
        Quotation-mark spans sorted by start (those of other paragraphs are
        skipped by binary search).

    Returns
    -------
    list of (start, end)
        Spans without surrounding white space.
    """
    if end is None:
        end = len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return _split_trimmed(text, start, end, quote_spans, _abbreviations())


def _split_trimmed(
    text: str, start: int, end: int, quote_spans: Sequence[QuoteSpan], ab: _Abbrevs
) -> list[tuple[int, int]]:
    """:func:`split_sentences` of ``text[start:end]``, which has no white space at either end.

    ``ab`` is :func:`_abbreviations`; :func:`segment` calls this once per paragraph (whose
    span is already trimmed) without the per-call set-up of :func:`split_sentences`.
    """
    if _c is not None and type(text) is str and 0 <= start <= end <= len(text):
        # the same loop in C (framing/_ext/text.pyx); the rarer periods are judged by
        # _period_ends_after, as below (None: declined, quotation offsets that are not integers)
        out = _c.split_trimmed(text, start, end, quote_spans, ab, _period_ends_after)
        if out is not None:
            return out
    lower_any = ab.lower_any
    spans: list[tuple[int, int]] = []
    cur = start
    quotes = [q for q in quote_spans if q.start < end and q.end > start] if quote_spans else quote_spans
    for m in _BOUNDARY_RE.finditer(text, start, end):
        punct_start = m.start()
        if punct_start - cur <= 2 and not text[cur:punct_start].strip(_OPENING_MARKS):
            continue  # punctuation opening the sentence ("… I think"): not an end
        bend = m.end(2)  # sentence ends after punctuation and closing marks
        nstart = m.end(3)
        if m.end(1) == punct_start + 1 and text[punct_start] == ".":  # the run is one period
            # the token before the period: fast path for a plain word after a space
            ws = text.rfind(" ", cur, punct_start)
            tok = text[ws + 1 if ws >= 0 else cur : punct_start]
            if not (tok.isalpha() and len(tok) > 1 and tok.islower() and tok not in lower_any):
                if not _period_ends_after(text, cur, punct_start, tok, nstart, end, ab, bend > m.end(1)):
                    continue
        if quotes:
            q = _enclosing_quote(quotes, punct_start)
            if q is not None and bend < q.end and not _several_sentences(text, nstart, q):
                continue
        spans.append((cur, bend))
        cur = nstart
    if cur < end:
        spans.append((cur, end))
    return spans


def _period_ends_after(
    text: str, cur: int, punct_start: int, tok: str, nstart: int, end: int, ab: _Abbrevs, closed: bool
) -> bool:
    """Whether the period at ``punct_start`` ends the sentence begun at ``cur``.

    ``tok`` is the text between the last space before the period (or ``cur``) and the
    period, when it is not a plain lower-case word (those end the sentence unless an
    abbreviation, a test :func:`_split_trimmed` makes first); ``closed`` tells that
    closing marks follow the period. See :func:`_period_ends_sentence`.
    """
    if not tok.isalpha():
        before = _TOKEN_BEFORE_RE.search(text, max(cur, punct_start - 40), punct_start)
        tok = before.group() if before is not None else ""
        tok_start = before.start() if before is not None else punct_start
    else:
        tok_start = punct_start - len(tok)
    return not tok or _period_ends_sentence(tok, tok_start == cur, text, nstart, end, ab, closed)


def _period_ends_sentence(
    tok: str,
    at_sentence_start: bool,
    text: str,
    nstart: int,
    end: int,
    ab: _Abbrevs,
    closed: bool = False,
) -> bool:
    """Whether the period after token ``tok`` ends a sentence.

    ``closed`` tells that closing marks follow the period (``(D-Vt.) Clinton``,
    ``the “U.S.” The``): after an abbreviation that may end a sentence, a
    capitalised word then starts a new one.
    """
    core = tok.rstrip(".")
    if not core:
        return True
    if "-" in core:  # D-Va, then-Sen, U.S.-backed: look at the last part
        core = core.rsplit("-", 1)[1] or core
    if core.isdigit():
        # "1." opening a paragraph or sentence is a list number
        return not (at_sentence_start and len(core) <= 3)
    if len(core) == 1 and core.isupper():
        # an initial (J. Vance, Donald J. Trump) unless a sentence opener follows
        return not at_sentence_start and _next_word(text, nstart, end) in _OPENERS
    if core in ab.never:
        return False
    low = core.lower()
    if low in ab.lower_never:
        return False
    if core in ab.number or low in ab.lower_number:
        nxt = text[nstart : nstart + 1]
        return not (nxt.isdigit() or (nxt != "" and nxt in "#IVX"))
    if core in ab.final or low in ab.lower_final:
        nxt = _next_word(text, nstart, end)
        return nxt in _OPENERS or (closed and nxt[:1].isupper())
    if core in ab.usually or low in ab.lower_usually:
        # "5 p.m. Officials said" splits; "5 p.m. Tuesday", "5 p.m. EST", "5 p.m. E.T." do not
        m = _NEXT_WORD_RE.search(text, nstart, min(end, nstart + 40))
        if m is None:
            return True
        nxt = m.group()
        if not nxt[:1].isupper() or nxt in _CALENDAR:
            return False
        if len(nxt) > 1 and nxt.isupper():
            return False  # an acronym (EST, GMT)
        return not (len(nxt) == 1 and text.startswith(".", m.end()) and nxt != "I")
    if _DOTTED_CAPS_RE.fullmatch(core):
        # unknown dotted capitals (J.D, U.S.S): an initial-like token before a name
        nxt = _next_word(text, nstart, end)
        return nxt in _OPENERS or (closed and nxt[:1].isupper())
    return True


def _next_word(text: str, pos: int, end: int) -> str:
    m = _NEXT_WORD_RE.search(text, pos, min(end, pos + 40))
    return m.group() if m else ""


def _enclosing_quote(quote_spans: Iterable[QuoteSpan], pos: int) -> QuoteSpan | None:
    best = None
    for q in quote_spans:
        if q.start < pos < q.end and (best is None or q.start > best.start):
            best = q
        elif q.start > pos:
            break
    return best


def _several_sentences(text: str, nstart: int, q: QuoteSpan) -> bool:
    """At least three words follow ``nstart`` inside quotation ``q``."""
    n = 0
    for _ in WORD_RE.finditer(text, nstart, q.inner[1]):
        n += 1
        if n >= 3:
            return True
    return False


# ---------------------------------------------------------------------------
# Language spans
# ---------------------------------------------------------------------------

_SCRIPT_HINTS = (
    ("CJK", "zh"),
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("HANGUL", "ko"),
    ("CYRILLIC", "ru"),
    ("ARABIC", "ar"),
    ("HEBREW", "he"),
    ("GREEK", "el"),
    ("ARMENIAN", "hy"),
    ("GEORGIAN", "ka"),
    ("DEVANAGARI", "hi"),
    ("THAI", "th"),
)
#: Letters of the scripts in ``_SCRIPT_HINTS`` (Unicode blocks), for one regex scan.
_FOREIGN_LETTERS = (
    "\u0370-\u03ff\u1f00-\u1fff"  # Greek
    "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"  # Cyrillic
    "\u0530-\u058f\ufb13-\ufb17"  # Armenian
    "\u0590-\u05ff\ufb1d-\ufb4f"  # Hebrew
    "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"  # Arabic
    "\u0900-\u097f"  # Devanagari
    "\u0e00-\u0e7f"  # Thai
    "\u10a0-\u10ff\u1c90-\u1cbf"  # Georgian
    "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"  # Hangul
    "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"  # CJK
)
# a run of foreign letters, with non-letters (spaces, digits, punctuation) between them,
# and trailing non-ASCII punctuation (。) kept
# (``[F][F]*`` rather than ``[F]+``: a pattern opening with a bare character set lets the
# scan skip to the next candidate in C)
_FOREIGN_RUN_RE = re.compile(
    f"[{_FOREIGN_LETTERS}][{_FOREIGN_LETTERS}]*(?:[\\W\\d_]+[{_FOREIGN_LETTERS}]+)*(?:[^\\w\\s\\x00-\\x7f]+)?"
)
_FOREIGN_LETTER_RE = re.compile(f"[{_FOREIGN_LETTERS}]")
# a character outside Latin (up to U+036F) and the general punctuation (U+2000-U+206F): the
# first foreign letter comes at or after the first of these
_PAST_LATIN_RE = re.compile("[^\x00-\u036f\u2000-\u206f]")
_LETTER_RE = re.compile(r"[^\W\d_]")

_EN_FUNCTION = frozenset(
    "the of and to in a is that for on with as by was it at from be are this an has have not "
    "but or its said will which were their been his her they he she who would after also".split()
)
_OTHER_FUNCTION = {
    "fr": frozenset("le la les des du et est une un dans pour que qui pas sur au avec il elle ce sont".split()),
    "de": frozenset("der die das und ist nicht ein eine mit von zu den dem im auf für sich des auch".split()),
    "es": frozenset("el la los las de y es que en un una por con para del se su al lo como".split()),
    "it": frozenset("il lo la gli le di e che è un una per con del della non si sono al".split()),
    "pt": frozenset("o a os as de e que em um uma para com do da não se por no na".split()),
    "tr": frozenset("ve bir bu da de için ile olarak olan gibi daha çok en ama".split()),
    "az": frozenset("və bir bu da də üçün ilə olaraq olan kimi daha çox ən amma".split()),
}
# a sentence holding one of these very common English words is English (a cheap gate:
# only the rare sentence without any of them is looked at word by word)
_EN_CUES = (" the ", " of ", " and ", " to ")
_EN_CUE_WORDS = r"(?:[Tt]he|and|of|to|that|for|with|is|[Ii]t|[Hh]e|[Ww]e)[\s,;:.!?”\"’]"
# a cue word opening the sentence, or after a blank, bracket or opening quote (two patterns:
# one opening with a character set lets the scan skip to the next candidate in C)
_EN_CUE_START_RE = re.compile(_EN_CUE_WORDS)
_EN_CUE_RE = re.compile(r"[\s(“\"‘]" + _EN_CUE_WORDS)
_LATIN_MIN_CHARS = 25  # about six words

def _maybe_not_english(sentence: str) -> bool:
    """False when the sentence holds a very common English word (a cheap gate for the word check)."""
    for cue in _EN_CUES:
        if cue in sentence:
            return False
    return (
        sentence.count(" ") >= 5
        and _EN_CUE_START_RE.match(sentence) is None
        and _EN_CUE_RE.search(sentence) is None
    )


@lru_cache(maxsize=4096)
def _script_of(ch: str) -> str | None:
    if ch.isascii():
        return None
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    for key, hint in _SCRIPT_HINTS:
        if key in name:
            return hint
    return None


def _foreign_script_runs(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Runs of another script (CJK, Cyrillic, Arabic, ...) in ``text[start:end]``, with a hint."""
    runs: list[tuple[int, int, str]] = []
    for m in _FOREIGN_RUN_RE.finditer(text, start, end):
        runs.append((m.start(), m.end(), _script_of(text[m.start()]) or "non-en"))
    return runs


def _latin_language(words: list[str]) -> str | None:
    """A hint for a Latin-script sentence that is not English, from function words."""
    if len(words) < 6:
        return None
    lowered = list(map(str.lower, words))
    if sum(map(_ANY_OTHER_FUNCTION.__contains__, lowered)) < 3:
        return None  # no language has the three function words needed (counted in C)
    en = 0
    counts: dict[str, int] = {}
    for w in lowered:
        if w in _EN_FUNCTION:
            en += 1
        for lang in _FUNCTION_INDEX.get(w, ()):
            counts[lang] = counts.get(lang, 0) + 1
    best, best_n = None, 0
    for lang in _OTHER_FUNCTION:  # first language with the highest count
        n = counts.get(lang, 0)
        if n > best_n:
            best, best_n = lang, n
    if best_n >= 3 and best_n > 2 * en:
        return best
    return None


_FUNCTION_INDEX: dict[str, tuple[str, ...]] = {}
for _lang, _words in _OTHER_FUNCTION.items():
    for _w in _words:
        _FUNCTION_INDEX[_w] = (*_FUNCTION_INDEX.get(_w, ()), _lang)
_ANY_OTHER_FUNCTION = frozenset(_FUNCTION_INDEX)


# ---------------------------------------------------------------------------
# segment()
# ---------------------------------------------------------------------------

_NOT_HEADING_END = frozenset(".!?…:;,\"”’'»")


def _is_heading_like(text: str, s: int, e: int, max_words: int = 25) -> bool:
    """A short line (1..max_words words) that does not end in sentence punctuation."""
    while e > s and text[e - 1].isspace():
        e -= 1
    if e <= s or text[e - 1] in _NOT_HEADING_END:
        return False
    if e - s > max_words * 30:
        return False
    n = 0
    for _ in WORD_RE.finditer(text, s, e):
        n += 1
        if n > max_words:
            return False
    return n > 0


def _quotes_by_paragraph(
    par_spans: list[tuple[int, int]], quotes: list[QuoteSpan]
) -> list[list[QuoteSpan]]:
    """The quotation spans overlapping each paragraph (one pass, binary search)."""
    out: list[list[QuoteSpan]] = [[] for _ in par_spans]
    if not quotes:
        return out
    starts = [s for s, _ in par_spans]
    for q in quotes:
        first = max(bisect.bisect_right(starts, q.start) - 1, 0)
        last = bisect.bisect_left(starts, q.end) - 1
        for i in range(first, last + 1):
            out[i].append(q)
    return out


def segment(
    text: str,
    *,
    doc_id: str = "doc",
    meta: Mapping[str, Any] | None = None,
    offset_map: OffsetMap | None = None,
    headline: bool | None = None,
) -> Doc:
    """Segment a cleaned article text into a :class:`Doc`.

    Parameters
    ----------
    text : str
        The cleaned article text (see :func:`framing.clean.clean`); plain text works too.
    doc_id : str, default="doc"
        The article id.
    meta : mapping, optional
        Metadata to carry (outlet, title, date, genre, ...). If it holds
        ``title`` and the text opens with it, that paragraph is the headline.
    offset_map : OffsetMap, optional
        Cleaned -> raw offsets; identity when omitted.
    headline : bool or None, default=None
        Whether the first paragraph is the headline. ``None`` detects it: the
        first paragraph is a headline when it matches ``meta["title"]`` or is a
        short line (at most 25 words) without terminal punctuation.

    Returns
    -------
    Doc

    Notes
    -----
    Cost is linear in the length of the text: paragraphs, quotation marks,
    sentence candidates, foreign scripts and foreign function words are each
    found with one precompiled regex pass; ASCII-only text skips the
    foreign-script scan.
    """
    if not isinstance(text, str):
        raise SegmentInputError(
            f"article {doc_id!r}: segment() needs the article text as str, got {type(text).__name__}"
        )
    meta = dict(meta or {})
    par_spans = split_paragraphs(text)
    quotes = find_quote_spans(text, par_spans)
    doubles = [q for q in quotes if q.open not in ("‘", "'")]

    # paragraph kinds
    title = (meta.get("title") or "").strip()
    first_is_headline = False
    if par_spans:
        s0, e0 = par_spans[0]
        if headline is not None:
            first_is_headline = headline
        elif title and text[s0:e0].strip().rstrip(".").startswith(title.rstrip(".")[:60]):
            first_is_headline = True
        else:
            first_is_headline = len(par_spans) > 1 and _is_heading_like(text, s0, e0)
    paragraphs: list[Paragraph] = []
    lead_index = None
    n_par = len(par_spans)
    # (a paragraph span has no white space at either end: a bullet is its first character, a
    # heading-like line does not end in sentence punctuation; both tested inline first)
    for i, (s, e) in enumerate(par_spans):
        c0 = text[s]
        if i == 0 and first_is_headline:
            kind = "headline"
        elif (c0 in _BULLET_FIRST or c0.isdecimal()) and _BULLET_RE.match(text, s):
            kind = "list_item"
        elif text[e - 1] in _NOT_HEADING_END:
            kind = "text"
        elif i + 1 < n_par and _is_heading_like(text, s, e, max_words=14):
            kind = "subhead"
        elif first_is_headline and i == 1 and _is_heading_like(text, s, e):
            kind = "subhead"
        else:
            kind = "text"
        if kind == "text" and lead_index is None:
            lead_index = i
        paragraphs.append(_new_paragraph(i, s, e, kind))

    # language pre-check, once per text: ASCII text holds no other script
    # (the scan for a foreign letter starts at the first character past Latin and the
    # general punctuation: a cheap class to skip to, unlike the many blocks of the letters)
    foreign_script = False
    if not text.isascii():
        m = _PAST_LATIN_RE.search(text)
        foreign_script = m is not None and _FOREIGN_LETTER_RE.search(text, m.start()) is not None

    # sentences and language
    # (paragraph spans have no white space at either end: split without split_sentences' set-up)
    sentences: list[Sentence] = []
    foreign: list[tuple[int, int, str]] = []
    ab = _abbreviations()
    new_sentence = _new_sentence
    find = text.find
    # the sentence spans of the paragraphs to split, all in one call in C when compiled (each
    # with the quotation spans overlapping it: those _quotes_by_paragraph gives it, as the
    # paragraphs are in order and disjoint); else paragraph by paragraph with their quotations
    split = None
    if _c is not None and type(text) is str:
        split = _c.split_many(
            text, [(p.start, p.end) for p in paragraphs if p.kind != "headline" and p.kind != "subhead"],
            doubles, ab, _period_ends_after,
        )
    next_split = iter(split).__next__ if split is not None else None
    not_english = _c.maybe_not_english if split is not None else None
    par_quotes = _quotes_by_paragraph(par_spans, doubles) if next_split is None else []
    for p in paragraphs:
        kind, pi = p.kind, p.index
        if kind == "headline" or kind == "subhead":
            sent_spans = [(p.start, p.end)]
        elif next_split is not None:
            sent_spans = next_split()
        else:
            sent_spans = _split_trimmed(text, p.start, p.end, par_quotes[pi], ab)
        position = "headline" if kind == "headline" else "lead" if pi == lead_index else "body"
        for s, e in sent_spans:
            lang = "en"
            runs = _foreign_script_runs(text, s, e) if foreign_script else None
            if runs:
                foreign.extend(runs)
                foreign_letters = sum(len(_FOREIGN_LETTER_RE.findall(text, a, b)) for a, b, _ in runs)
                letters = len(_LETTER_RE.findall(text, s, e))
                if letters and foreign_letters / letters > 0.5:
                    lang = runs[0][2]
            elif (
                not_english(text, s, e, _LATIN_MIN_CHARS)
                if not_english is not None
                else e - s >= _LATIN_MIN_CHARS and find(" the ", s, e) < 0 and _maybe_not_english(text[s:e])
            ):
                # (" the " is the commonest cue of _maybe_not_english, tested inline first; the
                # compiled gate tests them all in one pass over the sentence)
                hint = _latin_language(WORD_RE.findall(text, s, e))
                if hint:
                    foreign.append((s, e, hint))
                    lang = hint
            sentences.append(new_sentence(len(sentences), s, e, pi, position, lang))

    return Doc(
        id=str(doc_id),
        text=text,
        paragraphs=paragraphs,
        sentences=sentences,
        quote_spans=quotes,
        foreign_spans=foreign,
        meta=meta,
        offset_map=offset_map or OffsetMap.identity(len(text)),
    )
