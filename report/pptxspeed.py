"""Where writing a deck with python-pptx spends its time, and patches that stop the waste.

Profiled (cProfile) on the default article's deck, drawing its 14 slides
took 0.08 s, and a quarter of that was lxml compiling XPath expressions:
python-pptx asks each shape whether it is a placeholder with the same few
expressions, and lxml compiles an expression again at every call (1,100
calls a deck). Saving then wrote the zip with the clock's dates, so the
deck was read back and written again with fixed ones (10 ms): now it is
written once, with fixed dates.

Importing python-pptx imports xml.sax.saxutils (for its `escape`), which
imports urllib.request, and with it http.client, email and ssl: 17-24 ms
of a cold deck's imports for a module that writing a deck never calls.
`defer_unused_imports()`, before python-pptx is imported, makes it a lazy
module, loaded at its first use (importlib's LazyLoader, as the importlib
docs' "Implementing lazy imports" does). So too Pillow's Image and
ImageFont (8 ms: ExifTags' enums, the C extensions), which python-pptx
imports for pictures and for TextFrame.fit_text: a deck without pictures
never loads them, one with pictures loads them at its first (slidedrafts
reads its size).

The patches are pinned to the version in requirements.txt, installed once
by `apply()`, and change how long writing takes, never the bytes written:
tests/test_deck_speed.py checks each against the original, kept in ORIGINALS.
"""

from __future__ import annotations

import importlib.util
import sys
from contextlib import contextmanager

ORIGINALS: dict = {}  # what the patches replaced, by name: for tests/test_deck_speed.py
COMPILED: dict = {}  # XPath expression → lxml.etree.XPath
PINNED = "1.0.2"
# Imported with python-pptx: urllib.request never used writing a deck,
# Pillow and hashlib (OpenSSL's, 4 ms) only for a deck's pictures.
UNUSED = ("urllib.request", "PIL.ImageFont", "PIL.Image", "hashlib")


def defer_unused_imports() -> None:
    """Each of UNUSED not yet imported, a lazy module: loaded whole at its
    first use (an attribute read), by whoever uses it; before python-pptx
    is imported, which then imports the lazy module."""
    for name in UNUSED:
        if name not in sys.modules:
            _lazy(name)


def _lazy(name: str) -> None:
    spec = importlib.util.find_spec(name)  # imports the package it is in
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    # Python 3.11's import statement reads `__spec__` of a module already in
    # sys.modules (is it being initialized?), which loads a lazy one: the
    # `import urllib.request` in xml.sax.saxutils would load it at once.
    module.__class__ = _spec_read_lazily(type(module))
    # The import system binds a submodule to its package as it loads it;
    # `urllib.request.urlopen` reads it from there.
    package, _, child = name.rpartition(".")
    if package:
        setattr(sys.modules[package], child, module)


def apply() -> None:
    import pptx
    if ORIGINALS:
        return
    if pptx.__version__ != PINNED:
        raise RuntimeError(f"report.pptxspeed patches python-pptx {PINNED}, not "
                           f"{pptx.__version__}; see requirements.txt")
    _xpath_compiled_once()
    _zip_written_with_fixed_dates()
    _parts_listed_by_a_loop()
    _qualified_names_remembered()
    _notes_placeholders_cloned_once()
    _lazy_properties_read_directly()
    _childless_elements_not_searched()
    _package_items_made_as_subelements()


def _spec_read_lazily(lazy: type) -> type:
    """`lazy` (LazyLoader's module class), but its `__spec__` read without loading it."""
    class Deferred(lazy):
        def __getattribute__(self, attr):
            if attr == "__spec__":
                return object.__getattribute__(self, "__dict__")["__spec__"]
            return super().__getattribute__(attr)
    return Deferred


