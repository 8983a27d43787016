"""Model blocks and inlines → HTML fragments, for the brief and the handout.

Only structure and class names live here; how they look is styles/*.css.
APA needs a little structure HTML lacks: run-in level-4/5 headings (APA 7
§2.27) are a heading span at the head of their paragraph, and tables and
figures get their "Table 1"/"Figure 1" label line.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import replace
from html import escape

from . import bidi, crossref, imagefiles, keptwhole, labels, tablefit
from .minussign import minus_signs
from .walk import inline_lists, inner_blocks
from .model import (BlockQuote, BulletList, Callout, Cite, Cited, Code, CodeBlock,
                    DefinitionList, DisplayMath, Emph, Equation, Figure, Heading, LineBlock,
                    LineBreak, Link, NoteRef, Notes, OrderedList, PageBreak, Para,
                    RefsPlaceholder, Rule, Slide, SmallCaps, Strikeout, Strong, Subscript,
                    Superscript, Table, Text, Underline, float_number, note_numbers,
                    plain_text)


class HtmlWriter:
    """Renders blocks; knows where footnotes are and which works are listed."""

    def __init__(self, footnotes=(), resolve_src=lambda src: src, references=(), words=None,
                 text_width=None, lang="en-US", text_height=None, code_break="\u200b",
                 resolve_href=lambda url: url):
        self.footnotes = list(footnotes)
        self.linking = False  # inside a citation's link
        # In a table's cells, the words that break there (tablefit.Fit.breaks);
        # None outside a table. In a cell the words that must break do (_kept_whole).
        self.table_breaks: dict | None = None
        # How wide a table may be (letter's text, unless told), and its hyphens.
        self.text_width = text_width or tablefit.measure_width("letter")
        self.note_width = self.text_width  # a footnote's, across the page's foot
        self.in_note = False  # writing a footnote: its tables, equations at its size
        # Where code in a table's cell may break: a zero-width space for
        # WeasyPrint, which ignores a <wbr> where the cell's overflow-wrap
        # breaks the code first, and draws the space as no glyph (the PDF's
        # text has none); a <wbr> in a browser, where copied text would keep
        # the space.
        self.code_break = code_break
        # How tall a figure may be, its caption and notes with it (the
        # brief's page; None: as tall as brief.css lets a picture be).
        self.text_height = text_height
        self.lang = lang
        self.words = words or labels.of("en")  # "Figure", "Table" in the article's language
        self.resolve_src = resolve_src
        self.resolve_href = resolve_href  # a link's address, as the output's folder reads it
        self.entries = {r.key.lower(): r.key for r in references}  # entry ids by key

    # --- blocks ---
    def blocks(self, blocks) -> str:
        out, i = [], 0
        while i < len(blocks):
            block = blocks[i]
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if isinstance(block, Heading) and block.level >= 4 and isinstance(following, Para):
                out.append(self.run_in(block, following))
                i += 2
                continue
            notes = _notes_after(blocks, i + 1) if isinstance(block, (Table, Figure)) else []
            if notes:
                draw = self.table if isinstance(block, Table) else self.figure
                out.append(draw(block, notes))
                i += 1 + len(notes)
                continue
            out.append(self.block(block))
            i += 1
        return "\n".join(part for part in out if part)

    def block(self, block) -> str:
        if isinstance(block, Heading):
            if block.level >= 4:
                return f'<p class="run-in-only">{self.run_in_heading(block)}</p>'
            # h1 is the paper's title; APA level n is <h(n+1)>.
            tag = f"h{block.level + 1}"
            kind = f"apa{block.level}" + (" appendix" if block.appendix else "")
            children = (_appendix_lines(block, self.words["appendix"])
                        if block.appendix else block.children)
            # "Appendix A: Scales", its lines parted as in a title.
            marked = bookmark(children, self.words["colon"] + " ")
            return (f'<{tag} class="{kind}" id="{escape(block.ident)}"{marked}>'
                    f'{self.inlines(children)}</{tag}>')
        if isinstance(block, Para):
            return f"<p>{self.inlines(block.children)}</p>"
        if isinstance(block, BulletList):
            with self.inside("ul"):
                items = "".join(f"<li>{self.item(i)}</li>" for i in block.items)
            return f"<ul>{items}</ul>"
        if isinstance(block, OrderedList):
            return self.ordered(block)
        if isinstance(block, DefinitionList):
            return "<dl>" + "".join(
                f"<dt>{self.inlines(term)}</dt>" + "".join(f"<dd>{self.definition(d)}</dd>"
                                                           for d in definitions)
                for term, definitions in block.items) + "</dl>"
        if isinstance(block, Equation):
            number = f'<span class="number">({float_number(block)})</span>' if block.number else ""
            clear = tablefit.figure_measures()["equation_padding"]  # kept clear at the sides
            return (f'<p class="equation"{_id(block.ident)}'
                    f'{self.math_size(block.children, self.text_width - clear)}>'
                    f'{self.inlines(block.children)}{number}</p>')
        if isinstance(block, LineBlock):
            lines = "<br>".join(self.inlines(line) for line in block.lines)
            return f'<p class="line-block">{lines}</p>'
        if isinstance(block, Callout):
            title = block.title or [Text(self.words["callout"][block.kind])]
            with self.inside("aside.callout"):
                inner = self.blocks(block.blocks)
            return (f'<aside class="callout {escape(block.kind)}"><p class="callout-title">'
                    f"{self.inlines(title)}</p>{inner}</aside>")
        if isinstance(block, BlockQuote):
            with self.inside("blockquote"):
                return f"<blockquote>{self.blocks(block.blocks)}</blockquote>"
        if isinstance(block, CodeBlock):
            return f"<pre><code>{escape(block.text)}</code></pre>"
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Figure):
            return self.figure(block)
        if isinstance(block, Rule):
            return "<hr>"
        if isinstance(block, PageBreak):
            return '<div class="page-break"></div>'
        if isinstance(block, (Slide, Notes, RefsPlaceholder)):
            return ""  # the deck's, or placed by the page template
        raise TypeError(f"no HTML for {type(block).__name__}")

    def ordered(self, block: OrderedList) -> str:
        """`<ol>`, its style and delimiter as classes (brief.css); the first
        number also as a counter, which WeasyPrint reads where it ignores `start`."""
        attributes = ""
        if block.style != "decimal":
            delimiter = _DELIMITER_CLASSES.get(block.delimiter, "")
            attributes += f' class="{block.style}{delimiter}"'
        if block.start != 1:
            attributes += (f' start="{block.start}" style="counter-reset: list-item '
                           f'{block.start - 1}"')
        with self.inside("ol"):
            items = "".join(f"<li>{self.item(i)}</li>" for i in block.items)
        return f"<ol{attributes}>{items}</ol>"

    def definition(self, blocks) -> str:
        with self.inside("dd"):
            return self.item(blocks)

    @contextmanager
    def inside(self, element: str):
        """What is written meanwhile stands inside `element`: an equation,
        a table, a figure measured against what brief.css leaves of the
        text's width there (a list's indent, a quotation's), not all of it."""
        was = self.text_width
        self.text_width = was - tablefit.inset(element, self.in_note)
        try:
            yield
        finally:
            self.text_width = was

    def item(self, blocks) -> str:
        # A tight list item is one paragraph: no <p>, so no paragraph indent.
        if len(blocks) == 1 and isinstance(blocks[0], Para):
            return self.inlines(blocks[0].children)
        return self.blocks(blocks)

    def run_in_heading(self, heading: Heading) -> str:
        words = _run_in_words(heading)
        return (f'<span class="apa{heading.level}" id="{escape(heading.ident)}" role="heading" '
                f'aria-level="{heading.level + 1}"{bookmark(words)}>{self.inlines(words)}</span>')

    def run_in(self, heading: Heading, para: Para) -> str:
        return f'<p class="run-in">{self.run_in_heading(heading)} {self.inlines(para.children)}</p>'

    def table(self, table: Table, notes: list[Para] = ()) -> str:
        # How small its type, which words (if any) break (tablefit.py, brief.css).
        fitted = tablefit.fit(table, self.text_width, self.lang, self.in_note)
        was, self.table_breaks = self.table_breaks, fitted.breaks
        try:
            # Column headings stand centred over their columns, whatever
            # the cells' alignment (APA §7.12; styles/brief.css).
            head = self.head_rows(table) if table.head_rows else "".join(
                f'<th>{self.inlines(c)}</th>' for c in table.header)
            rows = "".join("<tr>" + "".join(f'<td style="text-align:{a}">{self.inlines(c)}</td>'
                                            for c, a in zip(row, table.aligns)) + "</tr>"
                           for row in table.rows)
        finally:
            self.table_breaks = was
        label = _label(self.words["table"][0], table)
        kinds = (" short" if _short(table) else "") + fitted.classes
        return (f'<figure class="table{kinds}"{_id(table.ident)}><figcaption>{label}'
                f'<span class="title">{self.inlines(table.caption)}</span></figcaption>'
                f"<table>{_thead(head, bool(table.head_rows))}"
                f"<tbody>{rows}</tbody></table>"
                f"{self.notes_below(notes)}</figure>")

    def head_rows(self, table: Table) -> str:
        """A header of several rows, as drawn: a column spanner (APA §7.10)
        centred over its columns, ruled under its words; a cell that does
        not reach the header's last row has no rule of the header's."""
        height, rows = len(table.head_rows), []
        for n, row in enumerate(table.head_rows):
            cells = []
            for cell in row:
                spans = "".join(f' {name}="{count}"' for name, count in
                                (("colspan", cell.colspan), ("rowspan", cell.rowspan))
                                if count > 1)
                upper = n + cell.rowspan < height
                kind = (' class="upper spanner"' if upper and cell.colspan > 1
                        else ' class="upper"' if upper else "")
                words = self.inlines(cell.children)
                cells.append(f'<th{spans}{kind}>'
                             f'{f"<span>{words}</span>" if "spanner" in kind else words}</th>')
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return "".join(rows)

    def figure(self, figure: Figure, notes: list[Para] = ()) -> str:
        label = _label(self.words["figure"][0], figure)
        room = self.picture_room(figure, notes)
        picture = self.panels(figure, room) if figure.panels else self.picture(figure, room)
        return (f'<figure class="figure"{_id(figure.ident)}><figcaption>{label}'
                f'<span class="title">{self.inlines(figure.caption)}</span></figcaption>'
                f"{picture}{self.notes_below(notes)}</figure>")

    def picture_room(self, figure: Figure, notes: list[Para]) -> float | None:
        """How tall a figure's pictures may be (each row of its panels) for
        them to stand on one page with its number, caption, panels'
        captions and notes (a figure is never parted from them, APA §7.22);
        None where brief.css's own limit leaves room enough. Lines, margins
        and paddings are brief.css's (tablefit.figure_measures)."""
        if self.text_height is None:
            return None
        css, width = tablefit.figure_measures(), self.text_width
        words = [(plain_text(figure.caption), width, True)] + [
            (plain_text(note.children), width, False) for note in notes]
        rows = [figure.panels[at:at + figure.columns]
                for at in range(0, len(figure.panels), max(figure.columns, 1))]
        panel = width / max(figure.columns, 1) - css["panel_padding"]
        lines = 1 + sum(tablefit.line_count(text, wide, italic=italic)
                        for text, wide, italic in words if text) + sum(
            max(tablefit.line_count(f"(a) {plain_text(p.caption)}", panel) for p in row)
            for row in rows)
        # a line to spare: the lines are counted as the text's, not set
        room = (self.text_height - css["figure_margins"] - (lines + 1) * css["line"]
                - self.notes_height(figure, notes)) / max(len(rows), 1)
        return max(room, 72.0) if room < css["picture_height"] else None

    def notes_height(self, figure: Figure, notes: list[Para]) -> float:
        """How tall the footnotes that the figure's captions and notes call
        stand at its page's foot (a note's call takes its note to its page),
        each line a note's line (brief.css: .footnote); 0 if they call none."""
        calls = [figure.caption, *(p.caption for p in figure.panels),
                 *(note.children for note in notes)]
        numbers = sorted({n for inlines in calls for n in note_numbers(inlines)
                          if 0 < n <= len(self.footnotes)})
        if not numbers:
            return 0.0
        css = tablefit.figure_measures()
        lines = sum(tablefit.line_count(_blocks_text(self.footnotes[n - 1]), self.note_width,
                                        css["note_size"], indent=css["note_indent"])
                    for n in numbers)
        return css["note_area"] + lines * css["note_line"]

    def picture(self, figure: Figure, room: float | None = None,
                across: float | None = None) -> str:
        """The picture, `across` wide at most (the text's width, or its
        panel's) and `room` tall (brief.css's max-height, if None)."""
        if not figure.src:  # a code cell's, not run (an unnamed chunk's has no label)
            said = (self.words["not_run"].format(label=figure.ident) if figure.ident
                    else self.words["not_run_unnamed"])
            return f'<p class="not-run">{escape(said)}</p>'
        src = self.resolve_src(figure.src)
        size = _size(figure, room, across or self.text_width,
                     imagefiles.aspect(src) if figure.width or figure.height else None)
        return f'<img src="{escape(src)}" alt="{escape(figure.description())}"{size}>'

    def panels(self, figure: Figure, room: float | None = None) -> str:
        """Subfigures, `columns` to a row, each over its "(a) Caption"."""
        width = f"{100 / figure.columns:.4g}%"
        across = self.text_width / figure.columns - tablefit.figure_measures()["panel_padding"]
        return '<div class="panels">' + "".join(
            f'<div class="panel"{_id(panel.ident)} style="width: {width}">'
            f'{self.picture(panel, room, across)}'
            f'<p class="panel-caption">({panel.panel}) {self.inlines(panel.caption)}</p></div>'
            for panel in figure.panels) + "</div>"

    def notes_below(self, notes: list[Para]) -> str:
        """APA's notes ("*Note.*", "^a^ …", "\\* *p* < .05."), each on its
        line, inside their table's or figure's box."""
        return "".join(f'<p class="note">{self.inlines(note.children)}</p>' for note in notes)

    # --- inlines ---
    def inlines(self, inlines) -> str:
        # A hyphen that signs a number is a minus sign, as on the slides.
        inlines = [Text(minus_signs(node.text)) if isinstance(node, Text) else node
                   for node in inlines]
        out, i = [], 0
        while i < len(inlines):
            node = inlines[i]
            following = inlines[i + 1] if i + 1 < len(inlines) else None
            if isinstance(node, Text) and isinstance(following, NoteRef):
                out.append(self.word_and_note(node.text, following))
                i += 2
            elif found := keptwhole.with_symbol(inlines, i):
                # "*p* = .013", "η~p~² = .04": the symbol, its scripts, sign and value
                start, j, kept = found
                symbol = [Text(node.text[start:])] if isinstance(node, Text) else [node]
                if start:
                    out.append(self.inline(Text(node.text[:start])))
                out.append(f'<span class="whole">{"".join(map(self.inline, symbol))}'
                           f'{"".join(map(self.inline, inlines[i + 1:j]))}'
                           f'{escape(kept.group(), quote=False)}</span>')
                # the rest may end with the next symbol: "*p* = .013, η"
                inlines = inlines[:j] + [Text(inlines[j].text[kept.end():])] + inlines[j + 1:]
                i = j
            elif isinstance(node, NoteRef) and isinstance(inlines[i - 1] if i else None, NoteRef):
                out.append(self.note(node, after_call=True))
                i += 1
            else:
                out.append(self.inline(node))
                i += 1
        return _SPACE_INTO_LINK.sub(r"\1\2 ", _SPACE_INSIDE.sub(r" \1", "".join(out)))

    def entry(self, inlines) -> str:
        """A reference list's entry: each run of right-to-left words (a name,
        a title, a publisher in Arabic or Hebrew) isolated, or the Unicode
        bidi algorithm joins them with the punctuation between into one run
        read backwards: "(2011). رفاعة رافع" for "رفاعة رافع. (2011)"."""
        return bidi.html(self.inlines(inlines), bidi.ENTRY)

    def word_and_note(self, text: str, ref: NoteRef) -> str:
        """The text with its last word and the footnote call unbreakable:
        APA sets the number right after the word or punctuation."""
        head, space, word = text.rpartition(" ")
        if space and not head.strip() and len(word) > 1:
            # A space alone before the span would print no text (_SPACE_INSIDE):
            # it goes with the word's first letters, its last one with the call.
            head, space, word = head + space + word[:-1], "", word[-1:]
        return (f'{escape(head + space, quote=False)}<span class="note-anchor">'
                f"{escape(word, quote=False)}{self.note(ref)}</span>")

    def inline(self, node) -> str:
        if isinstance(node, Text):
            return _kept_whole(node.text, self.table_breaks or {},
                               keptwhole.kept_whole_in(self.lang))
        if isinstance(node, Emph):
            return f"<em>{self.inlines(node.children)}</em>"
        if isinstance(node, Strong):
            return f"<strong>{self.inlines(node.children)}</strong>"
        if isinstance(node, (Subscript, Superscript, Strikeout, Underline)):
            tag = _TAGS[type(node)]
            return f"<{tag}>{self.inlines(node.children)}</{tag}>"
        if isinstance(node, SmallCaps):
            return '<span class="smallcaps">' + self.inlines(node.children) + "</span>"
        if isinstance(node, DisplayMath):  # a line of its own, centred (brief.css), as pandoc's
            return (f'<span class="math display"{self.math_size(node.children, self.text_width)}>'
                    f'{self.inlines(node.children)}</span>')
        if isinstance(node, Code):
            if self.table_breaks is not None:  # it breaks as tablefit.py measured it
                return (f"<code>{_code_breaks(node.text, self.table_breaks, self.code_break)}"
                        "</code>")
            return f"<code>{escape(node.text)}</code>"
        if isinstance(node, Link):
            # In a table, a URL may break anywhere (brief.css: a.url).
            url = ' class="url"' if self.table_breaks is not None and tablefit.is_url(
                plain_text(node.children)) else ""
            words = self.inlines(node.children)
            if not url and len(node.children) == 1 and isinstance(node.children[0], Text) \
                    and tablefit.is_url(node.children[0].text):
                words = _url_breaks(node.children[0].text)
            return f'<a href="{escape(self.resolve_href(node.url))}"{url}>{words}</a>'
        if isinstance(node, LineBreak):
            return "<br>"
        if isinstance(node, Cite):  # its right-to-left names isolated, as an entry's
            return bidi.html(self.inlines(node.rendered), bidi.CITATION)
        if isinstance(node, Cited):
            return self.cited(node)
        if isinstance(node, NoteRef):
            return self.note(node)
        raise TypeError(f"no HTML for {type(node).__name__}")

    def math_size(self, inlines, width: float) -> str:
        """A display equation too wide for its line: set smaller to fit
        (tablefit.line_size), its scripts with it (brief.css: .scaled);
        measured at its note's size in a footnote, the text's elsewhere."""
        text = tablefit.figure_measures()["note_size" if self.in_note else "text_size"]
        size = tablefit.line_size(inlines, width, text)
        return f' style="font-size: {size:g}pt" data-scaled' if size else ""

    def cited(self, part: Cited) -> str:
        """Each work a citation names links to its entry; a work the list
        leaves out (a personal communication) to nothing."""
        if part.key not in self.entries or self.linking:  # a link in a link is none
            return self.inlines(part.children)
        self.linking = True  # a work cited in this one's suffix: "as cited in …"
        try:
            inner = self.inlines(part.children)
        finally:
            self.linking = False
        return f'<a href="#ref-{escape(self.entries[part.key])}">{inner}</a>'

    def note(self, ref: NoteRef, after_call: bool = False) -> str:
        """A footnote; `after_call` when it follows another's call with
        nothing between, which its own call sets apart ("¹,²", not "¹²",
        which reads as note 12: brief.css)."""
        if not 0 < ref.number <= len(self.footnotes):
            return ""
        # across the page's foot, whatever the indent of the text that calls it
        was = self.text_width, self.in_note
        self.text_width, self.in_note = self.note_width, True
        try:
            body = self.blocks(self.footnotes[ref.number - 1])
        finally:
            self.text_width, self.in_note = was
        kind = "footnote after-call" if after_call else "footnote"
        return f'<span class="{kind}">{_note_content(body)}</span>'


