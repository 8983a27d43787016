"""What each slide of a draft shows: its bullets, and where its visual goes.

A chart, table, picture or code block stands beside the bullets when both
fit one slide at a comfortable size; a wide picture, or a table or code
block that fits whole, under them, across the slide; else on slides of its
own after them (a table's rows, a block's lines, over as many as they
need). What a slide leaves out of a table or code block is said in a
warning at its line.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from . import slidelabels
from .errors import warn
from .model import CodeBlock, Figure, Table, plain_text
from .slidecharts import CodePart, TablePart, chart_fits, chartable, picture, table_alt
from .slidecodefit import fit_code
from .slidedrafts import Draft, where
from .slidefit import paginate, set_size, sizes_down, text_height, words_whole
from .slidemodel import Paragraph, frame, theme
from .slidelabels import title_of
from .slideparts import bullets_width
from .slideruns import cell_runs
from .slidetablefit import fit_table
from .slidevisual import framing, legible


class Page(NamedTuple):
    """What one slide of a draft shows: its bullets at `size`, and a visual
    beside them (or `under` them, across the slide), or none. A visual is a
    chart, a table (or some of its rows), a picture or a code block (or some
    of its lines)."""
    chunk: list[Paragraph]
    size: float
    visual: object = None
    under: bool = False


def draft_pages(draft: Draft, width: float, room: float, words: dict) -> list[Page]:
    """The slides of the draft. A visual shares the first slide when the
    bullets fit beside it at a comfortable size (and a table in its column
    without a split, a picture with its least room: legible), or a table
    under them, across the slide; otherwise
    it gets slides of its own after them, a table as many as its rows need.
    A table or figure the brief numbers is labelled so ("Table 1")."""
    spec = theme()["body"]
    draft = replace(draft, visual=slidelabels.labelled(draft.visual, words))
    if draft.visual is None or not draft.items:
        chunks, size = paginate(draft.items, width, room, spec)
        sizes = _lists_whole(draft.items, chunks, size, width, room) if draft.digest else None
        if sizes:
            chunks, size = [c for c, _ in sizes], sizes[-1][1]
        sizes = [at for _, at in sizes] if sizes else [size] * len(chunks)
        parts = _visual_parts(draft.visual, width, room, words)
        return [Page(c, at) for c, at in zip(chunks[:-1], sizes)] + \
            [Page(chunks[-1], size, parts[0])] + [Page([], size, part) for part in parts[1:]]
    narrow = bullets_width(width)
    beside_w = width - narrow - theme()["visual"]["gutter"]
    wide = _wide_picture(draft, width, room, beside_w)
    if wide is not None:
        return [wide]
    chunks, size = paginate(draft.items, narrow, room, spec)
    if len(chunks) == 1 and not _chart_alone(draft.visual, beside_w, width, room) \
            and legible(draft.visual, beside_w, room):
        beside = _visual_parts(draft.visual, beside_w, room, words)
        if len(beside) == 1 and _unsplit(beside[0]):
            return [Page(chunks[0], size, beside[0])]
    for chunk, at in _one_slide(draft.items, width, room):
        under = _under(draft.visual, [chunk], at, width, room, words) or \
            _chart_under(draft.visual, chunk, at, width, room)
        if under is not None:
            return [Page(chunk, at, under, under=True)]
    chunks, size = paginate(draft.items, width, room, spec)
    parts = _visual_parts(draft.visual, width, room, words)
    shared = _first_under_bullets(draft.visual, chunks, size, width, room, words, parts)
    if shared is not None:
        return [Page(chunks[0], size, shared[0], under=True)] + \
            [Page([], size, part) for part in shared[1:]]
    return [Page(c, size) for c in chunks] + [Page([], size, part) for part in parts]


def _lists_whole(items: list[Paragraph], chunks: list[list[Paragraph]], size: float,
                 width: float, room: float) -> list[tuple[list[Paragraph], float]] | None:
    """A digest's slides, (bullets, size) each, where its two slides split a
    list (or quotation) from the sentence that introduces it: the second
    from that sentence on, each at its largest size down to `under_size`
    (a digest's list of four steps was split after its first, where keeping
    it whole took 6 pt less on its slide only). None if they split none,
    if the first would hold one bullet, or no size sets them so."""
    cut = len(chunks[0])
    if len(chunks) != 2 or items[cut].level == 0:
        return None
    lead = max((n for n in range(cut) if items[n].level == 0), default=0)
    if lead < 2:  # a slide of one bullet before a list in small type reads worse than a split
        return None
    out = [_largest(half, size, width, room) for half in (items[:lead], items[lead:])]
    return out if all(out) else None


def _largest(items: list[Paragraph], size: float, width: float,
             room: float) -> tuple[list[Paragraph], float] | None:
    """(the bullets, their size): the largest from `size` down to
    `under_size` that sets them whole on one slide; None if none does."""
    spec = theme()["body"]
    for smaller in sizes_down(size, spec.get("under_size", spec["split_size"])):
        sized = set_size(items, smaller, width, spec)
        if text_height(sized, smaller, width, spec) <= room and \
                words_whole(sized, smaller, width):
            return sized, smaller
    return None


def _one_slide(items: list[Paragraph], width: float, room: float):
    """(the bullets, their size) at each size from the largest that fits
    one slide down to the body's under_size: a visual under them gains the
    room a smaller size leaves (bullets at 28 pt on one slide, a table of
    four lines alone on the next, left that slide two-thirds empty; three
    bullets at 24 pt left a table of six rows and a caption 13 pt short)."""
    spec = theme()["body"]
    chunks, size = paginate(items, width, room, spec)
    if len(chunks) > 1:
        return
    yield chunks[0], size
    for smaller in sizes_down(size - 2, spec.get("under_size", spec["split_size"])):
        sized = set_size(items, smaller, width, spec)
        if text_height(sized, smaller, width, spec) <= room and \
                words_whole(sized, smaller, width):
            yield sized, smaller


def _chart_under(visual, chunk: list[Paragraph], size: float, width: float, room: float):
    """A chart under bullets on one slide, across it, where it stands there
    as on a slide of its own (each value on its bar if it is so there) and
    keeps a picture's least room; else None (it stands alone after them)."""
    if not _charted(visual, width, room):
        return None
    below = room - text_height(chunk, size, width, theme()["body"]) \
        - theme()["visual"]["stack_gap"]
    if below <= 0 or below - framing(visual, width, below) < \
            theme()["visual"]["least_picture"] * frame()[2]:
        return None
    labelled = _charted(visual, width, room, labelled=True)
    return visual if _charted(visual, width, below, labelled) else None


