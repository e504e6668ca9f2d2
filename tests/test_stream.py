"""Streaming engine: chunked scoring on a process pool, resume, bad rows, dead workers, disk full."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing import stream
from framing.analyze import ArticleScorer
from framing.cli import main as cli_main
from framing.corpus import iter_records
from framing.errors import FramingError, InputError
from framing.stream import read_output, run_dir_for, score_stream, skipped_path_for

ROOT = Path(__file__).resolve().parent.parent
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear_dev.jsonl"
N_ARTICLES = 36
CHUNK = 5


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory) -> Path:
    """36 real PolNeAR dev articles (3 publishers) as a JSON-lines table."""
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    with open(POLNEAR_DEV, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= N_ARTICLES:
                break
            d = json.loads(line)
            dst.write(json.dumps({"id": d["id"], "outlet": d["publisher"], "title": d["title"],
                                  "text": d["text"]}) + "\n")
    return path


@pytest.fixture(scope="module")
def reference(corpus_file) -> dict[str, list[dict]]:
    """Every table of every article, scored one by one in this process."""
    scorer = ArticleScorer()
    tables: dict[str, list[dict]] = {"articles": [], "sentences": []}
    for a in iter_records(corpus_file):
        t = scorer.score(a)
        tables["articles"] += t["articles"]
        tables["sentences"] += t["sentences"]
    return tables


def _ids(df: pd.DataFrame) -> list[str]:
    return df["article_id"].astype(str).tolist()


class KillingScorer(ArticleScorer):
    """Kills its worker process (``os._exit``) on the article ``victim`` while ``marker`` exists;
    with ``once`` the marker is removed first, so only the first attempt dies."""

    def __init__(self, *, victim: str = "", marker: str = "", once: bool = False) -> None:
        super().__init__()
        self.victim = victim
        self.marker = marker
        self.once = once

    def __getstate__(self):
        return {**super().__getstate__(), "victim": self.victim, "marker": self.marker, "once": self.once}

    def score(self, article):
        if article.id == self.victim and os.path.exists(self.marker):
            if self.once:
                os.unlink(self.marker)
            os._exit(7)
        return super().score(article)


class LengthScorer(ArticleScorer):
    """Adds a numeric sentence measure (``chars``) so outlet statistics have one to pool."""

    def score_doc(self, doc, res):
        t = super().score_doc(doc, res)
        for s in t["sentences"]:
            s["chars"] = s["end"] - s["start"]
        return t


# -- output in every format, in input order, same on one and two processes ---------------


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_article_rows_match_in_memory_scoring(tmp_path, corpus_file, reference, suffix):
    out = tmp_path / f"scores{suffix}"
    s = score_stream(corpus_file, out, jobs=2, chunksize=CHUNK, progress=False)
    df = read_output(out)
    ref = pd.DataFrame(reference["articles"])
    assert _ids(df) == _ids(ref)  # input order, no duplicates
    assert list(df.columns) == list(ref.columns)
    for col in ("words", "n_sentences", "n_paragraphs"):
        assert df[col].tolist() == ref[col].tolist()
    assert s.n_read == s.n_scored == N_ARTICLES and s.n_skipped == 0
    assert s.n_chunks == -(-N_ARTICLES // CHUNK)
    assert not run_dir_for(out).exists()
    assert s.n_words == int(ref["words"].sum())


def test_sentence_level_one_and_two_processes_identical_bytes(tmp_path, corpus_file, reference):
    a, b = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    score_stream(corpus_file, a, level="sentence", jobs=1, chunksize=CHUNK, progress=False)
    score_stream(corpus_file, b, level="sentence", jobs=2, chunksize=7, progress=False)
    assert a.read_bytes() == b.read_bytes()
    df = read_output(a)
    assert len(df) == len(reference["sentences"])
    assert df["text"].tolist() == [r["text"] for r in reference["sentences"]]


# -- bad rows ----------------------------------------------------------------------------


def test_corrupt_row_every_seven_all_good_rows_scored(tmp_path, corpus_file, reference):
    bad_lines = []
    lines = corpus_file.read_text(encoding="utf-8").splitlines()
    out_lines = []
    for i, line in enumerate(lines):
        if i % 7 == 3:
            out_lines.append(line[: len(line) // 2])  # truncated JSON
            bad_lines.append(len(out_lines))
        if i % 11 == 5:
            out_lines.append(json.dumps({"id": f"num{i}", "outlet": "x", "text": 12345}))
            bad_lines.append(len(out_lines))
        out_lines.append(line)
    src = tmp_path / "dirty.jsonl"
    src.write_text("\n".join(out_lines) + "\n", encoding="utf-8")
    out = tmp_path / "scores.csv"
    s = score_stream(src, out, jobs=2, chunksize=CHUNK, progress=False)
    df = read_output(out)
    assert _ids(df) == [r["article_id"] for r in reference["articles"]]
    assert s.n_skipped == len(bad_lines) and s.n_read == N_ARTICLES + len(bad_lines)
    listed = [json.loads(x) for x in skipped_path_for(out).read_text(encoding="utf-8").splitlines()]
    assert [d["source"] for d in listed] == [f"{src}:line {n}" for n in bad_lines]
    assert all(d["reason"].startswith(("malformed JSON", "text is not a string")) for d in listed)


class Exploding(ArticleScorer):
    """A scorer with a bug that shows on one article."""

    def score(self, article):
        if article.id == "boom":
            raise KeyError("lexicon entry missing")
        return super().score(article)


def test_article_with_no_words_and_scorer_error_are_listed(tmp_path, corpus_file):
    recs = list(iter_records(corpus_file))[:4]
    from framing.corpus import Article

    recs.insert(1, Article(id="empty", text="Share on social media\n", source="mem:empty"))
    recs.insert(3, Article(id="boom", text=recs[0].text + " More.", source="mem:boom"))
    s = score_stream(recs, tmp_path / "s.jsonl", jobs=1, chunksize=2, progress=False, scorer=Exploding())
    reasons = {k.source: k.reason for k in s.skipped}
    assert s.n_scored == 4
    assert "no words left after cleaning" in reasons["mem:empty"]
    assert reasons["mem:boom"].startswith("error while scoring (KeyError")


def test_duplicates_skipped_and_ids_renamed_like_load_corpus(tmp_path, corpus_file):
    lines = corpus_file.read_text(encoding="utf-8").splitlines()[:3]
    d0 = json.loads(lines[0])
    twin = {**json.loads(lines[1]), "id": d0["id"], "text": json.loads(lines[1])["text"] + " Extra."}
    src = tmp_path / "dups.jsonl"
    src.write_text("\n".join([*lines, lines[2], json.dumps(twin)]) + "\n", encoding="utf-8")
    s = score_stream(src, tmp_path / "o.jsonl", jobs=1, chunksize=2, progress=False)
    df = read_output(tmp_path / "o.jsonl")
    assert _ids(df) == [d0["id"], json.loads(lines[1])["id"], json.loads(lines[2])["id"], d0["id"] + "~2"]
    assert s.skipped[0].reason == f"exact duplicate of {json.loads(lines[2])['id']}"


# -- resume ------------------------------------------------------------------------------

_CRASH_SCRIPT = textwrap.dedent(
    """
    import os, sys
    from framing import stream
    from framing.analyze import ArticleScorer

    src, out, mode, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if mode == "scoring":
        # die hard (no cleanup, like SIGKILL) while scoring the n-th article
        seen = [0]
        # (every article is cleaned first, in batches or one by one)
        orig = ArticleScorer._clean
        def clean(self, article):
            seen[0] += 1
            if seen[0] == n:
                os._exit(9)
            return orig(self, article)
        ArticleScorer._clean = clean
    else:
        # die in the middle of appending the n-th chunk: half its bytes are on disk
        orig_commit = stream._Run.commit
        calls = [0]
        def commit(self, res, blobs, counts):
            calls[0] += 1
            if calls[0] == n:
                fh = self.files["output"]
                fh.write(blobs["output"][: len(blobs["output"]) // 2])
                fh.flush()
                os._exit(9)
            return orig_commit(self, res, blobs, counts)
        stream._Run.commit = commit
    stream.score_stream(src, out, level="sentence", jobs=1, chunksize=5, progress=False)
    """
)


@pytest.mark.parametrize("mode, n", [("scoring", 23), ("writing", 4)])
def test_interrupted_run_resumes_without_redoing_or_duplicating(tmp_path, corpus_file, mode, n, monkeypatch):
    full = tmp_path / "full.jsonl"
    score_stream(corpus_file, full, level="sentence", jobs=1, chunksize=5, progress=False)
    out = tmp_path / "part.jsonl"
    out.write_text("previous output\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _CRASH_SCRIPT, str(corpus_file), str(out), mode, str(n)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 9, proc.stderr
    assert out.read_text(encoding="utf-8") == "previous output\n"  # never half-written
    state = json.loads((run_dir_for(out) / "state.json").read_text(encoding="utf-8"))
    done = state["chunks_done"]
    assert done == (4 if mode == "scoring" else 3)
    with pytest.raises(FramingError, match="--resume"):
        score_stream(corpus_file, out, level="sentence", jobs=1, chunksize=5, progress=False)
    seen = []
    real_clean = ArticleScorer._clean
    monkeypatch.setattr(ArticleScorer, "_clean", lambda self, a: seen.append(a.id) or real_clean(self, a))
    s = score_stream(corpus_file, out, level="sentence", jobs=1, chunksize=5, progress=False, resume=True)
    assert out.read_bytes() == full.read_bytes()
    assert len(seen) == N_ARTICLES - done * 5  # finished chunks not redone
    assert s.n_resumed == done and s.n_read == N_ARTICLES
    assert not run_dir_for(out).exists()


def test_resume_refuses_other_settings(tmp_path, corpus_file):
    out = tmp_path / "o.jsonl"
    rd = run_dir_for(out)
    rd.mkdir()
    with pytest.raises(FramingError, match="unfinished run"):
        score_stream(corpus_file, out, jobs=1, chunksize=5, progress=False)
    rd.rmdir()
    # a run that died after its first chunk
    with pytest.raises(FramingError, match="simulated crash"):
        _die_after_first_chunk(corpus_file, out)
    with pytest.raises(FramingError, match="chunksize: 5 then, 6 now"):
        score_stream(corpus_file, out, jobs=1, chunksize=6, progress=False, resume=True)
    s = score_stream(corpus_file, out, jobs=1, chunksize=5, progress=False, resume=True)
    assert s.n_resumed == 1
    assert _ids(read_output(out)) == pd.read_json(corpus_file, lines=True)["id"].tolist()


def _die_after_first_chunk(src: Path, out: Path) -> None:
    real = stream._Run.commit

    def commit(self, res, blobs, counts):
        if res.index == 1:
            raise FramingError("simulated crash")
        return real(self, res, blobs, counts)

    stream._Run.commit = commit
    try:
        score_stream(src, out, jobs=1, chunksize=5, progress=False)
    finally:
        stream._Run.commit = real


# -- a worker dies -----------------------------------------------------------------------


def test_worker_killed_once_is_retried_and_output_is_complete(tmp_path, corpus_file, reference):
    marker = tmp_path / "kill-once"
    marker.touch()
    victim = reference["articles"][17]["article_id"]
    out = tmp_path / "o.jsonl"
    s = score_stream(corpus_file, out, jobs=2, chunksize=CHUNK, progress=False,
                     scorer=KillingScorer(victim=victim, marker=str(marker), once=True))
    assert not marker.exists() and s.retries == 1
    assert _ids(read_output(out)) == [r["article_id"] for r in reference["articles"]]


def test_worker_killed_every_time_fails_clearly_and_resume_finishes(tmp_path, corpus_file, reference):
    marker = tmp_path / "kill-always"
    marker.touch()
    victim = reference["articles"][17]["article_id"]  # in chunk 3
    out = tmp_path / "o.jsonl"
    scorer = KillingScorer(victim=victim, marker=str(marker))
    with pytest.raises(FramingError, match=r"worker process died .* chunk\(s\) [\d, -]+.*rerun with --resume"):
        score_stream(corpus_file, out, jobs=2, chunksize=CHUNK, progress=False, scorer=scorer, max_retries=1)
    assert not out.exists()
    state = json.loads((run_dir_for(out) / "state.json").read_text(encoding="utf-8"))
    assert state["chunks_done"] <= 3
    lines = (run_dir_for(out) / "output").read_text(encoding="utf-8").splitlines()
    assert len(lines) == state["counts"]["n_rows"]  # only whole, committed chunks on disk
    marker.unlink()
    score_stream(corpus_file, out, jobs=2, chunksize=CHUNK, progress=False, scorer=scorer, resume=True)
    assert _ids(read_output(out)) == [r["article_id"] for r in reference["articles"]]


# -- disk full ---------------------------------------------------------------------------


class _FullDisk:
    """A file whose writes fail with ENOSPC once ``budget`` bytes are written (part of
    the failing write lands on disk, as on a real full disk)."""

    def __init__(self, fh, budget: list[int]) -> None:
        self._fh = fh
        self._budget = budget

    def write(self, data):
        if len(data) > self._budget[0]:
            self._fh.write(data[: max(self._budget[0], 0)])
            self._budget[0] = 0
            raise OSError(errno.ENOSPC, "No space left on device", self._fh.name)
        self._budget[0] -= len(data)
        return self._fh.write(data)

    def __getattr__(self, name):
        return getattr(self._fh, name)


def test_disk_full_while_appending_keeps_previous_output_and_resumes(tmp_path, corpus_file, monkeypatch):
    full = tmp_path / "full.jsonl"
    score_stream(corpus_file, full, level="sentence", jobs=1, chunksize=CHUNK, progress=False)
    out = tmp_path / "o.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    budget = [full.stat().st_size // 2]
    real_open = open

    def fake_open(path, mode="r", *a, **k):
        fh = real_open(path, mode, *a, **k)
        return _FullDisk(fh, budget) if Path(path).name == "output" and "a" in mode else fh

    monkeypatch.setattr(stream, "open", fake_open, raising=False)
    with pytest.raises(FramingError, match="no space left on the device.*--resume") as ei:
        score_stream(corpus_file, out, level="sentence", jobs=1, chunksize=CHUNK, progress=False)
    assert str(out) in str(ei.value)
    monkeypatch.undo()
    assert out.read_text(encoding="utf-8") == "previous\n"
    rd = run_dir_for(out)
    state = json.loads((rd / "state.json").read_text(encoding="utf-8"))
    assert (rd / "output").stat().st_size == state["lengths"]["output"] > 0  # partial chunk rolled back
    assert full.read_bytes().startswith((rd / "output").read_bytes())
    score_stream(corpus_file, out, level="sentence", jobs=1, chunksize=CHUNK, progress=False, resume=True)
    assert out.read_bytes() == full.read_bytes()


def test_disk_full_while_assembling_csv(tmp_path, corpus_file, monkeypatch):
    out = tmp_path / "o.csv"
    out.write_text("a,b\n1,2\n", encoding="utf-8")

    def no_space(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(stream.shutil, "copyfileobj", no_space)
    with pytest.raises(FramingError, match="no space left"):
        score_stream(corpus_file, out, jobs=1, chunksize=CHUNK, progress=False)
    monkeypatch.undo()
    assert out.read_text(encoding="utf-8") == "a,b\n1,2\n"
    assert not list(tmp_path.glob(".o.csv.*"))  # no temporary file left behind
    s = score_stream(corpus_file, out, jobs=1, chunksize=CHUNK, progress=False, resume=True)
    assert s.n_resumed == s.n_chunks and len(read_output(out)) == N_ARTICLES


# -- bounded memory ----------------------------------------------------------------------


def test_chunks_in_flight_are_bounded(tmp_path, corpus_file, monkeypatch):
    pulled = [0]
    committed = [0]
    gap = []

    def records():
        for r in iter_records(corpus_file):
            pulled[0] += 1
            gap.append(pulled[0] - committed[0])
            yield r

    real = stream._Run.commit

    def commit(self, res, blobs, counts):
        committed[0] += res.n_items
        return real(self, res, blobs, counts)

    monkeypatch.setattr(stream._Run, "commit", commit)
    score_stream(records(), tmp_path / "o.jsonl", jobs=2, chunksize=3, max_pending=2, progress=False)
    assert committed[0] == N_ARTICLES
    assert max(gap) <= (2 + 1) * 3  # max_pending chunks plus the one being read


# -- outlet level and streamed statistics ------------------------------------------------


def test_outlet_level_from_streamed_sufficient_statistics(tmp_path, corpus_file):
    sent = tmp_path / "s.parquet"
    score_stream(corpus_file, sent, level="sentence", jobs=1, chunksize=CHUNK, progress=False,
                 scorer=LengthScorer())
    out = tmp_path / "outlets.csv"
    stats = tmp_path / "stats"
    s = score_stream(corpus_file, out, level="outlet", jobs=2, chunksize=CHUNK, progress=False,
                     scorer=LengthScorer(), stats_dir=stats, n_boot=50)
    est = read_output(out)
    sentences = read_output(sent)
    chars = est[est["measure"] == "chars"].set_index("outlet")
    assert set(chars.index) == set(sentences["outlet"]) and len(chars) == sentences["outlet"].nunique() == 3
    expected = sentences.assign(chars=sentences["end"] - sentences["start"]).groupby("outlet")["chars"]
    assert np.allclose(chars["estimate"], expected.mean().loc[chars.index])
    assert (chars["n_sentences"] == expected.size().loc[chars.index]).all()
    assert (chars["ci_low"] <= chars["estimate"]).all() and (chars["estimate"] <= chars["ci_high"]).all()
    nsent = est[est["measure"] == "n_sentences"].set_index("outlet")
    per_article = sentences.groupby(["outlet", "article_id"]).size().groupby("outlet").mean()
    assert np.allclose(nsent["estimate"], per_article.loc[nsent.index])
    # distinctive terms from per-chunk counts == from all documents at once
    from framing.analyze import make_doc
    from framing.score.distinctive import distinctive_terms

    docs = [make_doc(a)[0] for a in iter_records(corpus_file)]
    whole = distinctive_terms(docs)
    streamed = pd.read_csv(stats / "distinctive_terms.csv", keep_default_na=False)
    assert len(streamed) == len(whole)
    assert streamed["term"].tolist()[:50] == whole["term"].tolist()[:50]
    assert np.allclose(streamed["z"], whole["z"])
    assert set(s.stats) == {"outlet_estimates", "article_stats", "distinctive_terms"}


# -- options and the CLI -----------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"level": "paragraph"}, "level='paragraph'"),
        ({"engine": "spark"}, "engine='spark'"),
        ({"chunksize": 0}, "chunksize=0"),
        ({"jobs": 0}, "jobs=0"),
    ],
)
def test_bad_options(tmp_path, corpus_file, kwargs, message):
    with pytest.raises(InputError, match=message):
        score_stream(corpus_file, tmp_path / "o.jsonl", progress=False, **kwargs)


def test_bad_output_extension(tmp_path, corpus_file):
    with pytest.raises(InputError, match="extension '.txt'"):
        score_stream(corpus_file, tmp_path / "o.txt", progress=False)


def test_cli_score_writes_file_and_lists_skips(tmp_path, corpus_file, capsys):
    src = tmp_path / "in.jsonl"
    lines = corpus_file.read_text(encoding="utf-8").splitlines()[:6]
    src.write_text("\n".join(lines[:3] + ["{not json"] + lines[3:]) + "\n", encoding="utf-8")
    out = tmp_path / "o.parquet"
    rc = cli_main(["score", str(src), "--out", str(out), "--jobs", "1", "--chunksize", "2", "--no-progress"])
    err = capsys.readouterr().err
    assert rc == 0
    assert f"skipped {src}:line 4: malformed JSON" in err
    assert "read 7: scored 6, skipped 1" in err
    assert len(pd.read_parquet(out)) == 6
    rc = cli_main(["score", str(src), "--out", str(tmp_path / "o2.jsonl"), "--jobs", "1", "--strict", "--no-progress"])
    assert rc == 1 and "--strict" in capsys.readouterr().err


def test_cli_without_out_prints_outlet_summary(corpus_file, capsys):
    rc = cli_main(["score", str(corpus_file), "--jobs", "1", "--no-progress"])
    captured = capsys.readouterr()
    assert rc == 0
    header = captured.out.splitlines()[0].split()
    assert header[:2] == ["outlet", "articles"] and "n_sentences" in header
    outlets = pd.read_json(corpus_file, lines=True)["outlet"].unique()
    assert [line.split()[0] for line in captured.out.splitlines()[1:]] == sorted(outlets)


@pytest.mark.parametrize(
    "argv",
    [
        ["score", "x.jsonl", "--out", "o.txt"],
        ["score", "x.jsonl", "--scheduler", "tcp://127.0.0.1:1"],
        ["score", "x.jsonl", "--resume"],
    ],
)
def test_cli_usage_errors(argv, capsys):
    assert cli_main(argv) == 2
    assert "error" in capsys.readouterr().err


# -- worker preparation ---------------------------------------------------------------------


def test_prepare_worker_loads_state_and_freezes_gc_in_a_worker_process():
    """A worker loads the scorer's state before its first chunk and moves it out of the
    collector's reach (gc.freeze); scoring afterwards gives the same tables."""
    code = textwrap.dedent(
        """
        import gc, json
        from framing.analyze import ArticleScorer
        from framing.corpus import load_corpus
        from framing.stream import prepare_worker
        art = load_corpus()[0]
        before = ArticleScorer().score(art)
        gc.unfreeze()
        s = ArticleScorer()
        assert s._state is None
        prepare_worker(s)
        print(json.dumps({"loaded": s._state is not None, "frozen": gc.get_freeze_count(),
                          "same": s.score(art) == before, "thresholds": gc.get_threshold()}))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["loaded"] and got["same"]
    assert got["frozen"] > 50_000  # the scorer's lexicons, models and imported modules
    assert tuple(got["thresholds"]) == stream.WORKER_GC_THRESHOLDS != (700, 10, 10)  # collected less often


def test_prepare_worker_freezes_what_the_first_article_would_build():
    """The warm-up article builds the lazily built indexes (the target model's token index,
    theme matchers) before the freeze: scoring a real article afterwards leaves almost no
    new long-lived objects for every full collection to walk (about 28,000 without it)."""
    code = textwrap.dedent(
        """
        import gc, json
        from framing.analyze import ArticleScorer
        from framing.corpus import load_corpus
        from framing.stream import prepare_worker
        art = load_corpus()[1]
        s = ArticleScorer()
        prepare_worker(s)
        n0 = len(gc.get_objects())
        s.score(art)
        gc.collect()
        print(json.dumps({"new": len(gc.get_objects()) - n0}))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["new"] < 2_000


def test_scoring_does_not_import_scikit_learn_and_old_transformer_paths_resolve():
    """A worker scores without importing scikit-learn (about a second of start-up per
    process); the transformers still resolve from the scorer modules, to one class each."""
    code = textwrap.dedent(
        """
        import json, pickle, sys
        from framing.analyze import ArticleScorer
        from framing.corpus import load_corpus
        ArticleScorer().score(load_corpus()[0])
        clean = "sklearn" not in sys.modules
        from framing.score import emphasis, sentiment, transformers, voices
        same = (emphasis.ThemeFeatures is transformers.ThemeFeatures
                and sentiment.ToneFeatures is transformers.ToneFeatures
                and voices.VoiceFeatures is transformers.VoiceFeatures)
        back = type(pickle.loads(pickle.dumps(voices.VoiceFeatures()))) is transformers.VoiceFeatures
        try:
            emphasis.NoSuchThing
            missing = False
        except AttributeError:
            missing = True
        print(json.dumps({"clean": clean, "same": same, "pickle": back, "missing": missing}))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"clean": True, "same": True, "pickle": True,
                                                               "missing": True}
