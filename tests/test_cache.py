"""Issue 8: the citation cache never changes a byte, and forgets what changed.

report/cache.py is the store; report/cslcache.py decides what a key holds
(the item, the style, the locale, the code). Each test builds an article
cold, then again with the cache, and compares with what a cold build of
the changed inputs gives.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import DEFAULT_ARTICLE, SLEEP_ARTICLE

from report import cache, cite, cslcache, source
from report.bib import to_html
from report.walk import walk_cites


@pytest.fixture
def article(tmp_path) -> Path:
    """A copy of the default article, with a build folder of its own."""
    for name in ("article.md", "refs.json"):
        shutil.copy(DEFAULT_ARTICLE.parent / name, tmp_path / name)
    return tmp_path / "article.md"


def rendered(path: Path, monkeypatch=None, engines: list | None = None) -> list[str]:
    """Every cluster and entry of `path` as HTML, built as a build does."""
    if monkeypatch is not None:
        original = cslcache.Engine

        def counting(*args):
            engines.append(1)
            return original(*args)

        monkeypatch.setattr(cslcache, "Engine", counting)
    doc = source.read(path)
    cite.resolve(doc)
    return ([to_html(c.rendered) for c in walk_cites(doc)]
            + [f"{r.key}: {to_html(r.rendered)}" for r in doc.references])


def cold(path: Path) -> list[str]:
    shutil.rmtree(path.parent / "build", ignore_errors=True)
    return rendered(path)


# --- the store -----------------------------------------------------------------

def test_store_remembers_across_runs_and_keeps_only_what_was_used(tmp_path):
    path = tmp_path / "build" / ".cache" / "a.citations.json"
    first = cache.Store(path)
    assert first.get("one", lambda: "1") == "1"
    assert first.get("two", lambda: None) is None
    first.save()
    second = cache.Store(path)
    assert second.get("two", lambda: pytest.fail("recomputed")) is None
    second.save()
    assert json.loads(path.read_text())["entries"] == {"two": None}


def test_a_damaged_store_is_a_miss(tmp_path):
    path = tmp_path / "c.json"
    path.write_text("{not json")
    assert cache.Store(path).get("k", lambda: "fresh") == "fresh"


def test_an_unwritable_folder_leaves_the_build_uncached(tmp_path):
    blocker = tmp_path / "build"
    blocker.write_text("a file where the folder would go")
    store = cache.Store(blocker / ".cache" / "x.json")
    store.get("k", lambda: "v")
    store.save()  # no exception: the build goes on without a cache


def test_fill_computes_only_the_missing(tmp_path):
    store = cache.Store(None)
    store.get("known", lambda: "old")
    store.fill([("known", lambda: pytest.fail("recomputed")), ("new", lambda: "v")])
    assert store.get("new", lambda: pytest.fail("recomputed")) == "v"


# --- the citation stage ------------------------------------------------------------

@pytest.mark.parametrize("path", [DEFAULT_ARTICLE, SLEEP_ARTICLE], ids=["default", "sleep"])
def test_cached_citations_are_the_cold_ones(tmp_path, path, monkeypatch):
    folder = tmp_path / "a"
    shutil.copytree(path.parent, folder, ignore=shutil.ignore_patterns("build"))
    copy = folder / path.name
    first = cold(copy)
    engines: list = []
    assert rendered(copy, monkeypatch, engines) == first
    assert engines == [], "a warm build loaded citeproc-py"


def test_an_edited_article_reuses_every_citation(article, monkeypatch):
    cold(article)
    with article.open("a", encoding="utf-8") as f:
        f.write("\nOne more sentence.\n")
    engines: list = []
    rendered(article, monkeypatch, engines)
    assert engines == []


def test_a_changed_reference_is_rendered_anew(article):
    cold(article)
    refs = json.loads((article.parent / "refs.json").read_text(encoding="utf-8"))
    refs[0]["title"] = "A title nobody has seen before"
    (article.parent / "refs.json").write_text(json.dumps(refs), encoding="utf-8")
    warm = rendered(article)
    assert any("A title nobody has seen before" in line for line in warm)
    assert warm == cold(article)


def test_a_changed_style_is_rendered_anew(article):
    local = article.parent / "mine.csl"
    shutil.copy(cite.style_path("", article), local)
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("---\n", "---\ncsl: mine.csl\n", 1), encoding="utf-8")
    before = cold(article)
    style = local.read_text(encoding="utf-8")
    local.write_text(style.replace('<layout delimiter="; " prefix="(" suffix=")">',
                                   '<layout delimiter="; " prefix="[" suffix="]">'),
                     encoding="utf-8")
    warm = rendered(article)
    assert warm != before and warm == cold(article)
    assert any(line.startswith("[") for line in warm)


def test_other_code_or_locale_is_another_key(article, monkeypatch):
    cold(article)
    for name in ("_code_version", "_locale_digest"):
        engines: list = []
        with monkeypatch.context() as patch:
            patch.setattr(cslcache, name, lambda *args: "something else")
            rendered(article, patch, engines)
        assert engines == [1], name


def test_a_style_with_positions_is_never_remembered(tmp_path):
    apa = Path(cite.style_path("", tmp_path))
    style = tmp_path / "ibid.csl"
    style.write_text(apa.read_text(encoding="utf-8").replace(
        '<text macro="date-short"/>',
        '<choose><if position="subsequent"><text macro="date-short"/></if></choose>', 1),
        encoding="utf-8")
    assert cslcache._memoizable(apa)
    assert not cslcache._memoizable(style)


def test_a_title_that_tells_works_apart_comes_and_goes_with_the_other_work(tmp_path):
    """MLA prints a title where two works' cites would read alike (CSL's
    disambiguate="true"): "(Smith)" for one work of Smith's, "(Smith, One)"
    once another is cited, as pandoc prints them. A warm build after the other work joins, and
    after it leaves again, prints what a cold one does."""
    def book(key: str, title: str) -> dict:
        return {"id": key, "type": "book", "title": title, "publisher": "P",
                "author": [{"family": "Smith", "given": "John"}],
                "issued": {"date-parts": [[2020]]}}
    (tmp_path / "refs.json").write_text(json.dumps([book("one", "One"), book("two", "Two")]),
                                        encoding="utf-8")
    article = tmp_path / "article.md"
    front = "---\ntitle: T\ncsl: modern-language-association\nbibliography: refs.json\n---\n\n"
    article.write_text(front + "A [@one].\n", encoding="utf-8")
    alone = cold(article)
    article.write_text(front + "A [@one]. B [@two].\n", encoding="utf-8")
    both = rendered(article)
    assert both[:2] == ["(Smith, <i>One</i>)", "(Smith, <i>Two</i>)"]
    assert both == cold(article)
    article.write_text(front + "A [@one].\n", encoding="utf-8")
    assert rendered(article) == alone
    assert alone[0] == "(Smith)"
