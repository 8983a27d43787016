"""Pandoc's citation syntax: `[see @a, pp. 3-5; -@b]`, `@a`, `@a [p. 3]`.

Pure string parsing, shared by the Markdown reader and the `bib` command.
The grammar follows Pandoc's manual ("Citation syntax"): keys start with a
letter, digit or `_` and may hold internal punctuation; `@{...}` takes any
key; a locator is a known term (p., chap., ...) or a bare number (a page).
"""

from __future__ import annotations

import re

from .model import CiteItem, Locator

KEY = r"(?:\{(?P<bkey>[^{}]+)\}|(?P<key>[\w](?:[\w]|[:.#$%&\-+?<>~/](?=[\w]))*))"
_ITEM = re.compile(r"^(?P<prefix>.*?)(?<![\w@])(?P<minus>-?)@" + KEY + r"(?P<rest>.*)$",
                   re.S)
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
_TERM_RE = "|".join(re.escape(t) for t in sorted(LOCATOR_TERMS, key=len, reverse=True))
_NUM = r"(?:\d+|[ivxlcdm]+|[IVXLCDM]+)[a-z]?"
_DASH = r"(?:--|[-–—])"  # Pandoc users write ranges with "--" too
_RANGE = rf"{_NUM}(?:\s*{_DASH}\s*{_NUM})?"
_PLAIN = (rf"(?:(?P<term>{_TERM_RE})\s*)?"
          rf"(?P<plain>[\w.:]*\w(?:\s*{_DASH}\s*{_NUM})?(?:\s*,\s*{_RANGE}\b)*)")
_BRACED = rf"\{{(?:(?P<bterm>{_TERM_RE})\s*)?(?P<braced>[^{{}}]*)\}}"
_LOCATOR = re.compile(rf"^,?\s*(?:{_BRACED}|{_PLAIN})(?P<rest>.*)$", re.S)


def parse_cluster(content: str) -> list[CiteItem] | None:
    """The items of a bracketed cluster's content, or None if it is not one."""
    items = []
    for piece in content.split(";"):
        match = _ITEM.match(piece.strip())
        if not match:
            return None
        item = CiteItem(key=match["bkey"] or match["key"],
                        prefix=_prefix(match["prefix"]),
                        suppress_author=bool(match["minus"]))
        item.locator, item.suffix = parse_suffix(match["rest"])
        items.append(item)
    return items


def parse_suffix(text: str) -> tuple[Locator | None, str]:
    """Split what follows a key into a locator and the remaining suffix."""
    text = text.strip()
    match = _LOCATOR.match(text)
    if not match:
        return None, _suffix(text)
    term = match["term"] or match["bterm"]
    value = (match["plain"] if match["braced"] is None else match["braced"]).strip()
    # Without a term, only a number reads as a locator (a page, as in Pandoc).
    if not term and not (match["braced"] is not None or value[:1].isdigit()):
        return None, _suffix(text)
    label = LOCATOR_TERMS[term] if term else "page"
    return Locator(label, _locator_value(value)), _suffix(match["rest"])


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
    return re.sub(r"\s*(?:--|—)\s*", "-", value)


_NARRATIVE_LINE = re.compile(r"^@" + KEY + r"(?:\s*\[(?P<suffix>[^\[\]@]*)\])?$")


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
    if match["suffix"] is not None:
        item.locator, item.suffix = parse_suffix(match["suffix"])
    return [item], True