_TAGS = {Subscript: "sub", Superscript: "sup", Strikeout: "del", Underline: "u"}
# WeasyPrint draws no text for a space alone between two elements, only its
# width, so text read from the PDF runs on ("*p* < .001" as "p< .001"): the
# space before a kept-whole span goes inside the element before it.
_SPACE_INSIDE = re.compile(r'((?:</(?:em|strong|a)>)+) (?=<span class="whole">)')
# So does the space between a note's call and a link (a citation's author,
# "then.⁸ Smith and Lee⁹"): it goes inside the link, before its words.
_SPACE_INTO_LINK = re.compile(r"(</span>) (<a [^>]*>)")
_DELIMITER_CLASSES = {")": " paren", "()": " parens"}  # "." is a list's own


# A URL breaks after its slashes; a part between two of them longer than a
# line broke anywhere (brief.css: .reference), a letter or two left alone
# on the next line ("…_into_the_proces" / "s"). Such a part may also break
# before its punctuation, as the Chicago Manual (§6.76) breaks a URL:
# "…_bring" / "_the_community_into_the_process". A shorter part keeps to
# its line, as it did.
_LONG_URL_PART = re.compile(r"[^/]{40,}")
_BEFORE = re.compile(r"(?<=[^_.~=&?#%-])(?=[_.~=&?#%-])")