def _chart_alone(visual, beside_w: float, width: float, room: float) -> bool:
    """Whether a table of numbers stands as a chart on a slide of its own
    but not, each value on its bar, beside the bullets: it gets that slide
    after them (where it has the most room), not shown as a table of text
    beside them."""
    return _charted(visual, width, room) and not _charted(visual, beside_w, room, labelled=True)


def _charted(visual, w: float, h: float, labelled: bool = False) -> bool:
    """Whether the visual is shown as a chart in a column `w` × `h` (its
    caption above it), with each value on its bar if `labelled`."""
    if not isinstance(visual, Table) or not chartable(visual):
        return False
    return chart_fits(visual, w, h - framing(visual, w, h), labelled)


def _wide_picture(draft: Draft, width: float, room: float, beside_w: float):
    """A picture under bullets that fill one slide, across it, where it shows
    `visual.under_gain` times larger than beside them (a wide one, 4:1) and
    keeps its least room (legible); else None."""
    if not isinstance(draft.visual, Figure):
        return None
    spec = theme()["body"]
    chunks, size = paginate(draft.items, width, room, spec)
    if len(chunks) > 1:
        return None
    below = room - text_height(chunks[0], size, width, spec) - theme()["visual"]["stack_gap"]
    gain = theme()["visual"]["under_gain"]
    if below <= 0 or not legible(draft.visual, width, below):
        return None
    if _shown_area(draft.visual, width, below) <= gain * _shown_area(draft.visual, beside_w, room):
        return None
    return Page(chunks[0], size, draft.visual, under=True)


