"""Loading: folders, tables, encodings, manifests, duplicates and every kind of bad input."""

from __future__ import annotations

import json
import logging
import tracemalloc
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.corpus import Article, content_hash, decode_bytes, iter_records, load_corpus
from framing.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
POLNEAR_DEV = SHARED / "data" / "polnear_dev.jsonl"

ARTICLE = (
    "Minister visits port\n\n"
    "The minister visited the port on Monday. She said the new cranes would be ready in May.\n"
)


def _invariant(corpus) -> None:
    assert corpus.n_read == len(corpus.articles) + len(corpus.skipped)


# -- the seeds ---------------------------------------------------------------


def test_seeds_load_with_manifest():
    corpus = framing.load_corpus(SEEDS)
    _invariant(corpus)
    assert len(corpus) == 5 and not corpus.skipped
    df = corpus.to_frame()
    assert list(df["article_id"]) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    by_id = df.set_index("article_id")
    assert by_id.loc["003_e8b19121654e4dd4", "outlet"] == "UNN"
    assert by_id.loc["004_405047ef60991ccd", "outlet"] == "News.Az"
    assert by_id.loc["004_405047ef60991ccd", "genre"] == "opinion"
    assert by_id.loc["001_3736c93721911abf", "outlet"] == "The Caspian Post"
    # unknown stays unknown: never invented
    assert pd.isna(by_id.loc["000_67092f7c029130ba", "outlet"])
    # provenance columns from the manifest are kept
    assert "UNN" in by_id.loc["003_e8b19121654e4dd4", "outlet_source"]


def test_seed_copies_are_verbatim():
    shared = SHARED / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds not present")
    for p in shared.glob("*.txt"):
        assert (SEEDS / p.name).read_bytes() == p.read_bytes()


def test_manifest_values_are_established_or_unknown():
    m = pd.read_csv(SEEDS / "sources.csv", dtype=str)
    for field in ("outlet", "title", "date", "language", "genre", "author"):
        assert field in m and f"{field}_source" in m, field
        assert m[f"{field}_source"].str.len().gt(5).all(), f"every {field} says how it was established"
    # a title that is not unknown must occur in the article text
    for _, r in m.iterrows():
        text = (SEEDS / r["file"]).read_text(encoding="utf-8")
        for field in ("title", "author", "outlet"):
            if r[field] != "unknown":
                assert r[field] in text, (r["file"], field, r[field])


def test_content_hash_ignores_whitespace_and_case():
    assert content_hash("A  b\nC") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")


# -- tables ----------------------------------------------------------------


def test_polnear_dev_loads_all_84_with_mapping():
    if not POLNEAR_DEV.exists():
        pytest.skip("shared data not present")
    corpus = load_corpus(POLNEAR_DEV, columns={"text": "text", "id": "id", "outlet": "publisher"})
    _invariant(corpus)
    assert len(corpus) == 84
    assert corpus.to_frame()["outlet"].nunique() == 7


def test_csv_with_column_mapping(tmp_path):
    p = tmp_path / "a.csv"
    pd.DataFrame(
        {"body": [ARTICLE, ARTICLE.replace("port", "airport")], "site": ["X", "Y"], "key": ["k1", "k2"]}
    ).to_csv(p, index=False)
    corpus = load_corpus(p, columns={"text": "body", "outlet": "site", "id": "key"})
    assert [a.id for a in corpus] == ["k1", "k2"]
    assert [a.outlet for a in corpus] == ["X", "Y"]


def test_parquet_and_jsonl(tmp_path):
    df = pd.DataFrame({"id": ["a", "b"], "text": [ARTICLE, ARTICLE + " More."], "outlet": ["O1", "O2"]})
    df.to_parquet(tmp_path / "t.parquet")
    df.to_json(tmp_path / "t.jsonl", orient="records", lines=True)
    for name in ("t.parquet", "t.jsonl"):
        corpus = load_corpus(tmp_path / name)
        assert [a.id for a in corpus] == ["a", "b"], name
        assert corpus[0].outlet == "O1"


