"""The rendered report: run the notebooks, render HTML and PDF, write tables and the evidence view.

:func:`build_report` is what ``framing report`` runs. In stages:

1. **analyze**: load, clean, segment and score the corpus once
   (:func:`framing.analyze`) and gather every table (:func:`report_tables`);
2. **tables**: write them as CSV (``tables/``);
3. **notebooks**: execute the numbered notebooks of ``notebooks/`` with
   papermill, on the same corpus and lexicons (their ``parameters`` cell);
   they save their figures into ``figures/`` through :func:`embed_figure`;
4. **html**: one self-contained ``report.html`` from the executed notebooks
   (code hidden, figures embedded as ``data:`` URIs, no script, no external
   URL: it opens offline);
5. **pdf**: ``report.pdf`` from the same HTML (WeasyPrint; external URLs are
   refused, so rendering never touches the network);
6. **evidence**: ``evidence.html``, every article's raw text with theme terms
   highlighted by theme, quotes marked with speaker and group, and the
   boilerplate removed in cleaning struck through, so each number can be
   checked against the words.

Everything is built in a temporary folder beside the target and swapped in
at the end: an interrupted run leaves the previous report intact. Output is
deterministic (no timestamps, sorted rows, seeded bootstrap): the same corpus
gives the same bytes. All article text is HTML-escaped.

The table functions (:func:`tone_tables`, :func:`emphasis_tables`,
:func:`voice_tables`, :func:`comparison_tables`) are what the notebooks call:
each returns its tables from ``analysis.tables`` when :func:`framing.analyze`
already made them, and computes (and caches there) the missing ones.
"""

from __future__ import annotations

import base64
import contextlib
import html
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from framing import __version__, config
from framing._io import write_bytes_atomic, write_table, write_text_atomic
from framing._log import get_logger
from framing.errors import FramingError, InputError

log = get_logger(__name__)

__all__ = [
    "NOTEBOOKS",
    "FigureFiles",
    "ReportResult",
    "build_report",
    "comparison_tables",
    "embed_figure",
    "emphasis_tables",
    "evidence_html",
    "notebook_html",
    "report_tables",
    "table_view",
    "tone_tables",
    "voice_tables",
]

#: The notebooks of the report, in order (stems of ``notebooks/*.ipynb``).
NOTEBOOKS: tuple[str, ...] = (
    "01-corpus-overview",
    "02-tone",
    "03-emphasis",
    "04-voices",
    "05-comparison",
)
#: Marker file of a report folder (a folder without it is never replaced).
MANIFEST = "manifest.json"
#: Files of an existing report folder carried over to the new one (placeholders for git).
_KEEP = (".gitkeep",)


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


