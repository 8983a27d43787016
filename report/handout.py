"""The handout: the deck's slides, N to a page, with room for notes, and the
reference list; HTML (Jinja2, styles/handout.*) printed by WeasyPrint.

The slides are drawn from the very layout the pptx writer draws
(slides.plan), box by box, so the handout shows exactly the deck, in real
text with the deck's embedded fonts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from . import STYLES, labels
from .errors import warn
from .fetch import ProjectFetcher
from .handoutopts import HandoutOptions, options
from .htmlblocks import HtmlWriter
from .model import Document, plain_text
from .output import fixed_clock
from .slides import DeckLayout, font, plan
from .slideview import family, view
from .templates import css_string, environment

PAPER_SIZES = {"letter": "letter", "a4": "A4"}
# What a slide's row tries, in turn, when its speaker notes overflow their
# share of the page (styles/handout.css): smaller type, then a taller row.
CROWDED = ("fit-1", "fit-2", "grow")
# A step is skipped when notes set in its type would still be this many
# times too tall, even if they shrank with the square of the type size (as
# long paragraphs do: narrower letters and lower lines). Looser than that,
# the step is tried.
SURELY_TOO_TALL = 1.15


def write_handout(doc: Document, path: Path) -> int:
    """Write the handout PDF to `path`; return its page count."""
    from .pdfspeed import no_cycle_collection
    with no_cycle_collection():  # as the brief is written: report/pdfspeed.py
        return _write(doc, path)


def _write(doc: Document, path: Path) -> int:
    chosen = options(doc)
    layout = plan(doc)
    fit: dict[int, str] = {}
    document = _render(doc, layout, chosen, fit)
    while crowded := {n: too_tall for n, too_tall in _overflowing_notes(document).items()
                      if fit.get(n) != "grow"}:
        for n, too_tall in crowded.items():
            fit[n] = _next_step(fit.get(n), too_tall)
        document = _render(doc, layout, chosen, fit)
    for n in sorted(k for k, v in fit.items() if v == "grow"):
        warn(f"the speaker notes of slide {n} need more room than {chosen.per_page} slides "
             "to a page leave; its row is taller", doc.path)
    with fixed_clock():  # font subsets carry no build time
        # Tagged (PDF/UA-1), as the brief is: a screen reader reads each
        # slide's title, text and notes in order, and the references.
        document.write_pdf(path, pdf_variant="pdf/ua-1")
    return len(document.pages)


def _render(doc: Document, layout: DeckLayout, chosen: HandoutOptions, fit: dict):
    from weasyprint import HTML
    html = HTML(string=render_html(doc, layout, chosen, fit),
                base_url=str(doc.path.parent.resolve()),
                url_fetcher=ProjectFetcher([doc.path.parent, STYLES]))
    return html.render()


def render_html(doc: Document, layout: DeckLayout, chosen: HandoutOptions,
                fit: dict[int, str]) -> str:
    words = labels.of(doc.meta.lang)
    writer = HtmlWriter(doc.footnotes, words=words)
    return environment().get_template("handout.html.j2").render(
        meta=doc.meta,
        words=words,
        page_foot=_page_foot(words["page"]),
        title=str(doc.meta.slides.get("title") or plain_text(doc.meta.title)),
        date=chosen.date,
        options=chosen,
        paper_size=PAPER_SIZES[chosen.paper],
        css=(STYLES / "handout.css").as_uri(),
        font=font(),
        font_family=family(font().regular),
        layout=layout,
        view=view,
        fit=fit,
        references=[(r.key, Markup(writer.inlines(r.rendered))) for r in doc.references],
        references_title=Markup(writer.inlines(doc.meta.references_title)),
    )


def _page_foot(words: str) -> str:
    """CSS content for "Page {page} of {pages}": its words as strings, the
    numbers as WeasyPrint's page counters."""
    parts = re.split(r"\{(page|pages)\}", words)  # text, name, text, name, text
    return " ".join(f"counter({part})" if n % 2 else css_string(part)
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
    return _sizes_in((STYLES / "handout.css").read_text(encoding="utf-8"))


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
