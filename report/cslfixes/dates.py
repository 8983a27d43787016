"""Dates as CSL 1.0.2 renders them: ranges, seasons and literal dates; and
APA's month and day in the order of the article's language.

citeproc-py printed a range's parts out of place ("25– 30April"), failed on
a season in numeric form (as in sort keys), and printed a literal date in
every place a part goes ("(Spring 2020, Spring 2020)"). One rule here is
APA's, not CSL's, and departs from both engines on purpose: "(2023, 12 de
abril)" in Spanish, not "(2023, abril 12)" (`_month_day_in_locale_order`).
"""

from __future__ import annotations

from citeproc import model
from citeproc.source import LiteralDate

from ..cslyearsuffix import after_year


def ranges_and_seasons() -> None:
    _ranges_part_by_part()
    _seasons_in_numeric_form()
    _literal_dates_once()
    _month_day_in_locale_order()


# CSL 1.0.2, "Date Ranges": the parts that differ are ranged, the others
# printed once, each part in its place: "April 25–30" and "(2020)" for
# 2020-04-25/2020-04-30. citeproc-py printed the differing parts first and
# the shared ones after them, affixes and all ("25– 30April"), and nothing
# when the parts shown do not differ (a year-only date of a range within
# one year).
def _ranges_part_by_part() -> None:
    original = model.Date.render_date_range

    def render_date_range(self, date_range, show_parts=None, context=None):
        end = date_range.get("end")
        if end is None or end.is_nil():  # an open range, "2020–"
            return original(self, date_range, show_parts, context)
        return _render_range(self, date_range.begin, end, show_parts, context)

    model.Date.render_date_range = render_date_range


# A season stands in for the month in text (CSL 1.0.2, "Seasons"); in
# numeric form, as in sort keys, it has no number and renders as nothing
# instead of failing an assertion.
def _seasons_in_numeric_form() -> None:
    original = model.Date_Part.process

    def process(self, date, context=None):
        if (self.get("name") == "month" and not _has_month(date)
                and (self.get("form") or "").startswith("numeric")):
            raise model.VariableError
        return original(self, date, context)

    model.Date_Part.process = process


# A literal date ("Spring 2020", "n.d.") stands in for the whole date once,
# where the year goes (as citeproc-js prints it): apa.csl shows the year and
# then month and day, and citeproc-py printed the literal in both places,
# "(Spring 2020, Spring 2020)".
def _literal_dates_once() -> None:
    original = model.Date.process

    def process(self, item, variable=None, show_parts=None, context=None, **kwargs):
        value = date_value(self, item, variable)
        if isinstance(value, LiteralDate) and "year" not in shown_parts(self, show_parts):
            return None
        return original(self, item, variable, show_parts, context, **kwargs)

    model.Date.process = process


def date_value(date, item, variable=None):
    """The reference's value of the cs:date's variable (or `variable`)."""
    return item.reference.get((variable or date.get("variable")).replace("-", "_"))


def shown_parts(date, show_parts) -> set:
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


# APA's dated works (news, posts, videos: APA §9.14) are dated "(2023,
# April 12)": apa.csl writes the month and then the day, in every language,
# and citeproc-js and pandoc print "(2023, abril 12)" in Spanish, beside
# the same entry's "Recuperado 4 de marzo de 2025" (a localized date). APA
# in a language that puts the day first writes it first: Spanish "(2023, 12
# de abril)", German "(2023, 12. April)", French "(2023, 12 avril)". So in
# APA's style (and no other), where the article's language is not English
# and its CSL locale's text date (<date form="text">) has the day just
# before the month, a month written as a word and the day after it take
# that order, the day's form ("12." in German) and the words between them
# (" de "); the style's own forms and affixes win, its affixes staying
# outside the pair. Ranges follow from that order ("12–14 de abril",
# "28 de abril–2 de mayo"); a date without a day, or a season, prints the
# month alone as before. English keeps APA's order, in en-GB too, whose
# locale puts the day first: APA's own examples read "April 12".
def _month_day_in_locale_order() -> None:
    # On the style made, its locales set: cslspeed replaces set_locale_list.
    from citeproc import frontend
    original = frontend.CitationStylesStyle.__init__

    def __init__(self, style, locale=None, validate=True):
        original(self, style, locale, validate)
        root = self.root
        language = (locale or root.get("default-locale") or "en").split("-")[0].lower()
        if language != "en" and _is_apa(root):
            text = root.get_date("text")
            if text is not None:
                for date in root.iter(f"{{{_CSL}}}date"):
                    _day_first(date, text)

    frontend.CitationStylesStyle.__init__ = __init__


_CSL = "http://purl.org/net/xbiblio/csl"
_AFFIXES = ("prefix", "suffix")


def _is_apa(style) -> bool:
    """Whether the style is APA's (apa.csl, as cslengine tells it)."""
    found = style.find(f"{{{_CSL}}}info/{{{_CSL}}}id")
    return found is not None and (found.text or "").strip().rstrip("/").endswith("/styles/apa")


def _day_first(date, text) -> None:
    """Turn the style's month-then-day in cs:date `date` into the locale's
    day-then-month, as its text date `text` writes them (see above)."""
    if date.get("form") is not None or date.get("delimiter") or date.is_locale_date():
        return  # a localized date is in the locale's order already
    month, day = _adjacent(list(date.iterchildren(f"{{{_CSL}}}date-part")), "month", "day")
    if month is None or month.get("form", "long") not in ("long", "short"):
        return  # no written month with its day after it ("2023-04-12" for sorting)
    own_day, own_month = _adjacent(list(text.iterchildren(f"{{{_CSL}}}date-part")),
                                   "day", "month")
    if own_day is None:
        return  # the language writes the month first, or apart from the day
    outside = month.get("prefix", ""), day.get("suffix", "")
    between = own_day.get("suffix", "") + own_month.get("prefix", "")
    for part, own in ((day, own_day), (month, own_month)):
        for name in _AFFIXES:
            part.attrib.pop(name, None)
        for name, value in own.attrib.items():
            if name not in _AFFIXES and part.get(name) is None:
                part.set(name, value)
    for part, name, value in ((day, "prefix", outside[0]), (day, "suffix", between),
                              (month, "suffix", outside[1])):
        if value:
            part.set(name, value)
    month.addprevious(day)


def _adjacent(parts, first: str, second: str):
    """The date-parts named `first` and `second` when the second comes right
    after the first; else (None, None)."""
    names = [p.get("name") for p in parts]
    for n in range(len(parts) - 1):
        if names[n] == first and names[n + 1] == second:
            return parts[n], parts[n + 1]
    return None, None
