"""`report bib`, `report check` and BibTeX input, through the real CLI."""

from __future__ import annotations

import json
import os
import re

from conftest import ROOT, run_report

ARTICLE = ROOT / "tests" / "conformance" / "article"


def test_bib_prints_clusters_blank_line_then_cited_references(tmp_path):
    cites = tmp_path / "cites.txt"
    cites.write_text("[@toosi2025backfire, p. 3]\n@dienst2025deports\n", encoding="utf-8")
    result = run_report("bib", "--refs", ARTICLE / "items.json", "--cites", cites)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "(Toosi, 2025, p. 3)", "Dienst et al. (2025)", "",
        "Dienst, J., Blankstein, A., & The Associated Press. (2025, February 27). Mexico "
        "deports 29 drug cartel figures to the U.S. as officials meet with Trump team. NBC News.",
        "Toosi, N. (2025). Why Trump’s war on the drug cartels is bound to backfire. POLITICO."]
    assert "never cited" not in result.stderr


def test_bib_reads_a_narrative_citation_as_cited_in_another(tmp_path):
    """`report bib` takes what the article takes, and lists what it lists:
    the secondary source alone (APA §8.6)."""
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([
        {"id": "ranke", "type": "book", "title": "Die Osmanen", "publisher": "D",
         "author": [{"family": "Ranke", "given": "Leopold"}], "issued": {"date-parts": [[1877]]}},
        {"id": "clogg", "type": "book", "title": "A history", "publisher": "CUP",
         "author": [{"family": "Clogg", "given": "Richard"}],
         "issued": {"date-parts": [[2013]]}}]), encoding="utf-8")
    cites = tmp_path / "cites.txt"
    cites.write_text("@ranke [as cited in @clogg, p. 20]\n", encoding="utf-8")
    result = run_report("bib", "--refs", refs, "--cites", cites)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Ranke (1877, as cited in Clogg, 2013, p. 20)", "",
        "Clogg, R. (2013). A history. CUP."]


def test_bib_reads_a_narrative_citation_followed_by_a_cluster_as_one(tmp_path):
    """`@a [see @b; @c]` is one citation, as pandoc reads it and the article
    does: "Alpha (2001; see Beta, 2002; Gamma, 2003)", all three listed."""
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([
        {"id": key, "type": "book", "title": "A book", "publisher": "P",
         "author": [{"family": family, "given": "Ann"}], "issued": {"date-parts": [[year]]}}
        for key, family, year in (("a", "Alpha", 2001), ("b", "Beta", 2002),
                                  ("c", "Gamma", 2003))]), encoding="utf-8")
    cites = tmp_path / "cites.txt"
    cites.write_text("@a [see @b; @c]\n@c [@b; @a, p. 4]\n@c [p. 5; @a]\n",
                     encoding="utf-8")
    result = run_report("bib", "--refs", refs, "--cites", cites)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Alpha (2001; see Beta, 2002; Gamma, 2003)", "Gamma (2003; Alpha, 2001, p. 4; Beta, 2002)",
        "Gamma (2003, p. 5; Alpha, 2001)", "", "Alpha, A. (2001). A book. P.",
        "Beta, A. (2002). A book. P.", "Gamma, A. (2003). A book. P."]


def test_bib_html_from_stdin_keeps_only_italics(tmp_path):
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-m", "report", "bib", "--refs",
                             str(ARTICLE / "items.json"), "--cites", "-", "--format", "html"],
                            input="[@toosi2025backfire]\n", capture_output=True, text=True,
                            cwd=ROOT)
    assert result.stdout.splitlines()[-1] == (
        "Toosi, N. (2025). Why Trump’s war on the drug cartels is bound to backfire. "
        "<i>POLITICO</i>.")


def test_bib_without_cites_lists_every_work():
    result = run_report("bib", "--refs", ARTICLE / "items.json")
    lines = result.stdout.splitlines()
    assert lines[0] == "" and len(lines) == 10


def test_bib_lang_renders_as_an_article_in_that_language():
    """`--lang es-ES` is an article's `lang: es-ES`: the Spanish case of the
    conformance suite, whose renderings equal citeproc-js's and pandoc's,
    comes out the same, its locators read in Spanish ("cap. 3")."""
    from test_cite_conformance import SUITE, ours
    folder = SUITE / "spanish"
    args = ("bib", "--refs", folder / "items.json", "--cites", folder / "clusters.txt",
            "--format", "html")
    spanish = run_report(*args, "--lang", "es-ES")
    assert spanish.returncode == 0, spanish.stderr
    clusters, entries = ours("spanish")
    lines = spanish.stdout.splitlines()
    assert lines[:len(clusters) + 1] == [*clusters, ""]
    assert lines[len(clusters) + 1:] and set(lines[len(clusters) + 1:]) <= set(entries.values())
    english = run_report(*args).stdout
    assert "(Ministerio para la Transición Ecológica, s.\u00a0f.)" in lines  # no-break, as in es-ES
    assert "(Ministerio para la Transición Ecológica, n.d.)" in english.splitlines()


def test_bib_lang_that_is_no_language_tag():
    result = run_report("bib", "--refs", ARTICLE / "items.json", "--lang", "es_ES")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "error: --lang 'es_ES' is not a language tag\n  write e.g. 'en-US'" in result.stderr


def test_bib_unknown_key_names_line_and_nearest(tmp_path):
    cites = tmp_path / "cites.txt"
    cites.write_text("[@toosi2025backfire]\n[@toosi2025]\n", encoding="utf-8")
    result = run_report("bib", "--refs", ARTICLE / "items.json", "--cites", cites)
    assert result.returncode == 1
    assert f"{cites}:2:1: unknown citation key 'toosi2025'" in result.stderr
    assert "toosi2025backfire" in result.stderr


