"""Whether a figure's file is an image that can be drawn.

A file that is no image (a page saved under .png, a name mixed up) printed
the figure's caption in its place in the brief, and a damaged one (a copy
cut short) a black box, both silently; the deck said only that it is "no
raster image". SVG is drawn by the brief as it is; any other image must be
one Pillow reads whole, as WeasyPrint and the deck read it.
"""

from __future__ import annotations

from pathlib import Path


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
    return ""


def _svg(path: Path) -> bool:
    with open(path, "rb") as stream:
        head = stream.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"<svg" in head.lower() or path.suffix.lower() == ".svgz"
