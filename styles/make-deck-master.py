"""Rebuild styles/deck-master.pptx from styles/deck.toml.

    .venv/bin/python styles/make-deck-master.py

The master is what a person editing the deck in PowerPoint or LibreOffice
sees: the theme's fonts and colours and five named layouts (Title, Section,
Content, Two Content, References) whose placeholders sit where the slide
layout puts their text. The deck writer places every box explicitly, so
the master only has to agree with deck.toml, which tests/test_deck_theme.py
checks. It starts from python-pptx's own template, cut down to those layouts.
Run it again after changing the theme's fonts, colours or geometry.
"""

from __future__ import annotations

import copy
import io
import tomllib
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Pt

HERE = Path(__file__).resolve().parent
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
# Each layout of the master: its name, its type, the default template's
# layout it starts from, and the placeholders it keeps (by idx; 0 = title).
LAYOUTS = [("Title", "title", 0, (0, 1)), ("Section", "secHead", 2, (0, 1)),
           ("Content", "obj", 1, (0, 1)), ("Two Content", "twoObj", 3, (0, 1, 2)),
           ("References", "obj", 4, (0, 1))]
FOOTER_IDX = (11, 12)  # the footer and slide-number placeholders, kept everywhere


def main() -> None:
    theme = tomllib.loads((HERE / "deck.toml").read_text(encoding="utf-8"))
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(theme["slide"]["width"]), Pt(theme["slide"]["height"])
    _theme_part(prs, theme)
    _master(prs.slide_master, theme)
    sources = list(prs.slide_layouts)
    for name, kind, source, keep in LAYOUTS:
        _layout(sources[source], name, kind, keep, theme)
    for layout in sources:
        if layout.name not in {n for n, *_ in LAYOUTS}:
            prs.slide_layouts.remove(layout)
    _order_layouts(prs)
    buffer = io.BytesIO()
    prs.save(buffer)
    (HERE / theme["master"]).write_bytes(_normalised(buffer.getvalue()))


def _theme_part(prs, theme: dict) -> None:
    """The theme's colour and font schemes: what PowerPoint offers a person."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    root.set("name", "report")
    colors, series = theme["colors"], theme["chart"]["series"]
    scheme = {"dk1": colors["text"], "lt1": colors["background"], "dk2": colors["title"],
              "lt2": theme["chart"]["rest"], "accent1": colors["accent"],
              "accent2": series[0], "accent3": series[2], "accent4": series[3],
              "accent5": colors["muted"], "accent6": theme["chart"]["rest"],
              "hlink": colors["link"], "folHlink": colors["link"]}
    clr = root.find(f".//{{{A}}}clrScheme")
    clr.set("name", "report")
    for slot, value in scheme.items():
        holder = clr.find(f"{{{A}}}{slot}")
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, f"{{{A}}}srgbClr").set("val", value)
    fonts = root.find(f".//{{{A}}}fontScheme")
    fonts.set("name", "report")
    for which in ("majorFont", "minorFont"):
        fonts.find(f"{{{A}}}{which}/{{{A}}}latin").set("typeface", theme["font"]["name"])
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _master(master, theme: dict) -> None:
    """Title and body styles and the placeholders' places on the master."""
    t, body, colors = theme["title"], theme["body"], theme["colors"]
    for shape in list(master.placeholders):
        name = shape.name
        if name.startswith("Date"):
            shape._element.getparent().remove(shape._element)
            continue
        _place(shape, *_box(theme, name))
        _frame(shape._element)
    styles = master._element.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    _paragraph_style(title, t["size"], colors["title"], bold=True, spacing=t["line_spacing"])
    levels = styles.find(qn("p:bodyStyle"))
    for n, level in enumerate(levels, start=0):
        size = body["size"] if n == 0 else body["split_size"]
        glyph = body["bullet"] if n % 2 == 0 else body["sub_bullet"]
        marl = body["bullet_indent"] + n * body["level_indent"]
        _paragraph_style(level, size, colors["text"], spacing=body["line_spacing"],
                         bullet=(glyph, colors["accent"]),
                         space_before=body["paragraph_gap"] * size,
                         marl=marl, indent=body["bullet_indent"])


def _box(theme: dict, name: str) -> tuple[float, float, float, float]:
    """Where the master's title, body, footer and number placeholders go."""
    page, t, body, foot = theme["slide"], theme["title"], theme["body"], theme["footer"]
    m, width, height = page["margin"], page["width"] - 2 * page["margin"], page["height"]
    title_h = 2 * t["size"] * t["line_spacing"] * 1.2
    foot_h = foot["size"] * 1.2
    foot_y = height - foot["bottom"] - foot_h
    body_y = t["top"] + t["size"] * 1.2 + theme["rule"]["gap"] + theme["rule"]["weight"] \
        + body["gap_below_rule"]
    if name.startswith("Title"):
        return m, t["top"], width, title_h
    if name.startswith("Footer"):
        return m, foot_y, width - foot["number_width"], foot_h
    if name.startswith("Slide Number"):
        return m + width - foot["number_width"], foot_y, foot["number_width"], foot_h
    return m, body_y, width, height - body["bottom"] - body_y


def _layout(layout, name: str, kind: str, keep: tuple, theme: dict) -> None:
    layout._element.find(qn("p:cSld")).set("name", name)
    layout._element.set("type", kind)
    for shape in list(layout.placeholders):
        idx = shape.placeholder_format.idx
        if idx not in keep + FOOTER_IDX:
            shape._element.getparent().remove(shape._element)
    spots = _spots(name, theme)
    for shape in layout.placeholders:
        idx = shape.placeholder_format.idx
        if idx in spots:
            box, style = spots[idx]
            _place(shape, *box)
            _frame(shape._element, style)
    if name in ("Title", "Section"):
        _dark(layout, theme["colors"]["dark"])


