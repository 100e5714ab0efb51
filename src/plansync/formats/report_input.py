"""What every ``plansync report`` format is given for one plan.

The command line loads each plan once, dates it and computes its schedule; each format takes
what it shows from the same record, so two formats of one run never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..dates.dater import TaskDater
    from ..dates.schedule import Schedule
    from ..model import Diagnostic, Plan


class PlanReport(NamedTuple):
    """One plan of a report, with everything its formats show."""

    #: The plan's path as the user gave it (or as discovery found it).
    path: str
    plan: Plan
    #: Dates of its done tasks and completed groups: stamps, then history unless turned off.
    dater: TaskDater
    #: The rules' findings; empty unless the format shows them (``Format.with_rules``).
    diagnostics: Sequence[Diagnostic]
    schedule: Schedule
