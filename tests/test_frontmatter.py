"""Front matter as pandoc, Quarto and apaquarto write it: authors,
affiliations and the composed author note read back from the brief; dates,
switches, and the options report names but does not use."""

from __future__ import annotations

import os
import re
import shutil

import pdfplumber
import pytest
from conftest import ROOT, run_report
from pptx import Presentation

from report import source
from report.model import plain_text

APAQUARTO = """\
---
title: "Sleep Before Exams"
shorttitle: "Sleep Before Exams"
author:
  - name: Ana Fulana
    corresponding: true
    orcid: 0000-0002-1825-0097
    email: ana@example.org
    affiliations:
      - id: id1
        name: Northern University
        department: Department of Psychology
        address: 1234 Capital St.
        city: Albany
        region: NY
        country: USA
        postal-code: 12084-1234
    roles:
      - conceptualization
      - role: writing
        degree-of-contribution: lead
  - name: Fulano Beltrano
    orcid: https://orcid.org/0000-0001-2345-6789
    affiliations:
      - ref: id1
  - name:
      given: Zeta
      family: Ortiz
    affiliations:
      - ref: south
affiliations:
  - id: south
    name: Southern College
author-note:
  status-changes:
    affiliation-change: Zeta Ortiz is now at Eastern College.
    deceased: ~
  disclosures:
    study-registration: ~
    data-sharing: Data are at <https://osf.io/xyz>.
    conflict-of-interest: We have no conflicts of interest to disclose.
    gratitude: ~
abstract: Students trade sleep for study.
floatsintext: true
mask: false
format:
  apaquarto-pdf:
    documentmode: man
---

Students sleep little.
"""


def _article(tmp_path, text: str):
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    return path


