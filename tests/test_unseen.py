"""Regressions found by building articles nobody on the team had seen."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation

from conftest import run_report, write_paper
from report import pipeline
from report.brief import render_html
from report.model import Emph, Figure, plain_text
from report.walk import walk_cites

REFS = [
    {"id": "bulkeley2013", "type": "book", "title": "Cities and climate change",
     "author": [{"family": "Bulkeley", "given": "Harriet"}], "issued": {"date-parts": [[2013]]},
     "publisher": "Routledge"},
    {"id": "iea2022", "type": "report", "title": "The future of heat pumps",
     "author": [{"literal": "International Energy Agency"}],
     "issued": {"date-parts": [[2022]]}, "publisher": "IEA"},
]


def article(tmp_path: Path, body: str, front: str = "title: A Title\nshort-title: Short",
            refs=REFS) -> Path:
    return write_paper(tmp_path, body, front, refs)


def rendered(path: Path) -> list[str]:
    return [plain_text(c.rendered) for c in walk_cites(pipeline.load(path))]


def descendants(inlines):
    for node in inlines:
        yield node
        yield from descendants(getattr(node, "children", []))


def test_markdown_in_prefixes_and_suffixes_is_formatted(tmp_path):
    doc = pipeline.load(article(tmp_path, "A [*see especially* @bulkeley2013, pp. 45--60; "
                                          "*cf.* @iea2022] and [@iea2022, *passim*].\n"))
    first, second = list(walk_cites(doc))
    assert plain_text(first.rendered) == ("(see especially Bulkeley, 2013, pp. 45–60; "
                                          "cf. International Energy Agency, 2022)")
    assert any(isinstance(n, Emph) and plain_text(n.children) == "see especially"
               for n in descendants(first.rendered))
    assert "*" not in plain_text(second.rendered)


def test_a_slide_only_citation_stays_out_of_the_briefs_references(tmp_path):
    path = article(tmp_path, "Text [@bulkeley2013].\n\n::: slide\n- A point [@iea2022]\n:::\n")
    html = render_html(pipeline.load(path))
    assert 'id="ref-bulkeley2013"' in html and 'id="ref-iea2022"' not in html


def test_figure_captions_get_smart_typography(tmp_path):
    from PIL import Image
    path = article(tmp_path, 'Text.\n\n![Use, 2019--2023 "by city"](chart.png)\n')
    Image.new("RGB", (20, 10), "white").save(path.parent / "chart.png")
    figure = next(b for b in pipeline.load(path).blocks if isinstance(b, Figure))
    assert plain_text(figure.caption) == "Use, 2019–2023 “by city”"


def test_an_unknown_key_in_the_abstract_names_its_line(tmp_path):
    path = article(tmp_path, "Text.\n", front="title: T\nabstract: |\n  One.\n  Two [@nobody].")
    result = run_report("html", path, "-o", tmp_path / "o.html")
    assert result.returncode == 1
    assert re.search(r"article\.md:5:7: unknown citation key 'nobody'", result.stderr)


def test_footnote_call_stays_with_its_word(tmp_path):
    html = render_html(pipeline.load(article(tmp_path, "Homes use heating.[^1] More.\n\n"
                                                       "[^1]: Space and water heating.\n")))
    assert '<span class="note-anchor">heating.<span class="footnote">' in html


def test_a_long_footnote_wraps_inside_the_margins(tmp_path):
    note = "A note long enough to need more than one line at the page's foot. " * 3
    path = article(tmp_path, f"Homes use heating.[^1] More.\n\n[^1]: {note}\n")
    out = tmp_path / "notes.pdf"
    assert run_report("pdf", path, "-o", out).returncode == 0
    with pdfplumber.open(out) as pdf:
        chars = [c for c in pdf.pages[1].chars if round(c["size"]) == 10]  # the note's text
    assert len({round(c["top"]) for c in chars}) >= 2  # wrapped, not one line off the page
    assert max(c["x1"] for c in chars) <= 540.5


def test_a_long_table_runs_on_over_pages_under_its_header(tmp_path):
    rows = "\n".join(f"| Person {n} | {n * 3} |" for n in range(1, 61))
    path = article(tmp_path, f"Text.\n\n| Who | Hours |\n|---|--:|\n{rows}\n\nTable: Long\n")
    out = tmp_path / "long.pdf"
    assert run_report("pdf", path, "-o", out).returncode == 0
    with pdfplumber.open(out) as pdf:
        first, second = (page.extract_text().split("\n") for page in pdf.pages[1:3])
    assert first[3:7] == ["Table 1", "Long", "Who Hours", "Person 1 3"]  # no page left blank
    assert second[1] == "Who Hours"  # the header again
    assert "Person 60 180" in second


def test_several_affiliations_are_numbered(tmp_path):
    front = ("title: T\nauthor:\n  - name: Ann Lee\n    affiliation: Uni A\n"
             "  - name: Bo Kim\n    affiliation: Uni B\n  - name: Cy Dee\n    affiliation: Uni A")
    html = render_html(pipeline.load(article(tmp_path, "Text.\n", front=front)))
    assert "Ann Lee<sup>1</sup>, Bo Kim<sup>2</sup>, and Cy Dee<sup>1</sup>" in html
    assert "<sup>2</sup>Uni B" in html


def test_a_wide_table_stays_inside_the_margins(tmp_path):
    header = "| " + " | ".join(f"Condition number {n}" for n in range(9)) + " |"
    rule = "|" + "---|" * 9
    row = "| " + " | ".join(f"{n}.5" for n in range(9)) + " |"
    path = article(tmp_path, f"Text.\n\n{header}\n{rule}\n{row}\n\nTable: Wide\n")
    out = tmp_path / "wide.pdf"
    assert run_report("pdf", path, "-o", out).returncode == 0
    with pdfplumber.open(out) as pdf:
        assert max(c["x1"] for p in pdf.pages for c in p.chars) <= 540.5


def test_a_title_longer_than_pptx_properties_allow(tmp_path):
    title = "A Very Long Title " * 20
    path = article(tmp_path, "Text [@iea2022].\n", front=f"title: {title.strip()}")
    out = tmp_path / "long.pptx"
    result = run_report("slides", path, "-o", out)
    assert result.returncode == 0, result.stderr
    props = Presentation(out).core_properties
    assert len(props.title) <= 255 and props.title.endswith("\u2026")


@pytest.mark.parametrize("written", ["pp. 17--19", "pp. 17-19", "pp. 17–19"])
def test_locator_ranges_however_written(tmp_path, written):
    path = article(tmp_path, f"Text [@bulkeley2013, {written}].\n")
    assert rendered(path) == ["(Bulkeley, 2013, pp. 17–19)"]


@pytest.mark.parametrize("lang,body,expected", [
    ("en-US", "@bulkeley2013 [emphasis added]", "Bulkeley (2013, emphasis added)"),
    ("en-US", "@bulkeley2013 [p. 3]", "Bulkeley (2013, p. 3)"),
    ("en-US", "[@bulkeley2013 emphasis]", "(Bulkeley, 2013 emphasis)"),
    ("de-DE", "@bulkeley2013 [S. 5]", "Bulkeley (2013, S. 5)"),
    ("de-DE", "[@bulkeley2013, Kap. 4]", "(Bulkeley, 2013, Kapitel 4)"),
    ("de-DE", "[@bulkeley2013, S. 3-5]", "(Bulkeley, 2013, S. 3–5)"),
    ("de-DE", "[@bulkeley2013, p. 7]", "(Bulkeley, 2013, S. 7)"),
    ("fr-FR", "[@bulkeley2013, chap. 2]", "(Bulkeley, 2013, Chapitre 2)"),
])
def test_locators_in_the_articles_language_and_narrative_suffixes(tmp_path, lang, body,
                                                                  expected):
    """As pandoc reads them: the locale's words for locators ("S.", "Kap."),
    English ones too, and a narrative citation's suffix after a comma."""
    path = article(tmp_path, f"Text {body}.\n", front=f"title: T\nlang: {lang}")
    assert rendered(path) == [expected]


