"""``plansync resolve``: plans merged without the driver (every conflict style), settled when
every hunk lies in a region body or differs only in derived lines (cookies, ✅ stamps), refused
(file untouched, each hunk named) when one lies in the user's text; ``conflict_hunks`` and
``resolve_text`` directly."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansync.workspace.resolving import conflict_hunks, resolve_text

from .test_merging import (
    BASE_DAY,
    DONE,
    PLAN,
    STAMPED,
    TOTAL,
    assert_merged,
    conflict_lines,
    g,
    hunks,
    milestones,
    new_repo,
    ps,
    read,
    real_conflict_sides,
    region,
    stamps,
    synced,
    tick,
    ticked,
    two_sides,
)

STYLES = [None, "diff3", "zdiff3"]


def merged_without_driver(repo: Path, style: str | None) -> str:
    """``git merge a`` (the driver not installed) fails; the plan's text with its markers."""
    if style:
        g(repo, "config", "merge.conflictStyle", style)
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-03", check=False)
    assert merged.returncode != 0
    text = read(repo / "plan.md")
    assert hunks(text)
    assert (style is not None) == ("\n|||||||" in text)
    return text


@pytest.mark.parametrize("style", STYLES)
def test_conflicts_only_in_region_bodies_are_resolved(tmp_path: Path, style: str | None) -> None:
    repo = new_repo(tmp_path / "repo", driver=False)
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-01", "pour the footings"),
        lambda: tick(repo, "2025-11-02", "fix the rafters"),
    )
    before = merged_without_driver(repo, style)
    assert all(inside for _, _, inside in hunks(before))
    done = ps(repo, "resolve", "plan.md")
    assert done.stdout == "plansync: resolved plan.md\n"
    assert done.stderr == ""
    assert_merged(repo, done, DONE + 2, "pour the footings", "fix the rafters")


def test_milestones_conflict_keeps_the_earliest_date_of_each(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo", driver=False)
    drainage = ("lay the perforated pipe", "backfill with gravel")
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-02", *drainage, "hang the joists", split=True),
        lambda: tick(repo, "2025-11-05", *drainage, "cut the birdsmouths", "fix the rafters", split=True),
    )
    before = merged_without_driver(repo, None)
    assert any(inside for _, _, inside in hunks(before))
    done = ps(repo, "resolve", "plan.md")
    text = assert_merged(repo, done, DONE + 5, *drainage, "hang the joists", "fix the rafters")
    entries = milestones(text)
    assert "- 2025-11-02 — 1.3 Drainage" in entries
    assert "- 2025-11-05 — 3.1 Rafters" in entries
    assert "- 2025-10-22 — 1.1 Survey" in entries
    assert len(entries) == 3


@pytest.mark.parametrize("style", [None, "diff3"])
def test_conflict_in_user_text_is_refused_and_named(tmp_path: Path, style: str | None) -> None:
    repo = new_repo(tmp_path / "repo", driver=False)
    real_conflict_sides(repo)
    before_text = merged_without_driver(repo, style)
    before = (repo / "plan.md").read_bytes()
    found = hunks(before_text)
    outside = [first for first, _, inside in found if not inside]
    assert len(outside) == 1 and len(found) > 1
    done = ps(repo, "resolve", "plan.md")
    assert done.returncode == 2
    assert (repo / "plan.md").read_bytes() == before
    assert done.stderr == f"plan.md:{outside[0]}: conflict outside plansync regions\n"
    assert "(B)" in before_text.split("\n")[outside[0]]  # the line after <<<<<<<: ours, main
    assert done.stdout == ""


def test_hunk_differing_only_in_a_heading_cookie_is_resolved(tmp_path: Path) -> None:
    plan = PLAN.replace("## Phase 1: Ground\n", "## Phase 1: Ground [/]\n")
    repo = new_repo(tmp_path / "repo", plan, driver=False)
    assert "## Phase 1: Ground [2/7]\n" in read(repo / "plan.md")
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-01", "cure the concrete"),
        lambda: tick(repo, "2025-11-02", "lay the perforated pipe", "backfill with gravel"),
    )
    before = merged_without_driver(repo, None)
    lines = before.split("\n")
    outside = [(first, last) for first, last, inside in hunks(before) if not inside]
    assert [lines[first - 1 : last] for first, last in outside] == [
        [
            "<<<<<<< HEAD",
            "## Phase 1: Ground [4/7]",
            "=======",
            "## Phase 1: Ground [3/7]",
            ">>>>>>> a",
        ]
    ]
    done = ps(repo, "resolve", "plan.md")
    text = assert_merged(repo, done, DONE + 3, "cure the concrete", "backfill with gravel")
    assert "## Phase 1: Ground [5/7]\n" in text


@pytest.mark.parametrize("style", [None, "zdiff3"])
def test_hunk_differing_only_in_a_stamp_takes_the_earliest(tmp_path: Path, style: str | None) -> None:
    repo = new_repo(tmp_path / "repo", STAMPED, driver=False)
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-01", "hang the joists", split=True),
        lambda: tick(repo, "2025-11-03", "hang the joists", "nail the sheathing", split=True),
    )
    before = merged_without_driver(repo, style)
    assert "- [x] hang the joists ✅ 2025-11-03" in before.split("\n")
    done = ps(repo, "resolve", "plan.md")
    text = assert_merged(repo, done, DONE + 2, "hang the joists", "nail the sheathing")
    assert stamps(text)["hang the joists"] == "2025-11-01"
    assert stamps(text)["nail the sheathing"] == "2025-11-03"


