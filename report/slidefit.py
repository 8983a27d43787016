"""Fitting text to slides, measured with the deck font's own metrics.

Titles shrink to their minimum and then wrap; bullets shrink to a
comfortable size and then continue on "(cont.)" slides, balanced so the
last is not a stub (textfit does the measuring).
"""

from __future__ import annotations

from .slidemodel import Paragraph, Run, font
from .textfit import Piece, block_height, line_height, lines, text_width, wrap

# --- text measurement -------------------------------------------------------------

def pieces_of(runs: list[Run], bold: bool = False) -> list[Piece]:
    return [Piece(r.text, r.bold or bold, r.italic, bool(r.url)) for r in runs]


def text_height(paragraphs: list[Paragraph], size: float, width: float, spec: dict,
            bold: bool = False) -> float:
    """The height the paragraphs take at `size` in a box `width` wide."""
    count = sum(wrap(pieces_of(p.runs, bold), size, width - p.indent, font(),
                     first_indent=-p.hanging) for p in paragraphs)
    gaps = sum(p.space_before for p in paragraphs[1:])
    return block_height(count, size, spec["line_spacing"]) + gaps if paragraphs else 0.0


def _sizes(start: float, stop: float):
    size = start
    while size >= stop:
        yield size
        size -= 2


def set_size(items: list[Paragraph], size: float, width: float,
              spec: dict) -> list[Paragraph]:
    """The paragraphs as set at `size` in a box `width` wide: the space
    between them scales with the text, indents stay put as in a master."""
    gap = spec["paragraph_gap"] * size
    out = []
    for i, p in enumerate(items):
        indent = indent_of(p, spec)
        runs = [_unlinked(r, size, width - indent) for r in p.runs]
        out.append(Paragraph(runs, p.level, p.hanging, gap if i else 0.0, indent, p.number))
    return out


def _unlinked(run: Run, size: float, line: float) -> Run:
    """A link too long for a line loses its link: LibreOffice would not break
    it (textfit.Piece.whole) and let it run out of its box."""
    if run.url and text_width(run.text, size, font().face(run.bold, run.italic)) > line:
        return Run(run.text, run.bold, run.italic, color=run.color)
    return run


def indent_of(p: Paragraph, spec: dict) -> float:
    """Left indent of a paragraph's text (bullets hang in front of it)."""
    if p.hanging:
        return p.hanging
    if p.level < 0:
        return 0.0
    return spec.get("bullet_indent", 0) + p.level * spec.get("level_indent", 0)


def fit_title(runs: list[Run], width: float, spec: dict, size_key: str = "size",
               min_key: str = "min_size", lines_key: str = "max_lines"):
    """(size, height) of a title: the largest size within its line budget; at
    the minimum size it wraps onto as many lines as it needs."""
    pieces = pieces_of(runs, bold=True)
    for size in _sizes(spec[size_key], spec[min_key]):
        count = wrap(pieces, size, width, font())
        if count <= spec.get(lines_key, 2) or size - 2 < spec[min_key]:
            return size, block_height(count, size, spec["line_spacing"])
    raise AssertionError("unreachable: the loop returns at the minimum size")


def paginate(items: list[Paragraph], width: float, room: float,
              spec: dict) -> tuple[list[list[Paragraph]], float]:
    """(chunks, size): everything on one slide at the largest size down to
    `split_size`; else split there (smaller only if one item alone needs it)
    into as few slides as fit, balanced so the last is not a stub."""
    if not items:
        return [[]], spec["size"]
    for size in _sizes(spec["size"], spec["split_size"]):
        sized = set_size(items, size, width, spec)
        if text_height(sized, size, width, spec) <= room:
            return [sized], size
    for size in _sizes(spec["split_size"], spec["min_size"]):
        if all(text_height(set_size([p], size, width, spec), size, width, spec) <= room
               for p in items):
            break
    else:
        items = [piece for p in items for piece in _split_long(p, size, width, room, spec)]
    fewest = len(_greedy(items, size, width, room, spec))
    low, high = 0.0, room
    for _ in range(24):  # the lowest fill that still needs no more slides
        middle = (low + high) / 2
        if len(_greedy(items, size, width, middle, spec)) <= fewest:
            high = middle
        else:
            low = middle
    return [set_size(c, size, width, spec) for c in _greedy(items, size, width, high, spec)], size


def _greedy(items, size, width, room, spec) -> list[list[Paragraph]]:
    chunks, current = [], []
    for item in items:
        trial = current + [item]
        if current and text_height(set_size(trial, size, width, spec), size, width, spec) > room:
            chunks.append(current)
            current = [item]
        else:
            current = trial
    return chunks + [current]


def _split_long(p: Paragraph, size, width, room, spec) -> list[Paragraph]:
    """A paragraph taller than a whole slide, cut between lines into pieces
    that fit (the room holds a line at least: _content checks)."""
    sized = set_size([p], size, width, spec)[0]
    starts = lines(pieces_of(sized.runs), size, width - sized.indent, font(), -p.hanging)
    per_slide = int((room - block_height(0, size)) // line_height(size, spec["line_spacing"]))
    out, previous = [], 0
    for cut in starts[per_slide::per_slide] + [None]:
        out.append(Paragraph(_slice(sized.runs, previous, cut), p.level, p.hanging,
                             number=p.number))
        previous = cut
    return out


def _slice(runs: list[Run], start: int, end: int | None) -> list[Run]:
    out, offset = [], 0
    for run in runs:
        a, b = offset, offset + len(run.text)
        offset = b
        lo, hi = max(a, start), b if end is None else min(b, end)
        if lo < hi:
            out.append(Run(run.text[lo - a:hi - a], run.bold, run.italic, run.url, run.color))
    return out
