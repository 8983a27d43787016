"""A digest slide's sentences cut at a clause's end, with the citations of
what they keep (report/digestcut.py); the references slides list what the
slides show after the cut; a group's abbreviation is defined at its first
use on the slides, whatever the brief defined before (APA 7 §8.21,
report/groupnames.py, report/deckreading.py). Read back from the pptx.
"""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest
from pptx import Presentation

from conftest import run_report

NSF = "National Sleep Foundation"
REFS = [
    {"id": "nsf2019", "type": "report", "title": "Sleep in America poll 2019",
     "issued": {"date-parts": [[2019]]}, "author": [{"literal": f"{NSF} [NSF]"}]},
    *({"id": key, "type": "article-journal", "title": title, "container-title": "Sleep",
       "volume": "1", "page": "1-9", "issued": {"date-parts": [[year]]},
       "author": [{"family": family, "given": "A."}, {"family": "Born", "given": "J."}]}
      for key, family, year, title in [
          ("jenkins1924", "Jenkins", 1924, "Obliviscence during sleep and waking"),
          ("diekelmann2010", "Diekelmann", 2010, "The memory function of sleep"),
          ("okafor2022", "Okafor", 2022, "A multisite replication"),
          ("rasch2013", "Rasch", 2013, "About sleep's role in memory")]),
]

CUT = """\
# Discussion

Laboratory work has confirmed this intuition for nearly a century: @jenkins1924 showed \
that participants who slept after learning forgot fewer nonsense syllables than those who \
stayed awake during the day, and the finding has since been replicated many times in many \
laboratories [@diekelmann2010; @rasch2013].

Participants who slept after learning recalled more word pairs than participants who stayed \
awake across the day in every one of the twelve laboratories that took part in the multisite \
replication of the classic finding with new materials and new procedures for the test \
phase [@okafor2022].
"""

# The brief defines NSF in the Introduction's prose, which no slide shows.
GROUPS = """\
# Introduction

::: slide
- Sleep matters for memory
:::

The foundation reported that adults sleep too little [@nsf2019].

# Results

{results}

# Discussion

Short sleep harms memory across the whole lifespan [@nsf2019].

# Limitations

Schedules were not measured in this small study [@nsf2019].

# Outlook

Later studies will measure the schedules directly [@nsf2019].
"""
SHORT_RESULTS = "Students slept less than adults in every survey reported so far [@nsf2019]."
LONG_RESULTS = ("Students slept less than adults in every survey that was reported over the "
                "past several years in many countries, a gap that the national poll traced "
                "across the many kinds of households in which the students of its sample lived "
                "at the time [@nsf2019], and the gap grew with every year of study in the "
                "programs that were surveyed.")


def _deck(folder: Path, body: str) -> list[tuple[list[str], str]]:
    """Each slide's paragraphs and its notes, no-break spaces read as spaces."""
    (folder / "refs.json").write_text(json.dumps(REFS), encoding="utf-8")
    article = folder / "article.md"
    article.write_text(f"---\ntitle: Digests\n---\n\n{body}", encoding="utf-8")
    result = run_report("slides", article, "-o", folder / "deck.pptx")
    assert result.returncode == 0, result.stderr
    out = []
    for slide in Presentation(folder / "deck.pptx").slides:
        paragraphs = [p.text.replace("\xa0", " ") for shape in slide.shapes
                      if shape.has_text_frame for p in shape.text_frame.paragraphs]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append((paragraphs, notes.replace("\xa0", " ")))
    return out


@pytest.fixture(scope="module")
def cut_deck(tmp_path_factory):
    return _deck(tmp_path_factory.mktemp("cut"), CUT)


def _cut_bullets(deck) -> list[tuple[str, str, str]]:
    """(what a cut bullet keeps, what follows its ellipsis, its notes)."""
    return [(p.split("\u2026")[0], p.split("\u2026", 1)[1], notes)
            for paragraphs, notes in deck for p in paragraphs if "\u2026" in p]


