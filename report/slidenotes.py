"""The speaker notes over a draft's slides.

A draft's notes are read once, not again on every "(cont.)" slide: each
note goes with the slide whose bullets it holds, or, where none does, they
share the slides evenly. A caption or table note that a slide shows cut is
said whole at the end of its notes.
"""

from __future__ import annotations

from dataclasses import replace

from .slidedigest import sentence_ends
from .slidefit import slice_runs
from .slideitems import notes_text
from .slidemodel import Paragraph, SlideLayout
from .slideruns import body_runs


def spoken_whole(slide: SlideLayout, visual) -> None:
    """The caption and notes of a visual that its slide shows cut, whole at
    the end of the slide's speaker notes (those they do not already say)."""
    said = slide.notes
    for inlines in [visual.caption] + [note.children for note in visual.notes]:
        paragraph = Paragraph(body_runs(inlines), -1)
        if _text(paragraph) and _text(paragraph) not in said:
            slide.notes_paragraphs.append(paragraph)
    slide.notes = notes_text(slide.notes_paragraphs)


def shared_out(notes: list[Paragraph], chunks: list) -> list[list[Paragraph]]:
    """The notes over a draft's slides (`chunks`: each one's bullets), in
    order, each read once, not again on every "(cont.)" slide. A note that
    holds a slide's bullet (a digest's bullets are its paragraphs' first
    sentences) goes with that slide, sentence by sentence where it holds
    several slides' bullets, and what holds none follows the note before
    it; notes that hold no bullet at all share the slides evenly."""
    if len(chunks) == 1:
        return [notes]
    keys = [[_text(b)[:_KEY] for b in chunk if len(_text(b)) >= _KEY] for chunk in chunks]
    pieces = [piece for note in notes for piece in (
        _sentences_of(note) if len(_slides_of(note, keys)) > 1 else [note])]
    owners = [min(_slides_of(piece, keys), default=None) for piece in pieces]
    if all(owner is None for owner in owners):
        return _evenly(notes, len(chunks))
    out, at = [[] for _ in chunks], 0
    for piece, owner in zip(pieces, owners):
        at = max(at, owner) if owner is not None else at
        out[at].append(piece)
    return out


_KEY = 24  # characters of a bullet that identify it in the notes


def _slides_of(note: Paragraph, keys: list[list[str]]) -> set[int]:
    """The slides with a bullet that `note` holds."""
    text = _text(note)
    return {n for n, chunk in enumerate(keys) if any(key in text for key in chunk)}


def _text(paragraph: Paragraph) -> str:
    return "".join(r.text for r in paragraph.runs)


def _evenly(notes: list[Paragraph], count: int) -> list[list[Paragraph]]:
    """The notes over `count` slides in even shares, the first slides taking
    one more where they do not share evenly (and their sentences, where
    there are fewer paragraphs than slides)."""
    if len(notes) < count:
        notes = [piece for p in notes for piece in _sentences_of(p)]
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
