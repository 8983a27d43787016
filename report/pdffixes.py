"""Where WeasyPrint 70.0 lays out text other than CSS says it should.

Each fix is a small patch, pinned to exactly that version (requirements.txt)
and named for the rule it restores; `apply()` installs them all, once,
called by pdfspeed.apply(), which every writer of a PDF calls before it
imports WeasyPrint. tests/test_pdf_fixes.py checks each on WeasyPrint
alone, and tests/test_brief.py on the brief. Unlike pdfspeed's patches,
these change the bytes written: that is what they are for. `apply()` also
installs report/pagefloats.py, what WeasyPrint has no CSS for at all: a
figure deferred to the top of the next page, as LaTeX floats it.
"""

from __future__ import annotations

_VERSION = "70.0"
_applied = False
ORIGINALS: dict = {}  # what the patches replaced, by name: for the tests


def apply() -> None:
    global _applied
    if _applied:
        return
    import weasyprint
    if weasyprint.__version__ != _VERSION:
        raise RuntimeError(f"report.pdffixes patches weasyprint {_VERSION}, not "
                           f"{weasyprint.__version__}; see requirements.txt")
    _trailing_spaces_hang()
    from . import pagefloats
    pagefloats.apply()  # what WeasyPrint cannot place: a figure deferred as LaTeX does
    _applied = True


# --- trailing spaces hang (CSS Text 3, §4.1.3) ------------------------------------

# A text box that ends in a space (the text before an <em> or an <a>) and
# that fits its line but for that space was cut after its first word:
# "Nguyễn," alone on a line, then the rest of the reference. split_first_line
# (text/line_break.py) asks Pango for the first line; Pango lets the space
# hang past the edge and puts the whole text on it, but the width it reports
# counts the space, so step 2 finds the line too wide, and step 3, finding
# no break before the end, takes the line for one word too long to fit: it
# keeps the first word and tries to hyphenate it. CSS says a collapsible
# space at the end of a line hangs: the text fits if it fits without it.
# WeasyPrint's issue #1051 was this bug (fixed in 2020, back since the
# rewrite of split_first_line); upstream main still has it.
#
# The patch asks again only where the first line came back as one word (no
# space inside) from a text ending in a space: the text without its spaces
# is laid out in the same width, and if it all fits, the text is returned
# whole, as if it had fitted at once, its space hanging. What follows it on
# the line is then broken before, as a line that fits is.
def _trailing_spaces_hang() -> None:
    from weasyprint.layout import inline

    original = ORIGINALS["split_first_line"] = inline.split_first_line

    def split_first_line(text, style, context, max_width, justification_spacing,
                         is_line_start=True, minimum=False):
        split = original(text, style, context, max_width, justification_spacing,
                         is_line_start, minimum)
        if split[2] is None or not _cut_for_a_hanging_space(text, split[1], style) \
                or not _may_fit(text, style, max_width):
            return split
        fits = original(text.rstrip(" "), style, context, max_width, justification_spacing,
                        is_line_start, minimum)
        if fits[2] is not None:  # a real break: the cut stands
            return split
        return original(text, style, context, None, justification_spacing,
                        is_line_start, minimum)

    inline.split_first_line = split_first_line


def _may_fit(text: str, style, max_width) -> bool:
    """Whether `text` without its last spaces could fit `max_width` at all,
    no glyph being narrower than a fifth of an em (a period is a quarter):
    laying out a long paragraph again to find it does not would cost a
    100-page brief a second."""
    return max_width is None or len(text.rstrip(" ")) * style["font_size"] * 0.2 <= max_width


def _cut_for_a_hanging_space(text: str, length: int, style) -> bool:
    """Whether the first line of `text`, `length` bytes of it, may be the
    one word that split_first_line keeps when only the space at the end of
    `text` would not fit."""
    if style["white_space"] not in ("normal", "pre-line") or not text.endswith(" "):
        return False
    first = text.encode()[:length].decode(errors="ignore").strip(" ")
    return bool(first) and " " not in first and bool(text.rstrip(" "))
