"""The slide layout: what goes on which slide, at what size, where.

Computed once from the document and styles/deck.toml; the pptx writer and
the handout both draw exactly this, so the handout shows the deck. Here the
drafts (slidedrafts: what content makes which slide) are assembled into the
deck: the cover, a part's opening slide (slidecover), the content slides,
the references before any appendix (sliderefs), and the slide numbers
(slidefoot). A content slide's head is slideparts'; which of its slides
shows what, slidepages'; a visual's placing, slidevisual's; `.columns`,
slidecolumns'; its speaker notes, slidenotes'. Sizes are fitted in slidefit
and its kin, and the plain data drawn is slidemodel's.
"""

from __future__ import annotations

from dataclasses import replace

from . import labels
from .errors import ReportError
from .model import Document, Heading, plain_text
from .slidecharts import contrast
from .slidecolumns import in_columns
from .slidecover import cover_slide, section_slide
from .slidedrafts import Draft, cites_of, drafts, where
from .slidefoot import footer_text, number_slides
from .slideitems import notes_of, notes_text
from .slidemodel import (Box, Chart, DeckLayout, Paragraph, Picture, Run, SlideCode, SlideLayout,
                         SlideTable, font, frame, theme)
from .slidenotes import page_notes, spoken_whole
from .slidepages import Page, draft_pages, warn_caption_cut, warn_code_cut, warn_table_cut
from .slideparts import (body_box, body_room, bullets_width, continued_titles, kicker_text,
                         slide_head)
from .sliderefs import references_slides
from .slideruns import runs_of
from .slidevisual import place_visual
from .textfit import block_height

# The layout's model and theme, for the writers that draw it.
__all__ = ["Box", "Chart", "DeckLayout", "Paragraph", "Picture", "SlideCode", "SlideLayout",
           "SlideTable", "contrast", "font", "plan", "theme"]


# --- the deck ---------------------------------------------------------------------

def plan(doc: Document) -> DeckLayout:
    t = theme()
    words = labels.of(doc.meta.lang)
    groups = [(part, members, _slides_of(members, words))
              for part, members in _parts(drafts(doc))]
    # Dividers open the parts of several slides once two parts have several
    # (also one whose first slide carries its heading, which needs none of
    # its own); each says where it stands among all the talk's parts, "Part
    # 3 of 5", never a count of only those with dividers.
    dividing = len([g for g in groups if g[0] is not None and len(g[2]) > 1]) > 1
    parts = [part for part, _, _ in groups if part is not None]
    slides = [cover_slide(doc)]
    appendices = None  # where the first appendix begins: the references go before it
    for part, members, fitted in groups:
        if appendices is None and part is not None and part.appendix:
            appendices = len(slides)
        if dividing and _needs_divider(part, members, fitted):
            numbering = words["part"].format(number=_index(parts, part) + 1, total=len(parts))
            slides.append(section_slide(part, numbering, members))
        slides.extend(fitted)
    # As in the brief, the references stand before the appendices (APA §2.17).
    at = len(slides) if appendices is None else appendices
    slides[at:at] = references_slides(doc, slides)
    number_slides(slides, footer_text(doc))
    return DeckLayout(t["slide"]["width"], t["slide"]["height"], t["font"]["name"], slides)


def _slides_of(members: list[Draft], words: dict) -> list[SlideLayout]:
    """The slides of a part's drafts, a digest's table "(cont.)" of however
    many slides its digest took."""
    slides: list[SlideLayout] = []
    opened, at = None, 0  # the last draft that is no digest's table, and its first slide
    for draft in members:
        if draft.follows:
            draft = replace(draft, title=opened.title, continues=len(slides) - at)
        else:
            opened, at = draft, len(slides)
        slides.extend(_fewest(draft, words))
    return slides


def _parts(all_drafts: list[Draft]) -> list[tuple[Heading | None, list[Draft]]]:
    """Consecutive drafts grouped by the level-1 heading they fall under."""
    groups: list[tuple[Heading | None, list[Draft]]] = []
    for draft in all_drafts:
        if groups and groups[-1][0] is draft.part:
            groups[-1][1].append(draft)
        else:
            groups.append((draft.part, [draft]))
    return groups


def _needs_divider(part: Heading | None, members: list[Draft],
                   fitted: list[SlideLayout]) -> bool:
    """A part of several slides opens with its own, unless one of its slides
    already carries its heading as title (titles stay unique). A part of one
    slide needs none: the slide's kicker names the part."""
    if part is None or len(fitted) < 2:
        return False
    name = plain_text(part.children)
    return all(plain_text(d.title) != name for d in members)


def _index(parts: list[Heading], part: Heading) -> int:
    return next(n for n, p in enumerate(parts) if p is part)


# --- content slides ---------------------------------------------------------------


