"""Pandoc and Quarto slide conventions that authors bring to an article,
read back from the deck (python-pptx) and the brief (pdfplumber)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pptx import Presentation

from conftest import run_report, write_paper
from test_deck import read_title

REFS = [{"id": "lee2020", "type": "book", "title": "A book", "publisher": "Press",
         "author": [{"family": "Lee", "given": "Ann"}], "issued": {"date-parts": [[2020]]}}]


def article(tmp_path: Path, body: str, front: str = "title: A Title\nshort-title: Short") -> Path:
    return write_paper(tmp_path, body, front, REFS)


def built(path: Path, kind: str, name: str) -> Path:
    out = path.parent / name
    result = run_report(kind, path, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def brief_text(path: Path) -> str:
    with pdfplumber.open(built(path, "pdf", "brief.pdf")) as pdf:
        return " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)


def deck_slides(path: Path) -> list:
    return list(Presentation(built(path, "slides", "deck.pptx")).slides)


def titles(slides) -> list[str]:
    return [read_title(s.shapes.title.text_frame.text) if s.shapes.title else "" for s in slides]


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def test_a_slide_div_with_more_classes_or_an_id_is_a_slide_not_brief_text(tmp_path):
    """Quarto's `{.slide .smaller}` and an id (`{#s1 .slide}`): Pandoc reads a
    div by its classes; the slide went into the brief as a heading and list."""
    path = article(tmp_path, "# Results\n\nProse [@lee2020].\n\n"
                             "::: {.slide .smaller}\n## Smaller Point\n\n"
                             "- Hidden bullet one\n:::\n\n"
                             "::: {#s2 .slide}\n## Named Point\n\n- Hidden bullet two\n:::\n")
    text = brief_text(path)
    assert "Prose (Lee, 2020)" in text
    for shown in ("Smaller Point", "Hidden bullet one", "Named Point", "Hidden bullet two"):
        assert shown not in text
    slides = deck_slides(path)
    assert titles(slides)[1:3] == ["Smaller Point", "Named Point"]
    bodies = [shape.text_frame.text for s in slides[1:3] for shape in s.placeholders
              if shape.placeholder_format.idx == 1]
    assert bodies == ["Hidden bullet one", "Hidden bullet two"]


def test_refs_div_with_classes_places_the_reference_list(tmp_path):
    """`::: {#refs .references .csl-bib-body}`, as Quarto writes it, places the
    list before the appendix text that follows it."""
    path = article(tmp_path, "# Results\n\nProse [@lee2020].\n\n"
                             "::: {#refs .references .csl-bib-body}\n:::\n\n"
                             "# Afterword\n\nAfterword text.\n")
    text = brief_text(path)
    assert text.index("Lee, A. (2020). A book.") < text.index("Afterword text.")


def test_notes_inside_a_slide_div_are_that_slides_notes(tmp_path):
    """Quarto and Pandoc write `::: notes` inside the slide: they were lost,
    the section's prose spoken in their place."""
    path = article(tmp_path, "# Results\n\nThe section's prose.\n\n"
                             "::: slide\n## First\n\n- A point\n\n"
                             "::: notes\nSay this on the first slide.\n:::\n:::\n\n"
                             "::: notes\nAnd this after it.\n:::\n\n"
                             "::: slide\n## Second\n\n- Another point\n:::\n\n"
                             "::: slide\n## Third\n\n- A third point\n\n"
                             "::: notes\nOnly for the third.\n:::\n:::\n")
    slides = deck_slides(path)
    assert titles(slides)[1:4] == ["First", "Second", "Third"]
    assert notes(slides[1]) == "Say this on the first slide.\nAnd this after it."
    assert notes(slides[2]) == "The section\u2019s prose."  # not the third's, written in it
    assert notes(slides[3]) == "Only for the third."
    assert "Say this" not in brief_text(path)


