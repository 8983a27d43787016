"""The reference list the handout prints after its slides.

The handout shows the deck's references slides as the deck has them; drawn
two or more to a page their entries are too small to read on paper
(styles/handout.toml's `legible`), so the list is printed after the slides
too, legibly, with a hanging indent: the deck's entries, in the deck's
order, no more. With the speaker's notes, which carry the article's prose
and its citations, it is the brief's list: every work a note may cite.
"""

from __future__ import annotations

from . import cslsubstitute
from .model import Document
from .slides import DeckLayout


def listed(doc: Document, layout: DeckLayout, notes: str, scale: float,
           legible: float) -> list:
    """The references to print after the slides (none when the deck's
    references slides read as they are drawn)."""
    if notes == "speaker":
        return list(doc.references)
    if _smallest_entry(layout) * scale >= legible:
        return []
    keys = {k.lower() for s in layout.slides for k in s.cites}
    # As the deck lists them (report/sliderefs.py): the works the slides
    # cite, and a typed list whole; a substitute ("———.") below its entry only.
    return cslsubstitute.kept([r for r in doc.references if r.typed or r.key.lower() in keys])


def _smallest_entry(layout: DeckLayout) -> float:
    """The type size of the deck's smallest reference entry, in the deck's
    points; infinite when it has no references slide."""
    return min((b.size for s in layout.slides if s.kind == "references"
                for b in s.boxes if b.role == "references"), default=float("inf"))
