"""Characters the deck's font lacks (Japanese, Chinese, ★, ✓, emoji) are
measured as drawn: LibreOffice and WeasyPrint take them from the font
fontconfig falls back to, about 1 em wide, not an "n" (0.56 em).

Real output: the deck converted with LibreOffice, each character read back
with pdfplumber and held to its shape's box read with python-pptx; the
handout's slides, each character held inside its slide's frame.
"""

from __future__ import annotations

import json

import pdfplumber
import pytest
from pptx import Presentation

from conftest import write_paper
from report import textfit
from report.slidemodel import font
from test_deck import text_shapes, title
from test_deck_render import (EDGE, SOFFICE, glyph, inside, owner, rect, rendered_lines,
                              soffice_pdf)

JAPANESE = """# はじめに

学生は試験の前に睡眠時間を削って勉強することが多い [@ja2020]。

::: slide
## 睡眠中の記憶の定着：海馬と大脳皮質の対話についての最新の研究成果

- 学生は試験の前に睡眠時間を削って勉強することが多いが、それは本当に効果的なのだろうか
- 睡眠は記憶の定着に重要な役割を果たしている [@ja2020]
- 深い睡眠の間に海馬から大脳皮質へ情報が転送されると考えられている
- 睡眠不足は注意力と判断力を低下させ、学習の効率を大きく損なうことが多くの研究で示されている
- 短い
:::
"""

SYMBOLS = """# Symbols

Retrieval practice improves retention.

::: slide
## Symbols ✓ ★ ① 😀

- ✓ Done ✓ Done ✓ Done ✓ Done ✓ Done ✓ Done ✓ Done ✓ Done ✓ Done ✓ Done
- ★★★★★★★★★★★★★★★★★★★★★★★★★★★★★★★★★★★★★★★★
- ①②③④⑤⑥⑦⑧⑨⑩①②③④⑤⑥⑦⑧⑨⑩①②③④⑤⑥⑦⑧⑨⑩
- 😀 😀 😀 😀 😀 😀 😀 😀 😀 😀 😀 😀 😀 😀 😀 😀 😀 😀 😀 😀 😀 😀 😀 😀
- ⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒⇒
:::
"""

REFS = [{"id": "ja2020", "type": "book", "title": "睡眠と記憶の関係についての包括的な研究",
         "author": [{"family": "山田", "given": "太郎"}, {"family": "佐藤", "given": "花子"}],
         "publisher": "東京大学出版会", "issued": {"date-parts": [[2020]]}}]

ARTICLES = {"ja": ('title: "睡眠と記憶"\nbibliography: refs.json\nlang: ja', JAPANESE),
            "symbols": ('title: "Emoji and Symbols"\nbibliography: refs.json', SYMBOLS)}


@pytest.fixture(scope="module", params=sorted(ARTICLES))
def article(request, tmp_path_factory):
    front, body = ARTICLES[request.param]
    return write_paper(tmp_path_factory.mktemp(request.param), body, front, REFS)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_every_character_lies_inside_its_box(article, build, tmp_path):
    pptx = build("slides", article)
    deck = Presentation(pptx)
    with pdfplumber.open(soffice_pdf(pptx, tmp_path)) as pdf:
        pages = [([c for c in page.chars if c["text"].strip()], page.height)
                 for page in pdf.pages]
    fallen_back = 0
    for slide, (chars, height) in zip(deck.slides, pages):
        shapes = text_shapes(slide)
        for char in chars:
            shape = owner(char, shapes)
            assert shape is not None, (title(slide), char["text"], char["x0"], char["top"])
            assert inside(glyph(char, height), rect(shape)), (title(slide), shape.name,
                                                              char["text"])
            fallen_back += "Liberation" not in char["fontname"]
        for shape in shapes:  # all of it drawn: none pushed below the slide or cut
            got = "".join(c["text"] for row in rendered_lines(shape, chars, height) for c in row)
            assert got.replace("•", "") == "".join(shape.text_frame.text.split()).replace(
                "•", ""), (title(slide), shape.name)
    assert fallen_back  # the test is about characters drawn from another font


def _frames(page):
    """The handout's slide frames: 16:9 rectangles."""
    found = {}
    for r in page.rects:
        if r["width"] > 100 and abs(r["width"] / r["height"] - 16 / 9) < 0.02:
            found[(round(r["x0"]), round(r["top"]))] = r
    return list(found.values())


def test_the_handouts_slides_cut_no_line(article, build):
    with pdfplumber.open(build("handout", article)) as pdf:
        checked = 0
        for page in pdf.pages:
            for frame in _frames(page):
                area = (frame["x0"], frame["top"], frame["x1"], frame["bottom"])
                for char in page.chars:
                    start = (char["x0"] + 0.1, char["top"] + 0.1)
                    if area[0] <= start[0] <= area[2] and area[1] <= start[1] <= area[3]:
                        checked += 1
                        assert char["x1"] <= area[2] + EDGE and char["bottom"] <= area[3] + EDGE, \
                            (char["text"], char["x1"], area)
    assert checked


def test_a_missing_character_is_measured_in_the_font_that_draws_it():
    """The width the layout takes is the fallback font's own advance."""
    from fontTools.ttLib import TTFont
    from report.glyphs import fallback_fonts, in_ranges
    face = font().regular
    pattern = textfit._metrics(face).pattern
    assert pattern == "Liberation Sans"
    fonts = fallback_fonts(pattern)
    for char in "日★😀":
        path, index = next(((p, i) for p, i, ranges in fonts if in_ranges(ranges, ord(char))),
                           (None, None))
        if path is None:
            continue  # no installed font has it: the old guess stands
        drawn = TTFont(str(path), fontNumber=index)
        em = drawn["hmtx"][drawn.getBestCmap()[ord(char)]][0] / drawn["head"].unitsPerEm
        assert textfit.text_width(char, 100, face) == pytest.approx(100 * em, abs=0.1)
        assert textfit.text_width(char, 100, face) > textfit.text_width("n", 100, face)


def test_a_character_no_font_has_keeps_the_width_of_an_n(monkeypatch):
    monkeypatch.setattr(textfit, "_fallbacks", lambda pattern: [])
    textfit._missing.cache_clear()
    try:
        face = font().bold
        assert textfit._missing("\U0010fffd", face) == textfit._units("n", face)[0]
    finally:
        textfit._missing.cache_clear()


def test_widths_of_installed_fonts_are_kept_and_read_back(tmp_path, monkeypatch):
    from report import fontmetrics
    from report.glyphs import fallback_fonts
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fonts = [(p, i) for p, i, _ in fallback_fonts("Liberation Sans") if p.suffix == ".ttf"]
    if not fonts:
        pytest.skip("fontconfig lists no TrueType font")
    path, index = fonts[-1]
    first = fontmetrics.widths(path, index)
    [entry] = (tmp_path / "report" / "fonts").glob("w*.json")
    assert json.loads(entry.read_text(encoding="utf-8"))["units"] == first.units
    assert fontmetrics.widths(path, index) == first == fontmetrics._widths_from_font(path, index)
