"""The rendered report: notebooks executed, self-contained HTML, PDF with charts, inert article text,
determinism and atomic replacement."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest
from PIL import Image

import framing
from framing import config, report
from framing.corpus import corpus_from_texts
from framing.errors import FramingError, InputError

XSS = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
EVIL_TEXT = (
    "Vance visits Baku <script>alert(1)</script>\n\n"
    "US Vice President JD Vance arrived in Baku on Tuesday to sign a strategic partnership on energy "
    "and security. <img src=x onerror=alert(1)> The pipeline deal covers gas exports to Europe.\n\n"
    "“We will build new energy routes <script>alert(1)</script> together,” Aliyev said after the talks "
    "on the Russian role in the region.\n\n"
    "Human rights groups said political prisoners remain in detention, according to Amnesty International."
)

# Any URL with a scheme or protocol-relative in src/href: the report must not fetch anything.
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?!data:)(?:[a-z][a-z0-9+.-]*:|//)""", re.I)


def _evil_analysis():
    corpus = corpus_from_texts({"evil": EVIL_TEXT}, outlets=[f"Evil {IMG} News"])
    analysis = framing.analyze(corpus)
    return corpus, analysis


def test_evidence_view_escapes_article_text():
    corpus, analysis = _evil_analysis()
    tables = {**report.emphasis_tables(analysis, n_boot=50), **report.voice_tables(analysis, n_boot=50)}
    page = report.evidence_html(analysis, corpus, tables, corpus_label=XSS)
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")  # only as escaped text
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3  # label, headline, body, quote
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    # the findings are marked: theme hits, a quote with its speaker, and nothing external
    assert "<mark class='t" in page and "class='q'" in page and "Ilham Aliyev" in page
    assert not EXTERNAL.search(page)


def test_evidence_marks_removed_boilerplate_at_raw_offsets():
    analysis = framing.analyze()
    corpus = framing.load_corpus(config.SEEDS_DIR)
    tables = report.emphasis_tables(analysis, n_boot=50)
    page = report.evidence_html(analysis, corpus, tables)
    removed = analysis.removed
    assert len(removed) > 0
    struck = re.findall(r"<del class='removed'[^>]*>(.*?)</del>", page, re.S)
    import html as _html

    joined = "".join(_html.unescape(s) for s in struck)
    for text in removed["text"]:
        assert text.strip()[:20] in joined


def test_notebook_html_hides_code_and_neutralises_outputs():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title\n\nSome *narration*."),
        nbformat.v4.new_code_cell("secret_code = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("visible_code()", outputs=[
            nbformat.v4.new_output("stream", name="stdout", text=XSS),
            nbformat.v4.new_output("display_data", data={"text/html": f"<div>{IMG}</div>", "text/plain": "x"}),
            nbformat.v4.new_output("display_data", data={"text/html": "<a href='https://cdn.example/x.js'>x</a>"}),
            nbformat.v4.new_output("display_data", data={"text/markdown": f"**{XSS}**"}),
        ]),
    ]
    body, title = report.notebook_html(nb)
    assert title == "Title"
    assert "secret_code" not in body and "visible_code" not in body
    assert "<script" not in body.lower() and "<img" not in body.lower()
    assert not EXTERNAL.search(body)
    assert "&lt;script&gt;" in body


def test_refuses_to_replace_a_folder_that_is_not_a_report(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="refusing to replace"):
        report.build_report(out=tmp_path, progress=False)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_kernel_is_this_interpreter():
    km = report._kernel_manager_class()(kernel_name="python3")
    assert km.kernel_spec.argv[0] == sys.executable


def test_table_view_shortens_for_reading():
    analysis = framing.analyze()
    v = report.table_view(analysis.removed, ["article_id", "outlet", "text"], index="article_id", max_chars=10)
    assert v.index.name == "article_id"
    assert v["text"].str.len().max() <= 10
    assert not v["outlet"].str.contains("\n").any()


# ---------------------------------------------------------------------------
# Full renders (slow: each executes the notebooks)
# ---------------------------------------------------------------------------


def _digest(folder: Path, pattern: str) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.glob(pattern)) if p.is_file()}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    base = tmp_path_factory.mktemp("reports")
    a = report.build_report(out=base / "a", progress=False)
    return a


