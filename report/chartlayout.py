"""Where LibreOffice puts a chart's parts, in slide points.

The deck hands the chart engine data and settings and lets it lay the chart
out; the handout draws the chart itself and must show what LibreOffice
shows. These are LibreOffice 7.4's rules (chart2/source/view: VLegend,
ChartView, VTitle), its distances in millimetres as it has them, checked
against its PDFs of this deck's charts: the legend a grid of equal rows at
the chart's foot, the diagram 2% inside the chart's edges, an axis title
beside or under it, the category names a tick and a gap from the plot.
slidecharts sizes the value axis and picks the slices that can carry their
value from this; chartview draws it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .slidemodel import Chart, font, theme
from .textfit import FILL, Piece, lines, text_width, widest_word

MM = 72 / 25.4       # points in a millimetre
MARGIN = 0.02        # of the chart's width and height: from its edge to the diagram
LINE = 1.12          # em: a line of chart text (the font's ascent and descent, as drawn)
ASCENT = 0.905       # em: from a line's top to its baseline
LEGEND_GAP = 1.85 * MM  # between the legend and what stands above it
TITLE_GAP_BESIDE = 4.5 * MM  # beside an upright axis title (a bar chart's) ...
TITLE_GAP_UNDER = 4.2 * MM   # ... or under a level one (a column chart's)
TITLE_INSET = (0.18, 0.30)   # em: a title's text frame, across and along its lines
TITLE_WRAP = 0.8     # of the chart's height (upright) or width: an axis title's lines
TITLE_LEFT = 4 * MM  # an upright title's first baseline: this from the chart's left edge
TITLE_BASELINE = 1.3  # and this many em of its size more, whatever the chart's width
                      # (measured at 12, 17 and 18 points, on charts 386 and 852 wide)
AXIS_GAP = 2.5 * MM  # between the plot and its category names: the tick and a gap
LABEL_GAP = 1 * MM   # between a bar's end and its value
VALUE_GAP = 0.9 * MM  # between a drawn value axis' numbers and the plot (measured)
LABELS_SHARE = 0.8   # of the plot's length at most, for the value labels beyond the bars
LABEL_INSET = (0.18, 0.30)  # em: a value label's frame around its line
INK = 0.73           # em: the height of a value's figures (their cap height, about)
FIRST_PASS = 2.2     # a doughnut is first drawn this many times smaller than its room ...
LABEL_WRAP = 0.8     # ... its values in lines this share of its radius wide, which
LABEL_WIDER = 1.02   # they fill this much more than their advance widths add up to
NAMES_SHARE = 0.5    # of a bar chart's width at most, for its category names; a longer
                     # name is broken there, in the deck too (LibreOffice would squeeze it)
NAMES_FILL = 0.95    # of a column's width, for its name under it
COLUMN_NAME_LINES = 3  # a column's name wraps to this many lines at most


@dataclass
class Rect:
    """A box in the deck's points: the handout draws charts and slides' parts in them."""
    x: float
    y: float
    w: float
    h: float


@dataclass
class Entry:
    """One key of the legend: its square's left edge and its row's top."""
    lines: list[str]
    color: str
    x: float
    y: float


@dataclass
class Legend:
    """A chart's legend laid out: its keys, where its rows start and how tall they are."""
    entries: list[Entry]
    top: float
    row: float           # a row's height (its tallest entry's)
    key: float           # the key's side
    key_gap: float       # between the key and its name


@dataclass
class Frame:
    """The chart's parts: its legend, the plot (the bars' extent, or the
    doughnut's square), the category names' lines and the axis title's."""
    legend: Legend | None
    plot: Rect
    names: list[list[str]] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    title_box: Rect | None = None


def frame(chart: Chart) -> Frame:
    """Where the chart's legend, plot, names and title go."""
    legend = _legend(chart) if chart.legend else None
    foot = legend.top - LEGEND_GAP if legend else chart.y + chart.h
    if chart.kind == "doughnut":
        return Frame(legend, _ring_square(chart, foot))
    if chart.kind == "column":
        return _columns(chart, legend, foot)
    return _bars(chart, legend, foot)


def width(text: str, size: float, bold: bool = False) -> float:
    return text_width(text, size, font().face(bold, False))