def _xpath_compiled_once() -> None:
    from lxml import etree
    from pptx.oxml import xmlchemy

    def xpath(self, xpath_str: str):
        """xmlchemy's BaseOxmlElement.xpath, each expression compiled once."""
        expression = COMPILED.get(xpath_str)
        if expression is None:
            expression = COMPILED[xpath_str] = etree.XPath(xpath_str,
                                                           namespaces=xmlchemy._nsmap)
        return expression(self)

    ORIGINALS["xpath"] = xmlchemy.BaseOxmlElement.xpath
    xmlchemy.BaseOxmlElement.xpath = xpath


def _zip_written_with_fixed_dates() -> None:
    from pptx.opc.serialized import _ZipPkgWriter

    from .output import zip_member

    def write(self, pack_uri, blob: bytes) -> None:
        """_ZipPkgWriter.write, the member dated as every build dates it."""
        self._zipf.writestr(zip_member(pack_uri.membername), blob)

    ORIGINALS["zip write"] = _ZipPkgWriter.write
    _ZipPkgWriter.write = write


def _parts_listed_by_a_loop() -> None:
    from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
    from pptx.opc.package import OpcPackage

    def iter_parts(self):
        """OpcPackage.iter_parts: each part once, in the same order (depth
        first, as the relationships lead), listed by one loop instead of
        nested generators."""
        parts, seen = [], set()

        # The relationships read from the dict behind each collection, and a
        # relationship's target from its own field, as its is_external and
        # target_part give them: not through the Mapping's __iter__ and
        # __getitem__ and a lazyproperty at each step (3,800 calls a deck;
        # next_partname walks the package for every part added).
        def walk(rels) -> None:
            for rel in rels._rels.values():
                if rel._target_mode == RTM.EXTERNAL:
                    continue
                part = rel._target
                if part not in seen:
                    seen.add(part)
                    parts.append(part)
                    walk(part.rels)

        walk(self._rels)
        return iter(parts)

    ORIGINALS["iter_parts"] = OpcPackage.iter_parts
    OpcPackage.iter_parts = iter_parts


def _qualified_names_remembered() -> None:
    """python-pptx's `qn("a:t")` builds a NamespacePrefixedTag object to make
    "{http://…/main}t", 4,400 times for the default deck, from 60 names:
    each is made once, then remembered, in every python-pptx module that
    imported qn."""
    from pptx.oxml import ns
    original = ns.qn
    known: dict[str, str] = {}

    def qn(namespace_prefixed_tag: str) -> str:
        name = known.get(namespace_prefixed_tag)
        if name is None:
            name = known[namespace_prefixed_tag] = original(namespace_prefixed_tag)
        return name

    ORIGINALS["qn"] = original
    for name, module in list(sys.modules.items()):
        if (name == "pptx" or name.startswith("pptx.")) and getattr(module, "qn", None) is original:
            module.qn = qn


def _notes_placeholders_cloned_once() -> None:
    from copy import deepcopy

    from lxml import etree
    from pptx.slide import NotesSlide

    original = NotesSlide.clone_master_placeholders
    made: dict[tuple[bytes, bytes], list] = {}  # (notes slide, notes master) → its shapes after
    # The notes master last cloned from and its XML: serialized once a deck,
    # not once a slide (8 kB, 0.03 ms); nothing edits it while slides are added.
    master: list = [None, b""]

    def clone_master_placeholders(self, notes_master) -> None:
        """NotesSlide.clone_master_placeholders, done once for a notes slide
        as python-pptx makes each new one and a notes master, then copied:
        0.2 ms a slide with notes, three shapes cloned field by field."""
        if master[0] is not notes_master._element:
            master[:] = [notes_master._element, etree.tostring(notes_master._element)]
        key = (etree.tostring(self._element), master[1])
        shapes = made.get(key)
        if shapes is None:
            original(self, notes_master)
            made[key] = [deepcopy(child) for child in self._element.cSld.spTree]
        else:
            self._element.cSld.spTree[:] = [deepcopy(child) for child in shapes]

    ORIGINALS["notes placeholders"] = original
    NotesSlide.clone_master_placeholders = clone_master_placeholders


