"""The slide layout (slides.py) as the handout template draws it: every
box, rule, picture, chart, table and code block of the deck, its lengths
multiplied by one scale.

Text is set as deck.py asks PowerPoint to set it: bullets hang
`bullet_indent` left of the paragraph's indent, in the bullet colour. Lines
are placed as PowerPoint and LibreOffice place them (textfit: a pitch of
1.2 em × the spacing, the extra height above the text); CSS spreads a line's
extra height above and below instead, so each box's lines are shifted.
A table cell's lines are the exception: LibreOffice sets them the font's own
height apart, which is where CSS puts them.

Where a line breaks is decided here too, not by the handout's Pango: each
paragraph comes cut into the lines textfit sets it on (the breaks the
deck's layout counted, as PowerPoint and LibreOffice make them), and the
template draws those lines as they are. Left to itself, Pango broke where
neither does: after the point of "[−.13", between "p" and "= .015".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .chartlayout import Rect
from .chartview import ChartView, chart_view
from .model import list_marker
from .slidefit import pieces_of
from .slidemodel import Run, code_face
from .slides import Box, Paragraph, SlideCode, SlideLayout, SlideTable, font
from .textfit import BASELINE_TO_FOOT, line_height, lines


@dataclass
class ParagraphView:
    paragraph: Paragraph
    space_before: float
    indent: float      # left edge of the text, from the box's
    hang: float        # how far the first line (its bullet) starts left of `indent`
    marker: str        # the bullet or number, or ""
    lines: list[list[Run]]  # its runs, cut where textfit breaks its lines


@dataclass
class BoxView:
    box: Box           # role, colours, weight, alignment, anchor: as they are
    x: float
    y: float
    w: float
    h: float
    size: float
    pitch: float       # line height
    shift: float       # moves CSS's half-leading lines to PowerPoint's place
    paragraphs: list[ParagraphView]


@dataclass
class TableView:
    table: SlideTable  # its alternative text
    fills: list[tuple[Rect, str]]   # each row's ground
    rules: list[tuple[Rect, str]]   # the hairline under each row
    cells: list[BoxView]


@dataclass
class CodeView:
    code: SlideCode
    ground: Rect
    text: BoxView      # its lines, in the code font, kept as written


@dataclass
class SlideView:
    slide: SlideLayout
    width: float
    height: float
    rules: list[tuple[Rect, str]]
    boxes: list[BoxView]
    pictures: list[tuple[Rect, str, str]]   # where, file URI, alternative text
    charts: list[ChartView]
    tables: list[TableView]
    codes: list[CodeView]


def view(slide: SlideLayout, width: float, height: float, scale: float) -> SlideView:
    """The slide (`width` × `height` points in the deck) at `scale`."""
    def rect(x, y, w, h) -> Rect:
        return Rect(x * scale, y * scale, w * scale, h * scale)
    return SlideView(
        slide, width * scale, height * scale,
        [(rect(x, y, w, h), color) for x, y, w, h, color in slide.rules],
        [_box(box, scale) for box in slide.boxes],
        [(rect(p.x, p.y, p.w, p.h), Path(p.path).as_uri(), p.alt) for p in slide.pictures],
        [chart_view(c, scale) for c in slide.charts],
        [_table(t, scale) for t in slide.tables],
        [CodeView(c, rect(c.x, c.y, c.w, c.h), _box(c.text, scale)) for c in slide.codes])


def _box(box: Box, scale: float) -> BoxView:
    size = box.size * scale
    pitch = line_height(size, box.line_spacing)
    return BoxView(box, box.x * scale, box.y * scale, box.w * scale, box.h * scale, size,
                   pitch, _shift(box, size, pitch),
                   [_paragraph(p, box, scale, i == 0) for i, p in enumerate(box.paragraphs)])


def _table(table: SlideTable, scale: float) -> TableView:
    """Rows as grounds with a rule centred on their foot, as LibreOffice draws
    a cell's bottom border; the cells' text over them."""
    fills, rules, y = [], [], table.y
    for height, fill in zip(table.rows, table.fills):
        fills.append((Rect(table.x * scale, y * scale, table.w * scale, height * scale), fill))
        y += height
        weight = table.rule_weight
        rules.append((Rect(table.x * scale, (y - weight / 2) * scale, table.w * scale,
                           weight * scale), table.rule))
    return TableView(table, fills, rules, [_cell(b, scale) for row in table.cells for b in row])


def _cell(box: Box, scale: float) -> BoxView:
    """A cell's text as LibreOffice sets it in a table: lines the font's
    ascent + descent apart (not textfit's 1.2 em: the layout measures rows
    with that, the taller, so both fit), the first baseline an ascent below
    the cell's margin, just where CSS puts it."""
    size = box.size * scale
    ascent, descent = _extents(font().face(box.bold, False))
    return BoxView(box, box.x * scale, box.y * scale, box.w * scale, box.h * scale, size,
                   (ascent + descent) * size * box.line_spacing, 0.0,
                   [_paragraph(p, box, scale, i == 0) for i, p in enumerate(box.paragraphs)])


