"""Issue 8: report/pptxspeed.py's shortcuts give what python-pptx's code gave.

Each patch is compared with the original it replaced (pptxspeed.ORIGINALS),
on decks report wrote, so a new python-pptx that would make them differ
fails here instead of moving a byte of a pptx.
"""

from __future__ import annotations

import pytest
from pptx import Presentation

from conftest import DEFAULT_ARTICLE, ROOT
from report import pipeline, pptxspeed

ARTICLES = [DEFAULT_ARTICLE, ROOT / "tests/fixtures/sleep/article.md",
            ROOT / "tests/fixtures/charts/article.md"]


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    """The decks of ARTICLES, written (a chart, a picture, notes), and
    opened again: (written in memory, read from the file) for each."""
    folder = tmp_path_factory.mktemp("decks")
    out = []
    for n, article in enumerate(ARTICLES):
        target = folder / f"deck{n}.pptx"
        pipeline.write("slides", pipeline.load(article), target)
        out.append(Presentation(str(target)))
    return out


def test_the_parts_are_listed_in_python_pptx_order(decks):
    """The order is the zip's order of members: the deck's bytes."""
    original = pptxspeed.ORIGINALS["iter_parts"]
    for prs in decks:
        package = prs.part.package
        # a notes slide and a new slide add parts the walk must reach
        prs.slides[0].notes_slide
        prs.slides.add_slide(prs.slide_layouts[0]).notes_slide
        listed = list(package.iter_parts())
        assert listed == list(original(package))
        assert len(listed) == len(set(listed)) > 20


def test_qualified_names_are_python_pptxs():
    from pptx.oxml import ns, xmlchemy
    original = pptxspeed.ORIGINALS["qn"]
    assert xmlchemy.qn is not original and xmlchemy.qn is ns.qn
    for tag in ["a:t", "p:notes", "c:chartSpace", "r:id", "a:t", "p:sp", "pic:pic", "w10:x"]:
        assert xmlchemy.qn(tag) == original(tag)
    for bad in ["x:t", "t"]:  # an unknown prefix, none: the same errors
        with pytest.raises((KeyError, ValueError)) as raised:
            original(bad)
        with pytest.raises(raised.type):
            xmlchemy.qn(bad)


def test_notes_slides_are_the_xml_python_pptx_clones(monkeypatch):
    """Every new notes slide of a deck gets its placeholders copied from the
    first one's, not cloned from the notes master again: the same XML, and
    the notes' text frame python-pptx finds in it."""
    from lxml import etree
    from pptx.slide import NotesSlide

    from report import STYLES
    from report.slidemodel import theme

    def notes(count: int) -> list[bytes]:
        prs = Presentation(str(STYLES / theme()["master"]))
        out = []
        for n in range(count):
            slide = prs.slides.add_slide(prs.slide_layouts[n % len(prs.slide_layouts)])
            frame = slide.notes_slide.notes_text_frame
            frame.text = f"note {n}"
            out.append(etree.tostring(slide.notes_slide._element))
        return out

    patched = notes(4)
    monkeypatch.setattr(NotesSlide, "clone_master_placeholders",
                        pptxspeed.ORIGINALS["notes placeholders"])
    assert patched == notes(4)
    assert b"note 3" in patched[3] and patched[1].replace(b"note 1", b"") == \
        patched[2].replace(b"note 2", b"")


def _lazy_properties(obj):
    from pptx.util import lazyproperty
    for klass in type(obj).__mro__:
        for name, attr in vars(klass).items():
            if isinstance(attr, lazyproperty):
                yield klass, attr


def _read(get, prop, obj):
    try:
        return get(prop, obj)
    except (ValueError, KeyError, AttributeError) as error:
        return type(error)


