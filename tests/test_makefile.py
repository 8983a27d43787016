"""The Makefile's choice of article: SOURCE, REFS and SOURCE_DATE_EPOCH
given to make rebuild what they change, in a copy of the project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from conftest import ROOT, SLEEP_ARTICLE

pytestmark = pytest.mark.skipif(not shutil.which("make"), reason="no make")


@pytest.fixture
def project(tmp_path):
    """The Makefile, code and styles in a folder of their own, sharing the
    venv that runs the tests; the requirements dated before it, so that make
    takes it for up to date (a fresh checkout's would be newer)."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("Makefile", "requirements.txt", "requirements-test.txt"):
        shutil.copy2(ROOT / name, copy / name)
    for folder in ("report", "styles"):
        shutil.copytree(ROOT / folder, copy / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    venv = Path(sys.prefix)
    (copy / ".venv").symlink_to(venv)
    made = (venv / ".runtime").stat().st_mtime
    for name in ("requirements.txt", "requirements-test.txt"):
        os.utime(copy / name, (made - 60, made - 60))
    return copy


def make(project, *args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(["make", *args], cwd=project, capture_output=True, text=True,
                          env=env)


def article(project, name: str, *, refs: bool = True, when: float | None = None):
    """The sleep fixture as `name`/article.md in the project, dated `when`."""
    folder = project / name
    shutil.copytree(SLEEP_ARTICLE.parent, folder)
    if not refs:
        (folder / "refs.json").unlink()
    for path in folder.iterdir():
        if when is not None:
            os.utime(path, (when, when))
    return folder / "article.md"


def first_line(pdf) -> str:
    with pdfplumber.open(pdf) as opened:
        return opened.pages[0].extract_text().splitlines()[0]


def test_an_older_article_built_after_another_replaces_its_brief(project):
    newer, older = article(project, "a"), article(project, "b", when=1577836800)  # 2020
    (older.parent / "article.md").write_text(
        older.read_text(encoding="utf-8").replace("short-title: ", "short-title: Older ", 1),
        encoding="utf-8")
    os.utime(older, (1577836800, 1577836800))
    for source in (newer, older):
        result = make(project, "pdf", f"SOURCE={source}", f"REFS={source.parent}/refs.json")
        assert result.returncode == 0, result.stderr
        assert "Nothing to be done" not in result.stdout
    assert "OLDER" in first_line(project / "build" / "brief.pdf").upper()
    # Chosen again, the same article is up to date; the other one is not.
    assert make(project, "-q", "pdf", f"SOURCE={older}",
                f"REFS={older.parent}/refs.json").returncode == 0
    assert make(project, "-q", "pdf", f"SOURCE={newer}",
                f"REFS={newer.parent}/refs.json").returncode == 1


def test_refs_default_to_the_ones_beside_the_article(project):
    source = article(project, "a")
    result = make(project, "pdf", f"SOURCE={source}")
    assert result.returncode == 0, result.stderr
    assert make(project, "-q", "pdf", f"SOURCE={source}").returncode == 0
    (source.parent / "refs.json").touch()
    assert make(project, "-q", "pdf", f"SOURCE={source}").returncode == 1


def test_missing_refs_get_reports_own_error(project):
    source = article(project, "a", refs=False)
    result = make(project, "pdf", f"SOURCE={source}")
    assert result.returncode != 0
    assert "No rule" not in result.stderr
    assert f"{source}:" in result.stderr and "refs.json" in result.stderr


def test_a_new_source_date_epoch_rebuilds(project):
    source = article(project, "a")
    chosen = (f"SOURCE={source}", f"REFS={source.parent}/refs.json")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")
    assert make(project, "-s", "pdf", *chosen, env=env).returncode == 0
    assert make(project, "-q", "pdf", *chosen, env=env).returncode == 0
    env["SOURCE_DATE_EPOCH"] = "1767312000"
    assert make(project, "-q", "pdf", *chosen, env=env).returncode == 1
