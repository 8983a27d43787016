"""The handout's page grid for its options: slides to a row, rows to a
page, how large a slide is drawn and how many lines to write on go beside
it; the values are styles/handout.toml's, the page's room handout.css's."""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from . import STYLES

_HANDOUT_TOML = STYLES / "handout.toml"


@dataclass(frozen=True)
class Grid:
    columns: int        # slides side by side in a row
    rows: int           # rows to a page
    scale: float        # a slide's size on paper, as a share of the deck's
    ruled_lines: int    # lines to write on with each slide
    gap: float          # between two slides of a row, pt
    page_area: float    # the page's height between its margins, pt
    legible: float      # the smallest type that reads on paper, pt


def grid(per_page: int, notes: str, deck: tuple[float, float], text_width: float,
         page_area: float) -> Grid:
    """The grid for `per_page` slides of the deck's size (`deck`: width,
    height in pt) with `notes`, on a page `text_width` wide and `page_area`
    high between its margins. Slides two or more to a row are as large as
    their cells allow."""
    style = settings()
    spec = _for(style, per_page, notes)
    columns = int(spec.get("columns", 1))
    rows = math.ceil(per_page / columns)
    scale = spec["scale"]
    if columns > 1:
        scale = min((text_width - style["gap"]) / columns / deck[0],
                    (page_area / rows - style["room"]) / deck[1])
    return Grid(columns, rows, scale, int(spec["ruled-lines"]), style["gap"], page_area,
                style["legible"])


def _for(style: dict, per_page: int, notes: str) -> dict:
    """The page's values, with those of its `notes` table over them."""
    page = style["per-page"][str(per_page)]
    own = {k: v for k, v in page.items() if not isinstance(v, dict)}
    return {**own, **page.get(notes, {})}


def settings() -> dict:
    return _parsed(_HANDOUT_TOML.read_text(encoding="utf-8"))


@lru_cache(maxsize=2)  # by content: a file saved while `report watch` runs is read anew
def _parsed(text: str) -> dict:
    return tomllib.loads(text)
