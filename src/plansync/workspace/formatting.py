"""The layout the repository's Markdown formatter wants for one plan file.

mdformat reads the nearest ``.mdformat.toml``; prettier reads the nearest of its configuration
files plus ``.editorconfig``. Both lookups are reproduced here as the tools do them, and no
configuration is ever executed: a JavaScript config or a shared-config package name gives the
default layout and a note. The parsers are imported only once a configuration file exists, so
that a commit hook in a repository without one stays cheap.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, NamedTuple

from ..regions.layout import DEFAULT, Layout, mdformat_layout, prettier_layout
from .globs import override_matches


class FormatterLayout(NamedTuple):
    """The layout to render region bodies in, and whatever the user should hear about it."""

    layout: Layout
    #: One line for the user when a configuration exists that plansync cannot read (a
    #: JavaScript prettier config, a shared-config string, a file that does not parse); None otherwise.
    note: str | None = None


#: prettier 3's search places, in its own order (``CONFIG_FILES`` in prettier's config searcher).
PRETTIER_CONFIG_FILES = (
    *("package.json", "package.yaml", ".prettierrc", ".prettierrc.json", ".prettierrc.yml"),
    *(".prettierrc.yaml", ".prettierrc.json5", ".prettierrc.js", "prettier.config.js"),
    *(".prettierrc.ts", "prettier.config.ts", ".prettierrc.mjs", "prettier.config.mjs"),
    *(".prettierrc.mts", "prettier.config.mts", ".prettierrc.cjs", "prettier.config.cjs"),
    *(".prettierrc.cts", "prettier.config.cts", ".prettierrc.toml"),
)
_SCRIPTS = dict.fromkeys((".js", ".mjs", ".cjs"), "JavaScript")
_SCRIPTS |= dict.fromkeys((".ts", ".mts", ".cts"), "TypeScript")
_DEFAULT_LAYOUT = "regions are compared by meaning and written in the default layout"


def formatter_layout(path: Path) -> FormatterLayout:
    """The layout generated region bodies in the plan at ``path`` should be written in."""
    plan = Path(os.path.normpath(path.absolute()))  # as both tools see it: absolute, ".." resolved
    for folder in plan.parents:
        if (folder / ".mdformat.toml").is_file():  # mdformat wins: it is the one that runs
            return _mdformat(folder / ".mdformat.toml")
    options, note = _editorconfig_options(plan)
    config = _find_prettier_config(plan.parent)
    if config is not None:
        loaded, config_note = _prettier_options(config, plan)
        if loaded is None:
            return FormatterLayout(DEFAULT, config_note)
        options.update(loaded)
    elif not options:
        return FormatterLayout(DEFAULT, note)
    return FormatterLayout(_prettier_layout(options), note)


def _mdformat(config: Path) -> FormatterLayout:
    """mdformat's layout from its ``.mdformat.toml``: ``wrap = N`` fills, "keep" and "no" do not."""
    data, note = _parse(config, "TOML")
    if not isinstance(data, dict):
        return FormatterLayout(DEFAULT, note)
    wrap = data.get("wrap")
    return FormatterLayout(mdformat_layout(wrap if type(wrap) is int else None))


def _prettier_layout(options: dict[str, Any]) -> Layout:
    """The layout prettier's resolved ``options`` give Markdown. ``useTabs`` plays no part:
    prettier indents nested Markdown lists with spaces even then."""
    tab_width, print_width = options.get("tabWidth"), options.get("printWidth")
    prose_wrap = options.get("proseWrap")
    return prettier_layout(
        tab_width if type(tab_width) is int else 2,
        prose_wrap if isinstance(prose_wrap, str) else "preserve",
        print_width if type(print_width) is int else 80,
    )


# --- prettier's configuration file ------------------------------------------------------------


def _find_prettier_config(directory: Path) -> Path | None:
    """The nearest prettier configuration file, as prettier searches: every directory up to the
    file system's root (no stop at the project root), the first search place in each. A
    ``package.json`` or ``package.yaml`` counts only when it parses and has a "prettier" key."""
    for folder in (directory, *directory.parents):
        for name in PRETTIER_CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (not name.startswith("package.") or _package_config(candidate)):
                return candidate
    return None


def _package_config(package: Path) -> object:
    """The "prettier" value in a package.json or package.yaml; None when it has none or does not parse."""
    data, _ = _parse(package, _KINDS[package.suffix])
    value = data.get("prettier") if isinstance(data, dict) else None
    # JavaScript truthiness, as prettier's filter: {} and [] count, "", 0 and false do not.
    return None if value in (None, False, 0, "") else value


