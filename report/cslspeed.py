"""Where citeproc-py 0.11.1 spends its time, and patches that stop the waste.

Profiled with pyinstrument and cProfile on generated articles (100 and 300
references): over a third of the citation stage went to `xpath_search`,
evaluating the same XPath on the same element again and again (a macro by
its name, a locale term, the enclosing layout) although a style never
changes once parsed; a fifth to sorting, every sort key of every item
rendered before the first comparison, also for citations of one item; the
rest to small lookups repeated at every element (the reference behind a
cite, five formatting attributes, the tests of a cs:if).

Like cslfixes (whose `apply()`, run first, checks the version), each patch
is pinned to exactly citeproc-py 0.11.1 and installed once by `apply()`.
They change how long citeproc-py takes, never what it renders:
tests/test_cite_speed.py compares the output with unpatched citeproc-py's,
and the conformance suite with citeproc-js's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cmp_to_key

from citeproc import model

_applied = False


def apply() -> None:
    global _applied
    if _applied:
        return
    _memoized_xpath()
    _roots_once()
    _macros_by_name()
    _memoized_children()
    _locale_files_kept()
    _lazy_sort_keys()
    _reference_once()
    _if_tests_once()
    _unformatted_fast()
    _unaffixed_fast()
    _applied = True


# What the patches remember, by (element, what): answers that depend on the
# style alone. The keys hold their elements, which keeps lxml from replacing
# those Python proxies, so an element stays the same key while remembered.
_memo: dict = {}


def forget() -> None:
    """Drop what was remembered of earlier styles (an engine calls this when
    it parses its own), so that a long-running process does not grow."""
    _memo.clear()


def _memoized(element, what: str, compute):
    key = (element, what)
    try:
        return _memo[key]
    except KeyError:
        value = _memo[key] = compute()
        return value


# --- XPath ---------------------------------------------------------------------

# The expressions citeproc-py evaluates select by tag, by name and form, or
# by ancestry, none of which changes after parsing: the only edit citeproc-py
# makes to a style is inserting a missing cs:name into a cs:names, a new
# element with a memo of its own. A tuple, so that no caller can alter the
# shared answer.
def _memoized_xpath() -> None:
    original = model.CitationStylesElement.xpath_search

    def xpath_search(self, expression):  # hot: _memoized inlined, no lambda made
        key = (self, expression)
        try:
            return _memo[key]
        except KeyError:
            value = _memo[key] = _search(self, expression, original)
            return value

    model.CitationStylesElement.xpath_search = xpath_search


# `get_root()`, the style's (or locale's) root element, asked by every
# element at every rendering (~90 times an entry): `getroottree().getroot()`
# made two new objects each time. An element stays in its tree.
def _roots_once() -> None:
    def get_root(self):
        key = (self, "root")
        try:
            return _memo[key]
        except KeyError:
            root = _memo[key] = self.getroottree().getroot()
            return root

    model.CitationStylesElement.get_root = get_root


# `get_macro(name)`, a cs:text's macro (~30 an entry), from the table of
# the root's macros, without building the XPath it asked for each time.
def _macros_by_name() -> None:
    def get_macro(self, name):
        root = self.get_root()
        key = (root, "macros")
        try:
            macros = _memo[key]
        except KeyError:
            macros = _memo[key] = _macros(root)
        try:
            return macros[name]
        except KeyError:  # a macro the style lacks: as the XPath's `[0]` failed
            raise IndexError(name) from None

    model.CitationStylesElement.get_macro = get_macro


# Two expressions are asked most, and answered without XPath: a macro by its
# name (`get_macro`: an XPath over the style's ~100 children for each name,
# 16 µs, two thirds of the XPath time of a cold build) from a table of the
# element's macros, made once; and an element's first child of a name
# ("./cs:substitute[1]", for every cs:names), by lxml's find.
_CS = "{http://purl.org/net/xbiblio/csl}"
_FIRST_CHILD = re.compile(r"\./cs:([\w-]+)\[1\]")
_MACRO = re.compile(r"cs:macro\[@name='([^']*)'\]\[1\]")


def _search(element, expression: str, original) -> tuple:
    child = _FIRST_CHILD.fullmatch(expression)
    if child:
        found = element.find(_CS + child[1])
        return () if found is None else (found,)
    macro = _MACRO.fullmatch(expression)
    if macro:
        found = _memoized(element, "macros", lambda: _macros(element)).get(macro[1])
        return () if found is None else (found,)
    return tuple(original(element, expression))


def _macros(element) -> dict:
    """The element's cs:macro children by name, the first of a name."""
    macros: dict = {}
    for macro in element.iterchildren(_CS + "macro"):
        macros.setdefault(macro.get("name"), macro)
    return macros


