"""Pandoc's multiline and grid tables (report/pandoctables.py), read as the
Pandoc manual draws them into the model's tables, and drawn in the brief."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pdfplumber
import pypandoc
import pytest
from conftest import pandoc_words, run_report
from markdown_it.rules_block import StateBlock

from report import pandoctables, source, texmath
from report.markdown import parser
from report.model import (BlockQuote, BulletList, Code, CodeBlock, DefinitionList, Heading,
                          LineBreak, Para, Rule, Table, plain_text)

PANDOC = Path(pypandoc.__file__).parent / "files" / "pandoc"


def read(tmp_path, body: str) -> list:
    path = tmp_path / "article.md"
    path.write_text("---\ntitle: T\n---\n\n" + body, encoding="utf-8")
    return source.read(path).blocks


def texts(table: Table) -> tuple[list[str], list[list[str]]]:
    """(header texts, rows' texts)"""
    return ([plain_text(c) for c in table.header],
            [[plain_text(c) for c in row] for row in table.rows])


# The Pandoc manual's multiline tables, with and without a header: one body.
COLUMNS = "----------- ------- --------------- -------------------------\n"
BODY = """\
   First    row                12.0 Example of a row that
                                    spans multiple lines.

  Second    row                 5.0 Here's another one. Note
                                    the blank line between
                                    rows.
"""
RULE = "-" * 61 + "\n"
MULTILINE = (RULE + " Centered   Default           Right Left\n"
             "  Header    Aligned         Aligned Aligned\n" + COLUMNS + BODY + RULE
             + "\nTable: Here's the caption. It, too, may span\nmultiple lines.\n")

MULTILINE_ROWS = [["First", "row", "12.0", "Example of a row that spans multiple lines."],
                  ["Second", "row", "5.0",
                   "Here’s another one. Note the blank line between rows."]]


def test_a_multiline_table_as_pandocs_manual_draws_it(tmp_path):
    [table] = read(tmp_path, MULTILINE + "\n")
    header, rows = texts(table)
    assert header == ["Centered Header", "Default Aligned", "Right Aligned", "Left Aligned"]
    assert table.aligns == ["center", "left", "right", "left"]
    assert rows == MULTILINE_ROWS
    assert plain_text(table.caption) == "Here’s the caption. It, too, may span multiple lines."


HEADERLESS_MULTILINE = (COLUMNS + BODY + COLUMNS
                        + "\n: Here's a multiline table without a header.\n")


def test_a_headerless_multiline_table_aligns_as_its_first_row(tmp_path):
    [table] = read(tmp_path, HEADERLESS_MULTILINE)
    assert texts(table) == ([], MULTILINE_ROWS)
    assert table.aligns == ["center", "left", "right", "left"]
    assert plain_text(table.caption) == "Here’s a multiline table without a header."


def test_headerless_rows_of_one_line_each_are_a_simple_table(tmp_path):
    # No blank line before the closing dashes: Pandoc reads a simple table.
    [table] = read(tmp_path, """\
-------     ------ ----------   -------
     12     12        12             12
    123     123       123           123
      1     1          1              1
-------     ------ ----------   -------
""")
    assert texts(table) == ([], [["12"] * 4, ["123"] * 4, ["1"] * 4])
    assert table.aligns == ["right", "left", "center", "right"]


def test_a_one_row_multiline_table_joins_its_lines(tmp_path):
    [table] = read(tmp_path, """\
------------------------
 Name    Note
-------- ---------------
 Ada     wrote the first
         program

------------------------
""")
    assert texts(table) == (["Name", "Note"], [["Ada", "wrote the first program"]])


def test_a_simple_tables_closing_dashes_are_no_row(tmp_path):
    [table, para] = read(tmp_path, """\
  Right  Left
-------  ------
     12  12
-------  ------

After.
""")
    assert texts(table) == (["Right", "Left"], [["12", "12"]])
    assert plain_text(para.children) == "After."


GRID = """\
: Sample grid table.

+---------------+---------------+--------------------+
| Fruit         | Price         | Advantages         |
+===============+===============+====================+
| Bananas       | $1.34         | - built-in wrapper |
|               |               | - bright color     |
+---------------+---------------+--------------------+
| Oranges       | $2.10         | - cures scurvy     |
|               |               | - tasty            |
+---------------+---------------+--------------------+
"""


def test_a_grid_table_as_pandocs_manual_draws_it(tmp_path):
    [table] = read(tmp_path, GRID)
    # A cell's lines join as a paragraph's; its list items stay as text.
    assert texts(table) == (["Fruit", "Price", "Advantages"],
                            [["Bananas", "$1.34", "\u2022 built-in wrapper \u2022 bright color"],
                             ["Oranges", "$2.10", "\u2022 cures scurvy \u2022 tasty"]])
    assert table.aligns == ["left"] * 3
    assert plain_text(table.caption) == "Sample grid table."


def test_a_grid_tables_colons_align_its_columns(tmp_path):
    [table] = read(tmp_path, """\
+---------------+---------------+--------------------+
| Right         | Left          | Centered           |
+==============:+:==============+:==================:+
| Bananas       | $1.34         | built-in wrapper   |
+---------------+---------------+--------------------+
""")
    assert texts(table) == (["Right", "Left", "Centered"],
                            [["Bananas", "$1.34", "built-in wrapper"]])
    assert table.aligns == ["right", "left", "center"]


def test_a_headerless_grid_table_takes_its_colons_from_the_top(tmp_path):
    [table] = read(tmp_path, """\
+--------------:+:--------------+:------------------:+
| Right         | Left          | Centered           |
+---------------+---------------+--------------------+
| Plums         | Pears         | Quinces            |
+---------------+---------------+--------------------+
""")
    assert texts(table) == ([], [["Right", "Left", "Centered"], ["Plums", "Pears", "Quinces"]])
    assert table.aligns == ["right", "left", "center"]


def test_a_grid_tables_spanning_cells_keep_their_text(tmp_path):
    # One cell to a column (the deck's): a spanning cell's text is in its
    # first row and column; two header rows make one.
    rowspan, two_heads = read(tmp_path, """\
+---------------------+----------+
| Property            | Earth    |
+=============+=======+==========+
|             | min   | -89.2 °C |
| Temperature +-------+----------+
| 1961-1990   | mean  | 14 °C    |
|             +-------+----------+
|             | max   | 56.7 °C  |
+-------------+-------+----------+

+---------------------+-----------------------+
| Location            | Temperature 1961-1990 |
|                     | in degree Celsius     |
|                     +-------+-------+-------+
|                     | min   | mean  | max   |
+=====================+=======+=======+=======+
| Antarctica          | -89.2 | N/A   | 19.8  |
+---------------------+-------+-------+-------+
""")
    assert texts(rowspan) == (["Property", "", "Earth"],
                              [["Temperature 1961-1990", "min", "-89.2 °C"],
                               ["", "mean", "14 °C"], ["", "max", "56.7 °C"]])
    assert texts(two_heads) == (
        ["Location", "Temperature 1961-1990 in degree Celsius min", "mean", "max"],
        [["Antarctica", "-89.2", "N/A", "19.8"]])


def test_a_grid_tables_header_rows_are_kept_as_drawn(tmp_path):
    # The header as pandoc reads it: Location over two rows, the spanner
    # over three columns, then its columns' own headings.
    [table] = read(tmp_path, GRID_SPANNER)
    assert [[(plain_text(c.children), c.column, c.colspan, c.rowspan) for c in row]
            for row in table.head_rows] == [
        [("Location", 0, 1, 2), ("Temperature 1961-1990 in degree Celsius", 1, 3, 1)],
        [("min", 1, 1, 1), ("mean", 2, 1, 1), ("max", 3, 1, 1)]]
    assert [plain_text(c) for c in table.column_heads()] == ["Location", "min", "mean", "max"]
    assert table.aligns == ["left", "right", "right", "right"]


def test_a_one_row_header_without_spans_has_no_layout(tmp_path):
    [table] = read(tmp_path, GRID)
    assert table.head_rows == []


GRID_SPANNER = """\
+---------------------+-----------------------+
| Location            | Temperature 1961-1990 |
|                     | in degree Celsius     |
|                     +-------+-------+-------+
|                     | min   | mean  | max   |
+=====================+======:+======:+======:+
| Antarctica          | -89.2 | N/A   | 19.8  |
+---------------------+-------+-------+-------+
"""


def test_a_cell_over_two_columns_is_one_column_of_text(tmp_path):
    # Pandoc spans the cell over both columns; the model has no spans.
    [table] = read(tmp_path, "+---+---+\n| a     |\n+---+---+\n")
    assert texts(table) == ([], [["a"]])


def test_a_grid_tables_paragraphs_and_foot_keep_their_text(tmp_path):
    [table] = read(tmp_path, """\
+---------------+---------------+
| Fruit         | Price         |
+===============+===============+
| Bananas       | One paragraph.|
|               |               |
|               | And another.  |
+---------------+---------------+
| Sum           | $3.44         |
+===============+===============+
""")
    assert texts(table) == (["Fruit", "Price"], [["Bananas", "One paragraph. And another."],
                                                 ["Sum", "$3.44"]])


def test_a_grid_cells_paragraphs_and_list_items_stand_on_lines_of_their_own(tmp_path):
    [table] = read(tmp_path, """\
+-----------+---------------------------------+
| Event     | Description                     |
+===========+=================================+
| Epistaxis | Minor nosebleed; resolved with  |
|           | humidification.                 |
|           |                                 |
|           | - no transfusion                |
|           | - no withdrawal, with a line    |
|           |   that goes on                  |
|           |                                 |
|           | 1. first                        |
+-----------+---------------------------------+
| Other     | A dash - inside - a paragraph   |
|           | - and a line starting with one  |
+-----------+---------------------------------+
""")
    cell = table.rows[0][1]
    lines = [[]]
    for node in cell:
        lines.append([]) if isinstance(node, LineBreak) else lines[-1].append(node)
    assert [plain_text(line) for line in lines] == [
        "Minor nosebleed; resolved with humidification.", "\u2022 no transfusion",
        "\u2022 no withdrawal, with a line that goes on", "1. first"]
    assert plain_text(table.rows[1][1]) == \
        "A dash - inside - a paragraph - and a line starting with one"  # no list: as pandoc


CODE_IN_A_CELL = """\
+-----------+---------------------------------+
| Field     | Explanation                     |
+===========+=================================+
| `author`  | Who wrote it:                   |
|           |                                 |
|           | ``` yaml                        |
|           | author:                         |
|           |   - name: Ann `Lee`             |
|           |     affiliations:               |
|           | ```                             |
|           |                                 |
|           | Then ```a``` and more.          |
+-----------+---------------------------------+
"""


def test_a_grid_cells_fenced_code_keeps_its_lines_and_indentation(tmp_path):
    """apaquarto's options page shows YAML in its table's cells: the fence's
    lines were joined as a paragraph's, one code span "yaml author: - name:
    Ann …" whose language leaked and whose nesting was lost."""
    [table] = read(tmp_path, CODE_IN_A_CELL)
    lines = [[]]
    for node in table.rows[0][1]:
        lines.append([]) if isinstance(node, LineBreak) else lines[-1].append(node)
    nbsp = "\u00a0"
    assert [plain_text(line) for line in lines] == [
        "Who wrote it:", "author:", f"{nbsp * 2}- name: Ann `Lee`",
        f"{nbsp * 4}affiliations:", "Then a and more."]
    path = tmp_path / "article.md"
    path.write_text("---\ntitle: T\n---\n\n" + CODE_IN_A_CELL, encoding="utf-8")
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        words = pdf.pages[1].extract_words()
    left = {w["text"]: w["x0"] for w in words}
    assert "yaml" not in left and "```" not in left
    assert left["author:"] < left["-"] < left["affiliations:"]  # indented as written


def test_tables_in_list_items_and_block_quotes(tmp_path):
    items, quote = read(tmp_path, """\
* ---------------
   A      B
  ------ --------
   x      y
  ---------------

> +---+---+
> | q | r |
> +---+---+
""")
    assert isinstance(items, BulletList) and isinstance(quote, BlockQuote)
    assert texts(items.items[0][0]) == (["A", "B"], [["x", "y"]])
    assert texts(quote.blocks[0]) == ([], [["q", "r"]])


@pytest.mark.parametrize("body, kinds", [
    ("Above.\n\n-----\n\nBelow.\n", [Para, Rule, Para]),
    ("-----\nText under a rule.\n\nMore text.\n", [Rule, Para, Para]),
    ("A heading\n---------\n\nText.\n", [Heading, Para]),
    ("---\nkey: value\n---\n\nText.\n", [Para]),  # YAML metadata, as pandoc reads it
    ("A +1 paragraph, a + b.\n+---+ and + more\n| not | a table\n", [Para]),
    ("+---+---+\n| a | b\n+---+---+\n", [Para]),  # a cell left open: text, not lost
    ("| a | b |\n|---|---|\n| 1 | 2 |\n", [Table]),
    ("    +---+---+\n    | a | b |\n    +---+---+\n", [CodeBlock]),
    ("    ---------\n     A    B\n    ---- ----\n     x    y\n    ---------\n", [CodeBlock]),
    ("+ one\n+ two\n", [BulletList]),
])
def test_other_constructs_stay_what_they_are(tmp_path, body, kinds):
    blocks = read(tmp_path, body)
    assert [type(b) for b in blocks] == kinds
    if body.startswith("+---"):
        assert "| a | b" in plain_text(blocks[0].children)


def test_a_paragraphs_text_with_pluses_is_kept(tmp_path):
    [para] = read(tmp_path, "Sums: 1 + 2 +3.\n+---+\n")
    assert plain_text(para.children).startswith("Sums: 1 + 2 +3.")


@pytest.mark.parametrize("rule, text", [
    (pandoctables.multiline_table, MULTILINE),
    (pandoctables.grid_table, GRID.split("\n", 2)[2]),
])
def test_silent_mode_says_yes_and_pushes_nothing(rule, text):
    md = parser()
    state = StateBlock(text, md, {}, [])
    assert rule(state, 0, state.lineMax, True)
    assert state.tokens == [] and state.line == 0
    assert rule(state, 0, state.lineMax, False)
    assert state.tokens[0].type == "table_open" and state.line > 0


def test_the_brief_draws_both_kinds(tmp_path):
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: Tables\n---\n\nText.\n\n" + MULTILINE + "\n" + GRID
                       + "\n" + HEADERLESS_MULTILINE, encoding="utf-8")
    result = run_report("pdf", article, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages)
    for cell in ["Centered Header", "Right Aligned", "12.0", "Example of a row that spans",
                 "Bananas", "$2.10", "\u2022 cures scurvy", "Sample grid table."]:
        assert cell in text
    assert text.count("Second") == 2  # the headerless multiline table's rows too


