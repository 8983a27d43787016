"""Raw HTML blocks of lists, headings, quotes, code and definitions read as
the Markdown they stand for, in every output (report/htmlmarkdown.py)."""

from __future__ import annotations

from pptx import Presentation

from report import source
from report.model import (BlockQuote, BulletList, Cite, Code, CodeBlock, DefinitionList,
                          Emph, Heading, Link, OrderedList, PageBreak, Para, Rule, Strong,
                          Superscript, Text, Underline, plain_text)

REFS = '[{"id": "doe2020", "type": "book", "title": "A book", ' \
       '"author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2020]]}}]'


def _article(tmp_path, body: str):
    (tmp_path / "refs.json").write_text(REFS, encoding="utf-8")
    path = tmp_path / "article.md"
    path.write_text(f"---\ntitle: T\n---\n\n{body}\n", encoding="utf-8")
    return path


def _blocks(tmp_path, body: str) -> list:
    return source.read(_article(tmp_path, body)).blocks


def _texts(items) -> list[str]:
    return [plain_text(item[0].children) for item in items]


def test_an_html_list_is_a_list_with_one_item_per_li(tmp_path):
    [bullets, numbers] = _blocks(tmp_path, """<ul>
<li>First with <em>emphasis</em></li>
<li>Second [@doe2020]</li>
</ul>

<ol start="3">
  <li>Three</li>
  <li>Four
    <ul><li>Four a</li><li>Four b</li></ul>
  </li>
</ol>""")
    assert isinstance(bullets, BulletList) and _texts(bullets.items) == ["First with emphasis",
                                                                         "Second [@doe2020]"]
    assert bullets.items[0][0].children[1] == Emph([Text("emphasis")])
    assert isinstance(bullets.items[1][0].children[1], Cite)
    assert isinstance(numbers, OrderedList) and numbers.start == 3
    assert _texts(numbers.items) == ["Three", "Four"]
    assert _texts(numbers.items[1][1].items) == ["Four a", "Four b"]


def test_an_html_list_nests_in_a_list_item_and_keeps_its_numbering(tmp_path):
    [outer, lettered, roman] = _blocks(tmp_path, """- item one
  <ul><li>nested a</li><li>nested b</li></ul>
- item two

<ol type="a"><li>alpha</li><li>beta</li></ol>

<ol type="I" start="3"><li>third<p>more</p></li><li>fourth</li></ol>""")
    assert isinstance(outer, BulletList) and len(outer.items) == 2
    assert _texts(outer.items[0][1].items) == ["nested a", "nested b"]
    assert (lettered.style, _texts(lettered.items)) == ("lower-alpha", ["alpha", "beta"])
    assert (roman.style, roman.start) == ("upper-roman", 3)
    assert [plain_text(b.children) for b in roman.items[0]] == ["third", "more"]


def test_an_html_heading_is_a_heading_with_its_id(tmp_path):
    heading, para = _blocks(tmp_path, '<h2 id="methods">The <b>methods</b></h2>\n\nSee below.')
    assert isinstance(heading, Heading) and heading.level == 2 and heading.ident == "methods"
    assert heading.children == [Text("The "), Strong([Text("methods")])]
    assert para == Para([Text("See below.")])


def test_quotes_code_rules_definitions_and_details(tmp_path):
    quote, code, rule, terms, summary, hidden = _blocks(tmp_path, """<blockquote>
<p>One.</p>
<p>Two.</p>
</blockquote>

<pre class="sourceCode python"><code>if a &lt; b:
    print(a)</code></pre>

<hr>

<dl><dt>Term</dt><dd>Its definition.</dd></dl>

<details>
<summary>More</summary>
Hidden words.
</details>""")
    assert quote == BlockQuote([Para([Text("One.")]), Para([Text("Two.")])])
    assert code == CodeBlock("if a < b:\n    print(a)\n", "python")  # as a fenced block
    assert isinstance(rule, Rule)
    assert isinstance(terms, DefinitionList)
    assert plain_text(terms.items[0][0]) == "Term"
    assert plain_text(terms.items[0][1][0][0].children) == "Its definition."
    assert (summary, hidden) == (Para([Text("More")]), Para([Text("Hidden words.")]))


def test_words_inside_the_tags_are_markdown_and_entities_stay_characters(tmp_path):
    [para] = _blocks(tmp_path, "<p>*Stressed* and 2^10^, <u>underlined</u>, "
                               "&lt;em&gt; AT&amp;T.</p>")
    assert para.children[0] == Emph([Text("Stressed")])
    assert Superscript([Text("10")]) in para.children
    assert Underline([Text("underlined")]) in para.children
    assert plain_text(para.children).endswith(", <em> AT&T.")


