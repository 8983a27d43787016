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
