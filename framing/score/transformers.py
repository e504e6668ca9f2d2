"""The scikit-learn transformers of the scorers: tone, theme and voice features.

:class:`ToneFeatures`, :class:`ThemeFeatures` and :class:`VoiceFeatures` turn
texts or :class:`~framing.segment.Doc` objects into numeric feature columns for
scikit-learn pipelines (see :class:`framing.features.FramingFeatures`). They
live here, apart from the scoring modules, so that scoring itself (the CLI,
every stream worker) does not import scikit-learn, about a second of start-up;
``framing.score.sentiment.ToneFeatures`` and the like still resolve to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from framing._docs import as_docs
from framing.errors import InputError
from framing.score.emphasis import _MEASURE_COLUMN, MEASURES, _as_lexicon, _doc_rows, _weights
from framing.score.sentiment import ARTICLE_MEASURES, _measure_values, _scorer, sentence_tone
from framing.score.voices import GROUPS, quote_rows, voice_features
from framing.segment import Doc, segment

__all__ = ["ThemeFeatures", "ToneFeatures", "VoiceFeatures"]


class ToneFeatures(TransformerMixin, BaseEstimator):
    """Article tone measures as features: ``sentiment__mean``, ``sentiment__median``, ...

    Parameters
    ----------
    lexicon : {"vader", "afinn"} or path, default="vader"
        Sentence scorer (see :func:`sentence_tone`).
    pos_threshold : float, default=0.05
        Compound at or above which a sentence is positive.
    neg_threshold : float, default=-0.05
        Compound at or below which a sentence is negative.
    missing : float, default=0.0
        Value of a measure no sentence backs (no headline, no quotes): 0 is neutral.

    Attributes
    ----------
    feature_names_ : ndarray of str
        ``sentiment__<measure>`` for each of :data:`ARTICLE_MEASURES`, then
        ``sentiment__n_sentences``.

    Examples
    --------
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import StandardScaler
    >>> pipe = make_pipeline(ToneFeatures(), StandardScaler()).set_output(transform="pandas")
    >>> pipe.fit_transform(["A good day.\\n\\nIt was a great, happy day."]).shape
    (1, 10)
    """

    def __init__(self, lexicon: str = "vader", pos_threshold: float = 0.05,
                 neg_threshold: float = -0.05, missing: float = 0.0) -> None:
        self.lexicon = lexicon
        self.pos_threshold = pos_threshold
        self.neg_threshold = neg_threshold
        self.missing = missing

    def fit(self, X: Iterable[Any], y: Any = None) -> ToneFeatures:
        """Check the parameters and the input; nothing is learned from the documents.

        Parameters
        ----------
        X : array-like of shape (n_documents,)
            Documents (str or Doc).
        y : None
            Ignored.

        Returns
        -------
        self
        """
        if isinstance(X, (str, bytes)):
            raise InputError("ToneFeatures expects an iterable of documents (str or Doc), got a single str")
        _scorer(self.lexicon)
        if self.neg_threshold > self.pos_threshold:
            raise InputError(
                f"neg_threshold={self.neg_threshold} is above pos_threshold={self.pos_threshold}"
            )
        self.feature_names_ = np.array(
            [f"sentiment__{m}" for m in ARTICLE_MEASURES] + ["sentiment__n_sentences"], dtype=object
        )
        return self

    def transform(self, X: Iterable[Any]) -> np.ndarray:
        """Tone measures of each document.

        Parameters
        ----------
        X : array-like of shape (n_documents,)

        Returns
        -------
        ndarray of shape (n_documents, 10)
        """
        check_is_fitted(self, "feature_names_")
        if isinstance(X, (str, bytes)):
            raise InputError("ToneFeatures expects an iterable of documents (str or Doc), got a single str")
        if isinstance(X, pd.Series):
            X = X.tolist()
        docs = as_docs(list(np.asarray(X, dtype=object).ravel()) if isinstance(X, np.ndarray) else X)
        st = sentence_tone(docs, lexicon=self.lexicon, pos_threshold=self.pos_threshold,
                           neg_threshold=self.neg_threshold)
        out = np.full((len(docs), len(self.feature_names_)), float(self.missing))
        if st.empty:
            out[:, -1] = 0.0
            return out
        groups = dict(tuple(st.groupby("article_id", sort=False)))
        for i, d in enumerate(docs):
            g = groups.get(d.id)
            if g is None:
                out[i, -1] = 0.0
                continue
            vals = _measure_values(g, self.pos_threshold, self.neg_threshold)
            for k, m in enumerate(ARTICLE_MEASURES):
                v, stat = vals[m]
                if len(v):
                    out[i, k] = float(np.median(v)) if stat == "median" else float(v.mean())
            out[i, -1] = float((~g["non_english"]).sum())
        return out

    def get_feature_names_out(self, input_features: Sequence[str] | None = None) -> np.ndarray:
        """``sentiment__mean``, ``sentiment__median``, ... (stable names)."""
        check_is_fitted(self, "feature_names_")
        return self.feature_names_.copy()


class ThemeFeatures(TransformerMixin, BaseEstimator):
    """Theme emphasis features for scikit-learn pipelines.

    Parameters
    ----------
    lexicon : ThemeLexicon, path-like or list of path-like, default=None
        The themes: a loaded lexicon, or user theme files added to the packaged
        themes (see :func:`load_themes`). ``None`` uses the packaged themes.
    measures : sequence of str, default=("per_1k", "prominence")
        Measures per theme, any of ``"hits"``, ``"per_1k"``,
        ``"sentence_share"``, ``"prominence"``, ``"first_position"``,
        ``"hit_share"`` (see :func:`theme_scores`).
    weights : mapping, default=None
        Prominence weights (``{"headline": 3.0, "lead": 2.0, "body": 1.0}``).
    fill_value : float or None, default=0.0
        Replaces NaN (an article without words; ``first_position`` and
        ``hit_share`` of an absent theme). ``None`` keeps NaN.

    Attributes
    ----------
    lexicon_ : ThemeLexicon
        The loaded themes.
    themes_ : list of str
        Theme names, in feature order.
    feature_names_out_ : ndarray of str
        ``emphasis__<theme>_<measure>``, theme-major.

    Examples
    --------
    >>> from framing.score.emphasis import ThemeFeatures
    >>> tf = ThemeFeatures(measures=("per_1k",)).fit(["Oil and gas exports grew."])
    >>> tf.get_feature_names_out()[:2].tolist()
    ['emphasis__security_per_1k', 'emphasis__energy_per_1k']
    """

    def __init__(self, lexicon=None, measures=("per_1k", "prominence"), weights=None, fill_value=0.0):
        self.lexicon = lexicon
        self.measures = measures
        self.weights = weights
        self.fill_value = fill_value

    def _validate_X(self, X: Any, *, build: bool = True) -> list[Doc]:
        if isinstance(X, (str, bytes, Doc)):
            raise InputError(
                f"ThemeFeatures expects an iterable of documents (str or Doc), got a single "
                f"{type(X).__name__}; wrap it in a list: [text]"
            )
        try:
            items = list(X)
        except TypeError:
            raise InputError(
                f"ThemeFeatures expects an iterable of documents (str or Doc), got {type(X).__name__}"
            ) from None
        docs = []
        for i, x in enumerate(items):
            if isinstance(x, Doc):
                docs.append(x)
            elif isinstance(x, str):
                if build:
                    docs.append(segment(x, doc_id=str(i)))
            else:
                raise InputError(
                    f"ThemeFeatures: document {i} is a {type(x).__name__}; expected str or Doc"
                )
        return docs

    def fit(self, X, y=None):
        """Load the lexicon and fix the feature names.

        Parameters
        ----------
        X : array-like of shape (n_documents,)
            Texts (str) or :class:`~framing.segment.Doc` objects.
        y : ignored

        Returns
        -------
        self
        """
        self._validate_X(X, build=False)
        measures = list(self.measures) if not isinstance(self.measures, str) else [self.measures]
        bad = [m for m in measures if m not in _MEASURE_COLUMN]
        if bad or not measures:
            raise InputError(
                f"ThemeFeatures: measures={self.measures!r}: unknown or empty; choose from {list(MEASURES)}"
            )
        _weights(self.weights)
        self.lexicon_ = _as_lexicon(self.lexicon)
        self.themes_ = self.lexicon_.names
        self.measures_ = measures
        self.feature_names_out_ = np.array(
            [f"emphasis__{t}_{m}" for t in self.themes_ for m in measures], dtype=object
        )
        return self

    def transform(self, X):
        """Theme features of each document.

        Parameters
        ----------
        X : array-like of shape (n_documents,)
            Texts (str) or :class:`~framing.segment.Doc` objects.

        Returns
        -------
        ndarray of shape (n_documents, n_themes * n_measures)
        """
        check_is_fitted(self, "feature_names_out_")
        docs = self._validate_X(X)
        if not docs:
            return np.zeros((0, len(self.feature_names_out_)))
        w = _weights(self.weights)
        cols = [_MEASURE_COLUMN[m] for m in self.measures_]
        out = np.empty((len(docs), len(self.feature_names_out_)), dtype=float)
        for i, doc in enumerate(docs):
            rows = _doc_rows(doc, self.lexicon_, w)[0]
            out[i] = [float(r[c]) for r in rows for c in cols]
        if self.fill_value is not None:
            out = np.where(np.isnan(out), float(self.fill_value), out)
        return out

    def get_feature_names_out(self, input_features=None):
        """Feature names ``emphasis__<theme>_<measure>``.

        Returns
        -------
        ndarray of str
        """
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()


class VoiceFeatures(TransformerMixin, BaseEstimator):
    """Per-document voice features for scikit-learn pipelines.

    Parameters
    ----------
    actors : ActorCatalog, path or None, default=None
        Actors catalog passed to :func:`framing.quotes.extract_quotes`.
    attributions : {"speech", "all"}, default="speech"
        Passed to :func:`framing.quotes.extract_quotes`.
    groups : tuple of str, default=GROUPS
        Groups with a ``voices__{group}_share`` column.

    Attributes
    ----------
    feature_names_out_ : ndarray of str
        ``voices__n_quotes``, ``voices__n_direct``, ``voices__n_indirect``,
        ``voices__direct_share``, ``voices__words_quoted``,
        ``voices__n_speakers``, ``voices__n_media``,
        ``voices__non_government_share``, ``voices__{group}_share``.
    n_features_in_ : int
        Always 1 (one text column).

    Notes
    -----
    Shares of a document without voices are 0.

    Examples
    --------
    >>> vf = VoiceFeatures().fit(["“Yes,” Aliyev said."])
    >>> vf.transform(["“Yes,” Aliyev said."])[0, 0]
    1.0
    """

    def __init__(self, actors: Any = None, attributions: str = "speech", groups: tuple[str, ...] = GROUPS) -> None:
        self.actors = actors
        self.attributions = attributions
        self.groups = groups

    def fit(self, X: Iterable[str | Doc], y: Any = None) -> VoiceFeatures:
        """Check the parameters and fix the feature names; returns self."""
        if isinstance(X, (str, Doc)):
            raise InputError("VoiceFeatures expects an iterable of documents, got a single document; wrap it in a list")
        if self.attributions not in ("speech", "all"):
            raise ValueError(f"attributions must be 'speech' or 'all', got {self.attributions!r}")
        bad = [g for g in self.groups if g not in GROUPS]
        if bad:
            raise ValueError(f"groups: {bad[0]!r} is not one of {', '.join(GROUPS)}")
        base = ["n_quotes", "n_direct", "n_indirect", "direct_share", "words_quoted", "n_speakers",
                "n_media", "non_government_share"]
        self.feature_names_out_ = np.array(
            [f"voices__{b}" for b in base] + [f"voices__{g}_share" for g in self.groups], dtype=object
        )
        self.n_features_in_ = 1
        return self

    def transform(self, X: Iterable[str | Doc]) -> np.ndarray:
        """Voice features, shape (n_documents, n_features)."""
        check_is_fitted(self, "feature_names_out_")
        docs = as_docs(X)
        out = np.zeros((len(docs), len(self.feature_names_out_)), dtype=float)
        for i, d in enumerate(docs):
            feats = voice_features(quote_rows(d, actors=self.actors, attributions=self.attributions), self.groups)
            out[i] = [feats[name] for name in self.feature_names_out_]
        return out

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The stable ``voices__*`` feature names."""
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()
