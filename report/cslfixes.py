"""Where citeproc-py 0.11.1 departs from the CSL 1.0.2 specification.

Each fix below is a small patch of citeproc-py, pinned to exactly that
version (requirements.txt), named for the rule of the specification it
restores, and checked against citeproc-js by tests/test_cite_conformance.py
and on its own by tests/test_cite_fixes.py. `apply()` installs them all,
once; cslengine.py calls it before any rendering.

They change how citeproc-py processes a style, never its output strings
after the fact.
"""

from __future__ import annotations

import re

import citeproc
from citeproc import model, string
from citeproc.source import json as csljson

_VERSION = "0.11.1"
_applied = False


def apply() -> None:
    global _applied
    if _applied:
        return
    if citeproc.__version__ != _VERSION:
        raise RuntimeError(f"report.cslfixes patches citeproc-py {_VERSION}, "
                           f"not {citeproc.__version__}; see requirements.txt")
    _csl_102_variables()
    _substitute_suppresses_variables()
    _punctuation_collisions()
    _date_ranges_and_seasons()
    _text_case()
    _smart_quotes()
    _punctuation_in_quote()
    _plain_sort_keys()
    _raw_dates()
    _hyphenated_initials()
    from . import csldisambig
    csldisambig.install()
    _applied = True


# --- CSL 1.0.2 variables -------------------------------------------------------

# Name, date and number variables that CSL 1.0.2 added and apa.csl uses
# (a `director` was read as a string and crashed the name renderer).
NEW_NAMES = ["chair", "compiler", "contributor", "curator", "director",
             "editor_translator", "executive_producer", "guest", "host",
             "narrator", "organizer", "performer", "producer", "reviewed_author",
             "script_writer", "series_creator"]
NEW_DATES = ["available_date"]
NEW_NUMBERS = ["citation_number", "part_number", "printing_number", "supplement_number"]
NEW_STRINGS = ["archive_collection", "available_date", "container_title_short",
               "division", "event_title", "part_title", "publisher_place",
               "reviewed_genre", "reviewed_title", "volume_title"]


def _csl_102_variables() -> None:
    # citeproc's modules share these very lists (imported by name), so
    # extending them in place reaches the JSON reader and the renderer alike.
    citeproc.NAMES.extend(n for n in NEW_NAMES if n not in citeproc.NAMES)
    citeproc.DATES.extend(d for d in NEW_DATES if d not in citeproc.DATES)
    citeproc.NUMBERS.extend(n for n in NEW_NUMBERS if n not in citeproc.NUMBERS)
    known = set(citeproc.VARIABLES)
    citeproc.VARIABLES.extend(v for v in NEW_NAMES + NEW_DATES + NEW_NUMBERS + NEW_STRINGS
                              if v not in known)


# --- cs:substitute -------------------------------------------------------------

# CSL 1.0.2, cs:substitute: "Substituted variables are considered empty for
# the remainder of the output". citeproc-py only remembered the `variable`
# attribute of the substituting element, so a title reached through a macro
# (apa.csl's way) was printed twice: as the author and again as the title.
# We record every variable that the winning substitute renders, and both
# cs:text and cs:names then treat it as empty for the rest of the entry.

_SUPPRESSED = "*suppressed"
_RECORDING = "*recording"


