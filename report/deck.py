"""The deck: the slide layout (slides.py) drawn with python-pptx.

Every box is placed and sized by the layout; this module only draws, on
the named layouts of the theme's master (styles/deck-master.pptx). Text
frames have no autofit and no inner margins, so PowerPoint wraps the text
exactly where the layout measured it. Shapes are written in reading order:
the title first, then the text, the chart, table, picture or code, footer and number,
and last the decorative rules, marked as such for screen readers.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import NamedTuple

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.simpletypes import ST_TextSpacingPercentOrPercentString
from pptx.util import Pt

from . import STYLES, chartlayout, glyphs, pptxspeed
from .filelinks import from_output
from .model import Document, Meta, plain_text
from .slides import (Box, Chart, DeckLayout, Paragraph, Picture, SlideCode, SlideLayout,
                     SlideTable, plan, theme)
from .slidemodel import Series

_ANCHOR = {"top": MSO_ANCHOR.TOP, "bottom": MSO_ANCHOR.BOTTOM, "middle": MSO_ANCHOR.MIDDLE}
# Which placeholder of the slide's layout holds a box of each role.
_PLACEHOLDER = {"title": 0, "cover-title": 0, "section-title": 0, "body": 1, "references": 1,
                "cover-subtitle": 1, "section-label": 1, "column": 2}
# PowerPoint's "Mark as decorative" (Office 2019+): screen readers skip the shape.
_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
# PowerPoint's built-in "No Style, No Grid" table style: the deck draws every
# fill and rule itself, so that no theme's style (nor LibreOffice's reading of
# one) adds its own.
_NO_TABLE_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"
_A = qn("a:p")[:-1]  # "{drawingml namespace}", for building tags quickly
_C = qn("c:chart")[:-5]  # "{chart namespace}"
_R_ID = qn("r:id")
_ALGN = {"left": "l", "right": "r", "center": "ctr"}  # a:pPr's algn, as PP_ALIGN writes it
# python-pptx's _escape_ctrl_chars: control characters but tab and line feed
_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")
# A raised or lowered run, as PowerPoint's superscript and subscript buttons
# set it: its baseline moved by this share of the font size (in 1/1000 %).
_BASELINE = {"super": "30000", "sub": "-25000"}
# An ordered list's numbering (model.list_marker) as PowerPoint's autonumber
# scheme: "a)" is alphaLcParenR, "(iv)" romanLcParenBoth; numerals are APA's "1.".
_AUTONUM_KIND = {"lower-alpha": "alphaLc", "upper-alpha": "alphaUc", "lower-roman": "romanLc",
                 "upper-roman": "romanUc", "example": "arabic"}
_AUTONUM_SUFFIX = {".": "Period", ")": "ParenR", "()": "ParenBoth"}
# Pair kerning from 12 pt up, PowerPoint's own default, said on every run:
# textfit measures kerned text, as LibreOffice always sets it.
KERN_FROM = "1200"


class Written(NamedTuple):
    """A deck written: its slide count, and every character its slides show
    (glyphs.shown), from its parts as saved."""
    slides: int
    shown: str


def write_pptx(doc: Document, path: Path) -> Written:
    pptxspeed.apply()
    layout = plan(doc)
    prs = _presentation(STYLES / theme()["master"])
    prs.slide_width, prs.slide_height = Pt(layout.width), Pt(layout.height)
    # Each layout by name, looked up once (the first of a name, should two share one).
    layouts = {x.name: x for x in reversed(list(prs.slide_layouts))}
    # A link to a file beside the article, as the deck's folder reaches it.
    link = partial(from_output, article_folder=doc.path.parent, output_folder=Path(path).parent)
    for spec in layout.slides:
        _slide(prs, spec, layout, layouts, link)
    _properties(prs, doc)
    _language(prs, doc.meta.lang)
    prs.save(str(path))  # reproducibly: see pptxspeed
    # What the slides show, from the very elements saved: no second reading
    # of the file (unzipped and parsed, 1.9 ms of a deck's 50).
    saved = ((part.partname[1:], part._element) for part in prs.part.package.iter_parts()
             if getattr(part, "_element", None) is not None)
    return Written(len(layout.slides), glyphs.shown(saved))


def _layout_name(spec: SlideLayout) -> str:
    if spec.kind == "cover":
        return "Title"
    if spec.kind == "section":
        return "Section"
    if spec.kind == "references":
        return "References"
    shown = spec.charts or spec.pictures or spec.tables or spec.codes
    columns = any(box.role == "column" for box in spec.boxes)  # Quarto's two of bullets
    return "Two Content" if shown or columns else "Content"


def _slide(prs, spec: SlideLayout, layout: DeckLayout, layouts: dict, link) -> None:
    slide = prs.slides.add_slide(layouts[_layout_name(spec)])
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(spec.background)
    placeholders = {p.placeholder_format.idx: p for p in slide.placeholders}
    order = []
    for n, box in enumerate(spec.boxes):
        shape = placeholders.pop(_PLACEHOLDER.get(box.role, -1), None)
        if shape is None:  # a text box is made where it goes
            shape = slide.shapes.add_textbox(Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h))
        else:
            _place(shape, box)
        shape.name = box.role
        _fill(shape.text_frame, box, layout.font_name, link)
        order.append(shape)
        if n == _introduction(spec):
            order += [_chart(slide, c, layout.font_name) for c in spec.charts]
            order += [_table(slide, t, layout.font_name, link) for t in spec.tables]
            order += [_picture(slide, p) for p in spec.pictures]
            order += [_code(slide, c) for c in spec.codes]
    for unused in placeholders.values():  # an empty placeholder would say "Click to add text"
        unused._element.getparent().remove(unused._element)
    order.extend(_rules(slide, spec))
    _reading_order(slide, order)
    _notes(slide, spec)


def _introduction(spec: SlideLayout) -> int:
    """The box a chart, table or picture is read after: its caption, else the body,
    else the title."""
    roles = [b.role for b in spec.boxes]
    return max((i for i, r in enumerate(roles) if r in ("body", "caption")), default=0)


def _place(shape, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = (Pt(box.x), Pt(box.y), Pt(box.w),
                                                        Pt(box.h))


def _fill(frame, box: Box, font_name: str, link=str) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = _ANCHOR[box.anchor]
    _paragraphs(frame, box, font_name, link)


def _paragraphs(frame, box: Box, font_name: str, link=str) -> None:
    """The box's paragraphs and runs, into the frame's one empty paragraph;
    a run's link to `link(its address)`."""
    # The paragraphs and runs are built as lxml elements: python-pptx's
    # property setters (alignment, line_spacing, Font.name, Font.color...)
    # each look their element's place up among its possible siblings and
    # took half the time spent writing a deck. The elements, attributes and
    # values are the ones those setters write, in the same order, so the
    # pptx is byte for byte the same (tests/test_deck_speed.py checks it).
    first = frame._txBody.find(_A + "p")
    assert len(first) == 0 and not first.attrib, "a new text frame has one empty paragraph"
    size = str(Pt(box.size).centipoints)
    spacing = ST_TextSpacingPercentOrPercentString.convert_to_xml(box.line_spacing)
    for i, spec in enumerate(box.paragraphs):
        p = first if i == 0 else etree.SubElement(frame._txBody, _A + "p")
        p_pr = etree.SubElement(p, _A + "pPr")
        p_pr.set("algn", _ALGN[spec.align or box.align])
        etree.SubElement(etree.SubElement(p_pr, _A + "lnSpc"), _A + "spcPct").set("val", spacing)
        etree.SubElement(etree.SubElement(p_pr, _A + "spcBef"), _A + "spcPts").set(
            "val", str(Pt(spec.space_before).centipoints))
        _bullet(p_pr, spec, box, font_name)
        for run_spec in spec.runs:
            r = etree.SubElement(p, _A + "r")
            r_pr = etree.SubElement(r, _A + "rPr")
            r_pr.set("sz", size)
            r_pr.set("b", "1" if box.bold or run_spec.bold else "0")
            r_pr.set("i", "1" if run_spec.italic else "0")
            fill = etree.SubElement(r_pr, _A + "solidFill")
            etree.SubElement(fill, _A + "srgbClr").set(
                "val", str(RGBColor.from_string(run_spec.color or box.color)))
            etree.SubElement(r_pr, _A + "latin").set(
                "typeface", theme()["font"]["code_name"] if run_spec.code else font_name)
            r_pr.set("kern", KERN_FROM)
            _marks(r_pr, run_spec)
            if run_spec.url:
                r_id = frame.part.relate_to(link(run_spec.url), RT.HYPERLINK, is_external=True)
                etree.SubElement(r_pr, _A + "hlinkClick").set(_R_ID, r_id)
            etree.SubElement(r, _A + "t").text = _CONTROL.sub(_escape_control, run_spec.text)


