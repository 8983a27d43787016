"""The parts every content slide is built of: the kicker above the title,
the title and its accent rule, the "(cont.)" titles of a draft's later
slides, and the box of bullets.

Content, columns and references slides all draw their heads here, so a
title sits at the same place on every slide and the body starts under it.
"""

from __future__ import annotations

from . import labels
from .model import plain_text
from .slidecut import cut_to_lines
from .slidedrafts import Draft
from .slidefit import text_height
from .slidemodel import Box, Paragraph, Run, frame, theme
from .slidetitle import fit_title
from .textfit import block_height


def slide_head(title_runs: list[Run], kicker: str, colors: dict) -> tuple[list[Box], list, float]:
    """The kicker, title and accent rule of a content slide: (boxes, rules,
    where the body may start). The title sits at the same place on every slide."""
    t = theme()
    m, width, _ = frame()
    size, h, shown = fit_title(title_runs, width, t["title"])
    title = Box("title", m, t["title"]["top"], width, h, [Paragraph(shown, -1)], size,
                colors["title"], bold=True, line_spacing=t["title"]["line_spacing"])
    boxes = [title]
    if kicker:
        k = t["kicker"]
        boxes.append(Box("kicker", m, k["top"], width, block_height(1, k["size"]),
                         [Paragraph([Run(kicker, True)], -1)], k["size"], colors["accent"],
                         bold=True))
    rule_y = title.y + h + t["rule"]["gap"]
    rules = [(m, rule_y, t["rule"]["width"], t["rule"]["weight"], colors["accent"])]
    return boxes, rules, rule_y + t["rule"]["weight"] + t["body"]["gap_below_rule"]


def body_room(title_runs: list[Run], kicker: str) -> float:
    """The height a content slide leaves its body under this title (on one
    line or more) and kicker, down to the body's bottom margin."""
    t = theme()
    return frame()[2] - t["body"]["bottom"] - slide_head(title_runs, kicker, t["colors"])[2]

def kicker_text(draft: Draft) -> str:
    """The part's name as a content slide's kicker shows it: its box above
    the title holds one line, so a longer name is cut there with an
    ellipsis. None on the slide its name titles: the title says it. No
    "Part 1 of 2": the parent's name says where a subsection's slide
    belongs (a count there read a talk of five sections as one of two)."""
    name = plain_text(draft.part.children) if draft.part else ""
    if not name or name == plain_text(draft.title):
        return ""
    k = theme()["kicker"]
    runs = cut_to_lines([Run(labels.capitals(name) if k["uppercase"] else name, True)], k["size"],
                        frame()[1], 1)
    return "".join(r.text for r in runs)


def continued_titles(title_runs: list[Run], count: int, continued: str,
                     start: int = 0) -> list[list[Run]]:
    """The title of each of `count` slides: "(cont.)", "(cont. 2)", ... after
    the first, counting continuations (`continued`: the language's "cont."),
    its number tied to it: a long title broke between "(cont." and "2)".
    `start`: the continuations of the title before these slides."""
    out = []
    for n in range(start, start + count):
        more = "" if n == 0 else f" ({continued})" if n == 1 else f" ({continued}\u00a0{n})"
        out.append(title_runs + [Run(more, True)] if more else title_runs)
    return out


def bullets_width(width: float) -> float:
    """The width bullets take beside a visual: the share deck.toml gives them."""
    return width * theme()["visual"]["text_share"]


def body_box(chunk: list[Paragraph], size: float, x, y, w, room) -> Box:
    """The bullets `chunk` at `size` in a box `w` wide at (x, y), within `room`."""
    t = theme()
    spec, colors = t["body"], t["colors"]
    h = text_height(chunk, size, w, spec)
    assert h <= room + 0.01, "paginate keeps every chunk within its room"
    return Box("body", x, y, w, h, chunk, size, colors["text"],
               line_spacing=spec["line_spacing"], bullets=(spec["bullet"], spec["sub_bullet"]),
               bullet_color=colors["accent"], bullet_indent=spec["bullet_indent"])
