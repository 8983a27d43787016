"""citeproc-py with the style and its derived citation variants.

citeproc-py has no narrative ("author in text") or suppress-author mode, so
we derive two variants of the style's own citation layout, at the CSL level:
the author part alone and the layout without it. A narrative citation is
"<author part> (<the rest>)".

APA's layout is one group whose first part is the author; its variants are
that part and the others, and APA 7 (§8.17) joins two authors with "and" in
running text, which the author-part variant gets by setting `and="text"`.

Any other style gets them as pandoc's citeproc makes them: the author is the
first cs:names the item's citation renders (its substitute included), and
the rest is the citation without that cs:names. Which one comes first
depends on the item (a cs:choose on its type), so a "marked" variant, whose
cs:names each print a private-use mark before themselves, tells; the author
and rest variants of each cs:names are derived when first needed. A style
whose citation names nobody (a numeric one) has no author part: a narrative
citation is the citation itself, "[1, p. 5]", as pandoc prints it.

The engine renders pieces (one item in one variant), sorts, and renders
reference-list entries; cite.py puts clusters together from the pieces and
remembers them (report/cache.py), so it may never need an engine at all.
"""

from __future__ import annotations

import copy
import io
import re
import warnings
from pathlib import Path

from lxml import etree

from . import cslstyle

CSL_NS = "http://purl.org/net/xbiblio/csl"
_NS = {"cs": CSL_NS}
VARIANTS = ("full", "author", "author-symbol", "rest")
# A cited item's formatting applies to the whole cluster; the variants render
# without it, and `Engine.wrap` sets it around the cluster.
_FORMATTING = ("font-style", "font-variant", "font-weight", "text-decoration",
               "vertical-align")
_MARK = "\ue000"  # before a cs:names's output in the marked variant; its number follows


