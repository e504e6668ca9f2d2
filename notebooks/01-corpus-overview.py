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
# # 1. The corpus and its cleaning
#
# What was read, what was kept, and what was thrown away before any score was
# computed. Every later number rests on this step: a share widget left in the
# text would count as words, a teaser of another story would add themes the
# article does not treat.

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

# %% [markdown]
# ## The articles
#
# One row per article. `outlet`, `title`, `date` and `genre` come from the
# manifest when there is one, otherwise from the text itself (a dateline, an
# editor's note); what neither establishes stays empty or `unknown`, never
# guessed. An outlet the text does not name is labelled `unknown (article id)`.
# `words_raw` counts the words as read, `words` after cleaning.

# %%
report.table_view(analysis.articles, ["article_id", "outlet", "title", "date", "genre", "words_raw", "words",
                                      "n_sentences"], index="article_id", max_chars=60)

# %%
report.embed_figure(plot.corpus_overview(analysis.articles, colors=colors), "01-corpus-overview", out_dir)

# %% [markdown]
# ## What cleaning removed
#
# Page furniture removed line by line (share widgets, photo credits, ad
# banners, teasers of other articles, repeated headlines, author bios), each
# with the rule that removed it. The evidence view (`evidence.html`) shows the
# same passages struck through in the article text. Bylines, datelines and
# editor's notes are moved into the metadata, not lost.

# %%
report.table_view(analysis.removed, ["article_id", "outlet", "rule", "text"], index="article_id", max_chars=70)

# %% [markdown]
# ## Sentences by position
#
# Scores weigh the headline and the lead (first paragraph) apart from the
# body. An article without a detected headline has none counted here.

# %%
positions = (analysis.sentences.groupby(["outlet", "position"]).size().unstack("position", fill_value=0)
             .reindex(columns=["headline", "lead", "body"], fill_value=0).reset_index())
report.table_view(positions, index="outlet")

# %% [markdown]
# ## Items not scored
#
# Inputs read but not scored, with the reason (empty, binary, duplicate,
# no words left after cleaning). An empty table means every item was scored.

# %%
analysis.skipped

# %% [markdown]
# **Limits.** Cleaning is rule-based: a boilerplate line no rule knows stays in
# the text, and an unusual body line that looks like furniture can be removed.
# Check the struck-through passages in the evidence view.
