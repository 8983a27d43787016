"""Fitting bullets to slides, measured with the deck font's own metrics.

Paragraphs are set at a size (their gaps scaled, their indents kept, a link
or a group held by no-break spaces that is too long for a line loosened)
and measured; bullets shrink to a comfortable size and then continue on
"(cont.)" slides, balanced so the last is not a stub, never ending a slide
between an item and its sub-items where they fit together. textfit does
the measuring; titles (slidetitle), tables (slidetablefit), code
(slidecodefit) and columns (slidecolumns) fit in their own modules.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .keptwhole import NO_BREAK_SPACE
from .model import list_marker
from .slidemodel import Paragraph, Run, font
from .textfit import (FILL, Piece, block_height, line_height, lines, text_width, widest_word,
                      words, wrap)

# A column is this much wider than its text needs: the deck stores widths in
# whole EMUs, rounded down, which must not push a word onto another line.
ROUNDING = 0.1


def pieces_of(runs: list[Run], bold: bool = False) -> list[Piece]:
    return [Piece(r.text, r.bold or bold, r.italic, bool(r.url), r.code, r.small_caps)
            for r in runs]


def face_of(run: Run) -> Path:
    """The font file a run is measured with."""
    return font().face(run.bold, run.italic, run.code)


def text_height(paragraphs: list[Paragraph], size: float, width: float, spec: dict,
            bold: bool = False) -> float:
    """The height the paragraphs take at `size` in a box `width` wide."""
    count = sum(wrap(pieces_of(p.runs, bold), size, width - p.indent, font(),
                     first_indent=-p.hanging) for p in paragraphs)
    gaps = sum(p.space_before for p in paragraphs[1:])
    return block_height(count, size, spec["line_spacing"]) + gaps if paragraphs else 0.0


def sizes_down(start: float, stop: float):
    """The sizes a fit tries, largest first: from `start` down to `stop`, 2 pt apart."""
    size = start
    while size >= stop:
        yield size
        size -= 2


def set_size(items: list[Paragraph], size: float, width: float,
              spec: dict) -> list[Paragraph]:
    """The paragraphs as set at `size` in a box `width` wide: the space
    between them scales with the text, indents stay put as in a master."""
    gap = spec["paragraph_gap"] * size
    hangs = _hangs(items, size, spec)
    out = []
    for i, p in enumerate(items):
        indent, hang = indent_of(p, spec), hangs.get((p.level, p.numbering)) if p.number else None
        if hang is not None:
            indent += hang - spec["bullet_indent"]
        runs = [piece for r in unkept(p.runs, size, width - indent)
                for piece in unlinked(r, size, width - indent)]
        out.append(Paragraph(runs, p.level, p.hanging, gap if i else 0.0, indent, p.number,
                             p.numbering, hang, p.continued, p.align))
    return out


def _hangs(items: list[Paragraph], size: float, spec: dict) -> dict[tuple, float]:
    """The hang that numbers too wide for the box's bullet_indent ("10.",
    "(viii)") need, by (level, numbering): the widest number's width and the
    theme's number_gap, so that a list's text stays aligned, where PowerPoint
    would push it to the next tab stop and LibreOffice run the number into it.
    Lists whose numbers fit ("1.", "a.") are left out."""
    hangs: dict[tuple, float] = {}
    for p in items:
        if p.number and p.level >= 0:
            width = text_width(list_marker(*p.numbering, p.number), size, font().regular)
            key = (p.level, p.numbering)
            hangs[key] = max(hangs.get(key, 0.0), width + spec["number_gap"] * size)
    return {key: hang for key, hang in hangs.items() if hang > spec.get("bullet_indent", 0)}


def unlinked(run: Run, size: float, line: float) -> list[Run]:
    """A link too long for a line, as links that each fit one: its text cut
    after each slash, and a piece longer than a line still also before each
    dot in it (where Chicago and APA break an address; never at a hyphen,
    which reads as one added), every piece linked to the whole address.
    LibreOffice lays a link out as one field that it never breaks
    (textfit.Piece.whole), but it breaks a line between two fields. A piece
    longer than a line even so and the link is lost: it would run out of
    its box."""
    if not run.url or text_width(run.text, size, face_of(run)) <= line:
        return [run]
    fits = lambda piece: text_width(piece, size, face_of(run)) <= line  # noqa: E731
    pieces = [dotted for piece in _ADDRESS_PARTS.findall(run.text)
              for dotted in ([piece] if fits(piece) else _BEFORE_DOTS.findall(piece))]
    if not all(fits(p) for p in pieces):
        return [replace(run, url="")]
    return [replace(run, text=p) for p in pieces]


_ADDRESS_PARTS = re.compile(r"[^/]*/+|[^/]+")  # each ends after its slashes
_BEFORE_DOTS = re.compile(r"\.*[^.]+|\.+")      # each starts at its dot


def unkept(runs: list[Run], size: float, line: float) -> list[Run]:
    """The runs with plain spaces where no-break spaces hold together a group
    wider than a line ("F(1, 116) = 6.12" in a narrow column): LibreOffice
    would break it between two characters, as any word too long for its
    line, and set half a number on each; at its spaces it reads whole."""
    text = "".join(r.text for r in runs)
    if NO_BREAK_SPACE not in text:  # no group held together: none to measure
        return runs
    wide = [(start, end) for start, end, width in words(pieces_of(runs), size, font())
            if width > line * FILL and NO_BREAK_SPACE in text[start:end]]
    if not wide:
        return runs
    out, at = [], 0
    for run in runs:
        if not (run.url or run.code):
            run = replace(run, text="".join(
                " " if char == NO_BREAK_SPACE and any(a <= at + i < b for a, b in wide) else char
                for i, char in enumerate(run.text)))
        out.append(run)
        at += len(run.text)
    return out


def indent_of(p: Paragraph, spec: dict) -> float:
    """Left indent of a paragraph's text (bullets hang in front of it)."""
    if p.hanging:
        return p.hanging
    if p.level < 0:
        return 0.0
    return spec.get("bullet_indent", 0) + p.level * spec.get("level_indent", 0)