def test_a_rule_in_a_slide_div_begins_a_new_slide(tmp_path):
    """Pandoc's slide shows begin a slide at `---`: the first part keeps the
    div's title, a part opening with a heading takes it, an untitled one the
    section's; each part's notes written in it are its own."""
    path = article(tmp_path, "# Results\n\nThe prose.\n\n"
                             "::: slide\n## Opening\n\n- One\n\n---\n\n## Second Title\n\n"
                             "- Two\n\n::: notes\nFor the second.\n:::\n\n---\n\n"
                             "- Three\n:::\n")
    slides = deck_slides(path)
    assert titles(slides)[1:4] == ["Opening", "Second Title", "Results"]
    bodies = [shape.text_frame.text for s in slides[1:4] for shape in s.placeholders
              if shape.placeholder_format.idx == 1]
    assert bodies == ["One", "Two", "Three"]
    # The prose is said once, on the slide it leads up to.
    assert [notes(s) for s in slides[1:4]] == ["The prose.", "For the second.", ""]


def test_an_untitled_slide_after_its_namesake_continues_it(tmp_path):
    """An untitled part after `---`, or a second untitled `::: slide`, takes
    the section's title, which the slide before has: it read "Results
    (Results)" under a kicker "RESULTS"; now "Results (cont.)" with none, as
    a slide run over reads, and "(cont. 2)" after that."""
    path = article(tmp_path, "# Results\n\nThe prose.\n\n::: slide\n- One\n\n---\n\n- Two\n"
                             ":::\n\n::: slide\n- Three\n:::\n")
    slides = deck_slides(path)
    assert titles(slides)[1:4] == ["Results", "Results (cont.)", "Results (cont.\u00a02)"]
    texts = [[shape.text_frame.text for shape in s.shapes if shape.has_text_frame]
             for s in slides[1:4]]
    assert not any("RESULTS" in text for slide in texts for text in slide)  # no kicker


def columns_article(tmp_path: Path, left: str, right: str) -> Path:
    return article(tmp_path, "# Results\n\nThe prose [@lee2020].\n\n::: slide\n## Compared\n\n"
                             ":::: {.columns}\n::: {.column width=\"50%\"}\n"
                             f"{left}\n:::\n::: {{.column width=\"50%\"}}\n{right}\n"
                             ":::\n::::\n:::\n")


def test_quarto_columns_of_bullets_stand_side_by_side(tmp_path):
    """`.columns` of two `.column` divs of bullets: two bodies beside each
    other (the Two Content layout's placeholders), as Quarto's pptx puts
    them; they ran on in one column, the right's under the left's."""
    from test_deck import measured_height
    path = columns_article(tmp_path, "- Before: slow\n- Before: costly",
                           "- After: fast\n- After: cheap [@lee2020]")
    slides = deck_slides(path)
    slide = slides[titles(slides).index("Compared")]
    assert slide.slide_layout.name == "Two Content"
    left, right = (next(s for s in slide.placeholders if s.placeholder_format.idx == idx)
                   for idx in (1, 2))
    assert left.text_frame.text == "Before: slow\nBefore: costly"
    assert right.text_frame.text == "After: fast\nAfter: cheap (Lee,\u00a02020)"
    assert left.top == right.top and left.width == right.width
    assert left.left + left.width < right.left
    assert right.left + right.width <= slide.shapes.title.left + slide.shapes.title.width
    sizes = {r.font.size.pt for shape in (left, right) for p in shape.text_frame.paragraphs
             for r in p.runs}
    assert len(sizes) == 1 and sizes.pop() >= 24
    for shape in (left, right):
        assert measured_height(shape) <= shape.height.pt + 0.01
    assert titles(slides)[-1] == "References"
    assert "Before: slow" not in brief_text(path)


def test_columns_too_long_for_a_slide_run_on_in_one_column(tmp_path):
    many = "\n".join(f"- Left point {n} that takes up most of a column's line" for n in range(12))
    slides = deck_slides(columns_article(tmp_path, many, "- Right point"))
    shown = [s for s in slides if titles([s])[0].startswith("Compared")]
    assert len(shown) >= 2 and all(s.slide_layout.name == "Content" for s in shown)
    texts = [p.text for s in shown for shape in s.placeholders
             if shape.placeholder_format.idx == 1 for p in shape.text_frame.paragraphs]
    assert texts == [f"Left point {n} that takes up most of a column\u2019s line"
                     for n in range(12)] + ["Right point"]


