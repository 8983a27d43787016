"""Where citeproc-py 0.11.1 departs from the CSL 1.0.2 specification.

Each fix below is a small patch of citeproc-py, pinned to exactly that
version (requirements.txt), named for the rule of the specification it
restores, and checked against citeproc-js by tests/test_cite_conformance.py
and on its own by tests/test_cite_fixes.py. `apply()` installs them all,
once; cslengine.py calls it before any rendering.

They change how citeproc-py processes a style, never its output strings
after the fact.

Known and kept: title case leaves a minor word that ends a title in
lowercase, "A Theory of Policy of", where CSL 1.0.2's engines (citeproc-js,
pandoc) capitalize a last word ("Policy Of"). APA 7 §6.17 lists what is
capitalized (the first word of a title and a subtitle, the first after a
colon, an em dash or end punctuation, major words, words of four letters
or more, both parts of a hyphenated major word) and lowercases minor words
with no exception for the last one, so an APA title keeps it lowercase.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

import citeproc
from citeproc import formatter, model, string
from citeproc.source import LiteralDate
from citeproc.source import json as csljson

from . import cslrichtext
from .cslengine import TAG, split_tags
from .refs import SEASONS as _SEASONS
from .refs import known_parts, season

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
    _hyphenated_variable_names()
    _substitute_suppresses_variables()
    _substituted_names_inherit()
    _punctuation_collisions()
    _date_ranges_and_seasons()
    _text_case()
    _smart_quotes()
    _typographic_terms()
    _punctuation_in_quote()
    _collated_sort_keys()
    _names_in_sort_keys()
    _et_al_subsequent()
    _dates_in_sort_keys()
    _raw_dates()
    _names_as_written()
    _name_parts_joined_at_seams()
    _particles_that_join()
    _names_in_cjk_scripts()
    _lowercase_given_names()
    _hyphenated_initials()
    _initialize_false()
    _numeric_locators()
    _term_form_fallback()
    _terms_as_citeproc_js_finds_them()
    _labels_of_empty_variables()
    _ordinals_of_one_locale()
    _plural_number_of()
    _expanded_page_ranges()
    _number_ranges()
    _ampersands_in_numbers()
    _groups_by_what_rendered()
    _silent_names()
    _positions_of_the_document()
    from . import csldisambig, cslyearsuffix
    csldisambig.install()
    cslyearsuffix.install()
    _applied = True


# --- name parts ----------------------------------------------------------------

# A name's parts meet at the sort-separator as all other rendered pieces meet
# (citeproc-py's string.join): no double space where a part's suffix ends
# with one, "Cole, Cy" for a family name-part with suffix ", " and
# sort-separator " " (atlande's), as citeproc-js and pandoc print it;
# citeproc-py joined them as plain text, "Cole,  Cy".
class _SeamSeparator(str):
    def join(self, parts):
        return string.join(list(parts), str(self))


def _name_parts_joined_at_seams() -> None:
    original = model.Name.get_option

    def get_option(self, name, context=None, sort_options=None):
        value = original(self, name, context, sort_options)
        return _SeamSeparator(value) if name == "sort-separator" else value

    model.Name.get_option = get_option


# A particle that ends in an apostrophe or a hyphen joins the family name
# with no space (CSL 1.0.2, "Name-part Order"): "d’Alembert, J.", "de’Medici",
# "John d’Jones", as citeproc-js and pandoc print them; citeproc-py joined
# all parts with spaces, "d’ Alembert". Where the style demotes particles
# (Chicago's demote-non-dropping-particle="display-and-sort") and the name
# is inverted, the particle goes after the given name, as both engines put
# it: "Aubignac, François d’", "Farabi, Abu Nasr al-", listed under A and F.
# A style that demotes them for sorting only (demote-non-dropping-particle=
# "sort-only", harvard-cite-them-right's, ASA's) lists "van Gogh" under G.
_JOINING = ("'", "\u2019", "-")
_naming: list[tuple[bool, set, bool]] = []  # (long form, inverted names, demoting), innermost last


def _particles_that_join() -> None:
    from citeproc.source import Name

    original_parts, original_process = Name.parts, model.Name.process

    def parts(self):
        given, family, dropping, particle, suffix = original_parts(self)
        long, inverted, demoting = _naming[-1] if _naming else (False, (), False)
        turned = id(self) in inverted
        if particle and family and particle.endswith(_JOINING) and not (turned and demoting):
            return given, particle + family, dropping, None, suffix
        if dropping and family and dropping.endswith(_JOINING) and not particle \
                and long and not turned:
            return given, dropping + family, None, None, suffix
        return given, family, dropping, particle, suffix

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        def option(name):
            return self.get_option(name, context, sort_options)
        if sort_options and "name-as-sort-order" in sort_options \
                and option("demote-non-dropping-particle") == "sort-only":
            # A sort key (cs:key) demotes, as both engines sort "van Gogh"
            # under G in harvard-cite-them-right and ASA; citeproc-py did not.
            sort_options = dict(sort_options, **{
                "demote-non-dropping-particle": "display-and-sort"})
        names = item.reference.get(variable) or []
        if not any(_joins(original_parts(n)) for n in names if isinstance(n, Name)):
            return original_process(self, item, variable, context, sort_options, **kwargs)
        order, long = option("name-as-sort-order"), option("form") == "long"
        inverted = {id(n) for i, n in enumerate(names)
                    if long and (order == "all" or order == "first" and i == 0)}
        _naming.append((long, inverted,
                        option("demote-non-dropping-particle") == "display-and-sort"))
        try:
            return original_process(self, item, variable, context, sort_options, **kwargs)
        finally:
            _naming.pop()

    Name.parts = parts
    model.Name.process = process


def _joins(parts) -> bool:
    """Whether a name has a particle that joins the family name ("d’")."""
    return any(p and p.endswith(_JOINING) for p in parts[2:4])


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


# CSL names its variables with hyphens ("number-of-volumes"); citeproc-py
# stores them with underscores, and some of its lookups use the CSL name as
# it stands: `names variable="reviewed-author"` and `number
# variable="number-of-volumes"` found nothing ("by P. Hall", "1–3" of
# "Vols. 1–3" went missing). A reference answers to both spellings.
def _hyphenated_variable_names() -> None:
    from citeproc.source import Reference, VariableError

    # Hot: the common name has no hyphen and costs no replace().
    def getitem(self, key):
        try:
            return dict.__getitem__(self, key.replace("-", "_") if "-" in key else key)
        except KeyError:
            raise VariableError from None

    def setitem(self, key, value):
        dict.__setitem__(self, key.replace("-", "_") if "-" in key else key, value)

    def contains(self, key):
        return dict.__contains__(self, key.replace("-", "_") if "-" in key else key)

    def get(self, key, default=None):
        return dict.get(self, key.replace("-", "_") if "-" in key else key, default)

    Reference.__getitem__ = getitem
    Reference.__setitem__ = setitem
    Reference.__contains__ = contains
    Reference.get = get


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
    original_number = model.Number.process

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

    def number_process(self, item, context=None, **kwargs):
        # An edition reached through the substitute (a book with no author
        # is listed by "Title (2nd ed.)") is not printed again after the date.
        if _used(self if context is None else context, self.get("variable")):
            raise model.VariableError
        return original_number(self, item, context=context, **kwargs)

    def names_process(self, item, names_context=None, context=None, **kwargs):
        roles = self.get("variable")
        live = [r for r in roles.split() if not _used(self if context is None else context, r)]
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
        RENDERING.append(self)
        try:
            return original_children(self, item, *args, **kwargs)
        finally:
            RENDERING.pop()

    original_children = model.Layout.render_children
    model.Substitute.render = substitute_render
    model.Text._variable = text_variable
    model.Names.process = names_process
    model.Number.process = number_process
    model.Layout.render_children = layout_render_children


RENDERING: list = []  # the layouts rendering an entry or citation, innermost last


def _used(element, variable: str) -> bool:
    """Record `variable` as rendered; True if a substitution already took it."""
    layouts = element.xpath_search("./ancestor-or-self::cs:layout[1]") or RENDERING[-1:]
    if not layouts:  # a sort key's macro: nothing to track
        return False
    repressed = layouts[0].repressed
    if variable in repressed.get(_SUPPRESSED, ()):
        return True
    if repressed.get(_RECORDING) is not None:
        repressed[_RECORDING].add(variable)
    return False


# CSL 1.0.2, cs:substitute: a cs:names without cs:name in it "inherits the
# attributes values set on the cs:name and cs:et-al child elements of the
# original cs:names element", also where it stands inside a cs:choose, as in
# apa.csl's citation for a broadcast's script writer or an event's chair.
# citeproc-py passed the original's cs:name to direct children only; the
# others got a cs:name of defaults, long form, and no "&": "(B. Oakley, J.
# Weinstein, 1995)" for APA's (§8.17) "(Oakley & Weinstein, 1995)".
def _substituted_names_inherit() -> None:
    original = model.Names.process

    def process(self, item, names_context=None, context=None, **kwargs):
        if names_context is None and self.name is None:
            found = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names[1]")
            names_context = found[0] if found else None
        return original(self, item, names_context=names_context, context=context, **kwargs)

    model.Names.process = process


# --- punctuation ---------------------------------------------------------------

# CSL 1.0.2, Appendix V "Punctuation": where two marks meet at a join of
# rendered text, also with markup such as </i> between them, they merge as
# citeproc-js merges them (its queue's LtoR_MAP), and pandoc: a period
# after "?", "!", ":" or ";" is dropped ("Why is weather so hard?", not
# "hard?."; APA's "<i>Final:</i> P Inc.", not "<i>Final:</i>. P Inc."), as
# is a colon after "!", "?" or ";" ("Yes!: no" is "Yes! no"), and "!" or
# "?" takes the place of a colon or semicolon before it ("Final! Then").
# Other pairs (".:", ",.", "?!") print both; a mark doubled prints once.
_MERGED = {
    "!": {".": "!", "?": "!?", ":": "!", ",": "!,", ";": "!;"},
    "?": {"!": "?!", ".": "?", ":": "?", ",": "?,", ";": "?;"},
    ".": {"!": ".!", "?": ".?", ":": ".:", ",": ".,", ";": ".;"},
    ":": {"!": "!", "?": "?", ".": ":", ",": ":,", ";": ":;"},
    ",": {"!": ",!", "?": ",?", ":": ",:", ".": ",.", ";": ",;"},
    ";": {"!": "!", "?": "?", ":": ";", ",": ";,", ".": ";"},
}
_TRAILING_TAGS = re.compile(r"(?:<[^<>]*>)*$")


def _punctuation_collisions() -> None:
    original_seam, original_add = string.normalize_seam, string.MixedString.__add__

    def dropped(left, other) -> str | None:
        """Which mark goes where `left` ends and `other` begins with marks
        that merge into one: "other"'s first or "left"'s last; None where
        both print."""
        first = str(other)[:1]
        if first not in _MERGED:  # the cheap test first: this runs at every join
            return None
        visible, _ = split_tags(str(left))
        last = visible[-1:]
        if last not in _MERGED:
            return None
        mark = last if last == first else _MERGED[last][first]
        return None if len(mark) > 1 else "other" if mark == last else "left"

    def normalize_seam(left, other):
        if dropped(left, other) == "other":
            return string._strip_first_char(other)
        return original_seam(left, other)

    @string.discard_empty_other
    def add(self, other):
        if dropped(self, other) == "left":
            self = _without_last_mark(self)
        return original_add(self, other)

    string.normalize_seam = normalize_seam
    model.normalize_seam = normalize_seam
    string.MixedString.__add__ = add


def _without_last_mark(text: string.MixedString) -> string.MixedString:
    """`text` without its last visible character (a mark that the text
    joined to it replaces), the tags after it kept."""
    parts = list(text)
    for n in range(len(parts) - 1, -1, -1):
        part = str(parts[n])
        end = _TRAILING_TAGS.search(part).start()
        if end:
            kind = type(parts[n]) if isinstance(parts[n], string.String) else string.String
            parts[n] = kind(part[:end - 1] + part[end:])
            return string.MixedString(parts)
    return text


# --- dates ---------------------------------------------------------------------

def _date_ranges_and_seasons() -> None:
    original_range = model.Date.render_date_range
    original_part = model.Date_Part.process

    def render_date_range(self, date_range, show_parts=None, context=None):
        # CSL 1.0.2, "Date Ranges": the parts that differ are ranged, the
        # others printed once, each part in its place: "April 25–30" and
        # "(2020)" for 2020-04-25/2020-04-30. citeproc-py printed the
        # differing parts first and the shared ones after them, affixes
        # and all ("25– 30April"), and nothing when the parts shown do not
        # differ (a year-only date of a range within one year).
        end = date_range.get("end")
        if end is None or end.is_nil():  # an open range, "2020–"
            return original_range(self, date_range, show_parts, context)
        return _render_range(self, date_range.begin, end, show_parts, context)

    def part_process(self, date, context=None):
        # A season stands in for the month in text (CSL 1.0.2, "Seasons");
        # in numeric form, as in sort keys, it has no number and renders as
        # nothing instead of failing an assertion.
        if (self.get("name") == "month" and not _has_month(date)
                and (self.get("form") or "").startswith("numeric")):
            raise model.VariableError
        return original_part(self, date, context)

    def date_process(self, item, variable=None, show_parts=None, context=None, **kwargs):
        # A literal date ("Spring 2020", "n.d.") stands in for the whole
        # date once, where the year goes (as citeproc-js prints it): apa.csl
        # shows the year and then month and day, and citeproc-py printed the
        # literal in both places, "(Spring 2020, Spring 2020)".
        value = item.reference.get((variable or self.get("variable")).replace("-", "_"))
        if isinstance(value, LiteralDate) and "year" not in _shown_parts(self, show_parts):
            return None
        return original_date(self, item, variable, show_parts, context, **kwargs)

    original_date = model.Date.process
    model.Date.render_date_range = render_date_range
    model.Date_Part.process = part_process
    model.Date.process = date_process


def _shown_parts(date, show_parts) -> set:
    """The parts a cs:date prints: those its date-parts attribute (localized
    form) or its cs:date-part children name, within `show_parts`."""
    if date.get("form") is not None and not date.is_locale_date():
        parts = set((date.get("date-parts") or "year-month-day").split("-"))
    else:
        parts = {p.get("name") for p in date.iterchildren() if p.get("name")}
    return parts & set(show_parts) if show_parts is not None else parts


# From each date part, what a range over it also ranges (CSL 1.0.2).
_RANGED = {"year": ("year", "month", "day"), "month": ("month", "day"), "day": ("day",)}


def _render_range(date, begin, end, show_parts, context):
    """`date` (a cs:date) for the range begin–end: shared parts once, the rest ranged.

    Only parts that either end has: a range of months, "March–July 2007",
    ends its span with the month, not with the day the dates lack, so the
    month's suffix (the space before a day) does not come before the dash."""
    parts = [p for p in date.iterchildren() if p.get("name") in show_parts
             and any(_part_value(when, p.get("name")) not in (None, (None, None))
                     for when in (begin, end))]
    largest = next((unit for unit in _RANGED
                    if _part_value(begin, unit) != _part_value(end, unit)), None)
    ranged = [n for n, p in enumerate(parts) if p.get("name") in _RANGED.get(largest, ())]
    if not ranged:  # the parts shown are the same: one date
        return date.render_single_date(begin, show_parts, context)
    first, last = ranged[0], ranged[-1]
    joiner = context if date.is_locale_date() else date

    def span(when, prefix, suffix):
        return joiner.join([_render_part(p, when, context, n != first or prefix,
                                         n != last or suffix)
                            for n, p in enumerate(parts) if first <= n <= last])

    delimiter = next((p.get("range-delimiter") for p in parts
                      if p.get("name") == largest and p.get("range-delimiter")),
                     date.unicode_character("EN DASH"))
    start, stop = span(begin, True, False), span(end, False, True)
    if not start and not stop:
        # Neither end has the parts ranged: a range of years, where apa.csl
        # shows month and day ("(2016–2025)" for a TV series, not "(2016–2025,
        # –)", APA §10.12). They print as one such date prints: nothing.
        return date.render_single_date(begin, show_parts, context)
    pieces = [_render_part(p, begin, context) for p in parts[:first]]
    pieces.append(start + delimiter + stop)
    pieces += [_render_part(p, end, context) for p in parts[last + 1:]]
    return joiner.join(pieces)


