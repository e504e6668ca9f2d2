"""From a corpus to the tidy tables: clean, segment once, score with every scorer.

``analyze(corpus)`` returns an :class:`Analysis`: a few pandas DataFrames keyed
by ``article_id`` (and ``outlet``): ``articles``, ``sentences``, ``quotes``,
``mentions`` (actors), ``hits`` (theme terms), ``removed`` (boilerplate), plus
article-level score tables. Every row carries character offsets into the
article's cleaned text (and ``raw_start``/``raw_end`` where it matters), so any
number can be traced to the words behind it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from framing._log import get_logger
from framing.clean import CleanResult, Rule, clean, load_rules
from framing.corpus import Article, Corpus, Skipped, load_corpus
from framing.errors import InputError
from framing.segment import Doc, segment

log = get_logger(__name__)

__all__ = ["Analysis", "ArticleScorer", "Scored", "analyze", "article_row", "make_doc", "outlet_label"]


def outlet_label(article: Article) -> str:
    """The outlet name, or the article id when the outlet is unknown (never invented)."""
    return article.outlet or f"unknown ({article.id})"


def make_doc(article: Article, *, rules: tuple[Rule, ...] | None = None) -> tuple[Doc, CleanResult]:
    """Clean and segment one article.

    Metadata from the manifest/table wins over what cleaning found; cleaning
    fills the gaps (author, place, note, date, genre, republication).
    """
    res = clean(article.text, rules=rules, title=article.title)
    return _segment_cleaned(article, res), res


def _segment_cleaned(article: Article, res: CleanResult) -> Doc:
    """The second half of :func:`make_doc`: the Doc of an article's cleaning result."""
    meta: dict[str, Any] = dict(res.meta)
    for k, v in article.metadata().items():
        if v not in (None, "", "unknown") and k != "id":
            meta[k] = v
    if article.genre is None:
        meta["genre"] = res.meta["genre"]
    meta["outlet"] = outlet_label(article)
    meta["outlet_known"] = article.outlet is not None
    if not meta.get("title") and res.meta.get("headline"):
        meta["title"] = res.meta["headline"]
    return segment(
        res.text,
        doc_id=article.id,
        meta=meta,
        offset_map=res.offset_map,
        headline=_opens_with_headline(res.text, res.meta.get("headline"), article.title),
    )


def _opens_with_headline(text: str, found: str | None, title: str | None) -> bool | None:
    """True when the cleaned text opens with the headline found by cleaning or the known title.

    A title may span two lines in the text (headline and deck), so either may be a
    prefix of the other. ``None`` lets :func:`~framing.segment.segment` decide.
    """
    nl = text.find("\n")
    first = (text[:nl] if nl >= 0 else text).strip().rstrip(".;:").lower()  # the first line
    if not first:
        return None
    if found and text.startswith(found):
        return True
    if title:
        t = title.strip().rstrip(".").lower()
        if len(first) >= 10 and (t.startswith(first) or first.startswith(t)):
            return True
    return None


def article_row(doc: Doc, res: CleanResult) -> dict[str, Any]:
    """The ``articles`` table row of one article (metadata and cleaning summary)."""
    m = doc.meta
    langs = sorted({h for _, _, h in doc.foreign_spans})
    return {
        "article_id": doc.id,
        "outlet": m.get("outlet"),
        "title": m.get("title"),
        "date": m.get("date"),
        "genre": m.get("genre"),
        "republished": bool(m.get("republished")),
        "author": m.get("author"),
        "language": m.get("language") or "en",
        "foreign_languages": ",".join(langs),
        "foreign_chars": sum(e - s for s, e, _ in doc.foreign_spans),
        "words_raw": res.meta.get("words_before"),
        "words": doc.n_words,
        "lines_removed": res.meta.get("lines_removed", 0),
        "n_paragraphs": len(doc.paragraphs),
        "n_sentences": len(doc.sentences),
        "source": m.get("source"),
    }