def test_a_footer_too_long_for_one_line_is_cut_and_said(tmp_path):
    """`slides: footer:` longer than a slide's foot ran onto a second line,
    past the slide's bottom edge."""
    from test_deck import measured_height
    footer = ("Lee Chen, Department of Very Long Names, University of Somewhere Far Away, "
              "Methods Seminar Series, Spring Term 2025, Session 14")
    path = article(tmp_path, "# Results\n\n::: slide\n- A point\n:::\n",
                   f"title: A Title\nslides:\n  footer: \"{footer}\"")
    result = run_report("slides", path, "-o", path.parent / "deck.pptx")
    assert result.returncode == 0 and "footer is too long" in result.stderr, result.stderr
    deck = Presentation(path.parent / "deck.pptx")
    for slide in list(deck.slides)[1:]:
        [shape] = [s for s in slide.shapes if s.name == "footer"]
        text = shape.text_frame.text
        assert text.endswith("\u2026") and footer.startswith(text[:-1].rstrip())
        assert measured_height(shape) <= shape.height.pt + 0.01
        assert shape.top.pt + shape.height.pt <= deck.slide_height.pt
        number = next(s for s in slide.shapes if s.name == "number")
        assert shape.left + shape.width <= number.left


def test_a_footer_that_fits_is_shown_whole(tmp_path):
    path = article(tmp_path, "# Results\n\n::: slide\n- A point\n:::\n",
                   "title: A Title\nslides:\n  footer: \"PSY 202 \u00b7 Week 3\"")
    result = run_report("slides", path, "-o", path.parent / "deck.pptx")
    assert result.returncode == 0 and "footer is too long" not in result.stderr
    shapes = [s for slide in Presentation(path.parent / "deck.pptx").slides
              for s in slide.shapes if s.name == "footer"]
    assert shapes and {s.text_frame.text for s in shapes} == {"PSY 202 \u00b7 Week 3"}


def test_pandoc_slide_show_options_are_said_to_be_unused_not_unknown(tmp_path):
    """`incremental: true` (Quarto, pandoc's pptx) was an "unknown key; did
    you mean 'impact-statement'?"; it is a slide-show option the deck does
    its own way."""
    path = article(tmp_path, "# Results\n\n::: slide\n- A point\n:::\n",
                   "title: A Title\nincremental: true\nslide-level: 2")
    result = run_report("slides", path, "-o", path.parent / "deck.pptx")
    assert result.returncode == 0
    for line, key in ((3, "incremental"), (4, "slide-level")):
        assert f"article.md:{line}:1: warning: '{key}' is a pandoc or Quarto slide-show " \
            "option that report does not use" in result.stderr
    assert "unknown" not in result.stderr and "did you mean" not in result.stderr


def test_columns_keep_their_headings_and_what_leads_into_them(tmp_path):
    """A heading over each column ("### Before") was left out of the slide;
    a sentence before the columns stands across the slide, above them."""
    from test_deck import measured_height
    path = article(tmp_path, "# Results\n\nThe prose.\n\n::: slide\n## Compared\n\n"
                             "What changed, side by side:\n\n:::: columns\n::: column\n"
                             "### Before\n\n- Slow\n- Costly\n:::\n::: column\n### After\n\n"
                             "- Fast\n- Cheap\n:::\n::::\n:::\n")
    slides = deck_slides(path)
    slide = slides[titles(slides).index("Compared")]
    [lead] = [s for s in slide.shapes if s.name == "lead"]
    left, right = (next(s for s in slide.placeholders if s.placeholder_format.idx == idx)
                   for idx in (1, 2))
    assert lead.text_frame.text == "What changed, side by side:"
    assert left.text_frame.text == "Before\nSlow\nCostly"
    assert right.text_frame.text == "After\nFast\nCheap"
    assert [r.font.bold for r in left.text_frame.paragraphs[0].runs] == [True]
    assert lead.top + lead.height <= left.top and left.top == right.top
    assert lead.width > left.width + right.width
    for shape in (lead, left, right):
        assert measured_height(shape) <= shape.height.pt + 0.01
    assert left.top + left.height <= slide.part.package.presentation_part.presentation.slide_height


def test_a_heading_inside_a_slide_is_shown_in_bold(tmp_path):
    path = article(tmp_path, "# Results\n\n::: slide\n## Title\n\n- One\n\n### Subgroup\n\n"
                             "- Two\n:::\n")
    slides = deck_slides(path)
    body = next(s for s in slides[1].placeholders if s.placeholder_format.idx == 1)
    assert body.text_frame.text == "One\nSubgroup\nTwo"
    assert body.text_frame.paragraphs[1].runs[0].font.bold


