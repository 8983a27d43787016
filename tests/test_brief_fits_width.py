"""Code in a table's cells, a table in a footnote, a wide equation: each
stays between the brief's 1-in margins (pdfplumber's word boxes), every
character of it still printed."""

from __future__ import annotations

import pdfplumber

from conftest import run_report

MARGIN = 72  # the brief's 1-in margins
TOL = 0.5
NAME = "some_very_long_inline_code_identifier_without_breaks_at_all_anywhere_in_it()"
CALL = "f(x=" + "y" * 70 + ")"
GERMAN = "Donaudampfschifffahrtsgesellschaftskapitänsmützenproduktionsstätte"
URL = "https://averyveryverylongdomainnamewithoutanybreaks.example.com/path/to/resource"


def build(tmp_path, body: str):
    (tmp_path / "article.md").write_text(f'---\ntitle: "Fits"\n---\n\n# Text\n\n{body}\n',
                                         encoding="utf-8")
    out = tmp_path / "brief.pdf"
    result = run_report("pdf", tmp_path / "article.md", "-o", out)
    assert result.returncode == 0, result.stderr
    return pdfplumber.open(out)


def text_pages(pdf):
    """The pages after the title page: their words, and all their letters."""
    pages = pdf.pages[1:]
    found = [(page, w) for page in pages for w in page.extract_words(x_tolerance=1.5)]
    return found, "".join(w["text"] for _, w in found)


def assert_inside(found):
    for page, w in found:
        assert w["x0"] >= MARGIN - TOL and w["x1"] <= page.width - MARGIN + TOL, w


def test_code_in_table_cells_breaks_to_fit_the_text(tmp_path):
    table = (f"| Function | Call | Result |\n|:--|:--|--:|\n| `{NAME}` | `{CALL}` | 1 |\n\n"
             "Table: Code in cells")
    found, letters = text_pages(build(tmp_path, f"See Table 1.\n\n{table}"))
    assert_inside(found)
    for code in (NAME, CALL):  # broken, no hyphen added, nothing lost
        first = next(w for _, w in found if code.startswith(w["text"]))
        column = [w["text"] for _, w in found if abs(w["x0"] - first["x0"]) < 1]
        assert "".join(column) == code
        # broken after its punctuation, each line a whole piece of it
        assert len(column) > 1 and all(t[-1] in "_(,=)" for t in column), column



def test_code_broken_in_a_cell_keeps_the_rows_line_spacing(tmp_path):
    """A cell's code broken over lines is set on the table's lines, as its
    text is, not on the text's double-spaced ones (a row of code was 20 pt
    a line beside its neighbour's 15)."""
    table = (f"| Call | Note |\n|:--|:--|\n| `{NAME}` | {' '.join(['words'] * 30)} |\n\n"
             "Table: Code")
    found, _ = text_pages(build(tmp_path, f"See Table 1.\n\n{table}"))
    first = next(w for _, w in found if NAME.startswith(w["text"]))
    code = sorted(w["top"] for _, w in found if abs(w["x0"] - first["x0"]) < 1)
    text = sorted({round(w["top"], 1) for _, w in found if w["text"] == "words"})
    assert len(code) > 2 and len(text) > 2
    pitch = text[1] - text[0]
    assert all(abs(b - a - pitch) < 1 for a, b in zip(code, code[1:])), (code, pitch)

def test_code_broken_in_a_cell_copies_without_zero_width_spaces(tmp_path):
    """Code breaks in a cell where the brief gives it a break opportunity;
    text copied from the PDF (pdfplumber's, pypdf's) or from the HTML brief
    carries no zero-width space there (the HTML brief's is a <wbr>)."""
    import pypdf
    table = f"| Function | Call |\n|:--|:--|\n| `{NAME}` | `{CALL}` |\n\nTable: Code"
    pdf = build(tmp_path, f"See Table 1.\n\n{table}")
    plumbed = pdf.pages[1].extract_text()
    read = pypdf.PdfReader(pdf.stream).pages[1].extract_text()  # a cell's lines together
    assert "\u200b" not in plumbed and "\u200b" not in read
    assert NAME not in plumbed and NAME not in read  # broken over lines
    assert NAME in "".join(read.split())  # each piece whole, in order
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "brief.html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert "\u200b" not in html and "some_<wbr>very_<wbr>" in html


