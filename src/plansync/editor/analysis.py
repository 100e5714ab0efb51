"""One document as the editor sees it: its plan and every finding ``plansync check`` would
print for it, computed from the editor's text (saved or not).

Diagnostics only need to know *which* regions are stale, not their rewrite: the analysis
runs ``pipeline.assess`` (one parse) and the rules, never the verified rewrite (which parses
the result again). The sync action builds the rewrite when it is asked for. The parse reads
the text a stretch of lines at a time (``document.reparse.read_in_stretches``): a server that
lives for hours beside an editor holds the plan, not markdown-it's tokens for a whole text.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..api import diagnose
from ..config import Config
from ..document.reparse import read_in_stretches
from ..errors import PlansyncError, Problem
from ..model import Diagnostic, Plan
from ..pipeline import SourceLoader, assess
from ..workspace.inputs import offline_dates
from ..workspace.sources import OpenText, source_loader


class Analysis(NamedTuple):
    """What the editor shows for one version of a document."""

    text: str
    #: The plan of ``text``; None when plansync refuses the text.
    plan: Plan | None
    #: What ``check`` reports: rule findings and stale regions, stamps and cookies.
    findings: list[Diagnostic]
    #: Why plansync refuses the text (conflict markers, broken markers, a bad configuration).
    refused: list[Problem]
    #: Whether ``sync`` would change the text (a stale region, stamp or cookie).
    pending: bool = False
    #: Resolved paths of the plans its ``source=`` regions summarise.
    sources: frozenset[Path] = frozenset()


def analyse(
    text: str, path: Path | None, config: Config, today: str, opened: OpenText | None = None
) -> Analysis:
    """The plan and the findings of ``text``, the content of the document at ``path``.

    A Markdown file that holds neither a task nor a region is no plan: it gets no findings
    (a README's links are not plansync's business in an editor).
    """
    sources = source_loader(path, opened) if path is not None else None
    try:
        found = assess(text, None, offline_dates(text, today), False, config, sources, read=read_in_stretches)
    except PlansyncError as exc:
        return Analysis(text, None, [], list(exc.problems))
    plan = found.given
    named = _named_sources(plan, path, sources)
    pending = bool(found.bodies or found.stamped or found.cookies)
    if not plan.tasks and not plan.regions:
        return Analysis(text, plan, [], [], pending, named)
    return Analysis(text, plan, diagnose(text, plan, found, path, config, today), [], pending, named)


def _named_sources(plan: Plan, path: Path | None, sources: SourceLoader | None) -> frozenset[Path]:
    if path is None or sources is None:
        return frozenset()
    base = path.absolute().parent
    named = {(base / value).resolve() for r in plan.regions if (value := r.option("source"))}
    # A dashboard's plans too, so the server analyses it again when one of them changes (the
    # loader has them cached: assess listed them already).
    dashboards = [r for r in plan.regions if r.name == "dashboard"]
    named.update((base / entry.path).resolve() for r in dashboards for entry in sources.listed(r))
    return frozenset(named)
