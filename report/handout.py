"""The handout: the deck's slides, N to a page, with room for notes, and the
reference list; HTML (Jinja2, styles/handout.*) printed by WeasyPrint.

The slides are drawn from the very layout the pptx writer draws
(slides.plan), box by box, so the handout shows exactly the deck, in real
text with the deck's embedded fonts.

Each page of slides, and the reference list, is laid out on its own (a
Part) and the pages are then written as one PDF: the same bytes as one
document laid out whole, and a process that writes the handout again
(`report watch`) lays out only the parts whose HTML changed.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from . import STYLES, handoutgrid, handoutrefs, labels, slideopts
from .errors import warn
from .fetch import ProjectFetcher
from .filelinks import relative_file_links
from .glyphs import blank_characters
from .handoutopts import HandoutOptions, options
from .htmlblocks import HtmlWriter
from .model import Document, plain_text
from .output import fixed_clock
from .slidemodel import code_face
from .slides import DeckLayout, font, plan
from .slideview import family, view
from .templates import css_string, environment

PAPER_SIZES = {"letter": "letter", "a4": "A4"}
# What a slide's row tries, in turn, when its speaker notes overflow their
# share of the page (styles/handout.css): smaller type, then a taller row.
CROWDED = ("fit-1", "grow")
# A step is skipped when notes set in its type would still be this many
# times too tall, even if they shrank with the square of the type size (as
# long paragraphs do: narrower letters and lower lines). Looser than that,
# the step is tried.
SURELY_TOO_TALL = 1.15
# The page head's title is bold Liberation Sans (handout.css, @top-left);
# SLACK for rounding and kerning.
SLACK = 0.98
_HEAD_FACE = STYLES / "fonts" / "LiberationSans-Bold.ttf"


def write_handout(doc: Document, path: Path) -> int:
    """Write the handout PDF to `path`; return its page count."""
    from .pdfspeed import no_cycle_collection
    with no_cycle_collection():  # as the brief is written: report/pdfspeed.py
        return _write(doc, path)


@dataclass(frozen=True)
class Part:
    """A piece of the handout laid out on its own pages: `slides` (their
    numbers), or the reference list when there are none; `first` is the
    number of its first page, `total` the handout's page count."""
    slides: tuple[int, ...]
    first: int = 1
    total: int = 1


def _write(doc: Document, path: Path) -> int:
    chosen = options(doc)
    layout = plan(doc)
    shown = _shown(doc, layout, chosen)
    parts = [Part(tuple(shown[n:n + chosen.per_page]))
             for n in range(0, len(shown), chosen.per_page)]
    references = [Part(())] if _listed(doc, layout, chosen) else []
    fit: dict[int, str] = {}
    guess = _page_counts(doc, layout, chosen, fit, parts + references)
    for part in _paged(parts + references, guess)[:len(parts)]:
        _fit_notes(doc, layout, chosen, part, fit)
    if "grow" in fit.values():  # a taller row moves the rest down: one flow of rows
        parts, guess = [Part(tuple(shown))], [1] + guess[len(parts):]
    for n in sorted(k for k, v in fit.items() if v == "grow"):
        warn(f"the speaker notes of slide {n} need more room than {chosen.per_page} slides "
             "to a page leave; its row is taller", doc.path)
    documents = _numbered(doc, layout, chosen, fit, parts + references, guess)
    document = documents[0].copy([page for d in documents for page in d.pages])
    relative_file_links(document, path.parent)
    with fixed_clock(), blank_characters(doc):  # font subsets carry no build time
        # Tagged (PDF/UA-1), as the brief is: a screen reader reads each
        # slide's title, text and notes in order, and the references.
        document.write_pdf(path, pdf_variant="pdf/ua-1")
    return len(document.pages)


def _fit_notes(doc, layout, chosen, part: Part, fit: dict[int, str]) -> None:
    """Settle `fit` for the slides of `part`: the step of CROWDED each row
    whose speaker notes overflow needs. A row's height is its share of the
    page whatever its neighbours, so its part alone shows whether they fit."""
    document = _render(doc, layout, chosen, fit, part)
    while crowded := {n: too_tall for n, too_tall in _overflowing_notes(document).items()
                      if fit.get(n) != "grow"}:
        for n, too_tall in crowded.items():
            fit[n] = _next_step(fit.get(n), too_tall)
        document = _render(doc, layout, chosen, fit, part)


