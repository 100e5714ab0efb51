"""A shields-style progress badge: a self-contained SVG (no network), or shields.io endpoint JSON."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from ..model import Counts
from ..regions.figures import percent_text

# shields.io's own scale, from red to bright green.
_COLOURS = ((100, "#4c1", "brightgreen"), (80, "#97ca00", "green"), (60, "#a4a61d", "yellowgreen"),
            (40, "#dfb317", "yellow"), (20, "#fe7d37", "orange"), (0, "#e05d44", "red"))  # fmt: skip


def colour(counts: Counts) -> tuple[str, str]:
    """(hex, shields name) for the percent done."""
    percent = counts.percent or 0.0
    return next((hex_, name) for floor, hex_, name in _COLOURS if percent >= floor)


def _width(text: str) -> int:
    """Approximate Verdana 11px width, as shields computes it, plus padding."""
    return sum(7 if ch.isascii() else 12 for ch in text) + 10


def badge_svg(counts: Counts, label: str = "progress") -> str:
    """A flat badge drawn as shields.io draws it, which shows without any network request."""
    message = percent_text(counts)
    hex_, _ = colour(counts)
    left, right = _width(label), _width(message)
    total = left + right
    label_x, message_x = left * 5, (left + right / 2) * 10
    quotes = {'"': "&quot;"}
    text_label, text_message = escape(label, quotes), escape(message, quotes)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" '
        f'aria-label="{text_label}: {text_message}">'
        f"<title>{text_label}: {text_message}</title>"
        '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>'
        '<stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{hex_}"/>'
        f'<rect width="{total}" height="20" fill="url(#s)"/></g>'
        '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" '
        'text-rendering="geometricPrecision" font-size="110">'
        f'<text x="{label_x:g}" y="140" transform="scale(.1)" fill="#fff">{text_label}</text>'
        f'<text x="{message_x:g}" y="140" transform="scale(.1)" fill="#fff">{text_message}</text>'
        "</g></svg>\n"
    )


def badge_endpoint(counts: Counts, label: str = "progress") -> str:
    """shields.io endpoint JSON (https://shields.io/badges/endpoint-badge)."""
    _, name = colour(counts)
    data = {"schemaVersion": 1, "label": label, "message": percent_text(counts), "color": name}
    return json.dumps(data, ensure_ascii=False) + "\n"
