"""Cross-references (Quarto's `@fig-x`, pandoc-crossref's `@fig:x`): labels
read, floats numbered as the brief prints them, references worded as APA
words them, in every output."""

from __future__ import annotations

import re
import shutil

import pdfplumber
import pytest
from conftest import ROOT, run_report
from pptx import Presentation

from report import cite, source
from report.model import Cite, Equation, Figure, Table, plain_text
from report.walk import walk_cites

SLEEP = ROOT / "tests" / "fixtures" / "sleep"

ARTICLE = """\
---
title: Cross References
bibliography: refs.json
---

As @fig-recall shows, short sleep costs recall [@walker2017]. @tbl-hours
lists the hours; [@fig-recall; @fig-trend] and [@fig-recall; @fig-trend; @fig-third]
show it, as do [@fig-trend; @tbl-hours]. See [see @Fig-trend, left panel],
[-@tbl-hours] alone, @eq-energy, @fig:crossref and @sec-method.

# Method {#sec-method}

![Recall after sleep](recall.png){#fig-recall}

::: slide
## On a slide
![Not numbered](recall.png)

- @fig-recall and [@tbl-hours] again
:::

| Group | Hours |
|-------|------:|
| Short | 5     |

: Hours of sleep by group {#tbl-hours}

![Trend](recall.png){#fig-trend width=50%}

::: {#fig-third}
![](recall.png)

The third, captioned by its div
:::

![pandoc-crossref's own](recall.png){#fig:crossref}

$$ E = mc^2 $$ {#eq-energy}

$$ x = 1 $$

Table: Unlabelled, still numbered

| a |
|---|
| 1 |
"""


@pytest.fixture
def article(tmp_path):
    for name in ("recall.png", "refs.json"):
        shutil.copy(SLEEP / name, tmp_path / name)
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _floats(doc):
    return [(type(b).__name__, b.ident, b.number) for b in doc.blocks
            if isinstance(b, (Figure, Table, Equation))]


def test_labels_are_read_and_floats_numbered_in_print_order(article):
    doc = source.read(article)
    assert _floats(doc) == [("Figure", "fig-recall", 1), ("Table", "tbl-hours", 1),
                            ("Figure", "fig-trend", 2), ("Figure", "fig-third", 3),
                            ("Figure", "fig:crossref", 4), ("Equation", "eq-energy", 1),
                            ("Equation", "", 0), ("Table", "", 2)]
    captions = [plain_text(b.caption) for b in doc.blocks if isinstance(b, (Figure, Table))]
    assert captions == ["Recall after sleep", "Hours of sleep by group", "Trend",
                        "The third, captioned by its div", "pandoc-crossref\u2019s own",
                        "Unlabelled, still numbered"]


def test_a_caption_paragraph_labels_a_table_either_side(tmp_path):
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\nTable: Before {#tbl:before}\n\n| a |\n|---|\n| 1 |\n\n"
        "| b |\n|---|\n| 2 |\n\n: After {#tbl-after .striped}\n", encoding="utf-8")
    doc = source.read(tmp_path / "article.md")
    assert [(plain_text(t.caption), t.ident, t.number) for t in doc.blocks] == [
        ("Before", "tbl:before", 1), ("After", "tbl-after", 2)]


def test_a_headings_own_id_never_takes_a_floats_label(tmp_path):
    """"# Tbl B" would be `tbl-b` by its words, the very label of the table
    under it: the link from "Table 1" must reach the table."""
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n# Tbl B\n\n| b |\n|---|\n| 2 |\n\n: B {#tbl-b}\n\n"
        "# Intro {#intro}\n\nSee @tbl-b.\n", encoding="utf-8")
    heading, table, intro, _ = source.read(tmp_path / "article.md").blocks
    assert (heading.ident, table.ident, intro.ident) == ("tbl-b-1", "tbl-b", "intro")


