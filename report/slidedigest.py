"""The digest of a section without a slide: the first sentences of its
paragraphs, as bullets.

Each of a section's first paragraphs gives its first sentence (a section of
few paragraphs, more of them: those that cite a work or give a number
first); a list, quotation or equation that a
paragraph introduces with a colon stands under it. A sentence that points
to a table or figure the slide does not show ("Table 1 shows…") stays out.
Sentences end where running text ends them: not after an initial or an
abbreviation ("U.S.", "e.g.", "vgl.").

A sentence longer than `body.digest_lines` lines is cut here, at a
clause's end (report/digestcut.py), so that what the slide shows is known:
the citations it keeps are those of the words it keeps, and only those
count for the references slides (the speaker notes say the sentence
whole). A group author's name reads as the slides define it
(report/groupnames.py), whatever the brief defined before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from . import groupnames, labels, slideabbrev
from .digestcut import cut_sentence
from .model import (WRAPPERS, BlockQuote, BulletList, Cite, Equation, Figure, NoteRef,
                    OrderedList, Para, Table, Text, plain_text)
from .slideitems import block_inlines, display_math, in_marks, items_of, quote_source
from .slidefit import indent_of
from .slidemodel import Paragraph, frame, theme
from .slideruns import body_runs
from .slidesections import paras_of
from .walk import block_cites


def digest_items(blocks: list, count: int, lang: str, fill: bool = True,
            showing: set[str] = frozenset(), bullets: int | None = None,
            size: float | None = None) -> tuple[list[Paragraph], list]:
    """(bullets, inlines shown) for a section without a slide: the first
    sentence of each of its first `count` paragraphs (of fewer, with `fill`,
    as many more sentences of each as make `count` bullets: a section of
    one paragraph is no slide of one line), and the items of a list, or the
    first sentence of a quotation, that a paragraph introduces with a
    colon. Other quotes and table notes stay out, and so do sentences that
    point to a table or figure the slide is not `showing` ("Table 1 shows…").
    With `bullets`, fill to that many rather than `count` (never fewer than
    one sentence a paragraph). Long sentences are cut as set at `size`
    (the body's largest by default)."""
    items, shown = [], []
    for chosen, under, under_shown in _chosen(blocks, count, lang, fill, showing, bullets):
        for sentence in chosen:
            runs, kept = _on_slide(sentence, beside=not fill, size=size)
            items.append(Paragraph(runs))
            shown.extend(kept)
        items.extend(under)
        shown.extend(under_shown)
    return items, shown


def digest_inlines(blocks: list, count: int, lang: str, fill: bool = True,
                   showing: set[str] = frozenset()) -> list[list]:
    """The words digest_items takes, uncut: its sentences, and what they
    introduce, in order (report/deckreading.py reads their citations)."""
    return [x for chosen, _, under_shown in _chosen(blocks, count, lang, fill, showing, None)
            for x in [*chosen, under_shown]]


def _chosen(blocks: list, count: int, lang: str, fill: bool, showing: set[str],
            bullets: int | None) -> Iterator[tuple[list[list], list[Paragraph], list]]:
    """Each digested paragraph's (sentences, the bullets it introduces,
    their inlines), an abbreviation the slides use first there defined
    (report/slideabbrev.py)."""
    for block, picked, following in _picked(blocks, count, lang, fill, showing, bullets):
        sentences = sentences_of(slideabbrev.expanded(block.children))
        chosen = [x for n, x in enumerate(sentences) if n in picked]
        chosen = [_pointing_here(x, showing | _shown_here(blocks), lang) for x in chosen]
        under, under_shown = _introduced(block, slideabbrev.expanded(following), lang) \
            if following is not None else ([], [])
        yield chosen, under, under_shown


def digest_units(blocks: list, count: int, lang: str, fill: bool = True,
                 showing: set[str] = frozenset()) -> Iterator[tuple[Para, list[int], object]]:
    """The paragraphs digest_items takes, each with the numbers of the
    sentences (of sentences_of) it shows and the list, quotation or equation
    it introduces under them (None if none), in order."""
    return _picked(blocks, count, lang, fill, showing, None)


def _picked(blocks: list, count: int, lang: str, fill: bool, showing: set[str],
            bullets: int | None) -> Iterator[tuple[Para, list[int], object]]:
    paras = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Para)
             and not labels.is_note(b)][:count]
    showing = set(showing) | _shown_here(blocks)
    shares = _shares(max(bullets or count, len(paras)), len(paras)) if fill \
        else [1] * len(paras)
    sentences = [[(n, x) for n, x in ((n, _pointing_here(x, showing, lang))
                                      for n, x in enumerate(sentences_of(b.children))) if x]
                 for _, b in paras]

    def chosen(k: int, per: int) -> list:
        said = [x for _, x in sentences[k]]
        return _weightiest(said, per, [_about_visual(x, showing, lang) for x in said],
                           _announced(said, lang))
    picks = [chosen(k, per) for k, per in enumerate(shares)]
    # A share a paragraph leaves (its questions left with the sentence that
    # announces them) goes to the paragraphs before and after it, in order.
    spare = sum(shares) - sum(map(len, picks)) if fill else 0
    for k, per in enumerate(shares):
        if spare > 0:
            more = chosen(k, len(picks[k]) + spare)
            spare -= len(more) - len(picks[k])
            picks[k] = more
    if paras and not any(picks):  # its one paragraph announces more than its share: all
        picks[0] = next((c for per in range(shares[0], len(sentences[0]) + 1)
                         if (c := chosen(0, per))), [])
    for ((i, block), said, chose) in zip(paras, sentences, picks):
        picked = [n for n, x in said if any(x is c for c in chose)]
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if not _introduced(block, following, lang)[0]:
            following = None
        elif said and said[-1][0] not in picked:
            picked.append(said[-1][0])  # the sentence that introduces them, over them
        yield block, picked, following


