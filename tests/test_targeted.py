"""framing.score.targeted and ``framing sentiment --targets``: model, determinism, bad input."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
from pathlib import Path

import numpy as np
import pytest

from framing.cli import main as cli_main
from framing.errors import InputError
from framing.resources import package_file
from framing.score.targeted import (
    MODEL_FILE,
    TargetSentimentModel,
    check_span,
    load_target_model,
    looks_non_english,
    read_newsmtsc,
    target_sentiment,
    train_target_model,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TRAIN = DATA / "newsmtsc_train.jsonl"


def _span(sentence: str, target: str) -> list[int]:
    s = sentence.index(target)
    return [s, s + len(target)]


# (sentence, target, expected polarity) -- signs written down before running.
SEED_TARGETS = [
    # seeds/002
    ('Aliyev praised the TRIPP project, noting it "will make another contribution to peace, '
     'development and cooperation in the region".', "Aliyev", 1),
    ('President Aliyev welcomed the agreement, stating that bilateral relations "are entering a '
     'new phase", particularly in areas such as equipment sales and counterterrorism operations.',
     "President Aliyev", 1),
    ("US Vice President JD Vance arrived in Baku on Tuesday, continuing his diplomatic tour of the "
     "Caucasus region.", "US Vice President JD Vance", 0),
    # constructed, same event
    ("Protesters accused Pashinyan of betraying the country and demanded his resignation.", "Pashinyan", -1),
]


@pytest.mark.parametrize(("sentence", "target", "polarity"), SEED_TARGETS)
def test_seed_targets(sentence, target, polarity):
    pred = target_sentiment(sentence, _span(sentence, target))
    assert pred.polarity == polarity, pred
    assert abs(pred.p_negative + pred.p_neutral + pred.p_positive - 1.0) < 1e-9


def test_two_targets_in_one_sentence_differ():
    s = "Aliyev thanked Vance for his support, while protesters in Yerevan denounced Pashinyan as a traitor."
    vance = target_sentiment(s, _span(s, "Vance"))
    pash = target_sentiment(s, _span(s, "Pashinyan"))
    assert vance.p_positive - vance.p_negative > pash.p_positive - pash.p_negative


@pytest.mark.parametrize(
    ("sentence", "span", "message"),
    [
        ("Vance met Aliyev.", [5, 2], "outside the sentence"),
        ("Vance met Aliyev.", [0, 999], "outside the sentence"),
        ("Vance met Aliyev.", [-1, 3], "outside the sentence"),
        ("Vance met Aliyev.", [0, 1.5], "two integers"),
        ("Vance met Aliyev.", "0-5", "two integers"),
        ("Vance met  Aliyev.", [9, 10], "white space"),
        ("", [0, 0], "empty"),
        ("   ", [0, 1], "empty"),
        (None, [0, 1], "must be a string"),
    ],
)
def test_bad_spans(sentence, span, message):
    with pytest.raises(InputError, match=message):
        check_span(sentence, span)


@pytest.mark.parametrize("sentence", ["!!! ... ???", "🙂🙂 🙂", "— — —"])
def test_punctuation_and_emoji_only(sentence):
    pred = target_sentiment(sentence, [0, 2])
    assert pred.polarity in (-1, 0, 1)


def test_ten_thousand_word_sentence():
    words = ["The", "talks", "in", "Baku", "were", "long", "but", "calm"] * 1250
    sentence = " ".join(words[:5000] + ["Vance"] + words[5000:])
    pred = target_sentiment(sentence, _span(sentence, "Vance"))
    assert pred.polarity in (-1, 0, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Вэнс прибыл в Баку во вторник для переговоров с Алиевым.", True),
        ("万斯访问阿塞拜疆 签署战略伙伴关系协议", True),
        ("Le vice-président est arrivé à Bakou mardi pour rencontrer Aliyev.", True),
        ("Vance arrived in Baku on Tuesday to meet Aliyev.", False),
        ("Vance in Baku.", False),
    ],
)
def test_looks_non_english(text, expected):
    assert looks_non_english(text) is expected


def test_non_english_scored_neutral_with_warning(caplog):
    s = "Вэнс прибыл в Баку во вторник для переговоров с Алиевым."
    with caplog.at_level(logging.WARNING, logger="framing"):
        pred = target_sentiment(s, [0, 4])
    assert pred.non_english and pred.polarity == 0 and pred.p_neutral == 1.0
    assert "non-English" in caplog.text


# -- training: determinism ---------------------------------------------------------


@pytest.fixture(scope="module")
def train_slice():
    if not TRAIN.exists():
        pytest.skip(f"{TRAIN} not available")
    return read_newsmtsc(TRAIN)[:250]


def test_training_is_deterministic(train_slice, tmp_path):
    a = train_target_model(train_slice)
    b = train_target_model(train_slice)
    assert a.to_json_bytes() == b.to_json_bytes()
    a.save(tmp_path / "m.json")
    c = load_target_model(tmp_path / "m.json")
    held = read_newsmtsc(TRAIN)[250:350]
    items = [(r["sentence"], *r["target_span"]) for r in held]
    assert a.predict(items) == b.predict(items) == c.predict(items)


def test_model_file_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not a JSON model file"):
        TargetSentimentModel.from_json(bad.read_text(), str(bad))
    with pytest.raises(InputError, match="not a framing-target-sentiment"):
        TargetSentimentModel.from_json('{"format": "other"}', "x.json")
    with pytest.raises(InputError, match="not found"):
        load_target_model(tmp_path / "missing.json")


def test_read_newsmtsc_names_bad_line(tmp_path):
    f = tmp_path / "t.jsonl"
    f.write_text('{"sentence": "Vance met Aliyev.", "target_span": [0, 5], "polarity": 1}\n'
                 '{"sentence": "Vance met Aliyev.", "target_span": [0, 50], "polarity": 1}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.jsonl: line 2: .*outside"):
        read_newsmtsc(f)


@pytest.mark.slow
def test_shipped_model_rebuilds_bit_for_bit():
    if not TRAIN.exists():
        pytest.skip(f"{TRAIN} not available")
    shipped = package_file("models", MODEL_FILE).read_bytes()
    rebuilt = gzip.compress(train_target_model(read_newsmtsc(TRAIN)).to_json_bytes(), compresslevel=9, mtime=0)
    assert hashlib.sha256(rebuilt).hexdigest() == hashlib.sha256(shipped).hexdigest()


# -- CLI ---------------------------------------------------------------------------------

GOOD = {"id": "a", "sentence": "Protesters accused Pashinyan of betraying the country.", "target_span": [19, 28]}


def _write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cli_scores_good_lines_and_reports_bad_ones(tmp_path, capsys):
    inp = _write_lines(tmp_path / "in.jsonl", [
        json.dumps(GOOD),
        "{bad json",
        json.dumps({"id": "c", "sentence": "Vance met Aliyev."}),
        json.dumps({"id": "d", "sentence": "Vance met Aliyev.", "target_span": [10, 99]}),
        json.dumps({"id": "e", "sentence": "", "target_span": [0, 0]}),
        json.dumps({"id": "f", "sentence": "🙂🙂 !!!", "target_span": [0, 2]}),
        "",
        json.dumps({"id": 7, "sentence": "Вэнс прибыл в Баку во вторник для переговоров.", "target_span": [0, 4]}),
    ])
    out = tmp_path / "out.jsonl"
    assert cli_main(["sentiment", "--targets", str(inp), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "line 2: bad JSON" in err
    assert "line 3: missing key(s) 'target_span'" in err
    assert "line 4: 'target_span' [10, 99] is outside the sentence" in err
    assert "line 5: 'sentence' is empty" in err
    assert "line 8: sentence looks non-English" in err
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["a", "f", 7]
    assert recs[0]["polarity"] == -1
    assert set(recs[0]) >= {"id", "polarity", "p_negative", "p_neutral", "p_positive", "vader_compound"}
    assert recs[2]["polarity"] == 0 and recs[2]["non_english"] is True


def test_cli_strict_turns_skips_into_failure(tmp_path, capsys):
    inp = _write_lines(tmp_path / "in.jsonl", [json.dumps(GOOD), "[1, 2]"])
    out = tmp_path / "out.jsonl"
    assert cli_main(["sentiment", "--targets", str(inp), "--out", str(out), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "line 2: expected a JSON object" in err and "--strict" in err
    assert len(out.read_text().splitlines()) == 1


def test_cli_missing_input_file(tmp_path, capsys):
    assert cli_main(["sentiment", "--targets", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o.jsonl")]) == 1
    assert "file not found" in capsys.readouterr().err


def test_fast_path_equals_plain_feature_computation():
    """predict_sentence (bag from counts, shared sentence work) == softmax of the plain features."""
    import numpy as np

    from framing.score.targeted import extract_features

    if not TRAIN.exists():
        pytest.skip(f"{TRAIN} not available")
    model = load_target_model()
    rows = read_newsmtsc(DATA / "newsmtsc_dev_mt.jsonl")[:150]
    for r in rows:
        s, e = r["target_span"]
        fast = model.predict_one(r["sentence"], s, e)
        z = model.decision(extract_features(r["sentence"], s, e, model.config))
        p = np.exp(z - z.max())
        p /= p.sum()
        assert abs(p[0] - fast.p_negative) < 1e-9 and abs(p[2] - fast.p_positive) < 1e-9


def _dev_targets(n: int = 400) -> list[tuple[str, int, int]]:
    path = DATA / "newsmtsc_dev_rw.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not available")
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()[:n] if x.strip()]
    return [(r["sentence"], *r["target_span"]) for r in rows]


def test_feature_columns_are_the_named_features():
    """The fast path (columns by family) builds exactly the known, non-zero named features."""
    from framing.score.targeted import _local_features, _Prepared
    from framing.score.vader import get_vader

    model = load_target_model()
    fx = model._features_index()
    index = model._index
    v = get_vader()
    n_feats = 0
    for sentence, s, e in _dev_targets():
        p = _Prepared(sentence, v)
        t0, t1 = p.target_tokens(s, e)
        named = _local_features(p, s, t0, t1, model.config)
        want = {index[k]: x for k, x in named.items() if k in index and x != 0}
        got = fx.target(p, s, t0, t1)
        assert got == want, sentence
        assert list(got) == list(want)  # same order, so the same sums
        n_feats += len(got)
    assert n_feats > 400 * 20


def test_predictions_equal_the_feature_dict_model():
    """predict_many (vectorised, per sentence) == softmax(decision(extract_features)) per target."""
    from framing.score.targeted import extract_features

    model = load_target_model()
    items = _dev_targets(300)
    preds = model.predict_many([(s, [(a, b)]) for s, a, b in items], check_language=False)
    for (sentence, a, b), (pr,) in zip(items, preds):
        z = model.decision(extract_features(sentence, a, b, model.config))
        p = np.exp(z - z.max())
        p /= p.sum()
        assert np.allclose([pr.p_negative, pr.p_neutral, pr.p_positive], p, rtol=0, atol=1e-12), sentence
        assert pr.polarity == [-1, 0, 1][int(np.argmax(p))]


def test_several_targets_of_a_sentence_as_one_at_a_time():
    model = load_target_model()
    s = "Aliyev thanked Vance for his support, while protesters in Yerevan denounced Pashinyan as a traitor."
    spans = [tuple(_span(s, t)) for t in ("Aliyev", "Vance", "Yerevan", "Pashinyan")]
    together = model.predict_sentence(s, spans)
    for span, pr in zip(spans, together):
        alone = model.predict_one(s, *span)
        assert alone.polarity == pr.polarity
        assert abs(alone.p_positive - pr.p_positive) < 1e-12


def test_predict_many_with_given_analyses_is_the_same():
    """Passing the sentences' VADER analyses (as sentence tone does) changes no prediction."""
    from framing.score.vader import get_vader

    model = load_target_model()
    items = _dev_targets(200)
    batch = [(s, [(a, b)]) for s, a, b in items]
    v = get_vader()
    plain = model.predict_many(batch, check_language=False)
    given = model.predict_many(batch, check_language=False, analyses=[v.analyse(s) for s, _ in batch])
    assert len(plain) == len(given) == 200
    for (p,), (g,) in zip(plain, given):
        assert p.polarity == g.polarity and p.vader == g.vader
        assert abs(p.p_positive - g.p_positive) < 1e-15 and abs(p.p_negative - g.p_negative) < 1e-15


