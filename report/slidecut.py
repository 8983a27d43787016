"""Text cut with an ellipsis to the lines a box holds.

Where a slide has no room for all of a text (a kicker, a part's heading, a
caption, a table cell, a digest's sentence), it shows as much as fits and
an ellipsis; the speaker notes say it whole. A cut ends after a word, not
on a short one left hanging ("Effects of…"), and a sentence keeps the
citations that say whose claim it is.
"""

from __future__ import annotations

import re
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


def shortened(runs: list[Run], size: float, width: float, count: int) -> list[Run]:
    """A sentence (its runs) as far as `count` lines `width` wide hold it at
    `size`, in the author's words: whole, or cut with an ellipsis at the end
    of a clause (after a comma, semicolon or colon, or before a dash, outside
    parentheses), else after a word, as cut_to_lines cuts; never inside a
    citation (its runs marked `cite`), and the citations cut off
    follow the ellipsis: the slide still says whose the claim is. A clause
    ends no cut that keeps less than half of what a cut after a word keeps."""
    text = "".join(r.text for r in runs)
    starts = lines(pieces_of(runs), size, width, font())
    if len(starts) <= count:
        return runs
    cited = [r.cite for r in runs for _ in r.text]  # each character's
    depth, outside = 0, []  # whether a cut may end at each offset
    for i, char in enumerate(text):
        outside.append(depth == 0 and not cited[i] and (i == 0 or not cited[i - 1]))
        depth = max(0, depth + (char in "([{") - (char in ")]}"))
    words = [i for i in range(starts[count], 0, -1) if text[i - 1] == " " and outside[i]]
    words.sort(key=lambda end: _dangles(text[:end]))  # stable: the latest first in each
    clauses = [i for i in words if text[:i].rstrip().endswith((",", ";", ":"))
               or text[i:].startswith(("\u2013 ", "\u2014 "))]
    fitting = ((end, cut) for end in words
               if (cut := _with_ellipsis(runs, end))
               and wrap(pieces_of(cut), size, width, font()) <= count)
    word_end, word_cut = next(fitting, (0, None))
    for end in sorted(clauses, reverse=True):
        cut = _with_ellipsis(runs, end)
        if end >= word_end / 2 and wrap(pieces_of(cut), size, width, font()) <= count:
            return cut
    return word_cut or cut_to_lines(runs, size, width, count, bold=False)


def _with_ellipsis(runs: list[Run], end: int) -> list[Run]:
    """The runs up to `end`, an ellipsis, and the parenthetical citations
    after it ("(Lee, 2020)"): a narrative one's name ("Lee (2020)"), or the
    year its author's name in the text goes with ("(2020)"), is of the words
    cut off."""
    head = slice_runs(runs, 0, len("".join(r.text for r in runs)[:end].rstrip(_TRAILING)))
    if not head:
        return []
    groups: list[list[Run]] = [[]]
    for run in slice_runs(runs, end, None):
        if run.cite:
            groups[-1].append(run)
        elif groups[-1]:
            groups.append([])
    out = head + [Run(ELLIPSIS)]
    for group in groups:
        if _PARENTHETICAL.match("".join(r.text for r in group)):
            out += [Run(" ")] + group
    return out


_PARENTHETICAL = re.compile(r"\((?!\d)[^\W\d]")  # "(Lee, 2020)", "(see Lee…": not "(2020)"
