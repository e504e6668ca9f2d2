"""Actors: people, countries, organisations and groups, and their mentions in text.

The actors file (``framing/lexicons/actors.toml``, extensible by the user) lists
each actor's canonical name, aliases, kind (person, country, organization,
media, group, project, place), country, role (the group of a quoted voice:
government, military, civil_society, expert, media, business, citizen,
political, international, other), title and, for countries, capital, demonyms
and names of the government. :meth:`ActorCatalog.find_mentions` finds every
mention with a single compiled regular expression built as a trie of all
aliases (longest alias first; in a long text tried only where a word could
start an alias, found by a vectorised hash of the text's words), so ``Heydar Aliyev
International Airport`` is a place and not Ilham Aliyev, and ``Russia``,
``Russian``, ``Moscow`` and ``the Kremlin`` are all mentions of the country
Russia (with ``via`` = ``"name"``, ``"demonym"``, ``"capital"``,
``"government"``), which is what target-dependent tone needs.

What it does not do: disambiguate an alias that names two things (``Georgia``
the country and the US state), find names missing from the file (the quote
extractor handles unknown speakers itself), or inflect aliases beyond the
possessive (``Vance's`` matches ``Vance``).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from framing._accel import load as _load_accel
from framing.resources import (
    LexiconError,
    load_toml_with_text,
)

__all__ = [
    "ACTOR_KINDS",
    "ROLES",
    "Actor",
    "ActorCatalog",
    "Mention",
    "load_actors",
    "normalize_name",
    "trie_regex",
]

#: Allowed values of ``kind``.
ACTOR_KINDS = frozenset({"person", "country", "organization", "media", "group", "project", "place"})
#: Allowed values of ``role`` (the group of a quoted voice), in reporting order.
ROLE_ORDER = (
    "government",
    "military",
    "civil_society",
    "expert",
    "media",
    "business",
    "citizen",
    "political",
    "international",
    "other",
)
ROLES = frozenset(ROLE_ORDER)
_KEYS = frozenset(
    {"name", "kind", "aliases", "country", "role", "title", "gender", "capital", "demonyms", "government"}
)
_DEFAULT_PARTS = ("lexicons", "actors.toml")


@dataclass(frozen=True)
class Actor:
    """One actor of the actors file.

    Attributes
    ----------
    name : str
        Canonical name (used in every table).
    kind : str
        One of :data:`ACTOR_KINDS`.
    aliases : tuple of str
        Other names matched in text.
    country : str or None
        Country the actor belongs to.
    role : str
        One of :data:`ROLES`.
    title : str or None
        E.g. ``"Vice President"``.
    gender : str or None
        ``"male"`` / ``"female"`` for persons (pronoun resolution).
    capital : str or None
        Countries: the capital (a mention of the country, ``via="capital"``).
    demonyms : tuple of str
        Countries: ``Russian``, ``Russians`` (``via="demonym"``).
    government : tuple of str
        Countries: ``the Kremlin`` (``via="government"``).
    """

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    role: str = "other"
    title: str | None = None
    gender: str | None = None
    capital: str | None = None
    demonyms: tuple[str, ...] = ()
    government: tuple[str, ...] = ()

    def surface_forms(self) -> list[tuple[str, str]]:
        """``(alias, via)`` pairs matched in text."""
        out = [(self.name, "name")]
        out += [(a, "alias") for a in self.aliases]
        if self.capital:
            out.append((self.capital, "capital"))
        out += [(d, "demonym") for d in self.demonyms]
        out += [(g, "government") for g in self.government]
        return out


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of an actor: ``text[start:end]``.

    ``actor`` is the canonical name, ``kind`` the actor's kind, ``via`` how it
    was named (``"name"``, ``"alias"``, ``"capital"``, ``"demonym"``,
    ``"government"``); ``attributive`` is true for a demonym or country name
    used before a capitalised title or name (``Armenian Prime Minister``), where
    the tone of the sentence is about the person rather than the country.
    """

    actor: str
    start: int
    end: int
    text: str
    kind: str
    via: str = "name"
    attributive: bool = False


def normalize_name(name: str) -> str:
    """Key for name lookup: lower case, no dots, one space, straight apostrophes, no ``the``."""
    s = name.replace("’", "'").replace(".", " ").lower()
    s = " ".join(s.split())
    if s.startswith("the "):
        s = s[4:]
    return s


def _variants(alias: str) -> set[str]:
    out = {alias}
    if alias.startswith("the "):
        out.add("The " + alias[4:])
    for a in list(out):
        if "'" in a:
            out.add(a.replace("'", "’"))
        if "’" in a:
            out.add(a.replace("’", "'"))
    return out