HEADLESS_ON_SLIDES = """\
---
title: Headless
---

# Data

::: slide
## A grid without a header
+-------+--------+
| one   | two    |
+-------+--------+
| three | four   |
+-------+--------+
:::

+-------+--------+
| brief | only   |
+-------+--------+
"""


def test_a_headerless_table_has_no_header_row_anywhere(tmp_path):
    from pptx import Presentation
    article = tmp_path / "article.md"
    article.write_text(HEADLESS_ON_SLIDES, encoding="utf-8")
    for kind, name in (("slides", "deck.pptx"), ("handout", "handout.pdf"), ("html", "b.html")):
        result = run_report(kind, article, "-o", tmp_path / name)
        assert result.returncode == 0, result.stderr
    tables = [shape.table for slide in Presentation(tmp_path / "deck.pptx").slides
              for shape in slide.shapes if shape.has_table]
    assert [[cell.text for cell in row.cells] for row in tables[0].rows] == [
        ["one", "two"], ["three", "four"]]
    assert not tables[0].first_row  # no header for a screen reader to announce
    frame = next(shape for slide in Presentation(tmp_path / "deck.pptx").slides
                 for shape in slide.shapes if shape.has_table)
    assert frame._element.xpath(".//p:cNvPr")[0].get("descr") == "Table. 2 rows."
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert "<thead>" not in html and ">brief</td>" in html
    with pdfplumber.open(tmp_path / "handout.pdf") as pdf:
        assert "three four" in pdf.pages[0].extract_text()


