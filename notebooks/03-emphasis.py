# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 3. Emphasis: which themes each outlet treats, and how prominently
#
# Framing is selection and salience (Entman 1993): what an outlet talks
# about, how early and how loudly. Theme lexicons (security, energy, human
# rights, Russia, economy and trade, transport, diplomacy, technology; users
# can add their own) are matched against the text; every hit is kept with its
# offsets and highlighted in the evidence view.

# %% tags=["parameters"]
corpus = None  # corpus folder or table (csv, jsonl, parquet); None: the bundled seeds
lexicon = None  # extra theme lexicon (TOML); None: the packaged themes
actors = None  # actors file (TOML) extending the packaged one
boilerplate = None  # extra boilerplate rules (TOML) added to the packaged ones
out_dir = None  # report folder, figures go to its figures folder; None: reports

# %%

import framing
from framing import plot, report

analysis = framing.analyze(corpus, boilerplate=boilerplate)
colors = plot.outlet_colors(analysis.articles["outlet"])
emph = report.emphasis_tables(analysis, lexicon=lexicon)
themes = emph["themes"]

# %% [markdown]
# ## How much: hits per 1,000 words
#
# Theme-term hits per 1,000 English words, averaged over each outlet's
# articles, so long and short articles compare. A cell is a count of lexicon
# words, not a judgement: "pipeline" counts for energy wherever it appears.

# %%
report.embed_figure(plot.theme_heatmap(themes, measure="hits_per_1k", colors=colors), "03-theme-heatmap", out_dir)

# %% [markdown]
# ## How prominently: headline and lead first
#
# Prominence is the share of sentences touching the theme, computed per
# position and averaged with weights headline 3, lead 2, body 1: a theme
# named in the headline scores far above one buried in the tenth paragraph.

# %%
report.embed_figure(plot.theme_heatmap(themes, measure="prominence", colors=colors), "03-theme-prominence", out_dir)

# %% [markdown]
# ## Per theme, with uncertainty
#
# The share of each outlet's sentences that touch a theme, with a 95%
# cluster-bootstrap interval. Overlapping intervals mean the sample cannot
# tell the outlets apart. **One article per outlet**: the interval is the
# spread over that article's sentences, not over the outlet's coverage.

# %%
report.embed_figure(plot.theme_dots(emph["theme_outlets"], colors=colors), "03-theme-dots", out_dir)

# %%
est = emph["theme_outlets"]
share = est.pivot_table(index="outlet", columns="measure", values="estimate", sort=True)[
    list(dict.fromkeys(est["measure"]))].reset_index()
report.table_view(share, index="outlet", digits=2)

# %% [markdown]
# ## Where a theme first appears
#
# Position of the first mention (0 = first sentence, 1 = last; empty when the
# theme is absent). An early first mention is emphasis too.

# %%
first = themes.pivot_table(index="outlet", columns="theme", values="first_position", sort=True)[
    list(dict.fromkeys(themes["theme"]))].reset_index()
report.table_view(first, index="outlet", digits=2)

# %% [markdown]
# ## The words that set each outlet apart
#
# Weighted log-odds ratios with an informative Dirichlet prior (Monroe,
# Colaresi & Quinn 2008): each outlet's words against all the others pooled,
# as z-scores (|z| > 1.96, dashed, is the usual line), unigrams and bigrams,
# stop words removed. The counts beside the bars are the raw counts in the
# outlet: a z of 2 on a word used twice is a hint, not a finding.

# %%
report.embed_figure(plot.distinctive_words(emph["distinctive"], colors=colors), "03-distinctive-words", out_dir)

# %% [markdown]
# **Limits.** A lexicon counts words; it does not understand them (negation,
# irony and word senses beyond the listed exclusions are missed). Results
# depend on the lexicon: pass your own file (`lexicon=` parameter) to add
# terms or themes, and check the highlighted hits in the evidence view.
