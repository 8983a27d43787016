"""A CSL YAML field's Markdown, as CSL-JSON rich text.

Pandoc reads every text field of CSL YAML (an article's `references:`, a
.yaml bibliography) as Markdown: `title: "The *Beagle* voyage"` is in
italics, `page: 163--193` a range with its en dash, `H~2~O` a subscript,
`[nasa]{.nocase}` kept from title case. report passed the characters on, so
the list printed "The *Beagle* voyage" and "163--193". Here the Markdown
becomes the tags CSL-JSON holds (report/cslrichtext.py reads them), and
Pandoc's dashes and ellipsis their characters. Quotes stay straight: the
style quotes them, as it quotes a CSL-JSON title's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

# Text with none of these is the same as Markdown (most fields).
_MARKUP = re.compile(r"[*_^~\[\\`&]|--|\.\.\.")
_DASHES = [("---", "\u2014"), ("--", "\u2013"), ("...", "\u2026")]
_TAGS = {"em": "i", "strong": "b", "sup": "sup", "sub": "sub"}
_SPANS = {"smallcaps": '<span style="font-variant:small-caps;">',
          "nocase": '<span class="nocase">'}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).disable(["image", "autolink"])
    sub_plugin(md)
    superscript_plugin(md)
    attrs_plugin(md, spans=True)
    return md


def rich_text(value: str) -> str:
    """`value`, Markdown, as CSL-JSON rich text."""
    if not _MARKUP.search(value):
        return value
    tokens = _parser().parseInline(value)[0].children or []
    return "".join(_pieces(tokens)).strip()


def _pieces(tokens):
    spans = []  # the closing tag of each open span
    for token in tokens:
        kind, _, edge = token.type.rpartition("_")
        if token.type == "text" or token.type == "text_special":
            yield _typographic(token.content)
        elif token.type == "code_inline":
            yield token.content
        elif token.type in ("softbreak", "hardbreak"):
            yield " "
        elif kind in _TAGS and edge in ("open", "close"):
            yield f"<{'/' if edge == 'close' else ''}{_TAGS[kind]}>"
        elif token.type == "span_open":
            classes = str(token.attrGet("class") or "").split()
            opening = next((_SPANS[c] for c in classes if c in _SPANS), "")
            spans.append("</span>" if opening else "")
            yield opening
        elif token.type == "span_close":
            yield spans.pop() if spans else ""


def _typographic(text: str) -> str:
    for plain, typographic in _DASHES:
        text = text.replace(plain, typographic)
    return text
