"""Text in: bytes to text, text to a Plan.

Decoding (BOM, line endings, one line index), the block parse (the only markdown-it
importer), the outline (phases and sections), numbers and languages read from titles,
heading anchors, inline code spans and the ✅ stamp patterns.

May import: ``plansync.errors``, ``plansync.model``. Nothing here reads a file, a clock or git.
This file imports nothing, so that the click-free fast path loads only what it uses.
"""