def _part_value(date, unit):
    return (date.get("month"), date.get("season")) if unit == "month" else date.get(unit)


def _render_part(part, date, context, prefix=True, suffix=True):
    """A cs:date-part as citeproc-py renders it, with or without its affixes."""
    try:
        text = part.process(date, context)  # also takes a localized date's overrides
    except model.VariableError:
        return None
    if not text:
        return None
    from .cslyearsuffix import after_year
    return after_year(part, _dressed(part, text, prefix, suffix), lambda s: _dressed(part, s))


def _dressed(part, text, prefix=True, suffix=True):
    text = part.format(part.case(part.strip_periods(text)))
    if prefix and part.get("prefix"):
        text = part.get("prefix") + text
    if suffix and part.get("suffix"):
        text = text + part.get("suffix")
    return text


def _has_month(date) -> bool:
    try:
        return date.month is not None
    except model.VariableError:
        return False


# --- text case -----------------------------------------------------------------

# CSL 1.0.2, text-case="title": only English data is title-cased, an item
# whose `language` is English, or, with none, in a document in English (the
# style's default-locale, which cslengine sets to the article's `lang`, as
# pandoc and citeproc-js, given the document's language, have it): no
# "Revista de La Energía" in a Spanish article. The style's own words are
# title-cased in any language, labels and terms: "(Eds.)", "Trad." in
# Spanish, as both engines print them. citeproc-py left labels alone.

def _text_case() -> None:
    original = model.TextCased.case

    def case(self, text, language=None):
        if language is None:  # a label or term: the style's words
            language = "en"
        form = self.get("text-case")
        if form == "title":
            return _title_case(self, text, language)
        if form == "capitalize-first" and _cased(text):
            return text
        if form in _CASES:
            return _cased_in_parts(text, form)
        return original(self, text, language)

    model.TextCased.case = case
    original_periods = model.StrippedPeriods.strip_periods

    def strip_periods(self, text):  # a citation number is an int
        return original_periods(self, str(text) if isinstance(text, int) else text)

    model.StrippedPeriods.strip_periods = strip_periods
    known = set(model.TextCased._stop_words)
    model.TextCased._stop_words.extend(w for w in _SKIP_WORDS if w not in known)


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


def _cased_in_parts(text, form: str):
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
                    pieces[m] = _cased_word(pieces[m], form, first, m > 0 or starts, shouting)
                    first = False
            chunks[n] = "".join(pieces)
            starts = chunks[n][-1:].isspace() if chunks[n] else starts
        out.append(string.String("".join(chunks)))
    return string.MixedString(out) if isinstance(text, string.MixedString) else out[0]


def _letters(parts) -> str:
    return "".join(_FORMATTED.sub("", str(p)) for p in parts if not isinstance(p, string.NoCase))


def _cased_word(word: str, form: str, first: bool, starts: bool, shouting: bool) -> str:
    if form == "lowercase":
        return word.lower()
    if form == "uppercase":
        return word.upper()
    if form == "sentence" and not shouting and not word.isupper():
        word = word.lower()
    if starts and (form == "capitalize-all" or first):
        lead = len(word) - len(word.lstrip(_OPENING))
        return word[:lead] + word[lead:lead + 1].upper() + word[lead + 1:]
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


# Beyond CSL 1.0.2's list, title case leaves lowercase what citeproc-js
# does of its longer list (CSL.SKIP_WORDS) and APA 7 allows (§6.17: words
# of four letters or more are capitalized, "Between", "Without"): "v." and
# "vs." ("Brown v. Board"), "et al.", and the particles of names
# ("Agencia Española de Protección de Datos").
_SKIP_WORDS = ["v.", "vs.", "v", "vs", "et", "al.", "al", "de", "d'", "von", "van", "about"]


