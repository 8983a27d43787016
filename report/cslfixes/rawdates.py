"""CSL-JSON's {"raw": ...} dates, read as citeproc-js reads them.

citeproc-py read a raw date as no date at all; here ISO dates and ranges,
written dates, seasons, school years and approximate dates become
date-parts (read by report/rawdatereading.py, imported at the first raw
date: its patterns are 1 ms of compiling that most bibliographies never
need), and date-parts that name a season ([1999, 21]) a season.
"""

from __future__ import annotations

from citeproc.source import Date, DateRange
from citeproc.source import json as csljson

from ..refs import known_parts, season


def raw_dates() -> None:
    original = csljson.CiteProcJSON.parse_date

    def parse_date(self, json_data):
        if "date-parts" not in json_data and "raw" in json_data:
            from ..rawdatereading import raw_date
            read = raw_date(str(json_data["raw"]))
            json_data = dict(json_data, **(read or {"literal": json_data["raw"]}))
        elif isinstance(json_data.get("date-parts"), list):
            parts = [known_parts(p) for p in json_data["date-parts"]]
            json_data = dict(json_data, **{"date-parts": parts})
            seasons = [season(p[1]) if len(p) >= 2 and season(p[1]) else None for p in parts]
            if len(parts) > 1 and any(seasons):
                return _season_range(json_data, parts, seasons)
            if any(seasons):  # [1999, 21]: CSL's spring, which apa.csl prints "1999, Spring"
                json_data = dict(json_data, season=seasons[0], **{"date-parts": [
                    p[:1] if s else p for p, s in zip(parts, seasons)]})
        return original(self, json_data)

    csljson.CiteProcJSON.parse_date = parse_date


# A range of seasons, [[1999, 21], [2001, 22]]: each end its own season,
# "Spring 1999–Summer 2001", "Spring–Summer 1999", as citeproc-js prints
# them; citeproc-py gave both ends the date's one season ("Spring
# 1999–Spring 2001"). A day given with a season is none (refs.py says so).
def _season_range(json_data: dict, parts: list, seasons: list):
    ends = []
    for date, named in zip(parts[:2], seasons, strict=False):
        end = dict(zip(("year", "month", "day"), date[:1] if named else date, strict=False))
        if named or json_data.get("season") is not None:
            end["season"] = named or json_data["season"]
        ends.append(Date(**end))
    return DateRange(begin=ends[0], end=ends[1], circa=json_data.get("circa", 0) != 0)
