"""Three versions of a plan merged into one, as git's merge driver: the user's text by git's
own three-way merge (``git merge-file``), the generated text regenerated, never in conflict.

Region bodies and the lines plansync derives (progress cookies on headings, ✅ stamps when a
region asks for them) are neutralised in the three versions before the merge, so the two
sides' regenerations never meet. A clean merge is then synced from its merged boxes, the
milestone dates either side recorded kept (the earliest for the same milestone); a merge
with a conflict in the user's text keeps git's markers around that text only, and CURRENT's
region bodies, for the user (then ``sync``) to settle.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from ..config import config_for
from ..document.parse import ParsedDocument
from ..document.reparse import Baseline, Reader, parse_baseline, reparse
from ..document.sniff import has_markers
from ..document.stamps import has_stamp_at_end, stamp_date, stamp_of, strip_stamp
from ..document.text import Decoded, Text, check_conflicts, decode, dominant_eol, normalize_eol, split_lines
from ..edits.cookies import strip_cookie
from ..edits.stamping import stamps_asked
from ..errors import PlansyncError, Problem
from ..model import Region
from ..pipeline import regenerate
from ..regions.markers import find_regions, marker_on
from ..regions.milestones import Recorded
from ..regions.splice import region_body
from .git import error_text, run_git
from .inputs import dater_source, layout_source
from .sources import source_loader


class Merged(NamedTuple):
    """The merge result (bytes for CURRENT) and the number of conflicts left in it."""

    data: bytes
    conflicts: int


class _Neutral(NamedTuple):
    """A version with its bodies emptied and derived lines bared, and what they held."""

    text: str
    #: Region key (name and options, with its occurrence) -> the body it held.
    bodies: dict[tuple[str, int], str]
    #: A bared line -> each line bared to it, in order, as this version had it (stamped, with
    #: its cookie): two tasks with the same text keep their own stamps.
    derived: dict[str, list[str]]


def merge_plans(
    versions: Sequence[bytes], path: Path, style: str | None, marker_size: int, today: str
) -> Merged:
    """BASE, CURRENT and OTHER (``versions``) of the plan at ``path`` merged into one."""
    if not any(has_markers(data) for data in versions):
        return merge_file(versions, style, marker_size)  # not a plan: exactly git's merge
    try:
        decoded = [decode(data) for data in versions]
        texts = [normalize_eol(d.text) for d in decoded]
        for text in texts:
            check_conflicts(text)
        current = parse_baseline(texts[1])
        neutral = _neutralised(texts, current)
    except PlansyncError:
        return merge_file(versions, style, marker_size)  # a version plansync refuses: git's
    merged = merge_file([n.text.encode("utf-8") for n in neutral], style, marker_size)
    text = _restore_derived(merged.data.decode("utf-8"), neutral[1:])
    if merged.conflicts:
        text = _with_bodies(text, neutral[1].bodies)
    else:
        text = _regenerated(text, neutral[1:], path, today, functools.partial(reparse, current))
    return Merged(_as_current(text, decoded[1]), merged.conflicts)


def merge_file(versions: Sequence[bytes], style: str | None, marker_size: int) -> Merged:
    """``git merge-file`` on BASE, CURRENT and OTHER: its result and its count of conflicts."""
    with tempfile.TemporaryDirectory(prefix="plansync-merge-") as folder:
        names = []
        for name, data in zip(("base", "current", "other"), versions, strict=True):
            (Path(folder) / name).write_bytes(data)
            names.append(str(Path(folder) / name))
        styles = {"diff3": ["--diff3"], "zdiff3": ["--zdiff3"]}.get(style or "", [])
        labels = ["-L", "ours", "-L", "base", "-L", "theirs"]
        args = ["merge-file", "-p", *styles, f"--marker-size={marker_size}", *labels]
        result = run_git([*args, names[1], names[0], names[2]])
    if result.returncode < 0 or result.returncode > 127:
        raise PlansyncError(Problem(f"git merge-file failed: {error_text(result)}"))
    return Merged(result.stdout, result.returncode)


def _neutralised(texts: Sequence[str], current: Baseline) -> list[_Neutral]:
    """BASE, CURRENT and OTHER neutralised (raises PlansyncError on markers plansync refuses).

    Only CURRENT is parsed whole (``current``): BASE, OTHER and the merged text are near
    copies of it, read again only where they differ from it (``document.reparse``). So the
    driver costs about one parse more than the sync it ends with, whatever the plan's size.
    """
    docs = (reparse(current, texts[0]), current.doc, reparse(current, texts[2]))
    return [_neutralise(text, doc) for text, doc in zip(texts, docs, strict=True)]


def _neutralise(text: str, doc: ParsedDocument) -> _Neutral:
    """``text`` with every region body emptied, every cookie bared and, when the plan stamps
    its tasks, every ✅ stamp dropped (raises PlansyncError on markers plansync refuses)."""
    regions = find_regions(doc.markers)
    lines = Text(text)
    out = split_lines(text)
    derived: dict[str, list[str]] = {}
    stamps = stamps_asked(regions)
    derivable = {h.line for h in doc.headings} | ({t.line for t in doc.tasks} if stamps else set())
    inside = {n for region in regions for n in range(region.begin_line + 1, region.end_line)}
    for number in sorted(derivable - inside):
        original = lines.content(number)
        bare = strip_cookie(strip_stamp(original)) if stamps else strip_cookie(original)
        if bare != original:
            out[number - 1] = bare + out[number - 1][len(original) :]  # its line ending, if any
            derived.setdefault(bare, []).append(original)
    bodies = _bodies(regions, lines)
    for region in reversed(regions):
        del out[region.begin_line : region.end_line - 1]
    return _Neutral("".join(out), bodies, derived)


def _bodies(regions: Sequence[Region], text: Text) -> dict[tuple[str, int], str]:
    """Each region's body, by its marker's text and the occurrence of that text."""
    bodies: dict[tuple[str, int], str] = {}
    for region in regions:
        key = text.content(region.begin_line).strip()
        count = sum(1 for k in bodies if k[0] == key)
        bodies[(key, count)] = region_body(text, region)
    return bodies


def _marker_name(line: str) -> str | None:
    marker = marker_on(line)
    return marker["name"] if marker else None


def _restore_derived(text: str, sides: Sequence[_Neutral]) -> str:
    """Bared lines given back as a side had them: the earliest stamp, else CURRENT's."""
    lines = text.split("\n")
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        nth = seen.get(line, 0)
        seen[line] = nth + 1
        originals = [side.derived[line][nth] for side in sides if len(side.derived.get(line, ())) > nth]
        if originals:
            lines[i] = min(originals, key=stamp_order)
    return "\n".join(lines)


