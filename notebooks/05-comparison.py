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
# # 5. Comparing outlets: shared copy, story elements and omissions
#
# Outlets copy each other and the wires, and the strongest bias is often what
# an outlet does not say. This notebook finds the text articles share, groups
# the sentences of all articles into story elements (the same fact told by
# different outlets), and marks the elements most outlets carry but one
# leaves out.

# %% tags=["parameters"]
corpus = None  # corpus folder or table (csv, jsonl, parquet); None: the bundled seeds
lexicon = None  # extra theme lexicon (TOML); None: the packaged themes
actors = None  # actors file (TOML) extending the packaged one
boilerplate = None  # extra boilerplate rules (TOML) added to the packaged ones
out_dir = None  # report folder, figures go to its figures folder; None: reports

# %%

import pandas as pd

import framing
from framing import plot, report

analysis = framing.analyze(corpus, boilerplate=boilerplate)
colors = plot.outlet_colors(analysis.articles["outlet"])
comp = report.comparison_tables(analysis)

# %% [markdown]
# ## Shared copy
#
# Row A, column B: the share of article A's five-word sequences (shingles)
# also found in article B (containment; Broder 1997). Wire copy and
# republished articles show as bright cells. A passage copied by three
# outlets would otherwise count three times in every comparison.

# %%
report.embed_figure(plot.shared_copy_matrix(comp["containment"], analysis.articles, colors=colors),
                    "05-shared-copy", out_dir)

# %%
sp = comp["shared_passages"]
report.table_view(sp, ["article_a", "article_b", "words", "direction", "text"], index="article_a", max_chars=100)

# %% [markdown]
# ### Tone on all text and on original text only
#
# The outlet tone estimates computed twice: on every sentence, and on
# original text only, leaving out sentences that mostly repeat a passage
# first published in an earlier article, so wire copy repeated by several
# outlets counts once. When no sentence repeats earlier text, the two agree.

# %%
full = framing.compare(analysis, elements=False)
n_repeated = int((~full["original_sentences"]["original"]).sum())
print(f"{n_repeated} sentence(s) mostly repeat text first published in an earlier article")
both = [full["tone"].assign(text="all sentences")]
both.append(full.get("tone_original", full["tone"]).assign(text="original text only"))
report.table_view(pd.concat(both, ignore_index=True),
                  ["outlet", "text", "estimate", "ci_low", "ci_high", "n_sentences"], index="outlet")

# %% [markdown]
# ## Story elements: who tells what
#
# Sentences (and clauses) of all articles are grouped into story elements by
# TF-IDF cosine similarity; each element is labelled with its top terms. A
# coloured dot means the outlet carries the element (dot size: its
# sentences); a dark × marks an omission: an element most outlets carry that
# this one leaves out (a hollow circle: the outlet has a similar clause, so
# the omission is doubtful). Elements are sorted by the number of outlets
# carrying them.

# %%
report.embed_figure(plot.element_coverage(comp["element_coverage"], comp["elements"], comp["omissions"],
                                          colors=colors), "05-story-elements", out_dir)

# %% [markdown]
# ## Omissions, with the evidence
#
# Each omission with the carrying outlets' sentences and the omitting
# outlet's closest clause, so a reader can check that the fact is really
# missing and not told in other words. `likely` is false when the closest
# clause is nearly similar enough to count.

# %%
om = comp["omissions"]
report.table_view(om, ["element_id", "outlet", "likely", "label", "evidence", "closest"], index="element_id",
                  max_chars=90)

# %% [markdown]
# ## Told by one outlet only
#
# Elements a single outlet carries: its exclusive angle on the story.

# %%
el = comp["elements"]
single = el[el["single_outlet"]].sort_values(["n_sentences", "element_id"], ascending=[False, True])
report.table_view(single, ["element_id", "outlets", "n_sentences", "label", "representative"], index="element_id",
                  max_chars=90, max_rows=12)

# %% [markdown]
# ## All measures side by side
#
# Every outlet estimate of the report in one table: mean sentence tone, share
# of sentences per theme, share of voices per group, each as estimate [95%
# interval]. Differences from the other outlets, p-values and warnings are in
# `tables/tone_outlets.csv`, `theme_outlets.csv` and `voice_outlets.csv`. Mind the sample:
# **five articles from five outlets are a tiny sample**, and the intervals
# describe sentences within single articles.

# %%
tone = report.tone_tables(analysis, actors=actors)["tone_outlets"].assign(family="tone")
emph = report.emphasis_tables(analysis, lexicon=lexicon)["theme_outlets"].assign(family="theme")
voice = report.voice_tables(analysis, actors=actors)["voice_outlets"].assign(family="voice group")
allm = pd.concat([t for t in (tone, emph, voice) if len(t)], ignore_index=True)
allm["outlet"] = allm["outlet"].map(lambda o: plot.short_label(o, 24).replace("\n", " "))
allm["cell"] = [f"{e:.2f} [{lo:.2f}, {hi:.2f}]" for e, lo, hi in zip(allm["estimate"], allm["ci_low"], allm["ci_high"])]
allm.pivot_table(index=["family", "measure"], columns="outlet", values="cell", aggfunc="first", sort=False)

# %% [markdown]
# **Limits.** Story elements rely on shared content words: a fact told in
# other words (paraphrase) forms its own element, and a denial clusters with
# the claim it denies. Treat an omission as a lead to check in the evidence,
# not as a finding.
