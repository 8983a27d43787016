"""An abbreviation the article defines in its prose ("The UK Health Security
Agency (UKHSA) publishes…"), defined again on the slides where its
definition is not shown: the audience sees the slides without the brief.

A digest (report/slidedigest.py) shows a few sentences of its section, and
may leave out the one that defines an abbreviation while a later slide uses
it. In the deck's reading order (its `::: slide`s, its digests' sentences
and the lists they introduce, the tables and figures they show), the first
digest's words that use an abbreviation no slide has defined yet read
"UK Health Security Agency (UKHSA)" in place of "UKHSA". Only abbreviations
the article defines, by a name whose words' initials spell it ("relative
risk (RR)", "World Meteorological Organization (WMO)"); never a guess. A
`::: slide` is the author's: its words stay as written.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from functools import partial

from . import labels
from .model import WRAPPERS, Cite, Equation, Figure, Para, Table, Text, plain_text
from .walk import inline_lists, inner_blocks

# An abbreviation in parentheses right after its name: two or more letters,
# the first and last capitals ("UKHSA", "RR", "WHO").
_DEFINED = re.compile(r"\(([A-Z][A-Za-z]*[A-Z])\)")


def plan(doc) -> None:
    """Mark, once for the document, the words of the digests that define an
    abbreviation at its first use on the slides (expanded() reads them)."""
    if getattr(doc, "slide_abbreviations", None) is not None:
        return
    names = doc.slide_abbreviations = defined(doc)
    shown: set[str] = set()
    for text, target in _reading(doc) if names else ():
        for abbr, name in names.items():
            if abbr in shown:
                continue
            if _defines(text, abbr) or target and _mark(*target, abbr, name):
                shown.add(abbr)


def expanded(node):
    """`node` (inlines, a block) with the abbreviations plan() marked in its
    words defined: a copy where any is; else `node` itself."""
    if isinstance(node, (list, tuple)):
        out = [expanded(x) for x in node]
        changed = any(a is not b for a, b in zip(out, node))
        return (out if isinstance(node, list) else tuple(out)) if changed else node
    if isinstance(node, Text):
        text = node.text
        for at, abbr, name in sorted(getattr(node, "abbreviated", ()), reverse=True):
            text = f"{text[:at]}{name} ({abbr}){text[at + len(abbr):]}"
        return node if text == node.text else Text(text)
    if isinstance(node, Cite) or not is_dataclass(node) or isinstance(node, type):
        return node
    changed = {f.name: new for f in fields(node)
               if (new := expanded(old := getattr(node, f.name))) is not old}
    return replace(node, **changed) if changed else node


def defined(doc) -> dict[str, str]:
    """{abbreviation: its name as the article first writes it} for each
    abbreviation written in parentheses right after a name whose words'
    initials spell it (capitalised words may give all their capitals:
    "UK Health Security Agency (UKHSA)"; the language's joining words,
    "of", "and", are skipped)."""
    joins = {w.lower() for w in labels.of(doc.meta.lang).get("abbreviation_joins", [])}
    out: dict[str, str] = {}
    for inlines in _inline_lists(doc.blocks):
        for _, leaf in _leaves(inlines):
            for match in _DEFINED.finditer(leaf.text):
                name = _name(leaf.text[:match.start()], match.group(1), joins)
                if name:
                    out.setdefault(match.group(1), name)
    return out


def _name(before: str, abbr: str, joins: set[str]) -> str:
    """The words at `before`'s end whose initials spell `abbr` (a word of
    capitals all of them: "UK"), as written; '' if no words do."""
    if not before.endswith(" "):
        return ""
    left, taken = abbr.upper(), []
    for word in reversed(before.split()):
        if not left:
            break
        parts = [p for p in re.split(r"[-‐]", word) if p]
        if not parts or not all(p.isalpha() for p in parts):
            return ""  # a number, a comma or a quote among the words: no name
        spelled = "".join(p if p.isupper() and len(p) > 1 else p[0] for p in parts).upper()
        if left.endswith(spelled):
            left = left[:-len(spelled)]
        elif not (taken and word.lower() in joins):
            return ""
        taken.insert(0, word)
    return " ".join(taken) if not left else ""


def _defines(text: str, abbr: str) -> bool:
    """Whether slide words define `abbr`: "(RR)" after its name, or a
    table's note "RR = relative risk"."""
    return f"({abbr})" in text or \
        re.search(rf"\b{re.escape(abbr)}\s*=\s*[^\W\d]", text) is not None


