"""Issue 8: the deck's shortcuts write exactly what the slower paths did.

textfit remembers the widths it measured, and deck.py builds paragraphs,
runs and notes as XML instead of through python-pptx's property setters.
Each is compared here with the path it replaces, so a new python-pptx that
would make them differ fails a test instead of moving a byte of the pptx.
"""

from __future__ import annotations


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
    return textfit._units.__wrapped__(text, face) * size / textfit._metrics(face)[2]


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
