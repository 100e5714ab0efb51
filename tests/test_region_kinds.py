"""The region kinds registry: every registered kind is complete, and every label language too.

Adding a kind is one module and one ``RegionKind`` line; these tests are what fails when the
line is incomplete -- a renderer that is missing, writes lines outside its own shape (which
``sync`` would then report as hand edits), or uses a label some language lacks.
"""

from __future__ import annotations

import importlib
import re

import pytest

import plansync
from plansync.model import Plan, Region
from plansync.regions.kinds import KINDS, RegionKind, edited_by_hand, shape_of
from plansync.regions.labels import LABELS, LANGUAGES
from plansync.regions.render import RenderRequest, body_text, render_lines

#: Every state, done sections and phases, stamps two weeks apart (a burn-up), a nested task.
PLAN = """# Garden

## Phase 1: Soil

### 1.1 Test

- [x] buy a kit ✅ 2026-01-05
- [x] send a sample ✅ 2026-01-20

### 1.2 Amend

- [/] spread compost
- [-] lime
- [ ] rake
  - [ ] borrow a rake

## Phase 2: Beds

- [ ] build frames
"""
EMPTY = "# Notes\n\nNothing planned yet.\n"


def _render(kind: RegionKind, plan: Plan, lang: str, options: tuple[tuple[str, str], ...] = ()) -> str:
    region = Region(kind.name, (("lang", lang), *options), 1, 2)
    return body_text(render_lines(plan, RenderRequest(region, lang, "", lambda _: "2026-02-01")), "\n")


CASES = [(name, lang) for name in KINDS for lang in LANGUAGES]


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_every_kind_renders_in_every_language_within_its_own_shape(name: str, lang: str) -> None:
    kind = KINDS[name]
    for text in (PLAN, EMPTY):
        body = _render(kind, plansync.parse(text), lang)
        assert body.startswith("\n") and body.endswith("\n\n") and body.strip()
        assert not edited_by_hand(Region(name, (), 1, 2), body), body


def test_every_option_value_renders_within_the_shape() -> None:
    for kind in KINDS.values():
        for key, values in kind.options.items():
            if values is None or key == "stamp":
                continue
            for value in values:
                body = _render(kind, plansync.parse(PLAN), "en", ((key, value),))
                assert not edited_by_hand(Region(kind.name, (), 1, 2), body)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_kind_is_complete(name: str) -> None:
    kind = KINDS[name]
    assert re.fullmatch(r"[a-z][a-z0-9-]*", kind.name) and kind.name == name
    renderer = importlib.import_module(f"plansync.regions.{kind.renderer}")
    assert callable(renderer.render)
    assert shape_of(name).pattern and "<label:" not in shape_of(name).pattern
    for key in re.findall(r"<label:(\w+)>", kind.shape):
        assert key in kind.labels
    assert "lang" in kind.options and kind.options["lang"] == LANGUAGES
    for lang in LANGUAGES:
        missing = [key for key in kind.labels if key not in LABELS[lang]]
        assert missing == [], f"{lang} lacks {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_language_has_every_label(lang: str) -> None:
    assert set(LABELS[lang]) == set(LABELS["en"])
    for key, template in LABELS[lang].items():
        # Placeholders are a closed set: the same names in every language.
        assert set(re.findall(r"\{(\w+)\}", template)) == set(re.findall(r"\{(\w+)\}", LABELS["en"][key]))


def test_a_hand_written_line_is_outside_every_shape() -> None:
    for name in KINDS:
        assert edited_by_hand(Region(name, (), 1, 2), "\nMy own note about this.\n\n")


def test_markers_accept_exactly_the_registered_kinds() -> None:
    text = "".join(f"<!-- plansync:begin {name} -->\n<!-- plansync:end {name} -->\n\n" for name in KINDS)
    assert [r.name for r in plansync.parse(text).regions] == list(KINDS)
    with pytest.raises(plansync.MarkerError, match="unknown region 'gantt'"):
        plansync.parse("<!-- plansync:begin gantt -->\n<!-- plansync:end gantt -->\n")


def test_an_incomplete_kind_is_refused_when_it_is_declared() -> None:
    with pytest.raises(TypeError):
        RegionKind("gantt", {}, "gantt")  # type: ignore[call-arg]
