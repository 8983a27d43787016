"""Raw HTML and raw TeX in a paragraph: the tags and commands that style
text read as the model's inlines; any other left out, its words kept (a
tag) or named in a warning (a command)."""

from __future__ import annotations

import pdfplumber
import pytest
from conftest import brief_of, pdf_text, run_report
from pptx import Presentation

from report import source
from report.model import (DisplayMath, Emph, Equation, LineBreak, Link, PageBreak, Para, SmallCaps,
                          Strikeout, Strong, Subscript, Superscript, Text, Underline, plain_text)


def _inlines(tmp_path, text: str) -> list:
    (tmp_path / "article.md").write_text(f"---\ntitle: T\n---\n\n{text}\n", encoding="utf-8")
    return source.read(tmp_path / "article.md").blocks[0].children


@pytest.mark.parametrize("text,expected", [
    ("H<sub>2</sub>O", [Text("H"), Subscript([Text("2")]), Text("O")]),
    ("mc<sup>2</sup>", [Text("mc"), Superscript([Text("2")])]),
    ("<em>a *b*</em>", [Emph([Text("a "), Emph([Text("b")])])]),
    ("<i>a</i><b>b</b><strong>c</strong>", [Emph([Text("a")]), Strong([Text("b")]),
                                            Strong([Text("c")])]),
    ("<u>a</u> <del>b</del>", [Underline([Text("a")]), Text(" "), Strikeout([Text("b")])]),
    ('<span class="smallcaps">Abc</span>', [SmallCaps([Text("Abc")])]),
    ('<a href="https://example.org">site</a>', [Link([Text("site")], "https://example.org")]),
    ("a<br>b<br/>c", [Text("a"), LineBreak(), Text("b"), LineBreak(), Text("c")]),
    ("<mark>kept</mark> <i>never closed", [Text("kept never closed")]),
    ("x < y > z and <https://example.org>", None),  # no tags: as before
    ("if x<y and y>z then List<String> to <John Smith>",  # not HTML's elements: words
     [Text("if x<y and y>z then List<String> to <John Smith>")]),
    ('<span title="a>b">t</span>', [Text("t")]),
    # no link where markdown-it would make none: a script's address, a link in a link
    ('<a href="javascript:alert(1)">x</a> \\href{javascript:go()}{y}', [Text("x y")]),
    ('[a <a href="https://u.org">b</a>](https://v.org)', [Link([Text("a b")], "https://v.org")]),
    (r"\LaTeX{} and \TeX", [Text("LaTeX and TeX")]),
    (r"\emph{a} \textbf{b} \textsc{c}", [Emph([Text("a")]), Text(" "), Strong([Text("b")]),
                                         Text(" "), SmallCaps([Text("c")])]),
    (r"\href{https://example.org}{the *site*}",
     [Link([Text("the "), Emph([Text("site")])], "https://example.org")]),
    (r"\url{https://example.org/a}", [Link([Text("https://example.org/a")],
                                           "https://example.org/a")]),
    (r"\* and \_ stay escapes", [Text("* and _ stay escapes")]),
])
def test_styling_tags_and_commands_become_inlines(tmp_path, text, expected):
    found = _inlines(tmp_path, text)
    if expected is None:
        assert plain_text(found) == "x < y > z and https://example.org"
    else:
        assert found == expected


def test_other_tex_is_left_out_and_named(tmp_path, capsys):
    found = _inlines(tmp_path, "One line.\nThen \\vspace{1em}two and \\cite{key}.")
    assert plain_text(found) == "One line. Then two and ."
    said = capsys.readouterr().err
    assert "article.md:6:6: warning: the TeX command '\\vspace{1em}' is left out" in said
    assert "'\\cite{key}' is left out" in said



def test_a_command_with_options_after_its_arguments_is_left_out_whole(tmp_path, capsys):
    """`\\newtheorem{tuple}[1]{…}{…}` printed "[1]{ #1 }" after the command
    went. (A macro's or an environment's definition prints nothing, and says
    nothing: tests/test_texmacros.py.)"""
    found = _inlines(tmp_path, "\\newtheorem{tuple}[1]{\\langle #1}{\\rangle} Words.")
    assert plain_text(found) == "Words."
    assert "'\\newtheorem{tuple}[1]{\\langle #1}{\\rangle}' is left out" \
        in capsys.readouterr().err

ARTICLE = """\
---
title: Raw
---

Water is H<sub>2</sub>O and \\emph{energy} is mc<sup>2</sup>.

::: slide
## Formulas
- Water is H<sub>2</sub>O, \\textbf{always}
:::
"""


