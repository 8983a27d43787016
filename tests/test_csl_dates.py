"""Seasons in CSL-JSON dates, as citeproc-js reads them, and wrong ones
said, never refused and never printed as garbage.

The expectations are citeproc-js 2.4.63's output (tools/csl/expect.js)
where it prints a date; where it prints what the data got wrong ("Spring
5", "5 2020" with MLA), the wrong part is left out and a warning names
refs.json, the entry and the field. `test_citeproc_js_agrees` renders the
agreeing cases again when node is there.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from report.bib import read_cites, to_html
from report.cite import render_all


def magazine(id, issued):
    return {"id": id, "type": "article-magazine", "title": "T", "container-title": "Mag",
            "author": [{"family": id.capitalize(), "given": "Ann"}], "issued": issued}


# (date, citeproc-js's MLA date, ours): a season stands for the month.
AGREED = {
    "spring": ({"date-parts": [[2020, 21]]}, "Spring 2020"),
    "summer-by-number": ({"date-parts": [[2020]], "season": 2}, "Summer 2020"),
    "summer-as-month-14": ({"date-parts": [[2020, 14]]}, "Summer 2020"),
    "summer-as-month-18": ({"date-parts": [[2020, 18]]}, "Summer 2020"),  # its normalizeMonth
    "spring-by-name": ({"date-parts": [[2020]], "season": "Spring"}, "Spring 2020"),
    "month-and-season": ({"date-parts": [[2020, 3]], "season": 1}, "Mar. 2020"),
    "seasons-of-one-year": ({"date-parts": [[1999, 21], [1999, 22]]}, "Spring–Summer 1999"),
    "seasons-of-two-years": ({"date-parts": [[1999, 21], [2001, 22]]},
                             "Spring 1999–Summer 2001"),
}
# (date, what citeproc-js prints, ours, the warning)
WRONG = {
    "season-with-a-day": ({"date-parts": [[2020, 21, 5]]}, "5 Spring 2020", "Spring 2020",
                          "'issued' has a day 5 in spring 2020 ([2020, 21, 5]): a season has "
                          "no day"),
    "season-5": ({"date-parts": [[2020]], "season": 5}, "5 2020", "2020",
                 "'issued' has a season 5 that is none"),
    "season-0": ({"date-parts": [[2020]], "season": "0"}, "0 2020", "2020",
                 "'issued' has a season \"0\" that is none"),
}


def dates_listed(tmp_path, cases: dict) -> dict[str, str]:
    """Each entry's date as MLA lists it: what follows the container."""
    items = [magazine(key, spec[0]) for key, spec in cases.items()]
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps(items, indent=1), encoding="utf-8")
    references = render_all(refs, read_cites("", tmp_path / "c"), ["*"],
                            "modern-language-association", tmp_path / "a.md", warn_unused=False)
    return {r.key: to_html(r.rendered).split("</i>, ")[1].rstrip(".") for r in references}


def test_seasons_print_as_citeproc_js_prints_them(tmp_path):
    listed = dates_listed(tmp_path, AGREED)
    assert listed == {key: printed for key, (_, printed) in AGREED.items()}


def test_a_wrong_season_is_left_out_with_a_warning_naming_the_entry(tmp_path, capsys):
    listed = dates_listed(tmp_path, WRONG)
    assert listed == {key: ours for key, (_, _, ours, _) in WRONG.items()}
    warnings = capsys.readouterr().err.splitlines()
    lines = (tmp_path / "refs.json").read_text(encoding="utf-8").splitlines()
    for key, (*_, said) in WRONG.items():
        warning = next(w for w in warnings if f"entry '{key}'" in w)
        line = int(re.match(r".*refs\.json:(\d+): warning: ", warning)[1])
        assert said in warning and f'"id": "{key}"' in "\n".join(lines[line - 1:line + 12])


def test_citeproc_js_agrees():
    from tools.conformance import EXPECT_JS, citeproc_js
    if shutil.which("node") is None or not (EXPECT_JS.parent / "node_modules").is_dir():
        pytest.skip("needs node and tools/csl/node_modules (cd tools/csl && npm ci)")
    cases = {**AGREED, **{key: (date, js) for key, (date, js, _, _) in WRONG.items()}}
    items = [magazine(key, date) for key, (date, _) in cases.items()]
    listed = dict(citeproc_js(items, [], style_name="modern-language-association")
                  ["bibliography"])
    assert {key: listed[key].split("</i>, ")[1].rstrip(".") for key in cases} == \
        {key: printed for key, (_, printed) in cases.items()}
