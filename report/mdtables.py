"""Tables as the reader makes them: a table's head (of one row or more),
body and alignments from markdown-it's tokens, and its caption: Pandoc's
`Table: caption {#tbl-x}` paragraph before or after it (or an HTML table's
own), its label, and apaquarto's `apa-note` under it.

`TableReader` is the part of the reader (report/mdblocks.py's `Converter`)
that reads a table's tokens; `with_captions` pairs tables and caption
paragraphs once a list of blocks is read.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from . import bookdown, pandoctables
from .attributes import TRAILING, attributes_of, strip_trailing
from .errors import warn
from .markdown import closing
from .mddivs import splice
from .model import HeadCell, Para, Table, Text
from .typography import straight

# Pandoc's table_captions: `Table:`, `table:` or `:` (report/pandoctables.py marks the last).
_TABLE_CAPTION = re.compile(rf"^(?:[Tt]able|{pandoctables.CAPTION_MARK})?:\s+")


class TableReader:
    """Reads a table's tokens; the reader that has it gives `inlines`,
    `markdown_inlines`, `position` and `block_position` (report/mdinlines.py)."""

    def table(self, tokens, i):
        """A table: its head's row (none in Pandoc's headerless tables), its
        body's rows, and its columns' alignments, from its first row."""
        end = closing(tokens, i)
        head, rows, aligns, part, row = [], [], [], [], None
        for token in tokens[i:end]:
            if token.type in ("thead_open", "tbody_open"):
                part = head if token.type == "thead_open" else rows
            elif token.type == "tr_open":
                row = []
            elif token.type in ("th_open", "td_open") and not head and not rows:
                style = token.attrGet("style") or ""
                aligns.append(style.replace("text-align:", "") or "left")
            elif token.type == "inline" and row is not None:
                row.append(self.inlines(token))
            elif token.type == "tr_close":
                part.append(row)
                row = None
        table = Table(head[0] if head else [], rows, aligns,
                      position=self.block_position(tokens[i]))
        if tokens[i].meta.get("head_layout"):
            table.aligns = tokens[i].meta["aligns"]
            table.head_rows, table.header = _head_rows(head, tokens[i].meta["head_layout"],
                                                       len(table.aligns))
        caption = tokens[i].meta.get("caption")  # an HTML table's (report/rawblocks.py)
        if caption:
            table.caption = self.markdown_inlines(caption)
            table.ident = _caption_attributes(table.caption).get("id", "")
        if tokens[i].meta.get("spans"):
            where = self.position(tokens[i].map[0], 0)
            warn("the table's cells that span rows or columns (rowspan, colspan) are set "
                 "one to a column", where.path, where.line, where.column)
        return table, end + 1


def _head_rows(rows: list, layout: list, width: int) -> tuple[list, list]:
    """A header of several rows (pandoctables' layout: each cell's column,
    colspan, rowspan) as drawn, and joined one cell to a column: a cell's
    words in its first column, under the words of the cells above. The two
    share their inlines, so a citation in the header is rendered once."""
    drawn = [[HeadCell(cell, *place) for cell, place in zip(row, places, strict=True)]
             for row, places in zip(rows, layout, strict=True)]
    joined: list[list] = [[] for _ in range(width)]
    for cell in (cell for row in drawn for cell in row if cell.children):
        joined[cell.column] += ([Text(" ")] if joined[cell.column] else []) + cell.children
    return drawn, joined


def with_captions(blocks: list, note) -> list:
    """Pandoc's `Table: caption` paragraph, before its table or else after
    it (pandoc takes the one before first); the `apa-note` in its
    attributes (`{#tbl-x apa-note="…"}`) is the table's note, made by
    `note`, under it."""
    blocks, out, n = list(splice(blocks)), [], 0
    while n < len(blocks):
        block, n = blocks[n], n + 1
        if isinstance(block, Table) and not block.caption:
            before = _caption_text(out[-1]) if out else None
            after = _caption_text(blocks[n]) if before is None and n < len(blocks) else None
            if before is not None:
                out.pop()
            n += after is not None
            caption = before or after
            out.extend(_captioned(block, *caption, note) if caption else [block])
        else:
            out.append(block)
    return [_unmarked(block) for block in out]


def _unmarked(block):
    """A paragraph no table took for its caption, as its author wrote it."""
    if isinstance(block, Para) and block.children and isinstance(block.children[0], Text) \
            and block.children[0].text.startswith(pandoctables.CAPTION_MARK):
        block.children[0] = Text(block.children[0].text[1:])
    return block


def _captioned(table: Table, caption: list, attributes: dict, note) -> list:
    """The table with its caption and label, and its note if it has one."""
    table.caption, table.ident = caption, attributes.get("id", "")
    return [table, *(note(attributes["apa-note"]) if attributes.get("apa-note") else [])]


def _caption_text(block):
    """(caption, its attributes) of a `Table: caption {#tbl-x}` paragraph, or None;
    the paragraph itself is left as it is, should no table take it."""
    if not isinstance(block, Para) or not block.children:
        return None
    first = block.children[0]
    if not isinstance(first, Text):
        return None
    match = _TABLE_CAPTION.match(first.text)
    if not match:
        return None
    caption = [Text(first.text[match.end():])] + block.children[1:]
    if len(caption) > 1 and isinstance(caption[-1], Text):
        caption[-1] = Text(caption[-1].text)  # a copy, to take the label off
    return caption, _caption_attributes(caption)


def caption_attributes_as_written(inline: Token) -> None:
    """A `Table: Caption {#tbl-x apa-note="*MSE* = mean square error"}`
    paragraph's attributes, as written, in one text token (in place): the
    Markdown of a value (apaquarto reads `apa-note` as Markdown) is not the
    caption's, which would lose the label and the note."""
    written = TRAILING.search(inline.content) if _TABLE_CAPTION.match(inline.content) \
        else None
    tokens = inline.children or []
    if not written or not any(t.type != "text" for t in tokens):
        return
    block = written[0].strip()
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        at = token.content.rfind("{") if token.type == "text" else -1
        if at >= 0 and block.startswith(straight(token.content[at:]).rstrip()):
            token.content = token.content[:at]
            del tokens[i + 1:]
            tokens.append(Token("text", "", 0, content=block))
            return


def _caption_attributes(caption: list) -> dict:
    """The attributes of a caption's trailing `{#tbl-x …}` (Quarto,
    pandoc-crossref), or its id as bookdown's `(\\#tab:x)` opens it: taken
    off the caption."""
    label = bookdown.caption_label(caption)
    last = caption[-1] if caption else None
    attrs = TRAILING.search(last.text) if isinstance(last, Text) else None
    if not attrs:
        return {"id": label} if label else {}
    strip_trailing(caption, attrs[0])
    return {**({"id": label} if label else {}), **attributes_of(attrs[0].strip())}