@pytest.mark.slow
def test_report_files_and_offline_html(rendered):
    out = rendered.out_dir
    for name in ("report.html", "report.pdf", "evidence.html", "manifest.json", "README.md"):
        assert (out / name).is_file(), name
    figs = sorted(p.name for p in (out / "figures").glob("*.svg"))
    assert len(figs) >= 14 and all((out / "figures" / f.replace(".svg", ".png")).is_file() for f in figs)
    for t in ("articles", "sentences", "removed", "quotes", "hits", "themes", "tone", "actor_tone",
              "distinctive", "tone_outlets", "theme_outlets", "voice_outlets", "omissions"):
        assert (out / "tables" / f"{t}.csv").is_file(), t
    html = (out / "report.html").read_text(encoding="utf-8")
    # one section per notebook, every figure embedded, no external URL, no script, code hidden
    assert html.count("<section class='notebook'") == len(report.NOTEBOOKS)
    assert html.count("src='data:image/svg+xml;base64,") == len(figs)
    assert not EXTERNAL.search(html)
    assert "<script" not in html.lower()
    assert "import framing" not in html and "report.embed_figure" not in html
    assert "/work/" not in (out / "tables" / "articles.csv").read_text(encoding="utf-8")
    # the whole report stays small
    assert sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) < 5_000_000


@pytest.mark.slow
def test_pdf_pages_show_the_charts(rendered, tmp_path):
    pdf = rendered.out_dir / "report.pdf"
    manifest = json.loads((rendered.out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["pdf_pages"] == rendered.pdf_pages >= len(report.NOTEBOOKS) + 1
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == rendered.pdf_pages
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) not installed")
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) == rendered.pdf_pages
    colourful = 0
    for p in pages:
        px = np.asarray(Image.open(p).convert("RGB"), dtype=float)
        assert px.std() > 10, f"{p.name} looks blank"
        sat = px.max(axis=2) - px.min(axis=2)
        if (sat > 60).mean() > 0.01:  # at least 1% strongly coloured pixels: a chart
            colourful += 1
    # 14 charts over the pages: most of them must show up in colour
    assert colourful >= 8


@pytest.mark.slow
def test_two_renders_are_identical(rendered, tmp_path):
    b = report.build_report(out=tmp_path / "b", progress=False, pdf=False)
    a = rendered.out_dir
    assert _digest(a, "tables/*.csv") == _digest(b.out_dir, "tables/*.csv")
    assert _digest(a, "figures/*.svg") == _digest(b.out_dir, "figures/*.svg")
    assert _digest(a, "figures/*.png") == _digest(b.out_dir, "figures/*.png")
    assert (a / "report.html").read_bytes() == (b.out_dir / "report.html").read_bytes()
    assert (a / "evidence.html").read_bytes() == (b.out_dir / "evidence.html").read_bytes()


@pytest.mark.slow
def test_interrupted_run_leaves_previous_report(rendered, monkeypatch):
    out = rendered.out_dir
    before = _digest(out, "**/*")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "write_pdf", boom)
    with pytest.raises(KeyboardInterrupt):
        report.build_report(out=out, progress=False, stems=report.NOTEBOOKS[:1])
    assert _digest(out, "**/*") == before
    assert not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")]


@pytest.mark.slow
def test_report_of_hostile_article_is_inert(tmp_path):
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "evil.txt").write_text(EVIL_TEXT, encoding="utf-8")
    (corpus_dir / "calm.txt").write_text(
        "Vance and Pashinyan sign nuclear deal\n\nThe United States and Armenia signed a civil nuclear "
        "energy agreement in Yerevan on Monday, officials said.", encoding="utf-8")
    res = report.build_report(corpus_dir, tmp_path / "out", progress=False, pdf=False,
                              stems=report.NOTEBOOKS[:1])
    for name in ("report.html", "evidence.html"):
        page = (res.out_dir / name).read_text(encoding="utf-8")
        assert "<script" not in page.lower(), name
        assert "<img src=x" not in page.lower(), name
        assert not EXTERNAL.search(page), name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (res.out_dir / "evidence.html").read_text(encoding="utf-8")


def test_failing_notebook_names_the_cell(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("out_dir = None", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("1 / 0")]
    path = tmp_path / "bad.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(FramingError, match=r"bad.ipynb failed in cell \d+: ZeroDivisionError"):
        report.run_notebook(path, tmp_path / "out.ipynb", {"out_dir": str(tmp_path)})


MANIFEST_NAME = report.MANIFEST