def paginate(items: list[Paragraph], width: float, room: float,
              spec: dict) -> tuple[list[list[Paragraph]], float]:
    """(chunks, size): everything on one slide at the largest size down to
    `split_size`; else split there (smaller only if one item alone needs it)
    into as few slides as fit, balanced so the last is not a stub, and then
    set at the largest size that needs no more of them. A slide
    ends between lists, not inside one, where a list fits a slide whole; and
    never between an item and its sub-items, where those fit together,
    unless keeping them together takes a slide more (then it ends after a
    sub-item, never on an item whose sub-items it does not show)."""
    if not items:
        return [[]], spec["size"]
    fitting = None  # the largest size that fits, should every size break a word
    for size in sizes_down(spec["size"], spec["split_size"]):
        sized = set_size(items, size, width, spec)
        if text_height(sized, size, width, spec) <= room:
            if words_whole(sized, size, width):
                return [sized], size
            fitting = fitting or ([sized], size)
    if fitting:
        return fitting
    for size in sizes_down(spec["split_size"], spec["min_size"]):
        if all(text_height(set_size([p], size, width, spec), size, width, spec) <= room
               for p in items):
            break
    else:  # cut between lines at this size, which no other size may keep
        items = [piece for p in items for piece in _split_long(p, size, width, room, spec)]
        return [set_size([p for unit in s for p in unit], size, width, spec)
                for s in _split(items, size, width, room, spec)], size
    slides = _split(items, size, width, room, spec)
    # Split slides hold less each: the same slides as large as each fits
    # (three of six bullets were left at split_size, half the slide empty).
    for larger in sizes_down(spec["size"], size + 1):
        if words_whole(set_size(items, larger, width, spec), larger, width) and all(
                _height(s, larger, width, spec) <= room for s in slides):
            size = larger
            break
    return [set_size([p for unit in s for p in unit], size, width, spec) for s in slides], size


def _split(items: list[Paragraph], size, width, room, spec) -> list[list[list[Paragraph]]]:
    """The items at `size` over as few slides as hold them, balanced."""
    slides = _greedy(_units(items, size, width, room, spec), size, width, room, spec)
    finer = _greedy(_glued(items, size, width, room, spec), size, width, room, spec)
    if len(finer) < len(slides):  # a list kept whole would cost a slide: split it
        slides = finer
    return _balanced(slides, size, width, spec)


