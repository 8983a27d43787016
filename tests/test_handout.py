"""Issue 6: the handout shows exactly the deck, N slides to a page, in real text."""

from __future__ import annotations

import difflib
import json
import math
import re
import shutil
import subprocess
import sys
from collections import Counter

import pdfplumber
import pypdf
import pytest

from conftest import DEFAULT_ARTICLE, FIXTURES, ROOT, run_report
from report import handout, pipeline
from report.handoutopts import command_line
from report.model import plain_text
from report.slides import plan
from report.walk import walk_cites

A4 = (595.28, 841.89)
# How far a word of the handout may sit from where LibreOffice draws it in
# the deck, in the deck's points (a 28-pt line is 34 points high; measured:
# 1.35 at most, 0.2 typically, from LibreOffice placing glyphs on its grid).
TOLERANCE = 2.0
TABLES_ARTICLE = FIXTURES / "tables" / "article.md"  # tables of text on slides
CODE_ARTICLE = FIXTURES / "code" / "article.md"      # code blocks on slides
# A reference whose text before the journal's italic name fits its line on
# the slide but for the space that ends it (report/pdffixes.py).
LINEBREAK_ARTICLE = FIXTURES / "linebreak" / "article.md"
# Statistics in bullets beside a chart: "[−.13, −.04]", "p = .015", "(−.05, .03)".
NUMBERS_ARTICLE = FIXTURES / "numbers" / "article.md"
CHARTS_ARTICLE = FIXTURES / "charts" / "article.md"  # doughnuts of 4 and 8 slices, bars, columns
CHARTFIT_ARTICLE = FIXTURES / "chartfit" / "article.md"  # grouped bars of many shapes
# How far a character of a chart may sit from where LibreOffice draws it, in
# the deck's points: LibreOffice sets a chart's text up to 1.8% narrower than
# its advance widths (a legend's long name ends 2.8 points short) ...
CHART_TOLERANCE = 3.0
# ... or, past a line of some 150 points, this share of the chart's longest
# line: a category name of 384 points (45 letters at 18 pt) it set 1.85%
# narrower, which moves the plot, whose left edge the widest name sets.
CHART_NARROWER = 0.02


@pytest.fixture(scope="module")
def doc():
    return pipeline.load(DEFAULT_ARTICLE)


@pytest.fixture(scope="module")
def layout(doc):
    return plan(doc)


def squash(text: str) -> str:
    """Text without whitespace: lines wrap differently in a frame and a list."""
    return re.sub(r"\s+", "", text)


def frames(page, layout) -> list[tuple[float, float, float, float]]:
    """The slide frames on a page in reading order (rows top to bottom, each
    left to right): rectangles of the deck's shape."""
    ratio = layout.width / layout.height
    found = {(round(r["x0"], 1), round(r["top"], 1), round(r["x1"], 1), round(r["bottom"], 1))
             for r in page.rects if r["width"] > 50
             and abs(r["width"] / r["height"] - ratio) < 1e-3}
    # An outline draws the frame's edge again; keep the outermost rectangle.
    kept = [f for f in found if not any(g != f and g[0] <= f[0] and g[1] <= f[1]
                                        and g[2] >= f[2] and g[3] >= f[3] for g in found)]
    return sorted(kept, key=lambda f: (round(f[1]), f[0]))


def slide_frames(pdf, layout) -> list[tuple[int, tuple]]:
    """(page index, frame) of every slide, in order."""
    return [(n, frame) for n, page in enumerate(pdf.pages) for frame in frames(page, layout)]


def drawn(layout, per_page: int) -> list:
    """The slides the default article's handout draws: all one to a page,
    where its references slides read as drawn; two and more to a page, the
    reference list follows instead of them (measured: 6.5 pt and under)."""
    return [s for s in layout.slides if per_page == 1 or s.kind != "references"]


@pytest.mark.parametrize("per_page", [1, 2, 3, 4, 6])
def test_pages_follow_slides_per_page(build, layout, per_page):
    with pdfplumber.open(build("handout", DEFAULT_ARTICLE, "--per-page", per_page)) as pdf:
        counts = [len(frames(page, layout)) for page in pdf.pages]
        texts = [page.extract_text() for page in pdf.pages]
    total = len(drawn(layout, per_page))
    sheets = math.ceil(total / per_page)
    assert counts == [per_page] * (sheets - 1) + [total - per_page * (sheets - 1)] + [0] * (
        len(counts) - sheets)
    if per_page == 1:  # the deck's references slides read as drawn: no list after them
        assert len(texts) == sheets
    else:
        assert len(texts) > sheets and texts[sheets].split("\n")[1] == "References"  # under head


def within(page, frame, scale, x, w) -> str:
    """The text of a column of a slide's frame: from `x`, `w` wide (slide points)."""
    left = frame[0] + x * scale
    return squash(page.within_bbox((left, frame[1], left + w * scale, frame[3])).extract_text())


@pytest.mark.parametrize("per_page", [3, 6])
def test_each_slide_shows_its_text_inside_its_frame(build, layout, per_page):
    with pdfplumber.open(build("handout", DEFAULT_ARTICLE, "--per-page", per_page)) as pdf:
        placed = slide_frames(pdf, layout)
        assert len(placed) == len(drawn(layout, per_page))
        for (n, frame), slide in zip(placed, drawn(layout, per_page)):
            scale = (frame[2] - frame[0]) / layout.width
            assert squash(slide.title) in within(pdf.pages[n], frame, scale, 0, layout.width)
            for box in slide.boxes:  # each box's text in its own column of the frame
                text = within(pdf.pages[n], frame, scale, box.x - 1, box.w + 2)
                for paragraph in box.paragraphs:
                    assert squash("".join(r.text for r in paragraph.runs)) in text
            for chart in slide.charts:  # drawn as SVG, in real text too
                text = within(pdf.pages[n], frame, scale, chart.x - 1, chart.w + 2)
                for label in chart.categories + [x for s in chart.series for x in s.labels]:
                    assert squash(label) in text


def test_citations_keep_the_decks_quieter_colour(build, layout):
    cite = [r for s in layout.slides for b in s.boxes for p in b.paragraphs for r in p.runs
            if r.color and re.search(r"\d{4}\)$", r.text)]
    assert cite  # the default article's bullets cite
    rgb = tuple(int(cite[0].color[i:i + 2], 16) / 255 for i in (0, 2, 4))
    with pdfplumber.open(build("handout", DEFAULT_ARTICLE, "--per-page", 3)) as pdf:
        years = [w for page in pdf.pages for w in page.extract_words(
                 extra_attrs=["non_stroking_color"]) if re.fullmatch(r"\d{4}\)", w["text"])]
    assert len(years) >= len(cite)
    assert all(tuple(w["non_stroking_color"]) == pytest.approx(rgb, abs=0.002) for w in years)


def test_tables_are_drawn_cell_by_cell(build):
    layout = plan(pipeline.load(TABLES_ARTICLE))
    tables = [(n, t) for n, slide in enumerate(layout.slides) for t in slide.tables]
    assert len(tables) == 4  # beside bullets, full width, a long one over two slides
    with pdfplumber.open(build("handout", TABLES_ARTICLE, "--per-page", 3)) as pdf:
        placed = slide_frames(pdf, layout)
        for n, table in tables:
            page, frame = placed[n]
            scale = (frame[2] - frame[0]) / layout.width
            for box in [b for row in table.cells for b in row]:  # each in its column
                text = within(pdf.pages[page], frame, scale, box.x - 1, box.w + 2)
                assert squash("".join(r.text for r in box.paragraphs[0].runs)) in text


