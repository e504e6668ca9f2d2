"""Charts of the analysis tables: data in, :class:`~matplotlib.figure.Figure` out.

Every function takes tidy tables (pandas DataFrames, as produced by
:func:`framing.analyze` and the scorers), an optional ``ax`` to draw into and
an optional ``colors`` mapping (outlet -> colour); it returns the Figure and
never calls ``show()``. Figures are built with :class:`matplotlib.figure.Figure`
on the Agg canvas (no pyplot state, nothing to close, safe in worker processes);
in a notebook the returned figure displays itself under ``%matplotlib inline``.

One look across every chart:

* the Okabe & Ito (2008) colour-blind-safe palette, one colour per outlet,
  from :func:`outlet_colors` (pass the same mapping to every chart, built from
  *all* the corpus's outlets, so an outlet keeps its colour even in a chart
  where some outlets are missing); axes listing outlets show a swatch of that
  colour next to each name;
* Paul Tol's colour-blind-safe "muted" scheme for speaker groups, so groups
  are never confused with outlets;
* outlet names shortened and wrapped by :func:`short_label`;
* titles that name the measure and the sample behind it (outlets, articles,
  sentences or quotes).

:func:`save_figure` writes PNG and SVG with stable names and deterministic
bytes (fixed SVG hash salt, no dates in the metadata), atomically.

References
----------
Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to make figures
and presentations that are friendly to colorblind people. jfly.uni-koeln.de/color.
Tol, P. (2021). Colour schemes. SRON technical note SRON/EPS/TN/09-002.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib import colors as mcolors
from matplotlib import transforms
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from framing import config
from framing._io import write_bytes_atomic
from framing._log import get_logger
from framing.errors import InputError

log = get_logger(__name__)

__all__ = [
    "DIRECT_KINDS",
    "GROUP_COLORS",
    "OKABE_ITO",
    "STYLE",
    "actor_tone_heatmap",
    "corpus_overview",
    "direct_indirect",
    "distinctive_words",
    "element_coverage",
    "group_colors",
    "outlet_colors",
    "save_figure",
    "shared_copy_matrix",
    "short_label",
    "style",
    "theme_dots",
    "theme_heatmap",
    "tone_along_article",
    "tone_by_outlet",
    "top_speakers",
    "voice_share",
]

#: Okabe & Ito (2008) colour-blind-safe palette, darkest-contrast hues first
#: (the yellow, hard to see on white, comes last).
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)
#: Used after the eight Okabe-Ito colours (Tol's "dark" scheme, also colour-blind safe).
_EXTRA = ("#222255", "#225555", "#225522", "#666633", "#663333", "#555555")

#: Speaker groups (roles of :mod:`framing.actors`) -> Tol "muted" colours; unknown -> greys.
GROUP_COLORS: dict[str, str] = {
    "government": "#332288",
    "military": "#882255",
    "political": "#AA4499",
    "international": "#44AA99",
    "civil_society": "#117733",
    "expert": "#88CCEE",
    "media": "#DDCC77",
    "business": "#CC6677",
    "citizen": "#999933",
    "other": "#BBBBBB",
    "unknown": "#DDDDDD",
}

#: Quote kinds counted as direct speech (as in ``score_quotes.py``); other speech
#: kinds are indirect; non-speech kinds are left out of voice charts.
DIRECT_KINDS = frozenset({"direct", "partial", "block", "mixed"})
NOT_SPEECH_KINDS = frozenset({"scare", "title", "not_speech", "media", "media_source"})

#: Marker of an omission (dark grey: never an outlet colour).
_OMIT = "#333333"

#: Theme colours for the evidence view and theme charts (Tol "light" scheme).
THEME_COLORS: tuple[str, ...] = (
    "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00", "#DDDDDD",
)

#: The rcParams of every chart (applied with :func:`style` at build and save time).
STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9.0,
    "axes.titlesize": 10.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 9.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "legend.fontsize": 8.0,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.facecolor": "white",
    "svg.fonttype": "none",
    "svg.hashsalt": "framing",
    "pdf.fonttype": 42,
    "image.cmap": "cividis",
}

_METADATA = {
    "png": {"Software": "framing"},
    "svg": {"Date": None, "Creator": "framing"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "framing", "Producer": "framing"},
}


@contextmanager
def style() -> Any:
    """Context manager applying :data:`STYLE` (used by every chart and by :func:`save_figure`)."""
    with mpl.rc_context(STYLE):
        yield


# ---------------------------------------------------------------------------
# Colours and labels
# ---------------------------------------------------------------------------


def _palette(n: int) -> list[str]:
    base = list(OKABE_ITO) + list(_EXTRA)
    return [base[i % len(base)] for i in range(n)]


def outlet_colors(outlets: Iterable[Any]) -> dict[str, str]:
    """A stable outlet -> colour mapping (Okabe-Ito palette, outlets in sorted order).

    Build it once from *all* outlets of a corpus (``analysis.articles["outlet"]``)
    and pass it to every chart: the same outlet then has the same colour
    everywhere, even in a chart where another outlet has no data.

    Parameters
    ----------
    outlets : iterable of str
        Outlet names (repeats and missing values are ignored).

    Returns
    -------
    dict of str to str
        Hex colour per outlet. After 14 outlets colours repeat (a logged warning says so).

    Examples
    --------
    >>> outlet_colors(["UNN", "News.Az", "UNN"])
    {'News.Az': '#0072B2', 'UNN': '#E69F00'}
    """
    names = sorted({str(o) for o in outlets if o is not None and not (isinstance(o, float) and math.isnan(o))})
    if len(names) > len(OKABE_ITO) + len(_EXTRA):
        log.warning("outlet_colors: %d outlets but %d distinct colours; colours repeat",
                    len(names), len(OKABE_ITO) + len(_EXTRA))
    return dict(zip(names, _palette(len(names))))


def group_colors(groups: Iterable[str]) -> dict[str, str]:
    """Colour per speaker group: :data:`GROUP_COLORS`, greys for groups it does not list."""
    out = {}
    greys = ("#777777", "#AAAAAA", "#CCCCCC")
    k = 0
    for g in groups:
        if g in GROUP_COLORS:
            out[g] = GROUP_COLORS[g]
        else:
            out[g] = greys[k % len(greys)]
            k += 1
    return out


_UNKNOWN_RE = re.compile(r"^unknown \((.+)\)$")


def short_label(name: Any, width: int = 16, lines: int = 2) -> str:
    """Shorten and wrap an outlet (or actor, element) name for an axis.

    ``"unknown (000_67092f7c029130ba)"`` (an outlet the text does not name,
    labelled by article id) becomes ``"unknown\\n000_67092f7c…"``; other names are
    wrapped at ``width`` characters on at most ``lines`` lines, the last one
    ending in ``…`` when cut.

    Examples
    --------
    >>> short_label("The Caspian Post")
    'The Caspian Post'
    >>> short_label("unknown (000_67092f7c029130ba)")
    'unknown\\n000_67092f7c…'
    """
    s = " ".join(str(name).split())
    m = _UNKNOWN_RE.match(s)
    if m:
        ident = m.group(1)
        return "unknown\n" + (ident if len(ident) <= 13 else ident[:12] + "…")
    if len(s) <= width:
        return s
    parts = textwrap.wrap(s, width, break_long_words=True, break_on_hyphens=True)
    if len(parts) > lines:
        parts = parts[:lines]
        last = parts[-1]
        parts[-1] = (last[: width - 1] if len(last) >= width else last) + "…"
    return "\n".join(parts)


def _labels(names: Sequence[Any], width: int = 16) -> list[str]:
    """Short labels that stay distinct (falls back to longer labels on a clash)."""
    out = [short_label(n, width) for n in names]
    if len(set(out)) < len(out):
        out = [short_label(n, width * 2, lines=3) for n in names]
    return out


def _colors_for(outlets: Iterable[Any], colors: Mapping[str, str] | None) -> dict[str, str]:
    outlets = [str(o) for o in outlets]
    if colors is None:
        return outlet_colors(outlets)
    missing = sorted(set(outlets) - set(colors))
    if missing:
        extra = outlet_colors(list(colors) + missing)
        log.warning("colors: no colour given for %s; using %s", missing, [extra[m] for m in missing])
        return {**extra, **colors}
    return dict(colors)


def _outlet_ticks(ax: Axes, outlets: Sequence[str], colors: Mapping[str, str], axis: str = "y",
                  positions: Sequence[float] | None = None) -> None:
    """Label an axis with short outlet names and a swatch of each outlet's colour."""
    pos = list(range(len(outlets))) if positions is None else list(positions)
    labels = _labels(outlets)
    fig = ax.figure
    if axis == "y":
        ax.set_yticks(pos, labels)
        ax.tick_params(axis="y", length=0, pad=13)
        tr = transforms.offset_copy(ax.get_yaxis_transform(), fig=fig, x=-6, y=0, units="points")
        for p, o in zip(pos, outlets):
            ax.plot([0], [p], marker="s", markersize=7, color=colors[o], transform=tr, clip_on=False,
                    markeredgecolor="white", markeredgewidth=0.5, linestyle="none")
    else:
        ax.set_xticks(pos, labels)
        ax.tick_params(axis="x", length=0, pad=13)
        tr = transforms.offset_copy(ax.get_xaxis_transform(), fig=fig, x=0, y=-6, units="points")
        for p, o in zip(pos, outlets):
            ax.plot([p], [0], marker="s", markersize=7, color=colors[o], transform=tr, clip_on=False,
                    markeredgecolor="white", markeredgewidth=0.5, linestyle="none")


