"""Issue 7: random articles and references either build or fail cleanly.

Each example is read, cited, written as HTML and laid out as slides,
in-process; anything but a ReportError is a bug. `make fuzz` runs many
more examples than `make test`.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from report import pipeline
from report.slidemodel import deck_theme
from report.slides import plan
from report.brief import render_html
from report.errors import ReportError

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

KEYS = ["smith2020", "doe-2019", "org:report", "a_b"]
MARKDOWN_BITS = st.sampled_from([
    "# Heading\n", "## Sub\n", "##### Five\n", "text ", "*em* ", "**strong** ", "[link](x) ",
    "[@smith2020] ", "[see @doe-2019, pp. 3-5; -@a_b] ", "@org:report [p. 3] ", "@nobody ",
    "[@", "]", "::: slide\n", "::: notes\n", ":::\n", "::: {#refs}\n", "- item\n",
    "1. step\n", "> quote\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "Table: cap\n",
    "[^1]", "\n[^1]: note\n", "`code` ", "<b>raw</b> ", "\n\n", "\"quoted\" -- ... --- ",
    "![alt](nothere.png)\n", "\t", "\\", "{", "@", "---\n",
    # raw HTML and TeX (report/rawinline.py), cross-references (report/crossref.py)
    "H<sub>2</sub>O ", "<i>open ", "</b>", "\\emph{x} ", "\\href{u}{t} ", "\\vspace{1em} ",
    "$\\href{x}$ ", "@fig-a ", "[-@tbl-b] ", "[@fig-a; @smith2020] ", "{#fig-a}",
    ": cap {#tbl-b}\n", "(@) ex\n", "(@ex) and (@ex)\n", "$$ x $$ {#eq-c}\n",
    "::: {#fig-d}\n", "# H {#sec-e}\n",
    # Pandoc's multiline and grid tables (report/pandoctables.py)
    "-------\n", "--- ---\n", "+---+---+\n", "| a | b |\n", "+===+===+\n",
    # Quarto's callouts; headings that refer to themselves
    "::: callout-tip\n", "::: {.callout-note title=\"T\"}\n", "# See @sec-e {#sec-e}\n",
    # Quarto's code cells
    "```{r}\n#| label: fig-a\n#| fig-cap: x\nplot()\n```\n", "```{python}\n#| echo: false\n",
    "\\begin{align}\na &= b \\\\\n\\end{align}\n",
    "<div style=\"page-break-after: always\"></div>\n",
    # HTML tables and images (report/rawblocks.py), Quarto's shortcodes
    "<table>\n", "</table>\n", "<tr><th>a</th><td colspan=2>b", "<caption>c {#tbl-b}",
    "<img src=\"nothere.png\">\n", "<figure>\n", "<figcaption>x</figcaption></figure>\n",
    "{{< meta title >}} ", "{{< kbd a >}} ", "{{{< x >}}} ", "{{< lipsum >}} ", "{{< ",
    # task lists, escaped spaces, nested divs, cluster order (this round's reader)
    "- [ ] task\n", "- [x] done\n", "a\\ b ", "::: {.outer}\n", ":::: x\n",
    "@smith2020\n[p. 4] ", "[see -@smith2020, p. 4] ", "[@smith2020, and more; @doe-2019] ",
    # other HTML blocks (report/htmlmarkdown.py)
    "<ul>\n", "<li>", "</li>\n", "</ul>\n", "<ol start=\"x\">", "<h2 id=\"a b\">", "</h2>\n",
    "<blockquote>", "<pre><code>", "</code></pre>\n", "<dl><dt>", "<dd>", "<hr>\n", "&lt;",
])
article_bodies = st.lists(MARKDOWN_BITS | st.text(max_size=12), max_size=25).map("".join)
front_values = st.one_of(st.none(), st.text(max_size=20), st.integers(),
                         st.lists(st.text(max_size=8), max_size=3),
                         st.dictionaries(st.text(string.ascii_lowercase, max_size=5),
                                         st.text(max_size=5), max_size=2))
front_matter = st.dictionaries(
    st.sampled_from(["title", "short-title", "author", "abstract", "keywords", "paper",
                     "date", "nocite", "slides", "lang", "papersize", "bogus",
                     "author-note", "affiliations", "documentmode", "suppress-orcid",
                     "references", "bibliography"]),
    front_values, max_size=6)

names = st.lists(st.one_of(
    st.fixed_dictionaries({"family": st.text(max_size=10)},
                          optional={"given": st.text(max_size=8)}),
    st.fixed_dictionaries({"literal": st.text(max_size=12)}),
    st.dictionaries(st.sampled_from(["given", "suffix"]), st.text(max_size=5), max_size=2)),
    max_size=4)
dates = st.one_of(st.fixed_dictionaries({"date-parts": st.lists(
    st.lists(st.one_of(st.integers(-5, 3000), st.text(max_size=4)), min_size=0, max_size=4),
    min_size=0, max_size=2)}), st.text(max_size=5), st.none())
references = st.lists(st.fixed_dictionaries(
    {"id": st.one_of(st.sampled_from(KEYS), st.text(max_size=6))},
    optional={"type": st.sampled_from(["book", "article-journal", "webpage", "chapter",
                                       "report", "bogus", ""]),
              "title": st.text(max_size=30), "author": names, "editor": names,
              "issued": dates, "container-title": st.text(max_size=10),
              "URL": st.text(max_size=10), "page": st.text(max_size=6)}), max_size=6)


def attempt(front: dict, body: str, refs) -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "refs.json").write_text(json.dumps(refs), encoding="utf-8")
        import yaml
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\n" + body
        (folder / "article.md").write_text(text, encoding="utf-8")
        try:
            doc = pipeline.load(folder / "article.md")
            render_html(doc, standalone=False)
            with deck_theme(doc), contextlib.redirect_stderr(io.StringIO()):
                plan(doc)
        except ReportError:
            pass


@FUZZ
@given(front=front_matter, body=article_bodies)
def test_random_articles_build_or_fail_cleanly(front, body):
    front.setdefault("title", "Fuzz")
    attempt(front, body, [{"id": k, "type": "book", "title": k} for k in KEYS])


@FUZZ
@given(refs=references)
def test_random_references_build_or_fail_cleanly(refs):
    attempt({"title": "Fuzz", "nocite": "@*"}, "Text [@smith2020] and @doe-2019.\n", refs)
