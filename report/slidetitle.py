"""Fitting a title to its box: shrink, then wrap, and break a word only
where a reader would.

A title is set at the largest size within its line budget with every word
whole; a word too long for any line (a long compound, an address) shrinks
it a little further, and only then breaks, at its syllables or after an
address's punctuation, never between any two letters.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .slidefit import pieces_of, sizes_down
from .slidemodel import Run, deck_language, font, theme
from .textfit import FILL, Piece, block_height, text_width, words, wrap


def fit_title(runs: list[Run], width: float, spec: dict, size_key: str = "size",
               min_key: str = "min_size", lines_key: str = "max_lines"):
    """(size, height, runs) of a title: the largest size within its line
    budget with no word broken between letters; else, at the minimum size,
    wrapped onto as many lines as it needs; a word wider than a line even so
    (a long compound), at the largest size down to deck.toml's
    title.word_shrink of the minimum that holds it. Only what no such size holds breaks, at the
    minimum size, where break_points lets it."""
    pieces = pieces_of(runs, bold=True)
    least = spec[min_key]
    for size in sizes_down(spec[size_key], least):
        count = wrap(pieces, size, width, font())
        whole = _unbroken(pieces, size, width)
        if whole and (count <= spec.get(lines_key, 2) or size - 2 < least):
            return size, block_height(count, size, spec["line_spacing"]), runs
    for size in sizes_down(least - 1, least * theme()["title"]["word_shrink"]):
        if _unbroken(pieces, size, width):
            return size, block_height(wrap(pieces, size, width, font()), size,
                                      spec["line_spacing"]), runs
    runs = break_points(runs, least, width)
    count = wrap(pieces_of(runs, bold=True), least, width, font())
    return least, block_height(count, least, spec["line_spacing"]), runs


ZERO_WIDTH_SPACE = "\u200b"  # a line may break there, with no hyphen (textfit)


# Where a long address may break: after its punctuation ("/", ".", "-", "_").
_ADDRESS_BREAK = re.compile(r"(?<=[/.\-_?&=#])(?=[^/.\-_?&=#])")


def break_points(runs: list[Run], size: float, width: float) -> list[Run]:
    """The (bold) runs with a zero-width space where each word wider than a
    line `width` wide at `size` may break: after the punctuation of an
    address, between the syllables of a word (pyphen's, in the deck's
    language), so that LibreOffice, which breaks at the last of them a line
    holds, does not break it between any two letters; none in a link."""
    text = "".join(r.text for r in runs)
    points: set[int] = set()
    for start, end, w in words(pieces_of(runs, bold=True), size, font()):
        if w > width * FILL:
            points |= {start + at for at in _word_breaks(text[start:end])}
    if not points:
        return runs
    out, at = [], 0
    for run in runs:
        written = run.text  # its offsets are the title's, before any space is put in
        if not run.url:
            run = replace(run, text="".join(
                ZERO_WIDTH_SPACE + char if at + i in points and i else char
                for i, char in enumerate(written)))
        out.append(run)
        at += len(written)
    return out


def _word_breaks(word: str) -> set[int]:
    """Offsets into `word` a line may break before: after its punctuation,
    and between the syllables of its runs of letters."""
    points = {m.start() for m in _ADDRESS_BREAK.finditer(word) if 0 < m.start() < len(word)}
    dictionary = _syllables(deck_language())
    if dictionary is not None:
        points |= {m.start() + p for m in re.finditer(r"[^\W\d_]{5,}", word)
                   for p in dictionary.positions(m.group())}
    return points


@lru_cache(maxsize=8)
def _syllables(lang: str):
    """Pyphen's dictionary for `lang` (as the brief's hyphenation finds it),
    None for none."""
    import pyphen
    found = pyphen.language_fallback(lang.replace("-", "_")) if lang else None
    return pyphen.Pyphen(lang=found, left=2, right=2) if found else None


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
