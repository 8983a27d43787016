"""The words report sets itself ("Abstract", "Figure 1", "Page 2 of 6"),
in the article's language: styles/labels.toml."""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from . import STYLES, tomlcache
from .model import Emph, Para, Superscript, Text, plain_text


@lru_cache(maxsize=8)
def of(lang: str) -> dict:
    """The words for a language tag (de-AT: German; de-CH: German with the
    Swiss section's over it), English where missing; the quotation marks
    are the CSL locale's (`csl_quotes`) unless a section sets them."""
    table = _all()
    language, _, region = lang.partition("-")
    regional = f"{language.lower()}-{region.split('-')[0].upper()}" if region else ""
    words = {**table["en"], **table.get(language.lower(), {}), **table.get(regional, {})}
    return {"quotes": csl_quotes(lang), **words}


def csl_quotes(lang: str) -> list[str]:
    """Open, close, inner open and inner close quotes of the CSL locale file
    that citations in `lang` take, chosen as citeproc-py and citeproc-js
    choose it: the tag's own (pl-PL, sr-Latn-RS), its language's primary
    dialect (pl: pl-PL; de-LI: de-DE), else en-US. The text's quotes are
    those of its citations, in any language that CSL has a locale for."""
    language, _, region = lang.partition("-")
    folder, primary_dialects = _csl_locales()
    tags = [lang, f"{language.lower()}-{region.upper()}" if region else "",
            primary_dialects.get(language.lower(), ""), "en-US"]
    path = next(folder / f"locales-{tag}.xml" for tag in tags
                if _TAG.fullmatch(tag) and (folder / f"locales-{tag}.xml").is_file())
    return list(_quotes_of(path))


@lru_cache(maxsize=8)
def _quotes_of(path: Path) -> tuple[str, ...]:
    """The quotes of one locale file, read once a process: it was parsed
    (0.3 ms) for each `of(lang)`, the reader's ("en") and the citations'
    ("en-US") alike."""
    from lxml import etree
    terms = {term.get("name"): term.text for term in etree.parse(str(path)).iter(
        "{http://purl.org/net/xbiblio/csl}term") if term.get("form") is None}
    return tuple(terms[name] for name in ("open-quote", "close-quote", "open-inner-quote",
                                         "close-inner-quote"))


@lru_cache(maxsize=1)
def _csl_locales() -> tuple[Path, dict]:
    """citeproc-py's locale folder and primary dialects (its LOCALES_PATH and
    PRIMARY_DIALECTS), read from its locales.json as it reads them, without
    importing it: a deck's writing process (pipeline.prepare) needs its
    quotes, never its citations, and importing citeproc takes 5 ms."""
    package = importlib.util.find_spec("citeproc").submodule_search_locations[0]
    folder = Path(package) / "data" / "locales"
    with open(folder / "locales.json", encoding="utf-8") as file:
        return folder, json.load(file)["primary-dialects"]


def note_labels() -> set[str]:
    """"Note.", "Anmerkung." …: the words a table's or figure's note begins
    with, in any language here."""
    return {f"{words['note']}." for words in _all().values() if "note" in words}


def reference_titles() -> set[str]:
    """What a reference list is titled, in any language here, casefolded:
    "references", "works cited", "literaturverzeichnis" …"""
    return {title.casefold() for words in _all().values() if isinstance(words, dict)
            for title in [words.get("references", "")] + words.get("reference_titles", [])
            if title}


def is_note(block) -> bool:
    """A paragraph of a table's or figure's notes (APA §7.14): the general
    note ("*Note.*", "*Anmerkung.*"…), a specific one ("^a^ …") or a
    probability one ("\\* *p* < .05.")."""
    if not isinstance(block, Para) or not block.children:
        return False
    first = block.children[0]
    if isinstance(first, Emph):
        return plain_text(first.children).strip() in note_labels()
    if isinstance(first, Superscript):
        return len(plain_text(first.children).strip()) == 1
    return isinstance(first, Text) and bool(_PROBABILITY.match(first.text))


_PROBABILITY = re.compile(r"[*†‡]+\s*$")  # the marks before "*p* < .05"


_TAG = re.compile(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*")


@lru_cache(maxsize=1)
def _all() -> dict:
    return tomlcache.load(STYLES / "labels.toml")


def separators(words: dict, count: int) -> list[str]:
    """What goes between `count` listed parts, as the language lists them:
    "A, B, and C" in English, "A, B und C" in German."""
    if count < 2:
        return []
    last = (", " if words["serial_comma"] and count > 2 else " ") + words["and"] + " "
    return [", "] * (count - 2) + [last]


def series(words: dict, parts: list[list]) -> list:
    """Lists of inlines, listed."""
    out = list(parts[0]) if parts else []
    for between, part in zip(separators(words, len(parts)), parts[1:]):
        out += [Text(between), *part]
    return out


def joined(words: dict, parts: list):
    """Strings (or markupsafe.Markup, whose joins escape the parts), listed."""
    kind = type(parts[0]) if parts else str
    out = parts[0] if parts else kind()
    for between, part in zip(separators(words, len(parts)), parts[1:]):
        out = out + kind(between) + part
    return out


def date(words: dict, day: int, month: int, year: int) -> str | None:
    """The title page's date in the language's own form; None for English,
    whose forms (US and British) the reader sets."""
    if "date" not in words:
        return None
    return words["date"].format(day=day, month=words["months"][month - 1], year=year)


def capitals(text: str) -> str:
    """`text` in capitals as its script writes them: Greek drops its accents
    and breathings (ΕΛΛΗΝΙΚΑ, not ΕΛΛΗΝΙΚΆ) and keeps a diaeresis (ΑΫΠΝΙΑ);
    str.upper() keeps them all."""
    decomposed = unicodedata.normalize("NFD", text.upper())
    # An accent on the first of two vowels (μάιος) says they are read apart:
    # in capitals, a diaeresis on the second says it (ΜΑΪΟΣ).
    parted = _PARTED.sub("\\1\u0301\\2\u0308", decomposed)
    bare = _GREEK_MARKS.sub(lambda m: m[1] + _ACCENTS.sub("", m[2]), parted)
    return unicodedata.normalize("NFC", bare)


_PARTED = re.compile("([\u0391\u0395\u039f\u03a5])\u0301([\u0399\u03a5])(?![\u0300-\u036f])")
_GREEK_MARKS = re.compile("([\u0391-\u03a9])([\u0300-\u036f]+)")
_ACCENTS = re.compile("[\u0300\u0301\u0342\u0313\u0314\u0345]")  # all but the diaeresis
