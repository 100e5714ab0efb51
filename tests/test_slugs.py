"""Anchors: GitHub's heading slugs, and the anchors HTML defines (``id``, ``<a name>``)."""

from __future__ import annotations

import pytest

from plansync.document.slugs import anchors, html_anchors, slug


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Setup", "setup"),
        ("Set up the *tools*", "set-up-the-tools"),
        ('<a name="prep">Setup notes</a>', "setup-notes"),
        ('<span id="x"></span>Release `v1`', "release-v1"),
        ("🚀 发布计划", "-发布计划"),
    ],
)
def test_slug(title: str, expected: str) -> None:
    assert slug(title) == expected


def test_repeated_headings_are_numbered() -> None:
    assert anchors(["Setup", "Setup", "Setup"]) == {"setup", "setup-1", "setup-2"}


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a name="Information">Information Gathering</a>', {"information"}),
        ('<a id="later"></a>', {"later"}),
        ("<span class=x id=bare>", {"bare"}),
        ("<div\n  id='multi-line'>", {"multi-line"}),
        ('<h2 id="one">One</h2> and <p id="two">', {"one", "two"}),
        ('<input name="query">', set()),  # name makes an anchor on <a> only
        ('<a data-id="no" href="#x">', set()),
        ('<!-- <a id="commented"></a> -->', set()),
        ('<a id="">', set()),
        ('id="not-in-a-tag"', set()),
    ],
)
def test_html_anchors(html: str, expected: set[str]) -> None:
    assert html_anchors(html) == expected
