"""One table of rule cases: ``(code, name, markdown, expected)``.

``expected`` lists ``(line, col, message)`` of the diagnostics with that ``code`` only; an
empty list means the rule must stay silent on that markdown. ``tests/test_rules.py`` writes
each markdown to ``plan.md`` (beside an existing ``notes.md``; for PS208 beside a
``.plansync.toml`` with ``required-headings = REQUIRED_HEADINGS``) and checks it with
today fixed at ``TODAY``.
"""

from __future__ import annotations

TODAY = "2026-01-02"
#: ``required-headings`` written to ``.plansync.toml`` for the PS208 cases.
REQUIRED_HEADINGS = ("Goals", "Verification")
#: Files that exist beside ``plan.md`` in every case (PS401 links to them).
EXISTING_FILES = ("notes.md",)

Expected = list[tuple[int, int, str]]
Case = tuple[str, str, str, Expected]


def _md(*lines: str) -> str:
    """A document from its lines: line ``n`` of the text is ``lines[n - 1]``."""
    return "\n".join(lines) + "\n"


def _box(inside: str, state: str) -> str:
    return f"box '[{inside}]' is not a task box; write '[{state}]'"


_GLUED = "no blank between the list marker and the box"
_NO_BLANK_AFTER = "no blank after the box, so it is not a task"


def _state(state: str) -> str:
    return f"unknown task state '{state}'; plansync reads ' ', 'x', '/' and '-'"


_STALE_STAMP = "the task's ✅ stamp is missing or no longer true; `plansync sync` fixes it"

# A summary region exactly as `plansync sync` writes it for FRESH_TASKS.
_FRESH_SUMMARY = (
    "",
    "- **Current phase**: Phase 1 (1/2)",
    "- **Overall**: 1 of 2 tasks done (50%)",
    "- **Done**: none yet",
    "- **In progress**: Phase 1 (1/2)",
    "- **Next**:",
    "  - write the renderer (Phase 1)",
    "",
)
_STAMPED_SUMMARY = (*_FRESH_SUMMARY[:-2], "  - publish (Phase 1)", "")

