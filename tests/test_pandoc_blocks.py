"""The reader's blocks against pandoc's own (3.9, `-t json`): what the
differential fuzzer found reading otherwise — fancy lists in block quotes
and in list items, markers in code or in a paragraph's lazy lines, and the
blocks pandoc lets start only after a blank line."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pypandoc
import pytest
from conftest import pandoc_words, run_report
from PIL import Image

from report import source
from report.model import (BlockQuote, BulletList, Cite, Code, CodeBlock, DefinitionList, Figure,
                          Heading, OrderedList, Para, Rule, SmallCaps, Table, plain_text)

PANDOC = Path(pypandoc.__file__).parent / "files" / "pandoc"
pytestmark = pytest.mark.skipif(not PANDOC.exists(), reason="pandoc is not installed")

_STYLES = {"Decimal": "decimal", "LowerAlpha": "lower-alpha", "UpperAlpha": "upper-alpha",
           "LowerRoman": "lower-roman", "UpperRoman": "upper-roman", "Example": "example",
           "DefaultStyle": "decimal"}
_DELIMS = {"Period": ".", "OneParen": ")", "TwoParens": "()", "DefaultDelim": "."}


def _pandocs(block) -> tuple:
    kind, c = block["t"], block.get("c")
    if kind in ("Para", "Plain"):
        return ("p", pandoc_words(c))
    if kind == "Header":
        return ("h", pandoc_words(c[2]))
    if kind == "BlockQuote":
        return ("quote", [_pandocs(b) for b in c])
    if kind == "BulletList":
        return ("ul", [[_pandocs(b) for b in item] for item in c])
    if kind == "OrderedList":
        (start, style, delim), items = c
        return ("ol", start, _STYLES[style["t"]], _DELIMS[delim["t"]],
                [[_pandocs(b) for b in item] for item in items])
    if kind == "CodeBlock":
        return ("code", c[1].rstrip("\n"))
    if kind == "HorizontalRule":
        return ("hr",)
    if kind == "DefinitionList":
        return ("dl", [(pandoc_words(term), [[_pandocs(b) for b in d] for d in definitions])
                       for term, definitions in c])
    if kind == "Table":
        return ("table", " ".join(pandoc_words(b["c"]) for b in c[1][1]))
    if kind == "Figure":
        image = c[2][0]["c"][0]["c"]
        return ("figure", pandoc_words(c[1][1][0]["c"]), image[2][0],
                {k: v for k, v in image[0][2] if k in ("width", "height")})
    return (kind,)


def _ours(block) -> tuple:
    if isinstance(block, Para):
        return ("p", " ".join(plain_text(block.children).split()))
    if isinstance(block, Heading):
        return ("h", " ".join(plain_text(block.children).split()))
    if isinstance(block, BlockQuote):
        return ("quote", [_ours(b) for b in block.blocks])
    if isinstance(block, BulletList):
        return ("ul", [[_ours(b) for b in item] for item in block.items])
    if isinstance(block, OrderedList):
        return ("ol", block.start, block.style, block.delimiter,
                [[_ours(b) for b in item] for item in block.items])
    if isinstance(block, CodeBlock):
        return ("code", block.text.rstrip("\n"))
    if isinstance(block, Rule):
        return ("hr",)
    if isinstance(block, DefinitionList):
        return ("dl", [(" ".join(plain_text(term).split()),
                        [[_ours(b) for b in d] for d in definitions])
                       for term, definitions in block.items])
    if isinstance(block, Table):
        return ("table", plain_text(block.caption).strip())
    if isinstance(block, Figure):
        sizes = {"width": block.width, "height": block.height}
        return ("figure", plain_text(block.caption), block.src,
                {k: v for k, v in sizes.items() if v})
    return (type(block).__name__,)


def _both(tmp_path, body: str) -> tuple[list, list]:
    path = tmp_path / "article.md"
    path.write_text("---\ntitle: T\n---\n\n" + body, encoding="utf-8")
    ours = [_ours(b) for b in source.read(path).blocks]
    read = subprocess.run([str(PANDOC), "-f", "markdown", "-t", "json"], input=body,
                          capture_output=True, text=True, check=True)
    return ours, [_pandocs(b) for b in _undivided(json.loads(read.stdout)["blocks"])]


def _undivided(node):
    """pandoc's blocks with each div's blocks in its place: the brief's
    divs are transparent."""
    if isinstance(node, dict):
        return {k: _undivided(v) for k, v in node.items()}
    if not isinstance(node, list):
        return node
    out = []
    for item in node:
        if isinstance(item, dict) and item.get("t") == "Div":
            out.extend(_undivided(item["c"][1]))
        else:
            out.append(_undivided(item))
    return out


@pytest.mark.parametrize("body", [
    # Markers in a list item's indented code, and in a paragraph's lazy line: as written.
    "- item\n\n      iii) umber\n      iv) forest\n",
    "- item\n\n      #. one\n      #. two\n",
    "- Elder ocean.\n      3. tomato\n",
    # Fancy lists in block quotes, and a list inside an item from above 1.
    "> a. grape\n> b. quebec\n",
    "> (3) three\n> (4) four\n",
    "> G) golf\n> H) hotel\n",
    "> vii. seven\n> viii. eight\n",
    "> #. one\n> #. two\n",
    "> - survey\n>   3) india\n",
    "- a\n  b. c\n  c. d\n",
    "1. a\n   text\n   - b\n",
    # Another bullet goes on with the list: pandoc, unlike CommonMark.
    "- a\n- b\n\n+ c\n", "- a\n- b\n+ c\n", "* a\n\n  + x\n  - y\n* b\n\n- c\n",
    # A rule's line is no bullet: in a list, the item's lazy line; after a blank, a rule.
    "- a\n* * *\n- b\n", "- a\n  - b\n* * *\n- c\n", "- a\n\n* * *\n\n- b\n",
    "- a\n- - -\n- b\n", "- a\n- ---\n- b\n", "- a\n- b\n- - -\n",
])
def test_lists_read_as_pandoc_reads_them(tmp_path, body):
    ours, pandocs = _both(tmp_path, body)
    assert ours == pandocs


@pytest.mark.parametrize("body", [
    # A line of dashes under a list's first line: pandoc tries setext
    # headings and simple tables before ordered lists (not bullet lists).
    "1. a\n- - -\n2. b\n", "1. a\n- - -\n2. b\n\nafter\n", "1. a\n--- ---\n2. b\n",
    "x\n\n1. a\n- - -\n\n2. b\n", "1. a\n---\n2. b\n", "> a\n---\n", "| a\n- -\n| b\n",
    "> a  b\n- -\n> c d\n", "```\n- -\nx\n```\n",
    # In an item, the underline of a heading there, lazy or not.
    "1. a\n2. b\n---\n3. c\n", "- a\n---\n- b\n", "- a\n  - b\n  ---\n", "- a\n ---\n",
    "- item\n\n      text\n  ---\n", "Term\n: def\n---\n",
    # A line four spaces in over an underline: a heading, not code and a rule.
    "    text\n----\n", "    text\n===\n\nafter\n", "        text\n---\n", "\ttext\n---\n",
    "para\n\n    text\n---\n", "x\n\n- a\n\n    code\n---\n",
    # Two code lines, or an underline indented, are code and a rule.
    "    a\n    text\n---\n", "    text\n   ---\n", "    text\n\n---\n",
])
def test_an_underline_under_a_list_or_code_line_as_in_pandoc(tmp_path, body):
    ours, pandocs = _both(tmp_path, body)
    assert ours == pandocs


@pytest.mark.parametrize("line", ["- b", "1. b", "a. b", "# b", "> b", "***",
                                  "::: {.x}\nin\n:::", "| a | b |\n|---|---|\n| 1 | 2 |"])
def test_a_paragraphs_next_line_goes_on_with_it_as_in_pandoc(tmp_path, line):
    """Hard-wrapped prose whose next line starts "- " or "# " is one paragraph."""
    ours, pandocs = _both(tmp_path, "The text\n" + line + "\n")
    assert ours == pandocs
    assert ours[0][0] == "p"


@pytest.mark.parametrize("body", ["The text\n```\ncode\n```\n", "> a\n> b\n\n- x\n  - y\n",
                                  "- a\n  # h\n", "> a\n> # h\n"])
def test_what_follows_a_line_directly_as_in_pandoc(tmp_path, body):
    ours, pandocs = _both(tmp_path, body)
    assert ours == pandocs


@pytest.mark.parametrize("body", [
    # A quote runs to the next blank line, lines without `>` read as the quote's.
    "> a\nb\n\nc\n", "> a\n# b\n", "> a\n1. b\n", "> a\n***\n", "> a\n>\nb\n",
    "> - a\n- b\n", "> > a\nb\n\nc\n", "> 1. a\nb\n", "- > a\n> b\n",
    # What ends it early: an item of the list it is in, a closed fence of backticks.
    "- > a\n- b\n", "- x\n\n  > a\n  b\n1. c\n", "> a\n```\nb\n```\n",
    # A setext heading's text is one line.
    "> a\n---\n", "a\nb\n---\n", "a\nb\n===\n\nc\n", "> a\nb\n---\n",
])
def test_a_block_quotes_lines_run_to_a_blank_line_as_in_pandoc(tmp_path, body):
    ours, pandocs = _both(tmp_path, body)
    assert ours == pandocs


@pytest.mark.parametrize("body", [
    "> ::: {.note}\n> Quoted div text.\n> :::\n\nAfter.\n",
    "> Quote start.\n>\n> ::: {.note}\n> Quoted div text.\n> :::\n\nAfter.\n",
    # Nested in the quote with fences of one length, and a quoted div in a div.
    "> ::: {.a}\n> ::: {.b}\n> x\n> :::\n> y\n> :::\n\nAfter.\n",
    "::: {.a}\n> ::: {.b}\n> x\n> :::\n:::\n\nAfter.\n",
    "> > ::: {.a}\n> > x\n> > :::\n> y\n\nAfter.\n",
])
def test_a_fenced_div_in_a_block_quote_as_in_pandoc(tmp_path, body):
    ours, pandocs = _both(tmp_path, body)
    assert ours == pandocs
    assert ours[0][0] == "quote" or ours[0][1][0] == "quote"


def test_a_div_never_closed_in_a_block_quote_ends_with_it_as_in_pandoc(tmp_path, capsys):
    """pandoc 3.9 closes it at the quote's end, with a warning (case 9635);
    it stopped the build, its hint "end it with a line of ''"."""
    ours, pandocs = _both(tmp_path, "> ::: {.fence}\n> that is\n> not closed\n\nokay\n")
    assert ours == pandocs == [("quote", [("p", "that is not closed")]), ("p", "okay")]
    assert ("article.md:5:1: warning: the '> ::: {.fence}' div is never closed: it ends "
            "with its block quote, at line 7; end it with a line of ':::' after its content"
            ) in capsys.readouterr().err


@pytest.mark.parametrize("body", [
    "Intro.\n\n::: note\nInside this.\n\nMore.\n",
    # Later divs' fences close them, not it: it holds them, and the sections between.
    "Text.\n\n::: {.box}\n- a bullet\n\n# Next\n\nMore.\n\n::: {.aside}\nSaid.\n:::\n\n"
    "# Last\n\nEnd.\n",
])
def test_a_div_never_closed_holds_the_rest_as_in_pandoc(tmp_path, body, capsys):
    """pandoc 3.9 closes it at the article's end, with a warning; the build
    stopped with an error."""
    ours, pandocs = _both(tmp_path, body)
    assert ours == pandocs
    assert "article.md:7:1: warning: the '::: " in capsys.readouterr().err
    html = tmp_path / "out.html"
    result = run_report("html", tmp_path / "article.md", "-o", html)
    assert result.returncode == 0, result.stderr
    words = " ".join(re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8")).split())
    assert body.split()[-1] in words and "never closed: it ends at the article's end" \
        in result.stderr


_TABLE = "| Ridge | Walnut |\n|---|:-:|\n| border | `violet72` |\n"


@pytest.mark.parametrize("body", [
    _TABLE + "\ntable: Lower caption.\n",
    _TABLE + "\nTable: Upper caption.\n",
    # The caption over the table is pandoc's choice; the one under it a paragraph.
    "xray\n\n:   Golf mountain.\n\n" + _TABLE + "\n: Policy `castle`.\n\nAfter.\n",
    "Table: A\n\n" + _TABLE + "\nTable: B\n\n" + _TABLE,
    _TABLE + "\nTable: B\n\n" + _TABLE,
    # A `: text` that goes on with a definition list is a definition, no caption.
    "A\n: x\n\nTerm\n\n: Def.\n\n" + _TABLE + "\n: Juliet.\n",
    "A\n: x\n\n    more\n\nTerm\n\n: Def.\n\n" + _TABLE,
    "A\n: x\n\n\n: Def.\n\n" + _TABLE,
    "A\n: x\n\nT1\nT2\n\n: Cap.\n\n" + _TABLE,
])
def test_table_captions_as_pandoc_reads_them(tmp_path, body):
    ours, pandocs = _both(tmp_path, body)
    assert ours == pandocs


def test_a_caption_no_table_takes_prints_as_written(tmp_path):
    """A `: Caption` over what only looks like a table: never a word the author didn't write."""
    ours, _ = _both(tmp_path, "x\n\n: Cap here\n\n+-- nope\n")
    words = " ".join(str(block) for block in ours)
    assert "Cap here" in words and "Table" not in words and "\ufdd4" not in words


