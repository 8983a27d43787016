"""A figure whose caption and note are long keeps a legible picture on its
slide: the caption (then the note) is cut with an ellipsis, said whole in
the speaker notes, with a warning at the figure's line; the picture never
takes a negative or vanishing size, and nothing overlaps, in the deck and
in the handout (read back from the pptx and the handout's PDF)."""

from __future__ import annotations

from itertools import combinations

import pdfplumber
import pytest
from conftest import run_report
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

CAPTION = ("Recall by condition across all twenty-three sites, with error bars showing 95% "
           "confidence intervals computed by bootstrap with 10,000 resamples, and the dashed "
           "line marking chance performance at each of the sites in every language ") * 2
NOTE = ("Each bar is one site's mean, pooled over the nine languages and both delays, "
        "weighted by the number of students tested at the site in the spring term, with the "
        "sites ordered by their mean recall after restudy, from the lowest to the highest, "
        "and the languages pooled within each site.")
SENTENCES = ["Recall was higher after retrieval practice at every site.",
             "The gap held at both delays; see @fig-w.",
             "It was largest where students slept least.",
             "It was smallest at the evening sites."]
SIZES = {"wide": (3000, 80), "tall": (60, 1800), "plain": (600, 300)}
LEAST = 0.29  # of the slide: styles/deck.toml's visual.least_picture is 0.3


def digest(image: str) -> str:
    """A section without `::: slide`: its paragraphs and the figure, on one slide."""
    return "# Results\n\n" + "\n\n".join(SENTENCES) + \
        f'\n\n![{CAPTION.strip()}]({image}.png){{#fig-w apa-note="{NOTE}"}}\n'


def explicit(image: str) -> str:
    """A `::: slide` with four bullets and the figure."""
    bullets = "\n".join(f"- {s.rstrip('.').replace('; see @fig-w', '')}" for s in SENTENCES)
    return ("# Results\n\nRecall was higher; see @fig-w.\n\n"
            f"![Recall by condition.]({image}.png){{#fig-w}}\n\n"
            f"::: slide\n## Recall by Condition\n{bullets}\n\n"
            f"![{CAPTION.strip()}]({image}.png)\n:::\n")


def built(tmp_path, body: str, kind: str = "slides"):
    folder = tmp_path / "paper"
    folder.mkdir(exist_ok=True)
    for name, size in SIZES.items():
        Image.new("RGB", size, (40, 60, 120)).save(folder / f"{name}.png")
    path = folder / "article.md"
    path.write_text(f'---\ntitle: "Figure Room"\n---\n\n{body}', encoding="utf-8")
    out = folder / ("deck.pptx" if kind == "slides" else "handout.pdf")
    result = run_report(kind, path, "-o", out)
    assert result.returncode == 0, result.stderr
    return path, out, result.stderr