def _weightiest(sentences: list[list], count: int, pointers: list[bool],
                groups: list[list[int]] | None = None) -> list[list]:
    """`count` of a paragraph's sentences, in its order: its first (what it
    is about), then those that cite a work or give a number before those
    that do neither (background: "Efficiency gains offset growth." over
    "According to Kearney (2025), use will set records in 2025."), and
    those that only point to a table or figure the deck shows (`pointers`,
    _about_visual) last: "Figure 1 shows the pooled curve." gives way to
    what the curve says, as the paragraph's first. A sentence that
    announces those after it ("This brief asks three questions.", one of
    `groups`, _announced) is taken with them all, or, where they would make
    more than `count`, left with them."""
    units = groups or [[n] for n in range(len(sentences))]
    units = [u for u in units if len(u) <= count] or [[n] for u in units for n in u
                                                      if len(u) == 1]
    if not count or not units:
        return []
    first = next((u for u in units if not all(pointers[n] for n in u)), units[0])
    taken, left = list(first), count - len(first)
    for unit in sorted((u for u in units if u is not first),
                       key=lambda u: (all(pointers[n] for n in u),
                                      not any(_weighty(sentences[n]) for n in u))):
        if len(unit) <= left:
            taken, left = taken + unit, left - len(unit)
    return [sentences[n] for n in sorted(taken)]


def _announced(sentences: list[list], lang: str) -> list[list[int]]:
    """The paragraph's sentences by number, each alone but one that
    announces the questions right after it with theirs: "This brief asks
    three questions." with the three ("How…? Which…? Who…?"), or one that
    ends with a colon or says "the following" with all that follow."""
    words = labels.of(lang)
    counts = words.get("counts", {})
    counted = re.compile(r"(?<!\w)(\d+|" + "|".join(map(re.escape, counts)) + r")(?!\w)",
                         re.IGNORECASE) if counts else re.compile(r"(?<!\w)(\d+)(?!\w)")
    following = re.compile(r"\b(?:" + "|".join(map(re.escape, words["pointing"])) + r")\b",
                           re.IGNORECASE)
    texts = [plain_text(x).strip() for x in sentences]
    out, n = [], 0
    while n < len(texts):
        run = 0
        while n + 1 + run < len(texts) and "?" in texts[n + 1 + run]:  # "Who? We…" is one
            run += 1
        number = counted.search(texts[n]) if not texts[n].endswith("?") else None
        size = int(number.group(1)) if number and number.group(1).isdigit() \
            else counts.get(number.group(1).lower(), 0) if number else 0
        if not texts[n].endswith("?") and run and (
                size and size <= run or texts[n].endswith(":") or following.search(texts[n])):
            size = size if size and size <= run else run
            out.append(list(range(n, n + 1 + size)))
            n += 1 + size
            continue
        out.append([n])
        n += 1
    return out


