"""Issue 5: the deck, read back with python-pptx and measured again.

Nothing here trusts the layout that wrote the deck: titles, citations,
notes, sizes and text fit are all taken from the pptx itself, and the fit
is re-measured from its runs with the font files (textfit).
"""

from __future__ import annotations

import html
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pdfplumber
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_TICK_LABEL_POSITION
from pptx.util import Emu

from conftest import DEFAULT_ARTICLE, FIXTURES, SLEEP_ARTICLE, run_report
from report import STYLES, chartlayout, pipeline, slides
from report.model import Heading, Notes, Para, Slide, plain_text
from report.slidemodel import deck_theme
from report.textfit import Piece, block_height, lines, text_width
from report.walk import walk_cites

TABLES_ARTICLE = FIXTURES / "tables" / "article.md"  # tables of text on slides
CODE_ARTICLE = FIXTURES / "code" / "article.md"  # code blocks on slides
ARTICLES = [DEFAULT_ARTICLE, SLEEP_ARTICLE, TABLES_ARTICLE]
SIXTEEN_NINE = (Emu(12192000), Emu(6858000))  # 13.333 × 7.5 in
LAYOUTS = {"Title", "Section", "Content", "Two Content", "References"}
BODY_MIN, TITLE_MIN = 18, 28
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # PowerPoint's "Mark as decorative"
THEME = tomllib.loads((STYLES / "deck.toml").read_text(encoding="utf-8"))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module", params=ARTICLES, ids=["default", "sleep", "tables"])
def article(request):
    return request.param


@pytest.fixture(scope="module")
def deck(build, article):
    return Presentation(build("slides", article))


@pytest.fixture(scope="module")
def doc(article):
    return pipeline.load(article)


def title(slide) -> str:
    return read_title(slide.shapes.title.text_frame.text)


def read_title(text: str) -> str:
    """A title as it reads: the no-break spaces that hold a balanced title's
    lines (slidetitle.balanced) read as spaces; that of "(cont. 2)" is kept."""
    return re.sub("\u00a0(?!\\d)", " ", text)


def kind(slide) -> str:
    return slide.slide_layout.name


def text_shapes(slide):
    return [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]


def table_cells(slide):
    """(frame, row, column, cell) of every cell of the slide's tables."""
    return [(frame, r, c, cell) for frame in slide.shapes if frame.has_table
            for r, row in enumerate(frame.table.rows) for c, cell in enumerate(row.cells)]


# --- format, titles, reading order ------------------------------------------------

def test_slides_are_16_by_9_on_named_layouts(deck):
    assert (deck.slide_width, deck.slide_height) == SIXTEEN_NINE
    assert {layout.name for layout in deck.slide_layouts} == LAYOUTS
    assert kind(deck.slides[0]) == "Title"
    assert kind(deck.slides[-1]) == "References"
    assert {kind(s) for s in deck.slides} <= LAYOUTS


def test_every_title_present_unique_and_read_first(deck):
    titles = [title(s) for s in deck.slides]
    assert all(t.strip() for t in titles)
    assert len(set(titles)) == len(titles), titles
    for slide in deck.slides:
        first = slide.shapes[0]
        assert first.is_placeholder and first == slide.shapes.title, title(slide)


def test_a_continued_digests_notes_go_with_the_bullets_they_hold(tmp_path):
    """A digest over two slides (first sentences too long for one): each
    slide's notes are the paragraphs its bullets come from, a footnote with
    the paragraph that calls it."""
    long = ", ".join(["and the sentence runs on with many more words to fill its lines"] * 3)
    # A theme that lets a digest's sentences run long (they are cut to 3 lines).
    (tmp_path / "long.toml").write_text("[body]\ndigest_lines = 12\n", encoding="utf-8")
    deck = deck_of(tmp_path, (
        f"# Context\n\nThe first paragraph opens here, {long}, {long}. It goes on, {long}. "
        f"It ends.\n\nThe second paragraph opens here, {long}, {long}. It goes on, "
        f"{long}.[^n]\n\n"
        "[^n]: The footnote of the second paragraph.\n"), "slides:\n  theme: long.toml\n")
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides
             if title(s).startswith("Context")]
    assert len(notes) == 2
    assert notes[0].startswith("The first paragraph") and "second paragraph" not in notes[0]
    assert notes[1].startswith("The second paragraph") and "The footnote of" in notes[1]


def test_a_repeated_title_names_its_part(tmp_path):
    """Two experiments' "Method": the second is "Method (Experiment 2)", not
    "Method (2)", which reads as a continuation; a third "Method" in the same
    part is numbered."""
    deck = deck_of(tmp_path, "".join(
        f"# Experiment {n}\n\n## Method\n\nParticipants in this study were adults who "
        f"volunteered.\n\n" for n in (1, 2)) + "## Method\n\nA third method was tried "
        "on the same volunteers.\n")
    titles = [title(s) for s in deck.slides if title(s).startswith("Method")]
    assert titles == ["Method", "Method (Experiment 2)", "Method (3)"]



def test_a_repeated_title_is_not_named_after_itself(tmp_path):
    """Text before any heading and then "# Introduction" (as a Word
    manuscript converts): the second slide is not "Introduction
    (Introduction)"; an article's own typed "# References" with no entries
    cited keeps its title, not "References (References)"."""
    deck = deck_of(tmp_path, "The opening paragraph, before any heading.\n\n"
                   "# Introduction\n\nThe text of the introduction, said here.\n\n"
                   "# References\n\nSmith, J. (2019). A book. Publisher.\n")
    titles = [title(s) for s in deck.slides][1:]
    assert titles == ["Introduction", "Introduction (2)", "References"], titles

def test_text_before_any_heading_has_a_slide_titled_in_the_articles_language(tmp_path):
    """APA's introduction has no heading: its slide is titled with the
    language's word for it, not always the English one."""
    for lang, word in (("en-US", "Introduction"), ("de-DE", "Einleitung"),
                       ("es", "Introducción")):
        deck = deck_of(tmp_path, "The opening paragraph, before any heading [@a].",
                       f"lang: {lang}\n")
        assert [title(s) for s in deck.slides][1] == word


def test_the_references_stand_before_the_appendices_as_in_the_brief(tmp_path):
    deck = deck_of(tmp_path, "# Results\n\n::: slide\n- Faster [@a]\n:::\n\n"
                             "# Appendix A: Materials\n\n::: slide\n- The word pairs\n:::\n\n"
                             "# Appendix B\n\nThe scales.\n")
    assert [title(s) for s in deck.slides][1:] == [
        "Results", "References", "Appendix A: Materials", "Appendix B"]


def test_titles_follow_the_article(deck, doc):
    titles = [title(s) for s in deck.slides]
    assert titles[0] == plain_text(doc.meta.title)
    for block in doc.blocks:
        if isinstance(block, Slide) and block.title:
            assert plain_text(block.title) in titles


# --- citations and references -----------------------------------------------------

def cited_in_the_talk(deck, doc) -> set[str]:
    """Keys of every citation whose rendered text shows on a non-reference
    slide or is said in its speaker notes."""
    shown = "\n".join([normalise(s.text_frame.text) for slide in deck.slides
                       if kind(slide) != "References" for s in text_shapes(slide)]
                      + [normalise(cell.text) for slide in deck.slides
                         for *_, cell in table_cells(slide)]
                      + [normalise(slide.notes_slide.notes_text_frame.text)
                         for slide in deck.slides if slide.has_notes_slide])
    return {item.key.lower() for cite in walk_cites(doc)
            if normalise(plain_text(cite.rendered)) in shown for item in cite.items}


def listed_on_references(deck, doc) -> list[str]:
    by_text = {normalise(plain_text(r.rendered)): r.key.lower() for r in doc.references}
    entries = [normalise(p.text) for slide in deck.slides if kind(slide) == "References"
               for p in slide.placeholders[1].text_frame.paragraphs]
    unknown = [e for e in entries if e not in by_text]
    assert not unknown, unknown
    return [by_text[e] for e in entries]


def test_references_hold_the_works_cited_on_slides_and_in_notes_and_no_others(deck, doc):
    """A talk's list holds the works it cites, spoken ones too."""
    cited = cited_in_the_talk(deck, doc)
    listed = listed_on_references(deck, doc)
    assert cited, "the article's slides cite works"
    assert set(listed) == cited
    assert len(listed) == len(set(listed))
    order = [r.key.lower() for r in doc.references if r.key.lower() in cited]
    assert listed == order  # APA order, as in the brief


def test_references_hang_half_an_inch(deck):
    for slide in deck.slides:
        if kind(slide) == "References":
            for p in slide.placeholders[1].text_frame.paragraphs:
                p_pr = p._p.pPr
                assert int(p_pr.get("marL")) == -int(p_pr.get("indent")) > 0
                assert p_pr.find(f"{A}buNone") is not None


def test_citations_keep_their_italics(build):
    """(*Mexico Travel Advisory*, 2025): the title-as-author stays italic."""
    deck = Presentation(build("slides", DEFAULT_ARTICLE))
    italic = [r.text for s in deck.slides if kind(s) != "References"
              for shape in text_shapes(s) for p in shape.text_frame.paragraphs
              for r in p.runs if r.font.italic]
    assert "Mexico Travel Advisory" in italic


# --- notes --------------------------------------------------------------------------

def test_every_content_slide_has_notes(deck):
    for slide in deck.slides:  # a "(cont.)" slide has the rest of its first's, if any is left
        if kind(slide) in ("Content", "Two Content", "Section") and "(cont." not in title(slide):
            assert slide.has_notes_slide, title(slide)
            assert slide.notes_slide.notes_text_frame.text.strip(), title(slide)


def test_notes_are_the_notes_div_else_the_prose(build):
    deck = Presentation(build("slides", DEFAULT_ARTICLE))
    doc = pipeline.load(DEFAULT_ARTICLE)
    notes = {title(s): normalise(s.notes_slide.notes_text_frame.text) for s in deck.slides
             if s.has_notes_slide}
    written = next(b for b in doc.blocks if isinstance(b, Notes))
    assert notes["Second Term: Deportations and New Laws"] == normalise(
        plain_text(written.blocks[0].children))
    assert "(CFR.org Editors, 2025)" in notes["Cartels Supply the US Drug Market"]
    assert "Americans spent $53 billion" in notes["Cartels Supply the US Drug Market"]


# --- sizes and fit ------------------------------------------------------------------

def test_no_run_below_the_minimum_no_autofit_all_kerned(deck):
    for slide in deck.slides:
        for shape in text_shapes(slide):
            body_pr = shape.text_frame._txBody.find(f"{A}bodyPr")
            assert body_pr.find(f"{A}noAutofit") is not None, title(slide)
            least = TITLE_MIN if shape == slide.shapes.title else BODY_MIN
            for p in shape.text_frame.paragraphs:
                for run in p.runs:
                    assert run.font.size.pt >= least, (title(slide), shape.name, run.text)
                    # kerned in PowerPoint too, as measured (and as LibreOffice sets it)
                    assert int(run._r.rPr.get("kern")) <= run.font.size.pt * 100


@dataclass
class Measured:
    """A paragraph of a text frame as the deck's own metrics lay it out."""
    pieces: list[Piece]
    size: float
    spacing: float
    space_before: float
    left: float          # the text's left edge, from the frame's
    starts: list[int]    # where each line starts, in the paragraph's text
    numbered: bool       # its bullet is an automatic number


def measure(shape) -> list[Measured]:
    """Each paragraph measured from what the pptx says: runs, faces, size,
    indents, spacing."""
    out = []
    for p in shape.text_frame.paragraphs:
        p_pr = p._p.pPr
        left = Emu(int(p_pr.get("marL", 0))).pt
        indent = Emu(int(p_pr.get("indent", 0))).pt
        bulleted = p_pr.find(f"{A}buNone") is None
        sizes = {r.font.size.pt for r in p.runs}
        assert len(sizes) == 1, "one size a paragraph"
        size = sizes.pop()
        pieces = [Piece(r.text, bool(r.font.bold), bool(r.font.italic), bool(r.hyperlink.address),
                        r.font.name == THEME["font"]["code_name"]) for r in p.runs]
        starts = lines(pieces, size, shape.width.pt - left, slides.font(),
                       0.0 if bulleted else indent)
        space = p.space_before.pt if p.space_before is not None else 0.0
        out.append(Measured(pieces, size, p.line_spacing or 1.0, space, left, starts,
                            p_pr.find(f"{A}buAutoNum") is not None))
    return out


def measured_height(shape) -> float:
    paragraphs = measure(shape)
    assert len({(m.size, m.spacing) for m in paragraphs}) == 1, "one size a frame"
    count = sum(len(m.starts) for m in paragraphs)
    gaps = sum(m.space_before for m in paragraphs[1:])
    return block_height(count, paragraphs[0].size, paragraphs[0].spacing) + gaps


def test_every_text_fits_its_box_by_the_fonts_own_metrics(deck):
    slide_w, slide_h = deck.slide_width.pt, deck.slide_height.pt
    for slide in deck.slides:
        for shape in text_shapes(slide):
            assert shape.text_frame.word_wrap is True
            assert measured_height(shape) <= shape.height.pt + 0.01, (title(slide), shape.name)
            assert 0 <= shape.left.pt and shape.left.pt + shape.width.pt <= slide_w + 0.01
            assert 0 <= shape.top.pt and shape.top.pt + shape.height.pt <= slide_h + 0.01


def test_shapes_do_not_overlap(deck):
    for slide in deck.slides:
        boxes = [(s.name, s.left.pt, s.top.pt, s.left.pt + s.width.pt, s.top.pt + s.height.pt)
                 for s in slide.shapes]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
                assert apart, (title(slide), a[0], b[0])


# --- charts, pictures, accessibility ------------------------------------------------

def graphic_descriptions(slide):
    return [(s.name, s._element.xpath("./*[1]/p:cNvPr")[0].get("descr", ""))
            for s in slide.shapes if s.shape_type in (3, 13, 19)]  # chart, picture, table


def test_the_articles_numbers_become_native_charts(build):
    deck = Presentation(build("slides", DEFAULT_ARTICLE))
    charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert len(charts) == 1
    plot = charts[0].plots[0]
    assert list(plot.categories) == ["Mexican cartels", "Other sources"]
    assert list(plot.series[0].values) == [90, 10]
    sleep = Presentation(build("slides", SLEEP_ARTICLE))
    charts = [s.chart for slide in sleep.slides for s in slide.shapes if s.has_chart]
    assert [list(c.plots[0].series[0].values) for c in charts] == [[58, 74, 77]]


