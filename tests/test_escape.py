"""Text copied into regions: what GitHub shows as nothing stays out, markers stay unforgeable."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import plansync
from plansync.document.text import Text
from plansync.regions.escape import line_start, neutralize, table_cell
from plansync.regions.splice import region_body

J = "\u2060"  # the word joiner that breaks <!-- and --> apart


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A complete comment is invisible on GitHub: it goes, with the space it leaves.
        ("Offline mode <!-- dropped idea -->", "Offline mode"),
        ("<!-- why --> keep the rest", "keep the rest"),
        ("before <!-- one --> after", "before after"),
        ("glued<!-- x -->together", "gluedtogether"),
        ("tail<!-- x --> spaced", "tail spaced"),
        ("a <!-- multi\nline --> b", "a b"),
        ("<!--> and <!---> are empty comments", "and are empty comments"),
        ("<!-- has `code` inside --> text", "text"),  # the comment starts first: no code span
        ("<!-- c -->", ""),
        # Inside a code span a comment is code a reader sees: kept, its marker text broken.
        ("`<!-- kept -->` shown", f"`<!-{J}- kept -{J}->` shown"),
        # Escaped, it is text a reader sees: kept, the < stays escaped once.
        ("\\<!-- seen -->", f"\\<!-{J}- seen -{J}->"),
        # An escaped backslash before a real comment: the comment goes, the backslash stays.
        ("path\\\\<!-- gone -->", "path\\\\"),
        # Not complete comments: the joiner protection, as before.
        ("open <!-- never closed", f"open \\<!-{J}- never closed"),
        ("arrow --> only", f"arrow -{J}-> only"),
        ("<!-- a --> -->", f"-{J}->"),
        # Dropping a comment must not assemble marker text from what was around it.
        ("<!-<!-- x -->- a -->", f"\\<!-{J}- a -{J}->"),
        ("-<!-- x -->-> y", f"-{J}-> y"),
        # Anchors without href show only their text; empty elements show nothing.
        ('<a id="later"></a>Later', "Later"),
        ('Text with <a id="x"></a> an anchor', "Text with an anchor"),
        ('<a name="prep">Setup notes</a>', "Setup notes"),
        ("<span id=s1></span>Span", "Span"),
        ("<A ID='up'></A>Upper", "Upper"),
        # A line break becomes a space: a region writes each item on one line.
        ("first<br>second", "first second"),
        ("first <br/> second", "first second"),
        ("first<BR />second", "first second"),
        # HTML that shows something is kept as written.
        ('<a href="https://e.org">a link</a>', '<a href="https://e.org">a link</a>'),
        ("press <kbd>Ctrl</kbd>", "press <kbd>Ctrl</kbd>"),
        ("<sup>1</sup> note", "<sup>1</sup> note"),
        ("`<br>` in code", "`<br>` in code"),
        ("a < b and c > d", "a < b and c > d"),
    ],
)
def test_neutralize(text: str, expected: str) -> None:
    assert neutralize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# not a heading", "\\# not a heading"),
        ("- not a bullet", "\\- not a bullet"),
        ("+ plus", "\\+ plus"),
        ("* star", "\\* star"),
        ("1. Foo", "1\\. Foo"),
        ("2) Bar", "2\\) Bar"),
        ("> quoted", "\\> quoted"),
        ("<!-- c --> # heading after a comment", "\\# heading after a comment"),
        ("#hashtag", "#hashtag"),
        ("1.2 section", "1.2 section"),
        ("*emphasis*", "*emphasis*"),
        ("2025. a year", "2025\\. a year"),
        ("plain", "plain"),
    ],
)
def test_line_start_keeps_text_from_opening_a_block(text: str, expected: str) -> None:
    assert line_start(text) == expected


def test_table_cells_drop_comments_and_escape_pipes() -> None:
    assert table_cell("a | b <!-- c | d -->") == "a \\| b"


PLAN = """# Plan

## Phase 1: Start <!-- renamed later -->

### 1.1 Setup <a id="setup"></a>

- [x] install <!-- use the LTS -->
- [x] configure

### 1.2 Write

- [ ] Offline mode <!-- dropped idea -->
- [ ] <!-- no words --> # a hash first
- [ ] sync engine<br>with retries

## Phase 2: Ship

- [ ] release `<!-- literal -->` notes <!-- and this goes -->

## Status

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

<!-- plansync:begin progress depth=sections -->
<!-- plansync:end progress -->

