"""TeX macros an article defines, expanded as pandoc's latex_macros expands
them (report/texmacros.py): in math, the TeX pandoc hands its writers; among
words, the TeX it passes to LaTeX output, which report reads as words."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pypandoc
import pytest
from conftest import brief_of, pandoc_words, pdf_text

from report import markdown, source
from report.model import plain_text

PANDOC = Path(pypandoc.__file__).parent / "files" / "pandoc"
pytestmark = pytest.mark.skipif(not PANDOC.exists(), reason="pandoc is not installed")

MATH = [
    "\\newcommand{\\R}{\\mathbb{R}}\n\\newcommand{\\E}{\\operatorname{E}}\n\n"
    "Let $x \\in \\R$ and $\\E[x] = 0$.",
    "Intro.\n\\newcommand{\\R}{\\mathbb{R}}\nLet $x \\in \\R$ hold.",  # inside a paragraph
    "\\newcommand\\parenthesize[1][x]{(#1)}\n$\\parenthesize$, $\\parenthesize[y]$.",
    "\\newcommand{\\two}[2]{#2-#1}\n$\\two{a}{b}$ and $\\two ab$ and $\\two{\\alpha}c$.",
    "\\newcommand{\\vara}{\\alpha}\n\\newcommand{\\varb}{b}\n$\\vara \\varb$ $\\vara\\varb$",
    "\\def\\foo#1{[#1]}\n\\providecommand{\\pp}{P}\n\\providecommand{\\foo}{no}\n"
    "$\\foo{a} \\pp$",
    "\\newcommand*{\\st}{S}\n\\newcommand{\\nest}{\\st\\st}\n$\\nest$\n\n"
    "\\renewcommand{\\st}{Q}\n$\\nest$ `\\st`\n\n$$\\nest$$",
    "\\DeclareMathOperator{\\Var}{Var}\n\\let\\V\\Var\n$\\Var(x) = \\V(x)$",
    "$\\R$ before its definition.\n\n\\newcommand{\\R}{\\mathbb{R}}\n$\\R$",
    # Delimited parameters: to a full stop, in parentheses; a group's braces
    # dropped; a use without its delimiter left as written.
    "\\def\\foo#1.{[#1]}\n\\def\\bar#1#2{(#1,#2)}\n\n$\\foo ab. c$, $\\bar12$, $\\bar x y$.",
    "\\def\\pair(#1,#2){\\langle #1 \\mid #2\\rangle}\n\\def\\foo#1.{[#1]}\n\n"
    "$\\pair(a,b) + \\pair({x,y},z)$ and $\\foo {a.b}. + \\foo a{.}b.$ and $\\foo x$.",
    "\\def\\sq#1{#1^2}\n\\newcommand{\\mb}[1]{\\mathbf{#1}}\n\n"
    "$\\mb x + \\frac12$ $\\mb\\alpha$ $\\sq x \\sq{yy}$ $\\sq\\alpha$",
]


def _pandoc(text: str) -> dict:
    out = subprocess.run([str(PANDOC), "-f", "markdown", "-t", "json"], input=text,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def _walk(node, kind: str):
    if isinstance(node, dict):
        if node.get("t") == kind:
            yield node["c"]
        yield from _walk(node.get("c"), kind)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item, kind)


def _report_math(text: str) -> list[str]:
    found = []
    for token in markdown.parse(text):
        for child in [token, *(token.children or [])]:
            if child.type.startswith("math_"):
                found.append(child.content)
    return found


@pytest.mark.parametrize("text", MATH)
def test_math_macros_expand_as_pandoc_expands_them(text):
    """`$x \\in \\R$` printed "x ∈" and a warning: the definition was left out."""
    theirs = [" ".join(tex.split()) for _, tex in _walk(_pandoc(text)["blocks"], "Math")]
    ours = [" ".join(tex.split()) for tex in _report_math(text)]
    assert ours == theirs


ENVIRONMENTS = [
    "\\newenvironment{myenv}{\\begin{aligned}}{\\end{aligned}}\n\n"
    "$\\begin{myenv} a &= b \\end{myenv}$ and $$\\begin{myenv}x\\end{myenv}$$",
    "\\newenvironment{boxed}[1]{\\left[#1}{\\right]}\n\\newenvironment{note}{N:}{!}\n\n"
    "$\\begin{boxed}{q} z \\begin{note} y \\end{note}\\end{boxed}$",
    "\\newenvironment{opt}[2][o]{(#1,#2}{)}\n\n$\\begin{opt}{a} x \\end{opt} "
    "\\begin{opt}[p]{b} y \\end{opt}$ $\\begin{opt}{c} never ended$",
]


@pytest.mark.parametrize("text", ENVIRONMENTS)
def test_math_environments_expand_as_pandoc_expands_them(text):
    """`\\newenvironment` was left out with a warning, and its uses in math
    set as rows of an unknown environment. pandoc's `\\bgroup`…`\\egroup` is a
    group here: math sets them alike."""
    theirs = [" ".join(tex.replace("\\bgroup", "{").replace("\\egroup", "}").split())
              for _, tex in _walk(_pandoc(text)["blocks"], "Math")]
    ours = [" ".join(tex.split()) for tex in _report_math(text)]
    assert [t.replace(" ", "") for t in ours] == [t.replace(" ", "") for t in theirs]


TEXT = [
    "\\newcommand{\\myFruit}{Mango\\xspace}\n\\myFruit is the king of fruits.",
    "\\newcommand{\\one}[1]{#1}\n\\newcommand{\\two}[1]{#1}\n\n"
    "Formatting *is* working. But sticking \\one{two }\\two{commands} together.",
    "Intro. \\newcommand{\\x}{y} more \\x and \\x.",
    "\\newcommand{\\who}[1]{Dr.~#1}\nAsk \\who{Smith} now.",
    # A delimited `\\def` and an environment's definition print nothing ("#1.{[#1]}" did).
    "\\def\\foo#1.{[#1]}\n\\newenvironment{note}{N}{!}\n\nWords here.",
]


def _pandoc_words(inlines) -> str:
    """Pandoc's words, its raw TeX (a macro's expansion) among them, as
    LaTeX prints them; a definition and code print nothing."""
    def other(kind, content):
        if kind == "RawInline":
            return "" if content[1].startswith("\\newcommand") else content[1].replace("~", " ")
        if kind in ("Emph", "Strong"):
            return pandoc_words(content, other)
        return None if kind in ("Str", "Space", "SoftBreak") else ""
    return pandoc_words(inlines, other)


@pytest.mark.parametrize("text", TEXT)
def test_text_macros_print_their_words(tmp_path, text, capsys):
    """`\\myFruit is the king of fruits.` printed "is the king of fruits."
    and a warning: the macro's words were lost."""
    paras = [b["c"] for b in _pandoc(text)["blocks"] if b["t"] == "Para"]
    (tmp_path / "article.md").write_text(f"---\ntitle: T\n---\n\n{text}\n", encoding="utf-8")
    ours = [plain_text(b.children) for b in source.read(tmp_path / "article.md").blocks]
    assert [" ".join(t.replace("\u00a0", " ").split()) for t in ours] == \
        [_pandoc_words(p) for p in paras]
    assert "warning" not in capsys.readouterr().err


