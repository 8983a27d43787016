"""CSL's implicit year suffix, which citeproc-py does not print.

CSL 1.0.2 ("disambiguate-add-year-suffix"): "By default, the year-suffix
is appended the first year rendered through cs:date in the cite and in the
bibliographic entry, but its location can be controlled by explicitly
rendering the "year-suffix" variable using cs:text." Most styles that add
year suffixes leave it to that default (elsevier-harvard's "(Smith, 2020a,
2020b)" and its list's "Smith, J., 2020a. One."); citeproc-py printed the
variable only where a style calls it: "(Smith, 2020, 2020)".

As citeproc-js has it: a style that prints the variable anywhere (or
citation-label, which carries the suffix) gets no implicit one, in neither
the citation nor the bibliography; otherwise the suffix follows the first
year that a cs:date renders in each cite and each entry, after that year's
own affixes and inside the date's, "(2020a)" and "2020a, March 3", in the
year's affixes and formatting too, as citeproc-js prints it ("février 2023 a"
where a non-breaking space goes before the year). A work with no date (the
style's "n.d." term) renders no year there, so the suffix goes to the
first year it renders (the year of access), or none; pandoc puts it after
"n.d." instead.

`mark` marks the style's cs:date elements at load; `install` teaches
citeproc-py to print the suffix after the first year a marked date renders.
"""

from __future__ import annotations

from citeproc import model

from .cslfixes import RENDERING

CSL_NS = "http://purl.org/net/xbiblio/csl"
MARK = "_year-suffix"  # on a cs:date whose first year may take the suffix
_TAKEN = "_year-suffix-taken"  # in a layout's per-item state: the suffix was printed
_pending: list[list] = []  # [suffix] of the marked cs:date being rendered, innermost last


def mark(tree) -> bool:
    """Mark every cs:date of the style's citation, bibliography and macros,
    unless the style prints the suffix itself. Whether any was marked."""
    ns = {"cs": CSL_NS}
    if tree.xpath("//cs:text[@variable='year-suffix' or @variable='citation-label']",
                  namespaces=ns):
        return False
    dates = tree.xpath("/cs:style/cs:citation//cs:date | /cs:style/cs:bibliography//cs:date"
                       " | /cs:style/cs:macro//cs:date", namespaces=ns)
    for date in dates:
        date.set(MARK, "true")
    return bool(dates)


def after_year(part, text, dress):
    """A rendered cs:date-part (`text`), followed by the suffix when it is
    the first year rendered in the cite or entry (called by the renderers
    of date parts: citeproc-py's and cslfixes' for ranges). `dress` gives
    the suffix the part's affixes and formatting."""
    if not text or not _pending or _pending[-1][0] is None or part.get("name") != "year":
        return text
    suffix, _pending[-1][0] = _pending[-1][0], None
    RENDERING[-1].repressed[_TAKEN] = True
    return text + dress(suffix)


def install() -> None:
    original_date = model.Date.process
    original_markup = model.Date_Part.markup

    def date_process(self, item, variable=None, show_parts=None, context=None, **kwargs):
        suffix = _due(self, item, kwargs)
        if suffix is None:
            return original_date(self, item, variable, show_parts, context, **kwargs)
        _pending.append([suffix])
        try:
            return original_date(self, item, variable, show_parts, context, **kwargs)
        finally:
            _pending.pop()

    def part_markup(self, text):
        return after_year(self, original_markup(self, text),
                          lambda suffix: original_markup(self, suffix))

    model.Date.process = date_process
    model.Date_Part.markup = part_markup


def _due(date, item, kwargs) -> str | None:
    """The suffix a marked cs:date may print for `item`: in a cite or an
    entry being rendered (not a sort key), when no year took it yet."""
    if not date.get(MARK) or kwargs.get("sort_options") or not RENDERING:
        return None
    suffix = item.reference.get("year_suffix")
    if not suffix or RENDERING[-1].repressed.get(_TAKEN):
        return None
    return str(suffix)
