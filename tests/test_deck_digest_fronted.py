"""A digest's cut keeps a main clause: a sentence that opens with a fronted
subordinate or adverbial clause ("Long before any civil code existed, the
ditches…", "Aunque…, las acequias…"; styles/labels.toml's `fronted`) is cut
later in its main clause, never at that clause's comma, or kept whole
(report/digestcut.py). Read back from the pptx, in English and Spanish.
"""

from __future__ import annotations

import tomllib

import pytest
from conftest import run_report
from pptx import Presentation

from report import STYLES

LEAST = tomllib.loads((STYLES / "deck.toml").read_text(encoding="utf-8"))["body"]["digest_clause"]

ENGLISH = {
    # no later clause end: cut after a word of the main clause
    "Long": "Long before any civil code existed, the irrigation ditches of the Granada plain "
            "and of the Almería market gardens were shared out in turns that every irrigator "
            "knew by heart and that the water judges of each village enforced every Thursday "
            "morning at the cathedral door.",
    # a clause end in the main clause: cut there
    "Although": "Although the water judges of each village met every Thursday morning, the "
                "ditches of the plain were shared out in turns that every irrigator knew by "
                "heart, and the disputes that arose in the dry summers were settled at the "
                "cathedral door by the oldest irrigators of the village and their families.",
    # the fronted clause runs over the bullet's lines: whole
    "When": "When the irrigators of the Granada plain and of the Almería market gardens and of "
            "the Valencian huerta gathered every Thursday morning before the cathedral door to "
            "hear the water judges settle the disputes that the dry summers had brought to "
            "their villages, the turns were kept.",
}
SPANISH = {
    "Mucho": "Mucho antes de que existiera un código civil, las acequias de la Vega de Granada "
             "o de las huertas de Almería se repartían según turnos que los regantes conocían "
             "de memoria y que los jueces de aguas de cada pueblo hacían cumplir todos los "
             "jueves por la mañana ante la puerta de la catedral.",
    "Aunque": "Aunque los jueces de aguas de cada pueblo se reunían todos los jueves, las "
              "acequias de la Vega se repartían según turnos que los regantes conocían de "
              "memoria, y los pleitos que surgían en los veranos secos se resolvían ante la "
              "puerta de la catedral por los regantes de más edad del pueblo.",
}


def _bullets(folder, lang: str, sentences: dict[str, str]) -> dict[str, str]:
    """The digest's bullet of each sentence (by its first word), read back
    from the pptx: each sentence the second paragraph of a section without a
    slide of its own, after a short one."""
    body = "\n\n".join(f"# Section {n}\n\nShort one.\n\n{s}"
                         for n, s in enumerate(sentences.values(), 1))
    article = folder / "article.md"
    article.write_text(f"---\ntitle: Cuts\nlang: {lang}\n---\n\n{body}\n",
                       encoding="utf-8")
    result = run_report("slides", article, "-o", folder / "deck.pptx")
    assert result.returncode == 0, result.stderr
    shown = [p.text.replace("\xa0", " ") for slide in Presentation(folder / "deck.pptx").slides
             for shape in slide.shapes if shape.has_text_frame
             for p in shape.text_frame.paragraphs]
    return {word: next(p for p in shown if p.startswith(word)) for word in sentences}


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    return _bullets(tmp_path_factory.mktemp("en"), "en-US", ENGLISH)


@pytest.fixture(scope="module")
def spanish(tmp_path_factory):
    return _bullets(tmp_path_factory.mktemp("es"), "es-ES", SPANISH)


def _keeps_a_main_clause(bullet: str, sentence: str) -> None:
    """A cut bullet keeps the fronted clause's comma and at least
    digest_clause words of the main clause after it; or it is whole."""
    if not bullet.endswith("\u2026"):
        assert bullet == sentence
        return
    kept = bullet[:-1]
    assert sentence.startswith(kept), (kept, sentence)
    fronted, _, main = kept.partition(", ")
    assert main and len(main.split()) >= LEAST, kept


@pytest.mark.parametrize("word", ["Long", "Although", "When"])
def test_an_english_cut_keeps_the_main_clause_after_a_fronted_clause(english, word):
    _keeps_a_main_clause(english[word], ENGLISH[word])


@pytest.mark.parametrize("word", ["Mucho", "Aunque"])
def test_a_spanish_cut_keeps_the_main_clause_after_a_fronted_clause(spanish, word):
    _keeps_a_main_clause(spanish[word], SPANISH[word])


def test_a_cut_falls_at_the_main_clause_s_end_where_one_fits(english, spanish):
    """"Although…, the ditches… by heart," ends a clause in the main
    clause: the cut falls there, not after a word."""
    for bullet, sentence in [(english["Although"], ENGLISH["Although"]),
                             (spanish["Aunque"], SPANISH["Aunque"])]:
        kept = bullet.rstrip("\u2026")
        assert bullet.endswith("\u2026") and sentence[len(kept)] == ",", bullet


def test_a_fronted_clause_longer_than_the_bullet_s_lines_keeps_the_sentence_whole(english):
    assert english["When"] == ENGLISH["When"]
