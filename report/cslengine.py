"""citeproc-py with the style and its derived citation variants.

citeproc-py has no narrative ("author in text") or suppress-author mode, so
we derive two variants of the style's own citation layout, at the CSL level:
the author part alone and the layout without it. A narrative citation is
"<author part> (<the rest>)"; APA 7 (§8.17) joins two authors there with
"and", which the author-part variant gets by setting `and="text"`.

The engine renders pieces (one item in one variant), sorts, and renders
reference-list entries; cite.py puts clusters together from the pieces and
remembers them (report/cache.py), so it may never need an engine at all.
"""

from __future__ import annotations

import copy
import io
import warnings
from pathlib import Path

from lxml import etree

from .errors import ReportError

CSL_NS = "http://purl.org/net/xbiblio/csl"
_NS = {"cs": CSL_NS}
VARIANTS = ("full", "author", "author-symbol", "rest")


class Engine:
    def __init__(self, items: list[dict], style: Path, lang: str):
        from citeproc.source.json import CiteProcJSON

        from . import cslfixes, cslspeed
        cslfixes.apply()
        cslspeed.apply()
        cslspeed.forget()
        tree = etree.parse(str(style))
        _retrieved_with_its_date(tree)
        if _is_apa(tree):
            _data_set_term(tree)
        layout = tree.find("cs:citation/cs:layout", _NS)
        self.delimiter = layout.get("delimiter", "; ")
        self.open, self.close = layout.get("prefix", ""), layout.get("suffix", "")
        with warnings.catch_warnings():
            # Fields citeproc-py does not know (Zotero's "custom", CSL 1.0.2's
            # "translated-title") are left out, as citeproc-js leaves them;
            # its UserWarning printed a line of its own source code.
            warnings.simplefilter("ignore")
            self.source = CiteProcJSON(_author_not_named_again(items) if _is_apa(tree) else items)
        self.variants = {
            "full": _bibliography(tree, self.source, lang),
            "author": _bibliography(_author_variant(tree, narrative=True), self.source, lang),
            "author-symbol": _bibliography(_author_variant(tree, narrative=False),
                                           self.source, lang),
            "rest": _bibliography(_suppress_author_variant(tree), self.source, lang),
        }
        self._listed = None  # the reference list's bibliography, once sorted

    # --- disambiguation state, as plain data ---------------------------------

    def state(self, key: str) -> dict:
        """What disambiguation decided for one reference (JSON-able)."""
        from .csldisambig import DISAMBIGUATION
        ref = self.source[key.lower()]
        suffix = ref.get("year_suffix")
        return {"names": ref.get(DISAMBIGUATION), "suffix": str(suffix) if suffix else None}

    def set_state(self, states: dict[str, dict]) -> None:
        """Put back what `state` gave, so that pieces render as after disambiguation."""
        from citeproc.string import String

        from .csldisambig import DISAMBIGUATION
        for key, state in states.items():
            ref = self.source[key.lower()]
            ref.pop(DISAMBIGUATION, None)
            ref.pop("year_suffix", None)
            if state["names"]:
                ref[DISAMBIGUATION] = state["names"]
            if state["suffix"]:
                ref["year_suffix"] = String(state["suffix"])

    def disambiguate(self, keys: list[str], render_authors) -> None:
        from .csldisambig import disambiguate
        disambiguate(self.source, [k.lower() for k in keys], render_authors,
                     lambda group: list(self._sorted(group).keys))

    # --- order -------------------------------------------------------------------

    def order(self, keys: list[str]) -> list[str]:
        """The reference-list order of `keys` (lower-cased, as citeproc-py
        keys them): the list whose entries `entry` renders."""
        self._listed = self._sorted(keys)
        return list(self._listed.keys)

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
        from citeproc import Citation
        bib = self.variants[variant]
        citation = Citation([_item(item, prefix, suffix)])
        bib.register(citation)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            html = str(bib.cite(citation, lambda item: None))
        if html.startswith(self.open) and html.endswith(self.close):
            html = html[len(self.open):len(html) - len(self.close)]
        return html

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
                return str(entry)
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
    return CitationItem(item.key, **fields)


def _bibliography(tree, source, lang: str):
    from citeproc import CitationStylesBibliography, CitationStylesStyle, formatter
    data = io.BytesIO(etree.tostring(tree))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = CitationStylesStyle(data, locale=lang, validate=False)
    return CitationStylesBibliography(style, source, formatter.html)


def _is_apa(tree) -> bool:
    return (tree.findtext("cs:info/cs:id", "", _NS) or "").rstrip("/").endswith("/styles/apa")


def _author_not_named_again(items: list[dict]) -> list[dict]:
    """APA §9.24: a publisher that is the author is not named again, as in
    "American Psychological Association. (2020). Publication manual … (7th
    ed.). https://doi.org/…"; apa.csl names it twice, as do the engines.
    Likewise a webpage's site name (§10.16): "Centers for Disease Control
    and Prevention. (2018, January 23). *People at high risk …*. https://…"."""
    return [_without_author_again(item) for item in items]


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
    """The citation layout reduced to its first part, the author."""
    tree = copy.deepcopy(tree)
    group = _layout_group(tree)
    for child in list(group)[1:]:
        group.remove(child)
    for name in tree.iter(f"{{{CSL_NS}}}name"):
        if narrative and name.get("and") == "symbol":
            name.set("and", "text")  # APA §8.17: "and" in running text
    return tree


def _suppress_author_variant(tree):
    """The citation layout without its author part: date and locator."""
    tree = copy.deepcopy(tree)
    group = _layout_group(tree)
    group.remove(list(group)[0])
    return tree


def _layout_group(tree):
    layout = tree.find("cs:citation/cs:layout", _NS)
    group = layout.find("cs:group", _NS)
    if group is None or len(group) < 2:
        raise ReportError("this CSL style's citation layout has no author group; "
                          "narrative and suppress-author citations need one")
    return group
