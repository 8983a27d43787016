"""Text cut with an ellipsis to the lines a box holds.

Where a slide has no room for all of a text (a kicker, a part's heading, a
caption, a table cell; a digest's sentence, where report/digestcut.py
finds no clause's end), it shows as much as fits and an ellipsis; the
speaker notes say it whole. A cut ends after a word, not on a short one
left hanging ("Effects of…").
"""

from __future__ import annotations

from dataclasses import replace

from .slidefit import pieces_of, slice_runs
from .slidemodel import Paragraph, Run, font
from .textfit import lines, wrap


ELLIPSIS = "\u2026"


# Left off before an ellipsis: a cut after "Sleep," reads "Sleep…", not "Sleep,…".
_TRAILING = ",;:.-\u2013\u2014 "


def cut_to_lines(runs: list[Run], size: float, width: float, count: int,
                 bold: bool = True) -> list[Run]:
    """The runs (bold, unless not `bold`) as far as `count` lines `width`
    wide hold them at `size`: all of them, or cut after the last word that
    leaves room for an ellipsis (between characters only when a first word
    alone is too long)."""
    text = "".join(r.text for r in runs)
    starts = lines(pieces_of(runs, bold=bold), size, width, font())
    if len(starts) <= count:
        return runs
    ends = [i for i in range(starts[count], 0, -1) if text[i - 1] == " "]
    ends.sort(key=lambda end: _dangles(text[:end]))  # stable: the latest first in each
    for end in ends + list(range(starts[count] - 1, 0, -1)):
        head = slice_runs(runs, 0, len(text[:end].rstrip(_TRAILING)))
        if not head:
            continue
        last = head[-1]
        cut = head + [Run(ELLIPSIS, last.bold, last.italic, color=last.color)]
        if wrap(pieces_of(cut, bold=bold), size, width, font()) <= count:
            return cut
    return [Run(ELLIPSIS, bold)]


def cut_paragraphs(paragraphs: list[Paragraph], size: float, width: float, count: int,
                   bold: bool = False) -> list[Paragraph]:
    """The paragraphs as far as `count` lines `width` wide hold them at
    `size`: whole, or the last that starts within them cut with an ellipsis
    (cut_to_lines), those after it left out."""
    out = []
    for p in paragraphs:
        held = wrap(pieces_of(p.runs, bold), size, width - p.indent, font(),
                    first_indent=-p.hanging)
        if held > count:
            if count > 0:
                out.append(replace(p, runs=cut_to_lines(p.runs, size, width - p.indent,
                                                        count, bold)))
            return out
        out.append(p)
        count -= held
    return out


def _dangles(head: str) -> bool:
    """Whether a cut after `head` leaves a short word hanging ("Sleep and…",
    "Effects of…"): it reads unfinished, and goes with what follows."""
    words = head.rstrip(_TRAILING).split()
    return bool(words) and words[-1].isalpha() and len(words[-1]) <= _SHORT


_SHORT = 3  # letters: "and", "of", "the", "in", "à", "und", "y"
