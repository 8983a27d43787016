"""Dense slides: many and long bullets, long titles, continued slides; the
deck read back with python-pptx and its text measured with the fonts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pptx import Presentation

from conftest import run_report
from test_deck import THEME, measure, measured_height, read_title

REFS = [{"id": "lee2020", "type": "book", "title": "A book", "publisher": "Press",
         "author": [{"family": "Lee", "given": "Ann"}], "issued": {"date-parts": [[2020]]}}]
LONG_TITLE = ("Eighteen Bullets on a Single Slide, Which Is Far Too Many for Anyone to Read "
              "During a Talk But Authors Do It Anyway")


def deck_of(tmp_path: Path, body: str, theme: str = "") -> Presentation:
    """The deck of an article of `body`; `theme`: a theme file's TOML, beside it."""
    folder = tmp_path / "paper"
    folder.mkdir(exist_ok=True)
    (folder / "refs.json").write_text(json.dumps(REFS), encoding="utf-8")
    if theme:
        (folder / "theme.toml").write_text(theme, encoding="utf-8")
    front = "slides:\n  theme: theme.toml\n" if theme else ""
    path = folder / "article.md"
    path.write_text(f"---\ntitle: A Title\nshort-title: Short\n{front}---\n\n{body}",
                    encoding="utf-8")
    result = run_report("slides", path, "-o", folder / "deck.pptx")
    assert result.returncode == 0, result.stderr
    return Presentation(folder / "deck.pptx")


def title(slide) -> str:
    return read_title(slide.shapes.title.text_frame.text) if slide.shapes.title else ""


def eighteen(tmp_path: Path) -> Presentation:
    bullets = "\n".join(f"- Point number {n}: a moderately long bullet that states a finding "
                        "about the topic at hand" for n in range(1, 19))
    return deck_of(tmp_path, f"# Overview\n\nProse [@lee2020].\n\n::: slide\n## {LONG_TITLE}\n\n"
                             f"{bullets}\n:::\n")


def test_a_continued_titles_number_never_starts_a_line(tmp_path):
    """"(cont. 2)" after a long title broke after "(cont.", its "2)" alone
    on the title's last line."""
    deck = eighteen(tmp_path)
    continued = [s.shapes.title for s in deck.slides if title(s).startswith(LONG_TITLE + " (")]
    assert len(continued) >= 2
    for shape in continued:
        for m in measure(shape):
            text = "".join(p.text for p in m.pieces)
            assert not any(re.match(r"\d+\)", text[start:]) for start in m.starts), text


def body_of(slide):
    return next(s for s in slide.placeholders if s.placeholder_format.idx == 1)


def test_bullets_split_over_slides_are_as_large_as_those_slides_hold(tmp_path):
    """Six bullets too many for one slide went onto two at split_size, each
    half empty; the same two slides hold them at the body's full size."""
    spec = THEME["body"]
    wrapping = " with extra words to wrap" * 3
    bullets = "\n".join(f"- Bullet {n} of the section{wrapping if n != 5 else ''}"
                        for n in range(1, 7))
    deck = deck_of(tmp_path, f"# Results\n\nProse [@lee2020].\n\n::: slide\n## Six\n\n"
                             f"{bullets}\n:::\n")
    shown = [s for s in deck.slides if title(s).startswith("Six")]
    assert [title(s) for s in shown] == ["Six", "Six (cont.)"]
    sizes = set()
    for slide in shown:
        body = body_of(slide)
        sizes |= {r.font.size.pt for p in body.text_frame.paragraphs for r in p.runs}
        assert measured_height(body) <= body.height.pt + 0.01
        assert body.top.pt + body.height.pt <= deck.slide_height.pt - spec["bottom"] + 0.01
    assert sizes == {spec["size"]}
    texts = [p.text for s in shown for p in body_of(s).text_frame.paragraphs]
    assert [t.split(" of")[0] for t in texts] == [f"Bullet {n}" for n in range(1, 7)]


INTRO = (
    "Cities are warmer than the countryside around them, and the difference is largest at "
    "night, when older adults' bodies most need to cool down. Over the last two decades the "
    "urban heat island has moved from a curiosity of climatology to a central concern of public "
    "health departments, because the populations most exposed to it are also the ones least "
    "able to adapt [@lee2020]. This brief gathers the evidence.\n\n"
    "The second paragraph explains the scope. We restrict ourselves to adults over 65.\n\n"
    "A third paragraph notes the limits of the evidence: most studies are observational, "
    "exposures are measured at the nearest weather station rather than at home, and deaths are "
    "attributed to heat only when a physician thinks to write it on the certificate. Each of "
    "these biases the estimate towards zero.\n")


