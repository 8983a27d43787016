"""`bibliography: refs.bib`: BibTeX read by citeproc-py, handed on as CSL-JSON.

citeproc-py's own BibTeX source parses entries, names ("von Last, Jr,
First") and LaTeX; its field and type tables predate APA's needs, so the
subclass below completes them (`school` → publisher, `url` → URL,
`incollection` → chapter, ...). The references are then written back as
CSL-JSON items so that the rest of the pipeline, checks included, sees one
format: the same .bib and .json render the same.

BibTeX titles are in title case, which a CSL style cannot undo, and APA
wants sentence case: as pandoc does, the titles of English entries (and a
`booktitle`, not a journal's name) are sentence-cased, words in braces and
words with capitals inside ("NASA", "iPhone") kept as written.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from citeproc.source import Date, DateRange, Name
from citeproc.source.bibtex import BibTeX
from citeproc.string import MixedString, NoCase

from .errors import ReportError


class APABibTeX(BibTeX):
    fields = dict(BibTeX.fields, **{
        "school": "publisher", "institution": "publisher", "organization": "publisher",
        "url": "URL", "howpublished": "medium", "type": "genre", "urldate": "note",
        "journaltitle": "container_title", "translator": "translator",
    })
    types = dict(BibTeX.types, **{
        "incollection": "chapter", "inbook": "chapter", "online": "webpage",
        "dataset": "dataset", "software": "software", "misc": "document",
    })

    def _parse_author(self, authors):
        # A name list wrapped over lines: " and " is any whitespace around "and".
        return super()._parse_author(" ".join(authors.split()))

    def _bibtex_to_csl(self, bibtex_entry):
        csl = super()._bibtex_to_csl(bibtex_entry)
        if _english(bibtex_entry):
            for field in ("title", "container_title" if "booktitle" in bibtex_entry else None):
                if isinstance(csl.get(field), MixedString):
                    csl[field] = sentence_case(csl[field])
        if "translator" in bibtex_entry:  # a name list, like author and editor
            csl["translator"] = self._parse_author(bibtex_entry["translator"])
        if bibtex_entry.document_type in ("techreport", "report") and "issue" in csl:
            csl["number"] = csl.pop("issue")  # a report's number, not a journal issue
        if bibtex_entry.document_type in ("phdthesis", "mastersthesis") and "genre" not in csl:
            csl["genre"] = ("Doctoral dissertation" if bibtex_entry.document_type == "phdthesis"
                            else "Master’s thesis")
        return csl


_ENGLISH = ("", "english", "american", "british", "canadian", "australian", "newzealand")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _english(entry) -> bool:
    language = str(entry.get("langid") or entry.get("language") or "").lower()
    return language in _ENGLISH or language.startswith("en")


def sentence_case(title: MixedString) -> MixedString:
    """"The Effects of Sleep: A Review" → "The effects of sleep: A review".

    A capitalised word is lowercased unless it starts the title or follows
    a colon, question or exclamation mark; all-capital words, words with a
    capital inside, single initials ("U.S.") and text in braces stay."""
    start, out = True, []
    for part in title:
        if isinstance(part, NoCase):
            out.append(part)
            start = start and not _WORD.search(str(part))
            continue
        text, pieces, at = str(part), [], 0
        for word in _WORD.finditer(text):
            between = text[at:word.start()]
            start = start or bool(re.search(r"[:?!]", between))
            pieces += [between, word.group() if start else _lowered(word.group())]
            start, at = False, word.end()
        start = start or bool(re.search(r"[:?!]", text[at:]))
        out.append(type(part)("".join(pieces) + text[at:]))
    return MixedString(out)


def _lowered(word: str) -> str:
    if word == "A" or (len(word) > 1 and word[0].isupper() and word[1:].islower()):
        return word.lower()
    return word


def load(path: Path) -> list[dict]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            source = APABibTeX(str(path), encoding="utf-8")
    except FileNotFoundError:
        raise ReportError("the bibliography does not exist", path) from None
    except (KeyError, SyntaxError, ValueError, TypeError) as error:
        raise ReportError(f"cannot read this BibTeX: {error}", path,
                          hint="check the entry types, braces and names") from None
    return [_to_csl_json(reference) for reference in source.values()]


def _to_csl_json(reference) -> dict:
    item = {"id": reference.key, "type": reference.type}
    for field, value in reference.items():
        if field in ("key", "type"):
            continue
        item[field.replace("_", "-")] = _value(value)
    return item


def _value(value):
    if isinstance(value, list) and value and isinstance(value[0], Name):
        return [dict(name) for name in value]
    if isinstance(value, DateRange):
        return {"date-parts": [_parts(value.begin), _parts(value.end)]}
    if isinstance(value, Date):
        return {"date-parts": [_parts(value)]}
    if isinstance(value, MixedString):
        return "".join(f'<span class="nocase">{s}</span>' if isinstance(s, NoCase) else str(s)
                       for s in value)
    return str(value)


def _parts(date) -> list[int]:
    return [date[p] for p in ("year", "month", "day") if p in date]
