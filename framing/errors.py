"""Exceptions with messages meant for users (the CLI prints them without a traceback)."""

from __future__ import annotations


class FramingError(Exception):
    """Base class: a problem with the user's input or settings, explained in the message."""


class InputError(FramingError, ValueError):
    """An input path, file, row or option cannot be used; the message names it and says why."""
