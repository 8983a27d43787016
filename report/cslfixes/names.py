"""Names read and joined as people write them (CSL 1.0.2, "Name-part Order").

citeproc-py took a suffix or particle written in the given name for more
given names ("H. L. J."), "van Gogh" for a surname, a CJK given name for a
particle ("王, . 小明 ."), joined a particle that ends in an apostrophe with
a space ("d’ Alembert") and a name's parts as plain text ("Cole,  Cy").
"""

from __future__ import annotations

import re
from bisect import bisect_right

from citeproc import model, string
from citeproc.source import Name
from citeproc.source import json as csljson

from .initials import all_lowercase

# What a particle that joins the family name ends in: "d’Alembert", "al-Farabi".
_JOINING = ("'", "\u2019", "-")


# citeproc-js reads the parts of a name as people write them (its
# "parse-names", on unless a name says otherwise), and so must we, or a
# name prints with stray marks: a suffix after a comma in the given name
# ("Henry Louis, Jr." → "Gates, H. L., Jr.", not "H. L. J."), particles
# that end it ("Ludwig van" → "Beethoven, L. van.", not "L. van ."), and an
# empty part is no part ("given": "" → "Nakamura.", not "Nakamura, .").
def as_written() -> None:
    original = csljson.CiteProcJSON.parse_names

    def parse_names(self, names):
        return original(self, [name_as_written(n) if isinstance(n, dict) else n
                               for n in names])

    csljson.CiteProcJSON.parse_names = parse_names


def name_as_written(name: dict) -> dict:
    """The CSL-JSON name with its suffix and dropping particle read out of
    `given`, as citeproc-js reads them, and without empty parts."""
    name = {part: value for part, value in name.items()
            if not (isinstance(value, str) and not value.strip())}
    name = _family_particle(name)
    given = name.get("given")
    if "literal" in name or not isinstance(given, str):
        return name
    if "," in given and not name.get("suffix"):
        given, _, suffix = (p.strip() for p in given.partition(","))
        # "Frank G.,! Jr.": citeproc-js's mark of a suffix after a comma,
        # which neither engine prints ("Bennett, F. G., ! Jr." was ours).
        suffix = suffix.removeprefix("!").strip()
        if suffix.replace(".", "").strip() != "et al":  # "et al." written as a name
            name["suffix"] = suffix
    words = given.split()
    particles = []
    # At least a name stays ("bell"), and a name wholly in lowercase has no
    # particle ("danah michele" → "d. m.", APA's).
    while len(words) > 1 and words[-1][:1].islower() and not all_lowercase(given):
        particles.insert(0, words.pop())
    if particles and not name.get("dropping-particle"):
        name["dropping-particle"] = " ".join(particles)
        given = " ".join(words)
    if given:
        name["given"] = given
    else:
        name.pop("given", None)
    return name


def _family_particle(name: dict) -> dict:
    """A family name's leading words in lowercase are its particle, "van
    Gogh" and "de la Cruz", as citeproc-js and pandoc read them: a style that
    demotes it lists "Gogh, Vincent van" under G (Chicago's); APA's keeps
    "van Gogh, V.". citeproc-py took "van Gogh" for the surname."""
    family = name.get("family")
    if not isinstance(family, str) or "literal" in name \
            or name.get("non-dropping-particle") or name.get("parse-names") is False:
        return name
    quoted = _QUOTED.match(family.strip())
    if quoted:  # '"van Happel"': the family name as written, no particle read out
        return dict(name, family=quoted[1])
    words = family.split()
    particle = []
    while len(words) > 1 and words[0][:1].islower():
        particle.append(words.pop(0))
    # "d’Aubignac", "al-Farabi": a particle joined to the name (citeproc-js's
    # PARTICLE_FAMILY_REGEXP), which a style that demotes particles moves.
    joined = _JOINED_PARTICLE.match(words[0]) if words[0][:1].islower() else None
    if joined:
        particle.append(joined[1])
        words[0] = words[0][joined.end():]
    if not particle:
        return name
    return dict(name, family=" ".join(words),
                **{"non-dropping-particle": _joined(particle)})


# A family name in double quotes is one name as written, as citeproc-js reads
# it: "van Happel", not “van Happel” with the particle "van" read out.
_QUOTED = re.compile(r'^["\u201c](.+)["\u201d]$')
_JOINED_PARTICLE = re.compile(r"^([^\W\d_]+['\u2019\u02bb-])(?=[^\W\d_])")


def _joined(words: list[str]) -> str:
    """Particles as one: "de la", "in d’" (no space after a joining one)."""
    return "".join(w + ("" if w.endswith(_JOINING) else " ") for w in words).strip()


# citeproc-js and pandoc print a name in a CJK script as it is written:
# family name first, then the given name, with neither a comma nor a space,
# and no initials: "王小明." and "김지영", where citeproc-py took the given
# name, which has no capitals, for a particle: "王, . 小明 .". Short forms
# are the family name alone already: "(王, 2020)".
# The scripts' blocks, (first, last) code point, in order: Hangul Jamo, CJK
# radicals, kana, bopomofo, Hangul compatibility Jamo and kanbun, the
# ideographs, Hangul syllables, compatibility ideographs. Looked up by
# bisection: as a character class, they took 2 ms to compile.
CJK_BLOCKS = ((0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3040, 0x30FF), (0x3100, 0x31FF),
              (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF))
