"""The fixes of WeasyPrint's layout (report/pdffixes.py), on WeasyPrint alone."""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from report import STYLES, pdffixes, pdfspeed

pdfspeed.apply()  # installs pdffixes too

# Text before an <em> whose trailing space is what does not fit a line
# 255.6 pt wide (at 256 pt the space fits too): found by a tester, Kitchen
# et al. (2013) as the handout's reference slide sets it.
KITCHEN = ("Kitchen, S., Tanner, E., Brown, V., Payne, C., Crawford, C., Dearden, L., "
           "Greaves, E., &amp; Purdon, S. (2013). <em>Evaluation of the free school meals "
           "pilot: Impact report</em> (Research Report DFE-RR227). Department for Education.")


def first_lines(width: float, text: str = KITCHEN) -> list[str]:
    """The lines WeasyPrint sets `text` in, `width` points wide, as the PDF shows them."""
    from weasyprint import HTML
    fonts = (STYLES / "fonts").as_uri()
    html = (f'<style>@font-face {{ font-family: S; '
            f'src: url("{fonts}/LiberationSans-Regular.ttf") }}'
            f'@font-face {{ font-family: S; font-style: italic; '
            f'src: url("{fonts}/LiberationSans-Italic.ttf") }}'
            f"p {{ font: 5.4pt/1.2 S; width: {width}pt; margin: 0; padding-left: 10.8pt; "
            f"text-indent: -10.8pt; box-sizing: border-box }}</style><p>{text}</p>")
    with pdfplumber.open(io.BytesIO(HTML(string=html).write_pdf())) as pdf:
        return [line["text"] for line in pdf.pages[0].extract_text_lines()]


def test_text_that_fits_but_for_its_last_space_is_not_cut_after_its_first_word():
    lines = first_lines(255.6)
    assert lines[0].startswith("Kitchen, S., Tanner,") and lines[0].endswith("(2013).")
    assert lines == first_lines(256)


@pytest.mark.parametrize("width", [248 + step * 0.4 for step in range(40)])
def test_no_width_leaves_a_word_alone_on_the_first_line(width):
    assert " " in first_lines(width)[0]


def test_the_fix_is_still_needed(monkeypatch):
    """WeasyPrint 70.0, unpatched, cuts the line after "Kitchen,": when an
    upgrade no longer does, the patch can go."""
    from weasyprint.layout import inline
    monkeypatch.setattr(inline, "split_first_line", pdffixes.ORIGINALS["split_first_line"])
    assert first_lines(255.6)[0] == "Kitchen,"



# --- one PDF font for each font file ---------------------------------------------------

# Italic Arabic, which no italic face here has, is DejaVu Sans slanted; the
# emoji and ꙮ are DejaVu Sans Oblique's own: two faces described alike.
SLANTED = ('<meta charset="utf-8"><p style="font-family: Liberation Serif">'
           "<i>مجلة علم النفس</i> <i>Sleep 😴 ꙮ</i></p>")


def misdrawn(pdf: bytes) -> list[tuple[str, str]]:
    """(font, character) of each character a PDF draws with another glyph
    than its own: the glyph its ToUnicode names, in the embedded font file,
    is named for another character (by the file's cmap, as fontTools names
    glyphs; an Arabic contextual form is named for its presentation form)."""
    from fontTools.agl import toUnicode
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader
    wrong = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            glyphs = TTFont(io.BytesIO(descriptor["/FontFile2"].get_data())).getGlyphOrder()
            for glyph, code in re.findall(r"<([0-9a-f]{4})>\s*<([0-9a-f]+)>",
                                          font["/ToUnicode"].get_data().decode(), re.I):
                char = bytes.fromhex(code).decode("utf-16-be", "replace")
                named = toUnicode(glyphs[int(glyph, 16)]) if int(glyph, 16) < len(glyphs) else "?"
                if named and _same(named) != _same(char):
                    wrong.append((str(font["/BaseFont"]), char))
    return wrong