<!-- plansync:begin milestones -->

- 2025-01-02 — 1.1 Setup

<!-- plansync:end milestones -->
"""


def _bodies(text: str) -> str:
    synced = plansync.sync_text(text)
    plan = plansync.parse(synced)
    return "".join(region_body(Text(synced), region) for region in plan.regions)


def test_comments_in_tasks_and_titles_do_not_show_in_any_region() -> None:
    bodies = _bodies(PLAN)
    for hidden in ("renamed later", "use the LTS", "dropped idea", "no words", "and this goes", 'id="setup"'):
        assert hidden not in bodies.replace(J, ""), hidden
    assert "- **Current phase**: Phase 1: Start (2/5)" in bodies
    assert "  - Offline mode (1.2 Write)" in bodies
    assert "  - \\# a hash first (1.2 Write)" in bodies
    assert "  - sync engine with retries (1.2 Write)" in bodies
    assert "| 1.1 Setup " in bodies
    assert "- 2025-01-02 — 1.1 Setup" in bodies
    assert "**Phase 1: Start**" in bodies


def test_a_comment_in_a_code_span_is_still_shown_and_still_harmless() -> None:
    plan = PLAN.replace("- [ ] Offline", "- [x] Offline").replace("- [ ] <!-- no", "- [x] <!-- no")
    plan = plan.replace("- [ ] sync engine", "- [x] sync engine")
    bodies = _bodies(plan)
    assert f"  - release `<!-{J}- literal -{J}->` notes (Phase 2: Ship)" in bodies


def test_output_is_a_fixed_point_of_sync_and_of_mdformat() -> None:
    mdformat = pytest.importorskip("mdformat")
    once = plansync.sync_text(PLAN)
    assert plansync.sync_text(once) == once
    assert plansync.check_text(once).stale_indices == []
    regions = once[once.index("<!-- plansync:begin summary") :]
    assert mdformat.text(regions, extensions={"gfm"}) == regions


PIECES = st.sampled_from(
    [
        "word",
        " ",
        "<!--",
        "-->",
        "<!-- note -->",
        "<!-->",
        "-",
        "<",
        "!",
        "`",
        "``",
        "`code`",
        "\\",
        '<a id="x"></a>',
        '<a name="y">',
        "</a>",
        "<br>",
        "<span>",
        "</span>",
        "plansync:end summary",
        "1.",
        "#",
        "|",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=12).map("".join))
def test_no_copied_text_can_spell_marker_text(text: str) -> None:
    for out in (neutralize(text), line_start(text), table_cell(text)):
        assert "<!--" not in out and "-->" not in out
        assert out == out.strip()


@settings(max_examples=60, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=8).map("".join))
def test_a_plan_with_any_such_task_text_syncs_to_a_fixed_point(text: str) -> None:
    regions = "<!-- plansync:begin summary -->\n<!-- plansync:end summary -->\n"
    plan = f"# P\n\n## Phase 1\n\n- [ ] {text}\n- [ ] other\n\n{regions}"
    try:
        once = plansync.sync_text(plan)
    except plansync.PlansyncError:
        return  # text that breaks the plan's markers is refused, not written
    assert plansync.sync_text(once) == once
    assert [r.name for r in plansync.parse(once).regions] == ["summary"]


def _best_of_five(work: Callable[[], object]) -> float:
    """The fastest of five runs: a pause of the machine's own only ever slows one run down."""
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


HOSTILE: dict[str, Callable[[int], str]] = {
    "unclosed comments": lambda n: "<!--" * (n // 4),
    "comment closers": lambda n: "-->" * (n // 3),
    "unclosed anchors": lambda n: "<a " * (n // 3),
    "unclosed quotes": lambda n: "<a x='" * (n // 6),
    "backticks and brackets": lambda n: "`a``b<" * (n // 6),
    "escaped comments": lambda n: "\\<!--" * (n // 5) + "-->",
    "breaks": lambda n: "<br " * (n // 4),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_costs_linear_time(name: str) -> None:
    # Sizes large enough that a run takes milliseconds, not the timer's noise.
    small, large = (HOSTILE[name](size) for size in (40_000, 160_000))
    ratio = _best_of_five(lambda: neutralize(large)) / max(_best_of_five(lambda: neutralize(small)), 1e-4)
    assert ratio < 8, f"{name}: 4x the text took {ratio:.1f}x the time"
