"""Issue 5: the deck as LibreOffice renders it: every character inside its
text box and the slide, and every line broken where the layout measured it.

Converts each article's deck to PDF with LibreOffice headless and compares
the characters pdfplumber finds with the shapes of the pptx (read back with
python-pptx, not taken from the layout). Skips when soffice is missing; CI
(.ci/run) installs libreoffice-impress.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation

from conftest import DEFAULT_ARTICLE, SLEEP_ARTICLE
from report import slides
from report.textfit import text_width
from test_deck import (CHARTFIT_ARTICLE, CHARTS_ARTICLE, TABLES_ARTICLE, THEME, C, cell_texts,
                       chart_on, deck_of, measure, table_cells, text_shapes, title)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

# Liberation Sans' ascender and descender, in em: how far a glyph reaches
# above and below its baseline (pdfplumber's boxes ignore the descender).
ASCENT, DESCENT = 0.905, 0.212
EDGE = 0.5      # points a glyph may stray: rounding in LibreOffice's PDF
BULLETS = "•–"


def soffice_pdf(pptx: Path, out: Path) -> Path:
    """The deck as LibreOffice draws it, as PDF in `out`."""
    profile = (out / "profile").as_uri()  # its own profile: no clash with a running office
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(pptx)],
                   check=True, capture_output=True, timeout=300)
    return out / f"{pptx.stem}.pdf"


@pytest.fixture(scope="module", params=[DEFAULT_ARTICLE, SLEEP_ARTICLE, TABLES_ARTICLE,
                                        CHARTS_ARTICLE],
                ids=["default", "sleep", "tables", "charts"])
def rendered(request, build, tmp_path_factory):
    """(deck, pdf pages' characters, page size) of one article's deck."""
    pptx = Path(build("slides", request.param))
    with pdfplumber.open(soffice_pdf(pptx, tmp_path_factory.mktemp("soffice"))) as pdf:
        pages = [([c for c in page.chars if c["text"].strip()], page.width, page.height)
                 for page in pdf.pages]
    return Presentation(pptx), pages


def glyph(char, page_height) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the ink a character may cover."""
    baseline = page_height - char["matrix"][5]
    return (char["x0"], baseline - ASCENT * char["size"], char["x1"],
            baseline + DESCENT * char["size"])


def rect(shape) -> tuple[float, float, float, float]:
    return (shape.left.pt, shape.top.pt, shape.left.pt + shape.width.pt,
            shape.top.pt + shape.height.pt)


def inside(box, area, slack=EDGE) -> bool:
    return (box[0] >= area[0] - slack and box[1] >= area[1] - slack
            and box[2] <= area[2] + slack and box[3] <= area[3] + slack)


def centre(char) -> tuple[float, float, float, float]:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return x, y, x, y


def owner(char, shapes):
    """The shape whose area holds the character's centre."""
    return next((s for s in shapes if inside(centre(char), rect(s), 0.0)), None)


def test_the_slides_are_rendered_one_to_a_page(rendered):
    deck, pages = rendered
    assert len(pages) == len(deck.slides)
    for _, width, height in pages:
        assert (round(width), round(height)) == (960, 540)


def test_no_character_outside_its_box_or_the_slide(rendered):
    deck, pages = rendered
    for slide, (chars, width, height) in zip(deck.slides, pages):
        shapes = text_shapes(slide) + [s for s in slide.shapes if s.has_chart or s.has_table]
        for char in chars:
            ink = glyph(char, height)
            assert inside(ink, (0, 0, width, height)), (title(slide), char["text"])
            shape = owner(char, shapes)
            assert shape is not None, (title(slide), char["text"], char["x0"], char["top"])
            assert inside(ink, rect(shape)), (title(slide), shape.name, char["text"])


def test_each_box_shows_all_its_text(rendered):
    """What a box holds is all there, inside it: nothing pushed out or cut."""
    deck, pages = rendered
    for slide, (chars, _, height) in zip(deck.slides, pages):
        for shape in text_shapes(slide):
            got = "".join(_unnumbered(shape, rendered_lines(shape, chars, height)))
            want = "".join(shape.text_frame.text.split())
            assert got == want, (title(slide), shape.name, got, want)


def _unnumbered(shape, rows) -> list[str]:
    """The rows' text without the numbers LibreOffice draws for a numbered list."""
    numbers = [f"{n}." for n in _numbers(shape)]
    out = []
    for row in rows:
        text = "".join(c["text"] for c in row)
        if numbers and text.startswith(numbers[0]):
            text = text.removeprefix(numbers.pop(0))
        out.append(text)
    return out


def _numbers(shape) -> list[int]:
    return [int(n) for n in shape._element.xpath(".//a:buAutoNum/@startAt")]


def rendered_lines(shape, chars, height) -> list[list[dict]]:
    """The characters of a text box, line by line, bullets left out."""
    rows: dict[float, list] = {}
    for char in chars:
        if owner(char, [shape]) is shape:
            rows.setdefault(round(height - char["matrix"][5], 1), []).append(char)
    lines = [sorted(rows[y], key=lambda c: c["x0"]) for y in sorted(rows)]
    lines = [row[1:] if row[0]["text"] in BULLETS and _bullet(row) else row for row in lines]
    return [row for row in lines if row]


def _bullet(row) -> bool:
    """A bullet stands in the margin, apart from its text (LibreOffice sets
    it on a baseline of its own, a little above the text's)."""
    return len(row) == 1 or row[1]["x0"] - row[0]["x1"] > 0.2 * row[0]["size"]


def predicted_lines(shape) -> list[tuple[str, float]]:
    """(text without spaces, measured width) of each line the layout expects."""
    out = []
    for m in measure(shape):
        text = "".join(p.text for p in m.pieces)
        for start, end in zip(m.starts, m.starts[1:] + [len(text)]):
            line = text[start:end].strip()
            out.append(("".join(line.split()), _width(m, start, end)))
    return out


def _width(m, start: int, end: int) -> float:
    """The advance width of text[start:end] of a measured paragraph, by face."""
    total, offset = 0.0, 0
    for piece in m.pieces:
        a, b = max(start, offset), min(end, offset + len(piece.text))
        if a < b:
            part = piece.text[a - offset:b - offset]
            if a == start:
                part = part.lstrip()
            if b == end:
                part = part.rstrip()
            total += text_width(part, m.size, slides.font().face(piece.bold, piece.italic))
        offset += len(piece.text)
    return total


def test_never_more_lines_than_measured(rendered):
    """The guarantee: LibreOffice needs no line the layout did not count."""
    deck, pages = rendered
    for slide, (chars, _, height) in zip(deck.slides, pages):
        for shape in text_shapes(slide):
            got, want = rendered_lines(shape, chars, height), predicted_lines(shape)
            assert len(got) <= len(want), (title(slide), shape.name, len(got), len(want))


def test_lines_break_where_the_layout_measured(rendered):
    """The measurement against LibreOffice. Lines are filled to 99.5% of a
    box (textfit.FILL), so a line LibreOffice fills fuller may break a word
    earlier in the layout than on the slide; all others hold the very words
    LibreOffice sets on them, at the width measured within its rounding."""
    deck, pages = rendered
    same, total = 0, 0
    for slide, (chars, _, height) in zip(deck.slides, pages):
        for shape in text_shapes(slide):
            rows = rendered_lines(shape, chars, height)
            for row, text, (want, measured) in zip(rows, _unnumbered(shape, rows),
                                                   predicted_lines(shape)):
                total += 1
                if text != want:
                    continue
                same += 1
                start = len(row) - len(text)  # past a number LibreOffice drew
                width = row[-1]["x1"] - row[start]["x0"]
                assert abs(width - measured) <= 0.003 * measured + EDGE, (
                    title(slide), shape.name, text, width, measured)
    assert same >= 0.9 * total, (same, total)


def cell_rect(frame, row: int, column: int) -> tuple[float, float, float, float]:
    table = frame.table
    left = frame.left.pt + sum(c.width.pt for c in list(table.columns)[:column])
    top = frame.top.pt + sum(r.height.pt for r in list(table.rows)[:row])
    return (left, top, left + table.columns[column].width.pt,
            top + table.rows[row].height.pt)


def test_each_table_cell_shows_all_its_text_inside_its_margins(rendered):
    """A cell's text is all there, within the cell less its margins: no row
    grew past what the layout measured."""
    deck, pages = rendered
    for slide, (chars, _, height) in zip(deck.slides, pages):
        for frame, r, c, cell in table_cells(slide):
            area = cell_rect(frame, r, c)
            inner = (area[0] + cell.margin_left.pt, area[1] + cell.margin_top.pt,
                     area[2] - cell.margin_right.pt, area[3] - cell.margin_bottom.pt)
            mine = [ch for ch in chars if inside(centre(ch), area, 0.0)]
            for ch in mine:
                assert inside(glyph(ch, height), inner), (title(slide), cell.text, ch["text"])
            got = "".join(ch["text"] for ch in sorted(
                mine, key=lambda ch: (round(height - ch["matrix"][5]), ch["x0"])))
            assert got == "".join(cell_texts(frame)[r][c].split()), (title(slide), got)


# --- charts ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chart_pages(build, tmp_path_factory):
    """{slide title: (the planned chart, its page's words and rectangles)} of
    the charts article's deck as LibreOffice draws it."""
    from report import pipeline
    layout = slides.plan(pipeline.load(CHARTS_ARTICLE))
    pdf_path = soffice_pdf(Path(build("slides", CHARTS_ARTICLE)),
                           tmp_path_factory.mktemp("soffice"))
    with pdfplumber.open(pdf_path) as pdf:
        return {spec.title: (spec.charts[0], _within(page.extract_words(), spec.charts[0]),
                             _within(page.rects, spec.charts[0]))
                for spec, page in zip(layout.slides, pdf.pages) if spec.charts}


def _within(objects, chart) -> list:
    """Those of a page's words or rectangles inside the chart's box."""
    area = (chart.x, chart.y, chart.x + chart.w, chart.y + chart.h)
    return [o for o in objects if inside((o["x0"], o["top"], o["x1"], o["bottom"]), area)]


def test_a_bar_charts_legend_reads_in_the_tables_order_as_its_bars_do(chart_pages):
    """Top to bottom as the table reads: the first row's bars on top, the
    first series' bar first within each row, and the legend listing the
    series in that order (LibreOffice lists a bar chart's series backwards:
    "Night-time" stood above "Daytime")."""
    chart, words, rects = chart_pages["Poorer Districts Are Hotter"]
    top = {w["text"]: w["top"] for w in words}
    assert top["Lowest"] < top["Second"] < top["Highest"]
    assert top["Daytime"] < top["Night-time"]  # the legend, under the bars
    first, second = (min(r["top"] for r in rects if _fill(r) == fill)
                     for fill in chart.colors)
    assert first < second


def _fill(rect) -> str:
    color = rect.get("non_stroking_color") or ()
    return "".join(f"{round(c * 255):02X}" for c in color) if len(color) == 3 else ""


def test_values_below_zero_stand_clear_of_the_category_names(chart_pages):
    """A bar below zero has its value left of its end, and the names stand at
    the plot's left edge: the value axis reaches far enough below the lowest
    value that half an em of the labels' size stays between them ("-1.2"
    stood 3 points from "Highest fifth")."""
    chart, words, _ = chart_pages["Poorer Districts Are Hotter"]
    room = 0.5 * chart.label_size
    values = [w for w in words if w["text"][:1] in "-\u2212" and w["text"][1:2].isdigit()]
    names = [w for w in words if w["text"] == "fifth"]  # each name's end
    assert len(values) == 4 and len(names) == 5
    for value in values:
        beside = [n for n in names if n["top"] < value["bottom"] and value["top"] < n["bottom"]]
        assert beside and all(value["x0"] - n["x1"] >= room for n in beside), value["text"]


# --- charts of many shapes: values apart, names whole -----------------------------------

@pytest.fixture(scope="module")
def fit_pages(build, tmp_path_factory):
    """(the charts article of many shapes' deck read back, its layout, its
    pages as LibreOffice draws them: each one's words)."""
    from report import pipeline
    pptx = Path(build("slides", CHARTFIT_ARTICLE))
    layout = slides.plan(pipeline.load(CHARTFIT_ARTICLE))
    with pdfplumber.open(soffice_pdf(pptx, tmp_path_factory.mktemp("soffice"))) as pdf:
        pages = [page.extract_words(x_tolerance=LABELS_APART, extra_attrs=["size"])
                 for page in pdf.pages]
    return Presentation(pptx), layout, pages


LABELS_APART = 1.5  # points: two values closer than this would read as one (as "11.0210.75")
FIGURES = 0.73      # em: a figure's height above its baseline


def _ink(word) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a value's figures."""
    baseline = word["bottom"] - DESCENT * word["size"]
    return word["x0"], baseline - FIGURES * word["size"], word["x1"], baseline


def _apart(a, b) -> float:
    """How far apart two boxes are, across or down (below zero: they overlap)."""
    return max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3])


