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
    "x_said; AT&T said; re-said; 3said; I.said; e.g.pointed out that",
    "They point out. She pointed out, “yes.” said",
    "“said” he said' she said’ - said -said",
    "said",
    "",
    "a.b. ab.. a&&b a'.b a.-b __a 3.5% don’t. ... é'ñ",
]


def _texts() -> list[str]:
    texts = [clean(a.text, title=a.title).text for a in load_corpus()]
    if POLNEAR_DEV.exists():
        with POLNEAR_DEV.open(encoding="utf-8") as fh:
            texts += [clean(json.loads(line)["text"]).text for line in fh]
    return texts + EDGE_CASES


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    return [segment(t) for t in _texts()]


def _extractor(doc: Doc) -> Q._Extractor:
    return Q._Extractor(doc, Q.load_actors(), Q.load_speech_verbs(), Q.load_roles(), "speech")


def test_verb_matches_are_those_of_the_regex_scan(docs: list[Doc]) -> None:
    verbs = Q.load_speech_verbs()
    assert verbs.first_words is not None
    n = 0
    for doc in docs:
        got = [m.span() for m in _extractor(doc)._verb_matches()]
        ref = [m.span() for m in verbs.regex.finditer(doc.text)]
        assert got == ref, doc.text[:80]
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
