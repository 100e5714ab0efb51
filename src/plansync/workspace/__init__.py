"""The edges that touch the world: safe reads and atomic writes, git calls, file discovery,
the hook script's installation.

git is always called with argument lists, never through a shell.

May import: ``plansync.errors``, ``model``, ``document``, ``edits``, ``dates``, ``regions``,
``config``, ``rules``, ``pipeline``. This file imports nothing.
"""
