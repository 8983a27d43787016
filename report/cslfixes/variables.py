"""The variables citeproc-py knows: CSL 1.0.2's and both spellings of their names.

citeproc-py 0.11.1 knows CSL 1.0's variables only, so a `director` was read
as a string and crashed the name renderer, and it looked some of them up by
the hyphenated CSL name where it stores them with underscores, so "by P.
Hall" and the "1–3" of "Vols. 1–3" went missing.
"""

from __future__ import annotations

import citeproc
from citeproc.source import Reference, VariableError


# Name, date and number variables that CSL 1.0.2 added and apa.csl uses
# (a `director` was read as a string and crashed the name renderer).
NEW_NAMES = ["chair", "compiler", "contributor", "curator", "director",
             "editor_translator", "executive_producer", "guest", "host",
             "narrator", "organizer", "performer", "producer", "reviewed_author",
             "script_writer", "series_creator"]
NEW_DATES = ["available_date"]
NEW_NUMBERS = ["citation_number", "part_number", "printing_number", "supplement_number"]
NEW_STRINGS = ["archive_collection", "available_date", "container_title_short",
               "division", "event_title", "part_title", "publisher_place",
               "reviewed_genre", "reviewed_title", "volume_title"]


def csl_102_variables() -> None:
    # citeproc's modules share these very lists (imported by name), so
    # extending them in place reaches the JSON reader and the renderer alike.
    citeproc.NAMES.extend(n for n in NEW_NAMES if n not in citeproc.NAMES)
    citeproc.DATES.extend(d for d in NEW_DATES if d not in citeproc.DATES)
    citeproc.NUMBERS.extend(n for n in NEW_NUMBERS if n not in citeproc.NUMBERS)
    known = set(citeproc.VARIABLES)
    citeproc.VARIABLES.extend(v for v in NEW_NAMES + NEW_DATES + NEW_NUMBERS + NEW_STRINGS
                              if v not in known)


# CSL names its variables with hyphens ("number-of-volumes"); citeproc-py
# stores them with underscores, and some of its lookups use the CSL name as
# it stands: `names variable="reviewed-author"` and `number
# variable="number-of-volumes"` found nothing ("by P. Hall", "1–3" of
# "Vols. 1–3" went missing). A reference answers to both spellings.
def hyphenated_names() -> None:
    # Hot: the common name has no hyphen and costs no replace().
    def getitem(self, key):
        try:
            return dict.__getitem__(self, key.replace("-", "_") if "-" in key else key)
        except KeyError:
            raise VariableError from None

    def setitem(self, key, value):
        dict.__setitem__(self, key.replace("-", "_") if "-" in key else key, value)

    def contains(self, key):
        return dict.__contains__(self, key.replace("-", "_") if "-" in key else key)

    def get(self, key, default=None):
        return dict.get(self, key.replace("-", "_") if "-" in key else key, default)

    Reference.__getitem__ = getitem
    Reference.__setitem__ = setitem
    Reference.__contains__ = contains
    Reference.get = get