def _url_breaks(url: str) -> str:
    """A URL's HTML, its long parts with a break opportunity (<wbr>, no
    character in the PDF's text) before each mark of punctuation."""
    out, at = [], 0
    for part in _LONG_URL_PART.finditer(url):
        out.append(escape(url[at:part.start()], quote=False))
        out.append("<wbr>".join(escape(piece, quote=False)
                                for piece in _BEFORE.split(part.group())))
        at = part.end()
    out.append(escape(url[at:], quote=False))
    return "".join(out)


# After each of these code may break in a table's cell (tablefit.py).
_CODE_BREAK = re.compile(f"(?<=[{re.escape(tablefit.CODE_BREAK_AFTER)}])(?![)\\]}}])")


def _code_breaks(code: str, breaks: dict[str, str], mark: str = "\u200b") -> str:
    """Code in a table's cell: a break opportunity (`mark`) after its
    punctuation, and a piece still too wide for its column (`breaks`, with
    no soft hyphens: tablefit gives code none) in a span that breaks
    anywhere. Else a long call or name would push the table off the page."""
    return mark.join(_breaking(piece, breaks) for piece in _CODE_BREAK.split(code) if piece)


def _kept_whole(text: str, breaks: dict[str, str], kept: re.Pattern) -> str:
    """Text with its p values and their signs ("< .001"), "95% CI", its
    locators ("p. 58", the article's language's "S. 58"), each in a span
    that never breaks (`kept`, keptwhole.kept_whole_in: Pango would part
    ". 001"); in a table cell, the words that must break (`breaks`), with
    their soft hyphens or in a span that breaks anywhere."""
    out, at = [], 0
    for match in kept.finditer(text):
        out.append(_breaking(text[at:match.start()], breaks))
        out.append(f'<span class="whole">{escape(match.group(), quote=False)}</span>')
        at = match.end()
    out.append(_breaking(text[at:], breaks))
    return "".join(out)


