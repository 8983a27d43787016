"""Pandoc's implicit heading references: `[Method]`, `[the method][Method]`
and `[Method][]` link to the heading "Method", as if the article had
defined a reference link for each heading; one it defines itself wins.

markdown-it resolves reference links while it parses, before any heading
has its identifier: a line scan finds the headings first, the text is
parsed with a placeholder reference for each heading its brackets name,
and the placeholders are resolved to the headings' identifiers once the
blocks are built. Both sides are matched as typeset (dashes, ellipses),
quotes straight, so that `[Pre--test]` finds the heading "Pre–test"."""

from __future__ import annotations

import re

from markdown_it.common.utils import normalizeReference

from . import codefences
from .attributes import TRAILING
from .mdinlines import append_inline
from .model import WRAPPERS, Heading, Link, Slide, Text, plain_text
from .typography import DASHES, straight
from .walk import inline_lists, inner_blocks

_PLACEHOLDER = "#\x00heading:"
_BRACKETED = re.compile(r"\[([^\[\]\n]+)\]")
# A heading's line, inside quotes and list items too (more found than there
# are is harmless: a placeholder no heading takes prints as written).
_CONTAINERS = r"(?:[ \t]*>)*[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*"
_ATX = re.compile(_CONTAINERS + r"#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
_SETEXT = re.compile(r"(?:[ \t]*>)*[ \t]{0,3}(?:=+|-+)[ \t]*")
_QUOTED = re.compile(r"(?:[ \t]*>)*")
_HTML = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.I | re.S)


class _Implied(dict):
    """markdown-it's references, the placeholders in them first: markdown-it
    keeps a label's first definition, and sees no placeholder as one, so
    that the article's own definition replaces it."""

    def __contains__(self, label) -> bool:
        value = self.get(label)
        return value is not None and not value["href"].startswith(_PLACEHOLDER)


def placeholders(body: str) -> dict:
    """markdown-it references (as its `env["references"]`) for the headings
    of `body` that its brackets name: {markdown-it's label: reference}."""
    named: dict[str, str] = {}
    for bracketed in _BRACKETED.finditer(body):
        named.setdefault(normalizeReference(bracketed[1]), bracketed[1])
    if not named:
        return {}
    headings = {_label(text) for text in _heading_texts(body)}
    return _Implied({key: {"href": f"{_PLACEHOLDER}{_label(raw)}\x00{raw}", "title": ""}
                     for key, raw in named.items() if _label(raw) in headings})


def _heading_texts(body: str):
    """The text of each heading of `body` as written, its attributes off:
    ATX (`# Method`), setext (underlined) and HTML (`<h2>`) headings."""
    lines = body.split("\n")
    before = ""  # the line before, outside code
    for _, line in codefences.outside(lines):
        if atx := _ATX.fullmatch(line):
            yield TRAILING.sub("", atx[1] or "")
        elif _SETEXT.fullmatch(line) and before.strip():
            yield TRAILING.sub("", before[_QUOTED.match(before).end():].strip())
        before = line
    for html in _HTML.finditer(body):
        yield re.sub(r"<[^>]*>", "", html[2])


def resolve(blocks: list, footnotes: list) -> None:
    """Each placeholder link pointed at its heading's identifier (the first
    heading of that text, as in pandoc), or printed as written if none has
    it. In the language the text was read in (its quotation marks)."""
    idents: dict[str, str] = {}
    for heading in _headings(blocks):
        idents.setdefault(_label(plain_text(heading.children)), heading.ident)
    for block_list in [blocks, *footnotes]:
        for inlines in _all_inlines(block_list):
            _point(inlines, idents)


def _label(text: str) -> str:
    """`text` as a heading's and a bracket's text are matched: dashes and
    ellipses typographic, quotes straight, no emphasis or code marks."""
    for plain, typographic in DASHES:
        text = text.replace(plain, typographic)
    return normalizeReference(re.sub(r"[*_`\\]", "", straight(text)))


def _point(inlines: list, idents: dict) -> None:
    out = []
    for node in inlines:
        if isinstance(node, Link) and node.url.startswith(_PLACEHOLDER):
            label, raw = node.url[len(_PLACEHOLDER):].split("\x00", 1)
            if not idents.get(label):
                for written in _as_written(node, label, raw):
                    append_inline(out, written)
                continue
            node.url = "#" + idents[label]
        if isinstance(node, WRAPPERS):
            _point(node.children, idents)
        append_inline(out, node)
    inlines[:] = out


def _as_written(link: Link, label: str, raw: str) -> list:
    """A bracket no heading answers, as pandoc prints it: `[text]`, or
    `[text][label]` when the label is not the text."""
    full = _label(plain_text(link.children)) != label
    return [Text("["), *link.children, Text("]" + (f"[{raw}]" if full else ""))]


def _headings(blocks):
    for block in blocks:
        if isinstance(block, Heading):
            yield block
        for inner in _inner(block):
            yield from _headings(inner)


def _all_inlines(blocks):
    for block in blocks:
        yield from inline_lists(block)
        if isinstance(block, Slide) and block.title:
            yield block.title
        for inner in _inner(block):
            yield from _all_inlines(inner)


def _inner(block) -> list:
    """The block lists `block` holds, a slide's and notes' too."""
    held = getattr(block, "blocks", None)
    return [held] if isinstance(held, list) and not inner_blocks(block) else inner_blocks(block)
