"""The deck's options: the front matter's `slides:` mapping.

    slides:
      title: A Shorter Title      # the title slide's (default: the article's)
      subtitle: A Briefing        # under it (default: the article's subtitle)
      footer: PSY 202             # on every slide but the title slide
      theme: light                # default, light, or a .toml file beside the article

Each is text: a list or a mapping there stops the deck and the handout (not
the brief, which does not read them) with the `slides:` line, where it
printed "['a', 'b']" on every slide. An option not among these is a
warning, as the handout's are.
"""

from __future__ import annotations

from .errors import nearest, warn
from .model import Document

KEYS = ("title", "subtitle", "footer", "theme")


def option(doc: Document, key: str) -> str:
    """One option as text ('' if not given); a wrong type is an error."""
    from .frontmatter import FrontMatter
    line = doc.meta.lines.get("slides")
    return FrontMatter(doc.meta.slides, doc.path, dict.fromkeys(KEYS, line), "slides").text(key)


def check(doc: Document) -> None:
    """Say, once a build, each option the deck does not know, and stop at
    one of the wrong type."""
    for key in doc.meta.slides:
        if key not in KEYS:
            hint = nearest(str(key), KEYS)
            warn(f"unknown slides option '{key}'" + (f"; {hint}" if hint else ""),
                 doc.path, doc.meta.lines.get("slides"), 1)
    for key in KEYS:
        option(doc, key)
