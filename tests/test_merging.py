"""The merge driver end to end: real repositories, ``plansync install-merge-driver``, and git
calling ``plansync merge %O %A %B %P`` in merges, rebases, cherry-picks, reverts, stash pops,
pulls and worktrees; plus ``merge_plans`` itself, as a property against a sync of the union.

Every repository is built with fixed author and committer dates; plansync runs as a subprocess
with this checkout's interpreter, and the venv's bin comes first on PATH so that the driver git
runs is this checkout's ``plansync``.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plansync import parse
from plansync.api import offline_dates, sync_text
from plansync.model import TaskState
from plansync.workspace.merging import merge_file, merge_plans

from .test_hook import env as hook_env
from .test_hook import plansync

PLAN = """# Cabin build plan

Notes on building the cabin by the lake.

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

<!-- plansync:begin progress -->
<!-- plansync:end progress -->

<!-- plansync:begin milestones -->
<!-- plansync:end milestones -->

## Phase 1: Ground

### 1.1 Survey

- [x] walk the boundary
- [x] mark the corners

### 1.2 Footings

- [ ] dig the footing trenches
- [ ] pour the footings
- [ ] cure the concrete

### 1.3 Drainage

- [ ] lay the perforated pipe
- [ ] backfill with gravel

## Phase 2: Frame

### 2.1 Floor

- [ ] set the sill plates
- [ ] hang the joists
- [ ] glue down the subfloor

### 2.2 Walls

- [ ] frame the long walls
- [ ] frame the gable walls
- [ ] raise the walls

## Phase 3: Roof

### 3.1 Rafters

- [ ] cut the birdsmouths
- [ ] fix the rafters

### 3.2 Covering

- [ ] nail the sheathing
- [ ] lay the metal roofing
"""

TOTAL, DONE = 17, 2
BASE_DAY = "2025-10-22"
REGIONS = ("summary", "progress", "milestones")
CONFLICT = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?: |\r?$)")


# --- helpers (the other merge test modules import these) ---------------------------------------


def environment(day: str = BASE_DAY) -> dict[str, str]:
    """The venv's bin first on PATH, the fixed identity, both dates at noon on ``day``, no editor."""
    when = f"{day}T12:00:00+00:00"
    return {**hook_env(), "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_EDITOR": "true"}


def g(repo: Path, *args: str, day: str = BASE_DAY, check: bool = True) -> subprocess.CompletedProcess[str]:
    """``git ARGS`` in ``repo`` dated ``day``; asserts success unless ``check`` is False."""
    done = subprocess.run(
        ["git", *args], cwd=repo, env=environment(day), capture_output=True, text=True, timeout=120
    )
    if check:
        assert done.returncode == 0, f"git {' '.join(args)}: {done.stdout}{done.stderr}"
    return done


