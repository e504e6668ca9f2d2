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
# # 4. Voices: who is quoted, how, and from which group
#
# Who gets to speak is the sharpest lens on a source's bias. Every quote is
# extracted (direct quotes in quotation marks, partial quotes, reported
# speech, "according to"), attributed to a speaker, merged across name
# variants and grouped by role (government, military, civil society, expert,
# media, business, citizen). Media sourcing ("reported by Reuters") is a
# source cited, not a voice, and is kept apart, as are quoted titles and
# scare quotes.

# %% tags=["parameters"]
corpus = None  # corpus folder or table (csv, jsonl, parquet); None: the bundled seeds
lexicon = None  # extra theme lexicon (TOML); None: the packaged themes
actors = None  # actors file (TOML) extending the packaged one
boilerplate = None  # extra boilerplate rules (TOML) added to the packaged ones
out_dir = None  # report folder, figures go to its figures folder; None: reports

# %%

from IPython.display import display

import framing
from framing import plot, report

analysis = framing.analyze(corpus, boilerplate=boilerplate)
colors = plot.outlet_colors(analysis.articles["outlet"])
voices = report.voice_tables(analysis, actors=actors)
quotes = voices["quotes"]

# %% [markdown]
# ## Share of voice by group
#
# Each bar is one outlet's quotes split by the speaker's group, by number of
# quotes (`n` = quotes behind the bar). A speaker the extractor could not
# resolve, or whose role the actors file and the title do not give, is
# `unknown`: never guessed.

# %%
report.embed_figure(plot.voice_share(quotes, weight="quotes", colors=colors), "04-voice-share", out_dir)

# %% [markdown]
# The same by words quoted: a single long quote from an official can
# outweigh several one-line reactions.

# %%
report.embed_figure(plot.voice_share(quotes, weight="words", colors=colors), "04-voice-share-words", out_dir)

# %% [markdown]
# ## The most quoted speakers
#
# Quotes per speaker (direct and indirect), split by outlet.

# %%
report.embed_figure(plot.top_speakers(quotes, colors=colors), "04-top-speakers", out_dir)

# %% [markdown]
# ## Direct and indirect voices
#
# Direct quotes give a speaker their own words; reported speech filters them
# through the journalist's.

# %%
report.embed_figure(plot.direct_indirect(quotes, colors=colors), "04-direct-indirect", out_dir)

# %% [markdown]
# ## Share of each group, with uncertainty
#
# Per outlet and group: the share of the outlet's voices from that group with
# a 95% cluster-bootstrap interval and the number of quotes behind it. A share
# over three quotes can only be 0, 1/3, 2/3 or 1.

# %%
vo = voices["voice_outlets"]
if len(vo):
    display(report.table_view(vo.rename(columns={"measure": "group", "n_sentences": "n_quotes"}),
                              ["outlet", "group", "estimate", "ci_low", "ci_high", "n_quotes"],
                              index=["outlet", "group"], digits=2))

# %% [markdown]
# ## Every quote
#
# The voices table, quote by quote (content cut at 100 characters; the full
# text and its offsets are in `tables/quotes.csv` and marked in the evidence
# view).

# %%
report.table_view(quotes, ["outlet", "kind", "speaker_name", "group", "cue", "media", "content"], index="outlet",
                  max_chars=70)

# %% [markdown]
# **Limits.** Attribution is rule-based: a pronoun is resolved to the most
# recent compatible named person, and a speaker outside the actors file gets a
# group only when their title names one. Check the badges in the evidence
# view; pass your own actors file (`actors=` parameter) for other stories.