def _new_figure(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=size, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def _check(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{what}: expected a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(f"{what}: missing column(s) {missing}; it has {list(df.columns)}")


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _sample(df: pd.DataFrame, unit: str | None = None, n_units: int | None = None) -> str:
    """``"5 outlets, 5 articles, 130 sentences"`` for a title."""
    parts = []
    if "outlet" in df.columns:
        parts.append(_plural(df["outlet"].nunique(), "outlet"))
    if "article_id" in df.columns:
        parts.append(_plural(df["article_id"].nunique(), "article"))
    if unit:
        parts.append(_plural(len(df) if n_units is None else n_units, unit))
    return ", ".join(parts)


def _text_color(rgba: Sequence[float]) -> str:
    r, g, b = rgba[:3]
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else "white"


def _empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])
    for s in ax.spines.values():
        s.set_visible(False)


def _outlet_order(df: pd.DataFrame) -> list[str]:
    return sorted(df["outlet"].astype(str).unique())


# ---------------------------------------------------------------------------
# Saving
# ---------------------------------------------------------------------------

_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def save_figure(
    fig: Figure,
    name: str,
    out_dir: str | Path | None = None,
    *,
    formats: Sequence[str] = ("png", "svg"),
    dpi: float | None = None,
) -> list[Path]:
    """Write ``fig`` as ``<out_dir>/<name>.png`` and ``.svg`` with deterministic bytes.

    Parameters
    ----------
    fig : Figure
    name : str
        File stem (letters, digits, ``.``, ``_``, ``-``), e.g. ``"tone-by-outlet"``.
    out_dir : path, optional
        Default: ``reports/figures`` (:data:`framing.config.REPORTS_DIR`).
    formats : sequence of {"png", "svg", "pdf"}, default=("png", "svg")
    dpi : float, optional
        PNG resolution; default ``STYLE["savefig.dpi"]`` (150).

    Returns
    -------
    list of Path
        The files written, in ``formats`` order.

    Notes
    -----
    Same figure, same bytes: the SVG hash salt is fixed, the SVG ``Date`` and
    PDF ``CreationDate`` are left out, text is kept as text in SVG. Each file
    is rendered in memory and written atomically (:mod:`framing._io`).
    """
    if not isinstance(fig, Figure):
        raise InputError(f"save_figure: expected a matplotlib Figure, got {type(fig).__name__}")
    if not _NAME_RE.match(name or ""):
        raise InputError(f"save_figure: name {name!r} must be letters, digits, '.', '_' or '-'")
    out = Path(out_dir) if out_dir is not None else config.REPORTS_DIR / config.FIGURES_SUBDIR
    paths = []
    for fmt in formats:
        if fmt not in _METADATA:
            raise InputError(f"save_figure: format {fmt!r} is not one of {sorted(_METADATA)}")
        buf = io.BytesIO()
        with style():
            if not isinstance(fig.canvas, FigureCanvasAgg):
                FigureCanvasAgg(fig)
            fig.savefig(buf, format=fmt, dpi=dpi or STYLE["savefig.dpi"], metadata=_METADATA[fmt])
        path = out / f"{name}.{fmt}"
        write_bytes_atomic(path, buf.getvalue())
        paths.append(path)
    log.info("saved figure %s (%s)", name, ", ".join(formats))
    return paths


# ---------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------


