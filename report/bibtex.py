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

Before citeproc-py reads it, the file is read here for its structure
(_Structure), so that a brace left open or a comma missing is an error at
its entry, field, line and column; a `crossref` is resolved as biber does
(APABibTeX._inherited); TeX math becomes text through report/texmath.py.
"""

from __future__ import annotations

import bisect
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from citeproc.source import Date, DateRange, Name
from citeproc.source.bibtex import BibTeX
from citeproc.source.bibtex.bibparse import BibTeXEntry, BibTeXParser
from citeproc.source.bibtex.latex import SUBSTITUTIONS, parse_latex
from citeproc.source.bibtex.latex.macro import MACROS, Macro, NewCommand
from citeproc.string import MixedString, NoCase, String

from . import textfiles
from .errors import ReportError, nearest, warn

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


def _parse_key(self, file):
    """citeproc-py's, but the key as written: a message names `Lee2019`, not
    `lee2019` (citations find it whatever its case)."""
    key, char = "", file.read(1)
    while char != ",":
        if not char:
            raise ValueError("End of file while parsing key")
        key, char = key + char, file.read(1)
    return key.strip()


BibTeXParser._eat_whitespace = _eat_whitespace
BibTeXParser._parse_key = _parse_key
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


# What a crossref's child does not inherit (biber's defaults): what names
# the parent entry itself, and for a work inside the parent (a chapter, a
# paper) the parent's title, which is the child's booktitle instead.
_NOT_INHERITED = {"crossref", "xref", "ids", "entryset", "label", "shorthand", "sortkey",
                  "options", "related", "execute"}
_TITLES = {"title", "subtitle", "titleaddon", "shorttitle"}
_IN_BOOK = {"incollection", "inbook", "inproceedings", "conference", "bookinbook", "suppbook",
            "suppcollection", "inreference"}


class APABibTeX(BibTeX):
    fields = dict(BibTeX.fields, **{
        "school": "publisher", "institution": "publisher", "organization": "publisher",
        "url": "URL", "type": "genre",
        "journaltitle": "container_title", "translator": "translator",
    })
    types = dict(BibTeX.types, **{
        "incollection": "chapter", "inbook": "chapter", "online": "webpage",
        "dataset": "dataset", "software": "software", "misc": "document",
    })

    def __init__(self, text: io.StringIO, path: Path, where: dict[str, _Entry]):
        """citeproc-py's, but an entry that cannot be read is named, with
        the line of the field that fails. `text` holds the file's entries,
        @string and @preamble, without the text between them: citeproc-py
        read an '@' there ("% mail me@x.org") as an entry."""
        database, self.path = BibTeXParser(text), path
        self.preamble_macros = {}
        try:
            parse_latex(database.preamble, {"newcommand": NewCommand(self.preamble_macros),
                                            "mbox": Macro(1, "{0}"), "cite": Macro(1, "CITE({0})")})
        except (RuntimeError, AssertionError, IndexError, TypeError, KeyError):
            raise ReportError("cannot read the LaTeX in the @preamble", path,
                              hint="report reads \\newcommand\\name{text} there") from None
        entries = {key.lower(): (key, entry) for key, entry in database.items()}
        self.crossrefs: dict[str, str] = {}  # a child's key → its parent's
        for key, entry in database.items():
            entry = self._inherited(key, entry, entries, where)
            try:
                self.add(self.create_reference(key, entry))
            except (RuntimeError, AssertionError, IndexError, SyntaxError, TypeError,
                    KeyError, ValueError) as error:
                raise self._located(key, entry, where.get(key.lower()), error) from None

    def _inherited(self, key: str, entry, entries: dict, where: dict, seen=()):
        """`entry` with what its `crossref` parent gives it, as biber and
        pandoc give it: each field the entry lacks, and for a chapter or a
        paper the parent's title as its booktitle (an article's journal,
        from a periodical)."""
        parent_key = str(entry.get("crossref", "")).strip()
        if not parent_key:
            return entry
        if parent_key.lower() not in entries or parent_key.lower() in seen:
            if not seen:
                structure = where.get(key.lower())
                warn(f"entry '{key}': its crossref '{parent_key}' is no entry of this file"
                     if parent_key.lower() not in entries else
                     f"entry '{key}': its crossref '{parent_key}' leads back to it",
                     self.path, structure.line if structure else None)
            return entry
        parent_key, parent = entries[parent_key.lower()]
        parent = self._inherited(parent_key, parent, entries, where, (*seen, key.lower()))
        if not seen:
            self.crossrefs[key] = parent_key
        fields = dict(entry)
        contained = entry.document_type in _IN_BOOK or (
            entry.document_type == "article" and parent.document_type == "periodical")
        for name, value in parent.items():
            if name not in _NOT_INHERITED and not (contained and name in _TITLES):
                fields.setdefault(name, value)
        if contained and "title" in parent:
            fields.setdefault("journaltitle" if entry.document_type == "article" else "booktitle",
                              parent["title"])
        return BibTeXEntry(entry.document_type, fields)

    def _subtitles(self, entry, csl: dict) -> None:
        """biblatex's subtitle and titleaddon after their title, as pandoc
        joins them: "Title: Subtitle. Addon" (they were left out), and a
        book's or journal's after its own (booksubtitle, journalsubtitle);
        each in sentence case of its own where the title is."""
        for field, title, subtitle, addon in (
                ("title", "title", "subtitle", "titleaddon"),
                ("container_title", "booktitle", "booksubtitle", "booktitleaddon"),
                ("container_title", "journal", "journalsubtitle", "journaltitleaddon"),
                ("container_title", "journaltitle", "journalsubtitle", "journaltitleaddon")):
            if title not in entry or field not in csl or not isinstance(csl[field], MixedString):
                continue
            cased = field == "title" or title == "booktitle"
            for key, mark in ((subtitle, ":"), (addon, ".")):
                if key in entry:
                    ends = str(csl[field]).rstrip()[-1:]
                    piece = self._parse_string(" ".join(str(entry[key]).split()))
                    if cased and _english(entry):
                        piece = sentence_case(piece)
                    csl[field] = csl[field] + String(" " if ends in "!?.,:;" else mark + " ") \
                        + piece

    def _howpublished(self, value: str, csl: dict) -> None:
        """`howpublished` that is a link (`\\url{...}`, as BibTeX, without a
        `url` field, wrote one) is the URL; other words are the publisher's,
        before a `publisher` if there is one, as pandoc reads them."""
        link = _LINK.fullmatch(value.strip())
        if link:
            csl.setdefault("URL", link["address"] or link["bare"])
        elif value.strip():
            words = self._parse_string(value.strip())
            csl["publisher"] = words + String("; ") + csl["publisher"] if "publisher" in csl \
                else words

    def _located(self, key: str, entry, structure: _Entry | None, error) -> ReportError:
        """The error `create_reference` met in `entry`, at the field it met it in."""
        line = structure.line if structure else None
        if entry.document_type not in self.types:
            return ReportError(f"entry '{key}': @{entry.document_type} is no entry type report "
                               "knows", self.path, line, 1,
                               nearest(entry.document_type, self.types) or "use @misc")
        for field, value in entry.items():
            try:
                if isinstance(value, str) and field not in ("author", "editor", "translator"):
                    self._parse_string(value)
                elif isinstance(value, str):
                    self._parse_author(value)
            except Exception:  # noqa: BLE001 - whatever citeproc-py's LaTeX reader raised
                at = (structure.fields.get(field) if structure else None) or (line, 1)
                return ReportError(f"entry '{key}': cannot read the LaTeX in '{field}'",
                                   self.path, *at, "look for a command without its argument, or a "
                                   "lone '\\'")
        return ReportError(f"entry '{key}': cannot read it: {error}", self.path, line, 1,
                           "check the entry's type and fields")

    @property
    def preamble_macros(self) -> _Lenient:
        return self._macros

    @preamble_macros.setter
    def preamble_macros(self, macros: dict) -> None:  # set by BibTeX.__init__
        self._macros = _Lenient(macros)

    def _parse_string(self, title):
        """citeproc-py's, but a command keeps its braced arguments (see _pieces),
        and TeX math is text and markup (`$\\alpha$` α, as pandoc prints it;
        citeproc-py kept the dollars and the command), its case as written."""
        maths: list[str] = []

        def hold(match) -> str:  # a formula, held out of the LaTeX as one character
            maths.append(_math(match["display"] or match["inline"]))
            return chr(_HELD + len(maths) - 1)

        title = _MATH.sub(hold, title) if "$" in title else title
        output = MixedString()
        for text, protected in _pieces(title):
            latex = parse_latex(text, self.preamble_macros)
            for n, part in enumerate(re.split(r"([\ue000-\uf8ff])", latex) if maths else [latex]):
                if n % 2:
                    output += NoCase(maths[ord(part) - _HELD])
                elif part:
                    output += NoCase(part) if protected else String(part)
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
        self._subtitles(bibtex_entry, csl)
        # biblatex's dates, ISO 8601: `date` the publication's (where BibTeX
        # has year and month), `urldate` the day the page was read.
        for field, variable in (("date", "issued"), ("urldate", "accessed")):
            if field in bibtex_entry and (variable == "accessed" or "issued" not in csl):
                csl[variable] = {"raw": str(bibtex_entry[field])}
        if "howpublished" in bibtex_entry:
            self._howpublished(str(bibtex_entry["howpublished"]), csl)
        if "shortauthor" in bibtex_entry:  # biblatex-apa's group abbreviation (groupnames.py)
            csl["shortauthor"] = " ".join(str(bibtex_entry["shortauthor"]).split())
        if "translator" in bibtex_entry:  # a name list, like author and editor
            csl["translator"] = self._parse_author(bibtex_entry["translator"])
        if bibtex_entry.document_type in ("techreport", "report") and "issue" in csl:
            csl["number"] = csl.pop("issue")  # a report's number, not a journal issue
        if bibtex_entry.document_type in ("phdthesis", "mastersthesis") and "genre" not in csl:
            csl["genre"] = ("Doctoral dissertation" if bibtex_entry.document_type == "phdthesis"
                            else "Master’s thesis")
        return csl


# `$...$` and `$$...$$`, not `\\$`; held out as private-use characters.
_MATH = re.compile(r"(?<!\\)\$\$(?P<display>.+?)(?<!\\)\$\$|(?<!\\)\$(?P<inline>.+?)(?<!\\)\$",
                   re.S)
_HELD = 0xE000
_TAGS = {"Emph": "i", "Strong": "b", "Superscript": "sup", "Subscript": "sub"}


def _math(tex: str) -> str:
    """A formula as CSL-JSON's text and markup: report/texmath.py's inlines."""
    from .texmath import inlines
    return _markup(inlines(tex))


def _markup(nodes) -> str:
    out = []
    for node in nodes:
        if hasattr(node, "children"):
            tag = _TAGS.get(type(node).__name__)
            inner = _markup(node.children)
            out.append(f"<{tag}>{inner}</{tag}>" if tag else inner)
        else:
            out.append(getattr(node, "text", ""))  # CSL-JSON's text: "<", "&" as they are
    return "".join(out)


_LINK = re.compile(r"\\(?:url|href)\s*\{(?P<address>[^{}\s]+)\}(?:\s*\{[^{}]*\})?"
                   r"|(?P<bare>(?:https?|ftp)://\S+)")
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
        text = textfiles.read(path, "the bibliography")
    except FileNotFoundError:
        raise ReportError("the bibliography does not exist", path) from None
    structure = _Structure(text, path)
    entries = structure.read()
    _no_key_twice(entries, path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            source = APABibTeX(io.StringIO("\n".join(structure.blocks)), path,
                               {entry.key.lower(): entry for entry in entries})
    except (KeyError, SyntaxError, ValueError, TypeError) as error:
        raise ReportError(f"cannot read this BibTeX: {error}", path,
                          hint="check the entry types, braces and names") from None
    if source.preamble_macros.unknown:
        names = ", ".join(f"\\{n}" for n in sorted(source.preamble_macros.unknown))
        warn(f"the LaTeX command(s) {names} are unknown; the words they hold are kept", path)
    items = [_to_csl_json(reference) for reference in source.values()]
    for item in items:  # not CSL's: for cite.py, a parent used by a cited child is used
        if item["id"] in source.crossrefs:
            item["crossref"] = source.crossrefs[item["id"]]
    return items


def _no_key_twice(entries: list[_Entry], path: Path) -> None:
    """An error at an entry whose key an earlier one has: the reader keeps
    the last of them, and a citation would find another work than meant."""
    seen: dict[str, int] = {}
    for entry in entries:
        key = entry.key.lower()
        if key in seen:
            raise ReportError(f"the key '{entry.key}' is used again (first at line "
                              f"{seen[key]})", path, entry.line, hint="give each entry its own key")
        seen[key] = entry.line


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
        return "".join(f'<span class="nocase">{_spaced(s)}</span>' if isinstance(s, NoCase)
                       else _spaced(s) for s in value)
    return _spaced(value)


def _spaced(text) -> str:
    """A field wrapped over lines, as BibTeX and pandoc read it: each run of
    spaces and line breaks one space ("active\n    intellect" printed the
    line break and the indent). A tie's no-break space (~) is kept."""
    return _BLANKS.sub(" ", str(text))