def test_a_cut_ends_at_a_clause_and_keeps_no_citation_of_the_clauses_it_leaves_out(cut_deck):
    """Cut at a clause's end ("…a century:"), a bullet keeps no citation of
    the clauses after it: "(Diekelmann & Born…)" is the replication's."""
    cuts = _cut_bullets(cut_deck)
    kept, after, notes = next(c for c in cuts if c[0].startswith("Laboratory"))
    rest = " ".join(notes.split())[len(kept):]
    assert rest[:1] in ",;:" or rest.startswith((" \u2013", " \u2014")), (kept, rest[:40])
    assert after == "" and "Diekelmann" not in kept


def test_a_cut_inside_a_clause_keeps_that_clause_s_citation(cut_deck):
    """A sentence of one clause, cut after a word, keeps its citation."""
    kept, after, _ = next(c for c in _cut_bullets(cut_deck) if c[0].startswith("Participants"))
    assert after == " (Okafor & Born, 2022)"


def test_the_references_slides_list_the_works_the_slides_and_their_notes_cite(cut_deck):
    """Jenkins, Diekelmann and Rasch are in the notes only (their clauses
    cut away): said in the talk, they are on its references slide too, with
    Okafor, whom the slides show, in APA order."""
    listed = [p for paragraphs, _ in cut_deck if paragraphs[0] == "References"
              for p in paragraphs[1:] if p.strip() and not p.strip().isdigit()]
    shown = " ".join(p for paragraphs, _ in cut_deck if paragraphs[0] != "References"
                     for p in paragraphs)
    names = [entry.split(",")[0] for entry in listed]
    assert names == sorted(names) and set(names) == {"Okafor", "Jenkins", "Diekelmann", "Rasch"}
    assert all(name in " ".join(n for _, n in cut_deck) and name not in shown
               for name in ("Jenkins", "Diekelmann", "Rasch"))


def _group_citations(deck) -> list[str]:
    """The NSF citations the content slides show, in order."""
    text = " ".join(p for paragraphs, _ in deck if paragraphs[0] != "References"
                    for p in paragraphs)
    return re.findall(rf"\((?:{NSF}[^)]*|NSF[^)]*)\)", text)


def test_the_slides_define_a_group_at_their_first_citation_of_it(tmp_path):
    """The brief defines NSF in prose no slide shows: the Results slide,
    the first to cite it, defines it again; the slides after use it."""
    deck = _deck(tmp_path, GROUPS.format(results=SHORT_RESULTS))
    assert _group_citations(deck) == [f"({NSF} [NSF], 2019)"] + ["(NSF, 2019)"] * 3
    assert f"({NSF} [NSF], 2019)" in " ".join(n for _, n in deck)  # the brief's, said


def test_a_citation_cut_off_its_slide_defines_nothing(tmp_path):
    """The Results sentence is cut before its NSF citation: the next slide
    that cites NSF defines it."""
    deck = _deck(tmp_path, GROUPS.format(results=LONG_RESULTS))
    results = next(p for paragraphs, _ in deck for p in paragraphs if p.startswith("Students"))
    assert results.endswith("\u2026") and "NSF" not in results and NSF not in results
    assert _group_citations(deck) == [f"({NSF} [NSF], 2019)"] + ["(NSF, 2019)"] * 2


def test_a_group_cited_on_fewer_than_three_slides_is_written_in_full(tmp_path):
    """APA §6.24: an abbreviation used fewer than three times is spelled
    out, on the slides as in the brief, whatever the brief does."""
    body = GROUPS.format(results=SHORT_RESULTS).split("# Limitations")[0]
    deck = _deck(tmp_path, body)
    assert _group_citations(deck) == [f"({NSF}, 2019)"] * 2


def test_the_slides_reading_survives_a_pickle(tmp_path):
    """The document crosses from the reading process to the writer's
    pickled (report/parallel.py): the slides lay out the same."""
    from report import pipeline
    from report.slidemodel import deck_theme
    from report.slides import plan
    (tmp_path / "refs.json").write_text(json.dumps(REFS), encoding="utf-8")
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: Digests\n---\n\n" + GROUPS.format(results=LONG_RESULTS),
                       encoding="utf-8")
    doc = pipeline.load(article)
    copy = pickle.loads(pickle.dumps(doc))

    def texts(document):
        with deck_theme(document):
            return [[r.text for b in s.boxes for p in b.paragraphs
                     for r in p.runs] for s in plan(document).slides]
    first = texts(copy)
    assert first == texts(copy) == texts(doc)
    assert any(f"{NSF} [NSF]" in "".join(s) for s in first)
