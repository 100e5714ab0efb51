"""The suite on every CPython 3.11+ this machine has: ``nox`` (or ``nox -s tests-3.12``).

Interpreters are looked up on PATH and under pyenv (``~/.pyenv/versions``); one that is not
installed is skipped, not failed, so the same file serves every machine.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

PYTHONS = ["3.11", "3.12", "3.13", "3.14"]
nox.options.error_on_missing_interpreters = False
nox.options.sessions = ["tests"]


def _pyenv_on_path() -> None:
    """Put pyenv's interpreters (``python3.12`` ...) on PATH, where nox looks for them."""
    versions = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if not versions.is_dir():
        return
    found = [str(v / "bin") for v in sorted(versions.iterdir()) if (v / "bin").is_dir()]
    os.environ["PATH"] = os.pathsep.join([*found, os.environ.get("PATH", "")])


_pyenv_on_path()


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The README's test command in a fresh virtual environment of each interpreter."""
    session.install("-e", ".[test,lsp,watch]")
    if shutil.which("npm") is None:
        session.log("npm not found: the prettier and mermaid tests will be skipped")
    session.run("python", "-m", "pytest", *session.posargs)
