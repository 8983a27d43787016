"""A note style's citations become footnotes, where pandoc puts them.

With a CSL style of class "note" (Chicago's notes, OSCOLA, MHRA), pandoc's
citeproc makes each citation of the text a footnote of its own: the call
takes the place of the citation and of the space before it, and goes after
the punctuation that follows (`notes-after-punctuation`, yes by default),
into the quotes where the locale puts it there (en-US: "true,"¹); the
note's first letter is a capital. A narrative citation (`@key says`) leaves
the author's name in the text, the call after it. A citation in an author's
own footnote stays there, in parentheses, as pandoc's citeproc sets it
(bare when it opens the note).

Every note is numbered in document order, the author's and the new ones
(`Document.footnotes`, `NoteRef`): first those the brief prints, so that
the numbers are the brief's, then those only slides call. CSL's positions
(first, subsequent, ibid, ibid-with-locator, near-note) and the note that
first cited a work are counted here, as pandoc's citeproc counts them, for
each reader apart: the brief's text, the deck's slides, its speaker notes.
citeproc-py renders each cite in the positions it is given
(report/cslfixes/positions.py).

`prepare` runs before the citations are rendered (their positions are
inputs), `finish` after (the punctuation that moves depends on the text
rendered; report/notecalls.py moves it). An in-text style's superscript
citations (Nature's) move as pandoc moves notes' calls, with no note made.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from .model import WRAPPERS, Cite, Document, NoteRef, Notes, Para, Slide, Text
from .notecalls import Mover, drop, raised, raised_lists, text_of
from .walk import inline_lists, inner_blocks

_NS = {"cs": "http://purl.org/net/xbiblio/csl"}
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TEXT, _NOTE = "text", "note"  # a citation in the text becomes a note; in a note, it stays


class Style:
    """What of a style places its citations. (A plain class: @dataclass
    compiles its methods at import, 0.4 ms of every cold citation stage.)"""

    def __init__(self, note: bool = False, near_note_distance: int = 5,
                 punctuation_in_quote: bool = False, abbreviations: tuple[str, ...] = ()):
        self.note = note  # its class is "note"
        self.near_note_distance = near_note_distance  # CSL's default
        self.punctuation_in_quote = punctuation_in_quote
        self.abbreviations = abbreviations  # the locale's terms that end in a period


def style_facts(path: Path, lang: str) -> Style | None:
    """The style's facts; None if it cannot be read (the citation stage
    says why)."""
    from lxml import etree
    try:
        tree = etree.parse(str(path))
    except (OSError, etree.XMLSyntaxError):
        return None
    citation = tree.find("cs:citation", _NS)
    distance = citation.get("near-note-distance", "5") if citation is not None else "5"
    locales = [*_own_locales(tree, lang), *_locale_files(lang)]
    inside = next((o.get("punctuation-in-quote") for loc in locales
                   for o in loc.iterfind("cs:style-options", _NS)
                   if o.get("punctuation-in-quote")), "false")
    terms = {" ".join(t.split()) for loc in locales for term in loc.iterfind(".//cs:term", _NS)
             for t in [term.text or "", *(c.text or "" for c in term)] if t.strip().endswith(".")}
    return Style(tree.getroot().get("class") == "note",
                 int(distance) if distance.isdecimal() else 5, inside == "true",
                 tuple(sorted(terms, key=len, reverse=True)))


def style_tag(path: Path) -> dict:
    """The attributes of the style's first tag (its class, its default-locale),
    {} where it cannot be read. From the whole style, parsed once for every
    question of the build (cslstyle.tree): the citation stage reads all of
    it anyway, and a parse of the first tag alone took half a millisecond."""
    from lxml import etree

    from .cslstyle import tree
    try:
        return dict(tree(path).getroot().attrib)
    except (OSError, etree.XMLSyntaxError):
        return {}


def _own_locales(tree, lang: str) -> list:
    """The style's cs:locale elements that apply to `lang`, the closest first."""
    language = lang.split("-")[0]
    rank = {lang: 0, language: 1, None: 2}
    own = [loc for loc in tree.iterfind("cs:locale", _NS) if loc.get(_LANG) in rank]
    return sorted(own, key=lambda loc: rank[loc.get(_LANG)])


