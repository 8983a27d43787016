"""Inline tokens to model inlines: words, emphasis, links, spans, code,
math, citations, footnote calls; and where each stands in the source.

`InlineReader` is the part of the reader (report/mdblocks.py's `Converter`)
that reads a paragraph's words; it also finds a token's line and column
again (markdown-it keeps a block's lines only), so that a warning names the
place an author wrote what it is about.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from . import quartocells, trackchanges
from .attributes import shown
from .errors import warn
from .markdown import parser
from .model import (Cite, Code, DisplayMath, Emph, Inline, LineBreak, Link, NoteRef, Position,
                    SmallCaps, Strikeout, Strong, Subscript, Superscript, Text, Underline)
from .typography import curled

_NOTE_CALL = re.compile(r"\[\^([^\]\s]+)\]")  # a footnote call left as text: no note


class InlineReader:
    """Reads inline tokens; the reader that has it gives `path`, `lines` (the
    whole file), `line_offset` (lines before the body), `note_base` (notes
    numbered before these) and `places_seen` (for `next_place`)."""

    def inlines(self, inline: Token) -> list[Inline]:
        return self.inlines_of(inline.children or [], inline)

    def markdown_inlines(self, text: str) -> list[Inline]:
        """`text` read as Markdown's inlines: a caption or note written in
        an attribute or a code cell's options."""
        return self.inlines(parser().parseInline(text)[0])

    def inlines_of(self, tokens: list[Token], parent: Token) -> list[Inline]:
        out, stack = [], []  # stack: each open wrapper, with the list it goes into
        for token in tokens:
            kind = token.type
            if kind in _WRAPPING:
                stack.append((token, out))
                out = []
            elif kind.endswith("_close") and kind.replace("_close", "_open") in _WRAPPING:
                opening, outer = stack.pop()
                self.wrapped(outer, out, opening, parent)
                out = outer
            else:
                self.inline(out, token, parent)
        return out

    def wrapped(self, out: list, children: list, opening: Token, parent: Token) -> None:
        """`children` in what `opening` wraps them in (emphasis, a link, a
        span), added to `out`."""
        node = _WRAPPING[opening.type](children, opening)
        if opening.type == "span_open":  # Word's tracked changes: as accepted
            node = trackchanges.read(node, opening, self, self.lines, self.block_position(parent))
        if isinstance(node, list):  # a span of no style of ours: its text
            for child in node:
                append_inline(out, child)
        else:
            out.append(node)

    def inline(self, out: list, token: Token, parent: Token) -> None:
        """A token that wraps nothing, added to `out` (the inlines of `parent`)."""
        kind = token.type
        if kind == "text":
            append_text(out, token.content)
            for label in _NOTE_CALL.findall(token.content):
                self.note_never_written(label, parent)
        elif kind == "softbreak":
            append_text(out, " ")
        elif kind == "hardbreak":
            out.append(LineBreak())
        elif kind == "code_inline":
            out.append(self.code(token, parent))
        elif kind == "math_inline":
            for node in self.math(token.content, parent.map):
                append_inline(out, node)
        elif kind == "math_inline_double":  # `$$…$$` among words: display math still
            out.append(DisplayMath(self.math(token.content, parent.map, display=True)))
        elif kind == "cite":
            out.append(self.cite(token, parent))
        elif kind == "footnote_ref":
            out.append(NoteRef(self.note_base + token.meta["id"] + 1))
        elif kind in ("image", "raw_img"):
            append_text(out, curled(token.content, " "))  # quotes as the text's
            self.inline_image(token, parent)
        elif kind == "raw_tex":
            self.left_out(token, parent)

    def math(self, tex: str, lines, display: bool = False) -> list[Inline]:
        """TeX math as inlines (report/texmath.py); what it cannot set is
        named where it is written, on the block's `lines` (its map)."""
        from . import texmath  # on the first formula: its tables are 0.7 ms to import
        def unknown(message: str, offset: int) -> None:
            written = re.match(r"\\(?:[A-Za-z]+|.)", tex[offset:])
            command = written[0] if written else tex[offset:offset + 1]
            where = self.next_place(command, lines)
            warn(message, where.path, where.line, where.column)
        return texmath.inlines(tex, display, unknown)

    def next_place(self, written: str, lines) -> Position:
        """Where `written` stands on a block's `lines` (its map): the first
        time it is asked for there, its first place, the next time its second."""
        key = (tuple(lines or ()), written)
        nth = self.places_seen[key] = self.places_seen.get(key, -1) + 1
        return self.position(*self._nth(written, lines, nth))

    def _nth(self, command: str, lines, nth: int) -> tuple[int, int]:
        """The body's line and column of the `nth` `command` (not a longer
        one's start) on `lines`, else of the first, else where `lines` start."""
        first, stop = lines if lines else (0, len(self.lines) - self.line_offset)
        found = [(n, m.start()) for n in range(first, stop)
                 if n + self.line_offset < len(self.lines)
                 for m in re.finditer(re.escape(command) + r"(?![A-Za-z])",
                                      self.lines[n + self.line_offset])]
        return found[nth] if nth < len(found) else found[0] if found else (first, 0)

    def code(self, token: Token, parent: Token) -> Code:
        """Code among words; Quarto's inline code, which report does not run,
        its placeholder (report/quartocells.py), said where it is written."""
        placeholder = quartocells.inline(token.content)
        if placeholder is None:
            return Code(token.content)
        where = self.next_place(token.markup + token.content, parent.map)
        warn(f"inline code is not run; report prints it as {placeholder}", where.path,
             where.line, where.column)
        return Code(placeholder)

    def note_never_written(self, label: str, parent: Token) -> None:
        """A footnote call whose note is never written prints as written,
        "[^1]", as pandoc prints it: said where it stands."""
        call = f"[^{label}]"
        where = self.next_place(call, parent.map)
        warn(f"the footnote '{call}' has no note, and prints as written; write the note "
             f"on a line of its own: '{call}: …'", where.path, where.line, where.column)

    def left_out(self, token: Token, parent: Token) -> None:
        """Pandoc leaves raw TeX out of all but TeX output; so does report,
        but says so, as the words it holds are lost."""
        before = parent.content[:token.meta["offset"]]
        line = (parent.map[0] if parent.map else 0) + before.count("\n")
        where = self.position(line, len(before) - (before.rfind("\n") + 1))
        warn(f"the TeX command '{token.content}' is left out, as pandoc leaves it out of "
             "all but TeX output; write it as Markdown", where.path, where.line, where.column)

    def inline_image(self, token: Token, parent: Token) -> None:
        """An image among words prints as its alt text: the brief's figures
        and the deck's pictures stand on their own."""
        src = token.attrGet("src") or ""
        first, stop = parent.map if parent.map else (0, 1)
        written = "<img" if token.type == "raw_img" else f"![{token.content}]"
        found = [(n, self.lines[n + self.line_offset].find(written)) for n in range(first, stop)
                 if n + self.line_offset < len(self.lines)]
        line, column = next(((n, c) for n, c in found if c >= 0), (first, 0))
        where = self.position(line, column)
        warn(f"the image '{src}' among words prints as its alt text '{token.content}'",
             where.path, where.line, where.column)

    def cite(self, token: Token, parent: Token) -> Cite:
        meta = token.meta
        return Cite(meta["items"], meta["narrative"], meta["source"],
                    self.position(*self._cited_at(meta, parent)),
                    bookdown=meta.get("bookdown", False))

    def _cited_at(self, meta: dict, parent: Token) -> tuple[int, int]:
        """The body's line and column where a citation is written."""
        first = meta["source"].split("\n")[0]
        if parent.map is None:  # an inline footnote's words: found where they are written
            return self._written(first)
        before = parent.content[:meta["offset"]]
        line = parent.map[0] + before.count("\n")
        column = self._find(line, first)
        if column < 0:  # words rewritten (an HTML block's): the block's first line holding it
            line, column = next(((n, c) for n in range(*parent.map)
                                 if (c := self._find(n, first)) >= 0),
                                (line, len(before) - (before.rfind("\n") + 1)))
        return line, column

    def _find(self, line: int, text: str) -> int:
        """The column of `text` on the body's `line`, or -1."""
        where = line + self.line_offset
        return self.lines[where].find(text) if where < len(self.lines) else -1

    def _written(self, text: str) -> tuple[int, int]:
        """The first line of the body holding `text`, and its column there."""
        for n, line in enumerate(self.lines[self.line_offset:]):
            if text in line:
                return n, line.index(text)
        return 0, 0

    def position(self, line: int, column: int) -> Position:
        """The file's place of the body's `line` and `column` (from 0)."""
        return Position(self.path, line + 1 + self.line_offset, column + 1)

    def block_position(self, token: Token) -> Position | None:
        """Where the block `token` starts, if markdown-it says."""
        return self.position(token.map[0], 0) if token.map else None


