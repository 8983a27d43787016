"""The fixes of WeasyPrint's layout (report/pdffixes.py), on WeasyPrint alone."""

from __future__ import annotations

import io

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
