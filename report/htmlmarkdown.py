"""Raw HTML blocks of lists, headings, quotes and code read as what they mean.

An article pasted from the web or exported from a CMS carries `<ul>`,
`<h2>`, `<blockquote>`, `<pre>` or `<dl>` blocks. Pandoc reads the text
between such tags as Markdown and passes the tags themselves to HTML
output only, so a PDF made through HTML shows a list and a deck shows its
items as loose lines. Here each block becomes the Markdown it stands for
(markdownify), read by the same parser as the rest of the article, so every
output shows the list, the heading or the quote. Tags that only group what
they hold (`<div>`, `<section>`…) are dropped and what is between them read
as Markdown, line for line, as pandoc reads it. Tables and images have
their own reader (report/rawblocks.py), which runs first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it.token import Token

from .model import list_marker
from .rawblocks import closing, source_line

_STRUCTURE = ("blockquote|dd|dl|dt|figcaption|h[1-6]|hr|li|menu|ol|p|pre|summary|ul")
_CONTAINERS = ("address|article|aside|center|details|dialog|div|fieldset|figure|footer|form|"
               "header|main|nav|section")
# Tags that open an HTML block (CommonMark's kinds 1 and 6, less the ones
# rawblocks reads), opening or closing: a line starting `</div>` ends one.
_OPENING = re.compile(rf"</?({_STRUCTURE}|{_CONTAINERS})(?=[\s/>]|$)", re.IGNORECASE)
_CONTAINER_TAG = rf"</?(?:{_CONTAINERS})(?:\s[^<>]*)?/?>"
_LEADING = re.compile(rf"^(?:\s*{_CONTAINER_TAG})+\s*", re.IGNORECASE)
_TRAILING = re.compile(rf"\s*(?:{_CONTAINER_TAG}\s*)+$", re.IGNORECASE)
# Blocks that run to their closing tag across blank lines, as they do in HTML.
_CLOSED = {"ul", "ol", "dl", "blockquote", "pre"}
# Inline tags markdownify has no Markdown for: kept as HTML, which the
# inline reader reads as the model's own inlines (report/rawinline.py).
_KEPT = ("u", "ins", "span", "mark", "small", "abbr")
# `<div style="page-break-after: always"></div>`: an old idiom for a page break.
_PAGE_BREAK = re.compile(r"""<div\s+style\s*=\s*["'][^"']*(page-break-(?:after|before)\s*:"""
                         r"""\s*always|break-(?:after|before)\s*:\s*page)[^"']*["']\s*/?>"""
                         r"""\s*(</div>)?""", re.I)
# Markdown that BeautifulSoup would read as HTML: code spans, TeX math and
# autolinks (`a < b`, $a<b$, <https://x.org>), kept aside while it reads.
_VERBATIM = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)|\$\$.+?\$\$|\$[^\s$](?:[^$]*[^\s$])?\$"
                       r"|<(?:[A-Za-z][\w+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>",
                       re.DOTALL)
_ASIDE = "\ue000{}\ue001"
# At a line's start, what Markdown would read as a heading, a quote or a list.
_MARKER = re.compile(r"(^|\n)([ \t]*)(#|>|[-+*](?=\s)|\d+[.)](?=\s))")

