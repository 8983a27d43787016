"""Group authors' abbreviations, APA 7 §8.21: "(National Institute of Mental
Health [NIMH], 2020)" at the first citation, "(NIMH, 2020)" after it.

A reference marks a group's abbreviation as Zotero users write it in
CSL-JSON, in square brackets at the end of the name:
`{"literal": "National Institute of Mental Health [NIMH]"}` (pandoc prints
the bracket everywhere, a fallback that keeps the file portable); a .bib
entry may also give it as biblatex-apa does, `shortauthor = {NIMH}`. A
username in brackets, "[@APA_Education]", is no abbreviation.

The works are rendered with the full name, the bracket taken off, so that
the reference list (which never shows the abbreviation), its order and the
year letters are the full name's, and a remembered render (cslcache.py) is
one of the items as rendered. Then, in reading order, each citation's name
is rewritten: the first one gives the abbreviation, in brackets inside
parentheses, "(National Institute of Mental Health [NIMH], 2020)", in the
citation's parentheses after a name in the text, "National Institute of
Mental Health (NIMH, 2020)"; later ones the abbreviation alone, "(NIMH,
2020)", "NIMH (2020)". A citation that prints no author (`[-@key]`) neither
gives nor uses it.

Only where it is used at least three times: APA 7 §6.24 asks that an
abbreviation be used three times or more, else spelled out each time, so
a group named in fewer citations is written in full in each (never wrong,
where an abbreviation defined and used once is). Each reading counts and
defines on its own: the front matter (the abstract: APA defines an
abbreviation there and again in the text), the text, the deck's own
speaker notes (`::: notes`), and its slides, which an audience sees
without the brief: their `::: slide`s and the sentences their digests
take from the text, in the slides' order (report/deckreading.py). A
digest's sentence is the text's, so on its slide it reads as the slides
define the name (on_slides); one that a digest's cut leaves off its slide
defines nothing there (cut_from_slides).

Only for APA's author-date styles: other styles have their own rules
(Chicago lists the work under the abbreviation, "BSI (British Standards
Institution). 1985."), and a note style cites in full; there the name is
printed as pandoc prints it, bracket and all.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from .errors import warn

MIN_USES = 3  # APA 7 §6.24: an abbreviation used fewer times is spelled out
_NS = {"cs": "http://purl.org/net/xbiblio/csl"}
_APA = re.compile(r"\bAPA\b|American Psychological Association")
# Not a username, which APA also brackets after the name (§10.15: "APA
# Education [@APA_Education]", "[u/…]") and which the list keeps.
_BRACKETED = re.compile(r"\s*(?P<name>\S.*?)\s*\[\s*(?P<short>[^\s\[\]@/][^\[\]@/]*?)\s*\]\s*",
                        re.S)


# Plain classes, not dataclasses: @dataclass writes and compiles each class's
# methods at import, 0.4 ms each, of every cold citation stage.
class Groups:
    """What the bibliography abbreviates."""

    def __init__(self, short: dict[str, str] | None = None,
                 names: dict[str, list[str]] | None = None):
        self.short = {} if short is None else short  # full name → abbreviation
        self.names = {} if names is None else names  # key → its groups' full names


def applies(style: Path) -> bool:
    """Whether `style` is APA's, author-date: its id or its title says so."""
    from lxml import etree

    from . import cslstyle
    try:
        info = cslstyle.tree(style).find("cs:info", _NS)
    except (OSError, etree.XMLSyntaxError):
        return False  # the engine says what is wrong with it
    if info is None or info.find("cs:category[@citation-format='author-date']", _NS) is None:
        return False
    ident = (info.findtext("cs:id", "", _NS) or "").rstrip("/")
    return ident.endswith("/styles/apa") or bool(_APA.search(info.findtext("cs:title", "", _NS)
                                                             or ""))


