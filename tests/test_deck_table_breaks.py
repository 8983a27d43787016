"""A slide table's cell keeps the hard line breaks the brief keeps: a grid
cell's fenced code one line to a line, read back from the deck."""

from __future__ import annotations

from pptx import Presentation
from pptx.util import Emu

from conftest import run_report, write_paper
from test_deck import THEME, Piece, block_height, lines, slides

NBSP = "\u00a0"


def grid(code: list[str]) -> str:
    """A grid table on a slide: a cell of words, a fenced code block, words."""
    inner = ["Who wrote it:", "", "``` yaml", *code, "```", "", "Then more."]
    rule = "+-----------+" + "-" * 40 + "+"
    rows = [f"| {'`author`' if n == 0 else '':<9} | {line:<38} |" for n, line in enumerate(inner)]
    return "\n".join([rule, "| Field     | " + "Explanation".ljust(38) + " |",
                      rule.replace("-", "="), *rows, rule, "| `title`   | " + "The title."
                      .ljust(38) + " |", rule]) + "\n"


def table_of(tmp_path, code: list[str]):
    body = f"# Options\n\nProse.\n\n::: slide\n## Options\n\n{grid(code)}:::\n"
    path = write_paper(tmp_path, body, "title: T", [])
    out = path.parent / "deck.pptx"
    result = run_report("slides", path, "-o", out)
    assert result.returncode == 0, result.stderr
    return [shape for slide in Presentation(out).slides for shape in slide.shapes
            if shape.has_table]


def cell_height(cell, width: float) -> float:
    """The lines the cell's paragraphs take in its column, by the font's own
    metrics, and its margins: what its row must hold."""
    spec = THEME["table"]
    count, size = 0, None
    for p in cell.text_frame.paragraphs:
        size = {r.font.size.pt for r in p.runs}.pop()
        pieces = [Piece(r.text, bool(r.font.bold), bool(r.font.italic), False,
                        r.font.name == THEME["font"]["code_name"]) for r in p.runs]
        count += len(lines(pieces, size, width - 2 * spec["margin_x"], slides.font()))
    return block_height(count, size, spec["line_spacing"]) + 2 * spec["margin_y"]


def test_code_in_a_table_cell_keeps_its_lines_on_the_slide(tmp_path):
    """The cell's lines were joined by spaces: the code ran on one line,
    with runs of no-break spaces where its indentation was."""
    code = ["author:", "  - name: Ann", "    affiliations:"]
    [frame] = table_of(tmp_path, code)
    table = frame.table
    cell = table.cell(1, 1)
    texts = [p.text for p in cell.text_frame.paragraphs]
    assert texts == ["Who wrote it:", "author:", f"{NBSP * 2}- name: Ann",
                     f"{NBSP * 4}affiliations:", "Then more."]
    fonts = [{r.font.name for r in p.runs} for p in cell.text_frame.paragraphs]
    assert fonts[1:4] == [{THEME["font"]["code_name"]}] * 3
    assert fonts[0] == fonts[4] != fonts[1]
    width = Emu(table.columns[1].width).pt
    assert cell_height(cell, width) <= Emu(table.rows[1].height).pt + 0.01
    assert cell_height(cell, width) >= block_height(5, cell.text_frame.paragraphs[0].runs[0]
                                                    .font.size.pt)


def test_a_cell_of_code_too_long_for_a_slide_is_cut_at_a_line(tmp_path):
    """A row taller than a slide is cut with an ellipsis; its cell's lines
    stay lines up to the cut."""
    code = [f"line_{n}: {n}" for n in range(40)]
    [frame, *_] = table_of(tmp_path, code)
    table = frame.table
    cell = table.cell(1, 1)
    texts = [p.text for p in cell.text_frame.paragraphs]
    assert texts[0] == "Who wrote it:" and texts[-1].endswith("\u2026")
    shown = texts[1:-1] + [texts[-1].rstrip("\u2026")]
    assert shown == code[:len(shown)] and len(shown) < len(code)
    width = Emu(table.columns[1].width).pt
    assert cell_height(cell, width) <= Emu(table.rows[1].height).pt + 0.01
    slide_h = frame.part.package.presentation_part.presentation.slide_height
    assert frame.top + sum(row.height for row in table.rows) <= slide_h