class Engine:
    def __init__(self, items: list[dict], style: Path, lang: str):
        from citeproc.source.json import CiteProcJSON

        from . import cslfixes, cslspeed, cslyearsuffix
        from .cslfixes.quotes import quoting
        cslfixes.apply()
        cslspeed.apply()
        cslspeed.forget()
        tree = copy.deepcopy(cslstyle.tree(style))  # changed below
        # The article's language is the style's, as pandoc's `lang` is (and
        # citeproc-js's forced locale): an item without `language` is in it,
        # so title-cased only when it is English (cslfixes/textcase.py).
        tree.getroot().set("default-locale", lang)
        _listing_nothing(tree)
        _retrieved_with_its_date(tree)
        cslyearsuffix.mark(tree)  # CSL's default place of the year suffix
        _second_field_separated(tree)
        self.conditional = _condition_as_variable(tree)
        typed = _types_as_one_test(tree)
        # A note style's cites are compared in their short form (csldisambig.py).
        self.positional = "position" in cslstyle.uses(cslstyle.tree(style))
        self.generic = not _is_apa(tree) or not _author_group(tree)
        if not self.generic:
            _data_set_term(tree)
            _online_entries_dated_in_full(tree)
        citation = tree.find("cs:citation", _NS)
        layout = citation.find("cs:layout", _NS)
        # CSL's default: none, as both engines join spip-cite's "(Year, Yan 2001) (Arto".
        self.delimiter = layout.get("delimiter", "")
        # The layout's affixes go around a whole cluster (`enclose`), not each piece.
        self.open, self.close = layout.attrib.pop("prefix", ""), layout.attrib.pop("suffix", "")
        self.formatting = {a: layout.attrib.pop(a) for a in _FORMATTING if a in layout.attrib}
        self.collapse = citation.get("collapse", "")
        self._cluster_delimiters(tree, citation)
        self.sorts = citation.find("cs:sort", _NS) is not None
        self.methods = {m for m in ("givenname", "names", "year-suffix")
                        if citation.get(f"disambiguate-add-{m}") == "true"}
        self.tree, self.lang = tree, lang
        self._numbering: list[str] = []
        self._first: dict = {}
        self._closing: str | None = None
        with warnings.catch_warnings():
            # Fields citeproc-py does not know (Zotero's "custom", CSL 1.0.2's
            # "translated-title") are left out, as citeproc-js leaves them;
            # its UserWarning printed a line of its own source code.
            warnings.simplefilter("ignore")
            # One style's variants share its locale files, read once; not a
            # style whose dates rewrite the locale they render with (cslspeed).
            self._locales = None if "localized-date-parts" in cslstyle.uses(
                cslstyle.tree(style)) else {}
            full = _style(tree, lang, self._locales)
            # The data's straight quotes become the marks of the style's
            # locale (cslfixes.quotes.smarten), as citeproc-js's: the article's
            # language's, or the style's own (Bristol's “ ” in French too).
            with quoting(_quote_marks(full)):
                self.source = CiteProcJSON(_author_not_named_again(items) if _is_apa(tree)
                                           else items)
            for ref in self.source.values():
                ref.update({name: True for name, types in typed.items() if ref.type in types})
        # APA's other variants ("author", "author-symbol", "rest") are
        # derived when first rendered (`_variant`): each is a style parsed
        # with its locale, ~2 ms, and an article without narrative cites
        # renders no "author" nor "rest".
        self.variants = {"full": _listing(full, self.source)}
        self._listed = None  # the reference list's bibliography, once sorted

    # --- disambiguation state, as plain data ---------------------------------

    def _cluster_delimiters(self, tree, citation) -> None:
        """The delimiters of a collapsed cluster, as citeproc-js chooses them
        (CSL.getSpliceDelimiter): `after_collapse` after an author's group of
        works, None where the style sets none; `group_delimiter` between one
        author's works: the style's cite-group-delimiter, else ", " in an
        in-text style that prints no numbers, else the layout's delimiter (a
        note style's "Smith 2000;2001"); `suffix_delimiter` before a year
        suffix printed alone ("2000a, b"): the cite-group delimiter wins over
        the year-suffix one, and either over the layout's."""
        group = citation.get("cite-group-delimiter") or None
        numeric = any(text.get("variable") == "citation-number"
                      for text in citation.iter(f"{{{CSL_NS}}}text"))
        in_text = tree.getroot().get("class") == "in-text" and not numeric
        self.after_collapse = citation.get("after-collapse-delimiter")
        self.group_delimiter = group or (", " if in_text else self.delimiter)
        self.suffix_delimiter = group or citation.get("year-suffix-delimiter") \
            or self.delimiter

    def state(self, key: str) -> dict:
        """What disambiguation decided for one reference (JSON-able)."""
        from .csldisambig import CONDITION, DISAMBIGUATION
        ref = self.source[key.lower()]
        suffix = ref.get("year_suffix")
        return {"names": ref.get(DISAMBIGUATION), "suffix": str(suffix) if suffix else None,
                "condition": CONDITION in ref}

    def set_state(self, states: dict[str, dict]) -> None:
        """Put back what `state` gave, so that pieces render as after disambiguation."""
        from citeproc.string import String

        from .csldisambig import CONDITION, DISAMBIGUATION
        for key, state in states.items():
            ref = self.source[key.lower()]
            for private in (DISAMBIGUATION, "year_suffix", CONDITION):
                ref.pop(private, None)
            if state["names"]:
                ref[DISAMBIGUATION] = state["names"]
            if state["suffix"]:
                ref["year_suffix"] = String(state["suffix"])
            if state.get("condition"):
                ref[CONDITION] = True

    def disambiguate(self, keys: list[str], render_cites) -> None:
        """The methods the style's cs:citation asks for, and those only: a
        numeric style's works get no year suffix, "2001a", in its list.
        Then, where the style tests `disambiguate="true"`, the works whose
        cites still print alike render with it true, in their citations
        and their entries, as in citeproc-js and pandoc (csldisambig.py)."""
        from .csldisambig import disambiguate
        rule = self.tree.find("cs:citation", _NS).get("givenname-disambiguation-rule", "by-cite")
        disambiguate(self.source, [k.lower() for k in keys], render_cites,
                     lambda group: list(self._sorted(group).keys), self.methods,
                     rule=rule, conditional=self.conditional)
        # Those cites were no citations of the document: citeproc-py counts
        # an in-text style's positions from the cites a variant rendered.
        for bib in self.variants.values():
            bib._cites.clear()

    # --- order -------------------------------------------------------------------

    def order(self, keys: list[str]) -> list[str]:
        """The reference-list order of `keys` (lower-cased, as citeproc-py
        keys them): the list whose entries `entry` renders."""
        self._listed = self._sorted(keys)
        self.number(self._listed.keys)
        return list(self._listed.keys)

    def number(self, order: list[str]) -> None:
        """Number the works as the reference list does (CSL citation-number:
        the position in the sorted list), in every variant; citeproc-py
        numbered them in the order each variant first rendered them."""
        self._numbering = list(order)
        for bib in self.variants.values():
            bib.keys = list(order)

    def _sorted(self, keys: list[str]):
        """A bibliography of `keys`, sorted by the style's cs:bibliography/cs:sort."""
        from citeproc import (
            Citation,
            CitationItem,
            CitationStylesBibliography,
            formatter,
        )
        full = self.variants["full"]
        bib = CitationStylesBibliography(full.style, full.source, formatter.html)
        bib.register(Citation([CitationItem(k) for k in keys]))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bib.sort()
        return bib

    def sort(self, items: list) -> list:
        """A cluster's items in the order of the style's cs:citation/cs:sort."""
        from citeproc import Citation
        full = self.variants["full"]
        citeitems = [_item(i) for i in items]
        full.register(Citation(citeitems))
        element = full.style.root.citation
        if element.sort is None:
            return list(items)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ordered = element.sort.sort(citeitems, element.layout)
        return [items[next(n for n, c in enumerate(citeitems) if c is o)] for o in ordered]

    # --- rendering -----------------------------------------------------------------

    def render(self, variant: str, item, prefix: bool = True, suffix: bool = True) -> str:
        """One item in one variant of the citation layout, without its parentheses."""
        if self.generic and variant != "full":
            names = self._first_names(item)
            if variant.startswith("author"):
                return "" if names is None else self._cite(f"author@{names}", item, prefix,
                                                            suffix)
            variant = "full" if names is None else f"rest@{names}"
        return self._cite(variant, item, prefix, suffix)

    def enclose(self, html: str) -> str:
        """A cluster in the citation layout's affixes and formatting. Its
        suffix meets the words before it as CSL's punctuation rules have
        them, as it would have met them in one piece: "ibid." takes no
        second period, and the en-US locale puts it inside quotes,
        "“A Study of Things.”"."""
        return self.wrap(self.open + (_suffixed(html, self.close, self._quotes()) if html
                                      else self.close))

    def _quotes(self) -> str:
        """The closing quotes that a period or comma goes inside ('' if none does)."""
        if self._closing is None:
            layout = self.variants["full"].style.root.citation.layout
            inside = layout.get_locale_option("punctuation-in-quote").lower() == "true"
            self._closing = "".join(str(layout.get_single_term(name=n))
                                    for n in ("close-quote", "close-inner-quote")) * inside
        return self._closing

    def wrap(self, html: str) -> str:
        """A cluster in the formatting of the style's citation layout:
        Nature's superscript numbers."""
        for attribute, tags in _TAGS.items():
            tag = tags.get(self.formatting.get(attribute))
            if tag and html:
                html = f"<{tag}>{html}</{tag}>"
        return html

    def _cite(self, variant: str, item, prefix: bool, suffix: bool) -> str:
        from citeproc import Citation
        bib = self._variant(variant)
        citation = Citation([_item(item, prefix, suffix)])
        bib.register(citation)
        _first_note(self.source[item.key.lower()], item.first_note)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return str(bib.cite(citation, lambda item: None))

    def _variant(self, name: str):
        """A variant, derived when first asked for: APA's from its layout's
        author group, a generic style's from its cs:names."""
        if name not in self.variants:
            if not self.generic and name in _APA_VARIANTS:
                tree = _APA_VARIANTS[name](self.tree)
            else:
                kind, _, number = name.partition("@")
                derive = {"marked": _marked_variant, "author": _names_only_variant,
                          "rest": _without_names_variant}[kind]
                tree = derive(self.tree, int(number)) if number else derive(self.tree)
            self.variants[name] = bib = _bibliography(tree, self.source, self.lang,
                                                      self._locales)
            if self._numbering:
                bib.keys = list(self._numbering)
        return self.variants[name]

    def _first_names(self, item) -> int | None:
        """The number of the cs:names that the item's citation renders first
        (in document order of the style's top-level cs:names); None when it
        names nobody."""
        locator = (item.locator.label, item.locator.value) if item.locator else None
        key = (item.key.lower(), locator, item.positions)  # a note's first cite names more
        if key not in self._first:
            html = self._cite("marked", item, False, False)
            at = html.find(_MARK)
            self._first[key] = ord(html[at + 1]) - 0xE100 if at >= 0 else None
        return self._first[key]

    def entry(self, key: str, order: list[str]) -> str | None:
        """One reference-list entry; None when it renders empty (a personal communication).

        Rendered alone, from a bibliography of its own: the citations'
        items carry locators, which legal entries would otherwise print.
        """
        if self._listed is None:
            self._register_listed(order)
        item = self._listed.items[self._listed.keys.index(key.lower())]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for entry in self.variants["full"].style.render_bibliography([item]):
                return _ENTRY_START.sub(r"\1", _ENTRY_END.sub(r"\1", str(entry)))
        return None

    def _register_listed(self, order: list[str]) -> None:
        """The reference list's bibliography in an order known from before."""
        from citeproc import (
            Citation,
            CitationItem,
            CitationStylesBibliography,
            formatter,
        )
        full = self.variants["full"]
        self._listed = CitationStylesBibliography(full.style, full.source, formatter.html)
        self._listed.register(Citation([CitationItem(k) for k in order]))