def sentence_rows(doc: Doc) -> list[dict[str, Any]]:
    """The base ``sentences`` table rows of one article (text, offsets, position, language)."""
    sentences = doc.sentences
    n = len(sentences)
    outlet = doc.meta.get("outlet")
    doc_id, text = doc.id, doc.text
    starts = doc._sentence_starts  # (cached: the later stages read it too)
    raw_starts = doc.offset_map.to_raw_ascending(starts) if doc.offset_map is not None else starts
    # the relative position is index / (n - 1), 0.0 for a lone sentence
    last = n - 1 if n > 1 else None
    return [
        {
            "article_id": doc_id,
            "outlet": outlet,
            "sentence": (i := s.index),
            "start": (start := s.start),
            "end": (end := s.end),
            "raw_start": raw,
            "paragraph": s.paragraph,
            "position": s.position,
            "rel_position": i / last if last else 0.0,
            "lang": s.lang,
            "text": text[start:end],
        }
        for s, raw in zip(sentences, raw_starts)
    ]


def removed_rows(doc: Doc, res: CleanResult) -> list[dict[str, Any]]:
    """The ``removed`` (audit trail) rows: raw offsets, rule and text of each removal."""
    return [
        {"article_id": doc.id, "outlet": doc.meta.get("outlet"), "raw_start": r.start, "raw_end": r.end, "rule": r.rule, "text": r.text}
        for r in res.removed
    ]


