"""text-case in a work's own language, as citeproc-js cases it (its
toLocaleUpperCase with the entry's `language`, else the document's):
Turkish "i" is "İ" in capitals, "I" is "ı" in lowercase; and superscripts
and subscripts are left as written by every case, as small caps and nocase
spans are.

The expectations are citeproc-js 2.4.63's output (tools/csl/expect.js);
`test_citeproc_js_agrees` renders them again when node is there.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from report.bib import read_cites
from report.cite import render_all
from report.model import SmallCaps, Subscript, Superscript

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>cases</id><title>cases</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout delimiter=" | ">
      <group delimiter=" / ">
        <text variable="title" text-case="uppercase"/>
        <text variable="container-title" text-case="capitalize-first"/>
        <text variable="publisher" text-case="lowercase"/>
        <text variable="collection-title" text-case="capitalize-all"/>
        <text variable="original-title" text-case="title"/>
      </group>
    </layout>
  </citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>
"""


def work(id, language=None, **fields):
    return dict({"id": id, "type": "book"}, **({"language": language} if language else {}),
                **fields)


ITEMS = [
    work("tr", "tr", title="istanbul ılık", **{"container-title": "ilk dergi"},
         publisher="IŞIK İLKE", **{"collection-title": "iki ilçe"}),
    work("trTR", "tr-TR", title="iç", **{"container-title": "ithaki"}),
    work("en", "en", title="istanbul ılık", **{"container-title": "ilk dergi"},
         publisher="IŞIK İLKE"),
    work("none", None, title="istanbul"),
    work("scripts", "en", title="x <sup>th</sup> and <sub>2</sub> <sc>am</sc>",
         **{"original-title": "my <sup>superscript phrase</sup> in a title"},
         **{"collection-title": "a <sub>sub phrase</sub> b"}),
]
# citeproc-js 2.4.63, one citation of every item.
EXPECTED = ("İSTANBUL ILIK / İlk dergi / ışık ilke / İki İlçe"
            " | İÇ / İthaki"
            " | ISTANBUL ILIK / Ilk dergi / işik i̇lke"
            " | ISTANBUL"
            " | X <sup>th</sup> AND <sub>2</sub> <sc>am</sc> / A <sub>sub phrase</sub> B"
            " / My <sup>superscript phrase</sup> in a Title")


def rendered(tmp_path) -> str:
    (tmp_path / "cases.csl").write_text(STYLE, encoding="utf-8")
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps(ITEMS), encoding="utf-8")
    cites = read_cites("[" + "; ".join(f"@{i['id']}" for i in ITEMS) + "]", tmp_path / "c")
    render_all(refs, cites, [], "cases.csl", tmp_path / "a.md", warn_unused=False)
    return marked(cites[0].rendered)


def marked(inlines) -> str:
    """The text, with superscripts, subscripts and small caps as tags."""
    out = ""
    for node in inlines:
        tag = {Superscript: "sup", Subscript: "sub", SmallCaps: "sc"}.get(type(node))
        inner = marked(node.children) if hasattr(node, "children") else node.text
        out += f"<{tag}>{inner}</{tag}>" if tag else inner
    return out


def test_cases_are_in_the_works_language_and_leave_scripts_as_written(tmp_path):
    assert rendered(tmp_path) == EXPECTED


def test_citeproc_js_agrees():
    from tools.conformance import EXPECT_JS, style_and_locale
    if shutil.which("node") is None or not (EXPECT_JS.parent / "node_modules").is_dir():
        pytest.skip("needs node and tools/csl/node_modules (cd tools/csl && npm ci)")
    request = {"style": STYLE, "locale": style_and_locale()[1].read_text(encoding="utf-8"),
               "items": ITEMS, "clusters": [[{"id": i["id"]} for i in ITEMS]]}
    html = json.loads(subprocess.run(["node", str(EXPECT_JS)], input=json.dumps(request),
                                     capture_output=True, text=True, check=True).stdout)
    html = html["clusters"][0].replace('<span style="font-variant:small-caps;">', "<sc>")
    assert html.replace("</span>", "</sc>") == EXPECTED


def test_a_work_without_a_language_is_cased_in_the_articles(tmp_path):
    """In an article with `lang: tr-TR`, a work that names no language is
    cased as Turkish, one in English as English (citeproc-js 2.4.63 given
    the document's language: the same)."""
    items = [work("none", None, title="istanbul ılık", **{"container-title": "ilk dergi"},
                  publisher="IŞIK İLKE"),
             work("en", "en", title="istanbul", **{"container-title": "ilk dergi"})]
    (tmp_path / "cases.csl").write_text(STYLE, encoding="utf-8")
    (tmp_path / "refs.json").write_text(json.dumps(items), encoding="utf-8")
    cites = read_cites("[@none; @en]", tmp_path / "c")
    render_all(tmp_path / "refs.json", cites, [], "cases.csl", tmp_path / "a.md", lang="tr-TR",
               warn_unused=False)
    assert marked(cites[0].rendered) == \
        "İSTANBUL ILIK / İlk dergi / ışık ilke | ISTANBUL / Ilk dergi"
