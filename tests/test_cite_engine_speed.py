"""Issue 8: the citation engine's cold-build shortcuts change no output.

A cold build's article is read and cited in a forked child, which every
writer waits for: its engine derives APA's variants when first rendered,
compiles each XPath once, and tells CJK names without a character class
that took 2 ms to compile. Each is compared here with what it replaced.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import DEFAULT_ARTICLE, ROOT
from test_cite_speed import render
from report import cite, cslengine, source
from report.walk import walk_cites
from report.cslfixes import names

# The character class names.is_cjk used, for the comparisons below.
_CJK_CLASS = re.compile(r"[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff"
                        r"\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def test_cjk_blocks_are_the_character_class_they_replace():
    """Over every code point (surrogates as the lone characters Python holds)."""
    every = "".join(map(chr, range(0x110000)))
    assert [m.start() for m in _CJK_CLASS.finditer(every)] == \
        [n for n, char in enumerate(every) if names.cjk(char)]


def _old_is_cjk(name) -> bool:
    if "literal" in name:
        return False
    text = f"{name.get('family') or ''}{name.get('given') or ''}"
    return not text.isascii() and bool(_CJK_CLASS.search(text)) and \
        all(_CJK_CLASS.match(c) for c in re.findall(r"[^\W\d_]", text))


def test_cjk_names_are_those_the_class_found():
    samples = [{"family": "王", "given": "小明"}, {"family": "김", "given": "지영"},
               {"family": "山田", "given": "太郎"}, {"family": "Müller", "given": "Jörg"},
               {"family": "王", "given": "Xiaoming"}, {"family": "Doe", "given": "Jane"},
               {"family": "王", "given": "小明", "literal": "王小明"}, {"family": "ヤマダ"},
               {"family": "李-1", "given": "²"}, {"family": "", "given": ""},
               {"family": "Ærø", "given": "ᄀ"}, {"given": "一二"}]
    for name in samples:
        assert names.is_cjk(name) == _old_is_cjk(name), name


EAGER = """
from report import cslengine
if sys.argv[2] == "eager":  # every APA variant parsed with the engine, as before
    init = cslengine.Engine.__init__
    def eager(self, *args):
        init(self, *args)
        for name in cslengine.VARIANTS:
            self._variant(name)
    cslengine.Engine.__init__ = eager
