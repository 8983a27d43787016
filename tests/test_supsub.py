"""Pandoc's superscripts and subscripts (report/supsub.py) against pandoc's
own reading (3.9, `-t json`): their content read as Markdown, and `^[`
an inline note unless a link follows."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pypandoc
import pytest

from report import source
from report.model import (Code, Emph, Link, NoteRef, SmallCaps, Strikeout, Strong,
                          Subscript, Superscript, Text)

PANDOC = Path(pypandoc.__file__).parent / "files" / "pandoc"
pytestmark = pytest.mark.skipif(not PANDOC.exists(), reason="pandoc is not installed")

_KINDS = {"Emph": "em", "Strong": "strong", "Superscript": "sup", "Subscript": "sub",
          "Strikeout": "s", "SmallCaps": "sc"}
_OURS = {Emph: "em", Strong: "strong", Superscript: "sup", Subscript: "sub", Strikeout: "s"}


def _theirs(inlines) -> list:
    out: list = []
    for node in inlines:
        kind, c = node["t"], node.get("c")
        if kind == "Str":
            _text(out, c)
        elif kind in ("Space", "SoftBreak"):
            _text(out, " ")
        elif kind in _KINDS:
            out.append((_KINDS[kind], _theirs(c)))
        elif kind == "Code":
            out.append(("code", c[1]))
        elif kind == "Link":
            out.append(("link", _theirs(c[1]), c[2][0]))
        elif kind == "Note":
            out.append("note")
        elif kind == "Span":  # its words, in the text
            for item in _theirs(c[1]):
                _text(out, item) if isinstance(item, str) and item != "note" else out.append(item)
    return out


def _ours(inlines) -> list:
    out: list = []
    for node in inlines:
        if isinstance(node, Text):
            _text(out, node.text)
        elif type(node) in _OURS:
            out.append((_OURS[type(node)], _ours(node.children)))
        elif isinstance(node, Code):
            out.append(("code", node.text))
        elif isinstance(node, Link):
            out.append(("link", _ours(node.children), node.url))
        elif isinstance(node, NoteRef):
            out.append("note")
        elif isinstance(node, SmallCaps):
            out.append(("sc", _ours(node.children)))
    return out


def _text(out: list, text: str) -> None:
    if out and isinstance(out[-1], str) and out[-1] != "note":
        out[-1] += text
    else:
        out.append(text)


@pytest.mark.parametrize("line", [
    "R^*2*^ and a^**b**^ and H~*2*~O.",  # the emphasis was lost
    "A^[x]b^[y].",  # a superscript "[x]b" and "y" as text: both notes lost
    "The effect held.^[See the appendix.] It was large^[Cohen d = 0.8.] and stable.",
    "x^*a*\\ b^ and H~a\\ b~O and x^a~b~^ and y^`c`^ and 2^10^ and 1^st^.",
    "z^[l](https://u.org)^ and z^[l](https://u.org) w and z^[l]^ and z^[l]x^.",
    "~~s~~ and a^b c^ and H~2~O.",
    "text^[sup]{.smallcaps}^ and t^[a]{.cb}\\ b^ and z^[a]{.c} w.",
])
def test_scripts_read_as_pandoc_reads_them(tmp_path, line):
    out = subprocess.run([str(PANDOC), "-f", "markdown", "-t", "json"], input=line,
                         capture_output=True, text=True, check=True).stdout
    theirs = _theirs(json.loads(out)["blocks"][0]["c"])
    (tmp_path / "article.md").write_text(f"---\ntitle: T\n---\n\n{line}\n", encoding="utf-8")
    ours = _ours(source.read(tmp_path / "article.md").blocks[0].children)
    assert ours == theirs
