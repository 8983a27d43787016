"""Where writing a PDF spends its time, and patches that stop the waste.

Profiled with pyinstrument on a 100-page generated article (137 pages with
its 500 references) and on the default article:

- importing WeasyPrint took 1.1 s, 0.45 of them in `ctypes.util.find_library`:
  WeasyPrint tries each library under six names, most of which fail, and
  for each failure Python runs gcc and ld to search further;
- tagging (PDF/UA) asked pydyf for `page_references` once per tagged box,
  and pydyf rebuilt the list of every page's reference at each call: time
  that grows with the square of the page count;
- fontTools decompiled each font's GSUB and GPOS tables (Liberation's
  kerning pairs: a third of the time the default brief took to write)
  before subsetting, only to drop them, as WeasyPrint asks it to.

The pydyf and fontTools patches are pinned to the versions in
requirements.txt; all are installed once by `apply()`, before WeasyPrint
is imported, and change how long writing takes, never the bytes written:
tests/test_pdf_speed.py checks each against the original.
"""

from __future__ import annotations

from contextlib import contextmanager

_applied = False


def apply() -> None:
    """Import WeasyPrint, quickly, and patch what it uses."""
    global _applied
    if _applied:
        return
    with _libraries_from_ldconfig():
        import weasyprint  # noqa: F401
    import fontTools
    import pydyf
    for name, pinned, found in (("pydyf", "0.13.0", pydyf.__version__),
                                ("fonttools", "4.68.0", fontTools.version)):
        if found != pinned:
            raise RuntimeError(f"report.pdfspeed patches {name} {pinned}, not {found}; "
                               "see requirements.txt")
    _page_references_once()
    _no_layout_tables_to_drop()
    _applied = True


# --- finding libraries ------------------------------------------------------------

# On Linux, find_library asks ldconfig's cache, then gcc, then ld; the last
# two only find a library the cache lacks, and cost 10 ms a name. Every
# library WeasyPrint needs is in the cache under one of the names it tries,
# so while it imports, the cache alone answers: what find_library does on a
# machine without a compiler.
@contextmanager
def _libraries_from_ldconfig():
    import ctypes.util
    original = ctypes.util.find_library
    from_cache = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if from_cache is not None and from_cache("c"):  # a cache that answers at all
        ctypes.util.find_library = from_cache
    try:
        yield
    finally:
        ctypes.util.find_library = original


# --- pydyf ---------------------------------------------------------------------

# Pages are only ever appended (`add_page`), so the references are rebuilt
# only when the page count changed.
def _page_references_once() -> None:
    import pydyf
    original = pydyf.PDF.page_references.fget

    def page_references(self):
        kids = self.pages["Kids"]
        known = self.__dict__.get("_report_page_references")
        if known is None or known[0] is not kids or known[1] != len(kids):
            known = self.__dict__["_report_page_references"] = (kids, len(kids),
                                                                original(self))
        return known[2]

    pydyf.PDF.page_references = property(page_references)


# --- fontTools -------------------------------------------------------------------

# Subsetter.subset first decompiles GDEF, GSUB and GPOS to convert their
# in-memory layout (beyond64k._compact_layout_tables), then drops the tables
# in `options.drop_tables`. For the tables about to be dropped that
# conversion is moot: they are hidden from it, and dropped as before.
def _no_layout_tables_to_drop() -> None:
    from fontTools import subset
    from fontTools.ttLib import beyond64k

    def subset_(self, font):
        hidden = {tag for tag in ("GSUB", "GPOS") if tag in self.options.drop_tables}
        with beyond64k._compact_layout_tables(_Hiding(font, hidden)):
            self._prune_pre_subset(font)
            self._closure_glyphs(font)
            self._subset_glyphs(font)
            self._prune_post_subset(font)

    subset.Subsetter.subset = subset_


class _Hiding:
    """`font`, less the tables `hidden`, for whoever asks `tag in font`."""

    def __init__(self, font, hidden: set):
        self._font, self._hidden = font, hidden

    def __contains__(self, tag) -> bool:
        return tag not in self._hidden and tag in self._font

    def __getitem__(self, tag):
        return self._font[tag]

    def __getattr__(self, name):
        return getattr(self._font, name)