# `element.layout`, `.sort`, `.terms`: the first child of that name. Only a
# found child is remembered, since a missing cs:name is later inserted.
def _memoized_children() -> None:
    original = model.SomewhatObjectifiedElement.__getattr__

    def getattr_(self, name):
        if name.startswith("__"):  # copy, pickle and friends probing
            return original(self, name)
        key = (self, "child " + name)
        found = _memo.get(key)
        if found is None:
            found = original(self, name)
            if found is not None:
                _memo[key] = found
        return found

    model.SomewhatObjectifiedElement.__getattr__ = getattr_


# --- locales -------------------------------------------------------------------

# Each variant of an engine's style (cslengine: APA's author part, the rest)
# is a style of its own, which parsed its locale files again (en-US's: 450
# terms), and found each term afresh. They share them: a locale file is
# only read (and its `style`, which its formatting asks for, is any of
# them: all format as HTML). Not where rendering writes into the locale
# (a cs:date with its own cs:date-parts, see _rewrites_locale).
@contextmanager
def locales_kept(kept: dict | None) -> Iterator[None]:
    """While a style is made, its locale files come from `kept` (and go
    there); None: parsed for it alone, as citeproc-py does."""
    _kept.append(kept)
    try:
        yield
    finally:
        _kept.pop()


_kept: list = []  # the `kept` of the style being made, innermost last


def _locale_files_kept() -> None:
    """model.Style.set_locale_list, citeproc-py 0.11.1's, but for where a
    locale file comes from (`_locale_file`)."""
    from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS

    def set_locale_list(self, output_locale, validate=True):
        self.locales = []
        system_locales_added = set()

        def add_instyle_locale(locale):
            expr = ('./cs:locale[@xml:lang="{}"]'.format(locale)
                    if locale else './cs:locale[not(@xml:lang)]')
            results = self.xpath_search(expr)
            if results:
                locale_element, = results
                self.locales.append(locale_element)

        def add_system_locale(locale):
            if locale not in system_locales_added:
                self.locales.append(_locale_file(locale, validate))
                system_locales_added.add(locale)

        add_instyle_locale(output_locale)
        language = output_locale.split('-')[0]
        add_instyle_locale(language)
        add_instyle_locale(None)
        if output_locale in LANGUAGE_NAMES:
            add_system_locale(output_locale)
        if language in PRIMARY_DIALECTS:
            add_system_locale(PRIMARY_DIALECTS[language])
        add_system_locale('en-US')
        for locale in self.locales:
            locale.style = self

    model.Style.set_locale_list = set_locale_list


def _locale_file(name: str, validate: bool):
    """The root of citeproc-py's locale file `name`, from the kept ones."""
    from citeproc.frontend import CitationStylesLocale
    kept = _kept[-1] if _kept else None
    if kept is None:
        return CitationStylesLocale(name, validate=validate).root
    if name not in kept:
        kept[name] = CitationStylesLocale(name, validate=validate).root
    return kept[name]


# --- sorting -------------------------------------------------------------------