def test_only_cells_that_are_numbers_make_a_chart(tmp_path):
    deck = deck_of(tmp_path, "# Stages\n\n::: slide\n| Stage | Description |\n|---|---|\n"
                             "| N1 | Lasts 1 to 5 minutes |\n| N2 | About 50% of the "
                             "night |\n| REM | 90 |\n:::\n\n# Money\n\n::: slide\n"
                             "| Year | Balance |\n|---|---|\n| 2022 | $1,200.50 |\n"
                             "| 2023 | -$4 |\n| 2024 | − 7 |\n:::\n\n# Shares\n\n"
                             "::: slide\n| Group | Share |\n|---|---|\n| A | 12.5% |\n"
                             "| B | 3 % |\n:::\n")
    [frame] = tables_on(deck, "Stages")
    assert cell_texts(frame)[1] == ["N1", "Lasts 1 to 5 minutes"]
    charts = {title(slide): s.chart for slide in deck.slides for s in slide.shapes if s.has_chart}
    assert set(charts) == {"Money", "Shares"}
    assert list(charts["Money"].plots[0].series[0].values) == [1200.5, -4, -7]
    assert list(charts["Shares"].plots[0].series[0].values) == [12.5, 3]


STATISTICS = ("# Anova\n\n::: slide\n- Reliable\n\n| Effect | *F* | *p* | η²~p~ |\n"
              "|:--|--:|--:|--:|\n| Speed | 9.87 | .002 | .08 |\n"
              "| Feedback | 31.40 | .001 | .21 |\n:::\n\n"
              "# Means\n\n::: slide\n| Group | *M* | *SD* |\n|---|---|---|\n| A | 4.1 | 1.2 |\n"
              "| B | 3.9 | 0.8 |\n:::\n\n# Mixed\n\n::: slide\n| Group | Accuracy | RT |\n"
              "|---|---|---|\n| A | .91 | 1.20 |\n| B | .85 | 1.45 |\n:::\n\n# Units\n\n"
              "::: slide\n| Group | Share | Cost |\n|---|---|---|\n| A | 40% | $12 |\n"
              "| B | 60% | $9 |\n:::\n\n# Spread\n\n::: slide\n| Site | Visits | Sales |\n"
              "|---|---|---|\n| A | 12,400 | 31 |\n| B | 9,800 | 12 |\n:::\n\n# Sexes\n\n"
              "::: slide\n| Year | F | M |\n|---|---|---|\n| 2022 | 40 | 38 |\n| 2023 | 44 | 41 |\n"
              ":::\n\n# Recall\n\n::: slide\n| Group | Unspeeded | Speeded |\n|---|---|---|\n"
              "| A | .60 | .52 |\n| B | .74 | .73 |\n:::\n\n# Sizes\n\n::: slide\n"
              "| Site | *n* |\n|---|---|\n| A | 40 |\n| B | 52 |\n:::\n\n# Timing\n\n::: slide\n"
              "| Run | Throughput (k tok/s) | Latency (ms) |\n|---|---|---|\n| A | 320 | 188.5 |\n"
              "| B | 341 | 161.0 |\n:::\n\n# Both\n\n::: slide\n| Run | 2023 (ms) | 2024 (ms) |\n"
              "|---|---|---|\n| A | 320 | 290 |\n| B | 341 | 300 |\n:::\n\n# Plain\n\n"
              "::: slide\n| Group | n | M | SD |\n|---|---|---|---|\n| A | 20 | 3.42 | 1.10 |\n"
              "| B | 22 | 2.98 | 0.95 |\n:::\n\n# Rows\n\n::: slide\n"
              "| Measure | 2023 | 2024 |\n|---|---|---|\n| Students served | 1,842 | 2,206 |\n"
              "| Spending ($) | 1,120,000 | 1,380,500 |\n| Tutors (FTE) | 38.5 | 44.0 |\n:::\n")


def test_only_numbers_of_one_kind_make_a_chart(tmp_path):
    """Bars on one axis compare amounts of one unit and scale: statistics
    (F, p, η², M, SD; SD even in roman), a proportion beside seconds, a share beside a price,
    thousands beside tens, the units headers or rows name apart ("(k tok/s)",
    "(ms)"; "($)", "(FTE)") stay tables, the header's italics and subscript kept."""
    deck = deck_of(tmp_path, STATISTICS)
    charts = {title(slide) for slide in deck.slides for s in slide.shapes if s.has_chart}
    assert charts == {"Sexes", "Recall", "Sizes", "Both"}
    for name in ("Anova", "Means", "Mixed", "Units", "Spread", "Timing", "Plain", "Rows"):
        assert len(tables_on(deck, name)) == 1, name
    [frame] = tables_on(deck, "Anova")
    assert cell_texts(frame)[1] == ["Speed", "9.87", ".002", ".08"]
    header = frame.table.cell(0, 1).text_frame.paragraphs[0].runs
    assert [(r.text, r.font.italic) for r in header] == [("F", True)]
    eta = frame.table.cell(0, 3).text_frame.paragraphs[0].runs
    assert any(r._r.find(f"{A}rPr").get("baseline", "0").startswith("-") for r in eta)


def test_a_statistic_after_a_conditions_name_keeps_its_table(tmp_path):
    """"Untimed *M*" beside "Untimed *SD*": a symbol after a condition's name
    still heads a statistic (italic, or roman SD, or Greek), so means and
    their SDs stay a table, not bars of one quantity; plain names chart."""
    body = ("# Italic\n\n::: slide\n- One bullet\n\n| Condition | Untimed *M* | Untimed *SD* "
            "| Speeded *M* | Speeded *SD* |\n|:--|--:|--:|--:|--:|\n"
            "| Quiz | .68 | .14 | .59 | .16 |"
            "\n| Restudy | .57 | .15 | .49 | .17 |\n:::\n\n# Roman\n\n::: slide\n"
            "| Group | Pre M | Pre SD |\n|---|---|---|\n| A | 4.1 | 1.2 |\n| B | 3.9 | 0.8 |\n"
            ":::\n\n# Greek\n\n::: slide\n| Effect | Partial η² | Total η² |\n|---|---|---|\n"
            "| A | .08 | .12 |\n| B | .21 | .30 |\n:::\n\n# Named\n\n::: slide\n"
            "| Condition | Untimed recall | Speeded recall |\n|---|---|---|\n| Quiz | .68 | .59 |\n"
            "| Restudy | .57 | .49 |\n:::\n")
    deck = deck_of(tmp_path, body)
    charts = {title(slide) for slide in deck.slides for s in slide.shapes if s.has_chart}
    assert charts == {"Named"}
    [frame] = tables_on(deck, "Italic")
    assert cell_texts(frame)[1] == ["Quiz", ".68", ".14", ".59", ".16"]
    header = frame.table.cell(0, 2).text_frame.paragraphs[0].runs
    assert [(r.text.strip(), r.font.italic) for r in header if r.text.strip()] == \
        [("Untimed", False), ("SD", True)]
    for name in ("Roman", "Greek"):
        assert len(tables_on(deck, name)) == 1, name


def test_a_table_under_bullets_takes_the_room_a_smaller_size_leaves(tmp_path):
    """Three bullets at the largest size leave a four-line table a little too
    little room under them: the bullets are set smaller (no smaller than the
    body's split_size) and the table stands under them on their slide, not
    alone on a "(cont.)" slide after a slide two-thirds empty."""
    from report.slidemodel import theme
    body = ("# Results\n\n::: slide\n## Testing Beats Restudy, With or Without Time Pressure\n"
            "- Main effect of practice, *F*(1, 116) = 18.42, *p* < .001\n"
            "- Time pressure lowered recall, *F*(1, 116) = 9.71, *p* = .002\n"
            "- No interaction, *F*(1, 116) = 0.84, *p* = .361\n\n"
            "| Condition | Untimed *M* | Untimed *SD* | Speeded *M* | Speeded *SD* |\n"
            "|:--|--:|--:|--:|--:|\n| Practice quiz | .68 | .14 | .59 | .16 |\n"
            "| Restudy | .57 | .15 | .49 | .17 |\n\n"
            "Table: Mean Proportion Recalled on the Final Test by Condition\n\n"
            "*Note.* *N* = 120; 30 per cell.\n:::\n")
    deck = deck_of(tmp_path, body)
    names = [title(s) for s in deck.slides]
    assert not [n for n in names if n.endswith("(cont.)")], names
    [frame] = tables_on(deck, "Testing Beats Restudy, With or Without Time Pressure")
    assert len(frame.table.rows) == 3
    slide = next(s for s in deck.slides if title(s) == names[-1])
    bullets = [s for s in text_shapes(slide) if "No interaction" in s.text_frame.text]
    sizes = {r.font.size.pt for p in bullets[0].text_frame.paragraphs for r in p.runs
             if r.font.size}
    assert min(sizes) >= theme()["body"]["split_size"]
    assert frame.top >= bullets[0].top + bullets[0].height


def test_numbers_with_a_decimal_comma_stay_a_table(tmp_path):
    """In Spanish "7,600" is 7.6, in English 7600: where the article's language
    writes a decimal comma, a comma makes no number to chart."""
    body = ("# Tasas\n\n::: slide\n| Región | Tasa |\n|---|---|\n| Norte | 7,600 |\n"
            "| Sur | 1,25 |\n:::\n")
    spanish = deck_of(tmp_path, body, "lang: es-ES\n")
    assert not [s for slide in spanish.slides for s in slide.shapes if s.has_chart]
    [frame] = tables_on(spanish, "Tasas")
    assert cell_texts(frame)[1] == ["Norte", "7,600"]
    english = deck_of(tmp_path, body.replace("1,25", "1,250"), "lang: en-US\n")
    [chart] = [s.chart for slide in english.slides for s in slide.shapes if s.has_chart]
    assert list(chart.plots[0].series[0].values) == [7600, 1250]


def test_a_charts_labels_keep_the_most_decimals_of_any_value(tmp_path):
    """One number format labels every bar: a later value's decimals count as
    the first's, so 3.5 is not shown as "4%"; the handout labels alike."""
    article = write_article(tmp_path, "# Shares\n\n::: slide\n| Group | Share |\n|---|---|\n"
                                      "| Adults | 12% |\n| Teenagers | 3.5% |\n"
                                      "| Children | 1,204% |\n:::\n")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    deck = Presentation(tmp_path / "s.pptx")
    [chart] = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert chart.plots[0].data_labels.number_format == '#,##0.0"%"'
    [planned] = [c for s in slides.plan(pipeline.load(article)).slides for c in s.charts]
    assert planned.series[0].labels == ["12.0%", "3.5%", "1,204.0%"]


def test_a_charts_labels_keep_the_authors_point_without_a_zero(tmp_path):
    """".60" is labelled ".60", not "0.60", by the deck's number format and
    the handout's labels alike; a table that writes "0.6" keeps its zero."""
    body = ("# Recall\n\n::: slide\n| Group | Unspeeded | Speeded |\n|---|---|---|\n"
            "| No feedback | .60 | .52 |\n| Feedback | .74 | .73 |\n:::\n\n# Zero\n\n"
            "::: slide\n| Group | Share |\n|---|---|\n| A | 0.6 |\n| B | 1.25 |\n:::\n")
    deck = deck_of(tmp_path, body)
    formats = {title(slide): s.chart.plots[0].data_labels.number_format
               for slide in deck.slides for s in slide.shapes if s.has_chart}
    assert formats == {"Recall": "#,###.00", "Zero": "#,##0.00"}
    planned = {c.series[0].name: c.series[0].labels
               for s in slides.plan(pipeline.load(tmp_path / "article.md")).slides
               for c in s.charts}
    assert planned == {"Unspeeded": [".60", ".74"], "Share": ["0.60", "1.25"]}


def test_many_bars_get_smaller_labels_that_stay_apart_or_a_slide_of_their_own(tmp_path):
    from report.slidemodel import font, theme
    from report.textfit import text_width
    years = "\n".join(f"| {2000 + n} | {1200 + n * 37} |" for n in range(1, 16))
    sites = "\n".join(f"| Site {n} | {88 + n * 0.17:.1f} |" for n in range(1, 26))
    article = write_article(tmp_path, f"# Years\n\n::: slide\n| Year | Count |\n|---|---|\n"
                                      f"{years}\n:::\n\n# Sites\n\n::: slide\n- By site\n\n"
                                      f"| Site | Accuracy |\n|---|---|\n{sites}\n:::\n")
    assert run_report("slides", article, "-o", tmp_path / "s.pptx").returncode == 0
    charts = [c for s in slides.plan(pipeline.load(article)).slides for c in s.charts]
    spec = theme()["chart"]
    for chart in charts:  # one series: a value's neighbour stands a category's slot away
        slot = chartlayout.frame(chart).plot.w / len(chart.categories)
        widest = max(text_width(t, chart.label_size, font().bold) for t in chart.series[0].labels)
        assert spec["label_min_size"] <= chart.label_size < spec["label_size"]
        assert widest + spec["label_apart"] * chart.label_size <= slot
    # 25 labels cannot stand apart in the column beside the bullet: a slide of their own
    assert [len(c.categories) for c in charts] == [15, 25]
    assert charts[1].w > 600
    deck = Presentation(tmp_path / "s.pptx")
    sizes = {s.chart.plots[0].data_labels.font.size.pt for slide in deck.slides
             for s in slide.shapes if s.has_chart}
    assert sizes == {c.label_size for c in charts}


def test_a_chart_with_no_room_beside_the_bullets_stands_under_them(build):
    """Eight schools' three years have no room for their values beside the
    bullets, but have across the slide under them: the chart stands there,
    each value on its bar as on a slide of its own, under its caption; it
    took a slide of its own, leaving the bullets alone on a slide two-thirds
    empty. A chart that has no such room under its bullet takes the next
    slide, titled "(cont.)". Values that fit beside them stand there."""
    from report.slidemodel import theme
    deck = Presentation(build("slides", CHARTFIT_ARTICLE))
    names = [title(s) for s in deck.slides]
    slide = deck.slides[names.index("Pass Rates by School")]
    assert "Pass Rates by School (cont.)" not in names
    [frame] = [s for s in slide.shapes if s.has_chart]
    bullets = [s for s in text_shapes(slide) if "Every school improved" in s.text_frame.text]
    assert bullets and frame.top >= bullets[0].top + bullets[0].height
    assert frame.width > deck.slide_width * 0.8 and len(frame.chart.plots[0].categories) == 8
    assert frame.height >= theme()["visual"]["least_picture"] * deck.slide_height * 0.6
    assert frame.chart.plots[0].has_data_labels
    caption = [s for s in text_shapes(slide) if s.text_frame.text == "Pass Rates by School (%)"]
    assert caption and bullets[0].top < caption[0].top < frame.top
    for at, name in enumerate(names):  # no slide of bullets alone before a chart's "(cont.)"
        if name.endswith("(cont.)") and any(s.has_chart for s in deck.slides[at].shapes):
            before = deck.slides[at - 1]
            assert any(s.has_chart for s in before.shapes), name
    beside = next(s for s in deck.slides if title(s) == "Visits by Site")
    [frame] = [s for s in beside.shapes if s.has_chart]
    assert frame.left > deck.slide_width / 2  # right of the bullets


