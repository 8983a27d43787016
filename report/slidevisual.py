"""A visual placed in its column: a chart, table, picture or code block
with its caption above it and its notes (APA's "*Note.* …") below.

A picture or chart keeps a least share of the slide's height: where its
caption and notes would leave it less, they are cut with an ellipsis (the
speaker notes say them whole), so the picture stays legible.
"""

from __future__ import annotations

from dataclasses import replace

from .model import Figure, Table
from .slidecharts import CodePart, TablePart, chart, code, picture, table
from .slidecut import cut_paragraphs
from .slidefit import pieces_of, text_height
from .slidelabels import label_of, title_of
from .slidemodel import Box, Paragraph, SlideLayout, font, frame, theme
from .slideruns import body_runs, broken_lines
from .textfit import wrap


def place_visual(slide: SlideLayout, visual, x, y, w, h) -> bool:
    """A caption over the chart, table or picture, which takes the rest of the
    column (a table or code block only its own height, from the top); its
    notes under it. Whether the caption or notes are cut to leave a picture
    room (_framed)."""
    caption, notes = _framed(visual, w, h)
    cut = (caption, notes) != (_caption(visual, 0, 0, w), _notes_box(visual, 0, 0, w))
    caption, notes = (box and replace(box, x=x, y=y) for box in (caption, notes))
    gap = theme()["visual"]["caption_gap"]
    if caption:
        slide.boxes.append(caption)
        y, h = y + caption.h + gap, h - caption.h - gap
    if notes:
        h -= notes.h + gap
    if isinstance(visual, TablePart):
        shape = table(visual, x, y)
        slide.tables.append(shape)
        assert shape.h <= h + 0.01, "fit_table keeps every part within its room"
    elif isinstance(visual, CodePart):
        shape = code(visual, x, y, w)
        slide.codes.append(shape)
    elif isinstance(visual, Table):
        shape = chart(_titled(visual), x, y, w, h)
        slide.charts.append(shape)
    else:
        shape = picture(_titled(visual), x, y, w, h)
        slide.pictures.append(shape)
    if notes:  # right under what they explain, as in the brief
        slide.boxes.append(replace(notes, y=shape.y + shape.h + gap))
    return cut


def _titled(visual):
    """A chart or picture as its alt text names it: by its title, the
    label left to its caption box, which is read just before it."""
    return replace(visual, caption=title_of(visual.caption))


def framing(visual, w, h: float | None = None) -> float:
    """The height a visual's caption above it and its notes below it take,
    with their gaps, in a column `w` wide (`h` tall: as _framed cuts them)."""
    gap = theme()["visual"]["caption_gap"]
    return sum(box.h + gap for box in _framed(visual, w, h) if box)


def _framed(visual, w, h: float | None = None) -> tuple[Box | None, Box | None]:
    """The visual's caption and notes boxes at (0, 0) in a column `w` × `h`:
    whole, or, for a picture or chart they would leave less than
    _picture_need (a table of text, its rows too), cut with an ellipsis (the
    caption first, then the notes, each to one line at the least); the
    speaker notes say them whole (slidenotes.spoken_whole)."""
    caption, notes = _caption(visual, 0, 0, w), _notes_box(visual, 0, 0, w)
    if h is None or not isinstance(visual, (Figure, Table, TablePart)):
        return caption, notes
    need, gap = _picture_want(visual, w), theme()["visual"]["caption_gap"]

    def fits(*boxes) -> bool:
        return h - sum(box.h + gap for box in boxes if box) >= need
    caption = _cut_box(caption, lambda c: fits(c, notes), w)
    return caption, _cut_box(notes, lambda n: fits(caption, n), w)


def _cut_box(box: Box | None, fits, w) -> Box | None:
    """The caption or notes box, whole if it `fits`, else cut to the most
    lines that fit (one at the least)."""
    if box is None or fits(box):
        return box
    spec, cut = theme()["body"], box
    count = sum(wrap(pieces_of(p.runs, box.bold), box.size, w - p.indent, font(),
                     first_indent=-p.hanging) for p in box.paragraphs)
    for lines in range(count - 1, 0, -1):
        paragraphs = cut_paragraphs(box.paragraphs, box.size, w, lines, box.bold)
        cut = replace(box, paragraphs=paragraphs,
                      h=text_height(paragraphs, box.size, w, spec, bold=box.bold))
        if fits(cut):
            break
    return cut


def _picture_need(visual, w) -> float:
    """The least height a picture or chart keeps under its caption in a
    column `w` wide: `visual.least_picture` of the slide's height, or less
    if the picture is no taller than that across the column (a table's
    rows, than they stand as fitted)."""
    least = theme()["visual"]["least_picture"] * frame()[2]
    if isinstance(visual, TablePart):
        return min(table(visual, 0, 0).h, least)
    if not isinstance(visual, Figure):
        return least
    return min(picture(visual, 0, 0, w, float("inf")).h, least)


def _picture_want(visual, w) -> float:
    """The height a picture is left under its caption in a column `w` wide
    (_framed cuts the caption and notes for it): its least (_picture_need),
    or, for a tall thin one, the height at which it is deck.toml's
    visual.least_side of the slide's height wide (the column's whole
    height, if it is not so tall)."""
    need = _picture_need(visual, w)
    if not isinstance(visual, Figure):
        return need
    whole = picture(visual, 0, 0, w, float("inf"))
    side = theme()["visual"]["least_side"] * frame()[2]
    return min(whole.h, max(need, side * whole.h / whole.w))


def legible(visual, w, h) -> bool:
    """Whether a picture keeps _picture_need in a column `w` × `h` with its
    caption and notes (cut as _framed cuts them); anything else, True."""
    if not isinstance(visual, Figure):
        return True
    return h - framing(visual, w, h) >= _picture_need(visual, w) - 0.01


def _notes_box(visual, x, y, w) -> Box | None:
    """A table's or figure's notes (APA §7.14: "*Note.* …", "\\**p* < .05."),
    a paragraph each, smaller than the text, in a box `w` wide at (x, y);
    None without them."""
    notes = getattr(visual, "notes", None)
    if not notes:
        return None
    t = theme()
    paragraphs = [Paragraph(body_runs(line), -1) for note in notes
                  for line in _lines(note.children)]
    size = t["visual"]["note_size"]
    h = text_height(paragraphs, size, w, t["body"])
    return Box("note", x, y, w, h, paragraphs, size, t["colors"]["text"],
               line_spacing=t["body"]["line_spacing"])


def _lines(inlines: list) -> list[list]:
    """The inlines cut at their line breaks: a slide's paragraphs, where a
    slide sets a line break as a space (a note's kinds each start a line)."""
    return [line for line in broken_lines(inlines) if line]


def _caption(visual, x, y, w) -> Box | None:
    """The visual's caption in a box `w` wide at (x, y): its label in bold
    on a line of its own over its title in italics (slidelabels.labelled),
    or, unnumbered, its title in bold; None without one."""
    if not visual.caption:
        return None
    t = theme()
    label, size = label_of(visual.caption), t["visual"]["caption_size"]
    lines = [label, visual.caption[1:]] if label else [visual.caption]
    paragraphs = [Paragraph(body_runs(line), -1) for line in lines if line]
    h = text_height(paragraphs, size, w, t["body"], bold=not label)
    return Box("caption", x, y, w, h, paragraphs, size, t["colors"]["text"],
               bold=not label, line_spacing=t["body"]["line_spacing"])
