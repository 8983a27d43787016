"""Cross-references: Quarto's `@fig-x`, `@tbl-x`, `@eq-x`, `@sec-x` and
apaquarto's `@apx-x` (pandoc-crossref's `@fig:x` too; bookdown's
`\\@ref(tab:x)`, read as `[-@tab:x]`: report/bookdown.py), as APA words them.

The brief numbers its figures and tables in the order it prints them
(APA 7 §7.4: "Figure 1", "Table 1"), and the equations it refers to.
`number` writes those numbers into the model, where every writer reads
them; `resolve` then renders each cluster that names only labels:
"Figure 1", "Figures 1 and 2", "Table 2" (`[-@tbl-x]`: "2"), and a
section by its heading's words (APA numbers no sections), an appendix
by its letter ("Appendix A"). Each number
links to what it names. Clusters of citations are left to the citation
stage.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import bookdown, labels, typedcaptions
from .errors import ReportError, nearest, warn
from .model import (WRAPPERS, BlockQuote, BulletList, Cite, Cited, DefinitionList, Document,
                    Equation, Figure, Heading, Inline, Link, NoteRef, OrderedList, Para, Slide,
                    Table, Text, float_number, plain_text)
from .walk import walk_cites

_WORDS = {Figure: "figure", Table: "table", Equation: "equation"}  # their keys in labels.toml
# A label's kind is its prefix: Quarto writes `fig-x`, pandoc-crossref `fig:x`.
# apaquarto's `apx-x` labels an appendix's heading.
LABEL = re.compile(r"(fig|tbl|eq|sec|apx)[-:]", re.I)
# What labels a block: bookdown's `tab:x` too, which only `\@ref(tab:x)`
# names (a citation's `@tab:x` stays one, as pandoc-crossref has no `tab:`).
_BLOCK_LABEL = re.compile(r"(fig|tbl|tab|eq|sec|apx)[-:]", re.I)


def number(doc: Document) -> None:
    """Number the brief's figures and tables in print order, and its
    labelled equations; figures on slides or in notes get none (but a
    slide's copy of a numbered one: _slides_copies_numbered). Those in
    an appendix ("# Appendix B") count anew, after its letter: Table B1.
    A caption's own "Table 1." (Word's) is taken off, and "**Table 2**" and
    its title typed over a table are its caption (report/typedcaptions.py)."""
    typed = typedcaptions.take_typed(doc)
    counts, appendix = dict.fromkeys(_WORDS, 0), ""
    word = labels.of(doc.meta.lang)["appendix"]
    for block in printed(doc.blocks):
        letter = _appendix(block, word)
        if letter is not None:
            block.appendix = appendix = letter or chr(ord(appendix or "@") + 1)
            counts = dict.fromkeys(_WORDS, 0)
        elif isinstance(block, tuple(_WORDS)) and (is_label(block.ident)
                                                   or not isinstance(block, Equation)):
            counts[type(block)] += 1
            for each in [block, *getattr(block, "panels", [])]:  # "Figure 1a" a panel
                each.number, each.appendix = counts[type(block)], appendix
            if not isinstance(block, Equation):
                typedcaptions.strip_numbers(doc, block, typed.get(id(block)))
    _slides_copies_numbered(doc)


def _slides_copies_numbered(doc: Document) -> None:
    """A slide's copy of a figure the brief numbers (the same image) takes
    its number: the slide says "Figure 1" of what it shows (slidelabels)."""
    numbered = {block.src: block for block in printed(doc.blocks)
                if isinstance(block, Figure) and block.number and block.src}
    for slide in (b for b in doc.blocks if isinstance(b, Slide)) if numbered else ():
        for block in printed(slide.blocks):
            brief = numbered.get(block.src) if isinstance(block, Figure) else None
            if brief is not None and not block.number:
                block.number, block.appendix = brief.number, brief.appendix


def _appendix(block, word: str) -> str | None:
    """The letter of an appendix's heading ("Appendix B: Scales": "B"; "" for
    "Appendix" alone, or for a heading apaquarto's way, `# Scales {#apx-b}`,
    or one after bookdown's `# (APPENDIX)`: the next letter), or None for
    any other block."""
    if not isinstance(block, Heading) or block.level != 1:
        return None
    found = written_label(block, word)
    if found:
        return found[1] or ""
    return "" if block.in_appendices or re.match(r"apx[-:]", block.ident, re.I) else None


def printed(blocks):
    """The brief's blocks in print order, those inside lists and quotes too."""
    for block in blocks:
        yield block
        if isinstance(block, (BulletList, OrderedList)):
            for item in block.items:
                yield from printed(item)
        elif isinstance(block, DefinitionList):
            for _, definitions in block.items:
                for definition in definitions:
                    yield from printed(definition)
        elif isinstance(block, BlockQuote):
            yield from printed(block.blocks)


