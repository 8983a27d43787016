"""Pandoc's block syntax that markdown-it lacks or reads otherwise, as
small markdown-it rules: blocks that need a blank line before them, a
setext underline that yields to a definition list, line blocks, page
breaks, and HTML comments (left out, as pandoc leaves them out of all but
HTML output). report/markdown.py registers each where it must stand among
the other rules.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from . import rawblocks


def no_interrupting(md: MarkdownIt, names: list[str]) -> None:
    """The blocks `names` start after a blank line, as in Pandoc
    (blank_before_header, blank_before_blockquote): a line of hard-wrapped
    prose that starts "# " or "> " goes on with its paragraph. (A list
    interrupts one only inside a list: report/fancylists.py.)"""
    for rule in md.block.ruler.__rules__:
        if rule.name in names:
            md.block.ruler.at(rule.name, rule.fn,
                              {"alt": [a for a in rule.alt if a != "paragraph"]})


_DD_MARKER = re.compile(r"[:~](?:[ \t]|$)")
_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*")


def setext_yields_to_terms(md: MarkdownIt) -> None:
    """`Term` over `: def` over `---` is a definition list, as in Pandoc, not
    a setext heading of the three lines: markdown-it tries setext headings
    first, and the deflist rule cannot end one as it does a paragraph. A
    heading's text is its one line right above the underline, as in Pandoc."""
    rule = next(r for r in md.block.ruler.__rules__ if r.name == "lheading")
    setext = rule.fn

    def lheading(state, start: int, end: int, silent: bool) -> bool:
        below = start + 1
        if below >= end or state.sCount[below] - state.blkIndent >= 4:
            return False
        text = state.src[state.bMarks[below] + state.tShift[below]:state.eMarks[below]]
        # Pandoc's heading is one line: hard-wrapped prose over `---` is a
        # paragraph ending in an em dash, not a heading of all its lines.
        if _DD_MARKER.match(text) or not _UNDERLINE.fullmatch(text):
            return False
        return setext(state, start, end, silent)
    md.block.ruler.at("lheading", lheading, {"alt": rule.alt})


def setext_first(state, start: int, end: int, silent: bool) -> bool:
    """Pandoc's setext heading, tried before every block but fenced code,
    divs and bullet lists, as pandoc tries it: one line, however far in,
    right over a line of `=` or `-` flush with its container (or a list
    item's or a definition's lazy line, flush with the list's container).
    `    text` over `----` is a heading, not code and a rule; `1. a` or `> a`
    over `---` a heading of those words. markdown-it's own (lheading) still
    reads the lines this leaves."""
    below = start + 1
    if below >= end or state.isEmpty(start) or state.isEmpty(below):
        return False
    underline = state.src[state.bMarks[below] + state.tShift[below]:state.eMarks[below]]
    line = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
    # A lazy underline is flush with the list's container (pandoc strips
    # none or all of an item's indent from a line, never part of it).
    lazy = state.parentType in ("list", "deflist") \
        and state.sCount[below] in (0, state.listIndent)
    if not _UNDERLINE.fullmatch(underline) or state.sCount[below] != state.blkIndent \
            and not lazy:
        return False
    if state.sCount[start] - state.blkIndent < 4 and _BEFORE_SETEXT.match(line):
        return False
    if not silent:
        level = 1 if underline[0] == "=" else 2
        opening = state.push("heading_open", f"h{level}", 1)
        opening.markup, opening.map = underline[0], [start, below + 1]
        inline = state.push("inline", "", 0)
        inline.content, inline.map, inline.children = line.strip(), [start, below], []
        state.push("heading_close", f"h{level}", -1).markup = underline[0]
    state.line = below + 1
    return True


# What pandoc tries before a setext heading or a table: a bullet list's
# item, fenced code, a div's fence (`:::` or `<div`), a front matter's dashes.
_BEFORE_SETEXT = re.compile(r"[-+*](?:[ \t]|$)|`{3}|~{3}|:{3}|<div\b|-+[ \t]*$", re.I)


def tables_first(simple_table):
    """A simple table's rule that pandoc tries before line blocks, block
    quotes, rules and ordered lists: `1. a` over `- - -` over `2. b` is a
    table of three columns, not a list. (Bullet lists, fenced code and divs
    are tried before tables.)"""
    def rule(state, start: int, end: int, silent: bool) -> bool:
        line = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
        if state.sCount[start] - state.blkIndent < 4 and _BEFORE_SETEXT.match(line):
            return False
        return simple_table(state, start, end, silent)
    return rule


def line_block(state, start: int, end: int, silent: bool) -> bool:
    """Pandoc's line block: lines that begin with "| ", each kept a line; a
    line that begins with a space continues the one before. (A pipe table
    is tried first, so "| a | b |" over a "|---|" row stays a table.)"""
    def text(n: int) -> str:
        return state.src[state.bMarks[n] + state.tShift[n]:state.eMarks[n]]

    if state.sCount[start] - state.blkIndent >= 4 or not _LINE_BLOCK.match(text(start)):
        return False
    if silent:
        return True
    lines, n = [], start  # (first source line, text) of each line
    while n < end and not state.isEmpty(n):
        if _LINE_BLOCK.match(text(n)):
            lines.append((n, text(n)[2:]))
        elif state.sCount[n] > state.blkIndent:
            lines[-1] = (lines[-1][0], lines[-1][1] + " " + text(n))
        else:
            break
        n += 1
    state.push("line_block_open", "div", 1).map = [start, n]
    for first, line in lines:
        token = state.push("inline", "", 0)
        token.content = line.lstrip(" ")
        token.meta["indent"] = len(line) - len(token.content)
        token.map, token.children = [first, first + 1], []
    state.push("line_block_close", "div", -1)
    state.line = n
    return True


_LINE_BLOCK = re.compile(r"\|( |$)")


def page_break(state, start: int, end: int, silent: bool) -> bool:
    """`\\newpage`, `\\pagebreak` or `\\clearpage` alone on its line, or Quarto's
    `{{< pagebreak >}}`."""
    line = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
    if state.sCount[start] - state.blkIndent >= 4 or not rawblocks.PAGE_BREAK.fullmatch(line):
        return False
    if not silent:
        state.push("page_break", "", 0).map = [start, start + 1]
        state.line = start + 1
    return True


# --- HTML comments: Pandoc leaves them out of all but HTML output --------------------

def comment_block(state, start: int, end: int, silent: bool) -> bool:
    """`<!-- … -->` on lines of its own, blank lines and all: left out."""
    begin = state.bMarks[start] + state.tShift[start]
    if state.sCount[start] - state.blkIndent >= 4 or not state.src.startswith("<!--", begin):
        return False
    close = state.src.find("-->", begin + 4)
    line = start
    while close >= 0 and line < end and state.eMarks[line] < close:
        line += 1
    if close < 0 or line >= end or state.src[close + 3:state.eMarks[line]].strip():
        return False  # unclosed, or text after it: the paragraph's (comment_inline)
    if not silent:
        state.line = line + 1
    return True


def comment_inline(state: StateInline, silent: bool) -> bool:
    """`<!-- … -->` inside a paragraph: left out, and the spaces after it
    when a space or a line break comes before ("a <!-- x --> b" reads "a b")."""
    start = state.pos
    if not state.src.startswith("<!--", start):
        return False
    close = state.src.find("-->", start + 4)
    if close < 0:
        return False
    state.pos = close + 3
    if state.src[start - 1:start].isspace():
        while state.src[state.pos:state.pos + 1] == " ":
            state.pos += 1
    return True
