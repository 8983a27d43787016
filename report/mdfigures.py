"""Figures as the reader makes them: an image alone in its paragraph, its
file checked (local, inside the article's folder, one that can be drawn),
its size, caption and label; and Quarto's labelled float divs (`::: {#fig-x}`,
`#tbl-x`) around a figure, a table or a figure's panels.

An image among words is no figure: report/mdinlines.py prints its alt text.
"""

from __future__ import annotations

import re
from itertools import takewhile
from urllib.parse import unquote

from markdown_it.token import Token

from . import bookdown, labels
from .errors import ReportError, warn
from .model import Figure, Para, Table

_FLOAT_LABEL = re.compile(r"(fig|tbl)[-:]")
_LENGTH = re.compile(r"(\d+(?:\.\d+)?)(%|px|cm|mm|in|pt|pc|em)?")


class FigureReader:
    """Reads a figure's image; the reader that has it gives `path`, `lines`,
    `line_offset`, and `position`, `block_position` and `inlines_of`
    (report/mdinlines.py)."""

    def figure(self, image: Token, inline: Token) -> Figure:
        """The figure of a paragraph that holds `image` alone."""
        src = self.image_source(image.attrGet("src") or "", inline)
        caption = self.inlines_of(image.children or [], inline)
        label = bookdown.caption_label(caption)  # `![(\#fig:x) Caption](a.png)`
        return Figure(src, bookdown.without_label(image.content), caption,
                      image.attrGet("id") or label, width=_length(image.attrGet("width")),
                      height=_length(image.attrGet("height")),
                      position=self.block_position(inline))

    def image_source(self, src: str, inline: Token) -> str:
        """A figure's file: local, inside the article's folder, and there."""
        from . import datauri, imagefiles  # here: an article without figures never needs them
        line = inline.map[0] if inline.map else 0
        where = self.position(line, max(self.lines[line + self.line_offset].find("!["), 0)
                              if line + self.line_offset < len(self.lines) else 0)
        fail = lambda message, hint: ReportError(message, where.path, where.line,  # noqa: E731
                                                 where.column, hint)
        if not src:
            raise fail("an image names no file", "write its file: ![Caption](file.png)")
        if datauri.is_image(src):
            src = datauri.unpacked(src, self.path.parent) or ""
            if not src:
                raise fail("the image's data URI holds no base64 data", "paste the image again")
        name = _file_url_path(src)
        if name is None and re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I):
            shown = src if len(src) <= 60 else src[:57] + "…"  # not a page of base64
            raise fail(f"the image '{shown}' is not a local file",
                       "download it beside the article; the build fetches nothing")
        folder = self.path.parent.resolve()
        target = (folder / (name or unquote(src))).resolve()
        if not target.is_relative_to(folder):
            raise fail(f"the image '{src}' is outside the article's folder",
                       "copy it beside the article")
        if not target.is_file():
            raise fail(f"the image '{src}' does not exist", "check the file name")
        problem, remedy = imagefiles.problem(target)
        if problem:
            raise fail(f"the image '{src}' {problem}", remedy)
        if large := imagefiles.too_large(target):
            warn(f"the image '{src}' {large}; {imagefiles.SMALLER}", where.path, where.line,
                 where.column)
        if name is not None:  # named by where it is, not by where the article is
            return target.relative_to(folder).as_posix()
        return unquote(src)  # `my%20pic.png` names `my pic.png`, as in a browser


def _file_url_path(src: str) -> str | None:
    """The path a `file:` URL names (on this machine: no other host), as
    pandoc and WeasyPrint read it; None for any other source."""
    from urllib.parse import urlparse
    from urllib.request import url2pathname
    if not src[:5].lower() == "file:":
        return None
    url = urlparse(src)
    if url.netloc not in ("", "localhost"):
        return None  # another machine's: not a local file
    return url2pathname(unquote(url.path))


def _length(value) -> str:
    """A Pandoc image dimension as CSS: "50%", "3in", "2.5cm"; a bare number
    is pixels, as in Pandoc; anything else is set aside."""
    match = _LENGTH.fullmatch(str(value or "").strip())
    if not match:
        return ""
    return match[1] + (match[2] or "px")


def labelled_float(attributes: dict, inner: list) -> list | None:
    """Quarto's `::: {#fig-x}` (or `#tbl-x`) around one figure or table, or
    around several figures, its panels: the label is the float's, and a
    paragraph after the float (and after the notes its image's `apa-note`
    gives it) its caption. The float and its notes, or None for any other div."""
    ident = str(attributes.get("id", ""))
    if not (_FLOAT_LABEL.match(ident) and inner and isinstance(inner[0], (Figure, Table))):
        return None
    panels = list(takewhile(lambda block: isinstance(block, Figure), inner))
    block, rest = inner[0], inner[1:]
    if len(panels) > 1:
        block, rest = _subfigures(panels, attributes), inner[len(panels):]
    notes = list(takewhile(labels.is_note, rest))
    rest = rest[len(notes):]
    if rest and not (len(rest) == 1 and isinstance(rest[0], Para)):
        return None
    block.ident = ident
    if rest:
        block.caption = rest[0].children
    return [block, *notes]


def _subfigures(panels: list[Figure], attributes: dict) -> Figure:
    """One figure of several panels, lettered (a), (b) in order, set
    `layout-ncol` to a row (or in `layout-nrow` rows; one to a row unless told)."""
    for n, panel in enumerate(panels):
        panel.panel = chr(ord("a") + n)
    columns = _count(attributes.get("layout-ncol"))
    rows = _count(attributes.get("layout-nrow"))
    if not columns and rows:
        columns = -(-len(panels) // rows)
    first = panels[0]
    return Figure(first.src, first.alt, [], panels=panels, columns=columns or 1)


def _count(value) -> int:
    return int(value) if str(value or "").isdecimal() else 0
