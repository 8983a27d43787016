"""Pandoc Markdown beyond paragraphs and lists: definition lists, line
blocks and styled spans, read into the model and drawn by every writer."""

from __future__ import annotations

import re
import shutil
import subprocess

import pdfplumber
import pytest
from conftest import DEFAULT_ARTICLE, ROOT, run_report
from pptx import Presentation

from report import brief, cite, slides, source
from report.model import (DefinitionList, Figure, LineBlock, Link, PageBreak, Para, SmallCaps,
                          Table, Underline, plain_text)

ARTICLE = """\
---
title: Features
short-title: Features
---

# Terms

Cartel
:   An organization of traffickers [@toosi2025backfire].

Offshoot
:   A group formed abroad.

    It keeps ties with the cartel.

A [United States]{.smallcaps} policy, an [underlined]{.underline} word, a [plain span]{#x}
and [brackets] left as they are.

| 1600 Pennsylvania Avenue NW
|   Washington, DC
  20500

| a | b |
|---|---|
| 1 | 2 |

::: slide
## Key Terms

Cartel
:   Traffickers [@toosi2025backfire]

| Line one
| Line two
:::
"""


def _article(tmp_path):
    shutil.copy(DEFAULT_ARTICLE.parent / "refs.json", tmp_path / "refs.json")
    (tmp_path / "article.md").write_text(ARTICLE, encoding="utf-8")
    return source.read(tmp_path / "article.md")


def test_the_reader_builds_definitions_line_blocks_and_spans(tmp_path):
    blocks = _article(tmp_path).blocks
    terms = next(b for b in blocks if isinstance(b, DefinitionList))
    assert [plain_text(term) for term, _ in terms.items] == ["Cartel", "Offshoot"]
    assert [len(d[0]) for _, d in terms.items] == [1, 2]  # one definition, of 1 and 2 paragraphs
    para = next(b for b in blocks if isinstance(b, Para))
    assert [type(n) for n in para.children if not hasattr(n, "text")] == [SmallCaps, Underline]
    assert "a plain span and [brackets] left" in plain_text(para.children)
    lines = next(b for b in blocks if isinstance(b, LineBlock)).lines
    # A line that starts with a space continues the one before; indents are kept.
    assert [plain_text(x) for x in lines] == ["1600 Pennsylvania Avenue NW",
                                              "\u00a0\u00a0Washington, DC 20500"]
    assert any(isinstance(b, Table) for b in blocks)  # a pipe table is still a table


def test_the_brief_draws_them(tmp_path):
    doc = _article(tmp_path)
    cite.resolve(doc)
    html = brief.render_html(doc)
    assert "<dt>Cartel</dt><dd>An organization of traffickers" in html
    assert '<span class="smallcaps">United States</span>' in html
    assert "<u>underlined</u>" in html
    assert '<p class="line-block">1600 Pennsylvania Avenue NW<br>' in html
    assert "Toosi, 2025" in html  # a citation in a definition is rendered


def test_the_pdf_and_the_deck_show_them(tmp_path):
    _article(tmp_path)
    run_report("pdf", "article.md", cwd=tmp_path)
    with pdfplumber.open(tmp_path / "build" / "brief.pdf") as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Offshoot" in text and "Washington, DC 20500" in text
    assert "Toosi, N. (2025)" in text  # cited in a definition: in the reference list
    doc = _article(tmp_path)
    cite.resolve(doc)
    texts = ["".join(r.text for r in p.runs) for s in slides.plan(doc).slides
             for b in s.boxes if b.role == "body" for p in b.paragraphs]
    assert "Cartel: Traffickers (Toosi,\u00a02025)" in texts
    assert ["Line one", "Line two"] == [t for t in texts if t.startswith("Line")]


# --- TeX math -------------------------------------------------------------------------

MATH = r"""---
title: Math
---

Significant, $p < .05$, with $M = 3.2, SD = 1.1$ and $\chi^2(1) = 4.2$; $r = -.32$.
It costs $5 and $10, and $20.

$$
t(98) = 2.31, \quad \hat\beta = 0.4
$$
"""


