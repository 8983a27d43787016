"""Fitting a table's rows to slides, as a browser would share out its columns.

A table is set whole at the largest size that keeps every word unbroken;
else its rows continue under the repeated header over as few slides as hold
them, balanced. What no slide can show is left out and said (slides warn):
columns past the slide's right edge, rows past `most_slides`, and a row
taller than a slide, cut with an ellipsis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .slidecut import ELLIPSIS, cut_to_lines
from .slidefit import ROUNDING, face_of, pieces_of, sizes_down, unkept, unlinked
from .slidemodel import LINE_BREAK, Run, cell_lines, font
from .textfit import BREAKING_SPACE, FILL, block_height, line_height, text_width, wrap


@dataclass
class TableFit:
    """A table's rows (header first, each a list of cells' runs) as set at
    `size`: the columns' widths, each row's height, the body rows each slide
    shows under the header, whether a word had to break in its column, and
    what a slide could not show: columns left out at the right, rows cut."""
    rows: list[list[list[Run]]]
    size: float
    columns: list[float]
    heights: list[float]
    pages: list[list[int]]
    cramped: bool = False
    hidden_columns: int = 0
    cut_rows: int = 0
    hidden_rows: int = 0


def fit_table(rows: list[list[list[Run]]], width: float, room: float, spec: dict,
              first: float | None = None) -> TableFit:
    """The whole table in `width` × `room` at the largest size down to
    `split_size`, with no word broken if a size allows; else its rows split
    there (smaller if a row needs it) over as few slides as fit, balanced as
    bullets are, `most_slides` at most (the rest left out). A row is never
    split over slides, nor a word inside a cell: at `min_size`, the columns
    that do not fit beside the others are left out, and a row taller than a
    slide is cut with an ellipsis. With `first`, the rows split at once, the
    first slide's under bullets that leave it that much room (and one slide
    more is allowed: the bullets' own would have been one)."""
    whole = []
    for size in sizes_down(spec["size"], spec["split_size"]) if first is None else ():
        cells, columns, heights, cramped = _grid(rows, size, width, spec)
        if sum(heights) <= room:
            whole.append(TableFit(cells, size, columns, heights, [list(range(1, len(rows)))],
                                  cramped))
            if not cramped:
                break
    # A whole table with a word broken at every size is no fit: the split
    # sizes below (then columns left out) keep every word whole.
    if whole and not whole[-1].cramped:
        return whole[-1]
    size = _split_size(rows, width, room, spec)
    shown = _columns_shown(rows, size, width, spec)
    cells, columns, heights, cramped = _grid([row[:shown] for row in rows], size, width, spec)
    cells, cut = _cut_rows(cells, heights, size, columns, room - heights[0], spec)
    heights = _heights(cells, size, columns, spec)
    # The first slide under bullets is theirs anyway: it does not count.
    most = spec["most_slides"] + (first is not None)
    pages = _row_pages(heights, room, most, first)
    shown_rows = {i for page in pages for i in page}
    return TableFit(cells, size, columns, heights, pages, cramped, len(rows[0]) - shown,
                    len(cut & shown_rows), len(rows) - 1 - len(shown_rows))


def _split_size(rows, width, room, spec) -> float:
    """The largest size from `split_size` down at which no word breaks and
    every row fits a slide under the header; else `min_size`."""
    for size in sizes_down(spec["split_size"], spec["min_size"]):
        _, _, heights, cramped = _grid(rows, size, width, spec)
        if not cramped and heights[0] + max(heights[1:], default=0.0) <= room:
            return size
    return spec["min_size"]


def _columns_shown(rows, size, width, spec) -> int:
    """How many columns, from the left, fit `width` side by side with no
    word broken (one at least: a word wider than the slide must break)."""
    least = _least(rows, size, spec, kept=False)
    shown = len(least)
    while shown > 1 and sum(least[:shown]) > width:
        shown -= 1
    return shown


