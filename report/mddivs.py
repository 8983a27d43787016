"""Fenced divs, as Pandoc and Quarto read them: a slide (`::: slide`, with
its `.columns`), a slide's notes, the reference list (`::: {#refs}`), a
labelled float (report/mdfigures.py), a callout, content shown or hidden in
a PDF; any other div is transparent, its blocks standing where it is.

`DivReader` is the part of the reader (report/mdblocks.py's `Converter`)
that reads divs; a div left open holds the rest of the article (or of its
block quote), as in pandoc, with a warning naming its opening fence.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from . import columnwidths
from .attributes import attributes_of, shown
from .errors import warn
from .markdown import closing
from .mdfigures import labelled_float
from .model import Callout, Heading, Notes, Position, RefsPlaceholder, Slide, Text

_DIV_FENCE = re.compile(r"[ \t>]*(:{3,})")
_CALLOUT = re.compile(r"(?:^|[\s{.])callout-(note|tip|warning|caution|important)\b")
_CALLOUT_TITLE = re.compile(r"""\btitle=(?:"([^"]*)"|'([^']*)')""")


class DivReader:
    """Reads divs; the reader that has it gives `blocks`, `note`, `position`,
    `path`, `lines`, `line_offset`, and `columns`, `widths` and
    `slide_columns`: the `.columns` divs open and the slides they are in."""

    def div(self, tokens, i):
        """A fenced div, by its class as Pandoc reads one: a slide, a
        slide's notes, the reference list, a labelled float or a callout;
        any other is transparent."""
        end = closing(tokens, i)
        self.check_closed(tokens[i])
        params = tokens[i].info.strip()
        attributes = attributes_of(params)
        if not shown(attributes):
            return None, end + 1
        # `{.slide .smaller}` (Quarto's) is a slide, `{#refs .references}` the reference list.
        classes = str(attributes.get("class", "")).split()
        position = self.position(tokens[i].map[0], 0)
        inner = self.div_blocks(tokens, i, end, classes,
                                (attributes.get("width"), position))
        if attributes.get("id") == "refs":
            return RefsPlaceholder(), end + 1
        if "slide" in classes:
            return self.slide(inner, tokens[i], position), end + 1
        if "notes" in classes:
            return Notes(inner, position, self.div_lines(tokens[i])), end + 1
        labelled = labelled_float(attributes, inner)
        if labelled:
            note = attributes.get("apa-note")  # apaquarto's skeleton puts it here
            return Transparent([*labelled, *(self.note(note) if note else [])]), end + 1
        callout = _CALLOUT.search(params)
        if callout:
            return _callout(callout[1], params, inner), end + 1
        # Any other div is transparent: its content stands where it is.
        return Transparent(inner), end + 1

    def slide(self, inner: list, opening: Token, position: Position) -> Slide:
        """A slide div: a heading that opens it is its title; its `.columns`
        divs (div_blocks found them) side by side."""
        title = None
        if inner and isinstance(inner[0], Heading):
            title = inner.pop(0).children
        found = _slide_columns(inner, self.slide_columns.pop())
        return Slide(inner, title, position, self.div_lines(opening),
                     [columns for columns, _, _ in found] or None,
                     [columnwidths.shares(widths, where) for _, widths, where in found]
                     or None, [where for _, _, where in found] or None)

    def div_blocks(self, tokens, i: int, end: int, classes: list[str], width) -> list:
        """The div's blocks, noting which column of a slide's `.columns` each is
        in: every div is transparent to the brief, a slide shows them side by side.
        `width`: the div's width attribute (a `.column`'s share) and position."""
        if "slide" in classes:
            self.slide_columns.append([])
        if "columns" in classes:
            self.columns.append([])
            self.widths.append([])
        inner = self.blocks(tokens, i + 1, end)
        if "columns" in classes:
            found, widths = self.columns.pop(), self.widths.pop()
            if self.slide_columns:
                self.slide_columns[-1].append((found, widths, width[1]))
        if "column" in classes and self.columns:
            self.columns[-1].append(list(inner))
            self.widths[-1].append(columnwidths.width_of(*width) if self.slide_columns else None)
        return inner

    def check_closed(self, opening: Token) -> None:
        # pandoc 3.9 closes a div left open where its container ends: the
        # article's end (report/fenceddivs.py runs it there, past later
        # divs' fences), or its block quote's; it warns, as the div then
        # holds, hides or makes a slide of all that follows.
        # A div in a block quote (or a list) has its fences after `>` (or spaces).
        fence = opening.map[1] + self.line_offset
        if fence < len(self.lines) and _DIV_FENCE.match(self.lines[fence]):
            return
        line = opening.map[0] + 1 + self.line_offset
        written = self.lines[line - 1].strip()  # its fence as written, not as nested
        colons = _DIV_FENCE.match(written)[1]
        end = "with its block quote" if written.startswith(">") else "at the article's end"
        warn(f"the '{written}' div is never closed: it ends {end}, at line {fence}; "
             f"end it with a line of '{colons}' after its content", self.path, line, 1)

    def div_lines(self, opening: Token) -> tuple[int, int]:
        """The lines of a div, from its opening fence to its closing one."""
        return opening.map[0] + 1 + self.line_offset, opening.map[1] + 1 + self.line_offset


def _slide_columns(blocks: list, found: list[tuple]) -> list[tuple]:
    """The blocks of each column of each of a slide's `.columns` divs of two
    columns or more, each holding blocks, found whole and in order among its
    `blocks`, in the order they stand, each with its columns' widths and its
    position. A `.columns` inside another's column is read as the outer's
    text (`found` lists the inner first: it closes first)."""
    out, claimed = [], set()
    for group in reversed(found):
        columns = group[0]
        if len(columns) < 2 or not all(columns):
            continue
        first = next((n for n, b in enumerate(blocks) if b is columns[0][0]), None)
        flat = [b for column in columns for b in column]
        if first is not None and all(n < len(blocks) and blocks[n] is b
                                     for n, b in enumerate(flat, start=first)) \
                and not claimed & {id(b) for b in flat}:
            claimed |= {id(b) for b in flat}
            out.append((first, group))
    return [group for _, group in sorted(out, key=lambda found: found[0])]


class Transparent:
    """A generic div: its blocks are spliced into the parent's."""

    def __init__(self, blocks):
        self.blocks = blocks


def _callout(kind: str, params: str, inner: list) -> Callout:
    """A callout's title: its `title="…"`, else a heading that opens it, else
    none (the writers name its kind, in the article's language)."""
    title = _CALLOUT_TITLE.search(params)
    if title:
        return Callout(inner, kind, [Text(title[1] or title[2])])
    if inner and isinstance(inner[0], Heading):
        return Callout(inner[1:], kind, inner[0].children)
    return Callout(inner, kind)


def splice(blocks):
    for block in blocks:
        if isinstance(block, Transparent):
            yield from splice(block.blocks)
        else:
            yield block
