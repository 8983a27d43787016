"""bookdown's cross-references (papaja's, R Markdown's): `\\@ref(fig:x)`
and the labels it names, read into report's own cross-references and
printed, numbered and linked as Quarto's are, in every output."""

from __future__ import annotations

import re
import shutil
import subprocess

import pdfplumber
import pytest
from conftest import ROOT, brief_of, pdf_text, run_report
from pptx import Presentation

from report import source
from report.model import Equation, Figure, Table, plain_text

SLEEP = ROOT / "tests" / "fixtures" / "sleep"

ARTICLE = r"""---
title: Bookdown
output: papaja::apa6_pdf
---

# Introduction {#intro}

As Figure \@ref(fig:plot), Figure \@ref(fig:recall) and Table \@ref(tab:means) show,
scores rose (see Table \@ref(tab:kab)). Section \@ref(method) says how; Appendix
\@ref(extra) has more. Code keeps `\@ref(fig:plot)` as written.

```{r plot, fig.cap = "Scores by group."}
plot(cars)
```

![(\#fig:recall) Recall after sleep](recall.png)

| Group | M   |
|-------|-----|
| A     | 1.2 |

Table: (\#tab:means) Means by group.

```{r kab}
knitr::kable(d, caption = "Kable's \"own\" table.")
```

# Method

See Equation \@ref(eq:model).

\begin{equation}
y = a + bx
(\#eq:model)
\end{equation}

::: slide
- Figure \@ref(fig:recall) and Table \@ref(tab:means)
:::

::: notes
Point at Table \@ref(tab:means).
:::

# Appendix {#extra}

Text.
"""


@pytest.fixture
def article(tmp_path):
    shutil.copy(SLEEP / "recall.png", tmp_path / "recall.png")
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_labels_are_read_as_bookdown_writes_them(article):
    doc = source.read(article)
    floats = [(type(b).__name__, b.ident, b.number, plain_text(getattr(b, "caption", [])))
              for b in doc.blocks if isinstance(b, (Figure, Table, Equation))]
    assert floats == [("Figure", "fig:plot", 1, "Scores by group."),
                      ("Figure", "fig:recall", 2, "Recall after sleep"),
                      ("Table", "tab:means", 1, "Means by group."),
                      ("Table", "tab:kab", 2, "Kable\u2019s \u201cown\u201d table."),
                      ("Equation", "eq:model", 1, "")]
    [recall] = [b for b in doc.blocks if isinstance(b, Figure) and b.src]
    assert recall.alt == "Recall after sleep"  # the label is no words of the picture


def test_the_brief_prints_the_numbers_links_them_and_no_labels(article, tmp_path):
    result = run_report("pdf", article, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert "never called out" not in result.stderr  # `\@ref(tab:x)` calls it out
    text = pdf_text(tmp_path / "brief.pdf")
    words = " ".join(text.split())
    assert ("As Figure 1, Figure 2 and Table 1 show, scores rose (see Table 2). Section "
            "Method says how; Appendix A has more.") in words
    assert "Code keeps \\@ref(fig:plot) as written." in words  # code is code
    for caption in ("Figure 1\nScores by group.", "Figure 2\nRecall after sleep",
                    "Table 1\nMeans by group.", "Table 2\nKable\u2019s \u201cown\u201d table."):
        assert caption in text
    assert "See Equation 1." in text and re.search(r"y = a \+ bx\s*\(1\)", text)
    assert "(#" not in text and text.count("@ref") == 1

    result = run_report("html", article, "-o", tmp_path / "brief.html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    for ident, said in (("fig:plot", "1"), ("fig:recall", "2"), ("tab:means", "1"),
                        ("tab:kab", "2"), ("method", "Method"), ("extra", "A"),
                        ("eq:model", "1")):
        assert f'<a href="#{ident}">{said}</a>' in html
        assert html.count(f'id="{ident}"') == 1


def test_the_deck_its_notes_and_the_handout_print_no_labels(article, tmp_path):
    result = run_report("slides", article, "-o", tmp_path / "deck.pptx")
    assert result.returncode == 0, result.stderr
    deck = Presentation(tmp_path / "deck.pptx")
    shown = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes
             if shape.has_text_frame]
    notes = [slide.notes_slide.notes_text_frame.text for slide in deck.slides
             if slide.has_notes_slide]
    assert "Figure 2 and Table 1" in shown and "Figure 2\nRecall after sleep" in shown
    assert "Point at Table 1." in notes
    assert not [t for t in shown + notes if "(#" in t or "@ref(" in t.replace("\\@ref(fig", "")]

    result = run_report("handout", article, "-o", tmp_path / "handout.pdf")
    assert result.returncode == 0, result.stderr
    handout = pdf_text(tmp_path / "handout.pdf")
    assert "Figure 2 and Table 1" in handout
    assert "(#" not in handout and "@ref(" not in handout


