"""``plansync init``: where the empty regions go, and the file-level preview and write."""

from __future__ import annotations

from pathlib import Path

import pytest

import plansync
from plansync.api import InitPreview, init_file
from plansync.document.text import Text, split_lines
from plansync.edits.insertion import choose_heading, insert_regions
from plansync.errors import PlansyncError

BS, ES = "<!-- plansync:begin summary -->", "<!-- plansync:end summary -->"
BP, EP = "<!-- plansync:begin progress -->", "<!-- plansync:end progress -->"


def block(eol: str = "\n") -> str:
    return eol.join([BS, ES, "", BP, EP]) + eol


# (name, text, under, eol, expected text with BLOCK standing for the inserted lines)
CASES = [
    (
        "progress heading",
        "# Plan\n\n## Progress\n\nSome text.\n\n## Phase 1\n\n- [x] a\n- [ ] b\n",
        None,
        "\n",
        "# Plan\n\n## Progress\n\nBLOCK\nSome text.\n\n## Phase 1\n\n- [x] a\n- [ ] b\n",
    ),
    (
        "heading directly followed by text",
        "# Plan\n\n## Status\nSome text.\n\n## Phase 1\n\n- [ ] b\n",
        None,
        "\n",
        "# Plan\n\n## Status\n\nBLOCK\nSome text.\n\n## Phase 1\n\n- [ ] b\n",
    ),
    (
        "chinese heading",
        "# 计划\n\n## 学习进度\n\n## 第一阶段\n\n- [x] 甲\n- [ ] 乙\n",
        None,
        "\n",
        "# 计划\n\n## 学习进度\n\nBLOCK\n## 第一阶段\n\n- [x] 甲\n- [ ] 乙\n",
    ),
    (
        "under picks roadmap",
        "# Plan\n\n## Progress\n\n## Roadmap\n\n## Phase 1\n\n- [ ] b\n",
        "Roadmap",
        "\n",
        "# Plan\n\n## Progress\n\n## Roadmap\n\nBLOCK\n## Phase 1\n\n- [ ] b\n",
    ),
    (
        "under with hashes and other case",
        "# Plan\n\n## Progress\n\n## Roadmap\n\n## Phase 1\n\n- [ ] b\n",
        "## roadMAP",
        "\n",
        "# Plan\n\n## Progress\n\n## Roadmap\n\nBLOCK\n## Phase 1\n\n- [ ] b\n",
    ),
    (
        "no matching heading",
        "# Plan\n\n- [x] a\n- [ ] b\n",
        None,
        "\n",
        "# Plan\n\n- [x] a\n- [ ] b\n\nBLOCK",
    ),
    (
        "no heading, trailing blank line",
        "# Plan\n\n- [x] a\n- [ ] b\n\n",
        None,
        "\n",
        "# Plan\n\n- [x] a\n- [ ] b\n\nBLOCK",
    ),
    (
        "no heading, no final newline",
        "# Plan\n\n- [x] a\n- [ ] b",
        None,
        "\n",
        "# Plan\n\n- [x] a\n- [ ] b\n\nBLOCK",
    ),
    (
        "heading on the last line, no final newline",
        "# Plan\n\n- [x] a\n\n## Progress",
        None,
        "\n",
        "# Plan\n\n- [x] a\n\n## Progress\n\nBLOCK",
    ),
    (
        "crlf",
        "# Plan\r\n\r\n## Progress\r\n\r\n- [x] a\r\n- [ ] b\r\n",
        None,
        "\r\n",
        "# Plan\r\n\r\n## Progress\r\n\r\nBLOCK\r\n- [x] a\r\n- [ ] b\r\n",
    ),
    (
        "crlf, no heading, no final newline",
        "# Plan\r\n\r\n- [x] a\r\n- [ ] b",
        None,
        "\r\n",
        "# Plan\r\n\r\n- [x] a\r\n- [ ] b\r\n\r\nBLOCK",
    ),
    (
        "setext heading",
        "Plan\n====\n\nProgress\n========\n- [x] a\n- [ ] b\n",
        None,
        "\n",
        "Plan\n====\n\nProgress\n========\n\nBLOCK\n- [x] a\n- [ ] b\n",
    ),
    (
        "setext heading, crlf",
        "Plan\r\n====\r\n\r\nProgress\r\n--------\r\n\r\n- [ ] b\r\n",
        None,
        "\r\n",
        "Plan\r\n====\r\n\r\nProgress\r\n--------\r\n\r\nBLOCK\r\n- [ ] b\r\n",
    ),
    (
        "empty file",
        "",
        None,
        "\n",
        "BLOCK",
    ),
]


