"""The slide layout: what goes on which slide, at what size, where.

Computed once from the document and styles/deck.toml; the pptx writer and
the handout both draw exactly this, so the handout shows the deck.
All geometry is in points from the slide's top-left corner.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from . import STYLES
from .errors import warn
from .markdown import plain_text
from .model import (BlockQuote, BulletList, Cite, Code, Document, Emph, Heading, LineBreak,
                    Link, Notes, OrderedList, Para, Slide, Strong, Text)
from .textfit import Font, Piece, wrap
from .walk import block_cites


# --- the layout model ---------------------------------------------------------

@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""


@dataclass
class Paragraph:
    runs: list[Run]
    level: int = 0         # bullet nesting; -1 for a paragraph without bullet
    hanging: float = 0.0   # hanging indent in points (references)
    space_before: float = 0.0


@dataclass
class Box:
    role: str              # title, body, references, cover-title, ..., footer, number
    x: float
    y: float
    w: float
    h: float
    paragraphs: list[Paragraph]
    size: float
    color: str
    bold: bool = False
    align: str = "left"
    line_spacing: float = 1.0
    anchor: str = "top"


@dataclass
class SlideLayout:
    kind: str              # cover, content, references
    title: str
    boxes: list[Box]
    notes: str = ""
    background: str = "FFFFFF"
    rules: list[tuple[float, float, float, float, str]] = field(default_factory=list)


@dataclass
class DeckLayout:
    width: float
    height: float
    font_name: str
    slides: list[SlideLayout]


# --- the theme ------------------------------------------------------------------

@lru_cache(maxsize=1)
def theme() -> dict:
    with open(STYLES / "deck.toml", "rb") as f:
        return tomllib.load(f)


def font() -> Font:
    spec = theme()["font"]
    return Font(*(STYLES / spec[k] for k in ("regular", "bold", "italic", "bold_italic")))


# --- from the document to slides ------------------------------------------------

@dataclass
class Section:
    heading: Heading | None
    slides: list[Slide] = field(default_factory=list)
    notes: list = field(default_factory=list)
    prose: list[Para] = field(default_factory=list)


def sections(doc: Document, level: int = 2) -> list[Section]:
    """The article cut at headings of `level` or above; deeper ones fold in."""
    out = [Section(None)]
    for block in doc.blocks:
        if isinstance(block, Heading) and block.level <= level:
            out.append(Section(block))
        elif isinstance(block, Slide):
            out[-1].slides.append(block)
        elif isinstance(block, Notes):
            out[-1].notes.extend(block.blocks)
        elif isinstance(block, (Para, BlockQuote)):
            out[-1].prose.extend(b for b in _paras(block))
    return [s for s in out if s.slides or s.prose]


def _paras(block):
    if isinstance(block, Para):
        yield block
    else:
        for inner in block.blocks:
            yield from _paras(inner)


def plan(doc: Document) -> DeckLayout:
    t = theme()
    slides = [_cover(doc)]
    for section in sections(doc):
        for title, items, notes in _section_slides(section, doc):
            slides.extend(_content(title, items, notes))
    slides.extend(_references(doc, slides))
    unique_titles(slides)
    _number(slides, str(doc.meta.slides.get("footer") or ""))
    return DeckLayout(t["slide"]["width"], t["slide"]["height"], t["font"]["name"], slides)


def _section_slides(section: Section, doc: Document):
    """(title runs, bullet paragraphs, notes) for each slide of a section."""
    heading = section.heading.children if section.heading else None
    notes = _notes_text(section.notes or section.prose)
    if not section.slides:
        name = plain_text(heading) if heading else "the introduction"
        warn(f"section '{name}' has no '::: slide'; it gets a digest of its paragraphs",
             doc.path)
        yield (heading or [Text("Introduction")]), _digest(section.prose), notes
        return
    for slide in section.slides:
        title = slide.title or heading or [Text("Introduction")]
        yield title, _items(slide.blocks), notes


def _digest(paras: list[Para], count: int = 4) -> list[Paragraph]:
    """The first sentence of each paragraph, for a section without a slide."""
    out = []
    for para in paras[:count]:
        runs = _runs(para.children)
        text = "".join(r.text for r in runs)
        end = _sentence_end(text)
        out.append(Paragraph(_cut(runs, end)))
    return out


def _sentence_end(text: str) -> int:
    for i, char in enumerate(text):
        if char in ".?!" and (i + 1 == len(text) or text[i + 1] == " ") and i > 20:
            return i + 1
    return len(text)


def _cut(runs: list[Run], length: int) -> list[Run]:
    out, used = [], 0
    for run in runs:
        if used >= length:
            break
        out.append(Run(run.text[:length - used], run.bold, run.italic, run.url))
        used += len(run.text)
    return out


def _items(blocks, level: int = 0) -> list[Paragraph]:
    """The slide's blocks as bullet paragraphs (nested lists indent)."""
    out = []
    for block in blocks:
        if isinstance(block, (BulletList, OrderedList)):
            for item in block.items:
                first, *rest = item if item else [Para([])]
                if isinstance(first, Para):
                    out.append(Paragraph(_runs(first.children), level))
                    out.extend(_items(rest, level + 1))
                else:
                    out.extend(_items(item, level + 1))
        elif isinstance(block, Para):
            out.append(Paragraph(_runs(block.children), -1))
        elif isinstance(block, BlockQuote):
            out.extend(_items(block.blocks, level))
    return out


