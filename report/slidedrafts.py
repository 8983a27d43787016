"""From the document to slide drafts: which content goes on which slide.

An article is cut into sections at its level-1 and level-2 headings
(slidesections); each `::: slide` of a section is a draft, and a section
without one gets a digest of its paragraphs (slidedigest). A draft holds
its bullets (slideitems), the one visual it shows, its speaker notes and
the works it cites; it carries runs, not sizes: fitting is later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from itertools import takewhile
from pathlib import Path

from . import labels, slideabbrev
from .errors import warn
from .model import (Block, CodeBlock, Document, Figure, Heading, Para, Position,
                    Slide, Superscript, Table, Text, note_numbers, plain_text)
from .slidecharts import chartable, picture
from .slidedigest import digest_items, sentences_of
from .slideitems import block_inlines, items_of, notes_of
from .slidemodel import Paragraph, frame, theme
from .slidenotes import shared_out
from .slideruns import body_runs, runs_of
from .slidevisual import framing
from .slidesections import SHOWN, Section, column_of, lists_in, sections, visuals_in
from .walk import block_cites


def _none() -> Iterator:
    return iter(())


@dataclass
class Draft:
    """A slide's content before it is fitted: title, bullets, visual and notes."""
    title: list               # inlines
    items: list[Paragraph]
    visual: Table | Figure | CodeBlock | None
    notes: list[Block]
    part: Heading | None
    inlines: list             # everything shown and the notes it calls: the works it cites
    position: Position | None = None  # where the `::: slide` starts, for errors
    # A digest's shorter forms, (bullets, inlines), of fewer sentences of its
    # few paragraphs down to one each: shown should the fuller take more
    # slides, so made only then (_shorter).
    fewer: Callable[[], Iterator[tuple[list[Paragraph], list]]] = _none
    # Rows of bullets for a slide with Quarto's `.columns`: the bullets of
    # each of a row's columns, side by side; a row of one, across the slide.
    columns: list[list[list[Paragraph]]] | None = None
    # Each row's columns' shares of the body's width (model.Slide.widths);
    # None for a row whose columns share it alike, or a row of one.
    shares: list[list[float] | None] | None = None
    # Where each row's `.columns` div opens (model.Slide.places); None for a row of one.
    places: list | None = None
    # How many slides of its section with its title stand right before it
    # (an untitled `---` part or `::: slide`, which take the section's title):
    # its own are "(cont.)" slides from there on
    # (slideparts.continued_titles); they read "Method (Method)".
    continues: int = 0
    # A digest of first sentences (its level-0 bullets), which slides.py
    # shortens to `digest_lines` each: a digest is a slide's worth.
    digest: bool = False
    # A slide of its own for a digest's table or figure, after the digest:
    # titled as the digest is, "(cont.)" (slides.plan counts its slides).
    follows: bool = False
    # A digest's (bullets, inlines) with its long sentences cut as set at a
    # given size: its slide set smaller than the body's largest size (where
    # they were cut) may show a sentence whole (slides._at_size).
    recut: Callable[[float], tuple[list[Paragraph], list]] | None = None


def drafts(doc: Document) -> list[Draft]:
    out, digested = [], []
    for section in sections(doc):
        heading = (section.heading.children if section.heading
                   else [Text(labels.of(doc.meta.lang)["introduction"])])
        notes = section.notes or [b for _, b in section.said] or lists_in(section.blocks)
        if not section.slides:
            digested.append(section)
            draft, beside = _digest_draft(section, heading, notes or section.below, doc)
            # The footnotes the notes call too: a digest shows only a sentence or two.
            said = [x for b in notes for x in block_inlines(b)]
            draft.notes = draft.notes + _footnotes(draft.inlines + said, doc)
            visuals = _visual_drafts(section, heading, beside, doc)
            # A table's note is said with the table, on its slide, not before it.
            elsewhere = [note for d in visuals for note in getattr(d.visual, "notes", ())]
            draft.notes = [b for b in draft.notes if not any(b is note for note in elsewhere)]
            out.append(draft)
            out.extend(visuals)
            continue
        before = None  # the section's slide before this one
        marks = labels.of(doc.meta.lang)["quotes"]
        for slide, spoken in zip(section.slides, _notes_by_slide(section, notes, marks)):
            visual = next((b for b in slide.blocks if isinstance(b, SHOWN)), None)
            _warn_left_out(slide, visual, heading)
            visual, blocks = _noted(visual, _local(visual, doc), slide.blocks)
            if not notes:  # no prose in its section to say: its own words (_unspoken)
                spoken = spoken or _unspoken(blocks, section)
            shown = (slide.title or []) + [x for b in blocks if not isinstance(b, Table)
                                           for x in block_inlines(b)] + _caption(visual) \
                + _cells(visual)
            said = [x for b in spoken for x in block_inlines(b)]
            out.append(Draft(slide.title or heading, items_of(blocks, marks=marks), visual,
                             spoken + _footnotes(shown + said, doc), section.part,
                             shown + _called(shown, doc), slide.position,
                             **({} if visual else _columns(slide, marks))))
            if before and plain_text(before.title) == plain_text(out[-1].title):
                out[-1].continues = before.continues + 1
            before = out[-1]
    _warn_digests(digested, doc)
    # The reference list's slides are titled so only when there are entries:
    # an article's own "References" section, typed, keeps its title.
    taken = [doc.meta.title] + ([doc.meta.references_title] if doc.references else [])
    return _unique(out, [plain_text(t) for t in taken])


