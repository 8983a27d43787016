"""Charts, tables, pictures and code on slides: a pipe table of numbers
becomes a native chart (a doughnut for shares of 100%, else bars), any
other table a native table, a figure a picture, a code block its lines in
the code font on a tinted ground.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from . import chartlayout, labels
from .labels import joined
from .minussign import MINUS  # a negative number's sign, as TeX and APA set it
from .model import Emph, Figure, Table, plain_text
from .slidecodefit import CodeFit
from .slidemodel import (Box, Chart, Paragraph, Picture, Run, Series, SlideCode, SlideTable,
                         cell_lines, deck_language, theme)
from .slidetablefit import TableFit
from .textfit import block_height

# --- charts and pictures ----------------------------------------------------------

# A cell that is a number and nothing else: a minus sign (either side of a
# currency sign), digits with commas between thousands, decimals, a percent
# sign: "−1,200.5", "$53", "-$4", "90%". "Lasts 1 to 5 minutes" is no number.
_NUMBER = re.compile(r"^\s*(?P<sign>[-−]?)(?P<prefix>[$€£¥]?)\s*(?P<inner>[-−]?)"
                     r"(?P<digits>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)"
                     r"\s*(?P<suffix>%?)\s*$")


def _numeric(cell: str):
    """(value, prefix, suffix, decimals) of a cell like "$53", "90%", "1,200"; or None.
    In a language whose decimal mark is a comma, a comma makes no number: "7,600"
    may be 7.6 or 7600, and a chart would print it in the other convention."""
    if "," in cell and labels.of(deck_language())["decimal_mark"] == ",":
        return None
    match = _NUMBER.match(cell)
    if not match or match["sign"] and match["inner"]:
        return None
    digits = match["digits"].replace(",", "")
    value = -float(digits) if match["sign"] or match["inner"] else float(digits)
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return value, match["prefix"], match["suffix"], decimals


def chartable(block) -> bool:
    """A table with labels in its first column and numbers of one kind in all
    the others: bars on one axis compare only numbers that share a unit and
    a scale. A results table (F, p, η² side by side) stays a table."""
    if not isinstance(block, Table) or not block.rows or len(block.header) < 2:
        return False
    columns = [[plain_text(row[col]) for row in block.rows] for col in range(1, len(block.header))]
    if not all(_numeric(cell) is not None for cells in columns for cell in cells):
        return False
    if any(_statistic(cell) for cell in block.header[1:]):
        return False
    names = [plain_text(cell) for cell in block.header[1:]]
    kinds = {(_unit_of(name, cells), _bounded(cells)) for name, cells in zip(names, columns)}
    return None not in {unit for unit, _ in kinds} and len(kinds) == 1 and \
        _spread(columns) <= theme()["chart"]["most_spread"] and _rows_alike(block, columns)


def _rows_alike(table: Table, columns: list[list[str]]) -> bool:
    """Whether the rows are amounts of one kind: not rows that name units
    apart and run far apart in scale ("Total spending ($)" in millions,
    "Tutors (FTE)" in tens), which bars on one axis cannot show; a quintile's
    "(Q1)" beside "(Q2)", of one scale, is no unit."""
    units = {found[1].strip() for row in table.rows
             if (found := _HEADER_UNIT.search(plain_text(row[0])))}
    return len(units) < 2 or _spread([list(row) for row in zip(*columns)]) <= \
        theme()["chart"]["most_spread"]


# A column headed by a statistic's symbol (APA 7 §6.44) holds a result, not
# an amount: F beside p beside η² share no axis, nor M beside SD. A Greek
# letter and "CI" are symbols however set (a Greek word is not: "Ποσοστό"); a
# Latin one only when italic, as APA sets it ("F" and "M" in roman may name
# groups, e.g. female and male counts), but for the few that name nothing
# else, which authors of plain pipe tables often leave roman ("| n | M | SD |").
# The symbol may follow a condition's name ("Untimed *M*", "Speeded SD"): a
# table of means and their SDs is no chart of one quantity, and error bars
# drawn from the SDs would need both chart engines to learn them.
# A sample's size (n, N) is a count: counts chart.
_GREEK_SYMBOL = re.compile(r"^\s*(?:\d+\s*%\s*)?(?:[α-ωΑ-Ω]|CI\b)(?![α-ωά-ώΑ-Ω])"
                           r"|(?<=\s)(?:[α-ω]|CI\b)(?![α-ωά-ώΑ-Ω])")
_ITALIC_SYMBOLS = {"F", "t", "p", "z", "r", "R", "d", "g", "b", "B", "M", "SD", "SE", "SEM",
                   "Mdn", "df", "k", "U", "W", "H", "Q", "Z", "OR", "ES", "MSE", "LL", "UL"}
_ROMAN_SYMBOLS = {"SD", "SE", "SEM", "Mdn", "MSE"}


def _statistic(cell: list) -> bool:
    """Whether a header cell (inlines) names a statistic by its symbol,
    alone or after a condition's name."""
    text = plain_text(cell)
    if _GREEK_SYMBOL.search(text) or _ROMAN_SYMBOLS & set(re.findall(r"\w+", text)):
        return True
    return any(plain_text(node.children).strip() in _ITALIC_SYMBOLS for node in _emphs(cell))


