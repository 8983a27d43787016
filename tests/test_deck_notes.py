"""Speaker notes over a section's slides, read back from the pptx: each
slide's notes are the article's words that belong to it, complete, in
order, each said once."""

from __future__ import annotations

from collections import Counter

from conftest import DEFAULT_ARTICLE
from pptx import Presentation
from test_deck import deck_of, title

from report import pipeline
from report.model import Para, plain_text


def notes_by_title(deck) -> dict[str, str]:
    return {title(s): s.notes_slide.notes_text_frame.text if s.has_notes_slide else ""
            for s in deck.slides}


def test_notes_after_a_slide_are_that_slides_own(tmp_path):
    """`::: notes` right after the second of two slides is the second's; the
    first says the prose that leads up to it."""
    notes = notes_by_title(deck_of(tmp_path, (
        "# Results\n\nProse about the results.\n\n"
        "::: slide\n## Slide A\n- a\n:::\n\n::: slide\n## Slide B\n- b\n:::\n\n"
        "::: notes\nNotes meant for B.\n:::\n")))
    assert notes["Slide A"] == "Prose about the results."
    assert notes["Slide B"] == "Notes meant for B."


def test_prose_before_two_slides_is_shared_by_the_bullets_it_holds(tmp_path):
    """One paragraph before two slides whose bullets shorten its sentences:
    each slide says the sentences its bullets come from, none twice."""
    notes = notes_by_title(deck_of(tmp_path, (
        "# Sleep\n\nStudents who slept eight hours recalled more word pairs. "
        "The effect held for both short and long lists. "
        "Caffeine did not make up for lost sleep in the morning. "
        "Naps in the afternoon restored some of the loss.\n\n"
        "::: slide\n## Sleep Helps Recall\n- Eight hours of sleep: more word pairs recalled\n"
        "- Held for short and long lists\n:::\n\n"
        "::: slide\n## What Does Not Help\n- Caffeine did not make up for lost sleep\n"
        "- Afternoon naps restored some loss\n:::\n")))
    first, second = notes["Sleep Helps Recall"], notes["What Does Not Help"]
    assert first == ("Students who slept eight hours recalled more word pairs. "
                     "The effect held for both short and long lists.")
    assert second == ("Caffeine did not make up for lost sleep in the morning. "
                      "Naps in the afternoon restored some of the loss.")


def test_each_slide_says_the_prose_written_before_it(tmp_path):
    """prose / slide / prose / slide: each slide the paragraph before it;
    slide / prose / slide / prose: each the paragraph after it."""
    before = notes_by_title(deck_of(tmp_path, (
        "# Method\n\nFirst paragraph here.\n\n::: slide\n## One\n- x\n:::\n\n"
        "Second paragraph here.\n\n::: slide\n## Two\n- y\n:::\n\nA closing word.\n")))
    assert before["One"] == "First paragraph here."
    assert before["Two"] == "Second paragraph here.\nA closing word."
    after = notes_by_title(deck_of(tmp_path, (
        "# Method\n\n::: slide\n## One\n- x\n:::\n\nFirst paragraph here.\n\n"
        "::: slide\n## Two\n- y\n:::\n\nSecond paragraph here.\n")))
    assert after["One"] == "First paragraph here."
    assert after["Two"] == "Second paragraph here."


def test_a_parts_slide_does_not_say_its_subsections_prose(tmp_path):
    """A part with a slide and no prose of its own says its slide's bullets
    (not its subsections' headings, the next slides' titles); their prose is
    said on their slides."""
    notes = notes_by_title(deck_of(tmp_path, (
        "# Part\n\n::: slide\n## Part Overview\n- x\n:::\n\n"
        "## Sub One\n\nSub one prose.\n\n::: slide\n## First\n- y\n:::\n\n"
        "## Sub Two\n\nSub two prose.\n\n::: slide\n## Second\n- z\n:::\n")))
    assert notes["Part Overview"] == "\u2022 x"
    assert notes["First"] == "Sub one prose."
    assert notes["Second"] == "Sub two prose."


def test_a_continued_slide_says_the_sentences_its_bullets_come_from(tmp_path):
    """One paragraph, its bullets over a slide and its "(cont.)": the
    continued slide says the sentences its bullets shorten, the first
    slide the others."""
    facts = [f"Finding number {w} was that the {w} group recalled more words"
             for w in ("one", "two", "three", "four", "five", "six", "seven", "eight",
                       "nine", "ten", "eleven", "twelve")]
    prose = " ".join(f"{fact} than the control group did." for fact in facts)
    bullets = "".join(f"- {fact}\n" for fact in facts)
    deck = deck_of(tmp_path, f"# Results\n\n{prose}\n\n::: slide\n## Findings\n{bullets}:::\n")
    pages = [s for s in deck.slides if title(s).startswith("Findings")]
    assert len(pages) > 1
    said = [s.notes_slide.notes_text_frame.text for s in pages]
    shown = [" ".join(shape.text_frame.text for shape in s.placeholders
                      if shape.placeholder_format.idx == 1) for s in pages]
    assert all(said), said
    for notes, text in zip(said, shown):
        for fact in facts:  # each fact said where its bullet stands
            assert (fact in notes) == (fact in text), fact
    assert " ".join(said) == prose


