"""A slide's table or figure labelled as APA labels it (§7.7, §7.24): its
number in bold, "Table 1", on a line of its own over its title in italics,
numbered as the brief numbers it; and said so in the speaker notes.

The deck's words refer to a table or figure by its number ("Table 1 gives
the daily counts"), so the slide that shows it says which it is. A table or
figure the brief does not number (one only on a slide, or in a footnote)
keeps its bare title. The label rides in the caption's inlines, as their
first (a Label), so that every part of the deck that sets or says a
caption (a table's slides, their "(cont.)", the notes) carries it.
"""

from __future__ import annotations

from dataclasses import replace

from .model import Emph, Figure, Strong, Table, Text, float_number
from .slidemodel import Paragraph, Run
from .slideruns import body_runs


class Label(Strong):
    """APA's "Table 1" over a caption on a slide: its caption's first inline."""


def labelled(visual, words: dict):
    """The table or figure with its label before its title (in italics) in
    its caption; anything else, or one the brief does not number, as it is."""
    if not isinstance(visual, (Table, Figure)) or not visual.number or label_of(visual.caption):
        return visual
    word = words["table" if isinstance(visual, Table) else "figure"][0]
    title = [Emph(visual.caption)] if visual.caption else []
    return replace(visual, caption=[Label([Text(f"{word} {float_number(visual)}")])] + title)


def label_of(caption: list) -> list:
    """The caption's label, [Label], or [] if it has none."""
    return caption[:1] if caption and isinstance(caption[0], Label) else []


def title_of(caption: list) -> list:
    """The caption's title as written, without its label (or its italics)."""
    if not label_of(caption):
        return caption
    return caption[1].children if len(caption) > 1 else []


def said(caption: list) -> Paragraph:
    """The caption as the speaker notes say it: "Table 1. Title" (its
    label and title on one line), or its bare title."""
    label, title = label_of(caption), title_of(caption)
    if not label:
        return Paragraph(body_runs(title), -1)
    lead = "".join(r.text for r in body_runs(label[0].children))
    return Paragraph([Run(lead + (". " if title else ""))] + body_runs(title), -1)
