"""Pandoc's superscripts and subscripts, `2^10^` and `H~2~O`, their content
read as Markdown (`R^*2*^`: an italic 2, raised), as pandoc reads it.

mdit_py_plugins' rules keep the content as plain text, and take `^[` for a
superscript's start; pandoc reads an inline note there (`A^[x]b^[y].`: two
notes), so these rules leave it to the footnote plugin's.
"""

from __future__ import annotations

from markdown_it.rules_inline import StateInline
from mdit_py_plugins.utils import WHITESPACE_RE

from .rawinline import styled


def register(md) -> None:
    """In place of the plugins' rules (report/markdown.py adds them first)."""
    md.inline.ruler.at("sup", _script("^", "sup"))
    md.inline.ruler.at("sub", _script("~", "sub"))


def _script(marker: str, kind: str):
    def rule(state: StateInline, silent: bool) -> bool:
        start, maximum = state.pos, state.posMax
        if silent or state.src[start] != marker or start + 2 >= maximum:
            return False
        linked = state.src.startswith("^[", start) and _bracketed(state, start + 1)
        if state.src.startswith("^[", start) and not linked:
            return False  # an inline note
        state.pos = start + 1
        while state.pos < maximum and state.src[state.pos] != marker:
            state.md.inline.skipToken(state)  # over code and links, as a whole
        end, state.pos = state.pos, start
        # Closed, not empty, no space unless escaped (pandoc's rule, and the plugins').
        if end >= maximum or end == start + 1 or WHITESPACE_RE.search(state.src[start + 1:end]):
            if linked:  # `x^[a](u)`: a caret, then the link, as pandoc reads it
                state.pending += "^"
                state.pos += 1
                return True
            return False
        styled(state, kind, {}, start + 1, end)
        state.pos = end + 1
        return True
    return rule


def _bracketed(state: StateInline, bracket: int) -> bool:
    """Whether the `[…]` at `bracket` is a link's text or a span's (`(`, `[`
    or `{` after it): pandoc reads `^[a](u)` as a caret and a link, and
    `^[a]{.c}^` as a span raised, not as a note."""
    end = state.md.helpers.parseLinkLabel(state, bracket)
    return end >= 0 and state.src[end + 1:end + 2] in ("(", "[", "{")
