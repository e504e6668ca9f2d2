"""One scikit-learn transformer for all framing features: tone, themes and voices.

:class:`FramingFeatures` is a :class:`~sklearn.pipeline.FeatureUnion` of
:class:`~framing.score.sentiment.ToneFeatures`,
:class:`~framing.score.emphasis.ThemeFeatures` and
:class:`~framing.score.voices.VoiceFeatures`, with their stable
``family__name`` feature names kept as they are (``sentiment__mean``,
``emphasis__energy_per_1k``, ``voices__civil_society_share``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sklearn.pipeline import FeatureUnion

from framing._docs import as_docs
from framing.segment import Doc

__all__ = ["FramingFeatures", "as_docs"]


def _default_transformers() -> list[tuple[str, Any]]:
    from framing.score.emphasis import ThemeFeatures
    from framing.score.sentiment import ToneFeatures
    from framing.score.voices import VoiceFeatures

    return [("tone", ToneFeatures()), ("themes", ThemeFeatures()), ("voices", VoiceFeatures())]


class FramingFeatures(FeatureUnion):
    """Tone, theme and voice features of news articles, side by side.

    Parameters
    ----------
    transformer_list : list of (str, transformer), default=None
        The parts; ``None`` means ``[("tone", ToneFeatures()), ("themes",
        ThemeFeatures()), ("voices", VoiceFeatures())]``.
    n_jobs : int, default=None
        See :class:`~sklearn.pipeline.FeatureUnion`.
    transformer_weights : dict, default=None
        See :class:`~sklearn.pipeline.FeatureUnion`.
    verbose : bool, default=False
        See :class:`~sklearn.pipeline.FeatureUnion`.
    verbose_feature_names_out : bool, default=False
        Keep the parts' own ``family__name`` feature names (they are unique).

    Notes
    -----
    Strings are segmented once, in :meth:`fit` / :meth:`transform`, and the
    same :class:`~framing.segment.Doc` objects go to every part. For whole
    articles with boilerplate, pass Docs from :func:`framing.make_doc`.

    Examples
    --------
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.linear_model import LogisticRegression
    >>> texts = ["“We will continue cooperation,” Aliyev said. Gas exports rose.",
    ...          "Rights groups condemned the trial of detainees in Baku."]
    >>> X = FramingFeatures().set_output(transform="pandas").fit_transform(texts)
    >>> "sentiment__mean" in X.columns and "emphasis__energy_per_1k" in X.columns
    True
    >>> model = make_pipeline(FramingFeatures(), LogisticRegression()).fit(texts, [0, 1])
    """

    def __init__(
        self,
        transformer_list: list[tuple[str, Any]] | None = None,
        *,
        n_jobs: int | None = None,
        transformer_weights: dict[str, float] | None = None,
        verbose: bool = False,
        verbose_feature_names_out: bool = False,
    ) -> None:
        super().__init__(
            transformer_list if transformer_list is not None else _default_transformers(),
            n_jobs=n_jobs,
            transformer_weights=transformer_weights,
            verbose=verbose,
            verbose_feature_names_out=verbose_feature_names_out,
        )

    def fit(self, X: Iterable[str | Doc], y: Any = None, **fit_params: Any) -> FramingFeatures:
        """Fit every part on the same segmented documents; returns self."""
        return super().fit(as_docs(X), y, **fit_params)

    def fit_transform(self, X: Iterable[str | Doc], y: Any = None, **fit_params: Any) -> Any:
        """Fit and transform the same segmented documents."""
        return super().fit_transform(as_docs(X), y, **fit_params)

    def transform(self, X: Iterable[str | Doc]) -> Any:
        """Features of each document (one row per document)."""
        return super().transform(as_docs(X))
