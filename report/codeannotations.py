"""Quarto's code annotations: a code block whose lines end in a comment
`# <1>` (`// <2>`, `-- <3>`…, the language's comment mark), followed at
once by a numbered list, the annotations in order of their numbers.

Quarto takes the markers out of the code; its Word and GitHub outputs,
which cannot draw them, label each annotation with the line (or lines) it
explains instead. So does report, in every output: the code without its
markers, then the list as terms and definitions, "Line 3" / "Lines 4–7"
(the words in styles/labels.toml), each annotation its own.
A code block with markers and no list after it is shown as written, as
Quarto shows it.
"""

from __future__ import annotations

import re

from .model import CodeBlock, DefinitionList, OrderedList, Text

# A marker at a line's end, after the language's comment mark: `# <1>`
# (R, Python, YAML), `// <1>` (JavaScript, C), `-- <1>` (SQL, Haskell),
# `% <1>` (TeX, MATLAB), `; <1>` (Lisp), `<!-- <1> -->`, `/* <1> */`.
_MARKER = re.compile(r"[ \t]*(?:#|//|--|%%?|;+|<!--|/\*)[ \t]*<(\d+)>[ \t]*(?:-->|\*/)?[ \t]*$")


def annotated(blocks: list, words: dict) -> list:
    """`blocks` with each annotated code block's markers taken out and its
    list labelled with the lines each annotation explains."""
    out = []
    for block in blocks:
        previous = out[-1] if out else None
        if isinstance(block, OrderedList) and isinstance(previous, CodeBlock):
            code, lines = _unmarked(previous.text)
            if lines:
                previous.text = code
                block = _labelled(block, lines, words)
        out.append(block)
    return out


def _unmarked(code: str) -> tuple[str, dict[int, list[int]]]:
    """The code without its markers, and the lines (from 1) each number marks."""
    kept, lines = [], {}
    for n, line in enumerate(code.split("\n"), start=1):
        marker = _MARKER.search(line)
        if marker and line[:marker.start()].strip():  # a comment alone is code's own
            lines.setdefault(int(marker[1]), []).append(n)
            line = line[:marker.start()]
        kept.append(line)
    return "\n".join(kept), lines


def _labelled(listing: OrderedList, lines: dict[int, list[int]], words: dict):
    """The annotations as terms ("Line 3", "Lines 4–7") and their text; an
    item whose number marks no line keeps its number."""
    items = []
    for number, item in enumerate(listing.items, start=listing.start):
        marked = lines.get(number)
        term = _lines(marked, words) if marked else f"{number}."
        items.append(([Text(term)], [item]))
    return DefinitionList(items)


def _lines(numbers: list[int], words: dict) -> str:
    """"Line 3", "Lines 4–7" (a run), "Lines 2, 5" (apart)."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    text = words["code_line_list"].join(
        words["code_line_run"].format(first=r[0], last=r[-1]) if len(r) > 1 else str(r[0])
        for r in runs)
    word = words["code_line"] if len(numbers) == 1 else words["code_lines"]
    return word.format(lines=text)
