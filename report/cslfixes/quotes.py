"""Quotation marks: the data's made typographic, the style's nested, punctuation inside.

citeproc-py printed the data's straight quotes and a locale's straight
apostrophes as written, did not flip quotes within quotes to the inner
marks (CSL 1.0.2, "quotes"), and left a comma or period outside a closing
quote where en-US's punctuation-in-quote puts it inside.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from citeproc import formatter, model, string
from citeproc.source import json as csljson

from .. import cslrichtext
from ..cslengine import split_tags
from . import RENDERING


# citeproc-js and pandoc print typographic quotes where the data has straight
# ones, in the language's marks: 'The "myth" of multitasking' is 'The “myth”
# of multitasking' in English, 'The „myth“ …' in German, « myth » in French;
# single quotes beside double ones take the inner marks ("a 'b' c": „a ‚b‘
# c“), as the style's own quotes flip its data's. An apostrophe is ’ in any language:
# "O'Brien" is "O’Brien", in names too, and so is one that opens a word and
# closes no quote: "'t Hooft" is "’t Hooft".
_DOUBLE = re.compile(r'"([^"]*)"')
_SINGLE = re.compile(r"(?<![\w'])'(?=[^\s'\d])(.+?)(?<=[^\s'])'(?![\w'])")  # not '90s
_US_QUOTES = ("\u201c", "\u201d", "\u2018", "\u2019")
_quotes: list = [_US_QUOTES]  # the marks of the language whose data is being read


@contextmanager
def quoting(marks) -> Iterator[None]:
    """Straight quotes read meanwhile become `marks` (open, close, and the
    inner open and close: labels.toml's `quotes`, the CSL locale's)."""
    _quotes.append(tuple(marks))
    try:
        yield
    finally:
        _quotes.pop()


def smart_quotes() -> None:
    original = csljson.CiteProcJSON.parse_string
    original_names = csljson.CiteProcJSON.parse_names

    def parse_string(self, value):  # its markup read as CSL-JSON's rich text
        if isinstance(value, str):
            return cslrichtext.parse(value, smarten)
        return original(self, value)

    def parse_names(self, names):
        return original_names(self, [{part: smarten(v) if isinstance(v, str) else v
                                      for part, v in name.items()} for name in names])

    csljson.CiteProcJSON.parse_string = parse_string
    csljson.CiteProcJSON.parse_names = parse_names


def smarten(text: str) -> str:
    """Straight quotes and apostrophes → typographic ones, as Pandoc's smart,
    in the marks of the language being read (`quoting`)."""
    if "://" in text or ('"' not in text and "'" not in text):
        return text
    opening, closing, inner_opening, inner_closing = _quotes[-1]
    # citeproc-js reads ' and " as quote markup: "x" is a quotation, and
    # 'x' beside it the inner one; 'x' alone is a quotation, as "x" is.
    marks = {'"': (opening, closing),
             "'": (inner_opening, inner_closing) if '"' in text else (opening, closing)}
    chars = list(text)
    for start, end in _quote_pairs(text):
        chars[start], chars[end] = marks[text[start]]
    return "".join(chars).replace("'", "\u2019")  # apostrophes, and ’90s


def _quote_pairs(text: str) -> list[tuple[int, int]]:
    """The places of the straight quotes that open and close a quotation,
    double or single; one that crosses another's is none."""
    found = sorted([(m.start(), m.end() - 1) for m in _DOUBLE.finditer(text)]
                   + [(m.start(), m.end() - 1) for m in _SINGLE.finditer(text)])
    pairs: list[tuple[int, int]] = []
    for start, end in found:
        if all(end < s or e < start or s < start and end < e for s, e in pairs):
            pairs.append((start, end))
    return pairs


# A locale's terms are written with straight apostrophes (French's "à
# l'adresse", Italian's "dall'originale"); citeproc-js and pandoc print
# them typographic, "Consulté 1 mars 2024, à l’adresse https://…", as the
# data's.
def typographic_terms() -> None:
    for form in ("single", "multiple"):
        read = getattr(model.Term, form).fget
        setattr(model.Term, form, property(lambda term, read=read: _apostrophes(read(term))))


def _apostrophes(text):
    return type(text)(str(text).replace("'", "\u2019")) if "'" in str(text) else text


# --- punctuation in quotes -----------------------------------------------------

# en-US: punctuation-in-quote="true": a comma or period that follows a closing
# quotation mark moves inside it: (“Scientists Warn …,” 2020). That holds for
# the quotes of the data too, which citeproc-js reads as quote markup:
# 'Teaching medicine with the help of “Dr. House.”' (a period that meets
# "?" or another period inside is dropped, as anywhere else).
# Quotes within quotes take the inner-quote terms (CSL 1.0.2, "quotes";
# citeproc-js and pandoc): (“Why the Word ‘Literally’,” 2021).
class CloseQuote(string.String):
    """The close-quote term, remembering whether punctuation goes inside."""
    inside = False


