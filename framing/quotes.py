"""Quoted voices: direct, partial, block and indirect quotes with their speakers.

:func:`extract_quotes` finds who is quoted in an article and how:

* **direct** quotes in curly, straight, single and ``''`` marks (the spans come
  from :func:`framing.segment.segment`), of one or several sentences or
  paragraphs, split around the attribution (``“A,” he said, “B.”`` is one
  quote with two pieces), and **block** quotes attributed by a dash on the
  next line (``— Trump noted earlier``) or introduced by a colon
  (``The New York Times reports:``);
* **partial** quotes inside a paraphrase (``Aliyev called it “an absolutely
  new phase”``);
* **indirect** speech (``X said (that) ...``, ``X warned ...``, ``X told
  reporters ...``, ``..., X said.``, ``said X``, ``X's office attributed ...``,
  ``X sent an open letter urging ...``), **according_to** (``according to X,
  ...``, ``as X put it``) and media sourcing, kind **reported** with
  ``media=True`` (``AzerNEWS reported``, ``as reported by ... APA``, ``This
  was reported by Reuters``, ``writes UNN``, ``In an article published by
  Euronews``): a source cited, not a voice;
* quoted strings that are not speech: **title** (names of projects, books,
  headlines: ``the “Trump International Peace and Prosperity Route”
  project``) and **scare** quotes (``Georgia "patiently" awaits``).

Speakers are found before the cue (``Aliyev said``), after it (``said
Aliyev``), behind appositives (``Parvana Valiyeva, a member of the Parliament
of Azerbaijan, said``) and titles (``US Vice President JD Vance``); pronouns and
descriptions (``he``, ``the president``) are resolved to the most recent
compatible named person; names are merged through the actors catalog
(:mod:`framing.actors`) and, for people the catalog does not know, by surname
within the article. A speaker that cannot be resolved keeps its mention text
and gets ``speaker_name=None``: nothing is guessed silently.

The attribution cues are a packaged lexicon of speech verbs
(``framing/lexicons/speech_verbs.txt``, several hundred verbs with their
inflections) found with one compiled trie regex; speaker phrases are read
from a bounded window around each cue, so the cost is linear in the text
length. The approach follows rule-based quotation attribution as in Pareti
(2015, PARC 3.0) and Newell, Margolin & Ruths (2018, PolNeAR), whose
annotation conventions (attributions include beliefs, intentions and polls)
the optional ``attributions="all"`` mode follows.

A quote with no cue of its own takes the speaker of the quote before it in the
paragraph (``continuation``), of a ``Name:`` introducing it, or of the named
person who is the subject of the sentence just before (``context``, lower
confidence). The benchmark ``benchmarks/bench_quotes.py`` scores all this on
PolNeAR dev and train; ``benchmarks/analyse_quotes.py`` lists the errors.

What it does not handle: quotes whose attribution lies more than one
paragraph away, speakers named only by a long relative clause, nested
attributions (a quote inside a quote is part of the outer quote), irony, and
languages other than English (quotes in « », „ “ and 「 」 are found but
attributed only with English cues).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from framing._accel import load as _load_accel
from framing._log import get_logger
from framing.actors import N_KEYS as _N_KEYS
from framing.actors import ActorCatalog, Mention, load_actors, trie_regex
from framing.actors import ascii_codes as _ascii_codes
from framing.actors import word_keys as _word_keys
from framing.resources import (
    LexiconError,
    load_toml,
    read_lexicon_text,
)
from framing.segment import Doc, QuoteSpan, segment

__all__ = [
    "KINDS",
    "SPEECH_KINDS",
    "Quote",
    "SpeechVerbs",
    "extract_quotes",
    "load_roles",
    "load_speech_verbs",
]

log = get_logger(__name__)

#: The compiled twins of hot loops (:mod:`framing._ext.quotes`), or None: pure Python. They read
#: ``Doc.token_bounds`` as int64 arrays (numpy's index type on 64-bit platforms; elsewhere: pure Python).
_c = _load_accel("quotes") if np.dtype(np.intp).itemsize == 8 else None

#: Every ``kind`` a record can have.
KINDS = ("direct", "partial", "block", "indirect", "according_to", "reported", "scare", "title")
#: Kinds that are speech (the others are quoted strings that are not speech).
SPEECH_KINDS = frozenset({"direct", "partial", "block", "indirect", "according_to", "reported"})
#: Kinds with words inside quotation marks.
DIRECT_KINDS = frozenset({"direct", "partial", "block"})


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


@dataclass
class Quote:
    """One attribution (or one quoted string that is not speech).

    Attributes
    ----------
    content : str
        The quoted or reported words (pieces of a split quote joined by `` … ``).
    content_span : (int, int)
        Cover of the content pieces (offsets into ``Doc.text``).
    content_spans : list of (int, int)
        The pieces: quotation-mark spans (marks included) for direct, partial
        and block quotes, the reported clause for indirect speech.
    speaker : str or None
        The speaker as written (``"he"``, ``"US Vice President JD Vance"``).
    speaker_span : (int, int) or None
        Its offsets.
    speaker_name : str or None
        Who the speaker is: the catalog's canonical name, the full name seen
        in the article, or a pronoun's antecedent; ``None`` when unresolved.
    actor : str or None
        The canonical name when the speaker is in the actors catalog.
    speaker_kind : str
        ``person``, ``organization``, ``media``, ``group``, ``country``,
        ``document``, ``description``, ``pronoun`` or ``unknown``.
    speaker_title : str or None
        Title or description (``"US Vice President"``, ``"a member of the Parliament of Azerbaijan"``).
    group : str
        The speaker's role group (``government``, ``civil_society``, ...) or ``unknown``.
    cue : str or None
        The attribution cue (``said``, ``according to``, ``—``).
    cue_span : (int, int) or None
        Its offsets.
    cue_class : str
        ``speech``, ``writing``, ``report``, ``belief``, ``according_to``,
        ``continuation`` (the previous quote's speaker), ``context`` (no cue: the
        speaker introduces it with ``Name:`` or is the named subject of the sentence
        just before), ``none``.
    kind : str
        One of :data:`KINDS`.
    media : bool
        Media or agency sourcing (a source cited, not a voice).
    confidence : float
        Rough confidence in [0, 1] that the record and its speaker are right.
    sentence : int
        Index of the sentence holding the cue (or the content).
    """

    content: str
    content_span: tuple[int, int]
    content_spans: list[tuple[int, int]]
    kind: str
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    speaker_name: str | None = None
    actor: str | None = None
    speaker_kind: str = "unknown"
    speaker_title: str | None = None
    group: str = "unknown"
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    cue_class: str = "none"
    media: bool = False
    confidence: float = 0.5
    sentence: int = -1

    @property
    def is_voice(self) -> bool:
        """Speech by a voice: not a media source, not a title or scare quote."""
        return self.kind in SPEECH_KINDS and not self.media

    @property
    def is_direct(self) -> bool:
        """Whether the record holds words in quotation marks (direct, partial, block)."""
        return self.kind in DIRECT_KINDS

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (spans as lists)."""
        d = asdict(self)
        d["content_span"] = list(self.content_span)
        d["content_spans"] = [list(s) for s in self.content_spans]
        d["speaker_span"] = list(self.speaker_span) if self.speaker_span else None
        d["cue_span"] = list(self.cue_span) if self.cue_span else None
        return d


# ---------------------------------------------------------------------------
# Lexicons
# ---------------------------------------------------------------------------

_CLASSES = ("speech", "writing", "report", "belief")
_PARTICLES = frozenset({"out", "up", "in", "on", "back", "for", "off", "it", "to"})


def _inflect(word: str) -> list[str]:
    """Regular inflections of an English verb: lemma, -s, -ed, -ing."""
    w = word
    vowels = "aeiou"
    if w.endswith(("s", "x", "z", "ch", "sh", "o")):
        s3 = w + "es"
    elif w.endswith("y") and len(w) > 1 and w[-2] not in vowels:
        s3 = w[:-1] + "ies"
    else:
        s3 = w + "s"
    if w.endswith("e"):
        ed = w + "d"
    elif w.endswith("y") and len(w) > 1 and w[-2] not in vowels:
        ed = w[:-1] + "ied"
    else:
        ed = w + "ed"
    if w.endswith("ie"):
        ing = w[:-2] + "ying"
    elif w.endswith("e") and not w.endswith(("ee", "ye", "oe")) and len(w) > 2:
        ing = w[:-1] + "ing"
    else:
        ing = w + "ing"
    return [w, s3, ed, ing]


@dataclass(frozen=True)
class SpeechVerbs:
    """The speech-verb lexicon: every form with its lemma and class.

    Attributes
    ----------
    forms : dict of str to (str, str)
        Inflected form -> (lemma, class).
    regex : re.Pattern
        Matches any form as a whole word (one trie-shaped pattern).
    first_words : frozenset of str or None
        The first word of every form, when every word of every form is one
        ``framing.segment.WORD_RE`` token (letters joined by ``'``, ``’`` or
        ``-``); then a match of ``regex`` starts at a word token equal to one of
        them or right after a period inside a token (see :meth:`_Extractor._verb_matches`).
        ``None`` otherwise (a user lexicon with other forms): the text is scanned with ``regex``.
    speech_first_words : frozenset of str or None
        ``first_words`` without the words whose forms are all one word and of class
        ``belief`` (``think``, ``wants``): without beliefs, no cue starts there.
    first_keys, speech_first_keys : ndarray of bool or None
        Whether a :func:`_word_keys` key is that of a word of ``first_words`` (of
        ``speech_first_words``): a token whose key is not cannot be one of them.
    """

    forms: dict[str, tuple[str, str]]
    regex: re.Pattern[str] = field(repr=False)
    first_words: frozenset[str] | None = field(default=None, repr=False, compare=False)
    speech_first_words: frozenset[str] | None = field(default=None, repr=False, compare=False)
    first_keys: np.ndarray | None = field(default=None, repr=False, compare=False)
    speech_first_keys: np.ndarray | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len({lemma for lemma, _ in self.forms.values()})


def _parse_verbs(text: str, name: str) -> dict[str, tuple[str, str]]:
    forms: dict[str, tuple[str, str]] = {}
    cls = "speech"
    ok_word = re.compile(r"^[a-z][a-z'’-]*$")
    for ln, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            m = re.fullmatch(r"\[(\w+)\]", line)
            if not m or m.group(1) not in _CLASSES:
                raise LexiconError(
                    f"{name}, line {ln}: bad class header {line!r} (expected one of "
                    + ", ".join(f"[{c}]" for c in _CLASSES)
                    + ")"
                )
            cls = m.group(1)
            continue
        toks = line.split()
        for t in toks:
            if not ok_word.match(t):
                raise LexiconError(f"{name}, line {ln}: {t!r} is not a lower-case word")
        # attach particles (point out, call for) to the word before
        words: list[str] = []
        for t in toks:
            if t in _PARTICLES and words:
                words[-1] += " " + t
            else:
                words.append(t)
        lemma = words[0]
        if len(words) == 1:
            head, _, tail = lemma.partition(" ")
            variants = [v + (" " + tail if tail else "") for v in _inflect(head)]
        else:
            variants = words
        for v in variants:
            # a form listed in several classes keeps the strongest (speech > writing > report > belief)
            old = forms.get(v)
            if old is None or _CLASSES.index(cls) < _CLASSES.index(old[1]):
                forms[v] = (lemma, cls)
    if not forms:
        raise LexiconError(f"{name}: no verbs found")
    return forms


@lru_cache(maxsize=8)
def _verbs_cached(path: str | None, mtime: float) -> SpeechVerbs:
    text, name = read_lexicon_text(path, "lexicons", "speech_verbs.txt")
    forms = _parse_verbs(text, name)
    regex = re.compile(r"(?<![\w'’-])(?:" + trie_regex(forms) + r")(?![\w'’-])")
    first = speech_first = first_keys = speech_first_keys = None
    if all(_FORM_WORD_RE.fullmatch(w) for f in forms for w in f.split(" ")):
        first = frozenset(f.split(" ", 1)[0] for f in forms)
        not_belief_only = {f.split(" ", 1)[0] for f, (_, cls) in forms.items() if cls != "belief" or " " in f}
        speech_first = first & not_belief_only
        first_keys, speech_first_keys = _key_table(first), _key_table(speech_first)
    return SpeechVerbs(forms, regex, first, speech_first, first_keys, speech_first_keys)


