"""A digest slide (a section without `::: slide`) read back from the pptx:
its section's table on a slide of its own after it, no sentence pointing
to a table or figure no slide shows, a quotation in marks once, cuts that
leave off something and are made at the size the slide uses, a list kept
whole with its lead-in, and one warning for all the digested sections.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pptx import Presentation

from conftest import run_report

REFS = [{"id": key, "type": "article-newspaper", "title": "A headline",
         "container-title": "The Daily", "issued": {"date-parts": [[2025, 3, 6]]},
         "author": [{"family": family, "given": "A."}]}
        for key, family in [("a", "Lee"), ("b", "Kim")]] + [
    {"id": "h", "type": "article-newspaper", "title": "Data centers",
     "container-title": "The Washington Post", "issued": {"date-parts": [[2025, 9, 14]]},
     "author": [{"family": "Halper", "given": "E."}, {"family": "O'Donovan", "given": "C."}]}]

TABLE = """\
# Prices

Natural gas sets the price of electricity in most hours [@a]. Table 1 shows prices in three \
states.

| State | 2020 | 2025 |
|:--|--:|--:|
| Ohio | 12.4 | 16.8 |
| Maryland | 13.2 | 18.9 |

Table: Residential Prices

# Outlook

Bills will keep rising for several more years [@b]. The table below lists the causes.

Figure 3 shows where the money goes. Demand keeps growing.
"""


def deck_of(tmp_path: Path, body: str):
    (tmp_path / "refs.json").write_text(json.dumps(REFS), encoding="utf-8")
    article = tmp_path / "article.md"
    article.write_text(f"---\ntitle: T\n---\n\n{body}\n", encoding="utf-8")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    return Presentation(tmp_path / "s.pptx"), result.stderr


def title(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title else ""


def body_texts(slide) -> list[str]:
    return [p.text for shape in slide.shapes if shape.has_text_frame
            and shape.name.startswith(("body", "Content", "Text"))
            for p in shape.text_frame.paragraphs if p.text.strip()]


def texts(slide) -> str:
    return " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_a_digested_sections_table_gets_a_slide_after_the_digest(tmp_path):
    deck, _ = deck_of(tmp_path, TABLE)
    titles = [title(s) for s in deck.slides]
    digest = deck.slides[titles.index("Prices")]
    after = deck.slides[titles.index("Prices") + 1]
    assert title(after) == "Prices (cont.)"
    shown = [s for s in after.shapes if s.has_table or s.has_chart]
    assert len(shown) == 1
    if shown[0].has_chart:  # a table of numbers is charted, as on a `::: slide`
        assert [c for c in shown[0].chart.plots[0].categories] == ["Ohio", "Maryland"]
    else:
        assert shown[0].table.cell(1, 0).text == "Ohio"
    assert "Residential Prices" in texts(after)
    assert "Residential Prices" in after.notes_slide.notes_text_frame.text
    # The sentence pointing to it stays: a slide shows the table.
    assert "Table 1 shows prices in three states." in body_texts(digest)


def test_no_digest_sentence_points_to_a_table_or_figure_no_slide_shows(tmp_path):
    deck, _ = deck_of(tmp_path, TABLE)
    outlook = next(s for s in deck.slides if title(s) == "Outlook")
    shown = " ".join(body_texts(outlook))
    assert "Bills will keep rising" in shown
    assert "table below" not in shown and "Figure 3" not in shown
    assert "Demand keeps growing." in shown  # the next sentence takes its place


def test_a_quotation_written_in_marks_is_not_marked_again(tmp_path):
    deck, _ = deck_of(tmp_path, "# Grid\n\nPower plants are only part of the cost. "
                                "The paper summarised it in one sentence:\n\n"
                                "> \"The grid was built for a world of slow growth.\" [@a]\n")
    shown = body_texts(next(s for s in deck.slides if title(s) == "Grid"))
    quote = next(t for t in shown if "grid was built" in t)
    assert quote.startswith("\u201cThe grid") and not quote.startswith("\u201c\u201c")
    assert quote.count("\u201c") == 1 and quote.count("\u201d") == 1


def test_one_warning_names_every_section_without_a_slide(tmp_path):
    _, stderr = deck_of(tmp_path, TABLE)
    said = [line for line in stderr.splitlines() if "'::: slide'" in line]
    assert len(said) == 1, stderr
    assert "2 sections" in said[0]
    lines = (tmp_path / "article.md").read_text(encoding="utf-8").splitlines()
    for name in ("Prices", "Outlook"):
        assert f"'{name}' (line {lines.index('# ' + name) + 1})" in said[0]


REVIEW = Path(__file__).parent / "fixtures" / "digest_review"  # a 1,600-word brief, no slides
CUT = """\
# Who Pays

The central political question is not whether data centers use a lot of power but whether \
they pay their fair share of the costs they impose.

