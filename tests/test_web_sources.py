"""The web sources of a policy article, as APA 7 gives them, read back from
the brief's PDF: an online encyclopedia's entry dated in full (§10.3), a
Supreme Court case without the court its reporter names (§11.4)."""

from __future__ import annotations

import json
import re

import pdfplumber
import pytest
from test_groupnames import built

WIKI = "https://en.wikipedia.org/w/index.php?title=Public_housing_in_Vienna&oldid=1286012345"
ITEMS = [
    {"id": "wiki", "type": "entry-encyclopedia", "title": "Public housing in Vienna",
     "container-title": "Wikipedia", "issued": {"date-parts": [[2025, 4, 17]]}, "URL": WIKI},
    {"id": "sep", "type": "entry-encyclopedia", "title": "Heuristic",
     "author": [{"family": "Graham", "given": "George"}],
     "editor": [{"family": "Zalta", "given": "Edward N."}],
     "container-title": "The Stanford encyclopedia of philosophy", "edition": "Summer 2019",
     "publisher": "Stanford University", "issued": {"date-parts": [[2019, 3, 5]]},
     "URL": "https://plato.stanford.edu/entries/heuristic/"},
    {"id": "print", "type": "entry-encyclopedia", "title": "Rent control",
     "author": [{"family": "Arnott", "given": "Richard"}],
     "container-title": "Encyclopedia of housing", "publisher": "Sage",
     "issued": {"date-parts": [[2012, 6, 1]]}},
    {"id": "grants", "type": "legal_case", "title": "City of Grants Pass v. Johnson",
     "container-title": "U.S.", "volume": "603", "page": "520",
     "authority": "Supreme Court of the United States", "issued": {"date-parts": [[2024]]}},
    {"id": "sct", "type": "legal_case", "title": "Moyle v. United States",
     "container-title": "S. Ct.", "volume": "144", "page": "2015",
     "authority": "U.S. Supreme Court", "issued": {"date-parts": [[2024]]}},
    {"id": "darling", "type": "legal_case", "title": "Darling v. Charleston Community Memorial "
     "Hospital", "container-title": "N.E.2d", "volume": "211", "page": "253",
     "authority": "Ill.", "issued": {"date-parts": [[1965]]}},
]


@pytest.fixture(scope="module")
def entries(tmp_path_factory) -> dict[str, str]:
    """The brief's reference list: each entry's first words → the entry."""
    folder = tmp_path_factory.mktemp("web")
    (folder / "refs.json").write_text(json.dumps(ITEMS), encoding="utf-8")
    article = folder / "article.md"
    article.write_text("---\ntitle: Web Sources\n---\n\n"
                       "See [@wiki; @sep; @print; @grants; @sct; @darling].\n", encoding="utf-8")
    with pdfplumber.open(built("pdf", article, ".pdf")) as pdf:
        lines = [line for page in pdf.pages for line in page.extract_text().splitlines()[1:]]
    lines = lines[lines.index("References") + 1:]
    found: dict[str, str] = {}
    for line in lines:
        if re.match(r"(Public|Graham|Arnott|City|Moyle|Darling)\b", line):
            found[line.split()[0]] = line
        else:
            last = list(found)[-1]
            found[last] += ("" if found[last].endswith(("/", "?")) else " ") + line
    return found


def test_an_online_encyclopedias_entry_is_dated_in_full(entries):
    """APA's Wikipedia example, "Oil painting. (2019, December 4). In
    *Wikipedia*."; apa.csl, citeproc-js and pandoc print "(2025)"."""
    assert entries["Public"] == f"Public housing in Vienna. (2025, April 17). In Wikipedia. {WIKI}"


def test_an_edited_or_printed_entry_keeps_the_year(entries):
    assert entries["Graham,"].startswith("Graham, G. (2019). Heuristic. In E. N. Zalta (Ed.),")
    assert entries["Arnott,"].startswith("Arnott, R. (2012). Rent control. In")


