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
