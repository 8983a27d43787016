"""Issue 3: the brief measured from the PDF (APA 7, ch. 2).

pdfplumber gives every character's font, size and position; points are
1/72 in, so the 1-in margins are at 72 pt and the 0.5-in indents at 36 pt.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from conftest import DEFAULT_ARTICLE, FIXTURES, SLEEP_ARTICLE, brief_of, run_report
from report.htmlblocks import HtmlWriter
from report.inlinehtml import cited, parse_inline_html
from report.model import Cite, Reference, Text

LETTER = (612, 792)
MARGIN, INDENT, PITCH = 72, 36, 24  # 1 in, 0.5 in, double-spaced 12 pt
TOL = 1.0
SPACE = 3.0  # a space of Liberation Serif at 12 pt (0.25 em)
# References whose text before the journal's italic name fits its line but
# for the space that ends it (report/pdffixes.py).
LINEBREAK_ARTICLE = FIXTURES / "linebreak" / "article.md"


def lines(page):
    """Text lines with their first character's position and font."""
    out = []
    for line in page.extract_text_lines(return_chars=True):
        first = next(c for c in line["chars"] if c["text"].strip())
        out.append({"text": line["text"], "x0": first["x0"], "top": line["top"],
                    "font": first["fontname"], "size": first["size"],
                    "x1": line["x1"], "chars": line["chars"]})
    return out


def find(pdf, start: str):
    """(page number, line) of the first line that starts with `start`."""
    for number, page in enumerate(pdf.pages, start=1):
        for line in lines(page):
            if line["text"].startswith(start):
                return number, line
    raise AssertionError(f"no line starts with {start!r}")


def is_bold(font: str) -> bool:
    return "Bold" in font


def is_italic(font: str) -> bool:
    return "Italic" in font


COHEN = ('[{"id": "c", "type": "book", "title": "Power", "author": [{"family": "Cohen", '
         '"given": "J."}], "issued": {"date-parts": [[1988]]}, "publisher": "Erlbaum"}]')


def centred(line, page_width=LETTER[0]) -> bool:
    return abs((line["x0"] + line["x1"]) / 2 - page_width / 2) < 2


@pytest.fixture(scope="module")
def sleep(build):
    with pdfplumber.open(build("pdf", SLEEP_ARTICLE)) as pdf:
        yield pdf


@pytest.fixture(scope="module")
def linebreak(build):
    with pdfplumber.open(build("pdf", LINEBREAK_ARTICLE)) as pdf:
        yield pdf


@pytest.fixture(scope="module")
def default(build):
    with pdfplumber.open(build("pdf", DEFAULT_ARTICLE)) as pdf:
        yield pdf


def variant(tmp_path: Path, article: Path, **front) -> Path:
    """A copy of the article's folder with front-matter keys replaced."""
    folder = tmp_path / article.parent.name
    shutil.copytree(article.parent, folder)
    copy = folder / article.name
    text = copy.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    for key, value in front.items():
        key = key.replace("_", "-")
        head = re.sub(rf"^{key}:.*$", "", head, flags=re.M)
        head += f"\n{key}: {value}"
    copy.write_text(head + "\n---\n" + body, encoding="utf-8")
    return copy


# --- page, margins, font, spacing -------------------------------------------------

@pytest.mark.parametrize("which", ["sleep", "default"])
def test_letter_pages_and_one_inch_margins(which, request):
    pdf = request.getfixturevalue(which)
    for page in pdf.pages:
        assert (round(page.width), round(page.height)) == LETTER
        for char in page.chars:
            if char["top"] < MARGIN:  # the page header, inside the top margin
                assert char["bottom"] <= MARGIN
                continue
            assert char["x0"] >= MARGIN - TOL and char["x1"] <= LETTER[0] - MARGIN + TOL
            assert char["bottom"] <= LETTER[1] - MARGIN + TOL


def test_a_word_wider_than_the_line_breaks_inside_the_margins(tmp_path):
    """A long identifier in code, a word with no break in it, a URL: broken
    where they must be, never run past the right margin."""
    long = "z" * 90
    out = brief_of(tmp_path, (
        f"---\ntitle: T\n---\n\nA {long} word, `code_{long}` and "
        f"https://example.org/{'a' * 80}/b.\n\n```\n{'y' * 120}\n```\n"))
    with pdfplumber.open(out) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    assert sum(c["text"] == "z" for c in chars) == 180
    assert max(c["x1"] for c in chars) <= LETTER[0] - MARGIN + TOL



@pytest.mark.parametrize("sentence, kept, lang", [
    # Pango broke "p < .001" after the point (". / 001") and after the sign
    ("differed, t(28) = 2.31, *p* < .001, 95% CI [0.12, 0.45].",
     ["p < .001", "t(28) = 2.31", "95% CI", "[0.12, 0.45]"], "en-US"),
    # …and "(Fullan, 2016, p." / "58)", "2021–" / "22"
    ("held (Fullan, 2016, p. 58; Rossi, 2019, pp. 212–215) in 2021–22.",
     ["p. 58", "pp. 212–215", "2021–22"], "en-US"),
    # a legal source's paragraph (APA §8.13), and other locators pandoc reads
    ("ruled (Loper, 2024, ¶ 12; Rossi, vol. 2, fig. 3).", ["¶ 12", "vol. 2", "fig. 3"],
     "en-US"),
    # the article's language's locators, as its CSL locale abbreviates them
    ("dijo (Ruiz, 2016, párr. 58; Gil, 2019, cap. 4; § 544–545).",
     ["párr. 58", "cap. 4", "§ 544–545"], "es-ES"),
    ("sagt (Ruiz, 2016, S. 58; Gil, 2019, Kap. 4, Abs. 2).", ["S. 58", "Kap. 4", "Abs. 2"],
     "de-DE"),
    # a line ended on "et", "al., 2020)" on the next (APA §8.17's "et al.")
    ("varied by region (Zhang et al., 2020).", ["et al."], "en-US")])
def test_what_reads_as_one_stays_on_one_line_in_the_text(tmp_path, sentence, kept, lang):
    """A statistic, a locator and its number, a span of years: whole at
    every place the line may end."""
    sentences = " ".join(f"Group {'x' * n} {sentence}" for n in range(1, 40))
    front = f"---\ntitle: T\nlang: {lang}\n---\n\n"
    with pdfplumber.open(brief_of(tmp_path, f"{front}{sentences}\n")) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    body = text[text.index("Group"):]
    assert [body.count(whole) for whole in kept] == [39] * len(kept)


def test_a_defined_term_is_italic_not_a_heading(tmp_path):
    """APA §6.22 italicizes a key term with its definition; bold and flush
    left would read as a level-2 heading."""
    out = brief_of(tmp_path, (
        "---\ntitle: T\n---\n\nPreregistration\n:   A plan filed before the data.\n"))
    with pdfplumber.open(out) as pdf:
        words = [w for page in pdf.pages for w in page.extract_words(extra_attrs=["fontname"])]
    [term] = [w for w in words if w["text"] == "Preregistration"]
    assert is_italic(term["fontname"]) and not is_bold(term["fontname"])


def test_italics_within_italics_are_upright(tmp_path):
    """A species name in a book's title (APA §6.22), and `*a _b_ c*` in the text."""
    (tmp_path / "refs.json").write_text(
        '[{"id": "ash", "type": "book", "title": "The genome of <i>Drosophila</i>: A guide", '
        '"author": [{"family": "Ashburner", "given": "M."}], "issued": {"date-parts": [[2005]]}, '
        '"publisher": "CSHL Press"}]', encoding="utf-8")
    out = brief_of(tmp_path, (
        "---\ntitle: T\n---\n\nSee @ash on *the fly _Musca_ too*.\n"))
    with pdfplumber.open(out) as pdf:
        words = [w for page in pdf.pages for w in page.extract_words(extra_attrs=["fontname"])]
    italic = {w["text"].strip(".:*"): is_italic(w["fontname"]) for w in words}
    assert italic["genome"] and italic["guide"] and not italic["Drosophila"]
    assert italic["fly"] and not italic["Musca"]



