"""Inputs of the kinds pandoc's own citeproc regression tests hold
(test/command/pandoc-citeproc-*.md: inline `references:` written by hand,
old pandoc-citeproc forms, styles with bare labels), written anew here.

Each article is built with `report html`; its paragraphs and reference
entries are read back from the page and compared with what is written down
here, which is pandoc 3.9's output (`pandoc --citeproc -t plain`), and with
that pandoc itself when pypandoc_binary is installed.
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import run_report


class _Blocks(HTMLParser):
    """The text of each paragraph of the brief's body and reference list."""

    def __init__(self):
        super().__init__()
        self.blocks: list[str] = []
        self.open = 0  # depth inside a <p> of <main> or the references

    def handle_starttag(self, tag, attrs):
        if self.open:
            self.open += tag == "p"
        elif tag == "p":
            self.open, _ = 1, self.blocks.append("")

    def handle_endtag(self, tag):
        if self.open and tag == "p":
            self.open -= 1

    def handle_data(self, data):
        if self.open:
            self.blocks[-1] += data


def report_text(tmp_path: Path, article: str, **files: str) -> list[str]:
    """The brief's paragraphs and reference entries, as text."""
    for name, text in {"article.md": article, **files}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "brief.html")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "brief.html").read_text(encoding="utf-8")
    body = page[page.index("<main"):]
    parser = _Blocks()
    parser.feed(body)
    return [re.sub(r"\s+", " ", b).strip() for b in parser.blocks if b.strip()]


def pandoc_text(tmp_path: Path) -> list[str] | None:
    """pandoc's paragraphs for the same article, or None without pandoc."""
    try:
        import pypandoc
    except ImportError:
        return None
    out = subprocess.run([pypandoc.get_pandoc_path(), "--citeproc", "-t", "plain",
                          "--wrap=none", "article.md"], cwd=tmp_path, capture_output=True,
                         text=True, encoding="utf-8", check=True).stdout
    return [re.sub(r"\s+", " ", p).strip() for p in out.split("\n\n") if p.strip()]


def check(tmp_path: Path, article: str, expected: list[str], **files: str) -> None:
    assert report_text(tmp_path, article, **files) == expected
    pandoc = pandoc_text(tmp_path)
    if pandoc is not None:
        assert pandoc == expected


# A style whose labels stand alone, outside any test of their variable, as
# MHRA's page label does.
BARE_LABELS = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Bare labels</title><id>bare</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout prefix="(" suffix=")" delimiter="; ">
      <text variable="title"/>
      <label variable="locator" form="short" prefix=", " suffix=" "/>
      <text variable="locator"/>
    </layout>
  </citation>
  <bibliography>
    <layout suffix=".">
      <text variable="title"/>
      <label variable="page" form="short" prefix=", " suffix=" "/>
      <text variable="page"/>
      <label variable="volume" form="short" prefix=", " suffix=" "/>
      <text variable="volume"/>
    </layout>
  </bibliography>
</style>
"""


def test_a_label_of_an_empty_variable_prints_nothing(tmp_path):
    """CSL: a cs:label renders only if its variable is non-empty. A book
    without pages ended "Title, p. , vol." (MHRA's "(Publisher, 1985), p.")."""
    article = """---
title: T
csl: bare.csl
references:
- id: book
  type: book
  title: Book
- id: paper
  type: article-journal
  title: Paper
  page: 3-9
  volume: 2
---

One [@book]. Two [@paper, p. 4].
"""
    check(tmp_path, article, ["One (Book). Two (Paper, p. 4).",
                              "Book.", "Paper, pp. 3–9, vol. 2."], **{"bare.csl": BARE_LABELS})