def test_a_charts_category_names_are_never_cut(build):
    """Every name as the article writes it, whole in the deck's chart (lines
    broken where the layout wraps it, no ellipsis): long names on lying bars,
    twelve months beside bullets on lying bars too (under columns there,
    LibreOffice turned them aside), words too long to break on a chart
    across the slide, wide enough for them."""
    deck = Presentation(build("slides", CHARTFIT_ARTICLE))
    layout = slides.plan(pipeline.load(CHARTFIT_ARTICLE))
    names = {s.title: c.categories for s in layout.slides for c in s.charts}
    assert "Pneumonoultramicroscopicsilicovolcanoconiosis" in names["Long Words"]
    kinds = {}
    for slide in deck.slides:
        for frame in (s for s in slide.shapes if s.has_chart):
            name = title(slide).removesuffix(" (cont.)")
            written = names[title(slide)]
            drawn = list(frame.chart.plots[0].categories)
            drawn = drawn[::-1] if frame.chart.chart_type == 57 else drawn  # BAR_CLUSTERED
            assert [normalise(n.replace("\n", " ")) for n in drawn] == written, name
            kinds[name] = frame.chart.chart_type
    assert {kinds[n] for n in ("Visits by Month", "Programs Funded", "Services Used",
                                "Long Words")} == {57}


def test_a_value_axis_over_values_all_zero_spans_a_step(tmp_path):
    """Values too many to label, all zero: the value axis drawn instead runs
    from zero up one step (its ends were both zero, an axis of no length)."""
    rows = "\n".join(f"| {2000 + n} | 0.00 | 0.00 | 0.00 | 0.00 |" for n in range(25))
    deck = deck_of(tmp_path, "# A\n\n::: slide\n## Nothing\n\n| Year | A | B | C | D |\n"
                             f"|---|---|---|---|---|\n{rows}\n:::\n")
    values = chart_on(deck, "Nothing").value_axis
    assert values.visible and values.major_unit > 0
    assert (values.minimum_scale, values.maximum_scale) == (0, values.major_unit)


NEGATIVE = ("# Change\n\n::: slide\n## Columns\n| Year | Change |\n|---|---|\n| 2021 | -5 |\n"
            "| 2022 | 10 |\n| 2023 | -2 |\n:::\n\n::: slide\n## Bars\n| Region | Growth |\n"
            "|---|---|\n| Northern provinces | 4.2% |\n| Southern coastal region | -3.1% |\n:::\n")
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def test_a_chart_with_values_below_zero_reaches_below_them(tmp_path):
    deck = deck_of(tmp_path, NEGATIVE)
    charts = {title(slide): s.chart for slide in deck.slides for s in slide.shapes if s.has_chart}
    assert set(charts) == {"Columns", "Bars"}
    for chart in charts.values():
        values = list(chart.plots[0].series[0].values)
        floor = float(chart._chartSpace.find(f".//{C}valAx/{C}scaling/{C}min").get("val"))
        assert floor < min(values) < 0  # the lowest bar whole, with room for its label
        assert chart.category_axis.tick_label_position == XL_TICK_LABEL_POSITION.LOW


def test_the_handout_draws_bars_below_zero_down_and_left(tmp_path):
    from report.chartview import chart_view
    layout = slides.plan(pipeline.load(write_article(tmp_path, NEGATIVE)))
    for chart in [c for slide in layout.slides for c in slide.charts]:
        view = chart_view(chart, 1.0)
        rects = [[float(x) for x in re.findall(r"-?[\d.]+", path)] for path, _ in view.paths]
        near = {"abs": 0.001}  # the paths' three decimals
        x0, y0, *_ = view.lines[0]  # the category axis, at zero
        for value, (x, y, w, h, _) in zip(chart.series[0].values, rects):
            assert w > 0 and h > 0
            if chart.kind == "column":  # a bar up from the axis, or down from it
                assert (y + h if value > 0 else y) == pytest.approx(y0, **near)
            else:  # a bar right of the axis, or left of it
                assert (x if value > 0 else x + w) == pytest.approx(x0, **near)


def test_every_chart_table_and_picture_has_alt_text(deck):
    for slide in deck.slides:
        for name, description in graphic_descriptions(slide):
            assert len(description) > 10, (title(slide), name)


def test_decorations_are_marked_and_read_last(deck):
    """The accent rules are PowerPoint "decorative" shapes, after all content."""
    for slide in deck.slides:
        decorative = [DECORATIVE in "".join(s._element.xpath("./*[1]/p:cNvPr//@uri"))
                      for s in slide.shapes]
        assert decorative == sorted(decorative), title(slide)
        for shape, flag in zip(slide.shapes, decorative):
            assert flag == (shape.name == "accent rule"), (title(slide), shape.name)


def test_text_contrast_is_at_least_wcag_aa(deck):
    for slide in deck.slides:
        ground = str(slide.background.fill.fore_color.rgb)
        framed = [(shape.text_frame, ground) for shape in text_shapes(slide)]
        framed += [(cell.text_frame, str(cell.fill.fore_color.rgb))
                   for *_, cell in table_cells(slide)]  # a cell on its own ground
        for frame, fill in framed:
            for p in frame.paragraphs:
                for run in p.runs:
                    ratio = slides.contrast(str(run.font.color.rgb), fill)
                    assert ratio >= 4.5, (title(slide), run.text, ratio)


def test_chart_labels_are_readable_on_their_slices():
    for color, fill in [(c, f) for chart in _all_charts() for c, f in
                        zip(chart.label_colors, chart.colors)]:
        assert slides.contrast(color, fill) >= 4.5


def test_a_doughnut_with_thin_slices_labels_those_that_have_room(tmp_path):
    """Slices of 5% and 3% cannot hold a label at any size: the others still
    carry theirs (the 61% slice was left bare), at the size that labels most."""
    deck = deck_of(tmp_path, "# A\n\n::: slide\n## Money\n\n- Salaries were the largest\n\n"
                             "| Category | Share |\n|:--|--:|\n| Tutor salaries | 61% |\n"
                             "| Coordinators | 14% |\n| Training | 9% |\n| Materials | 8% |\n"
                             "| Transportation | 5% |\n| Evaluation | 3% |\n\n"
                             "Table: Share of Program Spending by Category, 2021–2024\n:::\n")
    [planned] = [c for s in slides.plan(pipeline.load(tmp_path / "article.md")).slides
                 for c in s.charts]
    assert planned.labelled[:3] == [True, True, True] and not all(planned.labelled)
    shown = [label.find(f"{C}showVal").get("val") for label in
             chart_on(deck, "Money")._chartSpace.iter(f"{C}dLbl")]
    assert shown[:3] == ["1", "1", "1"]


def test_a_charts_negative_values_are_signed_with_a_minus(tmp_path):
    """"−3.2", as the slide's text and APA set it: in the deck's number
    format and in the labels the handout draws, not the hyphen of "-3.2"."""
    deck = deck_of(tmp_path, "# A\n\n::: slide\n## Change\n\n| Grade | Change |\n|:--|--:|\n"
                             "| Grade 6 | 0.7 |\n| Grade 7 | -3.2 |\n| Grade 8 | -1.4 |\n:::\n")
    chart = chart_on(deck, "Change")
    assert chart.plots[0].data_labels.number_format == '#,##0.0;"\u2212"#,##0.0'
    [planned] = [c for s in slides.plan(pipeline.load(tmp_path / "article.md")).slides
                 for c in s.charts]
    assert planned.series[0].labels == ["0.7", "\u22123.2", "\u22121.4"]


def _all_charts():
    return [chart for article in ARTICLES
            for slide in slides.plan(pipeline.load(article)).slides for chart in slide.charts]


CHARTS_ARTICLE = FIXTURES / "charts" / "article.md"  # doughnuts of 4 and 8 slices, bars, columns
CHARTFIT_ARTICLE = FIXTURES / "chartfit" / "article.md"  # grouped bars of many shapes
TOLD_APART = 20  # CIE76 colour difference: two fills people tell apart at a glance


