"""Captions as a Word author types them, read as report's captions.

Word's Insert Caption writes the number into the caption's text, and pandoc
keeps it there: `: Table 1. Descriptive Statistics` under a table,
`![Figure 1: Mean Recall](fig.png)`. report prints its own label over the
caption ("Table 1", then the title in italics, APA §7.7), so the typed one
printed twice: it is taken off, with a warning. An APA manuscript typed by
hand puts the label and the title in paragraphs of their own over the
table or figure (`**Table 2**`, then `*Title*`), which printed twice too,
and apart from their table at a page's end: they are its caption. A label
typed alone right over one (no title, or the title as its caption) is
taken off too: report prints it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import labels
from .errors import warn
from .model import (WRAPPERS, BlockQuote, BulletList, DefinitionList, Document, Emph, Figure,
                    OrderedList, Para, Strong, Table, Text, float_number, plain_text)

_KINDS = {Table: "table", Figure: "figure"}  # their words' keys in labels.toml
# What follows a typed number: Word's ".", ":" or dash, or a space.
_NUMBER = r"([A-Z]?\d+(?:[.-]\d+)*[a-z]?)(?![\w])(?:\s*[.:\u2014\u2013-])?\s*"


def take_typed(doc: Document) -> dict[int, str]:
    """Label and title paragraphs right over a float without a caption
    become its caption (in place), in the brief's blocks: each float's id
    → the label typed over it ("Table 2")."""
    typed: dict[int, str] = {}
    for blocks in _block_lists(doc.blocks):
        n = 0
        while n < len(blocks):
            found = _label_and_title(doc, blocks, n)
            float_ = blocks[n + found[1]] if found and n + found[1] < len(blocks) else None
            if isinstance(float_, tuple(_KINDS)) and _names(doc, found[2], float_) \
                    and (found[0] is None or not float_.caption):
                if found[0] is None:
                    typed[id(float_)] = LabelAlone(found[2].rstrip(".:"))
                else:
                    typed[id(float_)] = found[2].rstrip(".:")
                    float_.caption = found[0]
                del blocks[n:n + found[1]]
            n += 1
    return typed


class LabelAlone(str):
    """A label typed over a float with no title typed under it."""


def strip_numbers(doc: Document, block, typed: str | None = None) -> None:
    """A numbered float's caption without the label typed at its start, or
    (`typed`) over it, in paragraphs of their own: said where it stands."""
    words, own = _words(doc, block), float_number(block)
    kind = _KINDS[type(block)]
    if typed is None:
        text = _leading_text(block.caption)
        match = re.match(rf"({'|'.join(map(re.escape, words))})\s+{_NUMBER}", text, re.I)
        if not match or _a_sentence(text, match):
            return
        block.caption = _dropped(block.caption, match.end())
        typed = f"{match[1]} {match[2]}"
        said = (f"the caption begins with its number, '{typed}', which report prints itself "
                "over the caption: left out")
        how = "write the caption without it"
    elif isinstance(typed, LabelAlone):
        said = (f"the paragraph '{typed}' right over the {kind} is taken as its label, "
                "which report prints itself: left out")
        how = "leave it out" + (", and write the title as the table's caption: ': Title'"
                                if kind == "table" and not block.caption else "")
    else:
        said = (f"the paragraphs '{typed}' and '{plain_text(block.caption).strip()}' right "
                f"over the {kind} are taken as its caption, printed with it (report prints "
                "the label itself)")
        how = ("write the title as its caption: ': Title' under the table" if kind == "table"
               else "write the title as its caption: '![Title](file)'")
    number = re.search(r"\S+$", typed)[0].rstrip(".:")
    if number.lower() != own.lower():
        said += (f"; the number typed, {number}, is not the brief's: report numbers "
                 f"{kind}s in print order, and this is {words[0]} {own}")
    warn(f"{said} ({how})", doc.path, *_line_of(doc, typed.rstrip(".:"), block))


def _a_sentence(text: str, match: re.Match) -> bool:
    """Whether the caption goes on from "Figure 3" as a sentence about it
    ("Figure 3 shows…"), with no mark after the number and a lowercase word:
    a title typed after Word's number starts with a capital ("Figure 1 Mean
    Recall")."""
    marked = re.search(r"[.:\u2014\u2013-]\s*$", match[0])
    rest = text[match.end():]
    return not marked and rest[:1].islower()


