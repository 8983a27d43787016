"""Pandoc's fancy lists (a., (i), iv), #.): read as Pandoc reads them, and
numbered so in the brief, the deck and the handout."""

from __future__ import annotations

import pdfplumber
import pytest
from conftest import run_report
from pptx import Presentation

from report import source
from report.model import OrderedList, Para, list_marker, plain_text

ARTICLE = """\
---
title: Lists
---

# Steps

Three kinds.

a. lettered one
b. lettered two
   i. roman sub
   ii. roman sub two
c. lettered three

(a) in parentheses
(b) again

iv) from four
v) and five

3. a numbered list from three
4. and four

B. Russell wrote this paragraph: a capital and a period want two spaces.

A paragraph whose next line
c. 1900 starts like an item, but a list interrupts no paragraph.

::: slide
- a bullet
  a. its first point
  b. its second

(i) one
(ii) two
:::
"""


def _read(tmp_path):
    (tmp_path / "article.md").write_text(ARTICLE, encoding="utf-8")
    return source.read(tmp_path / "article.md")


def _lists(blocks):
    for block in blocks:
        if isinstance(block, OrderedList):
            yield block
            for item in block.items:
                yield from _lists(item)


def test_the_reader_numbers_lists_as_pandoc_does(tmp_path):
    doc = _read(tmp_path)
    found = [(o.style, o.delimiter, o.start, len(o.items)) for o in _lists(doc.blocks)]
    assert found == [("lower-alpha", ".", 1, 3), ("lower-roman", ".", 1, 2),
                     ("lower-alpha", "()", 1, 2), ("lower-roman", ")", 4, 2),
                     ("decimal", ".", 3, 2)]
    paragraphs = [b for b in doc.blocks if isinstance(b, Para)]
    assert any(p.children[0].text.startswith("B. Russell") for p in paragraphs)
    assert any("c. 1900" in p.children[0].text for p in paragraphs)


@pytest.mark.parametrize("text,expected", [
    ("h. eight\ni. nine\n", [("lower-alpha", ".", 8, 2)]),
    ("iv) four\nv) five\n", [("lower-roman", ")", 4, 2)]),
    ("i. one\nii. two\n", [("lower-roman", ".", 1, 2)]),
    ("#. auto\n#. auto\n", [("decimal", ".", 1, 2)]),
    ("A.  capital\n", [("upper-alpha", ".", 1, 1)]),
    ("XIV) fourteen\n", [("upper-roman", ")", 14, 1)]),
    ("a. alpha\n1. digits\n", [("lower-alpha", ".", 1, 1), ("decimal", ".", 1, 1)]),
    ("ab. no numeral\n", []),
    ("```\na. in code\n```\n", []),
    ("    a. indented code\n", []),
])
def test_markers(tmp_path, text, expected):
    (tmp_path / "article.md").write_text("---\ntitle: T\n---\n\nBefore.\n\n" + text,
                                         encoding="utf-8")
    doc = source.read(tmp_path / "article.md")
    assert [(o.style, o.delimiter, o.start, len(o.items)) for o in _lists(doc.blocks)] == expected


def test_an_items_text_keeps_its_column_and_its_words(tmp_path):
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n(iv) four\n     continued\nxii. twelve\n\n"
        "    i. code\n", encoding="utf-8")
    first, second, code = source.read(tmp_path / "article.md").blocks
    assert plain_text(first.items[0][0].children) == "four continued"
    assert plain_text(second.items[0][0].children) == "twelve"
    assert code.text.rstrip() == "i. code"


def test_markers_as_the_author_wrote_them_but_numerals_as_apa_sets_them():
    assert list_marker("lower-alpha", ".", 28) == "ab."
    assert list_marker("upper-roman", "()", 9) == "(IX)"
    assert list_marker("lower-roman", ")", 4) == "iv)"
    assert list_marker("decimal", ")", 3) == "3."  # APA 7 §6.52: numeral and period


