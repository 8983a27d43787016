"""A hyphen that signs a number is a minus sign, in the brief and on slides.

APA sets a negative value with a minus sign (−.09, [−0.05, −0.01]), as TeX
and texmath.py set one in math; a keyboard has only the hyphen. The hyphen
signs a number where it begins the text or follows a space, an opening
bracket, a relation or a separator, and a digit (or a point and a digit)
follows it: "r = -.09", "(-3.2)", a table's cell "-0.25". Never within a
word or between numbers: "COVID-19", "pre-2000", "pp. 1-5", "2020-03-06"
keep their hyphens, nor in a URL ("?page=-1"), where it is a character of
the address.
"""

from __future__ import annotations

import re

MINUS = "\u2212"
_SIGN = re.compile(r"(?:(?<=^)|(?<=[\s(\[{=<>,;:]))-(?=\.?\d)")
_URL = re.compile(r"\S*(?:://|www\.)\S*")


def minus_signs(text: str) -> str:
    """`text` with each hyphen that signs a number a minus sign."""
    if "-" not in text:
        return text
    addresses = [m.span() for m in _URL.finditer(text)]
    return _SIGN.sub(lambda m: "-" if any(a <= m.start() < b for a, b in addresses) else MINUS,
                     text)
