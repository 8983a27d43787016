"""A chart of the slide layout as shapes and labels for the handout's SVG.

The deck hands PowerPoint the data and lets its chart engine lay the chart
out; the handout must draw it itself. This follows what PowerPoint (and
LibreOffice) draw for deck.py's settings: a doughnut starting at twelve
o'clock and running clockwise, labels on the ring; bars from zero with
their values at their ends (below zero, down or left of it, the category
names at the plot's low edge), no value axis, the first category at the top
of a horizontal bar chart (the deck reverses its category axis); the
legend under the plot. Proportions are the chart engines' defaults,
approximately, in em of the chart's text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .slides import Chart, font, theme
from .textfit import Piece, lines, text_width

LINE = 1.2          # em: a line of chart text
CAP_MIDDLE = 0.36   # em: from a label's baseline up to the middle of its capitals
SWATCH = 0.6        # em: a legend key's square
KEY_GAP = 0.3       # em: between a key and its name
ENTRY_GAP = 1.0     # em: between legend entries
DOUGHNUT_FILL = 0.92  # of the plot's shorter side, the doughnut's diameter
LABEL_GAP = 0.25    # em: between a bar's end and its value
AXIS_GAP = 0.4      # em: between the category axis and the names under it
NAMES_SHARE = 0.5   # of a bar chart's width at most, for its category names; a
                    # longer name wraps there, as the chart engines wrap it
NAMES_FILL = 0.95   # of a column's width, for its name under it
COLUMN_NAME_LINES = 3  # a column's name wraps to this many lines at most


@dataclass
class Label:
    x: float
    y: float          # the baseline
    text: str
    size: float
    color: str
    bold: bool = False
    anchor: str = "middle"   # SVG text-anchor: start, middle or end
    rotate: bool = False     # turned to read upwards (a vertical axis title)


@dataclass
class ChartView:
    chart: Chart
    x: float
    y: float
    w: float
    h: float
    paths: list[tuple[str, str]] = field(default_factory=list)   # (SVG path, fill)
    lines: list[tuple[float, float, float, float, float, str]] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)


def chart_view(chart: Chart, scale: float) -> ChartView:
    out = ChartView(chart, chart.x * scale, chart.y * scale, chart.w * scale, chart.h * scale)
    axis, label = chart.axis_size * scale, chart.label_size * scale
    h = out.h - (_legend(out, axis) if chart.legend else 0.0)
    if chart.kind == "doughnut":
        _doughnut(out, h, label)
    elif chart.kind == "column":
        _columns(out, h, axis, label, scale)
    else:
        _bars(out, h, axis, label, scale)
    return out


def _width(text: str, size: float, bold: bool = False) -> float:
    return text_width(text, size, font().face(bold, False))


def _legend(out: ChartView, size: float) -> float:
    """One centred row of keys under the plot; the height it takes."""
    c = out.chart
    names = c.categories if c.kind == "doughnut" else [s.name for s in c.series]
    widths = [(SWATCH + KEY_GAP) * size + _width(n, size) for n in names]
    x = (out.w - sum(widths) - ENTRY_GAP * size * (len(names) - 1)) / 2
    baseline = out.h - (LINE - 1) * size
    for name, color, w in zip(names, c.colors, widths):
        top = baseline - CAP_MIDDLE * size - SWATCH * size / 2
        out.paths.append((_rect(x, top, SWATCH * size, SWATCH * size), color))
        out.labels.append(Label(x + (SWATCH + KEY_GAP) * size, baseline, name, size,
                                c.text_color, anchor="start"))
        x += w + ENTRY_GAP * size
    return LINE * size * 1.5


def _doughnut(out: ChartView, h: float, size: float) -> None:
    c = out.chart
    values = c.series[0].values
    outer = min(out.w, h) * DOUGHNUT_FILL / 2
    inner = outer * theme()["chart"]["hole"] / 100
    cx, cy = out.w / 2, h / 2
    total, start = sum(values) or 1.0, 0.0
    for value, text, fill, ink in zip(values, c.series[0].labels, c.colors, c.label_colors):
        end = start + value / total
        out.paths.append((_ring(cx, cy, outer, inner, start, end), fill))
        mx, my = _point(cx, cy, (outer + inner) / 2, (start + end) / 2)
        out.labels.append(Label(mx, my + CAP_MIDDLE * size, text, size, ink, bold=True))
        start = end


def _columns(out: ChartView, h: float, axis: float, size: float, scale: float) -> None:
    c = out.chart
    slot = out.w / len(c.categories)
    # The category names under the axis, each wrapped to its column's width,
    # as the chart engines wrap them ("Site\n12").
    names = [_wrapped(n, axis, NAMES_FILL * slot, COLUMN_NAME_LINES) for n in c.categories]
    below = (AXIS_GAP + LINE * max(map(len, names))) * axis
    foot = h - below - (LINE * axis if c.category_title else 0.0)
    low, peak = _extent(c)
    top, bottom = LINE * size, foot - (LINE * size if low < 0 else 0.0)  # room for labels
    unit = (bottom - top) / ((peak - low) or 1.0)
    zero = top + peak * unit
    bar = slot / (len(c.series) + theme()["chart"]["gap_width"] / 100)
    for i, category in enumerate(c.categories):
        left = i * slot + (slot - bar * len(c.series)) / 2
        for j, (series, fill) in enumerate(zip(c.series, c.colors)):
            value, x = series.values[i], left + j * bar
            end = zero - value * unit
            out.paths.append((_rect(x, min(end, zero), bar, abs(value) * unit), fill))
            baseline = end - LABEL_GAP * size if value >= 0 else \
                end + (LABEL_GAP + 2 * CAP_MIDDLE) * size
            out.labels.append(Label(x + bar / 2, baseline, series.labels[i], size, c.text_color,
                                    bold=True))
        for n, line in enumerate(names[i]):
            out.labels.append(Label((i + 0.5) * slot, foot + (AXIS_GAP + LINE * (n + 1)
                                    - (LINE - 1)) * axis, line, axis, c.text_color))
    out.lines.append((0.0, zero, out.w, zero, 0.75 * scale, c.text_color))
    if c.category_title:
        out.labels.append(Label(out.w / 2, h - (LINE - 1) * axis, c.category_title, axis,
                                c.text_color))


def _bars(out: ChartView, h: float, axis: float, size: float, scale: float) -> None:
    c = out.chart
    title = LINE * axis if c.category_title else 0.0
    slot = h / len(c.categories)
    most = max(1, int(slot // (LINE * axis)))
    wrapped = [_wrapped(n, axis, NAMES_SHARE * (out.w - title), most) for n in c.categories]
    names = max(_width(line, axis) for name in wrapped for line in name) + LABEL_GAP * axis
    left = title + names
    low, peak = _extent(c)
    ends = [(v, _width(t, size, True) + LABEL_GAP * size)  # a label beyond each bar's end
            for s in c.series for v, t in zip(s.values, s.labels)]
    before = max((w for v, w in ends if v < 0), default=0.0)
    after = max((w for v, w in ends if v >= 0), default=0.0)
    unit = (out.w - left - before - after) / ((peak - low) or 1.0)
    zero = left + before - low * unit
    bar = slot / (len(c.series) + theme()["chart"]["gap_width"] / 100)
    for i, category in enumerate(c.categories):
        top = i * slot + (slot - bar * len(c.series)) / 2  # the first on top, as the deck
        for j, (series, fill) in enumerate(zip(c.series, c.colors)):
            value, y = series.values[i], top + j * bar
            end = zero + value * unit
            out.paths.append((_rect(min(end, zero), y, abs(value) * unit, bar), fill))
            gap = LABEL_GAP * size if value >= 0 else -LABEL_GAP * size
            out.labels.append(Label(end + gap, y + bar / 2 + CAP_MIDDLE * size, series.labels[i],
                                    size, c.text_color, bold=True,
                                    anchor="start" if value >= 0 else "end"))
        first = (i + 0.5) * slot + CAP_MIDDLE * axis - (len(wrapped[i]) - 1) * LINE * axis / 2
        for n, line in enumerate(wrapped[i]):
            out.labels.append(Label(left - LABEL_GAP * axis, first + n * LINE * axis, line,
                                    axis, c.text_color, anchor="end"))
    out.lines.append((zero, 0.0, zero, h, 0.75 * scale, c.text_color))
    if c.category_title:
        name = _wrapped(c.category_title, axis, h, 1)[0]  # upright: the chart's height
        out.labels.append(Label(axis, h / 2, name, axis, c.text_color, rotate=True))


def _wrapped(name: str, size: float, width: float, most: int) -> list[str]:
    """A category name in the lines it takes `width` points wide; past the
    `most` lines its place has, cut at a word with an ellipsis."""
    starts = lines([Piece(name)], size, width, font())
    out = [name[a:b].strip() for a, b in zip(starts, starts[1:] + [len(name)])]
    if len(out) <= most:
        return out
    last = out[most - 1]
    while " " in last and _width(last + "…", size) > width:
        last = last.rsplit(" ", 1)[0]
    return out[:most - 1] + [last.rstrip(",;:") + "…"]


def _extent(chart: Chart) -> tuple[float, float]:
    """The least and the greatest value, zero among them: bars start there."""
    values = [v for series in chart.series for v in series.values]
    return min(min(values), 0.0), max(max(values), 0.0)


def _rect(x: float, y: float, w: float, h: float) -> str:
    return f"M{x:.3f} {y:.3f}h{w:.3f}v{h:.3f}h{-w:.3f}z"


def _point(cx: float, cy: float, r: float, turn: float) -> tuple[float, float]:
    """The point `turn` of a full turn clockwise from twelve o'clock."""
    angle = 2 * math.pi * turn
    return cx + r * math.sin(angle), cy - r * math.cos(angle)


def _ring(cx, cy, outer, inner, start, end) -> str:
    """A slice of a ring from `start` to `end` (fractions of a turn)."""
    if end - start >= 1:  # a whole ring: two half rings
        return _ring(cx, cy, outer, inner, 0, 0.5) + _ring(cx, cy, outer, inner, 0.5, 1)
    large = 1 if end - start > 0.5 else 0
    (ax, ay), (bx, by) = _point(cx, cy, outer, start), _point(cx, cy, outer, end)
    (px, py), (qx, qy) = _point(cx, cy, inner, end), _point(cx, cy, inner, start)
    return (f"M{ax:.3f} {ay:.3f}A{outer:.3f} {outer:.3f} 0 {large} 1 {bx:.3f} {by:.3f}"
            f"L{px:.3f} {py:.3f}A{inner:.3f} {inner:.3f} 0 {large} 0 {qx:.3f} {qy:.3f}z")
