"""The project contract: README commands, CI script, packaging, logging."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    return re.findall(r"^    (bash scripts/bootstrap\.sh.*)$", (ROOT / "README.md").read_text(encoding="utf-8"), re.M)


def test_readme_has_exactly_two_quick_start_commands():
    cmds = _readme_commands()
    assert len(cmds) == 2
    assert "--dev" not in cmds[0] and "framing" in cmds[0]
    assert "--dev" in cmds[1] and "pytest" in cmds[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    out = subprocess.run(
        ["sed", "-n", r"s/^    \(bash scripts\/bootstrap.sh --dev && .*\)$/\1/p", str(ROOT / "README.md")],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert out == _readme_commands()[1]
    assert "README.md" in ci


def test_library_logs_to_a_null_handler_and_never_prints(capsys):
    import framing

    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("framing").handlers)
    framing.analyze()
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_console_script_runs():
    exe = Path(sys.executable).parent / "framing"
    out = subprocess.run([str(exe), "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("framing ")


def test_packaged_data_is_declared():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for pattern in ("lexicons/*.toml", "lexicons/*.txt", "models/*"):
        assert pattern in text


def test_public_functions_survive_submodule_imports():
    import importlib
    import types

    import framing

    for mod in ("framing.analyze", "framing.clean", "framing.segment", "framing.corpus"):
        importlib.import_module(mod)
    for name in ("analyze", "clean", "segment", "load_corpus"):
        assert isinstance(getattr(framing, name), types.FunctionType), name
