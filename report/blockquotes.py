"""Pandoc's block quotes for markdown-it: a quote runs to the next blank line.

CommonMark lets a line without `>` go on with a quote only as its last
paragraph's lazy line, and ends the quote at a line that could start a
block ("# b", "1. b", "* * *") or after an empty `>` line. Pandoc reads
every line up to a blank one as the quote's, its spaces stripped, as if
written with `>`: `> a` over `# b` is one paragraph "a # b", `> - a` over
`- b` a list of two, `>` over `b` a second paragraph. What ends it early,
in pandoc as here: a list's item inside a list, a closed fenced code block
of backticks, the close of the fenced div the quote is in.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from . import codefences, fancylists

_DIV_CLOSE = re.compile(r" *:{3,}\s*")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")


def register(md: MarkdownIt) -> None:
    rule = next(r for r in md.block.ruler.__rules__ if r.name == "blockquote")
    md.block.ruler.at("blockquote", _blockquote, {"alt": rule.alt})


def _line(state, n: int) -> str:
    return state.src[state.bMarks[n] + state.tShift[n]:state.eMarks[n]]


def _blockquote(state, start: int, end: int, silent: bool) -> bool:
    if state.is_code_block(start) or _line(state, start)[:1] != ">":
        return False
    if start + 1 < end and _SETEXT_UNDERLINE.fullmatch(_line(state, start + 1)):
        return False  # `> a` over `---`: pandoc's setext heading "> a" comes first
    if silent:
        return True
    stop = _end(state, start, end)
    saved = [(state.bMarks[n], state.tShift[n], state.sCount[n], state.bsCount[n])
             for n in range(start, stop)]
    for n in range(start, stop):
        _into_quote(state, n)
    old = state.parentType, state.lineMax, state.blkIndent
    state.parentType, state.lineMax, state.blkIndent = "blockquote", stop, 0
    token = state.push("blockquote_open", "blockquote", 1)
    token.markup, token.map = ">", [start, 0]
    state.md.block.tokenize(state, start, stop)
    state.push("blockquote_close", "blockquote", -1).markup = ">"
    token.map[1] = state.line
    state.parentType, state.lineMax, state.blkIndent = old
    for n, (begin, shift, count, bs_count) in enumerate(saved, start):
        state.bMarks[n], state.tShift[n], state.sCount[n], state.bsCount[n] = \
            begin, shift, count, bs_count
    return True


def _end(state, start: int, end: int) -> int:
    """The line after the quote's last: the next blank line, or one that
    ends a quote's lazy run in pandoc."""
    n = start + 1
    while n < end and not state.isEmpty(n):
        if _line(state, n)[:1] != ">" and _ends_lazy_run(state, n, end):
            break
        n += 1
    return n


def _ends_lazy_run(state, n: int, end: int) -> bool:
    """Pandoc's ends of a paragraph's line run (its `endline`), which a
    quote's lazy lines are: an item of the list the quote is in, a fenced
    code block of backticks (closed), the close of the div it is in."""
    line = _line(state, n)
    if fancylists.starts_list(state, n):
        return True
    if _DIV_CLOSE.fullmatch(line):
        return _in_div(state)
    fence = codefences.opening(state.src[state.bMarks[n]:state.eMarks[n]])
    return fence[:1] == "`" and state.tShift[n] == 0 and _closed(state, n, end, fence)


def _in_div(state) -> bool:
    depth = 0
    for token in state.tokens:
        depth += {"container_div_open": 1, "container_div_close": -1}.get(token.type, 0)
    return depth > 0


def _closed(state, n: int, end: int, fence: str) -> bool:
    for after in range(n + 1, end):
        if not codefences.after(fence, state.src[state.bMarks[after]:state.eMarks[after]]):
            return True
    return False


def _into_quote(state, n: int) -> None:
    """Line `n` as the quote's content: past its `>` and the one space
    after it (markdown-it's columns, tabs as it counts them), or, a lazy
    line, past its spaces."""
    pos, stop = state.bMarks[n] + state.tShift[n], state.eMarks[n]
    if state.src[pos:pos + 1] != ">":
        state.bMarks[n], state.tShift[n], state.sCount[n] = pos, 0, 0
        state.bsCount[n] = 0
        return
    pos += 1
    initial = offset = state.sCount[n] + 1
    adjust_tab, space_after = False, state.src[pos:pos + 1] in (" ", "\t")
    if state.src[pos:pos + 1] == " " or (state.src[pos:pos + 1] == "\t"
                                          and (state.bsCount[n] + offset) % 4 == 3):
        pos, initial, offset = pos + 1, initial + 1, offset + 1
    else:
        adjust_tab = space_after
    state.bMarks[n] = pos
    while pos < stop and state.src[pos] in " \t":
        if state.src[pos] == "\t":
            offset += 4 - (offset + state.bsCount[n] + adjust_tab) % 4
        else:
            offset += 1
        pos += 1
    state.bsCount[n] = state.sCount[n] + 1 + space_after
    state.sCount[n] = offset - initial
    state.tShift[n] = pos - state.bMarks[n]