def test_math_is_text_as_apa_sets_statistics(tmp_path):
    shutil.copy(DEFAULT_ARTICLE.parent / "refs.json", tmp_path / "refs.json")
    (tmp_path / "article.md").write_text(MATH, encoding="utf-8")
    doc = source.read(tmp_path / "article.md")
    para, equation = doc.blocks
    assert plain_text(para.children) == ("Significant, p < .05, with M = 3.2, SD = 1.1 and "
                                         "χ2(1) = 4.2; r = −.32. It costs $5 and $10, and $20.")
    # (Each statistic in a span that keeps it on one line: htmlblocks._kept_whole.)
    html = re.sub(r'</?span(?: class="whole")?>', "", brief.render_html(doc))
    # Variables and statistical symbols in italics, Greek and digits upright.
    assert "<em>p</em> &lt; .05" in html and "<em>SD</em> = 1.1" in html
    assert "χ<sup>2</sup>(1) = 4.2" in html
    assert '<p class="equation"><em>t</em>(98) = 2.31,\u2003β\u0302 = 0.4</p>' in html


def test_display_math_ends_at_its_closing_line_or_a_blank_one(tmp_path):
    """Quarto's `$$ … $$ {#eq-a}` over lines is one numbered equation, and
    the prose and slide after it stay prose and slide; a `$$` never closed
    is text up to the blank line, as pandoc reads both."""
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n# Shift\n\n$$\nx^2\n$$ {#eq-a}\n\nSome prose, @eq-a.\n\n"
        "::: slide\n## On the Slide\n\n- One bullet\n\n$$\ny^2\n$$\n:::\n\n$$\nopen\n\n"
        "After.\n", encoding="utf-8")
    doc = source.read(tmp_path / "article.md")
    heading, equation, prose, slide, unclosed, after = doc.blocks
    assert (plain_text(equation.children), equation.ident) == ("x2", "eq-a")
    assert plain_text(prose.children) == "Some prose, @eq-a."
    assert plain_text(slide.title) == "On the Slide"
    assert plain_text(slide.blocks[1].children) == "y2"
    assert plain_text(unclosed.children) == "$$ open" and plain_text(after.children) == "After."


def test_tex_formulas_as_inlines():
    from report.texmath import inlines
    cases = {r"\frac{a+b}{2}": "(a + b)/2", r"\sqrt{x}": "√x", r"e^{-x^2}": "e−x2",
             r"\text{Var}(X) \leq \sigma^2": "Var(X) ≤ σ2", r"\bar{x}": "x\u0304",
             r"95\% \text{ CI } [1, 2]": "95% CI [1, 2]",
             # commands no table knows: left out (the reader warns), their arguments kept
             r"\unknownmacro x": "x", r"\href{a}{b}": "ab", r"\url{u}": "u",
             r"\binom{n}{k}": "(n\u2002k)", r"{n \choose k}": "(n\u2002k)", r"\mathbb{R}^n": "ℝn",
             r"\mathcal{O}(n)": "𝒪(n)", r"\mathfrak{g}": "𝔤", r"x \bmod 2": "x mod 2",
             r"x \equiv 1 \pmod{3}": "x ≡ 1 (mod 3)", r"a \not= b \not\in A": "a ≠ b ∉ A",
             r"\left. f \right|_0": "f|0", r"x_1, \dots, x_n": "x1, …, xn",
             r"\forall x \in \mathbb{N}": "∀x ∈ ℕ", r"\operatorname*{argmax}_x f": "argmaxx f",
             r"\sqrt[3]{x}": "3√x", r"a \mid b \ne c": "a | b ≠ c",
             r"\LaTeX \TeX": "LaTeX TeX",  # as MathJax writes them (apaquarto's example)
             # an operator's name after a variable or a closing mark: TeX's thin space
             r"c \log x": "c log x", r"\beta\sin y": "β sin y", r"(a+b)\exp(x)": "(a + b) exp(x)",
             r"\beta \max(0, T)": "β max(0, T)", r"x = \log y": "x = log y",
             r"a \cdot \log b": "a · log b", r"(\ln x)": "(ln x)",
             # what cannot stack, on a line: a matrix's rows, cases
             r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}": "(a\u2002b; c\u2002d)",
             r"\begin{bmatrix} 1 \\ -x \\ \end{bmatrix}": "[1; −x]",
             r"|x| = \begin{cases} x & x \ge 0 \\ -x & \text{otherwise} \end{cases}":
             "|x| = { x, x ≥ 0; −x, otherwise",
             r"\begin{aligned} y &= x \\ z &= 2 \end{aligned}": "y = x; z = 2"}
    for tex, text in cases.items():
        assert plain_text(inlines(tex)) == text, tex