def ps(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m plansync ARGS`` (this checkout) in ``cwd``."""
    return plansync(cwd, *args)


def write(path: Path, text: str, crlf: bool = False, bom: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = ("\ufeff" if bom else "") + (text.replace("\n", "\r\n") if crlf else text)
    path.write_bytes(data.encode("utf-8"))
    return path


def new_repo(
    path: Path,
    text: str = PLAN,
    *,
    driver: bool = True,
    crlf: bool = False,
    bom: bool = False,
    name: str = "plan.md",
) -> Path:
    """``text`` committed as ``name``, synced and committed again; the merge driver installed."""
    path.mkdir(parents=True)
    g(path, "init", "-q", "-b", "main")
    g(path, "config", "core.autocrlf", "false")
    write(path / name, text, crlf=crlf, bom=bom)
    g(path, "add", "-A")
    g(path, "commit", "-q", "--no-verify", "-m", "plan")
    synced = ps(path, "sync", name)
    assert synced.returncode == 0, synced.stderr
    if driver:
        installed = ps(path, "install-merge-driver")
        assert installed.returncode == 0, installed.stderr
    g(path, "add", "-A")
    g(path, "commit", "-q", "--no-verify", "-m", "synced")
    return path


def edit(path: Path, *pairs: tuple[str, str]) -> None:
    """Replace whole lines (the first match of each), keeping the file's line endings."""
    data = path.read_bytes()
    for old, new in pairs:
        pattern = re.compile(rb"(?m)^" + re.escape(old.encode()) + rb"(?=\r?$)")
        assert pattern.search(data), old
        replacement = new.encode()
        data = pattern.sub(lambda _m: replacement, data, count=1)  # noqa: B023 -- used at once
    path.write_bytes(data)


def ticked(task: str) -> str:
    return f"- [x] {task}"


def tick(
    repo: Path,
    day: str,
    *tasks: str,
    extra: tuple[tuple[str, str], ...] = (),
    split: bool = False,
    name: str = "plan.md",
) -> None:
    """Tick ``tasks`` (and make the ``extra`` line edits), sync, commit on ``day``. ``split``
    commits the ticks first, so that history dates the completions to ``day``, then the sync."""
    edit(repo / name, *[(f"- [ ] {t}", ticked(t)) for t in tasks], *extra)
    if split:
        g(repo, "commit", "-q", "--no-verify", "-am", "tick", day=day)
    synced = ps(repo, "sync", name)
    assert synced.returncode == 0, synced.stderr
    g(repo, "commit", "-q", "--no-verify", "--allow-empty", "-am", "sync" if split else "tick", day=day)


def two_sides(repo: Path, theirs: Callable[[], None], ours: Callable[[], None]) -> None:
    """``theirs()`` on branch ``a`` forked from main, ``ours()`` on main, main checked out."""
    g(repo, "checkout", "-q", "-b", "a")
    theirs()
    g(repo, "checkout", "-q", "main")
    ours()


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def conflict_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.split("\n"), 1) if CONFLICT.match(line)]


def hunks(text: str) -> list[tuple[int, int, bool]]:
    """(first line, last line, inside a region body) of every conflict hunk."""
    out, inside, start = [], False, 0
    for n, line in enumerate(text.split("\n"), 1):
        if line.startswith("<<<<<<<"):
            start = n
        elif line.startswith(">>>>>>>") and start:
            out.append((start, n, inside))
            start = 0
        elif not start and line.startswith("<!-- plansync:end"):
            inside = False
        elif not start and line.startswith("<!-- plansync:begin"):
            inside = True
    return out


def region(text: str, name: str) -> str:
    """The body of region ``name`` (LF line endings)."""
    text = text.replace("\r\n", "\n")
    return re.split(rf"<!-- plansync:(?:begin|end) {name}\b[^>]*-->", text)[1]


def done_tasks(text: str) -> set[str]:
    """The texts of the done tasks (outside regions), stamps left off."""
    plan = parse(text.lstrip("\ufeff").replace("\r\n", "\n"))
    return {re.sub(r" ✅ \S+$", "", t.text) for t in plan.tasks if t.state is TaskState.DONE}


def markers_once(text: str) -> bool:
    lines = [line.rstrip("\r") for line in text.split("\n")]
    return all(
        sum(bool(re.fullmatch(rf"<!-- plansync:{k} {n}( [^>]*)? -->", line)) for line in lines) == 1
        for n in REGIONS
        for k in ("begin", "end")
    )


def assert_merged(
    repo: Path, done: subprocess.CompletedProcess[str], count: int, *tasks: str, name: str = "plan.md"
) -> str:
    """The operation succeeded: no conflict marker, every tick in, ``check`` passes, the summary
    counts ``count`` done tasks. Returns the plan's text."""
    text = read(repo / name)
    assert done.returncode == 0, done.stdout + done.stderr
    assert conflict_lines(text) == []
    assert markers_once(text)
    have = done_tasks(text)
    assert set(tasks) <= have, set(tasks) - have
    assert len(have) == count
    checked = ps(repo, "check", name)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"{count} of {TOTAL} tasks done" in region(text, "summary")
    return text


def milestones(text: str) -> list[str]:
    return [line.strip() for line in region(text, "milestones").splitlines() if line.strip()]


# --- 1. merge of two branches ticking different phases ------------------------------------------