def _lazy_properties_read_directly() -> None:
    """python-pptx's lazyproperty.__get__ without its call of typing.cast,
    which does nothing at run time: 8,000 reads a deck, each a call more."""
    from pptx.util import lazyproperty

    def __get__(self, obj, type=None):
        """lazyproperty.__get__: the value computed at the first read (and
        again while it is None), kept in the instance's __dict__."""
        if obj is None:
            return self
        value = obj.__dict__.get(self._name)
        if value is None:
            value = self._fget(obj)
            obj.__dict__[self._name] = value
        return value

    ORIGINALS["lazyproperty"] = lazyproperty.__get__
    lazyproperty.__get__ = __get__


def _childless_elements_not_searched() -> None:
    """xmlchemy's first_child_found_in, which looks a new child's place up
    among the tags that may follow it, one find() a tag (up to 14), not
    searching an element without children: most are, as python-pptx builds
    a shape's elements one by one (400 of 600 calls a deck)."""
    from pptx.oxml import xmlchemy
    original = xmlchemy.BaseOxmlElement.first_child_found_in

    def first_child_found_in(self, *tagnames: str):
        """BaseOxmlElement.first_child_found_in: the first child with one of
        `tagnames`, in their order; None when there is none."""
        if not len(self):
            return None
        return original(self, *tagnames)

    ORIGINALS["first child"] = original
    xmlchemy.BaseOxmlElement.first_child_found_in = first_child_found_in


def _package_items_made_as_subelements() -> None:
    """The elements of the items saving writes beside the parts: each part's
    relationships (a <Relationship> each, 90 a deck) and [Content_Types].xml
    (a <Default> or <Override> each, 80), made as lxml's SubElement with
    their attributes at once: not made empty (a <Relationship> parsed from
    a template), then their attributes set one by one through python-pptx's
    descriptors, then placed through the schema's look-up of their place
    (they have none: each goes last)."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
    from pptx.opc.oxml import CT_Relationships, CT_Types
    from pptx.oxml.ns import qn
    relationship, default, override = qn("pr:Relationship"), qn("ct:Default"), qn("ct:Override")

    def add_rel(self, rId: str, reltype: str, target: str, is_external: bool = False):
        """CT_Relationships.add_rel: a <Relationship> with these attributes,
        in the order python-pptx sets them (TargetMode only when External,
        Internal being its default), last among its siblings."""
        attributes = {"Id": rId, "Type": reltype, "Target": target}
        if is_external:
            attributes["TargetMode"] = RTM.EXTERNAL
        return etree.SubElement(self, relationship, attributes)

    def add_default(self, ext: str, content_type: str):
        """CT_Types.add_default: a <Default>, last."""
        return etree.SubElement(self, default, {"Extension": ext, "ContentType": content_type})

    def add_override(self, partname: str, content_type: str):
        """CT_Types.add_override: an <Override>, last."""
        return etree.SubElement(self, override, {"PartName": partname,
                                                 "ContentType": content_type})

    ORIGINALS["add rel"] = CT_Relationships.add_rel
    ORIGINALS["add default"] = CT_Types.add_default
    ORIGINALS["add override"] = CT_Types.add_override
    CT_Relationships.add_rel = add_rel
    CT_Types.add_default, CT_Types.add_override = add_default, add_override


def date_chart_workbooks(created) -> None:
    """python-pptx's workbook of a chart's data (xlsxwriter's), dated
    `created` (a datetime: the build's), not by the clock. xlsxwriter dates
    its members 1980-01-01 already; only its document properties read the
    clock. Patched at a deck's first chart: it imports xlsxwriter (15 ms)."""
    from pptx.chart.xlsx import _BaseWorkbookWriter
    from xlsxwriter import Workbook

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        """_BaseWorkbookWriter._open_worksheet, the workbook dated `created`."""
        workbook = Workbook(xlsx_file, {"in_memory": True})
        workbook.set_properties({"created": created})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()

    ORIGINALS.setdefault("open worksheet", _BaseWorkbookWriter._open_worksheet)
    _BaseWorkbookWriter._open_worksheet = _open_worksheet
