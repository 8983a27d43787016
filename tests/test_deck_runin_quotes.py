"""A block quotation run in, on a slide and in the speaker notes: in the
language's marks, the closing one before its source, the full stop after
the source (APA §8.26–8.27: “…the end” (Author, 2020, p. 5).), a "?" or
"!" of the quotation inside its marks. The brief's block quote keeps its
citation after the full stop (§8.27). Read back from the pptx and the HTML.
"""

from __future__ import annotations

import html
import re

import pytest
from pptx import Presentation

from conftest import run_report
from report import labels

QUOTES = {  # as written after `>`
    "end": "The water judges settled every dispute at the door. [@a, p. 5]",
    "asks": "Who decides when the ditch runs dry? [@a, p. 6]",
    "page": "Every turn was known by heart. (p. 54)",
    "apa": "It made all the difference [@a, p. 4].",
    "none": "Nothing else was said.",
}
CITED = {"end": "(Doe, 2020, p. 5)", "asks": "(Doe, 2020, p. 6)", "page": "(p. 54)",
         "apa": "(Doe, 2020, p. 4)"}
RUN_IN = {  # the words between the marks, then what follows the closing one
    "end": ("The water judges settled every dispute at the door", f" {CITED['end']}."),
    "asks": ("Who decides when the ditch runs dry?", f" {CITED['asks']}."),
    "page": ("Every turn was known by heart", f" {CITED['page']}."),
    "apa": ("It made all the difference", f" {CITED['apa']}."),
    "none": ("Nothing else was said.", ""),
}


def _article(folder, lang: str):
    (folder / "refs.json").write_text(
        '[{"id": "a", "type": "book", "title": "A Book", "author": [{"family": "Doe", '
        '"given": "J."}], "issued": {"date-parts": [[2020]]}}]', encoding="utf-8")
    shown = "\n\n".join(f"> {q}" for q in QUOTES.values())
    said = "\n\n".join(f"Said {n}:\n\n> {q}" for n, q in enumerate(QUOTES.values()))
    digest = "\n\n".join(f"## Digest {n}\n\nIt was put so:\n\n> {q}"
                           for n, q in enumerate(QUOTES.values()))
    article = folder / "article.md"
    article.write_text(f"---\ntitle: Quotes\nlang: {lang}\nbibliography: refs.json\n---\n\n"
                       f"# Shown\n\n::: slide\n{shown}\n:::\n\n# Said\n\n::: slide\n- Point\n"
                       f":::\n\n{said}\n\n{digest}\n", encoding="utf-8")
    return article


@pytest.fixture(scope="module", params=["en-US", "es-ES"])
def deck(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    article = _article(folder, request.param)
    result = run_report("slides", article, "-o", folder / "deck.pptx")
    assert result.returncode == 0, result.stderr
    slides = {s.shapes.title.text_frame.text: s for s in Presentation(folder / "deck.pptx").slides
              if s.shapes.title is not None}
    body = [p.text.replace("\xa0", " ") for p in
            slides["Shown"].placeholders[1].text_frame.paragraphs]
    notes = slides["Said"].notes_slide.notes_text_frame.text.replace("\xa0", " ").split("\n")
    digests = [s.placeholders[1].text_frame.paragraphs[-1].text.replace("\xa0", " ")
               for title, s in slides.items() if title.startswith("Digest")]
    return request.param, article, body, notes, digests


def _expected(lang: str) -> list[str]:
    opening, closing = labels.of(lang)["quotes"][:2]
    return [f"{opening}{words}{closing}{after}" for words, after in RUN_IN.values()]


def test_a_quotation_on_a_slide_ends_with_its_source_then_the_full_stop(deck):
    lang, _, body, _, _ = deck
    assert body == _expected(lang)


def test_a_quotation_in_the_notes_ends_with_its_source_then_the_full_stop(deck):
    lang, _, _, notes, _ = deck
    said = [line for line in notes if not line.startswith("Said")]
    assert said == _expected(lang)


def test_the_brief_s_block_quote_keeps_its_citation_after_the_full_stop(deck, tmp_path):
    """§8.27: a block quote's citation follows its final punctuation, as written."""
    _, article, _, _, _ = deck
    result = run_report("html", article, "-o", tmp_path / "brief.html")
    assert result.returncode == 0, result.stderr
    quoted = [" ".join(html.unescape(re.sub(r"<[^>]+>", "", q)).replace("\xa0", " ").split())
              for q in re.findall(r"<blockquote>(.*?)</blockquote>",
                                  (tmp_path / "brief.html").read_text(encoding="utf-8"), re.S)]
    for ends in ("at the door. (Doe, 2020, p. 5)", "runs dry? (Doe, 2020, p. 6)",
                 "by heart. (p. 54)"):
        assert sum(q.endswith(ends) for q in quoted) == 2, (ends, quoted)  # a slide's: not here


def test_a_quotation_on_a_digest_slide_ends_with_its_source_then_the_full_stop(deck):
    """A section without a slide shows the quotation its sentence introduces."""
    lang, _, _, _, digests = deck
    assert digests == _expected(lang)
