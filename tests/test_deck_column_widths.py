"""Quarto's `::: {.column width="40%"}` on a slide: each column takes the
share of the body's width its author gives, read back from the deck's shapes."""

from __future__ import annotations

from pptx import Presentation

from conftest import run_report
from test_deck import measured_height
from test_deck_conventions import article, body_shapes, titles


def columns(*cells: tuple[str | None, str]) -> str:
    """A `.columns` div of `cells`: (width or None, the column's Markdown)."""
    out = ":::: {.columns}\n"
    for width, text in cells:
        out += (f"::: {{.column width=\"{width}\"}}\n" if width else "::: {.column}\n")
        out += f"{text}\n:::\n"
    return out + "::::\n"


def deck(tmp_path, body: str):
    tmp_path.mkdir(exist_ok=True)
    path = article(tmp_path, f"# Results\n\nThe prose.\n\n::: slide\n## Shares\n\n{body}:::\n")
    out = path.parent / "deck.pptx"
    result = run_report("slides", path, "-o", out)
    assert result.returncode == 0, result.stderr
    slides = [s for s in Presentation(out).slides if titles([s])[0].startswith("Shares")]
    return path, slides, result.stderr


def spans(slide) -> list[tuple[float, float]]:
    """Each column's (left, width) in points, left to right."""
    return [(s.left.pt, s.width.pt) for s in body_shapes(slide)]


def gutter_and_room(slide, count: int, shapes) -> tuple[float, float]:
    """The gap between columns, and the body's width the gaps leave."""
    gutter = shapes[1][0] - (shapes[0][0] + shapes[0][1])
    title = slide.shapes.title
    return gutter, title.width.pt - gutter * (count - 1)


def test_columns_take_the_widths_their_author_gives(tmp_path):
    """Every column of a row got an equal share, whatever its `width`."""
    _, [slide], _ = deck(tmp_path, columns(("30%", "- Narrow"), ("70%", "- Wide")))
    (x1, w1), (x2, w2) = spans(slide)
    gutter, room = gutter_and_room(slide, 2, spans(slide))
    assert x1 == slide.shapes.title.left.pt and gutter > 0
    assert abs(w1 - 0.3 * room) < 0.05 and abs(w2 - 0.7 * room) < 0.05
    assert x2 + w2 <= slide.shapes.title.left.pt + slide.shapes.title.width.pt + 0.05


def test_a_column_without_a_width_shares_what_is_left(tmp_path):
    _, [slide], _ = deck(tmp_path, columns(("50%", "- Half"), (None, "- A"), (None, "- B")))
    found = spans(slide)
    gutter, room = gutter_and_room(slide, 3, found)
    assert [round(w / room, 3) for _, w in found] == [0.5, 0.25, 0.25]
    assert abs(found[2][0] - (found[1][0] + found[1][1] + gutter)) < 0.05


def test_widths_over_a_whole_are_scaled_down_and_said(tmp_path):
    path, [slide], stderr = deck(tmp_path, columns(("80%", "- Left"), ("40%", "- Right")))
    line = path.read_text(encoding="utf-8").split("\n").index(":::: {.columns}") + 1
    assert f"article.md:{line}:1: warning: the columns' widths add up to 120%" in stderr
    found = spans(slide)
    _, room = gutter_and_room(slide, 2, found)
    assert abs(found[0][1] - 2 * found[1][1]) < 0.05 and abs(sum(w for _, w in found) - room) < 0.1


def test_a_width_not_in_percent_is_said_and_set_aside(tmp_path):
    path, [slide], stderr = deck(tmp_path, columns(("300px", "- Left"), ("40%", "- Right")))
    line = path.read_text(encoding="utf-8").split("\n").index("::: {.column width=\"300px\"}") + 1
    assert f"article.md:{line}:1: warning: a column's width is read in percent" in stderr
    found = spans(slide)
    _, room = gutter_and_room(slide, 2, found)
    assert [round(w / room, 3) for _, w in found] == [0.6, 0.4]


def sizes(slide) -> set[float]:
    return {r.font.size.pt for s in body_shapes(slide) for p in s.text_frame.paragraphs
            for r in p.runs}


def test_each_column_is_fitted_at_its_own_width(tmp_path):
    """Text fitted to an equal share overflowed a narrow column: a narrow
    column's bullets take the size and lines its own width needs."""
    narrow = "\n".join(f"- Point {n} of the narrow column here" for n in range(3))
    _, [even], _ = deck(tmp_path / "even", columns(("50%", narrow), ("50%", "- Wide")))
    _, [slide], _ = deck(tmp_path / "narrow", columns(("20%", narrow), ("80%", "- Wide")))
    found = spans(slide)
    _, room = gutter_and_room(slide, 2, found)
    assert abs(found[0][1] - 0.2 * room) < 0.05
    assert max(sizes(slide)) < min(sizes(even))
    for shape in body_shapes(slide):
        assert measured_height(shape) <= shape.height.pt + 0.01
        assert shape.top + shape.height <= slide.part.package.presentation_part.presentation \
            .slide_height


def test_a_narrow_column_too_long_for_a_slide_continues_at_its_width(tmp_path):
    """Rows of columns over "(cont.)" slides keep each column's share."""
    rows = "\n".join(f"In year {y}:\n\n" + columns(
        ("25%", "\n".join(f"- Year {y} point {n} that runs over a line" for n in range(3))),
        ("75%", f"- Year {y} on the right")) for y in range(1, 4))
    _, slides, _ = deck(tmp_path, rows)
    assert len(slides) >= 2 and titles(slides)[1] == "Shares (cont.)"
    for slide in slides:
        pairs = [s for s in body_shapes(slide) if s.name != "lead"]
        for left, right in zip(pairs[::2], pairs[1::2]):
            assert abs(left.width.pt / (left.width.pt + right.width.pt) - 0.25) < 0.001
        for shape in body_shapes(slide):
            assert measured_height(shape) <= shape.height.pt + 0.01
