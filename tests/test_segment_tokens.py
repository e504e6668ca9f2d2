"""The vectorised token bounds and offset mapping equal the per-item code they replace."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from framing.segment import WORD_RE, OffsetMap, _ascii_fold, segment, token_bounds

DATA = Path(__file__).parent / "data"

_SAMPLES = [
    "",
    "x",
    "_",
    "a_b",
    "U.S. officials' plans.",
    "Vance’s east-west U.S-backed co-op... 'quoted' — end",
    "a..b a--b a'-b -a- .a. 'a' ’a’ a.’b",
    "İstanbul ıi ſ K 中国 日本語テキスト Москва-2024 ١٢٣ ½ ²",
    "tabs\tand\nnew\n\nlines  twice",
    "emoji 😀x😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚",
    "end.",
    ".start",
    "a" * 50 + "-" + "b" * 3,
]


def _texts() -> list[str]:
    texts = list(_SAMPLES)
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines()[:40]:
            if line.strip():
                item = json.loads(line)
                for v in item.values():
                    if isinstance(v, str):
                        texts.append(v)
    rng = random.Random(7)
    alphabet = "ab1 .-'’_\n\t中é,ß"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(300)]
    return texts


@pytest.mark.parametrize("text", _SAMPLES)
def test_token_bounds_samples(text: str) -> None:
    starts, ends = token_bounds(text)
    assert list(zip(starts.tolist(), ends.tolist())) == [m.span() for m in WORD_RE.finditer(text)]


def test_token_bounds_corpus() -> None:
    for text in _texts():
        starts, ends = token_bounds(text)
        assert list(zip(starts.tolist(), ends.tolist())) == [m.span() for m in WORD_RE.finditer(text)], text


def test_token_bounds_every_character() -> None:
    # every code point between two letters, alone, and as a joint
    chars = [chr(i) for i in range(0, sys.maxunicode + 1, 7) if not 0xD800 <= i <= 0xDFFF]
    text = "".join(f"a{c}b {c} a{c}{c}b " for c in chars)
    starts, ends = token_bounds(text)
    assert list(zip(starts.tolist(), ends.tolist())) == [m.span() for m in WORD_RE.finditer(text)]


def test_doc_tokens_are_python_int_pairs() -> None:
    doc = segment("Vance’s plan: the U.S. said so.")
    assert doc.tokens == [m.span() for m in WORD_RE.finditer(doc.text)]
    assert all(type(s) is int and type(e) is int for s, e in doc.tokens)
    assert doc.n_words == 6
    starts, ends = doc.token_offsets
    assert list(zip(starts, ends)) == doc.tokens
    assert all(type(x) is int for x in starts + ends)


def test_ascii_fold_keeps_length() -> None:
    for text in _texts():
        folded, _ = _ascii_fold(text)
        assert len(folded) == len(text)


@pytest.mark.parametrize(
    "blocks",
    [[], [(0, 0, 10)], [(0, 5, 3), (4, 20, 6), (12, 40, 0), (13, 50, 100)], [(3, 7, 2), (9, 9, 1)]],
)
def test_to_raw_many(blocks: list[tuple[int, int, int]]) -> None:
    om = OffsetMap(blocks)
    offsets = list(range(-2, 130))
    assert om.to_raw_many(offsets) == [om.to_raw(o) for o in offsets]
    assert om.to_raw_many([]) == []
    assert all(type(x) is int for x in om.to_raw_many(offsets))


def test_positional_constructors() -> None:
    import pickle

    from framing.segment import (
        Paragraph,
        QuoteSpan,
        Sentence,
        _new_paragraph,
        _new_quote_span,
        _new_sentence,
    )

    cases = [
        (Sentence, _new_sentence, (3, 10, 20, 1, "lead", "en")),
        (Paragraph, _new_paragraph, (2, 5, 9, "subhead")),
        (QuoteSpan, _new_quote_span, (4, 12, "“", None, False, 2)),
    ]
    for cls, make, args in cases:
        a, b = cls(*args), make(*args)
        assert type(b) is cls
        assert a == b and hash(a) == hash(b) and repr(a) == repr(b)
        assert pickle.loads(pickle.dumps(b)) == a
        with pytest.raises(AttributeError):
            b.start = 0  # still frozen


def test_double_marks_as_one_regex_pass() -> None:
    """``_double_marks`` finds what the one regex pass it replaces found."""
    import re

    from framing.segment import _double_marks

    old_re = re.compile(r"[“”\"«»„「」『』'`](?<=[“”\"«»„「」『』]|'(?=')|`(?=`))")

    def old(text: str) -> list[tuple[int, str]]:
        marks, last = [], -1
        for m in old_re.finditer(text):
            i = m.start()
            if i < last:
                continue
            mark = m.group()
            if mark in "'`":
                mark += mark
            marks.append((i, mark))
            last = i + len(mark)
        return marks

    rng = random.Random(5)
    alphabet = "“”\"«»„「」『』'`’a ."
    texts = [*_SAMPLES, "''' ``` '''' ``''", *("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000))]
    for text in texts:
        assert _double_marks(text) == old(text), text
