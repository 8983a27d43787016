"""Read → Document → cite → write: the one path every output takes."""

from __future__ import annotations

import importlib
from contextlib import nullcontext
from pathlib import Path

from .errors import ReportError
from .model import Document
from .output import atomic, writable


def load(source: Path, meanwhile=None, kind: str | None = None) -> Document:
    """The article read and its citations rendered, ready for any writer;
    while `meanwhile()` runs in this process, if given (report/parallel.py).
    Then what the writer of `kind`, if given, makes of it ahead (`draft`)."""
    if meanwhile is None:
        return _load(source, kind)
    from .parallel import beside
    return beside(lambda: _load(source, kind), meanwhile)


def _load(source: Path, kind: str | None = None) -> Document:
    from . import cite, source as reader
    doc = reader.read(source)
    cite.resolve(doc)
    if kind in _DRAFTING:
        # The child has read and cited long before WeasyPrint is imported
        # here: the brief's HTML, made there, is 27 ms off a cold build.
        importlib.import_module(_WRITER_MODULES[kind], __package__).draft(doc)
    return doc


def prepare(kind: str) -> None:
    """Import the writer of `kind` and all it needs: what a cold build of a
    PDF or a deck spends longest on, done while the article is read. A
    writer's `warm_up()`, if it has one, reads what it will need first."""
    if kind in ("pdf", "handout"):
        from . import pdfspeed
        pdfspeed.apply()
    if kind == "slides":
        from . import pptxspeed
        pptxspeed.defer_unused_imports()  # before python-pptx is imported
    writer = importlib.import_module(_WRITER_MODULES[kind], __package__)
    getattr(writer, "warm_up", lambda: None)()


def write(kind: str, doc: Document, target: Path) -> int | None:
    """Write one output atomically; return its page or slide count."""
    from .slidemodel import deck_theme
    # The deck's theme (`slides: theme:`) for the writers that draw slides.
    look = deck_theme(doc) if kind in ("slides", "handout") else nullcontext()
    with atomic(writable(target)) as temporary, look:
        return _WRITERS[kind](doc, temporary)


def _html(doc: Document, path: Path) -> None:
    from .brief import render_html
    path.write_text(render_html(doc, standalone=True, folder=path.parent), encoding="utf-8")
    return None


def _pdf(doc: Document, path: Path) -> int:
    from . import pdfspeed
    pdfspeed.apply()  # imports WeasyPrint: before brief does
    from .brief import write_pdf
    from .fetch import RefusedResource
    try:
        return write_pdf(doc, path)
    except RefusedResource as refused:
        raise ReportError(f"refused to load {refused}", doc.path,
                          hint="images must be files inside the article's folder") from None


def _slides(doc: Document, path: Path) -> int:
    from .deck import write_pptx
    from .glyphs import unshown_on_slides
    from .slidemodel import code_face, font
    written = write_pptx(doc, path)
    # PowerPoint and LibreOffice show a character no font has as a blank and
    # say nothing: the PDFs warn of theirs as they are written, this of the deck's.
    faces = font()
    unshown_on_slides(doc, written.shown, [faces.regular, faces.bold, faces.italic,
                                           faces.bold_italic, code_face()])
    return written.slides


def _handout(doc: Document, path: Path) -> int:
    from . import pdfspeed
    pdfspeed.apply()  # imports WeasyPrint: before handout does
    from .handout import write_handout
    return write_handout(doc, path)


_WRITER_MODULES = {"html": ".brief", "pdf": ".brief", "slides": ".deck", "handout": ".handout"}
_DRAFTING = {"pdf"}  # writers with a `draft(doc)`: what needs the document, not WeasyPrint
_WRITERS = {"html": _html, "pdf": _pdf, "slides": _slides, "handout": _handout}