def _page_counts(doc, layout, chosen, fit, parts: list[Part]) -> list[int]:
    """A first guess at each part's page count: one for a part of slides
    (a row keeps to its share of a page unless it grew), the reference
    list's own, laid out once to count them."""
    counts = [1] * len(parts)
    if parts and not parts[-1].slides:
        counts[-1] = len(_render(doc, layout, chosen, fit, _paged(parts, counts)[-1]).pages)
    return counts


def _numbered(doc, layout, chosen, fit, parts: list[Part], counts: list[int]) -> list:
    """The parts laid out and numbered as pages of one handout ("Page 4 of
    6"), from a guess at their page counts: a wrong guess lays out again
    the parts it misnumbered."""
    while True:
        documents = [_render(doc, layout, chosen, fit, part) for part in _paged(parts, counts)]
        if [len(d.pages) for d in documents] == counts:
            return documents
        counts = [len(d.pages) for d in documents]


def _paged(parts: list[Part], counts: list[int]) -> list[Part]:
    """The parts numbered as if each had its count of pages."""
    return [replace(part, first=1 + sum(counts[:i]), total=sum(counts))
            for i, part in enumerate(parts)]


# The parts laid out lately, by their HTML: `report watch` lays out again
# only the parts a save changed (an edited slide: its page), where laying
# out the whole handout took most of the time from the save to the PDF.
_LAID_OUT: OrderedDict[str, object] = OrderedDict()
LAID_OUT_KEPT = 64


def _render(doc: Document, layout: DeckLayout, chosen: HandoutOptions, fit: dict,
            part: Part):
    from weasyprint import HTML
    html = render_html(doc, layout, chosen, fit, part)
    base, css = str(doc.path.parent.resolve()), _HANDOUT_CSS.read_text(encoding="utf-8")
    key = hashlib.blake2b(f"{base}\0{css}\0{html}".encode(), digest_size=16).hexdigest()
    if key in _LAID_OUT:
        _LAID_OUT.move_to_end(key)
        return _LAID_OUT[key]
    document = _LAID_OUT[key] = HTML(
        string=html, base_url=base, url_fetcher=ProjectFetcher([doc.path.parent, STYLES])
    ).render(stylesheets=[_stylesheet(css)], font_config=_fonts())
    if len(_LAID_OUT) > LAID_OUT_KEPT:
        _LAID_OUT.popitem(last=False)
    return document


_HANDOUT_CSS = STYLES / "handout.css"


@lru_cache(maxsize=2)  # by content: a stylesheet saved while `report watch` runs is read anew
def _stylesheet(css: str):
    """styles/handout.css, parsed once for all the parts (it took a tenth of
    laying out one)."""
    from weasyprint import CSS
    return CSS(string=css, base_url=_HANDOUT_CSS.as_uri(), font_config=_fonts(),
               url_fetcher=ProjectFetcher([STYLES]))


@lru_cache(maxsize=1)
def _fonts():
    """One font configuration for every part: the deck's faces are loaded
    once, and the parts' pages share them when written."""
    from weasyprint.text.fonts import FontConfiguration
    return FontConfiguration()


