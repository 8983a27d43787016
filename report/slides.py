"""The slide layout: what goes on which slide, at what size, where.

Computed once from the document and styles/deck.toml; the pptx writer and
the handout both draw exactly this, so the handout shows the deck.
All geometry is in points from the slide's top-left corner.

Text is measured here with the deck font's own metrics (textfit), so every
box is as tall as its text: titles shrink to their minimum and then wrap,
bullets shrink to a comfortable size and then continue on "(cont.)" slides.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from . import STYLES
from .errors import ReportError, warn
from .markdown import plain_text
from .model import (Block, BlockQuote, BulletList, Cite, Code, Document, Emph, Figure, Heading,
                    LineBreak, Link, Notes, OrderedList, Para, Position, Slide, Strong, Table,
                    Text)
from .textfit import Font, Piece, block_height, line_height, lines, text_width, wrap
from .walk import block_cites


# --- the layout model ---------------------------------------------------------

@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""
    color: str = ""        # when not the box's: a citation in a bullet is quieter


@dataclass
class Paragraph:
    runs: list[Run]
    level: int = 0         # bullet nesting; -1 for a paragraph without bullet
    hanging: float = 0.0   # hanging indent in points (references)
    space_before: float = 0.0
    indent: float = 0.0    # left edge of the text, in points from the box's; a
                           # bullet (or, with `hanging`, the first line) hangs left of it
    number: int = 0        # in an ordered list, its number (shown for the bullet)


@dataclass
class Box:
    role: str              # title, kicker, body, references, caption, cover-title, ...,
                           # section-label, section-title, footer, number
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
    bullets: tuple[str, ...] = ()  # bullet glyph by nesting level (the last repeats)
    bullet_color: str = ""
    bullet_indent: float = 0.0  # how far a bullet hangs left of its paragraph's text


@dataclass
class Series:
    name: str
    values: list[float]
    labels: list[str]      # each value as the article writes it ("90%")


@dataclass
class Chart:
    kind: str              # doughnut, column (vertical bars) or bar (horizontal)
    x: float
    y: float
    w: float
    h: float
    categories: list[str]
    series: list[Series]
    colors: list[str]      # per slice (doughnut) or per series (bars)
    label_colors: list[str]  # data-label text on each of those colours
    number_format: str     # the labels' Excel number format, as PowerPoint needs
    category_title: str    # the category axis' title ("" for none); the value axis
                           # is not drawn: each bar is labelled with its value
    legend: bool
    label_size: float
    axis_size: float
    text_color: str
    alt: str


@dataclass
class Picture:
    path: str
    x: float
    y: float
    w: float
    h: float
    alt: str


@dataclass
class SlideLayout:
    kind: str              # cover, section, content, references
    title: str
    boxes: list[Box]       # boxes[0] is the title: it goes in the title placeholder
    notes: str = ""
    background: str = "FFFFFF"
    rules: list[tuple[float, float, float, float, str]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    notes_paragraphs: list[Paragraph] = field(default_factory=list)  # `notes`, styled
    cites: list[str] = field(default_factory=list)  # keys of the works cited on it


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


def _page() -> tuple[float, float, float]:
    """(left margin, text width, slide height)."""
    page = theme()["slide"]
    return page["margin"], page["width"] - 2 * page["margin"], page["height"]


# --- from the document to sections ---------------------------------------------

@dataclass
class Section:
    heading: Heading | None
    part: Heading | None = None        # the level-1 heading it falls under
    slides: list[Slide] = field(default_factory=list)
    notes: list[Block] = field(default_factory=list)
    prose: list[Para] = field(default_factory=list)
    blocks: list = field(default_factory=list)   # its text, lists, tables and figures
    below: list[Para] = field(default_factory=list)  # prose of its subsections


def sections(doc: Document, level: int = 2) -> list[Section]:
    """The article cut at headings of `level` or above; deeper ones fold in."""
    out, part = [Section(None)], None
    for block in doc.blocks:
        if isinstance(block, Heading) and block.level <= level:
            part = block if block.level == 1 else part
            out.append(Section(block, part))
        elif isinstance(block, Slide):
            out[-1].slides.append(block)
        elif isinstance(block, Notes):
            out[-1].notes.extend(block.blocks)
        elif not isinstance(block, Heading):
            out[-1].blocks.append(block)
            if isinstance(block, (Para, BlockQuote)):
                out[-1].prose.extend(_paras(block))
    for i, section in enumerate(out):
        section.below = _prose_below(section, out[i + 1:])
    return [s for s in out if s.slides or s.prose]


def _prose_below(section: Section, following: list[Section]) -> list[Para]:
    """The prose of the subsections that follow a heading, until its next peer."""
    out = []
    for other in following:
        if not section.heading or other.heading.level <= section.heading.level:
            break
        out.extend(other.prose)
    return out


def _paras(block):
    if isinstance(block, Para):
        yield block
    else:
        for inner in block.blocks:
            yield from _paras(inner)


# --- sections to drafts: one per slide's worth of content -------------------------

@dataclass
class Draft:
    title: list               # inlines
    items: list[Paragraph]
    visual: Table | Figure | None
    notes: list[Block]
    part: Heading | None
    inlines: list             # everything shown, for the works it cites
    position: Position | None = None  # where the `::: slide` starts, for errors


def drafts(doc: Document) -> list[Draft]:
    out = []
    for section in sections(doc):
        heading = section.heading.children if section.heading else [Text("Introduction")]
        notes = section.notes or section.prose or section.below
        if not section.slides:
            warn(f"section '{plain_text(heading)}' has no '::: slide'; it gets a digest of "
                 "its paragraphs", doc.path)
            items, shown = _digest(section.blocks, theme()["body"]["digest_paragraphs"])
            visual = _local(next((v for v in section.blocks if _chartable(v)
                                  or isinstance(v, Figure)), None), doc)
            out.append(Draft(heading, items, visual, notes, section.part,
                             shown + _caption(visual)))
            continue
        for slide in section.slides:
            visual = next((b for b in slide.blocks if isinstance(b, (Table, Figure))), None)
            if isinstance(visual, Table) and not _chartable(visual):
                warn("a table on a slide needs numbers in every column but the first to "
                     "become a chart; it is left out", *_where(slide.position))
                visual = None
            visual = _local(visual, doc)
            shown = (slide.title or []) + [x for b in slide.blocks if not isinstance(b, Table)
                                           for x in _block_inlines(b)] + _caption(visual)
            out.append(Draft(slide.title or heading, _items(slide.blocks), visual, notes,
                             section.part, shown, slide.position))
    return _unique(out, [plain_text(doc.meta.title), "References"])


def _digest(blocks: list, count: int) -> tuple[list[Paragraph], list]:
    """(bullets, inlines shown) for a section without a slide: the first
    sentence of each of its first paragraphs, and the items of a list that
    a paragraph introduces with a colon. Quotes and table notes stay out."""
    items, shown = [], []
    for i, block in enumerate(blocks):
        if sum(p.level == 0 for p in items) == count:
            break
        if not isinstance(block, Para) or _is_note(block):
            continue
        sentence = _first_sentence(block.children)
        items.append(Paragraph(_body_runs(sentence)))
        shown.extend(sentence)
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if plain_text(block.children).rstrip().endswith(":") and \
                isinstance(following, (BulletList, OrderedList)):
            listed = _items([following], 1)
            items.extend(listed)
            shown.extend(_block_inlines(following))
    return items, shown


def _is_note(para: Para) -> bool:
    """APA's "*Note.*" paragraph under a table or figure."""
    first = para.children[0] if para.children else None
    return isinstance(first, Emph) and plain_text(first.children).strip() == "Note."


