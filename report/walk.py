"""Walking the model: every citation, in document order; the inline lists
and the block lists each block holds."""

from __future__ import annotations

from collections.abc import Iterator

from .model import (WRAPPERS, BlockQuote, BulletList, Cite, DefinitionList, Document, Figure,
                    Heading, LineBlock, LineBreak, NoteRef, Notes, OrderedList, Para, Slide,
                    Table, Text)


def walk_cites(doc: Document, printed: bool = False) -> Iterator[Cite]:
    """Every Cite of the front matter, the body and the footnotes, in order;
    `printed`: only those the brief prints (not on slides, not in notes, nor
    in a footnote that only they call: a note style's citation on a slide).
    Cross-references, once resolved (report/crossref.py), are no citations."""
    yield from front_cites(doc, printed)
    yield from block_cites(doc.blocks, printed)
    for number in _printed_notes(doc) if printed else range(1, len(doc.footnotes) + 1):
        yield from block_cites(doc.footnotes[number - 1], printed)


def front_cites(doc: Document, printed: bool = False) -> Iterator[Cite]:
    """The front matter's: title, author note, abstract, keywords, impact statement."""
    yield from _inlines(doc.meta.title + doc.meta.subtitle)
    yield from block_cites(doc.meta.author_note + doc.meta.abstract, printed)
    yield from _inlines([inline for keyword in doc.meta.keywords for inline in keyword])
    yield from block_cites(doc.meta.impact_statement, printed)


def _printed_notes(doc: Document) -> list[int]:
    """The numbers of the footnotes the brief prints: those its text calls,
    and those they call."""
    found: dict[int, None] = {}
    todo = [doc.meta.author_note + doc.meta.abstract + doc.meta.impact_statement, doc.blocks]
    while todo:
        for node in _calls(todo.pop(0)):
            if 0 < node.number <= len(doc.footnotes) and node.number not in found:
                found[node.number] = None
                todo.append(doc.footnotes[node.number - 1])
    return sorted(found)


def _calls(blocks) -> Iterator[NoteRef]:
    for block in blocks:
        if isinstance(block, (Slide, Notes)):
            continue
        for inlines in inline_lists(block):
            yield from _refs(inlines)
        for inner in inner_blocks(block):
            yield from _calls(inner)


def _refs(inlines) -> Iterator[NoteRef]:
    for node in inlines:
        if isinstance(node, NoteRef):
            yield node
        elif isinstance(node, WRAPPERS):
            yield from _refs(node.children)


def block_cites(blocks, printed: bool = False) -> Iterator[Cite]:
    return _walked(blocks, printed, _inlines)


def _inlines(inlines) -> Iterator[Cite]:
    for node in inlines:
        if isinstance(node, Cite):
            if not node.crossref:
                yield node
        elif isinstance(node, WRAPPERS):
            yield from _inlines(node.children)


def inline_lists(block) -> list[list]:
    """A block's own inline lists, in the order the brief prints them."""
    if isinstance(block, (Heading, Para)):
        return [block.children]
    if isinstance(block, LineBlock):
        return list(block.lines)
    if isinstance(block, DefinitionList):
        return [term for term, _ in block.items]
    if isinstance(block, Table):
        return [block.caption, *block.header, *(cell for row in block.rows for cell in row)]
    if isinstance(block, Figure):
        return [each.caption for each in [block, *block.panels]]
    return []


def inner_blocks(block) -> list[list]:
    """The lists of blocks a block holds: list items, definitions, a quote's."""
    if isinstance(block, (BulletList, OrderedList)):
        return list(block.items)
    if isinstance(block, DefinitionList):
        return [d for _, definitions in block.items for d in definitions]
    if isinstance(block, BlockQuote):  # a callout too
        return [block.blocks]
    return []


def words_and_cites(blocks, printed: bool = False) -> Iterator[Cite | str]:
    """The blocks' words (plain text) and Cites, in the order block_cites
    finds the cites: what a reader has read before each citation."""
    return _walked(blocks, printed, _said)


def _walked(blocks, printed: bool, leaf) -> Iterator:
    """`leaf(inlines)` of each inline list of the blocks, in the order the
    brief prints them (a table's caption last); with `printed`, not a
    slide's or the speaker's notes."""
    for block in blocks:
        if printed and isinstance(block, (Slide, Notes)):
            continue
        if isinstance(block, Slide):
            yield from leaf(block.title or [])
            yield from _walked(block.blocks, False, leaf)
        elif isinstance(block, (BlockQuote, Notes)):
            yield from _walked(block.blocks, printed, leaf)
        elif isinstance(block, (BulletList, OrderedList)):
            for item in block.items:
                yield from _walked(item, printed, leaf)
        elif isinstance(block, DefinitionList):
            for term, definitions in block.items:
                yield from leaf(term)
                for definition in definitions:
                    yield from _walked(definition, printed, leaf)
        else:
            for inlines in _cite_order_lists(block):
                yield from leaf(inlines)


def _said(inlines) -> Iterator[Cite | str]:
    """An inline list's words and cites, then a new line: a new paragraph,
    cell or caption."""
    yield from _words(inlines)
    yield "\n"


def front_words(doc: Document) -> Iterator[Cite | str]:
    """words_and_cites of the front matter, in front_cites' order."""
    yield from _words(doc.meta.title + doc.meta.subtitle)
    yield from words_and_cites(doc.meta.author_note + doc.meta.abstract, True)
    for keyword in doc.meta.keywords:
        yield from _words(keyword)
        yield "\n"
    yield from words_and_cites(doc.meta.impact_statement, True)


def printed_words(doc: Document) -> Iterator[Cite | str]:
    """words_and_cites of the brief's text and the footnotes it prints, in
    walk_cites' order."""
    yield from words_and_cites(doc.blocks, True)
    for number in _printed_notes(doc):
        yield from words_and_cites(doc.footnotes[number - 1], True)


def _cite_order_lists(block) -> list[list]:
    """A block's inline lists in block_cites' order (a table's caption last)."""
    if isinstance(block, Table):
        return [*block.header, *(cell for row in block.rows for cell in row), block.caption]
    return inline_lists(block)


def _words(inlines) -> Iterator[Cite | str]:
    for node in inlines:
        if isinstance(node, Cite):
            if not node.crossref:
                yield node
        elif isinstance(node, Text):
            yield node.text
        elif isinstance(node, WRAPPERS):
            yield from _words(node.children)
        elif isinstance(node, LineBreak):
            yield "\n"