def test_merge_of_ticks_in_different_phases_is_clean(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    assert g(repo, "check-attr", "merge", "--", "plan.md").stdout.strip().endswith("merge: plansync")
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-01", "pour the footings", "hang the joists"),
        lambda: tick(repo, "2025-11-02", "fix the rafters"),
    )
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-03", check=False)
    text = assert_merged(repo, merged, DONE + 3, "pour the footings", "hang the joists", "fix the rafters")
    assert "| Phase 1: Ground" in region(text, "progress")
    assert g(repo, "status", "--porcelain").stdout == ""  # committed: the merge finished


# --- 2. rebase, cherry-pick, revert, stash pop, pull, worktree ----------------------------------


def test_rebase_of_two_synced_commits_onto_a_moved_main(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    g(repo, "checkout", "-q", "-b", "feature")
    tick(repo, "2025-11-01", "frame the long walls")
    tick(repo, "2025-11-02", "nail the sheathing")
    g(repo, "checkout", "-q", "main")
    tick(repo, "2025-11-03", "dig the footing trenches")
    g(repo, "checkout", "-q", "feature")
    rebased = g(repo, "rebase", "main", day="2025-11-04", check=False)
    assert not (repo / ".git" / "rebase-merge").exists()
    assert not (repo / ".git" / "rebase-apply").exists()
    assert_merged(
        repo, rebased, DONE + 3, "frame the long walls", "nail the sheathing", "dig the footing trenches"
    )
    assert len(g(repo, "log", "--format=%H", "main..feature").stdout.split()) == 2


def test_cherry_pick_of_a_synced_tick(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-01", "raise the walls"),
        lambda: tick(repo, "2025-11-02", "lay the perforated pipe"),
    )
    picked = g(repo, "cherry-pick", "a", day="2025-11-03", check=False)
    assert_merged(repo, picked, DONE + 2, "raise the walls", "lay the perforated pipe")


def test_revert_of_a_tick_commit_after_another_tick(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    tick(repo, "2025-11-01", "set the sill plates")
    first = g(repo, "rev-parse", "HEAD").stdout.strip()
    tick(repo, "2025-11-02", "cut the birdsmouths")
    reverted = g(repo, "revert", "--no-edit", first, day="2025-11-03", check=False)
    text = assert_merged(repo, reverted, DONE + 1, "cut the birdsmouths")
    assert "- [ ] set the sill plates" in text


def test_stash_pop_over_a_synced_tick(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    # the stashed change: a tick and its sync, never committed
    edit(repo / "plan.md", ("- [ ] glue down the subfloor", ticked("glue down the subfloor")))
    assert ps(repo, "sync", "plan.md").returncode == 0
    g(repo, "stash", "-q")
    tick(repo, "2025-11-02", "backfill with gravel")
    popped = g(repo, "stash", "pop", "-q", day="2025-11-03", check=False)
    assert_merged(repo, popped, DONE + 2, "glue down the subfloor", "backfill with gravel")
    assert g(repo, "stash", "list").stdout == ""


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
def test_pull_from_a_clone(tmp_path: Path, how: str) -> None:
    origin = new_repo(tmp_path / "origin")
    clone = tmp_path / "clone"
    g(tmp_path, "clone", "-q", str(origin), str(clone))
    g(clone, "config", "core.autocrlf", "false")
    assert ps(clone, "install-merge-driver").returncode == 0  # git config is per clone
    assert g(clone, "status", "--porcelain").stdout == ""  # .gitattributes came with the clone
    tick(origin, "2025-11-01", "frame the gable walls")
    tick(clone, "2025-11-02", "cure the concrete")
    pulled = g(clone, "pull", "-q", how, "--no-edit", "origin", "main", day="2025-11-03", check=False)
    assert_merged(clone, pulled, DONE + 2, "frame the gable walls", "cure the concrete")
    parents = g(clone, "log", "-1", "--format=%P").stdout.split()
    assert len(parents) == (2 if how == "--no-rebase" else 1)


def test_merge_in_a_worktree(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    tree = tmp_path / "tree"
    g(repo, "worktree", "add", "-q", "-b", "side", str(tree))
    tick(tree, "2025-11-01", "lay the metal roofing")
    tick(repo, "2025-11-02", "pour the footings")
    merged = g(tree, "merge", "-q", "--no-edit", "main", day="2025-11-03", check=False)
    assert_merged(tree, merged, DONE + 2, "lay the metal roofing", "pour the footings")


# --- 3. octopus merges never call drivers -------------------------------------------------------


def test_octopus_merge_does_not_call_the_driver_and_stops_on_the_regions(tmp_path: Path) -> None:
    """git's octopus strategy merges with ``git merge-file`` directly: the driver is never run,
    the regions the two branches regenerated conflict, and git gives up. One at a time works."""
    repo = new_repo(tmp_path / "repo")
    log = tmp_path / "driver.log"
    driver = g(repo, "config", "merge.plansync.driver").stdout.strip()
    g(repo, "config", "merge.plansync.driver", f"echo called >> '{log}'; {driver}")
    g(repo, "checkout", "-q", "-b", "a")
    tick(repo, "2025-11-01", "hang the joists")
    g(repo, "checkout", "-q", "-b", "b", "main")
    tick(repo, "2025-11-02", "fix the rafters")
    g(repo, "checkout", "-q", "main")
    octopus = g(repo, "merge", "-q", "--no-edit", "a", "b", day="2025-11-03", check=False)
    assert octopus.returncode != 0
    assert not log.exists()
    g(repo, "reset", "-q", "--hard", "HEAD")
    g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-03")  # a fast-forward: nothing to merge
    done = g(repo, "merge", "-q", "--no-edit", "b", day="2025-11-03", check=False)
    assert log.read_text().split() == ["called"]
    assert_merged(repo, done, DONE + 2, "hang the joists", "fix the rafters")


# --- 4. a real conflict -------------------------------------------------------------------------


def real_conflict_sides(repo: Path) -> None:
    """Both sides rewrite the first open task (listed in the summary) and tick one more box each."""
    line = "- [ ] dig the footing trenches"
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-01", "hang the joists", extra=((line, line + " (A)"),)),
        lambda: tick(repo, "2025-11-02", "nail the sheathing", extra=((line, line + " (B)"),)),
    )


def test_real_conflict_keeps_one_hunk_around_the_task_line(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    real_conflict_sides(repo)
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-03", check=False)
    assert merged.returncode != 0
    text = read(repo / "plan.md")
    found = hunks(text)
    assert len(found) == 1
    first, last, inside = found[0]
    assert not inside
    assert markers_once(text)
    lines = text.split("\n")
    hunk = "\n".join(lines[first - 1 : last])
    assert "(A)" in hunk and "(B)" in hunk
    assert all(first <= n <= last for n in conflict_lines(text))
    assert ticked("hang the joists") in text and ticked("nail the sheathing") in text
    for name in REGIONS:  # no marker inside any region body
        assert conflict_lines(region(text, name)) == []
    # resolved by hand: the regions regenerate, check passes
    lines[first - 1 : last] = ["- [ ] dig the footing trenches (A and B)"]
    (repo / "plan.md").write_bytes("\n".join(lines).encode("utf-8"))
    assert ps(repo, "check", "plan.md").returncode == 1  # the regions are CURRENT's: stale now
    assert ps(repo, "sync", "plan.md").returncode == 0
    checked = ps(repo, "check", "plan.md")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    text = read(repo / "plan.md")
    assert f"{DONE + 2} of {TOTAL} tasks done" in region(text, "summary")
    assert "dig the footing trenches (A and B)" in region(text, "summary")


# --- 5. line endings, BOM, paths with spaces, conflict styles ------------------------------------


def test_crlf_plan_keeps_crlf(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo", crlf=True)
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-01", "pour the footings"),
        lambda: tick(repo, "2025-11-02", "fix the rafters"),
    )
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-03", check=False)
    assert_merged(repo, merged, DONE + 2, "pour the footings", "fix the rafters")
    data = (repo / "plan.md").read_bytes()
    assert data.count(b"\r\n") > 60
    assert data.count(b"\n") == data.count(b"\r\n")


def test_crlf_conflict_keeps_crlf(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo", crlf=True)
    real_conflict_sides(repo)
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-03", check=False)
    assert merged.returncode != 0
    data = (repo / "plan.md").read_bytes()
    assert len(hunks(data.decode("utf-8"))) == 1
    assert data.count(b"\n") == data.count(b"\r\n")


def test_bom_is_kept(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo", bom=True)
    assert (repo / "plan.md").read_bytes().startswith(b"\xef\xbb\xbf# Cabin")
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-01", "hang the joists"),
        lambda: tick(repo, "2025-11-02", "cut the birdsmouths"),
    )
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-03", check=False)
    assert_merged(repo, merged, DONE + 2, "hang the joists", "cut the birdsmouths")
    data = (repo / "plan.md").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# Cabin")
    assert data.count(b"\xef\xbb\xbf") == 1


def test_plan_in_a_directory_with_spaces(tmp_path: Path) -> None:
    name = "my plans/the cabin.md"
    repo = new_repo(tmp_path / "repo with spaces", name=name)
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-01", "frame the long walls", name=name),
        lambda: tick(repo, "2025-11-02", "lay the perforated pipe", name=name),
    )
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-03", check=False)
    assert_merged(repo, merged, DONE + 2, "frame the long walls", "lay the perforated pipe", name=name)


@pytest.mark.parametrize("style", ["diff3", "zdiff3"])
def test_conflict_style_from_git_config(tmp_path: Path, style: str) -> None:
    repo = new_repo(tmp_path / "repo")
    g(repo, "config", "merge.conflictStyle", style)
    real_conflict_sides(repo)
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-03", check=False)
    assert merged.returncode != 0
    text = read(repo / "plan.md")
    found = hunks(text)
    assert len(found) == 1 and not found[0][2]
    first, last, _ = found[0]
    hunk = text.split("\n")[first - 1 : last]
    assert any(line.startswith("|||||||") for line in hunk)
    assert "- [ ] dig the footing trenches" in hunk  # the base's line, in the base section
    assert all(first <= n <= last for n in conflict_lines(text))


# --- 6. a section renamed on one side, a task ticked inside it on the other ----------------------


def test_rename_of_a_section_and_a_tick_inside_it(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-01", extra=(("### 2.2 Walls", "### 2.2 Walls and openings"),)),
        lambda: tick(repo, "2025-11-02", "frame the gable walls"),
    )
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-03", check=False)
    text = assert_merged(repo, merged, DONE + 1, "frame the gable walls")
    assert "### 2.2 Walls and openings\n" in text


def test_rename_of_a_section_the_other_side_completes(tmp_path: Path) -> None:
    """The completion recorded under the old name follows the section under its new name."""
    repo = new_repo(tmp_path / "repo")
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-01", extra=(("### 1.3 Drainage", "### 1.3 Site drainage"),)),
        lambda: tick(repo, "2025-11-02", "lay the perforated pipe", "backfill with gravel", split=True),
    )
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-03", check=False)
    text = assert_merged(repo, merged, DONE + 2, "lay the perforated pipe", "backfill with gravel")
    assert "### 1.3 Site drainage\n" in text
    assert any(line.endswith("— 1.3 Site drainage") for line in milestones(text))
    assert not any(line.endswith("— 1.3 Drainage") for line in milestones(text))


# --- 7. both sides complete the same section on different days ---------------------------------


def test_same_section_completed_on_both_sides_keeps_the_earliest_date(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    footings = ("dig the footing trenches", "pour the footings", "cure the concrete")
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-02", *footings, "set the sill plates", split=True),
        lambda: tick(repo, "2025-11-05", *footings, "raise the walls", split=True),
    )
    ours = milestones(read(repo / "plan.md"))
    assert "- 2025-11-05 — 1.2 Footings" in ours
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-06", check=False)
    text = assert_merged(repo, merged, DONE + 5, *footings, "set the sill plates", "raise the walls")
    entries = milestones(text)
    assert "- 2025-10-22 — 1.1 Survey" in entries
    assert "- 2025-11-02 — 1.2 Footings" in entries
    assert not any("2025-11-05" in line for line in entries)


def test_different_sections_completed_keep_their_own_dates(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-02", "cut the birdsmouths", "fix the rafters", split=True),
        lambda: tick(repo, "2025-11-05", "nail the sheathing", "lay the metal roofing", split=True),
    )
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-06", check=False)
    text = assert_merged(repo, merged, DONE + 4)
    entries = milestones(text)
    assert "- 2025-11-02 — 3.1 Rafters" in entries
    assert "- 2025-11-05 — 3.2 Covering" in entries
    # Phase 3 was completed by the merge: dated by the later of its sections, not lost
    assert sum("Phase 3: Roof" in line for line in entries) == 1


# --- 8. stamps ----------------------------------------------------------------------------------

STAMPED = PLAN.replace("<!-- plansync:begin summary -->", "<!-- plansync:begin summary stamp=done -->")


def stamps(text: str) -> dict[str, str]:
    """Done task text -> the date of its ✅ stamp."""
    plan = parse(text.replace("\r\n", "\n"))
    return {re.sub(r" ✅ \S+$", "", t.text): t.stamp or "" for t in plan.tasks if t.state is TaskState.DONE}


def test_stamps_of_both_sides_keep_their_own_dates(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo", STAMPED)
    base = stamps(read(repo / "plan.md"))
    assert base == {"walk the boundary": BASE_DAY, "mark the corners": BASE_DAY}
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-01", "pour the footings", split=True),
        lambda: tick(repo, "2025-11-04", "raise the walls", split=True),
    )
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-05", check=False)
    text = assert_merged(repo, merged, DONE + 2)
    assert stamps(text) == {**base, "pour the footings": "2025-11-01", "raise the walls": "2025-11-04"}


def test_same_task_stamped_on_both_sides_keeps_the_earliest_stamp(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo", STAMPED)
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-03", "hang the joists", split=True),
        lambda: tick(repo, "2025-11-01", "hang the joists", "fix the rafters", split=True),
    )
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-05", check=False)
    text = assert_merged(repo, merged, DONE + 2)
    assert stamps(text)["hang the joists"] == "2025-11-01"
    assert stamps(text)["fix the rafters"] == "2025-11-01"


# --- 9. files without markers merge exactly as git merge-file ------------------------------------

NOTES = "".join(f"Paragraph {i}: plain notes, nothing generated here.\n\n" for i in range(1, 11))


def git_merge_file(folder: Path, base: str, ours: str, theirs: str, *options: str) -> tuple[int, bytes]:
    """``git merge-file -p`` with the driver's labels: its exit status and its bytes."""
    paths = [write(folder / n, t) for n, t in (("o.md", ours), ("b.md", base), ("t.md", theirs))]
    labels = ["-L", "ours", "-L", "base", "-L", "theirs"]
    done = subprocess.run(
        ["git", "merge-file", "-p", *options, *labels, *map(str, paths)], capture_output=True, check=False
    )
    return done.returncode, done.stdout


@pytest.mark.parametrize("style", [None, "diff3"])
@pytest.mark.parametrize("case", ["clean", "conflicting"])
def test_plansync_merge_of_a_file_without_markers_is_git_merge_file(
    tmp_path: Path, case: str, style: str | None
) -> None:
    repo = new_repo(tmp_path / "repo")
    if style:
        g(repo, "config", "merge.conflictStyle", style)
    ours = NOTES.replace("Paragraph 2:", "Paragraph 2 (ours):")
    theirs = NOTES.replace("Paragraph 9:" if case == "clean" else "Paragraph 2:", "Paragraph 2 (theirs):")
    want_rc, want = git_merge_file(tmp_path / "git", NOTES, ours, theirs, *([f"--{style}"] if style else []))
    folder = repo / "direct"
    base, current, other = (write(folder / n, t) for n, t in (("b", NOTES), ("c", ours), ("o", theirs)))
    done = ps(repo, "merge", str(base), str(current), str(other), "notes.md")
    assert current.read_bytes() == want
    assert (done.returncode, want_rc) == ((0, 0) if case == "clean" else (1, 1))
    assert (b"|||||||" in want) == (style == "diff3" and case == "conflicting")


def test_git_merge_of_a_file_without_markers_goes_through_the_driver_unchanged(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    ours = NOTES.replace("Paragraph 2:", "Paragraph 2 (ours):")
    theirs = NOTES.replace("Paragraph 9:", "Paragraph 9 (theirs):")
    write(repo / "notes.md", NOTES)
    g(repo, "add", "-A")
    g(repo, "commit", "-q", "-m", "notes")
    g(repo, "checkout", "-q", "-b", "a")
    write(repo / "notes.md", theirs)
    g(repo, "commit", "-q", "-am", "theirs")
    g(repo, "checkout", "-q", "main")
    write(repo / "notes.md", ours)
    g(repo, "commit", "-q", "-am", "ours")
    assert g(repo, "check-attr", "merge", "--", "notes.md").stdout.strip().endswith("merge: plansync")
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-03", check=False)
    assert merged.returncode == 0, merged.stderr
    _, want = git_merge_file(tmp_path / "git", NOTES, ours, theirs)
    assert (repo / "notes.md").read_bytes() == want


def test_crlf_file_without_markers_is_git_merge_file_byte_for_byte(tmp_path: Path) -> None:
    base = NOTES.replace("\n", "\r\n")
    ours = base.replace("Paragraph 2:", "Paragraph 2 (ours):")
    theirs = base.replace("Paragraph 2:", "Paragraph 2 (theirs):")
    _, want = git_merge_file(tmp_path, base, ours, theirs)
    got = merge_plans([s.encode() for s in (base, ours, theirs)], tmp_path / "n.md", None, 7, "2025-11-03")
    assert (got.data, got.conflicts) == (want, 1)


# --- merge_plans directly -----------------------------------------------------------------------

DAY = "2025-11-10"


def synced(text: str, day: str = DAY) -> str:
    return sync_text(text, dates=offline_dates(text, day))


def with_ticks(text: str, tasks: set[str] | list[str] | tuple[str, ...]) -> str:
    for task in tasks:
        text = text.replace(f"- [ ] {task}\n", f"{ticked(task)}\n", 1)
    return text


def test_merge_plans_of_three_equal_versions_changes_nothing(tmp_path: Path) -> None:
    base = synced(PLAN, BASE_DAY).encode()
    merged = merge_plans([base, base, base], tmp_path / "plan.md", None, 7, DAY)
    assert merged == (base, 0)


def test_merge_plans_conflict_keeps_currents_bodies_and_marker_size(tmp_path: Path) -> None:
    base = synced(PLAN, BASE_DAY)
    line = "- [ ] cure the concrete"
    ours = synced(with_ticks(base, ["hang the joists"]).replace(line, line + " (ours)"))
    theirs = synced(with_ticks(base, ["fix the rafters"]).replace(line, line + " (theirs)"))
    merged = merge_plans([s.encode() for s in (base, ours, theirs)], tmp_path / "p.md", None, 9, DAY)
    text = merged.data.decode()
    assert merged.conflicts == 1
    assert "\n<<<<<<<<< ours\n" in text and "\n>>>>>>>>> theirs\n" in text
    for name in REGIONS:
        assert region(text, name) == region(ours, name)


def test_merge_plans_falls_back_to_git_on_a_version_plansync_refuses(tmp_path: Path) -> None:
    base = synced(PLAN, BASE_DAY)
    ours = with_ticks(base, ["hang the joists"])
    broken = base.replace("<!-- plansync:end milestones -->\n", "") + "\nmore notes\n"  # unclosed region
    versions = [s.encode() for s in (base, ours, broken)]
    got = merge_plans(versions, tmp_path / "p.md", None, 7, DAY)
    assert got == merge_file(versions, None, 7)


def test_same_text_tasks_keep_their_own_stamps(tmp_path: Path) -> None:
    plan = STAMPED.replace("### 1.3 Drainage\n\n", "### 1.3 Drainage\n\n- [ ] tidy the site\n").replace(
        "### 2.2 Walls\n\n", "### 2.2 Walls\n\n- [ ] tidy the site\n"
    )
    base = synced(plan, BASE_DAY)
    base = synced(base.replace("- [ ] tidy the site", ticked("tidy the site"), 1), "2025-11-01")
    base = synced(base.replace("- [ ] tidy the site", ticked("tidy the site"), 1), "2025-11-03")
    tidy = ["- [x] tidy the site ✅ 2025-11-01", "- [x] tidy the site ✅ 2025-11-03"]
    assert [line for line in base.split("\n") if "tidy" in line and line.startswith("- [")] == tidy
    ours = synced(with_ticks(base, ["hang the joists"]), "2025-11-04")
    theirs = synced(with_ticks(base, ["fix the rafters"]), "2025-11-05")
    merged = merge_plans([s.encode() for s in (base, ours, theirs)], tmp_path / "plan.md", None, 7, DAY)
    lines = merged.data.decode().split("\n")
    assert merged.conflicts == 0
    assert [line for line in lines if "tidy" in line and line.startswith("- [")] == tidy


def test_final_newline_follows_current_with_a_stamped_last_line(tmp_path: Path) -> None:
    base = synced(STAMPED.replace("- [ ] lay the metal roofing\n", "- [x] lay the metal roofing"), BASE_DAY)
    assert base.endswith("- [x] lay the metal roofing ✅ 2025-10-22")
    ours = synced(with_ticks(base, ["hang the joists"]))
    theirs = synced(with_ticks(base, ["pour the footings"]))
    merged = merge_plans([s.encode() for s in (base, ours, theirs)], tmp_path / "plan.md", None, 7, DAY)
    assert merged.conflicts == 0
    assert merged.data.decode().endswith("- [x] lay the metal roofing ✅ 2025-10-22")


def test_final_newline_follows_current_without_stamps(tmp_path: Path) -> None:
    base = synced(PLAN.replace("- [ ] lay the metal roofing\n", "- [ ] lay the metal roofing"), BASE_DAY)
    ours = synced(with_ticks(base, ["hang the joists"]))
    theirs = synced(with_ticks(base, ["pour the footings"]))
    merged = merge_plans([s.encode() for s in (base, ours, theirs)], tmp_path / "plan.md", None, 7, DAY)
    assert merged.data.decode().endswith("\n- [ ] lay the metal roofing")


def test_milestones_marker_with_trailing_blanks_keeps_recorded_dates(tmp_path: Path) -> None:
    plan = PLAN.replace("<!-- plansync:begin milestones -->", "<!-- plansync:begin milestones -->  ")
    base = synced(plan, BASE_DAY)
    ours = synced(with_ticks(base, ["cut the birdsmouths", "fix the rafters"]), "2025-11-04")
    theirs = synced(with_ticks(base, ["nail the sheathing", "lay the metal roofing"]), "2025-11-05")
    merged = merge_plans([s.encode() for s in (base, ours, theirs)], tmp_path / "plan.md", None, 7, DAY)
    entries = milestones(merged.data.decode())
    assert "- 2025-10-22 — 1.1 Survey" in entries
    assert "- 2025-11-04 — 3.1 Rafters" in entries
    assert "- 2025-11-05 — 3.2 Covering" in entries


# --- 12. property: the merge is the sync of the union of both sides' ticks -----------------------

LOOSE = """# Orchard plan

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

<!-- plansync:begin progress -->
<!-- plansync:end progress -->

<!-- plansync:begin milestones -->
<!-- plansync:end milestones -->

## Phase 1: Ground

### 1.1 Soil

- [x] test the soil

- [ ] spread the compost

- [ ] dig the holes

### 1.2 Fence

- [ ] set the posts

- [ ] hang the netting

## Phase 2: Trees

### 2.1 Planting

- [ ] plant the apples

- [ ] plant the pears

- [ ] stake the young trees

### 2.2 Care

- [ ] mulch the rows

- [ ] water weekly
"""
OPEN = re.findall(r"(?m)^- \[ \] (.*)$", LOOSE)
LOOSE_BASE = synced(LOOSE, BASE_DAY)
SUMMARY_TASKS = st.sets(st.sampled_from(OPEN))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ours=SUMMARY_TASKS, theirs=SUMMARY_TASKS)
def test_merge_is_the_sync_of_the_union_of_ticks(tmp_path: Path, ours: set[str], theirs: set[str]) -> None:
    path = tmp_path / "plan.md"
    mine, other = synced(with_ticks(LOOSE_BASE, ours)), synced(with_ticks(LOOSE_BASE, theirs))
    merged = merge_plans([s.encode() for s in (LOOSE_BASE, mine, other)], path, None, 7, DAY)
    want = synced(with_ticks(LOOSE_BASE, ours | theirs))
    assert merged.conflicts == 0
    text = merged.data.decode()
    assert done_tasks(text) == done_tasks(want) == {"test the soil", *ours, *theirs}
    assert text == want
