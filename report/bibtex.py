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
from citeproc.source.bibtex.bibparse import BibTeXParser
from citeproc.source.bibtex.latex import SUBSTITUTIONS, parse_latex
from citeproc.source.bibtex.latex.macro import MACROS, Macro
from citeproc.string import MixedString, NoCase, String

from .errors import ReportError, warn

# LaTeX commands that entries use for what CSL-JSON writes as markup or
# plain text. citeproc-py's parser knows accents and symbols only and
# stopped at any other command ("generator raised StopIteration" for a
# title with \emph{...}); these it now reads, italics as CSL's <i>.
MACROS.update({
    **{name: Macro(1, "<i>{0}</i>") for name in ("emph", "textit", "textsl", "mkbibemph")},
    **{name: Macro(1, "<b>{0}</b>") for name in ("textbf", "mkbibbold")},
    "textsc": Macro(1, '<span style="font-variant:small-caps;">{0}</span>'),
    "textsuperscript": Macro(1, "<sup>{0}</sup>"),
    "textsubscript": Macro(1, "<sub>{0}</sub>"),
    **{name: Macro(1, "{0}") for name in ("textup", "textnormal", "textrm", "textsf", "texttt",
                                          "mbox", "url", "nolinkurl", "hbox", "NoCaseChange")},
    **{name: Macro(1, "\u201c{0}\u201d") for name in ("enquote", "mkbibquote")},
    "href": Macro(2, "{1}"),
})
# "---" before "--": citeproc-py turned "---" into an en dash and a hyphen.
SUBSTITUTIONS.update({"---": SUBSTITUTIONS.pop("---"), "--": SUBSTITUTIONS.pop("--")})


# citeproc-py's file parser read on at the end of the file for ever where it
# skipped whitespace, read a field's name or a comment's line ('' is in any
# string, and never '='): a brace left open in the last entry hung the build.
def _eat_whitespace(self, file):
    char = file.read(1)
    while char and char in " \t\n\r":
        char = file.read(1)
    return char


def _parse_name(self, file):
    name, char = "", self._eat_whitespace(file)
    while char != "=":
        if not char:
            raise ValueError("End of file while parsing a field's name")
        name, char = name + char, file.read(1)
    return name.strip().lower()


def _jump_to_next_line(self, file):
    char = None
    while char not in ("\n", ""):
        restore_point, char = file.tell(), file.read(1)
    file.seek(restore_point)


BibTeXParser._eat_whitespace = _eat_whitespace
BibTeXParser._parse_name = _parse_name
BibTeXParser._jump_to_next_line = _jump_to_next_line


class _Lenient(dict):
    """The preamble's commands; a command no one defines is dropped, the
    words after it kept, and its name remembered for a warning."""

    def __init__(self, *args):
        super().__init__(*args)
        self.unknown: set[str] = set()

    def __missing__(self, name: str):
        self.unknown.add(name)
        return Macro(0, "")


class APABibTeX(BibTeX):
    fields = dict(BibTeX.fields, **{
        "school": "publisher", "institution": "publisher", "organization": "publisher",
        "url": "URL", "howpublished": "medium", "type": "genre",
        "journaltitle": "container_title", "translator": "translator",
    })
    types = dict(BibTeX.types, **{
        "incollection": "chapter", "inbook": "chapter", "online": "webpage",
        "dataset": "dataset", "software": "software", "misc": "document",
    })

    @property
    def preamble_macros(self) -> _Lenient:
        return self._macros

    @preamble_macros.setter
    def preamble_macros(self, macros: dict) -> None:  # set by BibTeX.__init__
        self._macros = _Lenient(macros)

    def _parse_string(self, title):
        """citeproc-py's, but a command keeps its braced arguments (see _pieces)."""
        output = MixedString()
        for text, protected in _pieces(title):
            latex = parse_latex(text, self.preamble_macros)
            output += NoCase(latex) if protected else String(latex)
        return output

    def _parse_author(self, authors):
        # A name list wrapped over lines: " and " is any whitespace around "and".
        return super()._parse_author(" ".join(authors.split()))

    def _bibtex_to_csl(self, bibtex_entry):
        csl = super()._bibtex_to_csl(bibtex_entry)
        if _english(bibtex_entry):
            for field in ("title", "container_title" if "booktitle" in bibtex_entry else None):
                if isinstance(csl.get(field), MixedString):
                    csl[field] = sentence_case(csl[field])
        # biblatex's dates, ISO 8601: `date` the publication's (where BibTeX
        # has year and month), `urldate` the day the page was read.
        for field, variable in (("date", "issued"), ("urldate", "accessed")):
            if field in bibtex_entry and (variable == "accessed" or "issued" not in csl):
                csl[variable] = {"raw": str(bibtex_entry[field])}
        if "translator" in bibtex_entry:  # a name list, like author and editor
            csl["translator"] = self._parse_author(bibtex_entry["translator"])
        if bibtex_entry.document_type in ("techreport", "report") and "issue" in csl:
            csl["number"] = csl.pop("issue")  # a report's number, not a journal issue
        if bibtex_entry.document_type in ("phdthesis", "mastersthesis") and "genre" not in csl:
            csl["genre"] = ("Doctoral dissertation" if bibtex_entry.document_type == "phdthesis"
                            else "Master’s thesis")
        return csl


