"""The reference list the handout prints after its slides.

The handout shows the deck's references slides as the deck has them; drawn
two or more to a page their entries are too small to read on paper
(styles/handout.toml's `legible`), so the list is printed after the slides
instead, legibly, with a hanging indent, and those slides are left out (one
list, that reads: report/handout.py). It is the deck's list: the entries of
the works its slides and their speaker notes cite (report/sliderefs.py), in
the deck's order, no more; with the speaker's notes printed too, every work
they cite is there.
"""

from __future__ import annotations

from .model import Document
from .sliderefs import listed as deck_listed
from .slides import DeckLayout


def listed(doc: Document, layout: DeckLayout, scale: float, legible: float) -> list:
    """The references to print after the slides (none when the deck's
    references slides read as they are drawn)."""
    if _smallest_entry(layout) * scale >= legible:
        return []
    return deck_listed(doc, layout.slides)


def _smallest_entry(layout: DeckLayout) -> float:
    """The type size of the deck's smallest reference entry, in the deck's
    points; infinite when it has no references slide."""
    return min((b.size for s in layout.slides if s.kind == "references"
                for b in s.boxes if b.role == "references"), default=float("inf"))
