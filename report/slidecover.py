"""The deck's title slides on the dark ground: the cover, and the slide
that opens a part of several slides ("Part 2 of 4").

The cover holds the title, the subtitle and the fullest byline that fits
under them (every author and affiliation; every author; the first "et
al."); its speaker notes are the abstract. A part's heading shrinks as any
title does and is cut, past its line budget, above the slide's foot.
"""

from __future__ import annotations

from dataclasses import replace

from . import labels, slideopts
from .authors import affiliations, marks, numbered
from .errors import ReportError
from .model import Document, Heading, plain_text
from .slidecut import cut_to_lines
from .slidedrafts import Draft, cover_notes
from .slidefit import pieces_of
from .slidefoot import footer_top
from .slideitems import notes_text
from .slidemodel import Box, Paragraph, Run, SlideLayout, font, frame, theme
from .slideruns import runs_of
from .slidetitle import fit_title
from .textfit import block_height, wrap


def cover_slide(doc: Document) -> SlideLayout:
    t = theme()
    colors, cover = t["colors"], t["cover"]
    m, width, height = frame()
    title_runs = runs_of(doc.meta.title, bold=True)
    if slideopts.option(doc, "title"):
        title_runs = [Run(slideopts.option(doc, "title"), True)]
    size, title_h, set_runs = fit_title(title_runs, width, cover, "title_size", "title_min_size",
                               "title_max_lines")
    # A note called in the title or subtitle keeps its raised number: its
    # text is in the cover's speaker notes, as a content slide's are.
    shown = ([] if slideopts.option(doc, "title") else doc.meta.title) + \
        ([] if slideopts.option(doc, "subtitle") else doc.meta.subtitle)
    subtitle = [Run(slideopts.option(doc, "subtitle"))] if slideopts.option(doc, "subtitle") \
        else _merged([replace(r, bold=False, italic=False) for r in runs_of(doc.meta.subtitle)])
    subtitle_h = _line_h(subtitle, cover["subtitle_size"]) + cover["gap"] \
        if "".join(r.text for r in subtitle) else 0.0
    rule_h = t["rule"]["weight"] + 2
    block = rule_h + cover["gap"] + title_h + subtitle_h
    if block > height - 2 * m - cover["gap"]:
        raise ReportError("the title and subtitle are too long for the title slide", doc.path,
                          hint="set a shorter one under 'slides: title:' or 'subtitle:'")
    byline, meta_size = _byline(doc, height - 2 * m - cover["gap"] - block)
    meta_top = height - m - sum(_line_h(runs, meta_size) for _, runs in byline)
    y, boxes_below = meta_top, []
    for role, runs in byline:
        boxes_below.append(_line_box(role, runs, y, meta_size, colors["on_dark"]))
        y += boxes_below[-1].h
    free = meta_top - cover["gap"] - m
    y = m + (free - block) * cover["balance"]
    rules = [(m, y, t["rule"]["width"], rule_h, colors["on_dark_accent"])]
    y += rule_h + cover["gap"]
    boxes = [Box("cover-title", m, y, width, title_h, [Paragraph(set_runs, -1)], size,
                 colors["on_dark"], bold=True, line_spacing=cover["line_spacing"])]
    if subtitle_h:
        boxes.append(_line_box("cover-subtitle", subtitle, y + title_h + cover["gap"],
                               cover["subtitle_size"], colors["on_dark_muted"]))
    notes = cover_notes(doc, shown)
    return SlideLayout("cover", "".join(r.text for r in title_runs), boxes + boxes_below,
                       notes_text(notes), colors["dark"], rules, notes_paragraphs=notes)


def _line_box(role, runs: list[Run], y, size, color) -> Box:
    m, width, _ = frame()
    return Box(role, m, y, width, _line_h(runs, size), [Paragraph(runs, -1)], size, color)


def _line_h(runs: list[Run], size: float) -> float:
    _, width, _ = frame()
    return block_height(wrap(pieces_of(runs), size, width, font()), size)


Byline = list[tuple[str, list[Run]]]  # the cover's lines under its title: (role, runs)


def _byline(doc: Document, room: float) -> tuple[Byline, float]:
    """The fullest of the cover's bylines that fits `room` under the title,
    and its size: meta_size, else meta_min_size."""
    cover = theme()["cover"]
    for lines in _bylines(doc):
        for size in (cover["meta_size"], cover["meta_min_size"]):
            if sum(_line_h(runs, size) for _, runs in lines) <= room:
                return lines, size
    raise ReportError("the title and subtitle leave no room for the authors on the title slide",
                      doc.path, hint="set a shorter one under 'slides: title:' or 'subtitle:'")


