"""Quarto's executable code cells (```` ```{r} ````, ```` ```{python} ````…),
which report does not run: it shows them as Quarto would with their code
and without their output.

A cell's `#|` option lines are read as Quarto reads them, and not shown:
`include: false` leaves the cell out, `echo: false` its code (so does the
front matter's `execute: echo: false`). A cell labelled `fig-x` or `tbl-x`
still stands for its figure or table: numbered, captioned (`fig-cap`,
`tbl-cap`) and cross-referenced, with a line that says the output is not
there, so the article builds and reads in order.

Inline code that Quarto (knitr, Jupyter) runs among the words, `` `r nrow(d)` ``
or `` `{python} len(df)` ``, stands as its expression in the code font,
bracketed with its language: "[r: nrow(d)]", never as a value; the reader
warns where it is written.
"""

from __future__ import annotations

import re

import yaml

from .model import CodeBlock, Emph, Figure, Para, Table, Text

CELL = re.compile(r"\{(r|python|julia|ojs|bash|sql)\b[^}]*\}")
_OPTION = re.compile(r"\s*#\|\s?(.*)")
# knitr's `r expr`; Quarto's `{r} expr`, `{python} expr`… (a language in braces).
_INLINE = re.compile(r"(?:(r)|\{(r|python|julia|ojs)\})[ \t]+(\S.*)", re.S)


def is_cell(info: str) -> bool:
    return bool(CELL.match(info.strip()))


def inline(code: str) -> str | None:
    """What inline code that Quarto runs prints here ("[r: nrow(d)]"), or
    None for code that is only code."""
    match = _INLINE.fullmatch(code)
    return f"[{match[1] or match[2]}: {match[3].strip()}]" if match else None


def blocks(code: str, info: str, echo: bool, caption, not_run: str, note: str = "Note") -> list:
    """The blocks that stand for one cell: its code (unless hidden) and the
    figure or table it labels. `caption(text)` reads a caption's Markdown;
    `not_run` says, of a label, that its output is not there; `note` is the
    word an apa-note begins with, in the article's language."""
    options, source = _options(code)
    if options.get("include") is False:
        return []
    out = []
    if options.get("echo", echo) is not False:
        out.append(CodeBlock(source, CELL.match(info.strip())[1]))
    label = str(options.get("label") or "")
    if label.startswith("fig-"):  # no picture: the brief says why (not_run)
        text = str(options.get("fig-cap") or "")
        out.append(Figure("", text, caption(text), label))
    elif label.startswith("tbl-"):  # one cell, that says why
        missing = [[Text(not_run.format(label=label))]]
        out.append(Table([], [missing], ["left"], caption(str(options.get("tbl-cap") or "")),
                         label))
    else:
        return out
    text = str(options.get("apa-note") or "")  # apaquarto's note under the float
    return out + ([Para([Emph([Text(f"{note}.")]), Text(" "), *caption(text)])] if text else [])


def _options(code: str) -> tuple[dict, str]:
    """The `#|` lines at a cell's top as YAML, and the code under them."""
    lines = code.split("\n")
    count = next((n for n, line in enumerate(lines) if not _OPTION.match(line)), len(lines))
    try:
        options = yaml.safe_load("\n".join(_OPTION.match(line)[1] for line in lines[:count]))
    except yaml.YAMLError:
        options = None  # options Quarto would refuse: the cell shown as it is
    if not isinstance(options, dict):
        return {}, code
    return options, "\n".join(lines[count:])
