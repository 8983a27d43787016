"""CSL variables written in an entry's `note`, as Zotero's Extra field holds them.

Zotero has no field for many CSL variables (the original date of a
reprint, a translator of a report), so its users write them in Extra,
one `name: value` a line or `{:name: value}`, and Zotero's and Better
BibTeX's exports (and Mendeley's) carry them in `note`:

    "note": "Citation Key: freud1900\\noriginal-date: 1900\\ntranslator: Strachey || James"

citeproc-js (Zotero's engine) and pandoc read them as the item's own
variables, so a reprint is "(Freud, 1900/2010)" there; citeproc-py does
not. We read them as citeproc-js does: the lines at the note's top (its
first line may be something else, such as Better BibTeX's "Citation
Key: …"), up to the first line that is no `word: text`; a name as
`family || given` or whole; `type` and dates win over the entry's own,
any other variable only fills one the entry lacks.
"""

from __future__ import annotations

import re

from . import cslschema

# citeproc-js's forms: a lowercase variable name or an all-capitals one
# (DOI, URL, ISBN); "Original Date:" is Zotero's field label, not a variable.
_LINE = re.compile(r"^([-_a-z]+|[A-Z]+):\s*([^}]+)$")
_BRACED = re.compile(r"\{:([-_a-z]+|[A-Z]+):([^}]+)\}")


def from_note(items) -> list:
    """`items` with the variables their notes hold; the note keeps the rest."""
    if not isinstance(items, list):
        return items
    return [_with_fields(item) if isinstance(item, dict) and isinstance(item.get("note"), str)
            else item for item in items]


def _with_fields(item: dict) -> dict:
    fields, rest = _fields(item["note"])
    if not fields:
        return item
    item = dict(item)
    names: dict[str, list] = {}
    for name, value in fields:
        kind = cslschema.kind_of(name)
        if name == "type":
            if value in cslschema.item_types():
                item["type"] = value
        elif kind == "dates":
            item[name] = {"raw": value}
        elif kind and name not in item:
            if kind == "names":
                names.setdefault(name, []).append(_name(value))
            else:
                item[name] = value
    item.update(names)
    item["note"] = rest
    return item


def _fields(note: str) -> tuple[list[tuple[str, str]], str]:
    """The (variable, value) pairs at the note's top, and the note without them.

    A line `word: text` whose word is no CSL variable ("https://…", "see:
    chapter 2") is the note's own text: it stays, and the fields go on
    after it, as Zotero has citeproc-js read them (only its fields go)."""
    lines = _unbraced(note).split("\n")
    fields, taken = [], set()
    for number, line in enumerate(lines):
        found = _LINE.match(line)
        if found and found[2].strip():
            if found[1] == "type" or cslschema.kind_of(found[1]):
                fields.append((found[1], found[2].strip()))
                taken.add(number)
        elif line.strip() and number > 0:
            break  # the first line may be anything; a later one ends the fields
    return fields, "\n".join(l for n, l in enumerate(lines) if n not in taken).strip()


def _unbraced(note: str) -> str:
    """Each `{:name: value}` on a line of its own, where citeproc-js reads it:
    on the first line, or after nothing but other fields."""
    lines = note.split("\n")
    out = []
    for number, line in enumerate(lines):
        before = _BRACED.split(line)[0]
        if _BRACED.search(line) and (number == 0 or not before.strip()):
            line = _BRACED.sub(lambda m: f"\n{m[1]}: {m[2].strip()}\n", line)
        out.append(line)
    return "\n".join(out)


def _name(value: str) -> dict:
    family, bar, given = value.partition("||")
    if not bar:
        return {"literal": value.strip()}
    return {"family": family.strip(), "given": given.strip()}
