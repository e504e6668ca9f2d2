"""The compiled twins of :mod:`framing._ext.text` give exactly what the pure-Python code gives.

On the raw and cleaned seeds, PolNeAR dev (when the shared data is present), the
hand-segmented sentences of ``tests/data`` and hand-made edge cases (empty text, odd white
space, abbreviations, quotation marks of every kind, non-ASCII, emoji, hard-wrapped blocks,
very long tokens), plus seeded random strings of the characters the rules look at: the line
scan of :func:`framing.clean.clean` (texts, offsets, word counts), the paragraphs, the
quotation-mark spans, the sentence spans, whole :class:`framing.segment.Doc` objects and
whole :class:`framing.clean.CleanResult` objects, compiled and with the modules' ``_c`` set
to None.

A missing extension fails these tests (CI builds it) unless ``FRAMING_ALLOW_PURE=1`` is set,
which skips them.
"""

from __future__ import annotations

import importlib
import json
import os
import random
from itertools import accumulate, repeat
from operator import add, sub
from pathlib import Path

import numpy as np
import pytest

from framing.corpus import load_corpus

# the modules (``framing.segment`` and ``framing.clean`` are also functions of the package)
S = importlib.import_module("framing.segment")
C = importlib.import_module("framing.clean")

if S._c is None or C._c is None:
    if os.environ.get("FRAMING_ALLOW_PURE") == "1":
        pytest.skip("framing._ext.text is not built (FRAMING_ALLOW_PURE=1)", allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear_dev.jsonl"
GOLD = [ROOT / "tests" / "data" / "sentences_gold.jsonl", ROOT / "tests" / "data" / "sentences_heldout.jsonl"]

_WRAPPED = "\n".join(["This line of a hard-wrapped text runs on for a while and"] * 4) + "\nends here."
EDGE_CASES = [
    "",
    " ",
    "\n",
    "\n\n\n",
    " \t\n \xa0\n\u2009\u3000\n\x1c\x1d\x1e\x1f\x85\u2028\u2029",
    ".",
    "...",
    "A. B. C.",
    "Mr. Smith met Sen. Jones at 5 p.m. Tuesday. Then he left. The U.S. Officials said no.",
    "In the U.S. The talks went on. Vance, of Ohio, arrived at 5 p.m. Officials said. It was 9 a.m. EST.",
    "J.D. Vance visited. J. D. Vance spoke. Donald J. Trump said. No. 5 won. No. It lost. Vol. II is out.",
    "1. First point.\n2. Second point.\n• A bullet. And more.\n- dash item",
    "He said: “We will continue. We will win. We will go on.” Then he left.",
    "He said “Yes. No.” Then he left. ‘Quoted. Single marks here.’ She said 'Yes. It is so.' Done.",
    "``Old style. Quotes here and there.'' He said. ''Odd.'' '''Triple''' \"a\" \"\" \" \"",
    "«Guillemets. Are used here.» „German. Quotes here“ 「Japanese。Quotes」 『x』 ‹y›",
    "“Unclosed quote. It runs on.\n\n“And continues. Here too.”\n\n“Another open\n\nplain text.",
    "“Open “again. Nested” here.” and \"straight \"again\" done\" ok",
    "The end.” Next one. “Quote.”) Then (Sen. X.) spoke. (D-Vt.) Clinton said.",
    "He left… Then he came back. … he came back. He said... Then.",
    "Wait?! Really!? Yes!! No?? 。 ！ ？ Hello。World ok. ։ Arm. । Hindi. ؟ Arabic.",
    "THE PRESIDENT SAID NO. HE SAID IT AGAIN. OFFICIALS SAID.",
    "Café owner José Núñez said “ça va” 🙂. Zoë said: “😀 fine.” Ünited. İstanbul. Ärger. ǅemal said.",
    "Mr.\xa0Smith said\u2009that\x1cthe deal\x1dwas done. Dr.Jones told reporters.\u2028New line.",
    "e.g. this. i.e. that. etc. The end. vs. them. approx. Five. Inc. The firm. Ltd. Its profits.",
    "He was born in 1950. 2. The list. 12. Dozen. 123. Many. 1234. More. 3.5% rose. $4.2 bn.",
    "x" * 5000 + ". " + "A.b" * 300 + ". The end. " + "ab." * 500 + " Then.",
    "Путин сказал. Это так. 北京。上海 是. Vance said. Le président a dit que la France est là et il a dit.",
    "Der Präsident sagt, dass die Regierung und der Staat nicht mit den Leuten ist. He left.",
    _WRAPPED,
    _WRAPPED + "\n\n" + _WRAPPED.replace("and", "and.") + "\n\nShort\nlines\nhere",
    "Headline without stop\n\nSubhead here\n\nBody text. More text.\n\nAnother subhead\n\nEnd.",
    "a'b a’b a-b a.b a..b a'-b -a- 'a' ’a’ _a_ a_b 3’s U.S.-backed then-Sen. D-Va. x.y.z.",
    "\"\n\"\"\n''\n``\n“\n”\n«\n»\n„\n「\n」\n『\n』",
]
# characters and pieces the rules look at, for random strings
_ALPHABET = list("ab Z9.'-’\n\n \t\xa0\u2009\x1c\u3000é日_—“”\"'`«»„「」『』‘?!…(),;:Ü") + [
    "e.g.", " U.S. ", " Mr. ", " J. D. Vance", " p.m. The", " '' ", "``", "\n\"", " No. 5", " Inc. The",
    " the end. ", " he said. ", " A. ", "...", " i.e. ", " Dr. Who", " 3. ", " Ünited. ", "İ. ", " und. Der",
    "\n“", "\n''", " etc. Monday", " a.m. EST", " (D-Vt.) Clinton", " Sen.", "Share on Facebook\n",
]


def _raw_texts() -> list[str]:
    texts = [a.text for a in load_corpus()]
    if POLNEAR_DEV.exists():
        with POLNEAR_DEV.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh]
    for path in GOLD:
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                texts += [json.loads(line)["text"] for line in fh]
    return texts


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(n)]