def _breaking(text: str, breaks: dict[str, str]) -> str:
    """`text` with the words of `breaks` as they may break."""
    if not breaks:
        return escape(text, quote=False)
    words = "|".join(re.escape(w) for w in sorted(breaks, key=len, reverse=True))
    out, at = [], 0
    for match in re.finditer(words, text):
        out.append(escape(text[at:match.start()], quote=False))
        marked = breaks[match.group()]
        out.append(escape(marked, quote=False) if marked else
                   f'<span class="anywhere">{escape(match.group(), quote=False)}</span>')
        at = match.end()
    out.append(escape(text[at:], quote=False))
    return "".join(out)


def _thead(head: str, rows: bool) -> str:
    """The table's head: its one row's cells, or `rows` already drawn."""
    if not head:
        return ""
    return f"<thead>{head if rows else f'<tr>{head}</tr>'}</thead>"


def _notes_after(blocks: list, start: int) -> list[Para]:
    """The note paragraphs that follow a table or figure from `start` on."""
    end = start
    while end < len(blocks) and labels.is_note(blocks[end]):
        end += 1
    return blocks[start:end]


def bookmark(inlines, line_break: str = " ") -> str:
    """The attribute that names a heading in the PDF's outline (brief.css)."""
    return f' data-bookmark="{escape(bookmark_text(inlines, line_break))}"'


