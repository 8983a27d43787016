"""Pandoc's tables that markdown-it does not read (it reads pipe tables):
simple, multiline and grid tables, as block rules that push the very
tokens markdown-it's own table rule pushes, so the reader takes every
table alike."""

from __future__ import annotations

import re

from . import codefences


def register(md) -> None:
    md.block.ruler.at("table", pipe_table, {"alt": ["paragraph", "reference"]})
    # Before setext headings: a header over dashes is a table, not a heading.
    md.block.ruler.before("lheading", "simple_table", simple_table)
    # Pandoc tries tables before indented code: a header line four spaces
    # in (a padded right-aligned first column) over dashes is a table's.
    md.block.ruler.before("code", "indented_simple_table", indented_simple_table)
    # Before horizontal rules: a multiline table opens with a line of dashes
    # that would otherwise be a rule. `before` inserts right ahead of "hr",
    # so the two run in this order, and after code blocks (four spaces in).
    md.block.ruler.before("hr", "multiline_table", multiline_table)
    md.block.ruler.before("hr", "grid_table", grid_table)


def pipe_table(state, start: int, end: int, silent: bool) -> bool:
    """Pandoc's pipe table: a header row and the dashes under it, each at
    most three spaces in, then every line with a pipe, however far in (a
    padded right-aligned first column), up to a line without one (GFM takes
    that line for a row), so a `*Note.*` or a `: Caption` written right
    under the last row is a paragraph of its own. The dashes give the
    columns: a row's extra cells are dropped, missing ones left empty."""
    if start + 1 >= end or _outside(state, start + 1) \
            or any(state.sCount[n] - state.blkIndent >= 4 for n in (start, start + 1)):
        return False
    aligns = _pipe_aligns(_text(state, start + 1))  # the cheaper test first
    head = None if aligns is None else _pipe_cells(_text(state, start))
    if head is None:
        return False
    if silent:
        return True
    rows, last = [], start + 2
    while not _ends(state, last, end) and (cells := _pipe_cells(_text(state, last))) is not None:
        rows.append(_row(_fitted(cells, len(aligns)), last, last + 1))
        last += 1
    push_table(state, _row(_fitted(head, len(aligns)), start, start + 1), rows, aligns,
               start, last)
    return True


_PIPE_PART = r"[ \t]*:?-+:?[ \t]*"
_PIPE_BREAK = re.compile(rf" *(\|)?{_PIPE_PART}((?:[|+]{_PIPE_PART})*)\|?[ \t]*")
# What pandoc reads whole in a cell, pipes and all: a code span (its closing
# backticks as many as its opening ones), $math$, an HTML tag, an escape.
_CELL_CHUNK = re.compile(r"""
    (`+)(?!`)(?:.*?[^`])?\1(?!`)                            # `code`
    | \$\$.+?\$\$ | \$(?!\s)(?:[^$\\]|\\.)*?(?<![\s\\])\$(?!\d)   # $$math$$, $math$
    | <(?:/?[A-Za-z][\w-]*(?:\s[^<>]*)?/?|!--.*?--)>          # <tag>, <!-- -->
    | \\[^\w\s] | .""", re.X | re.S)


def _pipe_aligns(line: str) -> list[str] | None:
    """The columns' alignments of a pipe table's line of dashes (colons at
    both ends centre, one at the right end right-aligns), or None. One
    column needs a pipe before or after its dashes."""
    found = _PIPE_BREAK.fullmatch(line)
    if not found or not (found[1] or found[2] or line.rstrip().endswith("|")):
        return None
    parts = re.findall(r"(:?)-+(:?)", line)
    return ["center" if left and right else "right" if right else "left"
            for left, right in parts]