@pytest.fixture(scope="module")
def raw_texts() -> list[str]:
    return _raw_texts() + EDGE_CASES


@pytest.fixture(scope="module")
def clean_texts(raw_texts: list[str]) -> list[str]:
    return [C.clean(t).text for t in raw_texts] + EDGE_CASES


@pytest.fixture
def pure(monkeypatch: pytest.MonkeyPatch):
    """A context in which framing.segment and framing.clean run their pure-Python code."""
    compiled_s, compiled_c = S._c, C._c

    class _Pure:
        def __enter__(self) -> None:
            S._c = C._c = None

        def __exit__(self, *exc: object) -> None:
            S._c, C._c = compiled_s, compiled_c

    monkeypatch.setattr(S, "_c", compiled_s)
    monkeypatch.setattr(C, "_c", compiled_c)
    return _Pure()


def test_extension_is_built() -> None:
    assert S._c is not None and C._c is not None, "framing._ext.text is not built (FRAMING_ALLOW_PURE=1 to allow)"


def _pure_lines(text: str) -> tuple[list[str], list[int], list[int], list[int]]:
    """The line scan of clean(), as its pure-Python code does it."""
    raws = text.split("\n")
    texts = list(map(str.strip, raws))
    lens = list(map(len, raws))
    at = accumulate(map(add, lens, repeat(1)), initial=0)
    starts = list(map(add, at, map(sub, lens, map(len, map(str.lstrip, raws)))))
    ends = list(map(add, starts, map(len, texts)))
    word_starts = S._folded_token_bounds(S._ascii_fold(text)[0], ends=False)[0]
    nwords = (np.searchsorted(word_starts, ends) - np.searchsorted(word_starts, starts)).tolist()
    return texts, starts, ends, nwords


