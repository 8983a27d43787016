"""The CSL schema's vocabulary: item types and variables, by kind.

Read from the RELAX NG schema that the pinned citeproc-py ships
(citeproc/data/schema, the Citation Style Language's own schema files),
so that refs.json is checked against the specification's lists, not ours.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_DEFINITION = re.compile(r"^\s*([\w.-]+)\s*=\s*((?:\s*\|?\s*\"[^\"]+\")+)", re.M)


@cache
def vocabulary() -> dict[str, frozenset[str]]:
    """{"item-types": ..., "variables.names": ..., "variables.dates": ..., ...}"""
    import citeproc
    folder = Path(citeproc.__file__).parent / "data" / "schema" / "schemas" / "styles"
    out = {}
    for name in ("csl-types.rnc", "csl-variables.rnc"):
        text = re.sub(r"#.*", "", (folder / name).read_text(encoding="utf-8"))
        for match in _DEFINITION.finditer(text):
            out[match[1]] = frozenset(re.findall(r'"([^"]+)"', match[2]))
    return out


def item_types() -> frozenset[str]:
    return vocabulary()["item-types"]


def kind_of(field: str) -> str | None:
    """'names', 'dates', 'numbers', 'strings' or 'titles'; None if not CSL's."""
    for kind in ("names", "dates", "numbers", "strings", "titles"):
        if field in vocabulary().get(f"variables.{kind}", ()):
            return kind
    return None
