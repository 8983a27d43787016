"""bookdown's text references: a paragraph of its own, `(ref:foo) Some
*text*.`, defines the words that `(ref:foo)` stands for anywhere else,
mostly in a caption written where Markdown is awkward (a chunk's
`fig.cap="(ref:foo)"`, a kable() caption, an image's). The defining
paragraph is not printed; each `(ref:foo)` is its words, citations and
cross-references too. Code keeps `(ref:foo)` as written, as bookdown does.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path

from .errors import ReportError
from .model import (WRAPPERS, Callout, Figure, Notes, Para, Slide, Table, Text, plain_text)
from .walk import inline_lists, inner_blocks

# bookdown's label is `[-/[:alnum:]]+`; `_` and `.` read too, as in its `\@ref`.
_LABEL = r"[-/.\w]+"
_DEFINITION = re.compile(rf"\(ref:({_LABEL})\)\s+")
_USE = re.compile(rf"\(ref:({_LABEL})\)")


def resolve(blocks: list, footnotes: list[list], path: Path, lines: list[str]) -> None:
    """Take the definitions out of `blocks` and `footnotes` (in place) and
    put their words where each `(ref:foo)` stands."""
    texts: dict[str, list] = {}
    for each in _block_lists([blocks, *footnotes]):
        each[:] = [b for b in each if not _defines(b, texts, path, lines)]
    for each in _block_lists([blocks, *footnotes]):
        for block in each:
            for inlines in _inline_lists(block):
                inlines[:] = _replaced(inlines, texts, path, lines)
            if isinstance(block, Figure):
                for figure in [block, *block.panels]:
                    figure.alt = _USE.sub(lambda m: _alt(m, texts, path, lines), figure.alt)


def _defines(block, texts: dict, path: Path, lines: list[str]) -> bool:
    """Whether `block` is a definition, `(ref:foo) Words.`; if so, its words
    are `texts[foo]`."""
    first = block.children[0] if isinstance(block, Para) and block.children else None
    match = _DEFINITION.match(first.text) if isinstance(first, Text) else None
    # Its words may begin with code or emphasis, `(ref:a) \`papaja\`'s menu`
    if not match or not (first.text[match.end():].strip() or block.children[1:]):
        return False
    if match[1] in texts:
        raise ReportError(f"the text reference '(ref:{match[1]})' is defined twice", path,
                          *_place(lines, re.compile(rf"^\s*\(ref:{re.escape(match[1])}\)\s"),
                                  2),
                          "give each text reference its own label")
    rest = first.text[match.end():]
    texts[match[1]] = ([Text(rest)] if rest else []) + block.children[1:]
    return True


def _replaced(inlines: list, texts: dict, path: Path, lines: list[str]) -> list:
    out = []
    for node in inlines:
        if isinstance(node, Text) and "(ref:" in node.text:
            at = 0
            for match in _USE.finditer(node.text):
                out += [Text(node.text[at:match.start()]), *_words(match, texts, path, lines)]
                at = match.end()
            out.append(Text(node.text[at:]))
            out = [each for each in out if each != Text("")]
        else:
            if isinstance(node, WRAPPERS):
                node.children[:] = _replaced(node.children, texts, path, lines)
            out.append(node)
    return out


def _words(match: re.Match, texts: dict, path: Path, lines: list[str]) -> list:
    """A copy of the words `(ref:foo)` stands for: each use its own
    citations, which are rendered one by one."""
    if match[1] not in texts:
        raise ReportError(f"no text reference is defined as '{match[0]}'", path,
                          *_place(lines, re.compile(re.escape(match[0]))),
                          f"define it in a paragraph of its own: {match[0]} Its words.")
    return copy.deepcopy(texts[match[1]])


def _alt(match: re.Match, texts: dict, path: Path, lines: list[str]) -> str:
    return plain_text(_words(match, texts, path, lines))


def _place(lines: list[str], pattern: re.Pattern,
           occurrence: int = 1) -> tuple[int | None, int | None]:
    """(line, column) where `pattern` matches the `occurrence`th time."""
    found = ((n, match.start() + 1 + len(match[0]) - len(match[0].lstrip()))
             for n, line in enumerate(lines, 1) for match in pattern.finditer(line))
    for _ in range(occurrence - 1):
        next(found, None)
    return next(found, (None, None))


def _block_lists(lists: list[list]) -> Iterator[list]:
    """Every list of blocks, those inside lists, quotes, slides and notes too."""
    for blocks in lists:
        yield blocks
        for block in blocks:
            inner = inner_blocks(block)
            if isinstance(block, (Slide, Notes)):
                inner = [block.blocks]
            yield from _block_lists(inner)


def _inline_lists(block) -> list[list]:
    """A block's own inline lists: its words, a table's head rows, titles."""
    found = inline_lists(block)
    if isinstance(block, Table):
        found += [cell.children for row in block.head_rows for cell in row]
    if isinstance(block, Callout) or isinstance(block, Slide) and block.title:
        found.append(block.title)
    return found