def corpus_overview(articles: pd.DataFrame, *, colors: Mapping[str, str] | None = None,
                    ax: Axes | None = None) -> Figure:
    """Words per article before and after cleaning (bar per article, outlet colour).

    Parameters
    ----------
    articles : DataFrame
        ``analysis.articles``: ``article_id``, ``outlet``, ``words_raw``, ``words``.
    """
    _check(articles, ["article_id", "outlet", "words_raw", "words"], "corpus_overview")
    df = articles.sort_values(["outlet", "article_id"], kind="stable").reset_index(drop=True)
    with style():
        fig, ax = _new_figure(ax, (7.0, 0.45 * len(df) + 1.4))
        col = _colors_for(df["outlet"], colors)
        y = np.arange(len(df))
        raw = pd.to_numeric(df["words_raw"], errors="coerce").fillna(df["words"]).to_numpy(float)
        kept = df["words"].to_numpy(float)
        ax.barh(y, raw, color="#EEEEEE", edgecolor="#999999", linewidth=0.6, hatch="////",
                label="removed in cleaning")
        ax.barh(y, kept, color=[col[str(o)] for o in df["outlet"]], label="kept")
        for yi, k, r in zip(y, kept, raw):
            ax.text(r + max(raw) * 0.01, yi, f"{int(k):,} / {int(r):,}", va="center", fontsize=7.5)
        labels = [("outlet unknown" if _UNKNOWN_RE.match(str(o)) else short_label(o, 24).replace("\n", " ")) + f"\n{a}"
                  for o, a in zip(df["outlet"], df["article_id"])]
        ax.set_yticks(y, labels)
        ax.tick_params(axis="y", length=0, labelsize=7.5)
        ax.invert_yaxis()
        ax.set_xlabel("words (kept / before cleaning)")
        ax.set_xlim(0, max(raw) * 1.18)
        ax.legend(loc="lower right")
        ax.set_title(f"Article length before and after cleaning ({_sample(df)})")
    return fig


# ---------------------------------------------------------------------------
# Emphasis
# ---------------------------------------------------------------------------

_MEASURE_LABELS = {
    "hits_per_1k": "theme-term hits per 1,000 words",
    "sentence_share": "share of sentences touching the theme",
    "prominence": "prominence (headline and lead weigh more)",
    "hit_share": "share of the article's theme hits",
    "compound": "VADER compound",
}


def theme_heatmap(themes: pd.DataFrame, *, measure: str = "hits_per_1k", ax: Axes | None = None,
                  themes_order: Sequence[str] | None = None, colors: Mapping[str, str] | None = None) -> Figure:
    """Outlets x themes heatmap of one emphasis measure (mean over each outlet's articles).

    Parameters
    ----------
    themes : DataFrame
        Per article x theme scores (:func:`framing.score.emphasis.theme_scores`):
        ``article_id``, ``outlet``, ``theme`` and ``measure``.
    measure : str, default="hits_per_1k"
        ``hits_per_1k``, ``sentence_share``, ``prominence`` or ``hit_share``.
    themes_order : sequence of str, optional
        Column order; default: the order of first appearance (the lexicon's).
    """
    _check(themes, ["article_id", "outlet", "theme", measure], "theme_heatmap")
    order = list(themes_order) if themes_order is not None else list(dict.fromkeys(themes["theme"]))
    mat = (themes.assign(v=pd.to_numeric(themes[measure], errors="coerce"))
           .pivot_table(index="outlet", columns="theme", values="v", aggfunc="mean", sort=True)
           .reindex(columns=order))
    outlets = [str(o) for o in mat.index]
    with style():
        fig, ax = _new_figure(ax, (1.0 + 0.85 * len(order), 0.55 * len(outlets) + 2.0))
        if mat.empty:
            _empty(ax, "no theme scores")
            return fig
        vals = mat.to_numpy(float, copy=True)
        cmap = mpl.colormaps["cividis"]
        norm = mcolors.Normalize(vmin=0, vmax=np.nanmax(vals) if np.isfinite(vals).any() and np.nanmax(vals) > 0 else 1)
        im = ax.imshow(np.ma.masked_invalid(vals), cmap=cmap, norm=norm, aspect="auto")
        fmt = "{:.0f}" if measure == "hits_per_1k" else "{:.2f}"
        for i in range(vals.shape[0]):
            for j in range(vals.shape[1]):
                v = vals[i, j]
                if np.isfinite(v):
                    ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=8,
                            color=_text_color(cmap(norm(v))))
        ax.set_xticks(range(len(order)), [short_label(t.replace("_", " "), 12) for t in order])
        ax.tick_params(axis="x", length=0, labelsize=8)
        _outlet_ticks(ax, outlets, _colors_for(outlets, colors), "y")
        for s in ax.spines.values():
            s.set_visible(False)
        cb = fig.colorbar(im, ax=ax, shrink=0.8, pad=0.02)
        cb.set_label(_MEASURE_LABELS.get(measure, measure))
        cb.outline.set_visible(False)
        ax.set_title(f"Theme emphasis: {_MEASURE_LABELS.get(measure, measure)}\n"
                     f"mean over each outlet's articles ({_sample(themes)})")
    return fig


def _dot_panel(ax: Axes, est: pd.DataFrame, outlets: list[str], colors: Mapping[str, str],
               *, ref: float | None = None) -> None:
    y = {o: i for i, o in enumerate(outlets)}
    for _, r in est.iterrows():
        o = str(r["outlet"])
        if o not in y:
            continue
        c = colors[o]
        lo, hi = r.get("ci_low", np.nan), r.get("ci_high", np.nan)
        if pd.notna(lo) and pd.notna(hi):
            ax.plot([lo, hi], [y[o], y[o]], color=c, linewidth=2.2, solid_capstyle="round", alpha=0.75)
        ax.plot([r["estimate"]], [y[o]], marker="o", markersize=6.5, color=c, markeredgecolor="white",
                markeredgewidth=0.8, linestyle="none", zorder=3)
    if ref is not None and np.isfinite(ref):
        ax.axvline(ref, color="#888888", linewidth=0.8, linestyle="--", zorder=0)
    ax.set_ylim(len(outlets) - 0.5, -0.5)
    ax.grid(axis="x")
    ax.set_axisbelow(True)


