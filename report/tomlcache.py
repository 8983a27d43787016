"""TOML files of ours read once, what they hold kept beside our bytecode.

styles/labels.toml (the words of every language) is read by every build,
in the process that reads the article, which every output waits for:
Python's tomllib parses it in pure Python, 1.7 ms of CPU, and importing
tomllib is 0.9 ms more. What it holds is strings, lists and tables, which
`marshal` writes and reads back in a few microseconds. The file kept holds
the TOML's own bytes too: an edited TOML (a style's words changed) is not
those bytes, and is parsed again, and kept again.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path

_FOLDER = Path(__file__).parent / "__pycache__"


def load(path: Path, kept: Path | None = None) -> dict:
    """The tables of the TOML file at `path`; `kept` is where its parse is
    kept (report/__pycache__/, named for the file, unless given)."""
    kept = kept or _FOLDER / f"{path.stem}.toml.marshal"
    with open(path, "rb") as file:
        text = file.read()
    try:
        with open(kept, "rb") as file:
            source, tables = marshal.load(file)
        if source == text:
            return tables
    except (OSError, EOFError, ValueError, TypeError):  # none kept yet, or not ours
        pass
    import tomllib
    tables = tomllib.loads(text.decode("utf-8"))
    _keep(kept, text, tables)
    return tables


def _keep(kept: Path, text: bytes, tables: dict) -> None:
    """Written whole under another name and put in place, so a process
    reading it never sees half a file; not at all where we cannot write
    (a read-only install: parsed again each time, as without this)."""
    partial = f"{kept}.{os.getpid()}"
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as file:
            marshal.dump((text, tables), file)
        os.replace(partial, kept)
    except (OSError, ValueError):  # ValueError: a value marshal cannot write (a TOML date)
        try:
            os.unlink(partial)
        except OSError:
            pass
