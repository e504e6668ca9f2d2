"""FramingFeatures: the union of tone, theme and voice transformers in a real pipeline."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

import framing
from framing.errors import InputError
from framing.features import FramingFeatures

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seed_docs():
    corpus = framing.load_corpus()
    return [framing.make_doc(a)[0] for a in corpus]


def test_union_has_every_family_and_stable_names(seed_docs):
    X = FramingFeatures().set_output(transform="pandas").fit_transform(seed_docs)
    assert X.shape[0] == 5
    families = {c.split("__", 1)[0] for c in X.columns}
    assert families == {"sentiment", "emphasis", "voices"}
    assert {"sentiment__mean", "emphasis__human_rights_per_1k", "voices__civil_society_share"} <= set(X.columns)
    # the human-rights controversy is carried by one seed only (002)
    hr = X["emphasis__human_rights_per_1k"].to_numpy()
    assert np.count_nonzero(hr) == 1 and hr[2] > 0


def test_pipeline_and_clone(seed_docs):
    y = [0, 0, 1, 0, 0]
    model = make_pipeline(FramingFeatures(), LogisticRegression(max_iter=1000)).fit(seed_docs, y)
    assert model.predict(seed_docs).shape == (5,)
    twin = clone(FramingFeatures())
    assert [name for name, _ in twin.transformer_list] == ["tone", "themes", "voices"]


def test_strings_are_segmented_once_and_match_docs():
    texts = [p.read_text(encoding="utf-8") for p in SEEDS[:2]]
    f = FramingFeatures().set_output(transform="pandas")
    a = f.fit_transform(texts)
    b = f.transform([framing.segment(t, doc_id=f"doc{i}") for i, t in enumerate(texts)])
    assert a.equals(b)


def test_bare_string_rejected():
    with pytest.raises(InputError, match="1-D iterable of documents"):
        FramingFeatures().fit("just one article")