def test_a_supreme_court_case_is_not_given_its_court_twice(entries):
    """APA's "Obergefell v. Hodges, 576 U.S. 644 (2015)": the reporter
    names the court, which a Zotero export gives all the same and apa.csl
    printed, "(Supreme Court of the United States 2024)". Another court's
    case keeps it, "(Ill. 1965)"."""
    assert entries["City"] == "City of Grants Pass v. Johnson, 603 U.S. 520 (2024)."
    assert entries["Moyle"] == "Moyle v. United States, 144 S. Ct. 2015 (2024)."
    assert entries["Darling"] == \
        "Darling v. Charleston Community Memorial Hospital, 211 N.E.2d 253 (Ill. 1965)."


TED = ("https://www.ted.com/talks/alejandro_aravena_my_architectural_philosophy_bring_the"
       "_community_into_the_process")


def test_a_long_url_breaks_before_its_punctuation_not_a_letter_from_its_end(tmp_path):
    """A part of a URL between two slashes longer than a line broke
    anywhere, a letter left alone on the next line ("…_into_the_proces" /
    "s"); it breaks before an underscore, as the Chicago Manual breaks
    URLs, and the PDF's text holds the URL as it is, with nothing added."""
    talk = {"id": "ted", "type": "speech", "genre": "Video", "publisher": "TED Conferences",
            "title": "My architectural philosophy? Bring the community into the process",
            "author": [{"family": "Aravena", "given": "Alejandro"}],
            "issued": {"date-parts": [[2014, 10]]}, "URL": TED}
    (tmp_path / "refs.json").write_text(json.dumps([talk]), encoding="utf-8")
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: Talks\n---\n\nSee @ted.\n", encoding="utf-8")
    with pdfplumber.open(built("pdf", article, ".pdf")) as pdf:
        lines = pdf.pages[-1].extract_text().splitlines()
    entry = lines[lines.index("References") + 1:]
    assert "".join(entry).endswith(TED) and "\u200b" not in "".join(entry)
    url_lines = entry[next(n for n, line in enumerate(entry) if "https://" in line) + 1:]
    assert url_lines and all(line.startswith("_") and len(line) > 20 for line in url_lines)


def test_a_press_release_is_dated_in_full(tmp_path):
    """APA §10.4: "U.S. Food and Drug Administration. (2019, February 14).
    *FDA authorizes …* [Press release]." A Zotero report (or document) of
    genre "Press release" was dated by the year alone, as apa.csl dates a
    report and both engines print it; one of a series still is (a
    pamphlet, which apa.csl dates in full, names no series)."""
    fda = "U.S. Food and Drug Administration"
    release = {"id": "fda", "type": "report", "genre": "Press release", "publisher": fda,
               "title": "FDA authorizes first interoperable insulin pump",
               "author": [{"literal": fda}], "issued": {"date-parts": [[2019, 2, 14]]},
               "URL": "https://www.fda.gov/news-events/press-announcements/insulin-pump"}
    document = dict(release, id="doc", type="article", genre="News release",
                    title="FDA approves a rare disease treatment",
                    issued={"date-parts": [[2019, 6, 7]]})
    series = dict(release, id="series", title="Weekly update", genre="Press release",
                  **{"collection-title": "FDA Roundup", "issued": {"date-parts": [[2019, 3, 1]]}})
    (tmp_path / "refs.json").write_text(json.dumps([release, document, series]),
                                        encoding="utf-8")
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: Releases\n---\n\nSee [@fda; @doc; @series].\n",
                       encoding="utf-8")
    with pdfplumber.open(built("pdf", article, ".pdf")) as pdf:
        text = " ".join(line for page in pdf.pages for line in page.extract_text().splitlines())
    assert f"{fda}. (2019a). Weekly update" in text
    assert f"{fda}. (2019b, February 14). FDA authorizes first interoperable insulin pump " \
           "[Press release]." in text
    assert f"{fda}. (2019c, June 7). FDA approves a rare disease treatment [News release]." \
        in text
    assert "(U.S. Food and Drug Administration, 2019a, 2019b, 2019c)" in text
