"""Marks that meet where rendered pieces join (CSL 1.0.2, Appendix V).

citeproc-py printed both marks where two met, "hard?." and
"<i>Final:</i>. P Inc."; they now merge as citeproc-js and pandoc merge them.
"""

from __future__ import annotations

import re

from citeproc import model, string

from ..cslengine import split_tags


# CSL 1.0.2, Appendix V "Punctuation": where two marks meet at a join of
# rendered text, also with markup such as </i> between them, they merge as
# citeproc-js merges them (its queue's LtoR_MAP), and pandoc: a period
# after "?", "!", ":" or ";" is dropped ("Why is weather so hard?", not
# "hard?."; APA's "<i>Final:</i> P Inc.", not "<i>Final:</i>. P Inc."), as
# is a colon after "!", "?" or ";" ("Yes!: no" is "Yes! no"), and "!" or
# "?" takes the place of a colon or semicolon before it ("Final! Then").
# Other pairs (".:", ",.", "?!") print both; a mark doubled prints once.
_MERGED = {
    "!": {".": "!", "?": "!?", ":": "!", ",": "!,", ";": "!;"},
    "?": {"!": "?!", ".": "?", ":": "?", ",": "?,", ";": "?;"},
    ".": {"!": ".!", "?": ".?", ":": ".:", ",": ".,", ";": ".;"},
    ":": {"!": "!", "?": "?", ".": ":", ",": ":,", ";": ":;"},
    ",": {"!": ",!", "?": ",?", ":": ",:", ".": ",.", ";": ",;"},
    ";": {"!": "!", "?": "?", ":": ";", ",": ";,", ".": ";"},
}
_TRAILING_TAGS = re.compile(r"(?:<[^<>]*>)*$")


def collisions() -> None:
    original_seam, original_add = string.normalize_seam, string.MixedString.__add__

    def dropped(left, other) -> str | None:
        """Which mark goes where `left` ends and `other` begins with marks
        that merge into one: "other"'s first or "left"'s last; None where
        both print."""
        first = _first(other)
        if first not in _MERGED:  # the cheap test first: this runs at every join
            return None
        visible, _ = split_tags(str(left))
        last = visible[-1:]
        if last not in _MERGED:
            return None
        mark = last if last == first else _MERGED[last][first]
        return None if len(mark) > 1 else "other" if mark == last else "left"

    def normalize_seam(left, other):
        if _first(other) not in _AT_SEAMS:  # a letter, a tag: no seam rule applies
            return other
        if dropped(left, other) == "other":
            return string._strip_first_char(other)
        return original_seam(left, other)

    @string.discard_empty_other
    def add(self, other):
        if dropped(self, other) == "left":
            self = _without_last_mark(self)
        return original_add(self, other)

    string.normalize_seam = normalize_seam
    model.normalize_seam = normalize_seam
    string.MixedString.__add__ = add


# What `other` may begin with for a rule of the seam to apply, ours or
# citeproc-py's (a double space, a doubled mark): for any other first
# character both return `other` as it is, whatever `left` is, so `left`, the
# text rendered so far, is not joined into a string (at every join of an
# entry, ~800 of them for APA's list of nine).
_AT_SEAMS = frozenset(_MERGED) | {" "} | string.SEAM_PUNCTUATION


def _first(text) -> str:
    """`str(text)[:1]`, without copying a whole String to slice it."""
    return text[:1] if isinstance(text, str) else str(text)[:1]


def _without_last_mark(text: string.MixedString) -> string.MixedString:
    """`text` without its last visible character (a mark that the text
    joined to it replaces), the tags after it kept."""
    parts = list(text)
    for n in range(len(parts) - 1, -1, -1):
        part = str(parts[n])
        end = _TRAILING_TAGS.search(part).start()
        if end:
            kind = type(parts[n]) if isinstance(parts[n], string.String) else string.String
            parts[n] = kind(part[:end - 1] + part[end:])
            return string.MixedString(parts)
    return text
