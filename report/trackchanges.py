"""Word's tracked changes and comments, as `pandoc --track-changes=all`
writes them: `[words]{.insertion author=…}`, `[words]{.deletion …}`,
`[the comment]{.comment-start …}` (and the empty `.comment-end`,
`.paragraph-insertion`, `.paragraph-deletion` marks).

Pandoc's own writers print them all as text, deleted words and comments
among the article's. A brief is the finished paper: it is printed as Word
prints a document with its changes accepted and no markup, which is what
pandoc reads by default (`--track-changes=accept`): inserted words kept,
deleted words and comments left out. The first of each kind is said where
it stands, as the author may have wanted the changes seen or still to
decide on them.
"""

from __future__ import annotations

import weakref

from .errors import warn
from .model import Position

# class → (printed, what is done with it)
_KINDS = {
    "insertion": (True, "an insertion tracked in Word, printed"),
    "deletion": (False, "a deletion tracked in Word, left out"),
    "comment-start": (False, "a Word comment, left out"),
    "paragraph-insertion": (True, "a paragraph break inserted in Word, kept"),
    "paragraph-deletion": (True, "a paragraph break deleted in Word, not made: the two "
                           "paragraphs print apart"),
}
_SILENT = {"comment-end"}  # the end of a comment: nothing of its own
_said: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # reader → kinds said


def read(node, token, reader, lines: list[str], where: Position | None):
    """A span's node (`node`, made from markdown-it's span_open `token`)
    as printed: none for a deletion or a comment. `reader` reads one
    article; `where` is its paragraph, `lines` the article's."""
    classes = str(token.attrGet("class") or "").split()
    kind = next((c for c in classes if c in _KINDS or c in _SILENT), None)
    if kind is None:
        return node
    if kind in _KINDS:
        said = _said.setdefault(reader, set())
        if kind not in said:
            said.add(kind)
            _warn(kind, lines, where)
    return node if kind in _SILENT or _KINDS[kind][0] else []


def _warn(kind: str, lines: list[str], where: Position | None) -> None:
    line, column = _place(f".{kind}", lines, where)
    warn(f"{_KINDS[kind][1]}: the .docx was converted with pandoc --track-changes=all, and the "
         "brief prints its changes as accepted, without comments (said once for each kind); "
         "convert it with pandoc's default, --track-changes=accept, once you have accepted or "
         "rejected the changes in Word", where and where.path, line, column)


def _place(text: str, lines: list[str], where: Position | None):
    """(line, column) of `text` on the paragraph's lines (its attributes may
    close a line or more below where it starts), else the paragraph's."""
    if where is None:
        return None, None
    for n in range(where.line - 1, len(lines)):
        at = lines[n].find(text)
        if at >= 0:
            return n + 1, at + 1
        if n > where.line - 1 and not lines[n].strip():
            break
    return where.line, where.column