def listed_entries(pdf, layout) -> list[str]:
    """The entries of the reference list after the slides, squashed, each
    from the line that starts at the list's left edge (its hanging indent)."""
    lines = [line for page in pdf.pages if "References" in (page.extract_text() or "")
             and not frames(page, layout)
             for line in page.extract_text_lines() if line["text"] != "References"
             and not line["text"].startswith("Page ")][1:]  # the page head's title first
    left = min(line["x0"] for line in lines)
    entries: list[str] = []
    for line in lines:
        if abs(line["x0"] - left) < 1:
            entries.append("")
        else:  # a hanging line: half an inch in (APA 7 §9.43), as on the deck's slides
            assert line["x0"] - left == pytest.approx(36, abs=0.5)
        entries[-1] += squash(line["text"])
    return entries


def deck_entries(layout) -> list[str]:
    """The entries of the deck's references slides, in order, squashed."""
    return [squash("".join(r.text for r in p.runs)) for s in layout.slides
            if s.kind == "references" for b in s.boxes if b.role == "references"
            for p in b.paragraphs]


def test_the_listed_references_are_the_decks(build, layout):
    """Lines to write on: the list after the slides is the deck's references
    slides' entries, in their order, hanging (it was the brief's list, with
    works no slide cites)."""
    with pdfplumber.open(build("handout")) as pdf:
        listed = listed_entries(pdf, layout)
    assert listed == deck_entries(layout)


def test_with_the_speaker_notes_the_list_is_the_decks_and_holds_what_they_cite(build, doc,
                                                                              layout):
    """The deck's list holds the works its notes cite too (sliderefs.py):
    printed with the notes, it is the deck's, and every work a printed note
    cites is in it (it was the brief's, with works neither says)."""
    with pdfplumber.open(build("handout", DEFAULT_ARTICLE, "--notes", "speaker")) as pdf:
        listed = listed_entries(pdf, layout)
        said = squash(" ".join(page.extract_text() for page in pdf.pages))
    assert listed == deck_entries(layout)  # one only unsaid prose cites is not: test_deck_spoken
    cited = {item.key.lower() for cite in walk_cites(doc) if squash(plain_text(cite.rendered))
             in said for item in cite.items}
    by_key = {r.key.lower(): squash(plain_text(r.rendered)) for r in doc.references}
    assert cited and {by_key[k] for k in cited} <= set(listed)


def test_the_list_follows_instead_of_references_slides_too_small_to_read(build, layout):
    """Measured on paper: the deck's reference entries print at 9.5 pt one
    to a page, drawn and no list after them; two and more to a page they
    would print under 8 pt (styles/handout.toml's `legible`): the list
    follows, legibly, and their slides are not drawn (a page of them was
    spent on entries no one could read)."""
    from report import handoutgrid
    legible = handoutgrid.settings()["legible"]
    entry = min(b.size for s in layout.slides if s.kind == "references"
                for b in s.boxes if b.role == "references")
    others = [s for s in layout.slides if s.kind != "references"]
    for per_page in (1, 2, 3, 4, 6):
        with pdfplumber.open(build("handout", DEFAULT_ARTICLE, "--per-page", per_page)) as pdf:
            placed = slide_frames(pdf, layout)
            lists = [page for page in pdf.pages if not frames(page, layout)]
            listed = [c["size"] for page in lists for c in page.chars if c["text"].strip()]
        scale = (placed[0][1][2] - placed[0][1][0]) / layout.width
        if entry * scale >= legible:
            assert len(placed) == len(layout.slides) and not lists, per_page
        else:
            assert len(placed) == len(others) and lists, (per_page, entry * scale)
            assert min(listed) >= legible - 0.01


def test_a_character_no_font_has_on_a_slide_is_named_where_it_is_written(tmp_path):
    fc_list = shutil.which("fc-list")
    if not fc_list or subprocess.run([fc_list, ":charset=d55c", "family"],
                                     capture_output=True, text=True).stdout.strip():
        pytest.skip("no fc-list, or a font has Hangul")
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: T\n---\n\n# A\n\nText.\n\n::: slide\n- Seoul, 한국\n:::\n",
                       encoding="utf-8")
    result = run_report("handout", article, "-o", tmp_path / "handout.pdf")
    assert result.returncode == 0, result.stderr
    assert f"{article}:10:10: warning: no font has '한' (U+D55C)" in result.stderr, result.stderr


def test_fonts_are_embedded(build):
    reader = pypdf.PdfReader(build("handout"))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"]
                fonts[descriptor["/FontName"]] = any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    assert any("Liberation-Sans" in name for name in fonts)


def test_paper_and_options_from_front_matter_and_command_line(tmp_path, layout):
    article = tmp_path / "article.md"
    text = DEFAULT_ARTICLE.read_text(encoding="utf-8")
    article.write_text(text.replace("\nslides:", "\nhandout: {per-page: 2, notes: speaker, "
                                    "paper: a4, date: 12 May 2026}\nslides:", 1),
                       encoding="utf-8")
    shutil.copy(ROOT / "refs.json", tmp_path / "refs.json")
    for extra, per_page in (((), 2), (("--per-page", "4", "--notes", "lines"), 4)):
        out = tmp_path / f"handout-{per_page}.pdf"
        result = run_report("handout", article, "-o", out, *extra)
        assert result.returncode == 0, result.stderr
        with pdfplumber.open(out) as pdf:
            first = pdf.pages[0]
            assert (round(first.width), round(first.height)) == tuple(map(round, A4))
            assert len(frames(first, layout)) == per_page
            header = first.crop((0, 0, first.width, 60)).extract_text()
            beside = first.crop((first.width / 2, 0, first.width, first.height)).extract_text()
        assert "Tensions are Rising" in header and "12 May 2026" in header
        notes = layout.slides[1].notes.split("\n\n")[0]
        assert (notes[:40] in beside.replace("\n", " ")) == (per_page == 2)


def test_bad_option_names_its_line(tmp_path):
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: T\nhandout:\n  per-page: 5\n---\n\nText.\n",
                       encoding="utf-8")
    (tmp_path / "refs.json").write_text("[]", encoding="utf-8")
    result = run_report("handout", article, "-o", tmp_path / "h.pdf")
    assert result.returncode == 1
    assert (f"{article}:3:1: 'handout: per-page' must be one of 1, 2, 3, 4, 6, not '5'"
            in result.stderr)
    assert not (tmp_path / "h.pdf").exists()


# --- laid out a page of slides at a time ----------------------------------------

def page_feet(path) -> list[str]:
    """The "Page i of n" line of each page."""
    return [re.search(r"Page \d+ of \d+", page.extract_text()).group()
            for page in pypdf.PdfReader(path).pages]


def test_pages_are_numbered_across_the_parts(build):
    feet = page_feet(build("handout"))
    assert feet == [f"Page {i} of {len(feet)}" for i in range(1, len(feet) + 1)]


LONG_TITLE = ("Effects of Cross-Border Security Cooperation on Regional Trade, Migration "
              "and Public Health in North America, 2000\u20132025: Evidence From Three "
              "Decades of Agreements, Audits, Arrests, Extraditions and the Treaties That Bound "
              "the Three Governments to One Another")


def page_head(tmp_path, front: str, share: float = 1.0) -> list[str]:
    """The lines in the top margin of the first page of a handout of an
    article with `front` matter, across `share` of the page's width."""
    (tmp_path / "article.md").write_text(f"---\n{front}---\n\n# One\n\nWords.\n",
                                         encoding="utf-8")
    out = tmp_path / "handout.pdf"
    result = run_report("handout", tmp_path / "article.md", "-o", out)
    assert result.returncode == 0, result.stderr
    page = pdfplumber.open(out).pages[0]
    return page.crop((0, 0, page.width * share, 72 * 0.8)).extract_text().split("\n")


