"""The package logger (``logging.getLogger("framing")``) with a ``NullHandler``."""

from __future__ import annotations

import logging

logger = logging.getLogger("framing")
logger.addHandler(logging.NullHandler())


def get_logger(name: str) -> logging.Logger:
    """Return a child of the ``framing`` logger, e.g. ``framing.corpus``."""
    return logger.getChild(name.rsplit(".", 1)[-1] if name.startswith("framing.") else name)