def test_a_digest_is_one_slide_its_extra_sentences_left_to_the_notes(tmp_path):
    """A section without a slide took a second sentence of its first
    paragraph to make four bullets, and spilled onto "Introduction (cont.)";
    it keeps to one slide (fewer sentences, or long ones cut at a clause to
    `digest_lines`), the notes saying it all."""
    deck = deck_of(tmp_path, f"{INTRO}\n# Method\n\nWe read. We wrote.\n")
    names = [title(s) for s in deck.slides]
    assert names.count("Introduction") == 1 and "Introduction (cont.)" not in names
    slide = deck.slides[names.index("Introduction")]
    body = body_of(slide)
    firsts = [p.text.split()[:2] for p in body.text_frame.paragraphs]
    assert firsts in ([["Cities", "are"], ["The", "second"], ["A", "third"]],
                      [["Cities", "are"], ["Over", "the"], ["The", "second"], ["A", "third"]])
    assert measured_height(body) <= body.height.pt + 0.01
    assert "Over the last two decades" in slide.notes_slide.notes_text_frame.text


def test_a_one_paragraph_digest_shows_the_sentences_one_slide_holds(tmp_path):
    """One long paragraph: as many of its first sentences as fit one slide,
    not the one sentence a paragraph that is a slide of one line."""
    sentence = ("Sentence {n} is a long one that says a great deal about the matter at hand, "
                "so that it takes three or four lines of any slide it is shown on, and more, "
                "much more than a bullet ought to say, though authors write such sentences. ")
    para = "".join(sentence.format(n=n) for n in range(1, 6))
    deck = deck_of(tmp_path, f"# Results\n\n{para}\n")
    names = [title(s) for s in deck.slides]
    assert names.count("Results") == 1 and "Results (cont.)" not in names
    texts = [p.text for p in body_of(deck.slides[names.index("Results")]).text_frame.paragraphs]
    assert len(texts) >= 2 and all(t.startswith(f"Sentence {n}") for n, t in enumerate(texts, 1))


LONG_FIRST = ("Participants who slept fewer than six hours on the night before the test, "
              "whether because of shift work, caregiving, or late-night screen use, scored "
              "markedly lower on every measure of working memory that we administered across "
              "the three testing sessions [@lee2020].")


LINKED = " [(Appendix A)](https://example.org/a)"  # a link that reads as a citation


@pytest.mark.parametrize("theme", ["", f"[colors]\ncite = \"{THEME['colors']['link']}\"\n"],
                         ids=["default", "cite-as-link"])
def test_a_digests_long_sentence_is_cut_at_a_clause_without_the_citation_cut_off(tmp_path,
                                                                                  theme):
    """A digest's first sentence of five lines wrapped to four at the size the
    slide was set at; it keeps to `digest_lines`, cut in the author's words
    at a clause's end with an ellipsis, the notes saying it whole. The
    citation of the clause cut off ("scored markedly lower… (Lee, 2020)")
    is cut off with it: the slide does not make that claim
    (report/digestcut.py). So too in a theme whose citations are in the
    links' colour: citations were told by their colour, and the link cut
    off after the clause followed the ellipsis as if it were one."""
    sentence = LONG_FIRST.replace(" [@lee2020]", LINKED + " [@lee2020]")
    deck = deck_of(tmp_path, f"# Results\n\n{sentence} It ends.\n\nA short one here. "
                             "More.\n\nAnother short one. More.\n", theme)
    slide = next(s for s in deck.slides if title(s) == "Results")
    body = body_of(slide)
    first = body.text_frame.paragraphs[0].text
    head, cited = first.split("\u2026")
    written = LONG_FIRST.replace(" [@lee2020]", " (Appendix A)")
    assert cited == ""
    assert written.startswith(head) and written[len(head)] in ",;:", (head, written)
    assert len(head) > len(written) / 2
    assert all(len(m.starts) <= THEME["body"]["digest_lines"] for m in measure(body))
    assert measured_height(body) <= body.height.pt + 0.01
    rest = [p.text for p in body.text_frame.paragraphs][1:]
    assert rest[-2:] == ["A short one here. More.", "Another short one. More."]
    assert not any("\u2026" in text for text in rest)  # short sentences stay whole
    assert written in slide.notes_slide.notes_text_frame.text.replace(" (Lee,\u00a02020)", "")