@pytest.mark.parametrize("short_title", ["Security and Trade", None])
def test_a_title_of_more_than_two_lines_never_heads_the_pages(tmp_path, short_title):
    front = f'title: "{LONG_TITLE}"\n' + (f'short-title: "{short_title}"\n' if short_title else "")
    head = page_head(tmp_path, front)
    if short_title:
        assert head == [short_title]
    else:  # two lines, the second cut after a word
        assert len(head) == 2 and head[1].endswith("\u2026")
        assert LONG_TITLE.startswith(" ".join(head)[:-1].rstrip(",:"))


TWO_LINE_TITLE = ("Retrieval Practice Under Time Pressure: A Preregistered Classroom "
                  "Experiment With Undergraduates")
ONE_LINE_TITLE = "Retrieval Practice Under Time Pressure in the Classroom"


@pytest.mark.parametrize("title, short_title, paper, shown", [
    (TWO_LINE_TITLE, "Retrieval Under Pressure", "letter", ["Retrieval Under Pressure"]),
    (TWO_LINE_TITLE, "Retrieval Under Pressure", "a4", ["Retrieval Under Pressure"]),
    (TWO_LINE_TITLE, None, "letter", None),  # the title, on two lines
    (ONE_LINE_TITLE, "Retrieval Under Pressure", "letter", [ONE_LINE_TITLE]),
])
def test_a_title_too_long_for_a_line_gives_way_to_the_short_title(tmp_path, title, short_title,
                                                                   paper, shown):
    """As the brief's running head is the short title: the handout's head is
    the title where it fits a line, else the short title, if there is one."""
    front = (f'title: "{title}"\npapersize: {paper}\n'
             + (f'short-title: "{short_title}"\n' if short_title else ""))
    head = page_head(tmp_path, front, share=0.78)
    if shown:
        assert head == shown
    else:
        assert len(head) == 2 and squash(" ".join(head)) == squash(title)