def _marks(r_pr, run_spec) -> None:
    """A run's script, small caps, underline and strikeout, as DrawingML's
    attributes of its a:rPr."""
    if run_spec.script:
        r_pr.set("baseline", _BASELINE[run_spec.script])
    if run_spec.small_caps:
        r_pr.set("cap", "small")
    if run_spec.underline:
        r_pr.set("u", "sng")
    if run_spec.strike:
        r_pr.set("strike", "sngStrike")


def _escape_control(match) -> str:
    """A control character as python-pptx writes it in a run: BEL as "_x0007_"."""
    return "_x%04X_" % ord(match.group(1))


def _bullet(p_pr, spec: Paragraph, box: Box, font_name: str) -> None:
    """A bullet hanging in front of the text, or an explicit none (a body
    placeholder would otherwise add the master's)."""
    p_pr.set("marL", str(Pt(spec.indent)))
    bulleted = spec.level >= 0 and box.bullets and not spec.continued
    hang = (spec.hang or box.bullet_indent) if bulleted else spec.hanging
    p_pr.set("indent", str(-Pt(hang)))
    if bulleted:
        if box.bullet_color:
            color = etree.SubElement(p_pr, qn("a:buClr"))
            etree.SubElement(color, qn("a:srgbClr")).set("val", box.bullet_color)
        etree.SubElement(p_pr, qn("a:buFont")).set("typeface", font_name)
        if spec.number:
            style, delimiter = spec.numbering
            scheme = (_AUTONUM_KIND[style] + _AUTONUM_SUFFIX[delimiter]
                      if style in _AUTONUM_KIND else "arabicPeriod")
            etree.SubElement(p_pr, qn("a:buAutoNum"), type=scheme, startAt=str(spec.number))
        else:
            glyph = box.bullets[min(spec.level, len(box.bullets) - 1)]
            etree.SubElement(p_pr, qn("a:buChar")).set("char", glyph)
    else:
        etree.SubElement(p_pr, qn("a:buNone"))


