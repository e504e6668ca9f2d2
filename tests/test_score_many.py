"""ArticleScorer.score_many: stage by stage over batches, exactly the tables of scoring one by one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.analyze import ArticleScorer, Scored
from framing.corpus import Article, load_corpus
from framing.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear_dev.jsonl"


def _polnear(n: int) -> list[Article]:
    out = []
    with open(POLNEAR_DEV, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n:
                break
            d = json.loads(line)
            out.append(Article(id=d["id"], text=d["text"], title=d["title"], outlet=d["publisher"],
                               source=f"polnear_dev.jsonl:line {i + 1}"))
    return out


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    """The five bundled seeds (scraped, noisy) and 22 PolNeAR dev articles."""
    return [*load_corpus().articles, *_polnear(22)]


@pytest.fixture(scope="module")
def one_by_one(articles) -> list[tuple[dict, str]]:
    scorer = ArticleScorer()
    out = []
    for a in articles:
        tables, doc = scorer.score_with_doc(a)
        out.append((tables, doc.text))
    return out


@pytest.mark.parametrize("batch", [1, 4, None])
def test_score_many_gives_exactly_the_tables_of_scoring_one_by_one(articles, one_by_one, batch):
    got = list(ArticleScorer().score_many(articles, batch=batch))
    assert [s.article.id for s in got] == [a.id for a in articles]
    assert all(s.error is None for s in got)
    for s, (tables, text) in zip(got, one_by_one):
        # every table, row and value (json: NaN compares equal to itself there)
        assert json.dumps(s.tables, default=repr) == json.dumps(tables, default=repr), s.article.id
        assert s.doc.text == text
    assert sum(len(s.tables["mentions"]) for s in got) > 100  # the stages really ran
    assert sum(len(s.tables["quotes"]) for s in got) > 50


class _StageBug(ArticleScorer):
    """A scorer whose actor-tone stage fails on one article (and may run out of memory)."""

    def __init__(self, exc: BaseException) -> None:
        super().__init__()
        self.exc = exc
        self.calls: list[str] = []

    def _stage_actor_tone(self, ctx):
        self.calls.append(ctx["doc"].id)
        if ctx["doc"].id == "boom":
            raise self.exc
        super()._stage_actor_tone(ctx)


def test_a_failing_article_comes_back_with_its_error_and_the_batch_goes_on(articles, one_by_one):
    seeds = articles[:5]
    items = [seeds[0], Article(id="empty", text="Share on social media\n", source="mem:empty"),
             seeds[1], Article(id="boom", text=seeds[2].text, source="mem:boom"), seeds[3]]
    scorer = _StageBug(KeyError("lexicon entry missing"))
    got = list(scorer.score_many(items, batch=5))
    assert [s.article.id for s in got] == [a.id for a in items]
    assert isinstance(got[1].error, InputError) and "no words left after cleaning" in str(got[1].error)
    assert isinstance(got[3].error, KeyError)
    assert got[1].tables is None and got[3].tables is None and got[3].doc is None
    for s, ref in zip([got[0], got[2], got[4]], [one_by_one[0], one_by_one[1], one_by_one[3]]):
        assert s.error is None
        assert json.dumps(s.tables, default=repr) == json.dumps(ref[0], default=repr)
    # batched: the stage ran once per article that reached it (not for the empty one)
    assert scorer.calls == [seeds[0].id, seeds[1].id, "boom", seeds[3].id]


def test_memory_error_is_not_swallowed(articles):
    with pytest.raises(MemoryError):
        list(_StageBug(MemoryError()).score_many([articles[0], Article(id="boom", text=articles[1].text, source="mem:boom")]))


class _Annotating(ArticleScorer):
    """A subclass that changes how one article is scored (adds a sentence column)."""

    def score_doc(self, doc, res):
        t = super().score_doc(doc, res)
        for s in t["sentences"]:
            s["chars"] = s["end"] - s["start"]
        return t


class _Renaming(ArticleScorer):
    def score(self, article):
        t = super().score(article)
        t["articles"][0]["title"] = "renamed"
        return t


def test_subclasses_overriding_the_per_article_methods_are_honoured(articles):
    got = list(_Annotating().score_many(articles[:3]))
    assert all(r["chars"] == r["end"] - r["start"] for s in got for r in s.tables["sentences"])
    got = list(_Renaming().score_many(articles[:2]))
    assert [s.tables["articles"][0]["title"] for s in got] == ["renamed", "renamed"]
    assert got[0].doc is not None and got[0].doc.id == articles[0].id


def test_reads_its_input_lazily_one_batch_at_a_time(articles):
    taken: list[str] = []

    def feed():
        for a in articles:
            taken.append(a.id)
            yield a

    it = ArticleScorer().score_many(feed(), batch=3)
    first = next(it)
    assert isinstance(first, Scored) and first.article.id == articles[0].id
    assert len(taken) == 3
    assert [s.article.id for s in it] == [a.id for a in articles[1:]]


def test_batch_must_be_positive(articles):
    with pytest.raises(ValueError, match="batch must be at least 1"):
        list(ArticleScorer().score_many(articles, batch=0))
