"""A slide's blocks as the paragraphs it sets: bullets for its body, and
paragraphs for its speaker notes.

Lists nest as bullets (an ordered list keeps its numbers), a definition
list's term leads its definition, display math stands centred on a line of
its own, and a block quote stands in the language's quotation marks: on a
slide nothing else sets it apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .model import (BlockQuote, BulletList, Cite, DefinitionList, Equation, Figure, Heading,
                    LineBlock, OrderedList, Para, Strong, Text, list_marker, plain_text)
from .slidemodel import Paragraph, Run, theme
from .slideruns import body_runs, runs_of
from .walk import block_cites


def _plain(blocks, math: bool = False) -> list:
    """Definition lists and line blocks in the shapes a slide has: a term
    and its definition as one bullet ("Term: definition"), each line of a
    line block a paragraph of its own; display math a paragraph, unless
    `math` (the bullets then centre it)."""
    out = []
    for block in blocks:
        if math and isinstance(block, Equation):
            out.append(block)
            continue
        if isinstance(block, DefinitionList):
            out.append(BulletList([_defined(term, definitions)
                                   for term, definitions in block.items]))
        elif isinstance(block, LineBlock):
            out.extend(Para(line) for line in block.lines)
        elif isinstance(block, Equation):
            out.append(Para(block.children))
        else:
            out.append(block)
    return out


def _defined(term: list, definitions: list) -> list:
    blocks = [b for definition in definitions for b in definition]
    if blocks and isinstance(blocks[0], Para):
        return [Para([Strong(term), Text(": ")] + blocks[0].children)] + blocks[1:]
    return [Para([Strong(term)])] + blocks


def block_inlines(block) -> list:
    if isinstance(block, (Para, Heading)):
        return block.children
    if isinstance(block, Figure):
        return block.caption
    if isinstance(block, (BulletList, OrderedList)):
        return [x for item in block.items for b in item for x in block_inlines(b)]
    if isinstance(block, BlockQuote):
        return [x for b in block.blocks for x in block_inlines(b)]
    if isinstance(block, (DefinitionList, LineBlock, Equation)):
        return [x for b in _plain([block]) for x in block_inlines(b)]
    return []


def items_of(blocks, level: int = 0, marks: list[str] | None = None) -> list[Paragraph]:
    """The slide's blocks as bullet paragraphs (nested lists indent; an
    ordered list keeps its numbers; a block quote stands in the language's
    quotation `marks`, if given: on a slide nothing else sets it apart; a
    heading after the slide's title, in bold: it was left out)."""
    out = []
    for block in _plain(blocks, math=True):
        if isinstance(block, Equation):  # display math: on a line of its own, centred
            out.append(display_math(block))
        elif isinstance(block, (BulletList, OrderedList)):
            ordered = isinstance(block, OrderedList)
            numbering = (block.style, block.delimiter) if ordered else ("decimal", ".")
            for n, item in enumerate(block.items):
                first, *rest = item if item else [Para([])]
                if isinstance(first, Para):
                    out.append(Paragraph(body_runs(first.children), level,
                                         number=block.start + n if ordered else 0,
                                         numbering=numbering))
                    out.extend(items_of(rest, level + 1, marks))
                else:
                    out.extend(items_of(item, level + 1, marks))
        elif isinstance(block, Para):
            out.append(Paragraph(body_runs(block.children), -1))
        elif isinstance(block, Heading):  # over a list, in a column: bold, as run-in
            out.append(Paragraph(body_runs([Strong(block.children)]), -1))
        elif isinstance(block, BlockQuote):
            out.extend(items_of(in_marks(block.blocks, marks) if marks else block.blocks,
                              level, marks))
    return out


def display_math(equation: Equation) -> Paragraph:
    """Display math as a slide shows it: no bullet, centred in its box, as
    the brief and pandoc's pptx writer set it."""
    return Paragraph(body_runs(equation.children), -1, align="center")


def in_marks(blocks: list, marks: list[str]) -> list:
    """A quotation's paragraphs, opened and closed by `marks`; the closing
    one before the source it ends with, and the sentence's full stop after
    that source, as APA sets a quotation run in (§8.26: "… done” (p. 54).",
    not a block quote's "… done. (p. 54)"); a "?" or "!" of the quotation
    stays inside its marks. As written if it begins or ends with no
    paragraph, or is already in marks."""
    if not blocks or not isinstance(blocks[0], Para) or not isinstance(blocks[-1], Para):
        return blocks
    if plain_text(blocks[0].children).lstrip().startswith(tuple(_QUOTE_MARKS)):
        return blocks
    first = Para([Text(marks[0])] + blocks[0].children)
    last = first if len(blocks) == 1 else blocks[-1]
    words, source, stop = _source_apart(_texts_joined(last.children))
    words = _rstripped(words)
    if source and not stop:
        words, stop = _stop_taken(words)
    closed = Para(words + [Text(marks[1])] + ([Text(" ")] + source if source else [])
                  + ([Text(stop)] if stop else []))
    return [closed] if len(blocks) == 1 else [first, *blocks[1:-1], closed]