def _word_counts(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """Words per line with the regex itself (``WORD_RE``)."""
    return [len(S.WORD_RE.findall(text, s, e)) for s, e in zip(starts, ends)]


def test_line_words(raw_texts: list[str]) -> None:
    for t in raw_texts + _random_texts(5000, 1):
        got = S._c.line_words(t)
        assert got == _pure_lines(t), repr(t[:200])
        assert got[3] == _word_counts(t, got[1], got[2]), repr(t[:200])


def test_split_paragraphs(raw_texts: list[str], clean_texts: list[str], pure) -> None:
    for t in raw_texts + clean_texts + _random_texts(5000, 2):
        got = S.split_paragraphs(t)
        with pure:
            assert got == S.split_paragraphs(t), repr(t[:200])


def test_hard_wrapped_blocks(pure) -> None:
    rng = random.Random(3)
    for _ in range(2000):
        lines = [
            ("x" * rng.randint(30, 110)) + rng.choice(["", ".", "!", "?", "”", '"', ",", " "])
            for _ in range(rng.randint(1, 6))
        ]
        t = rng.choice(["", "\n", "  "]) + "\n".join(lines) + rng.choice(["", "\n\nTail.", "\n"])
        got = S.split_paragraphs(t)
        with pure:
            assert got == S.split_paragraphs(t), repr(t)


def test_quote_spans(raw_texts: list[str], clean_texts: list[str], pure) -> None:
    for t in raw_texts + clean_texts + _random_texts(20000, 4):
        pars = S.split_paragraphs(t)
        got = S.find_quote_spans(t, pars)
        with pure:
            assert got == S.find_quote_spans(t, pars), repr(t[:200])


def test_quote_spans_odd_paragraphs(pure) -> None:
    """Paragraph spans outside the text, unsorted or not integers: the pure-Python code decides."""
    t = "“One. Two.” and “three”\n“four\n\n'' five ''"
    for pars in ([(-3, 5)], [(0, 999)], [(10, 4)], [(20, len(t)), (0, 10)], [(0.0, 5.0)], [], [(0, 0)]):
        try:
            got: object = S.find_quote_spans(t, pars)
        except Exception as exc:
            got = type(exc)
        with pure:
            try:
                want: object = S.find_quote_spans(t, pars)
            except Exception as exc:
                want = type(exc)
        assert got == want, pars


def test_split_sentences(raw_texts: list[str], clean_texts: list[str], pure) -> None:
    for t in raw_texts + clean_texts + _random_texts(20000, 5):
        pars = S.split_paragraphs(t)
        quotes = S.find_quote_spans(t, pars)
        got = [S.split_sentences(t, a, b, quotes) for a, b in pars] + [S.split_sentences(t), S.split_sentences(t, 1)]
        with pure:
            want = [S.split_sentences(t, a, b, quotes) for a, b in pars] + [
                S.split_sentences(t),
                S.split_sentences(t, 1),
            ]
        assert got == want, repr(t[:200])


def test_split_sentences_out_of_range(pure) -> None:
    t = "One. Two. Three."
    for start, end in ((-5, None), (0, 100), (3, 2), (20, 30)):
        try:
            got: object = S.split_sentences(t, start, end)
        except Exception as exc:
            got = type(exc)
        with pure:
            try:
                want: object = S.split_sentences(t, start, end)
            except Exception as exc:
                want = type(exc)
        assert got == want, (start, end)


def _doc_key(d: S.Doc) -> tuple:
    return (d.paragraphs, d.sentences, d.quote_spans, d.foreign_spans, d.meta)


def test_segment(raw_texts: list[str], clean_texts: list[str], pure) -> None:
    for t in raw_texts + clean_texts + _random_texts(5000, 6):
        for headline in (None, False):
            got = _doc_key(S.segment(t, headline=headline))
            with pure:
                assert got == _doc_key(S.segment(t, headline=headline)), repr(t[:200])


def _clean_key(r: C.CleanResult) -> tuple:
    return (r.text, r.offset_map.blocks, r.removed, r.meta)


def test_clean(raw_texts: list[str], pure) -> None:
    for t in raw_texts + _random_texts(5000, 7):
        got = _clean_key(C.clean(t, title="Big news"))
        with pure:
            assert got == _clean_key(C.clean(t, title="Big news")), repr(t[:200])


def test_clean_rejects_the_same(pure) -> None:
    for bad in (None, b"bytes\nhere", 5):
        with pytest.raises(Exception) as compiled:
            C.clean(bad)  # type: ignore[arg-type]
        with pure, pytest.raises(Exception) as plain:
            C.clean(bad)  # type: ignore[arg-type]
        assert compiled.type is plain.type


def test_offsets_index_the_texts(raw_texts: list[str]) -> None:
    """Every span of the compiled path is the text it names (cleaned and raw)."""
    for raw in raw_texts[:50]:
        r = C.clean(raw)
        d = S.segment(r.text, offset_map=r.offset_map)
        for s in d.sentences:
            piece = d.text[s.start : s.end]
            assert piece == piece.strip() and piece
            assert raw[d.to_raw(s.start)] == piece[0]
        for x in r.removed:
            assert raw[x.start : x.end] == x.text


def test_split_sentences_odd_quote_spans(pure) -> None:
    """Quotation spans with offsets that are not integers: the compiled loop declines."""
    t = "He said “One. Two. Three four five.” Then. “Six. Seven eight nine.” End."
    quotes = S.find_quote_spans(t)
    odd = [S.QuoteSpan(float(q.start), float(q.end), q.open, q.close, q.balanced, q.paragraphs) for q in quotes]
    for qs in (quotes, odd, tuple(quotes), []):
        try:
            got: object = S.split_sentences(t, 0, None, qs)
        except Exception as exc:
            got = type(exc)
        with pure:
            try:
                want: object = S.split_sentences(t, 0, None, qs)
            except Exception as exc:
                want = type(exc)
        assert got == want


def test_language_gate(clean_texts: list[str]) -> None:
    """The compiled gate of the Latin-language check is the pure-Python one."""
    pieces = list("ab .,\n “”\"'’‘(\xa0\u2009") + [
        " the ", " of ", "the", "The", " and ", "and", " to ", "to", " that", "for", "with", " is", "It",
        "it", "he", "He", "We", "we", " x", " Le ", " la ", " et ", "thé", "İt ", "\tthe\t", "“He”",
    ]
    rng = random.Random(8)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(20000)]
    for t in clean_texts[:200]:
        texts += [t[i : i + rng.randint(20, 120)] for i in range(0, len(t), 50)]
    for t in texts:
        for s, e in ((0, len(t)), (1, len(t)), (0, len(t) - 1)):
            if not 0 <= s <= e:
                continue
            want = e - s >= S._LATIN_MIN_CHARS and t.find(" the ", s, e) < 0 and S._maybe_not_english(t[s:e])
            assert S._c.maybe_not_english(t, s, e, S._LATIN_MIN_CHARS) == want, repr(t[s:e])