def _substitute_suppresses_variables() -> None:
    original_variable = model.Text._variable
    original_names = model.Names.process

    def substitute_render(self, item, context=None, **kwargs):
        repressed = context.get_layout().repressed
        for child in self.getchildren():
            outer = repressed.get(_RECORDING)
            repressed[_RECORDING] = recorded = set()
            try:
                if isinstance(child, model.Names) and child.name is None:
                    names = self.xpath_search('./parent::cs:names[1]')[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except model.VariableError:
                text = None
            finally:
                repressed[_RECORDING] = outer
            if outer is not None:
                outer |= recorded
            if text:
                repressed.setdefault(_SUPPRESSED, set()).update(recorded)
                return text
        return None

    def text_variable(self, item, context):
        if _used(self if context is None else context, self.get("variable")):
            return None
        return original_variable(self, item, context)

    def names_process(self, item, names_context=None, context=None, **kwargs):
        roles = self.get("variable")
        live = [r for r in roles.split() if not _used(context or self, r)]
        if not live:
            raise model.VariableError
        # Ask for the remaining variables only, for this one rendering.
        self.set("variable", " ".join(live))
        try:
            return original_names(self, item, names_context=names_context,
                                  context=context, **kwargs)
        finally:
            self.set("variable", roles)

    def layout_render_children(self, item, *args, **kwargs):
        # cs:names is often processed without a context, so it cannot find
        # its layout; it finds the entry being rendered here instead.
        _current.append(self)
        try:
            return original_children(self, item, *args, **kwargs)
        finally:
            _current.pop()

    original_children = model.Layout.render_children
    model.Substitute.render = substitute_render
    model.Text._variable = text_variable
    model.Names.process = names_process
    model.Layout.render_children = layout_render_children


_current: list = []  # the layouts rendering an entry or citation, innermost last


def _used(element, variable: str) -> bool:
    """Record `variable` as rendered; True if a substitution already took it."""
    layouts = element.xpath_search("./ancestor-or-self::cs:layout[1]") or _current[-1:]
    if not layouts:  # a sort key's macro: nothing to track
        return False
    repressed = layouts[0].repressed
    if variable in repressed.get(_SUPPRESSED, ()):
        return True
    if repressed.get(_RECORDING) is not None:
        repressed[_RECORDING].add(variable)
    return False


# --- punctuation ---------------------------------------------------------------

# CSL 1.0.2, Appendix V "Punctuation": a period after "?" or "!" (or a
# second period) is dropped, also when markup such as </i> stands between
# them: "Why is weather prediction so hard?" is not followed by ".".
_TRAILING_TAGS = re.compile(r"(?:<[^<>]*>)+$")


def _punctuation_collisions() -> None:
    original = string.normalize_seam

    def normalize_seam(left, other):
        # The cheap test first: this runs at every join of rendered text.
        if str(other)[:1] == ".":
            visible = _TRAILING_TAGS.sub("", str(left))
            if visible and visible[-1] in ".?!":
                return string._strip_first_char(other)
        return original(left, other)

    string.normalize_seam = normalize_seam
    model.normalize_seam = normalize_seam


# --- dates ---------------------------------------------------------------------

def _date_ranges_and_seasons() -> None:
    original_date = model.Date.process
    original_part = model.Date_Part.process

    def date_process(self, item, variable=None, show_parts=None, context=None, **kwargs):
        # A range's shared part ("2020" of "April 25–30, 2020") is joined with
        # the date's own delimiter; citeproc-py asked the enclosing macro for
        # one, which has none, and crashed.
        if not isinstance(context, model.Date):
            context = None
        return original_date(self, item, variable, show_parts, context, **kwargs)

    def part_process(self, date, context=None):
        # A season stands in for the month in text (CSL 1.0.2, "Seasons");
        # in numeric form, as in sort keys, it has no number and renders as
        # nothing instead of failing an assertion.
        if (self.get("name") == "month" and not _has_month(date)
                and (self.get("form") or "").startswith("numeric")):
            raise model.VariableError
        return original_part(self, date, context)

    model.Date.process = date_process
    model.Date_Part.process = part_process


def _has_month(date) -> bool:
    try:
        return date.month is not None
    except model.VariableError:
        return False


# --- text case -----------------------------------------------------------------

def _text_case() -> None:
    original = model.TextCased.case

    def case(self, text, language=None):
        # Labels ("Eds.", "Trans.") reach text-case without a language and
        # were left alone; like other text they are in the style's language.
        if language is None:
            language = (self.get_root().get("default-locale") or "en")[:2]
        if self.get("text-case") == "title":
            return _title_case(self, text, language)
        return original(self, text, language)

    model.TextCased.case = case
    # CSL 1.0.2 lowercases "v." and "vs." in title case ("Brown v. Board").
    model.TextCased._stop_words.extend(["v.", "vs.", "v", "vs"])


def _title_case(element, text, language):
    """CSL title case, also for a word behind an opening quote ("‘Catastrophic’")."""
    if language != "en":
        return text
    words, previous = [], ":"
    for word in text.words():
        plain = str(word)
        core = plain.lstrip(_OPENING)
        lead = len(plain) - len(core)
        if core.islower() and not isinstance(word, string.NoCase):
            if core not in element._stop_words or previous in ":.":
                plain = plain[:lead] + core[:1].upper() + core[1:]
        words.append(plain)
        previous = plain[-1:]
    return " ".join(words)


_OPENING = "‘“\"'([«"


# --- quotation marks -----------------------------------------------------------

# citeproc-js and pandoc print typographic quotes where the data has straight
# ones: 'The "myth" of multitasking' becomes 'The “myth” of multitasking'.
_DOUBLE = re.compile(r'"([^"]*)"')


def _smart_quotes() -> None:
    original = csljson.CiteProcJSON.parse_string

    def parse_string(self, value):
        if isinstance(value, str):
            value = smarten(value)
        return original(self, value)

    csljson.CiteProcJSON.parse_string = parse_string


def smarten(text: str) -> str:
    """Straight quotes and apostrophes → typographic ones, as Pandoc's smart."""
    if "://" in text or ('"' not in text and "'" not in text):
        return text
    text = _DOUBLE.sub("\u201c\\1\u201d", text)
    text = re.sub(r"(?<=\w)'|'(?=\s|$|[.,;:!?)])", "\u2019", text)
    return text.replace("'", "\u2018")


# --- punctuation in quotes -----------------------------------------------------

# en-US: punctuation-in-quote="true": a comma or period that follows a closing
# quotation mark moves inside it: (“Scientists Warn …,” 2020).
class CloseQuote(string.String):
    """The close-quote term, remembering whether punctuation goes inside."""
    inside = False


def _punctuation_in_quote() -> None:
    def quote(self, text):
        if self.get("quotes", "false").lower() != "true":
            return text
        close = CloseQuote(self.get_single_term(name="close-quote"))
        close.inside = self.get_locale_option("punctuation-in-quote").lower() == "true"
        return self.get_single_term(name="open-quote") + text + close

    original_add = string.MixedString.__add__

    def add(self, other):
        last = _last_leaf(self)
        first = str(other)[:1]
        if isinstance(last, CloseQuote) and last.inside and first in (",", "."):
            moved = string.MixedString(list(self)[:-1] + [string.String(first), last])
            if _last_leaf(moved) is last and list(self)[-1] is last:
                return original_add(moved, string._strip_first_char(other))
        return original_add(self, other)

    model.Quoted.quote = quote
    string.MixedString.__add__ = add


def _last_leaf(text):
    while isinstance(text, string.MixedString) and len(text):
        text = list.__getitem__(text, -1)
    return text


# --- sorting -------------------------------------------------------------------

# CSL 1.0.2, "Sorting": a macro's sort key is its text without formatting.
# citeproc-py kept the HTML, so "<i>The Holy Bible</i>" sorted before "Giertz"
# and every italic title before every author.
_MARKUP = re.compile(r"<[^<>]*>|[\u201c\u201d\u2018\u2019\"\[\]]")


def _plain_sort_keys() -> None:
    original = model.Key.sort_keys

    def sort_keys(self, items, context):
        keys = original(self, items, context)
        return [_MARKUP.sub("", str(k)) if isinstance(k, (str, list)) else k for k in keys]

    model.Key.sort_keys = sort_keys


# --- raw dates -----------------------------------------------------------------

# CSL-JSON allows {"raw": "2021-11-02"} (Zotero exports it); citeproc-py read
# it as no date at all. ISO dates and ranges ("2020-04-25/2020-04-30") are
# read as date-parts, as citeproc-js does; anything else stays a literal.
_ISO = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def _raw_dates() -> None:
    original = csljson.CiteProcJSON.parse_date

    def parse_date(self, json_data):
        if "date-parts" not in json_data and "raw" in json_data:
            parts = [_ISO.match(p.strip()) for p in str(json_data["raw"]).split("/")]
            if all(parts):
                json_data = dict(json_data, **{"date-parts": [
                    [int(x) for x in m.groups() if x] for m in parts]})
            else:
                json_data = dict(json_data, literal=json_data["raw"])
        return original(self, json_data)

    csljson.CiteProcJSON.parse_date = parse_date


# --- initials ------------------------------------------------------------------

# "Soo-yeon" initializes to "S." (citeproc-js, pandoc): a lowercase part after
# a hyphen is not a second given name. citeproc-py printed "S.-. yeon .".
def _hyphenated_initials() -> None:
    original = model.Name.initialize

    def initialize(self, given, mark, context):
        parts = str(given).split("-")
        given = "-".join([parts[0]] + [p for p in parts[1:] if p[:1].isupper()])
        return original(self, given, mark, context)

    model.Name.initialize = initialize