def test_check_lints_for_apa_completeness(tmp_path):
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([
        {"id": "w", "type": "webpage", "title": "A page", "container-title": "Site"},
        {"id": "b", "type": "book", "title": "SHOUTING TITLE", "publisher": "P"},
        {"id": "j", "type": "article-journal", "title": "Paper"}]), encoding="utf-8")
    result = run_report("check", "--refs", refs)
    assert result.returncode == 1
    assert "error: entry 'w': an online work (webpage) has neither 'URL' nor 'DOI'" in result.stdout
    assert "warning: entry 'b': the title is in all capitals" in result.stdout
    assert "error: entry 'j': an article-journal has no 'container-title'" in result.stdout


def test_check_asks_no_publisher_of_a_group_that_is_it_nor_of_software():
    """APA §9.24: a group author's own report names no publisher; §10.10: an
    R package names none, so software without one is worth a warning only."""
    from report.bibcheck import lint
    gao = {"id": "gao", "type": "report", "title": "Wildfire smoke",
           "author": [{"literal": "U.S. Government Accountability Office"}]}
    person = dict(gao, id="lee", author=[{"family": "Lee", "given": "Ann"}])
    lme4 = {"id": "lme4", "type": "software", "title": "lme4", "URL": "https://cran.r-project.org",
            "author": [{"family": "Bates", "given": "Douglas"}]}
    found = [(f.key, f.severity, f.message) for f in lint([gao, person, lme4], "")]
    assert found == [("lee", "error", "a report has no 'publisher'"),
                     ("lme4", "warning", "the software has no 'publisher'")]


def test_check_warns_of_fields_that_render_but_not_as_apa_writes_them(tmp_path):
    """A podcast's description in 'genre', an eLocator in 'page', an edition
    in words: each renders ('(Audio Podcast Episode No. 47)', 'e3005',
    '(second)'), and each hint, followed, gives APA's form."""
    podcast = {"id": "pod", "type": "broadcast", "title": "Audits", "number": "47",
               "author": [{"family": "Kelly", "given": "Maureen"}],
               "genre": "Audio podcast episode",
               "container-title": "The Podcast", "publisher": "APIC",
               "issued": {"date-parts": [[2022, 5, 4]]}, "URL": "https://example.org/47"}
    paper = {"id": "bmj", "type": "article-journal", "title": "Hands", "container-title": "BMJ",
             "volume": "344", "page": "e3005", "issued": {"date-parts": [[2012]]},
             "author": [{"family": "Stone", "given": "Sheldon"}]}
    book = {"id": "book", "type": "book", "title": "Research", "edition": "second",
            "publisher": "Wolters Kluwer", "issued": {"date-parts": [[2021]]},
            "author": [{"family": "Polit", "given": "Denise"}]}
    supplement = dict(paper, id="supp", page="S12")  # a supplement's page, not an eLocator
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([podcast, paper, book, supplement]), encoding="utf-8")
    result = run_report("check", "--refs", refs)
    assert result.returncode == 0
    warned = re.findall(r"warning: entry '(\w+)': (.*)\n  (.*)", result.stdout)
    assert [(key, message.split(" ")[0]) for key, message, _ in warned] == \
        [("pod", "'genre'"), ("bmj", "'page'"), ("book", "'edition'")]
    before = run_report("bib", "--refs", refs).stdout
    assert "(Audio Podcast Episode No. 47)" in before and "344, e3005." in before
    assert "(second)" in before
    podcast["medium"] = podcast.pop("genre")
    paper["number"] = paper.pop("page")
    book["edition"] = 2
    refs.write_text(json.dumps([podcast, paper, book, supplement]), encoding="utf-8")
    after = run_report("bib", "--refs", refs).stdout
    assert "Audits (No. 47) [Audio podcast episode]. In" in after
    assert "344, Article e3005." in after and "(2nd ed.)" in after
    assert "warning:" not in run_report("check", "--refs", refs).stdout


def test_check_warns_of_a_label_written_in_the_value_the_style_labels(tmp_path):
    """'Version 3' prints '(Version Version 3)', 'Report No. 12' '(Technical Report
    Report No. 12)', '2nd edition' '(2nd edition)': each hint, followed, gives APA's."""
    tool = {"id": "tool", "type": "software", "title": "Tool", "version": "Version 3",
            "publisher": "Lab", "URL": "https://example.org", "issued": {"date-parts": [[2021]]},
            "author": [{"family": "Diaz", "given": "Eva"}]}
    report = {"id": "rep", "type": "report", "title": "Sleep", "number": "Report No. 12",
              "genre": "Technical report", "publisher": "Office",
              "issued": {"date-parts": [[2019]]}, "author": [{"family": "Gray", "given": "Hal"}]}
    book = {"id": "book", "type": "book", "title": "Research", "edition": "2nd edition",
            "publisher": "Wolters Kluwer", "issued": {"date-parts": [[2021]]},
            "author": [{"family": "Polit", "given": "Denise"}]}
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([tool, report, book]), encoding="utf-8")
    warned = re.findall(r"warning: entry '(\w+)': (.*)\n  write it alone, (.*)",
                        run_report("check", "--refs", refs).stdout)
    assert [(key, hint) for key, _, hint in warned] == [
        ("tool", '"version": "3"'), ("rep", '"number": "12"'), ("book", '"edition": "2"')]
    assert "(Version Version 3)" in run_report("bib", "--refs", refs).stdout
    tool["version"], report["number"], book["edition"] = "3", "12", "2"
    refs.write_text(json.dumps([tool, report, book]), encoding="utf-8")
    after = run_report("bib", "--refs", refs).stdout
    assert "(Version 3)" in after and "(Technical Report No. 12)" in after and "(2nd ed.)" in after
    assert "warning:" not in run_report("check", "--refs", refs).stdout