def _cached(analysis: Any, name: str, make: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    tables = analysis.tables
    if name not in tables:
        tables[name] = make()
    return tables[name]


def _outlet_by_article(analysis: Any) -> dict[str, str]:
    return dict(zip(analysis.articles["article_id"].astype(str), analysis.articles["outlet"].astype(str)))


def tone_tables(analysis: Any, *, actors: str | Path | None = None,
                n_boot: int = config.N_BOOTSTRAP) -> dict[str, pd.DataFrame]:
    """Tone tables of an analysis (computed once, cached in ``analysis.tables``).

    Returns
    -------
    dict of str to DataFrame
        ``sentence_tone`` (one row per sentence: ``compound``, narration and
        quoted compounds, ``rel_position``), ``tone`` (article tone with
        bootstrap intervals), ``actor_tone`` (article x actor x voice),
        ``tone_outlets`` (outlet estimates of sentence tone with cluster
        bootstrap intervals, :func:`framing.compare.outlet_estimates`) and
        ``headline_body`` (headline vs body tone per outlet).

    References
    ----------
    Hutto & Gilbert (2014) for VADER; Hamborg & Donnay (2021) for the
    target-dependent model behind ``actor_tone``.
    """
    from framing.compare import headline_vs_body, outlet_estimates
    from framing.score.sentiment import actor_tone, article_tone, sentence_tone

    def _sent() -> pd.DataFrame:
        if "compound" in analysis.sentences.columns:
            st = analysis.sentences.copy()
        else:
            st = sentence_tone(analysis.docs)
            base = analysis.sentences[["article_id", "sentence", "rel_position", "paragraph", "text"]]
            st = st.merge(base, on=["article_id", "sentence"], how="left", validate="one_to_one")
        return st

    st = _cached(analysis, "sentence_tone", _sent)
    english = st[~st["non_english"]] if "non_english" in st.columns else st
    genres = analysis.articles[["article_id", "genre"]].fillna({"genre": "unknown"})
    english = english.drop(columns=["genre"], errors="ignore").merge(genres, on="article_id", how="left")
    out = {
        "sentence_tone": st,
        "tone": _cached(analysis, "tone", lambda: article_tone(st, n_boot=n_boot)),
        "actor_tone": _cached(analysis, "actor_tone", lambda: actor_tone(analysis.docs, actors)),
        "tone_outlets": _cached(analysis, "tone_outlets", lambda: outlet_estimates(
            english, "compound", genre="genre", n_boot=n_boot)),
        "headline_body": _cached(analysis, "headline_body", lambda: headline_vs_body(
            english, "compound", n_boot=n_boot)),
    }
    return out


def _theme_units(sentences: pd.DataFrame, hits: pd.DataFrame, themes: Sequence[str]) -> pd.DataFrame:
    """One row per English sentence, a 0/1 column per theme: does the sentence touch it?"""
    base = sentences[["article_id", "outlet", "sentence", "position"]].copy()
    if "lang" in sentences.columns:
        base = base[sentences["lang"].fillna("en") == "en"]
    key = base["article_id"].astype(str) + "#" + base["sentence"].astype(str)
    for t in themes:
        h = hits[hits["theme"] == t]
        touched = set(h["article_id"].astype(str) + "#" + h["sentence"].astype(str))
        base[t] = key.isin(touched).astype(float).to_numpy()
    return base


def emphasis_tables(analysis: Any, *, lexicon: str | Path | None = None,
                    n_boot: int = config.N_BOOTSTRAP) -> dict[str, pd.DataFrame]:
    """Emphasis tables of an analysis (computed once, cached in ``analysis.tables``).

    Returns
    -------
    dict of str to DataFrame
        ``hits`` (every theme term with offsets), ``themes`` (article x theme
        scores), ``theme_outlets`` (per outlet and theme: share of sentences
        touching the theme, cluster bootstrap interval; ``measure`` = theme)
        and ``distinctive`` (Monroe, Colaresi & Quinn 2008 log-odds per outlet
        against the rest, top 15 unigrams and bigrams each; empty with one outlet).
    """
    from framing.compare import outlet_estimates
    from framing.score.distinctive import distinctive_terms
    from framing.score.emphasis import hits_frame, load_themes, theme_scores

    lex = load_themes(lexicon) if lexicon else None
    hits = _cached(analysis, "hits", lambda: hits_frame(analysis.docs, lex))
    themes = _cached(analysis, "themes", lambda: theme_scores(analysis.docs, lex))
    order = list(dict.fromkeys(themes["theme"]))

    def _est() -> pd.DataFrame:
        units = _theme_units(analysis.sentences, hits, order)
        parts = []
        for t in order:
            e = outlet_estimates(units, t, n_boot=n_boot)
            parts.append(e)
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()

    def _dist() -> pd.DataFrame:
        if analysis.articles["outlet"].nunique() < 2:
            log.warning("distinctive terms: only one outlet, nothing to compare")
            return pd.DataFrame(columns=["group", "versus", "ngram", "term", "count", "z"])
        return distinctive_terms(analysis.docs, top=15)

    return {
        "hits": hits,
        "themes": themes,
        "theme_outlets": _cached(analysis, "theme_outlets", _est),
        "distinctive": _cached(analysis, "distinctive", _dist),
    }




def voice_tables(analysis: Any, *, actors: str | Path | None = None,
                 n_boot: int = config.N_BOOTSTRAP) -> dict[str, pd.DataFrame]:
    """Voice tables of an analysis (computed once, cached in ``analysis.tables``).

    Returns
    -------
    dict of str to DataFrame
        ``quotes`` (:func:`framing.score.voices.quotes_frame`: one row per
        record of :func:`framing.extract_quotes`, with offsets, pieces,
        speaker, group, kind and words quoted) and ``voice_outlets`` (per outlet and speaker group: share of
        the outlet's voices from the group, cluster bootstrap interval;
        ``measure`` = group; media sourcing and non-speech left out).
    """
    from framing.compare import outlet_estimates
    from framing.quotes import SPEECH_KINDS
    from framing.score.voices import quotes_frame

    def _quotes() -> pd.DataFrame:
        return quotes_frame(analysis.docs, actors=actors)

    quotes = _cached(analysis, "quotes", _quotes)

    def _est() -> pd.DataFrame:
        kind_ok = quotes["kind"].isin(SPEECH_KINDS)
        media = quotes["media"].fillna(False).astype(bool) if "media" in quotes.columns else False
        v = quotes[kind_ok & ~media].copy()
        if v.empty:
            return pd.DataFrame()
        groups = sorted(v["group"].fillna("unknown").unique())
        parts = []
        for g in groups:
            v["is_group"] = (v["group"].fillna("unknown") == g).astype(float)
            e = outlet_estimates(v, "is_group", n_boot=n_boot, unit="quotes")
            e["measure"] = g
            parts.append(e)
        return pd.concat(parts, ignore_index=True)

    return {"quotes": quotes, "voice_outlets": _cached(analysis, "voice_outlets", _est)}


def comparison_tables(analysis: Any) -> dict[str, pd.DataFrame]:
    """Shared copy and story elements (computed once, cached in ``analysis.tables``).

    Returns
    -------
    dict of str to DataFrame
        ``containment`` (square article x article matrix, row in column),
        ``shared_passages`` (passages two articles share, offsets in both),
        ``elements``, ``element_coverage`` (outlets x elements, sentences),
        ``element_sentences`` (membership with evidence) and ``omissions``
        (elements most outlets carry and one leaves out). See
        :mod:`framing.reuse` (Broder 1997) and :mod:`framing.elements`.
    """
    from framing.elements import story_elements
    from framing.reuse import build_index, containment_matrix, shared_passages

    if "containment" not in analysis.tables:
        ix = build_index(analysis.docs)
        analysis.tables["containment"] = containment_matrix(ix)
        analysis.tables["shared_passages"] = shared_passages(ix)
    if "elements" not in analysis.tables:
        se = story_elements(analysis.docs, sentences=None)
        analysis.tables["elements"] = se.elements
        analysis.tables["element_coverage"] = se.coverage
        analysis.tables["element_sentences"] = se.sentences
        analysis.tables["omissions"] = se.omissions
    names = ["containment", "shared_passages", "elements", "element_coverage", "element_sentences", "omissions"]
    return {n: analysis.tables[n] for n in names}


def report_tables(analysis: Any, *, lexicon: str | Path | None = None, actors: str | Path | None = None,
                  n_boot: int = config.N_BOOTSTRAP) -> dict[str, pd.DataFrame]:
    """Every table of the report, by name (the analysis's own tables first)."""
    out: dict[str, pd.DataFrame] = {
        "articles": analysis.articles, "sentences": analysis.sentences,
        "removed": analysis.removed, "skipped": analysis.skipped,
    }
    out.update(tone_tables(analysis, actors=actors, n_boot=n_boot))
    out.update(emphasis_tables(analysis, lexicon=lexicon, n_boot=n_boot))
    out.update(voice_tables(analysis, actors=actors, n_boot=n_boot))
    out.update(comparison_tables(analysis))
    for name, df in analysis.tables.items():
        out.setdefault(name, df)
    return out


def _portable(df: pd.DataFrame, roots: Sequence[Path]) -> pd.DataFrame:
    """Absolute paths under ``roots`` made relative (the committed report must not depend on the checkout)."""
    if "source" not in df.columns or df.empty:
        return df
    prefixes = [str(r.resolve()) + os.sep for r in roots if r is not None]

    def rel(v: Any) -> Any:
        if isinstance(v, str):
            for p in prefixes:
                if v.startswith(p):
                    return v[len(p):]
        return v

    return df.assign(source=df["source"].map(rel))


def write_tables(tables: Mapping[str, pd.DataFrame], out_dir: Path, *, roots: Sequence[Path] = ()) -> list[Path]:
    """Write each table as ``<out_dir>/<name>.csv`` (square matrices keep their index)."""
    paths = []
    for name, df in sorted(tables.items()):
        if not isinstance(df, pd.DataFrame):
            continue
        df = _portable(df, roots)
        if name in ("containment", "element_coverage"):
            df = df.reset_index()
        path = out_dir / f"{name}.csv"
        write_table(df, path)
        paths.append(path)
    return paths


def table_view(df: pd.DataFrame, columns: Sequence[str] | None = None, *, index: str | Sequence[str] | None = None,
               digits: int = 3, max_chars: int = 80, max_rows: int | None = 40) -> pd.DataFrame:
    """A copy of ``df`` for reading in a notebook or the report (never for computing).

    Outlet names are shortened to one line (:func:`framing.plot.short_label`),
    text longer than ``max_chars`` is cut with ``…``, floats are rounded to
    ``digits``, ``index`` columns become the index (so no bare row numbers) and
    only the first ``max_rows`` rows are kept (``None``: all; the CSV tables
    hold every row).
    """
    from framing.plot import short_label

    out = df.loc[:, list(columns)] if columns is not None else df.copy()
    if "outlet" in out.columns:
        out["outlet"] = out["outlet"].map(lambda o: short_label(o, 24).replace("\n", " "))
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].map(lambda v: v if not isinstance(v, str) or len(v) <= max_chars
                                else v[: max_chars - 1].rstrip() + "…")
    out = out.round(digits)
    if index is not None:
        out = out.set_index(list(index) if not isinstance(index, str) else index)
    if max_rows is not None and len(out) > max_rows:
        log.info("table_view: showing %d of %d rows", max_rows, len(out))
        out = out.head(max_rows)
    return out