def _title_case(element, text, language):
    """CSL title case, also for a word behind an opening quote ("‘Catastrophic’").

    Part by part, the spaces as they are: a nocase part ends no word, so
    "<span class="nocase">ebay</span>, x" keeps its comma after "ebay"
    (citeproc-py joined the words of its parts with spaces: "ebay , x")."""
    if language != "en":
        return text
    out, previous, starts = [], ":", True  # `starts`: the next text starts a word
    minor = _minor_words(element)
    for part in text if isinstance(text, string.MixedString) else [text]:
        pieces = re.split(r"(\s+)", str(part))
        for n in range(0, len(pieces), 2):
            word = pieces[n]
            if word and (n or starts) and not isinstance(part, string.NoCase):
                lead = _LEAD.match(word).end()
                pieces[n] = word[:lead] + _title_case_word(word[lead:], minor,
                                                           _opens(previous))
            previous = pieces[n] or previous
        out.append("".join(pieces))
        starts = not out[-1] or out[-1][-1].isspace()
    return "".join(out)


def _minor_words(element) -> frozenset:
    """The words title case leaves lowercase within a title: CSL's stop
    words; for APA, those of three letters or fewer, as APA capitalizes
    every word of four letters or more (§6.17): "Where We Come From", "Life
    With Dogs", "Into the Wild", where citeproc-js keeps CSL's "from"."""
    root = element.get_root()
    style_id = root.findtext("cs:info/cs:id", "", _CSL) or ""
    return _MINOR_WORDS[style_id.rstrip("/").endswith("/styles/apa")]


_CSL = {"cs": "http://purl.org/net/xbiblio/csl"}
_MINOR_WORDS = {False: frozenset(model.TextCased._stop_words + _SKIP_WORDS),
                True: frozenset(w for w in model.TextCased._stop_words + _SKIP_WORDS
                                if len(w.rstrip(".'")) < 4)}


_OPENING = "‘“\"'([«"
# What a word's capital comes after: opening quotes and the data's markup
# ("<i>e. coli</i>" → "<i>E. Coli</i>", as citeproc-js has it).
_LEAD = re.compile(rf"(?:[{_OPENING}]|<[a-z]+>)*")
_TRAIL = re.compile(r"(?:</[a-z]+>)+$")
# (A minor word that ends a title stays lowercase: see the module's docstring.)
# APA §6.17 capitalizes the first word of a title, and the first after a
# colon, an em dash or end punctuation ("Is Sleep Optional? On the Myth…";
# CSL said a colon only), and both parts of a hyphenated word ("Self-Driving
# Cars and At-Risk Pedestrians"), minor words within it aside
# ("State-of-the-Art"). citeproc-py left a word alone if a capital was in
# it ("Self-driving"); citeproc-js keeps a minor word's first part ("at-Risk").
# A period that ends an abbreviation ends no sentence: "Chevron U.S.A. Inc.
# v. Natural Resources", "Smith Co. v. Jones", as citeproc-js prints them
# (it capitalizes after ":", "?" and "!" only).
_OPENS = ":.?!\u2014"
# Within a word, the parts after a hyphen, an en dash or a slash are
# capitalized in their turn, minor words aside, as both engines print them:
# "Scientist–Practitioner", "Cat/Mouse", "Input/Output", but "and/or". After
# an em dash the same for CSL's engines ("Stability—with Job"); APA
# capitalizes the first word after one (§6.17: "Stability—With Job").
# (A slash between letters: "</i>" is a tag, "1/2" a number.)
_JOINS = re.compile("([-\u2013\u2014]|(?<=[^\\W\\d_])/(?=[^\\W\\d_]))")
_ABBREVIATION = re.compile(r"^(?:(?:[^\W\d_]+\.){2,}|(?:v|vs|al|etc|Inc|Co|Corp|Ltd|Bros"
                           r"|Dr|Mr|Mrs|Ms|St|Jr|Sr|Vol|Vols|Ed|Eds|Dept|Univ)\.)$")


# What follows a word within its part: closing tags and punctuation ("to:",
# "of</i>,"), stripped to tell whether the word is a minor one.
_WORD_END = re.compile(r"(?:</[a-z]+>|[.,;:!?”’)\]])+$")
# A letter alone is left lowercase, a variable as likely as a word ("k
# Means", "Journal of x and y Studies", "x-Rays"), as citeproc-js and pandoc
# leave it; not where it starts the title or a subtitle ("X Marks the Spot").
_LETTER_ALONE = re.compile(r"^[^\W\d_][.”’)\]]*(?:</[a-z]+>)*[.,;:!?]?$")


def _opens(previous: str) -> bool:
    """Whether the word after `previous` starts a sentence or a subtitle."""
    previous = _TRAIL.sub("", previous)  # "<i>Title:</i> subtitle"
    if _ABBREVIATION.match(previous):
        return False
    return previous[-1:] in _OPENS


def _title_case_word(word: str, stop_words, opens: bool) -> str:
    """One word in title case: the parts that are lowercase, each in its turn."""
    parts = _JOINS.split(word)
    apa = stop_words is _MINOR_WORDS[True]
    for n in range(0, len(parts), 2):
        part, after = parts[n], parts[n - 1] if n else None
        if not part.islower() or _LETTER_ALONE.match(part) and not (opens and n == 0):
            continue
        first = ((opens if n == 0 else after == "\u2014" and apa)
                 or (n == 0 and parts[1:2] == ["-"]))
        # A minor word is one with what follows it ("to:") stripped, as citeproc-js has it.
        if first or part not in stop_words and _WORD_END.sub("", part) not in stop_words:
            parts[n] = part[:1].upper() + part[1:]
    return "".join(parts)


# --- quotation marks -----------------------------------------------------------

# citeproc-js and pandoc print typographic quotes where the data has straight
# ones, in the language's marks: 'The "myth" of multitasking' is 'The “myth”
# of multitasking' in English, 'The „myth“ …' in German, « myth » in French;
# single quotes beside double ones take the inner marks ("a 'b' c": „a ‚b‘
# c“), as the style's own quotes flip its data's. An apostrophe is ’ in any language:
# "O'Brien" is "O’Brien", in names too, and so is one that opens a word and
# closes no quote: "'t Hooft" is "’t Hooft".
_DOUBLE = re.compile(r'"([^"]*)"')
_SINGLE = re.compile(r"(?<![\w'])'(?=[^\s'\d])(.+?)(?<=[^\s'])'(?![\w'])")  # not '90s
_US_QUOTES = ("\u201c", "\u201d", "\u2018", "\u2019")
_quotes: list = [_US_QUOTES]  # the marks of the language whose data is being read


@contextmanager
def quoting(marks) -> Iterator[None]:
    """Straight quotes read meanwhile become `marks` (open, close, and the
    inner open and close: labels.toml's `quotes`, the CSL locale's)."""
    _quotes.append(tuple(marks))
    try:
        yield
    finally:
        _quotes.pop()


def _smart_quotes() -> None:
    original = csljson.CiteProcJSON.parse_string
    original_names = csljson.CiteProcJSON.parse_names

    def parse_string(self, value):  # its markup read as CSL-JSON's rich text
        if isinstance(value, str):
            return cslrichtext.parse(value, smarten)
        return original(self, value)

    def parse_names(self, names):
        return original_names(self, [{part: smarten(v) if isinstance(v, str) else v
                                      for part, v in name.items()} for name in names])

    csljson.CiteProcJSON.parse_string = parse_string
    csljson.CiteProcJSON.parse_names = parse_names


def smarten(text: str) -> str:
    """Straight quotes and apostrophes → typographic ones, as Pandoc's smart,
    in the marks of the language being read (`quoting`)."""
    if "://" in text or ('"' not in text and "'" not in text):
        return text
    opening, closing, inner_opening, inner_closing = _quotes[-1]
    # citeproc-js reads ' and " as quote markup: "x" is a quotation, and
    # 'x' beside it the inner one; 'x' alone is a quotation, as "x" is.
    marks = {'"': (opening, closing),
             "'": (inner_opening, inner_closing) if '"' in text else (opening, closing)}
    chars = list(text)
    for start, end in _quote_pairs(text):
        chars[start], chars[end] = marks[text[start]]
    return "".join(chars).replace("'", "\u2019")  # apostrophes, and ’90s


def _quote_pairs(text: str) -> list[tuple[int, int]]:
    """The places of the straight quotes that open and close a quotation,
    double or single; one that crosses another's is none."""
    found = sorted([(m.start(), m.end() - 1) for m in _DOUBLE.finditer(text)]
                   + [(m.start(), m.end() - 1) for m in _SINGLE.finditer(text)])
    pairs: list[tuple[int, int]] = []
    for start, end in found:
        if all(end < s or e < start or s < start and end < e for s, e in pairs):
            pairs.append((start, end))
    return pairs


# A locale's terms are written with straight apostrophes (French's "à
# l'adresse", Italian's "dall'originale"); citeproc-js and pandoc print
# them typographic, "Consulté 1 mars 2024, à l’adresse https://…", as the
# data's.
def _typographic_terms() -> None:
    for form in ("single", "multiple"):
        read = getattr(model.Term, form).fget
        setattr(model.Term, form, property(lambda term, read=read: _apostrophes(read(term))))


def _apostrophes(text):
    return type(text)(str(text).replace("'", "\u2019")) if "'" in str(text) else text


# --- punctuation in quotes -----------------------------------------------------

# en-US: punctuation-in-quote="true": a comma or period that follows a closing
# quotation mark moves inside it: (“Scientists Warn …,” 2020). That holds for
# the quotes of the data too, which citeproc-js reads as quote markup:
# 'Teaching medicine with the help of “Dr. House.”' (a period that meets
# "?" or another period inside is dropped, as anywhere else).
# Quotes within quotes take the inner-quote terms (CSL 1.0.2, "quotes";
# citeproc-js and pandoc): (“Why the Word ‘Literally’,” 2021).
class CloseQuote(string.String):
    """The close-quote term, remembering whether punctuation goes inside."""
    inside = False