class ArticleScorer:
    """Score one article at a time: clean, segment once, run every scorer.

    The heavy state (boilerplate rules, lexicons, models) loads once, on first
    use, and is not pickled: a scorer sent to a worker process or a Dask
    worker carries only its settings and loads its state there, once.

    Parameters
    ----------
    boilerplate : path, optional
        Extra boilerplate rules (added to the packaged ones).
    themes : path or list of paths, optional
        Extra theme lexicon files.
    actors : path, optional
        An actors file extending the packaged one.

    Examples
    --------
    >>> from framing.corpus import load_corpus
    >>> scorer = ArticleScorer()
    >>> tables = scorer.score(load_corpus()[0])
    >>> sorted(tables)[:3]
    ['articles', 'removed', 'sentences']
    """

    def __init__(
        self,
        *,
        boilerplate: str | Path | None = None,
        themes: str | Path | list[str | Path] | None = None,
        actors: str | Path | None = None,
    ) -> None:
        self.boilerplate = boilerplate
        self.themes = themes
        self.actors = actors
        self._state: dict[str, Any] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"boilerplate": self.boilerplate, "themes": self.themes, "actors": self.actors, "_state": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def _load(self) -> dict[str, Any]:
        if self._state is None:
            from framing.actors import load_actors
            from framing.score.emphasis import load_themes

            themes = self.themes
            if isinstance(themes, (str, Path)):
                themes = [themes]
            from framing.score.sentiment import _default_model

            self._state = {
                "rules": load_rules(self.boilerplate) if self.boilerplate else None,
                "themes": load_themes(themes) if themes else load_themes(),
                "actors": load_actors(self.actors),
                "model": _default_model(),
            }
        return self._state

    def warm_up(self) -> None:
        """Load the state, then score one short built-in article and discard its tables.

        Some indexes are built on first use (the target model's token index, the
        theme matchers, caches of the tokenisers); scoring a small article builds
        them now, so that :func:`framing.stream.prepare_worker` can move them out of
        the garbage collector's scans with the rest of the state. The article is
        written for the purpose (:data:`_WARM_UP_TEXT`); nothing is kept of it.
        """
        self._load()
        self.score(Article(id="warm-up", text=_WARM_UP_TEXT, source="<warm-up>", title="Warm-up"))

    def rules(self) -> tuple[Rule, ...] | None:
        """The boilerplate rules in use (``None``: the packaged ones)."""
        return self._load()["rules"]

    def prepare(self, article: Article) -> tuple[Doc, CleanResult]:
        """Clean and segment ``article`` (as :func:`make_doc` with :meth:`rules`)."""
        res = self._clean(article)
        return _segment_cleaned(article, res), res

    #: The scoring stages of :meth:`score_doc`, in order (each a method ``_stage_<name>(ctx)``;
    #: ``benchmarks/bench_scale.py`` times them one by one).
    STAGES = ("tables", "quotes", "sentence_tone", "actor_tone", "themes", "voices")

    def score_doc(self, doc: Doc, res: CleanResult) -> dict[str, list[dict[str, Any]]]:
        """All table rows of one prepared article; ``articles`` holds exactly one row.

        Tables: ``articles`` (metadata, cleaning summary and the article-level
        measures ``sentiment__*``, ``emphasis__<theme>_per_1k`` /
        ``_prominence`` and ``voices__*``), ``sentences`` (with VADER tone),
        ``removed``, ``quotes``, ``mentions`` (actor mentions with the tone
        toward each), ``themes`` (article x theme) and ``hits``. Rows are built
        directly, never through a per-article DataFrame.
        """
        ctx = self.start_context(doc, res)
        for name in self.STAGES:
            getattr(self, f"_stage_{name}")(ctx)
        return ctx["tables"]

    def start_context(self, doc: Doc, res: CleanResult) -> dict[str, Any]:
        """The working state of :meth:`score_doc` for one article, before any stage has run."""
        return {"doc": doc, "res": res, "state": self._load(), "tables": {}}

    def _stage_tables(self, ctx: dict[str, Any]) -> None:
        """The ``articles``, ``sentences`` and ``removed`` rows (metadata, offsets, audit trail)."""
        doc, res = ctx["doc"], ctx["res"]
        t = ctx["tables"]
        t["articles"] = [article_row(doc, res)]
        t["sentences"] = sentence_rows(doc)
        t["removed"] = removed_rows(doc, res)

    def _stage_quotes(self, ctx: dict[str, Any]) -> None:
        """Quotes and reported speech, extracted once and reused by tone (narration vs quotes, speakers)."""
        from framing.quotes import extract_quotes
        from framing.score.voices import quote_rows

        doc = ctx["doc"]
        ctx["records"] = records = extract_quotes(doc, actors=ctx["state"]["actors"])
        ctx["tables"]["quotes"] = quote_rows(doc, quotes=records)

    def _stage_sentence_tone(self, ctx: dict[str, Any]) -> None:
        """VADER tone per sentence, merged into the sentence rows; the article tone measures."""
        from framing.score.sentiment import sentence_tone_rows, tone_features

        # the tone columns are added to the sentence rows in place
        rows = sentence_tone_rows(ctx["doc"], quotes=ctx["records"], into=ctx["tables"]["sentences"])
        ctx["tables"]["articles"][0].update(tone_features(rows))

    def _stage_actor_tone(self, ctx: dict[str, Any]) -> None:
        """Actor mentions and the tone toward each (target-dependent model)."""
        from framing.score.sentiment import mention_rows

        state = ctx["state"]
        rows = mention_rows(ctx["doc"], state["actors"], model=state["model"], quotes=ctx["records"])
        ctx["tables"]["mentions"] = rows

    def _stage_themes(self, ctx: dict[str, Any]) -> None:
        """Theme emphasis (article x theme) and the theme-term hits."""
        from framing.score.emphasis import score_doc as emphasis_rows

        theme_rows, hit_rows = emphasis_rows(ctx["doc"], ctx["state"]["themes"])
        art = ctx["tables"]["articles"][0]
        for r in theme_rows:
            art[f"emphasis__{r['theme']}_per_1k"] = r["hits_per_1k"]
            art[f"emphasis__{r['theme']}_prominence"] = r["prominence"]
        ctx["tables"]["themes"] = theme_rows
        ctx["tables"]["hits"] = hit_rows

    def _stage_voices(self, ctx: dict[str, Any]) -> None:
        """The article's ``voices__*`` measures from its quotes; the tables in their usual order."""
        from framing.score.voices import voice_features

        t = ctx["tables"]
        t["articles"][0].update(voice_features(t["quotes"]))
        ctx["tables"] = {k: t[k] for k in ("articles", "sentences", "removed", "quotes", "mentions", "themes", "hits")}

    def score_with_doc(self, article: Article) -> tuple[dict[str, list[dict[str, Any]]], Doc]:
        """Like :meth:`score`, also returning the :class:`~framing.segment.Doc` (for term counts).

        Raises
        ------
        InputError
            When no words are left after cleaning (the caller lists the article as skipped).
        """
        doc, res = self.prepare(article)
        self._check(article, doc)
        return self.score_doc(doc, res), doc

    def score(self, article: Article) -> dict[str, list[dict[str, Any]]]:
        """Clean, segment and score one article; returns rows per table name.

        Raises
        ------
        InputError
            When no words are left after cleaning (the caller lists the article as skipped).
        """
        return self.score_with_doc(article)[0]

    #: Articles per batch of :meth:`score_many`: enough that each stage's lexicons and model
    #: tables stay in the CPU caches from one article to the next, few enough that the batch's
    #: working state (Docs and rows) stays small.
    BATCH = 32

    def score_many(self, articles: Iterable[Article], *, batch: int | None = None) -> Iterator[Scored]:
        """Score many articles stage by stage, a batch at a time; one :class:`Scored` per article, in order.

        The tables are exactly those of :meth:`score_with_doc`, article by
        article. Only the order of work differs: each stage (cleaning,
        segmentation, then :attr:`STAGES`) runs over every article of a batch
        before the next stage starts, so its lexicons, model tables and code
        are still in the CPU caches for the next article. Running all stages on
        one article before the next evicts them (together they outgrow a core's
        cache), which makes scoring a stream of articles some 10-15% slower
        (``benchmarks/bench_scale.py``).

        An article that fails (no words left after cleaning, or any error in a
        stage) comes back with its ``error`` and no tables; the others are
        scored as usual. ``MemoryError`` (and ``KeyboardInterrupt``) propagate.
        A subclass that overrides how one article is scored (``score``,
        ``score_with_doc``, ``score_doc``, ``prepare`` or ``start_context``) is
        scored article by article through its own methods; one that overrides
        a ``_stage_<name>`` method keeps the batches.

        Parameters
        ----------
        articles : iterable of Article
            Read lazily, ``batch`` at a time (a generator of millions is fine).
        batch : int, optional
            Articles per batch (default :attr:`BATCH`).

        Yields
        ------
        Scored
            ``(article, tables, doc, error)``: ``tables`` and ``doc`` are None
            when ``error`` is set.

        Examples
        --------
        >>> from framing.corpus import load_corpus
        >>> scored = list(ArticleScorer().score_many(load_corpus()))
        >>> [s.error for s in scored]
        [None, None, None, None, None]
        >>> scored[0].tables["articles"][0]["article_id"] == scored[0].article.id
        True
        """
        size = self.BATCH if batch is None else int(batch)
        if size < 1:
            raise ValueError(f"batch must be at least 1, not {batch!r}")
        it = iter(articles)
        cls = type(self)
        if any(getattr(cls, m) is not getattr(ArticleScorer, m) for m in _PER_ARTICLE):
            # a subclass that changed how one article is scored: honour it, article by article
            yield from (scored_one(self, a) for a in it)
            return
        while group := list(islice(it, size)):
            yield from self._score_batch(group)

    def _score_batch(self, group: list[Article]) -> list[Scored]:
        """:meth:`score_many` of one batch: each stage over all its articles in turn."""
        n = len(group)
        errors: list[Exception | None] = [None] * n
        results: list[Any] = [None] * n  # cleaning results, then contexts

        def run(i: int, step: Any, *args: Any) -> Any:
            try:
                return step(*args)
            except MemoryError:
                raise
            except Exception as exc:  # recorded for this article; the batch goes on
                errors[i] = exc
                return None

        for i, a in enumerate(group):
            results[i] = run(i, self._clean, a)
        for i, a in enumerate(group):
            if errors[i] is None:
                results[i] = run(i, self._context, a, results[i])
        for name in self.STAGES:
            stage = getattr(self, f"_stage_{name}")
            for i, ctx in enumerate(results):
                if errors[i] is None:
                    run(i, stage, ctx)
        return [
            Scored(a, None, None, errors[i]) if errors[i] is not None
            else Scored(a, results[i]["tables"], results[i]["doc"], None)
            for i, a in enumerate(group)
        ]

    def _clean(self, article: Article) -> CleanResult:
        """The first half of :meth:`prepare`: the cleaning of an article."""
        return clean(article.text, rules=self.rules(), title=article.title)

    def _context(self, article: Article, res: CleanResult) -> dict[str, Any]:
        """The second half of :meth:`prepare`, checked (:meth:`_check`), as a scoring context."""
        doc = _segment_cleaned(article, res)
        self._check(article, doc)
        return self.start_context(doc, res)

    @staticmethod
    def _check(article: Article, doc: Doc) -> None:
        """Refuse an article with no words left after cleaning; note its source in the Doc."""
        if doc.n_words == 0:
            raise InputError(f"{article.source}: no words left after cleaning")
        doc.meta.setdefault("source", article.source)


