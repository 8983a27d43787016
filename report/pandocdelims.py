"""Emphasis delimiters as pandoc reads them beside a no-break space.

CommonMark's flanking rule counts every Unicode space (U+00A0, U+2009,
U+202F…) as whitespace, so `*et al.\u00a0*` or `**\u00a0**` (what pandoc
writes for a Word run of italics ending in a no-break space, or a bold
one) opens or closes nothing and prints its asterisks. Pandoc's Markdown
counts only the space, the tab and line ends as whitespace (and `\\ `,
its escaped space, is a no-break one): the others are a word's
characters, and those runs are emphasis. They are no letters, though: an
`_` beside one opens or closes (`\u00a0_mot_\u00a0»`), as beside
punctuation. This module gives markdown-it that rule for `*`, `_` and `~~`.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar
from markdown_it.rules_inline.state_inline import Scanned

_SPACE = frozenset(" \t\n\r\f\v")


def register(md: MarkdownIt) -> None:
    """The rules that read emphasis-like delimiters scan them pandoc's way."""
    for name in ("emphasis", "strikethrough"):
        rule = next((r for r in md.inline.ruler.__rules__ if r.name == name), None)
        if rule is not None:
            md.inline.ruler.at(name, _scanning_as_pandoc(rule.fn), {"alt": rule.alt})


def _scanning_as_pandoc(tokenize):
    def rule(state, silent: bool) -> bool:
        if "scanDelims" not in vars(state):  # once for each inline run
            state.scanDelims = lambda start, split: scan(state, start, split)
        return tokenize(state, silent)
    return rule


def scan(state, start: int, can_split_word: bool) -> Scanned:
    """markdown-it's StateInline.scanDelims, but with pandoc's whitespace."""
    src, end, marker = state.src, state.posMax, state.src[start]
    pos = start
    while pos < end and src[pos] == marker:
        pos += 1
    last = src[start - 1] if start > 0 else " "
    next_ = src[pos] if pos < end else " "
    if last == " " and _escaped(src, start - 1):
        last = "\u00a0"  # `\ `: pandoc's no-break space
    last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
    next_punct = isMdAsciiPunct(ord(next_)) or isPunctChar(next_)
    last_space, next_space = last in _SPACE, next_ in _SPACE
    left = not (next_space or (next_punct and not (last_space or last_punct)))
    right = not (last_space or (last_punct and not (next_space or next_punct)))
    # `_` inside a word neither opens nor closes; a no-break space ends a word
    last_apart, next_apart = last_punct or last.isspace(), next_punct or next_.isspace()
    can_open = left and (can_split_word or not right or last_apart)
    can_close = right and (can_split_word or not left or next_apart)
    return Scanned(can_open, can_close, pos - start)


def _escaped(src: str, at: int) -> bool:
    """Whether src[at] follows an odd run of backslashes."""
    n = at
    while n > 0 and src[n - 1] == "\\":
        n -= 1
    return (at - n) % 2 == 1