def _shown_area(figure: Figure, w: float, h: float) -> float:
    """The picture's area as placed in a box `w` × `h`, under its caption."""
    h -= framing(figure, w, h)
    shown = picture(figure, 0, 0, w, h) if h > 0 else None
    return shown.w * shown.h if shown else 0.0


def _under(visual, chunks, size, width: float, room: float, words: dict):
    """A table of text or a code block whole under bullets that fill one
    slide at `size`, across the slide, if it fits there without a split;
    else None (a chart or picture takes the height it is given: it stands
    beside or alone)."""
    if len(chunks) > 1 or not (isinstance(visual, Table) and not chartable(visual)
                               or isinstance(visual, CodeBlock)):
        return None
    below = room - text_height(chunks[0], size, width, theme()["body"]) \
        - theme()["visual"]["stack_gap"]
    if below <= 0:
        return None
    parts = _visual_parts(visual, width, below, words)
    if len(parts) > 1:
        return _code_shrunk_under(visual, width, below)
    return parts[0] if _unsplit(parts[0]) or _as_alone(parts[0], visual, width, room, words) \
        else None


def _code_shrunk_under(visual, width: float, below: float):
    """A code block whole under the bullets in smaller type, down to
    `code.under_size`, rather than on a slide of its own after a slide of
    lonely bullets; None if it does not fit so (or is no code block)."""
    if not isinstance(visual, CodeBlock):
        return None
    spec = theme()["code"]
    fit = fit_code(visual.text, width, below, {**spec, "split_size": spec["under_size"]})
    return CodePart(fit, fit.pages[0]) if len(fit.pages) == 1 and not fit.cut else None


def _as_alone(part, visual, width: float, room: float, words: dict) -> bool:
    """Whether a code block or table under bullets is set as on a slide of
    its own: one whose longest line sets its size (a line of 100 characters,
    14 pt anywhere), or a table whose widest words leave the same columns
    out at the same size, loses nothing there."""
    if isinstance(part, CodePart):
        return len(part.fit.pages) == 1 and \
            part.fit.size == fit_code(visual.text, width, room, theme()["code"]).size
    if not isinstance(part, TablePart):
        return False
    fit, alone = part.fit, _visual_parts(visual, width, room, words)
    return len(fit.pages) == 1 and len(alone) == 1 and not (fit.hidden_rows or fit.cut_rows) \
        and (fit.size, fit.hidden_columns) == (alone[0].fit.size, alone[0].fit.hidden_columns)


def _first_under_bullets(visual, chunks, size, width: float, room: float, words: dict, parts: list):
    """The slides of a table of text or a code block that continues over
    several, the first under bullets that fill one slide at `size` (no slide
    of lonely bullets): if that first slide shows `least_under` rows or
    lines or more, and leaves out nothing that `parts` (its slides after the
    bullets') show."""
    if len(chunks) > 1 or len(parts) < 2 or not isinstance(parts[0], (TablePart, CodePart)):
        return None
    below = room - text_height(chunks[0], size, width, theme()["body"]) \
        - theme()["visual"]["stack_gap"]
    shared = _visual_parts(visual, width, room, words, first=below)
    (held, lost), (_, lost_apart) = _held(shared[0]), _held(parts[0])
    kind = "table" if isinstance(parts[0], TablePart) else "code"
    return shared if held >= theme()[kind]["least_under"] and lost <= lost_apart else None


def _held(part) -> tuple[int, int]:
    """(the rows or lines a slide of a table or code block shows, how many of
    them its slides leave out)."""
    if isinstance(part, TablePart):
        return len(part.rows), part.fit.hidden_rows
    return len(part.lines), part.fit.hidden


def _visual_parts(visual, w: float, h: float, words: dict, first: float | None = None) -> list:
    """The visual as its slides show it, in a column `w` × `h`: a table of
    text fitted (its rows perhaps over several slides; with `first`, split at
    once, the first slide's in that height), a code block too (its lines
    perhaps over several slides), anything else whole."""
    if isinstance(visual, CodeBlock):
        fit = fit_code(visual.text, w, h, theme()["code"], first)
        return [CodePart(fit, page) for page in fit.pages]
    if not isinstance(visual, Table) or _charted(visual, w, h):
        return [visual]
    header = visual.header or [[] for _ in visual.aligns]  # headerless: an empty row, not drawn
    rows = [[cell_runs(cell, bold=True) for cell in header]] + \
        [[cell_runs(cell, light=True) for cell in row] for row in visual.rows]
    around = framing(visual, w, h)  # a long caption and notes cut, as the slide shows them
    fit = fit_table(rows, w, h - around, theme()["table"],
                    first and first - framing(visual, w, first))
    return [TablePart(fit, page, visual.aligns, visual.caption, not visual.header,
                      table_alt(fit, page, title_of(visual.caption), not visual.header, words),
                      visual.notes)
            for page in fit.pages]