def _runs(inlines, bold=False, italic=False, url="") -> list[Run]:
    out = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(Run(node.text, bold, italic, url))
        elif isinstance(node, Code):
            out.append(Run(node.text, bold, italic, url))
        elif isinstance(node, Emph):
            out.extend(_runs(node.children, bold, not italic, url))
        elif isinstance(node, Strong):
            out.extend(_runs(node.children, True, italic, url))
        elif isinstance(node, Link):
            out.extend(_runs(node.children, bold, italic, node.url))
        elif isinstance(node, Cite):
            out.extend(_runs(node.rendered, bold, italic, url))
        elif isinstance(node, LineBreak):
            out.append(Run(" ", bold, italic, url))
    return out


def _notes_text(blocks) -> str:
    return "\n\n".join(plain_text(b.children) for b in _flatten(blocks))


def _flatten(blocks):
    for block in blocks:
        if isinstance(block, Para):
            yield block
        elif isinstance(block, (BulletList, OrderedList)):
            for item in block.items:
                yield from _flatten(item)
        elif isinstance(block, BlockQuote):
            yield from _flatten(block.blocks)


# --- placing text -----------------------------------------------------------------

def _pieces(paragraph: Paragraph) -> list[Piece]:
    return [Piece(r.text, r.bold, r.italic) for r in paragraph.runs]


def _height(paragraphs: list[Paragraph], size: float, width: float, spec: dict,
            bold: bool = False) -> float:
    """The height the paragraphs take at `size` in a box `width` wide."""
    total = 0.0
    for i, p in enumerate(paragraphs):
        indent = _indent(p, spec)
        pieces = [Piece(x.text, x.bold or bold, x.italic) for x in _pieces(p)]
        lines = wrap(pieces, size, width - indent, font(),
                     first_indent=-p.hanging if p.hanging else 0.0,
                     indent=0.0)
        total += lines * size * spec["line_spacing"]
        if i:
            total += p.space_before
    return total


def _indent(p: Paragraph, spec: dict) -> float:
    """Left indent of a paragraph's text (bullets hang in front of it)."""
    if p.hanging:
        return p.hanging
    if p.level < 0:
        return 0.0
    return spec.get("bullet_indent", 0) + p.level * spec.get("level_indent", 0)


def _fit_title(runs: list[Run], width: float) -> tuple[float, float, int]:
    """(size, height, lines) of a title: shrunk to fit its line budget."""
    spec = theme()["title"]
    size = spec["size"]
    pieces = [Piece(r.text, True, r.italic) for r in runs]
    while True:
        lines = wrap(pieces, size, width, font())
        if lines <= spec["max_lines"] or size <= spec["min_size"]:
            return size, lines * size * spec["line_spacing"], lines
        size -= 2


