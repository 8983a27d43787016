"""The document model: plain data between the reader and the writers.

Like Pandoc's AST, it knows nothing of Markdown or of any output format.
The reader builds it, the citation stage fills in `Cite.rendered` and
`Document.references`, and every writer only walks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Union


# Nodes of one shape share the methods @dataclass writes: it writes and
# compiles an __init__, __repr__ and __eq__ for each class it makes, at
# every start (0.2 ms a class). Inherited, they work on each node as its
# own: its class's name in its repr, never equal to another class's node.

@dataclass
class _Inlines:
    """A run of inlines, its children, and nothing else."""
    children: list[Inline]


@dataclass
class _Textual:
    """Words as written, and nothing else."""
    text: str


@dataclass
class _Empty:
    """Nothing but what it is: a break, a rule, a place."""


# --- inlines -----------------------------------------------------------------

class Text(_Textual):
    """Plain words, as written: spaces, punctuation and all."""


class Emph(_Inlines):
    """`*text*`: emphasis, set in italics."""


class Strong(_Inlines):
    """`**text**`: strong emphasis, set in bold."""


class Subscript(_Inlines):
    """`H~2~O`: text lowered below the baseline."""


class Superscript(_Inlines):
    """`x^2^`: text raised above the baseline."""


class Strikeout(_Inlines):
    """`~~text~~`: text struck through."""


class SmallCaps(_Inlines):
    """`[text]{.smallcaps}`."""


class Underline(_Inlines):
    """`[text]{.underline}` (or `.ul`)."""


class Code(_Textual):
    """`` `code` `` among words: verbatim, in the code font."""


@dataclass
class Link:
    """`[text](url)` or `<url>`: words that lead to `url`."""
    children: list[Inline]
    url: str


@dataclass
class Cited:
    """The part of a rendered citation that names one work (`key`, lower
    case): the brief links it to that work's entry."""
    children: list[Inline]
    key: str


class LineBreak(_Empty):
    """A hard line break: a backslash or two spaces at a line's end."""


class DisplayMath(_Inlines):
    """`$$…$$` among a paragraph's words: display math that stays in its
    paragraph, as pandoc keeps it there; the brief sets it on a line of its own."""


@dataclass
class NoteRef:
    """A footnote callout; `number` indexes `Document.footnotes` from 1."""
    number: int


@dataclass
class Locator:
    """A cited work's pinpoint: `p. 3` is the label "page" and the value "3"."""
    label: str  # a CSL locator label: "page", "chapter", ...
    value: str


@dataclass
class CiteItem:
    """One work of a citation cluster: `@key`, its locator and the words around it."""
    key: str
    prefix: str = ""
    suffix: str = ""
    locator: Locator | None = None
    suppress_author: bool = False
    # The works its suffix cites, "as cited in @b" (APA §8.6): the citation
    # stage renders them into the suffix (report/cite.py).
    within: tuple[str, ...] = ()
    # apaquarto's narrative tags: `@a ['s]`, "Alpha’s (2001)"; `@a [&]`,
    # "Alpha & Beta (2001)", the ampersand kept in running text.
    possessive: bool = False
    ampersand: bool = False
    # In a note style (report/notecites.py): a narrative citation's author,
    # which stays in the text while the rest goes to a footnote; the cite's
    # CSL positions ("first", or "subsequent" with "ibid", "near-note" …),
    # counted over the document, and the note that first cited the work
    # (CSL's first-reference-note-number; 0: none before).
    author_only: bool = False
    positions: tuple[str, ...] = ()
    first_note: int = 0


@dataclass
class Position:
    """Where something is written in a source file (path:line:column), for messages."""
    path: Path
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass
class Cite:
    """One citation cluster: `[@a; @b, p. 3]` or narrative `@a [p. 3]`."""
    items: list[CiteItem]
    narrative: bool
    source: str
    position: Position
    rendered: list[Inline] = field(default_factory=list)
    # A cross-reference (`@fig-x`, `@tbl-x`: report/crossref.py), not a
    # citation: its `rendered` is "Figure 1", and the citation stage skips it.
    crossref: bool = False
    # bookdown's `\@ref(label)` (report/bookdown.py): a cross-reference
    # whatever its label, never a citation.
    bookdown: bool = False


Inline = Union[Text, Emph, Strong, Subscript, Superscript, Strikeout, SmallCaps, Underline,
               Code, Link, Cited, LineBreak, DisplayMath, NoteRef, Cite]
# Inlines that only wrap others: walkers descend into their children.
WRAPPERS = (Emph, Strong, Subscript, Superscript, Strikeout, SmallCaps, Underline, Link, Cited,
            DisplayMath)