# ---------------------------------------------------------------------------
# Figures inside notebooks
# ---------------------------------------------------------------------------


@dataclass
class FigureFiles:
    """A saved figure that displays itself in a notebook (SVG, with PNG as fallback).

    Returned by :func:`embed_figure`; the report's HTML embeds the SVG bytes,
    which are the file's bytes (deterministic).
    """

    name: str
    paths: list[Path]
    svg: bytes
    png: bytes

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict[str, Any], dict[str, Any]]:
        data = {
            "image/svg+xml": self.svg.decode("utf-8"),
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": f"<figure {self.name}>",
        }
        return data, {"framing": {"figure": self.name}}


def embed_figure(fig: Any, name: str, out_dir: str | Path | None = None) -> FigureFiles:
    """Save ``fig`` to ``<out_dir>/figures/<name>.{png,svg}`` and return an object that displays it.

    Use as the last line of a notebook cell: the figure shows in JupyterLab
    and the saved bytes (not a re-render) go into the report.

    Parameters
    ----------
    fig : Figure
    name : str
        File stem, e.g. ``"02-tone-by-outlet"``.
    out_dir : path, optional
        The report folder (default :data:`framing.config.REPORTS_DIR`).
    """
    from framing.plot import save_figure

    folder = (Path(out_dir) if out_dir is not None else config.REPORTS_DIR) / config.FIGURES_SUBDIR
    paths = save_figure(fig, name, folder, formats=("png", "svg"))
    return FigureFiles(name, paths, paths[1].read_bytes(), paths[0].read_bytes())


# ---------------------------------------------------------------------------
# Running notebooks
# ---------------------------------------------------------------------------


def notebooks_dir() -> Path:
    """The ``notebooks/`` folder of the source checkout.

    Raises
    ------
    FramingError
        When the package does not run from a checkout (install it with
        ``pip install -e .`` from the repository to render reports).
    """
    if config.PROJECT_ROOT is None or not (config.PROJECT_ROOT / "notebooks").is_dir():
        raise FramingError("cannot find the notebooks/ folder: run `framing report` from a source checkout "
                           "installed with `pip install -e .[notebooks,pdf]`, or pass notebooks=PATH")
    return config.PROJECT_ROOT / "notebooks"