def scored_one(scorer: Any, article: Article, *, want_doc: bool = True) -> Scored:
    """Score one article with any scorer, its failure recorded rather than raised.

    ``scorer.score_with_doc(article) -> (tables, doc)`` when the scorer has it
    (and, for an :class:`ArticleScorer`, does not override ``score``); otherwise
    ``scorer.score`` and, when ``want_doc``, ``scorer.prepare`` for the Doc
    (cleaning and segmentation twice: slower, never different). ``MemoryError``
    propagates.
    """
    try:
        with_doc = getattr(scorer, "score_with_doc", None)
        own_score = isinstance(scorer, ArticleScorer) and type(scorer).score is not ArticleScorer.score
        if want_doc and with_doc is not None and not own_score:
            tables, doc = with_doc(article)
        else:
            tables = scorer.score(article)
            doc = scorer.prepare(article)[0] if want_doc else None
    except MemoryError:
        raise
    except Exception as exc:  # recorded for this article; the others go on
        return Scored(article, None, None, exc)
    return Scored(article, tables, doc, None)


#: The methods that score one article: a subclass overriding any of them is scored article by
#: article in :meth:`ArticleScorer.score_many` (its batches call the stages directly).
_PER_ARTICLE = ("score", "score_with_doc", "score_doc", "prepare", "start_context")


