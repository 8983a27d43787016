"""Pandoc's citation syntax: `[see @a, pp. 3-5; -@b]`, `@a`, `@a [p. 3]`.

Pure string parsing, shared by the Markdown reader and the `bib` command.
The grammar follows Pandoc's manual ("Citation syntax"): keys start with a
letter, digit or `_` and may hold internal punctuation; `@{...}` takes any
key; a locator is a known term (p., chap., ...) or a bare word with a digit
(a page: "33", "A1").
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from html.entities import html5

from .model import CiteItem, Locator

KEY = r"(?:\{(?P<bkey>[^{}]+)\}|(?P<key>[\w](?:[\w]|[:.#$%&\-+?<>~/](?=[\w]))*))"
# An escaped `\@` is an "@", no citation (bookdown's `[see \@ref(tab:x)]`);
# after an escaped backslash, `\\@a`, it cites again.
_ITEM = re.compile(r"^(?P<prefix>.*?)(?<![\w@])(?<!(?<!\\)\\)(?P<minus>-?)@" + KEY
                   + r"(?P<rest>.*)$", re.S)
NARRATIVE = re.compile(r"@" + KEY)

# Locator terms as Pandoc's citeproc knows them for English, long and short,
# singular and plural, mapped to the CSL locator label.
_TERMS = {
    "book": "book bk. bks. books", "chapter": "chapter chap. chaps. chapters ch.",
    "column": "column col. cols. columns", "figure": "figure fig. figs. figures",
    "folio": "folio fol. fols. folios", "number": "number no. nos. numbers",
    "line": "line l. ll. lines", "note": "note n. nn. notes",
    "opus": "opus op. opp. opera", "page": "page p. pp. pages",
    "paragraph": "paragraph para. paras. paragraphs ¶ ¶¶",
    "part": "part pt. pts. parts", "section": "section sec. secs. sections § §§",
    "sub verbo": "s.v. s.vv.", "verse": "verse v. vv. verses",
    "volume": "volume vol. vols. volumes",
}
LOCATOR_TERMS = {term: label for label, terms in _TERMS.items()
                 for term in terms.split()}
# A locator's word, as pandoc reads one: any word with a digit ("33", "A1",
# "S12", "3:12") or a roman numeral. So "p. A1", a newspaper's page, is a
# locator, and the cluster is sorted as pandoc sorts it.
# It may hold parts in brackets and parentheses, as legal locators do,
# "[89]", "123(4)[5]6", "7A(2)(a)(i)-(iv)" (an AGLC paragraph, a
# subsection), in Markdown's escapes or not ("\\[89\\]"), as pandoc reads them.
_GROUP = r"(?:\([\w.:\-–]*\)|\\?\[[\w.:\-–]*\\?\])"
_WORD = rf"(?:[\w.:]|{_GROUP})*(?:\w|{_GROUP})"
# A roman numeral as pandoc reads one (its romanNumeral): the letters in
# their order, thousands to ones, all in one case, and the word ends there.
# "xi", "iv", "mix" are numerals; "in", "it", "cf", "me", "de", "civil" are
# words, which end the locator: "p. 12, in part" is p. 12 and a suffix.
_ROMAN = ("(?:(?=[ivxlcdm])m*(?:cm)?d?(?:cd)?c*(?:xc)?l?(?:xl)?x*(?:ix)?v?(?:iv)?i*"
          "|(?=[IVXLCDM])M*(?:CM)?D?(?:CD)?C*(?:XC)?L?(?:XL)?X*(?:IX)?V?(?:IV)?I*)(?!\\w)")
_NUM = rf"(?:(?=[\w.:()\[\]\\]*\d){_WORD}|{_ROMAN}|\({_ROMAN}\))"
_HAS_DIGIT = re.compile(r"^[\w.:()\[\]\\]*\d")  # its first word, which without a term must have one
_DASH = r"(?:--|[-–—])"  # Pandoc users write ranges with "--" too
# A time in a recording ("12:30", "1:02:10-1:03:00"): APA's locator for
# audiovisual works, with no label before it (§8.28), CSL's `timestamp`.
_TIME = re.compile(rf"^\d+(?::\d\d){{1,2}}(?:\s*{_DASH}\s*\d+(?::\d\d){{1,2}})?$")
_RANGE = rf"{_NUM}(?:\s*{_DASH}\s*{_NUM})?"

# The article's language's own words for locators too ("S. 5", "Kap. 4"), as
# pandoc reads them from the CSL locale; set while an article is read.
_LOCALE_TERMS: ContextVar[dict[str, str]] = ContextVar("locator_terms", default={})


@contextmanager
def locator_words(lang: str):
    """Locators read in `lang`'s words as well as English ones, meanwhile."""
    token = _LOCALE_TERMS.set(locale_terms(lang))
    try:
        yield
    finally:
        _LOCALE_TERMS.reset(token)