def _punctuation_in_quote() -> None:
    def quote(self, text):
        if self.get("quotes", "false").lower() != "true":
            return text
        opening, closing = (self.get_single_term(name=name)
                            for name in ("open-quote", "close-quote"))
        text = text.replace(str(opening), str(self.get_single_term(name="open-inner-quote")))
        text = _closing_replaced(text, str(closing),
                                 str(self.get_single_term(name="close-inner-quote")))
        close = CloseQuote(closing)
        close.inside = self.get_locale_option("punctuation-in-quote").lower() == "true"
        return opening + text + close

    original_add = string.MixedString.__add__

    def add(self, other):
        first = str(other)[:1]
        if first in (",", ".") and len(self):
            before, quoted = _closing_quote(list.__getitem__(self, -1))
            if quoted is not None:
                leaves, closes = _inner_closing_quotes(list(self)[:-1] + before)
                inner = original_add(string.MixedString(leaves), string.String(first))
                for close in [*closes, quoted]:
                    inner = original_add(inner, close)
                return original_add(inner, string._strip_first_char(other))
        return original_add(self, other)

    # An italic title that ends in a quotation of the data is one string of
    # markup, '<i>Teaching with “Dr. House”</i>', that later text joins as a
    # plain str; as a MixedString it meets punctuation through `add`, which
    # sets it inside the quote: "<i>Teaching with “Dr. House.”</i> Wiley."
    # (APA §6.10, as citeproc-js prints it).
    original_format = model.Formatted.format

    def format(self, text):
        formatted = original_format(self, text)
        if formatted is not text and isinstance(formatted, str):
            if _closing_quote(formatted)[1] is not None:
                return string.MixedString([formatted])
        return formatted

    model.Quoted.quote = quote
    string.MixedString.__add__ = add
    model.Formatted.format = format


def _closing_replaced(text, closing: str, inner: str):
    """`text` with its closing quotes made inner ones; where the closing
    quote is also the apostrophe (en-GB's ’), not one that a letter or digit
    follows ("Bob’s", "’90s"), as citeproc-js and pandoc keep it."""
    if closing != "\u2019":
        return text.replace(closing, inner)
    if isinstance(text, string.MixedString):
        return type(text)([_closing_replaced(leaf, closing, inner) for leaf in text])
    return type(text)(_QUOTE_NOT_APOSTROPHE.sub(inner, str(text)))


_QUOTE_NOT_APOSTROPHE = re.compile(r"\u2019(?!\w)")


# A closing quotation mark of the data, after its opening one in the same text.
_DATA_QUOTES = {"\u201d": "\u201c", "\u2019": "\u2018"}


def _closing_quote(leaf) -> tuple[list, object]:
    """(what precedes, the closing quote) if `leaf` ends in one that punctuation enters."""
    if isinstance(leaf, CloseQuote):
        return [], leaf if leaf.inside else None
    if type(leaf) not in (str, string.String) and not isinstance(leaf, formatter.html.TagWrapper):
        return [], None  # a MixedString: not the last text
    text = str(leaf)
    end = len(split_tags(text)[0])  # the quote ends an italic title: "…”</i>"
    opening = _DATA_QUOTES.get(text[end - 1:end])
    if opening is None or opening not in text[:end] or not _inside_quotes():
        return [], None
    return [string.String(text[:end - 1])], string.String(text[end - 1:])


def _inner_closing_quotes(leaves: list) -> tuple[list, list]:
    """(the leaves, the closing quotes that end them): punctuation enters
    a quotation within a quotation too, as citeproc-js sets it: (“On the
    Myth of the ‘Short Sleeper,’” 2022), not “… ‘Short Sleeper’,”."""
    if not leaves or type(leaves[-1]) not in (str, string.String):
        return leaves, []
    text = str(leaves[-1])
    end = len(text)
    while end and text[end - 1] in _DATA_QUOTES and _DATA_QUOTES[text[end - 1]] in text[:end]:
        end -= 1
    if end == len(text):
        return leaves, []
    return leaves[:-1] + [string.String(text[:end])], [string.String(text[end:])]


def _inside_quotes() -> bool:
    """The en-US rule, punctuation-in-quote, of the style rendering now."""
    return bool(RENDERING) and RENDERING[-1].get_locale_option(
        "punctuation-in-quote").lower() == "true"


# --- sorting -------------------------------------------------------------------

# CSL 1.0.2, "Sorting": a macro's sort key is its text without formatting,
# and keys compare in the locale's collation. citeproc-py kept the HTML, so
# "<i>The Holy Bible</i>" sorted before "Giertz", and compared code points:
# "Pérez" after "Pew", "U.S. Census Bureau" before "UNICEF", "He, K., et
# al." after "Heaton, P.". citeproc-js turns each space of a key into "|",
# a symbol, which sorts before any letter ("He|" before "Heaton|"), and
# compares with Intl.Collator: base sensitivity, punctuation ignored,
# numbers by value. collation_key() makes a key that compares so as text.
_MARKUP = re.compile(TAG)
# Letters that the Unicode root collation reads as others, past what NFKD takes apart.
_EXPANSIONS = str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d"})
_NOT_WORD = re.compile(r"[^\w\s]|_")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s")


def _collated_sort_keys() -> None:
    original = model.Key.sort_keys

    def sort_keys(self, items, context):
        keys = original(self, items, context)
        if "title" in (self.get("macro"), self.get("variable")):
            keys = [None if k is None else _without_article(str(k)) for k in keys]
        return [None if k is None else collation_key(str(k)) for k in keys]

    model.Key.sort_keys = sort_keys


# A title is alphabetized by its first word past an initial article, as
# APA orders works by the same authors of the same date (§9.47) and as
# other manuals do: "Kim (2020a). The apple effect" before "Kim (2020b).
# Banana recall". citeproc-js and pandoc count the article; here a title
# key (apa.csl's cs:key macro="title") does not. (A title that stands in
# for a missing author, §9.49, still counts it, as in both engines.)
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)


def _without_article(key: str) -> str:
    return _ARTICLE.sub("", _MARKUP.sub("", key))


def collation_key(text: str) -> str:
    """A string that orders as citeproc-js orders the sort key `text`.

    Accents and case do not count, punctuation is dropped; then come word
    breaks ("\\x01"), symbols ("\\x02" and the symbol), numbers by value (their
    length as a character below "0", then the digits), letters.
    """
    text = html.unescape(_MARKUP.sub("", text)) + " "
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
    text = _NOT_WORD.sub(_symbol_or_nothing, text.casefold().translate(_EXPANSIONS))
    text = _DIGITS.sub(_number, text)
    return _SPACE.sub("\x01", text)


def _symbol_or_nothing(match) -> str:
    """A symbol stays, ahead of numbers and letters; punctuation and accents go."""
    char = match.group()
    return "\x02" + char if unicodedata.category(char)[0] == "S" else ""


def _number(match) -> str:
    digits = str(int(match.group()))
    return chr(0x10 + min(len(digits), 0x1F)) + digits


# --- et-al-subsequent ------------------------------------------------------------

# CSL 1.0.2, et-al-subsequent-min and et-al-subsequent-use-first: a cite of
# a work cited before shortens its names by them (each defaulting to its
# et-al- counterpart), as citeproc-js and pandoc do: ASA's second cite of a
# work by three is "(Doe et al. 2001:4)", its first "(Doe, Roe, and Poe
# 2001)". citeproc-py read both options and used neither. The cite's
# position is counted over the document (cslcache.py); names shown to tell
# works apart (csldisambig.py) stay shown.
def _et_al_subsequent() -> None:
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        shown = sort_options or {}
        if set(shown) <= _SHOWN and "subsequent" in (dict.get(item, "positions") or ()):
            later = _subsequent_options(self, context)
            if later and "et-al-min" not in shown:  # not every name shown already
                sort_options = dict(later, **{"et-al-use-first": max(
                    later["et-al-use-first"], shown.get("et-al-use-first", 0))})
        return original(self, item, variable, context, sort_options, **kwargs)

    model.Name.process = process


# The options csldisambig.py gives a cite whose names tell it apart (a sort
# key's hold more: 'name-as-sort-order').
_SHOWN = {"et-al-use-first", "et-al-min"}


def _subsequent_options(name, context) -> dict | None:
    """The et-al options of a subsequent cite, or None where the style sets
    neither subsequent option."""
    parent = (context if context is not None else name).xpath_search(
        "./ancestor::*[self::cs:citation or self::cs:bibliography][1]")
    chain = [name, *parent[:1], name.get_root()]

    def explicit(option):
        return next((int(e.get(option)) for e in chain if e.get(option) is not None), None)

    least, first = explicit("et-al-subsequent-min"), explicit("et-al-subsequent-use-first")
    if least is None and first is None:
        return None
    return {"et-al-min": name.get_option("et-al-min", context) if least is None else least,
            "et-al-use-first": (name.get_option("et-al-use-first", context) if first is None
                                else first)}


# --- names in sort keys ----------------------------------------------------------

# CSL 1.0.2, Sorting: names in a sort key are the names alone; "when et-al
# abbreviation occurs, the 'et-al' and 'and others' terms are excluded".
# citeproc-py kept "&" and "et al." in the key, and lost the key's options
# (`names-min`…) in a macro called by a macro (see _tells_text), so "Dube &
# Lindner" sorted before "Dube, Lester, & Reich" (the "&" leaving a wider
# word break) and "Dube et al." after both; APA (§9.46) and citeproc-js
# sort by the second author, Lester before Lindner.
def _names_in_sort_keys() -> None:
    original_keys = model.Key.sort_keys
    original_process, original_et_al = model.Name.process, model.Name.et_al
    sorting: list[bool] = []  # non-empty while a sort key renders

    def sort_keys(self, items, context):
        sorting.append(True)
        try:
            return original_keys(self, items, context)
        finally:
            sorting.pop()

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        if sorting:
            sort_options = {**(sort_options or {}), "and": None}
        return original_process(self, item, variable, context, sort_options, **kwargs)

    def et_al(self):
        return None if sorting else original_et_al(self)

    # CSL 1.0.2 (Sorting): "any cs:label elements are excluded" from a name
    # sort key: an editor in the author's place sorts as the name alone,
    # "Smith, John" among Smith's works by year, as both engines sort it, not
    # "Smith, John, ed." after them all.
    original_label = model.Label.render

    def label(self, *args, **kwargs):
        if sorting and isinstance(self.getparent(), model.Names):
            return None
        return original_label(self, *args, **kwargs)

    model.Key.sort_keys = sort_keys
    model.Name.process, model.Name.et_al = process, et_al
    model.Label.render = label