def words_whole(items: list[Paragraph], size: float, width: float) -> bool:
    """Whether every word of the paragraphs set at `size` fits its line: a
    long compound ("Rindfleischetikettierungsüberwachungsgesetz") would
    otherwise break between letters, with no hyphen. Links are left out:
    one too long for a line breaks at any size."""
    return all(widest_word(pieces_of([r for r in p.runs if not r.url]), size, font())
               <= (width - p.indent) * FILL for p in items)


def _units(items: list[Paragraph], size, width, room, spec) -> list[list[Paragraph]]:
    """The items in runs that stay on one slide: an item with the deeper
    items after it (its sub-items, or the list a paragraph leads into), as
    long as they fit a slide together; else the item alone and its
    sub-items in runs of their own, by the same rule one level down."""
    out = []
    for family in _families(items):
        sized = set_size(family, size, width, spec)
        if len(family) == 1 or text_height(sized, size, width, spec) <= room:
            out.append(family)
        else:
            out.extend([[family[0]]] + _units(family[1:], size, width, room, spec))
    return out


def _glued(items: list[Paragraph], size, width, room, spec) -> list[list[Paragraph]]:
    """Each item a run of its own, but an item with deeper items after it
    glued to the first of them, while they fit a slide: a slide never ends
    on a heading of what it does not show."""
    out: list[list[Paragraph]] = []
    for item in items:
        if out and out[-1][-1].level < item.level and \
                _height([out[-1] + [item]], size, width, spec) <= room:
            out[-1].append(item)
        else:
            out.append([item])
    return out


def _families(items: list[Paragraph]) -> list[list[Paragraph]]:
    """Each item with the items after it that are nested deeper than it."""
    out: list[list[Paragraph]] = []
    for item in items:
        if out and item.level > out[-1][0].level:
            out[-1].append(item)
        else:
            out.append([item])
    return out


def _greedy(units, size, width, room, spec) -> list[list[list[Paragraph]]]:
    """The runs on slides, each slide taking as many as fit `room`: a slide
    is not continued while it has room for what follows."""
    slides: list[list[list[Paragraph]]] = [[]]
    for unit in units:
        if slides[-1] and _height(slides[-1] + [unit], size, width, spec) > room:
            slides.append([])
        slides[-1].append(unit)
    return slides


def _balanced(slides, size, width, spec) -> list[list[list[Paragraph]]]:
    """The last slide given runs from the end of the one before while that
    brings the two nearer in height: so it is not a stub (three bullets of
    eight lines, then one of three, were left so: two and two, of five and
    six, had made the last the taller), and the slides before stay full."""
    height = lambda units: _height(units, size, width, spec)  # noqa: E731
    while len(slides) > 1 and len(slides[-2]) > 1:
        before, last = slides[-2][:-1], [slides[-2][-1]] + slides[-1]
        if abs(height(last) - height(before)) >= abs(height(slides[-1]) - height(slides[-2])):
            break
        slides[-2:] = [before, last]
    return slides


def _height(units, size, width, spec) -> float:
    return text_height(set_size([p for unit in units for p in unit], size, width, spec), size,
                       width, spec)


def _split_long(p: Paragraph, size, width, room, spec) -> list[Paragraph]:
    """A paragraph taller than a whole slide, cut between lines into pieces
    that fit (the room holds a line at least: slides._content checks); each
    piece after the first continues the bullet, not a new one."""
    sized = set_size([p], size, width, spec)[0]
    starts = lines(pieces_of(sized.runs), size, width - sized.indent, font(), -p.hanging)
    per_slide = int((room - block_height(0, size)) // line_height(size, spec["line_spacing"]))
    out, previous = [], 0
    for cut in starts[per_slide::per_slide] + [None]:
        out.append(Paragraph(slice_runs(sized.runs, previous, cut), p.level, p.hanging,
                             number=p.number, numbering=p.numbering, continued=bool(out),
                             align=p.align))
        previous = cut
    return out


def slice_runs(runs: list[Run], start: int, end: int | None) -> list[Run]:
    """The runs' text from `start` to `end` (offsets into their joined text)."""
    out, offset = [], 0
    for run in runs:
        a, b = offset, offset + len(run.text)
        offset = b
        lo, hi = max(a, start), b if end is None else min(b, end)
        if lo < hi:
            out.append(replace(run, text=run.text[lo - a:hi - a]))
    return out