def warm_up() -> None:
    """What writing a deck reads first, read while the article is
    (pipeline.prepare): the font's metrics, labels.toml (parsed whole, for
    any language; English's words picked), the chart modules, and the
    default theme's master, opened; and what no line breaks inside (every
    slide's text is joined by it) in Meta's default language, its pattern
    and the citesyntax it reads the locator terms from: 4 ms off the write."""
    # imagefiles quiets Pillow's "decompression bomb" warning, which the
    # reader says once with the article's line: in this process too, where
    # the deck opens its pictures.
    from . import imagefiles, labels, textfit  # noqa: F401
    from .keptwhole import kept_whole_in
    from .slidemodel import font
    pptxspeed.apply()
    textfit.load(font())
    labels.of("en")
    kept_whole_in(Meta.lang)
    import pptx.chart.data  # noqa: F401 — see _chart
    master = STYLES / theme()["master"]
    _opened[master] = Presentation(str(master))


_opened: dict[Path, object] = {}  # a master opened by warm_up, not yet written to


def _presentation(master: Path):
    """A new presentation on `master`: the one warm_up opened, once."""
    return _opened.pop(master, None) or Presentation(str(master))


def _chart(slide, spec: Chart, font_name: str):
    # Imported here, not at the top: the chart data brings xlsxwriter (for
    # the workbook embedded with a chart), 0.02-0.05 s that a deck without
    # charts need not spend, unless warm_up had the time.
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    pptxspeed.date_chart_workbooks(_build_date())  # its embedded workbook's date
    kinds = {"doughnut": XL_CHART_TYPE.DOUGHNUT, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
             "bar": XL_CHART_TYPE.BAR_CLUSTERED}
    data = CategoryChartData(number_format=spec.number_format)
    categories, series_list = _in_drawing_order(spec)
    data.categories = categories
    for series in series_list:
        data.add_series(series.name, series.values)
    frame = slide.shapes.add_chart(kinds[spec.kind], Pt(spec.x), Pt(spec.y), Pt(spec.w),
                                   Pt(spec.h), data)
    frame.name = "chart"
    _alt_text(frame, spec.alt)
    chart = frame.chart
    chart.has_title = False
    chart.font.name, chart.font.size = font_name, Pt(spec.axis_size)
    chart.font.color.rgb = RGBColor.from_string(spec.text_color)
    chart.has_legend = spec.legend
    if spec.legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(spec.axis_size)
    plot = chart.plots[0]
    if spec.kind == "doughnut":
        _doughnut(plot, spec)
    else:
        _bars(chart, plot, spec)
    return frame


