"""The handout: the deck's slides, N to a page, with room for notes, and the
reference list; HTML (Jinja2, styles/handout.*) printed by WeasyPrint.

The slides are drawn from the very layout the pptx writer draws
(slides.plan), box by box, so the handout shows exactly the deck, in real
text with the deck's embedded fonts.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from . import STYLES
from .errors import warn
from .fetch import ProjectFetcher
from .handoutopts import HandoutOptions, options
from .htmlblocks import HtmlWriter
from .model import Document, plain_text
from .output import fixed_clock
from .slides import DeckLayout, font, plan
from .slideview import family, view
from .templates import environment

PAPER_SIZES = {"letter": "letter", "a4": "A4"}
# What a slide's row tries, in turn, when its speaker notes overflow their
# share of the page (styles/handout.css): smaller type, then a taller row.
CROWDED = ("fit-1", "fit-2", "grow")


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
    while crowded := [n for n in _overflowing_notes(document) if fit.get(n) != "grow"]:
        for n in crowded:
            fit[n] = CROWDED[CROWDED.index(fit[n]) + 1] if n in fit else CROWDED[0]
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
    writer = HtmlWriter(doc.footnotes)
    return environment().get_template("handout.html.j2").render(
        meta=doc.meta,
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
    )


def _overflowing_notes(document) -> list[int]:
    """Slide numbers whose speaker notes run past the foot of their space.

    WeasyPrint lays text out, so it alone knows; its box tree says where
    each notes block ends and where its last line does.
    """
    out = []
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is None or "speaker" not in (element.get("class") or "").split():
                continue
            foot = box.content_box_y() + box.height
            if box.children and _bottom(box.children[-1]) > foot + 0.01:
                out.append(int(element.get("data-slide")))
    return sorted(set(out))


def _bottom(box) -> float:
    return box.position_y + box.margin_height()