def test_math_on_a_slide_raises_and_lowers_its_scripts(tmp_path):
    shutil.copy(DEFAULT_ARTICLE.parent / "refs.json", tmp_path / "refs.json")
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n# Results\n\nText.\n\n::: slide\n"
        "- $\\chi^2(1) = 4.2$ and $x_i$\n:::\n", encoding="utf-8")
    run_report("slides", "article.md", cwd=tmp_path)
    run_report("handout", "article.md", cwd=tmp_path)
    from pptx import Presentation
    runs = [r for slide in Presentation(tmp_path / "build" / "slides.pptx").slides
            for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for r in p.runs]
    raised = {r.text: r._r.rPr.get("baseline") for r in runs if r._r.rPr.get("baseline")}
    assert raised == {"2": "30000", "i": "-25000"}
    with pdfplumber.open(tmp_path / "build" / "handout.pdf") as pdf:
        chars = [c for page in pdf.pages for c in page.chars if c["text"] in "χ2"]
    chi = next(c for c in chars if c["text"] == "χ")
    two = next(c for c in chars if c["text"] == "2" and abs(c["x0"] - chi["x1"]) < 1)
    assert two["size"] < chi["size"] and two["bottom"] < chi["bottom"]  # smaller and raised


MATRICES = r"""---
title: M
---

The matrix is

$$
\mathbf{R} = \begin{pmatrix} a & b \\ c & d \end{pmatrix}
$$ {#eq-m}

Cases $f(x) = \begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases}$.

$$
\begin{aligned} y &= ax + b \\ z &= cx \end{aligned}
$$

Also $\binom{n}{k}$, $\mathbb{R}^n$, $x \bmod 2$, $\mathcal{O}(n)$, $x \pmod{3}$ and
$\foo{q} + 1$, $\foo r$.

::: slide
## M

- $\mathbf{R} = \begin{pmatrix} a & b \\ c & d \end{pmatrix}, \quad x \in \mathbb{R}^n$
:::
"""