def test_csv_without_text_column_names_file_and_columns(tmp_path):
    p = tmp_path / "notext.csv"
    p.write_text("id,headline\n1,Something\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"notext\.csv: no text column .*columns are: id, headline"):
        load_corpus(p)


def test_explicit_missing_column(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("id,text\n1,Some text here.\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column 'body' for text"):
        load_corpus(p, columns={"text": "body"})


def test_malformed_jsonl_rows_others_load(tmp_path):
    p = tmp_path / "t.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": ARTICLE}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "nokey"}),
        json.dumps({"id": "ok2", "text": ARTICLE + " Extra."}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = load_corpus(p)
    _invariant(corpus)
    assert [a.id for a in corpus] == ["ok1", "ok2"]
    reasons = {s.source.rsplit(":", 1)[-1]: s.reason for s in corpus.skipped}
    assert "malformed JSON" in reasons["line 2"]
    assert "expected a JSON object" in reasons["line 3"]
    assert "no 'text' key" in reasons["line 4"]


def test_malformed_csv_rows_others_load(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(
        'id,text\n1,"First article text here."\n2,"Second",extra,fields\n3,"Third article text."\n4,\n',
        encoding="utf-8",
    )
    corpus = load_corpus(p)
    _invariant(corpus)
    assert [a.id for a in corpus] == ["1", "3"]
    reasons = [s.reason for s in corpus.skipped]
    assert any("malformed CSV row" in r for r in reasons)
    assert any("no text" in r for r in reasons)


# -- encodings ---------------------------------------------------------------

RUSSIAN = (
    "Президент Азербайджана Ильхам Алиев встретился с вице-президентом США в Баку. "
    "Стороны подписали хартию о стратегическом партнёрстве и обсудили энергетическую безопасность региона."
)
FRENCH = (
    "Le vice-président américain a signé à Bakou une charte de partenariat stratégique. "
    "Les deux pays coopéreront dans le domaine de la sécurité énergétique et des minéraux critiques."
)


@pytest.mark.parametrize(
    "payload, expected_text, encoding_prefix",
    [
        (("\ufeff" + ARTICLE).encode("utf-8"), ARTICLE, "utf-8"),
        (ARTICLE.encode("utf-16"), ARTICLE, "utf-16"),
        (ARTICLE.encode("utf-16-le"), ARTICLE, "utf-16"),
        (RUSSIAN.encode("cp1251"), RUSSIAN, "cp1251"),
        (FRENCH.encode("latin-1"), FRENCH, ""),
        (RUSSIAN.encode("utf-8"), RUSSIAN, "utf-8"),
    ],
)
def test_encodings_detected(payload, expected_text, encoding_prefix):
    text, enc = decode_bytes(payload)
    assert text == expected_text
    assert enc.replace("_", "-").lower().startswith(encoding_prefix)


def test_latin1_decodes_to_the_right_accents(tmp_path):
    p = tmp_path / "fr.txt"
    p.write_bytes(FRENCH.encode("latin-1"))
    corpus = load_corpus(tmp_path)
    assert corpus[0].text == FRENCH
    assert corpus[0].encoding.lower() in {"latin_1", "iso8859_1", "cp1252", "iso8859_15", "latin-1"}


# -- bad input ---------------------------------------------------------------


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256))


