"""What the speaker says counts, read back from the pptx: the works cited
in the speaker notes are on the references slides, a list in the notes
keeps its numbers and bullets, and the line above a subsection's title
names its part rather than a count of some of the parts."""

from __future__ import annotations

import json
import re

from conftest import run_report
from pptx import Presentation

from report import pipeline
from report.model import plain_text

REFS = [
    {"id": "lee", "type": "article-newspaper", "title": "A headline",
     "container-title": "The Daily", "author": [{"family": "Lee", "given": "Ann"}],
     "issued": {"date-parts": [[2025, 3, 6]]}},
    {"id": "agency", "type": "webpage", "title": "A page",
     "author": [{"literal": "Some Agency"}], "issued": {"date-parts": [[2024]]}},
    {"id": "zhou", "type": "book", "title": "A book", "publisher": "Press",
     "author": [{"family": "Zhou", "given": "Wei"}], "issued": {"date-parts": [[2023]]}},
    {"id": "abel", "type": "book", "title": "Another book", "publisher": "Press",
     "author": [{"family": "Abel", "given": "Kim"}], "issued": {"date-parts": [[2021]]}},
]


def _deck(tmp_path, body: str):
    (tmp_path / "refs.json").write_text(json.dumps(REFS), encoding="utf-8")
    article = tmp_path / "article.md"
    article.write_text(f"---\ntitle: T\n---\n\n{body}\n", encoding="utf-8")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    return Presentation(tmp_path / "s.pptx"), pipeline.load(article)


def _text(shape) -> str:
    return re.sub(r"\s+", " ", shape.text_frame.text).strip()


def _listed(deck) -> list[str]:
    """The entries of the references slides, in order."""
    return [re.sub(r"\s+", " ", p.text).strip() for s in deck.slides
            if s.slide_layout.name == "References"
            for p in s.placeholders[1].text_frame.paragraphs if p.text.strip()]


def _notes(deck) -> list[str]:
    return [s.notes_slide.notes_text_frame.text if s.has_notes_slide else "" for s in deck.slides]


def _entries(doc, keys) -> list[str]:
    """The brief's entries of `keys`, in the brief's order."""
    return [re.sub(r"\s+", " ", plain_text(r.rendered)).strip() for r in doc.references
            if r.key.lower() in keys]


def test_works_cited_only_in_the_notes_are_on_the_references_slide(tmp_path):
    """A digest shows each paragraph's first sentence; the second, said in
    the notes, cites Some Agency (and Abel, "as cited in" Zhou): the talk
    cites them, so its list has them, in the brief's order."""
    deck, doc = _deck(tmp_path, (
        "# Demand\n\nUse barely moved for twenty years. According to @agency, records will "
        "fall in 2025.\n\nData centers used 4.4% of power in 2023 [@lee].\n\n"
        "Demand is concentrated. Growth was foreseen [@abel, as cited in @zhou].\n\n"
        "Prices follow.\n"))
    shown = " ".join(_text(sh) for s in deck.slides if s.slide_layout.name != "References"
                     for sh in s.shapes if sh.has_text_frame)
    assert "Some Agency" not in shown and "Abel" not in shown  # in the notes only
    assert "Some Agency (2024)" in " ".join(_notes(deck))
    assert _listed(deck) == _entries(doc, {"abel", "agency", "lee", "zhou"})


def test_a_work_no_slide_nor_note_cites_is_not_listed(tmp_path):
    """With `::: notes`, the prose outside them is not said: a work only it
    cites is in the brief's list, not the talk's."""
    deck, doc = _deck(tmp_path, (
        "# Results\n\nProse the speaker does not say [@zhou].\n\n"
        "::: slide\n## Findings\n- Use rose [@lee]\n:::\n\n"
        "::: notes\nAs @agency reported, use rose.\n:::\n"))
    assert {r.key for r in doc.references} == {"lee", "agency", "zhou"}
    assert _listed(deck) == _entries(doc, {"lee", "agency"})


def test_a_part_whose_one_section_takes_two_slides_has_its_divider(tmp_path):
    """Dividers open the parts of several slides: several slides, not several
    sections. The first part's one section ran onto a "(cont.)" slide and had
    no divider, so the talk's first divider read "Part 2 of 2"."""
    facts = "\n".join(f"- In {1990 + n}, use in the lower valley rose by {n + 3}% [@lee]"
                      for n in range(14))
    body = (f"# Custom\n\n## Shares\n\nUse rose.\n\n::: slide\n{facts}\n:::\n\n"
            "# Law\n\n## Code\n\nThe code came in 1866 [@zhou].\n\n"
            "## Courts\n\nThe courts followed [@abel].\n")
    deck, _ = _deck(tmp_path, body)
    titles = [_text(s.shapes.title) for s in deck.slides if s.shapes.title is not None]
    assert titles.index("Shares (cont.)") == titles.index("Shares") + 1  # one section, two slides
    dividers = [(_text(s.shapes.title), _text(s.placeholders[1])) for s in deck.slides
                if s.slide_layout.name == "Section"]
    assert dividers == [("Custom", "Part 1 of 2"), ("Law", "Part 2 of 2")]