def test_matrices_cases_and_common_commands_print_as_text(tmp_path):
    """A matrix prints as its rows, cases on a line, an aligned's rows as
    lines; \\binom, \\mathbb… as text; an unknown command is left out, named
    where it is written (it printed run into its argument, "foor")."""
    (tmp_path / "article.md").write_text(MATRICES, encoding="utf-8")
    result = run_report("pdf", "article.md", "-o", "brief.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        lines = pdf.pages[1].extract_text().splitlines()
    assert "R = (a b; c d) (1)" in lines
    assert "Cases f(x) = { 1, x > 0; 0, otherwise." in lines
    assert lines.index("z = cx") == lines.index("y = ax + b") + 1  # a row a line
    assert ("Also (n k), ℝn, x mod 2, 𝒪(n), x (mod 3) and q + 1, r." in lines)
    assert not re.search(r"begin|binom|mathbb|bmod|mathcal|pmod|foo", "\n".join(lines))
    said = [line for line in result.stderr.splitlines() if "warning" in line]
    assert said == [f"article.md:18:{column}: warning: the math command '\\foo' is left out, "
                    "its argument kept: report sets math as text and knows no text for it"
                    for column in (2, 17)]

    result = run_report("slides", "article.md", "-o", "deck.pptx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    texts = [shape.text_frame.text for slide in Presentation(tmp_path / "deck.pptx").slides
             for shape in slide.shapes if shape.has_text_frame]
    assert "R = (a\u2002b; c\u2002d),\u2003x ∈ ℝn" in texts


def test_display_math_among_words_is_centred_on_its_own_line(tmp_path):
    """`$$ … $$` inside a paragraph stays in it (pandoc's DisplayMath in a
    Para) and is set as display math: centred on its line, the words after
    it going on unindented below (it was set among the words)."""
    (tmp_path / "article.md").write_text(
        "---\ntitle: D\n---\n\nThe energy is given by\n$$\nE = \\int_0^{\\tau} P(t)\\,dt\n$$\n"
        "where $P$ is the power.\n", encoding="utf-8")
    result = run_report("pdf", "article.md", "-o", "brief.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        page = pdf.pages[1]
        lines = {line["text"]: line for line in page.extract_text_lines()}
        middle = page.width / 2
    formula = next(line for text, line in lines.items() if text.startswith("E ="))
    said, after = lines["The energy is given by"], lines["where P is the power."]
    assert said["top"] < formula["top"] < after["top"]
    assert abs((formula["x0"] + formula["x1"]) / 2 - middle) < 3  # centred
    assert after["x0"] < said["x0"]  # the paragraph's first line alone is indented


# --- what Pandoc leaves out or reads as attributes ------------------------------------

COMMENTS = """\
---
title: T
---

Text <!-- an aside
over two lines --> goes on.

<!--

A section commented out, [@nobody] and all.

-->

`<!-- code -->` is code.

<!-- never closed

The end.
"""


def test_html_comments_are_left_out_as_pandoc_leaves_them(tmp_path):
    (tmp_path / "article.md").write_text(COMMENTS, encoding="utf-8")
    blocks = source.read(tmp_path / "article.md").blocks
    texts = [plain_text(b.children) for b in blocks]
    assert texts == ["Text goes on.", "<!-- code --> is code.", "<!\u2013 never closed",
                     "The end."]


def test_an_image_with_a_width_is_a_figure(tmp_path):
    shutil.copy(ROOT / "tests" / "fixtures" / "sleep" / "recall.png", tmp_path / "r.png")
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n![Recall by night](r.png){width=50% #fig-recall}\n\n"
        '![Again](r.png){height=3.5in fig-align="center"}\n', encoding="utf-8")
    blocks = source.read(tmp_path / "article.md").blocks
    assert [type(b) for b in blocks] == [Figure, Figure]
    assert [plain_text(b.caption) for b in blocks] == ["Recall by night", "Again"]
    assert [(b.width, b.height) for b in blocks] == [("50%", ""), ("", "3.5in")]


def test_a_figure_is_as_wide_as_the_author_asks(tmp_path):
    shutil.copy(ROOT / "tests" / "fixtures" / "sleep" / "recall.png", tmp_path / "r.png")
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n![Half](r.png){width=50%}\n\n![Tall](r.png){height=2in}\n\n"
        "![Pixels](r.png){width=200}\n\n![Unread](r.png){width=huge}\n", encoding="utf-8")
    out = tmp_path / "brief.pdf"
    assert run_report("pdf", tmp_path / "article.md", "-o", out).returncode == 0
    with pdfplumber.open(out) as pdf:
        sizes = [(round(i["width"]), round(i["height"])) for p in pdf.pages for i in p.images]
    # 6.5 in of text: half is 234 pt; 2 in is 144 pt; 200 px, 150 pt; else its own 450 pt
    assert sizes == [(234, 117), (288, 144), (150, 75), (450, 225)]


def test_newpage_starts_a_new_page_of_the_brief(tmp_path):
    shutil.copy(DEFAULT_ARTICLE.parent / "refs.json", tmp_path / "refs.json")
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: T\nnocite: '@*'\n---\n\nOne.\n\n\\newpage\n\nTwo.\n"
                       "\\pagebreak\n\nThree.\n\n{{< pagebreak >}}\n\n\\clearpage\n\n"
                       "::: {#refs}\n:::\n", encoding="utf-8")
    # Quarto's and LaTeX's; the two in a row make one, as in LaTeX.
    assert sum(isinstance(b, PageBreak) for b in source.read(article).blocks) == 3
    result = run_report("pdf", article, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    # The title page, then a page each; the reference list's own page break
    # and the breaks before it make one, not a blank page.
    assert [t.split("\n")[-1] for t in texts[1:4]] == ["One.", "Two.", "Three."]
    assert texts[4].split("\n")[1] == "References" and len(texts) == 5


SIMPLE_TABLE = """\
---
title: T
---

  Right     Left     Center     Default
-------     ------ ----------   -------
     12     12        12            12
    123     123       123          123

Table:  Demonstration of simple table syntax.

A heading, not a table
----------------------

Text.
"""


def test_a_simple_table_as_pandocs_manual_draws_it(tmp_path):
    (tmp_path / "article.md").write_text(SIMPLE_TABLE, encoding="utf-8")
    table, heading, _ = source.read(tmp_path / "article.md").blocks
    assert [plain_text(c) for c in table.header] == ["Right", "Left", "Center", "Default"]
    assert table.aligns == ["right", "left", "center", "left"]
    assert [[plain_text(c) for c in row] for row in table.rows] == [["12"] * 4, ["123"] * 4]
    assert plain_text(table.caption) == "Demonstration of simple table syntax."
    assert plain_text(heading.children) == "A heading, not a table"


CALLOUTS = """\
---
title: Callouts
---

::: {.callout-note}
## Its own title
A note [@smith2020].
:::

::: {.callout-warning title="Careful"}
A warning.
:::

::: callout-tip
A tip.
:::
"""


def test_a_caption_no_table_takes_is_left_as_written(tmp_path):
    (tmp_path / "article.md").write_text("---\ntitle: T\n---\n\nTable: a *b* c {#tbl-q}\n",
                                         encoding="utf-8")
    [para] = source.read(tmp_path / "article.md").blocks
    assert plain_text(para.children) == "Table: a b c {#tbl-q}"


def test_a_callout_of_any_blocks_builds_a_deck_and_handout(tmp_path):
    from pptx import Presentation
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n# A\n\nText.\n\n::: callout-tip\nTip prose.\n\n- a\n- b\n\n"
        "```\ncode\n```\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n---\n\n## Head\n:::\n",
        encoding="utf-8")
    for kind, name in (("slides", "deck.pptx"), ("handout", "handout.pdf")):
        result = run_report(kind, tmp_path / "article.md", "-o", tmp_path / name)
        assert result.returncode == 0, result.stderr
    notes = [s.notes_slide.notes_text_frame.text for s in Presentation(tmp_path / "deck.pptx")
             .slides if s.has_notes_slide]
    assert any("Tip prose." in n for n in notes)  # the callout's prose is the section's


