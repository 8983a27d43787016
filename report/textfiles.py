"""The user's text files, read as UTF-8 (a byte-order mark allowed).

One that is not names the line and column of its first byte that is not
UTF-8 and says how to save it, whatever file it is: the article, its
bibliography, a citations file for `report bib`, `_variables.yml`, a deck
theme. (Only the article said so; the others stopped with "internal error:
UnicodeDecodeError", or named no place.)
"""

from __future__ import annotations

from pathlib import Path

from .errors import ReportError

HINT = "save it as UTF-8 (your editor's 'Save with encoding')"


def read(path: Path, what: str) -> str:
    """The file's text; `what` names it in the error ("the bibliography").
    A missing or unreadable file raises OSError, for the caller to word."""
    return decode(path.read_bytes(), path, what)


def decode(raw: bytes, path: Path, what: str) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # as Windows' shells redirect into a file
        raise ReportError(f"{what} is UTF-16 text, not UTF-8", path, 1, 1, HINT)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise ReportError(f"{what} is not UTF-8 text", path, line, column, HINT) from None
