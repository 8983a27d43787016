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