@lru_cache(maxsize=8)
def locale_terms(lang: str) -> dict[str, str]:
    """The CSL locale's words for each locator label, long and short,
    singular and plural: "S." → page, "Kapitel" → chapter."""
    path = _locale_file(lang)
    if path is None:
        return {}
    import xml.etree.ElementTree as ElementTree
    terms = {}
    for term in ElementTree.parse(path).getroot().iter("{http://purl.org/net/xbiblio/csl}term"):
        if term.get("name") in _TERMS:
            words = [term.text, *(child.text for child in term)]
            terms.update((w.strip(), term.get("name")) for w in words if w and w.strip())
    return {word: label for word, label in terms.items() if word not in LOCATOR_TERMS}


def _locale_file(lang: str):
    """The CSL locale citeproc-py ships for `lang` (de: its primary dialect, de-DE)."""
    import importlib.util
    import json
    from pathlib import Path
    folder = Path(importlib.util.find_spec("citeproc").submodule_search_locations[0],
                  "data", "locales")
    language = lang.split("-")[0].lower()
    if language == "en":
        return None  # English terms are LOCATOR_TERMS
    dialects = json.loads((folder / "locales.json").read_text(encoding="utf-8"))
    for name in (lang, dialects.get("primary-dialects", {}).get(language, "")):
        if name and (folder / f"locales-{name}.xml").is_file():
            return folder / f"locales-{name}.xml"
    return next(iter(sorted(folder.glob(f"locales-{language}-*.xml"))), None)


@lru_cache(maxsize=8)
def _locator(terms: tuple[str, ...]) -> re.Pattern:
    """The locator's pattern for these terms, the longest tried first."""
    # Whatever their case, as pandoc reads them: "Chapter 2", "Pages 3-5".
    term = "(?i:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + ")"
    # A term is a whole word ("part", not "partial"); its value a number or
    # a roman one ("note that" is words, as in pandoc).
    plain = (rf"(?:(?P<term>{term})(?:(?<=\.)|(?!\w))\s*)?"
             rf"(?P<plain>(?=[\w.:()\[\]\\]*\d|{_ROMAN})"
             rf"{_WORD}(?:\s*{_DASH}\s*{_NUM})?(?:\s*,\s*{_RANGE}(?![\w(\[]))*)")
    braced = rf"\{{(?:(?P<bterm>{term})\s*)?(?P<braced>[^{{}}]*)\}}"
    return re.compile(rf"^,?\s*(?:{braced}|{plain})(?P<rest>.*)$", re.S)


# A work cited inside another's suffix, APA's secondary source:
# `[@walker2017, as cited in @born2010]` (§8.6).
WITHIN = re.compile(r"(?<![\w.@])@" + KEY)


def cited_within(item: CiteItem) -> list[str]:
    """The keys a citation item's suffix cites (not those in its code)."""
    return [m["bkey"] or m["key"] for m in WITHIN.finditer(_CODE.sub("", item.suffix))]


def replace_within(suffix: str, replace) -> str:
    """`suffix` with each key it cites (WITHIN's matches) as `replace(match)`
    makes it, its code left as written."""
    parts = re.split(r"(<code>.*?</code>)", suffix, flags=re.S)
    return "".join(part if n % 2 else WITHIN.sub(replace, part) for n, part in enumerate(parts))


_CODE = re.compile(r"<code>.*?</code>", re.S)


# Items part at a ";" that no backslash escapes: `[FOIL\; @a]` is one
# item whose prefix reads "FOIL;", as in pandoc (after an escaped
# backslash, `\\;`, it parts them again); nor one that ends an HTML
# entity: `[@c, p. 264, Tab.&nbsp;2]` is one item, its suffix "Tab. 2".
_ITEMS = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|\\.|;", re.S)


