"""Measuring text with the real font files, so slides never overflow.

PowerPoint's autofit only shrinks text when a person next edits it
(python-pptx #715, #1021; pandoc #10618), so the deck's layout is decided
here, at build time, from the advance widths of the very fonts it names
(Liberation Sans has Arial's metrics, so PowerPoint lays it out the same).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import NamedTuple

from .bidi import MARKS

# PowerPoint and LibreOffice put lines of text 1.2 em apart at 100% line
# spacing whatever the font's own ascent and descent (measured on
# LibreOffice 7.4's PDF of a pptx: 1.200 em for Liberation Sans and Carlito
# alike); a percentage spacing scales that pitch, adding the extra above
# each line, so a line's baseline always sits 0.2 em above its foot.
LINE_PITCH = 1.2
BASELINE_TO_FOOT = 0.2
# Liberation Sans' descender (0.212 em) reaches that little further below
# the last line's foot: a box holds it too.
DESCENDER = 0.212
# LibreOffice rounds every glyph's position, so a line it sets comes out up
# to 0.25% wider or narrower than its kerned advance widths add up to
# (measured on this project's decks). Lines are filled to this share of a
# box's width, so that rounding never pushes a word onto a line the layout
# did not count.
FILL = 0.995


@dataclass(frozen=True)
class Font:
    """The files of a font's four faces (and of the code font), whose widths are measured."""
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path
    code: Path | None = None  # code in the text (`x`), monospaced: its widths in every face

    def __post_init__(self):
        # Hashed once: the layout's measures are remembered by the font, 2,000
        # look-ups a deck, and hashing its five Paths takes five calls in Python.
        object.__setattr__(self, "_hash", hash((self.regular, self.bold, self.italic,
                                                self.bold_italic, self.code)))

    def __hash__(self) -> int:
        return self._hash

    def face(self, bold: bool, italic: bool, code: bool = False) -> Path:
        if code:
            return self.code
        if bold:
            return self.bold_italic if italic else self.bold
        return self.italic if italic else self.regular


def line_height(size: float, spacing: float = 1.0) -> float:
    """The pitch of lines of `size` points at `spacing` (1.0 = single)."""
    return size * spacing * LINE_PITCH


def block_height(count: int, size: float, spacing: float = 1.0) -> float:
    """The height of `count` lines, down to the last one's descenders."""
    return count * line_height(size, spacing) + size * (DESCENDER - BASELINE_TO_FOOT)


def load(font: Font) -> None:
    """Read the metrics of `font`'s faces now rather than at the first word."""
    for face in (font.regular, font.bold, font.italic, font.bold_italic, font.code):
        if face:
            _metrics(face)


def cmap(face: Path) -> dict[int, str]:
    """The code points the font file `face` has a glyph for (to its glyph)."""
    return _metrics(face).cmap


@lru_cache(maxsize=16)
def _metrics(path: Path):
    from . import fontmetrics
    return fontmetrics.read(path)


def text_width(text: str, size: float, face: Path) -> float:
    """The advance width of `text` at `size` points, in points, kerned.

    PowerPoint kerns text from 12 pt up (the master's kern="1200") and
    LibreOffice always does; both with the font's pair kerning, which for
    Latin text in Liberation Sans is its `kern` table (the same pairs as its
    GPOS kern lookup for the latn script).
    """
    units, per_em = _units(text, face)
    return units * size / per_em


# Small capitals are capitals at this share of the size: LibreOffice's
# (editeng's SMALL_CAPS_PERCENTAGE), which the deck is measured against.
SMALL_CAPS = 0.8


def _width(text: str, size: float, font: Font, face: tuple) -> float:
    """`text`'s width in a face (bold, italic, code, small caps): in small
    caps, its lowercase letters are capitals, smaller."""
    path = font.face(*face[:3])
    if not face[3]:
        return text_width(text, size, path)
    return sum(text_width(run.upper(), size * SMALL_CAPS, path) if lower
               else text_width(run, size, path)
               for lower, run in ((k, "".join(g)) for k, g in groupby(text, str.islower)))


