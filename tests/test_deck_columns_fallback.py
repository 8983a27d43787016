"""A slide's `.columns` that fit no slide side by side are shown as one
column of bullets, continued: never silently, but with a warning at the
`.columns` div's line saying why (read from stderr)."""

from __future__ import annotations

from test_deck_column_widths import columns, deck
from test_deck_conventions import body_shapes

LONG = "Donaudampfschifffahrtsgesellschaftskapitänsmützenproduktionsstätte"


def fence_line(path, nth: int = 0) -> int:
    """The line of the article's `nth` `.columns` div."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [n for n, line in enumerate(lines, 1) if line.startswith(":::: {.columns}")][nth]


def warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "in one column" in line]


def test_a_word_wider_than_its_column_is_named_at_the_columns_line(tmp_path):
    body = ("- Lead\n\n" + columns(("20%", "- Short\n- Words"), (None, "- Fine")) + "\n"
            + columns(("20%", f"- {LONG}\n- Narrow"), ("80%", "- Wide column text")))
    path, slides, stderr = deck(tmp_path, body)
    # one full-width list: no two bodies side by side
    assert len({round(s.left.pt) for s in body_shapes(slides[0])}) == 1
    [warning] = warnings(stderr)
    assert warning.startswith(f"{path}:{fence_line(path, 1)}:1: warning: ")
    assert f"'{LONG}' is wider than its column" in warning


def test_columns_too_long_for_a_slide_say_so(tmp_path):
    many = "\n".join(f"- Point {n} about retrieval practice and its effect on later "
                     "recall in classrooms" for n in range(24))
    path, slides, stderr = deck(tmp_path, columns((None, many), (None, many)))
    [warning] = warnings(stderr)
    assert warning.startswith(f"{path}:{fence_line(path)}:1: warning: ")
    assert "too long for one slide" in warning


def test_columns_that_fit_warn_nothing(tmp_path):
    _, slides, stderr = deck(tmp_path, columns((None, "- One\n- Two"), (None, "- Three")))
    assert not warnings(stderr)
    assert len({round(s.left.pt) for s in body_shapes(slides[0])}) == 2
