"""Pandoc's implicit heading references: `[Method]`, `[the method][Method]`
and `[Method][]` link to the heading "Method", as if the article had
defined a reference link for each heading; one it defines itself wins.

markdown-it resolves reference links while it parses, before any heading
has its identifier: the text is parsed again with a placeholder reference
for each heading its brackets name, and the placeholders are resolved to
the headings' identifiers once the blocks are built."""

from __future__ import annotations

import re

from markdown_it.common.utils import normalizeReference

from .model import WRAPPERS, Heading, Link, Slide, plain_text
from .walk import inline_lists, inner_blocks

_PLACEHOLDER = "#\x00heading:"
_BRACKETED = re.compile(r"\[([^\[\]\n]+)\]")
_ATTRIBUTES = re.compile(r"\s*\{[^{}]*\}\s*$")  # "# Method {#sec-method}"
_STRAIGHT = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


def placeholders(tokens, body: str, env: dict) -> dict:
    """markdown-it references for the headings of `tokens` that the text
    names in brackets and the article defines no reference for (`env`, as
    the first parse left it): {label: reference}."""
    named = {_label(m[1]) for m in _BRACKETED.finditer(body)}
    defined = env.get("references", {})
    out = {}
    for opening, inline in zip(tokens, tokens[1:]):
        if opening.type == "heading_open":
            label = _label(_ATTRIBUTES.sub("", inline.content))
            if label in named and label not in defined:
                out[label] = {"href": _PLACEHOLDER + label, "title": ""}
    return out


def resolve(blocks: list, footnotes: list) -> None:
    """Each placeholder link pointed at its heading's identifier (the first
    heading of that text, as in pandoc)."""
    idents: dict[str, str] = {}
    for heading in _headings(blocks):
        idents.setdefault(_label(plain_text(heading.children)), heading.ident)
    for block_list in [blocks, *footnotes]:
        for inlines in _all_inlines(block_list):
            _point(inlines, idents)


def _label(text: str) -> str:
    return normalizeReference(text.replace("*", "").replace("_", "").translate(_STRAIGHT))


def _point(inlines: list, idents: dict) -> None:
    for node in inlines:
        if isinstance(node, Link) and node.url.startswith(_PLACEHOLDER):
            node.url = "#" + idents.get(node.url[len(_PLACEHOLDER):], "")
        if isinstance(node, WRAPPERS):
            _point(node.children, idents)


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