def test_quarto_callouts_are_set_apart_under_their_titles(tmp_path):
    from report.model import Callout
    shutil.copy(DEFAULT_ARTICLE.parent / "refs.json", tmp_path / "refs.json")
    (tmp_path / "article.md").write_text(CALLOUTS.replace("smith2020", "cfr2025mexicoslongwar"),
                                         encoding="utf-8")
    doc = source.read(tmp_path / "article.md")
    assert [(b.kind, plain_text(b.title), len(b.blocks)) for b in doc.blocks
            if isinstance(b, Callout)] == [("note", "Its own title", 1),
                                          ("warning", "Careful", 1), ("tip", "", 1)]
    cite.resolve(doc)  # a citation inside is cited
    html = brief.render_html(doc)
    assert ('<aside class="callout note"><p class="callout-title">Its own title</p>'
            '<p>A note (<a href="#ref-cfr2025mexicoslongwar">CFR.org Editors, 2025</a>).</p>'
            '</aside>') in html
    assert '<p class="callout-title">Tip</p><p>A tip.</p>' in html  # its kind, as its title


def test_straight_quotes_left_alone_are_curled_as_pandoc_curls_them(tmp_path):
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n„Epidemie\" and 'tis, 5'10\" tall, \"quote\"s, '90s, "
        "`code \"x\" 'y'` and \"paired\" ones, don't.\n", encoding="utf-8")
    para, = source.read(tmp_path / "article.md").blocks
    assert plain_text(para.children) == (
        "„Epidemie\u201d and \u2019tis, 5\u201910\u201d tall, \u201cquote\u201ds, \u201990s, "
        "code \"x\" 'y' and \u201cpaired\u201d ones, don\u2019t.")


def test_a_closing_quote_after_a_citation_closes(tmp_path):
    shutil.copy(DEFAULT_ARTICLE.parent / "refs.json", tmp_path / "refs.json")
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n\"Vital [@toosi2025backfire]\" and more.\n\n"
        "```\nIntro.\n\n: Not a caption\n\n| a |\n|---|\n```\n", encoding="utf-8")
    para, code = source.read(tmp_path / "article.md").blocks
    assert plain_text(para.children).endswith("\u201d and more.")
    assert ": Not a caption" in code.text