def _locale_files(lang: str) -> list:
    """citeproc-py's locale for `lang` (its primary dialect), then en-US's."""
    import importlib.util

    from lxml import etree
    folder = Path(importlib.util.find_spec("citeproc").submodule_search_locations[0],
                  "data", "locales")
    dialects = json.loads((folder / "locales.json").read_text(encoding="utf-8"))
    names = [lang, dialects.get("primary-dialects", {}).get(lang.split("-")[0], ""), "en-US"]
    files = [folder / f"locales-{n}.xml" for n in dict.fromkeys(names) if n]
    return [etree.parse(str(f)).getroot() for f in files if f.is_file()]


def prepare(doc: Document) -> CitationNotes | None:
    """Make the citations of a note style notes, and count their positions;
    None for any other style, whose citations stay in the text."""
    from .cite import citation_lang
    from .cslstyle import style_path
    from .walk import walk_cites
    if next(walk_cites(doc), None) is None:
        return None
    path = style_path(doc.meta.csl, doc.path, doc.meta.lines.get("csl"))
    if style_tag(path).get("class") != "note":
        return None
    style = style_facts(path, citation_lang(doc))
    if style is None:
        return None
    after = doc.meta.notes_after_punctuation
    notes = CitationNotes(doc, style, True if after is None else after)
    notes.place()
    return notes


class Track:
    """The positions of the cites one reader meets, in order: pandoc's
    citeproc's rules (Citeproc.Eval's getPosition), ibid only after the
    citation just before, in the same note or the one before it."""

    def __init__(self, distance: int):
        self.distance = distance
        self.group = 0
        self.last: dict[str, tuple] = {}  # key → (group, note, place in it, alone, locator)
        self.in_note: dict[int, set] = {}  # note → the works cited in it
        self.first: dict[str, int] = {}  # key → the note that first cited it

    def cite(self, items: list, note: int | None, author=None) -> None:
        """One citation, its `items` in order (`author`: a narrative one's,
        which counts for nothing)."""
        self.group += 1
        if author is not None:
            self._mark(author, 0, note)
        for place, item in enumerate(items, 1):
            self._mark(item, place, note)
            key = item.key.lower()
            if note is not None:
                self.in_note.setdefault(note, set()).add(key)
            self.first.setdefault(key, self.group if note is None else note)
            locator = (item.locator.label, item.locator.value) if item.locator else None
            self.last[key] = (self.group, note, place, len(items) == 1, locator)

    def _mark(self, item, place: int, note: int | None) -> None:
        item.positions = self._positions(item, place, note)
        item.first_note = self.first.get(item.key.lower(), 0)

    def _positions(self, item, place: int, note: int | None) -> tuple[str, ...]:
        before = self.last.get(item.key.lower())
        if before is None:
            return ("first",)
        group, prior, prior_place, alone, prior_locator = before
        out = ["subsequent"]
        here, there = (self.group if note is None else note), (group if prior is None else prior)
        if here - there < self.distance:
            out.append("near-note")
        near = note is None or prior is None or note - prior <= 1
        alone = alone and len(self.in_note.get(there, ())) <= 1
        if (group == self.group and place == prior_place + 1) or (
                group == self.group - 1 and near and place == 1 and alone):
            locator = (item.locator.label, item.locator.value) if item.locator else None
            if prior_locator is None or locator is not None and locator != prior_locator:
                out += ["ibid", "ibid-with-locator"] if locator else ["ibid"]
            elif locator == prior_locator:
                out.append("ibid")
        return tuple(out)


