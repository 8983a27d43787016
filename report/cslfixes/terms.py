"""Terms and labels as CSL 1.0.2 ("Terms", "Label", ordinals) and citeproc-js find them.

citeproc-py printed the label of an empty variable ("1985), p."), found
no term in a form the locale lacks, took another locale's term or ordinal
before the article's own ("2nd Aufl."), matched ordinals by the last digit
first ("111st"), and read a label's plural from the wrong place.
"""

from __future__ import annotations

import re

from citeproc import model

from .numbers import plain, value_of


# CSL 1.0.2, "Label": a cs:label is rendered only if its variable is
# non-empty. citeproc-py rendered the term for an absent variable, so MHRA's
# unconditional page label ended a book's entry "Title (Publisher, 1985), p."
# (pandoc and citeproc-js: "…, 1985)"). A label in cs:names is the names'.
def labels_of_empty_variables() -> None:
    original = model.Label.process

    def process(self, item, variable=None, plural=None, context=None, **kwargs):
        own = self.get("variable")
        if variable is None and own:
            if own == "locator" and not item.has_locator:
                return None
            if own != "locator" and not plain(item.reference.get(own.replace("-", "_")) or ""):
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


def form_fallback() -> None:
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
def as_citeproc_js_finds_them() -> None:
    def get_term(self, name, form=None, zero_padded=False):
        long = form in (None, "long")
        found = [term for term in named(self).get(name, ())
                 if (term.get("form") in (None, "long") if long else term.get("form") == form)
                 and not (zero_padded and term.get("match") in _ZERO_PADDED)]
        if not found:
            raise IndexError(name)
        return found[-1]

    model.Locale.get_term = get_term


_ZERO_PADDED = ("whole-number", "last-two-digits")  # the matches a zero-padded number skips


def named(locale) -> dict:
    """The cs:term elements of the locale's cs:terms by name, each name's in
    document order: read once for the locale (kept with its element, which
    its style holds). An XPath for each term scanned en-US's 450 of them,
    45 µs at a term's first lookup, twice as many as an engine has styles."""
    found = vars(locale).get("terms_by_name")  # not __getattr__: that finds a child
    if found is None:
        found = {}
        terms = locale.find("cs:terms", locale.nsmap)
        for term in terms.iterchildren(f"{{{locale.nsmap['cs']}}}term") if terms is not None \
                else ():
            found.setdefault(term.get("name"), []).append(term)
        locale.terms_by_name = found
    return found


# CSL 1.0.2, ordinal suffixes: one locale's ordinal terms are a set, read
# before the next locale's, as citeproc-js and pandoc read them: "2.ª ed."
# in Spanish, "2. Aufl." in German, "2ᵉ éd." in French, whose locale files
# have the general "ordinal" only. citeproc-py looked for "ordinal-02" in
# every locale first, and found en-US's: "2nd Aufl.". And a term matches as
# CSL says: "ordinal-11" (last two digits) before "ordinal-01" (last digit),
# so "111th", where citeproc-py printed "111st".
def ordinals_of_one_locale() -> None:
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
    terms = [term for term in named(locale).get(name, ()) if term.get("form") is None]
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


def plural_number_of() -> None:
    def is_plural(self, item):
        variable = self.get("variable")
        if variable and variable.startswith("number-of"):
            value = _NUMBER_VALUE.match(str(item.reference.get(variable, "")))
            return bool(value) and int(value.group()) > 1
        value = value_of(item, variable)
        several = _LISTED if variable in _ONE_IDENTIFIER else _SEVERAL
        return value is not None and bool(several.search(plain(value)))

    model.Label._is_plural = is_plural


_NUMBER_VALUE = re.compile(r"\d+")
# A part in brackets or parentheses ends or begins a number too, as in a
# legal locator's range "[39]-[52]" or "7A(2)-(4)": "pp.", "paras.", as pandoc.
_SEVERAL = re.compile(r"(?:[^\W_]|[)\]])\s*(?:[&\-\u2013]|\band\b|[,;](?=\s))\s*(?:[^\W_]|[(\[])")
_LISTED = re.compile(r"(?:[^\W_]|[)\]])\s*(?:&|\band\b|[,;](?=\s))\s*(?:[^\W_]|[(\[])")