def test_a_macro_prints_in_the_brief(tmp_path):
    pdf = brief_of(tmp_path, "---\ntitle: Macros\n---\n\n"
                   "\\newcommand{\\R}{\\mathbb{R}}\n\\newcommand{\\tool}{Stata\\xspace}\n\n"
                   "Let $x \\in \\R$ be read by \\tool here.\n")
    text = pdf_text(pdf, 1)
    assert "x ∈ ℝ" in text and "by Stata here" in text
    assert "newcommand" not in text


def test_a_math_macro_among_words_is_named_where_it_is_written(tmp_path, capsys):
    """Its expansion, `\\mathbb{R}`, prints nothing among words (as in pandoc's
    HTML): the warning names the use, on its line and column, not TeX the
    article never wrote."""
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n\\newcommand{\\R}{\\mathbb{R}}\n\nReal \\R here, and in a "
        "note.^[Also $\\R$ and \\R.]\n", encoding="utf-8")
    document = source.read(tmp_path / "article.md")
    assert plain_text(document.blocks[0].children[:1]) == "Real  here, and in a note."
    assert plain_text(document.footnotes[0][0].children) == "Also ℝ and ."
    said = capsys.readouterr().err
    assert "article.md:7:6: warning: the TeX command '\\R' is left out" in said
    assert "mathbb" not in said