def test_every_value_of_a_chart_stands_apart_from_its_neighbours(fit_pages):
    """Grouped bars of 2 to 12 categories and 1 to 3 series, numbers short
    and long (1,234,567), decimals, percentages, values below zero: each
    value LibreOffice draws stands alone, its figures LABELS_APART clear of
    every other's (neighbouring columns' values touched: "17.60" ran into
    "16.35"), at the size the deck gives it, no smaller than the theme's least."""
    deck, layout, pages = fit_pages
    shown = [(n, c) for n, s in enumerate(layout.slides) for c in s.charts]
    for n, chart in shown:
        [frame] = [s for s in deck.slides[n].shapes if s.has_chart]
        if chart.step:  # read off a value axis instead (below)
            continue
        sizes = {frame.chart.plots[0].data_labels.font.size.pt}
        assert sizes == {chart.label_size} and chart.label_size >= THEME["chart"]["label_min_size"]
        labels = [label for s in chart.series for label in s.labels]
        words = [w for w in _within(pages[n], chart)
                 if w["text"].replace("-", "\u2212") in labels]
        assert sorted(w["text"].replace("-", "\u2212") for w in words) == sorted(labels), \
            (title(deck.slides[n]), [w["text"] for w in _within(pages[n], chart)])
        inks = [_ink(w) for w in words]
        for i, a in enumerate(inks):
            for b in inks[i + 1:]:
                assert _apart(a, b) >= LABELS_APART, (title(deck.slides[n]), a, b)
    assert len(shown) == 11  # "Visits by Site" too: its bars lie beside the bullets


