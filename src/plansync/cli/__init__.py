"""The command line: thin click declarations over functions that do each command's work.

``entry.main`` is the console script: plain ``sync``/``check`` calls (no options) go to the
click-free ``commands`` so that a commit never pays for importing click; everything else goes
to the click application in ``app``. ``console`` is the one place where errors become exit
codes and lines on stderr. ``hook`` is what the plain git hook does at commit time.

May import every layer. This file imports nothing.
"""
