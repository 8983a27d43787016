"""APA's month and day in the order of the article's language
(report/cslfixes/dates.py, `_month_day_in_locale_order`).

apa.csl writes a dated work's "(2023, April 12)" month first in every
language, and citeproc-js and pandoc print "(2023, abril 12)" in Spanish
(tests/conformance/spanish keeps theirs). APA in Spanish writes "(2023, 12
de abril)"; German "(2023, 12. April)"; French "(2023, 12 avril)": the
order and the words of the locale's own text date, which the same list's
date of retrieval already follows. English keeps APA's order, en-GB too.
Each test renders with `python -m report bib`, as an article would.
"""

from __future__ import annotations

import json

import pytest

from conftest import run_report
from report.bib import read_cites, to_html
from report.cite import render_all

ITEMS = [
    {"id": "day", "type": "article-newspaper", "title": "Day", "container-title": "News",
     "author": [{"family": "Day", "given": "Ana"}], "issued": {"date-parts": [[2023, 4, 12]]}},
    {"id": "first", "type": "post-weblog", "title": "First", "container-title": "Blog",
     "author": [{"family": "First", "given": "Ana"}], "issued": {"date-parts": [[2023, 4, 1]]}},
    {"id": "days", "type": "article-newspaper", "title": "Days", "container-title": "News",
     "author": [{"family": "Days", "given": "Ana"}],
     "issued": {"date-parts": [[2023, 4, 12], [2023, 4, 14]]}},
    {"id": "months", "type": "article-newspaper", "title": "Months", "container-title": "News",
     "author": [{"family": "Months", "given": "Ana"}],
     "issued": {"date-parts": [[2023, 4, 28], [2023, 5, 2]]}},
    {"id": "month", "type": "article-magazine", "title": "Month", "container-title": "Mag",
     "author": [{"family": "Month", "given": "Ana"}], "issued": {"date-parts": [[2023, 4]]}},
    {"id": "season", "type": "article-magazine", "title": "Season", "container-title": "Mag",
     "author": [{"family": "Season", "given": "Ana"}], "issued": {"date-parts": [[2023, 21]]}},
    {"id": "web", "type": "webpage", "title": "Web", "container-title": "Site",
     "URL": "https://example.org/w", "author": [{"family": "Web", "given": "Ana"}],
     "accessed": {"date-parts": [[2025, 3, 4]]}},
]

# Per language: the dates of day, first, days, months, month, season, and
# the retrieval words, as APA in that language writes them.
WRITTEN = {
    "es-ES": ["(2023, 12 de abril)", "(2023, 1 de abril)", "(2023, 12–14 de abril)",
              "(2023, 28 de abril–2 de mayo)", "(2023, abril)", "(2023, primavera)",
              "Recuperado 4 de marzo de 2025, de"],
    "de-DE": ["(2023, 12. April)", "(2023, 1. April)", "(2023, 12.–14. April)",
              "(2023, 28. April–2. Mai)", "(2023, April)", "(2023, Frühjahr)",
              "Abgerufen 4. März 2025, von"],
    "fr-FR": ["(2023, 12 avril)", "(2023, 1 avril)", "(2023, 12–14 avril)",
              "(2023, 28 avril–2 mai)", "(2023, avril)", "(2023, printemps)",
              "Consulté 4 mars 2025, à l’adresse"],
    "en-US": ["(2023, April 12)", "(2023, April 1)", "(2023, April 12–14)",
              "(2023, April 28–May 2)", "(2023, April)", "(2023, Spring)",
              "Retrieved March 4, 2025, from"],
    "en-GB": ["(2023, April 12)", "(2023, April 1)", "(2023, April 12–14)",
              "(2023, April 28–May 2)", "(2023, April)", "(2023, Spring)",
              "Retrieved 4 March 2025, from"],
}


def listed(tmp_path, lang: str, *style: str) -> dict[str, str]:
    """Each entry of ITEMS as `report bib` lists it, by its author's name."""
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps(ITEMS), encoding="utf-8")
    done = run_report("bib", "--refs", refs, "--lang", lang, *style)
    assert done.returncode == 0, done.stderr
    return {line.split(",")[0]: line for line in done.stdout.splitlines() if line}


@pytest.mark.parametrize("lang", WRITTEN)
def test_month_and_day_in_the_order_of_the_language(tmp_path, lang):
    entries = listed(tmp_path, lang)
    *dates, retrieved = WRITTEN[lang]
    for item, date in zip(ITEMS, dates):
        name = item["author"][0]["family"]
        assert entries[name].startswith(f"{name}, A. {date}. {item['title']}."), entries[name]
    assert f"{retrieved} https://example.org/w" in entries["Web"]


def test_another_style_keeps_its_own_order(tmp_path):
    """The rule is APA's: a style of another id that writes month then day
    prints them so in Spanish too, as both engines do."""
    style = tmp_path / "monthday.csl"
    style.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        '<info><title>Month day</title><id>http://example.org/styles/month-day</id>'
        '<updated>2024-01-01T00:00:00+00:00</updated></info>'
        '<citation><layout><text variable="title"/></layout></citation>'
        '<bibliography><layout><text variable="title" suffix=" "/>'
        '<date variable="issued"><date-part name="month"/>'
        '<date-part name="day" prefix=" "/></date></layout></bibliography></style>',
        encoding="utf-8")
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps(ITEMS[:1]), encoding="utf-8")
    references = render_all(refs, read_cites("", tmp_path / "c"), ["*"], style.name,
                            tmp_path / "a.md", lang="es-ES", warn_unused=False)
    assert [to_html(r.rendered) for r in references] == ["Day abril 12"]
