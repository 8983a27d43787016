"""The foot of every slide but the cover: its number and the optional
`slides: footer:`, on one line under everything else.
"""

from __future__ import annotations

from . import slideopts
from .errors import warn
from .model import Document
from .slidecut import cut_to_lines
from .slidemodel import Box, Paragraph, Run, SlideLayout, frame, theme
from .textfit import block_height


def footer_top() -> float:
    """Where the footer and the slide number stand: nothing else reaches below."""
    spec = theme()["footer"]
    return frame()[2] - spec["bottom"] - block_height(1, spec["size"])


def footer_text(doc: Document) -> str:
    """The `slides: footer:` as one line of the slides' foot holds it: a
    longer one ran onto a second line, past the slide's edge; cut there with
    an ellipsis, and said."""
    text = slideopts.option(doc, "footer")
    spec = theme()["footer"]
    if not text:
        return text
    runs = cut_to_lines([Run(text)], spec["size"], frame()[1] - spec["number_width"], 1,
                        bold=False)
    shown = "".join(r.text for r in runs)
    if shown != text:
        warn(f"the slides' footer is too long for one line at the foot of a slide: the deck "
             f"shows '{shown}'; set a shorter 'footer:' under 'slides:'", doc.path,
             doc.meta.lines.get("slides"), 1)
    return shown


def number_slides(slides: list[SlideLayout], footer: str) -> None:
    """Slide numbers and the optional footer on every slide but the cover."""
    t = theme()
    spec, colors = t["footer"], t["colors"]
    m, width, _ = frame()
    h = block_height(1, spec["size"])
    y = footer_top()
    for n, slide in enumerate(slides, start=1):
        if slide.kind == "cover":
            continue
        color = colors["on_dark_muted"] if slide.background == colors["dark"] else colors["muted"]
        if footer:
            slide.boxes.append(Box("footer", m, y, width - spec["number_width"], h,
                                   [Paragraph([Run(footer)], -1)], spec["size"], color))
        slide.boxes.append(Box("number", m + width - spec["number_width"], y,
                               spec["number_width"], h, [Paragraph([Run(str(n))], -1)],
                               spec["size"], color, align="right"))