def test_pandoc_reads_the_same_article_as_plain_text(article):
    """bookdown's syntax is text to pandoc: the article stays a Pandoc article."""
    pypandoc = pytest.importorskip("pypandoc")
    out = subprocess.run([pypandoc.get_pandoc_path(), "-t", "plain", "--wrap=none",
                          str(article)], capture_output=True, text=True, encoding="utf-8",
                         check=True).stdout
    assert "Table @ref(tab:means) show" in out and "(#tab:means) Means by group." in out


@pytest.mark.parametrize("body,message", [
    (r"See Table \@ref(tab:nope).",
     r":5:11: no table in the brief is labelled 'tab:nope'\n.*'Table: \(\\#tab:nope\) Caption'"),
    (r"See Figure \@ref(fig:nope).", r":5:12: no figure in the brief is labelled 'fig:nope'"),
    (r"See \@ref(eq:nope).", r":5:5: no equation in the brief is labelled 'eq:nope'"),
    (r"See Section \@ref(nope).",
     r":5:13: no section in the brief is labelled 'nope'\n.*# Heading \{#nope\}"),
    ("See Table @ref(tab:a).",
     r":5:11: '@ref\(tab:a\)' reads as a citation of the work 'ref'\n.*\\@ref\(tab:a\)"),
    ("| b |\n|---|\n| 2 |\n\nTable: (\\#tab:a) B.",
     r":15:10: the label '#tab:a' is given twice"),
    ("See @tab:a.", r":5:5: 'tab:a' is cited, but there is no bibliography"),  # as in pandoc
    ("See (ref:nope).", r":5:5: no text reference is defined as '\(ref:nope\)'\n"
     r".*paragraph of its own: \(ref:nope\) Its words\."),
    ("(ref:a) One.\n\n(ref:a) Two.", r":7:1: the text reference '\(ref:a\)' is defined twice"),
])
def test_a_wrong_reference_names_its_line(tmp_path, body, message):
    (tmp_path / "article.md").write_text(
        f"---\ntitle: E\n---\n\n{body}\n\n| a |\n|---|\n| 1 |\n\nTable: (\\#tab:a) A.\n",
        encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 1
    assert re.search(r"article\.md" + message, result.stderr, re.S), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "brief.pdf").exists()


def test_an_uncalled_table_is_said_in_bookdowns_words(tmp_path):
    table = "| a |\n|---|\n| 1 |\n"
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\nAs Table \\@ref(tab:one) shows.\n\n"
        f"{table}\nTable: (\\#tab:one) One.\n\n{table}\nTable: (\\#tab:two) Two.\n",
        encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    said = re.findall(r"article\.md:(\d+):\d+: warning: (Table \d) is never called out.*",
                      result.stderr)
    assert said == [("13", "Table 2")]  # where the table starts
    assert "write Table \\@ref(tab:…)" in result.stderr


def test_equations_labelled_in_display_math_and_environments(tmp_path):
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\nSee \\@ref(eq:emc), \\@ref(eq:ab) and \\@ref(eq:tex).\n\n"
        "$$\n\\begin{equation}\nE = mc^2\n(\\#eq:emc)\n\\end{equation}\n$$\n\n"
        "\\begin{align}\na &= b (\\#eq:ab)\n\\end{align}\n\n"
        "\\begin{equation}\ny = x \\label{eq:tex}\n\\end{equation}\n\n$$ z = 1 $$\n",
        encoding="utf-8")
    doc = source.read(tmp_path / "article.md")
    assert [(b.ident, b.number) for b in doc.blocks if isinstance(b, Equation)] == [
        ("eq:emc", 1), ("eq:ab", 2), ("eq:tex", 3), ("", 0)]
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    text = pdf_text(tmp_path / "brief.pdf")
    assert "See 1, 2 and 3." in text
    assert re.search(r"E = mc2\s*\(1\)", text) and re.search(r"a = b\s*\(2\)", text)
    assert "(#" not in text


def test_an_escaped_at_sign_in_brackets_cites_nothing(tmp_path):
    """`[see Table \\@ref(tab:x)]`: pandoc reads `\\@` as an "@", so the brackets
    hold no citation, only bookdown's reference; `[mail \\@home]` is text."""
    (tmp_path / "article.md").write_text(
        "---\ntitle: B\n---\n\n| a |\n|---|\n| 1 |\n\nTable: (\\#tab:x) X.\n\n"
        "A [see Table \\@ref(tab:x)] and [mail \\@home].\n", encoding="utf-8")
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "b.html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert '<p>A [see Table <a href="#tab:x">1</a>] and [mail @home].</p>' in html