def _pipe_cells(line: str) -> list[str] | None:
    """A pipe table row's cells, split at pipes outside code spans, math,
    tags and escapes (`\\|` stays for the cell's text to unescape), or None
    if the line is no row: one cell and no pipe to open it."""
    text = line.strip()
    opened = text.startswith("|")
    cells = [""]
    for chunk in _CELL_CHUNK.finditer(text[1:] if opened else text):
        if chunk[0] == "|":
            cells.append("")
        else:
            cells[-1] += chunk[0]
    # A closing pipe adds an empty cell, as in pandoc: the columns drop it.
    return [cell.strip() for cell in cells] if len(cells) > 1 or opened else None


def _fitted(cells: list[str], width: int) -> list[str]:
    return (cells + [""] * width)[:width]


# Put before a `: Caption` line over a table: a character no text holds
# (a Unicode noncharacter), which the reader takes off again should no
# table take the caption, so that the author's words print as written.
CAPTION_MARK = "\ufdd4"


def captions_above(text: str) -> str:
    """`text` with each `: Caption` over a table marked CAPTION_MARK: after
    a paragraph the deflist rule would read them as a term and its
    definition, where pandoc reads a table's caption. The caption may run
    on over several lines, up to the blank line over its table."""
    lines, fence = text.split("\n"), ""
    for n, line in enumerate(lines):
        if fence or codefences.opening(line):
            fence = codefences.after(fence, line)  # code shows a caption as written
        elif line.startswith(": ") and (n == 0 or not lines[n - 1].strip()) \
                and _starts_table(_after_caption(lines, n)) and not _goes_on_deflist(lines, n):
            lines[n] = CAPTION_MARK + line
    return "\n".join(lines)


def _after_caption(lines: list[str], n: int) -> list[str]:
    """The two lines after the blank line(s) closing a caption from line n
    (none if no blank line closes it)."""
    end = n
    while end < len(lines) and lines[end].strip():
        end += 1
    after = end
    while after < len(lines) and not lines[after].strip():
        after += 1
    return lines[after:after + 2] if after > end else []


_DEF_MARK = re.compile(r" {0,3}[:~][ \t]")


def _goes_on_deflist(lines: list[str], n: int) -> bool:
    """Whether the `: ` line n goes on with a definition list above it: as
    another definition of its last term, or of a one-line term under it.
    Pandoc checks for a caption only where a definition list would start;
    a `: ` paragraph under a table is that table's caption, no definition."""
    term = False
    while True:
        first, block = _block_above(lines, n)
        if not block:
            return False
        if any(_DEF_MARK.match(line) for line in block):
            return not _under_table(lines, first)
        if block[0].startswith(("    ", "\t")):
            n = first  # a definition's indented paragraph: look above it
        elif len(block) == 1 and not term:
            n, term = first, True  # a term, whose list must go on above it
        else:
            return False


def _block_above(lines: list[str], n: int) -> tuple[int, list[str]]:
    """(its first line, its lines) of the run of lines above line n and
    the blank lines over it; no lines at the top."""
    last = n - 1
    while last >= 0 and not lines[last].strip():
        last -= 1
    first = last
    while first > 0 and lines[first - 1].strip():
        first -= 1
    return first, lines[first:last + 1]


def _under_table(lines: list[str], n: int) -> bool:
    """Whether the run of lines above line n ends a table: it starts one,
    or ends in a table's closing dashes or a grid's bottom border."""
    _, block = _block_above(lines, n)
    return bool(block) and (_starts_table(block[:2]) or bool(_ANY_RULE.fullmatch(block[-1]))
                            or block[-1].lstrip().startswith("+-"))


def _starts_table(lines: list[str]) -> bool:
    """Whether a table of any of pandoc's kinds starts with `lines[0]`."""
    if not lines:
        return False
    first, second = lines[0].lstrip(), lines[1] if len(lines) > 1 else ""
    return first.startswith("+-") or bool(_ANY_RULE.fullmatch(lines[0])) or bool(
        first and (_DASH_RULE.fullmatch(second) or second.startswith(" ")
                   and _ANY_RULE.fullmatch(second)
                   or _pipe_cells(first) is not None and _pipe_aligns(second) is not None))


