"""The slide layout's model and theme: plain data that both the pptx writer
and the handout draw, and the deck's look read from styles/deck.toml.
All geometry is in points from the slide's top-left corner.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from . import STYLES
from .textfit import Font

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
class SlideTable:
    """A table of text, drawn as a native PowerPoint table: columns and rows
    measured so that every cell holds its text (a row's height is only its
    least in PowerPoint: a row too short would grow and push the table out)."""
    x: float
    y: float
    columns: list[float]       # widths, left to right
    rows: list[float]          # heights, the header's first
    cells: list[list[Box]]     # each cell's text where it sits, inside the cell's margins
    fills: list[str]           # each row's ground
    margins: tuple[float, float]  # a cell's (left and right, top and bottom) margins
    rule: str                  # the hairline under each row
    rule_weight: float
    alt: str

    @property
    def w(self) -> float:
        return sum(self.columns)

    @property
    def h(self) -> float:
        return sum(self.rows)


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
    tables: list[SlideTable] = field(default_factory=list)
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


@lru_cache(maxsize=1)
def font() -> Font:
    """The deck font's four faces; as fixed as the theme it comes from (the
    layout asks for it a few hundred times a deck)."""
    spec = theme()["font"]
    return Font(*(STYLES / spec[k] for k in ("regular", "bold", "italic", "bold_italic")))


def frame() -> tuple[float, float, float]:
    """(left margin, text width, slide height)."""
    page = theme()["slide"]
    return page["margin"], page["width"] - 2 * page["margin"], page["height"]
