"""Sort keys as CSL 1.0.2 ("Sorting") and citeproc-js make them.

citeproc-py compared a key's HTML by code point, kept "&", "et al." and
labels in name keys, and compared a macro's dates as the text they print;
a key here is plain text that compares as citeproc-js's collator does,
names alone, dates by their parts (and, for APA §9.47, titles past an
initial article).
"""

from __future__ import annotations

import html
import re
import unicodedata

from citeproc import model
from citeproc.source import LiteralDate

from ..cslengine import TAG
from .dates import date_value, shown_parts


# CSL 1.0.2, "Sorting": a macro's sort key is its text without formatting,
# and keys compare in the locale's collation. citeproc-py kept the HTML, so
# "<i>The Holy Bible</i>" sorted before "Giertz", and compared code points:
# "Pérez" after "Pew", "U.S. Census Bureau" before "UNICEF", "He, K., et
# al." after "Heaton, P.". citeproc-js turns each space of a key into "|",
# a symbol, which sorts before any letter ("He|" before "Heaton|"), and
# compares with Intl.Collator: base sensitivity, punctuation ignored,
# numbers by value. collation_key() makes a key that compares so as text.
_MARKUP = re.compile(TAG)
# Letters that the Unicode root collation reads as others, past what NFKD takes apart.
_EXPANSIONS = str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d"})
_NOT_WORD = re.compile(r"[^\w\s]|_")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s")


def collated_keys() -> None:
    original = model.Key.sort_keys

    def sort_keys(self, items, context):
        keys = original(self, items, context)
        if "title" in (self.get("macro"), self.get("variable")):
            keys = [None if k is None else _without_article(str(k)) for k in keys]
        return [None if k is None else collation_key(str(k)) for k in keys]

    model.Key.sort_keys = sort_keys


# A title is alphabetized by its first word past an initial article, as
# APA orders works by the same authors of the same date (§9.47) and as
# other manuals do: "Kim (2020a). The apple effect" before "Kim (2020b).
# Banana recall". citeproc-js and pandoc count the article; here a title
# key (apa.csl's cs:key macro="title") does not. (A title that stands in
# for a missing author, §9.49, still counts it, as in both engines.)
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)


def _without_article(key: str) -> str:
    return _ARTICLE.sub("", _MARKUP.sub("", key))


def collation_key(text: str) -> str:
    """A string that orders as citeproc-js orders the sort key `text`.

    Accents and case do not count, punctuation is dropped; then come word
    breaks ("\\x01"), symbols ("\\x02" and the symbol), numbers by value (their
    length as a character below "0", then the digits), letters.
    """
    text = html.unescape(_MARKUP.sub("", text)) + " "
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
    text = _NOT_WORD.sub(_symbol_or_nothing, text.casefold().translate(_EXPANSIONS))
    text = _DIGITS.sub(_number, text)
    return _SPACE.sub("\x01", text)


def _symbol_or_nothing(match) -> str:
    """A symbol stays, ahead of numbers and letters; punctuation and accents go."""
    char = match.group()
    return "\x02" + char if unicodedata.category(char)[0] == "S" else ""


def _number(match) -> str:
    digits = str(int(match.group()))
    return chr(0x10 + min(len(digits), 0x1F)) + digits


# --- names in sort keys ----------------------------------------------------------

# CSL 1.0.2, Sorting: names in a sort key are the names alone; "when et-al
# abbreviation occurs, the 'et-al' and 'and others' terms are excluded".
# citeproc-py kept "&" and "et al." in the key, and lost the key's options
# (`names-min`…) in a macro called by a macro (see groups._tells_text), so "Dube &
# Lindner" sorted before "Dube, Lester, & Reich" (the "&" leaving a wider
# word break) and "Dube et al." after both; APA (§9.46) and citeproc-js
# sort by the second author, Lester before Lindner.
def names_in_keys() -> None:
    original_keys = model.Key.sort_keys
    original_process, original_et_al = model.Name.process, model.Name.et_al
    sorting: list[bool] = []  # non-empty while a sort key renders

    def sort_keys(self, items, context):
        sorting.append(True)
        try:
            return original_keys(self, items, context)
        finally:
            sorting.pop()

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        if sorting:
            sort_options = {**(sort_options or {}), "and": None}
        return original_process(self, item, variable, context, sort_options, **kwargs)

    def et_al(self):
        return None if sorting else original_et_al(self)

    # CSL 1.0.2 (Sorting): "any cs:label elements are excluded" from a name
    # sort key: an editor in the author's place sorts as the name alone,
    # "Smith, John" among Smith's works by year, as both engines sort it, not
    # "Smith, John, ed." after them all.
    original_label = model.Label.render

    def label(self, *args, **kwargs):
        if sorting and isinstance(self.getparent(), model.Names):
            return None
        return original_label(self, *args, **kwargs)

    model.Key.sort_keys = sort_keys
    model.Name.process, model.Name.et_al = process, et_al
    model.Label.render = label


# CSL 1.0.2, Sorting: a date in a macro sort key sorts as a date, by the
# parts that cs:date shows, not as the text it prints. apa.csl's date-sort
# prints a book's year ("1973") and a webpage's full date ("1969-01-05");
# compared as text (numbers by value) 19690105 came after 1973, so a 1969
# webpage followed the same author's 1973 book and took the later letter
# (2020b). citeproc-js keys each date as year, month, day, end year, end
# month, end day at fixed widths, the parts not shown as zeros; so here.
def dates_in_keys() -> None:
    original = model.Date.process

    def date_process(self, item, variable=None, show_parts=None, context=None, **kwargs):
        if not kwargs.get("sort_options") or self.is_locale_date():
            return original(self, item, variable, show_parts, context, **kwargs)
        value = date_value(self, item, variable)
        return None if value is None else _date_sort_key(value, shown_parts(self, None))

    model.Date.process = date_process


def _date_sort_key(value, parts: set) -> str:
    """Digits of one width for a date or range: begin then end, year-month-day each."""
    if isinstance(value, LiteralDate):  # no parts: after all dates, as in citeproc-js
        return "9" * 18
    begin, end = value.get("begin", value), value.get("end")

    def key(date) -> str:
        def part(unit):
            return (date.get(unit, 0) or 0) if date is not None and unit in parts else 0
        return f"{part('year') + 10000:05}{part('month'):02}{part('day'):02}"

    return key(begin) + key(end)