def test_pandoc_subscript_superscript_and_strikeout(tmp_path):
    path = article(tmp_path, "H~2~O, 2^10^ and ~~gone~~ [@iea2022].\n\n"
                             "::: slide\n- CO~2~ falls\n:::\n")
    html = render_html(pipeline.load(path))
    assert "H<sub>2</sub>O, 2<sup>10</sup> and <del>gone</del>" in html
    from report.slides import plan
    texts = ["".join(r.text for r in p.runs) for s in plan(pipeline.load(path)).slides
             for b in s.boxes if b.role == "body" for p in b.paragraphs]
    assert "CO2 falls" in texts


def test_a_work_cited_as_cited_in_another(tmp_path, capsys):
    """APA §8.6's secondary source: the work in the suffix is cited too, in
    the text and in the reference list, which leaves the primary out."""
    path = article(tmp_path, "Text [@bulkeley2013, as cited in @iea2022] and "
                             "[@iea2022, see @nowhere].\n")
    first, second = rendered(path)
    assert first == "(Bulkeley, 2013, as cited in International Energy Agency, 2022)"
    assert second.endswith(", 2022, see @nowhere)")
    assert "'@nowhere' in the words of a citation is no work" in capsys.readouterr().err
    doc = pipeline.load(path)
    html = render_html(doc)
    # APA §8.6: the list holds the secondary source alone; the primary links nowhere.
    assert [r.key for r in doc.references] == ["iea2022"]
    # the year kept on a line with the name before it (keptwhole.py)
    assert ('(<span class="whole">Bulkeley, 2013</span>, as cited in <a href="#ref-iea2022">'
            "International") in html
    assert html.count('id="ref-iea2022"') == 1 and 'href="#ref-bulkeley2013"' not in html