def _spots(name: str, theme: dict) -> dict:
    """idx → ((x, y, w, h), paragraph style) of a layout's placeholders."""
    page, colors = theme["slide"], theme["colors"]
    m, width = page["margin"], page["width"] - 2 * page["margin"]
    master_body = _box(theme, "Body")
    if name == "Title":
        c = theme["cover"]
        title_h = c["title_max_lines"] * c["title_size"] * c["line_spacing"] * 1.2
        block = title_h + 2 * c["gap"] + c["subtitle_size"] * 1.2
        y = m + (page["height"] - 2 * m - block) * c["balance"]
        return {0: ((m, y, width, title_h),
                    dict(size=c["title_size"], color=colors["on_dark"], bold=True,
                         spacing=c["line_spacing"])),
                1: ((m, y + title_h + c["gap"], width, 2 * c["subtitle_size"] * 1.2),
                    dict(size=c["subtitle_size"], color=colors["on_dark_muted"]))}
    if name == "Section":
        s = theme["section"]
        label_h = s["label_size"] * 1.2
        return {1: ((m, s["top"], width, label_h),
                    dict(size=s["label_size"], color=colors["on_dark_accent"], bold=True)),
                0: ((m, s["top"] + label_h + s["gap"], width, 2 * s["title_size"] * 1.2),
                    dict(size=s["title_size"], color=colors["on_dark"], bold=True,
                         spacing=theme["title"]["line_spacing"]))}
    if name == "Two Content":
        x, y, w, h = master_body
        left = w * theme["visual"]["text_share"]
        gutter = theme["visual"]["gutter"]
        return {1: ((x, y, left, h), None), 2: ((x + left + gutter, y, w - left - gutter, h), None)}
    if name == "References":
        r = theme["references"]
        return {1: (master_body, dict(size=r["size"], color=colors["text"],
                                      spacing=r["line_spacing"], marl=r["hanging"],
                                      indent=r["hanging"],
                                      space_before=r["paragraph_gap"] * r["size"]))}
    return {}


def _place(shape, x, y, w, h) -> None:
    shape.left, shape.top, shape.width, shape.height = Pt(x), Pt(y), Pt(w), Pt(h)


def _frame(sp, style: dict | None = None) -> None:
    """No insets and no autofit: text sits where the layout measured it."""
    body_pr = sp.find(qn("p:txBody")).find(qn("a:bodyPr"))
    for key in ("lIns", "tIns", "rIns", "bIns"):
        body_pr.set(key, "0")
    body_pr.set("anchor", "t")
    for child in list(body_pr):
        body_pr.remove(child)
    etree.SubElement(body_pr, qn("a:noAutofit"))
    if style is not None:
        lst = sp.find(qn("p:txBody")).find(qn("a:lstStyle"))
        for child in list(lst):
            lst.remove(child)
        _paragraph_style(etree.SubElement(lst, qn("a:lvl1pPr")), **style)


def _paragraph_style(ppr, size, color, bold=False, spacing=1.0, bullet=None, space_before=0.0,
                     marl=0.0, indent=0.0) -> None:
    """A level's paragraph and run defaults, written in schema order."""
    keep = {k: ppr.get(k) for k in ("defTabSz", "rtl", "eaLnBrk", "latinLnBrk", "hangingPunct")}
    ppr.clear()
    ppr.set("marL", str(Pt(marl)))
    ppr.set("indent", str(-Pt(indent)))
    ppr.set("algn", "l")
    for key, value in keep.items():
        if value is not None:
            ppr.set(key, value)
    spc = etree.SubElement(etree.SubElement(ppr, qn("a:lnSpc")), qn("a:spcPct"))
    spc.set("val", str(round(spacing * 100000)))
    etree.SubElement(etree.SubElement(ppr, qn("a:spcBef")), qn("a:spcPts")).set(
        "val", str(round(space_before * 100)))
    if bullet:
        glyph, bullet_color = bullet
        etree.SubElement(etree.SubElement(ppr, qn("a:buClr")), qn("a:srgbClr")).set(
            "val", bullet_color)
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", "Arial")
        etree.SubElement(ppr, qn("a:buChar")).set("char", glyph)
    else:
        etree.SubElement(ppr, qn("a:buNone"))
    rpr = etree.SubElement(ppr, qn("a:defRPr"))
    rpr.set("sz", str(round(size * 100)))
    rpr.set("b", "1" if bold else "0")
    rpr.set("kern", "1200")  # kerned, as the slide layout measures text
    etree.SubElement(etree.SubElement(rpr, qn("a:solidFill")), qn("a:srgbClr")).set("val", color)
    etree.SubElement(rpr, qn("a:latin")).set("typeface", "+mn-lt")


def _dark(layout, color: str) -> None:
    """The layout's own background: the cover and section slides are dark."""
    fill = layout.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(color)


def _order_layouts(prs) -> None:
    """The layouts in the order LAYOUTS names them, as PowerPoint lists them."""
    ids = prs.slide_master._element.find(qn("p:sldLayoutIdLst"))
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    entries = {e.get(qn("r:id")): e for e in ids}
    for name, *_ in LAYOUTS:
        rid = prs.slide_master.part.relate_to(by_name[name].part, RT.SLIDE_LAYOUT)
        entry = entries[rid]
        ids.remove(entry)
        ids.append(copy.deepcopy(entry))


def _normalised(data: bytes) -> bytes:
    """Fixed member times, so an unchanged theme gives the same file."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


if __name__ == "__main__":
    main()
