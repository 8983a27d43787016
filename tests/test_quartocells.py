"""Quarto's code cells, which report does not run: shown as Quarto shows
them (options read, not printed), their figures and tables standing as
numbered, captioned placeholders that cross-references find."""

from __future__ import annotations

import pdfplumber
from conftest import brief_of, pdf_text, run_report
from pptx import Presentation

from report import source
from report.model import CodeBlock, Figure, Para, Table, plain_text

ARTICLE = """\
---
title: Cells
execute:
  echo: true
---

```{r}
#| label: setup
#| include: false
library(ggplot2)
```

As @fig-plot and @tbl-hours show.

```{r}
#| label: fig-plot
#| fig-cap: "Recall by *night*"
#| apa-note: Dots are students.
ggplot(d, aes(x, y))
```

```{python}
#| label: tbl-hours
#| tbl-cap: Hours of sleep
#| echo: false
import pandas
```

```{r}
x <- 1
```

```r
plain <- "no cell"
```
"""


def _read(tmp_path, text=ARTICLE):
    (tmp_path / "article.md").write_text(text, encoding="utf-8")
    return source.read(tmp_path / "article.md")


def test_cells_read_as_quarto_shows_them(tmp_path):
    blocks = _read(tmp_path).blocks[1:]
    assert [type(b) for b in blocks] == [CodeBlock, Figure, Para, Table, CodeBlock, CodeBlock]
    code, figure, note, table, cell, plain = blocks
    assert plain_text(note.children) == "Note. Dots are students."
    assert (code.text, code.language) == ("ggplot(d, aes(x, y))\n", "r")  # no `#|` lines
    assert (figure.ident, figure.number, figure.src) == ("fig-plot", 1, "")
    assert plain_text(figure.caption) == "Recall by night"
    assert (table.ident, table.number, plain_text(table.caption)) == ("tbl-hours", 1,
                                                                      "Hours of sleep")
    assert (cell.text, plain.text) == ("x <- 1\n", 'plain <- "no cell"\n')


def test_execute_echo_false_hides_every_cells_code(tmp_path):
    blocks = _read(tmp_path, ARTICLE.replace("echo: true", "echo: false")).blocks
    assert [type(b) for b in blocks[1:]] == [Figure, Para, Table, CodeBlock]  # plain code stays


def test_the_outputs_build_and_say_what_is_missing(tmp_path):
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert "article.md:7: warning: code cells (Quarto's, knitr's) are shown, not run" \
        in result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        text = pdf.pages[1].extract_text()
    assert "As Figure 1 and Table 1 show." in text
    assert "Figure 1\nRecall by night\nThe output of the code cell “fig-plot”" in text
    assert "Note. Dots are students." in text
    assert "library(ggplot2)" not in text and "#|" not in text
    for kind, name in (("slides", "deck.pptx"), ("handout", "handout.pdf")):
        result = run_report(kind, path, "-o", tmp_path / name)
        assert result.returncode == 0, result.stderr
    assert len(Presentation(tmp_path / "deck.pptx").slides) >= 2


def test_options_quarto_would_refuse_leave_the_cell_as_written(tmp_path):
    blocks = _read(tmp_path, "---\ntitle: T\n---\n\n```{r}\n#| label: [unclosed\nx\n```\n").blocks
    assert [(type(b), b.text) for b in blocks] == [(CodeBlock, "#| label: [unclosed\nx\n")]


def test_apaquartos_note_under_a_figure(tmp_path):
    import shutil
    from conftest import ROOT
    shutil.copy(ROOT / "tests" / "fixtures" / "sleep" / "recall.png", tmp_path / "recall.png")
    blocks = _read(tmp_path, "---\ntitle: T\n---\n\n"
                   '![Recall](recall.png){#fig-r apa-note="Higher is *better*."}\n').blocks
    assert [type(b) for b in blocks] == [Figure, Para]
    assert plain_text(blocks[1].children) == "Note. Higher is better."