def _kernel_manager_class() -> type:
    """A kernel manager whose ``python3`` kernel is this interpreter (whatever kernelspecs exist).

    A ``python3`` kernelspec in the user's Jupyter folders may point to another
    Python (another checkout, a deleted venv); the report must run the
    notebooks with the interpreter running ``framing`` itself.
    """
    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import AsyncKernelManager

    class ThisPythonKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            with contextlib.suppress(Exception):  # CurveZMQ keys when libzmq has them
                import zmq

                if zmq.has("curve"):
                    self.transport_encryption = "auto"

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            # The kernel's own log (start-up notices, "KeyboardInterrupt caught" on
            # shutdown) is noise on the user's terminal; cell errors reach us as messages.
            import subprocess

            kw.setdefault("stderr", subprocess.DEVNULL)
            await super()._async_launch_kernel(kernel_cmd, **kw)

        @property
        def kernel_spec(self) -> KernelSpec:
            if self._kernel_spec is None:
                self._kernel_spec = KernelSpec(
                    argv=[sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher",
                          "-f", "{connection_file}"],
                    display_name="Python 3 (framing)", language="python", resource_dir="",
                    env={"PYDEVD_DISABLE_FILE_VALIDATION": "1"},
                    metadata={"supported_encryption": ["curve"]},
                )
            return self._kernel_spec

    return ThisPythonKernelManager


def run_notebook(path: Path, output: Path, parameters: Mapping[str, Any], *, cwd: Path | None = None,
                 timeout: int = 600) -> Path:
    """Execute one notebook with papermill into ``output``.

    Raises
    ------
    FramingError
        When a cell fails: names the notebook, the cell and the error.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    try:
        pm.execute_notebook(
            str(path), str(output), parameters=dict(parameters), kernel_name="python3",
            progress_bar=False, log_output=False, cwd=str(cwd or path.parent),
            kernel_manager_class=_kernel_manager_class(), execution_timeout=timeout,
        )
    except PapermillExecutionError as exc:
        raise FramingError(f"notebook {path.name} failed in cell {exc.exec_count}: "
                           f"{exc.ename}: {exc.evalue}") from None
    return output


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm;
        @bottom-center { content: "framing report · page " counter(page) " of " counter(pages);
                         font-size: 8pt; color: #666; } }
html { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 10pt; color: #222;
       line-height: 1.45; }
body { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: 0.2rem 0 0.6rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #0072B2; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.08rem; margin-top: 1.4rem; }
section.notebook { break-before: page; }
figure.chart { margin: 0.8rem 0; text-align: center; break-inside: avoid; }
figure.chart img { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 7.5pt; margin: 0.6rem 0; break-inside: auto; }
th, td { border-bottom: 1px solid #DDD; padding: 2px 6px; text-align: right; vertical-align: top; }
th { background: #F3F3F3; }
td { max-width: 24rem; overflow-wrap: break-word; }
th { overflow-wrap: normal; }
tr { break-inside: avoid; }
pre { background: #F6F6F6; padding: 0.5rem; font-size: 8pt; white-space: pre-wrap; overflow-wrap: anywhere; }
.note { background: #FFF8E1; border-left: 4px solid #E69F00; padding: 0.4rem 0.8rem; }
nav.toc ol { padding-left: 1.2rem; }
.meta { color: #555; font-size: 9pt; }
code { font-size: 0.92em; }
"""

