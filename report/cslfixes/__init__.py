"""Where citeproc-py 0.11.1 departs from the CSL 1.0.2 specification.

Each module here patches citeproc-py for the rules of one part of the
specification, pinned to exactly that version (requirements.txt), and is
checked against citeproc-js by tests/test_cite_conformance.py and on its
own by tests/test_cite_fixes.py. `apply()` installs them all, once;
cslengine.py calls it before any rendering.

They change how citeproc-py processes a style, never its output strings
after the fact. The modules, by what they restore:

    variables    CSL 1.0.2's variables, and their hyphenated names
    substitute   cs:substitute: substituted variables are empty afterwards
    punctuation  marks that meet where rendered pieces join
    dates        date ranges, seasons, literal dates
    rawdates     CSL-JSON's {"raw": ...} dates
    textcase     text-case: which text is title-cased; the other cases
    titlecase    title case (CSL, citeproc-js, APA §6.17)
    quotes       typographic quotes, inner quotes, punctuation in quotes
    sorting      sort keys: collation, names alone, dates by their parts
    positions    a cite's position over the document; et-al-subsequent
    names        name parts as written: suffixes, particles, CJK names
    initials     initials: lowercase names, hyphens, initialize="false"
    numbers      number ranges, "&" in numbers, is-numeric
    pageranges   page-range-format, and a locator's ranges
    terms        terms and labels: fallback forms, ordinals, plurals
    groups       cs:group (and a macro) suppressed by what rendered
"""

from __future__ import annotations

import citeproc

_VERSION = "0.11.1"
_applied = False

# The layouts rendering an entry or citation, innermost last (substitute.py
# keeps it): what a cs:names without a context, a quote, the year suffix and
# the disambiguation read the style and the entry's state from. ITEMS holds
# the item each renders: whose `language` the text cases are in (textcase.py).
RENDERING: list = []
ITEMS: list = []


def apply() -> None:
    """Install every patch, once. The order counts: where two patches wrap
    one method (Name.process, Names.process, Text._variable, Date.process,
    MixedString.__add__), the later one runs first."""
    global _applied
    if _applied:
        return
    if citeproc.__version__ != _VERSION:
        raise RuntimeError(f"report.cslfixes patches citeproc-py {_VERSION}, "
                           f"not {citeproc.__version__}; see requirements.txt")
    from . import (dates, groups, initials, names, numbers, pageranges, positions,
                   punctuation, quotes, rawdates, sorting, substitute, terms, textcase,
                   variables)
    variables.csl_102_variables()
    variables.hyphenated_names()
    substitute.suppresses_variables()
    substitute.names_inherit()
    punctuation.collisions()
    dates.ranges_and_seasons()
    textcase.text_case()
    quotes.smart_quotes()
    quotes.typographic_terms()
    quotes.punctuation_in_quote()
    sorting.collated_keys()
    sorting.names_in_keys()
    positions.et_al_subsequent()
    sorting.dates_in_keys()
    rawdates.raw_dates()
    names.as_written()
    names.parts_joined_at_seams()
    names.particles_that_join()
    names.in_cjk_scripts()
    initials.given_names()
    numbers.numeric_locators()
    terms.form_fallback()
    terms.as_citeproc_js_finds_them()
    terms.labels_of_empty_variables()
    terms.ordinals_of_one_locale()
    terms.plural_number_of()
    pageranges.expanded()
    numbers.number_ranges()
    numbers.ampersands()
    groups.by_what_rendered()
    groups.silent_names()
    positions.of_the_document()
    from .. import csldisambig, cslyearsuffix
    csldisambig.install()
    cslyearsuffix.install()
    _applied = True
