"""The widths of Quarto's `.column` divs on a slide, `::: {.column width="40%"}`:
each a share of the body's width, as reveal.js sets them (CSS percentages
of the slide). A column without a width shares what the others leave, in
equal parts; widths over 100% in all are scaled down to fit, with a warning."""

from __future__ import annotations

import re

from .errors import warn
from .model import Position

_PERCENT = re.compile(r"(\d+(?:\.\d*)?|\.\d+)\s*%")
_SLACK = 1e-9  # 33.33% + 33.33% + 33.34% is 100%, whatever the floats say


def width_of(value, where: Position) -> float | None:
    """A `.column`'s `width` as a share of the body's width (0.4 for
    "40%"); None for none, and, with a warning, for one not in percent."""
    if value is None:
        return None
    match = _PERCENT.fullmatch(str(value).strip())
    if match and float(match[1]) > 0:
        return float(match[1]) / 100
    warn(f"a column's width is read in percent of the slide's width (width=\"40%\"); "
         f"'{value}' is set aside: the column shares what the others leave",
         where.path, where.line, where.column)
    return None


def shares(widths: list[float | None], where: Position) -> list[float] | None:
    """Each column's share of the body's width, from those `widths` give
    (None where none is given); None where none is: then all share alike."""
    if all(w is None for w in widths):
        return None
    given = sum(w for w in widths if w is not None)
    free = sum(w is None for w in widths)
    # What the given widths leave; none left, a free column takes an equal share.
    each = (1 - given) / free if free and given < 1 - _SLACK else 1 / len(widths)
    out = [each if w is None else w for w in widths]
    total = sum(out)
    if total > 1 + _SLACK:
        warn(f"the columns' widths add up to {total * 100:.4g}% of the slide, over "
             "100%: they are scaled down to fit; give widths that add up to 100% or less",
             where.path, where.line, where.column)
        out = [w / total for w in out]
    return out