def _inline_kinds(inlines) -> list:
    """Each inline's kind, a citation's with the last word it holds beside
    its key (pandoc keeps "p. 3" as written, the reader reads its label)."""
    out = []
    for inline in inlines:
        if isinstance(inline, dict):  # pandoc's
            kind, c = inline["t"], inline.get("c")
            if kind == "Cite":
                item = c[0][0]
                out.append(("Cite", item["citationMode"]["t"] == "AuthorInText",
                            pandoc_words(item["citationPrefix"]),
                            pandoc_words(item["citationSuffix"]).split()[-1:]))
            elif kind == "SmallCaps":
                out.append((kind, _inline_kinds(c)))
            elif kind == "Span":  # ours: its words, where a class of no meaning leaves them
                out.extend(_inline_kinds(c[-1]))
        elif isinstance(inline, Cite):
            item = inline.items[0]
            held = " ".join(filter(None, [item.locator and item.locator.value or "",
                                          item.suffix.strip(" ,")]))
            out.append(("Cite", inline.narrative, item.prefix.strip(), held.split()[-1:]))
        elif isinstance(inline, SmallCaps):
            out.append(("SmallCaps", _inline_kinds(inline.children)))
    return out


@pytest.mark.parametrize("body", ["As @smith2020 [growth]{.smallcaps} says.\n",
                                  "As @smith2020[growth]{.smallcaps} says.\n",
                                  "As [@smith2020]{.smallcaps} says.\n",
                                  "As @smith2020 [p. 3] says.\n"])
