"""Given names under cs:name initialize="false" with an initialize-with
(Chicago's and MLA's reference lists, ". "): the initials already in a
name are written as the style writes initials, "M.E." → "M. E.", as
citeproc-js's CSL.Util.Names.doNormalize has it; names stay whole.

The expectations are citeproc-js 2.4.63's output (tools/csl/expect.js);
`test_citeproc_js_agrees` renders them again when node is there.
"""

from __future__ import annotations

import json
import shutil

import pytest

from report.bib import read_cites, to_html
from report.cite import render_all

GIVEN = {"behn": "M.E.", "dimauro": "John M.E.", "hudson": "Ph.M.E.", "crosler": "M E.",
         "axford": "ME", "grant": "Me."}
ITEMS = [{"id": key, "type": "book", "title": "A book",
          "author": [{"family": key.capitalize(), "given": given}],
          "issued": {"date-parts": [[2019]]}} for key, given in GIVEN.items()]

# The name as the reference list prints it, citeproc-js 2.4.63.
EXPECTED = {"behn": "Behn, M. E.", "dimauro": "Dimauro, John M. E.",
            "hudson": "Hudson, Ph. M. E.", "crosler": "Crosler, M. E.",
            "axford": "Axford, ME", "grant": "Grant, Me."}
STYLES = ("chicago-author-date", "modern-language-association")


def listed(tmp_path, style: str) -> dict[str, str]:
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps(ITEMS), encoding="utf-8")
    references = render_all(refs, read_cites("", tmp_path / "c"), ["*"], style,
                            tmp_path / "a.md", warn_unused=False)
    return {r.key: to_html(r.rendered) for r in references}


@pytest.mark.parametrize("style", STYLES)
def test_initials_in_a_given_name_kept_whole_are_written_as_the_style_writes_them(tmp_path,
                                                                                 style):
    entries = listed(tmp_path, style)
    for key, name in EXPECTED.items():
        assert entries[key].startswith(name + " ") or entries[key].startswith(name + ". "), \
            (entries[key], name)


def test_citeproc_js_agrees():
    from tools.conformance import EXPECT_JS, citeproc_js
    if shutil.which("node") is None or not (EXPECT_JS.parent / "node_modules").is_dir():
        pytest.skip("needs node and tools/csl/node_modules (cd tools/csl && npm ci)")
    for style in STYLES:
        entries = dict(citeproc_js(ITEMS, [], style_name=style)["bibliography"])
        for key, name in EXPECTED.items():
            assert entries[key].startswith(name + " ") or entries[key].startswith(name + ". "), \
                (style, entries[key], name)
