"""Paths and defaults shared by the package, the CLI and the notebooks.

One place for settings (cookiecutter-data-science): every other module imports
its defaults from here rather than hard-coding them.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Root of a source checkout (the folder holding ``pyproject.toml``), when the
#: package runs from one; ``None`` for an installed wheel.
_here = Path(__file__).resolve().parent.parent
PROJECT_ROOT: Path | None = _here if (_here / "pyproject.toml").exists() else None

#: The bundled seed corpus (five articles on one event) and its manifest.
SEEDS_DIR: Path = Path(
    os.environ.get("FRAMING_SEEDS", (PROJECT_ROOT or Path.cwd()) / "seeds")
)
#: Where ``framing report`` writes by default.
REPORTS_DIR: Path = Path(os.environ.get("FRAMING_REPORTS", (PROJECT_ROOT or Path.cwd()) / "reports"))
#: Figures go below the report folder.
FIGURES_SUBDIR = "figures"
#: Manifest file names looked for in a corpus folder, in order.
MANIFEST_NAMES = ("sources.csv", "manifest.csv")
#: Default number of bootstrap resamples for confidence intervals.
N_BOOTSTRAP = 2000
#: Default confidence level of intervals.
CONFIDENCE = 0.95
#: Default random seed: every random step (bootstrap, permutation) is seeded.
RANDOM_STATE = 0