def test_task_list_items_start_with_a_ballot_box_as_in_pandoc(tmp_path):
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n- [ ] open\n- [x] done\n- [X] Done\n- [ ]not a task\n\n"
        "1. [ ] numbered\n", encoding="utf-8")
    lists = source.read(tmp_path / "article.md").blocks
    assert [[plain_text(item[0].children) for item in block.items] for block in lists] == [
        ["\u2610 open", "\u2612 done", "\u2612 Done", "[ ]not a task"], ["\u2610 numbered"]]


def test_fenced_divs_nest_with_fences_of_one_length_as_in_pandoc(tmp_path):
    from report import fenceddivs, pipeline
    nested = ("::: {.outer}\n::: {.inner}\nText.\n:::\n:::\n\n:::: a\n::: b\n::: c\nDeep.\n"
              ":::\n:::\n::::\n")
    code = "\n```\n::: not a div\n:::\n```\n"
    assert fenceddivs.nested(nested + code).split("\n") == [
        ":::: {.outer}", "::: {.inner}", "Text.", ":::", "::::", "", "::::: a", ":::: b",
        "::: c", "Deep.", ":::", "::::", ":::::", "", "```", "::: not a div", ":::", "```", ""]
    (tmp_path / "article.md").write_text("---\ntitle: T\n---\n\n" + nested, encoding="utf-8")
    html = brief.render_html(pipeline.load(tmp_path / "article.md"))
    assert "Text." in html and "Deep." in html and ":::" not in html


def test_an_image_pasted_as_a_data_uri_is_shown_everywhere(tmp_path):
    """`![A](data:image/png;base64,…)`, as a notebook pastes it: a figure in
    the brief and a picture on the slide, from one file under build/.cache/;
    broken base64 is an error at its line, a long URI not echoed whole."""
    from PIL import Image
    picture = tmp_path / "red.png"
    Image.new("RGB", (40, 30), "red").save(picture)
    uri = "data:image/png;base64," + __import__("base64").b64encode(picture.read_bytes()).decode()
    picture.unlink()
    (tmp_path / "article.md").write_text(f"---\ntitle: T\n---\n\n# Red\n\n![A red box]({uri})\n",
                                         encoding="utf-8")
    for kind in ("pdf", "slides"):
        result = run_report(kind, tmp_path / "article.md", "-o", tmp_path / f"out.{kind}")
        assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        assert [round(i["width"] / i["height"], 2) for p in pdf.pages for i in p.images] == [1.33]
    from pptx import Presentation
    assert any(s.shape_type == 13 for slide in Presentation(tmp_path / "out.slides").slides
               for s in slide.shapes)
    [saved] = (tmp_path / "build" / ".cache" / "images").iterdir()
    assert saved.suffix == ".png"
    (tmp_path / "article.md").write_text(f"---\ntitle: T\n---\n\n![A](data:image/png;base64,"
                                         f"{'@' * 500})\n", encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "out.pdf")
    assert result.returncode == 1 and len(result.stderr) < 300, result.stderr


def test_quartos_conditional_content_as_a_pdf_has_it(tmp_path):
    """`.content-visible`/`.content-hidden` divs and spans: the article is a
    PDF's ("pdf" or "latex"), in the brief and on the deck's digest slide."""
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n# Part\n\n"
        "::: {.content-visible when-format=\"pdf\"}\nIn PDF.\n:::\n\n"
        "::: {.content-hidden when-format=\"pdf\"}\nHidden A.\n:::\n\n"
        "::: {.content-visible when-format=\"html\"}\nHidden B.\n:::\n\n"
        "::: {.content-hidden unless-format=\"latex\"}\nIn LaTeX.\n:::\n\n"
        "::: {.content-visible unless-format=\"pdf\"}\nHidden C.\n:::\n\n"
        "Words [hidden D]{.content-visible when-format=html}[kept]{.content-hidden "
        "when-format=\"html\"} here.\n", encoding="utf-8")
    out, deck = tmp_path / "b.pdf", tmp_path / "s.pptx"
    assert run_report("pdf", tmp_path / "article.md", "-o", out).returncode == 0
    assert run_report("slides", tmp_path / "article.md", "-o", deck).returncode == 0
    with pdfplumber.open(out) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    shown = " ".join(shape.text_frame.text for slide in Presentation(deck).slides
                     for shape in slide.shapes if shape.has_text_frame)
    for words in (text, shown):
        assert "In PDF." in words and "In LaTeX." in words and "Words kept here." in words
        assert "Hidden" not in words and "hidden" not in words


