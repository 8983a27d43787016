"""text-case as CSL 1.0.2 has it: which text is title-cased, and the other cases.

citeproc-py title-cased data in any language, left the style's own labels
alone, read markup as letters of words, joined a text's parts with spaces
and failed on formatted parts. Title case itself is titlecase.py's.
"""

from __future__ import annotations

import functools
import re

from citeproc import model, string

from . import ITEMS
from .titlecase import OPENING, SKIP_WORDS, title_case


# CSL 1.0.2, text-case="title": only English data is title-cased, an item
# whose `language` is English, or, with none, in a document in English (the
# style's default-locale, which cslengine sets to the article's `lang`, as
# pandoc and citeproc-js, given the document's language, have it): no
# "Revista de La Energía" in a Spanish article. The style's own words are
# title-cased in any language, labels and terms: "(Eds.)", "Trad." in
# Spanish, as both engines print them. citeproc-py left labels alone.

def text_case() -> None:
    original = model.TextCased.case

    def case(self, text, language=None):
        if language is None:  # a label or term: the style's words
            language = "en"
        form = self.get("text-case")
        if form in _CASES or form == "title":
            text = _scripts_uncased(text)
        if form == "title":
            return title_case(self, text, language)
        if form == "capitalize-first" and _cased(text):
            return text
        if form in _CASES:
            return _cased_in_parts(text, form, _casing_language(self))
        return original(self, text, language)

    model.TextCased.case = case
    original_periods = model.StrippedPeriods.strip_periods

    def strip_periods(self, text):  # a citation number is an int
        return original_periods(self, str(text) if isinstance(text, int) else text)

    model.StrippedPeriods.strip_periods = strip_periods
    known = set(model.TextCased._stop_words)
    model.TextCased._stop_words.extend(w for w in SKIP_WORDS if w not in known)


# The other text cases, part by part and around the markup of what the
# macro they apply to formatted ("<i>Title</i>"), the spaces as they are and
# a nocase part as written. citeproc-py split the text into words and joined
# them with spaces ("Undated article ." for a title with its suffix), read
# the markup as a word's letters (sentence case lowercased "<i>Dated" into
# "<i>dated"), uppercased the tags ("<I>"), and failed on a formatted part
# ("'str' object has no attribute 'words'", or 'capitalize_first') in
# university-of-hull-harvard's and an ABNT style's title macro.
_CASES = ("lowercase", "uppercase", "capitalize-first", "capitalize-all", "sentence")
_FORMATTED = re.compile(r"(<[^>]+>)")


def _casing_language(element) -> str:
    """The language whose rules upper- and lowercase a text, as citeproc-js
    picks it (CSL.toLocaleUpperCase, its tmp.lang_array): the entry's
    `language`, the letters it starts with, else the document's (the
    style's default-locale, which cslengine sets to the article's `lang`).
    A term or label takes the entry's too, as it is cased in its cite."""
    tag = ""
    if ITEMS:  # the entries being rendered, innermost last
        reference = getattr(ITEMS[-1], "reference", None)
        tag = (reference.get("language") if reference is not None else "") or ""
    letters = re.match(r"[A-Za-z]+", str(tag))
    if letters:
        return letters.group().lower()
    return (element.get_root().get("default-locale") or "en").split("-")[0].lower()


# Turkish and Azerbaijani case a dotted and a dotless i apart: "i" ↔ "İ",
# "ı" ↔ "I" (JavaScript's toLocaleUpperCase("tr"), which citeproc-js uses);
# Python's str.upper() knows no locale and prints "ISTANBUL".
_DOTTED_I = ("tr", "az")


def upper(text: str, language: str) -> str:
    if language in _DOTTED_I:
        text = text.replace("i", "\u0130")
    return text.upper()


def lower(text: str, language: str) -> str:
    if language in _DOTTED_I:
        text = text.replace("I", "\u0131").replace("\u0130", "i")
    return text.lower()


# Superscript and subscript are left as written by every text case, as
# citeproc-js leaves them (with small caps and nocase spans, its
# _tagParams): "My <sup>superscript phrase</sup> in a Title".
_SCRIPT = re.compile(r"(<(sup|sub)>.*?</\2>)", re.S)


def _scripts_uncased(text):
    """`text` with its superscripts and subscripts as nocase parts."""
    parts = list(text) if isinstance(text, string.MixedString) else [text]
    if not any("<su" in str(part) for part in parts):
        return text
    out = []
    for part in parts:
        if isinstance(part, string.NoCase) or "<su" not in str(part):
            out.append(part)
            continue
        pieces = _SCRIPT.split(str(part))
        for n in range(0, len(pieces), 3):
            if pieces[n]:
                out.append(string.String(pieces[n]))
            if n + 1 < len(pieces):
                out.append(string.NoCase(pieces[n + 1]))
    return string.MixedString(out)


def _cased_in_parts(text, form: str, language: str = "en"):
    parts = list(text) if isinstance(text, string.MixedString) else [text]
    shouting = _letters(parts).isupper()  # sentence case keeps a text in capitals
    out, starts, first = [], True, True  # `starts`: the next text starts a word
    for part in parts:
        if isinstance(part, string.NoCase) or not str(part):
            out.append(part)
            first = first and not str(part).strip()
            continue
        chunks = _FORMATTED.split(str(part))
        for n in range(0, len(chunks), 2):  # the text between the tags
            pieces = re.split(r"(\s+)", chunks[n])
            for m in range(0, len(pieces), 2):
                if pieces[m]:
                    pieces[m] = _cased_word(pieces[m], form, first, m > 0 or starts, shouting,
                                            language)
                    first = False
            chunks[n] = "".join(pieces)
            starts = chunks[n][-1:].isspace() if chunks[n] else starts
        out.append(string.String("".join(chunks)))
    return string.MixedString(out) if isinstance(text, string.MixedString) else out[0]


def _letters(parts) -> str:
    return "".join(_FORMATTED.sub("", str(p)) for p in parts if not isinstance(p, string.NoCase))


def _cased_word(word: str, form: str, first: bool, starts: bool, shouting: bool,
                language: str = "en") -> str:
    if form == "lowercase":
        return lower(word, language)
    if form == "uppercase":
        return upper(word, language)
    if form == "sentence" and not shouting and not word.isupper():
        word = lower(word, language)
    if starts and (form == "capitalize-all" or first):
        lead = len(word) - len(word.lstrip(OPENING))
        return word[:lead] + upper(word[lead:lead + 1], language) + word[lead + 1:]
    return word


@functools.lru_cache(maxsize=64)
def data_language(tag: str) -> str:
    """The language of a `language` tag as citeproc-js reads it
    (getFieldLocale): its first two letters in lowercase, so "en-US",
    "en_GB", "EN" and "English" are English, "es-ES" and "Spanish" not;
    a tag that starts otherwise (" en", "1") names no language."""
    return tag[:2].lower() if _TWO_LETTERS.match(tag) else ""


_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")


def _cased(text) -> bool:
    """Whether the first word already has a capital ("arXiv:1412.6980",
    "iOS 17"): capitalize-first leaves it as written, as citeproc-js does;
    citeproc-py printed "ArXiv:1412.6980"."""
    first = str(text).split(maxsplit=1)[:1]
    return bool(first) and not first[0].islower() and any(c.isupper() for c in first[0])
