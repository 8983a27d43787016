"""A digest's sentence cut to the lines a bullet gives it: at a clause's
end, with the citations that belong to the words it keeps.

A sentence longer than `body.digest_lines` lines ends, on its slide, at
the last clause's end that fits (after a comma, semicolon or colon, or
before a dash, outside parentheses and citations), and an ellipsis; only
where no clause of some length ends in time, after a word. A sentence
that opens with a fronted subordinate or adverbial clause ("Long before
any code existed, the ditches…", "Aunque…,": labels.toml's `fronted`)
is never cut at that clause's end, nor inside the next `digest_clause`
words: the clause alone says nothing. It is cut later in the main
clause, or kept whole. A sentence
that runs over by fewer than `body.digest_least_cut` words stays whole. A citation
after the cut is kept, after the ellipsis, only when it belongs to what
the slide keeps: the parenthetical citations of the clause the cut falls
inside. Cut at a clause's end, the slide keeps whole clauses, and the
citations after it are those of clauses it leaves out (their claims are
not on the slide), as are the names of a narrative citation there.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import labels
from .slidecut import ELLIPSIS, cut_to_lines
from .slidefit import pieces_of, slice_runs
from .slidemodel import Run, deck_language, font, theme
from .textfit import lines, wrap

# Left off before an ellipsis: a cut after "Sleep," reads "Sleep…", not "Sleep,…".
_TRAILING = ",;:.-\u2013\u2014 "
_DASHES = ("\u2013 ", "\u2014 ")
_SHORT = 3  # letters: a cut after "and", "of", "the" leaves a word hanging
_PARENTHETICAL = re.compile(r"\((?!\d)[^\W\d]")  # "(Lee, 2020)", "(see Lee…": not "(2020)"


def cut_sentence(runs: list[Run], size: float, width: float,
                 count: int) -> tuple[list[Run], int | None, list[tuple[int, int]]]:
    """(the runs as `count` lines `width` wide hold them at `size`, where
    the words they keep end (None: whole), the (start, end) offsets of the
    citations kept after the ellipsis)."""
    body = theme()["body"]
    text = "".join(r.text for r in runs)
    starts = lines(pieces_of(runs), size, width, font())
    if len(starts) <= count or _words_from(runs, starts[count]) < body["digest_least_cut"]:
        return runs, None, []
    least = body["digest_clause"]
    outside, clause_ends = _where_cuts_may_end(runs, text)
    main = _main_clause(runs, text, clause_ends)
    words = [i for i in range(starts[count], 0, -1) if text[i - 1] == " " and outside[i]
             and (main is None or len(text[main:i].split()) >= least)]
    clauses = [i for i in words if i in clause_ends and len(text[:i].split()) >= least]
    words.sort(key=lambda end: _dangles(text[:end]))  # stable: the latest first in each
    for end, at_clause in [(i, True) for i in clauses] + [(i, False) for i in words]:
        kept = [] if at_clause else _belonging(runs, text, end, clause_ends)
        cut = _with_ellipsis(runs, text, end, kept)
        if cut and wrap(pieces_of(cut), size, width, font()) <= count:
            return cut, end, kept
    if main is not None:  # no cut keeps the main clause: the sentence whole says it
        return runs, None, []
    cut = cut_to_lines(runs, size, width, count, bold=False)
    return cut, len("".join(r.text for r in cut).rstrip(ELLIPSIS)), []


def _words_from(runs: list[Run], start: int) -> int:
    """How many words the runs hold from offset `start` on, outside citations."""
    words, at = [], 0
    for run in runs:
        if not run.cite:
            words.append(run.text[max(0, start - at):] if at + len(run.text) > start else "")
        at += len(run.text)
    return len(" ".join(words).split())


def _where_cuts_may_end(runs: list[Run], text: str) -> tuple[list[bool], set[int]]:
    """(whether a cut may end at each offset: outside parentheses and
    citations; the offsets where a clause ends: after a comma, semicolon or
    colon and its space, or at a dash and its space, so outside)."""
    cited = [r.cite for r in runs for _ in r.text] + [False]  # each character's
    depth, outside = 0, []
    for i, char in enumerate(text + " "):
        outside.append(depth == 0 and not (i and cited[i - 1] and cited[i]))
        depth = max(0, depth + (char in "([{") - (char in ")]}"))
    ends = {i for i in range(1, len(text)) if text[i - 1] == " " and outside[i]
            and (text[:i].rstrip().endswith((",", ";", ":")) or text[i:].startswith(_DASHES))}
    return outside, ends


def _main_clause(runs: list[Run], text: str, clause_ends: set[int]) -> int | None:
    """Where the main clause begins (the first clause end) if the sentence,
    after a run-in heading in bold, opens with a fronted clause; else None."""
    heading = 0
    for run in runs:
        if not run.bold or run.cite:
            break
        heading += len(run.text)
    opening = text[heading:] if text[heading:].strip() else text
    if not _fronted(deck_language()).match(opening.replace("\u2019", "'")):
        return None
    return min((i for i in clause_ends if i > len(text) - len(opening)), default=None)


@lru_cache(maxsize=8)
def _fronted(lang: str) -> re.Pattern:
    """The opening of a fronted clause in `lang`, after any opening marks
    ("¿", "“", "("): one of its words, whole ("As", not "Ash"; "lorsqu'"
    ends in its apostrophe)."""
    words = sorted(labels.of(lang).get("fronted", []), key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+")  # a no-break space too
                            + ("" if w.endswith("'") else r"\b") for w in words)
    return re.compile(rf"[\s\"'“‘„«‹¿¡(\[]*(?:{alternatives or '(?!)'})", re.IGNORECASE)


def _belonging(runs: list[Run], text: str, end: int, clause_ends: set[int]) -> list[tuple]:
    """The parenthetical citations (their offsets) of the clause that a cut
    at `end`, inside it, leaves unfinished: those before the clause's end."""
    stop = min((i for i in clause_ends if i > end), default=len(text))
    out, at, start = [], 0, None
    for run in runs:
        if run.cite and start is None:
            start = at
        if not run.cite and start is not None:
            out.append((start, at))
            start = None
        at += len(run.text)
    if start is not None:
        out.append((start, at))
    return [(a, b) for a, b in out if end <= a < stop and _PARENTHETICAL.match(text[a:b])]


def _with_ellipsis(runs: list[Run], text: str, end: int, kept: list[tuple]) -> list[Run]:
    """The runs up to `end`, an ellipsis, and the citations `kept`."""
    head = slice_runs(runs, 0, len(text[:end].rstrip(_TRAILING)))
    if not head:
        return []
    out = head + [Run(ELLIPSIS)]
    for start, stop in kept:
        out += [Run(" ")] + slice_runs(runs, start, stop)
    return out


def _dangles(head: str) -> bool:
    """Whether a cut after `head` leaves a short word hanging ("Sleep and…")."""
    words = head.rstrip(_TRAILING).split()
    return bool(words) and words[-1].isalpha() and len(words[-1]) <= _SHORT