def _pieces(content: str) -> list[str]:
    """The cluster's content parted at each ";" that parts items."""
    pieces, start = [], 0
    for match in _ITEMS.finditer(content):
        entity = match[1]
        if match[0] == ";" or entity and entity[0] != "#" and f"{entity};" not in html5:
            pieces.append(content[start:match.end() - 1])  # (a name no entity has: text)
            start = match.end()
    return [*pieces, content[start:]]


def parse_cluster(content: str) -> list[CiteItem] | None:
    """The items of a bracketed cluster's content, or None if it is not one."""
    items = []
    for piece in _pieces(content):
        match = _ITEM.match(piece.strip())
        if not match:
            return None
        item = CiteItem(key=match["bkey"] or match["key"],
                        prefix=_prefix(match["prefix"]),
                        suppress_author=bool(match["minus"]))
        item.locator, item.suffix = parse_suffix(match["rest"])
        items.append(item)
    return items


def parse_suffix(text: str, narrative: bool = False) -> tuple[Locator | None, str]:
    """Split what follows a key into a locator and the remaining suffix; a
    narrative citation's suffix that is no locator follows the year after a
    comma, as pandoc sets it: "Walker (2017, emphasis added)"."""
    text = text.strip()
    terms = {**LOCATOR_TERMS, **_LOCALE_TERMS.get()}
    found = _marked_locator(text, terms) or _read_locator(text, terms)
    if not found:
        suffix = _suffix(text)
        return None, "," + suffix if narrative and suffix.startswith(" ") else suffix
    locator, rest = found
    return locator, _suffix(rest)


def _read_locator(text: str, terms: dict[str, str]) -> tuple[Locator, str] | None:
    """The locator `text` opens with and the rest of it, or None."""
    if not text:  # a citation with no suffix, as most are: its pattern (3 ms) is not compiled
        return None
    match = _locator(tuple(terms)).match(text)
    term = match and (match["term"] or match["bterm"])
    value = match and (match["plain"] if match["braced"] is None else match["braced"]).strip()
    # Without a term, only a word with a digit reads as a locator (a page, as in Pandoc).
    if not match or not term and not (match["braced"] is not None or _HAS_DIGIT.match(value)):
        return None
    label = _label(terms, term) if term else "timestamp" if _TIME.match(value) else "page"
    return Locator(label, _locator_value(value)), match["rest"]


# Emphasis and code marks, not those inside a word ("A_1").
_MARK = re.compile(r"\*+|`+|(?<!\w)_+|_+(?!\w)")


def _marked_locator(text: str, terms: dict[str, str]) -> tuple[Locator, str] | None:
    """A locator whose words with a digit are marked up, `p. **32**`, read
    as pandoc's citeproc reads one: each such word as its plain text (the
    page "32"), its marks dropped; a term or a numeral marked up is no
    locator's, as there. None if none is, or its marks do not close in it."""
    kept: list[int] = []  # the index in `text` of each character read
    for piece in re.finditer(r"\S+|\s+", text):
        plain = _MARK.sub("", piece[0])
        marks = set() if plain == piece[0] or not re.search(r"\d", plain) else \
            {at for mark in _MARK.finditer(piece[0]) for at in range(*mark.span())}
        kept.extend(piece.start() + at for at in range(len(piece[0])) if at not in marks)
    if len(kept) == len(text):
        return None
    found = _read_locator("".join(text[at] for at in kept), terms)
    if not found:
        return None
    start = len(kept) - len(found[1])
    end = kept[start] if start < len(kept) else len(text)
    read = set(kept)
    runs = [mark[0][0] for mark in _MARK.finditer(text[:end])
            if mark.start() not in read]  # each mark dropped, opening or closing
    if any(runs.count(mark) % 2 for mark in "*`_"):
        return None
    return found[0], text[end:]


def _label(terms: dict[str, str], term: str) -> str:
    """The CSL label of a locator term as written, in any case ("Pp." → page)."""
    return terms.get(term) or next(label for word, label in terms.items()
                                   if word.lower() == term.lower())


def _prefix(text: str) -> str:
    text = _inline_html(text)
    return text + " " if text else ""


def _suffix(text: str) -> str:
    text = _inline_html(text)
    if not text:
        return ""
    return text if text[0] in ",.;:)" else " " + text


def _inline_html(text: str) -> str:
    """A prefix or suffix is Markdown (`*see especially*`), as in Pandoc: kept
    as escaped inline HTML, the form the citation engine composes."""
    text = " ".join(text.split())
    if not text:
        return ""
    from .markdown import affix_parser  # the reader imports this module
    return affix_parser().renderInline(text).strip()