"""


def test_variants_derived_when_first_rendered_render_as_those_derived_ahead(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_fixture.py"), "--pages", "4",
                    "--refs", "60", "--cites", "90", "--out", str(tmp_path)], check=True)
    text = (tmp_path / "article.md").read_text(encoding="utf-8")
    assert re.search(r"(?<![\[;-])@\w", text) and "[-@" in text  # narrative, author suppressed
    lazy = render(tmp_path / "article.md", "lazy", EAGER)
    assert len(lazy) == 90 + 60
    assert lazy == render(tmp_path / "article.md", "eager", EAGER)


def test_an_article_without_narrative_cites_parses_no_narrative_variant(monkeypatch):
    engines = []
    init = cslengine.Engine.__init__

    def recorded(self, *args):
        init(self, *args)
        engines.append(self)

    monkeypatch.setattr(cslengine.Engine, "__init__", recorded)
    doc = source.read(DEFAULT_ARTICLE)
    cites = [c for c in walk_cites(doc) if not c.narrative]
    cite.render_all(doc.meta.bibliography, cites, [], article=doc.path)
    assert engines and not engines[-1].generic
    assert "full" in engines[-1].variants
    assert not {"author", "rest"} & set(engines[-1].variants)


def test_python_files_are_those_rglob_finds(tmp_path):
    """The code version's files (cslcache._python_files, by os.walk), in
    rglob's order: citeproc-py's, and a folder with names that sort apart
    as strings and as paths, dot files, a folder named like a module, links."""
    from report import cslcache
    folder = cslcache._citeproc()
    assert cslcache._python_files(folder) == sorted(folder.rglob("*.py"))
    for name in ("a/x.py", "a-b/y.py", "a/b/.z.py", "a.py", "c.py/d.py", "e/f.txt", "g.PY"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    (tmp_path / "link").symlink_to(tmp_path / "a")
    (tmp_path / "h.py").symlink_to(tmp_path / "a.py")
    assert cslcache._python_files(tmp_path) == sorted(tmp_path.rglob("*.py"))


def test_days_in_month_are_the_calendars():
    import calendar

    from report import refs
    for year in [*range(-5, 2101), 2400, 9999, 10000, 123456]:
        for month in range(1, 13):
            clamped = year if 1 <= year <= 9999 else 2000
            assert refs.days_in_month(year, month) == calendar.monthrange(clamped, month)[1]


def test_reading_an_article_and_its_references_imports_no_calendar(tmp_path):
    for name in ("article.md", "refs.json"):
        (tmp_path / name).write_bytes((DEFAULT_ARTICLE.parent / name).read_bytes())
    code = ("import sys; from pathlib import Path; from report import cite, source; "
            f"doc = source.read(Path({str(tmp_path / 'article.md')!r})); cite.resolve(doc); "
            "print('calendar' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.split() == ["False"]


def test_a_choose_asks_its_branches_tests_without_raising(monkeypatch):
    """cslspeed._choose: no ConditionFailed raised for a failing branch
    (what the branches render is compared with citeproc-py's own in
    tests/test_cite_speed.py)."""
    from citeproc import model

    from conftest import SLEEP_ARTICLE
    raised = []

    class Counted(model.ConditionFailed):
        def __init__(self, *args):
            raised.append(args)
            super().__init__(*args)

    monkeypatch.setattr(model, "ConditionFailed", Counted)
    doc = source.read(SLEEP_ARTICLE)
    cites = list(walk_cites(doc))
    references = cite.render_all(doc.meta.bibliography, cites, ["*"])
    assert references and all(c.rendered for c in cites)
    assert raised == []


def test_raw_date_patterns_are_compiled_at_the_first_raw_date(tmp_path):
    """report/rawdatereading.py is imported when a bibliography has a raw
    date, and only then; a raw date still reads as a date."""
    for name in ("article.md", "refs.json"):
        (tmp_path / name).write_bytes((DEFAULT_ARTICLE.parent / name).read_bytes())
    code = ("import re, sys; from pathlib import Path; from report import cite, source; "
            f"doc = source.read(Path({str(tmp_path / 'article.md')!r})); cite.resolve(doc); "
            "print('report.rawdatereading' in sys.modules, "
            "any('{1,4})(?:-(' in str(k) for k in re._cache))")  # rawdatereading._ISO
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.split() == ["False", "False"]
    refs = json.loads((tmp_path / "refs.json").read_text(encoding="utf-8"))
    refs[0]["issued"] = {"raw": "2019-05-03"}
    (tmp_path / "refs.json").write_text(json.dumps(refs), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.split() == ["True", "True"]


def _xpath_term(locale, name, form=None, zero_padded=False):
    """cslfixes/terms.py's lookup as it was: an XPath over the locale's terms."""
    test = f"@name='{name}' and " + ("(not(@form) or @form='long')" if form in (None, "long")
                                     else f"@form='{form}'")
    if zero_padded:
        test += " and not(@match='whole-number') and not(@match='last-two-digits')"
    terms = locale.find("cs:terms", locale.nsmap)
    if terms is None:
        raise IndexError(name)
    return terms.xpath(f"./cs:term[{test}]", namespaces=locale.nsmap)[-1]


def test_terms_by_name_are_those_the_xpath_found():
    """Every term of every locale file citeproc-py ships, in every form,
    zero-padded or not, and names no locale has."""
    import citeproc
    from citeproc import frontend

    from report import cslfixes
    cslfixes.apply()
    folder = cslengine.Path(citeproc.__file__).parent / "data" / "locales"
    checked = 0
    for path in sorted(folder.glob("locales-*.xml")):
        locale = frontend.CitationStylesLocale(path.stem[len("locales-"):], validate=False).root
        names = {t.get("name") for t in locale.iter("{http://purl.org/net/xbiblio/csl}term")}
        for name in sorted(names) + ["no-such-term"]:
            for form in (None, "long", "short", "verb", "verb-short", "symbol"):
                for padded in (False, True):
                    try:
                        expected = _xpath_term(locale, name, form, padded)
                    except IndexError:
                        expected = None
                    try:
                        found = locale.get_term(name, form, zero_padded=padded)
                    except IndexError:
                        found = None
                    assert found is expected, (path.name, name, form, padded)
                    checked += 1
    assert checked > 10000


def test_a_term_is_found_without_an_xpath(monkeypatch):
    from citeproc import frontend, model

    from report import cslfixes
    cslfixes.apply()
    locale = frontend.CitationStylesLocale("en-US", validate=False).root

    def refused(self, expression):
        raise AssertionError(f"an XPath: {expression}")

    monkeypatch.setattr(model.CitationStylesElement, "xpath_search", refused)
    assert locale.get_term("et-al").text == "et al."
    assert locale.get_term("editor", "short").get("form") == "short"


def test_a_locales_quotes_are_read_once(monkeypatch):
    from lxml import etree

    from report import labels
    first = labels.csl_quotes("fr")  # fr-FR's locale, as "fr-FR" below
    parsed = []
    monkeypatch.setattr(etree, "parse", lambda *args: parsed.append(args))
    again = labels.csl_quotes("fr-FR")
    assert again == first and again is not first and not parsed
    again.append("changed")  # a caller's own list
    assert labels.csl_quotes("fr-FR") == first