def test_a_pandoc_pause_is_no_text_on_the_slide(tmp_path):
    """`. . .` between a slide's bullets is a pause in pandoc's slide shows:
    it stood on the slide as a line of dots."""
    path = article(tmp_path, "# Results\n\n::: slide\n## Paused\n\n- Before\n\n. . .\n\n"
                             "- After\n:::\n")
    slides = deck_slides(path)
    body = next(s for s in slides[1].placeholders if s.placeholder_format.idx == 1)
    assert body.text_frame.text == "Before\nAfter"


def test_display_math_is_centred_in_the_body(tmp_path):
    """`$$…$$` on a slide stood at the body's left edge, as a paragraph of
    text; it is centred in the body, as the brief and pandoc's pptx writer
    set it, and one longer than a line wraps inside the box."""
    from pptx.enum.text import PP_ALIGN
    from test_deck import measured_height
    long = " + ".join(f"\\beta_{{{n}}} x_{{{n}}}" for n in range(1, 40))
    path = article(tmp_path, "# Results\n\n::: slide\n## A model\n\nThe model we fit:\n\n"
                             "$$ y = \\beta_0 + \\beta_1 x $$\n\n- A point\n\n"
                             f"$$ y = {long} $$\n:::\n")
    slides = deck_slides(path)
    slide = slides[titles(slides).index("A model")]
    body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
    paragraphs = body.text_frame.paragraphs
    assert [p.text[:4] for p in paragraphs] == ["The ", "y = ", "A po", "y = "]
    assert [p.alignment for p in paragraphs] == [PP_ALIGN.LEFT, PP_ALIGN.CENTER,
                                                 PP_ALIGN.LEFT, PP_ALIGN.CENTER]
    assert measured_height(body) <= body.height.pt + 0.01
    assert body.left == slide.shapes.title.left and body.width == slide.shapes.title.width


def two_columns(left: str, right: str) -> str:
    return (f":::: {{.columns}}\n::: {{.column width=\"40%\"}}\n{left}\n:::\n"
            f"::: {{.column width=\"60%\"}}\n{right}\n:::\n::::\n")


def body_shapes(slide) -> list:
    """The slide's text shapes under its title, top to bottom, left to right."""
    shapes = [s for s in slide.shapes if s.has_text_frame and s.name in ("body", "column", "lead")]
    return sorted(shapes, key=lambda s: (s.top, s.left))


def test_each_columns_div_is_a_row_of_its_own_under_what_comes_before(tmp_path):
    """A slide's second `.columns` ran on in one column (only the first was
    laid out side by side), and so did the first's with text after it; each
    is a row of its columns, stacked, with the text between across the slide."""
    from test_deck import measured_height
    path = article(tmp_path, "# Results\n\nThe prose.\n\n::: slide\n## Compared\n\n"
                   + two_columns("- Before: slow", "- After: fast")
                   + "\nIn the second year:\n\n"
                   + two_columns("- Later: slower", "- Later: faster\n- Later: cheaper")
                   + "\nAll in all, faster.\n:::\n")
    slides = deck_slides(path)
    slide = slides[titles(slides).index("Compared")]
    shapes = body_shapes(slide)
    assert [s.text_frame.text for s in shapes] == [
        "Before: slow", "After: fast", "In the second year:", "Later: slower",
        "Later: faster\nLater: cheaper", "All in all, faster."]
    left1, right1, between, left2, right2, after = shapes
    title = slide.shapes.title
    for left, right in ((left1, right1), (left2, right2)):  # widths 40% and 60%
        assert left.top == right.top and abs(left.width / (left.width + right.width) - 0.4) < 1e-3
        assert left.left == title.left and left.left + left.width < right.left
        assert right.left + right.width <= title.left + title.width
    assert left1.top + left1.height <= between.top
    assert between.top + between.height <= left2.top
    assert max(left2.top + left2.height, right2.top + right2.height) <= after.top
    assert between.width == after.width == title.width
    sizes = {r.font.size.pt for s in shapes for p in s.text_frame.paragraphs for r in p.runs}
    assert len(sizes) == 1
    for shape in shapes:
        assert measured_height(shape) <= shape.height.pt + 0.01
    assert after.top + after.height <= slide.part.package.presentation_part.presentation \
        .slide_height


