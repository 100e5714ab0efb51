"""Structure rules: ``registry.RULES`` lists every rule; one module per family.

PS1xx task syntax (``tasks``), PS2xx numbering and structure (``structure``), PS3xx
consistency (``consistency``), PS4xx links (``links``), PS5xx generated text that ``sync``
would rewrite (``generated``). A rule is a pure function of a ``base.RuleContext``: rules never
read files or call git.

May import: ``plansync.errors``, ``model``, ``document``, ``edits``, ``dates``, ``regions``,
``config``. This file imports nothing.
"""
