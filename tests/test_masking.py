"""Masked review (`mask: true` + `masked-citations:`, APA 7 §12.7; report/masking.py),
read back from the brief, the deck and the handout, the citations compared
with pandoc's for the same works in APA's masked form."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pdfplumber
import pypdf
import pytest
from conftest import FIXTURES, run_report
from pptx import Presentation

from report import labels
from report.cite import style_path

SLEEP = FIXTURES / "sleep"
MASKED = ["stickgold2005", "nsf2020a", "diekelmann2010"]  # the authors' own works, say
BODY = """
# Introduction

Students sleep little [@walker2017; @stickgold2005, p. 3; @nsf2020a; @nsf2020b].
@diekelmann2010 showed that sleep helps memory, as @stickgold2005 [p. 5] did.

::: slide
## Findings
- Sleep helps memory [@diekelmann2010]
:::
"""
FRONT = """---
title: Sleep and Memory in Students
short-title: Sleep and Memory
author:
  - name: Ada Lovelace
    affiliation: Lakeside University
    email: ada@lakeside.edu
author-note: We thank the Lakeside sleep lab.
"""
LIST = "masked-citations: [" + ", ".join(MASKED) + "]\n"
ARTICLES = {
    "masked": FRONT + "mask: true\n" + LIST,
    "plain": FRONT,
    "off": FRONT + "mask: false\n" + LIST,
    "list-only": FRONT + LIST,  # apaquarto: the list counts only with `mask: true`
}
WORDS = labels.of("en")
# What the masked works would reveal: their authors' names and their titles.
REVEALING = ["Stickgold", "Diekelmann", "Born", "Sleep-dependent", "memory function",
             "Sleep in America", "Lovelace", "Lakeside", "ada@"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each article built in one folder, sharing the citation cache: the
    plain article first, so the masked one finds its unmasked renders stored."""
    folder = tmp_path_factory.mktemp("mask")
    shutil.copy(SLEEP / "refs.json", folder / "refs.json")
    out = {}
    for name in ("plain", "masked", "off", "list-only"):
        (folder / "article.md").write_text(ARTICLES[name] + "---\n" + BODY, encoding="utf-8")
        for kind, suffix in (("pdf", ".pdf"), ("slides", ".pptx"), ("handout", ".handout.pdf")):
            target = folder / f"{name}{suffix}"
            result = run_report(kind, folder / "article.md", "-o", target)
            assert result.returncode == 0, result.stderr
            assert "does not use" not in result.stderr  # mask is no unused option now
            out[name, kind] = target
    return out


def _pages(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() for page in pdf.pages]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _deck_text(path) -> str:
    prs = Presentation(path)
    texts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes
             if shape.has_text_frame]
    texts += [slide.notes_slide.notes_text_frame.text for slide in prs.slides
              if slide.has_notes_slide]
    return "\n".join(texts)


def test_title_page_keeps_title_and_running_head_but_no_authors(built):
    plain, masked = _pages(built["plain", "pdf"])[0], _pages(built["masked", "pdf"])[0]
    for page in (plain, masked):
        assert "Sleep and Memory in Students" in page and "SLEEP AND MEMORY" in page
    for shown in ("Ada Lovelace", "Lakeside University", WORDS["author_note"]):
        assert shown in plain and shown not in masked


