"""Charts on the seed analysis: every function returns a labelled Figure with one colour per outlet."""

from __future__ import annotations

import matplotlib.colors as mcolors
import pandas as pd
import pytest
from matplotlib.figure import Figure

import framing
from framing import plot, report
from framing.errors import InputError


@pytest.fixture(scope="module")
def seed():
    analysis = framing.analyze()
    tables = report.report_tables(analysis, n_boot=200)
    return analysis, tables


# A mapping no default palette would produce: if a chart shows these, it honours ``colors``.
CUSTOM = ("#112233", "#445566", "#778899", "#AA1177", "#33CC11", "#0F0F80", "#801010")


@pytest.fixture(scope="module")
def custom_colors(seed):
    outlets = sorted(seed[0].articles["outlet"].unique())
    return dict(zip(outlets, CUSTOM))


def _colours_used(fig: Figure) -> set[str]:
    """Every colour drawn: lines, markers, bars, scatter points (as lower-case hex)."""
    out: set[str] = set()

    def add(c):
        try:
            arr = mcolors.to_rgba_array(c)
        except (ValueError, TypeError):
            return
        for rgba in arr:
            if rgba[3] > 0:
                out.add(mcolors.to_hex(rgba[:3]).lower())

    for ax in fig.axes:
        for ln in ax.get_lines():
            add(ln.get_color())
            add(ln.get_markerfacecolor())
        for p in ax.patches:
            add(p.get_facecolor())
            add(p.get_edgecolor())
        for coll in ax.collections:
            add(coll.get_facecolors())
            add(coll.get_edgecolors())
    return out


def _charts(analysis, t, colors):
    sent = t["sentence_tone"][~t["sentence_tone"]["non_english"]] if t else None
    return {
        "corpus_overview": lambda: plot.corpus_overview(analysis.articles, colors=colors),
        "theme_heatmap": lambda: plot.theme_heatmap(t["themes"], colors=colors),
        "theme_dots": lambda: plot.theme_dots(t["theme_outlets"], colors=colors),
        "tone_by_outlet": lambda: plot.tone_by_outlet(sent, t["tone_outlets"], colors=colors),
        "tone_along_article": lambda: plot.tone_along_article(sent, colors=colors),
        "actor_tone_heatmap": lambda: plot.actor_tone_heatmap(t["actor_tone"], colors=colors),
        "voice_share": lambda: plot.voice_share(t["quotes"], colors=colors),
        "voice_share_words": lambda: plot.voice_share(t["quotes"], weight="words", colors=colors),
        "top_speakers": lambda: plot.top_speakers(t["quotes"], colors=colors),
        "direct_indirect": lambda: plot.direct_indirect(t["quotes"], colors=colors),
        "distinctive_words": lambda: plot.distinctive_words(t["distinctive"], colors=colors),
        "shared_copy_matrix": lambda: plot.shared_copy_matrix(t["containment"], analysis.articles, colors=colors),
        "element_coverage": lambda: plot.element_coverage(t["element_coverage"], t["elements"], t["omissions"],
                                                          colors=colors),
    }


CHARTS = sorted(_charts(None, {}, None))


@pytest.mark.parametrize("name", CHARTS)
def test_chart_returns_labelled_figure_in_outlet_colours(seed, custom_colors, name):
    analysis, tables = seed
    fig = _charts(analysis, tables, custom_colors)[name]()
    assert isinstance(fig, Figure)
    axes = [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]
    assert axes
    # a title that states the sample: "5 outlets" (or articles) in the axes title or the suptitle
    titles = " ".join([ax.get_title(loc=loc) for ax in axes for loc in ("left", "center")] + [fig._suptitle.get_text() if fig._suptitle else ""])
    assert "5 outlets" in titles or "5 articles" in titles, titles
    # axes labelled: an axis label or tick labels on every visible axes
    for ax in axes:
        ticks = [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels() if t.get_text()]
        assert ax.get_xlabel() or ax.get_ylabel() or ticks
    # every outlet appears in the chart in the colour the mapping gives it, and no other outlet colour
    used = _colours_used(fig)
    wanted = {c.lower() for c in custom_colors.values()}
    assert wanted <= used, (name, wanted - used)
    assert not (set(c.lower() for c in plot.OKABE_ITO[:5]) & used - wanted), name


def test_outlet_colours_stable_and_distinct():
    a = plot.outlet_colors(["UNN", "News.Az", "The Caspian Post", "UNN"])
    b = plot.outlet_colors(["The Caspian Post", "News.Az", "UNN"])
    assert a == b
    assert len(set(a.values())) == 3
    assert set(a.values()) <= set(plot.OKABE_ITO)


def test_same_outlet_same_colour_when_a_chart_lacks_outlets(seed):
    analysis, tables = seed
    colors = plot.outlet_colors(analysis.articles["outlet"])
    q = tables["quotes"]
    one = q[q["outlet"] == "UNN"]
    fig = plot.direct_indirect(one, colors=colors)
    assert colors["UNN"].lower() in _colours_used(fig)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("UNN", "UNN"),
        ("The Caspian Post", "The Caspian Post"),
        ("unknown (000_67092f7c029130ba)", "unknown\n000_67092f7c…"),
        ("Radio Free Europe/Radio Liberty Azerbaijani Service", "Radio Free\nEurope/Radio…"),
    ],
)
def test_short_label(name, expected):
    assert plot.short_label(name) == expected


def test_save_figure_is_deterministic(seed, tmp_path):
    analysis, tables = seed
    fig1 = plot.theme_heatmap(tables["themes"])
    fig2 = plot.theme_heatmap(tables["themes"])
    p1 = plot.save_figure(fig1, "heat", tmp_path / "a")
    p2 = plot.save_figure(fig2, "heat", tmp_path / "b")
    assert [p.name for p in p1] == ["heat.png", "heat.svg"]
    for x, y in zip(p1, p2):
        assert x.read_bytes() == y.read_bytes()
    svg = p1[1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "framing" in svg
    assert not list((tmp_path / "a").glob(".*.tmp"))


@pytest.mark.parametrize("name", ["", "../escape", "a b", "x/y"])
def test_save_figure_rejects_bad_names(seed, tmp_path, name):
    fig = plot.corpus_overview(seed[0].articles)
    with pytest.raises(InputError, match="name"):
        plot.save_figure(fig, name, tmp_path)


def test_missing_column_is_a_clear_error(seed):
    with pytest.raises(InputError, match=r"tone_by_outlet: missing column\(s\) \['compound'\]"):
        plot.tone_by_outlet(seed[0].sentences.drop(columns=["compound"]))


def test_draws_into_given_axes(seed):
    analysis, tables = seed
    fig = Figure()
    ax = fig.add_subplot()
    out = plot.tone_along_article(tables["sentence_tone"], ax=ax)
    assert out is fig


def test_empty_quotes_gives_a_figure_saying_so():
    empty = pd.DataFrame(columns=["outlet", "group", "kind", "speaker_name", "content"])
    fig = plot.voice_share(empty)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "no quotes" in texts