def test_a_reference_to_the_last_heading_leaves_it_a_section(tmp_path):
    """A `\\@ref(x)` is no citation: the heading last in the article stays
    a section of its own, not the title of a reference list."""
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\nSee \\@ref(end).\n\n# The End {#end}\n", encoding="utf-8")
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "b.html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert 'See <a href="#end">The End</a>.' in html and 'id="end"' in html


def test_an_unnumbered_headings_label_as_bookdown_writes_it(tmp_path):
    """`# Hello world {-#nice-label}`: pandoc's unnumbered heading `nice-label`."""
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n# Hello World {-#nice-label}\n\nSee \\@ref(nice-label).\n\n"
        "# Other {-}\n\nText.\n", encoding="utf-8")
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "b.html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert 'id="nice-label" data-bookmark="Hello World">Hello World</h2>' in html
    assert 'id="other" data-bookmark="Other">Other</h2>' in html
    assert 'See <a href="#nice-label">Hello World</a>.' in html


SPECIAL = r"""---
title: Sleep
---

# (PART) Part I {-}

# Introduction

See Appendix \@ref(scales), Table \@ref(tab:s) and Table \@ref(tab:m).

| m |
|---|
| 1 |

Table: (\#tab:m) Main.

# (PART\*) Part Two {-}

Text [@walker2017].

# (APPENDIX) Appendix {-}

# Scales {#scales}

| a |
|---|
| 1 |

Table: (\#tab:s) Scale items.

# More Stuff

::: slide
- A point
:::
"""


