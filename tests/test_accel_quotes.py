"""The compiled twins of :mod:`framing._ext.quotes` give exactly what the pure-Python code gives.

On the seeds, on PolNeAR dev (when the shared data is present), on benchmark-like sentences
and on hand-made edge cases (empty text, non-ASCII, emoji, ALL CAPS, odd white space, very
long tokens, abbreviations): the speech-verb matches (``_Extractor._verb_matches``), the
tokens of white-space-separated chunks (``_chunks_to_tokens``), the speaker finders, the
helpers of the content reader (``_n_words``, ``_n_words_only``, ``_n_alnum``,
``_skip_adverbials``, ``_title_case``) and the whole of
:func:`framing.quotes.extract_quotes`, compiled and with the module's ``_c`` set to None.

A missing extension fails these tests (CI builds it) unless ``FRAMING_ALLOW_PURE=1`` is set,
which skips them.
"""

from __future__ import annotations

import os
import random

import pytest
from test_quotes_speed_equiv import corpus_texts

from framing import actors as A
from framing import quotes as Q
from framing.segment import Doc, segment

if Q._c is None:
    if os.environ.get("FRAMING_ALLOW_PURE") == "1":
        pytest.skip("framing._ext.quotes is not built (FRAMING_ALLOW_PURE=1)", allow_module_level=True)

EDGE_CASES = [
    "",
    " ",
    "said",
    "U.S.said it would. He said.The end",
    "I think.said he; U.S.think said; thinks-said think' said --think said",
    "x_said; AT&T said; re-said; 3said; I.said; e.g.pointed out that",
    "“We will continue,” Aliyev said, “to work together.”",
    "“Is it a priority?” O’Malley said. “Yes.” — Trump noted earlier",
    "THE PRESIDENT SAID “NO WAY.” HE SAID IT AGAIN, OFFICIALS SAID.",
    "Café owner José Núñez said “ça va” 🙂 and Zoë said: “😀 fine.”",
    "Mr.\xa0Smith said\u2009that\x1cthe deal\x1dwas done, Dr.Jones told reporters.",
    "Sen. Gwen Moore (D-Wis.) said, and Mitch McConnell, R-Ky., said “no.”",
    "a.b. ab.. a&&b a'.b a.-b __a 3.5% don’t. ... é'ñ _said_ said_ U.S.A. p.m. N.Y.C.",
    "He said " + "x" * 5000 + " and " + "A.b" * 300 + " she said.",
    "According to the ministry, prices rose. As Aliyev has stated, it is over, he added.",
    "\n\n“Quote one.”\n\n“Quote two,” she said.\n\n— John Smith, a member of the Parliament\n",
    "to said. To say, TO said, İto said, tO said, he continued. the war continued; it continued",
    "He wants to think: she thinks, I believe; “they said” said he\nto said x to\nsaid",
]


def _texts() -> list[str]:
    return corpus_texts() + EDGE_CASES


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    return [segment(t) for t in _texts()]


@pytest.fixture
def pure(monkeypatch: pytest.MonkeyPatch):
    """A context in which framing.quotes (and the mention matcher of framing.actors) run
    their pure-Python code."""
    compiled = Q._c

    class _Pure:
        def __enter__(self) -> None:
            Q._c = A._c = None

        def __exit__(self, *exc: object) -> None:
            Q._c = A._c = compiled

    monkeypatch.setattr(Q, "_c", compiled)
    monkeypatch.setattr(A, "_c", compiled)
    return _Pure()


def test_extension_is_built() -> None:
    assert Q._c is not None, "framing._ext.quotes is not built (set FRAMING_ALLOW_PURE=1 to allow)"


@pytest.mark.parametrize("attributions", ["speech", "all"])
def test_verb_matches(docs: list[Doc], pure, attributions: str) -> None:
    verbs, roles, cat = Q.load_speech_verbs(), Q.load_roles(), Q.load_actors()
    for doc in docs:
        ex = Q._Extractor(doc, cat, verbs, roles, attributions)
        got = [(m.start(), m.end(), m.group()) for m in ex._verb_matches()]
        with pure:
            want = [(m.start(), m.end(), m.group()) for m in ex._verb_matches()]
        assert got == want, doc.text[:80]
        got_cues = ex.find_cues()
        with pure:
            want_cues = ex.find_cues()
        assert got_cues == want_cues, doc.text[:80]


def _chunk_cases(texts: list[str]) -> list[tuple[str, int]]:
    """(sub, base) windows of the texts, as the speaker finder cuts them."""
    out = []
    for t in texts:
        for i in range(0, len(t), 37):
            out.append((t[i : i + 80], i))
    return out


