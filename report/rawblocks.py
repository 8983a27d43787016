"""Raw HTML blocks read as what they mean: tables and images.

An article converted from Word or the web (pandoc writes a table it cannot
draw in Markdown as an HTML table) carries `<table>` and `<img>` blocks.
Pandoc passes them to HTML output and leaves them out of the rest; report
writes no raw HTML (report/rawinline.py), so each becomes the table or the
figure it draws, in every output: the very tokens markdown-it pushes for a
pipe table or for `![alt](src)`, read by the same code. A cell's content
is read as Markdown, as pandoc reads the content of HTML blocks.

Pandoc's raw blocks (```` ```{=html} ````) are read the same way: HTML as
the HTML blocks are, any other format's left out, as pandoc leaves them out
of all output but that format's; a page break (`\\newpage` in LaTeX, a
`w:br` of type page in Word's XML) still starts a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from itertools import takewhile

from markdown_it.token import Token

from . import pandoctables

_OPENING = re.compile(r"<(figure|img|p|div|center)(?:[\s>/]|$)", re.IGNORECASE)
_ALIGNS = {"left", "right", "center"}


def register(md) -> None:
    md.block.ruler.before("fence", "raw_fence", raw_fence, {"alt": ["paragraph"]})
    # Before the paragraph rule, which would read the tags as text; a table
    # may interrupt a paragraph, as CommonMark's HTML blocks of its kind do.
    md.block.ruler.before("paragraph", "html_table", html_table, {"alt": ["paragraph"]})
    md.block.ruler.before("paragraph", "html_image", html_image)
    md.block.ruler.before("paragraph", "tex_environment", tex_environment, {"alt": ["paragraph"]})


# --- tables ------------------------------------------------------------------

def html_table(state, start: int, end: int, silent: bool) -> bool:
    """`<table>` … `</table>`, from a line that opens it to the line that
    closes it; words after `</table>` on that line are a paragraph of their own."""
    if not _opens(state, start, "table"):
        return False
    found = closing(state, start, end)
    if found is None:
        return False  # never closed: text, as before
    last, after = found
    lines = [source_line(state, n) for n in range(start, last + 1)]
    rest, lines[-1] = lines[-1][after:].strip(), lines[-1][:after]
    table = _TableReader.read("\n".join(lines))
    if not table.rows:
        return False
    if silent:
        return True
    heads = [row for row in table.rows if row.head]
    body = [row for row in table.rows if not row.head]
    layout = _head_layout(heads) if len(heads) > 1 or any(
        _span(cell, "colspan") > 1 for row in heads for cell in row.cells) else None
    width = max([len(row.cells) for row in table.rows if not layout or not row.head]
                + [column + colspan for *_, column, colspan, _ in
                   (cell for row in layout or [] for cell in row)])
    aligns = [_align(cell) for cell in table.rows[0].cells]
    if layout:  # each column's from its own heading, not from a spanner's
        aligns = ["left"] * width
        for cell, _, column, colspan, _ in (cell for row in layout for cell in row):
            if colspan == 1:
                aligns[column] = _align(cell)
    aligns += ["left"] * (width - len(aligns))

    def padded(row):
        cells = [_inline_text(cell.html) for cell in row.cells]
        return cells + [""] * (width - len(cells)), [start, last + 1]
    header = ((_joined(layout, width), [start, last + 1]) if layout
              else padded(heads[0]) if heads else None)
    text_layout = [[(text, *place) for _, text, *place in row] for row in layout or []]
    pandoctables.push_table(state, header, [padded(row) for row in body], aligns,
                            start, last + 1, text_layout or None)
    opening = next(t for t in reversed(state.tokens) if t.type == "table_open")
    opening.meta["caption"] = _inline_text(table.caption)
    # Spans in the header are drawn (layout); the body's are set one to a column.
    opening.meta["spans"] = any(_span(cell, name) > 1 for row in (body if layout else table.rows)
                                for cell in row.cells for name in ("colspan", "rowspan"))
    if rest:
        state.push("paragraph_open", "p", 1).map = [last, last + 1]
        inline = state.push("inline", "", 0)
        inline.content, inline.map, inline.children = rest, [last, last + 1], []
        state.push("paragraph_close", "p", -1)
    return True


def _head_layout(rows: list) -> list[list[tuple]]:
    """Header rows' cells where a browser places them, each at the first
    column its row leaves free of the cells spanning down from above, as
    (cell, text, column, colspan, rowspan); a rowspan ends with the header."""
    taken: set[tuple[int, int]] = set()
    layout = []
    for n, row in enumerate(rows):
        column, placed = 0, []
        for cell in row.cells:
            while (n, column) in taken:
                column += 1
            colspan = _span(cell, "colspan")
            rowspan = min(_span(cell, "rowspan"), len(rows) - n)
            taken |= {(n + r, column + c) for r in range(rowspan) for c in range(colspan)}
            placed.append((cell, _inline_text(cell.html), column, colspan, rowspan))
            column += colspan
        layout.append(placed)
    return layout


def _joined(layout: list, width: int) -> list[str]:
    """The header one cell to a column: each cell's words in its first column."""
    columns: list[list[str]] = [[] for _ in range(width)]
    for _, text, column, *_ in (cell for row in layout for cell in row):
        columns[column].append(text)
    return [" ".join(t for t in texts if t) for texts in columns]


