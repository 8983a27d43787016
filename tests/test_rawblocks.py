"""Raw HTML blocks: an HTML table is a table and an `<img>` on its own
lines a figure, in every output (report/rawblocks.py)."""

from __future__ import annotations

import pdfplumber
from conftest import run_report
from PIL import Image

from report import brief, pipeline
from report.model import Cite, Figure, Para, Strong, Table, Text, plain_text

REFS = '[{"id": "doe2020", "type": "book", "title": "A book", ' \
       '"author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2020]]}}]'


def _article(tmp_path, text: str):
    (tmp_path / "refs.json").write_text(REFS, encoding="utf-8")
    Image.new("RGB", (40, 20), (30, 60, 120)).save(tmp_path / "box.png")
    (tmp_path / "article.md").write_text(f"---\ntitle: T\n---\n\n{text}\n", encoding="utf-8")
    return tmp_path / "article.md"


def _blocks(tmp_path, text: str) -> list:
    return pipeline.load(_article(tmp_path, text)).blocks


TABLE = """<table>
<caption>Counts by <em>year</em> {#tbl-counts}</caption>
<thead>
<tr><th>Year</th><th style="text-align: right">Count</th><th align="center">Note</th></tr>
</thead>
<tbody>
<tr><td>2024</td><td>**12** [@doe2020]</td><td>first
line</td></tr>
<tr><td>2025<td>13<td>no closing tags
</tbody>
</table>

See @tbl-counts."""


def test_an_html_table_is_a_table(tmp_path):
    table, see = _blocks(tmp_path, TABLE)
    assert isinstance(table, Table) and table.ident == "tbl-counts" and table.number == 1
    assert plain_text(table.caption) == "Counts by year"
    assert [plain_text(c) for c in table.header] == ["Year", "Count", "Note"]
    assert table.aligns == ["left", "right", "center"]
    assert [[plain_text(c) for c in row] for row in table.rows] == [
        ["2024", "12 (Doe, 2020)", "first line"], ["2025", "13", "no closing tags"]]
    assert isinstance(table.rows[0][1][0], Strong) and isinstance(table.rows[0][1][2], Cite)
    assert plain_text(see.children) == "See Table 1."


def test_a_first_row_of_th_is_the_header_and_of_td_none(tmp_path):
    headed, plain = _blocks(tmp_path, "<table><tr><th>A</th><th>B</th></tr>\n"
                                      "<tr><td>1</td><td>2</td></tr></table>\n\n"
                                      "<TABLE>\n<tr><td>x</td><td>y</td></tr>\n</TABLE>")
    assert [plain_text(c) for c in headed.header] == ["A", "B"] and len(headed.rows) == 1
    assert plain.header == [] and [plain_text(c) for c in plain.rows[0]] == ["x", "y"]


def test_spanning_cells_are_said_and_rows_padded(tmp_path, capsys):
    table, = _blocks(tmp_path, '<table>\n<tr><th>A</th><th>B</th></tr>\n'
                               '<tr><td colspan="2">both</td></tr>\n</table>')
    assert [plain_text(c) for c in table.rows[0]] == ["both", ""]
    assert "article.md:5:1: warning: the table's cells that span" in capsys.readouterr().err


def test_a_header_of_two_rows_keeps_its_spanners(tmp_path, capsys):
    # As pandoc reads it (and Word writes it): the thead's rows, a cell
    # spanning rows or columns placed where a browser places it.
    doc = pipeline.load(_article(tmp_path, (
        '<table>\n<thead>\n'
        '<tr><th rowspan="2">Group</th><th colspan="2">Test</th></tr>\n'
        '<tr><th align="right">M</th><th align="right">SD</th></tr>\n'
        '</thead>\n<tr><td>A</td><td>1.2</td><td>0.3</td></tr>\n</table>')))
    table, = doc.blocks
    assert [[(plain_text(c.children), c.column, c.colspan, c.rowspan) for c in row]
            for row in table.head_rows] == [[("Group", 0, 1, 2), ("Test", 1, 2, 1)],
                                            [("M", 1, 1, 1), ("SD", 2, 1, 1)]]
    assert [plain_text(c) for c in table.header] == ["Group", "Test M", "SD"]  # the deck's
    assert table.aligns == ["left", "right", "right"]
    assert [[plain_text(c) for c in row] for row in table.rows] == [["A", "1.2", "0.3"]]
    assert "span" not in capsys.readouterr().err  # drawn as written: nothing to say
    html = brief.render_html(doc)
    assert '<th rowspan="2">Group</th>' in html  # centred, as every heading (brief.css)
    assert '<th colspan="2" class="upper spanner"><span>Test' in html


