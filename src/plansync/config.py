"""Configuration: ``[tool.plansync]`` in ``pyproject.toml``, or a ``.plansync.toml``.

Read with ``tomllib`` (data only, never code). Unknown keys and wrong types are errors that
name the file, the key and its line. The nearest file at or above the plan's directory wins
(``.plansync.toml`` before ``pyproject.toml`` in the same directory); per-file overrides
(``[[tool.plansync.overrides]]`` with ``files = [globs]``) refine it for matching plans.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fnmatch import fnmatch
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from .errors import PlansyncError, Problem
from .model import Severity

#: Plans of several megabytes are real; anything far larger is refused before it is read
#: (``max-file-size`` changes it).
MAX_BYTES = 32 * 1024 * 1024


class ConfigError(PlansyncError):
    """The configuration file is not valid."""


class Config(NamedTuple):
    """Settings for one plan; the defaults are plansync's behaviour without any file."""

    #: Globs (relative to the config file) of the plans to work on when no paths are given.
    files: tuple[str, ...] = ()
    #: Heading level of the phases (default: detected).
    phase_level: int | None = None
    #: Phases are the headings whose titles match this regex (default: detected).
    phase_pattern: str | None = None
    #: Count tasks that have subtasks (True), or only leaves (False).
    count_parents: bool = True
    #: Keep cancelled tasks in the total (percent of everything) instead of leaving them out.
    cancelled_in_total: bool = False
    #: Region language when a marker has no ``lang=`` (default: detected).
    lang: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = MappingProxyType({})
    #: The plan's start day (``YYYY-MM-DD``) when its front matter has no ``start:``.
    start: str | None = None
    #: Regexes: every phase must hold a heading matching each.
    required_headings: tuple[str, ...] = ()
    #: Larger files are refused before they are read (``max-file-size``).
    max_bytes: int = MAX_BYTES
    overrides: tuple[tuple[tuple[str, ...], Mapping[str, Any]], ...] = ()
    #: The file it came from, None for the defaults.
    source: Path | None = None

    def for_file(self, path: Path) -> Config:
        """This configuration with the overrides whose globs match ``path`` applied."""
        if not self.overrides or self.source is None:
            return self
        try:
            relative = path.resolve().relative_to(self.source.parent.resolve()).as_posix()
        except ValueError:
            relative = path.as_posix()
        config = self
        for globs, values in self.overrides:
            if any(fnmatch(relative, g) for g in globs):
                config = config._replace(**_values(values, self.source, "overrides"))
        return config


_KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "files": (list, "files"),
    "phase-level": (int, "phase_level"),
    "phase-pattern": (str, "phase_pattern"),
    "count-parents": (bool, "count_parents"),
    "cancelled-in-total": (bool, "cancelled_in_total"),
    "lang": (str, "lang"),
    "select": (list, "select"),
    "ignore": (list, "ignore"),
    "severity": (dict, "severity"),
    "required-headings": (list, "required_headings"),
    "start": (str, "start"),
    "max-file-size": (object, "max_bytes"),  # checked by _size
}


def find_config(start: Path) -> Path | None:
    """The nearest ``.plansync.toml``, or ``pyproject.toml`` with a ``[tool.plansync]`` table."""
    directory = start if start.is_dir() else start.parent
    for folder in (directory.resolve(), *directory.resolve().parents):
        own = folder / ".plansync.toml"
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file() and re.search(r"(?m)^\s*\[\s*tool\.plansync\b", _read(project)):
            return project
    return None


def config_for(path: Path) -> Config:
    """The configuration for the plan at ``path``: the nearest file's, its overrides applied."""
    return load_config(path).for_file(path)