# A tag of the HTML citeproc-py renders, and the run of them an HTML text
# ends with ("…”</i></span>"): punctuation rules (here and in cslfixes/)
# look at the last character before it.
TAG = r"<[^<>]*>"
TRAILING_TAGS = re.compile(rf"(?:{TAG})*$")
# An entry ends with its last word or mark: a style whose last element has a
# suffix " " (abnt's, antiquites-africaines's) left a space there, which
# citeproc-js and pandoc drop, and so do we (before any closing tags).
_ENTRY_END = re.compile(rf"\s+((?:</{TAG[1:]})*)$")
# And with its first: journal-of-sleep-research's author has a prefix " ".
_ENTRY_START = re.compile(rf"^((?:{TAG})*)\s+")


def split_tags(html: str) -> tuple[str, str]:
    """`html`'s text and the tags it ends with: "“Why?”", "</i></span>"."""
    end = TRAILING_TAGS.search(html).start()
    return html[:end], html[end:]


def _suffixed(html: str, suffix: str, quotes: str) -> str:
    """`html` and the layout's suffix: a period or comma inside the closing
    quote before it (`quotes`: those it goes inside), and none after a
    period, question or exclamation mark (citeproc-js's collisions)."""
    if suffix[:1] not in (".", ","):
        return html + suffix
    words, tags = split_tags(html)
    if quotes and words[-1:] and words[-1] in quotes:
        inner, quote = words[:-1], words[-1]
        if inner[-1:] in ".?!" and suffix[0] == "." or inner[-1:] in ",.?!" and suffix[0] == ",":
            return html + suffix[1:]
        return inner + suffix[0] + quote + tags + suffix[1:]
    if words[-1:] in ("?", "!") or words[-1:] == "." and suffix[0] == ".":
        return html + suffix[1:]
    return html + suffix