def test_a_bracket_with_attributes_is_a_span_never_a_locator(tmp_path, body):
    path = tmp_path / "article.md"
    path.write_text("---\ntitle: T\n---\n\n" + body, encoding="utf-8")
    ours = _inline_kinds(source.read(path).blocks[0].children)
    read = subprocess.run([str(PANDOC), "-f", "markdown", "-t", "json"], input=body,
                          capture_output=True, text=True, check=True)
    assert ours == _inline_kinds(json.loads(read.stdout)["blocks"][0]["c"])


def _pandoc_cells(table) -> list:
    """A pandoc table's caption, then its rows' cell words, header first."""
    _, caption, _, (_, head), bodies, _ = table["c"]
    rows = head + [row for body in bodies for row in body[3]]
    cells = [[" ".join(pandoc_words(b["c"]) for b in cell[4]) for cell in row[1]] for row in rows]
    return [" ".join(pandoc_words(b["c"]) for b in caption[1]), cells]


def _our_cells(table: Table) -> list:
    rows = ([table.header] if table.header else []) + table.rows
    return [plain_text(table.caption).strip(),
            [[" ".join(plain_text(cell).split()) for cell in row] for row in rows]]


_MULTI = ("-----------------\n Head1     Head2\n------- ---------\n a         b\n\n"
          " c         d\n-----------------\n")
