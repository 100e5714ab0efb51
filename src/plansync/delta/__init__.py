"""What changed in a plan between two versions: a pure comparison of two parsed plans.

``matching`` pairs the tasks of the two versions by position and similarity; ``compare`` says
which were ticked, unticked, added or removed and which sections and phases were completed or
reopened. ``workspace.plan_diff`` reads the versions from git; ``formats.diff_*`` print it.

May import: ``plansync.errors``, ``plansync.model``, ``plansync.document``, ``plansync.edits``,
``plansync.dates``. This file imports nothing.
"""
