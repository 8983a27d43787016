"""YAML's numbers read as pandoc reads them, not as PyYAML does (YAML
1.1): `010` is text, a report's number as written, not eight; `1:20` is
text, not 80 (1.1's base 60); `1996_2004` is text, not 19962004. What else 1.1 reads
stays: `yes` and `no` are booleans, as R Markdown's papaja writes its
switches (`mask: no`, which pandoc would read as the word, true), and
dates are dates, as the front matter's `date:` is read."""

from __future__ import annotations

import re

import yaml

_INT, _FLOAT = ("tag:yaml.org,2002:" + kind for kind in ("int", "float"))


class Loader(yaml.SafeLoader):
    pass


Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag not in (_INT, _FLOAT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_WHOLE = r"^(?:[-+]?(?:0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$"
Loader.add_implicit_resolver(_INT, re.compile(_WHOLE), list("-+0123456789"))
Loader.add_implicit_resolver(_FLOAT, re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"), list("-+0123456789."))


def _integer(loader: Loader, node) -> int:
    text = loader.construct_scalar(node)
    base = {"0o": 8, "0x": 16}.get(text[:2], 10)
    return int(text[2:] if base != 10 else text, base)


Loader.add_constructor(_INT, _integer)


def load(text: str):
    return yaml.load(text, Loader=Loader)  # noqa: S506 — a safe loader


def compose(text: str):
    return yaml.compose(text, Loader=Loader)


def construct(node):
    """The value of a node `compose` gave, as `load` reads it: the text
    parsed once, for its values and its keys' lines."""
    if node is None:
        return None
    loader = Loader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()
