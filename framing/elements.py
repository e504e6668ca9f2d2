"""Story elements and omissions: which outlet tells which fact, and what each one left out.

The sentences of all articles on one event are grouped into *story elements*:
the same fact or claim as told by different outlets ("Vance signed a civil
nuclear energy agreement with Pashinyan"). Each element is labelled with its
top terms and a representative sentence; the outlets x elements matrix then
shows which elements a single outlet carries and which elements most outlets
carry but one omits, with the other outlets' sentences as evidence.

Method: every candidate sentence becomes a TF-IDF vector (Salton & Buckley
1988) of Porter-stemmed content words (Porter 1980, via ``nltk.stem``, no
download), stop words removed, sublinear term frequency, L2 norm. Cosine
similarities at or above ``threshold`` form a sparse graph; sentences are
merged by average-linkage agglomerative clustering on that graph (a missing
edge counts as similarity 0, so a cluster's average linkage is a lower bound
of the dense one): two groups merge while the mean similarity between their
sentences is at least ``threshold``. Everything is deterministic (ties are
broken by sentence order).

What it does not handle: paraphrase without shared content words ("took
office" vs "was sworn in"), negation (an element and its denial share words
and cluster together), and sentences that tell several facts (they join the
element of their strongest fact). Treat an omission as a lead to check, not
as a finding: the evidence sentences are there to be read.

Complexity and limits: meant for the articles of **one event** (a few hundred
to a few thousand articles). Similarities are computed in row blocks of the
sparse TF-IDF matrix and only pairs at or above the threshold are kept, so
memory is bounded by the number of similar pairs; time is ``O(n^2)`` in the
worst case (every sentence shares a term with every other), about
``O(n * d)`` in practice where ``d`` is the number of sentences sharing a
rare term. For a corpus of many events, group articles by event first (date
window, keyword query) and call :func:`story_elements` per event.

References
----------
Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic text
retrieval. *Information Processing & Management* 24(5).
Porter, M.F. (1980). An algorithm for suffix stripping. *Program* 14(3).
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from framing._log import get_logger
from framing.errors import InputError
from framing.reuse import _as_docs, outlet_of
from framing.segment import WORD_RE, Doc

__all__ = ["StoryElements", "candidate_sentences", "clauses", "story_elements"]

log = get_logger(__name__)

_TERMINAL_RE = re.compile(r"[.!?…:;][\"'”’»)]*\s*$|[\"”’»]\s*$")
_CLAUSE_RE = re.compile(r"[;](?=\s)|,(?=\s+(?:and|but|while|whereas|where|adding)\s)")
_BULLET_RE = re.compile(r"\s*(?:[•·▪●◦‣∙*\-–—]|\d{1,2}[.)])\s+")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"s", "t", "said", "says", "also", "mr", "ms", "mrs"}


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return _stemmer().stem(word)


def _terms(text: str) -> list[str]:
    """Stemmed content words; a word in lower case is emitted twice, a capitalised one once.

    Names (``Pashinyan``, ``Baku``) recur in many different facts about the
    same people and places; doubling the term frequency of running words
    makes elements turn on what happened rather than on who was there.
    """
    out = []
    for w in WORD_RE.findall(text.replace("’", "'")):
        low = w.lower().split("'")[0]
        if len(low) < 2 or low in _STOP or low.isdigit():
            continue
        st = _stem(low)
        out.append(st)
        if w[0].islower():
            out.append(st)
    return out


@dataclass
class StoryElements:
    """Story elements of a set of articles and who carries them.

    Attributes
    ----------
    elements : DataFrame
        One row per element: ``element_id``, ``label`` (top terms),
        ``representative`` (sentence text), ``rep_article``, ``rep_start``,
        ``rep_end``, ``n_sentences``, ``n_articles``, ``n_outlets``,
        ``outlets`` (``;``-joined), ``single_outlet`` (bool).
    sentences : DataFrame
        Membership with evidence: ``element_id``, ``article_id``, ``outlet``,
        ``sentence``, ``start``, ``end``, ``position``, ``text``,
        ``similarity`` (cosine to the element centroid).
    coverage : DataFrame
        Outlets x elements: number of the outlet's sentences in the element.
    exclusive : DataFrame
        Elements carried by one outlet only (among several), biggest first.
    omissions : DataFrame
        ``element_id``, ``outlet`` (the one leaving it out), ``carried_by``,
        ``n_outlets``, ``share``, ``label``, ``representative``, ``evidence``
        (the carrying outlets' sentences, ``outlet: text`` joined by
        ``" | "``), ``evidence_articles``; and the omitting outlet's own
        clause closest to the element (``closest``, ``closest_article``,
        ``closest_start``, ``closest_end``, ``closest_similarity``: cosine
        to the element centroid) so a reader can check that it really is
        missing and not told in other words; ``likely`` is ``True`` when
        that closest clause is below the clustering threshold. Likely
        omissions first.
    skipped : DataFrame
        Sentences left out of clustering and why (``article_id``,
        ``sentence``, ``reason``).
    exclusive_passages : DataFrame
        Runs of at least ``min_run`` consecutive clauses of one article that
        belong to single-outlet elements (sentences skipped as headings do
        not break a run): a stretch of coverage no other outlet has, with
        ``start``, ``end``, ``n_clauses``, ``n_sentences``, ``elements``,
        ``label`` (top terms of the run) and ``text``. Biggest first.
    """

    elements: pd.DataFrame
    sentences: pd.DataFrame
    coverage: pd.DataFrame
    exclusive: pd.DataFrame
    omissions: pd.DataFrame
    skipped: pd.DataFrame
    exclusive_passages: pd.DataFrame


def _skip_reason(doc: Doc, s, min_words: int) -> str | None:
    if s.lang != "en":
        return f"not English ({s.lang})"
    kind = doc.paragraphs[s.paragraph].kind if s.paragraph < len(doc.paragraphs) else "text"
    text = doc.text[s.start : s.end]
    if kind == "subhead" and _BULLET_RE.match(text):
        kind = "list_item"  # a bullet the segmenter took for a subheading
    if kind == "subhead":
        return "subheading"
    words = WORD_RE.findall(text)
    if len(words) < min_words:
        return f"fewer than {min_words} words"
    if sum(1 for w in words if w[0].islower()) < 2:
        return "title case or no running words: heading, caption or menu"
    if s.position != "headline" and kind != "list_item" and not _TERMINAL_RE.search(text):
        return "no terminal punctuation: caption, banner or link"
    return None


def clauses(text: str, start: int = 0, *, min_words: int = 6) -> list[tuple[int, int]]:
    """Split a sentence into clauses that may tell different facts.

    Splits at semicolons and at a comma before ``and``, ``but``, ``while``,
    ``whereas``, ``where`` or ``adding``; a piece shorter than ``min_words``
    words is joined back to its neighbour. Returns ``(start, end)`` offsets
    (shifted by ``start``).
    """
    cuts = [0]
    for m in _CLAUSE_RE.finditer(text):
        cuts.append(m.start() + 1)
    cuts.append(len(text))
    pieces = [(a, b) for a, b in zip(cuts[:-1], cuts[1:]) if b > a]
    merged: list[list[int]] = []
    for a, b in pieces:
        if merged and len(WORD_RE.findall(text, a, b)) < min_words:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    if len(merged) > 1 and len(WORD_RE.findall(text, merged[0][0], merged[0][1])) < min_words:
        merged[1][0] = merged[0][0]
        merged.pop(0)
    out = []
    for a, b in merged:
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip(" ,;"))
        trail = len(seg) - len(seg.rstrip(" ,;"))
        out.append((start + a + lead, start + b - trail))
    return out


def candidate_sentences(
    docs: Iterable[Doc] | Mapping[str, Doc],
    *,
    outlets: Mapping[str, str] | None = None,
    min_words: int = 6,
    split_clauses: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sentences (or their clauses) that can carry a story element, and the ones skipped with the reason.

    A sentence is skipped when it is not English, a subheading, shorter than
    ``min_words`` words, in title case or without running words (a heading,
    caption or menu), or lacks terminal punctuation outside headlines and
    list items (a banner or a link to another article). With
    ``split_clauses`` a kept sentence is split with :func:`clauses`, so a
    sentence telling two facts can join two elements.

    Returns
    -------
    kept, skipped : DataFrame
        ``article_id, outlet, sentence, clause, start, end, position, text``
        (offsets of the clause), and the skipped sentences with ``reason``.
    """
    items = _as_docs(docs)
    keep, skip = [], []
    for d in items:
        outlet = (outlets or {}).get(d.id) or outlet_of(d)
        for s in d.sentences:
            why = _skip_reason(d, s, min_words)
            rec = {"article_id": d.id, "outlet": outlet, "sentence": s.index, "clause": 0,
                   "start": s.start, "end": s.end, "position": s.position,
                   "text": d.text[s.start : s.end]}
            if why:
                skip.append({**rec, "reason": why})
                continue
            spans = clauses(rec["text"], s.start, min_words=min_words) if split_clauses else [(s.start, s.end)]
            for c, (a, b) in enumerate(spans):
                keep.append({**rec, "clause": c, "start": a, "end": b, "text": d.text[a:b]})
    cols = ["article_id", "outlet", "sentence", "clause", "start", "end", "position", "text"]
    return pd.DataFrame(keep, columns=cols), pd.DataFrame(skip, columns=[*cols, "reason"])