def _locator_value(value: str) -> str:
    """"17--19" and "17—19" as "17-19": the style sets the range's dash."""
    return re.sub(r"\s*(?:--|—)\s*", "-", value.replace("\\[", "[").replace("\\]", "]"))


# The words that read a work through another: APA's "as cited in", and as
# other languages' articles write it ("zitiert nach", "cité dans", "citado
# en"). "@a [see also @b]" cites a itself, and lists it.
CITED_IN = re.compile(r"\b(?:cited|quoted|zitiert|cité|citée|citad[oa]|citat[oa]|geciteerd)\b",
                      re.IGNORECASE)


def narrative_suffix(content: str) -> tuple[Locator | None, str] | None:
    """What a bracket after a narrative citation holds for it ("@a [p. 3]"),
    or None if the bracket is no suffix of it. A work cited there as "cited
    in" is its secondary source, as in a bracketed citation's suffix:
    `@ranke [as cited in @clogg, p. 20]` gives "Ranke (1827/1877, as cited
    in Clogg, 2013, p. 20)" (APA §8.6), as `[@ranke, as cited in @clogg]`
    gives "(Ranke, 1827/1877, as cited in Clogg, 2013)". A bracket that is
    a cluster of its own (`[@b]`, `[see @b; @c]`) is not its suffix."""
    content = " ".join(content.split())
    if WITHIN.search(content):
        items = parse_cluster(content)
        if not items or len(items) > 1 or items[0].suppress_author \
                or not CITED_IN.search(re.sub(r"<[^>]*>", "", items[0].prefix)):
            return None
    return parse_suffix(content, narrative=True)


# apaquarto's tags in a narrative citation's bracket, before its locator:
# `@a ['s]` is possessive, "Alpha’s (2001)"; `@a [&]` keeps the ampersand
# that running text spells "and" (in a table, APA §8.17); `['s, 35]`, `[&, 's]`.
_TAGS = re.compile(r"(?:(?:['’]s|&)(?=[\s,]|$)[\s,]*)+")


def narrative_bracket(content: str) -> tuple[tuple[Locator | None, str, str],
                                             list[CiteItem]] | None:
    """What a bracket after a narrative citation holds: (its own locator,
    words and apaquarto's tags, the cluster that joins it), or None if
    neither. A cluster joins it as pandoc reads `@a [see @b; @c]`, one
    citation: "Alpha (2001; see Beta, 2002; Gamma, 2003)"; its own locator
    may come first, `@a [p. 3; @b]`, "Alpha (2001, p. 3; Beta, 2002)" (pandoc
    3.9 reads it so, and sorts a's author into the cluster: "(Beta, 2002;
    Alpha; 2001, p. 3)")."""
    content = " ".join(content.split())
    tags = _TAGS.match(content)
    if tags:
        rest = content[tags.end():]
        own = narrative_suffix(rest) if rest else (None, "")
        return ((*own, tags[0]), []) if own else None
    own = narrative_suffix(content)
    if own:
        return (*own, ""), []
    cluster = parse_cluster(content)
    if cluster:
        return (None, "", ""), cluster
    head, _, tail = content.partition(";")
    own = tail and not WITHIN.search(head) and narrative_suffix(head)
    cluster = own and parse_cluster(tail)
    return ((*own, ""), cluster) if cluster else None


def tagged(item: CiteItem, tags: str) -> None:
    """apaquarto's tags (`'s`, `&`) on the narrative citation's item."""
    item.possessive = "s" in tags
    item.ampersand = "&" in tags


_NARRATIVE_LINE = re.compile(r"^@" + KEY + r"(?:\s*\[(?P<suffix>[^\[\]]*)\])?$")


def parse_citation(text: str) -> tuple[list[CiteItem], bool] | None:
    """One whole citation, bracketed or narrative: (items, narrative), or None.

    For sources that hold citations alone, one per line (`report bib`),
    rather than inside running text as the Markdown reader sees them.
    """
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        items = parse_cluster(text[1:-1])
        return (items, False) if items else None
    match = _NARRATIVE_LINE.match(text)
    if not match:
        return None
    item = CiteItem(key=match["bkey"] or match["key"])
    if match["suffix"] is None:
        return [item], True
    bracket = narrative_bracket(match["suffix"])
    if bracket is None:
        return None
    (item.locator, item.suffix, tags), joined = bracket
    tagged(item, tags)
    return [item, *joined], True
