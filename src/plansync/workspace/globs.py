"""Which files a prettier ``overrides`` entry applies to: micromatch's reading of its globs."""

from __future__ import annotations

import re


def override_matches(relative: str, files: object, exclude: object) -> bool:
    """prettier's ``pathMatchesGlobs``: patterns without "/" match the base name, the others the
    path from the config's directory; an excluded file never matches."""
    patterns, excluded = _globs(files), _globs(exclude)
    for by_base in (True, False):
        subject = relative.rsplit("/", 1)[-1] if by_base else relative
        group = [pattern for pattern in patterns if ("/" not in pattern) == by_base]
        # micromatch reads the ignore patterns with the same base-name option as the group.
        ignored = any(re.fullmatch(_glob_source(p), subject) for p in excluded)
        if not ignored and any(re.fullmatch(_glob_source(p), subject) for p in group):
            return True
    return False


def _globs(value: object) -> list[str]:
    """A glob or list of globs as a list, "./" prefixes dropped as micromatch does."""
    values = value if isinstance(value, list) else [value]
    return [v.removeprefix("./") for v in values if isinstance(v, str)]


def _glob_source(pattern: str) -> str:
    """A regular expression for micromatch's reading of ``pattern`` (with ``dot``): ``*`` and
    ``?`` stay in one path segment, ``**`` spans any number of them (``**/`` none too), ``{a,b}``
    alternates."""
    out: list[str] = []
    for part in _GLOB_PARTS.findall(pattern):
        if part in _GLOB_WILDCARDS:
            out.append(_GLOB_WILDCARDS[part])
        elif part.startswith("{") and len(part) > 1:
            out.append("(?:" + "|".join(_glob_source(p) for p in part[1:-1].split(",")) + ")")
        elif part.startswith("[") and len(part) > 1:
            body = part[1:-1].replace("\\", "\\\\")
            out.append("[^" + body[1:] + "]" if body[0] in "!^" else "[" + body + "]")
        else:
            out.append(re.escape(part))
    return "".join(out)


_GLOB_PARTS = re.compile(r"\*\*/|\*\*|\*|\?|\{[^{}]*\}|\[[^\]]+\]|.", re.DOTALL)
_GLOB_WILDCARDS = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