def split(items: list[dict], where) -> tuple[list[dict], Groups]:
    """The items with each group's bracketed abbreviation taken off its name,
    and what they abbreviate. `where(item)`: its file and line, for a warning.

    An abbreviation given to two groups, or two given to one, would leave a
    reader guessing: the names are written in full, with a warning."""
    from . import cslschema
    out, found = [], {}
    for item in items:
        names = [f for f, v in item.items() if isinstance(v, list)
                 and cslschema.kind_of(f) == "names"]
        copy = {**item, **{f: [_bare(n, found, item) for n in item[f]] for f in names}}
        _short_author(copy, found, item)
        out.append(copy if names else item)
    short = {}
    for name, shorts in found.items():
        if len(shorts) > 1:
            first = next(iter(shorts.values()))
            warn(f"'{name}' is abbreviated both {' and '.join(map(repr, shorts))}; "
                 "it is written in full", *where(first))
        else:
            short[name] = next(iter(shorts))
    for abbreviation in set(short.values()):
        full = sorted(n for n, s in short.items() if s == abbreviation)
        if len(full) > 1:
            warn(f"'{abbreviation}' abbreviates both {' and '.join(map(repr, full))}; "
                 "they are written in full", *where(next(iter(found[full[0]].values()))))
            for name in full:
                del short[name]
    groups = Groups(short)
    for item in out:
        mine = [n for f, v in item.items() if isinstance(v, list)
                and cslschema.kind_of(f) == "names" for n in map(group_name, v) if n in short]
        if mine:
            groups.names[item["id"].lower()] = list(dict.fromkeys(mine))
    return out, groups


def _bare(name, found: dict, item: dict):
    """A name without its bracketed abbreviation, which `found` records
    (full name → {abbreviation: the item that gives it})."""
    bare, match = unbracketed(name, _BRACKETED)
    if match:
        found.setdefault(group_name(bare), {}).setdefault(match["short"], item)
    return bare


def unbracketed(name, pattern: re.Pattern) -> tuple:
    """A group's name (`{"literal": …}` or a family name alone) without the
    bracket `pattern` finds after it (its groups: name, and what the
    bracket holds), and the match; the name as it is and None if none."""
    part = part_of(name)
    match = pattern.fullmatch(name[part]) if part else None
    if not match:
        return name, None
    return {**name, part: " ".join(match["name"].split())}, match


def _short_author(item: dict, found: dict, given: dict) -> None:
    """biblatex-apa's way, `shortauthor = {NIMH}` beside a group's name
    (report/bibtex.py keeps it): the abbreviation of a sole group author."""
    short, authors = item.get("shortauthor"), item.get("author") or []
    name = group_name(authors[0]) if len(authors) == 1 else None
    if isinstance(short, str) and short.strip() and name:
        found.setdefault(name, {}).setdefault(short.strip(), given)


def part_of(name) -> str | None:
    """Where a group's name is written: a literal, or a family name alone."""
    if not isinstance(name, dict):
        return None
    if isinstance(name.get("literal"), str):
        return "literal"
    if isinstance(name.get("family"), str) and not name.get("given"):
        return "family"
    return None


def group_name(name) -> str | None:
    """A group's name as written (a literal, or a family name alone), or
    None for a person's."""
    part = part_of(name)
    return " ".join(name[part].split()) if part else None


def readings(doc) -> list[list]:
    """The document's cites in the runs that each define an abbreviation
    afresh: the brief's front matter, the brief's text and notes, what only
    the deck's speaker notes say (`::: notes`), and what the deck's slides
    show, in their order (report/deckreading.py): their `::: slide`s and
    the sentences their digests take from the text, which the audience
    sees without the brief."""
    return _Readings(doc)


