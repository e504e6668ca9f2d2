"""Atomic file writes: a crash never leaves a half-written file in place of a good one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path`` and move it over ``path`` on success.

    Parameters
    ----------
    path : path-like
        Final destination. Its folder is created if missing.
    mode : {"w", "wb"}, default="w"
        Text or binary mode.
    **kwargs
        Passed to :func:`open` (``encoding`` defaults to UTF-8 in text mode).

    Notes
    -----
    The file is written, flushed and ``fsync``-ed under a temporary name in the
    same folder and then renamed with :func:`os.replace`, which is atomic on
    POSIX and Windows. On any exception the temporary file is removed and the
    previous content of ``path`` is left untouched.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"mode must be 'w' or 'wb', got {mode!r}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if "b" not in mode:
        kwargs.setdefault("encoding", "utf-8")
        kwargs.setdefault("newline", "")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    """The process umask (read by setting and restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8)."""
    with atomic_write(path, "w") as fh:
        fh.write(text)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_write(path, "wb") as fh:
        fh.write(data)


def write_table(df: Any, path: str | os.PathLike[str]) -> None:
    """Write a DataFrame atomically as CSV, JSON lines or Parquet, by extension.

    Raises
    ------
    ValueError
        If the extension is not one of ``.csv``, ``.jsonl``, ``.parquet``.
    """
    path = Path(path)
    ext = path.suffix.lower()
    if ext == ".csv":
        with atomic_write(path, "w") as fh:
            df.to_csv(fh, index=False, lineterminator="\n")
    elif ext in (".jsonl", ".ndjson"):
        with atomic_write(path, "w") as fh:
            df.to_json(fh, orient="records", lines=True, force_ascii=False)
    elif ext == ".parquet":
        with atomic_write(path, "wb") as fh:
            df.to_parquet(fh, index=False)
    else:
        raise ValueError(
            f"cannot write a table to {str(path)!r}: extension {ext!r} is not one of "
            "'.csv', '.jsonl', '.parquet'"
        )
