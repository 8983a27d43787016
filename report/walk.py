"""Walking the model: every citation, in document order."""

from __future__ import annotations

from collections.abc import Iterator

from .model import (WRAPPERS, BlockQuote, BulletList, Cite, DefinitionList, Document, Figure,
                    Heading, LineBlock, Notes, OrderedList, Para, Slide, Table)


def walk_cites(doc: Document, printed: bool = False) -> Iterator[Cite]:
    """Every Cite of the front matter, the body and the footnotes, in order;
    `printed`: only those the brief prints (not on slides, not in notes).
    Cross-references, once resolved (report/crossref.py), are no citations."""
    yield from _inlines(doc.meta.title + doc.meta.subtitle)
    yield from block_cites(doc.meta.author_note + doc.meta.abstract, printed)
    yield from _inlines([inline for keyword in doc.meta.keywords for inline in keyword])
    for blocks in (doc.blocks, *doc.footnotes):
        yield from block_cites(blocks, printed)


def block_cites(blocks, printed: bool = False) -> Iterator[Cite]:
    for block in blocks:
        if printed and isinstance(block, (Slide, Notes)):
            continue
        if isinstance(block, (Heading, Para)):
            yield from _inlines(block.children)
        elif isinstance(block, (BulletList, OrderedList)):
            for item in block.items:
                yield from block_cites(item, printed)
        elif isinstance(block, DefinitionList):
            for term, definitions in block.items:
                yield from _inlines(term)
                for definition in definitions:
                    yield from block_cites(definition, printed)
        elif isinstance(block, LineBlock):
            for line in block.lines:
                yield from _inlines(line)
        elif isinstance(block, (BlockQuote, Notes)):
            yield from block_cites(block.blocks, printed)
        elif isinstance(block, Slide):
            yield from _inlines(block.title or [])
            yield from block_cites(block.blocks)
        elif isinstance(block, Table):
            for cell in block.header + [c for row in block.rows for c in row]:
                yield from _inlines(cell)
            yield from _inlines(block.caption)
        elif isinstance(block, Figure):
            for each in [block, *block.panels]:
                yield from _inlines(each.caption)


def _inlines(inlines) -> Iterator[Cite]:
    for node in inlines:
        if isinstance(node, Cite):
            if not node.crossref:
                yield node
        elif isinstance(node, WRAPPERS):
            yield from _inlines(node.children)
