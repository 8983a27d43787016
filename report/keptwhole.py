"""What no line of any output breaks inside: one definition for all of them.

A statistic with its sign and value ("p < .001", "< .05", "t(28) = 2.31",
"η² = .14"), an interval ("[-15.9, -10.7]"), a number that starts with its
decimal point (".001": Pango breaks after the point), "95% CI", a locator
and its number ("p. 58", "pp. 212–215", and in the article's language
"S. 58", "párr. 12"), a citation's year and the name before it
("Staff, 2025", "Gromis et al., 2022"), a span
of years ("2021–22"), a number and its unit ("24 °C", "53 %", "$4
billion"), and "et al." (no line ends on "et";
German's "u. a." has a no-break space in its CSL locale already). The
brief keeps each in a span that never breaks (htmlblocks.py) and measures
a table's words by them (tablefit.py); the deck joins its spaces with
no-break spaces, which PowerPoint, LibreOffice and textfit all keep on one
line (slidedrafts.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Emph, Subscript, Superscript, Text, plain_text
from .textfit import BREAKING_SPACE

_NUMBER = r"[-−+]?(?:\d+(?:[.,]\d+)*|\.\d+)"
_SIGN = r"[<>=≤≥≠≈±]"
_DF = r"²?(?:\([^()]{1,20}\))?"  # what may follow a statistic's symbol: "η²", "t(28)"
_PAGES = r"\d(?:[\d,:\u2013-]*\d)?"  # a locator's number or range
# What a number is counted in: the units the deck has kept with their
# number since it first did, and the words for large amounts.
_UNIT = (r"(?:%|‰|°[CF]?|[kcmµμn]?(?:m|g|s|L|l|W|Hz)|min|h|dB|[kMGT]B"
         r"|million|billion|trillion|percent|per cent)(?!\w)")
# A citation's year with the name before it ("Staff, 2025", "Gromis et al.,
# 2022"): a line that starts with "2022)" reads as a number, not a source.
# Not a narrative citation's "Cohen (1988)": the brief's PDF text lost the
# space before such a span after a note's call ("Four.4Cohen").
_YEAR = r"(?:\d{4}[a-z]?|n\.d\.)"
_NAME = r"(?<![\w.'’-])[^\W\d_][\w'’-]*"
_CITED_YEAR = (rf"(?:{_NAME}\s)?et\sal\.,\s{_YEAR}(?![\w–-])"
               rf"|{_NAME},\s{_YEAR}(?=[)\];,])")
_WHOLE = (rf"(?:(?<![\w.])[^\W\d_]{{1,2}}\d?{_DF}\s)?{_SIGN}\s?{_NUMBER}(?:\s{_UNIT})?"
          rf"|[\[(]{_NUMBER},\s?{_NUMBER}[\])]"
          rf"|(?<![\w.])\.\d+(?:\s{_UNIT})?"
          r"|\d+(?:\.\d+)?\s?%\s(?:CI|CrI|PI|HDI)\b"
          rf"|(?<![\w.,])\d+(?:[.,]\d+)*\s{_UNIT}"
          rf"|(?<![\w.])(?:pp?|paras?|chaps?|secs?|Nos?|Vols?)\.\s{_PAGES}"
          rf"|[§¶]{{1,2}}\s?{_PAGES}"  # a legal source's section or paragraph (APA §8.13)
          r"|(?<![\d.])\d{4}\u2013\d{2,4}(?!\d|\.\d)"
          rf"|{_CITED_YEAR}"
          r"|\bet\sal\.")
kept_whole = re.compile(_WHOLE)


@lru_cache(maxsize=8)
def kept_whole_in(lang: str) -> re.Pattern:
    """`kept_whole` with every locator abbreviation pandoc reads ("vol. 2",
    "fig. 3") and those of the article's language, as its CSL locale
    abbreviates them: "S. 5", "Kap. 4", "párr. 12", "cap. 3"."""
    from .citesyntax import LOCATOR_TERMS, locale_terms
    terms = sorted({form for word in [*LOCATOR_TERMS, *locale_terms(lang)] if word.endswith(".")
                    for form in (word, word[:1].upper() + word[1:])},
                   key=lambda term: (-len(term), term))  # the same pattern at every run
    return _with_terms(tuple(terms))


@lru_cache(maxsize=8)
def _with_terms(terms: tuple[str, ...]) -> re.Pattern:
    # One pattern for the languages with the same terms (en, en-US, en-GB):
    # compiled once (2 ms), while a deck's article is read (pipeline.prepare).
    own = "|".join(re.escape(term) for term in terms)
    return re.compile(rf"{_WHOLE}|(?<![\w.])(?:{own})\s{_PAGES}")


# What follows a statistic's italic symbol, kept with it: "*t*(28) = 2.31".
_after_symbol = re.compile(rf"{_DF}\s{_SIGN}\s?{_NUMBER}")


def _is_symbol(node) -> bool:
    """A statistic's italic symbol: *p*, *SD*, *η*."""
    return isinstance(node, Emph) and len(plain_text(node.children).strip()) <= 2


# A symbol at the end of a text: "η" of "$\eta_p^2$", which TeX math sets upright.
_TRAILING_SYMBOL = re.compile(r"(?<![\w.])[^\W\d_]{1,2}$")


def with_symbol(inlines: list, i: int) -> tuple[int, int, re.Match] | None:
    """A statistic's symbol at `inlines[i]`, its sub- and superscripts, and
    its sign and value in the text after them ("*p* = .013", "*R*² = .31",
    "η~p~² = .04"): (where the symbol starts in a text node, 0 for an
    italic one; the index of the text after it; the match of what is kept
    there), or None."""
    node, j = inlines[i], i + 1
    while j < len(inlines) and isinstance(inlines[j], (Subscript, Superscript)):
        j += 1
    after = inlines[j] if j < len(inlines) else None
    kept = _after_symbol.match(after.text) if isinstance(after, Text) else None
    if not kept:
        return None
    if _is_symbol(node):
        return 0, j, kept
    symbol = _TRAILING_SYMBOL.search(node.text) if isinstance(node, Text) and j > i + 1 \
        else None
    return (symbol.start(), j, kept) if symbol else None


NO_BREAK_SPACE = "\u00a0"


def joined(text: str, kept: re.Pattern, keep=lambda start, end: True) -> str:
    """`text` with the spaces inside what `kept` matches no-break spaces, in
    each match `keep(start, end)` allows (the deck's code keeps its spaces);
    as long as `text`, character for character."""
    out, at = [], 0
    for match in kept.finditer(text):
        if keep(match.start(), match.end()):
            out += [text[at:match.start()], _no_break(match.group())]
            at = match.end()
    return "".join(out) + text[at:]


def _no_break(text: str) -> str:
    return BREAKING_SPACE.sub(lambda spaces: NO_BREAK_SPACE * len(spaces.group()), text)