def theme_dots(estimates: pd.DataFrame, *, colors: Mapping[str, str] | None = None, ncols: int = 4,
               measure_label: str = "share of sentences touching the theme",
               themes_order: Sequence[str] | None = None) -> Figure:
    """Per-theme dot plots: each outlet's estimate with its confidence interval.

    Parameters
    ----------
    estimates : DataFrame
        Outlet estimates, one row per outlet and theme, as
        :func:`framing.compare.outlet_estimates` returns them (concatenated
        over themes): ``outlet``, ``measure`` (the theme), ``estimate``,
        ``ci_low``, ``ci_high``, ``n_sentences``, ``n_articles``; ``confidence``
        optional.
    ncols : int, default=4
        Panels per row.

    Notes
    -----
    The dashed line in each panel is the mean of the outlets' estimates. With
    one article per outlet, the interval shows sentence-to-sentence variation
    within that article, not the outlet's coverage in general.
    """
    _check(estimates, ["outlet", "measure", "estimate", "ci_low", "ci_high"], "theme_dots")
    order = list(themes_order) if themes_order is not None else list(dict.fromkeys(estimates["measure"]))
    outlets = _outlet_order(estimates)
    col = _colors_for(outlets, colors)
    n = max(len(order), 1)
    ncols = max(1, min(ncols, n))
    nrows = math.ceil(n / ncols)
    with style():
        fig = Figure(figsize=(2.3 * ncols + 1.4, (0.32 * len(outlets) + 0.9) * nrows + 0.9), layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(nrows, ncols, sharey=True, squeeze=False)
        for k, ax in enumerate(axes.flat):
            if k >= len(order):
                ax.set_visible(False)
                continue
            theme = order[k]
            sub = estimates[estimates["measure"] == theme]
            _dot_panel(ax, sub, outlets, col, ref=float(sub["estimate"].mean()))
            ax.set_title(theme.replace("_", " "), fontsize=9, loc="left")
            hi = float(np.nanmax(sub[["estimate", "ci_high"]].to_numpy(float))) if len(sub) else 1.0
            ax.set_xlim(0, max(hi * 1.08, 0.05))
            if k % ncols == 0:
                _outlet_ticks(ax, outlets, col, "y")
            else:
                ax.tick_params(axis="y", length=0)
            if k // ncols == nrows - 1 or k + ncols >= len(order):
                ax.set_xlabel(measure_label if len(measure_label) < 30 else "share", fontsize=8)
        conf = estimates["confidence"].iloc[0] if "confidence" in estimates.columns and len(estimates) else config.CONFIDENCE
        n_sent = int(estimates.groupby("outlet")["n_sentences"].first().sum()) if "n_sentences" in estimates.columns else 0
        n_art = int(estimates.groupby("outlet")["n_articles"].first().sum()) if "n_articles" in estimates.columns else 0
        fig.suptitle(f"Theme emphasis per outlet: {measure_label}, {conf:.0%} bootstrap intervals\n"
                     f"({_plural(len(outlets), 'outlet')}, {_plural(n_art, 'article')}, "
                     f"{_plural(n_sent, 'sentence')}; dashed: mean of outlets)",
                     x=0.01, ha="left", fontsize=10.5, fontweight="bold")
    return fig


# ---------------------------------------------------------------------------
# Tone
# ---------------------------------------------------------------------------


def tone_by_outlet(sentences: pd.DataFrame, estimates: pd.DataFrame | None = None, *,
                   value: str = "compound", colors: Mapping[str, str] | None = None,
                   ax: Axes | None = None, confidence: float = config.CONFIDENCE) -> Figure:
    """Sentence tone per outlet: every sentence as a dot, the outlet mean with its interval.

    Parameters
    ----------
    sentences : DataFrame
        One row per sentence: ``outlet``, ``article_id`` and ``value``.
    estimates : DataFrame, optional
        :func:`framing.compare.outlet_estimates` of ``value`` (``outlet``,
        ``estimate``, ``ci_low``, ``ci_high``). Computed here when omitted
        (cluster bootstrap, seeded).
    value : str, default="compound"
        The tone column (VADER compound in [-1, 1]).

    Notes
    -----
    Dots are jittered vertically with a seeded generator (same data, same
    picture). Most news sentences score exactly 0 with VADER: the pile at 0
    is those.
    """
    _check(sentences, ["outlet", "article_id", value], "tone_by_outlet")
    df = sentences.assign(v=pd.to_numeric(sentences[value], errors="coerce")).dropna(subset=["v"])
    outlets = _outlet_order(df) if len(df) else []
    if estimates is None and len(df):
        from framing.compare import outlet_estimates

        estimates = outlet_estimates(df, "v", confidence=confidence)
    col = _colors_for(outlets, colors)
    with style():
        fig, ax = _new_figure(ax, (7.0, 0.6 * len(outlets) + 1.6))
        if df.empty:
            _empty(ax, f"no sentence has a {value!r} score")
            return fig
        rng = np.random.default_rng(config.RANDOM_STATE)
        ymap = {o: i for i, o in enumerate(outlets)}
        for o in outlets:
            v = df.loc[df["outlet"].astype(str) == o, "v"].to_numpy(float)
            jit = rng.uniform(-0.22, 0.22, len(v))
            ax.scatter(v, ymap[o] + jit, s=10, color=col[o], alpha=0.35, linewidths=0)
        _dot_panel(ax, estimates.assign(outlet=estimates["outlet"].astype(str)), outlets, col)
        ax.axvline(0, color="#888888", linewidth=0.8, zorder=0)
        ax.set_xlim(-1.02, 1.02)
        ax.set_xlabel(f"sentence tone ({_MEASURE_LABELS.get(value, value)}: -1 negative, +1 positive)")
        _outlet_ticks(ax, outlets, col, "y")
        conf = estimates["confidence"].iloc[0] if "confidence" in estimates.columns and len(estimates) else confidence
        ax.set_title(f"Tone per outlet: mean sentence tone, {conf:.0%} bootstrap interval\n"
                     f"(dots: sentences; {_sample(df, 'sentence')})")
    return fig


def tone_along_article(sentences: pd.DataFrame, *, value: str = "compound", position: str = "rel_position",
                       bins: int = 5, colors: Mapping[str, str] | None = None,
                       ax: Axes | None = None) -> Figure:
    """Tone along the article: sentence position (0 = headline/first, 1 = last) vs tone.

    Each sentence is a faint dot; the line per outlet is its mean tone in
    ``bins`` equal slices of the article.

    Parameters
    ----------
    sentences : DataFrame
        ``outlet``, ``article_id``, ``value`` and ``position`` (relative
        position in [0, 1], as ``analysis.sentences["rel_position"]``).
    """
    _check(sentences, ["outlet", "article_id", value, position], "tone_along_article")
    df = sentences.assign(v=pd.to_numeric(sentences[value], errors="coerce"),
                          p=pd.to_numeric(sentences[position], errors="coerce")).dropna(subset=["v", "p"])
    outlets = _outlet_order(df) if len(df) else []
    col = _colors_for(outlets, colors)
    with style():
        fig, ax = _new_figure(ax, (7.0, 3.6))
        if df.empty:
            _empty(ax, f"no sentence has a {value!r} score")
            return fig
        edges = np.linspace(0, 1, bins + 1)
        mids = (edges[:-1] + edges[1:]) / 2
        for o in outlets:
            sub = df[df["outlet"].astype(str) == o]
            ax.scatter(sub["p"], sub["v"], s=9, color=col[o], alpha=0.3, linewidths=0)
            k = np.clip(np.digitize(sub["p"].to_numpy(float), edges[1:-1]), 0, bins - 1)
            means = pd.Series(sub["v"].to_numpy(float)).groupby(k).mean().reindex(range(bins))
            ax.plot(mids, means.to_numpy(float), color=col[o], linewidth=1.8, marker="o", markersize=3.5,
                    label=short_label(o, 22).replace("\n", " "))
        ax.axhline(0, color="#888888", linewidth=0.8, zorder=0)
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlabel("position in the article (0 = first sentence, 1 = last)")
        ax.set_ylabel(f"tone ({value})")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title="outlet", title_fontsize=8)
        ax.set_title(f"Tone along the article: sentences and mean per fifth of the article\n"
                     f"({_sample(df, 'sentence')})" if bins == 5 else
                     f"Tone along the article: sentences and mean per 1/{bins} of the article\n"
                     f"({_sample(df, 'sentence')})")
    return fig