# The end of a command's name (or of its argument, for a second one), where
# a brace opens the command's argument rather than a group of its own.
_COMMAND_AT_END = re.compile(r"\\(?:[A-Za-z]+|[^A-Za-z\s])\s*$|\}$")


def _pieces(title: str) -> list[tuple[str, bool]]:
    """A BibTeX value as (LaTeX, case protected) pieces. A group of its own,
    `{NASA}`, protects its case, unless it opens with a command (`{\\"o}`);
    a command's argument stays with it: citeproc-py split `\\emph{sleep}` and
    `Gar\\c{c}on` there, and stopped at the command without its argument."""
    pieces, text, depth, mode = [], "", 0, "plain"
    for char in title:
        if mode == "plain":
            if char == "}":
                raise SyntaxError(f'Non-matching braces in "{title}"')
            if char != "{":
                text += char
            elif _COMMAND_AT_END.search(text):
                text, depth, mode = text + char, 1, "argument"
            else:
                pieces += [(text, False)] if text else []
                text, depth, mode = "", 1, "group"
            continue
        depth += (char == "{") - (char == "}")
        if mode == "argument" or depth:
            text += char
            mode = mode if depth else "plain"
        else:
            pieces.append((text, not text.startswith("\\")))
            text, mode = "", "plain"
    if depth:
        raise SyntaxError(f'Non-matching braces in "{title}"')
    return pieces + ([(text, False)] if text else [])


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
    except (RuntimeError, AssertionError, IndexError):  # citeproc-py's LaTeX reader, cut off
        raise ReportError("cannot read the LaTeX in this BibTeX", path,
                          hint="look for a command without its argument, or a lone '\\'"
                          ) from None
    _no_key_twice(path)
    if source.preamble_macros.unknown:
        names = ", ".join(f"\\{n}" for n in sorted(source.preamble_macros.unknown))
        warn(f"the LaTeX command(s) {names} are unknown; the words they hold are kept", path)
    return [_to_csl_json(reference) for reference in source.values()]


def _no_key_twice(path: Path) -> None:
    """An error at an entry whose key an earlier one has: the reader keeps
    the last of them, and a citation would find another work than meant."""
    text = path.read_text(encoding="utf-8", errors="replace")
    seen: dict[str, int] = {}
    for entry in _ENTRY.finditer(text):
        key, line = entry["key"].lower(), text.count("\n", 0, entry.start("key")) + 1
        if key in seen:
            raise ReportError(f"the key '{entry['key']}' is used again (first at line "
                              f"{seen[key]})", path, line, hint="give each entry its own key")
        seen[key] = line


_ENTRY = re.compile(r"^[ \t]*@(?!(?:string|preamble|comment)\b)\w+\s*[{(]\s*(?P<key>[^,\s]+)\s*,",
                    re.IGNORECASE | re.MULTILINE)


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
    if isinstance(value, (Date, DateRange)):
        parts = ([_parts(value.begin), _parts(value.end)] if isinstance(value, DateRange)
                 else [_parts(value)])
        if any(len(p) > 1 and not 1 <= int(p[1]) <= 12 for p in parts):
            # BibTeX's month = {13} is no month, nor CSL's season 13..16 or
            # 21..24: written out, as a date it is impossible.
            return {"raw": "/".join("-".join(str(x) for x in p) for p in parts)}
        return {"date-parts": parts}
    if isinstance(value, dict):  # already CSL-JSON: a biblatex date, raw
        return value
    if isinstance(value, MixedString):
        return "".join(f'<span class="nocase">{s}</span>' if isinstance(s, NoCase) else str(s)
                       for s in value)
    return str(value)


def _parts(date) -> list[int]:
    return [date[p] for p in ("year", "month", "day") if p in date]