def _warn_digests(digested: list[Section], doc: Document) -> None:
    """Say which sections get a digest slide, having no `::: slide`: in one
    line for them all (an article with none would else warn at each)."""
    named = [(f"section '{plain_text(s.heading.children)}'" if s.heading
              else "the text before the first heading", s.heading) for s in digested]
    if len(named) == 1:
        name, heading = named[0]
        warn(f"{name} has no '::: slide'; it gets a digest slide",
             *(where(heading.position) if heading else (doc.path,)))
    elif named:
        listed = ", ".join(name.removeprefix("section ").removeprefix("the ")
                           + (f" (line {h.position.line})" if h and h.position else "")
                           for name, h in named)
        warn(f"{len(named)} sections have no '::: slide'; each gets a digest slide: {listed}",
             doc.path)


def _visual_drafts(section: Section, heading: list, beside, doc: Document) -> list[Draft]:
    """A slide of its own, after a section's digest, for each of its tables
    and figures but the one `beside` the digest (a digest of first
    sentences has room for one): set as a `::: slide`'s table or picture
    alone is, on "(cont.)" slides of the section's title, its caption
    above it and said in the notes."""
    out = []
    for block in visuals_in(section.blocks):
        if block is beside or not isinstance(block, (Table, Figure)):
            continue
        if isinstance(block, Figure) and (not block.src or _unshowable(block, doc)):
            continue  # an SVG, say: the digest leaves it to the brief, as it chose its figure
        visual, _ = _noted(block, _local(block, doc), section.blocks)
        if visual is None:
            continue
        shown = _caption(visual) + _cells(visual)
        said = ([Para(visual.caption)] if visual.caption else []) + list(visual.notes)
        out.append(Draft(heading, [], visual, said, section.part, shown + _called(shown, doc),
                         visual.position, continues=1, follows=True))
    return out


def _unspoken(blocks: list, section: Section) -> list[Block]:
    """The notes of a slide whose section has no prose to say (a part that
    only leads into its subsections): its own bullets, what its author
    wrote for it and more than a list of the subsections' headings (the
    next slides' titles, which its part's opening names); those headings
    only if it has no bullets."""
    return [b for b in blocks if not isinstance(b, SHOWN)] or section.below


def _footnotes(inlines, doc: Document) -> list[Block]:
    """The footnotes called in what a slide shows or its speaker says, for
    its speaker notes: a slide has no foot to set them at. Each opens with its number, raised, as
    the slide shows it where it is called and the brief numbers it."""
    out = []
    for number in sorted(set(note_numbers(inlines))):  # as the notes run, in order
        blocks = doc.footnotes[number - 1] if number <= len(doc.footnotes) else []
        if blocks and isinstance(blocks[0], Para):
            lead = [Superscript([Text(str(number))]), Text(" ")]
            blocks = [Para(lead + blocks[0].children)] + blocks[1:]
        out.extend(blocks)
    return out


def _called(inlines, doc: Document) -> list:
    """The words of the footnotes that `inlines` call: a slide cites the
    works its notes cite (a note style's citations are notes)."""
    return [x for number in dict.fromkeys(note_numbers(inlines))
            if number <= len(doc.footnotes)
            for block in doc.footnotes[number - 1] for x in block_inlines(block)]