class Scored(NamedTuple):
    """One article as :meth:`ArticleScorer.score_many` returns it."""

    #: The article as read.
    article: Article
    #: Rows per table name (as :meth:`ArticleScorer.score`), or None when it failed.
    tables: dict[str, list[dict[str, Any]]] | None
    #: The cleaned, segmented article (for term counts), or None when it failed.
    doc: Doc | None
    #: Why it could not be scored (an :class:`~framing.errors.InputError` when the input
    #: is at fault), or None.
    error: Exception | None


#: The article :meth:`ArticleScorer.warm_up` scores: a few sentences with a quote, a
#: speaker, actors and theme terms (written for the purpose, not taken from any corpus).
_WARM_UP_TEXT = (
    "Vice President JD Vance arrived in Baku on Tuesday for talks with President Ilham Aliyev "
    "on energy, security and the peace agreement with Armenia.\n\n"
    "\u201cThis is a historic day for the whole region,\u201d Vance told reporters at the airport. "
    "Human rights groups said the visit ignored political prisoners, while Russia's foreign "
    "ministry warned against Western influence in the South Caucasus.\n\n"
    "Armenian Prime Minister Nikol Pashinyan said the new transit route would bring investment, "
    "trade and gas pipelines, according to the Associated Press."
)


@dataclass
class Analysis:
    """The tidy tables of one analysed corpus.

    Attributes
    ----------
    docs : list of Doc
        One per scored article (cleaned text, segmentation, offsets).
    articles : DataFrame
        One row per article: metadata, genre, language flags, cleaning summary.
    sentences : DataFrame
        One row per sentence: offsets, position, language (and tone columns once scored).
    removed : DataFrame
        The cleaning audit trail.
    skipped : DataFrame
        Items read but not scored, with the reason.
    tables : dict of str to DataFrame
        Every other table by name (``quotes``, ``mentions``, ``hits``, ...).
    """

    docs: list[Doc]
    articles: pd.DataFrame
    sentences: pd.DataFrame
    removed: pd.DataFrame
    skipped: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"Analysis has no table {name!r}; tables: {', '.join(self.table_names())}")

    def table_names(self) -> list[str]:
        """Names of all tables (``articles``, ``sentences``, ``removed``, ``skipped``, ...)."""
        return ["articles", "sentences", "removed", "skipped", *self.tables]

    def table(self, name: str) -> pd.DataFrame:
        """A table by name."""
        if name in ("articles", "sentences", "removed", "skipped"):
            return getattr(self, name)
        return self.__getattr__(name)


