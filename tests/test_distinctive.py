"""Tests for framing.score.distinctive: weighted log-odds (Monroe et al. 2008) and TermCounts."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from framing.errors import InputError
from framing.resources import tomllib
from framing.score.distinctive import (
    TermCounts,
    distinctive_terms,
    log_odds,
    sentence_terms,
    stop_words,
)
from framing.segment import segment

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def seed_docs():
    return [
        segment(p.read_text(encoding="utf-8"), doc_id=p.name[:3], meta={"outlet": p.name[:3]})
        for p in sorted((ROOT / "seeds").glob("*.txt"))
    ]


@pytest.fixture(scope="module")
def table(seed_docs):
    return distinctive_terms(seed_docs)


def test_log_odds_matches_the_formula():
    y_i = np.array([10.0, 0.0, 5.0])
    y_j = np.array([2.0, 8.0, 5.0])
    a = np.array([1.2, 0.8, 1.0])
    delta, z = log_odds(y_i, y_j, a)
    a0, n_i, n_j = a.sum(), y_i.sum(), y_j.sum()
    for w in range(3):
        d = math.log((y_i[w] + a[w]) / (n_i + a0 - y_i[w] - a[w])) - math.log(
            (y_j[w] + a[w]) / (n_j + a0 - y_j[w] - a[w])
        )
        assert delta[w] == pytest.approx(d)
        assert z[w] == pytest.approx(d / math.sqrt(1 / (y_i[w] + a[w]) + 1 / (y_j[w] + a[w])))
    assert delta[0] > 0 > delta[1]


def test_table_is_tidy_with_counts_side_by_side(table, seed_docs):
    assert list(table.columns) == ["group", "versus", "ngram", "term", "count", "count_versus",
                                   "per_1k", "per_1k_versus", "log_odds", "se", "z"]
    assert set(table["group"]) == {"000", "001", "002", "003", "004"}
    assert set(table["versus"]) == {"rest"}
    assert set(table["ngram"]) == {1, 2}
    assert (table["count"] + table["count_versus"] >= 2).all()
    assert np.allclose(table["z"], table["log_odds"] / table["se"])
    # raw counts are real counts: "rights" is used 4 times by 002 and never by the others
    row = table[(table.group == "002") & (table.term == "rights")].iloc[0]
    assert (row["count"], row["count_versus"]) == (4, 0)
    assert sum(d.text.lower().count("rights") for d in seed_docs if d.id == "002") == 4


@pytest.mark.parametrize(
    "outlet, expected",
    [
        # agrees with the reading (tests/data/theme_reading_seeds.toml): 002 alone treats
        # human rights; 004 leans on economy and connectivity; 003 on equipment/influence
        ("002", {"rights", "human"}),
        ("004", {"economic", "connectivity"}),
        ("003", {"equipment"}),
    ],
)
def test_top_words_reflect_the_reading(table, outlet, expected):
    top = table[(table.group == outlet) & (table.ngram == 1)].head(6)["term"]
    assert expected <= set(top), list(top)


def test_reading_theme_only_in_one_outlet_has_top_bigram(table):
    reading = tomllib.loads((DATA / "theme_reading_seeds.toml").read_text(encoding="utf-8"))
    only = [a for a, s in reading["articles"].items() if s["human_rights"]["present"]]
    assert only == ["002"]
    top = table[(table.group == "002") & (table.ngram == 2)].iloc[0]
    assert top["term"] == "human rights" and top["count_versus"] == 0


def test_stop_words_removed_but_acronyms_kept(table):
    sw = stop_words()
    assert {"the", "and", "said", "of"} <= sw and "security" not in sw
    # "US" (all capitals) is the country, not the pronoun: the only stop word kept
    assert set(table.loc[table.ngram == 1, "term"]) & sw == {"us"}
    assert all(set(t.split()) & sw <= {"us"} for t in table.loc[table.ngram == 2, "term"])
    assert {"us vice", "sitting us"} <= set(table["term"])


def test_pair_is_antisymmetric(seed_docs):
    ab = distinctive_terms(seed_docs, pair=("002", "004")).set_index(["ngram", "term"])
    ba = distinctive_terms(seed_docs, pair=("004", "002")).set_index(["ngram", "term"])
    assert set(ab["versus"]) == {"004"}
    common = ab.index.intersection(ba.index)
    assert len(common) > 100
    np.testing.assert_allclose(ab.loc[common, "z"], -ba.loc[common, "z"])
    np.testing.assert_array_equal(ab.loc[common, "count"], ba.loc[common, "count_versus"])


def test_counts_accumulate_from_chunks(seed_docs):
    whole = TermCounts.from_docs(seed_docs)
    chunks = [TermCounts.from_docs(seed_docs[:2]), TermCounts.from_docs(seed_docs[2:4]),
              TermCounts().add(seed_docs[4])]
    summed = sum(chunks)
    assert summed.counts == whole.counts and summed.n_docs == whole.n_docs
    acc = TermCounts()
    for c in chunks:
        acc += c
    assert acc.counts == whole.counts
    a = distinctive_terms(whole)
    b = distinctive_terms(acc)
    assert a.equals(b)
    tidy = whole.to_frame()
    assert list(tidy.columns) == ["group", "term", "ngram", "count"]
    assert tidy["count"].sum() == sum(sum(c.values()) for c in whole.counts.values())


def test_prior_strength_shrinks(seed_docs):
    weak = distinctive_terms(seed_docs, prior_strength=10).set_index(["group", "ngram", "term"])
    strong = distinctive_terms(seed_docs, prior_strength=1e5).set_index(["group", "ngram", "term"])
    key = ("002", 1, "rights")
    assert abs(strong.loc[key, "log_odds"]) < abs(weak.loc[key, "log_odds"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The pipelines of Russia's gas.", ["pipelines", "russia", "gas", "russia gas"]),
        ("Energy security, said the minister.", ["energy", "security", "energy security", "minister"]),
        ("In 2026 the U.S. and 16 countries.", ["u.s", "countries"]),
        ("", []),
    ],
)
def test_sentence_terms(text, expected):
    doc = segment(text, headline=False)
    got = [t for _s, terms in sentence_terms(doc) for t in terms]
    assert got == expected


def test_foreign_text_not_counted():
    doc = segment("万斯访问阿塞拜疆 Vance visited Baku.\n\nЭто русский текст про газ.", headline=False)
    got = {t for _s, terms in sentence_terms(doc) for t in terms}
    assert got == {"vance", "visited", "baku", "vance visited", "visited baku"}


def test_bad_input(seed_docs):
    with pytest.raises(InputError, match="at least two groups"):
        distinctive_terms(seed_docs[:1])
    with pytest.raises(InputError, match="unknown group 'x'"):
        distinctive_terms(seed_docs, pair=("002", "x"))
    with pytest.raises(InputError, match="itself"):
        distinctive_terms(seed_docs, pair=("002", "002"))
    with pytest.raises(InputError, match="ngram_range"):
        TermCounts(ngram_range=(1, 3))
    with pytest.raises(InputError, match="prior_strength"):
        distinctive_terms(seed_docs, prior_strength=0)
    with pytest.raises(InputError, match="cannot add"):
        TermCounts((1, 1)).__iadd__(TermCounts((1, 2)))
    with pytest.raises(InputError, match="single str"):
        TermCounts.from_docs("text")


def test_missing_outlet_falls_back_to_id(caplog):
    docs = [segment("Gas and oil.", doc_id="a"), segment("Troops and tanks.", doc_id="b")]
    tc = TermCounts.from_docs(docs)
    assert tc.groups == ["a", "b"]
    assert "no 'outlet'" in caplog.text