def note_numbers(inlines):
    """The numbers of the footnotes `inlines` call, in order, those a
    citation's rendering calls too."""
    for node in inlines:
        if isinstance(node, NoteRef):
            yield node.number
        elif isinstance(node, Cite):
            yield from note_numbers(node.rendered)
        elif isinstance(node, WRAPPERS):
            yield from note_numbers(node.children)


def plain_text(inlines) -> str:
    """The text of inlines as a reader sees it (citations as rendered)."""
    parts = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, Code):
            parts.append(node.text)
        elif isinstance(node, WRAPPERS):
            parts.append(plain_text(node.children))
        elif isinstance(node, Cite):
            parts.append(plain_text(node.rendered) if node.rendered else node.source)
        elif isinstance(node, LineBreak):
            parts.append(" ")
    return "".join(parts)


# --- blocks ------------------------------------------------------------------

@dataclass
class Heading:
    """`#` to `#####`: a heading of APA's levels 1 to 5."""
    level: int
    children: list[Inline]
    ident: str = ""
    position: Position | None = None
    appendix: str = ""  # "A" for "Appendix A" (report/crossref.py): a page of its own
    in_appendices: bool = False  # a level-1 heading after bookdown's `# (APPENDIX)`

    def run_in(self) -> list[Inline]:
        """Its words as APA sets a level-4 or -5 heading, at the start of the
        paragraph under it: ending in a period unless they end in punctuation."""
        ended = plain_text(self.children).rstrip()[-1:] in (".", "?", "!", ":")
        return self.children if ended else self.children + [Text(".")]


class Para(_Inlines):
    """A paragraph: a run of inlines."""


@dataclass
class BulletList:
    """`-` items: each item its blocks."""
    items: list[list[Block]]


@dataclass
class OrderedList:
    """`1.` (or `a)`, `(iv)`...) items: each item its blocks, numbered from `start`."""
    items: list[list[Block]]
    start: int = 1
    # Pandoc's fancy lists (report/fancylists.py): decimal, lower-alpha,
    # upper-alpha, lower-roman, upper-roman or example; and ".", ")" or "()".
    style: str = "decimal"
    delimiter: str = "."



@dataclass
class DefinitionList:
    """Pandoc's `Term` / `:   Definition`: each item a term and its definitions."""
    items: list[tuple[list[Inline], list[list[Block]]]]


@dataclass
class LineBlock:
    """Pandoc's `| line`: lines kept as written (verse, addresses)."""
    lines: list[list[Inline]]


@dataclass
class Equation:
    """Display math (`$$...$$` on lines of its own), set as text; numbered
    when labelled (`{#eq-x}`), as APA numbers the equations it refers to."""
    children: list[Inline]
    ident: str = ""
    number: int = 0
    appendix: str = ""  # in "Appendix A": (A1)


def float_number(block) -> str:
    """A figure's, table's or equation's number as printed: "2", or "A1" in
    an appendix (APA §7.6); a subfigure's with its letter, "1a"."""
    return f"{block.appendix}{block.number}{getattr(block, 'panel', '')}"


@dataclass
class BlockQuote:
    """`> ...`: a block quotation."""
    blocks: list[Block]


@dataclass
class Callout(BlockQuote):
    """Quarto's `::: {.callout-note}` (tip, warning, caution, important):
    blocks set apart under a title (none: its kind's name). Walkers that
    descend into a quote's blocks descend into a callout's."""
    kind: str = "note"
    title: list[Inline] = field(default_factory=list)


@dataclass
class CodeBlock:
    """A fenced or indented block of code, kept as written."""
    text: str
    language: str = ""
    # where its first line of code stands, for warnings (the deck names a
    # line it cuts); not part of what the block is
    position: Position | None = field(default=None, compare=False)


@dataclass
class HeadCell:
    """A cell of a header of several rows: where it stands and how many
    columns and rows it spans (APA's column spanners, §7.10)."""
    children: list[Inline]
    column: int
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Table:
    """A pipe, simple, grid or HTML table, with its caption and number."""
    # One cell to a column: a header of several rows joined, each cell's
    # words in its first column ("Immediate test M"), as the deck shows it.
    header: list[list[Inline]]
    rows: list[list[list[Inline]]]
    aligns: list[str]
    caption: list[Inline] = field(default_factory=list)
    ident: str = ""
    number: int = 0  # the brief's "Table 1" (report/crossref.py); 0: not in the brief
    appendix: str = ""  # in "Appendix A": Table A1 (APA §7.6)
    position: Position | None = None  # where it starts, for warnings
    # The header as written, when it has several rows or spanning cells:
    # the brief sets it so. Its cells hold the very inlines `header` does.
    head_rows: list[list[HeadCell]] = field(default_factory=list)
    # Its notes (APA §7.14: "*Note.* …", "^a^ …", "\\**p* < .05."), which a
    # slide sets under it (slidedrafts.py); the brief reads them from the
    # paragraphs after it.
    notes: list[Para] = field(default_factory=list)

    def column_heads(self) -> list[list[Inline]]:
        """Each column's own heading, without the spanners above it."""
        if not self.head_rows:
            return self.header
        heads: list[list[Inline]] = [[] for _ in self.aligns]
        for cell in (c for row in self.head_rows for c in row if c.colspan == 1):
            heads[cell.column] = heads[cell.column] + ([Text(" ")] if heads[cell.column]
                                                       else []) + cell.children
        return heads


