"""The compiled accelerators (framing/_ext/*.pyx): built by the install, and switchable off."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest

import framing
from framing import _accel

EXT_DIR = Path(framing.__file__).parent / "_ext"
PYX = sorted(p.stem for p in EXT_DIR.glob("*.pyx"))


@pytest.mark.parametrize("name", PYX)
def test_every_accelerator_is_built(name: str) -> None:
    """CI installs with a compiler: each .pyx must be compiled and loadable (FRAMING_ALLOW_PURE=1 to waive)."""
    if os.environ.get("FRAMING_ALLOW_PURE") == "1":
        pytest.skip("FRAMING_ALLOW_PURE=1: running without the compiled accelerators is allowed")
    mod = importlib.import_module(f"framing._ext.{name}")
    assert Path(mod.__file__).suffix in (".so", ".pyd"), f"framing._ext.{name} is not compiled: {mod.__file__}"
    assert Path(mod.__file__).stat().st_mtime >= (EXT_DIR / f"{name}.pyx").stat().st_mtime, (
        f"framing/_ext/{name}.pyx is newer than its build: run `pip install -e .` again"
    )


def test_pure_python_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    """FRAMING_PURE_PYTHON=1 makes load() give None, so callers run their pure-Python code."""
    monkeypatch.setenv(_accel.PURE_ENV, "1")
    assert _accel.pure_python()
    assert all(_accel.load(name) is None for name in PYX + ["no_such_module"])
    monkeypatch.setenv(_accel.PURE_ENV, "0")
    assert not _accel.pure_python()
    assert _accel.load("no_such_module") is None  # not built: None, and a debug log line, no error
