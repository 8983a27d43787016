"""Words too long for their line, and a running head too wide for its,
on the brief's title page and pages' heads and on the handout's head:
every word stays in its box and on the page (pdfplumber's word boxes)."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from conftest import run_report

MARGIN = 72  # the brief's 1-in margins
TOL = 0.5
GERMAN = ("Die Donaudampfschifffahrtsgesellschaftskapitänsmützenproduktions"
          "stättenverwaltungsgesellschaft im Überblick")
UNBREAKABLE = "W" * 73 + " " + "M" * 39
# APA's 50 characters, in the widest capitals: 6.7 in at 12 pt.
WIDE_HEAD = "MMMMM WWWWW MMMMM WWWWW MMMMM WWWWW MMMMM WWWWW MM"


def build(tmp_path, kind: str, front: str):
    (tmp_path / "article.md").write_text(f"---\n{front}---\n\n# Intro\n\nWords.\n\n"
                                         "::: slide\n- One\n:::\n", encoding="utf-8")
    out = tmp_path / f"{kind}.pdf"
    result = run_report(kind, tmp_path / "article.md", "-o", out)
    assert result.returncode == 0, result.stderr
    return pdfplumber.open(out)


def words(page):
    return page.extract_words(extra_attrs=["size"], x_tolerance=1.5)


def title_page_front(title: str) -> str:
    long = title.split()[1]
    return (f'title: "{title}"\nsubtitle: "{long}"\nlang: de\n'
            f'author:\n  - name: Anna {long}\n    affiliation: Institut für {long}\n'
            f'short-title: "{long[:50]}"\n')


@pytest.mark.parametrize("title", [GERMAN, "Ein " + UNBREAKABLE])
def test_title_page_words_stay_inside_the_margins(tmp_path, title):
    page = build(tmp_path, "pdf", title_page_front(title)).pages[0]
    found = words(page)
    assert any(w["text"].startswith(title.split()[1][:20]) for w in found)
    for w in found:
        assert w["x0"] >= MARGIN - TOL and w["x1"] <= page.width - MARGIN + TOL, w
    # broken, not lost: every letter of the title's long word is on the page
    text = "".join(w["text"] for w in found)
    assert title.split()[1] in text


def head(page):
    """The running head's words and the page number, in the top margin."""
    top = [w for w in words(page) if w["bottom"] <= MARGIN]
    number = [w for w in top if re.fullmatch(r"\d+", w["text"]) and w["x0"] > page.width / 2]
    return [w for w in top if w not in number], number


@pytest.mark.parametrize("papersize", ["letter", "a4"])
def test_a_wide_running_head_stays_on_one_line_beside_the_number(tmp_path, papersize):
    pdf = build(tmp_path, "pdf", f'title: "Women at Work"\nshort-title: "{WIDE_HEAD}"\n'
                                 f"papersize: {papersize}\n")
    for page in pdf.pages:
        text, number = head(page)
        assert " ".join(w["text"] for w in text) == WIDE_HEAD
        assert len({round(w["top"]) for w in text}) == 1  # one line
        assert text[0]["x0"] >= MARGIN - TOL
        assert max(w["x1"] for w in text) < number[0]["x0"] - 6  # clear of the number
        assert number[0]["x1"] <= page.width - MARGIN + TOL


def test_a_running_head_that_fits_keeps_the_texts_size(tmp_path):
    pdf = build(tmp_path, "pdf", 'title: "Women at Work"\nshort-title: "Women at Work"\n')
    text, _ = head(pdf.pages[0])
    assert [round(w["size"], 1) for w in text] == [12.0] * 3


# The handout's head: the title in 78% of the line, the date in the rest.
HANDOUT_MARGIN = 0.6 * 72


@pytest.mark.parametrize("title", [GERMAN, UNBREAKABLE])
def test_handout_head_words_stay_in_their_boxes(tmp_path, title):
    date = "Wednesday, 30 September 2026, Lakeside University Lecture Hall"
    page = build(tmp_path, "handout", f'title: "{title}"\ndate: "{date}"\n').pages[0]
    split = HANDOUT_MARGIN + 0.78 * (page.width - 2 * HANDOUT_MARGIN)
    top = [w for w in words(page) if w["bottom"] <= 0.8 * 72]
    titled = [w for w in top if w["x0"] < split]
    dated = [w for w in top if w["x0"] >= split]
    assert titled and " ".join(w["text"] for w in dated) == date  # all there
    for w in titled:
        assert w["x0"] >= HANDOUT_MARGIN - TOL and w["x1"] <= split + TOL, w
    for w in dated:
        assert w["x1"] <= page.width - HANDOUT_MARGIN + TOL, w
