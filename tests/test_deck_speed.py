"""Issue 8: the deck's shortcuts write exactly what the slower paths did.

textfit remembers the widths it measured, and deck.py builds paragraphs,
runs and notes as XML instead of through python-pptx's property setters.
Each is compared here with the path it replaces, so a new python-pptx that
would make them differ fails a test instead of moving a byte of the pptx.
"""

from __future__ import annotations

import os

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from conftest import DEFAULT_ARTICLE, SLEEP_ARTICLE
from report import STYLES, deck, textfit
from report.slidemodel import Box, Paragraph, Run, font, theme


# --- font metrics -------------------------------------------------------------------

def _old_text_width(text: str, size: float, face) -> float:
    """textfit.text_width measuring afresh at each call, as it did before
    it remembered widths in font units."""
    return textfit._units.__wrapped__(text, face)[0] * size / textfit._metrics(face)[2]


def test_text_widths_are_the_same_to_the_last_bit():
    words = set()
    for path in (DEFAULT_ARTICLE, SLEEP_ARTICLE):
        text = path.read_text(encoding="utf-8")
        words.update(text.split())
        words.update(line for line in text.splitlines() if line)
    words.update(["AV To Wa Yo", "\u4e2d\u6587 \U0001F600 x\u0301 \uffff", "\x07", ""])
    f = font()
    for face in (f.regular, f.bold, f.italic, f.bold_italic):
        for size in (9, 14, 18.5, 28, 44):
            for text in words:
                assert textfit.text_width(text, size, face) == _old_text_width(text, size, face)


def _old_lines(pieces, size, width, font, first_indent=0.0, indent=0.0):
    """textfit.lines as it was: each word cut and measured afresh at each call."""
    width *= textfit.FILL
    starts, used, limit, last = [0], 0.0, width - first_indent, ""
    for word in textfit._words.__wrapped__(tuple(pieces)):
        w = sum(textfit._width(text, size, font, face) for text, face in word.parts)
        space = textfit._space(last, word, size, font) if word.space else 0.0
        last = word.parts[-1][0][-1]
        if used and used + space + w > limit:
            starts.append(word.start)
            used, limit, space = 0.0, width - indent, 0.0
        if w > limit:
            used = textfit._break_anywhere(word, size, limit, width - indent, font, starts)
            limit = width - indent
            continue
        used += space + w
    return starts


def _planned_pieces() -> list:
    """The pieces of every paragraph the decks of two articles set."""
    from report import pipeline, slides
    from report.slidefit import pieces_of
    from report.slidemodel import deck_theme
    out = []
    for path in (DEFAULT_ARTICLE, SLEEP_ARTICLE):
        doc = pipeline.load(path)
        with deck_theme(doc):
            layout = slides.plan(doc)
        out += [pieces_of(p.runs, box.bold) for s in layout.slides for box in s.boxes
                for p in box.paragraphs]
    return out


def test_lines_and_words_are_what_measuring_afresh_gives():
    """textfit remembers a paragraph's words and their widths for every width
    it is broken at: the same breaks and word widths as measuring anew."""
    f, paragraphs = font(), _planned_pieces()
    assert len(paragraphs) > 50
    for pieces in paragraphs:
        for size in (12, 18, 24):
            old = [(w.start, w.start + sum(len(t) for t, _ in w.parts),
                    sum(textfit._width(t, size, f, face) for t, face in w.parts))
                   for w in textfit._words.__wrapped__(tuple(pieces))]
            assert list(textfit.words(pieces, size, f)) == old
            for width in (80, 300, 640):
                for first_indent, indent in ((0, 0), (-36, 0), (10, 20)):
                    assert textfit.lines(pieces, size, width, f, first_indent, indent) == \
                        _old_lines(pieces, size, width, f, first_indent, indent)


# --- the pptx's XML -------------------------------------------------------------------