def delta_e(a: str, b: str) -> float:
    """CIE76 difference of two RRGGBB colours (in CIELAB, D65)."""
    def lab(color: str) -> tuple[float, float, float]:
        rgb = [int(color[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        xyz = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
               0.2126 * r + 0.7152 * g + 0.0722 * b,
               (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
        f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
        return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b))) ** 0.5


def chart_on(deck, name: str):
    slide = next(s for s in deck.slides if title(s) == name)
    return next(s.chart for s in slide.shapes if s.has_chart)


def slice_fills(chart) -> list[str]:
    """Each slice's fill as the deck writes it (c:dPt), in the table's order."""
    return [point.find(f".//{A}srgbClr").get("val") for point in chart._chartSpace.iter(f"{C}dPt")]


def test_every_slice_of_a_doughnut_has_a_colour_of_its_own(build):
    """Four slices or eight: each its own colour from the theme, the lead
    first, "the rest" grey last and only there, every two told apart (four
    slices gave A and C the same red; past six, LibreOffice's defaults)."""
    deck = Presentation(build("slides", CHARTS_ARTICLE))
    spec = THEME["chart"]
    for name, count in [("Four Shares", 4), ("Where the Budget Goes", 8)]:
        fills = slice_fills(chart_on(deck, name))
        assert len(fills) == count, name
        assert fills[0] == spec["lead"] and fills[-1] == spec["rest"]
        assert set(fills) <= {spec["lead"], spec["rest"], *spec["slices"]}
        assert all(delta_e(a, b) >= TOLD_APART for a in fills for b in fills if a != b), fills
        assert len(set(fills)) == count, fills


# --- the layout's rules on made-up articles ---------------------------------------------

def deck_of(folder: Path, body: str, front: str = ""):
    """The deck of an article of `body` (written as write_article writes it),
    built without an error."""
    article = write_article(folder, body, front)
    result = run_report("slides", article, "-o", folder / "s.pptx")
    assert result.returncode == 0, result.stderr
    return Presentation(folder / "s.pptx")


def write_article(folder: Path, body: str, front: str = "") -> Path:
    (folder / "refs.json").write_text('[{"id": "a", "type": "book", "title": "A Book", '
                                      '"author": [{"family": "Doe", "given": "J."}], '
                                      '"issued": {"date-parts": [[2020]]}}]', encoding="utf-8")
    article = folder / "article.md"
    article.write_text(f"---\ntitle: Test\n{front}---\n\n{body}\n", encoding="utf-8")
    return article


def test_too_much_text_continues_on_cont_slides_at_a_legible_size(tmp_path):
    bullets = "\n".join(f"- Point {n}: a longer statement that takes most of a line or more "
                        f"on a slide at any size [@a]" for n in range(14))
    long = "An endless paragraph " + "that keeps going and going " * 120 + "[@a]."
    deck = deck_of(tmp_path, f"# Many\n\n::: slide\n{bullets}\n:::\n\n# Huge\n\n"
                             f"::: slide\n{long}\n:::\n")
    titles = [title(s) for s in deck.slides]
    assert titles[titles.index("Many") + 1] == "Many (cont.)"
    assert "Huge (cont.)" in titles and "Huge (cont.\u00a02)" in titles
    sizes = {r.font.size.pt for s in deck.slides if title(s).startswith("Many")
             for r in s.placeholders[1].text_frame.paragraphs[0].runs}
    assert min(sizes) >= 24  # a split, not a squeeze
    for slide in deck.slides:
        for shape in text_shapes(slide):
            assert measured_height(shape) <= shape.height.pt + 0.01


def bodies(article: Path, name: str) -> list[list]:
    """The body paragraphs of each slide titled `name` or "`name` (cont. …)"."""
    doc = pipeline.load(article)
    with deck_theme(doc):
        layout = slides.plan(doc)
    return [[p for b in s.boxes if b.role == "body" for p in b.paragraphs]
            for s in layout.slides if s.title.split(" (")[0] == name]


def words(paragraph) -> str:
    return "".join(r.text for r in paragraph.runs)


JUDGMENT = ("# *Google Spain* and Its Aftermath\n\n## The Judgment\n\n"
            "The Court's reasoning proceeded in three steps:\n\n"
            "i. a search engine operator is a *controller* of the personal data it indexes;\n"
            "ii. the Data Protection Directive applies to it when it has an establishment in a "
            "Member State; and\n"
            "iii. the data subject's rights \"override, as a rule,\" the economic interest of "
            "the operator and the public's interest in access, as the Court held in its "
            "judgment of 13 May 2014 on the questions of the Audiencia Nacional, at some "
            "length [@a, para. 97].\n\n"
            "The Article 29 Working Party [-@a] then issued guidelines listing thirteen criteria "
            "for handling requests, among them whether the person plays a role in public life "
            "and whether the information is accurate.\n")


def test_a_list_a_paragraph_leads_into_stays_whole_on_its_slide(tmp_path):
    """A digest that needs two slides breaks after the list, not after item ii
    (its sentences let run long: they are cut to 3 lines, and then fit one)."""
    (tmp_path / "long.toml").write_text("[body]\ndigest_lines = 12\n", encoding="utf-8")
    first, second = bodies(write_article(tmp_path, JUDGMENT, "slides:\n  theme: long.toml\n"),
                           "The Judgment")
    assert [p.number for p in first] == [0, 1, 2, 3]
    assert words(first[0]) == "The Court’s reasoning proceeded in three steps:"
    assert [words(p).split()[:3] for p in second] == [["The", "Article", "29"]]


def test_an_item_keeps_its_sub_items_and_a_slide_is_filled_first(tmp_path):
    items = "\n".join(f"{n}. recommendation {n}: a statement of what to do\n" + "".join(
        f"   - condition {c} of {n}\n" for c in range(count))
        for n, count in ((1, 2), (2, 3), (3, 2)))
    pages = bodies(write_article(tmp_path, f"# Advice\n\n::: slide\n{items}:::\n"), "Advice")
    assert [[p.number for p in page if p.level == 0] for page in pages] == [[1, 2], [3]]
    for page in pages:
        assert page[0].level == 0 and page[-1].level == 1  # each item with its conditions


def test_a_long_title_shrinks_then_wraps(tmp_path):
    heading = "A Heading So Long That No Slide Could Hold It On Two Lines " * 3
    article = write_article(tmp_path, f"# {heading}\n\n::: slide\n- One point\n:::\n")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    slide = Presentation(tmp_path / "s.pptx").slides[1]
    run = slide.shapes.title.text_frame.paragraphs[0].runs[0]
    assert run.font.size.pt == TITLE_MIN
    assert measured_height(slide.shapes.title) <= slide.shapes.title.height.pt + 0.01


def test_a_long_parts_kicker_is_cut_to_one_line_above_the_title(tmp_path):
    part = "The Effects of Sleep Deprivation on Academic Performance Among Undergraduates"
    article = write_article(tmp_path, f"# {part}\n\n::: slide\n## Findings\n- One\n:::\n")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    slide = next(s for s in Presentation(tmp_path / "s.pptx").slides if title(s) == "Findings")
    kicker = next(s for s in slide.shapes if s.name == "kicker")
    [line] = measure(kicker)
    assert len(line.starts) == 1  # one line, as its box is tall
    text = kicker.text_frame.text
    assert text.endswith("\u2026") and part.upper().startswith(text[:-1] + " ")  # at a word
    assert len(text) > 40  # cut where the line ends, not far short of it
    assert kicker.top + kicker.height <= slide.shapes.title.top


def test_a_long_part_heading_is_shrunk_then_cut_above_the_slide_number(tmp_path):
    part = "A Part Heading That Keeps Going With Words About Sleep and Memory " * 4
    two = "::: slide\n## {0} a\n- One\n:::\n\n::: slide\n## {0} b\n- Two\n:::\n\n"
    article = write_article(tmp_path, f"# {part}\n\n{two.format('One')}"
                                      f"# Second Part\n\n{two.format('Two')}")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    slide = next(s for s in Presentation(tmp_path / "s.pptx").slides if kind(s) == "Section")
    heading = slide.shapes.title
    lines_shown = measure(heading)
    assert {m.size for m in lines_shown} == {slides.theme()["section"]["title_min_size"]}
    assert sum(len(m.starts) for m in lines_shown) == slides.theme()["section"]["most_lines"]
    assert measured_height(heading) <= heading.height.pt + 0.01
    text = heading.text_frame.text
    assert text.endswith("\u2026") and part.startswith(text[:-1] + " ")
    shapes = {s.name: s for s in slide.shapes}
    rule, number = shapes["accent rule"], shapes["number"]
    assert heading.top + heading.height <= rule.top
    assert rule.top + rule.height <= number.top
    assert normalise(part) in normalise(slide.notes_slide.notes_text_frame.text)


UNIVERSITIES = ["Lakeside University", "University of Oslo", "University of Tokyo",
                "Uppsala University", "University of Lagos", "University of Edinburgh",
                "McGill University", "University of Melbourne", "Seoul National University",
                "University of Cape Town", "ETH Zurich", "University of Chile"]


def authors_front(count: int, department: str) -> str:
    return "author:\n" + "".join(f"  - name: Author {chr(65 + n)} Van Der Longname-Smith\n"
                                  f"    affiliation: {department}, {UNIVERSITIES[n % 12]}\n"
                                  for n in range(count))


def cover_of(tmp_path, front: str):
    article = write_article(tmp_path, "::: slide\n## One\n- One\n:::\n", front)
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    cover = Presentation(tmp_path / "s.pptx").slides[0]
    shapes = {s.name: s for s in cover.shapes}
    for shape in text_shapes(cover):
        assert measured_height(shape) <= shape.height.pt + 0.01, shape.name
        assert shape.top.pt + shape.height.pt <= SIXTEEN_NINE[1].pt - 54 + 0.01  # the margin
    return cover, shapes


def test_a_cover_names_each_affiliation_once_numbered_to_its_authors(tmp_path):
    cover, shapes = cover_of(tmp_path, authors_front(12, "Department of Psychology"))
    names, places = shapes["cover-authors"], shapes["cover-affiliation"]
    assert all(f"Author {chr(65 + n)} " in names.text_frame.text for n in range(12))
    text = places.text_frame.text
    assert text.count("Department of Psychology") == 1
    assert all(u in text for u in UNIVERSITIES)
    raised = [r.text for shape in (names, places) for p in shape.text_frame.paragraphs
              for r in p.runs if r._r.rPr.get("baseline") == "30000"]
    assert raised == [str(n) for n in range(1, 13)] * 2  # after each name, before each place
    assert {r.font.size.pt for shape in (names, places) for p in shape.text_frame.paragraphs
            for r in p.runs} <= {18, 20}
    title_box = shapes["cover-title"]
    assert title_box.top + title_box.height <= names.top
    assert names.top + names.height <= places.top


def test_a_cover_too_small_for_every_author_names_the_first_et_al(tmp_path):
    department = "Department of Comparative Cognitive Neuroscience, Faculty of Health Sciences"
    title_line = "A Long Title About Sleep and Memory in Adolescents Across Twelve Countries " * 4
    front = (f"slides:\n  title: \"{title_line}\"\n  subtitle: \"{'A long subtitle ' * 12}\"\n"
             + authors_front(12, department))
    cover, shapes = cover_of(tmp_path, front)
    assert shapes["cover-authors"].text_frame.text == "Author A Van Der Longname-Smith et al."
    assert "cover-affiliation" not in shapes


def test_a_title_too_long_for_the_cover_is_named_as_the_cause(tmp_path):
    front = f"slides:\n  title: \"{'A Title That Goes On and On ' * 20}\"\n"
    article = write_article(tmp_path, "::: slide\n## One\n- One\n:::\n", front)
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 1
    assert "the title and subtitle are too long for the title slide" in result.stderr


def test_a_picture_on_a_slide_keeps_its_alt_text(tmp_path):
    image = SLEEP_ARTICLE.parent / "recall.png"
    (tmp_path / "recall.png").write_bytes(image.read_bytes())
    article = write_article(tmp_path, "# Results\n\n::: slide\n- Recall rises with sleep\n\n"
                                      "![Recall by hours slept](recall.png)\n:::\n")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    slide = Presentation(tmp_path / "s.pptx").slides[1]
    assert kind(slide) == "Two Content"
    assert graphic_descriptions(slide) == [("picture", "Recall by hours slept")]


def test_a_section_without_a_slide_gets_a_digest_and_a_warning(tmp_path):
    result = run_report("slides", SLEEP_ARTICLE, "-o", tmp_path / "s.pptx")
    assert "section 'Consolidation' has no '::: slide'" in result.stderr
    deck = Presentation(tmp_path / "s.pptx")
    body = next(s for s in deck.slides if title(s) == "Consolidation").placeholders[1]
    assert body.text_frame.paragraphs[0].text == (
        "Memories are replayed during slow-wave sleep, as Stickgold (2005, p.\u00a01274) "
        "describes.")


def test_code_in_a_bullet_is_set_and_measured_in_the_code_font(tmp_path):
    calls = " and ".join(f"`scipy.special.logsumexp_{n}`" for n in range(6))
    article = write_article(tmp_path, f"# A\n\n::: slide\n## Calls\n- Prefer {calls} [@a]\n:::\n")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    deck = Presentation(tmp_path / "s.pptx")
    body = next(s for s in deck.slides if title(s) == "Calls").placeholders[1]
    fonts = {r.text: r.font.name for p in body.text_frame.paragraphs for r in p.runs}
    assert fonts["scipy.special.logsumexp_0"] == THEME["font"]["code_name"] == "Courier New"
    assert fonts["Prefer "] == THEME["font"]["name"]
    assert measured_height(body) <= body.height.pt + 0.01  # wider than Arial: measured so
    handout = tmp_path / "h.pdf"
    assert run_report("handout", article, "-o", handout).returncode == 0
    with pdfplumber.open(handout) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    text = "".join(c["text"] for c in chars)
    start = text.index("scipy.special.logsumexp_0")
    assert "Mono" in chars[start]["fontname"] and "Mono" not in chars[start - 2]["fontname"]


def test_a_citations_year_stays_with_the_name_before_it(tmp_path):
    """No line of a slide starts with a citation's year ("2022)" under
    "(Gromis et al.,"): the last name word, "et al.," and the year are
    joined by no-break spaces; a number after a comma in a sentence is not."""
    (tmp_path / "refs.json").write_text(json.dumps([
        {"id": "g", "type": "article-journal", "title": "Filings",
         "issued": {"date-parts": [[2022]]},
         "author": [{"family": f, "given": "A."} for f in ("Gromis", "Fellows", "Hendrickson")]},
        {"id": "s", "type": "webpage", "title": "Evictions", "issued": {"date-parts": [[2025]]},
         "author": [{"literal": "Al Jazeera Staff"}]}]), encoding="utf-8")
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: Test\n---\n\n# Filings\n\n::: slide\n"
                       "- Filings fell furthest where programs moved fastest [@g; @s]\n"
                       "- In Paris, 2019 was the peak\n:::\n", encoding="utf-8")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    deck = Presentation(tmp_path / "s.pptx")
    body = next(s for s in deck.slides if title(s) == "Filings").placeholders[1]
    first, second = (p.text for p in body.text_frame.paragraphs)
    assert "(Al Jazeera Staff,\u00a02025; Gromis\u00a0et\u00a0al.,\u00a02022)" in first
    assert "Paris, 2019" in second


def test_a_digest_of_one_paragraph_shows_more_than_its_first_sentence(tmp_path):
    sentences = ["Turnover among new nurses is expensive and dangerous.",
                 "A third leave within their first two years (Doe, 2020).",
                 "Each departure costs a hospital a year of salary.",
                 "Patients notice the gaps on every shift.", "Wards then lean on agency staff."]
    deck = deck_of(tmp_path, "# Leaving\n\n" + " ".join(sentences).replace(
        "(Doe, 2020)", "[@a]") + "\n")
    body = next(s for s in deck.slides if title(s) == "Leaving").placeholders[1]
    count = THEME["body"]["digest_paragraphs"]
    assert [p.text for p in body.text_frame.paragraphs] == \
        [t.replace("Doe, 2020", "Doe,\u00a02020") for t in sentences[:count]]


def test_odd_digests_and_tables_build(tmp_path):
    """A header without rows, a quote that opens with a list, a note called
    after a sentence's end, and a theme that digests no paragraph."""
    (tmp_path / "none.toml").write_text("[body]\ndigest_paragraphs = 0\n", encoding="utf-8")
    body = ("# Table\n\n::: slide\n- Bullet\n\n| A | B |\n|---|---|\n:::\n\n# Quote\n\n"
            "They listed these in their own words:\n\n> - first item here\n> - second\n\n"
            "# Noted\n\nThis first sentence ends with a note.[^1] The second sentence is "
            "here and long.\n\n[^1]: The note's text.\n")
    article = write_article(tmp_path, body)
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    deck = Presentation(tmp_path / "s.pptx")
    texts = {title(s): [p.text for p in s.placeholders[1].text_frame.paragraphs]
             for s in list(deck.slides)[1:] if len(s.placeholders) > 1}
    assert texts["Quote"] == ["They listed these in their own words:",
                              "\u201cfirst item here\u201d"]
    assert texts["Noted"] == ["This first sentence ends with a note.1",
                              "The second sentence is here and long."]
    noted = next(s for s in deck.slides if title(s) == "Noted")
    assert "1 The note\u2019s text." in noted.notes_slide.notes_text_frame.text
    quiet = write_article(tmp_path, "# A\n\nOne sentence that is long enough here.\n",
                          "slides:\n  theme: none.toml\n")
    assert run_report("slides", quiet, "-o", tmp_path / "q.pptx").returncode == 0


def test_a_digest_beside_a_figure_keeps_to_first_sentences(tmp_path):
    image = SLEEP_ARTICLE.parent / "recall.png"
    (tmp_path / "recall.png").write_bytes(image.read_bytes())
    deck = deck_of(tmp_path, "# Enrolled\n\nEnrolment had been flat for a decade. It fell in "
                             "the first year. Most growth came from biology.\n\n"
                             "![Enrolment by year](recall.png)\n")
    shown = [s for s in deck.slides if title(s).startswith("Enrolled")]
    assert len(shown) == 1 and any(sh.shape_type == 13 for sh in shown[0].shapes)
    assert shown[0].placeholders[1].text_frame.text == "Enrolment had been flat for a decade."


def test_a_digest_leaves_out_sentences_that_point_to_a_table_no_slide_shows(tmp_path):
    """…(a table outside a `::: slide`: a digested section's own tables get
    slides after it) and keeps those that only point to it in parentheses,
    without them (the pointing words in the article's language: "see
    also", "vgl.")."""
    deck = deck_of(tmp_path, "# Participants\n\nSixty students took part for course credit. "
                             "@tbl-demo shows the groups. Nobody dropped out of the study "
                             "(see also @tbl-demo).\n\n# Data\n\n::: slide\n- Groups\n:::\n\n"
                             "| Group | n |\n|---|---|\n| Sleep | 20 |\n\n: Groups {#tbl-demo}\n\n"
                             "# Appendix\n\nThe word pairs are listed in @tbl-pairs.\n\n"
                             "| Cue | Target |\n|---|---|\n| candle | river |\n\n"
                             ": Word Pairs {#tbl-pairs}\n")
    slides = {title(s): s for s in deck.slides}
    body = slides["Participants"].placeholders[1].text_frame
    assert [p.text for p in body.paragraphs] == [
        "Sixty students took part for course credit.", "Nobody dropped out of the study."]
    # The Appendix's own table is shown, on a slide after its digest: its pointer stays.
    body = slides["Appendix"].placeholders[1].text_frame
    assert body.text == "The word pairs are listed in Table A1."
    [frame] = tables_on(deck, "Appendix (cont.)")
    assert cell_texts(frame)[1] == ["candle", "river"]
    german = write_article(tmp_path, "# Teilnehmende\n\nNiemand brach ab (vgl. @tbl-g). "
                                     "Tabelle 1 zeigt die Gruppen.\n\n# Daten\n\n"
                                     "::: slide\n- A\n:::\n\n"
                                     "| Gruppe | n |\n|---|---|\n| A | 20 |\n\n"
                                     ": Gruppen {#tbl-g}\n", "lang: de\n")
    assert run_report("slides", german, "-o", tmp_path / "de.pptx").returncode == 0
    body = Presentation(tmp_path / "de.pptx").slides[1].placeholders[1]
    assert body.text_frame.text == "Niemand brach ab."


def test_a_number_and_its_unit_part_on_no_line_of_a_slide(tmp_path):
    """"24 °C", "53 %", "p. 33": a no-break space between, which PowerPoint,
    LibreOffice and textfit all keep on one line."""
    deck = deck_of(tmp_path, "# Heat\n\n::: slide\n- It reached 24 °C, and 53 % of 4 billion "
                             "people stayed in [@a, p. 33]\n:::\n")
    body = next(s for s in deck.slides if title(s) == "Heat").placeholders[1].text_frame.text
    for kept in ("24\u00a0°C", "53\u00a0%", "4\u00a0billion", "p.\u00a033"):
        assert kept in body
    with deck_theme(pipeline.load(tmp_path / "article.md")):
        faces = slides.font()
        text = "It reached 24\u00a0°C"
        narrow = text_width("It reached 24", 20, faces.regular) + 1  # "°C" would not fit
        assert lines([Piece(text)], 20, narrow, faces) == [0, len("It reached ")]


@pytest.mark.parametrize("lang, locator, rendered", [
    ("en-US", "para. 12", "para.\u00a012"), ("de", "S. 58", "S.\u00a058"),
    ("es", "párr. 12", "párr.\u00a012"), ("fr", "p. 3", "p.\u00a03")])