def bookmark_text(inlines, line_break: str = " ") -> str:
    """A heading's words alone, on one line, `line_break` between its lines.
    WeasyPrint's own label, the heading's text as drawn, has a note's call
    in it ("Method1") and nothing at a line break ("Appendix AScales")."""
    lines, line = [], []
    for node in inlines:
        if isinstance(node, LineBreak):
            lines.append(line)
            line = []
        else:
            line.append(node)
    return line_break.join(" ".join(plain_text(words).split())
                           for words in [*lines, line]).strip()


def _appendix_lines(heading: Heading, word: str) -> list:
    """"Appendix A: Scales" as APA sets it (§2.14): the label on its line,
    the appendix's title on the line below; a heading that writes only its
    title (apaquarto's `# Scales {#apx-a}`) gets its label line so."""
    children = heading.children
    if not crossref.written_label(heading, word):
        return [Text(crossref.appendix_label(heading, word)), LineBreak(), *children]
    first = children[0] if children else None
    found = re.match(rf"({re.escape(word)}(?:\s+[A-Z]\b)?)\s*[:.—–-]\s*",
                     first.text) if isinstance(first, Text) else None
    if not found or (found.end() == len(first.text) and len(children) == 1):
        return children
    rest = [Text(first.text[found.end():])] if found.end() < len(first.text) else []
    return [Text(found[1]), LineBreak(), *rest, *children[1:]]


