"""A font's character map, advance widths and kerning, read once per font file.

Reading them with fontTools costs a cold deck 0.07 s of its 0.4 (the
import, then four faces' cmap, hmtx and kern tables). Like fontconfig's
and matplotlib's font caches, the tables are kept in the user's cache
folder ($XDG_CACHE_HOME/report/fonts, else ~/.cache/report/fonts) under a
digest of the font file's bytes: another font, or the same file changed,
is another entry, never a stale one. Any trouble reading or writing there
means reading the font itself.

The fonts LibreOffice and WeasyPrint fall back to for a character the
deck's font lacks (textfit, through fontconfig) are installed ones, some of
them tens of megabytes: their widths are kept under the file's path, size
and modification time (fontconfig's own test of a cached font), in short
(most glyphs of a CJK or emoji font are one width).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

from .cache import blake2b  # hashlib's, without OpenSSL
from .output import atomic

_FORMAT = b"report font metrics 2"
_WIDTHS = b"report fallback widths 1"


class Metrics(NamedTuple):
    cmap: dict[int, str]                 # code point → glyph name
    advances: dict[str, int]             # glyph name → advance width, in font units
    units: int                           # font units per em
    kerning: dict[tuple[str, str], int]  # (left glyph, right glyph) → adjustment
    pattern: str = ""                    # the face as fontconfig names it: "Liberation Sans:bold"


def read(path: Path) -> Metrics:
    """The metrics of the font file at `path`, from the cache when it has them."""
    data = Path(path).read_bytes()
    entry = _folder() / f"{blake2b(_FORMAT + data, digest_size=16).hexdigest()}.json"
    try:
        return _decoded(json.loads(entry.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError):
        pass
    metrics = _from_font(path)
    _store(entry, metrics)
    return metrics


def _folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "report" / "fonts"


def _from_font(path: Path) -> Metrics:
    from fontTools.ttLib import TTFont
    font = TTFont(str(path), lazy=True)
    kerning = font["kern"].kernTables[0].kernTable if "kern" in font else {}
    return Metrics(dict(font.getBestCmap()),
                   {glyph: advance for glyph, (advance, _) in font["hmtx"].metrics.items()},
                   font["head"].unitsPerEm, dict(kerning), _pattern(font))


def _pattern(font) -> str:
    """The face's family, weight and slant as a fontconfig pattern: what
    LibreOffice asks fontconfig for when it falls back from it."""
    family = font["name"].getBestFamilyName() or ""
    style = [":bold"] if font["OS/2"].usWeightClass >= 600 else []
    if font["OS/2"].fsSelection & 1 or font["head"].macStyle & 2:
        style.append(":italic")
    return family.replace("-", r"\-").replace(":", r"\:") + "".join(style)


class Widths(NamedTuple):
    units: int                 # font units per em
    common: int                # the advance most of its characters have
    others: dict[int, int]     # code point → advance, where it is another


def widths(path: Path, index: int = 0) -> Widths | None:
    """The advance widths of the characters of the installed font `path`
    (face `index` of a collection); None if fontTools cannot read it."""
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    key = _WIDTHS + f"{path}|{index}|{stat.st_size}|{stat.st_mtime_ns}".encode()
    entry = _folder() / f"w{blake2b(key, digest_size=16).hexdigest()}.json"
    try:
        stored = json.loads(entry.read_text(encoding="utf-8"))
        return Widths(int(stored["units"]), int(stored["common"]),
                      {int(point): advance for point, advance in stored["others"].items()})
    except (OSError, ValueError, TypeError, KeyError):
        pass
    found = _widths_from_font(path, index)
    if found:
        _write(entry, json.dumps(found._asdict()))
    return found


def _widths_from_font(path: Path, index: int) -> Widths | None:
    from collections import Counter
    from fontTools.ttLib import TTFont
    try:
        font = TTFont(str(path), lazy=True, fontNumber=index)
        advances = {point: font["hmtx"].metrics[glyph][0]
                    for point, glyph in font.getBestCmap().items()}
        units = font["head"].unitsPerEm
    except Exception:  # a Type 1 font, a damaged one: fontTools' errors have no one base
        return None
    common = Counter(advances.values()).most_common(1)[0][0] if advances else units // 2
    return Widths(units, common, {p: a for p, a in advances.items() if a != common})


def _store(entry: Path, metrics: Metrics) -> None:
    """Written whole or not at all: another build may be reading the cache."""
    _write(entry, json.dumps({
        "cmap": metrics.cmap, "advances": metrics.advances, "units": metrics.units,
        "kerning": [[*pair, value] for pair, value in metrics.kerning.items()],
        "pattern": metrics.pattern}))


def _write(entry: Path, text: str) -> None:
    try:
        with atomic(entry) as part:
            part.write_text(text, encoding="utf-8")
    except OSError:
        pass  # a read-only home: the next build reads the font again


def _decoded(stored: dict) -> Metrics:
    return Metrics({int(point): glyph for point, glyph in stored["cmap"].items()},
                   stored["advances"], int(stored["units"]),
                   {(left, right): value for left, right, value in stored["kerning"]},
                   stored["pattern"])
