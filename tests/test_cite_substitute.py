"""CSL's subsequent-author-substitute on real output (report/cslsubstitute.py):
MLA's list prints "———." for the names of the entry above, in the brief as
both engines print it (tests/styles/substitute/ compares the entries with
them); on the deck's reference slides an entry takes the substitute only
below its namesake on the same slide, so each slide, "(cont.)" or not,
starts with the names written out."""

from __future__ import annotations

import json
import re

import pdfplumber
import pytest
from pptx import Presentation

from report import cslsubstitute
from report.model import Reference, Text

WORKS = 16  # one author's works: more than one slide holds
DASH = "\u2014" * 3


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    folder = tmp_path_factory.mktemp("substitute")
    items = [{"id": f"w{n:02}", "type": "book", "author": [{"family": "Smith", "given": "John"}],
              "title": f"Work Number {n} on the Long and Winding History of Several Things",
              "issued": {"date-parts": [[1990 + n]]}, "publisher": "Penguin"}
             for n in range(WORKS)]
    items.append({"id": "adams", "type": "book", "author": [{"family": "Adams", "given": "Ann"}],
                  "title": "Before", "issued": {"date-parts": [[2001]]}, "publisher": "P"})
    (folder / "refs.json").write_text(json.dumps(items), encoding="utf-8")
    cites = "; ".join(f"@{i['id']}" for i in items)
    (folder / "article.md").write_text(
        "---\ntitle: Substitutes\ncsl: modern-language-association\n"
        f"bibliography: refs.json\n---\n\n# Works\n\n- Many works [{cites}].\n",
        encoding="utf-8")
    return folder / "article.md"


def _entries(lines: list[str]) -> list[str]:
    """The list's entries: lines that begin one (a name or the substitute)."""
    return [line for line in lines if re.match(rf"^(Smith, John\.|Adams, Ann\.|{DASH}\.)", line)]


def test_brief_list_prints_the_substitute_below_the_first_work(build, article):
    with pdfplumber.open(build("pdf", article)) as pdf:
        lines = [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
    entries = _entries(lines)
    assert [e.split(".")[0] for e in entries] == \
        ["Adams, Ann", "Smith, John"] + [DASH] * (WORKS - 1)


def test_each_reference_slide_starts_with_the_names(build, article):
    deck = Presentation(build("slides", article))
    slides = [s for s in deck.slides if s.slide_layout.name == "References"]
    assert len(slides) >= 2  # so that a "(cont.)" slide is tested
    firsts, dashes = [], 0
    for slide in slides:
        paragraphs = [p.text for shape in slide.shapes if shape.has_text_frame
                      and shape != slide.shapes.title for p in shape.text_frame.paragraphs]
        entries = _entries(paragraphs)
        firsts.append(entries[0])
        dashes += sum(e.startswith(DASH) for e in entries[1:])
    assert not any(f.startswith(DASH) for f in firsts)
    # Smith's works after his first, less those that start a later slide.
    assert dashes == (WORKS - 1) - (len(slides) - 1)


def test_a_list_shown_in_part_names_the_authors_again():
    full = [Text("Smith, John. One.")]
    listed = [Reference("a", [Text("Smith, John. Zero.")]),
              Reference("b", [Text(f"{DASH}. One.")], full, "a"),
              Reference("c", [Text(f"{DASH}. Two.")], [Text("Smith, John. Two.")], "b")]
    kept = cslsubstitute.kept([listed[0], listed[2]])
    assert kept[1].rendered[0].text == "Smith, John. Two."
    assert [r.rendered for r in cslsubstitute.kept(listed)] == [r.rendered for r in listed]
