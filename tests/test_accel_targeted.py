"""framing._ext.targeted (the compiled target-model features and logits) == the pure-Python path, bit for bit."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import numpy as np
import pytest

import framing.score.targeted as targeted
from framing.score.targeted import _Prepared, load_target_model
from framing.score.vader import get_vader

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SEEDS = ROOT / "seeds"

if targeted._c is None:
    if os.environ.get("FRAMING_ALLOW_PURE", "") not in ("", "0"):
        pytest.skip("framing._ext.targeted not built (FRAMING_ALLOW_PURE set)", allow_module_level=True)
    pytest.fail(
        "framing._ext.targeted is not built: cythonize framing/_ext/targeted.pyx "
        "(or set FRAMING_ALLOW_PURE=1 to skip these tests)",
        pytrace=False,
    )

EDGE_SENTENCES = [
    "Smith praised Jones.",
    "Critics slammed Smith for the failed deal.",
    "TRUMP SLAMMED BIDEN AND CALLED HIM A LIAR!!!",
    'He said “Smith is a liar” and "Jones" agreed, calling Brown "a disgrace".',
    "“Jones,” said Smith, “is wonderful.”",
    "Smith\xa0praised\u2009Jones\x1cyesterday, but Brown — furious — said nothing.",
    "Le président Macron a critiqué Poutine’s décision, dit-il.",
    "Trump 😀 praised Biden's plan 🎉 while Harris' aides -- and Pence’s -- wept.",
    "Smith's s' ’s 's Jones’ friends <t> <cap> <+> <-> <s> </s> admired him.",
    "Aliyev " + "x" * 5000 + " praised Pashinyan.",
    "Smith: great; Jones, terrible: Brown (the mayor) said he was happy.",
    "a",
    "Ünïcödé Ñame told Çelik that Øyvind was wrong.",
    "Он сказал, что Путин прав, said Smith.",
    "   Smith    praised     Jones   ",
    "He she him her his they them I we you it me us.",
]


def _spans(sentence: str, limit: int = 40) -> list[tuple[int, int]]:
    """Target spans over a sentence: each token, pairs of tokens, parts of tokens, white space runs."""
    import re

    toks = [m.span() for m in re.finditer(r"\S+", sentence)]
    out: list[tuple[int, int]] = []
    for i, (a, b) in enumerate(toks[:limit]):
        out.append((a, b))
        if i + 1 < len(toks):
            out.append((a, toks[i + 1][1]))
        if b - a > 2:
            out.append((a + 1, b - 1))
    if toks:
        out.append((toks[0][0], toks[-1][1]))
    for m in re.finditer(r"\s+", sentence):
        if m.start() > 0:
            out.append(m.span())
    return out


def _jsonl(name: str, n: int) -> list[dict]:
    path = DATA / name
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()[:n]
    return [json.loads(x) for x in lines if x.strip()]


def _seed_sentences() -> list[str]:
    from framing.segment import segment

    out = []
    for p in sorted(SEEDS.glob("*.txt")):
        doc = segment(p.read_text(encoding="utf-8"))
        out += [doc.text[s.start : s.end] for s in doc.sentences]
    return out


def _batches() -> list[tuple[str, list[tuple[int, int]]]]:
    batch: dict[str, list[tuple[int, int]]] = {}
    for name in ("newsmtsc_dev_rw.jsonl", "newsmtsc_dev_mt.jsonl", "newsmtsc_train.jsonl"):
        for r in _jsonl(name, 1500):
            batch.setdefault(r["sentence"], []).append(tuple(r["target_span"]))
    out = list(batch.items())
    out += [(s, [sp]) for s, sps in batch.items() for sp in sps]  # one target at a time, too
    sentences = _seed_sentences() + EDGE_SENTENCES
    out += [(s, _spans(s)) for s in sentences if s.strip()]
    out += [("   ", [(0, 1)]), ("\xa0", [(0, 1)])]  # no tokens
    assert len(out) > 1000
    return out


def _pure(fn, *args, **kw):
    saved = targeted._c
    targeted._c = None
    try:
        return fn(*args, **kw)
    finally:
        targeted._c = saved


@pytest.fixture(scope="module")
def model():
    return load_target_model()


@pytest.fixture(scope="module")
def batches():
    return _batches()


def test_tables_are_built(model):
    tab = model._c_tables()
    assert tab is not None
    assert tab.n_tokens > 10_000 and tab.n_bigrams > 50_000
    assert tab.nbytes < 64_000_000
    assert tab.token_id("no-such-token-in-the-model") == -1
    assert tab.token_id("said") >= 0
    assert _pure(model._c_tables) is None


def test_entries_equal_the_feature_index(model, batches):
    """The compiled entries are _FeatureIndex.target then bag_delta: same columns, values, order."""
    tab = model._c_tables()
    fx = model._features_index()
    bw = float(model.config["bag_weight"])
    v = get_vader()
    n = 0
    for sentence, spans in batches:
        p = _Prepared(sentence, v)
        if p.n == 0:
            continue
        t = [(s, *p.target_tokens(s, e)) for s, e in spans]
        got: list = []
        tab.sentence(p.raw, p.lows, p.items, p.scores, sentence, spans, p.target_tokens, np.empty((len(t), 3)), 0, got)
        for (s, t0, t1), (cols, xs) in zip(t, got):
            f = fx.target(p, s, t0, t1)
            rm, add = fx.bag_delta(p, t0, t1)
            assert cols == [*f, *rm, *add], (sentence, s, t0, t1)
            assert xs == [*f.values(), *[-bw] * len(rm), *[bw] * len(add)], (sentence, s, t0, t1)
            n += 1
    assert n > 3000


def test_target_tokens(batches):
    v = get_vader()
    n_fallback = 0
    for sentence, spans in batches:
        p = _Prepared(sentence, v)
        if p.n == 0:
            continue
        for s, e in spans:
            got = targeted._c.target_tokens(sentence, s, e)
            if got is None:
                n_fallback += 1
                assert sentence[s:e].isspace() or not sentence[s:e]
            else:
                assert got == p.target_tokens(s, e), (sentence, s, e)
    assert n_fallback > 10
    assert targeted._c.target_tokens("ab", -1, 2) is None
    assert targeted._c.target_tokens("ab", 0, 3) is None


@pytest.mark.parametrize("given_analyses", [False, True])
def test_predictions_bit_identical(model, batches, given_analyses):
    v = get_vader()
    analyses = [v.analyse(s) for s, _ in batches] if given_analyses else None
    fast = model.predict_many_tuples(batches, check_language=True, analyses=analyses)
    pure = _pure(model.predict_many_tuples, batches, check_language=True, analyses=analyses)
    assert fast == pure
    fast = model.predict_many_tuples(batches, check_language=False, analyses=analyses)
    pure = _pure(model.predict_many_tuples, batches, check_language=False, analyses=analyses)
    assert fast == pure


def test_small_batches_and_empty(model):
    assert model.predict_many_tuples([]) == []
    assert model.predict_many_tuples([("Smith praised Jones.", [])]) == [[]]
    for s, spans in [(x, _spans(x)) for x in EDGE_SENTENCES]:
        for sp in spans:
            got = model.predict_many_tuples([(s, [sp])], check_language=False)
            assert got == _pure(model.predict_many_tuples, [(s, [sp])], check_language=False)


def test_pairwise_sum_is_numpys():
    rng = np.random.default_rng(7)
    for n in [*range(1, 40), 127, 128, 129, 130, 255, 256, 257, 500, 1000]:
        a = rng.standard_normal(n + 1) * rng.choice([1e-3, 1.0, 1e3], size=n + 1)
        want = np.add.reduceat(a[:, None], np.array([0]), axis=0)[0, 0]
        got = a[0] + targeted._c.pairwise_sum(a[1:]) if n else a[0]
        assert got == want, n


def test_model_still_pickles(model):
    model._c_tables()
    again = pickle.loads(pickle.dumps(model))
    s = "Critics slammed Smith for the failed deal."
    assert again.predict_many_tuples([(s, [(16, 21)])]) == model.predict_many_tuples([(s, [(16, 21)])])


def test_bad_output_arrays_raise(model):
    tab = model._c_tables()
    p = _Prepared("Smith praised Jones.", get_vader())
    args = (p.raw, p.lows, p.items, p.scores, p.sentence, [(0, 5)], p.target_tokens)
    for z, row in [(np.empty((1, 3), dtype=np.float32), 0), (np.empty((1, 4)), 0), (np.empty((3, 1)), 0),
                   (np.empty((1, 3)), 1), (np.empty((1, 3)), -1), (np.empty((3, 2))[:, :1], 0)]:
        with pytest.raises((ValueError, BufferError, TypeError)):
            tab.sentence(*args, z, row)
    with pytest.raises(ValueError):
        tab.sentence(*args[:5], [(0, 5), (6, 13)], p.target_tokens, np.empty((1, 3)), 0)
    with pytest.raises(ValueError):
        tab.empty_rows(np.empty((2, 3)), 1, 2)
    z = np.zeros((2, 3))
    tab.sentence(*args, z, 1)
    assert z[0].tolist() == [0.0, 0.0, 0.0] and z[1].any()
