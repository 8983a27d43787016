"""A chart of the slide layout as shapes and labels for the handout's SVG.

The deck hands the chart engine the data and lets it lay the chart out;
the handout must draw it itself, where LibreOffice draws it (chartlayout
says where its parts go): a doughnut starting at twelve o'clock and running
clockwise, values on the slices that have room for them; bars from zero,
the value axis' ends the layout's, values at the bars' ends and no value
axis drawn (or, bars too many to label, no values but the axis' numbers
and gridlines), the category names at the plot's low edge, the first category and
the first series on top of a horizontal bar chart; the legend under the
plot, in the table's order, wrapped as LibreOffice wraps it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import chartlayout as layout
from .chartlayout import (ASCENT, AXIS_GAP, LABEL_GAP, LINE, TITLE_INSET, VALUE_GAP, Frame,
                          Rect)
from .slidemodel import Chart, theme

AXIS_WEIGHT = 0.75  # points: the category axis' line
TICK = 1.5 * layout.MM  # a tick's length, out from the axis between categories
GRID_WEIGHT = 0.75  # points: a drawn value axis' gridlines


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
    scale: float = 1.0

    # Drawing in the deck's points, from the chart's top-left corner; stored scaled.
    def rect(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        s = self.scale
        self.paths.append((_rect(x * s, y * s, w * s, h * s), fill))

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        s = self.scale
        self.lines.append((x1 * s, y1 * s, x2 * s, y2 * s, AXIS_WEIGHT * s,
                           self.chart.text_color))

    def text(self, x: float, y: float, text: str, size: float, color: str = "", **how) -> None:
        s = self.scale
        self.labels.append(Label(x * s, y * s, text, size * s, color or self.chart.text_color,
                                 **how))


def chart_view(chart: Chart, scale: float) -> ChartView:
    out = ChartView(chart, chart.x * scale, chart.y * scale, chart.w * scale, chart.h * scale,
                    scale=scale)
    parts = layout.frame(chart)
    if parts.legend:
        _legend(out, parts)
    if chart.kind == "doughnut":
        _doughnut(out)
    elif chart.kind == "column":
        _columns(out, parts)
    else:
        _bars(out, parts)
    return out


def _local(chart: Chart, rect: Rect) -> Rect:
    return Rect(rect.x - chart.x, rect.y - chart.y, rect.w, rect.h)


def _legend(out: ChartView, parts: Frame) -> None:
    """Each key's square centred on its name's first line, the name after it."""
    c, legend = out.chart, parts.legend
    size = c.axis_size
    for entry in legend.entries:
        x, y = entry.x - c.x, entry.y - c.y
        out.rect(x, y + (LINE * size - legend.key) / 2, legend.key, legend.key, entry.color)
        for n, line in enumerate(entry.lines):
            out.text(x + legend.key + legend.key_gap, y + (ASCENT + n * LINE) * size, line,
                     size, anchor="start")


def _doughnut(out: ChartView) -> None:
    c = out.chart
    cx, cy, outer, inner = layout.ring(c)
    cx, cy = cx - c.x, cy - c.y
    size = c.label_size
    for (start, end), text, fill, ink, shown in zip(layout.slices(c.series[0].values),
                                                    c.series[0].labels, c.colors,
                                                    c.label_colors, c.labelled):
        out.paths.append((_ring(cx * out.scale, cy * out.scale, outer * out.scale,
                                inner * out.scale, start, end), fill))
        if shown:
            mx, my = layout.point(cx, cy, (outer + inner) / 2, (start + end) / 2)
            out.text(mx, my + (ASCENT - LINE / 2) * size, text, size, ink, bold=True)


def _axis(chart: Chart, length: float) -> tuple[float, float]:
    """The value axis' low end and points per unit along `length`."""
    low, high = chart.scale
    return low, length / ((high - low) or 1.0)