def test_bookdowns_part_and_appendix_headings(tmp_path):
    """`# (PART) Part I {-}` is the plain heading "Part I"; `# (APPENDIX)
    Appendix {-}` prints nothing and makes each level-1 heading after it an
    appendix: "Appendix A", its tables A1, after the references (APA §2.17)."""
    shutil.copy(SLEEP / "refs.json", tmp_path / "refs.json")
    (tmp_path / "article.md").write_text(SPECIAL, encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    assert "Part I\nIntroduction\nSee Appendix A, Table A1 and Table 1." in pages[1]
    assert "Part Two\nText (Walker" in pages[1]
    assert "References" in pages[2]
    assert "Appendix A\nScales\nTable A1\nScale items." in pages[3]
    assert "Appendix B\nMore Stuff" in pages[4]
    assert not [p for p in pages if "PART" in p or "APPENDIX" in p]

    result = run_report("slides", tmp_path / "article.md", "-o", tmp_path / "deck.pptx")
    assert result.returncode == 0, result.stderr
    shown = [shape.text_frame.text for slide in Presentation(tmp_path / "deck.pptx").slides
             for shape in slide.shapes if shape.has_text_frame]
    assert "A point" in shown
    assert not [t for t in shown if "PART" in t or "APPENDIX" in t]


def test_an_appendix_heading_with_words_under_it_is_the_appendix(tmp_path):
    """`# (APPENDIX) Appendix {-}` over text, no heading: the only appendix,
    "Appendix" (APA §2.14); a marker below level 1 is read as bookdown
    reads it there, not at all, and said."""
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\nText.\n\n# (APPENDIX) Appendix {-}\n\nWords under it.\n\n"
        "## (PART) Odd\n\nMore.\n", encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert re.search(r"article\.md:11: warning: bookdown reads '\(PART\)' on a level-1 "
                     "heading only", result.stderr)
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    assert "Appendix\nWords under it.\nOdd\nMore." in pages[2]
    assert "(" not in pages[2]


TEXT_REFERENCES = r"""---
title: Sleep
---

As Figures \@ref(fig:plot) and \@ref(fig:img) and Table \@ref(tab:k) show (ref:also).

(ref:plot) Scores *by group*, as in @walker2017; see Table \@ref(tab:k).

(ref:also) for all

```{r plot, fig.cap="(ref:plot)"}
plot(cars)
```

![(\#fig:img) (ref:plot)](recall.png)

```{r k}
knitr::kable(d, caption = "(ref:kcap)")
```

(ref:kcap) Means of `x_1`.

Code `(ref:plot)` stays.
"""


def test_text_references_are_their_words_wherever_they_are_used(tmp_path):
    """bookdown's `(ref:foo) Words.` is printed nowhere but where `(ref:foo)`
    is: in a chunk's `fig.cap`, an image's caption and alt, a kable()
    caption, the text; citations and cross-references in it resolved."""
    for name in ("recall.png", "refs.json"):
        shutil.copy(SLEEP / name, tmp_path / name)
    (tmp_path / "article.md").write_text(TEXT_REFERENCES, encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    text = pdf_text(tmp_path / "brief.pdf")
    said = "Scores by group, as in Walker (2017); see Table 1."
    assert "As Figures 1 and 2 and Table 1 show for all.\n" in text
    assert f"Figure 1\n{said}" in text and f"Figure 2\n{said}" in text
    assert "Table 1\nMeans of x_1." in text
    assert "Code (ref:plot) stays." in text  # code is code, as in bookdown
    assert text.count("(ref:") == 2  # that, and the kable() call shown as code
    assert "Walker, M. (2017)" in text  # cited in a caption: in the reference list

    result = run_report("slides", tmp_path / "article.md", "-o", tmp_path / "deck.pptx")
    assert result.returncode == 0, result.stderr
    pictures = [shape for slide in Presentation(tmp_path / "deck.pptx").slides
                for shape in slide.shapes if shape.shape_type == 13]
    described = [p._element.nvPicPr.cNvPr.get("descr") for p in pictures]
    # the caption as printed, its citations rendered, not the source's "@walker2017"
    assert described and all(d == said for d in described)


def test_a_text_reference_may_begin_with_code_or_emphasis(tmp_path):
    """papaja's example: `(ref:menu-caption) \`papaja\`'s APA6 template…`,
    whose words begin with code; the build stopped, "no text reference is
    defined as '(ref:menu-caption)'"."""
    text = pdf_text(brief_of(tmp_path, (
        "---\ntitle: T\n---\n\nSee Figures \\@ref(fig:menu) and \\@ref(fig:knit).\n\n"
        "(ref:menu-caption) `papaja`'s template in the menu.\n\n"
        "(ref:knit-caption) *Knit* it.\n\n"
        '```{r menu, fig.cap = "(ref:menu-caption)", echo = FALSE}\nplot(1)\n```\n\n'
        '```{r knit, fig.cap = "(ref:knit-caption)", echo = FALSE}\nplot(2)\n```\n')))
    assert "Figure 1\npapaja\u2019s template in the menu.\n" in text
    assert "Figure 2\nKnit it.\n" in text
    assert "(ref:" not in text


def test_papajas_apa_table_note_is_the_tables_note(tmp_path):
    """`apa_table(d, caption = "…", note = "…")`: the note, Markdown and
    `\\@ref` read, is the table's *Note.* under it (APA §7.14); kable()'s
    other arguments are no note."""
    text = pdf_text(brief_of(tmp_path, (
        "---\ntitle: Sleep\n---\n\nTable \\@ref(tab:desc) and Table \\@ref(tab:k).\n\n"
        "```{r desc, echo=FALSE}\napa_table(d, caption = \"Descriptives.\",\n"
        "          note = \"Scores are *z* values; see Table \\\\@ref(tab:k).\")\n```\n\n"
        "```{r k, echo=FALSE}\nknitr::kable(d, caption = 'Plain.', format.note = 'no')\n```\n")))
    assert re.search(r"Table 1\nDescriptives\.\n.*report does not run\.\n"
                     r"Note\. Scores are z values; see Table 2\.\nTable 2\nPlain\.\n"
                     r".*report does not run\.$", text)
    assert text.count("Note.") == 1
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "brief.html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert ('<em>Note.</em> Scores are <em>z</em> values; see Table <a href="#tab:k">2</a>.'
            in html)


def test_an_unnamed_chunks_caption_is_a_figure_no_one_can_name(tmp_path):
    """knitr names a chunk without a label `unnamed-chunk-N` and still makes
    its figure (or its kable()'s table): numbered in its place, with no
    label to refer to, its placeholder naming none."""
    (tmp_path / "article.md").write_text(
        "---\ntitle: Sleep\n---\n\nAs Figure 1 and Figure \\@ref(fig:named) show, "
        "with Table 1.\n\n"
        "```{r, fig.cap=\"An unnamed chunk's figure.\", echo=FALSE}\nplot(cars)\n```\n\n"
        "```{r named, fig.cap=\"Named.\", echo=FALSE}\nplot(cars)\n```\n\n"
        "```{r echo=FALSE}\nknitr::kable(d, caption = \"Unnamed table.\")\n```\n\n"
        "```{r}\nx <- 1\n```\n", encoding="utf-8")
    doc = source.read(tmp_path / "article.md")
    assert [(type(b).__name__, b.ident, b.number) for b in doc.blocks
            if isinstance(b, (Figure, Table))] == [
        ("Figure", "", 1), ("Figure", "fig:named", 2), ("Table", "", 1)]
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert "never called out" not in result.stderr
    text = pdf_text(tmp_path / "brief.pdf")
    unnamed = "The output of a code cell, which report does not run."
    assert (f"As Figure 1 and Figure 2 show, with Table 1.\nFigure 1\nAn unnamed chunk\u2019s "
            f"figure.\n{unnamed}\nFigure 2\nNamed.\n") in text
    assert f"Table 1\nUnnamed table.\n{unnamed}\nx <- 1" in text
