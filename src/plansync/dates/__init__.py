"""When things were done and are due: recorded dates first, then git history, then schedules.

``dater`` answers "when was this ticked?" (stamps, then history, read lazily); ``history``
is the only reader of ``git log`` (and the only GitPython importer); ``schedule`` reads
start dates and phase spans into due dates and a typed status.

May import: ``plansync.errors``, ``plansync.model``, ``plansync.document``. This file
imports nothing.
"""