@pytest.fixture(scope="module")
def long_references(tmp_path_factory):
    """A handout whose reference list runs over pages: slides that cite
    every work, ten to a slide (the list is the deck's)."""
    folder = tmp_path_factory.mktemp("refs")
    subprocess.run([sys.executable, ROOT / "tools" / "make_fixture.py",
                    "--pages", "1", "--refs", "60", "--cites", "60", "--out", folder],
                   check=True)
    keys = [r["id"] for r in json.loads((folder / "refs.json").read_text(encoding="utf-8"))]
    with open(folder / "article.md", "a", encoding="utf-8") as article:
        for n in range(0, len(keys), 10):
            article.write(f"\n::: slide\n## Sources {n // 10 + 1}\n\n"
                          + "".join(f"- Work [@{k}]\n" for k in keys[n:n + 10]) + ":::\n")
    out = folder / "handout.pdf"
    result = run_report("handout", folder / "article.md", "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def test_a_reference_list_of_several_pages_is_numbered_on(long_references):
    out = long_references
    feet = page_feet(out)
    text = [page.extract_text() for page in pypdf.PdfReader(out).pages]
    assert len([t for t in text if "https://doi.org" in t]) >= 2  # the list runs on
    assert feet == [f"Page {i} of {len(feet)}" for i in range(1, len(feet) + 1)]


def below_the_head(page) -> float:
    """How far below the page head's rule the page's first text or slide
    frame starts, in points."""
    rule = max(r["bottom"] for r in page.rects if r["bottom"] <= 72 * 0.8 + 1)
    tops = [w["top"] for w in page.extract_words() if w["top"] > rule]
    tops += [r["top"] for r in page.rects if r["top"] > rule and r["width"] > 100]
    return min(tops) - rule


def test_every_page_starts_clear_of_the_head_rule(long_references):
    """The reference list too, on each of its pages: it sat 2 to 3 points
    under the rule, where the slides keep 8 (a row's --row-top) or more."""
    with pdfplumber.open(long_references) as pdf:
        gaps = [below_the_head(page) for page in pdf.pages]
    assert len(gaps) >= 3  # slides, then the references over two pages at least
    assert min(gaps) >= 8, gaps


def above_the_foot(page) -> float:
    """How far above the page's "Page i of n" its lowest other text ends."""
    words = page.extract_words()
    foot = min(w["top"] for w in words if w["text"] == "Page")
    return foot - max(w["bottom"] for w in words if w["bottom"] < foot)


def test_every_page_ends_clear_of_the_page_number(long_references):
    """A full page of references ended 2 points over its "Page i of n",
    where the slides end 30 and more over it."""
    with pdfplumber.open(long_references) as pdf:
        gaps = [above_the_foot(page) for page in pdf.pages]
    assert min(gaps) >= 12, gaps


def test_an_edited_slide_lays_out_its_page_alone(tmp_path, monkeypatch):
    """`report watch` writes the handout again after a save: only the page
    whose slide changed is laid out again, and the PDF is the very one a
    fresh build writes."""
    from weasyprint import HTML
    for name in ("article.md", "refs.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    article = tmp_path / "article.md"
    pipeline.write("handout", pipeline.load(article), tmp_path / "before.pdf")
    text = article.read_text(encoding="utf-8")
    at = text.index("\n- ") + 3
    article.write_text(text[:at] + "Edited: " + text[at:], encoding="utf-8")
    laid_out, original = [], HTML.render
    monkeypatch.setattr(HTML, "render", lambda *a, **k: laid_out.append(1) or original(*a, **k))
    doc = pipeline.load(article)
    pipeline.write("handout", doc, tmp_path / "warm.pdf")
    assert len(laid_out) == 1
    handout._LAID_OUT.clear()
    pipeline.write("handout", doc, tmp_path / "cold.pdf")
    assert len(laid_out) > 2
    assert (tmp_path / "warm.pdf").read_bytes() == (tmp_path / "cold.pdf").read_bytes()
    assert "Edited:" in pypdf.PdfReader(tmp_path / "warm.pdf").pages[0].extract_text()


def test_greyscale_outside_the_slides(build, layout):
    """Header, lines, notes, references: black and greys only."""
    def grey(color):
        return color is None or len(color) == 1 or max(color) - min(color) < 1e-3
    with pdfplumber.open(build("handout")) as pdf:
        for page in pdf.pages:
            slides = frames(page, layout)
            outside = [o for o in page.chars + page.rects
                       if not any(o["x0"] >= f[0] - 1 and o["top"] >= f[1] - 1
                                  and o["x1"] <= f[2] + 1 and o["bottom"] <= f[3] + 1
                                  for f in slides)]
            assert all(grey(o["non_stroking_color"]) for o in outside)


def test_speaker_notes_beside_their_slide_in_full(tmp_path, layout):
    out = tmp_path / "speaker.pdf"
    result = run_report("handout", DEFAULT_ARTICLE, "--per-page", "6", "--notes", "speaker",
                        "-o", out)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as pdf:
        right = max(frame[2] for _, frame in slide_frames(pdf, layout))
        text = squash(" ".join(page.crop((right, 0, page.width, page.height)).extract_text()
                               for page in pdf.pages))
    for slide in layout.slides:
        for paragraph in filter(None, slide.notes.split("\n\n")):
            assert squash(paragraph) in text


def test_crowded_notes_skip_the_steps_that_cannot_hold_them():
    sizes = handout._note_sizes()  # read from styles/handout.css
    assert list(sizes) == [None, *handout.CROWDED[:-1]]
    assert list(sizes.values()) == sorted(sizes.values(), reverse=True)
    assert handout._next_step(None, 1.05) == "fit-1"
    assert handout._next_step(None, 3.0) == "grow"
    assert handout._next_step("fit-1", 1.01) == "grow"


def test_a_stylesheet_without_the_steps_tries_them_one_at_a_time(monkeypatch):
    monkeypatch.setattr(handout, "_note_sizes", lambda: {})
    assert handout._next_step(None, 3.0) == "fit-1"
    assert handout._next_step("fit-1", 3.0) == "grow"


@pytest.mark.parametrize("per_page", [2, 3])
def test_crowded_notes_fit_as_step_by_step_in_fewer_renders(tmp_path, monkeypatch, per_page):
    """The steps skipped are those a render would have found too small: the
    same handout, in fewer renders of it."""
    renders, original = [], handout._render

    def render(doc, layout, chosen, fit, part):
        renders.append(dict(fit))
        return original(doc, layout, chosen, fit, part)
    monkeypatch.setattr(handout, "_render", render)
    doc = pipeline.load(DEFAULT_ARTICLE)
    command_line(doc, per_page, "speaker")
    pipeline.write("handout", doc, tmp_path / "skipping.pdf")
    skipping = list(renders)
    renders.clear()
    monkeypatch.setattr(handout, "_note_sizes", lambda: {})  # one step at a time
    pipeline.write("handout", doc, tmp_path / "stepwise.pdf")
    assert skipping[-1] == renders[-1] and "grow" in renders[-1].values()
    assert len(skipping) < len(renders)
    assert (tmp_path / "skipping.pdf").read_bytes() == (tmp_path / "stepwise.pdf").read_bytes()


# --- the same text in the same places as LibreOffice draws the deck ------------

def baseline_words(page, box=None) -> list[tuple[str, float, float]]:
    """(text, left, baseline) of every word on a page (inside `box`), in reading order."""
    words = page.extract_words(return_chars=True)
    return [(w["text"], w["x0"], page.height - w["chars"][0]["matrix"][5]) for w in words
            if box is None or (w["x0"] >= box[0] and w["top"] >= box[1]
                               and w["x1"] <= box[2] and w["bottom"] <= box[3])]


def text_words(words, slide) -> list[tuple[str, float, float]]:
    """The words of the slide's text boxes and tables: not its bullets, which
    LibreOffice sets 1.5 points high, nor its charts, which each chart engine
    lays out its own way."""
    bullets = {b for box in slide.boxes for b in box.bullets}
    return [w for w in words if w[0] not in bullets and not any(
        c.x <= w[1] <= c.x + c.w and c.y <= w[2] <= c.y + c.h for c in slide.charts)]


def libreoffice_pdf(pptx, folder):
    """The deck as LibreOffice draws it, as PDF."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = (folder / "profile").as_uri()  # its own profile: no clash with a running one
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(pptx)],
                   check=True, capture_output=True, timeout=300)
    return folder / (pptx.stem + ".pdf")


@pytest.fixture(scope="module")
def deck_pdf(build, tmp_path_factory):
    return libreoffice_pdf(build("slides"), tmp_path_factory.mktemp("lo"))


def placement(deck_pdf, handout_pdf, layout) -> tuple[list[float], list[int]]:
    """How far each word of the handout's slides sits from LibreOffice's, and
    how many of LibreOffice's words each slide misses."""
    errors, missing = [], []
    with pdfplumber.open(deck_pdf) as deck, pdfplumber.open(handout_pdf) as pdf:
        assert len(deck.pages) == len(layout.slides)
        for (n, (x0, top, x1, bottom)), page, slide in zip(slide_frames(pdf, layout),
                                                           deck.pages, layout.slides):
            scale = (x1 - x0) / page.width
            theirs = text_words(baseline_words(page), slide)
            ours = text_words([(t, (x - x0) / scale, (y - top) / scale) for t, x, y in
                               baseline_words(pdf.pages[n], (x0, top, x1, bottom))], slide)
            match = difflib.SequenceMatcher(None, [w[0] for w in theirs], [w[0] for w in ours],
                                            autojunk=False)
            for a, b, size in match.get_matching_blocks():
                for (_, tx, ty), (_, ox, oy) in zip(theirs[a:a + size], ours[b:b + size]):
                    errors.append(max(abs(tx - ox), abs(ty - oy)))
            missing.append(len(theirs) - sum(m.size for m in match.get_matching_blocks()))
    return errors, missing


@pytest.mark.parametrize("per_page", [3, 6])
def test_words_sit_where_libreoffice_draws_them(build, layout, deck_pdf, per_page):
    errors, missing = placement(deck_pdf, build("handout", DEFAULT_ARTICLE, "--per-page",
                                                per_page), layout)
    assert sum(missing) <= 0.02 * len(errors), missing
    assert max(errors) <= TOLERANCE, max(errors)


@pytest.fixture(scope="module")
def tables_pdf(build, tmp_path_factory):
    return libreoffice_pdf(build("slides", TABLES_ARTICLE), tmp_path_factory.mktemp("lo"))


@pytest.mark.parametrize("per_page", [1, 3])
def test_table_words_sit_where_libreoffice_draws_them(build, tables_pdf, per_page):
    """Tables too: LibreOffice sets a cell's lines the font's height apart."""
    layout = plan(pipeline.load(TABLES_ARTICLE))
    errors, missing = placement(tables_pdf, build("handout", TABLES_ARTICLE, "--per-page",
                                                  per_page), layout)
    assert sum(missing) <= 0.02 * len(errors), missing
    assert max(errors) <= TOLERANCE, max(errors)


@pytest.fixture(scope="module")
def linebreak_pdf(build, tmp_path_factory):
    return libreoffice_pdf(build("slides", LINEBREAK_ARTICLE), tmp_path_factory.mktemp("lo"))


@pytest.mark.parametrize("per_page", [1])  # two and more to a page: the list instead
def test_reference_words_sit_where_libreoffice_draws_them(build, linebreak_pdf, per_page):
    """An entry of the references slide breaks where LibreOffice breaks it,
    not after its first word where its text before an <em> fits the line
    but for the space that ends it (report/pdffixes.py)."""
    layout = plan(pipeline.load(LINEBREAK_ARTICLE))
    errors, missing = placement(linebreak_pdf, build("handout", LINEBREAK_ARTICLE,
                                                     "--per-page", per_page), layout)
    assert sum(missing) == 0, missing
    assert max(errors) <= TOLERANCE, max(errors)


# The lines LibreOffice sets the numbers fixture's bullets on (its PDF of
# the deck, LibreOffice 7.4), slide by slide: a statistic ("F(1, 116) =
# 6.12", "p = .015") and an interval ("[−5, −.04]") each on one line, held
# by the no-break spaces the deck puts in them (keptwhole.py).
NUMBER_LINES = [
    [["No feedback: speeded −.08", "[−.13, −.04]"], ["Feedback: speeded −.01", "[−.05, .03]"],
     ["Interaction F(1, 116) = 6.12,", "p = .015"]],
    [["Feedback: speeded −.01", "(−.05, .03)"], ["Feedback: speeded −.01", "ab .03]"],
     ["Interaction F(1, 116) = 6.12,", "p < .001"], ["Feedback: speeded −.01", "[−5, −.04]"]],
]


def bullet_lines(page, frame, scale, box) -> list[list[str]]:
    """The lines of a bulleted box of a slide in the handout, paragraph by
    paragraph (a bullet opens one)."""
    left = frame[0] + (box.x - box.bullet_indent - 1) * scale
    crop = page.within_bbox((left, frame[1] + box.y * scale, frame[0] + (box.x + box.w) * scale,
                             frame[1] + (box.y + box.h + 10) * scale))
    paragraphs: list[list[str]] = []
    for line in crop.extract_text().splitlines():
        if line.startswith(box.bullets[0]):
            paragraphs.append([])
        paragraphs[-1].append(line.removeprefix(box.bullets[0]).strip())
    return paragraphs


def test_slide_text_breaks_its_lines_where_the_deck_does(build):
    """Never inside a number ("[−." / "13,"), nor inside a statistic ("p" /
    "= .015", "p =" / ".015"): the handout draws the lines the deck's layout set."""
    layout = plan(pipeline.load(NUMBERS_ARTICLE))
    with pdfplumber.open(build("handout", NUMBERS_ARTICLE, "--per-page", 3)) as pdf:
        placed = slide_frames(pdf, layout)[1:]
        shown = []
        for (n, frame), slide in zip(placed, layout.slides[1:]):
            scale = (frame[2] - frame[0]) / layout.width
            body, = [b for b in slide.boxes if b.role == "body"]
            shown.append(bullet_lines(pdf.pages[n], frame, scale, body))
    assert shown == NUMBER_LINES


@pytest.fixture(scope="module")
def numbers_pdf(build, tmp_path_factory):
    return libreoffice_pdf(build("slides", NUMBERS_ARTICLE), tmp_path_factory.mktemp("lo"))


def test_number_words_sit_where_libreoffice_draws_them(build, numbers_pdf):
    """Each word on the line LibreOffice sets it on: a line broken
    elsewhere moves its words by a line's height."""
    layout = plan(pipeline.load(NUMBERS_ARTICLE))
    errors, missing = placement(numbers_pdf, build("handout", NUMBERS_ARTICLE,
                                                   "--per-page", 3), layout)
    assert sum(missing) == 0, missing
    assert max(errors) <= TOLERANCE, max(errors)


WIDE_TABLE = """---
title: Wide
---

# Results

::: slide
|Measure|Condition|Statistic|Interpretation|Reliability|Participants|Estimate|Comparison|
|---|---|---|---|---|---|---|---|
|Accuracy|Speeded|*F*(1, 116) = 6.12|Considerable|Acceptable|Undergraduates|Large|Unspeeded|
|Latency|Unspeeded|*t*(28) = 2.31|Negligible|Questionable|Professionals|Modest|Speeded|
:::
"""


def test_a_statistic_wider_than_its_column_breaks_at_its_spaces(tmp_path):
    """A statistic is kept on one line by no-break spaces (keptwhole.py);
    one wider than its column, at the least size, has plain spaces instead:
    LibreOffice would break it between two characters ("6.1" / "2"). The
    one that fits keeps them, and the handout sets each where LibreOffice does."""
    from pptx import Presentation
    article = tmp_path / "article.md"
    article.write_text(WIDE_TABLE, encoding="utf-8")
    (tmp_path / "refs.json").write_text("[]", encoding="utf-8")
    pptx, pdf = tmp_path / "wide.pptx", tmp_path / "wide.pdf"
    for kind, out in (("slides", pptx), ("handout", pdf)):
        assert run_report(kind, article, "-o", out).returncode == 0
    table = next(shape.table for shape in Presentation(pptx).slides[1].shapes if shape.has_table)
    assert [table.cell(row, 2).text for row in (1, 2)] == ["F(1, 116) = 6.12",
                                                          "t(28)\u00a0=\u00a02.31"]
    layout = plan(pipeline.load(article))
    drawn = libreoffice_pdf(pptx, tmp_path)
    grid = layout.slides[1].tables[0]
    box = grid.cells[1][2]  # the statistic's cell's text, where the layout sets it
    with pdfplumber.open(drawn) as deck:
        page = deck.pages[1]
        scale = page.width / layout.width
        crop = page.crop((box.x * scale, box.y * scale, (box.x + box.w) * scale,
                          (box.y + box.h) * scale), strict=False)
        shown = crop.extract_text().splitlines()
        edge = (grid.x + sum(grid.columns[:3])) * scale  # the column's right
        overflow = [c for c in page.chars if c["x0"] < edge < c["x1"]]
    assert shown == ["F(1, 116) =", "6.12"]  # at its spaces: no number parted
    assert not overflow  # nothing runs over into the next column
    errors, missing = placement(drawn, pdf, layout)
    assert sum(missing) == 0, missing
    assert max(errors) <= TOLERANCE, max(errors)


@pytest.fixture(scope="module")
def code_pdf(build, tmp_path_factory):
    return libreoffice_pdf(build("slides", CODE_ARTICLE), tmp_path_factory.mktemp("lo"))


@pytest.mark.parametrize("per_page", [1, 3])
def test_code_words_sit_where_libreoffice_draws_them(build, code_pdf, per_page):
    """Code too: its lines, indents and blank lines as LibreOffice sets the
    deck's Courier New (Liberation Mono, which the handout embeds)."""
    layout = plan(pipeline.load(CODE_ARTICLE))
    assert sum(len(s.codes) for s in layout.slides) == 5
    errors, missing = placement(code_pdf, build("handout", CODE_ARTICLE, "--per-page",
                                                per_page), layout)
    assert sum(missing) == 0, missing
    assert max(errors) <= TOLERANCE, max(errors)


def test_code_is_set_in_the_mono_font_on_its_ground(build):
    """Each line of code in Liberation Mono, its ground the theme's tint
    where the deck has it, the text within it."""
    layout = plan(pipeline.load(CODE_ARTICLE))
    codes = [(n, c) for n, slide in enumerate(layout.slides) for c in slide.codes]
    with pdfplumber.open(build("handout", CODE_ARTICLE, "--per-page", 3)) as pdf:
        placed = slide_frames(pdf, layout)
        for n, code in codes:
            page, (x0, top, x1, _) = placed[n]
            scale = (x1 - x0) / layout.width
            ground = (x0 + code.x * scale, top + code.y * scale,
                      x0 + (code.x + code.w) * scale, top + (code.y + code.h) * scale)
            fill = tuple(int(code.fill[i:i + 2], 16) / 255 for i in (0, 2, 4))
            assert any(abs(r["x0"] - ground[0]) < 0.1 and abs(r["top"] - ground[1]) < 0.1
                       and abs(r["x1"] - ground[2]) < 0.1 and abs(r["bottom"] - ground[3]) < 0.1
                       and tuple(r["non_stroking_color"]) == pytest.approx(fill, abs=0.01)
                       for r in pdf.pages[page].rects), (n, ground)
            chars = [c for c in pdf.pages[page].chars if ground[0] <= c["x0"] <= ground[2]
                     and ground[1] <= c["top"] <= ground[3]]
            assert chars and all("Liberation-Mono" in c["fontname"] for c in chars)
            assert all(c["x1"] <= ground[2] and c["bottom"] <= ground[3] for c in chars)
            shown = squash("".join(c["text"] for c in chars))
            assert shown == squash("".join(p.runs[0].text for p in code.text.paragraphs))


def test_a_bar_chart_with_long_names_wraps_them_and_keeps_its_bars_from_zero(tmp_path):
    """Category names wider than the chart (beside bullets, half a slide) wrap
    within half its width (the deck breaks them there too), each name's
    lines centred on one another as LibreOffice sets them: the bars keep
    their room, a positive one runs right of zero, the negative ones left,
    and no name runs into another or into a bar or a value."""
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n# A\n\n::: slide\n## Reruns\n- Most land below\n\n"
        "| Benchmark task as described in the original paper | Change |\n|---|---|\n"
        "| Machine translation, English to German (newstest2014) | -1.35 |\n"
        "| Question answering, SQuAD v1.1 exact match | 0.87 |\n"
        "| Few-shot arithmetic, two-digit addition | -12.5 |\n\n:::\n", encoding="utf-8")
    out = tmp_path / "h.pdf"
    result = run_report("handout", tmp_path / "article.md", "-o", out, "--per-page", "1")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[1]
        navy = tuple(int("14213D"[i:i + 2], 16) / 255 for i in (0, 2, 4))  # the bars' fill
        bars = sorted((r for r in page.rects if r["non_stroking_color"] and
                       r["non_stroking_color"] == pytest.approx(navy, abs=0.002)),
                      key=lambda r: r["top"])
        assert len(bars) == 3
        zero = bars[0]["x1"]
        assert bars[2]["x1"] == pytest.approx(zero, abs=0.5)       # -12.5 ends at zero
        assert bars[1]["x0"] == pytest.approx(zero, abs=0.5)       # 0.87 starts there
        assert bars[2]["width"] > 10 * bars[1]["width"] > 0
        words = page.extract_words()
        values = [w for w in words if re.fullmatch(r"[-\u2212]?\d+\.\d\d", w["text"])]
        lines = {}  # the names' lines: upright words left of the bars, right of the
        for w in words:  # bullets (the chart stands in the slide's right half), not values
            if w["upright"] and w not in values and page.width / 2 < w["x0"] and \
                    w["x1"] < bars[2]["x0"]:
                lines.setdefault(round(w["top"], 1), []).append(w)
        assert len(lines) >= 6  # the three names, wrapped
        extents = {top: (min(w["x0"] for w in line), max(w["x1"] for w in line),
                         max(w["bottom"] for w in line)) for top, line in lines.items()}
        for bar in bars:  # a name's lines: centred on one another, the widest at the edge
            name = [extents[t] for t in extents if bar["top"] - 30 < t < bar["bottom"] + 10]
            assert len({round((a + b) / 2) for a, b, _ in name}) == 1, name
            assert max(b for _, b, _ in name) == pytest.approx(
                max(b for _, b, _ in extents.values()), abs=0.5)
        right = max(b for _, b, _ in extents.values())
        assert len(values) == 3 and all(w["x0"] > right for w in values)
        rows = sorted((top, bottom) for top, (_, _, bottom) in extents.items())
        assert all(a[1] <= b[0] + 0.5 for a, b in zip(rows, rows[1:])), rows


def test_column_names_wrap_to_their_column_as_the_deck_engines_wrap_them(tmp_path):
    sites = "\n".join(f"| Site {n} | {88 + n * 0.17:.1f} |" for n in range(1, 26))
    (tmp_path / "article.md").write_text(
        f"---\ntitle: T\n---\n\n# Sites\n\n::: slide\n| Site | Accuracy |\n|---|---|\n{sites}\n"
        ":::\n", encoding="utf-8")
    out = tmp_path / "handout.pdf"
    result = run_report("handout", tmp_path / "article.md", "-o", out)
    assert result.returncode == 0, result.stderr
    words = [w for page in pdfplumber.open(out).pages  # names 2 pt apart: words apart
             for w in page.extract_words(x_tolerance=0.5)]
    tops = Counter(round(w["top"]) for w in words if w["text"] == "Site")
    row = tops.most_common(1)[0][0]  # the names' first line (the axis title is alone)
    names = sorted((w for w in words if w["text"] == "Site" and round(w["top"]) == row),
                   key=lambda w: w["x0"])

    def under(name):  # the word on the line below a "Site", centred with it
        middle = (name["x0"] + name["x1"]) / 2
        return next(w["text"] for w in words if 0 < w["top"] - name["top"] < 15
                    and abs((w["x0"] + w["x1"]) / 2 - middle) < 3)
    assert [under(name) for name in names] == [str(n) for n in range(1, 26)]
    assert all(a["x1"] <= b["x0"] for a, b in zip(names, names[1:]))  # never run together


# --- charts, drawn as LibreOffice draws the deck's ---------------------------------------

@pytest.fixture(scope="module", params=[CHARTS_ARTICLE, CHARTFIT_ARTICLE],
                ids=["charts", "chartfit"])
def charts_pdf(request, build, tmp_path_factory):
    """(a charts article, its deck as LibreOffice draws it)."""
    return request.param, libreoffice_pdf(build("slides", request.param),
                                          tmp_path_factory.mktemp("lo"))


def chart_chars(page, frame, scale, chart) -> list[tuple[str, float, float]]:
    """(character, x, y) of each character drawn inside the chart's box, at
    its origin (upright or turned), in the deck's points."""
    out = []
    for char in page.chars:
        x = (char["matrix"][4] - frame[0]) / scale
        y = (page.height - char["matrix"][5] - frame[1]) / scale
        if char["text"].strip() and chart.x <= x <= chart.x + chart.w and \
                chart.y <= y <= chart.y + chart.h:
            out.append((char["text"], x, y))
    return out


def _farthest(ours, theirs) -> float:
    """How far the worst placed of `ours` is from the same character of `theirs`."""
    return max(min((math.dist((x, y), (tx, ty)) for t, tx, ty in theirs if t == text),
                   default=math.inf) for text, x, y in ours)


@pytest.mark.parametrize("per_page", [1, 3])
def test_chart_text_sits_where_libreoffice_draws_it(build, charts_pdf, per_page):
    """Every character of every chart, values, names, legend and axis title,
    where LibreOffice draws it: the same characters (a slice's value where
    the deck shows one), the legend wrapped into LibreOffice's rows and in
    its order, the axis title on its lines, a drawn value axis' numbers."""
    article, drawn = charts_pdf
    layout = plan(pipeline.load(article))
    with pdfplumber.open(drawn) as deck, \
            pdfplumber.open(build("handout", article, "--per-page", per_page)) as pdf:
        placed = slide_frames(pdf, layout)
        for (n, frame), page, slide in zip(placed, deck.pages, layout.slides):
            for chart in slide.charts:
                theirs = chart_chars(page, (0, 0), page.width / layout.width, chart)
                ours = chart_chars(pdf.pages[n], frame, (frame[2] - frame[0]) / layout.width,
                                   chart)
                assert sorted(t for t, _, _ in ours) == sorted(t for t, _, _ in theirs)
                near = max(CHART_TOLERANCE, CHART_NARROWER * _longest_line(chart))
                assert _farthest(ours, theirs) <= near, slide.title
                assert _farthest(theirs, ours) <= near, slide.title


def _longest_line(chart) -> float:
    """The width of the chart's longest line of text, as the layout wraps it."""
    from report import chartlayout
    parts = chartlayout.frame(chart)
    lines = [line for name in parts.names for line in name] + parts.title + \
        [line for entry in (parts.legend.entries if parts.legend else []) for line in entry.lines]
    return max(chartlayout.width(line, chart.axis_size) for line in lines) if lines else 0.0


def test_a_doughnut_is_drawn_slice_by_slice_in_the_decks_colours(build):
    """Each slice, the eighth too, in the fill the deck gives it (past the
    fifth there was a white gap), and its legend whole inside the chart."""
    from pptx import Presentation
    from test_deck import chart_on, slice_fills
    fills = slice_fills(chart_on(Presentation(build("slides", CHARTS_ARTICLE)),
                                 "Where the Budget Goes"))
    layout = plan(pipeline.load(CHARTS_ARTICLE))
    n = next(i for i, s in enumerate(layout.slides) if s.title == "Where the Budget Goes")
    chart = layout.slides[n].charts[0]
    with pdfplumber.open(build("handout", CHARTS_ARTICLE, "--per-page", 1)) as pdf:
        page, frame = pdf.pages[n], frames(pdf.pages[n], layout)[0]
        scale = (frame[2] - frame[0]) / layout.width
        box = (frame[0] + chart.x * scale, frame[1] + chart.y * scale,
               frame[0] + (chart.x + chart.w) * scale, frame[1] + (chart.y + chart.h) * scale)
        drawn = Counter("".join(f"{round(c * 255):02X}" for c in o["non_stroking_color"])
                        for o in page.curves + page.rects
                        if o.get("fill") and box[0] <= o["x0"] and o["x1"] <= box[2]
                        and box[1] <= o["top"] and o["bottom"] <= box[3])
        assert len(fills) == 8 and all(drawn[fill] >= 2 for fill in fills), drawn  # and a key
        text = page.within_bbox(box).extract_text()
        assert all(squash(name) in squash(text) for name in chart.categories), text
        assert all(c["x1"] <= box[2] and c["bottom"] <= box[3] for c in page.chars
                   if box[1] <= (c["top"] + c["bottom"]) / 2 <= box[3] and box[0] <= c["x1"])


def test_a_bar_charts_legend_and_axis_title_stand_whole_as_in_the_deck(build):
    """The legend's names and the category axis' title whole inside the chart
    ("Night-time excess (°C" lost its ")" at the edge), the title on two
    lines as the deck wraps it (not cut to "Income group of the…"), clear of
    the category names beside it."""
    layout = plan(pipeline.load(CHARTS_ARTICLE))
    n = next(i for i, s in enumerate(layout.slides) if s.title == "Poorer Districts Are Hotter")
    chart = layout.slides[n].charts[0]
    with pdfplumber.open(build("handout", CHARTS_ARTICLE, "--per-page", 1)) as pdf:
        page, frame = pdf.pages[n], frames(pdf.pages[n], layout)[0]
        scale = (frame[2] - frame[0]) / layout.width
        right, bottom = (frame[0] + (chart.x + chart.w) * scale,
                         frame[1] + (chart.y + chart.h) * scale)
        chars = [c for c in page.chars if c["text"].strip()  # the chart's rows, right of
                 and frame[1] + chart.y * scale <= (c["top"] + c["bottom"]) / 2 <= bottom
                 and frame[0] + chart.x * scale <= c["x1"]]  # its left edge: the chart's
        assert all(c["x1"] <= right and c["bottom"] <= bottom for c in chars)
        legend = squash(page.within_bbox((frame[0] + chart.x * scale, frame[1],
                                          right, bottom)).extract_text())
        assert "Night-timeexcess(°C)" in legend and "Daytimeexcess(°C)" in legend
        title = [c for c in chars if not c["upright"]]
        lines = {round(c["matrix"][4], 1): "" for c in title}
        for c in sorted(title, key=lambda c: c["matrix"][5]):  # upwards (PDF's y), by line
            lines[round(c["matrix"][4], 1)] += c["text"]
        assert list(lines.values()) == ["Incomegroupofthe", "neighborhood"]
        level = [c for c in chars if c["upright"]]  # the names the leftmost of these
        assert max(c["x1"] for c in title) + 3 * scale < min(c["x0"] for c in level)


def test_a_right_to_left_name_in_a_slides_citation_keeps_its_place(tmp_path):
    """The handout draws the deck's isolated Arabic name (FSI … PDI) where the
    deck does: "(ابن سينا, 1999)", not "(1999 ,ابن سينا)"."""
    (tmp_path / "refs.json").write_text(
        '[{"id": "s", "type": "book", "author": [{"literal": "ابن سينا"}], "title": "Canon", '
        '"issued": {"date-parts": [[1999]]}, "publisher": "P"}]', encoding="utf-8")
    (tmp_path / "article.md").write_text("---\ntitle: T\n---\n\n# Sources\n\n::: slide\n"
                                         "- As shown [@s]\n:::\n", encoding="utf-8")
    out = tmp_path / "h.pdf"
    result = run_report("handout", tmp_path / "article.md", "-o", out)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    top = next(c["top"] for c in chars if c["text"] == "w")  # "shown"
    line = [c for c in chars if abs(c["top"] - top) < 2]
    name = [c["x1"] for c in line if c["text"] in "سين"]
    year = [c["x0"] for c in line if c["text"] == "9"]
    assert name and year and max(name) <= min(year) + 0.5


SCRIPTS = """---
title: Scripts
---

# Results

::: slide
## Effects
- *M*~age~ = 20.4, η~p~^2^ = .14, and *R*^2^ = .31
- Water is H~2~O and the area x^2^
:::
"""


def scripts(page, box=None, scale=1.0) -> list[tuple[str, float, float, float]]:
    """(character, size, baseline's rise, left) of each raised or lowered
    character on a page (inside `box`): its size and rise as shares of the
    size of the text it stands in, its left from the box's, in the deck's points."""
    x0, top, x1, bottom = box or (0, 0, page.width, page.height)
    chars = [c for c in page.chars if c["text"].strip() and x0 <= c["x0"] and top <= c["top"]
             and c["x1"] <= x1 and c["bottom"] <= bottom]
    out, body = [], None
    for c in chars:
        size, base = c["size"], c["matrix"][5]
        if body is None or size > 0.8 * body[0] or abs(base - body[1]) > body[0]:
            body = (size, base)  # the text's own: full size, on its line
        else:
            out.append((c["text"], size / body[0], (base - body[1]) / body[0],
                        (c["x0"] - x0) / scale))
    return out


def test_sub_and_superscripts_are_drawn_as_libreoffice_draws_the_deck(tmp_path):
    """η_p², M_age, H₂O: smaller than the text, raised or lowered by the share
    of its size the deck's run says, where LibreOffice draws them; not at
    full size, raised half an em into the line above."""
    article = tmp_path / "article.md"
    article.write_text(SCRIPTS, encoding="utf-8")
    layout = plan(pipeline.load(article))
    assert run_report("slides", article, "-o", tmp_path / "deck.pptx").returncode == 0
    with pdfplumber.open(libreoffice_pdf(tmp_path / "deck.pptx", tmp_path)) as deck:
        theirs = scripts(deck.pages[1])
    assert [c[0] for c in theirs] == list("agep2222")  # the check sees the scripts
    for per_page in (1, 3, 6):
        assert run_report("handout", article, "-o", tmp_path / "h.pdf", "--per-page",
                          per_page).returncode == 0
        with pdfplumber.open(tmp_path / "h.pdf") as pdf:
            (n, frame), = slide_frames(pdf, layout)[1:]
            ours = scripts(pdf.pages[n], frame, (frame[2] - frame[0]) / layout.width)
        assert [c[0] for c in ours] == [c[0] for c in theirs]
        for (_, size, rise, left), (_, our_size, our_rise, our_left) in zip(theirs, ours):
            assert our_size == pytest.approx(size, abs=0.01)
            assert our_rise == pytest.approx(rise, abs=0.02)
            assert our_left == pytest.approx(left, abs=TOLERANCE)


def body_size(pdf, layout) -> float:
    """The type size most of the slides' text is set in, in the handout."""
    sizes = Counter(round(c["size"], 2) for n, frame in slide_frames(pdf, layout)
                    for c in pdf.pages[n].within_bbox(frame).chars)
    return sizes.most_common(1)[0][0]


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_six_to_a_page_stand_two_across_as_large_as_fit(build, layout, tmp_path, paper):
    """As PowerPoint's handout of six: two columns of three rows, no ruled
    lines, each slide half the text's width (less the gap), where one
    column of six drew the body text at 5 pt; four to a page keep their lines
    beside slides as large as a two-by-two's would be."""
    article = tmp_path / "article.md"
    article.write_text(DEFAULT_ARTICLE.read_text(encoding="utf-8").replace(
        "\nslides:", f"\nhandout: {{paper: {paper}}}\nslides:", 1), encoding="utf-8")
    shutil.copy(ROOT / "refs.json", tmp_path / "refs.json")
    sizes = {}
    for per_page in (4, 6):
        out = tmp_path / f"h{per_page}.pdf"
        assert run_report("handout", article, "-o", out, "--per-page", per_page).returncode == 0
        with pdfplumber.open(out) as pdf:
            sizes[per_page] = body_size(pdf, layout)
            page = pdf.pages[0]
            placed = frames(page, layout)
            text = (page.width - 2 * 0.6 * 72, page.height)  # handout.css: 0.6 in either side
            ruled = [r for r in page.rects if r["top"] > 70 and not any(  # under the head's
                f[0] - 1 <= r["x0"] and f[1] - 1 <= r["top"] and r["x1"] <= f[2] + 1
                and r["bottom"] <= f[3] + 1 for f in frames(page, layout))]
        assert bool(ruled) == (per_page == 4)
    lefts, tops = sorted({f[0] for f in placed}), sorted({f[1] for f in placed})
    assert len(placed) == 6 and len(lefts) == 2 and len(tops) == 3
    width = placed[0][2] - placed[0][0]
    assert width == pytest.approx((text[0] - 0.3 * 72) / 2, abs=1)
    assert lefts[1] - lefts[0] == pytest.approx(width + 0.3 * 72, abs=1)
    assert all(b[1] - a[3] > 10 for a, b in zip(placed, placed[2:]))  # rows apart
    assert sizes[6] == pytest.approx(sizes[4], rel=0.06)


def test_the_page_heads_measures_are_handout_css_own():
    """The room the head's title is measured in comes from handout.css's
    @page (margins, @top-left's width and type), not numbers copied from it:
    a stylesheet that changes them changes the measure."""
    from report.handout import _HANDOUT_CSS, _page_measures
    css = _HANDOUT_CSS.read_text(encoding="utf-8")
    assert _page_measures(css) == pytest.approx(
        {"margins": 86.4, "margins_high": 104.4, "head_share": 0.78, "head_padding": 1.0,
         "head_size": 9.0})
    changed = css.replace("margin: 0.8in 0.6in 0.65in", "margin: 0.8in 1in 0.65in 0.5in") \
        .replace("width: calc(78% - 1em)", "width: calc(60% - 2em)") \
        .replace("font: bold 9pt/1.2", "font: bold 10pt/1.2")
    assert _page_measures(changed) == pytest.approx(
        {"margins": 108.0, "margins_high": 104.4, "head_share": 0.6, "head_padding": 2.0,
         "head_size": 10.0})


# --- legible on paper: 8 pt at least outside the slides, nothing cut ---------

def outside(page, placed):
    """The page without what lies in its slide frames `placed`."""
    return page.filter(lambda o: o.get("object_type") != "char" or not any(
        f[0] - 1 <= o["x0"] and o["x1"] <= f[2] + 1 and f[1] - 1 <= o["top"]
        and o["bottom"] <= f[3] + 1 for f in placed))


def outside_the_slides(page, layout) -> list[dict]:
    """The page's characters outside its slide frames."""
    return outside(page, frames(page, layout)).chars


@pytest.mark.parametrize("per_page", [1, 2, 3, 4, 6])
def test_speaker_notes_print_at_8_pt_at_least_clear_of_their_slide(build, layout, per_page):
    """Crowded notes were set at 7.5 and 6.5 pt (six to a page: 815
    characters at 7.5; two: 1,959 at 6.5); now they never go under
    styles/handout.toml's `legible` (8 pt) and grow their row instead. Each
    note stays right of its slide (or, one to a page, under it), inside the
    page's text, over its foot."""
    from report import handoutgrid
    legible = handoutgrid.settings()["legible"]
    out = build("handout", DEFAULT_ARTICLE, "--per-page", per_page, "--notes", "speaker")
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            chars = outside_the_slides(page, layout)
            assert chars and min(c["size"] for c in chars) >= legible - 0.01
            foot = min(w["top"] for w in page.extract_words() if w["text"] == "Page")
            above = [c for c in chars if c["top"] < foot - 1]
            assert all(36 <= c["x0"] and c["x1"] <= page.width - 36 for c in above)
            for f in frames(page, layout):  # no note's letter on a slide's frame
                assert not [c for c in above if c["x1"] > f[0] and c["x0"] < f[2]
                            and c["bottom"] > f[1] and c["top"] < f[3]]
    with pdfplumber.open(out) as pdf:
        text = squash(" ".join(outside(page, frames(page, layout)).extract_text()
                               for page in pdf.pages))
    for slide in layout.slides:  # every note in full, none cut
        for paragraph in filter(None, slide.notes.split("\n\n")):
            assert squash(paragraph) in text


def test_six_with_speaker_notes_keep_them_beside_each_slide(build, layout):
    """One column of six: each slide's notes beside it, where two across
    would leave them a quarter of the room under it."""
    with pdfplumber.open(build("handout", DEFAULT_ARTICLE, "--per-page", 6,
                               "--notes", "speaker")) as pdf:
        page = pdf.pages[0]
        placed = frames(page, layout)
        notes = [c for c in outside_the_slides(page, layout) if c["size"] < 9
                 and c["top"] > placed[0][1] and c["text"].strip()]
    assert len(placed) == 6 and len({round(f[0]) for f in placed}) == 1
    assert notes and min(c["x0"] for c in notes) > placed[0][2]


# --- the page's grid is styles/handout.toml's --------------------------------

@pytest.mark.parametrize("per_page", [1, 2, 3, 4, 6])
def test_a_slide_is_drawn_at_the_scale_handout_toml_gives(build, layout, per_page):
    from report import handoutgrid
    spec = handoutgrid.settings()["per-page"][str(per_page)]
    with pdfplumber.open(build("handout", DEFAULT_ARTICLE, "--per-page", per_page,
                               "--notes", "speaker")) as pdf:
        width = slide_frames(pdf, layout)[0][1]
    assert width[2] - width[0] == pytest.approx(layout.width * spec["scale"], abs=0.3)


def test_an_edited_handout_toml_changes_the_pages(tmp_path, monkeypatch, layout):
    """The scale and the ruled lines come from the toml, not from code: a
    copy that draws three to a page larger, with fewer lines, draws them so."""
    from report import handoutgrid
    toml = handoutgrid._HANDOUT_TOML.read_text(encoding="utf-8")
    edited = toml.replace("[per-page.3]\nscale = 0.3\nruled-lines = 7",
                          "[per-page.3]\nscale = 0.33\nruled-lines = 3")
    assert edited != toml
    (tmp_path / "handout.toml").write_text(edited, encoding="utf-8")
    monkeypatch.setattr(handoutgrid, "_HANDOUT_TOML", tmp_path / "handout.toml")
    doc = pipeline.load(DEFAULT_ARTICLE)
    command_line(doc, 3, "lines")
    pipeline.write("handout", doc, tmp_path / "h.pdf")
    with pdfplumber.open(tmp_path / "h.pdf") as pdf:
        page = pdf.pages[0]
        frame = frames(page, layout)[0]
        lines = {round(r["top"]) for r in page.rects if r["x0"] > frame[2]
                 and frame[1] <= r["top"] <= frame[3] + 1}
    assert frame[2] - frame[0] == pytest.approx(layout.width * 0.33, abs=0.3)
    assert len(lines) == 3


def test_every_per_page_option_has_its_grid():
    from report import handoutgrid
    from report.handoutopts import NOTES, PER_PAGE
    for per_page in PER_PAGE:
        for notes in NOTES:
            grid = handoutgrid.grid(per_page, notes, (960.0, 540.0), 525.6, 687.6)
            assert grid.rows * grid.columns >= per_page and 0 < grid.scale < 1


@pytest.mark.parametrize("per_page", [2, 3, 4])
def test_every_slide_a_section_too_gets_its_lines_beside_it(build, layout, per_page):
    """As in PowerPoint's handout, a section's slide (a heading alone) has
    the lines every slide has: as many, beside it, none reaching the next row."""
    from report import handoutgrid
    count = handoutgrid.settings()["per-page"][str(per_page)]["ruled-lines"]
    with pdfplumber.open(build("handout", DEFAULT_ARTICLE, "--per-page", per_page)) as pdf:
        placed = slide_frames(pdf, layout)
        for (n, frame), slide in zip(placed, layout.slides):
            below = [f[1] for m, f in placed if m == n and f[1] > frame[3]]
            ruled = {round(r["top"]): r["bottom"] for r in pdf.pages[n].rects
                     if r["x0"] > frame[2] and frame[1] - 1 <= r["top"] <= frame[3] + 1}
            assert len(ruled) == count, (slide.kind, len(ruled))  # a line each
            assert max(ruled.values()) <= min(below, default=pdf.pages[n].height)
    assert "section" in [s.kind for s in layout.slides]