def test_a_table_in_a_footnote_is_ruled_as_a_table(tmp_path):
    """Over its heads, under them and under its last row, as the text's
    tables are (APA §7.12): it was three loose lines of words."""
    note = "    | Column a | Column b |\n    |---|---|\n    | 1 | 2 |\n"
    pdf = build(tmp_path, f"A sentence.[^a]\n\n[^a]: A note:\n\n{note}\n    After it.\n")
    page = pdf.pages[1]
    words = {w["text"]: w for w in page.extract_words()}
    heads, row = words["Column"], words["1"]
    rules = sorted({round(line["top"]) for line in page.lines
                    if line["x0"] <= heads["x0"] + 1 and line["x1"] > heads["x1"]})
    assert len(rules) == 3, rules
    assert rules[0] < heads["top"] < rules[1] < row["top"] < rules[2] < words["After"]["top"]


def test_a_table_in_a_footnote_fits_the_note(tmp_path):
    note = f"    | A | B |\n    |---|---|\n    | {GERMAN} | {URL} |\n"
    found, letters = text_pages(build(tmp_path, f"A sentence.[^a]\n\n[^a]: A note:\n\n{note}"))
    assert_inside(found)
    assert GERMAN in letters and URL in letters


def test_a_table_in_a_footnote_is_set_only_as_small_as_it_must_be(tmp_path):
    """A note's table whose words fit across the note at the note's own
    type (its cells padded as brief.css pads a note's, not a figure's) is
    set at it, called from a list item too (a note is as wide as the page's
    foot, not the list): only a table too wide for it steps down."""
    from report import tablefit
    words = ["Participants", "Conditions", "Measurements", "Reliability", "Correlation",
             "Significance", "Replication", "Consistency"]
    rows = [f"| {' | '.join(words)} |", "|" + "---|" * len(words),
            f"| {' | '.join(str(n) for n in range(len(words)))} |"]
    table = "\n".join(f"    {row}" for row in rows)
    body = f"- An item that calls a note.[^a]\n\n[^a]: A note:\n\n{table}\n"
    found, letters = text_pages(build(tmp_path, body))
    assert_inside(found)
    cells = [w for _, w in found if w["text"] in words]
    assert len(cells) == len(words)
    note = tablefit.figure_measures()["note_size"]
    assert all(abs(w["bottom"] - w["top"] - note) < 0.2 for w in cells), cells


IDENT = "averyveryverylongidentifierwithoutanybreaksinsideitatallanywhere"
SUB = "averyveryverylongsubscriptidentifier"


def test_a_display_equation_too_wide_is_set_smaller_to_fit(tmp_path):
    # in a paragraph of its own, and among a paragraph's words (no half
    # inch kept clear at its sides: a longer name to overflow)
    wider = IDENT + "ofitsown" * 3
    for n, body in enumerate([f"$$\\mathrm{{{IDENT}}}_{{{SUB}}} = 1$$",
                              f"The model $$\\mathrm{{{wider}}}_{{{SUB}}} = 1$$ holds."]):
        (tmp_path / str(n)).mkdir()
        found, letters = text_pages(build(tmp_path / str(n), f"The model:\n\n{body}"))
        assert_inside(found)
        parts = [w for _, w in found if w["text"].startswith(IDENT[:20])]
        assert parts and (IDENT, wider)[n] in letters and SUB in letters
        # its name whole on one line, smaller than the text's 12 pt
        assert len(parts) == 1 and parts[0]["bottom"] - parts[0]["top"] < 11.5