# --- simple tables ---------------------------------------------------------

def simple_table(state, start: int, end: int, silent: bool) -> bool:
    """Pandoc's simple table: a header line (however far in), dashes under
    each column at most three spaces in (one column only if they are in at
    all: dashes flush left under a line make a setext heading), then rows
    up to a blank line, or up to a line of dashes before one. A column's
    alignment is where its header sits over its dashes: flush right,
    right; flush left, left; neither, centred."""
    if (start + 2 >= end or state.sCount[start + 1] - state.blkIndent >= 4
            or _outside(state, start + 1) or not _text(state, start).strip()):
        return False
    dashes = _text(state, start + 1)
    if not (_DASH_RULE.fullmatch(dashes) or dashes.startswith(" ") and _ANY_RULE.fullmatch(dashes)):
        return False
    spans = _spans(_text(state, start + 1))
    if state.isEmpty(start + 2):
        return False
    if silent:
        return True
    last = start + 2
    while not _ends(state, last, end):
        last += 1
    # Pandoc ends a simple table at its blank line or at dashes over one.
    stop = last - 1 if _ANY_RULE.fullmatch(_text(state, last - 1)) else last
    head = _row(_cells(_text(state, start), spans), start, start + 1)
    rows = [_row(_cells(_text(state, n), spans), n, n + 1) for n in range(start + 2, stop)]
    aligns = [_column_align(_text(state, start), span) for span in spans]
    push_table(state, head, rows, aligns, start, last)
    return True


def indented_simple_table(state, start: int, end: int, silent: bool) -> bool:
    """A simple table whose header line is four spaces in or more, which
    markdown-it would take for indented code."""
    return state.sCount[start] - state.blkIndent >= 4 and simple_table(state, start, end, silent)


# --- multiline tables ------------------------------------------------------

def multiline_table(state, start: int, end: int, silent: bool) -> bool:
    """Pandoc's multiline table: a full line of dashes, header lines, dashes
    giving the columns, rows of one line or more apart by blank lines, and
    a line of dashes before a blank line. Without a header, it starts at
    the columns' dashes and they align as the first row's first line."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    found = _multiline(state, start, end)
    if found is None:
        return False
    if not silent:
        head, rows, aligns, last = found
        push_table(state, head, rows, aligns, start, last)
    return True


def _multiline(state, start: int, end: int):
    """(header, rows, aligns, the line after the table), or None. As Pandoc,
    any line of dashes may open one with a header; failing that, the
    columns' own dashes open one without."""
    if not _ANY_RULE.fullmatch(_text(state, start)):
        return None
    columns = _header_end(state, start + 1, end)
    if columns is not None:
        found = _columns_and_rows(state, columns, end)
        if found is not None:
            return _headed(state, start, columns, *found)
    found = _columns_and_rows(state, start, end)
    if found is None:
        return None
    spans, blocks, footer = found
    return *_headerless(state, blocks, footer, spans), footer + 1


def _columns_and_rows(state, columns: int, end: int):
    """(the columns' spans, the row blocks, the closing line), or None.
    One column will do, as in pandoc: a rule, a line of text right under
    it and a rule right under that make a table of one cell."""
    if not _ANY_RULE.fullmatch(_text(state, columns)):
        return None
    found = _row_blocks(state, columns + 1, end)
    return None if found is None else (_spans(_text(state, columns)), *found)


def _headed(state, start: int, columns: int, spans, blocks, footer: int):
    header_lines = [_text(state, n) for n in range(start + 1, columns)]
    aligns = [_multiline_align(header_lines, span, k, spans) for k, span in enumerate(spans)]
    head = _row(_joined(header_lines, spans), start + 1, columns)
    rows = [_row(_joined([_text(state, n) for n in range(a, b)], spans), a, b) for a, b in blocks]
    return (head if any(head[0]) else None), rows, aligns, footer + 1


