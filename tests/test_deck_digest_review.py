"""A digest slide (a section without `::: slide`) read back from the pptx:
its section's table on a slide of its own after it, no sentence pointing
to a table or figure no slide shows, a quotation in marks once, cuts that
leave off something and are made at the size the slide uses, a list kept
whole with its lead-in, and one warning for all the digested sections.
"""

from __future__ import annotations

import json
from pathlib import Path

from pptx import Presentation

from conftest import run_report

REFS = [{"id": key, "type": "article-newspaper", "title": "A headline",
         "container-title": "The Daily", "issued": {"date-parts": [[2025, 3, 6]]},
         "author": [{"family": family, "given": "A."}]}
        for key, family in [("a", "Lee"), ("b", "Kim")]]

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