def test_a_quotation_is_said_in_marks_with_its_source(tmp_path):
    notes = notes_by_title(deck_of(tmp_path, (
        "# Benjamin\n\nBenjamin named what is lost:\n\n"
        "> Even the most perfect reproduction is lacking in one element. [@a, p. 220]\n\n"
        "::: slide\n## Aura\n- What is lost\n:::\n")))
    assert notes["Aura"].replace("\xa0", " ") == (
        "Benjamin named what is lost:\n“Even the most perfect reproduction "
        "is lacking in one element” (Doe, 2020, p. 220).")


def test_a_digests_columns_are_said_whole(tmp_path):
    """A section without a slide, its prose and `.columns` of headed lists:
    the notes say the lists' items, not only their bold heads."""
    notes = notes_by_title(deck_of(tmp_path, (
        "# Discussion\n\nTesting helped under time pressure too.\n\n"
        ":::: {.columns}\n::: {.column}\n**What held**\n\n- Testing beat restudy\n:::\n"
        "::: {.column}\n**What is open**\n\n- One university only\n:::\n::::\n")))
    assert notes["Discussion"].split("\n") == [
        "Testing helped under time pressure too.", "What held", "• Testing beat restudy",
        "What is open", "• One university only"]  # a list item keeps its bullet


def test_the_default_decks_prose_is_said_once(build):
    """No paragraph of the default article is said on two slides (those of
    a section whose `::: notes` stand for its prose are said on none); the
    paragraph before two slides is said, half on each."""
    deck = Presentation(build("slides", DEFAULT_ARTICLE))
    said = "\n".join(s.notes_slide.notes_text_frame.text for s in deck.slides
                     if s.has_notes_slide)
    doc = pipeline.load(DEFAULT_ARTICLE)
    sentences = [plain_text(b.children).split(". ")[0] for b in doc.blocks
                 if isinstance(b, Para)]
    counts = Counter({s: said.count(s) for s in sentences})
    assert all(count <= 1 for count in counts.values()), counts
    assert sum(count == 1 for count in counts.values()) >= len(sentences) - 2
    notes = notes_by_title(deck)
    assert "crackdown on drugs" in notes["Cartels Supply the US Drug Market"]
    assert "fentanyl" not in notes["Cartels Supply the US Drug Market"]
    assert "fentanyl" in notes["The Crackdown Cuts Their Sales"]


SITES = ("| Site | Instrument used at the site | Protocol followed by the team |\n"
         "|------|------------|----------|\n"
         "| Leeds General Infirmary | Structured survey form | Online questionnaire |\n"
         "| Paris Hôpital Saint-Louis | Semi-structured interview | In person at the clinic |\n"
         "| Oslo University Hospital | Daily symptom diary | Paper booklet by post |\n"
         "| Turin Molinette Hospital | Structured survey form | Telephone call |\n"
         "| Basel University Hospital | Semi-structured interview | Video conference call |\n"
         "| Porto São João Hospital | Daily symptom diary | Smartphone application |\n")


def _sites_deck(tmp_path, prose: str, caption: str = ": Sites and protocols\n",
                more: str = ""):
    """Three bullets (and `more`) and a table too tall to share their slide:
    the table stands alone on the "(cont.)" slide."""
    deck = deck_of(tmp_path, (
        f"# Methods\n\n{prose}\n\n::: slide\n## Methods\n\n- Six sites took part\n"
        f"- Each used its own protocol\n- Instruments were calibrated\n{more}\n{SITES}\n"
        f"{caption}:::\n"))
    shown = [s for s in deck.slides if title(s).startswith("Methods")]
    assert [any(sh.has_table for sh in s.shapes) for s in shown] == [False, True]
    return [s.notes_slide.notes_text_frame.text if s.has_notes_slide else "" for s in shown]


def test_a_table_alone_on_its_slide_says_what_it_shows(tmp_path):
    """Its bullets held every sentence of the prose: the table's slide had
    no notes at all; it says its caption."""
    prose = ("We compared three instruments across six sites. Each site used its own "
             "protocol, summarised in the table.")
    bullets, table = _sites_deck(tmp_path, prose)
    assert bullets == prose
    assert table == "Sites and protocols"


def test_a_table_alone_says_the_prose_that_names_it(tmp_path):
    """A paragraph naming the table's caption goes with the table's slide,
    not the bullets'."""
    named = "The sites and their protocols are listed in the table, one row per site."
    bullets, table = _sites_deck(tmp_path, "We compared three instruments across six sites. "
                                 f"Each site used its own protocol.\n\n{named}")
    assert table == named and named not in bullets
    assert bullets.startswith("We compared")


def test_a_table_without_caption_alone_says_its_rows(tmp_path):
    """No caption: the table's slide says its rows and headings."""
    _, table = _sites_deck(tmp_path, "We compared three instruments across six sites.",
                           caption="", more="- Data were pooled\n- Two sites left early\n")
    assert "6 rows" in table and "Instrument used at the site" in table


def test_a_digests_notes_give_the_footnotes_their_prose_calls(tmp_path):
    """A digest shows a sentence or two; the footnote a later sentence calls
    is still read in the notes, after the prose that calls it."""
    later = " It goes on with more detail that a digest would leave out of the slide."
    notes = notes_by_title(deck_of(tmp_path, (
        "# Intro\n\nSleep matters for memory. It has been studied for a century in many "
        "labs across the world and the finding is robust.^[Materials are at the archive.]\n\n"
        + "".join(f"Paragraph {n} starts here.{later}\n\n" for n in (2, 3, 4)))))
    said = notes["Intro"]
    assert "1 Materials are at the archive." in said
    assert said.index("robust.") < said.index("Materials are at")