def test_an_unclosed_table_stays_text(tmp_path):
    para, = _blocks(tmp_path, "<table>\n<tr><td>x</td></tr>")
    assert isinstance(para, Para) and plain_text(para.children) == "x"


def test_an_img_on_its_own_lines_is_a_figure(tmp_path):
    blocks = _blocks(tmp_path, '<img src="box.png" alt="A box" width="300">\n\n'
                               '<p align="center"><img src="box.png"></p>\n\n'
                               '<figure id="fig-box">\n<img src="box.png" alt="Box">\n'
                               '<figcaption>A <b>blue</b> box</figcaption>\n</figure>\n\n'
                               '<figure><img src="box.png"><figcaption>Labelled {#fig-two}'
                               '</figcaption></figure>\n\nSee @fig-box and @fig-two.')
    plain, centred, captioned, labelled, see = blocks
    assert all(isinstance(b, Figure) and b.src == "box.png" for b in blocks[:4])
    assert plain.alt == "A box" and plain.width == "300px" and plain.caption == []
    assert captioned.ident == "fig-box" and plain_text(captioned.caption) == "A blue box"
    assert captioned.alt == "Box" and labelled.ident == "fig-two"
    assert plain_text(labelled.caption) == "Labelled"
    assert plain_text(see.children) == "See Figure 3 and Figure 4."


def test_an_img_names_its_missing_file(tmp_path):
    result = run_report("html", _article(tmp_path, '<img src="gone.png">'),
                        "-o", tmp_path / "out.html")
    assert result.returncode == 1
    assert "article.md:5:1: the image 'gone.png' does not exist" in result.stderr


def test_an_image_among_words_is_its_alt_text_and_said(tmp_path, capsys):
    para, = _blocks(tmp_path, 'An ![icon](box.png) and <img src="box.png" alt="a box"> here, '
                              "![it's](box.png).")
    assert para.children == [Text("An icon and a box here, it\u2019s.")]
    err = capsys.readouterr().err
    assert "article.md:5:4: warning: the image 'box.png' among words prints as its alt " \
           "text 'icon'" in err
    assert "article.md:5:25: warning: the image 'box.png' among words prints as its alt " \
           "text 'a box'" in err


def test_the_brief_prints_them(tmp_path):
    article = _article(tmp_path, TABLE + '\n\n<figure>\n<img src="box.png">\n'
                                 '<figcaption>The box</figcaption>\n</figure>')
    html = brief.render_html(pipeline.load(article))
    assert "<th" in html and "Counts by <em>year</em>" in html
    out = tmp_path / "brief.pdf"
    result = run_report("pdf", article, "-o", out)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages)
        images = sum(len(page.images) for page in pdf.pages)
    assert "Table 1" in text and "Counts by year" in text and "Figure 1" in text
    assert "12 (Doe, 2020)" in text and "<td>" not in text and images == 1


def test_a_table_interrupts_a_paragraph_and_words_after_it_stay(tmp_path):
    para, table, after = _blocks(tmp_path, "Here is the table:\n<table>\n<tr><th>N</th></tr>\n"
                                           "<tr><td>1</td></tr>\n</table> and more words.")
    assert plain_text(para.children) == "Here is the table:" and isinstance(table, Table)
    assert plain_text(after.children) == "and more words."


def test_a_footer_prints_last_and_comments_and_code_hold_no_tags(tmp_path):
    table, = _blocks(tmp_path, "<table>\n<thead><tr><th>K</th></tr></thead>\n"
                               "<tfoot><tr><td>Total</td></tr></tfoot>\n"
                               "<tbody><tr><td>`a <table>`</td></tr>\n<!-- old: </table> -->\n"
                               "<tr><td>b &amp; c</td></tr>\n"
                               "<tr><td><table><tr><td>in1</td><td>in2</td></tr></table></td></tr>"
                               "</tbody>\n</table>")
    assert [plain_text(row[0]) for row in table.rows] == ["a <table>", "b & c", "in1 in2",
                                                          "Total"]


def test_img_attributes_are_read_as_html_reads_them(tmp_path):
    for name in ("a&b.png", "my pic.png"):
        Image.new("RGB", (4, 4)).save(tmp_path / name)
    first, second, third = _blocks(
        tmp_path, '<img src="box.png" alt="Tom &amp; Jerry, a > b">\n\n'
                  '<img\n  src="a&amp;b.png" alt="two lines">\n\n'
                  '<figure><img src="my%20pic.png" id="fig-img">'
                  '<figcaption>Cap {#fig-cap}</figcaption></figure>\n\nSee @fig-cap.')[:3]
    assert (first.alt, second.src, second.alt) == ("Tom & Jerry, a > b", "a&b.png", "two lines")
    assert (third.src, third.ident) == ("my pic.png", "fig-cap")