@dataclass
class Figure:
    """An image with a caption (alone in its paragraph): a numbered figure."""
    src: str
    alt: str
    caption: list[Inline]
    ident: str = ""
    number: int = 0  # the brief's "Figure 1" (report/crossref.py); 0: not in the brief
    appendix: str = ""  # in "Appendix A": Figure A1 (APA §7.6)
    # Pandoc's `{width=50%}` and `{height=2in}`, as CSS lengths ("50%", "2in").
    width: str = ""
    height: str = ""
    # Quarto's subfigures (`::: {#fig-x layout-ncol=2}` around several
    # images): its panels, `columns` to a row, each lettered as a reference
    # names it ("Figure 1a"). The figure's `src` is its first panel's, for
    # the outputs that show one picture.
    panels: list[Figure] = field(default_factory=list)
    columns: int = 1
    panel: str = ""  # a panel's letter
    # where it is written, for warnings; not part of what the figure is
    position: Position | None = field(default=None, compare=False)
    notes: list[Para] = field(default_factory=list)  # as a table's: a slide's, under it

    def description(self) -> str:
        """Its alt text: the caption as printed, its citations rendered
        ("as in Walker (2017)", not the source's "as in @walker2017"), else
        the image's own words."""
        return plain_text(self.caption).strip() or self.alt


class Rule(_Empty):
    """`***` or `---` between blocks: a horizontal rule."""


class PageBreak(_Empty):
    """`\\newpage` (or `\\pagebreak`, `\\clearpage`, Quarto's `{{< pagebreak >}}`)
    on a line of its own: the brief starts a new page there."""


@dataclass
class Slide:
    """A `::: slide` div: what the deck shows for its section."""
    blocks: list[Block]
    title: list[Inline] | None = None
    position: Position | None = None
    lines: tuple[int, int] | None = field(default=None, compare=False)  # first, last
    # (its fences'), in position.path: text the brief does not print (report/glyphs.py)
    # Each of its Quarto `.columns` divs, as the blocks of each of its
    # `.column`s: the very objects in `blocks` (a column's block is found by
    # identity, so leaving blocks out of `blocks` keeps the others' columns,
    # and a slide cut at its `---` keeps each piece's); None if none.
    columns: list[list[list[Block]]] | None = None
    # Each `.columns`' columns' shares of the body's width (report/columnwidths.py),
    # or None for one whose columns share it alike.
    widths: list[list[float] | None] | None = None
    # Where each `.columns` div opens, for what the deck says of it.
    places: list[Position] | None = field(default=None, compare=False)


@dataclass
class Notes:
    """A `::: notes` div: speaker notes for its section's slides."""
    blocks: list[Block]
    position: Position | None = field(default=None, compare=False)
    lines: tuple[int, int] | None = field(default=None, compare=False)  # as a Slide's


class RefsPlaceholder(_Empty):
    """`::: {#refs}`: where the reference list goes."""


Block = Union[Heading, Para, BulletList, OrderedList, DefinitionList, LineBlock, Equation,
              BlockQuote, Callout, CodeBlock, Table, Figure, Rule, PageBreak, Slide, Notes,
              RefsPlaceholder]


# --- the document ------------------------------------------------------------

@dataclass
class Author:
    """An author of the front matter, with affiliations, contact and roles."""
    name: str
    affiliation: list[str] = field(default_factory=list)  # the title page's lines
    orcid: str = ""
    email: str = ""
    corresponding: bool = False
    roles: list[str] = field(default_factory=list)  # CRediT
    address: str = ""  # the first affiliation in full, for the correspondence line
    note: str = ""  # Quarto's own note on this author (Markdown), for the author note


RUNNING_HEAD_MAX = 50  # APA 7 §2.18: at most 50 characters


class Echo(Enum):
    """What a code cell shows of itself: `execute: echo:`, or the cell's own."""
    HIDDEN = "hidden"  # `echo: false`
    CODE = "code"  # `echo: true`: its code
    FENCED = "fenced"  # `echo: fenced`: its code in its fence, options and all

    @classmethod
    def of(cls, value) -> Echo:
        """As Quarto reads `echo:`: false hides the code, "fenced" fences
        it, any other value shows it."""
        return cls.FENCED if value == "fenced" else cls.HIDDEN if value is False else cls.CODE


