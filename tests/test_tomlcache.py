"""Issue 8: styles/labels.toml parsed once, its tables kept (report/tomlcache.py).

What comes back from the kept file must be what tomllib reads from the
TOML as it is now: an edited TOML is read again, a kept file that is not
ours or cannot be written changes nothing. A build that finds it kept
reads the article without importing tomllib.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

from conftest import DEFAULT_ARTICLE, ROOT
from report import STYLES, tomlcache


def test_the_labels_kept_are_the_labels_parsed(tmp_path):
    kept = tmp_path / "labels.marshal"
    parsed = tomllib.loads((STYLES / "labels.toml").read_text(encoding="utf-8"))
    assert tomlcache.load(STYLES / "labels.toml", kept) == parsed  # parsed, then kept
    assert kept.is_file()
    assert tomlcache.load(STYLES / "labels.toml", kept) == parsed  # from the kept file
    assert parsed["en"]["references"] == "References"


def test_an_edited_toml_is_read_again(tmp_path):
    toml, kept = tmp_path / "words.toml", tmp_path / "words.marshal"
    toml.write_text('[en]\nnote = "Note"\n', encoding="utf-8")
    assert tomlcache.load(toml, kept) == {"en": {"note": "Note"}}
    stat = toml.stat()
    toml.write_text('[en]\nnote = "Nota"\n', encoding="utf-8")  # same size, same time
    os.utime(toml, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert tomlcache.load(toml, kept) == {"en": {"note": "Nota"}}
    assert tomlcache.load(toml, kept) == {"en": {"note": "Nota"}}


def test_a_kept_file_not_ours_or_not_writable_changes_nothing(tmp_path):
    toml = tmp_path / "words.toml"
    toml.write_text('when = 1979-05-27\n[en]\nand = "and"\n', encoding="utf-8")
    garbage = tmp_path / "garbage.marshal"
    garbage.write_bytes(b"not marshal at all")
    expected = tomllib.loads(toml.read_text(encoding="utf-8"))
    assert tomlcache.load(toml, garbage) == expected  # a date: parsed, not kept
    assert tomlcache.load(toml, garbage) == expected
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    assert tomlcache.load(toml, blocked / "words.marshal") == expected  # no folder to write in
    assert not list(tmp_path.glob("**/*.marshal.*"))  # no partial file left


def test_a_build_reads_the_article_without_tomllib():
    code = ("import sys; from pathlib import Path; from report import source; "
            f"source.read(Path({str(DEFAULT_ARTICLE)!r})); print('tomllib' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT,
                   capture_output=True)  # the first keeps the labels, if none were kept
    again = subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT,
                           capture_output=True, text=True)
    assert again.stdout.strip() == "False"