def test_values_that_cannot_stand_apart_are_read_off_a_value_axis(fit_pages):
    """Four series of six values in millions, ten programs' two years beside
    long names, have no room for each value even at the least size: no
    value on a bar (they ran into each other), but a value axis at whole
    steps, its numbers drawn apart along it, a quiet gridline at each."""
    deck, layout, pages = fit_pages
    drawn = [(n, c) for n, s in enumerate(layout.slides) for c in s.charts if c.step]
    assert [layout.slides[n].title for n, _ in drawn] == \
        ["Households in Six Years", "Ten Programs"]
    for n, chart in drawn:
        [frame] = [s for s in deck.slides[n].shapes if s.has_chart]
        values = frame.chart.value_axis
        assert not frame.chart.plots[0].has_data_labels
        assert values.visible and values.has_major_gridlines
        assert values.major_unit == chart.step
        assert (values.minimum_scale, values.maximum_scale) == chart.scale
        assert values.tick_labels.font.size.pt >= THEME["chart"]["label_min_size"]
        words = _within(pages[n], chart)
        # The axis writes its numbers as the values are ("10.0"): a label that
        # reads as a tick is told apart by the ticks' count below.
        labels = {label for s in chart.series for label in s.labels} - set(chart.ticks)
        assert not labels & {w["text"].replace("-", "\u2212") for w in words}
        ticks = [w for w in words if w["text"].replace("-", "\u2212") in chart.ticks]
        assert sorted(w["text"].replace("-", "\u2212") for w in ticks) == sorted(chart.ticks)
        inks = [_ink(w) for w in ticks]
        assert all(_apart(a, b) >= LABELS_APART for i, a in enumerate(inks) for b in inks[i + 1:])


