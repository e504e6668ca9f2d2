"""Outlet comparison: cluster bootstrap, permutation tests, warnings, headline vs body, compare()."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing.analyze import analyze
from framing.compare import (
    article_summaries,
    combine_summaries,
    compare,
    headline_vs_body,
    outlet_estimates,
    outlet_estimates_from_summaries,
)
from framing.corpus import load_corpus
from framing.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
N_BOOT = 500


def planted(means: dict[str, float], *, articles: int = 6, sentences: int = 20, seed: int = 1,
            article_sd: float = 0.1, sentence_sd: float = 0.35) -> pd.DataFrame:
    """Sentence tones: outlet mean + article effect + sentence noise (truth known)."""
    rng = np.random.default_rng(seed)
    rows = []
    for o, mu in means.items():
        for a in range(articles):
            am = mu + rng.normal(0, article_sd)
            for _ in range(sentences):
                rows.append((o, f"{o}-{a}", float(np.clip(am + rng.normal(0, sentence_sd), -1, 1))))
    return pd.DataFrame(rows, columns=["outlet", "article_id", "tone"])


# -- planted differences -----------------------------------------------------


@pytest.mark.parametrize("stat", ["mean", "article_mean"])
def test_planted_difference_is_detected(stat):
    df = planted({"A": 0.35, "B": 0.0})
    t = outlet_estimates(df, "tone", stat=stat, n_boot=N_BOOT).set_index("outlet")
    a = t.loc["A"]
    assert a["diff_ci_low"] > 0 and a["p_value"] < 0.01
    assert a["perm_level"] == "article"
    assert a["n_articles"] == 6 and a["n_sentences"] == 120
    assert a["ci_low"] < a["estimate"] < a["ci_high"]
    assert t.loc["B", "diff_ci_high"] < 0
    assert a["warning"] == ""


@pytest.mark.parametrize("seed", [2, 3])
def test_no_difference_interval_includes_zero(seed):
    df = planted({"A": 0.1, "B": 0.1}, seed=seed)
    t = outlet_estimates(df, "tone", n_boot=N_BOOT).set_index("outlet")
    for o in "AB":
        assert t.loc[o, "diff_ci_low"] < 0 < t.loc[o, "diff_ci_high"]
        assert t.loc[o, "p_value"] > 0.05


def test_estimate_is_the_plain_mean_and_rest_is_the_others():
    df = planted({"A": 0.3, "B": 0.0, "C": -0.2}, articles=3)
    t = outlet_estimates(df, "tone", n_boot=N_BOOT).set_index("outlet")
    assert t.loc["A", "estimate"] == pytest.approx(df.loc[df.outlet == "A", "tone"].mean())
    assert t.loc["A", "rest_estimate"] == pytest.approx(df.loc[df.outlet != "A", "tone"].mean())
    am = df.groupby("article_id").tone.mean()
    t2 = outlet_estimates(df, "tone", stat="article_mean", n_boot=N_BOOT).set_index("outlet")
    assert t2.loc["B", "estimate"] == pytest.approx(am[am.index.str.startswith("B")].mean())


def test_cluster_bootstrap_is_wider_than_ignoring_articles():
    # strong article effects: resampling articles must widen the interval
    df = planted({"A": 0.2, "B": 0.0}, article_sd=0.3, sentence_sd=0.1)
    t = outlet_estimates(df, "tone", n_boot=N_BOOT).set_index("outlet")
    flat = df.assign(article_id=df.outlet + "-" + df.index.astype(str))  # every sentence its own article
    f = outlet_estimates(flat, "tone", n_boot=N_BOOT).set_index("outlet")
    assert (t.loc["A", "ci_high"] - t.loc["A", "ci_low"]) > 1.5 * (f.loc["A", "ci_high"] - f.loc["A", "ci_low"])


def test_deterministic_and_seed_matters():
    df = planted({"A": 0.2, "B": 0.0})
    t1 = outlet_estimates(df, "tone", n_boot=N_BOOT, random_state=7)
    t2 = outlet_estimates(df, "tone", n_boot=N_BOOT, random_state=7)
    t3 = outlet_estimates(df, "tone", n_boot=N_BOOT, random_state=8)
    pd.testing.assert_frame_equal(t1, t2)
    assert not t1["ci_low"].equals(t3["ci_low"])


# -- streaming: from per-article summaries -------------------------------------


def test_summaries_combine_across_chunks():
    df = planted({"A": 0.2, "B": 0.0}, articles=4)
    whole = article_summaries(df, "tone")
    parts = combine_summaries([article_summaries(df.iloc[:97], "tone"), article_summaries(df.iloc[97:], "tone")])
    m = whole.merge(parts, on=["outlet", "article_id"], suffixes=("", "_p"))
    assert len(m) == len(whole) == 8
    for c in ("n", "sum", "sumsq"):
        np.testing.assert_allclose(m[c], m[c + "_p"])


def test_from_summaries_agrees_with_units():
    df = planted({"A": 0.3, "B": 0.0})
    t = outlet_estimates(df, "tone", n_boot=2000).set_index("outlet")
    s = outlet_estimates_from_summaries(article_summaries(df, "tone"), measure="tone", n_boot=2000).set_index("outlet")
    assert s.loc["A", "estimate"] == pytest.approx(t.loc["A", "estimate"])
    assert s.loc["A", "ci_low"] == pytest.approx(t.loc["A", "ci_low"], abs=0.03)
    assert s.loc["A", "ci_high"] == pytest.approx(t.loc["A", "ci_high"], abs=0.03)
    assert s.loc["A", "p_value"] < 0.01


def test_from_summaries_single_articles_uses_welch():
    df = planted({"A": 0.4, "B": 0.0}, articles=1, sentences=30)
    s = outlet_estimates_from_summaries(article_summaries(df, "tone"), n_boot=N_BOOT).set_index("outlet")
    assert (s["perm_level"] == "welch").all()
    assert s.loc["A", "p_value"] < 0.01
    assert "Welch" in s.loc["A", "warning"]


# -- small samples and bad input --------------------------------------------------


def test_one_article_per_outlet_warns_and_permutes_sentences():
    df = planted({"A": 0.4, "B": 0.0, "C": 0.0}, articles=1)
    t = outlet_estimates(df, "tone", n_boot=N_BOOT).set_index("outlet")
    assert (t["perm_level"] == "sentence").all()
    assert all("one article" in w and "overstates significance" in w for w in t["warning"])
    assert t.loc["A", "diff_ci_low"] > 0


def test_one_outlet_only_degrades_with_a_message(caplog):
    df = planted({"A": 0.2}, articles=3)
    with caplog.at_level("WARNING", logger="framing"):
        t = outlet_estimates(df, "tone", n_boot=N_BOOT)
    assert len(t) == 1 and math.isnan(t.loc[0, "diff_from_rest"]) and math.isnan(t.loc[0, "p_value"])
    assert "only one outlet" in t.loc[0, "warning"]
    assert "only one outlet" in caplog.text
    assert t.loc[0, "ci_low"] < t.loc[0, "estimate"] < t.loc[0, "ci_high"]


def test_outlet_with_one_sentence():
    df = pd.concat([planted({"A": 0.2, "B": 0.0}, articles=3),
                    pd.DataFrame({"outlet": ["C"], "article_id": ["C-0"], "tone": [0.5]})])
    t = outlet_estimates(df, "tone", n_boot=N_BOOT).set_index("outlet")
    c = t.loc["C"]
    assert c["n_sentences"] == 1 and c["estimate"] == 0.5
    assert c["ci_low"] == c["ci_high"] == 0.5
    assert "only 1 sentence" in c["warning"] and "no variation" in c["warning"]


def test_genres_are_never_pooled_silently():
    df = planted({"A": 0.2, "B": 0.0, "C": 0.1}, articles=3)
    df["genre"] = np.where(df.outlet == "C", "opinion", "news")
    df.loc[df.article_id == "A-0", "genre"] = "opinion"
    t = outlet_estimates(df, "tone", genre="genre", n_boot=N_BOOT).set_index("outlet")
    assert "pools genres: news (2 articles), opinion (1 articles)" in t.loc["A", "warning"]
    assert "compared with a rest of genre" in t.loc["C", "warning"]
    g = outlet_estimates(df, "tone", genre="genre", by_genre=True, n_boot=N_BOOT)
    assert set(zip(g.outlet, g.genre)) == {("A", "news"), ("B", "news"), ("A", "opinion"), ("C", "opinion")}
    assert all("within genre" in w for w in g["warning"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"stat": "median"}, "stat='median'"),
        ({"n_boot": 0}, "n_boot=0"),
        ({"confidence": 1.5}, "confidence=1.5"),
        ({"outlet": "publisher"}, "no column 'publisher'"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(InputError, match=message):
        outlet_estimates(planted({"A": 0.0, "B": 0.0}, articles=2), "tone", **kwargs)


def test_empty_and_non_numeric_input():
    empty = pd.DataFrame({"outlet": [], "article_id": [], "tone": []})
    with pytest.raises(InputError, match="nothing to compare"):
        outlet_estimates(empty, "tone")
    bad = pd.DataFrame({"outlet": ["A"], "article_id": ["a"], "tone": ["positive"]})
    with pytest.raises(InputError, match="not numeric"):
        outlet_estimates(bad, "tone")
    with pytest.raises(InputError, match="must be a pandas DataFrame"):
        outlet_estimates([1, 2], "tone")


def test_missing_values_dropped_with_a_warning(caplog):
    df = planted({"A": 0.2, "B": 0.0}, articles=2)
    df.loc[3, "tone"] = np.nan
    with caplog.at_level("WARNING", logger="framing"):
        t = outlet_estimates(df, "tone", n_boot=N_BOOT)
    assert t.set_index("outlet").loc["A", "n_sentences"] == 39
    assert "1 unit(s) with a missing value dropped (articles: A-0)" in caplog.text


# -- headline vs body ------------------------------------------------------------


def test_headline_vs_body_planted():
    rng = np.random.default_rng(0)
    rows = []
    for o, shift in [("A", 0.5), ("B", 0.0)]:
        for a in range(8):
            rows.append((o, f"{o}{a}", "headline", 0.1 + shift + rng.normal(0, 0.1)))
            rows += [(o, f"{o}{a}", "body", 0.1 + rng.normal(0, 0.3)) for _ in range(15)]
    rows.append(("C", "C0", "body", 0.2))  # no headline: left out, said so
    df = pd.DataFrame(rows, columns=["outlet", "article_id", "position", "tone"])
    t = headline_vs_body(df, "tone", n_boot=N_BOOT).set_index("outlet")
    assert t.loc["A", "diff_ci_low"] > 0.3
    assert t.loc["B", "diff_ci_low"] < 0 < t.loc["B", "diff_ci_high"]
    assert t.loc["A", "n_headline"] == 8 and t.loc["A", "n_body"] == 120
    assert t.loc["C", "n_articles"] == 0 and "without a detected headline" in t.loc["C", "warning"]


# -- compare() on analyses ---------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_comparison():
    return compare(analyze(SEEDS), n_boot=N_BOOT)


def test_compare_seeds_tables(seeds_comparison):
    r = seeds_comparison
    for name in ("tone", "outlets", "headline_vs_body", "shared_passages", "containment", "republication",
                 "elements", "coverage", "omissions", "exclusive_passages", "notes"):
        assert name in r, name
    tone = r["tone"].set_index("outlet")
    assert set(tone.index) == {"The Caspian Post", "UNN", "News.Az", "unknown (000_67092f7c029130ba)",
                               "unknown (002_5a2ce89fd6be9a53)"}
    assert (tone["n_articles"] == 1).all()
    assert all("one article" in w for w in tone["warning"])
    # News.Az is an opinion piece: its row says it is compared with news
    assert tone.loc["News.Az", "genre"] == "opinion"
    assert "genre 'opinion' compared with a rest of genre 'news'" in tone.loc["News.Az", "warning"]
    rep = r["republication"].set_index("article_id")
    assert rep.loc["001_3736c93721911abf", "republished"]
    assert rep.loc["001_3736c93721911abf", "source_named"] == "Euronews"
    # the one shared wire sentence (chips and drones to Armenia) between 000 and 001
    sp = r["shared_passages"]
    assert len(sp) == 1 and "computer chips and surveillance drones" in sp.loc[0, "text"]


def test_compare_seeds_elements(seeds_comparison):
    r = seeds_comparison
    m = r["element_sentences"]
    nuc = m.loc[m.text.str.contains("nuclear") & m.text.str.contains("agreement"), "element_id"].mode()[0]
    el = r["elements"].set_index("element_id").loc[nuc]
    assert {"The Caspian Post", "UNN", "unknown (000_67092f7c029130ba)"} <= set(el.outlets.split(";"))
    om = r["omissions"]
    assert "News.Az" in set(om.loc[om.element_id == nuc, "outlet"])
    ex = r["exclusive_passages"]
    hr = ex[ex.text.str.contains("human rights groups")]
    assert list(hr.outlet) == ["unknown (002_5a2ce89fd6be9a53)"]
    cov = r["coverage"].set_index("outlet")
    assert cov.loc["News.Az", nuc] == 0 and cov.loc["UNN", nuc] >= 1


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def test_compare_one_outlet_only(tmp_path, caplog):
    t = _texts()
    path = _write_jsonl(tmp_path / "one.jsonl", [
        {"id": "a", "outlet": "Only News", "text": t[0]},
        {"id": "b", "outlet": "Only News", "text": t[2]},
    ])
    with caplog.at_level("WARNING", logger="framing"):
        r = compare(analyze(load_corpus(path)), n_boot=N_BOOT)
    assert len(r["tone"]) == 1 and "only one outlet" in r["tone"].loc[0, "warning"]
    assert r["notes"]["message"].str.contains("only one outlet").any()
    assert r["omissions"].empty and not r["elements"]["single_outlet"].any()
    assert "only one outlet" in caplog.text


def test_compare_identical_articles(tmp_path):
    t = _texts()
    path = _write_jsonl(tmp_path / "same.jsonl", [
        {"id": "x", "outlet": "Outlet X", "date": "2026-02-10", "text": t[1]},
        {"id": "y", "outlet": "Outlet Y", "date": "2026-02-11", "text": t[1]},
    ])
    r = compare(analyze(load_corpus(path, drop_duplicates=False)), n_boot=N_BOOT)
    rep = r["republication"].set_index("article_id")
    assert rep.loc["y", "by_containment"] and rep.loc["y", "max_containment"] == 1.0
    assert not rep.loc["x", "by_containment"]  # the earlier one is the source
    tone = r["tone"].set_index("outlet")
    assert tone.loc["Outlet X", "estimate"] == tone.loc["Outlet Y", "estimate"]
    assert tone.loc["Outlet X", "diff_from_rest"] == 0
    # original text only: the later copy loses its sentences
    assert "tone_original" not in r or "Outlet Y" not in set(r["tone_original"]["outlet"])
    orig = r["original_sentences"]
    assert orig.loc[orig.article_id == "x", "original"].all()
    assert not orig.loc[orig.article_id == "y", "original"].any()


def test_compare_outlet_with_one_sentence(tmp_path):
    t = _texts()
    path = _write_jsonl(tmp_path / "short.jsonl", [
        {"id": "a", "outlet": "Long", "text": t[0]},
        {"id": "b", "outlet": "Short", "text": "Vance signed a strategic partnership agreement in Baku on Tuesday."},
    ])
    r = compare(analyze(load_corpus(path)), n_boot=N_BOOT)
    short = r["tone"].set_index("outlet").loc["Short"]
    assert short["n_sentences"] == 1 and "only 1 sentence" in short["warning"]


def test_compare_empty_corpus_is_a_clear_error(tmp_path):
    from framing.analyze import Analysis

    empty = Analysis(docs=[], articles=pd.DataFrame(), sentences=pd.DataFrame(), removed=pd.DataFrame(),
                     skipped=pd.DataFrame())
    with pytest.raises(InputError, match="no scored article"):
        compare(empty)


def test_cli_writes_tables(tmp_path):
    out = tmp_path / "cmp"
    res = subprocess.run([sys.executable, "-m", "framing.cli", "compare", str(SEEDS), "--out", str(out),
                          "--n-boot", "200", "--no-elements"], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    tone = pd.read_csv(out / "tone.csv")
    assert len(tone) == 5 and {"estimate", "ci_low", "ci_high", "p_value", "warning"} <= set(tone.columns)
    assert (out / "shared_passages.csv").exists() and "wrote" in res.stderr
    bad = subprocess.run([sys.executable, "-m", "framing.cli", "compare", str(SEEDS), "--out", str(out),
                          "--n-boot", "0"], capture_output=True, text=True)
    assert bad.returncode == 1 and "--n-boot 0" in bad.stderr
