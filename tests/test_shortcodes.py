"""Quarto's shortcodes, expanded as Quarto expands them (report/shortcodes.py)."""

from __future__ import annotations

import pytest
from conftest import run_report

from report import source
from report.model import Code, Emph, Link, PageBreak, Text, plain_text

FRONT = "---\ntitle: The *Title*\ncourse: PSY 101\nauthor:\n  - Ann Lee\n  - Bo Park\n" \
        "slides:\n  theme: default\n---\n\n"


def _blocks(tmp_path, text: str) -> list:
    (tmp_path / "article.md").write_text(FRONT + text + "\n", encoding="utf-8")
    return source.read(tmp_path / "article.md").blocks


def test_meta_var_and_env_print_their_values(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_TEST_TERM", "fall")
    (tmp_path / "_variables.yml").write_text("lab:\n  name: Sleep *Lab*\n", encoding="utf-8")
    para, = _blocks(tmp_path, "{{< meta title >}} for {{< meta course >}} by {{< meta author >}}"
                            ", {{< var lab.name >}}, {{< env REPORT_TEST_TERM >}} "
                            "{{< env REPORT_TEST_UNSET 2026 >}}, {{< meta slides.theme >}}.")
    assert plain_text(para.children) == "The Title for PSY 101 by Ann Lee, Bo Park, " \
                                        "Sleep Lab, fall 2026, default."
    assert para.children[1] == Emph([Text("Title")])  # a value is read as Markdown


def test_kbd_video_and_escapes(tmp_path):
    para, = _blocks(tmp_path, "Press {{< kbd Ctrl-C >}} or {{< kbd mac=Cmd-C >}}; watch "
                            "{{< video https://example.org/v.mp4 >}}; write {{{< meta title >}}}.")
    assert Code("Ctrl-C") in para.children and Code("Cmd-C") in para.children
    assert Link([Text("https://example.org/v.mp4")], "https://example.org/v.mp4") \
        in para.children
    assert plain_text(para.children).endswith("write {{< meta title >}}.")


def test_pagebreak_is_left_to_the_reader(tmp_path):
    blocks = _blocks(tmp_path, "One.\n\n{{< pagebreak >}}\n\nTwo.")
    assert isinstance(blocks[1], PageBreak)


def test_pagebreak_among_words_is_left_out_and_said(tmp_path):
    import pdfplumber
    (tmp_path / "article.md").write_text(
        FRONT + "Some text {{< pagebreak >}} inline, and {{< lipsum 1 >}} here.\n\n"
        "{{< pagebreak >}}\n\nNext page.\n", encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert "article.md:11:11: warning: the shortcode 'pagebreak' among words is left out" \
        in result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    page = next(text for text in pages if "Some text" in text)
    assert "Some text inline, and here." in page and "Next page." not in page
    assert "{{<" not in "".join(pages) and any("Next page." in text for text in pages)


def test_another_shortcode_is_left_out_and_said(tmp_path, capsys):
    para, = _blocks(tmp_path, "A {{< lipsum 2 >}} b {{< placeholder 400 >}}")
    assert plain_text(para.children) == "A b"
    err = capsys.readouterr().err
    assert "article.md:11:3: warning: the shortcode 'lipsum' is left out" in err
    assert "article.md:11:22: warning: the shortcode 'placeholder' is left out" in err


@pytest.mark.parametrize("text,message", [
    ("x {{< meta nokey >}}", "11:3: 'nokey' is not in the front matter"),
    ("{{< meta author.5 >}}", "11:1: 'author.5' is not in the front matter"),
    ("{{< meta >}}", "11:1: 'meta' names no key"),
    ("{{< var lab >}}", "11:1: '{{< var lab >}}' needs a _variables.yml"),
    ("{{< env REPORT_TEST_UNSET >}}", "11:1: the environment variable 'REPORT_TEST_UNSET'"),
    ("{{< include other.qmd >}}", "11:1: '{{< include other.qmd >}}': report reads one file"),
])
def test_what_cannot_be_expanded_is_an_error(tmp_path, text, message):
    (tmp_path / "article.md").write_text(FRONT + text + "\n", encoding="utf-8")
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "out.html")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"article.md:{message}" in result.stderr
    assert not (tmp_path / "out.html").exists()


def test_values_print_as_written_and_today_as_the_date(tmp_path):
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\ndate: today\nversion: 1.10\nroom: 0144\nstart: 12:30\nok: yes\n"
        "who: {family: Ray, given: Bob}\n---\n\n{{< meta version >}} {{< meta room >}} "
        "{{< meta start >}} {{< meta ok >}} {{< meta who >}} {{< meta date >}}\n",
        encoding="utf-8")
    doc = source.read(tmp_path / "article.md")
    assert plain_text(doc.blocks[0].children) == f"1.10 0144 12:30 yes Bob Ray {doc.meta.date}"


def test_commented_out_shortcodes_stay_out_and_odd_quotes_are_words(tmp_path):
    blocks = _blocks(tmp_path, "<!-- {{< include a.qmd >}} -->\n\n<!--\n{{< include b.qmd >}}\n"
                               "-->\n\nPress {{< kbd don't >}}.")
    assert [plain_text(b.children) for b in blocks] == ["Press don't."]


def test_front_matter_shortcodes_and_keys_only_meta_prints(tmp_path, capsys):
    (tmp_path / "article.md").write_text(
        "---\ntitle: \"The {{< meta course >}}\"\nlab: Sleep\n---\n\n{{< meta lab >}}\n",
        encoding="utf-8")
    source.read(tmp_path / "article.md")
    err = capsys.readouterr().err
    assert "article.md:2:13: warning: a shortcode in the front matter is printed as written" \
        in err
    assert "'lab'" not in err  # printed by the text: no "unknown front-matter key"


def test_a_mapping_is_no_value(tmp_path):
    (tmp_path / "article.md").write_text(FRONT + "{{< meta slides >}}\n", encoding="utf-8")
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "out.html")
    assert result.returncode == 1
    assert "article.md:11:1: 'slides' is a mapping, not a value to print" in result.stderr


def test_watch_rebuilds_on_a_save_of_the_variables(tmp_path):
    from report import watch
    (tmp_path / "_variables.yml").write_text("v: 1\n", encoding="utf-8")
    (tmp_path / "article.md").write_text(FRONT + "{{< var v >}}\n", encoding="utf-8")
    doc = source.read(tmp_path / "article.md")
    assert (tmp_path / "_variables.yml").resolve() in watch.inputs_of(doc)
