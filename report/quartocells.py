"""Quarto's executable code cells (```` ```{r} ````, ```` ```{python} ````…),
which report does not run: it shows them as Quarto would with their code
and without their output.

A cell's `#|` option lines are read as Quarto reads them, and not shown
(so are R Markdown's options in the header, `{r fig-a, fig.cap="A", echo=FALSE}`):
`include: false` leaves the cell out, `echo: false` its code (so does the
front matter's `execute: echo: false`). A cell labelled `fig-x` or `tbl-x`
still stands for its figure or table: numbered, captioned (`fig-cap`,
`tbl-cap`) and cross-referenced, with a line that says the output is not
there, so the article builds and reads in order. So does a cell with a
caption, labelled as knitr labels it for bookdown's `\\@ref`
(report/bookdown.py): a chunk `x` with `fig.cap` is the figure `fig:x`,
one with `tab.cap`, or whose `kable()` (`kbl()`, papaja's `apa_table()`)
is given a caption, the table `tab:x`: that caption, when the code
writes it as a string, is the table's, and so is `apa_table()`'s `note`,
its *Note.* (as apaquarto's `apa-note`).

Inline code that Quarto (knitr, Jupyter) runs among the words, `` `r nrow(d)` ``
or `` `{python} len(df)` ``, stands as its expression in the code font,
bracketed with its language: "[r: nrow(d)]", never as a value; the reader
warns where it is written.
"""

from __future__ import annotations

import re

import yaml

from . import labels, yamlcore
from .model import CodeBlock, Echo, Emph, Figure, Para, Table, Text

# knitr's engines and Quarto's (Jupyter's languages, its diagrams): a fence
# `{css, echo=FALSE}` is a chunk knitr runs as it runs `{r}`, its code hidden;
# `{verbatim}`, `{embed}`, `{asis}` and `{comment}` print what they hold.
_ENGINES = ("r|rscript|python3?|julia|ojs|bash|sh|zsh|sql|mysql|psql|css|sass|scss|js|node"
            "|stan|rcpp|cpp|c|fortran|fortran95|go|perl|ruby|octave|sas|stata|scala|haskell"
            "|groovy|awk|sed|tikz|asy|mermaid|dot")
CELL = re.compile(rf"\{{({_ENGINES})\b[^}}]*\}}", re.I)
DIAGRAMS = ("mermaid", "dot")  # Quarto shows a diagram, not its code, unless told
# Cell options, in the language's comment: `#|`, `//|` (ojs, js), `--|` (sql), `%%|` (mermaid)
_OPTION = re.compile(r"\s*(?:#|//|--|%%)\|\s?(.*)")
# knitr's `r expr`; Quarto's `{r} expr`, `{python} expr`… (a language in braces).
_INLINE = re.compile(r"(?:(r)|\{(r|python|julia|ojs)\})[ \t]+(\S.*)", re.S)


def is_cell(info: str) -> bool:
    return bool(CELL.match(info.strip()))


def inline(code: str) -> str | None:
    """What inline code that Quarto runs prints here ("[r: nrow(d)]"), or
    None for code that is only code."""
    match = _INLINE.fullmatch(code)
    return f"[{match[1] or match[2]}: {match[3].strip()}]" if match else None


def blocks(code: str, info: str, echo: Echo, caption, not_run: str, note: str = "Note",
           not_run_unnamed: str = "") -> list:
    """The blocks that stand for one cell: its code (unless hidden) and the
    figure or table it labels. `caption(text)` reads a caption's Markdown;
    `not_run` says, of a label, that its output is not there (and
    `not_run_unnamed` of a cell without one); `note` is the
    word an apa-note begins with, in the article's language."""
    options, source = _options(code)
    options = {**_header(info), **options}  # the `#|` lines win, as in knitr
    if options.get("include") is False:
        return []
    out = []
    language = CELL.match(info.strip())[1].lower()
    if echo is Echo.CODE and language in DIAGRAMS:
        echo = Echo.HIDDEN  # a diagram, not its code, unless the cell says so
    shown = Echo.of(options["echo"]) if "echo" in options else echo
    if shown is Echo.FENCED:
        out.append(CodeBlock(_fenced(code, info), language))
    elif shown is Echo.CODE:
        out.append(CodeBlock(source, language))
    found = _float(str(options.get("label") or ""), options, source)
    if found is None:
        return out
    kind, label, text = found
    if kind == "fig":  # no picture: the brief says why (not_run)
        out.append(Figure("", text, caption(text), label))
    else:  # one cell, that says why
        missing = [[Text(not_run.format(label=label) if label else not_run_unnamed)]]
        out.append(Table([], [missing], ["left"], caption(text), label))
    given = options.get("apa-note")
    if isinstance(given, str):  # Quarto hands it on as a quoted attribute
        given = _ATTRIBUTE_ESCAPE.sub(r"\1", given)
    elif given is None and kind == "tbl":
        given = _call_string(source, _APA_TABLE, "note")
    return out + note_paragraphs(given, caption, note)


# Quarto writes a cell's own option, such as apa-note, into the markdown as
# an attribute, `apa-note='…'`, which pandoc reads with its backslash
# escapes: apaquarto's `#| apa-note: NoNote \\* *p* < .05` is "\* *p* < .05"
# to its filter, an asterisk. A list goes as JSON, whose escapes undo these.
_ATTRIBUTE_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
NO_NOTE = "NoNote "  # apaquarto: a note that begins so has no "Note." before it


def without_note_label(texts: list[str]) -> tuple[bool, list[str]]:
    """(whether the first note is labelled "Note.", the notes' texts): an
    apa-note that begins with apaquarto's "NoNote " (a specific or
    probability note alone, APA §7.14) is not labelled."""
    labelled = not (texts and texts[0].startswith(NO_NOTE))
    return labelled, [t[len(NO_NOTE):] if t.startswith(NO_NOTE) else t for t in texts]


