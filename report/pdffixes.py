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

import hashlib

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
    _one_font_a_face()
    _missing_glyphs_keep_the_text()
    _notes_stay_with_their_calls()
    _images_named_by_content()
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


# --- one PDF font for each font file -------------------------------------------------

# WeasyPrint keeps one PDF font per Pango font description (family, style,
# weight): two faces that Pango describes alike share one. A synthetic
# oblique is described as the real one: italic Arabic, which DejaVu Sans
# Oblique lacks, is DejaVu Sans slanted, "DejaVu Sans Oblique" too. In a
# brief that also sets an italic character from the real DejaVu Sans
# Oblique (an emoji in a title), the two shared one font, and the glyphs
# shaped in one file were drawn from the other: the journal's Arabic name
# printed as stray symbols, 😴 as ج. A font is now kept per description
# and face; one that would share another face's name is renamed from its
# file, so that nothing else changes a byte.
def _one_font_a_face() -> None:
    from weasyprint.pdf import stream
    from weasyprint.text.ffi import ffi
    from weasyprint.text.fonts import get_pango_font_hb_face, get_pango_font_key

    def add_font(self, pango_font):
        described, description, font_size = get_pango_font_key(pango_font)
        face = get_pango_font_hb_face(pango_font)
        key = (described, int(ffi.cast("uintptr_t", face)))
        if key not in self._fonts:
            font = stream.Font(pango_font, description, font_size)
            self._fonts[key] = _same_file(font, self._fonts.values()) or _named_apart(
                font, self._fonts.values())
        return self._fonts[key], font_size

    ORIGINALS["Stream.add_font"] = stream.Stream.add_font
    stream.Stream.add_font = add_font


# --- a font with a glyph missing keeps its text ----------------------------------

# A character no font has (📖, a Korean word without a Korean font) is drawn
# as the .notdef of the font Pango set it in: WeasyPrint gives it a code of
# its own past the font's glyphs, so that ToUnicode names the character, and
# encodes the whole font with a CMap of its own that maps that code to glyph
# 0. Readers of text (pdfminer, thus pdfplumber; pypdf) know only the named
# CMaps (Identity-H): they lost every word set in that font, the body of
# the brief. The font is now encoded Identity-H like any other, and the
# missing codes are drawn as .notdef by its CIDToGIDMap, which maps glyphs,
# not text: the same page, its text read whole (the character too).
# TrueType fonts only: a CFF font (CIDFontType0) has no CIDToGIDMap.
def _missing_glyphs_keep_the_text() -> None:
    from weasyprint.pdf import fonts

    original = ORIGINALS["_build_vector_font_dictionary"] = fonts._build_vector_font_dictionary

    def build(font_dictionary, pdf, font, widths, compress, reference, pdf_version):
        missing = font.missing
        if not missing or font.type == "otf":
            return original(font_dictionary, pdf, font, widths, compress, reference,
                            pdf_version)
        font.missing = {}  # as if none were: Identity-H
        try:
            original(font_dictionary, pdf, font, widths, compress, reference, pdf_version)
        finally:
            font.missing = missing
        descendant = pdf.objects[-1]  # the CIDFont, the last object it added
        assert descendant["Subtype"] == "/CIDFontType2", descendant
        descendant["CIDToGIDMap"] = _glyph_map(pdf, set(missing.values()), compress)

    fonts._build_vector_font_dictionary = build


# --- an image is named by its content, not by where it lies ----------------------

# WeasyPrint names an image's XObject after the MD5 of its URL (images.py,
# get_image_from_uri; Stream.add_image), and the URL of an article's image
# is file:///<the article's absolute folder>/fig.png: the same article and
# image built from two folders gave two PDFs ("/id955…" and "/i265…"),
# where the project's rule is same sources, same bytes. The name is now the
# hash of the image's bytes and of how it is turned (image-orientation
# rotates the pixels it draws): two URLs of the same picture share one
# XObject, as two uses of one URL did. Colour emoji (draw/text.py) are
# named by their PNG the same way, a name as stable as the font's.
def _images_named_by_content() -> None:
    from weasyprint import images

    original = ORIGINALS["RasterImage.__init__"] = images.RasterImage.__init__

    def __init__(self, pillow_image, image_id, image_data, filename=None, cache=None,
                 orientation="none", options=images.DEFAULT_OPTIONS):
        if image_data is not None:
            digest = hashlib.md5(image_data, usedforsecurity=False)
            digest.update(repr(orientation).encode())
            image_id = digest.hexdigest()
        original(self, pillow_image, image_id, image_data, filename, cache, orientation,
                 options)

    images.RasterImage.__init__ = __init__