def render_html(doc: Document, layout: DeckLayout, chosen: HandoutOptions,
                fit: dict[int, str], part: Part | None = None) -> str:
    """The handout's HTML: all of it, or one `part` of it."""
    words = labels.of(doc.meta.lang)
    writer = HtmlWriter(doc.footnotes, words=words)
    numbers = part.slides if part else _shown(doc, layout, chosen)
    shows_references = part is None or not part.slides
    listed = _listed(doc, layout, chosen) if shows_references else []
    title = slideopts.option(doc, "title") or plain_text(doc.meta.title)
    return environment().get_template("handout.html.j2").render(
        meta=doc.meta,
        words=words,
        page_foot=_page_foot(words["page"], part.total if part else None),
        first_page=part.first if part else 1,
        title=title,
        running_head=running_head(title, doc.meta.short_title, chosen.paper),
        grid=_grid(layout, chosen),
        date=chosen.date,
        options=chosen,
        paper_size=PAPER_SIZES[chosen.paper],
        css=_HANDOUT_CSS.as_uri() if part is None else None,  # a part's: _stylesheet()
        font=font(),
        font_family=family(font().regular),
        code_face=code_face(),
        code_family=family(code_face()),
        layout=layout,
        slides=[(n, layout.slides[n - 1]) for n in numbers],
        view=view,
        fit=fit,
        references=[(r.key, Markup(writer.entry(r.rendered))) for r in listed],
        references_title=Markup(writer.inlines(doc.meta.references_title)),
        references_note=Markup(writer.inlines(doc.meta.references_note)),
    )


def _grid(layout: DeckLayout, chosen: HandoutOptions) -> handoutgrid.Grid:
    """The page's grid for the chosen options (styles/handout.toml)."""
    return handoutgrid.grid(chosen.per_page, chosen.notes, (layout.width, layout.height),
                            text_width(chosen.paper), page_area(chosen.paper))


def _listed(doc: Document, layout: DeckLayout, chosen: HandoutOptions) -> list:
    """The references printed after the slides (report/handoutrefs.py)."""
    shown = _grid(layout, chosen)
    return handoutrefs.listed(doc, layout, shown.scale, shown.legible)


def _shown(doc: Document, layout: DeckLayout, chosen: HandoutOptions) -> list[int]:
    """The numbers of the slides the handout draws: all of them, but the
    references slides where the list is printed after the slides instead
    (their entries too small to read: one list, that reads, and no page
    of thumbnails it repeats). The slides keep the deck's numbers."""
    listed = bool(_listed(doc, layout, chosen))
    return [n for n, slide in enumerate(layout.slides, 1)
            if not (listed and slide.kind == "references")]


def running_head(title: str, short_title: str, paper: str) -> str:
    """The pages' head: the title, or the short title (the brief's running
    head) when there is one and the title would take two lines."""
    page = _page_css()
    size = page["head_size"]
    room = (text_width(paper) * page["head_share"] - page["head_padding"] * size) * SLACK
    return short_title if short_title and _head_width(title, size) > room else title


def text_width(paper: str) -> float:
    """The width of the page's text, between handout.css's @page margins."""
    from .tablefit import PAPER_WIDTHS
    return PAPER_WIDTHS[paper] - _page_css()["margins"]


def page_area(paper: str) -> float:
    """The height of the page's text, between handout.css's @page margins."""
    from .tablefit import PAPER_HEIGHTS
    return PAPER_HEIGHTS[paper] - _page_css()["margins_high"]


def _head_width(text: str, size: float) -> float:
    """`text`'s width in the head's type; a character the font lacks (another
    font sets it) counted an em wide, the widest it is likely to be."""
    from .textfit import cmap, text_width as width
    covered = cmap(_HEAD_FACE)
    missing = sum(1 for c in text if ord(c) not in covered and not c.isspace())
    kept = "".join(c for c in text if ord(c) in covered or c.isspace())
    return width(kept, size, _HEAD_FACE) + missing * size


_UNITS = {"in": 72.0, "pt": 1.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75}


def _page_css() -> dict[str, float]:
    """What handout.css's @page says of the page and its head, in points: its
    side `margins` together, its top and bottom ones (`margins_high`);
    @top-left's `head_share` of the text's width (its calc's percentage),
    less `head_padding` ems, and its type's `head_size`."""
    return _page_measures(_HANDOUT_CSS.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)  # by content: a stylesheet saved while `report watch` runs is read anew
