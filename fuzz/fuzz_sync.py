"""Coverage-guided fuzzing of raw bytes through sync, with atheris (libFuzzer).

    python -m pip install -e ".[fuzz]"
    python fuzz/fuzz_sync.py -runs=200000 [-max_len=65536] [CORPUS_DIR ...]

Every input goes through ``harness.examine``: refused cleanly, or rewritten keeping every
promise. Without a corpus directory, ``fuzz/.corpus`` is created and seeded with the project's
example and golden plans. libFuzzer prints its statistics; a broken promise stops the run with
the input saved as ``crash-<sha1>``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import atheris

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

with atheris.instrument_imports(include=["plansync", "harness"]):
    import importlib
    import pkgutil

    from harness import examine

    import plansync

    # plansync imports most modules lazily; load them all here so they are instrumented too.
    for module in pkgutil.walk_packages(plansync.__path__, "plansync."):
        importlib.import_module(module.name)


def fuzz_one(data: bytes) -> None:
    examine(data)


def _seeded_corpus() -> str:
    corpus = HERE / ".corpus"
    if not corpus.is_dir():
        corpus.mkdir()
        root = HERE.parent
        for plan in [*sorted(root.glob("examples/*.md")), *sorted(root.glob("tests/golden/*.md"))]:
            shutil.copyfile(plan, corpus / plan.name)
    return str(corpus)


def main() -> None:
    argv = list(sys.argv)
    if not any(not arg.startswith("-") for arg in argv[1:]):
        argv.append(_seeded_corpus())
    atheris.Setup(argv, fuzz_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