# CSL 1.0.2, Sorting: a date in a macro sort key sorts as a date, by the
# parts that cs:date shows, not as the text it prints. apa.csl's date-sort
# prints a book's year ("1973") and a webpage's full date ("1969-01-05");
# compared as text (numbers by value) 19690105 came after 1973, so a 1969
# webpage followed the same author's 1973 book and took the later letter
# (2020b). citeproc-js keys each date as year, month, day, end year, end
# month, end day at fixed widths, the parts not shown as zeros; so here.
def _dates_in_sort_keys() -> None:
    original = model.Date.process

    def date_process(self, item, variable=None, show_parts=None, context=None, **kwargs):
        if not kwargs.get("sort_options") or self.is_locale_date():
            return original(self, item, variable, show_parts, context, **kwargs)
        value = item.reference.get((variable or self.get("variable")).replace("-", "_"))
        return None if value is None else _date_sort_key(value, _shown_parts(self, None))

    model.Date.process = date_process


def _date_sort_key(value, parts: set) -> str:
    """Digits of one width for a date or range: begin then end, year-month-day each."""
    if isinstance(value, LiteralDate):  # no parts: after all dates, as in citeproc-js
        return "9" * 18
    begin, end = value.get("begin", value), value.get("end")

    def key(date) -> str:
        def part(unit):
            return (date.get(unit, 0) or 0) if date is not None and unit in parts else 0
        return f"{part('year') + 10000:05}{part('month'):02}{part('day'):02}"

    return key(begin) + key(end)


# --- raw dates -----------------------------------------------------------------

# CSL-JSON allows {"raw": "2021-11-02"} (Zotero exports it); citeproc-py read
# it as no date at all. What citeproc-js reads as a date is read as date-parts
# here too: ISO dates and ranges ("2020-04-25/2020-04-30"), "2020/05/03",
# a month or season and a year ("March 2020", "Spring 2020") and a written
# date ("March 15, 2020", "15 Mar. 2020"); so a citation shows the year
# alone (APA §8.10) and the entry "(2020, March 15)". Anything else stays a
# literal.
_ISO = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})(?:/(\d{1,2}))?$")
# The month first, as the United States write it and spreadsheets and
# Mendeley export it ("05/01/2020", "5/2020"), as both engines read it
# (May 1, 2020); it was read as a range of the years 5, 1 and 2020. A
# first number over 12 is the day, as most of the world writes it
# ("25/12/2020"), which was read as month 25 and stopped the build
# ("impossible date").
_MONTH_FIRST = re.compile(r"^(?P<m>\d{1,2})/(?:(?P<d>\d{1,2})/)?(?P<y>\d{4})$")
# A time after an ISO date (a timestamp, as APIs and some exporters give
# an access date: "2020-05-01T10:00:00Z", "2020-05-01 10:00:00"), which
# both engines leave out; it was printed whole.
_TIME = re.compile(r"(?<=\d)[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
# EDTF's "approximate" (~) and "uncertain" (?, and % for both) after a date:
# citeproc-js prints either "ca. 1850", as APA writes an approximate date;
# we printed "1850~".
_UNCERTAIN = re.compile(r"(?<=\d)[~?%]$")
_ABOUT = re.compile(r"(?i)(?:ca?\.|circa|approx\.)\s*(?=\d)")  # "ca. 1850", as the locale prints it
_MONTHS = {name: n for n, month in enumerate(
    "january february march april may june july august september october november december"
    .split(), 1) for name in (month, month[:3])} | {"sept": 9}
_MONTH = r"(?P<m>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"  # "1st May 2020", as citeproc-js reads it
_WRITTEN = [re.compile(rf"^{_MONTH}\s+(?P<y>\d{{4}})$"),
            re.compile(rf"^{_MONTH}\s+{_DAY},?\s+(?P<y>\d{{4}})$"),
            re.compile(rf"^{_DAY}\s+{_MONTH}\s+(?P<y>\d{{4}})$")]
# Two months of one year, a magazine's issue: "May-June 2020", "Jan.–Feb.
# 2019" (citeproc-js: "2020, May–June"; we printed it as written).
_TWO_MONTHS = re.compile(r"^(?P<a>[A-Za-z]{3,9})\.?\s*[-\u2013/]\s*(?P<b>[A-Za-z]{3,9})\.?"
                         r"\s+(?P<y>\d{4})$")


# "2018/19", "2018-19", "2019-2020", "2011–12" name two years, a season or a
# school year, which APA writes as a range in full, "2018–2019". A slash or a
# hyphen before 12 or less is a month: "2011/12" is December 2011, as
# citeproc-js reads it. (It read 2018/19 as 2018, pandoc as the year 19, and
# we stopped the build: "impossible date (month must be in 1..12)"; "2019-2020"
# printed as written.)
_TWO_YEARS = re.compile(r"^(\d{4})\s*([-/\u2013])\s*(\d{4}|\d{2})$")


def _two_years(raw: str) -> dict | None:
    match = _TWO_YEARS.match(raw)
    if not match or (len(match[3]) == 2 and int(match[3]) <= 12 and match[2] != "\u2013"):
        return None
    start, end = int(match[1]), int(match[3])
    if len(match[3]) == 2:  # in the same century: "2020-13" is no range, but a bad date
        end += start - start % 100
    return {"date-parts": [[start], [end]]} if end > start else None


def raw_date(raw: str) -> dict | None:
    """{"date-parts": ...} (and "season", "circa") for a raw date we can
    read, else None."""
    raw = _TIME.sub("", raw.strip())
    about = _ABOUT.match(raw)
    if _UNCERTAIN.search(raw):  # "1850?", "1850~"
        read = raw_date(raw[:-1])
        return read and dict(read, circa=True)
    if about:  # "ca. 1850"
        read = raw_date(raw[about.end():])
        return read and dict(read, circa=True)
    years = _two_years(raw)
    if years:
        return years
    for pattern in (_SLASHED, _MONTH_FIRST):
        found = pattern.match(raw)
        if found:
            parts = found.groupdict() or dict(zip("ymd", found.groups()))
            if pattern is _MONTH_FIRST and parts["d"] and int(parts["m"]) > 12:
                parts = dict(parts, m=parts["d"], d=parts["m"])  # the day first
            return {"date-parts": [known_parts([parts["y"], parts["m"], parts.get("d")])]}
    parts = [_ISO.match(p.strip()) for p in raw.split("/")]
    if all(parts):
        return {"date-parts": [known_parts(m.groups()) for m in parts]}
    months = _TWO_MONTHS.match(raw)
    if months and {months["a"].lower(), months["b"].lower()} <= _MONTHS.keys():
        year = int(months["y"])
        return {"date-parts": [[year, _MONTHS[months[k].lower()]] for k in "ab"]}
    return _written(raw)


def _written(raw: str) -> dict | None:
    """A date written out in English: "March 2020", "Spring 2020", "March
    15, 2020", "15 Mar. 2020"."""
    for pattern in _WRITTEN:
        match = pattern.match(raw)
        if not match:
            continue
        word = match["m"].lower()
        if word in _SEASONS and "d" not in match.groupdict():
            return {"date-parts": [[int(match["y"])]], "season": _SEASONS[word]}
        month = _MONTHS.get(word)
        if month:
            day = match.groupdict().get("d")
            return {"date-parts": [[int(match["y"]), month] + ([int(day)] if day else [])]}
    return None


def _raw_dates() -> None:
    original = csljson.CiteProcJSON.parse_date

    def parse_date(self, json_data):
        if "date-parts" not in json_data and "raw" in json_data:
            read = raw_date(str(json_data["raw"]))
            json_data = dict(json_data, **(read or {"literal": json_data["raw"]}))
        elif isinstance(json_data.get("date-parts"), list):
            parts = [known_parts(p) for p in json_data["date-parts"]]
            json_data = dict(json_data, **{"date-parts": parts})
            seasons = [season(p[1]) for p in parts if len(p) == 2 and season(p[1])]
            if seasons:  # [1999, 21]: CSL's spring, which apa.csl prints "1999, Spring"
                json_data = dict(json_data, season=seasons[0], **{"date-parts": [
                    p[:1] if len(p) == 2 and season(p[1]) else p for p in parts]})
        return original(self, json_data)

    csljson.CiteProcJSON.parse_date = parse_date


# --- names -----------------------------------------------------------------------

# citeproc-js reads the parts of a name as people write them (its
# "parse-names", on unless a name says otherwise), and so must we, or a
# name prints with stray marks: a suffix after a comma in the given name
# ("Henry Louis, Jr." → "Gates, H. L., Jr.", not "H. L. J."), particles
# that end it ("Ludwig van" → "Beethoven, L. van.", not "L. van ."), and an
# empty part is no part ("given": "" → "Nakamura.", not "Nakamura, .").
def _names_as_written() -> None:
    original = csljson.CiteProcJSON.parse_names

    def parse_names(self, names):
        return original(self, [name_as_written(n) if isinstance(n, dict) else n
                               for n in names])

    csljson.CiteProcJSON.parse_names = parse_names


def name_as_written(name: dict) -> dict:
    """The CSL-JSON name with its suffix and dropping particle read out of
    `given`, as citeproc-js reads them, and without empty parts."""
    name = {part: value for part, value in name.items()
            if not (isinstance(value, str) and not value.strip())}
    name = _family_particle(name)
    given = name.get("given")
    if "literal" in name or not isinstance(given, str):
        return name
    if "," in given and not name.get("suffix"):
        given, _, suffix = (p.strip() for p in given.partition(","))
        # "Frank G.,! Jr.": citeproc-js's mark of a suffix after a comma,
        # which neither engine prints ("Bennett, F. G., ! Jr." was ours).
        suffix = suffix.removeprefix("!").strip()
        if suffix.replace(".", "").strip() != "et al":  # "et al." written as a name
            name["suffix"] = suffix
    words = given.split()
    particles = []
    # At least a name stays ("bell"), and a name wholly in lowercase has no
    # particle ("danah michele" → "d. m.", APA's).
    while len(words) > 1 and words[-1][:1].islower() and not _all_lowercase(given):
        particles.insert(0, words.pop())
    if particles and not name.get("dropping-particle"):
        name["dropping-particle"] = " ".join(particles)
        given = " ".join(words)
    if given:
        name["given"] = given
    else:
        name.pop("given", None)
    return name


def _family_particle(name: dict) -> dict:
    """A family name's leading words in lowercase are its particle, "van
    Gogh" and "de la Cruz", as citeproc-js and pandoc read them: a style that
    demotes it lists "Gogh, Vincent van" under G (Chicago's); APA's keeps
    "van Gogh, V.". citeproc-py took "van Gogh" for the surname."""
    family = name.get("family")
    if not isinstance(family, str) or "literal" in name \
            or name.get("non-dropping-particle") or name.get("parse-names") is False:
        return name
    quoted = _QUOTED.match(family.strip())
    if quoted:  # '"van Happel"': the family name as written, no particle read out
        return dict(name, family=quoted[1])
    words = family.split()
    particle = []
    while len(words) > 1 and words[0][:1].islower():
        particle.append(words.pop(0))
    # "d’Aubignac", "al-Farabi": a particle joined to the name (citeproc-js's
    # PARTICLE_FAMILY_REGEXP), which a style that demotes particles moves.
    joined = _JOINED_PARTICLE.match(words[0]) if words[0][:1].islower() else None
    if joined:
        particle.append(joined[1])
        words[0] = words[0][joined.end():]
    if not particle:
        return name
    return dict(name, family=" ".join(words),
                **{"non-dropping-particle": _joined(particle)})


# A family name in double quotes is one name as written, as citeproc-js reads
# it: "van Happel", not “van Happel” with the particle "van" read out.
_QUOTED = re.compile(r'^["\u201c](.+)["\u201d]$')
_JOINED_PARTICLE = re.compile(r"^([^\W\d_]+['\u2019\u02bb-])(?=[^\W\d_])")


def _joined(words: list[str]) -> str:
    """Particles as one: "de la", "in d’" (no space after a joining one)."""
    return "".join(w + ("" if w.endswith(_JOINING) else " ") for w in words).strip()


# citeproc-js and pandoc print a name in a CJK script as it is written:
# family name first, then the given name, with neither a comma nor a space,
# and no initials: "王小明." and "김지영", where citeproc-py took the given
# name, which has no capitals, for a particle: "王, . 小明 .". Short forms
# are the family name alone already: "(王, 2020)".
_CJK = re.compile(r"[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff"
                  r"\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")


def is_cjk(name) -> bool:
    """A person's name written in Chinese, Japanese or Korean script alone."""
    if "literal" in name:
        return False
    text = f"{name.get('family') or ''}{name.get('given') or ''}"
    return not text.isascii() and bool(_CJK.search(text)) and \
        all(_CJK.match(c) for c in _LETTER.findall(text))


def cjk_whole(name):
    """The name as it prints in full: family name, then given name, no space."""
    from citeproc.source import Name
    parts = {"family": f"{name.get('family') or ''}{name.get('given') or ''}"}
    if name.get("suffix"):
        parts["suffix"] = name["suffix"]
    return Name(**parts)


def _names_in_cjk_scripts() -> None:
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        names = item.reference.get(variable)
        if (not names or not any(is_cjk(n) for n in names)
                or self.get_option("form", context, sort_options) != "long"):
            return original(self, item, variable, context, sort_options, **kwargs)
        item.reference[variable] = [cjk_whole(n) if is_cjk(n) else n for n in names]
        try:
            return original(self, item, variable, context, sort_options, **kwargs)
        finally:
            item.reference[variable] = names

    model.Name.process = process


# --- initials ------------------------------------------------------------------

# A given name written in lowercase is initialized in lowercase, as APA
# writes bell hooks's and danah boyd's names (§9.8: "hooks, b.", "boyd,
# d."); citeproc-js and pandoc take it for a particle and print it whole,
# "boyd, danah." (KNOWN in tests/test_cite_conformance.py). A lowercase
# word beside a capitalized one stays as written ("Smith, J. paul."), as in
# both engines. citeproc-py wrote the initials of the (empty) run of
# capitalized names before it: "boyd, . danah .".
def _lowercase_given_names() -> None:
    def initialize(self, given, mark, context):
        if _all_lowercase(given):  # initialized as if capitalized, then lowercased
            return initialize(self, _capitalized(given), mark, context).lower()
        if self.get_option("initialize-with-hyphen", context):
            parts = given.split("-")
        else:
            parts = [given.replace("-", " ")]
        return "-".join(_initials(part, mark) for part in parts)

    model.Name.initialize = initialize


def _all_lowercase(given) -> bool:
    text = str(given)
    return text.lower() == text and text.upper() != text


def _capitalized(given) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in str(given).split())