class CitationNotes:
    """The document's notes, renumbered, and what `finish` does to them."""

    def __init__(self, doc: Document, style: Style, after_punctuation: bool):
        self.doc, self.style, self.after = doc, style, after_punctuation
        self.old, self.new = doc.footnotes, []
        self.renumbered: dict[int, int] = {}
        self.calls: set[int] = set()  # the notes that are citations
        self.lists: dict[int, list] = {}  # id → each inline list that calls one
        self.opening: list[Cite] = []  # a citation that opens a note
        self.bare: list[tuple] = []  # (inline list, cite) of those in the author's notes
        self.inner: list[tuple] = []  # (inline list, cite, its narrative rest or None)
        self.track = Track(style.near_note_distance)
        self.tracks = [self.track]  # the text's, then the deck's audience's and speaker's
        self.later: list = []  # slides and speaker notes, for the deck's pass

    def first_notes(self) -> dict[str, int]:
        """The note that first cites each work (CSL's first-reference-note-number),
        the text's before the deck's: a later cite, "Smith, op. cit., (note
        1)", is compared with others' as it prints (cslcache.py)."""
        out: dict[str, int] = {}
        for track in self.tracks:
            for key, first in track.first.items():
                out.setdefault(key, first)
        return out

    # --- before rendering: where each citation goes --------------------------------

    def place(self) -> None:
        meta = self.doc.meta
        for inlines in (meta.title, meta.subtitle):
            self.inlines(inlines, _NOTE, None)
        self.blocks(meta.author_note + meta.abstract, _TEXT, None)
        for keyword in meta.keywords:
            self.inlines(keyword, _NOTE, None)
        self.blocks(meta.impact_statement, _TEXT, None)
        self.blocks(self.doc.blocks, _TEXT, None)
        # The deck's audience, who see its slides; its speaker, who reads the notes.
        audience = Track(self.style.near_note_distance)
        speaker = Track(self.style.near_note_distance)
        self.tracks += [audience, speaker]
        for block in self.later:
            if isinstance(block, Slide):
                self.track = audience
                self.inlines(block.title or [], _TEXT, None)
                self.blocks(block.blocks, _TEXT, None, deck=True)
            else:  # speaker notes: a note of the speaker's own
                self.track = speaker
                self.blocks(block.blocks, _NOTE, None, deck=True, whole=block.blocks)
        for number in range(1, len(self.old) + 1):  # called nowhere: kept, for safety
            if number not in self.renumbered:
                self.new.append(self.old[number - 1])
                self.renumbered[number] = len(self.new)
        self.doc.footnotes = self.new

    def blocks(self, blocks, mode: str, note: int | None, deck: bool = False,
               whole=None) -> None:
        """`whole`: the note's blocks, whose opening citation is set bare."""
        for block in blocks:
            if isinstance(block, (Slide, Notes)) and not deck:
                self.later.append(block)
                continue
            for inlines in inline_lists(block):
                opens = whole is not None and len(whole) == 1 and block is whole[0] \
                    and inlines is block.children
                self.inlines(inlines, mode, note, opens)
            for inner in inner_blocks(block):
                self.blocks(inner, mode, note, deck, whole)

    def inlines(self, inlines: list, mode: str, note: int | None, opens: bool = False) -> None:
        i = 0
        while i < len(inlines):
            node = inlines[i]
            if isinstance(node, Cite) and not node.crossref:
                made = (self._as_note(node) if mode == _TEXT
                        else self._in_note(node, inlines, note, opens and i == 0))
                inlines[i:i + 1] = made
                if mode == _TEXT:
                    self.lists[id(inlines)] = inlines
                i += len(made)
                continue
            if isinstance(node, NoteRef):
                self._authors_note(node)
            elif isinstance(node, WRAPPERS):
                self.inlines(node.children, mode, note)
            i += 1

    def _as_note(self, cite: Cite) -> list:
        """A citation of the text: a note's call (after its author, if narrative)."""
        self.new.append([])
        number = len(self.new)
        self.calls.add(number)
        author, rest = _split(cite) if cite.narrative else (None, cite)
        self.track.cite(rest.items, number, author.items[0] if author else None)
        self.new[-1] = [Para([rest])]
        self.opening.append(rest)
        return ([author] if author else []) + [NoteRef(number)]

    def _in_note(self, cite: Cite, inlines: list, note: int | None, opens: bool) -> list:
        """A citation in a note (or where a note cannot go): it stays."""
        if cite.narrative:
            author, rest = _split(cite)
            self.track.cite(rest.items, note, author.items[0])
            self.inner.append((inlines, author, rest))
            return [author, rest]
        self.track.cite(cite.items, note)
        if opens:
            self.opening.append(cite)
            self.bare.append((inlines, cite))
        else:
            self.inner.append((inlines, cite, None))
        return [cite]

    def _authors_note(self, ref: NoteRef) -> None:
        """The author's own footnote, numbered where first called; its
        citations are counted there."""
        old = ref.number
        if old in self.renumbered:
            ref.number = self.renumbered[old]
            return
        blocks = self.old[old - 1] if 0 < old <= len(self.old) else []
        self.new.append(blocks)
        ref.number = self.renumbered[old] = len(self.new)
        self.blocks(blocks, _NOTE, ref.number, deck=True, whole=blocks)

    # --- after rendering: the notes' words and the punctuation around their calls ---

    def finish(self) -> None:
        for cite in self.opening:
            cite.rendered = _capitalized(cite.rendered)
        for inlines, cite, rest in self.inner:
            if rest is None:
                if cite.rendered:
                    cite.rendered = [Text("("), *self._without_period(cite.rendered),
                                     Text(")")]
            elif rest.rendered:
                at = next((n for n, node in enumerate(inlines) if node is rest), len(inlines))
                following = inlines[at + 1:]
                words = rest.rendered if _sentence_ends(following) \
                    else self._without_period(rest.rendered)
                rest.rendered = ([Text(", ")] if cite.rendered else []) + words
        mover = Mover(self.after, self.style.punctuation_in_quote)
        for inlines in self.lists.values():
            mover.place(inlines, lambda node: isinstance(node, NoteRef)
                        and node.number in self.calls)
        for inlines, cite, rest in self.inner:
            _no_second_period(inlines, rest or cite)
        for inlines, cite in self.bare:
            _no_second_period(inlines, cite)

    def _without_period(self, inlines: list) -> list:
        """Pandoc's removeFinalPeriod: the style's closing period goes inside
        parentheses and before words that go on; an abbreviation's
        ("ibid.", "et al.") stays."""
        text = text_of(inlines).rstrip()
        if any(text.lower().endswith(term.lower()) and
               (len(text) == len(term) or not text[-len(term) - 1].isalnum())
               for term in self.style.abbreviations):
            return inlines
        return _drop_final_period(inlines)


