"""The shortcuts of :mod:`framing.clean` give what the plain code they replace gives."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from framing.clean import (
    _STOP,
    WORD_RE,
    _content_words,
    _head_overlaps,
    _lower_safe,
    _needles,
    _packaged_rules,
    _required_chars,
    _sre_parse,
    _whole_token_in,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _lines() -> list[str]:
    lines = []
    for p in sorted(SEEDS.glob("*.txt")):
        lines += [x.strip() for x in p.read_text(encoding="utf-8").split("\n") if x.strip()]
    rng = random.Random(3)
    alphabet = "ab1 .-:'’|•·_AΣσİ中px+↺Ａ0"
    lines += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(2000)]
    lines += ["12.03.2024, 10:45", "10:45 • 1,234 views", "• 12 views", "+ 12 px", "A - A +", "↺"]
    return lines


def _word_class(c: str) -> str:
    return "a" if c.isalnum() else "s" if c in "’'-." else " "


def test_lower_case_keeps_word_classes() -> None:
    # the premise of _lower_safe: a character lower-cased to one character keeps its class
    for i in range(sys.maxunicode + 1):
        c = chr(i)
        low = c.lower()
        if len(low) == 1:
            assert _word_class(c) == _word_class(low), hex(i)


def test_needles_are_in_every_match() -> None:
    lines = _lines()
    used = 0
    for rule in _packaged_rules():
        need = _needles(rule.pattern)
        if need is None:
            continue
        used += 1
        for line in lines:
            if rule.pattern.search(line):
                assert need.search(line), (rule.name, line)
    assert used >= 1


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"a:b", 0, {"a"}),
        (r"x*:", 0, {":"}),
        (r"(?:ab|c)", 0, {"a", "c"}),
        (r"(?:ab|c?)", 0, None),
        (r"[•|]\d+|:\d", 0, {"•", "|", ":"}),
        (r"(?i:a)b", 0, {"b"}),
        (r"(?i:a)", 0, None),
        (r"(?i:a&)", 0, {"&"}),
        (r"abc", 2, None),
        (r"[^:]x", 0, {"x"}),
        (r"(?=:)x", 0, {"x"}),
    ],
)
def test_required_chars(pattern: str, flags: int, expected: set[str] | None) -> None:
    items = _sre_parse.parse(pattern, flags).data
    got = _required_chars(items, bool(flags & 2))
    if expected is None:
        assert got is None
    else:
        assert got is not None and got <= expected | set(pattern) and len(got) <= len(expected)


def test_whole_token_in_matches_token_sets() -> None:
    lines = _lines()
    for line in lines[:600]:
        low = line.lower()
        if not _lower_safe(line):
            continue
        tokens = set(WORD_RE.findall(low))
        for w in set(WORD_RE.findall(low)) | {"ab", "a1", "p", "x.1", "b’a"}:
            if WORD_RE.fullmatch(w):
                assert _whole_token_in(low, w) == (w in tokens), (line, w)


def test_head_overlaps_as_sets() -> None:
    lines = _lines()
    rng = random.Random(5)
    for _ in range(300):
        texts = rng.sample(lines, 8)
        heads, body = [0, 1, 2], [3, 4, 5, 6, 7]
        body_words: set[str] = set()
        for i in body:
            body_words |= _content_words(texts[i])
        expected = (
            {i: len(_content_words(texts[i]) & body_words) / max(1, len(_content_words(texts[i]))) for i in heads}
            if body_words
            else None
        )
        assert _head_overlaps(texts, heads, body) == expected
    assert "the" in _STOP


def test_rule_gates_match_where_their_rules_match() -> None:
    """A plan's gate matches a line exactly when one of the rules it stands for matches it."""
    import re

    from framing.clean import _gate, _gate_piece, _plan

    lines = _lines()
    plan = _plan(_packaged_rules())
    seen = 0
    for by_k in plan.cands.values():
        for admitted, gate, ungated in by_k:
            if gate is None:
                continue
            covered = [r for r, _pre, _need in admitted if (r, _pre, _need) not in ungated]
            assert len(covered) >= 2
            seen += 1
            for line in lines:
                assert (gate.match(line) is not None) == any(r.pattern.search(line) for r in covered), line
    assert seen
    # no gate where the rewrite could change what matches
    for pat in (r"^(?P<a>x)(?P=a)", r"^(a)\1", r"(?i)^ab", r"x^", r"^[(?P<n>]x"):
        assert _gate_piece(re.compile(pat)) is None, pat
    assert _gate_piece(re.compile(r"^(?P<a>x)+y(?:z)")) == r"^(?:x)+y(?:z)"
    assert _gate(()) == (None, ())
