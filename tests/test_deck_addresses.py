"""An address on a slide breaks where Chicago and APA break one: after a
slash or before a dot, never at a hyphen, which reads as one added; and
its characters stay the author's. Read back from the pptx (its runs: a
line breaks only between two of a link's) and from LibreOffice's PDF."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from test_deck import deck_of
from test_deck_render import SOFFICE, soffice_pdf

URL = "https://example.org/a-very-long/path-with-hyphens/segment.with.dots/and-more-words/index.html"
DOTTED = ("https://example.org/" + ".".join(["averyveryverylongsegment", "withdots",
                                             "andmore-dots", "andmoreandmoreandmore", "html"]))
# Leads of all lengths: some would leave a line's end at one of URL's hyphens.
LEADS = [" ".join(["Lead"] * n) for n in range(0, 12, 2)]


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    folder = tmp_path_factory.mktemp("addresses")
    slides = "".join(f"::: slide\n## Written {n}\n\n- {lead} {URL} here\n:::\n\n"
                     for n, lead in enumerate(LEADS))
    slides += f"::: slide\n## Dotted\n\n- See [{DOTTED}]({DOTTED}) here\n:::\n"
    return folder, deck_of(folder, f"# Sources\n\nProse.\n\n{slides}")


def bullet_runs(deck, title: str):
    slide = next(s for s in deck.slides if s.shapes.title.text_frame.text == title)
    body = next(sh for sh in slide.shapes if sh.has_text_frame and sh != slide.shapes.title
                and sh.text_frame.text.strip().endswith("here"))
    return [r for p in body.text_frame.paragraphs for r in p.runs]


def test_an_address_written_out_is_a_link_broken_after_its_slashes(deck):
    """A bare address was plain text: LibreOffice broke it after a hyphen
    ("path-with-" / "hyphens"). As a link, it breaks between its fields,
    each ending after a slash; the text is the author's."""
    _, pptx = deck
    for n, lead in enumerate(LEADS):
        runs = bullet_runs(pptx, f"Written {n}")
        assert "".join(r.text for r in runs) == f"{lead} {URL} here".strip()
        linked = [r for r in runs if r.hyperlink.address]
        assert "".join(r.text for r in linked) == URL
        assert {r.hyperlink.address for r in linked} == {URL}
        assert all(r.text.endswith("/") for r in linked[:-1]), [r.text for r in linked]


def test_a_piece_too_long_between_slashes_breaks_before_its_dots(deck):
    _, pptx = deck
    runs = [r for r in bullet_runs(pptx, "Dotted") if r.hyperlink.address]
    assert "".join(r.text for r in runs) == DOTTED and len(runs) > 2
    assert runs[2].text == "averyveryverylongsegment"
    assert all(r.text.startswith(".") for r in runs[3:])
    assert not any(r.text.endswith("-") for r in runs)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_never_ends_a_line_of_an_address_at_a_hyphen(deck, tmp_path):
    folder, _ = deck
    with pdfplumber.open(soffice_pdf(folder / "s.pptx", tmp_path)) as pdf:
        lines = [line for page in pdf.pages for line in page.extract_text().splitlines()]
    broken = [(a, b) for a, b in zip(lines, lines[1:])
              if re.sub(r"^\W*", "", a).split()[-1:] and a.split()[-1] in URL + DOTTED
              and b.split()[0] in URL + DOTTED and a.split()[-1] + b.split()[0] in URL + DOTTED]
    assert broken  # the addresses are longer than a line
    assert all(a.endswith("/") or b.startswith(".") for a, b in broken), broken
