"""Pandoc's metadata outside the front matter: the '%' title block that
opens older Pandoc articles (pandoc's own test suite among them), and YAML
metadata blocks further down the text. What each test expects is what
pandoc 3.9 reads from the same file (`pandoc -s -t native`)."""

from __future__ import annotations

import pdfplumber
from conftest import run_report

from report import source
from report.model import BulletList, Rule, plain_text


def _read(tmp_path, text: str):
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    return source.read(path)


def _names(doc) -> list[str]:
    return [author.name for author in doc.meta.authors]


def test_a_title_block_gives_title_authors_and_date(tmp_path):
    doc = _read(tmp_path, "% A Title *in Part*\n  on Two Lines\n% Ana Fulana; Bo Beltrano\n"
                          "  Cy Ciclano\n% 2 March 2021\n\nThe text.\n")
    assert plain_text(doc.meta.title) == "A Title in Part on Two Lines"
    assert _names(doc) == ["Ana Fulana", "Bo Beltrano", "Cy Ciclano"]
    assert doc.meta.date == "2 March 2021"
    assert [plain_text(b.children) for b in doc.blocks] == ["The text."]


def test_a_title_blocks_empty_line_leaves_its_field_out(tmp_path):
    doc = _read(tmp_path, "% Only a Title\n%\n% 2021\n\nText.\n")
    assert plain_text(doc.meta.title) == "Only a Title"
    assert doc.meta.authors == []


def test_the_brief_of_a_title_block_article_has_its_title_page(tmp_path):
    (tmp_path / "article.md").write_text("% Pandoc Test Suite\n% John MacFarlane; Anonymous\n"
                                         "% July 17, 2006\n\n# Headers\n\nText.\n",
                                         encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "b.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "b.pdf") as pdf:
        first = pdf.pages[0].extract_text()
    assert "Pandoc Test Suite" in first and "John MacFarlane and Anonymous" in first


def test_a_yaml_block_in_the_text_is_metadata_and_a_later_one_wins(tmp_path):
    doc = _read(tmp_path, "---\ntitle: First\n---\n\nText.\n\n---\nabstract: The abstract.\n"
                          "title: Second\n...\n\nMore.\n\n---\ntitle: Third\n---\n")
    assert plain_text(doc.meta.title) == "Third"
    assert [plain_text(b.children) for b in doc.meta.abstract] == ["The abstract."]
    assert [plain_text(b.children) for b in doc.blocks] == ["Text.", "More."]


def test_a_title_block_then_a_yaml_block(tmp_path):
    doc = _read(tmp_path, "% The Title\n% Ana Fulana\n\n---\nabstract: Short.\n---\n\nText.\n")
    assert plain_text(doc.meta.title) == "The Title" and _names(doc) == ["Ana Fulana"]
    assert [plain_text(b.children) for b in doc.meta.abstract] == ["Short."]


def test_dashes_that_hold_no_mapping_or_sit_in_code_are_text(tmp_path):
    doc = _read(tmp_path, "---\ntitle: T\n---\n\nText.\n\n---\n\n- after a rule\n\n```\n---\n"
                          "title: code\n---\n```\n\n---\njust words\n---\n")
    assert plain_text(doc.meta.title) == "T"
    assert isinstance(doc.blocks[1], Rule) and isinstance(doc.blocks[2], BulletList)
    assert doc.blocks[3].text.strip() == "---\ntitle: code\n---"
    assert "just words" in repr(doc.blocks[4:])


def test_a_yaml_block_pandoc_cannot_read_is_text_with_a_warning(tmp_path):
    (tmp_path / "article.md").write_text("---\ntitle: T\n---\n\nText.\n\n---\nSee: [this\n---\n"
                                         "\nMore.\n", encoding="utf-8")
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "b.html")
    assert result.returncode == 0, result.stderr
    assert "article.md:7:1: warning: pandoc reads this '---' block as YAML metadata" \
        in result.stderr


def test_an_error_in_a_later_block_names_its_line(tmp_path):
    (tmp_path / "article.md").write_text("---\ntitle: T\n---\n\nText.\n\n---\nabstract: A.\n"
                                         "lang: 12\n---\n", encoding="utf-8")
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "b.html")
    assert result.returncode == 1
    assert "article.md:9:1: 'lang' is not a language tag" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_title_block_without_a_title_says_where_to_write_it(tmp_path):
    """The hint for the '%' form, which has no '---' lines to write between."""
    (tmp_path / "article.md").write_text("%\n% Ana Fulana\n\nText.\n", encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "b.pdf")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "article.md:1:1: the front matter has no title" in result.stderr
    assert "first '%' line" in result.stderr and "'---'" not in result.stderr