def test_check_leaves_a_number_that_begins_with_no_label_the_style_prints(tmp_path):
    """APA §10.4's own "NIH Publication No. 12-345" is printed as written,
    "(NIH Publication No. 12-345)"; it was warned of, and the hint,
    "12-345", lost "NIH Publication". So was a report's "Report No. 12"
    without a genre, which prints "(Report No. 12)"."""
    base = {"type": "report", "title": "Sleep", "publisher": "Office",
            "issued": {"date-parts": [[2019]]}, "author": [{"family": "Gray", "given": "Hal"}]}
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([dict(base, id="nih", number="NIH Publication No. 12-345"),
                                dict(base, id="rep", number="Report No. 12", title="Wake")]),
                    encoding="utf-8")
    listed = run_report("bib", "--refs", refs).stdout
    assert "Sleep (NIH Publication No. 12-345)" in listed and "Wake (Report No. 12)" in listed
    checked = run_report("check", "--refs", refs).stdout
    assert "warning:" not in checked and "2 references, 0 errors, 0 warnings" in checked


def test_check_warns_of_web_sources_that_render_but_not_as_apa_writes_them(tmp_path):
    """A YouTube video in 'container-title' ('[Video]. In YouTube.', its
    title upright), a post's title of more than 20 words, a username as a
    name of its own ('Harris, K., & [@KamalaHarris].', 'Obama, B.,
    [@BarackObama].'), a section with its sign ('42 U.S.C. § § 2000e'):
    each hint, followed, gives APA's form (§10.12, §10.15, §11.5)."""
    video = {"id": "video", "type": "motion_picture", "genre": "Video", "title": "Prop 1A",
             "container-title": "YouTube", "author": [{"literal": "KING 5 Seattle"}],
             "issued": {"date-parts": [[2025, 2, 11]]}, "URL": "https://youtu.be/x"}
    words = " ".join(f"w{n}" for n in range(1, 25))
    post = {"id": "post", "type": "post", "genre": "Tweet", "title": words,
            "container-title": "X", "issued": {"date-parts": [[2025, 2, 11]]},
            "URL": "https://x.com/1", "author": [{"family": "Harris", "given": "Kamala"},
                                                 {"literal": "[@KamalaHarris]"}]}
    suffixed = dict(post, id="suffixed", title="Hi", author=[
        {"family": "Obama", "given": "Barack", "suffix": "[@BarackObama]"}])
    code = {"id": "code", "type": "legislation", "title": "Civil Rights Act of 1964",
            "container-title": "U.S.C.", "volume": "42", "section": "§ 2000e",
            "issued": {"date-parts": [[1964]]}}
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([video, post, suffixed, code]), encoding="utf-8")
    warned = re.findall(r"warning: entry '(\w+)': (.*)\n  (.*)",
                        run_report("check", "--refs", refs).stdout)
    assert [key for key, _, _ in warned] == ["video", "post", "post", "suffixed", "code"]
    before = run_report("bib", "--refs", refs).stdout
    for wrong in ("Prop 1A [Video]. In YouTube.", "Harris, K., & [@KamalaHarris].", "w24",
                  "Obama, B., [@BarackObama].", "42 U.S.C. § § 2000e"):
        assert wrong in before
    video["publisher"] = video.pop("container-title")
    post["title"] = " ".join(words.split()[:20])
    post["author"] = [{"family": "Harris", "given": "Kamala [@KamalaHarris]"}]
    suffixed["author"] = [{"family": "Obama", "given": "Barack [@BarackObama]"}]
    code["section"] = "2000e"
    refs.write_text(json.dumps([video, post, suffixed, code]), encoding="utf-8")
    assert "warning:" not in run_report("check", "--refs", refs).stdout
    after = run_report("bib", "--refs", refs, "--format", "html").stdout
    for right in ("<i>Prop 1A</i> [Video]. YouTube.", "Harris, K. [@KamalaHarris]. (2025",
                  "w20</i> [Tweet]", "Obama, B. [@BarackObama]. (2025",
                  "42 U.S.C. § 2000e (1964)."):
        assert right in after


def test_check_warns_of_a_groups_abbreviation_in_parentheses(tmp_path):
    """'World Health Organization (WHO)' was cited '(World Health
    Organization (WHO), 2025)' each time; the hint's brackets give APA's
    forms (§8.21): the list names the group in full, the first of three
    citations defines the abbreviation, the others use it."""
    video = {"id": "who", "type": "motion_picture", "genre": "Video", "publisher": "YouTube",
             "title": "Immune amnesia", "author": [{"literal": "World Health Organization (WHO)"}],
             "issued": {"date-parts": [[2025, 4, 24]]}, "URL": "https://youtu.be/x"}
    person = {"id": "lee", "type": "book", "title": "Book", "publisher": "P",
              "author": [{"family": "Lee (Jr.)", "given": "Ann"}],
              "issued": {"date-parts": [[2020]]}}
    refs, cites = tmp_path / "refs.json", tmp_path / "cites.txt"
    refs.write_text(json.dumps([video, person]), encoding="utf-8")
    cites.write_text("[@who]\n[@who]\n[@who]\n", encoding="utf-8")
    warned = re.findall(r"warning: entry '(\w+)': (.*)\n  (.*)",
                        run_report("check", "--refs", refs).stdout)
    assert [(key, hint.split(":")[0]) for key, _, hint in warned] == [
        ("who", 'write it in square brackets, "World Health Organization [WHO]"')]
    before = run_report("bib", "--refs", refs, "--cites", cites).stdout.splitlines()
    assert before[0] == "(World Health Organization (WHO), 2025)"
    video["author"] = [{"literal": "World Health Organization [WHO]"}]
    refs.write_text(json.dumps([video, person]), encoding="utf-8")
    assert "warning:" not in run_report("check", "--refs", refs).stdout
    after = run_report("bib", "--refs", refs, "--cites", cites).stdout.splitlines()
    assert after[:3] == ["(World Health Organization [WHO], 2025)", "(WHO, 2025)", "(WHO, 2025)"]
    assert after[-1].startswith("World Health Organization. (2025, April 24).")


def test_check_passes_a_complete_bibliography():
    result = run_report("check", "--refs", ROOT / "tests" / "conformance" / "bibtex" / "refs.json")
    assert result.returncode == 0, result.stdout


