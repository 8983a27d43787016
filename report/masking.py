"""Masked review (apaquarto's `mask: true` + `masked-citations:`, APA 7 §12.7).

The title page, the deck's cover and the handout lose the authors, their
affiliations and the author note (source.py clears them, so that no writer,
and no file's metadata, can show them). Each masked work (one of the
author's own) is cited as "(Author, 2020)" and listed, under "Author", as
"Author. (2020). Details omitted for masked review." — APA's form.

apaquarto differs: it folds every masked work into one "Masked Citation
(n.d.)" entry, "Masked Title", and drops the citations' page numbers. We
follow APA: the year stays (APA prints it; two works of one year become
2020a and 2020b), one entry per work, so a reviewer reads the argument as
the final paper will make it without learning whose work it is.

The work's CSL-JSON is replaced before the engine sees it, so that sorting,
year suffixes and disambiguation are the style's own, and the citation
cache (cslcache.py, keyed by a digest of each item's data) can never serve
a render of the unmasked work. Its key is replaced too, since the entry's
anchor in the PDF ("#ref-schneider2015intelligence") would name it.
"""

from __future__ import annotations

import html

from .errors import ReportError, nearest
from .model import Cite

# What a masked work keeps: its date (APA: "Author, 2020"; "n.d." without
# one) and whether it is in press.
_KEPT = ("issued", "status")
ANCHOR = "masked-{number}"  # a masked work's key, and so its entry's id


def new_keys(masked: list[str]) -> dict[str, str]:
    """Lower-case key of each masked work → the key it is cited by."""
    renamed: dict[str, str] = {}
    for key in masked:
        renamed.setdefault(key.lower(), ANCHOR.format(number=len(renamed) + 1))
    return renamed


def masked_items(items: list[dict], masked: list[str], words: dict, at: tuple) -> list[dict]:
    """`items` with each masked work in APA's masked form under its new key
    (new_keys). `at`: the file and line of `masked-citations`, for an
    unknown key."""
    ids = {item["id"].lower(): item["id"] for item in items}
    for key in masked:
        if key.lower() not in ids:
            raise ReportError(f"'masked-citations' names unknown key '{key}'", *at,
                              hint=nearest(key, ids.values())
                              or "fix the key or remove it from 'masked-citations'")
    renamed = new_keys(masked)
    return [_masked(item, renamed[item["id"].lower()], words)
            if item["id"].lower() in renamed else item for item in items]


def _masked(item: dict, key: str, words: dict) -> dict:
    # A book: APA's style prints a work of only an author, a date and a
    # title as "Author. (2020). Title." (the title in italics, undone by
    # plain_entry); no other type adds a word ("[Unpublished manuscript]").
    out = {"id": key, "type": "book", "author": [{"literal": words["masked_author"]}],
           "title": words["masked_details"]}
    return out | {k: item[k] for k in _KEPT if k in item}


def rename_cites(cites: list[Cite], renamed: dict[str, str]) -> None:
    """Each citation of a masked work cites it by its new key."""
    for cite in cites:
        for item in cite.items:
            item.key = renamed.get(item.key.lower(), item.key)
            item.within = tuple(renamed.get(k.lower(), k) for k in item.within)


def plain_entry(entry: str, words: dict) -> str:
    """APA prints "Details omitted for masked review" in roman: it stands for
    a title but is none (a style that italicises a book's title would)."""
    words_html = html.escape(words["masked_details"], quote=False)
    for tag in ("i", "em"):
        entry = entry.replace(f"<{tag}>{words_html}</{tag}>", words_html)
    return entry