def _old_fill(frame, box: Box, font_name: str) -> None:
    """deck._fill as it was, through python-pptx's setters."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = deck._ANCHOR[box.anchor]
    align = {"left": PP_ALIGN.LEFT, "right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}
    for i, spec in enumerate(box.paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align[box.align]
        paragraph.line_spacing = box.line_spacing
        paragraph.space_before = Pt(spec.space_before)
        deck._bullet(paragraph._p.get_or_add_pPr(), spec, box, font_name)
        for run_spec in spec.runs:
            run = paragraph.add_run()
            run.text = run_spec.text
            f = run.font
            f.name, f.size = font_name, Pt(box.size)
            f.bold = box.bold or run_spec.bold
            f.italic = run_spec.italic
            f.color.rgb = RGBColor.from_string(run_spec.color or box.color)
            run._r.get_or_add_rPr().set("kern", deck.KERN_FROM)
            if run_spec.url:
                run.hyperlink.address = run_spec.url


BOXES = [
    Box("body", 36, 100.5, 600, 300, [
        Paragraph([Run("Plain "), Run("bold", True), Run(" and "), Run("italic", italic=True),
                   Run(" (Doe, 2020)", color="52606d")], 0),
        Paragraph([Run("A link", url="https://example.org/a?b=c&d")], 1, space_before=14.5,
                  indent=27),
        Paragraph([Run("Numbered\x07 with a bell\tand a tab")], 0, number=3, space_before=7),
        Paragraph([Run("No bullet")], -1, hanging=36, indent=36)],
        28, "1F2933", line_spacing=0.95, bullets=("\u2022", "\u2013"),
        bullet_color="B23A2A", bullet_indent=27),
    Box("number", 600, 500, 80, 20, [Paragraph([Run("12")], -1)], 18, "52606D", bold=True,
        align="right", anchor="bottom"),
]


@pytest.mark.parametrize("box", BOXES, ids=lambda b: b.role)
def test_paragraphs_and_runs_are_the_xml_python_pptx_writes(box):
    def made(fill):
        prs = Presentation(str(STYLES / theme()["master"]))
        slide = prs.slides.add_slide(prs.slide_layouts[0])
        shape = slide.shapes.add_textbox(Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h))
        fill(shape.text_frame, box, "Arial")
        return etree.tostring(shape._element), slide.part.rels.xml

    assert made(deck._fill) == made(_old_fill)


def test_notes_are_the_xml_python_pptx_writes():
    paragraphs = [Paragraph([Run("Say "), Run("this", True), Run(" slowly", italic=True)], -1),
                  Paragraph([Run("Then\x0b that", True, True)], -1)]

    def made(write):
        prs = Presentation(str(STYLES / theme()["master"]))
        slide = prs.slides.add_slide(prs.slide_layouts[0])
        write(slide)
        return etree.tostring(slide.notes_slide._element)

    def old_notes(slide):
        frame = slide.notes_slide.notes_text_frame
        for i, paragraph in enumerate(paragraphs):
            target = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            for run_spec in paragraph.runs:
                run = target.add_run()
                run.text = run_spec.text
                run.font.bold, run.font.italic = run_spec.bold or None, run_spec.italic or None

    assert made(lambda slide: deck._notes(slide, _Spec(paragraphs))) == made(old_notes)


class _Spec:
    def __init__(self, paragraphs):
        self.notes_paragraphs = paragraphs


def test_a_deck_without_charts_does_not_load_the_chart_workbook_writer(tmp_path):
    """pptx.chart.data (and xlsxwriter) are imported by the first chart only."""
    import subprocess
    import sys
    code = ("import sys; import report.deck; "
            "print('pptx.chart.data' in sys.modules, 'xlsxwriter' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=STYLES.parent, check=True).stdout.split()
    assert out == ["False", "False"]
    assert qn("a:p")[:-1] == deck._A


# --- python-pptx's patches (report/pptxspeed.py) -------------------------------------

def _default_deck(tmp_path, name: str) -> bytes:
    from report import pipeline
    doc = pipeline.load(DEFAULT_ARTICLE)
    target = tmp_path / name
    pipeline.write("slides", doc, target)
    return target.read_bytes()


def test_each_compiled_xpath_finds_what_python_pptx_finds(tmp_path):
    from pptx.oxml.xmlchemy import BaseOxmlElement

    from report import pptxspeed
    path = tmp_path / "deck.pptx"
    path.write_bytes(_default_deck(tmp_path, "made.pptx"))
    assert len(pptxspeed.COMPILED) >= 10  # the expressions writing the deck used
    original = pptxspeed.ORIGINALS["xpath"]
    prs = Presentation(str(path))
    trees = [prs.part._element] + [s._element for s in prs.slides] + \
        [s.notes_slide._element for s in prs.slides if s.has_notes_slide] + \
        [layout._element for layout in prs.slide_layouts]
    compared = 0
    for tree in trees:
        for element in tree.iter():
            if not isinstance(element, BaseOxmlElement):
                continue
            for expression in list(pptxspeed.COMPILED):
                assert element.xpath(expression) == original(element, expression)
                compared += 1
    assert compared > 1000


def test_the_deck_zip_is_the_bytes_rezipping_gave(tmp_path, monkeypatch):
    """Before the patch, the saved deck was read back and written again with
    fixed dates; the patched save writes those bytes at once."""
    import io
    import zipfile

    from pptx.opc.serialized import _ZipPkgWriter

    from report import output, pptxspeed
    patched = _default_deck(tmp_path, "patched.pptx")
    monkeypatch.setattr(_ZipPkgWriter, "write", pptxspeed.ORIGINALS["zip write"])
    clocked = _default_deck(tmp_path, "clocked.pptx")
    rezipped = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(clocked)) as source, \
            zipfile.ZipFile(rezipped, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(output.zip_member(info.filename), source.read(info.filename))
    assert patched == rezipped.getvalue()
    with zipfile.ZipFile(io.BytesIO(patched)) as deck_zip:
        assert {i.date_time for i in deck_zip.infolist()} == {output.ZIP_EPOCH}


def test_a_childless_element_finds_no_child_as_python_pptx_did(tmp_path, monkeypatch):
    """first_child_found_in skips searching an element without children:
    the deck is the bytes python-pptx's own search wrote, and an element
    with children finds what it found."""
    from pptx.oxml import parse_xml, xmlchemy
    from pptx.oxml.ns import nsdecls

    from report import pptxspeed
    original = pptxspeed.ORIGINALS["first child"]
    patched = _default_deck(tmp_path, "patched.pptx")
    sp_pr = parse_xml(f"<p:spPr {nsdecls('p', 'a')}><a:xfrm/><a:ln/></p:spPr>")
    for tags in [("a:ln",), ("a:prstGeom", "a:ln", "a:xfrm"), ("a:effectLst",), ()]:
        assert sp_pr.first_child_found_in(*tags) is original(sp_pr, *tags)
        assert sp_pr[0].first_child_found_in(*tags) is original(sp_pr[0], *tags) is None
    monkeypatch.setattr(xmlchemy.BaseOxmlElement, "first_child_found_in", original)
    assert _default_deck(tmp_path, "original.pptx") == patched


def test_relationships_and_content_types_are_the_xml_python_pptx_wrote(tmp_path, monkeypatch):
    """Saving makes each <Relationship>, <Default> and <Override> at once:
    the same XML python-pptx's descriptors made, and the same deck."""
    from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
    from pptx.opc.oxml import CT_Relationships, CT_Types

    from report import pptxspeed
    patched = _default_deck(tmp_path, "patched.pptx")
    made = {}
    for way in ("patched", "original"):
        rels, types = CT_Relationships.new(), CT_Types.new()
        add_rel = CT_Relationships.add_rel if way == "patched" else pptxspeed.ORIGINALS["add rel"]
        add_rel(rels, "rId2", "http://x/slide", "../slides/slide1.xml")
        add_rel(rels, "rId1", "http://x/hyperlink", "https://a.org/?q=1&r=<2>", True)
        add_rel(rels, "rId3", "http://x/image", "media/image1.png", False)
        for name, args in (("add default", ("png", "image/png")),
                           ("add override", ("/ppt/slides/slide1.xml", "application/x"))):
            add = getattr(CT_Types, name.replace(" ", "_")) if way == "patched" \
                else pptxspeed.ORIGINALS[name]
            add(types, *args)
        made[way] = (rels.xml_file_bytes, etree.tostring(types))
    assert made["patched"] == made["original"]
    assert RTM.EXTERNAL.encode() in made["patched"][0]
    monkeypatch.setattr(CT_Relationships, "add_rel", pptxspeed.ORIGINALS["add rel"])
    monkeypatch.setattr(CT_Types, "add_default", pptxspeed.ORIGINALS["add default"])
    monkeypatch.setattr(CT_Types, "add_override", pptxspeed.ORIGINALS["add override"])
    assert _default_deck(tmp_path, "original.pptx") == patched