def test_citations_are_apas_masked_form_as_pandoc_prints_them(built, tmp_path):
    """pandoc --citeproc, given the masked works as APA's masked form
    (author "Author", the date kept), prints the very same citations."""
    items = json.loads((SLEEP / "refs.json").read_text(encoding="utf-8"))
    for item in items:
        if item["id"] in MASKED:
            for key in [k for k in item if k not in ("id", "issued")]:
                del item[key]
            item.update(type="book", author=[{"literal": WORDS["masked_author"]}],
                        title=WORDS["masked_details"])
    (tmp_path / "refs.json").write_text(json.dumps(items), encoding="utf-8")
    (tmp_path / "a.md").write_text(BODY.split(":::")[0], encoding="utf-8")
    pypandoc = pytest.importorskip("pypandoc")
    ours = _flat(" ".join(_pages(built["masked", "pdf"])[1:]))
    theirs = subprocess.run(
        [pypandoc.get_pandoc_path(), "--citeproc", "--csl", str(style_path("", tmp_path)),
         "--bibliography", "refs.json", "-t", "plain", "--wrap=none", "a.md"],
        cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    sentences = [_flat(line) for line in theirs.splitlines() if "sleep" in line]
    assert sentences and all(s in ours for s in sentences), (sentences, ours)
    assert "(Author, 2005, p. 3; 2020;" in ours and "Author (2010) showed" in ours


def test_reference_list_lists_masked_works_under_author(built):
    listed = _pages(built["masked", "pdf"])[-1].splitlines()
    entries = [line for line in listed if line.startswith(WORDS["masked_author"] + ". (")]
    assert entries == [f"Author. ({year}). {WORDS['masked_details']}."
                       for year in ("2005", "2010", "2020")]
    first_other = next(n for n, line in enumerate(listed) if line.startswith("National"))
    assert listed.index(entries[-1]) < first_other  # alphabetized under "Author"


def test_masked_entry_is_roman(built):
    """APA prints the words in roman: they stand for a title but are none."""
    with pdfplumber.open(built["masked", "pdf"]) as pdf:
        page = pdf.pages[-1]
        words = page.extract_words(extra_attrs=["fontname"])
    details = [w for w in words if w["text"] in ("Details", "omitted")]
    titles = [w for w in words if w["text"] == "Drowsy"]  # an unmasked report's title
    assert details and all("Italic" not in w["fontname"] for w in details)
    assert titles and all("Italic" in w["fontname"] for w in titles)


def test_nothing_reveals_the_masked_works_or_the_authors(built):
    for kind in ("pdf", "handout"):
        text = "\n".join(_pages(built["masked", kind]))
        plain = "\n".join(_pages(built["plain", kind]))
        assert [w for w in REVEALING if w in text] == []
        assert any(w in plain for w in REVEALING)
    deck = _deck_text(built["masked", "slides"])
    assert [w for w in REVEALING if w in deck] == [], deck
    assert "Stickgold" in _deck_text(built["plain", "slides"]) or \
        "Diekelmann" in _deck_text(built["plain", "slides"])


def test_pdf_metadata_and_anchors_name_no_author_and_no_masked_key(built):
    for kind in ("pdf", "handout"):
        plain = pypdf.PdfReader(built["plain", kind])
        masked = pypdf.PdfReader(built["masked", kind])
        assert "Lovelace" in plain.metadata.get("/Author", "")
        assert "/Author" not in masked.metadata
        assert masked.metadata["/Title"] == plain.metadata["/Title"]
    plain = pypdf.PdfReader(built["plain", "pdf"]).named_destinations
    masked = pypdf.PdfReader(built["masked", "pdf"]).named_destinations
    assert "ref-stickgold2005" in plain
    assert [d for d in masked if any(k in d for k in MASKED)] == []


def test_deck_title_slide_and_properties_name_no_author(built):
    plain, masked = Presentation(built["plain", "slides"]), Presentation(built["masked", "slides"])
    assert "Lovelace" in plain.core_properties.author
    assert masked.core_properties.author == ""
    assert masked.core_properties.title == plain.core_properties.title

    def cover(prs):
        return " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert "Ada Lovelace" in cover(plain)
    assert "Lovelace" not in cover(masked) and "Sleep and Memory in Students" in cover(masked)


@pytest.mark.parametrize("name", ["off", "list-only"])
def test_without_mask_true_nothing_changes(built, name):
    for kind in ("pdf", "slides", "handout"):
        assert built[name, kind].read_bytes() == built["plain", kind].read_bytes()


def test_unknown_masked_key_is_an_error(tmp_path):
    shutil.copy(SLEEP / "refs.json", tmp_path / "refs.json")
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\nmask: true\nmasked-citations: [stickgold2006]\n---\n\nText "
        "[@walker2017].\n", encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "out.pdf")
    assert result.returncode == 1
    assert "article.md:4" in result.stderr and "stickgold2006" in result.stderr
    assert "stickgold2005" in result.stderr  # the key it is likely to mean
    assert "Traceback" not in result.stderr
