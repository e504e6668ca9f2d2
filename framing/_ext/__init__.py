"""Optional compiled accelerators (Cython) of the hot loops of the scorers.

Each module here is the compiled twin of pure-Python code elsewhere in the
package and gives exactly the same results (``tests/test_accel.py`` compares
the two on real text). They are built when the package is installed with a C
compiler at hand; without them, or with the environment variable
``FRAMING_PURE_PYTHON=1``, the pure-Python code runs (see :func:`framing._accel.load`).
"""
