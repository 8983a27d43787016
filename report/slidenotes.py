"""The speaker notes over a draft's slides.

A draft's notes are read once, not again on every "(cont.)" slide: each
note goes with the slide whose bullets it holds, or, where none does, they
share the slides evenly; a slide of a visual alone (a table's "(cont.)"
slide) holds the notes that name what it shows, and says at least its
caption. A caption or table note that a slide shows cut is said whole at
the end of its notes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import slidelabels
from .slidedigest import sentence_ends
from .slidefit import slice_runs
from .slideitems import notes_text
from .slidemodel import Paragraph, Run, SlideLayout
from .slideruns import body_runs


def spoken_whole(slide: SlideLayout, visual) -> None:
    """The caption and notes of a visual that its slide shows cut, whole at
    the end of the slide's speaker notes (those they do not already say)."""
    said = slide.notes
    whole = [slidelabels.said(visual.caption)] + \
        [Paragraph(body_runs(note.children), -1) for note in visual.notes]
    for paragraph in whole:
        if _text(paragraph) and _text(paragraph) not in said:
            slide.notes_paragraphs.append(paragraph)
    slide.notes = notes_text(slide.notes_paragraphs)


def page_notes(notes: list[Paragraph], chunks: list[list[Paragraph]],
               visuals: list) -> list[list[Paragraph]]:
    """The notes over a draft's slides (`chunks`: each one's bullets,
    `visuals`: each one's visual or None). A slide of a visual alone (a
    table's "(cont.)" slide) holds the notes that name its caption, as a
    slide holds those that say its bullets, unless that leaves a slide of
    bullets none (notes are read in order: a caption named first would take
    all after it); and none is left without notes while the draft has some
    (filled)."""
    shares = shared_out(notes, [chunk or said_of(visual) for chunk, visual in zip(chunks, visuals)])
    if any(chunk and not share for chunk, share in zip(chunks, shares)):
        shares = shared_out(notes, chunks)
    return [_label_said(share, visual) for share, visual in zip(filled(shares, visuals), visuals)]


def _label_said(notes: list[Paragraph], visual) -> list[Paragraph]:
    """A slide's notes that say the label of the table or figure it shows
    with its title, "Table 1. Title" (slidelabels), as the slide does: in
    place of its bare title, else before its notes ("Note. …"), else last."""
    caption = getattr(visual, "caption", None) or []
    if not slidelabels.label_of(caption):
        return notes
    labelled, bare = slidelabels.said(caption), said_of(visual)
    texts = [_text(p).strip() for p in notes]
    if _text(labelled) in texts:
        return notes
    if bare and _text(bare[0]).strip() in texts:
        at = texts.index(_text(bare[0]).strip())
        return notes[:at] + [labelled] + notes[at + 1:]
    below = {_text(Paragraph(body_runs(note.children), -1)).strip()
             for note in getattr(visual, "notes", [])}
    at = next((n for n, text in enumerate(texts) if text in below), len(notes))
    return notes[:at] + [labelled] + notes[at:]


def said_of(visual) -> list[Paragraph]:
    """What a slide of a visual alone says of it in its notes: its caption's
    title; for a table without one, its summary (rows and headings)."""
    caption = Paragraph(body_runs(slidelabels.title_of(getattr(visual, "caption", None) or [])),
                        -1)
    if _text(caption).strip():
        return [caption]
    alt = getattr(visual, "alt", "")
    return [Paragraph([Run(alt)], -1)] if isinstance(alt, str) and alt.strip() else []


def filled(shares: list[list[Paragraph]], visuals: list) -> list[list[Paragraph]]:
    """Each slide's notes, none left without while the draft has some: a
    slide the sharing left none (a table's "(cont.)" slide, its bullets'
    notes all on the slide before) says what it shows (said_of), else the
    last note of the slide before it again."""
    if not any(shares):
        return shares
    out: list[list[Paragraph]] = []
    for share, visual in zip(shares, visuals):
        said = [p for before in out for p in before][-1:]
        out.append(share or said_of(visual) or said)
    return out


def shared_out(notes: list, chunks: list, text=None, sentences=None, join=None) -> list[list]:
    """The notes over slides (`chunks`: each one's bullets), in order, each
    read once, not again on every slide: a draft's "(cont.)" slides, or a
    section's slides written after the same prose. A note that holds a
    slide's bullet (its words, or most of them: a digest's bullets are its
    paragraphs' first sentences, an author's often their words shortened)
    goes with that slide, sentence by sentence where it holds several
    slides' bullets or there are fewer notes than slides. Notes that hold
    none share evenly the slides from the one before them up to the next
    one held (all slides, where none is held). A slide's sentences of one
    note are joined again, read as the paragraph they were. `text`,
    `sentences` and `join` read, cut and join notes: a Paragraph's runs by
    default."""
    text, sentences, join = text or _text, sentences or _sentences_of, join or _joined
    if len(chunks) == 1:
        return [notes]
    keys = _keys(chunks, " ".join(text(note) for note in notes).casefold())
    pieces = [(n, piece) for n, note in enumerate(notes) for piece in (
        sentences(note) if len(notes) < len(chunks)
        or len(_slides_of(text(note), keys)) > 1 else [note])]
    owners: list[int | None] = []
    for _, piece in pieces:  # in order: a note holding an earlier slide's bullet holds none
        since = max((o for o in owners if o is not None), default=0)
        owners.append(_owner(text(piece), keys, since))
    out: list[list] = [[] for _ in chunks]
    for first, last, owner in _runs(owners):
        held = (owner,) if owner is not None else range(*_between(owners, first, last, len(chunks)))
        for n, share in zip(held, _evenly(pieces[first:last], len(held))):
            out[n].extend(share)
    return [_rejoined(share, join) for share in out]