def iter_prepared(
    articles: Iterable[Article],
    *,
    rules: tuple[Rule, ...] | None = None,
    progress: bool = False,
    desc: str = "cleaning and segmenting",
) -> Iterator[tuple[Article, Doc, CleanResult] | Skipped]:
    """Clean and segment articles one by one; yield ``(article, doc, result)`` or a :class:`Skipped`.

    An article with no words left after cleaning is skipped with the reason (and logged).
    """
    articles = list(articles)
    it: Iterable[Article] = articles
    if progress:
        from tqdm.auto import tqdm

        it = tqdm(articles, desc=desc, unit="article")
    for a in it:
        doc, res = make_doc(a, rules=rules)
        if doc.n_words == 0:
            reason = "no words left after cleaning"
            log.warning("skipped %s: %s", a.source, reason)
            yield Skipped(a.source, reason)
            continue
        doc.meta.setdefault("source", a.source)
        yield a, doc, res


def prepare(
    corpus: Corpus | Iterable[Article],
    *,
    rules: tuple[Rule, ...] | None = None,
    progress: bool = False,
) -> tuple[list[Doc], list[CleanResult], list[Skipped]]:
    """Clean and segment every article; articles with no words left are skipped with the reason."""
    docs: list[Doc] = []
    results: list[CleanResult] = []
    skipped: list[Skipped] = []
    for item in iter_prepared(corpus, rules=rules, progress=progress):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            docs.append(item[1])
            results.append(item[2])
    return docs, results, skipped


#: Columns of the per-article tables when they are empty.
TABLE_COLUMNS: dict[str, list[str]] = {
    "removed": ["article_id", "outlet", "raw_start", "raw_end", "rule", "text"],
    "quotes": ["article_id", "outlet", "quote_id", "kind", "is_voice", "is_direct", "media", "speaker",
               "speaker_name", "group", "cue", "content", "start", "end", "spans", "words"],
    "mentions": ["article_id", "outlet", "actor", "kind", "start", "end", "text", "sentence", "voice",
                 "speaker", "tone", "method"],
    "hits": ["article_id", "outlet", "theme", "term", "text", "start", "end", "sentence", "position", "in_quote"],
}