def test_every_output_shows_them(tmp_path):
    (tmp_path / "article.md").write_text(ARTICLE, encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        page = pdf.pages[1]
        text, chars = page.extract_text(), page.chars
    assert "Water is H O and energy is mc2." in text  # the subscript sits lower
    small = [c["text"] for c in chars if c["size"] < 10]
    assert small == ["2", "2"]  # sub- and superscript, set small

    result = run_report("slides", tmp_path / "article.md", "-o", tmp_path / "deck.pptx")
    assert result.returncode == 0, result.stderr
    runs = [(r.text, r.font.bold, r.font._rPr.get("baseline"))
            for slide in Presentation(tmp_path / "deck.pptx").slides
            for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for r in p.runs]
    assert ("2", None, "-25000") in [(t, None, b) for t, _, b in runs]
    assert ("always", True) in [(t, bold) for t, bold, _ in runs]


def test_html_lines_of_their_own(tmp_path):
    (tmp_path / "article.md").write_text(
        '---\ntitle: T\n---\n\nBefore.\n\n<div style="page-break-after: always;"></div>\n\n'
        'After.\n\n<br>\n\n<div align="center">\nCentered.\n</div>\n', encoding="utf-8")
    blocks = source.read(tmp_path / "article.md").blocks
    assert blocks == [Para([Text("Before.")]), PageBreak(), Para([Text("After.")]),
                      Para([Text("Centered.")])]  # the old page-break idiom; tags alone, gone


def test_a_latex_display_environment_is_display_math(tmp_path):
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n\\begin{equation}\nE = mc^2 \\label{eq-e}\n\\end{equation}\n\n"
        "\\begin{align*}\na &= b \\\\\nc &= d\n\\end{align*}\n", encoding="utf-8")
    first, second = source.read(tmp_path / "article.md").blocks
    assert isinstance(first, Equation) and (first.ident, first.number) == ("eq-e", 1)
    assert plain_text(first.children) == "E = mc2"
    assert second.children[-1] == Emph([Text("d")]) and LineBreak() in second.children
    assert plain_text(second.children) == "a = b c = d"  # its rows, a line each


@pytest.mark.parametrize("name", ["eqnarray", "eqnarray*", "alignat", "alignat*", "flalign",
                                  "flalign*", "dmath", "multline*", "gather*"])
def test_every_display_environment_pandoc_reads_as_math_is_an_equation(tmp_path, name, capsys):
    """`eqnarray`, `alignat`, `flalign` were left out with a warning, as a
    TeX block; `alignat`'s column count printed as a "2"."""
    spec = "{2}" if name.startswith("alignat") else ""
    (tmp_path / "article.md").write_text(
        f"---\ntitle: T\n---\n\nText.\n\n\\begin{{{name}}}{spec}\na &= b + c \\\\\n"
        f"d &= e\n\\end{{{name}}}\n\nAfter.\n", encoding="utf-8")
    before, equation, after = source.read(tmp_path / "article.md").blocks
    assert isinstance(equation, Equation) and LineBreak() in equation.children
    assert plain_text(equation.children) == "a = b + c d = e"  # its rows, a line each
    assert "warning" not in capsys.readouterr().err


@pytest.mark.parametrize("group,inner", [("dgroup", "dmath"), ("subequations", "equation")])
def test_a_group_of_display_environments_sets_each_on_its_line(tmp_path, group, inner, capsys):
    """breqn's `dgroup` and amsmath's `subequations` hold equations: they ran
    together ("a = bc = d")."""
    (tmp_path / "article.md").write_text(
        f"---\ntitle: T\n---\n\n\\begin{{{group}}}\n\\begin{{{inner}}}\na = b\n"
        f"\\end{{{inner}}}\n\\begin{{{inner}}}\nc = d\n\\end{{{inner}}}\n"
        f"\\end{{{group}}}\n", encoding="utf-8")
    [equation] = source.read(tmp_path / "article.md").blocks
    assert isinstance(equation, Equation) and equation.children.count(LineBreak()) == 1
    assert plain_text(equation.children) == "a = b c = d"
    assert "warning" not in capsys.readouterr().err


def test_math_environments_among_words(tmp_path, capsys):
    """TeX's `math` environment is inline math (it was left out, a TeX block,
    and among words its TeX printed); a display one among words is display math."""
    found = _inlines(tmp_path, "The formula\n\\begin{math}\nx = y\n\\end{math}\nis inline "
                     "and\n\\begin{eqnarray*}\na & = & b\n\\end{eqnarray*}\nis not.")
    assert plain_text(found) == "The formula x = y is inline and a = b is not."
    assert any(isinstance(node, DisplayMath) for node in found)
    assert "warning" not in capsys.readouterr().err
    alone = _inlines(tmp_path, "\\begin{math}\na + b\n\\end{math}")
    assert plain_text(alone) == "a + b"


def test_an_eqnarray_and_a_macro_in_the_brief(tmp_path):
    pdf = brief_of(tmp_path, "---\ntitle: Equations\n---\n\n\\newcommand{\\R}{\\mathbb{R}}\n\n"
                   "\\begin{eqnarray}\ny & = & \\beta x \\\\\nx & \\in & \\R\n"
                   "\\end{eqnarray}\n\n\\begin{flalign*}\nf(x) &= x & g(x) &= y\n"
                   "\\end{flalign*}\n\nAfter.\n")
    lines = pdf_text(pdf, 1).split("\n")
    assert "y = βx" in lines and "x ∈ ℝ" in lines  # a row to a line
    assert "f(x) = x g(x) = y" in lines  # two equations on a row: apart ("xg(x)")


def test_raw_attribute_spans_read_html_and_leave_other_formats_out(tmp_path):
    """Pandoc's `` `<b>bold</b>`{=html} `` is HTML, read as tags among words
    are; a `{=latex}` or `{=openxml}` span is left out, as pandoc leaves it
    out of HTML (both printed as written, "<b>bold</b>{=html}")."""
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\nInline `<b>bold</b>`{=html} and `\\textbf{y}`{=latex} "
        "`<w:r/>`{=openxml} here, `code` kept.\n", encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        page = pdf.pages[1]
        text = page.extract_text()
        bold = "".join(c["text"] for c in page.chars if "Bold" in c["fontname"])
    assert "Inline bold and here, code kept." in text
    assert bold == "T" + "bold"  # the title, then the raw HTML's <b>
    assert "warning" not in result.stderr