def _item(item, prefix: bool = True, suffix: bool = True):
    from citeproc import CitationItem
    from citeproc.source import Locator
    fields = {}
    if item.locator:
        fields["locator"] = Locator(item.locator.label, item.locator.value)
    if prefix and item.prefix:
        fields["prefix"] = item.prefix
    if suffix and item.suffix:
        fields["suffix"] = item.suffix
    cite = CitationItem(item.key, **fields)
    if item.positions:  # counted over the document (report/notecites.py, cslfixes/positions.py)
        cite.positions = item.positions
    return cite


def _first_note(reference, number: int) -> None:
    """CSL's first-reference-note-number, OSCOLA's "(n 3)": the note that
    first cited the work, as the cite being rendered has it."""
    if number:
        reference["first_reference_note_number"] = str(number)
    else:
        reference.pop("first_reference_note_number", None)


def _listing_nothing(tree) -> None:
    """A style without cs:bibliography (chicago-notes) gets one, which
    citeproc-py needs to render at all; cite.render_all lists nothing of it."""
    if not cslstyle.lists_references(tree):
        for empty in tree.findall("cs:bibliography", _NS):  # one without a layout
            empty.getparent().remove(empty)
        etree.SubElement(tree.getroot(), f"{{{_NS['cs']}}}bibliography").append(
            etree.fromstring(f'<layout xmlns="{_NS["cs"]}"><text variable="title"/></layout>'))


