"""Access to packaged data files (lexicons, models) through :mod:`importlib.resources`."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import Any

from framing.errors import FramingError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class LexiconError(FramingError, ValueError):
    """A lexicon or actors file is malformed; the message names file, line and problem."""


def package_file(*parts: str) -> Any:
    """Return a Traversable for ``framing/<parts...>`` (e.g. ``"lexicons", "themes.toml"``)."""
    ref = resources.files("framing")
    for p in parts:
        ref = ref.joinpath(p)
    return ref


def read_package_text(*parts: str) -> str:
    """Read a packaged text file as UTF-8."""
    return package_file(*parts).read_text(encoding="utf-8")


def read_lexicon_text(source: str | Path | None, *default_parts: str) -> tuple[str, str]:
    """The text of a user's data file, or of the packaged default ``framing/<default_parts>``.

    Returns
    -------
    text : str
    name : str
        The file name used in messages.

    Raises
    ------
    LexiconError
        When the file is missing, unreadable or not UTF-8.
    """
    if source is None:
        return read_package_text(*default_parts), "framing/" + "/".join(default_parts)
    path = Path(source)
    name = str(path)
    if not path.is_file():
        raise LexiconError(f"{name}: file not found")
    try:
        return path.read_text(encoding="utf-8-sig"), name
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise LexiconError(f"{name}: cannot read ({exc.strerror})") from None


def load_toml_with_text(source: str | Path | None, *default_parts: str) -> tuple[dict[str, Any], str, str]:
    """Like :func:`load_toml`, also returning the file's text (for line numbers in messages)."""
    text, name = read_lexicon_text(source, *default_parts)
    try:
        return tomllib.loads(text), text, name
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{name}: {exc}") from None


def load_toml(source: str | Path | None, *default_parts: str) -> tuple[dict[str, Any], str]:
    """Parse a TOML file: the user's ``source`` or the packaged default.

    Returns
    -------
    data : dict
        The parsed document.
    name : str
        The file name used in messages.

    Raises
    ------
    LexiconError
        With the file name, line and column of a syntax error, or when the file is missing.
    """
    data, _, name = load_toml_with_text(source, *default_parts)
    return data, name


def toml_line_of(text: str, key: str) -> int | None:
    """Best-effort 1-based line number of a ``[table]`` or ``key =`` in TOML text, for messages."""
    for i, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith(("[" + key + "]", "[[" + key + "]]")) or s.split("=", 1)[0].strip() == key:
            return i
    return None