def test_lazy_properties_read_what_python_pptx_reads(decks):
    """Every lazyproperty of a deck's parts and relationships, read through
    the patched __get__ and python-pptx's, gives the same object; a value
    of None is computed again at each read, as python-pptx does."""
    from pptx.util import lazyproperty
    original = pptxspeed.ORIGINALS["lazyproperty"]
    assert lazyproperty.__get__ is not original
    patched = lazyproperty.__get__
    read = 0
    for prs in decks:
        for part in prs.part.package.iter_parts():
            for obj in (part, part.rels, *part.rels.values()):
                for klass, prop in _lazy_properties(obj):
                    assert patched(prop, None, klass) is original(prop, None, klass) is prop
                    first = _read(patched, prop, obj)
                    assert _read(original, prop, obj) is first
                    read += 1
    assert read > 100

    class Counted:
        calls = 0

        @lazyproperty
        def nothing(self):
            Counted.calls += 1

    counted = Counted()
    assert counted.nothing is None and counted.nothing is None and Counted.calls == 2


def test_another_decks_notes_master_is_cloned_from_its_own_xml():
    """The notes master is serialized once a deck (kept with the master it
    was read from): another deck's, without one of the placeholders, gives
    notes slides without it, as python-pptx's own cloning does."""
    from lxml import etree
    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.slide import NotesSlide

    from report import STYLES
    from report.slidemodel import theme

    def notes(without_number: bool) -> list[bytes]:
        prs = Presentation(str(STYLES / theme()["master"]))
        if without_number:
            for shape in prs.notes_master.placeholders:
                if shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
                    shape._element.getparent().remove(shape._element)
        return [etree.tostring(prs.slides.add_slide(prs.slide_layouts[0]).notes_slide._element)
                for _ in range(2)]

    whole, numberless = notes(False), notes(True)
    assert whole[0].count(b"<p:sp>") == numberless[0].count(b"<p:sp>") + 1
    original = pptxspeed.ORIGINALS["notes placeholders"]
    patched = NotesSlide.clone_master_placeholders
    try:
        NotesSlide.clone_master_placeholders = original
        assert (notes(False), notes(True)) == (whole, numberless)
    finally:
        NotesSlide.clone_master_placeholders = patched


def test_a_charts_workbook_is_python_pptxs_dated_by_the_build(tmp_path):
    """The chart's embedded workbook, as python-pptx's own code writes it,
    but for its created and modified dates: the build's (SOURCE_DATE_EPOCH),
    not the clock's. It was unzipped and zipped again to change them."""
    import io
    import re
    import zipfile
    from datetime import datetime

    from pptx.chart.data import CategoryChartData
    from pptx.chart.xlsx import _BaseWorkbookWriter
    data = CategoryChartData()
    data.categories = ["North", "South"]
    data.add_series("Share", (0.4, 0.6))
    pptxspeed.date_chart_workbooks(datetime(2001, 2, 3, 4, 5, 6))
    dated = data.xlsx_blob
    patched = _BaseWorkbookWriter._open_worksheet
    _BaseWorkbookWriter._open_worksheet = pptxspeed.ORIGINALS["open worksheet"]
    try:
        clock = data.xlsx_blob
    finally:
        _BaseWorkbookWriter._open_worksheet = patched

    def members(blob):
        with zipfile.ZipFile(io.BytesIO(blob)) as z:
            return {i.filename: (i.date_time, z.read(i.filename)) for i in z.infolist()}

    ours, theirs = members(dated), members(clock)
    assert ours.keys() == theirs.keys()
    for name in ours:
        if name != "docProps/core.xml":
            assert ours[name] == theirs[name], name
    core = ours["docProps/core.xml"][1].decode()
    assert re.findall(r"<dcterms:(created|modified)[^>]*>([^<]*)", core) == [
        ("created", "2001-02-03T04:05:06Z"), ("modified", "2001-02-03T04:05:06Z")]
    assert re.sub(r"\d{4}-\d\d-\d\dT[\d:]+Z", "D", core) == re.sub(
        r"\d{4}-\d\d-\d\dT[\d:]+Z", "D", theirs["docProps/core.xml"][1].decode())