def note_paragraphs(value, caption, note: str) -> list:
    """apaquarto's note under the float (`apa-note`, a cell's option or a
    figure's or div's attribute): "Note. …", `note` the language's word,
    `caption` what reads a text's inlines. Of a list of them, a specific
    ("^a^ …") or probability one ("\\* *p* < .05") stands as a paragraph of
    its own (APA §7.14); the rest is the general note's."""
    texts = [str(v).strip() for v in (value if isinstance(value, list) else [value]) if v]
    labelled, texts = without_note_label(texts)
    paragraphs = []
    for text in filter(None, texts):
        own = Para(caption(text))
        if not paragraphs:
            label = [Emph([Text(f"{note}.")]), Text(" ")] if labelled else []
            paragraphs.append(Para([*label, *own.children]))
        elif labels.is_note(own):
            paragraphs.append(own)
        else:
            paragraphs[-1].children += [Text(" "), *own.children]
    return paragraphs


def _float(label: str, options: dict, source: str) -> tuple[str, str, str] | None:
    """("fig" or "tbl", its label, its caption) of what a cell stands for, or
    None: Quarto's by its label; knitr's by its caption, labelled with its
    chunk's (`fig:x`, `tab:x`). An unnamed chunk's (knitr's `unnamed-chunk-N`)
    is a figure or table still, numbered in its place, with no label: no
    `\\@ref` can name it."""
    if label.startswith(("fig-", "tbl-")):
        return label[:3], label, str(options.get(f"{label[:3]}-cap") or "")
    if options.get("fig-cap"):
        return "fig", label and f"fig:{label}", str(options["fig-cap"])
    text = options.get("tbl-cap") or _table_caption(source)
    return None if text is None else ("tbl", label and f"tab:{label}", str(text))


_TABLE_CALL = re.compile(r"\b(?:kable|kbl|apa_table)\s*\(")
_APA_TABLE = re.compile(r"\bapa_table\s*\(")  # papaja's, whose `note =` is the table's
_STRING = r"""\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')?"""


def _table_caption(code: str) -> str | None:
    """The caption a table call is given, `kable(d, caption = "Means")`: its
    words as R reads the string, "" if it is no string; None if no call
    has one (knitr numbers no table without)."""
    return _call_string(code, _TABLE_CALL, "caption")


def _call_string(code: str, call: re.Pattern, name: str) -> str | None:
    """The string a call's argument `name` is given, `apa_table(d, note =
    "…")`, as R reads it; "" if it is no string; None if not given."""
    found = call.search(code)
    given = found and re.compile(rf"(?<![\w.]){name}{_STRING}").search(code, found.end())
    if not given:
        return None
    written = given[1] if given[1] is not None else given[2]
    return re.sub(r"\\(.)", r"\1", written) if written is not None else ""


_HEADER_ITEM = re.compile(r"""\s*(?:([\w.-]+)\s*=\s*)?("[^"]*"|'[^']*'|[^,]*?)\s*(?:,|$)""")
_R_VALUES = {"TRUE": True, "T": True, "True": True, "FALSE": False, "F": False,
             "False": False, "NULL": None}


def _header(info: str) -> dict:
    """R Markdown's chunk options in the header, `{r fig-a, fig.cap="A", echo=FALSE}`,
    as Quarto's: the first unnamed one is the label, `fig.cap` is `fig-cap`
    (`tab.cap` and `tbl.cap`: `tbl-cap`), TRUE and FALSE are yes and no."""
    inner = CELL.match(info.strip())[0][1:-1]
    rest = inner.split(None, 1)[1] if len(inner.split(None, 1)) > 1 else ""
    rest = rest.lstrip(", ")
    options, at = {}, 0
    while at < len(rest):
        item = _HEADER_ITEM.match(rest, at)
        if not item or item.end() == at:
            break
        at = item.end()
        name, value = item[1], item[2]
        if not value and not name:
            continue
        if value[:1] in "\"'" and len(value) > 1 and value[-1] == value[0]:
            value = value[1:-1]
        else:
            value = _R_VALUES.get(value, value)
        if name is None:
            options.setdefault("label", value)
            continue
        name = {"tab.cap": "tbl-cap", "tbl.cap": "tbl-cap"}.get(name, name.replace(".", "-"))
        options[name] = value
    return options


def _fenced(code: str, info: str) -> str:
    """The cell as written, fence and options, for `echo: fenced`: Quarto
    shows every option line but `echo: fenced` itself (it would confuse)."""
    lines = code.rstrip("\n").split("\n")
    count = next((n for n, line in enumerate(lines) if not _OPTION.match(line)), len(lines))
    kept = [line for line in lines[:count]
            if not _ECHO_FENCED.fullmatch(_OPTION.match(line)[1].strip())]
    return "\n".join([f"```{info.strip()}", *kept, *lines[count:], "```"]) + "\n"


_ECHO_FENCED = re.compile(r"echo:\s*['\"]?fenced['\"]?")


def _options(code: str) -> tuple[dict, str]:
    """The `#|` lines at a cell's top as YAML, and the code under them."""
    lines = code.split("\n")
    count = next((n for n, line in enumerate(lines) if not _OPTION.match(line)), len(lines))
    try:
        options = yamlcore.load("\n".join(_OPTION.match(line)[1] for line in lines[:count]))
    except yaml.YAMLError:
        options = None  # options Quarto would refuse: the cell shown as it is
    if not isinstance(options, dict):
        return {}, code
    return options, "\n".join(lines[count:])