_COLUMNS = "-----  -----\nalpha  beta\n-----  -----\n1      2\n"


@pytest.mark.parametrize("body", [
    # A multiline table ends at its closing dashes, whatever comes right under them.
    _MULTI + "Table: Cap.\n", _MULTI + "Para text.\n", _MULTI + "> quote\n",
    "- x\n\n" + _MULTI + "\nAfter.\n",
    "-----------------\n Head1     Head2\n------- ---------\n a         b\n"
    "-----------------\n c         d\n-----------------\n",
    # Opened by the columns' dashes, it still has a header; without closing
    # dashes, a headerless simple table of one row.
    _COLUMNS + "3      4\n-----  -----\n", _COLUMNS + "\n3      4\n-----  -----\n",
    _COLUMNS + "3      4\n\n",
])
def test_tables_rows_and_captions_as_pandoc_reads_them(tmp_path, body):
    path = tmp_path / "article.md"
    path.write_text("---\ntitle: T\n---\n\n" + body, encoding="utf-8")
    blocks = source.read(path).blocks
    read = subprocess.run([str(PANDOC), "-f", "markdown", "-t", "json"], input=body,
                          capture_output=True, text=True, check=True)
    pandocs = json.loads(read.stdout)["blocks"]
    assert [_our_cells(b) if isinstance(b, Table) else _ours(b) for b in blocks] == \
        [_pandoc_cells(b) if b["t"] == "Table" else _pandocs(b) for b in pandocs]