def _warn_left_out(slide: Slide, visual, heading: list) -> None:
    """Say what a slide's shapes cannot show: a second table, picture or code
    block (a slide has room for one beside its bullets)."""
    name = plain_text(slide.title or heading)
    kinds = {Table: "table", Figure: "figure", CodeBlock: "code block"}
    for block in slide.blocks:
        if not isinstance(block, SHOWN) or block is visual:
            continue
        kind = kinds[type(block)]
        what = ("a second " if isinstance(block, type(visual)) or kind != "code block"
                else "a ") + kind
        warn(f"slide '{name}': {what} is left out; a slide shows bullets and one table, "
             "picture or code block", *where(slide.position))


def _columns(slide: Slide, marks: list[str]) -> dict:
    """The draft's `columns` and their `shares`: the slide's bullets in rows,
    top to bottom, as Quarto and pandoc's pptx stack them: each `.columns` a
    row of its columns' bullets, side by side, and what stands before,
    between and after them a row of one, across the slide; none if it has
    no `.columns`."""
    rows: list[list[list]] = []
    groups: list[int | None] = []  # the `.columns` each row is, None for a row of one
    for block in slide.blocks:
        found = column_of(block, slide)
        group = found[0] if found else None
        if not rows or group != groups[-1]:
            rows.append([[] for _ in slide.columns[group]] if found else [[]])
            groups.append(group)
        rows[-1][found[1] if found else 0].append(block)
    if not any(len(row) > 1 for row in rows):
        return {}
    kept = [([items_of(blocks, marks=marks) for blocks in row], group)
            for row, group in zip(rows, groups)]
    kept = [(row, group) for row, group in kept if any(row)]
    widths = slide.widths or [None] * len(slide.columns)
    places = slide.places or [None] * len(slide.columns)
    return {"columns": [row for row, _ in kept],
            "shares": [None if group is None else widths[group] for _, group in kept],
            "places": [None if group is None else places[group] for _, group in kept]}


def _notes_by_slide(section: Section, fallback: list[Block],
                    marks: list[str]) -> list[list[Block]]:
    """Each slide's notes: those written in it or right after it (Quarto's
    and pandoc's place); else the section's text that belongs to it, each
    block said once (_shared)."""
    own = [inside + after for inside, after in zip(section.inside_notes, section.slide_notes)]
    chunks = [_bullets(slide, marks) for slide in section.slides]
    out = [list(notes) for notes in own]
    for group, text in _groups(section, fallback):
        bare = [n for n in group if not own[n]]
        if bare:
            shares = shared_out(text, [chunks[n] for n in bare], text=_block_text,
                                sentences=_block_sentences, join=_block_joined)
            for n, share in zip(bare, shares):
                out[n] = share
    return out


def _groups(section: Section, fallback: list[Block]) -> list[tuple[list[int], list[Block]]]:
    """The section's slides in groups, each with the text that belongs to
    them. Text written before the first slide leads up to the slides that
    follow it, until the next text (which a slide is then written after):
    "prose / slide / slide / prose / slide". Where the first slide comes
    first, each text follows the slides before it: "slide / prose / slide /
    prose". Notes before the first slide (or, with no text, `fallback`) are
    the first text, and stand for the section's prose."""
    count = len(section.slides)
    at: list[list[Block]] = [[] for _ in range(count + 1)]
    if section.notes or not section.said:
        at[0] = list(fallback)
    else:
        for n, block in section.said:
            at[n].append(block)
    if at[0]:  # each text leads up to its slides; the last also takes the text after them
        starts = [n for n in range(count) if at[n]]
        ends = starts[1:] + [count]
        return [(list(range(a, b)), at[a] + (at[count] if b == count else []))
                for a, b in zip(starts, ends)]
    ends = [n for n in range(1, count + 1) if at[n]]  # each text follows its slides
    if not ends:
        return []
    groups = [(list(range(a, b)), at[b]) for a, b in zip([0] + ends[:-1], ends)]
    groups[-1][0].extend(range(ends[-1], count))  # slides after the last text go with it
    return groups


def _bullets(slide: Slide, marks: list[str]) -> list[Paragraph]:
    """What a slide shows in words, to find the text it is made from: its
    bullets and its table's or figure's caption."""
    caption = getattr(next((b for b in slide.blocks if isinstance(b, SHOWN)), None),
                      "caption", None)
    return items_of([b for b in slide.blocks if not isinstance(b, SHOWN)], marks=marks) \
        + ([Paragraph(body_runs(caption), -1)] if caption else [])


def _block_text(block: Block) -> str:
    return plain_text(block_inlines(block))


def _block_joined(first: Para, second: Para) -> Para:
    return Para(first.children + [Text(" ")] + second.children)