def _similar_pairs(x: sparse.csr_matrix, threshold: float, block: int = 2000) -> tuple[np.ndarray, ...]:
    """Pairs ``i < j`` with cosine ``>= threshold`` (rows of ``x`` are L2-normalised)."""
    rows, cols, vals = [], [], []
    xt = x.T.tocsc()
    n = x.shape[0]
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        sim = (x[lo:hi] @ xt).tocoo()
        r = sim.row + lo
        m = (sim.data >= threshold) & (sim.col > r)
        rows.append(r[m])
        cols.append(sim.col[m])
        vals.append(sim.data[m])
    if not rows:
        return np.empty(0, int), np.empty(0, int), np.empty(0)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)


def _average_linkage(n: int, i: np.ndarray, j: np.ndarray, v: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster labels by average linkage on a sparse similarity graph (missing edge = 0)."""
    parent = list(range(n))
    size = [1] * n
    link: list[dict[int, float]] = [{} for _ in range(n)]
    for a, b, s in zip(i.tolist(), j.tolist(), v.tolist()):
        link[a][b] = link[a].get(b, 0.0) + s
        link[b][a] = link[b].get(a, 0.0) + s
    heap = [(-s, a, b) for a, b, s in zip(i.tolist(), j.tolist(), v.tolist())]
    heapq.heapify(heap)
    alive = [True] * n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue
        cur = link[a].get(b, 0.0) / (size[a] * size[b])
        if abs(cur + neg) > 1e-12:  # stale entry
            continue
        if cur < threshold:
            break
        # merge b into a (a < b keeps the earliest sentence's id)
        keep, gone = (a, b) if a < b else (b, a)
        alive[gone] = False
        parent[gone] = keep
        size[keep] += size[gone]
        for c, s in link[gone].items():
            if c == keep:
                continue
            link[keep][c] = link[keep].get(c, 0.0) + s
            link[c][keep] = link[keep][c]
            del link[c][gone]
        link[keep].pop(gone, None)
        link[gone] = {}
        for c, s in link[keep].items():
            avg = s / (size[keep] * size[c])
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(keep, c), max(keep, c)))
    labels = np.empty(n, dtype=np.int64)
    for x in range(n):
        r = x
        while parent[r] != r:
            r = parent[r]
        labels[x] = r
    return labels


def story_elements(
    docs: Iterable[Doc] | Mapping[str, Doc],
    *,
    outlets: Mapping[str, str] | None = None,
    threshold: float = 0.22,
    min_words: int = 6,
    min_share: float = 0.6,
    n_terms: int = 5,
    min_run: int = 2,
    split_clauses: bool = True,
    sentences: pd.DataFrame | None = None,
) -> StoryElements:
    """Group sentences into story elements and find what each outlet carries or omits.

    Parameters
    ----------
    docs : iterable of Doc or mapping of id to Doc
        The articles of one event.
    outlets : mapping of article id to outlet, optional
        Overrides ``Doc.meta["outlet"]``; an article with neither is its own
        outlet (its id).
    threshold : float, default=0.22
        Cosine similarity (TF-IDF) at which clauses tell the same element:
        higher gives smaller, tighter elements. 0.22 was set by reading the
        seed articles' elements at 0.2, 0.22, 0.25 and 0.3 (0.25 and above
        split the nuclear-energy agreement told by three outlets; 0.2
        starts merging clauses that share little more than names).
    min_words : int, default=6
        Shorter sentences are skipped (see :func:`candidate_sentences`).
    min_share : float, default=0.6
        An element carried by at least this share of outlets (and at least
        two) is an omission for every outlet that does not carry it.
    n_terms : int, default=5
        Top terms in each element's label.
    min_run : int, default=2
        Shortest run of exclusive clauses reported in ``exclusive_passages``.
    split_clauses : bool, default=True
        Cluster clauses rather than whole sentences (see :func:`clauses`).
    sentences : DataFrame, optional
        Candidate sentences (columns as returned by
        :func:`candidate_sentences`) to use instead of all sentences, e.g.
        original text only.

    Returns
    -------
    StoryElements
    """
    if not 0 < threshold <= 1:
        raise InputError(f"threshold={threshold!r}: need a cosine similarity in (0, 1]")
    if not 0 < min_share <= 1:
        raise InputError(f"min_share={min_share!r}: need a share of outlets in (0, 1]")
    items = _as_docs(docs)
    if not items:
        raise InputError("story_elements: no articles")
    cand, skipped = candidate_sentences(
        items, outlets=outlets, min_words=min_words, split_clauses=split_clauses
    )
    if sentences is not None:
        cand = sentences.reset_index(drop=True)
    all_outlets = sorted({(outlets or {}).get(d.id) or outlet_of(d) for d in items})
    n_all = len(all_outlets)
    if n_all < 2:
        log.warning("story elements: only one outlet (%s): nothing is exclusive or omitted", all_outlets[0])
    if cand.empty:
        raise InputError("story_elements: no sentence long enough to carry a story element")

    vec = TfidfVectorizer(analyzer=_terms, sublinear_tf=True, norm="l2", dtype=np.float64)
    texts = cand["text"].tolist()
    try:
        x = vec.fit_transform(texts).tocsr()
    except ValueError:
        raise InputError("story_elements: the sentences have no content words") from None
    i, j, v = _similar_pairs(x, threshold)
    labels = _average_linkage(x.shape[0], i, j, v, threshold)

    # surface forms for labels: most common word behind each stem
    surface: dict[str, Counter] = {}
    for t in texts:
        for w in WORD_RE.findall(t.lower().replace("’", "'")):
            w = w.split("'")[0]
            if len(w) >= 2 and w not in _STOP and not w.isdigit():
                surface.setdefault(_stem(w), Counter())[w] += 1
    feats = vec.get_feature_names_out()

    cand = cand.reset_index(drop=True).assign(_label=labels)
    # order elements: most outlets, then most sentences, then first appearance
    g = cand.groupby("_label", sort=False)
    stats = pd.DataFrame(
        {
            "n_outlets": g["outlet"].nunique(),
            "n_sentences": g.size(),
            "first": pd.Series(cand.index, index=cand.index).groupby(cand["_label"]).min(),
        }
    ).sort_values(["n_outlets", "n_sentences", "first"], ascending=[False, False, True])
    n_el = len(stats)
    width = max(3, len(str(n_el)))
    ids = np.array([f"E{k + 1:0{width}d}" for k in range(n_el)], dtype=object)
    el_of = pd.Series(np.arange(n_el), index=stats.index).reindex(labels).to_numpy()
    cand["element_id"] = ids[el_of]

    # centroids of all elements at once: (elements x terms) = membership @ tfidf
    n = x.shape[0]
    member = sparse.csr_matrix((np.ones(n), (el_of, np.arange(n))), shape=(n_el, n))
    counts = np.bincount(el_of, minlength=n_el).astype(float)
    cent = sparse.diags(1.0 / counts) @ (member @ x)
    norms = np.sqrt(np.asarray(cent.multiply(cent).sum(axis=1)).ravel())
    cent_n = (sparse.diags(np.where(norms > 0, 1.0 / np.where(norms > 0, norms, 1), 0.0)) @ cent).tocsr()
    sims = np.asarray(x.multiply(cent_n[el_of]).sum(axis=1)).ravel()
    rep_of = pd.Series(sims).groupby(el_of).idxmax().reindex(range(n_el)).to_numpy()

    def label(row: int) -> str:
        lo, hi = cent.indptr[row], cent.indptr[row + 1]
        data, cols = cent.data[lo:hi], cent.indices[lo:hi]
        top = cols[np.lexsort((cols, -data))][:n_terms]
        return ", ".join(surface.get(feats[c], Counter({feats[c]: 1})).most_common(1)[0][0] for c in top)

    cent = cent.tocsr()
    by_el = cand.groupby(el_of)
    outs = by_el["outlet"].agg(lambda s: ";".join(sorted(set(s)))).reindex(range(n_el))
    n_outs = by_el["outlet"].nunique().reindex(range(n_el)).to_numpy()
    elements = pd.DataFrame(
        {
            "element_id": ids,
            "label": [label(k) for k in range(n_el)],
            "representative": cand["text"].to_numpy()[rep_of],
            "rep_article": cand["article_id"].to_numpy()[rep_of],
            "rep_start": cand["start"].to_numpy()[rep_of].astype(int),
            "rep_end": cand["end"].to_numpy()[rep_of].astype(int),
            "n_sentences": counts.astype(int),
            "n_articles": by_el["article_id"].nunique().reindex(range(n_el)).to_numpy(),
            "n_outlets": n_outs,
            "outlets": outs.to_numpy(),
            "single_outlet": (n_outs == 1) & (n_all > 1),
        }
    )
    members = cand.assign(similarity=sims)[
        ["element_id", "article_id", "outlet", "sentence", "clause", "start", "end", "position",
         "text", "similarity"]
    ].sort_values(["element_id", "outlet", "article_id", "sentence", "clause"], ignore_index=True)

    coverage = (
        members.groupby(["outlet", "element_id"]).size().unstack(fill_value=0)
        .reindex(index=all_outlets, columns=elements["element_id"], fill_value=0)
    )
    coverage.index.name, coverage.columns.name = "outlet", "element_id"

    exclusive = elements[elements["single_outlet"]].sort_values(
        ["n_sentences", "element_id"], ascending=[False, True], ignore_index=True
    )

    need = max(2, math.ceil(min_share * n_all))
    centroids = {ids[k]: cent_n[k].toarray().ravel() for k in np.flatnonzero(n_outs >= need)}
    outlet_rows = {o: np.flatnonzero(cand["outlet"].to_numpy() == o) for o in all_outlets}
    om_rows = []
    for el in elements.itertuples(index=False):
        if el.n_outlets < need or el.n_outlets >= n_all:
            continue
        ev = members[members["element_id"] == el.element_id]
        evidence = " | ".join(f"{o}: {t}" for o, t in zip(ev["outlet"], ev["text"]))
        carriers = set(el.outlets.split(";"))
        for o in all_outlets:
            if o in carriers:
                continue
            rows_o = outlet_rows[o]
            best_sim, best_txt, best_art, best_span = 0.0, "", "", (-1, -1)
            if len(rows_o):
                sims_o = x[rows_o] @ centroids[el.element_id]
                b = int(np.argmax(sims_o))
                best_sim = float(sims_o[b])
                r = cand.iloc[rows_o[b]]
                best_txt, best_art, best_span = r["text"], r["article_id"], (int(r["start"]), int(r["end"]))
            om_rows.append(
                {
                    "element_id": el.element_id, "outlet": o, "carried_by": el.n_outlets,
                    "n_outlets": n_all, "share": el.n_outlets / n_all, "label": el.label,
                    "representative": el.representative, "evidence": evidence,
                    "evidence_articles": ";".join(dict.fromkeys(ev["article_id"])),
                    "closest": best_txt, "closest_article": best_art, "closest_start": best_span[0],
                    "closest_end": best_span[1], "closest_similarity": best_sim,
                    "likely": best_sim < threshold,
                }
            )
    omissions = pd.DataFrame(
        om_rows,
        columns=["element_id", "outlet", "carried_by", "n_outlets", "share", "label",
                 "representative", "evidence", "evidence_articles", "closest", "closest_article",
                 "closest_start", "closest_end", "closest_similarity", "likely"],
    )
    if len(omissions):
        omissions = omissions.sort_values(
            ["likely", "share", "closest_similarity", "element_id", "outlet"],
            ascending=[False, False, True, True, True], ignore_index=True,
        )
    passages = _exclusive_passages(items, cand, elements, x, feats, surface, n_all, min_run, n_terms)
    return StoryElements(elements, members, coverage, exclusive, omissions, skipped, passages)


def _exclusive_passages(
    items: list[Doc],
    cand: pd.DataFrame,
    elements: pd.DataFrame,
    x: sparse.csr_matrix,
    feats: np.ndarray,
    surface: dict[str, Counter],
    n_all: int,
    min_run: int,
    n_terms: int,
) -> pd.DataFrame:
    """Runs of consecutive clauses of one article that only its outlet carries."""
    cols = ["article_id", "outlet", "start", "end", "n_clauses", "n_sentences", "elements", "label", "text"]
    if n_all < 2:
        return pd.DataFrame(columns=cols)
    single = dict(zip(elements["element_id"], elements["single_outlet"]))
    texts = {d.id: d.text for d in items}
    rows = []

    art_a = cand["article_id"].to_numpy()
    out_a = cand["outlet"].to_numpy()
    start_a = cand["start"].to_numpy()
    end_a = cand["end"].to_numpy()
    sent_a = cand["sentence"].to_numpy()
    el_a = cand["element_id"].to_numpy()

    def flush(run: list[int]) -> None:
        if len(run) < min_run:
            return
        weight = np.asarray(x[run].sum(axis=0)).ravel()
        top = np.argsort(-weight, kind="stable")[:n_terms]
        terms = [surface.get(feats[t], Counter({feats[t]: 1})).most_common(1)[0][0] for t in top if weight[t] > 0]
        a, b = int(start_a[run].min()), int(end_a[run].max())
        art = art_a[run[0]]
        rows.append(
            {
                "article_id": art, "outlet": out_a[run[0]], "start": a, "end": b,
                "n_clauses": len(run), "n_sentences": len(set(sent_a[run].tolist())),
                "elements": ";".join(dict.fromkeys(el_a[run].tolist())), "label": ", ".join(terms),
                "text": texts[art][a:b],
            }
        )

    run: list[int] = []
    prev_art = None
    for pos, (art, el) in enumerate(zip(cand["article_id"], cand["element_id"])):
        if art != prev_art:
            flush(run)
            run, prev_art = [], art
        if single[el]:
            run.append(pos)
        else:
            flush(run)
            run = []
    flush(run)
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["n_clauses", "article_id", "start"], ascending=[False, True, True], ignore_index=True)
