"""Region markers: the broken-layout table (exact messages, file untouched) and splicing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import plansync
from plansync.cli.app import main as cli_main
from plansync.document.parse import parse_document
from plansync.document.text import Text
from plansync.errors import MarkerError
from plansync.regions.markers import find_regions
from plansync.regions.splice import splice

HEAD = "# Plan\n\n- [x] one\n- [ ] two\n\n"
B, E = "<!-- plansync:begin summary -->", "<!-- plansync:end summary -->"

UNCLOSED_SUMMARY = (
    "region summary (line 6) is never closed: add <!-- plansync:end summary --> "
    "where its generated text ends,"
)

# (name, body after HEAD, [(line, message), ...]) -- HEAD takes lines 1-5, so markers start at line 6.
BROKEN = [
    (
        "begin without end",
        f"{B}\n",
        [(6, "plansync:begin summary is never closed (add <!-- plansync:end summary -->)")],
    ),
    ("end without begin", f"{E}\n", [(6, "plansync:end summary without a matching plansync:begin")]),
    (
        "end before begin",
        f"{E}\n{B}\n",
        [
            (6, "plansync:end summary without a matching plansync:begin"),
            (7, "plansync:begin summary is never closed (add <!-- plansync:end summary -->)"),
        ],
    ),
    (
        "duplicate begin",
        f"{B}\n{B}\n{E}\n",
        [(7, "duplicate plansync:begin summary (first at line 6); regions cannot nest")],
    ),
    ("duplicate end", f"{B}\n{E}\n{E}\n", [(8, "plansync:end summary without a matching plansync:begin")]),
    (
        "crossed",
        "<!-- plansync:begin summary -->\n<!-- plansync:begin progress -->\n"
        "<!-- plansync:end summary -->\n<!-- plansync:end progress -->\n",
        [
            (7, "plansync:begin progress inside region summary (first at line 6); regions cannot nest"),
            (9, "plansync:end progress without a matching plansync:begin"),
        ],
    ),
    (
        "nested",
        f"{B}\n<!-- plansync:begin progress -->\n<!-- plansync:end progress -->\n{E}\n",
        [
            (7, "plansync:begin progress inside region summary (first at line 6); regions cannot nest"),
            (8, "plansync:end progress does not match plansync:begin summary at line 6"),
            (9, "plansync:end summary without a matching plansync:begin"),
        ],
    ),
    # An end marker deleted before the next region: no end of the open region follows, so the
    # next begin is no nesting. The problem is named where the end most likely belongs.
    (
        "end deleted before the next region",
        f"{B}\n\nold body\n\n<!-- plansync:begin progress -->\n<!-- plansync:end progress -->\n",
        [(10, f"{UNCLOSED_SUMMARY} before this plansync:begin progress")],
    ),
    (
        "end deleted, the same region again later",
        f"{B}\n<!-- plansync:begin progress -->\n<!-- plansync:end progress -->\n{B}\n{E}\n",
        [(7, f"{UNCLOSED_SUMMARY} before this plansync:begin progress")],
    ),
    (
        "two ends deleted",
        f"{B}\n<!-- plansync:begin progress -->\n"
        "<!-- plansync:begin chart -->\n<!-- plansync:end chart -->\n",
        [
            (7, f"{UNCLOSED_SUMMARY} before this plansync:begin progress"),
            (
                8,
                "region progress (line 7) is never closed: add <!-- plansync:end progress --> "
                "where its generated text ends, before this plansync:begin chart",
            ),
        ],
    ),
    (
        "end deleted before the last region, which is open too",
        f"{B}\n<!-- plansync:begin progress -->\n",
        [
            (7, f"{UNCLOSED_SUMMARY} before this plansync:begin progress"),
            (7, "plansync:begin progress is never closed (add <!-- plansync:end progress -->)"),
        ],
    ),
    (
        "misnamed end",
        f"{B}\n<!-- plansync:end progress -->\n",
        [(7, "plansync:end progress does not match plansync:begin summary at line 6")],
    ),
    (
        "trailing text",
        f"{B} notes\n{E}\n",
        [
            (6, "text after the marker would be lost; move it to its own line"),
            (7, "plansync:end summary without a matching plansync:begin"),
        ],
    ),
    (
        "unterminated",
        "<!-- plansync:begin summary\n\n- [ ] hidden\n",
        [(6, "unterminated marker: '-->' must close it on the same line")],
    ),
    (
        "upper case",
        "<!-- plansync:BEGIN summary -->\n",
        [
            (
                6,
                "malformed marker; expected exactly '<!-- plansync:begin NAME [key=value ...] -->' "
                "or '<!-- plansync:end NAME -->' (lowercase, single spaces)",
            )
        ],
    ),
    (
        "no spaces",
        "<!--plansync:begin summary-->\n",
        [
            (
                6,
                "malformed marker; expected exactly '<!-- plansync:begin NAME [key=value ...] -->' "
                "or '<!-- plansync:end NAME -->' (lowercase, single spaces)",
            )
        ],
    ),
    (
        "unknown region",
        "<!-- plansync:begin roadmap -->\n<!-- plansync:end roadmap -->\n",
        [
            (6, "unknown region 'roadmap' (known: chart, dashboard, milestones, progress, summary)"),
            (7, "unknown region 'roadmap' (known: chart, dashboard, milestones, progress, summary)"),
        ],
    ),
    (
        "unknown option",
        "<!-- plansync:begin summary depth=phases -->\n" + E + "\n",
        [(6, "unknown option 'depth' for region 'summary' (known: lang, source, stamp)")],
    ),
    (
        "bad option value",
        "<!-- plansync:begin progress depth=all -->\n<!-- plansync:end progress -->\n",
        [(6, "option depth=all: expected one of phases, sections")],
    ),
    (
        "option twice",
        "<!-- plansync:begin progress lang=en lang=zh -->\n<!-- plansync:end progress -->\n",
        [(6, "an option is given twice")],
    ),
    (
        "option on end",
        f"{B}\n<!-- plansync:end summary lang=en -->\n",
        [(7, "options belong on the begin marker, not the end marker")],
    ),
    # CommonMark ends the outer comment at the first '-->', so the end marker below it is live.
    (
        "comment holding both markers",
        f"<!--\nold notes\n{B}\n{E}\n-->\n",
        [(9, "plansync:end summary without a matching plansync:begin")],
    ),
    (
        "begin in a list item, end at top",
        f"- item\n\n  {B}\n\n{E}\n",
        [(10, "plansync:end summary without a matching plansync:begin")],
    ),
]


@pytest.mark.parametrize(("name", "body", "expected"), BROKEN, ids=[c[0] for c in BROKEN])
def test_broken_layout_is_refused_with_exact_messages(
    name: str, body: str, expected: list[tuple[int, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(HEAD + body, encoding="utf-8")
    before = plan.read_bytes(), plan.stat().st_mtime_ns
    with pytest.raises(SystemExit) as exit_info:
        cli_main(["sync", str(plan)])
    assert exit_info.value.code == 2
    assert (plan.read_bytes(), plan.stat().st_mtime_ns) == before
    lines = capsys.readouterr().err.splitlines()
    assert lines == [f"{plan}:{line}:1: {message}" for line, message in expected]


@pytest.mark.parametrize(
    "container",
    [
        "```markdown\n{B}\n- [x] decoy\n{E}\n```\n",  # fenced code
        "    {B}\n    {E}\n",  # indented code
        "<!--\nold notes\n{B}\n",  # inside a larger comment (which ends at the marker's own -->)
        "- {B}\n- {E}\n",  # inside list items
        "> {B}\n>\n> {E}\n",  # inside a quote
        "Paragraph text {B} inline {E}\n",  # inline in a paragraph
    ],
    ids=["fence", "indented", "comment", "list", "quote", "inline"],
)
def test_marker_copies_in_containers_are_not_markers(container: str) -> None:
    text = HEAD + container.format(B=B, E=E)
    plan = plansync.parse(text)
    assert plan.regions == ()
    assert plansync.sync_text(text) == text


def test_unrelated_plansync_comment_is_not_a_marker() -> None:
    text = HEAD + "<!-- plansync: ignore PS201 -->\n"
    assert plansync.parse(text).regions == ()


def test_regions_pair_in_order_with_options() -> None:
    text = (
        HEAD
        + f"{B}\n{E}\n\n"
        + "<!-- plansync:begin progress depth=sections lang=en -->\n<!-- plansync:end progress -->\n"
    )
    regions = find_regions(parse_document(text).markers)
    assert [(r.name, r.begin_line, r.end_line) for r in regions] == [("summary", 6, 7), ("progress", 9, 10)]
    assert regions[1].option("depth") == "sections" and regions[1].option("lang") == "en"
    assert regions[0].option("lang") is None


def test_all_problems_are_reported_at_once() -> None:
    text = HEAD + f"{E}\n<!-- plansync:begin nope -->\n"
    with pytest.raises(MarkerError) as info:
        plansync.parse(text)
    assert [p.line for p in info.value.problems] == [6, 7]


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_splice_changes_only_the_bytes_between_markers(eol: str) -> None:
    text = (f"intro{eol}{B}{eol}old body{eol}more{eol}{E}tail-kept{eol}end").replace("tail-kept", "")
    regions = find_regions(parse_document(text).markers)
    new = splice(Text(text), regions, {0: f"{eol}fresh{eol}{eol}"})
    assert new == f"intro{eol}{B}{eol}{eol}fresh{eol}{eol}{E}{eol}end"


def test_splice_of_adjacent_markers_inserts_between_them() -> None:
    text = f"{B}\n{E}"
    regions = find_regions(parse_document(text).markers)
    assert splice(Text(text), regions, {0: "x\n"}) == f"{B}\nx\n{E}"


def test_a_deleted_end_mid_file_is_named_and_the_file_untouched(tmp_path: Path) -> None:
    """The common slip: the end of a region deleted while a complete region follows it."""
    plan = tmp_path / "plan.md"
    plan.write_text(
        HEAD + "<!-- plansync:begin progress -->\n<!-- plansync:end progress -->\n\n"
        "<!-- plansync:begin chart -->\n<!-- plansync:end chart -->\n",
        encoding="utf-8",
    )
    assert subprocess_sync(plan).returncode == 0
    broken = plan.read_text(encoding="utf-8").replace("<!-- plansync:end progress -->\n", "")
    plan.write_text(broken, encoding="utf-8")
    chart = broken.splitlines().index("<!-- plansync:begin chart -->") + 1
    done = subprocess_sync(plan)
    assert done.returncode == 2
    assert done.stderr == (
        f"{plan}:{chart}:1: region progress (line 6) is never closed: add <!-- plansync:end progress --> "
        "where its generated text ends, before this plansync:begin chart\n"
    )
    assert plan.read_text(encoding="utf-8") == broken


def subprocess_sync(plan: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plansync", "sync", str(plan)], capture_output=True, text=True, check=False
    )
