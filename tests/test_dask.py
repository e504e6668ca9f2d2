"""The Dask engine gives the local engine's output, row for row, on a 2-worker LocalCluster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.cli import main as cli_main
from framing.stream import read_output, score_stream

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear_dev.jsonl"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory) -> Path:
    """Every 3rd PolNeAR dev article (28 articles, all 7 publishers) plus one malformed row."""
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    lines = POLNEAR_DEV.read_text(encoding="utf-8").splitlines()[::3]
    out = [json.dumps({"id": d["id"], "outlet": d["publisher"], "text": d["text"]})
           for d in map(json.loads, lines)]
    out.insert(10, '{"id": "broken", "text": ')
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def test_dask_and_local_agree_row_for_row(tmp_path, corpus_file, cluster):
    from distributed import Client

    local = tmp_path / "local.jsonl"
    dask_out = tmp_path / "dask.jsonl"
    a = score_stream(corpus_file, local, level="sentence", jobs=2, chunksize=4, progress=False)
    with Client(cluster) as client:
        b = score_stream(corpus_file, dask_out, level="sentence", engine="dask", client=client,
                         chunksize=4, progress=False)
    assert dask_out.read_bytes() == local.read_bytes()
    assert (a.n_scored, a.n_skipped, a.n_rows) == (b.n_scored, b.n_skipped, b.n_rows) == (28, 1, a.n_rows)
    assert [s.source for s in b.skipped] == [f"{corpus_file}:line 11"]
    df = read_output(dask_out)
    assert df["article_id"].nunique() == 28 and df["outlet"].nunique() == 7


def test_cli_dask_engine_with_scheduler_address(tmp_path, corpus_file, cluster, capsys):
    out = tmp_path / "articles.parquet"
    rc = cli_main(["score", str(corpus_file), "--out", str(out), "--engine", "dask",
                   "--scheduler", cluster.scheduler_address, "--chunksize", "5", "--no-progress"])
    err = capsys.readouterr().err
    assert rc == 0, err
    assert "scored 28, skipped 1" in err and "on 2 Dask workers" in err
    local = tmp_path / "local.parquet"
    score_stream(corpus_file, local, jobs=1, chunksize=5, progress=False)
    assert read_output(out).equals(read_output(local))
