"""The handout's options: the front matter's `handout:` mapping, then the
command line's `--per-page` and `--notes`, which win (as Pandoc's
`--metadata` wins over the file's).

    handout:
      per-page: 3          # 1, 2, 3, 4 or 6 slides on a page
      notes: lines         # lines to write on, or the speaker notes
      paper: letter        # letter or a4 (default: the article's papersize)
      date: March 6, 2026  # the header's date (default: the article's date)
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import nearest, warn
from .model import Document

PER_PAGE = (1, 2, 3, 4, 6)
NOTES = ("lines", "speaker")
PAPERS = ("letter", "a4")
KEYS = ("per-page", "notes", "paper", "date")


@dataclass(frozen=True)
class HandoutOptions:
    per_page: int
    notes: str
    paper: str
    date: str


def command_line(doc: Document, per_page: int | None, notes: str | None) -> None:
    """The command line's options, merged over the front matter's."""
    given = {"per-page": per_page, "notes": notes}
    doc.meta.handout.update({k: v for k, v in given.items() if v is not None})


def options(doc: Document) -> HandoutOptions:
    fm = _front_matter(doc)
    return HandoutOptions(int(_choice(fm, "per-page", PER_PAGE, 3)),
                          _choice(fm, "notes", NOTES, "lines"),
                          _choice(fm, "paper", PAPERS, doc.meta.papersize),
                          fm.text("date", doc.meta.date))


def _choice(fm, key: str, allowed: tuple, default) -> str:
    value = fm.text(key, str(default))
    if value not in map(str, allowed):
        raise fm.fail(key, f"must be one of {', '.join(map(str, allowed))}, not '{value}'")
    return value


def _front_matter(doc: Document):
    """The `handout:` mapping, typed; errors in it point at its line."""
    from .frontmatter import FrontMatter
    line = doc.meta.lines.get("handout")
    for key in doc.meta.handout:
        if key not in KEYS:
            hint = nearest(str(key), KEYS)
            warn(f"unknown handout option '{key}'" + (f"; {hint}" if hint else ""),
                 doc.path, line, 1)
    return FrontMatter(dict(doc.meta.handout), doc.path, dict.fromkeys(KEYS, line), "handout")
