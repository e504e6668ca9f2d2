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
# # 2. Tone: per sentence, per outlet, toward each actor
#
# Is an outlet's coverage upbeat or critical, and toward whom? Tone is scored
# per sentence with VADER (Hutto & Gilbert 2014), never on the whole article
# at once (whole-text scores saturate on long texts). Tone toward a named actor
# uses a target-dependent model trained on NewsMTSC (Hamborg & Donnay 2021).

# %% tags=["parameters"]
corpus = None  # corpus folder or table (csv, jsonl, parquet); None: the bundled seeds
lexicon = None  # extra theme lexicon (TOML); None: the packaged themes
actors = None  # actors file (TOML) extending the packaged one
boilerplate = None  # extra boilerplate rules (TOML) added to the packaged ones
out_dir = None  # report folder, figures go to its figures folder; None: reports

# %%

import framing
from framing import plot, report
from framing.score.sentiment import sentence_tone

analysis = framing.analyze(corpus, boilerplate=boilerplate)
colors = plot.outlet_colors(analysis.articles["outlet"])
tone = report.tone_tables(analysis, actors=actors)
sentences = tone["sentence_tone"]
english = sentences[~sentences["non_english"]]

# %% [markdown]
# ## Tone per outlet
#
# Each dot is one sentence's VADER compound score (-1 very negative, +1 very
# positive; most factual sentences score near 0). The large dot is the
# outlet's mean sentence tone and the bar its 95% cluster-bootstrap interval
# (articles resampled within the outlet, then sentences within articles).
# **With one article per outlet the interval only reflects the spread of
# sentences inside that one article**: it says nothing about how the outlet
# covers the story in general. The table gives the difference from the other
# outlets pooled, with a permutation-test p-value, and the warnings attached
# to each estimate (small samples, mixed genres).

# %%
report.embed_figure(plot.tone_by_outlet(english, tone["tone_outlets"], colors=colors), "02-tone-by-outlet", out_dir)

# %%
report.table_view(tone["tone_outlets"], ["outlet", "genre", "estimate", "ci_low", "ci_high", "n_sentences",
                                         "n_articles", "diff_from_rest", "p_value"], index="outlet")

# %%
for warning in sorted(set("; ".join(tone["tone_outlets"]["warning"]).split("; ")) - {""}):
    print("warning:", warning)

# %% [markdown]
# ## The journalist's words and the quoted words
#
# Article tone from its sentences: the mean over all sentences, over the
# narration (the outlet's own words) and over quoted material apart, and the
# tone of headline and lead. A warm article can be warm because the people it
# quotes are warm: the narration column is the outlet's own voice.

# %%
measures = ["mean", "narration", "quoted", "headline", "lead", "share_positive", "share_negative"]
art = tone["tone"]
wide = (art[art["measure"].isin(measures)]
        .pivot_table(index=["outlet", "article_id"], columns="measure", values="estimate", sort=True)
        .reindex(columns=[m for m in measures if m in set(art["measure"])]).reset_index())
report.table_view(wide.drop(columns="article_id"), index="outlet")

# %% [markdown]
# ## Tone along the article
#
# Sentence position (0 = first sentence, 1 = last) against tone; the lines are
# each outlet's mean tone per fifth of the article. Inverted-pyramid news puts
# the main claim first; a shift in tone toward the end often marks a
# "but critics say" paragraph.

# %%
report.embed_figure(plot.tone_along_article(english, colors=colors), "02-tone-along-article", out_dir)

# %% [markdown]
# ## Tone toward actors
#
# For every mention of an actor in the actors file (countries with their
# capitals, demonyms and governments, people, organisations), the model scores
# the tone of the sentence *toward that actor*. Only the outlet's own
# narration counts here; mentions inside quotes are the speaker's tone, not
# the outlet's. `n` is the number of scored mentions behind a cell: a cell
# backed by one or two mentions is one or two sentences.

# %%
report.embed_figure(plot.actor_tone_heatmap(tone["actor_tone"], colors=colors), "02-actor-tone", out_dir)

# %% [markdown]
# ## Headline against body
#
# Mean tone of the headline minus the mean tone of the body, per outlet
# (articles without a detected headline are left out).

# %%
report.table_view(tone["headline_body"], ["outlet", "headline", "body", "diff", "diff_ci_low", "diff_ci_high",
                                          "n_headline", "n_body", "warning"], index="outlet", max_chars=45)

# %% [markdown]
# ## Does the finding hinge on one lexicon?
#
# The same sentences scored with a second lexicon (AFINN-165). When the
# outlets' order changes between the two columns, the difference is a
# property of the word lists, not of the coverage.

# %%
afinn = sentence_tone(analysis.docs, lexicon="afinn")
afinn = afinn[~afinn["non_english"]]
check = english.groupby("outlet")["compound"].mean().to_frame("vader_mean")
check["afinn_mean"] = afinn.groupby("outlet")["compound"].mean()
check["vader_rank"] = check["vader_mean"].rank(ascending=False).astype(int)
check["afinn_rank"] = check["afinn_mean"].rank(ascending=False).astype(int)
report.table_view(check.reset_index(), index="outlet")

# %% [markdown]
# **Limits.** VADER was built for social media; news sentences about treaties
# and agreements score positive on words such as "peace", "partnership" and
# "support" whatever their stance. The target-dependent model was trained on
# US political news (NewsMTSC) and is far from perfect on other news (its
# accuracy on held-out data is printed by the sentiment benchmark in
# `benchmarks/`): read the sentences (evidence view) before quoting a number.
