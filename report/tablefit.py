"""How small a crowded table's type must be for its words to stand whole.

APA lets a table's body be smaller and single-spaced (§7.13); it never
lets a word break but in a URL (§2.23). A table whose widest words, one a
column, cannot stand side by side across the text (with their cells'
padding) is set a step smaller, as many steps as styles/brief.css offers
(`figure.table.smaller-1 table`, `-2`…): its columns, each as wide as its
widest word at least, hold every word whole, and lines break at spaces,
after hyphens, dashes and slashes, and anywhere in a URL. Only if the
least size is still too wide do words break: the widest first, one at a
time, until the columns fit; each at its syllables, with a hyphen (soft
hyphens), or, if it has none (a number), anywhere.

A word is measured as WeasyPrint sets it, with the brief's own font files
(their kerned advance widths, as textfit measures the deck's); a p value
and its sign ("< .001"), "95% CI" are one word (keptwhole.py): the brief
keeps them on one line (htmlblocks.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from . import STYLES
from .keptwhole import kept_whole, kept_whole_in
from .minussign import minus_signs
from .model import (WRAPPERS, Cite, Code, Emph, LineBreak, Link, NoteRef, Strong, Subscript,
                    Superscript, Text, plain_text)
from .textfit import text_width

# The paper's width in points, by size: the text is it less brief.css's
# @page margins at either side (measure_width).
PAPER_WIDTHS = {"letter": 612.0, "a4": 595.28}
PAPER_HEIGHTS = {"letter": 792.0, "a4": 841.89}
# A hair more than a word measures, so that a measure a rounding short
# never makes a table overflow.
SLACK = 1.01

_SPACES = " \t\n\r"  # where a line may break; not a no-break space
_BREAK_AFTER = "-\u2010\u2013\u2014/"  # hyphens, dashes and slashes, before a letter
# Code breaks after its punctuation (htmlblocks.py gives it a <wbr> there):
# `a_long_name(x=1, y=2)` as "a_long_" / "name(x=1, " / "y=2)"; never before
# a closing bracket ("f(" / ")").
CODE_BREAK_AFTER = "_.(,=/"
_CLOSING = ")]}"  # "" too: nothing to break before at the end
HYPHEN = "\u2010"  # WeasyPrint's hyphenate-character
SOFT_HYPHEN = "\u00ad"
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.|doi:)", re.IGNORECASE)


@dataclass(frozen=True)
class Fit:
    classes: str             # the figure's: "", " smaller-1", " smaller-2"…
    breaks: dict[str, str]   # a word too wide at the least size: it with soft hyphens
                             # at its syllables, or "" where it breaks anywhere


def fit(table, text_width: float, lang: str, note: bool = False) -> Fit:
    """How `table` fits across `text_width`: its type's step, and the words
    that must break for it to. `note`: a table in a footnote, its steps and
    cells' padding those brief.css gives a note's table."""
    style = _style()
    if note:
        style = {**style, "sizes": style["note_sizes"], "padding": 0.0,
                 "padding_pt": style["note_padding"]}
    sizes = style["sizes"]
    whole = kept_whole_in(lang)
    columns = [[word for cell in column for word in _words(_runs(cell), whole)]
               for column in _columns(table)]
    for step, size in sizes.items():
        if _fits(columns, size, text_width, {}, style):
            return Fit(f" {step}" if step else "", {})
    least = list(sizes)[-1]  # "" when brief.css has no smaller step
    return Fit(f" {least}" if least else "",
               _breaks(columns, sizes[least], text_width, _dictionary(lang), style, whole))


# An equation's sub- and superscripts: 8 pt at the text's 12 pt (brief.css).
SCRIPT = 2 / 3


def line_size(inlines, width: float, size: float = 12.0) -> float | None:
    """A display equation's type size, in points, for its widest word (a
    name and its subscript, unparted) to fit on a line `width` wide: None
    if it fits at `size`, the text's. An equation breaks only at its
    spaces (WeasyPrint parts neither a long name nor it from its
    subscript): one with a word too wide is set smaller, as LaTeX users
    shrink theirs, rather than run past the margin."""
    faces = _style()["faces"]
    words, word = [], 0.0
    for text, scale, face in _math_runs(inlines, 1.0, False, False):
        for n, piece in enumerate(re.split(f"[{_SPACES}]", text)):
            if n:
                words.append(word)
                word = 0.0
            word += text_width(piece, size * scale, faces[face]) if piece else 0.0
    wide = max([*words, word]) * SLACK
    return None if wide <= width else int(size * width / wide * 10) / 10  # a tenth down


def _math_runs(inlines, scale: float, bold: bool, italic: bool):
    """(text, size as a share of the text's, face) of an equation's inlines."""
    for node in inlines:
        if isinstance(node, Text):
            yield minus_signs(node.text), scale, (bold, italic, False)
        elif isinstance(node, Code):
            yield node.text, scale, (False, False, True)
        elif isinstance(node, (Subscript, Superscript)):
            yield from _math_runs(node.children, scale * SCRIPT, bold, italic)
        elif isinstance(node, (Emph, Strong)):
            yield from _math_runs(node.children, scale, bold or isinstance(node, Strong),
                                  italic != isinstance(node, Emph))
        elif isinstance(node, WRAPPERS):
            yield from _math_runs(node.children, scale, bold, italic)


def is_url(text: str) -> bool:
    return bool(_URL.match(text))


def _columns(table) -> list[list]:
    # A spanner's words stand over several columns: not counted in one.
    rows = [table.column_heads(), *table.rows] if table.header else table.rows
    return [list(column) for column in zip(*rows)]


def _fits(columns, size: float, width: float, breaks: dict, style: dict) -> bool:
    padding = style["padding"] * size + style.get("padding_pt", 0.0)
    return sum(_narrowest(column, size, breaks, style["faces"])[0] * SLACK + padding
               for column in columns) <= width


def _breaks(columns, size: float, width: float, dictionary, style: dict,
            whole: re.Pattern) -> dict[str, str]:
    """The words to break for the columns to fit: the widest word (or
    piece of one) of all, again and again, hyphenated at its syllables
    first, if it has any, and if still too wide, anywhere. A p value, an
    interval (`kept_whole`) never breaks: the next widest word does."""
    breaks: dict[str, str] = {}
    while not _fits(columns, size, width, breaks, style):
        narrowest = [_narrowest(c, size, breaks, style["faces"]) for c in columns]
        texts = ["".join(c for c, _ in word) for _, word in narrowest]
        breakable = [(w, text, word) for (w, word), text in zip(narrowest, texts)
                     if breaks.get(text) != "" and not whole.search(text)]
        if not breakable:  # nothing narrower to be had: it runs over
            break
        _, text, word = max(breakable, key=lambda found: found[:2])
        code = any(face[2] for _, face in word)
        # A URL, code take no hyphen: a hyphen in them would read as theirs.
        cuts = [] if is_url(text) or code else _cuts(text, dictionary)
        if text not in breaks and cuts:
            breaks[text] = "".join(text[a:b] + SOFT_HYPHEN
                                   for a, b in zip([0, *cuts], cuts)) + text[cuts[-1]:]
        else:
            breaks[text] = ""
    return breaks


def _narrowest(column, size: float, breaks: dict, faces: dict) -> tuple[float, list]:
    """How narrow the column may be: the width of its widest word, or of the
    widest piece of a word it breaks; and that word."""
    widest = (0.0, [])
    for word in column:
        text = "".join(c for c, _ in word)
        if text not in breaks:
            pieces = [word]
        elif breaks[text]:
            cuts = _soft_hyphens(breaks[text])
            pieces = [word[a:b] + [(HYPHEN, word[b - 1][1])] * (b < len(word))
                      for a, b in zip([0, *cuts], [*cuts, len(word)])]
        else:
            pieces = [[char] for char in word]
        width = max(_width(piece, size, faces) for piece in pieces)
        if width > widest[0]:
            widest = (width, word)
    return widest


def _soft_hyphens(marked: str) -> list[int]:
    """Where the soft hyphens of `marked` stand in the word without them."""
    cuts, at = [], 0
    for char in marked:
        if char == SOFT_HYPHEN:
            cuts.append(at)
        else:
            at += 1
    return cuts


def _width(chars, size: float, faces: dict) -> float:
    return sum(text_width("".join(c for c, _ in group), size, faces[face])
               for face, group in groupby(chars, key=lambda char: char[1]))


def _cuts(text: str, dictionary) -> list[int]:
    """Where `text` may be hyphenated: inside its words of 5 letters or more,
    2 letters at least either side of a cut (WeasyPrint's own limits)."""
    if dictionary is None:
        return []
    return [m.start() + p for m in re.finditer(r"[^\W\d_]{5,}", text)
            for p in dictionary.positions(m.group())]


def _dictionary(lang: str):
    """Pyphen's dictionary for `lang`, as WeasyPrint finds it; None for none."""
    import pyphen
    found = pyphen.language_fallback(lang.replace("-", "_")) if lang else None
    return pyphen.Pyphen(lang=found, left=2, right=2) if found else None


def _words(runs, kept: re.Pattern = kept_whole) -> list[list[tuple[str, tuple]]]:
    """A cell's text cut where a line may break: each word as its (character,
    face). A URL breaks anywhere: each of its characters a word; code after
    its punctuation (CODE_BREAK_AFTER)."""
    text = "".join(t for t, _, _ in runs)
    whole = [False] * len(text)
    for match in kept.finditer(text):
        whole[match.start():match.end()] = [True] * (match.end() - match.start())
    words, word, at = [], [], 0
    for piece, face, url in runs:
        for char in piece:
            if char in _SPACES and not whole[at]:
                words.append(word)
                word = []
            else:
                word.append((char, face))
                breaks = url or (face[2] and char in CODE_BREAK_AFTER
                                 and text[at + 1:at + 2] not in _CLOSING) or (
                    char in _BREAK_AFTER and not whole[at]
                    and at + 1 < len(text) and text[at + 1].isalpha())
                if breaks:
                    words.append(word)
                    word = []
            at += 1
    words.append(word)
    return [w for w in words if w]


def _runs(inlines, bold=False, italic=False, url=False) -> list[tuple[str, tuple, bool]]:
    """(text, face, in a URL) of a cell's inlines; a face is (bold, italic,
    code). A forced line break is a space: it ends a word as one does."""
    out = []
    for node in inlines:
        if isinstance(node, Text):  # as printed: a number's sign a minus (htmlblocks.py)
            out.append((minus_signs(node.text), (bold, italic, False), url))
        elif isinstance(node, Code):
            out.append((node.text, (False, False, True), url))
        elif isinstance(node, Emph):
            out += _runs(node.children, bold, not italic, url)
        elif isinstance(node, Strong):
            out += _runs(node.children, True, italic, url)
        elif isinstance(node, Link):  # one whose text is a URL breaks anywhere (brief.css)
            out += _runs(node.children, bold, italic, url or is_url(plain_text(node.children)))
        elif isinstance(node, Cite):
            out += _runs(node.rendered, bold, italic, url)
        elif isinstance(node, WRAPPERS):  # sub- and superscripts too: as if full size
            out += _runs(node.children, bold, italic, url)
        elif isinstance(node, LineBreak):
            out.append((" ", (bold, italic, False), url))
        elif not isinstance(node, NoteRef):  # a note's call: a digit, smaller
            raise TypeError(f"cannot measure {type(node).__name__}")
    return out


# --- what brief.css says ----------------------------------------------------------

_BRIEF_CSS = STYLES / "brief.css"


def measure_height(papersize: str) -> float:
    """The height of the brief's text on `papersize`, between brief.css's
    @page margins (the running head stands in the top one)."""
    return PAPER_HEIGHTS[papersize] - _style()["margins_high"]


def line_count(text: str, width: float, size: float = 12.0, italic: bool = False,
               indent: float = 0.0) -> int:
    """How many lines `text` takes `width` wide in the text's face, broken
    at its spaces, as a paragraph is (a word too long for a line its own),
    its first line `indent`ed."""
    face = _style()["faces"][False, italic, False]
    space, count = text_width(" ", size, face), 1
    line = indent - space
    for word in text.split():
        wide = text_width(word, size, face)
        if line + space + wide > width and line > 0:
            count, line = count + 1, wide
        else:
            line += space + wide
    return count


def measure_width(papersize: str) -> float:
    """The width of the brief's text on `papersize`, between brief.css's
    @page margins."""
    return PAPER_WIDTHS[papersize] - _style()["margins"]


def figure_measures() -> dict[str, float]:
    """What brief.css sets around figures and display equations, in points:
    the text's `line` (`html`'s size and line height) and `text_size`; a
    footnote's `note_size`, `note_line`, first line's `note_indent`
    (`.footnote`) and the rule and space over the notes (`note_area`,
    @footnote); a figure's margins
    above and below together (`figure`), its pictures' `picture_height`
    (`figure.figure img`'s max-height), a panel's padding at either side
    together (`figure .panel`), an equation's at either side (`p.equation`)."""
    return _style()["figures"]


def inset(element: str, note: bool = False) -> float:
    """How much narrower than the text brief.css sets what stands inside
    `element` ("ul", "blockquote", "aside.callout"…, as its selector names
    it), in points: its margins, borders and paddings, left and right.
    `note`: in a footnote, where it is a span of class fn-ul… (htmlblocks.py)."""
    insets = _style()["insets"]
    if not note:
        return insets.get(element, 0.0)
    name = re.escape(f".fn-{element.split('.')[0]}")
    return next((value for selector, value in insets.items() if selector.startswith(
        ".footnote") and re.search(rf"{name}(?![\w-])", selector)), 0.0)


def table_sizes() -> dict[str, float]:
    """The table's type size at each step, largest first: "" for
    `figure.table table`, "smaller-1" for `figure.table.smaller-1 table`…"""
    return _style()["sizes"]


def _style() -> dict:
    """What brief.css says of a table: its sizes (`table_sizes`); its cells'
    padding, left and right together, in em (`figure.table :is(th, td)`);
    the font file of each face its text is set in, by (bold, italic, code):
    the @font-face rules of the families it names first for `html` and for
    `code`."""
    return _css(_BRIEF_CSS.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)  # by content: a stylesheet saved while `report watch` runs is read anew
def _css(css: str) -> dict:
    import tinycss2
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    sizes, padding, families = _table_rules(rules)
    insets, figures = _insets(rules), _figure_measures(rules)
    note = figures["note_size"]  # a note's table's first step: its note's
    note_sizes = {"": note, **{step: size for step, size in _table_rules(rules, _NOTE_STEP)[0]
                               .items() if step and size < note}}
    return {"sizes": dict(sorted(sizes.items(), key=lambda item: -item[1])),
            "note_sizes": dict(sorted(note_sizes.items(), key=lambda item: -item[1])),
            "note_padding": insets.get(_NOTE_CELL, 0.0),
            "faces": _faces(_font_files(rules), families), "padding": padding,
            "margins": _page_margins(rules), "margins_high": _page_margins(rules, high=True),
            "figures": figures, "insets": insets}


_POINTS = {"in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pt": 1.0, "px": 0.75}


def _page_margins(rules, high: bool = False) -> float:
    """The @page margins left and right together (`high`: top and bottom),
    in points."""
    page = next(r for r in rules if r.type == "at-rule" and r.lower_at_keyword == "page"
                and "margin" in _declarations(r))
    sides = _lengths(_declarations(page)["margin"])
    if high:
        top = sides[0]
        ends = (top, sides[2] if len(sides) > 2 else top)
    else:
        right = sides[1] if len(sides) > 1 else sides[0]
        ends = (sides[3] if len(sides) == 4 else right, right)
    return sum(side.value * _POINTS[getattr(side, "lower_unit", "pt")] for side in ends)


def _figure_measures(rules) -> dict[str, float]:
    import tinycss2
    declared = {" ".join(tinycss2.serialize(r.prelude).split()): _declarations(r)
                for r in rules if r.type == "qualified-rule"}
    font = _lengths(declared["html"]["font"])  # 12pt/2: a size, then a line height
    size = _points(font[0])
    margin = _lengths(declared["figure"]["margin"])
    note = declared[".footnote"]
    note_size = _points(_lengths(note["font-size"])[0])
    return {"line": size * font[1].value, "text_size": size, "note_size": note_size,
            "note_line": note_size * _lengths(note["line-height"])[0].value,
            "note_indent": _points(_lengths(note["text-indent"])[0]),
            "note_area": _footnote_area(rules), "picture_height":
            _points(_lengths(declared["figure.figure img"]["max-height"])[0]),
            "figure_margins": 2 * _points(margin[0]) if len(margin) < 3
            else _points(margin[0]) + _points(margin[2]),
            "panel_padding": _across(_lengths(declared["figure .panel"]["padding"])),
            "equation_padding": _across(_lengths(declared["p.equation"]["padding"]))}


def _footnote_area(rules) -> float:
    """What the page's footnote area takes above its notes (@page's
    @footnote: its rule's margin, border and padding at the top), in points."""
    import tinycss2
    for page in (r for r in rules if r.type == "at-rule" and r.lower_at_keyword == "page"):
        for inner in tinycss2.parse_blocks_contents(page.content or [], skip_comments=True,
                                                    skip_whitespace=True):
            if inner.type == "at-rule" and inner.lower_at_keyword == "footnote":
                declared = _declarations(inner)
                return sum(_side(declared, prop, "top", 0.0)
                           for prop in ("margin", "border", "padding"))
    return 0.0


def _insets(rules) -> dict[str, float]:
    """`inset` of each selector brief.css names (one of a list too:
    `ul, ol { … }`), its rules' declarations taken in order."""
    declared: dict[str, dict] = {}
    for rule in (r for r in rules if r.type == "qualified-rule"):
        for one in _selectors(rule.prelude):
            declared.setdefault(one, {}).update(_declarations(rule))
    em = _points(_lengths(declared["html"]["font"])[0])  # the text's size
    return {selector: sum(_side(found, prop, side, em)
                          for prop in ("margin", "padding", "border") for side in ("left", "right"))
            for selector, found in declared.items()}


def _selectors(prelude) -> list[str]:
    """A rule's selectors, parted at its commas (not those inside `:is(…)`),
    their spaces as one."""
    import tinycss2
    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [" ".join(tinycss2.serialize(part).split()) for part in parts]


def _side(declared: dict, prop: str, side: str, em: float) -> float:
    """One side of a margin, padding or border (its width), in points: the
    longhand if set, else the shorthand's; an em the text's size, a
    percentage nothing."""
    if f"{prop}-{side}" in declared or prop == "border":
        lengths = _lengths(declared.get(f"{prop}-{side}") or declared.get(prop, []))
        length = lengths[0] if lengths else None
    else:
        sides = _lengths(declared.get(prop, []))  # top, right, bottom, left, as CSS fills them
        sides = (sides * 4 if len(sides) < 3 else sides + sides[1:2])[:4]
        length = sides[("top", "right", "bottom", "left").index(side)] if sides else None
    unit = getattr(length, "lower_unit", "pt")
    if length is None or not length.value or unit not in (*_POINTS, "em"):
        return 0.0
    return length.value * (em if unit == "em" else _POINTS[unit])


def _points(length) -> float:
    return length.value * _POINTS[getattr(length, "lower_unit", "pt")] if length.value else 0.0


def _across(sides) -> float:
    """Left and right of a `padding` of 1 to 4 lengths together, in points."""
    right = sides[1] if len(sides) > 1 else sides[0]
    return _points(sides[3] if len(sides) == 4 else right) + _points(right)


# A table's type at each step (`figure.table.smaller-1 table`), one's in a
# footnote (`.footnote .table.smaller-1 > .fn-table`), and a note's cell.
_STEP = r"figure\.table(?:\.(smaller-\d+))? table"
_NOTE_STEP = r"\.footnote \.table(?:\.(smaller-\d+))? > \.fn-table"
_NOTE_CELL = ".footnote :is(.fn-td, .fn-th)"


def _table_rules(rules, step_rule: str = _STEP) -> tuple[dict[str, float], float, dict[str, str]]:
    """The table's sizes by step (`step_rule` names them), its cells'
    padding, and the families named first for `html` and `code`."""
    import tinycss2
    sizes, padding, families = {}, 0.0, {}
    for rule in (r for r in rules if r.type == "qualified-rule"):
        selector = " ".join(tinycss2.serialize(rule.prelude).split())
        declared = _declarations(rule)
        # one of a list: `figure.table.smaller-1 table, .footnote … { … }`
        step = next(filter(None, (re.fullmatch(step_rule, " ".join(one.split()))
                                  for one in selector.split(","))), None)
        size = _lengths(declared.get("font-size", []))
        if step and len(size) == 1 and getattr(size[0], "unit", None) == "pt":
            sizes[step[1] or ""] = size[0].value
        if selector == "figure.table :is(th, td)" and "padding" in declared:
            padding = _horizontal_em(_lengths(declared["padding"]))
        for name in ("html", "code"):
            if name in selector.replace(" ", "").split(",") and name not in families:
                families[name] = _first_family(declared.get("font", []) or
                                               declared.get("font-family", []))
    return sizes, padding, families


def _font_files(rules) -> dict[str, dict[tuple[bool, bool], Path]]:
    """The @font-face rules' files, by family and (bold, italic)."""
    files: dict = {}
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword == "font-face":
            face = _declarations(rule)
            family, src = _first_family(face.get("font-family", [])), _url(face.get("src", []))
            if family and src:
                key = (_word(face.get("font-weight")) == "bold",
                       _word(face.get("font-style")) == "italic")
                files.setdefault(family, {})[key] = STYLES / src
    return files


def _faces(files: dict, families: dict) -> dict[tuple, Path]:
    """The file of each face of a table's text, by (bold, italic, code); the
    regular face where its family has no such face."""
    text, code = files.get(families.get("html"), {}), files.get(families.get("code"), {})
    regular = text[False, False]
    return {(bold, italic, mono): (code.get((False, False), regular) if mono else
                                   text.get((bold, italic), regular))
            for bold in (False, True) for italic in (False, True) for mono in (False, True)}


def _horizontal_em(sides) -> float:
    """Left and right of a `padding` of 1 to 4 lengths, in em: they scale
    with the table's type."""
    right = sides[1] if len(sides) > 1 else sides[0]
    left = sides[3] if len(sides) == 4 else right
    if any(side.value and side.unit != "em" for side in (left, right)):
        raise ValueError("brief.css: a table cell's padding at either side must be in em")
    return left.value + right.value


def _lengths(tokens) -> list:
    return [t for t in tokens if t.type in ("dimension", "number")]


def _declarations(rule) -> dict[str, list]:
    import tinycss2
    return {d.lower_name: d.value for d in tinycss2.parse_blocks_contents(
        rule.content, skip_comments=True, skip_whitespace=True) if d.type == "declaration"}


def _url(tokens) -> str | None:
    """The file of a `src` value: url(x) or url("x")."""
    for token in tokens:
        if token.type == "url":
            return token.value
        if token.type == "function" and token.lower_name == "url":
            return next((t.value for t in token.arguments if t.type == "string"), None)
    return None


def _first_family(tokens) -> str | None:
    """The first quoted family name in a `font` or `font-family` value."""
    return next((t.value for t in tokens if t.type == "string"), None)


def _word(tokens) -> str:
    return next((t.lower_value for t in tokens or [] if t.type == "ident"), "")