def test_a_figure_taller_than_a_page_stands_whole_with_its_caption(tmp_path):
    """Three panels 1800 px tall under a five-line caption: the pictures
    are set shorter, so that "Figure 1", its caption, the pictures and
    their captions share one page."""
    from PIL import Image
    Image.new("RGB", (60, 1800), "white").save(tmp_path / "tall.png")
    caption = "Recall by condition across all twenty-three sites, with error bars " * 6
    panels = "\n\n".join(f"![Panel {n} {caption[:120]}](tall.png){{#fig-b{n}}}"
                         for n in range(3))
    body = (f"Words. See @fig-b.\n\n::: {{#fig-b layout-ncol=3}}\n{panels}\n\n{caption}\n:::\n\n"
            "More words.\n")
    pdf = build(tmp_path, body)
    pages = [(page, page.extract_text()) for page in pdf.pages[1:]]
    with_pictures = [n for n, (page, _) in enumerate(pages) if page.images]
    assert len(with_pictures) == 1
    page, text = pages[with_pictures[0]]
    assert "Figure 1" in text and "(c) Panel 2" in text and "Recall by" in text
    label = next(w for w in page.extract_words() if w["text"] == "Figure")
    assert all(image["top"] > label["bottom"] for image in page.images)
    assert all(image["bottom"] <= page.height - MARGIN + TOL for image in page.images)


def test_a_figure_whose_caption_calls_long_notes_stands_whole_over_them(tmp_path):
    """A figure's caption calls three long notes, which stand at the foot of
    its page: its picture is set short enough for "Figure 1", its caption
    and the picture to share that page with them (before, the caption stood
    over the notes, the picture alone on the next page)."""
    from PIL import Image
    Image.new("RGB", (600, 1800), "white").save(tmp_path / "tall.png")
    words = "The text goes on with words that fill the lines of the page. " * 4
    note = "A note that runs long: " + "it says more about the method and its limits. " * 12
    body = (f"{words}\n\n{words}\n\n![A caption two lines long or so when it is set in "
            "italics under its label[^a][^b][^c]](tall.png){#fig-a}\n\n"
            f"See @fig-a. {words}\n\n" + f"{words}\n\n" * 5
            + "".join(f"[^{k}]: {note}\n\n" for k in "abc"))
    pdf = build(tmp_path, body)
    pages = [page for page in pdf.pages[1:] if page.images]
    assert len(pages) == 1
    page, = pages
    words_on = page.extract_words()
    label = next(w for w in words_on if w["text"] == "Figure")
    caption = next(w for w in words_on if w["text"] == "caption")
    notes = [w for w in words_on if w["text"] == "runs"]
    assert len(notes) == 3  # all three at its foot
    image, = page.images
    assert label["bottom"] < caption["top"] < image["top"]
    assert image["bottom"] < min(w["top"] for w in notes)