def test_bad_files_in_a_folder_are_skipped_with_reasons(tmp_path, caplog):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\t \n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(_png())
    zpath = tmp_path / "archive.md"
    with zipfile.ZipFile(zpath, "w") as z:
        z.writestr("x.txt", "hello")
    (tmp_path / "garbage.txt").write_bytes(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 3 + b"\x00\x00\xff\xfe\x00")
    (tmp_path / "dup.txt").write_text(ARTICLE.upper(), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="framing"):
        corpus = load_corpus(tmp_path)
    _invariant(corpus)
    assert [a.id for a in corpus] == ["dup"] or [a.id for a in corpus] == ["good"]
    reasons = {Path(s.source).name: s.reason for s in corpus.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "only white space"
    assert "PNG image" in reasons["image.txt"]
    assert "zip archive" in reasons["archive.md"]
    assert "binary" in reasons["garbage.txt"] or "decode" in reasons["garbage.txt"]
    assert any("exact duplicate of" in r for r in reasons.values())
    # every skip was also logged with the file name
    assert all(any(name in rec.getMessage() for rec in caplog.records) for name in reasons)


def test_path_that_does_not_exist():
    with pytest.raises(InputError, match="no such file or folder"):
        load_corpus("/no/such/folder/anywhere")


def test_folder_without_articles(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match=r"no articles .*notes\.pdf"):
        load_corpus(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="the folder is empty"):
        load_corpus(empty)


def test_unsupported_file_type(tmp_path):
    p = tmp_path / "a.docx"
    p.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match="unsupported file type '.docx'"):
        load_corpus(p)


def test_manifest_mismatches_are_reported(tmp_path, caplog):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE + " Different.", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,outlet\na.txt,Alpha\nmissing.txt,Ghost\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="framing"):
        corpus = load_corpus(tmp_path)
    assert {a.id: a.outlet for a in corpus} == {"a": "Alpha", "b": None}
    msgs = " ".join(r.getMessage() for r in caplog.records)
    assert "names missing.txt, which is not in" in msgs
    assert "b.txt is not in manifest" in msgs


def test_near_duplicates_flagged_and_kept(tmp_path):
    base = " ".join(f"Sentence number {i} says that the talks in Baku went on for hours." for i in range(40))
    (tmp_path / "a.txt").write_text(base, encoding="utf-8")
    (tmp_path / "b.txt").write_text(base.replace("number 7 ", "number seven "), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert len(corpus) == 2
    near = corpus.duplicates[corpus.duplicates["kind"] == "near"]
    assert len(near) == 1 and near.iloc[0]["similarity"] > 0.8


def test_keep_duplicates_option(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    assert len(load_corpus(tmp_path, drop_duplicates=False)) == 2
    assert len(load_corpus(tmp_path)) == 1


def test_large_text_file_loads_in_bounded_memory(tmp_path):
    p = tmp_path / "big.txt"
    para = "The delegation discussed energy, security and trade routes across the region. " * 12 + "\n\n"
    with open(p, "w", encoding="utf-8") as fh:
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(para * 100)
    size = p.stat().st_size
    tracemalloc.start()
    items = list(iter_records(p))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(items[0], Article) and len(items[0].text) == size
    assert peak < 4 * size, f"peak {peak:,} bytes for a {size:,}-byte file"


def test_html_main_text_extracted(tmp_path):
    html = """<!doctype html><html><head><title>Vance signs pact in Baku | Example News</title>
    <meta property="og:site_name" content="Example News"></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
    <article><h1>Vance signs pact in Baku</h1>
    <p>US Vice President JD Vance signed a strategic partnership charter with President Ilham Aliyev in Baku on Tuesday, officials said.</p>
    <p>The charter covers energy security, counterterrorism and the sale of defence equipment, according to a statement released after the meeting.</p>
    <p>Rights groups urged Vance to raise the cases of detained Armenian leaders during the talks in the Azerbaijani capital.</p>
    </article><footer>Subscribe to our newsletter. Copyright 2026 Example News.</footer>
    <script>alert('x')</script></body></html>"""
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    art = corpus[0]
    assert "strategic partnership charter" in art.text
    assert "Rights groups urged Vance" in art.text
    assert "Subscribe to our newsletter" not in art.text
    assert "alert(" not in art.text
    assert art.meta["format"] == "html"


def test_string_is_not_an_iterable_of_texts():
    from framing.corpus import corpus_from_texts

    with pytest.raises(TypeError, match="not a single str"):
        corpus_from_texts("just one text")