def _rendered(article) -> list[str]:
    doc = source.read(article)
    clusters = list(walk_cites(doc))  # before they are resolved: all of them
    cite.resolve(doc)
    return [plain_text(c.rendered) for c in clusters if c.crossref]


def test_references_are_worded_as_apa_words_them(article):
    assert _rendered(article) == [
        "Figure 1", "Table 1", "Figures 1 and 2", "Figures 1, 2, and 3",
        "Figure 2 and Table 1", "see Figure 2, left panel", "1", "Equation 1", "Figure 4",
        "Method", "Figure 1", "Table 1"]


def test_cross_references_are_no_citations(article):
    doc = source.read(article)
    cite.resolve(doc)
    assert [i.key for c in walk_cites(doc) for i in c.items] == ["walker2017"]
    assert [r.key for r in doc.references] == ["walker2017"]


def _text(pdf) -> str:
    with pdfplumber.open(pdf) as document:
        return "\n".join(page.extract_text() for page in document.pages)


def test_the_brief_prints_numbers_and_links_them(article, tmp_path):
    result = run_report("html", article, "-o", tmp_path / "brief.html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert '<a href="#fig-recall">Figure 1</a> shows' in html
    assert 'Figures <a href="#fig-recall">1</a> and <a href="#fig-trend">2</a>' in html
    assert '<a href="#sec-method">Method</a>' in html
    for ident in ("fig-recall", "tbl-hours", "fig-third", "eq-energy", "sec-method"):
        assert html.count(f'id="{ident}"') == 1

    result = run_report("pdf", article, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    text = _text(tmp_path / "brief.pdf")
    assert "As Figure 1 shows, short sleep costs recall (Walker, 2017)." in text
    for label in ("Figure 1\nRecall after sleep", "Table 1\nHours of sleep by group",
                  "Figure 3\nThe third, captioned by its div", "Table 2\nUnlabelled"):
        assert label in text
    assert re.search(r"E = mc2\s*\(1\)", text)  # the number on the equation's line
    assert "Not numbered" not in text  # the slide's figure is the deck's


def test_the_deck_words_them_alike_and_links_nowhere(article, tmp_path):
    result = run_report("slides", article, "-o", tmp_path / "deck.pptx")
    assert result.returncode == 0, result.stderr
    paragraphs = [p for slide in Presentation(tmp_path / "deck.pptx").slides
                  for shape in slide.shapes if shape.has_text_frame
                  for p in shape.text_frame.paragraphs]
    [again] = [p for p in paragraphs if p.text == "Figure 1 and Table 1 again"]
    colours = {str(r.font.color.rgb) for r in again.runs}
    assert len(colours) == 1  # the text's colour: a citation's is another
    assert not [r.text for p in paragraphs for r in p.runs if r.hyperlink.address]


@pytest.mark.parametrize("body,message", [
    ("See @fig-nope.", r":7:5: no figure in the brief is labelled 'fig-nope'\n"
                       r".*!\[Caption\]\(file\.png\)\{#fig-nope\}"),
    ("See @tbl:nope.", r":7:5: no table in the brief is labelled 'tbl:nope'"),
    ("See @sec-nope.", r":7:5: no section in the brief is labelled 'sec-nope'"),
    ("See [@fig-a; @walker2017].", r":7:5: a citation mixes a cross-reference and a work"),
    ("See [@fig-a, p. 3].", r":7:5: a cross-reference takes no page"),
    ("![B](recall.png){#fig-a}", r":7:18: the label '#fig-a' is given twice"),
    ("![B](recall.png){#fig-ab}\n\n![C](recall.png){#fig-a}",
     r":9:18: the label '#fig-a' is given twice"),  # #fig-ab is another label
    ("See [@fig-a; @fig-bb].", r":7:5: no figure in the brief is labelled 'fig-bb'"),
    # A label mistyped is told its nearest (the hint was to label a figure 'fig-ab')
    ("See @fig-ab.", r":7:5: no figure in the brief is labelled 'fig-ab'\n"
                     r"  did you mean 'fig-a'\?"),
])
def test_a_wrong_reference_names_its_line(tmp_path, body, message):
    for name in ("recall.png", "refs.json"):
        shutil.copy(SLEEP / name, tmp_path / name)
    (tmp_path / "article.md").write_text(
        f"---\ntitle: E\n---\n\n![A](recall.png){{#fig-a}}\n\n{body}\n", encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 1
    assert re.search(r"article\.md" + message, result.stderr, re.S), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "brief.pdf").exists()


def test_without_a_bibliography_a_reference_still_resolves(tmp_path):
    shutil.copy(SLEEP / "recall.png", tmp_path / "recall.png")
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\n![A](recall.png){#fig-a}\n\nSee @fig-a.\n", encoding="utf-8")
    doc = source.read(tmp_path / "article.md")
    cite.resolve(doc)
    assert [plain_text(c.rendered) for c in _cites_in(doc)] == ["Figure 1"]


def _cites_in(doc):
    para = doc.blocks[-1]
    return [node for node in para.children if isinstance(node, Cite)]



@pytest.mark.parametrize("body,said", [
    # a heading that names itself, or carries a note: its words alone
    ("# See @sec-a {#sec-a}\n\nText.",
     '<h2 class="apa1" id="sec-a" data-bookmark="See See">See <a href="#sec-a">See</a>'),
    ("# Intro[^1] {#sec-i}\n\nSee @sec-i.\n\n[^1]: A note.", '<p>See <a href="#sec-i">Intro</a>.'),
    # a heading's own id is no figure's label
    ("# Fig-a\n\n![A](recall.png){#fig-a}\n\nSee @fig-a.", 'See <a href="#fig-a">Figure 1</a>'),
    # a number alone, then a word: each as written
    ("![A](recall.png){#fig-a}\n\n![B](recall.png){#fig-b}\n\nSee [-@fig-a; @fig-b].",
     'See <a href="#fig-a">1</a> and <a href="#fig-b">Figure 2</a>.'),
    # only `eq-` labels number an equation, as in Quarto
    ("$$ x $$ {#foo}\n\n$$ y $$ {#eq-y}\n\nSee @eq-y.", 'See <a href="#eq-y">Equation 1</a>.'),
    # the reference list's heading keeps its label
    ("Text [@walker2017], see @sec-refs.\n\n# References {#sec-refs}",
     'see <a href="#sec-refs">References</a>'),
    # an appendix by its label alone (APA §2.14), lettered or the only one
    ("See @sec-b.\n\n# Appendix B: Stimulus Word Pairs {#sec-b}\n\nText.",
     'See <a href="#sec-b">Appendix B</a>.'),
    ("See @sec-x.\n\n# Appendix {#sec-x}\n\nText.", 'See <a href="#sec-x">Appendix</a>.'),
])
def test_references_to_what_headings_and_equations_hold(tmp_path, body, said):
    for name in ("recall.png", "refs.json"):
        shutil.copy(SLEEP / name, tmp_path / name)
    (tmp_path / "article.md").write_text(f"---\ntitle: T\n---\n\n{body}\n", encoding="utf-8")
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "b.html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert said in html
    assert html.count('<span class="number">(1)</span>') == ("eq-y" in body)


def test_floats_in_an_appendix_are_numbered_after_its_letter(tmp_path):
    """APA §7.6: Table A1, Figure B1; each appendix on a page of its own."""
    shutil.copy(ROOT / "tests" / "fixtures" / "sleep" / "refs.json", tmp_path / "refs.json")
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\nSee @tbl-main, @tbl-a1 and @eq-b [@walker2017].\n\n"
        "| a |\n|---|\n| 1 |\n\n: Main {#tbl-main}\n\n# Appendix A: Scales\n\n"
        "| x |\n|---|\n| 1 |\n\n: Scale {#tbl-a1}\n\n# Appendix\n\n$$ x = y $$ {#eq-b}\n",
        encoding="utf-8")
    doc = source.read(tmp_path / "article.md")
    assert [(type(b).__name__, getattr(b, "appendix", "")) for b in doc.blocks[1:]] == [
        ("Table", ""), ("Heading", "A"), ("Table", "A"), ("Heading", "B"), ("Equation", "B")]
    out = tmp_path / "brief.pdf"
    assert run_report("pdf", tmp_path / "article.md", "-o", out).returncode == 0
    with pdfplumber.open(out) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    assert "See Table 1, Table A1 and Equation B1" in pages[1]
    assert "References" in pages[2]  # the list before the appendices, as APA orders them
    assert [n for n, text in enumerate(pages) if "Appendix" in text] == [3, 4]
    assert "Table A1" in pages[3] and "(B1)" in pages[4]


def test_an_appendix_without_citations_has_no_empty_reference_list(tmp_path):
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\nText.\n\n# Appendix\n\nMore.\n", encoding="utf-8")
    out = tmp_path / "brief.pdf"
    assert run_report("pdf", tmp_path / "article.md", "-o", out).returncode == 0
    with pdfplumber.open(out) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    assert len(pages) == 3 and not any("References" in text for text in pages)


def _brief(tmp_path, body: str):
    """The brief of an article of `body`, built without an error."""
    (tmp_path / "article.md").write_text(f"---\ntitle: T\n---\n\n{body}", encoding="utf-8")
    out = tmp_path / "brief.pdf"
    result = run_report("pdf", tmp_path / "article.md", "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def test_apaquartos_apx_headings_are_appendices(tmp_path):
    """apaquarto's `# Title {#apx-a}`: "Appendix A" over its title on a page
    of its own, its tables numbered A1, and `@apx-a` names it by its letter,
    lettered in order with an appendix that writes its label."""
    with pdfplumber.open(_brief(tmp_path, (
            "See @apx-a, @tbl-a and @apx-c.\n\n# My Appendix {#apx-a}\n\n"
            "| a |\n|---|\n| 1 |\n\n: Pairs {#tbl-a}\n\n# Appendix B: Scales\n\nText.\n\n"
            "# Another One {#apx-c}\n\nText.\n"))) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    assert "See Appendix A, Table A1 and Appendix C." in pages[1]
    assert "Appendix A\nMy Appendix" in pages[2] and "Table A1\nPairs" in pages[2]
    assert "Appendix B\nScales" in pages[3]
    assert "Appendix C\nAnother One" in pages[4]


def test_an_apx_label_on_no_appendix_names_its_kind(tmp_path):
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\nSee @apx-z.\n", encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "b.pdf")
    assert result.returncode != 0
    assert "no appendix in the brief is labelled 'apx-z'" in result.stderr


def test_subfigures_are_one_figure_with_lettered_panels(tmp_path):
    """Quarto's `::: {#fig-x layout-ncol=2}` around two images: one Figure 1,
    its panels side by side over "(a) Left" and "(b) Right"; `@fig-a` is
    "Figure 1a", as Quarto names a panel."""
    shutil.copy(SLEEP / "recall.png", tmp_path / "recall.png")
    with pdfplumber.open(_brief(tmp_path, (
            "See @fig-panel and @fig-b.\n\n::: {#fig-panel layout-ncol=2}\n"
            "![Left](recall.png){#fig-a}\n\n![Right](recall.png){#fig-b}\n\nTwo Panels\n:::\n\n"
            "![After](recall.png){#fig-next}\n"))) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
        pictures = [image for page in pdf.pages[1:2] for image in page.images]
    assert "See Figure 1 and Figure 1b." in text
    assert "Figure 1\nTwo Panels" in text and "(a) Left (b) Right" in text
    assert "Figure 2\nAfter" in text and "Left\n" not in text
    assert len(pictures) == 3 and abs(pictures[0]["top"] - pictures[1]["top"]) < 1
    assert pictures[0]["x1"] <= pictures[1]["x0"]


def test_a_table_or_figure_never_called_out_is_said(tmp_path):
    """APA §7.5: the text refers to every table and figure by its number,
    by a cross-reference or in its own words ("Tables 1 and 2"). A call on
    a slide is no call in the brief."""
    shutil.copy(SLEEP / "recall.png", tmp_path / "recall.png")
    table = "| a |\n|---|\n| 1 |\n"
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\n---\n\nAs Tables 1 and 2 show, and @fig-called.\n\n"
        f"Table: One\n\n{table}\nTable: Two\n\n{table}\nTable: Three\n\n{table}\n"
        "![Called](recall.png){#fig-called}\n\n![Not called](recall.png)\n\n"
        "::: slide\n- See @tbl-four\n:::\n\n"
        f"Table: Four {{#tbl-four}}\n\n{table}", encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    said = re.findall(r"article\.md:(\d+):(\d+): warning: (\w+ \d) is never called out",
                      result.stderr)
    assert said == [("21", "1", "Table 3"), ("27", "1", "Figure 2"), ("35", "1", "Table 4")]


def test_quartos_other_cross_references_are_named_as_such(tmp_path):
    """Quarto's docs cross-reference a callout (`@tip-example`) and a code
    listing (`@lst-import`), which report does not number: the error said
    "unknown citation key … add it to the bibliography"."""
    (tmp_path / "refs.json").write_text("[]", encoding="utf-8")
    for text, kind in (("::: {#tip-example .callout-tip}\nA tip.\n:::\n\nSee @tip-example.",
                        "tip callout"),
                       ("```{python}\n#| lst-label: lst-import\nimport os\n```\n\n@lst-import...",
                        "code listing")):
        path = tmp_path / "article.md"
        path.write_text(f"---\ntitle: T\n---\n\n{text}\n", encoding="utf-8")
        result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
        assert result.returncode == 1
        assert f"is Quarto's cross-reference to a {kind}, which report does not number" \
            in result.stderr
        assert "bibliography" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("written", ["cor_smith2020", "corsmith2020"])
def test_a_mistyped_key_like_a_quarto_label_is_offered_the_bibliographys(tmp_path, written):
    """`@cor-smith2020` for the bibliography's `cor_smith2020` was called
    Quarto's cross-reference to a corollary, the nearest key never offered."""
    (tmp_path / "refs.json").write_text(
        f'[{{"id": "{written}", "type": "book", "title": "Sleep", '
        '"author": [{"family": "Smith", "given": "A."}], "issued": {"date-parts": [[2020]]}}]',
        encoding="utf-8")
    path = tmp_path / "article.md"
    path.write_text("---\ntitle: T\n---\n\nAs @cor-smith2020 showed.\n", encoding="utf-8")
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 1
    assert "article.md:5:4: unknown citation key 'cor-smith2020'" in result.stderr, result.stderr
    assert f"did you mean '{written}'?" in result.stderr
    assert "Traceback" not in result.stderr


WORD_CAPTIONS = """\
---
title: Word
lang: LANG
---

See TABLE 1, FIGURE 1, TABLE 2, FIGURE 2, FIGURE 3 and FIGURE 4.

| a | b |
|---|---|
| 1 | 2 |

: TABLE 1. Descriptive Statistics

![FIGURE 1: Mean Recall by Condition](recall.png)

**TABLE 3**

*Typed Title of a Table*

| c | d |
|---|---|
| 3 | 4 |

*NOTE.* A typed note.

**FIGURE 2.** *Typed Title of a Figure*

![](recall.png)

![Figure 2 Plotted anew](recall.png)

![FIGURE 4 shows the recall again](recall.png)
"""


@pytest.mark.parametrize("lang,table,figure,note", [
    ("en-US", "Table", "Figure", "Note"), ("de-DE", "Tabelle", "Abbildung", "Anmerkung")])
def test_a_captions_typed_number_is_left_to_the_label(tmp_path, lang, table, figure, note):
    """Word's Insert Caption types the number into the caption ("Table 1.
    Descriptive Statistics"), and an APA manuscript typed by hand sets the
    label and the title in paragraphs over the table: the brief prints its
    own label once, the title under it, with the table; each is said at
    its line, a number other than the brief's too. In the article's
    language, and in English (a Word template's)."""
    shutil.copy(SLEEP / "recall.png", tmp_path / "recall.png")
    article = WORD_CAPTIONS.replace("LANG", lang).replace("TABLE", table) \
        .replace("FIGURE", figure).replace("NOTE", note)
    (tmp_path / "article.md").write_text(article.replace(f"{figure} 2 Plotted", "Figure 2 Plotted"),
                                         encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        pages = [page.extract_text().splitlines() for page in pdf.pages[1:]]
    text = "\n".join(line for page in pages for line in page) + "\n"
    for label, title in [(f"{table} 1", "Descriptive Statistics"),
                         (f"{figure} 1", "Mean Recall by Condition"),
                         (f"{table} 2", "Typed Title of a Table"),
                         (f"{figure} 2", "Typed Title of a Figure"),
                         (f"{figure} 3", "Plotted anew"),
                         # a sentence about the figure, not a typed label: kept whole
                         (f"{figure} 4", f"{figure} 4 shows the recall again")]:
        assert f"\n{label}\n{title}\n" in text
    assert text.count(f"{table} 2") == 2  # the call-out's and the label's
    assert "Table 3" not in text and "Figure 2 Plotted" not in text
    [page] = [page for page in pages if "Typed Title of a Table" in page]
    assert page[page.index("Typed Title of a Table") + 1:][:2] == ["c d", "3 4"]  # with its table
    said = re.findall(r"article\.md:(\d+):(\d+): warning: (.*)", result.stderr)
    assert [(int(line), int(column)) for line, column, _ in said] == [
        (12, 3), (14, 3), (16, 3), (26, 3), (30, 3)]
    assert all(re.search(r"'(Table|Tabelle|Figure|Abbildung) \d", message) for *_, message in said)
    assert "the number typed, 3, is not the brief's" in said[2][2] and f"{table} 2" in said[2][2]
    assert [n for n, (*_, message) in enumerate(said) if "is not the brief's" in message] == [2, 4]


LABELS_ALONE = """\
---
title: Alone
---

See Table 1, Table 2 and Figure 1.

**Table 1**

| a | b |
|---|---|
| 1 | 2 |

**Table 3**

| c | d |
|---|---|
| 3 | 4 |

: Titled under its table

**Figure 1**

![Mean recall](recall.png)

Table 4

A paragraph, not a float, under it.
"""


def test_a_label_typed_alone_over_a_float_is_left_to_the_label(tmp_path):
    """`**Table 2**` alone over a table (no title typed under it) printed as
    a paragraph, and the brief's own "Table 2" under it: twice. It is taken
    off, said where it is typed, the float numbered in print order."""
    shutil.copy(SLEEP / "recall.png", tmp_path / "recall.png")
    (tmp_path / "article.md").write_text(LABELS_ALONE, encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages[1:]) + "\n"
    assert "\nTable 1\na b\n1 2\n" in text
    assert "\nTable 2\nTitled under its table\nc d\n" in text
    assert "\nFigure 1\nMean recall\n" in text
    assert "Table 3" not in text and text.count("Figure 1") == 2  # the call-out's and the label's
    assert "\nTable 4\nA paragraph, not a float" in text  # over no float: as written
    said = re.findall(r"article\.md:(\d+):(\d+): warning: (.*)", result.stderr)
    assert [(int(line), int(column)) for line, column, _ in said] == [(7, 3), (13, 3), (21, 3)]
    assert all("is taken as its label" in message for *_, message in said)
    assert "the number typed, 3, is not the brief's" in said[1][2]