def resolve(doc: Document) -> None:
    """Render every cluster of cross-references into the model."""
    named, words = _named(doc), labels.of(doc.meta.lang)
    sections = {b.ident: b for b in printed(doc.blocks) if isinstance(b, Heading)}
    in_brief, called = {id(cite) for cite in walk_cites(doc, printed=True)}, set()
    cites = list(walk_cites(doc))  # those resolved are walked no more
    for cite in cites:
        targets = [_target(item.key, named, sections if cite.bookdown else None)
                   for item in cite.items]
        if not any(targets) and not cite.bookdown:
            for item in cite.items:  # a label mistyped ('@tbl-method'), not a work's key
                if is_label(item.key) and _near(item.key, named):
                    raise unknown(cite, item.key, named)
            continue
        if id(cite) in in_brief:
            called.update(id(target) for target in targets)
        missing = [item.key for item, target in zip(cite.items, targets) if not target]
        if missing and (cite.bookdown or is_label(missing[0])):
            raise unknown(cite, missing[0], named)
        if missing:
            raise _error(cite, "a citation mixes a cross-reference and a work",
                         "cite the work and refer to the figure or table in separate brackets")
        if any(item.locator for item in cite.items):
            raise _error(cite, "a cross-reference takes no page or other locator",
                         "write what follows the label as words: [@fig-x, left panel]")
        cite.rendered = _render(cite, targets, words)
        cite.crossref = True
    _say_uncalled(doc, words, called, any(cite.bookdown for cite in cites))


def _say_uncalled(doc: Document, words: dict, called: set[int], bookdown_: bool) -> None:
    """APA §7.5: the text refers to every table and figure by its number.
    One it never calls out (`called`: the ids of those the brief's
    cross-references name; nor "Table 2" in its words) is said where it
    stands; how to call it out in the article's own syntax (`bookdown_`:
    the article writes `\\@ref(…)`)."""
    text = "\n".join(_printed_words(doc))
    for block in printed(doc.blocks):
        if not isinstance(block, (Table, Figure)) or not block.number or id(block) in called:
            continue
        word, words_ = words[_WORDS[type(block)]]
        label = float_number(block)
        written = re.compile(rf"\b(?:{re.escape(word)}|{re.escape(words_)})\b[^.;]{{0,40}}?"
                             rf"(?<![\w.]){re.escape(label)}(?![\w])")
        if written.search(text):
            continue
        where, table = block.position, isinstance(block, Table)
        how = (f"{word} \\@ref({'tab' if table else 'fig'}:…)" if bookdown_
               else f"@{'tbl' if table else 'fig'}-…")
        warn(f"{word} {label} is never called out in the text; APA refers to every "
             f"{_WORDS[type(block)]} by its number (§7.5): write '{word} {label}', or label "
             f"it and write {how}", doc.path, where and where.line, where and where.column)


def _printed_words(doc: Document):
    """The words of the brief's paragraphs, headings and footnotes."""
    for blocks in (doc.blocks, *doc.footnotes):
        for block in printed(blocks):
            if isinstance(block, (Para, Heading)):
                yield plain_text(block.children)


def is_label(key: str) -> bool:
    """Whether `key` is written as a cross-reference label would be."""
    return bool(LABEL.match(key))


# Quarto's other cross-reference kinds, which report does not number.
_QUARTO_ONLY = {"lst": "code listing", "tip": "tip callout", "nte": "note callout",
                "wrn": "warning callout", "imp": "important callout",
                "cau": "caution callout", "thm": "theorem", "lem": "lemma",
                "cor": "corollary", "prp": "proposition", "cnj": "conjecture",
                "def": "definition", "exm": "example", "exr": "exercise",
                "sol": "solution", "rem": "remark", "alg": "algorithm"}
_QUARTO_LABEL = re.compile(rf"({'|'.join(_QUARTO_ONLY)})-", re.I)