def _same(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _slanted_pdf() -> bytes:
    from weasyprint import HTML
    return HTML(string=SLANTED).write_pdf()


needs_dejavu = pytest.mark.skipif(
    not any(Path(d, "DejaVuSans-Oblique.ttf").is_file()
            for d in ("/usr/share/fonts/truetype/dejavu",)),
    reason="the collision needs DejaVu Sans and its Oblique (Debian's fonts-dejavu-core)")


@needs_dejavu
def test_two_faces_described_alike_each_draw_their_own_glyphs():
    assert misdrawn(_slanted_pdf()) == []


@needs_dejavu
def test_the_font_fix_is_still_needed(monkeypatch):
    """WeasyPrint 70.0, unpatched, draws 😴 and ꙮ from the slanted DejaVu
    Sans' file, with the glyphs of its Arabic."""
    from weasyprint.pdf import stream
    monkeypatch.setattr(stream.Stream, "add_font", pdffixes.ORIGINALS["Stream.add_font"])
    assert {char for _, char in misdrawn(_slanted_pdf())} >= {"😴", "ꙮ"}


@needs_dejavu
def test_the_other_way_round_too(monkeypatch):
    """The emoji first: the Arabic is drawn from DejaVu Sans Oblique's file,
    which has no Arabic."""
    from weasyprint import HTML
    from weasyprint.pdf import stream
    html = SLANTED.replace("<i>Sleep 😴 ꙮ</i>", "").replace("<i>", "<i>Sleep 😴 ꙮ</i> <i>", 1)
    assert misdrawn(HTML(string=html).write_pdf()) == []
    monkeypatch.setattr(stream.Stream, "add_font", pdffixes.ORIGINALS["Stream.add_font"])
    assert {char for _, char in misdrawn(HTML(string=html).write_pdf())} & set("مجلة علم النفس")


# --- a font with a glyph missing keeps its text ---------------------------------------

# U+0378 is assigned to nothing: no font has it, whatever is installed.
MISSING = ('<meta charset="utf-8"><p style="font: 12pt Liberation Serif">'
           "Words and \u0378 missing, then more words.</p><p>Second paragraph.</p>")


def _read(pdf: bytes) -> tuple[str, str]:
    from pypdf import PdfReader
    with pdfplumber.open(io.BytesIO(pdf)) as plumbed:
        first = plumbed.pages[0].extract_text()
    return first, PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def _missing_pdf() -> bytes:
    from weasyprint import HTML
    return HTML(string=MISSING).write_pdf()


def test_text_set_in_a_font_with_a_glyph_missing_is_read_whole():
    """The character drawn as .notdef cost pdfplumber and pypdf every word
    of its font (WeasyPrint's own CMap): the font is Identity-H, the
    character's code drawn as .notdef by its CIDToGIDMap, read as itself."""
    pdf = _missing_pdf()
    for text in _read(pdf):
        assert "Words and \u0378 missing, then more words." in text, text
        assert "Second paragraph." in text, text
    from pypdf import PdfReader
    fonts = [ref.get_object() for ref in
             PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"].values()]
    assert all(font["/Encoding"] == "/Identity-H" for font in fonts)
    maps = [font["/DescendantFonts"][0].get_object()["/CIDToGIDMap"] for font in fonts]
    assert sum(map_ != "/Identity" for map_ in maps) == 1  # the font of the .notdef


def test_a_font_with_a_glyph_missing_prints_as_before(monkeypatch):
    """The same page, drawn the same (pdftoppm's pixels), as WeasyPrint draws
    it unpatched: only the encoding changed."""
    import subprocess
    from weasyprint.pdf import fonts
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    patched = _missing_pdf()
    monkeypatch.setattr(fonts, "_build_vector_font_dictionary",
                        pdffixes.ORIGINALS["_build_vector_font_dictionary"])
    pixels = [subprocess.run([pdftoppm, "-r", "72", "-gray", "-"], input=pdf,
                             capture_output=True, check=True).stdout
              for pdf in (patched, _missing_pdf())]
    assert pixels[0] == pixels[1]


def test_the_missing_glyph_fix_is_still_needed(monkeypatch):
    """WeasyPrint 70.0, unpatched, loses the words: when an upgrade keeps
    them, the patch can go."""
    from weasyprint.pdf import fonts
    monkeypatch.setattr(fonts, "_build_vector_font_dictionary",
                        pdffixes.ORIGINALS["_build_vector_font_dictionary"])
    assert all("Words" not in text for text in _read(_missing_pdf()))


# --- an image is named by its content, not by where it lies ---------------------------

def _image_pdf(folder: Path, html: str = '<img src="fig.png">') -> bytes:
    """A page drawing fig.png (the sleep fixture's figure) from `folder`."""
    from weasyprint import HTML
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(__file__).parent / "fixtures" / "sleep" / "recall.png", folder / "fig.png")
    return HTML(string=html, base_url=str(folder)).write_pdf()


def _image_names(pdf: bytes) -> set[str]:
    """The names of the images the pages draw, read back with pypdf."""
    import pypdf
    return {name for page in pypdf.PdfReader(io.BytesIO(pdf)).pages
            for name in page["/Resources"].get("/XObject", {})}


def test_the_same_image_in_two_folders_gives_the_same_bytes(tmp_path):
    first, second = _image_pdf(tmp_path / "a"), _image_pdf(tmp_path / "b" / "c")
    assert _image_names(first)
    assert first == second


def test_the_image_fix_is_still_needed(tmp_path, monkeypatch):
    """WeasyPrint 70.0, unpatched, names the image after its file:// URL."""
    from weasyprint import images
    monkeypatch.setattr(images.RasterImage, "__init__",
                        pdffixes.ORIGINALS["RasterImage.__init__"])
    assert _image_names(_image_pdf(tmp_path / "a")) != _image_names(_image_pdf(tmp_path / "b"))


def test_one_picture_turned_two_ways_is_two_images(tmp_path):
    """The name holds how the image is turned: the same bytes drawn as they
    are and turned a quarter are two XObjects, not one drawn twice."""
    html = ('<img src="fig.png" style="image-orientation: none">'
            '<img src="copy.png" style="image-orientation: 90deg">')
    shutil.copy(Path(__file__).parent / "fixtures" / "sleep" / "recall.png", tmp_path / "copy.png")
    assert len(_image_names(_image_pdf(tmp_path, html))) == 2