def _rejoined(pieces: list[tuple[int, object]], join) -> list:
    """The pieces (note, piece), those of one note next to each other joined."""
    out: list = []
    for n, (note, piece) in enumerate(pieces):
        same = n and pieces[n - 1][0] == note
        out.append(join(out.pop(), piece) if same else piece)
    return out


def _joined(first: Paragraph, second: Paragraph) -> Paragraph:
    return replace(first, runs=first.runs + [Run(" ")] + second.runs)


def _runs(owners: list) -> list[tuple[int, int, int | None]]:
    """(first, end, owner) of each run of pieces with one owner (None: none)."""
    out, first = [], 0
    for n in range(1, len(owners) + 1):
        if n == len(owners) or owners[n] != owners[first]:
            out.append((first, n, owners[first]))
            first = n
    return out


def _between(owners: list, first: int, last: int, count: int) -> tuple[int, int]:
    """The slides that pieces `first`..`last`, held by none, share: from
    the slide of the piece before them (the first slide) up to the next
    one held, or to the last slide; the one before alone if the next is
    no later."""
    before = next((o for o in reversed(owners[:first]) if o is not None), None)
    after = next((o for o in owners[last:] if o is not None), count)
    start = before if before is not None else 0
    return start, max(after, start + 1)


_KEY = 24  # characters of a bullet that identify it in the notes
_WORD = re.compile(r"\w{4,}")  # the words of a bullet that say what it says


def _keys(chunks: list, notes: str) -> list[list[tuple[str, bool]]]:
    """Each slide's bullets, casefolded, each with whether the `notes`
    have its first characters (then only those find it: words it shares
    with other notes are not it)."""
    bullets = [[_text(b).casefold() for b in chunk if _text(b).strip()] for chunk in chunks]
    return [[(b, len(b) >= _KEY and b[:_KEY] in notes) for b in chunk] for chunk in bullets]


def _slides_of(text: str, keys: list[list[tuple[str, bool]]]) -> set[int]:
    """The slides with a bullet that a note (its `text`) holds."""
    return {n for n, score in enumerate(_scores(text, keys)) if score}


def _owner(text: str, keys: list[list[tuple[str, bool]]], since: int) -> int | None:
    """The slide from `since` on whose bullets a note holds best (the
    first, of equals)."""
    scores = _scores(text, keys)[since:]
    best = max(scores)
    return since + scores.index(best) if best else None


def _scores(text: str, keys: list[list[tuple[str, bool]]]) -> list[float]:
    """How well a note holds each slide's best bullet: 2 for the bullet's
    first characters, else the share of its words, if most of them (a
    shortened bullet's), else 0."""
    folded = text.casefold()
    said = set(_WORD.findall(folded))
    return [max((_score(folded, said, *key) for key in chunk), default=0) for chunk in keys]


def _score(text: str, said: set[str], bullet: str, verbatim: bool) -> float:
    if verbatim:
        return 2 if bullet[:_KEY] in text else 0
    words = set(_WORD.findall(bullet))
    share = len(words & said) / len(words) if len(words) >= 2 else 0
    return share if share > 0.5 else 0


def _text(paragraph: Paragraph) -> str:
    return "".join(r.text for r in paragraph.runs)


def _evenly(notes: list, count: int) -> list[list]:
    """The notes over `count` slides in even shares, the first slides taking
    one more where they do not share evenly."""
    each, more = divmod(len(notes), count)
    out, start = [], 0
    for n in range(count):
        end = start + each + (n < more)
        out.append(notes[start:end])
        start = end
    return out


def _sentences_of(paragraph: Paragraph) -> list[Paragraph]:
    """A paragraph of notes cut after each sentence's end (". ", "? ")."""
    text = _text(paragraph)
    ends = [m.end() for m in sentence_ends(text)]
    spans = zip([0] + ends, ends + [len(text)])
    return [replace(paragraph, runs=slice_runs(paragraph.runs, a + _spaces(text[a:b]), b))
            for a, b in spans if text[a:b].strip()]


def _spaces(text: str) -> int:
    """How many spaces `text` begins with."""
    return len(text) - len(text.lstrip())
