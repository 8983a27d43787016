"""The words report sets itself, in the article's language (styles/labels.toml):
read back from the brief, the deck and the handout of a German article."""

from __future__ import annotations

import shutil

import pdfplumber
import pytest
from conftest import ROOT, run_report
from pptx import Presentation

from report import labels, source
from report.model import Text, plain_text

SLEEP = ROOT / "tests" / "fixtures" / "sleep"

GERMAN = """\
---
title: Schlaf und Gedächtnis
author: [Anna Müller, Ben Schmidt, Clara Weber]
abstract: Studierende schlafen wenig [@walker2017].
keywords: [Schlaf, Gedächtnis]
lang: de-DE
---

# Einleitung

Wie [@fig-r; @fig-q] zeigen, schlafen Studierende wenig [@walker2017, S. 3].

![Erinnerung nach Schlaf](recall.png){#fig-r}

![Noch eine](recall.png){#fig-q}

::: slide
## Befunde
- Wenig Schlaf [@walker2017]
:::
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("de")
    for name in ("refs.json", "recall.png"):
        shutil.copy(SLEEP / name, folder / name)
    (folder / "article.md").write_text(GERMAN, encoding="utf-8")
    out = {}
    for kind, name in (("pdf", "brief.pdf"), ("slides", "deck.pptx"), ("handout", "handout.pdf")):
        result = run_report(kind, folder / "article.md", "-o", folder / name)
        assert result.returncode == 0, result.stderr
        out[kind] = folder / name
    return out


def _pages(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() for page in pdf.pages]


def test_the_brief_speaks_the_articles_language(built):
    title, abstract, text, *_, listing = _pages(built["pdf"])
    assert "Anna Müller, Ben Schmidt und Clara Weber" in title
    assert abstract.split("\n")[1:] == ["Zusammenfassung", "Studierende schlafen wenig "
                                        "(Walker, 2017).", "Schlüsselwörter: Schlaf, Gedächtnis"]
    assert "Wie Abbildungen 1 und 2 zeigen" in text and "Abbildung 1\nErinnerung" in text
    assert listing.split("\n")[1] == "Literaturverzeichnis"


def test_the_deck_and_handout_too(built):
    titles = [s.shapes.title.text for s in Presentation(built["slides"]).slides
              if s.shapes.title is not None]
    assert titles[-1] == "Literaturverzeichnis"
    pages = _pages(built["handout"])
    assert pages[0].rstrip().endswith(f"Seite 1 von {len(pages)}")


def test_the_composed_author_note_and_callouts_too(tmp_path):
    from report import brief
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\nlang: de\nauthor:\n  - name: Anna Müller\n    corresponding: true\n"
        "    email: a@b.de\n    roles: [Konzeption, Schreiben]\n    affiliations:\n"
        "      - name: Universität Bonn\n---\n\n::: callout-warning\nAchtung.\n:::\n",
        encoding="utf-8")
    doc = source.read(tmp_path / "article.md")
    note = [plain_text(p.children) for p in doc.meta.author_note]
    assert note == ["Die Rollen der Autorinnen und Autoren sind nach der Contributor Role "
                    "Taxonomy (CRediT; https://credit.niso.org/) angegeben: Anna Müller: "
                    "Konzeption und Schreiben.",
                    "Korrespondenz zu diesem Artikel ist zu richten an Anna Müller, "
                    "Universität Bonn. E-Mail: a@b.de"]
    assert '<p class="callout-title">Warnung</p>' in brief.render_html(doc)


def test_a_language_without_words_of_its_own_is_set_in_english(tmp_path):
    (tmp_path / "article.md").write_text("---\ntitle: T\nlang: ja-JP\ndate: 2026-03-06\n"
                                         "paper: student\n---\n\nText.\n", encoding="utf-8")
    doc = source.read(tmp_path / "article.md")
    assert doc.meta.references_title == [Text("References")]
    assert labels.of("ja-JP")["figure"] == ["Figure", "Figures"]
    assert doc.meta.date == "March 6, 2026"


@pytest.mark.parametrize("lang,parts,expected", [
    ("en", ["A", "B"], "A and B"), ("en", ["A", "B", "C"], "A, B, and C"),
    ("de", ["A", "B", "C"], "A, B und C"), ("fr", ["A", "B"], "A et B"), ("es", ["A"], "A"),
])
def test_lists_are_joined_as_each_language_joins_them(lang, parts, expected):
    assert labels.joined(labels.of(lang), parts) == expected


def test_every_language_has_every_word():
    """Every language's section; a region's ([de-CH]) holds only what its
    language's says otherwise. The quotation marks are the CSL locale's
    (labels.csl_quotes), set by no section."""
    english = set(labels.of("en")) - {"quotes"}
    for lang, words in labels._all().items():
        if "-" in lang:
            assert lang.split("-")[0] in labels._all() and set(words) < english, lang
            continue
        assert english <= set(words), lang
        if lang != "en":
            assert len(words["months"]) == 12 and "{month}" in words["date"]


def test_a_parts_slide_numbers_it_in_the_articles_language(tmp_path):
    from report import pipeline, slides
    from report.slidemodel import deck_theme
    body = "".join(f"# Teil {n}\n\nText.\n\n" + "".join(
        f"::: slide\n## Folie {n}{m}\n- Punkt\n:::\n\n" for m in "12") for n in "AB")
    (tmp_path / "article.md").write_text(f"---\ntitle: T\nlang: de-DE\n---\n\n{body}",
                                         encoding="utf-8")
    doc = pipeline.load(tmp_path / "article.md")
    with deck_theme(doc):
        boxes = [b for s in slides.plan(doc).slides for b in s.boxes if b.role == "section-label"]
    assert [b.paragraphs[0].runs[0].text for b in boxes] == ["Teil 1 von 2", "Teil 2 von 2"]


def test_greek_capitals_drop_their_accents_and_keep_a_diaeresis():
    assert labels.capitals("Ελληνικά και αϋπνία") == "ΕΛΛΗΝΙΚΑ ΚΑΙ ΑΫΠΝΙΑ"
    assert labels.capitals("Ἀθῆναι") == "ΑΘΗΝΑΙ"
    assert labels.capitals("Μάιος, ρολόι") == "ΜΑΪΟΣ, ΡΟΛΟΪ"  # two vowels read apart
    assert labels.capitals("Café naïve") == "CAFÉ NAÏVE"  # only Greek loses its accents


def test_a_greek_running_head_is_in_greek_capitals(tmp_path):
    (tmp_path / "article.md").write_text(
        "---\ntitle: Ύπνος και μνήμη\nlang: el\npaper: professional\n---\n\nΛέξεις.\n",
        encoding="utf-8")
    out = tmp_path / "brief.pdf"
    assert run_report("pdf", tmp_path / "article.md", "-o", out).returncode == 0
    with pdfplumber.open(out) as pdf:
        head = pdf.pages[0].crop((0, 0, pdf.pages[0].width, 72)).extract_text()
    assert head.split()[:3] == ["ΥΠΝΟΣ", "ΚΑΙ", "ΜΝΗΜΗ"]
