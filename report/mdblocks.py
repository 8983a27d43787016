"""markdown-it's tokens turned into the document model (report/model.py).

`Converter` walks the token stream report/markdown.py parses and builds
model blocks and inlines, keeping each one's place in the source for the
warnings and errors that name file:line:column.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it.token import Token

from . import bookdown, codeannotations, labels, quartocells, rawblocks, tablenotes
from .attributes import TRAILING, strip_trailing
from .errors import warn
from .markdown import closing, parse
from .mddivs import DivReader, Transparent
from .mdfigures import FigureReader
from .mdinlines import InlineReader
from .mdtables import TableReader, caption_attributes_as_written, with_captions
from .model import (BlockQuote, BulletList, CodeBlock, DefinitionList, Equation, Heading, LineBlock,
                    LineBreak, Meta, OrderedList, PageBreak, Para, Rule, Text, plain_text)

_CLOSING_HASHES = re.compile(r"[ \t]+#+$")
_TEX_DISPLAY = re.compile(rf"\\begin\{{({'|'.join(rawblocks.DISPLAY_MATH)})(\*?)\}}"
                          r"(.*?)\\end\{\1\2\}", re.S)
_TEX_LABEL = re.compile(r"\\label\{([^{}]*)\}")
_LABELLED_MATH = re.compile(r"\$\$(.+?)\$\$\s*\{#([^\s{}]+)\}\s*", re.S)


class Converter(DivReader, FigureReader, TableReader, InlineReader):
    """Walks markdown-it's token stream and builds model blocks and inlines:
    headings, paragraphs, lists, quotes, code and equations here; divs,
    figures, tables and inlines in the readers it is made of."""

    def __init__(self, path: Path, lines: list[str], line_offset: int, meta: Meta | None = None,
                 note_base: int = 0):
        self.path = path
        self.lines = lines            # the whole file, for error columns
        self.line_offset = line_offset  # lines of front matter before the body
        self.meta = meta or Meta(title=[])  # what the front matter says of code cells
        self.cells_said = False
        self.footnotes: dict[int, list] = {}  # footnote id -> its blocks
        self.note_base = note_base  # the notes numbered before these (the front matter's)
        self.idents: set[str] = set()
        self.generated: set[str] = set()  # headings' ids made from their words
        self.places_seen: dict = {}  # (lines, written) -> how many of them were named there
        self.appendices = False  # after bookdown's `# (APPENDIX)` heading
        # Quarto's `.columns` of `.column` divs, for the slide they are in:
        # the blocks of each column of the columns divs open, and the columns
        # divs read in each slide div open, with their columns' widths.
        self.columns: list[list[list]] = []
        self.widths: list[list[float | None]] = []
        self.slide_columns: list[list[tuple]] = []

    def parsed(self, text: str, env: dict | None = None) -> list:
        """The blocks of `text`, parsed (report/markdown.py); a code fence
        never closed is said: pandoc reads it and its code as text."""
        env = {} if env is None else env
        tokens = parse(text, env)
        for start, fence in sorted(env.get("unclosed_fences", {}).items()):
            line = start + 1 + self.line_offset
            column = self.lines[line - 1].find(fence) + 1 if line <= len(self.lines) else 1
            warn(f"the {fence} fence opened here is never closed; pandoc reads it and the code "
                 f"after it as text, not code: close it with a line of {fence} after the code",
                 self.path, line, max(column, 1))
        return self.blocks(tokens)

    # Blocks: each handler takes the tokens and the index of an opening token
    # and returns (block or None, index after it).
    def blocks(self, tokens: list[Token], start: int = 0, stop: int | None = None):
        out, i = [], start
        stop = len(tokens) if stop is None else stop
        while i < stop:
            block, i = self.block(tokens, i)
            if block is not None:
                out.append(block)
        blocks = with_captions(_single_breaks(out), self.note)
        return codeannotations.annotated(blocks, labels.of(self.meta.lang))

    def block(self, tokens, i):
        token = tokens[i]
        kind = token.type
        if kind in _CONTAINERS:  # read up to its closing token
            return _CONTAINERS[kind](self, tokens, i)
        if kind == "heading_open":
            after = tokens[i + 3] if i + 3 < len(tokens) else None
            return self.heading(tokens[i + 1], int(token.tag[1]), after), i + 3
        if kind == "paragraph_open":
            return self.paragraph(tokens[i + 1]), i + 3
        if kind == "blockquote_open":
            end = closing(tokens, i)
            return BlockQuote(self.blocks(tokens, i + 1, end)), end + 1
        if kind in ("fence", "code_block"):
            return self.code_block(token), i + 1
        if kind == "hr":
            return Rule(), i + 1
        if kind == "page_break":
            return PageBreak(), i + 1
        if kind == "raw_tex_block":
            self.tex_left_out(token)
            return None, i + 1
        if kind == "math_block":
            tex, label = bookdown.equation_label(token.content)  # `$$ … (\#eq:x) $$`
            return Equation(self.math(tex, token.map, display=True), label), i + 1
        if kind == "footnote_block_open":
            return None, self.footnote_block(tokens, i)
        return None, i + 1

    def code_block(self, token: Token):
        """Code, or a Quarto code cell (report/quartocells.py), whose blocks
        stand where it is."""
        if token.type == "fence" and quartocells.is_cell(token.info):
            return Transparent(self.cell(token))
        first = token.map[0] + (token.type == "fence") if token.map else None
        return CodeBlock(token.content, token.info.strip(),
                         self.position(first, 0) if first is not None else None)

    def tex_left_out(self, token: Token) -> None:
        """Pandoc leaves a TeX environment out of all but TeX output; so
        does report, but says so, as the words it holds are lost."""
        first, stop = token.map
        where = self.position(first, 0)
        warn(f"the TeX environment '{token.content}' (to line {stop + self.line_offset}) is "
             "left out, as pandoc leaves it out of all but TeX output; write it as Markdown",
             where.path, where.line, where.column)

    def cell(self, token: Token) -> list:
        """A Quarto code cell, which report does not run (report/quartocells.py)."""
        def caption(text: str) -> list:  # a label it opens with is the chunk's own
            inlines = self.markdown_inlines(text) if text else []
            bookdown.caption_label(inlines)
            return inlines
        if not self.cells_said:  # once: the author knows what follows
            self.cells_said = True
            warn("code cells (Quarto's, knitr's) are shown, not run: their figures and "
                 "tables stand as placeholders", self.path, (token.map[0] if token.map else 0)
                 + 1 + self.line_offset)
        words = labels.of(self.meta.lang)
        return quartocells.blocks(token.content, token.info, self.meta.echo, caption,
                                  words["not_run"], words["note"], words["not_run_unnamed"])

    def heading(self, inline: Token, level: int, after: Token | None = None) -> Heading | None:
        ident = ""
        attrs = TRAILING.search(inline.content)
        children = self.inlines(inline)
        special = bookdown.special(children)  # `# (APPENDIX) Appendix {-}`
        if special and level != 1:
            warn(f"bookdown reads '({special.upper()})' on a level-1 heading only; here it is "
                 "left out and the heading stays a heading", self.path,
                 (inline.map[0] if inline.map else 0) + 1 + self.line_offset)
        elif special == "appendix":
            self.appendices = True  # each level-1 heading after it is an appendix
            if after is None or (after.type == "heading_open" and after.tag == "h1"):
                return None  # it only says so (papaja's PDF prints nothing for it)
        if attrs:
            # `{-#x}`: pandoc's (and bookdown's) unnumbered heading `x`
            ident = next((a.lstrip("-")[1:] for a in attrs[1].split()
                          if a.lstrip("-").startswith("#")), "")
            strip_trailing(children, attrs[0])
            # `## Head ## {#x}`: the closing hashes go before the attributes
            hashes = _CLOSING_HASHES.search(inline.content[:attrs.start()])
            if hashes:
                strip_trailing(children, hashes[0].strip())
        made = not ident
        ident = self.unique_ident(ident or _ident(children))
        if made:
            self.generated.add(ident)
        return Heading(level, children, ident, self.block_position(inline),
                       in_appendices=self.appendices and level == 1)

    def unique_ident(self, ident: str) -> str:
        base, n = ident or "section", 0
        while ident in self.idents or not ident:
            n += 1
            ident = f"{base}-{n}"
        self.idents.add(ident)
        return ident

    def paragraph(self, inline: Token):
        children = inline.children or []
        if len(children) == 1 and children[0].type == "image":
            figure = self.figure(children[0], inline)
            note = str(children[0].attrGet("apa-note") or "")  # apaquarto's note under a figure
            return Transparent([figure, *self.note(note)]) if note else figure
        equation = self.equation(inline)
        if equation:
            return equation
        tablenotes.notes_on_lines(inline.children or [])
        caption_attributes_as_written(inline)
        children = self.inlines(inline)
        if all(isinstance(c, LineBreak) or isinstance(c, Text) and not c.text.strip()
               for c in children):
            return None  # only tags (`<br>`, `<div></div>`): nothing to print
        for end, strip in ((0, str.lstrip), (-1, str.rstrip)):  # where a tag on its line was
            if isinstance(children[end], Text):
                children[end] = Text(strip(children[end].text))
        return Para(children)

    def equation(self, inline: Token) -> Equation | None:
        """A paragraph that is an equation of its own: Quarto's labelled
        `$$ … $$ {#eq-x}`, or LaTeX's `\\begin{equation} … \\end{equation}`
        (display math, as in LaTeX); else None."""
        labelled = _LABELLED_MATH.fullmatch(inline.content)
        if labelled:
            return Equation(self.math(labelled[1], inline.map, display=True), labelled[2])
        environment = _TEX_DISPLAY.fullmatch(inline.content.strip())
        if not environment:
            return None
        tex, label = bookdown.equation_label(environment[0])  # `(\#eq:x)`
        written = _TEX_LABEL.search(tex)  # `\label{x}`: texmath leaves it out
        return Equation(self.math(tex, inline.map, display=True), written[1] if written else label)

    def note(self, text: str) -> list[Para]:
        """apaquarto's `apa-note`: the *Note.* paragraph under its figure or
        table ("Anmerkung." in German)."""
        return quartocells.note_paragraphs(text, self.markdown_inlines,
                                           labels.of(self.meta.lang)["note"])

    def list(self, tokens, i):
        end = closing(tokens, i)
        items, j = [], i + 1
        while j < end:
            item_end = closing(tokens, j)
            items.append(_task(self.blocks(tokens, j + 1, item_end)))
            j = item_end + 1
        if tokens[i].type == "ordered_list_open":
            if "numbering" in tokens[i].meta:
                style, delimiter, start = tokens[i].meta["numbering"]
                return OrderedList(items, start, style, delimiter), end + 1
            return OrderedList(items, int(tokens[i].attrGet("start") or 1)), end + 1
        return BulletList(items), end + 1

    def definitions(self, tokens, i):
        end = closing(tokens, i)
        items, j = [], i + 1
        while j < end:
            close = closing(tokens, j)
            if tokens[j].type == "dt_open":
                items.append((self.inlines(tokens[j + 1]), []))
            else:  # dd_open: one more definition of the last term
                items[-1][1].append(self.blocks(tokens, j + 1, close))
            j = close + 1
        return DefinitionList(items), end + 1

    def line_block(self, tokens, i):
        end = closing(tokens, i)
        lines = []
        for token in tokens[i + 1:end]:
            line = self.inlines(token)
            if token.meta["indent"]:  # kept, as pandoc keeps a verse's indents
                line.insert(0, Text("\u00a0" * token.meta["indent"]))
            lines.append(line)
        return LineBlock(lines), end + 1

    def footnote_block(self, tokens, i) -> int:
        end = closing(tokens, i)
        j = i + 1
        while j < end:
            if tokens[j].type == "footnote_open":
                close = closing(tokens, j)
                self.footnotes[tokens[j].meta["id"]] = self.blocks(tokens, j + 1, close)
                j = close + 1
            else:
                j += 1
        return end + 1


_TASK = re.compile(r"\[([ xX])\] ")


def _task(blocks: list) -> list:
    """A task list's item: "[ ] " or "[x] " at its start is a ballot box,
    ☐ or ☒, as pandoc reads it for every output but HTML's checkboxes."""
    first = blocks[0].children[0] if blocks and isinstance(blocks[0], Para) \
        and blocks[0].children else None
    match = _TASK.match(first.text) if isinstance(first, Text) else None
    if match:
        box = "\u2610" if match[1] == " " else "\u2612"
        blocks[0].children[0] = Text(f"{box} {first.text[match.end():]}")
    return blocks


def _single_breaks(blocks: list) -> list:
    """Page breaks in a row make one, as in LaTeX, where a new page on an
    empty page does nothing: no blank pages."""
    return [b for n, b in enumerate(blocks)
            if not (isinstance(b, PageBreak) and n and isinstance(blocks[n - 1], PageBreak))]


def _ident(children) -> str:
    """Pandoc's auto_identifiers: lower case, punctuation dropped, hyphens."""
    text = plain_text(children).lower()
    text = re.sub(r"[^\w\s.-]", "", text)
    text = re.sub(r"\s+", "-", text.strip())
    return re.sub(r"^[^a-z]+", "", text)


# The blocks read up to their closing token, each by its reader.
_CONTAINERS = {"bullet_list_open": Converter.list, "ordered_list_open": Converter.list,
               "table_open": Converter.table, "container_div_open": Converter.div,
               "dl_open": Converter.definitions, "line_block_open": Converter.line_block}