def _about_visual(sentence: list, showing: set[str], lang: str) -> bool:
    """Whether a sentence only points to a table or figure in `showing`: it
    names one in its first words ("Figure 1 shows…", "As Table 2 lists, …",
    "La figure 1 montre…") and, that name aside, cites no work and gives no
    number. The slide shows the figure, under a caption that says as much."""
    numbered, _ = _word_pointers(lang)
    before = ""
    for node in sentence:
        if isinstance(node, Cite) and node.crossref:
            if {i.key for i in node.items} & showing:
                return len(before.split()) < 3 and not _weighty(_unnamed(sentence, lang))
            continue
        text = plain_text([node])
        for kind, pattern in numbered.items():
            for match in pattern.finditer(text):
                if f"{kind}:{match.group(1)}" in showing:
                    return len((before + text[:match.start()]).split()) < 3 \
                        and not _weighty(_unnamed(sentence, lang))
        before += text
    return False


def _unnamed(sentence: list, lang: str) -> list:
    """The sentence without its cross-references and the tables and figures
    it names in words: what is left to weigh ("Figure 1" gives no number)."""
    numbered, _ = _word_pointers(lang)
    out = []
    for node in sentence:
        if isinstance(node, Cite) and node.crossref:
            continue
        if isinstance(node, Text):
            for pattern in numbered.values():
                node = Text(pattern.sub("", node.text))
        out.append(node)
    return out


def _weighty(sentence: list) -> bool:
    """Whether a sentence cites a work or gives a number (a digit)."""
    if any(not c.crossref for c in block_cites([Para(sentence)])):
        return True
    return bool(re.search(r"\d", plain_text([x for x in sentence if not isinstance(x, NoteRef)])))


def _on_slide(sentence: list, beside: bool, size: float | None = None) -> tuple[list, list]:
    """(a digest's sentence as its bullet's runs, the inlines it shows): its
    groups' names as the slides define them (groupnames.on_slides), cut to
    `body.digest_lines` lines at `size` (the body's largest) in the width its
    bullets take (`beside` a visual, their share), the citations after the
    cut that belong to no word it keeps left out, and out of the slides'
    reading. A footnote's call stays among what it shows: its note is said."""
    words = _slide_forms(sentence)
    runs = body_runs(words)
    cut, end, kept = _cut(runs, beside, size)
    if end is None:
        return runs, words
    shown = []
    starts = [len("".join(r.text for r in body_runs(words[:n]))) for n in range(len(words) + 1)]
    for n, (node, original) in enumerate(zip(words, sentence)):
        start, stop = starts[n], starts[n + 1]
        if start < end or any(a < stop and start < b for a, b in kept):
            shown.append(node)
            continue
        shown.extend(x for x in [node] if isinstance(x, NoteRef))
        for cite in block_cites([Para([original])]):
            groupnames.cut_from_slides(cite)
    return cut, shown


def _cut(runs: list, beside: bool, size: float | None) -> tuple:
    """cut_sentence's (runs, end, kept) for a digest's sentence `runs`."""
    from .slideparts import bullets_width  # which imports slidedrafts, which imports this
    spec = theme()["body"]
    width = bullets_width(frame()[1]) if beside else frame()[1]
    return cut_sentence(runs, size or spec["size"], width - indent_of(Paragraph(runs), spec),
                        spec["digest_lines"])


def shown_text(sentence: list, beside: bool) -> str:
    """The words of a digest's sentence that its slide shows, cut as
    _on_slide cuts it at the body's largest size (report/slideabbrev.py
    defines no abbreviation in words a cut leaves off)."""
    runs = body_runs(_slide_forms(sentence))
    cut, end, _ = _cut(runs, beside, None)
    return "".join(r.text for r in (runs if end is None else cut))


def _slide_forms(inlines: list) -> list:
    """The inlines with each citation worded as the slides read it."""
    out = []
    for node in inlines:
        if isinstance(node, Cite):
            node = groupnames.on_slides(node)
        elif isinstance(node, WRAPPERS):
            node = replace(node, children=_slide_forms(node.children))
        out.append(node)
    return out


def _introduced(para: Para, following, lang: str) -> tuple[list[Paragraph], list]:
    """(bullets, inlines shown) of a list, of a quotation's first sentence
    or of an equation that a paragraph introduces with a colon ("…in their
    own words:") or leads into mid-sentence ("The model is" before its
    equation): under the sentence that introduces them."""
    end = plain_text(para.children).rstrip()
    if not (end.endswith(":") or end and not _CLOSED_SENTENCE.search(end)):
        return [], []
    if isinstance(following, (BulletList, OrderedList)):
        return items_of([following], 1), block_inlines(following)
    if isinstance(following, BlockQuote):
        quoted = _slide_forms(_quoted(following, labels.of(lang)["quotes"]))
        return ([Paragraph(body_runs(quoted), 1)], quoted) if quoted else ([], [])
    if isinstance(following, Equation) and plain_text(following.children).strip():
        return [display_math(following)], following.children
    return [], []


