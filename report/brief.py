"""The brief: Document → HTML (Jinja2, styles/) → PDF (WeasyPrint).

APA 7 decides what goes on which page (title page, abstract, text,
references); styles/brief.html.j2 and styles/brief.css decide how it looks.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from markupsafe import Markup, escape

from . import STYLES, labels, runninghead, tablefit
from .authors import affiliations, marks, numbered
from .errors import ReportError, warn
from .filelinks import from_output, relative_file_links
from .htmlblocks import HtmlWriter, bookmark_text
from .model import (RUNNING_HEAD_MAX, WRAPPERS, Document, Heading, LineBreak, NoteRef,
                    RefsPlaceholder, Text, plain_text)
from .output import fixed_clock
from .templates import environment
from .walk import walk_cites

PAPER_SIZES = {"letter": "letter", "a4": "A4"}


def render_html(doc: Document, standalone: bool = False, folder: Path | None = None) -> str:
    """The brief as HTML; `standalone` inlines fonts and images, and links
    to files as from `folder`, where it is written."""
    resolve = (lambda src: _data_uri(doc.path.parent / src)) if standalone else (
        lambda src: (doc.path.parent / src).resolve().as_uri())
    href = (lambda url: from_output(url, doc.path.parent, folder)) if folder else str
    references = _printed_references(doc)
    words = labels.of(doc.meta.lang)
    writer = HtmlWriter(doc.footnotes, resolve, references, words,
                        tablefit.measure_width(doc.meta.papersize), doc.meta.lang,
                        tablefit.measure_height(doc.meta.papersize),
                        code_break="<wbr>" if standalone else "\u200b",  # for a browser
                        resolve_href=href)
    head = _running_head(doc)
    template = environment().get_template("brief.html.j2")
    return template.render(
        meta=doc.meta,
        words=words,
        title=Markup(writer.inlines(_before_subtitle(doc.meta, words))),
        title_text=plain_text(doc.meta.title),
        # Atop the text, the title once more: its note was called on the title page.
        title_again=Markup(writer.inlines(_without_notes(_before_subtitle(doc.meta, words)))),
        subtitle_again=Markup(writer.inlines(_without_notes(doc.meta.subtitle))),
        title_bookmark=_title_bookmark(doc.meta, words),
        subtitle=Markup(writer.inlines(doc.meta.subtitle)),
        authors=_byline(doc),
        affiliations=_affiliation_lines(doc),
        student_lines=[Markup(writer.inlines(doc.meta.course)),
                       Markup(writer.inlines(doc.meta.instructor)), doc.meta.date],
        author_note=Markup(writer.blocks(doc.meta.author_note)),
        abstract=Markup(writer.blocks(doc.meta.abstract)),
        impact_statement=Markup(writer.blocks(doc.meta.impact_statement)),
        keywords=Markup(", ".join(writer.inlines(k) for k in doc.meta.keywords)),
        keywords_text=", ".join(plain_text(k) for k in doc.meta.keywords),
        abstract_text=" ".join(plain_text(b.children) for b in doc.meta.abstract
                               if hasattr(b, "children")),
        running_head=head,
        running_head_size=runninghead.size(head, doc.meta.papersize),
        paper_size=PAPER_SIZES[doc.meta.papersize],
        body_parts=_body_parts(doc, writer),
        references=[(r.key, Markup(writer.entry(r.rendered))) for r in references],
        references_title=Markup(writer.inlines(doc.meta.references_title)),
        references_note=Markup(writer.inlines(doc.meta.references_note)),
        css=_css(standalone),
        created=_created(),
    )


def draft(doc: Document) -> None:
    """The brief's HTML, made ahead of write_pdf, which needs WeasyPrint
    (pipeline.load): kept on the document."""
    doc.drafts["brief"] = render_html(doc)


def write_pdf(doc: Document, target) -> int:
    """Write the PDF to `target` (a path or file object); return the page count."""
    from weasyprint import HTML
    from .fetch import ProjectFetcher  # imports WeasyPrint: not for the HTML brief
    from .glyphs import blank_characters
    from .pdfspeed import no_cycle_collection
    with no_cycle_collection():
        made = doc.drafts.pop("brief", None) or render_html(doc)
        html = HTML(string=made, base_url=str(doc.path.parent.resolve()),
                    url_fetcher=ProjectFetcher([doc.path.parent, STYLES]))
        document = html.render()
        relative_file_links(document, Path(target).parent if isinstance(target, (str, Path))
                            else doc.path.parent)
        # Drawn, a character no font has is blank; named where the brief prints it.
        with fixed_clock(), blank_characters(doc, prints_slides=False):
            # PDF/UA-1: tagged, so a screen reader reads title, headings,
            # paragraphs and references in order; it also fixes PDF 1.7.
            document.write_pdf(target, pdf_variant="pdf/ua-1")
    return len(document.pages)


def _body_parts(doc: Document, writer: HtmlWriter) -> list[Markup]:
    """The text, cut where `::: {#refs}` places the reference list, or else
    before the first appendix, which APA prints after it (§2.17)."""
    placed = any(isinstance(block, RefsPlaceholder) for block in doc.blocks)
    parts, run = [], []
    for block in doc.blocks:
        if isinstance(block, RefsPlaceholder) or (
                not placed and len(parts) == 0 and isinstance(block, Heading) and block.appendix):
            parts.append(Markup(writer.blocks(run)))
            run = []
        if not isinstance(block, RefsPlaceholder):
            run.append(block)
    parts.append(Markup(writer.blocks(run)))
    return parts


def _printed_references(doc: Document) -> list:
    """APA §9.1: the list holds the works the text cites (and `nocite` adds);
    a work cited only on slides or in speaker notes is left out. A typed
    entry (report/typedrefs.py) is cited by no key: it is listed."""
    cited = {k.lower() for c in walk_cites(doc, printed=True) for i in c.items
             for k in [i.key, *i.within]}
    listed = {k.lower() for k in doc.meta.nocite}
    out = []
    for reference in doc.references:
        key = reference.key.lower()
        if reference.typed or key in cited or key in listed or "*" in listed:
            out.append(reference)
        else:
            warn(f"'{reference.key}' is cited only on slides or in notes; the brief's "
                 "reference list leaves it out", doc.path)
    return out


def _before_subtitle(meta, words) -> list:
    """The title, and a colon if a subtitle follows on the next line, as
    APA writes "Title: Subtitle" (§6.17) and apaquarto joins them; not after
    a title that ends with its own "?" or "!"."""
    title = list(meta.title)
    if not meta.subtitle or plain_text(title).rstrip()[-1:] in (":", "?", "!", "."):
        return title
    at = len(title)
    while at and isinstance(title[at - 1], NoteRef):  # "Title:¹", the call after it
        at -= 1
    return title[:at] + [Text(words["colon"])] + title[at:]


def _title_bookmark(meta, words) -> str:
    """"Title: Subtitle" in the PDF's outline, as atop the text."""
    return bookmark_text([*_before_subtitle(meta, words), LineBreak(), *meta.subtitle])


