"""The shortcuts of :mod:`framing.score.emphasis` agree with the plain code."""

from __future__ import annotations

import re

from framing.analyze import make_doc
from framing.corpus import load_corpus
from framing.score.emphasis import _in_quote_flags, _literal_hint
from framing.segment import segment


def test_in_quote_flags_as_in_quote() -> None:
    docs = [make_doc(a)[0] for a in load_corpus()]
    docs.append(segment("He said “no ‘never’ ok” and 'x' then “open\n\nNext “a” b."))
    for doc in docs:
        offsets = list(range(-1, len(doc.text) + 2))
        assert _in_quote_flags(doc, offsets) == [doc.in_quote(o) is not None for o in offsets]


def test_literal_hint_in_every_match() -> None:
    for body in ["R&D", "C++", "U.S.", "9/11", "AT&T Inc.", "#MeToo", "e-mail!", "a_b"]:
        hint = _literal_hint(body)
        assert hint is not None and hint in body
        rx = re.compile(r"\s+".join(re.escape(p) for p in body.split()), re.IGNORECASE)
        for text in (body, body.lower(), body.upper(), "x " + body.swapcase() + " y"):
            for m in rx.finditer(text):
                assert hint in m.group()
    assert _literal_hint("plain words") is None


def test_prefix_filter_keeps_every_token_with_candidates() -> None:
    """The tokens the prefilter drops are those the matcher finds no candidate for."""
    import random

    from framing.score.emphasis import _norm, load_themes

    matcher = load_themes().matcher
    texts = [make_doc(a)[0].text for a in load_corpus()]
    texts += [
        "Anti-war pro-EU de-escalation: the AI’s 5G war-time warships, ceasefire’s ‘wars’.",
        "Un deux, DE la UN; x-ray a-b-c -war war- --- 'war' O’Brien’s \ud800 lone surrogate",
        "Astral 𝒜 char in a war text",
        "",
    ]
    rng = random.Random(0)
    words = ["war", "wars", "de", "un", "ai", "5g", "energy", "secur", "x", "-", "’", "'", "é", "Σ"]
    texts += [" ".join(rng.choice(words) + rng.choice(["", "s", "'s", "-", "ing"]) for _ in range(30)) for _ in range(200)]
    for text in texts:
        doc = segment(text)
        low = doc.lower
        starts, ends = doc.token_bounds
        kept = set(matcher.prefix_filter.candidates(_norm(low), starts, ends))
        for i, (s, e) in enumerate(zip(starts.tolist(), ends.tolist())):
            if i not in kept:
                assert matcher.candidates(low[s:e]) is False, (text, low[s:e])
