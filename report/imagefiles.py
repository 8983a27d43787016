"""Whether a figure's file is an image that can be drawn.

A file that is no image (a page saved under .png, a name mixed up) printed
the figure's caption in its place in the brief, and a damaged one (a copy
cut short) a black box, both silently; the deck said only that it is "no
raster image". SVG is drawn by the brief as it is; any other image must be
one Pillow reads whole and turns into pixels, as WeasyPrint and the deck
read it. Pillow names some formats it cannot draw (EMF and WMF, the charts
Excel and SPSS paste into Word): the brief printed "Figure 1" over blank
space and the deck stopped on an internal error.
"""

from __future__ import annotations

import io
import shlex
from pathlib import Path

# Pillow knows these only by name: it reads their size, never their
# drawing (a vector metafile; Pillow draws one only on Windows).
_METAFILES = {"WMF": "a Windows metafile (WMF/EMF)"}


def problem(path: Path) -> str:
    """Why the file cannot be drawn ('is no image …'), or '' if it can."""
    from PIL import Image, UnidentifiedImageError
    if _svg(path):
        return ""
    try:
        with Image.open(path) as image:
            image.verify()  # each chunk read and checked: a file cut short fails here
    except UnidentifiedImageError:
        return "is no image (not PNG, JPEG, GIF, SVG or another format Pillow reads)"
    except (OSError, SyntaxError, ValueError) as error:  # Pillow's words for a damaged file
        return f"is damaged ({error})"
    return _undrawable(path)


def _undrawable(path: Path) -> str:
    """Why an image Pillow names cannot be turned into pixels, as the brief
    (WeasyPrint, which makes a PNG of any image but a JPEG) and the deck
    (PNG for a format PowerPoint does not take) do; '' if it can."""
    from PIL import Image
    export = (f"convert it ({shlex.join(['soffice', '--headless', '--convert-to', 'png', path.name])})"
              " or export it again as PNG or SVG")
    kind = "an image"
    try:
        with Image.open(path) as image:
            kind = _METAFILES.get(image.format or "", f"a {image.format} image")
            if image.format in _METAFILES:
                return f"is {kind}, which neither the brief nor the deck can draw: {export}"
            image.load()
            if image.format not in ("JPEG", "MPO"):  # as WeasyPrint converts it first
                pixel = image.crop((0, 0, 1, 1))
                pixel = pixel.convert("RGB") if pixel.mode in ("1", "P", "I") else pixel
                pixel.save(io.BytesIO(), "PNG")
    except (OSError, SyntaxError, ValueError, KeyError) as error:
        return f"is {kind} that cannot be drawn ({error}): {export}"
    return ""


def _svg(path: Path) -> bool:
    with open(path, "rb") as stream:
        head = stream.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"<svg" in head.lower() or path.suffix.lower() == ".svgz"