def test_a_narrative_citation_as_cited_in_another(tmp_path):
    """`@a [as cited in @b, p. 20]` is the narrative form of `[@a, as cited
    in @b]`: its suffix after a comma (APA §8.6, §8.17), not a second
    citation, "Bulkeley (2013) (as cited in …)"; the list holds the
    secondary source alone. Other words before a work make it a cluster
    joined to the narrative citation, as pandoc reads it (next test)."""
    path = article(tmp_path, "As @bulkeley2013 [as cited in @iea2022, p. 20] argued.\n")
    assert rendered(path) == [
        "Bulkeley (2013, as cited in International Energy Agency, 2022, p. 20)"]
    assert [r.key for r in pipeline.load(path).references] == ["iea2022"]
    # "see also" cites both works: both are listed.
    path = article(tmp_path, "As @bulkeley2013 [see also @iea2022] argued.\n")
    assert rendered(path) == ["Bulkeley (2013; see also International Energy Agency, 2022)"]
    assert [r.key for r in pipeline.load(path).references] == ["bulkeley2013", "iea2022"]


def test_a_cluster_with_a_prefix_keeps_the_authors_order(tmp_path):
    """APA §8.12: "(Sampson & Hughes, 2020; see also Augustine, 2017)": the
    works to highlight first, as written (pandoc); without prefixes, sorted."""
    path = article(tmp_path, "A [@iea2022; see also @bulkeley2013]. B [@iea2022; @bulkeley2013].\n")
    highlighted, sorted_ = rendered(path)
    assert highlighted.index("see also Bulkeley") > highlighted.index("2022")
    assert sorted_.index("Bulkeley") < sorted_.index("2022")


