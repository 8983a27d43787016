"""CSL's `disambiguate="true"` test (report/csldisambig.py, cslengine.py):
cites still alike after the style's other methods render with it true, as
citeproc-js and pandoc 3.9 render them — MLA's "(J. Smith, Two; J. Smith,
One)" for two works by one Smith, where they were "(J. Smith; J. Smith)".

tests/styles/disambiguation/ is one document (items.json, clusters.txt)
in the styles its file `styles` names: one author's works of other years
and of one year, authors sharing a surname, undated works, works of one
title, works cited with locators and again later. expected.json holds both
engines' output (tools/conformance.py --styles made it; neither is needed
here); a rendering passes when it equals either's, text and italics. A
note style's clusters are the notes its citations make.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from report import pipeline
from report.bib import read_cites, to_html
from report.cite import render_all
from report.model import Cite

CASE = Path(__file__).parent / "styles" / "disambiguation"
ENGINES = ("citeproc-js", "pandoc")


@cache
def expected() -> dict:
    return json.loads((CASE / "expected.json").read_text(encoding="utf-8"))


@cache
def ours(style: str, tmp: Path) -> tuple[list[str], dict[str, str]]:
    """Each cluster (a note style's: each note) and each entry, as we print them."""
    facts = expected()["styles"][style]
    lines = expected()["clusters"]
    style = str(CASE / style) if style.endswith(".csl") else style  # the case's own
    if not facts["notes"]:
        cites = read_cites("\n".join(lines), CASE / "clusters.txt")
        references = render_all(CASE / "items.json", cites, ["*"], style, tmp / "article.md",
                                facts["lang"], warn_unused=False)
        return ([to_html(c.rendered) for c in cites],
                {r.key: to_html(r.rendered) for r in references})
    article = tmp / "article.md"
    article.write_text(f"---\ntitle: T\ncsl: {style}\nlang: {facts['lang']}\n"
                       f"bibliography: {CASE / 'items.json'}\nnocite: '@*'\n---\n\n"
                       + "".join(f"Text {line}.\n\n" for line in lines), encoding="utf-8")
    doc = pipeline.load(article)
    notes = [" ".join(to_html(_inlines(block.children)) for block in note)
             for note in doc.footnotes]
    return notes, {r.key: to_html(r.rendered) for r in doc.references}


def _inlines(nodes) -> list:
    """A note's inlines, each citation as it was rendered."""
    return [x for n in nodes for x in (n.rendered if isinstance(n, Cite) else [n])]


# Where we differ from both engines, for reasons of our own that are no
# part of this test; strict, so that a fix shows up.
_SUBSTITUTE = ("citeproc-py has no subsequent-author-substitute: MLA's list repeats the "
               "author where both engines print '———.'")
_ABNT = "universidade-estadual-paulista-faculdade-de-engenharia-de-guaratingueta-abnt"
KNOWN = {
    **{("modern-language-association", key): _SUBSTITUTE
       for key in ("nd1", "lee2", "s20", "s20b")},
    **{("modern-language-association", key): "the names added to tell the cites apart are "
       "not added to the entry, as both engines add them: 'Adams, Ann, et al.'"
       for key in ("ab1", "ab2")},
    # A year suffix is printed only where a style prints the variable; this
    # style's citation leaves it to CSL's default (after the first year).
    **{(_ABNT, n): "no year suffix where the style does not print 'year-suffix' itself: "
       "'(SMITH, 2020)', where both engines print '2020a'" for n in (1, 2, 3, 7)},
    **{(_ABNT, key): "citeproc-py prints this style's empty groups: 'Tradução: . ed.', "
       "'Disponível em: Acesso em:'"
       for key in ("ab1", "ab2", "kim", "lee1", "lee2", "ms", "nd1", "nd2", "s19", "s20",
                   "s20b")},
    (_ABNT, "order"): "the list sorts by year suffix after giving them, Smith's 2020a and "
                      "2020b before his undated and 2019 works; both engines sort first, "
                      "the suffixes not yet given",
}


def known(style: str, what) -> list:
    reason = KNOWN.get((style, what))
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


def _clusters():
    for style in expected()["styles"]:
        for n, line in enumerate(expected()["clusters"], 1):
            yield pytest.param(style, n, id=f"{style}:{n}:{line}", marks=known(style, n))


def _entries():
    for style, facts in expected()["styles"].items():
        for key, _ in facts["citeproc-js"]["bibliography"]:
            yield pytest.param(style, key, id=f"{style}:{key}", marks=known(style, key))


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("disambiguation")


@pytest.mark.parametrize("style,n", list(_clusters()))
def test_cluster(style, n, folder):
    facts = expected()["styles"][style]
    assert ours(style, folder)[0][n - 1] in {facts[e]["clusters"][n - 1] for e in ENGINES}


@pytest.mark.parametrize("style,key", list(_entries()))
def test_reference_entry(style, key, folder):
    facts = expected()["styles"][style]
    assert ours(style, folder)[1].get(key) in {dict(facts[e]["bibliography"]).get(key)
                                               for e in ENGINES}


@pytest.mark.parametrize("style", [pytest.param(s, marks=known(s, "order"))
                                   for s in expected()["styles"]])
def test_reference_order(style, folder):
    facts = expected()["styles"][style]
    assert list(ours(style, folder)[1]) in [[k for k, _ in facts[e]["bibliography"]]
                                            for e in ENGINES]