# --- a footnote prints on the page of its call (CSS GCPM 3, §2.5) --------------------

# GCPM only forbids a note on a page before its call; APA (§2.13), LaTeX
# and Word set it on the very page. When a paragraph's second line would
# not fit on a page, orphans (2) ask for its first line to go to the next
# page with it; since Kozea/WeasyPrint#2437 (for #2432), _linebox_layout
# (layout/block.py) first moves the page's last footnotes to the next page,
# one by one, until the line fits: a note called anywhere on the page,
# even its first line, printed a page after its call (26 of 362 notes in
# six 30-page articles, all of their deferrals). And the line that then
# fits is kept without laying out the notes it calls: those were lost, the
# call printed, its note nowhere. The patch drops that trade: the
# paragraph breaks as on a page without notes (_break_line: its first line
# goes to the next page, one line is left blank at the foot), and each note
# stays with its call. A note too tall for any page still goes on (what
# LaTeX would split, WeasyPrint cannot). Tested in tests/test_footnote_pages.py.
_REPORT = "report = not context.in_column and can_break_now and not could_break_before"
_NO_REPORT = "report = False  # report.pdffixes: notes stay with their calls"


def _notes_stay_with_their_calls() -> None:
    from weasyprint.layout import block

    ORIGINALS["_linebox_layout"] = block._linebox_layout
    block.__dict__.update(_rewritten(block, "_linebox_layout", _REPORT, _NO_REPORT))


def _rewritten(module, name: str, old: str, new: str) -> dict:
    """Function `name` of `module`, compiled again from the module's source
    with its one `old` line replaced by `new`, in the module's globals and at
    its own line numbers (tracebacks point at the real line). Its lines run
    from its `def` to the module's next top-level statement: found by a
    scan, not by parsing the module, which cost a cold PDF 8 ms."""
    import linecache
    first = getattr(module, name).__code__.co_firstlineno
    lines = linecache.getlines(module.__file__)[first - 1:]
    end = next((n for n, line in enumerate(lines) if n and line[:1] not in " \t\n#)"),
               len(lines))
    text = "".join(lines[:end])
    if text.count(old) != 1:
        raise RuntimeError(f"report.pdffixes: {module.__name__}.{name} no longer holds {old!r}")
    code = compile("\n" * (first - 1) + text.replace(old, new), module.__file__, "exec")
    namespace: dict = {}
    exec(code, module.__dict__, namespace)  # noqa: S102 - WeasyPrint's own code, pinned
    return namespace


def _glyph_map(pdf, missing: set[int], compress: bool):
    """A CIDToGIDMap stream: each code its own glyph, the `missing` .notdef."""
    import pydyf
    codes = max(missing) + 1
    table = b"".join((0 if code in missing else code).to_bytes(2, "big")
                     for code in range(codes))
    stream = pydyf.Stream([table], compress=compress)
    pdf.add_object(stream)
    return stream.reference


def _same_file(font, fonts):
    """The font of `fonts` that is `font`'s very face, if one is."""
    return next((f for f in fonts if f.hash == font.hash and f.index == font.index
                 and f.file_content == font.file_content), None)


def _named_apart(font, fonts):
    """`font`, renamed from its file if another face has its name."""
    if any(f.hash == font.hash for f in fonts):
        digest = hashlib.md5(font.hash.encode() + font.file_content,
                             usedforsecurity=False).digest()
        old = font.hash
        font.hash = "".join(chr(65 + letter % 26) for letter in digest[:6])
        font.name = font.name.replace(old.encode(), font.hash.encode(), 1)
    return font


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
