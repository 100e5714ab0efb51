"""Opt-in edits outside regions: ✅ stamps, heading cookies, ``init``'s insertion of markers.

Each computes new contents for whole lines; ``lines.apply_line_edits`` applies them.

May import: ``plansync.errors``, ``plansync.model``, ``plansync.document``. Pure. This file
imports nothing.
"""