def trie_regex(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, built as a trie.

    Alternatives at each node are tried longest-continuation first (an
    optional tail is greedy), so the longest word matching at a position wins,
    and matching costs time proportional to the match, not to the number of
    words (the alternation of a plain ``a|b|c`` regex is tried word by word).

    Parameters
    ----------
    words : iterable of str
        Literal strings (escaped here).

    Returns
    -------
    str
        A pattern without anchors or boundaries.
    """
    trie: dict[str, Any] = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        kids = [(ch, sub) for ch, sub in node.items() if ch != ""]
        if not kids:
            return ""
        alts = []
        singles = []
        for ch, sub in sorted(kids):
            rest = build(sub)
            if rest == "" and "" in sub:
                singles.append(ch)
            else:
                alts.append(re.escape(ch) + rest)
        if singles:
            alts.append(
                re.escape(singles[0])
                if len(singles) == 1
                else "[" + "".join(re.escape(c) for c in singles) + "]"
            )
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            body = (body if len(alts) == 1 and len(body) == 1 else "(?:" + body + ")") + "?"
        return body

    return build(trie)


@dataclass
class ActorCatalog:
    """A set of actors with a compiled mention matcher.

    Build it with :func:`load_actors` (or ``ActorCatalog(actors)``).

    Attributes
    ----------
    actors : dict of str to Actor
        By canonical name.
    """

    actors: dict[str, Actor]
    _forms: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    _keys: dict[str, str] = field(default_factory=dict, repr=False)
    _regex: re.Pattern[str] | None = field(default=None, repr=False)
    _run_tables: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False, compare=False)
    _info: dict[str, tuple[str, str, str, bool]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        forms: dict[str, tuple[str, str]] = {}
        keys: dict[str, str] = {}
        # countries first so that a person's alias wins a clash of identical strings
        order = sorted(self.actors.values(), key=lambda a: a.kind != "country")
        for actor in order:
            for alias, via in actor.surface_forms():
                for v in _variants(alias):
                    forms[v] = (actor.name, via)
                keys.setdefault(normalize_name(alias), actor.name)
        for actor in self.actors.values():  # canonical names always resolve to themselves
            keys[normalize_name(actor.name)] = actor.name
        self._forms = forms
        self._keys = keys
        pattern = trie_regex(forms)
        # the look-ahead for the aliases' first characters lets the engine skip ahead to them
        # (a pattern opening with the look-behind is tried at every position: 30% slower)
        firsts = "".join(sorted({re.escape(f[0]) for f in forms}))
        self._regex = (
            re.compile(r"(?=[" + firsts + r"])(?<![\w.@#])(?:" + pattern + r")(?![\w@]|\.\w)") if pattern else None
        )
        self._run_tables = _run_tables(forms)
        # per form: canonical name, via, kind, whether it may be attributive
        info = {}
        for f, (name, via) in forms.items():
            actor = self.actors.get(name)
            if actor is not None:  # (else a KeyError when found, as ever)
                attr = via in ("demonym", "name", "alias") and actor.kind == "country"
                info[f] = (name, via, actor.kind, attr)
        self._info = info

    # -- lookup ------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.resolve(name) is not None

    def __iter__(self):
        return iter(self.actors.values())

    def get(self, name: str) -> Actor | None:
        """The actor with canonical ``name``."""
        return self.actors.get(name)

    def resolve(self, name: str) -> Actor | None:
        """The actor a name refers to (canonical name, alias, capital, demonym...), or None.

        Honorifics (``Mr.``, ``President``...) and a possessive ``'s`` are
        ignored when the name as written is unknown.
        """
        if not name:
            return None
        key = normalize_name(name)
        if key.endswith("'s"):
            key = key[:-2]
        hit = self._keys.get(key)
        if hit is None:
            words = key.split()
            while words and words[0] in _HONORIFICS:
                words = words[1:]
            if words:
                hit = self._keys.get(" ".join(words))
        return self.actors[hit] if hit else None

    def names(self, kind: str | None = None) -> list[str]:
        """Canonical names, optionally of one kind."""
        return [a.name for a in self.actors.values() if kind is None or a.kind == kind]

    # -- matching ----------------------------------------------------------
    def find_mentions(self, doc_or_text: Any, start: int = 0, end: int | None = None) -> list[Mention]:
        """Every actor mention in a text or :class:`~framing.segment.Doc`.

        Parameters
        ----------
        doc_or_text : str or Doc
            The text (a ``Doc``'s ``text`` is used; offsets index it).
        start, end : int, optional
            Search only ``text[start:end]`` (offsets stay absolute).

        Returns
        -------
        list of Mention
            Non-overlapping, in text order, longest alias first at each position.
            The mentions of a whole ``Doc`` are kept for the last few documents
            (a weak reference, per catalog), so that the scorers reading one ``Doc``
            (tone toward actors, quotes) match it once; a new list is returned each time.
        """
        text = doc_or_text if isinstance(doc_or_text, str) else getattr(doc_or_text, "text", None)
        if not isinstance(text, str):
            raise TypeError(f"find_mentions() needs a str or a Doc, got {type(doc_or_text).__name__}")
        if self._regex is None:
            return []
        whole = start == 0 and (end is None or end >= len(text))
        if end is None:
            end = len(text)
        key = None
        if whole and not isinstance(doc_or_text, str):
            # a Doc is read by several scorers (tone toward actors, quotes): match it once
            key = (id(doc_or_text), id(self))
            hit = _MENTION_CACHE.get(key)
            if hit is not None and hit[0]() is doc_or_text and hit[1] is self and hit[2] is text:
                return list(hit[3])
        out: list[Mention] = []
        info = self._info
        n = len(text)
        for m in self._matches(text, start, end):
            surface = m.group(0)
            name, via, kind, may_be_attributive = info[surface]
            a, j = m.span()
            attributive = may_be_attributive and j + 1 < n and text[j] == " " and text[j + 1].isupper()
            out.append(Mention(name, a, j, surface, kind, via, attributive))
        if key is not None:
            try:
                ref = weakref.ref(doc_or_text)
            except TypeError:  # an object without weak references: no caching
                return out
            _MENTION_CACHE[key] = (ref, self, text, tuple(out))
            if len(_MENTION_CACHE) > _MENTION_CACHE_SIZE:
                del _MENTION_CACHE[next(iter(_MENTION_CACHE))]
        return out

    def _matches(self, text: str, start: int, end: int) -> Iterable[re.Match[str]]:
        """The matches of the mention regex in ``text[start:end]``: those of ``finditer``.

        A long text is matched only at the candidates of :meth:`_candidates` (not at every
        position), in text order, skipping those inside the previous match as ``finditer``
        does; a short one, or with a catalog :func:`_run_tables` cannot index, is scanned.
        """
        regex = self._regex
        assert regex is not None
        if self._run_tables is None or end - start < _MIN_PREFILTER_CHARS:
            return regex.finditer(text, start, end)
        out = []
        last = start
        match = regex.match
        for a in self._candidates(text, start, end):
            if a >= last:
                m = match(text, a, end)
                if m is not None:
                    out.append(m)
                    last = m.end()
        return out

    def _candidates(self, text: str, start: int, end: int) -> list[int]:
        """The positions in ``[start, end)`` where a mention may start, in text order.

        Every form starts with an ASCII letter or digit (else :attr:`_run_tables` is None),
        and a match starts after a character that is not a word character, so it starts a
        run of ASCII letters and digits (see :func:`_run_keys`) and that run is the form's
        first run (a form's run ends before a character that is not an ASCII letter or
        digit, which the text has too, or at the form's end, where the regex requires a
        non-word character), and for a form of several runs the next run of the text is the
        form's second. So a match starts at a run whose :func:`_run_keys` key is that of the
        first run of a one-run form, or whose key paired with the next run's is that of the
        first two runs of a longer form.
        """
        assert self._run_tables is not None
        single, pair = self._run_tables
        if _c is not None and 0 <= start <= end:
            # the same positions, read in one C loop over the text (no numpy passes)
            return _c.mention_candidates(text, start, end, single, pair)
        # the runs of text[:end] (a match ends by ``end``) from the character before ``start``
        # (whether a run starts at ``start``): those starting from ``start`` are the same
        lo = max(start - 1, 0)
        starts, keys = _run_keys(ascii_bytes(text[lo:end]))
        cands = starts[single[keys] | pair[_pair_keys(keys)]]
        if lo:
            cands += lo
        out = cands.tolist()
        return [a for a in out if a >= start] if start else out


#: The compiled twin of :meth:`ActorCatalog._candidates` (in :mod:`framing._ext.quotes`:
#: the quotes stage matches the mentions of a Doc first), or None: pure Python.
_c = _load_accel("quotes")
#: Texts shorter than this are scanned with the regex (the prefilter costs more).
_MIN_PREFILTER_CHARS = 512
#: :func:`word_keys` returns keys below this.
N_KEYS = 1 << 16
#: 1 for the bytes of the ASCII letters and digits, 0 for the others.
_ALNUM_BYTES = bytes(1 if chr(i).isalnum() else 0 for i in range(128)) + bytes(128)


def word_keys(b: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """A hash key in ``[0, N_KEYS)`` of each word ``b[starts[i]:ends[i]]`` (non-empty), from its
    length and its first, middle and last characters: equal words have equal keys.

    ``b`` (bytes, ``uint8``) holds one code per character, that of ``str.encode("ascii",
    "replace")`` (:func:`ascii_codes`: the characters that are not ASCII become ``?``), so the
    key of a word of a text is that of the same word on its own. Used to prefilter the
    positions where a regex of known first words (aliases, speech verbs) can match.
    """
    n = ends - starts
    # (the codes read are cast to intp by the products: the text's codes stay one byte each,
    # not an 8-byte copy of the whole text, written to fresh memory for each article)
    h = np.multiply(b[starts], 40503, dtype=np.intp)
    h += np.multiply(b[starts + (n >> 1)], 2654435, dtype=np.intp)
    h += np.multiply(b[ends - 1], 97, dtype=np.intp)
    h += n * 1009
    h &= N_KEYS - 1
    return h


def ascii_codes(text: str) -> np.ndarray:
    """The codes :func:`word_keys` reads: one byte (``uint8``) per character of ``text``."""
    return np.frombuffer(ascii_bytes(text), dtype=np.uint8)


#: The last text :func:`ascii_bytes` encoded, and its bytes.
_LAST_ASCII: tuple[str | None, bytes] = (None, b"")


def ascii_bytes(text: str) -> bytes:
    """``text.encode("ascii", "replace")``; the last text's bytes are kept.

    The mention matcher and the speech-verb prefilter encode the same article one after
    the other (each character that is not ASCII goes through the error handler: tens of
    thousands of instructions for an article): the second reuses the first's bytes. (One
    tuple, read and replaced whole: safe across threads.)
    """
    global _LAST_ASCII
    last = _LAST_ASCII
    if last[0] is text:
        return last[1]
    b = text.encode("ascii", "replace")
    _LAST_ASCII = (text, b)
    return b


def _run_keys(b: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Starts and :func:`word_keys` of the runs of ASCII letters and digits of ``b``.

    ``b`` is ``text.encode("ascii", "replace")`` (one byte per character; those outside
    ASCII are ``?``, which ends a run).
    """
    mask = np.frombuffer(b"\0" + b.translate(_ALNUM_BYTES) + b"\0", np.int8)
    edges = np.flatnonzero(mask[1:] != mask[:-1])
    starts, ends = edges[0::2], edges[1::2]
    return starts, word_keys(np.frombuffer(b, np.uint8), starts, ends)


def _pair_keys(keys: np.ndarray) -> np.ndarray:
    """A key in ``[0, N_KEYS)`` of each run and the next (the last: of the run alone)."""
    pairs = keys * 7919
    pairs[:-1] += keys[1:]
    pairs &= N_KEYS - 1
    return pairs


def _run_tables(forms: Iterable[str]) -> tuple[np.ndarray, np.ndarray] | None:
    """Whether a :func:`_run_keys` key is that of a one-run form (first table), and
    whether a :func:`_pair_keys` key is that of the first two runs of a longer form.

    None when a form does not start with an ASCII letter or digit (then a match need not
    start a run): the text is scanned.
    """
    single = np.zeros(N_KEYS, dtype=bool)
    pair = np.zeros(N_KEYS, dtype=bool)
    for form in forms:
        if not form:
            continue
        if not (form[0].isascii() and form[0].isalnum()):
            return None
        _, keys = _run_keys(form.encode("ascii", "replace"))
        if len(keys) == 1:
            single[keys[0]] = True
        else:
            pair[_pair_keys(keys)[0]] = True
    return single, pair


#: Mentions of recently matched Docs: (id(doc), id(catalog)) -> (weakref, catalog, text, mentions).
_MENTION_CACHE: dict[tuple[int, int], tuple[Any, Any, str, tuple[Mention, ...]]] = {}
_MENTION_CACHE_SIZE = 32

_HONORIFICS = frozenset(
    "mr mrs ms miss dr sir president vice prime minister sen senator rep gov governor "
    "secretary gen general col judge prof professor mayor king queen prince".split()
)


def _fail(name: str, line: int | None, problem: str) -> LexiconError:
    where = f"{name}, line {line}" if line else name
    return LexiconError(f"{where}: {problem}")


def _actor_lines(text: str) -> list[int]:
    return [i for i, ln in enumerate(text.splitlines(), 1) if ln.strip().startswith("[[actor]]")]


def _str_list(value: Any, key: str, name: str, line: int | None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(name, line, f"'{key}' must be a list of non-empty strings, got {value!r}")
    return tuple(v.strip() for v in value)


def _parse(data: Mapping[str, Any], text: str, name: str) -> list[Actor]:
    unknown_top = [k for k in data if k != "actor"]
    if unknown_top:
        raise _fail(name, None, f"unknown top-level key {unknown_top[0]!r} (expected [[actor]] tables)")
    tables = data.get("actor", [])
    if not isinstance(tables, list):
        raise _fail(name, None, "'actor' must be an array of tables ([[actor]])")
    lines = _actor_lines(text)
    out = []
    for i, t in enumerate(tables):
        line = lines[i] if i < len(lines) else None
        if not isinstance(t, dict):
            raise _fail(name, line, "each [[actor]] must be a table")
        bad = sorted(set(t) - _KEYS)
        if bad:
            raise _fail(name, line, f"unknown key {bad[0]!r} in [[actor]] (allowed: {', '.join(sorted(_KEYS))})")
        nm = t.get("name")
        if not isinstance(nm, str) or not nm.strip():
            raise _fail(name, line, "[[actor]] without a 'name' (a non-empty string)")
        kind = t.get("kind")
        if kind not in ACTOR_KINDS:
            raise _fail(
                name, line, f"actor {nm!r}: kind {kind!r} is not one of {', '.join(sorted(ACTOR_KINDS))}"
            )
        role = t.get("role", "other")
        if role not in ROLES:
            raise _fail(name, line, f"actor {nm!r}: role {role!r} is not one of {', '.join(sorted(ROLES))}")
        for key in ("country", "title", "gender", "capital"):
            if key in t and not isinstance(t[key], str):
                raise _fail(name, line, f"actor {nm!r}: '{key}' must be a string, got {t[key]!r}")
        gender = t.get("gender")
        if gender is not None and gender not in ("male", "female"):
            raise _fail(name, line, f"actor {nm!r}: gender {gender!r} is not 'male' or 'female'")
        if kind != "country" and any(k in t for k in ("capital", "demonyms", "government")):
            raise _fail(name, line, f"actor {nm!r}: capital/demonyms/government are for kind = 'country'")
        out.append(
            Actor(
                name=nm.strip(),
                kind=kind,
                aliases=_str_list(t.get("aliases", []), "aliases", name, line),
                country=t.get("country", nm.strip() if kind == "country" else None),
                role=role,
                title=t.get("title"),
                gender=gender,
                capital=t.get("capital"),
                demonyms=_str_list(t.get("demonyms", []), "demonyms", name, line),
                government=_str_list(t.get("government", []), "government", name, line),
            )
        )
    return out


def _read_actors(source: str | Path | None) -> list[Actor]:
    data, text, name = load_toml_with_text(source, *_DEFAULT_PARTS)
    return _parse(data, text, name)


@lru_cache(maxsize=16)
def _load_cached(path: str | None, extend: bool, mtime: float) -> ActorCatalog:
    actors: dict[str, Actor] = {}
    if path is None or extend:
        for a in _read_actors(None):
            actors[a.name] = a
    if path is not None:
        for a in _read_actors(path):
            actors[a.name] = a
    return ActorCatalog(actors)


def load_actors(path: str | Path | None = None, *, extend: bool = True) -> ActorCatalog:
    """Load the actors catalog.

    Parameters
    ----------
    path : str or path-like, optional
        The user's actors file (TOML, same format as the packaged
        ``framing/lexicons/actors.toml``). ``None`` loads the packaged file only.
    extend : bool, default=True
        With ``path``: add its actors to the packaged ones (an actor with the
        same name replaces the packaged one); ``False`` uses the user's file only.

    Returns
    -------
    ActorCatalog
        Cached: loading the same file again costs nothing.

    Raises
    ------
    framing.resources.LexiconError
        If the file is missing or malformed (the message names the file, the
        line and the problem).

    Examples
    --------
    >>> cat = load_actors()
    >>> [m.actor for m in cat.find_mentions("the Kremlin and J.D. Vance")]
    ['Russia', 'JD Vance']
    """
    if path is None:
        return _load_cached(None, True, 0.0)
    p = Path(path)
    if not p.is_file():
        raise LexiconError(f"{p}: file not found")
    return _load_cached(str(p.resolve()), bool(extend), p.stat().st_mtime)