def punctuation_in_quote() -> None:
    _quotes_nest()
    _punctuation_enters_quotes()
    _quoted_titles_meet_punctuation()


def _quotes_nest() -> None:
    def quote(self, text):
        if self.get("quotes", "false").lower() != "true":
            return text
        opening, closing = (self.get_single_term(name=name)
                            for name in ("open-quote", "close-quote"))
        text = text.replace(str(opening), str(self.get_single_term(name="open-inner-quote")))
        text = _closing_replaced(text, str(closing),
                                 str(self.get_single_term(name="close-inner-quote")))
        close = CloseQuote(closing)
        close.inside = self.get_locale_option("punctuation-in-quote").lower() == "true"
        return opening + text + close

    model.Quoted.quote = quote


def _punctuation_enters_quotes() -> None:
    original = string.MixedString.__add__

    def add(self, other):
        first = str(other)[:1]
        if first in (",", ".") and len(self):
            before, quoted = _closing_quote(list.__getitem__(self, -1))
            if quoted is not None:
                leaves, closes = _inner_closing_quotes(list(self)[:-1] + before)
                inner = original(string.MixedString(leaves), string.String(first))
                for close in [*closes, quoted]:
                    inner = original(inner, close)
                return original(inner, string._strip_first_char(other))
        return original(self, other)

    string.MixedString.__add__ = add


# An italic title that ends in a quotation of the data is one string of
# markup, '<i>Teaching with “Dr. House”</i>', that later text joins as a
# plain str; as a MixedString it meets punctuation through `add`, which
# sets it inside the quote: "<i>Teaching with “Dr. House.”</i> Wiley."
# (APA §6.10, as citeproc-js prints it).
def _quoted_titles_meet_punctuation() -> None:
    original = model.Formatted.format

    def format(self, text):
        formatted = original(self, text)
        if formatted is not text and isinstance(formatted, str):
            if _closing_quote(formatted)[1] is not None:
                return string.MixedString([formatted])
        return formatted

    model.Formatted.format = format


def _closing_replaced(text, closing: str, inner: str):
    """`text` with its closing quotes made inner ones; where the closing
    quote is also the apostrophe (en-GB's ’), not one that a letter or digit
    follows ("Bob’s", "’90s"), as citeproc-js and pandoc keep it."""
    if closing != "\u2019":
        return text.replace(closing, inner)
    if isinstance(text, string.MixedString):
        return type(text)([_closing_replaced(leaf, closing, inner) for leaf in text])
    return type(text)(_QUOTE_NOT_APOSTROPHE.sub(inner, str(text)))


_QUOTE_NOT_APOSTROPHE = re.compile(r"\u2019(?!\w)")


# A closing quotation mark of the data, after its opening one in the same text.
_DATA_QUOTES = {"\u201d": "\u201c", "\u2019": "\u2018"}


def _closing_quote(leaf) -> tuple[list, object]:
    """(what precedes, the closing quote) if `leaf` ends in one that punctuation enters."""
    if isinstance(leaf, CloseQuote):
        return [], leaf if leaf.inside else None
    if type(leaf) not in (str, string.String) and not isinstance(leaf, formatter.html.TagWrapper):
        return [], None  # a MixedString: not the last text
    text = str(leaf)
    end = len(split_tags(text)[0])  # the quote ends an italic title: "…”</i>"
    opening = _DATA_QUOTES.get(text[end - 1:end])
    if opening is None or opening not in text[:end] or not _inside_quotes():
        return [], None
    return [string.String(text[:end - 1])], string.String(text[end - 1:])


def _inner_closing_quotes(leaves: list) -> tuple[list, list]:
    """(the leaves, the closing quotes that end them): punctuation enters
    a quotation within a quotation too, as citeproc-js sets it: (“On the
    Myth of the ‘Short Sleeper,’” 2022), not “… ‘Short Sleeper’,”."""
    if not leaves or type(leaves[-1]) not in (str, string.String):
        return leaves, []
    text = str(leaves[-1])
    end = len(text)
    while end and text[end - 1] in _DATA_QUOTES and _DATA_QUOTES[text[end - 1]] in text[:end]:
        end -= 1
    if end == len(text):
        return leaves, []
    return leaves[:-1] + [string.String(text[:end])], [string.String(text[end:])]


def _inside_quotes() -> bool:
    """The en-US rule, punctuation-in-quote, of the style rendering now."""
    return bool(RENDERING) and RENDERING[-1].get_locale_option(
        "punctuation-in-quote").lower() == "true"