CASES: list[Case] = [
    # PS101 not-a-task
    ("PS101", "blank-before-x", _md("# Plan", "", "- [ x] a"), [(3, 3, _box(" x", "x"))]),
    ("PS101", "blank-after-x", _md("# Plan", "", "- [x ] a"), [(3, 3, _box("x ", "x"))]),
    ("PS101", "empty-box", _md("# Plan", "", "- [] a"), [(3, 3, _box("", " "))]),
    ("PS101", "box-glued-to-bullet", _md("# Plan", "", "-[ ] a"), [(3, 1, _GLUED)]),
    ("PS101", "no-blank-after-box", _md("# Plan", "", "- [x]a"), [(3, 3, _NO_BLANK_AFTER)]),
    (
        "PS101",
        "ordered-quoted-and-nested-items",
        _md("# Plan", "", "1. [ x] a", "", "> - [x ] b", "", "- [ ] c", "  - [] d"),
        [(3, 4, _box(" x", "x")), (5, 5, _box("x ", "x")), (8, 5, _box("", " "))],
    ),
    ("PS101", "upper-case-x-is-written-lower", _md("# Plan", "", "* [X ] a"), [(3, 3, _box("X ", "x"))]),
    ("PS101", "real-task-passes", _md("# Plan", "", "- [x] a"), []),
    ("PS101", "link-item-passes", _md("# Plan", "", "- [link](x)"), []),
    (
        "PS101",
        "every-known-state-passes",
        _md("# Plan", "", "- [ ] a", "- [x] b", "- [X] c", "- [/] d", "- [-] e", "1. [x] f"),
        [],
    ),
    ("PS101", "reference-and-definition-pass", _md("# Plan", "", "- [x][ref] a", "- [x]: b"), []),
    (
        "PS101",
        "code-block-and-prose-pass",
        _md("# Plan", "", "```", "- [ x] a", "-[ ] b", "```", "", "Prose - [ x] c", "", "- `[ x]` d"),
        [],
    ),
    # PS102 unknown-state
    ("PS102", "check-mark-state", _md("# Plan", "", "- [✔] a"), [(3, 3, _state("✔"))]),
    ("PS102", "arrow-state", _md("# Plan", "", "- [>] a"), [(3, 3, _state(">"))]),
    ("PS102", "question-state-in-quote", _md("# Plan", "", "> 1. [?] a"), [(3, 6, _state("?"))]),
    ("PS102", "known-states-pass", _md("# Plan", "", "- [ ] a", "- [x] b", "- [/] c", "- [-] d"), []),
    ("PS102", "link-item-passes", _md("# Plan", "", "- [link](x) a", "- [>](y) b"), []),
    # PS201 duplicate-number
    (
        "PS201",
        "same-section-number-twice",
        _md("# Plan", "", "## Phase 1", "", "### 1.2 Tooling", "", "- [ ] a", "", "### 1.2 Tooling again",
            "", "- [ ] b"),
        [(9, 1, "section number 1.2 is used twice (first at line 5)")],
    ),
    (
        "PS201",
        "distinct-numbers-pass",
        _md("# Plan", "", "## Phase 1", "", "### 1.1 Tooling", "", "- [ ] a", "", "### 1.2 More tooling",
            "", "- [ ] b"),
        [],
    ),
    # PS202 skipped-number
    (
        "PS202",
        "one-one-then-one-three",
        _md("# Plan", "", "## Phase 1", "", "### 1.1 Setup", "", "- [ ] a", "", "### 1.3 Release", "",
            "- [ ] b", "", "## Phase 2", "", "### 2.1 Later", "", "- [ ] c"),
        [(9, 1, "section 1.3 follows 1.1; 1.2 is missing")],
    ),
    (
        "PS202",
        "first-section-is-not-one",
        _md("# Plan", "", "## Phase 1", "", "### 1.2 Setup", "", "- [ ] a", "", "## Phase 2", "",
            "### 2.1 Later", "", "- [ ] c"),
        [(5, 1, "section 1.2 comes first; 1.1 is missing")],
    ),
    (
        "PS202",
        "consecutive-numbers-pass",
        _md("# Plan", "", "## Phase 1", "", "### 1.1 Setup", "", "- [ ] a", "", "### 1.2 Release", "",
            "- [ ] b", "", "## Phase 2", "", "### 2.1 Later", "", "- [ ] c"),
        [],
    ),
    # PS203 out-of-order
    (
        "PS203",
        "one-three-then-one-two",
        _md("# Plan", "", "## Phase 1", "", "### 1.3 Release", "", "- [ ] a", "", "### 1.2 Testing", "",
            "- [ ] b", "", "## Phase 2", "", "### 2.1 Later", "", "- [ ] c"),
        [(9, 1, "section 1.2 comes after 1.3; numbers go backwards")],
    ),
    (
        "PS203",
        "ascending-numbers-pass",
        _md("# Plan", "", "## Phase 1", "", "### 1.2 Testing", "", "- [ ] a", "", "### 1.3 Release", "",
            "- [ ] b", "", "## Phase 2", "", "### 2.1 Later", "", "- [ ] c"),
        [],
    ),
    # PS204 wrong-phase
    (
        "PS204",
        "three-one-under-phase-two",
        _md("# Plan", "", "## Phase 1: Basics", "", "### 1.1 Parser", "", "- [ ] a", "",
            "## Phase 2: Features", "", "### 3.1 Renderer", "", "- [ ] b"),
        [(11, 1, "section 3.1 sits under phase 2 (Phase 2: Features, line 9)")],
    ),
    (
        "PS204",
        "two-one-under-phase-two-passes",
        _md("# Plan", "", "## Phase 1: Basics", "", "### 1.1 Parser", "", "- [ ] a", "",
            "## Phase 2: Features", "", "### 2.1 Renderer", "", "- [ ] b"),
        [],
    ),
    # PS205 phase-gap
    (
        "PS205",
        "chinese-first-then-third",
        _md("# 学习计划", "", "## 第一阶段", "", "- [ ] 读书", "", "## 第三阶段", "", "- [ ] 写作"),
        [(7, 1, "phase 3 follows phase 1: the numbering skips")],
    ),
    (
        "PS205",
        "phase-repeats",
        _md("# Plan", "", "## Phase 1", "", "- [ ] a", "", "## Phase 1 again", "", "- [ ] b"),
        [(7, 1, "phase 1 follows phase 1: the numbering repeats")],
    ),
    (
        "PS205",
        "phase-goes-backwards",
        _md("# Plan", "", "## Phase 2", "", "- [ ] a", "", "## Phase 1", "", "- [ ] b"),
        [(7, 1, "phase 1 follows phase 2: the numbering goes backwards")],
    ),
    (
        "PS205",
        "chinese-first-then-second-passes",
        _md("# 学习计划", "", "## 第一阶段", "", "- [ ] 读书", "", "## 第二阶段", "", "- [ ] 写作"),
        [],
    ),
    # PS206 heading-jump
    (
        "PS206",
        "three-then-five",
        _md("# Plan", "", "## Phase 1", "", "### 1.1 Parser", "", "##### 1.2 Renderer", "", "- [ ] a"),
        [(7, 1, "heading level jumps from 3 to 5")],
    ),
    (
        "PS206",
        "one-level-deeper-passes",
        _md("# Plan", "", "## Phase 1", "", "### 1.1 Parser", "", "#### Notes", "", "## Phase 2", "",
            "- [ ] a"),
        [],
    ),
    # PS207 empty-phase
    (
        "PS207",
        "phase-three-without-tasks",
        _md("# Plan", "", "## Phase 1", "", "- [ ] a", "", "## Phase 2", "", "- [ ] b", "", "## Phase 3",
            "", "Coming soon."),
        [(11, 1, "phase 3 has no tasks")],
    ),
    (
        "PS207",
        "unnumbered-and-number-first-headings-pass",
        _md("# Plan", "", "## Phase 1", "", "- [ ] a", "", "## Phase 2", "", "- [ ] b", "", "## Notes", "",
            "## 3 Appendix"),
        [],
    ),
    # PS208 missing-heading (REQUIRED_HEADINGS in .plansync.toml)
    (
        "PS208",
        "phase-two-lacks-verification",
        _md("# Plan", "", "## Phase 1", "", "### Goals", "", "- [ ] a", "", "### Verification", "",
            "- [ ] b", "", "## Phase 2", "", "### Goals", "", "- [ ] c"),
        [(13, 1, "phase has no heading matching 'Verification'")],
    ),
    (
        "PS208",
        "every-phase-has-both",
        _md("# Plan", "", "## Phase 1", "", "### Goals", "", "- [ ] a", "", "### Verification", "",
            "- [ ] b", "", "## Phase 2", "", "### Goals", "", "- [ ] c", "", "### Verification steps"),
        [],
    ),
    # PS301 done-with-open-subtasks
    (
        "PS301",
        "done-parent-open-children",
        _md("# Plan", "", "- [x] add the formatter", "  - [ ] configure it", "  - [x] install it",
            "  - [/] document it"),
        [(3, 1, "task is done but subtasks on line 4, 6 are not")],
    ),
    (
        "PS301",
        "done-parent-open-grandchild",
        _md("# Plan", "", "- [x] ship", "  - [x] build", "    - [ ] sign"),
        [(3, 1, "task is done but subtasks on line 5 are not"),
         (4, 1, "task is done but subtasks on line 5 are not")],
    ),
    (
        "PS301",
        "open-parent-and-done-family-pass",
        _md("# Plan", "", "- [ ] add the formatter", "  - [ ] configure it", "- [x] ship", "  - [x] build",
            "  - [-] sign"),
        [],
    ),
    # PS302 open-with-done-subtasks
    (
        "PS302",
        "open-parent-done-children",
        _md("# Plan", "", "- [ ] ship the release", "  - [x] tag it", "  - [x] publish it", "  - [-] tweet"),
        [(3, 3, "every subtask is done but this task is open")],
    ),
    (
        "PS302",
        "some-child-open-passes",
        _md("# Plan", "", "- [ ] ship the release", "  - [x] tag it", "  - [ ] publish it",
            "- [ ] drop it", "  - [-] only cancelled", "- [/] doing", "  - [x] done"),
        [],
    ),
    # PS303 stale-hand-progress
    (
        "PS303",
        "fraction-and-percent-in-headings",
        _md("# Plan", "", "## Phase 1 (3/5)", "", "- [x] a", "- [ ] b", "", "## Phase 2 60%", "", "- [x] c",
            "- [ ] d"),
        [
            (3, 1, "heading says 3/5 but its boxes say 1/2"),
            (8, 1, "heading says 60% but its boxes say 50.0%"),
        ],
    ),
    (
        "PS303",
        "true-figures-pass",
        _md("# Plan", "", "## Phase 1 (1/2)", "", "- [x] a", "- [ ] b", "", "## Phase 2 50%", "", "- [x] c",
            "- [ ] d", "", "## Phase 3 (2/3)", "", "- [x] e", "- [x] f", "- [ ] g", "", "## Phase 4 67%",
            "", "- [x] h", "- [x] i", "- [ ] j"),
        [],
    ),
    # PS304 bad-stamp (today is TODAY)
    (
        "PS304",
        "malformed-and-future-stamps",
        _md("# Plan", "", "- [x] parser ✅ 2025-13-40", "- [x] lexer ✅ 2026-01-03", "- [x] docs ✅ 25/1/2"),
        [
            (3, 14, "stamp '✅ 2025-13-40' is not a date (YYYY-MM-DD)"),
            (4, 13, "stamp date 2026-01-03 is in the future"),
            (5, 12, "stamp '✅ 25/1/2' is not a date (YYYY-MM-DD)"),
        ],
    ),
    (
        "PS304",
        "real-stamps-pass",
        _md("# Plan", "", "- [x] parser ✅ 2025-10-22", "- [x] lexer ✅ 2026-01-02", "- [x] ✅ Done"),
        [],
    ),
    # PS401 missing-file (notes.md exists)
    (
        "PS401",
        "missing-files",
        _md("# Plan", "", "- [ ] read [the notes](./docs/missing-notes.md#intro)", "",
            "![chart](chart.png)", "", "[ref]: other.md"),
        [
            (3, 12, "link to './docs/missing-notes.md', which does not exist"),
            (5, 1, "link to 'chart.png', which does not exist"),
            (7, 8, "link to 'other.md', which does not exist"),
        ],
    ),
    (
        "PS401",
        "existing-and-external-targets-pass",
        _md("# Plan", "", "- [ ] read [the notes](./notes.md)", "- [ ] see [web](https://example.org/x.md)",
            "- [ ] mail [me](mailto:me@example.org)", "- [ ] jump [up](#plan)", "- [ ] code `[x](gone.md)`",
            "", "[ref]: notes.md#top", "", "```", "[x](gone.md)", "```"),
        [],
    ),
    # PS402 missing-anchor
    (
        "PS402",
        "anchors-no-heading-has",
        _md("# Plan", "", "## 🚀 发布计划", "", "- [ ] a", "", "## Setup", "", "## Setup", "",
            "See [a](#发布计划), [b](#setup-2) and [c](#set-up)."),
        [
            (11, 5, "no heading has the anchor '#发布计划'"),
            (11, 17, "no heading has the anchor '#setup-2'"),
            (11, 35, "no heading has the anchor '#set-up'"),
        ],
    ),
    (
        "PS402",
        "github-anchors-pass",
        _md("# Plan", "", "## 🚀 发布计划", "", "- [ ] a", "", "## Setup", "", "## Setup", "", "- ### Arrays",
            "", "See [a](#-发布计划), [b](#setup), [c](#setup-1), [d](#arrays) and [e](#plan)."),
        [],
    ),
    # PS501 stale-region
    (
        "PS501",
        "empty-summary-is-stale",
        _md("# Plan", "", "<!-- plansync:begin summary -->", "<!-- plansync:end summary -->", "",
            "## Phase 1", "", "- [x] write the parser", "- [ ] write the renderer"),
        [(3, 1, "region 'summary' is stale; `plansync sync` regenerates it")],
    ),
    (
        "PS501",
        "old-figures-are-stale",
        _md("# Plan", "", "<!-- plansync:begin summary -->", *_FRESH_SUMMARY, "<!-- plansync:end summary -->",
            "", "## Phase 1", "", "- [x] write the parser", "- [x] write the renderer"),
        [(3, 1, "region 'summary' is stale; `plansync sync` regenerates it")],
    ),
    (
        "PS501",
        "fresh-summary-passes",
        _md("# Plan", "", "<!-- plansync:begin summary -->", *_FRESH_SUMMARY, "<!-- plansync:end summary -->",
            "", "## Phase 1", "", "- [x] write the parser", "- [ ] write the renderer"),
        [],
    ),
    # PS502 edited-region
    (
        "PS502",
        "notes-inside-the-region",
        _md("# Plan", "", "<!-- plansync:begin summary -->", "My own notes here.",
            "<!-- plansync:end summary -->", "", "## Phase 1", "", "- [x] write the parser",
            "- [ ] write the renderer"),
        [(3, 1, "region 'summary' was edited by hand; `plansync sync` regenerates it")],
    ),
    (
        "PS502",
        "fresh-summary-passes",
        _md("# Plan", "", "<!-- plansync:begin summary -->", *_FRESH_SUMMARY, "<!-- plansync:end summary -->",
            "", "My own notes here.", "", "## Phase 1", "", "- [x] write the parser",
            "- [ ] write the renderer"),
        [],
    ),
    # PS503 stale-stamp (stamp=done)
    (
        "PS503",
        "missing-and-untrue-stamps",
        _md("# Plan", "", "<!-- plansync:begin summary stamp=done -->", *_STAMPED_SUMMARY,
            "<!-- plansync:end summary -->", "", "## Phase 1", "", "- [x] tag v1.0",
            "- [ ] publish ✅ 2025-10-22"),
        [(16, 1, _STALE_STAMP), (17, 1, _STALE_STAMP)],
    ),
    (
        "PS503",
        "true-stamps-pass",
        _md("# Plan", "", "<!-- plansync:begin summary stamp=done -->", *_STAMPED_SUMMARY,
            "<!-- plansync:end summary -->", "", "## Phase 1", "", "- [x] tag v1.0 ✅ 2025-10-22",
            "- [ ] publish"),
        [],
    ),
    (
        "PS503",
        "without-stamp-option-passes",
        _md("# Plan", "", "<!-- plansync:begin summary -->", *_STAMPED_SUMMARY,
            "<!-- plansync:end summary -->", "", "## Phase 1", "", "- [x] tag v1.0",
            "- [ ] publish ✅ 2025-10-22"),
        [],
    ),
]