def test_crlf_plan_is_resolved_in_crlf(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo", driver=False, crlf=True)
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-01", "raise the walls"),
        lambda: tick(repo, "2025-11-02", "dig the footing trenches"),
    )
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-03", check=False)
    assert merged.returncode != 0
    done = ps(repo, "resolve", "plan.md")
    assert_merged(repo, done, DONE + 2, "raise the walls", "dig the footing trenches")
    data = (repo / "plan.md").read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 60


def test_plan_without_conflicts_is_left_alone(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo", driver=False)
    before = (repo / "plan.md").read_bytes()
    done = ps(repo, "resolve", "plan.md")
    assert done.returncode == 0
    assert done.stderr == "plan.md: no conflict to resolve\n"
    assert (repo / "plan.md").read_bytes() == before


def test_several_paths_one_refused(tmp_path: Path) -> None:
    """Each file stands alone: the settled one is written, the other is named and left as it was."""
    repo = new_repo(tmp_path / "repo", driver=False)
    real_conflict_sides(repo)
    merged_without_driver(repo, None)
    refused = read(repo / "plan.md")
    g(repo, "merge", "--abort")
    two_sides_repo = new_repo(tmp_path / "other", driver=False)
    two_sides(
        two_sides_repo,
        lambda: tick(two_sides_repo, "2025-11-01", "pour the footings"),
        lambda: tick(two_sides_repo, "2025-11-02", "fix the rafters"),
    )
    merged_without_driver(two_sides_repo, None)
    (repo / "refused.md").write_bytes(refused.encode())
    (repo / "settled.md").write_bytes((two_sides_repo / "plan.md").read_bytes())
    done = ps(repo, "resolve", "refused.md", "settled.md")
    assert done.returncode == 2
    assert done.stdout == "plansync: resolved settled.md\n"
    assert done.stderr.count("refused.md:") == 1
    assert read(repo / "refused.md") == refused
    assert conflict_lines(read(repo / "settled.md")) == []
    assert ps(repo, "check", "settled.md").returncode == 0


# --- the functions directly ---------------------------------------------------------------------


def test_conflict_hunks_reads_every_style() -> None:
    lines = [
        "intro",
        "<<<<<<< HEAD",
        "ours 1",
        "ours 2",
        "||||||| base",
        "base",
        "=======",
        "theirs",
        ">>>>>>> a",
        "middle",
        "<<<<<<<<<",
        "short",
        "=========",
        "other",
        ">>>>>>>>>",
        "=======",
    ]
    found = conflict_hunks(lines)
    assert [(h.first, h.last, h.ours, h.theirs) for h in found] == [
        (2, 9, ["ours 1", "ours 2"], ["theirs"]),
        (11, 15, ["short"], ["other"]),
    ]


def test_resolve_text_names_every_hunk_outside_regions(tmp_path: Path) -> None:
    base = synced(PLAN, BASE_DAY)
    text = base.replace(
        "- [ ] pour the footings\n", "<<<<<<< HEAD\n- [ ] pour it\n=======\n- [ ] pour them\n>>>>>>> b\n"
    ).replace("- [ ] fix the rafters\n", "<<<<<<< HEAD\n- [x] fix the rafters\n=======\n>>>>>>> b\n")
    lines = text.split("\n")
    resolution = resolve_text(text, tmp_path / "plan.md", "2025-11-03")
    assert resolution.text is None
    assert resolution.outside == [lines.index("- [ ] pour it"), lines.index("- [x] fix the rafters")]


def test_resolve_text_regenerates_a_body_conflict(tmp_path: Path) -> None:
    base = synced(PLAN, BASE_DAY)
    ticked_text = base.replace("- [ ] hang the joists", ticked("hang the joists"))
    body = region(base, "progress")
    text = ticked_text.replace(body, f"\n<<<<<<< HEAD\n{body}=======\nsomething else\n>>>>>>> b\n")
    resolution = resolve_text(text, tmp_path / "plan.md", "2025-11-03")
    assert resolution.outside == []
    assert resolution.text == synced(ticked_text, "2025-11-03")
    assert f"{DONE + 1} of {TOTAL} tasks done" in region(resolution.text, "summary")


SHED = """# Shed plan

<!-- plansync:begin summary -->
<!-- plansync:end summary --> \n
## Phase 1: Base

- [ ] level the ground
- [ ] pour the slab

## Phase 2: Walls

- [ ] frame the walls
- [ ] clad the walls
"""


def test_conflict_after_an_end_marker_with_trailing_blanks_is_refused(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    new_repo(repo, SHED, driver=False)
    assert "<!-- plansync:end summary --> \n" in read(repo / "plan.md")
    line = "- [ ] pour the slab"
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-01", extra=((line, line + " (theirs)"),)),
        lambda: tick(repo, "2025-11-02", extra=((line, line + " (ours)"),)),
    )
    merged_without_driver(repo, None)
    before = (repo / "plan.md").read_bytes()
    done = ps(repo, "resolve", "plan.md")
    assert (repo / "plan.md").read_bytes() == before
    assert done.returncode == 2