# A paragraph's text that closes its last sentence ends so: a full stop
# (one that ends "U.S." or "e.g." too), a question or an exclamation mark,
# an ellipsis, then any closing quotes or brackets. Not sentence_ends: a
# paragraph's end is no place to weigh what follows.
_CLOSED_SENTENCE = re.compile(r"[.!?…][\"'”’»)\]]*$")


def _pointing_here(sentence: list, showing: set[str], lang: str) -> list | None:
    """The sentence as a digest shows it: without the parentheses that point
    to a table or figure the slide does not show ("…norms (see Table 1).");
    None if it still points to one ("Table 1 shows the groups.")."""
    if not _points_away(sentence, showing, lang):
        return sentence
    out = [Text(_text_pointers(lang).sub("", x.text)) if isinstance(x, Text) else x
           for x in sentence]
    for n in range(len(out) - 2, 0, -1):
        before, cite, after = out[n - 1:n + 2]
        if (isinstance(cite, Cite) and cite.crossref and isinstance(before, Text)
                and isinstance(after, Text) and after.text.startswith(")")
                and (opened := _pointer_opens(lang).search(before.text))):
            out[n - 1:n + 2] = [Text(before.text[:opened.start()] + after.text[1:])]
    return None if _points_away(out, showing, lang) else out


@lru_cache(maxsize=8)
def _pointer_opens(lang: str) -> re.Pattern:
    """The opening of a parenthesis that only points elsewhere: " (", " (see
    also ", in the language's words ("(vgl. " in German)."""
    words = "|".join(map(re.escape, labels.of(lang)["see"]))
    return re.compile(rf"\s*\((?:(?:{words})\s+)?$", re.IGNORECASE)


def _points_away(inlines, showing: set[str], lang: str) -> bool:
    """Whether the inlines point to tables or figures, by cross-reference
    (`@tbl-x`, `@fig-x`, pandoc-crossref's `@fig:x`, bookdown's
    `\\@ref(tab:x)`) or in words ("Table 1", "Figures 2 and 3", "the table
    below"), and to none in `showing`: "Table 1 shows…" beside no table."""
    keys = set(_pointed_to(inlines)) | set(_named(plain_text(inlines), lang))
    return bool(keys) and not keys & showing


def _pointed_to(inlines):
    for node in inlines:
        if isinstance(node, Cite) and node.crossref:
            yield from (i.key for i in node.items if i.key.startswith(("tbl", "tab", "fig")))
        elif isinstance(node, WRAPPERS):
            yield from _pointed_to(node.children)


def _named(text: str, lang: str) -> Iterator[str]:
    """The tables and figures a text names in words, as keys of
    _shown_here: "Table 2" is "table:2", "the figure below" "figure:here"."""
    numbered, here = _word_pointers(lang)
    for kind, pattern in numbered.items():
        yield from (f"{kind}:{m.group(1)}" for m in pattern.finditer(text))
    for kind, pattern in here.items():
        yield from (f"{kind}:here" for _ in pattern.finditer(text))


@lru_cache(maxsize=8)
def _word_pointers(lang: str) -> tuple[dict, dict]:
    """({kind: "Table 1"}, {kind: "the table below"}) patterns, in the
    language's words for tables and figures (labels.toml's `table`,
    `figure`) and the words pointing nearby (`pointing`: "below")."""
    words = labels.of(lang)
    pointing = "|".join(map(re.escape, words["pointing"]))
    numbered, here = {}, {}
    for kind in ("table", "figure"):
        names = "|".join(map(re.escape, words[kind]))
        numbered[kind] = re.compile(rf"\b(?:{names})\s+([A-Z]?\d+)", re.IGNORECASE)
        here[kind] = re.compile(rf"\b(?:(?:{names})\s+(?:{pointing})|(?:{pointing})\s+"
                                rf"(?:{names}))\b", re.IGNORECASE)
    return numbered, here


