"""Issue 8: what reading an article imports.

A cold build reads the article in a forked child that every output waits
for: a module the reader imports for a feature the article does not use
(TeX math, figures, shortcodes, grid tables) is time on the critical path.
They are imported where the feature is read, and read as before.
"""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib

from conftest import DEFAULT_ARTICLE, ROOT

LAZY = ["report.texmath", "report.imagefiles", "report.datauri", "shlex", "heapq"]


def _loaded_by_reading(article) -> tuple[dict, str]:
    """Which of LAZY reading `article` imports, and the blocks it reads."""
    code = ("import sys\nfrom pathlib import Path\nfrom report import source\n"
            f"doc = source.read(Path({str(article)!r}))\n"
            f"print(' '.join(str(m in sys.modules) for m in {LAZY!r}))\n"
            "print(repr(doc.blocks))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split("\n", 1)
    return dict(zip(LAZY, (word == "True" for word in out[0].split()))), out[1]


def _png(path) -> None:
    """A 1×1 white PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
                     + chunk(b"IEND", b""))


def test_the_default_article_is_read_without_them():
    loaded, _ = _loaded_by_reading(DEFAULT_ARTICLE)
    assert not any(loaded.values()), loaded


def test_an_article_using_them_is_read_with_them(tmp_path):
    _png(tmp_path / "dot.png")
    article = tmp_path / "article.md"
    article.write_text(
        '---\ntitle: "T"\n---\n\n# Method\n\n'
        "The mean was $\\bar{x} = 2^{10}$ {{< meta title >}}.\n\n"
        "![A dot.](dot.png)\n\n"
        "+-----+-----+\n| A   | B   |\n+=====+=====+\n| 1   | 2   |\n+-----+-----+\n",
        encoding="utf-8")
    loaded, blocks = _loaded_by_reading(article)
    assert all(loaded.values()), loaded
    assert ("Emph(children=[Text(text='x̄')]), Text(text=' = 2'), "
            "Superscript(children=[Text(text='10')]), Text(text=' T.')") in blocks  # T: the meta
    assert "Figure(src='dot.png'" in blocks and "Table(header=[[Text(text='A')]" in blocks
