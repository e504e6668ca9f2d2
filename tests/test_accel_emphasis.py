"""The compiled twin of :mod:`framing._ext.emphasis` gives exactly what the pure-Python code gives.

On the seeds, on PolNeAR dev (when the shared data is present), on fuzzed strings and on
hand-made edge cases (empty text, non-ASCII, emoji, ALL CAPS, odd white space, very long
tokens, Greek and Cyrillic), with the packaged themes and with user-style lexicons
(multi-word terms, stems, case-sensitive terms, hyphenated and non-ASCII terms, literal
terms, exclusions with placeholders): the raw hits of the token loop (``_scan_tokens``, in
order), the hits of :func:`find_hits` and the rows of :func:`score_doc`, compiled and with
the module's ``_c`` set to None; also with foreign spans to skip.

A missing extension fails these tests (CI builds it) unless ``FRAMING_ALLOW_PURE=1`` is set,
which skips them.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import random

import pytest
from test_quotes_speed_equiv import corpus_texts

from framing.score import emphasis as E
from framing.segment import Doc, segment

if E._c is None:
    if os.environ.get("FRAMING_ALLOW_PURE") == "1":
        pytest.skip("framing._ext.emphasis is not built (FRAMING_ALLOW_PURE=1)", allow_module_level=True)

EDGE_CASES = [
    "",
    " ",
    "war",
    "-",
    "War WAR wAr wars war's war’s wars' warS WARS’ warship warships' war-time anti-war pro-war--",
    "THE MILITARY AND NATO SANCTIONS ON RUSSIA’S GAS PIPELINE: ENERGY SECURITY AT STAKE.",
    "Energy security, energy-security, energy\u00a0security, energy\u2009security, energy\x1csecurity.",
    "energy\n\nsecurity; energy \n security; energy — security; energy–security; energy ‐ security",
    "Café owner José Núñez, ÉNERGIE, Ünited Nations, naïve sanctions 🙂 and 😀 war crimes.",
    "Война и мир: санкции, ΣΑΝΚΤΙΟΝΣ, οδος war Σwar warΣ war’Σ İstanbul war KELVIN \u212a war",
    "O’Brien’s ‘war’ and “peace” talks; the UN’s envoy; un deux; U.N. Security Council; R&D, C++ AI.",
    "Moscow, Idaho is not Moscow Idaho; St. Petersburg; St Petersburg; Moscow,Idaho.",
    "x" * 5000 + " war " + "war" * 400 + " " + "Energ" * 300 + "-security",
    "counter-terrorism counter terrorism counterterrorism counter–terrorism Counter-Terror",
    "\x1c\x1d war \u2028 sanctions \u2029 ceasefire\ttalks\r\nnuclear weapons",
    "a-b-c -war war- --- 'war' x-ray de-escalation pro-EU anti-Russian US-brokered",
    "LNG lng Lng =LNG; NATO Nato nato; EU eu; AI ai Ai; 5G 5g",
    "The war санкции came with the war Санкции and heavy Σnow, heavy ΣNOW; the Война Front page and Ünited Front.",
]

USER_LEXICON = """
[weather]
terms = ["rain", "storm*", "heavy rain", "Moscow, Idaho", "St. Petersburg", "=LNG", "=EU rules",
         "counter-terror*", "naïve sanction*", "café", "cold front*", "R&D", "=C++", "(war)",
         { term = "front", exclude = ["front page", "{Name} Front"] }, "ice storm", "x-ray*",
         "war crime*", "energ* secur*", "Война", "санкц*", "peace talks", "U.N.", "the UN", "war санкц*",
         "heavy Σnow"]
exclude = ["{any} storm warning", "rain check", "Moscow {any} Idaho", "{Name} Rain"]

