"""The README's Python examples run as written (the user's manual stays true)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", README, re.S)


def test_readme_has_python_examples():
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_example_runs(index, tmp_path, monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    code = BLOCKS[index].replace('out_dir="reports/figures"', f'out_dir="{tmp_path}"')
    namespace: dict = {}
    exec(compile(code, f"README.md python block {index}", "exec"), namespace)