def _cut_rows(rows, heights, size, columns, room, spec):
    """(rows, the indices of those cut): a body row taller than `room` with
    each cell cut, with an ellipsis, to the lines that room holds."""
    pitch = line_height(size, spec["line_spacing"])
    count = max(1, int((room - 2 * spec["margin_y"] - block_height(0, size)) // pitch))
    out, cut = [rows[0]], set()
    for i, (row, height) in enumerate(zip(rows[1:], heights[1:]), start=1):
        if height > room:
            row = [_cut_cell(runs, size, w - 2 * spec["margin_x"], count)
                   for runs, w in zip(row, columns)]
            cut.add(i)
        out.append(row)
    return out, cut


def _cut_cell(runs: list[Run], size: float, width: float, count: int) -> list[Run]:
    """A cell's runs as far as `count` lines `width` wide hold them, its hard
    line breaks kept, cut with an ellipsis (cut_to_lines) where they do not:
    at the end of the last line shown when more lines follow it."""
    out: list[Run] = []
    lines_of = cell_lines(runs)
    for n, line in enumerate(lines_of):
        last = n == len(lines_of) - 1
        taken = wrap(pieces_of(line), size, width, font())
        if last or taken >= count:
            more = [] if last else [Run(ELLIPSIS)]
            return out + cut_to_lines(line + more, size, width, count, bold=False)
        out += line + [Run(LINE_BREAK)]
        count -= taken
    return out


def _grid(rows, size, width, spec):
    """(rows, column widths, row heights, whether a word is wider than its
    column) at `size`; a link too long for its cell's line loses its link,
    as on a bullet."""
    pad = 2 * spec["margin_x"] + ROUNDING
    least = _least(rows, size, spec)
    needs = [[_spans(row[c], size)[1] / FILL + pad for row in rows]
             for c in range(len(rows[0]))]  # each cell's width on one line
    columns = _whole_lines(_share(least, [max(n) for n in needs], width), least, needs)
    rows = [[[piece for run in unkept(cell, size, w - 2 * spec["margin_x"])
              for piece in unlinked(run, size, w - 2 * spec["margin_x"])]
             for cell, w in zip(row, columns)] for row in rows]
    return rows, columns, _heights(rows, size, columns, spec), sum(least) > width


def _least(rows, size, spec, kept: bool = True) -> list[float]:
    """Each column's least width: its longest word, and the cell's margins.
    What no-break spaces keep whole ("p < .001") is one word, unless not
    `kept`: as it stands when a column too narrow for it breaks it (unkept)."""
    pad = 2 * spec["margin_x"] + ROUNDING
    return [max(_spans(row[c], size, kept)[0] for row in rows) / FILL + pad
            for c in range(len(rows[0]))]


def _spans(runs: list[Run], size: float, kept: bool = True) -> tuple[float, float]:
    """(longest word, longest line unbroken) of a cell, in points. A word
    runs on across a change of face ("*p* = .015"). A link is no word: it
    may break anywhere, as a long address must."""
    space = BREAKING_SPACE if kept else _ANY_SPACE
    widths, word = [], 0.0
    for r in runs:
        if r.url:
            widths.append(word)
            word = 0.0
            continue
        for n, part in enumerate(space.split(r.text)):
            if n:
                widths.append(word)
                word = 0.0
            word += text_width(part, size, face_of(r)) if part else 0.0
    whole = max(sum(text_width(r.text, size, face_of(r)) for r in line)
                for line in cell_lines(runs))
    return max(widths + [word]), whole


_ANY_SPACE = re.compile(r"\s+")


def _share(least: list[float], most: list[float], width: float) -> list[float]:
    """Column widths filling `width` as a browser's automatic table layout
    shares it: each column its longest word at least, what is left in
    proportion to what its cells need to stay on one line."""
    if sum(most) <= width:
        return [m * width / sum(most) for m in most]
    if sum(least) >= width:  # at the least size only: some words must break
        return _capped(least, width)
    spare = (width - sum(least)) / (sum(most) - sum(least))
    return [x + (m - x) * spare for x, m in zip(least, most)]


# A column within this share of its one-line width gets it (_whole_lines).
NEARLY_WHOLE = 0.01


def _whole_lines(columns: list[float], least: list[float],
                 needs: list[list[float]]) -> list[float]:
    """`columns` with each a hair short of a cell's one-line width (`needs`,
    each cell's, by column) given it, from the others' room above their
    least: our widths keep a margin (FILL) LibreOffice does not, so a header
    wrapped by 0.06 pt in our layout stood on one line in LibreOffice's, and
    the handout's words sat 89 pt from the deck's."""
    wants = [max((n for n in cells if w < n <= w * (1 + NEARLY_WHOLE)), default=w)
             for w, cells in zip(columns, needs)]
    need = sum(want - w for want, w in zip(wants, columns))
    room = [0.0 if want > w else w - x for want, w, x in zip(wants, columns, least)]
    if not need or sum(room) <= need:
        return columns
    return [want if want > w else w - need * r / sum(room)
            for want, w, r in zip(wants, columns, room)]


def _capped(least: list[float], width: float) -> list[float]:
    """Columns at their least but the widest, cut down to one width so that
    all fill `width`: only the longest words (URLs, mostly) break, not every
    column's."""
    ordered = sorted(least, reverse=True)
    for k in range(1, len(ordered) + 1):
        cap = (width - sum(ordered[k:])) / k
        if k == len(ordered) or cap >= ordered[k]:
            break
    return [min(x, cap) for x in least]


def _heights(rows, size, columns, spec) -> list[float]:
    """Each row as tall as its tallest cell, margins included."""
    return [max(_cell_height(cell, size, w, spec) for cell, w in zip(row, columns))
            for row in rows]


def _cell_height(runs: list[Run], size: float, width: float, spec: dict) -> float:
    """A cell's lines at PowerPoint's pitch (LibreOffice sets them a little
    closer), within its margins in a column `width` wide."""
    count = sum(wrap(pieces_of(line), size, width - 2 * spec["margin_x"], font())
                for line in cell_lines(runs))
    return block_height(count, size, spec["line_spacing"]) + 2 * spec["margin_y"]


def _row_pages(heights: list[float], room: float, most: int,
               first: float | None = None) -> list[list[int]]:
    """The body rows (by index) on each slide under the header (the first
    slide's in `first`, if given: it holds none if the first row needs more):
    as few slides as fit, the lowest fill that needs no more, so the last is
    not a stub; past `most` slides, the first `most` filled and the rest left out."""
    def greedy(limit):
        pages, used = [[]], heights[0]
        for i, h in enumerate(heights[1:], start=1):
            opening = first is not None and len(pages) == 1
            cap = min(limit, first) if opening else limit
            if used + h > cap and (pages[-1] or opening and used + h > first):
                pages.append([])
                used = heights[0]
            pages[-1].append(i)
            used += h
        return pages
    if len(greedy(room)) > most:
        return greedy(room)[:most]
    fewest = len(greedy(room))
    low, high = 0.0, room
    for _ in range(24):
        middle = (low + high) / 2
        if len(greedy(middle)) <= fewest:
            high = middle
        else:
            low = middle
    return greedy(high)