def load_config(start: Path) -> Config:
    """The configuration that applies to plans at ``start`` (defaults when there is none)."""
    path = find_config(start)
    if path is None:
        return Config()
    import tomllib

    try:
        data = tomllib.loads(_read(path))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(Problem(f"not valid TOML: {exc}", path=str(path))) from None
    table = data.get("tool", {}).get("plansync", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError(Problem("[tool.plansync] must be a table", path=str(path)))
    overrides = table.pop("overrides", [])
    if not isinstance(overrides, list) or not all(isinstance(o, dict) for o in overrides):
        raise _bad(path, "overrides", "a list of tables ([[tool.plansync.overrides]])")
    parsed = []
    for override in overrides:
        globs = override.pop("files", None)
        if not isinstance(globs, list) or not all(isinstance(g, str) for g in globs):
            raise _bad(path, "files", "a list of globs in every override")
        _values(override, path, "overrides")  # validate now, apply per file
        parsed.append((tuple(globs), dict(override)))
    return Config(source=path, overrides=tuple(parsed))._replace(**_values(table, path, ""))


def _values(table: Mapping[str, Any], path: Path, where: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(
                Problem(f"unknown key '{key}' (known: {known})", _line_of(path, key), path=str(path))
            )
        kind, attribute = _KEYS[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise _bad(path, key, _type_name(kind))
        values[attribute] = _convert(key, value, path)
    return values


def _convert(key: str, value: Any, path: Path) -> Any:
    if key in ("files", "select", "ignore", "required-headings"):
        if not all(isinstance(v, str) for v in value):
            raise _bad(path, key, "a list of strings")
        if key == "required-headings":
            for pattern in value:
                _regex(path, key, pattern)
        return tuple(value)
    if key == "severity":
        levels = {}
        for code, level in value.items():
            if level not in ("error", "warning"):
                raise _bad(path, f"severity.{code}", '"error" or "warning"')
            levels[code.upper()] = Severity(level)
        return levels
    if key == "phase-level" and not 1 <= value <= 6:
        raise _bad(path, key, "a heading level from 1 to 6")
    if key == "lang":
        from .regions.labels import LANGUAGES

        if value not in LANGUAGES:
            quoted = [f'"{lang}"' for lang in LANGUAGES]
            raise _bad(path, key, ", ".join(quoted[:-1]) + " or " + quoted[-1])
    if key == "start":
        import datetime

        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise _bad(path, key, "a date YYYY-MM-DD") from None
    if key == "phase-pattern":
        _regex(path, key, value)
    if key == "max-file-size":
        return _size(path, key, value)
    return value


# Patterns are compiled (and cached by ``re``) on first use: most runs read no configuration.
_SIZE = r"(\d+)\s*(|B|KB|MB|GB)"
_UNITS = {"": 1, "b": 1, "kb": 1024, "mb": 1024**2, "gb": 1024**3}


def _size(path: Path, key: str, value: int | str) -> int:
    """Bytes from ``4194304`` or ``"64MB"`` (units of 1024)."""
    match = re.fullmatch(_SIZE, value.strip(), re.IGNORECASE) if isinstance(value, str) else None
    size = int(match.group(1)) * _UNITS[match.group(2).lower()] if match else value
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise _bad(path, key, 'a positive size: bytes, or "512KB", "64MB", "1GB"')
    return size


def _regex(path: Path, key: str, pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ConfigError(
            Problem(f"{key}: not a valid regular expression ({exc})", _line_of(path, key), path=str(path))
        ) from None


def _bad(path: Path, key: str, expected: str) -> ConfigError:
    return ConfigError(
        Problem(f"{key}: expected {expected}", _line_of(path, key.split(".")[0]), path=str(path))
    )


def _type_name(kind: type | tuple[type, ...]) -> str:
    names = {list: "a list", int: "an integer", str: "a string", bool: "true or false", dict: "a table"}
    return names.get(kind, "another type") if isinstance(kind, type) else "another type"


_TABLE = r"^\s*\[\[?\s*([^\]]+?)\s*\]"


def _line_of(path: Path, key: str) -> int | None:
    """The line where ``key`` is set in plansync's own tables (tomllib keeps no positions)."""
    pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    ours = path.name != "pyproject.toml"
    for number, line in enumerate(_read(path).split("\n"), 1):
        table = re.match(_TABLE, line)
        if table:
            ours = path.name != "pyproject.toml" or table.group(1).startswith("tool.plansync")
        elif ours and pattern.match(line):
            return number
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(Problem(f"cannot read: {exc}", path=str(path))) from None
