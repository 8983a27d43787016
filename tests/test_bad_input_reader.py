"""Bad input a reviewer found (review 15): read as pandoc reads it, or
refused with a message naming file:line and what to do, never silently
wrong and never an internal error."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pdfplumber

from conftest import run_report

REFS = [{"id": "smith2020", "type": "book", "title": "A book",
         "author": [{"family": "Smith", "given": "Ann"}], "issued": {"date-parts": [[2020]]},
         "publisher": "Press"}]


def project(tmp_path: Path, article: str, refs=REFS) -> Path:
    folder = tmp_path / "paper"
    folder.mkdir(exist_ok=True)
    (folder / "refs.json").write_text(json.dumps(refs), encoding="utf-8")
    path = folder / "article.md"
    path.write_text(article, encoding="utf-8")
    return path


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


# --- an unclosed code fence --------------------------------------------------

UNCLOSED = ("---\ntitle: Fences\n---\n\nIntro.\n\n- item\n\n  ~~~\n  code in item\n\n"
            "> quote\n>\n> ```\n> quoted code\n\n```\nstray code\n\n# Later Heading\n\n"
            "Later text cites @smith2020.\n")


def test_an_unclosed_fence_is_text_as_in_pandoc_and_warned(tmp_path):
    article = project(tmp_path, UNCLOSED)
    out = article.parent / "brief.html"
    result = run_report("html", article, "-o", out)
    assert result.returncode == 0, result.stderr
    for line, fence in ((9, "~~~"), (14, "```"), (17, "```")):
        column = UNCLOSED.splitlines()[line - 1].find(fence) + 1
        assert re.search(rf"article\.md:{line}:{column}: warning: the {fence} fence opened here "
                         rf"is never closed; .*close it with a line of {fence}",
                         result.stderr), result.stderr
    html = out.read_text(encoding="utf-8")
    # pandoc 3.9: no code block at all; the heading a heading, the citation cited
    assert "<pre" not in html
    assert re.search(r"<h\d[^>]*>\s*Later Heading\s*</h\d>", html), html
    assert "Smith, 2020" in html or "Smith (2020)" in html


def test_a_closed_fence_stays_code_without_a_warning(tmp_path):
    article = project(tmp_path, "---\ntitle: Fences\n---\n\n```\n# not a heading\n```\n\nText.\n")
    out = article.parent / "brief.pdf"
    result = run_report("pdf", article, "-o", out)
    assert result.returncode == 0 and "never closed" not in result.stderr, result.stderr
    assert "# not a heading" in pdf_text(out)