def corpus_tables(
    docs: list[Doc], frames: dict[str, pd.DataFrame], *, n_boot: int | None = None, progress: bool = False
) -> dict[str, pd.DataFrame]:
    """Tables computed over the whole corpus from the per-article tables.

    ``tone`` (article tone with bootstrap intervals over sentences,
    :func:`framing.score.sentiment.article_tone`), ``actor_tone`` (article x
    actor x voice), ``voices`` (per article, :func:`framing.score.voices.voices_table`)
    and ``distinctive`` (Monroe, Colaresi & Quinn 2008 log-odds of each outlet
    against the rest; empty with one outlet).
    """
    from framing.config import N_BOOTSTRAP
    from framing.score.distinctive import distinctive_terms
    from framing.score.sentiment import actor_tone, article_tone
    from framing.score.voices import voices_table

    out: dict[str, pd.DataFrame] = {}
    sentences = frames.get("sentences")
    if sentences is not None and not sentences.empty:
        out["tone"] = article_tone(sentences, n_boot=N_BOOTSTRAP if n_boot is None else n_boot)
    mentions = frames.get("mentions")
    if mentions is not None and not mentions.empty:
        out["actor_tone"] = actor_tone(mentions)
    quotes = frames.get("quotes")
    if quotes is not None and not quotes.empty:
        out["voices"] = voices_table(quotes, by="article_id")
    outlets = {d.meta.get("outlet") for d in docs}
    if len(outlets) >= 2:
        out["distinctive"] = distinctive_terms(docs, top=15)
    else:
        log.info("distinctive terms: one outlet only, nothing to compare")
    return out


def analyze(
    corpus: Corpus | str | Path | None = None,
    *,
    boilerplate: str | Path | None = None,
    themes: str | Path | list[str | Path] | None = None,
    actors: str | Path | None = None,
    progress: bool = False,
) -> Analysis:
    """Analyse a corpus: clean, segment and score every article.

    Parameters
    ----------
    corpus : Corpus, path or None
        A loaded :class:`~framing.corpus.Corpus`, a path for
        :func:`~framing.corpus.load_corpus`, or ``None`` for the bundled seeds.
    boilerplate : path, optional
        An extra boilerplate rules file (added to the packaged rules).
    themes : path or list of paths, optional
        Extra theme lexicon files (see ``framing/lexicons/themes.toml``).
    actors : path, optional
        An actors file extending the packaged one.
    progress : bool, default=False
        Show a progress bar.

    Returns
    -------
    Analysis
        Tables ``articles``, ``sentences``, ``removed``, ``skipped`` and, in
        ``tables``: ``themes`` (article x theme), ``hits``, ...

    Examples
    --------
    >>> import framing
    >>> a = framing.analyze()                      # the bundled seeds
    >>> a.articles[["article_id", "outlet", "genre"]].shape
    (5, 3)
    """
    if not isinstance(corpus, Corpus):
        corpus = load_corpus(corpus)
    scorer = ArticleScorer(boilerplate=boilerplate, themes=themes, actors=actors)
    rows: dict[str, list[dict[str, Any]]] = {}
    docs: list[Doc] = []
    skipped = list(corpus.skipped)
    for item in iter_prepared(corpus, rules=scorer.rules(), progress=progress, desc="scoring"):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        _, doc, res = item
        docs.append(doc)
        for name, table_rows in scorer.score_doc(doc, res).items():
            rows.setdefault(name, []).extend(table_rows)
    frames = {name: pd.DataFrame(r, columns=TABLE_COLUMNS.get(name) if not r else None) for name, r in rows.items()}
    for name, cols in TABLE_COLUMNS.items():
        frames.setdefault(name, pd.DataFrame(columns=cols))
    skipped_df = pd.DataFrame([{"source": s.source, "reason": s.reason} for s in skipped], columns=["source", "reason"])
    frames.update(corpus_tables(docs, frames, progress=progress))
    articles = frames.pop("articles", pd.DataFrame(columns=["article_id", "outlet"]))
    sentences = frames.pop("sentences", pd.DataFrame(columns=["article_id", "outlet", "sentence"]))
    removed = frames.pop("removed")
    return Analysis(docs=docs, articles=articles, sentences=sentences, removed=removed, skipped=skipped_df, tables=frames)