def test_bibtex_renders_as_the_equivalent_csl_json(tmp_path):
    folder = ROOT / "tests" / "conformance" / "bibtex"
    outputs = [run_report("bib", "--refs", folder / name, "--format", "html").stdout
               for name in ("refs.bib", "refs.json")]
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == 1 + len(json.loads((folder / "refs.json").read_text()))


TITLE_CASE_BIB = """\
@article{smith2020,
  author = {Smith, John and Doe, Jane
    and Roe, Richard},
  title = {The Effects of Sleep on Memory Consolidation in {NASA} Astronauts},
  journal = {Journal of Sleep Research}, year = {2020}}
@incollection{lee2019,
  author = {Lee, Ann}, title = {Thinking Fast: A Guide to the U.S. iPhone Era},
  booktitle = {The Big Book of Stuff}, publisher = {Penguin}, year = {2019}}
@article{kern2000,
  author = {Kern, Y}, title = {Die Schnelle Braune {Fox}}, journal = {J},
  year = {2000}, langid = {german}}
"""


def test_bibtex_titles_in_sentence_case_and_wrapped_name_lists(tmp_path):
    """As pandoc 3 reads the same .bib (checked by hand), but for initials,
    which stay capitals (pandoc writes "u.s.")."""
    bib = tmp_path / "refs.bib"
    bib.write_text(TITLE_CASE_BIB, encoding="utf-8")
    out = run_report("bib", "--refs", bib).stdout
    assert ("Smith, J., Doe, J., & Roe, R. (2020). The effects of sleep on memory "
            "consolidation in NASA astronauts. Journal of Sleep Research.") in out
    assert "Thinking fast: A guide to the U.S. iPhone era. In The big book of stuff" in out
    assert "Die Schnelle Braune Fox. J." in out  # not English: as written


LATEX_BIB = r"""
@book{a, author = {Gar\c{c}on, Fran\c{c}ois and M{\"u}ller, J{\"o}rg},
  title = {The \emph{Origin} of {NASA} in Gar\c{c}ons---A History}, publisher = {P}, year = 2001}
@misc{b, author = {Roe, R.}, year = 2000, publisher = {P},
  title = {A \foo{Bar} and \href{http://x.org}{Link}, {\"O}l \"{o}l \textbf{b}}}
"""


def test_bibtex_commands_keep_their_arguments(tmp_path):
    """citeproc-py stopped at any command with a braced argument
    ("generator raised StopIteration"); now formatting commands are CSL's
    markup, accents letters, and an unknown command is dropped, its words
    kept, with a warning."""
    bib = tmp_path / "refs.bib"
    bib.write_text(LATEX_BIB, encoding="utf-8")
    result = run_report("bib", "--refs", bib, "--format", "html")
    assert result.returncode == 0, result.stderr
    assert ("Garçon, F., &amp; Müller, J. (2001). <i>The </i>origin<i> of NASA in "
            "garçons—a history</i>. P.") in result.stdout
    assert "Roe, R. (2000). <i>A bar and link, Öl öl b</i>. P." in result.stdout
    assert "refs.bib: warning: the LaTeX command(s) \\foo are unknown" in result.stderr


def test_bibtex_with_a_command_cut_off_is_an_error_not_a_crash(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{c, author={Roe, R.}, title={Ends in \\emph}, year={2000}}\n",
                   encoding="utf-8")
    result = run_report("bib", "--refs", bib)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "refs.bib:1:34: entry 'c': cannot read the LaTeX in 'title'" in result.stderr


SYNTAX_BIB = """\
@article{a,
  author = {Lee, Kim},
  title = {Consolidation in the {REM phase},
  journal = {J},
  year = {2019}
}
@book{b, title={Y}, year=2000}
"""


def test_bibtex_syntax_errors_name_the_entry_field_line_and_column(tmp_path):
    """pandoc: 'Error at "refs.bib" (line 7, column 1): unexpected '@''; report
    said no line, and blamed a LaTeX command. A '@' between entries
    (an address in a comment) is text, as BibTeX reads it, not an entry."""
    bib = tmp_path / "refs.bib"
    cases = [
        (SYNTAX_BIB, "3:11: entry 'a': the braces in the field 'title' do not balance: "
                     "a '{' is not closed\n  close each '{' with a '}'"),
        ("@article{a, title = {A}}, journal = {J}, year = 2000}\n",
         "1:24: entry 'a': this '}' ends the entry, but fields follow: a '}' too many?"),
        ("@article{a,\n  title = {A}\n  year = 2000}\n",
         "3:3: entry 'a': a ',' is missing after the field 'title'"),
        ('@article{a, title = "A {b", year = 2000}\n',
         "1:21: entry 'a': the '\"' that opens the field 'title' is not closed"),
        ("@article{a, title = {A}, journal = jsr, year = 2000}\n",
         "1:36: entry 'a': 'jsr' in the field 'journal' is no @string defined before it"),
        ("@article{a, title = {A}, year = 2000\n\n@book{b, title = {B}}\n",
         "3:1: entry 'a': the entry is not closed: a '}' is missing before the next one"),
        ("@artcle{a, title = {A}, year = 2000}\n",
         "1:1: entry 'a': @artcle is no entry type report knows\n  did you mean 'article'?"),
    ]
    for text, expected in cases:
        bib.write_text(text, encoding="utf-8")
        result = run_report("bib", "--refs", bib)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith(f"error: {bib}:{expected}"), result.stderr
    bib.write_text("% by me@example.org\n@comment{x}\n@book{k, title = {T}, year = 2000, "
                   "publisher = {P},}\n", encoding="utf-8")
    result = run_report("bib", "--refs", bib)
    assert result.returncode == 0 and result.stdout.strip() == "T. (2000). P.", result.stderr


def test_bibtex_error_names_the_line_of_the_entry(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{ok,\n  title = {Fine},\n  year = {2001}\n}\n\n"
                   "@book{Late2020,\n  title = {T},\n  year = {2020},\n  month = {13}\n}\n",
                   encoding="utf-8")
    result = run_report("check", "--refs", bib)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "refs.bib:6:1: entry 'Late2020': 'issued' has an impossible date" in result.stderr


