"""Dates as CSL 1.0.2 renders them: ranges, seasons and literal dates.

citeproc-py printed a range's parts out of place ("25– 30April"), failed on
a season in numeric form (as in sort keys), and printed a literal date in
every place a part goes ("(Spring 2020, Spring 2020)").
"""

from __future__ import annotations

from citeproc import model
from citeproc.source import LiteralDate

from ..cslyearsuffix import after_year


def ranges_and_seasons() -> None:
    _ranges_part_by_part()
    _seasons_in_numeric_form()
    _literal_dates_once()


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