def _in_drawing_order(spec: Chart) -> tuple[list[str], list]:
    """The categories and series in the order the chart engines draw them
    as the table reads. Bars lying are drawn from the axis' foot up, and
    LibreOffice lists their series in its legend backwards, whichever way
    the axis runs: given the rows and the series backwards, both engines
    show the first row on top, the first series on top within it, and the
    legend in the table's order (the embedded workbook reads backwards)."""
    if spec.kind != "bar":
        return spec.categories, spec.series
    # A name longer than the layout's room is broken where the layout broke
    # it: LibreOffice would squeeze it onto one line, and the plot narrower.
    names = ["\n".join(lines) for lines in chartlayout.frame(spec).names]
    return names[::-1], [Series(s.name, s.values[::-1], s.labels[::-1])
                         for s in reversed(spec.series)]


def _doughnut(plot, spec: Chart) -> None:
    """Slices in the layout's colours, each labelled in a colour readable on it."""
    hole = plot._element.find(qn("c:holeSize"))
    if hole is not None:
        hole.set("val", str(theme()["chart"]["hole"]))
    for i, (fill, ink, shown) in enumerate(zip(spec.colors, spec.label_colors, spec.labelled)):
        point = plot.series[0].points[i]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = RGBColor.from_string(fill)
        if not shown:  # no label of its own: the series has none
            continue
        label = point.data_label
        label.has_text_frame = False
        label.font.size, label.font.bold = Pt(spec.label_size), True
        label.font.color.rgb = RGBColor.from_string(ink)
        label.show_value, label.show_category_name = True, False
        label.number_format, label.number_format_is_linked = spec.number_format, False


def _bars(chart, plot, spec: Chart) -> None:
    """Bars labelled at their ends; no gridlines and no value axis: the
    labels carry the numbers. Bars start at zero; the axis' ends are the
    layout's, room for the labels; below zero, the categories' names stand
    at the plot's low edge, clear of the bars that go down and their labels."""
    from pptx.enum.chart import XL_TICK_LABEL_POSITION
    plot.gap_width = theme()["chart"]["gap_width"]
    if not spec.step:
        _value_labels(plot, spec)
    fills = spec.colors[::-1] if spec.kind == "bar" else spec.colors  # see _in_drawing_order
    for series, fill in zip(plot.series, fills):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(fill)
    values = chart.value_axis
    values.visible = False
    values.has_major_gridlines = False
    values.minimum_scale, values.maximum_scale = spec.scale
    if spec.step:
        _value_axis(values, spec)
    categories = chart.category_axis
    if values.minimum_scale < 0:
        categories.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    categories.tick_labels.font.size = Pt(spec.axis_size)
    categories.format.line.color.rgb = RGBColor.from_string(spec.text_color)
    if spec.category_title:
        categories.has_title = True
        categories.axis_title.text_frame.text = spec.category_title
        run = categories.axis_title.text_frame.paragraphs[0].runs[0]
        run.font.size, run.font.bold = Pt(spec.axis_size), False
        run.font.color.rgb = RGBColor.from_string(spec.text_color)


def _value_labels(plot, spec: Chart) -> None:
    """Each bar's value at its end, bold."""
    from pptx.enum.chart import XL_LABEL_POSITION
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size, labels.font.bold = Pt(spec.label_size), True
    labels.font.color.rgb = RGBColor.from_string(spec.text_color)
    labels.number_format, labels.number_format_is_linked = spec.number_format, False