def test_chunks_to_tokens_texts(pure) -> None:
    for sub, base in _chunk_cases(_texts()):
        for chunks, pos in ((sub.split(), 0), (sub.split(None, 3)[:3], 0)):
            got = Q._chunks_to_tokens(sub, chunks, pos, base)
            with pure:
                want = Q._chunks_to_tokens(sub, chunks, pos, base)
            assert got == want, sub
        parts = sub.rsplit(None, 6)
        if len(parts) > 6:
            got = Q._chunks_to_tokens(sub, parts[1:], len(parts[0]), base)
            with pure:
                want = Q._chunks_to_tokens(sub, parts[1:], len(parts[0]), base)
            assert got == want, sub


def test_chunks_to_tokens_random(pure) -> None:
    rng = random.Random(7)
    # (letters, digits and marks of other scripts, odd white space, a lone surrogate, emoji)
    alphabet = ("aAbZzMrsU.S.'-_&0129,;:!?()\"“”’é\xa0\u2009\x1c\x85\u2028 Dr.Smith e.g. .. -- '' Mr. "
                "3.5% 🙂ÅßΩж٣²½\u0301\u200b\ud800ǅⅫ")
    words = ["U.S.", "Mr.", "Dr.Smith", "A.B.C", "Abcd.", "Abc.", "ab.cd", "x_y", "_", "__a", "a&b",
             "a'b'", "it's", "U.S.A.", "p.m.", "Sen.", "Gov.X", "e.g.", "A.b.", "aB.c.", "X" * 70, "a-" * 40]
    for _ in range(20000):
        if rng.random() < 0.5:
            s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        else:
            s = " ".join(rng.choice(words) for _ in range(rng.randint(1, 10)))
        sub = " " + s + "  "
        got = Q._chunks_to_tokens(sub, sub.split(), 0, 11)
        with pure:
            want = Q._chunks_to_tokens(sub, sub.split(), 0, 11)
        assert got == want, s


def test_np_before(docs: list[Doc], pure) -> None:
    verbs, roles, cat = Q.load_speech_verbs(), Q.load_roles(), Q.load_actors()
    for doc in docs[::2]:
        ex = Q._Extractor(doc, cat, verbs, roles, "speech")
        text = doc.text
        for sent in doc.sentences:
            ss, se = sent.start, sent.end
            # every word start and every comma or space of the sentence (as cues and appositives)
            ps = sorted({m.start() for m in Q._WORD_RE.finditer(text, ss, se)} | {
                i for i in range(ss, se) if text[i] in ", "})
            for p in ps[:60]:
                for width, generic in ((50, False), (50, True), (200, False)):
                    got = ex.np_before(ss, p, width, generic)
                    with pure:
                        want = ex.np_before(ss, p, width, generic)
                    assert got == want, (text[max(ss, p - 60) : p], width, generic)


def test_np_after(docs: list[Doc], pure) -> None:
    verbs, roles, cat = Q.load_speech_verbs(), Q.load_roles(), Q.load_actors()
    for doc in docs[1::2] + docs[-len(EDGE_CASES) :]:
        ex = Q._Extractor(doc, cat, verbs, roles, "speech")
        text = doc.text
        for sent in doc.sentences:
            ss, se = sent.start, sent.end
            # every word start of the sentence and the places after its spaces (as after a cue)
            ps = sorted({m.start() for m in Q._WORD_RE.finditer(text, ss, se)} | {
                i + 1 for i in range(ss, se) if text[i] == " "})
            for p in ps[:60]:
                for width, generic, hi in ((60, False, se), (60, True, se), (200, False, se), (60, False, len(text))):
                    got = ex.np_after(p, hi, width, generic)
                    with pure:
                        want = ex.np_after(p, hi, width, generic)
                    assert got == want, (text[p : p + 60], width, generic)


def test_mention_candidates(docs: list[Doc], pure) -> None:
    cat = Q.load_actors()
    assert cat._run_tables is not None
    rng = random.Random(3)
    for doc in docs:
        text = doc.text
        n = len(text)
        bounds = [(0, n), (0, n + 5), (1, n), (0, max(0, n - 1))]
        bounds += [(a, a + rng.randint(0, 900)) for a in (rng.randint(0, n) for _ in range(5))]
        for start, end in bounds:
            got = cat._candidates(text, start, end)
            with pure:
                want = cat._candidates(text, start, end)
            assert got == want, (start, end, text[:80])
        got = [(m.start, m.end, m.actor) for m in cat.find_mentions(text)]
        with pure:
            want = [(m.start, m.end, m.actor) for m in cat.find_mentions(text)]
        assert got == want


def test_extract_quotes(docs: list[Doc], pure) -> None:
    for doc in docs:
        for attributions in ("speech", "all"):
            got = [q.to_dict() for q in Q.extract_quotes(doc, attributions=attributions)]
            with pure:
                want = [q.to_dict() for q in Q.extract_quotes(doc, attributions=attributions)]
            assert got == want, doc.text[:80]


# -- the small helpers of the content reader: _n_words, _n_words_only, _n_alnum, _skip_adverbials --

