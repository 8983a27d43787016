"""A reference list typed as paragraphs under a last "References" heading
(a Word manuscript through pandoc), with nothing cited: every output sets it
as its reference list (report/typedrefs.py)."""

from __future__ import annotations

import pdfplumber
import pytest
from pptx import Presentation

from conftest import run_report, write_paper
from report import pipeline
from report.model import Heading, plain_text

MARGIN, INDENT, PITCH = 72, 36, 24  # 1 in, 0.5 in, double-spaced 12 pt
TOL = 1.0
LETTER_WIDTH = 612

# Typed out of order (Zed before Alpha): the list is printed as written.
ENTRIES = [
    "Zed, A., & Alpha, B. (2020). An article with a title long enough to need a second line "
    "of its own when printed. *Journal of Things, 12*(3), 45--67.",
    "Smith, J. (2019). *A book about sleep and memory consolidation in adolescents and adults "
    "over many decades*. Publisher.",
    "Walker, M. P. (2017). Why we sleep: Unlocking the power of sleep and dreams. Scribner. "
    "<https://doi.org/10.1000/xyz123>",
]
BODY = ("# Introduction\n\nSleep matters for memory (Smith, 2019; Walker, 2017).\n\n"
        "# Discussion\n\nIt does, at some length.\n\n# Works Cited\n\n"
        + "\n\n".join(ENTRIES) + "\n\n# Appendix A: Materials\n\nThe word pairs.\n")
HEADING_LINE = 1 + 3 + BODY.split("\n").index("# Works Cited") + 1  # ---, front, ---, blank


def printed(entry: str) -> str:
    """An entry as the outputs print it: no Markdown, smart dashes."""
    return entry.replace("*", "").replace("--", "\u2013").replace("<", "").replace(">", "")


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    """The article's path, and each output: (path, stderr)."""
    article = write_paper(tmp_path_factory.mktemp("typed"), BODY, "title: Typed", [])
    out = {}
    for kind, name in (("pdf", "brief.pdf"), ("slides", "deck.pptx"),
                       ("handout", "handout.pdf")):
        result = run_report(kind, article, "-o", article.parent / name)
        assert result.returncode == 0, result.stderr
        out[kind] = (article.parent / name, result.stderr)
    return article, out


def lines(page):
    out = []
    for line in page.extract_text_lines(return_chars=True):
        first = next(c for c in line["chars"] if c["text"].strip())
        out.append({"text": line["text"], "x0": first["x0"], "x1": line["x1"],
                    "top": line["top"], "font": first["fontname"], "chars": line["chars"]})
    return out


def entries_after(pdf, title: str, left: float) -> tuple[int, dict, list[list[dict]]]:
    """The page and line of the list's `title`, and each entry's lines
    below it (an entry starts at `left`, as the first line under the title
    does: not a slide's), to the end of that page; under the running head."""
    for number, page in enumerate(pdf.pages):
        found = lines(page)[1:]
        at = next((n for n, l in enumerate(found[:-1]) if l["text"] == title
                   and abs(found[n + 1]["x0"] - left) < TOL), None)
        if at is not None:
            entries = []
            for line in found[at + 1:]:
                if abs(line["x0"] - left) < TOL:
                    entries.append([line])
                elif entries:
                    entries[-1].append(line)
            return number, found[at], [e for e in entries if e]
    raise AssertionError(f"no line {title!r}")