def actor_tone_heatmap(actor_tone: pd.DataFrame, *, value: str = "tone", mentions: str = "n_scored",
                       actor: str = "actor", voice: str | None = "outlet", top: int = 10,
                       min_mentions: int = 1, colors: Mapping[str, str] | None = None,
                       ax: Axes | None = None) -> Figure:
    """Tone toward actors: outlets x actors, diverging colours, mention counts in the cells.

    Parameters
    ----------
    actor_tone : DataFrame
        One row per article x actor (x voice), as
        :func:`framing.score.sentiment.actor_tone` returns it: ``outlet``,
        ``actor``, ``value`` (tone toward the actor in [-1, 1]), ``mentions``
        (the scored mentions behind it) and ``voice``. Outlet cells average
        the articles' tones weighted by their mentions.
    voice : str or None, default="outlet"
        Keep rows of this ``voice`` only: ``"outlet"`` is the outlet's own
        narration; ``"quoted"`` is tone inside quotes (the speakers'); ``None``
        pools both.
    top : int, default=12
        The actors with most mentions overall.
    min_mentions : int, default=1
        Cells with fewer mentions stay blank.

    Notes
    -----
    A cell backed by one or two mentions is one or two sentences: read the
    count before the colour.
    """
    _check(actor_tone, ["outlet", actor, value, mentions], "actor_tone_heatmap")
    if voice is not None and "voice" in actor_tone.columns:
        actor_tone = actor_tone[actor_tone["voice"] == voice]
    df = actor_tone.assign(v=pd.to_numeric(actor_tone[value], errors="coerce"),
                           m=pd.to_numeric(actor_tone[mentions], errors="coerce").fillna(0))
    df = df[df["m"] > 0].dropna(subset=["v"])
    with style():
        fig, ax = _new_figure(ax, (1.6 + 0.75 * min(top, max(df[actor].nunique(), 1)),
                                   0.55 * max(df["outlet"].nunique(), 1) + 2.2))
        if df.empty:
            _empty(ax, "no actor mention with a tone")
            return fig
        totals = df.groupby(actor)["m"].sum().sort_values(ascending=False, kind="stable")
        totals = totals[~totals.index.duplicated()]
        actors = sorted(totals.index[:top], key=lambda a: (-totals[a], str(a)))
        df = df[df[actor].isin(actors)]
        df = df.assign(vm=df["v"] * df["m"])
        g = df.groupby(["outlet", actor])[["vm", "m"]].sum()
        tone = (g["vm"] / g["m"]).unstack(actor).reindex(columns=actors)
        cnt = g["m"].unstack(actor).reindex(columns=actors).fillna(0)
        outlets = [str(o) for o in tone.index]
        vals = tone.to_numpy(float, copy=True)
        vals[cnt.to_numpy(float) < min_mentions] = np.nan
        cmap = mpl.colormaps["PuOr"]
        lim = max(0.25, float(np.nanmax(np.abs(vals))) if np.isfinite(vals).any() else 1.0)
        norm = mcolors.TwoSlopeNorm(vmin=-lim, vcenter=0, vmax=lim)
        ax.imshow(np.zeros_like(vals), cmap=mcolors.ListedColormap(["#F4F4F4"]), aspect="auto")
        im = ax.imshow(np.ma.masked_invalid(vals), cmap=cmap, norm=norm, aspect="auto")
        for i in range(vals.shape[0]):
            for j in range(vals.shape[1]):
                n = int(cnt.iat[i, j])
                if np.isfinite(vals[i, j]):
                    ax.text(j, i, f"{vals[i, j]:+.2f}\nn={n}", ha="center", va="center", fontsize=7,
                            color=_text_color(cmap(norm(vals[i, j]))))
                else:
                    ax.text(j, i, "–", ha="center", va="center", fontsize=8, color="#AAAAAA")
        ax.set_xticks(range(len(actors)), [short_label(a, 12) for a in actors], rotation=45, ha="right",
                      rotation_mode="anchor")
        ax.tick_params(axis="x", length=0, labelsize=8)
        _outlet_ticks(ax, outlets, _colors_for(outlets, colors), "y")
        for s in ax.spines.values():
            s.set_visible(False)
        cb = fig.colorbar(im, ax=ax, shrink=0.8, pad=0.02)
        cb.set_label("tone toward the actor (-1 negative, +1 positive)")
        cb.outline.set_visible(False)
        n_m = int(df["m"].sum())
        who = {"outlet": "in the outlet's own words", "quoted": "inside quotes"}.get(voice or "", "all mentions")
        ax.set_title(f"Tone toward actors, {who} (mention-weighted mean; n = mentions)\n"
                     f"({_plural(len(outlets), 'outlet')}, {_plural(n_m, 'mention')} of the "
                     f"{len(actors)} most mentioned actors)")
    return fig


# ---------------------------------------------------------------------------
# Voices
# ---------------------------------------------------------------------------