def _note_content(html: str) -> str:
    """A footnote as inline content, which floats to the page foot from the
    paragraph that calls it: its first paragraph as the line after its
    number, any further block as a span that styles/brief.css sets as a
    block (`fn-p`, `fn-ul`…). A <p> inside the calling <p> would end it,
    and the note's paragraphs would print in the text. The line breaks
    between blocks go: between spans set as blocks, WeasyPrint sets each as
    a blank line."""
    first, rest = "", html
    if html.startswith("<p>"):
        end = html.index("</p>")
        first, rest = html[3:end], html[end + 4:]
    return first + _BLOCK_TAG.sub(_as_span, _BEFORE_BLOCK.sub("", rest))


def _as_span(tag: re.Match) -> str:
    """A block's tag as a span's, its class kept after its fn- one."""
    if tag[1]:
        return "</span>"
    attributes = tag[3]
    found = re.search(r'\sclass="([^"]*)"', attributes)
    classes = f"fn-{tag[2]}" + (f" {found[1]}" if found else "")
    attributes = attributes.replace(found[0], "") if found else attributes
    return f'<span class="{classes}"{attributes}>' + ("</span>" if tag[2] == "hr" else "")


# The block elements a footnote may hold (`<hr>` has no closing tag).
_BLOCK_TAG = re.compile(r"<(/?)(p|ul|ol|li|pre|blockquote|dl|dt|dd|div|h[1-6]|table|thead|"
                        r"tbody|tr|th|td|figure|figcaption|aside|hr)\b([^>]*)>")
