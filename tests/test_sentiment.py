"""framing.score.sentiment: sentence, article and actor tone; ToneFeatures; bad input."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from framing.config import SEEDS_DIR
from framing.errors import InputError
from framing.resources import LexiconError
from framing.score.sentiment import (
    ARTICLE_MEASURES,
    ToneFeatures,
    actor_tone,
    article_tone,
    load_afinn,
    mention_tone,
    sentence_tone,
    sentence_tone_rows,
)
from framing.segment import segment

DISAGREE = (
    "Talks in Baku collapse\n\n"
    "The talks in Baku collapsed on Tuesday after a bitter dispute, and both delegations left "
    "angry and disappointed.\n\n"
    "\u201cThis is a wonderful, historic success and we are very happy with the result,\u201d the "
    "foreign minister said.\n\n"
    "Observers called the meeting a disaster and warned of renewed violence in the region.\n"
)

ALIASES = (
    "Russia loses ground in the South Caucasus\n\n"
    "Moscow criticised the agreement on Tuesday. The Kremlin and Russian diplomats were absent "
    "from the ceremony. Vance met Aliyev in Baku.\n"
)

QUOTED_MENTION = (
    "Pashinyan speaks out\n\n"
    "Pashinyan met reporters in Yerevan on Tuesday.\n\n"
    "\u201cRussia is a dangerous and aggressive neighbour,\u201d Pashinyan said.\n"
)


@pytest.fixture(scope="module")
def seed_docs():
    from framing.analyze import make_doc
    from framing.corpus import load_corpus

    corpus = load_corpus(SEEDS_DIR)
    assert len(corpus) == 5
    return [make_doc(a)[0] for a in corpus]


def _measure(df: pd.DataFrame, measure: str) -> pd.Series:
    return df[df["measure"] == measure].iloc[0]


# -- narration vs quotes --------------------------------------------------------------


def test_narration_and_quoted_tone_disagree():
    doc = segment(DISAGREE, doc_id="disagree")
    st = sentence_tone([doc])
    quoted = st[st["in_quote"]]
    assert len(quoted) == 1 and quoted["quoted_compound"].iloc[0] > 0.5
    at = article_tone([doc], n_boot=200)
    assert _measure(at, "narration")["estimate"] < 0  # journalist's words: collapse, bitter, disaster
    assert _measure(at, "quoted")["estimate"] > 0  # the minister: wonderful, success, happy
    assert _measure(at, "quoted")["n_sentences"] == 1
    assert _measure(at, "headline")["estimate"] < 0


# -- actors -------------------------------------------------------------------------


def test_aliases_fold_to_one_actor():
    doc = segment(ALIASES, doc_id="aliases")
    at = actor_tone([doc])
    russia = at[at["actor"] == "Russia"]
    assert len(russia) == 1
    row = russia.iloc[0]
    assert row["n_mentions"] == 4 and row["n_sentences"] == 3
    assert row["voice"] == "outlet" and row["method"] == "target_model"
    assert -1.0 <= row["tone"] <= 1.0


def test_mention_in_quote_is_the_speakers_tone():
    doc = segment(QUOTED_MENTION, doc_id="quoted")
    mt = mention_tone([doc])
    russia = mt[mt["actor"] == "Russia"]
    assert len(russia) == 1
    assert russia["voice"].iloc[0] == "quoted"
    assert russia["speaker"].iloc[0] == "Nikol Pashinyan"
    at = actor_tone(mt)
    assert set(at.loc[at["actor"] == "Russia", "voice"]) == {"quoted"}


def test_actor_tone_on_seeds(seed_docs):
    at = actor_tone(seed_docs)
    assert set(at["article_id"]) == {d.id for d in seed_docs}
    # every seed article covers Vance's visit to Azerbaijan
    for aid, g in at.groupby("article_id"):
        assert {"JD Vance", "Azerbaijan"} <= set(g["actor"]), aid
    scored = at[at["n_scored"] > 0]
    assert scored["tone"].between(-1, 1).all()
    assert (at["n_sentences"] <= at["n_mentions"]).all()


# -- article tone on the seeds -------------------------------------------------------


def test_article_tone_on_seeds(seed_docs):
    at = article_tone(seed_docs, n_boot=300)
    assert len(at) == 5 * len(ARTICLE_MEASURES)
    mean = at[at["measure"] == "mean"]
    # hand check: all five outlets cover the visit as a peace/partnership story
    assert (mean["estimate"] > 0).all()
    assert ((mean["ci_low"] <= mean["estimate"]) & (mean["estimate"] <= mean["ci_high"])).all()
    st = sentence_tone(seed_docs)
    for aid, g in st.groupby("article_id"):
        en = g[~g["non_english"]]
        row = mean[mean["article_id"] == aid].iloc[0]
        assert row["estimate"] == pytest.approx(en["compound"].mean(), abs=1e-12)
        assert row["n_sentences"] == len(en)
    shares = at[at["measure"].str.startswith("share_")].groupby("article_id")["estimate"].sum()
    assert np.allclose(shares, 1.0)
    again = article_tone(seed_docs, n_boot=300)
    pd.testing.assert_frame_equal(at, again)


def test_thresholds_are_parameters(seed_docs):
    loose = article_tone(seed_docs[:1], n_boot=0)
    strict = article_tone(seed_docs[:1], n_boot=0, pos_threshold=0.99, neg_threshold=-0.99)
    assert _measure(strict, "share_positive")["estimate"] < _measure(loose, "share_positive")["estimate"]
    assert np.isnan(_measure(loose, "mean")["ci_low"])  # n_boot=0: no interval
    with pytest.raises(InputError, match="neg_threshold"):
        sentence_tone(seed_docs[:1], pos_threshold=-0.5, neg_threshold=0.5)


def test_sentence_table_columns(seed_docs):
    st = sentence_tone(seed_docs[:2])
    for col in ("article_id", "sentence", "start", "end", "position", "in_quote", "compound", "label"):
        assert col in st
    d = seed_docs[0]
    first = st[st["article_id"] == d.id].iloc[1]
    assert d.text[first["start"]:first["end"]] == d.sentence_text(1)
    assert set(st["label"]) <= {"positive", "negative", "neutral"}


# -- second lexicon -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sign"),
    [("It was a good, happy day for both countries.", 1),
     ("The attack was a terrible disaster.", -1),
     ("The delegation arrived in Baku on Tuesday.", 0)],
)
def test_afinn_lexicon(text, sign):
    st = sentence_tone([segment(text, doc_id="x")], lexicon="afinn")
    assert np.sign(st["compound"].iloc[0]) == sign


def test_bad_lexicon_file(tmp_path):
    f = tmp_path / "lex.txt"
    f.write_text("good\t3\nbad\tminus two\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"lex\.txt: line 2"):
        load_afinn(str(f))
    with pytest.raises(InputError, match="lexicon="):
        sentence_tone([segment("A day.", doc_id="x")], lexicon="nonexistent")


# -- bad input -----------------------------------------------------------------------


def test_single_string_rejected():
    with pytest.raises(InputError, match="single str"):
        sentence_tone("Vance met Aliyev.")


def test_non_english_flagged_neutral_with_warning(caplog):
    text = ("Vance visits Baku\n\nVance met Aliyev on Tuesday and praised the wonderful agreement.\n\n"
            "Вэнс прибыл в Баку во вторник для переговоров с Алиевым о мирном соглашении.\n")
    with caplog.at_level(logging.WARNING, logger="framing"):
        st = sentence_tone([segment(text, doc_id="mixed")])
    ru = st[st["non_english"]]
    assert len(ru) == 1 and ru["compound"].iloc[0] == 0.0 and ru["label"].iloc[0] == "neutral"
    assert "mixed" in caplog.text and "non-English" in caplog.text


@pytest.mark.parametrize("text", ["", "   \n\n  ", "!!! ??? ...", "🙂🙂🙂"])
def test_empty_and_symbol_only_articles(text):
    st = sentence_tone([segment(text, doc_id="odd")])
    assert st["compound"].between(-1, 1).all()
    at = article_tone([segment(text, doc_id="odd")], n_boot=50)
    assert set(at["measure"]) <= set(ARTICLE_MEASURES)


def test_ten_thousand_word_sentence():
    text = " ".join(["the talks were calm and good but long"] * 1250) + "."
    st = sentence_tone([segment(text, doc_id="long")])
    assert st["compound"].between(-1, 1).all()


# -- scikit-learn --------------------------------------------------------------------


def test_tone_features_contract(seed_docs):
    texts = [d.text for d in seed_docs]
    tf = ToneFeatures(pos_threshold=0.1)
    c = clone(tf)
    assert c.get_params() == tf.get_params()
    with pytest.raises(NotFittedError):
        tf.transform(texts)
    with pytest.raises(InputError, match="single str"):
        tf.fit("one article")
    X = tf.fit(texts).transform(texts)
    assert X.shape == (5, len(ARTICLE_MEASURES) + 1)
    names = list(tf.get_feature_names_out())
    assert names[:3] == ["sentiment__mean", "sentiment__median", "sentiment__share_positive"]
    assert "sentiment__headline" in names and "sentiment__quoted" in names
    pipe = make_pipeline(ToneFeatures(), StandardScaler()).set_output(transform="pandas")
    out = pipe.fit_transform(seed_docs)
    assert isinstance(out, pd.DataFrame) and list(out.columns) == names
    # Docs and their texts give the same features when segmentation is the same
    assert np.allclose(ToneFeatures().fit_transform(texts[:1]),
                       ToneFeatures().fit_transform([segment(texts[0], doc_id="a")]), equal_nan=True)


# -- CLI corpus mode -----------------------------------------------------------------


def test_cli_corpus_tables(tmp_path, capsys):
    from framing.cli import main as cli_main

    out = tmp_path / "article.csv"
    assert cli_main(["sentiment", str(SEEDS_DIR), "--level", "article", "--n-boot", "50", "--out", str(out)]) == 0
    df = pd.read_csv(out)
    assert len(df) == 5 * len(ARTICLE_MEASURES)
    out2 = tmp_path / "actor.jsonl"
    assert cli_main(["sentiment", str(SEEDS_DIR), "--level", "actor", "--out", str(out2)]) == 0
    assert "JD Vance" in set(pd.read_json(out2, lines=True)["actor"])
    assert cli_main(["sentiment", str(SEEDS_DIR), "--targets", str(out2), "--out", str(tmp_path / "x")]) == 1
    assert "not both" in capsys.readouterr().err


# -- row-level functions (per-article scoring without a DataFrame) ------------------


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and np.isnan(a) and np.isnan(b):
        return True
    return a == b


def test_sentence_tone_rows_are_the_dataframe_rows(seed_docs):
    from framing.score.sentiment import SENTENCE_COLUMNS, sentence_tone_rows

    df = sentence_tone(seed_docs)
    rows = [r for d in seed_docs for r in sentence_tone_rows(d)]
    assert len(rows) == len(df) > 100
    assert all(list(r) == SENTENCE_COLUMNS for r in rows)
    for r, (_, row) in zip(rows, df.iterrows()):
        assert all(_same(r[c], row[c]) for c in SENTENCE_COLUMNS), r
    assert any(r["quoted_share"] > 0 for r in rows)


def test_mention_rows_are_the_dataframe_rows(seed_docs):
    from framing.score.sentiment import MENTION_COLUMNS, mention_rows

    df = mention_tone(seed_docs)
    rows = [r for d in seed_docs for r in mention_rows(d)]
    assert len(rows) == len(df) > 50
    assert all(list(r) == MENTION_COLUMNS for r in rows)
    for r, (_, row) in zip(rows, df.iterrows()):
        # a missing speaker is None in a row, NaN in the DataFrame's string column
        for c in MENTION_COLUMNS:
            assert _same(r[c], row[c]) or (r[c] is None and pd.isna(row[c])), (c, r[c], row[c])
    assert {r["voice"] for r in rows} == {"outlet", "quoted"}
    assert all(r["method"] in {"target_model", "attributive", "non_english"} for r in rows)


def test_given_quotes_are_used(seed_docs):
    """Quote records passed in (or set with set_quotes) decide what counts as quoted material."""
    from framing.quotes import extract_quotes
    from framing.score.sentiment import sentence_tone_rows, set_quotes

    doc = seed_docs[0]
    with_quotes = sentence_tone_rows(doc, quotes=extract_quotes(doc))
    assert any(r["quoted_share"] > 0 for r in with_quotes)
    # no voices at all: nothing is quoted material (quotation marks alone are not used when records exist)
    none = sentence_tone_rows(doc, quotes=[])
    assert all(r["quoted_share"] == 0 and r["narration_compound"] == r["compound"] for r in none)
    fresh = segment(doc.text, doc_id="fresh")
    set_quotes(fresh, [])
    assert all(r["quoted_share"] == 0 for r in sentence_tone_rows(fresh))


@pytest.mark.parametrize(
    "text",
    ["", "   ", "a_b __ — “Hi,” said-he 42 _", "Aliyev said: “We will continue.”", "\u00e9t\u00e9 ١٢ \u2014 --", "x\x1cy z\u00a0w"],
)
def test_word_count_matches_the_regex_definition(text):
    import re

    from framing.score.sentiment import _n_words

    assert _n_words(text) == len(re.findall(r"\S*[^\W_]\S*", text))


# -- one VADER pass per sentence, shared by the sentence and actor tone ---------------------


def _same(a, b) -> bool:
    return a == b or (a != a and b != b)  # NaN == NaN here


def test_vader_path_equals_generic_scorer(seed_docs):
    """The VADER path (each text split once) gives exactly the rows of the generic scorer function."""
    from framing.score.sentiment import _scorer, _sentence_tuples, sentence_tone_rows

    n_parts = 0
    for doc in seed_docs:
        fast = sentence_tone_rows(doc)
        generic = _sentence_tuples(doc, _scorer("vader"), None, 0.05, -0.05)
        assert len(fast) == len(generic) > 0
        for r, g in zip(fast, generic):
            assert all(_same(a, b) for a, b in zip(r.values(), g)), (r, g)
        n_parts += sum(r["quoted_compound"] == r["quoted_compound"] for r in fast)
    assert n_parts >= 5


def test_mentions_same_with_and_without_the_shared_analysis():
    """mention_rows reuses sentence_tone_rows' tokens and VADER of a Doc: the rows of a fresh Doc."""
    from framing.analyze import make_doc
    from framing.corpus import load_corpus
    from framing.score.sentiment import _ANALYSED, _recall, mention_rows, sentence_tone_rows

    n = 0
    for a in load_corpus(SEEDS_DIR):
        fresh = mention_rows(make_doc(a)[0])
        doc = make_doc(a)[0]
        sentence_tone_rows(doc)
        assert _recall(_ANALYSED, doc)[0]
        shared = mention_rows(doc)
        assert len(shared) == len(fresh)
        for r, f in zip(shared, fresh):
            assert r.keys() == f.keys()
            for k in r:
                assert _same(r[k], f[k]) or abs(r[k] - f[k]) < 1e-12, k
        n += sum(r["method"] == "target_model" for r in shared)
    assert n >= 20


@pytest.mark.parametrize("lexicon", ["vader", "afinn"])
def test_sentence_tone_rows_into_existing_rows_equals_merging_new_rows(lexicon):
    """``into`` adds the tone columns to the scorer's sentence rows in place: the same rows,
    keys in the same order, as merging fresh tone rows into copies of them."""
    from framing.analyze import make_doc, sentence_rows
    from framing.corpus import load_corpus

    for article in load_corpus():
        doc, _ = make_doc(article)
        base = sentence_rows(doc)
        merged = [dict(r) for r in base]
        for r, t in zip(merged, sentence_tone_rows(doc, lexicon=lexicon)):
            r.update(t)
        got = sentence_tone_rows(doc, lexicon=lexicon, into=base)
        assert got is base
        assert [list(r.items()) for r in got] == [list(r.items()) for r in merged]
        assert all("compound" in r and "n_words" in r for r in got)
    with pytest.raises(InputError, match="rows for the"):
        sentence_tone_rows(doc, into=base[:-1])
