"""Faults a differential fuzzer found: our citations and entries against
citeproc-js's with apa.csl for the same items (or, where the rule is APA's
own, against APA 7). Each expected string is citeproc-js's output."""

from __future__ import annotations

import json

from report.bib import read_cites, render, to_html


def bib(tmp_path, items, *clusters):
    """(rendered clusters, reference entries in list order) as <i>-only HTML."""
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps(items), encoding="utf-8")
    cites, references = render(refs, read_cites("\n".join(clusters), tmp_path / "c"))
    return [to_html(c.rendered) for c in cites], [to_html(r.rendered) for r in references]


def roe(id, type, title, *date):
    return {"id": id, "type": type, "title": title, "author": [{"family": "Roe", "given": "Ann"}],
            "issued": {"date-parts": [list(date)]}}


def test_one_authors_works_sort_by_date_whatever_parts_the_style_sorts_by(tmp_path):
    """apa.csl sorts a book by its year and a webpage by its full date: a
    1969 webpage comes before a 1973 book, and within 1969 the year alone
    (as zeros) before January 5, a one-day date before a range from it."""
    items = [roe("a", "book", "Zeta", 1973), roe("b", "webpage", "Alpha", 1969, 1, 5),
             roe("c", "book", "Mid", 1969), roe("d", "webpage", "Beta", 1969, 3),
             roe("e", "webpage", "Gamma", 1969),
             {**roe("f", "article-newspaper", "Ep", 1969, 1, 5),
              "issued": {"date-parts": [[1969, 1, 5], [1969, 2, 1]]}}]
    [two], _ = bib(tmp_path, items[:2], "[@a; @b]")
    assert two == "(Roe, 1969, 1973)"
    _, entries = bib(tmp_path, items)
    assert entries == ["Roe, A. (1969a). <i>Gamma</i>.",
                       "Roe, A. (1969b). <i>Mid</i>.",
                       "Roe, A. (1969c, January 5). <i>Alpha</i>.",
                       "Roe, A. (1969d, January 5–February 1). <i>Ep</i>.",
                       "Roe, A. (1969e, March). <i>Beta</i>.",
                       "Roe, A. (1973). <i>Zeta</i>."]


def test_names_added_to_tell_cites_apart_do_not_spill_into_a_long_entry(tmp_path):
    """Two works whose 25 authors differ only in the 22nd: their citations
    show 22 names, their entries the first 19, an ellipsis and the last
    (APA §9.8), never all 25 nor "et al."."""
    def work(id, title, other):
        names = ([{"family": f"F{n}", "given": "A"} for n in range(1, 22)]
                 + [{"family": other, "given": "B"}]
                 + [{"family": f"L{n}", "given": "A"} for n in range(3)])
        return {"id": id, "type": "book", "title": title, "author": names,
                "issued": {"date-parts": [[2000]]}}
    [cluster], entries = bib(tmp_path, [work("x", "One", "Xu"), work("y", "Two", "Yo")],
                             "[@x; @y]")
    assert "F21, Xu, et al., 2000; F1," in cluster
    first19 = "".join(f"F{n}, A., " for n in range(1, 20))
    assert entries == [f"{first19}… L2, A. (2000). <i>One</i>.",
                       f"{first19}… L2, A. (2000). <i>Two</i>."]


def test_a_bills_sponsor_makes_no_author_ambiguous(tmp_path):
    """A bill is cited by its title; its sponsor (Zotero exports sponsors as
    authors) is no "Martin" of the citations: the book's author gets no
    initials. Two books by two Martins still do (APA §8.20)."""
    book = {"id": "a", "type": "book", "title": "Zeta", "publisher": "Wiley",
            "author": [{"family": "Martin", "given": "Yuki"}], "issued": {"date-parts": [[2021]]}}
    bill = {"id": "b", "type": "bill", "title": "Clean Air Act", "number": "H.R. 5",
            "authority": "U.S. House", "author": [{"family": "Martin", "given": "Li"}],
            "issued": {"date-parts": [[2021]]}}
    other = dict(book, id="c", title="Eta", author=[{"family": "Martin", "given": "Zed"}])
    [cluster], _ = bib(tmp_path, [book, bill], "[@a; @b]")
    assert cluster == "(Clean Air Act, 2021; Martin, 2021)"
    [cluster], _ = bib(tmp_path, [book, bill, other], "[@a; @c]")
    assert cluster == "(Y. Martin, 2021; Z. Martin, 2021)"


def test_a_name_within_another_word_of_a_cite_is_not_that_name(tmp_path):
    """A bill by K. Li is cited by its title, "(Lien Reform Act, 2021)":
    "Lien" is no "Li", so J. Li's book is no other Li's (as in citeproc-js),
    nor is Ødegård's, whose "Ødegårdsen" is another name. The cluster is in
    the reference list's order, nothing before something (APA §8.12, §9.45):
    "Ødegård" before "Ødegårdsen Act", as both engines list them;
    citeproc-js 2.4.63 sorts this cluster (not the two alone) the other way."""
    book = {"id": "a", "type": "book", "title": "Zeta", "publisher": "Wiley",
            "author": [{"family": "Li", "given": "Jun"}], "issued": {"date-parts": [[2021]]}}
    bill = {"id": "b", "type": "bill", "title": "Lien Reform Act", "number": "H.R. 5",
            "authority": "U.S. House", "author": [{"family": "Li", "given": "Kai"}],
            "issued": {"date-parts": [[2021]]}}
    norse = [dict(book, id="c", author=[{"family": "Ødegård", "given": "Åse"}]),
             dict(bill, id="d", title="Ødegårdsen Act",
                  author=[{"family": "Ødegård", "given": "Pål"}])]
    [cluster], _ = bib(tmp_path, [book, bill, *norse], "[@a; @b; @c; @d]")
    assert cluster == "(Li, 2021; Lien Reform Act, 2021; Ødegård, 2021; Ødegårdsen Act, 2021)"
    [cluster], _ = bib(tmp_path, [book, bill, dict(book, id="e", author=[
        {"family": "Li", "given": "Zed"}])], "[@a; @e]")
    assert cluster == "(J. Li, 2021; Z. Li, 2021)"


