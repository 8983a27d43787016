"""Errors and warnings that a user reads: file, line, column, what to do."""

from __future__ import annotations

import re
import sys
from pathlib import Path

# Control characters but tab and newline (C0, DEL, C1): echoed from the
# input, an ESC would recolour or move the user's terminal, a VT break the line.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with each control character written as Python writes it, '\\x1b'."""
    return _CONTROL.sub(lambda found: repr(found[0])[1:-1], text)


class ReportError(Exception):
    """A problem with the user's input; the CLI prints it and exits 1."""

    def __init__(self, message: str, path: Path | str | None = None,
                 line: int | None = None, column: int | None = None,
                 hint: str = ""):
        super().__init__(message)
        self.message = message
        self.path = getattr(line, "path", None) or path
        self.line = line
        self.column = column
        self.hint = hint

    def __str__(self) -> str:
        text = f"{where(self.path, self.line, self.column)}{self.message}"
        return printable(f"{text}\n  {self.hint}" if self.hint else text)


def where(path, line=None, column=None) -> str:
    """`file:line:col: ` as compilers print it, for whatever is known."""
    path = getattr(line, "path", None) or path
    if path is None:
        return ""
    # A column alone would read as a line number.
    parts = [str(path)] + [str(n) for n in (line, column if line else None) if n is not None]
    return ":".join(parts) + ": "


class Line(int):
    """A key's line in a file other than the one read (the Quarto project's
    `_quarto.yml`, whose keys the article takes on): an error or warning
    given it names that file. `text`: the file's lines, for columns."""

    path: Path | None
    text: list

    def __new__(cls, line: int, path: Path | None = None, text: list | tuple = ()):
        made = super().__new__(cls, line)
        made.path, made.text = path, text
        return made


warned = 0  # how many warnings `warn` has given: `report check`'s summary counts them


def warn(message: str, path=None, line=None, column=None) -> None:
    global warned
    warned += 1
    print(printable(f"{where(path, line, column)}warning: {message}"), file=sys.stderr)


def nearest(word: str, choices, n: int = 3, shown=None) -> str:
    """A "did you mean" clause naming the closest of `choices`, or ''
    (`shown`: each choice as the clause names it, if not as compared)."""
    import difflib  # here: every command imports this module, few make a mistake
    close = difflib.get_close_matches(word, list(choices), n=n, cutoff=0.5)
    if not close:
        return ""
    return "did you mean " + " or ".join(f"'{(shown or {}).get(c, c)}'" for c in close) + "?"
