"""Issue 8: what a cold deck's writing process imports.

A cold `report slides` reads and cites the article in a forked child while
this process imports python-pptx (pipeline.prepare), then writes the deck
from the child's document: every module this process imports that only
the child needs is time on the critical path. Each test here fails if one
comes back.
"""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from conftest import DEFAULT_ARTICLE, ROOT


@pytest.fixture(scope="module")
def read_document(tmp_path_factory):
    """The default article read and cited, pickled as the child sends it."""
    from report import pipeline
    path = tmp_path_factory.mktemp("doc") / "doc.pickle"
    path.write_bytes(pickle.dumps(pipeline.load(DEFAULT_ARTICLE)))
    return path


def _imported_by_writing(document, target, modules: list[str]) -> dict:
    """Which of `modules` the writing process has imported once the deck is
    written from `document` (pipeline.prepare, then pipeline.write)."""
    code = (
        "import pickle, sys\nfrom pathlib import Path\n"
        f"doc = pickle.loads(Path({str(document)!r}).read_bytes())\n"
        "from report import pipeline\n"
        "pipeline.prepare('slides')\n"
        f"pipeline.write('slides', doc, Path({str(target)!r}))\n"
        f"print(' '.join(str(m in sys.modules) for m in {modules!r}))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    assert target.stat().st_size > 0
    return dict(zip(modules, (word == "True" for word in out)))


def test_writing_a_deck_does_not_import_the_reader(read_document, tmp_path):
    """The slides' options are read with report.frontmatter, not the reader
    (report.source and markdown-it: 50 ms of the tail, before)."""
    imported = _imported_by_writing(read_document, tmp_path / "deck.pptx",
                                    ["report.source", "markdown_it", "report.frontmatter"])
    assert imported == {"report.source": False, "markdown_it": False,
                        "report.frontmatter": True}