_HELPER_ALPHABET = ("aAbZzMrsU.S.'-_&0129,;:!?()\"“”’é\xa0\u2009\x1c\x85\u2028 Dr.Smith e.g. .. -- '' Mr. "
                    "3.5% 🙂ÅßΩж٣²½\u0301\u200b\ud800ǅⅫ\t\n")
_ADVERBIAL_WORDS = ["in", "On", "TODAY", "late", "Monday", "ın", "İn", "monday_x", "statement", "a", "the",
                    "interview", "é", "x" * 20, "last week", "in a statement", "on Twitter", "earlier"]


def _n_words_findall(s: str, cap: int, pos: int = 0, endpos: int | None = None) -> int:
    """The definition of ``_n_words``: ``min(len(_WORD_RE.findall(s, pos, endpos)), cap)``."""
    return min(len(Q._WORD_RE.findall(s, pos, len(s) if endpos is None else endpos)), cap)


def _helper_strings(texts: list[str]) -> list[str]:
    """Short windows of the texts, edge cases and random strings of odd characters."""
    rng = random.Random(11)
    out = [w[i : i + 60] for w in texts for i in range(0, len(w), 53)]
    out += EDGE_CASES
    for _ in range(20000):
        out.append("".join(rng.choice(_HELPER_ALPHABET) for _ in range(rng.randint(0, 30))))
    return out


def test_n_words(pure) -> None:
    rng = random.Random(5)
    for s in _helper_strings(_texts()):
        n = len(s)
        for cap in (0, 1, 2, 3, 4, 5, 6, 7, 9, 50):
            pos = rng.randint(0, n + 2)
            endpos = rng.randint(pos, n + 3)
            for args in ((s, cap), (s, cap, pos), (s, cap, pos, endpos)):
                got = Q._n_words(*args)
                with pure:
                    want = Q._n_words(*args)
                assert got == want == _n_words_findall(*args), (args,)
            got = Q._n_words_only(s, cap)
            with pure:
                want = Q._n_words_only(s, cap)
            assert got == want == min(len(Q._WORD_ONLY_RE.findall(s)), cap), (s, cap)


def test_n_alnum(pure) -> None:
    rng = random.Random(6)
    for s in _helper_strings(_texts()):
        got = Q._n_alnum(s)
        with pure:
            want = Q._n_alnum(s)
        assert got == want == sum(map(str.isalnum, s)), s
        n = len(s)
        for _ in range(3):
            a, b = rng.randint(-n - 3, n + 3), rng.randint(-n - 3, n + 3)
            assert Q._c.n_alnum(s, a, b) == sum(map(str.isalnum, s[a:b])), (s, a, b)


def _skip_cases(docs: list[Doc]) -> list[tuple[str, int, int]]:
    """(text, k, hi): every word end of the documents' sentences (as after a cue), and
    random bounds in strings opening with adverbial phrases."""
    rng = random.Random(8)
    out = []
    for doc in docs:
        text = doc.text
        for sent in doc.sentences:
            ss, se = sent.start, sent.end
            for m in Q._WORD_RE.finditer(text, ss, se):
                out.append((text, m.end(), se))
    for s in _helper_strings([]):
        t = rng.choice([" , ", " ", ", "]).join(rng.choice(_ADVERBIAL_WORDS) for _ in range(4)) + s
        k, hi = rng.randint(0, len(t) + 1), rng.randint(0, len(t) + 2)
        out.append((t, k, hi))
    return out


def test_skip_adverbials(docs: list[Doc], pure) -> None:
    verbs, roles, cat = Q.load_speech_verbs(), Q.load_roles(), Q.load_actors()
    ex = Q._Extractor(docs[0], cat, verbs, roles, "speech")
    for text, k, hi in _skip_cases(docs):
        ex.text = text  # (the method reads the text only)
        got = ex._skip_adverbials(k, hi)
        with pure:
            want = ex._skip_adverbials(k, hi)
        assert got == want, (text[k : k + 60], k, hi)


def test_title_case(docs: list[Doc], pure) -> None:
    rng = random.Random(9)
    vocab = ["the", "The", "OF", "of", "a", "Trump", "International", "peace", "2016", "٣", "Ⅻ", "ǅemal",
             "émile", "Émile", "and", "De", "ß", "Ω", "🙂", "x", "İn", "ı"]
    cases: list[list[str]] = [[], ["the"], ["of", "and"], ["A"], ["Miss", "Piggy"], ["helmet", "of", "memory"]]
    for doc in docs:
        words = Q._WORD_ONLY_RE.findall(doc.text)
        cases += [words[i : i + rng.randint(1, 15)] for i in range(0, len(words), 7)]
    cases += [[rng.choice(vocab) for _ in range(rng.randint(0, 12))] for _ in range(20000)]
    for words in cases:
        got = Q._title_case(words)
        with pure:
            want = Q._title_case(words)
        assert got is want, words
    # an empty word among the counted ones: the same error
    with pytest.raises(IndexError):
        Q._title_case(["A", ""])
    with pure, pytest.raises(IndexError):
        Q._title_case(["A", ""])
