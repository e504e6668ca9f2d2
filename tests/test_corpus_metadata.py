"""``Article.metadata`` gives what the ``asdict`` version it replaces gave."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from framing.corpus import Article, load_corpus


def _old_metadata(article: Article) -> dict[str, Any]:
    d = {k: v for k, v in asdict(article).items() if k not in ("text", "meta")}
    d.update(article.meta)
    return d


def test_metadata_as_asdict() -> None:
    arts = list(load_corpus())
    arts.append(Article(id="x", text="t", source="s", title="T", meta={"k": [1], "outlet": "o"}))
    odd = Article(id="y", text="t", source="s", author=["a", "b"])  # type: ignore[arg-type]
    arts.append(odd)
    for a in arts:
        new = a.metadata()
        assert new == _old_metadata(a)
        assert list(new) == list(_old_metadata(a))
    assert odd.metadata()["author"] is not odd.author  # copied, as asdict does