@lru_cache(maxsize=8)
def _text_pointers(lang: str) -> re.Pattern:
    """A parenthesis written in words that only points elsewhere: " (see
    Table 1)", " (Figure 2)"."""
    words = labels.of(lang)
    see = "|".join(map(re.escape, words["see"]))
    names = "|".join(map(re.escape, words["table"] + words["figure"]))
    return re.compile(rf"\s*\((?:(?:{see})\s+)?(?:{names})\s+[A-Z]?\d+[a-z]?\)", re.IGNORECASE)


def _shown_here(blocks: list) -> set[str]:
    """The keys of the tables and figures among `blocks`, which the deck
    shows (a digest's section gives each a slide, slidedrafts.py): their
    ids, "table:1" (their numbers in the brief), "table:here"."""
    out = set()
    for block in blocks:
        kind = {Table: "table", Figure: "figure"}.get(type(block))
        if kind:
            out |= {block.ident, f"{kind}:here"} - {""}
            if block.number:
                out.add(f"{kind}:{block.appendix}{block.number}")
    return out


def _shares(count: int, paragraphs: int) -> list[int]:
    """How many sentences each of `paragraphs` gives to `count` bullets: one
    each, the rest to the first ones (4 over 3 paragraphs: 2, 1, 1)."""
    if not paragraphs:
        return []
    each, more = divmod(count, paragraphs)
    return [each + (n < more) for n in range(paragraphs)]


def _quoted(quote: BlockQuote, marks: list[str]) -> list:
    """A quotation's first sentence, in the language's quotation marks
    (unless written in marks),
    and its source as the quotation ends with it ("(p. 54)", a citation):
    a quotation on a slide says where it is from (APA §8.25). None if it
    begins with no paragraph (a list)."""
    paras = list(paras_of(quote))
    words = _first_sentence(paras[0].children) if paras else []
    if not plain_text(words).strip():
        return []
    source = quote_source(paras[-1].children)
    cited = source if source and words[-len(source):] != source else []
    # in_marks leaves a quotation already written in marks as it is (not ““…””),
    # and sets the full stop after the source, as APA runs a quotation in.
    return in_marks([Para(words + ([Text(" ")] + cited if cited else []))], marks)[0].children


# A full stop ends a sentence unless it ends an initial ("U.S.") or a common
# abbreviation (English, and the "vgl.", "cfr.", "z.B." of the languages
# labels.toml has); what follows must look like a new sentence (`next`, the
# character after the space: sentence_ends weighs it).
_SENTENCE_STOP = re.compile(r"(?<!\b[A-Z])(?<!\bpp)(?<!\bp)(?<!\bal)(?<!\bvs)(?<!\bcf)"
                            r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvgl)(?<!\bcfr)(?<!\bbzw)(?<!\bz\.B)"
                            r"(?<!\bd\.h)(?<!\bca)[.?!][\"”’)]*(?=\s+(?P<next>\S)|\s*$)")


def sentence_ends(text: str) -> Iterator[re.Match]:
    """Where sentences end in running text (a digest's, the notes'): after
    each stop and its closing quotes, where a capital of any script, an
    opening quotation mark or a parenthesis follows, or the text ends."""
    for match in _SENTENCE_STOP.finditer(text):
        after = match.group("next")
        if after is None or after.isupper() or after in "\"“(":
            yield match


def _first_sentence(inlines) -> list:
    """The inlines up to the end of the first sentence. Only plain text can end
    one: a citation's "pp." or an abbreviation inside a link never does."""
    out = []
    for node in inlines:
        if isinstance(node, Text):
            end = next((m.end() for m in sentence_ends(node.text)
                        if len(plain_text(out)) + m.start() > 20), None)
            if end is not None:
                out.append(Text(node.text[:end]))
                return out
        out.append(node)
    return out


def sentences_of(inlines) -> list[list]:
    """The inlines cut into sentences, as _first_sentence finds the first; a
    footnote called right after a sentence's end goes with it."""
    out, rest = [], list(inlines)
    while plain_text(rest).strip():
        first = _first_sentence(rest)
        cut = rest[len(first) - 1]
        tail = cut.text[len(first[-1].text):] if first[-1] is not cut else ""
        rest = ([Text(tail)] if tail else []) + rest[len(first):]
        while rest and (isinstance(rest[0], NoteRef) or
                        isinstance(rest[0], Text) and not rest[0].text.strip()):
            node = rest.pop(0)
            first += [node] if isinstance(node, NoteRef) else []
        if rest and isinstance(rest[0], Text):
            rest[0] = Text(rest[0].text.lstrip())
        out.append(first)
    return out
