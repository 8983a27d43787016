"""Issue 7: same sources, same bytes — serially, in parallel, with dates."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pypdf
import pytest
from pptx import Presentation

from conftest import ROOT, SLEEP_ARTICLE, run_report

OUTPUTS = {"pdf": "brief.pdf", "slides": "slides.pptx", "html": "brief.html",
           "handout": "handout.pdf"}


@pytest.mark.parametrize("kind", list(OUTPUTS))
def test_two_builds_give_the_same_bytes(tmp_path, kind):
    first, second = tmp_path / f"1-{OUTPUTS[kind]}", tmp_path / f"2-{OUTPUTS[kind]}"
    for out in (first, second):
        result = run_report(kind, SLEEP_ARTICLE, "-o", out)
        assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()


def test_source_date_epoch_sets_every_embedded_date(tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")  # 2026-01-01T00:00:00Z
    pdf, deck = tmp_path / "b.pdf", tmp_path / "s.pptx"
    assert run_report("pdf", SLEEP_ARTICLE, "-o", pdf, env=env).returncode == 0
    assert run_report("slides", SLEEP_ARTICLE, "-o", deck, env=env).returncode == 0
    info = pypdf.PdfReader(pdf).metadata
    assert info["/CreationDate"].startswith("D:20260101000000")
    assert info["/ModDate"].startswith("D:20260101000000")
    props = Presentation(deck).core_properties
    assert props.created.year == props.modified.year == 2026


# A slide of its own for the figure: the handout then draws the image too.
_FIGURE_SLIDE = "\n## Figure\n\n::: slide\n![Recall by hours slept](recall.png)\n:::\n"


@pytest.mark.parametrize("kind", ["pdf", "handout"])
def test_an_article_with_an_image_gives_the_same_bytes_from_any_folder(tmp_path, kind):
    """WeasyPrint named an image after its file:// URL, the article's absolute
    folder in it: the same sources built in two folders differed (pdffixes.py)."""
    outputs = []
    for folder in (tmp_path / "a", tmp_path / "elsewhere" / "b"):
        shutil.copytree(SLEEP_ARTICLE.parent, folder)
        article = folder / "article.md"
        article.write_text(article.read_text(encoding="utf-8") + _FIGURE_SLIDE, encoding="utf-8")
        out = tmp_path / f"{folder.name}-{OUTPUTS[kind]}"
        result = run_report(kind, article, "-o", out)
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    images = [name for page in pypdf.PdfReader(tmp_path / f"a-{OUTPUTS[kind]}").pages
              for name in page.images]
    assert images, "the image is drawn"
    assert outputs[0] == outputs[1]


_LINKED = "[the data](<data/my table.csv>) and [its notes](notes.pdf#page=2)"
_LINKS = f"\n## Data\n\nSee {_LINKED}.\n\n::: slide\n- See {_LINKED}\n:::\n"


@pytest.mark.parametrize("kind", ["pdf", "handout", "html", "slides"])
def test_a_link_to_a_file_is_a_path_from_the_outputs_folder(tmp_path, kind):
    """A link to a file beside the article was written as its file:// URL
    in the PDFs (the author's folders in them, a dead link for a reader
    elsewhere, and two folders, two PDFs), and as written in the HTML brief
    and the deck in build/, where it led to build/data/ (report/filelinks.py)."""
    outputs = []
    for folder in (tmp_path / "a", tmp_path / "elsewhere" / "b"):
        shutil.copytree(SLEEP_ARTICLE.parent, folder)
        article = folder / "article.md"
        article.write_text(article.read_text(encoding="utf-8") + _LINKS, encoding="utf-8")
        out = folder / "build" / OUTPUTS[kind]
        result = run_report(kind, article, "-o", out)
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    links = _links(tmp_path / "a" / "build" / OUTPUTS[kind])
    assert {"../data/my%20table.csv", "../notes.pdf#page=2"} <= links
    assert not [link for link in links if link.startswith("file:")]


def _links(output) -> set[str]:
    if output.suffix == ".pptx":
        return {r.target_ref for slide in Presentation(output).slides
                for r in slide.part.rels.values() if r.is_external}
    if output.suffix == ".html":
        return set(re.findall(r'<a href="([^"#][^"]*)"', output.read_text(encoding="utf-8")))
    return {annotation.get_object()["/A"]["/URI"] for page in pypdf.PdfReader(output).pages
            for annotation in page.get("/Annots") or [] if "/A" in annotation.get_object()}


def test_parallel_make_gives_the_serial_bytes(tmp_path):
    if not shutil.which("make"):
        pytest.skip("no make")
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("article.md", "refs.json", "Makefile", "requirements.txt",
                 "requirements-test.txt"):
        shutil.copy2(ROOT / name, copy / name)  # keep mtimes: .venv stays up to date
    for folder in ("report", "styles"):
        shutil.copytree(ROOT / folder, copy / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    (copy / ".venv").symlink_to(ROOT / ".venv")
    targets = [f"build/{name}" for name in OUTPUTS.values()]
    subprocess.run(["make", "-s", "-j4", *targets], cwd=copy, check=True, capture_output=True)
    parallel = {t: (copy / t).read_bytes() for t in targets}
    shutil.rmtree(copy / "build")
    subprocess.run(["make", "-s", "-j1", *targets], cwd=copy, check=True, capture_output=True)
    for target in targets:
        assert (copy / target).read_bytes() == parallel[target], target
