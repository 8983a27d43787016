"""Pandoc's definition lists for markdown-it: `Term` over `:   Definition`.

mdit_py_plugins' deflist rule (MIT, after markdown-it-deflist), with the
column a definition's blocks stand at as pandoc has it: where its text
starts after the marker, as in a list item. The plugin put it two columns
right of the marker whatever the spaces after it, so `:   d` took a
paragraph indented two spaces as its own, where pandoc ends the list,
and an indented code block kept two spaces too many. Five spaces or more
after the marker make the text code, the blocks one column past it.
"""

from __future__ import annotations

from markdown_it import MarkdownIt


def register(md: MarkdownIt) -> None:
    md.block.ruler.before("paragraph", "deflist", _deflist,
                          {"alt": ["paragraph", "reference", "blockquote"]})


def _marker_end(state, line: int) -> int:
    """The position after `:` or `~` and the space after it, or -1."""
    start, stop = state.bMarks[line] + state.tShift[line], state.eMarks[line]
    if start >= stop or state.src[start] not in ":~":
        return -1
    after = state.skipSpaces(start + 1)
    return start + 1 if start + 1 < after < stop else -1


def _deflist(state, start: int, end: int, silent: bool) -> bool:
    if state.is_code_block(start):
        return False
    if silent:
        return state.ddIndent >= 0 and _marker_end(state, start) >= 0
    dd_line = start + 1 + (start + 1 < end and state.isEmpty(start + 1))
    if dd_line >= end or state.sCount[dd_line] < state.blkIndent \
            or _marker_end(state, dd_line) < 0:
        return False
    first = len(state.tokens)
    token = state.push("dl_open", "dl", 1)
    token.map = lines = [start, 0]
    tight, dt_line = True, start
    while True:
        _term(state, dt_line)
        gap_before = False  # a blank line after the term's last definition
        while True:  # the term's definitions, each `:` or `~` starting one
            loose, gap_after, next_line = _definition(state, dd_line, end)
            tight = tight and not loose and not gap_before
            gap_before = gap_after
            if next_line >= end or state.sCount[next_line] < state.blkIndent:
                return _close(state, first, lines, next_line, tight)
            if _marker_end(state, next_line) < 0:
                break
            dd_line = next_line
        dt_line = next_line  # another term, over its definition
        if state.isEmpty(dt_line) or state.sCount[dt_line] < state.blkIndent:
            break
        dd_line = dt_line + 1 + (dt_line + 1 < end and state.isEmpty(dt_line + 1))
        if dd_line >= end or state.sCount[dd_line] < state.blkIndent \
                or _marker_end(state, dd_line) < 0:
            break
    return _close(state, first, lines, next_line, tight)


def _term(state, line: int) -> None:
    state.push("dt_open", "dt", 1).map = [line, line]
    token = state.push("inline", "", 0)
    token.map = [line, line]
    token.content = state.getLines(line, line + 1, state.blkIndent, False).strip()
    token.children = []
    state.push("dt_close", "dt", -1)


def _definition(state, line: int, end: int) -> tuple[bool, bool, int]:
    """Read the definition whose marker is on `line`: whether its blocks
    are loose, whether a blank line ends it, and the line after it."""
    token = state.push("dd_open", "dd", 1)
    token.map = lines = [line, 0]
    marker_end = _marker_end(state, line)
    pos, stop = marker_end, state.eMarks[line]
    marker_column = state.sCount[line] + marker_end - (state.bMarks[line] + state.tShift[line])
    offset = marker_column
    while pos < stop and state.src[pos] in " \t":
        offset += 4 - offset % 4 if state.src[pos] == "\t" else 1
        pos += 1
    old = (state.tight, state.ddIndent, state.blkIndent, state.tShift[line],
           state.sCount[line], state.parentType)
    # Pandoc's column: the text's, unless it stands five or more spaces out (code).
    indent = offset if offset - marker_column <= 4 else marker_column + 1
    state.blkIndent = state.ddIndent = indent
    state.tShift[line] = pos - state.bMarks[line]
    state.sCount[line] = offset
    state.tight, state.parentType = True, "deflist"
    state.md.block.tokenize(state, line, end)
    loose, gap = not state.tight, state.line - line > 1 and state.isEmpty(state.line - 1)
    (state.tight, state.ddIndent, state.blkIndent, state.tShift[line], state.sCount[line],
     state.parentType) = old
    state.push("dd_close", "dd", -1)
    lines[1] = state.line
    return loose, gap, state.line


def _close(state, first: int, lines: list, next_line: int, tight: bool) -> bool:
    state.push("dl_close", "dl", -1)
    lines[1] = state.line = next_line
    if tight:  # its paragraphs hidden, as markdown-it's tight lists have them
        level = state.level + 2
        for token in state.tokens[first:]:
            if token.level == level and token.type in ("paragraph_open", "paragraph_close"):
                token.hidden = True
    return True
