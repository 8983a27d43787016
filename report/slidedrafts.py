"""From the document to slide drafts: which content goes on which slide.

An article is cut into sections at its level-1 and level-2 headings; each
`::: slide` of a section is a draft, and a section without one gets a
digest of its paragraphs. Drafts carry runs, not sizes: fitting is later.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from itertools import takewhile
from pathlib import Path

from . import labels
from .errors import warn
from .model import (WRAPPERS, Block, BlockQuote, BulletList, Cite, CodeBlock, Document, Equation,
                    Figure, Heading, NoteRef, OrderedList, Para, Position, Slide, Superscript,
                    Table, Text, plain_text)
from .slidecharts import chartable
from .slideitems import block_inlines, display_math, items_of, notes_of, quote_source
from .slidemodel import Paragraph, theme
from .slideruns import body_runs
from .slidesections import SHOWN, Section, column_of, lists_in, paras_of, sections, visuals_in
from .walk import block_cites


# --- sections to drafts: one per slide's worth of content -------------------------

def _none() -> Iterator:
    return iter(())


@dataclass
class Draft:
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


def drafts(doc: Document) -> list[Draft]:
    out = []
    for section in sections(doc):
        heading = (section.heading.children if section.heading
                   else [Text(labels.of(doc.meta.lang)["introduction"])])
        notes = section.notes or section.prose or section.below or lists_in(section.blocks)
        if not section.slides:
            warn(f"section '{plain_text(heading)}' has no '::: slide'; it gets a digest "
                 "slide", *(where(section.heading.position) if section.heading
                            else (doc.path,)))
            draft = _digest_draft(section, heading, notes, doc)
            draft.notes = draft.notes + _footnotes(draft.inlines, doc)
            out.append(draft)
            continue
        before = None  # the section's slide before this one
        for slide, own, inside, after in zip(section.slides, _notes_for(section.slide_notes),
                                             section.inside_notes, section.slide_notes):
            visual = next((b for b in slide.blocks if isinstance(b, SHOWN)), None)
            _warn_left_out(slide, visual, heading)
            visual, blocks = _noted(visual, _local(visual, doc), slide.blocks)
            shown = (slide.title or []) + [x for b in blocks if not isinstance(b, Table)
                                           for x in block_inlines(b)] + _caption(visual) \
                + _cells(visual)
            # Its notes, written in it and right after it; else as _notes_for says.
            spoken = (inside + after if inside else own) or notes
            said = [x for b in spoken for x in block_inlines(b)]
            marks = labels.of(doc.meta.lang)["quotes"]
            out.append(Draft(slide.title or heading, items_of(blocks, marks=marks), visual,
                             spoken + _footnotes(shown + said, doc), section.part,
                             shown + _called(shown, doc), slide.position,
                             **({} if visual else _columns(slide, marks))))
            if before and plain_text(before.title) == plain_text(out[-1].title):
                out[-1].continues = before.continues + 1
            before = out[-1]
    return _unique(out, [plain_text(doc.meta.title), plain_text(doc.meta.references_title)])


def _footnotes(inlines, doc: Document) -> list[Block]:
    """The footnotes called in what a slide shows or its speaker says, for
    its speaker notes: a slide has no foot to set them at. Each opens with its number, raised, as
    the slide shows it where it is called and the brief numbers it."""
    out = []
    for number in sorted(set(_note_numbers(inlines))):  # as the notes run, in order
        blocks = doc.footnotes[number - 1] if number <= len(doc.footnotes) else []
        if blocks and isinstance(blocks[0], Para):
            lead = [Superscript([Text(str(number))]), Text(" ")]
            blocks = [Para(lead + blocks[0].children)] + blocks[1:]
        out.extend(blocks)
    return out


def _called(inlines, doc: Document) -> list:
    """The words of the footnotes that `inlines` call: a slide cites the
    works its notes cite (a note style's citations are notes)."""
    return [x for number in dict.fromkeys(_note_numbers(inlines))
            if number <= len(doc.footnotes)
            for block in doc.footnotes[number - 1] for x in block_inlines(block)]


def _note_numbers(inlines):
    for node in inlines:
        if isinstance(node, NoteRef):
            yield node.number
        elif isinstance(node, WRAPPERS):
            yield from _note_numbers(node.children)


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


def _notes_for(written: list[list[Block]]) -> list[list[Block]]:
    """Each slide's notes, from those `written` after each: its own, else
    those after the slides that follow it, up to the first with notes (one
    `::: notes` may speak for several slides before it); none when no notes
    follow it in its section: the section's then stand for them."""
    out, later = [], []
    for own in reversed(written):
        later = own or later
        out.append(later)
    return out[::-1]


def _digest_draft(section: Section, heading: list, notes: list, doc: Document) -> Draft:
    """The slide of a section without one: a digest of its paragraphs beside
    its figure, not its table or code (a table of the text may mix units;
    charts are for the tables an author puts on a slide; code, like a table,
    is detail that a digest of first sentences leaves to the brief). A
    section with no paragraph to digest shows what it has: its lists, and
    its first figure, table or code block."""
    figures = [v for v in section.blocks if isinstance(v, Figure)]
    # The first figure a slide can show (an SVG it cannot); else the first, to say why not
    visual = next((f for f in figures if f.src and not _unshowable(f, doc)),
                  figures[0] if figures else None)
    # Beside a figure, the first sentences only: more would push it off the slide.
    items, shown = _digest(section.blocks, theme()["body"]["digest_paragraphs"], doc.meta.lang,
                           fill=visual is None, showing={getattr(visual, "ident", "")})
    digest = bool(items)
    if not items:
        lists = lists_in(section.blocks)
        items, shown = items_of(lists), [x for b in lists for x in block_inlines(b)]
        visual = next(iter(visuals_in(section.blocks)), None)
    visual, _ = _noted(visual, _local(visual, doc), section.blocks)
    shown = shown + _caption(visual) + _cells(visual)
    return Draft(heading, items, visual, notes, section.part, shown + _called(shown, doc),
                 fewer=partial(_shorter, section.blocks, len(items), doc) if visual is None
                 else _none, digest=digest)


def _shorter(blocks: list, bullets: int, doc: Document) -> Iterator[tuple[list[Paragraph], list]]:
    """A digest's shorter forms, (bullets, inlines), each of fewer bullets
    than the one before (the first than `bullets`): filled to one sentence
    fewer each time, down to the first sentence of each paragraph."""
    count = theme()["body"]["digest_paragraphs"]
    for fill in range(count - 1, 0, -1):
        lean, shown = _digest(blocks, count, doc.meta.lang, bullets=fill)
        if lean and len(lean) < bullets:
            bullets = len(lean)
            yield lean, shown + _called(shown, doc)


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


def _digest(blocks: list, count: int, lang: str, fill: bool = True,
            showing: set[str] = frozenset(),
            bullets: int | None = None) -> tuple[list[Paragraph], list]:
    """(bullets, inlines shown) for a section without a slide: the first
    sentence of each of its first `count` paragraphs (of fewer, with `fill`,
    as many more sentences of each as make `count` bullets: a section of
    one paragraph is no slide of one line), and the items of a list, or the
    first sentence of a quotation, that a paragraph introduces with a
    colon. Other quotes and table notes stay out, and so do sentences that
    point to a table or figure the slide is not `showing` ("Table 1 shows…").
    With `bullets`, fill to that many rather than `count` (never fewer than
    one sentence a paragraph)."""
    items, shown = [], []
    paras = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Para)
             and not labels.is_note(b)][:count]
    shares = _shares(max(bullets or count, len(paras)), len(paras)) if fill \
        else [1] * len(paras)
    for (i, block), per in zip(paras, shares):
        sentences = [x for x in (_pointing_here(x, showing, lang)
                                 for x in _sentences(block.children)) if x]
        chosen = sentences[:per]
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        under, under_shown = _introduced(block, following, lang)
        if under and sentences and sentences[-1] not in chosen:
            chosen.append(sentences[-1])  # the sentence that introduces them, over them
        for sentence in chosen:
            items.append(Paragraph(body_runs(sentence)))
            shown.extend(sentence)
        items.extend(under)
        shown.extend(under_shown)
    return items, shown