def stamp_order(line: str) -> str:
    """Lines with an earlier ✅ stamp first; an unstamped line last."""
    day = stamp_date(stamp_of(line)) if has_stamp_at_end(line) else None
    return day or "9999-99-99"


def _with_bodies(text: str, bodies: dict[tuple[str, int], str]) -> str:
    """``text`` (bodies emptied) with the given bodies put back after their begin markers."""
    lines = text.split("\n")
    out: list[str] = []
    seen: dict[str, int] = {}
    for line in lines:
        out.append(line)
        marker = marker_on(line)  # by its text: a merged text with conflicts does not parse
        if marker and marker["kind"] == "begin":
            key = line.strip()
            occurrence = seen.get(key, 0)
            seen[key] = occurrence + 1
            body = bodies.get((key, occurrence))
            if body:
                out.append(normalize_eol(body)[:-1])  # the body's last line ending is the join's
    return "\n".join(out)


def _regenerated(text: str, sides: Sequence[_Neutral], path: Path, today: str, read: Reader) -> str:
    """The cleanly merged text synced: milestones from both sides' records, the rest fresh."""
    keys = [key for key in {**sides[0].bodies, **sides[1].bodies} if _marker_name(key[0]) == "milestones"]
    unions = {key: union_of_milestones([side.bodies.get(key, "") for side in sides]) for key in keys}
    seeded = _with_bodies(text, unions)
    dates, _ = dater_source(seeded, path, False, today)
    layout, _ = layout_source(path)
    try:
        config, sources = config_for(path), source_loader(path)
        return regenerate(seeded, None, dates, False, config, sources, layout, read).fixed
    except PlansyncError:
        return _with_bodies(text, sides[0].bodies)  # regions stay as CURRENT had them: sync later


def union_of_milestones(bodies: Sequence[str]) -> str:
    """One milestones body listing every entry of ``bodies``, the earliest date for each."""
    best: dict[str, str] = {}
    for body in bodies:
        recorded = Recorded(body)
        for label, dates in recorded.dates.items():
            for day in dates:
                line = f"- {day or 'undated'} — {label}"
                if label not in best or (day or "9999") < best[label].split(" ")[1]:
                    best[label] = line
    return "\n" + "\n".join(best.values()) + "\n\n" if best else ""


def _as_current(text: str, current: Decoded) -> bytes:
    """``text`` (LF) in CURRENT's line endings and BOM."""
    eol = dominant_eol(current.text)
    return current.encode(text.replace("\n", eol) if eol != "\n" else text)