def _span(cell, name: str) -> int:
    """A cell's colspan or rowspan; 1 when absent or not a count."""
    value = cell.attrs.get(name, "").strip()
    return max(1, int(value)) if value.isdecimal() else 1


@dataclass(eq=False)  # never compared: no __eq__ to compile at each start
class _Cell:
    """A cell of a raw HTML table: its tag (td or th), attributes and inner HTML."""
    tag: str
    attrs: dict
    html: str = ""


@dataclass(eq=False)
class _Row:
    """A row of a raw HTML table: its cells, and the section it stands in."""
    section: str  # thead, tbody, tfoot, or "" outside them
    cells: list[_Cell] = field(default_factory=list)
    head: bool = False


class _TableReader(HTMLParser):
    """The rows of a `<table>` (header rows: those in `<thead>`, or a first
    row of `<th>` only), each cell's inner HTML, and the caption's."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.html, self.rows, self.caption = html, [], ""
        self._offsets = [0]
        for line in html.split("\n"):
            self._offsets.append(self._offsets[-1] + len(line) + 1)
        self._open: tuple[str, object, int] | None = None  # (tag, cell or None, start)
        self._section, self._depth = "", 0

    @classmethod
    def read(cls, html: str) -> _TableReader:
        """The table in `html`; its rows in print order (a `<tfoot>` last,
        wherever it is written), those without cells left out."""
        reader = cls(html)
        reader.feed(masked(html))  # the same length: offsets into `html` hold
        reader.close()
        reader._finish(len(html))
        rows = [row for row in reader.rows if row.cells]
        reader.rows = [r for r in rows if r.section != "tfoot"] + \
            [r for r in rows if r.section == "tfoot"]
        # The header: the rows of `<thead>`, else a first row of `<th>` only.
        heads = list(takewhile(lambda row: row.section == "thead", reader.rows))
        if not heads and reader.rows and all(c.tag == "th" for c in reader.rows[0].cells):
            heads = reader.rows[:1]
        for row in heads:
            row.head = True
        return reader

    def _here(self) -> int:
        line, column = self.getpos()
        return self._offsets[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._depth += 1
            if self._depth > 1:
                return  # a table inside a cell: its words, in the cell
        if self._depth > 1:
            return
        if tag in ("thead", "tbody", "tfoot"):
            self._finish(self._here())
            self._section = tag
        elif tag == "tr":
            self._finish(self._here())
            self.rows.append(_Row(self._section))
        elif tag in ("td", "th"):
            self._finish(self._here())
            if not self.rows:
                self.rows.append(_Row(self._section))
            cell = _Cell(tag, {k: v or "" for k, v in attrs})
            self.rows[-1].cells.append(cell)
            self._open = (tag, cell, self._here() + len(self.get_starttag_text()))
        elif tag == "caption":
            self._finish(self._here())
            self._open = (tag, None, self._here() + len(self.get_starttag_text()))

    def handle_endtag(self, tag):
        if tag == "table":
            self._depth -= 1
            if self._depth:
                return
        if self._depth > 1:
            return
        if tag in ("td", "th", "caption", "tr", "table", "thead", "tbody", "tfoot"):
            self._finish(self._here())
        if tag in ("thead", "tbody", "tfoot"):
            self._section = ""  # rows after `</thead>` with no `<tbody>` are the body's

    def _finish(self, at: int) -> None:
        """Close the open cell or caption at offset `at` (HTML may leave
        `</td>` out: the next cell or row closes it)."""
        if self._open is None:
            return
        tag, cell, begin = self._open
        if cell is None:
            self.caption = self.html[begin:at]
        else:
            cell.html = self.html[begin:at]
        self._open = None


def _align(cell: _Cell) -> str:
    """A column's alignment, from its first row's cell: `align` or `text-align`."""
    style = re.search(r"text-align\s*:\s*(\w+)", cell.attrs.get("style", ""))
    value = (style[1] if style else cell.attrs.get("align", "")).lower()
    return value if value in _ALIGNS else "left"


# --- images ------------------------------------------------------------------

_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)"""
_IMG = re.compile(rf"<img\b((?:\s+[^\s=>/]+(?:\s*=\s*{_VALUE})?)*)\s*/?>", re.IGNORECASE)
_FIGCAPTION = re.compile(r"<figcaption[^>]*>(.*?)</figcaption\s*>", re.IGNORECASE | re.DOTALL)
# Wrappers an image may stand in, centred or not: a block of its own all the same.
_WRAPPER = re.compile(rf"""\s*<(p|div|center|figure)\b((?:[^>"']|{_VALUE})*)>(.*)</\1\s*>\s*""",
                      re.I | re.DOTALL)
