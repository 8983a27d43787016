"""Page floats (report/pagefloats.py): a figure or a short table that does
not fit what is left of a page stands at the top of the next one, and the
text after it fills the page, as LaTeX floats it; with no such page, not a
byte changes."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pdfplumber
import pytest

from conftest import DEFAULT_ARTICLE, SLEEP_ARTICLE, run_report

TOP, BOTTOM = 72, 792 - 72  # the text's area on a letter page, 1-in margins
PITCH = 24  # a double-spaced line


def para(n: int, words: int) -> str:
    return f"Paragraph {n} " + " ".join(["filler words here"] * words) + "."


# Four paragraphs of 4 lines, then a callout: a figure 3.4 in. tall does not
# fit the 9 lines left under it.
HEAD = "\n\n".join(para(n, 20) for n in range(4))
FIGURE = "![Recall](recall.png){#fig-r}"


def brief(tmp_path: Path, body: str, name: str = "article") -> Path:
    """The brief of an article of `body`, with the sleep study's figure."""
    shutil.copy(SLEEP_ARTICLE.parent / "recall.png", tmp_path / "recall.png")
    source = tmp_path / f"{name}.md"
    source.write_text(f"---\ntitle: T\n---\n\n{HEAD}\n\n{body}\n", encoding="utf-8")
    out = tmp_path / f"{name}.pdf"
    result = run_report("pdf", source, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def pages_of(pdf_path: Path) -> list[list[dict]]:
    """Each page's lines of text under the running head, top to bottom."""
    with pdfplumber.open(pdf_path) as pdf:
        return [[line for line in page.extract_text_lines() if line["top"] >= TOP]
                for page in pdf.pages]


def where(pages, start: str) -> tuple[int, int]:
    """(page index, line index) of the first line that starts with `start`
    (a float's number: that is, the whole line)."""
    whole = start.startswith(("Figure ", "Table "))
    for n, lines in enumerate(pages):
        for i, line in enumerate(lines):
            if line["text"] == start if whole else line["text"].startswith(start):
                return n, i
    raise AssertionError(f"no line starts with {start!r}")


def reading_order(pages) -> list[str]:
    return [line["text"] for lines in pages for line in lines]


def assert_atop_a_filled_page(pages, caption: str = "Figure 1") -> int:
    """The float's number is the first line of its page, the page before
    ends no more than a line above its foot; the float's page index."""
    page, line = where(pages, caption)
    assert line == 0 and pages[page][0]["top"] < TOP + PITCH, pages[page][0]
    last = pages[page - 1][-1]
    assert last["bottom"] > BOTTOM - 2 * PITCH, (last["text"], last["bottom"])
    return page


def test_a_figure_that_does_not_fit_stands_atop_the_next_page_the_text_after_it_filling_this_one(
        tmp_path):
    after = "\n\n".join(para(n, 8) for n in range(100, 108))
    pages = pages_of(brief(tmp_path, f"@fig-r shows recall.\n\n{FIGURE}\n\n{after}"))
    page = assert_atop_a_filled_page(pages)
    order = reading_order(pages)
    # What followed the figure in the source comes before it, in its order.
    moved = [n for n in range(100, 108) if where(pages, f"Paragraph {n}")[0] < page]
    assert moved and moved == list(range(100, 100 + len(moved)))
    assert order.index("Figure 1 shows recall.") < order.index("Figure 1")  # its callout
    assert where(pages, f"Paragraph {moved[-1] + 1}")[0] == page  # the rest after it


def test_a_paragraph_that_runs_over_goes_on_under_the_figure_not_indented(tmp_path):
    pages = pages_of(brief(tmp_path, f"@fig-r shows recall.\n\n{FIGURE}\n\n{para(100, 60)}"))
    page = assert_atop_a_filled_page(pages)
    started, _ = where(pages, "Paragraph 100")
    assert started == page - 1
    first, last = where(pages, "Recall")[1] + 1, pages[page][-1]
    assert pages[page][first]["x0"] == pytest.approx(TOP, abs=1)  # flush left: it goes on
    assert last["text"].endswith("here.")  # the paragraph's end, after the figure


def test_a_figure_is_never_put_before_its_callout(tmp_path):
    """The figure stands before the paragraph that calls it out, whose last
    lines would go under it: the figure goes after the whole paragraph."""
    pages = pages_of(brief(tmp_path, f"{FIGURE}\n\n{para(100, 60)} See @fig-r.\n\n"
                                     f"{para(101, 10)}"))
    order = reading_order(pages)
    callout = next(i for i, text in enumerate(order) if "See Figure 1." in text)
    assert callout < order.index("Figure 1") < next(
        i for i, text in enumerate(order) if text.startswith("Paragraph 101"))


def test_floats_in_a_row_go_together_and_keep_their_numbers(tmp_path):
    """Two figures in a row are deferred as one, past the text after them:
    in print order, as numbered, and each callout still names its own."""
    body = (f"@fig-r and @fig-s show recall.\n\n{FIGURE}\n\n![Again](recall.png){{#fig-s}}\n\n"
            + "\n\n".join(para(n, 8) for n in range(100, 104)))
    pages = pages_of(brief(tmp_path, body))
    page = assert_atop_a_filled_page(pages)
    order = reading_order(pages)
    assert order.index("Figure 1 and Figure 2 show recall.") < order.index("Figure 1") \
        < order.index("Recall") < order.index("Figure 2") < order.index("Again")
    assert where(pages, "Figure 2")[0] == page
    assert where(pages, "Paragraph 100")[0] == page - 1


def test_a_short_table_is_deferred_as_a_figure_is(tmp_path):
    rows = "| Region | Count |\n|:--|--:|\n" + "| North | 14 |\n" * 8
    body = (f"@tbl-c counts them.\n\n{para(99, 20)}\n\nTable: Counts {{#tbl-c}}\n\n{rows}\n"
            + "\n\n".join(para(n, 8) for n in range(100, 106)))
    pages = pages_of(brief(tmp_path, body))
    page = assert_atop_a_filled_page(pages, "Table 1")
    assert where(pages, "Paragraph 100")[0] == page - 1


def test_a_moved_paragraphs_footnote_moves_with_it(tmp_path):
    after = "\n\n".join(f"{para(n, 8)}^[Note {n} {'says more ' * 12}]" for n in range(100, 106))
    pages = pages_of(brief(tmp_path, f"@fig-r shows recall.\n\n{FIGURE}\n\n{after}"))
    page, _ = where(pages, "Figure 1")
    assert where(pages, "Paragraph 100")[0] == page - 1
    for n in range(100, 106):  # each note on its call's page, in their order
        assert where(pages, f"Paragraph {n}")[0] == where(pages, f"{n - 99}Note {n}")[0]


@pytest.mark.parametrize("after", [
    "\\newpage\n\n" + para(100, 8),  # a page break: nothing to move past
    "",  # the end of the text
])
def test_a_figure_with_nothing_to_move_past_stays(tmp_path, after):
    """Then the page stays as WeasyPrint makes it, byte for byte."""
    body = f"@fig-r shows recall.\n\n{FIGURE}\n\n{after}"
    source = tmp_path / "article.md"
    brief(tmp_path, body)
    assert write_pdf(source, floats=True) == write_pdf(source, floats=False)


@pytest.mark.parametrize("article", [DEFAULT_ARTICLE, SLEEP_ARTICLE])
def test_where_everything_fits_not_a_byte_changes(tmp_path, article):
    for path in article.parent.iterdir():  # the article, its bibliography and images
        if path.is_file():
            shutil.copy(path, tmp_path / path.name)
    folder = tmp_path
    assert write_pdf(folder / article.name, floats=True) == \
        write_pdf(folder / article.name, floats=False)


def test_the_comparison_sees_a_float_deferred(tmp_path):
    """What the tests above compare does tell a deferred float."""
    after = "\n\n".join(para(n, 8) for n in range(100, 104))
    brief(tmp_path, f"@fig-r shows recall.\n\n{FIGURE}\n\n{after}")
    source = tmp_path / "article.md"
    assert write_pdf(source, floats=True) != write_pdf(source, floats=False)


def write_pdf(source: Path, floats: bool) -> bytes:
    """The brief's bytes, written in this process, with or without floats."""
    from report import pagefloats, pdfspeed, pipeline
    pdfspeed.apply()
    from weasyprint import layout
    from report.brief import write_pdf as write
    doc = pipeline.load(source)
    out = io.BytesIO()
    if not floats:
        layout.make_all_pages = pagefloats.ORIGINALS["make_all_pages"]
    try:
        write(doc, out)
    finally:
        layout.make_all_pages = pagefloats.make_all_pages
    return out.getvalue()


def test_a_gap_that_is_no_length_is_an_error_naming_its_line():
    import tinycss2

    from report import STYLES, pagefloats
    from report.errors import ReportError
    style = {"__float_gap": tinycss2.parse_component_value_list(" big lines")}
    with pytest.raises(ReportError) as error:
        pagefloats._threshold(style)
    line = next(n for n, text in enumerate(
        (STYLES / "brief.css").read_text(encoding="utf-8").splitlines(), 1)
        if "--float-gap:" in text)
    assert str(error.value).startswith(f"{STYLES / 'brief.css'}:{line}: --float-gap must be "
                                       "one length, not 'big lines'")
    for value, pixels in ((" 72pt", 96), ("1in", 96), ("0", 0)):
        assert pagefloats._threshold(
            {"__float_gap": tinycss2.parse_component_value_list(value)}) == pixels
    assert pagefloats._threshold({"__float_gap": []}) is None  # none: nothing floats
