"""bookdown's cross-references, as R Markdown articles (papaja's, bookdown's
`html_document2`, `pdf_document2`) write them, read into report's own
(report/crossref.py): one model, one way of numbering and linking.

`\\@ref(fig:x)`, `\\@ref(tab:x)`, `\\@ref(eq:x)` print the number alone,
the author writing the word before it ("Figure \\@ref(fig:x)"): a
cross-reference cluster of one item whose author is suppressed, as
`[-@fig-x]` is. `\\@ref(intro)` names any section by its id (bookdown
prints its number; see crossref._group for what report prints). The
labels they name:

- a caption that opens with `(\\#fig:x)` or `(\\#tab:x)`: an image's,
  `![(\\#fig:x) Caption](a.png)`, or a table's, `Table: (\\#tab:x) Caption`;
- `(\\#eq:x)` inside display math (`\\begin{equation}` … `\\end{equation}`);
- a knitr chunk's own label (report/quartocells.py): `{r x, fig.cap="…"}`
  is `fig:x`, a chunk whose kable() has a caption `tab:x`.

Each `(\\#…)` marker is taken off what is printed.

bookdown's special headings (`special`): `# (APPENDIX) Appendix {-}` starts
the appendices, each level-1 heading after it one ("Appendix A", its tables
A1…, report/crossref.py); papaja's PDF (bookdown's `\\appendix`) prints
nothing for it, nor does report. `# (PART) Part I {-}` divides a book into
parts; an article has none, so it is the plain heading it is in
`html_document2` ("Part I"), unnumbered as APA numbers no sections.
Neither marker is printed.
"""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from .errors import ReportError
from .model import CiteItem, Inline, Text

# bookdown's own pattern for a label is `[-/:[:alnum:]]+`; `_` and `.` read too.
_NAME = r"[-/:.\w]+"
REF = re.compile(rf"\\@ref\(({_NAME})\)")
# A caption's label: `(\#tab:x)`, or `(#tab:x)` as knitr::kable() writes it.
_CAPTION_LABEL = re.compile(rf"\(\\?#((?:fig|tab):{_NAME})\)\s*")
_EQUATION_LABEL = re.compile(rf"\s*\(\\?#(eq:{_NAME})\)")
# `(PART*)` is bookdown's unnumbered part, `(APPENDIX)` the appendices'.
_SPECIAL = re.compile(r"\((APPENDIX|PART)\*?\)(?:\s+|$)")

# How the author labels what a `\@ref(KEY)` names, as bookdown has it written.
HOW = {"fig": "![(\\#KEY) Caption](file.png), or a chunk's label with its fig.cap",
       "tab": "'Table: (\\#KEY) Caption' under the table",
       "eq": "(\\#KEY) inside \\begin{equation} … \\end{equation}",
       "sec": "# Heading {#KEY}"}


def register(md) -> None:
    # Before markdown-it's escapes, which would read `\@` as "@", and before
    # raw TeX, which would read `\@` as a command.
    md.inline.ruler.before("raw_tex", "bookdown_ref", ref)


def ref(state: StateInline, silent: bool) -> bool:
    """`\\@ref(label)`: a cite token the reader makes a cross-reference of."""
    match = REF.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("cite", "", 0)
        token.meta = {"items": [CiteItem(key=match[1], suppress_author=True)],
                      "narrative": False, "source": match[0], "offset": state.pos,
                      "bookdown": True}
    state.pos = match.end()
    return True


def caption_label(caption: list[Inline]) -> str:
    """The label a caption opens with, `(\\#tab:x) Caption`, taken off it
    (in place); "" if it opens with none."""
    match = _taken_off(caption, _CAPTION_LABEL)
    return match[1] if match else ""


def special(children: list[Inline]) -> str:
    """"appendix" or "part" for a heading that opens with bookdown's
    `(APPENDIX)` or `(PART)`, the marker taken off its words (in place);
    "" for any other heading."""
    match = _taken_off(children, _SPECIAL)
    return match[1].lower() if match else ""


def _taken_off(inlines: list[Inline], pattern: re.Pattern) -> re.Match | None:
    """What `pattern` matches at the start of the inlines' text, taken off
    them (in place), or None."""
    first = inlines[0] if inlines else None
    match = pattern.match(first.text) if isinstance(first, Text) else None
    if match:
        inlines[0] = Text(first.text[match.end():])
        if not inlines[0].text:
            inlines.pop(0)
    return match


def without_label(text: str) -> str:
    """A caption's plain text (an image's alt) without the label it opens with."""
    return _CAPTION_LABEL.sub("", text, count=1) if _CAPTION_LABEL.match(text) else text


def equation_label(tex: str) -> tuple[str, str]:
    """Display math without its `(\\#eq:x)` markers, and the first one's label
    ("" if none): report numbers an equation once, as it numbers `{#eq-x}`."""
    found = _EQUATION_LABEL.search(tex)
    return _EQUATION_LABEL.sub("", tex), found[1] if found else ""


def unescaped(cite) -> ReportError | None:
    """The error for `@ref(tab:x)` written without its backslash, which pandoc
    (and so report) reads as a citation of the work 'ref'; None for any
    other citation."""
    where = cite.position
    if not (cite.narrative and cite.items[0].key == "ref" and where.line):
        return None
    lines = where.path.read_text(encoding="utf-8").splitlines()
    line = lines[where.line - 1] if where.line <= len(lines) else ""
    written = _UNESCAPED.match(line, where.column - 1)
    if not written:
        return None
    return ReportError(f"'{written[0]}' reads as a citation of the work 'ref'", where.path,
                       where.line, where.column,
                       f"write bookdown's cross-reference with its backslash: \\{written[0]}")


_UNESCAPED = re.compile(rf"@ref\({_NAME}\)")