def test_a_range_of_months_has_no_space_before_its_dash(tmp_path):
    def talk(id, family, *dates):
        return {"id": id, "type": "personal_communication",
                "author": [{"family": family, "given": "Ann"}],
                "issued": {"date-parts": [list(d) for d in dates]}}
    items = [talk("a", "Roe", (2007, 3), (2007, 7)), talk("b", "Doe", (2007, 3), (2008, 7)),
             talk("c", "Loe", (2007, 3, 4), (2007, 7, 6))]
    clusters, _ = bib(tmp_path, items, "[@a]", "[@b]", "[@c]")
    assert clusters == ["(A. Roe, personal communication, March–July 2007)",
                        "(A. Doe, personal communication, March 2007–July 2008)",
                        "(A. Loe, personal communication, March 4–July 6, 2007)"]


def test_punctuation_enters_a_quote_that_ends_an_italic_title(tmp_path):
    """APA §6.10: a period or comma goes inside closing quotation marks, also
    those ending an italic title: "<i>Medicine and “Dr. House.”</i> Wiley."."""
    book = {"id": "b", "type": "book", "title": 'Medicine and "Dr. House"',
            "publisher": "Wiley", "issued": {"date-parts": [[2007]]}}
    journal = {"id": "j", "type": "article-journal", "title": "A “B”",
               "container-title": 'Medicine and "Dr. House"', "volume": "3", "page": "1-2",
               "author": [{"family": "Doe", "given": "Ann"}], "issued": {"date-parts": [[2007]]}}
    [cluster, _], entries = bib(tmp_path, [book, journal], "[@b]", "[@j]")
    assert cluster == "(<i>Medicine and “Dr. House,”</i> 2007)"
    assert entries == ["Doe, A. (2007). A “B.” <i>Medicine and “Dr. House,”</i> <i>3</i>, 1–2.",
                       "<i>Medicine and “Dr. House.”</i> (2007). Wiley."]


def test_title_case_as_apa_has_it(tmp_path):
    """A minor word before a colon stays lowercase ("What to: A Study", as
    citeproc-js prints it); APA capitalizes every word of four letters or
    more (§6.17), "From", "With", "Into", and keeps "and", "of", "the",
    "to", "in" lowercase within a title."""
    def news(id, title):
        return {"id": id, "type": "article-newspaper", "title": title,
                "container-title": "The times", "issued": {"date-parts": [[2020]]}}
    items = [news("a", "What to: a study of: the end"),
             news("b", "Where we come from: life with dogs, into the wild and over it"),
             news("c", "Tales of the city in the year to come")]
    clusters, entries = bib(tmp_path, items, "[@a]", "[@b]", "[@c]")
    assert clusters == ["(“What to: A Study of: The End,” 2020)",
                        "(“Where We Come From: Life With Dogs, Into the Wild and Over It,” 2020)",
                        "(“Tales of the City in the Year to Come,” 2020)"]
    assert entries[0].endswith("<i>The Times</i>.")


def test_title_case_of_other_styles_keeps_csls_stop_words(tmp_path):
    """Chicago lowercases prepositions of any length, as CSL's stop words
    and pandoc have it: "Letters from Home"."""
    from report.cite import render_all
    item = {"id": "a", "type": "article-journal", "title": "letters from home",
            "container-title": "x", "author": [{"family": "Roe", "given": "Ann"}],
            "issued": {"date-parts": [[2020]]}}
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([item]), encoding="utf-8")
    cites = read_cites("[@a]", tmp_path / "c")
    [entry] = render_all(refs, cites, [], "chicago-author-date", tmp_path / "article.md",
                         warn_unused=False)
    assert "“Letters from Home.”" in to_html(entry.rendered)


def test_ranges_of_issues_and_volumes_take_an_en_dash(tmp_path):
    """APA §6.6, as citeproc-js prints them; a law's number is one number,
    as written (§11.5: "Pub. L. No. 107-110")."""
    def journal(id, family, volume, issue):
        return {"id": id, "type": "article-journal", "title": "T", "container-title": "J",
                "volume": volume, "issue": issue, "page": "1-2",
                "author": [{"family": family, "given": "Ann"}],
                "issued": {"date-parts": [[2007]]}}
    law = {"id": "l", "type": "legislation", "title": "No Child Left Behind Act of 2001",
           "number": "107-110", "container-title": "U.S. Statutes at Large", "volume": "115",
           "page": "1425", "issued": {"date-parts": [[2002]]}}
    book = {"id": "b", "type": "book", "title": "T", "volume": "1-3", "publisher": "P",
            "author": [{"family": "Poe", "given": "Ann"}], "issued": {"date-parts": [[2007]]}}
    _, entries = bib(tmp_path, [journal("a", "Roe", "3", "4-6"),
                                journal("c", "Loe", "3-4", "4 - 6"), law, book])
    assert entries == [
        "Loe, A. (2007). T. <i>J</i>, <i>3–4</i>(4–6), 1–2.",
        "No Child Left Behind Act of 2001, Pub. L. No. 107-110, 115 U.S. Statutes at Large "
        "1425 (2002).",
        "Poe, A. (2007). <i>T</i> (Vols. 1–3). P.",
        "Roe, A. (2007). T. <i>J</i>, <i>3</i>(4–6), 1–2."]
