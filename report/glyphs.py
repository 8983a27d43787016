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

The brief does not print the `::: slide` and `::: notes` divs: it names the
first place it does print the character. The deck is drawn by PowerPoint
or LibreOffice, not here: its text is checked against the deck's fonts and
the fonts fontconfig knows, where LibreOffice (and the handout) fall back.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from bisect import bisect_right
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from .errors import warn
from .model import Document, Notes, Slide, plain_text

_NOTDEF = ".notdef glyph rendered for Unicode string unsupported by fonts"
_LISTED = 5  # the other characters named in the warning, at most


@contextmanager
def blank_characters(doc: Document, prints_slides: bool = True):
    """While the block writes `doc` as PDF, note the characters drawn blank;
    warn of them once it has written it. `prints_slides`: whether the PDF
    shows the `::: slide` and `::: notes` divs (the handout's slides do)."""
    import logging  # here: the deck, which needs none, is built in a hurry
    heard = _heard()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(heard)
    try:
        yield
    finally:
        logger.removeHandler(heard)
    if heard.characters:
        _warn(doc, list(heard.characters), [] if prints_slides else _slide_lines(doc.blocks))


def _heard():
    """A logging handler that keeps the characters WeasyPrint drew as
    .notdef, in the order it drew them (`characters`)."""
    import logging

    class Heard(logging.Handler):
        def __init__(self):
            super().__init__(logging.WARNING)
            self.characters: dict[str, None] = {}  # a set that keeps its order

        def emit(self, record: logging.LogRecord) -> None:
            if record.msg.startswith(_NOTDEF) and len(record.args) == 2:
                self.characters[chr(record.args[1])] = None

    return Heard()


def _warn(doc: Document, characters: list[str], skipped=()) -> None:
    """One warning: the first character in the source, where it is, and the
    others after it; not in the `skipped` lines (path, first, last)."""
    places = {c: _place(doc, c, skipped) for c in characters}
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


def _place(doc: Document, character: str, skipped=()):
    """((the file's rank, offset), file, line, column) of the first
    `character` in the article, or else in its bibliography, outside the
    `skipped` lines; None if in neither (a character escaped in JSON, made
    by the citation style)."""
    for rank, path in enumerate([doc.path, *doc.meta.bibliography]):
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        offset = text.find(character)
        while offset >= 0:
            start = text.rfind("\n", 0, offset) + 1
            line = text.count("\n", 0, offset) + 1
            if not any(Path(at) == Path(path) and first <= line <= last
                       for at, first, last in skipped):
                return (rank, offset), path, line, offset - start + 1
            offset = text.find(character, offset + 1)
    return None


def _slide_lines(blocks) -> list[tuple[Path, int, int]]:
    """(file, first line, last line) of every `::: slide` and `::: notes`
    div among `blocks`, at any depth: the text the brief leaves out."""
    out = []
    for block in blocks:
        if isinstance(block, (Slide, Notes)) and block.position and block.lines:
            out.append((block.position.path, *block.lines))
        elif isinstance(getattr(block, "blocks", None), list):
            out += _slide_lines(block.blocks)
        elif isinstance(getattr(block, "items", None), list):
            out += _slide_lines(b for item in block.items if isinstance(item, list)
                                for b in item)
    return out


def _around(doc: Document, character: str, wide: int = 20) -> str:
    """The text around `character` in the reference list, where a citation
    style may have put it, or just the character."""
    for reference in doc.references:
        text = plain_text(reference.rendered)
        at = text.find(character)
        if at >= 0:
            return text[max(0, at - wide):at + wide].strip()
    return character


# --- the deck -------------------------------------------------------------------

def unshown_on_slides(doc: Document, text: str, faces: list[Path]) -> None:
    """Warn of the characters of a deck's slides (`text`: shown) that neither
    the deck's font files (`faces`) nor any font fontconfig knows has:
    PowerPoint and LibreOffice draw them blank (or as boxes), saying nothing."""
    from .textfit import cmap
    own = [cmap(face) for face in faces]  # as the layout read them: no second reading
    fallen_back = [c for c in dict.fromkeys(text)
                   if _drawn(c) and not any(ord(c) in cmap for cmap in own)]
    covered = _covered() if fallen_back else None  # fontconfig asked only then
    if covered is None:  # nothing to ask, or no fontconfig: say nothing rather than guess
        return
    missing = [c for c in fallen_back if not in_ranges(covered, ord(c))]
    if missing:
        _warn(doc, missing)


_SHOWN = re.compile(r"ppt/(?:slides/slide|charts/chart)\d+\.xml")


def shown(parts) -> str:
    """Every character a deck's slides show, from its `parts` as saved ((zip
    name, XML element) each, in the zip's order): their text (a:t) and their
    charts' (a:t, c:v); the written deck's rather than its layout's, which
    planned again would warn again of all it warned of."""
    return "".join(element.text or "" for name, tree in parts if _SHOWN.fullmatch(name)
                   for element in tree.iter("{*}t", "{*}v"))


def _drawn(character: str) -> bool:
    """Whether a character is drawn with a glyph of its own: not a space,
    a control, nor a format character or variation selector (ZWJ, U+FE0F)
    that shapes the characters around it."""
    category = unicodedata.category(character)
    return not (category[0] == "Z" or category in ("Cc", "Cf")
                or 0xFE00 <= ord(character) <= 0xFE0F or 0xE0100 <= ord(character) <= 0xE01EF)


@lru_cache(maxsize=1)
def _covered() -> tuple[list[int], list[int]] | None:
    """The code points some installed font has, as sorted ranges (starts,
    ends), from fontconfig, which LibreOffice and Pango fall back through;
    None without fc-list. One call lists every font's (17 ms for 150)."""
    listed = _fontconfig("fc-list", "--format=%{charset}\n")
    return None if listed is None else _ranges(listed)


def fallback_fonts(pattern: str) -> list[tuple[Path, int, tuple[list[int], list[int]]]]:
    """The installed fonts LibreOffice and Pango fall back through from the
    face fontconfig calls `pattern`, best first: (file, face in the file,
    its code points as ranges). A character is drawn from the first that
    has it. One call for a face (7 ms); none without fontconfig."""
    listed = _fontconfig("fc-match", "-s", "--format=%{file}\t%{index}\t%{charset}\n",
                         pattern)
    out = []
    for line in (listed or "").splitlines():
        file, index, charset = (line.split("\t") + ["", ""])[:3]
        if file and index.isdigit():
            out.append((Path(file), int(index), _ranges(charset)))
    return out


def _fontconfig(tool: str, *arguments: str) -> str | None:
    import subprocess
    found = shutil.which(tool)
    if not found:
        return None
    try:
        return subprocess.run([found, *arguments], capture_output=True, text=True,
                              timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def _ranges(charsets: str) -> tuple[list[int], list[int]]:
    """fontconfig's charsets ("20-7e a0-17f ...") as merged sorted ranges."""
    ranges = sorted((int(lo, 16), int(hi or lo, 16)) for lo, _, hi in
                    (token.partition("-") for token in charsets.split()))
    starts, ends = [], []
    for lo, hi in ranges:
        if ends and lo <= ends[-1] + 1:
            ends[-1] = max(ends[-1], hi)
        else:
            starts.append(lo)
            ends.append(hi)
    return starts, ends


def in_ranges(ranges: tuple[list[int], list[int]], point: int) -> bool:
    starts, ends = ranges
    at = bisect_right(starts, point) - 1
    return at >= 0 and point <= ends[at]
