"""Tests for framing.score.voices: quotes frame, voices tables, share of voice, VoiceFeatures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from framing.errors import InputError
from framing.score.voices import VoiceFeatures, quotes_frame, share_of_voice, voices_table
from framing.segment import segment

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

ARTICLE_A = (
    "Aliyev met Vance in Baku.\n\n"
    "“We will continue cooperation,” Aliyev said, “in every field.”\n\n"
    "Rights activist Leyla Yunus said the trial was unfair.\n\n"
    "AzerNEWS reported that the talks lasted two hours.\n\n"
    "The “Trump Route” was discussed."
)
ARTICLE_B = "Vance said the visit was historic. “It is a new era,” Vance added."


@pytest.fixture(scope="module")
def docs():
    return [segment(ARTICLE_A, doc_id="a", meta={"outlet": "X"}),
            segment(ARTICLE_B, doc_id="b", meta={"outlet": "Y"})]


@pytest.fixture(scope="module")
def qf(docs):
    return quotes_frame(docs)


def test_quotes_frame_rows(qf, docs):
    a = qf[qf["article_id"] == "a"]
    assert list(a["kind"]) == ["direct", "indirect", "reported", "title"]
    assert list(a["speaker_name"].fillna("-")) == ["Ilham Aliyev", "Leyla Yunus", "AzerNEWS", "-"]
    assert list(a["group"]) == ["government", "civil_society", "media", "unknown"]
    assert list(a["is_voice"]) == [True, True, False, False]
    # offsets are evidence: they index the article text
    text = docs[0].text
    for _, r in qf[qf["article_id"] == "a"].iterrows():
        assert text[r["start"] : r["end"]].startswith(r["content"][:5])
    direct = a.iloc[0]
    assert direct["words"] == 4 + 3 and len(direct["spans"]) == 2


def test_voices_table_by_article(qf):
    t = voices_table(qf, by="article_id").set_index("article_id")
    a = t.loc["a"]
    assert (a["n_quotes"], a["n_direct"], a["n_indirect"]) == (2, 1, 1)
    assert a["direct_share"] == 0.5
    assert a["n_speakers"] == 2 and a["n_unattributed"] == 0
    assert a["government_share"] == 0.5 and a["civil_society_share"] == 0.5
    assert a["non_government_share"] == 0.5
    assert a["first_voice"] == "Ilham Aliyev" and a["first_voice_group"] == "government"
    assert a["media_sources"] == "AzerNEWS" and a["n_media"] == 1 and a["n_not_speech"] == 1
    assert a["words_quoted"] == (4 + 3) + 4
    assert a["quote_ids"] == ["a:0", "a:1"]
    b = t.loc["b"]
    assert (b["n_quotes"], b["n_direct"], b["n_speakers"]) == (2, 1, 1)
    assert b["government_share"] == 1.0 and b["non_government_share"] == 0.0


def test_voices_table_by_outlet_traces_to_records(qf):
    t = voices_table(qf, by="outlet").set_index("outlet")
    assert t.loc["X", "n_articles"] == 1
    ids = t.loc["X", "quote_ids"]
    assert t.loc["X", "n_quotes"] == len(ids) == qf[qf["quote_id"].isin(ids)]["is_voice"].sum()
    with pytest.raises(ValueError, match="by must be"):
        voices_table(qf, by="speaker")


def test_share_of_voice(qf):
    s = share_of_voice(qf, by="article_id", who="speaker")
    a = s[s["article_id"] == "a"].set_index("speaker")
    assert a.loc["Ilham Aliyev", "share_quotes"] == 0.5
    assert a.loc["Ilham Aliyev", "share_words"] == pytest.approx(7 / 11)
    g = share_of_voice(qf, by="outlet", who="group")
    assert g.groupby("outlet")["share_quotes"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_seed_outlets_differ():
    docs = [segment(p.read_text(encoding="utf-8"), doc_id=p.name[:3]) for p in sorted(SEEDS.glob("*.txt"))]
    t = voices_table(quotes_frame(docs)).set_index("article_id")
    assert t.loc["002", "civil_society_share"] > 0  # the open letter of rights groups
    assert t.loc["001", "civil_society_share"] == 0
    assert "Euronews" in t.loc["001", "media_sources"]
    assert t.loc["003", "media_sources"] == "Reuters; UNN"


def test_voice_features_contract(docs):
    vf = VoiceFeatures()
    assert vf.get_params()["attributions"] == "speech"
    X = vf.fit_transform(docs)
    names = list(vf.get_feature_names_out())
    assert names[:4] == ["voices__n_quotes", "voices__n_direct", "voices__n_indirect", "voices__direct_share"]
    assert "voices__civil_society_share" in names and "voices__government_share" in names
    assert X.shape == (2, len(names))
    row = dict(zip(names, X[0]))
    assert row["voices__n_quotes"] == 2 and row["voices__civil_society_share"] == 0.5
    df = clone(vf).set_output(transform="pandas").fit(docs).transform([ARTICLE_A, "No quotes here."])
    assert isinstance(df, pd.DataFrame) and list(df.columns) == names
    assert df.iloc[1].sum() == 0
    pipe = Pipeline([("v", VoiceFeatures()), ("s", StandardScaler())]).fit([ARTICLE_A, ARTICLE_B])
    assert np.isfinite(pipe.transform([ARTICLE_A])).all()


def test_voice_features_errors(docs):
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        VoiceFeatures().transform(docs)
    with pytest.raises(InputError, match="single document"):
        VoiceFeatures().fit(ARTICLE_A)
    with pytest.raises(ValueError, match="attributions must be"):
        VoiceFeatures(attributions="x").fit(docs)
    with pytest.raises(ValueError, match="groups"):
        VoiceFeatures(groups=("aliens",)).fit(docs)
    with pytest.raises(InputError, match="document 1"):
        VoiceFeatures().fit(docs).transform([ARTICLE_A, 3])