def _initials(given: str, mark: str) -> str:
    """Each capitalized name of `given` as its initial and `mark`, each
    lowercase one as written: "John R." → "J. R.", "john paul" unchanged.

    As citeproc-js has it: a name already shortened to more than a letter
    keeps its letters, "Th." and "Ch. Georg" → "Th." and "Ch. G."; and a
    name in a script without capitals, Hebrew, Arabic or Thai, is
    initialized as a capitalized one, "חיים נחמן" → "ח. נ." (Greek and
    Cyrillic names have capitals already)."""
    text = ""
    for word in given.split():
        if word[0].isupper() or _CASELESS_INITIAL.match(word[0]):
            # "J.R." is two names, as citeproc-py read it; "Th.G." too.
            for name in re.findall(r"[^.\s]+\.?", word):
                shortened = name.endswith(".") and len(name) > 2
                text += (name[:-1] if shortened else name[0]) + mark
        else:
            text += f" {word} "
    return " ".join(text.split())


# The letters of scripts without capitals that citeproc-js initializes
# (its NAME_INITIAL_REGEXP): Hebrew, Arabic, Thai. citeproc-js leaves out
# vav and so leaves a name that starts with it whole ("ורד"), and the names
# after it too; we initialize it as any other letter.
_CASELESS_INITIAL = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u0e01-\u0e5b]")


# "Soo-yeon" initializes to "S." (citeproc-js, pandoc): a lowercase part after
# a hyphen is not a second given name. citeproc-py printed "S.-. yeon .".
def _hyphenated_initials() -> None:
    original = model.Name.initialize

    def initialize(self, given, mark, context):
        parts = str(given).split("-")
        given = "-".join([parts[0]] + [p for p in parts[1:] if p[:1].isupper()])
        return original(self, given, mark, context)

    model.Name.initialize = initialize


# CSL 1.0.2, cs:name initialize="false": given names stay whole, and only
# the initials already in them get `initialize-with` ("James T" → "James
# T."); apa.csl asks so for a hearing's witness ("testimony of Jerome
# Powell"). citeproc-py ignored the attribute and printed "J. Powell".
_INITIAL = re.compile(r"^[^\W\d_]\.?$")


def _initialize_false() -> None:
    original = model.Name.initialize

    def initialize(self, given, mark, context):
        if self.get("initialize", "true").lower() != "false":
            return original(self, given, mark, context)
        words = str(given).split()
        return " ".join(w[0] + mark.rstrip() if _INITIAL.match(w) else w for w in words)

    model.Name.initialize = initialize


# --- page ranges ---------------------------------------------------------------

# CSL 1.0.2, page-range-format="expanded" (apa.csl; APA §9.25 writes page
# ranges in full, "114–126"): a last page given short is written out, as
# citeproc-js does, for the `page` variable and for a locator of pages
# ("pp. 120-5" → "pp. 120–125"). citeproc-py printed "114–26": its
# "expanded" returned the last page as written.
# A time or a decimal ("3:12-4:05", "1:02:10-1:03:00", "3.12-4.05") is one
# number, no page to expand: read as pages, its parts printed "3:12–14:05".
# Such a range gets its en dash alone, as pandoc prints it.
_PAGE = re.compile(r"^([0-9]*[A-Za-z]+0*)?([0-9]+[a-z]*)$")
_PAGE_NUMBER = r"(?:\d+(?:[:.]\d+)+|(?:[0-9]*[A-Za-z]+0*)?[0-9]+[a-z]*)"
_PAGE_RANGE = re.compile(rf"(?<!\w)(?<!\d[:.])({_PAGE_NUMBER})\s*([-\u2013])\s*"
                         rf"({_PAGE_NUMBER})(?![:.]\d)")
_LEADING = re.compile(r"\d+")


def expand_last_page(first: str, last: str) -> str:
    """The last page of first–last written out (citeproc-js's `expand`):
    "114", "26" → "126"; "e114", "e26" → "e126"; anything else as given:
    pages with unlike prefixes, "e114-26", "N110-P5", as both engines
    print them (we printed "e114–e126", "N110–N115", "n11564–n11568")."""
    begin, end = _PAGE.match(first), _PAGE.match(last)
    if not begin or not end or end[1] != begin[1]:
        return last
    number = end[2]
    if len(number) < len(begin[2]):
        number = begin[2][:len(begin[2]) - len(number)] + number
    if int(_LEADING.match(begin[2]).group()) < int(_LEADING.match(number).group()):
        return (begin[1] or "") + number
    return last


# The other formats shorten the last page as citeproc-js does
# (PageRangeMangler): written out first, then its leading digits that the
# first page shares taken off, but for two in minimal-two ("107–08") and
# by CMOS's rules in chicago ("321–28", chicago-16's "1496–504"); a letter
# that both pages begin with is printed once ("A1–12"). Pages of unlike
# lengths keep every digit: citeproc-py printed "1–20" as "1–0" in
# minimal-two, "1–12" as "1–2" in minimal. No format: as written ("321–28").
def shortened_last_page(first: str, last: str, form: str | None) -> str:
    """The last page of first–last in page-range-format `form`."""
    full = expand_last_page(first, last)
    if not form:
        return last
    if full == last and not _rising(first, last):
        return last  # not a range of pages citeproc-js reads as one
    begin, number = _PAGE.match(first)[2], _PAGE.match(full)[2]
    if form in ("minimal", "minimal-two"):
        return _minimized(begin, number, 2 if form == "minimal-two" else 0)
    if form in ("chicago", "chicago-15", "chicago-16"):
        return _chicago(begin, number, form == "chicago-16")
    return full


