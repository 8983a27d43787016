"""Issue 8: the speed patches of citeproc-py (report/cslspeed.py) change no output.

The conformance suite checks the patched output against citeproc-js; here
it is checked against citeproc-py's own, unpatched, on a generated article
with every form of citation, ambiguous authors and a sorted list.
"""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, SLEEP_ARTICLE
from lxml import etree

from report import cite, cslspeed, source

# Every citation and entry of an article, rendered in one process (what the
# patches alone do) after `setup` has run: argv is the article, then `how`.
RENDER = """
import json, sys
from pathlib import Path
from report import cite, parallel, source
from report.bib import to_html
from report.walk import walk_cites
{setup}
parallel.MIN_JOBS = 10 ** 9
doc = source.read(Path(sys.argv[1]))
cites = list(walk_cites(doc))
refs = cite.render_all(doc.meta.bibliography, cites, [], article=doc.path)
print(json.dumps([to_html(c.rendered) for c in cites] + [to_html(r.rendered) for r in refs]))
"""
UNPATCHED = """
from report import cslspeed
if sys.argv[2] == "unpatched":
    cslspeed.apply = cslspeed.forget = lambda: None
"""


def render(article, how: str, setup: str = UNPATCHED) -> list[str]:
    script = RENDER.format(setup=setup)
    result = subprocess.run([sys.executable, "-c", script, str(article), how], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_patched_renders_as_unpatched(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_fixture.py"), "--pages", "4",
                    "--refs", "60", "--cites", "90", "--out", str(tmp_path)], check=True)
    patched = render(tmp_path / "article.md", "patched")
    assert len(patched) == 90 + 60
    assert patched == render(tmp_path / "article.md", "unpatched")


def test_remembered_xpaths_are_what_lxml_finds():
    doc = source.read(SLEEP_ARTICLE)
    cite.render_all(doc.meta.bibliography, [], ["*"])
    checked = 0
    for (element, what), answer in list(cslspeed._memo.items()):
        if what.startswith(("./", "cs:")):
            fresh = etree._Element.xpath(element, what, namespaces=element.nsmap)
            assert list(answer) == fresh, what
            checked += 1
        elif what == "macros":  # get_macro's table: each name's first cs:macro
            for name, macro in answer.items():
                fresh = etree._Element.xpath(element, f"cs:macro[@name='{name}'][1]",
                                             namespaces=element.nsmap)
                assert [macro] == fresh, name
                checked += 1
    assert checked > 50