def _bibliography(tree, source, lang: str, locales: dict | None = None):
    return _listing(_style(tree, lang, locales), source)


def _style(tree, lang: str, locales: dict | None = None):
    """citeproc-py's style of `tree`; its locale files parsed once for all
    the variants of an engine's style, kept in `locales` (cslspeed)."""
    from citeproc import CitationStylesStyle

    from .cslspeed import locales_kept
    data = io.BytesIO(etree.tostring(tree))
    with warnings.catch_warnings(), locales_kept(locales):
        warnings.simplefilter("ignore")
        return CitationStylesStyle(data, locale=lang, validate=False)


def _listing(style, source):
    from citeproc import CitationStylesBibliography, formatter
    return CitationStylesBibliography(style, source, formatter.html)


def _quote_marks(style) -> tuple[str, ...]:
    """The open, close, inner open and inner close quotes of the style's
    locale: its own terms, then its language's CSL locale file's."""
    # The term's text, unformatted: the style has no formatter yet.
    return tuple(style.root.get_term(name).text for name in (
        "open-quote", "close-quote", "open-inner-quote", "close-inner-quote"))


_TAGS = {"font-style": {"italic": "i", "oblique": "i"}, "font-weight": {"bold": "b"},
         "vertical-align": {"sup": "sup", "sub": "sub"}}


def _is_apa(tree) -> bool:
    return (tree.findtext("cs:info/cs:id", "", _NS) or "").rstrip("/").endswith("/styles/apa")


def _author_not_named_again(items: list[dict]) -> list[dict]:
    """APA §9.24: a publisher that is the author is not named again, as in
    "American Psychological Association. (2020). Publication manual … (7th
    ed.). https://doi.org/…"; apa.csl names it twice, as do the engines.
    Likewise a webpage's site name (§10.16): "Centers for Disease Control
    and Prevention. (2018, January 23). *People at high risk …*. https://…".
    And the court of a case its reporter names, and a press release's date
    (below)."""
    return [_without_author_again(_court_in_its_reporter(press_release_dated(item)))
            for item in items]


# A press release is dated in full, as APA §10.4 gives it: "U.S. Food and
# Drug Administration. (2019, February 14). *FDA authorizes …* [Press
# release]."; apa.csl dates a report or a document (Zotero's, "article")
# by the year alone, "(2019)". A pamphlet it dates in full, and renders as
# it renders these in all else, but for a series it does not name.
_PRESS_RELEASES = {"press release", "news release", "media release"}


