"""Documents as the scorers take them: an iterable of ``str`` or :class:`~framing.segment.Doc`."""

from __future__ import annotations

from collections.abc import Iterable

from framing.errors import InputError
from framing.segment import Doc, segment

__all__ = ["as_docs"]


def as_docs(X: Iterable[str | Doc]) -> list[Doc]:
    """Segment strings once so every transformer of the union reads the same ``Doc``.

    Raises
    ------
    InputError
        For a bare ``str`` (a 1-D iterable of documents is expected) or an item
        that is neither ``str`` nor ``Doc``.
    """
    if isinstance(X, (str, Doc)):
        raise InputError(
            f"expected a 1-D iterable of documents (str or Doc), got a single {type(X).__name__}; "
            "wrap it in a list"
        )
    out: list[Doc] = []
    for i, d in enumerate(X):
        if isinstance(d, Doc):
            out.append(d)
        elif isinstance(d, str):
            out.append(segment(d, doc_id=f"doc{i}"))
        else:
            raise InputError(f"document {i}: expected str or Doc, got {type(d).__name__}")
    return out