_BEFORE_BLOCK = re.compile(r"\s+(?=" + _BLOCK_TAG.pattern + ")")


def _blocks_text(blocks) -> str:
    """A note's words, its blocks' (and theirs') one after another."""
    parts = []
    for block in blocks:
        parts += [plain_text(inlines) for inlines in inline_lists(block)]
        parts += [block.text] if isinstance(block, CodeBlock) else []
        parts += [_blocks_text(inner) for inner in inner_blocks(block)]
    return " ".join(parts)





def _size(figure: Figure, room: float | None, across: float, aspect: float | None) -> str:
    """The width and height the author gave (`{width=50%}`, Word's
    `{width="6in" height="5in"}`): the picture's own, within the page's room
    (`across`, brief.css's max-height or less, `room`, for the figure's
    captions and notes to fit the page). Made smaller, both sides shrink
    alike: CSS's max-height on a picture of a set width shrank its height
    alone (a 6 by 8 in figure printed 6 by 6, a circle as an ellipse).
    `aspect`: the picture's own width over height, for a side not given."""
    em = tablefit.figure_measures()["text_size"]
    width, height = _points(figure.width, across, em), _points(figure.height, None, em)
    if aspect and bool(width) != bool(height):
        width, height = width or height * aspect, height or width / aspect
    if width and height:
        tall = room or tablefit.figure_measures()["picture_height"]
        scale = min(1.0, across / width, tall / height)
        return f' style="width: {width * scale:.2f}pt; height: {height * scale:.2f}pt"'
    sizes = [f"{name}: {value}" for name, value in (("width", figure.width),
                                                     ("height", figure.height)) if value]
    sizes += [f"max-height: {room:.0f}pt"] if room else []
    return f' style="{"; ".join(sizes)}"' if sizes else ""


