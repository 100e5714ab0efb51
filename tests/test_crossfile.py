"""Cross-file regions: ``source=`` draws a README's summary, progress or chart from another plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import plansync
from plansync.api import check_file, sync_file
from plansync.cli.app import cli
from plansync.regions.chart import render_chart
from plansync.regions.progress import render_progress
from plansync.regions.summary import render_summary

from .conftest import commit_all


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


PLAN = """# Bike repair plan

## Phase 1: Wheels

- [x] True the front wheel
- [x] Replace the tube
- [x] Check the spokes
- [ ] Grease the hubs

## Phase 2: Drive

- [/] Clean the chain
- [ ] Adjust the derailleur

<!-- plansync:begin summary -->
<!-- plansync:end summary -->
"""

README = """# Community workshop

Our own to-do list, which the status below must not count:

- [ ] Paint the sign
- [ ] Buy a kettle

## Status

<!-- plansync:begin summary source=docs/plan.md -->
<!-- plansync:end summary -->

<!-- plansync:begin progress source=docs/plan.md depth=sections -->
<!-- plansync:end progress -->

<!-- plansync:begin chart source=docs/plan.md -->
<!-- plansync:end chart -->
"""

SUMMARY_LINE = 10  # the line of the summary region's begin marker in README


def body(text: str, begin: str) -> list[str]:
    """The lines strictly between a begin marker (given whole) and the next end marker."""
    after = text.split(begin + "\n", 1)[1]
    return after.split("\n<!-- plansync:end", 1)[0].split("\n")[1:-1]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder (not a git repository) holding README.md and docs/plan.md."""
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "plan.md").write_text(PLAN, encoding="utf-8")
    (root / "README.md").write_text(README, encoding="utf-8")
    return root


def test_regions_are_filled_from_the_source_plan(site: Path) -> None:
    readme = site / "README.md"
    assert sync_file(readme, history=False).changed
    text = readme.read_text(encoding="utf-8")
    source = plansync.parse(PLAN)
    assert body(text, "<!-- plansync:begin summary source=docs/plan.md -->") == render_summary(source, "en")
    assert body(
        text, "<!-- plansync:begin progress source=docs/plan.md depth=sections -->"
    ) == render_progress(source, "en", "sections")
    assert body(text, "<!-- plansync:begin chart source=docs/plan.md -->") == render_chart(source, "en")
    assert "- **Overall**: 3 of 6 tasks done (50%); 1 doing" in text
    assert "0 of 2" not in text  # the README's own tasks are not what it reports
    assert '    "Done" : 3\n    "Doing" : 1\n    "Open" : 2\n' in text
    assert (site / "docs" / "plan.md").read_text(encoding="utf-8") == PLAN  # the source is only read


def test_sourced_regions_speak_the_readme_language_unless_lang_is_given(site: Path) -> None:
    zh_plan = "# 修车计划\n\n## 第一阶段：车轮\n\n- [x] 校正前轮\n- [ ] 给花鼓上油\n"
    (site / "docs" / "plan.md").write_text(zh_plan, encoding="utf-8")
    readme = site / "README.md"
    readme.write_text(
        README.replace("summary source=docs/plan.md", "summary source=docs/plan.md lang=zh"), encoding="utf-8"
    )
    sync_file(readme, history=False)
    text = readme.read_text(encoding="utf-8")
    assert "- **总进度**：已完成 1 / 2 项任务（50%）" in text  # lang=zh
    assert "| 第一阶段：车轮 | █████░░░░░ | 1/2  | 50% |" in text  # the README's own language: English
    assert 'pie title Task states\n    "Done" : 1\n    "Open" : 1\n' in text


def test_check_passes_after_sync_and_goes_stale_when_the_source_changes(site: Path) -> None:
    readme, plan = site / "README.md", site / "docs" / "plan.md"
    assert not check_file(readme).ok
    sync_file(readme, history=False)
    assert check_file(readme).ok
    assert invoke("check", str(readme)) == (0, "", "")
    plan.write_text(PLAN.replace("- [ ] Grease the hubs", "- [x] Grease the hubs"), encoding="utf-8")
    outcome = check_file(readme)
    assert [r.name for r in outcome.stale] == ["summary", "progress", "chart"]
    code, out, _ = invoke("check", str(readme))
    assert code == 1
    assert f"{readme}:{SUMMARY_LINE}:1: PS501 region 'summary' is stale" in out
    # the README's own tasks changing does not make a sourced region stale
    sync_file(readme, history=False)
    readme.write_text(
        readme.read_text(encoding="utf-8").replace("- [ ] Paint the sign", "- [x] Paint the sign"),
        encoding="utf-8",
    )
    assert check_file(readme).ok


def test_check_text_without_a_location_refuses_source(site: Path) -> None:
    with pytest.raises(plansync.PlansyncError) as info:
        plansync.sync_text(README)
    assert info.value.line == SUMMARY_LINE


