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

Another style's rule may go on to full given names where initials are
alike, "(John Doe 2000; Jack Doe 2000)" (CSL 1.0.2, "all-names",
"primary-name", "by-cite"), and, by "by-cite", tell apart later names
too, "(Smith, Brown and J. Jones, 2010)"; added names stay for the cites
they set apart, though others still need year suffixes.

Another style asks for some of them; a cite is ambiguous when its whole
text is another's, as citeproc-js and pandoc compare them. Cites still
alike after the methods render with CSL's `disambiguate="true"` test true
(`CONDITION`): MLA's "(Smith, Two; Smith, One)" for two works by one Smith.
The specification (1.0.2) puts that test before the year suffix;
citeproc-js and pandoc try it after, and so do we, as citeproc-js: a work
given a year suffix is told apart.
"""

from __future__ import annotations

import copy
import re
import warnings

from citeproc import model
from citeproc.source import Name
from citeproc.string import String

from .cslfixes import RENDERING
from .cslfixes.names import cjk_whole, is_cjk

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
            names = item.reference.get(variable)
            full = _entry_given(self, context, item.reference, variable)
            if full:
                options = dict(options or {}, **{"initialize-with": None})
                item.reference[variable] = full
            try:
                return original(self, item, variable, context, options, **kwargs)
            finally:
                item.reference[variable] = names
        settings = item.reference.get(DISAMBIGUATION) if _in_citation() else None
        if not settings or sort_options:
            return original(self, item, variable, context, sort_options, **kwargs)
        names = item.reference.get(variable)
        options = _shown(settings.get("names"), names)
        levels = settings.get("given")
        if levels and names and variable == _primary_variable(item.reference):
            item.reference[variable] = [
                _expanded(self, name, level, context, settings.get("initials_only"))
                if level and _is_person(name) else name
                for name, level in zip(names, levels + [0] * len(names))]
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


def _entry_given(element, context, reference, variable) -> list | None:
    """The names of an entry whose cites were told apart by full given
    names, where the entry would print initials: those names in full, the
    others initialized as before (Harvard's "Doe, John (2000)" for the
    cite "(John Doe, 2000)", as both engines print it), to be rendered
    with no `initialize-with`. None where nothing changes."""
    levels = (reference.get(DISAMBIGUATION) or {}).get("given")
    if not levels or 2 not in levels or variable != _primary_variable(reference):
        return None
    mark = element.get_option("initialize-with", context)
    if mark is None:
        return None
    names = reference.get(variable)
    return [name if level == 2 or not _is_person(name) else _initialized(element, name, mark,
                                                                          context)
            for name, level in zip(names, levels + [0] * len(names))]


def _initialized(element, name, mark: str, context):
    initialized = copy.copy(name)
    initialized["given"] = element.initialize(name["given"], mark, context)
    return initialized


def _in_bibliography() -> bool:
    return bool(RENDERING) and RENDERING[-1].getparent().tag.endswith("}bibliography")


def _in_citation() -> bool:
    return bool(RENDERING) and RENDERING[-1].getparent().tag.endswith("}citation")


def _citation_layout(context) -> bool:
    parent = context.getparent() if context is not None else None
    return parent is not None and parent.tag.endswith("}citation")


def _is_person(name) -> bool:
    return "literal" not in name and bool(name.get("given"))


def _expanded(element, name, level: int, context, initials_only: bool = False):
    """The name in its long form, given name first, as CSL's given-name
    expansion shows it: at `level` 1 with the initials the style's
    `initialize-with` makes, "J. A. Smith", or its full given name where
    the style sets none, "John Smith" (chicago-author-date's "John Doe;
    Jack Doe"); at level 2 with its full given name. A rule "-with-initials"
    (`initials_only`, APA's) stops at initials, "J. A." where the style
    sets none. A suffix follows with no comma, "M. L. King Jr." (as
    citeproc-js prints a name in its display order); a name in a CJK
    script is whole, "王小明".

    Given as a literal so the short form the style asks for prints it whole.
    """
    if is_cjk(name):
        return Name(literal=cjk_whole(name)["family"])
    given, family, dp, ndp, suffix = name.parts()
    mark = element.get_option("initialize-with", context)
    if level == 1 and (mark is not None or initials_only):
        given = element.initialize(given, mark if mark is not None else ". ", context).strip()
    return Name(literal=" ".join(p for p in (given, dp, ndp, family, suffix) if p))


# --- computing it ------------------------------------------------------------

def disambiguate(source, keys: list[str], render_cites, rank, methods: set[str],
                 rule: str = "by-cite", conditional: bool = False) -> None:
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
    of a cold citation stage). `rule`: the style's
    givenname-disambiguation-rule; "by-cite" (CSL's default) expands names
    only in cites they tell apart, the others in every cite (`_by_names`).
    """
    refs = {k: source[k] for k in keys}
    for ref in refs.values():
        for private in (DISAMBIGUATION, "year_suffix", CONDITION):
            ref.pop(private, None)
    by_cite = "givenname" in methods and rule == "by-cite"
    if "givenname" in methods and not by_cite:
        _by_names(refs, render_cites, rule)
    if "names" in methods or by_cite:
        for text, group in _alike_groups(refs, render_cites).items():
            _expand(text, group, refs, render_cites, "names" in methods, by_cite)
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


_PRIMARY = ("composer", "author", "illustrator", "director", "host", "producer",
            "editor", "editorial_director", "compiler", "curator", "collection_editor")


def _primary_variable(ref) -> str | None:
    return next((variable for variable in _PRIMARY if ref.get(variable)), None)


def _primary(ref):
    variable = _primary_variable(ref)
    return ref[variable] if variable else []


def _by_names(refs: dict, render_cites, rule: str) -> None:
    """A rule other than "by-cite" tells names apart wherever they appear,
    in every cite, "(J. A. Smith, 2020; M. Smith, 2021)" (APA §8.20): a
    name whose family name another name shares, with another given name,
    shows its initials, or its full given name where their initials are
    alike and the rule allows it (chicago-author-date's "Aloysius Asthma"
    and "Artemis Asthma"). The first author's only ("primary-name…") or
    every name's ("all-names…"). A work whose cite names no one takes its
    expansion back, and so does the other it alone made alike."""
    full = not rule.endswith("-with-initials")
    first_only = rule.startswith("primary-name")
    def settle(levels: dict) -> None:
        for key in refs:
            if key in levels:
                refs[key][DISAMBIGUATION] = {"given": levels[key], "initials_only": not full}
            else:
                refs[key].pop(DISAMBIGUATION, None)

    # Rendered as expanded, the cites disambiguation compares next
    # (remembered, so rendered once).
    levels = _name_levels(list(refs), refs, full, first_only)
    settle(levels)
    named = set(_named_in_cites(list(levels), refs, render_cites))
    if len(named) < len(levels):
        settle(_name_levels([k for k in refs if k in named or k not in levels], refs,
                            full, first_only))


def _name_levels(keys: list[str], refs: dict, full: bool, first_only: bool) -> dict:
    """For the works of `keys` whose names need telling apart, each name's
    expansion: 0 none, 1 initials, 2 full given name (see `_by_names`)."""
    def people(key):
        names = _primary(refs[key])
        return names[:1] if first_only else names

    # family -> given name as compared -> its initials
    givens: dict[str, dict] = {}
    for key in keys:
        for name in people(key):
            if _is_person(name):
                known = givens.setdefault(_family(name), {})
                if _given(name) not in known:
                    known[_given(name)] = _initials(name)
    levels = {}
    for key in keys:
        given = [_level(name, givens, full) if _is_person(name) else 0 for name in people(key)]
        if any(given):
            levels[key] = given
    return levels


def _level(name, givens: dict, full: bool) -> int:
    family = givens[_family(name)]
    if len(family) < 2:
        return 0
    mine = _given(name)
    initials = {i for compared, i in family.items() if compared != mine}
    if not full:
        # As APA: initials when the family's names have other initials,
        # "Ji-woo" and "Ji-yeon" Kim get year suffixes instead.
        return 1 if initials - {family[mine]} else 0
    return 2 if family[mine] in initials else 1


def _expand(text: str, group: list[str], refs: dict, render_cites, add_names: bool,
            by_cite: bool) -> None:
    """Tell the cites of `group`, printed alike, apart by their names: more
    names before "et al." (`add_names`), and, by CSL's "by-cite" rule,
    initials then full given names of the names shown. Each step is tried
    on every cite still alike another with other authors, and a cite keeps
    the last step that made it alike fewer others (CSL: names are added
    "until the cite is disambiguated"; citeproc-js): "(Smith, Brown, et al.,
    2010a, 2010b; Smith, Benson, et al., 2010)" when two works share all
    their authors and a third shares the first two, though the twins still
    need year suffixes. Works by the very same authors stay alike. `text`:
    the cite they all print."""
    authors = {k: _names_key(refs[k]) for k in group}
    texts = dict.fromkeys(group, text)
    states = {k: dict(refs[k].get(DISAMBIGUATION) or {}) for k in group}
    longest = max(len(_primary(refs[k])) for k in group)
    for count, position, level in _steps(group, refs, longest, add_names, by_cite):
        pending = [k for k in group
                   if any(texts[o] == texts[k] and authors[o] != authors[k] for o in group)]
        if not pending:
            break
        trials = {k: _step(states[k], count, position, level) for k in pending}
        for key in pending:
            refs[key][DISAMBIGUATION] = trials[key]
        tried = dict(texts, **dict(zip(pending, _quiet(render_cites, pending), strict=True)))
        for key in pending:
            if _alike(key, tried, group) < _alike(key, texts, group):
                states[key] = trials[key]
            refs[key][DISAMBIGUATION] = states[key]
        texts.update((k, tried[k]) for k in pending if states[k] is trials[k])
    for key in group:
        if not states[key]:
            refs[key].pop(DISAMBIGUATION, None)


def _steps(group: list[str], refs: dict, longest: int, add_names: bool, by_cite: bool):
    """The expansions `_expand` tries, in citeproc-js's order: the given
    name of the first name, initials then full ("(Jane Smith et al., 2010;
    John Smith et al., 2010)"), or of every name where no names are added;
    then, for each count of names, that count and the given name of the
    name it adds (each name once: trying all names at each count took
    seconds for sixty works of twenty-five authors). Only where the works'
    names there share a family and not a given name."""
    for count in [None] + (list(range(2, longest + 1)) if add_names else []):
        if count is not None:
            yield count, None, None
        if by_cite:
            shown = [count - 1] if count else range(1 if add_names else longest)
            for position in shown:
                if _given_differs(group, refs, position):
                    yield count, position, 1
                    yield count, position, 2


def _given_differs(group: list[str], refs: dict, position: int) -> bool:
    givens: dict[str, set] = {}
    for key in group:
        names = _primary(refs[key])
        if position < len(names) and _is_person(names[position]):
            name = names[position]
            givens.setdefault(_family(name), set()).add(_given(name))
    return any(len(g) > 1 for g in givens.values())


def _given(name) -> str:
    """The given name as names are told apart: "J. J." and "J.J." are one."""
    return " ".join(str(name.get("given", "")).replace(".", " ").split())


def _step(state: dict, count: int | None, position: int | None, level: int | None) -> dict:
    trial = dict(state)
    if count is not None:
        trial["names"] = count
    if position is not None:
        given = list(trial.get("given") or [])
        given += [0] * (position + 1 - len(given))
        given[position] = max(given[position], level)
        trial["given"] = given
    return trial


def _alike(key: str, texts: dict, group: list[str]) -> int:
    return sum(texts[o] == texts[key] for o in group if o != key)


def _quiet(render_cites, keys: list[str]) -> list[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return render_cites(keys)


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
    return list(_alike_groups(refs, render_cites).values())


def _alike_groups(refs: dict, render_cites) -> dict[str, list[str]]:
    """`_ambiguous`'s groups, by the text their cites print."""
    seen: dict[str, list[str]] = {}
    for key, text in zip(refs, _quiet(render_cites, list(refs)), strict=True):
        if text:
            seen.setdefault(text, []).append(key)
    return {text: group for text, group in seen.items() if len(group) > 1}


def _names_key(ref) -> tuple:
    return tuple((n.get("family"), n.get("given"), n.get("literal")) for n in _primary(ref))


def _suffix(n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[n] if n < 26 else letters[n // 26 - 1] + letters[n % 26]
