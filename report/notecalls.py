"""Where a note's call stands: pandoc's mvPunct (Text.Pandoc.Citeproc).

The space before a call goes; with `notes-after-punctuation` the
punctuation after it ("Smith [@a]." → "Smith.¹") comes before it, into a
closing quote where the locale puts it there ("“true,”⁵"). A call is a
note style's footnote call (report/notecites.py) or a citation that prints
as a superscript (Nature's), which pandoc moves alike.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .model import WRAPPERS, Cite, Cited, Document, Notes, Slide, Superscript, Text
from .walk import inline_lists, inner_blocks


@dataclass
class Mover:
    """Pandoc's mvPunct around each call (a note's, or a superscript
    citation): the space before it goes, and with `after` the punctuation
    after it comes before it, into a closing quote where the locale puts it
    there (`in_quote`)."""
    after: bool
    in_quote: bool

    def place(self, inlines: list, is_call) -> None:
        i = 0
        while i < len(inlines):
            node = inlines[i]
            if is_call(node):
                author = inlines[i - 1] if i and isinstance(inlines[i - 1], Cite) \
                    and inlines[i - 1].items[0].author_only else None
                i = self._around(inlines, i, author)
            i += 1

    def _around(self, inlines: list, i: int, author) -> int:
        """The call at `i` (`author`: the narrative citation's, before it);
        returns its index after the moves."""
        following = inlines[i + 1] if i + 1 < len(inlines) else None
        after = following.text if isinstance(following, Text) else ""
        moved = _leading_punctuation(after)
        if author is not None:  # the call is part of the citation: it follows its author
            if not (self.after and after[:1] in ".,;:!?"):
                if not self.after and after[:1] == "." and after[1:2].strip() == "" \
                        and text_of(author.rendered).endswith("."):
                    drop(inlines, i + 1, 1)  # "Smith et al..": one period
                return i
            if not _ends_with_punctuation(text_of(author.rendered)):
                inlines.insert(i, Text(moved))
                i += 1
            drop(inlines, i + 1, len(moved))
            return i
        before = inlines[i - 1] if i and isinstance(inlines[i - 1], Text) else None
        if before is not None and before.text[-1:].isspace():
            before.text = before.text.rstrip()
            spoken = bool(before.text) or i > 1  # pandoc's: something before the space
            if not before.text:
                del inlines[i - 1]
                i -= 1
                before = inlines[i - 1] if i and isinstance(inlines[i - 1], Text) else None
            if not (self.after and spoken and moved):
                return i
            if before is not None:
                before.text = self._into_quotes(before.text, moved)
            else:
                inlines.insert(i, Text(moved))
                i += 1
            drop(inlines, i + 1, len(moved))
            return i
        if self.after and after[:1] in ".,;:!?":
            if before is not None:
                before.text += moved
            else:
                inlines.insert(i, Text(moved))
                i += 1
            drop(inlines, i + 1, len(moved))
        return i

    def _into_quotes(self, text: str, moved: str) -> str:
        """The en-US rule: a period or comma goes inside the closing quote."""
        inside = len(moved) - len(moved.lstrip(".,"))
        if self.in_quote and inside and _closes_quote(text):
            return text[:-1] + moved[:inside] + text[-1] + moved[inside:]
        return text + moved


def raised_lists(doc: Document) -> list[list]:
    """The inline lists that hold a superscript citation."""
    return [inlines for inlines in _all_lists(doc) if any(map(raised, inlines))]


def _all_lists(doc: Document):
    """Every inline list of the document: front matter, text, slides, notes."""
    meta = doc.meta
    yield from (meta.title, meta.subtitle, *meta.keywords)
    for blocks in (meta.author_note, meta.abstract, meta.impact_statement, doc.blocks,
                   *doc.footnotes):
        yield from _lists_of(blocks)


def _lists_of(blocks):
    for block in blocks:
        if isinstance(block, Slide):
            yield from _nested(block.title or [])
            yield from _lists_of(block.blocks)
        elif isinstance(block, Notes):
            yield from _lists_of(block.blocks)
        for inlines in inline_lists(block):
            yield from _nested(inlines)
        for inner in inner_blocks(block):
            yield from _lists_of(inner)


def _nested(inlines):
    yield inlines
    for node in inlines:
        if isinstance(node, WRAPPERS):
            yield from _nested(node.children)


def raised(node) -> bool:
    """A citation printed as a superscript (a narrative one too, "and³ says")."""
    def all_raised(inlines) -> bool:
        return all(isinstance(n, Superscript) or isinstance(n, Cited) and all_raised(n.children)
                   for n in inlines)
    return isinstance(node, Cite) and not node.crossref and bool(node.rendered) \
        and all_raised(node.rendered)


def text_of(inlines) -> str:
    out = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, (*WRAPPERS, Cite)):
            out.append(text_of(node.rendered if isinstance(node, Cite) else node.children))
    return "".join(out)


def _punct(char: str) -> bool:
    """Pandoc's isPunct: Unicode punctuation, but for the en and em dashes,
    which notes and quotes do not move around."""
    return unicodedata.category(char).startswith("P") and char not in "\u2013\u2014"


def _leading_punctuation(text: str) -> str:
    n = 0
    while n < len(text) and _punct(text[n]):
        n += 1
    return text[:n]


def _ends_with_punctuation(text: str) -> bool:
    """Pandoc's endWithPunct: ".", or ".)" and the like."""
    return text[-1:] in tuple(".,;:!?") or len(text) > 1 and _punct(text[-1]) \
        and text[-2] in ".,;:!?"


def _closes_quote(text: str) -> bool:
    """Ends in a closing quotation mark: ”, or ’ closing a ‘ (not an apostrophe)."""
    return text.endswith("\u201d") or text.endswith("\u2019") and "\u2018" in text


def drop(inlines: list, i: int, count: int) -> None:
    """The first `count` characters of the text at `i`."""
    if count and i < len(inlines) and isinstance(inlines[i], Text):
        rest = inlines[i].text[count:]
        if rest:
            inlines[i] = Text(rest)
        else:
            del inlines[i]
