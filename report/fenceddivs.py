"""Pandoc's nested fenced divs for markdown-it's containers.

Pandoc tells a div's opening fence by its attributes, so divs nest with
fences of one length:

    ::: {.outer}
    ::: {.inner}
    Text.
    :::
    :::

markdown-it's container plugin closes a div at the first fence as long as
its own, so there the outer div ended at the inner's end and the last
fence was printed. Before markdown-it reads the text, each div's fences
are lengthened past those of the divs inside it; every other line, and
every column on it, stays as written. A div never closed holds what
follows it to the end, as in pandoc: its opening fence is lengthened past
every fence after it, so that markdown-it too runs it to the end (where
the reader says it is never closed), not to a later div's closing fence.
A div in a block quote (`> ::: {.note}`) nests the same way among the
fences of its quote's depth; one left open when a fence of a shallower
depth closes is left to the reader, which says it is never closed.
"""

from __future__ import annotations

import re

from . import codefences

_OPENING = re.compile(r"(?P<indent>[ >]*)(?P<colons>:{3,})(?P<rest>\s*\S.*)")
_CLOSING = re.compile(r"(?P<indent>[ >]*)(?P<colons>:{3,})\s*")
_QUOTE = re.compile(r"(?: {0,3}> ?)")


def nested(text: str) -> str:
    lines = text.split("\n")
    # (line of the opening fence, longest fence inside, its quote depth)
    open_divs: list[tuple[int, int, int]] = []
    fence, fence_depth = "", 0
    for n, line in enumerate(lines):
        depth, inside = _unquoted(line, fence_depth if fence else None)
        if depth < fence_depth:  # a quote's fenced code ends with the quote
            fence = ""
        if fence or codefences.opening(inside):  # fenced code: as written
            fence_depth = fence_depth if fence else depth
            fence = codefences.after(fence, inside)
            continue
        if _CLOSING.fullmatch(line):
            while open_divs and open_divs[-1][2] > depth:  # its quote ended first
                _close(lines, open_divs)
            if open_divs and open_divs[-1][2] == depth:
                lines[n] = _lengthened(_CLOSING, line, _close(lines, open_divs))
        elif _OPENING.fullmatch(line):
            open_divs.append((n, 0, depth))
    while open_divs:  # never closed: each runs to the end, the innermost first
        _close(lines, open_divs)
    return "\n".join(lines)


def _unquoted(line: str, most: int | None) -> tuple[int, str]:
    """How many quote markers `line` opens with (`most` at most), and the
    line past them."""
    depth = 0
    while most is None or depth < most:
        found = _QUOTE.match(line)
        if not found:
            break
        depth, line = depth + 1, line[found.end():]
    return depth, line


def _close(lines: list[str], open_divs: list[tuple[int, int, int]]) -> int:
    """Lengthen the innermost open div's opening fence past the fences
    inside it, tell the div around it so, and return its length."""
    start, inner, _ = open_divs.pop()
    colons = max(len(_OPENING.fullmatch(lines[start])["colons"]), inner + 1)
    lines[start] = _lengthened(_OPENING, lines[start], colons)
    if open_divs:
        outer, longest, depth = open_divs[-1]
        open_divs[-1] = (outer, max(longest, colons), depth)
    return colons


def _lengthened(pattern: re.Pattern, line: str, colons: int) -> str:
    match = pattern.fullmatch(line)
    return match["indent"] + ":" * colons + line[match.end("colons"):]