def _block_sentences(block: Block) -> list[Block]:
    """A paragraph cut into its sentences; any other block whole."""
    if not isinstance(block, Para):
        return [block]
    return [Para(inlines) for inlines in sentences_of(block.children)] or [block]


def _digest_draft(section: Section, heading: list, notes: list,
                  doc: Document) -> tuple[Draft, object]:
    """(the slide of a section without one, the block it shows): a digest of
    its paragraphs beside its figure, not its table or code (a table beside
    first sentences is cramped; its slide of its own follows, _visual_drafts;
    code is detail that a digest of first sentences leaves to the brief). A
    section with no paragraph to digest shows what it has: its lists, and
    its first figure, table or code block."""
    slideabbrev.plan(doc)  # which words of the digests define an abbreviation the slides use
    visual = digest_figure(section.blocks, heading, doc)
    # Beside a figure, the first sentences only: more would push it off the slide.
    fill, showing = visual is None, {getattr(visual, "ident", "")}
    items, shown = digest_items(section.blocks, theme()["body"]["digest_paragraphs"],
                                doc.meta.lang, fill=fill, showing=showing)
    digest = bool(items)
    if not items:
        lists = lists_in(section.blocks)
        items, shown = items_of(lists), [x for b in lists for x in block_inlines(b)]
        visual = next(iter(visuals_in(section.blocks)), None)
    block = visual
    visual, _ = _noted(visual, _local(visual, doc), section.blocks)
    shown = shown + _caption(visual) + _cells(visual)
    return Draft(heading, items, visual, notes, section.part, shown + _called(shown, doc),
                 fewer=partial(_shorter, section.blocks, len(items), doc) if visual is None
                 else _none, digest=digest,
                 recut=partial(_digest_at, section.blocks, doc, fill, showing, visual, None)
                 if digest else None), block


def digest_figure(blocks: list, heading: list, doc: Document) -> Figure | None:
    """The figure a digest of `blocks` stands beside: the first a slide can
    show (an SVG it cannot; else the first, to say why not), unless it would
    be cramped there (_cramped: its slide of its own follows, _visual_drafts,
    as a table's does)."""
    figures = [b for b in blocks if isinstance(b, Figure)]
    visual = next((f for f in figures if f.src and not _unshowable(f, doc)),
                  figures[0] if figures else None)
    if visual is not None and visual.src and not _unshowable(visual, doc) \
            and _cramped(visual, blocks, heading, doc):
        return None
    return visual


def _cramped(figure: Figure, blocks: list, heading: list, doc: Document) -> bool:
    """Whether a figure's caption and notes leave it less than the width of
    its column beside a digest (its height is what they take) and it shows
    deck.toml's visual.alone_gain times larger on a slide of its own: a
    wide one under a long caption and notes was left 3.8 in of 13.3 beside
    one bullet, its axis labels 5 pt. One as wide as its column, or a tall
    one under a short caption, gains little alone."""
    from .slidelabels import labelled
    from .slideparts import body_room, bullets_width  # which import this module
    shown, _ = _noted(figure, _local(figure, doc), blocks)
    shown = labelled(shown, labels.of(doc.meta.lang))  # as its slide will caption it
    width, t = frame()[1], theme()
    room = body_room(runs_of(heading, bold=True), "")
    beside = width - bullets_width(width) - t["visual"]["gutter"]

    def scale(w: float) -> float:
        return picture(shown, 0, 0, w, max(room - framing(shown, w, room), 1)).w
    narrow = scale(beside)
    return narrow < beside - 1 and scale(width) >= t["visual"]["alone_gain"] * narrow


def _shorter(blocks: list, bullets: int,
             doc: Document) -> Iterator[tuple[list[Paragraph], list, Callable]]:
    """A digest's shorter forms, (bullets, inlines, recut: as Draft.recut),
    each of fewer bullets than the one before (the first than `bullets`):
    filled to one sentence fewer each time, down to the first sentence of
    each paragraph."""
    count = theme()["body"]["digest_paragraphs"]
    for fill in range(count - 1, 0, -1):
        lean, shown = digest_items(blocks, count, doc.meta.lang, bullets=fill)
        if lean and len(lean) < bullets:
            bullets = len(lean)
            yield lean, shown + _called(shown, doc), \
                partial(_digest_at, blocks, doc, True, frozenset(), None, fill)