def test_every_category_name_stands_whole(fit_pages):
    """Long names (a program's, a word of 45 letters) and twelve months
    beside bullets: every word of every name drawn whole in the chart, no
    ellipsis, none turned aside (LibreOffice turned twelve months' names
    45° under narrow columns)."""
    deck, layout, pages = fit_pages
    for n, slide in enumerate(layout.slides):
        for chart in slide.charts:
            words = _within(pages[n], chart)
            drawn = {w["text"] for w in words if w.get("upright", True)}
            for name in chart.categories:
                assert set(name.split()) <= drawn, (slide.title, name, sorted(drawn))
            assert not any("\u2026" in w["text"] for w in words), slide.title


def test_a_value_axis_writes_its_numbers_as_the_table_does(tmp_path):
    """Correlations written ".20", "−.35" (APA §6.36: no zero before the
    point of what cannot exceed 1), too many to label each: the value axis
    reads them as the table writes them, ".20", "−.40", not "0.2", "-0.4"
    (a step of .2 needs one decimal; the table writes two): its number
    format (c:numFmt, not linked to the data's) is the values' own, and
    LibreOffice draws each tick so."""
    from report import pipeline
    rows = "\n".join(f"| School {chr(65 + n)} with a longer name | .{20 + 2 * n:02d} | "
                     f"−.{35 - 3 * n:02d} | .{30 + n:02d} |" for n in range(10))
    deck = deck_of(tmp_path, "# A\n\n::: slide\n## Correlations\n\n| School | Reading | Absence "
                             f"| Writing |\n|:--|--:|--:|--:|\n{rows}\n:::\n")
    chart = next(c for s in slides.plan(pipeline.load(tmp_path / "article.md")).slides
                 for c in s.charts)
    assert chart.step and not any(tick.startswith(("0", "−0")) for tick in chart.ticks)
    axis = chart_on(deck, "Correlations").value_axis._element
    number_format = axis.find(f"{C}numFmt")
    assert number_format.get("formatCode") == '#,###.00;"\u2212"#,###.00'
    assert number_format.get("sourceLinked") == "0"
    with pdfplumber.open(soffice_pdf(tmp_path / "s.pptx", tmp_path)) as pdf:
        words = pdf.pages[1].extract_words()
    drawn = [w["text"].replace("-", "\u2212") for w in _within(words, chart)]
    assert [w for w in drawn if w in chart.ticks] == chart.ticks  # left to right
    assert chart.step == 0.2 and {"\u2212.40", ".00", ".20"} <= set(chart.ticks)
    assert not [w for w in drawn if w.startswith(("0.", "\u22120."))]