@pytest.mark.parametrize(("text", "under", "eol", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_insert_regions(text: str, under: str | None, eol: str, want: str) -> None:
    result, line = insert_regions(Text(text), plansync.parse(text), under, eol)
    assert result == want.replace("BLOCK", block(eol))
    # The reported line is the begin-summary marker's.
    assert split_lines(result)[line - 1].rstrip("\r\n") == BS
    # Nothing of the original text is lost.
    assert result.replace(block(eol), "", 1).replace(eol, "") == text.replace(eol, "")


@pytest.mark.parametrize(("text", "under", "eol"), [c[1:4] for c in CASES], ids=[c[0] for c in CASES])
def test_inserted_regions_sync(text: str, under: str | None, eol: str) -> None:
    result, _ = insert_regions(Text(text), plansync.parse(text), under, eol)
    plan = plansync.parse(result)
    assert [r.name for r in plan.regions] == ["summary", "progress"]
    synced = plansync.sync_text(result)
    assert synced != result
    again = plansync.parse(synced)
    assert len(again.regions) == 2
    for region in again.regions:
        assert region.end_line - region.begin_line > 2, f"{region.name} was not filled"
    assert plansync.sync_text(synced) == synced
    if eol == "\r\n":
        assert synced.count("\n") == synced.count("\r\n")


def test_crlf_inserted_lines_use_crlf() -> None:
    text = "# Plan\r\n\r\n## Progress\r\n- [ ] a\r\n"
    result, _ = insert_regions(Text(text), plansync.parse(text), None, "\r\n")
    assert "\n" not in result.replace("\r\n", "")
    assert f"{BS}\r\n{ES}\r\n" in result


@pytest.mark.parametrize("under", ["Roadmap", "## Nowhere", "进度"])
def test_unknown_under_raises(under: str) -> None:
    text = "# Plan\n\n## Progress\n\n- [ ] a\n"
    with pytest.raises(PlansyncError, match=f"no heading matches '{under}'"):
        insert_regions(Text(text), plansync.parse(text), under, "\n")


# ------------------------------------------------------------------------------------------ init_file

PLAN = "# Plan\n\n## Progress\n\n## Phase 1\n\n- [x] a\n- [ ] b\n"


def test_init_file_preview_does_not_write(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_bytes(PLAN.encode())
    preview = init_file(path, None, write=False)
    assert isinstance(preview, InitPreview)
    assert path.read_bytes() == PLAN.encode()
    assert preview.text != PLAN
    assert len(plansync.parse(preview.text).regions) == 2
    assert plansync.sync_text(preview.text) == preview.text
    assert preview.diff.startswith(f"--- a/{path}\n+++ b/{path}\n")
    assert f"+{BS}\n" in preview.diff
    assert f"+{EP}\n" in preview.diff
    assert "\n-" not in preview.diff.split("\n", 2)[2]  # only additions


def test_init_file_write_writes_the_preview(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_bytes(PLAN.encode())
    preview = init_file(path, "Progress", write=True)
    assert preview is not None
    assert path.read_bytes() == preview.text.encode()
    assert [r.name for r in plansync.load(path).regions] == ["summary", "progress"]


def test_init_file_keeps_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    text = PLAN.replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    preview = init_file(path, None, write=True)
    assert preview is not None
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n")


def test_init_file_with_regions_returns_none_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_bytes(PLAN.encode())
    assert init_file(path, None, write=True) is not None
    done = path.read_bytes()
    for write in (False, True):
        assert init_file(path, None, write=write) is None
        assert path.read_bytes() == done


def test_init_file_unknown_under_is_located(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_bytes(PLAN.encode())
    with pytest.raises(PlansyncError) as exc:
        init_file(path, "Nowhere", write=True)
    assert exc.value.path == str(path)
    assert path.read_bytes() == PLAN.encode()


# ------------------------------------------------------------------------------------ choose_heading

# (title of the heading before "## Work", the title init picks or None). Latin words match whole;
# CJK, written without spaces, matches inside a longer title.
HEADINGS = [
    ("Progress", "Progress"),
    ("Progress log", "Progress log"),
    ("Project status", "Project status"),
    ("STATUS", "STATUS"),
    ("Work in-progress", "Work in-progress"),
    ("Progressive Web App", None),
    ("The progression", None),
    ("Statuses of the jobs", None),
    ("Workprogress", None),
    ("进度", "进度"),
    ("学习进度跟踪", "学习进度跟踪"),
    ("当前状态", "当前状态"),
    ("進捗状況", "進捗状況"),
    ("진행 상황", "진행 상황"),
    ("학습 상태", "학습 상태"),
]


@pytest.mark.parametrize(("title", "chosen"), HEADINGS, ids=[h[0] for h in HEADINGS])
def test_choose_heading_matches_progress_and_status_words(title: str, chosen: str | None) -> None:
    plan = plansync.parse(f"# Plan\n\n## {title}\n\n## Work\n\n- [ ] a\n")
    heading = choose_heading(plan, None)
    assert (heading.title if heading else None) == chosen


def test_a_heading_that_only_starts_like_progress_is_passed_over() -> None:
    """'### Progressive enhancement' holds tasks; the regions go under '## Progress log' after it."""
    text = (
        "# App\n\n## Phase 1\n\n- [x] repo\n\n### Progressive enhancement\n\n- [ ] manifest\n\n"
        "## Progress log\n\nNumbers below.\n"
    )
    result, line = insert_regions(Text(text), plansync.parse(text), None, "\n")
    assert result == text.replace("## Progress log\n\n", "## Progress log\n\n" + block() + "\n")
    assert split_lines(result)[line - 3] == "## Progress log\n"
