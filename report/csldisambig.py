"""CSL disambiguation for citeproc-py, which has none (CSL 1.0.2, "Disambiguation").

APA's style asks for all three methods, in the specification's order:

1. `givenname-disambiguation-rule="primary-name-with-initials"`: a first
   author whose family name another first author shares gets initials in
   every citation — "(J. A. Smith, 2020; M. Smith, 2020)" (APA §8.20).
2. `disambiguate-add-names`: citations still identical show more names
   before "et al." — "(Nguyen, Tran, et al., 2021; Nguyen, Pham, et al., 2021)".
3. `disambiguate-add-year-suffix`: what is still identical gets "a", "b", …
   in reference-list order — "(Smith, 2020a, 2020b)" (APA §8.19).

The outcome is stored on each citeproc-py reference (`DISAMBIGUATION`), and
the cs:name patch below honours it when rendering inside a citation.
"""

from __future__ import annotations

import warnings

from citeproc import model
from citeproc.source import Name
from citeproc.string import String

from .cslfixes import cjk_whole, is_cjk

DISAMBIGUATION = "_disambiguation"  # a private key on a citeproc-py Reference


def install() -> None:
    """Teach cs:name, inside a citation, to show more names or initials."""
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        if sort_options and _citation_layout(context):
            # A cluster's sort key names as many authors as its citation
            # shows, as citeproc-js has it: "(Nguyen, Pham, et al., 2021;
            # Nguyen, Tran, et al., 2021)", in reference-list order (§8.12).
            shown = (item.reference.get(DISAMBIGUATION) or {}).get("names")
            if shown and "et-al-use-first" in sort_options:
                sort_options = dict(sort_options, **{"et-al-use-first": str(shown)})
            return original(self, item, variable, context, sort_options, **kwargs)
        settings = item.reference.get(DISAMBIGUATION) if _in_citation() else None
        if not settings or sort_options:
            return original(self, item, variable, context, sort_options, **kwargs)
        names = item.reference.get(variable)
        options = _shown(settings.get("names"), names)
        if settings.get("initials") and names and _is_person(names[0]):
            item.reference[variable] = [_with_initials(self, names[0], context)] + names[1:]
        try:
            return original(self, item, variable, context, options, **kwargs)
        finally:
            item.reference[variable] = names

    model.Name.process = process


def _shown(count: int | None, names) -> dict | None:
    """The name options that show `count` names. When that is every name,
    et-al-min goes past it too: nothing is left out, so no "et al." follows
    (CSL 1.0.2, "et-al-min"; citeproc-js): "(Miller, Brown, & Clark, 2015;
    Miller, Brown, & Davis, 2015)", not "Miller, Brown, Clark, et al."."""
    if not count:
        return None
    if names and count >= len(names):
        return {"et-al-use-first": count, "et-al-min": len(names) + 1}
    return {"et-al-use-first": count}


def _in_citation() -> bool:
    from .cslfixes import _current
    return bool(_current) and _current[-1].getparent().tag.endswith("}citation")


def _citation_layout(context) -> bool:
    parent = context.getparent() if context is not None else None
    return parent is not None and parent.tag.endswith("}citation")


def _is_person(name) -> bool:
    return "literal" not in name and bool(name.get("given"))


def _with_initials(element, name, context):
    """The name as "J. A. Smith": CSL's long form, given names initialized;
    a suffix follows with no comma, "M. L. King Jr." (as citeproc-js prints
    a name in its display order); a name in a CJK script is whole, "王小明".

    Given as a literal so the short form the style asks for prints it whole.
    """
    if is_cjk(name):
        return Name(literal=cjk_whole(name)["family"])
    given, family, dp, ndp, suffix = name.parts()
    initials = element.initialize(given, ". ", context).strip()
    return Name(literal=" ".join(p for p in (initials, dp, ndp, family, suffix) if p))


# --- computing it ------------------------------------------------------------

def disambiguate(source, keys: list[str], render_authors, rank, circa: str = "ca.") -> None:
    """Decide, for the references `keys` of `source`, what each citation shows.

    `render_authors(keys)` renders each one's citation author part as it
    stands (all at once: the caller may share them out between cores);
    `rank(keys)` puts keys in reference-list order, which year suffixes
    follow: only the works that need a suffix are sorted (a few, where
    sorting all of them took a fifth of a cold citation stage).
    `circa` is the locale's short term for an uncertain date, which its
    year follows: "ca. 1850" (CSL's `circa`) is a literal "ca. 1850" too.
    """
    refs = {k: source[k] for k in keys}
    for ref in refs.values():
        ref.pop(DISAMBIGUATION, None)
        ref.pop("year_suffix", None)
    _add_initials(refs)
    for group in _ambiguous(refs, render_authors, circa):
        _add_names(group, refs, render_authors)
    for group in _ambiguous(refs, render_authors, circa):
        for n, key in enumerate(rank(group)):
            refs[key]["year_suffix"] = String(_suffix(n))


