"""Issue 8: the speed patches of WeasyPrint's helpers (report/pdfspeed.py) change no byte."""

from __future__ import annotations

import ctypes.util
import io

import pydyf
import pytest
from fontTools import subset
from fontTools.ttLib import TTFont, beyond64k

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