def test_a_slide_keeps_on_one_line_what_the_brief_does_in_the_articles_language(
        tmp_path, lang, locator, rendered):
    """One definition of what no line breaks (keptwhole.py), the article's
    language's locators with it: each group the brief sets in a span that
    never breaks has no-break spaces on the slide, and no other space there
    is one; not in code, whose spaces are the reader's to copy."""
    said = (f"Reliable, *p* < .001, *F*(1, 116) = 6.12, 95% CI [-0.05, -0.01], at 24 °C "
            f"[-@a, {locator}], see pp. 212--215 and `x = 5`")
    article = write_article(tmp_path, f"# R\n\n{said}.\n\n::: slide\n- {said}\n:::\n",
                            f"lang: {lang}\n")
    assert run_report("html", article, "-o", tmp_path / "b.html").returncode == 0
    spans = [html.unescape(re.sub(r"<[^>]+>", "", span)) for span in re.findall(
        r'<span class="whole">((?:(?!</span>).)*)</span>', (tmp_path / "b.html").read_text())]
    assert run_report("slides", article, "-o", tmp_path / "s.pptx").returncode == 0
    deck = Presentation(tmp_path / "s.pptx")
    shown = next(s for s in deck.slides if title(s) == "R").placeholders[1]
    runs = [r for p in shown.text_frame.paragraphs for r in p.runs]
    body = "".join(r.text for r in runs)  # a number's sign a minus in both (minussign.py)
    kept = [span.replace(" ", "\u00a0") for span in spans]
    assert rendered in kept and "p\u00a0<\u00a0.001" in kept and "24\u00a0°C" in kept
    assert all(group in body for group in kept), (kept, body)
    assert body.count("\u00a0") == sum(group.count("\u00a0") for group in kept)
    assert [r.text for r in runs if r.font.name == THEME["font"]["code_name"]] == ["x = 5"]

def test_a_block_quote_on_a_slide_stands_in_quotation_marks_before_its_source(tmp_path):
    """On a slide nothing else sets a quotation apart: it opens and closes
    in the language's marks, the closing one before its citation or page,
    the full stop after them (APA §8.26)."""
    deck = deck_of(tmp_path, "# Said\n\n::: slide\n- Before\n\n> It made all the difference "
                             "[@a, p. 4].\n\n> Done. (p. 54)\n\n> One.\n>\n> Two.\n:::\n")
    body = next(s for s in deck.slides if title(s) == "Said").placeholders[1]
    assert [p.text for p in body.text_frame.paragraphs] == [
        "Before", "\u201cIt made all the difference\u201d (Doe,\u00a02020, p.\u00a04).",
        "\u201cDone\u201d (p.\u00a054).", "\u201cOne.", "Two.\u201d"]
    german = write_article(tmp_path, "# Zitat\n\n::: slide\n> Es half.\n:::\n", "lang: de\n")
    assert run_report("slides", german, "-o", tmp_path / "de.pptx").returncode == 0
    body = Presentation(tmp_path / "de.pptx").slides[1].placeholders[1]
    assert body.text_frame.text == "\u201eEs half.\u201c"


def test_a_digest_shows_the_quotation_a_sentence_introduces(tmp_path):
    deck = deck_of(tmp_path, "# What Happened\n\nRetention rose from 71% to 89%.\n\n"
                             "The graduates said it in their own words:\n\n> Having one "
                             "person who knew me made all the difference. It did.\n")
    body = next(s for s in deck.slides if title(s) == "What Happened").placeholders[1]
    assert [p.text for p in body.text_frame.paragraphs] == [
        "Retention rose from 71% to 89%.", "The graduates said it in their own words:",
        "\u201cHaving one person who knew me made all the difference.\u201d"]
    german = write_article(tmp_path, "# Danach\n\nSie sagten:\n\n> Es half.\n", "lang: de\n")
    assert run_report("slides", german, "-o", tmp_path / "de.pptx").returncode == 0
    body = Presentation(tmp_path / "de.pptx").slides[1].placeholders[1]
    assert body.text_frame.paragraphs[1].text == "\u201eEs half.\u201c"


def test_a_digest_shows_the_equation_a_sentence_introduces(tmp_path):
    """"The fit minimized the squared error:" is followed by its equation,
    not left hanging on its colon, on a line of its own with no bullet; the
    speaker notes say it too."""
    deck = deck_of(tmp_path, "# Fit\n\nThe fit minimized the squared error:\n\n"
                             "$$ E = \\sum_k (T_k - \\hat{T}_k)^2 $$ {#eq-fit}\n")
    slide = next(s for s in deck.slides if title(s) == "Fit")
    body = slide.placeholders[1].text_frame
    equation = "E = \u2211k(Tk \u2212 T\u0302k)2"
    assert [p.text for p in body.paragraphs] == ["The fit minimized the squared error:", equation]
    assert body.paragraphs[1]._p.pPr.find(f"{A}buNone") is not None
    assert equation in slide.notes_slide.notes_text_frame.text
    alone = deck_of(tmp_path, "# Energy\n\n$$ E = mc^2 $$\n")  # a section of an equation only
    slide = next(s for s in alone.slides if title(s) == "Energy")
    assert slide.placeholders[1].text_frame.text == "E = mc2"


def test_a_digest_shows_what_a_paragraph_leads_into_mid_sentence(tmp_path):
    """"The model is" before its equation, or "They were" before a list,
    ends no sentence: the digest shows what it leads into under it, not a
    fragment; a paragraph that ends its sentence leaves its list to the brief."""
    deck = deck_of(tmp_path, "# Model\n\nThe model is\n\n$$ y = a + bx $$\n\n"
                             "and it fits the data well.\n\nThe groups were\n\n- young\n"
                             "- old\n\nWe also asked three questions.\n\n- Why\n- How\n")
    body = next(s for s in deck.slides if title(s) == "Model").placeholders[1].text_frame
    assert [p.text for p in body.paragraphs] == [
        "The model is", "y = a + bx", "and it fits the data well.", "The groups were",
        "young", "old", "We also asked three questions."]


@pytest.mark.parametrize("ending", ["in the U.S.", "e.g.", "in the end\u2026",
                                    "\u00abin the end.\u00bb"])
def test_a_paragraph_that_ends_its_sentence_with_an_abbreviation_leads_into_nothing(
        tmp_path, ending):
    """A paragraph's last sentence ended by an initial, an abbreviation, an
    ellipsis or a closing guillemet was read as leading into mid-sentence:
    the list after it shown under it, as after "The groups were"."""
    deck = deck_of(tmp_path, f"# Study\n\nThe study ran {ending}\n\n- Why\n- How\n\n"
                             "The groups were\n\n- young\n- old\n")
    body = next(s for s in deck.slides if title(s) == "Study").placeholders[1].text_frame
    assert [p.text for p in body.paragraphs] == [
        f"The study ran {ending}", "The groups were", "young", "old"]


def test_a_quotation_on_a_digest_says_who_said_it_and_where(tmp_path):
    """The sentence that introduces a quotation stands over it though it is
    not its paragraph's first, and the page the quotation ends with follows
    its first sentence; the work it names is on the references slide."""
    deck = deck_of(tmp_path, (
        "# Courts\n\nCourts deferred to agencies for decades. They no longer do so today.\n\n"
        "The agencies wait for the rules. Their plans stall for now.\n\nThe court upheld the "
        "plan. It said so in two opinions. A later court might not, as @a anticipated:\n\n"
        "> What the Court did was to insist on reasons. That demand does not end expertise. "
        "(p. 54)\n\nThe agencies adapt to the courts. Slowly, they do.\n"))
    body = next(s for s in deck.slides if title(s) == "Courts").placeholders[1]
    assert [p.text for p in body.text_frame.paragraphs] == [
        "Courts deferred to agencies for decades.", "The agencies wait for the rules.",
        "The court upheld the plan.",
        "A later court might not, as Doe (2020) anticipated:",
        "\u201cWhat the Court did was to insist on reasons\u201d (p.\u00a054).",
        "The agencies adapt to the courts."]
    assert "Doe, J. (2020)" in " ".join(
        shape.text_frame.text for shape in deck.slides[-1].shapes if shape.has_text_frame)


def test_a_signed_number_keeps_its_sign_as_a_minus_on_a_slide(tmp_path):
    deck = deck_of(tmp_path, "# A\n\n::: slide\n## Effect\n- The indirect effect was "
                             "reliable, 95% CI [-0.05, -0.01], a well-known 3-4 point "
                             "drop [@a]\n:::\n")
    text = next(s for s in deck.slides if title(s) == "Effect").placeholders[1].text_frame.text
    # "95% CI" and the interval each on one line, as in the brief (keptwhole.py).
    assert "95%\u00a0CI [\u22120.05,\u00a0\u22120.01], a well-known 3-4 point drop" in text


def test_a_part_opened_by_its_own_slide_is_named_not_counted(tmp_path):
    """A part whose first slide carries its heading needs no slide of its
    own; above the slides of its subsections the kicker names it. It says
    no "Part 3 of 3": that count is of the parts of several slides only,
    and read as the talk's parts while the others stood unlabelled."""
    body = "".join(f"# {part}\n\n{lead}## {a}\n\nText {a}.\n\n## {b}\n\nText {b}.\n\n"
                   for part, lead, a, b in [("Method", "", "A", "B"), ("Results", "", "C", "D"),
                                            ("Discussion", "Opening prose here.\n\n", "E", "F")])
    deck = deck_of(tmp_path, "Intro text.\n\n" + body)
    texts = [[sh.text_frame.text for sh in s.shapes if sh.has_text_frame] for s in deck.slides]
    assert ["Method", "Part 1 of 3"] == texts[2][:2] and ["Results", "Part 2 of 3"] == texts[5][:2]
    assert texts[8][:2] == ["Discussion", "Opening prose here."]  # no kicker over its name
    assert [t[:2] for t in texts[9:11]] == [["E", "DISCUSSION"], ["F", "DISCUSSION"]]
    # …nor does the first slide of a part whose heading a later slide carries
    deck = deck_of(tmp_path, "Intro.\n\n# Alpha\n\n## A\n\nText a.\n\n## B\n\nText b.\n\n"
                             "# Beta\n\n## Sub\n\nProse of sub.\n\n## Next\n\nMore prose.\n\n"
                             "::: slide\n## Beta\n- c\n:::\n")
    texts = [[sh.text_frame.text for sh in s.shapes if sh.has_text_frame] for s in deck.slides]
    assert [t[:2] for t in texts[5:7]] == [["Sub", "BETA"], ["Beta", "c"]]


def test_notes_are_shared_out_over_cont_slides_not_repeated(tmp_path):
    image = SLEEP_ARTICLE.parent / "recall.png"
    (tmp_path / "recall.png").write_bytes(image.read_bytes())
    rows = "\n".join(f"| Site {i} | Region {i % 5} | {7 * i} |" for i in range(1, 31))
    article = write_article(tmp_path, "# Sites\n\nFirst we went north. Then we went south.\n\n"
                            "::: slide\n- Thirty sites [@a]\n\n| Site | Region | Visits |\n"
                            f"|---|---|---:|\n{rows}\n:::\n")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    notes = [s.notes_slide.notes_text_frame.text if s.has_notes_slide else ""
             for s in Presentation(tmp_path / "s.pptx").slides if title(s).startswith("Sites")]
    assert notes[:2] == ["First we went north.", "Then we went south."]
    # the slides after them do not say the prose again, but what they show
    assert len(notes) > 2 and all(n.startswith("Table. Rows ") and "went" not in n
                                  for n in notes[2:])


def test_a_footnote_on_a_slide_is_in_its_speaker_notes(tmp_path):
    """…numbered as the brief numbers it, the number raised where it is called."""
    deck = deck_of(tmp_path, "# A\n\nProse.^[A note in the prose.]\n\n::: slide\n"
                             "## Noted\n- A bullet with a note^[On the slide [@a].]\n:::\n"
                             "\n::: notes\nSay this.\n:::\n")
    slide = next(s for s in deck.slides if title(s) == "Noted")
    assert slide.placeholders[1].text_frame.text == "A bullet with a note2"
    mark = slide.placeholders[1].text_frame.paragraphs[0].runs[-1]
    assert (mark.text, mark._r.rPr.get("baseline")) == ("2", "30000")  # raised, as in the brief
    assert slide.notes_slide.notes_text_frame.text == "Say this.\n2 On the slide (Doe,\u00a02020)."


def test_a_note_called_on_the_cover_is_in_its_speaker_notes(tmp_path):
    """A note on the title or subtitle (a funder's thanks) keeps its raised
    number on the cover; its text is in the cover's speaker notes after the
    abstract, with the abstract's own, numbered as called."""
    article = write_article(tmp_path, "# A\n\nProse.^[In the text.]\n")
    article.write_text(article.read_text(encoding="utf-8").replace(
        "title: Test\n", 'title: "Sleep^[Funded.]"\nsubtitle: "A study^[Second.]"\n'
        'abstract: "We study sleep.^[Third.]"\n'), encoding="utf-8")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    cover = Presentation(tmp_path / "s.pptx").slides[0]
    shown = {s.name: s.text_frame for s in cover.shapes if s.has_text_frame}
    assert shown["cover-title"].text == "Sleep1" and shown["cover-subtitle"].text == "A study2"
    raised = [r.text for r in shown["cover-subtitle"].paragraphs[0].runs
              if r._r.rPr is not None and r._r.rPr.get("baseline") == "30000"]
    assert raised == ["2"]
    assert cover.notes_slide.notes_text_frame.text.split("\n") == [
        "We study sleep.3", "1 Funded.", "2 Second.", "3 Third."]


def test_calls_side_by_side_on_a_slide_are_parted_by_a_comma(tmp_path):
    deck = deck_of(tmp_path, "# A\n\n::: slide\n## Noted\n- Two notes.[^a][^b] One.[^c]\n"
                             ":::\n\n[^a]: First.\n[^b]: Second.\n[^c]: Third.\n")
    slide = next(s for s in deck.slides if title(s) == "Noted")
    runs = slide.placeholders[1].text_frame.paragraphs[0].runs
    raised = [r.text for r in runs if r._r.rPr.get("baseline") == "30000"]
    assert slide.placeholders[1].text_frame.text == "Two notes.1,2 One.3"
    assert raised == ["1", ",2", "3"]


def test_a_digest_keeps_a_subheadings_words_at_the_start_of_its_paragraph(tmp_path):
    deck = deck_of(tmp_path, "# Findings\n\n#### Does It Work?\n\nIt does. More.\n\n"
                             "##### Ends With a Citation [@a]\n\nText after five.\n")
    slide = next(s for s in deck.slides if title(s) == "Findings")
    body = slide.placeholders[1].text_frame.paragraphs
    assert [p.text for p in body] == ["Does It Work? It does.", "More.",
                                      "Ends With a Citation (Doe,\u00a02020). Text after five."]
    assert body[0].runs[0].font.bold and not body[0].runs[-1].font.bold
    assert "Does It Work? It does. More." in slide.notes_slide.notes_text_frame.text
    assert "References" in [title(s) for s in deck.slides]  # the heading's citation listed