def _emphs(inlines: list) -> list:
    """Every italic node among the inlines, however deep ("**Untimed *M***")."""
    found = []
    for node in inlines:
        if isinstance(node, Emph):
            found.append(node)
        found += _emphs(getattr(node, "children", None) or [])
    return found


def _unit_of(name: str, cells: list[str]) -> str | None:
    """The one unit a column's numbers are in ("%", "$", "" for none), from
    its cells or its header ("Recall (%)"); None if its cells mix units."""
    units = {_numeric(c)[1] + _numeric(c)[2] for c in cells} - {""}
    header = _HEADER_UNIT.search(name)
    if header:
        units.add(header[1].strip())
    return units.pop() if len(units) == 1 else "" if not units else None


def _bounded(cells: list[str]) -> bool:
    """Whether a column is written as APA writes numbers that cannot exceed
    1 (proportions, correlations, p): ".52", no zero before the point."""
    return any(re.search(r"(?<![\d,])\.\d", c) for c in cells) and \
        all(abs(_numeric(c)[0]) <= 1 for c in cells)


def _spread(columns: list[list[str]]) -> float:
    """How many times the largest column's greatest value is the smallest
    column's: a count in thousands beside one in units share no useful axis."""
    greatest = [max(abs(_numeric(c)[0]) for c in cells) for cells in columns]
    greatest = [g for g in greatest if g > 0]
    return max(greatest) / min(greatest) if greatest else 1.0


def chart(table: Table, x, y, w, h) -> Chart:
    """The table as a chart: a doughnut for shares of 100%, else bars (upright
    for short labels such as years, where they stand readable; else lying),
    each labelled with its value, or, where the values cannot stand apart,
    read off a value axis. Values read as the article writes them."""
    made = _drafted(table, x, y, w, h)
    if made.kind == "doughnut":
        _label_slices(made)
    else:  # both chart engines get the axis' ends: room for every label, and no guessing
        kinds = _kinds(made)
        _fit_bars(made, kinds) or _fit_axis(made, kinds)
        made.scale = chartlayout.value_range(made, chartlayout.plot_length(made))
    caption = plain_text(table.caption)
    made.alt = f"{made.kind.capitalize()} chart{': ' + caption if caption else ''}. " + \
        "; ".join(f"{c}: " + ", ".join(s.labels[i] for s in made.series)
                  for i, c in enumerate(made.categories)) + "."
    return made


def _drafted(table: Table, x, y, w, h) -> Chart:
    """The chart at the theme's sizes, before its labels are fitted."""
    t = theme()
    spec, colors = t["chart"], t["colors"]
    header = [plain_text(c) for c in table.header]
    categories, series, kind, share, decimals = _chart_data(table)
    fills = _slice_fills(len(categories)) if share else _series_fills()[:len(series)]
    size = spec["label_size"]
    return Chart(kind, x, y, w, h, categories, series, fills, [_readable_on(f) for f in fills],
                 _excel_format(series[0].labels[0], decimals, _pointed(_labels(series)),
                               any(v < 0 for one in series for v in one.values)),
                 "" if share else header[0],
                 share or len(series) > 1, size, min(spec["axis_size"], size),
                 colors["text"], "")


def _kinds(made: Chart) -> tuple[str, ...]:
    """The kinds of bars to try, best first: upright ones only for short names."""
    return ("column", "bar") if made.kind == "column" else ("bar",)


def _fit_bars(made: Chart, kinds: tuple[str, ...]) -> bool:
    """Sets the bars' kind and sizes: upright when the names are short (years)
    and they stand readable so, else lying; the value labels at the largest
    size down to the theme's least at which each stands clear of its
    neighbours and every category name whole (chartlayout.stands), the names
    no larger. False if none does."""
    spec = theme()["chart"]
    for kind in kinds:
        for size in range(spec["label_size"], spec["label_min_size"] - 1, -1):
            made.kind, made.label_size = kind, size
            made.axis_size = min(spec["axis_size"], size)
            if chartlayout.stands(made):
                return True
    return False


