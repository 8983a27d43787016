"""A CSL-JSON {"raw": ...} date read as citeproc-js reads it: ISO dates and
ranges, written dates, seasons, school years and approximate dates become
date-parts (cslfixes/rawdates.py gives citeproc-py what this reads; refs.py
checks a raw date with it).
"""

from __future__ import annotations

import re

from .refs import SEASONS as _SEASONS
from .refs import known_parts


# CSL-JSON allows {"raw": "2021-11-02"} (Zotero exports it); citeproc-py read
# it as no date at all. What citeproc-js reads as a date is read as date-parts
# here too: ISO dates and ranges ("2020-04-25/2020-04-30"), "2020/05/03",
# a month or season and a year ("March 2020", "Spring 2020") and a written
# date ("March 15, 2020", "15 Mar. 2020"); so a citation shows the year
# alone (APA §8.10) and the entry "(2020, March 15)". Anything else stays a
# literal.
_ISO = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})(?:/(\d{1,2}))?$")
# The month first, as the United States write it and spreadsheets and
# Mendeley export it ("05/01/2020", "5/2020"), as both engines read it
# (May 1, 2020); it was read as a range of the years 5, 1 and 2020. A
# first number over 12 is the day, as most of the world writes it
# ("25/12/2020"), which was read as month 25 and stopped the build
# ("impossible date").
_MONTH_FIRST = re.compile(r"^(?P<m>\d{1,2})/(?:(?P<d>\d{1,2})/)?(?P<y>\d{4})$")
# A time after an ISO date (a timestamp, as APIs and some exporters give
# an access date: "2020-05-01T10:00:00Z", "2020-05-01 10:00:00"), which
# both engines leave out; it was printed whole.
_TIME = re.compile(r"(?<=\d)[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
# EDTF's "approximate" (~) and "uncertain" (?, and % for both) after a date:
# citeproc-js prints either "ca. 1850", as APA writes an approximate date;
# we printed "1850~".
_UNCERTAIN = re.compile(r"(?<=\d)[~?%]$")
_ABOUT = re.compile(r"(?i)(?:ca?\.|circa|approx\.)\s*(?=\d)")  # "ca. 1850", as the locale prints it
_MONTHS = {name: n for n, month in enumerate(
    "january february march april may june july august september october november december"
    .split(), 1) for name in (month, month[:3])} | {"sept": 9}
_MONTH = r"(?P<m>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"  # "1st May 2020", as citeproc-js reads it
_WRITTEN = [re.compile(rf"^{_MONTH}\s+(?P<y>\d{{4}})$"),
            re.compile(rf"^{_MONTH}\s+{_DAY},?\s+(?P<y>\d{{4}})$"),
            re.compile(rf"^{_DAY}\s+{_MONTH}\s+(?P<y>\d{{4}})$")]
# Two months of one year, a magazine's issue: "May-June 2020", "Jan.–Feb.
# 2019" (citeproc-js: "2020, May–June"; we printed it as written).
_TWO_MONTHS = re.compile(r"^(?P<a>[A-Za-z]{3,9})\.?\s*[-\u2013/]\s*(?P<b>[A-Za-z]{3,9})\.?"
                         r"\s+(?P<y>\d{4})$")


# "2018/19", "2018-19", "2019-2020", "2011–12" name two years, a season or a
# school year, which APA writes as a range in full, "2018–2019". A slash or a
# hyphen before 12 or less is a month: "2011/12" is December 2011, as
# citeproc-js reads it. (It read 2018/19 as 2018, pandoc as the year 19, and
# we stopped the build: "impossible date (month must be in 1..12)"; "2019-2020"
# printed as written.)
_TWO_YEARS = re.compile(r"^(\d{4})\s*([-/\u2013])\s*(\d{4}|\d{2})$")


def _two_years(raw: str) -> dict | None:
    match = _TWO_YEARS.match(raw)
    if not match or (len(match[3]) == 2 and int(match[3]) <= 12 and match[2] != "\u2013"):
        return None
    start, end = int(match[1]), int(match[3])
    if len(match[3]) == 2:  # in the same century: "2020-13" is no range, but a bad date
        end += start - start % 100
    return {"date-parts": [[start], [end]]} if end > start else None


def raw_date(raw: str) -> dict | None:
    """{"date-parts": ...} (and "season", "circa") for a raw date we can
    read, else None."""
    raw = _TIME.sub("", raw.strip())
    about = _ABOUT.match(raw)
    if _UNCERTAIN.search(raw):  # "1850?", "1850~"
        read = raw_date(raw[:-1])
        return read and dict(read, circa=True)
    if about:  # "ca. 1850"
        read = raw_date(raw[about.end():])
        return read and dict(read, circa=True)
    years = _two_years(raw)
    if years:
        return years
    for pattern in (_SLASHED, _MONTH_FIRST):
        found = pattern.match(raw)
        if found:
            parts = found.groupdict() or dict(zip("ymd", found.groups()))
            if pattern is _MONTH_FIRST and parts["d"] and int(parts["m"]) > 12:
                parts = dict(parts, m=parts["d"], d=parts["m"])  # the day first
            return {"date-parts": [known_parts([parts["y"], parts["m"], parts.get("d")])]}
    parts = [_ISO.match(p.strip()) for p in raw.split("/")]
    if all(parts):
        return {"date-parts": [known_parts(m.groups()) for m in parts]}
    months = _TWO_MONTHS.match(raw)
    if months and {months["a"].lower(), months["b"].lower()} <= _MONTHS.keys():
        year = int(months["y"])
        return {"date-parts": [[year, _MONTHS[months[k].lower()]] for k in "ab"]}
    return _written(raw)


def _written(raw: str) -> dict | None:
    """A date written out in English: "March 2020", "Spring 2020", "March
    15, 2020", "15 Mar. 2020"."""
    for pattern in _WRITTEN:
        match = pattern.match(raw)
        if not match:
            continue
        word = match["m"].lower()
        if word in _SEASONS and "d" not in match.groupdict():
            return {"date-parts": [[int(match["y"])]], "season": _SEASONS[word]}
        month = _MONTHS.get(word)
        if month:
            day = match.groupdict().get("d")
            return {"date-parts": [[int(match["y"]), month] + ([int(day)] if day else [])]}
    return None