def test_a_digest_s_table_note_is_said_on_the_table_s_slide(tmp_path):
    """A section without `::: slide` gets its digest, then its table on a
    slide of its own: the table's *Note.* was said on the digest's slide,
    before the table was shown, and the table's slide said its caption only
    (now with its label, as the slide shows it)."""
    body = ("# Use\n\nUse rose in every region [@lee]. It rose most in the south.\n\n"
            "Table: Use by region {#tbl-use}\n\n| Region | Use |\n|---|---|\n"
            "| North | 4 |\n| South | 9 |\n\n*Note.* Data from the annual survey.\n")
    deck, _ = _deck(tmp_path, body)
    notes = {_text(s.shapes.title): s.notes_slide.notes_text_frame.text for s in deck.slides
             if s.shapes.title is not None and s.has_notes_slide}
    assert "Use rose in every region" in notes["Use"]
    assert "annual survey" not in notes["Use"]
    assert notes["Use (cont.)"].split("\n") == ["Table 1. Use by region",  # as labelled
                                                 "Note. Data from the annual survey."]


def test_the_works_nocite_adds_are_listed_as_in_the_brief(tmp_path):
    """`nocite` asks for works in the reference list that the text does not
    cite: the brief lists them, and so does the talk's list."""
    (tmp_path / "refs.json").write_text(json.dumps(REFS), encoding="utf-8")
    article = tmp_path / "article.md"
    for nocite, listed in (("'@abel'", {"lee", "abel"}), ("'@*'", {"lee", "abel", "agency",
                                                                    "zhou"})):
        article.write_text(f"---\ntitle: T\nnocite: {nocite}\n---\n\n"
                           "::: slide\n## Findings\n- Use rose [@lee]\n:::\n", encoding="utf-8")
        result = run_report("slides", article, "-o", tmp_path / "s.pptx")
        assert result.returncode == 0, result.stderr
        doc = pipeline.load(article)
        assert _listed(Presentation(tmp_path / "s.pptx")) == _entries(doc, listed)


def test_a_list_in_the_notes_keeps_its_numbers_and_bullets(tmp_path):
    """"follows four steps:" then the steps, numbered as the slide numbers
    them (from the list's start, in its style); a bullet list's items open
    with the deck's bullet, a nested item indented with the sub-bullet."""
    steps = "".join(f"{n}. Step {n} of the process is written here.\n" for n in range(3, 7))
    deck, _ = _deck(tmp_path, (
        f"# Process\n\nThe process follows four steps:\n\n{steps}\n"
        "Parties who take part:\n\n- Utilities\n- Advocates\n    - Consumers\n\n"
        "It takes a year.\n"))
    lines = "\n".join(_notes(deck)).split("\n")
    numbered = [line for line in lines if line.endswith("is written here.")]
    assert numbered == [f"{n}. Step {n} of the process is written here." for n in range(3, 7)]
    assert "• Utilities" in lines and "• Advocates" in lines
    assert "\u00a0" * 4 + "– Consumers" in lines
    assert "It takes a year." in lines  # a paragraph after the list: no marker


def _kickers(deck) -> dict[str, str]:
    return {_text(s.shapes.title): next((_text(sh) for sh in s.shapes if sh.name == "kicker"), "")
            for s in deck.slides if s.shapes.title is not None}


def test_a_kicker_names_the_part_not_a_count_of_some_parts(tmp_path):
    """Five sections, two with subsections: "PART 1 OF 2" over the second
    section's title read as a talk of two parts, the others unlabelled
    between them. A subsection's slide names its part; a section's own
    slide, titled with its name, needs no line above it."""
    body = "".join(
        f"# {name}\n\nThe {name.lower()} section opens with a paragraph.\n\n" + "".join(
            f"## {sub}\n\nThe {sub.lower()} text goes here.\n\n" for sub in subs)
        for name, subs in [("Demand", []), ("Prices", ["Capacity", "Fuel"]), ("Who Pays", []),
                           ("Responses", ["Federal", "State"]), ("Outlook", [])])
    deck, _ = _deck(tmp_path, body)
    kickers = _kickers(deck)
    assert not [k for k in kickers.values() if re.search(r"\d", k)], kickers
    assert kickers["Prices"] == kickers["Responses"] == ""
    assert kickers["Capacity"] == kickers["Fuel"] == "PRICES"
    assert kickers["Federal"] == kickers["State"] == "RESPONSES"
