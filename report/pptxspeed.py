"""Where writing a deck with python-pptx spends its time, and patches that stop the waste.

Profiled (cProfile) on the default article's deck, drawing its 14 slides
took 0.08 s, and a quarter of that was lxml compiling XPath expressions:
python-pptx asks each shape whether it is a placeholder with the same few
expressions, and lxml compiles an expression again at every call (1,100
calls a deck). Saving then wrote the zip with the clock's dates, so the
deck was read back and written again with fixed ones (10 ms): now it is
written once, with fixed dates.

The patches are pinned to the version in requirements.txt, installed once
by `apply()`, and change how long writing takes, never the bytes written:
tests/test_deck_speed.py checks each against the original, kept in ORIGINALS.
"""

from __future__ import annotations

ORIGINALS: dict = {}  # what the patches replaced, by name: for tests/test_deck_speed.py
COMPILED: dict = {}  # XPath expression → lxml.etree.XPath
PINNED = "1.0.2"


def apply() -> None:
    import pptx
    if ORIGINALS:
        return
    if pptx.__version__ != PINNED:
        raise RuntimeError(f"report.pptxspeed patches python-pptx {PINNED}, not "
                           f"{pptx.__version__}; see requirements.txt")
    _xpath_compiled_once()
    _zip_written_with_fixed_dates()


def _xpath_compiled_once() -> None:
    from lxml import etree
    from pptx.oxml import xmlchemy

    def xpath(self, xpath_str: str):
        """xmlchemy's BaseOxmlElement.xpath, each expression compiled once."""
        expression = COMPILED.get(xpath_str)
        if expression is None:
            expression = COMPILED[xpath_str] = etree.XPath(xpath_str,
                                                           namespaces=xmlchemy._nsmap)
        return expression(self)

    ORIGINALS["xpath"] = xmlchemy.BaseOxmlElement.xpath
    xmlchemy.BaseOxmlElement.xpath = xpath


def _zip_written_with_fixed_dates() -> None:
    from pptx.opc.serialized import _ZipPkgWriter

    from .output import zip_member

    def write(self, pack_uri, blob: bytes) -> None:
        """_ZipPkgWriter.write, the member dated as every build dates it."""
        self._zipf.writestr(zip_member(pack_uri.membername), blob)

    ORIGINALS["zip write"] = _ZipPkgWriter.write
    _ZipPkgWriter.write = write