def test_a_div_around_markdown_and_the_page_break_idiom_are_kept_as_before(tmp_path):
    blocks = _blocks(tmp_path, """<div class="note">

**Note:** words.

- one
- two

</div>

<div style="page-break-after: always;"></div>

After.""")
    assert blocks[0] == Para([Strong([Text("Note:")]), Text(" words.")])
    assert isinstance(blocks[1], BulletList) and isinstance(blocks[2], PageBreak)
    assert blocks[3] == Para([Text("After.")])


def test_an_unknown_key_in_an_html_block_is_reported_where_it_is_written(tmp_path):
    from conftest import run_report
    _article(tmp_path, "<ul>\n<li>One</li>\n<li>Two [@nobody2020]</li>\n</ul>")
    done = run_report("html", "article.md", cwd=tmp_path)
    assert done.returncode == 1
    assert "article.md:7:9: unknown citation key 'nobody2020'" in done.stderr


def test_an_html_list_is_bullets_on_its_slide(tmp_path):
    from conftest import run_report
    _article(tmp_path, "# Findings\n\n<ul>\n<li>Prices rose.</li>\n<li>Wages fell.</li>\n</ul>")
    done = run_report("slides", "article.md", "-o", "deck.pptx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    paragraphs = [p.text for slide in Presentation(tmp_path / "deck.pptx").slides
                  for shape in slide.shapes if shape.has_text_frame
                  for p in shape.text_frame.paragraphs]
    assert "Prices rose." in paragraphs and "Wages fell." in paragraphs


def test_markdown_inside_html_keeps_its_code_math_and_autolinks(tmp_path):
    """What BeautifulSoup would take for tags (`a < b`, <https://…>) is left as written."""
    div, para, bullets = _blocks(tmp_path, """<div>
Use `a < b && c` and <https://x.org/?a=1&b=2>.
</div>

<p>Mail <me@example.org>, see `x<y`.</p>

<ul><li>`x && y` then $a<b$</li></ul>""")
    assert div.children[1] == Code("a < b && c")
    assert isinstance(div.children[3], Link) and div.children[3].url == "https://x.org/?a=1&b=2"
    assert para.children[1].url == "mailto:me@example.org" and para.children[3] == Code("x<y")
    assert bullets.items[0][0].children[0] == Code("x && y")
    assert "b" in plain_text(bullets.items[0][0].children)  # the math whole


def test_a_div_holds_markdown_line_for_line(tmp_path):
    fence, listed, heading = _blocks(tmp_path, """<div class="x">
```python
x = 1
    y = 2
```
- a
- b
</div>

<section>
# Inside
</section>""")
    assert fence == CodeBlock("x = 1\n    y = 2\n", "python")
    assert _texts(listed.items) == ["a", "b"]
    assert heading.position.line == 15  # where it is written, not where the block starts


def test_html_lists_across_blank_lines_and_unclosed_items(tmp_path):
    numbered, unclosed, terms = _blocks(tmp_path, """<ol start="5">
<li>one</li>

<li>two</li>
</ol>

<ol>
<li>three
<li>four
</ol>

<dl>
<dt>Term
<dd>Def one
<dt>Term2
<dd>Def two
</dl>""")
    assert (numbered.start, _texts(numbered.items)) == (5, ["one", "two"])
    assert _texts(unclosed.items) == ["three", "four"]
    assert [plain_text(term) for term, _ in terms.items] == ["Term", "Term2"]


def test_a_page_break_div_before_a_heading_and_a_hash_in_html_words(tmp_path):
    brk, heading, para = _blocks(tmp_path, '<div style="page-break-after: always"></div>\n'
                                           "# Next\n\n<p># not a heading</p>")
    assert isinstance(brk, PageBreak) and isinstance(heading, Heading)
    assert para == Para([Text("# not a heading")])


def test_braces_in_a_heading_are_words_and_letters_past_z_are_digits(tmp_path):
    """As pandoc reads them: `{#x}` in an HTML heading, or escaped in a
    Markdown one, is text; an `<ol type="A">` that runs past Z numbers all
    its items in digits, one list."""
    html, escaped, listed = _blocks(tmp_path, '<h2>Title {#x}</h2>\n\n## Other \\{#y}\n\n'
                                              '<ol type="A" start="26">\n<li>Z item</li>\n'
                                              '<li>AA item</li>\n</ol>\n')
    assert (html.children, html.ident) == ([Text("Title {#x}")], "title-x")
    assert (escaped.children, escaped.ident) == ([Text("Other {#y}")], "other-y")
    assert (listed.start, listed.style, _texts(listed.items)) == (26, "decimal",
                                                                  ["Z item", "AA item"])


def test_a_start_that_is_no_number_starts_at_one(tmp_path):
    """`<ol start="²">`: markdownify's int() refused it (make fuzz), an internal error."""
    [numbers] = _blocks(tmp_path, '<ol start="²"><li>x</li><li>y</li></ol>')
    assert isinstance(numbers, OrderedList) and numbers.start == 1 and _texts(numbers.items) == [
        "x", "y"]