_UNSAFE_HTML = re.compile(r"<\s*(script|iframe|object|embed|link|meta|base|form)\b|\bon[a-z]+\s*=|javascript:|"
                          r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", re.I)


def _markdown(text: str, *, escape: bool) -> str:
    import mistune

    md = mistune.create_markdown(escape=escape, plugins=["table", "strikethrough"])
    return str(md(text))


def _data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _output_html(out: Mapping[str, Any]) -> str:
    otype = out.get("output_type")
    if otype == "stream":
        if out.get("name") == "stderr":
            return ""
        return f"<pre>{html.escape(''.join(out.get('text', '')))}</pre>"
    if otype == "error":
        return f"<pre class='note'>{html.escape(out.get('ename', ''))}: {html.escape(out.get('evalue', ''))}</pre>"
    data = out.get("data", {})
    name = (out.get("metadata", {}).get("framing") or {}).get("figure")
    alt = html.escape(name or "figure", quote=True)
    if "image/svg+xml" in data:
        svg = data["image/svg+xml"]
        svg = "".join(svg) if isinstance(svg, list) else svg
        return (f"<figure class='chart'><img alt='{alt}' "
                f"src='{_data_uri('image/svg+xml', svg.encode('utf-8'))}'></figure>")
    if "image/png" in data:
        png = data["image/png"]
        png = "".join(png) if isinstance(png, list) else png
        return f"<figure class='chart'><img alt='{alt}' src='data:image/png;base64,{png.strip()}'></figure>"
    if "text/html" in data:
        body = data["text/html"]
        body = "".join(body) if isinstance(body, list) else body
        if _UNSAFE_HTML.search(body):
            log.warning("an HTML output contains script, event handlers or external URLs; shown as text")
            return f"<pre>{html.escape(body)}</pre>"
        return f"<div class='output'>{body}</div>"
    if "text/markdown" in data:
        md = data["text/markdown"]
        return _markdown("".join(md) if isinstance(md, list) else md, escape=True)
    if "text/plain" in data:
        txt = data["text/plain"]
        return f"<pre>{html.escape(''.join(txt) if isinstance(txt, list) else txt)}</pre>"
    return ""


def notebook_html(nb: Any) -> tuple[str, str]:
    """The body HTML of one executed notebook (code hidden) and its title (first heading).

    Markdown cells are rendered as written; outputs become figures (SVG or PNG
    as ``data:`` URIs), tables (pandas HTML, escaped by pandas) and text
    (escaped). Outputs of the ``parameters`` and ``injected-parameters`` cells
    and stderr are left out; an HTML output with a script, an event handler
    or an external URL is shown as escaped text.
    """
    parts = []
    title = ""
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & {"parameters", "injected-parameters", "remove-cell"}:
            continue
        if cell.cell_type == "markdown":
            src = cell.source
            if not title:
                m = re.search(r"^#\s+(.+)$", src, re.M)
                if m:
                    title = m.group(1).strip()
            parts.append(_markdown(src, escape=False))
        elif cell.cell_type == "code" and "remove-output" not in tags:
            parts.extend(_output_html(o) for o in cell.get("outputs", []))
    return "\n".join(p for p in parts if p), title


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def report_html(sections: Sequence[tuple[str, str, str]], *, corpus_label: str, articles: pd.DataFrame,
                evidence: bool = True) -> str:
    """The whole report page: header, contents, one section per notebook.

    Parameters
    ----------
    sections : sequence of (stem, title, body_html)
    corpus_label : str
        Shown in the header (escaped).
    articles : DataFrame
        For the header summary.
    """
    toc = "".join(f"<li><a href='#{_slug(stem)}'>{html.escape(title or stem)}</a></li>"
                  for stem, title, _ in sections)
    n_out = articles["outlet"].nunique() if len(articles) else 0
    links = ("<li><a href='evidence.html'>Evidence view</a>: every article with theme terms, quotes and "
             "removed boilerplate marked</li>" if evidence else "")
    head = (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        f"<title>framing report: {html.escape(corpus_label)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>How did each outlet tell this story?</h1>\n"
        f"<p class='meta'>Corpus: {html.escape(corpus_label)} · {len(articles)} articles from {n_out} outlets · "
        f"framing {html.escape(__version__)}</p>\n"
        "<p class='note'>Small samples: with one article per outlet, every interval shows the variation "
        "<em>within</em> that article, not how the outlet covers the story in general. Tone and themes come "
        "from lexicons and models; read the evidence before drawing conclusions.</p>\n"
        f"<nav class='toc'><h2>Contents</h2><ol>{toc}</ol><ul>{links}"
        "<li>Tables: <code>tables/*.csv</code>; figures: <code>figures/*.svg</code> and <code>.png</code></li>"
        "</ul></nav></header>\n"
    )
    body = "".join(f"<section class='notebook' id='{_slug(stem)}'>\n{content}\n</section>\n"
                   for stem, _, content in sections)
    return head + body + "</body>\n</html>\n"


# ---------------------------------------------------------------------------
# Evidence view
# ---------------------------------------------------------------------------

_EVIDENCE_CSS = """
html { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #222; line-height: 1.55; }
body { max-width: 56rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
article { border-top: 3px solid #0072B2; margin-top: 2rem; padding-top: 0.4rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-family: "DejaVu Serif", Georgia, serif; }
del.removed { color: #999; text-decoration: line-through; background: #F4F4F4; }
span.q { border-bottom: 2px solid #555; background: #F2F2F2; }
span.spk { font-weight: bold; text-decoration: underline dotted; }
span.who { font: bold 7.5pt "DejaVu Sans", sans-serif; color: white; border-radius: 3px; padding: 0 3px;
           margin-right: 2px; white-space: nowrap; }
mark { padding: 0 1px; border-radius: 2px; color: inherit; }
.legend span { display: inline-block; margin: 0 0.6rem 0.3rem 0; padding: 0 4px; border-radius: 2px; }
.meta { color: #555; font-size: 9pt; }
table.counts { border-collapse: collapse; font-size: 8.5pt; }
table.counts td, table.counts th { border-bottom: 1px solid #DDD; padding: 1px 6px; text-align: right; }
"""


def _raw_end(doc: Any, end: int) -> int:
    return doc.to_raw(end - 1) + 1 if end > 0 else doc.to_raw(0)


def _article_evidence(raw: str, doc: Any, removed: pd.DataFrame, hits: pd.DataFrame, quotes: pd.DataFrame,
                      theme_class: Mapping[str, int]) -> str:
    """Raw text of one article with every annotation as nested inline elements (all text escaped)."""
    from framing.plot import GROUP_COLORS

    n = len(raw)
    ann: list[tuple[int, int, str, Any]] = []  # (start, end, type, payload)
    for r in removed.itertuples(index=False):
        s, e = int(r.raw_start), int(r.raw_end)
        if 0 <= s < e <= n:
            ann.append((s, e, "del", str(r.rule)))
    for h in hits.itertuples(index=False):
        s, e = doc.to_raw(int(h.start)), _raw_end(doc, int(h.end))
        if 0 <= s < e <= n:
            ann.append((s, e, "mark", (str(h.theme), str(h.term))))
    badges: dict[int, list[str]] = {}
    for q in quotes.itertuples(index=False):
        spans = q.spans
        if isinstance(spans, str):
            try:
                spans = json.loads(spans)
            except ValueError:
                spans = None
        if not isinstance(spans, (list, tuple)) or not len(spans):
            spans = [[q.start, q.end]]
        is_voice = str(q.kind) in ("direct", "partial", "block", "indirect", "according_to", "reported")
        media = bool(q.media) if pd.notna(q.media) else False
        who = q.speaker_name if isinstance(q.speaker_name, str) and q.speaker_name else (
            q.speaker if isinstance(q.speaker, str) and q.speaker else "unresolved")
        group = "media source" if media else (str(q.group) if is_voice else str(q.kind))
        tip = f"{q.kind} · {who} · {group}"
        first = None
        for s, e in spans:
            rs, re_ = doc.to_raw(int(s)), _raw_end(doc, int(e))
            if 0 <= rs < re_ <= n:
                ann.append((rs, re_, "q", tip))
                first = rs if first is None else min(first, rs)
        if first is not None:
            colour = GROUP_COLORS.get(str(q.group), "#777777") if is_voice and not media else "#999999"
            badges.setdefault(first, []).append(
                f"<span class='who' style='background:{colour}' title='{html.escape(tip, quote=True)}'>"
                f"{html.escape(str(who))} · {html.escape(group.replace('_', ' '))}</span>")
        if pd.notna(q.speaker_start) and pd.notna(q.speaker_end):
            rs, re_ = doc.to_raw(int(q.speaker_start)), _raw_end(doc, int(q.speaker_end))
            if 0 <= rs < re_ <= n:
                ann.append((rs, re_, "spk", f"speaker: {who}"))
    cuts = sorted({0, n, *badges} | {a[0] for a in ann} | {a[1] for a in ann})
    starts: dict[int, list[int]] = {}
    for i, a in enumerate(ann):
        starts.setdefault(a[0], []).append(i)
    active: set[int] = set()
    out = []
    for b, c in zip(cuts[:-1], cuts[1:]):
        active = {i for i in active if ann[i][1] > b}
        active.update(starts.get(b, ()))
        out.extend(badges.get(b, ()))
        seg = html.escape(raw[b:c])
        kinds = {}
        for i in sorted(active):
            kinds.setdefault(ann[i][2], []).append(ann[i][3])
        if "mark" in kinds:
            themes = sorted({t for t, _ in kinds["mark"]})
            tip = "; ".join(f"{t}: {term}" for t, term in sorted(set(kinds["mark"])))
            cls = " ".join(f"t{theme_class.get(t, 0)}" for t in themes)
            seg = f"<mark class='{cls}' title='{html.escape(tip, quote=True)}'>{seg}</mark>"
        if "spk" in kinds:
            seg = f"<span class='spk' title='{html.escape(kinds['spk'][0], quote=True)}'>{seg}</span>"
        if "q" in kinds:
            seg = f"<span class='q' title='{html.escape(kinds['q'][0], quote=True)}'>{seg}</span>"
        if "del" in kinds:
            seg = f"<del class='removed' title='{html.escape('removed: ' + kinds['del'][0], quote=True)}'>{seg}</del>"
        out.append(seg)
    return "".join(out)


def evidence_html(analysis: Any, corpus: Any, tables: Mapping[str, pd.DataFrame], *,
                  corpus_label: str = "") -> str:
    """The evidence view: each article's raw text with the findings marked.

    Theme-term hits are highlighted in their theme's colour (hover: theme and
    lexicon term), quotes are underlined with a badge naming the speaker and
    group (hover: kind), speakers are bold, and boilerplate removed in
    cleaning is struck through (hover: the rule), at the raw offsets of the
    cleaning audit trail. Hits and quotes, found in the cleaned text, are
    mapped back to raw offsets (``Doc.to_raw``). All article text and every
    attribute value is escaped with :func:`html.escape`.
    """
    from framing.plot import THEME_COLORS

    hits = tables.get("hits", pd.DataFrame(columns=["article_id", "theme", "term", "start", "end"]))
    from framing.score.voices import QUOTE_COLUMNS

    quotes = tables.get("quotes", pd.DataFrame(columns=QUOTE_COLUMNS))
    removed = analysis.removed
    themes = list(dict.fromkeys(tables["themes"]["theme"])) if "themes" in tables else sorted(hits["theme"].unique())
    theme_class = {t: i for i, t in enumerate(themes)}
    css = _EVIDENCE_CSS + "".join(
        f"mark.t{i}, .legend .t{i} {{ background: {THEME_COLORS[i % len(THEME_COLORS)]}; }}\n"
        for i in range(len(themes)))
    legend = "".join(f"<span class='t{i}'>{html.escape(t.replace('_', ' '))}</span>" for t, i in theme_class.items())
    docs = sorted(analysis.docs, key=lambda d: (str(d.meta.get("outlet")), d.id))
    toc = "".join(f"<li><a href='#a-{_slug(d.id)}'>{html.escape(str(d.meta.get('outlet')))} — "
                  f"{html.escape(str(d.meta.get('title') or d.id))}</a></li>" for d in docs)
    arts = []
    for d in docs:
        try:
            raw = corpus[d.id].text
        except (KeyError, IndexError):
            log.warning("evidence: no raw text for article %s; showing the cleaned text", d.id)
            raw = d.text
        h = hits[hits["article_id"] == d.id]
        q = quotes[quotes["article_id"] == d.id]
        r = removed[removed["article_id"] == d.id]
        counts = h.groupby("theme").size().reindex(themes).fillna(0).astype(int)
        row = "".join(f"<td>{c}</td>" for c in counts)
        n_voice = int(q["kind"].isin(["direct", "partial", "block", "indirect", "according_to", "reported"]).sum())
        arts.append(
            f"<article id='a-{_slug(d.id)}'><h2>{html.escape(str(d.meta.get('outlet')))}</h2>"
            f"<p class='meta'>{html.escape(str(d.meta.get('title') or '(no headline)'))} · id "
            f"{html.escape(d.id)} · {d.n_words} words after cleaning · {len(r)} passages removed · "
            f"{n_voice} quotes and attributions</p>"
            f"<table class='counts'><tr>{''.join(f'<th>{html.escape(t)}</th>' for t in themes)}</tr>"
            f"<tr>{row}</tr></table>"
            f"<div class='text'>{_article_evidence(raw, d, r, h, q, theme_class)}</div></article>\n")
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        f"<title>framing evidence: {html.escape(corpus_label)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        "<h1>Evidence view</h1>\n"
        f"<p class='meta'>Corpus: {html.escape(corpus_label)}. Raw article text as read. "
        "<mark class='t0'>Highlighted</mark> words are theme-term hits (colour = theme; hover for the lexicon "
        "term); <span class='q'>underlined</span> text is quoted or reported speech, preceded by a badge "
        "naming the speaker and group (grey badge: a title, scare quote or media source, not a voice); "
        "<span class='spk'>bold</span> is the speaker mention; <del class='removed'>struck-through</del> "
        "text was removed in cleaning as boilerplate (hover for the rule).</p>\n"
        f"<p class='legend'>Themes: {legend}</p>\n<ol>{toc}</ol>\n{''.join(arts)}</body>\n</html>\n"
    )


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------