def _content(title_inlines, items: list[Paragraph], notes: str) -> list[SlideLayout]:
    """One or more slides: bullets at the largest size that fits, else split."""
    t = theme()
    page, spec = t["slide"], t["body"]
    width = page["width"] - 2 * page["margin"]
    title_runs = _runs(title_inlines, bold=True)
    title = "".join(r.text for r in title_runs).strip()
    size, title_h, _ = _fit_title(title_runs, width)
    top = t["title"]["top"] + title_h + t["title"]["rule_gap"] + spec["gap_below_title"]
    room = page["height"] - spec["bottom"] - top
    for p in items[1:]:
        p.space_before = spec["space_before"]
    chunks, body_size = _paginate(items, width, room, spec)
    out = []
    for n, chunk in enumerate(chunks):
        name = title if n == 0 else f"{title} (cont.)"
        runs = title_runs if n == 0 else title_runs + [Run(" (cont.)", True)]
        out.append(_content_slide(name, runs, size, title_h, chunk, body_size, top, room,
                                  notes))
    return out


def _paginate(items, width, room, spec):
    """Split items into slides: the largest size ≥ minimum where all fit on
    one slide, else the minimum size with as many per slide as fit."""
    if not items:
        return [[]], spec["size"]
    size = spec["size"]
    while size >= spec["min_size"]:
        if _height(items, size, width, spec) <= room:
            return [items], size
        size -= 2
    size = spec["min_size"]
    chunks, current = [], []
    for item in items:
        trial = current + [item]
        if current and _height(_restart(trial), size, width, spec) > room:
            chunks.append(_restart(current))
            current = [item]
        else:
            current = trial
    chunks.append(_restart(current))
    return chunks, size


def _restart(items: list[Paragraph]) -> list[Paragraph]:
    """A chunk's first paragraph needs no space above it."""
    if items:
        items = [Paragraph(items[0].runs, items[0].level, items[0].hanging, 0.0)] + items[1:]
    return items


def _content_slide(name, title_runs, title_size, title_h, chunk, size, top, room, notes):
    t = theme()
    page, colors = t["slide"], t["colors"]
    m, width = page["margin"], page["width"] - 2 * page["margin"]
    title_box = Box("title", m, t["title"]["top"], width, title_h, [Paragraph(title_runs, -1)],
                    title_size, colors["title"], bold=True,
                    line_spacing=t["title"]["line_spacing"], anchor="bottom")
    rule_y = t["title"]["top"] + title_h + t["title"]["rule_gap"]
    body = Box("body", m, top, width, room, chunk, size, colors["text"],
               line_spacing=t["body"]["line_spacing"])
    return SlideLayout("content", name, [title_box, body], notes,
                       colors["background"],
                       [(m, rule_y, 96, t["title"]["rule_weight"], colors["accent"])])


def _cover(doc: Document) -> SlideLayout:
    t = theme()
    page, colors, cover = t["slide"], t["colors"], t["cover"]
    m, width = page["margin"], page["width"] - 2 * page["margin"]
    slides_meta = doc.meta.slides
    title_runs = _runs(doc.meta.title, bold=True)
    if slides_meta.get("title"):
        title_runs = [Run(str(slides_meta["title"]), True)]
    size = cover["title_size"]
    while size > cover["title_min_size"] and wrap(
            [Piece(r.text, True, r.italic) for r in title_runs], size, width, font()) > 3:
        size -= 2
    lines = wrap([Piece(r.text, True, r.italic) for r in title_runs], size, width, font())
    y = cover["top"]
    boxes = [Box("cover-title", m, y, width, lines * size * 1.1, [Paragraph(title_runs, -1)],
                 size, colors["cover_text"], bold=True, line_spacing=1.1, anchor="bottom")]
    y += lines * size * 1.1 + 18
    subtitle = str(slides_meta.get("subtitle") or plain_text(doc.meta.subtitle))
    if subtitle:
        boxes.append(_line_box("cover-subtitle", subtitle, y, cover["subtitle_size"],
                               colors["cover_muted"]))
        y += cover["subtitle_size"] * 1.2 * _lines(subtitle, cover["subtitle_size"]) + 30
    for role, text in (("cover-authors", _authors(doc)), ("cover-affiliation", _affil(doc)),
                       ("cover-date", doc.meta.date)):
        if text:
            boxes.append(_line_box(role, text, y, cover["meta_size"], colors["cover_text"]))
            y += cover["meta_size"] * 1.2 * _lines(text, cover["meta_size"]) + 6
    return SlideLayout("cover", plain_text(doc.meta.title), boxes, "", colors["cover"])