def _label_and_title(doc: Document, blocks: list, n: int):
    """(the title, how many paragraphs hold label and title, the label) at
    `n`, or None: a paragraph that is a typed label alone ("**Table 2**"),
    then one in italics alone; or one paragraph of the label in bold, then
    the title in italics; or a label alone right over a float (no title:
    None)."""
    if not isinstance(blocks[n], Para) or not blocks[n].children:
        return None
    children = blocks[n].children
    kinds = [word for kind in _KINDS for word in _words(doc, kind)]
    alone = re.compile(rf"(?:{'|'.join(map(re.escape, kinds))})\s+[A-Z]?\d+[a-z]?[.:]?", re.I)
    label = plain_text(children).strip()
    if alone.fullmatch(label) and n + 1 < len(blocks):
        if isinstance(blocks[n + 1], tuple(_KINDS)):
            return None, 1, label
        title = _italic_alone(blocks[n + 1])
        return (title, 2, label) if title is not None else None
    label = plain_text(children[0].children).strip() if isinstance(children[0], Strong) else ""
    if len(children) >= 2 and alone.fullmatch(label):
        title = _italic_alone(Para([c for c in children[1:] if c != Text(" ")]))
        return (title, 1, label) if title is not None else None
    return None


def _names(doc: Document, label: str, block) -> bool:
    """Whether a typed label names a float of `block`'s kind."""
    return label.split()[0].lower() in {word.lower() for word in _words(doc, block)}


def _italic_alone(block):
    """The words of a paragraph set wholly in italics, or None."""
    if isinstance(block, Para) and len(block.children) == 1 \
            and isinstance(block.children[0], Emph):
        return block.children[0].children
    return None


def _words(doc: Document, kind) -> list[str]:
    """"Table" in the article's language, and in English (a Word template's)."""
    key = _KINDS[kind if isinstance(kind, type) else type(kind)]
    return list(dict.fromkeys([labels.of(doc.meta.lang)[key][0], labels.of("en")[key][0]]))


def _block_lists(blocks: list):
    """`blocks`, and the block lists inside its quotes and lists."""
    yield blocks
    for block in blocks:
        if isinstance(block, BlockQuote):
            yield from _block_lists(block.blocks)
        elif isinstance(block, (BulletList, OrderedList)):
            for item in block.items:
                yield from _block_lists(item)
        elif isinstance(block, DefinitionList):
            for _, definitions in block.items:
                for definition in definitions:
                    yield from _block_lists(definition)


def _leading_text(inlines) -> str:
    """The caption's words up to its first that are not text (a citation)."""
    out = ""
    for node in inlines:
        if isinstance(node, Text):
            out += node.text
        elif isinstance(node, WRAPPERS):
            inner = _leading_text(node.children)
            out += inner
            if inner != plain_text(node.children):
                return out
        else:
            return out
    return out


def _dropped(inlines, count: int) -> list:
    """`inlines` without their first `count` characters of text (and the
    wrappers left empty)."""
    out = []
    for node in inlines:
        if count <= 0:
            out.append(node)
        elif isinstance(node, Text):
            if len(node.text) > count:
                out.append(Text(node.text[count:]))
            count -= len(node.text)
        elif isinstance(node, WRAPPERS):
            length = len(_leading_text(node.children))
            rest = _dropped(node.children, count)
            if plain_text(rest).strip():
                out.append(replace(node, children=rest))
            count -= length
        else:
            out.append(node)
    if out and isinstance(out[0], Text):  # "Table 1. **Title**": the space after the label
        out[0] = Text(out[0].text.lstrip())
    return [node for node in out if node != Text("")]


def _line_of(doc: Document, text: str, block) -> tuple[int | None, int | None]:
    """(line, column) of the written `text` nearest the float's line, on a
    line it opens (after `: `, `Table: `, `![` or `**`) if one does: a
    caption's, not the sentence that calls the table out."""
    where = block.position
    fallback = (where.line, where.column) if where else (None, None)
    try:
        lines = doc.path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return fallback
    near = where.line if where else 1
    opens = re.compile(rf"^(?:\W|Table:)*{re.escape(text)}")
    found = [(not opens.match(line), abs(n - near), n, line.find(text) + 1)
             for n, line in enumerate(lines, 1) if text in line]
    return min(found)[2:] if found else fallback