# citeproc-py computed every cs:key for every item before comparing: ten
# macros rendered per reference for APA, although the first key (the
# author) decides almost every comparison. Here a key is computed when a
# comparison reaches it, at most once per item, and compared by citeproc-py's
# own rule, so the order is the same; a list of one needs no key at all.
# Not for a style whose rendering rewrites its locale (see below): there,
# which renderings happen changes what later ones print.
def _lazy_sort_keys() -> None:
    original = model.Sort.sort

    def sort(self, items, context):
        if len(items) < 2:
            return list(items)
        if _rewrites_locale(self):
            return original(self, items, context)
        keys = self.findall("cs:key", self.nsmap)
        descending = [key.get("sort", "ascending").lower() == "descending" for key in keys]
        values: dict[tuple[int, int], object] = {}

        def value(n: int, k: int):
            if (n, k) not in values:
                values[n, k] = keys[k].sort_keys([items[n]], context)[0]
            return values[n, k]

        def compare(left: int, right: int) -> int:
            for k, desc in enumerate(descending):
                a, b = value(left, k), value(right, k)
                if a is None or b is None:  # no value sorts last, either way
                    if a is not None or b is not None:
                        return -1 if a is not None else 1
                    continue
                result = _compare(a, b)
                if result:
                    return -result if desc else result
            return 0

        return [items[n] for n in sorted(range(len(items)), key=cmp_to_key(compare))]

    model.Sort.sort = sort


def _compare(left, right) -> int:
    """citeproc-py's comparison of two sort-key values (model.Sort.sort)."""
    try:
        left, right = str(left.lower()), str(right.lower())
    except AttributeError:
        pass
    try:
        left, right = int(str(left)), int(str(right))
    except ValueError:
        pass
    return (left > right) - (left < right)


def _rewrites_locale(element) -> bool:
    """Whether `element`'s style has a localized cs:date with cs:date-part children.

    citeproc-py 0.11.1 copies those overriding attributes onto the locale's
    own cs:date-part, where they stay for every later date.
    """
    root = element.getroottree().getroot()
    return _memoized(root, "rewrites locale", lambda: any(
        date.get("form") is not None and date.find("cs:date-part", date.nsmap) is not None
        for date in root.iter(f"{{{element.nsmap['cs']}}}date")))


# --- references ----------------------------------------------------------------

# `item.reference` goes item → citation → bibliography → source, each step a
# CustomDict attribute that raises and catches on the way; cs:if looked it
# up once per type or variable it tests (APA's tests name up to twenty).
def _reference_once() -> None:
    from citeproc.source import CitationItem

    def reference(self):
        citation = dict.get(self, "citation")
        bibliography = dict.get(citation, "bibliography") if citation is not None else None
        if bibliography is None:  # not registered: fail as citeproc-py does
            return self.citation.bibliography.source[self.key]
        return bibliography.source[dict.__getitem__(self, "key")]

    CitationItem.reference = property(reference)


# --- cs:if -----------------------------------------------------------------------

# What a cs:if (or cs:else-if) tests and how it matches, read from its
# attributes at every rendering although they never change: read once.
# The tests themselves are citeproc-py's, in its order, but for `type` and
# `variable`, which look the reference up once instead of once per name.
_TESTS = (("is-numeric", "_is_numeric"), ("is-uncertain-date", "_is_uncertain_date"),
          ("locator", "_locator"))


def _if_tests_once() -> None:
    def render(self, item, context=None, delimiter="", **kwargs):
        if not _passes(self, item, context):
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    model.If.render = render
    model.Choose.render = _choose


def _passes(branch, item, context) -> bool:
    """Whether a cs:if's (or cs:else-if's) tests pass, as model.If.render decides."""
    key = (branch, "tests")
    try:
        test = _memo[key]
    except KeyError:
        test = _memo[key] = _test_of(branch)
    return test(branch, item, context)