def _mark(leaves: list[tuple[int, Text]], start: int, end: float, shown, abbr: str,
          name: str) -> bool:
    """Mark the first use of `abbr` in the words of `leaves` from `start` to
    `end` (offsets in their inlines' text) to be defined there, if the
    slide `shown()` then shows the definition (a digest's cut may leave it
    off); whether it was marked."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])")
    for offset, leaf in leaves:
        low, high = max(start - offset, 0), min(end - offset, len(leaf.text))
        match = pattern.search(leaf.text, low, int(high)) if high > low else None
        if match:
            before = getattr(leaf, "abbreviated", [])
            leaf.abbreviated = before + [(match.start(), abbr, name)]
            if f"{name} ({abbr})" in shown():
                return True
            leaf.abbreviated = before
            return False
    return False


def _reading(doc):
    """(words shown, where a digest may define an abbreviation in them: its
    Text leaves and the span of their text, or None) in the deck's order:
    each slide's title and words; each digest's title, sentences and what
    they introduce, its figure, and its tables' and figures' slides."""
    from .slidedigest import digest_units, sentences_of
    from .slidedrafts import digest_figure
    from .slideitems import block_inlines
    from .slidemodel import theme
    from .slidesections import sections, visuals_in
    count = theme()["body"]["digest_paragraphs"]
    for section in sections(doc):
        heading = (section.heading.children if section.heading
                   else [Text(labels.of(doc.meta.lang)["introduction"])])
        yield _prose(heading), None
        if section.slides:
            for slide in section.slides:
                yield _prose(slide.title or []), None
                yield " ".join(_prose(block_inlines(b)) for b in slide.blocks), None
            continue
        figure = digest_figure(section.blocks, heading, doc)
        for para, picked, following in digest_units(section.blocks, count, doc.meta.lang,
                                                    fill=figure is None,
                                                    showing={getattr(figure, "ident", "")}):
            full, at, leaves = plain_text(para.children), 0, list(_leaves(para.children))
            for n, sentence in enumerate(sentences_of(para.children)):
                found = full.find(plain_text(sentence), at)
                start = at if found < 0 else found
                at = start + len(plain_text(sentence))
                if n in picked:
                    yield _prose(sentence), (leaves, start, at,
                                             partial(_shown, para, n, figure is not None))
            if following is not None:
                words = [leaf for inlines in _inline_lists([following])
                         for leaf in _leaves(inlines)]
                yield _prose(block_inlines(following)), \
                    ([(0, leaf) for _, leaf in words], 0, float("inf"),
                     lambda block=following: plain_text(block_inlines(expanded(block))))
        for visual in visuals_in(section.blocks):
            if isinstance(visual, (Table, Figure)):
                yield _visual_words(visual, section.blocks), None


def _shown(para: Para, n: int, beside: bool) -> str:
    """The words the digest's slide shows of the paragraph's sentence `n`,
    with the abbreviations marked so far defined."""
    from .slidedigest import sentences_of, shown_text
    return shown_text(sentences_of(expanded(para.children))[n], beside)


def _leaves(inlines: list, offset: int = 0):
    """(offset in the inlines' plain text, leaf) of each Text leaf outside
    citations, in order."""
    for node in inlines:
        if isinstance(node, Text):
            yield offset, node
        elif isinstance(node, WRAPPERS):
            yield from _leaves(node.children, offset)
        offset += len(plain_text([node]))


def _inline_lists(blocks: list):
    """The inline lists of `blocks` and the blocks they hold, in order."""
    for block in blocks:
        if isinstance(block, Para):
            yield block.children
        elif isinstance(block, Equation):
            yield block.children
        else:
            yield from inline_lists(block)
        for inner in inner_blocks(block):
            yield from _inline_lists(inner)


def _prose(inlines: list) -> str:
    """The words of `inlines` outside citations."""
    return plain_text([x for x in inlines if not isinstance(x, Cite)])


def _visual_words(visual, blocks: list) -> str:
    """A table's or figure's caption, cells and notes, as its slide shows them."""
    from .slidedrafts import _noted
    noted, _ = _noted(visual, visual, blocks)
    words = [_prose(x) for x in inline_lists(noted)]
    return " ".join(words + [_prose(n.children) for n in getattr(noted, "notes", [])])
