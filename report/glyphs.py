"""Characters no installed font has, named where the author wrote them.

Pango falls back from the brief's fonts to any font fontconfig knows; a
character none of them has comes back as an unknown glyph, and WeasyPrint
draws it as the font's .notdef, blank in the subsets it embeds. It says so
only to its logger, which no one hears ("weasyprint" has a NullHandler):
this listens while a PDF is written, which costs nothing until a character
is missing, and then warns of the first in the source, at its line and
column.

Pinned to WeasyPrint 70.0 (report/pdffixes.py checks the version): the
warning draw/text.py logs for each unknown glyph it draws, with the
character and its code point as arguments.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

from .errors import warn
from .model import Document, plain_text

_NOTDEF = ".notdef glyph rendered for Unicode string unsupported by fonts"
_LISTED = 5  # the other characters named in the warning, at most


@contextmanager
def blank_characters(doc: Document):
    """While the block writes `doc` as PDF, note the characters drawn blank;
    warn of them once it has written it."""
    heard = _Heard()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(heard)
    try:
        yield
    finally:
        logger.removeHandler(heard)
    if heard.characters:
        _warn(doc, list(heard.characters))


class _Heard(logging.Handler):
    """The characters WeasyPrint drew as .notdef, in the order it drew them."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.characters: dict[str, None] = {}  # a set that keeps its order

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg.startswith(_NOTDEF) and len(record.args) == 2:
            self.characters[chr(record.args[1])] = None


def _warn(doc: Document, characters: list[str]) -> None:
    """One warning: the first character in the source, where it is, and the
    others after it."""
    places = {c: _place(doc, c) for c in characters}
    characters.sort(key=lambda c: places[c][0] if places[c] else (float("inf"), 0))
    first, rest = characters[0], characters[1:]
    named = f"'{first}' (U+{ord(first):04X})"
    if rest:
        others = ", ".join(f"'{c}' U+{ord(c):04X}" for c in rest[:_LISTED])
        more = ", …" if len(rest) > _LISTED else ""
        message = (f"no font has {named}, nor {len(rest)} more character"
                   f"{'s' if len(rest) > 1 else ''} ({others}{more}): they print as blank; "
                   "install a font that covers them")
    else:
        message = f"no font has {named}: it prints as blank; install a font that covers it"
    if places[first]:
        _, path, line, column = places[first]
        warn(message, path, line, column)
    else:
        warn(f"{message} (in '{_around(doc, first)}')", doc.path)


def _place(doc: Document, character: str):
    """((the file's rank, offset), file, line, column) of the first
    `character` in the article, or else in its bibliography; None if in
    neither (a character escaped in JSON, made by the citation style)."""
    for rank, path in enumerate([doc.path, *doc.meta.bibliography]):
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        offset = text.find(character)
        if offset >= 0:
            start = text.rfind("\n", 0, offset) + 1
            return (rank, offset), path, text.count("\n", 0, offset) + 1, offset - start + 1
    return None


def _around(doc: Document, character: str, wide: int = 20) -> str:
    """The text around `character` in the reference list, where a citation
    style may have put it, or just the character."""
    for reference in doc.references:
        text = plain_text(reference.rendered)
        at = text.find(character)
        if at >= 0:
            return text[max(0, at - wide):at + wide].strip()
    return character
