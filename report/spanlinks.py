"""A bracketed span as a link's text, as pandoc reads it.

pandoc writes a Word hyperlink whose run is underlined, highlighted or
styled as `[[words]{.underline}](url)`. markdown-it's link rule looks for
the end of the link's text with nesting disabled (a link holds no link),
and takes the span, which its attrs plugin reads as one token starting
with `[`, for a link inside: the brackets and the address then print as
written. Pandoc reads a link holding the span; so does this module.
"""

from __future__ import annotations

from types import SimpleNamespace

from markdown_it import MarkdownIt


def register(md: MarkdownIt) -> None:
    """`md`'s link rule skips spans as it skips any other text (call it
    after the attrs plugin has added its span rule)."""
    span = next((rule.fn for rule in md.inline.ruler.__rules__ if rule.name == "span"), None)
    if span is None:
        return
    helpers = md.helpers  # markdown-it's module of them, shared by every parser: not changed
    md.helpers = SimpleNamespace(**{name: getattr(helpers, name) for name in dir(helpers)
                                    if not name.startswith("__")})
    md.helpers.parseLinkLabel = lambda state, start, disable_nested=False: _label_end(
        state, start, disable_nested, span)


def _label_end(state, start: int, disable_nested: bool, span) -> int:
    """markdown-it's parseLinkLabel: the position of the `]` that closes the
    `[` at `start`, or -1; with `disable_nested`, -1 if a link is inside,
    but not for a span (`[words]{.class}`)."""
    old, level = state.pos, 1
    state.pos = start + 1
    try:
        while state.pos < state.posMax:
            marker = state.src[state.pos]
            if marker == "]":
                level -= 1
                if level == 0:
                    return state.pos
            before = state.pos
            state.md.inline.skipToken(state)
            if marker != "[":
                continue
            if before == state.pos - 1:  # a `[` that is text
                level += 1
            elif disable_nested and not _is_span(state, before, span):
                return -1
        return -1
    finally:
        state.pos = old


def _is_span(state, at: int, span) -> bool:
    """Whether a bracketed span starts at `at`."""
    after = state.pos
    state.pos = at
    try:
        return bool(span(state, True))
    finally:
        state.pos = after
