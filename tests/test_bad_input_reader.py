"""Bad input a reviewer found (review 15): read as pandoc reads it, or
refused with a message naming file:line and what to do, never silently
wrong and never an internal error."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pdfplumber

from conftest import run_report

REFS = [{"id": "smith2020", "type": "book", "title": "A book",
         "author": [{"family": "Smith", "given": "Ann"}], "issued": {"date-parts": [[2020]]},
         "publisher": "Press"}]


def project(tmp_path: Path, article: str, refs=REFS) -> Path:
    folder = tmp_path / "paper"
    folder.mkdir(exist_ok=True)
    (folder / "refs.json").write_text(json.dumps(refs), encoding="utf-8")
    path = folder / "article.md"
    path.write_text(article, encoding="utf-8")
    return path


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


# --- an unclosed code fence --------------------------------------------------

UNCLOSED = ("---\ntitle: Fences\n---\n\nIntro.\n\n- item\n\n  ~~~\n  code in item\n\n"
            "> quote\n>\n> ```\n> quoted code\n\n```\nstray code\n\n# Later Heading\n\n"
            "Later text cites @smith2020.\n")


def test_an_unclosed_fence_is_text_as_in_pandoc_and_warned(tmp_path):
    article = project(tmp_path, UNCLOSED)
    out = article.parent / "brief.html"
    result = run_report("html", article, "-o", out)
    assert result.returncode == 0, result.stderr
    for line, fence in ((9, "~~~"), (14, "```"), (17, "```")):
        column = UNCLOSED.splitlines()[line - 1].find(fence) + 1
        assert re.search(rf"article\.md:{line}:{column}: warning: the {fence} fence opened here "
                         rf"is never closed; .*close it with a line of {fence}",
                         result.stderr), result.stderr
    html = out.read_text(encoding="utf-8")
    # pandoc 3.9: no code block at all; the heading a heading, the citation cited
    assert "<pre" not in html
    assert re.search(r"<h\d[^>]*>\s*Later Heading\s*</h\d>", html), html
    assert "Smith, 2020" in html or "Smith (2020)" in html


def test_a_closed_fence_stays_code_without_a_warning(tmp_path):
    article = project(tmp_path, "---\ntitle: Fences\n---\n\n```\n# not a heading\n```\n\nText.\n")
    out = article.parent / "brief.pdf"
    result = run_report("pdf", article, "-o", out)
    assert result.returncode == 0 and "never closed" not in result.stderr, result.stderr
    assert "# not a heading" in pdf_text(out)


# --- an image too large -----------------------------------------------------

FIGURE = "---\ntitle: Pixels\n---\n\nFigure 1 shows it.\n\n![A large figure](big.png)\n"


def _blank_png(path: Path, width: int, height: int) -> None:
    from PIL import Image
    Image.new("1", (width, height)).save(path)  # one bit a pixel: a small file


def test_an_image_past_pillows_limit_is_an_error_with_its_size(tmp_path):
    article = project(tmp_path, FIGURE)
    _blank_png(article.parent / "big.png", 20000, 20000)
    for kind, out, result in _built(article, ("pdf", "slides", "handout", "html")):
        assert result.returncode == 1, (kind, result.stderr)
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
        assert re.search(r"article\.md:7:1: the image 'big\.png' is 20000×20000 px "
                         r"\(400 million pixels\).*\n  save it smaller", result.stderr), \
            result.stderr
        assert not out.exists()


def test_an_image_in_pillows_warning_range_builds_with_one_warning_of_ours(tmp_path):
    article = project(tmp_path, FIGURE)
    _blank_png(article.parent / "big.png", 10000, 10000)
    for kind, out, result in _built(article, ("pdf", "handout", "slides")):
        assert result.returncode == 0, (kind, result.stderr)
        assert re.search(r"article\.md:7:1: warning: the image 'big\.png' is 10000×10000 px "
                         r"\(100 million pixels\).*save it smaller", result.stderr), result.stderr
        assert "DecompressionBomb" not in result.stderr, (kind, result.stderr)
        assert out.stat().st_size > 0


# --- an SVG the brief cannot draw ----------------------------------------------

SVG_FIGURE = "---\ntitle: Drawings\n---\n\nFigure 1 shows it.\n\n![A drawing](fig.svg)\n"
SVGS = {
    "cut short": ("<svg xmlns='http://www.w3.org/2000/svg'><rect", r"unclosed token"),
    "external entity": ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM '
                        '"file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">'
                        '<text>&x;</text></svg>', r"undefined entity &x;"),
    "entity expansion": ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
                         + "".join(f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
                                   for p, n in zip("abcdefgh", "bcdefghi"))
                         + ']><svg xmlns="http://www.w3.org/2000/svg"><text>&i;</text></svg>',
                         r"amplification"),
    "not svg": ('<?xml version="1.0"?><html><svg/></html>', r"root is <html>"),
}


def test_an_svg_that_cannot_be_read_is_an_error_in_every_output(tmp_path):
    article = project(tmp_path, SVG_FIGURE)
    for name, (svg, said) in SVGS.items():
        (article.parent / "fig.svg").write_text(svg, encoding="utf-8")
        for kind, out, result in _built(article, ("pdf", "slides", "handout", "html")):
            assert result.returncode == 1, (name, kind, result.stderr)
            assert re.search(rf"article\.md:7:1: the image 'fig\.svg' is no SVG the brief can "
                             rf"draw \(its XML.*{said}.*\n  save it again", result.stderr), \
                (name, kind, result.stderr)
            assert not out.exists()


def test_a_well_formed_svg_is_drawn(tmp_path):
    article = project(tmp_path, SVG_FIGURE)
    (article.parent / "fig.svg").write_text(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY w "Widget">]><svg '
        'xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="5" y="30" '
        'font-size="20">&w; drawn</text></svg>', encoding="utf-8")
    out = article.parent / "brief.pdf"
    result = run_report("pdf", article, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "Widget drawn" in pdf_text(out)


# --- a file: URL ---------------------------------------------------------------

def test_a_file_url_outside_the_folder_is_refused_as_an_image(tmp_path):
    article = project(tmp_path, "---\ntitle: T\n---\n\nFigure 1.\n\n"
                                "![Passwd](file:///etc/passwd)\n")
    for kind, out, result in _built(article, ("pdf", "slides", "html")):
        assert result.returncode == 1, (kind, result.stderr)
        assert re.search(r"article\.md:7:1: the image 'file:///etc/passwd' is outside the "
                         r"article's folder\n  copy it beside", result.stderr), result.stderr
        assert not out.exists()


def test_a_file_url_inside_the_folder_is_its_file_as_in_pandoc(tmp_path):
    from PIL import Image
    folder = tmp_path / "paper"
    folder.mkdir()
    Image.new("RGB", (40, 30), "blue").save(folder / "my fig.png")
    url = (folder / "my fig.png").as_uri()  # file:///…/my%20fig.png
    article = project(tmp_path, f"---\ntitle: T\n---\n\nAs Figure 1 shows.\n\n![Blue]({url})\n")
    out = folder / "brief.html"
    result = run_report("html", article, "-o", out)
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert url not in html and "![Blue]" not in html
    # the page names the file beside it, not where the folder was when built
    assert re.search(r'<img[^>]+src="(my%20fig\.png|my fig\.png|data:image/png;base64,[^"]+)"',
                     html), html
    pdf = folder / "brief.pdf"
    assert run_report("pdf", article, "-o", pdf).returncode == 0
    with pdfplumber.open(pdf) as document:
        assert sum(len(page.images) for page in document.pages) == 1


# --- the reader's messages ---------------------------------------------------------

def _built(article: Path, kinds: tuple):
    """(kind, its output, the run) for each kind built from `article`."""
    for kind in kinds:
        out = article.parent / f"out.{kind}"
        yield kind, out, run_report(kind, article, "-o", out)


def _fails(article: Path, pattern: str, kind: str = "html") -> None:
    out = article.parent / f"out.{kind}"
    result = run_report(kind, article, "-o", out)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and not out.exists()
    assert re.search(pattern, result.stderr), result.stderr


def test_classic_mac_line_ends_are_named_with_what_to_do(tmp_path):
    article = project(tmp_path, "")
    article.write_bytes(b"---\rtitle: T\r---\r\rText.\r")
    _fails(article, r"article\.md:1:1: the article's lines end in a carriage return alone.*"
                    r"pandoc reads as one line\n  save it with Unix \(LF\) or Windows \(CRLF\)")


def test_a_stray_carriage_return_is_dropped_as_pandoc_drops_it(tmp_path):
    article = project(tmp_path, "")
    article.write_bytes(b"---\ntitle: T\n---\n\nSplit\rword here.\r\n")
    out = article.parent / "brief.html"
    assert run_report("html", article, "-o", out).returncode == 0
    assert "Splitword here." in out.read_text(encoding="utf-8")  # pandoc: Str "Splitword"


def test_a_python_tag_in_the_front_matter_is_named_with_the_right_hint(tmp_path):
    article = project(tmp_path, "---\ntitle: T\nabstract: !!python/object/apply:os.system "
                                "['echo hi']\n---\n\nText.\n")
    _fails(article, r"article\.md:3:11: bad YAML in the front matter: the tag "
                    r"'!!python/object/apply:os\.system' names no kind of value report reads\n"
                    r"  delete '!!python/object/apply:os\.system' and keep the value")


def test_an_inline_reference_without_id_is_named_at_its_line(tmp_path):
    article = project(tmp_path, "---\ntitle: T\nreferences:\n  - id: a\n    type: book\n"
                                "    title: A\n\n  - type: book\n    title: No id\n"
                                "nocite: '@*'\n---\n\nText.\n")
    _fails(article, r"article\.md:8:1: entry 2: has no 'id'\n  give every reference")


def test_many_references_never_cited_are_counted_past_ten(tmp_path):
    refs = REFS + [dict(REFS[0], id=f"extra{n:02}", title=f"Extra {n}") for n in range(25)]
    article = project(tmp_path, "---\ntitle: T\n---\n\nAs @smith2020 says.\n", refs)
    out = article.parent / "brief.html"
    result = run_report("html", article, "-o", out)
    assert result.returncode == 0, result.stderr
    named = re.findall(r"refs\.json: warning: reference '(extra\d+)' is never cited",
                       result.stderr)
    assert named == [f"extra{n:02}" for n in range(10)], result.stderr
    assert re.search(r"refs\.json: warning: … and 15 more never cited \(in refs\.json\); cite "
                     r"them, list them in 'nocite:'", result.stderr), result.stderr