def test_the_brief_prints_the_typed_list_as_its_reference_list(typed):
    _, out = typed
    with pdfplumber.open(out["pdf"][0]) as pdf:
        number, label, entries = entries_after(pdf, "Works Cited", MARGIN)
        assert lines(pdf.pages[number])[1] == label  # atop a new page
        assert "Bold" in label["font"]
        assert abs((label["x0"] + label["x1"]) / 2 - LETTER_WIDTH / 2) < 2  # centred
        texts = [" ".join(l["text"] for l in e) for e in entries]
        assert [t.split(" (")[0] for t in texts] == ["Zed, A., & Alpha, B.", "Smith, J.",
                                                     "Walker, M. P."]  # as typed
        assert all(len(e) > 1 for e in entries[:2])  # they wrap: the indent shows
        for entry in entries:
            for continuation in entry[1:]:
                assert continuation["x0"] == pytest.approx(MARGIN + INDENT, abs=TOL)
        tops = [l["top"] for e in entries for l in e]
        assert all(b - a == pytest.approx(PITCH, abs=TOL) for a, b in zip(tops, tops[1:]))
        italic = "".join(c["text"] for e in entries for l in e for c in l["chars"]
                         if "Italic" in c["fontname"])
        assert "Abookaboutsleep" in italic.replace(" ", "") and "12" in italic
        links = [a.get("uri") for p in pdf.pages for a in p.annots or []]
        assert "https://doi.org/10.1000/xyz123" in links
        whole = "\n".join(p.extract_text() for p in pdf.pages)
        assert whole.count("Works Cited") == 1  # no section of that name besides
        appendix = next(n for n, p in enumerate(pdf.pages) if "Appendix A" in p.extract_text())
        assert appendix == number + 1  # the appendix follows on a page of its own


def test_the_deck_makes_its_references_slides_of_the_typed_list(typed):
    _, out = typed
    deck = Presentation(out["slides"][0])
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    refs = [s for s in deck.slides if s.slide_layout.name == "References"]
    assert [s.shapes.title.text_frame.text for s in refs] == ["Works Cited"]
    assert titles.count("Works Cited") == 1  # no digest slide of it
    assert titles.index("Works Cited") < titles.index("Appendix A: Materials")
    paragraphs = refs[0].placeholders[1].text_frame.paragraphs
    assert [p.text for p in paragraphs] == [printed(e) for e in ENTRIES]
    for p in paragraphs:  # each entry whole, hanging, not cut at its first period
        assert int(p._p.pPr.get("marL")) == -int(p._p.pPr.get("indent")) > 0
    assert any(r.font.italic and r.text.startswith("A book about") for r in paragraphs[1].runs)


def test_the_handout_prints_the_typed_list(typed):
    _, out = typed
    with pdfplumber.open(out["handout"][0]) as pdf:
        first = min(l["x0"] for p in pdf.pages for l in lines(p))
        _, _, entries = entries_after(pdf, "Works Cited", first)
        assert [" ".join(l["text"] for l in e).split(" (")[0] for e in entries] == [
            "Zed, A., & Alpha, B.", "Smith, J.", "Walker, M. P."]
        wrapped = [e for e in entries if len(e) > 1]
        assert wrapped
        for entry in wrapped:
            assert entry[1]["x0"] == pytest.approx(entry[0]["x0"] + INDENT, abs=TOL)


def test_each_build_says_once_where_the_list_is_typed_and_how_to_check_it(typed):
    article, out = typed
    for _, stderr in out.values():
        said = [line for line in stderr.splitlines() if "as typed" in line]
        assert len(said) == 1, stderr
        assert said[0].startswith(f"{article}:{HEADING_LINE}:1: warning:")
        assert "refs.json" in said[0] and "[@key]" in said[0] and "sorted" in said[0]
        assert not any("'Works Cited'" in line for line in stderr.splitlines()
                       if "'::: slide'" in line)  # one warning may name all digested sections


SMITH = {"id": "smith", "type": "book", "title": "A book", "publisher": "Publisher",
         "author": [{"family": "Smith", "given": "J."}], "issued": {"date-parts": [[2019]]}}