def _offline_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves ``data:`` URIs only (nothing is fetched from anywhere)."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint < 66: fetchers are functions
        from weasyprint import default_url_fetcher

        def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
            if not url.startswith("data:"):
                raise ValueError(f"external resource refused (the report renders offline): {url[:80]}")
            return default_url_fetcher(url, *args, **kwargs)

        return fetch
    return URLFetcher(allowed_protocols={"data"})


def write_pdf(page: str, path: Path) -> int:
    """Render the report HTML to PDF with WeasyPrint (offline); returns the number of pages."""
    try:
        import weasyprint
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise FramingError(f"PDF rendering needs WeasyPrint (pip install -e .[pdf]): {exc}") from None
    doc = weasyprint.HTML(string=page, url_fetcher=_offline_fetcher()).render()
    data = doc.write_pdf()
    write_bytes_atomic(path, data)
    return len(doc.pages)


# ---------------------------------------------------------------------------
# The whole report
# ---------------------------------------------------------------------------


@dataclass
class ReportResult:
    """What :func:`build_report` wrote: the folder, its files, timings (s) per stage, PDF pages.

    Notebooks run in parallel, so their stage times overlap: ``wall`` is the
    elapsed time of the whole run.
    """

    out_dir: Path
    files: list[Path]
    timings: dict[str, float] = field(default_factory=dict)
    pdf_pages: int = 0
    wall: float = 0.0