def test_columns_after_a_rule_stand_side_by_side_on_their_slide(tmp_path):
    """`---` in a slide begins a new slide; the `.columns` on it ran on in one column."""
    path = article(tmp_path, "# Results\n\nThe prose.\n\n::: slide\n## Ruled\n\n"
                   + two_columns("- Left A", "- Right A") + "\n---\n\n## Second\n\n"
                   + two_columns("- Left B", "- Right B") + ":::\n")
    slides = deck_slides(path)
    for name, letter in (("Ruled", "A"), ("Second", "B")):
        slide = slides[titles(slides).index(name)]
        assert slide.slide_layout.name == "Two Content"
        left, right = body_shapes(slide)
        assert (left.text_frame.text, right.text_frame.text) == (f"Left {letter}",
                                                                 f"Right {letter}")
        assert left.top == right.top and left.left + left.width < right.left


def test_rows_of_columns_too_many_for_a_slide_continue_between_rows(tmp_path):
    """Rows that fill more than a slide continue on "(cont.)" slides, each
    row whole and side by side, the sentence that leads into one with it."""
    rows = "\n".join(
        f"In year {y}:\n\n" + two_columns(
            "\n".join(f"- Year {y} left point {n} that runs over a line or two" for n in range(3)),
            "\n".join(f"- Year {y} right point {n}" for n in range(3)))
        for y in range(1, 4))
    path = article(tmp_path, f"# Results\n\nThe prose.\n\n::: slide\n## Years\n\n{rows}:::\n")
    slides = [s for s in deck_slides(path) if titles([s])[0].startswith("Years")]
    assert titles(slides)[:2] == ["Years", "Years (cont.)"] and len(slides) >= 2
    seen = []
    for slide in slides:
        shapes = body_shapes(slide)
        texts = [s.text_frame.text for s in shapes]
        seen += texts
        for n, shape in enumerate(shapes):
            if shape.name == "lead":  # what leads into columns stands over them, on its slide
                left, right = shapes[n + 1:n + 3]
                assert left.top == right.top >= shape.top + shape.height
                assert left.left + left.width < right.left
    assert seen == [t for y in range(1, 4) for t in (
        f"In year {y}:",
        "\n".join(f"Year {y} left point {n} that runs over a line or two" for n in range(3)),
        "\n".join(f"Year {y} right point {n}" for n in range(3)))]


def test_rows_of_columns_fit_under_a_continued_title_that_takes_another_line(tmp_path):
    """Rows were planned for the room under the "(cont.)" title; "(cont. 2)"
    took this long title onto one more line and the rows planned for its
    slide overflowed it (an internal error). Each slide's rows fit under
    its own title, within the slide (here in one column: the last row is
    too tall for the room "(cont. 2)" leaves)."""
    from test_deck import measured_height
    head = "Many things about the thing " * 4 + "Many"

    def column(letter: str, count: int, more: str = "") -> str:
        return "::: column\n" + "".join(
            f"- {letter} long bullet {n} that says quite a lot of things\n"
            for n in range(count)) + more + ":::\n"

    def row(*columns: str) -> str:
        return ":::: columns\n" + "".join(columns) + "::::\n\n"
    body = row(column("a", 4), column("c", 3)) \
        + "Between text that is itself quite long and leads into the next row of columns\n\n" \
        + row(column("d", 4), column("e", 2)) \
        + row(column("g", 4, "- g five\n"), column("h", 0, "- h\n"))
    path = article(tmp_path, f"# Intro\n\nThe prose.\n\n# {head}\n\n::: slide\n{body}:::\n")
    presentation = Presentation(built(path, "slides", "deck.pptx"))
    slides = [s for s in presentation.slides if titles([s])[0].startswith("Many")]
    assert titles(slides)[-1] == f"{head} (cont.\u00a0{len(slides) - 1})" and len(slides) >= 3
    for slide in slides:
        title = slide.shapes.title
        for shape in body_shapes(slide):
            assert measured_height(shape) <= shape.height.pt + 0.01
            assert shape.top >= title.top + title.height
            assert shape.top + shape.height <= presentation.slide_height