_CJK_FIRSTS = [first for first, _ in CJK_BLOCKS]
_LETTER = re.compile(r"[^\W\d_]")


def cjk(char: str) -> bool:
    """Whether `char` is in one of CJK_BLOCKS."""
    at = bisect_right(_CJK_FIRSTS, ord(char)) - 1
    return at >= 0 and ord(char) <= CJK_BLOCKS[at][1]


def is_cjk(name) -> bool:
    """A person's name written in Chinese, Japanese or Korean script alone."""
    if "literal" in name:
        return False
    text = f"{name.get('family') or ''}{name.get('given') or ''}"
    return not text.isascii() and any(map(cjk, text)) and \
        all(map(cjk, _LETTER.findall(text)))


def cjk_whole(name):
    """The name as it prints in full: family name, then given name, no space."""
    parts = {"family": f"{name.get('family') or ''}{name.get('given') or ''}"}
    if name.get("suffix"):
        parts["suffix"] = name["suffix"]
    return Name(**parts)


def in_cjk_scripts() -> None:
    original = model.Name.process

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        names = item.reference.get(variable)
        if (not names or not any(is_cjk(n) for n in names)
                or self.get_option("form", context, sort_options) != "long"):
            return original(self, item, variable, context, sort_options, **kwargs)
        item.reference[variable] = [cjk_whole(n) if is_cjk(n) else n for n in names]
        try:
            return original(self, item, variable, context, sort_options, **kwargs)
        finally:
            item.reference[variable] = names

    model.Name.process = process


# --- name parts ----------------------------------------------------------------

# A name's parts meet at the sort-separator as all other rendered pieces meet
# (citeproc-py's string.join): no double space where a part's suffix ends
# with one, "Cole, Cy" for a family name-part with suffix ", " and
# sort-separator " " (atlande's), as citeproc-js and pandoc print it;
# citeproc-py joined them as plain text, "Cole,  Cy".
class _SeamSeparator(str):
    def join(self, parts):
        return string.join(list(parts), str(self))


def parts_joined_at_seams() -> None:
    original = model.Name.get_option

    def get_option(self, name, context=None, sort_options=None):
        value = original(self, name, context, sort_options)
        return _SeamSeparator(value) if name == "sort-separator" else value

    model.Name.get_option = get_option


# A particle that ends in an apostrophe or a hyphen joins the family name
# with no space (CSL 1.0.2, "Name-part Order"): "d’Alembert, J.", "de’Medici",
# "John d’Jones", as citeproc-js and pandoc print them; citeproc-py joined
# all parts with spaces, "d’ Alembert". Where the style demotes particles
# (Chicago's demote-non-dropping-particle="display-and-sort") and the name
# is inverted, the particle goes after the given name, as both engines put
# it: "Aubignac, François d’", "Farabi, Abu Nasr al-", listed under A and F.
# A style that demotes them for sorting only (demote-non-dropping-particle=
# "sort-only", harvard-cite-them-right's, ASA's) lists "van Gogh" under G.
_naming: list[tuple[bool, set, bool]] = []  # (long form, inverted names, demoting), innermost last


def particles_that_join() -> None:
    original_parts, original_process = Name.parts, model.Name.process

    def parts(self):
        given, family, dropping, particle, suffix = original_parts(self)
        long, inverted, demoting = _naming[-1] if _naming else (False, (), False)
        turned = id(self) in inverted
        if particle and family and particle.endswith(_JOINING) and not (turned and demoting):
            return given, particle + family, dropping, None, suffix
        if dropping and family and dropping.endswith(_JOINING) and not particle \
                and long and not turned:
            return given, dropping + family, None, None, suffix
        return given, family, dropping, particle, suffix

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        def option(name):
            return self.get_option(name, context, sort_options)
        if sort_options and "name-as-sort-order" in sort_options \
                and option("demote-non-dropping-particle") == "sort-only":
            # A sort key (cs:key) demotes, as both engines sort "van Gogh"
            # under G in harvard-cite-them-right and ASA; citeproc-py did not.
            sort_options = dict(sort_options, **{
                "demote-non-dropping-particle": "display-and-sort"})
        names = item.reference.get(variable) or []
        if not any(_joins(original_parts(n)) for n in names if isinstance(n, Name)):
            return original_process(self, item, variable, context, sort_options, **kwargs)
        order, long = option("name-as-sort-order"), option("form") == "long"
        inverted = {id(n) for i, n in enumerate(names)
                    if long and (order == "all" or order == "first" and i == 0)}
        _naming.append((long, inverted,
                        option("demote-non-dropping-particle") == "display-and-sort"))
        try:
            return original_process(self, item, variable, context, sort_options, **kwargs)
        finally:
            _naming.pop()

    Name.parts = parts
    model.Name.process = process


def _joins(parts) -> bool:
    """Whether a name has a particle that joins the family name ("d’")."""
    return any(p and p.endswith(_JOINING) for p in parts[2:4])