_ATTR = re.compile(rf"([A-Za-z_:][\w:.-]*)\s*=\s*({_VALUE})")
_LABEL = re.compile(r"\{#([\w:.-]+)\}\s*$")


def _attributes(tag: str) -> dict[str, str]:
    """A tag's attributes, their entities decoded (`alt="R &amp; D"`: R & D)."""
    return {k.lower(): unescape(v.strip("\"'")) for k, v in _ATTR.findall(tag)}


def html_image(state, start: int, end: int, silent: bool) -> bool:
    """An `<img>` on lines of its own (in a `<p>`, `<div>`, `<center>` or a
    `<figure>` with its `<figcaption>`): a figure, as `![alt](src)` is."""
    if not _OPENING.match(source_line(state, start)) or state.sCount[start] - state.blkIndent >= 4:
        return False
    last = start
    while last + 1 < end and not state.isEmpty(last + 1):
        last += 1
    inner, caption, ident = _source(state, start, last + 1).strip(), "", ""
    while (wrapped := _WRAPPER.fullmatch(inner)) is not None:
        inner = wrapped[3].strip()
        if wrapped[1].lower() == "figure":
            found = _FIGCAPTION.search(inner)
            caption = found[1].strip() if found else ""
            inner = _FIGCAPTION.sub("", inner).strip()
            ident = _attributes(wrapped[2]).get("id", "")
    image = _IMG.fullmatch(inner)
    if not image:
        return False
    if silent:
        return True
    attrs = _attributes(image[1])
    label = _LABEL.search(caption)  # Quarto's `{#fig-x}` at the caption's end
    if label:
        caption, attrs["id"] = caption[:label.start()].rstrip(), label[1]
    attrs.setdefault("id", ident)
    state.push("paragraph_open", "p", 1).map = [start, last + 1]
    inline = state.push("inline", "", 0)
    # No content: the core's inline rule would read it again, after the image.
    inline.content, inline.map = "", [start, last + 1]
    token = Token("image", "img", 0)
    token.attrs = {"src": attrs.get("src", ""), "alt": "",
                   **{k: attrs[k] for k in ("width", "height", "id") if attrs.get(k)}}
    token.content = attrs.get("alt", "")
    token.children = state.md.parseInline(_inline_text(caption), state.env)[0].children \
        if caption else []
    inline.children = [token]
    state.push("paragraph_close", "p", -1)
    state.line = last + 1
    return True