class _Readings:
    """readings(doc), read when abbreviate() first needs them: only an
    article that cites an abbreviated group reads the slides' order."""

    def __init__(self, doc):
        self.doc = doc

    def __iter__(self):
        from .deckreading import slide_cites, slide_words
        from .walk import front_cites, front_words, printed_words, walk_cites
        doc = self.doc
        front = list(front_cites(doc, printed=True))
        printed = list(walk_cites(doc, printed=True))
        on_slides = SlideReading(slide_cites(doc), lambda: slide_words(doc))
        shown = {id(cite) for cite in printed + on_slides}
        return iter([Reading(front, lambda: front_words(doc)),
                     Reading(printed[len(front):], lambda: printed_words(doc)),
                     Reading([c for c in walk_cites(doc) if id(c) not in shown],
                             lambda: _notes_words(doc.blocks)), on_slides])


class Reading(list):
    """A reading's cites, in order, and `words()`: its words and cites in
    order (walk.words_and_cites), where the prose may define a group's
    abbreviation before its first citation."""

    def __init__(self, cites, words=lambda: ()):
        super().__init__(cites)
        self.words = words


def _notes_words(blocks) -> list:
    """The speaker notes' words and cites (`::: notes`, in a slide too)."""
    from .model import Notes, Slide
    from .walk import words_and_cites
    out = []
    for block in blocks:
        if isinstance(block, Notes):
            out += words_and_cites(block.blocks)
        elif isinstance(block, Slide):
            out += _notes_words(block.blocks)
    return out


def prose_defined(reading, groups: Groups) -> dict[int, frozenset]:
    """For each cite of the reading (id), the groups whose abbreviation its
    prose defined before it (APA 7 §6.25): the full name as the reference
    gives it, then the abbreviation in parentheses, "The UK Health Security
    Agency (UKHSA) publishes …". Exactly so: a citation need not define it
    again; anything less is no definition."""
    words = getattr(reading, "words", None)
    if words is None:
        return {}
    patterns = {name: re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split()))
                                 + r"\s*\(\s*" + re.escape(short) + r"\s*\)")
                for name, short in groups.short.items()}
    out, defined, text = {}, frozenset(), []
    for part in words():
        if isinstance(part, str):
            text.append(part)
            continue
        if text:
            said = "".join(text)
            defined |= {name for name, pattern in patterns.items() if pattern.search(said)}
            text = []
        out.setdefault(id(part), defined)  # a digest's cite read once
    return out


class SlideReading(Reading):
    """The cites the deck's slides show, in order: a reading of its own
    whose cites the brief may print too (a digest's sentences), with the
    brief's wording there; on a slide they read as this reading defines."""


# --- the citations, rewritten ------------------------------------------------------

class _Slot:
    """Where a cluster's HTML prints a group's name."""
    __slots__ = ("start", "end", "name", "in_text")

    def __init__(self, start: int, end: int, name: str, in_text: bool):
        self.start, self.end, self.name = start, end, name
        self.in_text = in_text  # a narrative citation's author, outside its parentheses


def abbreviate(readings: list[list], clusters: dict[int, str], groups: Groups) -> None:
    """Rewrite `clusters` (id of a Cite → its HTML) in place, each reading
    (a list of Cites, in order) on its own."""
    if not groups.short:
        return
    whole = dict(clusters)  # the names in full, as the engine printed them
    taken: set[int] = set()
    for reading in readings:
        if isinstance(reading, SlideReading):
            forms = SlideForms([c for c in reading if id(c) in whole], whole, groups, taken,
                               prose_defined(reading, groups))
            for cite in forms.reading:
                cite.slide_forms = forms  # read by on_slides(), cut_from_slides()
                if id(cite) not in taken:  # shown on slides only: its words are these
                    clusters[id(cite)] = forms.html(cite)
            continue
        clusters.update(_abbreviated(reading, whole, groups, frozenset(),
                                     prose_defined(reading, groups)))
        taken.update(id(c) for c in reading)


