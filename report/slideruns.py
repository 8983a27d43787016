"""The article's inlines as the runs a slide sets: text with its bold,
italics, links, scripts and colours.

As in the brief, a citation on a light ground is set quieter, a link in
the link colour, and what no line may break inside ("*p* < .001") is held
together by no-break spaces. A hyphen that signs a number ("[-0.05,
-0.01]") is a minus sign, as TeX math sets it: PowerPoint and LibreOffice
break a line after a hyphen, and would part the sign from its number.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from . import bidi, keptwhole
from .minussign import minus_signs
from .model import (WRAPPERS, Cite, Cited, Code, Emph, LineBreak, Link, NoteRef, SmallCaps,
                    Strikeout, Strong, Subscript, Superscript, Text, Underline)
from .slidemodel import LINE_BREAK, Run, deck_language, theme


def runs_of(inlines, bold=False, italic=False, url="", color="", light=False) -> list[Run]:
    """Inlines as runs. On a light ground (`light`) a citation is set quieter
    and a link in the link colour, as in the brief. What no line breaks
    inside ("*p* < .001", "S. 58", "24 °C": keptwhole.py, in the article's
    language) has no-break spaces, as in the brief; not in code, nor in a
    link, which LibreOffice sets as one field anyway."""
    return _kept_whole(_runs(inlines, bold, italic, url, color, light))


def _kept_whole(runs: list[Run]) -> list[Run]:
    text = "".join(r.text for r in runs)
    kept = _joined(text, tuple((len(r.text), not (r.code or r.url)) for r in runs),
                   deck_language())
    if kept == text:  # nothing held together: the runs as _runs made them
        return runs
    out, at = [], 0
    for run in runs:
        out.append(replace(run, text=kept[at:at + len(run.text)]))
        at += len(run.text)
    return out


# Remembered: a deck sets the same text as runs again (a slide's bullets and
# what its notes say of them, each draft of a section tried), and matching
# what no line breaks inside takes 0.4 µs a character.
@lru_cache(maxsize=1 << 12)
def _joined(text: str, runs: tuple[tuple[int, bool], ...], lang: str) -> str:
    """keptwhole.joined of `text`, made of runs of (length, plain): none kept
    whole across code or a link."""
    plain = [shown for length, shown in runs for _ in range(length)]
    return keptwhole.joined(text, keptwhole.kept_whole_in(lang),
                            lambda start, end: all(plain[start:end]))


def _runs(inlines, bold=False, italic=False, url="", color="", light=False) -> list[Run]:
    colors = theme()["colors"]
    out = []
    for previous, node in zip([None, *inlines], inlines):
        if isinstance(node, Text) and light and not url:
            out.extend(_linked(minus_signs(node.text), bold, italic, color, colors["link"]))
        elif isinstance(node, Text):
            out.append(Run(minus_signs(node.text), bold, italic, url, color))
        elif isinstance(node, Code):
            out.append(Run(node.text, bold, italic, url, color, code=True))
        elif isinstance(node, NoteRef):  # its note is in the speaker notes, by this number
            # Calls side by side, "¹²", read as note 12: a comma parts them.
            comma = "," if isinstance(previous, NoteRef) else ""
            out.append(Run(f"{comma}{node.number}", bold, italic, url, color, script="super"))
        elif isinstance(node, Emph):
            out.extend(_runs(node.children, bold, not italic, url, color, light))
        elif isinstance(node, Strong):
            out.extend(_runs(node.children, True, italic, url, color, light))
        elif isinstance(node, Link) and node.url.startswith("#"):  # into the brief: text here
            out.extend(_runs(node.children, bold, italic, url, color, light))
        elif isinstance(node, Link):
            out.extend(_runs(node.children, bold, italic, node.url,
                       colors["link"] if light else color, light))
        elif isinstance(node, Cite):  # a citation in its colour; "Figure 1" is the text's
            cited = light and not node.crossref
            rendered = bidi.inlines(_one_text(node.rendered), bidi.CITATION)
            out.extend(replace(run, cite=cited) for run in _runs(
                rendered, bold, italic, url, colors["cite"] if cited else color, light))
        elif isinstance(node, LineBreak):
            out.append(Run(" ", bold, italic, url, color))
        elif isinstance(node, (Superscript, Subscript)):
            script = "super" if isinstance(node, Superscript) else "sub"
            out.extend(replace(run, script=script) for run in
                       _runs(node.children, bold, italic, url, color, light))
        elif isinstance(node, tuple(_MARKED)):
            out.extend(replace(run, **{_MARKED[type(node)]: True}) for run in
                       _runs(node.children, bold, italic, url, color, light))
        elif isinstance(node, WRAPPERS):  # a work's mark (Cited), math: their text
            out.extend(_runs(node.children, bold, italic, url, color, light))
    return out


# An address written out in the text ("https://…", "www.…"), without the
# punctuation that ends the sentence or closes a bracket around it.
_ADDRESS = re.compile(r"(?<![\w/@.])(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"]*[^\s<>\".,;:!?'’”»)\]]",
                      re.IGNORECASE)


def _linked(text: str, bold: bool, italic: bool, color: str, link: str) -> list[Run]:
    """Text on a light ground, each address written out in it a link to
    itself, as PowerPoint makes one typed: a link breaks only between its
    fields, after a slash (slidefit.unlinked), where LibreOffice breaks
    plain text after any hyphen in it too ("path-with-" / "hyphens"), which
    reads as a hyphen added; its characters stay the author's."""
    out, at = [], 0
    for m in _ADDRESS.finditer(text):
        address = m.group() + _closing(m.group(), text[m.end():])
        out += [Run(text[at:m.start()], bold, italic, "", color)] if m.start() > at else []
        href = address if "://" in address else "http://" + address
        out.append(Run(address, bold, italic, href, link))
        at = m.start() + len(address)
    return out + ([Run(text[at:], bold, italic, "", color)] if at < len(text) or not out else [])