def _page_measures(css: str) -> dict[str, float]:
    import tinycss2
    page = next(r for r in tinycss2.parse_stylesheet(css, skip_comments=True,
                                                     skip_whitespace=True)
                if r.type == "at-rule" and r.lower_at_keyword == "page")
    out = {}
    for node in tinycss2.parse_blocks_contents(page.content, skip_comments=True,
                                               skip_whitespace=True):
        if node.type == "declaration" and node.lower_name == "margin":
            sides = [_points(t) for t in node.value if t.type == "dimension"]
            out["margins"] = sides[1] + sides[-1 if len(sides) == 4 else 1]
            out["margins_high"] = sides[0] + sides[2 if len(sides) >= 3 else 0]
        elif node.type == "at-rule" and node.lower_at_keyword == "top-left":
            head = {d.lower_name: list(tinycss2.parse_component_value_list(
                tinycss2.serialize(d.value))) for d in tinycss2.parse_blocks_contents(
                    node.content, skip_comments=True, skip_whitespace=True)
                if d.type == "declaration"}
            calc = [t for f in head["width"] if f.type == "function" for t in f.arguments]
            out["head_share"] = next(t.value for t in calc if t.type == "percentage") / 100
            out["head_padding"] = next(t.value for t in calc if t.type == "dimension")
            out["head_size"] = next(_points(t) for t in head["font"] if t.type == "dimension")
    return out


def _points(token) -> float:
    return token.value * _UNITS[token.unit.lower()]


def _page_foot(words: str, total: int | None = None) -> str:
    """CSS content for "Page {page} of {pages}": its words as strings, the
    numbers as WeasyPrint's page counters; the count of pages as `total`
    when given (a part of the handout knows only its own pages)."""
    parts = re.split(r"\{(page|pages)\}", words)  # text, name, text, name, text
    return " ".join(css_string(str(total)) if part == "pages" and total is not None
                    else f"counter({part})" if n % 2 else css_string(part)
                    for n, part in enumerate(parts) if n % 2 or part)


def _overflowing_notes(document) -> dict[int, float]:
    """Slide number → how many times too tall its speaker notes are, for
    notes that run past the foot of their space.

    WeasyPrint lays text out, so it alone knows; its box tree says where
    each notes block ends and where its last line does.
    """
    out = {}
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is None or "speaker" not in (element.get("class") or "").split():
                continue
            top, foot = box.content_box_y(), box.content_box_y() + box.height
            if box.children and _bottom(box.children[-1]) > foot + 0.01:
                number = int(element.get("data-slide"))
                out[number] = max(out.get(number, 0),
                                  (_bottom(box.children[-1]) - top) / max(box.height, 1))
    return out


def _next_step(current: str | None, too_tall: float) -> str:
    """The step of CROWDED to try next for notes `too_tall` times too tall
    in the type of `current` (None: the notes' own): the first step after it
    whose smaller type might hold them, else the taller row.

    Trying each step in turn took a render of the whole handout each.
    """
    later = CROWDED[CROWDED.index(current) + 1:] if current else CROWDED
    sizes = _note_sizes()
    if current not in sizes:  # a stylesheet unlike ours: one step at a time
        return later[0]
    for step in later[:-1]:
        if step not in sizes or too_tall * (sizes[step] / sizes[current]) ** 2 <= SURELY_TOO_TALL:
            return step
    return later[-1]


def _note_sizes() -> dict[str | None, float]:
    """The speaker notes' type size in each step (styles/handout.css), in pt:
    `.notes.speaker` under None, `.fit-1 .notes.speaker` under "fit-1"…"""
    return _sizes_in(_HANDOUT_CSS.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)  # by content: a stylesheet saved while `report watch` runs is read anew
def _sizes_in(css: str) -> dict[str | None, float]:
    import tinycss2
    sizes = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        selector = " ".join(tinycss2.serialize(getattr(rule, "prelude", [])).split())
        matched = re.fullmatch(r"(?:\.([\w-]+) )?\.notes\.speaker", selector)
        if rule.type != "qualified-rule" or not matched or matched[1] not in (None, *CROWDED):
            continue
        for declaration in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                          skip_whitespace=True):
            value = [t for t in getattr(declaration, "value", []) if t.type != "whitespace"]
            if (declaration.type == "declaration" and declaration.lower_name == "font-size"
                    and len(value) == 1 and getattr(value[0], "unit", None) == "pt"):
                sizes[matched[1]] = value[0].value
    return sizes


def _bottom(box) -> float:
    return box.position_y + box.margin_height()