def finish(doc: Document, notes: CitationNotes | None) -> None:
    """After rendering: a note style's notes get their words and their
    calls' places; an in-text style's superscript citations (Nature's) stand
    where pandoc puts them, as it puts notes' calls: no space before them,
    and after the punctuation if `notes-after-punctuation: true`."""
    if notes is not None:
        notes.finish()
        return
    lists = raised_lists(doc)
    if not lists:
        return
    from .cite import citation_lang
    from .cslstyle import style_path
    style = style_facts(style_path(doc.meta.csl, doc.path), citation_lang(doc))
    mover = Mover(bool(doc.meta.notes_after_punctuation),
                  bool(style and style.punctuation_in_quote))
    for inlines in lists:
        mover.place(inlines, raised)


def _split(cite: Cite) -> tuple[Cite, Cite]:
    """A narrative citation as pandoc's citeproc takes it: the author, in
    the text (the cite itself, so that what walks it finds it), and the
    rest, with no prefix, in the note."""
    item = cite.items[0]
    cite.items[0] = replace(item, author_only=True)
    rest = Cite([replace(item, prefix="", suppress_author=True)], False, cite.source,
                cite.position)
    return cite, rest


# --- text ------------------------------------------------------------------------

def _sentence_ends(following: list) -> bool:
    """Pandoc's needsPeriod: nothing follows the citation in its paragraph,
    or a word with a capital: it ends a sentence with its own period."""
    for node in following:
        if not isinstance(node, Text):
            return False  # a citation, emphasis …: words that go on
        if node.text.strip():
            return node.text.lstrip()[0].isupper()
    return True


def _no_second_period(inlines: list, cite: Cite) -> None:
    """Pandoc's: a citation that ends in a period takes the place of the
    sentence's ("[@a]." is "Ibid.", not "Ibid..")."""
    at = next((n for n, node in enumerate(inlines) if node is cite), None)
    if at is None or not text_of(cite.rendered).endswith("."):
        return
    following = inlines[at + 1] if at + 1 < len(inlines) else None
    if isinstance(following, Text) and following.text[:1] == "." \
            and following.text[1:2].strip() == "":
        drop(inlines, at + 1, 1)


def _capitalized(inlines: list) -> list:
    """The first letter a capital, as pandoc begins a note ("See …", "Ibid.")."""
    out, done = [], False
    for node in inlines:
        if done:
            out.append(node)
        elif isinstance(node, Text):
            letter = next((n for n, c in enumerate(node.text) if c.isalnum()), None)
            if letter is None:
                out.append(node)
                continue
            out.append(Text(node.text[:letter] + node.text[letter].upper()
                            + node.text[letter + 1:]))
            done = True
        elif isinstance(node, WRAPPERS):
            out.append(replace(node, children=_capitalized(node.children)))
            done = any(c.isalnum() for c in text_of(node.children))
        else:
            out.append(node)
    return out


_QUOTES = ("\u201d", "\u2019", "\u00bb")


def _drop_final_period(inlines: list) -> list:
    """The last period, inside a closing quote too ("Things.”" → "Things”")."""
    if not inlines:
        return inlines
    *head, last = inlines
    if isinstance(last, Text):
        text = last.text.rstrip()
        if text.endswith("."):
            return head + [Text(text[:-1])]
        if text[-1:] in _QUOTES and text[:-1].endswith("."):
            return head + [Text(text[:-2] + text[-1])]
        return inlines
    if isinstance(last, WRAPPERS):
        return head + [replace(last, children=_drop_final_period(last.children))]
    return inlines