_WRAPPING = {
    "em_open": lambda children, _: Emph(children),
    "strong_open": lambda children, _: Strong(children),
    "s_open": lambda children, _: Strikeout(children),
    "sub_open": lambda children, _: Subscript(children),
    "sup_open": lambda children, _: Superscript(children),
    "link_open": lambda children, token: Link(children, token.attrGet("href") or ""),
    "span_open": lambda children, token: _span(children, token),
}
# Pandoc's styled spans: `[text]{.smallcaps}`, `[text]{.underline}` (or `.ul`).
_SPANS = {"smallcaps": SmallCaps, "underline": Underline, "ul": Underline}


def _span(children, token):
    """A bracketed span: small capitals or underlined; any other is its text
    (none when Quarto's `.content-hidden` and the like leave it out)."""
    if not shown({key: str(value) for key, value in token.attrs.items()}):
        return []
    kind = next((_SPANS[c] for c in str(token.attrGet("class") or "").split() if c in _SPANS),
                None)
    return kind(children) if kind else children


def append_inline(out: list, node) -> None:
    if isinstance(node, Text):
        append_text(out, node.text)
    else:
        out.append(node)


def append_text(out: list, text: str) -> None:
    if not text:
        return  # markdown-it's empty token before `**x**`: no text of its own
    if out and isinstance(out[-1], Text):
        out[-1].text += text
    else:
        out.append(Text(text))
