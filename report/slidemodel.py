"""The slide layout's model and theme: plain data that both the pptx writer
and the handout draw, and the deck's look read from styles/deck.toml.
All geometry is in points from the slide's top-left corner.

The front matter's `slides: theme:` names a theme that changes some of
that look: `light` is styles/deck-light.toml, and a `.toml` file beside
the article is the author's own. Either holds only what it changes; the
rest is styles/deck.toml's.
"""

from __future__ import annotations

import re
import tomllib
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import STYLES, slideopts, textfiles
from .errors import ReportError
from .textfit import Font

@dataclass
class Run:
    """Text of one style in a paragraph of a slide."""
    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""
    color: str = ""        # when not the box's: a citation in a bullet is quieter
    script: str = ""       # "super" or "sub": raised or lowered (χ², xᵢ)
    code: bool = False     # code in the text (`x`): in the code font
    # Pandoc's `[x]{.smallcaps}`, `[x]{.underline}`, `~~x~~`, as the brief sets them.
    small_caps: bool = False
    underline: bool = False
    strike: bool = False
    cite: bool = False     # a citation in a bullet (not "Figure 1"): a cut keeps it whole


# A table cell's hard line break (a code block's lines in a grid cell, `\`
# at a line's end): a run of its own, between the runs of its lines.
LINE_BREAK = "\n"


def cell_lines(runs: list[Run]) -> list[list[Run]]:
    """A table cell's runs cut at its hard line breaks: its lines, one at least."""
    out: list[list[Run]] = [[]]
    for run in runs:
        if run.text == LINE_BREAK:
            out.append([])
        else:
            out[-1].append(run)
    return out


@dataclass
class Paragraph:
    """A paragraph of a slide's text box: its runs, bullet, number and indents."""
    runs: list[Run]
    level: int = 0         # bullet nesting; -1 for a paragraph without bullet
    hanging: float = 0.0   # hanging indent in points (references)
    space_before: float = 0.0
    indent: float = 0.0    # left edge of the text, in points from the box's; a
                           # bullet (or, with `hanging`, the first line) hangs left of it
    number: int = 0        # in an ordered list, its number (shown for the bullet)
    numbering: tuple[str, str] = ("decimal", ".")  # and the list's style and delimiter
    hang: float | None = None  # how far its number hangs left of its text, when the
                               # box's bullet_indent is too narrow for it ("(viii)")
    continued: bool = False    # the rest of a bullet cut at a slide's end: where its
                               # text was, without a bullet or number of its own
    align: str = ""            # when not the box's: display math is centred, as the
                               # brief and pandoc's pptx set it


@dataclass
class Box:
    """A text box of a slide, placed and sized in points, with its paragraphs and style."""
    role: str              # title, kicker, body, column (a second body, beside the first),
                           # lead (what leads into the columns, across the slide),
                           # references, caption, note (a table's or figure's, under it),
                           # cell, code, cover-title, cover-subtitle, cover-authors,
                           # cover-affiliation, cover-date, section-label, section-title,
                           # footer, number
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
    mono: bool = False     # set in the code font ([font] code_name), a line a paragraph


@dataclass
class Series:
    """A chart's series: its name and a value for each category."""
    name: str
    values: list[float]
    labels: list[str]      # each value as the article writes it ("90%")


@dataclass
class Chart:
    """A chart on a slide, placed, coloured and labelled as the layout measured it."""
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
                           # is not drawn: each bar is labelled with its value (see step)
    legend: bool
    label_size: float
    axis_size: float
    text_color: str
    alt: str
    scale: tuple[float, float] = (0.0, 0.0)  # bars: the value axis' ends, room for the
                                             # labels beyond the bars (chartlayout)
    labelled: list[bool] = field(default_factory=list)  # doughnut: the slices that show
                                                        # their value (the rest too thin)
    step: float = 0.0      # bars whose values cannot stand apart: the value axis' step,
                           # drawn with its numbers and gridlines instead (0: values shown)
    axis_format: str = ""  # its numbers' Excel number format
    ticks: list[str] = field(default_factory=list)  # its numbers, from the axis' low end


@dataclass
class Picture:
    """An image on a slide, placed and sized in points."""
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
    header: bool = True        # False: Pandoc's headerless table, all rows body rows

    @property
    def w(self) -> float:
        return sum(self.columns)

    @property
    def h(self) -> float:
        return sum(self.rows)


@dataclass
class SlideCode:
    """A code block, or the lines of it one slide shows: a tinted ground
    `w` × `h` at (x, y), and on it, `padding` inside its edges, the lines as
    written, one paragraph each (`text`, a monospace box)."""
    x: float
    y: float
    w: float
    h: float
    fill: str
    padding: float
    text: Box