def test_emphasis_beside_a_no_break_space_as_pandoc_reads_it(tmp_path):
    """pandoc writes `*et al.\u00a0*` for a Word run of italics that ends in
    a no-break space, `**\u00a0**` for a bold one: its Markdown counts only
    the space and the tab as whitespace, CommonMark every Unicode space, so
    the asterisks printed. The brief's italics and bold are pandoc's (an
    `_` beside a no-break space opens and closes, as beside punctuation)."""
    nbsp = "\u00a0"
    out = brief_of(tmp_path, (
        f"---\ntitle: T\n---\n\nSmith *et al.{nbsp}*argue, a **{nbsp}** b, x *{nbsp}* y, "
        f"*{nbsp}Kim* and **Lee{nbsp}**, _Park{nbsp}_ and *Cho\\ * too, _Wu_{nbsp}Li, "
        f"\u00ab{nbsp}_Roy_{nbsp}\u00bb.\n"))
    with pdfplumber.open(out) as pdf:
        body = lines(pdf.pages[1])
    body = body[next(n for n, line in enumerate(body) if line["text"].startswith("Smith")):]
    chars = [c for line in body for c in line["chars"]]
    assert body[0]["text"].startswith("Smith et al.") and "*" not in "".join(
        line["text"] for line in body)
    italic = "".join(c["text"] for c in chars if is_italic(c["fontname"]) and c["text"].strip())
    bold = "".join(c["text"] for c in chars if is_bold(c["fontname"]) and c["text"].strip())
    pandoc = pytest.importorskip("pypandoc")
    html = subprocess.run([pandoc.get_pandoc_path(), "-t", "html", "article.md"], cwd=tmp_path,
                          capture_output=True, text=True, encoding="utf-8", check=True).stdout
    def tagged(tag):
        return re.sub(rf"[\s{nbsp}]", "", "".join(re.findall(rf"<{tag}>(.*?)</{tag}>", html)))
    assert (italic, bold) == (tagged("em"), tagged("strong")) == ("etal.KimParkChoWuRoy", "Lee")

# --- crowded tables: smaller type, words whole --------------------------------

def table_of(header: list[str], rows: list[list[str]]) -> str:
    return ("| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n"
            + "".join("| " + " | ".join(row) + " |\n" for row in rows) + "\n: Crowded\n")


# A tester's nine columns: at 10 pt with words broken anywhere, "Adjus/ted p",
# "confiden/ce", "< ./001".
NINE = table_of(
    ["Site", "Baseline systolic BP (mmHg)", "Week 4 systolic BP (mmHg)",
     "Week 8 systolic BP (mmHg)", "Week 12 systolic BP (mmHg)", "Change from baseline (mmHg)",
     "95% confidence interval", "Adjusted p value", "Cohen's d effect size"],
    [["Northfield University Hospital Main Campus", "148.2", "141.0", "137.3", "134.9",
      "-13.3", "[-15.9, -10.7]", "< .001", "0.91"]])
TWELVE = table_of(
    ["Site", "Baseline", "Week 4", "Week 8", "Week 12", "Change", "Interval", "Adjusted",
     "Cohen's", "Responders", "Dropouts", "Adherence"],
    [["Northfield", "148.2", "141.0", "137.3", "134.9", "-13.3", "[-15.9, -10.7]", "p < .001",
      "0.91", "45% (95% CI)", "12", "88%"]])
LONG_WORDS = table_of(
    ["Antidisestablishmentarianism", "Incomprehensibilities", "Counterrevolutionaries",
     "Internationalisation", "Electroencephalography", "Psychophysiological",
     "Uncharacteristically", "Telecommunications"], [[str(n) for n in range(1, 9)]])


def table_lines(pdf_path) -> list[list[dict]]:
    """The words of the table (its type is smaller than 11 pt), line by line,
    apostrophes straight and minus signs hyphens, as typed."""
    with pdfplumber.open(pdf_path) as pdf:
        words = [{**w, "text": w["text"].replace("\u2019", "'").replace("\u2212", "-")}
                 for page in pdf.pages
                 for w in page.extract_words(extra_attrs=["size"]) if w["size"] < 11]
    lines: dict[float, list] = {}
    for word in words:
        lines.setdefault(round(word["top"]), []).append(word)
    return [sorted(line, key=lambda w: w["x0"]) for _, line in sorted(lines.items())]


def source_words(table: str) -> set[str]:
    cells = [c for line in table.splitlines()[:1] + table.splitlines()[2:-2]
             for c in line.strip("| ").split(" | ")]
    return {word for cell in cells for word in cell.split()}


@pytest.mark.parametrize("table, size", [(NINE, 10), (TWELVE, 8)])
def test_a_crowded_tables_words_stay_whole_in_type_as_small_as_it_takes(tmp_path, table, size):
    """Every word of the table whole on its line, "< .001" and "95% CI" on
    one line, inside the margins: in 10-pt type where the widest words stand
    side by side, in smaller type where they do only then (APA §7.13)."""
    with pdfplumber.open(brief_of(tmp_path, f"---\ntitle: T\n---\n\n{table}")) as pdf:
        chars = [c for page in pdf.pages for c in page.chars if c["size"] < 11]
    assert {round(c["size"]) for c in chars} == {size}
    assert max(c["x1"] for c in chars) <= LETTER[0] - MARGIN + TOL
    lines = [[w["text"] for w in line] for line in table_lines(brief_of(tmp_path, (
        f"---\ntitle: T\n---\n\n{table}")))]
    shown = {word for line in lines for word in line}
    assert source_words(table) <= shown, source_words(table) - shown
    for kept in (["<", ".001"], ["95%", "CI)"]):
        if kept[0] in shown and kept[1] in shown:
            assert any(" ".join(kept) in " ".join(line) for line in lines), kept


def test_at_the_least_size_only_words_wider_than_their_column_break_with_a_hyphen(tmp_path):
    """Eight long words in 8-pt type still cannot stand side by side: the
    widest break, one at a time, at their syllables, each piece but the
    last with a hyphen, until the others fit whole."""
    lines = table_lines(brief_of(tmp_path, f"---\ntitle: T\n---\n\n{LONG_WORDS}"))
    columns: dict[int, list[str]] = {}  # the header's pieces, by their centre (centred, §7.12)
    for word in (w for line in lines for w in line if not w["text"].isdigit()):
        columns.setdefault(round((word["x0"] + word["x1"]) / 2), []).append(word["text"])
    words = source_words(LONG_WORDS) - {str(n) for n in range(1, 9)}
    assert sorted("".join(p.rstrip("\u2010") for p in pieces) for pieces in columns.values()) \
        == sorted(words)
    broken = [pieces for pieces in columns.values() if len(pieces) > 1]
    assert broken and len(broken) < len(words)  # some break, not all
    assert all(p.endswith("\u2010") for pieces in broken for p in pieces[:-1])
    assert max(w["x1"] for line in lines for w in line) <= LETTER[0] - MARGIN + TOL


@pytest.mark.parametrize("columns,cell", [(3, "participants reported improved sleep " * 15),
                                          (16, "longwordwithoutanyspaces")])
def test_a_table_taller_than_a_page_runs_on_without_blank_pages(tmp_path, columns, cell):
    """Rows of long text, or many columns of long words: the caption, the
    header and the first row share a page, the header is repeated, no page
    is left blank, and the text goes on after the last row."""
    rows = "\n".join(f"| R{r} | " + " | ".join([cell] * (columns - 1)) + " |"
                     for r in range(1, 6))
    out = brief_of(tmp_path, (
        "---\ntitle: T\n---\n\nBefore.\n\n| " + " | ".join(f"H{c}" for c in range(columns))
        + " |\n|" + "---|" * columns + "\n" + rows + "\n\n: The caption\n\nAfter.\n"))
    with pdfplumber.open(out) as pdf:
        pages = [page.extract_text().split() for page in pdf.pages]
        right = max(c["x1"] for page in pdf.pages for c in page.chars)
    assert right <= LETTER[0] - MARGIN + TOL
    assert all(len(words) > 2 for words in pages)  # none of its head and number alone
    def cells(words):  # where a cell's words are: their start, as narrow columns show it
        return [n for n, word in enumerate(words) if word.startswith(cell[:4])]
    first = next(n for n, words in enumerate(pages) if "caption" in words)
    last = max(n for n, words in enumerate(pages) if cells(words))
    assert "H1" in pages[first] and cells(pages[first])  # the header and a first row
    assert all("H1" in words for words in pages[first:last + 1])  # the header repeated
    whole = [word for words in pages for word in words]
    assert cells(whole)[-1] < whole.index("After.")


def test_a_note_in_the_articles_language_is_the_tables_note(tmp_path):
    """`*Anmerkung.*` under a table in a German article is its note, as
    `*Note.*` is: flush left under the table's bottom rule, no blank line
    between (a paragraph would stand a line below, indented)."""
    out = brief_of(tmp_path, (
        "---\ntitle: T\nlang: de-DE\n---\n\n: Praxis {#tbl-p}\n\n| Praxis | % |\n"
        "|---|---|\n| Daten | 41 |\n\n*Anmerkung.* N = 412.\n\nWie @tbl-p zeigt.\n"))
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[1]
        found = {line["text"]: line for line in lines(page)}
        rule = max(e["top"] for e in page.edges if e["orientation"] == "h")
    note = found["Anmerkung. N = 412."]
    assert note["x0"] == pytest.approx(MARGIN, abs=TOL)
    assert 0 < note["top"] - rule < PITCH