HEADING_REFERENCES = """\
---
title: T
---

# Method {#sec-m}

See [Results], [the findings][Results], [Results][] and [Pandoc's Way].
Not [a heading]. [Custom] is the article's own.^[A note: [Method].]

[Custom]: https://example.org

# Results

::: slide
- As in [Method]
:::

# Custom

# Pandoc's Way
"""


def _links(inlines):
    for node in inlines:
        if isinstance(node, Link):
            yield plain_text(node.children), node.url
        elif hasattr(node, "children"):
            yield from _links(node.children)


def test_brackets_naming_a_heading_link_to_it_as_in_pandoc(tmp_path):
    """pandoc's implicit_header_references: the brackets printed as written."""
    path = tmp_path / "article.md"
    path.write_text(HEADING_REFERENCES, encoding="utf-8")
    doc = source.read(path)
    assert list(_links(doc.blocks[1].children)) == [
        ("Results", "#results"), ("the findings", "#results"), ("Results", "#results"),
        ("Pandoc\u2019s Way", "#pandocs-way"), ("Custom", "https://example.org")]
    assert "[a heading]" in plain_text(doc.blocks[1].children)
    assert list(_links(doc.footnotes[0][0].children)) == [("Method", "#sec-m")]
    result = run_report("slides", path, "-o", tmp_path / "deck.pptx")
    assert result.returncode == 0, result.stderr
    texts = [shape.text_frame.text for slide in Presentation(tmp_path / "deck.pptx").slides
             for shape in slide.shapes if shape.has_text_frame]
    assert "As in Method" in texts


@pytest.mark.parametrize("lang", ["en-US", "de-DE"])
def test_brackets_find_headings_as_typeset_and_else_print_as_written(tmp_path, lang):
    """`[Pre--test results]` names the heading "Pre–test results" (dashes,
    ellipses, quotes as typeset); a bracket no heading answers (a `#` line
    in a comment) prints as written, never as a link to "#"."""
    path = tmp_path / "article.md"
    path.write_text(
        f"---\ntitle: T\nlang: {lang}\n---\n\nSee [Pre--test results], [Why?...], "
        "[\"Quoted\" one] and [Nowhere].\n\n<!--\n# Nowhere\n-->\n\n"
        "# Pre--test results\n\n# Why?...\n\n\"Quoted\" one\n---\n", encoding="utf-8")
    links = list(_links(source.read(path).blocks[0].children))
    assert [url for _, url in links] == ["#pretest-results", "#why", "#quoted-one"]
    out = tmp_path / "brief.html"
    assert run_report("html", path, "-o", out).returncode == 0
    html = out.read_text(encoding="utf-8")
    assert 'href="#"' not in html and "[Nowhere]" in html


def test_a_headings_attributes_with_a_quoted_value_are_taken_off(tmp_path):
    """`{#x .c key="v"}`: the typographer curled the quotes, and the whole
    printed with the heading."""
    path = tmp_path / "article.md"
    path.write_text("---\ntitle: T\n---\n\n# Explicit {#foobar .baz key=\"val\"}\n\nText.\n",
                    encoding="utf-8")
    heading = source.read(path).blocks[0]
    assert (plain_text(heading.children), heading.ident) == ("Explicit", "foobar")


SPAN_LINKS = """\
---
title: T
---

One [[underlined link]{.underline}](https://example.org/1) here.

Two [[styled]{custom-style="Hyperlink"}](https://example.org/2) here.

Three [[x]{.mark} and more](https://example.org/3).

Four [a [bracket] inside](https://example.org/4) here.
"""