class _Stages:
    def __init__(self, total: int, progress: bool) -> None:
        self.timings: dict[str, float] = {}
        self.bar = None
        if progress:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=total, desc="framing report", unit="step", file=sys.stderr, leave=False)

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self.bar is not None:
            self.bar.set_postfix_str(name)
        t0 = time.perf_counter()
        yield
        dt = time.perf_counter() - t0
        self.timings[name] = self.timings.get(name, 0.0) + dt
        log.info("stage %-22s %7.2f s", name, dt)
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _check_target(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out}: exists and is not a folder")
    if out.is_dir() and any(p.name not in _KEEP for p in out.iterdir()) and not (out / MANIFEST).is_file():
        raise InputError(f"--out {out}: the folder is not empty and holds no {MANIFEST} of an earlier report; "
                         "refusing to replace it (choose an empty or new folder)")


def _swap_in(tmp: Path, out: Path) -> None:
    """Replace ``out`` by ``tmp`` (two renames; the old folder is removed last)."""
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        old.rmdir()
        os.replace(out, old)
        try:
            os.replace(tmp, out)
        except BaseException:
            os.replace(old, out)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, out)


def _run_notebooks(stems: Sequence[str], nb_dir: Path, work: Path, params: Mapping[str, Any], jobs: int,
                   stages: _Stages) -> list[Path]:
    from concurrent.futures import ThreadPoolExecutor

    outputs = [work / "_executed" / f"{s}.ipynb" for s in stems]
    outputs[0].parent.mkdir(parents=True, exist_ok=True)
    for s in stems:
        if not (nb_dir / f"{s}.ipynb").is_file():
            raise FramingError(f"notebook {nb_dir / (s + '.ipynb')} not found (sync it from its .py with "
                               "`jupytext --sync notebooks/*.py`)")

    def one(i: int) -> Path:
        with stages.stage(f"notebook {stems[i]}"):
            return run_notebook(nb_dir / f"{stems[i]}.ipynb", outputs[i], params, cwd=nb_dir)

    if jobs <= 1:
        return [one(i) for i in range(len(stems))]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, range(len(stems))))