def press_release_dated(item: dict) -> dict:
    genre = item.get("genre")
    if item.get("type") not in ("report", "article") or not isinstance(genre, str) or \
            " ".join(genre.split()).casefold() not in _PRESS_RELEASES or \
            item.get("collection-title"):
        return item
    return {**item, "type": "pamphlet"}


# The reporters of the Supreme Court of the United States alone, whose name
# says the court: "Obergefell v. Hodges, 576 U.S. 644 (2015)" (APA §11.4,
# after the Bluebook), not "(Supreme Court of the United States 2015)", as
# apa.csl prints the court a Zotero export gives (its "Court" field) before
# the year, as it must for "(Ill. 1965)" or "(9th Cir. 2019)".
_SUPREME_COURT_REPORTERS = {"us", "sct", "led", "led2d"}


def _court_in_its_reporter(item: dict) -> dict:
    reporter = item.get("container-title")
    if item.get("type") != "legal_case" or not item.get("authority") or \
            not isinstance(reporter, str) or \
            re.sub(r"[\s.]", "", reporter).casefold() not in _SUPREME_COURT_REPORTERS:
        return item
    return {k: v for k, v in item.items() if k != "authority"}


def _without_author_again(item: dict) -> dict:
    authors = _group_authors(item)
    if not authors:
        return item
    again = {"publisher"} if _plain(item.get("publisher")) in authors else set()
    if item.get("type") == "webpage" and _plain(item.get("container-title")) in authors:
        again.add("container-title")
    return {k: v for k, v in item.items() if k not in again} if again else item


def _group_authors(item: dict) -> set[str]:
    """The authors' names that a publisher or site could repeat: a group's
    name, written as a literal or as a family name with no given name
    ({"family": "World Health Organization"})."""
    return {_plain(a.get("literal") or (a.get("family") if not a.get("given") else None))
            for a in item.get("author") or () if isinstance(a, dict)} - {None}


def _plain(text) -> str | None:
    return " ".join(text.split()).casefold() if isinstance(text, str) and text.strip() else None


def _data_set_term(tree) -> None:
    """APA §10.9 describes a data set as "[Data set]"; apa.csl prints the
    locale's term, "dataset", as citeproc-js and pandoc do: "[Dataset]". The
    style's English terms get APA's two words."""
    found = tree.xpath("cs:locale[@xml:lang='en']/cs:terms", namespaces=_NS)
    terms = found[0] if found else None
    if terms is not None and terms.find("cs:term[@name='dataset']", _NS) is None:
        etree.SubElement(terms, f"{{{CSL_NS}}}term", name="dataset").text = "data set"


def _online_entries_dated_in_full(tree) -> None:
    """An entry of a reference work read online is dated as a webpage is,
    in full (APA §10.3: "Oil painting. (2019, December 4). In *Wikipedia*.");
    apa.csl gives entries the year alone, as a printed encyclopedia's, and
    so do both engines: "(2019)". One with an editor, a volume or pages
    keeps the year (apa.csl's rule: "In E. N. Zalta (Ed.), *The Stanford
    encyclopedia of philosophy*"), as does one with no URL."""
    web = tree.xpath("cs:macro[@name='date']//cs:choose[cs:if[contains(@type, 'webpage')]]",
                     namespaces=_NS)
    if not web:
        return
    plain = web[0].find("cs:else-if[@variable]", _NS)  # an editor's, a volume's: the year
    entry = etree.Element(f"{{{CSL_NS}}}else-if", type="entry entry-dictionary "
                          "entry-encyclopedia", match="any")
    online = etree.SubElement(etree.SubElement(entry, f"{{{CSL_NS}}}choose"),
                              f"{{{CSL_NS}}}if", variable="URL")
    etree.SubElement(online, f"{{{CSL_NS}}}text", macro="date-issued-month-day")
    (plain if plain is not None else web[0].find("cs:if", _NS)).addnext(entry)


