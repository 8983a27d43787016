"""An empirical APA article as psychologists write it for Pandoc or Quarto:
tables of statistics with their notes, in the brief, the deck and the handout."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from conftest import run_report


def article(tmp_path: Path, body: str, front: str = "title: A Title\nshort-title: Short") -> Path:
    folder = tmp_path / "paper"
    folder.mkdir(exist_ok=True)
    path = folder / "article.md"
    path.write_text(f"---\n{front}\n---\n\n{body}", encoding="utf-8")
    return path


def pdf_words(path: Path, first_page: int = 1) -> list[dict]:
    with pdfplumber.open(path) as pdf:
        return [w for page in pdf.pages[first_page:] for w in page.extract_words()]


DESCRIPTIVES = """\
See @tbl-d.

| Variable | *M* | *SD* |
|:---------|----:|-----:|
| Growth mindset at the pretest | 4.12 | 0.91 |
| Prior achievement | 101.20 | 14.30 |

: Descriptive Statistics {#tbl-d}
"""


def test_column_headings_are_centred_over_cells_aligned_as_written(tmp_path):
    # APA §7.12: "center column headings", the stub's too, whatever the cells' alignment.
    out = tmp_path / "brief.pdf"
    assert run_report("pdf", article(tmp_path, DESCRIPTIVES), "-o", out).returncode == 0
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[1]
        at = {w["text"]: w for w in page.extract_words()}
        rules = [e for e in page.edges if e["orientation"] == "h"]
    left, right = min(e["x0"] for e in rules), max(e["x1"] for e in rules)
    centre = {k: (at[k]["x0"] + at[k]["x1"]) / 2 for k in ("Variable", "M", "SD")}
    # Each centred heading puts its column's far edge as far past its centre
    # as the near edge is before it: the stub's from the table's left, the
    # last column's to the table's right.
    stub_end = 2 * centre["Variable"] - left
    m_end = 2 * centre["M"] - stub_end
    assert abs(2 * centre["SD"] - m_end - right) < 2, (left, right, centre)
    assert at["Growth"]["x0"] < at["Variable"]["x0"] - 20  # the cells stay flush left
    assert at["14.30"]["x1"] > at["SD"]["x1"] + 5  # and flush right


def test_each_kind_of_table_note_starts_a_line_as_written(tmp_path):
    # APA §7.14: general, specific and probability notes each on a new line;
    # written one to a source line, they print so (pandoc would join them).
    body = (DESCRIPTIVES.replace("| 4.12 |", "| 4.12^a^ |")
            + "\n*Note.* *N* = 612.\n^a^ Pretest.\n\\**p* < .05. \\*\\**p* < .01.\n\n"
            "A paragraph of text that\n\\* *p* is not a note when the paragraph is not.\n")
    out = tmp_path / "brief.pdf"
    assert run_report("pdf", article(tmp_path, body), "-o", out).returncode == 0
    with pdfplumber.open(out) as pdf:
        lines = pdf.pages[1].extract_text().split("\n")
    at = lines.index("Note. N = 612.")
    assert lines[at + 1:at + 3] == ["a Pretest.", "*p < .05. **p < .01."]
    assert "A paragraph of text that * p is not a note when the paragraph is not." in lines


SLIDE = """\
# Results

Mindset and achievement differ in spread.

::: slide
## Descriptives
- Mindset and achievement differ in spread

| Variable | *M* | *SD* |
|:---------|----:|-----:|
| Growth mindset | 4.12\\*\\* | 0.91 |
| Prior achievement | 101.20 | 14.30 |

: Descriptive Statistics

*Note.* *N* = 612.
\\*\\**p* < .01.
:::
"""


def test_a_slides_table_notes_stand_under_it_a_kind_a_line(tmp_path):
    """On the slide as in the brief: the notes under the table they explain
    (they stood over it, among the bullets), each kind on its line."""
    from pptx import Presentation
    out = tmp_path / "deck.pptx"
    assert run_report("slides", article(tmp_path, SLIDE), "-o", out).returncode == 0
    slide = next(s for s in Presentation(out).slides
                 if any(sh.has_text_frame and sh.text_frame.text == "Descriptives"
                        for sh in s.shapes))
    table, = [s for s in slide.shapes if s.has_table]
    texts = [s for s in slide.shapes if s.has_text_frame]
    note, = [s for s in texts if "Note." in s.text_frame.text]
    assert [p.text.replace("\xa0", " ") for p in note.text_frame.paragraphs] == \
        ["Note. N = 612.", "**p < .01."]
    assert note.top >= table.top + table.height  # under the table, not over it
    assert note.left == table.left
    assert not any("Note." in s.text_frame.text for s in texts if s is not note)
    sizes = {r.font.size.pt for p in note.text_frame.paragraphs for r in p.runs}
    bullets = next(s for s in texts if "spread" in s.text_frame.text)
    assert max(sizes) < min(r.font.size.pt for p in bullets.text_frame.paragraphs
                            for r in p.runs)  # smaller than the text, as in the brief


def test_the_handout_sets_a_figures_note_under_it_too(tmp_path):
    from PIL import Image
    body = ("# Results\n\n@fig-g shows the bars.\n\n![Grades by Condition](g.png){#fig-g}\n\n"
            "*Note.* Dark bars: intervention.\n")
    path = article(tmp_path, body)
    Image.new("RGB", (400, 300), "gray").save(path.parent / "g.png")
    out = tmp_path / "handout.pdf"
    assert run_report("handout", path, "-o", out).returncode == 0
    with pdfplumber.open(out) as pdf:
        page = next(p for p in pdf.pages if "Grades by Condition" in (p.extract_text() or ""))
        image = max(page.images, key=lambda i: i["width"] * i["height"])
        words = page.extract_words()
        note = next(w for w in words if w["text"] == "Note.")
        caption = next(w for w in words if w["text"] == "Grades")
    assert note["top"] >= image["bottom"]
    assert abs(note["x0"] - caption["x0"]) < 0.5  # in the picture's column, as its caption


@pytest.mark.parametrize("above", [True, False])
def test_a_captions_apa_note_may_hold_markdown(tmp_path, above):
    # apaquarto reads `apa-note` as Markdown; its asterisks were read as the
    # caption's own, the label lost: "no table in the brief is labelled 'tbl-a'".
    caption = ': ANOVA for Mindset {#tbl-a apa-note="*MSE* = mean square error."}\n\n'
    table = "| Source | *F* |\n|:--|--:|\n| Condition | 8.41 |\n\n"
    body = "See @tbl-a.\n\n" + (caption + table if above else table + caption)
    out = tmp_path / "brief.pdf"
    result = run_report("pdf", article(tmp_path, body), "-o", out)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[1]
        lines = page.extract_text().split("\n")
        italic = {w["text"] for w in page.extract_words(x_tolerance=1, extra_attrs=["fontname"])
                  if "Italic" in w["fontname"]}
    assert "See Table 1." in lines and "ANOVA for Mindset" in lines
    assert "Note.MSE=meansquareerror." in [line.replace(" ", "") for line in lines]
    assert {"Note.", "MSE"} <= italic
    assert not any("{" in line or "apa-note" in line for line in lines)


def _lines_with(path: Path, first: str) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [line for page in pdf.pages for line in (page.extract_text() or "").split("\n")
                if first in line]


STATISTIC = "$\\eta_p^2 = .04$"


def test_a_statistic_with_scripts_is_never_parted_from_its_value_in_the_brief(tmp_path):
    # "η" with its subscript and superscript ended a line, "= .04" began the next.
    body = "\n\n".join("Word " * n + f"the effect was {STATISTIC} in all." for n in range(40))
    out = tmp_path / "brief.pdf"
    assert run_report("pdf", article(tmp_path, body + "\n"), "-o", out).returncode == 0
    lines = _lines_with(out, "η")
    assert len(lines) >= 40 and all(".04" in line for line in lines), \
        [line for line in lines if ".04" not in line]


def test_a_statistic_with_scripts_is_never_parted_from_its_value_on_a_slide(tmp_path):
    bullets = "\n".join("- " + "Word " * n + f"the effect {STATISTIC} held" for n in range(12))
    body = f"# Results\n\nText.\n\n::: slide\n{bullets}\n:::\n"
    out = tmp_path / "handout.pdf"
    path = article(tmp_path, body)
    assert run_report("handout", path, "-o", out, "--per-page", "1").returncode == 0
    lines = _lines_with(out, "η")
    assert len(lines) >= 12 and all(".04" in line for line in lines), \
        [line for line in lines if ".04" not in line]