Reporting by @h [para. 12] found that utilities in at least eight states had filed plans to \
recover the cost of new transmission for data centers from all residential customers.
"""


def cut_bullets(deck) -> list[tuple[str, str, float, float]]:
    """(the words a digest bullet keeps before its ellipsis, its slide's
    notes, its size, its width) of each bullet cut so."""
    out = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if not (shape.has_text_frame and shape.name.startswith("body")):
                continue
            for p in shape.text_frame.paragraphs:
                if "\u2026" in p.text:
                    size = next(r.font.size.pt for r in p.runs if r.font.size)
                    out.append((p.text.split("\u2026")[0],
                                slide.notes_slide.notes_text_frame.text, size,
                                shape.width / 12700))
    return out


def whole_sentence(kept: str, notes: str) -> str:
    """The sentence of the notes that a cut bullet begins."""
    from report.slidedigest import sentence_ends
    start = " ".join(notes.split()).index(" ".join(kept.split()))
    text = " ".join(notes.split())[start:]
    end = next(m.end() for m in sentence_ends(text) if m.start() >= len(kept) - 1)
    return text[:end]


def test_a_sentence_over_its_lines_by_a_word_or_two_is_not_cut(tmp_path):
    deck, _ = deck_of(tmp_path, CUT)
    shown = body_texts(next(s for s in deck.slides if title(s) == "Who Pays"))
    assert shown[1].endswith("from all residential customers.")
    assert not cut_bullets(deck)


def test_every_digest_cut_leaves_off_words_and_is_needed_at_its_slides_size(tmp_path):
    """Cut bullets of a whole brief without slides: each leaves off three
    words or more (citations not counted), and its sentence whole would take
    more than `digest_lines` lines at the size the slide sets it in."""
    from report.slidefit import pieces_of
    from report.slidemodel import Run, font, theme
    from report.textfit import lines
    for name in ("article.md", "refs.json"):
        (tmp_path / name).write_bytes((REVIEW / name).read_bytes())
    result = run_report("slides", tmp_path / "article.md", "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    cuts = cut_bullets(Presentation(tmp_path / "s.pptx"))
    spec = theme()["body"]
    for kept, notes, size, width in cuts:
        whole = whole_sentence(kept, notes)
        left = re.sub(r"\([^)]*\)", "", whole[len(kept):])
        assert len(left.split()) >= 3, (kept, whole)
        held = lines(pieces_of([Run(whole)]), size, width - spec["bullet_indent"], font())
        assert len(held) > spec["digest_lines"], (kept, size)


STEPS = """\
# State Action

States have gone further than Washington.

In July 2025, the Public Utilities Commission of Ohio approved a tariff that requires new data \
centers to pay for at least 85% of the electricity they say they will use, even if they use \
less, for up to twelve years [@b].

A typical process follows four steps:

{marker} The utility files a proposed tariff with the state commission, with evidence on costs \
and forecast demand.
{marker} Consumer advocates, data center developers, and other parties file comments and \
testimony.
{marker} The commission holds hearings and may ask the parties to negotiate a settlement.
{marker} The commission issues an order, which can be appealed to the state courts.

The process typically takes between six months and a year.
"""


def test_a_digests_list_stays_whole_with_its_lead_in(tmp_path):
    for marker in ("1.", "-"):
        deck, _ = deck_of(tmp_path, STEPS.format(marker=marker))
        slides = [s for s in deck.slides if title(s).startswith("State Action")]
        holding = [n for n, s in enumerate(slides)
                   if any(t.startswith(("The utility files", "The commission issues",
                                        "A typical process")) for t in body_texts(s))]
        assert len(set(holding)) == 1, (marker, [body_texts(s) for s in slides])


DEMAND = """\
# Demand

For nearly twenty years, total electricity use barely moved. Efficiency gains in lighting \
and appliances offset growth, so utilities built little. According to @a, use will set \
records in both 2025 and 2026. The largest of those customers are data centers.

Demand from data centers is also unusually concentrated. A campus can draw as much power as \
a city. Northern Virginia hosts 40% of new projects.
"""


def test_a_digest_takes_a_paragraphs_cited_or_numbered_sentences_over_background(tmp_path):
    deck, _ = deck_of(tmp_path, DEMAND)
    shown = body_texts(next(s for s in deck.slides if title(s) == "Demand"))
    assert shown == ["For nearly twenty years, total electricity use barely moved.",
                     "According to Lee (2025), use will set records in both 2025 and 2026.",
                     "Demand from data centers is also unusually concentrated.",
                     "Northern Virginia hosts 40% of new projects."]


def test_a_pointer_in_german_words_stays_off_a_slide_without_its_table(tmp_path):
    """'die folgende Tabelle' points, in labels.toml's German words, at a
    table no digest slide beside it shows."""
    from report.slidedigest import _word_pointers
    _, here = _word_pointers("de")
    assert here["table"].search("Die folgende Tabelle zeigt die Preise.")
    assert here["table"].search("Die Tabelle unten zeigt die Preise.")
    assert not here["table"].search("Die Tabelle zeigt die Preise.")