def unnumbered(cite: Cite, key: str, keys=()) -> ReportError | None:
    """The error for Quarto's cross-reference to a kind report does not
    number (`@lst-x`, `@tip-x`, `@thm-x`…), or None for any other key: it
    is no citation key that the bibliography lacks, unless one of `keys`
    (the bibliography's) is close to it: `@cor-smith2020` for `cor_smith2020`
    is a mistyped citation more likely than a corollary."""
    kind = _QUARTO_LABEL.match(key)
    if not kind:
        return None
    name = _QUARTO_ONLY[kind[1].lower()]
    near = nearest(key, keys)
    if near:
        return _error(cite, f"unknown citation key '{key}' (as Quarto's cross-reference to "
                      f"a {name}, report does not number it)", near)
    return _error(cite, f"'@{key}' is Quarto's cross-reference to a {name}, which report "
                  "does not number (it numbers figures, tables and equations)",
                  f"refer to it in words (\"the {name} below\"), or make it a figure or table")


def unknown(cite: Cite, key: str, named=()) -> ReportError:
    """The error for a label that nothing in the brief carries: the nearest
    of its kind among the labels `named`, else the way to label one in the
    syntax that refers to it (bookdown's names any section by its id)."""
    kind = _BLOCK_LABEL.match(key)
    kind = kind[1].lower() if kind else "sec"
    how = (bookdown.HOW.get(kind, bookdown.HOW["sec"]) if cite.bookdown
           else _HOW[kind]).replace("KEY", key)
    return _error(cite, f"no {_KINDS[kind]} in the brief is labelled '{key}'",
                  _near(key, named) or f"label it where it is: {how}")


def _near(key: str, named) -> str:
    """"did you mean 'tbl-methods'?" among the labels of `key`'s kind, or ''
    (their names compared, not the 'tbl-' all share)."""
    kind = _BLOCK_LABEL.match(key)
    if not kind:
        return ""
    same = {n[match.end():]: n for n in named
            if (match := _BLOCK_LABEL.match(n)) and match[1].lower() == kind[1].lower()}
    return nearest(key[kind.end():], same, shown=same)


_KINDS = {"fig": "figure", "tbl": "table", "tab": "table", "eq": "equation",
          "sec": "section", "apx": "appendix"}
_HOW = {"fig": "![Caption](file.png){#KEY}", "tbl": "': Caption {#KEY}' under the table",
        "eq": "$$ … $$ {#KEY}", "sec": "# Heading {#KEY}", "apx": "# Title {#KEY} (level 1)"}


def _named(doc: Document) -> dict:
    """label → the block it names: the brief's numbered floats and its headings."""
    found = {}
    for block in _with_panels(printed(doc.blocks)):
        ident = getattr(block, "ident", "")
        if not _labels(block, ident):
            continue
        if ident in found:
            raise ReportError(f"the label '#{ident}' is given twice", doc.path,
                              *_place_of(doc, "#" + ident, 2),
                              hint="give each figure, table, equation and section its own label")
        found[ident] = block
    title = Heading(1, doc.meta.references_title, doc.meta.references_ident)
    if is_label(title.ident) and title.ident not in found:  # `# References {#sec-refs}`
        found[title.ident] = title
    return found


def _with_panels(blocks):
    """The blocks, each figure's panels after it: `@fig-a` names a panel."""
    for block in blocks:
        yield block
        yield from getattr(block, "panels", [])


def _labels(block, ident: str) -> bool:
    """Whether `ident` labels `block`: a float the brief numbers, or a section
    ("# Fig. A", whose own id is `fig-a`, is no figure)."""
    kind = _BLOCK_LABEL.match(ident)
    if isinstance(block, Heading):  # `apx-` only on an appendix's heading
        return bool(kind) and (kind[1].lower() == "sec" or bool(block.appendix))
    return bool(kind) and bool(getattr(block, "number", 0))


def _target(key: str, named: dict, sections: dict | None = None):
    """The block a key names; `@Fig-x` (capitalised, as pandoc-crossref
    allows) names `fig-x`. bookdown's `\\@ref(x)` (`sections`: headings by
    id) names a float by its label or any section by its id."""
    if sections is not None:
        return named.get(key) or sections.get(key)
    if not is_label(key):
        return None
    return named.get(key) or named.get(key[0].lower() + key[1:])