def _headerless(state, blocks, footer: int, spans):
    """A headerless table's rows. One block of lines that runs right into
    the closing dashes is a simple table, a row a line (Pandoc tries simple
    tables first); else each block is a row."""
    aligns = [_column_align(_text(state, blocks[0][0]), span) for span in spans]
    if len(blocks) == 1 and blocks[0][1] == footer:
        blocks = [(n, n + 1) for n in range(*blocks[0])]
    rows = [_row(_joined([_text(state, n) for n in range(a, b)], spans), a, b) for a, b in blocks]
    return None, rows, aligns


def _header_end(state, first: int, end: int) -> int | None:
    """The line of dashes under a header of one line or more, or None: no
    header (a blank line straight after the opening dashes), or a blank line
    before the dashes (a rule and a paragraph)."""
    n = first
    while not _ends(state, n, end):
        if _ANY_RULE.fullmatch(_text(state, n)):
            return n if n > first else None
        n += 1
    return None


def _row_blocks(state, first: int, end: int):
    """([(first line, end line) of each row], closing line), or None if no
    line of dashes closes the rows. The first row starts right under the
    columns' dashes. Pandoc ends the table at its first line of dashes,
    whatever follows: a `Table: Caption` or a paragraph right under it."""
    blocks, n = [], first
    while n < end and not _outside(state, n):
        if state.isEmpty(n):
            if not blocks:
                return None
        elif _ANY_RULE.fullmatch(_text(state, n)):
            return (blocks, n) if blocks else None
        elif blocks and blocks[-1][1] == n:
            blocks[-1] = (blocks[-1][0], n + 1)
        else:
            blocks.append((n, n + 1))
        n += 1
    return None


def _multiline_align(lines: list[str], span, k: int, spans) -> str:
    """As Pandoc: the column's shortest header line that has text there
    decides, as a simple table's header does."""
    stop = spans[k + 1][0] if k + 1 < len(spans) else None
    texts = [line for line in lines if line[span[0]:stop].strip()]
    if not texts:
        return "left"
    return _column_align(min(texts, key=lambda line: len(line[span[0]:stop].rstrip())), span)


def _joined(lines: list[str], spans) -> list[str]:
    """A multiline cell's text: its lines' parts in the column, joined by a
    space as the lines of a paragraph are."""
    columns = zip(*(_cells(line, spans) for line in lines), strict=True)
    return [" ".join(part for part in column if part) for column in columns]


# --- grid tables -----------------------------------------------------------