def build_report(
    corpus: str | Path | None = None,
    out: str | Path | None = None,
    *,
    lexicon: str | Path | None = None,
    actors: str | Path | None = None,
    boilerplate: str | Path | None = None,
    notebooks: str | Path | None = None,
    stems: Sequence[str] = NOTEBOOKS,
    pdf: bool = True,
    jobs: int | None = None,
    progress: bool = True,
) -> ReportResult:
    """Render the full report of a corpus into ``out`` (atomically).

    Parameters
    ----------
    corpus : path, optional
        A corpus folder or table; default: the bundled seeds.
    out : path, optional
        The report folder; default ``reports/``. Replaced as a whole at the
        end; a non-empty folder that is not an earlier report is refused.
    lexicon, actors, boilerplate : path, optional
        Extra theme lexicon, actors file and boilerplate rules (passed to the
        notebooks too).
    notebooks : path, optional
        Folder of the notebooks (default: ``notebooks/`` of the checkout).
    stems : sequence of str, default=NOTEBOOKS
    pdf : bool, default=True
    jobs : int, optional
        Notebooks run at once (default: 2, or 1 on a single core).
    progress : bool, default=True
        A progress bar on stderr.

    Returns
    -------
    ReportResult
        Folder, files and the time of every stage (also logged at INFO).
    """
    from framing.analyze import analyze
    from framing.corpus import load_corpus

    t_start = time.perf_counter()
    out_dir = Path(out) if out is not None else config.REPORTS_DIR
    out_dir = out_dir.resolve()
    _check_target(out_dir)
    nb_dir = Path(notebooks).resolve() if notebooks else notebooks_dir()
    corpus_path = Path(corpus).resolve() if corpus is not None else config.SEEDS_DIR.resolve()
    jobs = jobs or min(2, os.cpu_count() or 1)
    stages = _Stages(total=5 + len(stems) + (1 if pdf else 0), progress=progress)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        with stages.stage("analyze"):
            corp = load_corpus(corpus_path)
            analysis = analyze(corp, boilerplate=boilerplate)
            if analysis.articles.empty:
                raise InputError(f"{corpus_path}: no article left to report on")
            tables = report_tables(analysis, lexicon=lexicon, actors=actors)
        with stages.stage("tables"):
            roots = [p for p in (config.PROJECT_ROOT, corpus_path if corpus_path.is_dir() else corpus_path.parent)
                     if p is not None]
            write_tables(tables, work / "tables", roots=roots)
        params = {
            "corpus": str(corpus_path), "lexicon": str(Path(lexicon).resolve()) if lexicon else None,
            "actors": str(Path(actors).resolve()) if actors else None,
            "boilerplate": str(Path(boilerplate).resolve()) if boilerplate else None,
            "out_dir": str(work),
        }
        executed = _run_notebooks(stems, nb_dir, work, params, jobs, stages)
        with stages.stage("html"):
            import nbformat

            sections = []
            for stem, path in zip(stems, executed):
                body, title = notebook_html(nbformat.read(path, as_version=4))
                sections.append((stem, title, body))
            label = _corpus_label(corpus_path)
            page = report_html(sections, corpus_label=label, articles=analysis.articles)
            write_text_atomic(work / "report.html", page)
            shutil.rmtree(work / "_executed")
        n_pages = 0
        if pdf:
            with stages.stage("pdf"):
                n_pages = write_pdf(page, work / "report.pdf")
        with stages.stage("evidence"):
            write_text_atomic(work / "evidence.html", evidence_html(analysis, corp, tables, corpus_label=label))
        with stages.stage("finish"):
            files = sorted(p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file())
            manifest = {"generator": "framing report", "version": __version__, "corpus": label,
                        "articles": int(len(analysis.articles)), "notebooks": list(stems),
                        "pdf_pages": n_pages, "files": files}
            write_text_atomic(work / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
            write_text_atomic(work / "README.md", _readme(label, stems))
            for name in _KEEP:
                if (out_dir / name).is_file():
                    shutil.copy2(out_dir / name, work / name)
            _swap_in(work, out_dir)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        stages.close()
        raise
    stages.close()
    files_out = sorted(p for p in out_dir.rglob("*") if p.is_file())
    wall = time.perf_counter() - t_start
    log.info("report written to %s in %.2f s", out_dir, wall)
    return ReportResult(out_dir, files_out, stages.timings, n_pages, wall)


def _corpus_label(path: Path) -> str:
    if config.PROJECT_ROOT is not None:
        with contextlib.suppress(ValueError):
            return path.resolve().relative_to(config.PROJECT_ROOT.resolve()).as_posix()
    return path.name


def _readme(label: str, stems: Sequence[str]) -> str:
    nbs = "\n".join(f"- `notebooks/{s}.py` (`.ipynb`)" for s in stems)
    return (
        f"# Rendered report: `{label}`\n\n"
        "Generated by `framing report`; do not edit by hand (the folder is replaced on every run).\n\n"
        "- `report.html`: the report (self-contained, opens offline); `report.pdf`: the same as PDF\n"
        "- `evidence.html`: every article's text with theme terms, quotes and removed boilerplate marked\n"
        "- `figures/`: every chart as SVG and PNG\n"
        "- `tables/`: every table as CSV\n"
        "- `manifest.json`: what was generated\n\n"
        f"The report is rendered from these notebooks:\n\n{nbs}\n"
    )