def _rising(first: str, last: str) -> bool:
    begin, end = _PAGE.match(first), _PAGE.match(last)
    return bool(begin and end and end[1] == begin[1]
                and int(_LEADING.match(begin[2])[0]) < int(_LEADING.match(end[2])[0]))


def _minimized(begin: str, end: str, keep: int) -> str:
    """`end` without the leading digits it shares with `begin`, but `keep`."""
    if len(begin) != len(end):
        return end
    shared = next((n for n, (b, e) in enumerate(zip(begin, end)) if b != e), len(end))
    return end[min(shared, max(len(end) - keep, 0)):]


def _chicago(begin: str, end: str, sixteenth: bool) -> str:
    """CMOS's abbreviated last page ("321–28"), as citeproc-js's chicago15
    and chicago16 write it."""
    first, last = int(_LEADING.match(begin)[0]), int(_LEADING.match(end)[0])
    if sixteenth:
        if first > 100 and first % 100:
            for digits in range(2, len(str(last))):
                if first // 10 ** digits == last // 10 ** digits:
                    return str(last % 10 ** digits)
        return end
    if first > 100 and first % 100 and first // 100 == last // 100:
        return str(last % 100)
    return str(last % 1000) if first >= 10000 else end


def _expanded_page_ranges() -> None:
    original_variable = model.Text._variable

    def format_last_page(self, first, last):
        form = self.get_root().get_option("page-range-format")
        if form == "expanded":
            return expand_last_page(first, last)
        return shortened_last_page(first, last, form)

    def text_variable(self, item, context):
        text = original_variable(self, item, context)
        if text and self.get("variable") == "locator":
            text = _locator(self, item)
        return text

    model.FormatNumber._format_last_page = format_last_page
    model.Text._variable = text_variable


# A locator's hyphens are the locale's page-range-delimiter, as citeproc-js
# prints any numeric locator's range (fixupRangeDelimiter): "pp. 3–5" in
# English, "pp. 3-5" in Spanish, where the reference list has "1857-1866"
# too. citeproc-py put an en dash in any language. A dash written as such
# stays: "p. 3–5" in Spanish, as citeproc-js keeps it.
def _locator(text, item) -> str:
    delimiter = (text.get_single_term(name="page-range-delimiter")
                 or text.unicode_character("EN DASH"))
    locator = str(item.locator.identifier).replace("-", delimiter)
    if (item.locator.label == "page"
            and text.get_root().get_option("page-range-format") == "expanded"):
        locator = _PAGE_RANGE.sub(lambda m: m[1] + m[2] + expand_last_page(m[1], m[3]),
                                  locator)
    return locator


# APA §6.6: a range of numbers takes an en dash, "(4–6)" for issues 4 to 6,
# "3–4" for volumes, as citeproc-js prints a numeric volume or issue; the
# locale's page-range-delimiter, as a locator's (a hyphen in Spanish).
# citeproc-py printed them as written, "(4-6)", "(4 - 6)". A report's or a
# law's number is one number, "Pub. L. No. 107-110" (§11.5), as written.
_RANGED_NUMBERS = ("volume", "issue")
_HYPHEN = re.compile(r"\s*-\s*")


def _number_ranges() -> None:
    original = model.Text._variable

    def text_variable(self, item, context):
        text = original(self, item, context)
        if self.get("variable") not in _RANGED_NUMBERS or not _unformatted(text):
            return text
        plain = str(text).strip()
        if "-" not in plain or not _NUMERIC.match(plain):
            return text
        delimiter = (self.get_single_term(name="page-range-delimiter")
                     or self.unicode_character("EN DASH"))
        return string.String(_HYPHEN.sub(str(delimiter), plain))

    model.Text._variable = text_variable


def _unformatted(text) -> bool:
    """Whether `text` is plain text, with no markup of the data in it."""
    leaves = list.__iter__(text) if isinstance(text, string.MixedString) else [text]
    return all(type(leaf) in (str, string.String) for leaf in leaves)


# A page, volume or issue "12 & 15" prints "12 & 15", as citeproc-js and
# pandoc print it. cslrichtext escapes the data's "&" to "&amp;", which
# citeproc-py's number formatting then split at its "&" and joined again
# with an escaped ampersand: "12 &amp; amp; 15". It now splits the text as
# written; "<" and ">" stay escaped, held out of the split.
_HELD = (("&lt;", "\ue000"), ("&gt;", "\ue001"))


def _ampersands_in_numbers() -> None:
    original = model.FormatNumber._process

    def process(self, value, variable):
        text = str(value)
        if "&amp;" not in text:
            return original(self, value, variable)
        for entity, held in _HELD:
            text = text.replace(entity, held)
        result = original(self, text.replace("&amp;", "&"), variable)
        for entity, held in _HELD:
            result = result.replace(held, entity)
        return result

    model.FormatNumber._process = process


# --- is-numeric ----------------------------------------------------------------

# CSL 1.0.2, is-numeric: numbers with letter affixes ("D2", "2b"), also
# several joined by a hyphen, comma or ampersand ("2-4", "2, 3", "2 & 4").
# citeproc-py accepted a single number only, and looked the `locator` up in
# the reference, where it never is: "[@a, chap. 3]" took apa.csl's branch
# for non-numeric chapters, which prints no label ("3" for "Chapter 3").
_NUMBER = r"[A-Za-z]*\d+[A-Za-z]*"
_NUMERIC = re.compile(rf"^{_NUMBER}(?:\s*[-\u2013,&]\s*{_NUMBER})*$")


def _plain(value) -> str:
    """A variable's text, its "&" as written (cslrichtext escapes it)."""
    return html.unescape(str(value))


def _numeric_locators() -> None:
    def is_numeric(self, item):
        results = []
        for variable in self.get("is-numeric").split():
            if variable == "locator":
                value = item.locator.identifier if item.has_locator else None
            else:
                value = item.reference.get(variable)
            results.append(value is not None and bool(_NUMERIC.match(_plain(value))))
        return results

    model.If._is_numeric = is_numeric


# --- terms and labels ----------------------------------------------------------

# CSL 1.0.2, "Label": a cs:label is rendered only if its variable is
# non-empty. citeproc-py rendered the term for an absent variable, so MHRA's
# unconditional page label ended a book's entry "Title (Publisher, 1985), p."
# (pandoc and citeproc-js: "…, 1985)"). A label in cs:names is the names'.
def _labels_of_empty_variables() -> None:
    original = model.Label.process

    def process(self, item, variable=None, plural=None, context=None, **kwargs):
        own = self.get("variable")
        if variable is None and own:
            if own == "locator" and not item.has_locator:
                return None
            if own != "locator" and not _plain(item.reference.get(own.replace("-", "_")) or ""):
                return None
        return original(self, item, variable, plural, context, **kwargs)

    model.Label.process = process


# CSL 1.0.2, "Terms": a form the locale lacks falls back, "verb-short" to
# "verb", "symbol" to "short", those to the long form. citeproc-py found
# nothing: the en-US locale has no verb-short "reviewed-author", so a
# review lost "by P. Hall". A locale's own forms come before the next
# locale's, as citeproc-js and pandoc look them up: es-ES has no short
# "legislation", so a Spanish article prints its long "Legislation No. 121"
# where citeproc-py took en-US's short "Legis.".
_FALLBACK = {"verb-short": "verb", "symbol": "short", "verb": None, "short": None}


def _forms(form):
    """`form`, then those it falls back to."""
    yield form
    while form in _FALLBACK:
        form = _FALLBACK[form]
        yield form


def _term_form_fallback() -> None:
    original = model.CitationStylesElement.get_term

    def get_term(self, name, form=None, fallback_locale=True, zero_padded=False):
        root = self.get_root()
        if not fallback_locale or isinstance(root, model.Locale):
            return next((term for f in _forms(form) if (term := original(
                self, name, f, fallback_locale, zero_padded)) is not None), None)
        for locale in root.locales:
            for f in _forms(form):
                try:
                    return locale.get_term(name, f, zero_padded=zero_padded)
                except IndexError:
                    continue
        return None

    model.CitationStylesElement.get_term = get_term


# A locale's term as citeproc-js finds it: one written with form="long",
# the default form said aloud, is the long form (journal-of-neurophysiology's
# own "no date", "date unknown", which citeproc-py passed over for the locale
# file's "no date"); and of a term defined twice, the later one (an ABNT
# style's short "editor", "ed" then "org": "(Org.)", citeproc-py's "(Ed.)").
def _terms_as_citeproc_js_finds_them() -> None:
    def get_term(self, name, form=None, zero_padded=False):
        test = f"@name='{name}' and " + ("(not(@form) or @form='long')" if form in (None, "long")
                                         else f"@form='{form}'")
        if zero_padded:
            test += " and not(@match='whole-number') and not(@match='last-two-digits')"
        try:
            return self.terms.xpath_search(f"./cs:term[{test}]")[-1]
        except AttributeError:  # no cs:terms
            raise IndexError(name) from None

    model.Locale.get_term = get_term


# CSL 1.0.2, ordinal suffixes: one locale's ordinal terms are a set, read
# before the next locale's, as citeproc-js and pandoc read them: "2.ª ed."
# in Spanish, "2. Aufl." in German, "2ᵉ éd." in French, whose locale files
# have the general "ordinal" only. citeproc-py looked for "ordinal-02" in
# every locale first, and found en-US's: "2nd Aufl.". And a term matches as
# CSL says: "ordinal-11" (last two digits) before "ordinal-01" (last digit),
# so "111th", where citeproc-py printed "111st".
def _ordinals_of_one_locale() -> None:
    def to_ordinal(number, context):
        locales = context.get_root().locales
        gender = _gender(locales, context)
        for locale in locales:
            suffix = _ordinal_suffix(locale, int(number), gender)
            if suffix is not None:
                return f"{number}{suffix}"
        return str(number)

    model.to_ordinal = to_ordinal


def _gender(locales, context) -> str | None:
    """The gender of what the ordinal counts (CSL 1.0.2, "Gender-specific
    Ordinals"): a number variable's term's ("edition" is feminine in
    French), a day's month's; None (neuter) where the term has none, as
    pt-BR's months: "1º de janeiro", not the feminine "1ª"."""
    name = context.get("variable") if isinstance(context, model.Number) else "month-01"
    for locale in locales:
        try:
            return locale.get_term(name, None).get("gender")
        except (IndexError, TypeError):
            continue
    return None