def grid_table(state, start: int, end: int, silent: bool) -> bool:
    """Pandoc's grid table: cells boxed by `+---+` borders and `|` sides,
    the header's bottom border drawn with `=` (none: no header), alignment
    colons on that border (or on the top one, headerless). Cells may span
    rows or columns (their text goes to their first row and column); a
    cell's lines are joined as a paragraph's, blocks in cells are text."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    first = _text(state, start)
    indent = len(first) - len(first.lstrip())
    if not _GRID_TOP.fullmatch(first[indent:].rstrip()):
        return False
    last = start + 1
    while not _ends(state, last, end) and _text(state, last)[indent:indent + 1] in ("+", "|") \
            and not _text(state, last)[:indent].strip():
        last += 1
    # It ends at its last border: a line block's `|` lines may follow it.
    while last > start + 1 and not _text(state, last - 1)[indent:].startswith("+"):
        last -= 1
    lines = [_text(state, n)[indent:].rstrip() for n in range(start, last)]
    table = _grid(lines, start)
    if table is None:
        return False
    if not silent:
        head, body, aligns, layout = table
        push_table(state, head, body, aligns, start, last, layout)
    return True


def _grid(lines: list[str], start: int):
    """(header or None, body rows, aligns, the header's layout or None) of a
    grid table's lines from line `start`, or None if its borders do not box
    every character into a cell."""
    width = max(map(len, lines))
    seps = [n for n, line in enumerate(lines) if _GRID_HEAD.fullmatch(line)]
    # The tracing follows `-` borders: the top border's and the header's
    # `=` border's colons and `=` are read as `-`.
    grid = [(_GRID_MARKS.sub("-", line) if n == 0 or n in seps else line).ljust(width)
            for n, line in enumerate(lines)]
    cells = _trace(grid)
    if not cells or not _boxed(grid, cells):
        return None
    rows = sorted({c[0] for c in cells} | {c[2] for c in cells})
    cols = sorted({c[1] for c in cells} | {c[3] for c in cells})
    table = [[""] * (len(cols) - 1) for _ in rows[1:]]
    placed = []  # (row, column, rowspan, colspan, text) of every cell
    for top, left, bottom, right in cells:  # a spanning cell's text: its first row and column
        parts = [line[left + 1:right].rstrip() for line in grid[top + 1:bottom]]
        row, column = rows.index(top), cols.index(left)
        table[row][column] = _cell_text(parts)
        placed.append((row, column, rows.index(bottom) - row, cols.index(right) - column,
                       table[row][column]))
    # The first `=` border inside the table ends the header; one at the
    # bottom closes a foot, kept as body rows (the brief and deck have none).
    sep = next((n for n in seps if n in rows[1:-1]), None)
    aligns = [_grid_align(lines[sep or 0], col) for col in cols[:-1]]
    split = rows.index(sep) if sep else 0
    # Header rows joined, a column's words in one cell (the deck's); the
    # rows as drawn, spanners and all, go along for the brief.
    head = [" ".join(p for p in column if p) for column in zip(*table[:split])]
    body = [_row(cells, start + a, start + b + 1)
            for cells, a, b in zip(table[split:], rows[split:], rows[split + 1:])]
    if not any(head):
        return None, body, aligns, None
    return (_row(head, start, start + sep), body, aligns,
            _head_layout([cell for cell in placed if cell[0] < split], split))


def _head_layout(cells: list[tuple], height: int) -> list[list[tuple]] | None:
    """A header's cells row by row as (text, column, colspan, rowspan),
    when it has several rows or a cell spans columns; else None."""
    if height < 2 and all(colspan == 1 for *_, colspan, _ in cells):
        return None
    return [[(text, column, colspan, rowspan)
             for row, column, rowspan, colspan, text in sorted(cells) if row == n]
            for n in range(height)]


def _cell_text(lines: list[str]) -> str:
    """A grid cell's lines as the one line of inlines a cell holds: its
    paragraphs, and the items of a list in it ("- no transfusion", after a
    blank line as pandoc wants), each on a line of its own (a hard break),
    a bullet item marked "•"; a paragraph's own lines joined by spaces; a
    fenced code block's lines as code, each on its own line, indented as
    written (its fences and language left out)."""
    blocks: list[tuple[str, list[str]]] = []  # (" " or a hard break: how its lines join, lines)
    fresh, in_list = True, False  # at a block's start (after a blank line); in a list
    fence, margin = "", 0
    for raw in lines:
        line = raw.strip()
        was, fence = fence, _fence_after(fence, line)
        if was or fence:  # a fence or the code inside it
            margin = _fenced_line(raw, was, fence, margin, blocks)
            fresh, in_list = not fence, False
            continue
        item = _CELL_ITEM.match(line)
        if not line:
            fresh = True
        elif item and (fresh or in_list):
            blocks.append((" ", [("\u2022 " if item[1] in "-*+" else item[1] + " ") + item[2]]))
            fresh, in_list = False, True
        elif fresh:
            blocks.append((" ", [line]))
            fresh, in_list = False, False
        else:
            blocks[-1][1].append(line)
    return "\\\n".join(join.join(block) for join, block in blocks if block)


def _fence_after(fence: str, line: str) -> str:
    """The code fence open after a cell's `line` (codefences.after), but
    ```` ```code``` ```` among words: a code span, no fence."""
    after = codefences.after(fence, line)
    return "" if not fence and after[:1] == "`" and "`" in line[len(after):] else after


def _fenced_line(raw: str, was: str, fence: str, margin: int, blocks: list) -> int:
    """A cell's line `raw` in or at the fences of a code block (`was` the
    fence open before it, `fence` after): the opening fence starts a block
    of lines joined by hard breaks, each code line inside one of them,
    indented as written past the fence's margin (returned); the closing
    fence adds nothing."""
    if not was:
        blocks.append(("\\\n", []))
        return len(raw) - len(raw.lstrip())
    if fence:
        blocks[-1][1].append(_code_line(raw[margin:] if raw[:margin].isspace() else raw.strip()))
    return margin


def _code_line(text: str) -> str:
    """One line of code as a code span that keeps it: its indentation in
    no-break spaces (a cell's spaces collapse), backticks fenced by more."""
    body = text.lstrip(" ")
    body = "\u00a0" * (len(text) - len(body)) + body or "\u00a0"
    ticks = "`" * (max(map(len, re.findall("`+", body)), default=0) + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{ticks}{pad}{body}{pad}{ticks}"


_CELL_ITEM = re.compile(r"([-*+]|\d+[.)])\s+(.*)")


def _trace(grid: list[str]) -> list[tuple[int, int, int, int]]:
    """The cells as (top, left, bottom, right) border positions, traced as
    Pandoc's grid tables are: from each corner right along a border to a
    `+`, down that side to a `+` whose border leads back to the corner."""
    import heapq  # here: only a grid table needs it
    cells, corners, seen = [], [(0, 0)], set()
    while corners:
        corner = heapq.heappop(corners)  # top to bottom, left to right
        if corner in seen:
            continue
        seen.add(corner)
        found = _cell_from(grid, *corner)
        if found:
            cells.append((*corner, *found))
            heapq.heappush(corners, (corner[0], found[1]))
            heapq.heappush(corners, (found[0], corner[1]))
    return cells


def _cell_from(grid: list[str], top: int, left: int) -> tuple[int, int] | None:
    """(bottom, right) of the cell whose top-left corner this is, or None."""
    if grid[top][left] != "+":
        return None
    for right in range(left + 1, len(grid[top])):
        if grid[top][right] == "+":
            for bottom in range(top + 1, len(grid)):
                mark = grid[bottom][right]
                if mark == "+" and _closes(grid, top, left, bottom, right):
                    return bottom, right
                if mark not in "+|":
                    break
        elif grid[top][right] != "-":
            return None
    return None


def _closes(grid: list[str], top: int, left: int, bottom: int, right: int) -> bool:
    """Whether the bottom border and the left side close the cell."""
    return (grid[bottom][left] == "+"
            and all(c in "-+" for c in grid[bottom][left + 1:right])
            and all(grid[n][left] in "|+" for n in range(top + 1, bottom)))


def _boxed(grid: list[str], cells) -> bool:
    """Whether every character is in a cell or on its border: text outside
    them would be lost, so such lines are no table (Pandoc's is lenient)."""
    inside = [[False] * len(line) for line in grid]
    for top, left, bottom, right in cells:
        for n in range(top, bottom + 1):
            inside[n][left:right + 1] = [True] * (right + 1 - left)
    return all(inside[n][k] or c == " " for n, line in enumerate(grid) for k, c in enumerate(line))


def _grid_align(spec: str, left: int) -> str:
    """A column's alignment from the colons of its border part after the
    `+` at `left`: `:--` left, `--:` right, `:-:` centred, none the default."""
    part = re.match(r"\+(:?)[-=]+(:?)\+", spec[left:])
    if not part:
        return "left"
    colon_left, colon_right = bool(part[1]), bool(part[2])
    return "center" if colon_left and colon_right else "right" if colon_right else "left"


_GRID_TOP = re.compile(r"\+(:?-+:?\+)+")
_GRID_HEAD = re.compile(r"\+(:?=+:?\+)+")
_GRID_MARKS = re.compile(r"[=:]")


# --- shared ----------------------------------------------------------------

_DASH_RULE = re.compile(r" *-+( +-+)+ *")  # the columns' dashes, two at least
_ANY_RULE = re.compile(r" *-+( +-+)* *")   # a table's closing line


def _text(state, n: int) -> str:
    """Line n as its container lays it out: indented as far as it is past
    the container's indent, so that a list item's first line, which starts
    after its marker, lines up with the lines under it."""
    indent = max(0, state.sCount[n] - state.blkIndent)
    return " " * indent + state.src[state.bMarks[n] + state.tShift[n]:state.eMarks[n]]


def _outside(state, n: int) -> bool:
    """Whether line n has left the container (a list item's less indented line)."""
    return not state.isEmpty(n) and state.sCount[n] < state.blkIndent


def _ends(state, n: int, end: int) -> bool:
    """Whether a table's run of lines stops at line n."""
    return n >= end or state.isEmpty(n) or _outside(state, n)


def _spans(line: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"-+", line)]


def _row(cells: list[str], first: int, stop: int) -> tuple[list[str], list[int]]:
    """A row's cell texts and the source lines they come from."""
    return cells, [first, stop]


def push_table(state, head, rows, aligns: list[str], start: int, last: int,
               layout: list[list[tuple]] | None = None) -> None:
    """Push the tokens of markdown-it's own table rule; a headerless table
    (head None) has an empty thead. A header of several rows or spanning
    cells (`layout`: rows of (text, column, colspan, rowspan)) is pushed
    as those rows, their places in the table_open token's meta."""
    opening = state.push("table_open", "table", 1)
    opening.map = [start, last]
    if layout:
        opening.meta["head_layout"] = [[cell[1:] for cell in row] for row in layout]
        opening.meta["aligns"] = aligns
        heads = [([cell[0] for cell in row], head[1]) for row in layout]
        head_aligns = [[aligns[cell[1]] for cell in row] for row in layout]
    else:
        heads = [head] if head else []
        head_aligns = [aligns] * len(heads)
    for kind, tag, part, part_aligns in (("thead", "th", heads, head_aligns),
                                         ("tbody", "td", rows, [aligns] * len(rows))):
        state.push(f"{kind}_open", kind, 1)
        for (cells, lines), row_aligns in zip(part, part_aligns):
            state.push("tr_open", "tr", 1)
            for cell, align in zip(cells, row_aligns, strict=True):
                state.push(f"{tag}_open", tag, 1).attrs = {"style": f"text-align:{align}"}
                inline = state.push("inline", "", 0)
                inline.content, inline.map, inline.children = cell, lines, []
                state.push(f"{tag}_close", tag, -1)
            state.push("tr_close", "tr", -1)
        state.push(f"{kind}_close", kind, -1)
    state.push("table_close", "table", -1)
    state.line = last


def _cells(line: str, spans: list[tuple[int, int]]) -> list[str]:
    """A row's cells: each from its column's first dash to the next column's."""
    starts = [0] + [s for s, _ in spans[1:]]
    ends = [s for s, _ in spans[1:]] + [len(line)]
    return [line[a:b].strip() for a, b in zip(starts, ends, strict=True)]


def _column_align(header: str, span: tuple[int, int]) -> str:
    cell = header.ljust(span[1])[span[0]:span[1]]
    if not cell.strip():
        return "left"  # an empty header: Pandoc's default alignment
    left, right = cell[:1].strip() != "", cell[-1:].strip() != ""
    if left and right:
        return "left"  # Pandoc's default alignment
    return "right" if right else "left" if left else "center"
