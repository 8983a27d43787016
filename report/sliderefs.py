"""The references slides: the APA entries of the works the talk cites.

The works cited on the slides and in their speaker notes are listed (a
talk's list holds the works it cites, spoken ones too, as pandoc's deck
lists every work its slides and notes cite), in the list's APA order, on
as many slides as they need,
"(cont.)" after the first. A style's subsequent-author-substitute ("———.")
stands only below the entry it stands for on the same slide: the first
entry of every slide names its authors.
"""

from __future__ import annotations

from . import bidi, cslsubstitute, labels
from .model import Document
from .slidefit import paginate, set_size, text_height
from .slidemodel import Box, Paragraph, SlideLayout, frame, theme
from .slideparts import body_room, continued_titles, slide_head
from .slideruns import body_runs, runs_of


def references_slides(doc: Document, slides: list[SlideLayout]) -> list[SlideLayout]:
    """APA reference entries of the works cited on slides and in their
    notes, as many slides as needed; a typed list (report/typedrefs.py),
    which no slide cites by key, whole."""
    entries = listed(doc, slides)
    if not entries:
        return []
    t = theme()
    spec, colors = t["references"], t["colors"]
    m, width, _ = frame()
    # Laid out with the names written out, which a slide's first entry keeps.
    paragraphs = [Paragraph(_entry_runs(r.full or r.rendered), -1, spec["hanging"])
                  for r in entries]
    title = runs_of(doc.meta.references_title, bold=True)
    chunks, size = paginate(paragraphs, width, body_room(title, ""), spec)
    chunks = _substituted(chunks, entries, size, width, spec)
    out = []
    continued = labels.of(doc.meta.lang)["continued"]
    for runs, chunk in zip(continued_titles(title, len(chunks), continued), chunks):
        boxes, rules, top = slide_head(runs, "", colors)
        boxes.append(Box("references", m, top, width, text_height(chunk, size, width, spec), chunk,
                         size, colors["text"], line_spacing=spec["line_spacing"]))
        out.append(SlideLayout("references", "".join(r.text for r in runs), boxes, "",
                               colors["background"], rules))
    return out


def listed(doc: Document, slides: list[SlideLayout]) -> list:
    """The references the deck lists: those of the works its slides or their
    speaker notes cite, and those `nocite` adds, as the brief lists them
    (the handout's list too: report/handoutrefs.py), in the list's order, a
    substitute ("———.") below its own entry only."""
    keys = cited(slides) | {k.lower() for k in doc.meta.nocite}
    return cslsubstitute.kept([r for r in doc.references
                               if r.typed or r.key.lower() in keys or "*" in keys])


def cited(slides: list[SlideLayout]) -> set[str]:
    """The keys of the works the slides cite, on them or in their notes
    (report/slideitems.py's Said paragraphs carry a note's keys)."""
    shown = {k.lower() for s in slides for k in s.cites}
    said = {k for s in slides for p in s.notes_paragraphs for k in getattr(p, "cites", ())}
    return shown | said


def _entry_runs(inlines) -> list:
    """An entry's runs, its right-to-left words isolated as in the brief."""
    return body_runs(bidi.inlines(inlines, bidi.ENTRY, ltr=True))


def _substituted(chunks: list[list[Paragraph]], entries: list, size: float, width: float,
                 spec: dict) -> list[list[Paragraph]]:
    """Each slide's entries with the style's subsequent-author-substitute
    ("———.") below the entry it stands for on that slide; the first entry of
    a slide, "(cont.)" or not, names its authors (report/cslsubstitute.py)."""
    left = iter(entries)
    out = []
    for chunk in chunks:
        mine = [next(left) for p in chunk if not p.continued]
        whole = {id(r) for r in cslsubstitute.kept(mine) if r.full is not None}
        shown = iter(mine)
        paragraphs = []
        for n, p in enumerate(chunk):
            reference = None if p.continued else next(shown)
            split = n + 1 < len(chunk) and chunk[n + 1].continued
            if reference is not None and id(reference) in whole and not split:
                p = Paragraph(_entry_runs(reference.rendered), -1, spec["hanging"])
            paragraphs.append(p)
        out.append(set_size(paragraphs, size, width, spec) if whole else chunk)
    return out
