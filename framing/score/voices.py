"""Voices: who is quoted, how much, and from which group, per article and per outlet.

Built on :func:`framing.quotes.extract_quotes`. :func:`quotes_frame` gives
one row per quote record (the evidence: article, offsets, speaker, group,
kind, words); :func:`voices_table` aggregates it per article or per outlet
(number of quotes, direct/indirect split, words quoted, distinct speakers,
share of non-government voices, the first voice heard, media sources cited);
:func:`share_of_voice` gives the share by speaker or by group, by quotes and
by words. Every number is a count or sum over rows of the quotes frame, so it
can be traced to its records (``quote_id``).

Only *voices* count in the shares: speech records (direct, partial, block,
indirect, according_to) that are not media sourcing and not belief
attributions. Media sourcing (``AzerNEWS reported``) is listed as sources
cited; scare quotes and titles are kept in the frame (``is_voice`` False) and
counted nowhere else.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from framing._docs import as_docs
from framing.actors import ROLE_ORDER
from framing.quotes import DIRECT_KINDS, SPEECH_KINDS, extract_quotes
from framing.segment import WORD_RE, Doc

# VoiceFeatures: a module __getattr__ (framing.score.transformers)
__all__ = ["GROUPS", "VoiceFeatures", "quote_rows", "quotes_frame", "voice_features", "share_of_voice", "voices_table"]  # noqa: F822

#: Groups reported as share columns: the actor roles, plus ``unknown``.
GROUPS = (*ROLE_ORDER, "unknown")

QUOTE_COLUMNS = [
    "article_id", "outlet", "quote_id", "kind", "is_voice", "is_direct", "media", "cue_class",
    "speaker", "speaker_name", "actor", "speaker_kind", "speaker_title", "group", "cue", "content", "start", "end",
    "spans", "speaker_start", "speaker_end", "words", "confidence", "sentence",
]


def _span_word_count(doc: Doc, a: int, b: int) -> int:
    """``len(WORD_RE.findall(doc.text, a, b))``, counted on the cached ``doc.token_offsets``.

    When no token runs across ``a``, the matches of ``WORD_RE`` in ``text[a:b]``
    are the tokens of the whole text starting in ``[a, b)`` (one that runs past
    ``b`` is cut there, still one match); otherwise the span is matched again.
    """
    starts, ends = doc.token_offsets
    i = bisect_left(starts, a)
    if i and ends[i - 1] > a:
        return len(WORD_RE.findall(doc.text, a, b))
    return bisect_left(starts, b, i) - i


def quote_rows(
    doc: Doc, *, actors: Any = None, attributions: str = "speech", quotes: list[Any] | None = None
) -> list[dict[str, Any]]:
    """The :func:`quotes_frame` rows of one article, without building a DataFrame.

    ``quotes`` are records already extracted from ``doc`` (with
    :func:`framing.quotes.extract_quotes`); they are extracted when omitted.
    """
    outlet = doc.meta.get("outlet") or "unknown"
    rows: list[dict[str, Any]] = []
    if quotes is None:
        quotes = extract_quotes(doc, actors=actors, attributions=attributions)
    doc_id = doc.id
    append = rows.append
    for i, q in enumerate(quotes):
        spans = q.content_spans
        if len(spans) == 1:
            (a, b), = spans
            words = _span_word_count(doc, a, b)
            span_lists = [[a, b]]
        else:
            words = sum(_span_word_count(doc, a, b) for a, b in spans)
            span_lists = [list(s) for s in spans]
        kind = q.kind
        cue_class = q.cue_class
        media = q.media
        speaker_span = q.speaker_span
        content_span = q.content_span
        append(
            {
                "article_id": doc_id,
                "outlet": outlet,
                "quote_id": f"{doc_id}:{i}",
                "kind": kind,
                # Quote.is_voice, and not a belief attribution
                "is_voice": kind in SPEECH_KINDS and not media and cue_class != "belief",
                "is_direct": kind in DIRECT_KINDS,
                "media": media,
                "cue_class": cue_class,
                "speaker": q.speaker,
                "speaker_name": q.speaker_name,
                "actor": q.actor,
                "speaker_kind": q.speaker_kind,
                "speaker_title": q.speaker_title,
                "group": q.group,
                "cue": q.cue,
                "content": q.content,
                "start": content_span[0],
                "end": content_span[1],
                "spans": span_lists,
                "speaker_start": speaker_span[0] if speaker_span else None,
                "speaker_end": speaker_span[1] if speaker_span else None,
                "words": words,
                "confidence": q.confidence,
                "sentence": q.sentence,
            }
        )
    return rows


def voice_features(rows: Iterable[dict[str, Any]], groups: tuple[str, ...] = GROUPS) -> dict[str, float]:
    """Voice features of one article from its :func:`quote_rows` (the :class:`VoiceFeatures` values).

    ``voices__n_quotes``, ``voices__n_direct``, ``voices__n_indirect``,
    ``voices__direct_share``, ``voices__words_quoted``, ``voices__n_speakers``,
    ``voices__n_media``, ``voices__non_government_share`` and
    ``voices__{group}_share`` for each group; shares are 0 without voices.
    """
    rows = list(rows)
    v = [r for r in rows if r["is_voice"]]
    n = len(v)
    nd = sum(1 for r in v if r["is_direct"])
    known = [r for r in v if r["group"] != "unknown"]
    speakers = {r["speaker_name"] for r in v if r["speaker_name"] is not None}
    out = {
        "voices__n_quotes": float(n),
        "voices__n_direct": float(nd),
        "voices__n_indirect": float(n - nd),
        "voices__direct_share": nd / n if n else 0.0,
        "voices__words_quoted": float(sum(r["words"] for r in v)),
        "voices__n_speakers": float(len(speakers)),
        "voices__n_media": float(sum(1 for r in rows if r["media"])),
        "voices__non_government_share": (
            sum(1 for r in known if r["group"] != "government") / len(known) if known else 0.0
        ),
    }
    for grp in groups:
        out[f"voices__{grp}_share"] = sum(1 for r in v if r["group"] == grp) / n if n else 0.0
    return out


def quotes_frame(docs: Iterable[str | Doc], *, actors: Any = None, attributions: str = "speech") -> pd.DataFrame:
    """One row per quote record of every document.

    Parameters
    ----------
    docs : iterable of str or Doc
        The articles (``Doc.meta["outlet"]`` gives the outlet; ``unknown`` without it).
    actors : ActorCatalog or path, optional
        Passed to :func:`framing.quotes.extract_quotes`.
    attributions : {"speech", "all"}, default="speech"
        Passed to :func:`framing.quotes.extract_quotes`.

    Returns
    -------
    DataFrame
        Columns ``article_id, outlet, quote_id, kind, is_voice, is_direct,
        media, cue_class, speaker, speaker_name, actor, speaker_kind, group,
        cue, content, start, end, spans, speaker_start, speaker_end, words,
        confidence, sentence``. ``speaker_name`` is the resolved speaker
        (``None`` = unresolved); ``words`` counts the words of the content;
        ``start``/``end`` are offsets into ``Doc.text``.
    """
    rows: list[dict[str, Any]] = []
    for doc in as_docs(docs):
        rows.extend(quote_rows(doc, actors=actors, attributions=attributions))
    df = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    for c in ("start", "end", "words", "sentence"):
        df[c] = df[c].astype("int64")
    for c in ("speaker_start", "speaker_end"):
        df[c] = df[c].astype("Int64")
    return df


def _speaker_key(df: pd.DataFrame) -> pd.Series:
    """The speaker a voice is counted under: resolved name, else the mention as written."""
    return df["speaker_name"].fillna(df["speaker"]).fillna("(unattributed)")


def share_of_voice(quotes: pd.DataFrame, *, by: str = "article_id", who: str = "group") -> pd.DataFrame:
    """Share of voice by group or by speaker, by quotes and by words.

    Parameters
    ----------
    quotes : DataFrame
        From :func:`quotes_frame`.
    by : {"article_id", "outlet"}, default="article_id"
        Unit of aggregation.
    who : {"group", "speaker"}, default="group"
        Share by the speaker's group or by speaker (resolved name, else the
        mention as written).

    Returns
    -------
    DataFrame
        Tidy: ``by, who, n_quotes, words, share_quotes, share_words``.
    """
    if by not in ("article_id", "outlet"):
        raise ValueError(f"by must be 'article_id' or 'outlet', got {by!r}")
    if who not in ("group", "speaker"):
        raise ValueError(f"who must be 'group' or 'speaker', got {who!r}")
    v = quotes[quotes["is_voice"]].copy()
    v["who"] = v["group"] if who == "group" else _speaker_key(v)
    g = v.groupby([by, "who"], sort=True).agg(n_quotes=("quote_id", "size"), words=("words", "sum")).reset_index()
    tot = g.groupby(by)[["n_quotes", "words"]].transform("sum")
    g["share_quotes"] = g["n_quotes"] / tot["n_quotes"]
    g["share_words"] = np.where(tot["words"] > 0, g["words"] / tot["words"].where(tot["words"] > 0, 1), 0.0)
    return g.rename(columns={"who": who})


def voices_table(quotes: pd.DataFrame, by: str = "article_id") -> pd.DataFrame:
    """Voices per article or per outlet.

    Parameters
    ----------
    quotes : DataFrame
        From :func:`quotes_frame`.
    by : {"article_id", "outlet"}, default="article_id"
        Unit of aggregation.

    Returns
    -------
    DataFrame
        One row per unit: ``n_quotes`` (voice records), ``n_direct``
        (direct, partial, block), ``n_indirect``, ``direct_share``,
        ``words_quoted``, ``words_direct``, ``n_speakers`` (distinct resolved
        or written speakers), ``n_unattributed``, ``n_{group}`` and
        ``{group}_share`` for each of :data:`GROUPS` (by quotes),
        ``{group}_word_share``, ``non_government_share`` (quotes by speakers
        whose group is known and not government), ``first_voice`` and
        ``first_voice_group`` (the first voice in text order, by article),
        ``media_sources`` (sorted, ``; ``-joined) and ``n_media``,
        ``n_not_speech`` (scare quotes and titles), and ``quote_ids`` (the
        records behind the numbers).
    """
    if by not in ("article_id", "outlet"):
        raise ValueError(f"by must be 'article_id' or 'outlet', got {by!r}")
    rows = []
    for key, g in quotes.groupby(by, sort=True):
        v = g[g["is_voice"]].sort_values(["article_id", "start"])
        n = len(v)
        direct = v["is_direct"]
        row: dict[str, Any] = {by: key}
        if by == "article_id":
            row["outlet"] = g["outlet"].iloc[0]
        else:
            row["n_articles"] = g["article_id"].nunique()
        row["n_quotes"] = n
        row["n_direct"] = int(direct.sum())
        row["n_indirect"] = int(n - direct.sum())
        row["direct_share"] = float(direct.mean()) if n else np.nan
        row["words_quoted"] = int(v["words"].sum())
        row["words_direct"] = int(v.loc[direct, "words"].sum())
        known = v[v["speaker_name"].notna()]
        row["n_speakers"] = int(_speaker_key(known).nunique()) if len(known) else 0
        row["n_unattributed"] = int(v["speaker_name"].isna().sum())
        tw = v["words"].sum()
        for grp in GROUPS:
            m = v["group"] == grp
            row[f"n_{grp}"] = int(m.sum())
            row[f"{grp}_share"] = float(m.mean()) if n else np.nan
            row[f"{grp}_word_share"] = float(v.loc[m, "words"].sum() / tw) if tw else np.nan
        kn = v[v["group"] != "unknown"]
        row["non_government_share"] = float((kn["group"] != "government").mean()) if len(kn) else np.nan
        if n:
            first = v.iloc[0] if by == "article_id" else None
            row["first_voice"] = (
                (first["speaker_name"] or first["speaker"]) if first is not None else None
            )
            row["first_voice_group"] = first["group"] if first is not None else None
        else:
            row["first_voice"] = None
            row["first_voice_group"] = None
        med = g[g["media"]]
        row["media_sources"] = "; ".join(sorted({str(x) for x in med["speaker_name"].fillna(med["speaker"]) if x}))
        row["n_media"] = len(med)
        row["n_not_speech"] = int(g["kind"].isin(["scare", "title"]).sum())
        row["quote_ids"] = list(v["quote_id"])
        rows.append(row)
    return pd.DataFrame(rows)


def __getattr__(name: str) -> Any:
    """``VoiceFeatures`` lives in :mod:`framing.score.transformers`, imported on first use (with
    scikit-learn, which scoring itself does not need)."""
    if name == "VoiceFeatures":
        from framing.score.transformers import VoiceFeatures

        return VoiceFeatures
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