def test_inline_code_is_not_run_and_says_so(tmp_path):
    path = tmp_path / "article.md"
    path.write_text("---\ntitle: T\n---\n\nWe tested `r nrow(d)` students; Python says "
                    "`{python} len(df)`, and `r` is a language.\n", encoding="utf-8")
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert ("article.md:5:11: warning: inline code is not run; report prints it as "
            "[r: nrow(d)]") in result.stderr
    assert "article.md:5:45: warning: inline code is not run" in result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        text = " ".join(pdf.pages[1].extract_text().split())
    assert "We tested [r: nrow(d)] students; Python says [python: len(df)], and r is" in text
    result = run_report("slides", path, "-o", tmp_path / "deck.pptx")
    assert result.returncode == 0, result.stderr
    words = " ".join(shape.text_frame.text for slide in Presentation(tmp_path / "deck.pptx").slides
                     for shape in slide.shapes if shape.has_text_frame)
    words += " ".join(slide.notes_slide.notes_text_frame.text
                      for slide in Presentation(tmp_path / "deck.pptx").slides
                      if slide.has_notes_slide)
    assert "[r: nrow(d)]" in words and "r nrow(d)" not in words


def test_r_markdown_chunk_options_in_the_header(tmp_path):
    text = pdf_text(brief_of(tmp_path, (
        '---\ntitle: T\n---\n\nAs @fig-old and @tbl-old show.\n\n'
        '```{r fig-old, fig.cap="Old, Style Chunk", echo=FALSE}\nplot(1)\n```\n\n'
        "```{r, label='tbl-old', tab.cap=\"Old Table\", echo=F}\ntable(d)\n```\n\n"
        '```{r setup, include=FALSE}\nlibrary(hidden)\n```\n\n'
        '```{r shown, echo=FALSE}\n#| echo: true\nshown(1)\n```\n')), first=1)
    assert "As Figure 1 and Table 1 show." in text
    assert "Figure 1\nOld, Style Chunk\nThe output of the code cell “fig-old”" in text
    assert "Table 1\nOld Table" in text
    assert "plot(1)" not in text and "table(d)" not in text and "hidden" not in text
    assert "shown(1)" in text  # a `#|` option wins over the header's, as in knitr


def test_a_list_of_apa_notes_is_the_general_note_and_its_specific_ones(tmp_path):
    """apaquarto's example writes `#| apa-note:` as a list: the general note
    takes the plain items; a probability note stands apart (APA §7.14)."""
    text = ARTICLE.replace("#| apa-note: Dots are students.",
                           "#| apa-note:\n#|   - Dots are students.\n#|   - Lines are fits.\n"
                           "#|   - \"\\\\* *p* < .05.\"")
    notes = [b for b in _read(tmp_path, text).blocks if isinstance(b, Para)][1:]
    assert [plain_text(p.children) for p in notes] == [
        "Note. Dots are students. Lines are fits.", "* p < .05."]


def test_knitr_labels_a_captioned_chunk_for_bookdown(tmp_path):
    """knitr's rule, which bookdown's `\\@ref` reads: a chunk `x` with a
    figure caption is `fig:x`, in the header or in Quarto's `#|` lines; one
    with `tab.cap`, or whose kable() (kbl(), papaja's apa_table()) is given
    a caption, is `tab:x`, captioned with that string as R reads it."""
    path = tmp_path / "article.md"
    path.write_text(
        "---\ntitle: T\n---\n\nSee \\@ref(fig:dots), \\@ref(fig:bars), \\@ref(tab:kab), "
        "\\@ref(tab:apa), \\@ref(tab:named) and \\@ref(tab:own).\n\n"
        '```{r dots, fig.cap="Dots by *group*"}\nplot(1)\n```\n\n'
        "```{r}\n#| label: bars\n#| fig-cap: Bars\nbarplot(1)\n```\n\n"
        "```{r kab, echo=FALSE}\nknitr::kable(\n  d,\n  caption = 'Kable\\'s table'\n)\n```\n\n"
        "```{r apa}\npapaja::apa_table(d, caption = cap)\n```\n\n"
        '```{r named, tab.cap="From the header"}\nkable(d)\n```\n\n'
        '```{r own}\nkbl(d, caption = "(\\\\#tab:own) Its own label")\n```\n\n'
        "```{r uncaptioned}\nkable(d)\n```\n\n"
        '```{r, fig.cap="No name"}\nplot(2)\n```\n', encoding="utf-8")
    doc = source.read(path)
    floats = [(b.ident, b.number, plain_text(b.caption)) for b in doc.blocks
              if isinstance(b, (Figure, Table))]
    assert floats == [("fig:dots", 1, "Dots by group"), ("fig:bars", 2, "Bars"),
                      ("tab:kab", 1, "Kable\u2019s table"), ("tab:apa", 2, ""),
                      ("tab:named", 3, "From the header"), ("tab:own", 4, "Its own label"),
                      ("", 3, "No name")]  # knitr's unnamed-chunk-N: no one's to name
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages[1:])
    assert "See 1, 2, 1, 2, 3 and 4." in text
    assert "Figure 1\nDots by group\nThe output of the code cell \u201cfig:dots\u201d" in text
    assert "Table 1\nKable\u2019s table\nThe output of the code cell \u201ctab:kab\u201d" in text
    assert "Table 4\nIts own label" in text and "(#" not in text


