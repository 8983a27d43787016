"""A reference list typed as paragraphs under a last "References" heading.

An article converted from a Word manuscript (pandoc's docx reader) brings
its references as text: a last section titled "References", each entry a
paragraph, and no refs.json to cite from. Without citations there is no
generated list, so those paragraphs become the document's reference list
(`Document.references`, entries that carry the author's inlines), which
every writer then sets as its own: the brief on a new page with a hanging
indent, the deck on its references slides, the handout at its end. They are
printed as written: nothing checks or sorts them.
"""

from __future__ import annotations

import re

from . import labels
from .errors import warn
from .model import (BulletList, Document, Heading, Inline, LineBlock, OrderedList, Para,
                    Reference, Text, list_marker, plain_text)

def attach(doc: Document) -> None:
    """Take the typed list as the reference list if no citation made one;
    otherwise say that it repeats the generated one (and leave it printed)."""
    found = _typed_section(doc)
    if found is None:
        return
    start, end, entries = found
    heading = doc.blocks[start]
    title = plain_text(heading.children).strip()
    if doc.references:
        _say(doc, heading, f"the section '{title}' repeats the reference list that the "
             "citations make; delete the section to print the list once")
        return
    count = "the entry" if len(entries) == 1 else f"the {len(entries)} entries"
    _say(doc, heading, f"{count} under '{title}' printed as the reference list, as typed: "
         "not checked against a bibliography, nor sorted; for checked references, "
         "put the works in refs.json and cite them as [@key]")
    from .cite import link_urls  # their URLs and DOIs clickable, as a generated entry's
    doc.references = [Reference(f"typed-{n}", link_urls(inlines), typed=True)
                      for n, inlines in enumerate(entries, 1)]
    doc.meta.references_title, doc.meta.references_ident = heading.children, heading.ident
    doc.blocks = doc.blocks[:start] + doc.blocks[end:]


def _typed_section(doc: Document) -> tuple[int, int, list[list[Inline]]] | None:
    """The last top-level section before the appendices, if it is titled as a
    reference list and holds only entries: where it starts and ends in
    `doc.blocks`, and its entries."""
    body = next((n for n, b in enumerate(doc.blocks) if isinstance(b, Heading)
                 and (b.appendix or b.in_appendices)), len(doc.blocks))
    headings = [n for n, b in enumerate(doc.blocks[:body]) if isinstance(b, Heading)]
    if not headings:
        return None
    top = min(doc.blocks[n].level for n in headings)
    start = headings[-1]  # the last heading: a reference list has no subsections
    if doc.blocks[start].level != top or not _titled(doc.blocks[start]):
        return None
    entries = _entries(doc.blocks[start + 1:body])
    return (start, body, entries) if entries else None


def _titled(heading: Heading) -> bool:
    """Whether the heading names a reference list: "References", "Works
    Cited:", "Literatur", any language's word for it (styles/labels.toml)."""
    words = re.sub(r"[\s.:]+$", "", plain_text(heading.children)).strip().casefold()
    return re.sub(r"\s+", " ", words) in labels.reference_titles()


def _entries(blocks: list) -> list[list[Inline]] | None:
    """Each entry's inlines, if the blocks are entries only: paragraphs,
    a line block's lines, a list's one-paragraph items (a numbered list's
    entries keep their numbers, which the text may cite by)."""
    out = []
    for block in blocks:
        if isinstance(block, Para):
            out.append(block.children)
        elif isinstance(block, LineBlock):
            out.extend(line for line in block.lines if plain_text(line).strip())
        elif isinstance(block, (BulletList, OrderedList)) and all(
                len(item) == 1 and isinstance(item[0], Para) for item in block.items):
            out.extend(_numbered(block, n) + item[0].children
                       for n, item in enumerate(block.items))
        else:
            return None
    return out


def _numbered(block, n: int) -> list[Inline]:
    if not isinstance(block, OrderedList):
        return []
    return [Text(list_marker(block.style, block.delimiter, block.start + n) + " ")]


def _say(doc: Document, heading: Heading, message: str) -> None:
    where = heading.position
    warn(message, where.path if where else doc.path, where.line if where else None,
         where.column if where else None)