def _key_table(words: Iterable[str]) -> np.ndarray:
    """Whether each :func:`_word_keys` key is the key of one of ``words``."""
    words = list(words)
    lengths = np.array([len(w) for w in words], dtype=np.intp)
    ends = np.cumsum(lengths + 1) - 1  # the words joined by spaces
    table = np.zeros(_N_KEYS, dtype=bool)
    table[_word_keys(_ascii_codes(" ".join(words)), ends - lengths, ends)] = True
    return table


#: A word of a speech-verb form that is one ``WORD_RE`` token.
_FORM_WORD_RE = re.compile(r"[a-z]+(?:[’'-][a-z]+)*")
#: A period inside a word token (``U.S.said``): a cue may start right after it.
_INNER_PERIOD_RE = re.compile(r"\.(?=[^\W_])")


def load_speech_verbs(path: str | Path | None = None) -> SpeechVerbs:
    """Load the speech-verb lexicon (packaged, or the user's file in the same format).

    Raises
    ------
    framing.resources.LexiconError
        Naming the file, the line and the problem.
    """
    if path is None:
        return _verbs_cached(None, 0.0)
    p = Path(path)
    if not p.is_file():
        raise LexiconError(f"{p}: file not found")
    return _verbs_cached(str(p.resolve()), p.stat().st_mtime)


@dataclass(frozen=True)
class _Roles:
    group_words: dict[str, str]
    multi: tuple[tuple[str, str], ...]
    person: frozenset[str]
    organization: frozenset[str]
    document: frozenset[str]
    media: frozenset[str]
    # per-word answers of the speaker finder, filled as words are met (the lexicon is cached)
    ok_cache: dict[str, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)
    head_cache: dict[str, str | None] = field(default_factory=dict, compare=False, hash=False, repr=False)
    group_cache: dict[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)


@lru_cache(maxsize=4)
def load_roles(path: str | None = None) -> _Roles:
    """Load the role words (``framing/lexicons/roles.toml`` or a user file of the same shape)."""
    data, name = load_toml(path, "lexicons", "roles.toml")
    groups = data.get("groups")
    nouns = data.get("nouns")
    if not isinstance(groups, dict) or not isinstance(nouns, dict):
        raise LexiconError(f"{name}: needs [groups.<role>] tables and a [nouns] table")
    words: dict[str, str] = {}
    for g, t in groups.items():
        lst = t.get("words") if isinstance(t, dict) else None
        if not isinstance(lst, list) or not all(isinstance(w, str) for w in lst):
            raise LexiconError(f"{name}: [groups.{g}] needs words = [list of strings]")
        for w in lst:
            words.setdefault(w.lower(), g)
    sets = {}
    for key in ("person", "organization", "document", "media"):
        lst = nouns.get(key, [])
        if not isinstance(lst, list) or not all(isinstance(w, str) for w in lst):
            raise LexiconError(f"{name}: [nouns] {key} must be a list of strings")
        sets[key] = frozenset(w.lower() for w in lst)
    multi = tuple(sorted(((w, g) for w, g in words.items() if " " in w), key=lambda x: -len(x[0])))
    return _Roles(words, multi, sets["person"], sets["organization"], sets["document"], sets["media"])


# ---------------------------------------------------------------------------
# Word classes used by the speaker finder
# ---------------------------------------------------------------------------

