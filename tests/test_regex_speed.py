"""Issue 8: patterns that take long to compile, compiled only when needed,
or replaced by code that finds what they found.

Compiling a regular expression is pure Python (re._parser, re._compiler):
a cold deck compiled 40 ms of them. Each shortcut here is compared with
the pattern it spares, on the inputs where they could differ.
"""

from __future__ import annotations

import subprocess
import sys

from conftest import DEFAULT_ARTICLE, ROOT
from report import citesyntax


def test_a_citation_without_a_suffix_compiles_no_locator_pattern():
    """The default article's citations have no suffix: reading it compiled
    the locator pattern (3 ms) to match it against ""."""
    code = ("from pathlib import Path\nfrom report import citesyntax, source\n"
            f"doc = source.read(Path({str(DEFAULT_ARTICLE)!r}))\n"
            "print(citesyntax._locator.cache_info().misses)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    assert out == ["0"]
    assert "[@" in DEFAULT_ARTICLE.read_text(encoding="utf-8")


def test_the_empty_suffix_is_what_the_pattern_made_of_it():
    terms = {**citesyntax.LOCATOR_TERMS, **citesyntax.locale_terms("de")}
    for narrative in (False, True):
        assert citesyntax.parse_suffix("", narrative) == (None, "")
        assert citesyntax.parse_suffix("  ", narrative) == (None, "")
    assert citesyntax._locator(tuple(terms)).match("") is None  # what the shortcut stands for
    assert citesyntax.parse_suffix(", p. 3")[0].value == "3"  # a suffix still reads its locator


def test_asian_blocks_are_the_character_class_they_replace():
    """textfit's autospace test, by bisection: the class it was, over every
    code point (surrogates as the lone characters Python holds)."""
    import re

    from report import textfit
    asian = re.compile(r"[\u1100-\u11ff\u2e80-\u2fdf\u2ff0-\u9fff\ua000-\ua4cf\uac00-\ud7af"
                       r"\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")
    every = "".join(map(chr, range(0x110000)))
    assert [m.start() for m in asian.finditer(every)] == \
        [n for n, char in enumerate(every) if textfit._asian(char)]
