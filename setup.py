"""Build the optional compiled accelerators (``framing/_ext/*.pyx``, Cython); everything else is in pyproject.toml.

Each extension is ``optional``: without a working C compiler the install goes on
and the package runs its pure-Python code, with the same results (see
``framing/_accel.py``).
"""

from __future__ import annotations

from pathlib import Path

from setuptools import Extension, setup

try:
    from Cython.Build import cythonize
except ImportError:  # the build requirements carry Cython; a plain `setup.py` call may not
    cythonize = None

sources = sorted(Path("framing/_ext").glob("*.pyx"))
extensions = [Extension(f"framing._ext.{p.stem}", [str(p)], extra_compile_args=["-O2"]) for p in sources]
ext_modules = cythonize(extensions, language_level=3, quiet=True) if cythonize is not None and extensions else []
for ext in ext_modules:
    ext.optional = True  # (set after cythonize, which does not carry the flag over)

setup(ext_modules=ext_modules)
