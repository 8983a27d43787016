"""Fenced code blocks found line by line, for the passes that read the
text before markdown-it does: what lies inside a fence is code, as
written, never a heading, a list or metadata."""

from __future__ import annotations

import re

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def opening(line: str) -> str:
    """The fence `line` opens ('' if none): three backticks or tildes or more."""
    found = _FENCE.match(line)
    return found[1] if found else ""


def after(fence: str, line: str) -> str:
    """The fence still open after `line`: one it opens, or `fence` unless
    `line` closes it (its character, at least as many, nothing after)."""
    if not fence:
        return opening(line)
    closing = opening(line)
    if closing[:1] == fence[0] and len(closing) >= len(fence) \
            and not line.strip().strip(fence[0]):
        return ""
    return fence


def outside(lines: list[str]):
    """(index, line) of each line of `lines` outside fenced code and its fences."""
    fence = ""
    for n, line in enumerate(lines):
        was, fence = fence, after(fence, line)
        if not was and not fence:
            yield n, line