def test_bibtex_keys_keep_their_case_in_messages(tmp_path):
    """citeproc-py lowercased a BibTeX key ("did you mean 'lee2019'?"), where a
    CSL-JSON id keeps its case; citations still find a key whatever its case."""
    (tmp_path / "refs.bib").write_text(
        "@book{Lee2019, author = {Lee, Kim}, title = {T}, year = 2019, publisher = {P}}\n"
        "@book{Roe2020, author = {Roe, Al}, title = {U}, year = 2020, publisher = {P}}\n",
        encoding="utf-8")
    (tmp_path / "cites.txt").write_text("[@Lea2019]\n", encoding="utf-8")
    result = run_report("bib", "--refs", tmp_path / "refs.bib", "--cites",
                        tmp_path / "cites.txt")
    assert result.returncode == 1 and "did you mean 'Lee2019'?" in result.stderr
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: T\nbibliography: refs.bib\n---\n\nText [@lee2019].\n",
                       encoding="utf-8")
    result = run_report("html", article, "-o", tmp_path / "a.html")
    assert result.returncode == 0, result.stderr
    assert "warning: reference 'Roe2020' is never cited" in result.stderr
    from report.bibtex import load
    assert [item["id"] for item in load(tmp_path / "refs.bib")] == ["Lee2019", "Roe2020"]


CROSSREF_BIB = """\
@book{Parent2018, editor = {Parent, Paula}, title = {The Big Book}, year = {2018},
  publisher = {Oxford University Press}, address = {Oxford}}
@incollection{Child2018, author = {Child, Carl}, title = {A Chapter}, crossref = {Parent2018},
  pages = {5--9}}
@proceedings{Proc2001, title = {Proceedings of Sleep}, year = 2001, editor = {Eve, Fay},
  publisher = {ACM}}
@inproceedings{Paper2001, author = {Ames, Bo}, title = {A Paper}, crossref = {proc2001}}
@incollection{Lost2000, author = {Lost, Al}, title = {Lost}, crossref = {Nowhere}, year = 2000,
  booktitle = {B}, publisher = {P}}
"""


def test_a_bibtex_crossref_gives_its_fields_and_its_title_as_booktitle(tmp_path):
    """As biber and pandoc resolve a crossref; report printed "Child, C.
    (n.d.). A chapter (pp. 5–9)." and said the parent was never cited."""
    (tmp_path / "refs.bib").write_text(CROSSREF_BIB, encoding="utf-8")
    (tmp_path / "cites.txt").write_text("[@Child2018]\n[@Paper2001]\n", encoding="utf-8")
    result = run_report("bib", "--refs", tmp_path / "refs.bib", "--cites", tmp_path / "cites.txt")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[3:] == [
        "Ames, B. (2001). A paper. In F. Eve (Ed.), Proceedings of sleep. ACM.",
        "Child, C. (2018). A chapter. In P. Parent (Ed.), The big book (pp. 5–9). "
        "Oxford University Press."]
    assert "refs.bib:8: warning: entry 'Lost2000': its crossref 'Nowhere' is no entry of this " \
           "file" in result.stderr
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: T\nbibliography: refs.bib\n---\n\n"
                       "Text [@Child2018; @Paper2001; @Lost2000].\n", encoding="utf-8")
    result = run_report("html", article, "-o", tmp_path / "a.html")
    assert result.returncode == 0 and "never cited" not in result.stderr, result.stderr
    _, entries = _cited(tmp_path, article.read_text(encoding="utf-8"))
    assert len(entries) == 3  # pandoc too lists a parent only where it is cited


def test_bibtex_howpublished_a_link_is_the_url_other_words_the_publisher(tmp_path):
    """BibTeX had no `url` field; `howpublished = {\\url{...}}` printed as a
    medium, "Sleep facts [Https://who.int/sleep]". Other words are the
    publisher's, as pandoc reads them."""
    bib = tmp_path / "refs.bib"
    bib.write_text(r"""
@misc{WHO2021, author = {{World Health Organization}}, title = {Sleep Facts},
  howpublished = {\url{https://who.int/sleep}}, year = {2021}}
@misc{Bare2020, author = {Bare, Al}, title = {Bare}, howpublished = {https://x.org/b}, year = 2020}
@booklet{Flyer2019, author = {Fly, Ed}, title = {Flyer}, year = 2019,
  howpublished = {Distributed at the Conference}, publisher = {ACM}}
""", encoding="utf-8")
    result = run_report("bib", "--refs", bib)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines() == [
        "Bare, A. (2020). Bare. https://x.org/b",
        "Fly, E. (2019). Flyer. Distributed at the Conference; ACM.",
        "World Health Organization. (2021). Sleep facts. https://who.int/sleep"]


def test_bibtex_math_is_text_and_italics_as_pandoc_prints_it(tmp_path):
    """report printed "The $\\alpha$-effect of sleep"; pandoc "The α-effect
    of sleep". A formula keeps its case; a dollar as text is \\$."""
    bib = tmp_path / "refs.bib"
    bib.write_text(r"""
@article{Berg2020, author = {Berg, Jan}, title = {The $\alpha$-Effect of Sleep}, journal = {J},
  year = {2020}, volume = {1}, pages = {1--2}}
@book{Cole2021, author = {Cole, Al}, title = {Where $p < .05$: $R^2$ Values for \$5},
  year = {2021}, publisher = {P}}
""", encoding="utf-8")
    result = run_report("bib", "--refs", bib, "--format", "html")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines() == [
        "Berg, J. (2020). The α-effect of sleep. <i>J</i>, <i>1</i>, 1–2.",
        "Cole, A. (2021). <i>Where </i>p<i> &lt; .05: </i>R<i>2 values for $5</i>. P."]


