"""A slide's table or figure is labelled as the brief labels it, read back
from the pptx: "Table 1" in bold over its title in italics, the words in
the article's language and the numbers the brief's; its speaker notes say
label and title. A part's opening slide names each of its slides once, and
a part with no prose of its own says its slide's bullets in its notes,
not its subsections' headings."""

from __future__ import annotations

import re
from itertools import takewhile

import pytest
from PIL import Image
from test_deck import deck_of, title, write_article

from report import labels, pipeline
from report.model import Figure, Table, float_number, plain_text

ARTICLE = """# Method

::: slide
## How We Looked

- Hospital records from three cities
- Daily maximum temperature
:::

## Data Sources

We took daily admissions from discharge records of three cities.

## Analysis

We fitted a regression for each city and pooled the estimates.

# Results

## By Cause

Respiratory admissions rose in every city. Table 1 gives the counts.

Table: Daily Admissions by City

| City   | Cause       | Change   |
|:-------|:------------|:---------|
| Rome   | Respiratory | rose     |
| Paris  | Respiratory | rose     |
| London | Cardiac     | flat     |

*Note.* Emergency admissions only.

## The Curve

Figure 1 shows the pooled curve. Risk is flat below the threshold.

![Pooled Risk by Daily Maximum Temperature](curve.png)

*Note.* Pooled over three cities.

# Appendix A: Counts

Table A1 gives the counts on hot days.

Table: Hot Days by City

| City   | Days |
|:-------|-----:|
| Rome   |    9 |
| Paris  |    6 |
| London |    4 |
"""


def _deck(folder, lang: str = "en-US"):
    Image.new("RGB", (800, 500), "white").save(folder / "curve.png")
    deck = deck_of(folder, ARTICLE, f"lang: {lang}\n")
    return deck, pipeline.load(write_article(folder, ARTICLE, f"lang: {lang}\n"))


def _notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def _kicker(slide) -> str:
    """The part's name over a slide's title."""
    return next((s.text_frame.text.casefold() for s in slide.shapes if s.name == "kicker"), "")


def _captioned(deck) -> list:
    """(slide, caption shape) of every slide with a caption box."""
    return [(slide, shape) for slide in deck.slides for shape in slide.shapes
            if shape.name == "caption"]


@pytest.mark.parametrize("lang", ["en-US", "de"])
def test_a_numbered_table_or_figure_is_labelled_on_its_slide(tmp_path, lang):
    """Each table and figure the brief numbers carries its label on its
    slide: "Table 1" (the language's word, the brief's number, "A1" in an
    appendix) in bold, a line of its own, then its title in italics; its
    speaker notes say "Table 1. Title". Before, the caption box said the
    title only, so "Table 1 gives the counts" pointed at no slide."""
    deck, doc = _deck(tmp_path, lang)
    words = labels.of(lang)
    floats = [b for b in doc.blocks if isinstance(b, (Table, Figure)) and b.number]
    assert len(floats) == 3
    captions = _captioned(deck)
    assert len(captions) == len(floats)
    for block, (slide, shape) in zip(floats, captions):
        label = f"{words['table' if isinstance(block, Table) else 'figure'][0]} " \
            f"{float_number(block)}"
        name, heading = shape.text_frame.paragraphs
        assert name.text == label
        assert all(r.font.bold for r in name.runs if r.text.strip())
        assert heading.text == plain_text(block.caption)
        assert all(r.font.italic and not r.font.bold for r in heading.runs if r.text.strip())
        assert f"{label}. {plain_text(block.caption)}" in _notes(slide).split("\n")
    if lang == "en-US":  # "A1" in the appendix, as the brief numbers it
        assert captions[-1][1].text_frame.paragraphs[0].text.endswith(" A1")


