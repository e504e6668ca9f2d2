"""framing._ext.vader: the compiled VADER gives exactly the results of the pure-Python rules."""

from __future__ import annotations

import importlib
import json
import os
import random
from pathlib import Path

import pytest

from framing.config import SEEDS_DIR
from framing.score import vader as V
from framing.score.sentiment import _n_words

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
LOCAL = Path(__file__).resolve().parent / "data"

EDGE_CASES = [
    "",
    " ",
    "\xa0\u2009\x1c\x1d\x1e\x1f\x85\u3000",
    "good\xa0bad\u2009nice\x1cgreat\x1fawful",
    "GOOD NEWS EVERYONE",
    "GOOD news everyone!!!",
    "This is NOT good, it is VERY bad??",
    "He isn’t happy and “wasn't” glad — they said… ‘no’.",
    "He didn't like it, but it was great but awful.",
    "good good bad but good good bad bad great but nice",
    "The book was only kind of good, kind of bad, sort of okay.",
    "At least it isn't a horrible book, at very least.",
    "Sentiment analysis has never been this good, never so bad!",
    "Without a doubt, an excellent idea; without doubt good.",
    "no no good, no problem or nor bad, no",
    "It was the shit, the bomb, bad ass, a bus stop, yeah right, the kiss of death to die for.",
    "He has a beating heart, just enough, kind of good",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Copyright © 2024 the good company™",
    "ÉLYSÉE is GREAT and Ölüm was bad",
    "İstanbul is lovely; ΣΟΦΟΣ is wise",
    "𝐁𝐨𝐥𝐝 good text",
    "x" * 5000 + " good " + "!" * 10,
    "good" * 300 + " bad",
    "?? ?! !! ... ,,, :) :( :-D",
    "'good' \"bad\" (nice) [awful] {great} <terrible> --love-- __hate__",
    "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    "!!! ??? ...",
    "KIND OF GOOD but NOT BAD",
    "Zoë’s café was déjà vu, naïve but nice",
    "\ud800 lone surrogate good",
]

#: Words that exercise the rules (boosters, negations, idiom words, caps, punctuation).
_VOCAB = (
    "good bad great awful love hate nice terrible happy sad no not never without doubt so this "
    "very extremely barely kind of sort least at but or nor isn't don't can't wasn't the shit bomb bus "
    "stop yeah right kiss death to die for beating heart just enough bad ass really hardly GOOD BAD "
    "NOT VERY NEVER LOVE :) :( !!! ?? ? ! , . “good” ‘bad’ isn’t — lol sux kinda uber friggin "
    "problem fine okay okay! good, bad. (great) 'nice' despite rarely seldom nothing nowhere"
).split()


def _compiled():
    """The compiled module (imported even under FRAMING_PURE_PYTHON); a missing one fails unless allowed."""
    try:
        return importlib.import_module("framing._ext.vader")
    except ImportError:
        if os.environ.get("FRAMING_ALLOW_PURE") == "1":
            pytest.skip("framing._ext.vader not built (FRAMING_ALLOW_PURE=1)")
        pytest.fail("framing._ext.vader is not built (build it, or set FRAMING_ALLOW_PURE=1 to skip)")


def _with_table(v, monkeypatch):
    """``v`` with its compiled table (built here when the package runs pure Python)."""
    if v._ct is None:
        monkeypatch.setattr(V, "_c", _compiled())
        monkeypatch.setattr(v, "_ct", V._compiled_table(v))
    assert v._ct is not None
    return v


@pytest.fixture()
def vader(monkeypatch):
    """The default analyser with its compiled table."""
    _compiled()
    return _with_table(V.get_vader(), monkeypatch)


def _pure(v, method, *args):
    saved = v._ct
    v._ct = None
    try:
        return getattr(v, method)(*args)
    finally:
        v._ct = saved