def _retrieved_with_its_date(tree) -> None:
    """"Retrieved March 3, 2021, from" only with the date it names (APA
    §9.16). apa.csl writes the term beside the group of the date, not in it,
    so a webpage with neither a date nor one of retrieval read "Retrieved
    https://…", as citeproc-js and pandoc print it: the term and that group
    become one group, which goes with its date."""
    for term in tree.iterfind(".//cs:text[@term='retrieved']", _NS):
        dated = term.getnext()
        if dated is None or dated.tag != f"{{{CSL_NS}}}group" or \
                dated.find(".//cs:date[@variable='accessed']", _NS) is None:
            continue
        wrapper = etree.Element(f"{{{CSL_NS}}}group", delimiter=" ")
        term.addprevious(wrapper)
        wrapper.extend([term, dated])


def _author_variant(tree, narrative: bool):
    """The citation layout reduced to its first part, the author, less the
    words beside the names there (next function)."""
    tree = copy.deepcopy(tree)
    group = _layout_group(tree)
    for child in list(group)[1:]:
        group.remove(child)
    for term in _terms_beside_names(tree, group[0]):
        term.getparent().remove(term)
    for name in tree.iter(f"{{{CSL_NS}}}name"):
        if narrative and name.get("and") == "symbol":
            name.set("and", "text")  # APA §8.17: "and" in running text
    return tree


def _suppress_author_variant(tree):
    """The citation layout without its author part: the words beside the
    names there, date and locator. APA's author part of a personal
    communication is "T. Nguyen, personal communication"; the words go
    with the date, "T. Nguyen (personal communication, March 1, 2019)"
    (§8.9), as both engines print it."""
    tree = copy.deepcopy(tree)
    group = _layout_group(tree)
    author = list(group)[0]
    terms = _terms_beside_names(tree, author)
    group.remove(author)
    if terms:
        macro = _macro(tree, author.get("macro"))
        for element in list(macro.iter(f"{{{CSL_NS}}}names", f"{{{CSL_NS}}}text")):
            if element not in terms and element.getparent() is not None:
                element.getparent().remove(element)
        group.insert(0, author)
    return tree


# APA's variants of the citation layout (VARIANTS but "full"), by name.
_APA_VARIANTS = {"author": lambda tree: _author_variant(tree, narrative=True),
                 "author-symbol": lambda tree: _author_variant(tree, narrative=False),
                 "rest": _suppress_author_variant}


def _terms_beside_names(tree, author) -> list:
    """The cs:text terms grouped with cs:names in the author part's macro."""
    macro = _macro(tree, author.get("macro"))
    if macro is None:
        return []
    return [t for t in macro.iter(f"{{{CSL_NS}}}text") if t.get("term")
            and t.getparent().find("cs:names", _NS) is not None]


def _macro(tree, name: str | None):
    return tree.find(f"cs:macro[@name='{name}']", _NS) if name else None


def _top_names(tree) -> list:
    """The style's cs:names that are no substitute of another, in document order."""
    return [n for n in tree.iter(f"{{{CSL_NS}}}names")
            if not any(a.tag == f"{{{CSL_NS}}}names" for a in n.iterancestors())]


def _marked_variant(tree):
    """Each cs:names prints a mark and its number before itself."""
    tree = copy.deepcopy(tree)
    for number, names in enumerate(_top_names(tree)):
        names.set("prefix", _MARK + chr(0xE100 + number) + names.get("prefix", ""))
    return tree


def _names_only_variant(tree, number: int):
    """The citation layout reduced to one cs:names, the author: pandoc's
    citeproc takes the first names its citation renders, in their own
    affixes and formatting, without the layout's."""
    tree = copy.deepcopy(tree)
    names = _top_names(tree)[number]
    layout = tree.find("cs:citation/cs:layout", _NS)
    for child in list(layout):
        layout.remove(child)
    layout.attrib.clear()
    layout.append(copy.deepcopy(names))
    return tree


