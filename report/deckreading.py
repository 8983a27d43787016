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
    out, seen = [], set()
    for cite in block_cites(list(_shown(doc))):
        if id(cite) not in seen and not cite.crossref:
            seen.add(id(cite))
            out.append(cite)
    return out


def slide_words(doc) -> list:
    """The slides' words and cites, in order (walk.words_and_cites): where a
    slide's prose may define a group's abbreviation (groupnames)."""
    from .walk import words_and_cites
    return words_and_cites(list(_shown(doc)))


def _shown(doc):
    """The blocks of what the slides show, in order: each `::: slide`'s title
    and blocks; for a section without one, the sentences its digest takes."""
    from .slidedigest import digest_inlines
    from .slidesections import sections
    count = _digest_paragraphs(doc)
    for section in sections(doc):
        if section.slides:
            for slide in section.slides:
                yield from [Para(slide.title or []), *slide.blocks]
        else:
            fill, showing = _beside(section, doc)
            for inlines in digest_inlines(section.blocks, count, doc.meta.lang, fill=fill,
                                          showing=showing):
                yield Para(inlines)


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