def test_a_two_line_title_breaks_into_lines_of_like_length(tmp_path):
    """"…With or Without Time / Pressure" left a lone word under a full
    line: a title of two lines breaks where its lines are of like length
    (as CSS's text-wrap: balance), LibreOffice where the layout measured,
    and its "(cont.)" title so too; one that fits a line stays whole."""
    body = "\n".join(f"- Point {n} that takes most of a line on a slide at any size, as a "
                     "longer statement does" for n in range(9))
    deck = deck_of(tmp_path, "# Results\n\n::: slide\n## Testing Beats Restudy, With or "
                             f"Without Time Pressure\n{body}\n:::\n\n# Short\n\n::: slide\n"
                             "- One\n:::\n")
    pdf = soffice_pdf(tmp_path / "s.pptx", tmp_path)
    with pdfplumber.open(pdf) as doc:
        pages = [([c for c in page.chars if c["text"].strip()], page.height)
                 for page in doc.pages]
    titled = [(slide, page) for slide, page in zip(deck.slides, pages)
              if title(slide).replace("\u00a0", " ").startswith("Testing")]
    assert len(titled) >= 2  # the bullets go on to "(cont.)" slides
    for slide, (chars, height) in titled:
        shape = slide.shapes.title
        rows = rendered_lines(shape, chars, height)
        want = [text for text, _ in predicted_lines(shape)]
        assert ["".join(c["text"] for c in row) for row in rows] == want
        widths = [width for _, width in predicted_lines(shape)]
        assert len(widths) == 2 and min(widths) >= 0.6 * max(widths), widths
    short = next(s for s in deck.slides if title(s) == "Short")
    assert "\u00a0" not in short.shapes.title.text_frame.text
