"""Issue 8: the speed patches of WeasyPrint's helpers (report/pdfspeed.py) change no byte."""

from __future__ import annotations

import ctypes.util
import io
import os
import sys

import pydyf
import pytest
from fontTools import subset
from fontTools.ttLib import TTFont, beyond64k

from conftest import DEFAULT_ARTICLE, run_report
from report import STYLES, pdfspeed

pdfspeed.apply()


def test_page_references_follow_added_pages():
    pdf = pydyf.PDF()
    for count in range(1, 4):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert pdf.page_references == tuple(
            f"{n} 0 R".encode() for n in pdf.pages["Kids"][::3])
        assert len(pdf.page_references) == count


def _subset(font_bytes: bytes, method) -> bytes:
    """WeasyPrint's fontTools subsetting (pdf/fonts.py), with `method` as Subsetter.subset."""
    options = subset.Options(retain_gids=True, passthrough_tables=True,
                             ignore_missing_glyphs=True, hinting=False, desubroutinize=True,
                             notdef_outline=False)
    options.drop_tables += ["GSUB", "GPOS", "SVG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids={3, 36, 37, 68, 69, 70})
    font = TTFont(io.BytesIO(font_bytes))
    method(subsetter, font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _original_subset(self, font):
    """fontTools 4.68.0's Subsetter.subset, as it was."""
    with beyond64k._compact_layout_tables(font):
        self._prune_pre_subset(font)
        self._closure_glyphs(font)
        self._subset_glyphs(font)
        self._prune_post_subset(font)


@pytest.mark.parametrize("name", ["LiberationSerif-Regular.ttf", "LiberationSans-Bold.ttf"])
def test_subsets_are_the_same_bytes(name, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "315532800")  # as WeasyPrint writes: no clock
    font = (STYLES / "fonts" / name).read_bytes()
    assert _subset(font, subset.Subsetter.subset) == _subset(font, _original_subset)


def test_libraries_are_found_from_ldconfig_alone():
    if not hasattr(ctypes.util, "_findSoname_ldconfig"):
        pytest.skip("find_library asks no ldconfig here")
    with pdfspeed._libraries_from_ldconfig():
        found = ctypes.util.find_library("pango-1.0")
    assert found == ctypes.util.find_library("pango-1.0")


@pytest.mark.parametrize("name", ["c", "pango-1.0", "libpango-1.0-0", "harfbuzz-subset",
                                  "fontconfig", "no-such-library-here"])
def test_one_reading_of_ldconfig_answers_as_ctypes_does(name):
    if not hasattr(ctypes.util, "_findSoname_ldconfig"):
        pytest.skip("find_library asks no ldconfig here")
    listing = pdfspeed._ldconfig_listing()
    assert pdfspeed._soname(listing, name) == ctypes.util._findSoname_ldconfig(name)


# --- WeasyPrint and tinyhtml5: each patch against the function it replaces -------

def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    from report.output import fixed_clock
    with fixed_clock():
        return HTML(string=html, base_url=str(STYLES)).write_pdf(pdf_variant="pdf/ua-1")


# Kerning pairs, ligatures, a combining accent (offsets), a zero-width
# space (Pango's empty glyph), a character no font has (.notdef), a
# superscript, four faces and sizes, decorations, letter and word spacing,
# justified lines: text that exercises fonts, their descriptions and subsets.
_TEXT = """<!DOCTYPE html><html lang="en"><head><style>
@font-face { font-family: S; src: url("fonts/LiberationSerif-Regular.ttf"); }
@font-face { font-family: S; font-style: italic;
             src: url("fonts/LiberationSerif-Italic.ttf"); }
@font-face { font-family: S; font-weight: bold; src: url("fonts/LiberationSerif-Bold.ttf"); }
@font-face { font-family: M; src: url("fonts/LiberationMono-Regular.ttf"); }
body { font: 12pt/1.5 S; } code { font-family: M; }
.u { text-decoration: underline line-through; } .sp { letter-spacing: 0.7pt; word-spacing: 3pt; }
.j { text-align: justify; } .big { font-size: 31pt; } .small { font-size: 6.5pt; }
</style></head><body>
<p>AVAST To Wa Yo “quotes” — office fluff… café cafe\u0301 naïve Ångström x<sup>2</sup></p>
<p class="j">%s</p>
<p><em>Italic AV To Wa</em> <strong>Bold AV To</strong> <code>mono AV To 0123</code>
a\u200bb and \ue000 private, x\u0323\u0301 stacked</p>
<p class="u">Underlined and struck AV To</p><p class="sp">Spaced words AV To Wa</p>
<p class="big">Big AV To Wa</p><p class="small">small AV To Wa 0123</p>
</body></html>""" % ("Justified text with AV, To and Wa pairs, on and on. " * 40)


_HTML = """<!DOCTYPE html><html lang=en><head><title>T &amp; t</title>
<script>if (a < b && c) {}</script><style>p > a { color: red }</style></head>
<body class="x y" data-x='1 "2"'><!-- a comment --><p id=p1>Text &lt; &eacute; &#x41; &copy
<a href="#ref-a?b=1&amp;c=2">link</a><br/><img alt="" src=x.png>
<svg><![CDATA[ raw ]]></svg><textarea>  kept &amp; </textarea>\x00\r\nCR LF</p>
<table><tr><td>cell<td>cell</table><pre>
 pre</pre><p>unclosed<div>block</div></body></html>"""


def test_tokenized_html_is_the_same(monkeypatch):
    from xml.etree import ElementTree

    import tinyhtml5
    from tinyhtml5 import inputstream

    def tree() -> bytes:
        return ElementTree.tostring(tinyhtml5.parse(_HTML + _TEXT))

    patched = tree()
    assert (("<", "\u0000"), False) in inputstream.characters_until_regex
    monkeypatch.setattr(inputstream, "characters_until_regex", {})
    monkeypatch.setattr(inputstream.HTMLUnicodeInputStream, "chars_until",
                        pdfspeed.ORIGINALS["chars_until"])
    assert patched == tree()


def test_cycle_collection_is_paused_then_as_it_was():
    import gc
    assert gc.isenabled()
    with pdfspeed.no_cycle_collection():
        assert not gc.isenabled()
        with pdfspeed.no_cycle_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # what the build left: not walked again

    class Cycle:
        pass
    cycle = Cycle()
    cycle.itself = cycle
    before = sys.getrefcount(Cycle)
    del cycle
    gc.freeze()  # as if a build had left it behind
    with pdfspeed.no_cycle_collection():  # the next build frees it first
        assert gc.get_freeze_count() == 0
        assert sys.getrefcount(Cycle) < before
    gc.unfreeze()
    gc.disable()
    try:
        with pdfspeed.no_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_leftovers_are_freed_while_watch_waits():
    import gc
    import weakref

    class Cycle:
        pass
    with pdfspeed.no_cycle_collection():
        cycle = Cycle()
        cycle.itself = cycle
        left = weakref.ref(cycle)
        del cycle
    assert gc.get_freeze_count() > 0 and left() is not None
    pdfspeed.free_leftovers()
    assert gc.get_freeze_count() == 0 and left() is None
    assert gc.isenabled()


@pytest.mark.parametrize("kind", ["pdf", "handout"])
def test_a_build_leaves_no_font_folder_behind(tmp_path, kind):
    """WeasyPrint writes the @font-face files into a weasyprint-* folder that
    its __del__ removes, which a build left with os._exit never ran: each PDF
    left 1.8 MB in /tmp."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    result = run_report(kind, DEFAULT_ARTICLE, "-o", tmp_path / f"out.{kind}",
                        env=dict(os.environ, TMPDIR=str(temporary)))
    assert result.returncode == 0, result.stderr
    assert list(temporary.iterdir()) == []