def _digest_at(blocks: list, doc: Document, fill: bool, showing: set[str], visual,
               bullets: int | None, size: float) -> tuple[list[Paragraph], list]:
    """A digest's (bullets, inlines) with its long sentences cut as set at
    `size`, not the body's largest: the size its slide is set at."""
    items, shown = digest_items(blocks, theme()["body"]["digest_paragraphs"], doc.meta.lang,
                                fill=fill, showing=showing, bullets=bullets, size=size)
    shown = shown + _caption(visual) + _cells(visual)
    return items, shown + _called(shown, doc)


def _noted(written, shown, blocks: list) -> tuple:
    """(the visual a slide shows, with the notes `written` right after it in
    `blocks` (APA's "*Note.* …", "\\**p* < .05."), which the slide sets under
    it, not among its bullets; the blocks without them). With no visual to
    show, the notes stay where they are written."""
    at = next((i for i, b in enumerate(blocks) if b is written), None)
    if shown is None or at is None:
        return shown, blocks
    notes = list(takewhile(labels.is_note, blocks[at + 1:]))
    if not notes:
        return shown, blocks
    return replace(shown, notes=notes), blocks[:at + 1] + blocks[at + 1 + len(notes):]


def _unique(all_drafts: list[Draft], taken: list[str]) -> list[Draft]:
    """Every title unique, as screen readers list slides by title: one that
    continues its section's slide before it is "(cont.)"
    (slideparts.continued_titles); another repeat names its part ("Method
    (Experiment 2)"), or, where that is taken too, gets " (2)", " (3)", ..."""
    seen = {name: 1 for name in taken}
    for draft in (d for d in all_drafts if not d.continues):
        name = plain_text(draft.title)
        seen[name] = seen.get(name, 0) + 1
        if seen[name] == 1:
            continue
        part = draft.part.children if draft.part else []
        named = f"{name} ({plain_text(part)})"
        if part and named not in seen and plain_text(part) != name:
            draft.title = draft.title + [Text(" (")] + part + [Text(")")]
            seen[named] = 1
        else:
            draft.title = draft.title + [Text(f" ({seen[name]})")]
    return all_drafts


def _local(visual, doc: Document):
    """A figure with its image's path resolved beside the article; the deck
    reads no image from elsewhere (as the brief refuses to)."""
    if not isinstance(visual, Figure):
        return visual
    if not visual.src:  # a code cell's figure, which report does not run: nothing to show
        return None
    problem = _unshowable(visual, doc)
    if problem:
        warn(f"image '{visual.src}' {problem}; the slide shows no picture",
             *(where(visual.position) or (doc.path,)))
        return None
    return replace(visual, src=str(_path(visual, doc)))


def _unshowable(figure: Figure, doc: Document) -> str:
    """Why a slide cannot show the figure's image, or '' if it can."""
    path = _path(figure, doc)
    if not path.is_relative_to(doc.path.resolve().parent) or not path.is_file():
        return "is not a file in the article's folder"
    if not _raster(path):  # SVG or PDF: the brief draws it; PowerPoint takes pixels
        return "is no raster image (a PNG or JPEG copy would show there)"
    return ""


def _path(figure: Figure, doc: Document) -> Path:
    return (doc.path.resolve().parent / figure.src).resolve()


def _raster(path) -> bool:
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(path):
            return True
    except (UnidentifiedImageError, OSError):
        return False


def _caption(visual) -> list:
    """The inlines of the visual's caption and its notes (a code block has neither)."""
    notes = [x for note in getattr(visual, "notes", []) for x in note.children]
    return getattr(visual, "caption", []) + notes


def _cells(visual) -> list:
    """The inlines of a table shown as a table (a chart shows its cells as
    plain labels, without citations)."""
    if not isinstance(visual, Table) or chartable(visual):
        return []
    return [x for row in [visual.header] + visual.rows for cell in row for x in cell]


def cites_of(inlines) -> list[str]:
    keys = [key.lower() for c in block_cites([Para(list(inlines))]) for item in c.items
            for key in (item.key, *item.within)]  # "as cited in": both works
    return list(dict.fromkeys(keys))


def cover_notes(doc: Document, shown: list) -> list[Paragraph]:
    """The cover's speaker notes: the abstract, then the footnotes called in
    it and in what the cover shows (`shown`: its title and subtitle), each
    numbered as called, as a content slide's are."""
    abstract = list(doc.meta.abstract or [])
    said = [x for b in abstract for x in block_inlines(b)]
    return notes_of(abstract + _footnotes(shown + said, doc))


def where(position) -> tuple:
    return (position.path, position.line, position.column) if position else ()