def _line_box(role, text, y, size, color) -> Box:
    page = theme()["slide"]
    m, width = page["margin"], page["width"] - 2 * page["margin"]
    lines = _lines(text, size)
    return Box(role, m, y, width, lines * size * 1.2, [Paragraph([Run(text)], -1)], size, color,
               line_spacing=1.2)


def _lines(text: str, size: float) -> int:
    page = theme()["slide"]
    return wrap([Piece(text)], size, page["width"] - 2 * page["margin"], font())


def _authors(doc: Document) -> str:
    names = [a.name for a in doc.meta.authors if a.name]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + (
        " and " + names[-1] if names else "")


def _affil(doc: Document) -> str:
    found = [x for a in doc.meta.authors for x in a.affiliation] + doc.meta.affiliations
    return "; ".join(dict.fromkeys(x for x in found if x))


def _references(doc: Document, slides: list[SlideLayout]) -> list[SlideLayout]:
    """APA reference entries of the works cited on slides, as many slides as needed."""
    keys = {item.key.lower() for s in _slide_blocks(doc) for c in block_cites([s])
            for item in c.items}
    entries = [r for r in doc.references if r.key.lower() in keys]
    if not entries:
        return []
    t = theme()
    page, spec, colors = t["slide"], t["references"], t["colors"]
    width = page["width"] - 2 * page["margin"]
    paragraphs = [Paragraph(_runs(r.rendered), -1, spec["hanging"], spec["space_before"])
                  for r in entries]
    title_runs = [Run("References", True)]
    title_size, title_h, _ = _fit_title(title_runs, width)
    top = t["title"]["top"] + title_h + t["title"]["rule_gap"] + t["body"]["gap_below_title"]
    room = page["height"] - t["body"]["bottom"] - top
    chunks, size = _paginate(paragraphs, width, room, spec)
    out = []
    for n, chunk in enumerate(chunks):
        name = "References" if n == 0 else "References (cont.)"
        slide = _content_slide(name, [Run(name, True)], title_size, title_h, chunk, size, top,
                               room, "")
        slide.kind = "references"
        slide.boxes[1].role = "references"
        slide.boxes[1].line_spacing = spec["line_spacing"]
        out.append(slide)
    return out


def _slide_blocks(doc: Document):
    return [b for b in doc.blocks if isinstance(b, Slide)]


def _number(slides: list[SlideLayout], footer: str) -> None:
    """Slide numbers and the optional footer on every slide but the cover."""
    t = theme()
    page, spec, colors = t["slide"], t["footer"], t["colors"]
    m, number_w = page["margin"], 80
    y = page["height"] - spec["bottom"] - spec["height"]
    for n, slide in enumerate(slides, start=1):
        if slide.kind == "cover":
            continue
        if footer:
            slide.boxes.append(Box("footer", m, y, page["width"] - 2 * m - number_w,
                                   spec["height"], [Paragraph([Run(footer)], -1)],
                                   spec["size"], colors["muted"], anchor="bottom"))
        slide.boxes.append(Box("number", page["width"] - m - number_w, y, number_w,
                               spec["height"], [Paragraph([Run(str(n))], -1)], spec["size"],
                               colors["muted"], align="right", anchor="bottom"))


def unique_titles(slides: list[SlideLayout]) -> None:
    """Make every title unique (screen readers list slides by title)."""
    seen: dict[str, int] = {}
    for slide in slides:
        count = seen.get(slide.title, 0) + 1
        seen[slide.title] = count
        if count > 1:
            slide.title += f" ({count})"
            slide.boxes[0].paragraphs[0].runs.append(Run(f" ({count})", True))
