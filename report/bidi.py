"""Right-to-left words (Arabic, Hebrew) in a left-to-right citation or entry.

The Unicode bidi algorithm makes one right-to-left run of an Arabic name
and the neutral punctuation and digits after it, read backwards: the
citation "(ابن سينا, 1999)" is drawn "(1999 ,ابن سينا)", and an entry's
"رفاعة رافع. (2011)" as "(2011). رفاعة رافع". Each run of such words is
isolated, so it keeps its place in the APA order: in HTML a <bdi>
(WeasyPrint), in a slide's text the isolate marks FSI … PDI, which
PowerPoint and LibreOffice read as HTML's <bdi>.
"""

from __future__ import annotations

import re

_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"  # Hebrew to N'Ko, presentation forms
# An entry's: from the first right-to-left letter to the last of a run that
# crosses no full stop or parenthesis, which part an APA entry's elements
# (a title in Arabic keeps its commas and digits).
ENTRY = re.compile(rf"[{_RTL}](?:[^.()\[\]]*[{_RTL}])?")
# A citation's: right-to-left words and the spaces between them alone, so
# the year after a name and two authors' names each stay apart.
CITATION = re.compile(rf"[{_RTL}](?:[{_RTL}\s\u200c\u200d]*[{_RTL}])?")
_TAG = re.compile(r"(<[^>]*>)")
ISOLATES = "\u2068\u2069"  # FIRST STRONG ISOLATE, POP DIRECTIONAL ISOLATE
LRM = "\u200e"  # LEFT-TO-RIGHT MARK
MARKS = ISOLATES + LRM  # invisible: they take no room on a line


def html(markup: str, run: re.Pattern) -> str:
    """`markup` with each right-to-left `run` of its text in a <bdi>."""
    parts = _TAG.split(markup)
    return "".join(part if n % 2 else run.sub(r"<bdi>\g<0></bdi>", part)
                   for n, part in enumerate(parts))


def text(plain: str, run: re.Pattern) -> str:
    """`plain` with each right-to-left `run` between FSI and PDI."""
    first, pop = ISOLATES
    return run.sub(lambda m: f"{first}{m[0]}{pop}", plain)


def inlines(nodes: list, run: re.Pattern, ltr: bool = False) -> list:
    """The model's inlines with each right-to-left `run` of their text
    isolated (text()); `ltr`: a paragraph of their own, led by a
    left-to-right mark where they hold such a run, as LibreOffice sets an
    entry that begins with an Arabic name right to left, whole, though the
    slide is left to right."""
    from dataclasses import replace

    from .model import Text, plain_text
    out = [Text(text(node.text, run)) if isinstance(node, Text)
           else replace(node, children=inlines(node.children, run))
           if hasattr(node, "children") else node for node in nodes]
    return [Text(LRM), *out] if ltr and run.search(plain_text(nodes)) else out