def wrapped(name: str, size: float, room: float, most: int = 0) -> list[str]:
    """A name in the lines it takes `room` points wide; past `most` lines
    (if given), cut at a word with an ellipsis."""
    starts = lines([Piece(name)], size, room, font())
    out = [name[a:b].strip() for a, b in zip(starts, starts[1:] + [len(name)])]
    if not most or len(out) <= most:
        return out
    last = out[most - 1]
    while " " in last and width(last + "…", size) > room:
        last = last.rsplit(" ", 1)[0]
    return out[:most - 1] + [last.rstrip(",;:") + "…"]


# --- the legend ---------------------------------------------------------------------

def legend_names(chart: Chart) -> list[str]:
    """The legend's entries in reading order: the slices, or the series, in
    the table's order (deck.py orders a bar chart's data so that
    LibreOffice, which lists a bar chart's series backwards, shows this)."""
    return chart.categories if chart.kind == "doughnut" else [s.name for s in chart.series]


def _legend(chart: Chart) -> Legend:
    """VLegend's "wide" legend: as many equal columns as the widest entry
    allows, the entries row by row, each column as wide as its widest; the
    whole centred at the chart's foot."""
    size = chart.axis_size
    pad_x, offset = max(MM, 0.33 * size), max(MM, 0.66 * size)
    pad_y, key, key_gap = max(MM, 0.2 * size), 0.6 * size, max(MM, 0.22 * size)
    room = chart.w - key - key_gap  # a longer name wraps
    names = [wrapped(n, size, room) for n in legend_names(chart)]
    texts = [max(width(line, size) for line in name) for name in names]
    count = len(names)
    columns = max(1, int((chart.w - 2 * pad_x) // (offset + key + key_gap + max(texts))))
    rows = math.ceil(count / columns)
    columns = math.ceil(count / rows)
    widths = [key + key_gap + max(texts[c::columns]) for c in range(columns)]
    row = LINE * size * max(len(n) for n in names)
    height = 2 * pad_y + rows * row + (rows - 1) * pad_y
    top = chart.y + chart.h - height
    left = chart.x + (chart.w - (2 * pad_x + sum(widths) + (columns - 1) * offset)) / 2 + pad_x
    entries = []
    for i, (name, color) in enumerate(zip(names, chart.colors)):
        r, c = divmod(i, columns)
        entries.append(Entry(name, color, left + sum(widths[:c]) + c * offset,
                             top + pad_y + r * (row + pad_y)))
    return Legend(entries, top, row, key, key_gap)


# --- the plot -----------------------------------------------------------------------

def _diagram(chart: Chart, foot: float) -> Rect:
    """The room inside the chart's margins, above `foot`."""
    mx, my = MARGIN * chart.w, MARGIN * chart.h
    return Rect(chart.x + mx, chart.y + my, chart.w - 2 * mx, foot - my - chart.y - my)


def _ring_square(chart: Chart, foot: float) -> Rect:
    """The doughnut's square. LibreOffice draws a doughnut twice: first in a
    diagram FIRST_PASS times smaller than its room, then in the room less
    how far that first drawing's value labels reached beyond its ring; the
    ring as large as that allows, centred in it."""
    room = _diagram(chart, foot)
    left, top, right, bottom = _overhang(chart, min(room.w, room.h) / FIRST_PASS / 2)
    room = Rect(room.x + left, room.y + top, room.w - left - right, room.h - top - bottom)
    side = min(room.w, room.h)
    return Rect(room.x + (room.w - side) / 2, room.y + (room.h - side) / 2, side, side)


def _overhang(chart: Chart, outer: float) -> tuple[float, float, float, float]:
    """How far the shown values reach beyond a ring of radius `outer` (left,
    top, right, bottom): each centred on the ring, in lines no wider than
    _label_room (a figure too wide is broken, as one word)."""
    mid = outer * (1 + theme()["chart"]["hole"] / 100) / 2
    reach = [0.0, 0.0, 0.0, 0.0]
    shown = chart.labelled or [True] * len(chart.categories)
    for text, (start, end), show in zip(chart.series[0].labels, slices(chart.series[0].values),
                                        shown):
        if not show:
            continue
        parts = _broken(text, chart.label_size, _label_room(outer))
        half_w = max(width(t, chart.label_size, True) for t in parts) / 2
        half_h = len(parts) * LINE * chart.label_size / 2
        x, y = point(0.0, 0.0, mid, (start + end) / 2)
        for side, extent in enumerate((half_w - x, half_h - y, x + half_w, y + half_h)):
            reach[side] = max(reach[side], extent - outer)
    return tuple(reach)


def _label_room(outer: float) -> float:
    """The width, as textfit measures it, a value's lines may take on a
    ring of radius `outer`."""
    return LABEL_WRAP * outer / LABEL_WIDER


def _broken(text: str, size: float, room: float) -> list[str]:
    """A figure in lines `room` wide, broken between any two characters."""
    parts = [""]
    for char in text:
        if parts[-1] and width(parts[-1] + char, size, True) > room:
            parts.append("")
        parts[-1] += char
    return parts


def _title_lines(chart: Chart, along: float) -> list[str]:
    return wrapped(chart.category_title, chart.axis_size, TITLE_WRAP * along) \
        if chart.category_title else []


def _title_depth(chart: Chart, count: int) -> float:
    """A title's extent across its `count` lines, its frame's insets included."""
    return (count * LINE + 2 * TITLE_INSET[1]) * chart.axis_size if count else 0.0


def _bars(chart: Chart, legend: Legend | None, foot: float) -> Frame:
    """Bars lie: the title upright at the left, the names left of the plot
    (each name's lines centred on one another), the plot reaching the
    diagram's right edge."""
    room = _diagram(chart, foot)
    title = _title_lines(chart, chart.h)
    depth = _title_depth(chart, len(title))
    left = room.x + (depth + TITLE_GAP_BESIDE if title else 0.0)
    middle = room.y + room.h / 2  # the title's, whatever stands under the plot
    room.h -= _axis_depth(chart)  # the value axis' numbers under the plot
    slot = room.h / len(chart.categories)
    most = max(1, int(slot // (LINE * chart.axis_size)))
    share = _names_share(chart)
    names = [[n] if width(n, chart.axis_size) <= share else
             wrapped(n, chart.axis_size, share, most) for n in chart.categories]
    widest = max(width(line, chart.axis_size) for name in names for line in name)
    plot_left = left + widest + AXIS_GAP
    # The value axis' last number centred on the plot's end, whole inside the diagram
    end = width(chart.ticks[-1], chart.axis_size) / 2 if chart.step else 0.0
    plot = Rect(plot_left, room.y, room.x + room.w - plot_left - end, room.h)
    box = Rect(room.x, middle - _title_extent(chart, title) / 2, depth,
               _title_extent(chart, title)) if title else None
    return Frame(legend, plot, names, title, box)


def _columns(chart: Chart, legend: Legend | None, foot: float) -> Frame:
    """Bars stand: the names under the plot, the title under them."""
    title = _title_lines(chart, chart.w)
    depth = _title_depth(chart, len(title))
    room = _diagram(chart, foot - (depth + TITLE_GAP_UNDER if title else 0.0))
    beside = _axis_width(chart)  # the value axis' numbers left of the plot
    slot = (room.w - beside) / len(chart.categories)
    names = [wrapped(n, chart.axis_size, NAMES_FILL * slot, COLUMN_NAME_LINES)
             for n in chart.categories]
    below = AXIS_GAP + LINE * chart.axis_size * max(map(len, names))
    top = LINE * chart.axis_size / 2 if chart.step else 0.0  # the top number, whole
    plot = Rect(room.x + beside, room.y + top, room.w - beside, room.h - below - top)
    box = Rect(room.x + (room.w - _title_extent(chart, title)) / 2,  # the diagram's middle
               room.y + room.h + MARGIN * chart.h, _title_extent(chart, title), depth) \
        if title else None
    return Frame(legend, plot, names, title, box)


def _axis_width(chart: Chart) -> float:
    """How far a value axis' numbers, left of upright bars, take the plot in."""
    return max(width(t, chart.axis_size) for t in chart.ticks) + VALUE_GAP if chart.step else 0.0


def _axis_depth(chart: Chart) -> float:
    """How far a value axis' numbers, under lying bars, take the plot up."""
    return VALUE_GAP + LINE * chart.axis_size if chart.step else 0.0


def bar_pitch(chart: Chart, along: float) -> tuple[float, float]:
    """(a category's slot, a bar's width) on a plot `along` points long:
    a slot holds a bar of each series and `gap_width` % of one between groups."""
    slot = along / len(chart.categories)
    return slot, slot / (len(chart.series) + theme()["chart"]["gap_width"] / 100)


def whole(name: str, size: float, room: float, most: int) -> bool:
    """Whether a name stands whole in at most `most` lines `room` wide: no
    word broken between its letters, no line cut with an ellipsis."""
    return widest_word([Piece(name)], size, font()) <= room * FILL and \
        len(lines([Piece(name)], size, room, font())) <= most


def stands(chart: Chart) -> bool:
    """Whether bars stand readable at the chart's sizes: each value clear of
    its neighbours' and each category name whole (see values_apart, names_whole)."""
    plot = frame(chart).plot
    return values_apart(chart, plot) and names_whole(chart, plot)


def values_apart(chart: Chart, plot: Rect) -> bool:
    """Whether each value label stands `chart.label_apart` em clear of the
    next one's: over upright bars, side by side, a bar's width apart within
    a category (a gap's more between two); beside lying bars, one over the
    next (their figures' height)."""
    size = chart.label_size
    clear = theme()["chart"]["label_apart"] * size
    slot, bar = bar_pitch(chart, plot.w if chart.kind == "column" else plot.h)
    if chart.kind == "bar":
        return INK * size + clear <= (bar if len(chart.series) > 1 else slot)
    widths = [width(s.labels[i], size, True)
              for i in range(len(chart.categories)) for s in chart.series]
    step = len(chart.series)
    return all((widths[k] + widths[k + 1]) / 2 + clear <=
               (slot - (step - 1) * bar if (k + 1) % step == 0 else bar)
               for k in range(len(widths) - 1))


def names_whole(chart: Chart, plot: Rect) -> bool:
    """Whether every category name stands whole where the layout sets it:
    under an upright bar, in COLUMN_NAME_LINES lines of its slot; beside a
    lying one, in the lines its slot holds, NAMES_SHARE of the chart wide."""
    size = chart.axis_size
    if chart.kind == "column":
        slot, _ = bar_pitch(chart, plot.w)
        return all(whole(n, size, NAMES_FILL * slot, COLUMN_NAME_LINES)
                   for n in chart.categories)
    slot, _ = bar_pitch(chart, plot.h)
    most = int(slot // (LINE * size))
    share = _names_share(chart)
    return most >= 1 and all(whole(n, size, share, most) for n in chart.categories)


def _names_share(chart: Chart) -> float:
    """The width a lying bar's category name may take before it wraps."""
    title = _title_lines(chart, chart.h)
    return NAMES_SHARE * (chart.w - _title_depth(chart, len(title)))


def _title_extent(chart: Chart, title: list[str]) -> float:
    """A title's extent along its lines: its longest line and the frame's insets."""
    return max((width(line, chart.axis_size) for line in title), default=0.0) + \
        2 * TITLE_INSET[0] * chart.axis_size


# --- the value axis -----------------------------------------------------------------

def value_range(chart: Chart, room: float) -> tuple[float, float]:
    """The value axis' ends: from zero, or below the lowest value, to the
    highest, with room beyond each bar's end for its value label (and, past
    the lowest, `label_room` em more before the category names there); on
    a drawn value axis, the whole steps around them."""
    spec = theme()["chart"]
    values = [v for s in chart.series for v in s.values]
    low, high = min(min(values), 0.0), max(max(values), 0.0)
    if chart.step:  # no labels: whole steps of the axis' own, one at least
        start = math.floor(low / chart.step + 1e-9) * chart.step
        return start, max(math.ceil(high / chart.step - 1e-9) * chart.step, start + chart.step)
    ends = [(v, _label_reach(chart, text)) for s in chart.series
            for v, text in zip(s.values, s.labels)]
    clear = spec["label_room"] * chart.label_size
    # Labels too long for the plot overrun it rather than squeeze the bars to nothing.
    most = max((r for v, r in ends if v >= 0), default=0.0) + \
        max((r + clear for v, r in ends if v < 0), default=0.0)
    if most > LABELS_SHARE * room:
        ends = [(v, r * LABELS_SHARE * room / most) for v, r in ends]
        clear *= LABELS_SHARE * room / most
    start, stop = low, high
    for _ in range(50):  # the labels' room depends on the scale, and the scale on it
        unit = room / (stop - start or 1.0)
        stop = max([high] + [v + reach / unit for v, reach in ends if v >= 0])
        start = min([low] + [v - (reach + clear) / unit for v, reach in ends if v < 0])
    return start, stop


def _label_reach(chart: Chart, text: str) -> float:
    """How far a value label reaches beyond its bar's end."""
    extent = width(text, chart.label_size, True) if chart.kind == "bar" else \
        LINE * chart.label_size
    return LABEL_GAP + extent


def plot_length(chart: Chart) -> float:
    """The plot's extent along the value axis."""
    plot = frame(chart).plot
    return plot.w if chart.kind == "bar" else plot.h


# --- the doughnut -------------------------------------------------------------------

def ring(chart: Chart) -> tuple[float, float, float, float]:
    """(centre x, centre y, outer radius, inner radius) of the doughnut."""
    square = frame(chart).plot
    outer = square.w / 2
    return square.x + outer, square.y + outer, outer, outer * theme()["chart"]["hole"] / 100


def slices(values: list[float]) -> list[tuple[float, float]]:
    """Each slice's start and end, in turns clockwise from twelve o'clock."""
    total, start, out = sum(values) or 1.0, 0.0, []
    for value in values:
        out.append((start, start + value / total))
        start += value / total
    return out


def point(cx: float, cy: float, r: float, turn: float) -> tuple[float, float]:
    """The point `turn` of a full turn clockwise from twelve o'clock."""
    angle = 2 * math.pi * turn
    return cx + r * math.sin(angle), cy - r * math.cos(angle)


def labelled(chart: Chart) -> list[bool]:
    """Which slices show their value: those on which it stands whole, its
    ink inside the slice and on one line, and clear of its neighbours'
    (frames and all: two that touch, LibreOffice moves apart). Of two that
    would touch, the larger slice keeps its value. The values shown size
    the ring (_ring_square reads chart.labelled, set here while it settles),
    and the ring decides which fit: settled in turns."""
    shown = [True] * len(chart.categories)
    for _ in range(4):
        chart.labelled = shown
        again = _fitting(chart)
        if again == shown:
            break
        shown = again
    chart.labelled = []
    return shown


def _fitting(chart: Chart) -> list[bool]:
    """The slices whose value fits on the ring as chart.labelled sizes it."""
    cx, cy, outer, inner = ring(chart)
    size, boxes = chart.label_size, []
    for text, (start, end) in zip(chart.series[0].labels, slices(chart.series[0].values)):
        mx, my = point(cx, cy, (outer + inner) / 2, (start + end) / 2)
        half = width(text, size, True) / 2
        ink = (mx - half, my - INK / 2 * size, mx + half, my + INK / 2 * size)
        across, along = half + LABEL_INSET[0] * size, (LINE / 2 + LABEL_INSET[1]) * size
        fits = 2 * half <= _label_room(outer) and \
            _inside_slice(ink, (cx, cy, outer, inner), start, end)
        boxes.append((fits, (mx - across, my - along, mx + across, my + along), end - start))
    shown = [fits for fits, _, _ in boxes]
    for i in sorted(range(len(boxes)), key=lambda i: boxes[i][2]):  # the smallest give way
        if shown[i] and any(shown[j] and j != i and _overlap(boxes[i][1], boxes[j][1])
                            for j in range(len(boxes))):
            shown[i] = False
    return shown


def _inside_slice(box, circle, start: float, end: float) -> bool:
    """Whether a box's corners all lie on the ring and within the slice's turns."""
    cx, cy, outer, inner = circle
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        if not inner <= math.hypot(x - cx, y - cy) <= outer:
            return False
        turn = (math.atan2(x - cx, cy - y) / (2 * math.pi)) % 1.0
        if end - start < 1 and (turn - start) % 1.0 > end - start:
            return False
    return True


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