def refused(readme: Path, begin: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """Replace the summary's begin marker with ``begin``, run sync; the file must stay untouched."""
    text = README.replace("<!-- plansync:begin summary source=docs/plan.md -->", begin)
    readme.write_text(text, encoding="utf-8")
    monkeypatch.chdir(readme.parent)
    code, out, err = invoke("sync", "README.md")
    assert readme.read_text(encoding="utf-8") == text
    return code, out, err


def test_source_outside_the_directory_tree_is_refused_outside_git(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (site.parent / "outside.md").write_text("# Outside\n\n- [x] secret\n", encoding="utf-8")
    for value in ("../outside.md", f"{site.parent / 'outside.md'}"):
        code, out, err = refused(
            site / "README.md", f"<!-- plansync:begin summary source={value} -->", monkeypatch
        )
        assert code == 2
        assert out == ""
        assert err.startswith(f"README.md:{SUMMARY_LINE}:1: source={value} lies outside ")
        assert "refusing it" in err


def test_source_outside_the_repository_is_refused(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo.parent / "outside.md").write_text("# Outside\n\n- [x] secret\n", encoding="utf-8")
    sub = repo / "site"
    (sub / "docs").mkdir(parents=True)
    (sub / "docs" / "plan.md").write_text(PLAN, encoding="utf-8")
    code, _, err = refused(
        sub / "README.md", "<!-- plansync:begin summary source=../../outside.md -->", monkeypatch
    )
    assert code == 2
    assert err == (
        f"README.md:{SUMMARY_LINE}:1: source=../../outside.md lies outside {repo.resolve()}; refusing it\n"
    )


def test_inside_a_repository_a_source_may_sit_above_the_file(repo: Path) -> None:
    (repo / "plan.md").write_text(PLAN, encoding="utf-8")
    readme = repo / "site" / "README.md"
    readme.parent.mkdir()
    readme.write_text(
        "# Site\n\n<!-- plansync:begin summary source=../plan.md -->\n<!-- plansync:end summary -->\n",
        encoding="utf-8",
    )
    assert invoke("sync", str(readme))[0] == 0
    assert "- **Overall**: 3 of 6 tasks done (50%); 1 doing" in readme.read_text(encoding="utf-8")


def test_a_symlink_pointing_outside_is_refused(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (site.parent / "outside.md").write_text("# Outside\n\n- [x] secret\n", encoding="utf-8")
    (site / "docs" / "link.md").symlink_to(site.parent / "outside.md")
    code, _, err = refused(
        site / "README.md", "<!-- plansync:begin summary source=docs/link.md -->", monkeypatch
    )
    assert code == 2
    assert err.startswith(f"README.md:{SUMMARY_LINE}:1: source=docs/link.md lies outside ")


def test_a_missing_source_is_refused_at_its_line(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = refused(
        site / "README.md", "<!-- plansync:begin summary source=docs/nope.md -->", monkeypatch
    )
    assert code == 2
    assert err == f"README.md:{SUMMARY_LINE}:1: source=docs/nope.md: no such file\n"
    code, _, err = invoke("check", "README.md")
    assert code == 2
    assert err.startswith(f"README.md:{SUMMARY_LINE}:1: ")


def test_a_source_with_broken_markers_is_refused_at_the_readme_line(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (site / "docs" / "broken.md").write_text(
        "# Broken\n\n- [ ] a\n\n<!-- plansync:begin progress -->\n", encoding="utf-8"
    )
    code, _, err = refused(
        site / "README.md", "<!-- plansync:begin summary source=docs/broken.md -->", monkeypatch
    )
    assert code == 2
    assert err.startswith(f"README.md:{SUMMARY_LINE}:1: source=docs/broken.md: ")
    assert "plansync:begin progress is never closed" in err


def test_a_broken_source_is_named_in_the_message(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (site / "docs" / "broken.md").write_text(
        "# Broken\n\n- [ ] a\n\n<!-- plansync:begin progress -->\n", encoding="utf-8"
    )
    _, _, err = refused(
        site / "README.md", "<!-- plansync:begin summary source=docs/broken.md -->", monkeypatch
    )
    assert "<text>" not in err


def test_sync_without_paths_updates_the_plan_and_the_readme(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "docs").mkdir()
    (repo / "docs" / "plan.md").write_text(PLAN, encoding="utf-8")
    (repo / "README.md").write_text(README, encoding="utf-8")
    (repo / "notes.md").write_text("# Notes\n\n- [ ] not a plan with regions\n", encoding="utf-8")
    commit_all(repo, "plans", "2025-10-22T10:00:00+00:00")
    monkeypatch.chdir(repo)
    code, out, err = invoke("sync")
    assert (code, err) == (0, "")
    assert sorted(out.splitlines()) == ["plansync: updated README.md", "plansync: updated docs/plan.md"]
    plan_text = (repo / "docs" / "plan.md").read_text(encoding="utf-8")
    readme_text = (repo / "README.md").read_text(encoding="utf-8")
    own = body(plan_text, "<!-- plansync:begin summary -->")
    assert own and own == body(readme_text, "<!-- plansync:begin summary source=docs/plan.md -->")
    assert invoke("check") == (0, "", "")
    assert invoke("sync") == (0, "", "")


def test_source_is_not_an_option_of_the_milestones_region(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = site / "README.md"
    text = (
        "# Site\n\n- [x] a\n\n"
        "<!-- plansync:begin milestones source=docs/plan.md -->\n<!-- plansync:end milestones -->\n"
    )
    readme.write_text(text, encoding="utf-8")
    monkeypatch.chdir(site)
    code, _, err = invoke("sync", "README.md")
    assert code == 2
    assert err == "README.md:5:1: unknown option 'source' for region 'milestones' (known: lang, stamp)\n"
    assert readme.read_text(encoding="utf-8") == text