@pytest.mark.parametrize("body", ["## Head ## {#y}\n", "## X ## {.unnumbered}\n",
                                  "# Two words #   {#z}\n", "## Two ##\n"])
def test_a_headings_closing_hashes_before_its_attributes_as_in_pandoc(tmp_path, body):
    ours, pandocs = _both(tmp_path, body)
    assert ours == pandocs


@pytest.mark.parametrize("body", ["Term\n: def\n---\n", "Term\n: def\n===\n\nafter\n",
                                  "Term\n~ def\n---\n\nafter\n"])
def test_a_definition_list_over_dashes_stays_a_list_as_in_pandoc(tmp_path, body):
    """Never a setext heading "Term : def" of the term and its definition."""
    ours, pandocs = _both(tmp_path, body)
    assert [kind[0] for kind in ours] == [kind[0] for kind in pandocs]
    assert ours[0][0] == "dl"


@pytest.mark.parametrize("body", [
    # A definition's blocks stand where its text starts after the marker.
    "T\n:   d\n\n    e\n", "T\n:   d\n\n  e\n", "T\n: d\n\n  e\n", "T\n:  d\n\n   e\n",
    "T\n:\td\n\n  e\n", "T\n:    d\n\n    e\n", "T\n:   d\n\n        code\n",
    "T\n  :   d\n\n    e\n", "T\n:      d\n\n     e\n",
    # Lazy lines, a second definition with a second paragraph, a list inside.
    "T\n:   d\ne\n", "T\n:   d\n\n:   d2\n\n    e2\n", "T\n:   - x\n    - y\n\n    more\n",
])
def test_a_definitions_blocks_as_pandoc_reads_them(tmp_path, body):
    ours, pandocs = _both(tmp_path, body)
    assert ours == pandocs


@pytest.mark.parametrize("body", ["(@good) x\n\nSee @good.\n", "See @good.\n\n(@good) x\n",
                                  "(@good) x\n\n(@) y\n\nSee @good's and -@good, not `@good`.\n",
                                  # Above its example, `-@good` prints the number alone.
                                  "See -@good.\n\n(@good) x\n",
                                  "See x-@good, (-@good), `-@good`.\n\n(@good) x\n"])
