"""The fast paths of the quotes stage give exactly what the plain scans they replace give.

On the seeds and on PolNeAR dev (when the shared data is present), and on hand-made edge cases:
the speech-verb matches found from ``Doc.tokens`` (``_Extractor._verb_matches``) against
``regex.finditer``, the word counts of ``framing.score.voices._span_word_count`` against
``WORD_RE.findall``, the possessive word regexes against the backtracking ones they replace,
and ``_ends_with_as`` against its regex.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from framing import quotes as Q
from framing.clean import clean
from framing.corpus import load_corpus
from framing.score.voices import _span_word_count
from framing.segment import WORD_RE, Doc, segment

ROOT = Path(__file__).resolve().parent.parent
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear_dev.jsonl"

EDGE_CASES = [
    "U.S.said it would. He said.The end",
    "I think.said he; U.S.think said; thinks-said think' said --think said",
    "x_said; AT&T said; re-said; 3said; I.said; e.g.pointed out that",
    "They point out. She pointed out, “yes.” said",
    "“said” he said' she said’ - said -said",
    "said",
    "",
    "a.b. ab.. a&&b a'.b a.-b __a 3.5% don’t. ... é'ñ",
]


def corpus_texts() -> list[str]:
    """The cleaned texts of the seeds and (when at hand) the PolNeAR dev articles."""
    texts = [clean(a.text, title=a.title).text for a in load_corpus()]
    if POLNEAR_DEV.exists():
        with POLNEAR_DEV.open(encoding="utf-8") as fh:
            texts += [clean(json.loads(line)["text"]).text for line in fh]
    return texts


def _texts() -> list[str]:
    return corpus_texts() + EDGE_CASES


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    return [segment(t) for t in _texts()]


def _extractor(doc: Doc) -> Q._Extractor:
    return Q._Extractor(doc, Q.load_actors(), Q.load_speech_verbs(), Q.load_roles(), "speech")


def _extractor_all(doc: Doc) -> Q._Extractor:
    return Q._Extractor(doc, Q.load_actors(), Q.load_speech_verbs(), Q.load_roles(), "all")


def test_verb_matches_are_those_of_the_regex_scan(docs: list[Doc]) -> None:
    verbs = Q.load_speech_verbs()
    assert verbs.first_words is not None and verbs.speech_first_words is not None
    # the one-word belief forms are all that speech_first_words leaves out
    left_out = verbs.first_words - verbs.speech_first_words
    assert left_out and all(
        verbs.forms[f][1] == "belief" and " " not in f for f in verbs.forms if f.split(" ", 1)[0] in left_out
    )
    n = 0
    for doc in docs:
        ref = [m.span() for m in verbs.regex.finditer(doc.text)]
        got = [m.span() for m in _extractor_all(doc)._verb_matches()]
        assert got == ref, doc.text[:80]
        # without beliefs: the same, but for matches of one-word belief forms (dropped by find_cues)
        got = [m.span() for m in _extractor(doc)._verb_matches()]
        missing = set(ref) - set(got)
        assert set(got) <= set(ref), doc.text[:80]
        assert all(doc.text[a:b] in left_out for a, b in missing), doc.text[:80]
        n += len(ref)
    assert n > 100


def test_span_word_count_is_word_re_findall(docs: list[Doc]) -> None:
    rnd = random.Random(0)
    for doc in docs:
        text, n = doc.text, len(doc.text)
        spans = [(rnd.randrange(n + 1), rnd.randrange(n + 1)) for _ in range(50)]
        edges = [x for t in doc.tokens for x in t]
        spans += [(rnd.choice(edges), rnd.choice(edges)) for _ in range(50)] if edges else []
        spans += [(q.start, q.end) for q in doc.quote_spans]
        for r in Q.extract_quotes(doc):
            spans += r.content_spans
        for a, b in spans:
            assert _span_word_count(doc, a, b) == len(WORD_RE.findall(text, a, b)), (a, b, text[a:b])


def test_possessive_word_regexes_give_the_old_tokens(docs: list[Doc]) -> None:
    old = re.compile(r"[^\W_](?:[\w&]|[’'.\-](?=[^\W_]))*\.?|[^\w\s]")
    for doc in docs:
        ref = old.findall(doc.text)
        assert Q._WORD_RE.findall(doc.text) == ref
        assert Q._WORD_ONLY_RE.findall(doc.text) == [w for w in ref if w[0].isalnum()]


def test_ends_with_as_is_its_regex() -> None:
    regex = re.compile(r"(?:^|[\s,(])as\s*$")
    rnd = random.Random(1)
    alphabet = ["a", "s", " ", ",", "(", "\n", "\u00a0", "x", "\u2003", "\t", "S"]
    for _ in range(20000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(8)))
        assert Q._ends_with_as(s) == bool(regex.search(s)), repr(s)


def test_user_lexicon_with_other_forms_scans_with_the_regex(tmp_path: Path) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text("[speech]\nsay said\nre- \n", encoding="utf-8")
    verbs = Q.load_speech_verbs(path)
    assert verbs.first_words is None
    recs = Q.extract_quotes("“Yes,” Aliyev said.", speech_verbs=path)
    assert [(r.kind, r.cue) for r in recs] == [("direct", "said")]


def _old_n_words(s: str, cap: int, pos: int = 0, endpos: int | None = None) -> int:
    n = 0
    for _ in Q._WORD_RE.finditer(s, pos, len(s) if endpos is None else endpos):
        n += 1
        if n >= cap:
            break
    return n


def test_n_words_counts_the_word_re_matches(docs: list[Doc]) -> None:
    rnd = random.Random(2)
    alphabet = list("ab Z9_ .,'’-&\n\t:;“”é()") + ["U.S.", "said.", "a.b", "İ"]
    samples = ["".join(rnd.choice(alphabet) for _ in range(rnd.randrange(14))) for _ in range(20000)]
    for doc in docs[:40]:
        n = len(doc.text)
        samples += [doc.text[a : a + rnd.randrange(60)] for a in (rnd.randrange(n + 1) for _ in range(50))]
    for s in samples:
        for cap in (1, 2, 3, 4, 5, 6, 7):
            assert Q._n_words(s, cap) == _old_n_words(s, cap), (s, cap)
            pos = rnd.randrange(len(s) + 1)
            end = rnd.randrange(pos, len(s) + 1)
            assert Q._n_words(s, cap, pos, end) == _old_n_words(s, cap, pos, end), (s, cap, pos, end)


def test_ends_with_as_reads_the_last_three_characters() -> None:
    """``_ends_with_as(s.lower())`` == ``_ends_with_as(s.rstrip()[-3:].lower())`` (as ``attribute`` calls it)."""
    rnd = random.Random(3)
    alphabet = ["a", "s", "A", "S", " ", ",", "(", "\n", "x", "\u2003", "İ", "ſ", "\u212a", "é"]
    for _ in range(30000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(8)))
        assert Q._ends_with_as(s.lower()) == Q._ends_with_as(s.rstrip()[-3:].lower()), repr(s)
    # no character but A and a (S and s) lower-cases to a string ending with "a" ("s")
    for c in map(chr, range(0x110000)):
        low = c.lower()
        assert not low.endswith(("a", "s")) or c in "aAsS", repr(c)
        assert c.isspace() == low.isspace() or len(low) != 1, repr(c)


def test_skip_adverbials_word_filter_is_the_regex() -> None:
    """The first-word filter of ``_Extractor._skip_adverbials`` never drops a match of the regex."""
    rnd = random.Random(4)
    words = sorted(Q._ADVERBIAL_FIRST) + ["Monday", "ON", "mondays", "ſunday", "on-air", "_on", "x", "in2", "the"]
    tails = [" ", "  ", ",", "", " a ", " the ", " interview", " statement", " night", "s", "-", " x "]
    doc = segment("x")
    ex = _extractor(doc)
    for _ in range(20000):
        s = "".join(rnd.choice([" ", ",", ""]) for _ in range(rnd.randrange(3)))
        for _ in range(rnd.randrange(1, 4)):
            s += rnd.choice(words) + rnd.choice(tails)
        ex.text = s
        for hi in (len(s), rnd.randrange(len(s) + 1)):
            m = Q._ADVERBIAL_RE.match(s, 0, hi)
            assert ex._skip_adverbials(0, hi) == (m.end() if m else 0), (s, hi)


def test_n_words_only_counts_the_word_only_re_matches(docs: list[Doc]) -> None:
    rnd = random.Random(5)
    alphabet = list("ab Z9_ .,'’-&\n\t:;“”é()") + ["U.S.", "said.", "a.b", "İ", "__"]
    samples = ["".join(rnd.choice(alphabet) for _ in range(rnd.randrange(30))) for _ in range(20000)]
    for doc in docs[:40]:
        text = doc.text
        samples += [text[q.start : q.end] for q in doc.quote_spans]
        samples += [text[a : a + rnd.randrange(200)] for a in (rnd.randrange(len(text) + 1) for _ in range(30))]
    for s in samples:
        n = len(Q._WORD_ONLY_RE.findall(s))
        for cap in (1, 3, 9, 15):
            assert Q._n_words_only(s, cap) == min(n, cap), (s, cap)


@pytest.mark.parametrize("attributions", ["speech", "all"])
def test_find_cues_are_those_of_the_regex_scan(docs: list[Doc], attributions: str) -> None:
    verbs = Q.load_speech_verbs()

    def cues(ex: Q._Extractor) -> list[tuple]:
        return [(c.start, c.end, c.text, c.lemma, c.cls, c.sent) for c in ex.find_cues()]

    for doc in docs:
        make = _extractor if attributions == "speech" else _extractor_all
        ref_ex = make(doc)
        ref_ex._verb_matches = lambda doc=doc: verbs.regex.finditer(doc.text)  # type: ignore[method-assign]
        assert cues(make(doc)) == cues(ref_ex), doc.text[:80]


def test_confidences_keep_their_value_when_rounded() -> None:
    """``attribute`` rounds a confidence only after subtracting from it: the others are their round."""
    for v in [*Q._KIND_CONFIDENCE.values(), 0.4]:
        assert round(v, 2) == v


def test_word_key_prefilter_keeps_every_first_word(docs: list[Doc]) -> None:
    """The hash keys of ``_verb_matches`` reject no token that is a first word, in texts
    with characters that are not ASCII too (each is one code, ``?``, as in the lexicon)."""
    verbs = Q.load_speech_verbs()
    assert verbs.first_keys is not None and verbs.speech_first_keys is not None
    extra = [segment("“Said” — é said, ñ says; sé say ’said’ «asks» 說 said")]
    n = 0
    for doc in docs + extra:
        starts, ends = doc.token_bounds
        keys = Q._word_keys(Q._ascii_codes(doc.text), starts, ends)
        assert keys.min(initial=0) >= 0 and keys.max(initial=0) < Q._N_KEYS
        for a, b, k in zip(starts.tolist(), ends.tolist(), keys.tolist()):
            w = doc.text[a:b]
            if w in verbs.first_words:
                assert verbs.first_keys[k], w
                n += 1
            if w in verbs.speech_first_words:
                assert verbs.speech_first_keys[k], w
    assert n > 100