# words: a letter or digit, then word characters and ``&``, and ``’ ' . -`` between letters or
# digits, and a final period; else one punctuation mark. (Possessive quantifiers: the same
# tokens as ``[^\W_](?:[\w&]|[’'.\-](?=[^\W_]))*\.?``, which never backtracks into them.)
_WORD_PATTERN = r"[^\W_][\w&]*+(?:[’'.\-](?=[^\W_])[\w&]*+)*+\.?"
_WORD_RE = re.compile(_WORD_PATTERN + r"|[^\w\s]")
#: The word tokens of ``_WORD_RE`` only (those starting with a letter or digit).
_WORD_ONLY_RE = re.compile(_WORD_PATTERN)
_SUBJ_PRONOUNS = {"he": "male", "she": "female", "they": "plural", "it": "neuter", "we": "plural", "i": "self"}
_POSS_PRONOUNS = {"his": "male", "her": "female", "their": "plural", "its": "neuter", "our": "plural"}
_DETERMINERS = frozenset(
    "the a an this these those his her its their our my your some many several one two three "
    "four five another other any each every most few both all".split()
)
_AUX = frozenset(
    "has have had is was were are be been being will would could can may might must shall should "
    "did does do also later then again once just further earlier first already never not even "
    "still reportedly repeatedly publicly privately recently previously often initially subsequently "
    "originally ultimately finally separately similarly likewise reportedly allegedly apparently "
    "clearly simply yet too has've 's 've 'd 'll ’s ’ve ’d ’ll".split()
)
_NOT_ADVERB = frozenset("family ally italy july only early daily weekly monthly rally supply reply".split())
_CAP_STOP = frozenset(
    """But And Or So Yet However Meanwhile In On At As After Before While When If Although Though
    Because Since For With Without During Under Over About Among Despite Also Then Now Today
    Yesterday Earlier Later Still Thus Instead Indeed Moreover Furthermore Here There This That These
    Those What Who Why How Where Which Asked Speaking It He She They We I According Last Next
    Nor Not No Yes Only Even Just Asked Told Said Of To From By Into Through Again Once Already
    Perhaps Maybe Finally Similarly Likewise Separately Specifically Notably Overall Instead
    Otherwise Hence Therefore Both Each Every Some Many Most Such Another Other""".split()
)
_TITLE_WORDS = frozenset(
    """President Vice Prime Minister Foreign Defense Defence Secretary Senator Sen Sen. Rep Rep.
    Gov Gov. Governor Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Former General Gen Gen. Chairman Chairwoman
    Speaker Ambassador Deputy Judge Mayor Chief Justice Attorney King Queen Prince Pope Sheikh
    Professor Prof Prof. Lt Lt. Col Col. Capt Capt. Sgt Sgt. Director Leader Majority Minority
    Democratic Republican Democrat Presidential State Press Spokesman Spokeswoman Spokesperson
    Nominee Candidate Sir Lord Lady Rev Rev. Father Mother Sister Brother Saint St St. Adm Adm.
    Commander Colonel Lieutenant Captain Sergeant Admiral Commissioner Councilman Councilwoman
    Congressman Congresswoman Congressional House Senate White Executive CEO Founder Co-founder
    Supreme Acting Interim Assistant Associate Senior Junior""".split()
)
_MODIFIERS = frozenset(
    """former senior top deputy vice prime foreign state press chief campaign presidential
    republican democratic white house national international local regional federal
    military defense defence interior finance economy economic health justice foreign-policy
    security intelligence ranking majority minority assistant associate acting interim outgoing
    incoming longtime long-time veteran retired leading prominent unnamed anonymous several
    other two three four some many one another independent conservative liberal political
    rights human civil young old new armenian azerbaijani american russian iranian turkish
    georgian ukrainian european chinese western u.s. us official government administration
    party group committee communications policy news wire agency""".split()
)
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight earlier
    later recently last week month year morning afternoon evening night on in at during a an the
    interview statement press conference briefing speech rally event news reporters outside
    privately publicly repeatedly again also then previously separately twice once""".split()
)
_BE = frozenset("is was were are be been being 's ’s".split())
_MODALS = frozenset("will would could can may might must shall should did does do to".split())
_OBJECT_PRONOUNS = frozenset("me us him her them reporters journalists lawmakers supporters".split())
_TELL_LEMMAS = frozenset({"tell", "inform", "assure", "reassure", "brief", "notify", "remind"})
_INTRO_VERBS = frozenset(
    "sent send sends issued issue issues released release releases published wrote writes "
    "signed posted delivered made makes gave give gives penned addressed".split()
)
_PREPS = frozenset(
    "in on at during via through over after before with to from into by for of about as than "
    "and or but while when if because since under among".split()
)
# tokens for the speaker finder: abbreviations keep their period (``U.S.``, ``Mr.``), other
# words leave a sentence period as a token of its own
_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.)+(?![^\W_])|[A-Z][a-z]{0,3}\.(?![^\W_])|[^\W_](?:[\w&]|[’'.\-](?=[^\W_]))*|[^\w\s]"
)
#: Tokens of white-space-free chunks (``True``: the chunk is one token), filled as chunks are met.
_CHUNK_TOKENS: dict[str, Any] = {}
_CHUNK_TOKENS_MAX = 200_000


def _chunk_tokens(c: str) -> Any:
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(c)]
    hit: Any = True if len(toks) == 1 and toks[0][0] == 0 and toks[0][1] == len(c) else tuple(toks)
    if len(_CHUNK_TOKENS) >= _CHUNK_TOKENS_MAX:
        _CHUNK_TOKENS.clear()
    _CHUNK_TOKENS[c] = hit
    return hit


def _chunks_to_tokens(sub: str, chunks: list[str], pos: int, base: int) -> list[tuple[int, int, str]]:
    """Tokens (absolute offsets) of consecutive white-space-separated ``chunks`` of ``sub``
    (the first at or after ``pos``; ``sub`` starts at ``base`` in the text)."""
    if _c is not None:
        # the same tokens, read in C (a chunk of over 64 characters from the cache below)
        return _c.chunks_to_tokens(sub, chunks, pos, base, _CHUNK_TOKENS.get, _chunk_tokens)
    out: list[tuple[int, int, str]] = []
    append = out.append
    find = sub.find
    get = _CHUNK_TOKENS.get
    for c in chunks:
        a = find(c, pos)
        pos = a + len(c)
        toks = get(c)
        if toks is None:
            toks = _chunk_tokens(c)
        if toks is True:  # the chunk is one token
            append((a + base, pos + base, c))
        else:
            a += base
            for x, y, w in toks:
                append((a + x, a + y, w))
    return out


#: Returned by a speaker finder reading a partial token list when it needs all of it.
_MORE: Any = object()


_GENERIC_DETERMINERS = frozenset("a an the another one some his her their its my our".split())
_NOT_GENERIC_HEAD = frozenset(
    "that which what who this these those there here then than also and but or not only just "
    "has have had was were is are be been will would could can may might must should did does "
    "way time thing things fact point case idea issue question answer way".split()
)
#: Verbs that are cues only right before punctuation ("he continued." / "he continued, ...").
_PUNCT_ONLY_LEMMAS = frozenset({"continue"})
_NAME_APP_RE = re.compile(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3}")
_FAST_PRONOUNS = frozenset("he she they He She They we We I it It".split())
_PARTY_RE = re.compile(r"[RDI]-[A-Z]")
_LOWER_WORD_RE = re.compile(r"[a-z][a-z'.-]*")
_CLAUSE_BREAK_RE = re.compile(r"[,;:(]|\s(?:while|but|and|whereas)\s")
_KIND_CONFIDENCE = {"direct": 0.9, "partial": 0.8, "block": 0.7, "indirect": 0.65, "according_to": 0.7, "reported": 0.7}


def _ends_with_as(s: str) -> bool:
    """Whether ``s`` ends with the word ``as`` and white space: the regex search of
    ``(?:^|[\\s,(])as\\s*$`` in ``s``, without scanning ``s``."""
    t = s.rstrip()
    return t.endswith("as") and (len(t) == 2 or t[-3] in ",(" or t[-3].isspace())


_TITLE_CUES = frozenset("titled entitled headlined dubbed named nicknamed".split())
_QUOTE_OPEN = "“\"‘'«„「『`"
_DASHES = "—–-"


#: :meth:`_Extractor.quote_words_head` reads this many characters of a long quote ...
_HEAD_CHARS = 160
#: ... and keeps this many words when it finds more (more than any of its callers compares).
_HEAD_WORDS = 15


def _n_words(s: str, cap: int, pos: int = 0, endpos: int | None = None) -> int:
    """``min(len(_WORD_RE.findall(s, pos, endpos)), cap)``, reading no further than needed.

    One match of :func:`_count_regex` ``(cap)``: the number of its groups that took part.
    """
    if _c is not None:
        # the same count, read in C (framing._ext.quotes.n_words)
        return _c.n_words(s, cap, pos, len(s) if endpos is None else endpos, False)
    m = _count_regex(cap).match(s, pos, len(s) if endpos is None else endpos)
    return m.lastindex or 0


def _n_words_only(s: str, cap: int) -> int:
    """``min(len(_WORD_ONLY_RE.findall(s)), cap)`` (the words, without punctuation marks)."""
    if _c is not None:
        return _c.n_words(s, cap, 0, len(s), True)
    return _count_regex(cap, True).match(s).lastindex or 0


@lru_cache(maxsize=32)
def _count_regex(cap: int, words_only: bool = False) -> re.Pattern[str]:
    """``cap`` optional groups in a row, each skipping the characters where no match of
    ``_WORD_RE`` (``_WORD_ONLY_RE`` with ``words_only``) starts, white space and ``_`` (and
    the other characters that are not letters or digits), and taking one token as an atomic
    group (what ``finditer`` would take there: no backtracking into it). A group that takes
    no token leaves none for the next, so ``lastindex`` is the number of tokens, up to ``cap``."""
    if words_only:
        one = r"(?:[\W_]*+((?>" + _WORD_PATTERN + ")))?"
    else:
        one = r"(?:[\s_]*+((?>" + _WORD_RE.pattern + ")))?"
    return re.compile(one * cap)


#: The ``cap`` of every :func:`_n_words` call of the extractor, and of :func:`_n_words_only`'s.
_N_WORDS_CAPS = (2, 3, 4, 5, 6, 7)
_N_WORDS_ONLY_CAPS = (9,)


@lru_cache(maxsize=1)
def _compile_count_regexes() -> None:
    """Compile the :func:`_count_regex` patterns of every cap the extractor uses, once.

    Each takes a few milliseconds to compile (the regex compiler is pure Python), about
    what extracting the quotes of an article costs; compiled lazily, they are paid for
    by whichever articles first need them. :func:`extract_quotes` calls this first, so
    that they are built with the lexicons (and, in a worker, during the warm-up of
    :func:`framing.stream.prepare_worker`, which extracts quotes).
    """
    for cap in _N_WORDS_CAPS:
        _count_regex(cap)
    for cap in _N_WORDS_ONLY_CAPS:
        _count_regex(cap, True)


def _is_cap(w: str) -> bool:
    return bool(w) and w[0].isupper()


def _norm_noun(w: str) -> str:
    w = w.lower().strip(".")
    return w


def _n_alnum(s: str) -> int:
    """Number of letters and digits in ``s``."""
    if _c is not None:
        return _c.n_alnum(s, 0, len(s))
    return sum(map(str.isalnum, s))


@lru_cache(maxsize=65536)
def _singular(w: str) -> str:
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


# ---------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _NP:
    start: int
    end: int
    text: str
    head: str
    kind: str  # pronoun | name | noun | document | possessive
    title: str | None = None
    aux: tuple[str, ...] = ()


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    text: str
    lemma: str
    cls: str
    sent: int


@dataclass(slots=True)
class _Person:
    offset: int
    name: str
    gender: str | None
    title: str
    group: str
    actor: str | None


class _Extractor:
    def __init__(
        self,
        doc: Doc,
        catalog: ActorCatalog,
        verbs: SpeechVerbs,
        roles: _Roles,
        attributions: str,
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.catalog = catalog
        self.verbs = verbs
        self.roles = roles
        self.beliefs = attributions == "all"
        self.records: list[Quote] = []
        # top-level quotation spans (non-overlapping)
        tops: list[QuoteSpan] = []
        last_end = -1
        for q in sorted(doc.quote_spans, key=lambda q: (q.start, -q.end)):
            if q.start >= last_end and q.end - q.start >= 2:
                tops.append(q)
                last_end = q.end
        self.tops = tops
        self.top_starts = [q.start for q in tops]
        #: the index of the top-level quote starting at each offset
        self.top_starting = {q.start: i for i, q in enumerate(tops)}
        self.used: set[int] = set()
        # the Doc (not its text): mentions matched once per Doc are shared with the other scorers
        self.mentions: list[Mention] = catalog.find_mentions(doc)
        self.mention_starts = [m.start for m in self.mentions]
        # people named in the text, in order (catalog persons); unknown speakers are added
        self.people: list[_Person] = []
        for m in self.mentions:
            if m.kind == "person":
                a = catalog.get(m.actor)
                if a is not None:
                    self.people.append(
                        _Person(m.start, a.name, a.gender, (a.title or "").lower(), a.role, a.name)
                    )
        self.people_starts = [p.offset for p in self.people]
        self.surnames: dict[str, str] = {}
        # (the Doc's list, computed once and shared with the other scorers: read only)
        self.sent_starts: list[int] = doc._sentence_starts
        self.par_starts = [p.start for p in doc.paragraphs]
        self._qwords: dict[int, tuple[str, list[str]]] = {}

    def quote_words(self, qi: int) -> tuple[str, list[str]]:
        """The stripped inner text of top-level quote ``qi`` and its words (``_WORD_RE``
        tokens starting with a letter or digit), computed once (read-only)."""
        hit = self._qwords.get(qi)
        if hit is None:
            a, b = self.tops[qi].inner
            inner = self.text[a:b].strip()
            hit = self._qwords[qi] = (inner, _WORD_ONLY_RE.findall(inner))
        return hit

    def quote_words_head(self, qi: int) -> tuple[str, list[str]]:
        """:meth:`quote_words`, or for a long quote its first :data:`_HEAD_WORDS` words only
        (then the quote has more; callers that only ask whether it has more than a dozen
        words read no further).

        The words are read from the first :data:`_HEAD_CHARS` characters of the quote: a
        word ending two characters or more before the cut is read as in the whole text
        (a match of ``_WORD_RE`` reads at most one character past its end), so when the cut
        text holds more than ``_HEAD_WORDS`` words, its first ``_HEAD_WORDS`` are those of
        the whole quote, and the quote has more.
        """
        hit = self._qwords.get(qi)
        if hit is not None:
            return hit
        a, b = self.tops[qi].inner
        inner = self.text[a:b].strip()
        if len(inner) > _HEAD_CHARS:
            head = _WORD_ONLY_RE.findall(inner, 0, _HEAD_CHARS)
            if len(head) > _HEAD_WORDS:
                return inner, head[:_HEAD_WORDS]
        # (what quote_words computes, from the inner text read here)
        hit = self._qwords[qi] = (inner, _WORD_ONLY_RE.findall(inner))
        return hit

    # -- helpers ------------------------------------------------------------
    def top_at(self, pos: int) -> int | None:
        """Index of the top-level quote containing ``pos`` (start <= pos < end)."""
        i = bisect.bisect_right(self.top_starts, pos) - 1
        if i >= 0 and self.tops[i].start <= pos < self.tops[i].end:
            return i
        return None

    def tops_in(self, s: int, e: int) -> list[int]:
        """Indices of top-level quotes starting in [s, e)."""
        i = bisect.bisect_left(self.top_starts, s)
        out = []
        while i < len(self.tops) and self.tops[i].start < e:
            out.append(i)
            i += 1
        return out

    def sent_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def par_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.par_starts, pos) - 1)

    def _tokenize(self, s: int, e: int) -> list[tuple[int, int, str]]:
        """``_TOKEN_RE`` tokens of ``text[s:e]`` as (start, end, word).

        No construct of ``_TOKEN_RE`` reads across white space (at a space every
        class fails and every lookahead answers as at the end of the string), so
        the tokens are those of each white-space-separated chunk on its own: the
        chunks come from ``str.split`` and their tokens from a cache of chunks.
        """
        sub = self.text[s:e]
        return _chunks_to_tokens(sub, sub.split(), 0, s)

    @staticmethod
    def _tokens_tail(sub: str, parts: list[str], s: int, k: int = 6) -> tuple[list[tuple[int, int, str]], bool]:
        """The tokens of the last ``k`` chunks of ``sub`` (``text[s:e]``; ``parts`` is
        ``sub.rsplit(None, k)``) and whether chunks were left out (then a caller reading
        near the start of the list must read all tokens instead)."""
        if len(parts) <= k:
            return _chunks_to_tokens(sub, parts, 0, s), False
        # the first kept chunk starts at the end of the left-out part plus its white space
        rest = parts[0]
        pos = len(rest)
        chunks = parts[1:]
        return _chunks_to_tokens(sub, chunks, pos, s), True

    def _tokens_head(self, s: int, e: int, k: int = 6) -> tuple[list[tuple[int, int, str]], bool]:
        """The tokens of the first ``k`` chunks of ``text[s:e]`` and whether chunks were left out."""
        sub = self.text[s:e]
        parts = sub.split(None, k)
        if len(parts) <= k:
            return _chunks_to_tokens(sub, parts, 0, s), False
        return _chunks_to_tokens(sub, parts[:k], 0, s), True

    def tokens(self, s: int, e: int) -> list[tuple[int, int, str]]:
        """Word tokens of ``text[s:e]``."""
        return self._tokenize(s, e) if e > s else []

    # -- noun phrases ------------------------------------------------------
    def _np_ok_token(self, w: str) -> bool:
        cache = self.roles.ok_cache
        hit = cache.get(w)
        if hit is None:
            hit = cache[w] = self._np_ok_token_uncached(w)
        return hit

    def _head_kind(self, w: str) -> str | None:
        cache = self.roles.head_cache
        if w in cache:
            return cache[w]
        hit = cache[w] = self._head_kind_uncached(w)
        return hit

    def _np_ok_token_uncached(self, w: str) -> bool:
        if not w or not (w[0].isalnum()):
            return False
        lw = w.lower()
        if _is_cap(w) and w not in _CAP_STOP:
            return True
        if lw in _MODIFIERS:
            return True
        sg = _singular(lw)
        r = self.roles
        return lw in r.person or sg in r.person or lw in r.organization or sg in r.organization

    def _head_kind_uncached(self, w: str) -> str | None:
        lw = w.lower()
        if lw in _SUBJ_PRONOUNS:
            return "pronoun"
        if lw in _DETERMINERS or lw in _POSS_PRONOUNS or lw in ("that", "which", "what", "there"):
            return None
        if w.endswith(("’s", "'s")):
            return None
        sg = _singular(lw)
        r = self.roles
        if _is_cap(w) and w not in _CAP_STOP and lw not in r.document:
            return "name"
        if lw in r.person or sg in r.person or lw in r.organization or sg in r.organization:
            return "noun"
        if lw in r.document or sg in r.document:
            return "document"
        return None

    def np_before(self, lo: int, p: int, width: int = 50, generic: bool = False) -> _NP | None:
        """The speaker phrase ending right before ``p`` (after skipping auxiliaries/adverbs).

        Reads a short window first and a longer one (200 characters) only when the
        phrase reaches the start of the short one.

        ``generic`` changes the answer only where the answer without it is ``None``: it
        only skips the test of :meth:`_no_head_before` (true only where no phrase is
        found) and reads :meth:`_generic_np` where no head is found."""
        if _c is not None:
            # the same answer, read on C token arrays (framing._ext.quotes.np_before)
            return _c.np_before(self, lo, p, width, generic)
        return self._np_before_py(lo, p, width, generic)

    def _np_before_py(self, lo: int, p: int, width: int = 50, generic: bool = False) -> _NP | None:
        """:meth:`np_before` in pure Python."""
        p0 = p
        text = self.text
        if p - lo >= 3 and text[p - 1] == " ":
            # fast path: "he said", "she told" (no adverb or auxiliary in between)
            b = p - 6 if p - 6 > lo else lo
            k = text.rfind(" ", b, p - 1)
            w = text[(k + 1 if k >= 0 else b) : p - 1]
            if w in _FAST_PRONOUNS and (k >= 0 or p - 1 - len(w) == lo):
                a = p - 1 - len(w)
                return _NP(a, p - 1, w, w, "pronoun")
        # the tag ends with ")" or "," before trailing white space: test that first
        t0 = p - 50 if p - 50 > lo else lo
        window = text[t0:p]
        tail = window.rstrip()
        if tail and tail[-1] in "),":
            m = _PARTY_TAG_RE.search(text, t0, p)
            if m:  # "Rep. Gwen Moore (D-Wis.) said", "Mitch McConnell, R-Ky., said"
                p = m.start()
        ws = p - width if p - width > lo else lo
        retry = ws > lo and width < 200
        sub = window if p == p0 and ws == t0 else text[ws:p]
        parts = sub.rsplit(None, 6)
        if not generic and self._no_head_before(parts):
            return None
        # most phrases are read from the last few chunks: try those first (exactly the
        # same answer, or _MORE when the phrase may reach further left)
        toks, partial = self._tokens_tail(sub, parts, ws)
        if partial:
            np = self._np_before_toks(toks, True, lo, p0, width, retry, generic)
            if np is not _MORE:
                return np
            toks = self._tokenize(ws, p)
        return self._np_before_toks(toks, False, lo, p0, width, retry, generic)

    def _no_head_before(self, parts: list[str]) -> bool:
        """Whether :meth:`_np_before_toks` (not ``generic``) finds no phrase in its window
        (``parts``: the window's ``rsplit`` at white space) because the last token is
        neither skipped (auxiliary, adverb) nor a head, read from the last chunk only.
        The answer holds when a token precedes that one in the window (the head index is
        then above 0, so no wider window is read): a chunk before it that does not end
        with ``_`` ends with a token (a letter or digit, or punctuation)."""
        if len(parts) < 2 or parts[-2][-1] == "_":
            return False
        c = parts[-1]
        toks = _CHUNK_TOKENS.get(c)
        if toks is None:
            toks = _chunk_tokens(c)
        if toks is True:
            w = c
        elif toks:
            w = toks[-1][2]
        else:
            return False
        lw = w.lower()
        if lw in _AUX or (lw.endswith("ly") and len(lw) > 4 and lw not in _NOT_ADVERB and not _is_cap(w)):
            return False
        return self._head_kind(w) is None

    def _np_before_toks(
        self,
        toks: list[tuple[int, int, str]],
        partial: bool,
        lo: int,
        p0: int,
        width: int,
        retry: bool,
        generic: bool,
    ) -> Any:
        """:meth:`np_before` on the tokens of its window. With ``partial`` (the tokens of the
        window's last chunks only) it answers only when it reads no token with index below 2
        and compares no index to the start, so that the answer is that of the whole window;
        otherwise it returns ``_MORE``."""
        i = len(toks) - 1
        aux: list[str] = []
        while i >= 0 and len(aux) < 4:
            w = toks[i][2]
            lw = w.lower()
            if lw in _AUX or (lw.endswith("ly") and len(lw) > 4 and lw not in _NOT_ADVERB and not _is_cap(w)):
                i -= 1
                aux.append(lw)
                continue
            break
        if partial and i < 2:
            return _MORE
        if i <= 0 and retry:
            return self.np_before(lo, p0, 200, generic)
        if i < 0:
            return None
        hs, he, hw = toks[i]
        kind = self._head_kind(hw)
        if kind is None:
            if generic:
                if partial and i < 4:
                    return _MORE
                return self._generic_np(toks, i, aux)
            return None
        if kind == "pronoun":
            return _NP(hs, he, hw, hw, "pronoun", aux=tuple(aux))
        j = i
        start = hs
        while j - 1 >= 0:
            if partial and j < 3:
                return _MORE
            ps, pe, pw = toks[j - 1]
            if self.text[pe:toks[j][0]] not in (" ", "\u00a0"):
                break
            lw = pw.lower()
            if lw in _DETERMINERS or lw in _POSS_PRONOUNS:
                start = ps
                break
            if pw.endswith(("’s", "'s")) and pw[0].isalnum():
                start = ps
                j -= 1
                continue
            if lw in ("of", "for", "at") and j - 2 >= 0 and _is_cap(toks[j][2]):
                # "Secretary of State", "member of the Parliament": keep only if a title precedes
                if self._np_ok_token(toks[j - 2][2]):
                    start = ps
                    j -= 1
                    continue
                break
            if self._np_ok_token(pw):
                start = ps
                j -= 1
                continue
            break
        if j <= 1 and retry:
            return self.np_before(lo, p0, 200, generic)
        # strip a leading "of"/"for" (a first word followed by a space)
        text = self.text[start:he]
        while text[:4].lower().startswith(("of ", "for ", "at ")):
            start += len(text.split(" ", 1)[0]) + 1
            text = self.text[start:he]
        return _NP(start, he, text, hw, kind, aux=tuple(aux))

    def _generic_np(self, toks: list[tuple[int, int, str]], i: int, aux: list[str]) -> _NP | None:
        """``another child``, ``a young boy``, ``the crowd``: a lower-case noun after a
        determiner (and at most two adjectives) right before a verb of saying."""
        hs, he, hw = toks[i]
        lw = hw.lower()
        if not hw.isalpha() or not hw.islower() or len(hw) < 3 or lw in _NOT_GENERIC_HEAD:
            return None
        for j in range(i - 1, max(-1, i - 4), -1):
            w = toks[j][2]
            if self.text[toks[j][1] : toks[j + 1][0]] != " ":
                return None
            if w.lower() in _GENERIC_DETERMINERS:
                s0 = toks[j][0]
                return _NP(s0, he, self.text[s0:he], hw, "noun", aux=tuple(aux))
            if not (w.isalpha() and w.islower()) or w in _NOT_GENERIC_HEAD:
                return None
        return None

    def np_after(self, p: int, hi: int, width: int = 60, generic: bool = False) -> _NP | None:
        """The speaker phrase starting at ``p`` (inverted order: ``said Aliyev``).

        With ``generic``, a determiner and lower-case nouns ending the clause
        (``“...,” said the assailant, John McGraw``) are a speaker too."""
        if _c is not None:
            # the same answer, read on C token arrays (framing._ext.quotes.np_after)
            return _c.np_after(self, p, hi, width, generic)
        return self._np_after_py(p, hi, width, generic)

    def _np_after_py(self, p: int, hi: int, width: int = 60, generic: bool = False) -> _NP | None:
        """:meth:`np_after` in pure Python."""
        we = min(hi, p + width)
        # most phrases are read from the first few chunks: try those first (exactly the
        # same answer, or _MORE when the phrase may reach further right)
        toks, partial = self._tokens_head(p, we)
        if partial:
            np = self._np_after_toks(toks, True, p, hi, we, width, generic)
            if np is not _MORE:
                return np
            toks = self._tokenize(p, we)
        return self._np_after_toks(toks, False, p, hi, we, width, generic)

    def _np_after_toks(
        self,
        toks: list[tuple[int, int, str]],
        partial: bool,
        p: int,
        hi: int,
        we: int,
        width: int,
        generic: bool,
    ) -> Any:
        """:meth:`np_after` on the tokens of its window. With ``partial`` (the tokens of the
        window's first chunks only) it answers only when it reads no token less than 5 from
        the end of the list, so that the answer is that of the whole window; otherwise it
        returns ``_MORE``."""
        if partial and len(toks) < 6:
            return _MORE
        if we < hi and width < 200 and len(toks) < 3:
            return self.np_after(p, hi, 200, generic)
        if generic and len(toks) >= 2 and toks[0][2].lower() in _GENERIC_DETERMINERS:
            np = self.np_after(p, hi, width)
            if np is not None:
                return np
            j = 1
            while j < len(toks) and j <= 4 and (toks[j][2].isalpha() and toks[j][2].islower() or toks[j][2].isdigit()):
                j += 1
            if 1 < j and (j == len(toks) or toks[j][2] in (",", ".", ";")) and toks[j - 1][2].isalpha() and (
                toks[j - 1][2] not in _NOT_GENERIC_HEAD and len(toks[j - 1][2]) >= 3
            ):
                hs, he, hw = toks[j - 1]
                return _NP(toks[0][0], he, self.text[toks[0][0] : he], hw, "noun")
            return None
        if not toks:
            return None
        i = 0
        start = toks[0][0]
        w0 = toks[0][2]
        lw0 = w0.lower()
        if lw0 in _SUBJ_PRONOUNS and lw0 not in ("it", "i", "we"):
            return _NP(toks[0][0], toks[0][1], w0, w0, "pronoun")
        if lw0 in _DETERMINERS or lw0 in _POSS_PRONOUNS:
            i = 1
        last = None
        while i < len(toks):
            if partial and i + 4 >= len(toks):
                return _MORE
            s, e, w = toks[i]
            if i > 0 and self.text[toks[i - 1][1]:s] not in (" ", "\u00a0"):
                break
            lw = w.lower()
            if lw in ("of", "for", "at") and i + 1 < len(toks) and last is not None:
                nxt = toks[i + 1][2]
                if _is_cap(nxt) or nxt.lower() == "the":
                    i += 1
                    if nxt.lower() == "the":
                        i += 1
                    continue
                break
            if self._np_ok_token(w) or (w.endswith(("’s", "'s")) and _is_cap(w)):
                last = i
                i += 1
                continue
            if lw in self.roles.document or _singular(lw) in self.roles.document:
                last = i
                i += 1
                break
            if not _is_cap(w) and lw not in _PREPS and w[0].isalnum():
                # "said retired neurosurgeon Ben Carson", "explained CBS moderator Nancy Cordes"
                j = i + 1
                early_caps = last is not None and any(_is_cap(t[2]) for t in toks[: i + 1])
                if early_caps and not (lw in self.roles.person or _singular(lw) in self.roles.person):
                    break
                while j < len(toks) and j <= i + 3 and toks[j][2][0].isalnum() and not _is_cap(toks[j][2]) and (
                    toks[j][2].lower() not in _PREPS
                ):
                    j += 1
                if (
                    j < len(toks)
                    and j <= i + 3
                    and _is_cap(toks[j][2])
                    and toks[j][2] not in _CAP_STOP
                    and all(self.text[toks[x - 1][1] : toks[x][0]] == " " for x in range(i + 1, j + 1))
                ):
                    i = j
                    continue
                # "a post-meeting statement", "an open letter": adjectives before the head
                hit = False
                for j in (i + 1, i + 2):
                    if j < len(toks) and (
                        toks[j][2].lower() in self.roles.document
                        or _singular(toks[j][2].lower()) in self.roles.document
                        or toks[j][2].lower() in self.roles.person
                    ):
                        last = j
                        i = j + 1
                        hit = True
                        break
                if hit:
                    continue
            break
        if i >= len(toks) - 2 and we < hi and width < 200:
            return self.np_after(p, hi, 200)
        if last is None:
            return None
        hs, he, hw = toks[last]
        kind = self._head_kind(hw)
        if kind is None:
            return None
        return _NP(start, he, self.text[start:he], hw, kind)

    def appositive_np(self, lo: int, comma: int) -> _NP | None:
        """``Name, a member of ..., said``: the name before an appositive ending at ``comma``."""
        best: _NP | None = None
        cur = comma
        for _depth in range(3):
            seg_lo = max(lo, cur - 220)
            prev = self.text.rfind(",", seg_lo, cur)
            if prev < 0:
                break
            app = self.text[prev + 1 : cur].strip()
            if best is None and _NAME_APP_RE.fullmatch(app) and self.np_before(lo, prev, generic=True) is not None:
                # "the assailant, John McGraw, told": the name in the appositive speaks
                a = prev + 1 + (len(self.text[prev + 1 : cur]) - len(self.text[prev + 1 : cur].lstrip()))
                return _NP(a, a + len(app), app, app.split()[-1], "name")
            if not self._appositive_like(app):
                break
            np = self.np_before(lo, prev)
            if np is None or np.kind not in ("name", "noun"):
                break
            np.title = self.text[prev + 1 : comma].strip()
            best = np
            # "John Dickey, the chief executive of Foo, a company in Ohio, said": go on left
            if self.text[max(lo, np.start - 2) : np.start].strip() != ",":
                break
            cur = prev
        return best

    def _appositive_like(self, app: str) -> bool:
        """``a member of ...``, ``who ...``, ``Mrs. Obama's chief of staff``, ``Democrat of Tennessee``,
        ``associate professor of history``: a description of the name before it."""
        if not app:
            return False
        words = app.split()
        first = words[0].lower()
        if (
            first in ("a", "an", "the", "who", "whose", "which", "now", "himself", "herself", "then", "also")
            or first.isdigit()
            or first.endswith(("’s", "'s", "s’", "s'"))
            or first in ("democrat", "republican", "independent")
            or _PARTY_RE.match(words[0])
        ):
            return True
        r = self.roles
        for w in words[:6]:
            lw = w.lower().strip(".,")
            if lw in r.person or _singular(lw) in r.person:
                return True
            if lw.endswith(("’s", "'s")) and len(words) > 1:
                continue
        return bool(first[:1].islower() and first not in _PREPS and first not in ("and", "but", "or", "however"))

    # -- speaker resolution ------------------------------------------------
    def recent_person(self, pos: int, gender: str | None, title_word: str | None = None) -> _Person | None:
        i = bisect.bisect_left(self.people_starts, pos) - 1
        steps = 0
        while i >= 0 and steps < 60:
            p = self.people[i]
            steps += 1
            i -= 1
            if gender in ("male", "female") and p.gender not in (None, gender):
                continue
            if title_word is not None:
                t = p.title
                if title_word not in t:
                    continue
                if title_word == "president" and "vice" in t and "vice" not in title_word:
                    continue
            return p
        return None

    def add_person(self, pos: int, name: str, gender: str | None, title: str, group: str, actor: str | None) -> None:
        person = _Person(pos, name, gender, title.lower(), group, actor)
        i = bisect.bisect_right(self.people_starts, pos)
        self.people.insert(i, person)
        self.people_starts.insert(i, pos)

    def group_of(self, words: str) -> str:
        cache = self.roles.group_cache
        hit = cache.get(words)
        if hit is None:
            if len(cache) >= 100_000:
                cache.clear()
            hit = cache[words] = self._group_of_uncached(words)
        return hit

    def _group_of_uncached(self, words: str) -> str:
        low = " " + words.lower().replace("’", "'") + " "
        for w, g in self.roles.multi:
            if " " + w + " " in low:
                return g
        best = "unknown"
        for tok in _LOWER_WORD_RE.findall(low):
            g = self.roles.group_words.get(tok) or self.roles.group_words.get(_singular(tok))
            if g:
                best = g
        return best

    def resolve(self, np: _NP) -> dict[str, Any]:
        """Speaker fields for a noun phrase."""
        out: dict[str, Any] = {
            "speaker": np.text,
            "speaker_span": (np.start, np.end),
            "speaker_name": None,
            "actor": None,
            "speaker_kind": "unknown",
            "speaker_title": np.title,
            "group": "unknown",
        }
        lw = np.text.lower()
        if np.kind == "pronoun":
            out["speaker_kind"] = "pronoun"
            g = _SUBJ_PRONOUNS.get(lw)
            if g in ("male", "female"):
                p = self.recent_person(np.start, g)
                if p is not None:
                    out.update(speaker_name=p.name, actor=p.actor, group=p.group)
            return out
        # catalog mentions inside the phrase
        i = bisect.bisect_left(self.mention_starts, np.start)
        ms = []
        while i < len(self.mentions) and self.mentions[i].start < np.end:
            ms.append(self.mentions[i])
            i += 1
        pick = None
        if ms:
            for pref in (("person",), ("media", "organization", "group")):
                cand = [m for m in ms if m.kind in pref]
                if cand:
                    pick = cand[-1]
                    break
            if pick is None:
                cand = [m for m in ms if m.kind == "country" and not m.attributive and m.end == np.end]
                if cand and np.kind == "name":
                    pick = cand[-1]
        first = lw.split(" ", 1)[0]
        if pick is not None:
            a = self.catalog.get(pick.actor)
            assert a is not None
            title = np.text[: pick.start - np.start].strip() or None
            out.update(
                speaker_name=a.name,
                actor=a.name,
                speaker_kind=a.kind if a.kind != "project" else "unknown",
                group=a.role,
            )
            if title and not out["speaker_title"]:
                out["speaker_title"] = title
            if a.kind == "person":
                self.add_person(np.start, a.name, a.gender, a.title or title or "", a.role, a.name)
            elif first in _POSS_PRONOUNS:
                pass
            return out
        if first in _POSS_PRONOUNS:
            # "his office": the office of the most recent person
            g = _POSS_PRONOUNS[first]
            p = self.recent_person(np.start, g if g in ("male", "female") else None)
            out["speaker_kind"] = "organization"
            if p is not None and g in ("male", "female"):
                out.update(speaker_name=p.name, actor=p.actor, group=p.group)
            else:
                out["group"] = self.group_of(np.text)
            return out
        hl = _singular(np.head.lower())
        if np.kind == "document":
            out["speaker_kind"] = "document"
            out["group"] = self.group_of(np.text)
            return out
        if np.kind == "noun" or not _is_cap(np.head):
            # description: "the president", "a spokesman", "officials"
            out["speaker_kind"] = "description" if hl in self.roles.person else "organization"
            out["group"] = self.group_of(np.text + " " + (np.title or ""))
            if first == "the" and hl in self.roles.person and not lw.endswith("s"):
                words = [w for w in lw.split() if w not in ("the", "former", "then")]
                title_word = " ".join(words[-2:]) if words[-2:-1] == ["vice"] else words[-1]
                p = self.recent_person(np.start, None, title_word)
                if p is not None:
                    out.update(speaker_name=p.name, actor=p.actor, group=p.group)
            return out
        # a name the catalog does not know: trailing capitalised words minus titles
        toks = np.text.replace("’s ", " ").split()
        name_toks: list[str] = []
        for t in reversed(toks):  # (split: no empty token)
            if not t[0].isupper() or t in _TITLE_WORDS or t.rstrip(".") in _TITLE_WORDS:
                break
            name_toks.append(t)
        name_toks.reverse()
        last_low = name_toks[-1].lower() if name_toks else None
        is_org = hl in self.roles.organization or (
            last_low is not None and (last_low in self.roles.organization or last_low in self.roles.media)
        )
        name = " ".join(name_toks)
        title = np.text[: len(np.text) - len(name)].strip() if name_toks else np.text
        group = self.group_of((title or "") + " " + (np.title or "") + (" " + np.text if is_org else ""))
        if not name_toks:
            out.update(speaker_kind="description", group=group)
            return out
        if title.lower() in ("the", "a", "an", ""):
            title = ""
        if is_org or len(name_toks) >= 4:
            out.update(speaker_name=name, speaker_kind="organization", group=group)
            if any(t.lower() in self.roles.media for t in name_toks[-1:]):
                out["speaker_kind"] = "media"
                out["group"] = "media"
            return out
        surname = name_toks[-1]
        if len(name_toks) >= 2:
            self.surnames[surname] = name
            full = name
        else:
            full = self.surnames.get(surname, name)
        gender = None
        tl = title.lower()
        if tl.startswith(("mr", "sir", "king", "prince")):
            gender = "male"
        elif tl.startswith(("mrs", "ms", "miss", "queen", "lady")):
            gender = "female"
        if group == "unknown":
            # a surname seen before with a title: the group of the last such person
            seen = [p.group for p in self.people[-20:] if p.name == full and p.group != "unknown"]
            if seen:
                group = seen[-1]
        out.update(speaker_name=full, speaker_kind="person", group=group)
        if title and not out["speaker_title"]:
            out["speaker_title"] = title
        self.add_person(np.start, full, gender, title + " " + (np.title or ""), group, None)
        return out

    # -- cues ----------------------------------------------------------------
    def _verb_matches(self) -> Iterable[re.Match[str]]:
        """The matches of the speech-verb regex in the text: those of ``regex.finditer``.

        Without scanning every position: a match starts where the character before is
        not a word character, ``'``, ``’`` or ``-``, with the first word of a form
        (:attr:`SpeechVerbs.first_words`), which ends before a space or a character that
        is neither a word character nor ``'``, ``’``, ``-``. So it starts at a word token
        (``Doc.token_offsets``) equal to a first word, or at the start of a token holding a
        period between letters or digits (``said.The``) or right after such a period
        (``U.S.said``). The regex is matched at each of these candidates in text order
        (skipping those inside the previous match, as ``finditer`` does). The word tokens
        read are those whose :func:`_word_keys` key is that of a first word (the others
        cannot be one), and the candidates after periods those at a lower-case ASCII letter
        (every form starts with one).

        Without beliefs, the candidates leave out the words that only start one-word belief
        forms (:attr:`SpeechVerbs.speech_first_words`): their matches, which
        :meth:`find_cues` drops, may be missing (a match of such a form spans its word
        alone, where no other candidate lies, so the other matches are the same).
        """
        regex = self.verbs.regex
        verbs = self.verbs
        first = verbs.first_words if self.beliefs else verbs.speech_first_words
        keys = verbs.first_keys if self.beliefs else verbs.speech_first_keys
        text = self.text
        if first is None or keys is None:
            return regex.finditer(text)
        s_arr, e_arr = self.doc.token_bounds
        if _c is not None:
            # the same candidates and matches, found in one C loop over the tokens
            return _c.verb_matches(text, s_arr, e_arr, keys, first, regex.match)
        # the tokens whose hash key is that of a first word (under a tenth of them), then their words
        hit = np.flatnonzero(keys[_word_keys(_ascii_codes(text), s_arr, e_arr)])
        cands = [a for a, e in zip(s_arr[hit].tolist(), e_arr[hit].tolist()) if text[a:e] in first]
        dots = [m.end() for m in _INNER_PERIOD_RE.finditer(text) if m.start() and text[m.start() - 1].isalnum()]
        if dots:
            starts = self.doc.token_offsets[0]
            extra = dots[:]
            for d in dots:
                t = bisect.bisect_left(starts, d) - 1  # the token holding the period
                if t >= 0:
                    extra.append(starts[t])
            # every form starts with a lower-case ASCII letter: no match starts at another character
            extra = [a for a in extra if "a" <= text[a] <= "z"]
            if extra:
                cands = sorted(set(cands).union(extra))
        out = []
        last = 0
        match = regex.match
        for a in cands:
            if a >= last:
                m = match(text, a)
                if m is not None:
                    out.append(m)
                    last = m.end()
        return out

    def find_cues(self) -> list[_Cue]:
        out = []
        text = self.text
        forms = self.verbs.forms
        beliefs = self.beliefs
        top_starts = self.top_starts
        tops = self.tops
        sent_starts = self.sent_starts
        bisect_right = bisect.bisect_right
        verbs = self.verbs
        first = verbs.first_words if beliefs else verbs.speech_first_words
        keys = verbs.first_keys if beliefs else verbs.speech_first_keys
        compiled = _c is not None and first is not None and keys is not None
        if compiled:
            # the same cues: the matches of _verb_matches and the tests of the loop below, in C
            s_arr, e_arr = self.doc.token_bounds
            out = _c.verb_cues(
                text, s_arr, e_arr, keys, first, verbs.regex.match, forms, beliefs,
                top_starts, tops, sent_starts, _PUNCT_ONLY_LEMMAS, _Cue,
            )
        for m in () if compiled else self._verb_matches():
            a = m.start()
            i = bisect_right(top_starts, a) - 1
            if i >= 0 and tops[i].end > a:
                continue  # inside a quotation
            w = m.group()
            lemma, cls = forms[w]
            if cls == "belief" and not beliefs:
                continue
            if lemma in _PUNCT_ONLY_LEMMAS and text[m.end() : m.end() + 1] not in (",", ".", ":", ";", ""):
                continue  # "he continued, “...”" but not "the war continued"
            # "to say", "the report": a preceding "to" or determiner means it is not a finite verb
            if a >= 3 and text[a - 3 : a].lower() == "to " and (a == 3 or text[a - 4] in " \n"):
                continue
            out.append(_Cue(a, m.end(), w, lemma, cls, max(0, bisect_right(sent_starts, a) - 1)))
        # "according to": found with str.find (a regex scan of the whole text costs as much
        # as the verb scan), each hit checked with the word-boundary regex
        i = text.find("ccording to", 1)
        while i > 0:
            a = i - 1
            m = _ACCORDING_RE.match(text, a)
            if m is not None and self.top_at(a) is None:
                out.append(_Cue(a, m.end(), m.group(0), "according to", "according_to", self.sent_of(a)))
            i = text.find("ccording to", i + 11)
        out.sort(key=lambda c: c.start)
        return out

    # -- main ----------------------------------------------------------------
    def run(self) -> list[Quote]:
        cues = self.find_cues()
        by_sent: dict[int, list[_Cue]] = {}
        for c in cues:
            by_sent.setdefault(c.sent, []).append(c)
        for si in sorted(by_sent):
            self.sentence(si, by_sent[si])
        self.unattached()
        self.records.sort(key=lambda r: (r.content_span[0], r.content_span[1]))
        return self.records

    def sentence(self, si: int, cues: list[_Cue]) -> None:
        sent = self.doc.sentences[si]
        ss, se = sent.start, sent.end
        # pass 1: speaker for each cue
        found: list[tuple[_Cue, _NP | None, str]] = []  # (cue, np, where: before|after|by|subject)
        for c in cues:
            np, where = self.find_speaker(c, ss, se, found)
            if np is None:
                continue
            found.append((c, np, where))
        # a main clause absorbed by its participle ("Aliyev welcomed the deal, stating that ...")
        drop: set[int] = set()
        for k, (c, np, where) in enumerate(found):
            if where == "subject" and k > 0:
                c0, np0, _w0 = found[k - 1]
                pre0 = self.text[ss : np0.start].strip() if np0 is not None else ""
                if np0 is np and _n_words(self.text, 7, c0.end, c.start) <= 6 and not (
                    pre0 and pre0[-1] in _DASHES + "”\"’'»"
                ):
                    drop.add(k - 1)
        # pass 2: content for each
        if not found:
            return
        text = self.text
        qprev = self._quote_before_sentence(ss)
        for k, (c, np, where) in enumerate(found):
            if k in drop:
                continue
            nxt_start = se
            for c2, np2, w2 in found[k + 1 :]:
                b = c2.start if w2 in ("subject", "after", "by") or np2 is None else min(c2.start, np2.start)
                if b > c.end:
                    between = text[c.end : b]
                    if w2 in ("subject", "after", "by") or _CLAUSE_BREAK_RE.search(between):
                        nxt_start = b
                        break
            self.attribute(c, np, where, ss, se, nxt_start, si, qprev)

    def find_speaker(
        self, c: _Cue, ss: int, se: int, found: list[tuple[_Cue, _NP | None, str]]
    ) -> tuple[_NP | None, str]:
        text = self.text
        if c.cls == "according_to":
            np = self.np_after(c.end, se)
            return np, "after"
        # passive: "reported by X", "published by X"
        if c.text.endswith("ed") and text.startswith(" by ", c.end):
            np = self.np_after(c.end + 4, se)
            if np is not None:
                return np, "by"
        # a determiner + lower-case noun ("another child") speaks only before a verb that cannot
        # be a plural noun ("the early states", "the latest reports") and when a quote follows
        # (``np_before`` with ``generic`` answers as without it where that finds a phrase: the
        # generic reading is tried only where the plain one finds none)
        np = self.np_before(ss, c.start)
        if np is None and c.cls in ("speech", "writing") and not c.text.endswith("s") and self._quote_opens_at(c.end, se):
            np = self.np_before(ss, c.start, generic=True)
        if np is not None and np.kind == "document":
            # "X sent an open letter urging": the sender is the speaker
            before = self.tokens(max(ss, np.start - 60), np.start)
            for t in reversed(before[-4:]):
                if t[2].lower() in _INTRO_VERBS:
                    np2 = self.np_before(ss, t[0])
                    if np2 is not None and np2.kind != "document":
                        return np2, "before"
                    break
        if np is not None:
            if self._bad_verb_use(c, np):
                return None, ""
            # a head directly followed by the cue
            return np, "before"
        # punctuation right before the cue: appositive, inverted order or a participle
        pre = text[ss : c.start].rstrip()
        if pre.endswith(","):
            app = self.appositive_np(ss, ss + len(pre) - 1)
            if app is not None:
                return app, "before"
        pre_char = pre[-1:]
        # inverted order ("..., said Aliyev"): only at the sentence start or after punctuation
        # (np_after has no side effects, so it is read only when its answer can be used)
        if (not pre or pre_char in ",”\"’'—–-:(") and c.cls != "belief":
            inv = self.np_after(c.end, se, generic=pre_char in ",”\"’'" if pre else False)
            if inv is not None and (c.lemma not in _TELL_LEMMAS or inv.kind == "pronoun"):
                m = _TRAILING_APPOSITIVE_RE.match(text, inv.end, se)
                if m:
                    inv.title = m.group(1)
                return inv, "after"
        if pre_char == "," and c.text.endswith("ing"):
            # participle: "..., noting that", "..., adding": the speaker of the clause
            for c0, np0, _w in reversed(found):
                if np0 is not None and c0.start < c.start:
                    return np0, "subject"
            subj = self.subject(ss, c.start)
            if subj is not None:
                return subj, "subject"
        return None, ""

    def _quote_opens_at(self, k: int, hi: int) -> bool:
        """Whether an unclaimed quotation opens at ``k`` (after ``,``/``:``/spaces) or
        later before ``hi``."""
        text = self.text
        while k < hi and text[k] in " ,:\u00a0":
            k += 1
        # a quote opening at k, or a quoted phrase later in the clause: “the narrator says the
        # plan is “a disaster””: any unclaimed quote starting in [k, hi)
        tops, used = self.tops, self.used
        i = bisect.bisect_left(self.top_starts, k)
        while i < len(tops) and tops[i].start < hi:
            if i not in used:
                return True
            i += 1
        return False

    def _bad_verb_use(self, c: _Cue, np: _NP) -> bool:
        """Agreement and voice checks: ``the state news agency`` (bare form after a singular
        noun) and ``the agreement was proposed`` (passive) are not attributions."""
        aux = np.aux
        if aux and not _BE.isdisjoint(aux) and c.text.endswith(("ed", "en", "wn", "ld", "id", "ht")) and c.cls != "belief":
            return True
        if c.text == c.lemma.split(" ")[0] or c.text == c.lemma:
            if aux and not _MODALS.isdisjoint(aux):
                return False
            if np.kind == "pronoun":
                return np.head.lower() in ("he", "she", "it")
            head = np.head.lower()
            plural = head.endswith("s") and not head.endswith("ss") or head in ("people", "police", "staff")
            return not plural
        return False

    def subject(self, ss: int, limit: int) -> _NP | None:
        """The subject of the sentence starting at ``ss``: the first noun phrase after an intro."""
        e = min(limit, ss + 200)
        # most sentences open with their subject: then the first token is all that is read
        head, _ = self._tokens_head(ss, e, 1) if e > ss else ([], False)
        if head and (head[0][2] not in _CAP_STOP or head[0][2] in ("He", "She", "They", "It", "We", "I")):
            return self.np_after(head[0][0], limit)
        toks = self.tokens(ss, e)
        if not toks:
            return None
        i = 0
        if toks[0][2] in _CAP_STOP and toks[0][2] not in ("He", "She", "They", "It", "We", "I"):
            # skip an introductory phrase up to its comma
            j = next((k for k, t in enumerate(toks) if t[2] == ","), None)
            if j is None:
                return None
            i = j + 1
        if i >= len(toks):
            return None
        return self.np_after(toks[i][0], limit)

    # -- content -------------------------------------------------------------
    def _skip_adverbials(self, k: int, hi: int) -> int:
        """Skip time phrases and ``in a statement`` after a cue."""
        # a match opens with one of a few words: read the word first (letters that are not
        # ASCII may match ASCII ones when the case is ignored: then the regex decides)
        if _c is not None:
            # the same test and match, the first word read in C
            return _c.skip_adverbials(self.text, k, hi, _ADVERBIAL_FIRST, _ADVERBIAL_RE.match)
        w = _FIRST_WORD_RE.match(self.text, k, hi)
        if w is None or (w.group(1).isascii() and w.group(1).lower() not in _ADVERBIAL_FIRST):
            return k
        m = _ADVERBIAL_RE.match(self.text, k, hi)
        return m.end() if m else k

    def _quote_before_sentence(self, ss: int) -> int | None:
        """An unclaimed quote ending right before ``ss`` in the same paragraph
        (``“Is it a priority?” O’Malley said.``: the segmenter splits after ``?”``)."""
        text = self.text
        j = ss
        while j > 0 and text[j - 1] in " \t\u00a0":
            j -= 1
        if j == 0 or text[j - 1] not in "”\"’'»":
            return None
        qi = self.top_at(j - 1)
        if qi is None or qi in self.used or self.tops[qi].end != j:
            return None
        if self.par_of(self.tops[qi].end - 1) != self.par_of(ss):
            return None
        return qi

    def attribute(
        self, c: _Cue, np: _NP, where: str, ss: int, se: int, nxt: int, si: int, qprev: int | None = None
    ) -> None:
        text = self.text
        if qprev is not None and qprev not in self.used and not text[ss : min(np.start, c.start)].strip():
            # the cue sentence opens with its speaker or cue: “...?” X said (at ...). / said X.
            k0 = max(c.end, np.end if where in ("after", "by") else c.end)
            if c.lemma in _TELL_LEMMAS and where == "before":
                k0 = self._skip_object(k0, se)
            k0 = self._skip_adverbials(k0, se)
            rest0 = text[k0:nxt].strip()
            if rest0[:1] in (",", ".", "") or (
                _n_words(rest0, 6) <= 5 and not rest0.lower().startswith(("that", "“", '"'))
            ):
                ss = self.tops[qprev].start
        # where does the content lie?
        content_spans: list[tuple[int, int]] = []
        quoted: list[int] = []
        kind = "indirect"
        block = False
        spk_lo = np.start if where in ("before", "subject") else c.start
        spk_hi = np.end if where in ("after", "by") else c.end
        if where == "subject":
            spk_lo = c.start
        pre = text[ss:spk_lo].rstrip()
        pre_char = pre[-1:] if pre else ""
        # words after the cue (and after the speaker, in inverted order)
        k = max(c.end, spk_hi)
        if c.lemma in _TELL_LEMMAS and where == "before":
            k = self._skip_object(k, se)
        k = self._skip_adverbials(k, se)
        if where == "before" and pre_char and pre_char in ",”\"’':":
            rest = text[k:nxt].strip()
            rest_words = _n_words(rest, 4)  # only 0, <= 3 and > 3 matter
        else:
            rest, rest_words = "", 0  # (read only after a speaker before the cue and such a mark)
        content_before = False
        # "Intro, X said, “...”": a quote opening right after the cue is the content (read only
        # in inverted order and after a speaker before the cue and a comma or quotation mark)
        quote_follows = False
        if where in ("after", "by") or (pre_char and pre_char in ",”\"’'"):
            j = k
            while j < nxt and text[j] in " ,:\u00a0":
                j += 1
            qa = self.top_starting.get(j) if j < nxt else None
            quote_follows = qa is not None and qa not in self.used
        if c.cls == "according_to":
            lead = text[ss : c.start].strip(" ,—–-\n")
            if _n_words(lead, 2) <= 1:
                # "According to X, CONTENT"
                k2 = text.find(",", np.end, se)
                k = k2 + 1 if k2 >= 0 else np.end
            else:
                content_before = True
        elif where == "before" and pre_char and pre_char in _DASHES and len(pre) <= 2:
            block = True
        elif pre_char and pre_char in "”\"’'»" and self.top_at(ss + len(pre) - 1) is not None and not (
            text[k : k + 12].lstrip(" ,:").startswith(("that ", "“", '"', "''"))
        ):
            # “...,” Renzi said after the meeting.
            content_before = True
        elif (
            where == "by"
            and _n_words(text, 5, ss, c.start) <= 4
            and text[ss : ss + 3].lower() in ("in ", "on ", "at ")
            and text.find(",", spk_hi, se) >= 0
        ):
            # "In an article published by Euronews, CONTENT"
            k = text.find(",", spk_hi, se) + 1
        elif (where in ("after", "by") and not (quote_follows and pre_char not in "”\"’'»")) or (
            where == "before" and pre_char and pre_char in ",”\"’':" and not rest_words
        ):
            content_before = True
        elif (
            where == "before"
            and pre_char
            and pre_char in ",”\"’'"
            and rest_words
            and text[k : k + 1] in (",", ".")
            and not (quote_follows and pre_char == ",")
        ):
            content_before = True
        elif (
            where == "before"
            and pre_char == ","
            and not quote_follows
            and not rest.startswith(("that", "“", '"'))
            and rest_words <= 3
            and text[ss : ss + 3].lower() not in ("in ", "on ", "at ", "by ", "for")
        ):
            content_before = True
        as_clause = False
        # (``pre`` is ``text[ss:spk_lo]`` right-stripped; the test reads its last three characters)
        if where == "before" and _ends_with_as(pre[-3:].lower()) and (
            _n_words(text[k : text.find(",", k, se) if text.find(",", k, se) >= 0 else se], 3) <= 2
        ):
            as_clause = True
            if _n_words(text[ss:spk_lo], 2) <= 1:
                # "As X has stated, CONTENT"
                k2 = text.find(",", c.end, se)
                if k2 >= 0:
                    k = k2 + 1
                content_before = False
            else:
                content_before = True
        if block:
            spans = self._block_before(ss)
            if not spans:
                return
            content_spans = spans
            kind = "block"
        elif content_before:
            end = spk_lo if where in ("before", "subject") else c.start
            if c.cls == "according_to" or as_clause:
                end = c.start
                if as_clause:
                    end = text.rfind(" as", ss, spk_lo) if text.rfind(" as", ss, spk_lo) >= 0 else spk_lo
            s = self._clause_start(ss, end)
            e = end
            while e > s and text[e - 1] in " ,—–-:;\n":
                e -= 1
            qi = self.top_at(max(s, e - 1))
            if qi is not None and self.tops[qi].end >= e - 1 and qi not in self.used and self._not_speech(qi):
                self._emit_not_speech(qi)
                return
            if qi is not None and self.tops[qi].end >= e - 1 and qi not in self.used:
                q = self.tops[qi]
                content_spans = [(q.start, q.end)]
                quoted = [qi]
                # the same quote may have started earlier ("“A. B,” he said")
                # split quote: “A,” he said, “B.”
                after_q = self._next_quote_after(k if where != "by" else spk_hi, se)
                if after_q is not None:
                    content_spans.append((self.tops[after_q].start, self.tops[after_q].end))
                    quoted.append(after_q)
            elif self.tops_in(s, e) and c.cls != "according_to":
                # quotes inside the content before the cue: ''A'' of the plan, X said.
                quoted = [j for j in self.tops_in(s, e) if j not in self.used]
                speechy = [j for j in quoted if not self._not_speech(j, in_content=True)]
                for j in quoted:
                    if j not in speechy:
                        self._emit_not_speech(j)
                quoted = speechy
                if quoted:
                    content_spans = [(self.tops[j].start, self.tops[j].end) for j in quoted]
                    kind = "partial"
                else:
                    content_spans = [(s, e)]
            else:
                lead = text[s:e].strip().lower()
                if (e - s < 3 or lead.split(" ", 1)[0] in ("this", "it", "that")) and len(lead.split()) <= 3:
                    if c.cls in ("report", "writing") or where == "by" or lead:
                        s, e = self._previous_sentence(si)
                if e - s < 3:
                    return
                content_spans = [(s, e)]
        else:
            # content after the cue
            while k < nxt and text[k] in " ,:;\n\u00a0":
                k += 1
            colon = text[max(ss, k - 3) : k].rstrip().endswith(":")
            qi = self.top_starting.get(k)
            if qi is not None and qi not in self.used and self._not_speech(qi):
                self._emit_not_speech(qi)
                qi = None
            if qi is not None and qi not in self.used:
                q = self.tops[qi]
                content_spans = [(q.start, q.end)]
                quoted = [qi]
                introduced = text[c.end : k].strip(" \u00a0") in (",", ":") or text[k - 2 : k].strip() in (",", ":")
                a_, b_ = q.inner
                inner = text[a_:b_].strip()
                if not introduced and not (inner[:1].isupper() and inner[-1:] in ".!?,"):
                    kind = "partial"
                # more quotes after: "He said: “A.” “B.”" within the sentence/paragraph
                if colon:
                    nq = self._following_quote_pars(q.end)
                    for j in nq:
                        content_spans.append((self.tops[j].start, self.tops[j].end))
                        quoted.append(j)
            elif k >= se - 1 and (colon or text[ss:se].rstrip().endswith(":")):
                # "The New York Times reports:" + quoted paragraph(s)
                nq = self._following_quote_pars(se)
                if nq:
                    for j in nq:
                        content_spans.append((self.tops[j].start, self.tops[j].end))
                        quoted.append(j)
                else:
                    return
            else:
                e = nxt
                while e > k and text[e - 1] in " ,.;:—–-!?\n\u00a0":
                    e -= 1
                # (PolNeAR content often includes "that": it is kept)
                if e - k < 2:
                    return
                content_spans = [(k, e)]
                # quotes inside the paraphrase
                for j in self.tops_in(k, e):
                    if j in self.used:
                        continue
                    quoted.append(j)
                if quoted:
                    # (the letters of all the quotes found, before those that are not speech leave)
                    qspans = [(self.tops[j].start, self.tops[j].end) for j in quoted]
                    speechy = [j for j in quoted if not self._not_speech(j, in_content=True)]
                    for j in quoted:
                        if j not in speechy:
                            self._emit_not_speech(j)
                    if speechy:
                        letters = _n_alnum(text[k:e])
                        qletters = sum(_n_alnum(text[a : min(b, e)]) for a, b in qspans)
                        content_spans = [(self.tops[j].start, self.tops[j].end) for j in speechy]
                        # a quote that runs past the sentence (several sentences) keeps its end
                        kind = "direct" if letters and qletters >= 0.9 * letters else "partial"
                    quoted = speechy
        if quoted and kind == "indirect":
            kind = "direct"
        if not content_spans:
            return
        for j in quoted:
            self.used.add(j)
        fields = self.resolve(np)
        media = bool(
            fields["speaker_kind"] == "media"
            or (c.cls == "report" and fields["group"] == "media")
            or (fields["group"] == "media" and fields["speaker_kind"] in ("organization",))
        )
        if c.cls == "according_to" and kind == "indirect":
            kind = "according_to"
        if media and kind in ("indirect", "according_to"):
            kind = "reported"
        conf = _KIND_CONFIDENCE[kind]
        if c.cls == "belief":
            conf = 0.4
        if fields["speaker_kind"] == "pronoun" and fields["speaker_name"] is None:
            conf = round(conf - 0.1, 2)  # (the other values have two decimals: round keeps them)
        content_spans.sort()
        cover = (content_spans[0][0], content_spans[-1][1])
        if len(content_spans) == 1:
            content = text[content_spans[0][0] : content_spans[0][1]]
        else:
            content = " … ".join([text[a:b] for a, b in content_spans])
        cue_text = c.text if not block else text[ss:spk_lo].strip() + " " + c.text
        self.records.append(
            Quote(
                content=content,
                content_span=cover,
                content_spans=content_spans,
                kind=kind,
                cue=cue_text,
                cue_span=(c.start, c.end),
                cue_class=c.cls,
                media=media,
                confidence=conf,
                sentence=si,
                **fields,
            )
        )

    def _skip_object(self, k: int, hi: int) -> int:
        """Skip the addressee after ``told`` (``told reporters``, ``told the AP``, ``told Aliyev``)."""
        m = _WORD_RE.match(self.text, k + (len(self.text[k:hi]) - len(self.text[k:hi].lstrip())))
        if not m:
            return k
        w = m.group(0)
        if w.lower() in _OBJECT_PRONOUNS:
            return m.end()
        np = self.np_after(m.start(), hi)
        if np is not None and np.kind in ("name", "noun"):
            return np.end
        return k

    def _clause_start(self, ss: int, end: int) -> int:
        """Start of the content before a cue: the sentence start, or the start of the quote
        that ends there (which may open in an earlier sentence)."""
        e = end
        while e > ss and self.text[e - 1] in " ,—–-:;\n":
            e -= 1
        qi = self.top_at(max(ss, e - 1))
        if qi is not None:
            return min(ss, self.tops[qi].start)
        return ss

    def _next_quote_after(self, k: int, se: int) -> int | None:
        text = self.text
        j = k
        # skip ", " or ": " (and a short trailing phrase is not allowed)
        while j < len(text) and j < se + 2 and text[j] in " ,:;\u00a0":
            j += 1
        qi = self.top_starting.get(j)
        if qi is not None and qi not in self.used:
            return qi
        return None

    def _following_quote_pars(self, pos: int) -> list[int]:
        """Quotes that open the paragraphs after ``pos`` (consecutive), for ``X said:``."""
        out = []
        pi = self.par_of(pos)
        paras = self.doc.paragraphs
        j = pi + 1 if paras and paras[pi].end <= pos + 1 else pi + 1
        while j < len(paras) and len(out) < 20:
            p = paras[j]
            qi = self.top_starting.get(p.start)
            if qi is None or qi in self.used:
                break
            q = self.tops[qi]
            letters = _n_alnum(self.text[p.start : p.end])
            qletters = _n_alnum(self.text[q.start : min(q.end, p.end)])
            if letters and qletters < 0.7 * letters:
                break
            out.append(qi)
            # a quote spanning several paragraphs covers them
            j = self.par_of(q.end - 1) + 1
        return out

    def _colon_speaker(self, pos: int) -> dict[str, Any] | None:
        """Speaker fields of a quote right after ``Name:`` (the name ends the clause)."""
        text = self.text
        j = pos
        while j > 0 and text[j - 1] in " \t\n\u00a0":
            j -= 1
        if j == 0 or text[j - 1] != ":":
            return None
        colon = j - 1
        ss = self.doc.sentences[self.sent_of(colon)].start if self.doc.sentences else 0
        np = self.np_before(ss, colon)
        if np is not None and np.kind == "name":
            # "Continued Stone:", "Said Trump:": the verb is not part of the name
            first, _, rest = np.text.partition(" ")
            if rest and first.lower() in self.verbs.forms:
                a = np.start + len(first) + 1
                np = _NP(a, np.end, rest, np.head, np.kind)
        if np is None or np.kind not in ("name", "pronoun"):
            subj = self.subject(ss, colon)
            np = subj if subj is not None and subj.kind in ("name", "pronoun") else None
        if np is None:
            return None
        fields = self.resolve(np)
        if fields["speaker_kind"] in ("person", "organization", "media", "pronoun") and (
            fields["speaker_name"] or np.kind != "pronoun"
        ):
            return fields
        return None

    def _context_speaker(self, si: int, pi: int) -> dict[str, Any] | None:
        """The named person who is the subject of the sentence before ``si`` (same or previous
        paragraph): the speaker of a quote given without attribution right after."""
        if si <= 0:
            return None
        prev = self.doc.sentences[si - 1]
        if prev.position == "headline" or self.par_of(prev.start) < pi - 1:
            return None
        if self.tops_in(prev.start, prev.end):
            return None
        subj = self.subject(prev.start, prev.end)
        if subj is None or subj.kind not in ("name", "pronoun"):
            return None
        fields = self.resolve(subj)
        if fields["speaker_kind"] == "person" or (fields["speaker_kind"] == "pronoun" and fields["speaker_name"]):
            return fields
        return None

    def _block_before(self, ss: int) -> list[tuple[int, int]]:
        """The paragraph before a ``— Name said`` line: a block quote."""
        pi = self.par_of(ss)
        if pi == 0:
            return []
        p = self.doc.paragraphs[pi - 1]
        qi = self.top_at(p.start)
        if qi is not None and qi not in self.used:
            self.used.add(qi)
            q = self.tops[qi]
            return [(q.start, q.end)]
        if p.end - p.start < 2:
            return []
        return [(p.start, p.end)]

    def _previous_sentence(self, si: int) -> tuple[int, int]:
        if si <= 0:
            return (0, 0)
        s = self.doc.sentences[si - 1]
        e = s.end
        while e > s.start and self.text[e - 1] in " .!?":
            e -= 1
        return (s.start, e)

    # -- quoted strings that are not speech ------------------------------------
    def _not_speech(self, qi: int, in_content: bool = False) -> bool:
        """Title or scare quote: short, name-like, after a determiner.

        Inside the content of an attribution (``in_content``) a quoted string is
        the speaker's wording (``Gingrich dismissed Estonia as being in the “suburbs
        of St. Petersburg”``, ``Trump called her “Miss Piggy”``) unless a title cue
        (``titled``, ``dubbed``) precedes it or it is the name of a thing (three
        capitalised words or more): PolNeAR counts such strings as quoted parts of
        the attribution (Newell et al. 2018).
        """
        q = self.tops[qi]
        if in_content:
            prev = self.text[max(0, q.start - 20) : q.start].split()
            if prev and prev[-1].lower() in _TITLE_CUES:
                return True
            prevw = prev[-1].lower() if prev else ""
            # names of things (three capitalised words or more) stay titles: the “Trump
            # International Peace and Prosperity Route” project; nicknames (“Miss Piggy”) do not
            inner, words = self.quote_words_head(qi)
            if inner[-1:] in ".!?":
                return False
            if prevw in ("the", "its", "their", "his", "her") and 0 < len(words) <= 3 and inner.islower():
                return True  # the “helmet of memory”: the name of a thing
            if len(words) >= _HEAD_WORDS:
                words = self.quote_words(qi)[1]  # (the head of a long quote: read all of it)
            content = [w for w in words if w.lower() not in _SMALL]
            return len(content) >= 3 and _title_case(words)
        cached = self._qwords.get(qi)
        if cached is None:
            # no words, or more than 8: counted without listing them
            a, b = self.tops[qi].inner
            if not 0 < _n_words_only(self.text[a:b], 9) <= 8:
                return False
        inner, words = self.quote_words(qi) if cached is None else cached
        if not words or len(words) > 8:
            return False
        ends_punct = inner[-1:] in ".!?"
        prev = self.text[max(0, q.start - 20) : q.start].split()
        prevw = prev[-1].lower() if prev else ""
        titled = _title_case(words)
        if titled and len(words) >= 2 and not ends_punct:
            return True
        if prevw in ("the", "its", "their", "so-called", "dubbed", "named", "titled", "entitled", "his", "her") and len(words) <= 4 and not ends_punct:
            return True
        return False

    def _emit_not_speech(self, qi: int) -> None:
        if qi in self.used:
            return
        self.used.add(qi)
        q = self.tops[qi]
        words = self.quote_words(qi)[1]
        kind = "title" if _title_case(words) else "scare"
        self.records.append(
            Quote(
                content=self.text[q.start : q.end],
                content_span=(q.start, q.end),
                content_spans=[(q.start, q.end)],
                kind=kind,
                confidence=0.6,
                sentence=self.sent_of(q.start),
            )
        )

    def _attributed_phrase(self, qi: int, words: list[str], sent: Any) -> bool:
        """A short quoted phrase in a sentence whose subject is a speaker (``Trump called her
        a “con artist”``) is a partial quote of that speaker; the record is added here."""
        q = self.tops[qi]
        prevw = self.text[max(0, q.start - 12) : q.start].split()[-1:]
        prevw = prevw[0].lower() if prevw else ""
        if sent is None or sent.position == "headline" or prevw in ("so-called", "dubbed", "named", "titled"):
            return False
        if len(words) == 1 and words[0].lower().endswith("ly"):
            return False
        if prevw in ("the", "its", "their") and len(words) <= 3:
            return False
        subj = self.subject(sent.start, q.start)
        if subj is None or subj.kind not in ("name", "pronoun", "noun"):
            return False
        if subj.kind == "name" and subj.end > q.start:
            return False
        fields = self.resolve(subj)
        if fields["speaker_kind"] in ("country", "unknown") and subj.kind != "pronoun" and fields["actor"] is None:
            return False
        self.used.add(qi)
        self.records.append(
            Quote(
                content=self.text[q.start : q.end],
                content_span=(q.start, q.end),
                content_spans=[(q.start, q.end)],
                kind="partial",
                confidence=0.4,
                cue_class="none",
                sentence=sent.index,
                **fields,
            )
        )
        return True

    def unattached(self) -> None:
        """Quotes no cue claimed: continuation of the previous speaker, titles, scare quotes."""
        text = self.text
        direct_recs = sorted(
            (r for r in self.records if r.kind in DIRECT_KINDS and r.speaker), key=lambda r: r.content_span[1]
        )
        direct_ends = [r.content_span[1] for r in direct_recs]
        for qi, q in enumerate(self.tops):
            if qi in self.used:
                continue
            # all the words, or the first 15 of a longer quote: a sentence (``len(words) >= 10``)
            # that is not a title (``len(words) <= 12``), where the words are read no further
            inner, words = self.quote_words_head(qi)
            if not words:
                continue
            si = self.sent_of(q.start)
            sent = self.doc.sentences[si] if self.doc.sentences else None
            sentence_like = (
                len(words) >= 5 and (inner[-1:] in ".!?,…" or (q.close is None) or len(words) >= 10)
            ) or (
                # a short sentence of its own: “It's a home run.”, “Go back to Univision,”
                len(words) >= 2
                and inner[:1].isupper()
                and inner[-1:] in ".!?,"
                and not _title_case(words)
                and (text[q.start - 2 : q.start].strip() in ("", ".", ":") or text[q.start - 1] == "\n")
            )
            pi = self.par_of(q.start)
            par = self.doc.paragraphs[pi] if self.doc.paragraphs else None
            at_par_start = par is not None and q.start == par.start
            if sentence_like and len(words) <= 12 and inner[-1:] not in ".!?" and _title_case(words):
                sentence_like = False  # “How the Grinch Stole Christmas,”: a title
            if not sentence_like:
                kind = "title" if _title_case(words) else "scare"
                if kind == "scare" and self._attributed_phrase(qi, words, sent):
                    continue
                self.records.append(
                    Quote(
                        content=text[q.start : q.end],
                        content_span=(q.start, q.end),
                        content_spans=[(q.start, q.end)],
                        kind=kind,
                        confidence=0.5,
                        sentence=si,
                    )
                )
                continue
            # “...” ― Krystal Correa: a dash and a name right after the quote
            m = _DASH_AFTER_RE.match(text, q.end)
            if m:
                np = self.np_after(m.end(), min(len(text), m.end() + 120))
                if np is not None and np.kind in ("name", "noun"):
                    self.used.add(qi)
                    self.records.append(
                        Quote(
                            content=text[q.start : q.end],
                            content_span=(q.start, q.end),
                            content_spans=[(q.start, q.end)],
                            kind="block" if at_par_start else "direct",
                            cue=m.group(0).strip(),
                            cue_span=(m.start() + len(m.group(0)) - len(m.group(0).lstrip()), m.end()),
                            cue_class="speech",
                            confidence=0.7,
                            sentence=si,
                            **self.resolve(np),
                        )
                    )
                    continue
            # continuation of the previous direct quote's speaker (same or previous paragraph)
            k = bisect.bisect_right(direct_ends, q.start) - 1
            prev = direct_recs[k] if k >= 0 else None
            fields: dict[str, Any] = {}
            conf = 0.3
            cue_class = "none"
            if prev is not None and self.par_of(prev.content_span[1] - 1) >= pi - 1 and (
                at_par_start or self.par_of(prev.content_span[1] - 1) == pi
            ):
                fields = {
                    "speaker": prev.speaker,
                    "speaker_span": prev.speaker_span,
                    "speaker_name": prev.speaker_name,
                    "actor": prev.actor,
                    "speaker_kind": prev.speaker_kind,
                    "speaker_title": prev.speaker_title,
                    "group": prev.group,
                }
                conf = 0.5
                cue_class = "continuation"
            elif sent is not None and sent.position == "headline" and not sentence_like:
                continue
            elif sent is not None and sent.position != "headline":
                # “...” introduced by a colon (``Stated Stone:``, ``- Philip Bump:``), or a
                # quote whose speaker is the subject of the sentence before (``Valastro praised
                # Christie. | “We need someone ...”``)
                ctx = self._colon_speaker(q.start)
                if ctx is None and (at_par_start or q.start == sent.start):
                    ctx = self._context_speaker(si, pi)
                if ctx is not None:
                    fields = ctx
                    conf = 0.4
                    cue_class = "context"
            self.used.add(qi)
            if (
                cue_class == "continuation"
                and _MERGE
                and self.par_of(prev.content_span[1] - 1) == pi
                and (_MERGE_LONG or self.sent_of(q.end - 1) == si)
            ):
                # “A,” she said. “B.” — one attribution in two pieces (PolNeAR convention)
                prev.content_spans.append((q.start, q.end))
                prev.content_span = (prev.content_span[0], q.end)
                prev.content = prev.content + " … " + text[q.start : q.end]
                direct_ends[k] = q.end
                continue
            self.records.append(
                Quote(
                    content=text[q.start : q.end],
                    content_span=(q.start, q.end),
                    content_spans=[(q.start, q.end)],
                    kind="direct",
                    confidence=conf,
                    cue_class=cue_class,
                    sentence=si,
                    **fields,
                )
            )


# the words a time phrase opens with: a preposition, a modifier ("late", "next") or the time itself
_ADVERBIAL_PREPS = "on in at during through via over".split()
_ADVERBIAL_MODIFIERS = "late early earlier later last this next".split()
_ADVERBIAL_TIMES = (
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight week month year "
    "morning afternoon evening night"
).split()
_ADVERBIAL_RE = re.compile(
    r"(?:[ ,]*(?:(?:(?:" + "|".join(_ADVERBIAL_PREPS) + r")\s+(?:(?:a|an|the|his|her|their|its|one)\s+)?"
    r"(?:[\w-]+\s+)?(?:interview|statement|conference|briefing|speech|rally|event|post|letter|tweet|"
    r"twitter|facebook|email|e-mail|video|address|remarks|appearance|hearing|meeting|call|release|"
    r"broadcast|op-ed|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|"
    r"evening|night|week|month|year)s?)|(?:(?:" + "|".join(_ADVERBIAL_MODIFIERS) + r")\s+)?"
    r"(?:" + "|".join(_ADVERBIAL_TIMES) + r"))\b)+",
    re.IGNORECASE,
)
#: The words a match of ``_ADVERBIAL_RE`` can open with (after spaces and commas).
_ADVERBIAL_FIRST = frozenset(_ADVERBIAL_PREPS + _ADVERBIAL_MODIFIERS + _ADVERBIAL_TIMES)
_FIRST_WORD_RE = re.compile(r"[ ,]*+(\w+)")
_MERGE = True
_MERGE_LONG = True
_PARTY_TAG_RE = re.compile(r"(?:\s*\([^()\n]{1,40}\)|,\s*[RDI]-[A-Z][A-Za-z.]{1,12},)\s*$")
_TRAILING_APPOSITIVE_RE = re.compile(r",\s+((?:a|an|the|who|whose)\s[^,.;:]{1,150})")
_DASH_AFTER_RE = re.compile(r"[ \t\u00a0]*[―—–][ \t\u00a0]*(?=[A-Z])")
_ACCORDING_RE = re.compile(r"\b[Aa]ccording to\b")
_SMALL = frozenset("a an the of and or for in on at to by with from de la van von der du al bin".split())


def _title_case(words: list[str]) -> bool:
    """Whether the words (other than the small ones of ``_SMALL``) are title case: three
    quarters of them or more start with an upper-case letter or a digit."""
    if _c is not None:
        # the same test in one C loop (framing._ext.quotes.title_case)
        return _c.title_case(words, _SMALL)
    content = [w for w in words if w.lower() not in _SMALL]
    if not content:
        return False
    caps = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return caps >= max(1, 0.75 * len(content))


# ---------------------------------------------------------------------------
# Public function
# ---------------------------------------------------------------------------


def _as_doc(text_or_doc: Any, doc_id: str = "doc") -> Doc:
    if isinstance(text_or_doc, Doc):
        return text_or_doc
    if isinstance(text_or_doc, str):
        return segment(text_or_doc, doc_id=doc_id)
    raise TypeError(f"extract_quotes() needs a str or a Doc, got {type(text_or_doc).__name__}")


def extract_quotes(
    text_or_doc: str | Doc,
    *,
    actors: ActorCatalog | str | Path | None = None,
    speech_verbs: str | Path | None = None,
    attributions: str = "speech",
    min_confidence: float = 0.0,
) -> list[Quote]:
    """Find the quotes and reported speech of an article, with their speakers.

    Parameters
    ----------
    text_or_doc : str or Doc
        The article. A str is segmented with :func:`framing.segment.segment`;
        a ``Doc``'s quotation spans, sentences and paragraphs are reused.
        Offsets in the records index ``Doc.text`` (for a str: the str itself).
    actors : ActorCatalog, path or None, default=None
        The actors catalog for speaker names and groups (a path is loaded with
        :func:`framing.actors.load_actors`); ``None`` uses the packaged one.
    speech_verbs : path or None, default=None
        A speech-verb file replacing the packaged ``speech_verbs.txt``.
    attributions : {"speech", "all"}, default="speech"
        ``"speech"``: verbs of saying and writing, according to, media
        sourcing. ``"all"`` adds beliefs and intentions (``X thinks``, ``X
        wants``) as ``indirect`` records with ``cue_class="belief"``: the
        PolNeAR notion of attribution (Newell et al. 2018).
    min_confidence : float, default=0.0
        Drop records below this confidence.

    Returns
    -------
    list of Quote
        In text order. ``kind`` is one of :data:`KINDS`; ``scare`` and
        ``title`` records are quoted strings that are not speech.

    Raises
    ------
    TypeError
        If ``text_or_doc`` is neither a str nor a Doc.
    ValueError
        If ``attributions`` is not ``"speech"`` or ``"all"``.
    framing.resources.LexiconError
        If a user lexicon or actors file is malformed.

    Examples
    --------
    >>> qs = extract_quotes("“We will continue,” Aliyev said, “to work together.”")
    >>> [(q.kind, q.speaker_name, len(q.content_spans)) for q in qs]
    [('direct', 'Ilham Aliyev', 2)]
    """
    if attributions not in ("speech", "all"):
        raise ValueError(f"attributions must be 'speech' or 'all', got {attributions!r}")
    doc = _as_doc(text_or_doc)
    if actors is None:
        catalog = load_actors()
    elif isinstance(actors, ActorCatalog):
        catalog = actors
    else:
        catalog = load_actors(actors)
    verbs = load_speech_verbs(speech_verbs)
    roles = load_roles()
    _compile_count_regexes()
    records = _Extractor(doc, catalog, verbs, roles, attributions).run()
    if min_confidence > 0:
        records = [r for r in records if r.confidence >= min_confidence]
    return records


def quotes_to_dicts(records: Iterable[Quote]) -> list[dict[str, Any]]:
    """JSON-ready dicts of quote records."""
    return [r.to_dict() for r in records]