def _value_axis(values, spec: Chart) -> None:
    """Values too many to label: the axis' numbers at the layout's steps,
    without a line or ticks of its own, a quiet gridline across at each."""
    from pptx.enum.chart import XL_TICK_MARK
    values.visible = True
    values.major_unit = spec.step
    values.major_tick_mark = values.minor_tick_mark = XL_TICK_MARK.NONE
    values.format.line.fill.background()
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = RGBColor.from_string(theme()["chart"]["grid"])
    numbers = values.tick_labels
    numbers.font.size = Pt(spec.axis_size)
    numbers.font.color.rgb = RGBColor.from_string(spec.text_color)
    numbers.number_format, numbers.number_format_is_linked = spec.axis_format, False


def _table(slide, spec: SlideTable, font_name: str, link=str):
    """A native table: the layout's column widths and row heights (rows are
    as tall as measured, so no row grows), each cell's margins, ground and
    rule, its text set as a text box's."""
    frame = slide.shapes.add_table(len(spec.rows), len(spec.columns), Pt(spec.x), Pt(spec.y),
                                   Pt(spec.w), Pt(spec.h))
    frame.name = "table"
    _alt_text(frame, spec.alt)
    table = frame.table
    table.first_row, table.horz_banding = spec.header, False  # a header row, for screen readers
    table._tbl.tblPr.find(qn("a:tableStyleId")).text = _NO_TABLE_STYLE
    for column, width in zip(table.columns, spec.columns):
        column.width = Pt(width)
    for row, height in zip(table.rows, spec.rows):
        row.height = Pt(height)
    for r, (boxes, fill) in enumerate(zip(spec.cells, spec.fills)):
        for c, box in enumerate(boxes):
            cell = table.cell(r, c)
            _cell_style(cell._tc.get_or_add_tcPr(), spec, fill)
            _paragraphs(cell.text_frame, box, font_name, link)
            # An empty cell's line takes this size, not the master's larger one.
            last = cell.text_frame._txBody.findall(_A + "p")[-1]
            etree.SubElement(last, _A + "endParaRPr").set("sz", str(Pt(box.size).centipoints))
    return frame


def _cell_style(tc_pr, spec: SlideTable, fill: str) -> None:
    """Margins, top anchoring, the rule under the cell and its ground, in the
    schema's order (a:lnB before the fill)."""
    across, down = (str(Pt(m)) for m in spec.margins)
    for side, margin in (("marL", across), ("marR", across), ("marT", down), ("marB", down)):
        tc_pr.set(side, margin)
    tc_pr.set("anchor", "t")
    rule = etree.SubElement(tc_pr, qn("a:lnB"), w=str(Pt(spec.rule_weight)))
    etree.SubElement(etree.SubElement(rule, qn("a:solidFill")), qn("a:srgbClr")).set(
        "val", spec.rule)
    etree.SubElement(etree.SubElement(tc_pr, qn("a:solidFill")), qn("a:srgbClr")).set("val", fill)


def _code(slide, spec: SlideCode):
    """A text box on the code's ground, its text inset by the padding, a line
    a paragraph in the code font; an empty line as high as the others."""
    shape = slide.shapes.add_textbox(Pt(spec.x), Pt(spec.y), Pt(spec.w), Pt(spec.h))
    shape.name = "code"
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(spec.fill)
    frame = shape.text_frame
    _fill(frame, spec.text, theme()["font"]["code_name"])
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = \
        Pt(spec.padding)
    for p in frame._txBody.findall(_A + "p"):
        end = etree.SubElement(p, _A + "endParaRPr")
        end.set("sz", str(Pt(spec.text.size).centipoints))
        etree.SubElement(end, _A + "latin").set("typeface", theme()["font"]["code_name"])
    return shape


def _picture(slide, spec: Picture):
    picture = slide.shapes.add_picture(_embeddable(spec.path), Pt(spec.x), Pt(spec.y),
                                       Pt(spec.w), Pt(spec.h))
    picture.name = "picture"
    _alt_text(picture, spec.alt)
    return picture


_PPTX_FORMATS = {"BMP", "GIF", "JPEG", "PNG", "TIFF"}  # what python-pptx embeds


