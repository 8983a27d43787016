"""An on-disk memo: build/.cache/ beside the article.

A value is stored under a digest of everything it depends on, so a hit can
only give what computing it would: a changed input is a different key,
never a stale answer. One JSON file per article and purpose; each run keeps
the entries it used and drops the others, so the file holds one article's
worth and no more. Any trouble reading it is a miss; any trouble writing
it (a read-only folder) leaves the build uncached, not failed.
"""

from __future__ import annotations

import json
from pathlib import Path

try:
    # hashlib's own blake2b (hashlib.blake2b is this one), without hashlib
    # loading OpenSSL for the hashes it has (_hashlib: 2 ms of reading an
    # article, which needs none of them).
    from _blake2 import blake2b
except ImportError:  # a Python without it: hashlib's, whatever it is
    from hashlib import blake2b

_FORMAT = 1


def digest(*parts) -> str:
    """A short, stable name for JSON-able `parts`."""
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return blake2b(text.encode(), digest_size=16).hexdigest()


def files_digest(paths) -> str:
    """The digest of the files' contents (a missing file counts as empty)."""
    h = blake2b(digest_size=16)
    for path in paths:
        h.update(str(path).encode() + b"\0")
        try:
            h.update(Path(path).read_bytes())
        except OSError:
            pass
        h.update(b"\0")
    return h.hexdigest()


def location(article: Path, purpose: str) -> Path:
    return article.parent / "build" / ".cache" / f"{article.stem}.{purpose}.json"


class Store:
    """Memoized values by key; `Store(None)` remembers for this run only."""

    def __init__(self, path: Path | None):
        self.path = path
        self.stored = _read(path) if path else {}
        self.used: dict = {}
        self.added = False

    def get(self, key: str, compute):
        """The value under `key`, from this run, from disk, or `compute()`."""
        if key in self.used:
            return self.used[key]
        if key in self.stored:
            value = self.stored[key]
        else:
            value = compute()
            self.added = True
        self.used[key] = value
        return value

    def fill(self, jobs: list, setup=lambda: None) -> None:
        """Compute the values missing among `jobs`, (key, compute) pairs, on two cores.

        For values independent of one another and of the order they are
        computed in; the later `get`s then find them. `setup()` runs once
        before, if anything is missing: what the jobs share, made once.
        """
        from .parallel import run_all
        missing = {key: compute for key, compute in jobs
                   if key not in self.used and key not in self.stored}
        if missing:
            setup()
        values = run_all(list(missing.values()), lambda compute: compute())
        for key, value in zip(missing, values, strict=True):
            self.used[key] = value
            self.added = True

    def save(self) -> None:
        """Write what this run used, if that differs from what is stored."""
        if self.path is None or not (self.added or len(self.used) != len(self.stored)):
            return
        from .output import atomic
        try:
            with atomic(self.path) as temporary:
                temporary.write_text(json.dumps({"format": _FORMAT, "entries": self.used},
                                                ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}