def _built(tmp_path, kind: str, name: str):
    _read(tmp_path)
    out = tmp_path / name
    result = run_report(kind, tmp_path / "article.md", "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def _text(pdf_path) -> str:
    with pdfplumber.open(pdf_path) as pdf:
        return "\n".join(page.extract_text() for page in pdf.pages)


def test_the_brief_prints_the_markers(tmp_path):
    text = _text(_built(tmp_path, "pdf", "brief.pdf"))
    for line in ("a. lettered one", "c. lettered three", "i. roman sub", "ii. roman sub two",
                 "(a) in parentheses", "(b) again", "iv) from four", "v) and five",
                 "3. a numbered list from three", "4. and four"):
        assert line in text


def test_the_deck_numbers_them_with_powerpoints_own_schemes(tmp_path):
    schemes = []
    for slide in Presentation(_built(tmp_path, "slides", "deck.pptx")).slides:
        for shape in (s for s in slide.shapes if s.has_text_frame):
            for p in shape.text_frame.paragraphs:
                number = p._p.find(".//{*}buAutoNum")
                if number is not None:
                    schemes.append((number.get("type"), number.get("startAt"), p.text))
    assert schemes == [("alphaLcPeriod", "1", "its first point"),
                       ("alphaLcPeriod", "2", "its second"),
                       ("romanLcParenBoth", "1", "one"), ("romanLcParenBoth", "2", "two")]


def test_the_handout_draws_the_decks_markers(tmp_path):
    text = _text(_built(tmp_path, "handout", "handout.pdf"))
    for marker in ("a.", "b.", "(i)", "(ii)"):
        assert marker in text


EXAMPLES = """\
---
title: Examples
---

# Cases
(@) The first example, right under its heading.
(@good) A good one.

As (@good) shows, examples count on across lists; `(@good)` in code stays.

(@) The third.

::: slide
## On a slide
(@) The fourth
:::
"""


def test_an_example_label_longer_than_nine_characters(tmp_path):
    """CommonMark reads nine digits at most: a long label is an item all the same."""
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n(@a) A\n(@abcdefgh) B.\n(@a-very-long-example-label) C\n"
        "    continued.\n\nAs (@a-very-long-example-label) shows.\n", encoding="utf-8")
    doc = source.read(tmp_path / "article.md")
    examples, para = doc.blocks
    assert [plain_text(item[0].children) for item in examples.items] == ["A", "B.",
                                                                          "C continued."]
    assert plain_text(para.children) == "As (3) shows."


def test_example_lists_count_across_the_article_and_labels_stand_for_numbers(tmp_path):
    (tmp_path / "article.md").write_text(EXAMPLES, encoding="utf-8")
    doc = source.read(tmp_path / "article.md")
    found = [(o.style, o.start, len(o.items)) for b in doc.blocks
             for o in _lists(b.blocks if hasattr(b, "blocks") else [b])]
    assert found == [("example", 1, 2), ("example", 3, 1), ("example", 4, 1)]
    assert "As (2) shows" in plain_text(doc.blocks[2].children)
    assert "`(@good)`" not in plain_text(doc.blocks[2].children)  # code is code
    assert "(@good)" in plain_text(doc.blocks[2].children)
    assert list_marker("example", "()", 12) == "(12)"

    out = tmp_path / "brief.pdf"
    assert run_report("pdf", tmp_path / "article.md", "-o", out).returncode == 0
    text = _text(out)
    for line in ("(1) The first example", "(2) A good one.", "(3) The third."):
        assert line in text
    deck = tmp_path / "deck.pptx"
    assert run_report("slides", tmp_path / "article.md", "-o", deck).returncode == 0
    numbers = [p._p.find(".//{*}buAutoNum") for s in Presentation(deck).slides
               for shape in s.shapes if shape.has_text_frame
               for p in shape.text_frame.paragraphs]
    assert [(n.get("type"), n.get("startAt")) for n in numbers if n is not None] == [
        ("arabicParenBoth", "4")]