def _ordinal_suffix(locale, number: int, gender: str | None = None):
    """The locale's suffix for `number`, or None if it has no ordinal terms:
    of the term of `gender`, else of the neuter one (with no gender-form)."""
    two, one = number % 100, number % 10
    tries = [(f"ordinal-{one:02}", "last-digit",
              {"last-digit": True, "last-two-digits": two == one, "whole-number": number == one})]
    if two >= 10:
        tries.insert(0, (f"ordinal-{two}", "last-two-digits",
                         {"last-two-digits": True, "whole-number": number == two}))
    for name, default, matches in tries:
        term = _gendered_term(locale, name, gender)
        if term is not None and matches.get(term.get("match", default)):
            return term.single
    try:
        return locale.get_term("ordinal", None).single
    except IndexError:
        return None


def _gendered_term(locale, name: str, gender: str | None):
    try:
        terms = locale.terms.xpath_search(f"./cs:term[@name='{name}' and not(@form)]")
    except AttributeError:
        return None
    by_gender = {term.get("gender-form"): term for term in reversed(terms)}
    return by_gender.get(gender, by_gender.get(None))


# CSL 1.0.2, cs:label: the term is plural for a list or range of numbers.
# "number-of-pages" or "number-of-volumes" is plural when the number is
# greater than one; citeproc-py read the number from the cite instead of
# the reference, failed, and dropped the label: "(1–3)" for "(Vols. 1–3)".
# Other variables are plural when numbers are joined as citeproc-js joins
# them: by "&", "and", a hyphen or en dash, or "," or ";" before a space,
# also roman numerals and numbers with letters ("pp. iv, vi–xi", "pp.
# xi–xiv"; a locator in braces, "[@a, {iv, vi-xi}]", is pages). citeproc-py
# took any two digits with something between them for several, so "U.S.
# Patent Nos. 9,318,433" and "pp. 12:34", and missed roman ones ("p. xi–xiv").
# A `number` is one identifier, its hyphen part of it: APA writes "NIH
# Publication No. 18-2059" (§10.4), "Pub. L. No. 107-110" (§11.5) and "No.
# 19-1392" for a docket, as citeproc-js does for a docket only. So is a
# `version`: "Version 1.1-35.1", R's way of numbering a package (citeproc-js).
_ONE_IDENTIFIER = ("number", "version")
def _plural_number_of() -> None:
    def is_plural(self, item):
        variable = self.get("variable")
        if variable and variable.startswith("number-of"):
            value = _NUMBER_VALUE.match(str(item.reference.get(variable, "")))
            return bool(value) and int(value.group()) > 1
        if variable == "locator":
            value = item.locator.identifier if item.has_locator else None
        else:
            value = item.reference.get(variable)
        several = _LISTED if variable in _ONE_IDENTIFIER else _SEVERAL
        return value is not None and bool(several.search(_plain(value)))

    model.Label._is_plural = is_plural


_NUMBER_VALUE = re.compile(r"\d+")
# A part in brackets or parentheses ends or begins a number too, as in a
# legal locator's range "[39]-[52]" or "7A(2)-(4)": "pp.", "paras.", as pandoc.
_SEVERAL = re.compile(r"(?:[^\W_]|[)\]])\s*(?:[&\-\u2013]|\band\b|[,;](?=\s))\s*(?:[^\W_]|[(\[])")
_LISTED = re.compile(r"(?:[^\W_]|[)\]])\s*(?:&|\band\b|[,;](?=\s))\s*(?:[^\W_]|[(\[])")


# --- cs:group ------------------------------------------------------------------

# CSL 1.0.2, cs:group: a group is suppressed when it calls at least one
# variable and every variable it calls is empty. citeproc-py decided by the
# style's text, not by the rendering: a child that printed anything counted
# as a printed variable if any branch of its cs:choose had one. So apa.csl's
# "(Publication No. 123)" printed "(Publication)" for a thesis without a
# number (the cs:choose that printed "Publication" names `genre` in another
# branch), and a hearing without a witness "(testimony of)". Here, as in
# citeproc-js, each cs:text, cs:number, cs:date, cs:names and cs:label
# tells the innermost group being rendered what it did: called a variable,
# printed one, or printed a term or value; a group that prints counts as a
# printed variable for the group around it.
# The groups being rendered, innermost last: what the elements of each did.
_frames: list[list[bool]] = []
_CALLED, _PRINTED, _TERM = 0, 1, 2  # called a variable, printed one, printed a term or value


def _groups_by_what_rendered() -> None:
    from citeproc.source import VariableError

    def process(self, item, context=None, **kwargs):
        frame = [False, False, False]
        _frames.append(frame)
        output = []
        delimiter = self.get("delimiter", "")  # a cs:choose child's too, as citeproc-py
        try:
            for child in self.iterchildren():
                try:
                    if isinstance(child, model.Choose):
                        text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                    else:
                        text = child.render(item, context=context, **kwargs)
                except VariableError:
                    continue
                if text is not None:
                    output.append(text)
        finally:
            _frames.pop()
        called, printed, term = frame
        if output and (printed or (term and not called)):
            _tell(True, True)
            return self.join(output)
        _tell(called, False)
        raise VariableError

    model.Group.process = process
    for cls in (model.Number, model.Date, model.Names):
        _tells_variable(cls)
    _tells_text(model.Text)
    _tells_term(model.Label)


# A cs:names marked so renders, telling its group what it printed, and
# returns nothing: a citation without its author (cslengine's "rest"
# variant) whose group still counts the author as printed.
SILENT = "_silent"


def _silent_names() -> None:
    original = model.Names.render

    def render(self, *args, **kwargs):
        text = original(self, *args, **kwargs)
        return None if self.get(SILENT) else text

    model.Names.render = render


def _tell(called: bool, printed: bool, term: bool = False) -> None:
    """Tell the innermost group what one of its elements did."""
    if _frames:
        frame = _frames[-1]
        frame[_CALLED] |= called
        frame[_PRINTED] |= printed
        frame[_TERM] |= term


def _tells_variable(cls) -> None:
    from citeproc.source import VariableError
    original = cls.render

    def render(self, *args, **kwargs):
        try:
            text = original(self, *args, **kwargs)
        except VariableError:
            _tell(True, False)
            raise
        _tell(True, bool(text))
        return text

    cls.render = render


def _tells_term(cls) -> None:
    original = cls.render

    def render(self, *args, **kwargs):
        text = original(self, *args, **kwargs)
        _tell(False, False, bool(text))
        return text

    cls.render = render


# A macro is a group of its own, as citeproc-js builds it (expandMacro: "Macro
# group is treated as a real node") and pandoc renders it: one that calls
# variables and prints none of them prints nothing, its terms neither. So a
# style's macro "translator", the term "translated by" and the names, left
# "Dated, translated by , P." for a work with no translator (citeproc-py
# rendered a macro's elements as if they were the caller's).
def _as_group(render):
    """`render()`'s text, in a frame of its own as a cs:group's: None when it
    called variables and printed none; tells the group around it."""
    frame = [False, False, False]
    _frames.append(frame)
    try:
        text = render()
    finally:
        _frames.pop()
    called, printed, term = frame
    if text and (printed or (term and not called)):
        _tell(True, True)
        return text
    _tell(called, False)
    return None


def _tells_text(cls) -> None:
    """citeproc-py's cs:text, telling what it printed: a variable, a term or value.

    A macro's elements tell for themselves; citeproc-py's year suffix is no
    variable of the data and counts only when printed. (The method itself,
    not a wrapper of `render`, which would read the attributes once more for
    every cs:text, macros included: most of what a reference renders.)
    """
    from citeproc.source import VariableError

    def process(self, item, context=None, **kwargs):
        if context is None:
            context = self
        attrib = self.attrib
        language = None  # a macro, term or value: title-cased in any language
        if item.reference.get("jurisdiction"):  # not raising
            # A work with a `jurisdiction` (a state's bill, a court's case, a
            # statute, as Zotero and Juris-M export them) is printed as written,
            # never title-cased: citeproc-js's rule (text-case="title" becomes
            # "passthrough" for an item with a jurisdiction), for legal titles
            # whose capitals are the law's own: "An act relating to water, S.B.
            # 101 (2018)" (pandoc title-cases it). "" is no language: title case
            # is for English, "en", alone (_title_case), and None would be the
            # style's own words, read as English (_text_case).
            language = ""
        elif "variable" in attrib:  # as citeproc-js: a variable alone is the data's
            language = data_language(item.reference.get("language")  # not raising
                                     or self.get_root().get("default-locale", "en"))
        text = None
        if "variable" in attrib:
            called = attrib["variable"] != "year-suffix"
            try:
                text = self._variable(item, context)
            except VariableError:
                _tell(called, False)
                raise
            _tell(called, bool(text))
        elif "macro" in attrib:  # a sort key's name options reach its macro's macros
            text = _as_group(lambda: self.get_macro(attrib["macro"]).render(
                item, context, sort_options=kwargs.get("sort_options")))
        elif "term" in attrib:
            text = self._term(item)
            _tell(False, False, bool(text))
        elif "value" in attrib:
            text = string.String(self.preformat(attrib["value"]))
            _tell(False, False, bool(text))
        return text, language

    cls.process = process


# --- positions -------------------------------------------------------------------

# CSL's position tests (first, subsequent, ibid, ibid-with-locator,
# near-note) ask what came before a cite in the document. citeproc-py
# answered from the cites its bibliography object had rendered; ours renders
# the pieces of a citation in several (cslengine.py's variants), each with
# its own past, and knows no notes: "Ibid." came after another work. A cite
# whose positions were counted over the document, notes and all, as pandoc's
# citeproc counts them (report/notecites.py), answers from those.
def _positions_of_the_document() -> None:
    original = model.If._position

    def position(self, item, context):
        given = dict.get(item, "positions")
        if given is None:
            return original(self, item, context)
        if (self if context is None else context).xpath_search(
                "./ancestor::*[self::cs:bibliography]"):
            return [False]
        return [test in given for test in self.get("position").split()]

    model.If._position = position