def _unique(all_drafts: list[Draft], taken: list[str]) -> list[Draft]:
    """Every title unique, as screen readers list slides by title: a repeated
    one gets " (2)", " (3)", ..."""
    seen = {name: 1 for name in taken}
    for draft in all_drafts:
        name = plain_text(draft.title)
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            draft.title = draft.title + [Text(f" ({seen[name]})")]
    return all_drafts


def _local(visual, doc: Document):
    """A figure with its image's path resolved beside the article; the deck
    reads no image from elsewhere (as the brief refuses to)."""
    if not isinstance(visual, Figure):
        return visual
    folder = doc.path.resolve().parent
    path = (folder / visual.src).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        warn(f"image '{visual.src}' is not a file in the article's folder; "
             "the slide shows no picture", doc.path)
        return None
    return Figure(str(path), visual.alt, visual.caption)


def _block_inlines(block) -> list:
    if isinstance(block, (Para, Heading)):
        return block.children
    if isinstance(block, Figure):
        return block.caption
    if isinstance(block, (BulletList, OrderedList)):
        return [x for item in block.items for b in item for x in _block_inlines(b)]
    if isinstance(block, BlockQuote):
        return [x for b in block.blocks for x in _block_inlines(b)]
    return []


def _caption(visual) -> list:
    return visual.caption if visual is not None else []


