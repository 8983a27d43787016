"""citeproc-py's HTML output → model inlines (italics, bold, superscripts, subscripts
and small caps kept, and the works a cluster names: report/cslcache.py marks each)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .model import Cited, Emph, Inline, SmallCaps, Strong, Subscript, Superscript, Text

_WRAPPERS = {"i": Emph, "em": Emph, "b": Strong, "strong": Strong,
             "sup": Superscript, "sub": Subscript, "sc": SmallCaps}  # <sc>: report/cslrichtext.py
CITED = "data-cited"  # <span data-cited="key">: a Cited node


def cited(key: str, html: str) -> str:
    """`html` marked as naming the work `key`."""
    from html import escape
    return f'<span {CITED}="{escape(key)}">{html}</span>'


class _InlineParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list]] = []
        self.out: list[Inline] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        style = attrs.get("style") or ""
        if tag == "span" and ("italic" in style or "small-caps" in style):
            tag = "i" if "italic" in style else "sc"  # a style's font-style, font-variant
        elif tag == "nodecor":  # CSL-JSON's upright text (cslrichtext): in italics, a flip
            tag = "i" if self._in_italics() else "span"
        self.stack.append((tag, attrs.get(CITED), self.out))
        self.out = []

    def handle_endtag(self, tag):
        if not self.stack:
            return
        opened, cited, parent = self.stack.pop()
        wrapper = _WRAPPERS.get(opened)
        children, self.out = self.out, parent
        if cited is not None:
            self.out.append(Cited(children, cited))
        elif wrapper and children:
            self.out.append(wrapper(children))
        else:
            self.out.extend(children)  # <span>, <sup>, ...: keep the text

    def _in_italics(self) -> bool:
        return any(_WRAPPERS.get(tag) is Emph for tag, _, _ in self.stack)

    def handle_data(self, data):
        if self.out and isinstance(self.out[-1], Text):
            self.out[-1].text += data
        else:
            self.out.append(Text(data))


# A "<" that opens none of the tags citeproc-py and report write is text: a
# style's own angle brackets around a URL (OSCOLA's "<https://doi.org/…>"),
# which citeproc-py leaves unescaped in its HTML.
_STRAY_LT = re.compile(r"<(?!/?(?:i|em|b|strong|sup|sub|sc|span|nodecor|div|a|br)\b)")


def parse_inline_html(html: str) -> list[Inline]:
    parser = _InlineParser()
    parser.feed(_STRAY_LT.sub("&lt;", html))
    parser.close()
    while parser.stack:  # an unclosed tag: keep its text
        parser.handle_endtag("")
    return parser.out
