"""Fitting a code block to slides: its lines at one size, never wrapped.

Code is read line by line, so a block shrinks until its longest line fits
the width (a line too long even then is cut with an ellipsis), then until
all lines fit the room; past that it continues over as few slides as hold
it, balanced, ending each at a blank line where one is near.
"""

from __future__ import annotations

from dataclasses import dataclass

from .slidecut import ELLIPSIS
from .slidefit import ROUNDING
from .slidemodel import code_face
from .textfit import BASELINE_TO_FOOT, DESCENDER, FILL, block_height, line_height, text_width


@dataclass
class CodeFit:
    """A code block's lines as set at `size` in a box `width` wide (its
    padding included): each as written, but those too long for the box even
    at the least size, cut with an ellipsis (`cut`: their indices); the
    lines each slide shows; how many past `most_slides` slides are left out."""
    lines: list[str]
    size: float
    pages: list[list[int]]
    cut: list[int]
    hidden: int = 0


def code_lines(text: str) -> list[str]:
    """A code block's lines as written: tabs at every fourth column, as
    pandoc sets them; no blanks at the line ends, nor blank lines at the end."""
    out = [line.rstrip() for line in text.expandtabs(4).split("\n")]
    while len(out) > 1 and not out[-1]:
        out.pop()
    return out


def fit_code(text: str, width: float, room: float, spec: dict,
             first: float | None = None) -> CodeFit:
    """The block's lines in `width` × `room`: at the largest size from `size`
    down to `min_size` at which its longest line fits the width (no line is
    wrapped: code is read line by line), smaller still, down to `split_size`,
    until all lines fit the room; else they continue over as few slides as
    hold them, balanced, `most_slides` at most, a line never split. With
    `first`, the lines split at once, the first slide's under bullets that
    leave it that much room (and one slide more is allowed, as for a table)."""
    all_lines = code_lines(text)
    inner = width - 2 * spec["padding"] - ROUNDING
    size = spec["size"]
    while size > spec["min_size"] and _widest(all_lines, size) > inner * FILL:
        size -= 1
    while size > spec["split_size"] and _code_height(len(all_lines), size, spec) > room:
        size -= 1
    shown = [_cut_line(line, size, inner) for line in all_lines]
    cut = [i for i, (a, b) in enumerate(zip(all_lines, shown)) if a != b]
    if first is None and _code_height(len(shown), size, spec) <= room:
        return CodeFit(shown, size, [list(range(len(shown)))], cut)
    opening, start = [], 0
    if first is not None:
        opening = [_opening_lines(shown, _lines_in(first, size, spec))]
        start = opening[0][-1] + 1 if opening[0] else 0
        while start < len(shown) and not shown[start]:
            start += 1
    pages, hidden = _spread(shown[start:], max(1, _lines_in(room, size, spec)),
                            spec["most_slides"])
    pages = opening + [[i + start for i in page] for page in pages]
    if hidden:
        cut = [i for i in cut if i <= pages[-1][-1]]
    return CodeFit(shown, size, pages, cut, hidden)


def _opening_lines(code: list[str], held: int) -> list[int]:
    """The lines a first slide that holds `held` shows, ending as any slide
    of code ends (_code_pages); none if that is not at a blank line while
    the block has some (it would cut a function in two)."""
    page = _code_pages(code, held, held)[0] if held else []
    end = page[-1] + 1 if page else 0
    return [] if end < len(code) and code[end] and "" in code else page


def _lines_in(room: float, size: float, spec: dict) -> int:
    """How many lines of code at `size` a box `room` high holds."""
    pitch = line_height(size, spec["line_spacing"])
    return max(0, int((room - 2 * spec["padding"] - size * (DESCENDER - BASELINE_TO_FOOT))
                      // pitch))


def _spread(code: list[str], per: int, most: int) -> tuple[list[list[int]], int]:
    """(the lines on each of as few slides of `per` as hold them, balanced so
    the last is no stub; how many past `most` slides are left out)."""
    if not code:
        return [], 0
    count = -(-len(code) // per)
    if count > most:
        return [list(range(n * per, (n + 1) * per)) for n in range(most)], len(code) - most * per
    balanced = -(-len(code) // count)
    pages = _code_pages(code, balanced, per)
    if len(pages) > count:
        pages = _code_pages(code, balanced, balanced, blanks=False)
    return pages, 0


def _code_pages(code: list[str], target: int, most: int, blanks=True) -> list[list[int]]:
    """The lines in slides of `target` each, or up to `most` (what a slide
    holds) to end at a blank line (a break between functions) where one
    stands past two thirds of `target`; a blank line there neither ends
    nor starts a slide."""
    pages, start = [], 0
    while start < len(code):
        end = min(start + target, len(code))
        if end < len(code) and blanks:
            window = range(start + target * 2 // 3, min(start + most, len(code) - 1) + 1)
            end = next((i for i in reversed(window) if not code[i]), end)
        page = list(range(start, end))
        while len(page) > 1 and not code[page[-1]]:
            page.pop()
        pages.append(page)
        start = end
        while blanks and start < len(code) and not code[start]:
            start += 1
    return pages


def _widest(code: list[str], size: float) -> float:
    return max(text_width(line, size, code_face()) for line in code)


def _code_height(count: int, size: float, spec: dict) -> float:
    return block_height(count, size, spec["line_spacing"]) + 2 * spec["padding"]


def _cut_line(line: str, size: float, width: float) -> str:
    """The line, or as much of it as fits `width` with an ellipsis after it."""
    if text_width(line, size, code_face()) <= width * FILL:
        return line
    keep = len(line)
    while keep and text_width(line[:keep].rstrip() + ELLIPSIS, size, code_face()) > width * FILL:
        keep -= 1
    return line[:keep].rstrip() + ELLIPSIS