# --- the font metrics' cache (report/fontmetrics.py) ------------------------------------

def test_cached_metrics_are_the_fonts_own(tmp_path, monkeypatch):
    from report import fontmetrics
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    face = font().italic
    first = fontmetrics.read(face)  # read from the font, then stored
    assert len(list((tmp_path / "report" / "fonts").glob("*.json"))) == 1
    assert fontmetrics.read(face) == first == fontmetrics._from_font(face)
    assert first.advances["A"] > 0 and first.kerning


def test_a_damaged_cache_entry_is_read_again_from_the_font(tmp_path, monkeypatch):
    from report import fontmetrics
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    face = font().regular
    fontmetrics.read(face)
    [entry] = (tmp_path / "report" / "fonts").glob("*.json")
    for damage in ('{"cmap": {}}', '{"cmap": ', "[]", ""):
        entry.write_text(damage, encoding="utf-8")
        assert fontmetrics.read(face) == fontmetrics._from_font(face)
        assert '"kerning"' in entry.read_text(encoding="utf-8")  # stored whole again


def test_an_unwritable_cache_leaves_the_metrics_read(tmp_path, monkeypatch):
    from report import fontmetrics
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert fontmetrics.read(font().bold) == fontmetrics._from_font(font().bold)
    assert list(tmp_path.iterdir()) == [blocked]