def _without_notes(inlines: list) -> list:
    return [replace(node, children=_without_notes(node.children))
            if isinstance(node, WRAPPERS) else node
            for node in inlines if not isinstance(node, NoteRef)]


def _byline(doc: Document) -> Markup:
    """"A and B", "A, B, and C"; with several affiliations each name carries
    the superscript numbers of its own (APA §2.6)."""
    places = affiliations(doc.meta)
    names = []
    for author in (a for a in doc.meta.authors if a.name):
        numbers = marks(author, places) if numbered(doc.meta) else ""
        names.append(escape(author.name) + (Markup(f"<sup>{numbers}</sup>") if numbers else ""))
    return labels.joined(labels.of(doc.meta.lang), names)


def _affiliation_lines(doc: Document) -> list[Markup]:
    places = affiliations(doc.meta)
    if not numbered(doc.meta):
        return [escape(a) for a in places]
    return [Markup(f"<sup>{n}</sup>") + escape(a) for n, a in enumerate(places, 1)]


def _running_head(doc: Document) -> str:
    """APA §2.18: professional papers only, in capitals, at most 50 characters."""
    if doc.meta.paper != "professional":
        return ""
    head = doc.meta.short_title or plain_text(doc.meta.title)
    if len(head) > RUNNING_HEAD_MAX:
        warn("the title is too long to be the running head; set 'short-title' "
             f"({RUNNING_HEAD_MAX} characters at most)", doc.path, 2)
        return ""
    return labels.capitals(head)


def _css(standalone: bool) -> str:
    """brief.css with its font URLs made absolute, or inlined as data."""
    css = (STYLES / "brief.css").read_text(encoding="utf-8")
    locate = (lambda f: _data_uri(STYLES / f)) if standalone else (
        lambda f: (STYLES / f).as_uri())
    return re.sub(r'url\("(fonts/[^"]+)"\)', lambda m: f'url("{locate(m[1])}")', css)


def _created() -> str:
    """The build date: SOURCE_DATE_EPOCH if set, so that rebuilds are identical."""
    from .output import source_date_epoch  # its one reader, which checks it
    epoch = source_date_epoch()
    if epoch is None:
        return ""
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _data_uri(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError:
        raise ReportError(f"cannot read '{path}'", path) from None
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