[cased]
terms = ["=Energy Security", "=Russia's", "=O'Brien", "=NATO", "=Ünited", "=war", "=Σwar"]
exclude = ["=NATO summit"]
"""


def _texts() -> list[str]:
    rng = random.Random(7)
    words = ["war", "wars", "War", "WAR", "de", "un", "UN", "ai", "5g", "energy", "security", "secur",
             "x", "-", "’", "'", "é", "Σ", "rain", "storm", "Moscow", ",", "Idaho", "St.", "Petersburg",
             "LNG", "EU", "rules", "counter", "terror", "naïve", "café", "front", "page", "Rain", "check",
             "R&D", "C++", "(war)", "\u00a0", "\n\n", "—", "Война", "санкции", "İ", "🙂"]
    fuzz = [
        "".join(rng.choice(words) + rng.choice([" ", "", "s", "'s", "’s", "-", "es", "s'", ", ", ". "])
                for _ in range(40))
        for _ in range(300)
    ]
    return corpus_texts() + EDGE_CASES + fuzz


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    return [segment(t) for t in _texts()]


@pytest.fixture(scope="module")
def user_lexicon(tmp_path_factory: pytest.TempPathFactory) -> E.ThemeLexicon:
    p = tmp_path_factory.mktemp("lex") / "user.toml"
    p.write_text(USER_LEXICON, encoding="utf-8")
    return E.load_themes(p)


@pytest.fixture
def pure(monkeypatch: pytest.MonkeyPatch):
    """A context in which framing.score.emphasis runs its pure-Python code."""
    compiled = E._c

    class _Pure:
        def __enter__(self) -> None:
            E._c = None

        def __exit__(self, *exc: object) -> None:
            E._c = compiled

    monkeypatch.setattr(E, "_c", compiled)
    return _Pure()


def _lexicons(user_lexicon: E.ThemeLexicon) -> list[E.ThemeLexicon]:
    return [E.load_themes(), user_lexicon]


def _with_foreign(doc: Doc) -> Doc:
    """``doc`` with a few foreign spans (text to skip), on token edges and inside tokens."""
    n = len(doc.text)
    spans = [(n // 5, n // 3, "fr"), (n // 2 + 1, n // 2 + 40, "de"), (n - 10, n, "ru")]
    return dataclasses.replace(doc, foreign_spans=[(s, e, lang) for s, e, lang in spans if 0 <= s < e])


def _raw(doc: Doc, lex: E.ThemeLexicon) -> tuple[list, int]:
    m = lex.matcher
    s, e = doc.token_bounds
    return E._c.scan_tokens(doc.text, s, e, E._skip_intervals(doc), m.prefix_bits(), m.cache, m.candidates,
                            doc, E._match_at, E._stop_words)


def _rows(rows: list) -> str:
    return json.dumps(rows, default=repr, sort_keys=True)


def test_extension_is_built() -> None:
    assert E._c is not None, "framing._ext.emphasis is not built (set FRAMING_ALLOW_PURE=1 to allow)"


def test_lower_char_is_str_lower() -> None:
    """The characters whose lower case C knows get exactly what ``str.lower`` gives them, alone and in text."""
    known = 0
    for code in list(range(0x3000)) + [0x212A, 0x130, 0x1E9E, 0xFF21, 0x1D49C, 0x10400]:
        ch = chr(code)
        low = E._c.lower_char(code)
        if low is None:
            continue
        known += 1
        assert low == ch.lower(), hex(code)
        for ctx, at in (("ΑΣ" + ch + "Σ", 2), ("x" + ch + "x", 1), (ch + "Σ", 0)):
            assert ctx.lower()[at] == low, hex(code)
    assert known >= 258  # Latin-1 and ’ ‘


@pytest.mark.parametrize("foreign", [False, True])
def test_token_loop_as_pure(docs: list[Doc], user_lexicon: E.ThemeLexicon, foreign: bool) -> None:
    """Same raw hits, in the same order, and the same number of skipped tokens."""
    for lex in _lexicons(user_lexicon):
        for doc in docs:
            d = _with_foreign(doc) if foreign else doc
            d2 = _with_foreign(segment(doc.text)) if foreign else segment(doc.text)
            got = _raw(d, lex)
            want = E._scan_tokens(d2, lex.matcher, E._skip_intervals(d2))
            assert got == want, doc.text[:200]


def test_token_loop_needs_no_lower_for_latin1(docs: list[Doc]) -> None:
    """The compiled loop leaves ``doc.lower`` alone when the tokens it looks at are Latin-1."""
    lex = E.load_themes()
    doc = segment("The war in Ukraine: Russia’s energy security, NATO’s sanctions and café talks.")
    _raw(doc, lex)
    assert "lower" not in doc.__dict__
    doc = segment("Война: the war")
    _raw(doc, lex)  # a Cyrillic token passes the prefilter: looked up through doc.lower
    assert "lower" in doc.__dict__


def test_find_hits_and_rows_as_pure(docs: list[Doc], user_lexicon: E.ThemeLexicon, pure) -> None:
    for lex in _lexicons(user_lexicon):
        for doc in docs:
            for d in (doc, _with_foreign(doc)):
                got = (E._scan(d, lex), E.score_doc(d, lex))
                fresh = segment(d.text)
                fresh = dataclasses.replace(fresh, foreign_spans=d.foreign_spans) if d.foreign_spans else fresh
                with pure:
                    want = (E._scan(fresh, lex), E.score_doc(fresh, lex))
                assert got[0] == want[0], d.text[:200]
                assert _rows(got[1]) == _rows(want[1]), d.text[:200]


def test_fallback_to_pure_match_at(user_lexicon: E.ThemeLexicon) -> None:
    """A multi-word pattern over a token with characters C does not lower-case goes through ``_match_at``."""
    calls = []

    def spy(*args):
        calls.append(args[:3])
        return E._match_at(*args)

    doc = segment(EDGE_CASES[-1])
    m = user_lexicon.matcher
    s, e = doc.token_bounds
    got = E._c.scan_tokens(doc.text, s, e, [], m.prefix_bits(), m.cache, m.candidates, doc, spy, E._stop_words)
    assert calls
    assert got == E._scan_tokens(segment(doc.text), m, [])
    terms = {r[3] for r in got[0]}
    assert {"war санкц*", "heavy Σnow"} <= terms


def test_hits_found_by_user_lexicon(user_lexicon: E.ThemeLexicon) -> None:
    """The user-style lexicon does hit (multi-word, case-sensitive, non-ASCII, literal): the comparisons above
    are not of empty lists."""
    doc = segment(EDGE_CASES[10] + " " + EDGE_CASES[11] + " " + EDGE_CASES[8] + " " + EDGE_CASES[9]
                  + " heavy rain, ice storms; LNG and =EU rules; Energy Security; the UN.")
    terms = {h.term for h in E.find_hits(doc, user_lexicon)}
    for t in ("Moscow, Idaho", "St. Petersburg", "naïve sanction*", "café", "R&D",
              "heavy rain", "ice storm", "=LNG", "=Energy Security", "=O'Brien", "=Ünited", "the UN"):
        assert t in terms, (t, sorted(terms))


def test_scores_of_an_empty_and_a_foreign_doc(pure) -> None:
    lex = E.load_themes()
    for text in ("", "war and peace"):
        doc = segment(text)
        n = len(text)
        d = dataclasses.replace(doc, foreign_spans=[(0, n, "fr")]) if n else doc
        got = E.score_doc(d, lex)
        with pure:
            want = E.score_doc(dataclasses.replace(segment(text), foreign_spans=d.foreign_spans), lex)
        assert _rows(got) == _rows(want)
        assert all(math.isnan(r["hits_per_1k"]) for r in got[0])


def test_bad_token_bounds_raise() -> None:
    import numpy as np

    lex = E.load_themes()
    m = lex.matcher
    doc = segment("war")
    with pytest.raises(ValueError):
        E._c.scan_tokens("war", np.array([0], dtype=np.int64), np.array([9], dtype=np.int64), [],
                         m.prefix_bits(), m.cache, m.candidates, doc, E._match_at, E._stop_words)
    with pytest.raises(ValueError):
        E._c.scan_tokens("war", np.array([0, 1], dtype=np.int64), np.array([3], dtype=np.int64), [],
                         m.prefix_bits(), m.cache, m.candidates, doc, E._match_at, E._stop_words)