def _shift(box: Box, size: float, pitch: float) -> float:
    """CSS puts a baseline (pitch − (ascent + descent)) / 2 + ascent below a
    line's top; PowerPoint puts it BASELINE_TO_FOOT em above the line's foot.
    Lines closer than single spacing shrink from both ends alike: LibreOffice
    keeps the baseline at 80% of the pitch (measured: 0.912 em at 0.95)."""
    ascent, descent = _extents(code_face() if box.mono else font().face(box.bold, False))
    css = (pitch - (ascent + descent) * size) / 2 + ascent * size
    foot = size if box.line_spacing >= 1 else pitch
    return pitch - BASELINE_TO_FOOT * foot - css


@lru_cache(maxsize=8)
def _extents(face: Path) -> tuple[float, float]:
    """Ascent and descent in em, as WeasyPrint reads them (hhea)."""
    from fontTools.ttLib import TTFont
    with TTFont(str(face), lazy=True) as ttf:
        units, hhea = ttf["head"].unitsPerEm, ttf["hhea"]
        return hhea.ascent / units, -hhea.descent / units


@lru_cache(maxsize=4)
def family(face: Path) -> str:
    """The family the font file names itself ("Liberation Sans", where the deck
    says "Arial"): the name the handout's PDF gives the font it embeds."""
    from fontTools.ttLib import TTFont
    with TTFont(str(face), lazy=True) as ttf:
        return ttf["name"].getBestFamilyName()


def _paragraph(p: Paragraph, box: Box, scale: float, first: bool) -> ParagraphView:
    """As deck.py's _bullet sets it. No space goes above a frame's first
    paragraph: PowerPoint and LibreOffice add none there."""
    bulleted = p.level >= 0 and bool(box.bullets) and not p.continued
    hang = (p.hang or box.bullet_indent) if bulleted else p.hanging
    marker = ""
    if bulleted:
        marker = (list_marker(*p.numbering, p.number) if p.number
                  else box.bullets[min(p.level, len(box.bullets) - 1)])
    space = 0.0 if first else p.space_before * scale
    return ParagraphView(p, space, p.indent * scale, hang * scale, marker, _lines(p, box))


def _lines(p: Paragraph, box: Box) -> list[list[Run]]:
    """The paragraph's runs, line by line, as textfit breaks them in the
    deck's box (at the deck's size: the handout only scales them). Filled
    to the box's full width, as LibreOffice fills them, not to the share
    the layout counts lines with: a reference whose last word fits but
    for a point moved to the next line in the handout alone. Code keeps
    its own lines: one a paragraph, never wrapped."""
    if box.mono:
        return [p.runs]
    starts = lines(pieces_of(p.runs, box.bold), box.size, box.w - p.indent, font(),
                   -p.hanging, fill=1.0)
    return _cut(p.runs, starts[1:])


def _cut(runs: list[Run], breaks: tuple[int, ...]) -> list[list[Run]]:
    """`runs` cut at each offset of `breaks` into their joined text; the
    spaces that end a line dropped (PowerPoint lets them hang past the
    edge, where a right-aligned or centred line would count them)."""
    out, line, offset, pending = [], [], 0, list(breaks)
    for run in runs:
        text = run.text
        while pending and pending[0] < offset + len(text):
            cut = pending.pop(0) - offset
            line.append(replace(run, text=text[:cut]))
            out.append(_trimmed(line))
            line, offset, text = [], offset + cut, text[cut:]
        line.append(replace(run, text=text))
        offset += len(text)
    out.append(line)
    return out


def _trimmed(line: list[Run]) -> list[Run]:
    """The line without the spaces that end it, nor runs left empty."""
    while line and not line[-1].text.rstrip():
        line.pop()
    if line:
        line[-1] = replace(line[-1], text=line[-1].text.rstrip())
    return line