def test_a_tables_specific_and_probability_notes_are_its_notes(tmp_path):
    """"^a^ …" and "\\* *p* < .05." below "*Note.*": each on its own line,
    flush left under the table as its general note is (APA §7.14), and on
    a slide under the table, not among its bullets; the paragraph after
    them is the text again."""
    out = brief_of(tmp_path, (
        "---\ntitle: T\n---\n\n: Correlations {#tbl-a}\n\n| Measure | 1 |\n|:--|--:|\n"
        "| Recall | .45^a^ |\n| Speed | -.21\\* |\n\n*Note.* *N* = 60.\n\n"
        "^a^ Specific note about recall.\n\n\\* *p* < .05.\n\nBody text after @tbl-a.\n"))
    with pdfplumber.open(out) as pdf:
        found = {line["text"]: line for line in lines(pdf.pages[1])}
    notes = [found["Note. N = 60."], found["a Specific note about recall."], found["* p < .05."]]
    assert all(note["x0"] == pytest.approx(MARGIN, abs=TOL) for note in notes)
    assert found["Body text after Table 1."]["x0"] == pytest.approx(MARGIN + INDENT, abs=TOL)
    deck = tmp_path / "slides.pptx"
    assert run_report("slides", tmp_path / "article.md", "-o", deck).returncode == 0
    from pptx import Presentation
    texts = [shape for slide in Presentation(deck).slides for shape in slide.shapes
             if shape.has_text_frame]
    shown = " ".join(shape.text_frame.text for shape in texts if shape.name != "note")
    assert "Specific note" not in shown and "< .05" not in shown
    note, = [shape for shape in texts if shape.name == "note"]
    assert [p.text.replace("\xa0", " ") for p in note.text_frame.paragraphs] == \
        ["Note. N = 60.", "a Specific note about recall.", "* p < .05."]


def test_apaquartos_note_is_in_the_articles_language(tmp_path):
    """apa-note under a figure and under a code cell's table, in a German
    article: "Anmerkung." in the brief, and no bullet of it on the slides
    (each note stands under its figure or table)."""
    shutil.copy(SLEEP_ARTICLE.parent / "recall.png", tmp_path / "recall.png")
    out = brief_of(tmp_path, (
        "---\ntitle: T\nlang: de-DE\n---\n\n# Teil\n\nWie @fig-r und @tbl-c zeigen.\n\n"
        '![Abruf](recall.png){#fig-r apa-note="Höher ist besser."}\n\n'
        "```{r}\n#| label: tbl-c\n#| tbl-cap: Mittelwerte\n#| apa-note: N = 40.\nx\n```\n"))
    with pdfplumber.open(out) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Anmerkung. Höher ist besser." in text and "Anmerkung. N = 40." in text
    assert "Note." not in text
    deck = tmp_path / "slides.pptx"
    assert run_report("slides", tmp_path / "article.md", "-o", deck).returncode == 0
    from pptx import Presentation
    shapes = [shape for slide in Presentation(deck).slides for shape in slide.shapes
              if shape.has_text_frame]
    shown = [shape.text_frame.text for shape in shapes if shape.name != "note"]
    assert any("Wie Abbildung 1" in text for text in shown)
    assert not any("Anmerkung" in text or "Höher" in text for text in shown)
    # The figure's note under it; the table, on a slide of its own after
    # the digest, its note under it.
    notes = [shape.text_frame.text.replace("\xa0", " ") for shape in shapes
             if shape.name == "note"]
    assert notes == ["Anmerkung. Höher ist besser.", "Anmerkung. N = 40."]


@pytest.mark.parametrize("body,note", [
    # the image's note inside a labelled div: the div's caption and label stay
    ('::: {#fig-a}\n![](recall.png){apa-note="Each session lasted 2 hours."}\n\n'
     "Design of the Study\n:::\n", "Figure 1\nDesign of the Study\nNote. Each session"),
    # on the div, as apaquarto's skeleton writes it
    ('::: {#fig-a apa-note="Each session lasted 2 hours."}\n![](recall.png)\n\n'
     "Design of the Study\n:::\n", "Figure 1\nDesign of the Study\nNote. Each session"),
    # in a pipe table's caption
    ('| A | B |\n|---|---|\n| 1 | 2 |\n\n: Design of the Study '
     '{#tbl-a apa-note="Each session lasted 2 hours."}\n', "2\nNote. Each session"),
])
def test_apaquartos_note_wherever_apaquarto_takes_it(tmp_path, body, note):
    shutil.copy(SLEEP_ARTICLE.parent / "recall.png", tmp_path / "recall.png")
    label = "fig-a" if "fig-a" in body else "tbl-a"
    out = brief_of(tmp_path, f"---\ntitle: T\n---\n\nSee @{label}.\n\n{body}")
    with pdfplumber.open(out) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert note in text and "lasted 2 hours.\n" in text + "\n"
    assert "See Figure 1." in text or "See Table 1." in text
    assert text.count("Design of the Study") == 1


def test_a_footnote_of_several_paragraphs_is_single_spaced_throughout(tmp_path):
    """No blank line between a note's second and third paragraphs (nor any
    later two): each paragraph's line follows the one before at 10 pt x 1.2."""
    out = brief_of(tmp_path, (
        "---\ntitle: T\n---\n\nSome sleep.[^a] Three predictions follow.\n\n"
        "[^a]: First paragraph.\n\n    Second paragraph.\n\n    Third paragraph.\n\n"
        "    Fourth paragraph.\n"))
    with pdfplumber.open(out) as pdf:
        tops = [line["top"] for line in lines(pdf.pages[1]) if "paragraph." in line["text"]]
    assert len(tops) == 4
    assert all(b - a == pytest.approx(12, abs=1.5) for a, b in zip(tops, tops[1:]))