def _prettier_options(config: Path, plan: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The options ``config`` gives ``plan`` with its matching overrides applied, or None and a
    note when plansync cannot know them."""
    if config.suffix in _SCRIPTS:
        language = _SCRIPTS[config.suffix]
        return None, _note(config, f"is a {language} prettier config, which plansync does not run")
    if config.name.startswith("package."):
        data: object = _package_config(config)
    else:
        data, note = _parse(config, _KINDS[config.suffix])
        if note:
            return None, note
    if isinstance(data, str):
        return None, _note(config, f'names the shared prettier config "{data}", which plansync does not load')
    if data is not None and not isinstance(data, dict):
        return None, _note(config, "holds no prettier options object")
    return _with_overrides(data or {}, config.parent, plan), None


def _with_overrides(config: dict[str, Any], base: Path, plan: Path) -> dict[str, Any]:
    """``config``'s options with those of each override whose globs match ``plan``, in order."""
    options = {key: value for key, value in config.items() if key != "overrides"}
    overrides = config.get("overrides")
    relative = plan.relative_to(base).as_posix()
    for override in overrides if isinstance(overrides, list) else []:
        if not isinstance(override, dict) or not isinstance(override.get("options"), dict):
            continue
        if override_matches(relative, override.get("files"), override.get("excludeFiles")):
            options.update(override["options"])
    return options


# --- .editorconfig, as prettier reads it -------------------------------------------------------


def _editorconfig_options(plan: Path) -> tuple[dict[str, Any], str | None]:
    """The prettier options ``.editorconfig`` files give ``plan``, and a note on one that does
    not parse (prettier skips such a file silently; plansync says so)."""
    files = _editorconfig_files(plan.parent)
    if not files:
        return {}, None
    from editorconfig import EditorConfigError
    from editorconfig.handler import EditorConfigHandler
    from editorconfig.ini import EditorConfigParser

    handler = EditorConfigHandler(str(plan))
    note = None
    for file in files:
        parser = EditorConfigParser(str(plan))
        try:
            parser.read(str(file))
        except (EditorConfigError, ValueError, OSError) as error:
            problem = f"does not parse ({_first_line(error)})"
            note = note or _note(file, problem, "plansync ignores it, as prettier does")
            continue
        parser.options.update(handler.options)  # a nearer file's properties win
        handler.options = parser.options
        if parser.root_file:
            break
    handler.preprocess_values()  # the library's own defaulting of indent_size and tab_width
    return _from_editorconfig(handler.options), note


def _editorconfig_files(directory: Path) -> list[Path]:
    """The ``.editorconfig`` files prettier consults, nearest first. Unlike editorconfig's own
    lookup, prettier stops at the project root: the nearest directory holding ``.git`` or a
    ``.hg`` directory (``findProjectRoot``). ``root = true`` stops the reading later."""
    found = []
    for folder in (directory, *directory.parents):
        if (folder / ".editorconfig").is_file():
            found.append(folder / ".editorconfig")
        if (folder / ".git").exists() or (folder / ".hg").is_dir():
            break
    return found


def _from_editorconfig(properties: dict[str, str]) -> dict[str, Any]:
    """prettier's ``editorConfigToPrettier`` for the options that matter to the layout."""
    style, size = properties.get("indent_style"), properties.get("indent_size")
    tab_width, length = properties.get("tab_width"), properties.get("max_line_length")
    options: dict[str, Any] = {}
    if style == "space":
        options["useTabs"] = False
    elif style == "tab" or size == "tab":
        options["useTabs"] = True
    width = (_positive(size) if options.get("useTabs") is False else None) or _positive(tab_width)
    if width:
        options["tabWidth"] = width
    if length == "off":
        options["printWidth"] = 0  # prettier's Infinity: never fill
    elif limit := _positive(length):
        options["printWidth"] = limit
    return options


def _positive(value: str | None) -> int | None:
    """A positive integer as prettier reads an editorconfig value (it JSON-parses values), or None."""
    return int(value) if value and re.fullmatch(r"[1-9][0-9]*", value) else None


# --- reading the files -------------------------------------------------------------------------


def _parse(file: Path, kind: str) -> tuple[object, str | None]:
    """``file``'s data parsed as ``kind``, or None and a note naming the file."""
    try:
        return _load(file.read_text(encoding="utf-8-sig"), kind), None  # a BOM is dropped, as prettier does
    except Exception as error:  # any parser's failure: the user's config must never stop plansync
        return None, _note(file, f"does not parse as {kind} ({_first_line(error)})")


def _load(text: str, kind: str) -> object:
    """``text`` parsed as ``kind`` (JSON, JSON5, YAML or TOML), the parser imported only now."""
    if kind == "TOML":
        import tomllib

        return tomllib.loads(text)
    if kind == "JSON5":
        import json5

        return json5.loads(text)
    import json

    try:
        return json.loads(text)
    except ValueError:
        if kind == "JSON":
            raise
        # JSON is YAML 1.2, but PyYAML reads YAML 1.1, which rejects tab-indented JSON: JSON first.
        import yaml  # type: ignore[import-untyped, unused-ignore]  # stubs: types-PyYAML

        return yaml.safe_load(text)


#: How prettier reads each configuration file by its extension (loaders.js); no extension is YAML.
_KINDS = {"": "YAML", ".json": "JSON", ".yml": "YAML", ".yaml": "YAML", ".json5": "JSON5", ".toml": "TOML"}


def _note(file: Path, problem: str, consequence: str = _DEFAULT_LAYOUT) -> str:
    """The one line telling the user what is wrong with ``file`` and what plansync does instead."""
    return f"plansync: note: {_shown(file)} {problem}; {consequence}"


def _shown(file: Path) -> str:
    """``file`` relative to the working directory when under it, else as it is."""
    try:
        return file.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(file)


def _first_line(error: Exception) -> str:
    """The first line of ``error``'s message (YAML errors run over several)."""
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
