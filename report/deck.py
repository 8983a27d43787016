"""The deck: the slide layout (slides.py) drawn with python-pptx.

Every box is placed and sized by the layout; this module only draws. Text
frames have no autofit and no inner margins, so PowerPoint wraps the text
exactly where the layout measured it.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from .markdown import plain_text
from .model import Document
from .slides import Box, DeckLayout, Paragraph, SlideLayout, plan

TITLE_ONLY = 5  # python-pptx's default template: "Title Only"
_ALIGN = {"left": PP_ALIGN.LEFT, "right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "bottom": MSO_ANCHOR.BOTTOM, "middle": MSO_ANCHOR.MIDDLE}
BULLET = "•"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the zip format's first date: same bytes every build


def write_pptx(doc: Document, path: Path) -> int:
    layout = plan(doc)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(layout.width), Pt(layout.height)
    for spec in layout.slides:
        _slide(prs, spec, layout)
    _properties(prs, doc)
    buffer = io.BytesIO()
    prs.save(buffer)
    path.write_bytes(_normalised_zip(buffer.getvalue()))
    return len(layout.slides)


def _slide(prs, spec: SlideLayout, layout: DeckLayout) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(spec.background)
    title, *others = spec.boxes
    _place(slide.shapes.title, title)  # the title placeholder: read first
    _fill(slide.shapes.title.text_frame, title, layout.font_name)
    for x, y, w, h, color in spec.rules:
        rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(x), Pt(y), Pt(w), Pt(h))
        rule.fill.solid()
        rule.fill.fore_color.rgb = RGBColor.from_string(color)
        rule.line.fill.background()
        rule.name = "Accent rule"
    for box in others:
        shape = slide.shapes.add_textbox(Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h))
        shape.name = box.role
        _fill(shape.text_frame, box, layout.font_name)
    if spec.notes:
        slide.notes_slide.notes_text_frame.text = spec.notes


def _place(shape, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = (Pt(box.x), Pt(box.y), Pt(box.w),
                                                        Pt(box.h))


def _fill(frame, box: Box, font_name: str) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = _ANCHOR[box.anchor]
    for i, spec in enumerate(box.paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = _ALIGN[box.align]
        paragraph.line_spacing = box.line_spacing
        paragraph.space_before = Pt(spec.space_before)
        _bullet(paragraph, spec, box)
        for run_spec in spec.runs:
            run = paragraph.add_run()
            run.text = run_spec.text
            font = run.font
            font.name, font.size = font_name, Pt(box.size)
            font.bold = box.bold or run_spec.bold
            font.italic = run_spec.italic
            font.color.rgb = RGBColor.from_string(box.color)
            if run_spec.url:
                run.hyperlink.address = run_spec.url


def _bullet(paragraph, spec: Paragraph, box: Box) -> None:
    """A bullet hanging in front of the text, or an explicit none."""
    from .slides import _indent, theme
    p_pr = paragraph._p.get_or_add_pPr()
    indent = _indent(spec, theme()["references" if box.role == "references" else "body"])
    for tag in ("a:buNone", "a:buChar", "a:buFont"):
        for old in p_pr.findall(qn(tag)):
            p_pr.remove(old)
    if spec.level >= 0 and box.role == "body":
        p_pr.set("marL", str(Pt(indent)))
        p_pr.set("indent", str(-Pt(theme()["body"]["bullet_indent"])))
        etree.SubElement(p_pr, qn("a:buFont")).set("typeface", "Arial")
        etree.SubElement(p_pr, qn("a:buChar")).set("char", BULLET)
    else:
        if spec.hanging:
            p_pr.set("marL", str(Pt(spec.hanging)))
            p_pr.set("indent", str(-Pt(spec.hanging)))
        else:
            p_pr.set("marL", "0")
            p_pr.set("indent", "0")
        etree.SubElement(p_pr, qn("a:buNone"))


def _properties(prs, doc: Document) -> None:
    props = prs.core_properties
    props.title = plain_text(doc.meta.title)
    props.author = ", ".join(a.name for a in doc.meta.authors)
    props.subject = ""
    props.keywords = ", ".join(doc.meta.keywords)
    props.last_modified_by = ""
    props.revision = 1
    props.created = props.modified = _build_date()


def _build_date() -> datetime:
    """SOURCE_DATE_EPOCH when set; otherwise a fixed date, never the clock."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return datetime.fromtimestamp(epoch, timezone.utc).replace(tzinfo=None)


def _normalised_zip(data: bytes) -> bytes:
    """The same members in the same order with fixed times: same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, ZIP_EPOCH)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