def _without_names_variant(tree, number: int):
    """The citation layout without that cs:names: the date, the locator.

    The names still render, silently (cslfixes.groups.SILENT): the group around
    them prints as though they had, as citeproc-js and pandoc print a
    suppressed author. Removed, they left elsevier-harvard's group of the
    "n.d." term and no variable, which CSL suppresses: "(Doe, n.d., )"."""
    from .cslfixes.groups import SILENT
    tree = copy.deepcopy(tree)
    _top_names(tree)[number].set(SILENT, "true")
    return tree


def _condition_as_variable(tree) -> bool:
    """CSL's `disambiguate="true"` test, which citeproc-py took for true,
    always (MLA's citations printed the title, "(Adams, Alpha 5)"): a test
    of a private variable instead, which a reference has when its cites are
    still alike after the other methods (`Engine.disambiguate`). Joined to
    the element's variable tests, it matches as the element says ("all",
    "any", "none"). Whether the style has any such test."""
    from .csldisambig import CONDITION
    found = False
    for test in _tests_with(tree, "disambiguate"):
        if test.attrib.pop("disambiguate") != "true":
            continue  # CSL-M's "check-ambiguity-and-backreference": not CSL
        test.set("variable", " ".join([*test.get("variable", "").split(), CONDITION]))
        found = True
    return found


def _tests_with(tree, attribute: str) -> list:
    """The cs:if and cs:else-if elements with `attribute`, in document order
    (by lxml's iter: an XPath over the whole style took 0.5 ms)."""
    return [test for test in tree.iter(f"{{{CSL_NS}}}if", f"{{{CSL_NS}}}else-if")
            if attribute in test.attrib]


_TYPE_TEST = "_type_any_of_"  # a private variable, as csldisambig.CONDITION


def _types_as_one_test(tree) -> dict[str, frozenset]:
    """A cs:if's `type` is one test, met by any of its types, as citeproc-js
    reads it (and the styles are written for): citeproc-py took each type
    for a test of its own, so that `type="book chapter"` under match="all",
    CSL's default, was met by no work, and the branch for books never taken
    (infomin's lost its publisher, "Cambridge: Polity"). Alone, it now
    matches "any"; beside other tests, it is a private variable that the
    works of those types have (`Engine`), which matches as the element
    says. The private variables, by name."""
    private = {}
    for test in _tests_with(tree, "type"):
        types = test.get("type").split()
        if len(types) < 2 or test.get("match", "all") != "all":
            continue
        if set(test.attrib) <= {"type", "match"}:
            test.set("match", "any")
            continue
        name = f"{_TYPE_TEST}{len(private)}"
        private[name] = frozenset(types)
        del test.attrib["type"]
        test.set("variable", " ".join([*test.get("variable", "").split(), name]))
    return private


def _second_field_separated(tree) -> None:
    """A bibliography whose first field stands apart (second-field-align,
    display="left-margin"), "[1]" in IEEE's, is followed by a space, as
    pandoc prints it, "[1] A. Adams, …", not "[1]A. Adams"."""
    layout = tree.find("cs:bibliography/cs:layout", _NS)
    if layout is None or not len(layout):
        return
    first = next((c for c in layout if isinstance(c.tag, str)), None)
    aligned = tree.find("cs:bibliography", _NS).get("second-field-align")
    if first is None or not (aligned or first.get("display") == "left-margin"):
        return
    if not first.get("suffix", "")[-1:].isspace():
        first.set("suffix", first.get("suffix", "") + " ")


def _author_group(tree) -> bool:
    """Whether the citation layout is APA's: a group, the author first."""
    group = tree.find("cs:citation/cs:layout/cs:group", _NS)
    return group is not None and len(group) >= 2


def _layout_group(tree):
    return tree.find("cs:citation/cs:layout/cs:group", _NS)
