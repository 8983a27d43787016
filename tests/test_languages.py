"""Articles in other languages than English, built as their authors would:
the marks, spaces and terms each language prints, in the real outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation

from conftest import run_report

REFS = [
    {"id": "mueller2019", "type": "article-journal", "title": "Schlaf und Gedächtnis",
     "author": [{"family": "Müller", "given": "Jürgen"}], "container-title": "Psychologie",
     "volume": "12", "page": "1-20", "issued": {"date-parts": [[2019]]}},
    {"id": "sfrms", "type": "webpage", "title": "Guide du sommeil",
     "author": [{"literal": "Société française du sommeil"}], "URL": "https://sfrms.example.fr",
     "accessed": {"date-parts": [[2024, 3, 1]]}},
]

QUOTED = """\
Das Gelernte wird "während der Nacht gefestigt" [@mueller2019], 'so' Müller's Befund.

Sie sagte: "Er nannte es 'fest' und ging."

| Gruppe | *n* |
|:-------|----:|
| Kontrolle | 60 |

Table: Die "Stichprobe" {#tbl-sample tbl-colwidths="[70,30]"}

Siehe @tbl-sample.

::: slide
## Fazit

- Schlaf fördert die "Konsolidierung"
:::
"""


def write(folder: Path, body: str, lang: str, abstract: str = "") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "refs.json").write_text(json.dumps(REFS), encoding="utf-8")
    front = f"title: Ein \"Titel\"\nlang: {lang}\n" + (f"abstract: {abstract}\n" if abstract
                                                      else "")
    path = folder / "article.md"
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    return path


def built(path: Path, kind: str) -> Path:
    out = path.parent / ("slides.pptx" if kind == "slides" else f"{kind}.pdf")
    result = run_report(kind, path, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() for page in pdf.pages)


@pytest.fixture(scope="module")
def german(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("de") / "paper", QUOTED, "de-DE",
                 abstract="'Die \"Qualität\" zählt.'")


def test_straight_quotes_are_the_languages_in_the_brief(german):
    text = pdf_text(built(german, "pdf"))
    assert "„während der Nacht gefestigt“ (Müller, 2019), ‚so‘ Müller’s Befund" in text
    assert "„Er nannte es ‚fest‘ und ging.“" in text  # a quotation within one: ‚ ‘
    assert "Die „Qualität“ zählt." in text  # the abstract, read before the text
    assert "Ein „Titel“" in text
    # A caption's attributes, curled with it, are still read: its id is its number's.
    assert "Die „Stichprobe“" in text and "Siehe Tabelle 1." in text
    assert "tbl-colwidths" not in text and '"' not in text and "“Stich" not in text


def test_and_in_the_deck(german):
    deck = Presentation(built(german, "slides"))
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes
             if shape.has_text_frame]
    assert "Schlaf fördert die „Konsolidierung“" in texts


@pytest.mark.parametrize("lang,expected", [
    ("fr-FR", "«\u00a0Schlaf\u00a0»"), ("es-ES", "«Schlaf»"), ("en-US", "“Schlaf”"),
    ("ja-JP", "「Schlaf」"),  # no section in labels.toml: its CSL locale's marks
    ("xx-YY", "“Schlaf”"),  # no CSL locale either: English's
])
def test_each_language_sets_its_own_marks(tmp_path, lang, expected):
    from report import source
    from report.model import plain_text
    doc = source.read(write(tmp_path / "paper", 'Der "Schlaf" und l\'âge.\n', lang))
    assert plain_text(doc.blocks[0].children) == f"Der {expected} und l’âge."



def test_a_french_locales_apostrophes_are_typographic(tmp_path):
    """fr-FR's term 'à l'adresse', printed 'à l’adresse' as citeproc-js and
    pandoc 3.9 print it (the rest of the entry is theirs too)."""
    path = write(tmp_path / "paper", "Texte [@sfrms].\n", "fr-FR")
    text = " ".join(pdf_text(built(path, "pdf")).split())
    assert ("Société française du sommeil. (s. d.). Guide du sommeil. Consulté 1 mars 2024, "
            "à l’adresse https://sfrms.example.fr") in text



def test_italic_arabic_and_an_italic_emoji_each_print_their_own_glyphs(tmp_path):
    """A journal's Arabic name (italic: DejaVu Sans slanted) and an emoji in
    a post's italic title (DejaVu Sans Oblique's) printed as stray symbols
    and '😴' as 'ج': WeasyPrint gave both faces one font (pdffixes.py)."""
    from test_pdf_fixes import misdrawn, needs_dejavu
    if needs_dejavu.args[0]:
        pytest.skip(needs_dejavu.kwargs["reason"])
    refs = [{"id": "haddad", "type": "article-journal", "title": "النوم والذاكرة",
             "author": [{"family": "حداد", "given": "أحمد"}], "container-title": "مجلة علم النفس",
             "volume": "8", "issued": {"date-parts": [[2022]]}},
            {"id": "post", "type": "post", "title": "Sleep more 😴 remember more",
             "author": [{"family": "Kowalski", "given": "Zoë"}], "container-title": "Mastodon",
             "issued": {"date-parts": [[2024]]}}]
    folder = tmp_path / "paper"
    folder.mkdir()
    (folder / "refs.json").write_text(json.dumps(refs), encoding="utf-8")
    (folder / "article.md").write_text("---\ntitle: T\n---\n\nText [@haddad; @post].\n",
                                       encoding="utf-8")
    assert misdrawn(built(folder / "article.md", "pdf").read_bytes()) == []


def test_french_punctuation_stays_on_the_line_of_its_word(tmp_path):
    """The spaces an author writes inside « », before ?, ;, : and % are
    no-break ones in French (as babel-french sets them), so that no line
    ends with « nor begins with » or % (Unicode's line breaking allows
    both after a space); and a label's colon has one too: « Mots-clés : »,
    « Courriel : »."""
    words = " ".join(f"« {'m' * (1 + n % 7)} » {n % 9} % ?" for n in range(150))
    path = write(tmp_path / "paper", words + "\n", "fr-FR", abstract="Résumé court.")
    front = path.read_text(encoding="utf-8").replace(
        "lang: fr-FR\n", "lang: fr-FR\nkeywords: [sommeil]\nauthor:\n  - name: Anne Roy\n"
        "    corresponding: true\n    email: a@b.fr\n    affiliations:\n"
        "      - name: Université Laval\n")
    path.write_text(front, encoding="utf-8")
    with pdfplumber.open(built(path, "pdf")) as pdf:
        lines = [line["text"] for page in pdf.pages for line in page.extract_text_lines()]
    assert not [line for line in lines if line[:1] in "?;:!%»" or line.endswith("«")]
    assert "Mots-clés : sommeil" in lines
    assert any(line.endswith("Courriel : a@b.fr") for line in lines)


@pytest.mark.parametrize("lang", ["en-US", "de-DE"])
def test_other_languages_keep_the_spaces_as_written(tmp_path, lang):
    from report import source
    from report.model import plain_text
    doc = source.read(write(tmp_path / "paper", "Warum ? Weil : 5 %\n", lang))
    assert plain_text(doc.blocks[0].children) == "Warum ? Weil : 5 %"


@pytest.mark.parametrize("lang", ["de-DE", "fr-FR", "en-US"])
def test_a_captions_attributes_are_read_in_any_language(tmp_path, lang):
    """The typographer curls an attribute's quotes into the language's
    marks („…“, «…», ‚…‘): the label, the note and a heading's attributes
    (single quotes too) are read through them, never printed."""
    path = tmp_path / "article.md"
    path.write_text(
        f"---\ntitle: T\nlang: {lang}\n---\n\n# Methode {{#m key='a b'}}\n\n"
        "Siehe @tbl-x.\n\n: Mittel {#tbl-x apa-note=\"*MSE* = x\"}\n\n"
        "| Quelle | *F* |\n|:--|--:|\n| Bedingung | 8.41 |\n", encoding="utf-8")
    out = tmp_path / "brief.pdf"
    result = run_report("pdf", path, "-o", out)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as pdf:
        lines = [line for page in pdf.pages for line in page.extract_text().split("\n")]
    assert "Methode" in lines and "Mittel" in lines
    assert any(line.replace(" ", "").endswith(".MSE=x") for line in lines)  # "Note. MSE = x"
    assert not any("{" in line or "key=" in line or "apa-note" in line for line in lines)


def _locale_quotes(path: Path) -> list[str]:
    from lxml import etree
    terms = {t.get("name"): t.text for t in etree.parse(str(path)).iter(
        "{http://purl.org/net/xbiblio/csl}term")}
    return [terms[name] for name in ("open-quote", "close-quote", "open-inner-quote",
                                     "close-inner-quote")]


def test_every_regions_quotes_are_its_csl_locales():
    """The text's quotation marks are those its citations take from the CSL
    locale, region by region and in every language CSL has a locale for:
    en-GB's ‘ ’, de-CH's « », pt-BR's “ ”, Polish „ ”, Swedish ” ”."""
    import citeproc
    from report import labels
    folder = Path(citeproc.__file__).parent / "data" / "locales"
    paths = sorted(folder.glob("locales-*.xml"))
    for path in paths:
        tag = path.stem.removeprefix("locales-")
        assert labels.of(tag)["quotes"] == _locale_quotes(path), tag
    assert len(paths) >= 60
    # A language alone ("pt", "sv") cites in its primary dialect's locale
    # (pt-PT, sv-SE), and so does a region CSL has no locale for (de-LI).
    dialects = json.loads((folder / "locales.json").read_text(encoding="utf-8"))
    for language, dialect in dialects["primary-dialects"].items():
        primary = _locale_quotes(folder / f"locales-{dialect}.xml")
        assert labels.of(language)["quotes"] == primary, language
        assert labels.of(f"{language}-ZZ")["quotes"] == primary, language
    english = _locale_quotes(folder / "locales-en-US.xml")
    assert labels.of("xx-YY")["quotes"] == labels.of("../x")["quotes"] == english


@pytest.mark.parametrize("lang,quoted", [("pl-PL", "Der „Schlaf” und «so»."),
                                         ("cs-CZ", "Der „Schlaf“ und ‚so‘."),
                                         ("sv", "Der ”Schlaf” und ’so’.")])
def test_an_article_in_a_language_without_labels_quotes_as_its_citations(
        tmp_path, lang, quoted):
    """Polish, Czech, Swedish: no section in labels.toml, their CSL locale's
    marks all the same, as citeproc-js prints the data's quotes in them."""
    from report import source
    from report.model import plain_text
    doc = source.read(write(tmp_path / "paper", 'Der "Schlaf" und \'so\'.\n', lang))
    assert plain_text(doc.blocks[0].children) == quoted


def test_a_swiss_german_article_quotes_as_its_citations(tmp_path):
    from report import source
    from report.model import plain_text
    doc = source.read(write(tmp_path / "paper", 'Der "Schlaf" und \'so\'.\n', "de-CH"))
    assert plain_text(doc.blocks[0].children) == "Der «Schlaf» und ‹so›."