def _embeddable(path: str):
    """The image as PowerPoint takes it: the file itself, or, in another
    format (WebP…), the same pixels as PNG."""
    from PIL import Image
    with Image.open(path) as image:
        if image.format in _PPTX_FORMATS:
            return path
        png = io.BytesIO()
        image.save(png, "PNG")
        return png


def _alt_text(shape, text: str) -> None:
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def _rules(slide, spec: SlideLayout) -> list:
    out = []
    for x, y, w, h, color in spec.rules:
        rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(x), Pt(y), Pt(w), Pt(h))
        rule.fill.solid()
        rule.fill.fore_color.rgb = RGBColor.from_string(color)
        rule.line.fill.background()
        style = rule._element.find(qn("p:style"))  # the theme's shape style adds a shadow
        rule._element.remove(style)
        rule.name = "accent rule"
        _decorative(rule)
        out.append(rule)
    return out


def _decorative(shape) -> None:
    c_nv_pr = shape._element.xpath("./*[1]/p:cNvPr")[0]
    ext = etree.SubElement(etree.SubElement(c_nv_pr, qn("a:extLst")), qn("a:ext"))
    ext.set("uri", _DECORATIVE_URI)
    etree.SubElement(ext, f"{{{_DECORATIVE_NS}}}decorative",
                     nsmap={"adec": _DECORATIVE_NS}).set("val", "1")


def _reading_order(slide, shapes: list) -> None:
    """Screen readers follow the shape tree: put it in the order given."""
    tree = slide.shapes._spTree
    for shape in shapes:
        tree.remove(shape._element)
        tree.append(shape._element)


def _notes(slide, spec: SlideLayout) -> None:
    if not spec.notes_paragraphs:
        return
    tx_body = slide.notes_slide.notes_placeholder._element.txBody
    first = tx_body.find(_A + "p")
    assert len(first) == 0 and not first.attrib, "a new notes body has one empty paragraph"
    for i, paragraph in enumerate(spec.notes_paragraphs):
        p = first if i == 0 else etree.SubElement(tx_body, _A + "p")
        for run_spec in paragraph.runs:  # as python-pptx's add_run, text, font.bold, italic
            r = etree.SubElement(p, _A + "r")
            r_pr = etree.SubElement(r, _A + "rPr")
            if run_spec.bold:
                r_pr.set("b", "1")
            if run_spec.italic:
                r_pr.set("i", "1")
            _marks(r_pr, run_spec)
            etree.SubElement(r, _A + "t").text = _CONTROL.sub(_escape_control, run_spec.text)


CORE_PROPERTY_MAX = 255  # python-pptx refuses longer core-property strings


def _properties(prs, doc: Document) -> None:
    props = prs.core_properties
    props.title = _clip(plain_text(doc.meta.title))
    props.author = _clip(", ".join(a.name for a in doc.meta.authors))
    props.subject = ""
    props.keywords = _clip(", ".join(plain_text(k) for k in doc.meta.keywords))
    props.last_modified_by = ""
    props.revision = 1
    props.created = props.modified = _build_date()


def _language(prs, lang: str) -> None:
    """The article's language on every text of the deck, said where each
    text's properties are (runs, paragraphs' ends, the master's and the
    presentation's defaults, the charts) and in the core properties:
    PowerPoint spell-checks a run in the language its `lang` names, and the
    master's en-US would have it mark every word of a Spanish deck."""
    prs.core_properties.language = lang
    for part in prs.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for props in element.iter(_A + "rPr", _A + "defRPr", _A + "endParaRPr"):
            props.set("lang", lang)
        for chart_lang in element.iter(_C + "lang"):
            chart_lang.set("val", lang)


def _clip(text: str) -> str:
    """The property as long as the format allows, cut at a word with an ellipsis."""
    if len(text) <= CORE_PROPERTY_MAX:
        return text
    return text[:CORE_PROPERTY_MAX - 1].rsplit(" ", 1)[0] + "\u2026"


def _build_date() -> datetime:
    """SOURCE_DATE_EPOCH when set; otherwise a fixed date, never the clock."""
    from .output import source_date_epoch  # its one reader, which checks it
    epoch = source_date_epoch() or 0
    return datetime.fromtimestamp(epoch, timezone.utc).replace(tzinfo=None)
