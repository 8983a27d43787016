"""Reading the bibliography: CSL-JSON, checked before citeproc-py sees it.

citeproc-py fails deep inside with a traceback on a malformed item; here a
bad entry is reported by file, line, entry id and field.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import ReportError

NAME_FIELDS = {
    "author", "editor", "translator", "container-author", "collection-editor",
    "composer", "director", "interviewer", "recipient", "reviewed-author",
    "editorial-director", "illustrator", "original-author", "chair", "compiler",
    "contributor", "curator", "executive-producer", "guest", "host", "narrator",
    "organizer", "performer", "producer", "script-writer", "series-creator",
}
DATE_FIELDS = {"issued", "accessed", "original-date", "event-date", "submitted",
               "available-date"}


def load(path: Path) -> list[dict]:
    text = _read(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportError(f"invalid JSON: {error.msg}", path, error.lineno, error.colno,
                          "fix the JSON syntax (a missing comma or quote?)") from None
    if isinstance(data, dict) and "items" in data:
        data = data["items"]
    if not isinstance(data, list):
        raise ReportError("CSL-JSON must be an array of references", path, 1, 1,
                          "export the library as CSL JSON")
    seen: dict[str, int] = {}
    for index, item in enumerate(data):
        _check_item(item, index, path, text, seen)
    return data


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReportError("the bibliography does not exist", path) from None
    except UnicodeDecodeError:
        raise ReportError("the bibliography is not UTF-8 text", path,
                          hint="save it as UTF-8") from None


def _check_item(item, index: int, path: Path, text: str, seen: dict) -> None:
    def fail(message, hint=""):
        raise ReportError(f"{label}: {message}", path, _line_of(item, text), 1, hint)

    label = f"entry {index + 1}"
    if not isinstance(item, dict):
        fail("is not an object")
    ident = item.get("id")
    if ident is None or str(ident).strip() == "":
        fail("has no 'id'", "give every reference a unique 'id', the key you cite")
    item["id"] = str(ident)
    label = f"entry '{ident}'"
    if not isinstance(item.get("type"), str) or not item["type"]:
        fail("has no 'type'", "add a CSL type such as 'article-journal' or 'webpage'")
    if str(ident).lower() in seen:
        fail(f"has the same id as entry {seen[str(ident).lower()] + 1}",
             "ids must be unique (letter case aside)")
    seen[str(ident).lower()] = index
    for field in NAME_FIELDS & item.keys():
        names = item[field]
        if not isinstance(names, list):
            fail(f"'{field}' must be a list of names")
        for name in names:
            if not isinstance(name, dict) or not (name.get("family") or name.get("literal")):
                fail(f"a name in '{field}' has neither 'family' nor 'literal'",
                     "write {\"family\": ..., \"given\": ...} or {\"literal\": ...}")
    for field in DATE_FIELDS & item.keys():
        _check_date(item[field], field, fail)


def _check_date(value, field: str, fail) -> None:
    if not isinstance(value, dict):
        fail(f"'{field}' must be an object with 'date-parts'")
    if "date-parts" not in value:
        if "raw" in value or "literal" in value:
            return
        fail(f"'{field}' has no 'date-parts'", "write {\"date-parts\": [[2025, 3, 1]]}")
    parts = value["date-parts"]
    ok = isinstance(parts, list) and parts and all(
        isinstance(p, list) and 1 <= len(p) <= 3 and all(_is_int(x) for x in p)
        for p in parts)
    if not ok:
        fail(f"'{field}' has bad 'date-parts' {json.dumps(parts)}",
             "write [[year, month, day]] with whole numbers, e.g. [[2025, 3, 1]]")
    for p in parts:
        if len(p) > 1 and not 1 <= int(p[1]) <= 12 or len(p) > 2 and not 1 <= int(p[2]) <= 31:
            fail(f"'{field}' has an impossible date {json.dumps(p)}")


def _is_int(value) -> bool:
    try:
        int(value)
        return not isinstance(value, bool)
    except (TypeError, ValueError):
        return False


def _line_of(item, text: str) -> int | None:
    """Where the entry stands in the file, found by its id."""
    ident = item.get("id") if isinstance(item, dict) else None
    if ident is None:
        return None
    position = text.find(json.dumps(str(ident)))
    return text.count("\n", 0, position) + 1 if position >= 0 else None
