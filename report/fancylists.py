"""Pandoc's fancy_lists for markdown-it: lists numbered `a.`, `B)`, `(iv)`, `#.`,
and its example lists, `(@)`.

CommonMark numbers lists with digits only. markdown-it's own list rule
reads the lists here, with its marker reader swapped for one that reads
Pandoc's markers: a marker markdown-it takes as a list item's is written
over, in markdown-it's copy of the text only, as the digits `1` and the
delimiter, right-aligned in the marker's columns, so that every item's
text keeps its column. As markdown-it reads the markers itself, only
those of list items are read: never a line of code, of a paragraph's
lazy continuation, nor of one inside a block quote left unread. The
style, delimiter and first number go on the list's opening token.

Pandoc's rules, kept here: a list starts after a blank line (it
interrupts no paragraph), or inside another list, where it may start
from any number; an item of another style or delimiter starts a new
list; `i` and `I` alone are roman, other single letters alphabetic,
longer runs roman numerals; a capital letter with a period needs two
spaces after it ("B. Russell" is no list).
"""

from __future__ import annotations

import re
import types

from markdown_it import MarkdownIt
from markdown_it.rules_block import list as mdit_list

_MARKER = re.compile(r"(?:\((?P<both>[A-Za-z]+|\d{1,9}|@[\w-]*)\)"
                     r"|(?P<label>[A-Za-z]+|\d{1,9}|#)(?P<delim>[.)]))(?P<space>[ \t]+|$)")
