"""Measuring text with the real font files, so slides never overflow.

PowerPoint's autofit only shrinks text when a person next edits it
(python-pptx #715, #1021; pandoc #10618), so the deck's layout is decided
here, at build time, from the advance widths of the very fonts it names
(Liberation Sans has Arial's metrics, so PowerPoint lays it out the same).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Font:
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def face(self, bold: bool, italic: bool) -> Path:
        return {(False, False): self.regular, (True, False): self.bold,
                (False, True): self.italic, (True, True): self.bold_italic}[(bold, italic)]


@lru_cache(maxsize=16)
def _metrics(path: Path):
    from fontTools.ttLib import TTFont
    font = TTFont(str(path), lazy=True)
    return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


def text_width(text: str, size: float, face: Path) -> float:
    """The advance width of `text` at `size` points, in points."""
    cmap, hmtx, units = _metrics(face)
    fallback = hmtx.get(cmap.get(ord("n"), ".notdef"), (units // 2, 0))[0]
    total = 0
    for char in text:
        glyph = cmap.get(ord(char))
        total += hmtx[glyph][0] if glyph in hmtx else fallback
    return total * size / units


@dataclass
class Piece:
    """A run of text in one face; what a line is made of."""
    text: str
    bold: bool = False
    italic: bool = False


def wrap(pieces: list[Piece], size: float, width: float, font: Font,
         first_indent: float = 0.0, indent: float = 0.0) -> int:
    """How many lines the pieces take in a box `width` points wide.

    Greedy line breaking at spaces, as PowerPoint and browsers do; a word
    longer than a line (a URL) breaks where it must.
    """
    words = _words(pieces)
    lines, used, limit = 1, 0.0, width - first_indent
    for word, face, space in words:
        w = text_width(word, size, font.face(*face))
        gap = text_width(" ", size, font.face(*face)) if space and used else 0.0
        if used and used + gap + w > limit:
            lines, used, limit = lines + 1, 0.0, width - indent
            gap = 0.0
        while w > limit:  # a word wider than the line: it breaks anywhere
            lines += 1
            w -= limit
            limit = width - indent
        used += gap + w
    return lines


def _words(pieces: list[Piece]):
    """(word, (bold, italic), preceded_by_space) for every word of the pieces."""
    out, pending_space = [], False
    for piece in pieces:
        for token in re.split(r"(\s+)", piece.text):
            if not token:
                continue
            if token.isspace():
                pending_space = True
                continue
            if out and not pending_space:
                # a word that continues across a change of face
                word, face, space = out[-1]
                out[-1] = (word + token, face, space)
            else:
                out.append((token, (piece.bold, piece.italic), pending_space))
            pending_space = False
    return out
