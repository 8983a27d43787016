"""Where writing a PDF spends its time, and patches that stop the waste.

Profiled with pyinstrument on a 100-page generated article (137 pages with
its 500 references) and on the default article:

- importing WeasyPrint took 1.1 s, 0.6 of them in `ctypes.util.find_library`:
  WeasyPrint tries each library under six names, most of which fail, and
  for each name Python runs ldconfig, and for each failure gcc and ld;
- tagging (PDF/UA) asked pydyf for `page_references` once per tagged box,
  and pydyf rebuilt the list of every page's reference at each call: time
  that grows with the square of the page count;
- fontTools decompiled each font's GSUB and GPOS tables (Liberation's
  kerning pairs: a third of the time the default brief took to write)
  before subsetting, only to drop them, as WeasyPrint asks it to.

Profiled again (issue 8), the 100-page brief spent, of some 8 s writing
(layout 5, drawing and writing 3): 0.7 s in the cyclic garbage collector
walking WeasyPrint's objects; 0.15 s building Pango font descriptions;
0.1 s recompiling tinyhtml5's character classes. Each has its section
below. What is left is WeasyPrint's own work: Pango shaping each line three
times, computed styles, drawing glyphs one cffi read at a time (1.3 s; a
patch that cached them saved 0.6 s but copied 200 lines of WeasyPrint),
deflating pages (0.3 s), empty margin boxes (0.15 s).

The patches are pinned to the versions in requirements.txt; all are
installed once by `apply()`, before WeasyPrint is imported, and change how
long writing takes, never the bytes written: tests/test_pdf_speed.py checks
each against the original, kept in ORIGINALS. `apply()` also installs the
fixes of report/pdffixes.py, which do change what is written.
"""

from __future__ import annotations

import gc
import hashlib
from collections import OrderedDict
from contextlib import contextmanager

_applied = False
ORIGINALS: dict = {}  # what the patches replaced, by name: for tests/test_pdf_speed.py


def apply() -> None:
    """Import WeasyPrint, quickly, and patch what it uses."""
    global _applied
    if _applied:
        return
    with _libraries_from_ldconfig():
        import weasyprint
    import fontTools
    import pydyf
    import tinyhtml5
    for name, pinned, found in (("pydyf", "0.13.0", pydyf.__version__),
                                ("fonttools", "4.68.0", fontTools.version),
                                ("weasyprint", "70.0", weasyprint.__version__),
                                ("tinyhtml5", "2.1.0", tinyhtml5.__version__)):
        if found != pinned:
            raise RuntimeError(f"report.pdfspeed patches {name} {pinned}, not {found}; "
                               "see requirements.txt")
    _page_references_once()
    _no_layout_tables_to_drop()
    _character_classes_compiled_once()
    _font_descriptions_made_once()
    _subsets_remembered()
    _font_folders_kept()
    from . import pdffixes
    pdffixes.apply()  # and what WeasyPrint lays out wrong: the one place it is patched
    _applied = True


# --- the font folders WeasyPrint writes ----------------------------------------------

# A font configuration writes each @font-face's file into a folder of its own
# (weasyprint-*, 1.8 MB for the brief's faces) and removes it in __del__; but a
# build frozen from the collector and left with os._exit (report/__main__.py)
# never runs it: 29,000 folders, 52 GB, had filled a machine's /tmp. Each
# folder made is kept here, and a command removes them as it leaves.
FONT_FOLDERS: list = []


def _font_folders_kept() -> None:
    from weasyprint.text import fonts

    def mkdtemp(*args, **kwargs) -> str:
        """tempfile.mkdtemp, the folder kept to be removed at the exit."""
        folder = ORIGINALS["mkdtemp"](*args, **kwargs)
        FONT_FOLDERS.append(folder)
        return folder

    ORIGINALS["mkdtemp"] = fonts.mkdtemp
    fonts.mkdtemp = mkdtemp


def remove_font_folders() -> None:
    """Remove the font folders of the documents written: only as the process
    leaves (watch's stay in use, and its collector removes them)."""
    import shutil
    while FONT_FOLDERS:
        shutil.rmtree(FONT_FOLDERS.pop(), ignore_errors=True)


# --- the cyclic garbage collector ---------------------------------------------------

_frozen = False  # whether no_cycle_collection left objects frozen


@contextmanager
def no_cycle_collection():
    """The cyclic garbage collector paused while a document is laid out and
    written, and what is left then frozen (gc.freeze).

    WeasyPrint builds hundreds of thousands of objects (styles, boxes, glyph
    runs) that all live until the PDF is written; each full collection walks
    all of them again, only to find next to nothing to free: a tenth of a
    long brief's time. What they leave behind, once written, are cycles that
    only the collector frees (35 MB for a 130-page brief), and freeing them
    takes it 0.2 s; so does the collection Python runs as it exits. Frozen,
    neither is done: a build from the command line exits without them. A
    process that writes again (watch) frees them with `free_leftovers()`.
    """
    global _frozen
    free_leftovers()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        _frozen = True
        if enabled:
            gc.enable()