def test_biblatex_dates_are_read_and_a_key_used_twice_is_an_error(tmp_path):
    bib = tmp_path / "refs.bib"
    entries = ("@online{berg,\n  author = {Berg, Ann},\n  title = {Rules},\n"
               "  organization = {Site},\n  url = {https://example.edu/r},\n"
               "  urldate = {2021-03-03}\n}\n\n"
               "@article{cole,\n  author = {Cole, Al},\n  title = {An article},\n"
               "  journaltitle = {Journal},\n  date = {2019-11-02},\n  volume = {3}\n}\n")
    bib.write_text(entries, encoding="utf-8")
    result = run_report("bib", "--refs", bib)
    assert result.returncode == 0, result.stderr
    assert "Berg, A. (n.d.). Rules. Site. Retrieved March 3, 2021, from https://" in result.stdout
    assert "Cole, A. (2019). An article. Journal, 3." in result.stdout
    bib.write_text(entries + "\n@book{Cole,\n  title = {Again},\n  year = {2001}\n}\n",
                   encoding="utf-8")
    result = run_report("bib", "--refs", bib)
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {bib}:17: the key 'Cole' is used again "
                                    "(first at line 9)")


def test_a_raw_date_no_one_can_read_is_printed_as_written_with_a_warning(tmp_path):
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([
        {"id": "a", "type": "book", "title": "T", "issued": {"raw": "Mrach 2020"}},
        {"id": "b", "type": "book", "title": "U", "issued": {"raw": "n.d."}}]),
        encoding="utf-8")
    result = run_report("bib", "--refs", refs)
    assert result.returncode == 0 and "T. (Mrach 2020)." in result.stdout
    assert result.stderr == (f"{refs}:1: warning: entry 'a': 'issued' \"Mrach 2020\" is no date "
                             "report can read: it prints as written; write it as 2020-03-15, or "
                             "as {\"literal\": ...} to mean it\n")


def test_fields_outside_csl_are_left_out_quietly(tmp_path):
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([{"id": "m", "type": "book", "title": "Über Kinder",
                                 "translated-title": "On children", "custom": {"a": 1},
                                 "categories": ["x"], "issued": {"date-parts": [[2008]]}}]),
                    encoding="utf-8")
    result = run_report("bib", "--refs", refs)
    assert result.returncode == 0 and result.stderr == ""
    assert "Über Kinder" in result.stdout


def _split_bibliography(tmp_path, second: list[dict] | None = None):
    """The sleep fixture's references in two files, as pandoc's
    `bibliography: [a.json, b.json]` names them."""
    items = json.loads((ROOT / "tests" / "fixtures" / "sleep" / "refs.json").read_text())
    (tmp_path / "a.json").write_text(json.dumps(items[:3], indent=1), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(second or items[3:], indent=1), encoding="utf-8")
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: T\nbibliography: [a.json, b.json]\n---\n\n"
                       "Text [@walker2017; @cdc2022].\n", encoding="utf-8")
    return article, items


def test_several_bibliographies_are_read_as_one(tmp_path):
    article, _ = _split_bibliography(tmp_path)
    result = run_report("html", article, "-o", tmp_path / "o.html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "o.html").read_text(encoding="utf-8")
    assert "Centers for Disease Control and Prevention, 2022</a>; <a" in html  # b.json
    assert "Walker, 2017</a>)" in html                                         # a.json
    assert "b.json: warning: reference 'nsf2020b' is never cited" in result.stderr
    result = run_report("check", article)
    assert "a.json: 3 references" in result.stdout and "b.json: 4 references" in result.stdout


def test_an_id_in_two_bibliographies_names_both(tmp_path):
    article, items = _split_bibliography(tmp_path)
    _split_bibliography(tmp_path, second=items[3:] + [items[0]])
    result = run_report("html", article, "-o", tmp_path / "o.html")
    assert result.returncode == 1
    assert "b.json:" in result.stderr and "entry 'walker2017' is also in a.json" in result.stderr


INLINE = """\
---
title: Inline
references:
- type: article-journal
  id: WatsonCrick1953
  author:
  - family: Watson
    given: J. D.
  - family: Crick
    given: F. H. C.
  issued: 1953-04-25
  title: 'Molecular structure of nucleic acids: A structure for deoxyribose nucleic acid'
  container-title: Nature
  volume: 171
  issue: 4356
  page: 737-738
  DOI: 10.1038/171737a0
---

As @WatsonCrick1953 showed.
"""
WATSON = ("Watson, J. D., &amp; Crick, F. H. C. (1953). Molecular structure of nucleic acids: "
          "A structure for deoxyribose nucleic acid. <i>Nature</i>, <i>171</i>(4356), "
          "737–738. https://doi.org/10.1038/171737a0")


def _cited(tmp_path, article: str) -> tuple[str, list[str]]:
    from report import pipeline
    from report.bib import to_html
    (tmp_path / "article.md").write_text(article, encoding="utf-8")
    doc = pipeline.load(tmp_path / "article.md")
    para = doc.blocks[0].children
    return to_html(para[1].rendered), [to_html(r.rendered) for r in doc.references]


def test_the_articles_own_references_as_pandoc_reads_them(tmp_path):
    cluster, entries = _cited(tmp_path, INLINE)
    assert cluster == "Watson and Crick (1953)"
    assert entries == [WATSON]
    result = run_report("check", tmp_path / "article.md")
    assert result.returncode == 0 and "article.md: 1 reference, 0 errors" in result.stdout


def test_a_csl_yaml_bibliography_file(tmp_path):
    front, body = INLINE.split("---\n\n")
    (tmp_path / "refs.yaml").write_text(front.split("title: Inline\n")[1], encoding="utf-8")
    _, entries = _cited(tmp_path, "---\ntitle: T\nbibliography: refs.yaml\n---\n\n" + body)
    assert entries == [WATSON]


def test_pandoc_citeprocs_older_yaml_dates(tmp_path):
    _, entries = _cited(tmp_path, INLINE.replace("issued: 1953-04-25",
                                                 "issued: [{year: 1953, month: 4}]"))
    assert entries == [WATSON]
    (tmp_path / "article.md").write_text(INLINE.replace("issued: 1953-04-25", "issued: [1953]"),
                                         encoding="utf-8")
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "o.html")
    assert result.returncode == 1 and "'issued' must be an object" in result.stderr


