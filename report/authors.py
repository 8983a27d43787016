"""Authors, their affiliations and the author note, as the front matter
gives them: plain (`author: [A, B]`, `affiliation:`), or as Quarto and
apaquarto write them (affiliations with an `id` that other authors `ref`,
`department`, `corresponding: true`, CRediT `roles`, and an `author-note:`
of `status-changes` and `disclosures` from which the note is composed), or
as papaja writes them (a top-level `affiliation:` list of `id` and
`institution` that authors name by id, "1,2"; the author's own `address`;
an `authornote:` text, to which the roles and correspondence are added).

The composed note follows APA 7 §2.7.3, in its order: ORCID iDs, changes
of affiliation, disclosures and acknowledgments, then correspondence.
"""

from __future__ import annotations

from .labels import joined
from .model import Author, Link, Para, Text

STATUS_CHANGES = ("affiliation-change", "deceased")
DISCLOSURES = ("study-registration", "data-sharing", "related-report", "conflict-of-interest",
               "financial-support", "gratitude", "authorship-agreements")
# apaquarto's switches for the note's parts: each leaves one out.
SUPPRESS = ("suppress-author-note", "suppress-orcid", "suppress-status-change-paragraph",
            "suppress-disclosures-paragraph", "suppress-credit-statement",
            "suppress-corresponding-paragraph")


def read(fm) -> list[Author]:
    """`author:` as a name, or a list of names or {name, affiliation(s), ...}."""
    value = fm.data.get("author")
    if not value:
        return []
    from .typography import typographic
    entries = _as_list(value)
    places = _defined_places(fm, entries)
    authors = [_author(fm, entry, places) for entry in entries]
    for author in authors:
        author.name, author.address = typographic(author.name), typographic(author.address)
        author.affiliation = [typographic(a) for a in author.affiliation]
    return authors


def affiliations(meta) -> list[str]:
    """Every affiliation once, in the order the authors name them, then the
    front matter's own `affiliation:`: the title page's lines."""
    found = [x for a in meta.authors for x in a.affiliation] + meta.affiliations
    return list(dict.fromkeys(x for x in found if x))


def numbered(meta) -> bool:
    """Superscript numbers tie names to affiliations only where authors'
    affiliations differ (APA §2.6); shared ones need none."""
    return len({tuple(a.affiliation) for a in meta.authors if a.name}) > 1


def marks(author: Author, places: list[str]) -> str:
    """The numbers of an author's affiliations among `places`: "1", "1,3"."""
    return ",".join(str(places.index(x) + 1) for x in author.affiliation if x in places)


def _author(fm, entry, places: dict) -> Author:
    if isinstance(entry, (str, int, float)):
        return Author(name=str(entry))
    if not isinstance(entry, dict):
        raise fm.fail("author", "must be a name or a list of names")
    sub = fm.nested(entry, "author")
    given = _as_list(entry.get("affiliations", entry.get("affiliation")))
    found = [_place(fm, item, places) for item in _by_id(given, places)]
    return Author(name=_name(sub, entry), affiliation=[_line(p) for p in found if _line(p)],
                  orcid=sub.text("orcid"), email=sub.text("email"),
                  corresponding=_corresponding(entry),
                  roles=_roles(entry.get("roles") or entry.get("role")),
                  address=sub.text("address") or (_address(found[0]) if found else ""),
                  note=sub.text("note"))


def _corresponding(entry: dict) -> bool:
    """`corresponding: true`, or under Quarto's normalized `attributes:`."""
    attributes = entry.get("attributes")
    nested = attributes.get("corresponding") if isinstance(attributes, dict) else None
    return entry.get("corresponding", nested) is True


def _by_id(given: list, places: dict) -> list:
    """papaja names an author's affiliations by their ids, "1,2" or 1: each
    becomes a `ref`. Text that is not all ids is an affiliation's name."""
    named = []
    for item in given:
        ids = [part.strip() for part in str(item).split(",")]
        if isinstance(item, (str, int)) and places and all(i in places for i in ids):
            named += [{"ref": i} for i in ids]
        else:
            named.append(item)
    return named


def _name(sub, entry) -> str:
    """A name as text, or Quarto's {given, family} or {literal}, alone or
    in a list of one (apaquarto's example writes `name: - given: …`)."""
    name = entry.get("name")
    if isinstance(name, list) and len(name) == 1:
        name = name[0]
    if isinstance(name, dict):
        literal = name.get("literal") or " ".join(
            str(name[k]) for k in ("given", "family") if name.get(k))
        return str(literal)
    return sub.text("name")


def _defined_places(fm, entries) -> dict:
    """Affiliations by `id`, wherever defined: the top-level `affiliations:`
    list (papaja's `affiliation:`) or any author's own."""
    places = {}
    top = fm.data.get("affiliations") or defined_affiliations(fm.data)
    listed = [a for e in entries if isinstance(e, dict)
              for a in _as_list(e.get("affiliations", e.get("affiliation")))]
    for place in _as_list(top) + listed:
        if isinstance(place, dict) and place.get("id") is not None:
            places[str(place["id"])] = place
    return places


def defined_affiliations(front: dict) -> list[dict]:
    """papaja's top-level `affiliation:`, a list of {id, institution}:
    definitions that authors name, not title-page lines of their own."""
    value = front.get("affiliation")
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return value
    return []


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value] if value else []


