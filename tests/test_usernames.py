"""Social-media usernames (report/usernames.py, APA 7 §10.15), read back
from the brief's PDF: the list gives "Name [@username]", a citation the
name alone, and a group's post is lettered with the group's other works
of its year. The rest of each citation and entry is citeproc-js's given
the names without their brackets.
"""

from __future__ import annotations

import json
import re
import shutil

import pdfplumber
import pytest
from test_groupnames import EXPECT_JS, built, citeproc_js

CDC = "Centers for Disease Control and Prevention"
ITEMS = [
    {"id": "cdctweet", "type": "post", "genre": "Tweet", "container-title": "X",
     "title": "Measles is highly contagious", "author": [{"literal": f"{CDC} [@CDCgov]"}],
     "issued": {"date-parts": [[2025, 3, 4]]}, "URL": "https://x.com/CDCgov/status/1"},
    {"id": "cdcpage", "type": "webpage", "title": "Measles cases and outbreaks",
     "author": [{"literal": CDC}], "container-title": CDC,
     "issued": {"date-parts": [[2025, 7, 9]]}, "URL": "https://www.cdc.gov/measles/"},
    {"id": "insta", "type": "post", "genre": "Photograph", "container-title": "Instagram",
     "title": "Free MMR vaccine clinics this week",
     "author": [{"family": "Texas DSHS [@texasdshs]"}],
     "issued": {"date-parts": [[2025, 3, 3]]}, "URL": "https://www.instagram.com/p/x/"},
    {"id": "gates", "type": "post", "genre": "Tweet", "container-title": "X",
     "title": "Vaccines save lives", "author": [{"family": "Gates", "given": "Bill [@BillGates]"}],
     "issued": {"date-parts": [[2025, 1, 2]]}, "URL": "https://x.com/BillGates/status/2"},
]
CITES = ["[@cdctweet]", "@cdctweet", "[@cdcpage]", "[@insta; @gates]", "@insta [para. 2]"]
WANTED = [f"({CDC}, 2025a)", f"{CDC} (2025a)", f"({CDC}, 2025b)",
          "(Gates, 2025; Texas DSHS, 2025)", "Texas DSHS (2025, para. 2)"]


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory) -> tuple[list[str], list[str]]:
    """Each labelled sentence's citation in the brief, and the list's entries."""
    folder = tmp_path_factory.mktemp("usernames")
    (folder / "refs.json").write_text(json.dumps(ITEMS), encoding="utf-8")
    body = " ".join(f"C{n} {cite}." for n, cite in enumerate(CITES))
    article = folder / "article.md"
    article.write_text(f"---\ntitle: Posts\n---\n\n{body}\n", encoding="utf-8")
    with pdfplumber.open(built("pdf", article, ".pdf")) as pdf:
        pages = [page.extract_text().splitlines()[1:] for page in pdf.pages[1:]]
    text = " ".join(line for page in pages if page[0] != "References" for line in page)
    entries = next(page[1:] for page in pages if page[0] == "References")
    cited = dict(re.findall(r"\bC(\d) (.*?\))\.", text))
    return [cited.get(str(n)) for n in range(len(CITES))], _joined(entries)


def _joined(lines: list[str]) -> list[str]:
    """The list's lines, one entry each: an entry's first line begins with
    its author, its others go on."""
    entries = []
    for line in lines:
        if re.match(rf"({CDC}|Gates|Texas DSHS)\b", line):
            entries.append(line)
        else:
            entries[-1] += ("" if entries[-1].endswith("/") else " ") + line
    return entries


def test_a_citation_names_the_author_without_the_username(pdf_text):
    assert pdf_text[0] == WANTED


def test_the_list_gives_the_username_after_the_name(pdf_text):
    """Ordered and lettered by the name alone (§9.46–9.47): the CDC's post
    of March is 2025a, its page of July 2025b."""
    assert [re.match(r"(.*?)\. \((\d{4}[a-z]?)", entry).groups() for entry in pdf_text[1]] == [
        (f"{CDC} [@CDCgov]", "2025a"), (CDC, "2025b"), ("Gates, B. [@BillGates]", "2025"),
        ("Texas DSHS [@texasdshs]", "2025")]


def test_all_else_is_citeproc_js_s_for_the_names_alone(pdf_text):
    if shutil.which("node") is None or not (EXPECT_JS.parent / "node_modules").is_dir():
        pytest.skip("needs node and tools/csl/node_modules (cd tools/csl && npm ci)")
    bare = json.loads(json.dumps(ITEMS).replace(" [@CDCgov]", "").replace(" [@texasdshs]", ""))
    clusters, entries = citeproc_js(bare, CITES)
    assert pdf_text[0] == clusters
    listed = [entries[key] for key in ("cdctweet", "cdcpage", "gates", "insta")]
    listed[0] = listed[0].replace(f"{CDC}.", f"{CDC} [@CDCgov].", 1)
    listed[1] = listed[1].replace(f" {CDC}. https", " https")  # §10.16: the site is the author
    listed[3] = listed[3].replace("Texas DSHS.", "Texas DSHS [@texasdshs].", 1)
    assert pdf_text[1] == listed


def test_a_name_with_an_ampersand_or_apostrophe_keeps_its_username(tmp_path):
    """The engine prints "&" raw and curls the apostrophe: the name is
    still found in its entry, and the username put back after it."""
    items = [{"id": key, "type": "post", "genre": "Tweet", "container-title": "X",
              "title": f"Post {key}", "author": [{"literal": name}],
              "issued": {"date-parts": [[2020, 3, 4]]}, "URL": f"https://x.com/{key}/1"}
             for key, name in [("jnj", "Johnson & Johnson [@JNJNews]"),
                               ("chop", "Children's Hospital [@CHOP]")]]
    (tmp_path / "refs.json").write_text(json.dumps(items), encoding="utf-8")
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: Posts\n---\n\nA [@jnj]. B [@chop].\n", encoding="utf-8")
    with pdfplumber.open(built("pdf", article, ".pdf")) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    entries = text[text.rindex("References"):]
    assert "Johnson & Johnson [@JNJNews]. (2020" in entries
    assert "Children\u2019s Hospital [@CHOP]. (2020" in entries


def test_a_name_its_entry_does_not_print_is_warned_of(capsys):
    from report import usernames
    handles = {"k": [("Johnson & Johnson", "[@JNJNews]")]}
    entry = "J&amp;J. (2020). <i>Post</i>."
    assert usernames.restore("k", entry, handles, ("refs.json", 3)) == entry
    assert "refs.json:3" in capsys.readouterr().err