@pytest.mark.parametrize("lang,body,expected", [
    ("en-US", "[@bulkeley2013, partial replication]", "(Bulkeley, 2013, partial replication)"),
    ("en-US", "[@bulkeley2013, note that it holds]", "(Bulkeley, 2013, note that it holds)"),
    ("pt-PT", "[@bulkeley2013, ver também]", "(Bulkeley, 2013, ver também)"),
    ("de-DE", "[@bulkeley2013, Versuch 2]", "(Bulkeley, 2013, Versuch 2)"),
])
def test_a_locators_term_is_a_whole_word_before_a_number(tmp_path, lang, body, expected):
    path = article(tmp_path, f"Text {body}.\n", front=f"title: T\nlang: {lang}")
    assert rendered(path) == [expected]


def test_runs_after_a_prefix_are_sorted_as_pandoc_sorts_them(tmp_path):
    """Each prefixed item starts a run; each run is sorted on its own."""
    path = article(tmp_path, "A [@iea2022; @bulkeley2013; see also @iea2022, p. 2].\n")
    first, = rendered(path)
    assert first.index("Bulkeley") < first.index("International") < first.index("see also")


ADAMS = {"id": "adams2001", "type": "book", "title": "Risk", "publisher": "UCL Press",
         "author": [{"family": "Adams", "given": "John"}], "issued": {"date-parts": [[2001]]}}
IEA, BULKELEY, ADAMS_ = ("International Energy Agency, 2022", "Bulkeley, 2013", "Adams, 2001")


@pytest.mark.parametrize("cluster,expected", [
    ("[see @iea2022; @adams2001]", f"(see {IEA}; {ADAMS_})"),
    ("[@iea2022; @adams2001; see @bulkeley2013]", f"({ADAMS_}; {IEA}; see {BULKELEY})"),
    ("[@iea2022; see @bulkeley2013; @adams2001]", f"({IEA}; see {BULKELEY}; {ADAMS_})"),
    ("[see @iea2022; @bulkeley2013; @adams2001]", f"(see {IEA}; {ADAMS_}; {BULKELEY})"),
    ("[@iea2022; @adams2001, and others]", f"({IEA}; {ADAMS_}, and others)"),
    ("[@iea2022, and more; @bulkeley2013; @adams2001]", f"({IEA}, and more; {ADAMS_}; {BULKELEY})"),
    ("[@iea2022; @bulkeley2013; @adams2001, and more]",
     f"({BULKELEY}; {IEA}; {ADAMS_}, and more)"),
    ("[see -@iea2022, p. 4]", "(see 2022, p. 4)"),
    ("[GDPR, -@iea2022]", "(GDPR, 2022)"),
])
def test_a_clusters_order_and_affixes_are_pandocs(tmp_path, cluster, expected):
    """As pandoc 3.9 orders them (measured): a prefix starts a run and a
    suffix ends one; what lies between is sorted. No prefix is ever lost."""
    path = article(tmp_path, f"A {cluster}.\n", refs=REFS + [ADAMS])
    assert rendered(path) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("As @iea2022 [see @bulkeley2013; @adams2001] did.",
     f"International Energy Agency (2022; see {BULKELEY}; {ADAMS_})"),
    ("As @iea2022 [@bulkeley2013; @adams2001, p. 4] did.",
     f"International Energy Agency (2022; {ADAMS_}, p. 4; {BULKELEY})"),
    ("As @iea2022\n[e.g., @adams2001] did.", f"International Energy Agency (2022; e.g., {ADAMS_})"),
    ("As @adams2001 [@adams2005, p. 3] did.", "Adams (2001, 2005, p. 3)"),
    ("As @iea2022 [p. 4; see @adams2001] did.",
     f"International Energy Agency (2022, p. 4; see {ADAMS_})"),
])
def test_a_narrative_citation_followed_by_a_cluster_is_one_citation(tmp_path, text, expected):
    """Pandoc reads `@a [see @b; @c]` as one citation: a's author in the
    text, then a's year and the cluster in its parentheses (pandoc 3.9:
    "Gamma (2003; see Beta, 2002; Alpha, 2001)"); the cluster is ordered as
    any other (pandoc sorts the author of the text into a cluster without
    a prefix, "(Alpha, 2001, p. 4; Beta, 2002; Gamma; 2003)", which we do
    not), and the author's own works join its year."""
    adams2005 = dict(ADAMS, id="adams2005", title="Risk again", issued={"date-parts": [[2005]]})
    path = article(tmp_path, text + "\n", refs=REFS + [ADAMS, adams2005])
    doc = pipeline.load(path)
    [cite] = walk_cites(doc)
    assert cite.narrative and plain_text(cite.rendered) == expected
    html = render_html(doc)  # each work links to its entry
    assert all(f'href="#ref-{i.key}"' in html for i in cite.items)


