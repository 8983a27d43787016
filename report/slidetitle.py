"""Fitting a title to its box: shrink, then wrap.

A title is set at the largest size within its line budget with every word
whole; a word too long for any line (a long compound, an address) shrinks
it a little further, and only then is left to PowerPoint's own wrapping
(an address after a slash, else between letters: textfit measures it so).
The title's text is the author's, character for character: nothing is put
into a word to break it, which a reader's copy and paste would carry along.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .slidefit import pieces_of, sizes_down
from .slidemodel import Run, font, theme
from .textfit import (BREAKING_SPACE, FILL, Piece, block_height, lines, text_width,
                      widest_word, words, wrap)


def fit_title(runs: list[Run], width: float, spec: dict, size_key: str = "size",
               min_key: str = "min_size", lines_key: str = "max_lines"):
    """(size, height, runs) of a title: the largest size within its line
    budget with no word broken between letters; else, at the minimum size,
    wrapped onto as many lines as it needs; a word wider than a line even so
    (a long compound), at the largest size down to deck.toml's
    title.word_shrink of the minimum that holds it. What no such size holds
    is set at the minimum size and wraps where PowerPoint wraps it (its text
    as written: a zero-width space put in to break it was copied along)."""
    pieces = pieces_of(runs, bold=True)
    least = spec[min_key]
    for size in sizes_down(spec[size_key], least):
        count = wrap(pieces, size, width, font())
        whole = _unbroken(pieces, size, width)
        if whole and count <= spec.get(lines_key, 2):  # within its budget: lines alike
            return size, block_height(count, size, spec["line_spacing"]), \
                balanced(runs, size, width)
        if whole and size - 2 < least:  # over it: cut (slidecover), as it runs
            return size, block_height(count, size, spec["line_spacing"]), runs
    for size in sizes_down(least - 1, least * theme()["title"]["word_shrink"]):
        if _unbroken(pieces, size, width):
            return size, block_height(wrap(pieces, size, width, font()), size,
                                      spec["line_spacing"]), runs
    count = wrap(pieces, least, width, font())
    return least, block_height(count, least, spec["line_spacing"]), runs


def balanced(runs: list[Run], size: float, width: float) -> list[Run]:
    """The (bold) runs of a title of two lines or more broken into lines of
    like length, as CSS's `text-wrap: balance` breaks them: where they break
    in the narrowest width that keeps their count, the spaces inside each
    line after the first made no-break, so that LibreOffice, which breaks a
    line at the last space that fits, breaks there too (each such line is
    wider than what is left of the one before it); no lone last word
    ("…Under / Pressure"). The runs as they are on one line, or if a link
    would have to hold a no-break space (LibreOffice sets it as one field)."""
    pieces = pieces_of(runs, bold=True)
    count = wrap(pieces, size, width, font())
    if count < 2:
        return runs
    written, runs = runs, _dash_kept(runs)
    pieces = pieces_of(runs, bold=True)
    low, high = widest_word(pieces, size, font()) / FILL, width
    for _ in range(24):  # halving to a tenth of a point on any slide
        middle = (low + high) / 2
        low, high = (low, middle) if wrap(pieces, size, middle, font()) <= count \
            else (middle, high)
    starts = lines(pieces, size, high, font()) + [sum(len(p.text) for p in pieces)]
    text = "".join(p.text for p in pieces)
    kept = {at + m.start() + i for start, end in zip(starts[1:], starts[2:])
            for at in [start] for m in BREAKING_SPACE.finditer(text[start:end].rstrip())
            for i in range(len(m.group()))}
    out, at = [], 0
    for run in runs:
        inside = [at + i in kept for i in range(len(run.text))]
        if run.url and any(inside):
            return written
        out.append(replace(run, text="".join(NO_BREAK_SPACE if held else char
                                             for held, char in zip(inside, run.text))))
        at += len(run.text)
    return out if wrap(pieces_of(out, bold=True), size, width, font()) == count else written


NO_BREAK_SPACE = "\u00a0"
_SPACED_DASH = re.compile(r"[^\S\u00a0\u202f](?=[\u2013\u2014]\s)")  # " – ", " — "


def _dash_kept(runs: list[Run]) -> list[Run]:
    """The runs with the space before a spaced dash no-break: a balanced
    line ends on the dash ("wirken –" / "aber nicht …"), none starts with it."""
    return [run if run.url else replace(run, text=_SPACED_DASH.sub(NO_BREAK_SPACE, run.text))
            for run in runs]


def _unbroken(pieces: list[Piece], size: float, width: float) -> bool:
    """Whether every word of the pieces fits a line `width` wide at `size`,
    or breaks only after a slash (a long address: textfit breaks it there)."""
    text = "".join(p.text for p in pieces)
    for start, end, w in words(pieces, size, font()):
        if w <= width * FILL:
            continue
        parts = re.findall(r"[^/]*/+|[^/]+", text[start:end])
        if len(parts) < 2 or any(text_width(part, size, font().bold) > width * FILL
                                 for part in parts):
            return False
    return True
