"""A word wider than a slide's title at its least size (a German compound)
is not broken between letters: the title shrinks below its least size, to
deck.toml's title.word_shrink of it at most, and LibreOffice sets the word
on one line (read back from the pptx and from LibreOffice's PDF of it). A
long address still breaks, at the least size: no smaller; a word too long
even for the smallest size is set at the least size and wraps where
PowerPoint wraps it. The title's text is the author's: nothing (a
zero-width space) is put into a word to break it, which a copy would carry."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from conftest import run_report
from pptx import Presentation
from test_deck_render import SOFFICE, soffice_pdf

from report.slidemodel import theme

COMPOUND = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen"
LONGEST = COMPOUND + "herstellungsbetriebsleiter"  # 84 letters: no size holds it
URL = "https://example.org/a-very/long_path/segment.with.dots/and-more/stuff/index.html"
ARTICLE = f"""---
title: "Title Words"
lang: de
---

# {COMPOUND}

Some text about it.

# Sources at {URL}

Text here.

# {LONGEST}

More text.
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
    """The title shape that reads `words` (within it, for an address) and its size."""
    shapes = [s.shapes.title for s in Presentation(deck).slides if s.shapes.title is not None]
    shape = next(t for t in shapes if words == t.text_frame.text
                 or words == URL and words in t.text_frame.text)
    return shape, shape.text_frame.paragraphs[0].runs[0].font.size.pt


def test_a_long_compound_shrinks_below_the_least_size_onto_one_line(deck):
    spec = theme()["title"]
    shape, size = title_of(deck, COMPOUND)
    assert spec["min_size"] * spec["word_shrink"] <= size < spec["min_size"]
    one_line = size * spec["line_spacing"] * 1.2 + size * 0.012
    assert shape.height.pt == pytest.approx(one_line, abs=0.5)


def test_a_word_longer_than_any_size_holds_keeps_the_authors_letters(deck):
    """At the least size, its text as written: a zero-width space at each
    of its syllables was copied along with the title."""
    shape, size = title_of(deck, LONGEST)
    assert size == theme()["title"]["min_size"]
    assert [r.text for p in shape.text_frame.paragraphs for r in p.runs] == [LONGEST]


def test_no_title_holds_a_character_the_author_did_not_write(deck):
    texts = [s.shapes.title.text_frame.text for s in Presentation(deck).slides
             if s.shapes.title is not None]
    assert texts and not any(c in text for text in texts for c in "\u200b\u00ad\u2060")


def test_an_address_breaks_at_the_least_size_not_smaller(deck):
    _, size = title_of(deck, URL)
    assert size == theme()["title"]["min_size"]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_sets_the_words_as_the_deck_measures_them(deck, tmp_path):
    with pdfplumber.open(soffice_pdf(deck, tmp_path)) as pdf:
        words = [w["text"] for page in pdf.pages for w in page.extract_words()]
        lines = [re.sub(r"\s", "", line) for page in pdf.pages
                 for line in page.extract_text().splitlines()]
    assert COMPOUND in words  # whole, on one line
    # the longest word: over two lines at the least size, no hyphen added
    assert LONGEST not in lines and any(a + b == LONGEST for a, b in zip(lines, lines[1:]))