def _introduced(para: Para, following, lang: str) -> tuple[list[Paragraph], list]:
    """(bullets, inlines shown) of a list, of a quotation's first sentence
    or of an equation that a paragraph introduces with a colon ("…in their
    own words:") or leads into mid-sentence ("The model is" before its
    equation): under the sentence that introduces them."""
    end = plain_text(para.children).rstrip()
    if not (end.endswith(":") or end and not _CLOSED_SENTENCE.search(end)):
        return [], []
    if isinstance(following, (BulletList, OrderedList)):
        return items_of([following], 1), block_inlines(following)
    if isinstance(following, BlockQuote):
        quoted = _quoted(following, labels.of(lang)["quotes"])
        return ([Paragraph(body_runs(quoted), 1)], quoted) if quoted else ([], [])
    if isinstance(following, Equation) and plain_text(following.children).strip():
        return [display_math(following)], following.children
    return [], []


# A paragraph's text that closes its last sentence ends so: a full stop
# (one that ends "U.S." or "e.g." too), a question or an exclamation mark,
# an ellipsis, then any closing quotes or brackets. Not sentence_ends: a
# paragraph's end is no place to weigh what follows.
_CLOSED_SENTENCE = re.compile(r"[.!?…][\"'”’»)\]]*$")


def _pointing_here(sentence: list, showing: set[str], lang: str) -> list | None:
    """The sentence as a digest shows it: without the parentheses that point
    to a table or figure the slide does not show ("…norms (see Table 1).");
    None if it still points to one ("Table 1 shows the groups.")."""
    if not _points_away(sentence, showing):
        return sentence
    out = list(sentence)
    for n in range(len(out) - 2, 0, -1):
        before, cite, after = out[n - 1:n + 2]
        if (isinstance(cite, Cite) and cite.crossref and isinstance(before, Text)
                and isinstance(after, Text) and after.text.startswith(")")
                and (opened := _pointer_opens(lang).search(before.text))):
            out[n - 1:n + 2] = [Text(before.text[:opened.start()] + after.text[1:])]
    return None if _points_away(out, showing) else out