@pytest.mark.parametrize("text", ["As @iea2022\n[p. 4] says.", "As @iea2022  [p. 4] says.",
                                  "As @iea2022 [p.\n4] says.", "As @iea2022[p. 4] says."])
def test_a_narrative_citations_locator_may_follow_a_line_break(tmp_path, text):
    assert rendered(article(tmp_path, text + "\n")) == ["International Energy Agency (2022, p. 4)"]


def test_a_footnote_mark_after_a_narrative_citation_stays_a_footnote(tmp_path):
    doc = pipeline.load(article(tmp_path, "As @iea2022 [^1] says.\n\n[^1]: A note.\n"))
    assert [plain_text(c.rendered) for c in walk_cites(doc)] == [
        "International Energy Agency (2022)"]
    assert "A note." in render_html(doc)


def test_a_suffix_keeps_a_key_in_its_code_as_written(tmp_path):
    path = article(tmp_path, "A [@iea2022, run `log @bulkeley2013`].\n")
    doc = pipeline.load(path)
    assert "@bulkeley2013" in render_html(doc) and [r.key for r in doc.references] == [
        "iea2022"]


def _images(tmp_path, photo: str) -> Path:
    """The article's folder holding a small `photo` and chart.svg."""
    from PIL import Image
    folder = tmp_path / "paper"
    folder.mkdir()
    Image.new("RGB", (30, 20), "#3a7").save(folder / photo)
    (folder / "chart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" '
                                      'height="20"><rect width="40" height="20"/></svg>',
                                      encoding="utf-8")
    return folder


def test_a_slides_svg_is_left_out_with_a_warning_and_webp_shown_as_png(tmp_path):
    """The brief draws an SVG; python-pptx embeds pixels only (PNG, JPEG,
    GIF, BMP, TIFF): a WebP becomes PNG, an SVG stays off the slide."""
    folder = _images(tmp_path, "photo.webp")
    slides = "".join(f"::: slide\n## {name}\n- A point\n\n![{name}]({name})\n:::\n\n"
                     for name in ("photo.webp", "chart.svg"))
    path = article(tmp_path, f"# Results\n\nText.\n\n{slides}")
    results = {kind: run_report(kind, path, "-o", folder / f"out-{kind}")
               for kind in ("slides", "handout", "pdf")}
    assert all(r.returncode == 0 for r in results.values()), results
    # At the figure's line, as the article's other warnings are.
    assert re.search(r"article\.md:\d+:1: warning: image 'chart.svg' is no raster image",
                     results["slides"].stderr)
    pictures = [[s.image.content_type for s in slide.shapes if s.shape_type == 13]
                for slide in Presentation(folder / "out-slides").slides]
    assert pictures[1:3] == [["image/png"], []]


def test_a_headings_footnote_is_set_as_any_note_not_bold(tmp_path):
    path = article(tmp_path, "# Results[^1]\n\nText.\n\n[^1]: A note in a heading.\n")
    out = path.parent / "brief.pdf"
    assert run_report("pdf", path, "-o", out).returncode == 0
    with pdfplumber.open(out) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    note = "".join(c["text"] for c in chars if c["size"] < 11)
    assert "A note in a heading." in note
    assert not any("Bold" in c["fontname"] for c in chars if c["size"] < 11 and c["text"] != "1")


