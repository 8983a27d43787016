"""Slides with Quarto's `.columns`: rows of columns side by side.

A slide's bullets stand in rows, top to bottom: each `.columns` a row of
its columns, each in its share of the body's width, and what stands
between them a row across the slide. All rows share one size, the largest
they fit at; rows that need more than one slide continue on "(cont.)"
slides, between rows. Where a row fits no slide, the bullets fall back to
one column (and a warning says why).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import repeat

from .errors import warn
from .slidedrafts import Draft, cites_of, where
from .slidefit import pieces_of, set_size, sizes_down, text_height, words_whole
from .slideitems import notes_of, notes_text
from .slidemodel import Paragraph, Run, SlideLayout, font, frame, theme
from .slidenotes import shared_out
from .slideparts import body_box, body_room, continued_titles, slide_head
from .textfit import FILL, widest_word


def in_columns(draft: Draft, kicker: str, title_runs: list[Run],
               words: dict) -> list[SlideLayout] | None:
    """The slides of a draft with Quarto's `.columns`: its rows stacked, each
    row's columns side by side in the shares of the body's width their
    `width`s give (else equal shares), a row of one across it; all at one
    size, the largest they fit at, on "(cont.)" slides, between rows, where
    they need more than one. None where a row fits no slide (the bullets
    then run on in one column, continued)."""
    t = theme()
    spec, colors = t["body"], t["colors"]
    m, width, height = frame()
    gutter = t["visual"]["gutter"]
    first, *more = continued_titles(title_runs, 2, words["continued"], draft.continues)

    rest = body_room(more[0], kicker)
    while True:  # a "(cont. 2)" may take the title onto another line: less room
        fit = in_rows(draft.columns, width, gutter, body_room(first, kicker), rest, spec,
                      draft.shares)
        if fit is None:
            _warn_one_column(draft, min(body_room(first, kicker), rest))
            return None
        pages, size = fit
        titles = continued_titles(title_runs, len(pages), words["continued"], draft.continues)
        if min((body_room(runs, kicker) for runs in titles[1:]), default=rest) >= rest:
            break
        rest = min(body_room(runs, kicker) for runs in titles[1:])
    shown = [[p for n in page for column in draft.columns[n] for p in column] for page in pages]
    shared = shared_out(notes_of(draft.notes), shown)
    out = []
    for runs, page, notes in zip(titles, pages, shared):
        boxes, rules, top = slide_head(runs, kicker, colors)
        slide = SlideLayout("content", "".join(r.text for r in runs).strip(), boxes,
                            notes_text(notes), colors["background"], rules,
                            notes_paragraphs=notes, cites=cites_of(draft.inlines))
        for n in page:
            top += _row(slide, draft.columns[n], size, top, height - spec["bottom"] - top,
                        (draft.shares or [None] * len(draft.columns))[n]) \
                + size * spec["paragraph_gap"]
        out.append(slide)
    return out


def _warn_one_column(draft: Draft, room: float) -> None:
    """Why a slide's `.columns` fall back to one column of bullets (a row
    fits no slide at the least size: a word wider than its column, or the
    row taller than a slide), at the `.columns` div's line."""
    spec, gutter = theme()["body"], theme()["visual"]["gutter"]
    _, width, _ = frame()
    size = spec["split_size"]
    for n, (row, each) in enumerate(zip(draft.columns, draft.shares or repeat(None))):
        height = row_height(row, size, width, gutter, spec, each)
        if height is not None and height <= room:
            continue
        part = "its column" if len(row) > 1 else "the slide"
        word = _too_wide(row, size, column_widths(width, gutter, len(row), each), spec)
        if height is not None:
            why = f"its bullets are too long for one slide even at {size:g} pt; move some " \
                "of them to a slide of their own"
        else:
            why = f"{f'the word {word!r}' if word else 'a word'} is wider than {part} even " \
                f"at {size:g} pt; shorten it or widen its column (its width)"
        place = (draft.places or [None] * len(draft.columns))[n] or draft.position
        warn(f"the slide shows its columns' bullets in one column, continued: {why}",
             *where(place))
        return


def _too_wide(row: list[list[Paragraph]], size: float, widths: list[float],
              spec: dict) -> str:
    """The first word of the row's columns wider than its column's line, or ''
    (a link breaks anywhere, as the layout lets it)."""
    for column, w in zip(row, widths):
        for p in set_size(column, size, w, spec):
            for run in (r for r in p.runs if not r.url):
                for word in run.text.split():
                    if widest_word(pieces_of([replace(run, text=word)]), size, font()) \
                            > (w - p.indent) * FILL:
                        return word
    return ""


