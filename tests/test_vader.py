"""framing.score.vader: same scores as vaderSentiment, lexicon loaded once, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import vaderSentiment.vaderSentiment as reference

from framing.resources import LexiconError
from framing.score.vader import compound, get_vader, polarity_scores

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TRAIN = DATA / "newsmtsc_train.jsonl"

# The examples of the reference's own demo plus rule corner cases (negation,
# "but" with repeated valences, caps, idioms, "least", emoji, kind of).
RULE_CASES = [
    "VADER is smart, handsome, and funny.",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Sentiment analysis has never been this good!",
    "With VADER, sentiment analysis is the shit!",
    "On the other hand, VADER is quite bad ass",
    "Without a doubt, excellent idea.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "good good bad but good good bad bad great",
    "GOOD bad but BAD good good??",
    "no no good, no problem or nor bad",
    "😁😁x 😁",
    "",
    "   ",
    "!!! ??? ...",
]


def _real_sentences(n: int = 400) -> list[str]:
    if not TRAIN.exists():
        pytest.skip(f"{TRAIN} not available")
    out: list[str] = []
    with TRAIN.open(encoding="utf-8") as fh:
        for line in fh:
            s = json.loads(line)["sentence"]
            if s not in out:
                out.append(s)
            if len(out) >= n:
                break
    return out


@pytest.fixture()
def unrounded(monkeypatch):
    """The reference analyser with its final rounding switched off (module-level ``round``)."""
    monkeypatch.setattr(reference, "round", lambda x, n=None: x, raising=False)
    return reference.SentimentIntensityAnalyzer()


def test_full_precision_agreement_on_real_news_sentences(unrounded):
    v = get_vader()
    sents = _real_sentences() + RULE_CASES
    worst = 0.0
    for s in sents:
        ref = unrounded.polarity_scores(s)
        got = v.scores(s)
        for key in ("neg", "neu", "pos", "compound"):
            worst = max(worst, abs(ref[key] - getattr(got, key)))
    assert worst <= 1e-9, worst


@pytest.mark.parametrize("text", RULE_CASES)
def test_rounded_scores_identical_to_reference(text):
    assert polarity_scores(text) == reference.SentimentIntensityAnalyzer().polarity_scores(text)


def test_lexicon_loaded_once():
    assert get_vader() is get_vader()


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # seed sentences (seeds/002, 001), signs written down before running
        ("These events highlight ongoing tensions despite peace efforts.", -1),
        ("Aliyev said that the TRIPP project “will be another contribution to peace, "
         "development and cooperation in the region.”", 1),
        ("The Caucasus region has been marred by conflict, particularly over the Karabakh area, "
         "where Azerbaijan's 2023 offensive ended three decades of Armenian separatist rule.", -1),
        # Written down before running and kept: VADER disagrees with the human
        # reading because of its lexicon ("controversy" is not in it; "agreement"
        # is +2.2), a known limit of a social-media lexicon on news.
        pytest.param("Vance's trip was not without controversy.", -1,
                     marks=pytest.mark.xfail(strict=True, reason="'controversy' not in the VADER lexicon")),
        pytest.param("The foundations of this agreement were laid in August.", 0,
                     marks=pytest.mark.xfail(strict=True, reason="VADER rates 'agreement' +2.2")),
    ],
)
def test_seed_sentence_signs(text, sign):
    c = compound(text)
    got = 1 if c >= 0.05 else (-1 if c <= -0.05 else 0)
    assert got == sign, c


@pytest.mark.parametrize("text", ["", "   ", "...", "—", "🙂🙂🙂", "?!?!"])
def test_empty_punctuation_and_emoji_only(text):
    s = get_vader().scores(text)
    assert -1.0 <= s.compound <= 1.0
    assert s.neg >= 0 and s.neu >= 0 and s.pos >= 0


def test_non_str_rejected():
    with pytest.raises(TypeError, match="str"):
        get_vader().scores(None)  # type: ignore[arg-type]


def test_long_sentence_is_scored():
    text = " ".join(["the talks were good but tense"] * 2000)  # 12,000 words
    assert -1.0 <= compound(text) <= 1.0


def test_user_lexicon_and_malformed_file(tmp_path):
    good = tmp_path / "lex.txt"
    good.write_text("splendid\t3.0\t0.5\t[3,3]\nawful\t-2.5\n", encoding="utf-8")
    v = get_vader(str(good))
    assert v.compound("A splendid day") > 0 > v.compound("An awful day")
    assert v.compound("A good day") == 0.0  # only the user's words
    bad = tmp_path / "bad.txt"
    bad.write_text("fine\t1.0\nbroken line without tab\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.txt: line 2"):
        get_vader(str(bad))
    with pytest.raises(LexiconError, match="not found"):
        get_vader(str(tmp_path / "missing.txt"))


def test_scores_of_tokens_same_as_scores():
    """The shared path (tokens and valences computed once, e.g. by the target model) scores the same."""
    v = get_vader()
    sentences = _real_sentences(400) + RULE_CASES
    n = 0
    for s in sentences:
        if v.has_emoji(s):  # emojis are scored as their descriptions: not the same tokens
            continue
        words = s.split()
        lows = v._tokens(words)
        vals = v._valences(words, lows) if words else []
        assert v.scores_of_tokens(s, words, lows, vals) == v.scores(s), s
        n += 1
    assert n >= 400
    assert v.has_emoji("Great day \U0001F600") and not v.has_emoji("Great day :)")


# Sentences where a rule looks at a neighbour of a lexicon word (the short cut for words
# with no rule word nearby must not apply): negation within three words, "n't" tokens,
# boosters, "so"/"this", "least", "no", "kind of" and idioms, next to plain sentences.
CONTEXT_CASES = [
    "The talks were good.",
    "The talks were not good.",
    "The talks weren't at all good.",
    "The talks, they say, were never so good.",
    "This good deal was signed.",
    "It was the least good outcome, at least for Baku.",
    "No good came of it, and no deal either.",
    "The deal is kind of good, sort of fair and just enough.",
    "The summit was the kiss of death for the peace talks.",
    "Vance called it a GREAT deal for PEACE and a bad one for Moscow.",
    "Critics said the visit was EXTREMELY bad but the deal was good.",
    "Without doubt a good step, officials said, despite fears.",
]


@pytest.mark.parametrize("text", CONTEXT_CASES)
def test_context_rules_agree_with_reference(text, unrounded):
    ref = unrounded.polarity_scores(text)
    got = get_vader().scores(text)
    for key in ("neg", "neu", "pos", "compound"):
        assert abs(ref[key] - getattr(got, key)) <= 1e-12, key


def test_analyse_and_scores_of_words_same_as_scores():
    """One pass (tokens, valences, scores) gives exactly what the separate calls give."""
    v = get_vader()
    n = 0
    for s in _real_sentences(400) + RULE_CASES + CONTEXT_CASES:
        words, lows, vals, sc = v.analyse(s)
        assert sc == v.scores(s), s
        assert words == s.split()
        assert vals == v.token_valences(words)
        assert v.scores_of_words(s, words) == v.scores(s), s
        assert v.compound_of_words(s, words) == v.compound(s), s
        n += bool(vals)
    assert n > 300


def test_compound_of_words_exact_on_reference_sentences(unrounded):
    """The fast path used for sentence tone equals the reference's unrounded compound, and
    ``compound``, bit for bit, on real news sentences, their upper-cased and "but"-joined variants."""
    v = get_vader()
    sents = _real_sentences(300)
    variants = sents + [s.upper() for s in sents[:60]] + [f"{a} but {b}" for a, b in zip(sents[:60], sents[60:120])]
    for s in variants + RULE_CASES + CONTEXT_CASES:
        got = v.compound_of_words(s, s.split())
        assert got == v.compound(s), s
        assert abs(got - unrounded.polarity_scores(s)["compound"]) <= 1e-12, s


def test_emoji_pre_test_finds_every_emoji():
    """The character-class pre-test of :meth:`Vader.has_emoji` misses no emoji (it only skips the set test)."""
    v = get_vader()
    assert all(v._emoji_hint(f"a{c}b") is not None for c in v.emojis)
    texts = [
        "plain ascii", "curly “quotes” — and dashes…", "© 2016 ™", "math \U0001d538 and \U0001f0a1 cards",
        "Great day \U0001F600", "snow \u2744 flake", "\U0001f9ff end", "\U0001fa70 beyond the range",
    ]  # fmt: skip
    for t in texts:
        assert v.has_emoji(t) == (not v._emoji_set.isdisjoint(t)), t