def _render(cite: Cite, targets: list, words: dict) -> list[Inline]:
    items = list(zip(cite.items, targets))
    if any(item.prefix or item.suffix for item in cite.items):  # each as written
        return labels.series(words, [[Text(item.prefix), *_group([(item, target)], words),
                                      Text(item.suffix)] for item, target in items])
    groups = []  # runs of one kind: "Figures 1 and 2" (and of numbers alone: `-@`)
    for item, target in items:
        last = groups[-1][-1] if groups else None
        if (last and type(last[1]) is type(target) and not isinstance(target, Heading)
                and last[0].suppress_author == item.suppress_author):
            groups[-1].append((item, target))
        else:
            groups.append([(item, target)])
    return labels.series(words, [_group(group, words) for group in groups])


def _group(group: list, words: dict) -> list[Inline]:
    first, target = group[0]
    if isinstance(target, Heading):  # APA numbers no sections: its words name it
        return [Link(_heading_words(target, words, first.suppress_author), f"#{target.ident}")]
    numbers = labels.series(words, [[Link([Text(float_number(t))], f"#{t.ident}")]
                                    for _, t in group])
    if first.suppress_author:  # `[-@fig-x]`: the number alone
        return numbers
    word = words[_WORDS[type(target)]][len(group) > 1]  # "Figure", or "Figures"
    if len(group) == 1:  # "Figure 1" linked whole, as Quarto links it
        return [Link([Text(f"{word} {float_number(target)}")], f"#{target.ident}")]
    return [Text(word + " "), *numbers]


def _heading_words(heading: Heading, words: dict, alone: bool = False) -> list[Inline]:
    """How the text names a section: its heading's words, or, for an
    appendix, "Appendix A" (APA §2.14), its letter as the heading has it
    (none for "Appendix" alone), or as report letters it (`{#apx-a}`).

    A section's number alone (`[-@sec-x]`, bookdown's `\\@ref(x)`, after
    the author's own "Section"): APA numbers no sections, so its words
    still, as `@sec-x` names it; an appendix's is its letter ("Appendix
    \\@ref(x)": "Appendix A"), the one report gives it if its heading
    writes none (the only one, "Appendix", as bookdown letters it too)."""
    if heading.appendix:
        label = appendix_label(heading, words["appendix"])
        letter = label[len(words["appendix"]):].strip() or heading.appendix
        return [Text(letter if alone else label)]
    return _words(heading.children)


def appendix_label(heading: Heading, word: str) -> str:
    """An appendix's label line: "Appendix B" as its heading writes it, or,
    for a heading that writes only its title (apaquarto's `{#apx-b}`), the
    letter report gave it."""
    written = written_label(heading, word)
    if written:
        return f"{word} {written[1] or ''}".rstrip()
    return f"{word} {heading.appendix}"


def written_label(heading: Heading, word: str) -> re.Match | None:
    """"Appendix B: Scales" (the letter as group 1), as a heading writes it."""
    return re.match(rf"{re.escape(word)}(?:\s+([A-Z])\b)?(?:\s*[:.—–-].*)?$",
                    plain_text(heading.children).strip())


def _words(inlines) -> list[Inline]:
    """A heading's words as a reference repeats them: without its notes, its
    citations (one may be this very reference) or its links."""
    out = _kept(inlines)
    if out and isinstance(out[-1], Text):  # the space before a note or citation left out
        out[-1] = Text(out[-1].text.rstrip())
    return [node for node in out if node != Text("")]


def _kept(inlines) -> list[Inline]:
    out = []
    for node in inlines:
        if isinstance(node, (Cite, NoteRef)):
            continue
        if isinstance(node, (Link, Cited)):
            out.extend(_kept(node.children))
        elif isinstance(node, WRAPPERS):
            out.append(replace(node, children=_kept(node.children)))
        elif isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return out


def _error(cite: Cite, message: str, hint: str) -> ReportError:
    where = cite.position
    return ReportError(message, where.path, where.line, where.column, hint)


def _place_of(doc: Document, text: str, occurrence: int) -> tuple[int | None, int | None]:
    """(line, column) of the `occurrence`th `text` (a whole label: not the
    start of a longer one) in the article, if it is there."""
    whole = re.compile(re.escape(text) + r"(?![\w:.-])")
    seen = 0
    for n, line in enumerate(doc.path.read_text(encoding="utf-8").splitlines(), 1):
        found = whole.finditer(line)
        for match in found:
            seen += 1
            if seen == occurrence:
                return n, match.start() + 1
    return None, None