def _fit_axis(made: Chart, kinds: tuple[str, ...]) -> bool:
    """Bars too many, or values too long, to label each: no labels, a value
    axis with its numbers and gridlines instead, the numbers and names at
    the largest size down to the theme's least at which every name stands
    whole. False, and the least size lying, if none does: the numbers are
    then shown as a table (chart_fits)."""
    spec = theme()["chart"]
    _value_axis(made)
    for kind in kinds:
        for size in range(spec["axis_size"], spec["label_min_size"] - 1, -1):
            made.kind, made.label_size, made.axis_size = kind, size, size
            if chartlayout.names_whole(made, chartlayout.frame(made).plot):
                return True
    return False


def _value_axis(made: Chart) -> None:
    """The value axis' step, ends, number format and numbers: whole steps
    of about `chart.axis_steps` from zero or below the lowest value, its
    numbers written as the table writes its values: in their unit, with the
    decimals the step needs, and with no zero before the point where they
    have none, then with their decimals too (".20", as APA §6.36 writes what
    cannot exceed 1; the axis read "0.2" beside bars of ".52")."""
    values = [v for s in made.series for v in s.values]
    low, high = min(min(values), 0.0), max(max(values), 0.0)
    made.step = _nice_step((high - low) / theme()["chart"]["axis_steps"])
    written = _labels(made.series)
    pointed = _pointed(written)
    decimals = max([_decimals(made.step)] + [_numeric(label)[3] for label in written
                                             if pointed])
    made.axis_format = _excel_format(written[0], decimals, pointed, negative=low < 0)
    _, prefix, suffix, _ = _numeric(written[0])
    made.scale = chartlayout.value_range(made, 0.0)
    first, last = (round(end / made.step) for end in made.scale)
    made.ticks = [_tick_text(n * made.step, prefix, suffix, decimals, pointed)
                  for n in range(first, last + 1)]


def _nice_step(rough: float) -> float:
    """The first of 1, 2, 2.5 and 5 times a power of ten at least `rough`."""
    if rough <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough * (1 - 1e-9))


def _decimals(step: float) -> int:
    """The decimals a multiple of `step` needs: 2.5 one, 0.25 two, 500 none."""
    shown = f"{step:.10f}".rstrip("0")
    return len(shown.split(".")[1])


def _tick_text(value: float, prefix: str, suffix: str, decimals: int,
               pointed: bool = False) -> str:
    """A value axis' number as its number format shows it: "−500", "$1,000",
    "25.0%"; ".20" and ".00" when `pointed` ("#,###.00")."""
    sign = MINUS if value < 0 and round(value, decimals) else ""
    digits = f"{abs(value):,.{decimals}f}"
    if pointed and digits.startswith("0."):
        digits = digits[1:]
    return f"{sign}{prefix}{digits}{suffix}"


def _label_slices(made: Chart) -> None:
    """Each slice's value on it, at the largest size down to the theme's
    least at which every one has room (the legend no larger); at none, at
    the largest size that labels the most slices, on those that have room
    (a value on a slice too thin for it would run into the next one's; the
    legend and the alt text still say it), the legend at its own size: 5%
    and 3% slices used to leave even the 61% one bare."""
    spec = theme()["chart"]
    sizes = range(spec["label_size"], spec["label_min_size"] - 1, -1)
    for size in sizes:
        if all(_slices_labelled(made, size, min(spec["axis_size"], size))):
            return
    most = max(sizes, key=lambda size: (sum(_slices_labelled(made, size, spec["axis_size"])), size))
    _slices_labelled(made, most, spec["axis_size"])


def _slices_labelled(made: Chart, size: int, legend: int) -> list[bool]:
    made.label_size, made.axis_size = size, legend
    made.labelled = chartlayout.labelled(made)
    return made.labelled


def chart_fits(table: Table, w: float, h: float, labelled: bool = False) -> bool:
    """Whether the numbers can stand as a chart `w` × `h`: a colour for each
    series, its values apart and its names whole at the theme's least label
    size or larger (_fit_bars), or unless `labelled`, its names whole beside
    a value axis (_fit_axis); else they are shown as a table."""
    made = _drafted(table, 0.0, 0.0, w, h)
    if made.kind == "doughnut":
        return True
    kinds = _kinds(made)
    return len(made.series) <= len(_series_fills()) and \
        (_fit_bars(made, kinds) or not labelled and _fit_axis(made, kinds))


