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
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from framing._log import get_logger
from framing.resources import LexiconError, load_toml, toml_line_of
from framing.segment import WORD_RE, OffsetMap

log = get_logger(__name__)

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
    data, name = load_toml(path, "lexicons", "boilerplate.toml")
    text = Path(path).read_text(encoding="utf-8-sig") if path is not None else ""
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


def _norm(s: str) -> str:
    return _NORM_RE.sub(" ", s).strip().lower()
_NAME_LINE_RE = re.compile(r"^[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|da|van|von|al|bin)){1,3}$")


def _content_words(s: str) -> set[str]:
    return {w.lower() for w in WORD_RE.findall(s) if w.lower() not in _STOP and len(w) > 2}


def _is_body_line(line: str, n_words: int) -> bool:
    return n_words >= 8 and line.rstrip()[-1:] in ".!?\"”’'»)…"


def _is_heading_line(line: str, n_words: int) -> bool:
    return 0 < n_words <= 25 and line.rstrip()[-1:] not in ".!?:;,\"”’'»…"


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
    # 1. lines with raw offsets (stripped)
    lines: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        s, e = pos, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        lines.append((s, e))
        if nl < 0:
            break
        pos = nl + 1
    nwords = [len(WORD_RE.findall(text, s, e)) for s, e in lines]
    nonblank = [i for i, (s, e) in enumerate(lines) if e > s]
    body_idx = [i for i in nonblank if _is_body_line(text[lines[i][0] : lines[i][1]], nwords[i])]
    first_body = body_idx[0] if body_idx else (nonblank[0] if nonblank else 0)
    last_body = body_idx[-1] if body_idx else (nonblank[-1] if nonblank else 0)

    meta: dict[str, Any] = {}
    removed: list[Removal] = []
    status: dict[int, str] = {}  # line index -> rule name (removed)
    strip_from: dict[int, int] = {}  # line index -> new start (strip rules)

    # 2. pattern rules
    for i in nonblank:
        s, e = lines[i]
        line = text[s:e]
        region = "top" if i < first_body else ("bottom" if i > last_body else "body")
        at_end = region == "bottom" or i in nonblank[-2:]
        for rule in rules:
            if rule.where == "top" and region != "top":
                continue
            if rule.where == "bottom" and region != "bottom":
                continue
            if rule.where == "end" and not at_end:
                continue
            if rule.max_words is not None and nwords[i] > rule.max_words:
                continue
            if rule.skip_prose and _is_body_line(line, nwords[i]):
                continue
            m = rule.pattern.search(line)
            if not m:
                continue
            if rule.action == "strip":
                if m.end() > m.start():
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
    body_words: set[str] = set()
    for i in body_idx[:4]:
        body_words |= _content_words(text[lines[i][0] : lines[i][1]])
    top = [i for i in nonblank if i < first_body and i not in status]
    heads = [i for i in top if _is_heading_line(text[lines[i][0] : lines[i][1]], nwords[i])]
    headline_i: int | None = None
    if heads and body_words:
        overlaps = {}
        for i in heads:
            cw = _content_words(text[lines[i][0] : lines[i][1]])
            overlaps[i] = len(cw & body_words) / max(1, len(cw))
        strong = [i for i in heads if overlaps[i] >= 0.34]
        headline_i = strong[0] if strong else max(heads, key=lambda i: (overlaps[i], -i))
        for i in heads:
            if i == headline_i:
                continue
            if overlaps[i] >= 0.2:
                status[i] = "alternate_headline"
                meta.setdefault("alt_titles", []).append(text[lines[i][0] : lines[i][1]])
            elif i < headline_i:
                status[i] = "unrelated_teaser"
    elif heads:
        headline_i = heads[0]
    if headline_i is None and title and nonblank:
        # a known title on the first line is the headline, whatever its punctuation
        i0 = next((i for i in nonblank if i not in status), None)
        if i0 is not None and _norm(text[lines[i0][0] : lines[i0][1]]) == _norm(title):
            headline_i = i0
    headline = text[lines[headline_i][0] : lines[headline_i][1]] if headline_i is not None else None
    if headline:
        meta["headline"] = headline

    # repeated headline later in the text
    repeats = {_norm(t) for t in (headline, title, *meta.get("alt_titles", [])) if t}
    for i in nonblank:
        if i in status or i == headline_i or (headline_i is not None and i < headline_i):
            continue
        if _norm(text[lines[i][0] : lines[i][1]]) in repeats:
            status[i] = "repeated_headline"

    # bottom block: byline names and section tags
    for i in nonblank:
        if i <= last_body or i in status:
            continue
        line = text[lines[i][0] : lines[i][1]]
        if _NAME_LINE_RE.match(line) and nwords[i] <= 4 and not (set(w.lower() for w in line.split()) & _SECTION_WORDS):
            status[i] = "byline"
            _add_meta(meta, "author", line)
        elif nwords[i] <= 8 and line[-1:] not in ".!?\"”’'»" and (
            _CAMEL_JOIN_RE.search(line)
            or all(w.lower() in _SECTION_WORDS or w.lower() in _STOP for w in WORD_RE.findall(line))
        ):
            status[i] = "section_tags"

    for i, rule in status.items():
        s, e = lines[i]
        removed.append(Removal(s, e, rule, text[s:e]))
    removed.sort(key=lambda r: (r.start, r.end))

    # 4. compose the cleaned text, keeping the line structure of what stays
    parts: list[str] = []
    blocks: list[tuple[int, int, int]] = []
    out_len = 0
    prev_kept: int | None = None
    for i in nonblank:
        if i in status:
            continue
        s, e = lines[i]
        s = strip_from.get(i, s)
        if s >= e:
            continue
        if prev_kept is not None:
            gap = text[lines[prev_kept][1] : lines[i][0]]
            between_removed = any(prev_kept < j < i for j in status)
            sep = "\n\n" if (gap.count("\n") > 1 or between_removed) else "\n"
            parts.append(sep)
            out_len += len(sep)
        blocks.append((out_len, s, e - s))
        parts.append(text[s:e])
        out_len += e - s
        prev_kept = i
    cleaned = "".join(parts)

    # 5. genre and republication
    note = meta.get("note", "")
    edge_text = " ".join(
        text[lines[i][0] : lines[i][1]] for i in nonblank if i < first_body or i > last_body or i in status
    )
    m = _OPINION_RE.search(note) or _OPINION_RE.search(edge_text)
    meta["genre"] = "opinion" if m else "news"
    meta["genre_evidence"] = (m.group(0) if m else "no opinion marker in the notes, header or footer")
    rm = _REPUBLISH_RE.search(cleaned) or _REPUBLISH_RE.search(edge_text)
    meta["republished"] = bool(rm)
    if rm:
        a = max(0, rm.start() - 60)
        meta["republished_evidence"] = (cleaned if _REPUBLISH_RE.search(cleaned) else edge_text)[a : rm.end() + 40]
    meta["words_before"] = sum(nwords)
    meta["words_after"] = len(WORD_RE.findall(cleaned))
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