# --- shared --------------------------------------------------------------------

# --- Pandoc's raw blocks ----------------------------------------------------------

_RAW_FENCE = re.compile(r"(`{3,}|~{3,})\s*\{=([A-Za-z0-9_+-]+)\}\s*")
HTML_FORMATS = {"html", "html4", "html5"}
# `\\newpage` alone on its line, or Quarto's `{{< pagebreak >}}` (report/pandocrules.py).
PAGE_BREAK = re.compile(r"(\\(newpage|pagebreak|clearpage)(\{\})?|\{\{< *pagebreak *>\}\})\s*")
# What starts a page in the formats pandoc writes for print.
_PAGE_BREAKS = {"latex": PAGE_BREAK, "tex": PAGE_BREAK, "typst": re.compile(r"#pagebreak\(\)\s*"),
                "openxml": re.compile(r"(?:<[^<>]*>\s*)*<w:br\s+w:type=\"page\"\s*/>"
                                      r"(?:\s*<[^<>]*>)*")}  # tags around one w:br alone


def raw_fence(state, start: int, end: int, silent: bool) -> bool:
    """```` ```{=format} ```` up to its closing fence (or the end, as an open
    fence runs): HTML read as Markdown reads HTML blocks; another format's
    page break a page break; anything else left out."""
    opening = _RAW_FENCE.fullmatch(source_line(state, start))
    if state.sCount[start] - state.blkIndent >= 4 or not opening:
        return False
    if silent:
        return True
    fence = opening[1]
    close = next((n for n in range(start + 1, end) if source_line(state, n).strip()
                  .startswith(fence) and not source_line(state, n).strip().strip(fence[0])), end)
    form = opening[2].lower()
    if form in HTML_FORMATS:
        limit, state.lineMax = state.lineMax, close
        state.md.block.tokenize(state, start + 1, close)
        state.lineMax = limit
    else:
        content = "\n".join(source_line(state, n) for n in range(start + 1, close)).strip()
        if form in _PAGE_BREAKS and content and _PAGE_BREAKS[form].fullmatch(content):
            state.push("page_break", "", 0).map = [start, close + 1]
    state.line = min(close + 1, end)
    return True


# --- TeX environments -----------------------------------------------------------

# Display math environments are equations (report/mdblocks.py reads them): those
# pandoc reads as math, amsmath's, LaTeX's own and breqn's; `alignat` before `align`.
DISPLAY_MATH = ("equation", "alignat", "align", "gather", "multline", "flalign", "eqnarray",
                "displaymath", "dmath", "dgroup", "darray", "subequations")
_BEGIN = re.compile(r"\\begin\{([A-Za-z]+)(\*?)\}")


