"""The package's layout is its data flow: imports only go down the stages, and never in a cycle.

Every import counts, lazy ones inside functions and ``TYPE_CHECKING`` ones included: a lazy
upward import is still a dependency the layout does not show.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "src" / "plansync"

#: Lowest first. A module may import from its own package and from lower ranks only; packages
#: of the same rank are independent of each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "model"),
    ("document",),
    ("edits", "dates"),
    ("regions", "delta"),
    ("config",),
    ("rules",),
    ("pipeline",),
    ("workspace",),
    ("api",),
    ("formats",),
    ("editor",),
    ("cli",),
    ("__init__", "__main__"),
)
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}
#: Top-level modules at most this long, and functions at most this long (the house style).
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 50


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(("plansync", *parts))] = path
    return found


MODULES = _modules()


def _unit(module: str) -> str:
    """The layer unit of ``plansync.X.Y``: ``X`` (a package or a top-level module)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(module: str, path: Path) -> set[str]:
    """The plansync modules ``module`` imports, resolved to dotted names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "plansync")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] != "plansync":
                continue
            for alias in node.names:  # "from . import x" names a module; "from .m import f" does not
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    found.discard(module)
    return {name if name in MODULES else name + ".__init__" for name in found} - {"plansync.__init__"}


GRAPH = {
    module: {m.removesuffix(".__init__") for m in _imports(module, path)} for module, path in MODULES.items()
}


def test_every_unit_has_a_layer() -> None:
    assert {_unit(m) for m in MODULES} <= set(RANK)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_the_layers(module: str) -> None:
    unit = _unit(module)
    upward = sorted(
        target for target in GRAPH[module] if _unit(target) != unit and RANK[_unit(target)] >= RANK[unit]
    )
    assert upward == [], f"{module} imports from its own layer or above"


def test_there_is_no_import_cycle() -> None:
    """Depth-first search over every module's imports; a back edge is a cycle."""
    state: dict[str, int] = {}  # 1 visiting, 2 done
    cycles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH.get(module, ())):
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target) :], target])
            elif target in GRAPH and target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert cycles == []


@pytest.mark.parametrize(
    "path", [p for p in sorted(PACKAGE.glob("*/__init__.py"))], ids=lambda p: p.parent.name
)
def test_sub_package_inits_say_their_job_and_import_nothing(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    doc = ast.get_docstring(tree)
    assert doc and "May import" in doc
    assert [n for n in tree.body if not isinstance(n, ast.Expr)] == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_and_functions_stay_small(module: str) -> None:
    text = MODULES[module].read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_MODULE_LINES
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_the_layer_check_sees_an_upward_import(tmp_path: Path) -> None:
    """The resolver is the test's own logic: make sure it resolves what it must catch."""
    probe = PACKAGE / "document" / "text.py"
    fake = tmp_path / "text.py"
    fake.write_text("from ..api import load\nfrom .parse import parse_document\n", encoding="utf-8")
    assert _imports("plansync.document.text", fake) == {"plansync.api", "plansync.document.parse"}
    assert probe.exists()


def test_the_readme_tree_lists_every_module() -> None:
    """The README's architecture section names every module, in its package, and nothing else."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("```text\nsrc/plansync/") :]
    block = block[: block.index("```", 3)]
    listed: set[str] = set()
    package = ""
    for line in block.split("\n")[2:]:
        head = line[2:].split(" ", 1)[0] if line.startswith("  ") and not line.startswith("   ") else ""
        if head:
            package = head.rstrip("/") if head.endswith("/") else ""
            if not package:
                listed.add(head)
        listed.update(f"{package}/{name}" for name in re.findall(r"\b(\w+\.py)\b", line) if package)
    actual = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py" or path.parent == PACKAGE
    }
    assert listed == actual