def figure_line(path) -> int:
    """The line of the article's last figure."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [n for n, line in enumerate(lines, 1) if line.startswith("![Recall by condition")][-1]


def framed(slide) -> list[tuple[str, float, float, float, float]]:
    """The body, caption, picture and note on a slide: (name, x, y, w, h) in points."""
    return [(s.name, s.left.pt, s.top.pt, s.width.pt, s.height.pt) for s in slide.shapes
            if s.name in ("body", "caption", "note", "chart")
            or s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def overlap(a, b) -> bool:
    (_, ax, ay, aw, ah), (_, bx, by, bw, bh) = a, b
    return min(ax + aw, bx + bw) - max(ax, bx) > 0.5 and min(ay + ah, by + bh) - max(ay, by) > 0.5


CASES = [(digest, "plain"), (digest, "wide"), (digest, "tall"),
         (explicit, "plain"), (explicit, "wide"), (explicit, "tall")]


@pytest.mark.parametrize("make,image", CASES)
def test_the_picture_keeps_room_and_nothing_overlaps(tmp_path, make, image):
    path, out, stderr = built(tmp_path, make(image))
    deck = Presentation(out)
    width, height = deck.slide_width.pt, deck.slide_height.pt
    slide = next(s for s in deck.slides if any(
        p.shape_type == MSO_SHAPE_TYPE.PICTURE for p in s.shapes))
    shapes = framed(slide)
    [(_, x, y, w, h)] = [s for s in shapes if s[0] not in ("body", "caption", "note")]
    assert w > 0 and h > 0
    assert max(w / width, h / height) >= LEAST, (w, h)
    for name, x, y, w, h in shapes:
        assert x >= 0 and y >= 0 and x + w <= width and y + h <= height, name
    assert not [(a[0], b[0]) for a, b in combinations(shapes, 2) if overlap(a, b)]
    caption = next(s for s in slide.shapes if s.name == "caption").text_frame.text
    note = next(s for s in slide.shapes if s.name == "note").text_frame.text \
        if make is digest else ""
    said = slide.notes_slide.notes_text_frame.text
    if note.endswith("\u2026"):  # a note cut on the slide is said whole
        assert NOTE.replace("'", "\u2019") in said
    if caption.endswith("\u2026"):
        assert CAPTION.strip() in said
        [warning] = [line for line in stderr.splitlines() if "too long to leave" in line]
        assert warning.startswith(f"{path}:{figure_line(path)}:1: warning: ")


def test_a_long_caption_is_cut_and_warned_of(tmp_path):
    path, out, stderr = built(tmp_path, explicit("plain"))
    [slide] = [s for s in Presentation(out).slides if "Recall by Condition" in s.shapes.title.text]
    caption = next(s for s in slide.shapes if s.name == "caption").text_frame.text
    assert caption.endswith("\u2026") and len(caption) < len(CAPTION.strip())
    assert "too long to leave its picture room" in stderr


def test_a_short_caption_is_not_cut(tmp_path):
    _, out, stderr = built(tmp_path, explicit("plain").replace(CAPTION.strip(), "Recall."))
    [slide] = [s for s in Presentation(out).slides if "Recall by Condition" in s.shapes.title.text]
    # The slide shows the brief's Figure 1 again: labelled so (crossref.py).
    assert next(s for s in slide.shapes if s.name == "caption").text_frame.text == \
        "Figure 1\nRecall."
    assert "too long to leave" not in stderr


def test_a_chart_keeps_room_under_a_long_caption(tmp_path):
    rows = "| Site | Recall |\n|---|---|\n| A | 0.61 |\n| B | 0.55 |\n| C | 0.48 |\n\n"
    table = rows + f': {CAPTION.strip()} {{apa-note="{NOTE}"}}\n'
    body = explicit("plain").replace(f"![{CAPTION.strip()}](plain.png)\n", table)
    path, out, stderr = built(tmp_path, body)
    deck = Presentation(out)
    [slide] = [s for s in deck.slides if "Recall by Condition" in s.shapes.title.text]
    shapes = framed(slide)
    [(_, x, y, w, h)] = [s for s in shapes if s[0] == "chart"]
    assert w > 0 and h >= LEAST * deck.slide_height.pt
    assert not [(a[0], b[0]) for a, b in combinations(shapes, 2) if overlap(a, b)]
    assert "too long to leave its chart room" in stderr
    assert CAPTION.strip() in slide.notes_slide.notes_text_frame.text


@pytest.mark.parametrize("make", [digest, explicit])
def test_a_tall_thin_picture_is_given_the_column_height(tmp_path, make):
    """A picture 1:30 is as wide as deck.toml's visual.least_side of the
    slide's height, or its caption and note are cut to a line each to leave
    it the most height the slide has (it was 6 pt wide at the least height)."""
    from report.slidemodel import theme
    _, out, _ = built(tmp_path, make("tall"))
    deck = Presentation(out)
    height = deck.slide_height.pt
    slide = next(s for s in deck.slides if any(
        p.shape_type == MSO_SHAPE_TYPE.PICTURE for p in s.shapes))
    [(_, x, y, w, h)] = [s for s in framed(slide) if s[0] not in ("body", "caption", "note")]
    assert h / w == pytest.approx(30, rel=0.02) and y + h <= height
    one_line = {"caption": 20 * 1.2 + 20 * 0.012, "note": 16 * 1.2 + 16 * 0.012}
    boxes = [s for s in framed(slide) if s[0] in one_line]
    assert w >= theme()["visual"]["least_side"] * height or all(
        bh == pytest.approx(one_line[name], abs=0.5) for name, _, _, _, bh in boxes), boxes


def test_a_table_of_text_keeps_room_under_a_long_caption(tmp_path):
    """A table of text beside bullets under a caption and note too long for
    the slide: they are cut, as a figure's, said whole in the speaker notes
    and warned of; the table, caption and note stay inside the slide (the
    deck failed with an internal error)."""
    rows = ("| Site | Recall | Words |\n|---|---|---|\n| A | 0.61 | alpha beta |\n"
            "| B | 0.55 | gamma delta |\n\n")
    table = rows + f': {CAPTION.strip()} {{apa-note="{NOTE * 3}"}}\n'
    body = explicit("plain").replace(f"![{CAPTION.strip()}](plain.png)\n", table)
    path, out, stderr = built(tmp_path, body)
    deck = Presentation(out)
    width, height = deck.slide_width.pt, deck.slide_height.pt
    [slide] = [s for s in deck.slides if "Recall by Condition" in s.shapes.title.text]
    shapes = [(s.name, s.left.pt, s.top.pt, s.width.pt, s.height.pt) for s in slide.shapes
              if s.name in ("body", "caption", "note") or s.has_table]
    assert any(s.has_table for s in slide.shapes)
    for name, x, y, w, h in shapes:
        assert x >= 0 and y >= 0 and x + w <= width + 0.5 and y + h <= height + 0.5, name
    assert not [(a[0], b[0]) for a, b in combinations(shapes, 2) if overlap(a, b)]
    caption = next(s for s in slide.shapes if s.name == "caption").text_frame.text
    assert caption.endswith("\u2026")
    said = slide.notes_slide.notes_text_frame.text
    assert CAPTION.strip() in said and NOTE.replace("'", "\u2019") in said
    [warning] = [line for line in stderr.splitlines() if "too long to leave" in line]
    line = [n for n, text in enumerate(path.read_text().splitlines(), 1)
            if text.startswith("| Site")][-1]
    assert warning.startswith(f"{path}:{line}:1: warning: table ")


@pytest.mark.parametrize("image", ["wide", "tall"])
def test_the_handout_draws_no_text_over_the_picture(tmp_path, image):
    _, out, _ = built(tmp_path, digest(image), kind="handout")
    with pdfplumber.open(out) as pdf:
        page = next(p for p in pdf.pages if p.images)
        words = page.extract_words()
        for picture in page.images:
            assert picture["x1"] > picture["x0"] and picture["bottom"] > picture["top"]
            inside = [w["text"] for w in words if min(w["x1"], picture["x1"]) > max(
                w["x0"], picture["x0"]) + 0.5 and min(w["bottom"], picture["bottom"]) > max(
                w["top"], picture["top"]) + 0.5]
            assert not inside
        crossing = [(a["text"], b["text"]) for a, b in combinations(words, 2)
                    if min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > 0.5
                    and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.5]
        assert not crossing