def test_the_notes_say_the_label_before_the_figures_note(tmp_path):
    """A figure beside a digest: its notes say the prose, then "Figure 1.
    Title", then its *Note.*, as the slide reads from caption to note."""
    deck, doc = _deck(tmp_path)
    figure = next(b for b in doc.blocks if isinstance(b, Figure))
    slide = next(s for s, shape in _captioned(deck) if shape.text_frame.paragraphs[0].text
                 == f"Figure {float_number(figure)}")
    lines = _notes(slide).split("\n")
    said = f"Figure {float_number(figure)}. {plain_text(figure.caption)}"
    assert lines.index(said) == len(lines) - 2 and lines[-1].startswith("Note.")
    assert lines[0].startswith("Figure 1 shows the pooled curve.")


def test_a_table_only_on_a_slide_keeps_its_bare_title(tmp_path):
    """A table written in a `::: slide` is not in the brief, so it has no
    number: its caption box is its title in bold, as before."""
    (tmp_path / "x").mkdir()
    deck = deck_of(tmp_path / "x", (
        "# Results\n\nProse.\n\n::: slide\n## Counts\n\n- Rome led\n\n"
        "| City | Days |\n|:--|--:|\n| Rome | 9 |\n| Paris | 6 |\n\n"
        "Table: Hot Days by City\n:::\n"))
    [(_, shape)] = _captioned(deck)
    [paragraph] = shape.text_frame.paragraphs
    assert paragraph.text == "Hot Days by City"
    assert all(r.font.bold for r in paragraph.runs)


def test_a_slides_copy_of_the_briefs_figure_is_labelled_with_its_number(tmp_path):
    """A `::: slide` that shows the brief's figure again (the same image)
    and says "Figure 1 shows…" labels it "Figure 1", as the brief numbers
    it; a slide's own image, in no figure of the brief, stays unnumbered."""
    (tmp_path / "x").mkdir()
    for name in ("curve.png", "other.png"):
        Image.new("RGB", (800, 500), "white").save(tmp_path / "x" / name)
    deck = deck_of(tmp_path / "x", (
        "# Results\n\nThe curve rises.\n\n![Pooled Risk](curve.png)\n\n"
        "::: slide\n## The Curve\n\n- Figure 1 shows it rise\n\n"
        "![Pooled Risk](curve.png)\n:::\n\n# More\n\nProse.\n\n"
        "::: slide\n## Another\n\n- A point\n\n![A Sketch](other.png)\n:::\n"))
    captions = {title(slide): shape.text_frame.text for slide, shape in _captioned(deck)}
    assert captions == {"The Curve": "Figure 1\nPooled Risk", "Another": "A Sketch"}


def test_a_parts_opening_names_each_of_its_slides_once(tmp_path):
    """The divider's notes name the part's slides in order, each title once:
    a digest's table slide, "(cont.)" of the digest, is no slide of another
    name (they said "By Cause; By Cause")."""
    deck, _ = _deck(tmp_path)
    slides = list(deck.slides)
    dividers = [n for n, s in enumerate(slides) if s.slide_layout.name == "Section"]
    assert dividers
    for n in dividers:
        part = title(slides[n]).casefold()
        ours = takewhile(lambda s: _kicker(s) == part, slides[n + 1:])
        following = [re.sub(r" \(cont\..*\)$", "", title(s)) for s in ours]
        named = _notes(slides[n]).split(" \u2014 ", 1)[1].rstrip(".").split("; ")
        assert following and named == list(dict.fromkeys(following))
        assert len(named) == len(set(named))


def test_a_part_without_prose_says_its_slides_bullets(tmp_path):
    """'Method' has a slide and no prose of its own: its notes were its
    subsections' headings, "Data Sources\\nAnalysis", the next slides'
    titles; now they say its bullets, which say more."""
    deck, _ = _deck(tmp_path)
    slide = next(s for s in deck.slides if title(s) == "How We Looked")
    body = next(s for s in slide.shapes if s.name == "body")
    assert _notes(slide).split("\n") == [f"\u2022 {p.text}" for p in body.text_frame.paragraphs]