def test_a_figure_of_a_given_size_keeps_its_shape_when_the_page_makes_it_smaller(tmp_path):
    """Word's pictures come with both sides (pandoc: `{width="6in"
    height="8in"}`): brief.css's max-height shrank the height alone, and a
    6 by 8 in figure printed 6 by 6 in (a circle as an ellipse), one over a
    long note shorter still; a picture given a width only, too tall for the
    page, likewise. Each now prints at its given shape (or its own, for a
    side not given), inside the margins, its note under it on its page."""
    from PIL import Image
    for n in range(6):  # one picture each, told apart by their pixels' width
        Image.new("RGB", (600 + n, 800), "white").save(tmp_path / f"p{n}.png")
    note = "*Note.* " + "A long note on the data, its sources and its limits. " * 8
    body = ("See @fig-a, Figure 2, Figure 3, Figure 4 and @fig-e.\n\n"
            f'::: {{#fig-a}}\n![Six by eight](p0.png){{width="6in" height="8in"}}\n\n'
            f"{note}\n\nCaption\n:::\n\n"
            '![Larger than the page](p1.png){width="7.5in" height="10in"}\n\n'
            '![Wide](p2.png){width="7in" height="2in"}\n\n'
            "- An item:\n\n"
            '  ![In a list](p3.png){width="6in" height="4in"}\n\n'
            "::: {#fig-e layout-ncol=2}\n![Left](p4.png){width=100%}\n\n"
            "![Right](p5.png)\n\nPanels\n:::\n")
    pdf = build(tmp_path, body)
    shapes = [8 / 6, 10 / 7.5, 2 / 7, 4 / 6, 800 / 604, 800 / 605]  # height over width
    images = {image["srcsize"][0] - 600: (page, image) for page in pdf.pages[1:]
              for image in page.images}
    assert sorted(images) == list(range(6))
    for n, shape in enumerate(shapes):
        page, image = images[n]
        assert abs(image["height"] / image["width"] - shape) < 0.01 * shape, (n, image)
        assert image["x0"] >= MARGIN - TOL and image["x1"] <= page.width - MARGIN + TOL
        assert image["bottom"] <= page.height - MARGIN + TOL
    page, image = images[0]
    limits = [w for w in page.extract_words() if w["text"] == "limits."]
    assert len(limits) == 8 and all(w["top"] > image["bottom"] for w in limits)
    assert image["height"] < 432  # made room for the note: under brief.css's 6 in


def test_figure_and_equation_room_is_read_from_brief_css():
    """The room a figure's pictures and an equation are given follows
    styles/brief.css: a changed stylesheet is measured as it now says."""
    from report import STYLES, tablefit
    css = (STYLES / "brief.css").read_text(encoding="utf-8")
    assert tablefit.figure_measures() == {"line": 24.0, "text_size": 12.0, "picture_height": 432.0,
                                          "figure_margins": 48.0, "panel_padding": 12.0,
                                          "equation_padding": 72.0, "note_size": 10.0,
                                          "note_line": 12.0, "note_indent": 36.0,
                                          "note_area": 18.5}
    changed = css.replace("max-height: 6in", "max-height: 5in").replace(
        "figure { margin: 24pt 0;", "figure { margin: 12pt 0 40pt;")
    measures = tablefit._css(changed)["figures"]
    assert (measures["picture_height"], measures["figure_margins"]) == (360.0, 52.0)


def test_a_display_equation_in_a_list_fits_the_list_not_the_text(tmp_path):
    """An equation in a list item (in a quotation in one, too) is measured
    against what the list's indent leaves of the text's width: one that
    would fit the text but not the item is set smaller, its name whole,
    clear of its number."""
    from report import tablefit
    from report.model import Subscript, Text
    name = IDENT + "ofitsown"
    width = tablefit.measure_width("letter") - tablefit.figure_measures()["equation_padding"]
    inlines = [Text(name), Subscript([Text("sub")]), Text(" = 1")]
    # the case: it fits the text's width, not the list's
    assert tablefit.line_size(inlines, width) is None
    assert tablefit.line_size(inlines, width - tablefit.inset("ol")) is not None
    body = (f"1. A step of the method.\n\n   $$\\mathrm{{{name}}}_{{sub}} = 1$$ {{#eq-step}}\n\n"
            f"2. Another.\n\n   > $$\\mathrm{{{name}}}_{{sub}} = 2$$\n")
    found, letters = text_pages(build(tmp_path, f"See @eq-step.\n\n{body}"))
    assert_inside(found)
    names = [w for _, w in found if w["text"].startswith(IDENT[:20])]
    assert [w["text"] for w in names] == [name, name]  # each whole, on one line
    number = next(w for _, w in found if w["text"] == "(1)")
    first = [w for _, w in found if abs(w["top"] - names[0]["top"]) < 8 and w is not number]
    assert max(w["x1"] for w in first) < number["x0"]
    # the list's items start after its indent; so do their equations
    indent = MARGIN + tablefit.inset("ol")
    assert all(w["x0"] >= indent for w in names)