@dataclass
class Meta:
    """The front matter read: the title page, the bibliography and the outputs' options."""
    title: list[Inline]
    subtitle: list[Inline] = field(default_factory=list)
    short_title: str = ""
    authors: list[Author] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    author_note: list[Block] = field(default_factory=list)
    abstract: list[Block] = field(default_factory=list)
    impact_statement: list[Block] = field(default_factory=list)  # apaquarto's, after it
    keywords: list[list[Inline]] = field(default_factory=list)  # each one Markdown: *Drosophila*
    paper: str = "professional"
    course: list[Inline] = field(default_factory=list)
    instructor: list[Inline] = field(default_factory=list)
    date: str = ""
    lang: str = "en-US"
    papersize: str = "letter"
    bibliography: list[Path] = field(default_factory=list)  # pandoc's: one file or several
    inline_references: list = field(default_factory=list)  # pandoc's `references:`, CSL YAML
    csl: str = ""
    nocite: list[str] = field(default_factory=list)
    suppress_bibliography: bool = False  # Pandoc's: citations, but no reference list
    # apaquarto's `meta-analysis: true`: the works `nocite` lists are the
    # studies a meta-analysis included, marked with an asterisk (APA §9.52).
    meta_analysis: bool = False
    references_note: list[Inline] = field(default_factory=list)  # what the asterisk means
    # apaquarto's masked review: no authors anywhere, and the works
    # `masked-citations` lists (only with `mask: true`) in APA's masked form.
    mask: bool = False
    masked_citations: list[str] = field(default_factory=list)
    # Pandoc's: a note's call goes after the punctuation that follows it
    # ("Smith.¹"); None: as the style has it (yes for a note style).
    notes_after_punctuation: bool | None = None
    echo: Echo = Echo.CODE  # `execute: echo:`: what code cells show of themselves
    # The reference list's title: APA's in the article's language, or the
    # author's heading over it (`# References` before `::: {#refs}` or at the
    # end, as pandoc has it).
    references_title: list[Inline] = field(default_factory=lambda: [Text("References")])
    references_ident: str = ""  # its id: the heading's, if it had one
    slides: dict = field(default_factory=dict)
    handout: dict = field(default_factory=dict)
    # The line of each front-matter key, for errors found after reading (an
    # errors.Line where the key came from the Quarto project's files).
    lines: dict = field(default_factory=dict)
    project: Path | None = None  # the Quarto project's folder, if the article is in one
    project_files: list[Path] = field(default_factory=list)  # _quarto.yml, metadata-files…
    # Footnotes written in the front matter (a title's `^[…]`, as pandoc
    # reads it for LaTeX's \thanks; one in the abstract): the document's
    # first, its `NoteRef`s numbered before the text's (source.py).
    notes: list[list[Block]] = field(default_factory=list)


@dataclass
class Document:
    """The article read: front matter, blocks, footnotes and, once cited, the references."""
    meta: Meta
    blocks: list[Block]
    path: Path
    footnotes: list[list[Block]] = field(default_factory=list)
    # Filled by the citation stage: reference-list entries, in APA order.
    references: list[Reference] = field(default_factory=list)
    # What a writer made of the document ahead of writing it, by writer
    # (pipeline.load: the brief's HTML, made while WeasyPrint is imported).
    drafts: dict[str, str] = field(default_factory=dict)


@dataclass
class Reference:
    """An entry of the reference list, rendered by the style."""
    key: str
    rendered: list[Inline]
    # With the style's subsequent-author-substitute, "———." in place of the
    # names: the entry with them, and the key of the entry above it that
    # the substitute stands for (report/cslsubstitute.py `kept`).
    full: list[Inline] | None = None
    after: str | None = None
    # An entry the author typed under the list's heading (report/typedrefs.py):
    # printed as written, cited by no key, so every writer lists it.
    typed: bool = False


def _alpha(n: int) -> str:
    """a … z, then aa, ab … as Pandoc and CSS count on."""
    label = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        label = chr(ord("a") + rest) + label
    return label


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        count, n = divmod(n, value)
        out += numeral * count
    return out


def list_marker(style: str, delimiter: str, number: int) -> str:
    """An ordered list item's marker: "3.", "c)", "(iv)". A numbered list
    keeps APA's numeral and period (§6.52), whatever its source."""
    label = _LABELS[style](number)
    if style == "decimal":
        return f"{label}."
    if style == "example":  # Pandoc's `(@)`: numbered examples, as linguists set them
        return f"({label})"
    return f"({label})" if delimiter == "()" else label + delimiter


_LABELS = {"decimal": str, "example": str,
           "lower-alpha": _alpha, "upper-alpha": lambda n: _alpha(n).upper(),
           "lower-roman": _roman, "upper-roman": lambda n: _roman(n).upper()}
