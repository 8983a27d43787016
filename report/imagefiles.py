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
import warnings
from pathlib import Path

# Pillow knows these only by name: it reads their size, never their
# drawing (a vector metafile; Pillow draws one only on Windows).
_METAFILES = {"WMF": "a Windows metafile (WMF/EMF)"}
# What the brief and the deck draw whatever their mode: verify() has read
# them through, so they are not decoded again to see (a photograph: 0.1 s).
_DRAWN = {"PNG", "JPEG", "MPO", "GIF"}
# Pillow's "decompression bomb" warning, at each opening of a large image in
# the brief (WeasyPrint) and the deck: too_large says it once, with the
# article's line. Set once, here: a `catch_warnings` around the reading
# would take back a filter set later.
warnings.filterwarnings("ignore", message=r"Image size \(\d+ pixels\) exceeds limit")


# What to do about an image too large: print needs about 300 pixels an inch,
# a slide fewer; a page's width at most is some 2000 (3000 spares some).
SMALLER = "save it smaller (3000 px wide is plenty for a printed page and a slide)"
AGAIN = "save it again as PNG or JPEG"
SVG_AGAIN = "save it again as SVG from the program that made it (or as PNG)"


def problem(path: Path) -> tuple[str, str]:
    """Why the file cannot be drawn ('is no image …') and what to do, or
    ('', '') if it can."""
    from PIL import Image
    if _svg(path):
        found = _svg_problem(path)
        return found, SVG_AGAIN if found else ""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # too_large says it
        if _pixel_count(path, 0) > 2 * _bomb_limit():  # Pillow refuses to read it
            return f"is {_size_said(path)}, more than the build can read", SMALLER
        found = _raster_problem(path)
    return found, AGAIN if found else ""


def _raster_problem(path: Path) -> str:
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(path) as image:
            image.verify()  # each chunk read and checked: a file cut short fails here
    except UnidentifiedImageError:
        return "is no image (not PNG, JPEG, GIF, SVG or another format Pillow reads)"
    except (OSError, SyntaxError, ValueError) as error:  # Pillow's words for a damaged file
        return f"is damaged ({error})"
    return _undrawable(path)


def too_large(path: Path) -> str:
    """Whether the image has more pixels than Pillow reads without its
    warning of a "decompression bomb" (89 million; it refuses twice that):
    the brief and the deck decode it whole, slowly and into gigabytes; ''
    if not (or if problem() says what is wrong with it)."""
    if _svg(path) or _pixel_count(path, 0) <= _bomb_limit():
        return ""
    return f"is {_size_said(path)}: the build is slow and its files large"


def _bomb_limit() -> int:
    from PIL import Image
    return Image.MAX_IMAGE_PIXELS or 2 ** 62


def _size(path: Path) -> tuple[int, int]:
    """The image's width and height in pixels, from its header (none decoded)."""
    from PIL import Image
    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # its size is what is asked
    try:
        with Image.open(path) as image:
            return image.size
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def _pixel_count(path: Path, otherwise: int | None = None) -> int:
    """The image's pixels; `otherwise` for a file Pillow cannot size (the
    error raised if None)."""
    try:
        width, height = _size(path)
    except (OSError, SyntaxError, ValueError):
        if otherwise is None:
            raise
        return otherwise
    return width * height


def _size_said(path: Path) -> str:
    width, height = _size(path)
    return f"{width}×{height} px ({width * height / 1e6:,.0f} million pixels)"


def _undrawable(path: Path) -> str:
    """Why an image Pillow names cannot be turned into pixels, as the brief
    (WeasyPrint, which makes a PNG of any image but a JPEG) and the deck
    (PNG for a format PowerPoint does not take) do; '' if it can."""
    from PIL import Image
    command = shlex.join(["soffice", "--headless", "--convert-to", "png", path.name])
    export = f"convert it ({command}) or export it again as PNG or SVG"
    kind = "an image"
    try:
        with Image.open(path) as image:
            kind = _METAFILES.get(image.format or "", f"a {image.format} image")
            if image.format in _METAFILES:
                return f"is {kind}, which neither the brief nor the deck can draw: {export}"
            if image.format in _DRAWN:
                return ""
            image.load()  # and a pixel made PNG, as WeasyPrint converts it first
            pixel = image.crop((0, 0, 1, 1))
            pixel = pixel.convert("RGB") if pixel.mode in ("1", "P", "I") else pixel
            pixel.save(io.BytesIO(), "PNG")
    except (OSError, SyntaxError, ValueError, KeyError) as error:
        return f"is {kind} that cannot be drawn ({error}): {export}"
    return ""


def _svg_problem(path: Path) -> str:
    """Why the brief cannot draw the SVG, or '': WeasyPrint reads it with
    ElementTree, and draws the figure's alt text in its place, silently,
    when that fails: XML cut short or malformed, an entity it does not
    define (an external one: nothing is fetched) or one that expands past
    expat's limit, or another root than <svg>."""
    import gzip
    import zlib
    from xml.etree import ElementTree
    try:
        data = path.read_bytes()
        if path.suffix.lower() == ".svgz" or data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return f"is no SVG the brief can draw (its XML: {error})"
    except (OSError, EOFError, zlib.error) as error:
        return f"is damaged ({error})"
    if root.tag.rpartition("}")[2] != "svg":
        return f"is no SVG the brief can draw (its XML's root is <{root.tag}>, not <svg>)"
    return ""


def _svg(path: Path) -> bool:
    with open(path, "rb") as stream:
        head = stream.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"<svg" in head.lower() or path.suffix.lower() == ".svgz"


def aspect(uri: str) -> float | None:
    """The picture's width over its height, as the brief draws it (Pillow's
    pixels; an SVG's viewBox, else its width and height), for the `file:`
    or `data:` URI the brief names it by; None where that is not known."""
    try:
        with _opened(uri) as stream:
            if stream is None:
                return None
            head = stream.read(1024)
            stream.seek(0)
            if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                return _svg_aspect(stream)
            from PIL import Image
            with Image.open(stream) as image:
                width, height = image.size
    except (OSError, SyntaxError, ValueError):
        return None
    return width / height if width > 0 and height > 0 else None


def _opened(uri: str):
    """The URI's bytes, as a stream (None for any other URI)."""
    import base64
    from contextlib import nullcontext
    from urllib.parse import unquote, urlparse
    from urllib.request import url2pathname
    if uri.startswith("data:") and ";base64," in uri[:100]:
        return io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))
    if uri.startswith("file:"):
        return open(url2pathname(unquote(urlparse(uri).path)), "rb")
    path = Path(unquote(uri))
    return open(path, "rb") if not urlparse(uri).scheme and path.is_file() else nullcontext()


def _svg_aspect(stream) -> float | None:
    """An SVG's width over its height (both in one unit), else its viewBox's."""
    import re
    from xml.etree.ElementTree import iterparse
    for _, root in iterparse(stream, events=("start",)):
        sizes = [re.fullmatch(r"\s*([\d.]+)\s*(px|pt|in|cm|mm|)\s*", root.get(name, ""))
                 for name in ("width", "height")]
        box = re.split(r"[\s,]+", root.get("viewBox", "").strip())
        if all(sizes) and sizes[0][2] == sizes[1][2]:
            width, height = float(sizes[0][1]), float(sizes[1][1])
        elif len(box) == 4:
            width, height = float(box[2]), float(box[3])
        else:
            return None
        return width / height if width > 0 and height > 0 else None
    return None
