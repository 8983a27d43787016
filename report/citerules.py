"""Pandoc's citations in the text, as markdown-it inline rules: a bracketed
cluster `[see @a, p. 3; @b]`, a narrative `@key` with its `[p. 3]`, and
`-@key` (the year alone). Each becomes a `cite` token holding its items
(report/citesyntax.py reads their prefixes, locators and suffixes) and the
citation as written, so the reader can say where it stands.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from . import citesyntax, crossref, fancylists


def register(md: MarkdownIt) -> None:
    # Before links: a cluster's brackets would otherwise be a link's text.
    md.inline.ruler.before("link", "cite_bracket", _cite_bracket)
    md.inline.ruler.before("link", "cite_narrative", _cite_narrative)


def _cite_bracket(state: StateInline, silent: bool) -> bool:
    """`[prefix @key, locator suffix; ...]`: a parenthetical cluster."""
    if state.src[state.pos] != "[" or "@" not in state.src[state.pos:]:
        return False
    end = state.md.helpers.parseLinkLabel(state, state.pos, True)
    if end < 0 or state.src[end + 1:end + 2] in ("(", "[", "{"):  # a link or a span
        return False
    content = state.src[state.pos + 1:end]
    items = citesyntax.parse_cluster(content)
    if items is None:
        return False
    if not silent:
        _push_cite(state, items, False, state.src[state.pos:end + 1])
    state.pos = end + 1
    return True


# The bracket after a narrative citation: right after the key ("@key[p. 3]",
# as pandoc reads it), past a space, or past the end of its line, as an
# editor that wraps lines leaves it ("@key\n[p. 3]"); a footnote's mark
# ("@key [^1]") is no locator, nor is a span ("@key [words]{.smallcaps}").
_NARRATIVE_BRACKET = re.compile(r"[ \t]*\n?[ \t]*\[(?!\^)([^\[\]]*)\](?![(\[{])")


def _cite_narrative(state: StateInline, silent: bool) -> bool:
    """`@key` or `@key [p. 3]`: the author named in the sentence; `-@key`
    (pandoc's suppress-author citation out of brackets): the year alone."""
    pos = state.pos
    if pos and state.src[pos - 1].isalnum():
        return False  # "foo@bar", and "foo-@bar" cites after its "foo-"
    minus = state.src.startswith("-@", pos)
    if state.src[pos] != "@" and not minus:
        return False
    match = citesyntax.NARRATIVE.match(state.src, pos + minus)
    if not match:
        return False
    number = fancylists.example_number(state.env, match["bkey"] or match["key"])
    if number:  # `@good`, `-@good`: an example's label prints its number, as in pandoc
        if not silent:
            state.push("text", "", 0).content = "-" * minus + str(number)
        state.pos = match.end()
        return True
    if not minus and pos and state.src[pos - 1] == ".":
        return False  # pandoc's "x.@key" is text; its "foo-@key" and "x_@key" cite
    items = [citesyntax.CiteItem(key=match["bkey"] or match["key"], suppress_author=minus)]
    end = match.end()
    bracket = _NARRATIVE_BRACKET.match(state.src, end)
    held = bracket and citesyntax.narrative_bracket(bracket[1])
    # Its locator and words, and a cluster joined to it, "@a [see @b; @c]"
    # (one citation, as pandoc reads it), unless that refers to a figure.
    if held and not any(crossref.is_label(i.key) for i in items + held[1]):
        (items[0].locator, items[0].suffix, tags), joined = held
        citesyntax.tagged(items[0], tags)
        items += joined
        end = bracket.end()
    if not silent:
        _push_cite(state, items, not minus, state.src[pos:end])
    state.pos = end
    return True


def _push_cite(state: StateInline, items, narrative: bool, source: str) -> None:
    token = state.push("cite", "", 0)
    token.meta = {"items": items, "narrative": narrative, "source": source,
                  "offset": state.pos}
