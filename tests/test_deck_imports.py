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


def test_writing_a_deck_leaves_urllib_request_unloaded(read_document, tmp_path):
    """python-pptx imports xml.sax.saxutils, which imports urllib.request
    (and http.client, email, ssl: ~20 ms); pptxspeed makes it lazy."""
    imported = _imported_by_writing(read_document, tmp_path / "deck.pptx",
                                    ["urllib.request", "http.client", "email.parser", "ssl"])
    assert imported == {"urllib.request": True, "http.client": False, "email.parser": False,
                        "ssl": False}


def test_lazy_urllib_request_loads_when_used():
    code = """if True:
        import sys, types
        from report import pipeline
        pipeline.prepare('slides')
        import pptx, xml.sax.saxutils, urllib.request
        assert 'http.client' not in sys.modules
        assert type(sys.modules['urllib.request']) is not types.ModuleType
        from urllib.request import Request, pathname2url  # the first use loads it
        assert 'http.client' in sys.modules and type(urllib.request) is types.ModuleType
        assert xml.sax.saxutils.urllib.request is urllib.request is sys.modules['urllib.request']
        assert Request('http://example.org/a').host == 'example.org'
        print(pathname2url('/a b'), urllib.request.url2pathname('/c%20d'))
        """
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["/a%20b", "/c", "d"]


def test_an_imported_urllib_request_is_left_as_it_is():
    code = ("import sys, types, urllib.request; from report import pptxspeed; "
            "module = urllib.request; pptxspeed.defer_unused_imports(); "
            "print(sys.modules['urllib.request'] is module, type(module) is types.ModuleType)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    assert out == ["True", "True"]


def test_writing_a_deck_does_not_import_citeproc(read_document, tmp_path):
    """The deck's quotation marks are the CSL locale's (labels.csl_quotes),
    read without importing citeproc-py: its citations were rendered in the
    child."""
    imported = _imported_by_writing(read_document, tmp_path / "deck.pptx", ["citeproc"])
    assert imported == {"citeproc": False}


def test_the_csl_locales_are_citeprocs():
    import citeproc

    from report import labels
    folder, primary_dialects = labels._csl_locales()
    assert folder.samefile(citeproc.LOCALES_PATH)
    assert primary_dialects == citeproc.PRIMARY_DIALECTS and len(primary_dialects) > 30


def test_an_english_decks_kept_whole_pattern_is_compiled_while_the_article_is_read(
        read_document, tmp_path):
    """keptwhole.kept_whole_in (2 ms to compile, and citesyntax to import)
    is made in pipeline.prepare for Meta's default language: writing an
    en-US deck compiles it no more."""
    code = (
        "import pickle, sys\nfrom pathlib import Path\n"
        f"doc = pickle.loads(Path({str(read_document)!r}).read_bytes())\n"
        "from report import keptwhole, pipeline\n"
        "pipeline.prepare('slides')\n"
        "ready = 'report.citesyntax' in sys.modules, keptwhole._with_terms.cache_info().misses\n"
        f"pipeline.write('slides', doc, Path({str(tmp_path / 'deck.pptx')!r}))\n"
        "print(doc.meta.lang, *ready, keptwhole._with_terms.cache_info().misses)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    assert out == ["en-US", "True", "1", "1"]


def test_reading_an_article_does_not_load_openssl():
    """report.cache's digests are hashlib's blake2b, taken where hashlib
    takes it (_blake2), without hashlib's import of OpenSSL (_hashlib, 2 ms
    of the child that reads the article)."""
    code = ("import sys\nfrom pathlib import Path\nfrom report import cache, cite, source\n"
            f"cite.resolve(source.read(Path({str(DEFAULT_ARTICLE)!r})))\n"
            "loaded = '_hashlib' in sys.modules\n"
            "import hashlib\n"
            "print(loaded, cache.blake2b is hashlib.blake2b)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    assert out == ["False", "True"]


def test_a_builds_first_imports_leave_zipfile_to_the_writer():
    """What a build imports before it forks (report.cli, report.pipeline) is
    imported once, and both halves wait for it: zipfile (with shutil, bz2,
    lzma: 3 ms) is the writer's, and reading an article needs none of it."""
    code = ("import sys\nfrom pathlib import Path\nimport report.cli, report.pipeline\n"
            "first = 'zipfile' in sys.modules\nfrom report import cite, source\n"
            f"cite.resolve(source.read(Path({str(DEFAULT_ARTICLE)!r})))\n"
            "print(first, 'zipfile' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    assert out == ["False", "False"]


def test_writing_a_deck_without_pictures_leaves_pillow_unloaded(read_document, tmp_path):
    """python-pptx imports Pillow's Image (for pictures) and ImageFont (for
    fit_text): 8 ms, lazy until a picture needs them (pptxspeed)."""
    imported = _imported_by_writing(read_document, tmp_path / "deck.pptx",
                                    ["PIL.ExifTags", "PIL._imaging", "PIL._imagingft"])
    assert imported == {"PIL.ExifTags": False, "PIL._imaging": False, "PIL._imagingft": False}


def _picture_deck(folder, deferred: tuple) -> bytes:
    """A deck of a PNG and a WebP picture (which the deck converts to PNG),
    written by a cold process whose pptxspeed defers `deferred`."""
    from PIL import Image

    from conftest import SLEEP_ARTICLE
    folder.mkdir()
    (folder / "recall.png").write_bytes((SLEEP_ARTICLE.parent / "recall.png").read_bytes())
    Image.open(folder / "recall.png").save(folder / "recall.webp", "WEBP")
    article = folder / "article.md"
    article.write_text("---\ntitle: Pictures\n---\n\n# One\n\n::: slide\n- A point\n\n"
                       "![Recall](recall.png)\n:::\n\n# Two\n\n![Recall again](recall.webp)\n",
                       encoding="utf-8")
    code = (
        "import sys\nfrom pathlib import Path\nfrom report import pipeline, pptxspeed\n"
        f"pptxspeed.UNUSED = {deferred!r}\n"
        f"doc = pipeline.load(Path({str(article)!r}), lambda: pipeline.prepare('slides'))\n"
        f"pipeline.write('slides', doc, Path({str(folder / 'deck.pptx')!r}))\n"
        "print(type(sys.modules['PIL.Image']).__name__)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    assert out == ["module"]  # loaded by the pictures, deferred or not
    return (folder / "deck.pptx").read_bytes()


def test_writing_a_deck_without_pictures_leaves_openssl_unloaded(read_document, tmp_path):
    """python-pptx imports hashlib for its pictures' SHA-1, which loads
    OpenSSL (_hashlib, 4 ms); the font's metrics are named by _blake2's."""
    imported = _imported_by_writing(read_document, tmp_path / "deck.pptx", ["_hashlib"])
    assert imported == {"_hashlib": False}


def test_a_deck_with_pictures_loads_pillow_and_writes_the_same_bytes(tmp_path):
    from report import pptxspeed
    assert "PIL.Image" in pptxspeed.UNUSED
    deferred = _picture_deck(tmp_path / "deferred", pptxspeed.UNUSED)
    loaded = _picture_deck(tmp_path / "loaded", ("urllib.request",))
    assert deferred == loaded and deferred.count(b"ppt/media/image") >= 2
