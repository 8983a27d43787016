"""Reading the bibliography: CSL-JSON (or BibTeX, or pandoc's CSL YAML), checked
before citeproc-py sees it.

citeproc-py fails deep inside with a traceback on a malformed item; here a
bad entry is reported by file, line, entry id and field. Types and fields
are checked against the CSL schema's own lists (cslschema).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from . import cslschema, textfiles
from .cslmarkdown import rich_text
from .errors import ReportError, nearest, warn
from .notefields import from_note

def load(path: Path) -> list[dict]:
    suffix = path.suffix.lower()
    if suffix == ".bib":
        from .bibtex import load as load_bibtex
        items = load_bibtex(path)
        text = read(path)
    elif suffix in (".yaml", ".yml"):
        text = read(path)
        items = yaml_entries(_yaml_references(text, path))
    else:
        text = read(path)
        items = as_engines_read(_parse(text, path))
    return checked(items, path, text)


def checked(items: list, path: Path, text: str = "") -> list[dict]:
    """`items`, each entry checked; errors name `path` (and the entry's line
    in `text`, where its id is found)."""
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        _check_item(item, index, path, text, seen)
    return items


def as_engines_read(items) -> list:
    """CSL entries as pandoc and citeproc-js read them: pandoc's dates, and
    the variables a note holds (Zotero's Extra)."""
    return pandoc_dates(from_note(items))


def yaml_entries(items) -> list:
    """CSL YAML entries (`references:`, a .yaml file) as the engines read them."""
    return as_engines_read(pandoc_yaml(items))


# CSL YAML keys pandoc reads in any case (its normalizeKey).
_UPPER_KEYS = {k.lower(): k for k in ("DOI", "ISBN", "ISSN", "PMCID", "PMID", "URL")}


def pandoc_yaml(items) -> list:
    """CSL YAML (pandoc's `references:` and .yaml bibliographies) as pandoc
    reads it: one name alone, not in a list ("author: {family: Doe}"), a
    name written as text ("author: World Bank", a literal), its given names
    as a list; "doi" and "url" in lower case; text as Markdown
    (report/cslmarkdown.py). Its dates and notes are as_engines_read's."""
    if not isinstance(items, list):
        return items
    return [{_UPPER_KEYS.get(str(field).lower(), field): _pandoc_value(field, value)
             for field, value in item.items()}
            if isinstance(item, dict) else item for item in items]


# Fields pandoc reads as Markdown that are codes, not words, here.
_VERBATIM = {"id", "type", "language", "url", "doi", "isbn", "issn", "pmid", "pmcid",
             "note"}  # a note may hold variables, a line each (Zotero's Extra)


# A backslash escape of Markdown: pandoc's own `pandoc refs.bib -s -t
# markdown` writes "id: smith\_\_2020" for the key smith__2020.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _pandoc_value(field, value):
    kind = cslschema.kind_of(str(field))
    if field == "id" and isinstance(value, str):
        return _ESCAPE.sub(r"\1", value)
    if isinstance(value, str) and kind not in ("names", "dates") \
            and str(field).lower() not in _VERBATIM:
        return rich_text(value)
    if kind != "names":
        return value
    if isinstance(value, (dict, str)):
        value = [value]
    if isinstance(value, list):
        return [{"literal": name} if isinstance(name, str) else _name_parts(name)
                for name in value]
    return value


def _name_parts(name):
    """A name's parts; one written as a list is its words ("given: [Ann, B.]",
    pandoc-citeproc's form), as pandoc joins them."""
    if not isinstance(name, dict):
        return name
    return {part: " ".join(map(str, words)) if isinstance(words, list)
            and all(isinstance(w, (str, int)) for w in words) else words
            for part, words in name.items()}


def pandoc_dates(items) -> list:
    """Dates as pandoc reads them, in CSL YAML (pandoc's `references:`) and
    in CSL-JSON: YAML reads `issued: 2020-05-01` as a date, `2020` as a
    number, and both write `"issued": "March 2006"` as text, where CSL wants
    date-parts."""
    if not isinstance(items, list):
        return items
    return [{field: _pandoc_date(field, value) for field, value in item.items()}
            if isinstance(item, dict) else item for item in items]


def _pandoc_date(field: str, value):
    if cslschema.kind_of(field) != "dates":
        return value
    if isinstance(value, dict) and "year" in value and not _CSL_DATE_KEYS & set(value):
        # pandoc-citeproc's older form: {year: 2019, month: 5}; circa kept
        return dict(_old_parts([value]), **{k: v for k, v in value.items()
                                            if k not in ("year", "month", "day", "season")})
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and not value.strip():
        return {}  # no date: n.d., as an empty object is read (with a warning)
    if hasattr(value, "year"):
        return {"date-parts": [[value.year, value.month, value.day]]}
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return _old_parts(value)  # [{year: 2019, month: 5}], one a range's end
    parts = str(value).split("-")
    # decimal digits: "¹".isdigit() holds, and int() refuses it
    if isinstance(value, (str, int)) and all(p.isdecimal() for p in parts) and len(parts) <= 3:
        return {"date-parts": [[int(part) for part in parts]]}  # 2020, "2020-05"
    return {"raw": value} if isinstance(value, str) else value  # else: the check says what


_CSL_DATE_KEYS = {"date-parts", "raw", "literal"}


def _old_parts(dates: list) -> dict:
    """date-parts of pandoc-citeproc's {year, month, day} maps; a season
    without a month (1..4 or its name, "spring") is CSL's month 21..24, as
    pandoc reads it. A season of no other name is kept for the check to
    name."""
    unknown = [d["season"] for d in dates if "year" in d and "month" not in d
               and d.get("season") is not None and season_number(d["season"]) is None]
    if unknown:
        return {"date-parts": [[_int(d["year"])] for d in dates if "year" in d],
                "season": unknown[0]}

    def parts(date):
        month = date.get("month", None if date.get("season") is None
                         else season_number(date["season"]) + 20)
        day = date.get("day") if month is not None else None
        return [_int(p) for p in (date["year"], month, day) if p is not None]
    return {"date-parts": [parts(d) for d in dates if "year" in d]}


SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


def season_number(value) -> int | None:
    """CSL's season 1..4 written as a number ("2") or a name ("Spring"), or
    None for none."""
    if isinstance(value, str) and value.strip().lower() in SEASONS:
        return SEASONS[value.strip().lower()]
    number = _int(value)
    return number if isinstance(number, int) and not isinstance(number, bool) \
        and 1 <= number <= 4 else None


def _int(value):
    """A part of a date as a number where it is one ("05"), else as written."""
    return int(value) if isinstance(value, str) and value.strip().isdecimal() else value


def _yaml_references(text: str, path: Path) -> list:
    import yaml

    from . import yamlcore
    try:
        data = yamlcore.load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ReportError(f"invalid YAML: {getattr(error, 'problem', error)}", path,
                          mark.line + 1 if mark else None, 1, "fix the YAML syntax") from None
    if isinstance(data, dict):
        data = data.get("references")
    if not isinstance(data, list):
        raise ReportError("a YAML bibliography holds a list under 'references:'", path, 1, 1,
                          "write 'references:' and under it '- id: …' entries")
    return data


def load_all(paths: list[Path], inline: tuple[Path, list] | None = None
             ) -> tuple[list[dict], dict[str, Path]]:
    """The references of several bibliographies (pandoc's `bibliography:` may
    list more than one) and of the article's own `references:` (`inline`:
    the article and its entries, checked here), and the file each id comes
    from. An id in two places is an error, as it is in one."""
    items, origin = [], {}
    sources = [(path, load(path)) for path in paths]
    if inline:
        sources.append((inline[0], checked(yaml_entries(inline[1]), inline[0], read(inline[0]))))
    for path, entries in sources:
        for item in entries:
            key = item["id"].lower()
            if key in origin:
                raise ReportError(f"entry '{item['id']}' is also in {origin[key].name}", path,
                                  line_of(item, read(path)), 1,
                                  "keep one of the two, or give one another id")
            origin[key] = path
            items.append(item)
    return items, origin


def _parse(text: str, path: Path) -> list:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportError(f"invalid JSON: {error.msg}", path, error.lineno, error.colno,
                          "fix the JSON syntax (a missing comma or quote?)") from None
    if isinstance(data, dict) and "items" in data:
        data = data["items"]
    if not isinstance(data, list):
        raise ReportError("CSL-JSON must be an array of references", path, 1, 1,
                          "export the library as CSL JSON")
    return data


def read(path: Path) -> str:
    try:
        return textfiles.read(path, "the bibliography")
    except FileNotFoundError:
        raise ReportError("the bibliography does not exist", path) from None


def _check_item(item, index: int, path: Path, text: str, seen: dict) -> None:
    def fail(message, hint="", occurrence=0):
        line = line_of(item, text, occurrence) or _nth_line(text, index)
        raise ReportError(f"{label}: {message}", path, line, 1 if line else None, hint)

    def doubt(message):
        warn(f"{label}: {message}", path, line_of(item, text) or _nth_line(text, index))

    label = f"entry {index + 1}"
    if not isinstance(item, dict):
        fail("is not an object")
    ident = item.get("id")
    if ident is None or str(ident).strip() == "":
        fail("has no 'id'", "give every reference a unique 'id', the key you cite")
    if isinstance(ident, bool) or not isinstance(ident, (str, int)):
        # A list's text, "['smith2020']", was its key: "unknown citation key".
        fail(f"'id' must be text or a whole number, not {json.dumps(ident)}",
             "write the key you cite, e.g. \"id\": \"smith2020\"")
    item["id"] = str(ident)
    label = f"entry '{ident}'"
    if item.get("type") in (None, ""):
        # As pandoc and citeproc-js render it: a work of no type, which no
        # test of the style's matches (apa.csl: a book's form; not CSL's
        # `document`, which it dates in full). An export may lack it. ""
        # is that type: it names none, so no type="..." test matches it.
        doubt("has no 'type': rendered as a work of no type, as pandoc and citeproc-js "
              "do; add a CSL type such as 'article-journal', 'report' or 'webpage'")
        item["type"] = ""
    elif not isinstance(item["type"], str):
        _failing_at("type", item, index, path, text, label)(
            f"'type' must be text, not {json.dumps(item['type'])}",
            "write a CSL type such as 'article-journal' or 'webpage'")
    elif item["type"] not in cslschema.item_types():
        csl = OTHER_TYPES.get(item["type"].lower())
        hint = (f"did you mean {csl!r}? CSL's type for what BibTeX or Zotero calls "
                f"{item['type']!r}" if csl else nearest(item["type"], cslschema.item_types()))
        fail(f"'type' {item['type']!r} is not a CSL item type",
             hint or "use a CSL type such as 'article-journal', 'book' or 'webpage'")
    if str(ident).lower() in seen:
        # citeproc-js and pandoc keep the later entry and drop the earlier one
        # without a word; which work was meant is the writer's to say.
        first = line_of(item, text) or _nth_line(text, seen[str(ident).lower()])
        at = f" (line {first})" if first else ""
        fail(f"has the same id as entry {seen[str(ident).lower()] + 1}{at}",
             "ids must be unique (letter case aside): keep one of the two, or give "
             "one another id", occurrence=1)
    seen[str(ident).lower()] = index
    for field in [f for f, v in item.items() if _empty_date(f, v)]:
        # As citeproc-js and pandoc read it: no date, "n.d." (APA §9.17).
        warn(f"{label}: '{field}' is empty, read as no date (n.d.); remove it, or write "
             "the date, e.g. {\"date-parts\": [[2020, 3, 1]]}",
             path, *_field_place(item, text, index, field))
        del item[field]
    for field, value in item.items():
        _check_field(field, value, _failing_at(field, item, index, path, text, label), doubt)
    for field in [f for f, v in item.items() if v == [] and cslschema.kind_of(f) == "names"]:
        del item[field]  # "editor": [] names no one: as if not given (citeproc-py fails on it)
    if isinstance(item.get("DOI"), str):
        item["DOI"] = _DOI_LINK.sub("", item["DOI"]).strip()
    if isinstance(item.get("page"), str):
        item["page"] = _PAGE_LABEL.sub("", item["page"])


def _failing_at(field: str, item, index: int, path: Path, text: str, label: str):
    """A `fail` for what is wrong with one field: at the field's own line,
    or at the entry's where the field is not written so (BibTeX's `year`)."""
    def fail(message, hint=""):
        line, column = _field_place(item, text, index, field)
        raise ReportError(f"{label}: {message}", path, line, column or (line and 1), hint)
    return fail


def _empty_date(field: str, value) -> bool:
    """A date with nothing in it: {}, {"date-parts": []} or [[]], as Zotero
    and hand-written files leave one."""
    if cslschema.kind_of(field) != "dates" or not isinstance(value, dict):
        return False
    parts = value.get("date-parts")
    rest = {k: v for k, v in value.items() if k != "date-parts"}
    return not rest and (parts is None or parts in ([], [[]]))


def _field_place(item, text: str, index: int, field: str) -> tuple:
    """(line, column) of `field` in the entry that starts at its line, as
    JSON (`"issued":`) or YAML (`issued:`) writes it; else the entry's line."""
    line = line_of(item, text) or _nth_line(text, index)
    if not line:
        return None, None
    start = sum(len(row) + 1 for row in text.split("\n")[:line - 1])
    # also in a JSON note's text, after its "\n" (Zotero's Extra: notefields)
    found = re.compile(rf'"{re.escape(field)}"\s*:|(?:\b|(?<=\\n)){re.escape(field)}\s*:'
                       ).search(text, start)
    if not found:
        return line, None
    return text.count("\n", 0, found.start()) + 1, found.start() - text.rfind("\n", 0,
                                                                               found.start())


# A DOI written as its link or with "doi:", as journals' pages and Zotero
# give it: the style prints "https://doi.org/" before it, so the prefix was
# printed twice (by citeproc-js and pandoc alike). APA §9.34: the DOI once.
# Pages exported with their label ("pp. 12-34", "p. 5"): the style adds its
# own, so it printed "(pp. pp. 12–34)" (as pandoc does); citeproc-js reads
# the pages alone, "(pp. 12–34)".
_PAGE_LABEL = re.compile(r"^\s*(?:pp?|pgs?|pages?)\.?\s+(?=\w)", re.IGNORECASE)
_DOI_LINK = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


# The CSL types of the entry types BibTeX, biblatex, Zotero and RIS users
# write in CSL-JSON by hand, which spelling alone does not find ("letter"
# is no misspelled "entry"): a letter or an email is APA's personal
# communication (§8.9), cited in the text alone.
OTHER_TYPES = {
    "letter": "personal_communication", "email": "personal_communication",
    "e-mail": "personal_communication", "correspondence": "personal_communication",
    "personal-communication": "personal_communication",
    "misc": "document", "online": "webpage", "website": "webpage", "web": "webpage",
    "www": "webpage", "electronic": "webpage", "techreport": "report",
    "phdthesis": "thesis", "mastersthesis": "thesis", "dissertation": "thesis",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "conferencepaper": "paper-conference", "proceedings": "book", "mvbook": "book",
    "manual": "book", "incollection": "chapter", "inbook": "chapter",
    "booksection": "chapter", "booklet": "pamphlet", "unpublished": "manuscript",
    "journalarticle": "article-journal", "magazinearticle": "article-magazine",
    "newspaperarticle": "article-newspaper", "blogpost": "post-weblog",
    "forumpost": "post", "computerprogram": "software", "videorecording": "motion_picture",
    "film": "motion_picture", "movie": "motion_picture", "audiorecording": "song",
    "presentation": "speech", "case": "legal_case", "statute": "legislation",
    "encyclopediaarticle": "entry-encyclopedia", "dictionaryentry": "entry-dictionary",
    "tvbroadcast": "broadcast", "radiobroadcast": "broadcast", "podcast": "song",
    "artwork": "graphic", "image": "graphic", "data": "dataset",
    "jour": "article-journal", "chap": "chapter", "rprt": "report", "thes": "thesis",
    "conf": "paper-conference", "elec": "webpage",  # RIS
}


def _check_field(field: str, value, fail, doubt) -> None:
    kind = cslschema.kind_of(field)
    if kind == "names":
        if not isinstance(value, list):
            fail(f"'{field}' must be a list of names")
        for name in value:
            if isinstance(name, dict) and not (name.get("family") or name.get("literal")) \
                    and isinstance(name.get("given"), str) and name["given"].strip():
                # One name alone, "Banksy": the whole name, as citeproc-js and
                # pandoc print it in the list (APA §9.8), and in the citation
                # too, where their short form (family name) printed nothing.
                name["literal"] = name.pop("given")
            if not isinstance(name, dict) or not (name.get("family") or name.get("literal")):
                fail(f"a name in '{field}' has neither 'family' nor 'literal'",
                     "write {\"family\": ..., \"given\": ...} or {\"literal\": ...}")
            for part in _NAME_PARTS:
                if name.get(part) is not None and not isinstance(name[part], str):
                    fail(f"a name in '{field}' has a '{part}' that is not text: "
                         f"{json.dumps(name[part])}", "write each part of a name as a string")
    elif kind == "dates":
        _check_date(value, field, fail, doubt)
    elif field == "language" and not isinstance(value, str):
        fail("'language' must be text, a language tag", "write e.g. \"en\" or \"de-DE\"")
    elif kind and (isinstance(value, bool) or not isinstance(value, (str, int, float))):
        fail(f"'{field}' must be text or a number, not {type(value).__name__}")


_NAME_PARTS = ("family", "given", "literal", "suffix", "dropping-particle",
               "non-dropping-particle")


def _check_date(value, field: str, fail, doubt) -> None:
    if not isinstance(value, dict):
        fail(f"'{field}' must be an object with 'date-parts'",
             "write {\"date-parts\": [[2025, 3, 1]]}, or the date as text: \"2025-03-01\"")
    if value.get("date-parts") in ([], [[]]) and ("raw" in value or "literal" in value):
        # {"date-parts": [], "literal": "(in press)"}: the date is the text,
        # as citeproc-js and pandoc read it.
        del value["date-parts"]
    if "date-parts" not in value:
        for kind in ("raw", "literal"):
            if kind in value:
                text = value[kind]
                if isinstance(text, bool) or not isinstance(text, (str, int)):
                    fail(f"'{field}' has a '{kind}' that is not text: {json.dumps(text)}",
                         "write e.g. {\"raw\": \"2020-03-15\"} or {\"literal\": \"ca. 1850\"}")
                value[kind] = str(text)
        if "raw" in value:
            from .rawdatereading import raw_date  # as citeproc-py will read it
            read = raw_date(value["raw"])
            if read is None and not _NO_DATE.match(value["raw"].strip()):
                doubt(f"'{field}' {json.dumps(value['raw'])} is no date report can read: "
                      "it prints as written; write it as 2020-03-15, or as "
                      "{\"literal\": ...} to mean it")
            for p in (read or {}).get("date-parts", []):
                if _impossible(p, seasons=False):
                    fail(f"'{field}' has an impossible date {json.dumps(value['raw'])} "
                         f"({_impossible(p, seasons=False)})",
                         "write a date that can be, e.g. 2020-01-31, "
                         "or leave out the day or month")
        if "raw" in value or "literal" in value:
            return
        fail(f"'{field}' has no 'date-parts'", "write {\"date-parts\": [[2025, 3, 1]]}")
    if "season" in value and season_number(value["season"]) is None:
        # citeproc-js prints the year alone, or the season as written ("5
        # 2020" with MLA); report the year alone, and says so.
        doubt(f"'{field}' has a season {json.dumps(value.pop('season'))} that is none, left "
              "out; write spring, summer, autumn (or fall) or winter, or 1..4")
    elif "season" in value:
        # "Spring" or "2" is season 1 or 2, printed as the locale's word for
        # it ("Spring", "Primavera"); citeproc-py printed a name as nothing.
        value["season"] = season_number(value["season"])
    parts = value["date-parts"]
    # A part left blank, [["2000", "", ""]], is unknown (known_parts), as
    # citeproc-js and pandoc read it.
    ok = isinstance(parts, list) and parts and all(
        isinstance(p, list) and 1 <= len(p) <= 3 and _is_int(p[0])
        and all(_is_int(x) or x in ("", None) for x in p) for p in parts)
    if not ok:
        fail(f"'{field}' has bad 'date-parts' {json.dumps(parts)}",
             "write [[year, month, day]] with whole numbers, e.g. [[2025, 3, 1]]")
    for p in parts:
        if _impossible(p) == _NO_MONTH:
            # citeproc-js and pandoc print the year and the day ("1965, 1"):
            # a month that is none leaves the year alone, and says so.
            doubt(f"'{field}' has a month {json.dumps(p[1])} that is none: only the "
                  f"year {p[0]} is printed; a month is 1..12, a season 21..24")
            del p[1:]
        elif _impossible(p) == _SEASON_DAY:
            # citeproc-js prints the day after the season, "Spring 5"; the
            # season alone is printed, and the day said to be left out.
            name = ("spring", "summer", "autumn", "winter")[season(p[1]) - 1]
            doubt(f"'{field}' has a day {json.dumps(p[2])} in {name} {p[0]} "
                  f"({json.dumps(p)}): a season has no day, so it is left out; write "
                  f"[{p[0]}, {p[1]}] for the season, or the month 1..12 with the day")
            del p[2:]
        elif _impossible(p):
            fail(f"'{field}' has an impossible date {json.dumps(p)} ({_impossible(p)})",
                 "a month is 1..12, a season 21..24 (spring to winter), with no day")


def known_parts(parts) -> list[int]:
    """Year, month, day as far as known: Zotero and Mendeley write an
    unknown month or day as 0 ("2020-00-00", [2020, 0, 0]), as citeproc-js
    reads them."""
    numbers = [int(x) for x in parts if x not in (None, "")]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    return numbers


# What a raw date may say for none: APA's "n.d." (and its Spanish and
# German forms), "in press", "forthcoming".
_NO_DATE = re.compile(r"^(n\.\s?d\.?|s\.\s?f\.?|o\.\s?J\.?|in press|forthcoming)$", re.I)


def season(month) -> int | None:
    """The season (1 spring .. 4 winter) a date's month stands for, or None:
    CSL's 21..24, and 13..20 as citeproc-js reads them too (its
    normalizeMonth: 17..20 are seasons again, spring to winter)."""
    month = int(month)
    return (month - 13) % 4 + 1 if 13 <= month <= 24 else None


_NO_MONTH = "month must be in 1..12"
_SEASON_DAY = "a season has no day"


def _impossible(parts: list, seasons: bool = True) -> str:
    """Why [year, month, day] is no date, or ''; a month 21..24 is a season
    in date-parts, not in a date written out ("2020-21")."""
    known = known_parts(parts)
    year, month, day = (known + [1, 1])[:3]
    if seasons and len(known) >= 2 and season(month):
        return _SEASON_DAY if len(known) > 2 else ""
    if not 1 <= month <= 12:
        return _NO_MONTH
    days = days_in_month(year, month)
    return "" if 1 <= day <= days else f"day must be in 1..{days}"


def days_in_month(year: int, month: int) -> int:
    """`calendar.monthrange(year, month)[1]` (a year outside 1..9999 as
    2000): the Gregorian calendar's, as pandoc and citeproc-js check a day,
    without importing calendar and locale (1 ms of every cold build)."""
    year = year if 1 <= year <= 9999 else 2000
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS[month - 1]


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_int(value) -> bool:
    try:
        int(value)
        return not isinstance(value, bool)
    except (TypeError, ValueError):
        return False


def _nth_line(text: str, index: int) -> int | None:
    """The line where the `index`th entry of a JSON array starts (an entry
    with no id, or one that is no object, cannot be found by its id); in
    YAML, the `index`th item of `references:` (an article's or a file's)."""
    decoder = json.JSONDecoder()
    if not text.lstrip().startswith("["):
        return _nth_yaml_item(text, index)
    position = text.find("[") + 1
    try:
        for _ in range(index + 1):
            position = len(text) - len(text[position:].lstrip(" \t\r\n,"))
            begin = position
            _, position = decoder.raw_decode(text, position)
    except ValueError:
        return None
    return text.count("\n", 0, begin) + 1


def _nth_yaml_item(text: str, index: int) -> int | None:
    """The line of the `index`th `- ` item of the block list under a
    top-level `references:` key, or None (none, or a flow list)."""
    lines = text.split("\n")
    start = next((n for n, line in enumerate(lines)
                  if re.match(r"references:\s*(#.*)?$", line)), None)
    if start is None:
        return None
    indent, count = None, -1
    for n in range(start + 1, len(lines)):
        line = lines[n]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        dash = re.match(r"( *)- ", line + " ")
        if indent is None and not dash or line[:1] not in (" ", "-") \
                or line.strip() in ("---", "..."):
            return None  # the next key, or the end of the front matter
        if dash and (indent is None or len(dash[1]) == indent):
            indent, count = len(dash[1]), count + 1
            if count == index:
                return n + 1
    return None


def line_of(item, text: str, occurrence: int = 0) -> int | None:
    """Where the entry stands in the file, found by its id (the second
    `occurrence` of a duplicated id is the duplicate)."""
    ident = item.get("id") if isinstance(item, dict) else None
    if ident is None:
        return None
    # As JSON writes it ("id": "x"), as YAML may (id: x), or BibTeX (@book{x,).
    pattern = re.compile(rf"""{re.escape(json.dumps(str(ident)))}|\bid:\s*["']?"""
                         rf"""{re.escape(str(ident))}["']?\s*$|"""
                         rf"""(?i:@\w+\s*[{{(]\s*{re.escape(str(ident))}\s*,)""", re.M)
    found = list(pattern.finditer(text))
    if len(found) <= occurrence:
        return None
    return text.count("\n", 0, found[occurrence].start()) + 1
