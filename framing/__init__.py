"""framing: source-bias and framing analysis of news.

Score every outlet's coverage of one event for tone, emphasis and quoted
voices, and compare outlets side by side with honest uncertainty.

The public functions are re-exported here (``framing.load_corpus``,
``framing.analyze``, ``framing.extract_quotes``, ...) and imported lazily, so
``import framing`` stays cheap.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

from framing._log import logger as _logger  # noqa: F401  (installs the NullHandler)

__version__ = "0.1.0"

#: public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # foundation
    "load_corpus": "framing.corpus",
    "iter_records": "framing.corpus",
    "corpus_from_texts": "framing.corpus",
    "Corpus": "framing.corpus",
    "Article": "framing.corpus",
    "clean": "framing.clean",
    "segment": "framing.segment",
    "Doc": "framing.segment",
    "make_doc": "framing.analyze",
    "analyze": "framing.analyze",
    "Analysis": "framing.analyze",
    # voices
    "extract_quotes": "framing.quotes",
    "load_actors": "framing.actors",
    # features
    "FramingFeatures": "framing.features",
    # scale
    "score_stream": "framing.stream",
    # comparison
    "compare": "framing.compare",
    "outlet_estimates": "framing.compare",
    "headline_vs_body": "framing.compare",
    "shared_passages": "framing.reuse",
    "containment_matrix": "framing.reuse",
    "story_elements": "framing.elements",
    "InputError": "framing.errors",
    "FramingError": "framing.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


class _Package(types.ModuleType):
    """Keep public functions that share their module's name (``framing.analyze``).

    Importing a submodule sets it as an attribute of its package, which would
    replace the function ``framing.analyze`` by the module ``framing.analyze``.
    The submodule stays reachable through ``sys.modules`` and ``from
    framing.analyze import ...``.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
