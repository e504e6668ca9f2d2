"""CLI subcommands, one module each.

Every module here defines ``register(subparsers)``, which adds its parser and
sets ``func`` (a callable taking the parsed ``argparse.Namespace`` and returning
an exit status). :mod:`framing.cli` discovers the modules, so a new subcommand is
a new file and nothing else.
"""
