"""A digest's sentence that announces the questions after it ("This brief
asks three questions."), read back from the pptx: on the slide with all of
them or with none; the share of bullets it leaves goes to the other
paragraphs.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from pptx import Presentation

from conftest import run_report

QUESTIONS = ("This brief asks three questions. How strongly do hot days raise admissions in "
             "European cities? Which causes of admission rise most? Who is admitted? We answer "
             "them from published studies.")


def bullets(tmp_path: Path, body: str) -> list[str]:
    Image.new("RGB", (400, 500), "white").save(tmp_path / "curve.png")
    (tmp_path / "refs.json").write_text("[]", encoding="utf-8")
    article = tmp_path / "article.md"
    article.write_text(f"---\ntitle: T\n---\n\n{body}\n", encoding="utf-8")
    result = run_report("slides", article, "-o", tmp_path / "s.pptx")
    assert result.returncode == 0, result.stderr
    return [p.text for slide in Presentation(tmp_path / "s.pptx").slides
            for shape in slide.shapes if shape.has_text_frame and shape.name == "body"
            for p in shape.text_frame.paragraphs if p.text.strip()]


def test_an_announcing_sentence_goes_with_all_its_questions_or_none(tmp_path):
    shown = bullets(tmp_path, "# Introduction\n\nIn 2003, a heat wave killed many people in "
                              "Europe. Deaths are only the visible part of the toll. Heat "
                              "stress strains the heart. Agencies now publish reports.\n\n"
                              + QUESTIONS)
    members = ["This brief asks three questions.",
               "How strongly do hot days raise admissions in European cities?",
               "Which causes of admission rise most?"]
    assert all(m in shown for m in members) or not any(m in shown for m in members)
    # The share it leaves goes to the paragraph before it: all four of its sentences.
    assert "Agencies now publish reports." in shown


def test_a_paragraph_of_questions_alone_keeps_them_all(tmp_path):
    shown = bullets(tmp_path, "# Questions\n\n" + QUESTIONS)
    assert shown[:3] == ["This brief asks three questions.",
                         "How strongly do hot days raise admissions in European cities?",
                         "Which causes of admission rise most?"]
    assert shown[3].startswith("Who is admitted?")


def test_questions_beside_a_figure_are_not_left_for_their_announcement(tmp_path):
    shown = bullets(tmp_path, "# Questions\n\n" + QUESTIONS + "\n\n![Curve](curve.png)\n")
    assert shown and shown[0] == "This brief asks three questions."
    assert "Which causes of admission rise most?" in shown
