"""Shared fixtures: outputs are built once per session through the real CLI."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
DEFAULT_ARTICLE = ROOT / "article.md"
SLEEP_ARTICLE = FIXTURES / "sleep" / "article.md"
SUFFIX = {"pdf": ".pdf", "html": ".html", "slides": ".pptx", "handout": ".pdf"}
ENGINES = ("citeproc-js", "pandoc")  # the reference engines whose output the suites keep


def expectations(suite: Path):
    """A suite's cases (folders whose expected.json tools/conformance.py
    wrote from both engines' output), and a reader of each, read once."""
    cases = sorted(p.name for p in suite.iterdir() if (p / "expected.json").is_file())

    @functools.cache
    def expected(case: str) -> dict:
        return json.loads((suite / case / "expected.json").read_text(encoding="utf-8"))
    return cases, expected


def write_paper(tmp_path: Path, body: str, front: str, refs: list) -> Path:
    """`paper/article.md` under `tmp_path`: the front matter's lines, the body,
    and `refs` as its refs.json."""
    folder = tmp_path / "paper"
    folder.mkdir(exist_ok=True)
    (folder / "refs.json").write_text(json.dumps(refs), encoding="utf-8")
    path = folder / "article.md"
    path.write_text(f"---\n{front}\n---\n\n{body}", encoding="utf-8")
    return path


def brief_of(tmp_path: Path, article: str) -> Path:
    """The brief of `article` (its whole text, front matter and all),
    written as `tmp_path`/article.md and built as a user builds it."""
    path = tmp_path / "article.md"
    path.write_text(article, encoding="utf-8")
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    return tmp_path / "brief.pdf"


def pdf_text(pdf: Path, first: int = 0) -> str:
    """The text of a PDF's pages from `first` on, a line to a line."""
    import pdfplumber
    with pdfplumber.open(pdf) as document:
        return "\n".join(page.extract_text() for page in document.pages[first:])


def pandoc_words(inlines: list, other=lambda kind, content: None) -> str:
    """The words of pandoc's JSON inlines as printed, spaced once: its
    strings, spaces and code, and the words of an inline that holds inlines
    (as its last member); `other(kind, content)`, when not None, is the
    text of an inline instead (math as set, raw TeX, code marked)."""
    out = []
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        text = other(kind, content)
        if text is not None:
            out.append(text)
        elif kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak"):
            out.append(" ")
        elif kind == "Code":
            out.append(content[1])
        elif isinstance(content, list) and content and isinstance(content[-1], list):
            out.append(pandoc_words(content[-1], other))
    return " ".join("".join(out).split())

def run_report(*args, cwd=ROOT, env=None) -> subprocess.CompletedProcess:
    """`python -m report ARGS` as a user runs it."""
    return subprocess.run([sys.executable, "-m", "report", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=env)


@pytest.fixture(scope="session", autouse=True)
def no_font_folders_left():
    """WeasyPrint's font folders of the PDFs written in this process, removed
    at the end, as `python -m report` removes its own (report/__main__.py)."""
    yield
    if "report.pdfspeed" in sys.modules:
        sys.modules["report.pdfspeed"].remove_font_folders()


@pytest.fixture(scope="session", autouse=True)
def user_cache(tmp_path_factory):
    """The font metrics' cache (report/fontmetrics.py) in a folder of the
    session's, not in the home folder of whoever runs the tests."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))


@pytest.fixture(scope="session")
def build(tmp_path_factory):
    """build(kind, article=DEFAULT_ARTICLE) → the output's path, built once."""
    out_dir = tmp_path_factory.mktemp("build")
    cache: dict[tuple, Path] = {}

    def _build(kind: str, article: Path = DEFAULT_ARTICLE, *extra) -> Path:
        key = (kind, article, extra)
        if key not in cache:
            name = f"{article.parent.name}-{kind}-{len(cache)}{SUFFIX[kind]}"
            target = out_dir / name
            result = run_report(kind, article, "-o", target, *extra)
            assert result.returncode == 0, result.stderr
            cache[key] = target
        return cache[key]

    return _build