def test_an_img_without_a_file_says_so(tmp_path):
    result = run_report("html", _article(tmp_path, '<img alt="x">'), "-o", tmp_path / "o.html")
    assert result.returncode == 1 and "article.md:5:1: an image names no file" in result.stderr


def test_raw_blocks_read_html_and_keep_other_formats_page_breaks(tmp_path):
    """Pandoc's ```` ```{=html} ```` block is HTML, read as HTML blocks are;
    a LaTeX or Word (openxml) block is left out, as pandoc leaves it out of
    HTML, but its page break starts a page; `{=pptx}` is left out too. (Each
    printed its content as written.)"""
    _article(tmp_path, "Before.\n\n```{=html}\n<p>From <em>HTML</em>.</p>\n```\n\n"
             "```{=latex}\n\\begin{tabular}{ll}a & b\\end{tabular}\n```\n\n"
             "```{=latex}\n\\newpage\n```\n\nSecond.\n\n"
             "```{=openxml}\n<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>\n```\n\nThird.\n\n"
             "~~~{=pptx}\n<p:sp/>\n~~~\n\nEnd.\n")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        pages = [page.extract_text() for page in pdf.pages[1:]]
    assert len(pages) == 3
    assert pages[0].endswith("Before.\nFrom HTML.")
    assert pages[1].endswith("Second.") and pages[2].endswith("Third.\nEnd.")
    assert not any(mark in "".join(pages) for mark in ("tabular", "w:", "p:sp", "{="))


def test_a_tex_environment_is_left_out_whole_and_said(tmp_path, capsys):
    """Pandoc's raw TeX block: a LaTeX table printed "Animal & Number \\ Dog & 2 \\"."""
    blocks = _blocks(tmp_path, "Before.\n\n\\begin{tabular}{|l|l|}\\hline\nAnimal & Number \\\\\n"
                               "\\begin{tabular}{l}\nIn & In \\\\\n\\end{tabular}\n"
                               "\\end{tabular}\n\nAfter.\n\n\\begin{equation}\nE = mc^2\n"
                               "\\end{equation}\n\n\\begin{center}\nnever closed")
    assert [type(b).__name__ for b in blocks] == ["Para", "Para", "Equation", "Para"]
    assert [plain_text(b.children) for b in blocks[:2]] == ["Before.", "After."]
    assert "never closed" in plain_text(blocks[3].children)
    said = capsys.readouterr().err
    assert "article.md:7:1: warning: the TeX environment '\\begin{tabular}' (to line 12) " \
        "is left out" in said


def test_an_environment_inside_display_math_is_the_equations(tmp_path, capsys):
    """PLOS's Quarto template writes `$$`, `\\begin{aligned} … \\end{aligned}`,
    `$$ {#eq-x}` on their own lines: the environment is the math's, not a
    raw TeX block, and the equation is numbered where the text refers to it
    (the build stopped: "no equation in the brief is labelled 'eq-p'")."""
    path = _article(tmp_path, "See @eq-p here.\n\n$$\n\\begin{aligned}\nP = H(Y) - H(X)\n"
                              "\\end{aligned}\n$$ {#eq-p}\n\nAfter.\n\n"
                              "\\begin{center}\nraw\n\\end{center}")
    pdf = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert pdf.returncode == 0, pdf.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as doc:
        text = " ".join(page.extract_text() for page in doc.pages)
    assert "See Equation 1 here." in text and "(1)" in text
    assert "TeX environment '\\begin{aligned}'" not in pdf.stderr
    assert "TeX environment '\\begin{center}'" in pdf.stderr  # outside math: still left out


def test_dollars_in_the_block_above_do_not_open_display_math(tmp_path):
    """`_in_display_math` counted the `$$` of every line up to a blank one:
    a code fence's `echo $$` right above `\\begin{center}` made the
    environment the math's (its words printed), and right above `$$` made
    `\\begin{aligned}` a raw TeX block (the equation lost)."""
    fence = "```sh\necho $$\n```\n"
    path = _article(tmp_path, f"See @eq-p here.\n\n{fence}\\begin{{center}}\nraw words\n"
                              f"\\end{{center}}\n\n{fence}$$\n\\begin{{aligned}}\nP = H(Y)\n"
                              "\\end{aligned}\n$$ {#eq-p}\n\nAfter.\n")
    pdf = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert pdf.returncode == 0, pdf.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as doc:
        text = " ".join(page.extract_text() for page in doc.pages)
    assert "TeX environment '\\begin{center}'" in pdf.stderr
    assert "raw words" not in text
    assert "TeX environment '\\begin{aligned}'" not in pdf.stderr
    assert "See Equation 1 here." in text and "(1)" in text