def _content(draft: Draft, words: dict) -> list[SlideLayout]:
    """The draft's slides: bullets at the largest size that fits, a chart,
    table, picture or code block beside them, continued on "(cont.)" slides
    when they do not fit; above the title, the part's name."""
    title_runs = runs_of(draft.title, bold=True)
    kicker = kicker_text(draft)
    columned = in_columns(draft, kicker, title_runs, words) if draft.columns else None
    if columned is not None:
        return columned
    pages, titles, least = _fitted(draft, title_runs, kicker, words)
    if draft.recut:
        draft, (pages, titles, least) = _at_size(draft, (pages, titles, least), title_runs,
                                                 kicker, words)
    warn_table_cut(draft, [page.visual for page in pages])
    warn_code_cut(draft, [page.visual for page in pages])
    cites = cites_of(draft.inlines)
    out, warned = [], False
    shared = page_notes(notes_of(draft.notes), [page.chunk for page in pages],
                        [page.visual for page in pages])
    for runs, page, notes in zip(titles, pages, shared):
        slide, cut = _content_slide(runs, kicker, page, notes, least, cites)
        if cut:
            spoken_whole(slide, page.visual)
            if not warned:  # once for a table's slides
                warn_caption_cut(draft, page.visual)
            warned = True
        out.append(slide)
    return out


def _fitted(draft: Draft, title_runs: list[Run], kicker: str,
            words: dict) -> tuple[list[Page], list[list[Run]], float]:
    """(what each of the draft's slides shows, their titles, the height
    their bodies are fitted to): the least any of their titles leaves, as a
    "(cont.)" may take a title onto another line."""
    first = continued_titles(title_runs, 1, words["continued"], draft.continues)[0]
    least = body_room(first, kicker)
    if least < block_height(1, theme()["body"]["min_size"]):
        raise ReportError("a slide's title leaves no room for its text",
                          *where(draft.position), hint="shorten the slide's title")
    while True:
        pages = draft_pages(draft, frame()[1], least, words)
        titles = continued_titles(title_runs, len(pages), words["continued"], draft.continues)
        if min(body_room(runs, kicker) for runs in titles) >= least:
            return pages, titles, least
        least = min(body_room(runs, kicker) for runs in titles)


def _content_slide(runs: list[Run], kicker: str, page: Page, notes: list[Paragraph],
                   least: float, cites: list[str]) -> tuple[SlideLayout, bool]:
    """One content slide: its head, its bullets, and its visual beside them
    or under them; and whether the visual's caption or notes are cut."""
    t = theme()
    colors = t["colors"]
    m, width, _ = frame()
    chunk, size, visual, under = page
    boxes, rules, top = slide_head(runs, kicker, colors)
    name = "".join(r.text for r in runs).strip()
    slide = SlideLayout("content", name, boxes, notes_text(notes),
                        colors["background"], rules, notes_paragraphs=notes, cites=cites)
    text_w = width if visual is None or not chunk or under else bullets_width(width)
    if chunk:
        slide.boxes.append(body_box(chunk, size, m, top, text_w, least))
    if visual is None:
        return slide, False
    if under:
        below = slide.boxes[-1].h + t["visual"]["stack_gap"]
        return slide, place_visual(slide, visual, m, top + below, width, least - below)
    x = m if not chunk else m + text_w + t["visual"]["gutter"]
    return slide, place_visual(slide, visual, x, top, m + width - x, least)


def _at_size(draft: Draft, fitted: tuple, title_runs: list[Run], kicker: str,
             words: dict) -> tuple[Draft, tuple]:
    """A digest, and its slides (_fitted), with its sentences cut as set at
    the size its slides take rather than the largest (cut there to
    `digest_lines`, "…from all residential…" lost one word on a slide set
    2 pt smaller, where the whole sentence fit them): if they fit as many
    slides, as large."""
    # The largest its slides take: cut there, a sentence fits each of them.
    size = max((page.size for page in fitted[0] if page.chunk), default=None)
    if size is None or size >= theme()["body"]["size"]:
        return draft, fitted
    items, inlines = draft.recut(size)
    if items == draft.items:
        return draft, fitted
    whole = replace(draft, items=items, inlines=inlines)
    again = _fitted(whole, title_runs, kicker, words)
    if len(again[0]) <= len(fitted[0]) and \
            max(page.size for page in again[0] if page.chunk) >= size:
        return whole, again
    return draft, fitted


def _fewest(draft: Draft, words: dict) -> list[SlideLayout]:
    """The draft's slides; a digest's, the fullest of its forms that takes
    fewest (a digest is a slide's worth: its fill sentences spilled onto a
    "(cont.)" slide)."""
    out = _content(draft, words)
    for items, inlines, recut in draft.fewer() if len(out) > 1 else ():
        fewer = _content(replace(draft, items=items, inlines=inlines, recut=recut), words)
        out = fewer if len(fewer) < len(out) else out
        if len(out) == 1:
            break
    return out