# A quotation's last words' own marks: a "?", "!" or "…" (kept inside its
# marks), else a full stop (which goes after its source), before the
# closing marks of a quotation within it ("… the ‘law.’").
_LAST_STOP = re.compile(r"([?!…]?)(\.?)([\"'’”»›]*)$")


def _stop_taken(words: list) -> tuple[list, str]:
    """(the words without their full stop, the stop the sentence ends with
    after the source): "." for "… done.", "… done?" or "… done"; none
    after words that end in emphasis or a link."""
    if not words or not isinstance(words[-1], Text):
        return words, ""  # "… the *Principia.*": its stop is the emphasis's, left as is
    end = words[-1].text
    found = _LAST_STOP.search(end)
    if found[2] and not found[1]:
        end = end[:found.start(2)] + found[3]
    return words[:-1] + [Text(end)], "."


def _source_apart(inlines: list) -> tuple[list, list, str]:
    """(words, source, full stop) of a quotation's last paragraph: "… all
    the difference [@a, p. 4]." is the words, the citation and "." (APA's
    “…” (Author, Year, p. 4).); "… it. (p. 54)" the words and "(p. 54)"."""
    stop = ""
    if len(inlines) > 1 and isinstance(inlines[-1], Text) and isinstance(inlines[-2], Cite) \
            and re.fullmatch(r"\s*[.!?]?\s*", inlines[-1].text):
        stop, inlines = inlines[-1].text.strip(), inlines[:-1]
    source = quote_source(inlines)
    if not source:
        return inlines, [], stop
    if isinstance(source[0], Cite):
        return inlines[:-1], source, stop
    end = inlines[-1]  # "… it. (p. 54)": the words end before the page
    return inlines[:-1] + [Text(end.text[:end.text.rindex(source[0].text)])], source, stop


def _texts_joined(inlines: list) -> list:
    """The inlines with each run of plain texts as one: "… it." " " "(p. 54)",
    pieced together (a digest's quotation and its source), is "… it. (p. 54)"."""
    out: list = []
    for node in inlines:
        if out and type(node) is Text and type(out[-1]) is Text:
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return out


def _rstripped(inlines: list) -> list:
    if inlines and isinstance(inlines[-1], Text):
        return inlines[:-1] + [Text(inlines[-1].text.rstrip())]
    return inlines


_QUOTE_MARKS = "\"“”„«»‘’‚‹›「『"


def quote_source(inlines) -> list:
    """The citation a quotation ends with: a citation, or a parenthesis of
    plain text after its last sentence ("… it. (p. 54)")."""
    last = inlines[-1] if inlines else None
    if isinstance(last, Cite):
        return [last]
    found = _PAGE_AT_END.search(last.text) if isinstance(last, Text) else None
    return [Text(found[1])] if found else []


_PAGE_AT_END = re.compile(r"[.!?…]\s*(\([^()]+\))\s*$")


@dataclass
class Said(Paragraph):
    """A paragraph of speaker notes, with the keys of the works it cites:
    the references slides list the works the speaker cites too
    (report/sliderefs.py). Cut into sentences and joined again
    (report/slidenotes.py), its pieces keep them."""
    cites: tuple[str, ...] = ()


def notes_of(blocks, level: int = 0) -> list[Paragraph]:
    """Speaker notes: each paragraph (list items too) with its citations
    rendered. A list item opens with its marker, as the slide shows it (an
    ordered list's number, a bullet list's bullet), nested items indented:
    the notes are plain paragraphs, in PowerPoint's notes view as on the
    handout, and "four steps:" then four paragraphs lost the steps."""
    out: list[Paragraph] = []
    for block in _plain(blocks):
        if isinstance(block, (Para, Equation)):  # display math: a `::: notes` of one
            out.append(_said(block.children))
        elif isinstance(block, (BulletList, OrderedList)):
            for n, item in enumerate(block.items):
                said = notes_of(item, level + 1)
                if said:
                    lead = _marker(block, n, level)
                    said[0] = replace(said[0], runs=[Run(lead)] + said[0].runs)
                out.extend(said)
        elif isinstance(block, BlockQuote):
            out.extend(notes_of(block.blocks, level))
    return out


def _said(inlines) -> Said:
    keys = [key.lower() for c in block_cites([Para(list(inlines))]) for item in c.items
            for key in (item.key, *item.within)]  # "as cited in": both works
    return Said(runs_of(inlines), -1, cites=tuple(dict.fromkeys(keys)))


def _marker(block, n: int, level: int) -> str:
    """A list item's marker in the notes, as its slide shows it: "3. ",
    "(iv) ", the deck's bullet ("• ", "– " nested), after a no-break
    indent per nesting level (plain spaces would fold in the handout)."""
    body = theme()["body"]
    if isinstance(block, OrderedList):
        mark = list_marker(block.style, block.delimiter, block.start + n)
    else:
        mark = body["bullet"] if level == 0 else body["sub_bullet"]
    return "\u00a0" * (4 * level) + mark + " "


def notes_text(paragraphs: list[Paragraph]) -> str:
    return "\n\n".join("".join(r.text for r in p.runs) for p in paragraphs)