@pytest.mark.parametrize("table", ["| A | B |\n|---|---|\n| 1 | 2 |",
                                   "  A     B\n ---   ---\n  1     2",
                                   "+---+---+\n| A | B |\n+===+===+\n| 1 | 2 |\n+---+---+"])
def test_a_colon_caption_over_a_table_after_a_paragraph(tmp_path, table):
    """Pandoc reads `: Caption` over a table as its caption, not as the
    definition of the paragraph above; a definition list stays one."""
    (tmp_path / "article.md").write_text(
        f"---\ntitle: T\n---\n\nA one-line paragraph.\n\n: Caption Above\n\n{table}\n\n"
        "Term\n\n: its definition\n", encoding="utf-8")
    para, found, terms = source.read(tmp_path / "article.md").blocks
    assert isinstance(para, Para) and isinstance(found, Table)
    assert plain_text(found.caption) == "Caption Above"
    assert plain_text(terms.items[0][0]) == "Term"


SPANNERS = """\
---
title: Spanners
---

Text.

Table: Scores by Test

+--------------+---------------------+---------------------+
| Condition    | Immediate [@lee]    | Delayed             |
|              +----------+----------+----------+----------+
|              | *M*      | *SD*     | *M*      | *SD*     |
+==============+==========+==========+==========+==========+
| Restudy      | 68.4     | 10.2     | 47.2     | 11.6     |
+--------------+----------+----------+----------+----------+
"""