# `<ol type>`: the numbering Pandoc's fancy lists write (report/fancylists.py).
_OL_TYPES = {"a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}


def register(md) -> None:
    # As CommonMark's HTML blocks of this kind, and pandoc's, it may
    # interrupt a paragraph: `- item` then `  <ul>…` nests a list.
    md.block.ruler.before("paragraph", "html_markdown", html_block,
                          {"alt": ["paragraph", "reference", "blockquote"]})


def html_block(state, start: int, end: int, silent: bool) -> bool:
    """An HTML block: from a line that starts with a block tag to the next
    blank line, as CommonMark has it (a list, a quote or `<pre>`: to its
    closing tag); its Markdown's tokens in its place."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    opening = _OPENING.match(state.src, state.bMarks[start] + state.tShift[start])
    if not opening:
        return False
    if silent:
        return True
    if _PAGE_BREAK.fullmatch(source_line(state, start).strip()):
        tokens, last = [Token("page_break", "", 0)], start
    elif opening[1].lower() in _CONTAINERS.split("|"):
        last = _last_line(state, start, end)
        tokens = _parse(state, _unwrapped(state.getLines(start, last + 1, state.blkIndent,
                                                         False)), start)
    else:
        tag = opening[1].lower()
        closed = closing(state, start, end, tag) if tag in _CLOSED else None
        last = closed[0] if closed else _last_line(state, start, end)
        html = state.getLines(start, last + 1, state.blkIndent, False)  # a <pre>'s indents kept
        tokens = _parse(state, to_markdown(html), None)
    for token in tokens:
        token.map = token.map or [start, last + 1]
        token.level += state.level
    state.tokens.extend(tokens)
    state.line = last + 1
    return True


def _parse(state, markdown: str, first: int | None) -> list[Token]:
    """The tokens of `markdown` (its lists numbered as pandoc numbers them,
    by report/fancylists.py's list rule), placed from the article's line
    `first` on, if its lines are the article's (else the caller places them)."""
    tokens: list[Token] = []
    state.md.block.parse(markdown, state.md, state.env, tokens)
    for token in tokens:
        token.map = [first + n for n in token.map] if first is not None and token.map else None
    return tokens


def _unwrapped(lines: str) -> str:
    """The lines with the grouping tags at their ends dropped, a line of
    nothing else left blank: what they hold, line for line."""
    return "\n".join(_TRAILING.sub("", _LEADING.sub("", line)) for line in lines.split("\n"))


def _last_line(state, start: int, end: int) -> int:
    """The line before the next blank one, or before one out of the list item."""
    last = start
    while last + 1 < end and not state.isEmpty(last + 1) \
            and state.sCount[last + 1] >= state.blkIndent:
        last += 1
    return last


def _last(ol) -> int:
    """The number of an `<ol>`'s last item."""
    start = ol.get("start", "1")
    first = int(start) if start.strip().isdecimal() else 1
    return first + len(ol.find_all("li", recursive=False)) - 1


def to_markdown(html: str) -> str:
    """The Pandoc Markdown that `html` stands for. Its words are read as
    Markdown, as Pandoc reads them: `*`, `_` and `[@key]` keep their meaning,
    and code spans, math and autolinks are left as written."""
    aside: list[str] = []

    def keep(match) -> str:
        aside.append(match[0])
        return _ASIDE.format(len(aside) - 1)
    markdown = _converter().convert(_VERBATIM.sub(keep, html))
    return re.sub("\ue000(\\d+)\ue001", lambda m: aside[int(m[1])], markdown)


@lru_cache(maxsize=1)
def _converter():
    # Imported at the first HTML block, not before: BeautifulSoup takes 0.05 s.
    from markdownify import ATX, MarkdownConverter

    class PandocMarkdown(MarkdownConverter):
        def escape(self, text, parent_tags):
            # Words stay Markdown; what was an entity (&lt;) stays one, or
            # the inline reader would take "a &lt;b&gt; tag" for a tag; and
            # "# 1" at a line's start is no heading, as in pandoc.
            text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            return _MARKER.sub(r"\1\2\\\3", text)

        def convert_hN(self, n, el, text, parent_tags):
            # "<h2>Title {#x}</h2>": braces are its words in HTML, as pandoc keeps them.
            text = re.sub(r"\{([^{}]*\}\s*)$", r"\\{\1", text)
            heading = super().convert_hN(n, el, text, parent_tags)
            ident = el.get("id")
            if not ident or "_inline" in parent_tags:
                return heading
            return heading.rstrip("\n") + " {#" + ident + "}\n\n"

        def convert_li(self, el, text, parent_tags):
            if not str(el.parent.get("start") or "0").strip().isdecimal():
                del el.parent["start"]  # markdownify's int() refuses "²", which it takes for one
            item = super().convert_li(el, text, parent_tags)
            style = _OL_TYPES.get(el.parent.get("type")) if el.parent.name == "ol" else None
            digits, dot, rest = item.partition(". ")
            if not style or not digits.isdecimal() or "alpha" in style and _last(el.parent) > 26:
                return item  # "AA." is no list marker: the whole list in digits
            # Two spaces: "B. Russell" is no list item, "B.  Russell" is.
            marker = list_marker(style, ".", int(digits)) + ("  " if style[0] == "u" else " ")
            lines = rest.split("\n")
            return marker + "\n".join(lines[:1] + [" " * len(marker) + line[len(digits) + 2:]
                                                    if line else line for line in lines[1:]])

        def kept(self, el, text, parent_tags):
            attributes = "".join(f' {name}="{_attribute(value)}"'
                                 for name, value in el.attrs.items())
            return f"<{el.name}{attributes}>{text}</{el.name}>"

        convert_cite = convert_var = MarkdownConverter.convert_em
        convert_summary = MarkdownConverter.convert_p  # a <details>' heading line: its own

    for name in _KEPT:
        setattr(PandocMarkdown, f"convert_{name}", PandocMarkdown.kept)
    # lxml's parser closes what HTML leaves open (<li>one<li>two), as browsers do.
    return PandocMarkdown(heading_style=ATX, bullets="-", sup_symbol="^", sub_symbol="~",
                          escape_asterisks=False, escape_underscores=False,
                          code_language_callback=_language, bs4_options="lxml")


def _attribute(value) -> str:
    text = " ".join(value) if isinstance(value, list) else str(value)  # class="a b"
    return text.replace("&", "&amp;").replace('"', "&quot;")


def _language(el) -> str:
    """`<pre class="python">`, `<code class="language-python">` or pandoc's
    `<pre class="sourceCode python">`: python."""
    for node in (el, *el.find_all("code")):
        for name in node.get("class") or ():
            if name != "sourceCode":
                return name.removeprefix("language-").removeprefix("lang-")
    return ""