def test_a_section_of_only_a_list_a_table_or_a_picture_gets_its_slide(tmp_path):
    image = SLEEP_ARTICLE.parent / "recall.png"
    (tmp_path / "recall.png").write_bytes(image.read_bytes())
    article = write_article(tmp_path, "# Key Messages\n\n1. **Bold lead.** More text [@a].\n"
                                      "2. Second point.\n\n# Stages\n\n| Stage | Role |\n"
                                      "|---|---|\n| N1 | Drifting off |\n| N3 | Facts |\n\n"
                                      "# Picture\n\n![Recall by hours slept](recall.png)\n")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    assert "3 sections have no '::: slide'" in result.stderr  # one warning for them all
    for name in ("Key Messages", "Stages", "Picture"):
        assert f"'{name}' (line " in result.stderr
    deck = Presentation(tmp_path / "s.pptx")
    listed = next(s for s in deck.slides if title(s) == "Key Messages")
    body = listed.placeholders[1].text_frame.paragraphs
    assert [p.text for p in body] == ["Bold lead. More text (Doe,\u00a02020).", "Second point."]
    assert all(p._p.pPr.find(f"{A}buAutoNum") is not None for p in body)
    assert "Second point." in listed.notes_slide.notes_text_frame.text
    assert "References" in [title(s) for s in deck.slides]  # the list's citation is listed
    [frame] = tables_on(deck, "Stages")
    assert cell_texts(frame) == [["Stage", "Role"], ["N1", "Drifting off"], ["N3", "Facts"]]
    pictured = next(s for s in deck.slides if title(s) == "Picture")
    assert graphic_descriptions(pictured) == [("picture", "Recall by hours slept")]


def test_each_slide_gets_the_notes_written_after_it(tmp_path):
    def slide(name: str) -> str:
        return f"::: slide\n## {name}\n- {name}\n:::\n\n"

    def notes(text: str) -> str:
        return f"::: notes\n{text}\n:::\n\n"
    body = ("# One\n\nProse of the section.\n\n" + slide("A") + notes("For A.") + slide("B")
            + notes("For B.") + slide("C") + slide("D") + notes("For C and D.") + slide("E")
            + "# Two\n\n" + notes("Before its slides.") + slide("F") + slide("G"))
    result = run_report("slides", write_article(tmp_path, body), "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    noted = {title(s): s.notes_slide.notes_text_frame.text
             for s in Presentation(tmp_path / "s.pptx").slides if s.has_notes_slide}
    # Notes are the slide's they follow (D's, not C's too); the slides without
    # say the section's text that leads up to them, once: C, not E again.
    assert [noted.get(name, "") for name in "ABCDEFG"] == [
        "For A.", "For B.", "Prose of the section.", "For C and D.", "",
        "Before its slides.", ""]


def test_a_part_without_prose_says_its_slides_bullets(build):
    """'Mass Deportation' has no prose of its own: its slide's notes say
    neither its subsections' prose (their own slides say it) nor a bare list
    of their headings (the titles of the slides after it), but its bullets."""
    deck = Presentation(build("slides", DEFAULT_ARTICLE))
    slide = next(s for s in deck.slides if title(s) == "Deportation Fuels Cartel Anger")
    notes = slide.notes_slide.notes_text_frame.text
    doc = pipeline.load(DEFAULT_ARTICLE)
    first = next(b for b in doc.blocks if isinstance(b, Para)
                 and plain_text(b.children).startswith("A second reason"))
    assert normalise(plain_text(first.children)) not in normalise(notes)
    subsections = [plain_text(b.children) for b in doc.blocks
                   if isinstance(b, Heading) and b.level == 2]
    assert not any(line in subsections for line in notes.split("\n"))
    body = next(s for s in slide.shapes if s.name == "body")
    assert [line.lstrip("\u2022 ") for line in notes.split("\n")] == \
        [p.text for p in body.text_frame.paragraphs]


# --- theme and bytes ----------------------------------------------------------------

def test_same_bytes_on_a_rebuild(tmp_path):
    for n in (1, 2):
        result = run_report("slides", SLEEP_ARTICLE, "-o", tmp_path / f"{n}.pptx")
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "1.pptx").read_bytes() == (tmp_path / "2.pptx").read_bytes()


# --- tables of text -------------------------------------------------------------------

STAGES = [["Stage", "Brain waves", "Role for memory"], ["N1", "Theta", "Drifting off"],
          ["N2", "Spindles", "Motor skills (Walker, 2017)"],
          ["N3", "Slow waves", "Facts and events"], ["REM", "Mixed, fast", "Emotion and links"]]


def tables_on(deck, name: str) -> list:
    slide = next(s for s in deck.slides if title(s) == name)
    return [s for s in slide.shapes if s.has_table]


def cell_texts(frame) -> list[list[str]]:
    return [[normalise(cell.text) for cell in row.cells] for row in frame.table.rows]


def test_a_table_of_text_becomes_a_native_table_beside_the_bullets(build):
    deck = Presentation(build("slides", TABLES_ARTICLE))
    slide = next(s for s in deck.slides if title(s) == "What Each Stage Does")
    assert kind(slide) == "Two Content"
    [frame] = tables_on(deck, "What Each Stage Does")
    assert cell_texts(frame) == STAGES
    assert frame.table.first_row  # the header row, as screen readers know it
    for r, row in enumerate(frame.table.rows):
        for cell in row.cells:
            assert {run.font.bold for p in cell.text_frame.paragraphs for run in p.runs} == {
                r == 0}
    body = slide.placeholders[1]
    assert frame.left >= body.left + body.width  # in the visual's column, right of the bullets
    assert [s.name for s in slide.shapes] == ["title", "kicker", "body", "caption", "table",
                                              "footer", "number", "accent rule"]
    assert graphic_descriptions(slide) == [("table", "Table: What the stages of sleep do. "
                                            "4 rows under the headings Stage, Brain waves, "
                                            "and Role for memory.")]


def test_a_tables_summary_is_in_the_articles_language(tmp_path):
    text = TABLES_ARTICLE.read_text(encoding="utf-8").replace("---\n", "---\nlang: de\n", 1)
    for path in TABLES_ARTICLE.parent.iterdir():
        if path.is_file():
            (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "article.md").write_text(text, encoding="utf-8")
    out = tmp_path / "deck.pptx"
    assert run_report("slides", tmp_path / "article.md", "-o", out).returncode == 0
    deck = Presentation(out)
    slide = next(s for s in deck.slides if title(s) == "What Each Stage Does")
    assert graphic_descriptions(slide) == [("table", "Tabelle: What the stages of sleep do. "
                                            "4 Zeilen unter den Überschriften Stage, "
                                            "Brain waves und Role for memory.")]


def test_every_table_cell_fits_its_row_by_the_fonts_own_metrics(deck):
    spec = slides.theme()["table"]
    for slide in deck.slides:
        for frame in [s for s in slide.shapes if s.has_table]:
            table = frame.table
            assert 0 <= frame.left.pt and frame.left.pt + frame.width.pt <= deck.slide_width.pt
            assert 0 <= frame.top.pt and frame.top.pt + frame.height.pt <= deck.slide_height.pt
            assert abs(sum(c.width for c in table.columns) - frame.width) < 100  # EMU
            assert abs(sum(r.height for r in table.rows) - frame.height) < 100
            for row in table.rows:
                for column, cell in zip(table.columns, row.cells):
                    end = cell.text_frame.paragraphs[-1]._p.find(f"{A}endParaRPr")
                    assert int(end.get("sz")) / 100 >= spec["min_size"]  # an empty line's size
                    if not cell.text.strip():
                        assert int(end.get("sz")) / 100 <= spec["size"]
                        continue
                    text = SimpleNamespace(text_frame=cell.text_frame, width=Emu(
                        column.width - cell.margin_left - cell.margin_right))
                    need = measured_height(text) + (cell.margin_top + cell.margin_bottom) / 12700
                    assert need <= row.height.pt + 0.01, (title(slide), cell.text)
                    assert all(r.font.size.pt >= spec["min_size"]
                               for p in cell.text_frame.paragraphs for r in p.runs)


PREVALENCE = [  # four bullets that need two slides: three and one were left so
    "The most recent multistate point-prevalence survey sampled 12,299 patients in 199 "
    "hospitals and found that 3.2% had at least one HAI [@a, p. 1735].",
    "Pneumonia, gastrointestinal infections (most often *Clostridioides difficile*), and "
    "surgical-site infections were the most common types.",
    "The survey repeated a 2011 study, and the drop between the two was driven largely by "
    "fewer surgical-site and urinary tract infections, which suggests that targeted "
    "prevention works.",
    "Hospital-level data published by the Centers for Medicare & Medicaid Services [-@a] "
    "allow any reader to compare a local hospital's standardized infection ratios with the "
    "national benchmark.",
]


def test_bullets_on_cont_slides_are_balanced_not_left_a_stub(tmp_path):
    """The last slide takes bullets from the one before while that brings
    the two nearer in height: no bullet moved either way would even them."""
    deck = deck_of(tmp_path, "# A\n\n::: slide\n## Prevalence\n"
                             + "".join(f"- {b}\n" for b in PREVALENCE) + ":::\n")
    pair = [next(s for s in deck.slides if title(s) == name)
            for name in ("Prevalence", "Prevalence (cont.)")]
    bodies = [[m for shape in text_shapes(slide) if shape.name == "body" for m in measure(shape)]
              for slide in pair]

    def height(paragraphs) -> float:
        return block_height(sum(len(m.starts) for m in paragraphs), paragraphs[0].size,
                            paragraphs[0].spacing) + sum(m.space_before for m in paragraphs[1:])
    first, last = bodies
    now = abs(height(first) - height(last))
    assert now <= abs(height(first[:-1]) - height([first[-1], *last]))
    assert len(last) == 1 or now <= abs(height([*first, last[0]]) - height(last[1:]))


def test_a_long_table_continues_under_its_header_on_cont_slides(build):
    deck = Presentation(build("slides", TABLES_ARTICLE))
    parts = tables_on(deck, "Twelve Habits") + tables_on(deck, "Twelve Habits (cont.)")
    assert len(parts) == 2
    rows = []
    for frame in parts:
        header, *body = cell_texts(frame)
        assert header == ["Habit", "How often", "Effect"]
        assert abs(len(body) - 6) <= 1  # balanced: no stub on the last slide
        rows += body
        sizes = {r.font.size.pt for row in frame.table.rows for cell in row.cells
                 for p in cell.text_frame.paragraphs for r in p.runs}
        assert min(sizes) >= slides.theme()["table"]["split_size"]  # a split, not a squeeze
    assert len(rows) == 12 and rows[0] == ["Fixed bedtime", "Daily", "Strong"]
    assert rows[-1] == ["Same wake time", "Daily", "Strong"]
    cells = parts[0].table.rows[1].cells  # the article's alignments: left, centre, right
    assert [c.text_frame.paragraphs[0].alignment for c in cells] == [1, 2, 3]


def test_a_table_without_bullets_takes_the_full_width(build):
    deck = Presentation(build("slides", TABLES_ARTICLE))
    [frame] = tables_on(deck, "Advice for the Night Before")
    margin = slides.theme()["slide"]["margin"]
    assert (frame.left.pt, round(frame.width.pt, 2)) == (margin, deck.slide_width.pt - 2 * margin)
    texts = cell_texts(frame)
    assert texts[1][1].endswith("far better than after a night awake (Stickgold, 2005).")
    heights = [row.height for row in frame.table.rows]
    assert heights[1] > 2.5 * heights[2]  # the long cell wraps: its row grows, not the table


def test_a_row_taller_than_a_slide_is_cut_with_an_ellipsis_and_a_warning(tmp_path):
    long = "A cell that goes on and on " * 150  # more than a slide holds at any size
    article = write_article(tmp_path, f"# Long\n\n::: slide\n| Term | Meaning |\n|---|---|\n"
                                      f"| Short | Brief [@a] |\n| Long | {long}|\n:::\n")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    assert f"{article}:8:1: warning: table 'Term, Meaning' is too big for a slide: the deck " \
        "cuts 1 of its rows, too tall" in result.stderr
    deck = Presentation(tmp_path / "s.pptx")
    rows = [row for s in deck.slides if title(s).startswith("Long") for f in s.shapes
            if f.has_table for row in cell_texts(f)[1:]]
    assert [row[0] for row in rows] == ["Short", "Long"]  # each row once, whole or cut
    assert normalise(long).startswith(rows[1][1][:-1]) and rows[1][1].endswith("\u2026")
    assert "References" in [title(s) for s in deck.slides]  # the cell's citation is listed


def breaks_inside_words(frame) -> list[str]:
    """The cells of a table whose lines break inside a word, as the font's
    own metrics break them in the cell's column."""
    out = []
    for row in frame.table.rows:
        for column, cell in zip(frame.table.columns, row.cells):
            box = SimpleNamespace(text_frame=cell.text_frame, width=Emu(
                column.width - cell.margin_left - cell.margin_right))
            for m in measure(box):
                text = "".join(p.text for p in m.pieces)
                if any(text[i - 1] not in " -" for i in m.starts if i):
                    out.append(text)
    return out


def test_a_long_wide_table_keeps_rows_and_words_whole_and_says_what_it_left_out(tmp_path):
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike".split()
    cells = [[" ".join(words[(r + c) % 13:] + words[:(r + c) % 13]) if (r + c) % 3 == 0
              else words[(r * c) % 13] for c in range(8)] for r in range(25)]
    rows = "\n".join("| " + " | ".join(row) + " |" for row in cells)
    wide = "| " + " | ".join(f"Head{w}" for w in words) + " |\n" + "|---" * 13 + "|\n" + \
        "\n".join("| " + " | ".join(f"supercalifragilistic{w}" for w in words) + " |"
                  for _ in range(3))
    article = write_article(tmp_path, "# Big\n\n::: slide\n| " + " | ".join(
        f"Column {c}" for c in range(8)) + " |\n" + "|---" * 8 + f"|\n{rows}\n\nTable: Big\n"
        f":::\n\n# Wide\n\n::: slide\n{wide}\n:::\n")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    most = slides.theme()["table"]["most_slides"]
    deck = Presentation(tmp_path / "s.pptx")
    frames = [f for s in deck.slides if title(s).startswith("Big") for f in s.shapes
              if f.has_table]
    shown = [row for f in frames for row in cell_texts(f)[1:]]
    assert 1 < len(frames) <= most
    assert [row[1] for row in shown] == [row[1] for row in cells[:len(shown)]]  # once each
    assert f"{article}:8:1: warning: table 'Big' is too big for a slide: the deck shows " \
        f"{len(shown)} of its 25 rows" in result.stderr
    [frame] = [f for s in deck.slides if title(s) == "Wide" for f in s.shapes if f.has_table]
    columns = len(frame.table.columns)
    assert 1 < columns < 13 and cell_texts(frame)[0] == [f"Head{w}" for w in words[:columns]]
    assert f"{article}:42:1: warning: table 'Headalpha, Headbravo, …' is too big for a slide: " \
        f"the deck shows {columns} of its 13 columns; keep it in the brief only" in result.stderr
    assert not [text for f in frames + [frame] for text in breaks_inside_words(f)]