def _slice_fills(count: int) -> list[str]:
    """A colour for each of `count` slices, no two alike: the lead, the
    theme's slice colours in turn, and "the rest" grey for the last."""
    spec = theme()["chart"]
    if count == 1:
        return [spec["lead"]]
    return ([spec["lead"]] + spec["slices"])[:count - 1] + [spec["rest"]]


def _series_fills() -> list[str]:
    """The colours series of bars take in turn: the theme's series colours,
    then the slices' (none twice)."""
    spec = theme()["chart"]
    return list(dict.fromkeys(spec["series"] + [spec["lead"]] + spec["slices"]))


def _chart_data(table: Table) -> tuple[list[str], list[Series], str, bool, int]:
    """Categories, series, the kind of chart, whether it shows shares of
    100%, and the most decimals of its numbers."""
    header = [plain_text(c) for c in table.header]
    categories = [plain_text(row[0]) for row in table.rows]
    columns = [[plain_text(row[col]) for row in table.rows] for col in range(1, len(header))]
    decimals = max(_numeric(cell)[3] for cells in columns for cell in cells)
    pointed = _pointed([cell for cells in columns for cell in cells])
    series = [_series(name, cells, decimals, pointed) for name, cells in zip(header[1:], columns)]
    # Shares, as many as there are colours to tell them apart (more make bars).
    share = len(series) == 1 and abs(sum(series[0].values) - 100) <= _ROUNDING and \
        series[0].labels[0].endswith("%") and \
        len(categories) <= len(theme()["chart"]["slices"]) + 2
    short = all(len(c) <= theme()["chart"]["column_label_chars"] for c in categories)
    kind = "doughnut" if share else "column" if short else "bar"
    return categories, series, kind, share, decimals


_ROUNDING = 0.5  # percentages that add up to 100 within this are shares of a whole
_UNIT = re.compile(r"\((%|\$|€|£)\)\s*$")
# Any unit a header names in its closing parenthesis: "p99 latency (ms)",
# "Throughput (k tok/s)"; columns in different ones share no axis.
_HEADER_UNIT = re.compile(r"\(([^()]{1,20})\)\s*$")


def _series(name: str, cells: list[str], decimals: int, pointed: bool) -> Series:
    """A column of numbers, each labelled with `decimals` decimals, as the
    deck's one number format shows it ("4%" beside "3.5%" is "4.0%"); a unit
    in its header ("Recall (%)") joins each label that has none of its own;
    with no zero before the point if the table writes none (`pointed`)."""
    unit = _UNIT.search(name)
    labels = []
    for cell in cells:
        _, prefix, suffix, _ = _numeric(cell)
        if unit and not (prefix or suffix):
            cell = cell.strip() + unit[1] if unit[1] == "%" else unit[1] + cell.strip()
        labels.append(_padded(cell.strip(), decimals, pointed))
    return Series(name, [_numeric(c)[0] for c in cells], labels)


def _padded(label: str, decimals: int, pointed: bool = False) -> str:
    """The label with its digits as the number format "#,##0.0…" sets them:
    thousands commas and `decimals` decimals; its signs and units as written;
    ".60" for 0.6 when `pointed`, as "#,###.00" sets it."""
    match = _NUMBER.match(label)
    number = float(match["digits"].replace(",", ""))
    digits = f"{number:,.{decimals}f}"
    if pointed and digits.startswith("0."):
        digits = digits[1:]
    signed = label[:match.start("digits")].replace("-", MINUS)  # as the number format signs it
    return signed + digits + label[match.end("digits"):]


def _excel_format(label: str, decimals: int, pointed: bool = False,
                  negative: bool = False) -> str:
    """The number format that shows values as the labels write them, with
    the most decimals any value has: a later "3.5" is not rounded to "4";
    "#" for the units' digit when `pointed`: ".60", not "0.60"."""
    _, prefix, suffix, _ = _numeric(label)
    digits = ("#,###" if pointed else "#,##0") + ("." + "0" * decimals if decimals else "")
    shown = _quoted(prefix) + digits + _quoted(suffix)
    # With `negative` values, a section of its own for them: a minus sign, as
    # the slide's text has it (minussign.py), not the format's hyphen.
    return f"{shown};{_quoted(MINUS)}{shown}" if negative else shown