@lru_cache(maxsize=1 << 16)  # bounded: `report watch` rebuilds in one process
def _units(text: str, face: Path) -> tuple[int, int]:
    """The kerned advance width of `text` in font units, whatever the size:
    the layout measures the same words at several sizes while it fits them;
    and the face's units per em, with it (one cache lookup a measure, not two)."""
    cmap, advances, units, kerning, _ = _metrics(face)
    total, previous, asian = 0, None, None
    for char in text:
        if char in MARKS or char == "\u200b":  # bidi's marks (report/bidi.py), a
            continue                           # zero-width space: they take no room
        glyph = cmap.get(ord(char))
        total += advances[glyph] if glyph in advances else _missing(char, face)
        total += kerning.get((previous, glyph), 0)
        previous = glyph
        now = char >= "\u1100" and _asian(char)  # most text: no lookup
        if asian is not None and now != asian:
            total += round(AUTOSPACE * units)
        asian = now
    return total, units


# LibreOffice puts space between Asian text and any other, on either side
# (its paragraphs' "autospace", on in a pptx it opens): a fifth of the font's
# line pitch, 0.24 em (editeng; measured: 4.7-4.9 pt at 20 pt, "郎 ,",
# "2020 年 )", ". 睡"). PowerPoint adds none: the layout allows for it.
AUTOSPACE = 0.24
# The Asian scripts' blocks, first and last code point: Hangul Jamo, CJK
# radicals to ideographs, Yi, Hangul syllables, compatibility ideographs and
# forms, full and half widths, the supplementary ideographs. Looked up by
# bisection, not a character class, which takes 2 ms to compile.
ASIAN_BLOCKS = ((0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x2FF0, 0x9FFF), (0xA000, 0xA4CF),
                (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
                (0x20000, 0x3FFFF))
_ASIAN_FIRSTS = [first for first, _ in ASIAN_BLOCKS]


def _asian(char: str) -> bool:
    """Whether `char` is in one of ASIAN_BLOCKS."""
    at = bisect_right(_ASIAN_FIRSTS, ord(char)) - 1
    return at >= 0 and ord(char) <= ASIAN_BLOCKS[at][1]


@lru_cache(maxsize=1 << 12)
def _missing(char: str, face: Path) -> int:
    """The width, in `face`'s units, of a character `face` has no glyph
    for: LibreOffice and WeasyPrint draw it from the first font fontconfig
    falls back to that has it (a CJK font's ideographs, DejaVu's ★, 1 em
    or so, not the 0.56 of an "n"). A character no font has is drawn as a
    box: an "n" wide, as the layout always took it."""
    cmap, advances, units, _, pattern = _metrics(face)
    from . import fontmetrics
    from .glyphs import in_ranges
    for path, index, ranges in _fallbacks(pattern):
        if in_ranges(ranges, ord(char)):
            widths = fontmetrics.widths(path, index)
            if widths is None:  # a font fontTools cannot read (Type 1): the old guess
                break
            advance = widths.others.get(ord(char), widths.common)
            return round(advance * units / widths.units)
    return advances.get(cmap.get(ord("n"), ".notdef"), units // 2)


@lru_cache(maxsize=16)
def _fallbacks(pattern: str) -> list:
    """The fonts fontconfig falls back through from the face `pattern`
    names: asked once a face, and only for a text that needs them."""
    from .glyphs import fallback_fonts
    return fallback_fonts(pattern) if pattern else []


class Piece(NamedTuple):
    """A run of text in one face; what a line is made of. A named tuple: the
    layout makes a few thousand a deck, and its measures are remembered by
    them (made and hashed in C, where a frozen dataclass does both in Python)."""
    text: str
    bold: bool = False
    italic: bool = False
    whole: bool = False  # never broken inside: LibreOffice lays a hyperlink out as
                         # one field, moved to the next line whole, spaces and all
    code: bool = False   # in the code font
    small_caps: bool = False


@dataclass
class _Word:
    """A word as lines() breaks text: where it starts and its text in each face."""
    start: int      # offset of the word in the pieces' joined text
    parts: list     # (text, face) of the word, one per change of face
    space: bool     # preceded by a space


def lines(pieces: list[Piece], size: float, width: float, font: Font,
          first_indent: float = 0.0, indent: float = 0.0, fill: float = FILL) -> list[int]:
    """Where each line starts: offsets into the pieces' joined text.

    Greedy line breaking at spaces and after hyphens and dashes, as
    PowerPoint and LibreOffice do; a word longer than a line (a URL) breaks
    where it must, between characters. Lines are filled to `fill` of the
    width: FILL, for a layout that counts lines; 1, to tell where
    LibreOffice most likely breaks them (its rounding goes either way).
    """
    return list(_lines(tuple(pieces), size, width * fill, font, first_indent, indent))


# Remembered: paginating a slide's bullets measures each paragraph again at
# every trial split (a reference slide's 26 entries, 600 times), and a watch
# plans the deck twice for each save (the deck's fingerprint, the handout's).
@lru_cache(maxsize=1 << 14)
def _lines(pieces: tuple[Piece, ...], size: float, width: float, font: Font,
           first_indent: float, indent: float) -> tuple[int, ...]:
    starts, used, limit = [0], 0.0, width - first_indent
    for word, w, space in _measured(pieces, size, font):
        if used and used + space + w > limit:
            starts.append(word.start)
            used, limit, space = 0.0, width - indent, 0.0
        if w > limit:
            used = _break_anywhere(word, size, limit, width - indent, font, starts)
            limit = width - indent
            continue
        used += space + w
    return tuple(starts)


# Remembered: a paragraph's words and spaces measure the same wherever its
# lines break, and a fit breaks it at several widths (a column's, a slide's,
# each trial split's) and looks for its widest word (_spans) at each size.
@lru_cache(maxsize=1 << 14)
def _measured(pieces: tuple[Piece, ...], size: float,
              font: Font) -> tuple[tuple[_Word, float, float], ...]:
    """Each word of the pieces, its width, and the width of the space before
    it (0 for none)."""
    out, last = [], ""
    for word in _words(pieces):
        w = sum(_width(text, size, font, face) for text, face in word.parts)
        space = _space(last, word, size, font) if word.space else 0.0
        last = word.parts[-1][0][-1]
        out.append((word, w, space))
    return tuple(out)


def _space(last: str, word: _Word, size: float, font: Font) -> float:
    """A space between words, with the kerning on either side of it."""
    first, face = word.parts[0][0][0], font.face(*word.parts[0][1][:3])
    if not last:
        return text_width(" ", size, face)
    pair, alone, after, per_em = _space_units(last, first, face)
    return pair * size / per_em - alone * size / per_em - after * size / per_em


@lru_cache(maxsize=1 << 12)
def _space_units(last: str, first: str, face: Path) -> tuple[int, int, int, int]:
    """The units of "last first", "last" and "first", and per em: one look-up
    a space, not three; _space scales each as text_width does."""
    pair, per_em = _units(last + " " + first, face)
    return pair, _units(last, face)[0], _units(first, face)[0], per_em


def widest_word(pieces: list[Piece], size: float, font: Font) -> float:
    """The width of the widest word of the pieces, a word as lines() finds
    them (across a change of face; a hyphen or dash ends one)."""
    return max((width for _, _, width in words(pieces, size, font)), default=0.0)


def words(pieces: list[Piece], size: float, font: Font) -> tuple[tuple[int, int, float], ...]:
    """(start, end, width) of each word of the pieces, as lines() finds
    them: offsets into their joined text."""
    return _spans(tuple(pieces), size, font)


# Remembered as _lines is: fitting a slide sets the same paragraphs at the
# same size again for every trial split, and each setting looks for words
# too wide for a line (slidefit.unkept).
@lru_cache(maxsize=1 << 14)
def _spans(pieces: tuple[Piece, ...], size: float,
           font: Font) -> tuple[tuple[int, int, float], ...]:
    return tuple((word.start, word.start + sum(len(part) for part, _ in word.parts), w)
                 for word, w, _ in _measured(pieces, size, font))


def wrap(pieces: list[Piece], size: float, width: float, font: Font,
         first_indent: float = 0.0, indent: float = 0.0) -> int:
    """How many lines the pieces take in a box `width` points wide."""
    return len(lines(pieces, size, width, font, first_indent, indent))


def _break_anywhere(word: _Word, size, limit, next_limit, font, starts) -> float:
    """Lay a word too long for a line (a URL) over as many lines as it takes;
    the width used on its last line. It breaks after its last slash that
    fits, else between characters: LibreOffice does one or the other, and
    the slash is never the later of the two."""
    line: list[tuple[int, float, str]] = []  # (offset, width, char) on this line
    used = 0.0  # the width of `line`
    for offset, char, face in _chars(word):
        w = _width(char, size, font, face)
        if line and used + w > limit:
            slashes = [i for i, x in enumerate(line[:-1]) if x[2] == "/"]
            cut = slashes[-1] + 1 if slashes else len(line)
            starts.append(line[cut][0] if cut < len(line) else offset)
            line, limit = line[cut:], next_limit
            used = sum(x[1] for x in line)
        line.append((offset, w, char))
        used += w
    return used


def _chars(word: _Word):
    offset = word.start
    for text, face in word.parts:
        for char in text:
            yield offset, char, face
            offset += 1


# A line may break after a space, or after a hyphen or dash inside a word
# (LibreOffice: "US-|Mexico", "114–|116"), but never after a slash, nor
# anywhere in a URL: one that does not fit moves to the next line whole,
# and breaks between characters only if it is longer than a line.
_BREAK_AFTER = ("-", "\u2010", "\u2013", "\u2014", "\u200b")
_PARTS = re.compile(r"[^\-\u2010\u2013\u2014\u200b]*[\-\u2010\u2013\u2014\u200b]+"
                    r"|[^\-\u2010\u2013\u2014\u200b]+")
_ZERO_WIDTH_PARTS = re.compile(r"[^\u200b]*\u200b+|[^\u200b]+")


# Remembered: _lines and _spans cut the same paragraph into words again at
# each size and width a fit tries (180 cuts of 65 paragraphs, the default deck).
@lru_cache(maxsize=1 << 12)
def _words(pieces: tuple[Piece, ...]) -> tuple[_Word, ...]:
    out, pending_space, offset, glued, field = [], "", 0, False, False
    for piece in pieces:
        face = (piece.bold, piece.italic, piece.code, piece.small_caps)
        # LibreOffice breaks a line between two fields (a long link's pieces,
        # slidefit.unlinked), though no space parts them.
        glued, field = glued and not (field and piece.whole), piece.whole
        for token in re.findall(_WHOLE if piece.whole else _TOKEN, piece.text):
            if token.isspace() and (piece.whole or BREAKING_SPACE.fullmatch(token)):
                pending_space, glued = token, False
                offset += len(token)
                continue
            for part in [token] if piece.whole else _breakable(token):
                if glued and not pending_space:
                    out[-1].parts.append((part, face))  # a word across a change of face
                elif pending_space and not piece.whole and _held_back(out, part):
                    out[-1].parts.append((pending_space + part, face))  # "[.12, .34]": one word
                else:
                    out.append(_Word(offset, [(part, face)], bool(pending_space)))
                pending_space = ""
                glued = not part.endswith(_BREAK_AFTER)
                offset += len(part)
    return tuple(out)


# LibreOffice never breaks a line at a space before a point or a comma
# (".34", ",5"; UAX #14's rule 13, "do not break before IS"), so "[.12,
# .34]" and "ab .03" move to the next line whole; except after a lone
# mathematical symbol: "p =" / ".015", "p <" / ".001" (measured on
# LibreOffice 7.4, also after > ≤ ≥ ≈ + × ~; not after "pq=", "5", ")" or "%").
_NO_BREAK_BEFORE = (".", ",")


def _held_back(out: list[_Word], part: str) -> bool:
    """Whether the space before `part` is no place for a line to break."""
    if not out or not part.startswith(_NO_BREAK_BEFORE):
        return False
    before = "".join(text for text, _ in out[-1].parts)
    return not (len(before) == 1 and unicodedata.category(before) == "Sm")


_WHOLE = r"^\s+|\S(?:.*\S)?|\s+$"  # a field's text: its spaces at either end, and the rest
# A word and the spaces between words; a no-break space is inside a word.
BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f]+")  # where a line may break
_TOKEN = rf"{BREAKING_SPACE.pattern}|(?:[^\s]|[\u00a0\u202f])+"


_URL = re.compile(r"^\W*(?:[a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)


def _breakable(token: str) -> list[str]:
    """A space-free token cut after each hyphen or dash, unless a URL; and
    after a zero-width space (slidefit.break_points), even in a URL."""
    if _URL.match(token):
        return _ZERO_WIDTH_PARTS.findall(token) or [token]
    return _PARTS.findall(token) or [token]