def _title_page(tmp_path, text: str, page: int = 0) -> tuple[str, str]:
    """The brief's first page (or `page`) as text, and what the build said."""
    result = run_report("pdf", _article(tmp_path, text), "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        return pdf.pages[page].extract_text(), result.stderr


def test_apaquarto_front_matter_makes_an_apa_title_page(tmp_path):
    page, said = _title_page(tmp_path, APAQUARTO)
    lines = page.split("\n")
    assert "Ana Fulana1, Fulano Beltrano1, and Zeta Ortiz2" in lines
    assert "1Department of Psychology, Northern University" in lines
    assert "2Southern College" in lines
    note = page[page.index("Author Note"):].replace("\n", " ")
    assert note.startswith(
        "Author Note Ana Fulana https://orcid.org/0000-0002-1825-0097 "
        "Fulano Beltrano https://orcid.org/0000-0001-2345-6789 "
        "Zeta Ortiz is now at Eastern College. "
        "Data are at https://osf.io/xyz. We have no conflicts of interest to disclose. "
        "Author roles were classified using the Contributor Role Taxonomy (CRediT; https:// "
        "credit.niso.org/) as follows: Ana Fulana: conceptualization and writing (lead). "
        "Correspondence concerning this article should be addressed to Ana Fulana, "
        "Department of Psychology, Northern University, 1234 Capital St., Albany, NY "
        "12084-1234, USA. Email: ana@example.org")
    assert "warning" not in said  # every key is apaquarto's, and switched off or used


# papaja's template (R Markdown), as `papaja::apa6_pdf` writes it.
PAPAJA = """\
---
title: "The title"
shorttitle: "Title"
author:
  - name: "First Author"
    affiliation: "1"
    corresponding: yes
    address: "Postal address"
    email: "my@email.com"
    role:
      - "Conceptualization"
      - "Writing - Original Draft Preparation"
  - name: "Ernst-August Doelle"
    affiliation: "1,2"
    role:
      - "Supervision"
affiliation:
  - id: "1"
    institution: "Wilhelm-Wundt-University"
  - id: "2"
    institution: "Konstanz Business School"
authornote: |
  Enter author note here.
wordcount: "X"
floatsintables: no
output: papaja::apa6_pdf
---

Text.
"""


def test_papaja_front_matter_makes_an_apa_title_page(tmp_path):
    page, said = _title_page(tmp_path, PAPAJA)
    lines = page.split("\n")
    assert lines[0] == "TITLE 1"
    assert "First Author1 and Ernst-August Doelle1,2" in lines
    assert "1Wilhelm-Wundt-University" in lines and "2Konstanz Business School" in lines
    note = page[page.index("Author Note"):].replace("\n", " ")
    assert note == (
        "Author Note Enter author note here. Author roles were classified using the Contributor "
        "Role Taxonomy (CRediT; https:// credit.niso.org/) as follows: First Author: "
        "Conceptualization and Writing - Original Draft Preparation; Ernst-August Doelle: "
        "Supervision. Correspondence concerning this article should be addressed to First "
        "Author, Postal address. Email: my@email.com")
    assert "article.md:24:1: warning: 'wordcount' is a papaja option that report does not use" \
        in said
    assert "floatsintables" not in said  # off: nothing is missed
    assert "unknown" not in said


def test_the_email_is_a_mail_link(tmp_path):
    path = _article(tmp_path, APAQUARTO)
    result = run_report("html", path, "-o", tmp_path / "brief.html")
    assert result.returncode == 0, result.stderr
    assert 'href="mailto:ana@example.org"' in (tmp_path / "brief.html").read_text()


def test_switches_leave_parts_of_the_note_out(tmp_path):
    text = APAQUARTO.replace("floatsintext: true", "suppress-orcid: true\n"
                             "suppress-credit-statement: true\n"
                             "suppress-corresponding-paragraph: true")
    note = " ".join(plain_text(p.children) for p in source.read(_article(tmp_path, text))
                    .meta.author_note)
    assert note == ("Zeta Ortiz is now at Eastern College. Data are at https://osf.io/xyz. "
                    "We have no conflicts of interest to disclose.")
    text = APAQUARTO.replace("floatsintext: true", "suppress-author-note: true")
    assert source.read(_article(tmp_path, text)).meta.author_note == []


def test_orcid_ids_alone_make_a_note(tmp_path):
    doc = source.read(_article(tmp_path, "---\ntitle: T\nauthor:\n  - name: A B\n"
                                          "    orcid: 0000-0002-1825-0097\n---\n\nText.\n"))
    assert [plain_text(p.children) for p in doc.meta.author_note] == [
        "A B https://orcid.org/0000-0002-1825-0097"]


def test_an_authors_own_note_is_in_the_author_note(tmp_path):
    """Quarto's journal templates (Elsevier's) give an author a `note:`, a
    footnote to the name; it was left out without a word. APA has no
    footnotes on the title page: the notes stand in the author note,
    after the ORCID iDs and before the correspondence (§2.7.3)."""
    page, said = _title_page(tmp_path, "---\ntitle: T\nauthor:\n  - name: Alice Anon\n"
                             "    orcid: 0000-0002-1825-0097\n    email: a@example.org\n"
                             "    attributes:\n      corresponding: true\n"
                             "    note: Alice is now at *North* College.\n"
                             "  - name: Bob Sec\n    note: |\n      Bob died\n      in 2020.\n"
                             "---\n\nText.\n")
    note = " ".join(page[page.index("Author Note"):].split())
    assert note.startswith("Author Note Alice Anon https://orcid.org/0000-0002-1825-0097 "
                           "Alice is now at North College. Bob died in 2020. "
                           "Correspondence concerning"), note


def test_shared_affiliations_need_no_numbers(tmp_path):
    page, _ = _title_page(tmp_path, "---\ntitle: T\nauthor:\n"
                          "  - name: A B\n    affiliations: [North U, South U]\n"
                          "  - name: C D\n    affiliations: [North U, South U]\n---\n\nText.\n")
    assert "A B and C D\nNorth U\nSouth U" in page


def test_an_affiliation_with_a_comma_is_one_affiliation(tmp_path):
    """`affiliation: Department of Psychology, Lakeside University` is one
    line (APA §2.6), as under an author; a list gives several."""
    page, _ = _title_page(tmp_path, "---\ntitle: T\nauthor: A B\naffiliation: Department of "
                          "Psychology, Lakeside University\n---\n\nText.\n")
    assert page.endswith("A B\nDepartment of Psychology, Lakeside University")


def test_a_student_paper_as_apaquarto_writes_it(tmp_path):
    page, _ = _title_page(tmp_path, "---\ntitle: T\nauthor: A B\ncourse: PSY 101\n"
                          "professor: Dr. Smith\nduedate: 2026-03-06\ndocumentmode: stu\n"
                          "a4paper: true\n---\n\nText.\n")
    assert "A B\nPSY 101\nDr. Smith\nMarch 6, 2026" in page
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        assert round(pdf.pages[0].width) == 595  # A4


@pytest.mark.parametrize("text,message", [
    ("author:\n  - name: A\n    affiliations:\n      - ref: nowhere\n",
     "article.md:3:1: 'author' refers to the affiliation 'nowhere', which none defines"),
    ("author:\n  - name: A\nsuppress-orcid: maybe\n",
     "article.md:5:1: 'suppress-orcid' must be true or false"),
    # a user the system does not know (make fuzz: it was a traceback)
    ("bibliography: ~nosuchuser0/lib.bib\n",
     "article.md:3:1: 'bibliography' names '~nosuchuser0/lib.bib', but this system has no "
     "home folder for '~nosuchuser0'"),
])
def test_wrong_front_matter_names_its_line(tmp_path, text, message):
    path = _article(tmp_path, f"---\ntitle: T\n{text}---\n\nText.\n")
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 1
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_apaquarto_options_report_does_not_use_are_named(tmp_path):
    path = _article(tmp_path,
                    "---\ntitle: T\nword-count: true\nnumbered-lines: false\n---\n\nText.\n")
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert ("article.md:3:1: warning: 'word-count' is an apaquarto option that report "
            "does not use") in result.stderr
    assert "numbered-lines" not in result.stderr  # off: nothing is missed


def test_a_journal_templates_keys_are_named_as_its(tmp_path):
    """Quarto's journal templates (PLOS, AGU): `journal:` under the format was
    called "an apaquarto option"; their plain-language summary was lost, and
    is APA's public significance statement, apaquarto's impact statement."""
    path = _article(tmp_path, "---\ntitle: T\nformat:\n  plos-pdf:\n    journal:\n"
                              "      id: plosone\nkey-points:\n  - One point\n"
                              "author-summary: |\n  Plain words for all readers.\n"
                              "abstract: The abstract.\n---\n\nText.\n")
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert "'journal' is a journal template's option that report does not use" \
        in result.stderr
    assert "'key-points' is a journal template's option" in result.stderr
    assert "apaquarto" not in result.stderr
    assert "article.md:9:1: warning: 'author-summary' is printed under the abstract as the " \
        "impact statement" in result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as doc:
        text = doc.pages[1].extract_text()
    assert "Impact Statement\nPlain words for all readers." in text


def test_a_summary_beside_the_impact_statement_is_said_not_printed(tmp_path):
    """`impact-statement` and a journal's `author-summary` both written: the
    brief prints the impact statement, and the summary was dropped without a
    word (a known key, so no unknown-key warning)."""
    path = _article(tmp_path, "---\ntitle: T\nabstract: The abstract.\n"
                              "impact-statement: Words that matter.\n"
                              "author-summary: Plain words for all.\n---\n\nText.\n")
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert "article.md:5:1: warning: 'author-summary' is not printed: the brief has one " \
        "impact statement" in result.stderr, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as doc:
        text = "\n".join(page.extract_text() for page in doc.pages)
    assert "Impact Statement\nWords that matter." in text
    assert "Plain words for all." not in text


def test_quarto_dates_are_the_builds_day_or_the_articles(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14, UTC
    doc = source.read(_article(tmp_path, "---\ntitle: T\ndate: today\n---\n\nText.\n"))
    assert doc.meta.date == "November 14, 2023"
    path = _article(tmp_path, "---\ntitle: T\ndate: last-modified\nlang: en-GB\n---\n\nText.\n")
    assert source.read(path).meta.date == "14 November 2023"  # the epoch's, for reproducibility
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    os.utime(path, (1600000000, 1600000000))  # 2020-09-13, UTC
    assert source.read(path).meta.date == "13 September 2020"


def test_pandoc_layout_options_are_named_not_used(tmp_path):
    path = _article(tmp_path, "---\ntitle: T\ngeometry: margin=1in\ntoc: false\n---\n\nText.\n")
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert ("article.md:3:1: warning: 'geometry' is a pandoc or Quarto layout option that "
            "report does not use") in result.stderr
    assert "toc" not in result.stderr



def _brief_and_deck(tmp_path, key: str) -> tuple[str, list[str]]:
    """The brief's text and the deck's slide titles for a short article that
    cites a work in its text and on a slide, with `key` in its front matter."""
    shutil.copy(ROOT / "tests" / "fixtures" / "sleep" / "refs.json", tmp_path / "refs.json")
    (tmp_path / "article.md").write_text(
        f"---\ntitle: T\n{key}\n---\n\nText [@walker2017].\n\n"
        "::: slide\n- A point [@walker2017]\n:::\n", encoding="utf-8")
    for kind, name in (("pdf", "brief.pdf"), ("slides", "deck.pptx")):
        result = run_report(kind, tmp_path / "article.md", "-o", tmp_path / name)
        assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    return text, [s.shapes.title.text for s in Presentation(tmp_path / "deck.pptx").slides
                  if s.shapes.title is not None]


def test_suppress_bibliography_cites_but_lists_nothing(tmp_path):
    text, titles = _brief_and_deck(tmp_path, "suppress-bibliography: true")
    assert "Text (Walker, 2017)." in text and "References" not in text
    assert "References" not in titles


def test_reference_section_title_names_the_list_everywhere(tmp_path):
    text, titles = _brief_and_deck(tmp_path, "reference-section-title: Works Cited")
    assert "Works Cited\nWalker, M. (2017)." in text
    assert titles[-1] == "Works Cited"


CELL = "\n\nText.\n\n```{r}\nsummary(d)\n```\n"


@pytest.mark.parametrize("front,shown", [
    ("format: apaquarto-pdf\n", False),  # apaquarto's _extension.yml: echo false
    ("format:\n  apaquarto-docx: default\n  apaquarto-typst:\n    keep-typ: true\n", False),
    ("format: apaquarto-pdf\nexecute:\n  echo: true\n", True),  # the document's, over it
    ("format:\n  apaquarto-pdf:\n    execute:\n      echo: true\n", True),
    ("output: papaja::apa6_pdf\n", False),  # papaja's formats: echo false
    ("output:\n  papaja::apa7_pdf:\n    keep_tex: true\n", False),
    ("output: html_document\n", True),
    ("format: pdf\n", True),
])
def test_apaquartos_formats_hide_code_unless_asked(tmp_path, front, shown):
    path = _article(tmp_path, f"---\ntitle: T\n{front}---{CELL}")
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert "unknown" not in result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        assert ("summary(d)" in pdf.pages[1].extract_text()) is shown


def test_options_under_the_format_are_the_documents(tmp_path):
    page, err = _title_page(tmp_path, "---\ntitle: T\nauthor: A B\ncourse: PSY 1\nprofessor: Dr. X"
                            "\nformat:\n  apaquarto-pdf:\n    documentmode: stu\n"
                            "    word-count: true\n"
                            "    a4paper: true\n---\n\nText.\n")
    assert "A B\nPSY 1\nDr. X" in page  # a student paper
    assert "article.md:6:1: warning: 'word-count' is an apaquarto option" in err
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        assert round(pdf.pages[0].width) == 595  # A4


@pytest.mark.parametrize("front, said", [
    ("documentmode: jou\ncrossref:\n  fig-prefix: Fig.\neditor: visual\n",
     ["article.md:3:1: warning: 'documentmode: jou' is apaquarto's journal layout, which "
      "report does not set", "article.md:4:1: warning: 'crossref' is a Quarto "
      "cross-reference option"])])
def test_what_report_does_not_set_is_said_plainly(tmp_path, front, said):
    """A mode and a Quarto key report does not set: each said as what it
    is; no "did you mean", nothing said of `editor:`."""
    path = _article(tmp_path, f"---\ntitle: T\n{front}---\n\nText.\n")
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert all(line in result.stderr for line in said), result.stderr
    assert not any(word in result.stderr for word in ("did you mean", "editor"))


def test_an_impact_statement_stands_under_the_abstract(tmp_path):
    """apaquarto's `impact-statement:`, under the abstract and its keywords
    with its label, as apaquarto prints it; `suppress-impact-statement`
    leaves it out."""
    front = "---\ntitle: T\nabstract: A short abstract.\nkeywords: [a, b]\n" \
            "impact-statement: This *helps* teachers.\n"
    page, _ = _title_page(tmp_path, front + "---\n\nText.\n", page=1)
    assert "A short abstract.\nKeywords: a, b\nImpact Statement\nThis helps teachers." in page
    page, _ = _title_page(tmp_path, front + "suppress-impact-statement: true\n---\n\nText.\n",
                          page=1)
    assert "Impact Statement" not in page and "helps" not in page


def test_an_impact_statements_citation_is_rendered_and_listed(tmp_path):
    (tmp_path / "refs.json").write_text(
        '[{"id": "a", "type": "book", "title": "Tests", "publisher": "P",'
        ' "author": [{"family": "Doe", "given": "J."}], "issued": {"date-parts": [[2020]]}}]',
        encoding="utf-8")
    page, said = _title_page(tmp_path, "---\ntitle: T\nabstract: A short abstract.\n"
                             "impact-statement: This helps [@a].\n---\n\nText.\n", page=1)
    assert "This helps (Doe, 2020)." in page and "never cited" not in said
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        assert "Doe, J. (2020). Tests. P." in pdf.pages[-1].extract_text()


def test_quartos_normalized_author_is_the_corresponding_one(tmp_path):
    """Quarto's author schema: `attributes: corresponding:` and `state:`."""
    doc = source.read(_article(tmp_path, "---\ntitle: T\nauthor:\n  - name: Norah Jones\n"
                               "    email: norah@example.org\n    attributes:\n"
                               "      corresponding: true\n    affiliations:\n"
                               "      - name: Carnegie Mellon's University\n"
                               "        city: Pittsburgh\n        state: PA\n"
                               "        postal-code: 15213\n---\n\nText.\n"))
    assert [plain_text(p.children) for p in doc.meta.author_note] == [
        "Correspondence concerning this article should be addressed to Norah Jones, "
        "Carnegie Mellon’s University, Pittsburgh, PA 15213. Email: norah@example.org"]


def test_a_name_in_a_list_of_one_is_the_name(tmp_path):
    """apaquarto's example.qmd writes `name:` then `- given: … family: …`."""
    doc = source.read(_article(tmp_path, "---\ntitle: T\nauthor:\n  - name:\n"
                               "      - given: Dolorita C.\n        family: Perengano\n"
                               "---\n\nText.\n"))
    assert [a.name for a in doc.meta.authors] == ["Dolorita C. Perengano"]


def test_a_meta_analysis_marks_its_studies_in_the_list(tmp_path):
    """apaquarto's `meta-analysis: true`: the works `nocite` lists are marked
    with an asterisk in the list, not in the text, under APA's sentence (§9.52)."""
    refs = "".join(f"- id: {k}\n  type: book\n  title: {k.title()} book\n  author:\n"
                   f"  - family: {k.title()}\n  issued: 2020\n" for k in ("alpha", "beta"))
    text = (f"---\ntitle: T\nmeta-analysis: true\nnocite: '@beta'\nreferences:\n{refs}---\n\n"
            "Text [@alpha; @beta].\n")
    brief, said = _title_page(tmp_path, text, page=2)
    assert "warning" not in said
    assert brief.split("\n")[1:5] == [
        "References", "References marked with an asterisk indicate studies included in the "
        "meta-analysis.", "Alpha. (2020). Alpha book.", "*Beta. (2020). Beta book."]
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        assert "(Alpha, 2020; Beta, 2020)" in pdf.pages[1].extract_text()  # no asterisk
    handout = tmp_path / "handout.pdf"
    assert run_report("handout", tmp_path / "article.md", "-o", handout).returncode == 0
    with pdfplumber.open(handout) as pdf:
        assert "studies included in the meta-analysis.\nAlpha. (2020). Alpha book.\n*Beta." \
            in pdf.pages[-1].extract_text()
    unmarked, _ = _title_page(tmp_path, text.replace("meta-analysis: true", "meta-analysis: false"),
                              page=2)
    assert "*" not in unmarked and "asterisk" not in unmarked


def test_yaml_numbers_are_read_as_pandoc_reads_them(tmp_path):
    """PyYAML's YAML 1.1 read a verse '3:16' as 196 (base 60), a report
    number '010' as 8 (octal) and '1996_2004' as 19962004; pandoc reads
    YAML 1.2: text, ten, text. papaja's `yes` and `no` stay switches."""
    path = _article(tmp_path, "---\ntitle: T\nmask: no\nreferences:\n- id: bible\n"
                              "  type: book\n  title: The Bible\n  page: 3:16\n"
                              "  issued: 1611\n  publisher: Barker\n- id: rep\n  type: report\n"
                              "  title: Sleep\n  number: 010\n  genre: Report\n"
                              "  author: [{family: Gray, given: Hal}]\n  issued: 1996_2004\n"
                              "  publisher: Office\n---\n\n[@bible; @rep]\n")
    out = tmp_path / "b.html"
    result = run_report("html", path, "-o", out)
    assert result.returncode == 0, result.stderr
    text = re.sub(r"<[^>]+>", "", out.read_text(encoding="utf-8"))
    assert "(Report No. 010)" in text and "1996_2004" in text and "196" not in text
    assert source.read(path).meta.mask is False
