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


def register(md) -> None:
    md.block.ruler.before("paragraph", "html_markdown", html_block)


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
    while last + 1 < end and not state.isEmpty(last + 1):
        last += 1
    html = state.getLines(start, last + 1, state.blkIndent, False)  # a <pre>'s indents kept
    tokens: list[Token] = []
    if _PAGE_BREAK.fullmatch(html.strip()):
        tokens.append(Token("page_break", "", 0))
    else:
        state.md.block.parse(to_markdown(html), state.md, state.env, tokens)
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

        def kept(self, el, text, parent_tags):
            attributes = "".join(f' {name}="{_attribute(value)}"'
                                 for name, value in el.attrs.items())
            return f"<{el.name}{attributes}>{text}</{el.name}>"

        convert_cite = convert_var = MarkdownConverter.convert_em

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
