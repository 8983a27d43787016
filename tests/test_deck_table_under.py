"""A table that fits whole under a few bullets shares their slide, the
bullets set smaller (down to deck.toml's body.under_size) to leave it room,
rather than a slide of three lonely bullets and the table alone on the
next. Read back from the pptx, and from LibreOffice's PDF of it."""

from __future__ import annotations

import pdfplumber
import pytest
from pptx.util import Emu
from test_deck import THEME, deck_of, title
from test_deck_render import SOFFICE, soffice_pdf

ROWS = [("Leeds General Infirmary", "Structured survey form", "Online questionnaire"),
        ("Paris Hôpital Saint-Louis", "Semi-structured interview", "In person at the clinic"),
        ("Oslo University Hospital", "Daily symptom diary", "Paper booklet by post"),
        ("Turin Molinette Hospital", "Structured survey form", "Telephone call"),
        ("Basel University Hospital", "Semi-structured interview", "Video conference call"),
        ("Porto São João Hospital", "Daily symptom diary", "Smartphone application")]
BULLETS = ["Six sites took part", "Each used its own protocol", "Instruments were calibrated"]


def article(rows: int, caption: bool) -> str:
    table = "| Site | Instrument used at the site | Protocol followed by the team |\n" \
        "|---|---|---|\n" + "".join(f"| {' | '.join(row)} |\n" for row in ROWS[:rows])
    bullets = "".join(f"- {b}\n" for b in BULLETS)
    return (f"# Methods\n\nWe compared three instruments across six sites.\n\n::: slide\n"
            f"## Methods\n\n{bullets}\n{table}" + ("\n: Sites and protocols\n" if caption else "")
            + ":::\n")


def content(deck) -> list:
    return [s for s in deck.slides if title(s).startswith("Methods")]


def body_foot(deck) -> float:
    return Emu(deck.slide_height).pt - THEME["body"]["bottom"]


@pytest.mark.parametrize("rows, caption", [(5, True), (6, False)])
def test_a_table_that_fits_under_three_bullets_shares_their_slide(tmp_path, rows, caption):
    """Five rows and a caption, or six rows: the table stood alone on a
    "(cont.)" slide after the bullets at 28 pt; at 20 pt both fit one."""
    deck = deck_of(tmp_path, article(rows, caption))
    [slide] = content(deck)
    body = slide.placeholders[1]
    [table] = [sh for sh in slide.shapes if sh.has_table]
    assert [p.text for p in body.text_frame.paragraphs] == BULLETS
    size = {r.font.size.pt for p in body.text_frame.paragraphs for r in p.runs}.pop()
    assert THEME["body"]["under_size"] <= size < THEME["body"]["split_size"]
    assert len(table.table.rows) == rows + 1
    assert Emu(body.top + body.height).pt <= Emu(table.top).pt
    assert Emu(table.top + table.height).pt <= body_foot(deck) + 0.01
    if SOFFICE is None:
        return
    with pdfplumber.open(soffice_pdf(tmp_path / "s.pptx", tmp_path)) as pdf:
        page = pdf.pages[[title(s) for s in deck.slides].index("Methods")]
        last = next(w for w in page.extract_words() if w["text"] == ROWS[rows - 1][2].split()[-1])
        first = next(w for w in page.extract_words() if w["text"] == "calibrated")
        assert last["bottom"] <= body_foot(deck) and first["bottom"] < Emu(table.top).pt


def test_a_table_too_tall_to_share_stands_after_the_bullets_at_their_size(tmp_path):
    """Six rows and a caption: 369 pt at the least sizes, the body 340.5 pt
    tall: the bullets keep their largest size, the table its own slide."""
    deck = deck_of(tmp_path, article(6, True))
    first, second = content(deck)
    assert not any(sh.has_table for sh in first.shapes)
    sizes = {r.font.size.pt for p in first.placeholders[1].text_frame.paragraphs for r in p.runs}
    assert sizes == {THEME["body"]["size"]}
    [table] = [sh for sh in second.shapes if sh.has_table]
    assert len(table.table.rows) == 7
