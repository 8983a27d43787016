"""A word wider than a slide's title at its least size (a German compound)
is not broken between letters: the title shrinks below its least size, to
TITLE_FALLBACK of it at most, and LibreOffice sets the word on one line
(read back from the pptx and from LibreOffice's PDF of it). A long address
still breaks, after a slash or hyphen, at the least size: no smaller."""

from __future__ import annotations

import pdfplumber
import pytest
from conftest import run_report
from pptx import Presentation
from test_deck_render import SOFFICE, soffice_pdf

from report.slidefit import TITLE_FALLBACK
from report.slidemodel import theme

COMPOUND = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen"
URL = "https://example.org/a-very/long_path/segment.with.dots/and-more/stuff/index.html"
ARTICLE = f"""---
title: "Title Words"
---

# {COMPOUND}

Some text about it.

# Sources at {URL}

Text here.
"""


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    folder = tmp_path_factory.mktemp("titles")
    path = folder / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run_report("slides", path, "-o", folder / "deck.pptx")
    assert result.returncode == 0, result.stderr
    return folder / "deck.pptx"


def title_of(deck, words: str):
    shapes = [s.shapes.title for s in Presentation(deck).slides if s.shapes.title is not None]
    shape = next(t for t in shapes if words in t.text_frame.text)
    return shape, shape.text_frame.paragraphs[0].runs[0].font.size.pt


def test_a_long_compound_shrinks_below_the_least_size_onto_one_line(deck):
    spec = theme()["title"]
    shape, size = title_of(deck, COMPOUND)
    assert spec["min_size"] * TITLE_FALLBACK <= size < spec["min_size"]
    one_line = size * spec["line_spacing"] * 1.2 + size * 0.012
    assert shape.height.pt == pytest.approx(one_line, abs=0.5)


def test_an_address_breaks_at_the_least_size_not_smaller(deck):
    _, size = title_of(deck, URL)
    assert size == theme()["title"]["min_size"]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_sets_the_compound_whole(deck, tmp_path):
    with pdfplumber.open(soffice_pdf(deck, tmp_path)) as pdf:
        words = [w["text"] for page in pdf.pages for w in page.extract_words()]
    assert COMPOUND in words
    # the address breaks at a slash or hyphen, never between two letters
    pieces = [w for w in words if w in URL and len(w) > 3]
    assert pieces and all(URL.split(p)[0].endswith(("/", "-")) or URL.startswith(p)
                          for p in pieces), pieces
