"""``plansync badge``: a self-contained SVG badge, or shields.io endpoint JSON."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from plansync.cli.app import cli
from plansync.formats.badge import badge_svg, colour
from plansync.model import Counts

SVG = "{http://www.w3.org/2000/svg}"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write_plan(path: Path, done: int, open_: int, title: str = "Plan") -> Path:
    tasks = [f"- [x] done {n}" for n in range(done)] + [f"- [ ] open {n}" for n in range(open_)]
    path.write_text(f"# {title}\n\n## Phase 1\n\n" + "\n".join(tasks) + "\n", encoding="utf-8")
    return path


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def fills(root: ET.Element) -> list[str]:
    return [r.get("fill", "") for r in root.iter(f"{SVG}rect")]


@pytest.mark.parametrize(
    ("counts", "hex_", "name"),
    [
        (Counts(open=1), "#e05d44", "red"),  # 0%
        (Counts(), "#e05d44", "red"),  # nothing counts: treated as 0%
        (Counts(done=199, open=801), "#e05d44", "red"),  # 19.9%
        (Counts(done=1, open=4), "#fe7d37", "orange"),  # 20%
        (Counts(done=399, open=601), "#fe7d37", "orange"),  # 39.9%
        (Counts(done=2, open=3), "#dfb317", "yellow"),  # 40%
        (Counts(done=3, open=2), "#a4a61d", "yellowgreen"),  # 60%
        (Counts(done=799, open=201), "#a4a61d", "yellowgreen"),  # 79.9%
        (Counts(done=4, open=1), "#97ca00", "green"),  # 80%
        (Counts(done=999, open=1), "#97ca00", "green"),  # 99.9%
        (Counts(done=1, open=0), "#4c1", "brightgreen"),  # 100%
        (Counts(done=2, cancelled=5), "#4c1", "brightgreen"),  # cancelled tasks leave the total
    ],
)
def test_colour_bands(counts: Counts, hex_: str, name: str) -> None:
    assert colour(counts) == (hex_, name)


def test_badge_command_writes_an_svg_file(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.md", done=3, open_=1)
    out = tmp_path / "out.svg"
    code, stdout, _ = invoke("badge", str(plan), "-o", str(out))
    assert (code, stdout) == (0, "")
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert root.tag == f"{SVG}svg"
    assert texts(root) == ["progress", "75%"]
    assert "#a4a61d" in fills(root)  # 75%: yellowgreen
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "progress: 75%"
    assert root.get("aria-label") == "progress: 75%"


def test_badge_to_stdout_without_output(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.md", done=0, open_=2)
    code, stdout, _ = invoke("badge", str(plan))
    assert code == 0
    root = ET.fromstring(stdout)
    assert texts(root) == ["progress", "0%"]
    assert "#e05d44" in fills(root)


def test_badge_svg_band_matches_the_percent() -> None:
    for counts, hex_ in [(Counts(done=1, open=4), "#fe7d37"), (Counts(done=1), "#4c1")]:
        assert f'fill="{hex_}"' in badge_svg(counts)


def test_label_is_xml_escaped(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.md", done=1, open_=1)
    out = tmp_path / "out.svg"
    assert invoke("badge", str(plan), "-o", str(out), "--label", "a<b & c>")[0] == 0
    raw = out.read_text(encoding="utf-8")
    assert "<b &" not in raw and "a&lt;b &amp; c&gt;" in raw
    root = ET.fromstring(raw)  # would raise on an unescaped < or &
    assert texts(root) == ["a<b & c>", "50%"]
    assert root.get("aria-label") == "a<b & c>: 50%"


def test_label_with_a_double_quote_keeps_the_svg_well_formed(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.md", done=1, open_=1)
    _, stdout, _ = invoke("badge", str(plan), "--label", 'say "done"')
    root = ET.fromstring(stdout)
    assert root.get("aria-label") == 'say "done": 50%'


def test_label_with_wide_characters_gets_a_wider_badge(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.md", done=1, open_=1)
    narrow = ET.fromstring(invoke("badge", str(plan), "--label", "ab")[1])
    wide = ET.fromstring(invoke("badge", str(plan), "--label", "进度")[1])
    assert int(wide.get("width", "0")) > int(narrow.get("width", "0"))
    assert texts(wide)[0] == "进度"


def test_endpoint_format(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.md", done=1, open_=1)
    code, stdout, _ = invoke("badge", "--format", "endpoint", str(plan))
    assert code == 0
    assert json.loads(stdout) == {
        "schemaVersion": 1,
        "label": "progress",
        "message": "50%",
        "color": "yellow",
    }
    assert list(json.loads(stdout)) == ["schemaVersion", "label", "message", "color"]


def test_endpoint_with_a_chinese_label_to_a_file(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "计划.md", done=1, open_=2, title="学习计划")
    out = tmp_path / "badge.json"
    assert invoke("badge", "--format", "endpoint", "--label", "进度", "-o", str(out), str(plan))[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "进度" in text  # written as UTF-8, not \\u escapes
    assert json.loads(text) == {"schemaVersion": 1, "label": "进度", "message": "33.3%", "color": "orange"}


def test_several_plans_add_up(tmp_path: Path) -> None:
    first = write_plan(tmp_path / "a.md", done=1, open_=1)
    second = write_plan(tmp_path / "b.md", done=3, open_=0)
    _, stdout, _ = invoke("badge", "--format", "endpoint", str(first), str(second))
    assert json.loads(stdout)["message"] == "80%"  # 4 of 5, not the mean of 50% and 100%
    assert json.loads(stdout)["color"] == "green"
    root = ET.fromstring(invoke("badge", str(first), str(second))[1])
    assert texts(root)[1] == "80%"


def test_a_missing_plan_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.md", done=1, open_=1)
    missing = tmp_path / "missing.md"
    out = tmp_path / "out.svg"
    code, stdout, stderr = invoke("badge", str(plan), str(missing), "-o", str(out))
    assert code == 2
    assert stdout == ""
    assert str(missing) in stderr and "no such file" in stderr
    assert not out.exists()


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.md", done=1, open_=1)
    target = tmp_path / "no-such-dir" / "out.svg"
    code, _, stderr = invoke("badge", str(plan), "-o", str(target))
    assert code == 2
    assert stderr.startswith(f"{target}: cannot write")


def test_no_plan_found_exits_2_with_a_message_instead_of_a_dash(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = write_plan(repo / "plan.md", done=1, open_=1)
    with plan.open("a", encoding="utf-8") as handle:  # a plan with regions, but untracked: not found
        handle.write("\n<!-- plansync:begin summary -->\n<!-- plansync:end summary -->\n")
    out = repo / "out.svg"
    monkeypatch.chdir(repo)
    code, stdout, stderr = invoke("badge", "-o", str(out))
    assert (code, stdout) == (2, "")
    assert stderr.startswith("plansync: no plan found") and "plansync badge plan.md" in stderr
    assert len(stderr.splitlines()) == 1
    assert not out.exists()