def test_a_short_table_of_long_words_leaves_columns_out_not_words_broken(tmp_path):
    """Five long words side by side fit no slide whole at any size: the
    columns that do not fit are left out with a warning (never a word cut at
    the largest size), and the two rows stand under the bullet, not on a
    "(cont.)" slide of their own."""
    head = ["Categoría", "Desinstitucionalización", "Interdisciplinariedad",
            "Electroencefalografistas", "Otorrinolaringológico"]
    body = ("# Tabla\n\n::: slide\n## Palabras Largas\n\n| " + " | ".join(head) + " |\n"
            + "|:--" * 5 + "|\n| Nivel | Incomprehensibilidades | Extraordinariamente | "
            "Internacionalización | Caleidoscópicamente |\n\n- ¿Por qué la "
            "interdisciplinariedad es imprescindible?\n:::\n")
    article = write_article(tmp_path, body, "lang: es-MX\n")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    deck = Presentation(tmp_path / "s.pptx")
    assert [title(s) for s in deck.slides][1:] == ["Palabras Largas"]
    [frame] = tables_on(deck, "Palabras Largas")
    columns = len(frame.table.columns)
    assert 1 < columns < 5 and cell_texts(frame)[0] == head[:columns]
    assert not breaks_inside_words(frame)
    assert f"the deck shows {columns} of its 5 columns" in result.stderr


def test_the_deck_is_in_the_articles_language(tmp_path):
    """PowerPoint spell-checks a run in the language its `lang` names: every
    text of a Spanish article's deck, its charts' and notes' too, and the
    defaults new text takes, are es-MX, and so is the core properties'."""
    deck = deck_of(tmp_path, "# Resultados\n\n::: slide\n- ¿Qué pasó con la información?\n\n"
                             "| Año | Casos |\n|---|---|\n| 2022 | 40 |\n| 2023 | 52 |\n:::\n\n"
                             "::: notes\nLa información.\n:::\n", "lang: es-MX\n")
    assert deck.core_properties.language == "es-MX"
    parts = [deck.part, *(m.part for m in deck.slide_masters)]
    for slide in deck.slides:
        parts += [slide.part, slide.notes_slide.part]
        parts += [s.chart.part for s in slide.shapes if s.has_chart]
    assert any(p.partname.endswith(".xml") and "chart" in p.partname for p in parts)
    langs = {e.get("lang") for part in parts
             for e in part._element.iter(f"{A}rPr", f"{A}defRPr", f"{A}endParaRPr")}
    assert langs == {"es-MX"}
    lang = "{http://schemas.openxmlformats.org/drawingml/2006/chart}lang"
    assert {e.get("val") for p in parts for e in p._element.iter(lang)} <= {"es-MX"}


def test_a_table_too_wide_to_stand_beside_one_bullet_stands_under_it(tmp_path):
    table = ("| Measure | Definition | Source | Years covered |\n|---|---|---|---|\n"
             "| Sleep duration | Hours asleep per night, self-reported | National survey | "
             "2010 to 2020 |\n| Recall | Words remembered the next morning | Laboratory test | "
             "2015 to 2019 |\n")
    deck = deck_of(tmp_path, "# Measures\n\n::: slide\n- One bullet about the "
                             f"measures below [@a]\n\n{table}:::\n")
    assert [title(s) for s in deck.slides][1:] == ["Measures", "References"]
    slide = deck.slides[1]
    body = slide.placeholders[1]
    [frame] = tables_on(deck, "Measures")
    assert cell_texts(frame)[2] == ["Recall", "Words remembered the next morning",
                                    "Laboratory test", "2015 to 2019"]
    assert frame.top >= body.top + body.height  # under the bullet, not beside it
    margin = slides.theme()["slide"]["margin"]
    assert frame.left.pt == margin and round(frame.width.pt, 2) == deck.slide_width.pt - 2 * margin
    footer = next(s for s in slide.shapes if s.name == "number")
    assert frame.top + frame.height <= footer.top


def test_a_long_tables_first_rows_stand_under_its_bullets_not_after_them(tmp_path):
    rows = "\n".join(f"| Site {i} | Region {i % 5} | {7 * i} |" for i in range(1, 31))
    article = write_article(tmp_path, "# Sites\n\n::: slide\n- Thirty sites [@a]\n- Five "
                            f"regions\n\n| Site | Region | Visits |\n|---|---|---:|\n{rows}\n"
                            "\nTable: Sites visited\n:::\n")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr  # one slide more than the table's own: all rows
    deck = Presentation(tmp_path / "s.pptx")
    shown = [s for s in deck.slides if title(s).startswith("Sites")]
    first = shown[0]
    body = first.placeholders[1]
    [frame] = [f for f in first.shapes if f.has_table]  # no slide of bullets alone
    assert body.text_frame.text.startswith("Thirty sites")
    assert frame.top >= body.top + body.height
    footer = next(s for s in first.shapes if s.name == "number")
    assert frame.top + frame.height <= footer.top
    body_rows = [row for s in shown for f in s.shapes if f.has_table
                 for row in cell_texts(f)[1:]]
    assert [row[0] for row in body_rows] == [f"Site {i}" for i in range(1, 31)]  # once each
    counts = [len(cell_texts(f)) - 1 for s in shown for f in s.shapes if f.has_table]
    assert counts[0] >= slides.theme()["table"]["least_under"] and len(counts) == len(shown)


def test_a_long_compound_word_sets_the_bullets_smaller_not_broken(tmp_path):
    word = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz"
    deck = deck_of(tmp_path, f"# Beispiel\n\n::: slide\n- {word} als abschreckendes "
                             "Beispiel für Verwaltungsdeutsch\n:::\n", "lang: de-DE\n")
    body = next(s for s in deck.slides if title(s) == "Beispiel").placeholders[1]
    spec = slides.theme()["body"]
    [m] = measure(body)
    size = body.text_frame.paragraphs[0].runs[0].font.size.pt
    assert spec["split_size"] <= size < spec["size"]  # smaller than it need be for height
    assert m.starts[1] == len(word) + 1  # the word whole on its line, the next after it


def test_a_nested_list_splits_at_a_sub_item_when_kept_whole_it_costs_a_slide(tmp_path):
    nested = ("- Workload and safety\n  - Full patient load too early\n"
              "    - Assigned six patients in week two\n    - No buffer on admission-heavy days\n"
              "  - Night shifts without senior cover\n    - Charge nurse also carrying patients\n"
              "    - Rapid-response team slow to arrive\n- Support and belonging\n"
              "  - No named person to ask\n")
    deck = deck_of(tmp_path, "# Leaving\n\nTurnover is expensive and it is dangerous."
                             f"\n\nThe exit interviews grouped as follows:\n\n{nested}")
    shown = [s for s in deck.slides if title(s).startswith("Leaving")]
    assert [title(s) for s in shown] == ["Leaving", "Leaving (cont.)"]  # not three
    texts = [[p.text for p in s.placeholders[1].text_frame.paragraphs] for s in shown]
    items = [line.strip()[2:] for line in nested.splitlines()]
    assert texts[0][2:] + texts[1] == items  # each once, in order
    assert texts[0][-1] != "Full patient load too early"  # no slide ends on a heading
    assert all(measured_height(s.placeholders[1]) <= s.placeholders[1].height.pt + 0.01
               for s in shown)


def test_a_bullet_cut_at_a_slides_end_continues_without_a_new_bullet(tmp_path):
    long = "A bullet that keeps going and going " * 60
    deck = deck_of(tmp_path, f"# Huge\n\n::: slide\n- {long}\n- Short\n:::\n")
    paragraphs = [p for s in deck.slides if title(s).startswith("Huge")
                  for p in s.placeholders[1].text_frame.paragraphs]
    marks = [p._p.pPr.find(f"{A}buChar") is not None for p in paragraphs]
    assert len(marks) >= 3 and marks[0] and marks[-1]  # the long bullet's, and Short's
    assert not any(marks[1:-1])  # its rest on the "(cont.)" slides: no bullet of its own
    assert len({p._p.pPr.get("marL") for p in paragraphs}) == 1  # its text where it was
    assert normalise(" ".join(p.text for p in paragraphs[:-1])) == normalise(long)


def test_a_cut_heading_does_not_end_on_a_short_word(tmp_path):
    heading = "An Absurdly Long Level-One Heading That Keeps Going With Words About " + \
        " ".join(["Sleep and Memory That Keeps Going With Words About"] * 6)
    two = "::: slide\n## {0} a\n- A bullet\n:::\n\n::: slide\n## {0} b\n- y\n:::\n\n"
    article = write_article(tmp_path, f"# {heading}\n\n{two.format('Short')}"
                                      f"# Second Part\n\n{two.format('Other')}")
    doc = pipeline.load(article)
    with deck_theme(doc):
        layout = slides.plan(doc)
    [cut] = [words(p) for s in layout.slides for b in s.boxes if b.role == "section-title"
             for p in b.paragraphs if words(p) != "Second Part"]
    assert cut.endswith("About Sleep\u2026")  # not "Sleep and…"
    assert heading.startswith(cut[:-1])


def _part(name: str, count: int) -> str:
    return f"# {name}\n\nText.\n\n" + "".join(
        f"::: slide\n## {name} slide {n}\n- Point\n:::\n\n" for n in range(1, count + 1))


@pytest.mark.parametrize("counts,dividers", [
    # Numbered among all the talk's parts: Beta, one slide, stands between.
    ((2, 1, 3), ["Part 1 of 3: Alpha", "Part 3 of 3: Gamma"]),
    ((1, 1, 1), []),
    ((3, 1, 1), []),  # one part of several slides: no dividers at all
])
def test_a_part_of_one_slide_opens_with_no_divider(tmp_path, counts, dividers):
    body = "".join(_part(name, n) for name, n in zip(("Alpha", "Beta", "Gamma"), counts))
    (tmp_path / "article.md").write_text(f"---\ntitle: T\n---\n\n{body}", encoding="utf-8")
    doc = pipeline.load(tmp_path / "article.md")
    with deck_theme(doc):
        shown = [f"{s.boxes[1].paragraphs[0].runs[0].text}: {s.title}"
                 for s in slides.plan(doc).slides if s.kind == "section"]
    assert shown == dividers


