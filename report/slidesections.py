"""From the document to sections: the article cut at its level-1 and
level-2 headings, each with its `::: slide`s, their speaker notes, and the
prose a section without a slide is digested from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import labels
from .model import (Block, BlockQuote, BulletList, CodeBlock, DefinitionList, Document, Equation,
                    Figure, Heading, LineBlock, Notes, OrderedList, Para, Rule, Slide, Strong,
                    Table, Text, plain_text)
from .slideitems import in_marks


@dataclass
class Section:
    """A part of the article its slides are made from: its heading, slides, notes and text."""
    heading: Heading | None
    part: Heading | None = None        # the level-1 heading it falls under
    slides: list[Slide] = field(default_factory=list)
    notes: list[Block] = field(default_factory=list)  # written before its first slide
    slide_notes: list[list[Block]] = field(default_factory=list)  # written after each slide
    inside_notes: list[list[Block]] = field(default_factory=list)  # written in each (Quarto)
    prose: list[Para] = field(default_factory=list)
    blocks: list = field(default_factory=list)   # its text, lists, tables and figures
    # What a speaker says of its text (paragraphs, quotes in their marks,
    # lists), each with how many of its slides stand before it.
    said: list[tuple[int, Block]] = field(default_factory=list)
    # Its subsections' headings: what its own slide says when it has no bullets.
    below: list[Para] = field(default_factory=list)


def sections(doc: Document, level: int = 2) -> list[Section]:
    """The article cut at headings of `level` or above; deeper ones fold in,
    their words in bold at the start of the paragraph under them, as APA
    sets a run-in heading (a digest's bullet, the speaker's notes keep them)."""
    out, part, deeper = [Section(None)], None, None
    marks = labels.of(doc.meta.lang)["quotes"]
    for block in doc.blocks:
        if isinstance(block, Para) and deeper:
            block = Para([Strong(deeper.run_in()), Text(" ")] + block.children)
        deeper = block if isinstance(block, Heading) and block.level > level else None
        if isinstance(block, Heading) and block.level <= level:
            part = block if block.level == 1 else part
            out.append(Section(block, part))
        elif isinstance(block, Slide):
            for slide in _at_rules(block):
                # Quarto and Pandoc write a slide's notes inside it: they are its own.
                inside = [b for n in slide.blocks if isinstance(n, Notes) for b in n.blocks]
                out[-1].slides.append(_kept(slide, lambda b: not isinstance(b, Notes)
                                            and not _pause(b)))
                out[-1].slide_notes.append([])
                out[-1].inside_notes.append(inside)
        elif isinstance(block, Notes):
            section = out[-1]
            (section.slide_notes[-1] if section.slides else section.notes).extend(block.blocks)
        elif not isinstance(block, Heading):
            out[-1].blocks.append(block)
            if isinstance(block, (Para, BlockQuote)):
                out[-1].prose.extend(paras_of(block))
            elif isinstance(block, Equation):  # said in the notes as written
                out[-1].prose.append(Para(block.children))
            out[-1].said.extend((len(out[-1].slides), b) for b in _said(block, marks))
    for i, section in enumerate(out):
        section.below = _prose_below(section, out[i + 1:])
    return [s for s in out if s.slides or s.prose or lists_in(s.blocks) or visuals_in(s.blocks)]


def _at_rules(slide: Slide) -> list[Slide]:
    """The slide cut at its horizontal rules (`---`), which begin a new
    slide in Pandoc's slide shows: the first keeps its title, the others
    take a heading they open with, else (untitled) the section's."""
    pieces: list[list] = [[]]
    for block in slide.blocks:
        if isinstance(block, Rule):
            pieces.append([])
        else:
            pieces[-1].append(block)
    out = []
    for n, blocks in enumerate([p for p in pieces if p] or [[]]):
        title = slide.title if n == 0 else None
        if n and isinstance(blocks[0], Heading):
            title, blocks = blocks[0].children, blocks[1:]
        out.append(replace(slide, blocks=blocks, title=title))
    return out


def _pause(block) -> bool:
    """Pandoc's pause in a slide show, a paragraph of `. . .`: the deck
    shows each slide whole, so it is no text."""
    return isinstance(block, Para) and \
        re.fullmatch(r"\.[ \u00a0]\.[ \u00a0]\.", plain_text(block.children).strip()) is not None


def _kept(slide: Slide, keep) -> Slide:
    """The slide with the blocks that `keep` keeps (in the columns they were in)."""
    return replace(slide, blocks=[b for b in slide.blocks if keep(b)])


def column_of(block, slide: Slide) -> tuple[int, int] | None:
    """(which of the slide's `.columns`, which of its columns) `block`
    stands in, from 0; None for none."""
    return next(((g, k) for g, group in enumerate(slide.columns or ())
                 for k, column in enumerate(group) if any(b is block for b in column)), None)


def _prose_below(section: Section, following: list[Section]) -> list[Para]:
    """The headings of the subsections that follow a heading, until its next
    peer: what a part with no prose of its own leads into. Their prose is
    said on their own slides, not again on the part's."""
    out = []
    for other in following:
        if not section.heading or other.heading.level <= section.heading.level:
            break
        out.append(Para(other.heading.children))
    return out


def _said(block, marks: list[str]) -> list:
    """What a speaker says of a block of the text: a paragraph or list as
    written, a quotation in the language's `marks` with its source (so it
    is not read as the speaker's own words), an equation as written."""
    if isinstance(block, (Para, BulletList, OrderedList)):
        return [block]
    if isinstance(block, BlockQuote):
        return in_marks(block.blocks, marks)
    if isinstance(block, Equation):
        return [Para(block.children)]
    return []


def paras_of(block):
    """A quote's (or a callout's) paragraphs, those in its lists too: the prose
    a digest slide draws on; its code, tables and rules are no prose."""
    if isinstance(block, Para):
        yield block
    elif isinstance(block, BlockQuote):
        for inner in block.blocks:
            yield from paras_of(inner)
    elif isinstance(block, (BulletList, OrderedList)):
        for item in block.items:
            for inner in item:
                yield from paras_of(inner)


# What a slide shows beside its bullets: the first of these it holds.
SHOWN = (Table, Figure, CodeBlock)


def lists_in(blocks: list) -> list:
    """The blocks a digest shows as they are when no paragraph has a sentence
    to take: lists, line blocks and equations."""
    return [b for b in blocks if isinstance(b, (BulletList, OrderedList, DefinitionList,
                                                LineBlock, Equation))]


def visuals_in(blocks: list) -> list:
    """The tables, figures and code blocks among `blocks`."""
    return [b for b in blocks if isinstance(b, SHOWN)]
