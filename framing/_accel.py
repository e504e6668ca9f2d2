"""Loading the optional compiled accelerators of :mod:`framing._ext`, with the pure-Python fallback."""

from __future__ import annotations

import importlib
import os
from types import ModuleType

from framing._log import get_logger

log = get_logger(__name__)

#: Set this environment variable (to anything but ``""`` or ``"0"``) to run the pure-Python code only.
PURE_ENV = "FRAMING_PURE_PYTHON"


def pure_python() -> bool:
    """True when :data:`PURE_ENV` asks for the pure-Python code."""
    return os.environ.get(PURE_ENV, "") not in ("", "0")


def load(name: str) -> ModuleType | None:
    """The compiled module ``framing._ext.<name>``, or None (pure Python) when it is not built or not wanted.

    Parameters
    ----------
    name : str
        Module name inside :mod:`framing._ext`, e.g. ``"vader"``.

    Returns
    -------
    module or None
        None when :data:`PURE_ENV` is set or the extension was not compiled
        (installed without a C compiler); the callers then run their pure-Python
        code, which gives the same results, more slowly.
    """
    if pure_python():
        return None
    try:
        return importlib.import_module(f"framing._ext.{name}")
    except ImportError as exc:
        log.debug("compiled accelerator framing._ext.%s not available (%s): pure Python", name, exc)
        return None


def accelerators() -> dict[str, bool]:
    """Each accelerator shipped as ``framing/_ext/<name>.pyx`` -> whether it runs compiled now."""
    from pathlib import Path

    ext = Path(__file__).parent / "_ext"
    return {p.stem: load(p.stem) is not None for p in sorted(ext.glob("*.pyx"))}
