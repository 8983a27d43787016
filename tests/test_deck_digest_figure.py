"""A digest (a section without `::: slide`) beside its figure, read back from
the pptx: the sentence that says what the figure shows is preferred to one
that only points to it, and a figure that beside the digest would be left
too small (a wide one under a long caption and notes) gets a slide of its
own, larger; one that gains little alone (a tall one under a short
caption) stays beside it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.util import Emu

from conftest import ROOT, run_report

THEME = tomllib.loads((ROOT / "styles" / "deck.toml").read_text(encoding="utf-8"))

CAPTION = "Pooled Relative Risk of Respiratory Admission by Daily Maximum Temperature"
NOTE = ("*Note.* Pooled over Rome, Paris and London, July 2022. The reference is the city "
        "threshold. Data from the climate service and from the hospital discharge records of "
        "each city.")


def deck_of(tmp_path: Path, size: tuple[int, int], caption: str, note: str):
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).line([(0, size[1] - 1), (size[0] - 1, 0)], fill="navy", width=5)
    image.save(tmp_path / "curve.png")
    (tmp_path / "refs.json").write_text("[]", encoding="utf-8")
    article = tmp_path / "article.md"
    article.write_text(f"---\ntitle: T\n---\n\n# Curve\n\nFigure 1 shows the pooled curve. Risk "
                       "is flat in mild weather and climbs steeply in heat.\n\n"
                       f"![{caption}](curve.png)\n\n{note}\n", encoding="utf-8")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    return Presentation(tmp_path / "s.pptx")


def bullets(slide) -> list[str]:
    return [p.text for shape in slide.shapes if shape.has_text_frame and shape.name == "body"
            for p in shape.text_frame.paragraphs if p.text.strip()]


def pictures(deck) -> list[tuple[int, object]]:
    return [(n, shape) for n, slide in enumerate(deck.slides) for shape in slide.shapes
            if shape.shape_type == 13]


def beside_column() -> float:
    """The width of the column beside a digest's bullets, in inches."""
    page, visual = THEME["slide"], THEME["visual"]
    width = page["width"] - 2 * page["margin"]
    return (width * (1 - visual["text_share"]) - visual["gutter"]) / 72


def test_the_sentence_beside_a_figure_says_more_than_that_it_shows_it(tmp_path):
    deck = deck_of(tmp_path, (1200, 750), "Pooled Risk", "*Note.* Three cities.")
    (n, picture), = pictures(deck)
    assert bullets(deck.slides[n]) == [
        "Risk is flat in mild weather and climbs steeply in heat."]
    # The notes still say the pointer: the speaker says the paragraph.
    assert "Figure 1 shows" in deck.slides[n].notes_slide.notes_text_frame.text


def test_a_wide_figure_left_small_beside_a_digest_gets_a_slide_of_its_own(tmp_path):
    deck = deck_of(tmp_path, (1200, 750), CAPTION, NOTE)
    (n, picture), = pictures(deck)
    assert n > 0 and not bullets(deck.slides[n])
    assert deck.slides[n].shapes.title.text_frame.text == "Curve (cont.)"
    digest = deck.slides[n - 1]
    assert digest.shapes.title.text_frame.text == "Curve"
    # Beside the bullets, its caption, label and notes left it some 3.8 in
    # wide; alone, it is about as wide as that whole column.
    assert Emu(picture.width).inches > 0.9 * beside_column()
    # The digest, with no figure beside it, says both sentences.
    assert len(bullets(digest)) == 2


def test_a_tall_figure_stays_beside_its_digest(tmp_path):
    # Alone it would be no larger: the slide's height bounds it either way.
    deck = deck_of(tmp_path, (500, 900), "Pooled Risk", "*Note.* Three cities.")
    (n, picture), = pictures(deck)
    assert bullets(deck.slides[n]) == [
        "Risk is flat in mild weather and climbs steeply in heat."]
