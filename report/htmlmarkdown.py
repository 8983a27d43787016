"""Raw HTML blocks of lists, headings, quotes and code read as what they mean.

An article pasted from the web or exported from a CMS carries `<ul>`,
`<h2>`, `<blockquote>`, `<pre>` or `<dl>` blocks. Pandoc reads the text
between such tags as Markdown and passes the tags themselves to HTML
output only, so a PDF made through HTML shows a list and a deck shows its
items as loose lines. Here each block becomes the Markdown it stands for
(markdownify), read by the same parser as the rest of the article, so every
output shows the list, the heading or the quote. Tables and images have
their own reader (report/rawblocks.py), which runs first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it.token import Token

from . import fancylists
from .model import list_marker

# Tags that open an HTML block (CommonMark's kinds 1 and 6, less the ones
# rawblocks reads), opening or closing: a line starting `</div>` ends one.
_OPENING = re.compile(
    r"</?(address|article|aside|blockquote|center|details|dialog|dd|div|dl|dt|fieldset|"
    r"figcaption|figure|footer|form|h[1-6]|header|hr|li|main|menu|nav|ol|p|pre|section|"
    r"summary|ul)(?=[\s/>]|$)", re.IGNORECASE)
# Inline tags markdownify has no Markdown for: kept as HTML, which the
# inline reader reads as the model's own inlines (report/rawinline.py).
_KEPT = ("u", "ins", "span", "mark", "small", "abbr")
# `<div style="page-break-after: always"></div>`: an old idiom for a page break.
_PAGE_BREAK = re.compile(r"""<div\s+style\s*=\s*["'][^"']*(page-break-(?:after|before)\s*:"""
                         r"""\s*always|break-(?:after|before)\s*:\s*page)[^"']*["']\s*/?>"""
                         r"""\s*(</div>)?""", re.I)


# `<ol type>`: the numbering Pandoc's fancy lists write (report/fancylists.py).
_OL_TYPES = {"a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}


def register(md) -> None:
    # As CommonMark's HTML blocks of this kind, and pandoc's, it may
    # interrupt a paragraph: `- item` then `  <ul>…` nests a list.
    md.block.ruler.before("paragraph", "html_markdown", html_block,
                          {"alt": ["paragraph", "reference", "blockquote"]})


def html_block(state, start: int, end: int, silent: bool) -> bool:
    """An HTML block: from a line that starts with a block tag to the next
    blank line, as CommonMark has it; its Markdown's tokens in its place."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    if not _OPENING.match(state.src, state.bMarks[start] + state.tShift[start]):
        return False
    if silent:
        return True
    last = start
    while last + 1 < end and not state.isEmpty(last + 1) \
            and state.sCount[last + 1] >= state.blkIndent:  # nor out of its list item
        last += 1
    html = state.getLines(start, last + 1, state.blkIndent, False)  # a <pre>'s indents kept
    tokens: list[Token] = []
    if _PAGE_BREAK.fullmatch(html.strip()):
        tokens.append(Token("page_break", "", 0))
    else:
        markdown, numbering = fancylists.rewrite(to_markdown(html))
        state.md.block.parse(markdown, state.md, state.env, tokens)
        fancylists.annotate(tokens, numbering)
    for token in tokens:  # the converted text has lines of its own: the block's stand in
        token.map = [start, last + 1]
        token.level += state.level
    state.tokens.extend(tokens)
    state.line = last + 1
    return True


def to_markdown(html: str) -> str:
    """The Pandoc Markdown that `html` stands for. Its words are read as
    Markdown, as Pandoc reads them: `*`, `_` and `[@key]` keep their meaning."""
    return _converter().convert(html)


@lru_cache(maxsize=1)
def _converter():
    # Imported at the first HTML block, not before: BeautifulSoup takes 0.05 s.
    from markdownify import ATX, MarkdownConverter

    class PandocMarkdown(MarkdownConverter):
        def escape(self, text, parent_tags):
            # Words stay Markdown; what was an entity (&lt;) stays one, or
            # the inline reader would take "a &lt;b&gt; tag" for a tag.
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

        def convert_hN(self, n, el, text, parent_tags):
            heading = super().convert_hN(n, el, text, parent_tags)
            ident = el.get("id")
            if not ident or "_inline" in parent_tags:
                return heading
            return heading.rstrip("\n") + " {#" + ident + "}\n\n"

        def convert_li(self, el, text, parent_tags):
            item = super().convert_li(el, text, parent_tags)
            style = _OL_TYPES.get(el.parent.get("type")) if el.parent.name == "ol" else None
            digits, dot, rest = item.partition(". ")
            if not style or not digits.isdigit():
                return item
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
    return PandocMarkdown(heading_style=ATX, bullets="-", sup_symbol="^", sub_symbol="~",
                          escape_asterisks=False, escape_underscores=False,
                          code_language_callback=_language)


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