def _speech(quotes: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Voices only: drop non-speech kinds (scare quotes, titles) and media sourcing (``media``)."""
    keep = pd.Series(True, index=quotes.index)
    if kind in quotes.columns:
        keep &= ~quotes[kind].astype(str).isin(NOT_SPEECH_KINDS)
    if "media" in quotes.columns:
        keep &= ~quotes["media"].fillna(False).astype(bool)
    return quotes[keep]


def _quote_words(df: pd.DataFrame, words: str) -> pd.Series:
    if words in df.columns:
        return pd.to_numeric(df[words], errors="coerce").fillna(0)
    if "content" in df.columns:
        return df["content"].fillna("").astype(str).str.count(r"\w+(?:['’]\w+)*")
    raise InputError(f"voice_share: weight='words' needs a {words!r} or 'content' column")


def voice_share(quotes: pd.DataFrame, *, group: str = "group", weight: str = "quotes",
                words: str = "words", kind: str = "kind", colors: Mapping[str, str] | None = None,
                ax: Axes | None = None) -> Figure:
    """Share of voice by speaker group per outlet: 100% stacked bars.

    Parameters
    ----------
    quotes : DataFrame
        One row per quote: ``outlet``, ``group`` (speaker's group, e.g.
        ``government``, ``civil_society``; missing = ``unresolved``),
        ``words`` (words quoted; needed for ``weight="words"``) and ``kind``
        (non-speech kinds such as ``scare``/``title`` are left out).
    weight : {"quotes", "words"}, default="quotes"
        Share by number of quotes or by words quoted.
    colors : mapping, optional
        Outlet colours (for the swatches on the outlet axis).
    """
    if weight not in ("quotes", "words"):
        raise InputError(f"voice_share: weight={weight!r}; choose 'quotes' or 'words'")
    _check(quotes, ["outlet", group], "voice_share")
    df = _speech(quotes, kind)
    df = df.assign(g=df[group].fillna("unknown").astype(str).replace("", "unknown"),
                   w=1.0 if weight == "quotes" else _quote_words(df, words))
    outlets = _outlet_order(df) if len(df) else []
    col = _colors_for(outlets, colors)
    with style():
        fig, ax = _new_figure(ax, (7.4, 0.55 * len(outlets) + 1.9))
        if df.empty:
            _empty(ax, "no quotes")
            return fig
        tab = df.groupby(["outlet", "g"])["w"].sum().unstack("g").fillna(0.0).reindex(outlets)
        known = [g for g in GROUP_COLORS if g in tab.columns]
        groups = known + sorted(c for c in tab.columns if c not in GROUP_COLORS)
        tab = tab[groups]
        share = tab.div(tab.sum(axis=1).replace(0, np.nan), axis=0)
        gcol = group_colors(groups)
        left = np.zeros(len(outlets))
        for g in groups:
            w = share[g].fillna(0).to_numpy(float)
            ax.barh(range(len(outlets)), w, left=left, color=gcol[g], edgecolor="white", linewidth=0.6,
                    label=g.replace("_", " "))
            for i, (lft, wi) in enumerate(zip(left, w)):
                if wi >= 0.08:
                    ax.text(lft + wi / 2, i, f"{wi:.0%}", ha="center", va="center", fontsize=7,
                            color=_text_color(mcolors.to_rgba(gcol[g])))
            left += w
        totals = df.groupby("outlet")["w"].sum().reindex(outlets).fillna(0)
        for i, o in enumerate(outlets):
            n = int(totals[o]) if weight == "words" else int((df["outlet"].astype(str) == o).sum())
            ax.text(1.01, i, f"n={n:,}", va="center", fontsize=7.5, color="#444444")
        ax.set_xlim(0, 1)
        ax.set_ylim(len(outlets) - 0.5, -0.5)
        ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        _outlet_ticks(ax, outlets, col, "y")
        ax.set_xlabel(f"share of {'quotes' if weight == 'quotes' else 'words quoted'}")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22 if len(outlets) < 4 else -0.14),
                  ncols=min(len(groups), 5), title="speaker group", title_fontsize=8)
        unit = "quote" if weight == "quotes" else "word"
        n_units = len(df) if weight == "quotes" else int(df["w"].sum())
        ax.set_title(f"Share of voice by speaker group ({'by quotes' if weight == 'quotes' else 'by words quoted'})\n"
                     f"({_sample(df, unit, n_units)})")
    return fig


def top_speakers(quotes: pd.DataFrame, *, speaker: str = "speaker_name", kind: str = "kind", n: int = 12,
                 colors: Mapping[str, str] | None = None, ax: Axes | None = None) -> Figure:
    """The most quoted speakers: quotes per speaker, bars split by outlet (outlet colours).

    Parameters
    ----------
    quotes : DataFrame
        One row per quote: ``outlet`` and ``speaker`` (the resolved speaker,
        ``speaker_name`` of :class:`framing.quotes.Quote`; missing speakers are
        counted as "(unresolved)"). Media sourcing and non-speech are left out.
    n : int, default=12
        How many speakers.
    """
    _check(quotes, ["outlet", speaker], "top_speakers")
    df = _speech(quotes, kind)
    df = df.assign(s=df[speaker].fillna("(unresolved)").astype(str).replace("", "(unresolved)"))
    outlets = _outlet_order(df) if len(df) else []
    col = _colors_for(outlets, colors)
    with style():
        counts = df.groupby("s").size().sort_values(ascending=False, kind="stable") if len(df) else pd.Series(dtype=int)
        speakers = sorted(counts.index[:n], key=lambda s: (-counts[s], s))
        fig, ax = _new_figure(ax, (7.0, 0.32 * max(len(speakers), 2) + 1.5))
        if df.empty:
            _empty(ax, "no quotes")
            return fig
        tab = df[df["s"].isin(speakers)].groupby(["s", "outlet"]).size().unstack("outlet").fillna(0)
        tab = tab.reindex(index=speakers, columns=[o for o in outlets if o in tab.columns]).fillna(0)
        left = np.zeros(len(speakers))
        for o in tab.columns:
            w = tab[o].to_numpy(float)
            ax.barh(range(len(speakers)), w, left=left, color=col[o], edgecolor="white", linewidth=0.5,
                    label=short_label(o, 22).replace("\n", " "))
            left += w
        for i, t in enumerate(left):
            ax.text(t + 0.1, i, f"{int(t)}", va="center", fontsize=7.5)
        ax.set_yticks(range(len(speakers)), [short_label(s, 26) for s in speakers])
        ax.tick_params(axis="y", length=0)
        ax.set_ylim(len(speakers) - 0.5, -0.5)
        ax.set_xlabel("quotes (direct and indirect)")
        ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
        ax.legend(loc="lower right", title="outlet", title_fontsize=8)
        ax.set_title(f"Most quoted speakers (top {len(speakers)})\n({_sample(df, 'quote')})")
    return fig


def direct_indirect(quotes: pd.DataFrame, *, kind: str = "kind", colors: Mapping[str, str] | None = None,
                    ax: Axes | None = None) -> Figure:
    """Direct vs indirect voices per outlet: counts of quotes of each kind.

    Solid bars are direct quotes (``direct``, ``partial``, ``block``,
    ``mixed``), hatched bars indirect ones (reported speech, ``according to``).
    Non-speech quoted strings (``scare``, ``title``) are left out.
    """
    _check(quotes, ["outlet", kind], "direct_indirect")
    df = _speech(quotes, kind)
    df = df.assign(direct=df[kind].astype(str).isin(DIRECT_KINDS))
    outlets = _outlet_order(df) if len(df) else []
    col = _colors_for(outlets, colors)
    with style():
        fig, ax = _new_figure(ax, (7.0, 0.6 * len(outlets) + 1.6))
        if df.empty:
            _empty(ax, "no quotes")
            return fig
        d = df.groupby("outlet")["direct"].agg(["sum", "size"]).reindex(outlets).fillna(0)
        y = np.arange(len(outlets))
        h = 0.36
        dn = d["sum"].to_numpy(float)
        ind = (d["size"] - d["sum"]).to_numpy(float)
        ax.barh(y - h / 2, dn, height=h, color=[col[o] for o in outlets], label="direct")
        ax.barh(y + h / 2, ind, height=h, color="white", edgecolor=[col[o] for o in outlets], hatch="/////",
                linewidth=1.0, label="indirect")
        for yi, a, b in zip(y, dn, ind):
            ax.text(a + 0.15, yi - h / 2, f"{int(a)}", va="center", fontsize=7.5)
            ax.text(b + 0.15, yi + h / 2, f"{int(b)}", va="center", fontsize=7.5)
        ax.set_ylim(len(outlets) - 0.5, -0.5)
        ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
        _outlet_ticks(ax, outlets, col, "y")
        ax.set_xlabel("quotes")
        ax.legend(handles=[Patch(facecolor="#555555", label="direct (in quotation marks)"),
                           Patch(facecolor="white", edgecolor="#555555", hatch="/////", label="indirect (reported)")],
                  loc="upper left", bbox_to_anchor=(1.0, 1.0))
        ax.set_title(f"Direct and indirect voices per outlet\n({_sample(df, 'quote')})")
    return fig


# ---------------------------------------------------------------------------
# Distinctive words
# ---------------------------------------------------------------------------


def distinctive_words(distinctive: pd.DataFrame, *, term: str = "term", score: str = "z",
                      count: str = "count", by: str = "group", n: int = 8, ncols: int = 3,
                      colors: Mapping[str, str] | None = None) -> Figure:
    """The words that set each outlet apart: top ``n`` terms by z-score, one panel per outlet.

    Parameters
    ----------
    distinctive : DataFrame
        Monroe et al. (2008) weighted log-odds per outlet and term
        (:func:`framing.score.distinctive.distinctive_terms`): ``by`` (the
        outlet; ``group`` there, ``outlet`` also accepted), ``term``,
        ``score`` (z-score of the log-odds ratio) and optionally ``count``
        (the term's count in the outlet, shown beside its bar). Rows with a
        ``versus`` other than ``"rest"`` are left out.
    n : int, default=8
        Terms per outlet (highest z first; only positive z: words the outlet
        uses *more* than the rest).

    Notes
    -----
    ``|z| > 1.96`` is the conventional line (drawn dashed); with one article
    per outlet it marks words of that article, not of the outlet's style.
    """
    if by not in distinctive.columns and "outlet" in distinctive.columns:
        by = "outlet"
    _check(distinctive, [by, term, score], "distinctive_words")
    if "versus" in distinctive.columns:
        distinctive = distinctive[distinctive["versus"].astype(str) == "rest"]
    distinctive = distinctive.rename(columns={by: "outlet"}) if by != "outlet" else distinctive
    df = distinctive.assign(z=pd.to_numeric(distinctive[score], errors="coerce")).dropna(subset=["z"])
    outlets = _outlet_order(df) if len(df) else []
    col = _colors_for(outlets, colors)
    k = max(len(outlets), 1)
    ncols = max(1, min(ncols, k))
    nrows = math.ceil(k / ncols)
    with style():
        fig = Figure(figsize=(3.1 * ncols + 0.4, (0.2 * n + 1.1) * nrows + 0.7), layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(nrows, ncols, squeeze=False)
        if df.empty:
            _empty(axes.flat[0], "no distinctive terms")
        zmax = float(df["z"].max()) if len(df) else 1.0
        for i, ax in enumerate(axes.flat):
            if i >= len(outlets):
                ax.set_visible(False)
                continue
            o = outlets[i]
            sub = df[(df["outlet"].astype(str) == o) & (df["z"] > 0)]
            sub = sub.sort_values(["z", term], ascending=[False, True], kind="stable").head(n)
            y = np.arange(len(sub))
            ax.barh(y, sub["z"].to_numpy(float), color=col[o], height=0.7)
            for yi, (_, r) in zip(y, sub.iterrows()):
                lab = f"{r['z']:.1f}" + (f" (n={int(r[count])})" if count in sub.columns and pd.notna(r[count]) else "")
                ax.text(r["z"] + zmax * 0.02, yi, lab, va="center", fontsize=6.5, color="#444444")
            ax.set_yticks(y, [str(t) for t in sub[term]])
            ax.tick_params(axis="y", length=0, labelsize=7.5)
            ax.set_ylim(max(n, 1) - 0.5, -0.5)
            ax.set_xlim(0, zmax * 1.45)
            ax.axvline(1.96, color="#888888", linewidth=0.7, linestyle="--")
            ax.set_title(short_label(o, 28).replace("\n", " "), fontsize=9, color="black", loc="left")
            ax.plot([0], [1.06], marker="s", markersize=7, color=col[o], transform=ax.transAxes,
                    clip_on=False)
            ax.title.set_position((0.05, 1.0))
            ax.set_xlabel("z-score of log-odds", fontsize=7.5)
        fig.suptitle(f"Distinctive words per outlet (weighted log-odds, informative Dirichlet prior; "
                     f"dashed: z = 1.96)\n({_plural(len(outlets), 'outlet')}, "
                     f"top {n} terms each, Monroe, Colaresi & Quinn 2008)",
                     x=0.01, ha="left", fontsize=10.5, fontweight="bold")
    return fig


# ---------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------


def shared_copy_matrix(containment: pd.DataFrame, articles: pd.DataFrame | None = None, *,
                       colors: Mapping[str, str] | None = None, annotate_max: int = 20, labels_max: int = 40,
                       ax: Axes | None = None) -> Figure:
    """Shared copy between articles: row A, column B = share of A's text found in B.

    Parameters
    ----------
    containment : DataFrame
        Square matrix from :func:`framing.reuse.containment_matrix` (index and
        columns are article ids; diagonal 1).
    articles : DataFrame, optional
        ``article_id`` and ``outlet`` to label rows and columns with outlets.
    annotate_max, labels_max : int, default=20, 40
        Above these numbers of articles, cells carry no percentage and axes
        no article names (the outlet swatches remain): a corpus-wide matrix is
        read by its bright cells, and ``reuse.shared_passages`` lists them.
    """
    if not isinstance(containment, pd.DataFrame) or containment.shape[0] != containment.shape[1]:
        raise InputError("shared_copy_matrix: expected a square DataFrame (reuse.containment_matrix)")
    ids = [str(i) for i in containment.index]
    outlet_of = {}
    if articles is not None:
        _check(articles, ["article_id", "outlet"], "shared_copy_matrix articles")
        outlet_of = dict(zip(articles["article_id"].astype(str), articles["outlet"].astype(str)))
    labels = []
    for i in ids:
        o = outlet_of.get(i)
        if o is None or _UNKNOWN_RE.match(o):
            labels.append(short_label(o or i, 14) if o else i[:14])
        else:
            labels.append(f"{short_label(o, 14)}\n{i[:12]}")
    with style():
        n = len(ids)
        side = min(n, annotate_max)
        fig, ax = _new_figure(ax, (1.9 + 0.95 * side, 1.6 + 0.8 * side))
        if n == 0:
            _empty(ax, "no articles")
            return fig
        vals = containment.reindex(columns=containment.index).to_numpy(float, copy=True)
        np.fill_diagonal(vals, np.nan)
        cmap = mpl.colormaps["cividis"]
        vmax = max(0.1, float(np.nanmax(vals)) if np.isfinite(vals).any() else 0.1)
        norm = mcolors.Normalize(vmin=0, vmax=vmax)
        ax.imshow(np.ones_like(vals), cmap=mcolors.ListedColormap(["#EEEEEE"]), aspect="equal")
        im = ax.imshow(np.ma.masked_invalid(vals), cmap=cmap, norm=norm, aspect="equal")
        for i in range(n if n <= annotate_max else 0):
            for j in range(n):
                if i == j:
                    ax.text(j, i, "—", ha="center", va="center", color="#999999", fontsize=8)
                else:
                    v = vals[i, j]
                    ax.text(j, i, f"{v:.0%}" if v >= 0.005 or v == 0 else "<1%", ha="center", va="center",
                            fontsize=7.5, color=_text_color(cmap(norm(v))))
        if n > labels_max:  # too many to name: the outlet swatches remain
            labels = [""] * n
        ax.set_xticks(range(n), labels, rotation=45, ha="right", rotation_mode="anchor", fontsize=7)
        ax.set_yticks(range(n), labels, fontsize=7)
        ax.tick_params(length=0)
        if outlet_of:
            col = _colors_for(sorted(set(outlet_of.values())), colors)
            ax.tick_params(axis="y", pad=13)
            tr = transforms.offset_copy(ax.get_yaxis_transform(), fig=fig, x=-6, y=0, units="points")
            for k, i in enumerate(ids):
                if i in outlet_of:
                    ax.plot([0], [k], marker="s", markersize=7, color=col[outlet_of[i]], transform=tr,
                            clip_on=False, markeredgecolor="white", markeredgewidth=0.5, linestyle="none")
        for s in ax.spines.values():
            s.set_visible(False)
        ax.set_xlabel("found in article (column)")
        ax.set_ylabel("share of this article's text (row)")
        cb = fig.colorbar(im, ax=ax, shrink=0.75, pad=0.02, format=mpl.ticker.PercentFormatter(1.0))
        cb.set_label("containment (share of 5-word shingles)")
        cb.outline.set_visible(False)
        ax.set_title(f"Shared copy between articles\n({_plural(n, 'article')}; row text found in column)")
    return fig


def element_coverage(coverage: pd.DataFrame, elements: pd.DataFrame | None = None,
                     omissions: pd.DataFrame | None = None, *, top: int = 18, min_outlets: int = 1,
                     colors: Mapping[str, str] | None = None, ax: Axes | None = None) -> Figure:
    """Story-element coverage: outlets x elements, omissions marked.

    Parameters
    ----------
    coverage : DataFrame
        Outlets (index) x element ids (columns): the number of the outlet's
        sentences in the element (:attr:`framing.elements.StoryElements.coverage`).
    elements : DataFrame, optional
        ``element_id``, ``label`` (top terms), ``n_outlets``: labels the columns.
    omissions : DataFrame, optional
        ``element_id``, ``outlet`` (and ``likely``): these cells get a red
        ``×`` (hollow ``○`` when ``likely`` is False: a close clause exists).
    top : int, default=24
        Show the elements carried by most outlets (then most sentences).
    min_outlets : int, default=1
        Leave out elements carried by fewer outlets.
    """
    if not isinstance(coverage, pd.DataFrame):
        raise InputError("element_coverage: expected the coverage DataFrame (outlets x elements)")
    cov = coverage.copy()
    cov.index = [str(i) for i in cov.index]
    outlets = sorted(cov.index)
    cov = cov.reindex(outlets)
    col = _colors_for(outlets, colors)
    carried = (cov > 0).sum(axis=0)
    size = cov.sum(axis=0)
    keep = [c for c in cov.columns if carried[c] >= min_outlets]
    keep = sorted(keep, key=lambda c: (-carried[c], -size[c], str(c)))[:top]
    labels = {}
    if elements is not None and "element_id" in elements.columns:
        lab = elements.set_index("element_id")
        for c in keep:
            if c in lab.index and "label" in lab.columns:
                terms = str(lab.at[c, "label"]).split(", ")[:3]
                labels[c] = f"{c}: {', '.join(terms)}"
    om = set()
    om_close = set()
    if omissions is not None and len(omissions):
        for _, r in omissions.iterrows():
            key = (str(r["outlet"]), r["element_id"])
            if "likely" in omissions.columns and not bool(r["likely"]):
                om_close.add(key)
            else:
                om.add(key)
    with style():
        fig, ax = _new_figure(ax, (2.2 + 0.34 * max(len(keep), 4), 0.45 * len(outlets) + 3.2))
        if not keep:
            _empty(ax, "no story elements")
            return fig
        vals = cov[keep].to_numpy(float, copy=True)
        for i, o in enumerate(outlets):
            for j, c in enumerate(keep):
                v = vals[i, j]
                if v > 0:
                    ax.scatter([j], [i], s=30 + 28 * min(v, 6), color=col[o], edgecolors="white", linewidths=0.5,
                               zorder=3)
                elif (o, c) in om:
                    ax.scatter([j], [i], s=70, marker="X", color=_OMIT, zorder=3)
                elif (o, c) in om_close:
                    ax.scatter([j], [i], s=50, marker="o", facecolors="none", edgecolors=_OMIT, linewidths=1.2, zorder=3)
                else:
                    ax.scatter([j], [i], s=6, color="#CCCCCC", zorder=2)
        ax.set_xticks(range(len(keep)), [labels.get(c, str(c)) for c in keep], rotation=60, ha="right",
                      rotation_mode="anchor", fontsize=7)
        ax.tick_params(axis="x", length=0)
        ax.set_xlim(-0.6, len(keep) - 0.4)
        ax.set_ylim(len(outlets) - 0.5, -0.5)
        for j in range(len(keep)):
            ax.axvline(j, color="#F0F0F0", linewidth=0.6, zorder=0)
        _outlet_ticks(ax, outlets, col, "y")
        for s in ("left", "bottom"):
            ax.spines[s].set_visible(False)
        handles = [
            mpl.lines.Line2D([], [], marker="o", linestyle="none", color="#777777", markersize=7,
                             label="carried (size: sentences)"),
            mpl.lines.Line2D([], [], marker="X", linestyle="none", color=_OMIT, markersize=8,
                             label="omitted (most outlets carry it)"),
        ]
        if om_close:
            handles.append(mpl.lines.Line2D([], [], marker="o", linestyle="none", markerfacecolor="none",
                                            markeredgecolor=_OMIT, markersize=7,
                                            label="omitted? (a similar clause exists)"))
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=3, fontsize=7.5)
        n_el = cov.shape[1]
        ax.set_title(f"Story elements: who tells what (top {len(keep)} of {n_el} elements, "
                     f"{_plural(len(outlets), 'outlet')})", pad=24)
    return fig