_UNITS = {"in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pt": 1.0, "pc": 12.0, "px": 0.75}


def _points(length: str, across: float | None, em: float) -> float | None:
    """A CSS length ("3in", "50%" of `across`, "20em") in points; None for
    none, or a percentage of nothing known (a height's)."""
    match = re.fullmatch(r"([\d.]+)(%|[a-z]+)", length or "")
    if not match:
        return None
    value, unit = float(match[1]), match[2]
    if unit == "%":
        return value * across / 100 if across else None
    scale = em if unit == "em" else _UNITS.get(unit)
    return value * scale if scale and value > 0 else None


def _id(ident: str) -> str:
    return f' id="{escape(ident)}"' if ident else ""


def _label(word: str, block) -> str:
    """APA's "Figure 1" line over a caption; none for a float the brief does
    not number (one in a footnote)."""
    return f'<span class="number">{word} {float_number(block)}</span>' if block.number else ""


# A table with no more rows or words than this fits on a page whatever its
# columns (600 characters at 10 pt are some 9 lines across a page), so it
# may be kept whole (styles/brief.css: figure.table.short); a longer one
# runs on over pages.
SHORT_ROWS, SHORT_TEXT = 8, 600


def _short(table: Table) -> bool:
    text = sum(len(plain_text(cell)) for row in [table.header, *table.rows] for cell in row)
    return len(table.rows) <= SHORT_ROWS and text <= SHORT_TEXT


def _run_in_words(heading: Heading) -> list:
    """A run-in heading's words, with the period the brief adds (APA §2.27)
    before the footnote calls that end it: "Scales.¹", a call after the
    punctuation (§2.13), not "Scales¹."."""
    words = heading.children
    end = len(words)
    while end and isinstance(words[end - 1], NoteRef):
        end -= 1
    return replace(heading, children=words[:end]).run_in() + words[end:]
