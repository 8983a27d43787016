"""Pandoc Markdown, as far as articles use it, parsed by markdown-it-py.

This module sets the parser up: Pandoc's extensions come as plugins
(footnotes, definition lists, bracketed spans, sub- and superscripts) and
as rules of ours (citations, smart dashes and quotes, line blocks, fenced
divs, tables, raw TeX and HTML), registered in the order their rules must
be tried. report/mdblocks.py turns the tokens into the document model.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

from . import (blockquotes, bookdown, citerules, codefences, deflists, fancylists, fenceddivs,
               htmlmarkdown, pandocdelims, pandocrules, pandoctables, rawblocks, rawinline,
               spanlinks, supsub)
from .attributes import pandoc_values
from .typography import STAND_INS, pandoc_dashes


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The article's parser: Pandoc's Markdown, its rules in the order they
    must be tried."""
    md = _typographer(["table", "smartquotes", "strikethrough"])
    citerules.register(md)  # `[@a, p. 3]`, `@a`, `-@a`
    footnote_plugin(md)
    sub_plugin(md)          # Pandoc's H~2~O
    superscript_plugin(md)  # and 2^10^
    supsub.register(md)     # their content read as Markdown
    container_plugin(md, "div", validate=lambda params, *_: bool(params.strip()))
    deflists.register(md)   # Term / :   Definition
    attrs_plugin(md, spans=True, after=("image", "code_inline", "link_close", "span_close"))
    spanlinks.register(md)  # `[[words]{.underline}](url)`: a link holding the span
    blockquotes.register(md)  # a quote's lazy lines up to a blank one, as pandoc reads them
    md.block.ruler.after("table", "line_block", pandocrules.line_block)
    pandoctables.register(md)
    md.block.ruler.before("line_block", "table_first",
                          pandocrules.tables_first(pandoctables.simple_table))
    rawinline.register(md)
    bookdown.register(md)  # `\@ref(fig:x)`: before raw TeX's rule
    rawblocks.register(md)
    codefences.register(md)  # after raw_fence's: a fence never closed is text
    md.block.ruler.before("paragraph", "comment_block", pandocrules.comment_block)
    md.block.ruler.before("paragraph", "page_break", pandocrules.page_break,
                          {"alt": ["paragraph"]})
    htmlmarkdown.register(md)  # last: tables, images and page breaks in HTML come first
    fancylists.register(md)
    pandocrules.no_interrupting(md, ["heading", "blockquote", "hr", "table", "container_div"])
    pandocrules.setext_yields_to_terms(md)
    md.block.ruler.before("table", "setext_first", pandocrules.setext_first)
    md.inline.ruler.before("text", "comment_inline", pandocrules.comment_inline)
    pandoc_values()
    md.inline.ruler.at("image", _any_url(md.inline.ruler.__rules__[
        md.inline.ruler.__find__("image")].fn))
    # Pandoc's tex_math_dollars: no space inside the dollars, no digit right
    # after the closing one ("$5 and $10" is money), no blank line inside
    # display math (a `$$` left open would take the rest of the article).
    dollarmath_plugin(md, allow_space=False, allow_digits=False, allow_labels=False,
                      allow_blank_lines=False, double_inline=True)
    return md


def _any_url(rule):
    """markdown-it's image rule, taking any URL as pandoc does: markdown-it
    refuses `file:` and most `data:` ones (as unsafe in a web page), which
    printed `![Alt](file:///etc/passwd)` as it is written. The figure's
    reader (report/mdfigures.py) says which it can show."""
    def image(state, silent: bool) -> bool:
        md, nested = state.md, "validateLink" in vars(state.md)  # an image in an image's alt
        md.validateLink = _ANY
        try:
            return rule(state, silent)
        finally:
            if not nested:
                del md.validateLink  # links as markdown-it validates them
    return image


def _ANY(url: str) -> bool:
    return True


def _typographer(rules: list[str]) -> MarkdownIt:
    """CommonMark with markdown-it's `rules` on, that sets words as pandoc
    does: its dashes, and quotes as the language being read sets them
    (report/typography.py), emphasis delimited as pandoc delimits it."""
    # html=False: raw HTML is never passed on; the tags that style text are
    # read as what they mean, and the rest left out (report/rawinline.py).
    md = MarkdownIt("commonmark", {"typographer": True, "html": False, "quotes": STAND_INS})
    md.enable(rules)
    md.disable("replacements")  # markdown-it's also turns (c) into ©; Pandoc's doesn't
    md.core.ruler.after("smartquotes", "pandoc_dashes", pandoc_dashes)
    pandocdelims.register(md)  # `*et al.\u00a0*` is emphasis, as in pandoc
    return md


def parse(text: str, env: dict | None = None) -> list[Token]:
    """markdown-it's tokens for `text`, lists numbered and divs nested as
    Pandoc numbers and nests them; `env` as markdown-it's (references).
    Tabs are spaces to the next stop of four columns first, as pandoc
    reads them (its `preserve_tabs` is off): in code, blocks and spans,
    they print as spaces lined up on the written line's columns."""
    text = text.expandtabs(4)
    return parser().parse(pandoctables.captions_above(fenceddivs.nested(text)), env)


@lru_cache(maxsize=1)
def affix_parser() -> MarkdownIt:
    """For a citation's prefix and suffix: emphasis, typography and raw
    inline HTML read as the text's is (report/rawinline.py: `[compare
    <i>this</i> with @c]` prints "this" in italics, as pandoc does, not the
    tags as text); no citations. It renders the HTML the citation engine
    composes with (report/inlinehtml.py reads it back)."""
    md = _typographer(["smartquotes"])
    md.inline.ruler.before("html_inline", "raw_html", rawinline.raw_html)
    for kind in _AFFIX_TAGS:  # rawinline's tokens carry no tag of their own
        md.add_render_rule(f"{kind}_open", _affix_tag)
        md.add_render_rule(f"{kind}_close", _affix_tag)
    return md


# rawinline's token kinds → the tags report/inlinehtml.py reads (a link's
# and a strikeout's: their words alone, as in the brief's citations).
_AFFIX_TAGS = {"em": "i", "strong": "b", "sub": "sub", "sup": "sup", "s": "span",
               "span": "span", "link": "span"}
_SMALL_CAPS = '<span style="font-variant:small-caps;">'


def _affix_tag(renderer, tokens, index, options, env) -> str:
    token = tokens[index]
    kind, _, end = token.type.rpartition("_")
    tag = _AFFIX_TAGS[kind]
    if end == "close":
        return f"</{tag}>"
    return _SMALL_CAPS if token.attrs.get("class") == "smallcaps" else f"<{tag}>"


def closing(tokens: list[Token], i: int) -> int:
    """The index of the token that closes tokens[i]."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1
