"""Number variables: ranges, ampersands, and is-numeric (CSL 1.0.2).

citeproc-py printed a volume or issue range as written ("(4-6)", where APA
§6.6 has "(4–6)"), broke "12 & 15" into "12 &amp; amp; 15", and took only a
single plain number for numeric, looking the locator up in the reference,
where it never is ("3" for "Chapter 3").
"""

from __future__ import annotations

import html
import re

from citeproc import model, string

from .pageranges import range_delimiter


# APA §6.6: a range of numbers takes an en dash, "(4–6)" for issues 4 to 6,
# "3–4" for volumes, as citeproc-js prints a numeric volume or issue; the
# locale's page-range-delimiter, as a locator's (a hyphen in Spanish).
# citeproc-py printed them as written, "(4-6)", "(4 - 6)". A report's or a
# law's number is one number, "Pub. L. No. 107-110" (§11.5), as written.
_RANGED_NUMBERS = ("volume", "issue")
_HYPHEN = re.compile(r"\s*-\s*")


def number_ranges() -> None:
    original = model.Text._variable

    def text_variable(self, item, context):
        text = original(self, item, context)
        if self.get("variable") not in _RANGED_NUMBERS or not _unformatted(text):
            return text
        plain = str(text).strip()
        if "-" not in plain or not _NUMERIC.match(plain):
            return text
        return string.String(_HYPHEN.sub(str(range_delimiter(self)), plain))

    model.Text._variable = text_variable


def _unformatted(text) -> bool:
    """Whether `text` is plain text, with no markup of the data in it."""
    leaves = list.__iter__(text) if isinstance(text, string.MixedString) else [text]
    return all(type(leaf) in (str, string.String) for leaf in leaves)


# A page, volume or issue "12 & 15" prints "12 & 15", as citeproc-js and
# pandoc print it. cslrichtext escapes the data's "&" to "&amp;", which
# citeproc-py's number formatting then split at its "&" and joined again
# with an escaped ampersand: "12 &amp; amp; 15". It now splits the text as
# written; "<" and ">" stay escaped, held out of the split.
_HELD = (("&lt;", "\ue000"), ("&gt;", "\ue001"))


def ampersands() -> None:
    original = model.FormatNumber._process

    def process(self, value, variable):
        text = str(value)
        if "&amp;" not in text:
            return original(self, value, variable)
        for entity, held in _HELD:
            text = text.replace(entity, held)
        result = original(self, text.replace("&amp;", "&"), variable)
        for entity, held in _HELD:
            result = result.replace(held, entity)
        return result

    model.FormatNumber._process = process


# --- is-numeric ----------------------------------------------------------------

# CSL 1.0.2, is-numeric: numbers with letter affixes ("D2", "2b"), also
# several joined by a hyphen, comma or ampersand ("2-4", "2, 3", "2 & 4").
# citeproc-py accepted a single number only, and looked the `locator` up in
# the reference, where it never is: "[@a, chap. 3]" took apa.csl's branch
# for non-numeric chapters, which prints no label ("3" for "Chapter 3").
_NUMBER = r"[A-Za-z]*\d+[A-Za-z]*"
_NUMERIC = re.compile(rf"^{_NUMBER}(?:\s*[-\u2013,&]\s*{_NUMBER})*$")


def plain(value) -> str:
    """A variable's text, its "&" as written (cslrichtext escapes it)."""
    return html.unescape(str(value))


def value_of(item, variable: str):
    """A number variable's value: the cite's locator, or the reference's
    (citeproc-py looked the locator up in the reference, where it never is)."""
    if variable == "locator":
        return item.locator.identifier if item.has_locator else None
    return item.reference.get(variable)


def numeric_locators() -> None:
    def is_numeric(self, item):
        results = []
        for variable in self.get("is-numeric").split():
            value = value_of(item, variable)
            results.append(value is not None and bool(_NUMERIC.match(plain(value))))
        return results

    model.If._is_numeric = is_numeric