def _place(fm, item, places: dict):
    """An affiliation: text, or a mapping (name, department, address...),
    or `ref:` to one defined elsewhere."""
    if isinstance(item, (str, int, float)):
        return {"name": str(item)}
    if not isinstance(item, dict):
        raise fm.fail("author", "has an affiliation that is neither text nor a mapping")
    if "ref" in item:
        ref = str(item["ref"])
        if ref not in places:
            raise fm.fail("author", f"refers to the affiliation '{ref}', which none defines",
                          f"give one affiliation 'id: {ref}' or fix the 'ref'")
        return places[ref]
    return item


# What names an affiliation, in the title page's order; `institution` is papaja's `name`.
_NAMED = ("group", "department", "name", "institution")


def _line(place: dict) -> str:
    """The title page's line for an affiliation: department and institution
    (APA §2.6), else the city and region."""
    parts = [str(place[k]) for k in _NAMED if place.get(k)]
    return ", ".join(parts or [str(place[k]) for k in ("city", "region") if place.get(k)])


def _address(place: dict) -> str:
    """Where to write to: "Department, University, 1 Main St., City, ST 12345, Country"."""
    parts = [str(place[k]) for k in (*_NAMED, "address", "city") if place.get(k)]
    region = " ".join(str(place[k]) for k in ("region", "state", "postal-code")
                      if place.get(k))  # Quarto's `state` is `region`'s alias
    parts += [region] if region else []
    parts += [str(place["country"])] if place.get("country") else []
    return ", ".join(parts)


def _roles(value) -> list[str]:
    """CRediT roles: names, or {role, vocab-term, degree-of-contribution}."""
    roles = []
    for role in _as_list(value):
        if isinstance(role, dict):
            name = role.get("vocab-term") or role.get("role") or ""
            degree = role.get("degree-of-contribution")
            roles.append(f"{name} ({degree})" if degree else str(name))
        else:
            roles.append(str(role))
    return [r for r in roles if r]


def composed_note(authors: list[Author], note: dict, switches: dict, inline,
                  words: dict, written: list = ()) -> list:
    """The author note from its parts, those that are there and not switched
    off, its sentences in `words`' language (labels.toml); `inline(text)`
    reads a part's Markdown. `written`, papaja's note as text, stands where
    the changes and disclosures would."""
    if switches.get("suppress-author-note"):
        return []
    parts = [
        [] if switches.get("suppress-orcid") else [_orcid(a) for a in authors if a.orcid],
        list(written),
        _authors_notes(authors, inline),
        [] if switches.get("suppress-status-change-paragraph") else
        _joined(note, "status-changes", STATUS_CHANGES, inline),
        [] if switches.get("suppress-disclosures-paragraph") else
        _joined(note, "disclosures", DISCLOSURES, inline),
        [] if switches.get("suppress-credit-statement") else _credit(authors, words),
        [] if switches.get("suppress-corresponding-paragraph") else
        _correspondence(authors, note.get("correspondence-note"), inline, words),
    ]
    return [paragraph for part in parts for paragraph in part]


def _authors_notes(authors: list[Author], inline) -> list[Para]:
    """Quarto's `note:` on an author (a journal template's footnote to the
    name: "Now at …"), in the authors' order: APA has no footnotes on the
    title page and puts such news in the author note (§2.7.3)."""
    texts = [" ".join(a.note.split()) for a in authors if a.note.strip()]
    return [Para(inline(" ".join(texts)))] if texts else []


def _orcid(author: Author) -> Para:
    url = f"https://orcid.org/{author.orcid.removeprefix('https://orcid.org/')}"
    return Para([Text(f"{author.name} "), Link([Text(url)], url)])


def _joined(note: dict, group: str, keys: tuple, inline) -> list[Para]:
    """One paragraph of the parts of `group` given, in APA's order; the parts
    may also stand right under `author-note:`, as apaquarto allows, or the
    group be one text."""
    values = note.get(group) or {}
    if isinstance(values, list):  # sentences, one by one
        values = " ".join(str(v) for v in values if v)
    if not isinstance(values, dict):
        values = {keys[0]: values}
    texts = [str(part).strip() for part in ({**note, **values}.get(k) for k in keys) if part]
    return [Para(inline(" ".join(texts)))] if texts else []


def _credit(authors: list[Author], words: dict) -> list[Para]:
    credited = [a for a in authors if a.roles]
    if not credited:
        return []
    sentences = "; ".join(f"{a.name}{words['colon']} {joined(words, a.roles)}" for a in credited)
    return [Para([Text(words["credit"] + sentences + ".")])]


def _correspondence(authors: list[Author], written, inline, words: dict) -> list[Para]:
    """APA's "Correspondence concerning this article…" for the corresponding
    author (or as written in `correspondence-note`)."""
    if written:
        return [Para(inline(str(written)))]
    author = next((a for a in authors if a.corresponding), None)
    if author is None:
        return []
    text = words["correspondence"] + ", ".join(p for p in (author.name, author.address) if p)
    if not author.email:
        return [Para([Text(text + ".")])]
    return [Para([Text(f"{text}. {words['email']}{words['colon']} "),
                  Link([Text(author.email)], f"mailto:{author.email}")])]