def test_an_at_label_of_an_example_prints_its_number_as_in_pandoc(tmp_path, body):
    """Pandoc's example_lists: `@good` names the example (1), no bibliography key."""
    ours, pandocs = _both(tmp_path, body)
    paragraph = next(block for block in pandocs if block[0] == "p")
    assert paragraph in ours


@pytest.mark.parametrize("body", [
    "![A caption.](img.png){width='50%'}\n\nText [span]{.x key='v'} here.\n",
    "![A caption.](img.png){width=\"50%\" height='2in'}\n",
    "![A caption.](img.png){#fig-a .c width=50% title='a}b'}\n\nSee [it]{.x a.b='c d'}.\n",
])
def test_attribute_values_in_single_quotes_or_bare_as_in_pandoc(tmp_path, body):
    Image.new("RGB", (4, 3), "white").save(tmp_path / "img.png")
    ours, pandocs = _both(tmp_path, body)
    assert ours == pandocs
    assert ours[0][0] == "figure"



def _codes(node) -> list[str]:
    """The text of each code block and code span in pandoc's JSON, in order."""
    if isinstance(node, list):
        return [text for item in node for text in _codes(item)]
    if not isinstance(node, dict):
        return []
    if node.get("t") in ("CodeBlock", "Code"):
        return [node["c"][1].rstrip("\n")]
    return _codes(node.get("c"))


def _our_codes(node) -> list[str]:
    if isinstance(node, (CodeBlock, Code)):
        return [node.text.rstrip("\n")]
    if isinstance(node, list):
        return [text for item in node for text in _our_codes(item)]
    if hasattr(node, "__dataclass_fields__"):
        return [text for name in node.__dataclass_fields__
                for text in _our_codes(getattr(node, name))]
    return []


@pytest.mark.parametrize("body", [
    "    a\tb\n    ab\tc\n    \tx\n",
    "```\nq\tr\nqq\tr\n\tlead\n```\n",
    "~~~ {.python}\nif x:\n\treturn\t1\n~~~\n",
    "- item\n\n      i\tj\n",
    "> ```\n> z\tw\n> ```\n",
    "Text `a\tb` and `ab\tc`, then ``x\t\ty``.\n",
])
def test_tabs_in_code_are_spaces_to_four_column_stops_as_in_pandoc(tmp_path, body):
    path = tmp_path / "article.md"
    path.write_text("---\ntitle: T\n---\n\n" + body, encoding="utf-8")
    ours = _our_codes(source.read(path).blocks)
    read = subprocess.run([str(PANDOC), "-f", "markdown", "-t", "json"], input=body,
                          capture_output=True, text=True, check=True)
    assert ours == _codes(json.loads(read.stdout)["blocks"])
    assert ours and not any("\t" in text for text in ours)


def test_tabs_in_code_print_as_pandocs_spaces_in_the_brief(tmp_path):
    """The brief's PDF shows a code block's tabs as the spaces pandoc reads:
    to the next stop of four columns, not a browser's eight."""
    import pdfplumber
    from conftest import run_report
    body = "Text.\n\n```\nkey\tvalue\nkeyboard\tv\n```\n"
    (tmp_path / "article.md").write_text("---\ntitle: T\n---\n\n" + body, encoding="utf-8")
    result = run_report("pdf", tmp_path / "article.md", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "brief.pdf") as pdf:
        words = {w["text"]: w for page in pdf.pages for w in page.extract_words()}
    column = (words["key"]["x1"] - words["key"]["x0"]) / 3  # monospaced
    read = subprocess.run([str(PANDOC), "-f", "markdown", "-t", "json"], input=body,
                          capture_output=True, text=True, check=True)
    lines = _codes(json.loads(read.stdout)["blocks"])[0].split("\n")
    assert lines == ["key value", "keyboard    v"]
    for line, word in zip(lines, ("value", "v")):
        at = (words[word]["x0"] - words["key"]["x0"]) / column
        assert abs(at - line.index(word)) < 0.2, (word, at)
