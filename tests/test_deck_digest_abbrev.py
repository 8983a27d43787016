"""An abbreviation the article defines in its prose, read back from the pptx:
where a digest leaves out the sentence that defines it, the first words on
the slides that use it define it ("UK Health Security Agency (UKHSA)"), in
the deck's order, once; one the slides define stays as written, and one the
article never defines is never expanded.
"""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image
from pptx import Presentation

from conftest import run_report


def deck_of(tmp_path: Path, body: str):
    Image.new("RGB", (400, 500), "white").save(tmp_path / "curve.png")
    (tmp_path / "refs.json").write_text(json.dumps([]), encoding="utf-8")
    article = tmp_path / "article.md"
    article.write_text(f"---\ntitle: T\n---\n\n{body}\n", encoding="utf-8")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    return Presentation(tmp_path / "s.pptx")


def bullets(deck) -> list[str]:
    """Every bullet of the deck, in order."""
    return [p.text for slide in deck.slides for shape in slide.shapes
            if shape.has_text_frame and shape.name == "body"
            for p in shape.text_frame.paragraphs if p.text.strip()]


INTRODUCTION = """\
# Introduction

In the summer of 2003, a heat wave killed more than 70,000 people in Europe. Deaths are only \
the visible part of the toll: for each death, many more fall ill. Heat stress strains the heart \
and lungs. The UK Health Security Agency (UKHSA) now publishes heat mortality reports every \
summer.

This brief asks how hot days raise admissions in European cities.

# Limitations

Our analysis covers one summer. See also the guidance of UKHSA on surge planning, and \
that of the WHO.
"""


def test_an_abbreviation_is_defined_where_the_slides_first_use_it(tmp_path):
    shown = bullets(deck_of(tmp_path, INTRODUCTION))
    assert not any("(UKHSA)" in b and "publishes" in b for b in shown)  # the digest left it out
    using = [b for b in shown if "UKHSA" in b]
    assert using == ["See also the guidance of UK Health Security Agency (UKHSA) on surge "
                     "planning, and that of the WHO."]
    # "WHO" the article never defines: no name is guessed for it.
    assert not any("(WHO)" in b for b in shown)


def test_an_abbreviation_left_out_beside_a_figure_is_defined_in_a_later_list(tmp_path):
    shown = bullets(deck_of(tmp_path, """\
# Method

We fitted a Poisson model for each city. The relative risk (RR) per degree is the exponent of \
the slope.

![Curve](curve.png)

# Steps

We followed two steps:

1. Fit the model.
2. Report the RR with its confidence interval.

# Results

The RR was largest in Rome.
"""))
    assert "We fitted a Poisson model for each city." in shown
    assert "Report the relative risk (RR) with its confidence interval." in shown
    assert "The RR was largest in Rome." in shown  # defined once, at its first use


def test_an_abbreviation_a_slide_defines_is_not_defined_again(tmp_path):
    shown = bullets(deck_of(tmp_path, """\
# Method

We fitted a Poisson model for each city. The relative risk (RR) per degree is the exponent of \
the slope.

# Results

The RR was largest in Rome.
"""))
    assert "The relative risk (RR) per degree is the exponent of the slope." in shown
    assert "The RR was largest in Rome." in shown