def tex_environment(state, start: int, end: int, silent: bool) -> bool:
    """A LaTeX environment from a line that opens it (`\\begin{tabular}`,
    `\\begin{center}`) to the line that closes it: pandoc's raw TeX block,
    which it leaves out of all but TeX output; so does report, and says so
    (the reader, on a `raw_tex_block` token). One never closed is text."""
    opening = _BEGIN.match(source_line(state, start))
    if state.sCount[start] - state.blkIndent >= 4 or not opening \
            or opening[1] in DISPLAY_MATH or opening[1] == "math" \
            or _in_display_math(state, start):  # `math`: inline math (report/rawinline.py)
        return False
    name = opening[1] + opening[2]
    depth = 0
    for close in range(start, end):
        line = source_line(state, close)
        depth += line.count(f"\\begin{{{name}}}") - line.count(f"\\end{{{name}}}")
        if depth <= 0:
            break
    else:
        return False
    if not silent:
        token = state.push("raw_tex_block", "", 0)
        token.content, token.map = f"\\begin{{{name}}}", [start, close + 1]
        state.line = close + 1
    return True


_DOLLARS = re.compile(r"(?<!\\)\$\$")


def _in_display_math(state, start: int) -> bool:
    """Whether line `start` is inside `$$ … $$` that its paragraph opened
    above it: `\\begin{aligned}` there is the math's, as pandoc reads it
    (PLOS's template: `$$`, `\\begin{aligned} … \\end{aligned}`, `$$ {#eq-x}`)."""
    count = 0
    for n in range(start - 1, _block_start(state, start) - 1, -1):
        line = source_line(state, n)
        if not line.strip():
            break
        count += len(_DOLLARS.findall(line))
    return count % 2 == 1


def _block_start(state, start: int) -> int:
    """The first line the block holding line `start` may begin on: the
    line after the last block read before it (a code fence right above,
    whose `echo $$` is none of the math's)."""
    return max((token.map[1] for token in state.tokens
                if token.map and token.map[1] <= start), default=0)


def source_line(state, n: int) -> str:
    return state.src[state.bMarks[n] + state.tShift[n]:state.eMarks[n]]


def _opens(state, n: int, tag: str) -> bool:
    return state.sCount[n] - state.blkIndent < 4 and bool(
        re.match(rf"<{tag}[\s>]", source_line(state, n) + " ", re.IGNORECASE))


def closing(state, start: int, end: int, tag: str = "table") -> tuple[int, int] | None:
    """(line, offset just past `</tag>`) of the tag closing the `tag` opened
    on line `start`, before a line out of the list item or quote that holds
    it; a tag in a comment or a code span is no tag."""
    stop = next((n for n in range(start + 1, end)
                 if not state.isEmpty(n) and state.sCount[n] < state.blkIndent), end)
    depth = 0
    lines = masked("\n".join(source_line(state, n) for n in range(start, stop))).split("\n")
    for n, line in enumerate(lines):
        for match in re.finditer(rf"<(/?){tag}(?=[\s>]|$)[^>]*>", line, re.IGNORECASE):
            depth += -1 if match[1] else 1
            if depth == 0:
                return start + n, match.end()
    return None


def masked(html: str) -> str:
    """`html` with its comments and code spans blanked out, lengths kept."""
    blank = lambda m: re.sub(r"[^\n]", " ", m[0])  # noqa: E731
    return _CODE_SPAN.sub(lambda m: m[1] + blank(m)[len(m[1]):-len(m[1])] + m[1],
                          _COMMENT.sub(blank, html))


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


def _source(state, first: int, stop: int) -> str:
    return "\n".join(source_line(state, n) for n in range(first, stop))


def _inline_text(html: str) -> str:
    """A cell's or caption's HTML as one line of Markdown: its line breaks
    are spaces, as in HTML, and so are the breaks between its `<p>`s."""
    spaced, end = [], 0
    for tag in _BETWEEN_WORDS.finditer(masked(html)):  # not a tag written in code
        spaced += [html[end:tag.start()], " "]
        end = tag.end()
    return " ".join("".join(spaced + [html[end:]]).split())


# Tags that part words: paragraphs, a nested table's cells and rows, breaks.
_BETWEEN_WORDS = re.compile(r"</?(p|td|th|tr|table|li|div|br)\b[^>]*>", re.IGNORECASE)
