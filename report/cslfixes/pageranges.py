"""page-range-format as CSL 1.0.2 and citeproc-js have it, for pages and locators.

citeproc-py's "expanded" left a short last page short ("114–26", where APA
§9.25 writes "114–126"), its minimal forms cut pages of unlike lengths
("1–0"), and a locator's range took an en dash in any language.
"""

from __future__ import annotations

import re

from citeproc import model


# CSL 1.0.2, page-range-format="expanded" (apa.csl; APA §9.25 writes page
# ranges in full, "114–126"): a last page given short is written out, as
# citeproc-js does, for the `page` variable and for a locator of pages
# ("pp. 120-5" → "pp. 120–125"). citeproc-py printed "114–26": its
# "expanded" returned the last page as written.
# A time or a decimal ("3:12-4:05", "1:02:10-1:03:00", "3.12-4.05") is one
# number, no page to expand: read as pages, its parts printed "3:12–14:05".
# Such a range gets its en dash alone, as pandoc prints it.
_PAGE = re.compile(r"^([0-9]*[A-Za-z]+0*)?([0-9]+[a-z]*)$")
_PAGE_NUMBER = r"(?:\d+(?:[:.]\d+)+|(?:[0-9]*[A-Za-z]+0*)?[0-9]+[a-z]*)"
_PAGE_RANGE = re.compile(rf"(?<!\w)(?<!\d[:.])({_PAGE_NUMBER})\s*([-\u2013])\s*"
                         rf"({_PAGE_NUMBER})(?![:.]\d)")
_LEADING = re.compile(r"\d+")


def expand_last_page(first: str, last: str) -> str:
    """The last page of first–last written out (citeproc-js's `expand`):
    "114", "26" → "126"; "e114", "e26" → "e126"; anything else as given:
    pages with unlike prefixes, "e114-26", "N110-P5", as both engines
    print them (we printed "e114–e126", "N110–N115", "n11564–n11568")."""
    begin, end = _PAGE.match(first), _PAGE.match(last)
    if not begin or not end or end[1] != begin[1]:
        return last
    number = end[2]
    if len(number) < len(begin[2]):
        number = begin[2][:len(begin[2]) - len(number)] + number
    if int(_LEADING.match(begin[2]).group()) < int(_LEADING.match(number).group()):
        return (begin[1] or "") + number
    return last


# The other formats shorten the last page as citeproc-js does
# (PageRangeMangler): written out first, then its leading digits that the
# first page shares taken off, but for two in minimal-two ("107–08") and
# by CMOS's rules in chicago ("321–28", chicago-16's "1496–504"); a letter
# that both pages begin with is printed once ("A1–12"). Pages of unlike
# lengths keep every digit: citeproc-py printed "1–20" as "1–0" in
# minimal-two, "1–12" as "1–2" in minimal. No format: as written ("321–28").
def shortened_last_page(first: str, last: str, form: str | None) -> str:
    """The last page of first–last in page-range-format `form`."""
    full = expand_last_page(first, last)
    if not form:
        return last
    if full == last and not _rising(first, last):
        return last  # not a range of pages citeproc-js reads as one
    begin, number = _PAGE.match(first)[2], _PAGE.match(full)[2]
    if form in ("minimal", "minimal-two"):
        return _minimized(begin, number, 2 if form == "minimal-two" else 0)
    if form in ("chicago", "chicago-15", "chicago-16"):
        return _chicago(begin, number, form == "chicago-16")
    return full


def _rising(first: str, last: str) -> bool:
    begin, end = _PAGE.match(first), _PAGE.match(last)
    return bool(begin and end and end[1] == begin[1]
                and int(_LEADING.match(begin[2])[0]) < int(_LEADING.match(end[2])[0]))


def _minimized(begin: str, end: str, keep: int) -> str:
    """`end` without the leading digits it shares with `begin`, but `keep`."""
    if len(begin) != len(end):
        return end
    shared = next((n for n, (b, e) in enumerate(zip(begin, end)) if b != e), len(end))
    return end[min(shared, max(len(end) - keep, 0)):]


def _chicago(begin: str, end: str, sixteenth: bool) -> str:
    """CMOS's abbreviated last page ("321–28"), as citeproc-js's chicago15
    and chicago16 write it."""
    first, last = int(_LEADING.match(begin)[0]), int(_LEADING.match(end)[0])
    if sixteenth:
        if first > 100 and first % 100:
            for digits in range(2, len(str(last))):
                if first // 10 ** digits == last // 10 ** digits:
                    return str(last % 10 ** digits)
        return end
    if first > 100 and first % 100 and first // 100 == last // 100:
        return str(last % 100)
    return str(last % 1000) if first >= 10000 else end


def expanded() -> None:
    original_variable = model.Text._variable

    def format_last_page(self, first, last):
        form = self.get_root().get_option("page-range-format")
        if form == "expanded":
            return expand_last_page(first, last)
        return shortened_last_page(first, last, form)

    def text_variable(self, item, context):
        text = original_variable(self, item, context)
        if text and self.get("variable") == "locator":
            text = _locator(self, item)
        return text

    model.FormatNumber._format_last_page = format_last_page
    model.Text._variable = text_variable


# A locator's hyphens are the locale's page-range-delimiter, as citeproc-js
# prints any numeric locator's range (fixupRangeDelimiter): "pp. 3–5" in
# English, "pp. 3-5" in Spanish, where the reference list has "1857-1866"
# too. citeproc-py put an en dash in any language. A dash written as such
# stays: "p. 3–5" in Spanish, as citeproc-js keeps it.
def _locator(text, item) -> str:
    locator = str(item.locator.identifier).replace("-", range_delimiter(text))
    if (item.locator.label == "page"
            and text.get_root().get_option("page-range-format") == "expanded"):
        locator = _PAGE_RANGE.sub(lambda m: m[1] + m[2] + expand_last_page(m[1], m[3]),
                                  locator)
    return locator


def range_delimiter(element):
    """The locale's page-range-delimiter, an en dash where it has none."""
    return (element.get_single_term(name="page-range-delimiter")
            or element.unicode_character("EN DASH"))
