"""Pandoc's fancy_lists for markdown-it: lists numbered `a.`, `B)`, `(iv)`, `#.`,
and its example lists, `(@)`.

CommonMark numbers lists with digits only. Before markdown-it reads the
text, each list marker is rewritten as digits of the same width, so that
every item's text keeps its column (and with it what nests in the item);
`annotate` then puts the style, the delimiter and the first number on the
list's opening token. Numbered markers are rewritten too: where a list of
another style or delimiter follows, the digits' delimiter changes, which
is where CommonMark starts a new list, as Pandoc does.

Pandoc's rules, kept here: a list starts after a blank line (it interrupts
no paragraph), or inside another list; `i` and `I` alone are roman, other
single letters alphabetic, longer runs roman numerals; a capital letter
with a period needs two spaces after it ("B. Russell" is no list).
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from . import codefences

_MARKER = re.compile(r"(?P<indent> *)(?:\((?P<both>[A-Za-z]+|\d{1,9}|@[\w-]*)\)"
                     r"|(?P<label>[A-Za-z]+|\d{1,9}|#)(?P<delim>[.)]))(?P<space> +|$)")
_BULLET = re.compile(r" *[-+*]( |$)")
_BLOCK_END = re.compile(r" {0,3}(#{1,6}( |$)|:::)")
_ROMAN = re.compile(r"m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"m": 1000, "d": 500, "c": 100, "l": 50, "x": 10, "v": 5, "i": 1}


def rewrite(text: str) -> tuple[str, dict[int, tuple[str, str, int]]]:
    """`text` with its list markers as digits, and by line (from 0) the
    (style, delimiter, number) of each marker rewritten."""
    lines, found = text.split("\n"), {}
    examples = _Examples()
    fence, after_blank, in_list = "", True, False
    # By indent, the last item's (style, delimiter, the digits' delimiter).
    previous: dict[int, tuple[str, str, str]] = {}
    for n, line in enumerate(lines):
        if fence or codefences.opening(line):  # fenced code: its lines as written
            if fence:
                examples.code.add(n)
            fence = codefences.after(fence, line)
            continue
        if not line.strip():
            after_blank = True
            continue
        marker = _MARKER.match(line)
        indent = len(marker["indent"]) if marker else 0
        before = previous.get(indent) if in_list else None
        numbering = ((examples.number(marker) or _numbering(marker, before and before[0]))
                     if marker and (in_list or (after_blank and indent < 4)) else None)
        if numbering:
            mark = _mark(numbering, before)
            previous[indent] = (numbering[0], numbering[1], mark)
            found[n] = numbering
            lines[n] = marker["indent"] + _digits(marker, mark) + line[marker.start("space"):]
            in_list = True
        elif _BULLET.match(line):
            in_list = True
        elif after_blank and not line.startswith(" "):
            in_list = False
            previous.clear()
        # A heading or a div's fence ends its block, as a blank line does.
        after_blank = bool(_BLOCK_END.match(line))
    return "\n".join(examples.refer(lines)), found


class _Examples:
    """Pandoc's example lists: `(@)` items numbered (1), (2)… across the
    whole article; `(@label)` names one, and elsewhere in the text stands
    for its number."""

    def __init__(self):
        self.count, self.labels = 0, {}
        self.code: set[int] = set()  # the lines of fenced code, left as they are

    def number(self, marker: re.Match) -> tuple[str, str, int] | None:
        label = marker["both"] or ""
        if not label.startswith("@"):
            return None
        self.count += 1
        if len(label) > 1:
            self.labels[label[1:]] = self.count
        return "example", "()", self.count

    def refer(self, lines: list[str]) -> list[str]:
        """`lines`, each `(@label)` outside code its example's number."""
        if not self.labels:
            return lines
        return [line if n in self.code else _REFERENCE.sub(self._number, line)
                for n, line in enumerate(lines)]

    def _number(self, match: re.Match) -> str:
        label = match["label"]
        return f"({self.labels[label]})" if label in self.labels else match[0]


# An example's label in the text, or a code span (matched to be kept whole).
_REFERENCE = re.compile(r"(`+).*?\1|\(@(?P<label>[\w-]+)\)")


def _mark(numbering: tuple[str, str, int], before: tuple[str, str, str] | None) -> str:
    """The digits' delimiter: the last item's in the same list; the other
    one for a list of another style or delimiter, which CommonMark then
    starts anew, as Pandoc does."""
    if before is None:
        return "." if numbering[1] == "." else ")"
    if before[:2] == numbering[:2]:
        return before[2]
    return "." if before[2] == ")" else ")"


def annotate(tokens: list[Token], found: dict[int, tuple[str, str, int]]) -> None:
    """Put each fancy list's numbering on its `ordered_list_open` token."""
    for token in tokens:
        if token.type == "ordered_list_open" and token.map and token.map[0] in found:
            token.meta["numbering"] = found[token.map[0]]


def _numbering(marker: re.Match, style: str | None = None) -> tuple[str, str, int] | None:
    """(style, delimiter, number) of a marker Pandoc reads as a list's, or
    None; in a list of `style`, read in that style if it can be ("i." after
    "h." is the ninth letter, "v)" after "iv)" five)."""
    label = marker["both"] or marker["label"]
    delimiter = "()" if marker["both"] else marker["delim"]
    if label == "#":
        return ("decimal", delimiter, 1) if delimiter != "()" else None
    if label.isdecimal():
        return "decimal", delimiter, int(label)
    if label.isupper() and delimiter == "." and len(marker["space"]) < 2:
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


def _roman(numeral: str) -> int:
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if v < after else v for v, after in zip(values, values[1:] + [0],
                                                          strict=True))


def _digits(marker: re.Match, mark: str) -> str:
    """A marker of digits, ending in `mark`, as wide as `marker`: CommonMark
    reads nine digits at most, so a longer label's marker is nine digits and
    spaces, as few as keep its text from reading as indented code."""
    width = len(marker["both"]) + 1 if marker["both"] else len(marker["label"])
    digits = min(width, 9)
    spaces = min(width - digits, max(0, 4 - len(marker["space"])))
    return "1".rjust(digits, "0") + mark + " " * spaces