def _row(slide: SlideLayout, row: list[list[Paragraph]], size: float, top: float,
         room: float, shares: list[float] | None = None) -> float:
    """A row of the slide's columns, each in its share of the body's width
    (`shares`, else equal shares), or a row of one across it ("lead"), put
    on the slide at `top`: its height. The first row of columns takes the
    layout's two bodies."""
    t = theme()
    spec, gutter = t["body"], t["visual"]["gutter"]
    m, width, _ = frame()
    widths = column_widths(width, gutter, len(row), shares)
    placed = any(b.role == "body" for b in slide.boxes)
    tallest = 0.0
    for n, (items, w) in enumerate(zip(row, widths)):
        if not items:  # an empty column keeps its share of the width
            continue
        x = m + sum(widths[:n]) + n * gutter if shares else m + n * (w + gutter)
        box = body_box(set_size(items, size, w, spec), size, x, top, w, room)
        role = "lead" if len(row) == 1 else "column" if n or placed else "body"
        slide.boxes.append(replace(box, role=role))
        tallest = max(tallest, box.h)
    return tallest


def row_height(row: list[list[Paragraph]], size: float, width: float, gutter: float,
               spec: dict, shares: list[float] | None = None) -> float | None:
    """The height of a row of columns side by side, `gutter` apart, across
    `width` (a row of one: the whole width), each its share of it
    (column_widths), at `size`; None where a word is wider than its line."""
    ws = column_widths(width, gutter, len(row), shares)
    parts = [set_size(c, size, w, spec) for c, w in zip(row, ws)]
    if not all(words_whole(p, size, w) for p, w in zip(parts, ws)):
        return None
    return max(text_height(p, size, w, spec) for p, w in zip(parts, ws))


def in_rows(rows: list[list[list[Paragraph]]], width: float, gutter: float, first: float,
            rest: float, spec: dict, shares: list | None = None
            ) -> tuple[list[list[int]], float] | None:
    """(the rows each slide shows, by index; size) for rows stacked under
    one another, a paragraph gap apart: all on one slide (`first` high) at
    the largest size down to `split_size`; else, at `split_size`, on as few
    slides as hold them (those after the first `rest` high), a row across
    the slide kept with the row it leads into, and then at the largest size
    that needs no more of them. None where a row alone fits no slide at
    `split_size`: its bullets then run on in one column. `shares`: each
    row's columns' shares of `width` (column_widths), None for alike."""
    shares = shares or [None] * len(rows)
    for size in sizes_down(spec["size"], spec["split_size"]):
        heights = [row_height(row, size, width, gutter, spec, each)
                   for row, each in zip(rows, shares)]
        if None not in heights and _stacked(heights, size, spec) <= first:
            return [list(range(len(rows)))], size
    pages = _rows_over(rows, shares, spec["split_size"], width, gutter, first, rest, spec)
    if pages is None:
        return None
    for size in sizes_down(spec["size"], spec["split_size"] + 1):
        larger = _rows_over(rows, shares, size, width, gutter, first, rest, spec)
        if larger is not None and len(larger) <= len(pages):
            return larger, size
    return pages, spec["split_size"]


def _stacked(heights: list[float], size: float, spec: dict) -> float:
    return sum(heights) + size * spec["paragraph_gap"] * (len(heights) - 1)


def _rows_over(rows, shares, size, width, gutter, first, rest, spec) -> list[list[int]] | None:
    """The rows at `size` over slides, each filled in turn; a row across the
    slide (what leads into columns) goes on with the row after it where the
    two fit a slide. None where a row fits no slide alone."""
    heights = [row_height(row, size, width, gutter, spec, each)
               for row, each in zip(rows, shares)]
    if None in heights or max(heights) > min(first, rest):
        return None
    units, n = [], 0
    while n < len(rows):
        glued = len(rows[n]) == 1 and n + 1 < len(rows) \
            and _stacked(heights[n:n + 2], size, spec) <= min(first, rest)
        units.append(list(range(n, n + 2 if glued else n + 1)))
        n = units[-1][-1] + 1
    pages: list[list[int]] = []
    for unit in units:
        room = first if len(pages) <= 1 else rest
        if pages and _stacked([heights[i] for i in pages[-1] + unit], size, spec) <= room:
            pages[-1].extend(unit)
        else:
            pages.append(list(unit))
    return pages


def column_widths(width: float, gutter: float, count: int,
                  shares: list[float] | None = None) -> list[float]:
    """The widths of `count` columns side by side across `width`, `gutter`
    apart: each its share (Quarto's `width="40%"`, as a fraction) of what
    the gutters leave, or all alike. Shares under 1 in all leave room at
    the right, as reveal.js does."""
    if shares is None:
        return [(width - gutter * (count - 1)) / count] * count
    room = width - gutter * (count - 1)
    return [room * share for share in shares]