def test_a_csl_json_date_written_as_text_is_read_as_pandoc_reads_it(tmp_path):
    """CSL-JSON wants date-parts; pandoc (and report's CSL YAML) also take a
    date written as text, which hand-written and converted files hold."""
    result = _bib(tmp_path, json.dumps([
        {"id": "a", "type": "article-newspaper", "title": "Heat", "container-title": "El Sol",
         "author": [{"family": "Ruiz", "given": "Ana"}], "issued": "March 15, 2006"},
        {"id": "b", "type": "book", "title": "Cold", "publisher": "P",
         "author": [{"family": "Lee", "given": "Bo"}], "issued": "2019-04"}]), "[@a; @b]\n")
    assert result.stdout.splitlines() == [
        "(Lee, 2019; Ruiz, 2006)", "", "Lee, B. (2019). Cold. P.",
        "Ruiz, A. (2006, March 15). Heat. El Sol."]


def test_a_date_of_other_digits_prints_as_written(tmp_path):
    """"¹" is a digit to Python's isdigit(), not to int(): it was an internal
    error (make fuzz); now text that is no date, with a warning."""
    result = _bib(tmp_path, json.dumps([{"id": "a", "type": "book", "title": "T",
                                         "issued": "¹"}]), "[@a]\n")
    assert result.returncode == 0 and "is no date report can read" in result.stderr


def test_a_date_that_is_no_date_is_named_at_its_field(tmp_path):
    refs = tmp_path / "refs.json"
    refs.write_text('[{"id": "a", "type": "book", "title": "T",\n  "issued": [2006]}]',
                    encoding="utf-8")
    result = run_report("bib", "--refs", refs)
    assert result.returncode == 1
    assert f"{refs}:2:3: entry 'a': 'issued' must be an object with 'date-parts'" \
        in result.stderr
    assert '"2025-03-01"' in result.stderr  # says what to write


def test_a_wrong_inline_entry_names_the_article(tmp_path):
    (tmp_path / "article.md").write_text(
        INLINE.replace("- type: article-journal\n  id: WatsonCrick1953",
                       "- id: WatsonCrick1953\n  type: [article]"), encoding="utf-8")
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "o.html")
    assert result.returncode == 1
    assert "article.md:5:3: entry 'WatsonCrick1953': 'type' must be text" in result.stderr


# citeproc-js 2.4.63 (tools/csl/expect.js) and pandoc 3.9 alike, apa.csl: an
# entry without a type is a work of no type, which no test of the style's
# matches: a journal article's fields "In *Nature* (Vol. …)", a report's date
# its year alone (CSL's `document` would be dated in full, "(2020, March 5)").
UNTYPED = [
    "(Doe, 2020; Watson &amp; Crick, 1953)", "",
    "Doe, J. (2020). <i>Guidelines for care</i> (Policy Brief No. 12). Health Agency. "
    "https://example.org/g",
    "Watson, J. D., &amp; Crick, F. H. C. (1953). Molecular structure of nucleic acids. In "
    "<i>Nature</i> (Vol. 171, Issue 4356, pp. 737–738). https://doi.org/10.1038/171737a0"]


def test_an_entry_without_a_type_is_rendered_as_the_engines_render_it(tmp_path):
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([
        {"id": "doe", "title": "Guidelines for care",
         "author": [{"family": "Doe", "given": "Jane"}], "publisher": "Health Agency",
         "issued": {"date-parts": [[2020, 3, 5]]}, "URL": "https://example.org/g",
         "number": "12", "genre": "Policy brief"},
        {"id": "watson", "title": "Molecular structure of nucleic acids",
         "author": [{"family": "Watson", "given": "J. D."},
                    {"family": "Crick", "given": "F. H. C."}],
         "issued": {"date-parts": [[1953, 4, 25]]}, "container-title": "Nature", "volume": "171",
         "issue": "4356", "page": "737-738", "DOI": "10.1038/171737a0"}], indent=1),
        encoding="utf-8")
    (tmp_path / "cites.txt").write_text("[@doe; @watson]\n", encoding="utf-8")
    result = run_report("bib", "--refs", refs, "--cites", tmp_path / "cites.txt",
                        "--format", "html")
    assert result.returncode == 0 and result.stdout.splitlines() == UNTYPED
    rows = refs.read_text(encoding="utf-8").splitlines()
    lines = {key: rows.index(f'  "id": "{key}",') + 1 for key in ("doe", "watson")}
    warnings = [f"{refs}:{line}: warning: entry '{key}': has no 'type'"
                for key, line in lines.items()]
    assert all(w in result.stderr for w in warnings)
    check = run_report("check", "--refs", refs)  # the same warnings, and no error
    assert check.returncode == 0 and all(w in check.stderr for w in warnings)
    assert f"{refs}: 2 references, 0 errors" in check.stdout


def test_a_doi_written_as_its_link_is_printed_once(tmp_path):
    """APA §9.34; citeproc-js and pandoc print "https://doi.org/https://doi.org/…"."""
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([
        {"id": key, "type": "article-journal", "title": "T", "container-title": "J",
         "author": [{"family": "Doe", "given": "A"}], "issued": {"date-parts": [[year]]},
         "DOI": doi}
        for key, year, doi in (("a", 2020, "https://doi.org/10.1000/a1"),
                               ("b", 2021, "doi:10.1000/b2"), ("c", 2022, "http://dx.doi.org/10.1000/c3"))
    ]), encoding="utf-8")
    out = run_report("bib", "--refs", refs).stdout
    assert [line.rsplit(" ", 1)[1] for line in out.strip().splitlines()] == [
        "https://doi.org/10.1000/a1", "https://doi.org/10.1000/b2", "https://doi.org/10.1000/c3"]