def _bylines(doc: Document) -> list[Byline]:
    """What the cover may say under its title, fullest first: every author
    and each affiliation once; every author; the first author "et al." (APA's
    short form). The date, if any, under each."""
    words = labels.of(doc.meta.lang)
    authors = [a for a in doc.meta.authors if a.name]
    places = affiliations(doc.meta)
    date = [("cover-date", [Run(doc.meta.date)])] if doc.meta.date else []
    tied = numbered(doc.meta)
    out = [_names(authors, places if tied else [], words) + _places(places, tied) + date]
    if places:
        out.append(_names(authors, [], words) + date)
    if len(authors) > 2:
        out.append([("cover-authors", [Run(f"{authors[0].name} {words['et_al']}")])] + date)
    return out


def _names(authors: list, places: list[str], words: dict) -> Byline:
    """"A, B, and C", each name with the numbers of its affiliations among
    `places` (none when they are not given)."""
    if not authors:
        return []
    runs = []
    for between, author in zip([""] + labels.separators(words, len(authors)), authors):
        numbers = marks(author, places)
        runs += [Run(between + author.name)] + ([Run(numbers, script="super")] if numbers
                                                 else [])
    return [("cover-authors", _merged(runs))]


def _places(places: list[str], tied: bool) -> Byline:
    """Each affiliation once, numbered if `tied` to the names; what they all
    begin with ("Department of Psychology") said once, before them."""
    if not places:
        return []
    lead, rest = _shared_lead(places)
    runs = [Run(lead + ": ")] if lead else []
    for n, place in enumerate(rest, start=1):
        runs += ([Run("; ")] if n > 1 else []) + \
            ([Run(str(n), script="super")] if tied else []) + [Run(place)]
    return [("cover-affiliation", _merged(runs))]


def _shared_lead(places: list[str]) -> tuple[str, list[str]]:
    """The leading parts (between commas) that several affiliations all
    begin with, and what is left of each; ("", places) when none."""
    if len(places) < 2:
        return "", places
    parts = [p.split(", ") for p in places]
    n = 0
    while all(len(x) > n + 1 and x[n] == parts[0][n] for x in parts):
        n += 1
    return ", ".join(parts[0][:n]), [", ".join(x[n:]) for x in parts]


def _merged(runs: list[Run]) -> list[Run]:
    """Neighbouring runs set alike as one."""
    out: list[Run] = []
    for run in runs:
        if out and replace(out[-1], text="") == replace(run, text=""):
            out[-1] = replace(out[-1], text=out[-1].text + run.text)
        else:
            out.append(run)
    return out


def section_slide(part: Heading, numbering: str, members: list[Draft]) -> SlideLayout:
    """A part's opening: its number ("Part 2 of 4") and heading on the dark
    ground; its speaker notes name the part and the slides it holds."""
    t = theme()
    colors, spec = t["colors"], t["section"]
    m, width, _ = frame()
    y = spec["top"]
    label = Box("section-label", m, y, width, block_height(1, spec["label_size"]),
                [Paragraph([Run(numbering, True)], -1)], spec["label_size"],
                colors["on_dark_accent"], bold=True)
    y += label.h + spec["gap"]
    room = footer_top() - t["rule"]["gap"] - t["rule"]["weight"] - y
    runs, size, h = _section_title(runs_of(part.children, bold=True), width, room)
    title = Box("section-title", m, y, width, h, [Paragraph(runs, -1)], size, colors["on_dark"],
                bold=True, line_spacing=t["title"]["line_spacing"])
    rule = (m, y + h + t["rule"]["gap"], t["rule"]["width"], t["rule"]["weight"],
            colors["on_dark_accent"])
    # Each slide's title once: a digest's table (`follows`) and an untitled
    # part of a slide go on under the title before them, "(cont.)".
    coming = "; ".join(dict.fromkeys(plain_text(d.title) for d in members if not d.follows))
    notes = [Paragraph([Run(f"{numbering}: {plain_text(part.children)} \u2014 {coming}.")], -1)]
    return SlideLayout("section", plain_text(part.children), [title, label], notes_text(notes),
                       colors["dark"], [rule], notes_paragraphs=notes)


def _section_title(runs: list[Run], width: float, room: float):
    """(runs, size, height) of a part's heading on its slide: shrunk as any
    title, and past `most_lines` lines at the least size (or what fits above
    the footer) cut with an ellipsis; the speaker notes still say it whole."""
    t = theme()
    spacing = t["title"]["line_spacing"]
    size, h, runs = fit_title(runs, width, {**t["section"], "line_spacing": spacing},
                        "title_size", "title_min_size")
    most = t["section"]["most_lines"]
    while most > 1 and block_height(most, size, spacing) > room:
        most -= 1
    if h <= block_height(most, size, spacing):
        return runs, size, h
    return cut_to_lines(runs, size, width, most), size, block_height(most, size, spacing)
