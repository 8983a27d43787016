"""Images pasted into the article as data URIs (`![A](data:image/png;base64,…)`,
as a notebook or an editor pastes them): written once to a file under
build/.cache/ beside the article, named by their content, which every
writer then reads as it reads an image the author saved there.
"""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path

from .cache import blake2b  # hashlib's, without OpenSSL
from .output import atomic

_DATA = re.compile(r"^data:image/(png|jpe?g|gif|svg\+xml|webp);base64,", re.IGNORECASE)
_SUFFIXES = {"png": ".png", "jpeg": ".jpg", "jpg": ".jpg", "gif": ".gif", "svg+xml": ".svg",
             "webp": ".webp"}
FOLDER = Path("build", ".cache", "images")


def is_image(src: str) -> bool:
    return bool(_DATA.match(src))


def unpacked(src: str, folder: Path) -> str | None:
    """The data URI's image as a file under `folder` (the article's), its
    path from there; None if its base64 is broken or holds nothing."""
    kind = _DATA.match(src)
    try:
        data = base64.b64decode(src[kind.end():].strip(), validate=False)
    except (binascii.Error, ValueError):
        return None
    if not data:
        return None
    name = FOLDER / (blake2b(data, digest_size=12).hexdigest()
                     + _SUFFIXES[kind[1].lower()])
    if not (folder / name).is_file():
        with atomic(folder / name) as temporary:
            temporary.write_bytes(data)
    return name.as_posix()