def test_an_escaped_space_never_breaks_and_names_are_typographic(tmp_path):
    front = ("title: T\nauthor:\n  - name: Zoë O'Neil\n    affiliation: King's College"
             "\n  - Bo Chen")
    doc = pipeline.load(article(tmp_path, "Dr.\\ Chen and a \\\\ backslash.\n", front=front))
    assert plain_text(doc.blocks[0].children) == "Dr.\u00a0Chen and a \\ backslash."
    assert [(a.name, a.affiliation) for a in doc.meta.authors] == [
        ("Zoë O\u2019Neil", ["King\u2019s College"]), ("Bo Chen", [])]


def test_a_digest_slide_shows_the_first_figure_a_slide_can_show(tmp_path):
    folder = _images(tmp_path, "photo.png")
    path = article(tmp_path, "# Results\n\nText.\n\n![A chart](chart.svg)\n\n"
                             "![A photo](photo.png)\n")
    result = run_report("slides", path, "-o", folder / "deck.pptx")
    assert result.returncode == 0 and "raster" not in result.stderr, result.stderr
    pictures = [s.image.content_type for slide in Presentation(folder / "deck.pptx").slides
                for s in slide.shapes if s.shape_type == 13]
    assert pictures == ["image/png"]


def test_a_less_than_sign_in_a_title_is_text_in_the_brief_and_the_deck(tmp_path):
    """CSL-JSON's "<" that opens none of its tags is text, as citeproc-js
    prints it: the brief's reference list and the deck's keep it whole."""
    refs = [{"id": "lt", "type": "article-journal", "container-title": "Journal of x < 5 studies",
             "title": "When a<b and c>d: Inequalities in <i>small</i> samples",
             "author": [{"family": "Smith", "given": "John"}], "issued": {"date-parts": [[2020]]}}]
    path = article(tmp_path, "## Results\n\nText [@lt].\n\n::: slide\n- Point [@lt]\n:::\n",
                   refs=refs)
    entry = "Smith, J. (2020). When a<b and c>d: Inequalities in small samples. Journal of x < 5"
    pdf, deck = tmp_path / "b.pdf", tmp_path / "d.pptx"
    for kind, out in (("pdf", pdf), ("slides", deck)):
        result = run_report(kind, path, "-o", out)
        assert result.returncode == 0, result.stderr
    with pdfplumber.open(pdf) as doc:
        assert entry in " ".join(" ".join(p.extract_text().split()) for p in doc.pages)
    texts = [" ".join(shape.text_frame.text.split()) for slide in Presentation(deck).slides
             for shape in slide.shapes if shape.has_text_frame]
    assert any(entry in text for text in texts)


@pytest.mark.parametrize("cluster,expected", [
    ("[FOIL\\; @bulkeley2013]", "(FOIL; Bulkeley, 2013)"),
    ("[see\\; also @bulkeley2013; @iea2022]",
     "(see; also Bulkeley, 2013; International Energy Agency, 2022)"),
])
def test_an_escaped_semicolon_in_a_cluster_is_its_prefixs(tmp_path, cluster, expected):
    """Pandoc 3.9 reads `[FOIL\\; @a]` as one citation whose prefix is
    "FOIL;" (measured: "(FOIL; Cameron & Trivedi, 2013)"), as apaquarto's
    guide writes it; it was cut into a cluster of no citation, printed
    as text round a narrative one, "[FOIL; Bulkeley (2013)]"."""
    path = article(tmp_path, f"First Outer Inner Last {cluster}.\n")
    out = tmp_path / "b.pdf"
    result = run_report("pdf", path, "-o", out)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as doc:
        text = " ".join(" ".join(p.extract_text().split()) for p in doc.pages)
    assert f"First Outer Inner Last {expected}." in text
