"""Fenced code blocks found line by line, for the passes that read the
text before markdown-it does: what lies inside a fence is code, as
written, never a heading, a list or metadata."""

from __future__ import annotations

import re

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def opening(line: str) -> str:
    """The fence `line` opens ('' if none): three backticks or tildes or more."""
    found = _FENCE.match(line)
    return found[1] if found else ""


def after(fence: str, line: str) -> str:
    """The fence still open after `line`: one it opens, or `fence` unless
    `line` closes it (its character, at least as many, nothing after)."""
    if not fence:
        return opening(line)
    closing = opening(line)
    if closing[:1] == fence[0] and len(closing) >= len(fence) \
            and not line.strip().strip(fence[0]):
        return ""
    return fence


def outside(lines: list[str]):
    """(index, line) of each line of `lines` outside fenced code and its fences."""
    fence = ""
    for n, line in enumerate(lines):
        was, fence = fence, after(fence, line)
        if not was and not fence:
            yield n, line


# --- in markdown-it ----------------------------------------------------------

def register(md) -> None:
    """Pandoc's fences: one never closed opens no code block (markdown-it's,
    as CommonMark's, runs to the end of the article or of its list item or
    block quote); its lines are read as text, as pandoc 3.9 reads them, and
    the line is noted in the parse's env ("unclosed_fences") for a warning."""
    for name in ("raw_fence", "fence"):
        rule = next(r for r in md.block.ruler.__rules__ if r.name == name)
        md.block.ruler.at(name, _closed_only(rule.fn), {"alt": list(rule.alt)})


def _closed_only(rule):
    def fence(state, start: int, end: int, silent: bool) -> bool:
        if not rule(state, start, end, True):
            return False
        if not closed(state, start, end):
            state.env.setdefault("unclosed_fences", {})[start] = opening(
                state.src[state.bMarks[start]:state.eMarks[start]].lstrip())
            return False
        return rule(state, start, end, silent)
    return fence


def closed(state, start: int, end: int) -> bool:
    """Whether the fence on line `start` closes before `end` or a line
    indented less than its container (markdown-it's fence rule's search)."""
    line = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
    fence = opening(line)
    for n in range(start + 1, end):
        first, last = state.bMarks[n] + state.tShift[n], state.eMarks[n]
        if first < last and state.sCount[n] < state.blkIndent:
            return False  # the list item (or quote) ends here
        if state.is_code_block(n):
            continue
        if after(fence, state.src[first:last]) == "":
            return True
    return False
