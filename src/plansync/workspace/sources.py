"""Other plans a file names: ``source=`` regions and links, resolved inside the repository."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..config import config_for
from ..document.text import decode
from ..errors import PlansyncError, Problem
from ..model import Plan, Region
from ..pipeline import SourceLoader, parse
from .files import read_file

#: The text an editor holds for a file, or None to read that file from disk.
OpenText = Callable[[Path], "str | None"]


def source_loader(path: Path, opened: OpenText | None = None) -> SourceLoader:
    """Plans named by ``source=``, resolved next to ``path`` and confined to its repository
    (outside git: to its own directory tree); read and parsed once each.

    ``opened`` gives the text an editor holds for a file (None: read it from disk), so a
    region summarising another open document follows its unsaved edits.
    """
    base = path.absolute().parent
    cache: dict[str, Plan] = {}

    def load_source(region: Region) -> Plan:
        value = region.option("source") or ""
        if value not in cache:
            cache[value] = _load(base, value, region.begin_line, opened)
        return cache[value]

    return load_source


def _load(base: Path, value: str, line: int, opened: OpenText | None) -> Plan:
    from .git import toplevel  # subprocess is imported only for plans that name another

    root = toplevel(base) or base.resolve()
    target = (base / value).resolve()
    if not target.is_relative_to(root):
        raise PlansyncError(Problem(f"source={value} lies outside {root}; refusing it", line))
    if not target.is_file():
        raise PlansyncError(Problem(f"source={value}: no such file", line))
    config = config_for(target)
    text = opened(target) if opened is not None else None
    if text is None:
        text = decode(read_file(target, config.max_bytes).data).text
    try:
        return parse(text, config)
    except PlansyncError as exc:
        first = exc.problems[0]
        where = f"line {first.line}: " if first.line is not None else ""
        raise PlansyncError(Problem(f"source={value}: {where}{first.message}", line)) from None


def link_checker(path: Path) -> Callable[[str], bool]:
    """Whether a link target exists: relative to the plan, or to the repository root for '/x'."""
    base = path.absolute().parent

    def exists(target: str) -> bool:
        if target.startswith("/"):
            from .git import toplevel

            root = toplevel(base) or base
            return (root / target.lstrip("/")).exists()
        return (base / target).exists()

    return exists
