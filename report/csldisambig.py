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

Another style asks for some of them; a cite is ambiguous when its whole
text is another's, as citeproc-js and pandoc compare them. Cites still
alike after the methods render with CSL's `disambiguate="true"` test true
(`CONDITION`): MLA's "(Smith, Two; Smith, One)" for two works by one Smith.
The specification (1.0.2) puts that test before the year suffix;
citeproc-js and pandoc try it after, and so do we, as citeproc-js: a work
given a year suffix is told apart.
"""

from __future__ import annotations

import re
import warnings

from citeproc import model
from citeproc.source import Name
from citeproc.string import String

from .cslfixes import cjk_whole, is_cjk

DISAMBIGUATION = "_disambiguation"  # a private key on a citeproc-py Reference
# A reference rendered with `disambiguate="true"` true has this key, which
# the style's tests ask for as a variable (cslengine.py); no CSL-JSON field
# reaches a reference under a name that starts with "_".
CONDITION = "_disambiguate"


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
        if not sort_options and _in_bibliography():
            options = _entry_names(self, context, item.reference, variable)
            return original(self, item, variable, context, options, **kwargs)
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


def _entry_names(element, context, reference, variable) -> dict | None:
    """The name options of an entry whose cites were told apart by added
    names: at least as many names as its cites show, where the style's
    et-al would show fewer (CSL 1.0.2: "detail that distinguishes cites
    ... must be shown in the corresponding bibliography entries"), MLA's
    "Adams, Ann, Bo Brown, and Cy Chu", as both engines print it, not
    "Adams, Ann, et al."; an entry that shows them already is as it was.
    Nor a list that ends with its last name (et-al-use-last): APA's 21 or
    more authors are the first 19, an ellipsis and the last in every entry
    (§9.8), never "et al.", as citeproc-js prints them."""
    count = (reference.get(DISAMBIGUATION) or {}).get("names")
    names = reference.get(variable)
    if not count or not names:
        return None
    et_al_min = element.get_option("et-al-min", context)
    if (len(names) < et_al_min or element.get_option("et-al-use-first", context) >= count
            or element.get_option("et-al-use-last", context)):
        return None
    return _shown(count, names)


def _in_bibliography() -> bool:
    from .cslfixes import _current
    return bool(_current) and _current[-1].getparent().tag.endswith("}bibliography")


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

def disambiguate(source, keys: list[str], render_cites, rank, methods: set[str],
                 by_cite: bool = False, conditional: bool = False) -> None:
    """Decide, for the references `keys` of `source`, what each citation
    shows, by the `methods` the style asks for ("givenname", "names",
    "year-suffix"), in that order, then CSL's `disambiguate="true"` test
    where the style has one (`conditional`).

    Cites are compared as citeproc-js and pandoc compare them:
    `render_cites(keys)` renders each work's whole cite as its state now
    has it, as text without formatting, without locator or affixes, in a
    later position (a note style's short form); all at once, so that the
    caller may share them out between cores. A work whose cite prints
    nothing is no cite to tell apart. `rank(keys)` puts keys in
    reference-list order, which year suffixes follow: only the works that
    need a suffix are sorted (a few, where sorting all of them took a fifth
    of a cold citation stage). `by_cite`: the style's
    givenname-disambiguation-rule is "by-cite" (CSL's default), which adds
    initials only to cites they tell apart.
    """
    refs = {k: source[k] for k in keys}
    for ref in refs.values():
        for private in (DISAMBIGUATION, "year_suffix", CONDITION):
            ref.pop(private, None)
    if "givenname" in methods:
        _add_initials(refs, render_cites, _ambiguous(refs, render_cites) if by_cite else None)
    if "names" in methods:
        for group in _ambiguous(refs, render_cites):
            _add_names(group, refs, render_cites)
    if "year-suffix" in methods:
        for group in _ambiguous(refs, render_cites):
            for n, key in enumerate(rank(group)):
                refs[key]["year_suffix"] = String(_suffix(n))
    if conditional:
        # A year suffix tells works apart, printed or not (CSL: the method
        # "is always successful"); citeproc-js tries the test on no work
        # that has one.
        unsettled = {k: ref for k, ref in refs.items() if "year_suffix" not in ref}
        for group in _ambiguous(unsettled, render_cites):
            for key in group:
                refs[key][CONDITION] = True


def _primary(ref):
    for variable in ("composer", "author", "illustrator", "director", "host", "producer",
                     "editor", "editorial_director", "compiler", "curator",
                     "collection_editor"):
        if ref.get(variable):
            return ref[variable]
    return []


def _add_initials(refs: dict, render_cites, alike: list[list[str]] | None = None) -> None:
    """Initials for a first author whose family name another first author
    shares, with other initials: among all the works, or (`alike`, CSL's
    "by-cite" rule) among the works of each group whose cites print alike:
    MLA's "(J. Smith; M. Smith)" for "(Smith; Smith)", where a note's
    "Smith, One" and "Smith, Four" keep the name as it is. Only initials,
    and only of the first name: full given names are not shown."""
    groups = [list(refs)] if alike is None else alike
    for group in groups:
        sharing = _sharing_family(group, refs)
        for key in sharing:
            refs[key][DISAMBIGUATION] = {"initials": True}
        # Rendered with their initials, the cites disambiguation compares next
        # (remembered, so rendered once); a work whose cite names no one
        # takes its initials back, and so does the other it alone made alike.
        kept = set(_sharing_family(_named_in_cites(sharing, refs, render_cites), refs))
        for key in sharing:
            if key not in kept:
                refs[key].pop(DISAMBIGUATION)


def _sharing_family(keys: list[str], refs: dict) -> list[str]:
    """The works of `keys` whose first author's family name another's
    shares, with other initials."""
    people: dict[str, set] = {}
    for key in keys:
        names = _primary(refs[key])
        if names and _is_person(names[0]):
            people.setdefault(_family(names[0]), set()).add(_initials(names[0]))
    return [key for key in keys
            if (names := _primary(refs[key])) and _is_person(names[0])
            and len(people[_family(names[0])]) > 1]


def _named_in_cites(keys: list[str], refs: dict, render_cites) -> list[str]:
    """The works of `keys` whose cites print their first author's name. A
    bill's sponsors, exported as its authors, are not in its cite, "(Clean
    Air Act, 2021)": they make no other Martin ambiguous, as in citeproc-js,
    whose names to tell apart are those its cites printed."""
    if not keys:
        return keys
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        texts = render_cites(keys)
    return [key for key, text in zip(keys, texts, strict=True)
            if text and _names(_primary(refs[key])[0], text)]


def _names(name: dict, text: str) -> bool:
    """Does `text` print the name's family as a name of its own: "Li" is not
    in "(Lien, 2020)" nor "Ødegård" in "Ødegårdsen" (\\w is Unicode's: any
    letter is a word's), nor "Brien" in "O'Brien", "Li" in "Li-Smith"; or,
    with its initials, family and given name run together as CJK names
    print them, "王大明"."""
    family = _family(name)
    forms = [family, family + (name.get("given") or "")]
    return any(re.search(rf"(?<![\w'’-]){re.escape(form)}(?![\w'’-])", text, re.IGNORECASE)
               for form in forms if form)


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


def _ambiguous(refs: dict, render_cites) -> list[list[str]]:
    """The groups of works whose cites print alike (nothing is no cite)."""
    seen: dict[str, list[str]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        texts = render_cites(list(refs))
    for key, text in zip(refs, texts, strict=True):
        if text:
            seen.setdefault(text, []).append(key)
    return [group for group in seen.values() if len(group) > 1]


def _add_names(group: list[str], refs: dict, render_cites) -> None:
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
        rendered = dict(zip(group, render_cites(group), strict=True))
        pending = [k for k in pending
                   if any(rendered[o] == rendered[k] and authors[o] != authors[k]
                          for o in group)]
    for key in pending:  # more names do not help: keep the style's et al.
        refs[key][DISAMBIGUATION] = dict(refs[key].get(DISAMBIGUATION) or {}, names=None)


def _names_key(ref) -> tuple:
    return tuple((n.get("family"), n.get("given"), n.get("literal")) for n in _primary(ref))


def _suffix(n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[n] if n < 26 else letters[n // 26 - 1] + letters[n % 26]