_BULLET = re.compile(r"[-+*](?:[ \t]|$)")
_RULE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*")
_ROMAN = re.compile(r"m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"m": 1000, "d": 500, "c": 100, "l": 50, "x": 10, "v": 5, "i": 1}


def register(md: MarkdownIt) -> None:
    """Read lists with Pandoc's markers, and example labels as their numbers."""
    import markdown_it
    if markdown_it.__version__ != PINNED:
        raise RuntimeError(f"report.fancylists patches markdown-it-py {PINNED}, not "
                           f"{markdown_it.__version__}; see requirements.txt")
    md.block.ruler.at("list", _list, {"alt": ["paragraph", "reference", "blockquote"]})
    md.core.ruler.after("block", "example_labels", _example_labels)


# markdown-it's list rule, reading its ordered markers with _ordered_marker:
# its own code, its global skipOrderedListMarker swapped. Pinned to the
# markdown-it-py of requirements.txt (tests/test_pandoc_blocks.py reads lists
# as pandoc does through it).
PINNED = "4.3.0"
_commonmark_list = types.FunctionType(
    mdit_list.list_block.__code__,
    {**mdit_list.list_block.__globals__,
     "skipOrderedListMarker": lambda state, line: _ordered_marker(state, line),
     "skipBulletListMarker": lambda state, line: _bullet_marker(state, line)},
    "list_block")


def _list(state, start: int, end: int, silent: bool) -> bool:
    if silent and state.parentType == "paragraph":
        if state.sCount[start] >= state.blkIndent:
            return starts_list(state, start)
        if _RULE.fullmatch(state.src[state.bMarks[start] + state.tShift[start]:
                                     state.eMarks[start]]):
            return False  # pandoc's bullets are never a rule's: `* * *` goes on with the text
    frames = state.env.setdefault("fancy_lists", [])
    frames.append({"numbering": None, "silent": silent, "src": state.src})
    first = len(state.tokens)
    try:
        found = _commonmark_list(state, start, end, silent)
    finally:
        frame = frames.pop()
    if silent or not found:
        state.src = frame["src"]  # only a list's items are rewritten
    elif frame["numbering"]:
        state.tokens[first].meta["numbering"] = frame["numbering"]
    return found


def starts_list(state, line: int) -> bool:
    """Whether an item of a list starts at `line` where pandoc ends a run
    of a paragraph's lines there: inside a list, never on a rule's line."""
    text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
    return not _RULE.fullmatch(text) and _interrupts(state, line)


def _interrupts(state, line: int) -> bool:
    """Whether a list starts at `line`, right after a paragraph's line:
    Pandoc starts one there only inside a list, and from any number."""
    if state.listIndent < 0 or state.is_code_block(line):
        return False
    if state.sCount[line] - state.listIndent >= 4 and state.sCount[line] < state.blkIndent:
        return False  # markdown-it's paragraph continuation
    text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
    bullet, marker = _BULLET.match(text), _MARKER.match(text)
    if bullet:
        return bool(text[bullet.end():].strip())
    return bool(marker and text[marker.end():].strip()
                and _numbering(marker, None, state.env, (state, line), count=False))


def _bullet_marker(state, line: int) -> int:
    """markdown-it's skipBulletListMarker, the bullet written over as the
    list's first one: Pandoc goes on with a bullet list whichever of
    `-`, `+`, `*` an item has, where CommonMark starts a new list."""
    end = mdit_list.skipBulletListMarker(state, line)
    if end >= 0:
        bullet = state.env["fancy_lists"][-1].setdefault("bullet", state.src[end - 1])
        state.src = state.src[:end - 1] + bullet + state.src[end:]
    return end


def _ordered_marker(state, line: int) -> int:
    """markdown-it's skipOrderedListMarker for Pandoc's markers: the
    position after the marker at `line` (-1 if none, or if it is of
    another style or delimiter than the list's), the marker written over
    as digits where markdown-it reads it."""
    frame = state.env["fancy_lists"][-1]
    start, stop = state.bMarks[line] + state.tShift[line], state.eMarks[line]
    marker = _MARKER.match(state.src, start, stop)
    previous = frame["numbering"]
    numbering = marker and _numbering(marker, previous and previous[0], state.env,
                                      (state, line), count=not frame["silent"])
    if not numbering or (previous and previous[:2] != numbering[:2]):
        return -1
    if previous is None:
        frame["numbering"] = numbering
    end = marker.start("space")
    digits = ("1" + (")" if numbering[1] == "()" else numbering[1])).rjust(end - start)
    state.src = state.src[:start] + digits + state.src[end:]
    return end


def _numbering(marker: re.Match, style: str | None, env: dict, line: tuple,
               count: bool) -> tuple[str, str, int] | None:
    """(style, delimiter, number) of a marker Pandoc reads as a list's, or
    None; in a list of `style`, read in that style if it can be ("i." after
    "h." is the ninth letter, "v)" after "iv)" five)."""
    label = marker["both"] or marker["label"]
    delimiter = "()" if marker["both"] else marker["delim"]
    if label.startswith("@"):
        return "example", "()", _Examples.of(env).number(label[1:], line, count)
    if label == "#":
        return ("decimal", delimiter, 1) if delimiter != "()" else None
    if label.isdecimal():
        return "decimal", delimiter, int(label)
    if label.isupper() and delimiter == "." and len(marker["space"]) < 2 \
            and marker["space"] != "\t":
        return None  # "B. Russell": a capital and a period need two spaces
    lower = label.lower()
    if not (label.islower() or label.isupper()):
        return None
    case = "lower" if label.islower() else "upper"
    alpha = ord(lower) - ord("a") + 1 if len(label) == 1 else None
    roman = _roman(lower) if _ROMAN.fullmatch(lower) else None
    if style == f"{case}-alpha" and alpha:
        return style, delimiter, alpha
    if style == f"{case}-roman" and roman:
        return style, delimiter, roman
    if alpha and lower != "i":
        return f"{case}-alpha", delimiter, alpha
    return (f"{case}-roman", delimiter, roman) if roman else None


class _Examples:
    """Pandoc's example lists: `(@)` items numbered (1), (2)… across the
    whole article; `(@label)` names one, and elsewhere in the text stands
    for its number."""

    def __init__(self):
        self.count, self.labels, self.lines, self.label_lines = 0, {}, {}, {}

    @staticmethod
    def of(env: dict) -> _Examples:
        return env.setdefault("fancy_examples", _Examples())

    def number(self, label: str, line: tuple, count: bool) -> int:
        """The number of the example at `line` (the parser's state and the
        line's number), counted once, when its item is read."""
        if not count:
            return self.count + 1
        if (id(line[0]), line[1]) not in self.lines:
            self.count += 1
            self.lines[id(line[0]), line[1]] = self.count
            if label and label not in self.labels:
                self.labels[label], self.label_lines[label] = self.count, line[1]
        return self.lines[id(line[0]), line[1]]

    def refer(self, text: str, line: int) -> str:
        """`text`, on `line`, each `(@label)` outside code its example's
        number, and the minus of a `-@label` above its example dropped:
        pandoc reads that one as a citation without its author, and only
        once the example is read, prints the number, not the minus."""
        return _REFERENCE.sub(lambda match: self._number(match, line), text)

    def _number(self, match: re.Match, line: int) -> str:
        label, ahead = match["label"], match["ahead"]
        if ahead:
            return "" if self.label_lines.get(ahead, -1) > line else match[0]
        return f"({self.labels[label]})" if label in self.labels else match[0]


def example_number(env: dict, label: str) -> int | None:
    """The number of the example labelled `label`, which an `@label` in the
    text prints (Pandoc's example_lists), or None: no such example."""
    examples = env.get("fancy_examples")
    return examples.labels.get(label) if examples else None


# An example's label in the text, or a code span (matched to be kept whole).
_REFERENCE = re.compile(r"(`+).*?\1|\(@(?P<label>[\w-]+)\)|(?<![\w])-(?=@(?P<ahead>[\w-]+))")


def _example_labels(state) -> None:
    """Each `(@label)` in the text read as its example's number, before
    markdown-it reads the text's inlines."""
    examples = state.env.get("fancy_examples")
    if not examples or not examples.labels:
        return
    for token in state.tokens:
        if token.type == "inline":
            token.content = examples.refer(token.content, token.map[0] if token.map else -1)


def _roman(numeral: str) -> int:
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if v < after else v for v, after in zip(values, values[1:] + [0],
                                                          strict=True))