def _primary(ref):
    for variable in ("composer", "author", "illustrator", "director", "host", "producer",
                     "editor", "editorial_director", "compiler", "curator",
                     "collection_editor"):
        if ref.get(variable):
            return ref[variable]
    return []


def _add_initials(refs: dict) -> None:
    people: dict[str, set] = {}
    for ref in refs.values():
        names = _primary(ref)
        if names and _is_person(names[0]):
            people.setdefault(_family(names[0]), set()).add(_initials(names[0]))
    for ref in refs.values():
        names = _primary(ref)
        if names and _is_person(names[0]) and len(people[_family(names[0])]) > 1:
            ref[DISAMBIGUATION] = {"initials": True}


def _family(name) -> str:
    return " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)


def _initials(name) -> str:
    """The initials a citation prints for the name, as `_with_initials` makes
    them: "J.A." and "J. A." are alike, "J. A." ≠ "J. B." (APA §8.20); and
    "Ji-woo" and "Ji-yeon" are both "J.", which initials do not tell apart,
    so their works get year suffixes instead (as citeproc-js has it)."""
    if is_cjk(name):
        return str(name.get("given", ""))
    return model.Name.initialize(_PlainName(), str(name.get("given", "")), ". ", None)


class _PlainName:
    """A cs:name with CSL's defaults (initialize="true",
    initialize-with-hyphen="true", as in apa.csl), for citeproc-py's own
    `initialize`, with our fixes, to compute initials without a style."""

    def get(self, attribute, default=None):
        return default

    def get_option(self, option, context=None):
        return {"initialize-with-hyphen": True}[option]


def _ambiguous(refs: dict, render_authors, circa: str) -> list[list[str]]:
    seen: dict[tuple, list[str]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        authors = render_authors(list(refs))
    for (key, ref), author in zip(refs.items(), authors, strict=True):
        seen.setdefault((author, _year(ref, circa)), []).append(key)
    return [group for group in seen.values() if len(group) > 1]


def _add_names(group: list[str], refs: dict, render_authors) -> None:
    """More names before "et al.", one at a time, for each citation until it
    differs from those of the others with other authors (CSL: "until the
    cite is disambiguated"). Works by the very same authors stay alike, for
    the year suffix: "(Lee, Kahn, et al., 2019; Lee, Ray, et al., 2019a, 2019b)"."""
    authors = {k: _names_key(refs[k]) for k in group}
    pending = [k for k in group if any(authors[o] != authors[k] for o in group)]
    longest = max(len(_primary(refs[k])) for k in group)
    for count in range(2, longest + 1):
        if not pending:
            return
        for key in pending:
            refs[key][DISAMBIGUATION] = dict(refs[key].get(DISAMBIGUATION) or {}, names=count)
        rendered = dict(zip(group, render_authors(group), strict=True))
        pending = [k for k in pending
                   if any(rendered[o] == rendered[k] and authors[o] != authors[k]
                          for o in group)]
    for key in pending:  # more names do not help: keep the style's et al.
        refs[key][DISAMBIGUATION] = dict(refs[key].get(DISAMBIGUATION) or {}, names=None)


def _names_key(ref) -> tuple:
    return tuple((n.get("family"), n.get("given"), n.get("literal")) for n in _primary(ref))


def _year(ref, circa: str = "ca."):
    """What of the date a citation shows: the year, the original year
    ("1901/2019") and, with no date, the status ("in press"), so that a
    2019 work and a 1901/2019 reprint, or n.d. and in-press works, are not
    taken for one another; as text, as it prints: an uncertain year with
    its term before it, "ca. 1850", which a literal "ca. 1850" is too, and
    which 1850 is not (as citeproc-js compares the citations it prints)."""
    issued = ref.get("issued")
    if issued is None:
        return None, None, str(ref.get("status") or "")
    original = ref.get("original_date")
    return (_year_of(issued, circa),
            _year_of(original, circa) if original is not None else None, "")


def _year_of(date, circa: str) -> str:
    if "year" not in date:  # a literal date prints as written
        return " ".join(str(date.get("text", "")).split())
    year = str(getattr(date, "year", ""))
    return f"{circa} {year}" if date.get("circa") else year


def _suffix(n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[n] if n < 26 else letters[n // 26 - 1] + letters[n % 26]