def _columns(out: ChartView, parts: Frame) -> None:
    c = out.chart
    plot = _local(c, parts.plot)
    low, unit = _axis(c, plot.h)
    zero = plot.y + plot.h + low * unit
    slot, bar = layout.bar_pitch(c, plot.w)
    size, axis = c.label_size, c.axis_size
    for value, text in _ticks(c):  # a drawn value axis: its numbers right-aligned left of it
        y = zero - value * unit
        out.rect(plot.x, y - GRID_WEIGHT / 2, plot.w, GRID_WEIGHT, theme()["chart"]["grid"])
        out.text(plot.x - VALUE_GAP, y + (ASCENT - LINE / 2) * axis, text, axis, anchor="end")
    for i, name in enumerate(parts.names):
        left = plot.x + i * slot + (slot - bar * len(c.series)) / 2
        for j, (series, fill) in enumerate(zip(c.series, c.colors)):
            value, x = series.values[i], left + j * bar
            end = zero - value * unit
            out.rect(x, min(end, zero), bar, abs(value) * unit, fill)
            if c.step:
                continue
            baseline = end - LABEL_GAP - (LINE - ASCENT) * size if value >= 0 else \
                end + LABEL_GAP + ASCENT * size
            out.text(x + bar / 2, baseline, series.labels[i], size, bold=True)
        for n, line in enumerate(name):  # under the plot, at its low edge
            out.text(plot.x + (i + 0.5) * slot,
                     plot.y + plot.h + AXIS_GAP + (ASCENT + n * LINE) * axis, line, axis)
    out.line(plot.x, zero, plot.x + plot.w, zero)
    for i in range(len(c.categories) + 1):
        out.line(plot.x + i * slot, zero, plot.x + i * slot, zero + TICK)
    if parts.title:
        box = _local(c, parts.title_box)
        for n, line in enumerate(parts.title):
            out.text(box.x + box.w / 2,
                     box.y + (TITLE_INSET[1] + ASCENT + n * LINE) * axis, line, axis)


def _bars(out: ChartView, parts: Frame) -> None:
    c = out.chart
    plot = _local(c, parts.plot)
    low, unit = _axis(c, plot.w)
    zero = plot.x - low * unit
    slot, bar = layout.bar_pitch(c, plot.h)
    size, axis = c.label_size, c.axis_size
    for value, text in _ticks(c):  # a drawn value axis: its numbers centred under it
        x = zero + value * unit
        out.rect(x - GRID_WEIGHT / 2, plot.y, GRID_WEIGHT, plot.h, theme()["chart"]["grid"])
        out.text(x, plot.y + plot.h + VALUE_GAP + ASCENT * axis, text, axis)
    for i, name in enumerate(parts.names):
        top = plot.y + i * slot + (slot - bar * len(c.series)) / 2
        for j, (series, fill) in enumerate(zip(c.series, c.colors)):
            value, y = series.values[i], top + j * bar
            end = zero + value * unit
            out.rect(min(end, zero), y, abs(value) * unit, bar, fill)
            if c.step:
                continue
            out.text(end + (LABEL_GAP if value >= 0 else -LABEL_GAP),
                     y + bar / 2 + (ASCENT - LINE / 2) * size, series.labels[i], size,
                     bold=True, anchor="start" if value >= 0 else "end")
        # At the plot's low edge, a name's lines centred on one another
        first = plot.y + (i + 0.5) * slot - len(name) * LINE * axis / 2
        middle = plot.x - AXIS_GAP - max(layout.width(line, axis) for line in name) / 2
        for n, line in enumerate(name):
            out.text(middle, first + (ASCENT + n * LINE) * axis, line, axis)
    out.line(zero, plot.y, zero, plot.y + plot.h)
    for i in range(len(c.categories) + 1):
        out.line(zero - TICK, plot.y + i * slot, zero, plot.y + i * slot)
    if parts.title:
        box = _local(c, parts.title_box)
        # Upright, each line right of the last, centred on the diagram's height
        for n, line in enumerate(parts.title):
            out.text(layout.TITLE_LEFT + (layout.TITLE_BASELINE + n * LINE) * axis,
                     box.y + box.h / 2, line, axis, rotate=True)


def _ticks(chart: Chart) -> list[tuple[float, str]]:
    """A drawn value axis' steps, from its low end: (value, its number)."""
    return [(chart.scale[0] + n * chart.step, text) for n, text in enumerate(chart.ticks)] \
        if chart.step else []


def _rect(x: float, y: float, w: float, h: float) -> str:
    return f"M{x:.3f} {y:.3f}h{w:.3f}v{h:.3f}h{-w:.3f}z"


def _ring(cx, cy, outer, inner, start, end) -> str:
    """A slice of a ring from `start` to `end` (fractions of a turn)."""
    if end - start >= 1:  # a whole ring: two half rings
        return _ring(cx, cy, outer, inner, 0, 0.5) + _ring(cx, cy, outer, inner, 0.5, 1)
    large = 1 if end - start > 0.5 else 0
    (ax, ay), (bx, by) = layout.point(cx, cy, outer, start), layout.point(cx, cy, outer, end)
    (px, py), (qx, qy) = layout.point(cx, cy, inner, end), layout.point(cx, cy, inner, start)
    return (f"M{ax:.3f} {ay:.3f}A{outer:.3f} {outer:.3f} 0 {large} 1 {bx:.3f} {by:.3f}"
            f"L{px:.3f} {py:.3f}A{inner:.3f} {inner:.3f} 0 {large} 0 {qx:.3f} {qy:.3f}z")