def _pointed(cells: list[str]) -> bool:
    """Whether numbers below 1 are written without a zero before the point,
    as APA writes proportions, correlations and p (".52"): some are, none
    is written "0.52". The chart's labels keep the author's form."""
    below = [c for c in cells if abs(_numeric(c)[0]) < 1]
    return bool(below) and not any(re.search(r"(?<![\d,])0\.\d", c) for c in below) and \
        any(re.search(r"(?<![\d,])\.\d", c) for c in below)


def _labels(series: list[Series]) -> list[str]:
    return [label for s in series for label in s.labels]


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


def picture(figure: Figure, x, y, w, h) -> Picture:
    """The image scaled to fit its box, under its caption and centred across;
    its alt text the author's."""
    from PIL import Image
    path = figure.src
    with Image.open(path) as image:
        iw, ih = image.size
    scale = min(w / iw, h / ih)
    pw, ph = iw * scale, ih * scale
    return Picture(path, x + (w - pw) / 2, y, pw, ph, figure.description())


# --- tables of text ---------------------------------------------------------------

@dataclass
class TablePart:
    """What one slide shows of a table: its header and some of its rows, as fitted."""
    fit: TableFit
    rows: list[int]        # the body rows shown, by index into fit.rows
    aligns: list[str]
    caption: list          # inlines, set above the table as above a chart
    headless: bool = False  # Pandoc's headerless table: its empty header row is not drawn
    alt: str = ""           # slidecharts.table_alt
    notes: list = field(default_factory=list)  # the table's notes (Para), set under it


def table(part: TablePart, x: float, y: float) -> SlideTable:
    """The rows as a table at (x, y): the header bold on the titles' colour,
    the rows banded, a hairline under each."""
    t = theme()
    spec, colors = t["table"], t["colors"]
    fit = part.fit
    shown = part.rows if part.headless else [0] + part.rows
    fills = ([] if part.headless else [spec["header_fill"]]) + \
        [(spec["fill"], spec["band_fill"])[n % 2] for n in range(len(part.rows))]
    cells, top = [], y
    for i in shown:
        left, row = x, []
        for runs, w, align in zip(fit.rows[i], fit.columns, part.aligns):
            row.append(Box("cell", left + spec["margin_x"], top + spec["margin_y"],
                           w - 2 * spec["margin_x"], fit.heights[i] - 2 * spec["margin_y"],
                           [Paragraph(line, -1) for line in cell_lines(runs)], fit.size,
                           colors["on_dark"] if i == 0 else colors["text"], bold=i == 0,
                           align=align if align in ("left", "right", "center") else "left",
                           line_spacing=spec["line_spacing"]))
            left += w
        cells.append(row)
        top += fit.heights[i]
    return SlideTable(x, y, fit.columns, [fit.heights[i] for i in shown], cells, fills,
                      (spec["margin_x"], spec["margin_y"]), spec["rule"], spec["rule_weight"],
                      part.alt, header=not part.headless)


def table_alt(fit: TableFit, rows: list[int], caption: list, headless: bool,
              words: dict) -> str:
    """A summary of what a slide shows of a table, for screen readers (which
    read the cells themselves), in the article's language."""
    said = words["table_alt"]
    total = len(fit.rows) - 1
    shown = said["all"] if len(rows) == total else said["part"]
    parts = [shown.format(count=total, first=rows[0], last=rows[-1])] if rows else []
    if not headless:
        headings = joined(words, [" ".join("".join(r.text for r in line)
                                           for line in cell_lines(cell)) for cell in fit.rows[0]])
        parts.append(said["headings"].format(headings=headings))
    title = plain_text(caption)
    return f"{words['table'][0]}{': ' + title if title else ''}. {' '.join(parts)}."


# --- code ---------------------------------------------------------------------------

@dataclass
class CodePart:
    """What one slide shows of a code block: some of its lines, as fitted."""
    fit: CodeFit
    lines: list[int]       # the lines shown, by index into fit.lines
    caption: list = field(default_factory=list)  # none: a code block has no caption


def code(part: CodePart, x: float, y: float, w: float) -> SlideCode:
    """The lines at (x, y) on a ground `w` wide and as tall as they need,
    the text `padding` inside its edges."""
    spec = theme()["code"]
    pad, size = spec["padding"], part.fit.size
    h = block_height(len(part.lines), size, spec["line_spacing"])
    text = Box("code", x + pad, y + pad, w - 2 * pad, h,
               [Paragraph([Run(part.fit.lines[i])], -1) for i in part.lines], size,
               spec["color"], line_spacing=spec["line_spacing"], mono=True)
    return SlideCode(x, y, w, h + 2 * pad, spec["fill"], pad, text)
