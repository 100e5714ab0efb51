"""Every output format, registered once in ``registry.FORMATS``.

``check`` (text, json, github, sarif), ``report`` (text, json, markdown, github), the badge,
and ``diff`` (text, markdown, json, github: what a change did to the plans).
The command line's ``--format`` choices and its dispatch both read the registry.

May import every layer below the CLI: ``plansync.errors``, ``model``, ``document``, ``edits``,
``dates``, ``regions``, ``config``, ``rules``, ``pipeline``, ``workspace``, ``api``. Formatters
are pure functions of what they are given and return text; they never print. This file
imports nothing.
"""