# A full stop ends a sentence unless it ends an initial ("U.S.") or a common
# abbreviation; what follows must look like a new sentence.
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bpp)(?<!\bp)(?<!\bal)(?<!\bvs)(?<!\bcf)"
                           r"(?<!\be\.g)(?<!\bi\.e)[.?!][\"”’)]*(?=\s+[A-Z\"“(]|\s*$)")


def _first_sentence(inlines) -> list:
    """The inlines up to the end of the first sentence. Only plain text can end
    one: a citation's "pp." or an abbreviation inside a link never does."""
    out = []
    for node in inlines:
        if isinstance(node, Text):
            end = next((m.end() for m in _SENTENCE_END.finditer(node.text)
                        if len(plain_text(out)) + m.start() > 20), None)
            if end is not None:
                out.append(Text(node.text[:end]))
                return out
        out.append(node)
    return out


def _items(blocks, level: int = 0) -> list[Paragraph]:
    """The slide's blocks as bullet paragraphs (nested lists indent; an
    ordered list keeps its numbers)."""
    out = []
    for block in blocks:
        if isinstance(block, (BulletList, OrderedList)):
            start = block.start if isinstance(block, OrderedList) else 0
            for n, item in enumerate(block.items):
                first, *rest = item if item else [Para([])]
                if isinstance(first, Para):
                    out.append(Paragraph(_body_runs(first.children), level,
                                         number=start + n if start else 0))
                    out.extend(_items(rest, level + 1))
                else:
                    out.extend(_items(item, level + 1))
        elif isinstance(block, Para):
            out.append(Paragraph(_body_runs(block.children), -1))
        elif isinstance(block, BlockQuote):
            out.extend(_items(block.blocks, level))
    return out


def _runs(inlines, bold=False, italic=False, url="", color="", light=False) -> list[Run]:
    """Inlines as runs. On a light ground (`light`) a citation is set quieter
    and a link in the link colour, as in the brief."""
    colors = theme()["colors"]
    out = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            out.append(Run(node.text, bold, italic, url, color))
        elif isinstance(node, Emph):
            out.extend(_runs(node.children, bold, not italic, url, color, light))
        elif isinstance(node, Strong):
            out.extend(_runs(node.children, True, italic, url, color, light))
        elif isinstance(node, Link):
            out.extend(_runs(node.children, bold, italic, node.url,
                             colors["link"] if light else color, light))
        elif isinstance(node, Cite):
            out.extend(_runs(node.rendered, bold, italic, url,
                             colors["cite"] if light else color, light))
        elif isinstance(node, LineBreak):
            out.append(Run(" ", bold, italic, url, color))
    return out


def _body_runs(inlines) -> list[Run]:
    return _runs(inlines, light=True)


def _cites(inlines) -> list[str]:
    keys = [item.key.lower() for c in block_cites([Para(list(inlines))]) for item in c.items]
    return list(dict.fromkeys(keys))


def _notes(blocks) -> list[Paragraph]:
    """Speaker notes: each paragraph (list items too) with its citations rendered."""
    out = []
    for block in blocks:
        if isinstance(block, Para):
            out.append(Paragraph(_runs(block.children), -1))
        elif isinstance(block, (BulletList, OrderedList)):
            for item in block.items:
                out.extend(_notes(item))
        elif isinstance(block, BlockQuote):
            out.extend(_notes(block.blocks))
    return out


def _text(paragraphs: list[Paragraph]) -> str:
    return "\n\n".join("".join(r.text for r in p.runs) for p in paragraphs)


# --- the deck ---------------------------------------------------------------------

def plan(doc: Document) -> DeckLayout:
    t = theme()
    slides = [_cover(doc)]
    groups = _parts(drafts(doc))
    numbered = [g for g in groups if g[0] is not None]
    for part, members in groups:
        if part is not None and len(numbered) > 1 and _needs_divider(part, members):
            slides.append(_section_slide(part, numbered.index((part, members)) + 1,
                                         len(numbered), members))
        for draft in members:
            slides.extend(_content(draft))
    slides.extend(_references(doc, slides))
    _number(slides, str(doc.meta.slides.get("footer") or ""))
    return DeckLayout(t["slide"]["width"], t["slide"]["height"], t["font"]["name"], slides)


