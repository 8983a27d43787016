"""CSL's subsequent-author-substitute: a list entry whose names are those
of the entry above prints the style's substitute in their place, MLA's
"———. *The Second Book*." (CSL 1.0.2, cs:bibliography), as citeproc-js and
pandoc print it; citeproc-py ignores the attribute.

The substitute stands for the names of the first cs:names the entry
renders (an editor's, where the style substitutes them for an author: "———,
editor."); the names' affixes and label stay. By the style's rule:
complete-all (the default), one substitute for the whole list of names,
when they are all the entry above's; complete-each, one for each name,
when they are all alike; partial-each, one for each leading name the two
entries share; partial-first, the first name only, when it is shared.

Names are compared as written (pandoc compares them so), whatever variable
they are in; the leading names are counted against the entry right above,
as citeproc-js and the specification count them.

An entry is rendered whole and remembered alone (report/cslcache.py); which
of its names to replace depends on its neighbour, so that is decided after,
in list order, and the entry with substitutes is rendered (and remembered)
as a function of its own item and the names replaced: the cs:names
variable holds the substitute as a literal name in their place, so the
delimiters, "and" and the label are the style's own.

A list shown in part, or over slides, keeps a substitute only below the
entry it stands for (`kept`): the first entry of a slide names its authors.
"""

from __future__ import annotations

from dataclasses import replace

from . import cslstyle

_NS = {"cs": "http://purl.org/net/xbiblio/csl"}
RULES = ("complete-all", "complete-each", "partial-each", "partial-first")
_recording: list | None = None  # the first names an entry renders, while probing


def rule(style) -> tuple[str, str] | None:
    """(substitute, rule) of the style's bibliography; None without one."""
    bibliography = cslstyle.tree(style).find("cs:bibliography", _NS)
    if bibliography is None or bibliography.get("subsequent-author-substitute") is None:
        return None
    chosen = bibliography.get("subsequent-author-substitute-rule", "complete-all")
    return bibliography.get("subsequent-author-substitute"), \
        chosen if chosen in RULES else "complete-all"


def first_names(engine, key: str, order: list[str]) -> str | None:
    """The variable of the first names the entry renders ("author", or the
    "editor" substituted for one); None when it renders none first."""
    global _recording
    _install()
    _recording = []
    try:
        engine.entry(key, order)
        return _recording[0] if _recording else None
    finally:
        _recording = None


def render(engine, key: str, order: list[str], variable: str, spec: dict,
           substitute: str) -> str | None:
    """The entry with `spec["count"]` leading names of `variable` replaced by
    the substitute (`spec["whole"]`: the whole list by one substitute)."""
    reference = engine.source[key.lower()]
    names = reference[variable]
    literal = engine.source.parse_names([{"literal": substitute}])[0]
    reference[variable] = [literal] if spec["whole"] else \
        [literal] * spec["count"] + list(names[spec["count"]:])
    try:
        return engine.entry(key, order)
    finally:
        reference[variable] = names


def plan(substitute_rule: str, names: list[list[dict] | None]) -> list[dict | None]:
    """For each entry in list order (its names as written, None without),
    which names take the substitute: {"whole": bool, "count": n}, or None."""
    out: list[dict | None] = []
    for above, mine in zip([None, *names], names):
        shared = _shared(above, mine)
        if not shared:
            out.append(None)
        elif substitute_rule == "complete-all":
            out.append({"whole": True, "count": len(mine)} if shared == len(mine) == len(above)
                       else None)
        elif substitute_rule == "complete-each":
            out.append({"whole": False, "count": len(mine)}
                       if shared == len(mine) == len(above) else None)
        else:
            out.append({"whole": False,
                        "count": 1 if substitute_rule == "partial-first" else shared})
    return out


def _shared(above: list[dict] | None, mine: list[dict] | None) -> int:
    """How many leading names two entries share."""
    if not above or not mine:
        return 0
    count = 0
    for a, b in zip(above, mine):
        if _written(a) != _written(b):
            break
        count += 1
    return count


def _written(name) -> tuple:
    if not isinstance(name, dict):
        return (str(name),)
    return tuple(" ".join(str(name.get(p) or "").split()) for p in
                 ("literal", "family", "given", "non-dropping-particle",
                  "dropping-particle", "suffix"))


# --- a list shown in part ----------------------------------------------------------

def kept(references: list) -> list:
    """The entries as shown in this order: one whose substitute stands for
    an entry not right above it here names its authors again."""
    out = []
    for above, reference in zip([None, *references], references):
        if reference.full is not None and (above is None or above.key != reference.after):
            reference = replace(reference, rendered=reference.full, full=None, after=None)
        out.append(reference)
    return out


# --- the probe ---------------------------------------------------------------------

def _install() -> None:
    """Record the variable of the first cs:names that renders something,
    while `_recording` is a list (a substitute's names return first)."""
    from citeproc import model
    if getattr(model.Names.process, "_records", False):
        return
    original = model.Names.process

    def process(self, item, *args, **kwargs):
        text = original(self, item, *args, **kwargs)
        if _recording is not None and not _recording and text:
            variables = [v for v in self.get("variable", "").split() if v in item.reference]
            _recording.append(variables[0] if variables else None)
        return text

    process._records = True
    model.Names.process = process