def _test_of(branch):
    """The function that tells whether the branch's tests pass: for the
    tests APA's branches are almost all made of, one type test or one
    variable's, a short one (no list of results built); for the others
    the tests in citeproc-py's order."""
    types = [t.lower() for t in branch.get("type", "").split()] \
        if "type" in branch.attrib else None
    variables = _variables(branch.get("variable")) if "variable" in branch.attrib else None
    others = [method for name, method in _TESTS if name in branch.attrib]
    position, match = "position" in branch.attrib, branch.get("match")
    alone = not others and not position
    if alone and variables is None and types and match in ("any", "none"):
        wanted = frozenset(types)  # `typ == kind` for any of them, as a set's
        if match == "any":
            return lambda branch, item, context: item.reference.type in wanted
        return lambda branch, item, context: item.reference.type not in wanted
    if alone and types is None and variables is not None and variables[1] == [
            v for v in variables[1] if v != "locator"] and len(variables[1]) == 1:
        name = variables[1][0]
        if match == "none":
            return lambda branch, item, context: name not in item.reference
        return lambda branch, item, context: name in item.reference  # any, all: the one

    def test(branch, item, context) -> bool:
        results = []
        if types is not None:
            kind = item.reference.type if types else None
            results += [typ == kind for typ in types]
        if variables is not None:
            # the reference looked up once, and not for `locator` alone
            reference = item.reference if variables[0] else None
            results += [("locator" in item) if v == "locator" else (v in reference)
                        for v in variables[1]]
        for method in others:
            results += getattr(branch, method)(item)
        if position:
            results += branch._position(item, context)
        return (any(results) if match == "any" else not any(results) if match == "none"
                else all(results))
    return test


# A cs:choose renders its first branch whose tests pass. citeproc-py had
# each branch render, which raised ConditionFailed when its tests failed:
# an exception for most branches (APA's entries ask ~70, half of them
# failing). Here the choose asks a branch's tests itself (so If.render,
# above, is the last patch of it), then renders its children; a
# ConditionFailed from a branch still moves on to the next, as it did.
def _choose(self, item, context=None, delimiter="", **kwargs):
    for child in _memoized(self, "branches", lambda: tuple(self.getchildren())):
        try:
            if isinstance(child, model.If):
                if _passes(child, item, context):
                    return child.render_children(item, context=context, delimiter=delimiter,
                                                 **kwargs)
                continue
            return child.render(item, context=context, delimiter=delimiter, **kwargs)
        except model.ConditionFailed:
            continue
    return None


def _variables(attribute: str) -> tuple[bool, list[str]]:
    """What a cs:if's `variable` tests (model.If._variable's names), and
    whether any is the reference's (not the cite's `locator`)."""
    variables = [v.replace("-", "_") for v in attribute.split()]
    return any(v != "locator" for v in variables), variables


# --- formatting ------------------------------------------------------------------

# Every rendered string passes five formatting steps, each of which finds the
# formatter through the tree's root before seeing that its attribute is
# absent; most elements have none of the five. A locale's cs:date-part is
# left alone: citeproc-py copies attributes onto it while rendering.
_FORMATTING = ("font-style", "font-variant", "font-weight", "text-decoration",
               "vertical-align")


# Every rendered element's text is wrapped in its affixes, most of which
# have neither prefix nor suffix: then citeproc-py's wrap joined "" before
# and after the text, through two seams, to return the text as it was.
def _unaffixed_fast() -> None:
    from citeproc.string import MixedString
    original = model.Affixed.wrap

    def wrap(self, string):
        if isinstance(string, (str, MixedString)) and self.get("prefix") is None \
                and self.get("suffix") is None:
            return string
        return original(self, string)

    model.Affixed.wrap = wrap


def _unformatted_fast() -> None:
    original = model.Formatted.format

    def format_(self, string):
        if isinstance(self, model.Date_Part) or _memoized(
                self, "formats", lambda: any(self.get(a) is not None for a in _FORMATTING)):
            return original(self, string)
        return str(string) if isinstance(string, (int, float)) else string

    model.Formatted.format = format_