def test_a_deck_with_its_metrics_cached_never_imports_fonttools(tmp_path):
    import subprocess
    import sys
    code = ("import sys; from pathlib import Path; from report import pipeline; "
            f"pipeline.write('slides', pipeline.load(Path({str(DEFAULT_ARTICLE)!r})), "
            f"Path({str(tmp_path / 'deck.pptx')!r})); print('fontTools' in sys.modules)")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           cwd=STYLES.parent, env=env, check=True).stdout.split()
            for _ in range(2)]
    assert runs == [["True"], ["False"]]


def test_the_theme_and_font_remembered_are_those_in_effect(tmp_path):
    """theme() and font() answer from the last stamp asked: a deck_theme
    in effect, then another, then none, each gives its own, as looking the
    stamp up afresh does."""
    from contextlib import nullcontext

    from test_deck import write_article

    from report import pipeline
    from report.slidemodel import _font, _in_effect, _theme, deck_theme
    light = pipeline.load(write_article(tmp_path, "# A\n\nText.\n",
                                        front="slides:\n  theme: light\n"))
    plain = pipeline.load(DEFAULT_ARTICLE)
    seen = []
    for doc in (plain, light, plain, None):
        with deck_theme(doc) if doc else nullcontext():
            for _ in range(2):
                assert theme() is _theme(*_in_effect())
                assert font() == _font(*_in_effect())
            seen.append(theme())
    assert seen[0] == seen[2] == seen[3] != seen[1]


def test_runs_without_a_no_break_space_are_not_measured_for_loosening():
    """slidefit.unkept measures a paragraph's words only when a no-break
    space holds a group together: without one the runs are the runs; with
    one, a group wider than the line is loosened, as measuring shows."""
    from report import slidefit
    from report.keptwhole import NO_BREAK_SPACE

    held = Run(f"F(1,{NO_BREAK_SPACE}116){NO_BREAK_SPACE}={NO_BREAK_SPACE}6.12 and more")
    width = textfit.text_width(held.text.split(" and")[0], 20, font().regular)
    for line in (width * 0.8, width * 2):
        plain = [Run(held.text.replace(NO_BREAK_SPACE, " "))]
        textfit._spans.cache_clear()
        assert slidefit.unkept(plain, 20, line) is plain
        assert textfit._spans.cache_info().currsize == 0  # nothing measured
        loosened = slidefit.unkept([held], 20, line)
        assert (NO_BREAK_SPACE in loosened[0].text) == (line > width)


@pytest.mark.parametrize("article", [DEFAULT_ARTICLE, SLEEP_ARTICLE,
                                     DEFAULT_ARTICLE.parent / "tests/fixtures/charts/article.md"])
def test_the_text_shown_as_saved_is_the_text_read_back(tmp_path, article):
    """The glyph check reads what a deck shows from its parts as
    deck.write_pptx saved them, not from the file again: the same characters
    in the same order as the written file's slides and charts hold."""
    import zipfile

    from report import glyphs, pipeline
    from report.slidemodel import deck_theme
    doc, target = pipeline.load(article), tmp_path / "deck.pptx"
    with deck_theme(doc):
        written = deck.write_pptx(doc, target)
    with zipfile.ZipFile(target) as parts:
        read = glyphs.shown((name, etree.fromstring(parts.read(name)))
                            for name in parts.namelist() if name.endswith(".xml"))
    assert written.shown == read and len(read) > 500
    assert written.slides == len(Presentation(target).slides)