def test_the_brief_sets_column_spanners_over_their_columns(tmp_path):
    """APA §7.10: a spanner centred over its columns, ruled under its words
    apart from the next one's rule; the stub's heading on the last header
    row; a citation in a spanner rendered."""
    article = tmp_path / "article.md"
    article.write_text(SPANNERS, encoding="utf-8")
    (tmp_path / "refs.json").write_text(
        '[{"id": "lee", "type": "book", "title": "Tests", "publisher": "P",'
        ' "author": [{"family": "Lee", "given": "A."}], "issued": {"date-parts": [[2020]]}}]',
        encoding="utf-8")
    result = run_report("pdf", article, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        page = next(p for p in pdf.pages if "Restudy" in p.extract_text())
        assert "Immediate (Lee, 2020) Delayed" in page.extract_text()
        words = page.extract_words()
        # A border is drawn as a line, or as a box clipped to its edge: its bottom.
        rules = [r for r in page.rects + page.lines if r["width"] > 20]
    find = {w["text"]: w for w in reversed(words)}  # the first of each word
    ms = [w for w in words if w["text"] == "M"]
    sds = [w for w in words if w["text"] == "SD"]
    for spanner, m, sd in (("Immediate", ms[0], sds[0]), ("Delayed", ms[1], sds[1])):
        middle = (find[spanner]["x0"] + find[spanner]["x1"]) / 2
        assert m["x0"] < middle < sd["x1"]
    assert abs(find["Condition"]["top"] - ms[0]["top"]) < 1  # on the last header row
    between = sorted({(r["x0"], r["x1"]) for r in rules
                      if find["Delayed"]["bottom"] <= r["bottom"] <= ms[0]["top"]})
    assert len(between) == 2 and between[0][1] < between[1][0]  # two rules, apart
    assert between[0][0] > find["Condition"]["x1"]  # none under the stub's heading


# --- against pandoc (3.9, `-t json`) ------------------------------------------

_ALIGNS = {"AlignLeft": "left", "AlignRight": "right", "AlignCenter": "center",
           "AlignDefault": "left"}


def _pandoc_words(inlines) -> str:
    """Code marked as the reader's words mark it, math as the reader sets it."""
    def other(kind, content):
        if kind == "Code":
            return f"`{content[1]}`"
        if kind == "Math":
            return plain_text(texmath.inlines(content[1], False))
        return None
    return pandoc_words(inlines, other).replace("\u2019", "'")


def _pandoc_block(block) -> tuple:
    kind, c = block["t"], block.get("c")
    if kind == "Table":
        _, caption, specs, (_, head), bodies, _ = c
        rows = head + [row for body in bodies for row in body[3]]
        return ("table", " ".join(_pandoc_words(b["c"]) for b in caption[1]),
                [_ALIGNS[spec[0]["t"]] for spec in specs],
                [[" ".join(_pandoc_words(b["c"]) for b in cell[4]) for cell in row[1]]
                 for row in rows])
    if kind == "CodeBlock":
        return ("code", c[1].rstrip("\n"))
    return {"Para": "p", "Plain": "p", "Header": "h", "HorizontalRule": "hr",
            "DefinitionList": "dl"}.get(kind, kind), _pandoc_words(
        c if kind in ("Para", "Plain") else c[2] if kind == "Header" else [])


def _our_words(inlines) -> str:
    out = []
    for inline in inlines:
        if isinstance(inline, Code):
            out.append(f"`{inline.text}`")
        elif hasattr(inline, "children"):
            out.append(_our_words(inline.children))
        else:
            out.append(plain_text([inline]))
    return " ".join("".join(out).replace("\u2019", "'").split())


def _our_block(block) -> tuple:
    if isinstance(block, Table):
        rows = ([block.header] if any(block.header) else []) + block.rows
        return ("table", _our_words(block.caption), block.aligns,
                [[_our_words(cell) for cell in row] for row in rows])
    if isinstance(block, CodeBlock):
        return ("code", block.text.rstrip("\n"))
    kind = {Para: "p", Heading: "h", Rule: "hr", DefinitionList: "dl"}.get(type(block),
                                                                          type(block).__name__)
    return kind, _our_words(block.children if isinstance(block, (Para, Heading)) else [])


@pytest.mark.parametrize("body", [
    # A right-aligned first column padded past four spaces, as `pandoc -t
    # markdown` writes a table from docx: rows of a pipe table, the header
    # of a simple one. Indented code stays code: a pipe table's header and
    # dashes, and a simple table's dashes, are at most three spaces in.
    "Number of siblings | Salary\n------------------:|:------\n                 3 | 33\n"
    "                 4 | 44\n\nAfter.\n",
    "      N    Mean\n  -----  ------\n     12    3.4\n      7    2.5\n\nAfter.\n",
    "Text.\n\n    Fruit\n  -----\n    Apple\n",
    "a | b\n--|--\n    3 | 4\n        x\n    5|6\n",
    "    a | b\n    --|--\n    3 | 4\n",
    "Text.\n\n    code\n    -- --\n    x y\n",
    "Text.\n\n    code line 1\n    code line 2\n  ----  ----\n  a     b\n",
    # Pipes in a code span, in math, in a tag and escaped keep to their cell;
    # extra cells are dropped, missing ones left empty.
    "| Model | Formula |\n|---|---|\n| M1 | `y ~ x | g` |\n| M2 | `y ~ 1` |\n",
    "| A | B |\n|---|---|\n| $|x|$ | a \\| b |\n| <span title=\"a|b\">c</span> | d | e |\n"
    "| f |\n",
    "| A | B | C |\n|--:|:-:|\n| 1 | 2 |\n",
    # A caption over a table, wrapped over lines, after a paragraph.
    "Some text.\n\n: Means by group,\nfor all groups.\n\n| Group | Mean |\n|---|---|\n"
    "| A | 3.4 |\n\nAfter.\n",
    "Some text.\n\n: Means by group,\nfor all groups.\n\n\nGroup  Mean\n-----  ----\nA      3.4\n",
    "Some text.\n\n: Wrapped\ncaption.\n\nNumber | Salary\n------:|:------\n     3 | 33\n",
    # A caption under one table, then a term-like line and a caption over the next.
    "  Right  Left\n  -----  ----\n     12  12\n\n  :  Under.\n\nWith caption:\n\n"
    ":  Over, it may span\nmultiple lines.\n\n----------\n Head\n----  ----\n 1    2\n"
    "----------\n",
    # One column: a pipe on either side of its dashes.
    "single column table | \n------------------- | \nitem 1              |\n",
    "| a\n|---\n| b\n",
    # One-column multiline tables, and a line between two rules.
    "Text.\n\n-----------\n Fruit\n-----------\n Bans\n-----------\n\nTable: Sample.\n",
    "Para\n\n---\nSome text\n---\n\nMore\n",
    "-----\nTitle\n-----\n\nPara\n\n-----\n\nText\n\n-----\n",
])
def test_tables_read_as_pandoc_reads_them(tmp_path, body):
    out = subprocess.run([str(PANDOC), "-f", "markdown", "-t", "json"], input=body,
                          capture_output=True, text=True, check=True)
    pandocs = [_pandoc_block(b) for b in json.loads(out.stdout)["blocks"]]
    assert [_our_block(b) for b in read(tmp_path, body)] == pandocs


def test_a_one_column_simple_table_keeps_its_words(tmp_path):
    """Dashes a space or more in under a line: a table of one column, as
    pandoc reads it (flush left they underline a setext heading), but its
    words whole, where pandoc cuts as many letters off as the dashes are in."""
    blocks = read(tmp_path, "Fruit\n  -----\nApple\n\nTitle\n-----\n\nText.\n")
    assert [_our_block(b) for b in blocks] == [
        ("table", "", ["left"], [["Fruit"], ["Apple"]]), ("h", "Title"), ("p", "Text.")]
