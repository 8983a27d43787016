"""Dense slides: many and long bullets, long titles, continued slides; the
deck read back with python-pptx and its text measured with the fonts."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pptx import Presentation

from conftest import run_report
from test_deck import THEME, measure, measured_height

REFS = [{"id": "lee2020", "type": "book", "title": "A book", "publisher": "Press",
         "author": [{"family": "Lee", "given": "Ann"}], "issued": {"date-parts": [[2020]]}}]
LONG_TITLE = ("Eighteen Bullets on a Single Slide, Which Is Far Too Many for Anyone to Read "
              "During a Talk But Authors Do It Anyway")


def deck_of(tmp_path: Path, body: str) -> Presentation:
    folder = tmp_path / "paper"
    folder.mkdir(exist_ok=True)
    (folder / "refs.json").write_text(json.dumps(REFS), encoding="utf-8")
    path = folder / "article.md"
    path.write_text(f"---\ntitle: A Title\nshort-title: Short\n---\n\n{body}", encoding="utf-8")
    result = run_report("slides", path, "-o", folder / "deck.pptx")
    assert result.returncode == 0, result.stderr
    return Presentation(folder / "deck.pptx")


def title(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title else ""


def eighteen(tmp_path: Path) -> Presentation:
    bullets = "\n".join(f"- Point number {n}: a moderately long bullet that states a finding "
                        "about the topic at hand" for n in range(1, 19))
    return deck_of(tmp_path, f"# Overview\n\nProse [@lee2020].\n\n::: slide\n## {LONG_TITLE}\n\n"
                             f"{bullets}\n:::\n")


def test_a_continued_titles_number_never_starts_a_line(tmp_path):
    """"(cont. 2)" after a long title broke after "(cont.", its "2)" alone
    on the title's last line."""
    deck = eighteen(tmp_path)
    continued = [s.shapes.title for s in deck.slides if title(s).startswith(LONG_TITLE + " (")]
    assert len(continued) >= 2
    for shape in continued:
        for m in measure(shape):
            text = "".join(p.text for p in m.pieces)
            assert not any(re.match(r"\d+\)", text[start:]) for start in m.starts), text


def body_of(slide):
    return next(s for s in slide.placeholders if s.placeholder_format.idx == 1)


def test_bullets_split_over_slides_are_as_large_as_those_slides_hold(tmp_path):
    """Six bullets too many for one slide went onto two at split_size, each
    half empty; the same two slides hold them at the body's full size."""
    spec = THEME["body"]
    wrapping = " with extra words to wrap" * 3
    bullets = "\n".join(f"- Bullet {n} of the section{wrapping if n != 5 else ''}"
                        for n in range(1, 7))
    deck = deck_of(tmp_path, f"# Results\n\nProse [@lee2020].\n\n::: slide\n## Six\n\n"
                             f"{bullets}\n:::\n")
    shown = [s for s in deck.slides if title(s).startswith("Six")]
    assert [title(s) for s in shown] == ["Six", "Six (cont.)"]
    sizes = set()
    for slide in shown:
        body = body_of(slide)
        sizes |= {r.font.size.pt for p in body.text_frame.paragraphs for r in p.runs}
        assert measured_height(body) <= body.height.pt + 0.01
        assert body.top.pt + body.height.pt <= deck.slide_height.pt - spec["bottom"] + 0.01
    assert sizes == {spec["size"]}
    texts = [p.text for s in shown for p in body_of(s).text_frame.paragraphs]
    assert [t.split(" of")[0] for t in texts] == [f"Bullet {n}" for n in range(1, 7)]