_BLANKS = re.compile(r"[ \t\r\n]+")


def _parts(date) -> list[int]:
    return [date[p] for p in ("year", "month", "day") if p in date]


# --- the file's structure --------------------------------------------------------
# citeproc-py's parser reads a brace left open on into the next entries
# (and a '}' too many ends an entry early, its other fields dropped), then
# fails, if at all, with no line. The file is first read here as BibTeX reads
# it, for where each entry and field starts, so that an error names them.

@dataclass
class _Entry:
    key: str
    kind: str
    line: int
    fields: dict[str, tuple[int, int]]  # name → line, column of its value


_OPEN = re.compile(r"@[ \t]*([A-Za-z][\w-]*)\s*([{(])")
_NEXT_ENTRY = re.compile(r"\n[ \t]*@[ \t]*[A-Za-z][\w-]*\s*[{(]")
_NAME = re.compile(r"[^\s\"#%'(),={}]+")
_DELIMITER = re.compile(r'[{}"\n]')
_FIELD_IN_VALUE = re.compile(r"[\n,][ \t]*[A-Za-z][\w-]*[ \t]*=[ \t]*[{\"\d]")
_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}


class _Structure:
    def __init__(self, text: str, path: Path):
        self.text, self.path, self.entries = text, path, []
        self.newlines = [match.start() for match in re.finditer("\n", text)]
        self.strings = set(_MONTHS)
        self.entry = ""  # the entry being read, for messages
        self.blocks: list[str] = []  # the entries, @string and @preamble, as written
        self.values: list[tuple[str, int, int]] = []  # the entry's fields: name, start, end

    def fail(self, at: int, message: str, hint: str = ""):
        line, column = self.position(at)
        label = f"entry '{self.entry}': " if self.entry else ""
        raise ReportError(label + message, self.path, line, column, hint)

    def skip(self, at: int) -> int:
        while at < len(self.text) and self.text[at].isspace():
            at += 1
        return at

    def read(self) -> list[_Entry]:
        at = 0
        while (at := self.text.find("@", at)) >= 0:
            opening = _OPEN.match(self.text, at)
            if not opening:  # an '@' in the text between entries, which BibTeX skips
                at += 1
                continue
            kind, close = opening[1].lower(), "}" if opening[2] == "{" else ")"
            self.entry = ""
            if kind == "comment":
                end = self.text.find("\n", at)
                at = len(self.text) if end < 0 else end
                continue
            end = self.body(kind, opening.end(), close, at)
            self.blocks.append(self.text[at:end])
            at = end
        return self.entries

    def unclosed(self, at: int, close: str):
        """The entry runs on into the next: a field's '{' is not closed, and
        the field is the one whose value holds the next field's name."""
        for name, start, end in self.values:
            if _FIELD_IN_VALUE.search(self.text, start, end):
                self.fail(start, f"the braces in the field '{name}' do not balance: a '{{' is "
                          "not closed", "close each '{' with a '}'")
        where = "at its end" if at >= len(self.text) else "before the next one"
        self.fail(at, f"the entry is not closed: a '{close}' is missing {where}",
                  f"close the entry with '{close}'")

    def body(self, kind: str, at: int, close: str, start: int) -> int:
        if kind == "preamble":
            at = self.value(at, "the @preamble")
        elif kind == "string":
            name = _NAME.match(self.text, self.skip(at))
            if not name:
                self.fail(self.skip(at), "a @string needs a name", "write @string{name = {text}}")
            at = self.equals(name.end(), name[0])
            at = self.value(at, name[0])
            self.strings.add(name[0].lower())
        else:
            key = re.compile(r"\s*([^\s,{}()\"#%'=]*)\s*").match(self.text, at)
            self.entry = key[1]
            if not key[1]:
                self.fail(key.end(), f"the @{kind} has no key", "write @type{key, field = {...}}")
            if self.text[key.end():key.end() + 1] != ",":
                self.fail(key.end(), "a ',' must follow the key", "write @type{key, field = {...}}")
            entry = _Entry(key[1], kind, self.position(start)[0], {})
            self.values = []
            self.entries.append(entry)
            at = key.end() + 1
            while (at := self.skip(at)) < len(self.text) and self.text[at] != close:
                name = _NAME.match(self.text, at)
                if _OPEN.match(self.text, at):
                    self.unclosed(at, close)
                if not name:
                    self.fail(at, f"unexpected '{self.text[at]}' where a field's name should be",
                              "write field = {value}, fields separated by commas")
                at = self.equals(name.end(), name[0])
                value_at = self.skip(at)
                entry.fields[name[0].lower()] = self.position(value_at)
                at = self.skip(self.value(at, name[0]))
                self.values.append((name[0], value_at, at))
                if self.text[at:at + 1] == ",":
                    at += 1
                elif self.text[at:at + 1] != close:
                    self.after_value(at, name[0], close)
            if at >= len(self.text):
                self.unclosed(at, close)
            after = self.skip(at + 1)
            if self.text[after:after + 1] == ",":
                self.fail(at, f"this '{close}' ends the entry, but fields follow: a '}}' too many?",
                          "a '}' closes a '{' that is not open in the field before it")
            return at + 1
        at = self.skip(at)
        if self.text[at:at + 1] != close:
            self.fail(at, f"a '{close}' should close the @{kind} here")
        return at + 1

    def position(self, at: int) -> tuple[int, int]:
        line = bisect.bisect_left(self.newlines, at)  # newlines before `at`
        return line + 1, at - (self.newlines[line - 1] if line else -1)

    def equals(self, at: int, name: str) -> int:
        at = self.skip(at)
        if self.text[at:at + 1] != "=":
            self.fail(at, f"a '=' is missing after '{name}'", "write field = {value}")
        return at + 1

    def after_value(self, at: int, name: str, close: str):
        if _OPEN.match(self.text, at) or at >= len(self.text):
            self.unclosed(at, close)
        word = _NAME.match(self.text, at)
        if word and self.text[self.skip(word.end()):][:1] == "=":
            self.fail(at, f"a ',' is missing after the field '{name}'",
                      "separate the fields with commas")
        self.fail(at, f"unexpected '{self.text[at]}' after the field '{name}'",
                  "a field's value is {text}, \"text\", a number or a @string's name, "
                  "joined with #")

    def value(self, at: int, name: str) -> int:
        """The end of the value at `at` (its parts joined by '#')."""
        while True:
            at = self.skip(at)
            char = self.text[at:at + 1]
            if char in ("{", '"'):
                at = self.delimited(at, name)
            elif char.isdecimal():
                at = re.compile(r"\d+").match(self.text, at).end()
            elif (word := _NAME.match(self.text, at)) and char not in ("", "@"):
                if word[0].lower() not in self.strings:
                    self.fail(at, f"'{word[0]}' in the field '{name}' is no @string defined "
                              "before it", "write the text in braces: {" + word[0] + "}")
                at = word.end()
            else:
                self.fail(at, f"the field '{name}' has no value" if char in ("", ",", "}", ")")
                          else f"unexpected '{char}' at the start of the field '{name}'",
                          "write field = {value}")
            following = self.skip(at)
            if self.text[following:following + 1] != "#":
                return at
            at = following + 1

    def delimited(self, start: int, name: str) -> int:
        """The end of a {braced} or "quoted" value opening at `start`."""
        quoted, depth, at = self.text[start] == '"', 0 if self.text[start] == '"' else 1, start + 1
        while (found := _DELIMITER.search(self.text, at)):
            at, char = found.start(), found[0]
            if char == "\n" and _NEXT_ENTRY.match(self.text, at) and (depth or quoted):
                break
            if char == "{":
                depth += 1
            elif char == "}":
                if depth == 0:
                    self.fail(at, f"a '}}' in the field '{name}' closes no '{{'",
                              "remove it, or open its '{' before it")
                depth -= 1
                if depth == 0 and not quoted:
                    return at + 1
            elif char == '"' and quoted and depth == 0:
                return at + 1
            at += 1
        else:
            at = len(self.text)
        if quoted and depth == 0:
            self.fail(start, f"the '\"' that opens the field '{name}' is not closed",
                      "close it with '\"' before the next field")
        self.values.append((name, start, at))
        for field, begin, end in self.values:
            if _FIELD_IN_VALUE.search(self.text, begin, end):
                name, start = field, begin
                break
        self.fail(start, f"the braces in the field '{name}' do not balance: a '{{' is not "
                  "closed", "close each '{' with a '}'")