def free_leftovers() -> None:
    """Free what the documents written so far left frozen, in one collection
    (0.1 s for a handout): watch does it while it waits for the next save;
    the next document written does it first, if nothing did."""
    global _frozen
    if _frozen:
        gc.unfreeze()
        gc.collect()
        _frozen = False


# --- finding libraries ------------------------------------------------------------

# On Linux, find_library asks ldconfig's cache, then gcc, then ld; the last
# two only find a library the cache lacks, and cost 10 ms a name. Every
# library WeasyPrint needs is in the cache under one of the names it tries,
# so while it imports, the cache alone answers: what find_library does on a
# machine without a compiler. And it is read once: asking `ldconfig -p` a
# name at a time, as ctypes does, ran it 26 times (0.15 s).
@contextmanager
def _libraries_from_ldconfig():
    import ctypes.util
    original = ctypes.util.find_library
    listing = _ldconfig_listing() if hasattr(ctypes.util, "_findSoname_ldconfig") else None
    if listing and _soname(listing, "c"):  # a cache that answers at all
        ctypes.util.find_library = lambda name: _soname(listing, name)
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _ldconfig_listing() -> bytes | None:
    """`ldconfig -p`, as ctypes.util runs it."""
    import subprocess
    try:
        return subprocess.run(["/sbin/ldconfig", "-p"], stdin=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              env={"LC_ALL": "C", "LANG": "C"}).stdout
    except OSError:
        return None


def _soname(listing: bytes, name: str) -> str | None:
    """What ctypes.util._findSoname_ldconfig finds for `name` in `listing`."""
    import os
    import re
    import struct
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
           "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}.get(machine, "libc6")
    found = re.search(os.fsencode(r"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name), abi)),
                      listing)
    return os.fsdecode(found.group(1)) if found else None


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


# --- tinyhtml5 -------------------------------------------------------------------

# The tokenizer reads text with chars_until(characters), which caches the
# regular expression of each set of characters, but under the wrong key
# (`characters = cache[characters, opposite] = regex` binds `characters`
# first): it builds and looks up the expression again at every call, 13,000
# of them for a long brief. The expression is stored under the key it is
# looked up by, built as chars_until builds it, before chars_until runs.
def _character_classes_compiled_once() -> None:
    import re

    from tinyhtml5 import inputstream

    cache = inputstream.characters_until_regex
    original = ORIGINALS["chars_until"] = inputstream.HTMLUnicodeInputStream.chars_until

    def chars_until(self, characters, opposite=False):
        if (characters, opposite) not in cache:
            regex = "".join([f"\\x{ord(character):02x}" for character in characters])
            if not opposite:
                regex = f"^{regex}"
            cache[characters, opposite] = re.compile(f"[{regex}]+")
        return original(self, characters, opposite)

    inputstream.HTMLUnicodeInputStream.chars_until = chars_until


# --- WeasyPrint: font descriptions ---------------------------------------------------

# Each Pango layout, one to measure every line and one to draw it, gets a
# font description built from its style by get_font_description (fonts.py):
# seven cffi calls and a family string joined and encoded, 15,000 times for
# a long brief, for the dozen faces and sizes it uses. The description is
# only read (pango_layout_set_font_description copies it; so does
# pango_context_get_metrics); one is built per distinct set of the values
# it is built from, and shared.
_FONT_KEYS = ("font_family", "font_style", "font_stretch", "font_weight", "font_size",
              "font_variant_caps", "font_variation_settings")


def _font_descriptions_made_once() -> None:
    from weasyprint.text import fonts, line_break

    original = ORIGINALS["get_font_description"] = fonts.get_font_description
    made = {}

    def get_font_description(style):
        key = tuple([style[name] for name in _FONT_KEYS])
        try:
            return made[key]
        except KeyError:
            description = made[key] = original(style)
            return description
        except TypeError:  # a value that cannot be a key: not shared
            return original(style)

    line_break.get_font_description = get_font_description


# --- WeasyPrint: font subsets ---------------------------------------------------------

# Subsetting a face with fontTools takes 40-90 ms, and a build subsets each
# face it uses: four for the handout, a third of its writing time. `watch`
# rebuilds at every save, and a save seldom shows a glyph the outputs did
# not show already. A subset is a function of the font file, the glyphs
# kept and two options, so the last few are remembered by exactly these.
_SUBSETS: OrderedDict = OrderedDict()
SUBSETS_KEPT = 32


def _subsets_remembered() -> None:
    from weasyprint.pdf.fonts import Font

    original = ORIGINALS["Font._fonttools_subset"] = Font._fonttools_subset

    def _fonttools_subset(self, to_unicode, hinting):
        key = (hashlib.blake2b(self.file_content, digest_size=16).digest(), self.index,
               tuple(sorted(to_unicode)), hinting, bool(self.missing))
        if key in _SUBSETS:
            _SUBSETS.move_to_end(key)
            self.file_content = _SUBSETS[key]
            return
        original(self, to_unicode, hinting)
        _SUBSETS[key] = self.file_content
        if len(_SUBSETS) > SUBSETS_KEPT:
            _SUBSETS.popitem(last=False)

    Font._fonttools_subset = _fonttools_subset