def test_a_doi_with_angle_brackets_is_linked_whole_on_the_references_slide(tmp_path):
    """A SICI DOI (AMS journals, 1960s-90s) holds "<...>": the link reaches
    past it to the DOI's end, its target escaped as doi.org takes it."""
    doi = "10.1175/1520-0469(1967)024<0241:TEOTAW>2.0.CO;2"
    (tmp_path / "refs.json").write_text(json.dumps([{
        "id": "m", "type": "article-journal", "title": "Thermal equilibrium of the atmosphere",
        "container-title": "Journal of the Atmospheric Sciences", "volume": "24",
        "page": "241-259", "DOI": doi, "issued": {"date-parts": [[1967]]},
        "author": [{"family": "Manabe", "given": "Syukuro"}]}]), encoding="utf-8")
    (tmp_path / "article.md").write_text("---\ntitle: T\n---\n\n# A\n\n::: slide\n- Warming "
                                         "[@m]\n:::\n", encoding="utf-8")
    result = run_report("slides", tmp_path / "article.md", "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    refs = next(s for s in Presentation(tmp_path / "s.pptx").slides if title(s) == "References")
    links = [(r.text, r.hyperlink.address) for shape in refs.shapes if shape.has_text_frame
             for p in shape.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
    assert links == [(f"https://doi.org/{doi}",
                      "https://doi.org/10.1175/1520-0469(1967)024%3C0241:TEOTAW%3E2.0.CO;2")]


def test_a_url_longer_than_a_line_stays_linked_in_pieces_that_fit_one(tmp_path):
    """LibreOffice never breaks a link but breaks between two: a URL too long
    for a line is linked in pieces cut after its slashes, each to the whole
    address and none wider than the references' box."""
    url = ("https://www.fda.gov/news-events/press-announcements/"
           "fda-approves-first-drug-treatment-peanut-allergy-children")
    (tmp_path / "refs.json").write_text(json.dumps([{
        "id": "f", "type": "report", "genre": "Press release", "URL": url,
        "title": "FDA approves first drug for treatment of peanut allergy for children",
        "author": [{"literal": "U.S. Food and Drug Administration"}],
        "issued": {"date-parts": [[2019, 1, 31]]}}]), encoding="utf-8")
    (tmp_path / "article.md").write_text("---\ntitle: T\n---\n\n# A\n\n::: slide\n- Approved "
                                         "[@f]\n:::\n", encoding="utf-8")
    result = run_report("slides", tmp_path / "article.md", "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    refs = next(s for s in Presentation(tmp_path / "s.pptx").slides if title(s) == "References")
    [box] = [shape for shape in refs.shapes if shape.name == "references"]
    runs = [r for p in box.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
    assert "".join(r.text for r in runs) == url and len(runs) > 1
    assert {r.hyperlink.address for r in runs} == {url}
    for run in runs:
        assert text_width(run.text, run.font.size.pt, slides.font().regular) <= box.width.pt
    assert measured_height(box) <= box.height.pt + 0.01  # each piece whole, as LibreOffice sets it


def test_what_a_slide_cannot_show_is_named_in_a_warning(tmp_path):
    """A second code block, and a second picture, were dropped from their
    slide without a word: the author hears which slide left what out."""
    image = SLEEP_ARTICLE.parent / "recall.png"
    (tmp_path / "recall.png").write_bytes(image.read_bytes())
    article = write_article(tmp_path, "# A\n\n::: slide\n## Code\n- Pin the seed\n\n"
                                      "```python\nrandom.seed(1)\n```\n\n```sh\nmake all\n```\n"
                                      ":::\n\n"
                                      "::: slide\n## Pictures\n- One point\n\n"
                                      "![First](recall.png)\n\n![Second](recall.png)\n:::\n")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    assert f"{article}:7:1: warning: slide 'Code': a second code block is left out" \
        in result.stderr
    assert f"{article}:20:1: warning: slide 'Pictures': a second figure is left out" \
        in result.stderr
    deck = Presentation(tmp_path / "s.pptx")
    shown = {title(s): [sh.name for sh in s.shapes] for s in deck.slides}
    assert shown["Pictures"].count("picture") == 1
    text = "".join(sh.text_frame.text for s in deck.slides for sh in s.shapes
                   if sh.has_text_frame)
    assert "random.seed(1)" in text and "make all" not in text


# --- code on slides -----------------------------------------------------------------

def code_shapes(deck) -> list[tuple[str, object]]:
    """(slide title, shape) of every code block the deck shows."""
    return [(title(s), sh) for s in deck.slides for sh in s.shapes if sh.name == "code"]


def code_lines_of(shape) -> list[str]:
    return [p.text for p in shape.text_frame.paragraphs]


def check_code_shape(deck, shape) -> float:
    """The code's box lies inside the slide above the footer, on the theme's
    ground, inset by its padding; every line in Courier New at one size,
    none wider than the box by Liberation Mono's metrics, and the lines no
    taller than it. Its size."""
    from report.slidemodel import code_face
    from report.textfit import FILL, text_width
    spec = THEME["code"]
    left, top = Emu(shape.left).pt, Emu(shape.top).pt
    w, h = Emu(shape.width).pt, Emu(shape.height).pt
    assert left >= 0 and left + w <= deck.slide_width.pt
    assert top >= 0 and top + h <= deck.slide_height.pt - THEME["body"]["bottom"] + 0.01
    assert str(shape.fill.fore_color.rgb) == spec["fill"]
    frame = shape.text_frame
    assert Emu(frame.margin_left).pt == pytest.approx(spec["padding"], abs=0.01)
    assert Emu(frame.margin_top).pt == pytest.approx(spec["padding"], abs=0.01)
    runs = [r for p in frame.paragraphs for r in p.runs]
    assert {r.font.name for r in runs} == {"Courier New"}
    sizes = {r.font.size.pt for r in runs}
    assert len(sizes) == 1
    size = sizes.pop()
    assert spec["min_size"] <= size <= spec["size"]
    inner = w - 2 * spec["padding"]
    for line in code_lines_of(shape):
        assert text_width(line, size, code_face()) <= inner * FILL, line
    lines = len(frame.paragraphs)
    assert block_height(lines, size, spec["line_spacing"]) <= h - 2 * spec["padding"] + 0.01
    return size


def test_a_code_block_is_shown_as_written_in_the_code_font(tmp_path):
    """A slide's code block stands beside its bullets, its lines as written
    (indents and blank lines kept) in Courier New (measured with Liberation
    Mono) on the theme's tint, at the theme's size."""
    code = "def seed():\n    random.seed(1)\n\n\treturn 1\n"
    article = write_article(tmp_path, f"# A\n\n::: slide\n## Seeds\n- Pin the seed\n\n"
                                      f"```python\n{code}```\n:::\n")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    assert "left out" not in result.stderr
    deck = Presentation(tmp_path / "s.pptx")
    [(name, shape)] = code_shapes(deck)
    assert name == "Seeds"
    assert code_lines_of(shape) == ["def seed():", "    random.seed(1)", "", "    return 1"]
    assert check_code_shape(deck, shape) == THEME["code"]["size"]
    body = next(s for s in deck.slides if title(s) == "Seeds").placeholders[1]
    assert Emu(body.left + body.width).pt < Emu(shape.left).pt  # beside the bullets
    empty = shape.text_frame.paragraphs[2]._p.find(f"{A}endParaRPr")
    assert empty.get("sz") == str(THEME["code"]["size"] * 100)  # a blank line as high


def test_a_long_line_shrinks_then_is_cut_with_a_warning_at_its_line(tmp_path):
    """A line too long for the slide at the theme's size is set smaller, down
    to min_size; longer still, it is cut with an ellipsis, and a warning
    names its line in the article. The other lines stay whole."""
    wide = "x = " + "a + " * 40 + "b"      # 165 characters: never fits
    fair = "y = " + "c + " * 14 + "d"       # 61 characters: fits at a smaller size
    article = write_article(tmp_path, "# A\n\n::: slide\n## Fair\n```\n" + fair +
                            "\n```\n:::\n\n::: slide\n## Wide\n```\nshort\n" + wide +
                            "\nend\n```\n:::\n")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    deck = Presentation(tmp_path / "s.pptx")
    shapes = dict(code_shapes(deck))
    assert code_lines_of(shapes["Fair"]) == [fair]
    assert check_code_shape(deck, shapes["Fair"]) <= THEME["code"]["size"]
    assert code_lines_of(shapes["Wide"])[0::2] == ["short", "end"]
    cut = code_lines_of(shapes["Wide"])[1]
    assert cut.endswith("\u2026") and wide.startswith(cut[:-1])
    assert check_code_shape(deck, shapes["Wide"]) == THEME["code"]["min_size"]
    assert f"{article}:18:1: warning: a line of code is too long for a slide" in result.stderr
    assert result.stderr.count("line of code is too long") == 1


def test_a_long_line_of_code_stands_under_the_bullets_at_the_size_its_width_allows(tmp_path):
    """A line too long for code's split size on any slide is set smaller on
    every slide alike: under the bullets, not on a slide of its own."""
    line = "scores = " + " + ".join(f"weight_{n} * value_{n}" for n in range(4)) + "  # total"
    deck = deck_of(tmp_path, f"# A\n\n::: slide\n## One Pass\n- Sum the scores\n"
                             f"- Keep one total [@a]\n\n```python\n{line}\n```\n:::\n")
    [(name, shape)] = code_shapes(deck)
    assert name == "One Pass" and "One Pass (cont.)" not in [title(s) for s in deck.slides]
    size = check_code_shape(deck, shape)
    assert size < THEME["code"]["split_size"] and code_lines_of(shape) == [line]
    body = next(s for s in deck.slides if title(s) == "One Pass").placeholders[1]
    assert shape.top >= body.top + body.height


def test_a_block_that_fits_under_the_bullets_a_little_smaller_stands_there(tmp_path):
    """Thirteen lines that fit under two bullets at 14 pt, not at the split size:
    set there, not on a "(cont.)" slide after a slide of lonely bullets."""
    code = "".join(f"  step_{n}(devices, kernel);  // then the next\n" for n in range(13))
    deck = deck_of(tmp_path, "# A\n\n::: slide\n## Core Loop\n- A C++17 core with a Python "
                             "control plane, as before [@a]\n- One epoch takes under 2 ms for 64 "
                             f"devices\n\n```cpp\n{code}```\n:::\n",
                   "slides:\n  footer: ECE 7420 Systems Seminar\n")
    [(name, shape)] = code_shapes(deck)
    assert name == "Core Loop" and len(code_lines_of(shape)) == 13
    assert THEME["code"]["under_size"] <= check_code_shape(deck, shape) \
        < THEME["code"]["split_size"]


def test_many_lines_continue_on_cont_slides_never_split(tmp_path):
    """A block longer than a slide continues on "(cont.)" slides, as a
    table does: every line once, in order, each slide's box within it; its
    first lines under the bullets, not on a slide after them."""
    code = "".join(f"line_{n:02} = {n}\n" for n in range(60))
    deck = deck_of(tmp_path, f"# A\n\n::: slide\n## Listing\n- What follows\n\n"
                             f"```\n{code}```\n:::\n")
    shapes = code_shapes(deck)
    assert len(shapes) >= 3
    assert [name for name, _ in shapes][:3] == ["Listing", "Listing (cont.)",
                                              "Listing (cont.\u00a02)"]
    first = next(s for s in deck.slides if title(s) == "Listing")
    assert first.placeholders[1].text_frame.text == "What follows"
    assert shapes[0][1].top >= first.placeholders[1].top + first.placeholders[1].height
    assert [line for _, shape in shapes for line in code_lines_of(shape)] == \
        code.splitlines()
    for _, shape in shapes:
        assert check_code_shape(deck, shape) == THEME["code"]["split_size"]
    counts = [len(code_lines_of(shape)) for _, shape in shapes]
    assert counts[0] >= THEME["code"]["least_under"]
    assert max(counts[1:]) - min(counts[1:]) <= 1  # balanced: the last slide no stub


def test_code_on_cont_slides_breaks_between_functions(build):
    """Where a blank line stands late on a slide, the next slide starts
    after it, at the next function, and no slide starts or ends blank."""
    deck = Presentation(build("slides", CODE_ARTICLE))
    listing = [code_lines_of(shape) for name, shape in code_shapes(deck)
               if name.startswith("A Long Listing")]
    assert len(listing) == 2
    assert listing[1][0] == "def widest(lines, size):"
    assert all(lines[0] and lines[-1] for lines in listing)
    for _, shape in code_shapes(deck):
        check_code_shape(deck, shape)


def test_code_past_most_slides_is_left_out_with_a_warning(tmp_path):
    code = "".join(f"step({n})\n" for n in range(300))
    article = write_article(tmp_path, f"# A\n\n::: slide\n## Steps\n```\n{code}```\n:::\n")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    shapes = code_shapes(Presentation(tmp_path / "s.pptx"))
    assert len(shapes) == THEME["code"]["most_slides"]
    shown = [line for _, shape in shapes for line in code_lines_of(shape)]
    assert shown == code.splitlines()[:len(shown)]
    assert f"{article}:10:1: warning: a code block is too long for the deck: it shows " \
        f"{len(shown)} of its 300 lines" in result.stderr


def test_a_section_of_code_alone_gets_its_code_on_its_digest_slide(tmp_path):
    """A digest slide shows a section's code only when it has no prose to
    digest (as with a table): prose is summed up, its code left to the brief."""
    deck = deck_of(tmp_path, "# Prose\n\nThe method is simple. It runs.\n\n"
                             "```\nrun --fast\n```\n\n# Only Code\n\n```\nmake all\n```\n")
    assert [(name, code_lines_of(shape)) for name, shape in code_shapes(deck)] == \
        [("Only Code", ["make all"])]


def test_the_light_theme_sets_code_on_its_own_tint(tmp_path):
    light = tomllib.loads((STYLES / "deck-light.toml").read_text(encoding="utf-8"))
    article = write_article(tmp_path, "# A\n\n::: slide\n## C\n```\nx = 1\n```\n:::\n",
                            front="slides:\n  theme: light\n")
    assert run_report("slides", article, "-o", tmp_path / "s.pptx").returncode == 0
    [(_, shape)] = code_shapes(Presentation(tmp_path / "s.pptx"))
    assert str(shape.fill.fore_color.rgb) == light["code"]["fill"] != THEME["code"]["fill"]


def test_a_two_digit_number_stands_a_space_away_from_its_text(tmp_path):
    from report.slidemodel import font
    from report.textfit import text_width
    items = "\n".join(f"{n}. Item {n}" for n in range(1, 13))
    article = write_article(tmp_path, f"# Twelve\n\n::: slide\n{items}\n:::\n")
    assert run_report("slides", article, "-o", tmp_path / "s.pptx").returncode == 0
    paragraphs = [p for slide in Presentation(tmp_path / "s.pptx").slides
                  if title(slide).startswith("Twelve")
                  for p in slide.placeholders[1].text_frame.paragraphs]
    two_digits = [p for p in paragraphs if p.text in ("Item 10", "Item 11", "Item 12")]
    assert len(two_digits) == 3
    for p in two_digits:
        size = p.runs[0].font.size.pt
        hang = Emu(-int(p._p.pPr.get("indent"))).pt
        number = text_width(p.text.split()[1] + ".", size, font().regular)
        assert hang - number >= 0.95 * text_width(" ", size, font().regular)


def test_a_wide_picture_stands_under_the_bullets_a_tall_one_beside(tmp_path):
    from PIL import Image
    Image.new("RGB", (1000, 100), (30, 60, 120)).save(tmp_path / "wide.png")
    Image.new("RGB", (100, 1000), (120, 60, 30)).save(tmp_path / "tall.png")
    article = write_article(tmp_path, "".join(
        f"# {name}\n\n::: slide\n- A point\n- Another\n\n![{name}]({name.lower()}.png)\n:::\n\n"
        for name in ("Wide", "Tall")))
    assert run_report("slides", article, "-o", tmp_path / "s.pptx").returncode == 0
    deck = Presentation(tmp_path / "s.pptx")
    for slide in list(deck.slides)[1:]:
        body = slide.placeholders[1]
        [shown] = [s for s in slide.shapes if s.shape_type == 13]  # the picture
        if title(slide) == "Wide":  # across the slide, under the bullets: 8x larger
            assert shown.top > body.top + body.height
            assert shown.width > 0.9 * (deck.slide_width - 2 * body.left)
        else:
            assert shown.left > body.left + body.width and shown.top < body.top + body.height


def test_small_caps_underline_and_strikeout_are_set_on_slides(tmp_path):
    """Pandoc's `[x]{.smallcaps}`, `[x]{.underline}` and `~~x~~`, as the
    brief sets them: DrawingML's cap, u and strike; measured as LibreOffice
    sets small capitals (capitals at 80%), so a line breaks where it breaks."""
    deck = deck_of(tmp_path, "# A\n\n::: slide\n## Marked\n- [Lee]{.smallcaps} said "
                             "[this]{.underline}, not ~~that~~ [@a]\n:::\n")
    slide = next(s for s in deck.slides if title(s) == "Marked")
    runs = {r.text: r._r.rPr.attrib for r in slide.placeholders[1].text_frame.paragraphs[0].runs}
    assert (runs["Lee"].get("cap"), runs["this"].get("u"), runs["that"].get("strike")) == (
        "small", "sng", "sngStrike")
    assert not any(k in runs[" said "] for k in ("cap", "u", "strike"))
    from report.slidemodel import font
    from report.textfit import SMALL_CAPS, words
    size, face = 24, font().regular
    [(_, _, width)] = words([Piece("Lee", small_caps=True)], size, font())
    assert width == pytest.approx(text_width("L", size, face)
                                  + text_width("EE", size * SMALL_CAPS, face))


def test_right_to_left_names_keep_their_place_on_slides(tmp_path):
    """An Arabic author on a slide and in its references, isolated as in the
    brief (FSI … PDI): the bidi algorithm drew the year into the name's run,
    "(1999 ,ابن سينا)"; an entry that begins with one is led by a
    left-to-right mark, or LibreOffice sets it right to left, publisher
    first. The marks take no room when the text is fitted."""
    article = write_article(tmp_path, "# Sources\n\n::: slide\n- As shown [@s]\n:::\n")
    (tmp_path / "refs.json").write_text(
        '[{"id": "s", "type": "book", "author": [{"literal": "ابن سينا"}], '
        '"title": "القانون في الطب", "issued": {"date-parts": [[1999]]}, '
        '"publisher": "دار الكتب العلمية"}]', encoding="utf-8")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    texts = [p.text for s in Presentation(tmp_path / "s.pptx").slides
             for shape in text_shapes(s) for p in shape.text_frame.paragraphs]
    assert "As shown (\u2068ابن سينا\u2069, 1999)" in texts
    assert ("\u200e\u2068ابن سينا\u2069. (1999). \u2068القانون في الطب\u2069. "
            "\u2068دار الكتب العلمية\u2069.") in texts
    with deck_theme(pipeline.load(article)):
        face = slides.font().regular
        assert text_width("\u200e\u2068x\u2069", 18, face) == text_width("x", 18, face)
