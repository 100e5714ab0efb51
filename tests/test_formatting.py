"""The formatter layout a plan's configuration asks for: real configuration files in tmp_path,
and, when prettier is installed, prettier's own answer for the same files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plansync.regions.layout import DEFAULT, Layout, mdformat_layout, prettier_layout
from plansync.workspace.formatting import FormatterLayout, formatter_layout

#: prettier's layout with its default options (two-space nesting, no filling).
PRETTIER = prettier_layout(2, "preserve", 80)
FALLBACK = "regions are compared by meaning and written in the default layout"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project root (``.git`` stops prettier's editorconfig lookup) as the working directory."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def plan_in(root: Path, name: str = "docs/plan.md") -> Path:
    return write(root, name, "# Plan\n\n- [ ] one\n  - [ ] two\n")


def test_no_configuration_is_the_default_layout(repo: Path) -> None:
    assert formatter_layout(plan_in(repo)) == FormatterLayout(DEFAULT)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".prettierrc", '{"tabWidth": 4, "proseWrap": "always", "printWidth": 60}'),
        (".prettierrc", "tabWidth: 4\nproseWrap: always\nprintWidth: 60\n"),
        (".prettierrc", '{\n\t"tabWidth": 4,\n\t"proseWrap": "always",\n\t"printWidth": 60\n}\n'),
        (".prettierrc.json", '\ufeff{"tabWidth": 4, "proseWrap": "always", "printWidth": 60}'),
        (".prettierrc.json5", "{tabWidth: 4, proseWrap: 'always', printWidth: 60, // why\n}"),
        (".prettierrc.yaml", "tabWidth: 4\nproseWrap: always\nprintWidth: 60\n"),
        (".prettierrc.yml", "tabWidth: 4\nproseWrap: always\nprintWidth: 60\n"),
        (".prettierrc.toml", 'tabWidth = 4\nproseWrap = "always"\nprintWidth = 60\n'),
        (
            "package.json",
            '{"name": "x", "prettier": {"tabWidth": 4, "proseWrap": "always", "printWidth": 60}}',
        ),
        ("package.yaml", "name: x\nprettier:\n  tabWidth: 4\n  proseWrap: always\n  printWidth: 60\n"),
    ],
    ids=[
        "rc-json",
        "rc-yaml",
        "rc-tabbed-json",
        "json-bom",
        "json5",
        "yaml",
        "yml",
        "toml",
        "pkg",
        "pkg-yaml",
    ],
)
def test_each_prettier_config_format(repo: Path, name: str, text: str) -> None:
    write(repo, name, text)
    assert formatter_layout(plan_in(repo)) == FormatterLayout(Layout(4, 60, True))


def test_prettier_defaults_fill_nothing(repo: Path) -> None:
    write(repo, ".prettierrc.json", '{"semi": false}')
    assert formatter_layout(plan_in(repo)) == FormatterLayout(PRETTIER)
    write(repo, ".prettierrc.json", '{"proseWrap": "always"}')
    assert formatter_layout(plan_in(repo)).layout == Layout(2, 80, True)


def test_an_empty_prettierrc_is_still_prettier(repo: Path) -> None:
    write(repo, ".prettierrc", "")
    assert formatter_layout(plan_in(repo)) == FormatterLayout(PRETTIER)


def test_package_json_without_the_key_is_passed_over(repo: Path) -> None:
    write(repo, ".prettierrc.toml", "tabWidth = 4\n")
    write(repo, "package.json", '{"name": "x", "prettier": ""}')
    write(repo, "docs/package.json", '{"name": "docs"}')
    write(repo, "docs/package.yaml", "name: [unclosed\n")
    assert formatter_layout(plan_in(repo)) == FormatterLayout(prettier_layout(4, "preserve", 80))


def test_search_order_within_a_directory(repo: Path) -> None:
    write(repo, ".prettierrc.yaml", "tabWidth: 8\n")
    write(repo, ".prettierrc.yml", "tabWidth: 4\n")  # prettier looks at .yml before .yaml
    write(repo, ".prettierrc.toml", "tabWidth = 3\n")
    assert formatter_layout(plan_in(repo)).layout.nested_indent == 4
    write(repo, "package.json", '{"prettier": {"tabWidth": 3}}')
    assert formatter_layout(plan_in(repo)).layout.nested_indent == 3


def test_the_nearest_directory_wins(repo: Path) -> None:
    write(repo, ".prettierrc", "tabWidth: 4\nproseWrap: always\n")
    write(repo, "docs/.prettierrc.toml", "tabWidth = 3\n")
    assert formatter_layout(plan_in(repo)) == FormatterLayout(prettier_layout(3, "preserve", 80))
    assert formatter_layout(plan_in(repo, "top.md")) == FormatterLayout(Layout(4, 80, True))


@pytest.mark.parametrize(
    ("override", "nested"),
    [
        ({"files": "*.md", "options": {"tabWidth": 4}}, 4),
        ({"files": ["*.js", "*.ts"], "options": {"tabWidth": 4}}, 2),
        ({"files": "docs/*.md", "options": {"tabWidth": 4}}, 4),
        ({"files": "*.md", "excludeFiles": "plan.md", "options": {"tabWidth": 4}}, 2),
        ({"files": "**/*.md", "excludeFiles": ["docs/**"], "options": {"tabWidth": 4}}, 2),
        ({"files": "*.{md,mdx}", "options": {"tabWidth": 4}}, 4),
        ({"files": "**/*.md", "options": {"tabWidth": 4}}, 4),
        ({"files": "other/**/*.md", "options": {"tabWidth": 4}}, 2),
        ({"files": "plan.md", "options": {"tabWidth": 4}}, 4),
    ],
    ids=[
        "base",
        "other-kinds",
        "slash",
        "excluded",
        "excluded-dir",
        "braces",
        "globstar",
        "elsewhere",
        "name",
    ],
)
def test_overrides_apply_when_the_plan_matches(repo: Path, override: dict[str, object], nested: int) -> None:
    import json

    write(repo, ".prettierrc.json", json.dumps({"tabWidth": 2, "overrides": [override]}))
    assert formatter_layout(plan_in(repo)) == FormatterLayout(prettier_layout(nested, "preserve", 80))


def test_overrides_apply_in_order(repo: Path) -> None:
    write(
        repo,
        ".prettierrc.yaml",
        "overrides:\n"
        "  - {files: '*.md', options: {tabWidth: 4, proseWrap: always}}\n"
        "  - {files: 'docs/*', options: {tabWidth: 3}}\n",
    )
    assert formatter_layout(plan_in(repo)) == FormatterLayout(Layout(3, 80, True))


@pytest.mark.parametrize(
    ("name", "language"),
    [
        (".prettierrc.js", "JavaScript"),
        ("prettier.config.mjs", "JavaScript"),
        (".prettierrc.cts", "TypeScript"),
    ],
)
def test_a_script_config_is_not_run(repo: Path, name: str, language: str) -> None:
    write(repo, name, "throw new Error('never run me')\n")
    write(repo, ".prettierrc.toml", "tabWidth = 4\n")  # searched after every script
    expected = f"plansync: note: {name} is a {language} prettier config, which plansync does not run; "
    assert formatter_layout(plan_in(repo)) == FormatterLayout(DEFAULT, expected + FALLBACK)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".prettierrc", '"@company/prettier-config"\n'),
        ("package.json", '{"prettier": "@company/prettier-config"}'),
    ],
)
def test_a_shared_config_name_is_not_loaded(repo: Path, name: str, text: str) -> None:
    write(repo, name, text)
    expected = (
        f'plansync: note: {name} names the shared prettier config "@company/prettier-config", '
        f"which plansync does not load; {FALLBACK}"
    )
    assert formatter_layout(plan_in(repo)) == FormatterLayout(DEFAULT, expected)


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        (".prettierrc.json", '{"tabWidth": 4,}', "JSON"),
        (".prettierrc", "tabWidth: [4\n", "YAML"),
        (".prettierrc.json5", "{tabWidth: }", "JSON5"),
        (".prettierrc.toml", "tabWidth = = 4", "TOML"),
        (".prettierrc.json", "\xff\xfe", "JSON"),
    ],
)
def test_a_config_that_does_not_parse_gets_a_note(repo: Path, name: str, text: str, kind: str) -> None:
    write(repo, name, text)
    result = formatter_layout(plan_in(repo))
    assert result.layout == DEFAULT
    assert result.note is not None
    assert result.note.startswith(f"plansync: note: {name} does not parse as {kind} (")
    assert result.note.endswith(f"); {FALLBACK}") and "\n" not in result.note


def test_a_config_that_is_no_object_gets_a_note(repo: Path) -> None:
    write(repo, ".prettierrc.json", "[1, 2]")
    expected = f"plansync: note: .prettierrc.json holds no prettier options object; {FALLBACK}"
    assert formatter_layout(plan_in(repo)) == FormatterLayout(DEFAULT, expected)


def test_a_note_names_a_config_outside_the_working_directory(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(repo, ".prettierrc.cjs", "module.exports = {}\n")
    plan = plan_in(repo)
    monkeypatch.chdir(repo / "docs")
    assert formatter_layout(plan).note == (
        f"plansync: note: {repo / '.prettierrc.cjs'} is a JavaScript prettier config, "
        f"which plansync does not run; {FALLBACK}"
    )


def test_mdformat_wins_over_prettier(repo: Path) -> None:
    write(repo, ".mdformat.toml", "wrap = 72\n")
    write(repo, "docs/.prettierrc", "tabWidth: 4\n")
    assert formatter_layout(plan_in(repo)) == FormatterLayout(mdformat_layout(72))


@pytest.mark.parametrize("text", ['wrap = "keep"\n', 'wrap = "no"\n', "number = true\n", ""])
def test_mdformat_without_a_width_fills_nothing(repo: Path, text: str) -> None:
    write(repo, "docs/.mdformat.toml", text)
    write(repo, ".editorconfig", "[*]\nindent_size = 4\nmax_line_length = 60\n")
    assert formatter_layout(plan_in(repo)) == FormatterLayout(mdformat_layout(None))


def test_an_mdformat_config_that_does_not_parse_gets_a_note(repo: Path) -> None:
    write(repo, ".mdformat.toml", "wrap = \n")
    result = formatter_layout(plan_in(repo))
    assert result.layout == DEFAULT
    assert result.note is not None and result.note.startswith(
        "plansync: note: .mdformat.toml does not parse as TOML ("
    )


def test_editorconfig_for_markdown_sets_the_nesting(repo: Path) -> None:
    write(repo, ".editorconfig", "root = true\n\n[*.md]\nindent_size = 4\n\n[*.py]\nindent_size = 8\n")
    assert formatter_layout(plan_in(repo)) == FormatterLayout(prettier_layout(4, "preserve", 80))


def test_editorconfig_star_section(repo: Path) -> None:
    write(repo, ".editorconfig", "[*]\nindent_style = space\nindent_size = 3\n")
    assert formatter_layout(plan_in(repo)).layout == prettier_layout(3, "preserve", 80)


def test_use_tabs_keeps_the_tab_width(repo: Path) -> None:
    write(repo, ".prettierrc", "useTabs: true\ntabWidth: 4\n")
    assert formatter_layout(plan_in(repo)) == FormatterLayout(prettier_layout(4, "preserve", 80))


def test_editorconfig_tabs_take_the_tab_width(repo: Path) -> None:
    write(repo, ".editorconfig", "[*]\nindent_style = tab\ntab_width = 4\n")
    assert formatter_layout(plan_in(repo)).layout == prettier_layout(4, "preserve", 80)


def test_editorconfig_that_sets_nothing_prettier_reads_is_the_default(repo: Path) -> None:
    write(repo, ".editorconfig", "[*]\ncharset = utf-8\n[*.py]\nindent_size = 4\n")
    assert formatter_layout(plan_in(repo)) == FormatterLayout(DEFAULT)


def test_a_nearer_editorconfig_wins_and_root_stops_the_lookup(repo: Path) -> None:
    write(repo, ".editorconfig", "[*]\nindent_size = 3\nmax_line_length = 60\n")
    write(repo, "docs/.editorconfig", "[*]\nindent_size = 4\n")
    write(repo, ".prettierrc", "proseWrap: always\n")
    assert formatter_layout(plan_in(repo)).layout == Layout(4, 60, True)
    write(repo, "docs/.editorconfig", "root = true\n[*]\nindent_size = 4\n")
    assert formatter_layout(plan_in(repo)).layout == Layout(4, 80, True)


def test_prettier_reads_no_editorconfig_above_the_project_root(repo: Path) -> None:
    write(repo, ".editorconfig", "[*]\nindent_size = 4\n")
    (repo / "sub" / ".git").mkdir(parents=True)
    assert formatter_layout(plan_in(repo, "sub/plan.md")) == FormatterLayout(DEFAULT)
    assert formatter_layout(plan_in(repo, "other/plan.md")).layout == prettier_layout(4, "preserve", 80)


def test_prettierrc_overrides_editorconfig(repo: Path) -> None:
    write(repo, ".editorconfig", "[*]\nindent_size = 4\nmax_line_length = 100\n")
    write(repo, ".prettierrc", "tabWidth: 3\n")
    assert formatter_layout(plan_in(repo)).layout == prettier_layout(3, "preserve", 100)


def test_max_line_length_fills_with_prose_wrap_always(repo: Path) -> None:
    write(repo, ".editorconfig", "[*.md]\nmax_line_length = 72\n")
    write(repo, ".prettierrc", '{"proseWrap": "always"}')
    assert formatter_layout(plan_in(repo)) == FormatterLayout(Layout(2, 72, True))
    write(repo, ".editorconfig", "[*.md]\nmax_line_length = off\n")
    assert formatter_layout(plan_in(repo)) == FormatterLayout(Layout(2, None, True))


def test_an_editorconfig_that_does_not_parse_is_ignored_with_a_note(repo: Path) -> None:
    write(repo, ".editorconfig", "[*]\nindent_size = 4\n")
    write(repo, "docs/.editorconfig", "this is no ini file\n")
    result = formatter_layout(plan_in(repo))
    assert result.layout == prettier_layout(4, "preserve", 80)
    assert result.note is not None
    assert result.note.startswith("plansync: note: docs/.editorconfig does not parse (")
    assert result.note.endswith("); plansync ignores it, as prettier does")


def test_a_relative_path_with_dot_dot(repo: Path) -> None:
    write(repo, "docs/.prettierrc", "tabWidth: 4\n")
    plan_in(repo)
    (repo / "other").mkdir()
    assert formatter_layout(Path("other/../docs/plan.md")).layout == prettier_layout(4, "preserve", 80)


# --- prettier's own answer ---------------------------------------------------------------------


def _prettier() -> str | None:
    local = Path(__file__).parents[1] / ".ci/node/node_modules/.bin/prettier"
    return str(local) if local.exists() else shutil.which("prettier")


EXCLUDING = "overrides:\n  - files: '*.md'\n    excludeFiles: docs/**\n    options: {tabWidth: 4}\n"
FILLING = 'printWidth = 40\n[[overrides]]\nfiles = "*.md"\noptions.proseWrap = "always"\n'
#: Configuration files, and the one prettier should find for docs/plan.md ("" for none).
CROSS_CHECKS: dict[str, tuple[dict[str, str], str]] = {
    "yml-before-yaml": (
        {".prettierrc.yaml": "tabWidth: 8\n", ".prettierrc.yml": "tabWidth: 4\n"},
        ".prettierrc.yml",
    ),
    "package-without-key": (
        {"docs/package.json": '{"name": "d"}', ".prettierrc.toml": "tabWidth = 4\n"},
        ".prettierrc.toml",
    ),
    "nearest": (
        {".prettierrc": "tabWidth: 2\n", "docs/.prettierrc.json5": "{tabWidth: 4}"},
        "docs/.prettierrc.json5",
    ),
    "override-base": (
        {".prettierrc.json": '{"overrides": [{"files": "*.md", "options": {"tabWidth": 4}}]}'},
        ".prettierrc.json",
    ),
    "override-excluded": (
        {".prettierrc.yaml": EXCLUDING},
        ".prettierrc.yaml",
    ),
    "override-braces": (
        {".prettierrc.json": '{"overrides": [{"files": "**/*.{md,mdx}", "options": {"tabWidth": 3}}]}'},
        ".prettierrc.json",
    ),
    "use-tabs": ({".prettierrc": "useTabs: true\ntabWidth: 4\n"}, ".prettierrc"),
    "max-line-length": (
        {".editorconfig": "[*.md]\nmax_line_length = 40\n", "docs/.prettierrc": "proseWrap: always\n"},
        "docs/.prettierrc",
    ),
    "print-width-override": (
        {".prettierrc.toml": FILLING},
        ".prettierrc.toml",
    ),
    "editorconfig": ({".editorconfig": "[*.md]\nindent_size = 4\n"}, ""),
    "editorconfig-tabs": ({".editorconfig": "[*]\nindent_style = tab\ntab_width = 4\n"}, ""),
    "rc-over-editorconfig": (
        {".editorconfig": "[*]\nindent_size = 4\n", "docs/.prettierrc": "tabWidth: 3\n"},
        "docs/.prettierrc",
    ),
}


@pytest.mark.skipif(_prettier() is None, reason="prettier is not installed")
@pytest.mark.parametrize("name", sorted(CROSS_CHECKS))
def test_prettier_agrees(repo: Path, name: str) -> None:
    """prettier finds the config file the search order says, nests a list as far as the layout
    says, and fills a long item to the layout's width (or not at all)."""
    files, config = CROSS_CHECKS[name]
    for file, text in files.items():
        write(repo, file, text)
    plan = write(repo, "docs/plan.md", "- one\n- two\n  - three\n- " + "word " * 20 + "\n")
    prettier = str(_prettier())
    found = subprocess.run(
        [prettier, "--find-config-path", "docs/plan.md"], capture_output=True, text=True, check=False
    )
    formatted = subprocess.run([prettier, "docs/plan.md"], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == config
    layout = formatter_layout(plan).layout
    lines = formatted.stdout.splitlines()
    assert lines[2] == " " * layout.nested_indent + "- three"
    if layout.wrap is None:
        assert len(lines) == 4
    else:
        assert layout.wrap - len(" word") < max(map(len, lines)) <= layout.wrap


def test_no_parser_is_imported_without_a_config(tmp_path: Path) -> None:
    """The commit hook pays for a parser only in a repository that has a config file for it."""
    (tmp_path / ".git").mkdir()
    plan = plan_in(tmp_path)
    code = (
        "import sys\nfrom pathlib import Path\nfrom plansync.workspace.formatting import formatter_layout\n"
        f"formatter_layout(Path({str(plan)!r}))\n"
        "print(sorted({'yaml', 'json5', 'editorconfig', 'tomllib', 'json'} & set(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.strip() == "[]"