def _check(v, text: str) -> bool:
    """Compiled and pure results of every entry point on ``text``; True when the compiled code ran."""
    ct = v._ct
    got = ct.analyse(text)
    if got is not None:
        want = _pure(v, "analyse", text)
        assert repr(got) == repr(want), text
        assert [type(x) for _, x in got[2]] == [type(x) for _, x in want[2]], text
        assert type(got[3]) is V.VaderScores
        s = ct.sentence(text)
        assert s[:4] == tuple(want[3]) and s[4] == _n_words(text), text
        c = ct.compound_words(text)
        assert c == (want[3][3], _n_words(text)), text
    else:
        assert ct.sentence(text) is None and ct.compound_words(text) is None and ct.scores(text) is None
    assert repr(v.analyse(text)) == repr(_pure(v, "analyse", text)), text
    assert repr(v.scores(text)) == repr(_pure(v, "scores", text)), text
    assert v.polarity_scores(text) == _pure(v, "polarity_scores", text), text
    words = text.split()
    assert repr(v.compound_of_words(text, words)) == repr(_pure(v, "compound_of_words", text, words)), text
    assert repr(v.scores_of_words(text, words)) == repr(_pure(v, "scores_of_words", text, words)), text
    return got is not None


def _real_texts(limit: int = 6000) -> list[str]:
    out: list[str] = []
    for name in ("newsmtsc_train.jsonl", "newsmtsc_dev_rw.jsonl", "polnear_dev.jsonl"):
        path = DATA / name if (DATA / name).exists() else LOCAL / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                text = rec.get("sentence") or rec.get("text") or ""
                out.extend(p for p in text.replace(". ", ".\n").replace("? ", "?\n").split("\n") if p)
                if len(out) >= limit:
                    return out
    for p in sorted(Path(SEEDS_DIR).glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        out.extend(text.split("\n"))
        out.extend(text.replace(". ", ".\n").split("\n"))
    return out


def test_edge_cases(vader):
    ran = [_check(vader, t) for t in EDGE_CASES]
    assert any(ran) and not all(ran)  # emojis, upper-case non-ASCII, astral characters: the Python code


def test_real_sentences(vader):
    texts = _real_texts()
    if len(texts) < 100:
        pytest.skip("no real text available")
    ran = sum(_check(vader, t) for t in texts)
    assert ran > 0.9 * len(texts)


def test_random_rule_combinations(vader):
    rng = random.Random(7)
    seps = [" ", "  ", "\xa0", "\t", " \u2009 "]
    for _ in range(4000):
        k = rng.randint(1, 14)
        words = [rng.choice(_VOCAB) for _ in range(k)]
        text = "".join(w + rng.choice(seps) for w in words).strip(" ") + rng.choice(["", ".", "!", "!!", "??", "?"])
        _check(vader, text)


def test_user_lexicon_with_non_ascii_and_upper_case_keys(tmp_path, monkeypatch):
    lex = tmp_path / "lex.txt"
    lex.write_text("café\t2.0\nnaïve\t-1.5\ngood\t1.9\nBAD\t-2.0\nbad\t-2.5\nnot bad\t3\n", encoding="utf-8")
    v = _with_table(V.get_vader(str(lex)), monkeypatch)
    for t in ["The café is good", "naïve but good café!", "NOT BAD café", "bad BAD", "very naïve", ""]:
        _check(v, t)


def test_sentence_and_mention_rows_compiled_equal_pure(vader):
    """The tone tables of the seed articles: compiled VADER equals the pure-Python path (NaN-aware)."""
    from framing.analyze import make_doc
    from framing.corpus import load_corpus
    from framing.score.sentiment import mention_rows, sentence_tone_rows

    v = vader

    def same(a, b):
        return repr(a) == repr(b)

    for a in load_corpus(SEEDS_DIR):
        doc_c = make_doc(a)[0]
        rows_c = sentence_tone_rows(doc_c)
        ment_c = mention_rows(doc_c)
        saved = v._ct
        v._ct = None
        try:
            doc_p = make_doc(a)[0]
            rows_p = sentence_tone_rows(doc_p)
            ment_p = mention_rows(doc_p)
        finally:
            v._ct = saved
        assert same(rows_c, rows_p)
        assert same(ment_c, ment_p)