def test_with_citations_the_typed_list_stays_a_section_and_is_said_to_repeat(tmp_path):
    article = write_paper(tmp_path, "# Introduction\n\nSleep [@smith].\n\n# References\n\n"
                          "Smith, J. (2019). *A book*. Publisher.\n", "title: Both", [SMITH])
    result = run_report("pdf", article, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert f"{article}:9:1: warning: the section 'References' repeats" in result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
    assert text.count("Smith, J. (2019). A book. Publisher.") == 2  # as before: typed, listed


def read(tmp_path, body: str, front: str = "title: T") -> tuple:
    doc = pipeline.load(write_paper(tmp_path, body, front, []))
    return doc, [plain_text(r.rendered) for r in doc.references]


@pytest.mark.parametrize("body, expected", [
    ("| Smith, J. (2019). A.\n| Walker, M. (2017). B.\n",
     ["Smith, J. (2019). A.", "Walker, M. (2017). B."]),
    ("- Smith, J. (2019). A.\n- Walker, M. (2017). B.\n",
     ["Smith, J. (2019). A.", "Walker, M. (2017). B."]),
    ("1. Smith, J. (2019). A.\n2. Walker, M. (2017). B.\n",
     ["1. Smith, J. (2019). A.", "2. Walker, M. (2017). B."]),  # its numbers may be cited
])
def test_a_line_block_or_a_list_of_entries_is_a_typed_list(tmp_path, body, expected):
    _, entries = read(tmp_path, "# Method\n\nText.\n\n# Bibliography\n\n" + body)
    assert entries == expected


@pytest.mark.parametrize("front, title", [("lang: de", "Literaturverzeichnis"),
                                          ("lang: en", "Reference List:"),
                                          ("lang: en", "WORKS CITED"),
                                          ("lang: de", "Literatur"),
                                          ("lang: es", "Bibliografía")])
def test_the_list_is_known_by_its_languages_words_and_its_variants(tmp_path, front, title):
    doc, entries = read(tmp_path, f"# Method\n\nText.\n\n# {title}\n\nSmith, J. (2019). A.\n",
                        f"title: T\n{front}")
    assert entries == ["Smith, J. (2019). A."]
    assert plain_text(doc.meta.references_title) == title
    assert [plain_text(b.children) for b in doc.blocks if isinstance(b, Heading)] == ["Method"]


@pytest.mark.parametrize("body", [
    "# Method\n\nText.\n\n# Summary\n\nSmith, J. (2019). A.\n",  # not titled so
    "# Method\n\nText.\n\n## References\n\nSmith, J. (2019). A.\n",  # not top-level
    "# References\n\nSmith, J. (2019). A.\n\n# Discussion\n\nText.\n",  # not last
    "# Method\n\nText.\n\n# References\n\nSmith, J. (2019). A.\n\n| a | b |\n|---|---|\n"
    "| 1 | 2 |\n",  # not entries only
    "# Method\n\nText.\n\n# References\n\n- Smith, J. (2019). A.\n\n  More.\n",
])
def test_a_section_that_is_no_typed_list_stays_as_it_was(tmp_path, body):
    doc, entries = read(tmp_path, body)
    assert entries == []
    assert len([b for b in doc.blocks if isinstance(b, Heading)]) == 2


def test_a_long_typed_list_runs_on_over_references_slides_in_its_order(tmp_path):
    entries = [f"Author{n:02d}, A. (2001). A rather long title of study number {n} that "
               f"wraps onto another line. *Journal of Long Titles, {n}*(2), 1--20."
               for n in range(1, 26)]
    article = write_paper(tmp_path, "# Intro\n\nText.\n\n# References\n\n"
                          + "\n\n".join(entries) + "\n", "title: Long", [])
    result = run_report("slides", article, "-o", tmp_path / "deck.pptx")
    assert result.returncode == 0, result.stderr
    refs = [s for s in Presentation(tmp_path / "deck.pptx").slides
            if s.slide_layout.name == "References"]
    assert len(refs) > 1
    titles = [s.shapes.title.text_frame.text for s in refs]
    assert titles[0] == "References"
    assert all(t.startswith("References (cont.") for t in titles[1:]), titles
    shown = [p.text for s in refs for p in s.placeholders[1].text_frame.paragraphs]
    assert shown == [printed(e) for e in entries]
