"""A cite's position, counted over the whole document.

CSL's position tests and et-al-subsequent-* ask what came before a cite;
citeproc-py answered from the cites one bibliography object rendered
(ours renders a citation's pieces in several, and knows no notes), and
ignored et-al-subsequent-min and -use-first altogether.
"""

from __future__ import annotations

from citeproc import model


# CSL 1.0.2, et-al-subsequent-min and et-al-subsequent-use-first: a cite of
# a work cited before shortens its names by them (each defaulting to its
# et-al- counterpart), as citeproc-js and pandoc do: ASA's second cite of a
# work by three is "(Doe et al. 2001:4)", its first "(Doe, Roe, and Poe
# 2001)". citeproc-py read both options and used neither. The cite's
# position is counted over the document (cslcache.py); names shown to tell
# works apart (csldisambig.py) stay shown.
def et_al_subsequent() -> None:
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        shown = sort_options or {}
        if set(shown) <= _SHOWN and "subsequent" in (dict.get(item, "positions") or ()):
            later = _subsequent_options(self, context)
            if later and "et-al-min" not in shown:  # not every name shown already
                sort_options = dict(later, **{"et-al-use-first": max(
                    later["et-al-use-first"], shown.get("et-al-use-first", 0))})
        return original(self, item, variable, context, sort_options, **kwargs)

    model.Name.process = process


# The options csldisambig.py gives a cite whose names tell it apart (a sort
# key's hold more: 'name-as-sort-order').
_SHOWN = {"et-al-use-first", "et-al-min"}


def _subsequent_options(name, context) -> dict | None:
    """The et-al options of a subsequent cite, or None where the style sets
    neither subsequent option."""
    parent = (context if context is not None else name).xpath_search(
        "./ancestor::*[self::cs:citation or self::cs:bibliography][1]")
    chain = [name, *parent[:1], name.get_root()]

    def explicit(option):
        return next((int(e.get(option)) for e in chain if e.get(option) is not None), None)

    least, first = explicit("et-al-subsequent-min"), explicit("et-al-subsequent-use-first")
    if least is None and first is None:
        return None
    return {"et-al-min": name.get_option("et-al-min", context) if least is None else least,
            "et-al-use-first": (name.get_option("et-al-use-first", context) if first is None
                                else first)}


# --- positions -------------------------------------------------------------------

# CSL's position tests (first, subsequent, ibid, ibid-with-locator,
# near-note) ask what came before a cite in the document. citeproc-py
# answered from the cites its bibliography object had rendered; ours renders
# the pieces of a citation in several (cslengine.py's variants), each with
# its own past, and knows no notes: "Ibid." came after another work. A cite
# whose positions were counted over the document, notes and all, as pandoc's
# citeproc counts them (report/notecites.py), answers from those.
def of_the_document() -> None:
    original = model.If._position

    def position(self, item, context):
        given = dict.get(item, "positions")
        if given is None:
            return original(self, item, context)
        if (self if context is None else context).xpath_search(
                "./ancestor::*[self::cs:bibliography]"):
            return [False]
        return [test in given for test in self.get("position").split()]

    model.If._position = position