def _unsplit(part) -> bool:
    """Whether a visual stands whole, at a size that needs no split (and for
    a table, with no word broken: at full width it may need none; for code,
    with no line cut)."""
    if isinstance(part, CodePart):
        fit = part.fit
        return len(fit.pages) == 1 and not fit.cut and fit.size >= theme()["code"]["split_size"]
    if not isinstance(part, TablePart):
        return True
    fit = part.fit
    everything = len(part.rows) == len(fit.rows) - 1 and not (
        fit.hidden_columns or fit.hidden_rows or fit.cut_rows)
    return everything and part.fit.size >= theme()["table"]["split_size"] \
        and not part.fit.cramped


# --- what the slides leave out, said -----------------------------------------------

def warn_caption_cut(draft: Draft, visual) -> None:
    name = plain_text(title_of(visual.caption))
    kind = "figure" if isinstance(visual, Figure) else "table"
    shown = {Figure: "picture", TablePart: "table"}.get(type(visual), "chart")
    warn(f"{_named(kind, name)}: its caption and note are too long to leave its {shown} room "
         "on a slide: the deck cuts them with an ellipsis (the speaker notes say them whole); "
         f"shorten them, or keep the {kind} in the brief only (outside '::: slide')",
         *where(getattr(visual, "position", None) or draft.visual.position or draft.position))


def _named(kind: str, name: str) -> str:
    """A visual named in a warning by its caption's first 40 characters."""
    return f"{kind} '{name[:40]}…'" if len(name) > 40 else f"{kind} '{name}'"


def warn_table_cut(draft: Draft, visuals: list) -> None:
    """A warning, at the table's line, when its slides leave out some of it."""
    fit = next((v.fit for v in visuals if isinstance(v, TablePart)), None)
    if fit is None or not (fit.hidden_columns or fit.cut_rows or fit.hidden_rows):
        return
    table = draft.visual
    headings = [plain_text(cell) for cell in table.header]
    name = plain_text(table.caption) or ", ".join(headings[:2]) + (", …" if headings[2:] else "")
    lost = []
    if fit.hidden_columns:
        shown = len(fit.columns)
        lost.append(f"shows {shown} of its {shown + fit.hidden_columns} columns")
    if fit.hidden_rows:
        total = len(fit.rows) - 1
        lost.append(f"shows {total - fit.hidden_rows} of its {total} rows")
    if fit.cut_rows:
        lost.append(f"cuts {fit.cut_rows} of its rows, too tall for a slide, with an ellipsis")
    named = _named("table", name) if name else "a table"
    warn(f"{named} is too big for a slide: the deck {' and '.join(lost)}; keep it "
         "in the brief only (outside '::: slide') or shorten its cells",
         *where(table.position or draft.position))


def warn_code_cut(draft: Draft, visuals: list) -> None:
    """A warning at each line of code cut with an ellipsis, and at the
    block's first when its slides leave some of its lines out."""
    fit = next((v.fit for v in visuals if isinstance(v, CodePart)), None)
    if fit is None:
        return
    block = draft.visual
    for i in fit.cut:
        at = where(block.position)
        at = (at[0], at[1] + i, 1) if at else where(draft.position)
        warn(f"a line of code is too long for a slide even at {fit.size:g} pt: the deck cuts it "
             "with an ellipsis; break the line, or keep the block in the brief only", *at)
    if fit.hidden:
        total = len(fit.lines)
        warn(f"a code block is too long for the deck: it shows {total - fit.hidden} of its "
             f"{total} lines; shorten it, or keep it in the brief only (outside '::: slide')",
             *where(block.position or draft.position))
