"""APA begins each kind of note under a table or figure on a line of its own
(§7.14): the general note ("*Note.* …"), then specific notes ("^a^ …"),
then probability notes ("\\**p* < .05."). A note paragraph written so, one
kind to a source line, prints so; pandoc joins the lines with a space."""

from __future__ import annotations

import re

from markdown_it.token import Token

from . import labels

_MARKS = re.compile(r"[*†‡]+\s*")  # the marks before a probability note's *p*


def notes_on_lines(tokens: list[Token]) -> None:
    """In a note paragraph's inline `tokens`, a line break before a line that
    opens another note becomes a hard one (in place); any other paragraph's
    are left as they are."""
    if not _opens_note(tokens, 0, first=True):
        return
    depth = 0
    for i, token in enumerate(tokens):
        depth += token.nesting
        if token.type == "softbreak" and depth == 0 and _opens_note(tokens, i + 1):
            token.type = "hardbreak"


def _opens_note(tokens: list[Token], i: int, first: bool = False) -> bool:
    """Whether the tokens from `i` open a specific or probability note, or
    (`first`) a general one."""
    head = tokens[i:i + 3]
    kinds = [t.type for t in head]
    if kinds[:1] == ["sup_open"]:  # "^a^": one letter
        return len(head) > 1 and len(head[1].content.strip()) == 1
    if kinds[:2] == ["text", "em_open"] and _MARKS.fullmatch(head[0].content):
        return True
    return first and kinds == ["em_open", "text", "em_close"] and \
        head[1].content.strip() in labels.note_labels()