def _abbreviated(reading: list, whole: dict[int, str], groups: Groups,
                 unseen: frozenset, prose: dict[int, frozenset]) -> dict[int, str]:
    """Each cite's HTML (id → HTML) in a reading: a group's name with its
    abbreviation at the first cite that names it, the abbreviation after;
    in full where the reading names it fewer than MIN_USES times. A cite
    in `unseen` (ids) defines nothing: a slide left it out. `prose` (id →
    names): the groups the reading's prose defined before each cite, whose
    abbreviation it uses alone (prose_defined)."""
    slots = {id(c): _slots(whole[id(c)], c, groups) for c in reading}
    uses: dict[str, int] = {}
    for found in slots.values():
        for slot in found:
            uses[slot.name] = uses.get(slot.name, 0) + 1
    defined: set[str] = set()
    out = {}
    for cite in reading:
        edits = []
        for slot in slots[id(cite)]:
            if uses[slot.name] >= MIN_USES:
                first = slot.name not in defined | prose.get(id(cite), frozenset())
                edits += _edits(whole[id(cite)], slot, groups.short[slot.name], first)
                if id(cite) not in unseen:
                    defined.add(slot.name)
        out[id(cite)] = _applied(whole[id(cite)], edits)
    return out


class SlideForms:
    """The slides' reading of the cites, as the deck lays them out: a cite
    that a digest's cut leaves off its slide (cut_from_slides) defines no
    abbreviation there, the next one that names its group does. The count
    of uses stays the one the slides were read with (a name does not turn
    whole on the slides before)."""

    def __init__(self, reading: list, whole: dict[int, str], groups: Groups, taken: set[int],
                 prose: dict[int, frozenset]):
        self.reading = reading
        self.prose = {id(c): prose[id(c)] for c in reading if id(c) in prose}
        self.whole = {id(c): whole[id(c)] for c in reading}
        self.groups = groups
        self.shared = {id(c) for c in reading if id(c) in taken}  # the brief prints these
        self.unseen: frozenset = frozenset()
        self._done: dict[frozenset, dict[int, str]] = {}

    def html(self, cite) -> str:
        if self.unseen not in self._done:
            self._done[self.unseen] = _abbreviated(self.reading, self.whole, self.groups,
                                                   self.unseen, self.prose)
        return self._done[self.unseen][id(cite)]

    def left_out(self, cite) -> None:
        """A slide does not show `cite`: the slides' own cites after it
        take their new words."""
        if id(cite) in self.unseen:
            return
        from .inlinehtml import parse_inline_html
        self.unseen = self.unseen | {id(cite)}
        for other in self.reading:
            if id(other) not in self.shared:
                other.rendered = parse_inline_html(self.html(other))

    def __getstate__(self):  # ids do not survive a pickle: the cites themselves do
        state = dict(self.__dict__)
        order = {id(c): n for n, c in enumerate(self.reading)}
        state["whole"] = {order[k]: v for k, v in self.whole.items()}
        state["prose"] = {order[k]: v for k, v in self.prose.items()}
        state["shared"] = {order[k] for k in self.shared}
        state["unseen"] = frozenset(order[k] for k in self.unseen)
        state["_done"] = {}
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        ids = [id(c) for c in self.reading]
        self.whole = {ids[n]: v for n, v in state["whole"].items()}
        self.prose = {ids[n]: v for n, v in state.get("prose", {}).items()}
        self.shared = {ids[n] for n in state["shared"]}
        self.unseen = frozenset(ids[n] for n in state["unseen"])


def on_slides(cite):
    """The cite as the slides read it (a copy, when the brief words it
    otherwise): its group's abbreviation defined at its first use on the
    slides, whatever the brief defined before."""
    forms = getattr(cite, "slide_forms", None)
    if forms is None or id(cite) not in forms.whole:
        return cite
    if id(cite) not in forms.shared:
        return cite
    from dataclasses import replace

    from .inlinehtml import parse_inline_html
    return replace(cite, rendered=parse_inline_html(forms.html(cite)))


