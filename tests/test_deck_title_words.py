"""A word wider than a slide's title at its least size (a German compound)
is not broken between letters: the title shrinks below its least size, to
deck.toml's title.word_shrink of it at most, and LibreOffice sets the word
on one line (read back from the pptx and from LibreOffice's PDF of it). A
long address still breaks, after a slash or hyphen, at the least size: no
smaller; a word too long even for the smallest size breaks between
syllables, at a zero-width space, with no hyphen."""

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
    shape = next(t for t in shapes if words == t.text_frame.text.replace("\u200b", "")
                 or words == URL and words in t.text_frame.text)
    return shape, shape.text_frame.paragraphs[0].runs[0].font.size.pt


def test_a_long_compound_shrinks_below_the_least_size_onto_one_line(deck):
    spec = theme()["title"]
    shape, size = title_of(deck, COMPOUND)
    assert spec["min_size"] * spec["word_shrink"] <= size < spec["min_size"]
    one_line = size * spec["line_spacing"] * 1.2 + size * 0.012
    assert shape.height.pt == pytest.approx(one_line, abs=0.5)


def test_a_word_longer_than_any_size_holds_breaks_at_a_syllable(deck):
    """At the least size, with a zero-width space at each of its syllables
    (German's, the article's language), where a line may break."""
    from report.slidetitle import _syllables
    shape, size = title_of(deck, LONGEST)
    assert size == theme()["title"]["min_size"]
    text = shape.text_frame.text
    assert text.replace("\u200b", "") == LONGEST and "-" not in text
    cuts = [len(text[:i].replace("\u200b", "")) for i, c in enumerate(text) if c == "\u200b"]
    assert cuts and set(cuts) <= set(_syllables("de").positions(LONGEST))


def test_an_address_breaks_at_the_least_size_not_smaller(deck):
    _, size = title_of(deck, URL)
    assert size == theme()["title"]["min_size"]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_breaks_words_only_where_the_deck_lets_it(deck, tmp_path):
    from report.slidetitle import _syllables
    with pdfplumber.open(soffice_pdf(deck, tmp_path)) as pdf:
        words = [w["text"] for page in pdf.pages for w in page.extract_words()]
        lines = [re.sub(r"[\s\u200b]", "", line) for page in pdf.pages
                 for line in page.extract_text().splitlines()]
    assert COMPOUND in words  # whole, on one line
    # the longest word: its first line ends at one of its syllables, no hyphen added
    head = next(line for line in lines if line[:20] == LONGEST[:20])
    assert head != LONGEST and len(head) in _syllables("de").positions(LONGEST)
    # the address breaks at a slash or hyphen, never between two letters
    pieces = [w for w in words if w in URL and len(w) > 3]
    assert pieces and all(URL.split(p)[0].endswith(("/", "-")) or URL.startswith(p)
                          for p in pieces), pieces


def test_breaks_in_a_later_run_fall_where_they_fall_in_one_run():
    """A title of several runs (an emphasised word before a long one) puts
    the long word's break points where a title of one run puts them: the
    offsets are the title's as written (they were shifted by the spaces put
    into earlier runs: 'w|ww.e|xa|mple')."""
    from report.slidemodel import Run
    from report.slidetitle import break_points
    size, width = theme()["title"]["min_size"], 300

    def broken(runs):
        return "".join(r.text for r in break_points(runs, size, width))

    head = f"{LONGEST} and "
    whole = broken([Run(head + URL, bold=True)])
    assert broken([Run(head, bold=True), Run(URL, bold=True)]) == whole
    assert "\u200b" in whole.split(" and ")[1]