def test_predict_many_tuples_are_the_predictions_fields():
    """predict_many_tuples (no object per target) gives the fields of predict_many, in order."""
    model = load_target_model()
    items = _dev_targets(100)
    batch = [(s, [(a, b)]) for s, a, b in items] + [("Le président Macron a dit que la France va bien.", [(13, 19)])]
    preds = model.predict_many(batch)
    got = model.predict_many_tuples(batch)
    assert [[(p.polarity, p.p_negative, p.p_neutral, p.p_positive, p.vader, p.non_english) for p in row]
            for row in preds] == got  # fmt: skip
    assert got[-1][0][5]  # the French sentence


def test_target_tokens_equal_the_token_span_rule():
    """target_tokens (token counts of str.split) == the tokens of \\S+ overlapping the span (nearest if none)."""
    import random

    from framing.score.targeted import _Prepared
    from framing.score.vader import get_vader

    v = get_vader()
    chars = list("ab.'\"") + [" ", "  ", "\t", "\n", "\xa0", "\u2028", "\u3000", "\x1c", "\x85", "\u200b", "\ufeff"]
    rng = random.Random(0)
    n = 0
    for _ in range(3000):
        s = "".join(rng.choice(chars) for _ in range(rng.randint(1, 12)))
        if not s.split():
            continue
        p = _Prepared(s, v, v.analyse(s) if rng.random() < 0.5 else None)
        spans = p.token_spans()
        assert [s[a:b] for a, b in spans] == s.split()
        for _ in range(3):
            start = rng.randrange(len(s))
            end = rng.randint(start + 1, len(s))
            hit = [i for i, (a, b) in enumerate(spans) if a < end and b > start]
            if not hit:
                hit = [min(range(len(spans)), key=lambda i: abs(spans[i][0] - start))]
            assert p.target_tokens(start, end) == (hit[0], hit[-1]), (s, start, end)
            n += 1
    assert n > 5000
