"""The citations the deck's slides show, in the order they show them: the
reading in which a group's abbreviation is defined on the slides
(report/groupnames.py, APA 7 §8.21), whatever the brief defined before.

Read before the citations are rendered, so from the article's structure:
a section's `::: slide`s, or the sentences its digest takes from its
text (report/slidedigest.py), as report/slidedrafts.py makes them. A
digest's cut, which needs the rendered words, is left to the deck: a
citation it leaves off defines nothing (groupnames.cut_from_slides).
"""

from __future__ import annotations

from .model import Para, Text
from .walk import block_cites


def slide_cites(doc) -> list:
    """The cites of the slides' words, in order: each once."""
    from .slidedigest import digest_inlines
    from .slidesections import sections
    out, seen = [], set()
    count = _digest_paragraphs(doc)
    for section in sections(doc):
        if section.slides:
            found = [c for slide in section.slides
                     for c in block_cites([Para(slide.title or []), *slide.blocks])]
        else:
            fill, showing = _beside(section, doc)
            found = [c for inlines in digest_inlines(section.blocks, count, doc.meta.lang,
                                                     fill=fill, showing=showing)
                     for c in block_cites([Para(inlines)])]
        for cite in found:
            if id(cite) not in seen and not cite.crossref:
                seen.add(id(cite))
                out.append(cite)
    return out


def _beside(section, doc) -> tuple[bool, set[str]]:
    """(whether the digest fills its slide: no figure beside it; the figure
    its slide shows), as report/slidedrafts.py chooses it."""
    from . import labels
    from .slidedrafts import digest_figure
    heading = (section.heading.children if section.heading
               else [Text(labels.of(doc.meta.lang)["introduction"])])
    visual = digest_figure(section.blocks, heading, doc)
    return visual is None, {getattr(visual, "ident", "")}


def _digest_paragraphs(doc) -> int:
    """The theme's `body.digest_paragraphs`: the document's theme, or the
    default one when it cannot be read (the deck says why)."""
    from .errors import ReportError
    from .slidemodel import DEFAULT_THEME, _stamped, _theme, theme_path
    try:
        path = theme_path(doc)
    except ReportError:
        path = DEFAULT_THEME
    try:
        return _theme(*_stamped(path))["body"]["digest_paragraphs"]
    except (ReportError, OSError, KeyError):
        return _theme(*_stamped(DEFAULT_THEME))["body"]["digest_paragraphs"]
