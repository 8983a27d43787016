"""Pandoc's metadata outside YAML front matter: a title block of '%' lines
(extension pandoc_title_block) and YAML blocks further down the text
(yaml_metadata_block: "a YAML metadata block may occur anywhere in the
document, but if it is not at the beginning, it must be preceded by a
blank line"). Where these are found; source.py reads what they say."""

from __future__ import annotations

from collections.abc import Iterator

from . import codefences

_OPENS, _CLOSES = ("---",), ("---", "...")


def title_block(lines: list[str]) -> tuple[dict, int]:
    """The metadata of the '%' lines that open the article (title, authors,
    date, in that order; a '%' alone leaves its field out) with each key's
    line in `__lines__`, and the index of the first line after them. A
    title or the authors go on over lines that begin with a space; authors
    are parted by ';' or by those lines."""
    fields: list[tuple[int, list[str]]] = []
    at = 0
    while at < len(lines) and len(fields) < 3 and lines[at].startswith("%"):
        first, parts = at, [lines[at][1:].strip()]
        at += 1
        while len(fields) < 2 and at < len(lines) and lines[at][:1] in (" ", "\t") \
                and lines[at].strip():
            parts.append(lines[at].strip())
            at += 1
        fields.append((first, parts))
    data: dict = {"__lines__": {}}
    for key, (first, parts) in zip(("title", "author", "date"), fields):
        value = _authors(parts) if key == "author" else " ".join(parts)
        if value:
            data[key] = value
            data["__lines__"][key] = first + 1
    return data, at


def _authors(parts: list[str]) -> list[str]:
    return [name.strip() for part in parts for name in part.split(";") if name.strip()]


def yaml_blocks(lines: list[str], start: int) -> Iterator[tuple[int, int]]:
    """(opening, closing) line indices of each block from line `start` that
    pandoc would read as YAML metadata if it holds a mapping: a line '---'
    after a blank line (or first), not followed by one, up to the next
    '---' or '...'; never inside fenced code or an HTML comment."""
    fence, comment, at = "", False, start
    while at < len(lines):
        line = lines[at]
        if fence or codefences.opening(line):
            fence = codefences.after(fence, line)
        elif comment or "<!--" in line:
            comment = "-->" not in (line if comment else line.split("<!--")[-1])
        elif line.rstrip() in _OPENS and (at == start or not lines[at - 1].strip()) \
                and at + 1 < len(lines) and lines[at + 1].strip():
            closing = next((n for n in range(at + 1, len(lines))
                            if lines[n].rstrip() in _CLOSES), None)
            if closing is not None:
                yield at, closing
                at = closing
        at += 1