@lru_cache(maxsize=8)
def _pointer_opens(lang: str) -> re.Pattern:
    """The opening of a parenthesis that only points elsewhere: " (", " (see
    also ", in the language's words ("(vgl. " in German)."""
    words = "|".join(map(re.escape, labels.of(lang)["see"]))
    return re.compile(rf"\s*\((?:(?:{words})\s+)?$", re.IGNORECASE)


def _points_away(inlines, showing: set[str]) -> bool:
    """Whether the inlines cross-refer to tables or figures (`@tbl-x`,
    `@fig-x`, pandoc-crossref's `@fig:x`, bookdown's `\\@ref(tab:x)`) and
    to none whose id is in `showing`: "Table 1 shows…" beside no table."""
    keys = set(_pointed_to(inlines))
    return bool(keys) and not keys & showing


def _pointed_to(inlines):
    for node in inlines:
        if isinstance(node, Cite) and node.crossref:
            yield from (i.key for i in node.items if i.key.startswith(("tbl", "tab", "fig")))
        elif isinstance(node, WRAPPERS):
            yield from _pointed_to(node.children)


def _shares(count: int, paragraphs: int) -> list[int]:
    """How many sentences each of `paragraphs` gives to `count` bullets: one
    each, the rest to the first ones (4 over 3 paragraphs: 2, 1, 1)."""
    if not paragraphs:
        return []
    each, more = divmod(count, paragraphs)
    return [each + (n < more) for n in range(paragraphs)]


def _quoted(quote: BlockQuote, marks: list[str]) -> list:
    """A quotation's first sentence, in the language's quotation marks,
    and its source as the quotation ends with it ("(p. 54)", a citation):
    a quotation on a slide says where it is from (APA §8.25). None if it
    begins with no paragraph (a list)."""
    paras = list(paras_of(quote))
    words = _first_sentence(paras[0].children) if paras else []
    if not plain_text(words).strip():
        return []
    source = quote_source(paras[-1].children)
    cited = source if source and words[-len(source):] != source else []
    return [Text(marks[0])] + words + [Text(marks[1])] + ([Text(" ")] + cited if cited else [])


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
        if part and named not in seen:
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
        warn(f"image '{visual.src}' {problem}; the slide shows no picture", doc.path)
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


# A full stop ends a sentence unless it ends an initial ("U.S.") or a common
# abbreviation (English, and the "vgl.", "cfr.", "z.B." of the languages
# labels.toml has); what follows must look like a new sentence (`next`, the
# character after the space: sentence_ends weighs it).
_SENTENCE_STOP = re.compile(r"(?<!\b[A-Z])(?<!\bpp)(?<!\bp)(?<!\bal)(?<!\bvs)(?<!\bcf)"
                            r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvgl)(?<!\bcfr)(?<!\bbzw)(?<!\bz\.B)"
                            r"(?<!\bd\.h)(?<!\bca)[.?!][\"”’)]*(?=\s+(?P<next>\S)|\s*$)")


def sentence_ends(text: str) -> Iterator[re.Match]:
    """Where sentences end in running text (a digest's, the notes'): after
    each stop and its closing quotes, where a capital of any script, an
    opening quotation mark or a parenthesis follows, or the text ends."""
    for match in _SENTENCE_STOP.finditer(text):
        after = match.group("next")
        if after is None or after.isupper() or after in "\"“(":
            yield match


def _first_sentence(inlines) -> list:
    """The inlines up to the end of the first sentence. Only plain text can end
    one: a citation's "pp." or an abbreviation inside a link never does."""
    out = []
    for node in inlines:
        if isinstance(node, Text):
            end = next((m.end() for m in sentence_ends(node.text)
                        if len(plain_text(out)) + m.start() > 20), None)
            if end is not None:
                out.append(Text(node.text[:end]))
                return out
        out.append(node)
    return out


def _sentences(inlines) -> list[list]:
    """The inlines cut into sentences, as _first_sentence finds the first; a
    footnote called right after a sentence's end goes with it."""
    out, rest = [], list(inlines)
    while plain_text(rest).strip():
        first = _first_sentence(rest)
        cut = rest[len(first) - 1]
        tail = cut.text[len(first[-1].text):] if first[-1] is not cut else ""
        rest = ([Text(tail)] if tail else []) + rest[len(first):]
        while rest and (isinstance(rest[0], NoteRef) or
                        isinstance(rest[0], Text) and not rest[0].text.strip()):
            node = rest.pop(0)
            first += [node] if isinstance(node, NoteRef) else []
        if rest and isinstance(rest[0], Text):
            rest[0] = Text(rest[0].text.lstrip())
        out.append(first)
    return out


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
