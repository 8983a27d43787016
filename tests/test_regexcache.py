"""Issue 8: compiled patterns kept between runs (report/regexcache.py).

A pattern handed back from the file must be the pattern `re` compiles:
the same code, groups and flags, matching alike. A file that cannot be
read or written leaves `re` as it was, and the outputs never change.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from re import _compiler, _parser

import pytest

from conftest import DEFAULT_ARTICLE, ROOT
from report import regexcache

# Groups, names, flags inline and given, lookbehind, bytes, a long alternation.
PATTERNS = [
    (r"(?P<year>\d{4})-(?P<month>\d\d)(?:-(\d\d))?", 0),
    (r"(?i)\bet\s+al\.(?=,)|(?<![\w.])(?:pp?|vols?)\.\s\d+(?:[-–]\d+)?", 0),
    (r"^(\s*)([-*+]|\d+[.)])(?: +|$)", re.M),
    (r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.U),
    (rb"(?P<tag><[a-z]+>)|&#(?:x[0-9a-f]+|\d+);", re.I),
    ("|".join(f"word{n}" for n in range(40)), 0),
]
SAMPLES = ["2025-06-01 and 1999-12", "Smith et al., pp. 12–15; Vol. 3", "  - item\n12) next",
           "O'Brien’s well-known co-op", "word7 word39 word40"]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """regexcache on a file of its own, and `re` as it was afterwards."""
    monkeypatch.setattr(regexcache, "_PATH", str(tmp_path / "__pycache__" / "regex.marshal"))
    monkeypatch.setattr(regexcache, "_kept", {})
    monkeypatch.setattr(regexcache, "_new", {})
    monkeypatch.setattr(regexcache, "_used", set())
    monkeypatch.setattr(_compiler, "compile", _compiler.compile)
    regexcache.install()
    yield regexcache
    re.purge()


def _fresh(pattern, flags):
    return _compiler._code(_parser.parse(pattern, flags), flags)


def _compiled_twice(cache):
    """Each pattern compiled, saved, read back in a new 'run', compiled again."""
    first = [re.compile(p, f) for p, f in PATTERNS]
    cache.save()
    cache._kept, cache._used = cache._read(), set()
    re.purge()
    return first, [re.compile(p, f) for p, f in PATTERNS]


def test_a_kept_pattern_is_the_one_re_compiles(cache):
    first, again = _compiled_twice(cache)
    assert len(cache._kept) == len(PATTERNS)  # every one was kept, and read back
    for (pattern, flags), one, other in zip(PATTERNS, first, again):
        kept = cache._kept[pattern, int(flags)]
        assert list(memoryview(kept[1]).cast("I")) == list(_fresh(pattern, flags))
        assert (other.pattern, other.flags, other.groups, other.groupindex) == \
            (one.pattern, one.flags, one.groups, one.groupindex)
        for sample in SAMPLES:
            text = sample.encode() if isinstance(pattern, bytes) else sample
            assert [m.span() + m.groups() for m in other.finditer(text)] == \
                [m.span() + m.groups() for m in one.finditer(text)]


def test_a_short_pattern_is_compiled_again_not_kept(cache):
    """markdown-it builds a character class from a set: a new order at each run."""
    re.compile("[" + re.escape("".join({"!", "#", "$", "%", "&", "*", "+"})) + "]")
    assert not cache._new


def test_a_file_that_cannot_be_read_is_ignored(cache, tmp_path):
    path = tmp_path / "__pycache__" / "regex.marshal"
    path.parent.mkdir()
    path.write_bytes(b"\x00garbage")
    assert cache._read() == {}
    path.write_bytes(b"")
    assert cache._read() == {}


def test_a_folder_that_cannot_be_written_is_no_error(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "_PATH", str(tmp_path / "file" / "regex.marshal"))
    (tmp_path / "file").write_text("a file where the folder would be")
    re.compile(PATTERNS[1][0])
    cache.save()  # no OSError
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_a_full_file_keeps_what_the_last_run_used(cache, monkeypatch):
    monkeypatch.setattr(cache, "_MOST", 3)
    for n in range(5):
        re.compile(PATTERNS[5][0] + f"|other{n}")
    cache.save()
    assert len(cache._read()) == 5  # not over: kept whole
    cache._used.clear()
    re.compile(PATTERNS[1][0])
    cache.save()
    assert list(cache._read()) == [(PATTERNS[1][0], 0)]


def test_a_deck_is_the_same_with_and_without_kept_patterns(tmp_path):
    """The default article's deck, cold (every pattern compiled and kept)
    and warm (every pattern read back): the same bytes, and the second
    run compiles none of the patterns worth keeping."""
    kept = tmp_path / "regex.marshal"
    code = ("import runpy, sys\nfrom report import regexcache\n"
            f"regexcache._PATH = {str(kept)!r}\n"
            "sys.argv = ['report', 'slides', sys.argv[1], '-o', sys.argv[2]]\n"
            "runpy.run_module('report', run_name='__main__')\n")
    digests = []
    for run in ("cold", "warm"):
        out = tmp_path / f"{run}.pptx"
        subprocess.run([sys.executable, "-c", code, str(DEFAULT_ARTICLE), str(out)], cwd=ROOT,
                       check=True, capture_output=True, env={"SOURCE_DATE_EPOCH": "0",
                                                             "PATH": "/usr/bin:/bin"})
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
        if run == "cold":
            size = kept.stat().st_size
    assert digests[0] == digests[1]
    assert size > 10_000 and kept.stat().st_size == size  # nothing new the second time