@dataclass
class SlideLayout:
    """One slide laid out: its kind, text boxes, visuals, rules and notes."""
    kind: str              # cover, section, content, references
    title: str
    boxes: list[Box]       # boxes[0] is the title: it goes in the title placeholder
    notes: str = ""
    background: str = "FFFFFF"
    rules: list[tuple[float, float, float, float, str]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    tables: list[SlideTable] = field(default_factory=list)
    codes: list[SlideCode] = field(default_factory=list)
    notes_paragraphs: list[Paragraph] = field(default_factory=list)  # `notes`, styled
    cites: list[str] = field(default_factory=list)  # keys of the works cited on it


@dataclass
class DeckLayout:
    """The deck laid out: the slides' size, the text's font and every slide."""
    width: float
    height: float
    font_name: str
    slides: list[SlideLayout]


# --- the theme ------------------------------------------------------------------

DEFAULT_THEME = STYLES / "deck.toml"
# The theme in effect, stamped (see _stamped) once as `deck_theme` begins:
# the layout asks for it a few hundred times a deck.
_active: ContextVar[tuple | None] = ContextVar("deck_theme", default=None)


def theme() -> dict:
    """The deck's look: styles/deck.toml, with the document's theme over it
    while `deck_theme(doc)` is in effect."""
    stamped = _in_effect()
    if stamped is not _last_theme[0]:
        _last_theme[:] = [stamped, _theme(*stamped)]
    return _last_theme[1]


# The stamp in effect when theme() (font()) was last asked, and the theme
# (font) it names: the layout asks 1,300 times a deck, within one
# deck_theme, whose stamp is one tuple; an lru_cache look-up hashes its Path.
_last_theme: list = [None, None]
_last_font: list = [None, None]


def _in_effect() -> tuple:
    return _active.get() or _stamped(DEFAULT_THEME)


def _stamped(path: Path) -> tuple:
    """The theme's file and when it and styles/deck.toml were last written:
    `report watch` sees an edit of either."""
    return path, DEFAULT_THEME.stat().st_mtime_ns, path.stat().st_mtime_ns


# The article's language while `deck_theme` is in effect: how its numbers are written.
_language: ContextVar[str] = ContextVar("deck_language", default="en")


@contextmanager
def deck_theme(doc):
    slideopts.check(doc)
    tokens = _active.set(_stamped(theme_path(doc))), _language.set(doc.meta.lang or "en")
    try:
        yield
    finally:
        _active.reset(tokens[0])
        _language.reset(tokens[1])


def deck_language() -> str:
    return _language.get()


def theme_path(doc) -> Path:
    """The theme file the front matter names (styles/deck.toml if none): one
    of styles/, or a file in the article's folder or its Quarto project's."""
    name = slideopts.option(doc, "theme").strip()
    if not name or name == "default":
        return DEFAULT_THEME
    folder = doc.path.parent.resolve()
    root = doc.meta.project or folder  # the Quarto project's files, or the article's folder's
    path = (folder / name).resolve() if name.endswith(".toml") else STYLES / f"deck-{name}.toml"
    if name.endswith(".toml") and not path.is_relative_to(root) or not path.is_file():
        shipped = sorted(p.stem[5:] for p in STYLES.glob("deck-*.toml"))
        line = doc.meta.lines.get("slides")
        raise ReportError(f"slides: no theme '{name}'", doc.path, line, 1 if line else None,
                          hint=f"use one of default, {', '.join(shipped)}, or a .toml file "
                               "beside the article")
    return path


@lru_cache(maxsize=8)
def _theme(path: Path, *_written) -> dict:
    with open(DEFAULT_THEME, "rb") as f:
        look = tomllib.load(f)
    if path != DEFAULT_THEME:
        try:
            changes = tomllib.loads(textfiles.read(path, "the theme"))
        except tomllib.TOMLDecodeError as error:
            raise ReportError(f"the theme is not valid TOML: {error}", path) from None
        if not path.is_relative_to(STYLES) and {"master", "font"} & changes.keys():
            raise ReportError("a theme beside the article changes colours and sizes, not "
                              "'master' or 'font' (files of styles/)", path,
                              hint="remove those keys")
        _merge(look, changes, path)
    return look


def _merge(base: dict, changes: dict, path: Path | None = None, where: str = "") -> None:
    """`changes` over `base`; each value of the kind styles/deck.toml has there."""
    for key, value in changes.items():
        name, known = f"{where}{key}", base.get(key)
        if isinstance(value, dict) and isinstance(known, dict):
            _merge(known, value, path, f"{name}.")
            continue
        if known is not None and not _same_kind(value, known):
            raise ReportError(f"the theme's '{name}' is {value!r}; styles/deck.toml has "
                              f"{known!r} there", path, hint="give a value of that kind")
        base[key] = value


def _same_kind(value, known) -> bool:
    """A number for a number, a colour (RRGGBB) for a colour, and so on."""
    if isinstance(known, (int, float)) and not isinstance(known, bool):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(known, str) and re.fullmatch(_HEX, known):
        return isinstance(value, str) and bool(re.fullmatch(_HEX, value))
    return isinstance(value, type(known))


_HEX = r"[0-9A-Fa-f]{6}"  # a colour: RRGGBB


def font() -> Font:
    """The deck font's four faces (the layout asks for them a few hundred
    times a deck: they are read once a theme)."""
    stamped = _in_effect()
    if stamped is not _last_font[0]:
        _last_font[:] = [stamped, _font(*stamped)]
    return _last_font[1]


@lru_cache(maxsize=8)
def _font(*stamped) -> Font:
    spec = _theme(*stamped)["font"]
    return Font(*(STYLES / spec[k] for k in ("regular", "bold", "italic", "bold_italic", "code")))


def code_face() -> Path:
    """The file the code font is measured with (Liberation Mono)."""
    return font().code


def frame() -> tuple[float, float, float]:
    """(left margin, text width, slide height)."""
    page = theme()["slide"]
    return page["margin"], page["width"] - 2 * page["margin"], page["height"]