def _closing(address: str, after: str) -> str:
    """The bracket after an address that closes one opened inside it
    ("…/Set_(mathematics)"), which belongs to it."""
    for opening, closing in ("()", "[]"):
        if after[:1] == closing and address.count(opening) > address.count(closing):
            return closing
    return ""


_MARKED = {SmallCaps: "small_caps", Underline: "underline", Strikeout: "strike"}  # Run's fields


def _one_text(inlines) -> list:
    """A citation's inlines without the marks of the works it names (the
    brief's links), its text in one run where its formatting allows."""
    out = []
    for node in inlines:
        parts = _one_text(node.children) if isinstance(node, Cited) else [node]
        for part in parts:
            if out and isinstance(out[-1], Text) and isinstance(part, Text):
                out[-1] = Text(out[-1].text + part.text)
            else:
                out.append(part)
    return out


def body_runs(inlines) -> list[Run]:
    """Inlines as runs on the light ground of a content slide."""
    return runs_of(inlines, light=True)


def cell_runs(inlines, bold: bool = False, light: bool = False) -> list[Run]:
    """A table cell's inlines as runs that keep its hard line breaks (a code
    block's lines, one to a line, as the brief keeps them), each a run of its
    own (slidemodel.LINE_BREAK); a bullet sets a line break as a space."""
    out: list[Run] = []
    for n, line in enumerate(broken_lines(inlines)):
        out += ([Run(LINE_BREAK)] if n else []) + runs_of(line, bold=bold, light=light)
    return out


def broken_lines(inlines) -> list[list]:
    """The inlines cut at their hard line breaks, a list each (empty ones too)."""
    lines: list[list] = [[]]
    for node in inlines:
        if isinstance(node, LineBreak):
            lines.append([])
        else:
            lines[-1].append(node)
    return lines