def test_a_footnote_call_without_its_note_is_said_where_it_stands(tmp_path):
    """"[^2]" with no "[^2]: …" prints as written, as pandoc prints it; a
    mistake no reader of the brief should find first. Code is code."""
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: T\n---\n\nOne.[^1] Two `[^x]` words,\nthree.[^2]\n\n"
                       "[^1]: The first.\n", encoding="utf-8")
    result = run_report("pdf", article, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert f"{article}:6:7: warning: the footnote '[^2]' has no note" in result.stderr
    assert "'[^1]'" not in result.stderr and "[^x]" not in result.stderr


def test_a_footnote_prints_on_the_page_of_its_call(tmp_path):
    """A note too tall for the room left under its call takes the call's
    line to the next page with it (APA §2.13; brief.css footnote-policy),
    where it used to print a page late: calls that end each of a page's
    last lines in turn, a heading and a table after them."""
    filler = "\n\n".join(["This sentence is filler text that exists only to move the next "
                           "paragraph further down the page. " * 3] * 4)
    note = ("We do not think the doctrine squarely applies. Exclusions are authorized by "
            "statute, and the agency's choice of presumptions is the kind of gap-filling that "
            "even the majority did not question.")
    table = "| Region | Count |\n|:--|--:|\n" + "| North | 14 |\n" * 4
    for words in range(30, 40, 3):
        out = brief_of(tmp_path, (
            f"---\ntitle: T\n---\n\n{filler}\n\nShort lines.{' More words here.' * words}\n\n"
            f"The call ends this sentence.^[Noted. {note}]\n\n# Next\n\nA line.\n\n"
            f"Table: Counts\n\n{table}\n{filler}\n"))
        pages = [page.extract_text() for page in pypdf.PdfReader(out).pages]
        called = next(i for i, text in enumerate(pages) if "this sentence." in text)
        assert "Noted." in pages[called], (words, called + 1)


def test_a_note_in_the_front_matter_prints_its_own_words(tmp_path):
    """A title's note (pandoc's stand-in for LaTeX's \\thanks) and one in
    the abstract: each prints its own words at the foot of its page, the
    text's notes theirs (all printed the text's first note); the title atop
    the text calls its note no second time."""
    out = brief_of(tmp_path, (
        '---\ntitle: "Warm Homes^[We thank the *Nordic* fund.]"\nshort-title: Warm\n'
        'abstract: "Uptake rose.^[Panel data, 2015--2021.]"\n---\n\n'
        'Heating matters.^[Holiday homes excluded.] Adoption varies.^[By region.]\n'))
    with pdfplumber.open(out) as pdf:
        pages = [[line["text"] for line in lines(page)] for page in pdf.pages]
        thanks = [c for c in pdf.pages[0].chars if c["top"] > LETTER[1] / 2]
    assert "Warm Homes1" in pages[0] and pages[0][-1] == "1We thank the Nordic fund."
    assert "".join(c["text"] for c in thanks if is_italic(c["fontname"])) == "Nordic"
    assert "Uptake rose.2" in pages[1] and pages[1][-1] == "2Panel data, 2015\u20132021."
    assert pages[2][1] == "Warm Homes"
    assert pages[2][-2:] == ["3Holiday homes excluded.", "4By region."]


@pytest.mark.parametrize("title, first_line", [
    ("Warm Homes in Cold Places", "Warm Homes in Cold Places:"),
    ("Why Do Homes Stay Cold?", "Why Do Homes Stay Cold?"),  # its own mark, no colon after it
    ("Warm Homes in Cold Places:", "Warm Homes in Cold Places:")])
def test_a_subtitle_follows_its_title_after_a_colon(tmp_path, title, first_line):
    """`subtitle:` on a line of its own under the title, which ends with a
    colon ("Title: Subtitle", APA §6.17; apaquarto joins them so): the two
    lines read as one title, on the title page and atop the text."""
    out = brief_of(tmp_path, (f'---\ntitle: "{title}"\nsubtitle: Heat Pumps in the North\n'
                              "short-title: Warm\n---\n\nBody.\n"))
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages[:2]:
            found = [line for line in lines(page) if line["top"] > MARGIN]
            assert [line["text"] for line in found[:2]] == [first_line,
                                                            "Heat Pumps in the North"]
            assert all(is_bold(line["font"]) and centred(line) for line in found[:2])


def test_a_level_4_heading_over_a_table_is_not_left_at_a_page_foot(tmp_path):
    """A run-in heading with no paragraph to run into goes over the page
    with the table under it, as a level-1 to 3 heading does."""
    lines_ = "".join(f"Line {n}.\n\n" for n in range(24))
    out = brief_of(tmp_path, (
        f"---\ntitle: T\n---\n\n{lines_}#### Run In\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        ": Tiny\n\nAfter.\n"))
    with pdfplumber.open(out) as pdf:
        text, _ = find(pdf, "Line 23.")
        heading, _ = find(pdf, "Run In.")
        table, _ = find(pdf, "Table 1")
    assert text == 2 and heading == table

def test_a_newpage_after_the_references_leaves_no_page_blank(tmp_path):
    """`\\newpage` between `::: {#refs}` and an appendix, as Quarto templates
    write it: the appendix starts the page after the references, none blank."""
    (tmp_path / "refs.json").write_text(COHEN, encoding="utf-8")
    out = brief_of(tmp_path, (
        "---\ntitle: T\n---\n\nBody cites @c.\n\n# References\n\n::: {#refs}\n:::\n\n"
        "\\newpage\n\n# Appendix A\n\nApp text.\n"))
    with pdfplumber.open(out) as pdf:
        pages = [page.extract_text().split("\n")[1:] for page in pdf.pages]  # less the head
    assert all(pages)
    assert [page[0] for page in pages[2:]] == ["References", "Appendix A"]


def test_keywords_are_read_as_markdown(tmp_path):
    """As pandoc reads them: `*Drosophila*` is italic (APA §6.22), `H~2~O` has
    its subscript, and a citation is rendered and listed."""
    (tmp_path / "refs.json").write_text(COHEN, encoding="utf-8")
    out = brief_of(tmp_path, (
        '---\ntitle: T\nabstract: Short.\nkeywords: ["*Drosophila*", "H~2~O", "after @c"]\n'
        "---\n\nBody.\n"))
    with pdfplumber.open(out) as pdf:
        number, line = find(pdf, "Keywords:")
        small = [c for c in pdf.pages[number - 1].chars if c["size"] < 12]
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "*" not in text and "~" not in text
    italic = "".join(c["text"] for c in line["chars"] if is_italic(c["fontname"]))
    assert italic.replace(" ", "") == "Keywords:Drosophila"
    assert [c["text"] for c in small] == ["2"]  # H₂O's, below the line's baseline
    assert small[0]["bottom"] > line["chars"][0]["bottom"]
    assert "after Cohen (1988)" in text and "Cohen, J. (1988). Power." in text


def test_course_and_instructor_are_read_as_markdown(tmp_path):
    """A student title page's course and instructor, as pandoc reads them:
    `*Drosophila*` italic, `--` a dash, no asterisks printed."""
    out = brief_of(tmp_path, (
        '---\ntitle: T\npaper: student\ncourse: "BIO 310: *Drosophila* Genetics -- Lab"\n'
        'instructor: "Dr. Ana *de* Souza"\n---\n\nBody.\n'))
    with pdfplumber.open(out) as pdf:
        _, course = find(pdf, "BIO 310")
        _, instructor = find(pdf, "Dr. Ana")
    assert course["text"] == "BIO 310: Drosophila Genetics \u2013 Lab" and centred(course)
    assert "".join(c["text"] for c in course["chars"] if is_italic(c["fontname"])) == "Drosophila"
    assert instructor["text"] == "Dr. Ana de Souza"
    assert "".join(c["text"] for c in instructor["chars"] if is_italic(c["fontname"])) == "de"


def test_an_appendix_title_stands_under_its_label(tmp_path):
    """"# Appendix A: Search Terms" as APA sets it (§2.14): "Appendix A" on
    its line, the title on the next, both bold and centred."""
    out = brief_of(tmp_path, (
        "---\ntitle: T\n---\n\nBody.\n\n# Appendix A: Search Terms\n\nText.\n\n"
        "# Appendix B\n\nMore.\n"))
    with pdfplumber.open(out) as pdf:
        page, label = find(pdf, "Appendix A")
        title_page, title = find(pdf, "Search Terms")
        _, other = find(pdf, "Appendix B")
    assert label["text"] == "Appendix A" and title_page == page
    assert title["top"] - label["top"] == pytest.approx(PITCH, abs=TOL)
    for line in (label, title, other):
        assert centred(line) and is_bold(line["font"])
    assert other["text"] == "Appendix B"


def test_a_long_tables_number_is_not_parted_from_its_title(tmp_path):
    """A heading, then a table that runs on over pages, near a page foot:
    "Table 1" goes over with its title, its header and its first row (it
    stood alone under the heading, the title on the next page)."""
    lines_ = "".join(f"Line {n}.\n\n" for n in range(22))
    rows = "".join(f"| row {n} | {n} |\n" for n in range(40))
    out = brief_of(tmp_path, (
        f"---\ntitle: T\n---\n\n{lines_}## Results\n\n: Long Table {{#tbl-l}}\n\n"
        f"| a | b |\n|---|---|\n{rows}\nSee @tbl-l.\n"))
    with pdfplumber.open(out) as pdf:
        pages = [find(pdf, start)[0] for start in
                 ("Line 21.", "Results", "Table 1", "Long Table", "a b", "row 0 0")]
    assert pages[0] == 2 and len(set(pages[1:])) == 1


def test_an_equations_number_never_stands_over_the_equation(tmp_path):
    """A labelled equation nearly as wide as the text: it wraps short of the
    number "(1)" at the right margin, and stays centred."""
    terms = " + ".join(f"\\gamma_{{{n}0}} \\text{{Predictor}}_{{ij}}" for n in range(1, 9))
    out = brief_of(tmp_path, (
        f"---\ntitle: T\n---\n\n$$ y_{{ij}} = {terms} + u_{{0j}} $$ {{#eq-m}}\n\nSee @eq-m.\n"))
    with pdfplumber.open(out) as pdf:
        chars = [c for c in pdf.pages[1].chars if 90 < c["top"] < 200]
    number = [c for c in chars if c["x0"] > 500 and c["text"] in "(1)" and c["size"] == 12]
    assert "".join(c["text"] for c in number) == "(1)"
    left = min(c["x0"] for c in number)
    assert max(c["x1"] for c in chars if c not in number) <= left
    top = min(c["top"] for c in chars)
    first = [c for c in chars if abs(c["top"] - top) < 1]
    middle = (min(c["x0"] for c in first) + max(c["x1"] for c in first)) / 2
    assert middle == pytest.approx(LETTER[0] / 2, abs=3)


def test_a_pipe_table_ends_at_a_line_without_a_pipe(tmp_path):
    """As pandoc reads it: a `*Note.*` or a `: Caption` written right under
    the last row is the table's note or caption, not rows of the table."""
    out = brief_of(tmp_path, (
        "---\ntitle: T\n---\n\n| Study | d |\n|---|---|\n| One | 0.29 |\n"
        "*Note.* Positive values favor retrieval practice.\nLab = laboratory.\n\n"
        "| Site | N |\n|---|---|\n| Lab | 84 |\n: Sites Sampled {#tbl-sites}\n\n"
        "See @tbl-sites.\n"))
    with pdfplumber.open(out) as pdf:
        found = {line["text"]: line for line in lines(pdf.pages[1])}
    note = found["Note. Positive values favor retrieval practice. Lab = laboratory."]
    assert note["size"] == pytest.approx(12) and note["x0"] == pytest.approx(MARGIN, abs=TOL)
    assert is_italic(found["Sites Sampled"]["font"])
    assert found["Table 2"]["top"] < found["Sites Sampled"]["top"] < found["Site N"]["top"]
    assert "See Table 2." in found


def test_a_footnote_of_several_blocks_stays_at_the_foot(tmp_path):
    """A note of two paragraphs, a list and code: all of it at the page
    foot, and the paragraph that calls it whole."""
    out = brief_of(tmp_path, (
        "---\ntitle: T\n---\n\nSome sleep.[^a] Three predictions follow.\n\nNext paragraph.\n\n"
        "[^a]: The note's first paragraph.\n\n    Its second paragraph.\n\n    - an item\n\n"
        "    ```\n    code_in_note\n    ```\n"))
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[1]
        lines = page.extract_text().split("\n")
        top = {w["text"]: w["top"] for w in page.extract_words()}
    assert any("Some sleep.1 Three predictions follow." in line for line in lines)
    for word in ("second", "item", "code_in_note"):
        assert top[word] > top["Next"] + 200  # at the foot, not in the text


def test_body_font_is_embedded_12pt_liberation_serif(sleep, build):
    body = [c for p in sleep.pages for c in p.chars if c["top"] > MARGIN and c["text"].strip()]
    sizes = Counter(round(c["size"], 1) for c in body)
    fonts = Counter(c["fontname"].split("+")[-1] for c in body)
    assert sizes.most_common(1)[0][0] == 12.0
    assert fonts.most_common(1)[0][0] == "Liberation-Serif"
    reader = pypdf.PdfReader(build("pdf", SLEEP_ARTICLE))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or \
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]


def test_text_is_double_spaced(sleep):
    _, first = find(sleep, "Students often stay up late")
    page = sleep.pages[2]
    tops = [line["top"] for line in lines(page) if line["top"] > MARGIN]
    steps = Counter(round(b - a) for a, b in zip(tops, tops[1:]))
    assert steps.most_common(1)[0][0] == PITCH


def test_paragraphs_indent_half_an_inch_and_ragged_right(sleep):
    number, first = find(sleep, "Students often stay up late")
    assert first["x0"] == pytest.approx(MARGIN + INDENT, abs=TOL)
    page_lines = lines(sleep.pages[number - 1])
    following = page_lines[page_lines.index(first) + 1]
    assert following["x0"] == pytest.approx(MARGIN, abs=TOL)
    # Ragged right: line ends differ (no justification).
    ends = {round(line["x1"]) for line in page_lines if line["top"] > MARGIN}
    assert len(ends) > 3


# --- page header, title page, abstract ------------------------------------------------

def test_header_on_every_page(sleep):
    for number, page in enumerate(sleep.pages, start=1):
        header = page.crop((0, 0, page.width, MARGIN)).extract_text().split()
        assert header == ["SLEEP", "AND", "MEMORY", str(number)]
        number_chars = [c for c in page.chars if c["top"] < MARGIN and c["text"].isdigit()]
        assert max(c["x1"] for c in number_chars) == pytest.approx(LETTER[0] - MARGIN, abs=TOL)


def test_professional_title_page(sleep):
    page = sleep.pages[0]
    page_lines = [l for l in lines(page) if l["top"] > MARGIN]
    title = page_lines[0]
    assert title["text"].startswith("Sleep and Memory")
    assert is_bold(title["font"]) and centred(title)
    assert title["top"] < LETTER[1] / 2
    assert title["top"] - MARGIN == pytest.approx(3 * PITCH, abs=PITCH)  # 3-4 lines down
    texts = [l["text"] for l in page_lines]
    assert "Ana M. Reyes and Tomas K. Lindqvist" in texts
    assert "Department of Psychology, Lakeside University" in texts
    note = next(l for l in page_lines if l["text"] == "Author Note")
    assert is_bold(note["font"]) and centred(note) and note["top"] > LETTER[1] / 2


def test_student_title_page_has_course_and_no_running_head(tmp_path):
    article = variant(tmp_path, SLEEP_ARTICLE, paper="student")
    out = tmp_path / "student.pdf"
    result = run_report("pdf", article, "-o", out)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as pdf:
        first = pdf.pages[0].extract_text()
        for line in ("PSY 202: Cognitive Psychology", "Dr. Helen Park", "March 6, 2026"):
            assert line in first
        assert "Author Note" not in first
        for number, page in enumerate(pdf.pages, start=1):
            assert page.crop((0, 0, page.width, MARGIN)).extract_text().split() == [str(number)]


def test_abstract_page(sleep):
    page = sleep.pages[1]
    page_lines = [l for l in lines(page) if l["top"] > MARGIN]
    assert page_lines[0]["text"] == "Abstract"
    assert is_bold(page_lines[0]["font"]) and centred(page_lines[0])
    assert page_lines[1]["x0"] == pytest.approx(MARGIN, abs=TOL)  # not indented
    keywords = next(l for l in page_lines if l["text"].startswith("Keywords:"))
    assert keywords["x0"] == pytest.approx(MARGIN + INDENT, abs=TOL)
    assert is_italic(keywords["font"])


def test_title_repeated_atop_the_text(sleep):
    number, line = find(sleep, "Sleep and Memory: What the Evidence")
    page_lines = [l for l in lines(sleep.pages[2]) if l["top"] > MARGIN]
    assert page_lines[0]["text"].startswith("Sleep and Memory")
    assert is_bold(page_lines[0]["font"]) and centred(page_lines[0])


# --- headings, quotations, tables, figures ----------------------------------------------

@pytest.mark.parametrize("start, bold, italic, x0, alone", [
    ("What Sleep Does for Memory", True, False, None, True),     # level 1: centred
    ("Consolidation", True, False, MARGIN, True),                # level 2: flush left
    ("Slow-Wave Sleep", True, True, MARGIN, True),               # level 3: bold italic
    ("Replay in the Hippocampus.", True, False, MARGIN + INDENT, False),  # 4: run-in
    ("Timing of Replay.", True, True, MARGIN + INDENT, False),   # level 5: run-in
])
def test_heading_levels(sleep, start, bold, italic, x0, alone):
    _, line = find(sleep, start)
    heading_chars = line["chars"][:len(start.replace(" ", ""))]  # chars has no spaces
    assert all(is_bold(c["fontname"]) == bold for c in heading_chars if c["text"].strip())
    assert all(is_italic(c["fontname"]) == italic for c in heading_chars if c["text"].strip())
    if x0 is None:
        assert centred(line)
    else:
        assert line["x0"] == pytest.approx(x0, abs=TOL)
    assert (line["text"] == start) == alone  # run-in headings continue the line


def test_block_quotation_is_indented_without_quotes(sleep):
    number, first = find(sleep, "Sleep is not a luxury")
    assert first["x0"] == pytest.approx(MARGIN + INDENT, abs=TOL)
    page_lines = lines(sleep.pages[number - 1])
    second = page_lines[page_lines.index(first) + 1]
    assert second["x0"] == pytest.approx(MARGIN + INDENT, abs=TOL)
    assert not first["text"].startswith(("\u201c", '"'))


def test_table_and_figure_labels(sleep):
    for label, title in (("Table 1", "Recall After One Night by Hours Slept"),
                         ("Figure 1", "Recall by hours slept")):
        number, line = find(sleep, label)
        assert line["text"] == label and is_bold(line["font"])
        assert line["x0"] == pytest.approx(MARGIN, abs=TOL)
        page_lines = lines(sleep.pages[number - 1])
        below = page_lines[page_lines.index(line) + 1]
        assert below["text"] == title and is_italic(below["font"])
    _, note = find(sleep, "Note. Recall is the share")
    assert note["x0"] == pytest.approx(MARGIN, abs=TOL)


# --- references ------------------------------------------------------------------

def reference_entries(pdf):
    """(first line, following lines) of each entry on the References pages."""
    entries, started = [], False
    for page in pdf.pages:
        for line in lines(page):
            if line["top"] < MARGIN:
                continue
            if line["text"] == "References":
                started = True
                continue
            if not started:
                continue
            if abs(line["x0"] - MARGIN) < TOL:
                entries.append([line])
            else:
                entries[-1].append(line)
    return entries


@pytest.mark.parametrize("which", ["sleep", "default"])
def test_references_hang_half_an_inch_in_apa_order(which, request):
    pdf = request.getfixturevalue(which)
    number, label = find(pdf, "References")
    assert is_bold(label["font"]) and centred(label)
    heading_page = [l for l in lines(pdf.pages[number - 1]) if l["top"] > MARGIN]
    assert heading_page[0]["text"] == "References"  # on a new page
    entries = reference_entries(pdf)
    assert entries
    for entry in entries:
        for continuation in entry[1:]:
            assert continuation["x0"] == pytest.approx(MARGIN + INDENT, abs=TOL)
    firsts = [e[0]["text"] for e in entries]
    key = [re.sub(r"[^a-z0-9 ]", "", t.lower()) for t in firsts]
    assert key == sorted(key), firsts


def broken_early(entries, right: float, space: float) -> list[str]:
    """The lines of `entries` that end before a word that fitted on them:
    the next line's first word, after a space, would have ended short of
    `right`. (A word broken inside, as a URL is, counts the space too: a
    test that errs towards passing, never towards failing.)"""
    early = []
    for entry in entries:
        for line, after in zip(entry, entry[1:]):
            if line["x1"] + space + first_word_width(after["chars"], space) < right - TOL:
                early.append(line["text"])
    return early


def first_word_width(chars, space: float) -> float:
    """How wide the first word of a line is: up to the first gap of half a
    space (the PDF draws no spaces; pdfplumber infers them from gaps)."""
    end = next((a for a, b in zip(chars, chars[1:]) if b["x0"] - a["x1"] > space / 2), chars[-1])
    return end["x1"] - chars[0]["x0"]


@pytest.mark.parametrize("which", ["sleep", "default", "linebreak"])
def test_a_references_lines_are_full_before_they_break(which, request):
    """A line breaks where the next word no longer fits, never after its
    first word because the space before an <em> would not (pdffixes.py)."""
    entries = reference_entries(request.getfixturevalue(which))
    assert entries
    assert broken_early(entries, LETTER[0] - MARGIN, SPACE) == []


def test_the_text_before_an_em_that_fits_but_for_its_space_stays_on_its_line(linebreak):
    first = [e[0]["text"] for e in reference_entries(linebreak)]
    assert first[0] == ("Nguyễn, V. T., & Phạm, T. L. (2020). Xe ôm drivers and the digital "
                        "platform economy in Hà Nội.")


# --- characters no font has ------------------------------------------------------

def no_font_has(character: str) -> None:
    """Skip where some installed font has `character` (fontconfig's word)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        pytest.skip("fc-list (fontconfig) is not installed")
    found = subprocess.run([fc_list, f":charset={ord(character):x}", "family"],
                           capture_output=True, text=True).stdout.strip()
    if found:
        pytest.skip(f"{found.splitlines()[0]} has {character!r}")


@pytest.mark.parametrize("character", ["한", "\u0378"])  # Korean; a code point not assigned
def test_a_character_no_font_has_is_named_where_it_is_written(tmp_path, character):
    """It would print as blank: a warning names its line and column and its
    code point, and the brief is written all the same."""
    no_font_has(character)
    article = tmp_path / "article.md"
    article.write_text(f"---\ntitle: T\n---\n\nFirst.\n\nKorean {character}국어 here.\n",
                       encoding="utf-8")
    result = run_report("pdf", article, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert (f"{article}:7:8: warning: no font has '{character}' (U+{ord(character):04X})"
            in result.stderr), result.stderr
    assert "as blank" in result.stderr and result.stderr.count("no font has") == 1


@pytest.mark.parametrize("kind", ["pdf", "handout"])
def test_the_text_around_a_character_no_font_has_is_still_read_from_the_pdf(tmp_path, kind):
    """An emoji no font had (📖 from a Word manuscript) cost pdfplumber and
    pypdf every word of the body's font, in the brief and the handout: all
    of it is read now, the character too, and it is still named."""
    character = "\u0378"  # assigned to nothing: no font has it
    article = tmp_path / "article.md"
    article.write_text(f"---\ntitle: T\n---\n\n# Intro\n\nWords and {character} missing.\n\n"
                       "Second para.\n", encoding="utf-8")
    out = tmp_path / "out.pdf"
    result = run_report(kind, article, "-o", out)
    assert result.returncode == 0, result.stderr
    assert f"no font has '{character}'" in result.stderr
    with pdfplumber.open(out) as pdf:
        plumbed = "\n".join(page.extract_text() for page in pdf.pages)
    read = "\n".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    for text in (plumbed, read):
        assert f"Words and {character} missing." in text and "Second para." in text, text


def test_a_character_no_font_has_is_named_where_the_brief_prints_it(tmp_path):
    """Not in a `::: slide` div, which the brief leaves out, but where the
    brief prints it: its first place outside the slides."""
    no_font_has("한")
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: T\n---\n\n::: slide\n- Seoul, 한국\n:::\n\n"
                       "::: notes\n한국\n:::\n\nFirst.\n\nKorean 한국어 here.\n",
                       encoding="utf-8")
    result = run_report("pdf", article, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert f"{article}:15:8: warning: no font has '한' (U+D55C)" in result.stderr, result.stderr


@pytest.mark.parametrize("character", ["한", "\u0378"])
def test_a_character_no_font_has_on_a_slide_is_named_by_the_deck(tmp_path, character):
    """PowerPoint and LibreOffice show it blank and say nothing: `report
    slides` names it, where it is written, as the PDFs do."""
    no_font_has(character)
    article = tmp_path / "article.md"
    article.write_text(f"---\ntitle: T\n---\n\nFirst.\n\n::: slide\n- Seoul, {character}국\n"
                       ":::\n", encoding="utf-8")
    result = run_report("slides", article, "-o", tmp_path / "deck.pptx")
    assert result.returncode == 0, result.stderr
    assert (f"{article}:8:10: warning: no font has '{character}' (U+{ord(character):04X})"
            in result.stderr), result.stderr
    assert result.stderr.count("no font has") == 1


def test_a_deck_whose_characters_all_have_a_font_warns_of_none(build):
    result = run_report("slides", LINEBREAK_ARTICLE, "-o", build("slides", LINEBREAK_ARTICLE))
    assert result.returncode == 0 and "no font has" not in result.stderr


def test_a_brief_whose_characters_all_have_a_font_warns_of_none(build):
    result = run_report("pdf", LINEBREAK_ARTICLE, "-o", build("pdf", LINEBREAK_ARTICLE))
    assert result.returncode == 0 and "no font has" not in result.stderr


def test_citations_link_to_their_entries_and_urls_are_live(build):
    reader = pypdf.PdfReader(build("pdf", SLEEP_ARTICLE))
    names = set(reader.named_destinations)
    internal, external = [], []
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if "/Dest" in annot:
                internal.append(str(annot["/Dest"]))
            elif "/A" in annot and "/URI" in annot["/A"]:
                external.append(str(annot["/A"]["/URI"]))
    assert len(internal) >= 10  # every citation of the article
    assert all(d in names and d.startswith("ref-") for d in internal)
    assert "https://doi.org/10.1038/nrn2762" in external


def test_each_work_a_citation_names_links_to_its_own_entry(build):
    """`[@hirshkowitz2015; @cdc2022]`: two links, each over its own work."""
    path = build("pdf", SLEEP_ARTICLE)
    reader = pypdf.PdfReader(path)
    linked: dict[str, list[str]] = {}
    with pdfplumber.open(path) as pdf:
        for page, plumbed in zip(reader.pages, pdf.pages, strict=True):
            for annot in page.get("/Annots", []):
                annot = annot.get_object()
                if "/Dest" in annot:
                    x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
                    box = (min(x0, x1) - 0.5, plumbed.height - max(y0, y1) - 0.5,
                           max(x0, x1) + 0.5, plumbed.height - min(y0, y1) + 0.5)
                    text = plumbed.within_bbox(box).extract_text()
                    linked.setdefault(str(annot["/Dest"]), []).append(text)
    assert "Hirshkowitz et al., 2015" in linked["ref-hirshkowitz2015"]
    assert "Centers for Disease Control and Prevention, 2022" in linked["ref-cdc2022"]
    assert "Walker (2017)" in linked["ref-walker2017"]  # narrative: name and date
    # The cluster's parentheses and semicolons belong to no one work.
    assert not any(t.startswith("(") or ";" in t for texts in linked.values() for t in texts)


def test_a_work_the_list_leaves_out_is_named_without_a_link():
    """A personal communication is cited but has no entry (APA §8.9)."""
    rendered = parse_inline_html(cited("smith2020", "Smith, 2020") + "; "
                                 + cited("lee", "L. Lee, personal communication, May 2, 2024"))
    cite = Cite([], False, "", None, rendered=[Text("("), *rendered, Text(")")])
    html = HtmlWriter(references=[Reference("Smith2020", [])]).inlines([cite])
    assert html == ('(<a href="#ref-Smith2020">Smith, 2020</a>; '
                    "L. Lee, personal communication, May 2, 2024)")


# --- metadata, tags, outline, variants ------------------------------------------------------

def test_metadata_tags_and_outline(build):
    reader = pypdf.PdfReader(build("pdf", SLEEP_ARTICLE))
    info = reader.metadata
    assert info["/Title"].startswith("Sleep and Memory")
    assert info["/Author"] == "Ana M. Reyes, Tomas K. Lindqvist"
    assert info["/Subject"].startswith("Students often trade sleep")
    assert info["/Keywords"] == "sleep, memory consolidation, studying, students"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-US"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    titles = []

    def walk(outline):
        for item in outline:
            walk(item) if isinstance(item, list) else titles.append(item.title)
    walk(reader.outline)
    for heading in ("What Sleep Does for Memory", "Consolidation", "Slow-Wave Sleep",
                    "References", "Abstract"):
        assert heading in titles, titles


def test_a4_option(tmp_path):
    article = variant(tmp_path, SLEEP_ARTICLE, papersize="a4")
    out = tmp_path / "a4.pdf"
    assert run_report("pdf", article, "-o", out).returncode == 0
    with pdfplumber.open(out) as pdf:
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (595, 842)


def test_running_head_over_50_characters_is_an_error(tmp_path):
    article = variant(tmp_path, SLEEP_ARTICLE, short_title="X" * 51)
    result = run_report("pdf", article, "-o", tmp_path / "x.pdf")
    assert result.returncode == 1
    assert "short-title" in result.stderr and "50" in result.stderr
    assert re.search(r"article\.md:\d+:\d+: ", result.stderr)
    assert "Traceback" not in result.stderr


def test_html_is_one_self_contained_page(build):
    html = build("html", SLEEP_ARTICLE).read_text(encoding="utf-8")
    assert "file:" not in html and "http://" not in html.split("<body")[0]
    assert html.count("data:font/ttf;base64,") + html.count("data:font/sfnt;base64,") \
        + html.count("data:application/font-sfnt;base64,") + \
        html.count("data:application/x-font-ttf;base64,") >= 4
    assert 'src="data:image/png;base64,' in html


def test_rebuild_gives_the_same_bytes(tmp_path):
    outs = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    for out in outs:
        assert run_report("pdf", SLEEP_ARTICLE, "-o", out).returncode == 0
    assert outs[0].read_bytes() == outs[1].read_bytes()


@pytest.mark.parametrize("which", ["sleep", "default"])
def test_no_heading_alone_at_a_page_foot(which, request):
    """A heading line (bold from its first to its last letter) never ends a page."""
    pdf = request.getfixturevalue(which)
    for page in pdf.pages[1:]:
        body = [l for l in lines(page) if l["top"] > MARGIN]
        if not body:
            continue
        last = body[-1]
        letters = [c for c in last["chars"] if c["text"].strip()]
        assert not all(is_bold(c["fontname"]) for c in letters), last["text"]


def structure_roles(pdf_path) -> list[str]:
    """The tag tree's roles in reading order (depth first)."""
    roles = []

    def walk(node):
        node = node.get_object() if hasattr(node, "get_object") else node
        if not isinstance(node, dict):
            return
        if "/S" in node:
            roles.append(str(node["/S"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)
    walk(pypdf.PdfReader(pdf_path).trailer["/Root"]["/StructTreeRoot"])
    return roles


@pytest.mark.parametrize("article", [SLEEP_ARTICLE, DEFAULT_ARTICLE])
def test_screen_readers_get_headings_in_outline_order(build, article):
    """Title (H1), APA level 1 (H2), level 2 (H3), level 3 (H4): in order,
    and paragraphs and the references as paragraphs after their label."""
    from report import pipeline
    from report.model import Heading
    doc = pipeline.load(article)
    expected = [f"/H{b.level + 1}" for b in doc.blocks if isinstance(b, Heading) and b.level < 4]
    roles = [r for r in structure_roles(build("pdf", article)) if r.startswith("/H")]
    labels = ["/H2"] * (1 if not doc.meta.abstract else 2)  # References (and Abstract)
    assert sorted(roles) == sorted(["/H1"] + expected + labels)
    body = roles[roles.index("/H1") + 1:]
    assert body[:len(expected)] == expected
    assert structure_roles(build("pdf", article)).count("/P") > len(doc.references)


@pytest.mark.parametrize("article", [SLEEP_ARTICLE, DEFAULT_ARTICLE])
def test_student_variant_builds_apa_pages(tmp_path, article):
    copy = variant(tmp_path, article, paper="student")
    out = tmp_path / "student.pdf"
    assert run_report("pdf", copy, "-o", out).returncode == 0
    with pdfplumber.open(out) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            assert page.crop((0, 0, page.width, MARGIN)).extract_text().split() == [str(number)]
        title = [l for l in lines(pdf.pages[0]) if l["top"] > MARGIN][0]
        assert is_bold(title["font"]) and centred(title)


# --- the reference list's title ------------------------------------------------------

@pytest.mark.parametrize("ending", [
    "# References\n",                              # pandoc: the list goes at the end
    "# References {.unnumbered}\n\n::: {#refs}\n:::\n\n# Appendix\n\nMore text.\n",  # Quarto
])
def test_the_authors_heading_over_the_list_is_its_title(tmp_path, ending):
    shutil.copy(SLEEP_ARTICLE.parent / "refs.json", tmp_path / "refs.json")
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n# Intro\n\nText [@walker2017].\n\n" + ending, encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    assert sum(page.count("References") for page in pages) == 1
    assert "References\nWalker, M. (2017)." in pages[2]
    if "Appendix" in ending:  # what follows the list starts a page of its own (§2.14)
        assert pages[3].split("\n")[1:] == ["Appendix", "More text."]



def test_the_running_heads_quotes_and_dashes_are_typographic(tmp_path):
    out = brief_of(tmp_path, (
        "---\ntitle: T\nshort-title: 'Sleep & \"Memory\" -- a test'\npaper: professional\n"
        "---\n\nWords.\n"))
    with pdfplumber.open(out) as pdf:
        head = pdf.pages[0].crop((0, 0, LETTER[0], MARGIN)).extract_text()
    assert head.startswith("SLEEP & \u201cMEMORY\u201d \u2013 A TEST")


def test_a_tables_room_is_the_text_between_brief_css_page_margins():
    from report import tablefit
    assert (tablefit.measure_width("letter"), tablefit.measure_width("a4")) == (468.0, 451.28)
    css = "@page { margin: 2cm 1in; @top-left { content: 'x' } }"
    assert tablefit._page_margins(__import__("tinycss2").parse_stylesheet(css)) == 144.0


def test_a_right_to_left_references_elements_stay_in_apa_order(tmp_path):
    """An Arabic author, title and publisher each isolated (<bdi>), so the
    entry reads author, date, title, publisher, left to right, not one run
    read backwards from "(2011)"; the ASCII punctuation between stays out."""
    (tmp_path / "refs.json").write_text(
        '[{"id": "t", "type": "book", "author": [{"literal": "الطهطاوي"}], '
        '"title": "تخليص الإبريز", "publisher": "دار التنوير", '
        '"issued": {"date-parts": [[2011]]}}]', encoding="utf-8")
    (tmp_path / "article.md").write_text("---\ntitle: T\n---\n\nText [@t].\n", encoding="utf-8")
    assert run_report("html", tmp_path / "article.md", "-o", tmp_path / "b.html").returncode == 0
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert ('<p class="reference" id="ref-t"><bdi>الطهطاوي</bdi>. (2011). '
            '<em><bdi>تخليص الإبريز</bdi></em>. <bdi>دار التنوير</bdi>.</p>') in html


def test_calls_side_by_side_are_parted_by_a_comma(tmp_path):
    """Two notes called at one place printed "two.12", which reads as note
    12; a comma parts each call from the one before (LaTeX's footmisc)."""
    out = brief_of(tmp_path, "---\ntitle: T\n---\n\nTwo.[^a][^b] Three.[^a][^b][^c] "
                             "One.[^c]\n\n[^a]: A.\n[^b]: B.\n[^c]: C.\n")
    with pdfplumber.open(out) as pdf:
        text = pdf.pages[1].extract_text()
    assert "Two.1,2 Three.3,4,5 One.6" in text
    assert all(f"{n}{letter}." in text for n, letter in zip("123456", "ABABCC"))


RTL_AUTHORS = ('[{"id": "s", "type": "book", "author": [{"literal": "ابن سينا"}], '
               '"title": "Canon", "issued": {"date-parts": [[1999]]}, "publisher": "P"}, '
               '{"id": "k", "type": "book", "author": [{"literal": "ابن خلدون"}], '
               '"title": "Muqaddimah", "issued": {"date-parts": [[1377]]}, "publisher": "P"}]')


def drawn_left_to_right(page, *letters: str) -> bool:
    """Each of `letters` (a word's own) drawn wholly left of the next, on
    the line of the first (their glyphs' boxes, whatever order the PDF's
    text holds them in)."""
    top = next(c["top"] for c in page.chars if c["text"] == letters[0][0])
    line = [c for c in page.chars if abs(c["top"] - top) < 3]
    spans = [(min(c["x0"] for c in chars), max(c["x1"] for c in chars))
             for chars in ([c for c in line if c["text"] in group] for group in letters)]
    return all(a[1] <= b[0] + 0.5 for a, b in zip(spans, spans[1:]))


def test_a_right_to_left_name_in_a_citation_keeps_its_place(tmp_path):
    """An Arabic author in a citation is isolated as an entry's is: the
    bidi algorithm drew the year into the name's run, "(… 1999 ,ابن سينا)",
    and the two authors with the years between into one run read backwards."""
    (tmp_path / "refs.json").write_text(RTL_AUTHORS, encoding="utf-8")
    out = brief_of(tmp_path, "---\ntitle: T\n---\n\nAs shown [@s; @k].\n")
    with pdfplumber.open(out) as pdf:  # APA's order: ابن خلدون, 1377; ابن سينا, 1999
        assert drawn_left_to_right(pdf.pages[1], "w", "خلد", "37", "سي", "9")


def test_the_space_after_a_notes_call_is_in_the_pdfs_text(tmp_path):
    """A word alone between two notes' calls, or a citation after one: the
    space before it was drawn but not written into the PDF's text, which
    read "Two.2Three." and "Four.3Cohen"."""
    (tmp_path / "refs.json").write_text(COHEN, encoding="utf-8")
    out = brief_of(tmp_path, "---\ntitle: T\n---\n\nOne.[^a] Two.[^b] Three.[^c] Four.[^d] "
                             "@c says so.\n\n[^a]: A.\n[^b]: B.\n[^c]: C.\n[^d]: D.\n")
    with pdfplumber.open(out) as pdf:
        text = pdf.pages[1].extract_text()
    assert "One.1 Two.2 Three.3 Four.4 Cohen (1988) says so." in text


def test_code_in_a_tables_note_and_caption_is_the_texts_size(tmp_path):
    """Code steps down with its table's cells, not in the table's caption or
    *Note.* under it: papaja's "This table was created with `apa_table()`"
    set its code at 12 pt, larger than the text's code (10 pt)."""
    brief = brief_of(tmp_path, "---\ntitle: T\n---\n\nThe text's `text_code()`, in Table 1.\n\n"
                     "| A | B |\n|---|---|\n| `cell_code()` | 2 |\n\n"
                     ': Made by `caption_code()` {#tbl-a apa-note="Made with `note_code()`."}\n')
    with pdfplumber.open(brief) as pdf:
        words = pdf.pages[1].extract_words(extra_attrs=["size"])
    size = {w["text"].strip(".,()`"): round(w["size"], 1) for w in words if "_code" in w["text"]}
    assert size["text_code"] == size["note_code"] == size["caption_code"], size
    assert size["cell_code"] <= size["text_code"], size


def outline_titles(pdf_path) -> list[str]:
    titles = []

    def walk(outline):
        for item in outline:
            walk(item) if isinstance(item, list) else titles.append(item.title)
    walk(pypdf.PdfReader(pdf_path).outline)
    return titles


def test_a_headings_bookmark_reads_its_words_without_its_notes_call(tmp_path):
    """A note called in a heading or the title prints its number there, not in
    the PDF's outline: "Method and Design", not "Method1 and Design"."""
    (tmp_path / "refs.json").write_text("[]", encoding="utf-8")
    out = brief_of(tmp_path, "---\ntitle: Sleep^[On the title.]\nsubtitle: A Study\n---\n\n"
                   "Text.\n\n# Method^[On the method.] and *Design*\n\n"
                   "## Sample with $x^2$^[On the sample.]\n\n"
                   "#### Scales^[On the scales.]\n\nText.\n\n# Results\n\nText.\n")
    titles = outline_titles(out)
    for title in ("Sleep: A Study", "Method and Design", "Sample with x2", "Scales.", "Results"):
        assert title in titles, titles


def test_an_appendixs_bookmark_reads_its_label_and_title(tmp_path):
    """"Appendix A" over "Search Terms" on the page; one line in the outline."""
    out = brief_of(tmp_path, "---\ntitle: T\n---\n\nBody.\n\n# Appendix A: Search Terms\n\n"
                   "Text.\n\n# Appendix B\n\nMore.\n")
    titles = outline_titles(out)
    assert "Appendix A: Search Terms" in titles and "Appendix B" in titles, titles


def author_note_article(authors: int, thanks: int) -> str:
    """A professional paper whose title page holds `authors` authors, each
    of a place of their own, and an author note of four paragraphs, the
    third `thanks` sentences long."""
    people = "".join(f"  - name: Author{i} Person\n    affiliation: Department {i} of "
                     f"Studies, University of Place {i}\n" for i in range(authors))
    sentence = "We are grateful to the colleagues who read the drafts and gave advice."
    paragraphs = ["Author0 Person https://orcid.org/0000-0002-1825-0097",
                  "We have no known conflict of interest to disclose. " * 6,
                  "Thanks one. " + " ".join([sentence] * thanks) + " Thanks end.",
                  "Correspondence concerning this article should be addressed to "
                  "Author0 Person, 1 Main Street. Email: author@example.edu"]
    note = "\n\n".join("  " + p.strip() for p in paragraphs)
    return (f"---\ntitle: A Title\nshort-title: Short\nauthor:\n{people}"
            f"author-note: |\n{note}\nabstract: An abstract.\n---\n\nText.\n")


def test_a_long_author_note_stands_apart_and_runs_on_to_the_next_page(tmp_path):
    """APA §2.7: "Author Note" a blank double-spaced line below the byline,
    its paragraphs indented; one too long for the title page goes on at the
    top of the next, and the abstract on the page after it."""
    out = brief_of(tmp_path, author_note_article(authors=2, thanks=24))
    with pdfplumber.open(out) as pdf:
        first = [l for l in lines(pdf.pages[0]) if l["top"] > MARGIN]
        label = next(i for i, l in enumerate(first) if l["text"] == "Author Note")
        assert first[label - 1]["text"].endswith("University of Place 1")
        assert first[label]["top"] - first[label - 1]["top"] >= 2 * PITCH - TOL
        assert label + 1 < len(first)  # its first paragraph under it
        starts = [l for page in pdf.pages[:2] for l in lines(page)
                  if l["text"].startswith(("Author0 Person https", "We have no", "Thanks one.",
                                           "Correspondence"))]
        assert [l["x0"] for l in starts] == pytest.approx([MARGIN + INDENT] * 4, abs=TOL)
        second = [l["text"] for l in lines(pdf.pages[1]) if l["top"] > MARGIN]
        assert second[-1].endswith("author@example.edu") and "Abstract" not in second
        assert [l["text"] for l in lines(pdf.pages[2]) if l["top"] > MARGIN][0] == "Abstract"
        text = " ".join(l["text"] for page in pdf.pages[:2] for l in lines(page)
                        if l["top"] > MARGIN)  # under the running head
    assert text.count("We are grateful") == 24 and "Thanks end." in text


def test_a_title_page_longer_than_a_page_loses_none_of_its_lines(tmp_path):
    """Twenty authors of twenty places: every place printed, apart from the
    note (WeasyPrint dropped a flex item's lines past the page)."""
    out = brief_of(tmp_path, author_note_article(authors=20, thanks=2))
    with pdfplumber.open(out) as pdf:
        texts = [l["text"] for page in pdf.pages[:2] for l in lines(page)]
    places = [t for t in texts if re.search(r"Department \d+ of Studies", t)]
    assert len(places) == 20 and all(t.endswith(f"Place {i}") for i, t in enumerate(places))
    assert texts.index("Author Note") > texts.index(places[-1])


SIGNED = ("The effect was r = -.09, 95% CI [-0.15, -0.03], in a pre-2000 cohort "
          "of COVID-19 cases, items 1-5 (https://example.org/list?page=-1).")


def test_a_signed_number_has_a_minus_sign_in_the_brief_as_on_the_slides(tmp_path):
    """APA sets a negative value with a minus sign (U+2212), as the deck
    does: in the text and in a table's cells, the same strings in both. A
    hyphen within a word, between numbers or in an address stays one."""
    table = "| Measure | *r* |\n|:--|--:|\n| Recall | -.09 |\n| Recognition | -0.25 |\n\n"
    article = (f"---\ntitle: T\n---\n\n# Results\n\n{SIGNED}\n\n{table}: Correlations\n\n"
               f"::: slide\n- {SIGNED}\n\n{table}:::\n")
    out = brief_of(tmp_path, article)
    deck = tmp_path / "slides.pptx"
    assert run_report("slides", tmp_path / "article.md", "-o", deck).returncode == 0
    with pdfplumber.open(out) as pdf:
        brief = " ".join(page.extract_text() for page in pdf.pages).replace("\u00a0", " ")
    from pptx import Presentation
    slide = " ".join(shape.text_frame.text if shape.has_text_frame else " ".join(
        cell.text for row in shape.table.rows for cell in row.cells)
        for s in Presentation(deck).slides for shape in s.shapes
        if shape.has_text_frame or shape.has_table).replace("\u00a0", " ")
    signed = re.compile(r"[-\u2212]\.?\d[\d.]*")
    for text in (brief, slide):
        assert "r = \u2212.09" in text and "[\u22120.15, \u22120.03]" in text, text
        assert "\u2212.09" in text.split("Recall", 1)[1] and "\u22120.25" in text, text
        for kept in ("pre-2000", "COVID-19", "1-5", "page=-1"):
            assert kept in " ".join(text.split()), text
    assert sorted(signed.findall(brief.replace("page=-1", ""))) == \
        sorted(signed.findall(slide.replace("page=-1", "")))


@pytest.mark.parametrize("level", [4, 5])
def test_a_run_in_headings_note_is_called_after_its_period(tmp_path, level):
    """A run-in heading ends with a period the brief adds (APA §2.27); a note
    called at its end prints its number after that period, as after any
    punctuation (§2.13): "Scales.¹", not "Scales¹."; a heading ending with
    its own mark keeps it, the call after it."""
    hashes = "#" * level
    out = brief_of(tmp_path, f"---\ntitle: T\n---\n\nText.\n\n"
                   f"{hashes} Scales^[On the scales.]\n\nThey were coded.\n\n"
                   f"{hashes} Why *Sleep*?^[On sleep.]\n\nIt matters.\n")
    with pdfplumber.open(out) as pdf:
        text = [line["text"] for page in pdf.pages for line in lines(page)]
    assert "Scales.1 They were coded." in text, text
    assert "Why Sleep?2 It matters." in text, text