def _parts(all_drafts: list[Draft]) -> list[tuple[Heading | None, list[Draft]]]:
    """Consecutive drafts grouped by the level-1 heading they fall under."""
    groups: list[tuple[Heading | None, list[Draft]]] = []
    for draft in all_drafts:
        if groups and groups[-1][0] is draft.part:
            groups[-1][1].append(draft)
        else:
            groups.append((draft.part, [draft]))
    return groups


def _needs_divider(part: Heading, members: list[Draft]) -> bool:
    """A part opens with its own slide unless one of its slides already
    carries its heading as title (titles stay unique)."""
    name = plain_text(part.children)
    return all(plain_text(d.title) != name for d in members)


# --- text measurement -------------------------------------------------------------

def _pieces(runs: list[Run], bold: bool = False) -> list[Piece]:
    return [Piece(r.text, r.bold or bold, r.italic, bool(r.url)) for r in runs]


def _height(paragraphs: list[Paragraph], size: float, width: float, spec: dict,
            bold: bool = False) -> float:
    """The height the paragraphs take at `size` in a box `width` wide."""
    count = sum(wrap(_pieces(p.runs, bold), size, width - p.indent, font(),
                     first_indent=-p.hanging) for p in paragraphs)
    gaps = sum(p.space_before for p in paragraphs[1:])
    return block_height(count, size, spec["line_spacing"]) + gaps if paragraphs else 0.0


def _sizes(start: float, stop: float):
    size = start
    while size >= stop:
        yield size
        size -= 2


def _set_size(items: list[Paragraph], size: float, width: float,
              spec: dict) -> list[Paragraph]:
    """The paragraphs as set at `size` in a box `width` wide: the space
    between them scales with the text, indents stay put as in a master."""
    gap = spec["paragraph_gap"] * size
    out = []
    for i, p in enumerate(items):
        indent = _indent(p, spec)
        runs = [_unlinked(r, size, width - indent) for r in p.runs]
        out.append(Paragraph(runs, p.level, p.hanging, gap if i else 0.0, indent, p.number))
    return out


def _unlinked(run: Run, size: float, line: float) -> Run:
    """A link too long for a line loses its link: LibreOffice would not break
    it (textfit.Piece.whole) and let it run out of its box."""
    if run.url and text_width(run.text, size, font().face(run.bold, run.italic)) > line:
        return Run(run.text, run.bold, run.italic, color=run.color)
    return run


def _indent(p: Paragraph, spec: dict) -> float:
    """Left indent of a paragraph's text (bullets hang in front of it)."""
    if p.hanging:
        return p.hanging
    if p.level < 0:
        return 0.0
    return spec.get("bullet_indent", 0) + p.level * spec.get("level_indent", 0)


def _fit_title(runs: list[Run], width: float, spec: dict, size_key: str = "size",
               min_key: str = "min_size", lines_key: str = "max_lines"):
    """(size, height) of a title: the largest size within its line budget; at
    the minimum size it wraps onto as many lines as it needs."""
    pieces = _pieces(runs, bold=True)
    for size in _sizes(spec[size_key], spec[min_key]):
        count = wrap(pieces, size, width, font())
        if count <= spec.get(lines_key, 2) or size - 2 < spec[min_key]:
            return size, block_height(count, size, spec["line_spacing"])
    raise AssertionError("unreachable: the loop returns at the minimum size")


def _paginate(items: list[Paragraph], width: float, room: float,
              spec: dict) -> tuple[list[list[Paragraph]], float]:
    """(chunks, size): everything on one slide at the largest size down to
    `split_size`; else split there (smaller only if one item alone needs it)
    into as few slides as fit, balanced so the last is not a stub."""
    if not items:
        return [[]], spec["size"]
    for size in _sizes(spec["size"], spec["split_size"]):
        sized = _set_size(items, size, width, spec)
        if _height(sized, size, width, spec) <= room:
            return [sized], size
    for size in _sizes(spec["split_size"], spec["min_size"]):
        if all(_height(_set_size([p], size, width, spec), size, width, spec) <= room
               for p in items):
            break
    else:
        items = [piece for p in items for piece in _split_long(p, size, width, room, spec)]
    fewest = len(_greedy(items, size, width, room, spec))
    low, high = 0.0, room
    for _ in range(24):  # the lowest fill that still needs no more slides
        middle = (low + high) / 2
        if len(_greedy(items, size, width, middle, spec)) <= fewest:
            high = middle
        else:
            low = middle
    return [_set_size(c, size, width, spec) for c in _greedy(items, size, width, high, spec)], size