def test_an_apa_note_that_begins_nonote_has_no_label(tmp_path):
    """apaquarto's guide: an apa-note that begins "NoNote " (a probability
    note alone) is printed without "Note."; a cell's option is read as the
    attribute Quarto makes of it, whose `\\\\*` is an asterisk. It printed
    "Note. NoNote \\\\* p < .05; \\\\\\\\ p < .01"."""
    import shutil
    from conftest import ROOT
    shutil.copy(ROOT / "tests" / "fixtures" / "sleep" / "recall.png", tmp_path / "recall.png")
    lines = pdf_text(brief_of(tmp_path, (
        "---\ntitle: T\n---\n\nAs @fig-a and @fig-b show.\n\n```{r}\n#| label: fig-a\n"
        "#| fig-cap: Plotted\n"
        "#| apa-note: NoNote \\\\* *p* < .05; \\\\*\\\\* *p* < .01\n"
        "plot(1)\n```\n\n"
        '![Recall](recall.png){#fig-b apa-note="NoNote ^a^ One night."}\n')), first=1).split("\n")
    assert "* p < .05; ** p < .01" in lines
    assert "a One night." in lines
    assert not any("Note" in line or "\\" in line for line in lines), lines


def test_knitrs_other_engines_are_cells_too(tmp_path):
    """apaquarto's guide opens with a ```` ```{css, echo=FALSE} ```` chunk
    (its web page's style): knitr runs it and shows no code, yet the brief
    printed its 70 lines, three pages of CSS. A Quarto diagram shows no code
    unless told, and reads its `%%|` options."""
    path = tmp_path / "article.md"
    path.write_text("---\ntitle: T\n---\n\n```{css, echo=FALSE}\n.apa {font-size: 12pt}\n```\n\n"
                    "```{sql}\n--| label: tbl-q\n--| tbl-cap: Counted\nSELECT 1\n```\n\n"
                    "```{mermaid}\n%%| label: fig-m\n%%| fig-cap: Flow\n"
                    "flowchart LR\n  A --> B\n```\n\n"
                    "```{R}\nx <- 1\n```\n\n```{verbatim}\nkept as written\n```\n\n"
                    "As @tbl-q and @fig-m show.\n", encoding="utf-8")
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages[1:])
    assert "font-size" not in text and "flowchart" not in text and "--|" not in text
    assert "SELECT 1" in text and "x <- 1" in text and "kept as written" in text
    assert "Table 1\nCounted" in text and "Figure 1\nFlow" in text
    assert "As Table 1 and Figure 1 show." in text


def test_echo_fenced_shows_the_cell_with_its_fence_and_options(tmp_path):
    """Quarto's `echo: fenced` shows the cell as written, its fence and every
    option line but `echo: fenced` itself; so does `execute: echo: fenced`
    for every cell (the fence and options were left out, as for `echo: true`)."""
    cell = "```{python}\n#| echo: fenced\n#| output: false\n1 + 1\n```\n\n"
    blocks = _read(tmp_path, "---\ntitle: T\n---\n\n" + cell + "```{r}\nplot(1)\n```\n").blocks
    code = [b.text.rstrip("\n") for b in blocks if isinstance(b, CodeBlock)]
    assert code == ["```{python}\n#| output: false\n1 + 1\n```", "plot(1)"]
    every = _read(tmp_path, "---\ntitle: T\nexecute:\n  echo: fenced\n---\n\n"
                            "```{r}\n#| label: a\nplot(1)\n```\n").blocks
    assert [b.text.rstrip("\n") for b in every if isinstance(b, CodeBlock)] == \
        ["```{r}\n#| label: a\nplot(1)\n```"]
    path = tmp_path / "article.md"
    path.write_text("---\ntitle: T\n---\n\n" + cell, encoding="utf-8")
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as doc:
        text = "\n".join(page.extract_text() for page in doc.pages)
    assert "```{python}\n#| output: false\n1 + 1\n```" in text
    assert "echo: fenced" not in text