def cut_from_slides(cite) -> None:
    """A digest's cut leaves `cite` off its slide: it defines nothing there."""
    forms = getattr(cite, "slide_forms", None)
    if forms is not None and id(cite) in forms.whole:
        forms.left_out(cite)


def _edits(text: str, slot: _Slot, short: str, first: bool) -> list[tuple[int, int, str]]:
    """(start, end, new HTML) for one printed name."""
    abbreviation = html.escape(short, quote=False)
    if not first:
        return [(slot.start, slot.end, abbreviation)]
    if not slot.in_text:
        return [(slot.start, slot.end, f"{text[slot.start:slot.end]} [{abbreviation}]")]
    parenthesis = _PARENTHESIS.match(text, slot.end)
    if parenthesis:  # "Name (NIMH, 2020)": one pair of parentheses, not "Name (NIMH) (2020)"
        return [(parenthesis.end(), parenthesis.end(), f"{abbreviation}, ")]
    return [(slot.end, slot.end, f" ({abbreviation})")]


_PARENTHESIS = re.compile(r"(?:</[a-z]+>)* \((?:<[a-z][^>]*>)*(?=[^<)])")


def _applied(text: str, edits: list) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


_TOKEN = re.compile(r"<(/?)([a-zA-Z]+)\b([^>]*?)(/?)>|[^<]+")
_CITED = re.compile(r'data-cited="([^"]*)"')


def _slots(text: str, cite, groups: Groups) -> list[_Slot]:
    """Where the cluster prints the names of its works' abbreviated groups.

    A work's words are in a span that names it (inlinehtml.cited); a work
    cited "as cited in" another is a span within that one's. The name the
    engine printed is the first one in its span after the cite's prefix,
    which may name the group too ("see the National Institute …, @nimh")."""
    slots, seen = [], set()
    for key, top, chunks in _spans(text):
        first, names = top and key not in seen, groups.names.get(key)
        if top:
            seen.add(key)
        if not names:
            continue
        item = next((i for i in cite.items if i.key.lower() == key), None) if top else None
        own = html.unescape("".join(chunk for _, chunk in chunks))
        prefix = _plain(item.prefix) if item else ""
        for name in names:
            skip = prefix.count(name) if prefix and own.startswith(prefix) else 0
            at = _nth(chunks, html.escape(name, quote=False), skip)
            if at is not None:
                in_text = first and cite.narrative and item is cite.items[0]
                slots.append(_Slot(at, at + len(html.escape(name, quote=False)), name,
                                   in_text))
    return sorted(slots, key=lambda s: s.start)


def _spans(text: str) -> list[tuple[str, bool, list[tuple[int, str]]]]:
    """Each cited span: its key, whether it is no other's, and its own text
    chunks (start offset, HTML text) less those of spans within it."""
    spans, stack = [], []
    for token in _TOKEN.finditer(text):
        closing, tag, attributes, empty = token.groups()
        if tag is None:
            open_spans = [s for s in stack if s is not None]
            if open_spans:
                open_spans[-1][2].append((token.start(), token.group()))
        elif closing:
            if stack:
                stack.pop()
        elif not empty:
            cited = _CITED.search(attributes) if tag.lower() == "span" else None
            if cited:
                depth = sum(s is not None for s in stack)
                span = (html.unescape(cited[1]), depth == 0, [])
                spans.append(span)
                stack.append(span)
            else:
                stack.append(None)
    return [s for s in spans if s[2]]


def _nth(chunks: list[tuple[int, str]], name: str, n: int) -> int | None:
    """The offset of the n-th (from 0) occurrence of `name` in the chunks."""
    for start, chunk in chunks:
        at = chunk.find(name)
        while at >= 0:
            if n == 0:
                return start + at
            n -= 1
            at = chunk.find(name, at + 1)
    return None


def _plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", markup)).strip()