def test_a_span_as_a_links_text_is_a_link_holding_it_as_in_pandoc(tmp_path):
    """pandoc writes a Word hyperlink with an underlined or styled run as
    `[[words]{.underline}](url)`: a link holding a span, not the brackets
    and the address as text."""
    path = tmp_path / "article.md"
    path.write_text(SPAN_LINKS, encoding="utf-8")
    out = tmp_path / "brief.pdf"
    assert run_report("pdf", path, "-o", out).returncode == 0
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[1]
        text = page.extract_text().splitlines()[2:]  # under the running head and title
        boxes = [(link["x0"], link["top"], link["x1"], link["bottom"], link["uri"])
                 for link in page.hyperlinks]  # one to each box: the span's own too
        # (a crop takes in the period touching a box too)
        linked = [(page.crop(box[:4]).extract_text().rstrip("."), box[4])
                  for box in dict.fromkeys(boxes)]
        underlined = {c["text"] for c in page.chars if any(
            abs(line["top"] - c["bottom"]) < 3 and line["x0"] <= c["x0"] < line["x1"]
            for line in page.lines + page.rects if line["height"] < 2)}
    assert list(dict.fromkeys(linked)) == [
        ("underlined link", "https://example.org/1"), ("styled", "https://example.org/2"),
        ("x and more", "https://example.org/3"), ("a [bracket] inside", "https://example.org/4")]
    assert set("underlinked") <= underlined and not {"x", "s", "y"} & underlined
    pandoc = pytest.importorskip("pypandoc")
    plain = subprocess.run([pandoc.get_pandoc_path(), "-t", "plain", "--wrap=none", path],
                           capture_output=True, text=True, encoding="utf-8", check=True).stdout
    assert text == [p for p in plain.splitlines() if p.strip()]


TRACKED = """\
A text with a[n excessively modified]{.deletion author="Ed" date="2024-01-01T00:00:00Z"} \
deletion and [two exciting]{.insertion author="Ed" date="2024-01-01T00:00:00Z"} insertions.

I want [a comment here]{.comment-start id="0" author="Ed" date="2024-01-01T00:00:00Z"}some \
text[]{.comment-end id="0"} here.

[A paragraph deleted.]{.deletion author="Ed" date="2024-01-01T00:00:00Z"}

The end, [inserted]{.insertion author="Ed" date="2024-01-01T00:00:00Z"}.
"""


def test_word_changes_tracked_print_as_accepted_and_are_said(tmp_path):
    """A .docx with tracked changes and comments (pandoc's docx writer
    makes one), converted with `--track-changes=all`: the brief prints it
    as pandoc reads it by default (`accept`): insertions, no deletions or
    comments; the first of each kind said at its line."""
    pandoc = pytest.importorskip("pypandoc").get_pandoc_path()
    (tmp_path / "tracked.md").write_text(TRACKED, encoding="utf-8")
    subprocess.run([pandoc, "tracked.md", "-o", "tracked.docx"], cwd=tmp_path, check=True)
    body = subprocess.run([pandoc, "tracked.docx", "--track-changes=all", "-t", "markdown"],
                          cwd=tmp_path, capture_output=True, text=True, encoding="utf-8",
                          check=True).stdout
    accepted = subprocess.run([pandoc, "tracked.docx", "-t", "plain", "--wrap=none"],
                              cwd=tmp_path, capture_output=True, text=True, encoding="utf-8",
                              check=True).stdout
    path = tmp_path / "article.md"
    path.write_text(f"---\ntitle: T\n---\n\n{body}", encoding="utf-8")
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        text = pdf.pages[1].extract_text().splitlines()[2:]  # under the running head and title
    assert text == [p for p in accepted.splitlines() if p.strip()]
    said = re.findall(r"article\.md:(\d+):(\d+): warning: (an insertion|a deletion|a Word "
                      r"comment)", result.stderr)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert sorted(kind for *_, kind in said) == ["a Word comment", "a deletion", "an insertion"]
    for line, column, kind in said:  # where its class is written
        at = lines[int(line) - 1][int(column) - 1:]
        assert at.startswith({"a deletion": ".deletion", "an insertion": ".insertion",
                              "a Word comment": ".comment-start"}[kind])
    assert "--track-changes=accept" in result.stderr
