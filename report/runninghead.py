"""The running head's type size: the text's 12 pt, or a little less for a
head too wide to stand on one line across from the page number.

APA allows 50 characters (§2.18), and 50 wide capitals ("MMMMM WWWWW …")
run past the 6.5-in line at 12 pt: wrapped, the head takes two lines and
runs into the number. Measured here with the brief's font, a head that
does not fit is set just small enough to; styles/brief.css gives it the
line less the page number's box.
"""

from __future__ import annotations

import math

from . import STYLES

SIZE = 12.0                      # brief.css: @top-left's font
NUMBER_BOX = 36.0                # brief.css: @top-right's width, 0.5 in
MARGINS = 144.0                  # brief.css: @page's margin, 1 in either side
PAGE_WIDTHS = {"letter": 612.0, "a4": 595.28}
SLACK = 0.98                     # rounding and kerning WeasyPrint may do otherwise
_FACE = STYLES / "fonts" / "LiberationSerif-Regular.ttf"


def size(head: str, papersize: str) -> float:
    """The size, in pt, at which `head` fits its box on one line."""
    room = (PAGE_WIDTHS.get(papersize, PAGE_WIDTHS["letter"]) - MARGINS - NUMBER_BOX) * SLACK
    wide = width(head, SIZE)
    if wide <= room:
        return SIZE
    return math.floor(SIZE * room / wide * 4) / 4  # in quarter points, down


def width(text: str, size: float) -> float:
    """`text`'s width at `size`; a character the font lacks (another font
    sets it) counted an em wide, the widest it is likely to be."""
    from .textfit import cmap, text_width
    covered = cmap(_FACE)
    missing = sum(1 for c in text if ord(c) not in covered and not c.isspace())
    kept = "".join(c for c in text if ord(c) in covered or c.isspace())
    return text_width(kept, size, _FACE) + missing * size