def test_bibtex_cut_off_at_the_end_is_an_error_not_a_hang(tmp_path):
    """citeproc-py's parser read past the end of the file for ever: a brace
    left open in the last entry, or a file ending inside a field's name."""
    import subprocess
    import sys
    for n, text in enumerate(("@book{k, author={Doe, J.}, title={\\href{u}{t}{}, year={2000}}\n",
                              "@book{k, author", "@comment no line end")):
        bib = tmp_path / f"r{n}.bib"
        bib.write_text(text, encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "report", "bib", "--refs", str(bib)],
                                capture_output=True, text=True, timeout=60, cwd=ROOT)
        assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 0 or f"r{n}.bib:1:" in result.stderr


def test_an_empty_name_list_is_as_if_not_given(tmp_path):
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([{"id": "a", "type": "book", "title": "T", "editor": [],
                                 "author": [{"family": "Roe", "given": "Al"}],
                                 "issued": {"date-parts": [[2001]]}}]), encoding="utf-8")
    result = run_report("bib", "--refs", refs)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Roe, A. (2001). T."


def test_an_article_that_cites_none_of_its_references_gets_one_warning(tmp_path):
    """Not a line per reference of a refs.json the article was not written for."""
    (tmp_path / "refs.json").write_bytes((ROOT / "refs.json").read_bytes())
    (tmp_path / "article.md").write_text("---\ntitle: T\n---\n\nNo citation.\n", encoding="utf-8")
    result = run_report("html", tmp_path / "article.md", "-o", tmp_path / "o.html")
    assert result.returncode == 0, result.stderr
    count = len(json.loads((ROOT / "refs.json").read_text(encoding="utf-8")))
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'refs.json'}: warning: none of the {count} references is cited; "
        "there is no reference list"]


def test_a_bibliography_may_be_anywhere_a_shared_library_is(tmp_path):
    """`bibliography: ../library.json` and `~/…`, as Zotero users keep one
    library for every paper: read, as pandoc reads it (images stay beside
    the article: WeasyPrint fetches nothing outside its folder)."""
    library = tmp_path / "library.json"
    library.write_bytes((ROOT / "tests" / "fixtures" / "sleep" / "refs.json").read_bytes())
    paper = tmp_path / "paper"
    paper.mkdir()
    for name in ("../library.json", "~/library.json"):
        (paper / "article.md").write_text(f"---\ntitle: T\nbibliography: {name}\n---\n\n"
                                          "Text [@walker2017].\n", encoding="utf-8")
        result = run_report("html", paper / "article.md", "-o", paper / "o.html",
                            env={**os.environ, "HOME": str(tmp_path)})
        assert result.returncode == 0, result.stderr
        assert "Walker, 2017" in (paper / "o.html").read_text(encoding="utf-8")


def test_an_empty_date_is_no_date_with_a_warning_where_it_stands(tmp_path):
    """`"issued": {}` is n.d., as citeproc-js and pandoc read it, not an
    error; the warning names the field's line and column."""
    result = _bib(tmp_path, '[\n{"id": "m", "type": "map", "title": "Plan de Smyrne",\n'
                            ' "publisher": "Dépôt de la Guerre", "issued": {}},\n'
                            '{"id": "n", "type": "map", "title": "Carte", "publisher": "D",\n'
                            ' "issued": {"date-parts": [[]]}}\n]\n', "[@m]\n[@n]\n")
    assert result.stdout.splitlines() == [
        "(Plan de Smyrne, n.d.)", "(Carte, n.d.)", "",
        "Carte. (n.d.). [Map]. D.", "Plan de Smyrne. (n.d.). [Map]. Dépôt de la Guerre."]
    assert "refs.json:3:37: warning: entry 'm': 'issued' is empty, read as no date" \
        in result.stderr
    assert "refs.json:5:2: warning: entry 'n': 'issued' is empty" in result.stderr


def _bib(tmp_path, refs: str, cites: str):
    """`report bib` of `refs` (refs.json's text) and `cites`, built without an error."""
    (tmp_path / "refs.json").write_text(refs, encoding="utf-8")
    (tmp_path / "cites.txt").write_text(cites, encoding="utf-8")
    result = run_report("bib", "--refs", tmp_path / "refs.json", "--cites",
                        tmp_path / "cites.txt")
    assert result.returncode == 0, result.stderr
    return result


def test_an_empty_type_as_pandoc_writes_for_misc_is_no_type(tmp_path):
    """`pandoc refs.bib -t csljson` writes `"type": ""` for BibTeX's @misc (and
    pandoc's citeproc reads it): Quarto's ACM template's references stopped
    the build ("has no 'type'"). Read as no type at all, as pandoc reads it
    (the year alone), said at its line."""
    refs = tmp_path / "refs.json"
    refs.write_text('[{"id": "poker06", "type": "",\n "author": [{"family": "Poker-Edge.Com"}],'
                    ' "title": "Stats and analysis", "issued": {"date-parts": [[2006, 3]]}}]',
                    encoding="utf-8")
    result = run_report("bib", "--refs", refs)
    assert result.returncode == 0, result.stderr
    assert f"{refs}:1: warning: entry 'poker06': has no 'type'" in result.stderr
    assert "Poker-Edge.Com. (2006). Stats and analysis." in result.stdout


def test_check_counts_the_warnings_given_while_reading_the_file(tmp_path):
    """"has no 'type'" and an empty date are warned of as the file is read,
    on standard error: the summary counted only the lints' warnings."""
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([
        {"id": "a", "title": "Untyped", "author": [{"family": "Doe", "given": "J."}],
         "issued": {"date-parts": [[2020]]}, "publisher": "P"},
        {"id": "b", "type": "book", "title": "Undated", "publisher": "P", "issued": ""},
        {"id": "c", "type": "book", "title": "SHOUTING TITLE", "publisher": "P",
         "issued": {"date-parts": [[2021]]}}], indent=1), encoding="utf-8")
    result = run_report("check", "--refs", refs)
    warned = [line for line in (result.stderr + result.stdout).splitlines()
              if ": warning: " in line]
    assert len(warned) >= 3 and any("has no 'type'" in w for w in warned)
    assert result.stdout.splitlines()[-1] == (
        f"{refs}: 3 references, 0 errors, {len(warned)} warnings")