def _greedy(items, size, width, room, spec) -> list[list[Paragraph]]:
    chunks, current = [], []
    for item in items:
        trial = current + [item]
        if current and _height(_set_size(trial, size, width, spec), size, width, spec) > room:
            chunks.append(current)
            current = [item]
        else:
            current = trial
    return chunks + [current]


def _split_long(p: Paragraph, size, width, room, spec) -> list[Paragraph]:
    """A paragraph taller than a whole slide, cut between lines into pieces
    that fit (the room holds a line at least: _content checks)."""
    sized = _set_size([p], size, width, spec)[0]
    starts = lines(_pieces(sized.runs), size, width - sized.indent, font(), -p.hanging)
    per_slide = int((room - block_height(0, size)) // line_height(size, spec["line_spacing"]))
    out, previous = [], 0
    for cut in starts[per_slide::per_slide] + [None]:
        out.append(Paragraph(_slice(sized.runs, previous, cut), p.level, p.hanging,
                             number=p.number))
        previous = cut
    return out


def _slice(runs: list[Run], start: int, end: int | None) -> list[Run]:
    out, offset = [], 0
    for run in runs:
        a, b = offset, offset + len(run.text)
        offset = b
        lo, hi = max(a, start), b if end is None else min(b, end)
        if lo < hi:
            out.append(Run(run.text[lo - a:hi - a], run.bold, run.italic, run.url, run.color))
    return out


def _where(position) -> tuple:
    return (position.path, position.line, position.column) if position else ()


# --- content slides ---------------------------------------------------------------

def _head(title_runs: list[Run], kicker: str, colors: dict) -> tuple[list[Box], list, float]:
    """The kicker, title and accent rule of a content slide: (boxes, rules,
    where the body may start). The title sits at the same place on every slide."""
    t = theme()
    m, width, _ = _page()
    size, h = _fit_title(title_runs, width, t["title"])
    title = Box("title", m, t["title"]["top"], width, h, [Paragraph(title_runs, -1)], size,
                colors["title"], bold=True, line_spacing=t["title"]["line_spacing"])
    boxes = [title]
    if kicker:
        k = t["kicker"]
        text = kicker.upper() if k["uppercase"] else kicker
        boxes.append(Box("kicker", m, k["top"], width, block_height(1, k["size"]),
                         [Paragraph([Run(text, True)], -1)], k["size"], colors["accent"],
                         bold=True))
    rule_y = title.y + h + t["rule"]["gap"]
    rules = [(m, rule_y, t["rule"]["width"], t["rule"]["weight"], colors["accent"])]
    return boxes, rules, rule_y + t["rule"]["weight"] + t["body"]["gap_below_rule"]


def _titles(title_runs: list[Run], count: int) -> list[list[Run]]:
    """The title of each of `count` slides: "(cont.)", "(cont. 3)", ... after the first."""
    out = [title_runs]
    for n in range(2, count + 1):
        out.append(title_runs + [Run(" (cont.)" if n == 2 else f" (cont. {n})", True)])
    return out


def _content(draft: Draft) -> list[SlideLayout]:
    """The draft's slides: bullets at the largest size that fits, a chart or
    picture beside them, continued on "(cont.)" slides when they do not fit."""
    t = theme()
    colors = t["colors"]
    m, width, height = _page()
    title_runs = _runs(draft.title, bold=True)
    kicker = plain_text(draft.part.children) if draft.part else ""
    kicker = "" if kicker == plain_text(draft.title) else kicker

    def room(runs) -> float:
        return height - t["body"]["bottom"] - _head(runs, kicker, colors)[2]

    least = room(title_runs)
    if least < block_height(1, t["body"]["min_size"]):
        raise ReportError("a slide's title leaves no room for its text",
                          *_where(draft.position), hint="shorten the slide's title")
    while True:  # a "(cont.)" may take the title onto another line: less room
        pages = _pages(draft, width, least)
        titles = _titles(title_runs, len(pages))
        if min(room(runs) for runs in titles) >= least:
            break
        least = min(room(runs) for runs in titles)
    notes, cites = _notes(draft.notes), _cites(draft.inlines)
    out = []
    for runs, (chunk, size, visual) in zip(titles, pages):
        boxes, rules, top = _head(runs, kicker, colors)
        slide = SlideLayout("content", "".join(r.text for r in runs).strip(), boxes, _text(notes),
                            colors["background"], rules, notes_paragraphs=notes, cites=cites)
        text_w = width if visual is None or not chunk else _text_width(width)
        if chunk:
            slide.boxes.append(_body_box(chunk, size, m, top, text_w, least))
        if visual is not None:
            x = m if not chunk else m + text_w + t["visual"]["gutter"]
            _place_visual(slide, visual, x, top, m + width - x, least)
        out.append(slide)
    return out


def _text_width(width: float) -> float:
    return width * theme()["visual"]["text_share"]


def _pages(draft: Draft, width: float, room: float):
    """[(paragraphs, size, visual or None)] for each slide of the draft. A
    visual shares the first slide when the bullets fit beside it at a
    comfortable size; otherwise it gets a slide of its own after them."""
    spec = theme()["body"]
    if draft.visual is None or not draft.items:
        chunks, size = _paginate(draft.items, width, room, spec)
        return [(c, size, None) for c in chunks[:-1]] + [(chunks[-1], size, draft.visual)]
    narrow = _text_width(width)
    chunks, size = _paginate(draft.items, narrow, room, spec)
    if len(chunks) == 1:
        return [(chunks[0], size, draft.visual)]
    chunks, size = _paginate(draft.items, width, room, spec)
    return [(c, size, None) for c in chunks] + [([], size, draft.visual)]


def _body_box(chunk: list[Paragraph], size: float, x, y, w, room) -> Box:
    t = theme()
    spec, colors = t["body"], t["colors"]
    h = _height(chunk, size, w, spec)
    assert h <= room + 0.01, "paginate keeps every chunk within its room"
    return Box("body", x, y, w, h, chunk, size, colors["text"],
               line_spacing=spec["line_spacing"], bullets=(spec["bullet"], spec["sub_bullet"]),
               bullet_color=colors["accent"], bullet_indent=spec["bullet_indent"])


# --- charts and pictures ----------------------------------------------------------

_NUMBER = re.compile(r"^\s*([^\d\-−.]*?)\s*([\-−]?[\d,]*\.?\d+)\s*(.*?)\s*$")


def _numeric(cell: str):
    """(value, prefix, suffix, decimals) of a cell like "$53", "90%", "1,200"; or None."""
    match = _NUMBER.match(cell)
    if not match:
        return None
    prefix, digits, suffix = match.groups()
    value = float(digits.replace(",", "").replace("−", "-"))
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return value, prefix, suffix, decimals


def _chartable(block) -> bool:
    """A table with labels in its first column and numbers in all the others."""
    if not isinstance(block, Table) or not block.rows or len(block.header) < 2:
        return False
    return all(_numeric(plain_text(cell)) is not None for row in block.rows for cell in row[1:])


def _chart(table: Table, x, y, w, h) -> Chart:
    """The table as a chart: a doughnut for shares of 100%, else bars (upright
    for short labels such as years). Values read as the article writes them."""
    t = theme()
    spec, colors = t["chart"], t["colors"]
    header = [plain_text(c) for c in table.header]
    categories = [plain_text(row[0]) for row in table.rows]
    series = [_series(name, [plain_text(row[col]) for row in table.rows])
              for col, name in enumerate(header[1:], start=1)]
    share = len(series) == 1 and abs(sum(series[0].values) - 100) <= _ROUNDING and \
        series[0].labels[0].endswith("%")
    short = all(len(c) <= spec["column_label_chars"] for c in categories)
    kind = "doughnut" if share else "column" if short else "bar"
    fills = ([spec["lead"]] + spec["series"])[:len(categories) - 1] + [spec["rest"]] if share \
        else spec["series"][:len(series)]
    caption = plain_text(table.caption)
    alt = f"{kind.capitalize()} chart{': ' + caption if caption else ''}. " + "; ".join(
        f"{c}: " + ", ".join(s.labels[i] for s in series) for i, c in enumerate(categories)) + "."
    return Chart(kind, x, y, w, h, categories, series, fills, [_readable_on(f) for f in fills],
                 _excel_format(series[0].labels[0]), "" if share else header[0],
                 share or len(series) > 1, spec["label_size"], spec["axis_size"],
                 colors["text"], alt)


_ROUNDING = 0.5  # percentages that add up to 100 within this are shares of a whole
_UNIT = re.compile(r"\((%|\$|€|£)\)\s*$")


def _series(name: str, cells: list[str]) -> Series:
    """A column of numbers; a unit in its header ("Recall (%)") joins each
    label that has none of its own."""
    unit = _UNIT.search(name)
    labels = []
    for cell in cells:
        _, prefix, suffix, _ = _numeric(cell)
        if unit and not (prefix or suffix):
            cell = cell.strip() + unit[1] if unit[1] == "%" else unit[1] + cell.strip()
        labels.append(cell.strip())
    return Series(name, [_numeric(c)[0] for c in cells], labels)


def _excel_format(label: str) -> str:
    """The number format that shows values as the labels write them."""
    _, prefix, suffix, decimals = _numeric(label)
    digits = "#,##0" + ("." + "0" * decimals if decimals else "")
    return _quoted(prefix) + digits + _quoted(suffix)


def _quoted(text: str) -> str:
    return f'"{text}"' if text else ""


def _readable_on(fill: str) -> str:
    """Of the theme's dark and light text, the one with more contrast on `fill`."""
    colors = theme()["colors"]
    return max((colors["text"], colors["on_dark"]), key=lambda c: contrast(c, fill))


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two RRGGBB colours."""
    def luminance(color: str) -> float:
        channels = [int(color[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _place_visual(slide: SlideLayout, visual, x, y, w, h) -> None:
    """A caption over the chart or picture, which takes the rest of the column."""
    t = theme()
    spec, colors = t["visual"], t["colors"]
    if visual.caption:
        runs = _body_runs(visual.caption)
        size = spec["caption_size"]
        box_h = _height([Paragraph(runs, -1)], size, w, t["body"], bold=True)
        slide.boxes.append(Box("caption", x, y, w, box_h, [Paragraph(runs, -1)], size,
                               colors["text"], bold=True, line_spacing=t["body"]["line_spacing"]))
        y, h = y + box_h + spec["caption_gap"], h - box_h - spec["caption_gap"]
    if isinstance(visual, Table):
        slide.charts.append(_chart(visual, x, y, w, h))
    else:
        slide.pictures.append(_picture(visual, x, y, w, h))


def _picture(figure: Figure, x, y, w, h) -> Picture:
    """The image scaled to fit its box, under its caption and centred across;
    its alt text the author's."""
    from PIL import Image
    path = figure.src
    with Image.open(path) as image:
        iw, ih = image.size
    scale = min(w / iw, h / ih)
    pw, ph = iw * scale, ih * scale
    alt = figure.alt or plain_text(figure.caption)
    return Picture(path, x + (w - pw) / 2, y, pw, ph, alt)


# --- the cover, section and references slides ------------------------------------

def _cover(doc: Document) -> SlideLayout:
    t = theme()
    colors, cover = t["colors"], t["cover"]
    m, width, height = _page()
    meta = doc.meta.slides
    title_runs = _runs(doc.meta.title, bold=True)
    if meta.get("title"):
        title_runs = [Run(str(meta["title"]), True)]
    size, title_h = _fit_title(title_runs, width, cover, "title_size", "title_min_size",
                               "title_max_lines")
    lines_below = [(role, text, cover["meta_size"]) for role, text in (
        ("cover-authors", _authors(doc)), ("cover-affiliation", _affil(doc)),
        ("cover-date", doc.meta.date)) if text]
    meta_top = height - m - sum(_line_h(text, s) for _, text, s in lines_below)
    y, boxes_below = meta_top, []
    for role, text, s in lines_below:
        boxes_below.append(_line_box(role, text, y, s, colors["on_dark"]))
        y += _line_h(text, s)
    subtitle = str(meta.get("subtitle") or plain_text(doc.meta.subtitle))
    subtitle_h = _line_h(subtitle, cover["subtitle_size"]) + cover["gap"] if subtitle else 0.0
    rule_h = t["rule"]["weight"] + 2
    block = rule_h + cover["gap"] + title_h + subtitle_h
    free = meta_top - cover["gap"] - m
    if block > free:
        raise ReportError("the title and subtitle are too long for the title slide", doc.path,
                          hint="set a shorter one under 'slides: title:' or 'subtitle:'")
    y = m + (free - block) * cover["balance"]
    rules = [(m, y, t["rule"]["width"], rule_h, colors["on_dark_accent"])]
    y += rule_h + cover["gap"]
    boxes = [Box("cover-title", m, y, width, title_h, [Paragraph(title_runs, -1)], size,
                 colors["on_dark"], bold=True, line_spacing=cover["line_spacing"])]
    if subtitle:
        boxes.append(_line_box("cover-subtitle", subtitle, y + title_h + cover["gap"],
                               cover["subtitle_size"], colors["on_dark_muted"]))
    notes = _notes(doc.meta.abstract)
    return SlideLayout("cover", "".join(r.text for r in title_runs), boxes + boxes_below,
                       _text(notes), colors["dark"], rules, notes_paragraphs=notes)


def _line_box(role, text, y, size, color) -> Box:
    m, width, _ = _page()
    return Box(role, m, y, width, _line_h(text, size), [Paragraph([Run(text)], -1)], size, color)


def _line_h(text: str, size: float) -> float:
    _, width, _ = _page()
    return block_height(wrap([Piece(text)], size, width, font()), size)


def _authors(doc: Document) -> str:
    names = [a.name for a in doc.meta.authors if a.name]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + (
        " and " + names[-1] if names else "")


def _affil(doc: Document) -> str:
    found = [x for a in doc.meta.authors for x in a.affiliation] + doc.meta.affiliations
    return "; ".join(dict.fromkeys(x for x in found if x))


def _section_slide(part: Heading, number: int, total: int, members: list[Draft]) -> SlideLayout:
    """A part's opening: its number and heading on the dark ground."""
    t = theme()
    colors, spec = t["colors"], t["section"]
    m, width, _ = _page()
    runs = _runs(part.children, bold=True)
    size, h = _fit_title(runs, width, {**spec, "line_spacing": t["title"]["line_spacing"]},
                         "title_size", "title_min_size")
    y = spec["top"]
    label = Box("section-label", m, y, width, block_height(1, spec["label_size"]),
                [Paragraph([Run(f"Part {number} of {total}", True)], -1)], spec["label_size"],
                colors["on_dark_accent"], bold=True)
    y += label.h + spec["gap"]
    title = Box("section-title", m, y, width, h, [Paragraph(runs, -1)], size, colors["on_dark"],
                bold=True, line_spacing=t["title"]["line_spacing"])
    rule = (m, y + h + t["rule"]["gap"], t["rule"]["width"], t["rule"]["weight"],
            colors["on_dark_accent"])
    coming = "; ".join(plain_text(d.title) for d in members)
    notes = [Paragraph([Run(f"Part {number} of {total}: {plain_text(part.children)}. "
                            f"Its slides: {coming}.")], -1)]
    return SlideLayout("section", plain_text(part.children), [title, label], _text(notes),
                       colors["dark"], [rule], notes_paragraphs=notes)


def _references(doc: Document, slides: list[SlideLayout]) -> list[SlideLayout]:
    """APA reference entries of the works cited on slides, as many slides as needed."""
    keys = {k for s in slides for k in s.cites}
    entries = [r for r in doc.references if r.key.lower() in keys]
    if not entries:
        return []
    t = theme()
    spec, colors = t["references"], t["colors"]
    m, width, height = _page()
    paragraphs = [Paragraph(_body_runs(r.rendered), -1, spec["hanging"]) for r in entries]
    _, _, top = _head([Run("References", True)], "", colors)
    room = height - t["body"]["bottom"] - top
    chunks, size = _paginate(paragraphs, width, room, spec)
    out = []
    for runs, chunk in zip(_titles([Run("References", True)], len(chunks)), chunks):
        boxes, rules, top = _head(runs, "", colors)
        boxes.append(Box("references", m, top, width, _height(chunk, size, width, spec), chunk,
                         size, colors["text"], line_spacing=spec["line_spacing"]))
        out.append(SlideLayout("references", "".join(r.text for r in runs), boxes, "",
                               colors["background"], rules))
    return out


def _number(slides: list[SlideLayout], footer: str) -> None:
    """Slide numbers and the optional footer on every slide but the cover."""
    t = theme()
    spec, colors = t["footer"], t["colors"]
    m, width, height = _page()
    h = block_height(1, spec["size"])
    y = height - spec["bottom"] - h
    for n, slide in enumerate(slides, start=1):
        if slide.kind == "cover":
            continue
        color = colors["on_dark_muted"] if slide.background == colors["dark"] else colors["muted"]
        if footer:
            slide.boxes.append(Box("footer", m, y, width - spec["number_width"], h,
                                   [Paragraph([Run(footer)], -1)], spec["size"], color))
        slide.boxes.append(Box("number", m + width - spec["number_width"], y,
                               spec["number_width"], h, [Paragraph([Run(str(n))], -1)],
                               spec["size"], color, align="right"))
