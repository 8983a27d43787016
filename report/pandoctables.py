"""Pandoc's tables that markdown-it does not read (it reads pipe tables):
simple tables, as block rules that push the very tokens markdown-it's own
table rule pushes, so the reader takes every table alike."""

from __future__ import annotations

import re


def register(md) -> None:
    # Before setext headings: a header over dashes is a table, not a heading.
    md.block.ruler.before("lheading", "simple_table", simple_table)


def simple_table(state, start: int, end: int, silent: bool) -> bool:
    """Pandoc's simple table: a header line, dashes under each column (two
    columns at least: one is a setext heading), then rows up to a blank
    line. A column's alignment is where its header sits over its dashes:
    flush right, right; flush left, left; neither, centred."""
    def text(n: int) -> str:
        return state.src[state.bMarks[n]:state.eMarks[n]]

    if (state.sCount[start] - state.blkIndent >= 4 or start + 2 >= end
            or not text(start).strip() or not _DASH_RULE.fullmatch(text(start + 1))):
        return False
    spans = [m.span() for m in re.finditer(r"-+", text(start + 1))]
    if len(spans) < 2 or state.isEmpty(start + 2):
        return False
    if silent:
        return True
    last = start + 2
    while last < end and not state.isEmpty(last):
        last += 1
    aligns = [_column_align(text(start), span) for span in spans]
    state.push("table_open", "table", 1).map = [start, last]
    for kind, first, stop in (("thead", start, start + 1), ("tbody", start + 2, last)):
        state.push(f"{kind}_open", kind, 1)
        for n in range(first, stop):
            state.push("tr_open", "tr", 1)
            for cell, align in zip(_cells(text(n), spans), aligns, strict=True):
                tag = "th" if kind == "thead" else "td"
                state.push(f"{tag}_open", tag, 1).attrs = {"style": f"text-align:{align}"}
                inline = state.push("inline", "", 0)
                inline.content, inline.map, inline.children = cell, [n, n + 1], []
                state.push(f"{tag}_close", tag, -1)
            state.push("tr_close", "tr", -1)
        state.push(f"{kind}_close", kind, -1)
    state.push("table_close", "table", -1)
    state.line = last
    return True


_DASH_RULE = re.compile(r" *-+( +-+)+ *")


def _cells(line: str, spans: list[tuple[int, int]]) -> list[str]:
    """A row's cells: each from its column's first dash to the next column's."""
    starts = [0] + [s for s, _ in spans[1:]]
    ends = [s for s, _ in spans[1:]] + [len(line)]
    return [line[a:b].strip() for a, b in zip(starts, ends, strict=True)]


def _column_align(header: str, span: tuple[int, int]) -> str:
    cell = header.ljust(span[1])[span[0]:span[1]]
    left, right = cell[:1].strip() != "", cell[-1:].strip() != ""
    if left and right:
        return "left"  # Pandoc's default alignment
    return "right" if right else "left" if left else "center"
